"""Extraction → quads in the document's named graph.

Every entity: rdf:type (most specific class), rdfs:label @zh, skos:altLabel @zh, and the
document ekg:mentions it; every mention is an ekg:Mention node (ekg:inDocument, ekg:inSection,
ekg:refersTo, ekg:quote, ekg:start, ekg:end, ekg:method, ekg:confidence).

Relation provenance (a choice that works on every SPARQL 1.1 backend, without RDF-star): the
relation is asserted as a plain triple `s p o`, and its evidence is an ekg:Mention node that
ekg:refersTo the subject and carries the statement with the standard reification properties
rdf:subject, rdf:predicate, rdf:object. So the evidence of a triple is
    ?m rdf:subject ?s ; rdf:predicate ekg:memberOf ; rdf:object ?o ; ekg:quote ?sentence .
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from loaders.documents import PolicyDocument
from loaders.extract.areas import area_chain
from loaders.extract.model import AREA, Entity, Extraction, Mention
from loaders.identifiers import document_iri, entity_iri, graph_iri, normalise_key, section_iri
from ontology.namespace import DCT, EKG, RDF_TYPE, RDF_VALUE, RDFS_LABEL, SKOS, XSD

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (
    NamedNode(RDF + n) for n in ("subject", "predicate", "object")
)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.integer)


def _dec(value: float | str) -> Literal:
    return Literal(str(value) if isinstance(value, str) else f"{value:.2f}", datatype=XSD.decimal)


def entity_node(key: str) -> NamedNode:
    """Return the IRI of the entity with the kind-qualified `key` ('school:…', 'area:320404')."""
    kind, _, rest = key.partition(":")
    return entity_iri(kind, rest)


def extraction_quads(doc: PolicyDocument, extraction: Extraction) -> list[Quad]:
    """Return the quads of one document's extraction, sorted, all in graph_iri(doc.doc_id)."""
    graph = graph_iri(doc.doc_id)
    document = document_iri(doc.doc_id)
    triples: set[tuple] = set()
    add = triples.add
    add((document, EKG.extractor, Literal(extraction.extractor)))
    jurisdiction = None
    for entity in extraction.entities:
        node = entity_node(entity.key)
        add((node, RDF_TYPE, EKG[entity.cls]))
        add((node, RDFS_LABEL, _zh(entity.label)))
        for alt in entity.alt_labels:
            add((node, SKOS.altLabel, _zh(alt)))
        for name, value in entity.attrs:
            _entity_attr(add, node, entity, name, value)
    mentioned = {m.entity for m in extraction.mentions}
    for entity in extraction.entities:
        if entity.key in mentioned:
            add((document, EKG.mentions, entity_node(entity.key)))
        if entity.kind == AREA:
            _area_hierarchy(add, entity)
    for mention in extraction.mentions:
        _mention(add, doc, mention, entity_node(mention.entity))
    for relation in extraction.relations:
        subject, obj = entity_node(relation.subject), entity_node(relation.object)
        predicate = EKG[relation.predicate]
        add((subject, predicate, obj))
        ev = relation.evidence
        node = entity_iri(
            "mention",
            f"{doc.doc_id}:{ev.start}:{ev.end}:{relation.subject}:"
            f"{relation.predicate}:{relation.object}",
        )
        _mention(
            add,
            doc,
            Mention(
                relation.subject,
                ev.section,
                ev.start,
                ev.end,
                ev.quote,
                relation.method,
                ev.confidence,
            ),
            subject,
            node,
        )
        add((node, RDF_SUBJECT, subject))
        add((node, RDF_PREDICATE, predicate))
        add((node, RDF_OBJECT, obj))
    for target in extraction.targets:
        node = entity_iri(
            "target", f"{doc.doc_id}:{target.mention.start}:{target.mention.end}:{target.indicator}"
        )
        add((node, RDF_TYPE, EKG.Target))
        add((node, RDFS_LABEL, _zh(target.text)))
        add((node, RDF_VALUE, _dec(target.value)))
        add((node, EKG.unit, Literal(target.unit)))
        add((node, EKG.indicator, _zh(target.indicator)))
        add((node, EKG.statedIn, document))
        if target.year:
            add((node, EKG.year, Literal(str(target.year), datatype=XSD.gYear)))
        if target.jurisdiction:
            jurisdiction = entity_node(target.jurisdiction)
            add((node, EKG.jurisdiction, jurisdiction))
        _mention(
            add,
            doc,
            target.mention,
            node,
            entity_iri(
                "mention", f"{doc.doc_id}:{target.mention.start}:{target.mention.end}:target"
            ),
        )
    for citation in extraction.citations:
        cited = entity_iri("doc", normalise_key(citation.title))
        add((cited, RDF_TYPE, EKG.Document))
        add((cited, DCT.title, _zh(citation.title)))
        add((document, EKG.cites, cited))
    ordered = sorted(triples, key=lambda t: (t[0].value, t[1].value, str(t[2])))
    return [Quad(s, p, o, graph) for s, p, o in ordered]


def _entity_attr(add, node: NamedNode, entity: Entity, name: str, value: str) -> None:  # noqa: ANN001
    if name == "code" and entity.kind == AREA and ":" not in value:
        add((node, EKG.adminCode, Literal(value)))
    elif name == "level" and entity.kind == "school":
        add((node, EKG.schoolLevel, Literal(value)))
    elif name == "concept":
        add((node, EKG.concept, NamedNode(value)))
    elif name == "jurisdiction":
        add((node, EKG.jurisdiction, entity_node(f"area:{value}")))
    elif name == "year":
        add((node, EKG.year, Literal(value, datatype=XSD.gYear)))
    elif name == "role":
        add((node, EKG.role, _zh(value)))


def _area_hierarchy(add, entity: Entity) -> None:  # noqa: ANN001
    code = entity.attr("code")
    chain = area_chain(code) if code else ()
    for child, parent in zip(chain[1:], chain[:-1], strict=False):
        parent_node = entity_iri("area", parent.code)
        add((entity_iri("area", child.code), EKG.partOf, parent_node))
        add((parent_node, RDF_TYPE, EKG.AdministrativeArea))
        add((parent_node, RDFS_LABEL, _zh(parent.name)))
        if ":" not in parent.code:
            add((parent_node, EKG.adminCode, Literal(parent.code)))


def _mention(
    add,
    doc: PolicyDocument,
    mention: Mention,
    refers: NamedNode,  # noqa: ANN001
    node: NamedNode | None = None,
) -> None:
    if node is None:
        node = entity_iri("mention", f"{doc.doc_id}:{mention.start}:{mention.end}:{mention.entity}")
    add((node, RDF_TYPE, EKG.Mention))
    add((node, EKG.inDocument, document_iri(doc.doc_id)))
    if mention.section:
        add((node, EKG.inSection, section_iri(doc.doc_id, mention.section)))
    add((node, EKG.refersTo, refers))
    add((node, EKG.quote, _zh(mention.quote)))
    add((node, EKG.start, _int(mention.start)))
    add((node, EKG.end, _int(mention.end)))
    add((node, EKG.method, Literal(mention.method)))
    add((node, EKG.confidence, _dec(mention.confidence)))
