"""A first ingest's bulk load, batch by batch (graph_store.ingest.bulk_write): every document
loaded once, whole, in input order; a failed load or a failure of the documents stops it."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from graph_store.ingest import bulk_write


class _Loads:
    """A store that records what each bulk load is given (and can fail one)."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.batches: list[list[str]] = []
        self.threads: set[str] = set()
        self.fail_at = fail_at

    def bulk_put_graphs(self, graphs, checked=False):
        assert checked and isinstance(graphs, list)
        self.threads.add(threading.current_thread().name)
        if self.fail_at is not None and len(self.batches) == self.fail_at:
            raise OSError("No space left on device")
        self.batches.append([name for name, _quads, _records in graphs])


def _documents(sizes: list[int]):
    for i, size in enumerate(sizes):
        yield SimpleNamespace(
            graph=SimpleNamespace(graph=f"g{i}", quads=range(size - 1)), records=range(1)
        )


def test_bulk_write_loads_every_document_once_whole_in_order_in_batches():
    store = _Loads()
    bulk_write(store, _documents([40, 40, 40, 10, 100, 5]), batch=50)
    assert store.batches == [["g0", "g1"], ["g2", "g3"], ["g4"], ["g5"]]
    assert store.threads == {"ingest-bulk-load"}  # not the thread that gathers


def test_bulk_write_batches_grow_with_what_was_loaded():
    store = _Loads()
    bulk_write(store, _documents([10] * 200), batch=10)
    sizes = [len(batch) for batch in store.batches]
    assert sum(sizes) == 200
    assert sizes[:5] == [1] * 5  # `batch` quads until a quarter of the loaded is more
    assert sizes[5] == 2 and max(sizes) > 10 and len(sizes) < 25


def test_bulk_write_raises_what_a_load_raised_and_loads_no_more():
    store = _Loads(fail_at=1)
    with pytest.raises(OSError, match="No space left"):
        bulk_write(store, _documents([50] * 10), batch=50)
    assert store.batches == [["g0"]]


def test_bulk_write_stops_loading_when_the_documents_fail():
    def failing():
        yield from _documents([50, 50])
        raise KeyboardInterrupt

    store = _Loads()
    with pytest.raises(KeyboardInterrupt):
        bulk_write(store, failing(), batch=50)
    assert len(store.batches) <= 2
