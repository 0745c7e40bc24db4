"""Short forms of schools and groups resolved across the documents of one jurisdiction.

Extraction resolves a short form to the full name the same document writes (青田实小 →
青田实验小学, loaders/extract/aliases.py). When one document of 鹿城区 writes only 青田实小 and
another writes 青田实验小学, the two documents give two entities with two IRIs: a place-less
name is keyed by its document's jurisdiction and name (docs/decisions.md, IRI patterns), and
extraction must stay one document at a time. This module links them on the store side:

    <short> owl:sameAs <full> .
    <full> skos:altLabel "青田实小"@zh .

each with its provenance in the inferred graph (graph_store/inferred.py), method
"aliases.jurisdiction.v1". Two entities are linked when
- they are of one kind (a school or campus, or an education group), and mentioned by documents
  of one jurisdiction (a document's ekg:jurisdiction);
- the short one's label is an altLabel that documents give to exactly one entity of that kind
  there (the short form stated for it), or else is a short form of exactly one other label there
  (loaders.extract.aliases.full_form, the test extraction uses within a document), and the
  full label is the longer;
- no document mentions both: a document that names both and kept them apart is evidence that
  they differ;
- the names do not state different school levels (full_form reads 薛家中学 as an abbreviation
  of 薛家中心小学; a 中学 is not a 小学);
- the short entity is linked to that one full entity in every jurisdiction that links it (an
  IRI keyed by a name with a place is shared by jurisdictions; two answers are no answer).

owl:sameAs rather than a merge: both IRIs stay, and IRIs never change, because researchers cite
them. A researcher who trusts the link follows it (it points from the short entity to the full
one: `?school (owl:sameAs|^owl:sameAs)* ?same`, or a reasoner); one who does not ignores the
inferred graph and sees what each document stated. The altLabel
puts the short form on the full entity, as ANNOTATION.md has it for a short form written in the
same document. Like every inferred link, these are rebuilt from the document graphs after each
ingest and delete, so a link disappears with the last document that supported it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from graph_store.inferred import InferredLink
from graph_store.protocol import GraphStore
from loaders.extract.aliases import full_form
from loaders.extract.areas import AreaContext, area_chain
from loaders.extract.model import GROUP, SCHOOL
from loaders.extract.schools import SUFFIXES
from ontology.namespace import EKG, OWL, SKOS, XSD

METHOD = "aliases.jurisdiction.v1"
# The same confidence as lineage: plausible across documents, not stated in one.
CONFIDENCE = Literal("0.6", datatype=XSD.decimal)  # canonical: the form the store keeps
_SECONDARY = frozenset({"secondary", "junior_secondary", "senior_secondary"})
_KINDS = {
    EKG.School.value: SCHOOL,
    EKG.Campus.value: SCHOOL,
    EKG.EducationGroup.value: GROUP,
    EKG.SchoolDistrict.value: GROUP,
}

# One query per kind of fact, joined in Python: each is a pass over one index, with as few
# columns as it can (at 1 M quads, decoding the rows costs more than finding them). The
# altLabels are read inside the document graphs only: the inferred graph holds the altLabels of
# the last rebuild, which must not feed the next one. No rule writes an rdfs:label there.
_DOCUMENTS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT ?g ?area WHERE { GRAPH ?g { ?document a ekg:Document ; ekg:jurisdiction ?area } }
"""
_AREA_CODES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?area ?code WHERE {
  GRAPH ?g { ?document a ekg:Document ; ekg:jurisdiction ?area . ?area ekg:adminCode ?code }
}
"""
_SCHOOLS_AND_GROUPS = f"""
  {{ SELECT DISTINCT ?entity ?class WHERE {{
      VALUES ?class {{ {" ".join(f"<{iri}>" for iri in _KINDS)} }}
      ?entity a ?class }} }}
"""
_MENTIONED = f"""
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT ?g ?entity WHERE {{ {_SCHOOLS_AND_GROUPS} GRAPH ?g {{ ?document ekg:mentions ?entity }} }}
"""
_LABELS = f"""
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?class ?label WHERE {{ {_SCHOOLS_AND_GROUPS} ?entity rdfs:label ?label }}
"""
_ALT_LABELS = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?alt WHERE {
  GRAPH ?g { ?entity skos:altLabel ?alt } FILTER(?g != <https://w3id.org/edukg/id/graph/inferred>)
}
"""


@dataclass(frozen=True)
class NamedEntity:
    """A school, campus or group as the documents name it.

    Attributes:
        iri: the entity's IRI.
        kind: SCHOOL (schools and campuses) or GROUP (loaders.extract.model).
        label: its rdfs:label (the longest, if documents disagree).
        alt_labels: every skos:altLabel the documents give it.
        documents: the graphs of the documents that mention it.
        areas: the jurisdictions of those documents.
    """

    iri: str
    kind: str
    label: str
    alt_labels: frozenset[str]
    documents: frozenset[str]
    areas: frozenset[str]


def named_entities(store: GraphStore) -> list[NamedEntity]:
    """Return every school, campus and group that a document with a jurisdiction mentions."""
    area_of = {g.value: area.value for g, area in store.select(_DOCUMENTS)}
    kinds: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    for entity, cls, label in store.select(_LABELS):
        kinds.setdefault(entity.value, set()).add(_KINDS[cls.value])
        labels.setdefault(entity.value, set()).add(label.value)
    documents: dict[str, set[str]] = {}
    for g, entity in store.select(_MENTIONED):
        if g.value in area_of:
            documents.setdefault(entity.value, set()).add(g.value)
    alts: dict[str, set[str]] = {}
    for entity, alt in store.select(_ALT_LABELS):
        if entity.value in documents:
            alts.setdefault(entity.value, set()).add(alt.value)
    out = []
    for iri, graphs in documents.items():
        kind = kinds.get(iri, set())
        if len(kind) != 1:  # unlabelled, or a school in one graph and a group in another
            continue
        out.append(
            NamedEntity(
                iri,
                next(iter(kind)),
                min(labels[iri], key=lambda s: (-len(s), s)),
                frozenset(alts.get(iri, ())),
                frozenset(graphs),
                frozenset(area_of[g] for g in graphs),
            )
        )
    return sorted(out, key=lambda e: e.iri)


def area_contexts(store: GraphStore) -> dict[str, AreaContext]:
    """Return each jurisdiction's context for full_form (its GB/T 2260 chain), by area IRI."""
    out: dict[str, AreaContext] = {}
    for area, code in store.select(_AREA_CODES):
        chain = area_chain(code.value)
        if chain:
            out.setdefault(area.value, AreaContext(chain, frozenset()))
    return out


def short_forms(
    entities: list[NamedEntity], context: AreaContext | None = None
) -> list[tuple[NamedEntity, NamedEntity]]:
    """Return (short, full) for the entities of one jurisdiction whose label is a short form.

    `entities` are those its documents mention; a short form is matched among those of its
    kind only (see the module docstring for the tests).
    """
    pairs = []
    by_kind: dict[str, list[NamedEntity]] = {}
    for entity in entities:
        by_kind.setdefault(entity.kind, []).append(entity)
    for kind, members in sorted(by_kind.items()):
        by_label: dict[str, list[NamedEntity]] = {}
        by_alt: dict[str, list[NamedEntity]] = {}
        for entity in members:
            by_label.setdefault(entity.label, []).append(entity)
            for alt in entity.alt_labels:
                by_alt.setdefault(alt, []).append(entity)
        with_char = _labels_by_character(by_label)
        for entity in members:
            full = _stated_full(entity, by_alt)
            if full is None:
                options = _containing(entity.label, with_char)
                name = full_form(kind, entity.label, options, context)
                full = _only(entity, by_label.get(name, []) if name else [])
            if (
                full is not None
                and not entity.documents & full.documents
                and same_level(entity.label, full.label)
            ):
                pairs.append((entity, full))
    return pairs


def school_level(name: str) -> str | None:
    """Return the school level a name's suffix states (ekg:schoolLevel values), or None.

    >>> school_level("薛家中心小学"), school_level("温州市瓯海高级中学"), school_level("桥小")
    ('primary', 'senior_secondary', None)
    """
    suffix = max((s for s in SUFFIXES if name.endswith(s)), key=len, default=None)
    return SUFFIXES[suffix] if suffix else None


def same_level(short: str, full: str) -> bool:
    """Return False when two names state different school levels (a 中学 is not a 小学).

    full_form reads 薛家中学 as an abbreviation of 薛家中心小学 (薛家中…学); across documents,
    where nothing else tells them apart, the suffixes do. 中学 may stand for 初级中学 or 高级中学.

    >>> same_level("薛家中学", "薛家中心小学"), same_level("瓯江中学", "温州市瓯江高级中学")
    (False, True)
    >>> same_level("桥小", "桥头街小学")
    True
    """
    a, b = school_level(short), school_level(full)
    return a is None or b is None or a == b or ("secondary" in (a, b) and {a, b} <= _SECONDARY)


def _labels_by_character(labels: Iterable[str]) -> dict[str, set[str]]:
    """Return character → the labels that contain it."""
    out: dict[str, set[str]] = {}
    for label in labels:
        for ch in set(label):
            out.setdefault(ch, set()).add(label)
    return out


def _containing(name: str, with_char: dict[str, set[str]]) -> frozenset[str]:
    """Return the other labels that contain every character of `name`.

    full_form gives the same answer on these as on all labels, and a jurisdiction's hundreds of
    names are not each tried against every other: a full name it returns holds each character
    of the short one (温州市瓯江中学 ⊇ 瓯江中学, 桥头街小学 ⊇ 桥小, 青田县实验小学 ⊇ 青田实小;
    checked on a 250-document synthetic store, 2 304 pairs either way).

    >>> index = _labels_by_character(["桥头街小学", "觅渡溪小学", "桥小"])
    >>> sorted(_containing("桥小", index))
    ['桥头街小学']
    """
    sets = sorted((with_char.get(ch, set()) for ch in set(name)), key=len)
    return frozenset(set.intersection(*sets) - {name}) if sets else frozenset()


def _stated_full(entity: NamedEntity, by_alt: dict[str, list[NamedEntity]]) -> NamedEntity | None:
    """Return the one other entity that documents give `entity`'s label as an altLabel."""
    return _only(entity, by_alt.get(entity.label, []))


def _only(entity: NamedEntity, options: list[NamedEntity]) -> NamedEntity | None:
    """Return the one option that is not `entity` and has a longer label, else None."""
    found = {o.iri: o for o in options if o.iri != entity.iri}
    if len(found) != 1:
        return None
    full = next(iter(found.values()))
    return full if len(full.label) > len(entity.label) else None


def alias_links(
    entities: list[NamedEntity], contexts: dict[str, AreaContext] | None = None
) -> list[InferredLink]:
    """Return short owl:sameAs full and full skos:altLabel "short"@zh, for every jurisdiction."""
    by_area: dict[str, list[NamedEntity]] = {}
    for entity in entities:
        for area in entity.areas:
            by_area.setdefault(area, []).append(entity)
    fulls: dict[str, dict[str, NamedEntity]] = {}
    shorts: dict[str, NamedEntity] = {}
    for area, members in sorted(by_area.items()):
        for short, full in short_forms(members, (contexts or {}).get(area)):
            fulls.setdefault(short.iri, {})[full.iri] = full
            shorts[short.iri] = short
    links = []
    for iri, options in sorted(fulls.items()):
        if len(options) != 1:
            continue  # linked to different entities in different jurisdictions
        short, full = shorts[iri], next(iter(options.values()))
        links += _pair_links(short, full)
    return links


def _pair_links(short: NamedEntity, full: NamedEntity) -> Iterable[InferredLink]:
    s, f = NamedNode(short.iri), NamedNode(full.iri)
    yield InferredLink(s, OWL.sameAs, f, METHOD, CONFIDENCE)
    if short.label not in full.alt_labels:  # else a document states it already
        yield InferredLink(
            f, SKOS.altLabel, Literal(short.label, language="zh"), METHOD, CONFIDENCE
        )


def jurisdiction_alias_links(store: GraphStore) -> list[InferredLink]:
    """Return the alias links among the schools and groups the store's documents mention."""
    return alias_links(named_entities(store), area_contexts(store))
