"""`edukg serve`: the real Oxigraph server over the store folder, as a SPARQL 1.1 endpoint.

The `oxigraph` package (a pinned dependency) installs the server binary next to the Python
interpreter. It is started read-only (`oxigraph serve-read-only`) unless updates are asked for
(`oxigraph serve`, which creates the store in an empty or missing folder). A query that names no
dataset sees every document's graph as its default graph, as the embedded store does: the
filter asks for the union per query (`union-default-graph`), not Oxigraph's server-wide switch,
which would make Oxigraph ignore FROM.

Clients never reach it directly. Each Oxigraph runs in a user and network namespace of its own
(`Oxigraph`): its only interface is a loopback nobody else shares, so no other process can connect
to it and a SERVICE that got past the filter finds no route out. A small wrapper process inside
the namespace (`_contained_main`) starts Oxigraph and hands the filter sockets made inside the
namespace (SCM_RIGHTS over a socket pair), the only way in. Where the system does not allow
namespaces, `edukg serve` refuses to start (NamespaceRefused), rather than serve an open port.

The filter of graph_store/gateway.py answers on the public address. It refuses SERVICE and LOAD
(Oxigraph would call any URL a client names) and stops a query at the timeout or when its client
leaves. Oxigraph goes on with a query that has sent nothing yet however its connection ends, so
a read-only server lends each request an Oxigraph of its own (`OxigraphPool`) and kills the one
whose query was cut short; Oxigraph's own `--timeout-s` is set a second later, as a backstop.

The filter also answers browsers (CORS) when `--cors` or `--cors-origin` asks for it; see
graph_store/gateway.py for the policy.

A read-only server follows the store: when `edukg ingest` or `edukg delete` has written it (its
generation file says so), fresh Oxigraphs take over the requests (_follow_store).

The store lock: RocksDB lets one process open a store read-write. A read-write server cannot start
while `edukg ingest` (or another server) holds the store, and a read-only server must not run while
another process writes (Oxigraph calls that undefined behaviour). `check_store_free` finds out
before starting and says what to do.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import gc
import http.client
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph_store.gateway import CorsPolicy

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
INNER_HOST = "127.0.0.1"
INNER_PORT = 7878  # inside Oxigraph's own network namespace, where nothing else listens
STARTUP_S = 60.0
POLL_S = 1.0  # how often a read-only server looks for a newer store generation
MAX_OXIGRAPHS = 8  # a read-only server's Oxigraphs at most: requests served at once
SPARE_OXIGRAPHS = 1  # idle ones kept started, so a request seldom waits for one to start
PROJECT_ROOT = Path(__file__).resolve().parents[1]


class ServerError(RuntimeError):
    """The server cannot start; the message says why and what to do."""


class StoreLockedError(ServerError):
    """Another process holds the store open read-write."""


class NamespaceRefused(ServerError):
    """The system does not let Oxigraph have a network namespace of its own."""


@dataclass(frozen=True)
class ServerPlan:
    """What `edukg serve` is about to run, and where it will answer.

    `command` starts Oxigraph on `inner`, an address inside its own network namespace; the
    filter answers clients on `bind`.
    """

    command: tuple[str, ...]
    base_url: str
    allow_updates: bool
    bind: tuple[str, int] = (DEFAULT_HOST, DEFAULT_PORT)
    inner: tuple[str, int] = (INNER_HOST, INNER_PORT)
    timeout_s: int = DEFAULT_TIMEOUT_S
    cors: CorsPolicy | None = None

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def update_url(self) -> str:
        return self.base_url + "/update"

    def banner(self) -> str:
        """Return the lines printed before the server starts: URLs and a curl example."""
        mode = "read-write (SPARQL updates allowed)" if self.allow_updates else "read-only"
        lines = [
            f"edukg: serving the store {mode}; SERVICE and LOAD refused, queries stopped "
            f"after {self.timeout_s} s",
            f"  SPARQL query endpoint:  {self.query_url}",
        ]
        if self.allow_updates:
            lines.append(f"  SPARQL update endpoint: {self.update_url}")
        lines += [
            f"  Graph Store Protocol:   {self.base_url}/store",
            f"  web query editor:       {self.base_url}/",
            f"  browsers on other origins: {self._cors_line()}",
            "  try:",
            f"    curl -H 'Accept: text/csv' --data-urlencode "
            f"'query=SELECT ?title WHERE {{ ?d <http://purl.org/dc/terms/title> ?title }} LIMIT 5' "
            f"{self.query_url}",
            f"  or: edukg query documents_by_issuer --endpoint {self.base_url}",
            "  behind it, Oxigraph in a network namespace of its own: no network, no port "
            "other processes can reach",
            "  stop with Ctrl-C",
        ]
        return "\n".join(lines)

    def _cors_line(self) -> str:
        if self.cors is None or not self.cors.enabled:
            return "not allowed (start with --cors or --cors-origin ORIGIN)"
        parts = ["any origin may query"] if self.cors.any_origin else []
        if self.cors.origins:
            verb = "query and update" if self.allow_updates else "query"
            parts.append(f"{', '.join(sorted(self.cors.origins))} may {verb}")
        return "; ".join(parts) + " (CORS)"


def find_oxigraph() -> str:
    """Return the path of the `oxigraph` server binary: next to sys.executable, else on PATH.

    Raises:
        ServerError: not installed; says how to install it.
    """
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise ServerError(
        "the Oxigraph server binary 'oxigraph' is not installed next to "
        f"{sys.executable} or on PATH; install it with `pip install oxigraph==0.5.13` "
        "(it is a dependency of edukg: `pip install -e .`)"
    )


def check_store_free(folder: Path, create: bool = False) -> None:
    """Check that no other process holds the store read-write (opening it briefly to find out).

    With `create` (a read-write server), an empty or missing folder becomes an empty store, for
    clients to fill (`edukg ingest PATH --endpoint URL`).

    Raises:
        ServerError: the folder is not a store (and `create` is false), or cannot be made one.
        StoreLockedError: another process has the store open read-write.
    """
    import pyoxigraph as ox

    if create and not folder.exists():
        try:
            folder.mkdir(parents=True)
        except OSError as err:
            raise ServerError(f"cannot create the store folder {folder}: {err}") from err
    if folder.exists() and not folder.is_dir():
        raise ServerError(f"{folder} is a file, not a store folder")
    if not create and (not folder.is_dir() or not any(folder.iterdir())):
        raise ServerError(
            f"no store at {folder}; load documents first (edukg ingest PATH --store {folder}), "
            "or start an empty server that takes them: edukg serve --allow-updates "
            f"--store {folder}, then edukg ingest PATH --endpoint URL"
        )
    try:
        store = ox.Store(str(folder))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreLockedError(
                f"the store at {folder} is open read-write in another process (an `edukg "
                "ingest`, `edukg serve --allow-updates` or a script). Stop that process and "
                "retry; or, to keep both running, serve a copy: "
                f"`oxigraph backup --location {folder} --destination COPY` then "
                "`edukg serve --store COPY`"
            ) from err
        raise ServerError(f"cannot open the store at {folder}: {err}") from err
    except RuntimeError as err:  # RocksDB reports a damaged store this way
        raise ServerError(f"cannot open the store at {folder}: {err}") from err
    del store
    gc.collect()


def positive_seconds(text: str) -> int:
    """argparse type for --timeout-s: a whole number of seconds, at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of seconds, at least 1")
    return int(text)


def plan_server(
    folder: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_updates: bool = False,
    timeout_s: int = DEFAULT_TIMEOUT_S,
    binary: str | None = None,
    inner_port: int | None = None,
    cors: CorsPolicy | None = None,
) -> ServerPlan:
    """Return the Oxigraph command line for serving `folder` (see the module docstring).

    `inner_port` is Oxigraph's port inside its own network namespace (no other process is there).

    >>> plan = plan_server(Path("data/store"), binary="oxigraph")
    >>> " ".join(plan.command)
    'oxigraph serve-read-only --location data/store --bind 127.0.0.1:7878 --timeout-s 31'
    >>> plan.base_url
    'http://127.0.0.1:7878'
    """
    inner = (INNER_HOST, inner_port or INNER_PORT)
    verb = "serve" if allow_updates else "serve-read-only"
    command = [binary or find_oxigraph(), verb, "--location", str(folder)]
    # No --union-default-graph: with it Oxigraph ignores FROM; the filter asks per query.
    command += ["--bind", f"{inner[0]}:{inner[1]}"]
    command += ["--timeout-s", str(timeout_s + 1)]
    url_host = f"[{host}]" if ":" in host else host
    return ServerPlan(
        tuple(command),
        f"http://{url_host}:{port}",
        allow_updates,
        (host, port),
        inner,
        timeout_s,
        cors,
    )


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_server(plan: ServerPlan) -> int:
    """Run the server in the foreground until it exits, Ctrl-C or SIGTERM; return its exit code.

    The filter binds the public address first (a port in use fails before Oxigraph starts),
    then Oxigraph starts; both signals stop Oxigraph too, so it never outlives `edukg serve`.

    Raises:
        ServerError: the public address cannot be bound, or Oxigraph does not start.
        NamespaceRefused: the system does not allow Oxigraph a network namespace of its own.
    """
    from graph_store.gateway import GatewayServer

    pool = OxigraphPool(plan.command, shared=plan.allow_updates)
    try:
        gateway = GatewayServer(plan.bind, pool, plan.allow_updates, plan.timeout_s, plan.cors)
    except OSError as err:
        raise ServerError(f"cannot listen on {plan.base_url}: {err}") from err
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    serving = None
    try:
        pool.start()
        serving = threading.Thread(target=gateway.serve_forever, daemon=True)
        serving.start()
        if plan.allow_updates:  # this server is the store's only writer: nothing to follow
            return pool.wait()
        return _follow_store(plan, pool)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if serving is not None:  # shutdown() waits for a serve_forever that has started
            gateway.shutdown()
        gateway.server_close()
        pool.close()


def _follow_store(plan: ServerPlan, pool: OxigraphPool) -> int:
    """Serve until stopped; when another process (`edukg ingest`, `edukg delete`) has written
    the store, answer from the new data.

    A read-only Oxigraph reads the store as it was when it opened it, so a newer store
    generation (graph_store/embedded.py) makes the pool start fresh ones; the outdated ones
    finish the requests they hold and are stopped.
    """
    from graph_store.embedded import read_generation

    folder = Path(plan.command[plan.command.index("--location") + 1])
    seen = read_generation(folder)
    while True:
        time.sleep(POLL_S)
        now = read_generation(folder)
        if now == seen:
            continue
        seen = now
        try:
            pool.refresh()
        except ServerError as err:
            print(f"edukg serve: the store changed but could not be reopened: {err}", flush=True)
            continue
        print(f"edukg serve: the store changed (generation {now}); serving it", flush=True)


def stop_process(process: subprocess.Popen) -> None:
    """Stop a child process: terminate, then kill if it has not exited within 10 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- Oxigraph in a network namespace of its own ---------------------------------------------------


class Oxigraph:
    """One Oxigraph server in a user and network namespace of its own.

    `process` is the wrapper (`_contained_main`) that made the namespace and started Oxigraph
    (`pid`) in it; `connect` asks the wrapper for a socket made inside the namespace, the only
    way to reach Oxigraph's port.
    """

    def __init__(self, process: subprocess.Popen, control: socket.socket, pid: int) -> None:
        self.process = process
        self.pid = pid
        self._control = control
        self._asking = threading.Lock()  # one socket request on the control pair at a time

    @classmethod
    def start(cls, command: tuple[str, ...]) -> Oxigraph:
        """Start Oxigraph (`command`, bound inside the namespace) and wait until it answers.

        Raises:
            NamespaceRefused: the system does not allow the namespace; nothing was started.
            ServerError: Oxigraph exited or did not answer within STARTUP_S.
        """
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        code = (
            f"import sys; sys.path.insert(0, {str(PROJECT_ROOT)!r}); "
            "from graph_store.server import _contained_main; sys.exit(_contained_main())"
        )
        # -I -S: the wrapper needs only the standard library; it starts in about 20 ms.
        argv = [sys.executable, "-I", "-S", "-c", code, str(theirs.fileno()), *command]
        with theirs:
            process = subprocess.Popen(argv, pass_fds=[theirs.fileno()])
        ours.settimeout(STARTUP_S)
        try:
            ready = ours.recv(4096)
        except OSError:
            ready = b""
        if not ready.startswith(b"+"):
            ours.close()
            stop_process(process)
            if ready.startswith(b"-"):
                raise NamespaceRefused(_refusal(ready[1:].decode("utf-8", "replace")))
            raise ServerError(f"the Oxigraph wrapper exited (code {process.returncode})")
        oxigraph = cls(process, ours, int(ready[1:]))
        try:
            oxigraph.wait_until_up()
        except ServerError:
            oxigraph.kill()
            raise
        return oxigraph

    def connect(self, timeout: float | None) -> socket.socket:
        """Return a socket connected to Oxigraph inside its namespace.

        Raises:
            ConnectionError: the wrapper or Oxigraph has exited.
        """
        with self._asking:
            self._control.settimeout(10)
            self._control.sendall(b"s")
            _, fds, _, _ = socket.recv_fds(self._control, 1, 1)
        if not fds:
            raise ConnectionError(f"the Oxigraph server (pid {self.pid}) has exited")
        sock = socket.socket(fileno=fds[0])
        try:
            sock.settimeout(timeout)
            sock.connect((INNER_HOST, INNER_PORT))
        except OSError:
            sock.close()
            raise
        return sock

    def wait_until_up(self) -> None:
        """Wait until Oxigraph answers an ASK.

        Raises:
            ServerError: it exited, or did not answer within STARTUP_S.
        """
        deadline = time.monotonic() + STARTUP_S
        while True:
            connection = _InnerConnection(self, timeout=2)
            try:
                connection.request("GET", "/query?query=ASK%7B%7D")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            if self.process.poll() is not None:
                raise ServerError(f"the Oxigraph server exited (code {self.process.returncode})")
            if time.monotonic() > deadline:
                raise ServerError(f"the Oxigraph server did not answer within {STARTUP_S:g} s")
            time.sleep(0.02)

    def stop(self) -> None:
        """Stop Oxigraph and its wrapper (terminate; kill after 10 s)."""
        stop_process(self.process)
        self._control.close()

    def kill(self) -> None:
        """Kill Oxigraph at once (the only way to stop a query that has sent nothing yet)."""
        if self.process.poll() is None:
            # Oxigraph is the wrapper's child and not yet reaped while the wrapper lives, so
            # its pid cannot belong to another process here. The wrapper exits once it has
            # reaped Oxigraph, so after the wait the store's lock is free for a new one.
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        self._control.close()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None


class _InnerConnection(http.client.HTTPConnection):
    """An HTTP connection to an Oxigraph in its namespace (sockets from `Oxigraph.connect`)."""

    def __init__(self, oxigraph: Oxigraph, timeout: float | None) -> None:
        super().__init__(INNER_HOST, INNER_PORT, timeout=timeout)
        self._oxigraph = oxigraph

    def connect(self) -> None:
        self.sock = self._oxigraph.connect(self.timeout)


def _refusal(reason: str) -> str:
    return (
        "edukg serve runs Oxigraph in a network namespace of its own, so that no other process "
        "can reach its unfiltered port and a query cannot call out; this system does not allow "
        f"it ({reason}). Allow unprivileged user namespaces (Linux: sysctl "
        "user.max_user_namespaces=10000, and kernel.apparmor_restrict_unprivileged_userns=0 "
        "where AppArmor restricts them), or run `oxigraph serve-read-only` yourself behind a "
        "proxy of your own."
    )


class Lease:
    """An Oxigraph lent to one request; `release` gives it back (killing it if `spoiled`)."""

    def __init__(self, pool: OxigraphPool, oxigraph: Oxigraph, generation: int) -> None:
        self.oxigraph = oxigraph
        self._pool = pool
        self._generation = generation

    def connect(self, timeout: float | None) -> socket.socket:
        return self.oxigraph.connect(timeout)

    def release(self, spoiled: bool) -> None:
        """Give the Oxigraph back. `spoiled`: a query was cut short and may still run in it."""
        self._pool.give_back(self.oxigraph, self._generation, spoiled)


class OxigraphPool:
    """The Oxigraphs behind the filter.

    Read-only (`shared` false): each request gets an Oxigraph of its own, up to MAX_OXIGRAPHS
    at once, with SPARE_OXIGRAPHS started ahead; one whose query was cut short (its client left,
    or the timeout) is killed, which stops the query and nobody else's. Read-write (`shared`):
    one Oxigraph holds the store's write lock and serves every request; killing it to stop a
    query restarts it, and the requests it was serving beside that one fail.
    """

    def __init__(self, command: tuple[str, ...], shared: bool, size: int = MAX_OXIGRAPHS) -> None:
        self._command = command
        self._shared = shared
        self._size = 1 if shared else size
        self._idle: list[Oxigraph] = []
        self._all: set[Oxigraph] = set()
        self._starting = 0  # being started now, counted against the size
        self._generation = 0
        self._changed = threading.Condition()
        self._closed = False

    def start(self) -> None:
        """Start the first Oxigraph (raises NamespaceRefused or ServerError, as Oxigraph.start)."""
        self._add_idle(Oxigraph.start(self._command), self._generation)

    def lease(self, wait_s: float | None) -> Lease:
        """Lend an Oxigraph: an idle one, a new one, or (all busy) the next freed within
        `wait_s` seconds.

        Raises:
            TimeoutError: every Oxigraph stayed busy for `wait_s`.
            ServerError: a new Oxigraph could not start.
        """
        ends = None if wait_s is None else time.monotonic() + wait_s
        with self._changed:
            while True:
                if self._closed:
                    raise ServerError("edukg serve is stopping")
                if self._idle:
                    oxigraph = self._idle[-1] if self._shared else self._idle.pop()
                    if oxigraph.alive:
                        lease = Lease(self, oxigraph, self._generation)
                        break
                    self._forget(oxigraph)
                    continue
                if len(self._all) + self._starting < self._size:
                    self._starting += 1
                    generation = self._generation
                    lease = None
                    break
                left = None if ends is None else ends - time.monotonic()
                if left is not None and left <= 0:
                    raise TimeoutError(f"all {self._size} Oxigraph servers stayed busy")
                self._changed.wait(left)
        if lease is not None:
            if not self._shared:
                self._top_up()
            return lease
        oxigraph = self._start_counted()
        if self._shared:
            self._add_idle(oxigraph, generation)
        else:
            with self._changed:
                self._all.add(oxigraph)
            self._top_up()
        return Lease(self, oxigraph, generation)

    def give_back(self, oxigraph: Oxigraph, generation: int, spoiled: bool) -> None:
        """Take back a lent Oxigraph; kill it if `spoiled`, stop it if outdated."""
        with self._changed:
            current = generation == self._generation and not self._closed
            keep = current and not spoiled and oxigraph.alive
            if keep and not self._shared:
                self._idle.append(oxigraph)
            elif not keep and oxigraph in self._all:
                self._forget(oxigraph)
            else:
                return  # shared and kept, or already replaced by another request
            self._changed.notify_all()
        if not keep:
            (oxigraph.kill if spoiled else oxigraph.stop)()
            self._top_up()

    def refresh(self) -> None:
        """Serve a newer store: start a fresh Oxigraph, then stop the idle outdated ones (busy
        ones stop when given back).

        Raises:
            ServerError: the fresh Oxigraph did not start; the old ones go on serving.
        """
        fresh = Oxigraph.start(self._command)
        with self._changed:
            self._generation += 1
            outdated, self._idle = self._idle, []
            for oxigraph in outdated:
                self._all.discard(oxigraph)
        for oxigraph in outdated:
            oxigraph.stop()
        self._add_idle(fresh, self._generation)

    def wait(self) -> int:
        """Wait until the pool ends: return the exit code of an Oxigraph that exited by itself
        (a shared pool's only one), or 0 once closed."""
        while True:
            with self._changed:
                if self._closed:
                    return 0
                dead = [o for o in self._idle if not o.alive] if self._shared else []
                if dead:
                    return dead[0].process.returncode or 0
                self._changed.wait(POLL_S)

    def close(self) -> None:
        """Stop every Oxigraph."""
        with self._changed:
            self._closed = True
            everyone, self._all, self._idle = set(self._all), set(), []
            self._changed.notify_all()
        for oxigraph in everyone:
            oxigraph.stop()

    @property
    def pids(self) -> list[int]:
        """The pids of the Oxigraph servers running now."""
        with self._changed:
            return sorted(o.pid for o in self._all if o.alive)

    def _forget(self, oxigraph: Oxigraph) -> None:
        self._all.discard(oxigraph)
        if oxigraph in self._idle:
            self._idle.remove(oxigraph)

    def _add_idle(self, oxigraph: Oxigraph, generation: int) -> None:
        with self._changed:
            if self._closed or generation != self._generation:
                stale = True
            else:
                stale = False
                self._all.add(oxigraph)
                self._idle.append(oxigraph)
                self._changed.notify_all()
        if stale:
            oxigraph.stop()

    def _start_counted(self) -> Oxigraph:
        try:
            return Oxigraph.start(self._command)
        finally:
            with self._changed:
                self._starting -= 1
                self._changed.notify_all()

    def _top_up(self) -> None:
        """Start a spare Oxigraph in the background when none is idle and there is room."""
        with self._changed:
            room = len(self._all) + self._starting < self._size
            if self._closed or len(self._idle) >= SPARE_OXIGRAPHS or not room:
                return
            self._starting += 1
            generation = self._generation

        def start_spare() -> None:
            try:
                self._add_idle(self._start_counted(), generation)
            except ServerError as err:
                print(f"edukg serve: a spare Oxigraph did not start: {err}", flush=True)

        threading.Thread(target=start_spare, daemon=True).start()


# --- inside the namespace: the wrapper -----------------------------------------------------------

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_PR_SET_PDEATHSIG = 1
_SIOCGIFFLAGS = 0x8913
_SIOCSIFFLAGS = 0x8914
_IFF_UP = 0x1


def _contained_main() -> int:
    """The wrapper: `python -c … CONTROL_FD OXIGRAPH_COMMAND…` (see Oxigraph.start).

    Enters a new user and network namespace, brings its loopback up, starts Oxigraph in it and
    says `+PID` on the control socket (or `-REASON` when the namespace is refused). Then, for
    each byte the filter sends, sends back a new TCP socket made inside the namespace. Ends
    Oxigraph when the filter hangs up (edukg serve exited) and exits when Oxigraph does.
    """
    control = socket.socket(fileno=int(sys.argv[1]))
    try:
        _unshare_network()
        _loopback_up()
        _check_only_loopback()
    except OSError as err:
        control.sendall(b"-" + str(err).encode("utf-8"))
        return 3
    oxigraph = subprocess.Popen(sys.argv[2:], preexec_fn=_die_with_parent)
    # Ctrl-C reaches Oxigraph itself (same process group); edukg serve stops the wrapper.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: oxigraph.terminate())
    threading.Thread(target=_exit_with, args=(oxigraph,), daemon=True).start()
    control.sendall(b"+%d" % oxigraph.pid)
    while control.recv(1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            socket.send_fds(control, [b"s"], [sock.fileno()])
    oxigraph.kill()
    oxigraph.wait()
    return 0


def _exit_with(process: subprocess.Popen) -> None:
    code = process.wait()
    os._exit(code if code >= 0 else 128 - code)


def _die_with_parent() -> None:
    """In Oxigraph before exec: die with the wrapper, even when it is killed."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _unshare_network() -> None:
    """Enter a new user and network namespace (a user namespace: no privilege needed).

    Raises:
        OSError: the system does not allow it (not Linux, user namespaces off or restricted).
    """
    flags = _CLONE_NEWUSER | _CLONE_NEWNET
    unshare = getattr(os, "unshare", None)  # Python 3.12+
    if unshare is not None:
        unshare(flags)
        return
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, f"network namespaces are Linux only, not {sys.platform}")
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        code = ctypes.get_errno()
        if code == errno.ENOSPC:  # the limit is 0 (turned off) or used up
            raise OSError(code, "unshare: no user namespace left (user.max_user_namespaces)")
        raise OSError(code, f"unshare: {os.strerror(code)}")


def _loopback_up() -> None:
    """Bring the namespace's loopback interface up (it starts down), with the ioctl `ip` uses."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sh22x", b"lo", 0)
        flags = struct.unpack("16sh22x", fcntl.ioctl(sock, _SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack("16sh22x", b"lo", flags | _IFF_UP))


def _check_only_loopback() -> None:
    """Fail closed unless this network namespace has no interface but loopback.

    Raises:
        OSError: another interface is there (this is not a fresh namespace).
    """
    lines = Path("/proc/self/net/dev").read_text().splitlines()[2:]
    names = sorted(line.split(":")[0].strip() for line in lines)
    if names != ["lo"]:
        raise OSError(errno.EEXIST, f"the new network namespace has interfaces {names}")
