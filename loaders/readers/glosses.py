"""Pinyin glosses: some sites print a character's reading after it, 學(xué)校, 發(fā)布.

The gloss is annotation (HTML writes it as <ruby>'s <rt>), not text: left in, it splits the
words and names it sits inside (實(shí)施|校舍安全工程 was read as 施校舍安全工程). A gloss is a
bracketed pinyin syllable with a tone mark right after a Chinese character; a syllable without
one (de, ma) is too like a Latin word in brackets to drop.
"""

from __future__ import annotations

import re

# Vowels with a tone mark (pinyin's four tones, ü's included): what tells a gloss from Latin.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}"
_GLOSS = re.compile(rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff])[(（]{_SYLLABLE}[)）]")


def without_glosses(text: str) -> str:
    """Return `text` without the pinyin glosses after its characters.

    >>> without_glosses("實(shí)施校舍安全工(gōng)程, 年(2023)")
    '實施校舍安全工程, 年(2023)'
    >>> without_glosses("A(bà) 与 成(cheng)")
    'A(bà) 与 成(cheng)'
    """
    return _GLOSS.sub("", text) if "(" in text or "（" in text else text
