"""Same-length text normalisation for matching: traditional → simplified, full-width → half-width.

Offsets found in the normalised copy cite the original exactly, because every character maps to
exactly one character. A character whose conversion would change the length is kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Characters whose one-to-one simplified form differs (filled as characters are first seen).
_TRADITIONAL: set[str] = set()


class _CharMap(dict[int, str]):
    """A str.translate table that works out and remembers each character's mapping on first use."""

    def __init__(self, simplify: bool) -> None:
        super().__init__()
        self.simplify = simplify
        # 〔〕 mark a 发文字号's year (GB/T 9704-2012 7.2.4) and must survive normalisation.
        self[ord("〔")] = "〔"
        self[ord("〕")] = "〕"

    def __missing__(self, code: int) -> str:
        char = chr(code)
        mapped = unicodedata.normalize("NFKC", char)
        if len(mapped) != 1:
            mapped = char
        if (
            self.simplify and ord(mapped) > 0x2E7F
        ):  # CJK: convert to simplified one character at a time
            simplified = _t2s().convert(mapped)
            if len(simplified) == 1:
                if simplified != mapped:
                    _TRADITIONAL.add(char)
                mapped = simplified
        if mapped in "\u3000\xa0":
            mapped = " "
        self[code] = mapped
        return mapped


def _char_class(chars: list[str], negate: bool = False, astral: bool = False) -> re.Pattern[str]:
    """Return a regex for one of `chars` (sorted), or for none of them; runs become ranges.

    `astral` adds every character outside the Basic Multilingual Plane as one range: the
    regex engine tests such characters one entry at a time, so many of them make it slow.
    """
    parts = ["\U00010000-\U0010ffff"] if astral else []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        first, last = re.escape(chars[i]), re.escape(chars[j])
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    if not parts:
        return re.compile(r"[^\s\S]" if not negate else r"[\s\S]")
    return re.compile(("[^" if negate else "[") + "".join(parts) + "]")


class _Folder:
    """str.translate(table) for long texts: a regex replaces only the characters that change.

    translate looks up every character of a text in the table (slow on Chinese text, where
    almost all map to themselves). The table is worked out a block of 256 code points at a
    time, so the regexes of unknown and of changing characters are rebuilt only when a text
    brings a new block.
    """

    def __init__(self, table: _CharMap) -> None:
        self.table = table
        self.unknown = _char_class([], negate=True)  # every character, at first
        self.changing = _char_class([])  # no character, at first

    def _learn(self, text: str) -> None:
        unknown = sorted(set(self.unknown.findall(text)))
        if not unknown:
            return
        for char in unknown:
            self.table[ord(char)]  # works it out now (raises as translate would)
        for block in sorted({ord(char) >> 8 for char in unknown}):
            for code in range(block << 8, (block + 1) << 8):
                if code not in self.table:
                    try:
                        self.table[code]
                    except UnicodeError:  # a lone surrogate (OpenCC cannot take it): left unknown
                        pass
        known = sorted(map(chr, self.table))
        self.unknown = _char_class(known, negate=True)
        # Outside the BMP, every character is looked up (they are rare).
        self.changing = _char_class(
            [c for c in known if c <= "\uffff" and (self.table[ord(c)] != c or c in _TRADITIONAL)],
            astral=True,
        )

    def translate(self, text: str) -> tuple[str, bool]:
        """Return text.translate(table), and whether `text` has a traditional character."""
        self._learn(text)
        found = set(self.changing.findall(text))
        if not found:
            return text, False
        table = self.table
        targets = {table[ord(char)] for char in found}
        if targets.isdisjoint(found):
            # Chinese punctuation (，：（）) changes, so a text has hundreds of these: one
            # str.replace per distinct character beats a regex callback per occurrence (safe
            # as no replacement is itself replaced afterwards).
            folded = text
            for char in found:
                folded = folded.replace(char, table[ord(char)])
        else:
            folded = self.changing.sub(lambda match: table[ord(match.group())], text)
        return folded, not _TRADITIONAL.isdisjoint(found)


_TABLE = _CharMap(simplify=True)
_SIMPLIFY = _Folder(_TABLE)
_FOLD = _CharMap(simplify=False)  # width and compatibility forms only


# A circle inside a Chinese numeral (二○○七年, 一○一中学) is its zero 〇, not a bullet.
_CIRCLE_ZERO = re.compile(
    r"[一二三四五六七八九十〇零][一二三四五六七八九十〇零○◯]*[○◯][一二三四五六七八九十〇零○◯]*"
)


# A year in Chinese numerals typed with a letter O or a digit 0 for its 〇 (二O二二年, 二0二二年).
_TYPED_ZERO_YEAR = re.compile(r"[一二三四五六七八九〇零○◯OoＯ0０]{4}(?=[ \t]*年)")
_TYPED_ZEROS = str.maketrans(dict.fromkeys("○◯OoＯ0０", "〇"))


def _typed_year(match: re.Match[str]) -> str:
    year = match.group()
    # a Chinese numeral year: at least one 一…九, and not a year in digits (2022年)
    if not re.search("[一二三四五六七八九]", year) or re.search("[1-9１-９]", year):
        return year
    return year.translate(_TYPED_ZEROS)


def _circle_zeros(text: str) -> str:
    """Return `text` with the zeros a Chinese numeral is typed with (○, ◯; O or 0 in a year)
    written as 〇, one character for one."""
    if "年" in text:
        text = _TYPED_ZERO_YEAR.sub(_typed_year, text)
    if "○" not in text and "◯" not in text:
        return text
    return _CIRCLE_ZERO.sub(lambda m: m.group().replace("○", "〇").replace("◯", "〇"), text)


def normalise_text(text: str) -> str:
    """Return `text` with simplified characters and half-width forms, of the same length.

    >>> normalise_text("鐘樓區教育文體局（試行）")
    '钟楼区教育文体局(试行)'
    >>> s = "泰海教〔２０２０〕28號"
    >>> normalise_text(s)
    '泰海教〔2020〕28号'
    >>> len(normalise_text(s)) == len(s)
    True
    >>> normalise_text("瞭解乾隆年間的情況")
    '了解乾隆年间的情况'
    >>> normalise_text("二○○七年, 一○一中学, ○ 要点")
    '二〇〇七年, 一〇一中学, ○ 要点'
    >>> normalise_text("二O二二年十二月, 二0二一年, 2020年")
    '二〇二二年十二月, 二〇二一年, 2020年'
    """
    text = _circle_zeros(text)  # same length: offsets still cite the original
    folded, traditional = _SIMPLIFY.translate(text)
    if not traditional:
        return folded
    # Traditional text: convert phrase by phrase where OpenCC keeps the length, so one-to-many
    # characters resolve by context (瞭解 → 了解 but 瞭 alone stays; 乾隆 keeps 乾).
    phrased = _t2s().convert(text)
    if len(phrased) != len(text):
        return folded
    return phrased.translate(_FOLD)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def written_characters(text: str, norm: str) -> dict[int, str]:
    """Return a str.translate table from the Chinese characters of `norm` (normalise_text of
    `text`) to those `text` writes in their place, where they differ: 縣 for 县 on a
    traditional-character page. Empty when `text` is simplified.

    >>> "鹿城区".translate(written_characters("鹿城區教育局", "鹿城区教育局"))
    '鹿城區'
    """
    if text == norm:
        return {}
    table: dict[int, str] = {}
    for read, shown in zip(norm, text, strict=True):
        if read != shown and _HAN.match(read) and _HAN.match(shown):
            table.setdefault(ord(read), shown)
    return table
