"""EndpointStore: the GraphStore protocol over any SPARQL 1.1 Protocol server (standard library HTTP).

Queries go out as form POSTs (`application/x-www-form-urlencoded; charset=UTF-8`: every server
reads them, Virtuoso included, which never answers `application/sparql-query`), updates as
`POST application/sparql-update`, each with a timeout. Answers are parsed by pyoxigraph, so rows
hold the same pyoxigraph terms as the embedded store's. Bindings cannot use pyoxigraph
substitutions remotely: each bound value is serialised by pyoxigraph (N-Triples form, IRIs
validated by `NamedNode`) into a `BIND` opening the WHERE group and, except on Virtuoso, the
WHERE group of each sub-select that projects the variable (bind_values, subselect_binds), so a
user's string is never pasted into the query text.

Union default graph. edukg queries expect the union of the named graphs as their default graph
(the embedded store's `use_default_graph_as_union`). How each query gets it, decided once from
the server (`_dataset`), never by sending the list of every graph with each request (issue 11:
with 20 000 graphs that took 30-70 s a query):

* Oxigraph (`Server: Oxigraph/…`): each query carries Oxigraph's own `union-default-graph`
  request parameter (UNION_SWITCHES), which gives the union whether or not the server was
  started with `--union-default-graph`, and like the embedded store ignores FROM.
* Virtuoso: its default graph is the union of all graphs already.
* Any other server: probed, write-free and exactly (`_probe_union_default`): the union holds
  when no triple of any named graph is missing from the default graph, which one
  `ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }` answers on the server itself
  (no term makes a round trip through the client, so a blank node cannot fool it, and a copy of
  some triples in the default graph cannot either: every triple is checked). With the union,
  queries go as they are. Without it, a store of at most MAX_LISTED_GRAPHS named graphs is
  queried with them listed as `default-graph-uri` + `named-graph-uri` (SPARQL 1.1 Protocol
  section 2.1.4; the list is cached and read again after each write this client makes); a
  larger one is refused (UnionDefaultGraphError) with the server setting to turn on.

Why not rewrite the query instead: wrapping the WHERE group in `GRAPH ?g { … }` makes every
pattern match inside one graph, but edukg's queries join across graphs (a document's triples
with the ontology, a label stated in another document); wrapping each triple pattern in a
`GRAPH` of its own matches the union's rows but not property paths (a path would stay inside
one graph), leaks the new variables into `SELECT *` and needs a full SPARQL rewriter. A
server setting is one line; docs/serve_and_export.md names it for each server.

Virtuoso (recognised by the `Server:` header of its first answer; docs/virtuoso.md) differs in
ways the backend adapts to: it takes updates at /sparql itself (used unless an update URL was
given); it refuses blank nodes in INSERT DATA and any update whose generated SQL passes 10 000
lines (about 1 400 quads), so blank nodes are skolemised to `/.well-known/genid/` IRIs (turned
back into blank nodes when read), a graph is written with one Graph Store Protocol PUT (or, where
that service is off, in updates of VIRTUOSO_CHUNK quads); it returns its own blank nodes as
`nodeID://…`; its system graphs (virtrdf#, ldp#, …) are left out of graphs(), count() and
exports; and it cuts every answer at ResultSetMaxRows (saying so only in an `X-SPARQL-MaxRows`
header), so exports page through each graph and a cut SELECT or CONSTRUCT is refused.
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from email.message import Message
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox
from pyoxigraph import BlankNode, NamedNode, Quad, Triple

from graph_store.embedded import graph_lines, quads_to_patch, quads_to_update
from graph_store.protocol import RDF_EXPORT_FORMATS, Bindings, StoreError
from graph_store.results import QueryResult, solutions_to_result
from graph_store.settings import get_setting
from graph_store.statistics import contribution, forget_update, record_update
from ontology.namespace import PREFIXES as _PREFIXES
from ontology.namespace import STATS_GRAPH

_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_FORM = "application/x-www-form-urlencoded; charset=UTF-8"
_BODY_PREVIEW = 300

# Quads per INSERT DATA on Virtuoso. Measured on 7.2.5: 1 400 quads of Chinese literals pass,
# 1 500 fail with SP031 "generated SQL text has exceeded 10000 lines", and 20 updates of 500 in
# one request fail with SQ199 (code vector size); 500 per request leaves room for longer terms.
VIRTUOSO_CHUNK = 500
# Graphs Virtuoso creates for itself; never edukg data.
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localhost:8890/",
    "http://localuriqaserver/",
)
# RDF 1.1 section 3.5: an IRI with this path stands for a blank node (a "skolem IRI").
SKOLEM_PATH = "/.well-known/genid/"
_DECIMAL = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
# Request parameters that ask an engine for the union of its graphs as the default graph, by
# the start of its Server header. Oxigraph's (server 0.5.13, checked by
# tests/graph_store/test_endpoint_union.py): `union-default-graph` with any value, in the URL
# or the form body.
UNION_SWITCHES = {"Oxigraph/": ("union-default-graph", "")}
# The most named graphs listed in each request to a server with neither a union default graph
# nor a switch for it. What a listed graph costs depends on the query and the engine: on
# Oxigraph 0.5.13, documents_by_issuer with an issuer bound outside its sub-select took 3 ms
# with 8 graphs listed, 35 ms with 64, 136 ms with 128 and 55 s with 2 000; bound inside it
# too (subselect_binds) 2 ms, 4 ms, 7 ms and 107 ms (bench/endpoint_graphs.py --listed;
# bench/RESULTS.md). 64 leaves room for queries that read more of the store, and for engines
# not measured; past it the store refuses, naming the server setting to change.
MAX_LISTED_GRAPHS = 64
_BNODE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


class EndpointError(StoreError):
    """The server answered with an HTTP error; the message names the URL, status and body start."""


class EndpointUnreachableError(StoreError, ConnectionError):
    """The server could not be reached (refused, DNS, timeout); the message names the URL."""


def service_urls(query_url: str, update_url: str | None = None) -> tuple[str, str]:
    """Return (query URL, update URL) for a server given by its query URL or its base URL.

    A bare base URL is read as an Oxigraph server (/query and /update); a URL ending in /query or
    /sparql (Oxigraph, Fuseki) gets the sibling /update; any other URL is used for both, as the
    SPARQL 1.1 Protocol allows (pass the update URL explicitly for GraphDB's /statements).

    >>> service_urls("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update')
    >>> service_urls("http://localhost:3030/edukg/sparql")
    ('http://localhost:3030/edukg/sparql', 'http://localhost:3030/edukg/update')
    """
    parts = urllib.parse.urlsplit(query_url)
    path = parts.path.rstrip("/")
    if not path:
        base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        query_url = base + "/query"
        default_update = base + "/update"
    elif re.search(r"/(query|sparql)$", path):
        default_update = urllib.parse.urlunsplit(
            (parts.scheme, parts.netloc, path.rsplit("/", 1)[0] + "/update", "", "")
        )
    else:
        default_update = query_url
    return query_url, update_url or default_update


def add_prefixes(query: str) -> str:
    """Return `query` with a PREFIX line for each project prefix it uses but does not declare.

    The embedded store applies these prefixes itself; a remote server needs them in the text.

    >>> add_prefixes("SELECT ?d WHERE { ?d a ekg:Document }").splitlines()[0]
    'PREFIX ekg: <https://w3id.org/edukg/ontology#>'
    """
    lines = []
    for prefix, iri in _PREFIXES.items():
        declared = re.search(rf"(?im)^\s*PREFIX\s+{re.escape(prefix)}:", query)
        if not declared and re.search(rf"(?<![\w:<]){re.escape(prefix)}:", query):
            lines.append(f"PREFIX {prefix}: <{iri}>")
    return "\n".join([*lines, query]) if lines else query


# SPARQL tokens that may hold braces or the word WHERE without being syntax: IRIs, strings,
# comments; then the tokens the scan needs.
_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\x00-\x20]*>|'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'"""
    r"""|"(?:[^"\\\n]|\\.)*"|\#[^\n]*|[{}]|\bWHERE\b|\b(?:SELECT|ASK)\b""",
    re.IGNORECASE | re.DOTALL,
)


def where_start(query: str) -> int | None:
    """Return the index just after the `{` that opens the query's top-level WHERE group.

    None when there is none to find (a DESCRIBE without WHERE); the scan skips IRIs, strings
    and comments.

    >>> q = 'CONSTRUCT { ?s <x:p> "{" } WHERE { ?s ?p ?o }'
    >>> q[where_start(q):]
    ' ?s ?p ?o }'
    >>> q = "SELECT * { { SELECT ?x WHERE { ?x ?p ?o } } }  # WHERE {"
    >>> q[where_start(q):][:10]
    ' { SELECT '
    """
    depth = 0
    armed = False
    for token in _TOKENS.finditer(query):
        text = token.group().upper()
        if text == "{":
            if depth == 0 and armed:
                return token.end()
            depth += 1
        elif text == "}":
            depth -= 1
        elif depth == 0 and text in ("WHERE", "SELECT", "ASK"):
            armed = True
    return None


def bind_values(query: str, bindings: Bindings | None, into_subselects: bool = True) -> str:
    """Return `query` with `bindings` as BINDs of serialised terms opening its WHERE group (or
    as a trailing VALUES block, when it has none), and, with `into_subselects`, opening the
    WHERE group of each sub-select that projects the variable (subselect_binds).

    A BIND that opens the group is joined with the whole pattern, as a substitution would be.
    On Virtuoso 7.2 a trailing VALUES is not joined with a variable that comes out of a
    subquery (issue 11: 142 rows instead of 1), and neither is a VALUES or a FILTER at the
    start of the group when the variable is a literal from a DISTINCT subquery (0 rows for
    documents_by_area_and_year with area=海陵区); BIND is. Terms are serialised by pyoxigraph
    (N-Triples escapes, IRIs validated by NamedNode): no text is pasted.

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": ox.Literal('a" }', language="zh")})
    'SELECT ?x WHERE { BIND("a\\\\" }"@zh AS ?name)\\n ?x ?p ?name }'
    >>> bind_values("DESCRIBE ?x", {"x": ox.NamedNode("http://ex.org/a")})
    'DESCRIBE ?x\\nVALUES (?x) { (<http://ex.org/a>) }'
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise StoreError(f"cannot bind {name!r}: not a SPARQL variable name")
    terms = {}
    for name in names:
        term = bindings[name]
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise StoreError(f"cannot bind ?{name} to {term!r}: only IRIs and literals")
        terms[name] = str(term)
    at = where_start(query)
    if at is None:
        variables = " ".join("?" + n for n in names)
        return f"{query}\nVALUES ({variables}) {{ ({' '.join(terms.values())}) }}"
    inserts = [(at, names)]
    if into_subselects:
        inserts += subselect_binds(query, names)
    for position, bound in sorted(inserts, reverse=True):
        binds = " ".join(f"BIND({terms[name]} AS ?{name})" for name in bound)
        query = f"{query[:position]} {binds}\n{query[position:]}"
    return query


_SUBSELECT_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\x00-\x20]*>|'{3}.*?'{3}|"{3}.*?"{3}|'(?:[^'\\\n]|\\.)*'"""
    r"""|"(?:[^"\\\n]|\\.)*"|\#[^\n]*|[{}()]|\bSELECT\b|[?$][A-Za-z_][A-Za-z0-9_]*""",
    re.IGNORECASE | re.DOTALL,
)


def subselect_binds(query: str, names: list[str]) -> list[tuple[int, list[str]]]:
    """Return, for each sub-select projecting some of `names` as plain variables, the index just
    after the `{` opening its WHERE group and those names.

    Bound there too, a parameter restricts the sub-select before it is evaluated, as the
    embedded store's substitution does (pyoxigraph binds the variable inside sub-selects
    that project it, LIMIT and GROUP BY included); a BIND outside it only joins with its
    finished answer. On Oxigraph server at 20 008 graphs, documents_by_issuer with an
    issuer: 190-950 ms bound outside only (the sub-select reads all 20 000 documents), 14 ms
    bound inside too (bench/endpoint_graphs.py). A name given as `(… AS ?name)` anywhere in
    the sub-select is left out (a BIND before it would be an error), and so is `SELECT *`.

    >>> q = "SELECT * { { SELECT DISTINCT ?d ?who WHERE { ?d <x:by> ?who } } ?d <x:t> ?t }"
    >>> [(q[:at][-15:], bound) for at, bound in subselect_binds(q, ["who", "t"])]
    [('?d ?who WHERE {', ['who'])]
    >>> subselect_binds("SELECT ?n { { SELECT (COUNT(*) AS ?n) ?who { ?a ?b ?who } GROUP BY ?who } }", ["n"])
    []
    """
    tokens = list(_SUBSELECT_TOKENS.finditer(query))
    found = []
    depth = 0
    i = 0
    while i < len(tokens):
        text = tokens[i].group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
        elif text.upper() == "SELECT" and depth > 0:
            projected, parens, j = set(), 0, i + 1
            while j < len(tokens) and tokens[j].group() != "{":
                token = tokens[j].group()
                if token == "(":
                    parens += 1
                elif token == ")":
                    parens -= 1
                elif token[0] in "?$" and parens == 0:
                    projected.add(token[1:])
                j += 1
            if j == len(tokens):
                break
            group = query[tokens[j].end() : _group_end(tokens, j)]
            bound = [
                name
                for name in names
                if name in projected and not re.search(rf"(?i)\bAS\s+[?$]{name}\b", group)
            ]
            if bound:
                found.append((tokens[j].end(), bound))
            i = j  # the group's `{` is counted on the next round
            continue
        i += 1
    return found


def _group_end(tokens: list[re.Match], opening: int) -> int:
    """Return the index of the `}` closing the group opened by tokens[opening] (or the end)."""
    depth = 0
    for token in tokens[opening:]:
        if token.group() == "{":
            depth += 1
        elif token.group() == "}":
            depth -= 1
            if depth == 0:
                return token.start()
    return tokens[-1].end()


def skolem_iri(graph: NamedNode, node: BlankNode) -> NamedNode:
    """Return the skolem IRI standing for blank node `node` in `graph` (under its authority).

    >>> skolem_iri(NamedNode("https://w3id.org/edukg/id/graph/x"), BlankNode("b1")).value
    'https://w3id.org/.well-known/genid/b1'
    """
    parts = urllib.parse.urlsplit(graph.value)
    return NamedNode(f"{parts.scheme}://{parts.netloc}{SKOLEM_PATH}{node.value}")


def virtuoso_lines(graph: NamedNode, quads: Iterable[Quad]) -> list[str]:
    """Return the N-Triples lines of `graph` (graph_lines) written so Virtuoso keeps them.

    Blank nodes become skolem IRIs (Virtuoso refuses them in INSERT DATA). A whole xsd:decimal
    gets a ".0": Virtuoso stores "50"^^xsd:decimal as an integer and returns it as
    "50"^^xsd:integer (which fails the shapes), but returns "50.0"^^xsd:decimal as
    "50"^^xsd:decimal, the term the embedded store holds.

    >>> g, p = NamedNode("http://ex.org/g"), NamedNode("http://ex.org/p")
    >>> virtuoso_lines(g, [Quad(BlankNode("b"), p, ox.Literal("_:x"), g)])
    ['<http://ex.org/.well-known/genid/b> <http://ex.org/p> "_:x" .']
    >>> virtuoso_lines(g, [Quad(p, p, ox.Literal("50", datatype=_DECIMAL), g)])[0].split()[2]
    '"50.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    """
    lines = graph_lines(graph, quads)
    if not any("_:" in line or _DECIMAL.value in line for line in lines):
        return lines

    def fix(term):
        if isinstance(term, BlankNode):
            return skolem_iri(graph, term)
        if isinstance(term, ox.Literal) and term.datatype == _DECIMAL and "." not in term.value:
            return ox.Literal(term.value + ".0", datatype=_DECIMAL)
        return term

    triples = ox.parse("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return [f"{fix(t.subject)} {t.predicate} {fix(t.object)} ." for t in triples]


def _unskolem(term):
    """Return the blank node a skolem IRI (SKOLEM_PATH) stands for; any other term as it is."""
    if isinstance(term, NamedNode) and SKOLEM_PATH in term.value:
        return BlankNode(_blank_id(term.value.rsplit(SKOLEM_PATH, 1)[1]))
    return term


def _blank_id(value: str) -> str:
    """Return a valid blank node id for a server's blank node label (Virtuoso's nodeID://b12).

    >>> _blank_id("nodeID://b1024"), _blank_id("b0"), _blank_id("a/b") != _blank_id("a_b")
    ('b1024', 'b0', True)
    """
    value = value.removeprefix("nodeID://")
    if _BNODE_ID.fullmatch(value):
        return value
    # Other characters are replaced; the label's hash keeps two labels apart.
    return re.sub(r"[^A-Za-z0-9_]", "_", value) + "_" + format(zlib.crc32(value.encode()), "x")


def normalise_json_results(body: bytes) -> bytes:
    """Return SPARQL JSON results with every blank node readable by pyoxigraph: Virtuoso's
    `nodeID://` labels become plain ids, and skolem IRIs (SKOLEM_PATH) become blank nodes again.

    >>> normalise_json_results(b'{"head":{"vars":["x"]},"results":{"bindings":'
    ...     b'[{"x":{"type":"bnode","value":"nodeID://b7"}}]}}')
    b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "bnode", "value": "b7"}}]}}'
    """
    if b'"bnode"' not in body and SKOLEM_PATH.encode() not in body:
        return body
    answer = json.loads(body)
    for row in answer.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = _blank_id(term["value"])
            elif term.get("type") == "uri" and SKOLEM_PATH in term["value"]:
                term["type"] = "bnode"
                term["value"] = _blank_id(term["value"].rsplit(SKOLEM_PATH, 1)[1])
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


_SEPARATOR = re.compile(r"""(separator\s*=\s*)(?:"([^"\\\n]*)"|'([^'\\\n]*)')""", re.I)


def ascii_separators(query: str) -> tuple[str, dict[bytes, bytes]]:
    """Return `query` with each non-ASCII GROUP_CONCAT separator replaced by an ASCII token,
    and the map from token to separator (both UTF-8) to put them back into the answer.

    Virtuoso 7.2 turns a non-ASCII separator into '?' (its SQL keeps it as a narrow string).

    >>> ascii_separators('SELECT (GROUP_CONCAT(?x; separator="、") AS ?c) {}')
    ('SELECT (GROUP_CONCAT(?x; separator="~edukg-sep-0~") AS ?c) {}', {b'~edukg-sep-0~': b'\\xe3\\x80\\x81'})
    """
    tokens: dict[bytes, bytes] = {}

    def swap(match: re.Match) -> str:
        separator = match.group(2) if match.group(2) is not None else match.group(3)
        if separator.isascii():
            return match.group()
        token = f"~edukg-sep-{len(tokens)}~"
        tokens[token.encode()] = separator.encode("utf-8")
        return f'{match.group(1)}"{token}"'

    return _SEPARATOR.sub(swap, query), tokens


def _not_system(variable: str) -> str:
    """Return a SPARQL expression true when `?variable` is not one of Virtuoso's system graphs.

    >>> _not_system("g").startswith('!STRSTARTS(STR(?g), "http://www.openlinksw.com/')
    True
    """
    return " && ".join(
        f'!STRSTARTS(STR(?{variable}), "{prefix}")' for prefix in VIRTUOSO_SYSTEM_GRAPHS
    )


def is_system_graph(graph: NamedNode) -> bool:
    """Return whether `graph` is one of Virtuoso's own graphs (VIRTUOSO_SYSTEM_GRAPHS).

    >>> is_system_graph(NamedNode("http://www.openlinksw.com/schemas/virtrdf#"))
    True
    """
    return graph.value.startswith(VIRTUOSO_SYSTEM_GRAPHS)


class UnionDefaultGraphError(StoreError):
    """The server's default graph is not the union of its graphs and it has too many graphs to
    list in each request; the message names the server setting that turns the union on."""


def union_switch(server: str | None) -> tuple[str, str] | None:
    """Return the request parameter that asks this engine (a product in its Server header,
    RFC 9110 section 10.2.4) for the union default graph, or None when it has none edukg knows.

    >>> union_switch("Oxigraph/0.5.13"), union_switch("Apache Jena Fuseki (5.1.0)")
    (('union-default-graph', ''), None)
    >>> union_switch("edukg-gateway/1 Oxigraph/0.5.13")
    ('union-default-graph', '')
    """
    for product in (server or "").split():
        for prefix, parameter in UNION_SWITCHES.items():
            if product.startswith(prefix):
                return parameter
    return None


class RowCapError(StoreError):
    """The server cut a result at its row cap (Virtuoso's ResultSetMaxRows)."""


class _Answer(NamedTuple):
    body: bytes
    content_type: str
    headers: Message


class EndpointStore:
    """A remote SPARQL 1.1 server seen as a GraphStore (see the module docstring)."""

    def __init__(
        self, query_url: str, update_url: str | None = None, timeout: float | None = None
    ) -> None:
        self._base_only = not urllib.parse.urlsplit(query_url).path.strip("/")
        self._update_given = bool(update_url)
        self.query_url, self.update_url = service_urls(query_url, update_url)
        self.timeout = float(timeout if timeout is not None else get_setting("http_timeout"))
        self.location = self.query_url
        self._union_default: bool | None = None
        self._dataset_params: list[tuple[str, str]] | None = None
        self._server: str | None = None
        self._virtuoso: bool | None = None
        self._graph_store_url: str | None = None
        self._row_cap: int | None = None

    # --- HTTP -------------------------------------------------------------------------------

    def _post(
        self, url: str, body: bytes, content_type: str, accept: str | None, method: str = "POST"
    ) -> _Answer:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                self._server = response.headers.get("Server", "")
                return _Answer(
                    response.read(), response.headers.get("Content-Type", ""), response.headers
                )
        except urllib.error.HTTPError as err:
            self._server = err.headers.get("Server", "") if err.headers else ""
            preview = err.read()[:_BODY_PREVIEW].decode("utf-8", "replace").strip()
            preview = " ".join(preview.split())
            raise EndpointError(
                f"{url} answered HTTP {err.code} {err.reason}: {preview or '(empty body)'}"
            ) from err
        except urllib.error.URLError as err:
            raise EndpointUnreachableError(
                f"cannot reach the SPARQL endpoint {url}: {err.reason}. "
                "Is the server running (edukg serve)? Check the URL and --endpoint."
            ) from err
        except TimeoutError as err:
            raise EndpointUnreachableError(
                f"the SPARQL endpoint {url} did not answer within {self.timeout:g} s "
                "(raise EDUKG_HTTP_TIMEOUT, or simplify the query)"
            ) from err

    @property
    def is_virtuoso(self) -> bool:
        """Whether the server is Virtuoso (from its Server header; asked once if not yet seen)."""
        if self._virtuoso is None:
            if self._server is None:
                body = urllib.parse.urlencode([("query", "ASK {}")]).encode("utf-8")
                try:
                    self._post(self.query_url, body, _FORM, _RESULTS_JSON)
                except EndpointError:
                    pass  # an error page still carries the Server header
            self._virtuoso = (self._server or "").startswith("Virtuoso")
            if self._virtuoso:
                self._adapt_to_virtuoso()
        return self._virtuoso

    def _adapt_to_virtuoso(self) -> None:
        """Use Virtuoso's URLs (/sparql for reads and updates) unless the user gave them."""
        if self._base_only and not self.query_url.endswith("/sparql"):
            self.query_url = self.query_url.rsplit("/", 1)[0] + "/sparql"
            self.location = self.query_url
        if not self._update_given:
            self.update_url = self.query_url
        self._graph_store_url = self.update_url.rsplit("/", 1)[0] + "/sparql-graph-crud"
        # Virtuoso's default graph is always the union of all graphs, its own system graphs
        # included: its `define input:default-graph-exclude` pragma would leave them out, but
        # with it (7.2.5) `GRAPH <g> { ?s ?p ?o }` answers no rows at all.
        self._union_default = True

    def _send_query(self, query: str, accept: str, dataset: bool = True) -> _Answer:
        tokens: dict[bytes, bytes] = {}
        if self.is_virtuoso:
            query, tokens = ascii_separators(query)
        params = self._dataset() if dataset else []
        body = urllib.parse.urlencode([("query", add_prefixes(query)), *params]).encode("utf-8")
        answer = self._post(self.query_url, body, _FORM, accept)
        for token, separator in tokens.items():
            answer = answer._replace(body=answer.body.replace(token, separator))
        return answer

    def _update(self, update: str) -> None:
        self.is_virtuoso  # noqa: B018  (settles the update URL)
        self._post(self.update_url, update.encode("utf-8"), "application/sparql-update", None)
        self._dataset_params = None

    # --- union default graph ----------------------------------------------------------------

    def _dataset(self) -> list[tuple[str, str]]:
        """Return the protocol parameters that give a query the union default graph (see the
        module docstring): Oxigraph's switch, nothing, or at most MAX_LISTED_GRAPHS graphs.

        Raises:
            UnionDefaultGraphError: no union, no switch, and more graphs than that.
        """
        if self._dataset_params is not None:
            return self._dataset_params
        self.is_virtuoso  # noqa: B018  (settles the Server header, and the union on Virtuoso)
        switch = None if self._union_default else union_switch(self._server)
        if switch is not None:
            self._dataset_params = [switch]
            return self._dataset_params
        if self._union_default is None:
            self._union_default = self._probe_union_default()
            if self._union_default is None:
                return []  # no named graph yet: nothing to see either way; asked again later
        if self._union_default:
            self._dataset_params = []
            return self._dataset_params
        graphs = self.graphs()
        if len(graphs) > MAX_LISTED_GRAPHS:
            raise UnionDefaultGraphError(
                f"{self.query_url}: the server's default graph is not the union of its "
                f"{len(graphs)} named graphs, and edukg lists at most {MAX_LISTED_GRAPHS} of "
                "them in a request: turn the union default graph on in the server (Fuseki: "
                "tdb2:unionDefaultGraph true; Stardog: query.all.graphs=true; Oxigraph: "
                "--union-default-graph) and start it again (docs/serve_and_export.md)"
            )
        # The statistics graph is read by name (GRAPH <…/graph/stats>), never in the union.
        self._dataset_params = [("default-graph-uri", g.value) for g in graphs] + [
            ("named-graph-uri", g.value) for g in [*graphs, STATS_GRAPH]
        ]
        return self._dataset_params

    def _probe_union_default(self) -> bool | None:
        """Return whether every triple of every named graph shows in the default graph (None:
        there is no named graph to tell by).

        Both questions are answered by the server: no term comes back to be pasted into a
        second query, so neither a blank node (whose label means nothing in another query)
        nor triples copied into the default graph can make it answer wrongly. It reads every
        quad when the union holds (the server stops at the first missing triple otherwise);
        it runs once per EndpointStore, and only on servers with no known switch.
        """
        if not self._ask_raw("ASK { GRAPH ?g { ?s ?p ?o } }"):
            return None
        return not self._ask_raw("ASK { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")

    def _ask_raw(self, query: str) -> bool:
        """Run an ASK as written, with no dataset parameters."""
        answer = self._parse_results(self._send_query(query, _RESULTS_JSON, dataset=False))
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError("expected an ASK query")
        return bool(answer)

    # --- parsing ----------------------------------------------------------------------------

    def _parse_results(self, answer: _Answer):
        fmt = ox.QueryResultsFormat.from_media_type(answer.content_type.split(";")[0].strip())
        if fmt is None:
            raise StoreError(
                f"{self.query_url} answered with {answer.content_type or 'no content type'}, "
                "not SPARQL results: was this a SELECT or ASK query?"
            )
        body = answer.body
        if fmt == ox.QueryResultsFormat.JSON:
            body = normalise_json_results(body)
        try:
            return ox.parse_query_results(body, format=fmt)
        except SyntaxError as err:
            raise StoreError(f"{self.query_url}: unreadable SPARQL results: {err}") from err

    def _cap(self, answer: _Answer) -> int | None:
        """Return the row cap the server says it cut this answer at (Virtuoso), else None."""
        cap = answer.headers.get("X-SPARQL-MaxRows")
        if cap is None or not cap.strip().isdigit():
            return None
        self._row_cap = int(cap)
        return self._row_cap

    def _select_capped(
        self, query: str, dataset: bool = True, limit: int | None = None
    ) -> tuple[QueryResult, int | None]:
        """Return a SELECT's rows and the row cap the server cut them at (None: complete)."""
        answer = self._send_query(query, _RESULTS_JSON, dataset)
        solutions = self._parse_results(answer)
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        return solutions_to_result(solutions, limit), self._cap(answer)

    def _select_raw(
        self, query: str, dataset: bool = True, limit: int | None = None
    ) -> QueryResult:
        """Return a SELECT's rows; raise RowCapError if the server cut them before `limit`."""
        result, cap = self._select_capped(query, dataset, limit)
        if cap is not None and (limit is None or len(result.rows) < limit):
            raise RowCapError(
                f"{self.query_url} cut the result at {cap} rows (Virtuoso's ResultSetMaxRows): "
                "add a LIMIT or narrow the query, or raise ResultSetMaxRows in virtuoso.ini"
            )
        return result

    def _select_pages(self, query: str) -> Iterator[tuple]:
        """Yield the rows of an unordered SELECT, paged with LIMIT/OFFSET past a row cap.

        Virtuoso refuses ORDER BY over more rows than its cap (SR353), so the pages are
        unordered; callers that need every row check the total (see _graph_quads).
        """
        result, cap = self._select_capped(query, False)
        if cap is None:
            yield from result.rows
            return
        offset = 0
        while True:
            page, _ = self._select_capped(f"{query} LIMIT {cap} OFFSET {offset}", False)
            yield from page.rows
            if len(page.rows) < cap:
                return
            offset += cap

    # --- GraphStore -------------------------------------------------------------------------

    def put_graph(
        self, graph: NamedNode, quads: Iterable[Quad], replaces: Iterable[NamedNode] = ()
    ) -> None:
        """Replace `graph` (and drop `replaces`) with its quads among `quads`, and their
        statistics records (graph_store.statistics), in one update (on Virtuoso: one Graph
        Store Protocol PUT, then the records, see the module docstring)."""
        quads = list(quads)
        drops = [g for g in replaces if g != graph]
        records = [] if graph == STATS_GRAPH else contribution(graph, quads)
        counted = [] if graph == STATS_GRAPH else [graph, *drops]
        if not self.is_virtuoso:
            update = quads_to_update(graph, quads, drops)
            if counted:
                update += " ;\n" + record_update(counted, records)
            self._update(update)
            return
        lines = virtuoso_lines(graph, quads)
        if drops or not lines or not self._put_graph_store(graph, lines):
            self._update(" ;\n".join(f"DROP SILENT GRAPH {g}" for g in [graph, *drops]))
            self._insert_chunks("INSERT", graph, lines)
        if counted:
            self._virtuoso_records(counted, records)

    def _virtuoso_records(self, graphs: list[NamedNode], records: list[Quad]) -> None:
        """Replace the statistics records of `graphs` with `records` on Virtuoso (after the
        graphs' own writes: Virtuoso has no transaction across requests)."""
        self._update(forget_update(graphs))
        self._insert_chunks("INSERT", STATS_GRAPH, virtuoso_lines(STATS_GRAPH, records))

    def _put_graph_store(self, graph: NamedNode, lines: list[str]) -> bool:
        """PUT `lines` as the whole of `graph` at Virtuoso's Graph Store Protocol service;
        False when the server has no such service (then the caller sends chunked updates).

        One request per graph, replaced in one step and with no SQL-text limit: the corpus
        (11 877 quads, 8 graphs) loads in 0.23 s this way against 0.9-1.4 s in updates of 500.
        """
        if self._graph_store_url is None:
            return False
        url = f"{self._graph_store_url}?{urllib.parse.urlencode({'graph-uri': graph.value})}"
        body = "\n".join(lines).encode("utf-8")
        try:
            self._post(url, body, _N_TRIPLES, None, method="PUT")
        except EndpointError as err:
            if not re.search(r"HTTP (404|405|501)", str(err)):
                raise
            self._graph_store_url = None  # not served here: use updates from now on
            return False
        self._dataset_params = None
        return True

    def _insert_chunks(self, verb: str, graph: NamedNode, lines: list[str]) -> None:
        """Send `lines` of `graph` as `verb` DATA updates of at most VIRTUOSO_CHUNK lines."""
        for start in range(0, len(lines), VIRTUOSO_CHUNK):
            body = "\n".join(lines[start : start + VIRTUOSO_CHUNK])
            self._update(f"{verb} DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def patch_graph(self, graph: NamedNode, remove: Iterable[Quad], add: Iterable[Quad]) -> None:
        """Remove the quads of `graph` among `remove`, then add those among `add`, with the
        graph's statistics records recomputed, in one update (on Virtuoso: in updates of
        VIRTUOSO_CHUNK quads). The records are computed from the graph as read before the patch
        with the patch applied: this client is the store's one writer."""
        remove, add = list(remove), list(add)
        update = quads_to_patch(graph, remove, add)
        if not update:
            return
        after = (set(self.quads(graph)) - {q for q in remove if q.graph_name == graph}) | {
            q for q in add if q.graph_name == graph
        }
        records = contribution(graph, after)
        if self.is_virtuoso:
            self._insert_chunks("DELETE", graph, virtuoso_lines(graph, remove))
            self._insert_chunks("INSERT", graph, virtuoso_lines(graph, add))
            self._virtuoso_records([graph], records)
            return
        self._update(update + " ;\n" + record_update([graph], records))

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and everything in it, and its statistics records."""
        self._update(f"DROP SILENT GRAPH {graph} ;\n{forget_update([graph])}")

    def graphs(self) -> list[NamedNode]:
        """Return the named graphs, sorted by IRI (never Virtuoso's system graphs)."""
        if self.is_virtuoso:
            # Virtuoso answers `GRAPH ?g { }` with one unbound row.
            query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
            rows = list(self._select_pages(query))
        else:
            rows = self._select_raw("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", False).rows
        found = {
            r[0]
            for r in rows
            if isinstance(r[0], NamedNode) and not is_system_graph(r[0]) and r[0] != STATS_GRAPH
        }
        return sorted(found, key=lambda g: g.value)

    def _bind(self, query: str, bindings: Bindings | None) -> str:
        """Return `query` with `bindings` bound (bind_values); on Virtuoso, in the outer group
        only: the binds inside sub-selects are checked against Oxigraph server, not Virtuoso."""
        if not bindings:
            return query
        return bind_values(query, bindings, into_subselects=not self.is_virtuoso)

    def select(
        self, query: str, bindings: Bindings | None = None, limit: int | None = None
    ) -> QueryResult:
        """Run a SELECT with the union of graphs as default graph; cap rows at `limit`.

        Raises:
            RowCapError: the server cut the result at its own row cap before `limit` rows.
        """
        return self._select_raw(self._bind(query, bindings), limit=limit)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK."""
        answer = self._parse_results(self._send_query(self._bind(query, bindings), _RESULTS_JSON))
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError("expected an ASK query")
        return bool(answer)

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE.

        Raises:
            RowCapError: on Virtuoso, the answer has as many triples as its row cap (it cuts
                CONSTRUCT answers there without saying so).
        """
        answer = self._send_query(self._bind(query, bindings), _N_TRIPLES)
        fmt = ox.RdfFormat.from_media_type(answer.content_type.split(";")[0].strip())
        if fmt is None:
            raise StoreError(
                f"{self.query_url} answered with {answer.content_type or 'no content type'}, "
                "not RDF: was this a CONSTRUCT or DESCRIBE query?"
            )
        triples = [
            Triple(_unskolem(q.subject), q.predicate, _unskolem(q.object))
            for q in ox.parse(answer.body, format=fmt)
        ]
        cap = self._row_cap or 10_000
        if self.is_virtuoso and len(triples) >= cap:
            raise RowCapError(
                f"{self.query_url} returned {len(triples)} triples, Virtuoso's row cap "
                f"(ResultSetMaxRows {cap}): the answer may be cut; narrow the query, or raise "
                "ResultSetMaxRows in virtuoso.ini"
            )
        return triples

    def count(self, graph: NamedNode | None = None) -> int:
        """Return the number of quads in one graph, or in all named graphs."""
        # A trailing VALUES block joins after aggregation, so the graph goes inside the pattern
        # (serialised by pyoxigraph, never pasted).
        name = str(graph) if graph is not None else "?g"
        system = ""
        if graph is None:  # the statistics graph is left out, as it is of graphs()
            kept = f"?g != {STATS_GRAPH}"
            system = (
                f"FILTER({kept} && {_not_system('g')})" if self.is_virtuoso else f"FILTER({kept})"
            )
        result = self._select_raw(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} {system} }}", False
        )
        return int(result.rows[0][0].value)

    def quads(self, graph: NamedNode | None = None) -> list[Quad]:
        """Return the quads of one graph, or of all named graphs."""
        return list(self._iter_quads(graph))

    def _iter_quads(self, graph: NamedNode | None) -> Iterator[Quad]:
        if self.is_virtuoso:
            for g in [graph] if graph is not None else self.graphs():
                yield from self._graph_quads(g)
            return
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        result = self._select_raw(bind_values(query, {"g": graph} if graph else None), False)
        for s, p, o, g in result.rows:
            if graph is not None or g != STATS_GRAPH:
                yield Quad(s, p, o, g)

    def _graph_quads(self, graph: NamedNode) -> list[Quad]:
        """Return every quad of `graph`, paged past the row cap, checked against its count."""
        query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        quads = {Quad(s, p, o, graph) for s, p, o in self._select_pages(query)}
        expected = self.count(graph)
        if len(quads) != expected:
            raise StoreError(
                f"{self.query_url}: read {len(quads)} of the {expected} quads of {graph} "
                "(the server's pages moved under a concurrent write?); try again"
            )
        return list(quads)

    def export(self, fmt: str, graph: NamedNode | None = None) -> bytes:
        """Serialise the named graphs (or one graph) in an RDF format of RDF_EXPORT_FORMATS.

        Triple formats of the whole store hold the union graph, as the embedded store's do.
        """
        try:
            attr, _, datasets = RDF_EXPORT_FORMATS[fmt]
        except KeyError:
            raise StoreError(
                f"unknown export format {fmt!r}; expected one of {', '.join(RDF_EXPORT_FORMATS)}"
            ) from None
        rdf_format = getattr(ox.RdfFormat, attr)
        quads = sorted(self._iter_quads(graph), key=str)
        if datasets:
            return ox.serialize(quads, format=rdf_format, prefixes=_PREFIXES) or b""
        triples = sorted({Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)
        return ox.serialize(triples, format=rdf_format, prefixes=_PREFIXES) or b""

    def bulk_load(self, path: str | Path, fmt: str = "nq") -> None:
        """Load an RDF dataset file with one INSERT DATA request per named graph (each with its
        statistics records; a statistics graph in the file is not read, but recomputed)."""
        attr = RDF_EXPORT_FORMATS[fmt][0]
        by_graph: dict[NamedNode, list[Quad]] = {}
        with open(path, "rb") as handle:
            for quad in ox.parse(io.BufferedReader(handle), format=getattr(ox.RdfFormat, attr)):
                if isinstance(quad.graph_name, NamedNode) and quad.graph_name != STATS_GRAPH:
                    by_graph.setdefault(quad.graph_name, []).append(quad)
        for graph, quads in by_graph.items():
            self.put_graph(graph, quads)

    def close(self) -> None:
        """Nothing to release: each request opens and closes its own connection."""
