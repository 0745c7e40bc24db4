"""Sentences of a document's body, with offsets into `PolicyDocument.text`.

A sentence ends at 。！？； or a line break (GB/T 15834-2011 sentence-final marks); the list
items of a work plan are usually one line each, so the line break is a boundary too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

from loaders.documents import PolicyDocument

Hit = tuple[int, int, str]  # (start, end, word) of a dictionary word found in a text

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its span in the text, its normalised text, its section path."""

    start: int
    end: int
    text: str  # from PolicyDocument.norm (same offsets as the original)
    section: str | None


def split_sentences(doc: PolicyDocument) -> list[Sentence]:
    """Return the body's sentences in document order, white space trimmed.

    Args:
        doc: the document; only its body spans are read.

    Returns:
        Sentences whose `text` equals `doc.norm[start:end]`.
    """
    locate = section_locator(doc)
    out: list[Sentence] = []
    for span in doc.body:
        for match in _SENTENCE.finditer(doc.norm, span.start, span.end):
            start, end = match.span()
            raw = match.group()
            stripped = raw.strip()
            if not stripped:
                continue
            start += len(raw) - len(raw.lstrip())
            end = start + len(stripped)
            out.append(Sentence(start, end, stripped, locate(start)))
    return out


def section_locator(doc: PolicyDocument):  # noqa: ANN201 - a small closure
    """Return a function offset → path of the deepest section containing it (or None)."""
    spans = sorted((s.start, s.level, s.end, s.path) for s in doc.all_sections())
    starts = [s[0] for s in spans]

    def locate(offset: int) -> str | None:
        # Children start at or after their parent, so scanning back from the last section that
        # starts before `offset` meets the deepest containing section first.
        index = bisect.bisect_right(starts, offset)
        for start, _, end, path in reversed(spans[max(0, index - 64) : index]):
            if start <= offset < end:
                return path
        return None

    return locate


def word_hits(automaton: ahocorasick.Automaton, text: str) -> list[Hit]:
    """Return (start, end, word) for every word of `automaton` (values: the words) in `text`,
    by end.

    One scan of the whole text: the rules that look for words sentence by sentence then take
    each sentence's hits with spans_with_hits instead of scanning every sentence.
    """
    hits = [(end + 1 - len(word), end + 1, word) for end, word in automaton.iter(text)]
    hits.sort(key=lambda hit: hit[1])  # the automaton reports them by end already
    return hits


def spans_with_hits(
    hits: list[Hit], spans: Iterable[tuple[int, int]]
) -> Iterator[tuple[int, int, list[Hit]]]:
    """Yield (start, end, hits inside) for each span, in order, that holds at least one hit.

    Args:
        hits: word_hits of the whole text (sorted by end).
        spans: (start, end) pairs, in any order, overlapping or not.
    """
    if not hits:
        return
    ends = [hit[1] for hit in hits]
    for s_start, s_end in spans:
        first = bisect.bisect_right(ends, s_start)
        last = bisect.bisect_right(ends, s_end)
        if first == last:
            continue
        inside = [hit for hit in hits[first:last] if hit[0] >= s_start]
        if inside:
            yield s_start, s_end, inside
