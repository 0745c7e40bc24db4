"""Readers, one per file format: path → RawDocument (decoded text, encoding, media type, meta).

`READERS` is the extension point: a new format is one module plus one entry here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from loaders.documents import DocumentError
from loaders.readers.html import read_html
from loaders.readers.markup import read_plain_text
from loaders.readers.text import RawDocument, where

READERS: dict[str, Callable[[Path], RawDocument]] = {
    ".txt": read_plain_text,
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
            f"{where(path)}: unsupported file type '{path.suffix or '(none)'}'; supported: {supported}"
        )
    _check_file(path)
    return reader(path)


# Extraction holds a document's text, words and candidates in memory at once (about 300 bytes
# per byte of text): the largest real policy documents are under 2 MB, a 20 MB file took 6.8 GB.
MAX_DOCUMENT_MB_DEFAULT = 5.0
MAX_DOCUMENT_MB_VARIABLE = "EDUKG_MAX_DOCUMENT_MB"


def max_document_mb() -> float:
    """Return the largest file size read as a document, in MB (EDUKG_MAX_DOCUMENT_MB)."""
    raw = os.environ.get(MAX_DOCUMENT_MB_VARIABLE, "")
    try:
        return float(raw) if raw.strip() else MAX_DOCUMENT_MB_DEFAULT
    except ValueError:
        return MAX_DOCUMENT_MB_DEFAULT


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _check_file(path: Path) -> None:
    """Refuse what is no regular file, or is too large, before a reader opens it.

    A named pipe blocks its reader forever and a link to /dev/zero never ends: both stopped a
    whole ingest batch.
    """
    try:
        info = path.stat()
    except OSError:
        return  # the reader names the problem (missing file, no permission)
    for test, kind in _NOT_REGULAR:
        if test(info.st_mode):
            raise DocumentError(f"{where(path)}: {kind}, not a regular file; only files are read")
    size = info.st_size
    limit = max_document_mb()
    if size > limit * 1048576:
        raise DocumentError(
            f"{where(path)}: {size / 1048576:.1f} MB, larger than a document may be "
            f"({limit:g} MB; set {MAX_DOCUMENT_MB_VARIABLE} to change it)"
        )
