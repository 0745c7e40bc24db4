"""Where a name may begin: anchors (a head such as 小学 or 局) and the left edges worth scoring.

A school, group or body name ends with a head word from the lexicon (lexicon/*_heads.tsv).
Where it begins is the hard part: Chinese has no spaces, and the words before a name (a verb,
a pronoun, an amount) glue onto it. Each anchor gets a few alternative left edges:
- every word start that LAC sees in the window before the head, up to punctuation;
- the edge the rules chose, when a rule found a name ending there.
mention_model.py scores every alternative and keeps the best one per anchor, or none.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from loaders.dictionary import dictionary_tag, dictionary_word, word_frequency
from loaders.extract.lexical import Token
from loaders.extract.lexicon import classes
from loaders.extract.model import GROUP, ORG, PROGRAM, SCHOOL, Candidate

HEAD_LISTS = {
    SCHOOL: "school_heads",
    GROUP: "group_heads",
    ORG: "org_heads",
    PROGRAM: "programme_heads",
}
# How far before its head a name may begin, and how much text after it LAC should see.
REACH = {SCHOOL: 14, GROUP: 12, ORG: 10, PROGRAM: 14}
_AFTER = 2
OPENING_QUOTES = '“‘「"'
CLOSING_QUOTES = '”’」"'
MAX_EDGES = 8  # alternative left edges per anchor, nearest first (rule edges come on top)
# Characters that never occur inside these names. Quotes may (“青枫”社区教育集团), and so may
# parentheses around a campus (明远中学(东校区)), so neither is listed.
HARD = frozenset(" \t\n\u3000,，。、;；:：!！?？《》【】[]<>〈〉…—/|·•●■◆▲★☆○◎")
# A group named by its lead school with the word in brackets (某某中学(集团)).
LED_GROUP = "(集团)"
# Only a campus is written in parentheses after its school's name; a programme name may hold a
# separator dot (素质教育·钟楼2025计划).
_HARD = {
    SCHOOL: HARD,
    GROUP: HARD | set("()（）"),
    ORG: HARD | set("()（）"),
    PROGRAM: (HARD | set("()（）")) - {"·"},
}


@dataclass(frozen=True)
class Anchor:
    """A head word of `kind` at text[head_start:end], in the sentence [floor, ceiling)."""

    kind: str
    head_start: int
    end: int
    head: str  # the head word ('' when only a rule marks the end)
    floor: int
    ceiling: int
    continues: bool = False  # the head's last character begins a word with the next one


@dataclass(frozen=True)
class Alternative:
    """One possible name: text[start:anchor.end], with the rule candidate that found it."""

    anchor: Anchor
    start: int
    rule: Candidate | None


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    # A word may head names of several kinds; the value lists them.
    automaton = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, str]]] = {}
    for kind, name in HEAD_LISTS.items():
        for head in classes(name):
            entries.setdefault(head, []).append((kind, head))
    for head, kinds in entries.items():
        automaton.add_word(head, tuple(kinds))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8)
def heads_of(kind: str) -> frozenset[str]:
    """Return the head words names of `kind` end with (lexicon/*_heads.tsv)."""
    return frozenset(classes(HEAD_LISTS[kind]))


@lru_cache(maxsize=8)
def _head_classes(kind: str) -> dict[str, str]:
    return classes(HEAD_LISTS[kind])


@lru_cache(maxsize=8)
def _head_lengths(kind: str) -> tuple[int, ...]:
    """Return the lengths of the heads of `kind`, longest first: a head at a place is found by
    one set lookup per length instead of a test per head."""
    return tuple(sorted({len(h) for h in heads_of(kind)}, reverse=True))


def head_ending_at(text: str, end: int, kind: str) -> str:
    """Return the longest head of `kind` that ends at `end` in `text`, or ''.

    >>> head_ending_at("青松小学校长", 5, "school"), head_ending_at("青松小学", 3, "school")
    ('小学校', '')
    """
    heads = heads_of(kind)
    for n in _head_lengths(kind):
        if n <= end and text[end - n : end] in heads:
            return text[end - n : end]
    return ""


def head_class(anchor: Anchor) -> str:
    """Return the lexicon class of an anchor's head ('primary', 'campus', 'GovernmentBody' …),
    or 'rule' for an anchor only a rule marks."""
    return _head_classes(anchor.kind).get(anchor.head, "rule")


_VERB_TAGS = frozenset({"v", "vd", "d", "p", "c"})


def closing_count(classifiers: str) -> re.Pattern[str]:
    """Return the pattern of a count and one of `classifiers` closing the phrase right after a
    head (特教学校77所, 实施援疆项目36个,): what is counted is a kind, none of it named.

    >>> bool(closing_count("所个").match("77所,")), bool(closing_count("所个").match("3个学校"))
    (True, False)
    """
    return re.compile(
        rf"[0-9一二三四五六七八九十百两几]+(?:余|多)?[{classifiers}](?![\u4e00-\u9fff])"
    )


def glued_start(text: str, start: int, head_start: int, head: str) -> int:
    """Return where a primary school's, a kindergarten's or a campus's name from `start` to its
    head really begins: after the last earlier head of its own kind or a campus's that a name
    of two characters or more follows (甲路小学|乙路小学, 甲校区|乙路小学, 甲分园|乙幼儿园:
    names whose separator a copy lost), else `start`. A school's name may hold its founder
    school's (某大学附属中学|某某中学, 某实验中学|某某小学), any may hold its group's (某小学
    教育集团|某某小学), a school's attached one its founder's (某小学|附属幼儿园), and a campus
    its school's (某小学|某某校区).

    >>> t = "分别是甲山路小学乙水路小学"
    >>> glued_start(t, 3, 11, "小学"), glued_start(t, 8, 11, "小学")
    (8, 8)
    >>> glued_start("甲山路小学教育集团乙水路小学", 0, 12, "小学")
    0
    >>> glued_start("甲山中学乙水小学", 0, 6, "小学"), glued_start("甲山小学乙水校区", 0, 6, "校区")
    (0, 0)
    """
    inner_heads = _GLUED_INNER.get(head)
    if inner_heads is None:
        return start
    inner = max((m.end() for m in inner_heads.finditer(text, start, head_start - 2)), default=-1)
    if inner < 0 or _GROUP_WORD.match(text, inner):
        return start
    return inner


# The heads that a primary school's, a kindergarten's or a campus's own name never holds.
_GLUED_INNER = {
    "小学": re.compile("小学|校区|分校"),
    "幼儿园": re.compile("幼儿园|分园|校区"),
    # A branch school's campus is named from it (某实验学校某某分校|某某路校区).
    "校区": re.compile("校区"),
    "分校": re.compile("分校"),
    "分园": re.compile("分园"),
}
# What a group's name ends with, after the school that leads it (某小学|教育集团, 某小学(集团)).
_GROUP_WORD = re.compile(r"(?:教育)?集团|[(（]集团|共同体|联盟|教联体|教共体")


def verb_word(text: str, start: int) -> bool:
    """Return True when the two characters at `start` are a word jieba's dictionary tags as a
    verb, adverb, preposition or conjunction, and no longer dictionary word begins there
    (开发区 is a place, not 开发 + 区).

    >>> verb_word("加快县第一中学", 0), verb_word("开发区实验小学", 0)
    (True, False)
    """
    if dictionary_tag(text[start : start + 2]) not in _VERB_TAGS:
        return False
    return not any(dictionary_word(text[start : start + n]) for n in (3, 4))


def _continues_word(text: str, end: int, head: str, kind: str) -> bool:
    """Return True when the head's last character and the next one form a dictionary word.

    小学生, 局长, 办学, 部分: the head is then usually the first half of another word, not a
    name's end (but 卫健委派出: 委派 is a word too, so this is a feature, not a veto). A longer
    head going on from there (小学 + 校 = 小学校) is judged on its own.
    """
    pair = text[end - 1 : end + 1]
    if len(pair) < 2 or not dictionary_word(pair):
        return False
    if word_frequency(text[end : end + 2]) > 10 * word_frequency(pair):
        return False  # 小学组成: the next character begins a far commoner word (组成) than 学组
    start, heads = end - len(head), heads_of(kind)
    return not any(
        text[start : start + n] in heads
        for n in _head_lengths(kind)
        if len(head) < n <= len(text) - start
    )


def runs_on(text: str, end: int, head: str, kind: str) -> int | None:
    """Return where a name really ends when its head's last characters begin a commoner word
    with the next character, and a shorter head of the kind ends before them; else None.

    小学校长 is 小学 + 校长 (a principal), 中学校园 is 中学 + 校园 (its grounds): 校长 and
    校园 are far commoner words than 小学校, which heads names only in some regions.

    >>> t = "青松小学校长"
    >>> runs_on(t, 5, "小学校", "school")
    4
    >>> runs_on("青松小学校", 5, "小学校", "school") is None
    True
    >>> t = "县财政局联合发文"
    >>> runs_on(t, 5, "联", "org")
    4
    >>> runs_on("县妇联合作", 3, "联", "org") is None
    True
    """
    if end >= len(text):
        return None
    shorter = _shorter_head(kind, head)
    if shorter is not None:
        rest = head[len(shorter) :]
        if word_frequency(rest + text[end]) > word_frequency(head):
            return end - len(rest)
        return None
    # A head that begins a word with the next character, right after another head that ends a
    # name, and no word with the character before it: 财政局|联合 (联 heads 妇联, 侨联).
    start = end - len(head)
    if (
        start > 0
        and dictionary_word(head + text[end])
        and not dictionary_word(text[start - 1 : start + len(head)])
        and head_ending_at(text, start, kind)
    ):
        return start
    return None


@lru_cache(maxsize=1024)
def _shorter_head(kind: str, head: str) -> str | None:
    """Return the longest head of `kind` that `head` begins with and is longer than (小学 for
    小学校), or None: asked for every head found in the text, so worked out once per head."""
    prefixes = [h for h in heads_of(kind) if len(h) < len(head) and head.startswith(h)]
    return max(prefixes, key=len, default=None)


def in_disclosure_phrase(text: str, end: int, head: str) -> bool:
    """Return True when a government's head ends inside 政府信息公开 (the disclosure of
    government information, a page's or a rule's subject) or a bare 政府信息 (下列政府信息应当
    公开: government information): no body is named there. A government's information centre
    or office (某县人民政府信息中心) is a body.

    >>> in_disclosure_phrase("某县人民政府信息公开指南", 6, "人民政府")
    True
    >>> in_disclosure_phrase("下列政府信息应当公开", 4, "政府"), in_disclosure_phrase("政府信息中心", 2, "政府")
    (True, False)
    """
    if not head.endswith("政府") or not text.startswith("信息", end):
        return False
    return text.startswith("信息公开", end) or (
        head == "政府" and text[end + 2 : end + 3] not in _INFORMATION_BODY
    )


MAIN_SITE = "本部"


def names_main_site(text: str, head_start: int, head: str) -> bool:
    """Return False when `head` is 本部 (a main site) after a name that is not a group's: a
    school's 本部 is that school itself, no campus of its own (某某中学本部, 学校校本部); a
    group's 本部 is its lead school, a name (某某教育集团本部). True for any other head.

    >>> names_main_site("青松中学本部", 4, "本部"), names_main_site("青松教育集团本部", 6, "本部")
    (False, True)
    """
    return head != MAIN_SITE or bool(head_ending_at(text, head_start, GROUP))


# What follows 政府信息 in a body's name (信息中心, 信息化办公室, 信息办, 信息科, 信息处).
_INFORMATION_BODY = frozenset("中化办科处技")


def find_anchors(
    text: str, spans: Sequence[tuple[int, int]], rules: Sequence[Candidate]
) -> list[Anchor]:
    """Return the anchors in the sentence `spans`, one per (kind, end), longest head first.

    Rule candidates of these kinds add an anchor at their end when no head marks it there: a
    numbered school (实验二小), a campus in parentheses (青松中学(北校区)), one name of a list
    sharing a head (白鹭、青枫幼儿园). Its head is the one its full name ends with, if any.
    """
    hits: list[tuple[int, int, str, str]] = []  # (end, head_start, kind, head)
    for end, kinds in _automaton().iter(text):
        for kind, head in kinds:
            hits.append((end + 1, end + 1 - len(head), kind, head))
    hits.sort()
    ends = [h[0] for h in hits]
    best: dict[tuple[str, int], Anchor] = {}
    ordered = sorted(spans)
    for floor, ceiling in ordered:
        for end, head_start, kind, head in hits[
            bisect.bisect_right(ends, floor) : bisect.bisect_right(ends, ceiling)
        ]:
            if head_start <= floor or runs_on(text, end, head, kind) is not None:
                continue
            if kind == ORG and in_disclosure_phrase(text, end, head):
                continue
            if kind == SCHOOL and not names_main_site(text, head_start, head):
                continue
            kept = best.get((kind, end))
            if kept is None or head_start < kept.head_start:
                continues = _continues_word(text, end, head, kind)
                best[(kind, end)] = Anchor(kind, head_start, end, head, floor, ceiling, continues)
    starts = [s for s, _ in ordered]
    for c in rules:
        if c.kind not in HEAD_LISTS or (c.kind, c.end) in best:
            continue
        index = bisect.bisect_right(starts, c.start) - 1
        floor, ceiling = ordered[index] if index >= 0 else (c.start, c.end)
        if not floor <= c.start < ceiling:
            floor, ceiling = c.start, c.end
        head = head_of(c.kind, c.canonical or c.name)
        # A group named as its lead school and (集团): its edges are sought before the bracket.
        head_start = c.end - len(LED_GROUP) if c.name.endswith(LED_GROUP) else c.end
        best[(c.kind, c.end)] = Anchor(c.kind, head_start, c.end, head, floor, max(ceiling, c.end))
    return sorted(best.values(), key=lambda a: (a.end, a.kind))


_CONJUNCTIONS = "和与及或"
# Word classes that end one name's clause: a verb, adverb, preposition or conjunction read
# right after a complete name (区教体局|将|联合|区教研室) is not inside the next one.
_PREDICATE_TAGS = frozenset({"v", "d", "p", "c"})


def _joined_before(text: str, anchor: Anchor, low: int, tokens: Sequence[Token] = ()) -> int | None:
    """Return the position of the nearest conjunction, or LAC word of `_PREDICATE_TAGS`, before
    the head that follows a head of the anchor's kind (…中学和…, …局将联合…), or None. 和平,
    与会: a word the conjunction begins is no conjunction.

    >>> t = "吸纳青松中学和白云镇中心学校组成"
    >>> a = Anchor("school", 12, 14, "学校", 0, len(t))
    >>> _joined_before(t, a, 0)
    6
    >>> t = "市住房和城乡建设局"
    >>> _joined_before(t, Anchor("org", 8, 9, "局", 0, len(t)), 0)
    >>> t = "第七小学与我区枫林小学"  # 与我 is a dictionary word; LAC reads 与 as a preposition
    >>> _joined_before(t, Anchor("school", 9, 11, "小学", 0, len(t)), 0, [Token(4, 5, "p")])
    4
    """
    for at in range(anchor.head_start - 1, low, -1):
        if text[at] not in _CONJUNCTIONS or dictionary_word(text[at : at + 2]):
            continue
        if head_ending_at(text, at, anchor.kind):
            return at
    for token in reversed(tokens):
        if not low < token.start < anchor.head_start or token.tag not in _PREDICATE_TAGS:
            continue
        if head_ending_at(text, token.start, anchor.kind):
            return token.start
    return None


def head_of(kind: str, name: str) -> str:
    """Return the longest head of `kind` that `name` ends with (closing marks aside), or ''."""
    bare = name.rstrip(')）”’"」')
    return head_ending_at(bare, len(bare), kind)


def windows(
    anchors: Sequence[Anchor], reach: Mapping[tuple[str, int], int] | None = None
) -> list[tuple[int, int]]:
    """Return the text windows LAC must read for `anchors`: overlapping ones merged.

    `reach` gives, by (kind, end), where to begin reading for a rule's name of an anchor when
    that is further left than the kind's reach: LAC must read such a name whole (北京市…中心
    幼儿园), or it reads a name that begins where the window does.
    """
    reach = reach or {}
    spans = sorted(
        (
            max(a.floor, min(a.head_start - REACH[a.kind], reach.get((a.kind, a.end), a.end))),
            min(a.ceiling, a.end + _AFTER),
        )
        for a in anchors
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


# The one-character heads that end a role noun before a name (牵头校, 成员校, 示范园).
ROLE_NOUN_HEADS = frozenset("校园")


def glued_role_head(text: str, at: int) -> bool:
    """Return True when text[at] is a role noun's head that begins no word with the next
    character: LAC may glue it to the name after it (核心|校某某中学), and no name begins with
    it; one that begins a word stays (校场路小学).

    >>> glued_role_head("核心校南浦中学", 2), glued_role_head("和校场路小学", 1)
    (True, False)
    """
    return text[at : at + 1] in ROLE_NOUN_HEADS and not dictionary_word(text[at : at + 2])


def alternatives(
    text: str,
    anchor: Anchor,
    tokens: Sequence[Token],
    rules: Sequence[Candidate],
    places: Sequence[tuple[int, int]] = (),
) -> list[Alternative]:
    """Return the alternative names of one anchor, shortest first.

    Args:
        text: the normalised document text.
        anchor: the anchor.
        tokens: the LAC words of the window holding the anchor.
        rules: the rule candidates of the anchor's kind ending at the anchor's end.
        places: the spans of the areas found in the document, sorted.
    """
    low = max(anchor.floor, anchor.head_start - REACH[anchor.kind])
    starts: dict[int, Candidate | None] = {}
    for token in tokens:
        if low <= token.start < anchor.head_start:
            starts[token.start] = None
    # Only edges with no hard punctuation between them and the head.
    hard = _HARD[anchor.kind]
    for at in range(anchor.head_start - 1, low - 1, -1):
        if text[at] in hard:
            starts = {s: r for s, r in starts.items() if s > at}
            low = at + 1  # nor does a place's name before it begin one (甲教育集团、乙教育集团)
            break
    # A conjunction right after a complete name of the same kind joins two names (甲中学和乙
    # 学校): LAC may read both as one ORG word, so no edge is taken before it.
    joined = _joined_before(text, anchor, low, tokens) if anchor.kind != PROGRAM else None
    if joined is not None:
        starts = {s: r for s, r in starts.items() if s > joined}
        low = joined + 1
    # A place name begins a name as often as a word does, and LAC may glue it to the word
    # before (校鹿城区: 鹿城区外国语学校 begins at 鹿).
    first = bisect.bisect_left(places, (low, 0))
    for start, end in places[first:]:
        if start >= anchor.head_start:
            break
        if end <= anchor.head_start:
            starts.setdefault(start, None)
    # LAC may glue a role noun's head to the name after it (核心|校盐田中学: 核心校, the core
    # school): the name begins after that head, where no word begins with it (校场路 does).
    if anchor.kind in (SCHOOL, GROUP):
        for token in tokens:
            at = token.start
            if low < at < anchor.head_start - 2 and glued_role_head(text, at):
                starts.setdefault(at + 1, None)
    # A name begins inside its opening quote: “1234”工程 and 1234”工程 are one name once the
    # quotes are dropped, so only the edge after the quote is scored.
    for at in [at for at in starts if text[at] in OPENING_QUOTES]:
        starts.pop(at)
        if at + 1 < anchor.head_start:
            starts.setdefault(at + 1, None)
    # No name is one character long (中 of 市一中, where only a rule marks the end).
    starts = {s: r for s, r in starts.items() if anchor.end - s >= 2}
    # The nearest edges only: a name rarely holds more words than this before its head.
    starts = {s: starts[s] for s in sorted(starts, reverse=True)[:MAX_EDGES]}
    for c in rules:
        # Nor is a body's rule name taken across such a join (市教育局|成立|领导小组: the body,
        # its verb and its object). Schools' and groups' rules keep theirs: dropping them cost
        # two schools in leave-one-document-out and moved no body.
        if joined is None or c.start > joined or anchor.kind != ORG:
            starts[c.start] = c
    return [Alternative(anchor, s, starts[s]) for s in sorted(starts, reverse=True)]


def in_title(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] lies inside a 《》 title (one line at most)."""
    line = text.rfind("\n", 0, start) + 1
    opening = text.rfind("《", line, start)
    if opening < 0 or text.find("》", opening, start) >= 0:
        return False
    closing = text.find("》", end)
    return closing >= 0 and text.find("\n", end, closing) < 0
