"""Issue #10, defect 8: a read of a store that `edukg ingest` is bulk-loading and compacting
(optimize) either answers or fails with one line; it never raises RocksDB's "Corruption …
MANIFEST" (or a missing column family or .sst file) as a traceback with exit code 1.

A read-only open reads CURRENT, then the MANIFEST it names, then the files listed there; the
writer creating the store or compacting it replaces them in between. Readers here are the app's
way of opening a store (open_store, read-only) in a tight loop and `edukg query` run again and
again, both beside one real first load of PARALLEL_FROM+ files (the bulk path, then optimize).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bench.pipeline_throughput import replicate
from graph_store.ingest import PARALLEL_FROM
from graph_store.open import open_store
from graph_store.protocol import StoreError

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
DOCUMENTS = (
    "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { "
    "?d a <https://w3id.org/edukg/ontology#Document> ; <http://purl.org/dc/terms/source> ?s }"
)


def _read(store: Path) -> int:
    """Open the store as the app does, count its documents and read every quad once."""
    opened = open_store(store, read_only=True)
    try:
        documents = int(opened.select(DOCUMENTS).rows[0][0].value)  # type: ignore[union-attr]
        opened.count()
        return documents
    finally:
        opened.close()


def _cli_queries(store: Path, stop: threading.Event, runs: list[subprocess.CompletedProcess]):
    """Run `edukg query class_counts` against `store` until `stop` is set."""
    while not stop.is_set():
        if store.is_dir():
            runs.append(
                subprocess.run(
                    [*CLI, "query", "class_counts", "--store", str(store)],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
            )
        else:
            time.sleep(0.05)


def test_reads_during_a_bulk_load_and_its_optimize_answer_or_fail_in_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = replicate(corpus, 1.1)
    assert len(files) >= PARALLEL_FROM  # a first load of this many files takes the bulk path
    store = tmp_path / "store"
    ingest = subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--store", str(store), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    stop = threading.Event()
    runs: list[subprocess.CompletedProcess] = []
    cli = threading.Thread(target=_cli_queries, args=(store, stop, runs), daemon=True)
    cli.start()
    answered, refused, crashed, after_the_load = 0, [], set(), 0
    try:
        deadline = time.monotonic() + 300
        while ingest.poll() is None:
            assert time.monotonic() < deadline, "the ingest ran past 300 s"
            if not store.is_dir():
                time.sleep(0.005)
                continue
            try:
                documents = _read(store)
            except StoreError as err:
                refused.append(str(err))
                continue
            except Exception as err:  # noqa: BLE001  (kept, so the test names every kind)
                crashed.add(f"{type(err).__name__}: {str(err)[:120]}")
                continue
            answered += 1
            # Every document is in: the bulk load is done, its optimize runs or has run.
            after_the_load += documents == len(files) and ingest.poll() is None
    finally:
        stop.set()
        cli.join(timeout=150)
        ingest.kill()
        ingest.wait()
    assert ingest.returncode == 0, ingest.stderr.read()  # type: ignore[union-attr]
    assert not crashed, sorted(crashed)
    assert answered and after_the_load, (answered, after_the_load, refused[:3])
    assert all("\n" not in message for message in refused), refused
    assert _read(store) == len(files)
    assert runs, "no `edukg query` ran during the ingest"
    for run in runs:
        assert "Traceback" not in run.stderr, run.stderr
        assert run.returncode == 0 or (
            run.returncode == 2 and run.stderr.startswith("edukg: ") and run.stderr.count("\n") == 1
        ), (run.returncode, run.stderr)


def test_a_missing_or_empty_store_folder_is_refused_at_once(tmp_path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "missing", tmp_path / "empty"):
        started = time.monotonic()
        with pytest.raises(StoreError, match=f"cannot open the store at {folder}"):
            open_store(folder, read_only=True)
        assert time.monotonic() - started < 1  # no writer to wait for: no retry
