"""Which spans lie inside a longer span: the nested-name filters of one document.

A document can hold thousands of names, and testing every pair made its filters quadratic.
"""

from __future__ import annotations

import bisect


class Cover:
    """Spans sorted by start, to ask in O(log n) whether a longer one holds a given span (a
    document with thousands of names made the pairwise test quadratic)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.ends = [b for _, b in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each index
        furthest = -1
        for end in self.ends:
            furthest = max(furthest, end)
            self.reach.append(furthest)

    def contains(self, start: int, end: int) -> bool:
        """Return True when some other span (a', b') has a' <= start, end <= b'."""
        before = bisect.bisect_left(self.starts, start)  # spans that begin earlier
        if before and self.reach[before - 1] >= end:
            return True
        same = bisect.bisect_right(self.starts, start)  # spans that begin here: longer ones
        return same > before and self.ends[same - 1] > end
