"""Counts over the store: documents, graphs, quads and instances per class."""

from __future__ import annotations

from dataclasses import dataclass

from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.protocol import GraphStore


@dataclass(frozen=True)
class StoreStats:
    location: str
    quads: int
    graphs: int
    classes: tuple[tuple[str, int], ...]

    def format(self) -> str:
        """Return the stats as aligned lines for a terminal."""
        lines = [
            f"store      {self.location}",
            f"quads      {self.quads}",
            f"graphs     {self.graphs}",
        ]
        lines += [f"{name:<18} {count}" for name, count in self.classes]
        return "\n".join(lines)


def store_stats(store: GraphStore) -> StoreStats:
    """Return quad, graph and per-class instance counts (ekg: classes only)."""
    classes = tuple(
        (row[0].value.rsplit("#", 1)[-1], int(row[1].value))
        for row in run_named_query(store, load_named_queries()["class_counts"])
        if row[0] is not None and row[1] is not None
    )
    return StoreStats(store.location, store.count(), len(store.graphs()), classes)
