"""PolicyDocument → quads for the document itself: metadata, text and section tree.

Entities, mentions and relations are added by loaders.extract.rdf; both write into the
document's own named graph, graph_iri(doc_id).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from loaders.divisions import Division, area_iri, division_chain, resolve_chain
from loaders.documents import PolicyDocument, Section
from loaders.identifiers import document_iri, entity_iri, graph_iri, section_iri
from ontology.namespace import DCT, EKG, RDF_TYPE, RDFS_LABEL, XSD_BASE

XSD_DATE = NamedNode(XSD_BASE + "date")
XSD_DATETIME = NamedNode(XSD_BASE + "dateTime")
XSD_INTEGER = NamedNode(XSD_BASE + "integer")


def zh(text: str) -> Literal:
    """Return a Chinese-tagged literal."""
    return Literal(text, language="zh")


def integer(value: int) -> Literal:
    """Return an xsd:integer literal."""
    return Literal(str(value), datatype=XSD_INTEGER)


def date_literal(value: str) -> Literal:
    """Return an xsd:date literal from 'YYYY-MM-DD'."""
    return Literal(value, datatype=XSD_DATE)


def organization_iri(name: str) -> NamedNode:
    """Return the IRI of an organisation from its full (resolved) name."""
    return entity_iri("org", name)


def document_quads(doc: PolicyDocument, extractor: str) -> list[Quad]:
    """Return the quads describing `doc` itself, all in its named graph.

    Args:
        doc: the read document.
        extractor: the versioned extractor name recorded as provenance (e.g. 'rules.v1').
    """
    g = graph_iri(doc.doc_id)
    d = document_iri(doc.doc_id)
    meta = doc.metadata
    out: list[Quad] = [
        Quad(d, RDF_TYPE, EKG.Document, g),
        Quad(d, DCT.source, Literal(doc.source), g),
        Quad(d, EKG.text, Literal(doc.text), g),
        Quad(d, EKG.encoding, Literal(doc.encoding), g),
        Quad(d, EKG.contentHash, Literal(doc.content_hash), g),
        Quad(d, EKG.extractor, Literal(extractor), g),
    ]
    if doc.body:
        out.append(Quad(d, EKG.start, integer(doc.body[0].start), g))
        out.append(Quad(d, EKG.end, integer(doc.body[-1].end), g))

    def add(predicate: NamedNode, value: Literal | NamedNode | None) -> None:
        if value is not None:
            out.append(Quad(d, predicate, value, g))

    add(DCT.title, zh(meta.title) if meta.title else None)
    add(EKG.docType, Literal(meta.doc_type) if meta.doc_type else None)
    add(DCT.issued, date_literal(meta.date) if meta.date else None)
    add(DCT.identifier, Literal(meta.doc_number) if meta.doc_number else None)
    add(EKG.indexNumber, Literal(meta.index_number) if meta.index_number else None)
    add(EKG.writtenOn, date_literal(meta.written_on) if meta.written_on else None)
    add(EKG.publishedOn, date_literal(meta.published_on) if meta.published_on else None)
    add(EKG.printedOn, date_literal(meta.printed_on) if meta.printed_on else None)
    add(EKG.validUntil, date_literal(meta.valid_until) if meta.valid_until else None)
    add(EKG.coverageYear, integer(meta.year) if meta.year else None)
    add(EKG.printedBy, zh(meta.printed_by) if meta.printed_by else None)
    add(EKG.sitePublisher, zh(meta.site_publisher) if meta.site_publisher else None)
    add(EKG.siteOperator, zh(meta.site_operator) if meta.site_operator else None)
    for body in meta.recipients:
        add(EKG.recipient, zh(body))
    for body in meta.copied_to:
        add(EKG.copiedTo, zh(body))

    issuer = meta.issuer_full or meta.issuer
    if issuer:
        org = organization_iri(issuer)
        out += [
            Quad(d, EKG.issuedBy, org, g),
            Quad(org, RDF_TYPE, EKG.Organization, g),
            Quad(org, RDFS_LABEL, zh(issuer), g),
        ]
    chain = resolve_chain(meta.jurisdiction_chain)
    if chain:
        out.append(Quad(d, EKG.jurisdiction, area_iri(chain[-1]), g))
        out += area_quads(chain[-1], g)
    out += section_quads(doc)
    return out


def area_quads(division: Division, graph: NamedNode) -> list[Quad]:
    """Return an area's type, label, code and its partOf chain up to the province."""
    out: list[Quad] = []
    chain = division_chain(division)
    for i, area in enumerate(chain):
        iri = area_iri(area)
        out += [
            Quad(iri, RDF_TYPE, EKG.AdministrativeArea, graph),
            Quad(iri, RDFS_LABEL, zh(area.name), graph),
        ]
        if area.code:
            out.append(Quad(iri, EKG.adminCode, Literal(area.code), graph))
        if i > 0:
            out.append(Quad(iri, EKG.partOf, area_iri(chain[i - 1]), graph))
    return out


def section_quads(doc: PolicyDocument) -> list[Quad]:
    """Return the section tree: Document hasSection top sections, sections nest by hasSection."""
    g = graph_iri(doc.doc_id)
    d = document_iri(doc.doc_id)
    out: list[Quad] = []

    def visit(section: Section, parent: NamedNode, order: int) -> None:
        s = section_iri(doc.doc_id, section.path)
        label = (section.number + section.heading).strip() or section.path
        out.extend(
            [
                Quad(parent, EKG.hasSection, s, g),
                Quad(s, RDF_TYPE, EKG.Section, g),
                Quad(s, EKG.sectionOf, d, g),
                Quad(s, RDFS_LABEL, zh(label), g),
                Quad(s, EKG.order, integer(order), g),
                Quad(s, EKG.level, integer(section.level), g),
                Quad(s, EKG.start, integer(section.start), g),
                Quad(s, EKG.end, integer(section.end), g),
                Quad(s, EKG.kind, Literal(section.kind), g),
            ]
        )
        if section.number:
            out.append(Quad(s, EKG.sectionNumber, zh(section.number), g))
        if section.heading:
            out.append(Quad(s, EKG.heading, zh(section.heading), g))
        if section.kind in ("question", "answer"):
            out.append(Quad(s, EKG.turnRole, Literal(section.kind), g))
        if section.timestamp:
            out.append(Quad(s, EKG.timestamp, Literal(section.timestamp, datatype=XSD_DATETIME), g))
        if section.speaker:
            out.append(Quad(s, EKG.speaker, zh(section.speaker), g))
        for i, child in enumerate(section.children, 1):
            visit(child, s, i)

    for i, section in enumerate(doc.sections, 1):
        visit(section, d, i)
    return out
