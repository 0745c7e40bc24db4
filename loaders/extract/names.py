"""Where a name begins: left boundaries of suffix-anchored names (…小学, …工程, …教育集团).

Chinese has no spaces, so a name found by its suffix is extended to the left until punctuation,
the start of the sentence, or a break word (a verb, preposition or conjunction that does not
begin institution or programme names: 实施, 推进, 由, 与, 的 …). The rightmost break that
still leaves a specific part of at least `min_specific` characters wins, so 和平小学 is not cut
into 平小学 while 由青松小学 becomes 青松小学.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import lru_cache

import jieba

from loaders.dictionary import dictionary_tag
from loaders.extract import lexicon
from loaders.extract.boundaries import CLOSING_QUOTES, ROLE_NOUN_HEADS
from loaders.extract.gazetteer import ROAD_HEAD, leading_place, load_gazetteer
from loaders.extract.place_words import jieba_reading, word_at

jieba.setLogLevel(logging.WARNING)  # the dictionary-loading notice is not an error

# Verbs and function words that end the text before a name (lexicon/break_words.tsv).
BREAK_WORDS = lexicon.words("break_words")


def break_pattern(punct: str, words: list[str]) -> re.Pattern[str]:
    """Return the regex of a run of `punct` characters or one of `words`, longest word first.

    It matches exactly what '[punct]+|w1|w2|…' (words sorted longest first) matches, but the
    words are grouped by their first character behind a look-ahead on all first characters, so
    the regex engine tries one group at a position instead of every word (about 4× faster).

    >>> [m.group() for m in break_pattern(",", ["推进", "推", "的"]).finditer("推进的,,推广")]
    ['推进', '的', ',,', '推']
    """
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    alternatives = "|".join(
        re.escape(first) + (f"(?:{'|'.join(rests)})" if rests != [""] else "")
        for first, rests in groups.items()
    )
    firsts = re.escape("".join(groups))
    return re.compile(rf"(?=[{punct}{firsts}])(?:[{punct}]+|{alternatives})")


# Characters that never occur inside a name of the given flavour.
_PUNCT_SCHOOL = r"\s,，。、;；:：!！?？()（）《》【】\[\]<>〈〉…—/\"“”'‘’|·•●■◆▲★☆○◎"
_PUNCT_PROGRAM = r"\s,，。、;；:：!！?？()（）《》【】\[\]<>〈〉…|•●■◆▲★☆○◎"
_SCHOOL_BREAKS = break_pattern(_PUNCT_SCHOOL, BREAK_WORDS)
_PROGRAM_BREAKS = break_pattern(_PUNCT_PROGRAM, BREAK_WORDS)
_HARD_SCHOOL = re.compile(rf"[{_PUNCT_SCHOOL}]")
_HARD_PROGRAM = re.compile(rf"[{_PUNCT_PROGRAM}]")

# Leading words that are not part of a name: counts, quantifiers, deictics
# (lexicon/leading_noise.tsv; its measure words follow a numeral).
LEADING_NOISE = re.compile(
    r"^(?:[0-9]+[.、]|[0-9一二三四五六七八九十百千两几多]+(?:"
    + lexicon.alternation("leading_noise", "measure")
    + ")|"
    + lexicon.alternation("leading_noise", *lexicon.other_classes("leading_noise", "measure"))
    + ")+"
)


def extend_left(
    text: str, anchor: int, floor: int, min_specific: int = 2, max_len: int = 24, flavour: str = ""
) -> int:
    """Return where the name ending at `anchor` (the start of its suffix) begins.

    Args:
        text: the normalised text.
        anchor: index of the first character of the suffix.
        floor: do not go before this index (the sentence start).
        min_specific: the least number of characters the name must keep before its suffix.
        max_len: the longest specific part considered.
        flavour: 'program' lets quotes, ·, () and digits into the name; otherwise school rules.

    Returns:
        The start index (== anchor when nothing precedes the suffix).

    >>> t = "由青松小学牵头"
    >>> t[extend_left(t, 3, 0):3]
    '青松'
    >>> t = "与和平小学结对"
    >>> t[extend_left(t, 3, 0):3]
    '和平'
    >>> t = "、和平区岳阳道小学"
    >>> t[extend_left(t, 7, 0):7]
    '和平区岳阳道'
    """
    low = max(floor, anchor - max_len)
    window = text[low:anchor]
    program = flavour == "program"
    hard = _HARD_PROGRAM if program else _HARD_SCHOOL
    breaks = _PROGRAM_BREAKS if program else _SCHOOL_BREAKS
    # Punctuation is a hard stop.
    last_hard = None
    for match in hard.finditer(window):
        last_hard = match
    start = last_hard.end() if last_hard else 0
    chosen = start
    for match in reversed(list(breaks.finditer(window, start))):
        if len(match.group()) == 1 and (
            in_a_place(window, match.start())
            or word_at(window, match.start()) >= 3
            or _ends_a_noun(window, match.start())
        ):
            # 和平区…小学, 呼和浩特市…, 向日葵幼儿园, 首都…: the character is a place's, begins
            # a word of three or more or ends a noun, not a preposition or a conjunction
            continue
        if ROAD_HEAD.match(window, match.end()):
            continue  # 建设路小学, 解放街小学: a road named by a verb
        if len(match.group()) > 1 and opens_a_longer_place(window, match.start(), match.end()):
            continue  # 新建区…学校: the verb's characters open a district's name
        # A verb or a punctuation run always ends the text before the name; a one-character
        # function word only when the name keeps enough characters (和平小学, not 平小学).
        if len(window) - match.end() >= min_specific or len(match.group()) > 1:
            chosen = match.end()
            break
    if not program:
        chosen = past_role_noun(window, chosen, len(window), min_specific)
    return low + chosen


def _ends_a_noun(text: str, at: int) -> bool:
    """Return True when text[at] lies inside a word jieba reads from before it, and that word
    is a noun or a place: three characters or more (首都医科大学), or two that jieba's dictionary
    tags so (首都 holds the 都 that is an adverb alone; 涉及 is a verb, whose 及 still ends the
    text before a name).

    >>> _ends_a_noun("与首都医科大学附属", 2), _ends_a_noun("涉及第二", 1)
    (True, False)
    """
    if word_at(text, at) != 0:
        return False
    for start in range(at - 1, max(at - 8, -1), -1):
        length = word_at(text, start)
        if length:
            if start + length <= at:
                return False
            return length >= 3 or dictionary_tag(text[start : start + length])[:1] == "n"
    return False


def past_role_noun(text: str, at: int, end: int, min_specific: int = 2) -> int:
    """Return where a name cut at `at` begins once the head of a role noun is left out: 校 or 园
    after a word makes it a noun (牵头|校, 成员|校: the lead school), and no name begins with
    that head; one that begins a word of its own stays (校场路小学). At least `min_specific`
    characters are kept before `end`.

    >>> t, u = "集团牵头校某区外国语学校", "和校场路小学"
    >>> t[past_role_noun(t, 4, 10) :], u[past_role_noun(u, 1, 4) :]
    ('某区外国语学校', '校场路小学')
    """
    if (
        at > 0
        and text[at : at + 1] in ROLE_NOUN_HEADS
        and end - at - 1 >= min_specific
        and word_at(text, at) <= 1
    ):
        return at + 1
    return at


def opens_a_longer_place(text: str, start: int, end: int) -> bool:
    """Return True when a place's name written with more than text[start:end] begins at
    `start` (新建 is a verb, 新建区 a district).

    >>> opens_a_longer_place("新建区青松小学", 0, 2), opens_a_longer_place("新建青松小学", 0, 2)
    (True, False)
    """
    return leading_place(load_gazetteer(), text[start : start + 8]) > end - start


def opens_a_place(text: str, at: int) -> bool:
    """Return True when text[at:] begins with a place's name that jieba does not cut across
    (和平区|岳阳道, not 和|县直机关: the county 和县 is no reading there).

    >>> opens_a_place("和平区岳阳道小学", 0), opens_a_place("和县直机关幼儿园", 0)
    (True, False)
    """
    length = leading_place(load_gazetteer(), text[at:])
    return bool(length) and jieba_reading(text, at, at + length) != "crossing"


def in_a_place(text: str, at: int) -> bool:
    """Return True when text[at] opens or lies inside a place's name that begins at most four
    characters before it and that jieba does not cut across (和平区: its 和 opens the place;
    呼和浩特市: its 和 is no conjunction). opens_a_place is the case where the name begins at it.

    >>> in_a_place("和呼和浩特市第一中学", 2), in_a_place("一小和温州市第二中学", 2)
    (True, False)
    >>> in_a_place("和平区岳阳道小学", 0)
    True
    """
    gazetteer = load_gazetteer()
    for start in range(max(0, at - 4), at + 1):
        length = leading_place(gazetteer, text[start:])
        if start + length > at and jieba_reading(text, start, start + length) != "crossing":
            return True
    return False


# A deictic or scope word of two or more characters (我区, 本市, 全县): a rule's left edge may
# fall inside one when its last character is a level character (我|区青枫小学).
_AREA_DEICTIC = re.compile("(?:" + lexicon.alternation("leading_noise", "deictic", "scope") + ")")


def after_cut_noise(text: str, begin: int) -> int:
    """Return `begin`, or the end of a deictic or scope word that begins before it and runs
    past it: the name begins after the whole word, not inside it.

    >>> after_cut_noise("今年我区青枫小学", 3), after_cut_noise("青枫区青枫小学", 3)
    (4, 3)
    """
    for at in range(max(0, begin - 2), begin):
        match = _AREA_DEICTIC.match(text, at)
        if match and match.end() > begin:
            return match.end()
    return begin


# A deictic (这, 那, 该, 其, 各) with at most a measure word or 些 after it: what follows it is
# the thing pointed at (这所学校, 金湾这些校区), never part of a name.
_DEICTIC_BEFORE = re.compile(
    "(?:"
    + lexicon.alternation("break_words", "deictic")
    + ")(?:"
    + lexicon.alternation("leading_noise", "measure")
    + "|些)?$"
)


def deictic_before(text: str, at: int) -> bool:
    """Return True when a deictic ends the text right before `at` (the start of a head): the
    head is the thing pointed at, and no name ends with it.

    >>> t, u = "鹿城、白鹭这些校区", "青禾小学这所学校"
    >>> deictic_before(t, t.index("校区")), deictic_before(u, u.index("学校"))
    (True, True)
    >>> deictic_before("青禾小学", 2)
    False
    """
    return _DEICTIC_BEFORE.search(text, max(0, at - 3), at) is not None


def strip_leading_noise(name: str) -> tuple[str, int]:
    """Return `name` without leading counts and deictics, and how many characters were cut.

    >>> strip_leading_noise("3所幼儿园")
    ('幼儿园', 2)
    >>> strip_leading_noise("全区各中小学")
    ('中小学', 3)
    """
    match = LEADING_NOISE.match(name)
    if not match:
        return name, 0
    return name[match.end() :], match.end()


# Programme names begin after a different set of words: the verbs that introduce a programme in
# work plans (实施/推进/开展 …, and the planning verbs 谋划/搭建/开设/结合 …), prepositions and
# pronouns (lexicon/programme_break_words.tsv). Break words of class adverb-inside-names (全面)
# are left out because they occur inside names (青少年全面发展工程). A verb directly before the
# suffix is part of the name (校园饮食品质促进行动, 教师能力提升计划), so a multi-character break
# only counts when it leaves a specific part.
PROGRAMME_BREAK_WORDS = list(
    lexicon.words("break_words", *lexicon.other_classes("break_words", "adverb-inside-names"))
    + lexicon.words("programme_break_words")
)
_PROGRAMME_BREAKS = break_pattern(_PUNCT_PROGRAM, PROGRAMME_BREAK_WORDS)


@lru_cache(maxsize=8192)
def _segments(window: str) -> tuple[str, ...]:
    # jieba is slow on a cold start (its dictionary is large), and the short windows around a
    # function word recur (以…为指导, 等重点工程), so each is segmented once.
    return tuple(jieba.lcut(window, HMM=False))


def _stands_alone(text: str, at: int) -> bool:
    """Return True when the one character at `at` is its own word (jieba), not the start of one.

    向 is a preposition in 向社会开放 but the first character of 向阳花计划; only a short window is
    segmented, so the cost stays proportional to the candidates, not to the text.
    """
    lo = max(0, at - 4)
    offset = 0
    for token in _segments(text[lo : at + 5]):
        if lo + offset == at:
            return len(token) == 1
        offset += len(token)
        if lo + offset > at:
            return False
    return True


# Verbs that are also nouns inside names (校外培训规范管理工程, 四提升四覆盖): a break at one of
# them counts only when the rest of the name is specific (lexicon/name_internal_verbs.tsv).
NAME_INTERNAL_VERBS = frozenset(lexicon.words("name_internal_verbs"))


def _closes_after(window: str, at: int) -> bool:
    """Return True when a closing quote follows `at` in `window` (before the head)."""
    return any(q in window[at:] for q in CLOSING_QUOTES)


def programme_start(
    text: str,
    anchor: int,
    floor: int,
    max_len: int = 24,
    specific: Callable[[str], bool] | None = None,
) -> int | None:
    """Return where a programme name ending at `anchor` (its suffix start) begins, or None.

    None means a function word stands right before the suffix (工程按计划, 并对工作室), so
    the suffix is an ordinary noun, not the head of a name. `specific(part)` tells whether the
    part after a name-internal verb is a name by itself (管理 in 校外培训规范管理 is not).

    >>> t = "持续推进中小学生视力健康工程"
    >>> t[programme_start(t, 12, 0):12]
    '中小学生视力健康'
    >>> t = "启动校园饮食品质促进行动"
    >>> t[programme_start(t, 10, 0):10]
    '校园饮食品质促进'
    >>> t = "家长成长大学、向阳花计划"
    >>> t[programme_start(t, 10, 0):10]
    '向阳花'
    >>> t = "。“青禾再造” 工程"
    >>> t[programme_start(t, 8, 0):8]
    '“青禾再造” '
    >>> programme_start("工作都按计划", 4, 0) is None
    True
    >>> programme_start("意识,开展行动", 5, 0) is None
    True
    """
    low = max(floor, anchor - max_len)
    window = text[low:anchor]
    # “青禾再造” 工程: a space between a quoted name and its head is layout, no stop.
    layout = len(window) - 1 if window[-1:].isspace() and _after_a_quote(window[:-1]) else -1
    start = 0
    for match in _HARD_PROGRAM.finditer(window):
        before = window[: match.start()]
        if match.group() in "、·" and _quote_open(before):
            continue  # 、 inside a quoted name (“勤学、笃行”主题教育)
        if match.group() in ",， " and _quote_open(before) and _closes_after(window, match.end()):
            # a comma or a space inside quotes that close before the head (“不忘初心,牢记使命”
            # 主题教育, “强教育 兴某地”行动); a quoted slogan with a comma is told apart later
            # (programs). Someone's quoted words, still open at the head, keep it a stop.
            continue
        if match.start() == layout:
            continue
        start = match.end()
    skipped = skipped_at = None
    for match in reversed(list(_PROGRAMME_BREAKS.finditer(window, start))):
        word = match.group()
        before = window[start : match.start()]
        if _quote_open(before):
            continue  # inside a quoted name (“四提升四覆盖”)
        if match.start() == layout:
            continue  # “青禾再造” 工程 (above)
        if word == "的" and window[match.start() - 1 : match.start()] == "党":
            continue  # 党的 is a fixed modifier inside names (党的建设引领行动)
        remaining = len(window) - match.end()
        if match.start() and window[match.start() - 1] in CLOSING_QUOTES and len(word) > 1:
            continue  # “1+X”托管模式: a verb right after a quoted name is the name's own word
        if remaining == 0 and (len(word) == 1 or word not in NAME_INTERNAL_VERBS):
            return None  # 开展行动, 结合主题教育: the verb introduces, nothing is named
        if skipped is not None and low + match.end() == skipped_at:
            if word in NAME_INTERNAL_VERBS and _listed_after_noun(window, start, match.start()):
                skipped_at = low + match.start()  # 、某某教育|整合|优化|发展工程: one name
                continue
            return skipped  # 深入推进|基础教育课程改革项目: two verbs in a row introduce
        if len(word) == 1 and not _stands_alone(text, low + match.start()):
            continue  # the first character of a word (向日葵), not a function word
        if remaining < 2 and not (remaining == 1 and _stands_alone(text, low + match.end())):
            continue  # a verb that is the head of the name (促进行动, 提升计划); but 制定|本|计划
        if word in NAME_INTERNAL_VERBS and specific and not specific(window[match.end() :]):
            if skipped is None:
                skipped, skipped_at = low + match.end(), low + match.start()
            continue
        return low + match.end()
    # Past a name-internal verb with no introducing verb further left, the verb was the
    # introducing one after all (不断优化社会助学项目 → 社会助学项目), unless the name is an
    # item of a 、-list and a noun comes right before the verb (、青禾书院规范建设行动).
    if skipped is not None and not _listed_after_noun(window, start, skipped_at - low):
        return skipped
    return low + start


def _after_a_quote(before: str) -> bool:
    """Return True when `before` ends with a closing quote that closes a quote it opens."""
    return before[-1:] in CLOSING_QUOTES and _quote_open(before[:-1])


def _quote_open(before: str) -> bool:
    """Return True when a quote opened in `before` is still open at its end. The last mark
    decides, not a count: the window may begin inside an earlier quote, whose closing mark
    alone would balance the opening one of the name's own quote.

    >>> _quote_open("学”工作思路,巩固“勤学笃行"), _quote_open("“勤学”工作")
    (True, False)
    """
    return before.rfind("“") > before.rfind("”") or before.rfind("‘") > before.rfind("’")


def _listed_after_noun(window: str, start: int, at: int) -> bool:
    """Return True when the name opens a 、-list item at `start` and a noun comes right before
    window[at] (、青禾书院|规范建设行动)."""
    return window[start - 1 : start] == "、" and _noun_before(window, start, at)


def _noun_before(window: str, start: int, at: int) -> bool:
    """Return True when the word jieba reads right before window[at], after `start`, is one its
    dictionary tags as a noun, a place or a verbal noun (青禾书院|规范: 书院), not an adverb or a
    verb (不断|优化).

    >>> _noun_before("、青禾书院规范", 1, 5), _noun_before("、体育教育融合", 1, 5)
    (True, True)
    >>> _noun_before("不断优化", 0, 2)
    False
    """
    words = jieba.lcut(window[start:at]) if at > start else []
    tag = dictionary_tag(words[-1]) if words else ""
    return tag[:1] in ("n", "s") or tag == "vn"
