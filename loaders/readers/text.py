"""Plain-text reader: bytes → str with a detected (never assumed) encoding.

Detection order: a byte-order mark; strict UTF-8 (self-validating, so a success is reliable);
strict GB18030 and strict Big5, scored by how many decoded characters are common Chinese
characters (Big5 bytes also decode as GB18030 mojibake, so the score decides); finally
charset-normalizer for anything else. GB2312 and GBK are always decoded as GB18030, their
superset, so a rare character never fails a GBK-labelled file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

import opencc
from charset_normalizer import from_bytes

from loaders.documents import DocumentError

# The commonest Chinese characters (simplified); their traditional forms are added at first use.
# A correct decoding of Chinese prose has a high share of them; mojibake has few.
_COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
    "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
    "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北"
    "造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打"
    "白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今"
    "集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近"
    "矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写"
    "存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听"
    "该铁价严校园区镇街局厅委办推进优均衡课程师生"
)
_NOT_DOCUMENT_MIN_CJK = 10
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")  # hiragana and katakana letters
_SCRIPT_SAMPLE = 5000  # characters read to tell the script
_JAPANESE_MIN_KANA = 20
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz", "euc-cn", "euccn", "x-gbk"}
_ACCEPTED_GUESSES = {"big5", "big5hkscs", "cp950", "utf_16", "utf_32", "gb18030", "euc_jp"}
_SAMPLE = 20000


@dataclass(frozen=True)
class RawDocument:
    """What a reader hands on: the decoded text and how it was read.

    Attributes:
        text: the decoded text (HTML: the page's visible text, one block per line).
        encoding: the codec that decoded it, e.g. 'utf-8', 'gb18030', 'big5'.
        media_type: 'text/plain' or 'text/html'.
        meta: portal <meta> tags and <title> by name (HTML only), e.g. {'ArticleTitle': …}.
    """

    text: str
    encoding: str
    media_type: str
    meta: dict[str, str] = field(default_factory=dict)


def readable_name(path: Path) -> str:
    """Return a file's name as text: a name in bytes that are not UTF-8 (a GBK name from a
    Windows archive) is decoded as GB18030, else shown with replacement characters.

    >>> import os
    >>> readable_name(Path(os.fsdecode(b"\\xb2\\xe2\\xca\\xd4.txt")))
    '测试.txt'
    """
    raw = os.fsencode(path.name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def where(path: Path) -> str:
    """Return how an error names `path`: the path, and its readable name after it when the
    name's bytes are not UTF-8 (a terminal would show escapes only).

    >>> import os
    >>> where(Path("a/b.txt")), where(Path(os.fsdecode(b"a/\\xb2\\xe2.txt")))
    ('a/b.txt', 'a/\\udcb2\\udce2.txt (测.txt)')
    """
    name = readable_name(path)
    return str(path) if name == path.name else f"{path} ({name})"


def canonical_encoding(name: str) -> str:
    """Return the codec to decode a declared or guessed encoding with (GB family → gb18030).

    >>> canonical_encoding("GB2312")
    'gb18030'
    >>> canonical_encoding("UTF8")
    'utf-8'
    """
    lowered = name.strip().lower().replace("_", "-")
    if lowered in _GB_FAMILY or lowered.replace("-", "") in _GB_FAMILY:
        return "gb18030"
    if lowered in {"utf8", "utf-8"}:
        return "utf-8"
    return lowered


@lru_cache(maxsize=1)
def _common_pattern() -> re.Pattern[str]:
    traditional = opencc.OpenCC("s2t").convert(_COMMON_SIMPLIFIED)
    chars = "".join(sorted(set(_COMMON_SIMPLIFIED + traditional)))
    return re.compile("[" + re.escape(chars) + "]")


def chinese_score(text: str) -> float:
    """Return the share of common Chinese characters among the CJK characters of `text`.

    >>> chinese_score("教育工作要点") > 0.5
    True
    >>> chinese_score("abc")
    0.0
    """
    sample = text[:_SAMPLE]
    cjk = len(_CJK.findall(sample))
    if not cjk:
        return 0.0
    return len(_common_pattern().findall(sample)) / cjk


def _strict(data: bytes, encoding: str) -> str | UnicodeDecodeError:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        return err


def _check_binary(data: bytes, where: str) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DocumentError(f"{where}: binary file (NUL byte at byte {nul}), not a text document")
    sample = data[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise DocumentError(
            f"{where}: binary file ({controls} control bytes in the first {len(sample)}), "
            "not a text document"
        )


_C0_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """Return (text, codec) for UTF-16 Chinese text saved without a byte-order mark, else None.

    Such a file is refused as binary (its ASCII has NUL bytes) or, all CJK, read as mojibake
    by UTF-8. Accepted only when the strict decoding is mostly common Chinese characters with
    no control characters but line ends, and UTF-8 does not read it as Chinese already: GB18030
    and Big5 pairs land in Hangul and private use as UTF-16, never in the CJK block.
    """
    if len(data) % 2 or len(data) < 2 * _NOT_DOCUMENT_MIN_CJK:
        return None
    utf8 = _strict(data, "utf-8")
    if isinstance(utf8, str) and _CJK.search(utf8[:_SAMPLE]):
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _strict(data, encoding)
        if (
            isinstance(text, str)
            and len(_CJK.findall(text[:_SAMPLE])) >= _NOT_DOCUMENT_MIN_CJK
            and chinese_score(text) > 0.5
            and not _C0_BUT_LINES.search(text)
        ):
            return text, encoding
    return None


def _undecodable(data: bytes, errors: dict[str, UnicodeDecodeError], where: str) -> DocumentError:
    """Build the error for bytes no candidate decodes, naming the likeliest encoding."""
    labels = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}
    name, err = max(errors.items(), key=lambda item: item[1].start)
    kind = "truncated or invalid" if err.start >= len(data) - 4 else "invalid"
    return DocumentError(
        f"{where}: {kind} {labels.get(name, name)} byte sequence at byte {err.start} "
        f"(file has {len(data)} bytes); re-save the file as UTF-8"
    )


def decode_bytes(data: bytes, where: str) -> tuple[str, str]:
    """Return (text, encoding) for the bytes of a Chinese text document.

    Args:
        data: the raw bytes.
        where: the file name, for error messages.

    Returns:
        The decoded text (BOM removed) and the codec name used.

    Raises:
        DocumentError: empty, binary or undecodable input.

    >>> decode_bytes("教育局".encode("gb18030"), "x.txt")
    ('教育局', 'gb18030')
    >>> decode_bytes("\\ufeff教育".encode("utf-8"), "x.txt")
    ('教育', 'utf-8-sig')
    """
    if not data.strip():
        raise DocumentError(f"{where}: empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoded = _strict(data, encoding)
            if isinstance(decoded, str):
                return decoded.lstrip("\ufeff"), encoding
            raise DocumentError(
                f"{where}: {encoding} byte-order mark but invalid byte sequence at byte "
                f"{decoded.start}"
            )
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    _check_binary(data, where)
    errors: dict[str, UnicodeDecodeError] = {}
    decoded = _strict(data, "utf-8")
    if isinstance(decoded, str):
        return decoded, "utf-8"
    errors["utf-8"] = decoded
    # UTF-8 that only breaks in its last bytes is a truncated UTF-8 file, not another encoding.
    if decoded.start >= len(data) - 3 and chinese_score(data[: decoded.start].decode()) > 0.2:
        raise _undecodable(data, errors, where)
    candidates: list[tuple[float, str, str]] = []
    for encoding in ("gb18030", "big5"):
        result = _strict(data, encoding)
        if isinstance(result, str):
            candidates.append((chinese_score(result), encoding, result))
        else:
            errors[encoding] = result
    if candidates:
        score, encoding, text = max(candidates)
        return text, encoding
    gb_error = errors["gb18030"]
    if gb_error.start >= len(data) - 4:
        raise _undecodable(data, {"gb18030": gb_error}, where)
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding in _ACCEPTED_GUESSES:
        encoding = canonical_encoding(guess.encoding)
        result = _strict(data, encoding)
        if isinstance(result, str):
            return result, encoding
    raise _undecodable(data, errors, where)


def check_document_text(text: str, where: str) -> None:
    """Raise DocumentError unless `text` looks like a Chinese document.

    Raises:
        DocumentError: no or too few Chinese characters.

    >>> check_document_text("2020年全区教育工作要点,以习近平新时代中国特色社会主义思想为指导", "x")
    >>> check_document_text("本校は2020年度の教育計画を発表しました。" * 20, "x")
    Traceback (most recent call last):
    ...
    loaders.documents.DocumentError: x: not a Chinese document (Japanese text: 140 kana)
    >>> check_document_text("hello world", "x")
    Traceback (most recent call last):
    ...
    loaders.documents.DocumentError: x: not a Chinese document (no Chinese text)
    """
    # Counted up to the minimum only: the whole count is never needed.
    cjk = sum(1 for _ in islice(_CJK.finditer(text), _NOT_DOCUMENT_MIN_CJK))
    if cjk == 0:
        raise DocumentError(f"{where}: not a Chinese document (no Chinese text)")
    if cjk < _NOT_DOCUMENT_MIN_CJK:
        raise DocumentError(
            f"{where}: too short to be a document ({cjk} Chinese characters, "
            f"need at least {_NOT_DOCUMENT_MIN_CJK})"
        )
    # Japanese writes kanji between kana; Chinese writes no kana (a brand's の at most).
    head = text[:_SCRIPT_SAMPLE]
    kana = len(_KANA.findall(head))
    if kana >= _JAPANESE_MIN_KANA and kana * 10 >= len(_CJK.findall(head)):
        raise DocumentError(f"{where}: not a Chinese document (Japanese text: {kana} kana)")


def read_text(path: Path) -> RawDocument:
    """Return the decoded text of a plain-text file.

    Args:
        path: a .txt file.

    Returns:
        RawDocument with media type 'text/plain'; CR LF and CR line ends become LF.

    Raises:
        DocumentError: unreadable, empty, binary, undecodable, or not a document.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"{where(path)}: cannot read file ({err.strerror})") from err
    text, encoding = decode_bytes(data, where(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_document_text(text, where(path))
    return RawDocument(text=text, encoding=encoding, media_type="text/plain")
