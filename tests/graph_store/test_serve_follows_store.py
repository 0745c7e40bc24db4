"""`edukg serve` (read-only) answers from the store as another process last wrote it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph_store.embedded import EmbeddedStore
from graph_store.ingest import ingest_paths
from tests.graph_store.test_serve_security import edukg_serve, send
from tests.store_fixtures import fill

pytestmark = pytest.mark.endpoint

ROOT = Path(__file__).resolve().parents[2]
COUNT = (
    "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { "
    "?d a <https://w3id.org/edukg/ontology#Document> ; <http://purl.org/dc/terms/source> ?s }"
)


def _documents(base: str) -> int | None:
    status, body = send(base, "get", COUNT)
    return int(body.splitlines()[1]) if status == 200 else None


def test_read_only_serve_answers_from_a_store_ingested_while_it_runs(tmp_path):
    folder = tmp_path / "store"
    fill(EmbeddedStore(folder)).close()
    with edukg_serve(folder, tmp_path / "serve.log") as (base, _):
        assert _documents(base) == 2
        writer = EmbeddedStore(folder)  # as `edukg ingest` does, beside the running server
        corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[0]
        assert len(ingest_paths(writer, [corpus]).loaded) == 1
        writer.close()
        deadline = time.monotonic() + 30
        while _documents(base) != 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _documents(base) == 3
        # The new servers answer before refresh() returns and the line is printed: wait for it
        # while the server still runs (stopping it first could cut the line off).
        log = tmp_path / "serve.log"
        while "serving it" not in log.read_text() and time.monotonic() < deadline + 10:
            time.sleep(0.2)
    assert "serving it" in log.read_text()
