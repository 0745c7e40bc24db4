"""Administrative areas: provinces, cities, counties/districts, towns and streets, with codes
(ANNOTATION.md, 'areas').

Hits come from the one area finder, loaders.gazetteer.find_area_names; each is then judged by
what it is and where it stands:

* a full name (钟楼区, 广西壮族自治区) is an area wherever it stands; an ambiguous one (鼓楼区) is
  resolved by the areas the document names. So is a short form followed by the level character
  of its area (管城 + 区 for 管城回族区, 大理 + 州), which is how texts write an official name that
  carries an ethnic or an older part.
* a bare short form (常州, 钟楼, 新建) is a place only when it is used as one where it stands
  (place_words: a whole word for jieba, a LOC word for LAC, or the place of a named school or
  body), and a county's short form only in the document's own city, since many repeat across
  the country or are ordinary words. A short form far from the document's province counts only
  as a word of its own, never inside another name (西藏民族中学 in a Jiangsu text).
* towns and streets count only in the document's own county; regions (长三角地区) are not areas;
  nor is a place inside a cited title, which belongs to that title.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from loaders.documents import PolicyDocument
from loaders.extract.model import AREA, Candidate
from loaders.extract.place_words import PlaceQuery, jieba_reading, read_as_places
from loaders.gazetteer import (
    REGIONS,
    Area,
    AreaMatch,
    Gazetteer,
    area_chain,
    find_area_names,
    load_gazetteer,
)

# Bare words that are also the names of a few districts (城区 of 阳泉, 东区 of 攀枝花) but in
# policy texts mean "the urban area", "the east part": areas only in those districts' cities.
GENERIC_PLACE_WORDS = frozenset(
    "城区 东区 西区 南区 北区 中区 新区 郊区 矿区 市区 主城区 老城区 新城区 城关".split()
)
# The level words GB/T 2260 names end with: 管城 + 区 writes 管城回族区, 大理 + 州 大理白族自治州.
LEVEL_CHARACTERS = "省市区县州旗盟"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class AreaContext:
    """The document's own place: its jurisdiction chain and every area it names."""

    chain: tuple[Area, ...]  # province, city, county as far as known
    named: frozenset[str]  # codes of areas named in full or as province/city short forms
    spelled: frozenset[str] = frozenset()  # codes of the areas named in full, and their chains

    def at_level(self, level: str) -> Area | None:
        """Return the context area of `level` ('province', 'city', 'county'), or None."""
        for info in self.chain:
            if info.level == level:
                return info
        return None

    @cached_property  # read for every option of every area match
    def codes(self) -> frozenset[str]:
        """Return the codes of the chain and of every named area."""
        return frozenset(i.code for i in self.chain) | self.named

    @cached_property
    def home(self) -> frozenset[str]:
        """Return the codes whose counties are the document's own: its city and county, or
        its municipality (北京市, whose districts have no city between)."""
        home = {i.code for i in self.chain if i.level in ("city", "county")}
        if self.chain and self.chain[0].code in _municipalities():
            home.add(self.chain[0].code)
        return frozenset(home)

    def reach(self, area: Area, local: bool = False) -> str:
        """Return how far `area` is from the document's own place (place_words.PlaceQuery):
        'own' (its jurisdiction or what encloses it), 'near' (`local`: in its city; or in its
        province; or named in full in it; or any area when the document's place is unknown), or
        'far'.
        """
        if area in self.chain:
            return "own"
        if not self.chain or local or area.codes[0] == self.chain[0].code:
            return "near"
        if area.code in self.spelled:
            return "near"
        return "far"


@lru_cache(maxsize=1)
def _municipalities() -> frozenset[str]:
    """Return the codes of the provinces whose counties hang from them directly (北京市 …)."""
    gaz = load_gazetteer()
    return frozenset(
        a.codes[0] for a in gaz.by_code.values() if a.level == "county" and len(a.codes) == 2
    )


@lru_cache(maxsize=8)
def _matches(doc: PolicyDocument) -> tuple[AreaMatch, ...]:
    """Return the leftmost-longest gazetteer matches in the body (area_context and find_areas
    both read them)."""
    found: list[AreaMatch] = []
    for span in doc.body:
        found += find_area_names(doc.norm, span.start, span.end)
    return tuple(found)


def _chain_from_names(gaz: Gazetteer, names: tuple[str, ...]) -> tuple[Area, ...]:
    chain: list[Area] = []
    for name in names:
        options = gaz.by_name.get(name, ()) + gaz.by_alias.get(name, ())
        options = tuple(o for o in options if o.level != "town") or options
        parent = chain[-1].code if chain else None
        fitting = [o for o in options if parent is None or parent in o.codes]
        if fitting:
            chain.append(fitting[0])
    return tuple(chain)


def area_context(doc: PolicyDocument) -> AreaContext:
    """Return the document's area context: metadata's jurisdiction chain, else the text's.

    Without metadata the most often named county (else city) in full is taken as the
    jurisdiction: a district work plan names its own district far more than any other.
    """
    gaz = load_gazetteer()
    counts: dict[str, int] = {}
    named: set[str] = set()
    spelled: set[str] = set()
    for match in _matches(doc):
        word = match.word
        if match.is_town or match.is_region:
            continue
        infos = gaz.by_name.get(word, ())
        if len(infos) == 1:
            spelled.update(infos[0].codes)
        if not infos:  # a province or city short form names it as clearly as the full name
            infos = tuple(i for i in gaz.by_alias.get(word, ()) if i.level in ("province", "city"))
        if len(infos) == 1:
            named.update(infos[0].codes)
            counts[infos[0].code] = counts.get(infos[0].code, 0) + 1
    chain = _chain_from_names(gaz, tuple(doc.metadata.jurisdiction_chain))
    if not chain and doc.metadata.jurisdiction:
        chain = _chain_from_names(gaz, (doc.metadata.jurisdiction,))
        if chain:
            info = chain[-1]
            chain = tuple(gaz.by_code[c] for c in info.codes if c in gaz.by_code)
    if not chain and counts:
        for level in ("county", "city", "province"):
            ranked = sorted(
                (-n, code) for code, n in counts.items() if gaz.by_code[code].level == level
            )
            if ranked:
                info = gaz.by_code[ranked[0][1]]
                chain = tuple(gaz.by_code[c] for c in info.codes if c in gaz.by_code)
                break
    return AreaContext(chain, frozenset(named), frozenset(spelled))


def _pick(options: tuple[Area, ...], context: AreaContext) -> Area | None:
    """Return the option that fits the context, the only option, or None when unsure."""
    codes = context.codes
    fitting = [o for o in options if any(c in codes for c in o.codes)]
    if fitting:
        return sorted(fitting, key=lambda o: (-sum(c in codes for c in o.codes), o.code))[0]
    if len(options) == 1:
        return options[0]
    return None


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Return True when [start, end) lies in one of the sorted, disjoint `spans` (`starts`:
    their starts): only the last span starting at or before `start` can hold it."""
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and end <= spans[index][1]


@dataclass(frozen=True)
class _Hit:
    """A gazetteer hit resolved to one area, before the evidence that it is used as a place."""

    start: int
    end: int
    area: Area
    method: str
    confidence: float
    query: PlaceQuery | None = None  # set when the hit must still read as a place


def _level_form(match: AreaMatch, norm: str) -> tuple[Area, ...]:
    """Return the areas a short form names with the level character after it (管城 + 区), or ()
    when that character is not their level's or belongs to the next word (江北|区域)."""
    after = norm[match.end : match.end + 1]
    if not after or after not in LEVEL_CHARACTERS:
        return ()
    options = tuple(a for a in match.aliased if a.level != "town" and a.name.endswith(after))
    if options and jieba_reading(norm, match.start, match.end + 1) != "crossing":
        return options
    return ()


def _resolve(
    match: AreaMatch, following: AreaMatch | None, norm: str, context: AreaContext
) -> _Hit | None:
    """Return the area a hit names by the rules of the module docstring, or None.

    `following` is the hit that starts where this one ends, if any (江苏|宿迁).
    """
    start, end, word = match.start, match.end, match.word
    if match.is_region:
        return None  # a region has no code and is no administrative area (ANNOTATION.md)
    if word in GENERIC_PLACE_WORDS:
        own = tuple(a for a in match.named if a.parent_code in context.home)
        return _Hit(start, end, own[0], "areas.full_name", 0.95) if len(own) == 1 else None
    if len(word) == 2 and match.named and not match.is_town:
        before = norm[start - 1 : start]
        if _CJK.match(before) and before not in "省市州":
            home = {i.code for i in context.chain}
            if not any(o.code in home for o in match.named):
                return None  # 示范县: the end of a longer word, not the county 范县
    if match.is_town:
        options = tuple(o for o in match.named if o.parent_code in context.codes)
        info = _pick(options, context) if options else None
        if info is not None:
            return _Hit(start, end, info, "areas.town", 0.8)
        # 高新区 is the name of a few towns and the short form of many zones
        return _short_form(match, following, norm, context)
    if match.named:
        info = _pick(match.named, context)
        if info is None:  # ambiguous and no context: the lowest code, flagged as a guess
            info = min(match.named, key=lambda o: o.code)
            return _Hit(start, end, info, "areas.full_name.guess", 0.5)
        return _Hit(start, end, info, "areas.full_name", 0.95)
    return _short_form(match, following, norm, context)


def _short_form(
    match: AreaMatch, following: AreaMatch | None, norm: str, context: AreaContext
) -> _Hit | None:
    """Resolve a short form (an alias): with its level character, before a place inside its
    area (江苏宿迁, 常州钟楼), or bare (then it must still read as a place: `_Hit.query`)."""
    start, end = match.start, match.end
    written = _level_form(match, norm)
    if written:
        info = _pick(written, context) or min(written, key=lambda o: o.code)
        return _Hit(start, end + 1, info, "areas.short_form.level", 0.9)
    local = tuple(
        o
        for o in match.aliased
        if o.level == "county" and (o.code in context.codes or o.parent_code in context.home)
    )
    broad = tuple(o for o in match.aliased if o.level in ("province", "city"))
    info = _pick(local, context) if local else _pick(broad, context)
    if info is None:
        return None
    if following is not None and any(
        info.code in a.codes[:-1] for a in following.named + following.aliased
    ):
        return _Hit(start, end, info, "areas.short_form.compound", 0.9)
    query = PlaceQuery(start, end, context.reach(info, local=bool(local)))
    return _Hit(start, end, info, "areas.short_form", 0.85, query)


def find_areas(doc: PolicyDocument, context: AreaContext) -> list[Candidate]:
    """Return area candidates: (surface, span, canonical full name, code, level), in text order."""
    norm = doc.norm
    matches = _matches(doc)
    # A place inside a cited title belongs to that title (《浙江省…规划》), not to this text.
    titles = [m.span() for m in _TITLE.finditer(norm)]
    title_starts = [a for a, _ in titles]
    hits: list[_Hit] = []
    for i, match in enumerate(matches):
        if _inside(titles, title_starts, match.start, match.end):
            continue
        following = matches[i + 1] if i + 1 < len(matches) else None
        if following is not None and following.start != match.end:
            following = None
        hit = _resolve(match, following, norm, context)
        if hit is not None:
            hits.append(hit)
    places = iter(read_as_places(norm, [h.query for h in hits if h.query is not None]))
    out = []
    for hit in hits:
        if hit.query is not None and not next(places):
            continue
        info = hit.area
        attrs = (("code", info.code), ("level", info.level))
        surface = doc.text[hit.start : hit.end]
        candidate = Candidate(
            AREA,
            surface,
            hit.start,
            hit.end,
            "AdministrativeArea",
            hit.method,
            hit.confidence,
            info.name,
            attrs,
        )
        out.append(candidate)
    return out


__all__ = ["REGIONS", "AreaContext", "area_chain", "area_context", "find_areas"]
