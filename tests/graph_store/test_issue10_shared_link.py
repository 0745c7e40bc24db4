"""Issue #10, defect 1, as a shared link: the issue's query (an IRI with a `\\u` escape before a
SERVICE to a local listener) opened as `/sparql?q=…` and run in the page is refused with the
SERVICE message, and the listener sees no connection."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_pages import open_page
from tests.call_out import call_out_listener, service_variants


def test_the_issue_query_in_a_shared_link_is_refused_and_calls_nothing(tiny_store_path: Path):
    with call_out_listener() as listener:
        query = service_variants(listener.url)["u_escape_in_iri_before"]
        at = open_page(tiny_store_path, "sparql", q=query)
        assert at.session_state["sparql_text"] == query  # the link filled the editor
        at.button(key="sparql_run").click().run()
        assert not at.exception, [e.value for e in at.exception]
        errors = [e.value for e in at.error]
        assert any("SERVICE would call another SPARQL endpoint" in e for e in errors), errors
        assert listener.arrived == []
