"""HTML reader for saved government portal pages: visible text, one block per line, plus <meta>.

Chinese government portals (the 政府网站发展指引 template) describe each article in <meta> tags
such as ArticleTitle, PubDate, ContentSource, SiteName and ColumnName; they are returned as
`RawDocument.meta` so metadata extraction can use them as extra evidence.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from loaders.documents import DocumentError
from loaders.readers.text import (
    RawDocument,
    canonical_encoding,
    check_document_text,
    chinese_score,
    decode_bytes,
    where,
)

# Elements whose content is never shown, or is annotation (<rt>, <rp>: a ruby's reading).
_HIDDEN = ["script", "style", "noscript", "template", "head", "iframe", "object", "svg", "rt", "rp"]
# Elements that start and end a line of visible text.
_BLOCKS = frozenset(
    "address article aside blockquote body br caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section summary table tbody thead tfoot tr ul option title".split()
)
# Table cells: a row stays one line, its cells joined by a tab, so that what a row says together
# (a group, its lead school, its members) is read together and a header names the columns.
_CELLS = frozenset(("td", "th"))
# Portal <meta> names worth keeping (compared case-insensitively).
PORTAL_META = (
    "ArticleTitle",
    "PubDate",
    "ContentSource",
    "SiteName",
    "SiteDomain",
    "SiteIDCode",
    "ColumnName",
    "ColumnDescription",
    "ColumnKeywords",
    "ColumnType",
    "Keywords",
    "Description",
    "Author",
    "Url",
)
_META_NAMES = {name.lower(): name for name in PORTAL_META}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_LINE_BREAKS = re.compile(r" *\n[ \n]*")
_CELL_GAPS = re.compile(r"[ ]*\t[\t ]*")
_EDGE_TABS = re.compile(r"^\t+|\t+$", re.MULTILINE)
_BREAK = "\n"
_CELL = "\t"


def declared_charset(data: bytes) -> str | None:
    """Return the charset a page declares in <meta charset> or http-equiv, if any.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    'gb2312'
    >>> declared_charset(b"<p>no meta</p>") is None
    True
    """
    match = _CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


# Codecs Python knows that are no character set a page can be written in: they fail every
# input ('undefined') or read backslashes and letters as escapes.
_NOT_CHARSETS = frozenset(
    {"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "utf-7"}
)


def _text_codec(declared: str) -> str | None:
    """Return the codec for a declared charset, or None when Python has no text codec by that
    name (rot13, base64 and the like transform bytes, they are no charset).

    >>> _text_codec("GB2312"), _text_codec("undefined"), _text_codec("base64"), _text_codec("x")
    ('gb18030', None, None, None)
    """
    encoding = canonical_encoding(declared)
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return encoding


def decode_html(data: bytes, where: str) -> tuple[str, str]:
    """Return (html, encoding): the declared charset when the bytes agree with it, else detected.

    Raises:
        DocumentError: empty, binary or undecodable bytes.
    """
    declared = declared_charset(data)
    encoding = _text_codec(declared) if declared else None
    if encoding:
        try:
            html = data.decode(encoding)
        except UnicodeError:  # UnicodeDecodeError, and codecs that fail otherwise (idna)
            html = None
        # A page saved by a browser often keeps a stale declaration: trust it only when the
        # result reads as Chinese (or has no Chinese at all to judge by).
        if html is not None and (chinese_score(html) > 0.2 or not re.search("[一-鿿]", html)):
            return html.lstrip("\ufeff"), encoding
    return decode_bytes(data, where)


def _visible_text(root: LexborNode) -> list[str]:
    """Return the text pieces and line breaks under `root`, in document order.

    An explicit stack, not recursion: a page nested thousands of elements deep (generated or
    broken markup, which the parser accepts) would exceed Python's recursion limit and stop a
    whole ingest batch.
    """
    out: list[str] = []
    # Items are nodes still to read, or a line break to write once a block's children are done.
    stack: list[LexborNode | str] = list(reversed(list(root.iter(include_text=True))))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        tag = item.tag
        if tag == "-text":
            out.append(_SPACES.sub(" ", item.text_content or ""))
        elif tag not in ("-comment", "-doctype"):
            if tag in _BLOCKS:
                out.append(_BREAK)
                stack.append(_BREAK)  # written after the block's children, which go on top
            elif tag in _CELLS:
                out.append(_CELL)
                stack.append(_CELL)
            stack.extend(reversed(list(item.iter(include_text=True))))
    return out


def html_text(tree: LexborHTMLParser) -> str:
    """Return the visible text of a parsed page, one block element per line, lines stripped.

    >>> html_text(LexborHTMLParser("<div>一<p>二</p>三<br>四</div><script>x()</script>"))
    '一\\n二\\n三\\n四'
    """
    tree.strip_tags(_HIDDEN)
    root = tree.body or tree.root
    if root is None:
        return ""
    text = "".join(_visible_text(root)).replace("\xa0", " ")
    text = _CELL_GAPS.sub("\t", _LINE_BREAKS.sub("\n", text))  # one tab between two cells
    return _EDGE_TABS.sub("", text).strip()


def page_meta(tree: LexborHTMLParser) -> dict[str, str]:
    """Return the portal <meta> tags (names as in PORTAL_META) and the page <title>.

    >>> page_meta(LexborHTMLParser('<meta name="articletitle" content=" 通知 "><title>T</title>'))
    {'ArticleTitle': '通知', 'title': 'T'}
    """
    meta: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = _META_NAMES.get((node.attributes.get("name") or "").strip().lower())
        content = (node.attributes.get("content") or "").strip()
        if name and content and name not in meta:
            meta[name] = _SPACES.sub(" ", content)
    title = tree.css_first("title")
    if title is not None and title.text().strip():
        meta["title"] = _SPACES.sub(" ", title.text()).strip()
    return meta


def read_html(path: Path) -> RawDocument:
    """Return the visible text and portal metadata of a saved web page.

    Args:
        path: an .html or .htm file.

    Returns:
        RawDocument with media type 'text/html' and `meta` from the page's <meta> tags.

    Raises:
        DocumentError: unreadable, empty, binary, undecodable, or no document text.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"{where(path)}: cannot read file ({err.strerror})") from err
    html, encoding = decode_html(data, where(path))
    tree = LexborHTMLParser(html)
    meta = page_meta(tree)
    text = html_text(tree)
    check_document_text(text, where(path))
    return RawDocument(text=text, encoding=encoding, media_type="text/html", meta=meta)
