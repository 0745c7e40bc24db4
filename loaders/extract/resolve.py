"""Canonical names and keys: candidates → entities and mentions.

The key decides the IRI, so it must name the same real thing in every document:
- areas: their GB/T 2260 code;
- bodies: area code + full core (钟楼教文局, 区教育文体局 → 320404:教育文体局);
- schools and groups named with a place (温州市松涛桥小学) by the name; without one (实验小学,
  which exists in many cities) by the document's jurisdiction code + name;
- programmes: jurisdiction code + year + name (a Program is one jurisdiction's, CONTRACT.md).
Short forms within a document are merged: X集团 with X教育集团, a body's abbreviation with its
full name (through the key), a campus name written with parentheses with its plain form.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import replace

from loaders.extract.aliases import alias_forms, group_base, shared_campus_parts
from loaders.extract.areas import AreaContext
from loaders.extract.groups import group_class
from loaders.extract.model import (
    AREA,
    GROUP,
    ORG,
    PARENT_BODY,
    PROGRAM,
    SCHOOL,
    Candidate,
    Entity,
    Mention,
)
from loaders.extract.schools import specific_part
from loaders.extract.sentences import Sentence
from loaders.identifiers import normalise_key
from loaders.normalise import written_characters

# The level characters a body's name opens with when it names its area only by level (区教育局):
# such a name is relative to the document's jurisdiction.
_RELATIVE_LEVELS = frozenset("省市区县镇乡")
_CLASS_RANK = {"Campus": 3, "EducationBureau": 3, "GovernmentBody": 2, "School": 2}


def context_code(context: AreaContext) -> str:
    """Return the code that qualifies place-less names: the jurisdiction's, or 'unknown'."""
    return context.chain[-1].code if context.chain else "unknown"


def candidate_key(c: Candidate, context: AreaContext, year: int | None) -> str:
    """Return the entity key of a candidate (see the module docstring)."""
    attrs = dict(c.attrs)
    name = normalise_key(c.canonical or c.name)
    if c.kind == AREA:
        return attrs.get("code") or f"region:{name}"
    if c.kind == ORG:
        if "zone" in attrs:  # a development zone's body: its abbreviations share the key
            return f"{attrs.get('area', context_code(context))}:{normalise_key(attrs['zone'])}"
        if "area" in attrs:  # the body's own area, written or resolved (珠海市教育局: 珠海市)
            return f"{attrs['area']}:{name}"
        if c.canonical and name[:1] not in _RELATIVE_LEVELS:
            return name  # a national body (教育部, 国务院): one IRI in every document
        # 区教育体育局 with no district resolved: the document's district's, not every one's.
        return f"{context_code(context)}:{name}"
    if c.kind in (SCHOOL, GROUP):
        base = group_base(name) if c.kind == GROUP else name
        _, had_place = specific_part(base, 0)
        return base if had_place else f"{context_code(context)}:{base}"
    if c.kind == PROGRAM:
        return f"{context_code(context)}:{year or ''}:{name}"
    return f"{context_code(context)}:{name}"


def _followed(aliases: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """Return the aliases with chains followed to their end: 七中 → 成都七中 → 成都市第七中学
    (a short form of a short form names the same entity)."""
    out = {}
    for (kind, short), full in aliases.items():
        seen = {short}
        while (kind, full) in aliases and full not in seen:
            seen.add(full)
            full = aliases[(kind, full)]
        out[(kind, short)] = full
    return out


def _aliased(c: Candidate, aliases: dict[tuple[str, str], str]) -> Candidate:
    """Return the candidate named by its full form when it is a short form of one. A body's
    abbreviation and a school's short form are looked up by their resolved name (县人社局 →
    德清县人社局, 洪山六小 → 洪山区第六小学 → 武汉市洪山区第六小学), the others by the name as
    written when they have no resolved name yet."""
    if c.kind == ORG and (ORG, c.canonical or c.name) in aliases:
        return replace(c, canonical=aliases[(ORG, c.canonical or c.name)])
    if c.kind == SCHOOL and c.canonical and (SCHOOL, c.canonical) in aliases:
        return replace(c, canonical=aliases[(SCHOOL, c.canonical)])
    if (c.kind, c.name) in aliases and not c.canonical:
        return replace(c, canonical=aliases[(c.kind, c.name)])
    return c


def _placed_as_named(before: list[Candidate], after: list[Candidate]) -> list[Candidate]:
    """Return `after` (the candidates with their aliases resolved) with each body that no area
    placed, now named by a body another candidate places, placed in that area too: one body,
    one IRI (区教委 read as 朝阳区教委, which 朝阳区 places)."""
    placed = {
        c.canonical or c.name: c.attrs for c in after if c.kind == ORG and dict(c.attrs).get("area")
    }
    return [
        replace(c, attrs=placed[c.canonical])
        if c.kind == ORG
        and not old.attrs
        and c.canonical != old.canonical
        and c.canonical in placed
        else c
        for old, c in zip(before, after, strict=True)
    ]


def resolve_entities(
    candidates: list[Candidate],
    sentences: list[Sentence],
    context: AreaContext,
    year: int | None,
    text: str,
    norm: str | None = None,
    written: Mapping[str, str] | None = None,
) -> tuple[list[Entity], list[Mention]]:
    """Return entities (sorted by key) and their mentions (sorted by offset) for one document.

    Args:
        text: the document's text, which mentions quote.
        norm: the matching copy the candidates were named from (default: `text`).
        written: a candidate name → how `text` writes it, where that differs (traditional
            characters): labels are given as written, keys from the names.
    """
    norm = text if norm is None else norm
    written = written or {}
    script = written_characters(text, norm)
    starts = [s.start for s in sentences]
    shared = shared_campus_parts(candidates)
    if shared:
        candidates = [c for c in candidates if c.kind != SCHOOL or c.name not in shared]
    aliases, bare = alias_forms(candidates, context, norm)
    if aliases:
        aliases = _followed(aliases)
        candidates = _placed_as_named(candidates, [_aliased(c, aliases) for c in candidates])
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.kind, candidate_key(c, context, year)), []).append(c)
    entities: list[Entity] = []
    # (start, end, entity, method, confidence) of each distinct mention: the sentence, hence
    # quote and section, follows from the start, so these tell two Mentions apart.
    found: set[tuple[int, int, str, str, float]] = set()
    for (kind, key), members in sorted(groups.items()):
        if all(m.method == PARENT_BODY for m in members):
            continue  # a sub-unit's parent named nowhere else: no entity (ANNOTATION.md)
        full_key = f"{kind}:{key}"
        # A name written as part of a list (红杉、紫荆幼儿园) is not a surface form of its own.
        surfaces = sorted(
            {m.name.strip() for m in members if m.method != "schools.coordinated"},
            key=lambda s: (-len(s), s),
        )
        canonical = sorted({m.canonical for m in members if m.canonical})
        label = canonical[0] if canonical else surfaces[0]
        if kind == GROUP and group_base(label) in norm:
            label = group_base(label)  # X集团 and X教育集团 are one group, labelled as written
        extra = {b for n in (label, *surfaces) for b in bare.get(n, ()) if b in norm}
        # A label no sentence writes (a canonical 某县委) in the characters the page writes; an
        # area keeps the gazetteer's standard name (the written form is its altLabel).
        label = written.get(label) or (label if kind == AREA else label.translate(script))
        alts = tuple(sorted({written.get(n, n) for n in (*surfaces, *extra)} - {label}))
        cls = (
            group_class(label)
            if kind == GROUP
            else max((m.cls for m in members), key=lambda k: (_CLASS_RANK.get(k, 1), k))
        )
        attrs = sorted({a for m in members for a in m.attrs if a[0] != "area"})
        area_attr = sorted({a for m in members for a in m.attrs if a[0] == "area"})
        entities.append(Entity(kind, full_key, label, alts, cls, tuple(attrs + area_attr)))
        found.update(
            (m.start, m.end, full_key, m.method, m.confidence)
            for m in members
            if m.method != PARENT_BODY
        )
    mentions = []
    for start, end, entity, method, confidence in sorted(found):
        index = bisect.bisect_right(starts, start) - 1
        if index >= 0 and sentences[index].start <= start < sentences[index].end:
            sentence = sentences[index]
            quote, section = text[sentence.start : sentence.end], sentence.section
        else:
            quote, section = text[start:end], None
        mentions.append(Mention(entity, section, start, end, quote, method, confidence))
    return entities, mentions
