"""Readers, one per file format: path → RawDocument (decoded text, encoding, media type, meta).

`READERS` is the extension point: a new format is one module plus one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.documents import DocumentError
from loaders.readers.html import read_html
from loaders.readers.text import RawDocument, read_text

READERS: dict[str, Callable[[Path], RawDocument]] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
}


def read_raw(path: Path) -> RawDocument:
    """Return the RawDocument of `path`, read by the reader registered for its extension.

    Raises:
        DocumentError: unsupported extension, or the reader's own errors.

    >>> read_raw(Path("x.pdf"))
    Traceback (most recent call last):
    ...
    loaders.documents.DocumentError: x.pdf: unsupported file type '.pdf'; supported: .htm, .html, .txt
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise DocumentError(
            f"{path}: unsupported file type '{path.suffix or '(none)'}'; supported: {supported}"
        )
    return reader(path)


__all__ = ["READERS", "RawDocument", "read_raw", "read_html", "read_text"]
