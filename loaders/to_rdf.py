"""PolicyDocument → quads for the document itself: metadata, text and section tree.

Entities, mentions and relations are added by loaders.extract.rdf; both write into the
document's own named graph, graph_iri(doc_id).

Speed: a document gives thousands of triples, and a pyoxigraph Quad costs microseconds to
build, only to be serialised again when it is stored. So the pipeline writes each triple once,
as an N-Triples line (nt_iri, nt_literal), and parses lines back into quads (parse_lines) only
where a caller needs objects. Literals are escaped exactly as pyoxigraph writes them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from loaders.documents import PolicyDocument, Section
from loaders.gazetteer import Area, area_chain, area_iri, resolve_chain
from loaders.identifiers import (
    document_iri,
    entity_iri,
    graph_iri,
    section_iri_value,
)
from loaders.metadata import joint_issuers
from loaders.normalise import normalise_text
from ontology.namespace import DCT, EKG, RDF_TYPE, RDFS_LABEL, XSD_BASE

XSD_DATE = NamedNode(XSD_BASE + "date")
XSD_DATETIME = NamedNode(XSD_BASE + "dateTime")
XSD_INTEGER = NamedNode(XSD_BASE + "integer")


def _literal_escapes() -> dict[int, str]:
    # The characters pyoxigraph's N-Triples writer escapes: C0 controls, '"', '\', DEL and the
    # non-characters U+FFFE, U+FFFF (tests check every other code point is written as is).
    table = {}
    for code in (*range(0x80), 0xFFFE, 0xFFFF):
        written = str(Literal(chr(code)))[1:-1]
        if written != chr(code):
            table[code] = written
    return table


_ESCAPES = _literal_escapes()
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPES))) + "]")


def nt_iri(value: str) -> str:
    """Return the N-Triples form of an IRI, checked by pyoxigraph.

    >>> nt_iri("https://w3id.org/edukg/id/doc/abc")
    '<https://w3id.org/edukg/id/doc/abc>'
    """
    return str(NamedNode(value))


def nt_literal(value: str, suffix: str = "") -> str:
    """Return the N-Triples form of a literal; `suffix` is '', '@zh' or '^^<datatype IRI>'.

    The same text as str(pyoxigraph.Literal(...)).

    >>> nt_literal('他说"好"\\n', "@zh")
    '"他说\\\\"好\\\\"\\\\n"@zh'
    """
    if _NEEDS_ESCAPE.search(value):  # rare, and translate is slow on Chinese text
        value = _escaped(value)
    return f'"{value}"{suffix}'


def _escaped(value: str) -> str:
    r"""Return `value` with the characters of _ESCAPES escaped.

    A document's text has hundreds of line breaks: one str.replace per distinct character
    beats a regex callback per occurrence. The backslash goes first, so the backslashes the
    other escapes bring are not escaped again.

    >>> _escaped('a\\b"c\n') == 'a\\\\b\\"c\\n'
    True
    """
    found = set(_NEEDS_ESCAPE.findall(value))
    if "\\" in found:
        value = value.replace("\\", _ESCAPES[ord("\\")])
        found.discard("\\")
    for char in found:
        value = value.replace(char, _ESCAPES[ord(char)])
    return value


def parse_lines(lines: list[str] | tuple[str, ...], graph: NamedNode) -> list[Quad]:
    """Return the quads of N-Triples `lines` ('<s> <p> <o> .'), all in `graph`."""
    if not lines:
        return []
    tail = f" {graph} .\n"
    text = "".join(line[:-1] + tail for line in lines)
    return list(parse(text.encode("utf-8"), format=RdfFormat.N_QUADS))


_ZH = "@zh"
_INT = f"^^{XSD_INTEGER}"
_DATE = f"^^{XSD_DATE}"
_DATETIME = f"^^{XSD_DATETIME}"
_TYPE, _LABEL = str(RDF_TYPE), str(RDFS_LABEL)


def zh(text: str) -> Literal:
    """Return a Chinese-tagged literal."""
    return Literal(text, language="zh")


def integer(value: int) -> Literal:
    """Return an xsd:integer literal."""
    return Literal(str(value), datatype=XSD_INTEGER)


def date_literal(value: str) -> Literal:
    """Return an xsd:date literal from 'YYYY-MM-DD'."""
    return Literal(value, datatype=XSD_DATE)


def organization_iri(name: str) -> NamedNode:
    """Return the IRI of an organisation from its full (resolved) name."""
    return entity_iri("org", name)


def document_quads(
    doc: PolicyDocument, extractor: str, bodies: Mapping[str, str] | None = None
) -> list[Quad]:
    """Return the quads describing `doc` itself, all in its named graph (see document_lines)."""
    return parse_lines(document_lines(doc, extractor, bodies), graph_iri(doc.doc_id))


def document_lines(
    doc: PolicyDocument, extractor: str, bodies: Mapping[str, str] | None = None
) -> list[str]:
    """Return the N-Triples lines describing `doc` itself (metadata, text, section tree).

    Args:
        doc: the read document.
        extractor: the versioned extractor name recorded as provenance (e.g. 'rules.v1').
        bodies: the N-Triples IRI of each body the document's extraction found, by its names
            (normalised; loaders.extract.rdf.body_terms): an issuer found there is that body,
            one entity per real body, where it would otherwise get an IRI of its own.
    """
    d = str(document_iri(doc.doc_id))
    meta = doc.metadata
    out: list[str] = [
        f"{d} {_TYPE} {EKG.Document} .",
        f"{d} {DCT.source} {nt_literal(doc.source)} .",
        f"{d} {EKG.text} {nt_literal(doc.text)} .",
        f"{d} {EKG.encoding} {nt_literal(doc.encoding)} .",
        f"{d} {EKG.contentHash} {nt_literal(doc.content_hash)} .",
        f"{d} {EKG.extractor} {nt_literal(extractor)} .",
    ]
    if doc.body:
        out.append(f"{d} {EKG.start} {nt_literal(str(doc.body[0].start), _INT)} .")
        out.append(f"{d} {EKG.end} {nt_literal(str(doc.body[-1].end), _INT)} .")

    def add(predicate: NamedNode, value: str | None, suffix: str = "") -> None:
        if value:
            out.append(f"{d} {predicate} {nt_literal(value, suffix)} .")

    add(DCT.title, meta.title, _ZH)
    add(EKG.docType, meta.doc_type)
    add(DCT.issued, meta.date, _DATE)
    add(DCT.identifier, meta.doc_number)
    add(EKG.indexNumber, meta.index_number)
    add(EKG.writtenOn, meta.written_on, _DATE)
    add(EKG.publishedOn, meta.published_on, _DATE)
    add(EKG.printedOn, meta.printed_on, _DATE)
    add(EKG.validUntil, meta.valid_until, _DATE)
    add(EKG.coverageYear, str(meta.year) if meta.year else None, _INT)
    add(EKG.printedBy, meta.printed_by, _ZH)
    add(EKG.sitePublisher, meta.site_publisher, _ZH)
    add(EKG.siteOperator, meta.site_operator, _ZH)
    for body in meta.recipients:
        out.append(f"{d} {EKG.recipient} {nt_literal(body, _ZH)} .")
    for body in meta.copied_to:
        out.append(f"{d} {EKG.copiedTo} {nt_literal(body, _ZH)} .")

    issuer = meta.issuer_full or meta.issuer
    for body in joint_issuers(issuer) if issuer else ():
        name = normalise_text(body)
        found = (bodies or {}).get(name)
        if found is not None:
            out.append(f"{d} {EKG.issuedBy} {found} .")
            continue
        org = organization_iri(name)  # one body whichever script names it
        out += [
            f"{d} {EKG.issuedBy} {org} .",
            f"{org} {_TYPE} {EKG.Organization} .",
            f"{org} {_LABEL} {nt_literal(body, _ZH)} .",
        ]
    chain = resolve_chain(meta.jurisdiction_chain)
    if chain:
        out.append(f"{d} {EKG.jurisdiction} {area_iri(chain[-1])} .")
        out += area_lines(chain[-1])
    out += section_lines(doc)
    return out


def area_quads(area: Area, graph: NamedNode) -> list[Quad]:
    """Return an area's type, label, code and its partOf chain up to the province."""
    return parse_lines(area_lines(area), graph)


def area_lines(area: Area) -> list[str]:
    """Return the N-Triples lines of area_quads."""
    out: list[str] = []
    chain = (*area_chain(area.parent_code), area) if area.parent_code else (area,)
    for i, part in enumerate(chain):
        iri = area_iri(part)
        out += [
            f"{iri} {_TYPE} {EKG.AdministrativeArea} .",
            f"{iri} {_LABEL} {nt_literal(part.name, _ZH)} .",
        ]
        if part.admin_code:
            out.append(f"{iri} {EKG.adminCode} {nt_literal(part.admin_code)} .")
        if i > 0:
            out.append(f"{iri} {EKG.partOf} {area_iri(chain[i - 1])} .")
    return out


def section_quads(doc: PolicyDocument) -> list[Quad]:
    """Return the section tree: Document hasSection top sections, sections nest by hasSection."""
    return parse_lines(section_lines(doc), graph_iri(doc.doc_id))


# The section tree's predicates as N-Triples text, worked out once (a document has dozens of
# sections, and each EKG.term is a lookup and a NamedNode to format).
_HAS_SECTION, _SECTION_OF, _SECTION_NUMBER, _HEADING = (
    str(EKG[name]) for name in ("hasSection", "sectionOf", "sectionNumber", "heading")
)
_ORDER, _LEVEL, _START, _END, _KIND = (
    str(EKG[name]) for name in ("order", "level", "start", "end", "kind")
)
_TURN_ROLE, _TIMESTAMP, _SPEAKER = (str(EKG[name]) for name in ("turnRole", "timestamp", "speaker"))
_SECTION_TYPE = f"{_TYPE} {EKG.Section} ."


def section_lines(doc: PolicyDocument) -> list[str]:
    """Return the N-Triples lines of section_quads."""
    d = str(document_iri(doc.doc_id))
    out: list[str] = []

    def visit(section: Section, parent: str, order: int) -> None:
        s = f"<{section_iri_value(doc.doc_id, section.path)}>"
        label = (section.number + section.heading).strip() or section.path
        out.extend(
            (
                f"{parent} {_HAS_SECTION} {s} .",
                f"{s} {_SECTION_TYPE}",
                f"{s} {_SECTION_OF} {d} .",
                f"{s} {_LABEL} {nt_literal(label, _ZH)} .",
                f'{s} {_ORDER} "{order}"{_INT} .',
                f'{s} {_LEVEL} "{section.level}"{_INT} .',
                f'{s} {_START} "{section.start}"{_INT} .',
                f'{s} {_END} "{section.end}"{_INT} .',
                f"{s} {_KIND} {nt_literal(section.kind)} .",
            )
        )
        if section.number:
            out.append(f"{s} {_SECTION_NUMBER} {nt_literal(section.number, _ZH)} .")
        if section.heading:
            out.append(f"{s} {_HEADING} {nt_literal(section.heading, _ZH)} .")
        if section.kind in ("question", "answer"):
            out.append(f"{s} {_TURN_ROLE} {nt_literal(section.kind)} .")
        if section.timestamp:
            out.append(f"{s} {_TIMESTAMP} {nt_literal(section.timestamp, _DATETIME)} .")
        if section.speaker:
            out.append(f"{s} {_SPEAKER} {nt_literal(section.speaker, _ZH)} .")
        for i, child in enumerate(section.children, 1):
            visit(child, s, i)

    for i, section in enumerate(doc.sections, 1):
        visit(section, d, i)
    return out
