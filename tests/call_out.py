"""A real HTTP listener on 127.0.0.1 that records every connection, and the ways a SPARQL
query can try to reach it (SERVICE, LOAD) past a checker. Shared by the guard and serve tests."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator


class _Recorder(http.server.BaseHTTPRequestHandler):
    def handle(self) -> None:
        # Count the connection before parsing: a malformed request is still a call out.
        self.server.arrived.append(self.client_address)  # type: ignore[attr-defined]
        super().handle()

    def _refuse(self) -> None:
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = _refuse

    def log_message(self, format: str, *args: object) -> None:
        pass


class Listener:
    """A listening socket; `arrived` lists the client address of every connection."""

    def __init__(self, server: http.server.ThreadingHTTPServer) -> None:
        self._server = server
        self.arrived: list[tuple[str, int]] = server.arrived  # type: ignore[attr-defined]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"


@contextlib.contextmanager
def call_out_listener() -> Iterator[Listener]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.daemon_threads = True
    server.arrived = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Listener(server)
    finally:
        server.shutdown()
        server.server_close()


def service_variants(url: str) -> dict[str, str]:
    """Queries that each make an unguarded Oxigraph call `url` (or would, for an engine that
    follows SPARQL 1.1 §19.2 on codepoint escapes), by name."""
    iri = f"<{url}>"
    escaped_iri = "<" + url.replace(":", "\\u003A", 1) + ">"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT {iri} {{ ?s ?p ?o }} }}",
        "lowercase": f"select * where {{ service {iri} {{ ?s ?p ?o }} }}",
        "newlines_and_tabs": f"SELECT *\nWHERE\t{{\nSERVICE\n\t{iri}\n{{ ?s ?p ?o }} }}",
        # issue #10: a \u escape in an IRI made the keyword scan read the rest as a comment
        "u_escape_in_iri_before": "PREFIX a: <http://x/\\u0041#> "
        f"SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        "u_escape_in_service_iri": f"SELECT * WHERE {{ SERVICE {escaped_iri} {{ ?s ?p ?o }} }}",
        "u_escaped_keyword": f"SELECT * WHERE {{ SERVI\\u0043E {iri} {{ ?s ?p ?o }} }}",
        "U_escaped_keyword": f"SELECT * WHERE {{ \\U00000053ERVICE {iri} {{ ?s ?p ?o }} }}",
        "no_spaces": f"SELECT*WHERE{{SERVICE{iri}{{?s?p?o}}}}",
        "keyword_in_comment_before": f"SELECT * WHERE {{ # SERVICE\n SERVICE {iri} {{ ?s ?p ?o }} }}",
        # a carriage return ends a comment for Oxigraph; rdflib's comment runs to the line feed
        "carriage_return_ends_comment": f"SELECT * WHERE {{ # x\rSERVICE {iri} {{ ?s ?p ?o }}\n}}",
        "hash_in_iri_before": f"SELECT * WHERE {{ BIND(<http://x/#> AS ?x) SERVICE {iri} {{ ?s ?p ?o }} }}",
        "hash_in_string_before": f'SELECT * WHERE {{ BIND("#" AS ?x) SERVICE {iri} {{ ?s ?p ?o }} }}',
        # Oxigraph reads "\u0022" as a quote inside the string; §19.2 as the string's end.
        "escaped_quote_shifts_strings": f'SELECT * WHERE {{ BIND("a\\u0022" AS ?x) '
        f'SERVICE {iri} {{ ?s ?p ?o }} BIND(" " AS ?y) }}',
        "values_bound_iri": f"SELECT * WHERE {{ VALUES ?u {{ {iri} }} SERVICE ?u {{ ?s ?p ?o }} }}",
        "prefixed_name": f"PREFIX far: {iri} SELECT * WHERE {{ SERVICE far: {{ ?s ?p ?o }} }}",
        "in_optional": f"SELECT * WHERE {{ OPTIONAL {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        "in_subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }} }} }}",
        "in_union": f"SELECT * WHERE {{ {{ BIND(1 AS ?one) }} UNION {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        "in_filter_exists": f"ASK {{ FILTER EXISTS {{ SERVICE {iri} {{ ?s ?p ?o }} }} }}",
        "in_projection_exists": f"SELECT (EXISTS {{ SERVICE {iri} {{ ?s ?p ?o }} }} AS ?e) {{ }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        "describe": f"DESCRIBE ?s WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} }}",
        # SPARQL 1.2 (LATERAL) is beyond the checker's grammar: refused as unreadable.
        "beside_lateral": f"SELECT * WHERE {{ SERVICE {iri} {{ ?s ?p ?o }} "
        "LATERAL { SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 } }",
    }


def load_variants(url: str) -> dict[str, str]:
    """Update requests that make an unguarded Oxigraph fetch `url`, by name."""
    return {
        "load": f"LOAD <{url}>",
        "load_silent_into": f"LOAD SILENT <{url}> INTO GRAPH <http://x/g>",
        "lowercase": f"load <{url}>",
        "after_another_operation": f"CLEAR SILENT GRAPH <http://x/g> ; LOAD <{url}>",
        "u_escape_in_iri_before": f"PREFIX a: <http://x/\\u0041#> LOAD <{url}>",
        "service_in_where": f"INSERT {{ GRAPH <http://x/g> {{ ?s ?p ?o }} }} "
        f"WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    }
