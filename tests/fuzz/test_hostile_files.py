"""The hostile corpus (tests/fuzz/hostile.py) through the real `edukg ingest`, in one batch with
good documents, into a store that holds a document already: one clear line per hostile file,
no traceback, the good documents stored, the earlier document untouched. And each hostile file
through read_document: a DocumentError, never another exception."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from loaders.documents import DocumentError
from loaders.read import read_document
from tests.fuzz.hostile import good_files, hostile_files, special_files

EDUKG = Path(sys.executable).with_name("edukg")
PROJECT = Path(__file__).resolve().parents[2]
EARLIER = PROJECT / "data" / "corpus" / "001_f3d5e20a6c1850ac.txt"


def ingest(*paths: Path, store: Path) -> subprocess.CompletedProcess[bytes]:
    """Run `edukg ingest PATHS --store STORE -q` as a user would."""
    return subprocess.run(
        [str(EDUKG), "ingest", *map(str, paths), "--store", str(store), "-q"],
        capture_output=True,
        timeout=600,
        cwd=PROJECT,
    )


def graphs(store: Path) -> dict[str, frozenset[ox.Quad]]:
    """Every named graph's quads, by graph IRI."""
    opened = ox.Store.read_only(str(store))
    out: dict[str, set[ox.Quad]] = {}
    for quad in opened.quads_for_pattern(None, None, None, None):
        out.setdefault(str(quad.graph_name), set()).add(quad)
    return {name: frozenset(quads) for name, quads in out.items()}


def sources(store: Path) -> set[str]:
    opened = ox.Store.read_only(str(store))
    query = "SELECT ?s WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/source> ?s } }"
    return {row["s"].value for row in opened.query(query)}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The earlier document ingested, then the hostile batch; what the second run left."""
    root = tmp_path_factory.mktemp("hostile")
    store = root / "store"
    first = ingest(EARLIER, store=store)
    assert first.returncode == 0, first.stderr.decode(errors="replace")
    before = graphs(store)
    bad, special = root / "bad", root / "special"
    bad.mkdir()
    special.mkdir()
    expected = hostile_files(bad)
    good = good_files(bad)
    expected.update(special_files(special))
    run = ingest(bad, *sorted(special.iterdir()), store=store)
    return {
        "run": run,
        "stderr": run.stderr.decode("utf-8", "backslashreplace"),
        "expected": expected,
        "good": good,
        "before": before,
        "after": graphs(store),
        "sources": sources(store),
        "bad": bad,
    }


def test_the_batch_fails_cleanly_without_a_traceback(batch) -> None:
    run, stderr = batch["run"], batch["stderr"]
    assert run.returncode == 1, stderr
    assert "Traceback" not in stderr and "Error:" not in stderr, stderr
    good, expected = batch["good"], batch["expected"]
    assert f"loaded {len(good)} documents, {len(expected)} failed" in stderr, stderr


def _shown(name: str) -> str:
    """How stderr writes a name: the undecodable bytes of a GBK name as \\udcXX escapes."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def test_every_hostile_file_gets_one_line_naming_it_and_its_problem(batch) -> None:
    lines = [
        ln
        for ln in batch["stderr"].splitlines()
        if ln.strip() and not ln.startswith(("loaded ", "edukg: search index"))
    ]
    assert len(lines) == len(batch["expected"]), batch["stderr"]
    for name, words in batch["expected"].items():
        own = [ln for ln in lines if f"/{_shown(name)}" in ln]
        assert len(own) == 1, (name, batch["stderr"])
        assert any(word in own[0] for word in words), (name, own[0])


def test_a_file_name_in_gbk_bytes_is_named_readably_too(batch) -> None:
    gbk = os.fsdecode("测试_英文.txt".encode("gbk"))
    line = next(ln for ln in batch["stderr"].splitlines() if _shown(gbk) in ln)
    assert "(测试_英文.txt)" in line


def test_the_good_documents_are_stored_and_the_earlier_one_is_untouched(batch) -> None:
    assert set(batch["good"]) | {EARLIER.name} <= batch["sources"]
    assert not any(name in batch["sources"] for name in batch["expected"])
    before, after = batch["before"], batch["after"]
    document_graphs = [g for g in before if re.search(r"/graph/[0-9a-f]{16}>$", g)]
    assert document_graphs
    for graph in document_graphs:
        assert after[graph] == before[graph], graph


def test_the_good_documents_are_read_with_their_titles(batch) -> None:
    for name, title in batch["good"].items():
        assert read_document(batch["bad"] / name).metadata.title == title


def test_read_document_raises_only_document_errors_on_the_corpus(tmp_path: Path) -> None:
    expected = hostile_files(tmp_path)
    expected.update(special_files(tmp_path))
    for name, words in expected.items():
        with pytest.raises(DocumentError) as caught:
            read_document(tmp_path / name)
        message = str(caught.value)
        assert "\n" not in message and any(w in message for w in words), (name, message)
        assert re.search(re.escape(str(tmp_path)), message), message
