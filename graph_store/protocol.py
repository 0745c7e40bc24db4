"""GraphStore: the interface the embedded store and a remote SPARQL endpoint both implement."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from pyoxigraph import NamedNode, Quad, Triple

from graph_store.results import QueryResult, Term

Bindings = Mapping[str, Term]

# Export formats: name → (pyoxigraph RdfFormat attribute, file extension, holds named graphs)
RDF_EXPORT_FORMATS: dict[str, tuple[str, str, bool]] = {
    "ttl": ("TURTLE", "ttl", False),
    "trig": ("TRIG", "trig", True),
    "nt": ("N_TRIPLES", "nt", False),
    "nq": ("N_QUADS", "nq", True),
    "jsonld": ("JSON_LD", "jsonld", True),
    "rdfxml": ("RDF_XML", "rdf", False),
}


class StoreError(RuntimeError):
    """The store refused or failed an operation; the message says which and why."""


class GraphStore(Protocol):
    """A quad store with one named graph per document and the union as default graph."""

    location: str

    def put_graph(
        self, graph: NamedNode, quads: Iterable[Quad], replaces: Iterable[NamedNode] = ()
    ) -> None:
        """Replace `graph` (and drop `replaces`) with `quads`, in one transaction."""

    def patch_graph(self, graph: NamedNode, remove: Iterable[Quad], add: Iterable[Quad]) -> None:
        """Remove the quads of `graph` among `remove`, then add those among `add`, in one
        transaction (a small change to a large graph, where put_graph would rewrite it all)."""

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and everything in it."""

    def graphs(self) -> list[NamedNode]:
        """Return the named graphs, sorted by IRI."""

    def select(
        self, query: str, bindings: Bindings | None = None, limit: int | None = None
    ) -> QueryResult:
        """Run a SELECT; `bindings` are bound safely, never pasted into the text."""

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK."""

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE."""

    def count(self, graph: NamedNode | None = None) -> int:
        """Return the number of quads in one graph, or in the whole store."""

    def export(self, fmt: str, graph: NamedNode | None = None) -> bytes:
        """Serialise the store (or one graph) in an RDF format of RDF_EXPORT_FORMATS."""

    def close(self) -> None:
        """Release the store."""
