"""What a SPARQL request would do, found by parsing it: does it call out (SERVICE, LOAD) or write?

The app's free-form queries (graph_store/sandbox.py) and `edukg serve` (graph_store/gateway.py)
decide what may run from a real parse, never from keywords: a keyword scan cannot tell an IRI,
a string, a comment, a prefixed name or a language tag from the code around it.

The parser is rdflib's SPARQL 1.1 grammar (a dependency already). Oxigraph runs the query, so
the two must cut the text into the same tokens:

* SPARQL 1.1 §19.2 replaces `\\uXXXX` / `\\UXXXXXXXX` in the raw text before parsing, anywhere
  (`SERVI\\u0043E` is SERVICE). Oxigraph 0.5 does not: it decodes them only inside IRIs and
  strings, as Turtle does, and anywhere else they are a syntax error. So each query is read
  twice. Oxigraph's reading replaces every escape with a plain letter: the token boundaries stay
  where Oxigraph sees them (an escaped quote does not end a string), and that reading must
  parse. The specification's reading decodes them; when it parses, it must not call out or
  write either (another engine may read the text that way). rdflib's own escape expansion is
  bypassed, so neither reading is decoded twice.
* A carriage return ends a comment for Oxigraph but not for rdflib: both readings use line feeds.
* rdflib's SERVICE pattern searches the text again for its own source, and fails when a '#'
  inside an earlier IRI sends that search to the end of the line: the checker parses with
  private copies of the grammar that skip the search (`_grammars`).

A query the checker cannot parse is not run: `oxigraph_syntax_error` tells a plain syntax error
(reported with Oxigraph's line and column) from SPARQL that only Oxigraph reads (SPARQL 1.2
triple terms, LATERAL …), which is refused.

    read_query(text)    Reading: the form, or why it is refused
    read_update(text)   Reading: the same for an update request
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Not a string escape after a backslash (so "\\u…" read as "\x" fails rather than shifts a
# boundary), and a valid character in IRIs, strings and names.
_PLACEHOLDER = "x"

# rdflib parse-tree node names → the SPARQL keyword a message names.
_FORMS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_UPDATES = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT",
    "DeleteData": "DELETE",
    "DeleteWhere": "DELETE",
}
_SERVICE = "SERVICE pattern"

# pyparsing keeps some state per grammar element; `edukg serve` checks from several threads.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Reading:
    """What the checker found. `refusal` is None, SERVICE, LOAD, UPDATE or UNREADABLE.

    `form` is the query form (SELECT …) when it parsed as a query; `operation` names the
    first update operation (DROP, INSERT …) of an update; `detail` is the parser's message
    for an unreadable text.
    """

    refusal: str | None = None
    form: str | None = None
    operation: str | None = None
    detail: str = ""


def unescape_codepoints(text: str) -> str:
    """Return `text` with §19.2's codepoint escapes decoded (invalid code points kept as written).

    >>> unescape_codepoints(r"SERVI\\u0043E <http://x/\\U00000041>")
    'SERVICE <http://x/A>'
    """

    def decode(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return match.group(0)
        return chr(code)

    return _ESCAPE.sub(decode, text)


def oxigraph_reading(text: str) -> str:
    """Return `text` with every codepoint escape replaced by one letter (see the module doc).

    >>> oxigraph_reading(r'SELECT * { ?s ?p "a\\u0022" }')
    'SELECT * { ?s ?p "ax" }'
    """
    return _ESCAPE.sub(_PLACEHOLDER, text)


def readings(text: str) -> tuple[str, ...]:
    """Return Oxigraph's reading, then the specification's when the two differ.

    A carriage return ends a comment for SPARQL and Oxigraph, but rdflib's comment runs to the
    next line feed (`# x\\rSERVICE …` would hide the SERVICE from it), so both readings use
    line feeds: nothing else changes, as neither may stand raw inside a short string or IRI.
    """
    ours = oxigraph_reading(text).replace("\r", "\n")
    spec = unescape_codepoints(text).replace("\r", "\n")
    return (ours,) if ours == spec else (ours, spec)


def _node_names(node: object) -> Iterator[str]:
    """Yield the name of every parse-tree node under `node` (rdflib CompValues), in text order."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        # Children pushed in reverse, so names come in the order the text has them.
        if isinstance(item, CompValue):
            yield item.name
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(reversed(list(item)))
        elif isinstance(item, dict):
            stack.extend(reversed(list(item.values())))


def _elements(*roots: object) -> Iterator[object]:
    """Yield every pyparsing element reachable from `roots` once (grammars are cyclic)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        yield element
        stack.extend(getattr(element, "exprs", None) or ())
        if getattr(element, "expr", None) is not None:
            stack.append(element.expr)


@lru_cache(maxsize=1)
def _grammars() -> tuple[object, object]:
    """Return private copies of rdflib's Query and UpdateUnit grammars.

    rdflib's ServiceGraphPattern, once matched, searches the whole text again for its own
    source (`service_string`), and that search skips from a '#' inside an earlier IRI to the
    end of the line: `PREFIX a: <http://x/#> SELECT * { SERVICE … }` then fails to parse. The
    copies' SERVICE element carries another name, so the search never runs (the checker needs
    no source); rdflib's own grammar, which pyshacl uses, is left as it is.
    """
    import copy

    from rdflib.plugins.sparql.parser import Query, UpdateUnit
    from rdflib.plugins.sparql.parserutils import Comp

    memo: dict[int, object] = {}
    query, update = copy.deepcopy(Query, memo), copy.deepcopy(UpdateUnit, memo)
    for element in _elements(query, update):
        if isinstance(element, Comp) and element.name == "ServiceGraphPattern":
            element.set_name(_SERVICE)
    return query, update


@lru_cache(maxsize=128)
def _parse(text: str, update: bool) -> tuple[tuple[str, ...], str]:
    """Return (node names, "") for a text that parses as a query (or update), else ((), why).

    The grammar is used directly: rdflib's parseQuery would decode escapes a second time.
    """
    query, update_unit = _grammars()
    grammar = update_unit if update else query
    try:
        with _PARSE_LOCK:
            tree = grammar.parse_string(text, parse_all=True)
    except Exception as err:  # noqa: BLE001 — ParseException, RecursionError …: all unreadable
        return (), f"{type(err).__name__}: {err}"
    return tuple(_node_names(tree)), ""


def _operation(names: tuple[str, ...]) -> str:
    for name in names:
        if name in _UPDATES:
            return _UPDATES[name]
    # Modify (DELETE … INSERT … WHERE, INSERT … WHERE): name the first clause.
    return "DELETE" if "DeleteClause" in names else "INSERT"


def _read_one(text: str) -> Reading:
    names, why = _parse(text, update=False)
    if names:
        if _SERVICE in names:
            return Reading("SERVICE")
        return Reading(form=next((_FORMS[n] for n in names if n in _FORMS), "SELECT"))
    update, _ = _parse(text, update=True)
    if update:
        if "Load" in update:
            return Reading("LOAD", operation="LOAD")
        if _SERVICE in update:
            return Reading("SERVICE", operation=_operation(update))
        return Reading("UPDATE", operation=_operation(update))
    return Reading("UNREADABLE", detail=why)


def read_query(text: str) -> Reading:
    """Read a query request: refused when any reading calls out or writes, or when Oxigraph's
    reading does not parse.

    >>> read_query("select * { ?s <http://ex/a.add> 'x'@add }").refusal is None
    True
    >>> read_query(r"SELECT * { SERVI\\u0043E <http://127.0.0.1/> { ?s ?p ?o } }").refusal
    'SERVICE'
    >>> read_query("DROP ALL")
    Reading(refusal='UPDATE', form=None, operation='DROP', detail='')
    """
    found = [_read_one(reading) for reading in readings(text)]
    for reading in found:
        if reading.refusal in ("SERVICE", "LOAD", "UPDATE"):
            return reading
    return found[0]


def read_update(text: str) -> Reading:
    """Read an update request: refused when any reading has LOAD or SERVICE, or when Oxigraph's
    reading does not parse as an update.

    >>> read_update("INSERT DATA { <http://x/a> <http://x/p> 1 }").refusal is None
    True
    >>> read_update("CLEAR ALL ; LOAD <http://127.0.0.1/data.ttl>").refusal
    'LOAD'
    """
    found = [_parse(text_read, update=True) for text_read in readings(text)]
    for names, _ in found:
        if "Load" in names:
            return Reading("LOAD", operation="LOAD")
        if _SERVICE in names:
            return Reading("SERVICE", operation=_operation(names))
    names, why = found[0]
    return Reading(operation=_operation(names)) if names else Reading("UNREADABLE", detail=why)


def oxigraph_syntax_error(text: str, prefixes: dict[str, str] | None = None) -> str | None:
    """Return Oxigraph's syntax error for the query `text`, or None when Oxigraph parses it.

    Nothing is evaluated: pyoxigraph parses the query before it looks at the dataset
    arguments, and this call gives it two that conflict, so a query that parses stops with
    ValueError before evaluation (tests/graph_store/test_query_guard.py holds it to that).

    >>> oxigraph_syntax_error("SELECT * WHERE { ?s ?p }").startswith("error at 1:")
    True
    >>> oxigraph_syntax_error("SELECT * WHERE { ?s ?p ?o }") is None
    True
    """
    import pyoxigraph as ox

    try:
        ox.Store().query(
            text,
            use_default_graph_as_union=True,
            default_graph=ox.DefaultGraph(),
            prefixes=prefixes,
        )
    except SyntaxError as err:
        return str(err)
    except ValueError:
        return None
    # Not reached with pyoxigraph 0.5; if a release ever evaluates here, say so loudly.
    raise RuntimeError("pyoxigraph evaluated a query it was only asked to parse")
