"""Plain text that holds a web page's markup: a page saved or pasted as .txt, or a forum's
archive of a rich-text editor's HTML (<section style=…><p><span>…</span></p>). Read as text, the
tags glue the story's paragraphs into one line and put attribute soup between its words; read as
the page it is, the paragraphs come back one per line, as the HTML reader gives them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from loaders.readers.html import html_text
from loaders.readers.text import RawDocument, check_document_text, read_text, where

# An opening or closing tag of the elements a story's markup is made of.
_TAG = re.compile(
    r"</?(?:p|div|section|span|br|font|h[1-6]|table|tbody|tr|td|th|li|ul|ol|strong|b|em|img|a)"
    r"(?:\s[^<>]{0,2000})?/?>",
    re.IGNORECASE,
)
# Markup counts when the tags are many and take a good share of the text: a text that quotes a
# tag or two (an IT course's syllabus) stays plain text.
_MIN_TAGS = 5
_MIN_SHARE = 0.1


def holds_markup(text: str) -> bool:
    """Return True when `text` is mostly a web page's markup around its words.

    >>> holds_markup("<p>一、总体要求</p><p>二、主要任务</p><p>三、保障措施</p><br><br>")
    True
    >>> holds_markup("课程内容:HTML 的 <p> 与 <br> 标签。" + "教学要求。" * 40)
    False
    """
    tags = [m.end() - m.start() for m in _TAG.finditer(text)]
    return len(tags) >= _MIN_TAGS and sum(tags) >= _MIN_SHARE * len(text)


def markup_text(text: str) -> str:
    """Return the visible text of `text` read as a page; its own line breaks are kept (outside
    the markup they are the text's lines, which HTML would run together).

    >>> markup_text("标题\\n<p>第一段</p><p>第二段&nbsp;完</p>")
    '标题\\n第一段\\n第二段 完'
    """
    return html_text(LexborHTMLParser(text.replace("\n", "<br>")))


def read_plain_text(path: Path) -> RawDocument:
    """Return a .txt file's document: its text, or the page its markup makes (holds_markup)."""
    raw = read_text(path)
    if not holds_markup(raw.text):
        return raw
    text = markup_text(raw.text)
    check_document_text(text, where(path))
    return replace(raw, text=text)
