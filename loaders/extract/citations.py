"""Documents cited by title in 《》 (book-title marks, GB/T 15834-2011 4.15)."""

from __future__ import annotations

import re

_TITLE = re.compile(r"《([^《》\n]{2,80})》")


def find_citations(text: str, spans) -> list[tuple[str, int, int]]:  # noqa: ANN001
    """Return (title without 《》, start, end) for every cited title in the spans.

    >>> find_citations("贯彻《学前教育法》精神", [(0, 11)])
    [('学前教育法', 3, 8)]
    """
    out = []
    for s_start, s_end in spans:
        for match in _TITLE.finditer(text, s_start, s_end):
            title = match.group(1).strip()
            if title:
                out.append((title, match.start(1), match.end(1)))
    return out
