"""Text from documents and the store, shown as written: never read as Markdown or HTML.

st.markdown, st.caption, the alerts, headings, and the labels of metrics, expanders, tabs and
widgets all render Markdown (with Streamlit's own :colour[…] and $math$); st.markdown with
unsafe_allow_html renders HTML as well. A document holding `![](http://…)` would make every
reader's browser fetch that image, and `**`, `_`, `#` or `<b>` would change what the page
says. Every ASCII punctuation character is therefore written as a character reference, which
Markdown and HTML both show as the character itself and never read as syntax.
"""

from __future__ import annotations

import re
import string

_REFERENCES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_MARKDOWN = str.maketrans(_REFERENCES)
# In an HTML block a line break is a reference too: a blank line would end the block, and
# Markdown would read what follows (an indented line as code, `![](…)` as an image).
_HTML = str.maketrans(_REFERENCES | {ord("\n"): "&#10;", ord("\r"): "&#13;"})
# Markdown reads line structure (paragraphs, indented code); a label or heading has none.
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def md_literal(value: object) -> str:
    """Return `value` as Markdown that shows it as written, on one line.

    >>> md_literal("![](http://x.org/a.png) **粗** <b>b</b>")
    '&#33;&#91;&#93;&#40;http&#58;&#47;&#47;x&#46;org&#47;a&#46;png&#41; &#42;&#42;粗&#42;&#42; &#60;b&#62;b&#60;&#47;b&#62;'
    >>> md_literal("  一、\\n\\n    总体要求 ")
    '一、 总体要求'
    """
    return _ASCII_SPACE.sub(" ", str(value)).strip().translate(_MARKDOWN)


def html_block(value: object, style: str = "") -> str:
    """Return `value` as an HTML block for st.markdown(..., unsafe_allow_html=True).

    Markdown reads nothing inside a one-line HTML block, not even a URL: in Markdown text,
    escaped or not, GFM turns `http://…` into a link (it looks for them after references are
    decoded). The place for titles and headings, which may quote a web address.

    >>> html_block("见 http://x.org/a_b", "font-weight:600")
    "<div style='font-weight:600'>见 http&#58;&#47;&#47;x&#46;org&#47;a&#95;b</div>"
    """
    return f"<div style='{style}'>{html_literal(value)}</div>"


def html_literal(value: object) -> str:
    """Return `value` for an HTML block in st.markdown: shown as written, line breaks kept.

    The block must set `white-space: pre-wrap` for the breaks and spaces to show.

    >>> html_literal("<img src=x>\\n\\n_a_")
    '&#60;img src&#61;x&#62;&#10;&#10;&#95;a&#95;'
    """
    return str(value).translate(_HTML)
