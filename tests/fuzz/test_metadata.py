"""Metadata parsers under generated input (loaders/metadata.py, titles.py, identifiers.py,
sections.py): dates, 发文字号 and 索引号 round-trip, nothing raises, every value is a real one."""

from __future__ import annotations

import datetime
import re

from hypothesis import strategies as hs

from loaders.boilerplate import find_body
from loaders.identifiers import document_id, document_key, entity_iri, normalise_key
from loaders.metadata import extract_metadata, normalise_doc_number, parse_date
from loaders.normalise import normalise_text
from loaders.sections import chinese_number, split_turns
from loaders.titles import is_banner, is_byline, title_bounds
from tests.fuzz.profile import fuzz
from tests.fuzz.strategies import FRAGMENTS, PAGE_TEXT, SENTENCE

_CN_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """Write 1 … 99 as a section number or a month or day is written (十二, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


DATES = hs.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31))


@hs.composite
def written_dates(draw: hs.DrawFn) -> tuple[datetime.date, str]:
    """A date and one way a page writes it."""
    d = draw(DATES)
    sp = draw(hs.sampled_from(["", " "]))
    month, day = draw(hs.sampled_from([(str, str), (lambda n: f"{n:02d}", lambda n: f"{n:02d}")]))
    forms = [
        f"{d.year}{sp}年{sp}{month(d.month)}{sp}月{sp}{day(d.day)}{sp}日",
        f"{d.year}-{month(d.month)}-{day(d.day)}",
        f"{d.year}/{month(d.month)}/{day(d.day)}",
        f"{d.year}.{month(d.month)}.{day(d.day)}",
        f"{day(d.day)}.{month(d.month)}.{d.year}",
        "".join(_CN_DIGITS[int(c)] for c in str(d.year)).replace(
            "〇", draw(hs.sampled_from("〇零○"))
        )
        + f"年{chinese_numeral(d.month)}月{chinese_numeral(d.day)}日",
    ]
    return d, draw(hs.sampled_from(forms))


@fuzz(written=written_dates(), before=hs.sampled_from(["", "发布日期:", "成文日期 ", "于"]))
def test_a_written_date_parses_back_to_itself(
    written: tuple[datetime.date, str], before: str
) -> None:
    date, text = written
    assert parse_date(before + text + " 10:30") == date.isoformat()


_DATE_ALPHABET = hs.sampled_from(list("0123456789年月日-/. :") + list("〇零○一二三四五六七八九十"))


@fuzz(text=hs.one_of(hs.text(_DATE_ALPHABET, max_size=20), hs.text(max_size=20)))
def test_parse_date_gives_a_real_calendar_date_or_none(text: str) -> None:
    parsed = parse_date(text)
    if parsed is not None:
        assert datetime.date.fromisoformat(parsed).isoformat() == parsed


_AGENCY = hs.text(hs.sampled_from("泰海教苏府办发常钟楼区委政字锡宁"), min_size=1, max_size=6)
_BRACKETS = [("〔", "〕"), ("[", "]"), ("(", ")"), ("【", "】"), ("〖", "〗"), ("（", "）")]
_BRACKETS += [("［", "］"), ("﹝", "﹞")]


@hs.composite
def doc_numbers(draw: hs.DrawFn) -> tuple[str, str]:
    """(canonical 发文字号, the same number as a page writes it)."""
    agency = draw(_AGENCY)
    year = draw(hs.integers(1900, 2099))
    serial = draw(hs.integers(1, 99999))
    opening, closing = draw(hs.sampled_from(_BRACKETS))
    sp = hs.sampled_from(["", " ", "\u3000"])
    number = str(serial)
    if draw(hs.booleans()):  # full-width digits, folded by normalise_text
        number = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    written = (
        f"{agency}{draw(sp)}{opening}{draw(sp)}{year}{draw(sp)}{closing}{draw(sp)}"
        f"{draw(hs.sampled_from(['', '第']))}{number}{draw(sp)}号"
    )
    return f"{agency}〔{year}〕{serial}号", written


@fuzz(number=doc_numbers())
def test_a_doc_number_in_any_bracket_form_parses_back_to_its_parts(number: tuple[str, str]) -> None:
    canonical, written = number
    assert normalise_doc_number(normalise_text(written)) == canonical
    # one document id whichever form a page writes
    assert document_id(document_key(None, normalise_doc_number(normalise_text(written)), "")) == (
        document_id(document_key(None, canonical, ""))
    )


@fuzz(number=doc_numbers(), body=hs.lists(SENTENCE, min_size=1, max_size=4))
def test_a_documents_own_doc_number_is_read_verbatim(
    number: tuple[str, str], body: list[str]
) -> None:
    canonical, written = number
    text = "\n".join(["某某区教育局关于印发工作要点的通知", written, "各中小学:", *body])
    norm = normalise_text(text)
    metadata = extract_metadata(norm, find_body(text, norm))
    assert metadata.doc_number == re.sub(r"\s+", "", normalise_text(written))
    assert normalise_doc_number(metadata.doc_number) == canonical


@hs.composite
def index_numbers(draw: hs.DrawFn) -> str:
    """A 索引号 in one of the shapes portals use."""
    code = draw(hs.from_regex(r"[0-9A-Z]{4,12}", fullmatch=True))
    year = draw(hs.integers(1990, 2099))
    serial = draw(hs.from_regex(r"[0-9]{1,6}", fullmatch=True))
    return draw(
        hs.sampled_from(
            [f"{code}/{year}-{serial}", f"{code}-{year}-{serial}", f"K{code}-02-{year}-{serial}"]
        )
    )


@fuzz(
    index=index_numbers(), label=hs.sampled_from(["索引号:", "索 引 号:", "【索引号】", "索引号 "])
)
def test_a_labelled_index_number_is_read_back(index: str, label: str) -> None:
    text = f"{label}{index}\n关于开展活动的通知\n" + "各学校要推进教育优质均衡发展。" * 2
    norm = normalise_text(text)
    assert extract_metadata(norm, find_body(text, norm)).index_number == index


@fuzz(share=0.5, text=PAGE_TEXT)
def test_extract_metadata_reads_any_page_and_cites_it(text: str) -> None:
    norm = normalise_text(text)
    metadata = extract_metadata(norm, find_body(text, norm))
    for span in metadata.evidence.values():
        assert 0 <= span.start <= span.end <= len(text)
    for field in (
        "written_on",
        "published_on",
        "generated_on",
        "valid_until",
        "printed_on",
        "date",
    ):
        value = getattr(metadata, field)
        if value is not None:
            assert datetime.date.fromisoformat(value).isoformat() == value, (field, value)
    if metadata.doc_number:
        span = metadata.evidence["doc_number"]
        assert re.sub(r"\s+", "", norm[span.start : span.end]) == metadata.doc_number


@fuzz(
    line=hs.one_of(
        hs.sampled_from(FRAGMENTS),
        hs.lists(hs.sampled_from(FRAGMENTS + ["_", " - ", "|", "【要闻】"]), max_size=5).map(
            "".join
        ),
        hs.text(max_size=40),
    )
)
def test_title_bounds_cut_a_stripped_headline_out_of_its_line(line: str) -> None:
    start, end = title_bounds(line)
    assert 0 <= start <= end <= len(line)
    headline = line[start:end]
    assert headline == headline.strip()
    is_banner(line), is_byline(line)  # never raise


@fuzz(n=hs.integers(1, 99))
def test_a_chinese_section_number_reads_back(n: int) -> None:
    assert chinese_number(chinese_numeral(n)) == n


# Letters, combining marks, Hangul jamo, white space and quotes: what composes across a gap.
_KEY_PIECES = hs.text(
    hs.sampled_from("ea가\u1100\u1161\u0301\u0308\u3099 “”\"'\u3000\xa0Ａカ学"), max_size=12
)


@fuzz(text=hs.one_of(hs.text(max_size=30), _KEY_PIECES))
def test_a_normalised_key_has_no_white_space_and_makes_an_ascii_iri(text: str) -> None:
    key = normalise_key(text)
    assert not any(c.isspace() for c in key)
    assert entity_iri("school", text).value.isascii()


@fuzz(text=hs.one_of(hs.text(max_size=30), _KEY_PIECES))
def test_normalise_key_is_idempotent(text: str) -> None:
    key = normalise_key(text)
    assert normalise_key(key) == key
    assert entity_iri("school", text) == entity_iri("school", key)


@hs.composite
def interviews(draw: hs.DrawFn) -> str:
    """An interview transcript whose turns end in timestamps, some of no real date or time."""
    lines = ["钟楼区优质教育均衡 在线访谈"]
    for _ in range(draw(hs.integers(3, 6))):
        year = draw(hs.integers(1990, 2099))
        month, day = draw(hs.integers(0, 19)), draw(hs.integers(0, 39))
        hour, minute = draw(hs.integers(0, 29)), draw(hs.integers(0, 69))
        stamp = f"{year}-{month:02d}-{day:02d} {hour}:{minute:02d}:{draw(hs.integers(0, 69)):02d}"
        lines.append(f"{draw(SENTENCE)} {stamp}")
    return "\n".join(lines)


@fuzz(text=interviews())
def test_interview_turns_and_dates_are_real_dates_and_times(text: str) -> None:
    norm = normalise_text(text)
    body = find_body(text, norm)
    for turn in split_turns(text, body, norm):
        assert datetime.datetime.fromisoformat(turn.timestamp).isoformat() == turn.timestamp
    date = extract_metadata(norm, body).date
    assert date is None or datetime.date.fromisoformat(date).isoformat() == date
