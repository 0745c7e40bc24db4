"""Aliases: short forms of a school, group or body resolved to the full name the document gives.

ANNOTATION.md lists one entry per real entity, in its fullest form; every other surface form
is an skos:altLabel of that entity. resolve.py groups candidates by key, so a short form that
this module maps to a full name becomes an altLabel of the full name's entity. Forms resolved:
- a name without its place (瓯江中学 for 温州市瓯江中学, 市第三小学 for 温州市第三小学);
- numbered and experimental shorthand (X一中 = X第一中学, X实小 = X实验小学), and a numbered
  school without 第 or its level character (合肥三十八中学 = 合肥市第三十八中学);
- a short form the document defines (F(以下简称S)) and school initialisms (温外), also as the
  first part of longer names (S教育集团 = F教育集团);
- an abbreviation made the usual Chinese way, from single characters of the full name's words
  (桥小 = 桥头街小学, 省瓯中 = 浙江省瓯海高级中学), when exactly one full name fits;
- a campus named with its school's short form (城南实小东校区 = 城南实验小学东校区);
- a group with its head shortened (X集团 = X教育集团).
Each is resolved only to a full name written in the same document, and only when it is the one
full name that fits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import cn2an
import jieba

from loaders.dictionary import word_frequency
from loaders.extract import lexicon
from loaders.extract.areas import AreaContext, zone_spelling
from loaders.extract.boundaries import head_of
from loaders.extract.concepts import family_label
from loaders.extract.gazetteer import after_places, leading_place, load_gazetteer, places_only
from loaders.extract.model import GROUP, ORG, PROGRAM, SCHOOL, Candidate
from loaders.extract.programs import generic_with_editions, is_generic
from loaders.extract.schools import GROUP_WORDS, specific_part

# Shorthand of numbered and experimental schools: X一中 = X第一中学, X二小 = X第二小学,
# X三幼 = X第三幼儿园, X实小 = X实验小学.
_SHORT_NUMBERED = re.compile(r"(.{2,5}?)([一二三四五六七八九十]{1,3}|[1-9][0-9]?)([中小幼])")
_NUMBERED_TAILS = {"中": "中学", "小": "小学", "幼": "幼儿园"}
_SHORT_EXPERIMENTAL = re.compile(r"(.{2,5}?)实小")
# A numbered short form with no place (五十七中, 57中, 十二小): the document's own school.
_PLACELESS_NUMBERED = re.compile(r"([一二三四五六七八九十]{1,3}|[1-9][0-9]?)([中小幼])")
# A short form the document defines: F(以下简称S) / F(简称“S”) / F(以下简称:S).
_DEFINED = re.compile(r"[(（](?:以下)?简称[::]?\s*[“\"]?([\u4e00-\u9fff]{2,8})[”\"]?[)）]")
# Campus heads: a campus name is its school's name (or short form) plus one of these parts.
_CAMPUS_HEADS = ("校区", "分校", "分园", "园区", "校部")
# A short form that keeps a whole level word keeps the level: 薛家中学 is no 薛家中心小学.
_LEVEL_HEADS = ("幼儿园", "小学", "中学", "初中", "高中", "学校")
# A school called by its number alone (七中, 二小): a short form of the one place-prefixed
# school of that number the document writes (成都七中), never a name of its own there.
_NUMBERED_ONLY = re.compile(r"^[一二三四五六七八九十]{1,3}[中小幼]$")
# Level heads that abbreviate a longer one (东兰高中 = 东兰县高级中学).
_SPELLED_OUT = {"高中": "高级中学", "初中": "初级中学"}
_CAMPUS = re.compile(r"^(.{2,}?)([\u4e00-\u9fff]{1,6}(?:" + "|".join(_CAMPUS_HEADS) + "))$")


def group_base(name: str) -> str:
    """Return a group's full form: X集团 and X教育集团 are one group.

    >>> group_base("松台集团"), group_base("松台教育集团")
    ('松台教育集团', '松台教育集团')
    """
    if name.endswith("集团") and not name.endswith("教育集团"):
        return name[:-2] + "教育集团"
    return name


def pieces(short: str, full: str) -> list[tuple[int, int]] | None:
    """Return how `short` lies in `full` as runs of consecutive characters (start, length),
    matching each character at its earliest place after the last, or None when it does not.

    >>> pieces("桥小", "桥头街小学")
    [(0, 1), (3, 1)]
    >>> pieces("北京中学", "北京钱学森中学")
    [(0, 2), (5, 2)]
    >>> pieces("华三", "华东师范大学") is None
    True
    """
    runs: list[tuple[int, int]] = []
    at = 0
    for ch in short:
        found = full.find(ch, at)
        if found < 0:
            return None
        if runs and runs[-1][0] + runs[-1][1] == found:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((found, 1))
        at = found + 1
    return runs


def abbreviates(short: str, full: str) -> bool:
    """Return True when `short` is an abbreviation of `full` made from its words' characters.

    A Chinese abbreviation keeps one character (sometimes two) of each word: 桥头街小学 → 桥小,
    瓯江外国语学校 → 瓯外, 浙江省瓯海高级中学 → 省瓯中. It starts where the full name (or its
    part after the place) starts, ends with a character of the full name's head (小 of 小学),
    and is mostly single characters: two whole words taken from a longer name (北京中学 from
    北京钱学森中学) name another school.

    >>> abbreviates("桥小", "桥头街小学"), abbreviates("省瓯中", "浙江省瓯海高级中学")
    (True, True)
    >>> abbreviates("北京中学", "北京钱学森中学"), abbreviates("实小", "实验中学")
    (False, False)
    >>> abbreviates("薛家中学", "薛家中心小学")  # a 中学 is not a 小学
    False
    >>> abbreviates("东兰高中", "东兰县高级中学")  # 高中 is 高级中学 abbreviated
    True
    >>> abbreviates("第一中学", "广州市第七十一中学"), abbreviates("城一小", "城关第一小学")
    (False, True)
    """
    if not 2 <= len(short) < len(full) or short[-1] not in full[-3:]:
        return False
    runs = pieces(short, full)  # first: most names are no abbreviation of most others
    if runs is None or len(runs) < 2:
        return False
    level = next((h for h in _LEVEL_HEADS if short.endswith(h)), None)
    if level is not None and not full.endswith((level, _SPELLED_OUT.get(level, level))):
        return False
    if _splits_a_number(runs, full):
        return False
    place = leading_place(load_gazetteer(), full, min(10, len(full) - 2))
    first = runs[0][0]
    starts_right = first == 0 or first == place or (first == place - 1 and short[0] in "省市区县")
    singles = sum(1 for _, length in runs if length == 1)
    return starts_right and singles * 2 >= len(runs) and runs[-1][0] + runs[-1][1] > len(full) - 3


_NUMERAL = re.compile(r"[0-9〇零一二三四五六七八九十百]+")


def _splits_a_number(runs: list[tuple[int, int]], full: str) -> bool:
    """Return True when the characters an abbreviation takes from `full` (`runs`: start,
    length) hold part of a number but not all of it: 一 of 七十一 names another number."""
    taken = {i for start, length in runs for i in range(start, start + length)}
    for match in _NUMERAL.finditer(full):
        kept = sum(1 for i in range(match.start(), match.end()) if i in taken)
        if 0 < kept < match.end() - match.start():
            return True
    return False


def _abbreviations(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (kind, short) → full for abbreviations with exactly one full name that fits."""
    fulls: dict[str, set[str]] = {}
    for c in candidates:
        if c.kind in (SCHOOL, GROUP):
            fulls.setdefault(c.kind, set()).add(c.canonical or c.name)
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind not in (SCHOOL, GROUP) or c.canonical or len(c.name) > 6:
            continue
        options = [f for f in fulls.get(c.kind, ()) if f != c.name and abbreviates(c.name, f)]
        if len(options) == 1:
            out[(c.kind, c.name)] = options[0]
    return out


# What a school's kind ends with: a group's own name ending so names its school's kind, which
# many groups' names share (实验中学集团), not a brand.
_SCHOOL_ENDS = ("学校", "中学", "小学", "幼儿园", "学")


def _group_brands(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (GROUP, short) → full for a group named by the end of its own name alone
    (某某集团 for 某市青枫某某教育集团: the brand it is known by), where one group fits.

    >>> c = lambda n: Candidate(GROUP, n, 0, len(n), "EducationGroup", "groups.suffix")
    >>> _group_brands([c("杭州锦绣育才教育集团"), c("锦绣育才教育集团"), c("育才集团")])
    {('group', '育才集团'): '杭州锦绣育才教育集团'}
    >>> _group_brands([c("杭州锦绣育才教育集团"), c("杭州明德育才教育集团"), c("育才集团")])
    {}
    """
    fulls = {c.canonical or c.name for c in candidates if c.kind == GROUP}
    owns = {f: _group_own(f) for f in fulls}
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind != GROUP or c.canonical:
            continue
        own = _group_own(c.name)
        if len(own) < 2 or own != group_base(c.name)[: -len("教育集团")]:
            continue  # a brand alone: not named with places (北京|中学) or a level (市|某某)
        if own[0] in "省市区县" or own.endswith(_SCHOOL_ENDS):
            continue  # 实验中学集团: a school's kind, which many groups' names end with
        options = [f for f, o in owns.items() if o != own and o.endswith(own)]
        # One group written with and without its places (杭州某某, 某某) is one option.
        if len({owns[f] for f in options}) == 1:
            out[(GROUP, c.name)] = max(options, key=lambda f: (len(f), f))
    return out


def _group_own(name: str) -> str:
    """Return a group's own name: without its places and its head (锦绣育才 of 杭州锦绣育才
    教育集团)."""
    base = group_base(name)
    if not base.endswith("教育集团"):
        return ""
    own = base[: -len("教育集团")]
    return own[leading_place(load_gazetteer(), own) or 0 :] if own else own


def _core(name: str) -> str:
    """Return a body's name without the places or level written before it (德清县教体局,
    县教体局 → 教体局)."""
    _, name = after_places(load_gazetteer(), name)
    return name[1:] if name[:1] in "省市区县" else name


def body_abbreviates(short: str, full: str) -> bool:
    """Return True when the body `short` is `full` abbreviated, both under the same places.

    A body's short form keeps the first character of each word of its core and the first of
    its head (人力资源和社会保障局 → 人社局, 卫生健康委员会 → 卫健委), or drops the conjunction
    (教育和体育局 → 教育体育局). A short form of two characters (市委, 区府) is too weak a sign.

    >>> body_abbreviates("德清县人社局", "德清县人力资源和社会保障局")
    True
    >>> body_abbreviates("市卫健委", "市卫生健康委员会"), body_abbreviates("区教育体育局", "区教育和体育局")
    (True, True)
    >>> body_abbreviates("县教育局", "县教育和体育局"), body_abbreviates("市体育局", "市教育和体育局")
    (False, False)
    >>> body_abbreviates("县人社局", "市人力资源和社会保障局")  # another area's body
    False
    >>> body_abbreviates("县委教育工委", "县委教育工作委员会")
    True
    """
    core_s, core_f = _core(short), _core(full)
    if short[: len(short) - len(core_s)] != full[: len(full) - len(core_f)]:
        return False
    if len(core_s) < 3 or len(core_s) >= len(core_f) or core_s[0] != core_f[0]:
        return False
    if core_f.replace("和", "") == core_s:
        return True
    head = head_of(ORG, core_f)
    if not head or core_s[-1] != head[0] or len(head) >= len(core_f):
        return False
    runs = pieces(core_s[:-1], core_f[: -len(head)])
    if runs is not None and len(runs) >= 2 and all(length == 1 for _, length in runs):
        return True
    # 教育工委 = 教育工作委员会: a word kept whole, the next by its first character.
    return _word_initials(core_s[:-1], tuple(jieba.lcut(core_f[: -len(head)])))


def _word_initials(short: str, words: tuple[str, ...]) -> bool:
    """Return True when `short` takes each of `words` whole or by its first character, in
    order (a conjunction may be left out).

    >>> _word_initials("教育工", ("教育", "工作")), _word_initials("教育", ("教育", "和", "体育"))
    (True, False)
    """
    if not words:
        return not short
    word, rest = words[0], words[1:]
    if word in _CONJUNCTION_WORDS and _word_initials(short, rest):
        return True
    return any(
        short.startswith(kept) and _word_initials(short[len(kept) :], rest)
        for kept in dict.fromkeys((word, word[0]))
    )


_CONJUNCTION_WORDS = frozenset("和与及")


def _body_abbreviations(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (ORG, name) → full name for a body's abbreviation when the document writes its
    full name under the same area, and only that one full name fits."""
    areas: dict[str, set[str]] = {}
    for c in candidates:
        attrs = dict(c.attrs)
        if c.kind == ORG and "zone" not in attrs:
            areas.setdefault(c.canonical or c.name, set()).add(attrs.get("area", ""))
    out: dict[tuple[str, str], str] = {}
    for name, where in areas.items():
        options = [
            f
            for f in areas
            if len(f) > len(name) and where == areas[f] and body_abbreviates(name, f)
        ]
        if len(options) == 1:
            out[(ORG, name)] = options[0]
    return out


def _relative_bodies(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (ORG, name) → full name for a body written with a level character alone (区教委)
    that no area resolved, when the document writes exactly one body of that level with the
    same words after its area (朝阳区教委): a page names its district's bureau so, and a
    district's name several provinces bear (朝阳区) leaves the page's own area unknown.

    >>> c = lambda n: Candidate(ORG, n, 0, len(n), "EducationBureau", "t")
    >>> _relative_bodies([c("区教委"), c("朝阳区教委")])
    {('org', '区教委'): '朝阳区教委'}
    >>> _relative_bodies([c("区教委"), c("朝阳区教委"), c("海淀区教委")])
    {}
    """
    out: dict[tuple[str, str], str] = {}
    bodies = [c for c in candidates if c.kind == ORG]
    for c in bodies:
        if c.canonical or c.attrs or c.name[:1] not in "市区县" or len(c.name) < 3:
            continue
        level, words = c.name[0], c.name[1:]
        options = {
            o.canonical or o.name
            for o in bodies
            if o.name != c.name
            and o.name.endswith(words)
            and o.name[: -len(words)].endswith(level)
            and places_only(o.name[: -len(words)])
        }
        if len(options) == 1:
            out[(ORG, c.name)] = options.pop()
    return out


# Brackets a campus is written in after its school's name (某某学校(白鹭湾校区)).
_BRACKETS = re.compile(r"[()（）]")


def _campus_forms(
    candidates: list[Candidate], schools: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """Return (kind, campus) → full campus name for campuses named with a school's short form
    (青田实小北校区 = 青田实验小学北校区): some split of the name is a school's short form
    followed by a campus part that the full campus name ends with."""
    names = {c.canonical or c.name for c in candidates if c.kind == SCHOOL}
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind != SCHOOL or c.canonical:
            continue
        if _bare_campus(c.name):
            # 白鹭湾校区 beside 某市某某学校白鹭湾校区 or 某某学校(白鹭湾校区): the campus
            # named without its school.
            found = _campuses_ending(c.name, names)
            if len(found) == 1:
                out[(SCHOOL, c.name)] = found[0]
            continue
        if not _CAMPUS.match(c.name):
            continue
        for split in range(2, len(c.name) - 2):
            school, part = c.name[:split], c.name[split:]
            if not (part.endswith(_CAMPUS_HEADS) and 3 <= len(part) <= 8):
                continue
            full = schools.get((SCHOOL, school))
            options = [full] if full else [o for o in names if _shortens(school, o)]
            # 县学街小学卓正分校 beside 某市县学街小学教育集团卓正分校: the campus of the group
            # the school leads, named without the group's word
            found = [
                full
                for f in options
                for full in (f + part, *(f + word + part for word in GROUP_WORDS))
                if full in names and full != c.name
            ]
            if len(found) == 1:
                out[(SCHOOL, c.name)] = found[0]
                break
    return out


def _shortens(short: str, full: str) -> bool:
    """Return True when `short` is a short form of the school `full`: an abbreviation of it
    (青田实小 of 青田实验小学), or its number and kind alone (八十中 of 某市第八十中学).

    >>> _shortens("八十中", "北京市第八十中学"), _shortens("八十中", "北京市第十八中学")
    (True, False)
    """
    if _PLACELESS_NUMBERED.fullmatch(short):
        return numbered_key(full).endswith(_kind_in_full(short))
    return abbreviates(short, full)


def _campuses_ending(bare: str, names: set[str]) -> list[str]:
    """Return the longer school names of `names` that end with the campus part `bare`."""
    return [n for n in names if _BRACKETS.sub("", n).endswith(bare) and n != bare]


def shared_campus_parts(candidates: list[Candidate]) -> frozenset[str]:
    """Return the bare campus parts (白鹭湾校区) that two or more of the document's campuses
    end with (甲中学白鹭湾校区, 乙小学(白鹭湾校区)): written alone, such a part names no one
    campus of them (四校白鹭湾校区: each school's), so it is no entity of its own.

    >>> c = lambda n: Candidate(SCHOOL, n, 0, len(n), "Campus", "schools.campus")
    >>> sorted(shared_campus_parts([c("甲中学东湖校区"), c("乙小学(东湖校区)"), c("东湖校区")]))
    ['东湖校区']
    >>> shared_campus_parts([c("甲中学东湖校区"), c("东湖校区")])
    frozenset()
    """
    names = {c.canonical or c.name for c in candidates if c.kind == SCHOOL}
    return frozenset(
        c.name
        for c in candidates
        if c.kind == SCHOOL and _bare_campus(c.name) and len(_campuses_ending(c.name, names)) > 1
    )


def _bare_campus(name: str) -> bool:
    """Return True when `name` is a campus's own part alone, without its school's name: a short
    proper part and a campus head (白鹭湾校区), no school head before it.

    >>> _bare_campus("白鹭湾校区"), _bare_campus("某某中学东校区"), _bare_campus("实小东校区")
    (True, False, False)
    """
    return (
        name.endswith(_CAMPUS_HEADS)
        and 3 <= len(name) <= 8
        and not any(c in name[:-2] for c in "小中校园")  # every level head holds one
    )


def alias_forms(
    candidates: list[Candidate], context: AreaContext, text: str
) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """Return (kind, short name) → full name for every short form the document resolves, and
    full name → bare abbreviations (defined or initialisms) to record as its altLabels."""
    # Weakest first: a later pass's reading of a name replaces an earlier one's.
    aliases = _group_tails(candidates)
    aliases.update(_abbreviations(candidates))
    aliases.update(_group_brands(candidates))
    aliases.update(_body_abbreviations(candidates))
    aliases.update(_relative_bodies(candidates))
    short, bare = _shorthand_forms(candidates, context, text)
    aliases.update(short)
    aliases.update(_place_prefixed_forms(candidates, aliases))
    aliases.update(_projects(candidates))
    aliases.update(_heads_in_full(candidates))
    aliases.update(_affiliated_short_forms(candidates))
    aliases.update(_numbered_forms(candidates))
    aliases.update(_zone_spelled_forms(candidates))
    aliases.update(_programme_short_forms(candidates))
    aliases.update(_campus_forms(candidates, aliases))
    aliases.update(_bracketed_other_names(candidates, text))
    aliases.update(_former_names(candidates, text))
    for full, stem in _project_stems(candidates, text).items():
        bare.setdefault(full, set()).add(stem)
    return aliases, bare


# What opens a school's other name in brackets after it: its former or planned name
# (某某小学(原白鹭小学), 某某分校(规划名为某某小学)).
_OTHER_NAME = re.compile(r"[(（](?:原名为?|原|曾用名|又名|规划名为?|暂定名为?)$")


def _bracketed_other_names(candidates: list[Candidate], text: str) -> dict[tuple[str, str], str]:
    """Return (SCHOOL, other name) → the school's name for a school's former or planned name
    written in brackets right after it, and for a short form followed by the full name in
    brackets: one school, so an altLabel of it, not another.

    >>> t = "青禾小学(原白鹭小学)"
    >>> c = [Candidate(SCHOOL, "青禾小学", 0, 4, "School", "t"),
    ...      Candidate(SCHOOL, "白鹭小学", 6, 10, "School", "t")]
    >>> _bracketed_other_names(c, t)
    {('school', '白鹭小学'): '青禾小学'}
    >>> t = "青禾九小(白鹭师范学院附属小学)"
    >>> c = [Candidate(SCHOOL, "青禾九小", 0, 4, "School", "t"),
    ...      Candidate(SCHOOL, "白鹭师范学院附属小学", 5, 15, "School", "t")]
    >>> _bracketed_other_names(c, t)
    {('school', '青禾九小'): '白鹭师范学院附属小学'}
    """
    ends = {c.end: c for c in candidates if c.kind == SCHOOL}
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind != SCHOOL or c.canonical or text[c.end : c.end + 1] not in (")", "）"):
            continue
        lead = _OTHER_NAME.search(text, max(0, c.start - 6), c.start)
        named = ends.get(lead.start()) if lead else None
        if named is not None and (named.canonical or named.name) != c.name:
            out[(SCHOOL, c.name)] = named.canonical or named.name
            continue
        # 某某九小(某市某某附属小学): a short form, then the school's full name in brackets
        short = ends.get(c.start - 1) if text[c.start - 1 : c.start] in ("(", "（") else None
        if (
            short is not None
            and short.cls == c.cls == "School"
            and not short.canonical
            and len(short.name) < len(c.name)
        ):
            out[(SCHOOL, short.name)] = c.name
        elif short is not None and not short.canonical:
            # 某教育集团某某校区(某某小学), 某某小学(某教育集团某某校区): the member school a
            # group calls its campus, one school named as the school it is.
            pair = {_group_campus(short): short, _group_campus(c): c}
            if set(pair) == {True, False} and pair[False].cls == "School":
                out[(SCHOOL, pair[True].name)] = pair[False].name
    return out


# What introduces a school's other name in prose after the school (某某中学,始建于1951年,原名白鹭
# 中学; 某某中学原白鹭中学简介): bare 原 only right after the school, since 原某某小学 alone is
# often a school merged into another, a school of its own.
_FORMER_NAME = re.compile(
    "(?:(?:" + lexicon.alternation("school_left_breaks", "naming") + ')为?|(?P<bare>原))[“"]?$'
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# What introduces a school's new name after it (某某中学…更名为某某学校): the same school.
_RENAMED = re.compile(r"(?:更名为?|改名为?|易名为|定名为|改称为?)现?[“\"]?$")
# Schools merged before the new name (某小学和某小学合并后更名为…): a new school, not either.
_MERGED = re.compile("合并|并入|撤并|整合|组建|合校")


def _former_names(candidates: list[Candidate], text: str) -> dict[tuple[str, str], str]:
    """Return (SCHOOL, earlier name) → the school's name for a former or other name written in
    the sentence after the school it belongs to (某中学…原名某某中学), and for the name a school
    had before the sentence gives its new one (某中学…更名为某某学校): one school, so an
    altLabel of it (ANNOTATION.md: one entry per real entity).

    >>> t = "青禾中学始建于1951年,原名白鹭铁路中学。"
    >>> c = [Candidate(SCHOOL, "青禾中学", 0, 4, "School", "t"),
    ...      Candidate(SCHOOL, "白鹭铁路中学", 15, 21, "School", "t")]
    >>> _former_names(c, t)
    {('school', '白鹭铁路中学'): '青禾中学'}
    """
    schools = sorted((c for c in candidates if c.kind == SCHOOL), key=lambda c: c.start)
    out: dict[tuple[str, str], str] = {}
    for i, c in enumerate(schools):
        if c.canonical:
            continue
        renamed = _RENAMED.search(text, max(0, c.start - 4), c.start)
        if renamed is not None:
            # 某某中学…更名为某某学校: the school's earlier name is an altLabel of its new one.
            earlier = _last_in_sentence(schools[:i], text, renamed.start())
            if (
                earlier is not None
                and not earlier.canonical
                and earlier.name != c.name
                and not _MERGED.search(text, earlier.end, renamed.start())
            ):
                out[(SCHOOL, earlier.name)] = c.name
            continue
        lead = _FORMER_NAME.search(text, max(0, c.start - 5), c.start)
        owner = _last_in_sentence(schools[:i], text, lead.start()) if lead else None
        if owner is None or (lead.group("bare") and owner.end != lead.start()):
            continue
        if (owner.canonical or owner.name) != c.name:
            out[(SCHOOL, c.name)] = owner.canonical or owner.name
    return out


def _last_in_sentence(earlier: list[Candidate], text: str, at: int) -> Candidate | None:
    """Return the last of `earlier` (in text order) that ends before `at` in its sentence."""
    return next(
        (d for d in reversed(earlier) if d.end <= at and not _SENTENCE_END.search(text, d.end, at)),
        None,
    )


# A group's campus: a group's head, then the campus's own name and head (某教育集团某某校区).
_GROUP_CAMPUS = re.compile(
    "(?:"
    + lexicon.alternation("group_heads")
    + ")[\u4e00-\u9fff]{1,8}(?:"
    + "|".join(_CAMPUS_HEADS)
    + ")$"
)


def _group_campus(c: Candidate) -> bool:
    """Return True when `c` is a campus named by its group (青禾教育集团白鹭校区).

    >>> _group_campus(Candidate(SCHOOL, "青禾教育集团白鹭校区", 0, 10, "Campus", "t"))
    True
    >>> _group_campus(Candidate(SCHOOL, "青禾中学白鹭校区", 0, 8, "Campus", "t"))
    False
    """
    return c.cls == "Campus" and _GROUP_CAMPUS.search(c.name) is not None


def _zone_spelled_forms(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (kind, name) → the name with its zone's type written in full, for schools and
    groups named both ways: 某某经开区第五中学 is 某某经济技术开发区第五中学 (areas.zone_spelling).
    """
    by_key: dict[tuple[str, str], set[str]] = {}
    for c in candidates:
        if c.kind in (SCHOOL, GROUP) and (key := zone_spelling(c.name)) is not None:
            by_key.setdefault((c.kind, key), set()).add(c.name)
    out: dict[tuple[str, str], str] = {}
    for (kind, _), names in by_key.items():
        if len(names) > 1:
            fullest = max(names, key=lambda n: (len(n), n))
            out.update({(kind, n): fullest for n in names if n != fullest})
    return out


def _projects(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (PROGRAM, name) → name + 项目 when the document writes both: the generic head
    项目 (project) adds nothing to the programme's name (青禾阅读计划 = 青禾阅读计划项目)."""
    names = {c.name for c in candidates if c.kind == PROGRAM}
    return {(PROGRAM, n): n + "项目" for n in names if n + "项目" in names}


# 项目 after a stem, perhaps past the quote that closes it (“青禾阅读”项目).
_PROJECT_AFTER = re.compile(r"[”’\"」』]?项目")


def _project_stems(candidates: list[Candidate], text: str) -> dict[str, str]:
    """Return a programme name X项目 → X when the document also writes X on its own (启动青禾
    阅读, beside 青禾阅读项目): the generic head 项目 files the programme, so X is its short form
    (ANNOTATION.md: an altLabel of the fullest form)."""
    out: dict[str, str] = {}
    for c in candidates:
        stem = c.name[:-2]
        if c.kind != PROGRAM or not c.name.endswith("项目") or len(stem) < 4 or is_generic(stem):
            continue
        if any(not _PROJECT_AFTER.match(text, m.end()) for m in re.finditer(re.escape(stem), text)):
            out[c.name] = stem
    return out


def _programme_short_forms(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (PROGRAM, name) → the one longer programme name of the document that is `name`
    with generic words added (教育部, 中小学, 省: 名校长领航工程 and 教育部名校长领航工程 are
    教育部中小学名校长领航工程): the authority and the level say whose programme it is, not
    which. Two such longer names leave the short one as it is."""
    names = sorted({c.name for c in candidates if c.kind == PROGRAM}, key=len)
    out: dict[tuple[str, str], str] = {}
    for i, short in enumerate(names):
        if len(short) < 4 or family_label(short) is not None:
            continue  # a family's own label (集团化办学) is the name others resolve to
        fulls = [full for full in names[i + 1 :] if _adds_generic_words(short, full)]
        # the fullest of the longer forms (教育部名校长领航工程 is itself one of the next)
        fulls = [f for f in fulls if not any(_adds_generic_words(f, g) for g in fulls)]
        if len(fulls) == 1:
            out[(PROGRAM, short)] = fulls[0]
    return out


def _adds_generic_words(short: str, full: str) -> bool:
    """Return True when `full` is `short` with only generic programme words added, before it or
    between its parts, its last part (the head and the words before it) kept whole."""
    runs = pieces(short, full)
    if not runs or runs[-1][0] + runs[-1][1] != len(full) or runs[-1][1] < 4:
        return False
    gaps, at = [], 0
    for start, length in runs:
        if start > at:
            gaps.append(full[at:start])
        at = start + length
    return bool(gaps) and all(generic_with_editions(gap) for gap in gaps)


def _heads_in_full(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (SCHOOL, name) → name + 校 when the document writes both: 小学校 and 中学校 are
    小学 and 中学 written in full (某某小学 = 某某小学校)."""
    names = {c.name for c in candidates if c.kind == SCHOOL}
    return {
        (SCHOOL, n): n + "校" for n in names if _written_in_full(n, n + "校") and n + "校" in names
    }


def _group_tails(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (GROUP, name) → the one longer group name that ends with it and opens with a
    place (青禾小学教育集团 for 某区某地青禾小学教育集团): the group named without the places
    and the local name before its lead school, which the gazetteer may not know (a former
    district's).

    >>> c = [Candidate(GROUP, n, 0, 1, "EducationGroup", "t") for n in ("青禾小学教育集团",
    ...      "鹿城区白鹭青禾小学教育集团", "南浦教育集团")]
    >>> _group_tails(c)
    {('group', '青禾小学教育集团'): '鹿城区白鹭青禾小学教育集团'}
    """
    gazetteer = load_gazetteer()
    return _one_longer(
        candidates, GROUP, lambda name, f: f.endswith(name) and leading_place(gazetteer, f) > 0
    )


def _affiliated_short_forms(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (SCHOOL, name) → the one longer name that is the school an institution runs under
    that name (某大学附属|吴江幼儿园 for 吴江幼儿园): the document calls it by its own part too.

    >>> c = [Candidate(SCHOOL, n, 0, 1, "School", "t") for n in ("吴江幼儿园", "某大学附属吴江幼儿园")]
    >>> _affiliated_short_forms(c)
    {('school', '吴江幼儿园'): '某大学附属吴江幼儿园'}
    """
    return _one_longer(candidates, SCHOOL, lambda name, f: f.endswith("附属" + name))


def _one_longer(
    candidates: list[Candidate], kind: str, fits: Callable[[str, str], bool]
) -> dict[tuple[str, str], str]:
    """Return (kind, name) → the one other name of `kind` that `fits` (name, other) says is its
    full form; names with none or several are left out."""
    names = {c.name for c in candidates if c.kind == kind}
    out: dict[tuple[str, str], str] = {}
    for name in names:
        fulls = [f for f in names if f != name and fits(name, f)]
        if len(fulls) == 1:
            out[(kind, name)] = fulls[0]
    return out


# 第 before a school's number, and the level character after its place: both may be left out
# (合肥三十八中学 = 合肥市第三十八中学).
_ORDINAL = re.compile(r"第(?=[一二三四五六七八九十百0-9])")
_ORDINAL_DIGITS = re.compile(r"(?<=第)([1-9][0-9]{0,2})(?![0-9])")
# A numbered school's kind cut to its first character (第三十九中 for 第三十九中学, 24中).
_SHORT_KIND = re.compile(r"(?<=[一二三四五六七八九十百0-9])[中小幼]$")


def _kind_in_full(name: str) -> str:
    """Return a numbered school's name with its kind cut short written in full, else `name`.

    >>> _kind_in_full("某市三十九中"), _kind_in_full("某市三十九中学")
    ('某市三十九中学', '某市三十九中学')
    """
    return name[:-1] + _NUMBERED_TAILS[name[-1]] if _SHORT_KIND.search(name) else name


def numbered_key(name: str) -> str:
    """Return a school's name without 第 before its number and without the level character
    (市, 县, 区) after its leading place, which a short form may leave out; a number written in
    digits after 第 is written in characters, as the full name writes it.

    >>> numbered_key("合肥市第三十八中学"), numbered_key("合肥三十八中学")
    ('合肥三十八中学', '合肥三十八中学')
    >>> numbered_key("温州市青禾中学"), numbered_key("温州市第24中学校")
    ('温州市青禾中学', '温州二十四中学校')
    """
    if not _ORDINAL.search(name):
        return name
    bare = _ORDINAL_DIGITS.sub(lambda m: cn2an.an2cn(m[1]), name)
    bare = _ORDINAL.sub("", bare)
    gazetteer = load_gazetteer()
    place = leading_place(gazetteer, bare)
    if place > 2 and bare[place - 1] in "市县区" and bare[: place - 1] in gazetteer.by_alias:
        bare = bare[: place - 1] + bare[place:]
    return bare


def _numbered_forms(candidates: list[Candidate]) -> dict[tuple[str, str], str]:
    """Return (kind, short name) → full name for a numbered school, or a group named after one,
    written without 第 or the level character (合肥三十八中学 for 合肥市第三十八中学), or
    without its place too (三十三中学教育集团 for 襄阳市第三十三中学教育集团; 紫琅一小, its kind
    cut short too, for 南通市紫琅第一小学), when one full name fits.

    >>> c = [Candidate(GROUP, n, 0, 1, "EducationGroup", "t") for n in ("三十三中学教育集团",
    ...      "襄阳市第三十三中学教育集团")]
    >>> _numbered_forms(c)
    {('group', '三十三中学教育集团'): '襄阳市第三十三中学教育集团'}
    """
    gazetteer = load_gazetteer()
    out: dict[tuple[str, str], str] = {}
    for kind in (SCHOOL, GROUP):
        names = {c.name for c in candidates if c.kind == kind}
        by_key: dict[str, set[str]] = {}
        for name in names:
            if _ORDINAL.search(name):
                by_key.setdefault(numbered_key(name), set()).add(name)
        for name in names:
            if _ORDINAL.search(name):
                # 某市第24中学 is 某市第二十四中学 written in digits, 某市第三十九中 the same
                # school with its kind cut short: the full name writes the number in
                # characters and the kind in full.
                key = numbered_key(name)
                longer = _kind_in_full(key)
                if _ORDINAL_DIGITS.search(name) or longer != key:
                    fulls = {
                        f
                        for f in by_key.get(key, set()) | by_key.get(longer, set())
                        if f != name and not _ORDINAL_DIGITS.search(f) and len(f) > len(name)
                    }
                    if len(fulls) == 1:
                        out[(kind, name)] = next(iter(fulls))
                continue
            fulls = by_key.get(name, set()) - {name}
            # 紫琅一小: its kind cut short too (南通市紫琅第一小学)
            written = {name, _kind_in_full(name)}
            if not fulls:  # its place left out as well: a key that is a place and the name
                fulls = {
                    full
                    for key, found in by_key.items()
                    for form in written
                    if key.endswith(form)
                    and leading_place(gazetteer, key[: len(key) - len(form)])
                    == len(key) - len(form)
                    > 0
                    for full in found
                }
            if len(fulls) == 1:
                out[(kind, name)] = next(iter(fulls))
    return out


def place_prefixed(name: str, longer: str) -> bool:
    """Return True when `longer` is `name` with places written before it.

    >>> place_prefixed("瓯江中学", "温州市瓯江中学"), place_prefixed("市第三小学", "温州市第三小学")
    (True, True)
    >>> place_prefixed("瓯江中学", "新瓯江中学")
    False
    >>> place_prefixed("七中", "成都七中"), place_prefixed("七中", "新七中")
    (True, False)
    >>> place_prefixed("柏溪小学", "宜宾市叙州区柏溪小学校")
    True
    """
    if len(name) < 4 and not _NUMBERED_ONLY.match(name) or longer == name:
        return False
    if longer.endswith(("小学校", "中学校")) and not name.endswith("校"):
        longer = longer[:-1]  # 柏溪小学 is 宜宾市叙州区柏溪小学校: 小学校 is 小学 written in full
    if not longer.endswith(name):
        return _fewer_places(name, longer) or _places_written_short(name, longer)
    prefix = longer[: len(longer) - len(name)]
    if name[0] in "市区县" and prefix + name[0] in load_gazetteer().by_name:
        return True
    body, had_place = specific_part(prefix + "校", 1)
    return had_place and not body


def _fewer_places(name: str, longer: str) -> bool:
    """Return True when `name` and `longer` are one name after their places, and `name`'s places
    are some of `longer`'s, in order (某市青松路小学 in 某市某区青松路小学). The name must be a
    proper one, not a word of the language (实验小学, 中心小学: 某市实验小学 and 某市某区实验
    小学 are two schools).

    >>> _fewer_places("常州市青枫路小学", "常州市钟楼区青枫路小学")
    True
    >>> _fewer_places("常州市实验小学", "常州市钟楼区实验小学")
    False
    >>> _fewer_places("天宁区青枫路小学", "常州市钟楼区青枫路小学")
    False
    """
    places, rest = _split_places(name)
    if not places:
        return False
    more, core = _split_places(longer)
    if rest != core or len(places) >= len(more) or len(rest) < 4:
        return False
    head = head_of(SCHOOL, rest) or head_of(GROUP, rest)
    if not head or word_frequency(rest[: len(rest) - len(head)]) > 0:
        return False
    found = iter(more)
    return all(place in found for place in places)


# Level characters a place's short form leaves out (瑞安 for 瑞安市, 安阳 for 安阳街道).
_LEVEL_ENDS = ("街道", "市", "县", "区", "镇", "乡")


def _places_written_short(name: str, longer: str) -> bool:
    """Return True when `name` is `longer` with each of its places written in `longer`'s
    order, in full, by its alias or without its level character, and nothing else changed
    (瑞安安阳青禾小学 is 瑞安市安阳街道青禾小学).

    >>> _places_written_short("瑞安安阳青禾小学", "瑞安市安阳街道青禾小学")
    True
    >>> _places_written_short("瑞安青禾小学", "瑞安市安阳街道青禾小学")
    False
    """
    more, core = _split_places(longer)
    if not more or not name.endswith(core) or len(name) >= len(longer):
        return False
    prefix, at = name[: len(name) - len(core)], 0
    gaz = load_gazetteer()
    for place in more:
        forms = {place, *(alias for a in gaz.by_name.get(place, ()) for alias in a.aliases)}
        forms |= {place[: -len(end)] for end in _LEVEL_ENDS if place.endswith(end)}
        written = max(
            (f for f in forms if len(f) >= 2 and prefix.startswith(f, at)), key=len, default=""
        )
        if not written:
            return False  # every place is written: a school of a town is not the county's
        at += len(written)
    return at == len(prefix)


def _split_places(name: str) -> tuple[list[str], str]:
    """Return the places written at the start of `name` and what follows them."""
    gaz = load_gazetteer()
    places: list[str] = []
    while (length := leading_place(gaz, name)) and length < len(name):
        places.append(name[:length])
        name = name[length:]
    return places, name


def _place_prefixed_forms(
    candidates: list[Candidate], known: dict[tuple[str, str], str] | None = None
) -> dict[tuple[str, str], str]:
    """Return (kind, short name) → full name for schools and groups written both ways.

    瓯江中学 is 温州市瓯江中学 when the document writes the latter: the full name is the short one
    with a place before it (a full or short area name, 扬州市 / 杭州市余杭区), or with the level
    character resolved (市第三小学 → 温州市第三小学). Only a unique full name is used. The full
    names that `known` short forms resolve to count as written.
    """
    full: dict[str, set[str]] = {}
    # A programme is written with and without its place too (X市第三期学前教育行动计划).
    names = {(c.kind, c.name) for c in candidates if c.kind in (SCHOOL, GROUP, PROGRAM)}
    # A short form's resolved name counts as written: 第二中学 is the 温州市第二中学 that 温州二中
    # stands for.
    resolved = {(kind, full) for (kind, _), full in (known or {}).items() if kind == SCHOOL}
    resolved |= {(c.kind, c.canonical) for c in candidates if c.kind == SCHOOL and c.canonical}
    for kind, name in names | resolved:
        _, had_place = specific_part(name, 0)
        if had_place or _zone_name().match(name):  # 某某新区…: a zone the table may lack
            full.setdefault(kind, set()).add(name)
    out: dict[tuple[str, str], str] = {}
    # A resolved name is written with places too (洪山六小 → 洪山区第六小学 → 武汉市洪山区第六小学).
    for kind, name in names | resolved:
        longer = _place_prefixed_full(name, full.get(kind, set())) or _zone_prefixed_full(
            name, full.get(kind, set())
        )
        if longer is not None:
            out[(kind, name)] = longer
    return out


@lru_cache(maxsize=1)
def _zone_name() -> re.Pattern[str]:
    """Return the pattern of a zone's name: an own name of two to four characters and a zone
    head (白鹭新区, 青禾经开区)."""
    return re.compile(r"[\u4e00-\u9fff]{2,4}(?:" + lexicon.alternation("zone_heads") + ")")


def _zone_prefixed_full(name: str, fulls: set[str]) -> str | None:
    """Return the one name of `fulls` that is `name` after a development zone's name the area
    table lacks (湖南|白鹭新区|青禾实验小学教育集团), or None.

    Only the document's aliases ask this: the mention model's training matches gold names by
    the table's places alone (full_form), and its committed weights stay as they were trained.

    >>> _zone_prefixed_full("青禾实验小学教育集团", {"湖南白鹭新区青禾实验小学教育集团"})
    '湖南白鹭新区青禾实验小学教育集团'
    """
    options = []
    for f in fulls:
        if len(f) <= len(name) or not f.endswith(name):
            continue
        body, _ = specific_part(f[: len(f) - len(name)] + "校", 1)
        if _zone_name().fullmatch(body):
            options.append(f)
    return options[0] if len(options) == 1 else None


def _place_prefixed_full(name: str, fulls: set[str] | frozenset[str]) -> str | None:
    """Return the one name of `fulls` that is `name` with places before it, or None. Names
    that are each other's place-prefixed forms (经开区龙飞中学, 郑州经开区龙飞中学) are one
    school written with more or fewer places: the fullest of them counts, and so does a name
    whose 小学 or 中学 is written in full (某某小学校 over 某某小学).

    >>> _place_prefixed_full("柏溪小学", {"宜宾市叙州区柏溪小学", "宜宾市叙州区柏溪小学校"})
    '宜宾市叙州区柏溪小学校'
    """
    # A cheap test first: a place-prefixed form holds the name, and one with more places ends
    # as it does (most names do neither).
    options = [f for f in fulls if (name in f or f.endswith(name[-4:])) and place_prefixed(name, f)]
    fullest = [
        o
        for o in options
        if not any(place_prefixed(o, p) or _written_in_full(o, p) for p in options)
    ]
    return fullest[0] if len(fullest) == 1 else None


def _written_in_full(name: str, longer: str) -> bool:
    """Return True when `longer` is `name` with its final 小学 or 中学 written in full (校)."""
    return longer == name + "校" and name.endswith(("小学", "中学"))


def full_form(
    kind: str, name: str, fulls: set[str] | frozenset[str], context: AreaContext | None
) -> str | None:
    """Return the one name of `fulls` that `name` is, or is a short form of, or None.

    The same tests as alias_forms, on a given set of full names: the training script asks it
    whether a short form stands for a gold name, features.py whether it stands for a name a
    rule found in the same document.
    """
    if name in fulls:
        return name
    if kind == GROUP and group_base(name) in fulls:
        return group_base(name)
    longer = _place_prefixed_full(name, fulls)
    if longer is not None:
        return longer
    options = [f for f in fulls if f != name and abbreviates(name, f)]
    if len(options) == 1:
        return options[0]
    if kind == SCHOOL:
        expanded = _expand_short(name, fulls, load_gazetteer(), context)
        return expanded if expanded in fulls else None
    return None


def _shorthand_forms(
    candidates: list[Candidate], context: AreaContext, text: str
) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """Return (kind, short name) → full name for shorthand the document resolves, and
    full name → bare abbreviations to record as its alternative labels.

    - X一中 / X实小 is X第一中学 / X实验小学 (X市第一中学 …) when the document writes that full
      form, or when X is a city or county: then its full name (温州 → 温州市第一中学);
    - a short form the document defines, F(以下简称S), stands for F, also as the first part of
      a longer name (S教育集团 = F教育集团);
    - an initialism S of a school F the document writes (温州外国语学校 → 温外: the place's
      first character and the first of the specific part), used as the start of other names.
    """
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
    out.update(_groups_of_short_forms(candidates, written.get(GROUP, set()), schools, context))
    prefixes: dict[str, str] = {}
    bare: dict[str, set[str]] = {}
    longest_first: list[str] | None = None
    for match in _DEFINED.finditer(text):
        if longest_first is None:
            longest_first = sorted(schools | written.get(GROUP, set()), key=len, reverse=True)
        full = next((n for n in longest_first if text.endswith(n, 0, match.start())), None)
        if full:
            prefixes[match.group(1)] = full
    for short, full in (
        _defined_exactly(candidates, text) | _respectively(candidates, text)
    ).items():
        out.setdefault(short, full)
        bare.setdefault(full, set()).add(short[1])
    for short, full in _initialisms(candidates, schools, gaz).items():
        prefixes.setdefault(short, full)
    for short, full in prefixes.items():
        bare.setdefault(full, set()).add(short)
        for c in candidates:
            if c.kind not in (SCHOOL, GROUP) or c.canonical or not c.name.startswith(short):
                continue
            longer = full + c.name[len(short) :]
            if longer != c.name and longer in written.get(c.kind, set()):
                out[(c.kind, c.name)] = longer
    return out, bare


def _groups_of_short_forms(
    candidates: list[Candidate],
    groups: set[str],
    schools: set[str],
    context: AreaContext | None,
) -> dict[tuple[str, str], str]:
    """Return (group, short name) → full name for a group named after its lead school's
    shorthand (X六中教育集团) when the document also names it after the full school name
    (X第六中学教育集团): one group, two spellings.

    >>> c = [Candidate(GROUP, n, 0, 1, "EducationGroup", "t") for n in ("温州二中教育集团",
    ...      "温州市第二中学教育集团")]
    >>> _groups_of_short_forms(c, {c[0].name, c[1].name}, set(), None)
    {('group', '温州二中教育集团'): '温州市第二中学教育集团'}
    """
    gaz = load_gazetteer()
    out: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.kind != GROUP or c.canonical:
            continue
        head = head_of(GROUP, c.name)
        if not head:
            continue
        short = c.name[: -len(head)]
        options = {f + head for f in _spelled_out(short)} & groups
        if len(options) != 1:
            school = _expand_short(short, schools, gaz, context)
            options = {school + head} & groups if school else set()
        if len(options) == 1 and c.name not in options:
            out[(GROUP, c.name)] = options.pop()
    return out


def _shorthand(short: str) -> tuple[str, str] | None:
    """Return (place, full tail) of a numbered or experimental shorthand (青田一中 → 青田,
    第一中学; 青田二幼 → 青田, 第二幼儿园), or None.

    >>> _shorthand("青田二幼"), _shorthand("青田3小")
    (('青田', '第二幼儿园'), ('青田', '第三小学'))
    """
    numbered = _SHORT_NUMBERED.fullmatch(short)
    experimental = _SHORT_EXPERIMENTAL.fullmatch(short)
    if not numbered and not experimental:
        return None
    if numbered:
        number = numbered.group(2)
        # 某市49中 is 某市第四十九中学: a school's number is written out in its full name.
        tail = _numbered_tail(number, numbered.group(3))
    else:
        tail = "实验小学"
    return (numbered or experimental).group(1), tail


def _numbered_tail(number: str, level: str) -> str:
    """Return a numbered school's name tail written out (49, 中 → 第四十九中学; 二, 幼 →
    第二幼儿园): its full name writes the number in characters after 第."""
    written = cn2an.an2cn(number) if number.isdigit() else number
    return f"第{written}{_NUMBERED_TAILS[level]}"


def _spelled_out(short: str) -> list[str]:
    """Return the full school names a numbered or experimental shorthand may stand for.

    >>> _spelled_out("青田一中")
    ['青田第一中学', '青田市第一中学', '青田区第一中学', '青田县第一中学']
    >>> _spelled_out("青田12中")[0]
    '青田第十二中学'
    """
    parts = _shorthand(short)
    if parts is None:
        return []
    place, tail = parts
    return [f"{place}{level}{tail}" for level in ("", "市", "区", "县")]


# Kinds whose defined short forms stand for the name itself only, not as the start of others.
_DEFINED_KINDS = (PROGRAM, ORG)


# Short forms a document defines for the names it has just listed, one each, in order:
# (以下分别简称甲、乙), 以下分别称为甲、乙、丙。
_RESPECTIVELY = re.compile(r"(?:以下)?分别(?:简称|称为|称)[::]?\s*([^。;;\n()()]{2,80})")
_ITEM_SPLIT = re.compile(r"[、,,]|和|及")
_RESPECTIVELY_REACH = 400  # characters before the definition where the names it follows stand
_RESPECTIVELY_KINDS = (SCHOOL, GROUP, ORG, PROGRAM)


def _respectively(candidates: list[Candidate], text: str) -> dict[tuple[str, str], str]:
    """Return (kind, short name) → full name for the short forms a document defines for the
    names it has just listed, in their order (甲学校、乙学校(以下分别简称甲校、乙校)): the k-th short
    form stands for the k-th of the last names before it, when their counts agree.

    >>> t = "青禾市第一中学、南浦实验学校(以下分别简称一中、南实)"
    >>> c = [Candidate(SCHOOL, "青禾市第一中学", 0, 7, "School", "t"),
    ...      Candidate(SCHOOL, "南浦实验学校", 8, 14, "School", "t")]
    >>> sorted(_respectively(c, t).items())
    [(('school', '一中'), '青禾市第一中学'), (('school', '南实'), '南浦实验学校')]
    """
    out: dict[tuple[str, str], str] = {}
    for match in _RESPECTIVELY.finditer(text):
        shorts = [p.strip("“”\"' ") for p in _ITEM_SPLIT.split(match.group(1))]
        shorts = [p for p in shorts if p]
        if len(shorts) < 2 or any(not 2 <= len(p) <= 12 for p in shorts):
            continue
        before = sorted(
            (
                c
                for c in candidates
                if c.kind in _RESPECTIVELY_KINDS
                and match.start() - _RESPECTIVELY_REACH <= c.start
                and c.end <= match.start()
            ),
            key=lambda c: c.start,
        )
        names: list[Candidate] = []
        for c in before:
            if names and c.start < names[-1].end:
                continue  # a name inside the last one (its area, its parent)
            names.append(c)
        if len(names) < len(shorts):
            continue
        for short, full in zip(shorts, names[-len(shorts) :], strict=True):
            if short != (full.canonical or full.name):
                out[(full.kind, short)] = full.canonical or full.name
    return out


def _defined_exactly(candidates: list[Candidate], text: str) -> dict[tuple[str, str], str]:
    """Return (kind, short name) → full name for the programmes and bodies a document gives a
    short form: F(简称“S”) makes S an alternative label of F, not an entity of its own."""
    names = {(c.canonical or c.name): c.kind for c in candidates if c.kind in _DEFINED_KINDS}
    if not names:
        return {}
    longest_first = sorted(names, key=len, reverse=True)
    out: dict[tuple[str, str], str] = {}
    for match in _DEFINED.finditer(text):
        before = text[: match.start()].rstrip('”"')
        full = next((n for n in longest_first if before.endswith(n)), None)
        if full:
            out[(names[full], match.group(1))] = full
    return out


# A number in digits (no 第 before it) and a kind's whole word (31中学, 温州12小学): its shorthand
# is the number and the kind's first character (31中).
_DIGITS_KIND = re.compile(r"(?<![0-9第])([1-9][0-9]?)(中学|小学|幼儿园)$")


def _as_shorthand(name: str) -> str:
    """Return a name numbered in digits before its kind's whole word in shorthand (31中学 →
    31中), which the full name (第三十一中学) is found for; other names as they are.

    >>> _as_shorthand("31中学"), _as_shorthand("温州12小学"), _as_shorthand("第31中学")
    ('31中', '温州12小', '第31中学')
    """
    return _DIGITS_KIND.sub(lambda m: m[1] + m[2][0], name)


def _expand_short(name: str, schools: set[str], gaz, context: AreaContext | None) -> str | None:  # noqa: ANN001
    name = _as_shorthand(name)
    if _PLACELESS_NUMBERED.fullmatch(name):  # 五十七中 is no place 五十 and its 七中
        return _bare_numbered_full(name, schools)
    if name[:1] in "市区县" and _PLACELESS_NUMBERED.fullmatch(name, 1):
        return _bare_numbered_full(name[1:], schools)  # 市二幼: the document's own 二幼
    parts = _shorthand(name)
    if parts is None:
        return None
    place, tail = parts
    found = [o for o in _spelled_out(name) if o in schools]
    if len(found) == 1:
        return found[0]
    areas = [
        a
        for a in gaz.by_name.get(place, ()) + gaz.by_alias.get(place, ())
        if a.level in ("city", "county")
    ]
    if len(areas) > 1:
        codes = context.codes if context is not None else frozenset()
        areas = [a for a in areas if a.code in codes] or areas[:0]
    if context is not None and context.chain:
        # A place of the document's own province (滨江二小 in a page of 江西's: a school's own
        # name, not 杭州's 滨江区); a page placed nowhere is read as before.
        province = context.chain[0].code[:2]
        areas = [a for a in areas if a.code[:2] == province or a.code in context.named]
    if len(areas) == 1:
        return areas[0].name + tail
    return None


def _bare_numbered_full(name: str, schools: set[str]) -> str | None:
    """Return the one school of `schools` a bare numbered short form (五十七中, 57中, 十二小)
    stands for, the one whose name ends with that number written out, or None.

    >>> _bare_numbered_full("57中", {"青田县第五十七中学", "青田县第五十七中学南校区"})
    '青田县第五十七中学'
    >>> _bare_numbered_full("一中", {"青田县第一中学", "温州市第一中学"})
    >>> _bare_numbered_full("二幼", {"青田县第二幼儿园"})
    '青田县第二幼儿园'
    """
    bare = _PLACELESS_NUMBERED.fullmatch(name)
    if bare is None:
        return None
    number, level = bare.groups()
    tail = _numbered_tail(number, level)
    options = [s for s in schools if s.endswith(tail) and len(s) > len(tail)]
    return options[0] if len(options) == 1 else None


def _initialisms(candidates: list[Candidate], schools: set[str], gaz) -> dict[str, str]:  # noqa: ANN001
    """Return short → full for two-character initialisms of the written full school names."""
    fulls: dict[str, set[str]] = {}
    for full in schools:
        # The first place word (温州 in 温州外国语学校) and the character after it.
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
