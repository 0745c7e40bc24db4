"""Build small PolicyDocuments from text written for the tests (no reader, no files)."""

from __future__ import annotations

from loaders.documents import DocumentMetadata, PolicyDocument, Span
from loaders.identifiers import document_id, document_key, short_hash
from loaders.normalise import normalise_text
from loaders.sections import split_sections


def make_doc(
    text: str, chain: tuple[str, ...] = (), year: int | None = None, structured: bool = False
) -> PolicyDocument:
    """Return a document whose whole text is body, with an optional jurisdiction chain and,
    when `structured`, its numbered sections as the reader finds them."""
    norm = normalise_text(text)
    body = (Span(0, len(text)),)
    meta = DocumentMetadata(
        jurisdiction=chain[-1] if chain else None, jurisdiction_chain=chain, year=year
    )
    key = document_key(None, None, norm)
    return PolicyDocument(
        source="test.txt",
        text=text,
        norm=norm,
        encoding="utf-8",
        media_type="text/plain",
        body=body,
        metadata=meta,
        sections=split_sections(text, body, norm) if structured else (),
        doc_id=document_id(key),
        content_hash=short_hash(norm, 64),
    )


def names_of(extraction, kind: str) -> set[str]:  # noqa: ANN001
    """Return every label and altLabel of the entities of `kind`."""
    out: set[str] = set()
    for e in extraction.entities:
        if e.kind == kind:
            out |= {e.label, *e.alt_labels}
    return out


def labels_of(extraction, kind: str) -> dict[str, set[str]]:  # noqa: ANN001
    """Return each entity of `kind`'s label → its altLabels."""
    return {e.label: set(e.alt_labels) for e in extraction.entities if e.kind == kind}


def relations_of(extraction) -> set[tuple[str, str, str]]:  # noqa: ANN001
    """Return (subject label, predicate, object label) triples."""
    labels = {e.key: e.label for e in extraction.entities}
    return {
        (labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object))
        for r in extraction.relations
    }
