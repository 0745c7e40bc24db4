"""Quantitative commitments and results: 新增学位1575个, 投入800万元, 合格率达96%以上.

The number is normalised to a decimal (万 × 10^4, 亿 × 10^8; Chinese numerals via cn2an); a
range (1至2所, 1—2所) keeps its lower bound. The indicator is the clause text before the number
(from the last comma or verb of measure), the year the sentence's own (2020年…) or the
document's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

import cn2an

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
    "人",
    "次",
    "项",
    "场",
    "间",
    "套",
    "台",
    "本",
    "期",
    "届",
    "支",
    "节",
    "门",
    "园",
    "校",
    "亩",
    "班",
)
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))
_NUM = r"[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千]+"
_TARGET = re.compile(
    rf"(?P<value>{_NUM})(?:\s*(?:至|到|—|-|~|–)\s*(?:{_NUM}))?\s*(?P<scale>万|亿)?\s*(?P<unit>{_UNIT})"
)
_YEAR = re.compile(r"(20[0-9]{2})年")
_CLAUSE = re.compile(r"[,，;；:：。、]")
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}


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


def find_targets(text: str, spans, year: int | None):  # noqa: ANN001, ANN201
    """Yield (phrase, indicator, value, unit, year, start, end) for each quantity in the spans.

    >>> [t[2:4] for t in find_targets("投入1.2亿元", [(0, 7)], 2020)]
    [('120000000', '元')]
    """
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        years = _YEAR.findall(sentence)
        for match in _TARGET.finditer(text, s_start, s_end):
            if text[match.end() : match.end() + 1] == "年" or match.group("unit") == "届":
                continue
            value = parse_number(match.group("value"))
            if value is None or (match.group("unit") in ("个", "次") and value == 0):
                continue
            if text[match.start() - 1 : match.start()] in ("第", "前"):
                continue
            value *= _SCALE[match.group("scale")]
            head = text[s_start : match.start()]
            cut = max((m.end() for m in _CLAUSE.finditer(head)), default=0)
            indicator = head[cut:].strip() or sentence[: match.start() - s_start].strip()[-12:]
            indicator = re.sub(r"^(?:20[0-9]{2}年|本年度|今年|全年)", "", indicator)
            if not indicator:
                continue
            clause_end = _CLAUSE.search(text, match.end(), s_end)
            phrase_end = clause_end.start() if clause_end else s_end
            phrase = text[s_start + cut : phrase_end].strip()
            stated_year = int(years[0]) if years else year
            normal = format(value.normalize(), "f")
            yield (
                phrase,
                indicator,
                normal,
                match.group("unit"),
                stated_year,
                match.start(),
                match.end(),
            )
