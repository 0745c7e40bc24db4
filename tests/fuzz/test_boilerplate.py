"""Boilerplate stripping (loaders/boilerplate.py): spans cite whole kept lines, portal lines
around prose go and the prose stays, stripping a stripped body removes nothing."""

from __future__ import annotations

from hypothesis import strategies as hs

from loaders.boilerplate import boilerplate_lines, find_body, line_kind
from loaders.normalise import normalise_text
from tests.fuzz.profile import fuzz
from tests.fuzz.strategies import PAGE_TEXT, SENTENCE, STRONG_LINES


@fuzz(text=PAGE_TEXT)
def test_find_body_spans_are_ordered_trimmed_and_made_of_kept_lines(text: str) -> None:
    removed = boilerplate_lines(text)
    lines = text.split("\n")
    assert len(removed) == len(lines)
    assert all(line_kind(normalise_text(ln)) in {"strong", "weak", "body", "blank"} for ln in lines)
    spans = find_body(text)
    previous = -1
    kept = [not r and ln.strip() for ln, r in zip(lines, removed, strict=True)]
    for span in spans:
        assert previous < span.start < span.end <= len(text)
        chunk = text[span.start : span.end]
        assert chunk == chunk.strip() or chunk == chunk.rstrip()  # starts at a line's text
        assert not chunk[-1].isspace() and not chunk[0].isspace()
        previous = span.end
    # the spans hold exactly the kept lines' text
    body = "\n".join(text[s.start : s.end] for s in spans)
    kept_text = [ln.strip() for ln, k in zip(lines, kept, strict=True) if k]
    assert [ln.strip() for ln in body.split("\n") if ln.strip()] == kept_text


@fuzz(
    prose=hs.lists(SENTENCE, min_size=1, max_size=8),
    header=hs.lists(hs.sampled_from(STRONG_LINES), max_size=5),
    footer=hs.lists(hs.sampled_from(STRONG_LINES), max_size=5),
)
def test_portal_lines_around_prose_go_and_the_prose_stays(
    prose: list[str], header: list[str], footer: list[str]
) -> None:
    text = "\n".join([*header, *prose, *footer])
    body = [text[s.start : s.end] for s in find_body(text)]
    assert "\n".join(body) == "\n".join(prose)


@fuzz(text=PAGE_TEXT)
def test_stripping_a_stripped_body_removes_nothing(text: str) -> None:
    body = "\n".join(text[s.start : s.end] for s in find_body(text))
    again = "\n".join(body[s.start : s.end] for s in find_body(body))
    assert again == body
