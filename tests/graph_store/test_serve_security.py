"""`edukg serve` is safe by default (issue #10): no SERVICE or LOAD reaches a real listener,
whatever the request looks like, and a runaway query is stopped at the timeout."""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import build_parser
from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import EndpointStore
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.server import plan_server, stop_process
from tests.call_out import call_out_listener, load_variants, service_variants
from tests.store_fixtures import TINY_PARAMS, fill, free_port

pytestmark = pytest.mark.endpoint

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SERVICE_VARIANTS = sorted(service_variants("http://127.0.0.1:1/"))
LOAD_VARIANTS = sorted(load_variants("http://127.0.0.1:1/"))
STYLES = ("get", "form", "body")


@contextlib.contextmanager
def edukg_serve(store: Path, log: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run `edukg serve` on a free port until it answers; yield its URL and process; stop it."""
    port = free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))", "serve"]
            + ["--store", str(store), "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while send(base, "get", "ASK {}")[0] != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(log.read_text(errors="replace"))
            time.sleep(0.1)
        yield base, server
    finally:
        stop_process(server)


def send(base: str, style: str, text: str, path: str = "/query") -> tuple[int, str]:
    """Send a SPARQL query (or update) the way `style` says; return (status, body).

    get: ?query= in the URL; form: an urlencoded POST; body: application/sparql-query (-update).
    """
    name = "update" if path == "/update" else "query"
    target, body, headers = path, None, {"Accept": "text/csv"}
    if style == "get":
        target += "?" + urllib.parse.urlencode({name: text})
    elif style == "form":
        body = urllib.parse.urlencode({name: text}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    else:
        body = text.encode()
        headers["Content-Type"] = f"application/sparql-{name}"
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET" if style == "get" else "POST", target, body, headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    except OSError:
        return 0, ""
    finally:
        connection.close()


def exchange(
    base: str,
    method: str,
    target: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """Send one HTTP request to `base`; return (status, headers with lower-case names, body)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, target, body, headers or {})
        response = connection.getresponse()
        answer = response.read().decode("utf-8", errors="replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, answer
    finally:
        connection.close()


@pytest.fixture(scope="module")
def read_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve-ro")
    fill(EmbeddedStore(folder / "store")).close()
    with edukg_serve(folder / "store", folder / "serve.log") as (base, _):
        yield base


@pytest.fixture(scope="module")
def read_write_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("serve-rw")
    EmbeddedStore(folder / "store").close()
    with edukg_serve(folder / "store", folder / "serve.log", "--allow-updates") as (base, _):
        yield base


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", SERVICE_VARIANTS)
def test_serve_refuses_service_variant_and_nothing_arrives(read_only_server, name, style):
    with call_out_listener() as listener:
        status, body = send(read_only_server, style, service_variants(listener.url)[name])
        assert status == 403, body
        assert "SERVICE is refused" in body or "could not be checked" in body
        assert listener.arrived == []


@pytest.mark.parametrize("style", ("form", "body"))
@pytest.mark.parametrize("name", LOAD_VARIANTS)
def test_serve_with_updates_refuses_load_variant_and_nothing_arrives(
    read_write_server, name, style
):
    with call_out_listener() as listener:
        status, body = send(read_write_server, style, load_variants(listener.url)[name], "/update")
        assert status == 403, body
        assert "LOAD is refused" in body or "SERVICE is refused" in body
        assert listener.arrived == []


def test_read_only_serve_refuses_every_update(read_only_server):
    with call_out_listener() as listener:
        for update in [*load_variants(listener.url).values(), "DROP ALL"]:
            assert send(read_only_server, "body", update, "/update")[0] == 403
            assert send(read_only_server, "form", update)[0] in (400, 403)
        assert listener.arrived == []
    assert send(read_only_server, "get", "ASK { ?s ?p ?o }")[0] == 200


def test_serve_with_updates_takes_the_projects_writes_and_answers_its_queries(
    read_write_server, tmp_path
):
    remote = fill(EndpointStore(read_write_server, timeout=30))
    # On disk like the served store: GROUP_CONCAT's order follows the storage.
    local = fill(EmbeddedStore(tmp_path / "local"))
    for name, query in load_named_queries().items():
        values = TINY_PARAMS.get(name)
        assert run_named_query(remote, query, values) == run_named_query(local, query, values)


@pytest.mark.parametrize(
    "request_line",
    [
        "/store/../query?query=ASK%7B%7D",
        "/store/%2e%2e/query?query=ASK%7B%7D",
        "/store\\..\\query?query=ASK%7B%7D",
        "/./query?query=ASK%7B%7D",
        "/query/?query=ASK%7B%7D",
    ],
)
def test_serve_passes_only_known_paths(read_only_server, request_line):
    parts = urllib.parse.urlsplit(read_only_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", request_line)
    assert connection.getresponse().status == 404
    connection.close()


def test_serve_refuses_two_queries_in_one_request(read_only_server):
    parts = urllib.parse.urlsplit(read_only_server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    query = urllib.parse.urlencode({"query": "ASK {}"})
    connection.request(
        "POST",
        "/query?" + query,
        b"ASK { ?s ?p ?o }",
        {"Content-Type": "application/sparql-query"},
    )
    assert connection.getresponse().status == 400
    connection.close()


def test_serve_times_out_after_30_s_by_default(tmp_path):
    assert build_parser().parse_args(["serve"]).timeout_s == 30
    plan = plan_server(tmp_path, binary="oxigraph", inner_port=7879)
    assert plan.timeout_s == 30
    assert plan.command[plan.command.index("--timeout-s") + 1] == "31"  # Oxigraph's backstop
    assert ("127.0.0.1", 7879) == plan.inner and plan.bind == ("127.0.0.1", 7878)


CROSS = "?a <https://w3id.org/edukg/ontology#order> ?x . ?b <https://w3id.org/edukg/ontology#order> ?y . ?c <https://w3id.org/edukg/ontology#order> ?z"
RUNAWAY = {
    # rows stream out all the time: Oxigraph's own --timeout-s does not stop this one
    "streaming": f"SELECT * WHERE {{ {CROSS} }}",
    # nothing comes out until the count is done
    "silent": f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} FILTER(?x + ?y + ?z = -1) }}",
}


def _read_all(base: str, query: str) -> tuple[int, bool]:
    """Run `query`, reading the whole answer; return (status, whether the answer was complete)."""
    parts = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        body = urllib.parse.urlencode({"query": query}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
        connection.request("POST", "/query", body, headers)
        response = connection.getresponse()
        given_up = time.monotonic() + 20  # a server that does not stop it: fail, do not hang
        try:
            while response.read(1 << 20) and time.monotonic() < given_up:
                pass
        except (http.client.IncompleteRead, ConnectionError):
            return response.status, False
        return response.status, True
    finally:
        connection.close()


def _oxigraph_cpu_seconds(serve: subprocess.Popen) -> float | None:
    """CPU seconds used so far by the Oxigraph process `edukg serve` started (Linux /proc)."""
    children = Path(f"/proc/{serve.pid}/task/{serve.pid}/children")
    if not children.exists():
        return None
    pids = children.read_text().split()
    if len(pids) != 1:
        return None
    fields = Path(f"/proc/{pids[0]}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu_settles(serve: subprocess.Popen, within: float) -> bool | None:
    """Whether Oxigraph stops using CPU within `within` seconds (None: /proc cannot tell)."""
    last = _oxigraph_cpu_seconds(serve)
    if last is None:
        return None
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        time.sleep(1)
        now = _oxigraph_cpu_seconds(serve)
        if now is None or now - last < 0.05:
            return now is not None
        last = now
    return False


@pytest.mark.parametrize("kind", sorted(RUNAWAY))
def test_serve_stops_a_runaway_query_at_the_timeout(big_store_path, tmp_path, kind):
    with edukg_serve(big_store_path, tmp_path / "serve.log", "--timeout-s", "2") as (base, serve):
        started = time.monotonic()
        status, complete = _read_all(base, RUNAWAY[kind])
        assert time.monotonic() - started < 2 + 3
        assert status == 504 or not complete
        # Hung up on, Oxigraph stops at once while it streams; a query that has sent nothing
        # yet runs to Oxigraph's own timeout (a second later) and its cancellation.
        assert _cpu_settles(serve, within=8) is not False, "Oxigraph still works on the query"
        assert send(base, "get", "ASK { ?s ?p ?o }")[0] == 200
