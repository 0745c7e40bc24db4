"""EndpointStore: the GraphStore protocol over any SPARQL 1.1 Protocol server (standard library HTTP).

Queries go out as `POST application/sparql-query`, updates as `POST application/sparql-update`,
each with a timeout. Answers are parsed by pyoxigraph, so rows hold the same pyoxigraph terms as
the embedded store's. Bindings cannot use pyoxigraph substitutions remotely: each bound value is
serialised by pyoxigraph (N-Triples form, IRIs validated by `NamedNode`) into a trailing
`VALUES` block, so a user's string is never pasted into the query text.

Union default graph. edukg queries expect the union of the named graphs as their default graph.
Oxigraph gives that with `--union-default-graph` (what `edukg serve` passes), Fuseki with
`tdb2:unionDefaultGraph true`, GraphDB and Virtuoso by default or by a repository setting. The
backend does not rely on it: before the first query it checks, with two cheap queries, whether a
quad of some named graph is visible in the default graph. If it is not, every query is sent
with the named graphs listed as `default-graph-uri` and `named-graph-uri` (SPARQL 1.1 Protocol
section 2.1.4), which gives the same dataset on any conforming server, at the cost of a larger
request (the graph list is cached, and fetched again after each update this client makes).
"""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from graph_store.embedded import quads_to_patch, quads_to_update
from graph_store.protocol import RDF_EXPORT_FORMATS, Bindings, StoreError
from graph_store.results import QueryResult, solutions_to_result
from graph_store.settings import get_setting
from ontology.namespace import PREFIXES as _PREFIXES

_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_BODY_PREVIEW = 300


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


def bind_values(query: str, bindings: Bindings | None) -> str:
    """Return `query` with `bindings` appended as a trailing VALUES block of serialised terms.

    >>> bind_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": ox.Literal('a" }', language="zh")})
    'SELECT ?x WHERE { ?x ?p ?name }\\nVALUES (?name) { ("a\\\\" }"@zh) }'
    """
    if not bindings:
        return query
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise StoreError(f"cannot bind {name!r}: not a SPARQL variable name")
    terms = []
    for name in names:
        term = bindings[name]
        if not isinstance(term, ox.NamedNode | ox.Literal):
            raise StoreError(f"cannot bind ?{name} to {term!r}: only IRIs and literals")
        terms.append(str(term))
    variables = " ".join("?" + n for n in names)
    return f"{query}\nVALUES ({variables}) {{ ({' '.join(terms)}) }}"


class EndpointStore:
    """A remote SPARQL 1.1 server seen as a GraphStore (see the module docstring)."""

    def __init__(
        self, query_url: str, update_url: str | None = None, timeout: float | None = None
    ) -> None:
        self.query_url, self.update_url = service_urls(query_url, update_url)
        self.timeout = float(timeout if timeout is not None else get_setting("http_timeout"))
        self.location = self.query_url
        self._union_default: bool | None = None
        self._dataset_params: list[tuple[str, str]] | None = None

    # --- HTTP -------------------------------------------------------------------------------

    def _post(
        self, url: str, body: bytes, content_type: str, accept: str | None
    ) -> tuple[bytes, str]:
        headers = {"Content-Type": content_type}
        if accept:
            headers["Accept"] = accept
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            preview = err.read()[:_BODY_PREVIEW].decode("utf-8", "replace").strip()
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

    def _send_query(self, query: str, accept: str, dataset: bool = True) -> tuple[bytes, str]:
        text = add_prefixes(query)
        params = self._dataset() if dataset else []
        if params:
            body = urllib.parse.urlencode([("query", text), *params]).encode("utf-8")
            return self._post(self.query_url, body, "application/x-www-form-urlencoded", accept)
        return self._post(self.query_url, text.encode("utf-8"), "application/sparql-query", accept)

    def _update(self, update: str) -> None:
        self._post(self.update_url, update.encode("utf-8"), "application/sparql-update", None)
        self._dataset_params = None

    # --- union default graph ----------------------------------------------------------------

    def _dataset(self) -> list[tuple[str, str]]:
        """Return the protocol dataset parameters needed for a union default graph (or none)."""
        if self._union_default is None:
            self._union_default = self._probe_union_default()
        if self._union_default:
            return []
        if self._dataset_params is None:
            graphs = self.graphs()
            self._dataset_params = [("default-graph-uri", g.value) for g in graphs] + [
                ("named-graph-uri", g.value) for g in graphs
            ]
        return self._dataset_params

    def _probe_union_default(self) -> bool | None:
        """Return whether a named graph's quad shows in the default graph (None: store empty)."""
        rows = self._select_raw("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", False)
        if not rows.rows:
            return None
        s, p, o = rows.rows[0]
        if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode):
            return True
        probe = bind_values("ASK { ?s ?p ?o }", {"s": s, "p": p, "o": o})
        body, content_type = self._send_query(probe, _RESULTS_JSON, dataset=False)
        return bool(self._parse_results(body, content_type))

    # --- parsing ----------------------------------------------------------------------------

    def _parse_results(self, body: bytes, content_type: str):
        fmt = ox.QueryResultsFormat.from_media_type(content_type.split(";")[0].strip())
        if fmt is None:
            raise StoreError(
                f"{self.query_url} answered with {content_type or 'no content type'}, "
                "not SPARQL results: was this a SELECT or ASK query?"
            )
        try:
            return ox.parse_query_results(body, format=fmt)
        except SyntaxError as err:
            raise StoreError(f"{self.query_url}: unreadable SPARQL results: {err}") from err

    def _select_raw(
        self, query: str, dataset: bool = True, limit: int | None = None
    ) -> QueryResult:
        body, content_type = self._send_query(query, _RESULTS_JSON, dataset)
        answer = self._parse_results(body, content_type)
        if not isinstance(answer, ox.QuerySolutions):
            raise StoreError("expected a SELECT query")
        return solutions_to_result(answer, limit)

    # --- GraphStore -------------------------------------------------------------------------

    def put_graph(
        self, graph: NamedNode, quads: Iterable[Quad], replaces: Iterable[NamedNode] = ()
    ) -> None:
        """Replace `graph` (and drop `replaces`) with its quads among `quads`, in one update."""
        self._update(quads_to_update(graph, quads, [g for g in replaces if g != graph]))

    def patch_graph(self, graph: NamedNode, remove: Iterable[Quad], add: Iterable[Quad]) -> None:
        """Remove the quads of `graph` among `remove`, then add those among `add`, in one update."""
        update = quads_to_patch(graph, remove, add)
        if update:
            self._update(update)

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and everything in it."""
        self._update(f"DROP SILENT GRAPH {graph}")

    def graphs(self) -> list[NamedNode]:
        """Return the named graphs, sorted by IRI."""
        result = self._select_raw("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", dataset=False)
        return sorted(
            (r[0] for r in result.rows if isinstance(r[0], NamedNode)), key=lambda g: g.value
        )

    def select(
        self, query: str, bindings: Bindings | None = None, limit: int | None = None
    ) -> QueryResult:
        """Run a SELECT with the union of graphs as default graph; cap rows at `limit`."""
        return self._select_raw(bind_values(query, bindings), limit=limit)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK."""
        body, content_type = self._send_query(bind_values(query, bindings), _RESULTS_JSON)
        answer = self._parse_results(body, content_type)
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError("expected an ASK query")
        return bool(answer)

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE."""
        body, content_type = self._send_query(bind_values(query, bindings), _N_TRIPLES)
        fmt = ox.RdfFormat.from_media_type(content_type.split(";")[0].strip())
        if fmt is None:
            raise StoreError(
                f"{self.query_url} answered with {content_type or 'no content type'}, "
                "not RDF: was this a CONSTRUCT or DESCRIBE query?"
            )
        return [Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, format=fmt)]

    def count(self, graph: NamedNode | None = None) -> int:
        """Return the number of quads in one graph, or in all named graphs."""
        # A trailing VALUES block joins after aggregation, so the graph goes inside the pattern
        # (serialised by pyoxigraph, never pasted).
        name = str(graph) if graph is not None else "?g"
        result = self._select_raw(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}", False
        )
        return int(result.rows[0][0].value)

    def quads(self, graph: NamedNode | None = None) -> list[Quad]:
        """Return the quads of one graph, or of all named graphs."""
        return list(self._iter_quads(graph))

    def _iter_quads(self, graph: NamedNode | None) -> Iterator[Quad]:
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        result = self._select_raw(bind_values(query, {"g": graph} if graph else None), False)
        for s, p, o, g in result.rows:
            yield Quad(s, p, o, g)

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
        """Load an RDF dataset file with one INSERT DATA request per named graph."""
        attr = RDF_EXPORT_FORMATS[fmt][0]
        by_graph: dict[NamedNode, list[Quad]] = {}
        with open(path, "rb") as handle:
            for quad in ox.parse(io.BufferedReader(handle), format=getattr(ox.RdfFormat, attr)):
                if isinstance(quad.graph_name, NamedNode):
                    by_graph.setdefault(quad.graph_name, []).append(quad)
        for graph, quads in by_graph.items():
            self.put_graph(graph, quads)

    def close(self) -> None:
        """Nothing to release: each request opens and closes its own connection."""
