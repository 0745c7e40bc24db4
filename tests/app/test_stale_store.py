"""Issue #10: a CLI ingest into the store the app has open shows on the next page run."""

from __future__ import annotations

from pathlib import Path

from cli import main
from tests.app.test_pages import ROOT, frame, open_page


def reloaded(at) -> bool:
    return any("reloaded" in str(t.value) for t in at.toast)


def test_cli_ingest_while_the_app_runs_shows_on_the_next_run(tiny_store_path: Path):
    at = open_page(tiny_store_path, "documents")  # the app holds the store read-only meanwhile
    assert len(frame(at, "read")) == 2
    at.run()
    assert not reloaded(at)  # nothing changed: no reload, no message
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[0]
    assert main(["ingest", str(corpus), "--store", str(tiny_store_path), "-q"]) == 0
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(frame(at, "read")) == 3
    assert reloaded(at)  # said once…
    at.run()
    assert len(frame(at, "read")) == 3
    assert not reloaded(at)  # …and not again


def test_cli_delete_while_the_app_runs_shows_on_the_next_run(tiny_store_path: Path):
    at = open_page(tiny_store_path, "documents")
    titles = frame(at, "read")["title"].tolist()
    assert len(titles) == 2
    assert main(["delete", "tinydoc1", "--store", str(tiny_store_path)]) == 0
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(frame(at, "read")) == 1
    assert reloaded(at)
