"""The machinery of a parallel ingest: the parent's head documents, workers that die with their
parent, the one-process ingest's background thread, and graphs that cross the process boundary."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from graph_store import ingest
from graph_store.embedded import _nquads_chunks
from loaders import QuadLines
from loaders.to_rdf import nt_literal

ROOT = Path(__file__).resolve().parents[2]
GRAPH = ox.NamedNode("https://w3id.org/edukg/id/graph/x")


def test_the_parent_reads_files_up_to_the_first_extracted_then_workers_read_the_rest(
    tmp_path, monkeypatch
):
    files = [tmp_path / name for name in ("a", "b", "c", "d", "e", "f")]
    in_parent: list[str] = []

    def fake_build(path: Path):
        in_parent.append(path.name)  # the workers append to their own copies
        return ValueError(f"{path}: empty") if path.name in "ab" else f"graph of {path.name}"

    monkeypatch.setattr(ingest, "build_one", fake_build)
    got = [(path, str(outcome)) for path, outcome in ingest.build_graphs(files, workers=2)]
    assert got == [
        (files[0], f"{files[0]}: empty"),
        (files[1], f"{files[1]}: empty"),
        *[(path, f"graph of {path.name}") for path in files[2:]],
    ]
    assert in_parent == ["a", "b", "c"]  # loading the extractor once, here


_KILLED_PARENT = """
import sys, time
from pathlib import Path
from graph_store import ingest

def slow(path):
    if path.name != "0":
        time.sleep(60)
    return "graph"

ingest.build_one = slow
results = ingest.build_graphs([Path(str(i)) for i in range(4)], workers=2)
next(results)  # the pool is up
import multiprocessing
print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
# SIGKILL, and SIGTERM (what kill, systemd and timeout send; issue 10, defect 6): no worker stays.
@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_exit_when_the_ingest_is_killed(sent: signal.Signals):
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_PARENT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        parent.send_signal(sent)
        assert parent.wait(timeout=30) != 0
        deadline = time.monotonic() + 10 * ingest._WATCH_SECONDS
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        parent.kill()
        parent.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_in_background_yields_in_order_and_raises_what_the_producer_raised():
    def items():
        yield from range(10)
        raise LookupError("no extractor 'x'")

    got = []
    with pytest.raises(LookupError, match="no extractor"):
        for item in ingest.in_background(items(), ahead=2):
            got.append(item)
    assert got == list(range(10))


def test_in_background_stops_producing_when_the_caller_stops():
    produced = []
    finished = threading.Event()

    def items():
        try:
            for i in range(1000):
                produced.append(i)
                yield i
        finally:
            finished.set()

    background = ingest.in_background(items(), ahead=2)
    assert next(background) == 0
    background.close()
    assert finished.wait(5)
    assert len(produced) < 10


texts = hs.text(hs.characters(exclude_categories=("Cs",)), max_size=30)
tricky = hs.text(hs.sampled_from('\x00\n\r"\\\x85\u2028\u2029\x1c\ufffe 教 .>'), max_size=30)


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.one_of(texts, tricky), max_size=5))
def test_quad_lines_cross_a_pickle_as_n_quads_and_read_back_the_same(values):
    doc = "<https://w3id.org/edukg/id/doc/x>"
    lines = sorted(
        {f"{doc} <http://purl.org/dc/terms/title> {nt_literal(v, '@zh')} ." for v in values}
        | {f"{doc} <https://w3id.org/edukg/ontology#inGraph> {GRAPH} ."},  # the graph as object
        key=str.encode,
    )
    quads = QuadLines(GRAPH, tuple(lines))
    # The N-Quads a worker sends are those the bulk loader was given line by line before.
    suffix = f"{GRAPH} .\n"
    assert quads.nquads() == "".join(line[:-1] + suffix for line in lines).encode()
    copy = pickle.loads(pickle.dumps(quads))
    assert copy.lines == quads.lines and len(copy) == len(quads)
    assert list(copy) == list(quads) == list(ox.parse(quads.nquads(), format=ox.RdfFormat.N_QUADS))
    assert list(_nquads_chunks([(GRAPH, copy)])) == [quads.nquads()]


def test_an_empty_graph_has_no_n_quads():
    empty = pickle.loads(pickle.dumps(QuadLines(GRAPH, ())))
    assert empty.nquads() == b"" and empty.lines == () and len(empty) == 0 and list(empty) == []


def test_in_thread_waits_for_the_work_and_raises_what_it_raised():
    started, release, done = threading.Event(), threading.Event(), []

    def work():
        started.set()
        release.wait(5)
        done.append(1)

    wait = ingest.in_thread(work)
    assert started.wait(5) and not done  # running beside the caller
    release.set()
    wait()
    assert done == [1]

    def fail():
        raise OSError("compaction failed")

    with pytest.raises(OSError, match="compaction failed"):
        ingest.in_thread(fail)()
