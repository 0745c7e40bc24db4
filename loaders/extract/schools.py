"""Schools, kindergartens and campuses, found by their suffix and a specific name before it.

A school name is `[place][specific part][suffix]` (常州市 + 西仓桥 + 小学). Designations
(示范学校, 试点学校, 特色学校) and generic phrases (乡镇学校, 民办幼儿园, 3所小学) are not
institutions, so a name needs a specific part beyond places, counts and generic modifiers, or a
place alone (鹿城幼儿园). A campus (…校区, …分校, …部) is a School of class Campus, campusOf the
school its name begins with when that prefix is itself a school name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick

from loaders.dictionary import dictionary_tag, dictionary_word
from loaders.extract import lexicon
from loaders.extract.boundaries import (
    LED_GROUP,
    glued_start,
    head_ending_at,
    head_of,
    names_main_site,
    verb_word,
)
from loaders.extract.cover import Cover
from loaders.extract.gazetteer import leading_place, load_gazetteer
from loaders.extract.model import GROUP, ORG, SCHOOL, Candidate
from loaders.extract.names import (
    ROAD_HEAD,
    after_cut_noise,
    deictic_before,
    extend_left,
    opens_a_longer_place,
    opens_a_place,
    past_role_noun,
    strip_leading_noise,
)
from loaders.extract.place_words import word_at
from loaders.extract.sentences import word_hits
from loaders.gazetteer import GENERIC_PLACE_WORDS

# The heads a school name ends with (lexicon/school_heads.tsv): suffix → school level
# (ekg:schoolLevel), and the campus words (…校区, …分校, …部).
SUFFIXES: dict[str, str] = {
    word: level for word, level in lexicon.classes("school_heads").items() if level != "campus"
}
CAMPUS_SUFFIXES = lexicon.words("school_heads", "campus")
_KINDERGARTEN_HEADS = frozenset(lexicon.words("school_heads", "kindergarten"))
_SUFFIXES_LONGEST_FIRST = sorted(SUFFIXES, key=len, reverse=True)
# After a suffix, these mean the word is not a school (小学生, 中学阶段, 小学教育).
_NOT_AFTER = re.compile(lexicon.guarded_alternation("school_not_after"))
_STAFF = frozenset(lexicon.words("school_not_after", "staff"))
_TITLES = frozenset(lexicon.words("school_not_after", "title"))
# An edition or batch (首批, 第二批, 新一轮) says which schools or groups, it names none.
EDITIONS = (
    lexicon.alternation("edition_words", "edition")
    + "|第[0-9一二三四五六七八九十]+(?:"
    + lexicon.alternation("edition_words", "ordinal-measure")
    + ")"
)
_EDITION = re.compile(EDITIONS)
# Generic modifiers (公办, 乡村, 示范, 省级 …), editions and numerals: a specific part made only
# of these names a kind of school, not one school.
GENERIC = re.compile(
    "(?:"
    + lexicon.alternation("generic_modifiers")
    + "|"
    + EDITIONS
    + r"|[0-9]+|[一二三四五六七八九十两])+"
)
# A level character for the document's own area and kind words after it name one school, the
# area's own (县实验小学, 市外国语学校): a short form listed as written (ANNOTATION.md).
_OWN_LEVELS = ("省", "市", "县", "区")
_SERIAL = re.compile(r"[一二三四五六七八九十]{1,3}|[0-9]{1,3}")
# A number of two or three characters (十六, 四十, 八十八) before a school head is the school's
# number (八十八中学, 第 left out); a single numeral before one is a count (一中学, 三小学).
_TENS = re.compile(
    r"[二三四五六七八九]?十[一二三四五六七八九]|[二三四五六七八九]十|[1-9][0-9]{0,2}"
)
_NUMBERED_HEADS = ("中学", "小学", "幼儿园")
# Numerals without 十 (八一, 五四, 一二九) read as no number and, with no measure word, as no
# count: they write a date (八一: 1 August), which schools are named after. Neighbours in order
# (三四, 五六) are an approximate count (三四所学校) and stay out.
_DATE_NUMERALS = "一二三四五六七八九"
_DATE_NAME = re.compile(f"[{_DATE_NUMERALS}]{{2,3}}")


def _date_name(body: str) -> bool:
    """Return True when `body` is numerals that write a date (八一, 五四, 一二九).

    >>> _date_name("八一"), _date_name("一二九"), _date_name("三四"), _date_name("八十")
    (True, True, False, False)
    """
    if not _DATE_NAME.fullmatch(body):
        return False
    ranks = [_DATE_NUMERALS.index(c) for c in body]
    return any(b - a != 1 for a, b in zip(ranks, ranks[1:], strict=False))


_KINDS_ONLY = re.compile(
    "(?:" + "|".join(w for w in lexicon.words("generic_modifiers", "kind") if w != "学科") + ")+"
)
# Policy vocabulary that never occurs in an institution's own name (verbs of administration,
# evaluative and category words): their presence marks a phrase about schools in general.
POLICY_WORDS = re.compile(lexicon.alternation("policy_words") + r"|第[一二三四五六七八九十0-9]+轮")
# A campus word after these is not a named campus: 办分校 (runs a branch), 四个校区, 两大校区,
# 首个某某校区 (its first campus outside a city: a count, in order), 总部校区.
_BAD_CAMPUS = re.compile(
    r"办$|[0-9一二三四五六七八九十两几多首](?:个|大$)|总部|[和与及同]$|总校(?!区)"
)
# A campus written in parentheses after its school: 明远中学(东校区); a kindergarten's also by
# its 园区, 分园 or own 园 (某某幼儿园(江景园区), (南园)): after another school a park or a zone.
_CAMPUS_WORD = r"[\u4e00-\u5b65\u5b67-\u9fff]"  # a campus's own name holds no 学
_PAREN_CAMPUS = re.compile(rf"[(（]{_CAMPUS_WORD}{{1,4}}(?:校区|分校)[)）]")
_PAREN_KINDERGARTEN_CAMPUS = re.compile(
    rf"[(（]{_CAMPUS_WORD}{{1,4}}(?:校区|分校|园区|分园)[)）]"
    # or by its own 园 (某某幼儿园(南园), (林前园)); not a grade or a kind (省一级园, 公办园)
    rf"|[(（](?![^)）]*(?:级|公办|民办|普惠|示范|类|第)){_CAMPUS_WORD}{{1,3}}园[)）]"
)
# A campus in parentheses after its group's name (某某教育集团(某某校区)), a space before them
# allowed: the group's school there.
_GROUP_PAREN_CAMPUS = re.compile(r"[ \t]?" + _PAREN_CAMPUS.pattern)
# A school word inside a longer name (某某中学|附属小学, 某中学|启用新校区): what a school's name
# ends with, which a group's or a campus's name may hold before its own head.
SCHOOL_WORD = re.compile(r"学校|小学|中学|幼儿园|初中|高中")
# What joins a school's name to the school it runs (某小学附属幼儿园, 某中学附设小学).
_ATTACHED = re.compile(r"(?:附属|附设)$")
# An institute's or a college's name before 附属 (某市教育研究院附属, 某某师范学院附属).
_ATTACHED_TO_INSTITUTE = re.compile(r"(?:研究院|研究所|科学院|学院|大学)附属$")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}年")
# A count of districts or counties (内六区, 三区, 两县) opening a school's specific part.
_COUNTED_AREAS = re.compile(r"(?:市?内|城)?[二三四五六七八九十两几多]+[区县]")
_JOINED_CAMPUS = re.compile(r"(?:校区|分校)[和与及]")
# Designations, not institutions: 示范学校, 绿色学校, 试点学校 …
DESIGNATION = re.compile(lexicon.alternation("designations"))
# Generic heads (stoplist): a place-less name made only of these words means "schools of a kind
# or of a tier", not one institution — 市直学校, 直属学校, 集团内学校, 国际一流学校, 区管学校.
GENERIC_HEADS = re.compile("(?:" + lexicon.alternation("generic_school_heads") + ")+")
# Category words: a place followed only by these is a kind of school in that place
# (江苏省义务教育学校), while a place with a descriptor (鹿城外国语学校) is one school.
CATEGORY = re.compile("(?:" + lexicon.alternation("school_categories") + ")+")
# Capacity, count and share phrases: 3轨18班小学, 6所学校, 20余家学校, 超八成学校 (more than
# eight tenths of the schools) describe schools, never name one. A share is told by the word
# before or after it: 九成 alone opens a place's name (九成宫镇).
CAPACITY = re.compile(
    r"[0-9一二三四五六七八九十两]+轨|[0-9一二三四五六七八九十两几余多]+[所家个座]|[0-9]+班"
    r"|[超近逾约占达][一二三四五六七八九]成|[一二三四五六七八九]成(?:以上|左右)"
)
# Words after which a school name begins (verbs, prepositions, conjunctions): the text left
# of the rightmost one is not part of the name (引进北师大附校, 由市直学校托管, 完成X校区).
LEFT_BREAKS = re.compile(lexicon.alternation("school_left_breaks"))
# One-character function words end the text before a name only at its very start (由市直学校,
# 托X联盟); inside a name they are usually part of a word (指导, 以及, 和平).
LEFT_BREAK_CHARS = "".join(lexicon.words("school_leading_chars"))
# 九年一贯制 / 十二年一贯制 describe a school's span of grades; they precede its name.
_THROUGH_TRAIN = re.compile(r"^(?:[九十二]+年)?一贯制")
# Names sharing one suffix: 红杉、紫荆(暂定名)幼儿园 → 红杉幼儿园, 紫荆幼儿园. Parts hold no
# suffix character, so 中小学、幼儿园 (two kinds of school) is not read as a list.
_PART = r"(?:(?![学校园])[\u4e00-\u9fff]){2,6}"
_LIST_SUFFIXES = ("幼儿园", "小学", "初级中学", "高级中学", "中学", "实验学校", "学校")
_COORDINATED = re.compile(
    rf"((?:{_PART}、)+)({_PART}?)(?:[(（][^()（）]{{1,6}}[)）])?({'|'.join(_LIST_SUFFIXES)})"
)
# A numbered school (实验二小, 市一中, X三幼: the usual shorthand of 第N中学/小学/幼儿园) after a
# Chinese character. The first numeral comes first in the pattern, so the regex engine skips
# the text to each numeral at once.
_NUMBERED = re.compile(
    r"[一二三四五六七八九十](?<=[\u4e00-\u9fff].)[一二三四五六七八九十]{0,2}(?:[中小](?![学心国型全])|幼(?![儿师教]))"
    # News writes the number in digits too (某市49中, 某市68小); not before 幼 (2幼 reads
    # otherwise), nor before a word that 小 begins (3小时, 5小组).
    r"|(?<=[\u4e00-\u9fff])[0-9]{1,3}(?:中(?![学心国型全央期])|小(?![学心国型全时组区微节步块片队朋伙]))"
    # 某某一校, 某区10校: 第N学校 written short, where the name ends or a list, a verb's
    # particle or a group's or a pupil's word follows (not 校区, 校长, 一校一品, 三校联动).
    r"|(?:[一二三四五六七八九十](?<=[\u4e00-\u9fff].)[一二三四五六七八九十]{0,2}"
    r"|(?<=[\u4e00-\u9fff])[0-9]{1,3})校(?:(?![\u4e00-\u9fff])|(?=[等和与及的为是在学教集]))"
)


def has_numbered_school(text: str) -> bool:
    """Return True when `text` holds a numbered school's short form (市一中, 实验二小).

    >>> has_numbered_school("市二十一中"), has_numbered_school("初中"), has_numbered_school("某市49中")
    (True, False, True)
    """
    return _NUMBERED.search(text) is not None


# Every _NUMBERED match holds a numeral right before its 中/小/幼: sentences without one are
# skipped.
_NUMBERED_END = re.compile(r"[一二三四五六七八九十](?=[中小幼校])|[0-9](?=[中小校])")


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in list(SUFFIXES) + list(CAMPUS_SUFFIXES):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


# Pure, and asked about the same names over and over: by trim_left for each break, by the
# candidate rules, by resolve.py for every candidate key, and again in the next document.
@lru_cache(maxsize=16384)
def specific_part(name: str, suffix_len: int) -> tuple[str, bool]:
    """Return the part of a name that is neither place nor suffix, and whether a place precedes.

    >>> specific_part("温州市松涛桥小学", 2)
    ('松涛桥', True)
    >>> specific_part("鹿城幼儿园", 3), specific_part("城区小学", 2)
    (('', True), ('城区', False))
    """
    gaz = load_gazetteer()
    body = name[: len(name) - suffix_len]
    had_place = False
    length = leading_place(gaz, body)
    # 城区, 新区 … alone before a school's head are kinds of place (城区小学), like 乡村 or 城镇.
    while length and not (length == len(body) and body in GENERIC_PLACE_WORDS):
        body, had_place = body[length:], True
        length = leading_place(gaz, body)
    return body, had_place


# An ethnic group's name alone (朝鲜族, 回族, 民族): the people a kind of school is for.
_PEOPLE = re.compile(r"[\u4e00-\u9fff]{1,4}族")


@lru_cache(maxsize=16384)
def is_specific(name: str, suffix_len: int) -> bool:
    """Return True when `name` names one institution rather than a kind of institution.

    >>> is_specific("青松小学", 2), is_specific("乡镇学校", 2), is_specific("鹿城幼儿园", 3)
    (True, False, True)
    >>> is_specific("市一中附小", 2), is_specific("市附小", 2)
    (True, False)
    >>> is_specific("朝鲜族小学", 2), is_specific("延吉市朝鲜族中学", 2)
    (False, True)
    """
    body, had_place = specific_part(name, suffix_len)
    head, suffix = name[: len(name) - suffix_len], name[len(name) - suffix_len :]
    if _ATTACHED_TO_INSTITUTE.search(head) and len(body) > len("研究院附属"):
        return True  # 某市教育研究院附属小学: a school an institute runs (研究 names no honour)
    if (
        any(not ROAD_HEAD.match(head, m.end()) for m in DESIGNATION.finditer(head))
        or POLICY_WORDS.search(head)
        or name.endswith(("中小学", "中小学校"))
    ):
        return False
    if CAPACITY.search(head) or _YEAR.search(head):
        return False  # 3轨18班小学; 某局2022年小学(招生): a year dates, it names no school
    if _COUNTED_AREAS.match(body):
        return False  # 某市内六区重点高中, 某市三区普通高中: several districts' schools
    if _JOINED_CAMPUS.search(head):
        return False  # 某中学新校区和实验学校: a campus and another school joined, two names
    if suffix.startswith("附") and has_numbered_school(head):
        return True  # 市一中附小: the primary school affiliated to the city's 一中
    attached = _ATTACHED.search(head)
    if attached and named_school(head[: attached.start()]):
        return True  # 青禾小学附属幼儿园: the kindergarten a named school runs, named by it
    if suffix == "幼儿园" and named_school(head):
        return True  # 青禾小学幼儿园: a named school's kindergarten, 附属 left out
    inner = SCHOOL_WORD.search(head)
    if inner and "集团" not in head and not _compound_school(head):
        # 青禾中学附小: the primary school affiliated to a school, named by it
        return suffix.startswith("附") and named_school(head)
    if GENERIC_HEADS.fullmatch(body) or (body and CATEGORY.fullmatch(body)):
        return False  # a tier or kind (直属学校, 江苏省义务教育学校), not one institution
    rest = GENERIC.sub("", body)
    if _PEOPLE.fullmatch(body) and not had_place:
        return False  # 朝鲜族小学, 民族中学: schools of a people, a kind (某市朝鲜族中学 is one)
    if _EDITION.search(body):
        return False  # 某市第二批普通高中: a batch of an area's schools, not one school
    if rest:
        return len(body) >= 2 or had_place
    if name[len(name) - suffix_len :] == "学校" and head.endswith(("省", "市", "区", "县")):
        return False  # 钟楼区学校: the schools of a district
    if body[:1] in _OWN_LEVELS and (
        _KINDS_ONLY.fullmatch(body, 1) or (body in _OWN_LEVELS and _KINDS_ONLY.match(suffix))
    ):
        return True  # 县实验小学, 县职业中学: the one school of its kind the area runs
    if body[:1] in _OWN_LEVELS and _SERIAL.fullmatch(body, 1):
        return True  # 市二初级中学: the area's school of that number (a short form, as 市二中)
    if _TENS.fullmatch(body) and suffix in _NUMBERED_HEADS:
        return True  # 八十八中学, 27中学: the area's school of that number, 第 left out
    if _date_name(body):
        return True  # 八一小学, 六一幼儿园: named after a date, not numbered or counted
    if not body and GENERIC.fullmatch(head):
        return False  # 合作学校, 新建学校: modifiers a place is also called (合作市, 新建区)
    return had_place and not body.startswith(("各", "所", "省", "市", "区", "县"))


def named_school(name: str) -> bool:
    """Return True when `name` is a specific school's name ending with a school head.

    >>> named_school("青禾中学"), named_school("各中学"), named_school("青禾中学和白鹭中学")
    (True, False, False)
    """
    inner = list(SCHOOL_WORD.finditer(name))
    if not inner or inner[-1].end() != len(name):
        return False
    head_len = len(inner[-1].group())
    return len(inner) == 1 and is_specific(name, head_len)


def _verb_before_a_kind(name: str, suffix_len: int) -> bool:
    """Return True when `name` is a verb and a kind of school (加大|城镇小学, 办好|乡村学校): the
    verb governs the kind, and no name is left. A name that only begins with a verb's
    characters (前进小学, 建设路小学) has no kind after them."""
    body = name[2 : len(name) - suffix_len]
    return bool(body) and GENERIC.fullmatch(body) is not None and verb_word(name, 0)


def _verb_before_campus(head: str) -> bool:
    """Return True when a verb follows the school before a campus word, with at most a generic
    modifier after it (某中学|启用新|校区, 某小学|建成|校区): the school does something to a
    campus it does not name. A road or a place after the verb's characters (某中学建设路校区)
    names the campus.

    >>> _verb_before_campus("青禾中学启用新"), _verb_before_campus("青禾中学建设路")
    (True, False)
    """
    last = last_school_word(head)
    if last is None:
        return False
    rest = head[last.end() + 2 :]
    return verb_word(head, last.end()) and (not rest or GENERIC.fullmatch(rest) is not None)


def last_school_word(head: str) -> re.Match[str] | None:
    """Return the last school word (学校, 中学 …: SCHOOL_WORD) inside `head`, or None."""
    words = list(SCHOOL_WORD.finditer(head))
    return words[-1] if words else None


def _compound_school(head: str) -> bool:
    """Return True when `head` ends with a whole school name plus a further specific part.

    江苏省如皋高级中学外国语学校 and 青禾第二小学白鹭学校 are schools founded by another and
    named after it, with or without a place; 中小学英语学校 is not (中小学 names no school).

    >>> _compound_school("江苏省如皋高级中学外国语"), _compound_school("中小学英语")
    (True, False)
    >>> _compound_school("青松小学牵手白杨"), _compound_school("鹿城区第一中学签订")
    (False, False)
    """
    last = last_school_word(head)
    if last is None or len(head) - last.end() < 2:
        return False
    inner, suffix_len = head[: last.end()], len(last.group())
    _, had_place = specific_part(inner, suffix_len)
    if had_place:
        # 某县中学签订|联校: a verb after the whole school's name begins a clause, no name.
        return is_specific(inner, suffix_len) and _first_tag(head[last.end() :]) != "v"
    # Without a place, each part must begin as a name does, not as a clause (加快|某小学…,
    # 青松小学牵手|白杨中学: a verb joins two schools), and hold nothing but words.
    return (
        _CJK_ONLY.fullmatch(head) is not None
        and _first_tag(inner) not in _CLAUSE_TAGS
        and _first_tag(head[last.end() :]) not in _CLAUSE_TAGS
        and is_specific(inner, suffix_len)
        and not trim_left(inner, suffix_len)
    )


_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
# jieba's tags of a word that joins two schools in a clause (verbs, prepositions, conjunctions,
# adverbs, pronouns) rather than begins a school's own name.
_CLAUSE_TAGS = ("v", "p", "c", "d", "r", "u")


@lru_cache(maxsize=4096)
def _first_tag(text: str) -> str:
    """Return jieba's tag of the first word of `text` (particles as 'u')."""
    import jieba.posseg

    words = jieba.posseg.lcut(text, HMM=False)
    tag = words[0].flag if words else ""
    return "u" if tag.startswith("u") else tag


# jieba's tags of the words that govern or join what follows them and open no name: verbs,
# conjunctions, prepositions and adverbs (尽管|某区一小, 通过|某县某小学, 正在|某区二中).
_GOVERNING_TAGS = frozenset({"v", "c", "p", "d"})


def _after_verb_before_place(text: str, start: int, end: int) -> int:
    """Return where the last verb, conjunction, preposition or adverb of two or more
    characters that jieba reads in text[start:end] ends, when a place's name follows it right
    away (已经选取|某区六中, 计划新建|某县某某小学, 尽管|某区一小); else `start`. A school's
    name opens with its place, not a verb.

    >>> t = "已经选取浑南六中"
    >>> t[_after_verb_before_place(t, 0, 6) :], "解放路小学"[_after_verb_before_place("解放路小学", 0, 3) :]
    ('浑南六中', '解放路小学')
    >>> _after_verb_before_place("硚口区仁寿路小学", 0, 6)  # a place jieba's dictionary tags a verb
    0
    """
    import jieba.posseg

    gaz = load_gazetteer()
    cut, at = start, start
    for word in jieba.posseg.lcut(text[start:end], HMM=False):
        at += len(word.word)
        if (
            word.flag in _GOVERNING_TAGS
            and len(word.word) > 1
            and leading_place(gaz, word.word) < len(word.word)  # jieba tags 硚口区 a verb
            and leading_place(gaz, text[at:end])
        ):
            cut = at
    return cut


@lru_cache(maxsize=16384)  # pure; asked for each alternative of a school's name, as is_specific
def trim_left(name: str, suffix_len: int) -> int:
    """Return how many leading characters are not part of the school name (verbs, 一贯制 …).

    >>> trim_left("引进北师大淮安附校", 2), trim_left("和平小学", 2), trim_left("九年一贯制青禾路学校", 2)
    (2, 0, 5)
    >>> trim_left("和青松小学", 2), trim_left("和平区岳阳道小学", 2)
    (1, 0)
    """
    cut = _past_description(name, _trim_left(name, suffix_len), suffix_len)
    after = past_role_noun(name, cut, len(name) - suffix_len)
    if is_specific(name[after:], suffix_len):
        return after
    return _at_a_place(name, cut, suffix_len)


def _at_a_place(name: str, cut: int, suffix_len: int) -> int:
    """Return where a place's name begins a specific name inside a generic one when only
    verbs and adverbs come before it (最终|认定|鹿城区青禾幼儿园: a verb no break list holds,
    so the rule read on), else `cut`.

    >>> _at_a_place("最终认定鹿城区青禾幼儿园", 0, 3), _at_a_place("推进鹿城区中小学", 0, 3)
    (4, 0)
    >>> _at_a_place("切实改善鹿城学校", 0, 2)  # the area's schools
    0
    >>> _at_a_place("市教育科学研究院鹿城区青禾学校", 0, 2)  # founded by an institute
    0
    """
    for at in range(cut + 1, len(name) - suffix_len - 1):
        if opens_a_place(name, at) and is_specific(name[at:], suffix_len):
            # A name of its own after the place (改善|钟楼学校: the area's schools, no name)
            own = specific_part(name[at:], suffix_len)[0]
            return at if own and _predicate_only(name[cut:at]) else cut
    return cut


_VERB_OR_ADVERB_TAGS = frozenset({"v", "d", "ad", "vd"})


def _predicate_only(words: str) -> bool:
    """Return True when jieba reads `words` as verbs and adverbs of two or more characters."""
    import jieba.posseg

    read = jieba.posseg.lcut(words, HMM=False)
    return bool(read) and all(len(w.word) > 1 and w.flag in _VERB_OR_ADVERB_TAGS for w in read)


def _past_description(name: str, cut: int, suffix_len: int) -> int:
    """Return where the name begins after a description of its kind written before it in
    apposition (公办学校|青松小学, 优质高中|白桦中学): the description ends in a school word but
    names no school, and the rest does. A school word after a name that is specific on its own
    (某某中学|外国语学校, one school founded by another) is no description.

    >>> _past_description("公办学校青松小学", 0, 2), _past_description("和平中学外国语学校", 0, 2)
    (4, 0)
    """
    head_end = len(name) - suffix_len
    for match in reversed(list(SCHOOL_WORD.finditer(name, cut, head_end))):
        rest = name[match.end() :]
        if rest.startswith(_PART_WORD):
            continue  # 某中学初中|部某某校区: the school word begins its part (初中部), no description ends
        if (
            len(rest) > suffix_len
            and is_specific(rest, suffix_len)
            and (
                not is_specific(name[cut : match.end()], len(match.group()))
                # Modifiers alone describe (合作学校|某某中学), even those a place is also
                # called (合作, 新建): the gazetteer's reading makes them look specific.
                or GENERIC.fullmatch(name, cut, match.start()) is not None
            )
        ):
            return match.end()
    # A common noun for a school (名校, 母校, 该校) or a role noun made of modifiers (协作校,
    # 中心校) in apposition before the name.
    for match in _SCHOOL_NOUN_END.finditer(name, cut + 1, head_end):
        rest = name[match.end() :]
        word = name[match.start() - 1 : match.end()]
        if (
            len(rest) > suffix_len + 1
            and word not in _SCHOOL_WORDS  # 学校, 分校: a school's own head (某学校某校区)
            and (_common_school_noun(word) or GENERIC.fullmatch(name, cut, match.start()))
            and is_specific(rest, suffix_len)
        ):
            return match.end()
    return cut


_SCHOOL_NOUN_END = re.compile("[校园]")
# The word of a school's part (初中部, 小学部) after its stage.
_PART_WORD = "部"
_SCHOOL_WORDS = frozenset(lexicon.words("school_heads"))


@lru_cache(maxsize=1024)
def _common_school_noun(word: str) -> bool:
    """Return True when jieba's dictionary has `word` as a common noun or pronoun (名校, 母校,
    该校), not a name's word."""
    return dictionary_tag(word) in ("n", "r")


def left_breaks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Return the break words (LEFT_BREAKS) in text[start:end], leaving out those that open a
    place's name: 新建 is a verb, 新建区 a district (南昌市新建区某某学校).

    >>> [m.group() for m in left_breaks("新建青松小学", 0, 4)], left_breaks("新建区青松小学", 0, 5)
    (['新建'], [])
    """
    return [
        m
        for m in LEFT_BREAKS.finditer(text, start, end)
        if not opens_a_longer_place(text, m.start(), m.end())
    ]


def _opens_word(name: str) -> bool:
    """Return True when a function character opens a word of the name: a dictionary word of
    two characters or more that jieba reads whole there (对外, 至善), not one it splits off.

    >>> _opens_word("对外经济学院附属中学"), _opens_word("在青禾小学")
    (True, False)
    """
    length = word_at(name, 0)
    return length >= 2 and dictionary_word(name[:length])


def _trim_left(name: str, suffix_len: int) -> int:
    cut = (
        1
        if name[:1]
        and name[0] in LEFT_BREAK_CHARS
        and is_specific(name[1:], suffix_len)
        and not opens_a_place(name, 0)  # 和平区…: the character opens a place
        and not _opens_word(name)  # 对外…学院附属中学: 对 opens the word 对外
        else 0
    )
    match = _THROUGH_TRAIN.match(name, cut)
    if match:
        cut = match.end()
    head_end = len(name) - suffix_len
    verb_end = _after_verb_before_place(name, cut, head_end)
    if verb_end > cut and specific_part(name[verb_end:], suffix_len)[0]:
        # 已经选取|某区某某中学: the predicate before the school's place, when a name of its
        # own follows the place (改善|钟楼学校 is the district's schools, no name)
        cut = verb_end
    breaks = left_breaks(name, cut, head_end)
    for match in reversed(breaks):
        rest = name[match.end() :]
        if len(rest) > suffix_len and is_specific(rest, suffix_len):
            return match.end()
    if not breaks:
        return cut
    return breaks[-1].end()  # nothing specific after the break: the name is generic


def drop_nested(schools: list[Candidate], groups: list[Candidate]) -> list[Candidate]:
    """Return the school candidates that are not part of a longer name.

    A school written inside a group's name (X中学 in X中学教育集团), inside a longer school's
    name (江苏省如皋高级中学 in 江苏省如皋高级中学外国语学校) or before a division word
    (青禾实验学校 in 青禾实验学校初中部) is not mentioned on its own there. Campuses written
    with parentheses (X中学(南校区)) keep their school, and so do 校区/分校 campuses.
    """
    outer = [(g.start, g.end) for g in groups]
    outer += [
        (c.start, c.end)
        for c in schools
        if c.cls == "School" or c.name.endswith(("部", "本部")) and c.name[-1:] != ")"
    ]
    cover = Cover(outer)
    return [c for c in schools if not cover.contains(c.start, c.end)]


def find_schools(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return school and campus candidates in the sentence spans ((start, end) pairs) of `text`."""
    # One automaton pass and one numeral scan over the whole text; a sentence holding neither
    # a suffix nor a numbered-school numeral (most of them) is then skipped at once.
    suffixes = word_hits(_automaton(), text)
    suffix_ends = [hit[1] for hit in suffixes]
    numerals = [m.start() for m in _NUMBERED_END.finditer(text)]
    found: list[Candidate] = []
    for s_start, s_end in spans:
        first = bisect.bisect_right(suffix_ends, s_start)
        last = bisect.bisect_right(suffix_ends, s_end)
        hits = [hit for hit in suffixes[first:last] if hit[0] >= s_start]
        # A list sharing its suffix ends with one of SUFFIXES, which the automaton reports,
        # and opens with a 、 before that suffix.
        list_end = max((start for start, _, word in hits if word in _LIST_SUFFIXES), default=-1)
        may_coordinate = list_end > s_start and text.find("、", s_start, list_end) >= 0
        numeral = bisect.bisect_left(numerals, s_start)
        if numeral < len(numerals) and numerals[numeral] + 2 <= s_end:
            sentence = text[s_start:s_end]
            hits += [
                (s_start + m.start(), s_start + m.end(), "#") for m in _NUMBERED.finditer(sentence)
            ]
        if hits:
            found += _suffixed(text, hits, s_start, s_end)
        if numeral < len(numerals) and numerals[numeral] + 2 <= s_end:
            found += _listed_numbered(text, s_start, s_end, found)
            found += _standalone_numbered(text, s_start, s_end, found)
        if may_coordinate:
            found += _coordinated(text, s_start, s_end, list_end)
    return found


def _places_and_stage(name: str, head: str) -> bool:
    """Return True when `name` is area names followed by its head alone (某市小学).

    >>> _places_and_stage("温州市小学", "小学"), _places_and_stage("温州市松涛桥小学", "小学")
    (True, False)
    """
    return specific_part(name, len(head)) == ("", True)


# The heads that name a stage of schooling and nothing more.
_STAGE_HEADS = ("幼儿园", "小学", "中学", "初中", "高中", "学校")


def _province_and_stage(name: str, head: str) -> bool:
    """Return True when `name` is a province's full name followed by its head alone (浙江省
    幼儿园: the province's kindergartens, as in a rule's title). A county's or a city's may be
    one school (某某县幼儿园), and so may a municipality's (北京小学, 上海中学).

    >>> _province_and_stage("浙江省幼儿园", "幼儿园"), _province_and_stage("含山县幼儿园", "幼儿园")
    (True, False)
    >>> _province_and_stage("北京小学", "小学"), _province_and_stage("北京市小学", "小学")
    (False, False)
    """
    if head not in _STAGE_HEADS:
        return False  # 辽宁省实验学校: a kind of school named with its province is one
    place = name[: len(name) - len(head)]
    return place.endswith(("省", "自治区")) and any(
        a.level == "province" for a in load_gazetteer().by_name.get(place, ())
    )


def _suffixed(
    text: str, hits: list[tuple[int, int, str]], s_start: int, s_end: int
) -> list[Candidate]:
    """Return the candidates of one sentence's suffix hits (start, end, suffix or '#')."""
    found: list[Candidate] = []
    # The longest suffix ending at each position, e.g. 初级中学 over 中学.
    best: dict[int, tuple[int, int, str]] = {}
    for hit in hits:
        if hit[1] not in best or hit[0] < best[hit[1]][0]:
            best[hit[1]] = hit
    for start, end, word in sorted(best.values()):
        after = _NOT_AFTER.match(text, end)
        staff = after is not None and after.group() in _STAFF
        titled = after is not None and after.group() in _TITLES
        if after and not staff and not titled and word not in CAMPUS_SUFFIXES:
            continue
        if word == "学校" and text[end : end + 1] == "长":
            continue  # 大学校长: a university's principal
        if (
            word in ("初中", "高中", "中学", "小学")
            and text[end : end + 1] in ("部", "校")
            and text[end : end + 2] != "校长"
        ):
            continue  # part of …小学部 / …小学校, or 初中校 (a kind): the longer hit ends later
        candidate = _candidate(text, start, end, word, s_start)
        if staff and candidate is not None and not is_specific(candidate.name, len(word)):
            continue  # 农村小学教师: a kind of teacher, no school
        if titled and candidate is not None and _places_and_stage(candidate.name, word):
            continue  # 某县初中名教师: a stage of the county's schools qualifies the title
        if candidate is not None and _province_and_stage(candidate.name, word):
            continue  # 《某省幼儿园办园质量评价指标》: a kind of the province's schools
        if candidate is not None:
            found.append(candidate)
            paren = _PAREN_KINDERGARTEN_CAMPUS if word in _KINDERGARTEN_HEADS else _PAREN_CAMPUS
            campus = paren.match(text, end, s_end)
            if campus and candidate.cls == "School":
                name = text[candidate.start : campus.end()]
                found.append(
                    Candidate(
                        SCHOOL, name, candidate.start, campus.end(), "Campus", "schools.campus"
                    )
                )
    return found


# Words that tell a school's campuses apart by their age (新校区, 老校区, 旧校区): descriptions.
_AGE_WORDS = ("新", "老", "旧")


def group_campuses(text: str, groups: list[Candidate]) -> list[Candidate]:
    """Return the campuses written in parentheses after a group's name (某某教育集团(京山校区)):
    each is the group's school on that site, a school named by both (ANNOTATION.md).

    >>> t = "青禾中学教育集团(白鹭校区)"
    >>> [c.name for c in group_campuses(t, [Candidate(GROUP, t[:8], 0, 8, "EducationGroup", "t")])]
    ['青禾中学教育集团(白鹭校区)']
    """
    out = []
    for group in groups:
        campus = _GROUP_PAREN_CAMPUS.match(text, group.end) if group.kind == GROUP else None
        if campus:
            name = text[group.start : campus.end()]
            out.append(
                Candidate(SCHOOL, name, group.start, campus.end(), "Campus", "schools.campus", 0.75)
            )
    return out


def group_campus_leads(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Return the lead school of each campus named by a group that a school's name names
    (青禾小学教育集团东湖校区, 青禾小学教育集团(东湖校区): 青禾小学), where no candidate reads
    it: the campus is that school's, and ANNOTATION.md lists a campus's parent school even when
    its name is only the campus's prefix.

    >>> t = "青禾小学教育集团东湖校区启用"
    >>> c = Candidate(SCHOOL, t[:12], 0, 12, "Campus", "schools.campus")
    >>> [x.name for x in group_campus_leads(t, [c])]
    ['青禾小学']
    >>> c = Candidate(SCHOOL, "青禾教育集团东湖校区", 0, 10, "Campus", "schools.campus")
    >>> group_campus_leads("青禾教育集团东湖校区", [c])
    []
    """
    read = {(c.start, c.end) for c in candidates if c.kind == SCHOOL}
    out = []
    for c in candidates:
        if c.kind != SCHOOL or c.cls != "Campus":
            continue
        group = _GROUP_WORD.search(text, c.start, c.end)
        lead = text[c.start : group.start()] if group else ""
        if lead and named_school(lead) and (c.start, group.start()) not in read:
            read.add((c.start, group.start()))
            out.append(Candidate(SCHOOL, lead, c.start, group.start(), "School", _LEAD_METHOD, 0.7))
    return out


# The words a group's name ends with after its lead school's (某小学|教育集团, 某小学|集团).
GROUP_WORDS = ("教育集团", "集团")
_GROUP_WORD = re.compile("|".join(GROUP_WORDS))
_LEAD_METHOD = "schools.group_campus_lead"


# A bare numbered short form (一中, 十六中): the number alone, which reads as a school only where
# a list shows it (一中、三中、四中; 十六中、青松小学).
_BARE_NUMBERED = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}|[1-9][0-9]{0,2})"
    r"(?:中(?![学心国型全旬央期])|小(?![学心国型全时组区微节步块片队朋伙]))"
)
# 二中、三中、四中全会: the plenary sessions of a party congress, written as a list of numbers
# sharing 全会.
_PLENARY = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}中[、和及])+[一二三四五六七八九十]{1,3}中全会"
)
_ITEM_OPENS = "、,，:：(（"
_ITEM_CLOSES = "、,，;；。:：)）等"


def _listed_numbered(
    text: str, s_start: int, s_end: int, found: list[Candidate]
) -> list[Candidate]:
    """Return the bare numbered short forms of a sentence that are whole items of a 、-list
    beside another school (a found candidate or another such item): in the list the number
    names a school of the document's area, listed as written (ANNOTATION.md); elsewhere 一中
    or 十六中 may be part of a phrase, and the level-led form (县一中) is needed.

    >>> t = "参加的有教研室、一中、三中、青松小学。"
    >>> [c.name for c in _listed_numbered(t, 0, len(t), [])]
    ['一中', '三中']
    >>> t = "学习十九届二中、三中、四中全会精神。"
    >>> _listed_numbered(t, 0, len(t), [])
    []
    """
    items = [
        m.span()
        for m in _BARE_NUMBERED.finditer(text, s_start, s_end)
        if _whole_item(text, *m.span(), s_start, s_end)
    ]
    plenary = [m.span() for m in _PLENARY.finditer(text, s_start, s_end)]
    items = [(a, b) for a, b in items if not any(x <= a and b <= y for x, y in plenary)]
    taken = {(c.start, c.end) for c in found}
    ends = {c.end for c in found} | {b for _, b in items}
    starts = {c.start for c in found} | {a for a, _ in items}
    out: list[Candidate] = []
    for a, b in items:
        if (a, b) in taken:
            continue
        before = text[a - 1 : a] == "、" and a - 1 in ends
        after = text[b : b + 1] == "、" and b + 1 in starts
        if before or after:
            out.append(Candidate(SCHOOL, text[a:b], a, b, "School", "schools.numbered", 0.6))
    return out


# A part or a building of a school right after a bare numbered form (三中教学楼, 五中初中部):
# the number names the school whose part it is, even with one figure.
_OWN_PART_AFTER = re.compile(
    lexicon.alternation("school_heads", "campus")
    + r"|[\u4e00-\u9fff]{0,2}?(?:"  # a building's own word before its kind (教学|楼)
    + lexicon.alternation("building_words", "building", "site")
    + ")"
)


def _standalone_numbered(
    text: str, s_start: int, s_end: int, found: list[Candidate]
) -> list[Candidate]:
    """Return the bare numbered short forms with a number of two or more figures (53中, 十二中,
    二十三中) that begin a word: a school of the document's area wherever it stands, as a
    number that high is rarely anything else (一中 or 三中 alone may be a plenary session's,
    unless a part of the school follows: 三中教学楼).

    >>> t = "全面启动62中操场改造,二十三中扩建,全县153所中小学。"
    >>> [c.name for c in _standalone_numbered(t, 0, len(t), [])]
    ['62中', '二十三中']
    """
    taken = {(c.start, c.end) for c in found}
    out: list[Candidate] = []
    for m in _BARE_NUMBERED.finditer(text, s_start, s_end):
        a, b = m.span()
        if (a, b) in taken or text[b : b + 1] == "小":  # 中|小学
            continue
        if b - a < 3 and not _OWN_PART_AFTER.match(text, b):
            continue  # 三中 alone may be a plenary session; 三中|教学楼, 三中|初中部 a school's
        before = text[a - 1] if a > s_start else ""
        begins_word = (
            not before
            or not "\u4e00" <= before <= "\u9fff"
            or before in _FORMER
            or before in _JOINS
            or dictionary_word(text[a - 2 : a])
        )
        if begins_word:
            out.append(Candidate(SCHOOL, text[a:b], a, b, "School", "schools.numbered", 0.6))
    return out


def _whole_item(text: str, a: int, b: int, s_start: int, s_end: int) -> bool:
    """Return True when text[a:b] is a whole list item: after an opening separator or a verb
    that introduces schools (包括), before a closing one."""
    opens = (
        a == s_start
        or text[a - 1] in _ITEM_OPENS
        or any(m.end() == a for m in LEFT_BREAKS.finditer(text, max(s_start, a - 4), a))
    )
    return opens and (b == s_end or text[b] in _ITEM_CLOSES)


def _coordinated(text: str, s_start: int, s_end: int, list_end: int) -> list[Candidate]:
    """Return one candidate per name of a list sharing its suffix (红杉、紫荆幼儿园).

    Each candidate spans its own part of the text; its canonical name is part + suffix. All
    parts must name institutions, or none is taken.
    """
    out: list[Candidate] = []
    for match in _coordinated_lists(text, s_start, s_end, list_end):
        suffix = match.group(3)
        parts: list[tuple[int, int]] = []
        at = match.start(1)
        for piece in match.group(1).split("、")[:-1]:
            parts.append((at, at + len(piece)))
            at += len(piece) + 1
        last = re.search(r"(?<=[\u4e00-\u9fff]{2})[和及与](?=[\u4e00-\u9fff]{2})", match.group(2))
        if last:  # 红杉和银杏小学: the last two names joined by a conjunction
            split = match.start(2) + last.start()
            parts += [(match.start(2), split), (split + 1, match.end(2))]
        else:
            parts.append(match.span(2))
        first_start, first_end = parts[0]
        begin = extend_left(text, first_end, max(s_start, first_start), min_specific=2, max_len=6)
        name, cut = strip_leading_noise(text[begin:first_end])
        parts[0] = (begin + cut, first_end)
        names = [text[a:b] + suffix for a, b in parts]
        width = parts[-1][1] - parts[-1][0]
        if text[parts[0][0] - 1 : parts[0][0]].isalnum() and text[parts[0][0] - 1].isascii():
            continue  # 3号楼、…: part of a number
        if head_ending_at(text, parts[0][0], SCHOOL):
            continue  # 某某学校|刘某某、某某中学李某: who follows a school, not a list of schools
        if any(_whole_name(text[a:b]) for a, b in parts[:-1]):
            continue  # 某区教育局、某区某小学, 某某一中、某某学校: the items are whole names
        if len({bool(_ORDINAL_PART.search(text, a, b)) for a, b in parts}) > 1:
            continue  # 市人大代表、某某第一中学: an ordinal names one school, not a list's kind
        if any(b - a < 2 or abs(b - a - width) > 1 for a, b in parts) or not all(
            is_specific(n, len(suffix)) and not trim_left(n, len(suffix)) for n in names
        ):
            continue
        level = SUFFIXES.get(suffix, "school")
        for (a, b), name in zip(parts, names, strict=True):
            out.append(
                Candidate(
                    SCHOOL,
                    text[a:b],
                    a,
                    b,
                    "School",
                    "schools.coordinated",
                    0.7,
                    name,
                    (("level", level),),
                )
            )
    return out


# An ordinal in a list item (某某第一): the number the school is named by.
_ORDINAL_PART = re.compile(r"第[0-9一二三四五六七八九十]")


def _whole_name(item: str) -> bool:
    """Return True when a list item is a name of its own: a body's, a group's, a school's or a
    numbered school's short form (某某一中), so the list's last suffix is not its head.

    >>> _whole_name("青禾一中"), _whole_name("青禾区教育局"), _whole_name("青禾")
    (True, True, False)
    """
    numbered = _NUMBERED.search(item)
    return bool(
        head_of(ORG, item)
        or head_of(GROUP, item)
        or head_of(SCHOOL, item)
        or (numbered and numbered.end() == len(item))
    )


def _coordinated_lists(
    text: str, s_start: int, s_end: int, list_end: int
) -> Iterator[re.Match[str]]:
    """Yield what _COORDINATED.finditer(text, s_start, s_end) yields, trying fewer positions.

    A list opens with a name of 2–6 characters and a 、, so a match begins 2 to 6 characters
    before some 、: the pattern is tried at those positions only, from left to right. That 、
    comes before the list's suffix, so none at or after `list_end` (the start of the last
    suffix _COORDINATED ends with) opens a list.
    """
    tried = s_start  # every position before this was tried, or lies inside the last match
    comma = text.find("、", s_start + 2, list_end)
    while comma >= 0:
        for at in range(max(tried, comma - 6), comma - 1):
            match = _COORDINATED.match(text, at, s_end)
            if match:
                yield match
                tried = match.end()
                break
        else:
            tried = max(tried, comma - 1)
        comma = text.find("、", max(tried + 2, comma + 1), list_end)


def _after_another_school(name: str) -> int:
    """Return where a numbered school's name begins after another school written before it and
    the conjunction joining them (二十七中和|三十一中): a name holds one school's number.

    >>> _after_another_school("二十七中和三十一中"), _after_another_school("县三十一中")
    (5, 0)
    >>> _after_another_school("青禾中学原白鹭一中")  # 原 then opens the former name
    4
    """
    before = [m for m in _NUMBERED.finditer(name) if m.end() < len(name)]
    # A suffixed school before its former name or a conjunction (某某中学原|某某一中).
    before += [m for m in SCHOOL_WORD.finditer(name) if name[m.end() : m.end() + 1] in "原和与及、"]
    if not before:
        return 0
    cut = max(m.end() for m in before)
    return cut + 1 if name[cut : cut + 1] in tuple(LEFT_BREAK_CHARS) else cut


def _numbered_begin(text: str, numeral: int, floor: int) -> int:
    """Return where a numbered school's name ending in the numeral at `numeral` begins.

    The number names the school, so no character before it is needed: a one-character break
    word read as a word of its own ends the text before the name even right before the number
    (去了|十六中, 对|区二小), while one that begins a longer word stays (和平一中). A verb that
    introduces schools (新建, 包括) ends it too, as before a suffixed name.

    >>> t = "会后又去了十六中调研"
    >>> t[_numbered_begin(t, 5, 0) : 8], "和平一中"[_numbered_begin("和平一中", 2, 0) :]
    ('十六中', '和平一中')
    """
    begin = extend_left(text, numeral, floor, min_specific=2, max_len=20)
    tight = extend_left(text, numeral, floor, min_specific=0, max_len=20)
    if tight > begin and word_at(text, tight - 1) == 1:
        begin = tight
    begin = max(begin, _after_verb_before_place(text, begin, numeral))
    breaks = left_breaks(text, begin, numeral)
    begin = breaks[-1].end() if breaks else begin
    # A description of its kind in apposition before the number (合作学校|某某六中), as
    # _past_description finds before a suffixed name.
    for match in reversed(list(SCHOOL_WORD.finditer(text, begin, numeral))):
        if not is_specific(text[begin : match.end()], len(match.group())):
            return match.end()
    return begin


# The one-character modifiers of newness (lexicon/generic_modifiers.tsv) that say a name was a
# school's before (原, 老) or is now (现: 更名为|现|某小学), not part of it.
_FORMER = frozenset("原老现")
_JOINS = frozenset("和与及、")  # a coordination before a bare numbered form (某校和|四中)


def led_group_start(text: str, end: int, floor: int) -> int | None:
    """Return where a group named as its lead school and (集团), ending at `end`, begins; None
    when no specific school's name comes before the brackets. Some cities name their groups so,
    and the members after them (某某中学(集团)某某小学).

    >>> t = "和青枫实验学校(集团)白鹭小学"
    >>> t[led_group_start(t, 11, 0) : 11], led_group_start("学区(集团)", 6, 0)
    ('青枫实验学校(集团)', None)
    """
    paren = end - len(LED_GROUP)
    if paren <= floor or not text.startswith(LED_GROUP, paren):
        return None
    suffix = next((s for s in _SUFFIXES_LONGEST_FIRST if text.endswith(s, floor, paren)), None)
    if suffix is None:
        return None
    begin = after_cut_noise(text, extend_left(text, paren, floor, min_specific=2, max_len=20))
    name, cut = strip_leading_noise(text[begin:paren])
    trim = trim_left(name, len(suffix))
    if not is_specific(name[trim:], len(suffix)):
        return None
    return begin + cut + trim


def _former(name: str) -> bool:
    """Return True when `name` opens with 原 or 老 saying what the school was called before
    (原|某某十小), or with 现 saying what it is called now (现|某某小学), not with a word (老城区,
    现代) or a place (原州区, 老河口市)."""
    return (
        name[:1] in _FORMER
        and not dictionary_word(name[:2])
        and not leading_place(load_gazetteer(), name)
    )


def numbered_lead(name: str) -> int:
    """Return how many leading characters of a numbered short form (its number last) are not
    part of it: a verb or a description before the number, as _numbered_begin finds them.

    >>> numbered_lead("合作学校鹿城六中"), numbered_lead("鹿城六中"), numbered_lead("和平一中")
    (4, 0, 0)
    """
    numbers = list(_NUMBERED.finditer(name))  # the last one is the name's own
    return _numbered_begin(name, numbers[-1].start(), 0) if numbers else 0


def _numbered(text: str, start: int, end: int, floor: int) -> Candidate | None:
    """Return the candidate of a numbered short form whose number begins at `start`."""
    begin = _numbered_begin(text, start, floor)  # 我|县一中: the county's own, as written
    name, cut = strip_leading_noise(text[begin:end])
    begin += cut
    cut = _after_another_school(name)
    name, begin = name[cut:], begin + cut
    if _former(name):
        name, begin = name[1:], begin + 1  # 原|某某十小: the school's former name
    # Three characters only after a level character (县一中: the county's own, as written).
    if (len(name) < 4 and not (len(name) == 3 and name[0] in _OWN_LEVELS)) or "届" in name:
        return None
    if _ONE_PER.fullmatch(name):
        return None  # 一村一幼, 一乡一园: one school for each village, a policy's slogan
    return Candidate(SCHOOL, name, begin, end, "School", "schools.numbered", 0.6)


# "One per" (一村一幼: a kindergarten in every village), which reads like a numbered school.
_ONE_PER = re.compile(r"一[\u4e00-\u9fff]一[\u4e00-\u9fff]")


def _candidate(text: str, start: int, end: int, word: str, floor: int) -> Candidate | None:
    if word == "#":
        return _numbered(text, start, end, floor)
    suffix_len = end - start
    if deictic_before(text, start):
        return None  # 这所学校, 金湾这些校区: the head is pointed at, not named
    begin = after_cut_noise(text, extend_left(text, start, floor, min_specific=2, max_len=20))
    name, cut = strip_leading_noise(text[begin:end])
    begin += cut
    cut = trim_left(name, suffix_len)
    name, begin = name[cut:], begin + cut
    if _former(name) and len(name) - 1 > suffix_len:
        name, begin = name[1:], begin + 1  # 原|某某镇中学: the school's former name
    led = led_group_start(text, begin, floor)
    if led is not None:
        name, begin = text[led:end], led  # 某某中学(集团)|某某小学: named with its group
    glued = glued_start(text, begin, start, word)
    name, begin = name[glued - begin :], glued  # 甲路小学|乙路小学: the last of them
    if word in CAMPUS_SUFFIXES:
        head = name[: -len(word)]
        if head.endswith(_AGE_WORDS) and word in ("校区", "分校"):
            return None  # 某中学|新校区, 老校区: which of its campuses, described, not named
        if len(name) <= len(word) + 1 or CAPACITY.search(head) or _BAD_CAMPUS.search(head):
            return None
        if not names_main_site(text, start, word):
            return None  # 某某中学本部: the school itself, found by its own head
        if _verb_before_campus(head):
            return None  # 某中学|启用新校区: the school opens a campus the text does not name
        if head[-1] in "校园" and _common_school_noun(head):
            return None  # 名校|分校, 母校|校区: a common noun for a school, no school named
        # 区二中东校区: a numbered school's short form is no generic modifier (区, 二, 中, 东).
        generic = GENERIC.fullmatch(head) and not has_numbered_school(head)
        if generic or GENERIC_HEADS.fullmatch(head):
            return None
        if word == "园区" and "幼儿园" not in head:
            return None  # 某某工业园区: a park; only a kindergarten's campus is its 园区
        return Candidate(SCHOOL, name, begin, end, "Campus", "schools.campus", 0.75)
    if not is_specific(name, suffix_len) or _verb_before_a_kind(name, suffix_len):
        return None
    level = SUFFIXES.get(word, "school")
    return Candidate(
        SCHOOL, name, begin, end, "School", "schools.suffix", 0.8, attrs=(("level", level),)
    )
