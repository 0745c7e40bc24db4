"""The union default graph on servers without one (issue 11), against a real `oxigraph serve`.

Every request EndpointStore sends goes through a small recording proxy in this file, which
passes requests and answers on unchanged, except that it can replace the `Server` header: with
`Oxigraph/…` hidden, the same real server stands for an engine edukg knows no union switch
for, so the union probe and the bounded graph list run against real query evaluation.
"""

from __future__ import annotations

import contextlib
import http.client
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli import main
from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import MAX_LISTED_GRAPHS, EndpointStore, UnionDefaultGraphError
from graph_store.named_queries import load_named_queries, run_named_query
from tests.store_fixtures import TINY_PARAMS, fill, oxigraph_server

pytestmark = pytest.mark.endpoint

DATASET_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
EXTRA_GRAPHS = 300
# A triple that is no edukg data, with blank nodes, in a named graph and in the store's own
# default graph: the old union check read the first named-graph quad and took a blank node in
# it as "union is on", so every query then returned 0 rows.
FOREIGN = (
    "INSERT DATA { _:a <http://example.org/p> _:b . "
    "GRAPH <http://example.org/a-foreign-graph> { _:c <http://example.org/p> _:d } }"
)
# The same IRI-only triple in a named graph and in the default graph: a check that looks one
# named triple up in the default graph finds it there, though the default graph is no union.
COPIED = (
    "INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> . "
    "GRAPH <http://example.org/copied> { "
    "<http://example.org/s> <http://example.org/p> <http://example.org/o> } }"
)


class Recorder(ThreadingHTTPServer):
    """A forwarding HTTP proxy to `upstream` that records each request's parameters."""

    daemon_threads = True

    def __init__(self, upstream: str, server_header: str | None) -> None:
        super().__init__(("127.0.0.1", 0), _Forward)
        parts = urllib.parse.urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.server_header = server_header
        self.requests: list[list[tuple[str, str]]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def dataset_params(self) -> list[list[tuple[str, str]]]:
        """The dataset parameters of each recorded query request."""
        return [[(k, v) for k, v in params if k in DATASET_PARAMS] for params in self.requests]


class _Forward(BaseHTTPRequestHandler):
    server: Recorder

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path, _, query_string = self.path.partition("?")
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        params = urllib.parse.parse_qsl(query_string, keep_blank_values=True)
        if path == "/query" and self.headers.get("Content-Type", "").startswith(
            "application/x-www-form-urlencoded"
        ):
            params += urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        if path == "/query":
            self.server.requests.append(params)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        connection = http.client.HTTPConnection(*self.server.upstream, timeout=60)
        try:
            connection.request(self.command, self.path, body or None, headers)
            answer = connection.getresponse()
            data = answer.read()
        finally:
            connection.close()
        self.send_response_only(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() in ("server", "transfer-encoding", "content-length", "connection"):
                continue
            self.send_header(key, value)
        if self.server.server_header is not None:
            self.send_header("Server", self.server.server_header)
        else:
            self.send_header("Server", answer.getheader("Server", ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_POST = do_PUT = do_DELETE = do_GET


@contextlib.contextmanager
def recording(upstream: str, server_header: str | None = None) -> Iterator[Recorder]:
    proxy = Recorder(upstream, server_header)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


def extra_graphs_update(n: int) -> str:
    """One INSERT DATA of `n` small graphs of 3 quads each (no edukg vocabulary)."""
    lines = [
        f"GRAPH <http://example.org/extra/{i}> {{ <http://example.org/thing/{i}> "
        f'<http://www.w3.org/2000/01/rdf-schema#label> "物{i}"@zh ; '
        f"<http://example.org/p> <http://example.org/thing/{i + 1}> , {i} }}"
        for i in range(n)
    ]
    return "INSERT DATA {\n" + "\n".join(lines) + "\n}"


def assert_named_queries_match(remote: EndpointStore, local: EmbeddedStore) -> None:
    for name, query in load_named_queries().items():
        values = TINY_PARAMS.get(name)
        expected = run_named_query(local, query, values)
        assert run_named_query(remote, query, values) == expected, name


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` without union, holding the tiny dataset and 300 more graphs."""
    with oxigraph_server(tmp_path_factory.mktemp("crowded"), union=False) as base:
        store = fill(EndpointStore(base, timeout=30))
        store._update(extra_graphs_update(EXTRA_GRAPHS))
        yield base


@pytest.fixture(scope="module")
def crowded_local() -> EmbeddedStore:
    store = fill(EmbeddedStore(None))
    store._store.update(extra_graphs_update(EXTRA_GRAPHS))
    return store


def test_oxigraph_union_switch_is_honoured_per_request(crowded_server):
    def titles(params: list[tuple[str, str]]) -> bytes:
        query = "SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }"
        body = urllib.parse.urlencode([("query", query), *params]).encode()
        request = urllib.request.Request(
            crowded_server + "/query", data=body, headers={"Accept": "text/csv"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read()

    assert "2019年常州市教育工作要点".encode() not in titles([])
    assert "2019年常州市教育工作要点".encode() in titles([("union-default-graph", "")])


def test_named_queries_match_embedded_with_a_handful_of_parameters(crowded_server, crowded_local):
    with recording(crowded_server) as proxy:
        remote = EndpointStore(proxy.url, timeout=30)
        assert len(remote.graphs()) > EXTRA_GRAPHS
        assert_named_queries_match(remote, crowded_local)
        assert remote.count() == crowded_local.count()
        widest = max(len(params) for params in proxy.dataset_params())
    assert widest <= 2, f"a request carried {widest} dataset parameters"
    assert [("union-default-graph", "")] in proxy.dataset_params()


def test_server_without_union_or_switch_is_refused_past_the_bound(
    crowded_server, crowded_local, capsys
):
    with recording(crowded_server, server_header="SomeEngine/1.0") as proxy:
        remote = EndpointStore(proxy.url, timeout=30)
        with pytest.raises(UnionDefaultGraphError, match="tdb2:unionDefaultGraph true") as info:
            remote.select("SELECT ?d WHERE { ?d a ekg:Document }")
        assert len(str(info.value).splitlines()) == 1
        assert f"{len(crowded_local.graphs())} named graphs" in str(info.value)
        assert main(["query", "documents_by_issuer", "--endpoint", proxy.url]) == 2
        assert "unionDefaultGraph" in capsys.readouterr().err
        widest = max(len(params) for params in proxy.dataset_params())
    assert widest == 0  # refused before any query was sent with a graph list


def test_union_check_is_not_fooled_by_a_foreign_blank_node_triple(tmp_path):
    local = fill(EmbeddedStore(None))
    with oxigraph_server(tmp_path, union=False) as base:
        EndpointStore(base, timeout=30)._update(FOREIGN)
        with recording(base, server_header="SomeEngine/1.0") as proxy:
            remote = EndpointStore(proxy.url, timeout=30)
            assert remote._probe_union_default() is False
            # With only foreign data the first query already decides; edukg data comes after.
            assert remote.select("SELECT ?o WHERE { ?s <http://example.org/p> ?o }").rows
            fill(remote)
            local._store.update(FOREIGN)
            assert_named_queries_match(remote, local)
            assert remote._union_default is False
            listed = max(len(params) for params in proxy.dataset_params())
    graphs = len(local.graphs())
    assert listed == 2 * graphs + 1 <= 2 * MAX_LISTED_GRAPHS + 1  # + the statistics graph, by name


def test_union_check_is_not_fooled_by_graphs_copied_into_the_default_graph(tmp_path):
    with oxigraph_server(tmp_path, union=False) as base:
        store = fill(EndpointStore(base, timeout=30))
        store._update(COPIED)
        # Every triple of every graph but one edukg graph is in the default graph too.
        kept, *copied = [g for g in store.graphs() if "edukg" in g.value]
        for graph in copied:
            store._update(f"ADD {graph} TO DEFAULT")
        with recording(base, server_header="SomeEngine/1.0") as proxy:
            assert EndpointStore(proxy.url, timeout=30)._probe_union_default() is False


def test_union_check_sees_a_real_union_despite_foreign_triples(tmp_path):
    with oxigraph_server(tmp_path, union=True) as base:
        store = fill(EndpointStore(base, timeout=30))
        store._update(FOREIGN)
        store._update(COPIED)
        with recording(base, server_header="SomeEngine/1.0") as proxy:
            remote = EndpointStore(proxy.url, timeout=30)
            assert remote._probe_union_default() is True
            query = load_named_queries()["documents_by_area_and_year"]
            assert run_named_query(remote, query, {"area": "海陵区"}).rows
            assert max(len(params) for params in proxy.dataset_params()) == 0


def test_union_check_waits_for_data_on_an_empty_server(tmp_path: Path):
    with oxigraph_server(tmp_path, union=False) as base:
        with recording(base, server_header="SomeEngine/1.0") as proxy:
            remote = EndpointStore(proxy.url, timeout=30)
            assert remote._probe_union_default() is None
            assert not remote.ask("ASK { ?s ?p ?o }")
            fill(remote)
            assert remote.ask("ASK { ?d a ekg:Document }")
            assert remote._union_default is False
