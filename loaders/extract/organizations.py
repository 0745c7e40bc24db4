"""Government bodies, education bureaus and other organisations, resolved to one node per body.

A body is found by its core word (教育局, 人民政府, 区委 …) and the areas written before it.
A level character without a place (市教育局, 区政府) or a bare abbreviation (教文局) means the
document's own city, district or county (DocumentMetadata.jurisdiction_chain), so 市教育局 in a
常州 document is 常州市教育局; the forms as written stay as alternative labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import ahocorasick

from loaders.dictionary import common_word, dictionary_tag, dictionary_word, everyday_word
from loaders.extract import lexicon
from loaders.extract.areas import LEVEL_CHARACTERS, AreaContext, own_zone, pick_area, zone_types
from loaders.extract.boundaries import REACH, head_ending_at, in_disclosure_phrase, in_title
from loaders.extract.gazetteer import AreaInfo, Gazetteer, load_gazetteer, place_lengths_before
from loaders.extract.model import ORG, SCHOOL, Candidate
from loaders.extract.people import role_across, role_follows
from loaders.extract.place_words import word_at
from loaders.extract.sentences import spans_with_hits, word_hits


@dataclass(frozen=True)
class Core:
    """A body's core word: its full form, class, and whether it needs a place before it."""

    full: str
    cls: str
    needs_place: bool


_B, _G, _O = "EducationBureau", "GovernmentBody", "Organization"
# core as written → (full form, class, needs a place or level before it)
CORES: dict[str, Core] = {
    **{
        w: Core(w, _B, True)
        for w in (
            "教育局",
            "教育文体局",
            "教育体育局",
            "教育和体育局",
            "教育文体和旅游局",
            "教育委员会",
            "教育厅",
            "教育科技局",
        )
    },
    "教文局": Core("教育文体局", _B, False),
    "教体局": Core("教育体育局", _B, False),
    "教委": Core("教育委员会", _B, True),
    "教育部": Core("教育部", _B, False),
    "人民政府": Core("人民政府", _G, True),
    "政府": Core("人民政府", _G, True),
    "人民政府办公室": Core("人民政府办公室", _G, True),
    "政府办公室": Core("人民政府办公室", _G, True),
    "政府办公厅": Core("人民政府办公厅", _G, True),
    "政府办": Core("人民政府办公室", _G, True),
    # A 地区's or a 盟's government is its 行政公署 (行署 for short).
    "行政公署": Core("行政公署", _G, True),
    "行署": Core("行政公署", _G, True),
    "行政公署办公室": Core("行政公署办公室", _G, True),
    "行署办公室": Core("行政公署办公室", _G, True),
    "行署办": Core("行政公署办公室", _G, True),
    "委": Core("委", _G, True),
    "党委": Core("党委", _G, True),
    "委办": Core("委办公室", _G, True),
    "委教育工委": Core("委教育工作委员会", _G, True),
    "教育工委": Core("委教育工作委员会", _G, True),
    "人大": Core("人大常委会", _G, True),
    "人大常委会": Core("人大常委会", _G, True),
    "人大办": Core("人大常委会办公室", _G, True),
    "政协": Core("政协", _G, True),
    "政协办": Core("政协办公室", _G, True),
    # Only in a committee's formal name (中国共产党某某市委员会): _formal_committee.
    "委员会": Core("委员会", _G, True),
    "政府教育督导委": Core("人民政府教育督导委员会", _G, True),
    "政府教育督导委员会": Core("人民政府教育督导委员会", _G, True),
    "教育督导委员会": Core("教育督导委员会", _G, True),
    "国务院": Core("国务院", _G, False),
    "党中央": Core("党中央", _G, False),
    "中共中央": Core("中共中央", _G, False),
    # The party by its name (加入中国共产党), not as the opening of a committee's formal name
    # (中国共产党某某市委员会) or of a title it issued (《中国共产党章程》): see _candidate.
    "中国共产党": Core("中国共产党", _G, False),
    "省政府办公厅": Core("人民政府办公厅", _G, False),
    "街道办事处": Core("街道办事处", _G, True),
    **{
        w: Core(w, _O, True)
        # Public institutions of the education administration (ANNOTATION.md); other
        # departments and institutions are found by their head (lexicon/org_heads.tsv).
        for w in ("少年宫", "青少年活动中心", "教研室", "电教馆", "督导室", "教育督导室")
    },
    "教师发展中心": Core("教师发展中心", _O, False),
    # An area's teacher training school or college trains its teachers, no pupils: a public
    # institution of the education administration, as its 教师发展中心 is.
    "教师进修学校": Core("教师进修学校", _O, True),
    "教师进修学院": Core("教师进修学院", _O, True),
    "进修学院": Core("教师进修学院", _O, True),
    "教育科学研究院": Core("教育科学研究院", _O, False),
    "教科院": Core("教育科学研究院", _O, True),
}
# Bodies named by a head alone (…研究院, …委员会, …中心) are proposed by find_open_bodies and
# found by the mention model with its own alternatives (boundaries.py), not listed here.
# A development zone written before a body's core (无锡经开区教育局, 台州湾新区教育文体和旅游局):
# the zone word, longest forms first; abbreviations share a key with their full forms.
_ZONE_WORDS = (
    r"(?:经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|"
    r"开发区|新区|工业园区|示范区)"
)
_ZONE = re.compile(_ZONE_WORDS + "$")
_ZONE_NEXT = re.compile(_ZONE_WORDS)
_ZONE_KEY = {
    "经济技术开发区": "经开区",
    "经济开发区": "经开区",
    "高新技术产业开发区": "高新区",
    "高新技术开发区": "高新区",
}
_ZONE_GAP = re.compile(r"[\u4e00-\u9fff]{0,4}")
# What a zone's own name the table lacks follows: a list's mark, a clause's, an opening quote.
_ZONE_NAME_OPENS = '、,，(（:：“"。;；'
_NOT_ZONE_NAME = re.compile(r"[的和与及在是了各全本该级]|国家")  # nor a rank (国家级, 省级)
# Cores a town or street body is named with (青禾镇党委, 镇政府, X街道办事处).
_TOWN_CORES = frozenset({"党委", "政府", "人民政府", "委", "街道办事处"})
_TOWN_END = re.compile(r"(?:镇|乡|街道)$")
# Level words a body's short form opens with (区教育局, 自治区党委): the level of the area meant.
LEVELS = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "自治州": "city",
    "地区": "city",  # a prefecture (阿里地区): 地区教育局 is its bureau, not a district's
    "区": "county",
    "县": "county",
    "旗": "county",  # a banner, Inner Mongolia's county (旗财政局)
}
# Level characters of a prefecture that is no city, read before a core only (州委, 盟教育局):
# the open rule leaves them out, as 州 also ends cities' short names (杭州|教育局). 旗 (a banner)
# is in LEVELS for the open rule too; here it resolves, as 州 and 盟 do, only to an area of its
# own kind (某某旗).
_PREFECTURE_LEVELS = {"州": "city", "盟": "city", "旗": "county"}
_CORE_LEVELS = {**LEVELS, **_PREFECTURE_LEVELS}
# A core followed by one of these is part of a longer word, not a body (委托, 政府购买).
_NOT_AFTER = {"委": "托员会屈婉", "政府": "购采部", "人大": "代表", "政协": "委员"}


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in CORES:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _place_before(
    gaz: Gazetteer, text: str, pos: int, floor: int
) -> tuple[int, list[AreaInfo]] | None:
    """Return (length, the areas it may be) of the place written just before `pos`, or None."""
    named = _named_before(gaz, text, pos, floor)
    written = _short_form_with_level(gaz, text, pos, floor)
    # 威宁县: a short form and its level character, not the shorter 宁县 inside it.
    return written if written and (named is None or written[0] > named[0]) else named


def _area_before(
    text: str, pos: int, floor: int, context: AreaContext
) -> tuple[int, AreaInfo | None, str | None]:
    """Return (start, area, level char) of the place words written just before `pos`."""
    gaz = load_gazetteer()
    start, area, level = pos, None, None
    autonomous = next((w for w in LEVELS if len(w) > 1 and text.endswith(w, floor, pos)), None)
    if autonomous:
        level = autonomous  # 自治区党委: the region, not a district
    elif pos > floor and text[pos - 1] in _CORE_LEVELS or (pos > floor and text[pos - 1] == "镇"):
        level = text[pos - 1]
    while found := _place_before(gaz, text, start, floor):
        length, options = found
        if area is None:
            area = options[0] if len(options) == 1 else _closest(options, context)
        start -= length
    if area is None and level and pos - len(level) > floor:
        # 鹿城区|区委: the area written again before its own level character (某区区委,
        # 某县县政府) is the body's, and so is the name.
        named = _named_before(gaz, text, pos - len(level), floor)
        # 遵义|地区: a prefecture by its old name, the city that followed it today.
        options = (
            [o for o in named[1] if o.name.endswith(level) or level == "地区" and o.level == "city"]
            if named
            else []
        )
        if named and options:
            area = options[0] if len(options) == 1 else _closest(options, context)
            start = pos - len(level) - named[0]
            while found := _place_before(gaz, text, start, floor):
                start -= found[0]  # 长春市|二道区区委: the places above it are the name's too
            return start, area, None
    if area is None and level == "镇":
        # 新安镇|政府 in a page whose county is not known: the town's name as written (many
        # counties have a 新安镇), not its level character alone.
        town = _town_ending(gaz, text, pos, floor)
        if town is not None:
            return pos - len(town.name), None, level
    if area is None and level:
        return pos - len(level), None, level
    return start, area, None


def _town_ending(
    gaz: Gazetteer, text: str, end: int, floor: int, counties: set[str] | None = None
) -> AreaInfo | None:
    """Return the town whose full name (3 to 6 characters) ends at `end`, the longest, of one
    of `counties` when given (any county's otherwise), or None.

    >>> _town_ending(load_gazetteer(), "在新安镇", 4, 0).name
    '新安镇'
    """
    for length in range(6, 2, -1):
        if end - length < floor:
            continue
        for info in gaz.by_name.get(text[end - length : end], ()):
            if info.level == "town" and (counties is None or counties & set(info.codes[:-1])):
                return info
    return None


def _named_before(
    gaz: Gazetteer, text: str, end: int, floor: int
) -> tuple[int, list[AreaInfo]] | None:
    """Return (length, areas) of the longest area name or alias (no town) ending at `end`."""
    for length in place_lengths_before(gaz, text, end):  # longest first
        if length > 10 or end - length < floor:
            continue
        word = text[end - length : end]
        options = [
            o for o in gaz.by_name.get(word, ()) + gaz.by_alias.get(word, ()) if o.level != "town"
        ]
        if options:
            return length, options
    return None


def _short_form_with_level(
    gaz: Gazetteer, text: str, end: int, floor: int
) -> tuple[int, list[AreaInfo]] | None:
    """Return (length, areas) of an area's short form written with its level character just
    before `end` (威宁 + 县 for 威宁彝族回族苗族自治县), the longest, or None.

    >>> found = _short_form_with_level(load_gazetteer(), "威宁县教育局", 3, 0)
    >>> found[0], found[1][0].name
    (3, '威宁彝族回族苗族自治县')
    """
    level = text[end - 1 : end]
    if not level or level not in LEVEL_CHARACTERS:
        return None
    for length in (4, 3, 2):
        if end - 1 - length < floor:
            continue
        alias = text[end - 1 - length : end - 1]
        options = [
            o for o in gaz.by_alias.get(alias, ()) if o.level != "town" and o.name.endswith(level)
        ]
        if options and alias + level not in gaz.by_name:
            return length + 1, options
    return None


def _closest(options: list[AreaInfo], context: AreaContext) -> AreaInfo:
    """Return the option the document's places fit, else the highest level, lowest code."""
    fitting = _local(options, context) or pick_area(tuple(options), context)
    if fitting is not None:
        return fitting
    return sorted(options, key=lambda o: ("province city county".split().index(o.level), o.code))[0]


def _resolve_area(
    area: AreaInfo | None, level: str | None, context: AreaContext
) -> AreaInfo | None:
    if area is not None:
        if len(load_gazetteer().by_name.get(area.name, ())) > 1:
            for info in context.chain:
                if info.name == area.name:
                    return info
        return area
    if level == "市" and context.chain:
        own = context.chain[-1]
        if own.level == "county" and own.name.endswith("市"):
            return own  # a county-level city's document: 市 is the city itself
        # The city or municipality (市教委 in a 北京市 page), only one called 市: a 盟, 州 or
        # 地区 is none, and 市教育局 in a page about a 盟 is another city's bureau.
        city = context.owner
        return city if city is not None and city.name.endswith("市") else None
    if level in _PREFECTURE_LEVELS:
        # 州委 in an autonomous prefecture's page: the prefecture, only one called so (旗委: the
        # banner)
        area = context.at_level(_PREFECTURE_LEVELS[level])
        return area if area is not None and area.name.endswith(level) else None
    if level in LEVELS:
        return context.at_level(LEVELS[level])
    return None


def _zone_before(
    text: str, pos: int, floor: int, context: AreaContext
) -> tuple[int, str, AreaInfo | None, bool] | None:
    """Return (start, zone key, area, whether the zone's own name is unknown) of a development
    zone written just before `pos`.

    The zone may follow a place (江苏无锡经济开发区 → 无锡市) with up to four characters of
    its own name between (宁波前湾新区); without a place it is the document's city's.
    """
    window = text[max(floor, pos - 12) : pos]
    zone = _ZONE.search(window)
    if zone is None:
        return None
    zone_start = pos - len(window) + zone.start()
    word = zone.group()
    for gap in range(0, 5):
        at = zone_start - gap
        if at < floor or _NOT_ZONE_NAME.search(text, at, zone_start):
            break
        if gap and not _ZONE_GAP.fullmatch(text, at, zone_start):
            break
        place_start, area, _ = _area_before(text, at, floor, context)
        if area is not None and area.level in ("province", "city"):
            if _a_county(text[at : zone_start + len(word)]):
                return None  # 天津市滨海新区: a district the table holds, read as an area
            if len(load_gazetteer().by_name.get(area.name, ())) > 1:
                area = next((i for i in context.chain if i.name == area.name), area)
            own = text[at:zone_start]
            return place_start, own + _ZONE_KEY.get(word, word), area, False
    city = context.at_level("city") or (context.chain[-1] if context.chain else None)
    own = _own_zone_name(text, zone_start, floor)
    if own is not None:
        # The zone the area finder names the same way (its city's code and its name).
        zone = own_zone(text[own:zone_start], word, context.owner) if word in zone_types() else None
        return own, text[own:zone_start] + _ZONE_KEY.get(word, word), zone or city, True
    if (
        word in ("新区", "示范区")
        and zone_start > floor
        and text[zone_start - 1] not in _ZONE_NAME_OPENS
    ):
        return None  # X新区 with an unknown X: left to the gazetteer
    return zone_start, _ZONE_KEY.get(word, word), city, False


def _own_zone_name(text: str, zone_start: int, floor: int) -> int | None:
    """Return where the own name of a zone the table lacks (西咸|新区, 杨凌|示范区) begins: two
    to four name characters that open a list item or the clause; None when there are none."""
    for gap in range(2, 5):
        at = zone_start - gap
        if at < floor or _NOT_ZONE_NAME.search(text, at, zone_start):
            return None
        if (at == floor or text[at - 1] in _ZONE_NAME_OPENS) and _ZONE_GAP.fullmatch(
            text, at, zone_start
        ):
            return at
    return None


def _a_county(name: str) -> bool:
    """Return True when the area table holds `name` as a county-level division (滨海新区,
    苏州工业园区): a zone that is a district of its own."""
    return any(a.level == "county" for a in load_gazetteer().by_name.get(name, ()))


def _town_before(text: str, pos: int, floor: int, context: AreaContext) -> tuple[int, AreaInfo]:
    """Return (start, town) of a town or street named at `pos` or, for a bare 镇X, the last
    one named earlier in the sentence; (pos, None) when none is known in the document's county."""
    gaz = load_gazetteer()
    county = {i.code for i in context.chain}
    here = _town_ending(gaz, text, pos, floor, county)
    if here is not None:
        return pos - len(here.name), here
    at = pos - 1
    while True:
        at = text.rfind("镇", floor, at)
        if at < 0:
            return pos, None
        earlier = _town_ending(gaz, text, at + 1, floor, county)
        if earlier is not None:
            return pos, earlier


def find_organizations(text: str, spans, context: AreaContext) -> list[Candidate]:  # noqa: ANN001
    """Return organisation candidates in the sentences `spans` ((start, end) pairs) of `text`.

    Args:
        text: the normalised document text.
        spans: sentence spans to search.
        context: the document's area context, for 市/区 and bare abbreviations.
    """
    found: list[Candidate] = []
    for s_start, _s_end, hits in spans_with_hits(word_hits(_automaton(), text), spans):
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last = -1
        for start, end, word in hits:
            if start < last:
                continue
            candidate = _candidate(text, start, end, word, s_start, context)
            if candidate is not None:
                found.append(candidate)
                last = candidate.end
    return found


# A committee's formal name after the party's (中国共产党|某某市委员会, …委员会第三次代表大会).
_COMMITTEE_AFTER = re.compile(r"[\u4e00-\u9fff]{1,14}?委员会")


def _candidate(
    text: str, start: int, end: int, word: str, floor: int, context: AreaContext
) -> Candidate | None:
    after = text[end : end + 2]
    if word in _NOT_AFTER and after[:1] and after[0] in _NOT_AFTER[word]:
        return None
    if in_disclosure_phrase(text, end, word):
        return None  # 某省政府|信息公开: the disclosure, not the government
    if word == "委员会":
        return _formal_committee(text, start, end, floor, context)
    if word == "中国共产党" and (_COMMITTEE_AFTER.match(text, end) or in_title(text, start, end)):
        return None
    if text.startswith("办公室", end) and word not in ("委办", "政府办", "人大办", "政协办"):
        end += 3
        word_full_suffix = "办公室"
    else:
        word_full_suffix = ""
    core = CORES[word]
    if word in _TOWN_CORES and (
        _TOWN_END.search(text, max(floor, start - 2), start) or word == "街道办事处"
    ):
        # A street's name holds the word 街道 its office's head begins with (某某街道|办事处).
        street = word == "街道办事处"
        town_start, town = _town_before(text, start + 2 if street else start, floor, context)
        if town is not None and street and not town.name.endswith("街道"):
            town_start, town = _town_before(text, start, floor, context)
        if town is not None:
            full = (core.full if word != "委" else "党委") + word_full_suffix
            if street and town.name.endswith("街道"):
                full = full[len("街道") :]
            # The county written before the town is part of the name (某县某镇党委).
            begin = _chain_start(load_gazetteer(), text, min(town_start, start - 1), floor)
            return Candidate(
                ORG,
                text[begin:end],
                begin,
                end,
                core.cls,
                "organizations.town",
                0.85,
                town.name + full,
                (("area", town.code),),
            )
    zone = _zone_before(text, start, floor, context) if core.needs_place else None
    if zone is not None:
        zone_start, zone_key, zone_area, own = zone
        attrs = (("zone", zone_key + core.full + word_full_suffix),)
        if zone_area is not None:
            attrs = (("area", zone_area.code), *attrs)
        return Candidate(
            ORG,
            text[zone_start:end],
            zone_start,
            end,
            core.cls,
            "organizations.zone.own" if own else "organizations.zone",
            0.85,
            None,
            attrs,
        )
    place_start, area, level = _area_before(text, start, floor, context)
    if core.needs_place and area is None and level is None:
        return None
    if word == "委" and area is None and level not in _CORE_LEVELS and level != "镇":
        return None
    # A street office whose street the gazetteer lacks (see the town branch above): the name
    # before 街道 is the street's own, not the district or city it also abbreviates.
    resolved = None if word == "街道办事处" else _resolve_area(area, level, context)
    nation = next((n for n in _NATION if text.endswith(n, floor, place_start)), None)
    national = area is None and level is None and not core.needs_place and nation is not None
    if national:
        # 中国教育科学研究院, 国家教育考试中心: a national institution, the country its scope.
        place_start -= len(nation)
    elif resolved is None and not core.needs_place and core.cls == _B and level is None:
        # The document's own bureau (局 in its jurisdiction's text); a level written before the
        # head that the jurisdiction lacks (区教体局 in a city's page) names no body of it.
        resolved = context.chain[-1] if context.chain else None
    full = core.full + word_full_suffix
    if core.full in ("国务院", "党中央", "中共中央", "中国共产党", "教育部"):
        canonical = full
        resolved = None
        if text.endswith(_COUNTRY, floor, place_start):
            place_start -= len(_COUNTRY)  # 中华人民共和国教育部: the body's name in full
        elif full == "教育部" and text.endswith("国家", floor, place_start):
            place_start -= len("国家")  # 国家教育部: the ministry written with the state before it
    elif resolved is not None:
        # A prefecture's party committee is its 地委 (阿里地区 → 阿里地委), not its 地区委.
        prefix = resolved.name[:-1] if full[:1] == "委" and resolved.name.endswith("地区") else None
        canonical = (prefix or resolved.name) + full
    else:
        canonical = None
    attrs = (("area", resolved.code),) if resolved is not None else ()
    surface = text[place_start:end]
    method = "organizations.core" + (".resolved" if resolved is not None and area is None else "")
    return Candidate(ORG, surface, place_start, end, core.cls, method, 0.9, canonical, attrs)


# The organisations whose committees are formally named by the organisation, the area and
# 委员会 (中国共产党某某市委员会, 政协某某县委员会), with the prefix and the head of the body's
# usual short form: 中共某某市委, 某某县政协, 共青团某某市委.
_FORMAL_PREFIXES = {
    "中国共产党": ("中共", "委"),
    "中共": ("中共", "委"),
    "中国人民政治协商会议": ("", "政协"),
    "政协": ("", "政协"),
    "中国共产主义青年团": ("共青团", "委"),
    "共青团": ("共青团", "委"),
}
_TERM = re.compile(r"第[一二三四五六七八九十]{1,3}届$")


def _formal_committee(
    text: str, start: int, end: int, floor: int, context: AreaContext
) -> Candidate | None:
    """Return the committee an organisation's formal name names (中国人民政治协商会议某某市委员会
    → 某某市政协), or None where no such organisation and area come before 委员会: the usual
    short form is the body's canonical name, so both forms are one body.

    >>> c = _formal_committee("中共鹿城区第五届委员会", 8, 11, 0, AreaContext((), frozenset()))
    >>> c.name, c.canonical
    ('中共鹿城区第五届委员会', '中共鹿城区委')
    """
    term = _TERM.search(text, max(floor, start - 5), start)
    place_end = term.start() if term else start
    place_start, area, level = _area_before(text, place_end, floor, context)
    resolved = _resolve_area(area, level, context)
    prefix = next((p for p in _FORMAL_PREFIXES if text.endswith(p, floor, place_start)), None)
    if resolved is None or prefix is None or place_start == place_end:
        return None
    begin = place_start - len(prefix)
    short, head = _FORMAL_PREFIXES[prefix]
    canonical = short + resolved.name + head
    if text.startswith("办公室", end):  # the committee's office (某某市政协办公室)
        end, canonical = end + 3, canonical + "办公室"
    attrs = (("area", resolved.code),)
    return Candidate(
        ORG, text[begin:end], begin, end, _G, "organizations.formal", 0.9, canonical, attrs
    )


# The country's name a national body may be written with (中华人民共和国教育部).
_COUNTRY = "中华人民共和国"
# The country or the state before an institution that needs no place (中国|教育科学研究院).
_NATION = ("中国", "国家")
# Heads after which a body with education in its name is an education bureau (教育体育局, 教委).
_BUREAU_HEADS = ("局", "厅", "委", "委员会")
_EDUCATION = re.compile(r"教育|教文|教体|教委")


def body_candidate(
    text: str,
    start: int,
    end: int,
    head: str,
    cls: str,
    context: AreaContext,
    confidence: float,
    zone: Candidate | None = None,
) -> Candidate:
    """Return the organisation named text[start:end] (head `head`), with its area resolved.

    A name may begin with area names (常州市钟楼区…) or a bare level character (市…, 区…),
    which stands for the document's own city or district: the canonical name then begins with
    the most specific area's full name, so 市民政局 in a 南宁 document is 南宁市民政局 and both
    share a key. A name without either is known by the document's jurisdiction (resolve.py).
    `zone` is the page's zone the name begins with, if any (areas.zone: a development zone or
    new district the table may lack): a body named from it (青禾新区教育局) is that zone's.
    """
    if start > 0 and text[start - 1] in LEVELS and _opens_a_noun(text, start):
        start -= 1  # 市|市场监督管理局: the level written before the noun is the body's
    name = text[start:end]
    gaz = load_gazetteer()
    at, area = 0, None
    while True:
        found = _leading_area(gaz, name, at, context)
        if found is None:
            break
        area, at = found
    level = (
        name[0]
        if area is None
        and name[:1] in LEVELS
        and len(name) > len(head) + 1
        and not _opens_a_noun(text, start)
        else None
    )
    resolved = _resolve_area(area, level, context)
    if cls == _G and head in _BUREAU_HEADS and _EDUCATION.search(name):
        cls = _B
    canonical = None
    if resolved is not None:
        canonical = resolved.name + name[at if area is not None else 1 :]
    attrs = (("area", resolved.code),) if resolved is not None else ()
    code = dict(zone.attrs).get("code") if zone is not None and zone.end < end else None
    if resolved is None and code and zone is not None and zone.start == start:
        canonical = (zone.canonical or zone.name) + name[zone.end - start :]
        attrs = (("area", code),)
    return Candidate(ORG, name, start, end, cls, "model.org", confidence, canonical, attrs)


def _opens_a_noun(text: str, at: int) -> bool:
    """Return True when the level character at `at` is the first character of an everyday noun
    jieba reads there (市场|监督管理局, 区域|教育中心), not a level: the body is named without
    its area. A body's own word (市委, 市政府) is a level's.

    >>> _opens_a_noun("市场监督管理局", 0), _opens_a_noun("市民政局", 0)
    (True, False)
    >>> _opens_a_noun("由市政府办公室", 1)
    False
    """
    first = text[at : at + word_at(text, at)]
    return (
        len(first) > 1
        and first[-1] not in _BODY_WORD_ENDS
        and everyday_word(first)
        and dictionary_tag(first) == "n"
    )


# Last characters of a level's body word (市委, 区政府, 县教育局): that word is no everyday noun.
_BODY_WORD_ENDS = "委府局厅办"


def _leading_area(gaz, name: str, at: int, context: AreaContext) -> tuple[AreaInfo, int] | None:  # noqa: ANN001
    """Return (area, end) of the longest area name or alias at name[at:], towns excluded.

    A word several areas share (高新区: many cities' zones) is the one the document's places
    fit; when none fits, the name is not resolved (None): a guess would key the body to
    another province's zone."""
    for length in range(min(10, len(name) - at - 1), 1, -1):
        word = name[at : at + length]
        named = gaz.by_name.get(word, ()) + gaz.by_alias.get(word, ())
        options = [o for o in named if o.level != "town"]
        if named and not options:
            return None  # a town's name (工业园区): not the shorter area it begins with (工业园)
        if _ZONE_NEXT.match(name, at + length) and word not in gaz.by_name:
            continue  # 南沙 of 南沙新区: a zone's own name, not the district it abbreviates
        if len(options) == 1:
            return options[0], at + length
        if options:
            fitting = _local(options, context)
            return (fitting, at + length) if fitting is not None else None
    return None


def _local(options: list[AreaInfo], context: AreaContext) -> AreaInfo | None:
    """Return the one option that is the document's own place or lies directly inside its
    city or county, else None: the province alone does not tell which of its zones is meant."""
    chain = {i.code for i in context.chain}
    near = [o for o in options if o.code in chain or o.parent_code in context.home]
    return near[0] if len(near) == 1 else None


# Characters that never stand inside a department's name between its area and its head:
# particles, prepositions, deictics and pronouns (区科协分配给|我局: 我局 is "our bureau"). 和
# and 与 may (住房和城乡建设局, 人力资源与社会保障局), except right after another body's name.
_NOT_IN_BODY = re.compile(r"[^\u4e00-\u9fff]|[的及或在是对为从向由将把被给等各该这其我你他她]")


def _level_begins(text: str, at: int, last: int, floor: int) -> bool:
    """Return True when a level character at `at` (before `last`) begins a department's name:
    not a character of an everyday word (城|市, 社|区, 市场|) nor the second of two levels.

    >>> _level_begins("区人社局", 0, 2, 0), _level_begins("社区人社局", 1, 3, 0)
    (True, False)
    """
    return (
        at < last
        and text[at] in LEVELS
        and (at == floor or text[at - 1] not in LEVELS)
        and (at == floor or not everyday_word(text[at - 1 : at + 1]))
        and not _opens_a_noun(text, at)
    )


def _graded(text: str, at: int, head_start: int, low: int) -> bool:
    """Return True when 等 stands from `at` to the head and each ends a word with the character
    before it (高等, 中等: a grade of education), not a list (各校等).

    >>> t = "市教育局高等教育处"
    >>> _graded(t, 5, 8, 0), _graded(t, 6, 8, 0), _graded("各校等教育处", 2, 5, 0)
    (True, False, False)
    """
    inside = [i for i in range(at, head_start) if text[i] == "等"]
    return bool(inside) and all(i > low and dictionary_word(text[i - 1 : i + 1]) for i in inside)


# A quoted short name inside a body's own name (县“双减”办公室): its quotes are no break.
_QUOTED = re.compile(r"“[\u4e00-\u9fff0-9+]{1,8}”")
# Characters of a department's own name between its area (or level character, or parent body)
# and its head: as many as the mention model's alternatives reach before a head, enough for
# the longest departments' names (科学技术和工业信息化 + 局, 政务服务和大数据管理 + 局).
_OPEN_REACH = REACH[ORG]


@lru_cache(maxsize=1)
def _heads_automaton() -> ahocorasick.Automaton:
    from loaders.extract.lexicon import classes

    automaton = ahocorasick.Automaton()
    for head, cls in classes("org_heads").items():
        automaton.add_word(head, (head, cls))
    automaton.make_automaton()
    return automaton


def find_open_bodies(
    text: str,
    spans,
    found: list[Candidate],
    context: AreaContext,  # noqa: ANN001
    areas: Sequence[Candidate] = (),
) -> list[Candidate]:
    """Return bodies of any department: an area, a level character or a parent body, then a
    few characters of the department's own name, then a head (lexicon/org_heads.tsv).

    区人社局, 市卫健委, 温州市考试院, 市教育局财务处: ANNOTATION.md's organisations are an open
    class (a government's departments and the education administration's institutions), so no
    list of departments is kept; the mention model weighs each proposal. A head that is a
    body's word by itself follows its area at once (某某新区管委会); `areas` are the areas found
    in the text, so a zone's body begins where the zone's name does.
    """
    ends = {c.end: c for c in found}
    parents = dict(ends)  # the bodies a department's name may follow: found, then proposed
    area_starts = {c.end: c.start for c in areas}
    out: list[Candidate] = []
    for s_start, _s_end, hits in spans_with_hits(_head_hits(text), spans):
        for start, end, (head, cls) in hits:
            # A core rule named it already (or 政府|信息公开), unless it read the core word
            # alone (教师发展中心), which a department's longer name may end with.
            named = ends.get(end)
            if (named is not None and named.name not in CORES) or in_disclosure_phrase(
                text, end, head
            ):
                continue
            if role_across(text, end):
                continue  # 某局党组|成员: the head begins a person's role, the body is the bureau
            if (
                len(head) == 1
                and everyday_word(text[start - 1 : end])
                and not _ends_body_word(text, end)
            ):
                continue  # 举办, 东部, 学科: the head is the end of an ordinary word
            if (
                len(head) == 1
                and common_word(text[start : end + 1])
                and not dictionary_word(text[start - 1 : end])
                and not _head_hits_end(text, start)
                and not role_follows(text, end)  # 某某处|处长: its head's own title follows
            ):
                continue  # 集团化|办学, 发展联|盟: the head begins the next word (市政府|部署 ends a body)
            if head == "办" and any(head_ending_at(text, at, SCHOOL) for at in (start, start - 1)):
                continue  # 某幼儿园|办园历史, 某幼儿园|领办: the school's running, no office
            begin = _open_start(text, start, s_start, parents, area_starts, _whole_body(head))
            central = _central_body_start(text, end, s_start)
            if central is not None and (begin is None or central > begin):
                begin = central  # 我区…接受|全国人大常委会: a national body begins at its scope
            elif begin is None:
                begin = _central_parent_start(text, start, s_start)  # 财政部|办公|厅
            if begin is not None and _role_inside(text, begin + 2, start):
                continue  # 某局副局长|赵所某: a person's title and name, no department's name
            if begin is not None and _session_of_a_term(text, begin, start, end):
                continue  # 区十三届人大|一次会议: a session of the congress's term, an event
            if named is not None and (begin is None or begin >= named.start):
                continue  # a core rule's name without an area, and no longer name holds it
            if begin is not None and not text.endswith(_NOT_BODIES, begin, end):
                candidate = body_candidate(text, begin, end, head, cls, context, 0.6)
                # A central body the list names whole (国办, 中宣部) is a rule's name, not a
                # proposal of any department's.
                listed = text[begin:end] in _CENTRAL_BODIES
                method = "organizations.central" if listed else "organizations.open"
                out.append(replace(candidate, method=method))
                # A department of this body may follow it (某领导小组|秘书局, 区人社局|办公室),
                # unless the body's first character ends a word (自治|区人民政府).
                if begin < 2 or not dictionary_word(text[begin - 2 : begin + 1]):
                    parents.setdefault(end, out[-1])
    return out


# Names that end as a hospital's, a university's, a newspaper's or a company's do (人民医院: the
# head 院): ANNOTATION.md leaves them out of the bodies (lexicon/non_entity_heads.tsv). A studio
# or a workstation (名校长工作室, 某某校长工作室, 名师农村工作站) is a unit a programme sets up
# around its teachers, not a body of the administration either.
_NOT_BODIES = (*lexicon.words("non_entity_heads"), "工作室", "工作站")


# A congress's term written before its head (十三届, 第三届), and a session of it after the head
# (一次会议, 二次全会): together they name the session, an event, not a body.
_TERM_BEFORE_HEAD = re.compile(r"第?[一二三四五六七八九十]{1,3}届$")
_SESSION = re.compile(r"[一二三四五六七八九十]{1,3}次(?:会议|全会|全体会议)")


def _session_of_a_term(text: str, begin: int, head_start: int, end: int) -> bool:
    """Return True when the name from `begin` to its head holds a congress's term and a session
    follows it (区十三届人大|一次会议): the words name the session, not a body.

    >>> _session_of_a_term("区十三届人大一次会议", 0, 4, 6), _session_of_a_term("区人大常委会", 0, 1, 3)
    (True, False)
    """
    return bool(_TERM_BEFORE_HEAD.search(text, begin, head_start) and _SESSION.match(text, end))


def _role_inside(text: str, start: int, end: int) -> bool:
    """Return True when a person's role begins in text[start:end] right after a body's head
    (副局长 in 某局副局长赵所): a committee (委员会) holds the word 委员 but names no one's role,
    and a role word inside a department's own name (教学研究和|教师|发展中心) follows no head.

    >>> _role_inside("县教育局副局长赵所", 2, 8), _role_inside("省委机构编制委员会办公室", 2, 10)
    (True, False)
    >>> _role_inside("区教学研究和教师发展中心", 2, 10)
    False
    """
    return any(
        role_follows(text, at) and not text.startswith("委员会", at) and _head_hits_end(text, at)
        for at in range(start, end)
    )


def _ends_body_word(text: str, end: int) -> bool:
    """Return True when a word jieba's dictionary tags as an organisation (nt) ends at `end`:
    民政局 is one though 政局 ("political situation") is an everyday word."""
    return any(dictionary_tag(text[end - n : end]) == "nt" for n in (3, 4, 5) if end - n >= 0)


@lru_cache(maxsize=256)
def _whole_body(head: str) -> bool:
    """Return True when a head is a body's word by itself, which jieba's dictionary tags as an
    organisation or an abbreviation (管委会, 党工委, 人大常委会), so no name of its own need come
    between it and its area; 局, 中心, 委员会 name a body only with one."""
    return len(head) > 1 and dictionary_tag(head) in ("nt", "j")


def _central_body_start(text: str, end: int, floor: int) -> int | None:
    """Return where a central body named without an area begins, or None: one of
    lexicon/central_bodies.tsv (财政部, 中组部), or a word jieba's dictionary tags as an
    organisation that a national scope begins (国家统计局, 全国妇联), ending at `end` and
    written where a name may begin (after punctuation, a function word or the clause's start),
    not inside a longer name (某省财政厅 has its area). A local body's name without its area
    (统战部, 关工委) is bare.
    """
    for n in range(min(10, end - floor), 1, -1):
        begin = end - n
        word = text[begin:end]
        if word not in _CENTRAL_BODIES and not (
            dictionary_tag(word) == "nt" and _NATIONAL.match(word)
        ):
            continue
        if _name_may_begin(text, begin, floor):
            return begin
    return None


def _central_parent_start(text: str, head_start: int, floor: int) -> int | None:
    """Return where a central body begins that a department's own name and head follow
    (财政部|办公|厅, 教育部|基础教育|司), or None: the department is that body's.

    >>> _central_parent_start("财政部办公厅印发", 5, 0), _central_parent_start("办公厅", 2, 0)
    (0, None)
    """
    for at in range(head_start, max(floor, head_start - 4) - 1, -1):
        if not _CJK_CHAR.match(text[at - 1 : at] or " "):
            return None
        begin = _central_body_start(text, at, floor)
        if begin is not None:
            return begin
    return None


def _name_may_begin(text: str, at: int, floor: int) -> bool:
    """Return True when a body's name may begin at `at` though no area is written before it:
    the clause's start, after a character that is not Chinese, after 和, 与 and the like, after
    a date (2017年|中办), or after a verb or a preposition of two characters (接受|全国人大常委会…,
    根据|中央组织部…): the predicate ends before its object, the preposition before its own."""
    return (
        at == floor
        or not _CJK_CHAR.match(text[at - 1])
        or text[at - 1] in _NAME_OPENERS
        or (text[at - 1] in "年月日" and text[at - 2 : at - 1].isdigit())  # 2017年|中办
        or (at - 2 >= floor and dictionary_tag(text[at - 2 : at]) in ("v", "p"))
    )


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
# A national scope at the start of a body's name.
_NATIONAL = re.compile(r"国家|中央|全国|中国")
# The state's and the party centre's levels, written before a department's own name as 省 or 市
# is (国家发展改革委, 中央文明办, 中央网信办).
_STATE_LEVELS = ("国家", "中央")
_CENTRAL_BODIES = frozenset(lexicon.words("central_bodies"))
# Characters a central body's name may follow directly: conjunctions and prepositions (和民政部,
# 被教育部评为, 受财政部委托), and 原 (former: 原人事部, a ministry since merged).
_NAME_OPENERS = frozenset("和与及同由对向经原被受")


def _head_hits_end(text: str, end: int) -> bool:
    """Return True when a body's head ends at `end` (政府 before 部署)."""
    return bool(head_ending_at(text, end, ORG))


def _head_hits(text: str) -> list[tuple[int, int, tuple[str, str]]]:
    best: dict[int, tuple[int, int, tuple[str, str]]] = {}
    for end, value in _heads_automaton().iter(text):
        start = end + 1 - len(value[0])
        if end + 1 not in best or start < best[end + 1][0]:
            best[end + 1] = (start, end + 1, value)
    return sorted(best.values(), key=lambda h: h[1])


def _open_start(
    text: str,
    head_start: int,
    floor: int,
    ends: dict[int, Candidate],
    area_starts: dict[int, int] | None = None,
    whole: bool = False,
) -> int | None:
    """Return where a department named before `head_start` begins: the nearest parent body's
    start, level character or area name within reach, with only name characters between (none
    needed when the head is `whole`, a body's word by itself)."""
    gaz = load_gazetteer()
    area_starts = area_starts or {}
    low = max(floor, head_start - _OPEN_REACH)
    own = 0 if whole else 1  # characters of the department's own name needed at least
    if whole and head_start in area_starts and area_starts[head_start] >= floor:
        return _chain_start(gaz, text, area_starts[head_start], floor)  # 某某新区 + 管委会
    # Quote marks of a quoted short name wholly within reach are no break (县“双减”办公室).
    quoted = {i for m in _QUOTED.finditer(text, low, head_start) for i in (m.start(), m.end() - 1)}
    # One position further: a level character before a department's name of full reach.
    for at in range(head_start - 1, max(floor, low - 1) - 1, -1):
        between = text[at:head_start]
        if at in quoted:
            continue
        if quoted:
            between = "".join(c for i, c in enumerate(between, at) if i not in quoted)
        if _graded(text, at, head_start, low):
            between = between.replace("等", "")  # 高等教育处: 等 ends the word 高等, no list
        if _NOT_IN_BODY.search(between):
            return None
        if text[at] in "和与" and at in ends:
            return None
        if at < low:  # only the level character may stand here
            return at if _level_begins(text, at, head_start - own, floor) else None
        parent = ends.get(at)
        if parent is not None and head_start - at >= 1:
            return parent.start  # 市教育局 + 财务 + 处
        if (
            text.startswith(_STATE_LEVELS, at)
            and at + 2 < head_start
            and text[at + 2] != "级"  # 国家级: a rank granted, not the state
            and _name_may_begin(text, at, floor)
        ):
            return at  # 国家 + 发展改革 + 委, 中央 + 文明 + 办: the state's or the party centre's level
        zone = _ZONE.search(text, max(floor, at - 10), at + 1) if text[at] == "区" else None
        if zone is not None and at < head_start - own:
            # 经开区 + 教育 + 局: from the zone's area where one was found (its own name with
            # it), else from the place names before the zone word
            begin = area_starts.get(zone.end(), zone.start())
            if begin == zone.start():
                begin = _own_zone_name(text, zone.start(), floor) or begin  # 西咸新区
            return _chain_start(gaz, text, begin if begin >= floor else zone.start(), floor)
        if _level_begins(text, at, head_start - own, floor):
            return at  # 区 + 人社 + 局
        if (
            area_starts.get(at, -1) >= floor
            and head_start - at >= own
            and _ZONE.search(text, max(floor, at - 10), at)
        ):
            # 某市经济技术开发区 + 教育 + 分局: the zone found ending here, with its city
            return _chain_start(gaz, text, area_starts[at], floor)
        for length in place_lengths_before(gaz, text, at):
            if at - length >= floor and (text[at - length : at] in gaz.by_name):
                return _chain_start(gaz, text, at - length, floor)  # 温州市 + 考试 + 院
    return None


def _chain_start(gaz, text: str, start: int, floor: int) -> int:  # noqa: ANN001
    """Return where the area names written before `start` begin: a body's name holds the whole
    chain it is written with (常州市 + 钟楼区 + 电子政务中心)."""
    moved = True
    while moved:
        moved = False
        for length in place_lengths_before(gaz, text, start):
            if start - length >= floor and text[start - length : start] in gaz.by_name:
                start -= length
                moved = True
                break
    return start
