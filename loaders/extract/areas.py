"""Administrative areas: provinces, cities, counties/districts, towns and streets, with codes.

Matches come from the one area finder, loaders.gazetteer.find_area_names. Full names are
accepted anywhere (an ambiguous county such as 鼓楼区 is resolved by the cities the document
mentions); short forms (常州, 江苏) of provinces and cities are accepted anywhere; short forms of
counties (钟楼 for 钟楼区), development-zone aliases (高新区, 经开区) and towns/streets only when
their county or city is the document's context, since many are ordinary words or repeat across
the country.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from loaders.documents import PolicyDocument
from loaders.extract.model import AREA, Candidate
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
# policy texts mean "the urban area", "the east part": never areas on their own.
GENERIC_PLACE_WORDS = frozenset(
    "城区 东区 西区 南区 北区 中区 新区 郊区 矿区 市区 主城区 老城区 新城区 城关".split()
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"《[^《》]*》")


@dataclass(frozen=True)
class AreaContext:
    """The document's own place: its jurisdiction chain and every area it names in full."""

    chain: tuple[Area, ...]  # province, city, county as far as known
    named: frozenset[str]  # codes of areas named in full (or as province/city short forms)

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
    for match in _matches(doc):
        word = match.word
        if match.is_town or match.is_region:
            continue
        infos = gaz.by_name.get(word, ())
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
    return AreaContext(chain, frozenset(named))


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


def find_areas(doc: PolicyDocument, context: AreaContext) -> list[Candidate]:
    """Return area candidates: (surface, span, canonical full name, code, parent code)."""
    gaz = load_gazetteer()
    out: list[Candidate] = []
    # A place inside a cited title belongs to that title (《浙江省…规划》), not to this text.
    titles = [m.span() for m in _TITLE.finditer(doc.norm)]
    title_starts = [a for a, _ in titles]
    for match in _matches(doc):
        start, end, word, is_town = match.start, match.end, match.word, match.is_town
        surface = doc.text[start:end]
        if word in GENERIC_PLACE_WORDS or _inside(titles, title_starts, start, end):
            continue
        before = doc.norm[start - 1 : start] if start else ""
        if len(word) == 2 and word in gaz.by_name and _CJK.match(before) and before not in "省市州":
            home = {i.code for i in context.chain}
            if not any(o.code in home for o in gaz.by_name[word]):
                continue  # 示范县: the end of a longer word, not the county 范县
        if word in REGIONS:
            out.append(Candidate(AREA, surface, start, end, "AdministrativeArea", "areas.region"))
            continue
        info: Area | None
        if is_town:
            options = tuple(o for o in gaz.by_name[word] if o.parent_code in context.codes)
            info = _pick(options, context) if options else None
            method, confidence = "areas.town", 0.8
        elif word in gaz.by_name:
            info = _pick(gaz.by_name[word], context)
            if info is None:  # ambiguous and no context: the lowest code, flagged as a guess
                info = sorted(gaz.by_name[word], key=lambda o: o.code)[0]
                method, confidence = "areas.full_name.guess", 0.5
            else:
                method, confidence = "areas.full_name", 0.95
        else:
            options = gaz.by_alias[word]
            broad = tuple(o for o in options if o.level in ("province", "city"))
            home = {i.code for i in context.chain if i.level in ("city", "county")}
            local = tuple(
                o
                for o in options
                if o.level == "county" and (o.code in context.codes or o.parent_code in home)
            )
            info = _pick(local, context) if local else _pick(broad, context)
            method, confidence = "areas.short_form", 0.85
            after = doc.norm[end : end + 1]
            if info is not None and info.level == "county" and not _CJK.match(after):
                continue  # a bare county short form (新北、湖塘): too often a part of a name
        if info is None:
            continue
        attrs = (("code", info.code), ("level", info.level))
        out.append(
            Candidate(
                AREA,
                surface,
                start,
                end,
                "AdministrativeArea",
                method,
                confidence,
                info.name,
                attrs,
            )
        )
    return out


__all__ = ["REGIONS", "AreaContext", "area_chain", "area_context", "find_areas"]
