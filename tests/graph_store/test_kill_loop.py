"""SIGKILL during `edukg ingest`, again and again: no document is ever half written, and the same
command run to the end gives the dataset a clean run gives (issue 10).

Both write paths are killed: the bulk loader of a first load of many files (no transaction: a
rerun repairs it) and the transaction per document of a store that already holds documents.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.pipeline_throughput import replicate
from graph_store.bundle import canonical_nquads_hash
from graph_store.embedded import EmbeddedStore, read_generation
from graph_store.ingest import PARALLEL_FROM

ROOT = Path(__file__).resolve().parents[2]
# Seconds after the start at which each run is killed: during start-up, extraction and writing.
KILL_AFTER = (0.8, 2.0, 3.0, 4.5, 6.0)


def _ingest(folder: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
        + ["ingest", str(folder), "--store", str(store), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _finish(folder: Path, store: Path) -> None:
    process = _ingest(folder, store)
    assert process.wait(timeout=600) == 0


def _graphs(store: Path) -> dict[str, int]:
    """Return every named graph of the store with its quad count."""
    opened = EmbeddedStore(store)
    try:
        counts: dict[str, int] = {}
        for quad in opened.quads():
            name = quad.graph_name
            if isinstance(name, ox.NamedNode):
                counts[name.value] = counts.get(name.value, 0) + 1
        return counts
    finally:
        opened.close()


def _version(store: Path) -> tuple[str, int]:
    opened = EmbeddedStore(store)
    try:
        return canonical_nquads_hash(opened.export("nq"))
    finally:
        opened.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kill-corpus")
    paths = replicate(folder, 1.4)  # 70 documents, each with ids of its own
    assert len(paths) >= PARALLEL_FROM  # a first load takes the bulk path
    return folder


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("kill-clean") / "store"
    _finish(corpus, store)
    return store


def _kill_at(corpus: Path, store: Path, delay: float) -> None:
    process = _ingest(corpus, store)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def _kill_after_writes(corpus: Path, store: Path, writes: int) -> None:
    """Kill an ingest as soon as it has written `writes` documents (the store's generation
    counts the writes), wherever the machine's speed puts that moment."""
    start = read_generation(store)
    process = _ingest(corpus, store)
    deadline = time.monotonic() + 300
    while read_generation(store) < start + writes and process.poll() is None:
        assert time.monotonic() < deadline, "the ingest wrote nothing for 300 s"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_a_killed_first_load_is_finished_by_running_it_again(corpus, clean, tmp_path):
    store = tmp_path / "store"
    for delay in KILL_AFTER:
        _kill_at(corpus, store, delay)
    _finish(corpus, store)
    assert _version(store) == _version(clean)


def test_killed_transactional_ingests_never_leave_half_a_document(corpus, clean, tmp_path):
    store = tmp_path / "store"
    papers = sorted(corpus.glob("*.txt"))
    first = tmp_path / "first"
    first.mkdir()
    for path in papers[:3]:  # a store that holds documents: every later write is a transaction
        (first / path.name).write_bytes(path.read_bytes())
    _finish(first, store)
    whole = _graphs(clean)
    for writes in (1, 5, 12, 25, 40):  # each run rewrites every document, from the first
        _kill_after_writes(corpus, store, writes)
        graphs = _graphs(store)
        assert len(graphs) < len(whole)  # killed part-way
        for graph, count in graphs.items():
            if "/graph/" in graph and graph in whole and not graph.endswith("inferred"):
                assert count == whole[graph], f"{graph} half written, killed after {writes}"
    _finish(corpus, store)
    assert _version(store) == _version(clean)
