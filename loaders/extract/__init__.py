"""Entity and relation extraction: PolicyDocument → Extraction.

`extract(doc)` runs the rule modules (areas, organisations, schools, groups, programmes,
people, targets, citations), resolves their candidates into entities with canonical keys
(resolve.py) and links them (relations.py). EXTRACTORS is the extension point: a new extractor
is one function and one entry; its name is recorded in each document graph (ekg:extractor).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from loaders.documents import PolicyDocument
from loaders.extract.areas import area_context, find_areas
from loaders.extract.citations import find_citations
from loaders.extract.concepts import concept_for
from loaders.extract.groups import find_groups
from loaders.extract.model import (
    GROUP,
    PROGRAM,
    Candidate,
    Citation,
    Entity,
    Extraction,
    Mention,
    Relation,
    Target,
)
from loaders.extract.organizations import find_organizations
from loaders.extract.people import find_people
from loaders.extract.programs import (
    find_programme_parts,
    find_programs,
    programme_jurisdiction,
    with_programme_scope,
)
from loaders.extract.relations import find_relations
from loaders.extract.resolve import context_code, resolve_entities
from loaders.extract.schools import drop_nested, find_schools
from loaders.extract.sentences import Sentence, split_sentences
from loaders.extract.targets import find_targets

EXTRACTOR = "rules.v1"
# Metadata fields whose values are organisations (发文机关, 主送, 抄送, 主办/承办单位, 版权所有).
_METADATA_BODIES = (
    "issuer",
    "issuer_full",
    "recipients",
    "copied_to",
    "printed_by",
    "site_publisher",
    "site_operator",
    "site_owner",
)

__all__ = [
    "EXTRACTOR",
    "EXTRACTORS",
    "Entity",
    "Extraction",
    "Mention",
    "Relation",
    "Target",
    "Citation",
    "extract",
]


def _document_year(doc: PolicyDocument) -> int | None:
    meta = doc.metadata
    if meta.year:
        return meta.year
    for value in (meta.date, meta.written_on, meta.published_on):
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def _metadata_spans(doc: PolicyDocument) -> list[tuple[int, int]]:
    spans = []
    for name, span in sorted(doc.metadata.evidence.items()):
        if name.split("[")[0] in _METADATA_BODIES or name.startswith(_METADATA_BODIES):
            spans.append((span.start, span.end))
    return spans


def _with_concepts(candidates: list[Candidate]) -> list[Candidate]:
    out = []
    families: dict[str, object] = {}
    for c in candidates:
        if c.kind == PROGRAM:
            if c.name not in families:
                families[c.name] = concept_for(c.name)
            family = families[c.name]
            if family is not None:
                c = c.with_attrs((("concept", family.iri),))
        out.append(c)
    return out


def extract(doc: PolicyDocument) -> Extraction:
    """Return the entities, mentions, relations, targets and citations of one document.

    Args:
        doc: a read document (offsets refer to doc.text; matching uses doc.norm).

    Returns:
        An Extraction; the same document always gives an equal Extraction.
    """
    sentences = split_sentences(doc)
    spans = [(s.start, s.end) for s in sentences]
    starts = [s.start for s in sentences]
    context = area_context(doc)
    year = _document_year(doc)
    text = doc.norm
    meta_spans = [s for s in _metadata_spans(doc) if not _in_sentence(sentences, starts, s[0])]
    candidates: list[Candidate] = []
    candidates += find_areas(doc, context)
    candidates += find_organizations(text, spans + meta_spans, context)
    groups = find_groups(text, spans)
    candidates += drop_nested(find_schools(text, spans), [g for g in groups if g.kind == GROUP])
    candidates += groups
    candidates += find_programs(text, spans)
    candidates += find_people(text, spans)
    candidates = _with_concepts(candidates)
    candidates = with_programme_scope(candidates, programme_jurisdiction(doc, context), year)
    # Names are cited from the original text; the matching copy only located them.
    candidates = [_surface_from_original(c, doc.text) for c in candidates]
    entities, mentions = resolve_entities(candidates, sentences, context, year, doc.text)
    mentions = best_mentions(mentions)
    relations = find_relations(entities, mentions, doc.text)
    relations += find_programme_parts(entities, mentions)
    mention_at = {(m.start, m.end): m for m in mentions}
    targets = []
    for phrase, indicator, value, unit, t_year, start, end in find_targets(text, spans, year):
        mention = mention_at.get((start, end)) or _plain_mention(sentences, starts, doc, start, end)
        area_key = f"area:{context_code(context)}" if context.chain else None
        targets.append(Target(phrase, indicator, value, unit, t_year, area_key, mention))
    citations = tuple(
        Citation(title, _plain_mention(sentences, starts, doc, start, end))
        for title, start, end in find_citations(text, spans)
    )
    return Extraction(
        EXTRACTOR, tuple(entities), tuple(mentions), tuple(relations), tuple(targets), citations
    )


def best_mentions(mentions: list[Mention] | tuple[Mention, ...]) -> list[Mention]:
    """Return one mention per (entity, span): the most confident, then the first method by name.

    Two rules may find the same name at the same place; the graph keeps one Mention node per
    span and entity, so it must carry one method and one confidence.
    """
    best: dict[tuple[str, int, int], Mention] = {}
    for m in mentions:
        key = (m.entity, m.start, m.end)
        kept = best.get(key)
        if kept is None or (-m.confidence, m.method) < (-kept.confidence, kept.method):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.start, m.end, m.entity))


def _surface_from_original(c: Candidate, original: str) -> Candidate:
    if c.kind == PROGRAM:
        return c  # programme names are cleaned of quotes already
    surface = original[c.start : c.end]
    if surface == c.name:
        return c
    return Candidate(
        c.kind, surface, c.start, c.end, c.cls, c.method, c.confidence, c.canonical, c.attrs
    )


def _in_sentence(sentences: list[Sentence], starts: list[int], offset: int) -> bool:
    """Return True when `offset` lies in one of the sentences (sorted and disjoint, so only
    the last one starting at or before it can hold it)."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < sentences[index].end


def _plain_mention(
    sentences: list[Sentence], starts: list[int], doc: PolicyDocument, start: int, end: int
) -> Mention:
    """Return a span mention citing the sentence that contains `start` (sentences are sorted
    and disjoint, so the last one starting at or before `start` is the only candidate)."""
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0 and start < sentences[index].end:
        s = sentences[index]
        return Mention("", s.section, start, end, doc.text[s.start : s.end], "span", 1.0)
    return Mention("", None, start, end, doc.text[start:end], "span", 1.0)


EXTRACTORS: dict[str, Callable[[PolicyDocument], Extraction]] = {EXTRACTOR: extract}
