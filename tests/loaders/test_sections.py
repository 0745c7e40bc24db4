"""split_sections: the tree's shape on the corpus and as a property of generated bodies."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as hs

from loaders.documents import Section, Span
from loaders.normalise import normalise_text
from loaders.read import read_document
from loaders.sections import split_sections

_NUMBERS = [
    "一、",
    "二、",
    "三、",
    "(一)",
    "(二)",
    "（三）",
    "1.",
    "2.",
    "3、",
    "4．",
    "(1)",
    "(2)",
]
_FILLER = ["2019.", "二是", "深入学习", "1.5倍", "。", "聚焦发展", "《纲要》", " ", "附件"]


@hs.composite
def policy_texts(draw: hs.DrawFn) -> str:
    """Lines that mix section numbers, headings, sentences, years and noise."""
    lines = []
    for _ in range(draw(hs.integers(0, 25))):
        prefix = draw(hs.sampled_from(["", *_NUMBERS]))
        words = draw(hs.lists(hs.sampled_from(_FILLER), max_size=5))
        lines.append(prefix + "".join(words))
    return "\n".join(lines)


def _check_tree(sections: tuple[Section, ...], lo: int, hi: int, norm: str) -> None:
    previous_end = lo
    for section in sections:
        assert lo <= section.start <= section.end <= hi
        assert section.start >= previous_end, "siblings overlap"
        assert section.heading in norm[section.start : section.end]
        previous_end = section.end
        _check_tree(section.children, section.start, section.end, norm)


@settings(max_examples=300, deadline=None)
@given(policy_texts())
def test_split_sections_nests_children_and_keeps_siblings_apart(text: str) -> None:
    norm = normalise_text(text)
    sections = split_sections(text, (Span(0, len(text)),) if text else ())
    _check_tree(sections, 0, len(text), norm)
    paths = [s.path for top in sections for s in top.walk()]
    assert len(paths) == len(set(paths))


def test_split_sections_heading_stops_at_first_full_stop() -> None:
    text = "三、具体措施\n(一)聚焦发展\n1.聚焦幼儿教育联动发展。深入学习《学前教育法》。\n2019.5 起实施。\n二是加强管理。"
    (top,) = split_sections(text, (Span(0, len(text)),))
    assert [(s.path, s.number, s.heading) for s in top.walk()] == [
        ("1", "三、", "具体措施"),
        ("1.1", "(一)", "聚焦发展"),
        ("1.1.1", "1.", "聚焦幼儿教育联动发展"),
    ]
    assert top.end == len(text)


def test_split_sections_restarts_numbering_in_an_attachment() -> None:
    text = "一、通知事项\n二、工作要求\n附件\n一、总体目标\n1.目标一\n二、保障措施"
    sections = split_sections(text, (Span(0, len(text)),))
    assert [(s.path, s.heading) for s in sections] == [
        ("1", "通知事项"),
        ("2", "工作要求"),
        ("3", "总体目标"),
        ("4", "保障措施"),
    ]
    assert sections[2].children[0].heading == "目标一"


def test_split_sections_reads_interview_turns(corpus_dir: Path) -> None:
    turns = read_document(corpus_dir / "004_1c5b6911978da789.txt").sections
    assert len(turns) == 28 and all(t.path == f"t{i}" for i, t in enumerate(turns, 1))
    assert turns[1].speaker == "何海平" and turns[1].kind == "answer"
    assert turns[4].kind == "question" and turns[5].kind == "answer"
    assert turns[0].timestamp == "2019-10-31T10:30:33"
