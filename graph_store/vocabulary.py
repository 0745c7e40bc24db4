"""Loads the ontology and the programme concept scheme into their own named graphs."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad

from graph_store.protocol import GraphStore
from ontology import ONTOLOGY_DIR
from ontology.namespace import ONTOLOGY_GRAPH, PROGRAMS_GRAPH

VOCABULARY_FILES: dict[str, NamedNode] = {
    "edukg.ttl": ONTOLOGY_GRAPH,
    "programs.ttl": PROGRAMS_GRAPH,
}


def vocabulary_quads(path: Path, graph: NamedNode) -> list[Quad]:
    """Return the triples of a Turtle file as quads in `graph`."""
    with path.open("rb") as handle:
        return [
            Quad(t.subject, t.predicate, t.object, graph)
            for t in ox.parse(handle, format=ox.RdfFormat.TURTLE)
        ]


def load_vocabulary(store: GraphStore, folder: Path = ONTOLOGY_DIR) -> int:
    """Replace the ontology and concept-scheme graphs with the files in `folder`.

    Returns:
        the number of quads loaded.
    """
    total = 0
    for name, graph in VOCABULARY_FILES.items():
        path = folder / name
        if path.exists():
            quads = vocabulary_quads(path, graph)
            store.put_graph(graph, quads)
            total += len(quads)
    return total
