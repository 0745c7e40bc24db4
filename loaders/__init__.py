"""File → triples, the whole line in one visible place. Never touches a store.

path → read_document → PolicyDocument → extract → Extraction → quads (one named graph)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from loaders.documents import DocumentError, PolicyDocument


class QuadLines(Sequence[Quad]):
    """A document's quads, held as sorted N-Triples lines and parsed only when read as quads.

    Writing a graph to a store needs only text: an update uses the lines as they are
    (graph_store.embedded.quads_to_update), a load or bulk load their N-Quads (`nquads`);
    `len()` needs neither. Iterating or indexing parses the lines once. A pickled QuadLines
    carries its N-Quads as one bytes object: a worker process builds them, and the process that
    writes the store unpickles them almost for free (tens of thousands of strings cost more)
    and hands them to the bulk loader as they are.
    """

    __slots__ = ("graph", "_lines", "_nquads", "_count", "_quads")

    def __init__(self, graph: NamedNode, lines: tuple[str, ...]) -> None:
        self.graph = graph
        self._lines: tuple[str, ...] | None = lines
        self._nquads: bytes | None = None
        self._count = len(lines)
        self._quads: tuple[Quad, ...] | None = None

    @classmethod
    def from_nquads(cls, graph: NamedNode, nquads: bytes, count: int) -> QuadLines:
        """Return the QuadLines whose `nquads()` is `nquads` ('<s> <p> <o> <graph> .' lines)."""
        self = cls.__new__(cls)
        self.graph = graph
        self._lines = None
        self._nquads = nquads
        self._count = count
        self._quads = None
        return self

    @property
    def lines(self) -> tuple[str, ...]:
        """The N-Triples lines ('<s> <p> <o> .'), sorted."""
        if self._lines is None:
            # Each N-Quads line ends with ' <graph> .' and a line feed, which no term holds
            # (N-Triples escapes it; not str.splitlines: U+2028 and U+0085 stay unescaped).
            text = (self._nquads or b"").decode().replace(f" {self.graph} .\n", " .\n")
            self._lines = tuple(text.split("\n")[:-1])
        return self._lines

    def nquads(self) -> bytes:
        """Return the quads as N-Quads text, one line per quad, in the order of `lines`."""
        if self._nquads is None:
            tail = f" {self.graph} .\n"
            # An N-Triples line is '<s> <p> <o> .': the graph name goes before the final dot.
            body = tail.join([line[:-2] for line in self.lines])
            self._nquads = (body + tail).encode() if self.lines else b""
        return self._nquads

    def _parsed(self) -> tuple[Quad, ...]:
        if self._quads is None:
            self._quads = tuple(parse(self.nquads(), format=RdfFormat.N_QUADS))
        return self._quads

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Quad: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Quad, ...]: ...
    def __getitem__(self, index: int | slice) -> Quad | tuple[Quad, ...]:
        return self._parsed()[index]

    def __iter__(self) -> Iterator[Quad]:
        return iter(self._parsed())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QuadLines):
            return self.graph == other.graph and self.lines == other.lines
        if isinstance(other, (tuple, list)):
            return list(self._parsed()) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.graph.value, self.lines))

    def __reduce__(self) -> tuple[Callable[..., QuadLines], tuple[NamedNode, bytes, int]]:
        return (QuadLines.from_nquads, (self.graph, self.nquads(), self._count))

    def __repr__(self) -> str:
        return f"QuadLines({self.graph}, {self._count} lines)"


@dataclass(frozen=True)
class DocumentGraph:
    """One document's quads, all in the named graph `graph`; `iri` is the document node."""

    document: PolicyDocument
    iri: NamedNode
    graph: NamedNode
    quads: Sequence[Quad]  # a QuadLines from build_document_graph


def build_document_graph(path: Path | str, extractor: str | None = None) -> DocumentGraph:
    """Read, structure and extract one file; return its named graph.

    Raises:
        DocumentError: the file cannot be read as a policy document (message names the file).
    """
    # Imported here so that reading a single module (e.g. loaders.documents) stays light.
    from loaders.extract import EXTRACTOR, EXTRACTORS
    from loaders.extract.rdf import body_terms, extraction_line_dict
    from loaders.identifiers import document_iri, graph_iri
    from loaders.read import read_document
    from loaders.to_rdf import document_lines

    name = extractor or EXTRACTOR
    if name not in EXTRACTORS:
        raise LookupError(f"no extractor {name!r}. Available: {', '.join(EXTRACTORS)}")
    doc = read_document(Path(path))
    extraction = EXTRACTORS[name](doc)
    lines = extraction_line_dict(doc, extraction)
    lines.update(dict.fromkeys(document_lines(doc, name, body_terms(extraction))))
    # Sorted and de-duplicated: the same file always gives the same quads in the same order
    # (an Extraction's own order depends on set iteration, so it cannot stand in).
    # UTF-8 keeps code point order, and bytes compare faster than mixed-width str.
    graph = graph_iri(doc.doc_id)
    unique = QuadLines(graph, tuple(sorted(lines, key=str.encode)))
    return DocumentGraph(doc, document_iri(doc.doc_id), graph, unique)


__all__ = ["DocumentError", "DocumentGraph", "PolicyDocument", "QuadLines", "build_document_graph"]
