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
                refused = "does not allow it" in log.read_text(errors="replace")
                if refused and not system_allows_namespaces():
                    pytest.skip("this system does not allow network namespaces: serve refuses")
                pytest.fail(log.read_text(errors="replace"))
            time.sleep(0.1)
        yield base, server
    finally:
        stop_process(server)


def system_allows_namespaces() -> bool:
    """Whether a fresh process may enter a new user and network namespace here, asked of the
    system with util-linux's `unshare` (not with the code under test); a skip is only allowed
    when this says no."""
    probe = ["unshare", "--user", "--net", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except FileNotFoundError:
        probe_py = "import os, ctypes; os._exit(ctypes.CDLL(None).unshare(0x50000000) != 0)"
        return subprocess.run([sys.executable, "-c", probe_py]).returncode == 0


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
    plan = plan_server(tmp_path, binary="oxigraph")
    assert plan.timeout_s == 30
    assert plan.command[plan.command.index("--timeout-s") + 1] == "31"  # Oxigraph's backstop
    assert plan.bind == ("127.0.0.1", 7878)


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


def descendants(pid: int) -> list[int]:
    """Every process under `pid` (Linux /proc), children first."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").glob("*"))
    except OSError:
        return found  # it exited while the tree was walked (a request's Oxigraph, killed)
    for task in tasks:
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def oxigraph_cpu(serve: subprocess.Popen) -> dict[int, float]:
    """CPU seconds used so far by each Oxigraph process under `edukg serve`, by pid."""
    used = {}
    for pid in descendants(serve.pid):
        try:
            if Path(f"/proc/{pid}/comm").read_text().strip() != "oxigraph":
                continue
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it exited meanwhile
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def cpu_settles(serve: subprocess.Popen, within: float) -> bool:
    """Whether the Oxigraph processes stop using CPU (each one exits or uses under 0.05 s in a
    second) within `within` seconds."""
    last = oxigraph_cpu(serve)
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        time.sleep(1)
        now = oxigraph_cpu(serve)
        if all(now[pid] - last.get(pid, 0.0) < 0.05 for pid in now):
            return True
        last = now
    return False


@pytest.mark.parametrize("kind", sorted(RUNAWAY))
def test_serve_stops_a_runaway_query_at_the_timeout(big_store_path, tmp_path, kind):
    with edukg_serve(big_store_path, tmp_path / "serve.log", "--timeout-s", "2") as (base, serve):
        started = time.monotonic()
        status, complete = _read_all(base, RUNAWAY[kind])
        assert time.monotonic() - started < 2 + 3
        assert status == 504 or not complete
        # The Oxigraph that ran it is killed: no query goes on after its answer was cut.
        assert cpu_settles(serve, within=3), "Oxigraph still works on the query"
        assert send(base, "get", "ASK { ?s ?p ?o }")[0] == 200
