"""The values extraction produces: Entity, Mention, Relation, Target, Citation, Extraction.

All are frozen dataclasses with tuple fields, so an Extraction is hashable, comparable and
deterministic: the same document always gives an equal Extraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# Entity kinds, as used by identifiers.entity_iri.
ORG, SCHOOL, GROUP, PROGRAM, AREA, PERSON = "org", "school", "group", "program", "area", "person"
# The method of a body read at the start of its sub-unit's name (青禾区教委 in 青禾区教委基教科):
# a written form of a body the document names elsewhere, never a mention or an entity by itself.
PARENT_BODY = "organizations.parent_prefix"


@dataclass(frozen=True)
class Candidate:
    """A surface form found in the text, before resolution into entities.

    Attributes:
        kind: entity kind (org, school, group, program, area, person).
        name: the surface form with quotes removed (as it will be labelled).
        start, end: its span in `PolicyDocument.text`.
        cls: the most specific ekg class name ('EducationBureau', 'Campus' …).
        method: the rule that found it, e.g. 'schools.suffix'.
        confidence: 0..1, how sure the rule is.
        canonical: the resolved full name when the rule knows it (市教育局 → 常州市教育局).
        attrs: extra facts as sorted (name, value) pairs, e.g. (('level', 'primary'),).
    """

    kind: str
    name: str
    start: int
    end: int
    cls: str
    method: str
    confidence: float = 0.8
    canonical: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()

    def with_attrs(self, extra: tuple[tuple[str, str], ...]) -> Candidate:
        """Return the same candidate with `extra` attributes added (sorted, no repeats)."""
        return replace(self, attrs=tuple(sorted(set(self.attrs + extra))))


@dataclass(frozen=True)
class Entity:
    """One resolved real-world thing: its key decides its IRI.

    Attributes:
        kind: entity kind, the first segment of its IRI.
        key: canonical key (normalised name, qualified by jurisdiction when ambiguous).
        label: canonical name (rdfs:label @zh).
        alt_labels: every other surface form seen, sorted.
        cls: most specific ekg class name.
        attrs: sorted (name, value) pairs: adminCode, level, jurisdiction, year, concept, role …
    """

    kind: str
    key: str
    label: str
    alt_labels: tuple[str, ...]
    cls: str
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, name: str) -> str | None:
        """Return the first value of attribute `name`, or None."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Mention:
    """Where an entity (or a relation) was found: section, offsets and the sentence."""

    entity: str  # the entity key (kind-qualified, see Extraction.entity_index)
    section: str | None
    start: int
    end: int
    quote: str
    method: str
    confidence: float


@dataclass(frozen=True)
class Relation:
    """A typed link between two entity keys, with the mention that evidences it."""

    subject: str
    predicate: str  # an ekg property name: memberOf, campusOf, leads, partOf …
    object: str
    evidence: Mention
    method: str


@dataclass(frozen=True)
class Target:
    """A quantitative commitment or result, e.g. 新增学位1575个 → 1575 个."""

    text: str  # the phrase as written
    indicator: str
    value: str  # decimal as a string, so it stays exact (800万元 → '8000000')
    unit: str
    year: int | None
    jurisdiction: str | None  # area entity key
    mention: Mention


@dataclass(frozen=True)
class Citation:
    """A document cited by title in 《》 (the title without the brackets)."""

    title: str
    mention: Mention


@dataclass(frozen=True)
class Extraction:
    """Everything one extractor found in one document."""

    extractor: str
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    targets: tuple[Target, ...] = ()
    citations: tuple[Citation, ...] = field(default=())

    def entity_index(self) -> dict[str, Entity]:
        """Return entities by key."""
        return {e.key: e for e in self.entities}
