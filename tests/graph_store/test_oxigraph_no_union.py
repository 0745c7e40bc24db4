"""The bundled corpus on a real `oxigraph serve` whose default graph is NOT the union (issue 11):
`edukg ingest --endpoint`, stats, every named query, exports, validate and the app's Overview give
what the embedded store gives. The checks are the Virtuoso suite's, run against this server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import main
from graph_store.embedded import EmbeddedStore
from tests.graph_store.test_virtuoso import (  # noqa: F401 — collected here against this server
    test_app_queries_and_overview_totals_match_the_embedded_store,
    test_cli_validate_and_graphml_match_the_embedded_store,
    test_every_named_query_matches_the_embedded_store,
    test_export_is_isomorphic_to_the_embedded_store,
    test_stats_match_the_embedded_store,
    test_the_apps_overview_shows_what_it_shows_on_the_embedded_store,
)
from tests.store_fixtures import oxigraph_server

pytestmark = pytest.mark.endpoint

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, EmbeddedStore]]:
    """The corpus ingested into a no-union Oxigraph server and into an embedded store."""
    work = tmp_path_factory.mktemp("no-union")
    assert main(["ingest", str(CORPUS), "--store", str(work / "embedded")]) == 0
    with oxigraph_server(work, location=work / "server", union=False) as base:
        assert main(["ingest", str(CORPUS), "--endpoint", base + "/query"]) == 0
        yield base + "/query", EmbeddedStore(work / "embedded", read_only=True)
