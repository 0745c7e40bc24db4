"""`edukg serve`: the real Oxigraph server over the store folder, as a SPARQL 1.1 endpoint.

The `oxigraph` package (a pinned dependency) installs the server binary next to the Python
interpreter. It is started read-only (`oxigraph serve-read-only`) unless updates are asked for
(`oxigraph serve`, which creates the store in an empty or missing folder). A query that names no
dataset sees every document's graph as its default graph, as the embedded store does: the
filter asks for the union per query (`union-default-graph`), not Oxigraph's server-wide switch,
which would make Oxigraph ignore FROM.

Clients never reach it directly: it listens on a loopback port of its own, and the filter of
graph_store/gateway.py answers on the public address. The filter refuses SERVICE and LOAD
(Oxigraph would call any URL a client names) and stops a query at the timeout (Oxigraph's own
`--timeout-s` does not stop one that streams rows); Oxigraph's timeout is set a second later,
as a backstop.

The filter also answers browsers (CORS) when `--cors` or `--cors-origin` asks for it; see
graph_store/gateway.py for the policy.

A read-only server follows the store: when `edukg ingest` or `edukg delete` has written it (its
generation file says so), a fresh Oxigraph takes over the requests (_follow_store).

The store lock: RocksDB lets one process open a store read-write. A read-write server cannot start
while `edukg ingest` (or another server) holds the store, and a read-only server must not run while
another process writes (Oxigraph calls that undefined behaviour). `check_store_free` finds out
before starting and says what to do.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph_store.gateway import CorsPolicy, GatewayServer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
INNER_HOST = "127.0.0.1"
STARTUP_S = 60.0
POLL_S = 1.0  # how often a read-only server looks for a newer store generation
GRACE_S = 60.0  # how long an outdated Oxigraph keeps serving the requests it has


class ServerError(RuntimeError):
    """The server cannot start; the message says why and what to do."""


class StoreLockedError(ServerError):
    """Another process holds the store open read-write."""


@dataclass(frozen=True)
class ServerPlan:
    """What `edukg serve` is about to run, and where it will answer.

    `command` starts Oxigraph on `inner` (loopback); the filter answers clients on `bind`.
    """

    command: tuple[str, ...]
    base_url: str
    allow_updates: bool
    bind: tuple[str, int] = (DEFAULT_HOST, DEFAULT_PORT)
    inner: tuple[str, int] = (INNER_HOST, DEFAULT_PORT + 1)
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
            f"  behind it, Oxigraph on http://{self.inner[0]}:{self.inner[1]} (loopback only, "
            "unfiltered: not for clients)",
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


def free_port(host: str = INNER_HOST) -> int:
    """Return a TCP port nobody listens on now (the inner server's, chosen at start)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


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

    >>> plan = plan_server(Path("data/store"), binary="oxigraph", inner_port=7879)
    >>> " ".join(plan.command)
    'oxigraph serve-read-only --location data/store --bind 127.0.0.1:7879 --timeout-s 31'
    >>> plan.base_url
    'http://127.0.0.1:7878'
    """
    inner = (INNER_HOST, inner_port or free_port())
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
    """
    from graph_store.gateway import GatewayServer

    try:
        gateway = GatewayServer(
            plan.bind, plan.inner, plan.allow_updates, plan.timeout_s, plan.cors
        )
    except OSError as err:
        raise ServerError(f"cannot listen on {plan.base_url}: {err}") from err
    running = [subprocess.Popen(plan.command)]  # the Oxigraph serving now (see _follow_store)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    serving = None
    try:
        _wait_until_up(plan, running[0])
        serving = threading.Thread(target=gateway.serve_forever, daemon=True)
        serving.start()
        if plan.allow_updates:  # this server is the store's only writer: nothing to follow
            return running[0].wait()
        return _follow_store(plan, gateway, running)
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if serving is not None:  # shutdown() waits for a serve_forever that has started
            gateway.shutdown()
        gateway.server_close()
        for process in running:
            stop_process(process)


def _follow_store(plan: ServerPlan, gateway: GatewayServer, running: list[subprocess.Popen]) -> int:
    """Serve until Oxigraph exits; when another process (`edukg ingest`, `edukg delete`) has
    written the store, answer from the new data.

    A read-only Oxigraph reads the store as it was when it opened it, so a newer store
    generation (graph_store/embedded.py) starts a second Oxigraph on a new loopback port; once it
    answers, the filter sends new requests there, and the old one is stopped after GRACE_S, the
    time the requests it still serves have to finish. `running` holds every process started,
    the one serving last.
    """
    from graph_store.embedded import read_generation

    folder = Path(plan.command[plan.command.index("--location") + 1])
    seen = read_generation(folder)
    while True:
        try:
            return running[-1].wait(timeout=POLL_S)
        except subprocess.TimeoutExpired:
            pass
        now = read_generation(folder)
        if now == seen:
            continue
        seen = now
        fresh_plan = replace(plan, inner=(INNER_HOST, free_port()))
        command = list(plan.command)
        command[command.index("--bind") + 1] = "{}:{}".format(*fresh_plan.inner)
        fresh = subprocess.Popen(command)
        try:
            _wait_until_up(fresh_plan, fresh)
        except ServerError as err:
            stop_process(fresh)
            print(f"edukg serve: the store changed but could not be reopened: {err}", flush=True)
            continue
        gateway.upstream = fresh_plan.inner
        retire = threading.Timer(GRACE_S, stop_process, args=(running[-1],))
        retire.daemon = True  # at exit, run_server stops every process in `running` itself
        retire.start()
        running.append(fresh)
        print(f"edukg serve: the store changed (generation {now}); serving it", flush=True)


def _wait_until_up(plan: ServerPlan, process: subprocess.Popen) -> None:
    """Wait until Oxigraph answers on its loopback port (http.client: no proxy settings apply)."""
    deadline = time.monotonic() + STARTUP_S
    while True:
        connection = http.client.HTTPConnection(*plan.inner, timeout=2)
        try:
            connection.request("GET", "/query?query=ASK%7B%7D")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        if process.poll() is not None:
            raise ServerError(f"the Oxigraph server exited (code {process.returncode})")
        if time.monotonic() > deadline:
            raise ServerError(f"the Oxigraph server did not answer within {STARTUP_S:g} s")
        time.sleep(0.05)


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
