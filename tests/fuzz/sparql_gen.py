"""Generated SPARQL for the guard's properties: SERVICE and LOAD written every way the grammar
allows, the same queries without them, and keyword look-alikes that must run."""

from __future__ import annotations

from typing import NamedTuple

from hypothesis import strategies as hs

LISTENER = "http://127.0.0.1:1/"
_GAPS = [" ", "\n", "\t", "\r\n", "  ", " # SERVICE <http://x/> { } LOAD\n", "#x\r", "\n#{<\n"]
gaps = hs.sampled_from(_GAPS)


@hs.composite
def keyword(draw: hs.DrawFn, word: str, escape: bool = False) -> str:
    """`word` in any letter case, with one letter as a \\u or \\U escape when `escape`."""
    letters = [c.upper() if draw(hs.booleans()) else c.lower() for c in word]
    if escape:
        at = draw(hs.integers(0, len(letters) - 1))
        code = ord(letters[at])
        letters[at] = draw(hs.sampled_from([f"\\u{code:04X}", f"\\u{code:04x}", f"\\U{code:08X}"]))
    return "".join(letters)


def escape_iri(draw: hs.DrawFn, url: str) -> str:
    """`url` with some characters written as \\u escapes (decoded inside IRIs by Oxigraph)."""
    out = []
    for char in url:
        out.append(f"\\u{ord(char):04X}" if draw(hs.integers(0, 4)) == 0 else char)
    return "".join(out)


@hs.composite
def endpoint(draw: hs.DrawFn, url: str, variables: bool = True) -> tuple[str, str, str]:
    """(prologue, term naming `url`, bindings added to the group): an IRI, an escaped IRI, a
    prefixed name, or (with `variables`) a variable bound in the query."""
    kinds = ["iri", "escaped", "prefixed"] + (["values", "bind"] if variables else [])
    kind = draw(hs.sampled_from(kinds))
    if kind == "iri":
        return "", f"<{url}>", ""
    if kind == "escaped":
        return "", f"<{escape_iri(draw, url)}>", ""
    if kind == "prefixed":
        pname = draw(hs.sampled_from(["far", "a", "service", "SERVICE", ""]))
        return (
            f"{keyword_plain(draw, 'PREFIX')} {pname}: <{escape_iri(draw, url)}>\n",
            f"{pname}:",
            "",
        )
    if kind == "values":
        return "", "?u", f"VALUES ?u {{ <{url}> }} "
    return "", "?u", f"BIND(<{url}> AS ?u) "


def keyword_plain(draw: hs.DrawFn, word: str) -> str:
    return draw(keyword(word))


# How a pattern is wrapped: each takes the inner pattern.
_CONTEXTS = {
    "group": "{{ {} }}",
    "optional": "OPTIONAL {{ {} }}",
    "union": "{{ BIND(1 AS ?one) }} UNION {{ {} }}",
    "subquery": "{{ SELECT * WHERE {{ {} }} }}",
    "minus": "?a ?b ?c MINUS {{ {} }}",
    "graph_var": "GRAPH ?g {{ {} }}",
    "graph_iri": "GRAPH <http://x/g> {{ {} }}",
    "exists": "FILTER EXISTS {{ {} }}",
    "not_exists": "FILTER NOT EXISTS {{ {} }}",
    "service_in_service": "SERVICE <http://x/other> {{ {} }}",
}
# Contexts in which an unguarded Oxigraph surely evaluates the pattern on an empty store (a
# UNION's other branch may answer an ASK or a LIMIT first).
EVALUATED = frozenset({"group", "optional", "subquery"})


class Generated(NamedTuple):
    """A generated query and how it was written."""

    query: str
    contexts: tuple[str, ...]  # the patterns around the SERVICE (or GRAPH), innermost first
    escaped: bool  # the SERVICE keyword has a \\u escape (a syntax error for Oxigraph)
    variable: bool  # the endpoint is a variable bound in the query


@hs.composite
def guarded_queries(
    draw: hs.DrawFn, url: str = LISTENER, call: bool = True, evaluated: bool = False
) -> Generated:
    """SERVICE to `url` somewhere in a query, or with `call=False` the same query with a GRAPH
    pattern where the SERVICE was. With `evaluated`, only queries an unguarded Oxigraph surely
    evaluates the SERVICE of: a plain endpoint IRI, an unescaped keyword, no LIMIT."""
    prologue, term, binding = draw(endpoint(url, variables=not evaluated))
    if draw(hs.booleans()):
        prologue = f"PREFIX x: <http://x/\\u0041#> {draw(gaps)}" + prologue
    escaped = call and not evaluated and draw(hs.integers(0, 5)) == 0
    kinds = sorted(EVALUATED if evaluated else _CONTEXTS)
    contexts = tuple(draw(hs.lists(hs.sampled_from(kinds), max_size=3)))
    if call:
        silent = f"{draw(keyword('SILENT'))}{draw(gaps)}" if draw(hs.booleans()) else ""
        pattern = f"{draw(keyword('SERVICE', escaped))}{draw(gaps)}{silent}{term}{draw(gaps)}{{ ?s ?p ?o }}"
    else:
        pattern = f"{draw(keyword('GRAPH'))}{draw(gaps)}{term}{draw(gaps)}{{ ?s ?p ?o }}"
    pattern = binding + pattern
    for context in contexts:
        pattern = _CONTEXTS[context].format(pattern)
    dataset = draw(hs.sampled_from(["", "FROM <http://x/g> ", "FROM NAMED <http://x/g> "]))
    form = draw(
        hs.sampled_from(
            [
                "{select} * {dataset}{where} {{ {p} }}",
                "{select} ?s {dataset}{{ {p} }}" + ("" if evaluated else " LIMIT 1"),
                "ASK {dataset}{{ {p} }}",
                "CONSTRUCT {{ ?s ?p ?o }} {dataset}{where} {{ {p} }}",
                "DESCRIBE ?s {dataset}{where} {{ {p} }}",
                "{select} (EXISTS {{ {p} }} AS ?e) {{ }}",
            ]
        )
    )
    query = prologue + form.format(
        select=draw(keyword("SELECT")), where=draw(keyword("WHERE")), dataset=dataset, p=pattern
    )
    return Generated(query, contexts, escaped, term == "?u")


@hs.composite
def load_updates(draw: hs.DrawFn, url: str = LISTENER) -> str:
    """A LOAD of `url` in an update request, before or after other operations."""
    silent = f"{draw(keyword('SILENT'))} " if draw(hs.booleans()) else ""
    into = draw(hs.sampled_from(["", " INTO GRAPH <http://x/g>", " into graph <http://x/\\u0067>"]))
    iri = escape_iri(draw, url) if draw(hs.booleans()) else url
    load = f"{draw(keyword('LOAD', draw(hs.integers(0, 5)) == 0))}{draw(gaps)}{silent}<{iri}>{into}"
    before = draw(
        hs.sampled_from(
            [
                "",
                "CLEAR SILENT GRAPH <http://x/g> ;",
                "PREFIX a: <http://x/\\u0041#>",
                "INSERT DATA { <http://x/a> <http://x/p> 1 } ;",
            ]
        )
    )
    after = draw(hs.sampled_from(["", " ; DROP SILENT GRAPH <http://x/g>"]))
    return f"{before}{draw(gaps)}{load}{after}"


# Words the old keyword guard refused wherever they stood.
_WORDS = ["SERVICE", "service", "LOAD", "load", "add", "drop", "insert", "SILENT", "clear"]


@hs.composite
def look_alikes(draw: hs.DrawFn) -> str:
    """A read-only query that holds SERVICE, LOAD and update words only inside strings, IRIs,
    prefixed names, language tags, variable names, blank nodes and comments."""
    word = draw(hs.sampled_from(_WORDS))
    string = draw(
        hs.sampled_from(
            [
                f'"{word} <{LISTENER}> {{ ?s ?p ?o }}"',
                f"'{word}'",
                f'"""{word}\n}}"""',
                f'"\\u0022{word}"',
                f'"#{word}"',
            ]
        )
    )
    pieces = [
        f"?s <http://x/{word}.{word}> {string}",
        f"?s ex:a.{word} ?o",
        f"?s ex:{word} ex:{word}.x",
        f'?s ?p "x"@{word}',
        f"?{word} ?p ?o",
        f"_:{word} ?p ?o",
        f"?s ?p <http://x/\\u0041/{word}>",
        f"?s ?p ?o # {word} <{LISTENER}> {{ }}\n",
        f"FILTER(?o != {string})",
        f"BIND({string} AS ?x)",
    ]
    chosen = draw(hs.lists(hs.sampled_from(pieces), min_size=1, max_size=4, unique=True))
    form = draw(hs.sampled_from(["SELECT * WHERE", "ASK", "CONSTRUCT WHERE"]))
    if form == "CONSTRUCT WHERE":  # only triple patterns in a CONSTRUCT WHERE template
        chosen = [p for p in chosen if p.startswith(("?", "_"))] or ["?s ?p ?o"]
    body = " .\n".join(p.rstrip("\n") if not p.endswith("\n") else p for p in chosen)
    return f"PREFIX ex: <http://example.org/>\n{form} {{ {body} }}"
