"""`edukg serve`'s Oxigraph is out of everyone's reach but the filter's (issue #10): no other
process can connect to its port, from inside it has no route out (a SERVICE that got past the
filter reaches nothing), and a query whose client left stops using CPU at once, whatever its
shape. Where the system does not allow network namespaces, serve refuses to start."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_store.embedded import EmbeddedStore
from tests.call_out import call_out_listener
from tests.graph_store.test_serve_security import (
    CROSS,
    PROJECT_ROOT,
    cpu_settles,
    edukg_serve,
    oxigraph_cpu,
    send,
    system_allows_namespaces,
)
from tests.store_fixtures import fill, free_port, make_big_store

pytestmark = pytest.mark.endpoint

EDUKG = [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
MODES = {"read-only": (), "read-write": ("--allow-updates",)}


@pytest.fixture(scope="module", params=sorted(MODES))
def serve(request, tmp_path_factory) -> Iterator[tuple[str, subprocess.Popen]]:
    """`edukg serve` read-only and read-write on a small store."""
    folder = tmp_path_factory.mktemp("serve-" + request.param)
    fill(EmbeddedStore(folder / "store")).close()
    with edukg_serve(folder / "store", folder / "serve.log", *MODES[request.param]) as running:
        yield running


def oxigraph_pids(serve: subprocess.Popen) -> list[int]:
    pids = sorted(oxigraph_cpu(serve))
    assert pids, "no Oxigraph process under edukg serve"
    return pids


def listening(net: Path) -> dict[int, int]:
    """The listening TCP sockets of a network namespace (its /proc/PID/net): inode -> port."""
    found = {}
    for table in ("tcp", "tcp6"):
        for line in (net / table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A":  # LISTEN
                found[int(fields[9])] = int(fields[1].rsplit(":", 1)[1], 16)
    return found


def socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


# --- 1. nobody but the filter reaches Oxigraph's port ---------------------------------------------


def test_oxigraph_listens_where_no_other_process_can_connect(serve):
    _, process = serve
    ours = listening(Path("/proc/self/net"))
    for pid in oxigraph_pids(process):
        own = {inode: port for inode, port in listening(Path(f"/proc/{pid}/net")).items()}
        own = {inode: port for inode, port in own.items() if inode in socket_inodes(pid)}
        assert own, "the control: Oxigraph listens on a port (in its own namespace)"
        assert not set(own) & set(ours), "Oxigraph's port is in this process's namespace"
        for port in own.values():
            if port in ours.values():
                continue  # another program has that port out here; the inodes said enough
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=5).close()


# --- 2. from inside, no route out -------------------------------------------------------------

_INSIDE = """
import ctypes, http.client, os, sys, urllib.parse
pid, query = sys.argv[1], sys.argv[2]
libc = ctypes.CDLL(None, use_errno=True)
for kind in ("user", "net"):  # enter Oxigraph's namespaces, as far as they differ from ours
    if os.readlink(f"/proc/{pid}/ns/{kind}") != os.readlink(f"/proc/self/ns/{kind}"):
        if libc.setns(os.open(f"/proc/{pid}/ns/{kind}", os.O_RDONLY), 0) != 0:
            sys.exit(f"setns {kind}: {os.strerror(ctypes.get_errno())}")
bind = open(f"/proc/{pid}/cmdline").read().split("\\0")
host, port = bind[bind.index("--bind") + 1].rsplit(":", 1)
connection = http.client.HTTPConnection(host, int(port), timeout=60)
body = urllib.parse.urlencode({"query": query})
headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
connection.request("POST", "/query", body, headers)
response = connection.getresponse()
print(response.status, response.read().decode("utf-8", "replace").replace("\\n", " "))
"""


def ask_oxigraph_directly(pid: int, query: str) -> tuple[int, str]:
    """Send `query` straight to the Oxigraph `pid` from inside its namespace (no filter)."""
    done = subprocess.run(
        [sys.executable, "-c", _INSIDE, str(pid), query],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    status, _, body = done.stdout.partition(" ")
    return int(status), body


def test_a_service_sent_straight_to_oxigraph_reaches_nothing(serve):
    _, process = serve
    pid = oxigraph_pids(process)[0]
    with call_out_listener() as listener:
        status, body = ask_oxigraph_directly(pid, "ASK { GRAPH ?g { ?s ?p ?o } }")
        assert (status, body.split()) == (200, ["true"]), "the control: Oxigraph answers"
        for target in (listener.url, "http://198.51.100.1/"):  # here; a documentation address
            status, body = ask_oxigraph_directly(
                pid, f"ASK {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
            )
            assert status == 500 and ("refused" in body or "unreachable" in body), body
        status, body = ask_oxigraph_directly(
            pid, f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"
        )
        assert (status, body.split()) == (200, ["o,p,s", ",,"])  # one empty row: nothing came
        assert listener.arrived == []
        # the control: an Oxigraph with the network reaches the listener with the same query
        with pytest.raises(OSError):
            list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
        assert len(listener.arrived) == 1


# --- 3. a query whose client left stops -----------------------------------------------------------

SHAPES = {
    "order_by": f"SELECT * WHERE {{ {CROSS} FILTER(?x + ?y + ?z = -1) }} ORDER BY ?z ?y",
    "nested_count": f"SELECT (COUNT(*) AS ?groups) WHERE {{ SELECT ?x (COUNT(*) AS ?n) "
    f"WHERE {{ {CROSS} }} GROUP BY ?x }}",
    "cross_product_count": f"SELECT (COUNT(*) AS ?n) WHERE {{ {CROSS} }}",
    "streaming_select_no_row_yet": f"SELECT * WHERE {{ {CROSS} FILTER(?x + ?y + ?z = -1) }}",
    "streaming_select": f"SELECT * WHERE {{ {CROSS} }}",
}


@pytest.fixture(scope="module", params=sorted(MODES))
def big_serve(request, tmp_path_factory) -> Iterator[tuple[str, subprocess.Popen]]:
    """`edukg serve` on a store where a cross product runs for hours, timeout far away (60 s)."""
    folder = tmp_path_factory.mktemp("serve-big-" + request.param)
    store = make_big_store(folder / "store")
    args = ("--timeout-s", "60", *MODES[request.param])
    with edukg_serve(store, folder / "serve.log", *args) as running:
        yield running


def start_query(base: str, query: str) -> socket.socket:
    """Send `query` on a raw connection (the test decides when the client leaves)."""
    parts = urllib.parse.urlsplit(base)
    client = socket.create_connection((parts.hostname, parts.port), timeout=30)
    body = urllib.parse.urlencode({"query": query}).encode()
    client.sendall(
        b"POST /query HTTP/1.1\r\nHost: %s\r\nAccept: text/csv\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
        % (parts.netloc.encode(), len(body), body)
    )
    return client


def cpu_used_over(serve: subprocess.Popen, seconds: float, reading: socket.socket) -> float:
    """CPU seconds the Oxigraphs use in the next `seconds`, while `reading` is read from
    (as a client reads rows as they come)."""
    before = oxigraph_cpu(serve)
    ends = time.monotonic() + seconds
    reading.settimeout(0.1)
    while time.monotonic() < ends:
        try:
            reading.recv(1 << 16)
        except TimeoutError:
            pass
    after = oxigraph_cpu(serve)
    return sum(after[pid] - before.get(pid, 0.0) for pid in after)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_query_stops_using_cpu_when_its_client_leaves(big_serve, shape):
    base, process = big_serve
    client = start_query(base, SHAPES[shape])
    assert cpu_used_over(process, 1.5, client) > 0.3, "the control: Oxigraph works on it"
    client.close()
    assert cpu_settles(process, within=3), "Oxigraph still works for a client that left"
    assert send(base, "get", "ASK { ?s ?p ?o }")[0] == 200


def test_a_client_that_stays_still_gets_its_answer(big_serve):
    base, _ = big_serve
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/edukg/ontology#order> ?x }"
    assert send(base, "get", query) == (200, "n\r\n3000\r\n")


# --- where the system refuses namespaces -------------------------------------------------------


def test_serve_refuses_to_start_where_namespaces_are_not_allowed(tmp_path):
    fill(EmbeddedStore(tmp_path / "store")).close()
    port = free_port()
    serve = [*EDUKG, "serve", "--store", str(tmp_path / "store"), "--port", str(port)]
    if system_allows_namespaces():
        # Turn them off for this run only: the limit is per user namespace.
        shell = 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"'
        serve = ["unshare", "--user", "--map-root-user", "sh", "-c", shell, "sh", *serve]
    done = subprocess.run(serve, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "network namespace of its own" in done.stderr
    assert "does not allow it" in done.stderr and "user.max_user_namespaces" in done.stderr
    assert "Traceback" not in done.stderr


_UNPRIVILEGED = """
import os, sys
sys.path.insert(0, sys.argv[1])
from graph_store.server import Oxigraph, _InnerConnection, plan_server
oxigraph = Oxigraph.start(plan_server(sys.argv[2], binary=sys.argv[3]).command)
connection = _InnerConnection(oxigraph, timeout=30)
connection.request("GET", "/query?query=ASK%7BGRAPH%20%3Fg%7B%3Fs%20%3Fp%20%3Fo%7D%7D")
answer = connection.getresponse().read().decode()
net = os.readlink(f"/proc/{oxigraph.pid}/ns/net") != os.readlink("/proc/self/ns/net")
print(os.getuid(), os.stat(f"/proc/{oxigraph.pid}").st_uid, net, "true" in answer)
oxigraph.stop()
"""


def test_oxigraph_is_isolated_for_an_unprivileged_user_too():
    """As root, start the contained Oxigraph as uid 65534 (setpriv), with a Python that user
    can run (server.py needs only the standard library); as anyone else, as this user."""
    from graph_store.server import find_oxigraph

    folder = Path(tempfile.mkdtemp(prefix="edukg-unprivileged-"))
    try:
        fill(EmbeddedStore(folder / "store")).close()
        command = [sys.executable]
        if os.geteuid() == 0:
            for path in [folder, *folder.rglob("*")]:
                os.chown(path, 65534, 65534)
            python = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
            assert python, "no system python3 for uid 65534 to run"
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", python]
        script = [_UNPRIVILEGED, str(PROJECT_ROOT), str(folder / "store"), find_oxigraph()]
        done = subprocess.run(
            [*command, "-c", *script], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        uid, oxigraph_uid, own_namespace, answered = done.stdout.split()
        assert uid == oxigraph_uid == str(65534 if os.geteuid() == 0 else os.geteuid())
        assert (own_namespace, answered) == ("True", "True")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
