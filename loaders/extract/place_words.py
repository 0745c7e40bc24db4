"""Whether a short form of an area found by the gazetteer is used as a place where it stands.

A gazetteer hit is only a string: 大理 is a city's short form but also the middle of 重大理论, 新建
is a district's short form and a verb (新建学校), 和平 a district's and a noun (世界和平), 北京
begins 北京日报 and 北京师范大学. The evidence, cheapest first:

* a school head right after the hit (房山学校, 新建小学): a school's name, or schools described.
* jieba (its dictionary) on a short window: a word running across the hit's first or last
  character (重大|理论) means the characters belong to other words; a dictionary word that
  begins with the hit and goes on (长治久安, 南京大学) means the hit is part of it.
* how LAC reads the short form on its own, once per process: a place (江苏, 海陵), a noun (钟楼,
  和平) or another word (新建, 合作). A place, or a noun in the document's own area, needs no
  more unless a name the graph leaves out follows (南通|理工学院, 北京|日报).
* LAC on a short window around the hit, for the rest: a verb or an adjective there is no place;
  a near place is a LOC word or the place of a named school or body (北京中学); a place far
  from the document's region counts only as a LOC word of its own (赴西藏支教), never inside
  another name (西藏育才中学 in a Zhejiang text).

LAC runs only on the hits these cheaper tests leave open, in one batch per document.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import jieba

from loaders.dictionary import word_ends
from loaders.extract.lexical import FUNCTION_TAGS, Token, analyse
from loaders.extract.lexicon import alternation, words

jieba.setLogLevel(logging.WARNING)  # the dictionary-loading notice is not an error

# Characters of context each side of a hit: enough for a name that begins with the place
# (北京教育科学研究院) to be read whole, short enough to keep LAC's cost per hit small.
_BEFORE = 4
_AFTER = 8
_LINE_BREAKS = "\n\r"


@dataclass(frozen=True)
class PlaceQuery:
    """A hit to judge: its span in the text, and how far its area is from the document's own.

    Attributes:
        start, end: the hit's span.
        reach: 'full' for an area named in full (taken unless it begins a name the graph
            leaves out: 江苏省人民医院); 'own' when the area is the document's jurisdiction or
            encloses it (钟楼 in a 钟楼区 work plan: taken unless the words say otherwise);
            'near' when it is in the
            document's city or province or named in full in it (taken as a LAC place word, or
            as the place of a named institution); 'far' otherwise (taken only as a LAC place
            word of its own, 赴西藏支教, never inside another name: 西藏育才中学);
            'enclosed' for a short form right after the area that encloses it (温州|泰顺:
            taken as the document's own is, whatever LAC reads it alone as).
    """

    start: int
    end: int
    reach: str


# LAC tags of words that are no names: a short form tagged so is an ordinary word there
# (新建/v 学校, 平安/a 校园, 合作/vn 办学).
_NOT_NAME_TAGS = FUNCTION_TAGS | {"vn", "a", "ad", "an", "PER"}


@lru_cache(maxsize=1)
def _heads() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the heads of the names the graph holds (schools, bodies, groups) and of the names
    that begin with a place but are no entity of it (lexicon/non_entity_heads.tsv)."""
    held = words("school_heads") + words("org_heads") + words("group_heads")
    return tuple(held), words("non_entity_heads")


def is_institution(name: str) -> bool:
    """Return True when `name` ends as a school, body or group name does, and not as a name the
    graph leaves out.

    >>> is_institution("北京育英中学教育集团"), is_institution("南通理工学院")
    (True, False)
    """
    held, excluded = _heads()
    return name.endswith(held) and not name.endswith(excluded)


def is_non_entity(name: str) -> bool:
    """Return True when `name` ends as a university, medium or company name does.

    >>> is_non_entity("北京日报"), is_non_entity("陕西师范大学"), is_non_entity("海淀教育")
    (True, True, False)
    """
    return name.endswith(_heads()[1])


@lru_cache(maxsize=16384)
def _jieba_words(window: str) -> tuple[str, ...]:
    # Windows recur (常州市教育局, 江苏省…): each is segmented once.
    return tuple(jieba.lcut(window, HMM=False))


def _window(text: str, start: int, end: int, after: int = _AFTER) -> tuple[int, int]:
    """Return a window around [start, end) that stays on the hit's line."""
    lo, hi = max(0, start - _BEFORE), min(len(text), end + after)
    for brk in _LINE_BREAKS:
        at = text.rfind(brk, lo, start)
        if at >= 0:
            lo = max(lo, at + 1)
        at = text.find(brk, end, hi)
        if at >= 0:
            hi = min(hi, at)
    return lo, hi


def jieba_reading(text: str, start: int, end: int) -> str:
    """Return how jieba segments the hit text[start:end]: 'whole' (it is one or more whole
    words), 'prefix' (a longer word begins with it) or 'crossing' (a word runs across its first
    or last character).

    >>> jieba_reading("重大理论和实践", 1, 3), jieba_reading("推进长治久安", 2, 4)
    ('crossing', 'prefix')
    >>> jieba_reading("赴西藏支教", 1, 3)
    'whole'
    """
    for offset, word_end in _word_spans(text, start, end):
        if offset < start < word_end:
            return "crossing"
        if offset < end < word_end:
            return "prefix" if offset == start else "crossing"
        if word_end >= end:
            return "whole"
    return "whole"


def word_at(text: str, start: int) -> int:
    """Return the length of the word jieba reads beginning at text[start], or 0 when a word
    runs across that character from before it.

    >>> word_at("石鼓区向日葵幼儿园", 3), word_at("石鼓区向日葵幼儿园", 4)
    (3, 0)
    """
    for offset, word_end in _word_spans(text, start, start + 1):
        if word_end > start:
            return word_end - offset if offset == start else 0
    return 0


def begins_inside_word(text: str, start: int, end: int) -> bool:
    """Return True when jieba reads a word that runs across the first character of the hit
    text[start:end] from before it (示范|县 holds no 范县): the hit's first character is the
    end of another word.

    >>> begins_inside_word("改革示范县创建", 3, 5), begins_inside_word("在范县召开", 1, 3)
    (True, False)
    """
    lo, hi = _window(text, start, end)
    if not _may_run_across(text, lo, start, hi):
        return False  # no word of jieba's reading can run across the hit's first character
    for offset, word_end in _word_spans(text, start, end):
        if word_end > start:
            return offset < start
    return False


def _may_run_across(text: str, lo: int, at: int, hi: int) -> bool:
    """Return whether jieba, reading text[lo:hi] without its HMM, may read a word that runs
    across text[at] from before it. Its words of two characters or more are dictionary words,
    runs of ASCII letters and digits, and \r\n: with none of them across `at`, no word is."""
    pair = text[at - 1 : at + 1] if at > lo else ""
    if pair == "\r\n" or (pair.isascii() and pair.isalnum()):
        return True
    return any(end > at for a in range(lo, at) for end in word_ends(text, a, hi))


def _word_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each word jieba reads in the window around text[start:end]."""
    lo, hi = _window(text, start, end)
    offset = lo
    for word in _jieba_words(text[lo:hi]):
        yield offset, offset + len(word)
        offset += len(word)


def _lac_verdict(text: str, tokens: list[Token], query: PlaceQuery, jieba_says: str) -> bool:
    """Return whether LAC's words around a hit (that jieba does not split) make it a place."""
    word = next((t for t in tokens if t.start <= query.start < t.end), None)
    if word is None or word.tag in _NOT_NAME_TAGS:
        return False
    name = text[word.start : word.end]
    if query.reach == "far":
        exact = word.start == query.start and word.end == query.end
        return exact and word.tag == "LOC" and jieba_says == "whole"
    if is_non_entity(name):
        return False  # 南通理工学院, 北京日报: the place is part of a name the graph leaves out
    if word.start < query.start:  # inside a longer word: a compound place, or an institution
        return word.tag == "LOC" or (word.tag == "ORG" and is_institution(name))
    if jieba_says != "whole":
        return False  # 南京大学, 长治久安: one dictionary word begins with it
    if query.reach == "own":
        return True
    # 和平 in 维护世界和平 is a noun to LAC; 海淀 in 海淀教育 a place.
    return word.tag == "LOC" or (
        word.tag == "ORG" and word.end > query.end and is_institution(name)
    )


@lru_cache(maxsize=1)
def _aliases() -> frozenset[str]:
    """Return every short form of a province, city or county."""
    from loaders.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    return frozenset(
        w for w, areas in gaz.by_alias.items() if any(a.level != "town" for a in areas)
    )


@lru_cache(maxsize=4096)
def _alias_kind(alias: str) -> str:
    """Return how LAC reads a short form on its own: 'place' (one LOC word: 江苏, 海陵), 'noun'
    (钟楼, 和平) or 'word' (a verb, an adjective, a person's name: 新建, 合作, 白云); 'word' for
    a string that is no short form.

    Read once per short form and process, when a document first holds it: a short form that LAC
    takes for a place on its own needs no reading in context where it is the document's own or
    near.
    """
    if alias not in _aliases():
        return "word"
    tokens = analyse(alias, [(0, len(alias))])[0]
    if len(tokens) == 1 and tokens[0].tag == "LOC":
        return "place"
    if any(t.tag in _NOT_NAME_TAGS for t in tokens):
        return "word"
    return "noun"


# The heads of is_non_entity: the words that follow a place must hold one to end such a name.
_NON_ENTITY_HEAD = re.compile(alternation("non_entity_heads"))


def _followed_by_non_entity(text: str, end: int, count: int = 3, after: int = _AFTER) -> bool:
    """Return True when the words after `end` (up to `count`, by jieba, within `after`
    characters) end a name the graph leaves out, so the place before them begins it
    (南通|理工学院, 北京|日报).

    >>> _followed_by_non_entity("南通理工学院", 2), _followed_by_non_entity("苏州教育发展", 2)
    (True, False)
    """
    _, hi = _window(text, end, end, after)
    if not _NON_ENTITY_HEAD.search(text, end, hi):
        return False  # no such name's head follows at all: nothing for jieba to read
    following = ""
    for word in _jieba_words(text[end:hi])[:count]:
        if not word.isalnum():
            break
        following += word
        if is_non_entity(following):
            return True
    return False


# How far a name the graph leaves out may run after a place and still be read whole: a college's
# name puts up to four words between them (某地|建设|职业|技术|学院).
_NAME_WORDS = 5
_NAME_AFTER = 12


def _may_begin_non_entity(text: str, query: PlaceQuery) -> bool:
    """Return True when a name the graph leaves out may begin with the hit: jieba finds its head
    within a few words after it (广西|建设职业技术学院), which LAC then confirms or not."""
    return _followed_by_non_entity(text, query.end, _NAME_WORDS, _NAME_AFTER)


def _begins_non_entity(text: str, tokens: list[Token], query: PlaceQuery) -> bool:
    """Return True when LAC reads the hit as the beginning of one word that is a name the graph
    leaves out (广西建设职业技术学院/ORG, 江苏省人民医院/ORG)."""
    word = next((t for t in tokens if t.start <= query.start < t.end), None)
    return word is not None and word.end > query.end and is_non_entity(text[word.start : word.end])


# A count of people (两位, 各位, 三名) before a word: the word is a noun for people.
_PEOPLE_COUNTED = re.compile(r"[0-9一二三四五六七八九十两几多各诸每][位名]$")
# Words that make a place's name the name of a street (北京路, 长沙街, 南京大道), or of the bay
# the place lies on (苏州湾, 深圳湾: a stretch of water and the quarter by it, not the city).
_STREET_WORDS = ("路", "街", "大道", "大街", "巷", "湾")


def read_as_places(text: str, queries: Sequence[PlaceQuery]) -> list[bool]:
    """Return, for each query, whether its hit is used as a place where it stands.

    jieba rejects a hit that is part of other words. A near short form LAC reads as a place on
    its own (or, in the document's own area, as a noun) is then taken, unless a university's or
    a medium's name follows. Any other is read in context by LAC, in one batch of short windows:
    a near hit must not be a verb or an adjective there, nor begin a name the graph leaves out,
    and a far hit must be a LOC word of its own.

    >>> text = "赴西藏支教。重大理论。今年新建学校3所。北京日报。维护世界和平。"
    >>> queries = [PlaceQuery(1, 3, "far"), PlaceQuery(7, 9, "far"), PlaceQuery(13, 15, "own")]
    >>> read_as_places(text, queries + [PlaceQuery(20, 22, "own"), PlaceQuery(30, 32, "near")])
    [True, False, False, False, False]
    """
    verdicts = [False] * len(queries)
    asked: list[int] = []
    readings: list[str] = []
    checked: list[int] = []  # taken unless LAC reads them beginning a name the graph leaves out
    school_heads = words("school_heads")
    for i, q in enumerate(queries):
        if q.reach == "full":
            verdicts[i] = True
            if _may_begin_non_entity(text, q):
                checked.append(i)
            continue
        if text.startswith(school_heads, q.end):
            continue  # 房山学校, 新建小学: a school's name or schools described, not the place
        if text.startswith(_STREET_WORDS, q.end):
            continue  # 桂林路, 长沙街, 苏州湾: a street or a bay named after the place
        if _PEOPLE_COUNTED.search(text, max(0, q.start - 2), q.start):
            continue  # 两位来宾: people counted by 位 or 名; no place is counted so
        reading = jieba_reading(text, q.start, q.end)
        if reading == "crossing":
            continue
        kind = _alias_kind(text[q.start : q.end])
        if (
            (q.reach == "own" and kind != "word")
            or (q.reach == "near" and kind == "place")
            or q.reach == "enclosed"
        ):
            verdicts[i] = reading == "whole" and not _followed_by_non_entity(text, q.end)
            if verdicts[i] and _may_begin_non_entity(text, q):
                checked.append(i)
            continue
        asked.append(i)
        readings.append(reading)
    windows = [_window(text, queries[i].start, queries[i].end) for i in asked]
    windows += [_window(text, queries[i].start, queries[i].end, _NAME_AFTER) for i in checked]
    readings_by_lac = analyse(text, windows)
    for i, reading, tokens in zip(asked, readings, readings_by_lac, strict=False):
        verdicts[i] = _lac_verdict(text, tokens, queries[i], reading)
    for i, tokens in zip(checked, readings_by_lac[len(asked) :], strict=True):
        verdicts[i] = not _begins_non_entity(text, tokens, queries[i])
    return verdicts
