"""Readers and encoding detection (loaders/read.py, loaders/readers/) under generated input:
only DocumentError escapes, a decoding is the named codec's, supported encodings round-trip."""

from __future__ import annotations

import encodings.aliases
import re
import tempfile
from pathlib import Path

import opencc
from hypothesis import strategies as hs
from selectolax.lexbor import LexborHTMLParser

from loaders.documents import DocumentError
from loaders.read import read_document
from loaders.readers.html import decode_html, html_text
from loaders.readers.text import decode_bytes
from tests.fuzz.profile import fuzz
from tests.fuzz.strategies import DOCUMENT_TEXT, PROSE_CHARS, SENTENCE

_CODECS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "gb18030",
    "gbk",
    "big5",
]


@hs.composite
def hostile_bytes(draw: hs.DrawFn) -> bytes:
    """Bytes a reader may meet: noise, or a document encoded somehow and then damaged."""
    if draw(hs.booleans()):
        return draw(hs.binary(max_size=400))
    data = draw(DOCUMENT_TEXT).encode(draw(hs.sampled_from(_CODECS)), "replace")
    for _ in range(draw(hs.integers(0, 3))):
        at = draw(hs.integers(0, len(data)))
        damage = draw(
            hs.one_of(
                hs.binary(max_size=4),
                hs.sampled_from(
                    [b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\x1b[0m", b"\x89PNG", b"\xa1"]
                ),
            )
        )
        cut = draw(hs.integers(0, 3))  # bytes dropped at that point (a truncated character)
        data = data[:at] + damage + data[at + cut :]
    return data


@fuzz(data=hostile_bytes())
def test_decode_bytes_gives_the_named_codecs_strict_decoding_or_a_document_error(
    data: bytes,
) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except DocumentError as err:
        assert str(err).startswith("x.txt: ") and "\n" not in str(err)
        return
    assert text == data.decode(encoding).lstrip("\ufeff")


def _big5_safe(text: str) -> str:
    """Return the traditional form of `text`, kept only where Big5 can write it."""
    traditional = opencc.OpenCC("s2t").convert(text)
    return "".join(c for c in traditional if c.encode("big5", "ignore"))


@fuzz(
    sentences=hs.lists(SENTENCE, min_size=1, max_size=6),
    codec=hs.sampled_from(_CODECS),
)
def test_chinese_prose_round_trips_through_every_supported_encoding(
    sentences: list[str], codec: str
) -> None:
    text = "\n".join(sentences)
    if codec == "big5":
        text = _big5_safe(text)
    data = text.encode(codec)
    decoded, _ = decode_bytes(data, "x.txt")
    assert decoded == text


# Every codec name Python knows, and names a page may declare that are no codec at all.
_CHARSETS = sorted({*encodings.aliases.aliases, *encodings.aliases.aliases.values()})
_ODD_CHARSETS = ["undefined", "unicode-escape", "raw_unicode_escape", "rot13", "idna"]
_ODD_CHARSETS += ["punycode", "utf-7", "base64", "x-user-defined", "utf-16", "utf-32"]


@fuzz(
    charset=hs.one_of(
        hs.sampled_from(_ODD_CHARSETS),
        hs.sampled_from(_CHARSETS),
        hs.from_regex(r"[A-Za-z0-9_\-]{1,12}", fullmatch=True),
    ),
    body=hs.one_of(hs.binary(max_size=200), DOCUMENT_TEXT.map(lambda t: t.encode("gb18030"))),
)
def test_a_declared_charset_never_escapes_as_another_error(charset: str, body: bytes) -> None:
    page = b'<html><head><meta charset="' + charset.encode() + b'"></head><body>' + body
    try:
        html, encoding = decode_html(page, "x.html")
    except DocumentError:
        return
    assert isinstance(html, str) and encoding


_TAGS = ["div", "p", "span", "td", "li", "section", "b", "font", "table", "ul", "center", "a"]


@fuzz(
    tags=hs.lists(hs.sampled_from(_TAGS), max_size=3000),
    words=hs.lists(
        hs.sampled_from(["教育局", "通知", " ", "\u3000", "\xa0", "一、目标"]), max_size=8
    ),
    closed=hs.booleans(),
)
def test_html_text_reads_any_nesting_without_recursion_and_hides_scripts(
    tags: list[str], words: list[str], closed: bool
) -> None:
    inner = "".join(words) + "<script>SECRET()</script><style>.SECRET{}</style>"
    html = "".join(f"<{t}>" for t in tags) + inner
    if closed:
        html += "".join(f"</{t}>" for t in reversed(tags))
    text = html_text(LexborHTMLParser(html))
    assert "SECRET" not in text
    assert all(line == line.strip(" ") and line for line in text.split("\n")) or text == ""
    # every word's visible characters survive, in order
    expected = re.sub(r"[ \u3000\xa0]+", "", "".join(words))
    assert re.sub(r"\s+", "", text) == expected


@hs.composite
def files(draw: hs.DrawFn) -> tuple[str, bytes]:
    suffix = draw(hs.sampled_from([".txt", ".html", ".htm", ".TXT"]))
    if suffix in (".html", ".htm") and draw(hs.booleans()):
        head = draw(hs.sampled_from(["", '<meta charset="gb2312">', '<meta charset="utf-8">']))
        body = draw(DOCUMENT_TEXT).replace("\n", "<br>")
        data = f"<html><head>{head}<title>T</title></head><body>{body}</body></html>"
        return suffix, data.encode(draw(hs.sampled_from(["utf-8", "gb18030"])))
    return suffix, draw(hostile_bytes())


@fuzz(share=0.5, file=files())
def test_read_document_raises_only_document_errors_and_cites_its_own_text(
    file: tuple[str, bytes],
) -> None:
    suffix, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            document = read_document(path)
        except DocumentError as err:
            message = str(err)
            assert str(path) in message and "\n" not in message
            return
    text = document.text
    assert len(document.norm) == len(text)
    assert re.fullmatch(r"[0-9a-f]{16}", document.doc_id)
    assert document.body and all(0 <= s.start < s.end <= len(text) for s in document.body)
    for span in document.metadata.evidence.values():
        assert 0 <= span.start <= span.end <= len(text)
    for section in document.all_sections():
        assert 0 <= section.start <= section.end <= len(text)
    for field in ("written_on", "published_on", "generated_on", "date"):
        value = getattr(document.metadata, field)
        assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)


def test_the_prose_alphabet_reads_as_chinese() -> None:
    """The generators above rely on it: prose of PROSE_CHARS is decoded, not refused."""
    text = PROSE_CHARS * 2
    assert decode_bytes(text.encode("gb18030"), "x")[0] == text
