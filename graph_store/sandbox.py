"""Guarded free-form SPARQL: read-only, no calling out, a timeout that really stops, a row cap.

pyoxigraph has no query timeout and a running query cannot be interrupted from Python, so a
free-form query runs in a worker process that opens the store read-only (RocksDB allows that
while the app holds it read-write; the worker sees the data as it was when it opened). On
timeout the worker is killed, which is the only way to stop the query. What may run is decided
from a parse of the query (graph_store/sparql_check.py), before any worker starts; a worker on
the local store then gives up its network (isolate_network), so a SERVICE the parse missed
would find no route.

    check_read_only(query)                      raises QueryRefused with the reason
    run_guarded(location, query, timeout, cap)  QueryResult | TripleResult | bool
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.spawn
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TypeVar

from pyoxigraph import Triple

from graph_store.endpoint import add_prefixes
from graph_store.protocol import Bindings, StoreError
from graph_store.results import QueryResult
from graph_store.sparql_check import oxigraph_syntax_error, read_query

_SYNTAX_POSITION = re.compile(r"(?:at|line)\s+(\d+):(\d+)")
DEFAULT_CAP_CHARS = 50_000_000  # about 50 MB of values: far more than a page can show
_T = TypeVar("_T")


class QueryRefused(ValueError):
    """A query the sandbox will not run (an update, SERVICE, LOAD, or SPARQL the checker cannot
    read); `reason` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class QueryTimeout(TimeoutError):
    """The worker ran past its time and was killed."""


class QuerySyntaxError(ValueError):
    """The query does not parse; `line` and `column` (1-based) point at the problem."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class TripleResult:
    """A CONSTRUCT or DESCRIBE answer, capped like a SELECT."""

    triples: tuple[Triple, ...]
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.triples)


def query_form(query: str) -> str:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE, read from a parse (SELECT when it does not
    parse).

    >>> query_form('PREFIX a: <http://x/SELECT> CONSTRUCT { ?s ?p "ASK" } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    """
    return read_query(query).form or "SELECT"


def check_read_only(query: str) -> None:
    """Refuse a query that would change the store or reach outside it, deciding from a parse
    (graph_store/sparql_check.py), never from keywords.

    pyoxigraph 0.5 has no option to turn SERVICE off in Store.query, so this check is what
    keeps the worker from calling out.

    Raises:
        QueryRefused: an update, SERVICE or LOAD; or valid SPARQL that the checker cannot read
            (SPARQL 1.2 syntax such as triple terms or LATERAL), which is not run.
        QuerySyntaxError: the query does not parse for Oxigraph either (its line and column).

    >>> check_read_only('SELECT * { ?s ?p "INSERT DATA" }')
    >>> check_read_only("DROP ALL")
    Traceback (most recent call last):
    graph_store.sandbox.QueryRefused: DROP is an update; this page only reads. Use `edukg ingest` to change the store.
    """
    reading = read_query(query)
    if reading.refusal == "SERVICE":
        raise QueryRefused(
            "SERVICE would call another SPARQL endpoint; queries here may only read this "
            "store. Remove the SERVICE clause, or query that endpoint directly."
        )
    if reading.refusal == "LOAD":
        raise QueryRefused(
            "LOAD would fetch data from outside; queries here may only read this store. "
            "Use `edukg ingest` to add documents."
        )
    if reading.refusal == "UPDATE":
        raise QueryRefused(
            f"{reading.operation} is an update; this page only reads. Use `edukg ingest` to "
            "change the store."
        )
    if reading.refusal == "UNREADABLE":
        _refuse_unreadable(query)


def _refuse_unreadable(query: str) -> None:
    """Raise QuerySyntaxError when Oxigraph cannot parse `query` either, else QueryRefused."""
    from ontology.namespace import PREFIXES

    error = oxigraph_syntax_error(query, PREFIXES)
    if error is not None:
        raise _syntax_error(error)
    raise QueryRefused(
        "this query could not be checked, so it was not run: the safety checker reads "
        "SPARQL 1.1 and not this syntax (SPARQL 1.2 triple terms, LATERAL …). Rewrite it "
        "in SPARQL 1.1."
    )


def _syntax_error(message: str) -> QuerySyntaxError:
    line, column = syntax_position(message)
    where = f" at line {line}, column {column}" if line else ""
    return QuerySyntaxError(f"SPARQL syntax error{where}: {message}", line, column)


def syntax_position(message: str) -> tuple[int | None, int | None]:
    """Return the 1-based (line, column) a pyoxigraph syntax error names, or (None, None).

    >>> syntax_position("error at 3:2: expected OPTIONAL")
    (3, 2)
    """
    match = _SYNTAX_POSITION.search(message)
    if not match:
        return None, None
    return int(match.group(1)), int(match.group(2))


def _size(terms: Iterable[object]) -> int:
    """Return about how many characters a row's terms hold (what the page and the pipe carry)."""
    return sum(len(getattr(t, "value", "")) + 16 for t in terms if t is not None)


def _triple_size(triple: Triple) -> int:
    return _size((triple.subject, triple.object))


def _work(
    location: str,
    query: str,
    bindings: Bindings | None,
    cap: int,
    conn: Connection,
    cap_chars: int = DEFAULT_CAP_CHARS,
) -> None:
    """Worker body: open read-only, run, send ('ok', payload) or ('error', kind, message).

    Rows stop at `cap` rows or `cap_chars` characters, whichever comes first: a row cap alone let
    100 rows of a 7.5 M-character literal take 6 GB.
    """
    import pyoxigraph as ox
    from pyoxigraph import Variable

    from ontology.namespace import PREFIXES

    try:
        if location.startswith(("http://", "https://")):
            conn.send(("ok", _run_on_endpoint(location, query, cap, bindings, cap_chars)))
            return
        isolate_network()  # a local store needs no network: a second layer under the parse
        store = ox.Store.read_only(location)
        answer = store.query(
            query,
            use_default_graph_as_union=True,
            substitutions={Variable(k): v for k, v in (bindings or {}).items()} or None,
            prefixes=PREFIXES,
        )
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows = _capped((tuple(s[v] for v in variables) for s in answer), cap, cap_chars, _size)
            conn.send(("ok", QueryResult(variables, tuple(rows[0]), rows[1])))
        elif isinstance(answer, ox.QueryBoolean):
            conn.send(("ok", bool(answer)))
        else:
            triples = _capped(answer, cap, cap_chars, _triple_size)
            conn.send(("ok", TripleResult(tuple(triples[0]), triples[1])))
    except SyntaxError as err:
        conn.send(("syntax", str(err)))
    except Exception as err:  # noqa: BLE001 — everything must reach the parent as a message
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network() -> bool:
    """Take the network away from this process; return whether it was taken.

    The process enters a new network namespace, which holds only a loopback interface that is
    down, so no address (127.0.0.1 included) can be reached; a new user namespace comes with it,
    so no privilege is needed. Files are read as before. Where the system does not allow it
    (not Linux, user namespaces turned off, a process with threads already) nothing changes
    and the parse-based guard is the only layer. os.unshare is Python 3.12+; before, libc's.
    """
    flags = _CLONE_NEWUSER | _CLONE_NEWNET
    unshare = getattr(os, "unshare", None)
    if unshare is not None:
        try:
            unshare(flags)
        except OSError:
            return False
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(flags) == 0
    except (OSError, AttributeError):
        return False


def _capped(
    items: Iterable[_T], cap: int, cap_chars: int, size: Callable[[_T], int]
) -> tuple[list[_T], bool]:
    """Return the first items within `cap` items and `cap_chars` characters, and whether any
    were left out (the first item is always kept, however long)."""
    kept: list[_T] = []
    chars = 0
    for item in items:
        chars += size(item)
        if len(kept) >= cap or (kept and chars > cap_chars):
            return kept, True
        kept.append(item)
    return kept, False


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: a clean, fast child that does not inherit the app's threads or open store.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


_NO_MAIN = threading.local()
_preparation_data = multiprocessing.spawn.get_preparation_data


def _worker_preparation_data(name: str) -> dict:
    """Return what a new process is prepared with; for a query worker, without the parent's
    main module. A forkserver or spawned child runs the parent's __main__ again before its
    target: in the app that is app.py, so every worker imported Streamlit and the pages (about
    1.2 s a query) and started numpy's threads, which made isolate_network fail (a process with
    threads cannot enter a new user namespace)."""
    data = _preparation_data(name)
    if getattr(_NO_MAIN, "active", False):
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
    return data


multiprocessing.spawn.get_preparation_data = _worker_preparation_data


def _start_without_main(process: multiprocessing.process.BaseProcess) -> None:
    """Start `process` (its target lives in an importable module) without the parent's main."""
    _NO_MAIN.active = True
    try:
        process.start()
    finally:
        _NO_MAIN.active = False


def run_guarded(
    location: str,
    query: str,
    timeout: float = 20.0,
    cap: int = 5000,
    bindings: Bindings | None = None,
    cap_chars: int = DEFAULT_CAP_CHARS,
) -> QueryResult | TripleResult | bool:
    """Run a read-only query in a worker process that is killed after `timeout` seconds.

    Args:
        location: the store folder, or an http(s) URL of a SPARQL endpoint (queried from the
            worker too, so the timeout holds there as well).
        query: SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE.
        timeout: seconds before the worker is killed.
        cap: the most rows (or triples) returned; `truncated` says when a cap cut it short.
        bindings: values bound to projected variables, never pasted into the text.
        cap_chars: the most characters the rows' values hold together (the first row is kept).

    Raises:
        QueryRefused: an update, SERVICE or LOAD.
        QuerySyntaxError: the query does not parse (with line and column).
        QueryTimeout: the query ran past `timeout` and was stopped.
        StoreError: the store could not be opened or the query failed.
    """
    check_read_only(query)
    parent, child = _context().Pipe(duplex=False)
    worker = _context().Process(
        target=_work,
        args=(location, query, dict(bindings or {}), cap, child, cap_chars),
        daemon=True,
    )
    started = time.monotonic()
    _start_without_main(worker)
    child.close()
    try:
        ready = parent.poll(timeout)
        if not ready:
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s and was stopped (its worker process "
                "was killed). Add a LIMIT, bind a variable, or narrow the graph pattern."
            )
        try:
            message = parent.recv()
        except EOFError as err:
            raise StoreError(
                f"the query worker exited without an answer (exit code {worker.exitcode}) "
                f"after {time.monotonic() - started:.1f} s"
            ) from err
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join(timeout=5)
        parent.close()
    kind, payload = message[0], message[1]
    if kind == "ok":
        return payload
    if kind == "syntax":
        raise _syntax_error(payload)
    raise StoreError(f"query failed: {payload}")


def _run_on_endpoint(
    location: str, query: str, cap: int, bindings: Bindings | None, cap_chars: int
) -> QueryResult | TripleResult | bool:
    from graph_store.open import open_store

    store = open_store(location)
    form = query_form(query)
    if form == "SELECT":
        result = store.select(query, bindings, limit=cap)
        rows, cut = _capped(result.rows, cap, cap_chars, _size)
        return QueryResult(result.variables, tuple(rows), result.truncated or cut)
    if form == "ASK":
        return store.ask(query, bindings)
    triples = store.construct(query, bindings)
    kept, cut = _capped(triples, cap, cap_chars, _triple_size)
    return TripleResult(tuple(kept), cut)


QUERY_URL = "http://127.0.0.1:7878/query"


def curl_snippet(query: str, accept: str = "text/csv", url: str = QUERY_URL) -> str:
    """Return a shell command that runs `query` against `edukg serve` (union default graph).

    The project prefixes the page declares for every query (ekg:, rdfs: …) are written into the
    text, since a server knows none of them.

    >>> curl_snippet("ASK { ?d a ekg:Document }").splitlines()[3]
    'PREFIX ekg: <https://w3id.org/edukg/ontology#>'
    """
    body = add_prefixes(query)
    body = body if body.endswith("\n") else body + "\n"
    return (
        f"curl -sS -G '{url}' \\\n  -H 'Accept: {accept}' \\\n"
        "  --data-urlencode query@- <<'SPARQL'\n" + body + "SPARQL"
    )


def python_snippet(query: str, url: str = QUERY_URL) -> str:
    """Return a Python script (standard library only) that runs `query` against `edukg serve`
    and prints its answer the way its form needs: rows for SELECT, true/false for ASK, Turtle
    for CONSTRUCT and DESCRIBE."""
    form = query_form(query)
    if form == "SELECT":
        accept = "application/sparql-results+json"
        show = (
            "    answer = json.load(response)\n"
            "for row in answer['results']['bindings']:\n"
            "    print({name: term['value'] for name, term in row.items()})\n"
        )
    elif form == "ASK":
        accept = "application/sparql-results+json"
        show = "    print(json.load(response)['boolean'])\n"
    else:
        accept = "text/turtle"
        show = "    print(response.read().decode('utf-8'))\n"
    return (
        "import json\nimport urllib.parse\nimport urllib.request\n\n"
        f"query = {add_prefixes(query)!r}\n"
        "request = urllib.request.Request(\n"
        f"    {url!r},  # edukg serve: union default graph\n"
        "    data=urllib.parse.urlencode({'query': query}).encode('utf-8'),\n"
        f"    headers={{'Accept': {accept!r}}},\n"
        ")\n"
        "with urllib.request.urlopen(request) as response:\n" + show
    )


def iri_edges(result: QueryResult) -> list[tuple[str, str, str]]:
    """Return (source, relation, target) for the entity IRIs in neighbouring columns of each row.

    Entities are the data's own IRIs (https://w3id.org/edukg/id/…). A column of vocabulary
    IRIs (a predicate, a class) between two entity columns names the edge rather than being
    drawn as a node, so SELECT ?s ?p ?o draws s —p→ o; without one, the edge is named by the
    target's column (?school ?group: school —group→ group).

    >>> from pyoxigraph import NamedNode as N
    >>> r = QueryResult(("s", "p", "o"), ((N(_ID + "a"), N("http://x/ont#memberOf"), N(_ID + "b")),))
    >>> iri_edges(r)
    [('https://w3id.org/edukg/id/a', 'memberOf', 'https://w3id.org/edukg/id/b')]
    """
    edges = []
    for row in result.rows:
        entities: list[tuple[str, str, str | None]] = []  # (column, IRI, vocabulary term before)
        term_before: str | None = None
        for name, term in zip(result.variables, row, strict=True):
            if term is None or type(term).__name__ != "NamedNode":
                continue
            if term.value.startswith(_ID):
                entities.append((name, term.value, term_before))
                term_before = None
            else:
                term_before = term.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for (_, source, _), (name, target, term) in zip(entities, entities[1:], strict=False):
            if source != target:
                edges.append((source, term or name, target))
    return edges


_ID = "https://w3id.org/edukg/id/"


def with_values(query: str, bindings: Bindings) -> str:
    """Return `query` with a trailing VALUES block binding `bindings` (terms serialised by
    pyoxigraph, never pasted), so the text alone reproduces a parameterised run.

    >>> from pyoxigraph import Literal
    >>> with_values("SELECT ?year WHERE { ?d ?p ?year }", {"year": Literal("2019")})
    'SELECT ?year WHERE { ?d ?p ?year }\\nVALUES (?year) { ("2019") }'
    """
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"{query.rstrip()}\nVALUES ({names}) {{ ({terms}) }}"
