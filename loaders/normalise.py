"""Same-length text normalisation for matching: traditional → simplified, full-width → half-width.

Offsets found in the normalised copy cite the original exactly, because every character maps to
exactly one character. A character whose conversion would change the length is kept as it is.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


class _CharMap(dict[int, str]):
    """A str.translate table that works out and remembers each character's mapping on first use."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        mapped = unicodedata.normalize("NFKC", char)
        if len(mapped) != 1:
            mapped = char
        if ord(mapped) > 0x2E7F:  # CJK: convert to simplified one character at a time
            simplified = _t2s().convert(mapped)
            if len(simplified) == 1:
                mapped = simplified
        if mapped in "\u3000\xa0":
            mapped = " "
        self[code] = mapped
        return mapped


_TABLE = _CharMap()
# 〔〕 mark a 发文字号's year (GB/T 9704-2012 7.2.4) and must survive normalisation.
_TABLE[ord("〔")] = "〔"
_TABLE[ord("〕")] = "〕"


def normalise_text(text: str) -> str:
    """Return `text` with simplified characters and half-width forms, of the same length.

    >>> normalise_text("鐘樓區教育文體局（試行）")
    '钟楼区教育文体局(试行)'
    >>> s = "泰海教〔２０２０〕28號"
    >>> normalise_text(s)
    '泰海教〔2020〕28号'
    >>> len(normalise_text(s)) == len(s)
    True
    """
    return text.translate(_TABLE)
