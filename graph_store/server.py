"""`edukg serve`: the real Oxigraph server over the store folder, as a SPARQL 1.1 endpoint.

The `oxigraph` package (a pinned dependency) installs the server binary next to the Python
interpreter. It is started read-only (`oxigraph serve-read-only`) unless updates are asked for
(`oxigraph serve`), always with `--union-default-graph`, so a query sees every document's graph
as its default graph, as the embedded store does.

The store lock: RocksDB lets one process open a store read-write. A read-write server cannot start
while `edukg ingest` (or another server) holds the store, and a read-only server must not run while
another process writes (Oxigraph calls that undefined behaviour). `check_store_free` finds out
before starting and says what to do.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServerError(RuntimeError):
    """The server cannot start; the message says why and what to do."""


class StoreLockedError(ServerError):
    """Another process holds the store open read-write."""


@dataclass(frozen=True)
class ServerPlan:
    """What `edukg serve` is about to run, and where it will answer."""

    command: tuple[str, ...]
    base_url: str
    allow_updates: bool

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
            f"edukg: serving the store {mode}",
            f"  SPARQL query endpoint:  {self.query_url}",
        ]
        if self.allow_updates:
            lines.append(f"  SPARQL update endpoint: {self.update_url}")
        lines += [
            f"  Graph Store Protocol:   {self.base_url}/store",
            f"  web query editor:       {self.base_url}/",
            "  try:",
            f"    curl -H 'Accept: text/csv' --data-urlencode "
            f"'query=SELECT ?title WHERE {{ ?d <http://purl.org/dc/terms/title> ?title }} LIMIT 5' "
            f"{self.query_url}",
            f"  or: edukg query documents_by_issuer --endpoint {self.base_url}",
            "  stop with Ctrl-C",
        ]
        return "\n".join(lines)


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


def check_store_free(folder: Path) -> None:
    """Check that no other process holds the store read-write (opening it briefly to find out).

    Raises:
        ServerError: the folder is not a store.
        StoreLockedError: another process has the store open read-write.
    """
    import pyoxigraph as ox

    if not folder.is_dir() or not any(folder.iterdir()):
        raise ServerError(
            f"no store at {folder}; load documents first (edukg ingest PATH --store {folder})"
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
    del store
    gc.collect()


def plan_server(
    folder: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    allow_updates: bool = False,
    timeout_s: int | None = None,
    binary: str | None = None,
) -> ServerPlan:
    """Return the Oxigraph command line for serving `folder` (see the module docstring).

    >>> plan = plan_server(Path("data/store"), binary="oxigraph")
    >>> " ".join(plan.command)
    'oxigraph serve-read-only --location data/store --bind 127.0.0.1:7878 --union-default-graph'
    """
    verb = "serve" if allow_updates else "serve-read-only"
    command = [binary or find_oxigraph(), verb, "--location", str(folder)]
    command += ["--bind", f"{host}:{port}", "--union-default-graph"]
    if timeout_s:
        command += ["--timeout-s", str(timeout_s)]
    url_host = f"[{host}]" if ":" in host else host
    return ServerPlan(tuple(command), f"http://{url_host}:{port}", allow_updates)


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_server(plan: ServerPlan) -> int:
    """Run the server in the foreground until it exits, Ctrl-C or SIGTERM; return its exit code.

    Both signals stop the server process too, so it never outlives `edukg serve`.
    """
    process = subprocess.Popen(plan.command)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
