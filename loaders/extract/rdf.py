"""Extraction → quads in the document's named graph.

Every entity: rdf:type (most specific class), rdfs:label @zh, skos:altLabel @zh, and the
document ekg:mentions it; every mention is an ekg:Mention node (ekg:inDocument, ekg:inSection,
ekg:refersTo, ekg:quote, ekg:start, ekg:end, ekg:method, ekg:confidence).

Relation provenance (a choice that works on every SPARQL 1.1 backend, without RDF-star): the
relation is asserted as a plain triple `s p o`, and its evidence is an ekg:Mention node that
ekg:refersTo the subject and carries the statement with the standard reification properties
rdf:subject, rdf:predicate, rdf:object. So the evidence of a triple is
    ?m rdf:subject ?s ; rdf:predicate ekg:memberOf ; rdf:object ?o ; ekg:quote ?sentence .

Speed: a document gives a few thousand triples, and building pyoxigraph terms is the costly
part (a Quad holding a Literal costs microseconds). So triples are collected as plain strings
— (subject IRI, predicate IRI, object) where the object is (0, IRI, '') or (1, lexical form,
language or datatype) — de-duplicated and sorted as strings, and each distinct term is built
once. The order is deterministic: by subject, predicate, then object.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pyoxigraph import Literal, NamedNode, Quad

from loaders.documents import PolicyDocument
from loaders.extract.areas import area_chain
from loaders.extract.model import AREA, Entity, Extraction, Mention
from loaders.identifiers import (
    ENTITY_KINDS,
    document_iri,
    graph_iri,
    normalise_key,
    section_iri,
    short_hash,
)
from ontology.namespace import DCT, EKG, EKGID_BASE, RDF_TYPE, RDF_VALUE, RDFS_LABEL, SKOS, XSD

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (RDF + n for n in ("subject", "predicate", "object"))
_TYPE, _VALUE, _LABEL, _ALT = RDF_TYPE.value, RDF_VALUE.value, RDFS_LABEL.value, SKOS.altLabel.value
_INTEGER, _DECIMAL = XSD.integer.value, XSD.decimal.value
_ZH = "@zh"
_SPACE = re.compile(r"\s+")
_QUOTES = {ord(q): None for q in "“”\"'‘’「」『』"}

Obj = tuple[int, str, str]  # (0, IRI, '') or (1, lexical form, '@zh' | datatype IRI | '')
Add = Callable[[str, str, Obj], None]


def _p(name: str) -> str:
    return EKG[name].value


def _iri(value: str) -> Obj:
    return (0, value, "")


def _zh(text: str) -> Obj:
    return (1, text, _ZH)


def _int(value: int) -> Obj:
    return (1, str(value), _INTEGER)


def _dec(value: float | str) -> Obj:
    return (1, value if isinstance(value, str) else f"{value:.2f}", _DECIMAL)


def entity_iri_value(kind: str, key: str) -> str:
    """Return the IRI string identifiers.entity_iri(kind, key) gives, without building a node.

    >>> from loaders.identifiers import entity_iri
    >>> entity_iri_value("school", " 城东小学") == entity_iri("school", "城东小学").value
    True
    """
    if kind not in ENTITY_KINDS:
        return entity_iri_value_checked(kind, key)
    if not unicodedata.is_normalized("NFKC", key):
        key = unicodedata.normalize("NFKC", key)
    key = _SPACE.sub("", key).translate(_QUOTES)
    return f"{EKGID_BASE}{kind}/{short_hash(kind + ':' + key)}"


def entity_iri_value_checked(kind: str, key: str) -> str:
    """Raise the error identifiers.entity_iri raises for an unknown kind."""
    from loaders.identifiers import entity_iri

    return entity_iri(kind, key).value


def entity_node(key: str) -> NamedNode:
    """Return the IRI of the entity with the kind-qualified `key` ('school:…', 'area:320404')."""
    kind, _, rest = key.partition(":")
    return NamedNode(entity_iri_value(kind, rest))


class _Terms:
    """Per-document caches: entity IRIs by key, and the pyoxigraph term of each object."""

    def __init__(self) -> None:
        self.entities: dict[str, str] = {}
        self.nodes: dict[str, NamedNode] = {}
        self.objects: dict[Obj, NamedNode | Literal] = {}

    def entity(self, key: str) -> str:
        value = self.entities.get(key)
        if value is None:
            kind, _, rest = key.partition(":")
            value = self.entities[key] = entity_iri_value(kind, rest)
        return value

    def node(self, value: str) -> NamedNode:
        term = self.nodes.get(value)
        if term is None:
            term = self.nodes[value] = NamedNode(value)
        return term

    def object(self, obj: Obj) -> NamedNode | Literal:
        term = self.objects.get(obj)
        if term is None:
            kind, value, tag = obj
            if kind == 0:
                term = self.node(value)
            elif tag == _ZH:
                term = Literal(value, language="zh")
            elif tag:
                term = Literal(value, datatype=self.node(tag))
            else:
                term = Literal(value)
            self.objects[obj] = term
        return term


def extraction_quads(doc: PolicyDocument, extraction: Extraction) -> list[Quad]:
    """Return the quads of one document's extraction, sorted, all in graph_iri(doc.doc_id)."""
    graph = graph_iri(doc.doc_id)
    document = document_iri(doc.doc_id).value
    terms = _Terms()
    entity = terms.entity
    triples: set[tuple[str, str, Obj]] = set()
    put = triples.add

    def add(s: str, p: str, o: Obj) -> None:
        put((s, p, o))

    add(document, _p("extractor"), (1, extraction.extractor, ""))
    for item in extraction.entities:
        node = entity(item.key)
        add(node, _TYPE, _iri(_p(item.cls)))
        add(node, _LABEL, _zh(item.label))
        for alt in item.alt_labels:
            add(node, _ALT, _zh(alt))
        for name, value in item.attrs:
            _entity_attr(add, terms, node, item, name, value)
    mentioned = {m.entity for m in extraction.mentions}
    mentions_p = _p("mentions")
    for item in extraction.entities:
        if item.key in mentioned:
            add(document, mentions_p, _iri(entity(item.key)))
        if item.kind == AREA:
            _area_hierarchy(add, terms, item)
    context = _MentionContext(doc, document)
    for mention in extraction.mentions:
        node = terms.entity(f"mention:{doc.doc_id}:{mention.start}:{mention.end}:{mention.entity}")
        _mention(add, context, mention, entity(mention.entity), node)
    for relation in extraction.relations:
        subject, obj = entity(relation.subject), entity(relation.object)
        predicate = _p(relation.predicate)
        add(subject, predicate, _iri(obj))
        ev = relation.evidence
        node = terms.entity(
            f"mention:{doc.doc_id}:{ev.start}:{ev.end}:{relation.subject}:"
            f"{relation.predicate}:{relation.object}"
        )
        evidence = Mention(
            relation.subject,
            ev.section,
            ev.start,
            ev.end,
            ev.quote,
            relation.method,
            ev.confidence,
        )
        _mention(add, context, evidence, subject, node)
        add(node, RDF_SUBJECT, _iri(subject))
        add(node, RDF_PREDICATE, _iri(predicate))
        add(node, RDF_OBJECT, _iri(obj))
    for target in extraction.targets:
        start, end = target.mention.start, target.mention.end
        node = terms.entity(f"target:{doc.doc_id}:{start}:{end}:{target.indicator}")
        add(node, _TYPE, _iri(_p("Target")))
        add(node, _LABEL, _zh(target.text))
        add(node, _VALUE, _dec(target.value))
        add(node, _p("unit"), (1, target.unit, ""))
        add(node, _p("indicator"), _zh(target.indicator))
        add(node, _p("statedIn"), _iri(document))
        if target.year:
            add(node, _p("year"), _int(target.year))
        if target.jurisdiction:
            add(node, _p("jurisdiction"), _iri(entity(target.jurisdiction)))
        mention_node = terms.entity(f"mention:{doc.doc_id}:{start}:{end}:target")
        _mention(add, context, target.mention, node, mention_node)
    for citation in extraction.citations:
        cited = entity_iri_value("doc", normalise_key(citation.title))
        add(cited, _TYPE, _iri(_p("Document")))
        add(cited, DCT.title.value, _zh(citation.title))
        add(document, _p("cites"), _iri(cited))
    node, term = terms.node, terms.object
    return [Quad(node(s), node(p), term(o), graph) for s, p, o in sorted(triples)]


def _entity_attr(add: Add, terms: _Terms, node: str, item: Entity, name: str, value: str) -> None:
    if name == "code" and item.kind == AREA and ":" not in value:
        add(node, _p("adminCode"), (1, value, ""))
    elif name == "level" and item.kind == "school":
        add(node, _p("schoolLevel"), (1, value, ""))
    elif name == "concept":
        add(node, _p("concept"), _iri(value))
    elif name == "jurisdiction":
        add(node, _p("jurisdiction"), _iri(terms.entity(f"area:{value}")))
    elif name == "year":
        add(node, _p("year"), (1, value, _INTEGER))
    elif name == "role":
        add(node, _p("role"), _zh(value))


def _area_hierarchy(add: Add, terms: _Terms, item: Entity) -> None:
    code = item.attr("code")
    chain = area_chain(code) if code else ()
    for child, parent in zip(chain[1:], chain[:-1], strict=False):
        parent_node = terms.entity(f"area:{parent.code}")
        add(terms.entity(f"area:{child.code}"), _p("partOf"), _iri(parent_node))
        add(parent_node, _TYPE, _iri(_p("AdministrativeArea")))
        add(parent_node, _LABEL, _zh(parent.name))
        if ":" not in parent.code:
            add(parent_node, _p("adminCode"), (1, parent.code, ""))


class _MentionContext:
    """What every mention node of one document shares: its document and section IRIs."""

    def __init__(self, doc: PolicyDocument, document: str) -> None:
        self.doc_id = doc.doc_id
        self.document = _iri(document)
        self.sections: dict[str, Obj] = {}

    def section(self, path: str) -> Obj:
        obj = self.sections.get(path)
        if obj is None:
            obj = self.sections[path] = _iri(section_iri(self.doc_id, path).value)
        return obj


_MENTION = (
    _p("Mention"),
    _p("inDocument"),
    _p("inSection"),
    _p("refersTo"),
    _p("quote"),
    _p("start"),
    _p("end"),
    _p("method"),
    _p("confidence"),
)


def _mention(add: Add, context: _MentionContext, mention: Mention, refers: str, node: str) -> None:
    cls, in_document, in_section, refers_to, quote, start, end, method, confidence = _MENTION
    add(node, _TYPE, _iri(cls))
    add(node, in_document, context.document)
    if mention.section:
        add(node, in_section, context.section(mention.section))
    add(node, refers_to, _iri(refers))
    add(node, quote, _zh(mention.quote))
    add(node, start, _int(mention.start))
    add(node, end, _int(mention.end))
    add(node, method, (1, mention.method, ""))
    add(node, confidence, _dec(mention.confidence))
