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


@lru_cache(maxsize=4)
def _traditional_pattern(size: int) -> re.Pattern[str]:
    # Keyed by the size of _TRADITIONAL, which only grows: a regex scan of a long text is much
    # faster than testing its characters against the set one by one.
    del size
    return re.compile("[" + re.escape("".join(sorted(_TRADITIONAL))) + "]")


_TABLE = _CharMap(simplify=True)
_FOLD = _CharMap(simplify=False)  # width and compatibility forms only


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
    """
    folded = text.translate(_TABLE)
    if not _TRADITIONAL or not _traditional_pattern(len(_TRADITIONAL)).search(text):
        return folded
    # Traditional text: convert phrase by phrase where OpenCC keeps the length, so one-to-many
    # characters resolve by context (瞭解 → 了解 but 瞭 alone stays; 乾隆 keeps 乾).
    phrased = _t2s().convert(text)
    if len(phrased) != len(text):
        return folded
    return phrased.translate(_FOLD)
