"""Endpoint-only behaviour: URLs, errors, the union-default-graph fallback, and `edukg serve`."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from cli import main
from graph_store.endpoint import EndpointError, EndpointStore, EndpointUnreachableError
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.open import open_store
from graph_store.protocol import StoreError
from graph_store.server import StoreLockedError, check_store_free, plan_server, stop_process
from tests.store_fixtures import TINY_PARAMS, fill, free_port, oxigraph_server

pytestmark = pytest.mark.endpoint


def test_open_store_gives_endpoint_for_url(endpoint_url):
    store = open_store(endpoint_url)
    assert isinstance(store, EndpointStore)
    assert store.query_url == endpoint_url + "/query"
    assert store.update_url == endpoint_url + "/update"


def test_unreachable_endpoint_is_a_connection_error_naming_the_url():
    url = f"http://127.0.0.1:{free_port()}/query"
    store = EndpointStore(url, timeout=2)
    with pytest.raises(ConnectionError, match=url):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(EndpointUnreachableError):
        store.count()


def test_http_error_names_url_status_and_body(empty_endpoint_store):
    with pytest.raises(EndpointError) as info:
        empty_endpoint_store.select("SELECT ?x WHERE { ?x ?p }")
    message = str(info.value)
    assert empty_endpoint_store.query_url in message
    assert "HTTP 400" in message
    assert len(message) < 600


def test_cli_reports_unreachable_endpoint_with_exit_2(capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["stats", "--endpoint", url]) == 2
    assert url in capsys.readouterr().err


def test_server_without_union_default_graph_gives_same_answers(tmp_path):
    """A server whose default graph is not the union still answers like the embedded store."""
    with oxigraph_server(tmp_path, union=False) as base:
        remote = fill(EndpointStore(base, timeout=30))
        from graph_store.embedded import EmbeddedStore

        local = fill(EmbeddedStore(None))
        for name, query in load_named_queries().items():
            values = TINY_PARAMS.get(name)
            assert run_named_query(remote, query, values) == run_named_query(local, query, values)
        assert remote.ask("ASK { ?d a ekg:Document }")
        # Oxigraph is asked for the union per request (tests/graph_store/test_endpoint_union.py).
        assert remote._dataset_params == [("union-default-graph", "")]


def test_read_only_server_refuses_updates(tiny_store_path, tmp_path):
    with oxigraph_server(tmp_path, location=tiny_store_path, read_only=True) as base:
        store = EndpointStore(base, timeout=30)
        assert store.count() > 0
        with pytest.raises(StoreError, match="HTTP"):
            store.drop_graph(NamedNode("https://w3id.org/edukg/id/graph/tinydoc1"))


def test_plan_server_is_read_only_without_the_server_wide_union(tmp_path):
    plan = plan_server(tmp_path, port=9999, binary="oxigraph")
    assert plan.command[1] == "serve-read-only"
    # The filter in front asks for the union per query (db81047): the server-wide switch would
    # make Oxigraph ignore FROM.
    assert "--union-default-graph" not in plan.command
    assert plan.query_url == "http://127.0.0.1:9999/query"
    assert "curl" in plan.banner()
    assert plan_server(tmp_path, allow_updates=True, binary="oxigraph").command[1] == "serve"


def test_locked_store_is_refused_with_advice(tiny_store_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('ok', flush=True);"
            " time.sleep(30)",
            str(tiny_store_path),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"ok"
        with pytest.raises(StoreLockedError, match="another process"):
            check_store_free(tiny_store_path)
        assert main(["serve", "--store", str(tiny_store_path), "--port", str(free_port())]) == 2
    finally:
        holder.kill()
        holder.wait()


def test_edukg_serve_answers_named_queries(tiny_store_path, tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, cli; sys.exit(cli.main(sys.argv[1:]))",
            "serve",
            "--store",
            str(tiny_store_path),
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        store = EndpointStore(f"http://127.0.0.1:{port}", timeout=5)
        deadline = time.monotonic() + 20
        while True:
            try:
                assert store.count() > 0
                break
            except EndpointUnreachableError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.1)
        query = load_named_queries()["documents_by_area_and_year"]
        result = run_named_query(store, query, {"area": "海陵区"})
        assert result.column("area") == [Literal("海陵区", language="zh")]
        assert "curl" in (tmp_path / "serve.log").read_text()
    finally:
        stop_process(server)
        log.close()


def test_bound_parameter_reaches_a_sub_select_as_on_the_embedded_store(empty_endpoint_store):
    """A parameter is bound inside the sub-selects that project it (subselect_binds), as the
    embedded store's substitution binds it: a LIMIT in the sub-select then picks from the bound
    rows, not before the join (and a bound issuer no longer reads every document)."""
    from graph_store.embedded import EmbeddedStore

    remote = fill(empty_endpoint_store)
    local = fill(EmbeddedStore(None))
    query = (
        "SELECT ?d ?t WHERE { { SELECT ?d WHERE { ?d a ekg:Document } ORDER BY ?d LIMIT 1 } "
        "?d dct:title ?t }"
    )
    second = NamedNode("https://w3id.org/edukg/id/doc/tinydoc2")
    expected = local.select(query, {"d": second})
    assert len(expected.rows) == 1
    assert remote.select(query, {"d": second}) == expected
