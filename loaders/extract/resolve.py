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
import re
from dataclasses import replace

from loaders.extract.areas import AreaContext
from loaders.extract.gazetteer import leading_place
from loaders.extract.model import AREA, GROUP, ORG, PROGRAM, SCHOOL, Candidate, Entity, Mention
from loaders.extract.schools import specific_part
from loaders.extract.sentences import Sentence
from loaders.identifiers import normalise_key

# Shorthand of numbered and experimental schools: X一中 = X第一中学, X实小 = X实验小学.
_SHORT_NUMBERED = re.compile(r"(.{2,5}?)([一二三四五六七八九十]{1,3})中")
_SHORT_EXPERIMENTAL = re.compile(r"(.{2,5}?)实小")
# A short form the document defines: F(以下简称S) / F(简称“S”).
_DEFINED = re.compile(r"[(（](?:以下)?简称[“\"]?([\u4e00-\u9fff]{2,8})[”\"]?[)）]")
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
        if "area" in attrs and c.canonical:
            return f"{attrs['area']}:{normalise_key(c.canonical)}"
        if c.canonical:
            return name
        return f"{context_code(context)}:{name}"
    if c.kind in (SCHOOL, GROUP):
        base = _group_base(name) if c.kind == GROUP else name
        _, had_place = specific_part(base, 0)
        return base if had_place else f"{context_code(context)}:{base}"
    if c.kind == PROGRAM:
        return f"{context_code(context)}:{year or ''}:{name}"
    return f"{context_code(context)}:{name}"


def _group_base(name: str) -> str:
    # X集团 and X教育集团 are one group; the key uses the full form.
    if name.endswith("集团") and not name.endswith("教育集团"):
        return name[:-2] + "教育集团"
    return name


def _place_prefixed_forms(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (kind, short name) → full name for schools and groups written both ways.

    运河中学 is 扬州市运河中学 when the document writes the latter: the full name is the short one
    with a place before it (a full or short area name, 扬州市 / 杭州市余杭区), or with the level
    character resolved (市第三小学 → 盐城市第三小学). Only a unique full name is used.
    """
    from loaders.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    full: dict[str, set[str]] = {}
    names = {(c.kind, c.name) for c in candidates if c.kind in (SCHOOL, GROUP)}
    for kind, name in names:
        _, had_place = specific_part(name, 0)
        if had_place:
            full.setdefault(kind, set()).add(name)
    out: dict[tuple[str, str], str] = {}
    for kind, name in names:
        if len(name) < 4:
            continue
        options = []
        for longer in full.get(kind, ()):
            if longer == name or not longer.endswith(name):
                continue
            prefix = longer[: len(longer) - len(name)]
            if name[0] in "市区县" and prefix + name[0] in gaz.by_name:
                options.append(longer)
                continue
            body, had_place = specific_part(prefix + "校", 1)
            if had_place and not body:
                options.append(longer)
        if len(options) == 1:
            out[(kind, name)] = options[0]
    return out


def _shorthand_forms(
    candidates: list[Candidate], context: AreaContext, text: str
) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """Return (kind, short name) → full name for shorthand the document resolves, and
    full name → bare abbreviations to record as its alternative labels.

    - X一中 / X实小 is X第一中学 / X实验小学 (X市第一中学 …) when the document writes that full
      form, or when X is a city or county: then its full name (南京 → 南京市第一中学);
    - a short form the document defines, F(以下简称S), stands for F, also as the first part of
      a longer name (S教育集团 = F教育集团);
    - an initialism S of a school F the document writes (南京外国语学校 → 南外: the place's
      first character and the first of the specific part), used as the start of other names.
    """
    from loaders.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    written: dict[str, set[str]] = {}
    for c in candidates:
        if c.kind in (SCHOOL, GROUP):
            written.setdefault(c.kind, set()).add(c.canonical or c.name)
    schools = written.get(SCHOOL, set())
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind != SCHOOL or c.canonical or (c.kind, c.name) in out:
            continue
        full = _expand_short(c.name, schools, gaz, context)
        if full:
            out[(c.kind, c.name)] = full
    prefixes: dict[str, str] = {}
    longest_first: list[str] | None = None
    for match in _DEFINED.finditer(text):
        if longest_first is None:
            longest_first = sorted(schools | written.get(GROUP, set()), key=len, reverse=True)
        full = next((n for n in longest_first if text.endswith(n, 0, match.start())), None)
        if full:
            prefixes[match.group(1)] = full
    for short, full in _initialisms(candidates, schools, gaz).items():
        prefixes.setdefault(short, full)
    bare: dict[str, set[str]] = {}
    for short, full in prefixes.items():
        bare.setdefault(full, set()).add(short)
        for c in candidates:
            if c.kind not in (SCHOOL, GROUP) or c.canonical or not c.name.startswith(short):
                continue
            longer = full + c.name[len(short) :]
            if longer != c.name and longer in written.get(c.kind, set()):
                out[(c.kind, c.name)] = longer
    return out, bare


def _expand_short(name: str, schools: set[str], gaz, context: AreaContext) -> str | None:  # noqa: ANN001
    numbered = _SHORT_NUMBERED.fullmatch(name)
    experimental = _SHORT_EXPERIMENTAL.fullmatch(name)
    if not numbered and not experimental:
        return None
    place = (numbered or experimental).group(1)
    tail = f"第{numbered.group(2)}中学" if numbered else "实验小学"
    options = [f"{place}{level}{tail}" for level in ("", "市", "区", "县")]
    found = [o for o in options if o in schools]
    if len(found) == 1:
        return found[0]
    areas = [
        a
        for a in gaz.by_name.get(place, ()) + gaz.by_alias.get(place, ())
        if a.level in ("city", "county")
    ]
    if len(areas) > 1:
        areas = [a for a in areas if a.code in context.codes] or areas[:0]
    if len(areas) == 1:
        return areas[0].name + tail
    return None


def _initialisms(candidates: list[Candidate], schools: set[str], gaz) -> dict[str, str]:  # noqa: ANN001
    """Return short → full for two-character initialisms of the written full school names."""
    fulls: dict[str, set[str]] = {}
    for full in schools:
        # The first place word (南京 in 南京外国语学校) and the character after it.
        place = leading_place(gaz, full, min(10, len(full) - 2))
        if place:
            fulls.setdefault(full[0] + full[place], set()).add(full)
    # Names that begin with another full name (F河西初级中学) share its initialism: F is meant.
    base = {
        k: {min(v, key=len)} if all(n.startswith(min(v, key=len)) for n in v) else v
        for k, v in fulls.items()
    }
    out = {}
    for c in candidates:
        short = c.name[:2]
        if (
            c.kind in (SCHOOL, GROUP)
            and len(c.name) > 3
            and len(base.get(short, ())) == 1
            and not gaz.by_name.get(short)
            and not gaz.by_alias.get(short)
        ):
            full = next(iter(base[short]))
            if not c.name.startswith(full[:3]):
                out[short] = full
    return out


def resolve_entities(
    candidates: list[Candidate],
    sentences: list[Sentence],
    context: AreaContext,
    year: int | None,
    text: str,
) -> tuple[list[Entity], list[Mention]]:
    """Return entities (sorted by key) and their mentions (sorted by offset) for one document."""
    starts = [s.start for s in sentences]
    aliases = _place_prefixed_forms(candidates)
    short, bare = _shorthand_forms(candidates, context, text)
    aliases = {**short, **aliases}
    if aliases:
        candidates = [
            replace(c, canonical=aliases[(c.kind, c.name)])
            if (c.kind, c.name) in aliases and not c.canonical
            else c
            for c in candidates
        ]
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for c in candidates:
        groups.setdefault((c.kind, candidate_key(c, context, year)), []).append(c)
    entities: list[Entity] = []
    # (start, end, entity, method, confidence) of each distinct mention: the sentence, hence
    # quote and section, follows from the start, so these tell two Mentions apart.
    found: set[tuple[int, int, str, str, float]] = set()
    for (kind, key), members in sorted(groups.items()):
        full_key = f"{kind}:{key}"
        # A name written as part of a list (红杉、紫荆幼儿园) is not a surface form of its own.
        surfaces = sorted(
            {m.name.strip() for m in members if m.method != "schools.coordinated"},
            key=lambda s: (-len(s), s),
        )
        canonical = sorted({m.canonical for m in members if m.canonical})
        label = canonical[0] if canonical else surfaces[0]
        if kind == GROUP:
            label = _group_base(label)
        extra = {b for n in (label, *surfaces) for b in bare.get(n, ()) if b in text}
        alts = tuple(sorted((set(surfaces) | extra) - {label}))
        cls = max((m.cls for m in members), key=lambda k: (_CLASS_RANK.get(k, 1), k))
        attrs = sorted({a for m in members for a in m.attrs if a[0] != "area"})
        area_attr = sorted({a for m in members for a in m.attrs if a[0] == "area"})
        entities.append(Entity(kind, full_key, label, alts, cls, tuple(attrs + area_attr)))
        found.update((m.start, m.end, full_key, m.method, m.confidence) for m in members)
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
