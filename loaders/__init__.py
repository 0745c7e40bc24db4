"""File → triples, the whole line in one visible place. Never touches a store.

path → read_document → PolicyDocument → extract → Extraction → quads (one named graph)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad

from loaders.documents import DocumentError, PolicyDocument


@dataclass(frozen=True)
class DocumentGraph:
    """One document's quads, all in the named graph `graph`; `iri` is the document node."""

    document: PolicyDocument
    iri: NamedNode
    graph: NamedNode
    quads: tuple[Quad, ...]


def build_document_graph(path: Path | str, extractor: str | None = None) -> DocumentGraph:
    """Read, structure and extract one file; return its named graph.

    Raises:
        DocumentError: the file cannot be read as a policy document (message names the file).
    """
    # Imported here so that reading a single module (e.g. loaders.documents) stays light.
    from loaders.extract import EXTRACTOR, EXTRACTORS
    from loaders.extract.rdf import extraction_quads
    from loaders.identifiers import document_iri, graph_iri
    from loaders.read import read_document
    from loaders.to_rdf import document_quads

    name = extractor or EXTRACTOR
    if name not in EXTRACTORS:
        raise LookupError(f"no extractor {name!r}. Available: {', '.join(EXTRACTORS)}")
    doc = read_document(Path(path))
    extraction = EXTRACTORS[name](doc)
    quads = document_quads(doc, name) + extraction_quads(doc, extraction)
    # Sorted and de-duplicated: the same file always gives the same quads in the same order.
    unique = tuple(sorted(set(quads), key=str))
    return DocumentGraph(doc, document_iri(doc.doc_id), graph_iri(doc.doc_id), unique)


__all__ = ["DocumentError", "DocumentGraph", "PolicyDocument", "build_document_graph"]
