"""Store fixtures (registered in tests/conftest.py): the tiny dataset in an embedded store (memory
or disk), a real Oxigraph server for the endpoint backend, and `store` over both backends."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import EndpointStore
from graph_store.protocol import GraphStore
from graph_store.server import ServerError, find_oxigraph, stop_process

TINY = Path(__file__).resolve().parent / "data" / "tiny.trig"
# Values in the tiny dataset for the named queries' required parameters.
TINY_PARAMS = {
    "document_sections": {"document": "https://w3id.org/edukg/id/doc/tinydoc1"},
    "programme_participants": {"program": "https://w3id.org/edukg/id/program/hl-sanming"},
    "targets_by_area_and_indicator": {"indicator": "新增学位"},
}


def tiny_quads() -> list[ox.Quad]:
    with TINY.open("rb") as handle:
        return list(ox.parse(handle, format=ox.RdfFormat.TRIG))


def fill(store: GraphStore) -> GraphStore:
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in tiny_quads():
        by_graph.setdefault(quad.graph_name, []).append(quad)
    for graph, quads in by_graph.items():
        store.put_graph(graph, quads)
    return store


@pytest.fixture
def tiny_store() -> EmbeddedStore:
    return fill(EmbeddedStore(None))


def make_big_store(folder: Path) -> Path:
    """Write 3 000 numbered nodes into a store at `folder`: a cross product of them runs for
    minutes (a three-way one for hours)."""
    store = ox.Store(str(folder))
    graph = ox.NamedNode("https://w3id.org/edukg/id/graph/big")
    order = ox.NamedNode("https://w3id.org/edukg/ontology#order")
    store.extend(
        ox.Quad(ox.NamedNode(f"https://w3id.org/edukg/id/n/{i}"), order, ox.Literal(i), graph)
        for i in range(3000)
    )
    store.flush()
    del store
    return folder


@pytest.fixture
def big_store_path(tmp_path: Path) -> Path:
    """A few thousand generated triples: enough for a cross product that runs for minutes."""
    return make_big_store(tmp_path / "big")


@pytest.fixture
def tiny_store_path(tmp_path: Path) -> Path:
    store = fill(EmbeddedStore(tmp_path / "store"))
    store.close()
    return tmp_path / "store"


# --- the endpoint backend: a real Oxigraph server process on 127.0.0.1 -----------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def oxigraph_server(
    log_dir: Path, location: Path | None = None, union: bool = True, read_only: bool = False
) -> Iterator[str]:
    """Start `oxigraph serve` on a free port, wait until it answers, yield its base URL, kill it.

    Fails (never skips) when the binary is missing: it is installed with the project.
    """
    try:
        binary = find_oxigraph()
    except ServerError as err:
        pytest.fail(f"endpoint tests need the Oxigraph server: {err}")
    port = free_port()
    command = [binary, "serve-read-only" if read_only else "serve", "--bind", f"127.0.0.1:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    if union:
        command.append("--union-default-graph")
    log_path = log_dir / f"oxigraph-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError) as err:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = log_path.read_text(encoding="utf-8", errors="replace")
                    pytest.fail(f"Oxigraph server did not start ({err}); log:\n{log}")
                time.sleep(0.05)
        yield base
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def endpoint_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-write in-memory Oxigraph server with the union default graph, for the session."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as base:
        yield base


@pytest.fixture
def empty_endpoint_store(endpoint_url: str) -> EndpointStore:
    """The session server, emptied, as an EndpointStore."""
    store = EndpointStore(endpoint_url, timeout=30)
    store._update("DROP SILENT ALL")
    return store


@pytest.fixture(params=["embedded", pytest.param("endpoint", marks=pytest.mark.endpoint)])
def store(request: pytest.FixtureRequest):
    """The tiny dataset in each backend of BACKENDS (the contract suite runs on both)."""
    if request.param == "embedded":
        return fill(EmbeddedStore(None))
    return fill(request.getfixturevalue("empty_endpoint_store"))
