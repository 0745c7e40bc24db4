"""read_document(path) → PolicyDocument: the first loader stage in one visible place."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from loaders.boilerplate import find_body
from loaders.documents import DocumentError, DocumentMetadata, PolicyDocument
from loaders.identifiers import document_id, document_key
from loaders.metadata import extract_metadata, normalise_doc_number
from loaders.normalise import normalise_text, written_characters
from loaders.readers import read_raw
from loaders.readers.glosses import strip_glosses
from loaders.readers.text import readable_name, where
from loaders.sections import split_sections


def display_name(path: Path) -> str:
    """Return a file's name as text: a name in bytes that are not UTF-8 (a GBK name from a
    Windows archive) is decoded as GB18030, else shown with replacement characters.

    >>> import os
    >>> display_name(Path(os.fsdecode(b"\\xb2\\xe2\\xca\\xd4.txt")))
    '测试.txt'
    """
    return readable_name(path)


# The metadata read as text the page shows (its title, bodies, 发文字号), not as areas or dates.
_WRITTEN_FIELDS = ("title", "issuer", "issuer_full", "doc_number", "printed_by")
_WRITTEN_LISTS = ("recipients", "copied_to")


def as_written(metadata: DocumentMetadata, script: dict[int, str]) -> DocumentMetadata:
    """Return `metadata` with its text fields in the characters the page writes (`script`,
    normalise.written_characters): they are read from the matching copy, which is simplified.
    The document's id was made from the matching copy's, so it stays one for both scripts."""
    if not script:
        return metadata
    changes: dict[str, object] = {
        name: value.translate(script)
        for name in _WRITTEN_FIELDS
        if (value := getattr(metadata, name)) is not None
    }
    changes.update(
        {
            name: tuple(v.translate(script) for v in getattr(metadata, name))
            for name in _WRITTEN_LISTS
        }
    )
    return replace(metadata, **changes)


def read_document(path: Path | str) -> PolicyDocument:
    """Return the document at `path`: decoded text, body, metadata, sections and stable id.

    Args:
        path: a file whose extension has a reader in loaders.readers.READERS.

    Returns:
        PolicyDocument. `doc_id` comes from the 索引号, else the 发文字号, else the normalised
        body text; `content_hash` is the SHA-256 of the normalised body text.

    Raises:
        DocumentError: the file cannot be read as a policy document (one line naming file and
            problem).
    """
    path = Path(path)
    raw = read_raw(path)
    # A site's pinyin glosses (學(xué)) are annotation: every stage reads the text without them.
    text, glosses = strip_glosses(raw.text)
    norm = normalise_text(text)
    body = find_body(text, norm)
    if not body:
        raise DocumentError(
            f"{where(path)}: no document text, only a site's navigation and notices"
        )
    metadata = extract_metadata(norm, body, raw.meta)
    sections = split_sections(text, body, norm)
    body_norm = "\n".join(norm[s.start : s.end] for s in body)
    # one document whichever brackets a page writes its 发文字号 in
    number = normalise_doc_number(metadata.doc_number) if metadata.doc_number else None
    key = document_key(metadata.index_number, number, body_norm)
    metadata = as_written(metadata, written_characters(text, norm))
    return PolicyDocument(
        source=display_name(path),
        text=text,
        norm=norm,
        encoding=raw.encoding,
        media_type=raw.media_type,
        body=body,
        metadata=metadata,
        sections=sections,
        doc_id=document_id(key),
        content_hash=hashlib.sha256(body_norm.encode("utf-8")).hexdigest(),
        glosses=glosses,
    )
