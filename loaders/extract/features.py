"""Features of an alternative name, for the learned accept/reject step (mention_model.py).

Every feature is a general signal, never a name: the LAC word class before, at and inside the
name (a verb or pronoun glued on the left, an ORG word that begins exactly there), the head
word and its class, the body's length, whether the body is only a place name, punctuation
after the name, and whether and how a rule agreed. Each feature name is prefixed with the kind
('school:before=v'), so one linear model holds a separate weight per kind.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from loaders.extract import lexicon
from loaders.extract.aliases import full_form
from loaders.extract.boundaries import (
    CLOSING_QUOTES,
    HARD,
    OPENING_QUOTES,
    Alternative,
    Anchor,
    dictionary_word,
    verb_word,
)
from loaders.extract.concepts import concept_for
from loaders.extract.gazetteer import after_places, load_gazetteer
from loaders.extract.groups import _specific as group_specific
from loaders.extract.lexical import Token
from loaders.extract.names import LEADING_NOISE
from loaders.extract.people import role_follows
from loaders.extract.programs import (
    _COUNT,
    _EDITION,
    _EVENT,
    _WORKS,
    BASED_ON,
    QUOTES,
    clean_name,
    is_generic,
    tail_class,
)
from loaders.extract.schools import (
    CAPACITY,
    DESIGNATION,
    POLICY_WORDS,
    is_specific,
    numbered_lead,
    trim_left,
)

_QUOTE = re.compile(f"[{QUOTES}]")
_DIGIT = re.compile(r"[0-9]")
_EDUCATIONAL = re.compile(r"[教学校园幼师育]")
_LEVEL = "省市区县镇乡"
# A level written before a body or school: 省, 市 … or an autonomous one (自治区教育厅, 自治州,
# 自治县), and 州, 旗 and 盟, the prefecture and county levels of the autonomous regions.
_LEVEL_LEAD = (*_LEVEL, "州", "旗", "盟", "自治区", "自治州", "自治县")
_LEVEL_CHAR = re.compile(f"[{_LEVEL}]")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十]")
_WORD_CLASSES = (
    ("designation", DESIGNATION),
    ("policy", POLICY_WORDS),
    ("capacity", CAPACITY),
)
_NEXT = {"的": "de", "等": "deng", "和": "and", "与": "and", "及": "and", "、": "list"}


def _length_bucket(n: int) -> str:
    return str(n) if n < 8 else "8-11" if n < 12 else "12+"


@lru_cache(maxsize=16384)  # pure, and bodies recur between alternatives and documents
def _place_parts(body: str) -> tuple[bool, str]:
    """Return whether `body` begins with area names, and what follows them."""
    return after_places(load_gazetteer(), body)


_SCHOOL_HEAD_IN = re.compile(
    r"(?:小学|中学|学校|幼儿园|附中|附小|实小|初中|高中|[一二三四五六七八九十][中小幼])"
)


def _parent_school(body: str) -> str:
    """Return how the part before a campus head names its school: 'school' when it ends a
    specific school name, 'short' when it holds a school word further in (实小集团平冈), ''."""
    for match in reversed(list(_SCHOOL_HEAD_IN.finditer(body))):
        prefix = body[: match.end()]
        if match.end() >= len(body) - 4 and is_specific(prefix, len(match.group())):
            return "school" if match.end() >= len(body) - 2 else "school_part"
        return "short"
    return ""


_GOVERNING_VERBS = {
    **{w: "launch" for w in lexicon.words("programme_launch_verbs")},
    **{w: "document" for w in lexicon.words("programme_document_verbs")},
}


def _governor(text: str, start: int, words: Words) -> str:
    """Return what governs a programme name: the class of the verb right before it (quotes
    between allowed), 'verb' for another verb, 'none' when no verb stands there. 实施…工程 runs
    a programme; 制定…计划 writes a document."""
    begin = start
    while begin > 0 and text[begin - 1] in QUOTES:
        begin -= 1
    # The word that ends at `begin` is the last one starting before it (words do not overlap).
    index = bisect.bisect_left(words.starts, begin) - 1
    if index < 0 or words.tokens[index].end != begin:
        return "none"
    token = words.tokens[index]
    if token.tag in ("v", "vn", "vd"):
        return _GOVERNING_VERBS.get(text[token.start : token.end], "verb")
    return "none"


def _programme_features(text: str, alt: Alternative, name: str, body: str, add) -> None:  # noqa: ANN001
    """Add what tells a named programme from a description, a title, an event or a bundle."""
    clean = clean_name(name)
    spec = clean_name(body)
    quoted = _QUOTE.search(name) is not None
    if is_generic(spec, quoted):
        add("generic")
    if _COUNT.search(body) or _COUNT.search(text, max(alt.anchor.floor, alt.start - 4), alt.start):
        add("counted")
    opening = text.rfind("《", alt.anchor.floor, alt.start)
    if opening >= 0 and text.find("》", opening, alt.start) < 0:
        add("in_title")
    if _EVENT.search(clean):
        add("event")
    if _WORKS.search(spec):
        add("works")
    if _EDITION.match(clean):
        add("edition")
    family = concept_for(clean)
    if family is not None:
        add("family_unit" if family.unit else "family")
    if "+" in clean:
        add("plus")
    if clean.startswith(BASED_ON) and "的" in clean:
        add("based_on")  # a research title (基于…的…项目): its preposition is the name's
    tail = tail_class(clean)
    if tail:
        add(f"tail={tail}")
    if clean:
        add(f"tailchar={clean[-1]}")


@dataclass(frozen=True)
class Words:
    """The LAC words of one window, with what every alternative's features look up in them."""

    tokens: tuple[Token, ...]
    starts: tuple[int, ...]  # tokens' starts, for bisect
    ends: tuple[int, ...]  # tokens' ends (ascending too: a window's words follow each other)
    entities: tuple[Token, ...]  # the ORG and LOC words

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> Words:
        """Return the lookups of a window's words."""
        return cls(
            tuple(tokens),
            tuple(t.start for t in tokens),
            tuple(t.end for t in tokens),
            tuple(t for t in tokens if t.tag in ("ORG", "LOC")),
        )


_PEER_REACH = 20  # characters an item of a 、-list may take
_PEER_KINDS = ("school", "group")


def _list_peer(text: str, start: int, end: int, head: str) -> bool:
    """Return True when a 、-list item next to this span ends with the same head word
    (白杨小学、都拉小学、金桂小学): coordinated items are names of one kind, so a head that
    ends its neighbours likely ends a name here too, whatever LAC makes of its first word."""
    if text[start - 1 : start] == "、":
        before = text[max(0, start - 1 - _PEER_REACH) : start - 1]
        if before.endswith(head):
            return True
    if text[end : end + 1] == "、":
        item = text[end + 1 : end + 1 + _PEER_REACH + len(head)]
        cut = next((i for i, c in enumerate(item) if c in HARD or c in QUOTES), len(item))
        return head in item[:cut]
    return False


def features(
    text: str,
    alt: Alternative,
    words: Words,
    rank: int,
    count: int,
    head_class: str,
    anchor_has_rule: bool,
    known: frozenset[str] = frozenset(),
    repeats: bool | None = None,
) -> dict[str, float]:
    """Return the features of one alternative (feature name → value, mostly 1.0).

    Args:
        text: the normalised document text.
        alt: the alternative.
        words: the LAC words of the window holding it.
        rank: its place among its anchor's alternatives, shortest first (0).
        count: how many alternatives its anchor has.
        head_class: the lexicon class of its head ('primary', 'campus', 'GovernmentBody' …).
        anchor_has_rule: whether a rule found a name ending at the same anchor.
        known: the names of this kind the rules found in the document (for short forms).
        repeats: repeated(text, start, end) when the caller knows it already.
    """
    anchor = alt.anchor
    kind, start, end, head_start = anchor.kind, alt.start, anchor.end, anchor.head_start
    body = text[start:head_start]
    f: dict[str, float] = {"bias": 1.0, f"kind={kind}": 1.0}
    prefix = kind + ":"

    def add(name: str, value: float = 1.0) -> None:
        f[prefix + name] = value

    add(f"head={anchor.head or 'none'}")
    add(f"class={head_class}")
    add(f"len={_length_bucket(len(body))}")
    tokens, starts = words.tokens, words.starts
    at = bisect.bisect_right(starts, start) - 1
    holding = tokens[at] if at >= 0 and tokens[at].start <= start < tokens[at].end else None
    previous = tokens[at - 1] if holding is not None and holding.start == start and at > 0 else None
    char_before = text[start - 1] if start > 0 else ""
    if start <= anchor.floor:
        before = "BOS"
    elif char_before in HARD or char_before in QUOTES or char_before in "()（）":
        before = "PUNCT"
    elif holding is not None and holding.start < start:
        before = "MID"
        add(f"cut={holding.tag}")
        if start - holding.start == 2 and verb_word(text, holding.start):
            add("glued_verb")  # LAC glued a verb onto the name it governs (加快|县第一中学)
    elif previous is not None and previous.end == start:
        before = previous.tag
    else:
        before = "EDGE"  # the window begins here
    add(f"before={before}")
    if (
        start > anchor.floor
        and dictionary_word(text[start - 1 : start + 1])
        and not dictionary_word(text[start : start + 2])
    ):
        # The edge splits a word (改扩|建马场镇…: 扩建), whatever LAC's reading of it.
        add("edge_splits_word")
    first = holding.tag if holding is not None and holding.start == start else "none"
    add(f"first={first}")
    add(f"before={before}&first={first}")
    first_inside = at if holding is not None and holding.start == start else at + 1
    inside = tokens[max(first_inside, 0) : bisect.bisect_right(words.ends, head_start)]
    for tag in sorted({t.tag for t in inside}):
        add(f"in={tag}")
    add(f"ntok={min(len(inside), 5)}")
    if inside:
        add(f"lasttok={inside[-1].tag}")
    at_end = bisect.bisect_left(starts, end) - 1
    last = tokens[at_end] if at_end >= 0 and tokens[at_end].end >= end else None
    if last is not None:
        add(f"headtok={last.tag}")
        if last.end > end:
            add("head_glued")
            if kind == "org" and role_follows(text, end):
                add("before_role")  # 区委|书记: LAC reads the title as one word
        add(
            "headtok_from="
            + ("before" if last.start < start else "at" if last.start == start else "inside")
        )
    for t in words.entities:
        if t.end <= start or t.start >= end:
            continue
        if t.start == start and t.end == end:
            add(f"{t.tag}_exact")
        elif t.start == start:
            add(f"{t.tag}_starts_" + ("longer" if t.end > end else "shorter"))
        elif t.start < start < t.end:
            add(f"{t.tag}_cut")
        elif start < t.start < head_start:
            add(f"{t.tag}_later")
    after = bisect.bisect_left(starts, end)
    if after < len(tokens) and tokens[after].start == end:
        add(f"after={tokens[after].tag}")  # a body is often the subject of a verb (区妇联组织…)
    following = text[end : end + 1]
    if not following:
        add("next=end")
    elif following in HARD or following in QUOTES:
        add("next=punct")
    else:
        add(f"next={_NEXT.get(following, 'digit' if following.isdigit() else 'char')}")
    if kind in _PEER_KINDS and _list_peer(text, start, end, anchor.head):
        add("list_peer")
        add(f"list_peer&before={before}")
    add(f"rank={min(rank, 4)}")
    if rank == count - 1:
        add("longest")
    if alt.rule is not None:
        # One weight for every rule: most rules have too few examples here for one of their own.
        add("rule_exact")
    else:
        add("rule_other" if anchor_has_rule else "rule_none")
    name = text[start:end]
    head_len = len(anchor.head)
    if kind == "school" and head_len:
        if head_class == "campus":
            # A campus is named after its school: 明远中学东校区, 实小集团松台校区.
            parent = _parent_school(body)
            if parent:
                add(f"campus_of={parent}")
        elif is_specific(name, head_len):
            add("specific")
        if trim_left(name, head_len):
            add("trim")
    elif kind == "school" and numbered_lead(name):
        add("trim")  # 合作学校|某某六中: a numbered short form has no head to trim before
    if kind == "group" and head_len and group_specific(name, anchor.head):
        add("specific")
    for label, pattern in _WORD_CLASSES:
        if pattern.search(body):
            add(f"words={label}")
    if kind == "program":
        _programme_features(text, alt, name, body, add)
        add(f"governor={_governor(text, start, words)}")
    had_place, rest = _place_parts(body)
    if had_place:
        add("place_lead")
        if not rest:
            add("place_only")
    if body.startswith(_LEVEL_LEAD):
        add("level_lead")
    if LEADING_NOISE.match(body):
        add("lead_noise")
    if _QUOTE.search(body):
        add("quoted")
    if char_before and char_before in OPENING_QUOTES:
        closed = text[end : end + 1]
        add("enclosed" if closed and closed in CLOSING_QUOTES else "after_open_quote")
    if _DIGIT.search(body):
        add("digit")
    if _EDUCATIONAL.search(body):
        add("educational")
    if repeated(text, start, end) if repeats is None else repeats:
        add("repeated")
    if known and kind in ("school", "group"):
        full = full_form(kind, name, known, None)
        if full is not None and full != name:
            add(
                "short_form"
            )  # 青田实小 beside 青田实验小学: a name the document also writes in full
    return f


_LEVEL_OR_PLACE_REACH = 8


_REPEAT_REACH = 50_000  # characters searched on each side: a whole work plan, not a whole book


def repeated(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] occurs elsewhere in `text` too (within _REPEAT_REACH
    characters of it: every alternative of every anchor asks, so a search of the whole text
    would make a long document's features quadratic).

    >>> repeated("青松小学和白桦小学、青松小学", 0, 4), repeated("青松小学和白桦小学", 5, 9)
    (True, False)
    """
    name = text[start:end]
    low, high = max(0, start - _REPEAT_REACH), min(len(text), end + _REPEAT_REACH)
    return text.find(name, low, high) != start or text.find(name, start + 1, high) >= 0


def anchor_features(
    text: str,
    anchor: Anchor,
    has_rule: bool,
    head_class: str,
    place_ends: Sequence[int] = (),
) -> dict[str, float]:
    """Return the cheap features of an anchor, read before LAC: whether any name ends there.

    They screen out heads used as ordinary words (所有, 部分, 计划 as a verb) so that LAC reads
    only the windows worth reading. No LAC tag is used here.
    """
    kind, head_start = anchor.kind, anchor.head_start
    f: dict[str, float] = {"bias": 1.0, f"kind={kind}": 1.0}
    prefix = kind + ":"

    def add(name: str) -> None:
        f[prefix + name] = 1.0

    add(f"head={anchor.head or 'none'}")
    add(f"class={head_class}")
    add("rule" if has_rule else "no_rule")
    if anchor.continues:
        add("continues_word")
    before = text[head_start - 1] if head_start > anchor.floor else ""
    add(f"prev={_char_class(before)}")
    pair = text[max(anchor.floor, head_start - 2) : head_start]
    if len(pair) == 2 and dictionary_word(pair):
        add("prev_word")
    near = text[max(anchor.floor, head_start - _LEVEL_OR_PLACE_REACH) : head_start]
    if _LEVEL_CHAR.search(near):
        add("level_near")
    low = bisect.bisect_right(place_ends, head_start - _LEVEL_OR_PLACE_REACH)
    if low < len(place_ends) and place_ends[low] <= head_start:
        add("place_near")  # an area named just before the head
    if _NUMERAL.search(near):
        add("numeral_near")
    if "“" in near or "”" in near or '"' in near:
        add("quote_near")
    following = text[anchor.end : anchor.end + 1]
    add(f"next={_char_class(following)}")
    return f


def _char_class(ch: str) -> str:
    if not ch:
        return "edge"
    if ch in QUOTES:
        return "quote"
    if ch in HARD or ch in "()（）":
        return "punct"
    if ch.isdigit():
        return "digit"
    if "\u4e00" <= ch <= "\u9fff":
        return _NEXT.get(ch, "cjk")
    return "other"
