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
part (a Quad holding a Literal costs microseconds). So every term is written as N-Triples text
straight away (loaders.to_rdf.nt_iri, nt_literal; entity IRIs are hashes, ASCII by
construction) and each triple becomes one line; the lines are de-duplicated and sorted as
strings. extraction_quads parses them into quads for callers that need objects.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import chain
from operator import itemgetter

from pyoxigraph import NamedNode, Quad

from loaders.documents import PolicyDocument
from loaders.extract.areas import area_chain
from loaders.extract.model import AREA, ORG, Entity, Extraction, Mention
from loaders.identifiers import (
    ENTITY_KINDS,
    document_iri,
    graph_iri,
    normalise_key,
    section_iri,
    short_hash,
)
from loaders.normalise import normalise_text
from loaders.to_rdf import nt_iri, nt_literal, parse_lines
from ontology.namespace import DCT, EKG, EKGID_BASE, RDF_TYPE, RDF_VALUE, RDFS_LABEL, SKOS, XSD

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (f"<{RDF}{n}>" for n in ("subject", "predicate", "object"))
_TYPE, _VALUE, _LABEL, _ALT = str(RDF_TYPE), str(RDF_VALUE), str(RDFS_LABEL), str(SKOS.altLabel)
_INTEGER, _DECIMAL = XSD.integer.value, XSD.decimal.value
_ZH = "@zh"
# identifiers.normalise_key drops white space, then quotes: one pass drops both.
_SPACE_OR_QUOTE = re.compile("[\\s“”\"'‘’「」『』]+")

# Terms below are N-Triples text: '<iri>' or a literal such as '"文本"@zh'.
Add = Callable[[str, str, str], None]
_INT_SUFFIX, _DEC_SUFFIX = f"^^<{_INTEGER}>", f"^^<{_DECIMAL}>"


@cache
def _p(name: str) -> str:
    return str(EKG[name])


def _iri(value: str) -> str:
    return nt_iri(value)


def _zh(text: str) -> str:
    return nt_literal(text, _ZH)


def _plain(text: str) -> str:
    return nt_literal(text)


def _int(value: int | str) -> str:
    return nt_literal(str(value), _INT_SUFFIX)


def _dec(value: float | str) -> str:
    return nt_literal(value if isinstance(value, str) else f"{value:.2f}", _DEC_SUFFIX)


def entity_iri_value(kind: str, key: str) -> str:
    """Return the IRI string identifiers.entity_iri(kind, key) gives, without building a node.

    >>> from loaders.identifiers import entity_iri
    >>> entity_iri_value("school", " 青松小学") == entity_iri("school", "青松小学").value
    True
    """
    if kind not in ENTITY_KINDS:
        return entity_iri_value_checked(kind, key)
    if not unicodedata.is_normalized("NFKC", key):
        key = unicodedata.normalize("NFKC", key)
    key = _SPACE_OR_QUOTE.sub("", key)
    if not unicodedata.is_normalized("NFKC", key):  # as normalise_key: a mark composes anew
        key = _SPACE_OR_QUOTE.sub("", unicodedata.normalize("NFKC", key))
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
    """Per-document cache: the N-Triples IRI ('<…>') of each entity key."""

    def __init__(self) -> None:
        self.entities: dict[str, str] = {}
        self.plain: dict[str, bool] = {}  # entity key → it has no white space and no quote

    def mention(self, head: str, entity: str) -> str:
        """Return node(f"mention:{head}:{entity}"), `head` being ASCII ('doc:start:end').

        An entity key without white space or quotes (nearly all) leaves nothing for
        entity_iri_value's regex to drop from the whole key, so that pass is skipped.
        """
        plain = self.plain.get(entity)
        if plain is None:
            plain = self.plain[entity] = _SPACE_OR_QUOTE.search(entity) is None
        rest = f"{head}:{entity}"
        if not plain or not unicodedata.is_normalized("NFKC", rest):
            return self.node(f"mention:{rest}")
        return f"<{EKGID_BASE}mention/{short_hash('mention:' + rest)}>"

    def entity(self, key: str) -> str:
        term = self.entities.get(key)
        if term is None:
            term = self.entities[key] = _entity_term(key)
        return term

    def node(self, key: str) -> str:
        """Return the IRI of a document-specific node (a mention, a target): never repeated
        across documents, so not worth the cache of _entity_term."""
        kind, _, rest = key.partition(":")
        return f"<{entity_iri_value(kind, rest)}>"


@lru_cache(maxsize=16384)
def _entity_term(key: str) -> str:
    # Entity keys (areas, bodies, schools …) recur from document to document.
    kind, _, rest = key.partition(":")
    return f"<{entity_iri_value(kind, rest)}>"


def extraction_quads(doc: PolicyDocument, extraction: Extraction) -> list[Quad]:
    """Return the quads of one document's extraction, all in graph_iri(doc.doc_id).

    The order is that of extraction_lines.
    """
    return parse_lines(extraction_lines(doc, extraction), graph_iri(doc.doc_id))


def extraction_lines(doc: PolicyDocument, extraction: Extraction) -> list[str]:
    """Return the sorted, distinct N-Triples lines ('<s> <p> <o> .') of one extraction."""
    return sorted(extraction_line_set(doc, extraction))


def extraction_line_set(doc: PolicyDocument, extraction: Extraction) -> set[str]:
    """Return the N-Triples lines of one extraction as a set (extraction_lines, unsorted)."""
    return set(extraction_line_dict(doc, extraction))


def body_terms(extraction: Extraction) -> dict[str, str]:
    """Return the N-Triples IRI of each body the extraction found, by each of its names
    (normalised): the document's issuer is that body, not one of its own (to_rdf). A name two
    bodies share names neither."""
    terms: dict[str, str] = {}
    shared: set[str] = set()
    for item in extraction.entities:
        if item.kind != ORG:
            continue
        term = _entity_term(item.key)
        for name in {normalise_text(n) for n in (item.label, *item.alt_labels)}:
            if terms.setdefault(name, term) != term:
                shared.add(name)
    return {name: term for name, term in terms.items() if name not in shared}


def extraction_line_dict(doc: PolicyDocument, extraction: Extraction) -> dict[str, None]:
    """Return the distinct N-Triples lines of one extraction, as the keys of a dict.

    The order is meant for sorting: the mention nodes' lines (over half of them) come as one
    sorted run, which Timsort takes in linear time.
    """
    return _extraction_triples(doc, extraction, _Terms())


def _extraction_triples(
    doc: PolicyDocument, extraction: Extraction, terms: _Terms
) -> dict[str, None]:
    document = str(document_iri(doc.doc_id))
    entity = terms.entity
    triples: dict[str, None] = {}

    def add(s: str, p: str, o: str) -> None:
        triples[f"{s} {p} {o} ."] = None

    add(document, _p("extractor"), _plain(extraction.extractor))
    for item in extraction.entities:
        node = entity(item.key)
        add(node, _TYPE, _p(item.cls))
        add(node, _LABEL, _zh(item.label))
        for alt in item.alt_labels:
            add(node, _ALT, _zh(alt))
        for name, value in item.attrs:
            _entity_attr(add, terms, node, item, name, value)
    mentioned = {m.entity for m in extraction.mentions}
    mentions_p = _p("mentions")
    for item in extraction.entities:
        if item.key in mentioned:
            add(document, mentions_p, entity(item.key))
        if item.kind == AREA:
            _area_hierarchy(add, terms, item)
    context = _MentionContext(doc, document)
    nodes: list[tuple[str, tuple[str, ...]]] = []  # mention nodes and their lines
    for mention in extraction.mentions:
        node = terms.mention(f"{doc.doc_id}:{mention.start}:{mention.end}", mention.entity)
        nodes.append((node, _mention(context, mention, entity(mention.entity), node)))
    for relation in extraction.relations:
        subject, obj = entity(relation.subject), entity(relation.object)
        predicate = _p(relation.predicate)
        add(subject, predicate, obj)
        ev = relation.evidence
        node = terms.node(
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
        statement = (
            f"{node} {RDF_OBJECT} {obj} .",
            f"{node} {RDF_PREDICATE} {predicate} .",
            f"{node} {RDF_SUBJECT} {subject} .",
        )
        nodes.append((node, statement + _mention(context, evidence, subject, node)))
    for target in extraction.targets:
        start, end = target.mention.start, target.mention.end
        node = terms.node(f"target:{doc.doc_id}:{start}:{end}:{target.indicator}")
        add(node, _TYPE, _p("Target"))
        add(node, _LABEL, _zh(target.text))
        add(node, _VALUE, _dec(target.value))
        add(node, _p("unit"), _plain(target.unit))
        add(node, _p("indicator"), _zh(target.indicator))
        add(node, _p("statedIn"), document)
        if target.year:
            add(node, _p("year"), _int(target.year))
        if target.jurisdiction:
            add(node, _p("jurisdiction"), entity(target.jurisdiction))
        mention_node = terms.node(f"mention:{doc.doc_id}:{start}:{end}:target")
        nodes.append((mention_node, _mention(context, target.mention, node, mention_node)))
    for citation in extraction.citations:
        cited = f"<{entity_iri_value('doc', normalise_key(citation.title))}>"
        add(cited, _TYPE, _p("Document"))
        add(cited, str(DCT.title), _zh(citation.title))
        add(document, _p("cites"), cited)
    # Mention nodes in IRI order, each with its lines in predicate order: all their lines
    # are then in sorted order, one run the final sort merges instead of sorting.
    nodes.sort(key=itemgetter(0))
    triples.update(dict.fromkeys(chain.from_iterable(lines for _, lines in nodes)))
    return triples


def _entity_attr(add: Add, terms: _Terms, node: str, item: Entity, name: str, value: str) -> None:
    if name == "code" and item.kind == AREA and ":" not in value:
        add(node, _p("adminCode"), _plain(value))
    elif name == "level" and item.kind == "school":
        add(node, _p("schoolLevel"), _plain(value))
    elif name == "concept":
        add(node, _p("concept"), _iri(value))
    elif name == "jurisdiction":
        add(node, _p("jurisdiction"), terms.entity(f"area:{value}"))
    elif name == "year":
        add(node, _p("year"), _int(value))
    elif name == "role":
        add(node, _p("role"), _zh(value))


def _area_hierarchy(add: Add, terms: _Terms, item: Entity) -> None:
    code = item.attr("code")
    chain = area_chain(code) if code else ()
    for child, parent in zip(chain[1:], chain[:-1], strict=False):
        parent_node = terms.entity(f"area:{parent.code}")
        add(terms.entity(f"area:{child.code}"), _p("partOf"), parent_node)
        add(parent_node, _TYPE, _p("AdministrativeArea"))
        add(parent_node, _LABEL, _zh(parent.name))
        if ":" not in parent.code:
            add(parent_node, _p("adminCode"), _plain(parent.code))


class _MentionContext:
    """What the mention nodes of one document share: document and section IRIs, quotes."""

    def __init__(self, doc: PolicyDocument, document: str) -> None:
        self.doc_id = doc.doc_id
        self.document = document
        self.sections: dict[str, str] = {}
        self.quotes: dict[str, str] = {}

    def section(self, path: str) -> str:
        term = self.sections.get(path)
        if term is None:
            term = self.sections[path] = str(section_iri(self.doc_id, path))
        return term

    def quote(self, sentence: str) -> str:
        term = self.quotes.get(sentence)
        if term is None:
            term = self.quotes[sentence] = _zh(sentence)
        return term


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


def _mention(context: _MentionContext, mention: Mention, refers: str, node: str) -> tuple[str, ...]:
    """Return the lines of a mention node (nine per mention, the commonest shape in a document
    graph), written out at once and in the sorted order of their predicates (rdf:type, then
    ekg:confidence, end, inDocument, inSection, method, quote, refersTo, start)."""
    cls, in_document, in_section, refers_to, quote, start, end, method, confidence = _MENTION
    section = (
        (f"{node} {in_section} {context.section(mention.section)} .",) if mention.section else ()
    )
    return (
        f"{node} {_TYPE} {cls} .",
        f"{node} {confidence} {_confidence(mention.confidence)} .",
        f'{node} {end} "{mention.end}"{_INT_SUFFIX} .',
        f"{node} {in_document} {context.document} .",
        *section,
        f"{node} {method} {_method(mention.method)} .",
        f"{node} {quote} {context.quote(mention.quote)} .",
        f"{node} {refers_to} {refers} .",
        f'{node} {start} "{mention.start}"{_INT_SUFFIX} .',
    )


@lru_cache(maxsize=1024)
def _method(name: str) -> str:
    # A few dozen rule names and confidences recur on every mention of every document.
    return _plain(name)


@lru_cache(maxsize=1024)
def _confidence(value: float) -> str:
    return _dec(value)
