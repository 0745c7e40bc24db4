"""Pinyin glosses: some sites print a character's reading after it, 學(xué)校, 發(fā)布.

The gloss is annotation (HTML writes it as <ruby>'s <rt>), not text: left in, it splits the
words and names it sits inside (實(shí)施|校舍安全工程 was read as 施校舍安全工程). A gloss is a
bracketed pinyin syllable with a tone mark right after a Chinese character; a syllable without
one (de, ma) is too like a Latin word in brackets to drop.

read_document removes them once, from whatever a reader gives, and keeps where each stood: a
name is then also recorded as the page prints it (an exact substring of the page, as a reader
who copies it from the page has it).
"""

from __future__ import annotations

import bisect
import re

Glosses = tuple[tuple[int, str], ...]  # (offset in the text without glosses, the gloss)

# Vowels with a tone mark (pinyin's four tones, ü's included): what tells a gloss from Latin.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}}"
_GLOSS = re.compile(rf"(?<=[\u3400-\u4dbf\u4e00-\u9fff])[(（]{_SYLLABLE}[)）]")


def strip_glosses(text: str) -> tuple[str, Glosses]:
    """Return `text` without the pinyin glosses after its characters, and where each one stood.

    >>> strip_glosses("實(shí)施校舍安全工(gōng)程, 年(2023)")
    ('實施校舍安全工程, 年(2023)', ((1, '(shí)'), (7, '(gōng)')))
    >>> strip_glosses("A(bà) 与 成(cheng)")
    ('A(bà) 与 成(cheng)', ())
    """
    if "(" not in text and "（" not in text:
        return text, ()
    parts: list[str] = []
    glosses: list[tuple[int, str]] = []
    kept = removed = 0
    for m in _GLOSS.finditer(text):
        parts.append(text[kept : m.start()])
        glosses.append((m.start() - removed, m.group()))
        removed += m.end() - m.start()
        kept = m.end()
    if not glosses:
        return text, ()
    parts.append(text[kept:])
    return "".join(parts), tuple(glosses)


def as_glossed(text: str, glosses: Glosses, start: int, end: int) -> str:
    """Return text[start:end] as the page printed it, each gloss after its character.

    >>> text, glosses = strip_glosses("南昌中學(xué)、長(cháng)春市")
    >>> as_glossed(text, glosses, 0, 4), as_glossed(text, glosses, 5, 8)
    ('南昌中學(xué)', '長(cháng)春市')
    """
    first = bisect.bisect_right(glosses, (start, "\uffff"))  # glosses after text[start] onwards
    out: list[str] = []
    at = start
    for offset, gloss in glosses[first:]:
        if offset > end:
            break
        out += [text[at:offset], gloss]
        at = offset
    out.append(text[at:end])
    return "".join(out)
