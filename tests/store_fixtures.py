"""Store fixtures (registered in tests/conftest.py): the tiny dataset in an embedded store (memory or disk)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_store.embedded import EmbeddedStore

TINY = Path(__file__).resolve().parent / "data" / "tiny.trig"


def tiny_quads() -> list[ox.Quad]:
    with TINY.open("rb") as handle:
        return list(ox.parse(handle, format=ox.RdfFormat.TRIG))


def fill(store: EmbeddedStore) -> EmbeddedStore:
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for quad in tiny_quads():
        by_graph.setdefault(quad.graph_name, []).append(quad)
    for graph, quads in by_graph.items():
        store.put_graph(graph, quads)
    return store


@pytest.fixture
def tiny_store() -> EmbeddedStore:
    return fill(EmbeddedStore(None))


@pytest.fixture
def tiny_store_path(tmp_path: Path) -> Path:
    store = fill(EmbeddedStore(tmp_path / "store"))
    store.close()
    return tmp_path / "store"
