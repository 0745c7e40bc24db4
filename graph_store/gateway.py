"""The filter `edukg serve` puts in front of the Oxigraph server: no SERVICE, no LOAD, a deadline.

The Oxigraph server (0.5) has no option to turn SERVICE or LOAD off, and its `--timeout-s` does
not stop a query that is streaming results (a cross product runs on). So `edukg serve` starts
Oxigraph on a loopback port of its own and answers clients here:

* /query: the query is read from the request (GET, form POST or `application/sparql-query`),
  checked with the parse of graph_store/sparql_check.py, and only the checked text is sent on,
  rebuilt as a POST of its own, so Oxigraph runs exactly what was checked.
* /update: refused unless updates are allowed; then checked the same way (no LOAD, no
  SERVICE) and rebuilt.
* /store (Graph Store Protocol) and the query editor page pass through: they never fetch.
* Anything else: 404.

The default graph. Oxigraph runs without `--union-default-graph`; instead a query that names no
dataset (no FROM or FROM NAMED, no `default-graph-uri`, `named-graph-uri` or
`union-default-graph` parameter) is sent on with `union-default-graph`, so it sees every
document's graph, and a query with FROM gets the dataset it names, as SPARQL 1.1 says (with the
server-wide switch Oxigraph ignores FROM). `GET /store?default` reads the same union (as a
CONSTRUCT); writes to `/store?default` go to the store's own default graph, part of the union.

Browsers (CORS, `CorsPolicy`). Off by default: no Access-Control headers, and OPTIONS answers
405. With a policy, a preflight for a path a request may use is answered and the answers carry
Access-Control-Allow-Origin. Whatever the policy, a request that writes (/update, a PUT, POST
or DELETE on /store) and comes from a web page of another origin (its `Origin` header) is
refused unless that origin was named: a browser sends a plain form POST across origins without
asking, so CORS alone would not keep a page the user visits from writing.

A query's whole answer must arrive within the deadline. Past it the connection to Oxigraph is
closed, which stops its work, and the client gets a 504 or, once rows were sent, an answer cut
short (a chunked body without its last chunk, which HTTP clients report as incomplete).
"""

from __future__ import annotations

import http.client
import os
import re
import select
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol

from graph_store.sparql_check import (
    Reading,
    oxigraph_syntax_error,
    read_query,
    read_update,
    readings,
)
from graph_store.sparql_check import _parse as parse_tree_names  # cached; see names_dataset

MAX_BODY = 256 * 1024 * 1024
# Protocol parameters Oxigraph reads besides the query or update text.
_QUERY_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
_UNION = "union-default-graph"
_UPDATE_PARAMS = ("using-graph-uri", "using-named-graph-uri")
# Not passed on: hop-by-hop headers, the length (set again here), and the Server and Date that
# this server sends itself.
_NOT_PASSED_ON = {
    "server",
    "date",
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "content-length",
}
_WRITES = ("PUT", "POST", "DELETE")
# Seconds a browser may keep a preflight's answer.
PREFLIGHT_MAX_AGE_S = 600
_HEADER_NAMES = re.compile(r"[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+)*")
_ORIGIN = re.compile(
    r"(https?)://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?", re.IGNORECASE
)
# Oxigraph's URL parser resolves dot segments and reads '\' as '/', so /store/../query would
# reach its query handler unchecked: only plain segments pass.
_STORE_PATH = re.compile(r"/store(?:/[A-Za-z0-9_~-]+)*")
_PAGES = ("/", "/logo.svg")
_ALL_TRIPLES = b"CONSTRUCT WHERE { ?s ?p ?o }"


def _oxigraph_version() -> str:
    """Return the installed Oxigraph server's version ("0" when it cannot be read)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("oxigraph")
    except PackageNotFoundError:
        return "0"


class Refused(Exception):
    """A request the gateway answers itself, with `status` and a one-line `message`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Upstream:
    """One request to send to Oxigraph, and the seconds its whole answer may take (or None)."""

    method: str
    target: str
    body: bytes | None
    headers: dict[str, str]
    deadline_s: float | None


class Lease(Protocol):
    """An Oxigraph lent to one request (graph_store/server.py: OxigraphPool)."""

    def connect(self, timeout: float | None) -> socket.socket:
        """Return a socket connected to the Oxigraph (it has no address clients can reach)."""
        ...

    def release(self, spoiled: bool) -> None:
        """Give it back; `spoiled`: a query was cut short and may still run in it."""
        ...


class Oxigraphs(Protocol):
    """Where the Oxigraph servers behind the filter come from."""

    def lease(self, wait_s: float | None) -> Lease:
        """Lend one, waiting at most `wait_s` (TimeoutError) while all are busy."""
        ...


def normal_origin(text: str) -> str:
    """Return a web origin (scheme://host[:port]) as browsers send it: lower case, no default port.

    >>> normal_origin("HTTPS://Example.org:443")
    'https://example.org'
    >>> normal_origin("http://localhost:3000/")
    Traceback (most recent call last):
    ValueError: 'http://localhost:3000/' is not a web origin: give scheme://host[:port], no path
    """
    match = _ORIGIN.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a web origin: give scheme://host[:port], no path")
    scheme, host, port = match.group(1).lower(), match.group(2).lower(), match.group(3)
    if port is None or int(port) == {"http": 80, "https": 443}[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{int(port)}"


@dataclass(frozen=True)
class CorsPolicy:
    """Which web pages of other origins may call the server from a browser.

    `any_origin` (`edukg serve --cors`): every origin may read (queries, GET on /store), and
    answers say `Access-Control-Allow-Origin: *`. `origins` (`--cors-origin`): these may read
    and, on a server that takes updates, write; answers name the origin. Nobody gets
    credentials (there are none).
    """

    any_origin: bool = False
    origins: frozenset[str] = field(default_factory=frozenset)

    @property
    def enabled(self) -> bool:
        return self.any_origin or bool(self.origins)

    def allow_origin(self, origin: str | None, write: bool) -> str | None:
        """Return the Access-Control-Allow-Origin for a request from `origin`, or None.

        >>> policy = CorsPolicy(any_origin=True, origins=frozenset({"https://yasgui.org"}))
        >>> policy.allow_origin("https://a.example", write=False)
        '*'
        >>> policy.allow_origin("https://a.example", write=True) is None
        True
        >>> policy.allow_origin("https://yasgui.org", write=True)
        'https://yasgui.org'
        """
        if origin is None:
            return None
        try:
            if normal_origin(origin) in self.origins:
                return origin
        except ValueError:
            return None
        return "*" if self.any_origin and not write else None


def _writes(path: str, method: str) -> bool:
    """Whether a request changes the store (what a cross-origin page may only do if named)."""
    return path == "/update" or (_STORE_PATH.fullmatch(path) is not None and method in _WRITES)


def names_dataset(text: str) -> bool:
    """Whether the query `text` has a FROM or FROM NAMED clause, as Oxigraph reads it.

    The parse is the checker's own (read_query just made it, and it is cached), so this costs
    nothing more; a text the checker cannot parse never gets here.

    >>> names_dataset("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }")
    True
    >>> names_dataset("SELECT ?from WHERE { ?from <http://x/from> 'FROM <x>' } # FROM <x>")
    False
    """
    names, _ = parse_tree_names(readings(text)[0], update=False)
    return "DatasetClause" in names


def refuse_reading(reading: Reading, text: str, update: bool) -> None:
    """Raise Refused when the checker's `reading` of `text` must not run on this server."""
    if reading.refusal == "SERVICE":
        raise Refused(
            403,
            "SERVICE is refused: edukg serve does not call other SPARQL endpoints for its "
            "clients. Query that endpoint directly.",
        )
    if reading.refusal == "LOAD":
        raise Refused(
            403,
            "LOAD is refused: edukg serve does not fetch URLs for its clients. Add documents "
            "with `edukg ingest`.",
        )
    if reading.refusal == "UPDATE":
        raise Refused(400, f"{reading.operation} is an update; send it to /update, not /query.")
    if reading.refusal == "UNREADABLE":
        error = None if update else oxigraph_syntax_error(text)
        if error is not None:
            raise Refused(400, f"SPARQL syntax error: {error}")
        raise Refused(
            403,
            "this request could not be checked, so it was not run: edukg serve's checker "
            "reads SPARQL 1.1 and not this syntax (SPARQL 1.2 triple terms, LATERAL …).",
        )


def _form(raw: bytes | str) -> list[tuple[str, str]]:
    """Decode an application/x-www-form-urlencoded string (UTF-8, strictly)."""
    try:
        text = raw.decode("utf-8", errors="strict") if isinstance(raw, bytes) else raw
        return urllib.parse.parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", errors="strict"
        )
    except (UnicodeDecodeError, ValueError) as err:
        raise Refused(400, f"the request's parameters are not UTF-8 form data: {err}") from err


def _one(pairs: list[tuple[str, str]], name: str) -> str:
    values = [value for key, value in pairs if key == name]
    if len(values) != 1:
        raise Refused(400, f"give exactly one '{name}' parameter ({len(values)} given)")
    return values[0]


def _sparql_text(
    method: str, query_string: str, content_type: str, body: bytes, name: str
) -> tuple[str, list[tuple[str, str]]]:
    """Return the query (or update) text of a protocol request and all its parameters."""
    pairs = _form(query_string)
    if method == "GET" and name == "query":
        return _one(pairs, name), pairs
    if method != "POST":
        raise Refused(405, f"{method} is not allowed here; use POST (or GET for a query)")
    if content_type == f"application/sparql-{name}":
        if any(key == name for key, _ in pairs):
            raise Refused(400, f"give the {name} in the body or in the URL, not both")
        try:
            return body.decode("utf-8"), pairs
        except UnicodeDecodeError as err:
            raise Refused(400, f"the {name} is not UTF-8: {err}") from err
    if content_type == "application/x-www-form-urlencoded":
        pairs += _form(body)
        return _one(pairs, name), pairs
    raise Refused(415, f"unsupported Content-Type {content_type or '(none)'}")


def _rebuilt(path: str, pairs: list[tuple[str, str]], keep: tuple[str, ...]) -> str:
    """Return `path` with the protocol parameters in `keep` (never the query or update text)."""
    params = [(key, value) for key, value in pairs if key in keep]
    return path + ("?" + urllib.parse.urlencode(params) if params else "")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Clients learn what answers from the Server header (RFC 9110 §10.2.4): the Oxigraph product
    # tells edukg's endpoint backend it may ask for the union per query (union-default-graph),
    # which this filter passes on, instead of probing the whole store for it.
    server_version = f"edukg-serve/1 Oxigraph/{_oxigraph_version()}"
    sys_version = ""
    # Seconds a client may stay silent (sending its request, or not reading the answer).
    timeout = 120
    server: GatewayServer

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    def do_OPTIONS(self) -> None:
        self.close_connection = True
        self.allow_origin = None
        try:
            self._preflight()
        except Refused as refusal:
            self._answer(refusal.status, refusal.message, self._allowed_methods())

    # --- browsers -----------------------------------------------------------------------------

    def _allowed_methods(self) -> str | None:
        """The methods the request's path takes here (an Allow header), or None (no such path)."""
        path = self.path.partition("?")[0]
        if path == "/query":
            return "GET, POST"
        if path == "/update":
            return "POST" if self.server.allow_updates else None
        if _STORE_PATH.fullmatch(path):
            return "GET, HEAD, PUT, POST, DELETE" if self.server.allow_updates else "GET, HEAD"
        if path in _PAGES:
            return "GET, HEAD"
        return None

    def _preflight(self) -> None:
        """Answer an OPTIONS request: a CORS preflight when a policy allows it, else refuse."""
        path = self.path.partition("?")[0]
        methods = self._allowed_methods()
        if methods is None:
            if path == "/update":
                raise Refused(403, "this server is read-only (start it with --allow-updates)")
            raise Refused(404, f"OPTIONS {path} is not served by edukg serve")
        cors = self.server.cors
        if not cors.enabled:
            raise Refused(
                405,
                "cross-origin requests are off: start edukg serve with --cors (any page may "
                "read) or --cors-origin ORIGIN",
            )
        origin = self.headers.get("Origin")
        method = (self.headers.get("Access-Control-Request-Method") or "").strip().upper()
        if origin is None or not method:
            raise Refused(400, "a CORS preflight needs Origin and Access-Control-Request-Method")
        if method not in methods.split(", "):
            raise Refused(405, f"{method} is not allowed on {path}")
        allow = cors.allow_origin(origin, write=_writes(path, method))
        if allow is None:
            raise Refused(403, f"requests from {origin} to {method} {path} are not allowed")
        self.send_response(204)
        self._send_cors(allow)
        self.send_header("Access-Control-Allow-Methods", methods)
        wanted = self.headers.get("Access-Control-Request-Headers", "").strip()
        if wanted and _HEADER_NAMES.fullmatch(wanted):
            # Harmless to allow: only Accept and Content-Type are ever sent on to Oxigraph.
            self.send_header("Access-Control-Allow-Headers", wanted)
        self.send_header("Access-Control-Max-Age", str(PREFLIGHT_MAX_AGE_S))
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def _send_cors(self, allow: str | None) -> None:
        if allow is None:
            return
        self.send_header("Access-Control-Allow-Origin", allow)
        if allow != "*":
            self.send_header("Vary", "Origin")

    def _check_origin(self, path: str) -> None:
        """Refuse a write from a web page of another origin unless the policy names it."""
        origin = self.headers.get("Origin")
        if origin is None or not _writes(path, self.command):
            return
        host = (self.headers.get("Host") or "").lower()
        if host and origin.lower() in (f"http://{host}", f"https://{host}"):
            return  # the server's own page (the query editor)
        if self.server.cors.allow_origin(origin, write=True) is None:
            raise Refused(
                403,
                f"a web page on {origin} may not change this store (cross-origin write "
                "refused; name the origin with edukg serve --cors-origin to allow it)",
            )

    # --- what to send on ------------------------------------------------------------------

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise Refused(411, "send the body with a Content-Length")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError as err:
            raise Refused(400, "bad Content-Length") from err
        if length > MAX_BODY:
            raise Refused(413, f"the body is larger than {MAX_BODY // (1024 * 1024)} MiB")
        return self.rfile.read(length) if length > 0 else b""

    def _common_headers(self) -> dict[str, str]:
        # Host too: Oxigraph resolves relative IRIs and names new graphs against it.
        headers = {"Host": self.headers.get("Host") or self.server.public_host}
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        return headers

    def _upstream(self) -> Upstream:
        path, _, query_string = self.path.partition("?")
        self._check_origin(path)
        body = self._body()
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        headers = self._common_headers()
        if path in ("/query", "/update"):
            name = path[1:]
            if name == "update" and not self.server.allow_updates:
                raise Refused(403, "this server is read-only (start it with --allow-updates)")
            text, pairs = _sparql_text(self.command, query_string, content_type, body, name)
            reading = read_update(text) if name == "update" else read_query(text)
            refuse_reading(reading, text, update=name == "update")
            keep = _UPDATE_PARAMS if name == "update" else _QUERY_PARAMS
            dataset_given = any(key in _QUERY_PARAMS for key, _ in pairs)
            if name == "query" and not dataset_given and not names_dataset(text):
                pairs.append((_UNION, ""))
            headers["Content-Type"] = f"application/sparql-{name}; charset=utf-8"
            deadline = self.server.timeout_s if name == "query" else None
            target = _rebuilt(path, pairs, keep)
            return Upstream("POST", target, text.encode("utf-8"), headers, deadline)
        if _STORE_PATH.fullmatch(path):
            if path == "/store" and self.command in ("GET", "HEAD"):
                if [key for key, _ in _form(query_string)] == ["default"]:
                    # The default graph queries see: the union (see the module docstring).
                    headers["Content-Type"] = "application/sparql-query; charset=utf-8"
                    union = f"/query?{_UNION}"
                    return Upstream("POST", union, _ALL_TRIPLES, headers, self.server.timeout_s)
            if self.headers.get("Content-Type"):
                headers["Content-Type"] = self.headers["Content-Type"]
            return Upstream(self.command, self.path, body or None, headers, None)
        if path in _PAGES and self.command in ("GET", "HEAD"):
            return Upstream(self.command, path, None, headers, None)
        raise Refused(404, f"{self.command} {path} is not served by edukg serve")

    # --- answering --------------------------------------------------------------------------

    def _handle(self) -> None:
        self.close_connection = True
        self.relayed = False  # True once Oxigraph's status line went out to the client
        path = self.path.partition("?")[0]
        write = _writes(path, self.command)
        self.allow_origin = self.server.cors.allow_origin(self.headers.get("Origin"), write)
        try:
            request = self._upstream()
        except Refused as refusal:
            self._answer(refusal.status, refusal.message)
            return
        self._relay(request)

    def _answer(self, status: int, message: str, methods: str | None = None) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self._send_cors(self.allow_origin)
        if methods is not None and status == 405:
            self.send_header("Allow", methods)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _relay(self, request: Upstream) -> None:
        ends = time.monotonic() + request.deadline_s if request.deadline_s else None
        try:
            lease = self.server.oxigraphs.lease(_left(ends) or self.timeout)
        except TimeoutError:
            self._fail(503, "edukg serve is answering as many requests as it can; retry later")
            return
        except (OSError, RuntimeError) as err:  # an Oxigraph that cannot start (ServerError)
            self._fail(502, f"the Oxigraph server behind edukg serve failed: {err}")
            return
        connection = _LeasedConnection(lease, timeout=_left(ends))
        response = None
        watch = None
        answered = False
        try:
            connection.request(request.method, request.target, request.body, request.headers)
            upstream = connection.sock  # kept: http.client may drop it once the answer is in
            watch = self.server.client_watch.watch(self.connection, upstream)
            response = connection.getresponse()
            self._stream(upstream, response, ends)
            # Its whole answer came (a body cut short raises IncompleteRead), even if the
            # client hung up after it.
            answered = True
        except TimeoutError:
            self._fail(504, _too_long(request.deadline_s))
        except (BrokenPipeError, ConnectionResetError):
            pass  # one side left; the body stays cut
        except (OSError, http.client.HTTPException) as err:
            if watch is None or not watch.gone:
                self._fail(502, f"the Oxigraph server behind edukg serve failed: {err}")
        except ValueError as err:  # http.client refuses control characters in a path or header
            self._fail(400, f"bad request: {err}")
        finally:
            if watch is not None:
                self.server.client_watch.unwatch(watch)
                if watch.gone and not answered:
                    self.log_message("the client left before its answer ended; stopped")
            _hang_up(connection, response)
            # A query cut short may run on in Oxigraph whatever its connection does (one that
            # has sent nothing yet always does): the pool kills that Oxigraph.
            lease.release(spoiled=request.deadline_s is not None and not answered)

    def _fail(self, status: int, message: str) -> None:
        """Answer `status` if nothing was sent yet; else log, and leave the body unfinished so
        the client sees it cut (it already has the status line and some rows)."""
        if not self.relayed:
            self._answer(status, message)
        else:
            self.log_message("%s", message)

    def _stream(
        self, upstream: socket.socket, response: http.client.HTTPResponse, ends: float | None
    ) -> None:
        """Send Oxigraph's answer on as it comes; TimeoutError once `ends` has passed."""
        length = response.getheader("Content-Length")
        self.send_response(response.status, response.reason)
        self._send_cors(self.allow_origin)
        for key, value in response.getheaders():
            key_lower = key.lower()
            if key_lower not in _NOT_PASSED_ON and not key_lower.startswith("access-control-"):
                self.send_header(key, value)
        # 204 and 304 have no body (Oxigraph answers an update with 204).
        bodiless = self.command == "HEAD" or response.status in (204, 304)
        chunked = length is None and not bodiless
        if length is not None:
            self.send_header("Content-Length", length)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.relayed = True
        if bodiless:
            return
        while True:
            # Checked each round: data already waiting would otherwise outrun any timeout.
            if ends is not None and time.monotonic() >= ends:
                raise TimeoutError
            if ends is not None:
                upstream.settimeout(_left(ends))
                self.connection.settimeout(_left(ends))
            data = response.read1(65536)
            if not data:
                break
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
        if response.length:  # bytes of a Content-Length still missing: the answer broke off
            raise http.client.IncompleteRead(b"", response.length)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class _LeasedConnection(http.client.HTTPConnection):
    """An HTTP connection to the Oxigraph of a lease (it is reached through the lease only)."""

    def __init__(self, lease: Lease, timeout: float | None) -> None:
        super().__init__("localhost", timeout=timeout)
        self._lease = lease

    def connect(self) -> None:
        self.sock = self._lease.connect(self.timeout)


@dataclass(eq=False)
class Watch:
    """A client watched while its request runs; `gone` once it hung up (then `upstream` was
    shut down, which ends the relay)."""

    client: socket.socket
    upstream: socket.socket
    gone: bool = False
    done: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hung_up(self) -> None:
        with self.lock:
            if self.done:
                return
            self.gone = True
            try:
                self.upstream.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


# Reported when a client closes its end (POLLRDHUP: Linux) or its connection breaks.
_HUNG_UP = getattr(select, "POLLRDHUP", 0) | select.POLLHUP | select.POLLERR


class ClientWatch:
    """One thread that notices a client hanging up while Oxigraph works on its request.

    Without it a query that sends nothing for a while (ORDER BY, COUNT, a filter that matches
    nothing yet) would run on after its client left: the relay only notices when it writes.
    The watched socket is polled for the peer's hang-up only, never read, so the request's
    bytes stay where they are. Only this thread touches the poll set; `watch` and `unwatch` queue
    their change and wake it.
    """

    def __init__(self) -> None:
        self._poll = select.poll()
        self._polled: dict[int, Watch] = {}
        self._changes: list[tuple[bool, Watch]] = []
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_w, False)
        self._poll.register(self._wake_r, select.POLLIN)
        self._closed = False
        threading.Thread(target=self._run, daemon=True, name="client-watch").start()

    def watch(self, client: socket.socket, upstream: socket.socket) -> Watch:
        """Start watching `client`; on hang-up, shut `upstream` down."""
        watch = Watch(client, upstream)
        self._change(True, watch)
        return watch

    def unwatch(self, watch: Watch) -> None:
        """Stop watching; after this returns, `watch.upstream` is never touched again."""
        with watch.lock:
            watch.done = True
        self._change(False, watch)

    def close(self) -> None:
        self._closed = True
        self._wake()

    def _change(self, add: bool, watch: Watch) -> None:
        with self._lock:
            self._changes.append((add, watch))
        self._wake()

    def _wake(self) -> None:
        try:
            os.write(self._wake_w, b"x")
        except BlockingIOError:
            pass  # the pipe is full: the thread wakes anyway

    def _apply_changes(self) -> None:
        with self._lock:
            changes, self._changes = self._changes, []
        for add, watch in changes:
            fd = watch.client.fileno()
            if add and fd >= 0:
                self._polled[fd] = watch
                self._poll.register(fd, _HUNG_UP or select.POLLIN)
            elif not add and self._polled.get(fd) is watch:
                del self._polled[fd]
                self._poll.unregister(fd)

    def _run(self) -> None:
        while not self._closed:
            self._apply_changes()
            for fd, events in self._poll.poll():
                if fd == self._wake_r:
                    os.read(self._wake_r, 4096)
                    continue
                watch = self._polled.pop(fd, None)  # either way, not polled again
                self._poll.unregister(fd)
                if watch is not None and events & _HUNG_UP:
                    watch.hung_up()
        os.close(self._wake_r)
        os.close(self._wake_w)


def _hang_up(
    connection: http.client.HTTPConnection, response: http.client.HTTPResponse | None
) -> None:
    """Close the connection to Oxigraph at once, which stops its work on a query cut short."""
    sock = connection.sock
    if response is not None:
        response.close()
    if sock is not None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
    connection.close()


def _left(ends: float | None) -> float | None:
    """Seconds left before `ends` (at least a moment), or None (no limit) without a deadline."""
    if ends is None:
        return None
    return max(ends - time.monotonic(), 0.001)


def _too_long(deadline_s: float | None) -> str:
    return (
        f"the query ran longer than {deadline_s:g} s and was stopped. Add a LIMIT, bind a "
        "variable, or narrow the graph pattern (the limit is edukg serve --timeout-s)."
    )


class GatewayServer(ThreadingHTTPServer):
    """The public side of `edukg serve`; requests go on to an Oxigraph lent by `oxigraphs`."""

    daemon_threads = True

    def __init__(
        self,
        bind: tuple[str, int],
        oxigraphs: Oxigraphs,
        allow_updates: bool,
        timeout_s: float,
        cors: CorsPolicy | None = None,
    ) -> None:
        if ":" in bind[0]:
            self.address_family = socket.AF_INET6
        super().__init__(bind, _Handler)
        self.oxigraphs = oxigraphs
        self.client_watch = ClientWatch()
        self.allow_updates = allow_updates
        self.timeout_s = timeout_s
        self.cors = cors or CorsPolicy()
        host = f"[{bind[0]}]" if ":" in bind[0] else bind[0]
        self.public_host = f"{host}:{self.server_address[1]}"

    def server_close(self) -> None:
        super().server_close()
        self.client_watch.close()
