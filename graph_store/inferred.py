"""The inferred graph: links the store infers across documents, and how each one is written.

Extraction reads one document at a time, so a link that needs two documents is made on the
store side, after ingest: programme lineage (graph_store/lineage.py: ekg:implements,
ekg:continues) and short forms of schools and groups within one jurisdiction
(graph_store/aliases.py: owl:sameAs, skos:altLabel). All of them live in one named graph,
ekgid:graph/inferred, recomputed from the document graphs after every ingest and delete
(graph_store.ingest.rebuild_inferred), so none outlives the documents it came from. Each link
carries its provenance as a reified statement, the same pattern extraction uses for stated
relations:

    ?s rdf:subject ?program ; rdf:predicate ekg:implements ; rdf:object ?city_program ;
       ekg:method "lineage.implements.v1" ; ekg:confidence 0.6 .

So `GRAPH ekgid:graph/inferred { … }` or `ekg:method` tells inferred links from stated ones.
The rules read the document graphs only (never this graph), so a rebuild does not feed on the
links of the last one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from loaders.identifiers import entity_iri
from ontology.namespace import EKG, INFERRED_GRAPH, RDF_TYPE

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_STATEMENT = NamedNode(RDF + "Statement")
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (
    NamedNode(RDF + n) for n in ("subject", "predicate", "object")
)


@dataclass(frozen=True)
class InferredLink:
    """One inferred triple and the rule that made it (`method`, a versioned rule name)."""

    subject: NamedNode
    predicate: NamedNode
    object: NamedNode | Literal
    method: str
    confidence: Literal  # xsd:decimal


def statement_iri(link: InferredLink) -> NamedNode:
    """Return the IRI of a link's reified statement: a hash of subject, predicate, object.

    The predicate enters by its local name, so lineage statements keep the IRIs they had
    before other rules joined them (`<subject> implements <object>`).

    >>> from ontology.namespace import XSD
    >>> a, b = NamedNode("https://w3id.org/edukg/id/a"), NamedNode("https://w3id.org/edukg/id/b")
    >>> link = InferredLink(a, EKG.implements, b, "r", Literal("0.6", datatype=XSD.decimal))
    >>> statement_iri(link) == entity_iri("inference", f"{a.value} implements {b.value}")
    True
    """
    local = link.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return entity_iri("inference", f"{link.subject.value} {local} {link.object.value}")


def link_quads(links: Iterable[InferredLink]) -> list[Quad]:
    """Return each link and its reified provenance, in the inferred graph."""
    out: list[Quad] = []
    for link in links:
        s, p, o = link.subject, link.predicate, link.object
        statement = statement_iri(link)
        out += [
            Quad(s, p, o, INFERRED_GRAPH),
            Quad(statement, RDF_TYPE, RDF_STATEMENT, INFERRED_GRAPH),
            Quad(statement, RDF_SUBJECT, s, INFERRED_GRAPH),
            Quad(statement, RDF_PREDICATE, p, INFERRED_GRAPH),
            Quad(statement, RDF_OBJECT, o, INFERRED_GRAPH),
            Quad(statement, EKG.method, Literal(link.method), INFERRED_GRAPH),
            Quad(statement, EKG.confidence, link.confidence, INFERRED_GRAPH),
        ]
    return out
