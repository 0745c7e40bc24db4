"""QueryResult: a SELECT answer both backends return, and its SPARQL results serialisations.

Rows hold pyoxigraph terms (NamedNode, Literal, BlankNode) or None for an unbound variable, so
the embedded store and a remote endpoint give identical values.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

Term = NamedNode | Literal | BlankNode
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class QueryResult:
    """The variables and rows of a SELECT result, plus whether a row cap cut it short."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def column(self, name: str) -> list[Term | None]:
        """Return one column's values, in row order."""
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def distinct(self) -> QueryResult:
        """Return the rows with each repeat left out, in first-seen order.

        A query without DISTINCT over the union default graph repeats a row once per document
        graph that states it (every document restates a school's name), so a count of rows is
        not a count of answers.

        >>> row = (Literal("西仓桥小学", language="zh"),)
        >>> len(QueryResult(("name",), (row, row)).distinct())
        1
        """
        return QueryResult(self.variables, tuple(dict.fromkeys(self.rows)), self.truncated)

    def values(self) -> list[dict[str, str | None]]:
        """Return rows as dicts of plain strings (IRIs and lexical forms), for tables."""
        return [
            {var: term_value(term) for var, term in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]


def solutions_to_result(answer: QuerySolutions, limit: int | None = None) -> QueryResult:
    """Return pyoxigraph SELECT solutions as a QueryResult, keeping at most `limit` rows.

    Both backends end here, so a row cap and its `truncated` flag behave the same everywhere.
    """
    variables = tuple(v.value for v in answer.variables)
    rows: list[tuple[Term | None, ...]] = []
    truncated = False
    for solution in answer:
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        # A solution iterates its values in the order of answer.variables (None where unbound);
        # tuple() over it is about a third cheaper than looking each variable up by name.
        rows.append(tuple(solution))
    return QueryResult(variables, tuple(rows), truncated)


def term_value(term: Term | None) -> str | None:
    """Return an IRI, a literal's lexical form, or a blank node's id (None stays None).

    >>> term_value(Literal("钟楼区", language="zh"))
    '钟楼区'
    """
    if term is None:
        return None
    return term.value


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(result: QueryResult) -> str:
    """Serialise as SPARQL 1.1 Query Results JSON."""
    bindings = [
        {var: _json_term(term) for var, term in zip(result.variables, row, strict=True) if term}
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def to_csv(result: QueryResult) -> str:
    """Serialise as SPARQL 1.1 Query Results CSV (values only, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if term is None else term.value for term in row])
    return out.getvalue()


def to_tsv(result: QueryResult) -> str:
    """Serialise as SPARQL 1.1 Query Results TSV (terms in N-Triples/Turtle form)."""
    lines = ["\t".join("?" + var for var in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if term is None else str(term) for term in row))
    return "\n".join(lines) + "\n"


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """Render an aligned plain-text table for a terminal (CJK characters count as two columns)."""

    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)

    def clip(text: str) -> str:
        if width(text) <= max_width:
            return text
        out, used = "", 0
        for ch in text:
            used += width(ch)
            if used > max_width - 1:
                break
            out += ch
        return out + "…"

    cells = [[clip(v or "") for v in row.values()] for row in result.values()]
    header = list(result.variables)
    widths = [max([width(h)] + [width(r[i]) for r in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True))

    rows = [line(header), line(["-" * w for w in widths])] + [line(r) for r in cells]
    footer = f"({len(result)} rows{', truncated' if result.truncated else ''})"
    return "\n".join(r.rstrip() for r in rows) + "\n" + footer + "\n"


RESULT_FORMATS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json}
