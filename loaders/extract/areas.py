"""Administrative areas: provinces, cities, counties/districts, towns, streets and development
zones, with codes (ANNOTATION.md, 'areas').

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
  as a word of its own, never inside another name (西藏育才中学 in a Jiangsu text).
* a development zone is named by its city or own name and a zone head (南京江北新区, 郑东新区,
  新站高新区, 经开区); one missing from the table gets a key of its city's code and its name.
* towns and streets count in the document's own county, and by a full name (…镇, …街道) that one
  town of its province bears; regions (长三角地区) are not areas; nor is a place inside a cited
  title, which belongs to that title.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from loaders.dictionary import dictionary_word
from loaders.documents import PolicyDocument
from loaders.extract.lexical import analyse
from loaders.extract.lexicon import alternation, load_list
from loaders.extract.model import AREA, Candidate
from loaders.extract.place_words import (
    PlaceQuery,
    begins_inside_word,
    jieba_reading,
    read_as_places,
)
from loaders.gazetteer import (
    GENERIC_PLACE_WORDS,
    LEVELS,
    REGIONS,
    ROAD_HEAD,
    Area,
    AreaMatch,
    Gazetteer,
    area_chain,
    find_area_names,
    leading_place,
    load_gazetteer,
)
from loaders.metadata import DOC_NUMBER

# The level words GB/T 2260 names end with: 管城 + 区 writes 管城回族区, 大理 + 州 大理白族自治州.
LEVEL_CHARACTERS = "省市区县州旗盟"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"《[^《》]*》")
# An event's name: an ordinal (第十六届, 中央第六次), a few name characters and an event word
# (某省第十六届运动会, 第三次中央某地工作座谈会). A place in it, or just before its ordinal,
# belongs to the event's name, which the graph leaves out (ANNOTATION.md). The name characters
# hold no verb of holding: 某市第二次召开大会 names the city that holds it.
_EVENT_NAME = re.compile(
    r"(?:中央)?第[一二三四五六七八九十百零〇\d]+[届次](?:(?!召开|举行|举办)[\u4e00-\u9fff]){0,12}?"
    r"(?:运动会|座谈会|代表大会|党代会|大会|会议|年会|研讨会|论坛|博览会|比赛|大赛|锦标赛|联赛|竞赛)"
)
# A zone's own name (郑东, 新站) is a few name characters, not a phrase (城市的新区) nor a rank
# (省级开发区).
_ZONE_OWN = re.compile(r"[\u4e00-\u9fff]{0,4}")
_NOT_NAME = re.compile(r"[的和与及在是了各全本该等个级]")
# Nor is the rank a zone is granted (国家经济技术开发区, 省级高新区): a designation, not a name.
_RANKS = ("国家", "全国")
_RANK_BEFORE = re.compile(r"(?:国家级?|省级)$")
# A level word before a list of other levels (县(市、区)) is the generic word for every unit of
# those levels: 机制和县(市、区)委书记 names no county 和县.
_LEVEL_LIST = re.compile(r"\([省市区县旗州盟](?:[、,/][省市区县旗州盟])*\)")


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

    @cached_property
    def owner(self) -> Area | None:
        """Return the area a development zone named without its city belongs to: the
        document's city or municipality (a province has too many zones to tell which)."""
        city = self.at_level("city")
        if city is None and self.chain and self.chain[0].code in _municipalities():
            return self.chain[0]
        return city

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
    return tuple(m for m in found if not _before_level_list(doc.norm, m))


def _before_level_list(norm: str, match: AreaMatch) -> bool:
    """Return True when the match ends with a level word that a list of levels follows
    (和县(市、区)): that word is generic, so the match names no area.

    >>> text = "联系机制和县(市、区)委书记"
    >>> [(m.word, _before_level_list(text, m)) for m in find_area_names(text)]
    [('和县', True)]
    """
    return match.word[-1] in LEVEL_CHARACTERS and bool(_LEVEL_LIST.match(norm, match.end))


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


# What a town's or a street's full name ends with (支坪镇, 红星乡, 马桥子街道).
_TOWN_LEVELS = ("镇", "乡", "街道", "苏木")


def _province_town(match: AreaMatch, context: AreaContext) -> Area | None:
    """Return the one town of the document's province a town's full name names, or None.

    A page names a town of its county without the county (选址于某某镇某某社区) as often as with
    it; a name written with its level that only one town of the province bears is that town.
    """
    if not context.chain or not match.word.endswith(_TOWN_LEVELS):
        return None
    province = context.chain[0].code[:2]
    inside = [o for o in match.named if o.code[:2] == province]
    return inside[0] if len(inside) == 1 else None


def area_context(doc: PolicyDocument) -> AreaContext:
    """Return the document's area context: metadata's jurisdiction chain, else the text's.

    Without metadata the most often named county (else city) in full is taken as the
    jurisdiction: a district work plan names its own district far more than any other.
    """
    gaz = load_gazetteer()
    counts: dict[str, int] = {}
    named: set[str] = set()
    spelled: set[str] = set()
    shared: list[tuple[Area, ...]] = []  # full names several areas bear (朝阳区, 鼓楼区)
    for match in _matches(doc):
        word = match.word
        if match.is_town or match.is_region:
            continue
        infos = gaz.by_name.get(word, ())
        if infos and begins_inside_word(doc.norm, match.start, match.end):
            continue  # 示范|县 names no county (_resolve)
        if len(infos) == 1:
            spelled.update(infos[0].codes)
        elif infos:
            shared.append(infos)
        if not infos:  # a province or city short form names it as clearly as the full name
            aliased = gaz.by_alias.get(word, ())
            infos = tuple(i for i in aliased if i.level in ("province", "city"))
            if len(infos) < len(aliased):
                continue  # 朝阳 is a city of one province and districts of others: unsure
            if infos and begins_inside_word(doc.norm, match.start, match.end):
                continue  # 重|大理|论 names no city
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
    # A full name several areas bear is named as the one in the document's province (朝阳区 in
    # a 北京市 page), so its towns are the document's too.
    for infos in shared if chain else ():
        inside = [i for i in infos if i.codes[0] == chain[0].code]
        if len(inside) == 1:
            named.update(inside[0].codes)
            spelled.update(inside[0].codes)
    return AreaContext(chain, frozenset(named), frozenset(spelled))


def pick_area(options: tuple[Area, ...], context: AreaContext) -> Area | None:
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


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Return True when [start, end) overlaps one of the sorted, disjoint `spans`."""
    index = bisect.bisect_left(starts, end) - 1
    return index >= 0 and spans[index][1] > start


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
    when that character is not their level's or belongs to the next word (江北|区域).

    A county that has become a district or a county-level city is named by its former name
    too (某县 for today's 某区 or 某市) in documents older than the change. The other way (某区
    for the table's 某县) is not read: 新建|市, 大|城市 would name counties.
    """
    after = norm[match.end : match.end + 1]
    if not after or after not in LEVEL_CHARACTERS:
        return ()
    options = tuple(
        a
        for a in match.aliased
        if a.level != "town"
        and (
            a.name.endswith(after) or a.level == "county" and after == "县" and a.name[-1] in "区市"
        )
    )
    if options and jieba_reading(norm, match.start, match.end + 1) != "crossing":
        return options
    return ()


# The rest of a 、-list of short place names whose level character comes once, after the last
# (义乌、东阳、永康等市: each is a 市): the items, then 等, their count maybe (等5个县), and the
# level character, or two (县(市), 县市: counties and county-level cities).
_COUNTS = "0123456789二三四五六七八九十两"  # a count of more than one item
_LISTED_LEVEL = re.compile(
    r"(?:、[\u4e00-\u9fff]{2,5}?)*"
    rf"(?:等(?:[0-9一二三四五六七八九十两]+个)?|[{_COUNTS}]+个?)"  # …等市, …两区
    r"([省市县区](?:[((][市区、]{1,3}[))])?)"
)


def _listed_form(match: AreaMatch, norm: str) -> tuple[Area, ...]:
    """Return the areas a short form names as an item of a list that ends with their level
    character (…、永康等市: the county-level city 永康市; …、东宁等5个县(市); 秦州、麦积两区), or
    ()."""
    if not norm[match.end : match.end + 1] or norm[match.end] not in "、等" + _COUNTS:
        return ()
    listed = _LISTED_LEVEL.match(norm, match.end)
    # The level character ends the list, not begins a word (…新城等区域: 区域 is "area"); two
    # level characters (县市) are a pair of levels.
    pair = norm[listed.start(1) : listed.start(1) + 2] if listed else ""
    both = all(c in "省市县区" for c in pair)
    if listed is None or (dictionary_word(pair) and not both):
        return ()
    counted = "等" not in listed.group()
    if (
        counted
        and not listed.group().startswith("、")
        and norm[match.start - 1 : match.start] != "、"
    ):
        return ()  # 某某二区: a count needs a list before it (甲、乙两区)
    levels = tuple(c for c in listed.group(1) + (pair if both else "") if c in "省市县区")
    return tuple(a for a in match.aliased if a.level != "town" and a.name.endswith(levels))


def _resolve(
    match: AreaMatch,
    following: AreaMatch | None,
    norm: str,
    context: AreaContext,
    preceding: Area | None = None,
) -> _Hit | None:
    """Return the area a hit names by the rules of the module docstring, or None.

    `following` is the hit that starts where this one ends, if any (江苏|宿迁); `preceding` the
    area of the hit that ends where this one starts (温州|泰顺).
    """
    start, end, word = match.start, match.end, match.word
    if match.is_region:
        return None  # a region has no code and is no administrative area (ANNOTATION.md)
    if match.named and not match.is_town and begins_inside_word(norm, start, end):
        return None  # 示范|县, 主|城区: the first character ends another word
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
        info = pick_area(options, context) if options else None
        if info is not None:
            return _Hit(start, end, info, "areas.town", 0.8)
        own = _province_town(match, context)
        if own is not None:
            return _Hit(start, end, own, "areas.town.province", 0.7)
        # 高新区 is the name of a few towns and the short form of many zones
        return _short_form(match, following, norm, context, preceding)
    if match.named:
        info = pick_area(match.named, context)
        if info is None:  # ambiguous and no context: the lowest code, flagged as a guess
            info = min(match.named, key=lambda o: o.code)
            return _Hit(start, end, info, "areas.full_name.guess", 0.5)
        return _Hit(start, end, info, "areas.full_name", 0.95)
    return _short_form(match, following, norm, context, preceding)


def _short_form(
    match: AreaMatch,
    following: AreaMatch | None,
    norm: str,
    context: AreaContext,
    preceding: Area | None = None,
) -> _Hit | None:
    """Resolve a short form (an alias): with its level character, as a zone's, before a place
    inside its area (江苏宿迁, 常州钟楼), after the area that encloses it (温州泰顺), or bare."""
    start, end = match.start, match.end
    written = _level_form(match, norm)
    if written:
        info = pick_area(written, context) or min(written, key=lambda o: o.code)
        return _Hit(start, end + 1, info, "areas.short_form.level", 0.9)
    listed = _listed_form(match, norm)
    if listed and not any(o.level in ("province", "city") for o in match.aliased):
        info = pick_area(listed, context) or min(listed, key=lambda o: o.code)
        return _Hit(start, end, info, "areas.short_form.listed", 0.85)
    chain = {i.code for i in context.chain}
    # 长沙 in a 长沙市 document is the city, not 长沙县 inside it.
    own = tuple(o for o in match.aliased if o.code in chain)
    local = own or tuple(
        o
        for o in match.aliased
        if o.level == "county" and (o.code in context.codes or o.parent_code in context.home)
    )
    if match.word in zone_types() and match.word not in GENERIC_PLACE_WORDS:
        if _RANK_BEFORE.search(norm, max(0, start - 3), start):
            return None  # 批准为国家级高新区: the rank a zone is granted, no zone
        # 高新区, 经开区: the zone of the document's own city, whatever follows the word.
        info = pick_area(local, context) if local else own_zone("", match.word, context.owner)
        return _Hit(start, end, info, "areas.zone", 0.85) if info is not None else None
    if preceding is not None and not own:
        # 温州|泰顺: a county's short form right after its city (or province) is that county,
        # the enclosing area written before it saying so (but 温州|泰顺中学 is a school's name).
        inside = [o for o in match.aliased if o.level != "town" and preceding.code in o.codes[:-1]]
        if len(inside) == 1:
            query = PlaceQuery(start, end, "enclosed")
            return _Hit(start, end, inside[0], "areas.short_form.compound", 0.9, query)
    broad = tuple(o for o in match.aliased if o.level in ("province", "city"))
    # 朝阳 on a page that writes 朝阳区 in full: that district, not the city of another
    # province the short form also names (the full name's own ambiguity resolved as it is).
    spelled = () if own or local else tuple(o for o in match.aliased if o.name in norm)
    if spelled:
        info = pick_area(spelled, context) or min(spelled, key=lambda o: o.code)
    else:
        info = pick_area(local, context) if local else pick_area(broad, context)
    if info is None:
        return None
    if following is not None and any(
        info.code in a.codes[:-1] for a in following.named + following.aliased
    ):
        return _Hit(start, end, info, "areas.short_form.compound", 0.9)
    query = PlaceQuery(start, end, context.reach(info, local=bool(local)))
    return _Hit(start, end, info, "areas.short_form", 0.85, query)


@lru_cache(maxsize=1)
def zone_types() -> dict[str, str]:
    """Return zone head → the short name of the zone type it abbreviates to
    (lexicon/zone_heads.tsv)."""
    return {e.word: _ZONE_TYPES[e.cls] for e in load_list("zone_heads")}


# Zone types (the class column of lexicon/zone_heads.tsv) → the short name every head of the
# type is keyed by: one zone however its head is written.
_ZONE_TYPES = {
    "high_tech_zone": "高新区",
    "economic_zone": "经开区",
    "development_zone": "开发区",
    "new_district": "新区",
}


@lru_cache(maxsize=1)
def _zone_head() -> re.Pattern[str]:
    return re.compile(alternation("zone_heads"))


def zone_spelling(name: str) -> str | None:
    """Return `name` with each zone head written as its type's short name (one zone however its
    head is written), or None when `name` holds no zone head.

    >>> zone_spelling("青禾经济技术开发区第五中学"), zone_spelling("青禾经开区第五中学")
    ('青禾经开区第五中学', '青禾经开区第五中学')
    >>> zone_spelling("青禾第二中学") is None
    True
    """
    if _zone_head().search(name) is None:
        return None
    return _zone_head().sub(lambda m: zone_types()[m.group()], name)


def _peel(gaz: Gazetteer, name: str) -> tuple[int, Area | None, int]:
    """Return (length, area, end of the last full name) of the places `name` begins with.

    A province or city is read in any form; a county only by its full name, and each place
    after the first must lie inside the one before: a county's short form or another
    province's place is more often the zone's own name (江北 in 南京江北新区, 吴中经开区).

    >>> length, area, full_end = _peel(load_gazetteer(), "南京江北新区")
    >>> length, area.name, full_end
    (2, '南京市', 0)
    >>> _peel(load_gazetteer(), "郑州市郑东新区")[::2]
    (3, 3)
    """
    at, owner, full_end = 0, None, 0
    while True:
        length = leading_place(gaz, name[at:])
        if not length:
            break
        word = name[at : at + length]
        full = word in gaz.by_name
        options = [
            a
            for a in gaz.by_name.get(word, ()) + gaz.by_alias.get(word, ())
            if (a.level in ("province", "city") or (a.level == "county" and full))
            and (owner is None or owner.code in a.codes[:-1])
        ]
        if not options:
            break
        owner = min(options, key=lambda a: (LEVELS.index(a.level), a.code))
        at += length
        if full:
            full_end = at
    return at, owner, full_end


def _split_zone(gaz: Gazetteer, name: str) -> tuple[str, str] | None:
    """Return (own name, zone type) of a zone's name without the places it begins with.

    >>> _split_zone(load_gazetteer(), "合肥新站高新技术产业开发区")
    ('新站', '高新区')
    >>> _split_zone(load_gazetteer(), "天宁区") is None
    True
    """
    match = _zone_head().search(name)
    if match is None or match.end() != len(name):
        return None
    length, _, _ = _peel(gaz, name[: match.start()])
    return name[length : match.start()], zone_types()[match.group()]


@lru_cache(maxsize=1)
def _table_zones() -> dict[tuple[str, str, str], Area]:
    """Return (parent code, own name, zone type) → the zone the table has (first by code)."""
    gaz = load_gazetteer()
    out: dict[tuple[str, str, str], Area] = {}
    for area in sorted(gaz.by_code.values(), key=lambda a: a.code):
        if area.level != "county" or area.parent_code is None:
            continue
        for name in (area.name, *area.aliases):
            split = _split_zone(gaz, name)
            if split is not None:
                out.setdefault((area.parent_code, *split), area)
    return out


def own_zone(own: str, head: str, owner: Area | None) -> Area | None:
    """Return the zone `own` + `head` of `owner`: the table's, else one keyed by the owner's
    code and the zone's name (its head abbreviated: 经济技术开发区 → 经开区), like a town's."""
    if owner is None:
        return None
    kind = zone_types()[head]
    found = _table_zones().get((owner.code, own, kind))
    if found is not None:
        return found
    name = own + kind
    code = f"{owner.code}:{name}"
    return Area(name, code, "zone", owner.chain + (name,), owner.codes + (code,), ())


def _zone_hits(
    doc: PolicyDocument,
    context: AreaContext,
    matches: tuple[AreaMatch, ...],
    titles: list[tuple[int, int]],
) -> list[_Hit]:
    """Return the development zones named by a place or an own name and a zone head
    (南京江北新区, 郑东新区, 新站高新区) that the table does not name in full.

    LAC tells where the name begins: the LOC or ORG word that ends with the head (郑东新区/LOC),
    or a place word just before a head standing alone (郑州/LOC 高新区/n).
    """
    gaz = load_gazetteer()
    norm = doc.norm
    full_names = {m.end: m for m in matches if m.named and not m.is_town}
    title_starts = [a for a, _ in titles]
    heads = []
    for span in doc.body:
        for head in _zone_head().finditer(norm, span.start, span.end):
            hs, he = head.span()
            known = full_names.get(he)
            if known is not None and known.start < hs:
                continue  # 天府新区, 扬州经济技术开发区: the table's name
            if not _CJK.match(norm[hs - 1 : hs]) or _inside(titles, title_starts, hs, he):
                continue
            heads.append((hs, he, head.group()))
    windows = [(max(_line_start(norm, hs), hs - 10), min(len(norm), he + 4)) for hs, he, _ in heads]
    out: list[_Hit] = []
    for (hs, he, word), tokens in zip(heads, analyse(norm, windows), strict=True):
        last = next((t for t in tokens if t.start < he <= t.end), None)
        if last is None:
            continue
        if last.start >= hs:  # the head stands alone: a place word may name the zone
            before = next((t for t in tokens if t.end == hs), None)
            if before is None or before.tag != "LOC":
                continue
            name_start = before.start
        elif last.tag in ("LOC", "ORG", "nz"):
            name_start = last.start
        else:
            continue
        length, owner, full_end = _peel(gaz, norm[name_start:hs])
        own = norm[name_start + length : hs]
        if own in LEVEL_CHARACTERS:
            own = ""  # 市经济开发区: the city's own zone
        if not _ZONE_OWN.fullmatch(own) or _NOT_NAME.search(own) or (not own and not length):
            continue
        if own.startswith(_RANKS):
            continue
        if owner is not None and owner.level == "province":
            owner = None  # a province's zone is named by its city: read the document's
        area = own_zone(own, word, owner or context.owner)
        start = name_start + full_end
        if area is not None and (not out or out[-1].end <= start):
            out.append(_Hit(start, he, area, "areas.zone", 0.85))
    return out


def _line_start(norm: str, at: int) -> int:
    """Return the start of the line holding `at` (a zone's name does not cross a line)."""
    return norm.rfind("\n", 0, at) + 1


def _before_events(norm: str, matches: tuple[AreaMatch, ...]) -> set[int]:
    """Return the indices of the matches that begin an event's name: those just before its
    ordinal, and the places written before them without a break (某市某区|第三届…大会; a short
    form's level character, 某州, is no break)."""
    out: set[int] = set()
    for i in range(len(matches) - 1, -1, -1):
        end = matches[i].end
        if _EVENT_NAME.match(norm, end) or (
            i + 1 in out and norm[end : matches[i + 1].start] in ("", *LEVEL_CHARACTERS)
        ):
            out.add(i)
    return out


# A quoted name is short: a longer quote is someone's words, where a place is a place.
_QUOTED_NAME_MAX = 12


def _in_quoted_name(norm: str, start: int, end: int) -> bool:
    """Return True when norm[start:end] lies inside a short quoted name with more words than
    the place (“宜昌楷模”: an honour; “甘井子教育”: an account; “书香钟楼”: a brand), the
    name of something else; a place quoted alone (“上海”) is a place.

    >>> t = "获评“宜昌楷模”称号,来自“宜昌”的老师"
    >>> _in_quoted_name(t, 3, 5), _in_quoted_name(t, 14, 16)
    (True, False)
    """
    opening = max(norm.rfind(q, max(0, start - _QUOTED_NAME_MAX), start) for q in "“‘「")
    if opening < 0 or any(norm.find(q, opening, start) >= 0 for q in "”’」"):
        return False
    closing = min(
        (at for q in "”’」" if (at := norm.find(q, end, end + _QUOTED_NAME_MAX)) >= 0),
        default=-1,
    )
    if closing < 0:
        return False
    inner = norm[opening + 1 : closing]
    return (
        inner != norm[start:end]
        and len(inner) <= _QUOTED_NAME_MAX
        and not any(c in inner for c in ",,。;;!?!?\n")
    )


def find_areas(doc: PolicyDocument, context: AreaContext) -> list[Candidate]:
    """Return area candidates: (surface, span, canonical full name, code, level), in text order."""
    norm = doc.norm
    matches = _matches(doc)
    # A place inside a cited title belongs to that title (《浙江省…规划》), not to this text.
    titles = [m.span() for m in _TITLE.finditer(norm)]
    events = [m.span() for m in _EVENT_NAME.finditer(norm)]
    event_starts = [a for a, _ in events]
    before_events = _before_events(norm, matches)
    title_starts = [a for a, _ in titles]
    hits = _zone_hits(doc, context, matches, titles)
    zones = sorted((h.start, h.end) for h in hits)
    zone_starts = [a for a, _ in zones]
    for i, match in enumerate(matches):
        if _inside(titles, title_starts, match.start, match.end):
            continue
        if _inside(events, event_starts, match.start, match.end) or i in before_events:
            continue  # 某省|第十六届运动会: part of an event's name
        if DOC_NUMBER.match(norm, match.end):
            continue  # 某地|政办发〔2022〕17号: a place begins a 发文字号's issuer code
        if _overlaps(zones, zone_starts, match.start, match.end):
            continue  # 南京 and 江北 in 南京江北新区: parts of the zone's name
        if not match.named and ROAD_HEAD.match(norm, match.end):
            continue  # 乐清|东路, 鹿城|路: a road named after a place, not the place
        if not match.named and _in_quoted_name(norm, match.start, match.end):
            continue  # “宜昌楷模”, “甘井子教育”: a short form opening or inside a quoted name
        following = matches[i + 1] if i + 1 < len(matches) else None
        if following is not None and following.start != match.end:
            following = None
        preceding = hits[-1].area if hits and hits[-1].end == match.start else None
        hit = _resolve(match, following, norm, context, preceding)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (h.start, h.end))
    # A hit named in full is checked too: it may begin a name the graph leaves out (某省人民医院).
    queries = [h.query or PlaceQuery(h.start, h.end, "full") for h in hits]
    out = []
    for hit, is_place in zip(hits, read_as_places(norm, queries), strict=True):
        if not is_place:
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
