"""Named, parameterised SPARQL queries read from queries/*.rq and run with safe bindings.

Each .rq file starts with a header:

    # title: 按发文机关列出政策文件 / Documents by issuer
    # description: Every document issued by one body, newest first.
    # param: issuer  iri  发文机关 / issuing body
    # param: document  iri  required  文件 / document IRI

A parameter is optional (left empty, the query lists every value) unless the word `required`
follows its type: a query about one thing (the sections of a document) needs that thing.
Parameter values become RDF terms of the declared type first, then are bound by the store
(pyoxigraph substitutions, or a VALUES block serialised term by term for an endpoint);
a value is never pasted into the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from graph_store.protocol import GraphStore
from graph_store.results import QueryResult, Term
from graph_store.sandbox import query_form
from graph_store.settings import PROJECT_ROOT

QUERIES_DIR = PROJECT_ROOT / "queries"
XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = ("iri", "string", "zh", "integer", "decimal", "date", "year")
_HEADER = re.compile(r"^#\s*(title|description|param):\s*(.*)$")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# An xsd:decimal's lexical form: no exponent, no NaN or infinity.
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


class UnknownQueryError(LookupError):
    """No named query of that name."""


class ParameterError(ValueError):
    """A parameter value that cannot be read as its declared type, or an unknown parameter."""


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str
    label: str
    required: bool = False


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path | None = None

    @cached_property
    def form(self) -> str:
        """Return SELECT, ASK, CONSTRUCT or DESCRIBE, read from a parse (an IRI ending in /ASK
        before the form is no form)."""
        return query_form(self.text)


def parse_named_query(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """Return the NamedQuery a .rq file's text declares.

    >>> q = parse_named_query("# title: T\\n# param: year year 年份 / year\\nSELECT * {}", "x")
    >>> q.params[0]
    QueryParam(name='year', type='year', label='年份 / year', required=False)
    """
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    for line in text.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.group(1), match.group(2).strip()
        if key == "param":
            parts = value.split(None, 2)
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise ValueError(
                    f"{path or name}: bad param line {line!r}; expected "
                    f"'# param: NAME TYPE [required] LABEL' with TYPE one of {', '.join(PARAM_TYPES)}"
                )
            if not _VARIABLE.fullmatch(parts[0]):
                raise ValueError(
                    f"{path or name}: bad param name {parts[0]!r} in {line!r}; a name is a SPARQL "
                    "variable name of letters, digits and _, not starting with a digit"
                )
            label = parts[2] if len(parts) > 2 else ""
            required = re.match(r"required(?:\s+|$)", label) is not None
            if required:
                label = label[len("required") :].strip()
            params.append(QueryParam(parts[0], parts[1], label or parts[0], required))
        else:
            fields[key] = value
    if "title" not in fields:
        raise ValueError(f"{path or name}: the header has no '# title:' line")
    return NamedQuery(
        name, fields["title"], fields.get("description", ""), tuple(params), text, path
    )


def load_named_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Return every named query in `folder`, keyed by file name without .rq, sorted."""
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        queries[path.stem] = parse_named_query(path.read_text(encoding="utf-8"), path.stem, path)
    return queries


def find_query(spec: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """Return the query named `spec`, or read `spec` as a path to a .rq file.

    Raises:
        UnknownQueryError: neither a file nor a named query; lists the available names.
    """
    path = Path(spec)
    if spec.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise UnknownQueryError(f"no query file {spec}")
        text = path.read_text(encoding="utf-8")
        try:
            return parse_named_query(text, path.stem, path)
        except ValueError:
            # A plain .rq without a header is still a query; it just has no parameters.
            return NamedQuery(path.stem, path.stem, "", (), text, path)
    queries = load_named_queries(folder)
    if spec not in queries:
        raise UnknownQueryError(
            f"no named query {spec!r}. Available: {', '.join(queries) or '(none)'}"
        )
    return queries[spec]


def to_term(param: QueryParam, value: str) -> Term:
    """Return the RDF term a parameter value stands for, checked against the declared type.

    >>> to_term(QueryParam("y", "year", ""), "2019")
    <Literal value=2019 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> to_term(QueryParam("n", "zh", ""), "钟楼区")
    <Literal value=钟楼区 language=zh>
    """
    try:
        if param.type == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise ValueError("not an absolute IRI")
            return NamedNode(value)
        if param.type in ("integer", "year"):
            return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
        if param.type == "decimal":
            number = Decimal(value)
            if not number.is_finite():
                raise ValueError("not a finite number")
            lexical = format(number, "f")  # 1e5 → 100000: xsd:decimal has no exponent
            if not _DECIMAL.fullmatch(lexical):
                raise ValueError("not a decimal number")
            return Literal(lexical, datatype=NamedNode(XSD + "decimal"))
        if param.type == "date":
            return Literal(date.fromisoformat(value).isoformat(), datatype=NamedNode(XSD + "date"))
        if param.type == "zh":
            return Literal(value, language="zh")
        return Literal(value)
    except (ValueError, InvalidOperation) as err:
        reason = " ".join(str(err).split())  # one line, whatever the value held
        raise ParameterError(
            f"parameter {param.name}={value!r} is not a valid {param.type}: {reason}"
        ) from err


def bind_params(query: NamedQuery, values: dict[str, str]) -> dict[str, Term]:
    """Return the bindings for `values`, each converted to its declared RDF term.

    Raises:
        ParameterError: an unknown parameter name, a value of the wrong type, or a required
            parameter left out or empty.
    """
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ParameterError(
            f"query {query.name!r} has no parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(declared) or '(none)'}"
        )
    missing = [p for p in query.params if p.required and not values.get(p.name, "")]
    if missing:
        raise ParameterError(
            f"query {query.name!r} needs "
            + ", ".join(f"{p.name} ({p.type}: {p.label})" for p in missing)
        )
    return {name: to_term(declared[name], value) for name, value in values.items() if value != ""}


def run_named_query(
    store: GraphStore,
    query: NamedQuery,
    values: dict[str, str] | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a SELECT named query with its parameters bound safely."""
    return store.select(query.text, bind_params(query, values or {}), limit=limit)
