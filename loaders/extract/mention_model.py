"""The learned accept/reject step: which alternative name, if any, each anchor stands for.

For every anchor (boundaries.py) each alternative left edge is scored by a logistic-regression
model over general features (features.py); the most probable alternative is kept when its
probability reaches the kind's threshold. The model is data (`data/mention_model.json`), made by
`scripts/train_mention_model.py` from the development gold, with the hash of the data it was
trained on; the same script checks that it reproduces the committed file.

Rule candidates of other kinds (areas, programmes, people) pass through unchanged; a rule
candidate of a scored kind survives only when the model picks its exact span.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from operator import mul
from pathlib import Path

from loaders.dictionary import dictionary_tag, dictionary_word
from loaders.extract import boundaries, lexicon, people
from loaders.extract.boundaries import (
    CLOSING_QUOTES,
    HEAD_LISTS,
    LED_GROUP,
    OPENING_QUOTES,
    Alternative,
    Anchor,
    closing_count,
    glued_role_head,
    head_class,
    verb_word,
)
from loaders.extract.concepts import concept_for
from loaders.extract.features import Words, anchor_features, features, repeated
from loaders.extract.gazetteer import places_only
from loaders.extract.lexical import FUNCTION_TAGS, Token, analyse
from loaders.extract.model import AREA, GROUP, ORG, PROGRAM, SCHOOL, Candidate
from loaders.extract.people import after_titled_person
from loaders.extract.programs import (
    BASED_ON,
    QUOTES,
    body_lead,
    clean_name,
    component_formula,
    counted_class,
    dated_by_relative_time,
    edition_or_count,
    excluded_by_tail,
    institution_after,
    named_as,
)
from loaders.extract.schools import GENERIC, last_school_word, named_school

MODEL_PATH = Path(__file__).resolve().parent / "data" / "mention_model.json"


class ModelError(ValueError):
    """The model file cannot be read (the message names the file)."""


@dataclass(frozen=True)
class MentionModel:
    """Two linear models: one screens anchors on cheap features (before LAC reads them), the
    other scores each alternative of the anchors that pass; one threshold per kind."""

    weights: Mapping[str, float]
    intercept: float
    thresholds: Mapping[str, float]
    anchor_weights: Mapping[str, float] = field(default_factory=dict)
    anchor_threshold: float = 0.0

    def probability(self, values: Mapping[str, float]) -> float:
        """Return the probability that an alternative is a name (sigmoid of the score)."""
        return _sigmoid(self.intercept + _dot(self.weights, values))

    def anchor_probability(self, values: Mapping[str, float]) -> float:
        """Return the probability that some name ends at an anchor (cheap features)."""
        return _sigmoid(_dot(self.anchor_weights, values)) if self.anchor_weights else 1.0


def _dot(weights: Mapping[str, float], values: Mapping[str, float]) -> float:
    # Mapped in C, no generator: the same products, summed in the same order.
    return sum(map(mul, map(weights.get, values, repeat(0.0)), values.values()))


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> MentionModel:
    """Return the model stored at `path`.

    Raises:
        ModelError: the file is missing or not a model written by the training script.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return MentionModel(
            data["weights"],
            float(data["intercept"]),
            data["thresholds"],
            data["anchor_weights"],
            float(data["anchor_threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelError(
            f"{path}: cannot read the mention model ({err}); "
            "run scripts/train_mention_model.py to rebuild it"
        ) from err


@dataclass(frozen=True)
class Scored:
    """An alternative with its features (and, once scored, its probability)."""

    alternative: Alternative
    features: Mapping[str, float]
    probability: float = 0.0


@dataclass(frozen=True)
class AnchorCase:
    """One anchor: its cheap features and, when it was read, its scored alternatives."""

    anchor: Anchor
    features: Mapping[str, float]
    alternatives: tuple[Scored, ...]


def describe(
    text: str,
    spans: Sequence[tuple[int, int]],
    rules: Sequence[Candidate],
    model: MentionModel | None = None,
) -> list[AnchorCase]:
    """Return every anchor with its cheap features; the anchors `model` screens in (all of
    them without a model) also get their alternatives, with features, shortest first.

    LAC reads only the windows of the screened-in anchors: it is the costly step.
    """
    scored_kinds = [c for c in rules if c.kind in HEAD_LISTS]
    places = sorted((c.start, c.end) for c in rules if c.kind == AREA)
    place_ends = sorted(end for _, end in places)
    by_end: dict[tuple[str, int], list[Candidate]] = {}
    for c in scored_kinds:
        by_end.setdefault((c.kind, c.end), []).append(c)
    known: dict[str, frozenset[str]] = {
        kind: frozenset(c.canonical or c.name for c in scored_kinds if c.kind == kind)
        for kind in HEAD_LISTS
    }
    screened: list[tuple[Anchor, dict[str, float], bool]] = []
    for anchor in boundaries.find_anchors(text, spans, scored_kinds):
        has_rule = (anchor.kind, anchor.end) in by_end
        cheap = anchor_features(text, anchor, has_rule, head_class(anchor), place_ends)
        # An anchor a rule proposed a name for is always read: the screen saves LAC's time on
        # heads no rule saw, and rule anchors are few.
        keep = (
            model is None
            or has_rule
            or _after_a_listed_rule(text, anchor, by_end)
            or model.anchor_probability(cheap) >= model.anchor_threshold
        )
        screened.append((anchor, cheap, keep))
    read = [a for a, _, keep in screened if keep]
    reach = {key: _word_before(text, min(c.start for c in found)) for key, found in by_end.items()}
    windows = boundaries.windows(read, reach) if read else []
    tokens = [Words.of(t) for t in analyse(text, windows)]
    window_starts = [w[0] for w in windows]
    out: list[AnchorCase] = []
    for anchor, cheap, keep in screened:
        if not keep:
            out.append(AnchorCase(anchor, cheap, ()))
            continue
        words = _window_tokens(anchor, windows, window_starts, tokens)
        if _head_inside_words(anchor, words) and not _before_a_role(text, anchor):
            out.append(AnchorCase(anchor, cheap, ()))  # 实|行动|态管理: no head at all
            continue
        rules_here = [
            trimmed
            for c in by_end.get((anchor.kind, anchor.end), [])
            if (trimmed := c if anchor.kind not in _CHECKED_STARTS else _trim_start(text, c, words))
        ]
        alts = boundaries.alternatives(text, anchor, words.tokens, rules_here, places)
        if anchor.kind == PROGRAM and any(_counted_programmes(text, a) for a in alts):
            alts = []  # 实施2项青苗助学工程: a count of programmes, none of them named
        elif anchor.kind == PROGRAM:
            alts = [
                a
                for a in alts
                if not _excluded(text, a)
                and not _modal_inside(text, a, words)
                and not _opens_with_preposition(text, a, words)
            ]
        elif anchor.kind == GROUP:
            alts = [
                a
                for a in alts
                if not _MEMBERSHIP_VERB.search(text, a.start, anchor.head_start)
                and not _counted(text, a)
                and not _JOINED_SCHOOL.search(text, a.start, anchor.head_start)
                and not _ORDINAL_COUNT.search(text, a.start, anchor.head_start)
            ]
        elif anchor.kind == SCHOOL:
            alts = [
                a
                for a in alts
                if not _kinds_counted(text, a)
                and not _glued_names(text, a)
                and not _FORMER_NAME_INSIDE.search(text, a.start, anchor.head_start)
            ]
        if anchor.kind in (SCHOOL, GROUP):
            alts = _past_role_nouns(text, alts)
        if anchor.kind in (SCHOOL, GROUP) and _COUNT_AFTER.match(text, anchor.end):
            alts = []  # 特教学校77所, 帮扶关系普通高中15对: a kind being counted
        elif anchor.kind in (SCHOOL, GROUP):
            counted = _counted_from(text, alts)
            # 中共|某某教育集团委员会: the party's organisation of the group, not its name.
            alts = [
                a
                for a in alts
                if a.start > counted
                and not _PARTY.match(text, a.start)
                and not _DASH.search(text, a.start, anchor.head_start)
            ]
        if anchor.kind == ORG and _role_ends(text, anchor):
            alts = []  # 县委常委: a person's title, whose body ends before it (县委)
        elif anchor.kind == ORG and _PAIRED_GOVERNMENT.match(text, anchor.head_start - 1):
            alts = []  # 县委政府, 党委政府: the committee and the government, two bodies
        elif anchor.kind == ORG and _MEASURED.search(text, anchor.floor, anchor.end):
            alts = []  # 两所, 三处: a count and its measure word, which the head 所 or 处 is
        elif anchor.kind == ORG and text.startswith(_ADDRESS, anchor.head_start - 1):
            alts = []  # 某某小区三区五号院: an address's courtyard, whose number 号 ends
        elif anchor.kind == ORG:
            # 区相关委办局, 市级人民政府: the bodies concerned, not one body (ANNOTATION.md). A
            # zone's or a committee's name read whole (某某示范区教育局, 中共某某县委员会) is
            # not cut inside: 区教育局 there is no body's name.
            whole = min((c.start for c in rules_here if c.method in _READ_WHOLE), default=-1)
            alts = [
                a
                for a in alts
                if not _CONCERNED.search(text, a.start, anchor.head_start)
                and not _EACH_LEVEL.search(text, max(anchor.floor, a.start - 12), a.start)
                and not (whole >= 0 and a.start > whole)
            ]
        if anchor.kind != PROGRAM:
            alts = _without_verb_led(text, alts)
        cls = head_class(anchor)
        has_rule = bool(rules_here)
        # Short forms of names written elsewhere, not of the longer edges of this anchor.
        elsewhere = known[anchor.kind] - {c.canonical or c.name for c in rules_here}
        repeats = _repeated_edges(text, alts)
        scored = tuple(
            Scored(
                alt,
                features(
                    text, alt, words, rank, len(alts), cls, has_rule, elsewhere, repeats[rank]
                ),
            )
            for rank, alt in enumerate(alts)
        )
        if anchor.kind == PROGRAM and scored and _verb_head(scored[0].features, PROGRAM):
            scored = ()
        elif anchor.kind == PROGRAM:
            scored = tuple(
                s for s in scored if not _time_only(text, s) and not _plan_being_drafted(text, s)
            )
        out.append(AnchorCase(anchor, cheap, scored))
    return out


def _after_a_listed_rule(
    text: str, anchor: Anchor, by_end: Mapping[tuple[str, int], object]
) -> bool:
    """Return True when a school or group anchor is a list's next item after a name a rule
    found (甲学校、五一学校): with_list_peers may take it, so LAC reads it."""
    if anchor.kind not in _LISTED_KINDS:
        return False
    mark = text.rfind(
        "、", max(anchor.floor, anchor.head_start - _ITEM_CHARS - 1), anchor.head_start
    )
    return mark >= 0 and (anchor.kind, mark) in by_end


def _word_before(text: str, start: int) -> int:
    """Return where LAC's window for a name beginning at `start` begins: two characters before
    it, for the word there (LAC reads a name's first word by what precedes it), but not across
    white space (a table's cells: LAC reads 1<TAB>某某 as one token)."""
    before = text[max(0, start - 2) : start]
    cut = max(before.rfind(c) for c in " \t\n\u3000")
    return start - len(before) + cut + 1


def _before_a_role(text: str, anchor: Anchor) -> bool:
    """Return True when a person's role follows a body's head (省委|书记, 区委|副书记): LAC reads
    such a title as one word, but the body it names ends at the head (ANNOTATION.md counts
    bodies inside a person's title).

    >>> from loaders.extract.model import ORG
    >>> _before_a_role("省委书记", Anchor(ORG, 1, 2, "委", 0, 4))
    True
    """
    return anchor.kind == ORG and people.role_follows(text, anchor.end)


# A government head right after a committee's 委 (县委政府, 各级党委政府): the pair of bodies
# written as one phrase, the committee's 委 shared by none of them.
_PAIRED_GOVERNMENT = re.compile(r"委(?:人民)?政府")


def _head_inside_words(anchor: Anchor, words: Words) -> bool:
    """Return True when LAC reads no word boundary at either end of the head: its characters
    belong to the words on both sides (实|行动|态, 高|中学|生), and no name ends there.

    >>> from loaders.extract.lexical import Token
    >>> w = Words.of([Token(0, 2, "v"), Token(2, 4, "n"), Token(4, 6, "vn")])
    >>> _head_inside_words(Anchor(PROGRAM, 1, 3, "行动", 0, 6), w)
    True
    >>> _head_inside_words(Anchor(PROGRAM, 2, 4, "行动", 0, 6), w)
    False
    """
    if not anchor.head:
        return False  # an end only a rule marks
    # A name LAC reads as one entity may hold a shorter name (某省人民政府教育督导委员会),
    # and LAC reads an ordinal with what follows as one numeral (第三十幼儿园某某分园: m):
    # only ordinary words count.
    across = [
        t
        for t in (_word_across(words, anchor.head_start), _word_across(words, anchor.end))
        if t is not None and t.tag not in _HEAD_HOLDING_TAGS
    ]
    return any(t.start < anchor.head_start for t in across) and any(
        anchor.end < t.end for t in across
    )


def _word_across(words: Words, at: int) -> Token | None:
    """Return the word that begins before `at` and ends after it, if any (a window's words
    follow each other: only the last one beginning before `at` can)."""
    index = bisect.bisect_left(words.starts, at) - 1
    return words.tokens[index] if index >= 0 and at < words.ends[index] else None


_ENTITY_TAGS = frozenset({"ORG", "LOC", "PER", "nz", "nt", "ns", "nr"})
# Tags whose word may hold a head without hiding it: a proper name's, and a numeral's.
_HEAD_HOLDING_TAGS = _ENTITY_TAGS | {"m"}


# What may follow a head LAC reads as a verb for it to be that verb (计划投资, 计划于明年):
# a verb, a preposition or an adverb begins the predicate the verb governs.
_PREDICATE_STARTS = ("v", "vn", "p", "d", "vd", "ad")


def _verb_head(values: Mapping[str, float], kind: str) -> bool:
    """Return True when LAC reads the head as a verb that governs what follows (东湖小学共计划招收
    新生): the word is the verb "to plan", and no name ends with it."""
    if f"{kind}:headtok=v" not in values:
        return False
    return any(f"{kind}:after={tag}" in values for tag in _PREDICATE_STARTS)


# A verb that forms a group or puts members in it (组建, 加入, 结成 …: group_left_breaks.tsv)
# stands before a group's name, never inside it (河口乡中学组建县一中教育集团 is two things).
_MEMBERSHIP_VERB = re.compile(
    lexicon.alternation("group_left_breaks", "verb-building", "verb-cooperation")
)

# The party (中共) before a school's or group's name: what follows is its party organisation.
_PARTY = re.compile(lexicon.alternation("group_left_breaks", "party"))

# A school's head and a conjunction: a group's name never goes on after a whole school's name
# joined by 和 (某实验学校和|乙教育集团 pairs a school with a group).
_JOINED_SCHOOL = re.compile("(?:" + lexicon.alternation("school_heads") + ")(?:和|与|及|、)")
# A dash (——, --) sets off an aside or the name that follows it (某区第七个教育集团——某某教育
# 集团); no school's or group's name holds one.
_DASH = re.compile(r"[—–]|-{2,}")
# An ordinal count (第七个, 第3个): the group's rank among the area's, a description, not a name.
_ORDINAL_COUNT = re.compile(r"第[0-9一二三四五六七八九十百]+个")

# Kinds whose rule names are checked against LAC's first word (a rule's left edge is a guess).
_CHECKED_STARTS = ("program",)
# Word classes no name begins with: adverbs, prepositions, pronouns, conjunctions, particles.
_NO_NAME_STARTS = frozenset({"d", "ad", "p", "r", "c", "u", "xc"})
_ADVERBIAL = frozenset({"d", "ad", "vd"})  # what modifies a verb (继续, 进一步, 持续)


# LAC tags no school, group or body name holds before its head: verbs, adverbs and
# prepositions (…教育集团|就|…学校, …教师|赴|…职业学校 span a clause), and for schools and groups
# conjunctions (a body's may: 人力资源和社会保障局). None of the development names has one
# after a word (a verbal noun it may: 学生成长中心).
_NOT_INSIDE = {
    "school": ("v", "vd", "d", "ad", "p", "c"),
    "group": ("v", "vd", "d", "ad", "p", "c"),
    "org": ("v", "vd", "d", "ad", "p"),
}


def names_a_type(text: str, scored: Scored) -> bool:
    """Return True when a school's or group's name says what type or style it is (紧密型教育集团,
    融合型…学校, 花园式学校): X型 and X式 make a kind, not one institution, unless a named
    school's group is of that type (某小学紧密型教育集团).

    >>> from loaders.extract.model import GROUP
    >>> t = "紧密型教育集团"
    >>> names_a_type(t, Scored(Alternative(Anchor(GROUP, 3, 7, "教育集团", 0, 7), 0, None), {}))
    True
    >>> t = "青禾小学紧密型教育集团"
    >>> names_a_type(t, Scored(Alternative(Anchor(GROUP, 7, 11, "教育集团", 0, 11), 0, None), {}))
    False
    """
    alt = scored.alternative
    body = text[alt.start : alt.anchor.head_start]
    if alt.anchor.kind not in ("school", "group") or not ("型" in body or body.endswith("式")):
        return False
    # 青禾小学紧密型教育集团: one school's group, of that type; the type names no kind there.
    typed = body.find("型") if "型" in body else len(body) - 1
    return not (alt.anchor.kind == GROUP and _named_school_before(body, typed))


def _named_school_before(body: str, at: int) -> bool:
    """Return True when the last school word before `at` ends a specific school's name that
    `body` begins with (青禾小学|紧密型)."""
    last = last_school_word(body[:at])
    return last is not None and named_school(body[: last.end()])


def head_begins_a_word(scored: Scored) -> bool:
    """Return True when a body's one-character head begins a longer word LAC reads as a verb,
    a verbal noun, an adjective or an adverb (区域教育协|调, 市政府工作部|署): the head is
    that word's first character, and no body ends there. None of the development bodies does."""
    anchor = scored.alternative.anchor
    values = scored.features
    if anchor.kind != "org" or len(anchor.head) != 1 or "org:head_glued" not in values:
        return False
    return any(f"org:headtok={tag}" in values for tag in ("v", "vn", "a", "ad", "d"))


def function_word_inside(values: Mapping[str, float], kind: str) -> bool:
    """Return True when LAC reads such a word inside a name, unless the name is a short item
    opening after punctuation: an item of a list (、都拉小学) is a name whatever LAC makes of
    its first character (都: an adverb), but a clause after a comma is no name for opening
    there (,某区现已拥有…幼儿园)."""
    opens = f"{kind}:before=PUNCT" in values or f"{kind}:before=BOS" in values
    if opens and f"{kind}:ntok={_LONG_ITEM}" not in values:
        return False
    return any(f"{kind}:in={tag}" in values for tag in _NOT_INSIDE.get(kind, ()))


# Words LAC reads before a head in an item longer than a list's: five and more (features.py
# counts them up to 5).
_LONG_ITEM = 5


# Words that make a body's name a reference to several bodies: those concerned, the others,
# those of a level (市级人民政府, 县级教育行政部门).
_CONCERNED = re.compile("相关|有关|其他|其它|部分|各级|各类|所属|下属|[省市县区乡镇]级")
# 各 or 有关 and the levels it ranges over, right before a body (各县(市)区|教育局, 各乡|镇人民
# 政府, 各省、自治区、直辖市|教育厅, 各有关区|教育局): every body of those levels, not one; so are
# the bodies of the cities divided into districts (各设区市|教育局, 设区的市|教育局).
_EACH_LEVEL = re.compile(
    r"(?:(?:各|各?有关|各?相关)(?:设区的?)?|设区的?)"
    r"(?:[省市县区乡镇旗州盟]|自治区|直辖市|自治州|[、()（）])*(?:直辖|自治)?$"
)


def _role_ends(text: str, anchor: Anchor) -> bool:
    """Return True when the anchor's head ends a person's role word longer than the head
    (省委常委, 区政协委员), or begins one after a rank (科技处副|处长): a title held in a body,
    not the body's name.

    >>> from loaders.extract.model import ORG
    >>> _role_ends("县委常委", Anchor(ORG, 3, 4, "委", 0, 4))
    True
    >>> _role_ends("科技处副处长", Anchor(ORG, 4, 5, "处", 0, 6))
    True
    """
    longer = [role for role in people.ROLES if len(role) > len(anchor.head)]
    if any(text.endswith(role, 0, anchor.end) for role in longer):
        return True
    ranked = text[anchor.head_start - 1 : anchor.head_start] in ("副", "正")
    return ranked and any(text.startswith(role, anchor.head_start) for role in longer)


# Modal and prohibitive words: one inside a phrase makes it a clause (各校要严格执行招生计划,
# 不得超计划), which no name is.
_MODALS = frozenset(
    "要 应 应当 应该 须 必须 需 需要 务必 可 可以 能 能够 会 不得 不能 不准 严禁 禁止".split()
)


def _modal_inside(text: str, alt: Alternative, words: Words) -> bool:
    """Return True when LAC reads a modal word (a verb or an adverb) between the alternative's
    start and its head.

    >>> from loaders.extract.lexical import Token
    >>> t = "各校要执行招生计划"
    >>> w = Words.of([Token(0, 2, "n"), Token(2, 3, "v"), Token(3, 5, "v"), Token(5, 7, "vn"), Token(7, 9, "n")])
    >>> _modal_inside(t, Alternative(Anchor(PROGRAM, 7, 9, "计划", 0, 9), 0, None), w)
    True
    """
    # The words from the alternative's start to its head (a window's words follow each other).
    first = bisect.bisect_left(words.starts, alt.start)
    last = bisect.bisect_right(words.ends, alt.anchor.head_start)
    return any(
        t.tag in ("v", "d", "vd") and text[t.start : t.end] in _MODALS
        for t in words.tokens[first:last]
    )


def _opens_with_preposition(text: str, alt: Alternative, words: Words) -> bool:
    """Return True when LAC reads the alternative's first word as a preposition (比|原计划,
    按|计划, 对|项目): a phrase it heads relates what follows to the clause, and no name begins
    with one, except a research title's 基于 clause (基于…的…项目) and a word whose first
    character LAC took for one.

    >>> from loaders.extract.lexical import Token
    >>> t = "比原计划提前"
    >>> w = Words.of([Token(0, 1, "p"), Token(1, 2, "a"), Token(2, 4, "n"), Token(4, 6, "v")])
    >>> _opens_with_preposition(t, Alternative(Anchor(PROGRAM, 2, 4, "计划", 0, 6), 0, None), w)
    True
    >>> _opens_with_preposition(t, Alternative(Anchor(PROGRAM, 2, 4, "计划", 0, 6), 1, None), w)
    False
    >>> t = "向阳花计划"
    >>> w = Words.of([Token(0, 1, "p"), Token(1, 5, "n")])
    >>> _opens_with_preposition(t, Alternative(Anchor(PROGRAM, 3, 5, "计划", 0, 5), 0, None), w)
    False
    """
    at = bisect.bisect_left(words.starts, alt.start)
    first = words.tokens[at] if at < len(words.tokens) else None
    return (
        first is not None
        and first.start == alt.start
        and first.tag == "p"
        and not text.startswith(BASED_ON, alt.start)
        # LAC splits a word a preposition's character begins (向|阳花计划: 向阳 is a word).
        and not (first.end - first.start == 1 and dictionary_word(text[alt.start : alt.start + 2]))
    )


# A cardinal count and its classifier (5个, 三所, 两家); not an ordinal (第三批).
_COUNT = re.compile(r"(?<!第)[0-9一二三四五六七八九十两几多]+[个所家]")


# A count of "big" ones right before the head (三大|教育集团, 两大|教育集团): a bundle, no name.
_BIG_COUNT = re.compile(r"(?<!第)[一二三四五六七八九十两几]大$")


# A count and its classifier closing the phrase after a head (特教学校77所, 普通高中15对,): what
# is counted is a kind of school or group, never one named. A count the kind's noun follows
# (…、乙中学4所中学) sums up the list before it, whose last item is a name.
_COUNT_AFTER = closing_count("所个对家类种批")


def _counted(text: str, alt: Alternative) -> bool:
    """Return True when a count stands in the name's body (…初中教育集团5个|教育集团,
    新建2所|实验小学, 聊城三大|教育集团): what it counts is a kind, and a name never holds a
    count of itself.

    >>> from loaders.extract.model import GROUP
    >>> t = "甲中教育集团、乙中教育集团2个教育集团"
    >>> _counted(t, Alternative(Anchor(GROUP, 15, 19, "教育集团", 0, len(t)), 7, None))
    True
    """
    return (
        _COUNT.search(text, alt.start, alt.anchor.head_start) is not None
        or _BIG_COUNT.search(text, alt.start, alt.anchor.head_start) is not None
    )


# A count of schools or campuses by 个 or 所 (四个|校区; not 家, which ends villages' names:
# 三家村), or 多 (many) standing alone before the head (一长|多|校区).
_SCHOOLS_COUNTED = re.compile(
    r"(?<!第)[0-9一二三四五六七八九十百两几]+[个所]|(?<![0-9一二三四五六七八九十百许])多$"
)


def _past_role_nouns(text: str, alts: list[Alternative]) -> list[Alternative]:
    """Return `alts` without those that begin with a role noun's head where the name after it
    is an alternative too (核心校|某某中学: the core school, then its name): no name begins
    with that head unless a word does (校场路小学).

    >>> from loaders.extract.model import SCHOOL
    >>> t = "集团核心校青禾中学"
    >>> a = lambda s: Alternative(Anchor(SCHOOL, 7, 9, "中学", 0, len(t)), s, None)
    >>> [x.start for x in _past_role_nouns(t, [a(5), a(4), a(2)])]
    [5, 2]
    """
    starts = {a.start for a in alts}
    return [a for a in alts if not (a.start + 1 in starts and glued_role_head(text, a.start))]


def _kinds_counted(text: str, alt: Alternative) -> bool:
    """Return True when a count of schools stands in a school's name before its head
    (青禾校区四个|校区: the four campuses just listed; 一长多|校区: a head of many): a
    name never holds a count of its own kind.

    >>> from loaders.extract.model import SCHOOL
    >>> t = "甲校区、乙校区两个校区"
    >>> _kinds_counted(t, Alternative(Anchor(SCHOOL, 9, 11, "校区", 0, len(t)), 4, None))
    True
    """
    return _SCHOOLS_COUNTED.search(text, alt.start, alt.anchor.head_start) is not None


# A school's head, then what opens its former or other name (某某中学原|某某一中, 某某小学原名|
# 某某小学): two names of one school, neither of them the other's part. 原 opening a word of its
# own (原址, 原有) is no such opening: 某小学原址幼儿园 is a kindergarten on the school's old site.
_FORMER_NAME_INSIDE = re.compile(
    r"(?:学校|小学|中学|幼儿园|校区|分校)(?:原(?![址有来本先因则始创貌])|曾名|又名|旧称)"
)


def _glued_names(text: str, alt: Alternative) -> bool:
    """Return True when an alternative holds two schools of its kind (boundaries.glued_start)."""
    anchor = alt.anchor
    return boundaries.glued_start(text, alt.start, anchor.head_start, anchor.head) > alt.start


# A count's number (not an ordinal: 第三所): what _MEASURED and _COUNT_BEFORE read before a
# measure word.
_COUNTED = r"(?<!第)[0-9一二三四五六七八九十百两几多]+"


# A body's head that is a measure word after a count (学校两所, 问题三处): no body ends there.
_MEASURED = re.compile(rf"{_COUNTED}[所处]$")
_ADDRESS = "号院"


# A count and its classifier (8所, 两个, 一批): a name never follows its own count, nor the
# description a count opens (一所|面向明天的|某某学校: a school of a kind, not one named),
# unless a copula makes the count the subject (其中一所是|地处某市的|某某学校: one named).
_COUNT_BEFORE = re.compile(
    rf"{_COUNTED}余?[所个家批类](?:(?:(?![为是叫即])[^,,。;;:：、()()“”\"]){{1,12}}的)?$"
)


def _counted_from(text: str, alts: Sequence[Alternative]) -> int:
    """Return where the words a count stands right before begin (8所|高职学校: the edge after
    the count), or -1: what a count is followed by is a kind of school or group, not one named
    (no development name follows one), so no edge at or before it begins a name.

    >>> from loaders.extract.model import SCHOOL
    >>> t = "全省8所高职学校"
    >>> a = [Alternative(Anchor(SCHOOL, 6, 8, "学校", 0, 8), s, None) for s in (4, 2, 0)]
    >>> _counted_from(t, a)
    4
    """
    for alt in alts:  # shortest first: the count nearest the head
        if _COUNT_BEFORE.search(text, max(alt.anchor.floor, alt.start - 20), alt.start):
            return alt.start
    return -1


_DOUBLE_QUOTE = re.compile('[“”"]')


def _counted_programmes(text: str, alt: Alternative) -> bool:
    """Return True when a count stands before a programme head outside quotes (实施2项|青苗助学
    工程) or before the quoted name (6209个|“能力提升”项目): the name is a kind of thing being
    counted. A count in quotes is part of a name (“三个一”工程), and so is one alone (一个“青禾”
    品牌: one brand, named). A count after the name says nothing: 申报某某工程3个 is three
    projects of a named programme.

    >>> from loaders.extract.model import PROGRAM
    >>> t = "建成6209个“青苗”项目"
    >>> _counted_programmes(t, Alternative(Anchor(PROGRAM, 12, 14, "项目", 0, len(t)), 8, None))
    True
    >>> t = "打造一个“青苗”项目"
    >>> _counted_programmes(t, Alternative(Anchor(PROGRAM, 9, 11, "项目", 0, len(t)), 5, None))
    False
    """
    surface = text[alt.start : alt.anchor.end]
    quote = next((i for i in (alt.start, alt.start - 1) if text[i : i + 1] in '“"'), None)
    if quote is not None:
        before = _COUNT_BEFORE_QUOTE.search(text, max(0, quote - 8), quote)
        if before is not None and before.group(1) != "一":
            return True
    return not _DOUBLE_QUOTE.search(surface) and counted_class(surface, alt.anchor.head)


# A count right before a programme name's opening quote (6209个“…”项目).
_COUNT_BEFORE_QUOTE = re.compile(r"([0-9]+|[一二三四五六七八九十百千两几多]+)(?:余|多)?[个项批类]$")


def _without_verb_led(text: str, alts: list[Alternative]) -> list[Alternative]:
    """Return `alts` without a name that a rule's name follows right after a leading verb or
    adverb (加快|县第一中学): LAC may glue the verb onto the name it governs as one ORG word,
    and the rule's edge after the verb is the name's. A name that begins with such a word
    and that no rule cuts (前进小学, 解放路小学) stays.

    >>> from loaders.extract.model import SCHOOL
    >>> t = "加快县第一中学建设"
    >>> a = Anchor(SCHOOL, 5, 7, "中学", 0, len(t))
    >>> rule = Candidate(SCHOOL, "县第一中学", 2, 7, "School", "schools.suffix")
    >>> [t[x.start : 7] for x in _without_verb_led(t, [Alternative(a, 2, rule), Alternative(a, 0, None)])]
    ['县第一中学']
    """
    ruled = {a.start for a in alts if a.rule is not None}
    return [
        a
        for a in alts
        if a.rule is not None or not (a.start + 2 in ruled and verb_word(text, a.start))
    ]


_OPENING = '“"‘'  # quotes that open a name


def _trim_start(text: str, rule: Candidate, words: Words) -> Candidate | None:
    """Return the rule's name without the predicate LAC reads at its start, or None.

    A function word of two or more characters cannot begin a name (充分总结…工程: an adverb);
    the verb it modifies is the sentence's predicate, so the name begins after both. What is
    left must still hold a word before the head; else the rule's edge was wrong and its verdict
    must not weigh against the other edges of the anchor. A quote opening at or right before
    the name (“全面改薄”) marks where it begins, whatever LAC reads there.
    """
    at = bisect.bisect_left(words.starts, rule.start)
    tokens = words.tokens
    opened = rule.name[:1] in _OPENING or (rule.start > 0 and text[rule.start - 1] in _OPENING)
    if at >= len(tokens) or tokens[at].start != rule.start or opened:
        return rule
    if rule.name.startswith(BASED_ON):
        return rule  # a research title's clause, which the rule read as the name's
    token = tokens[at]
    # An adverb just before a verb that opens the name makes that verb the predicate
    # (继续|扩大|某某计划): the name begins after it.
    predicate = (
        token.tag == "v"
        and token.end - token.start >= 2
        and at > 0
        and tokens[at - 1].end == rule.start
        and tokens[at - 1].tag in _ADVERBIAL
    )
    # One character may be a name's own first character that LAC splits off (向|阳花计划).
    if not predicate and (token.end - token.start < 2 or token.tag not in _NO_NAME_STARTS):
        return rule
    while at < len(tokens) and tokens[at].tag in _NO_NAME_STARTS:
        at += 1
    if at < len(tokens) and tokens[at].tag == "v":
        at += 1
    start = tokens[at].start if at < len(tokens) else rule.end
    head = boundaries.head_of(rule.kind, rule.name)
    if rule.end - start <= len(head) + 1:
        return None
    return replace(rule, name=clean_name(text[start : rule.end]), start=start)


_IN = "program:in="
_NUMERALS = re.compile(r"[0-9零一二三四五六七八九十百]")
# A drafting verb, then at most a modifier ending in 的, before a plan (制订详细的…计划).
_DRAFTING_BEFORE = re.compile(
    "(?:" + lexicon.alternation("programme_document_verbs", "drafting") + ")[^,,。;;:：、]{0,6}的$"
)
_DRAFTING = re.compile(lexicon.alternation("programme_document_verbs", "drafting"))
# What marks a plan's own name: a family it belongs to, an organisation or place in it.
_NAME_MARKS = ("program:family", "program:in=ORG", "program:in=LOC", "program:place_lead")


def _plan_being_drafted(text: str, scored: Scored) -> bool:
    """Return True for a plan a sentence says is being written (制定详细研修计划, 完善实施计划)
    whose words mark no name: no quote, numeral, place, organisation or programme family. Such
    a plan is a document of the work, not a named programme (制定融合教育三年推进计划 keeps its
    numeral)."""
    values = scored.features
    if "program:class=plan" not in values:
        return False
    start = scored.alternative.start
    if (
        "program:governor=document" not in values
        and not _DRAFTING_BEFORE.search(text, max(0, start - 8), start)
        and not _DRAFTING.match(text, start)  # the name's edge takes the verb in: 制订…计划
    ):
        return False  # 制订详细的教研计划: the verb may stand before the plan's modifier
    end = scored.alternative.anchor.end
    surface = text[max(0, start - 1) : end + 1]  # a quote just outside names it too
    if any(q in surface for q in '“”"‘’《') or _NUMERALS.search(surface):
        return False
    return not any(mark in values for mark in _NAME_MARKS)


def _time_only(text: str, scored: Scored) -> bool:
    """Return True when the words before a programme's head are only a time word without a
    numeral (今年计划, 本学期计划): a plan of a period, not a named programme. A date is a name
    (六一工程)."""
    if _IN + "TIME" not in scored.features:
        return False  # the common case, without reading every feature
    tags = {k[len(_IN) :] for k in scored.features if k.startswith(_IN)}
    body = text[scored.alternative.start : scored.alternative.anchor.head_start]
    return tags == {"TIME"} and not _NUMERALS.search(body)


def _repeated_edges(text: str, alts: Sequence[Alternative]) -> list[bool]:
    """Return features.repeated for each alternative (shortest first), asking it O(log n) times:
    the alternatives share their end, so when a name occurs elsewhere, so do its shorter forms."""
    low, high = 0, len(alts)  # the first alternative not repeated lies in [low, high]
    while low < high:
        middle = (low + high) // 2
        if repeated(text, alts[middle].start, alts[middle].anchor.end):
            low = middle + 1
        else:
            high = middle
    return [rank < low for rank in range(len(alts))]


_PLUS_SIGN = re.compile("[+＋]")
_QUOTE = re.compile(f"[{QUOTES}]")


# Rules that read a body's name whole from its first character: a zone's own name the table
# lacks before its zone word, a committee's organisation before its area.
_READ_WHOLE = ("organizations.zone.own", "organizations.formal")


def _excluded(text: str, alt: Alternative) -> bool:
    """Return True for a programme alternative the guideline excludes: a count of programmes
    (八大工程), an edition of no named plan (第三期行动计划), or a name whose last word, read on
    its surface and on the label a rule gave it (“X好少年”展评活动 → X好少年), is an event,
    designation, honour or facility."""
    surface = text[alt.start : alt.anchor.end]
    rule = alt.rule
    if edition_or_count(surface, alt.anchor.head) or (
        alt.anchor.head and institution_after(text, alt.anchor.end)
    ):
        return True  # 八大工程; 机电工程|学校: a school or an honour named after the head
    if _names_a_group(surface) or component_formula(surface):
        return True
    if alt.start > 0 and _PLUS_SIGN.search(text, alt.start - 1, alt.start + 1):
        return True  # a part of a formula (…+社团活动) is no name by itself
    if _common_phrase(text, alt) or _names_an_event(text, alt) or _across_a_dash(text, alt):
        return True
    if dated_by_relative_time(surface):
        return True  # 今年某区校建项目: the year's projects, not one named programme
    if named_as(text, alt.start):
        return True  # 原名|某某学堂: what a school was called
    if not _after_opening_quote(text, alt) and body_lead(text, alt.start, alt.anchor.end):
        return True  # 市政府|某某行动: the body's programme, named after it
    return excluded_by_tail(surface, *((rule.canonical or rule.name,) if rule else ()))


def _after_opening_quote(text: str, alt: Alternative) -> bool:
    """Return True when the alternative begins right after an opening quote (“某某…)."""
    return alt.start > 0 and text[alt.start - 1] in boundaries.OPENING_QUOTES


def _across_a_dash(text: str, alt: Alternative) -> bool:
    """Return True for a name that runs across a dash outside quotes (…的长远打算——项目分三期):
    a dash ends a clause or opens an aside, and only a quoted name carries one as its subtitle
    (“青苗计划——乡村教师支持行动”).

    >>> t = "布局的长远打算——项目分期,实施“青苗计划——支持行动”"
    >>> a = lambda s, e: Alternative(Anchor(PROGRAM, e - 2, e, "x", 0, len(t)), s, None)
    >>> _across_a_dash(t, a(3, 11)), _across_a_dash(t, a(17, 27))
    (True, False)
    """
    end = alt.anchor.end
    dash = text.find("—", alt.start, end)
    if dash < 0:
        return False
    opening = max(text.rfind(q, max(0, alt.start - 1), dash) for q in boundaries.OPENING_QUOTES)
    return opening < 0 or text[end : end + 1] not in boundaries.CLOSING_QUOTES


def _names_an_event(text: str, alt: Alternative) -> bool:
    """Return True for a quoted name that an event's noun follows in the same phrase (“青禾教育+”
    大会, “青苗杯”教学大赛, “…”系列新闻发布会): the quotes name the event, a one-off the
    guideline excludes. A word of a programme's work between the two (“青苗”工作推进会: a meeting
    about a programme) or a programme family's label (“双减”推进会) keeps the name.

    >>> t = "举办“青苗杯”教学大赛,召开“青苗”工作推进会"
    >>> a = lambda s, e: Alternative(Anchor(PROGRAM, e, e, "", 0, len(t)), s, None)
    >>> _names_an_event(t, a(3, 6)), _names_an_event(t, a(16, 18))
    (True, False)
    >>> t = "“青苗培育计划”启动仪式"
    >>> _names_an_event(t, Alternative(Anchor(PROGRAM, 5, 7, "计划", 0, len(t)), 1, None))
    False
    """
    end = alt.anchor.end
    if text[end : end + 1] not in boundaries.CLOSING_QUOTES or not _EVENT_AFTER.match(
        text, end + 1
    ):
        return False
    if alt.anchor.head:
        return False  # “某某培育计划”启动仪式: the quotes name a programme, the event launches it
    # Every edge of the anchor ends at the quote (首届|“青禾教育+”大会 too); the quoted part
    # is what may be a programme family's label.
    opening = max(text.rfind(q, alt.anchor.floor, end) for q in boundaries.OPENING_QUOTES)
    return concept_for(clean_name(text[max(opening, alt.start) : end])) is None


# The words of a programme's work (工作, 建设, 推进, 评选 …, lexicon/programme_next_words.tsv) stop
# the phrase after a quoted name from naming an event (“…”评选机制 is a programme's); an event's
# noun of two characters or more may come after up to five others (教学|大赛, 系列新闻|发布会),
# a festival's or a week's one character after one or two (读书|节).
_WORK_WORD = lexicon.alternation(
    "programme_next_words", "activity", "implementation", "adverb", "programme-head", "role"
)
_EVENTS = [
    w
    for w in lexicon.words("programme_tails", "event")
    if w not in lexicon.words("programme_next_words")
]
_EVENT_AFTER = re.compile(
    rf"(?:(?!{_WORK_WORD})[\u4e00-\u9fff]){{0,5}}?(?:"
    + "|".join(re.escape(w) for w in _EVENTS if len(w) > 1)
    + rf")|(?:(?!{_WORK_WORD})[\u4e00-\u9fff]){{1,2}}?["
    + "".join(w for w in _EVENTS if len(w) == 1)
    + "]"
)


def _common_phrase(text: str, alt: Alternative) -> bool:
    """Return True when an unquoted programme name is a word of jieba's dictionary (实际行动,
    重点项目, 系统工程, 行动计划): a phrase of the language, not a name someone coined for one
    initiative. Quoted (“扫黄打非”) the writer marks it as a name; a programme family's own
    label is one whatever its wording.

    >>> t = "以实际行动迎接新学期,实施“青苗计划”"
    >>> a = lambda s, e, h: Alternative(Anchor(PROGRAM, e - h, e, "x", 0, len(t)), s, None)
    >>> _common_phrase(t, a(1, 5, 2)), _common_phrase(t, a(0, 5, 2)), _common_phrase(t, a(14, 18, 2))
    (True, True, False)
    """
    surface = text[alt.start : alt.anchor.end]
    if _after_opening_quote(text, alt) or _QUOTE.search(surface):
        return False
    name = clean_name(surface)
    if len(name) > 2 and _preposition(name[0]):
        name = name[1:]  # 用|实际行动: a preposition and its object, a common phrase
    return dictionary_word(name) and concept_for(name) is None


@lru_cache(maxsize=4096)  # asked of every unquoted programme alternative's first character
def _preposition(char: str) -> bool:
    """Return True when jieba's dictionary tags `char` as a preposition (用, 以, 对)."""
    return dictionary_tag(char) == "p"


def _names_a_group(surface: str) -> bool:
    """Return True when a programme candidate ends with a group's head (“青枫学区”建设: the
    group is being built, it is no programme), unless a programme family has that name.

    >>> _names_a_group("“青枫学区"), _names_a_group("“青枫学区”建设工程")
    (True, False)
    """
    name = clean_name(surface)
    return bool(boundaries.head_of(GROUP, name)) and concept_for(name) is None


_NO_WORDS = Words((), (), (), ())


def _window_tokens(
    anchor: Anchor,
    windows: list[tuple[int, int]],
    starts: list[int],
    tokens: list[Words],
) -> Words:
    index = bisect.bisect_right(starts, anchor.head_start) - 1
    if index >= 0 and windows[index][0] <= anchor.head_start < windows[index][1]:
        return tokens[index]
    return _NO_WORDS


def choose(cases: Sequence[AnchorCase], model: MentionModel, backstop: bool = True) -> list[Scored]:
    """Return the best alternative of each anchor whose probability reaches its threshold and,
    with `backstop`, a rule's name the model rejected where LAC agrees with it."""
    chosen: list[Scored] = []
    for case in cases:
        group = case.alternatives
        if not group:
            continue
        best = _best(group, model)
        if _accepted(best, model):
            best = _with_places_before(_with_led_group(best, group), group, model)
            chosen.append(_quoted_whole(best, group, model))
            continue
        if not backstop or best.alternative.anchor.kind not in _BACKED:
            continue
        anchor = best.alternative.anchor
        floor = (
            model.thresholds.get(anchor.kind, 0.5) * _BACKSTOP_SHARE
            if head_class(anchor) == _BARE_KIND
            else 0.0
        )
        agreed = [
            s
            for s in group
            if _proposed(s)
            and lexically_sound(s)
            and model.probability(s.features) >= floor
            and (anchor.kind != SCHOOL or identified(s))
            and (anchor.kind != GROUP or identified(s) or _named_group(s))
        ]
        agreed += [s for s in group if s.alternative.rule is None and named_by_lac(s)]
        if agreed:
            first = agreed[0]
            chosen.append(
                Scored(first.alternative, first.features, model.probability(first.features))
            )
    return chosen


def _with_places_before(best: Scored, group: Sequence[Scored], model: MentionModel) -> Scored:
    """Return a rule's body or school name that holds the chosen one after place names alone
    (温州|鹿城区委, 浙江省|温州市某某中学) in place of it: a name holds the whole chain of places
    it is written with (the fullest form, ANNOTATION.md), and the model, which has seen few city
    short forms before a district and favours a school's short form once its longer name is
    written, weighs them against it."""
    alt = best.alternative
    if alt.anchor.kind not in (ORG, SCHOOL):
        return best
    for scored in group:
        rule = scored.alternative.rule
        if rule is None or scored.alternative.start >= alt.start:
            continue
        prefix = rule.name[: alt.start - scored.alternative.start]
        if places_only(prefix):
            return Scored(scored.alternative, scored.features, model.probability(scored.features))
    return best


def _with_led_group(best: Scored, group: Sequence[Scored]) -> Scored:
    """Return the rule's name of a school written after its group's bracketed name (某某中学
    (集团)|某某小学) in place of the bare name the model chose: that is how the school is named
    (schools.led_group_start); the model has no example of it."""
    start = best.alternative.start
    for scored in group:
        rule = scored.alternative.rule
        if (
            rule is not None
            and rule.kind == SCHOOL
            and rule.start < start
            and rule.name[: start - rule.start].endswith(LED_GROUP)
        ):
            return scored
    return best


def _quoted_whole(best: Scored, group: Sequence[Scored], model: MentionModel) -> Scored:
    """Return the alternative set in quotes of its own (“某乡某某学校”) in place of a shorter
    one the model chose inside them, when LAC reads it as a name: quotes mark where a name
    begins, and the model, which weighs a leading place against it, has few quoted names to
    learn that from."""
    kind = best.alternative.anchor.kind
    if kind == PROGRAM:
        return best  # programmes.py reads quotes itself (“某某”计划: the quote is the name)
    for scored in group:
        if (
            f"{kind}:enclosed" in scored.features
            and scored.alternative.start < best.alternative.start
            and lexically_sound(scored)  # not a quoted clause (“合作举办某某学校”)
        ):
            return Scored(scored.alternative, scored.features, model.probability(scored.features))
    return best


# LAC's classes of a proper name's words: a place's, a person's, an organisation's.
_PROPER = frozenset({"LOC", "PER", "ORG"})


def _named_group(scored: Scored) -> bool:
    """Return True when a group's name is set in quotes of its own (“青枫学区”) or LAC reads
    every word before its head as a proper name's (白鹭|学区, 鲁迅|学区, 某某小学|学区): a group
    the model doubts is kept with these, or with what identified() asks of a school, but not
    with common words (职教|联盟, 高质量|教育集团, 义务教育发展|共同体), which describe a kind
    of group."""
    kind = scored.alternative.anchor.kind
    if f"{kind}:enclosed" in scored.features:
        return True
    tags = {
        k.split("=", 1)[1]
        for k in scored.features
        if k.startswith((f"{kind}:in=", f"{kind}:first=")) and "&" not in k
    }
    return bool(tags) and tags <= _PROPER


# The least probability, as a share of the kind's threshold, of a rule's name with the bare head
# 学校 that the backstop keeps: the model's doubt about a description (热门学校, 省会学校, 集群内
# 学校) is not overruled by LAC's agreement. Heads of a class (中学, 幼儿园) and abbreviations
# (市四十八中) keep the backstop as it was.
_BACKSTOP_SHARE = 0.33
_BARE_KIND = "school"


def _best(alternatives: Sequence[Scored], model: MentionModel) -> Scored:
    """Return the alternative the model scores highest (ties: the longest), with its score."""
    score, best = max(
        ((model.probability(s.features), s) for s in alternatives),
        key=lambda pair: (pair[0], -pair[1].alternative.start),
    )
    return Scored(best.alternative, best.features, score)  # the only one made


def _accepted(scored: Scored, model: MentionModel) -> bool:
    """Return True when a scored alternative reaches its kind's threshold."""
    return scored.probability >= model.thresholds.get(scored.alternative.anchor.kind, 0.5)


def _core_word(scored: Scored) -> bool:
    """Return True for a body named by one of the core words (organizations.CORES): a name
    whatever LAC reads inside it (教师|进修/v|学校)."""
    rule = scored.alternative.rule
    return rule is not None and rule.method.startswith("organizations.core")


def _unsound(text: str, scored: Scored) -> bool:
    """Return True for a name with a verb, an adverb or a preposition inside (it spans a
    clause), a body whose head begins a verb or an adjective (协|调), a type (X型), a
    person's title and name inside, or a street address (某路13号|某中学)."""
    alt = scored.alternative
    kind = alt.anchor.kind
    return kind != PROGRAM and (
        (function_word_inside(scored.features, kind) and not _core_word(scored))
        or head_begins_a_word(scored)
        or names_a_type(text, scored)
        # 董事长段某为|学校: an institution's name never holds a person's title and name
        or after_titled_person(text, alt.start, alt.anchor.head_start) != alt.start
        or _HOUSE_NUMBER.search(text, alt.start, alt.anchor.head_start) is not None
    )


# A house number (教育路13号, 二里13号): an address, which no institution's name holds.
_HOUSE_NUMBER = re.compile(r"[0-9]+号")


def without_unsound(
    text: str, cases: Sequence[AnchorCase], chosen: list[Scored], model: MentionModel
) -> list[Scored]:
    """Return `chosen` with each _unsound name replaced by its anchor's best sound alternative
    the model accepts (…教师赴|日喀则第二职业学校), or left out. The model is trained on every
    alternative; this only takes such names out, whatever their score."""
    by_anchor = {id(case.anchor): case for case in cases}
    out = []
    for s in chosen:
        if not _unsound(text, s):
            out.append(s)
            continue
        case = by_anchor.get(id(s.alternative.anchor))
        sound = [
            a for a in (case.alternatives if case is not None else ()) if not _unsound(text, a)
        ]
        best = _best(sound, model) if sound else None
        if best is not None and _accepted(best, model):
            out.append(best)
    return out


def with_nested_edges(
    text: str, cases: Sequence[AnchorCase], chosen: list[Scored], model: MentionModel
) -> list[Scored]:
    """Return `chosen` with each school and the last school written inside it given one left
    edge: a campus begins where the school it holds begins. Of the two edges, the one where
    both names are likelier together wins (…努力下|甲市实验小学长风校区 moves the campus, 某省|
    乙县丙学校南校区 the school). A school never holds a description the model read and
    rejected (合作学校|乙中学: two phrases side by side). A group's name may open a member's
    (某教育集团丙中学, ANNOTATION.md). The model has read a name ending at each anchor; only
    its edge moves, to the anchor's alternative there (if any)."""
    by_anchor = {id(case.anchor): case for case in cases}
    inner_heads = sorted(
        (case.anchor.end, id(case.anchor), case) for case in cases if case.anchor.kind == SCHOOL
    )
    ends = [end for end, _, _ in inner_heads]
    chosen_at = {id(s.alternative.anchor): s for s in chosen}
    moved: dict[int, Scored] = {}  # anchor id → the alternative it moves to
    for s in chosen:
        alt = s.alternative
        at = bisect.bisect_right(ends, alt.anchor.head_start) - 1
        if alt.anchor.kind != SCHOOL or at < 0:
            continue
        inner_case = inner_heads[at][2]
        inner = inner_case.anchor
        if inner.head_start <= alt.start or not inner_case.alternatives:
            continue  # no anchor wholly inside the name's body, or one the screen left unread
        outer = by_anchor[id(alt.anchor)].alternatives
        named = chosen_at.get(id(inner))
        if named is None:  # a description: the name begins after it
            after = _at_edge(outer, inner.end, model)
            if after is not None and alt.start < inner.end:
                moved[id(alt.anchor)] = after
            continue
        edge = named.alternative.start
        if edge == alt.start:
            continue
        inward = _at_edge(outer, edge, model)  # the longer name at the school's edge
        outward = _at_edge(inner_case.alternatives, alt.start, model)  # the school at the name's
        # A repeat or list peer comes unscored: every name is scored again here.
        score = model.probability
        if inward is not None and (
            outward is None
            or score(inward.features) * score(named.features)
            >= score(s.features) * score(outward.features)
        ):
            moved[id(alt.anchor)] = inward
        elif outward is not None:
            moved[id(inner)] = outward
    return [moved.get(id(s.alternative.anchor), s) for s in chosen]


def with_whole_places(
    cases: Sequence[AnchorCase],
    chosen: list[Scored],
    places: Sequence[tuple[int, int]],
    model: MentionModel,
) -> list[Scored]:
    """Return `chosen` with each school, group or body that begins inside a place's name the
    document gives (那大镇 read as 那 "that" + 大镇…, 青禾新区 as 青禾 + 新区教育局) moved to the
    place's start, where the anchor has that alternative: no name begins in the middle of a
    place's name.

    A body that begins right where a place's name ends moves to that place's start too, where a
    rule read the body from there (温州市|鹿城区委: the rules read a body from the areas that lead
    to it): the fullest form the document writes is the body's (ANNOTATION.md); its label stays
    the canonical one.

    `places` are the spans of the document's areas (three characters or more, sorted).
    """
    by_anchor = {id(case.anchor): case for case in cases}
    starts = [start for start, _ in places]
    ends = {end: start for start, end in places}
    out = []
    for s in chosen:
        alt = s.alternative
        case = by_anchor.get(id(alt.anchor))
        at = bisect.bisect_right(starts, alt.start) - 1
        inside = (
            alt.anchor.kind in (SCHOOL, GROUP, ORG)
            and at >= 0
            and places[at][0] < alt.start < places[at][1]
        )
        if case is not None and inside:
            s = _at_edge(case.alternatives, places[at][0], model) or s
        start = ends.get(s.alternative.start) if alt.anchor.kind == ORG else None
        if case is not None and start is not None:
            ruled = [
                a
                for a in case.alternatives
                if a.alternative.start == start and a.alternative.rule is not None
            ]
            s = _best(ruled, model) if ruled else s
        out.append(s)
    return out


def _at_edge(alternatives: Sequence[Scored], start: int, model: MentionModel) -> Scored | None:
    """Return the alternative beginning at `start`, scored, or None."""
    found = [a for a in alternatives if a.alternative.start == start]
    return _best(found, model) if found else None


def with_repeats(text: str, cases: Sequence[AnchorCase], chosen: list[Scored]) -> list[Scored]:
    """Return `chosen` and, for each anchor left unchosen, the alternative that spells a name
    chosen elsewhere in the document for the same kind: a name keeps its reading through one
    document, where a single mention's context (a heading, a list) can say too little."""
    names = {
        (s.alternative.anchor.kind, text[s.alternative.start : s.alternative.anchor.end])
        for s in chosen
    }
    taken = {(s.alternative.anchor.kind, s.alternative.anchor.end) for s in chosen}
    out = list(chosen)
    for case in cases:
        anchor = case.anchor
        if (anchor.kind, anchor.end) in taken:
            continue
        for scored in reversed(case.alternatives):  # the longest spelling first
            if (anchor.kind, text[scored.alternative.start : anchor.end]) in names:
                out.append(scored)
                taken.add((anchor.kind, anchor.end))
                break
    return out


# Kinds whose names a quoted word may open (“青禾”初中教育联盟, “白鹭阅读”三年行动计划).
_QUOTE_LED = (GROUP, PROGRAM)
# A name's characters: words, not a clause's punctuation or white space (a quoted word and what
# stands between it and the head; a list item's words).
_NAME_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]*")


def with_quote_led(text: str, cases: Sequence[AnchorCase], chosen: list[Scored]) -> list[Scored]:
    """Return `chosen` and, for each group or programme anchor left unchosen, the rule's name
    that opens with a quoted word closing before its head (“青禾”初中教育联盟, “白鹭阅读”三年
    行动计划): the writer's quotes mark where the name begins and which word is its own. The
    model, which has few such names to learn from, weighs the quote mark and the generic words
    between it and the head (初中, 三年) against them.

    >>> from loaders.extract.model import Candidate
    >>> t = "围绕“白鹭阅读”三年行动计划,推进工作。"
    >>> anchor = Anchor(PROGRAM, 10, 14, "行动计划", 0, len(t))
    >>> rule = Candidate(PROGRAM, "白鹭阅读三年行动计划", 2, 14, "Programme", "programs.suffix")
    >>> case = AnchorCase(anchor, {}, (Scored(Alternative(anchor, 2, rule), {}),))
    >>> [t[s.alternative.start : anchor.end] for s in with_quote_led(t, [case], [])]
    ['“白鹭阅读”三年行动计划']
    >>> t = "围绕“白鹭阅读,青禾”三年行动计划。"  # a clause quoted, not a name's word
    >>> rule = Candidate(PROGRAM, "白鹭阅读,青禾三年行动计划", 2, 17, "Programme", "programs.suffix")
    >>> anchor = Anchor(PROGRAM, 13, 17, "行动计划", 0, len(t))
    >>> case = AnchorCase(anchor, {}, (Scored(Alternative(anchor, 2, rule), {}),))
    >>> with_quote_led(t, [case], [])
    []
    """
    taken = {(s.alternative.anchor.kind, s.alternative.anchor.end) for s in chosen}
    out = list(chosen)
    for case in cases:
        anchor = case.anchor
        if anchor.kind not in _QUOTE_LED or (anchor.kind, anchor.end) in taken:
            continue
        for scored in case.alternatives:
            if _quote_led(text, scored.alternative):
                out.append(scored)
                taken.add((anchor.kind, anchor.end))
                break
    return out


def _quote_led(text: str, alt: Alternative) -> bool:
    """Return True for a rule's name that opens with a quoted word of its own, closing before
    the head with only words between them, and no count after the head."""
    start, head = alt.start, alt.anchor.head_start
    if not _proposed_rule(alt) or text[start] not in OPENING_QUOTES:
        return False
    if _COUNT_AFTER.match(text, alt.anchor.end):
        return False  # “某某”高品质项目14个: the projects of a kind, counted, none named
    close = min(
        (at for q in CLOSING_QUOTES if (at := text.find(q, start + 1, head)) > 0), default=-1
    )
    quoted = text[start + 1 : close]
    return (
        close > start + 1
        and _NAME_CHARS.fullmatch(quoted) is not None
        and _NAME_CHARS.fullmatch(text, close + 1, head) is not None
    )


def with_campus_parents(cases: Sequence[AnchorCase], chosen: list[Scored]) -> list[Scored]:
    """Return `chosen` and, for each chosen campus, the school its name opens with when a rule
    read a school ending there (青禾学校|远洋分校: 青禾学校): the campus is that school's, so the
    school is named there (ANNOTATION.md lists it), however little the model reads in the words
    after it. The rule's own name may begin before the campus's (如|青禾学校: the word before a
    list read into it); the school begins where the campus does.
    """
    taken = {(s.alternative.anchor.kind, s.alternative.anchor.end) for s in chosen}
    campuses = {
        s.alternative.start: s.alternative.anchor.head_start
        for s in chosen
        if s.alternative.anchor.kind == SCHOOL and head_class(s.alternative.anchor) == "campus"
    }
    out = list(chosen)
    for case in cases:
        anchor = case.anchor
        if anchor.kind != SCHOOL or (SCHOOL, anchor.end) in taken:
            continue
        if not any(
            s.alternative.rule is not None and s.alternative.rule.cls == "School"
            for s in case.alternatives
        ):
            continue
        for scored in case.alternatives:
            alt = scored.alternative
            if anchor.end < campuses.get(alt.start, anchor.end):
                out.append(scored)
                taken.add((SCHOOL, anchor.end))
                break
    return out


# Kinds whose names are listed side by side (甲小学、乙小学): a list item between two of them is one.
_LISTED_KINDS = ("school", "group")
_ITEM_CHARS = 10  # the most characters a listed item may have before its head


def with_list_peers(text: str, cases: Sequence[AnchorCase], chosen: list[Scored]) -> list[Scored]:
    """Return `chosen` and every item of a 、-list, whole from separator to head, whose neighbour
    in the list is a chosen name with the same head: coordinated items are names of one kind
    (白杨小学、还拉小学、金桂小学), however LAC reads the first word of one of them. A list's
    first item, which no separator opens, is taken by _first_items."""
    listed = [s for s in chosen if s.alternative.anchor.kind in _LISTED_KINDS]
    ends = {(s.alternative.anchor.head, s.alternative.anchor.end) for s in listed}
    starts = {(s.alternative.anchor.head, s.alternative.start) for s in listed}
    # Items that a 、 opens: after one of them, 和/及/与 opens a list's last item (甲、乙和丙).
    opened = {
        (s.alternative.anchor.head, s.alternative.anchor.end)
        for s in listed
        if text[s.alternative.start - 1 : s.alternative.start] == "、"
    }
    taken = {(s.alternative.anchor.kind, s.alternative.anchor.end) for s in chosen}
    open_cases = [
        case
        for case in cases
        if case.anchor.kind in _LISTED_KINDS and (case.anchor.kind, case.anchor.end) not in taken
    ]
    # Each open anchor's item after a separator and, apart, its item after a 和 (which is an
    # item only where a list precedes it: 致和|培训学校 is none).
    items = [
        (item, last)
        for last in (False, True)
        for case in open_cases
        if (item := _list_item(text, case, _LAST_ITEM if last else _SEPARATORS)) is not None
    ]
    out = list(chosen) + _first_items(text, open_cases, listed)
    found: set[int] = set()  # the anchors whose item was taken
    added = True
    while added:  # an item found makes its own neighbour a peer
        added = False
        for item, last in items:
            start, anchor = item.alternative.start, item.alternative.anchor
            if id(anchor) in found:
                continue
            if last:
                # 甲、乙和丙: after a list; 甲和丙: after a name only when a rule read 丙 whole
                # (致和|培训学校: no name ends before 和, no list either).
                before = (anchor.head, start - 1) in opened or (
                    (anchor.head, start - 1) in ends and _proposed(item)
                )
                after = False
            else:
                before = text[start - 1 : start] == "、" and (anchor.head, start - 1) in ends
                after = (
                    text[anchor.end : anchor.end + 1] == "、"
                    and (anchor.head, anchor.end + 1) in starts
                )
            if before or after:
                out.append(item)
                found.add(id(anchor))
                ends.add((anchor.head, anchor.end))
                starts.add((anchor.head, start))
                if text[start - 1 : start] == "、":
                    opened.add((anchor.head, anchor.end))
                added = True
    return out


def with_whole_items(text: str, cases: Sequence[AnchorCase], chosen: list[Scored]) -> list[Scored]:
    """Return `chosen` with each school chosen inside a 、-list's item whose words before it end
    with a school's name (、实验中学|滨海学校: a school named after the one that founded it) in
    place of the whole item, when it is an alternative: a list's items are whole names, and
    the model, which reads 实验中学 as a kind of school, has few such names to learn from.

    >>> t = "塘沽育才学校、实验中学滨海学校各年级"
    >>> anchor = Anchor(SCHOOL, 13, 15, "学校", 0, len(t))
    >>> whole, short = (Scored(Alternative(anchor, at, None), {}) for at in (7, 11))
    >>> [t[s.alternative.start : 15] for s in with_whole_items(t, [AnchorCase(anchor, {}, (whole, short))], [short])]
    ['实验中学滨海学校']
    """
    by_anchor = {id(case.anchor): case for case in cases}
    out = []
    for scored in chosen:
        alt = scored.alternative
        case = by_anchor.get(id(alt.anchor))
        opened = text.rfind("、", max(0, alt.start - _ITEM_CHARS), alt.start)
        words = text[opened + 1 : alt.start] if opened >= 0 else ""
        whole = (
            [s for s in case.alternatives if s.alternative.start == opened + 1]
            if case is not None and alt.anchor.kind == SCHOOL and words
            else []
        )
        head = last_school_word(words)
        if (
            whole
            and head is not None
            and head.end() == len(words)
            and head.start() >= 2
            and _NAME_CHARS.fullmatch(words) is not None
            # 、合作学校|某某六中: a role a common word and the bare 学校 name, no school
            and not (head.group() == "学校" and GENERIC.fullmatch(words[: head.start()]))
        ):
            scored = whole[0]
        out.append(scored)
    return out


def _first_items(text: str, cases: Sequence[AnchorCase], listed: Sequence[Scored]) -> list[Scored]:
    """Return the rule's name of each list's first item, which no separator opens, when the
    item after it is a chosen name of the same kind (推进清明小学、某某实验学校建设: LAC read
    清明 as a time word) and LAC agrees with the name's words (no verb, preposition … inside,
    beginning where a word does)."""
    follows = {(s.alternative.anchor.kind, s.alternative.start) for s in listed}
    covered = {(s.alternative.anchor.kind, s.alternative.anchor.end) for s in listed}
    out: list[Scored] = []
    for case in cases:
        anchor = case.anchor
        if (
            anchor.head_start == anchor.end  # a head shared with the next item (迎春、某某幼儿园)
            or text[anchor.end : anchor.end + 1] != "、"
            or (anchor.kind, anchor.end + 1) not in follows
            or (anchor.kind, anchor.end) in covered
        ):
            continue
        named = [
            s
            for s in case.alternatives
            if _proposed(s)
            and text[s.alternative.start - 1 : s.alternative.start] not in ("、", "")
            and not _foreign_inside(s)
            and f"{anchor.kind}:edge_splits_word" not in s.features
            and _class_before(s) in _BEFORE_A_FIRST_ITEM
        ]
        out += named[-1:]  # the longest: the whole item
    return out


# What may stand before a list's first item: a verb taking the list as its object (推进|…、…),
# or what may stand before any name; not a name's word (某某|培训学校: the name began before).
_BEFORE_A_FIRST_ITEM = FUNCTION_TAGS | {"BOS", "PUNCT", "vn", "v"}


def _class_before(scored: Scored) -> str:
    """Return the LAC class of the word before a scored name (its 'before=' feature)."""
    prefix = f"{scored.alternative.anchor.kind}:before="
    return next(
        (k[len(prefix) :] for k in scored.features if k.startswith(prefix) and "&" not in k), ""
    )


# What opens a list item, and the conjunctions that open a list's last item (甲、乙和丙).
_SEPARATORS = ("、", "(", "（", ":", "：")
_LAST_ITEM = ("和", "及", "与")
# 等 closing an enumeration: before a count or at the item's end (not 中等职业, 高等).
_CLOSES_LIST = re.compile(r"等(?:[一二三四五六七八九十两几多数各]|$)")


def _list_item(
    text: str, case: AnchorCase, separators: tuple[str, ...] = _SEPARATORS
) -> Scored | None:
    """Return the alternative of `case` that spans a whole list item: it begins right after one
    of `separators` (、, an opening bracket or colon; or a last item's 和) and holds only
    Chinese characters."""
    for scored in case.alternatives:
        start = scored.alternative.start
        if text[start - 1 : start] not in separators:
            continue
        if text[start - 1] in _OPENING_MARKS and _tagged(scored, "first", _INCLUDING_TAGS):
            # (含某某校区、…): a bracket's list opens with a verb (含, 包括); the item is the
            # name after it.
            after = [s for s in case.alternatives if _tagged(s, "before", _INCLUDING_TAGS)]
            scored = min(after, key=lambda s: s.alternative.start, default=None)
            if scored is None or scored.alternative.start <= start:
                return None
            start = scored.alternative.start
        body = text[start : case.anchor.head_start]
        if (
            0 < len(body) <= _ITEM_CHARS
            and all("\u4e00" <= c <= "\u9fff" for c in body)
            and not _CLOSES_LIST.search(body)  # 某某三中等三所|学校: 等 closes the list
        ):
            return scored
        return None
    return None


_OPENING_MARKS = "(（:："
# The words a bracket's list may open with: a verb or preposition (含, 包括, 如).
_INCLUDING_TAGS = ("v", "p")


def _tagged(scored: Scored, where: str, tags: tuple[str, ...]) -> bool:
    """Return True when LAC's word at `where` (first: the name's first word; before: the word
    before it; in: any word inside it) has one of `tags`."""
    kind = scored.alternative.anchor.kind
    return any(f"{kind}:{where}={tag}" in scored.features for tag in tags)


# Word classes that never stand inside a school, group, body or programme name before its head.
_FOREIGN_TAGS = ("v", "p", "c", "u", "d", "r", "xc", "vd", "ad")
# What may stand right before a name: a function word, punctuation, the sentence start, or a
# verbal noun taking the name as its object (改造|区少年宫: LAC tags such verbs vn as often as v).
_BEFORE_A_NAME = FUNCTION_TAGS | {"BOS", "PUNCT", "vn"}


# The kinds whose rule names LAC can vouch for: a name with a head of its kind. A programme
# rule proposes quoted and listed phrases of any shape, where LAC's agreement says nothing.
_BACKED = ("school", "group", "org")
# Rules that only propose (a body of any department: organizations.find_open_bodies): they
# were not written to be right on their own, so they do not back a name the model rejects.
_PROPOSERS = ("organizations.open",)


def _foreign_inside(scored: Scored) -> bool:
    """Return True when LAC reads a function word (verb, particle …) inside the name."""
    return _tagged(scored, "in", _FOREIGN_TAGS)


def _proposed(scored: Scored) -> bool:
    return _proposed_rule(scored.alternative)


def _proposed_rule(alt: Alternative) -> bool:
    return alt.rule is not None and alt.rule.method not in _PROPOSERS


# A number in a school's name (第一幼儿园, 四十八中, 49中, 实验二小): the area's school of that
# number, after 第 or before the head it numbers; not a numeral that begins a word (城乡一体化学校,
# 九年一贯制学校: descriptions). A group's name may open with a numeral of its own (一只船教育集团).
_SERIAL_IN = {
    SCHOOL: re.compile(
        r"第[0-9一二三四五六七八九十百]|[0-9一二三四五六七八九十百](?=[中小幼职高初校])"
    ),
    GROUP: re.compile(r"[0-9一二三四五六七八九十]"),
}


def identified(scored: Scored) -> bool:
    """Return True when a school's name carries a part that tells one school from others: a
    place or level before it (鹿城区…, 市…), a number (第一幼儿园, 四十八中), its school's
    name before a campus head or an attached school's (某某小学附属幼儿园), or a list's other
    names sharing its head (桂花、樟树幼儿园).

    The backstop keeps a rule's name the model rejected; a name with none of these is a
    description of a kind of school (弱势学校, 知名连锁幼儿园), which a rule's suffix and LAC's
    word boundaries agree on as readily as on a name.
    """
    kind = scored.alternative.anchor.kind
    features = scored.features
    if any(f"{kind}:{key}" in features for key in ("place_lead", "level_lead", "class=campus")):
        return True
    alt = scored.alternative
    rule = alt.rule
    if rule is None:
        return False
    return (
        rule.method == "schools.coordinated"
        or _SERIAL_IN[kind].search(rule.name) is not None
        or (kind == SCHOOL and _ATTACHED_TO_SCHOOL.search(rule.name) is not None)
    )


# A school attached to another and named by it (某某小学附属幼儿园): that school tells it apart.
_ATTACHED_TO_SCHOOL = re.compile(r"(?:小学|中学|学校)(?:附[属设]|幼儿园$)")


def named_by_lac(scored: Scored) -> bool:
    """Return True when LAC reads exactly this span as one organisation name (ORG) that begins
    with a place or a level character (区妇联, 温州市考试院) and ends with a head of its kind:
    two independent readings of one name, kept even where no rule knows the head's department.
    """
    kind = scored.alternative.anchor.kind
    features = scored.features
    if kind != "org" or f"{kind}:ORG_exact" not in features:
        return False
    if f"{kind}:place_lead" not in features and f"{kind}:level_lead" not in features:
        return False
    return lexically_sound(scored)


def lexically_sound(scored: Scored) -> bool:
    """Return True when LAC agrees with a rule's name: it begins where a word begins, after
    punctuation, the sentence start or a function word, and holds no verb, preposition,
    conjunction, particle, adverb or pronoun before its head.

    A rule candidate the model rejects is kept when LAC agrees: the two are independent
    evidence, and together they were right on unseen text more often than the model alone.
    """
    anchor = scored.alternative.anchor
    kind = anchor.kind
    features = scored.features
    # A head LAC glues to the 等 after it (某区24中|等学校: 中等) ends a listed name: 等 lists.
    glued = (
        f"{kind}:head_glued" in features
        and f"{kind}:before_role" not in features
        and f"{kind}:next=deng" not in features
    )
    if anchor.continues or glued:
        return False  # the head begins another word (教育部署): no name ends here
    before = _class_before(scored)
    if before not in _BEFORE_A_NAME and f"{kind}:glued_verb" not in features:
        return False
    if _core_word(scored):
        return True  # a body's core word (教师进修学校), whatever LAC reads inside it
    if any(f"{kind}:in={tag}" in features for tag in _FOREIGN_TAGS):
        return False
    # A name needs a word that names: a verbal noun alone before the head describes (获奖学校).
    inside = {k[len(kind) + 4 :] for k in features if k.startswith(f"{kind}:in=")}
    return not inside or not inside <= {"vn"}
