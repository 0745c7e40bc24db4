"""Deterministic, ASCII-only IRIs for documents, sections and entities.

The same fact gives the same IRI on every run, machine and ingest order: IRIs are built from
stable keys (索引号, 发文字号, normalised text or name) hashed with SHA-256. Chinese never
appears raw in an IRI. See docs/decisions.md (2026-11-22, IRI patterns).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

from ontology.namespace import EKGID_BASE

# Entity kinds that get their own path segment under ekgid:
ENTITY_KINDS = frozenset(
    {
        "org",
        "school",
        "group",
        "program",
        "concept",
        "area",
        "person",
        "target",
        "mention",
        "doc",
        "inference",
    }
)
_QUOTES = "“”\"'‘’「」『』"
# White space and quotes go in one regex pass (str.translate looks up every character, which
# is slow on long Chinese texts such as a document's body).
_SPACE_OR_QUOTE = re.compile(rf"[\s{_QUOTES}]+")


def short_hash(text: str, length: int = 16) -> str:
    """Return the first `length` hex digits of the SHA-256 of `text` (UTF-8).

    >>> short_hash("泰海教〔2020〕28号")
    '54999e664c1686ec'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


# Pure and called with the same names over and over (every candidate, entity and citation).
@lru_cache(maxsize=16384)
def normalise_key(text: str) -> str:
    """Return the matching form of a name: NFKC, no white space, no quotes.

    Idempotent, so normalising twice equals normalising once.

    >>> normalise_key(" “3366” 工程 ")
    '3366工程'
    >>> normalise_key("（试行）")
    '(试行)'
    >>> normalise_key("A ́")  # a mark the removed space kept apart composes: Á, as a second pass gives
    'Á'
    """
    key = _SPACE_OR_QUOTE.sub("", unicodedata.normalize("NFKC", text))
    # Removing a space or quote can put a combining mark after a letter it composes with.
    if not unicodedata.is_normalized("NFKC", key):
        key = _SPACE_OR_QUOTE.sub("", unicodedata.normalize("NFKC", key))
    return key


def document_key(index_number: str | None, doc_number: str | None, content: str) -> str:
    """Return the stable key a document's IRI is built from.

    A 索引号 names one disclosed item; a 发文字号 names one official document; otherwise the
    normalised content itself is the identity.

    >>> document_key("014119491/2019-00001", None, "…")
    'index:014119491/2019-00001'
    >>> document_key(None, "泰海教〔2020〕28号", "…")
    'number:泰海教〔2020〕28号'
    >>> document_key(None, None, "abc").startswith("content:")
    True
    """
    if index_number:
        return "index:" + normalise_key(index_number)
    if doc_number:
        # 〔〕 are part of the number's form; NFKC keeps them, so both spellings stay distinct
        # only where the documents really differ.
        return "number:" + normalise_key(doc_number)
    return "content:" + short_hash(normalise_key(content), 32)


def document_id(key: str) -> str:
    """Return the short ASCII id of a document (the last segment of its IRI).

    >>> document_id("number:泰海教〔2020〕28号")
    'b4cc42d2c8984812'
    """
    return short_hash(key)


def document_iri(doc_id: str) -> NamedNode:
    """Return the IRI of a document, `ekgid:doc/<id>`."""
    return NamedNode(f"{EKGID_BASE}doc/{doc_id}")


def graph_iri(doc_id: str) -> NamedNode:
    """Return the named graph that holds one document's triples, `ekgid:graph/<id>`."""
    return NamedNode(f"{EKGID_BASE}graph/{doc_id}")


def section_iri(doc_id: str, path: str) -> NamedNode:
    """Return the IRI of a section, `ekgid:doc/<id>/sec/<path>` (path like '3.1.2').

    >>> section_iri("abc", "3.1").value
    'https://w3id.org/edukg/id/doc/abc/sec/3.1'
    """
    return NamedNode(section_iri_value(doc_id, path))


def section_iri_value(doc_id: str, path: str) -> str:
    """Return the string of section_iri(doc_id, path), without building a node.

    >>> section_iri_value("abc", "3.1") == section_iri("abc", "3.1").value
    True
    """
    return f"{EKGID_BASE}doc/{doc_id}/sec/{path}"


def entity_iri(kind: str, key: str) -> NamedNode:
    """Return the IRI of an entity of `kind` identified by the normalised `key`.

    >>> entity_iri("school", "温州市松涛桥小学").value.startswith("https://w3id.org/edukg/id/school/")
    True
    >>> entity_iri("school", "温州市松涛桥小学") == entity_iri("school", " 温州市松涛桥小学")
    True
    """
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {sorted(ENTITY_KINDS)}")
    return NamedNode(f"{EKGID_BASE}{kind}/{short_hash(kind + ':' + normalise_key(key))}")


def doc_id_from_iri(iri: str) -> str:
    """Return the document id at the end of a document or graph IRI.

    >>> doc_id_from_iri("https://w3id.org/edukg/id/graph/abc123")
    'abc123'
    """
    return iri.rstrip("/").rsplit("/", 1)[-1]
