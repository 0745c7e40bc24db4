"""The document model every loader stage passes along: PolicyDocument, Section, DocumentMetadata.

Offsets everywhere are character offsets into `PolicyDocument.text`, the decoded original
(for HTML, the page's visible text). `PolicyDocument.norm` is a same-length copy for matching:
simplified characters, half-width forms. So a match found in `norm` cites `text` exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


class DocumentError(ValueError):
    """A file that cannot be read as a policy document; the message names the file and problem."""


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of `PolicyDocument.text`."""

    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A numbered part of a document (一、/(一)/1./(1)) or one interview turn.

    Attributes:
        path: dotted position in the tree, '3', '3.1', '3.1.2' (interview turns: 't1', 't2' …).
        number: the numbering as written, e.g. '三、', '(一)', '1.'; '' for turns.
        level: 1 for 一、, 2 for (一), 3 for 1., 4 for (1); 1 for turns.
        heading: the heading text without its number ('' when the section has none).
        start, end: the whole section's span in `text`, number to the last character before the
            next sibling or ancestor, so children lie inside their parent.
        kind: 'section', 'question' or 'answer'.
        timestamp: ISO 'YYYY-MM-DDTHH:MM:SS' for an interview turn, else None.
        speaker: the speaker's name when the turn names one, else None.
        children: nested sections in document order.
    """

    path: str
    number: str
    level: int
    heading: str
    start: int
    end: int
    kind: str = "section"
    timestamp: str | None = None
    speaker: str | None = None
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """Yield this section and every descendant, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class DocumentMetadata:
    """The document's own metadata (GB/T 9704-2012 elements and disclosure-catalogue fields).

    Names are kept as written (`issuer`) and, where the document makes it clear, resolved to the
    full name of the body (`issuer_full`, e.g. 教文局 → 钟楼区教育文体局). Dates are ISO strings.
    """

    title: str | None = None
    doc_type: str | None = None  # work_plan, implementation_plan, notice, interview, plan, news …
    issuer: str | None = None  # 发布机构 / 发文机关署名 / 来源, as written
    issuer_full: str | None = None  # resolved full name of the issuing body
    written_on: str | None = None  # 成文日期 (the signature date)
    published_on: str | None = None  # 发布日期 / 公开日期
    generated_on: str | None = None  # 生成日期 / 产生日期
    valid_until: str | None = None  # 废止日期 when it is a date; 有效 gives None
    date: str | None = None  # the document's date: 发布 > 产生/生成 > 成文 > interview date
    doc_number: str | None = None  # 发文字号, e.g. 泰海教〔2020〕28号
    index_number: str | None = None  # 索引号, e.g. 014119491/2019-00001
    recipients: tuple[str, ...] = ()  # 主送机关
    copied_to: tuple[str, ...] = ()  # 抄送机关
    printed_by: str | None = None  # 印发机关
    printed_on: str | None = None  # 印发日期
    jurisdiction: str | None = None  # the issuer's area, e.g. 钟楼区
    jurisdiction_chain: tuple[str, ...] = ()  # from the top: ('江苏省', '常州市', '钟楼区')
    year: int | None = None  # the year the plan covers
    site_publisher: str | None = None  # 主办单位 of the portal the page came from
    site_operator: str | None = None  # 承办单位
    site_owner: str | None = None  # 版权所有: the body that owns the portal
    category: str | None = None  # 组配分类 / 主题分类 as given
    # Where each field was read: field name → span of the value in `text`.
    evidence: dict[str, Span] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class PolicyDocument:
    """One document, read and structured, before entity extraction.

    Attributes:
        source: the file's base name (dct:source).
        text: the decoded original text (HTML: its visible text), less the pinyin glosses some
            sites print after characters (loaders.readers.glosses); unchanged otherwise.
        norm: same length as `text`; simplified, NFKC-folded per character, for matching.
        encoding: the detected encoding ('utf-8', 'gb18030', 'big5' …).
        media_type: 'text/plain' or 'text/html'.
        body: spans of `text` that are the document's content (portal boilerplate left out).
        metadata: DocumentMetadata.
        sections: the top-level sections (each with its children).
        doc_id: the stable id the document's IRIs are built from (see identifiers.document_key).
        content_hash: the SHA-256 of the normalised body text.
        glosses: (offset in `text`, gloss) of each gloss taken out of it, in order.
    """

    source: str
    text: str
    norm: str
    encoding: str
    media_type: str
    body: tuple[Span, ...]
    metadata: DocumentMetadata
    sections: tuple[Section, ...]
    doc_id: str
    content_hash: str
    glosses: tuple[tuple[int, str], ...] = ()

    def all_sections(self) -> Iterator[Section]:
        """Yield every section, depth first, in document order."""
        for section in self.sections:
            yield from section.walk()

    def body_text(self) -> str:
        """Return the content text (boilerplate removed), spans joined by newlines."""
        return "\n".join(self.text[s.start : s.end] for s in self.body)
