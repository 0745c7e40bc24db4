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

A query's whole answer must arrive within the deadline. Past it the connection to Oxigraph is
closed, which stops its work, and the client gets a 504 or, once rows were sent, an answer cut
short (a chunked body without its last chunk, which HTTP clients report as incomplete).
"""

from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graph_store.sparql_check import Reading, oxigraph_syntax_error, read_query, read_update

MAX_BODY = 256 * 1024 * 1024
# Protocol parameters Oxigraph reads besides the query or update text.
_QUERY_PARAMS = ("default-graph-uri", "named-graph-uri", "union-default-graph")
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
# Oxigraph's URL parser resolves dot segments and reads '\' as '/', so /store/../query would
# reach its query handler unchecked: only plain segments pass.
_STORE_PATH = re.compile(r"/store(?:/[A-Za-z0-9_~-]+)*")
_PAGES = ("/", "/logo.svg")


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
    # Seconds a client may stay silent (sending its request, or not reading the answer).
    timeout = 120
    server: GatewayServer

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

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
            headers["Content-Type"] = f"application/sparql-{name}; charset=utf-8"
            deadline = self.server.timeout_s if name == "query" else None
            target = _rebuilt(path, pairs, keep)
            return Upstream("POST", target, text.encode("utf-8"), headers, deadline)
        if _STORE_PATH.fullmatch(path):
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
        try:
            request = self._upstream()
        except Refused as refusal:
            self._answer(refusal.status, refusal.message)
            return
        self._relay(request)

    def _answer(self, status: int, message: str) -> None:
        body = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _relay(self, request: Upstream) -> None:
        host, port = self.server.upstream
        ends = time.monotonic() + request.deadline_s if request.deadline_s else None
        connection = http.client.HTTPConnection(host, port, timeout=_left(ends))
        response = None
        try:
            connection.request(request.method, request.target, request.body, request.headers)
            upstream = connection.sock  # kept: http.client may drop it once the answer is in
            response = connection.getresponse()
            self._stream(upstream, response, ends)
        except TimeoutError:
            self._fail(504, _too_long(request.deadline_s))
        except (BrokenPipeError, ConnectionResetError):
            pass  # one side left; the body stays cut
        except OSError as err:
            self._fail(502, f"the Oxigraph server behind edukg serve failed: {err}")
        except ValueError as err:  # http.client refuses control characters in a path or header
            self._fail(400, f"bad request: {err}")
        finally:
            _hang_up(connection, response)

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
        for key, value in response.getheaders():
            if key.lower() not in _NOT_PASSED_ON:
                self.send_header(key, value)
        chunked = length is None and self.command != "HEAD"
        if length is not None:
            self.send_header("Content-Length", length)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.relayed = True
        if self.command == "HEAD":
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
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


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
    """The public side of `edukg serve`; requests go on to the Oxigraph server at `upstream`."""

    daemon_threads = True

    def __init__(
        self,
        bind: tuple[str, int],
        upstream: tuple[str, int],
        allow_updates: bool,
        timeout_s: float,
    ) -> None:
        if ":" in bind[0]:
            self.address_family = socket.AF_INET6
        super().__init__(bind, _Handler)
        self.upstream = upstream
        self.allow_updates = allow_updates
        self.timeout_s = timeout_s
        host = f"[{bind[0]}]" if ":" in bind[0] else bind[0]
        self.public_host = f"{host}:{self.server_address[1]}"
