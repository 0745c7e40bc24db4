"""The named-query header parser and the parameter binder (graph_store/named_queries.py,
graph_store/endpoint.bind_values, graph_store/sandbox.with_values): headers round-trip, values
become valid terms or a ParameterError, and a bound value never changes the query's structure."""

from __future__ import annotations

import re

import pyoxigraph as ox
from hypothesis import assume
from hypothesis import strategies as hs

from graph_store.endpoint import bind_values
from graph_store.named_queries import (
    PARAM_TYPES,
    XSD,
    ParameterError,
    QueryParam,
    parse_named_query,
    to_term,
)
from graph_store.sandbox import query_form, with_values
from graph_store.sparql_check import read_query
from tests.fuzz.profile import fuzz

_LABEL = hs.text(hs.sampled_from("文件发文机关年份辖区 /abcXYZ.,()"), max_size=20).map(str.strip)
_NAME = hs.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)


@hs.composite
def headers(draw: hs.DrawFn) -> tuple[str, str, list[QueryParam]]:
    title = draw(_LABEL.filter(bool))
    description = draw(_LABEL)
    names = draw(hs.lists(_NAME, max_size=4, unique=True))
    params = [
        QueryParam(
            name, draw(hs.sampled_from(PARAM_TYPES)), draw(_LABEL) or name, draw(hs.booleans())
        )
        for name in names
    ]
    lines = [f"# title: {title}", f"#description:{description}"]
    space = draw(hs.sampled_from([" ", "  "]))
    for p in params:
        required = f"{space}required" if p.required else ""
        lines.append(f"# param: {p.name}{space}{p.type}{required}{space}{p.label}")
    lines.append("SELECT * WHERE { ?s ?p ?o }")
    return "\n".join(lines), title, params


@fuzz(header=headers())
def test_a_generated_header_parses_back_to_its_parts(
    header: tuple[str, str, list[QueryParam]],
) -> None:
    text, title, params = header
    query = parse_named_query(text, "q")
    assert query.title == title
    assert list(query.params) == params


@fuzz(
    name=_NAME,
    kind=hs.sampled_from(PARAM_TYPES),
    label=_LABEL.filter(bool),
    space=hs.sampled_from(["\t", " \t", "\t "]),
)
def test_a_header_separated_by_tabs_parses_like_one_separated_by_spaces(
    name: str, kind: str, label: str, space: str
) -> None:
    text = f"# title: T\n# param: {name}{space}{kind}{space}required{space}{label}\nASK {{}}"
    assert parse_named_query(text, "q").params == (QueryParam(name, kind, label, True),)


_HEADER_PIECES = ["# title:", "# param:", " ", "iri", "required", "x", "\n", "#", "年", "\t"]


@fuzz(text=hs.lists(hs.sampled_from(_HEADER_PIECES), max_size=30).map("".join))
def test_any_header_parses_or_raises_a_value_error(text: str) -> None:
    try:
        parse_named_query(text, "q")
    except ValueError as err:
        assert "q" in str(err)


@fuzz(name=hs.from_regex(r"[^\s]{1,8}", fullmatch=True))
def test_a_param_name_that_is_no_sparql_variable_is_refused_when_read(name: str) -> None:
    text = f"# title: T\n# param: {name} iri label\nSELECT * WHERE {{ ?s ?p ?o }}"
    try:
        query = parse_named_query(text, "q")
    except ValueError:
        return
    assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", query.params[0].name)


_VALUES = hs.one_of(
    hs.text(max_size=30),
    hs.sampled_from(
        [
            "1e5",
            "NaN",
            "Infinity",
            "-0",
            "1_000",
            "٣",
            " 7 ",
            "2019-02-29",
            "20190101",
            "http://x/\n",
            "http://x/a b",
            "urn:x",
            '"} SERVICE <http://127.0.0.1/> {"',
        ]
    ),
)
_LEXICAL = {
    "integer": r"[+-]?\d+",
    "decimal": r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)",
    "date": r"-?\d{4,}-\d{2}-\d{2}",
}


def _check_term(kind: str, value: str) -> ox.NamedNode | ox.Literal | None:
    try:
        return to_term(QueryParam("x", kind, ""), value)
    except ParameterError:
        return None


@fuzz(
    kind=hs.sampled_from(PARAM_TYPES),
    value=hs.tuples(
        hs.sampled_from(["http://x/", "urn:a", "2019", ""]), hs.sampled_from("\n\r\x0b\x85\u2028")
    ).map("".join),
)
def test_a_parameter_error_is_one_line(kind: str, value: str) -> None:
    try:
        to_term(QueryParam("x", kind, ""), value)
    except ParameterError as err:
        assert "\n" not in str(err)


@fuzz(kind=hs.sampled_from([t for t in PARAM_TYPES if t != "decimal"]), value=_VALUES)
def test_a_parameter_value_becomes_a_valid_term_or_a_parameter_error(kind: str, value: str) -> None:
    term = _check_term(kind, value)
    if term is None:
        return
    datatype = "integer" if kind == "year" else kind
    if datatype in _LEXICAL:
        assert term.datatype == ox.NamedNode(XSD + datatype)
        assert re.fullmatch(_LEXICAL[datatype], term.value), term
    if kind == "iri":
        assert term.value == value


@fuzz(value=_VALUES)
def test_a_decimal_parameter_is_a_valid_xsd_decimal(value: str) -> None:
    term = _check_term("decimal", value)
    if term is not None:
        assert re.fullmatch(_LEXICAL["decimal"], term.value), term


_TERMS = hs.one_of(
    hs.builds(ox.Literal, hs.text(hs.characters(exclude_categories=("Cs",)), max_size=30)),
    hs.builds(
        lambda v, tag: ox.Literal(v, language=tag),
        hs.text(hs.characters(exclude_categories=("Cs",)), max_size=10),
        hs.sampled_from(["zh", "en", "zh-cn", "zh-Hans", "en-US", "add", "load", "de-CH-1996"]),
    ),
    hs.sampled_from(
        ["http://x/a", "urn:x:1", "http://x/é?q=1#f", "https://w3id.org/edukg/id/doc/1"]
    ).map(ox.NamedNode),
)


@fuzz(term=_TERMS, binder=hs.sampled_from(["with_values", "bind_values"]))
def test_a_bound_value_comes_back_as_it_is_and_never_changes_the_query(
    term: ox.NamedNode | ox.Literal, binder: str
) -> None:
    query = "SELECT ?x WHERE { }"
    bind = with_values if binder == "with_values" else bind_values
    bound = bind(query, {"x": term})
    reading = read_query(bound)
    assert reading.refusal is None and reading.form == "SELECT", (bound, reading)
    rows = list(ox.Store().query(bound))
    assert [row["x"] for row in rows] == [term]


@fuzz(
    word=hs.sampled_from(["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "select"]),
    form=hs.sampled_from(
        ["SELECT * WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"]
    ),
)
def test_a_named_querys_form_is_the_form_the_parser_reads(word: str, form: str) -> None:
    text = f"# title: T\nPREFIX w: <http://example.org/{word}/>\n{form}"
    assume(read_query(text).refusal is None)
    assert parse_named_query(text, "q").form == query_form(text)
