"""Quantitative commitments and results: 新增学位1575个, 投入800万元, 合格率达96%以上.

A quantity is a number with a measure word (UNITS). The number is normalised to a decimal
(万 × 10^4, 亿 × 10^8; Chinese numerals via cn2an); a range (1至2所, 1—2所) keeps its lower bound
and the qualifiers 余/多 (140余名) and 以上/左右 stay out of the value.

The indicator names what is counted or measured, in the order the rules try:
- money (元) followed by its purpose (投入800万元用于信息化建设) → the purpose + the money verb
  (信息化建设投入);
- a number followed by its object (培养600名以上乡村骨干教师) → the verb before it + the object
  (培养乡村骨干教师);
- otherwise the words between the clause start (or the previous quantity) and the number
  (新增学位1575个 → 新增学位; 普惠率达到72% → 普惠率), without leading adverbs and modal verbs
  (力争, 确保, 进一步 …), time words (本年度, 2019年), scope words (全区, 我市) and the trailing
  trigger (达到, 不少于 …). A bare rate (就业率) borrows the subject of the rate before it in the
  sentence, and a coordinated item (…10所、市优质幼儿园8所) borrows the verb of the one before it.
Indicators are at most MAX_INDICATOR characters, without quotes or dangling punctuation.

Not targets: ordinals (第九届), dates and years, counts inside quoted slogans (“四个自信”), the
numeral 一 as an article (形成一套, 一项工作) unless the sentence counts per period (每周一节), and
other Chinese numerals unless a counting verb (新增, 培养, 形成 …) or a per-period 每 governs them
(加强三支队伍 names a concept, not a target). The year is the sentence's own (2020年…) or the
document's.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import cn2an
import jieba

jieba.setLogLevel(logging.WARNING)  # the dictionary-loading notice is not an error

UNITS = (
    "万人次",
    "人次",
    "课次",
    "平方米",
    "公里",
    "小时",
    "个百分点",
    "%",
    "元",
    "所",
    "个",
    "家",
    "名",
    "位",
    "人",
    "次",
    "项",
    "场",
    "间",
    "套",
    "台",
    "本",
    "部",
    "篇",
    "份",
    "期",
    "支",
    "节",
    "门",
    "园",
    "校",
    "亩",
    "班",
)
MAX_INDICATOR = 20
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_CN_DIGITS = "一二两三四五六七八九十百千"
_NUM = rf"[0-9]+(?:\.[0-9]+)?|[{_CN_DIGITS}]+"
# _NUM written to begin with one character class instead of an alternation: the regex engine
# then skips in C to the next digit or numeral instead of trying the pattern at every character.
_VALUE = rf"[0-9{_CN_DIGITS}](?:(?<=[0-9])[0-9]*(?:\.[0-9]+)?|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*)"
_QUANTITY = re.compile(
    rf"(?P<value>{_VALUE})(?:\s*(?:至|到|—|-|~|–|－|～)\s*(?:{_NUM}))?\s*(?P<scale>万|亿)?"
    rf"\s*(?:余|多)?\s*(?P<unit>{_UNIT})(?P<qualifier>(?:及?以上|左右|之多)?)"
)
_YEAR = re.compile(r"(20[0-9]{2})年")
# Clause boundaries (the text is NFKC-folded, so full-width commas are ',' already).
_CLAUSE = re.compile(r"[,，;；:：。!?！？\n]")
_QUOTE_OPEN = "“‘「『"
_QUOTE_CLOSE = "”’」』"
_QUOTES = re.compile(r"[“”‘’「」『』\"《》]")
# After the number: a date (3月, 2019年), an ordinal (第三, 前两名) or a duration unit.
_DATE_AFTER = re.compile(r"[年月日号]")
_ORDINAL_BEFORE = ("第", "前", "每")

# Words that open a clause without naming what is measured: adverbs and modal verbs (力争, 确保),
# time (本年度, 2019年, 到2020年底, 3月底前), scope (全区, 我市), light verbs (做好) and prepositions (按照).
_LEADING = re.compile(
    r"^(?:力争|争取|确保|保证|努力|不断|切实|大力|进一步|全面|预计|计划|拟|将要|将|要|继续|认真|"
    r"积极|充分|深入|着力|重点|逐步|持续|稳步|基本|务必|同时|并且|另外|此外|其中|一共有|共有|一共|"
    r"共计|累计|总计|合计|已经|现有|已有|还有|均|全年|本年度|年度|今年|明年|年内|本学期|本学年|"
    r"本年|当年|今后|(?:截至|截止到|截止|到|至)(?=(?:20[0-9]{2}|[0-9]{2})年|[0-9]{1,2}月)|"
    r"(?:20[0-9]{2}|[0-9]{2})年度?(?:[0-9]{1,2}月)?(?:底|末|前|内|起)*|"
    r"[0-9]{1,2}月(?:底|份)?(?:前)?|全市|全区|全县|全省|全国|全镇|全乡|全校|我市|我区|我县|"
    r"我省|我校|本市|本区|本县|本省|各类|各级|各地|区域内|区域|做好|抓好|搞好|按照|根据|依据|"
    r"针对|通过|围绕|力求|实现|重新)+"
)
# One-character function words, stripped only when jieba reads them as a word of their own, so
# that 在线 or 对口 keep their first character.
_LEADING_CHARS = frozenset("拟要将并还已共各对为让使在有均")
# What joins the subject to the number: 达到, 不少于, 分别达 …
_TRAILING = re.compile(
    r"(?:(?:分别|均|总计|合计|共计|累计|共)?"
    r"(?:达到了|达到|达|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增至|保持在|控制在|"
    r"稳定在|不低于|不少于|不超过|不高于|超过|至少|高于|低于|逾|约为|约|近|为|是|有|占|了|在)"
    r"|分别|总计|合计|共计|累计|共)$"
)
# Verbs that count something: with them a Chinese numeral is a quantity (形成九份方案), and a
# coordinated item without its own verb borrows them (新增…10所、…8所).
_COUNT_VERBS = frozenset(
    "新增 新建 新开 新创 再创 创建 创成 创作 建成 建设 建造 培养 培育 培训 打造 开设 开展 开发 "
    "举办 组织 完成 形成 确定 认定 评选 评出 申报 引进 招聘 成立 积累 撰写 指导 参与 参加 推出 "
    "遴选 增加 设立 组建 改造 更新 配备 配送 新增加 扩建 改扩建 惠及 覆盖 获得".split()
)
_COUNT_VERB_WORDS = tuple(_COUNT_VERBS)  # for str.startswith and str.endswith
_MONEY_VERBS = ("投入", "拨付", "安排", "筹措", "下达", "资助", "奖励", "补助", "补贴", "投资")
_PURPOSE = re.compile(r"^(?:的)?(?:专项)?(?:资金|经费)?(?:用于|专门用于|实施|支持|开展)")
# The end of an object after the number: a clause mark, a coordinated quantity, or a verb or
# adverb that starts the predicate (…学校将正式启动, …教师参加培训).
_OBJECT_END = re.compile(
    r"[,，;；:：。!?！？\n]|[、和及与或](?=[0-9])|(?=[0-9])|\((?=其中|含|包括)|"
    r"将|要|已|正式|进行|开展|开发|参加|参与|实施|启动|接受|申报|获得|获|被|成功|来自|印制|投用|"
    r"持有|拥有|完成|达到|用于|建成|纳入|担任|作为|进入|实现|共同|分别|的功能|功能|等|均|基础上|"
    r"进一步|深入|全面|不断|切实|积极|努力|逐步|率先|着力|大力|代表|并"
)
# What ends a predicate used as an indicator (5位教师获市赛课一等奖).
_PREDICATE_END = re.compile(r"[,，;；:：。!?！？\n、(]|并|(?=[0-9])")
_PREDICATE_LEAD = re.compile(r"^(?:均|已|都|也|还|成功地|被)+")
# A modal or adverb inside the words before a number: the measure follows it (各校要找准3个…).
_MODALS = frozenset("要 将 拟 需 须 应 应当 确保 力争 争取 努力 计划 预计 并 并且 同时".split())
_MODAL = re.compile("|".join(sorted(_MODALS, key=len, reverse=True)))
_PERSON_UNITS = ("人", "名", "位")
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}
_RATE = re.compile(r"(?:率|比例|比重)$")
_EDGE_PUNCT = "、,，:：;；()（）.·-—等和的 "


def parse_number(text: str) -> Decimal | None:
    """Return the value of an Arabic or Chinese numeral.

    >>> parse_number("1.2"), parse_number("三")
    (Decimal('1.2'), Decimal('3'))
    """
    if text[0].isdigit():
        try:
            return Decimal(text)
        except ArithmeticError:
            return None
    return _chinese_number(text)


@lru_cache(maxsize=4096)
def _chinese_number(text: str) -> Decimal | None:
    # cn2an is slow (it simplifies traditional characters first); numerals repeat, so cache.
    try:
        return Decimal(int(cn2an.cn2an(text, "smart")))
    except (ValueError, ArithmeticError, KeyError):
        return None


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(jieba.lcut(text, HMM=False))


def clean_head(text: str) -> str:
    """Return the words before a number without opening adverbs, time, scope and trigger.

    >>> clean_head("2019年力争全区学前教育普及率达到")
    '学前教育普及率'
    >>> clean_head("在线课程新增")
    '新增在线课程'
    """
    text = _QUOTES.sub("", text).strip(_EDGE_PUNCT).lstrip("或及与")
    previous = None
    while text != previous:
        previous = text
        text = _LEADING.sub("", text)
        # jieba reads the text only where the words looked for can be: its words are its
        # characters in order, so the first word is a leading character only if the text
        # begins with one, and a modal is a word only if it occurs.
        if text[:1] in _LEADING_CHARS and len(_words(text)[0]) == 1:
            text = text[1:]
        if _MODAL.search(text):
            words = _words(text)
            cut = max((i for i, w in enumerate(words) if w in _MODALS), default=-1)
            if 0 <= cut < len(words) - 1:
                text = "".join(words[cut + 1 :])
        text = _TRAILING.sub("", text).strip(_EDGE_PUNCT)
    words = _words(text) if text.endswith(_COUNT_VERB_WORDS) else ()
    if len(words) > 1 and words[-1] in _COUNT_VERBS and not text.startswith("每"):
        # 新优质学校新增2所: the verb goes first, as in 新增新优质学校.
        text = words[-1] + text[: -len(words[-1])]
    return text


def clean_object(text: str, in_list: bool = False) -> str:
    """Return the noun phrase that a number counts, from the text right after its unit.

    Args:
        text: the clause after the unit (and its 以上 / 左右).
        in_list: another quantity follows in the clause, so 、 ends the object too.

    >>> clean_object("乡村教师参加培训,")
    '乡村教师'
    """
    text = text.lstrip()
    if not text or text[0] in "、,，;；:：。()（）和及与或" or text.startswith("以下"):
        return ""  # 新增A10所、B8所: nothing is counted after the unit
    text = text.lstrip("的")
    end = _OBJECT_END.search(text)
    text = text[: end.start()] if end else text
    if in_list:
        text = text.split("、", 1)[0]
    return _QUOTES.sub("", text).strip(_EDGE_PUNCT).rstrip("或及与")


def _shorten(indicator: str) -> str:
    """Keep the last MAX_INDICATOR characters, cut at a word boundary (the head noun is last)."""
    if len(indicator) <= MAX_INDICATOR:
        return indicator
    words = _words(indicator)
    kept = ""
    for word in reversed(words):
        if len(kept) + len(word) > MAX_INDICATOR:
            break
        kept = word + kept
    return kept.strip(_EDGE_PUNCT) or indicator[-MAX_INDICATOR:]


def _inside_quotes(head: str) -> bool:
    return sum(head.count(q) for q in _QUOTE_OPEN) > sum(head.count(q) for q in _QUOTE_CLOSE)


def _verb_of(indicator: str) -> str | None:
    words = _words(indicator) if indicator.startswith(_COUNT_VERB_WORDS) else ()
    return words[0] if words and words[0] in _COUNT_VERBS else None


def _rate_subject(indicator: str) -> str:
    """Return what a rate is of: 职业学校毕业生 for 职业学校毕业生就业率 ('' when unknown)."""
    words = list(_words(indicator))
    if words and words[-1] in ("率", "比例", "比重"):
        words.pop()
        if words and len(words[-1]) == 1:
            while words and len(words[-1]) == 1:
                words.pop()  # 双证率 → 双 / 证 / 率
            return "".join(words)
    if words:
        words.pop()
    return "".join(words)


def _accept_numeral(value: str, head: str, sentence: str) -> bool:
    """Chinese numerals are often not quantities: 形成一套机制, 加强三支队伍 (a named concept)."""
    if value[0].isdigit():
        return True
    if "每" in sentence:
        return True  # 每学年开设一节公开课: a per-period count
    if value in ("一", "两", "二"):
        return False
    words = _words(head[-6:]) if head.endswith(_COUNT_VERB_WORDS) else ()
    return bool(words) and words[-1] in _COUNT_VERBS


def find_targets(  # noqa: C901 - one pass over the quantities of a sentence, rule by rule
    text: str, spans: Iterable[tuple[int, int]], year: int | None
) -> Iterator[tuple[str, str, str, str, int | None, int, int]]:
    """Yield (phrase, indicator, value, unit, year, start, end) for each quantity in the spans.

    Args:
        text: the normalised document text.
        spans: sentence spans (start, end) in `text`.
        year: the document's year, for sentences that state none.

    >>> [t[1:4] for t in find_targets("本年度拟投入800万元用于信息化建设", [(0, 18)], 2020)]
    [('信息化建设投入', '8000000', '元')]
    """
    total: str | None = None  # the last indicator of the previous sentence, for 其中 …
    for s_start, s_end in spans:
        first = _QUANTITY.search(text, s_start, s_end)
        if first is None:  # most sentences state no quantity
            total = None
            continue
        sentence = text[s_start:s_end]
        stated = _YEAR.search(sentence)
        stated_year = int(stated.group(1)) if stated else year
        breakdown = total if sentence.startswith("其中") else None
        previous_end = s_start  # where the last quantity (with its object) ended
        previous: str | None = None  # the last indicator of this sentence
        previous_clause = -1
        for match in _QUANTITY.finditer(text, first.start(), s_end):
            start, end = match.start(), match.end()
            unit, raw = match.group("unit"), match.group("value")
            before = text[start - 1 : start] if start > s_start else ""
            if _DATE_AFTER.match(text, end) or before in _ORDINAL_BEFORE:
                continue
            if before in "+×*/" and before or text[end : end + 1] in ("+", "×"):
                continue  # 2+1项目: part of a name or a formula
            if unit == "期" and not raw[0].isdigit():
                continue  # 二期工程: a phase, not a count
            if raw[:1] == "0" and raw[1:2].isdigit():
                continue  # 0519…: a code or a telephone number
            if _inside_quotes(text[s_start:start]):
                continue  # “四个自信”: a slogan
            clause = max((m.end() for m in _CLAUSE.finditer(text, s_start, start)), default=s_start)
            head_from = max(clause, previous_end)
            head = text[head_from:start]
            if not _accept_numeral(raw, text[clause:start], sentence):
                continue
            value = parse_number(raw)
            if value is None or value == 0:
                continue
            value *= _SCALE[match.group("scale")]
            clause_end = _CLAUSE.search(text, end, s_end)
            phrase_end = clause_end.start() if clause_end else s_end
            later = _QUANTITY.search(text, end, phrase_end)
            after = text[end : later.start() if later else phrase_end]
            coordinated = head_from == previous_end and previous_end > clause
            if "其中" in text[s_start:start] and breakdown is None:
                breakdown = previous
            indicator, consumed = _indicator(head, after, unit, in_list=later is not None)
            indicator = _with_context(
                indicator, previous, coordinated, unit, same_clause=previous_clause == clause
            )
            if breakdown and indicator and len(indicator) <= 4 and _verb_of(indicator) is None:
                indicator += _without_verb_prefix(breakdown)  # 其中,幼儿园7260个 (新增学位)
            previous_end = end + consumed
            indicator = _shorten(indicator)
            if len(indicator) < 2:
                continue
            previous, previous_clause = indicator, clause
            phrase = text[clause:phrase_end].strip()
            normal = format(value.normalize(), "f")
            yield (phrase, indicator, normal, unit, stated_year, start, end)
        total = previous


def _without_verb_prefix(indicator: str) -> str:
    """Return a total's measure for its parts: 新增学位 stays (the parts are 新增 too)."""
    return indicator


def _indicator(head: str, after: str, unit: str, in_list: bool) -> tuple[str, int]:
    """Return the indicator and how many characters after the quantity it used."""
    subject = clean_head(head)
    if unit == "元":
        purpose = _PURPOSE.match(after)
        if purpose:
            rest = after[purpose.end() :]
            cut = re.search(r"[0-9,，;；。、]", rest)
            aim = _QUOTES.sub("", rest[: cut.start()] if cut else rest).strip(_EDGE_PUNCT)
            if len(aim) >= 2:
                verb = next((v for v in _MONEY_VERBS if v in head), "投入")
                used = purpose.end() + (cut.start() if cut else len(rest))
                return _shorten(aim) + verb, used
        return subject, 0
    obj = clean_object(after, in_list)
    used = after.find(obj) + len(obj) if obj else 0
    if unit in ("%", "个百分点"):
        if not subject and len(obj) >= 2:
            return obj, used  # 30%的教师 …
        return subject, 0
    if len(obj) >= 2:
        indicator = obj if subject.endswith("等") or len(subject) > 8 else subject + obj
        if unit in _PERSON_UNITS and len(obj) <= 3 and not subject and not in_list:
            # 5位教师获市赛课一等奖: the people are counted by what they did.
            predicate = _predicate(after[used:])
            if predicate:
                return predicate + "的" + obj, used + after[used:].find(predicate) + len(predicate)
        return indicator, used
    if not subject and unit in _PERSON_UNITS and not in_list:
        predicate = _predicate(after)
        if predicate:
            return predicate, after.find(predicate) + len(predicate)  # 1人被评为…
    return subject, 0


def _predicate(text: str) -> str:
    end = _PREDICATE_END.search(text)
    text = text[: end.start()] if end else text
    text = _PREDICATE_LEAD.sub("", _QUOTES.sub("", text)).strip(_EDGE_PUNCT)
    return text if 2 <= len(text) <= 16 else ""


def _with_context(
    indicator: str, previous: str | None, coordinated: bool, unit: str, same_clause: bool
) -> str:
    """Complete an indicator from the quantity before it in the same sentence."""
    if previous is None:
        return indicator
    if unit in ("%", "个百分点") and _RATE.search(previous):
        if not indicator and coordinated:
            return previous  # 本科率分别达90%、100%: the same measure
        if len(indicator) <= 4 and _RATE.search(indicator):
            subject = _rate_subject(previous)
            if subject and not indicator.startswith(subject):
                return subject + indicator  # 就业率 of 职业学校毕业生
        return indicator
    verb = _verb_of(previous)
    if coordinated and same_clause and verb and indicator and _verb_of(indicator) is None:
        return verb + indicator  # 新增A10所、B8所: B is 新增 too
    return indicator
