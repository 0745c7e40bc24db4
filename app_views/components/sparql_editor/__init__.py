"""The SPARQL page's editor: a CodeMirror 6 custom component that sends its text only on Run.

The front end is `dist/` (built from `frontend/` by `frontend/build.sh`, committed, served by
Streamlit from disk: nothing is fetched at run time). See README.md in this folder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import streamlit.components.v1 as components

from graph_store.app_queries import CLASS_NAMES_ZH
from graph_store.completion import EntityLabel
from ontology.namespace import PREFIXES, split_prefixed

DIST = Path(__file__).parent / "dist"
ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology" / "edukg.ttl"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
KINDS = {
    OWL + "Class": "class",
    RDFS + "Class": "class",
    OWL + "ObjectProperty": "property",
    OWL + "DatatypeProperty": "property",
    OWL + "AnnotationProperty": "property",
    RDF + "Property": "property",
}
# Terms of the standard vocabularies that nearly every query of this graph uses.
COMMON_TERMS = (
    ("rdf:type", "property", "类型", "type"),
    ("rdfs:label", "property", "标签", "label"),
    ("rdfs:comment", "property", "说明", "comment"),
    ("rdfs:subClassOf", "property", "子类", "subclass of"),
    ("skos:prefLabel", "property", "首选标签", "preferred label"),
    ("skos:altLabel", "property", "别名", "alternative label"),
    ("owl:sameAs", "property", "等同", "same as"),
    ("dct:title", "property", "标题", "title"),
    ("dct:issued", "property", "发布日期", "issued"),
    ("prov:wasDerivedFrom", "property", "来源", "was derived from"),
)

_component = components.declare_component("edukg_sparql_editor", path=str(DIST))


@dataclass(frozen=True)
class OntologyTerm:
    """A class or property the editor completes: its prefixed name and its labels."""

    prefixed: str
    local: str
    kind: str
    iri: str
    zh: str
    en: str


def prefixed_name(iri: str) -> str | None:
    """Return `iri` as prefix:local with the project prefixes, or None when none fits or the
    local part is not one SPARQL accepts unescaped (completion inserts it as typed).

    >>> prefixed_name("https://w3id.org/edukg/ontology#memberOf")
    'ekg:memberOf'
    >>> prefixed_name("http://example.org/x") is None
    True
    """
    split = split_prefixed(iri)
    if split is None or not all(c.isalnum() or c in "_-" for c in split[1]):
        return None
    return f"{split[0]}:{split[1]}"


@lru_cache(maxsize=4)
def ontology_terms(path: Path = ONTOLOGY) -> tuple[OntologyTerm, ...]:
    """Return the classes and properties that `path` declares, with their zh/en labels, and
    the common standard terms (rdfs:label, dct:title …), sorted by prefixed name."""
    labels: dict[tuple[str, str], str] = {}
    kinds: dict[str, str] = {}
    for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if not isinstance(subject, ox.NamedNode):
            continue
        if predicate == RDF + "type" and obj.value in KINDS:
            kinds.setdefault(subject.value, KINDS[obj.value])
        elif predicate == RDFS + "label" and isinstance(obj, ox.Literal) and obj.language:
            labels.setdefault((subject.value, obj.language), obj.value)
    terms = {}
    for iri, kind in kinds.items():
        name = prefixed_name(iri)
        if name:
            terms[name] = OntologyTerm(
                name,
                name.split(":", 1)[1],
                kind,
                iri,
                labels.get((iri, "zh"), ""),
                labels.get((iri, "en"), ""),
            )
    for name, kind, zh, en in COMMON_TERMS:
        prefix, local = name.split(":", 1)
        terms.setdefault(name, OntologyTerm(name, local, kind, PREFIXES[prefix] + local, zh, en))
    return tuple(sorted(terms.values(), key=lambda t: t.prefixed))


def iri_term(iri: str) -> str:
    """Return `iri` as SPARQL writes it: prefixed when a project prefix fits, else <…>.

    >>> iri_term("https://w3id.org/edukg/ontology#School")
    'ekg:School'
    >>> iri_term("https://w3id.org/edukg/id/school/xicangqiao")
    '<https://w3id.org/edukg/id/school/xicangqiao>'
    """
    return prefixed_name(iri) or str(ox.NamedNode(iri))


def entity_option(entity: EntityLabel) -> dict[str, str]:
    """Return what the editor needs to offer `entity`: its label, class and place to show, and
    the IRI and the label literal to insert."""
    return {
        "iri": entity.iri,
        "label": entity.label,
        "kind": f"{CLASS_NAMES_ZH.get(entity.cls, '')} {entity.cls}".strip(),
        "where": entity.where,
        "term": iri_term(entity.iri),
        "literal": entity.literal,
    }


def sparql_editor(
    text: str,
    token: str,
    initial: bool,
    error: dict | None = None,
    entities: dict | None = None,
    entity_generation: str = "",
    key: str = "sparql_editor",
) -> dict | None:
    """Draw the editor and return what it last sent: a Run {"text", "nonce"}, an entity lookup
    {"lookup", "nonce"}, or None.

    Args:
        text: the text to put in the editor, applied once per `token`.
        token: names this text; a new token makes the editor show `text` (a form, a shared
            link or the history put it there).
        initial: the session's first text: shown only when the browser holds no saved tabs,
            so a reload keeps the reader's tabs.
        error: the last run's syntax error, {"query", "line", "column", "message"}, marked in
            the editor while its text is unchanged.
        entities: the answer to the editor's last entity lookup, {"fragment", "nonce",
            "options"} (options from `entity_option`), or None.
        entity_generation: names the store state the answers hold for; when it changes the
            editor forgets the answers it keeps.
        key: the component's widget key.

    Returns:
        The editor's last message (a new `nonce` each time), or None before any.
    """
    return _component(
        text=text,
        token=token,
        initial=initial,
        error=error,
        prefixes=PREFIXES,
        terms=[asdict(t) for t in ontology_terms()],
        entities=entities,
        entity_generation=entity_generation,
        key=key,
        default=None,
    )
