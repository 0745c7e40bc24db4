"""Closed Python mirrors of the Turtle vocabulary, so a typo raises instead of minting an IRI.

`EKG.School` is a `pyoxigraph.NamedNode`; `EKG.Shcool` raises `AttributeError`.
`tests/ontology` checks that `EKG_TERMS` and the terms defined in `edukg.ttl` are the same set.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode

EKG_BASE = "https://w3id.org/edukg/ontology#"
EKGID_BASE = "https://w3id.org/edukg/id/"


class ClosedNamespace:
    """A namespace that only knows the local names it was given.

    >>> ns = ClosedNamespace("http://example.org/#", ["a"])
    >>> ns.a.value
    'http://example.org/#a'
    >>> ns.b
    Traceback (most recent call last):
    AttributeError: 'b' is not a term of http://example.org/#
    """

    def __init__(self, base: str, names: Iterable[str]) -> None:
        self._base = base
        self._terms = {name: NamedNode(base + name) for name in names}

    def __getattr__(self, name: str) -> NamedNode:
        try:
            return self.__dict__["_terms"][name]
        except KeyError:
            raise AttributeError(f"{name!r} is not a term of {self.__dict__['_base']}") from None

    def __getitem__(self, name: str) -> NamedNode:
        return self.__getattr__(name)

    def __contains__(self, name: object) -> bool:
        return name in self._terms

    @property
    def base(self) -> str:
        return self._base

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._terms)


EKG_CLASSES = (
    "Document",
    "Section",
    "Organization",
    "GovernmentBody",
    "EducationBureau",
    "School",
    "Campus",
    "EducationGroup",
    "SchoolDistrict",
    "Program",
    "ProgramConcept",
    "AdministrativeArea",
    "Person",
    "Target",
    "Mention",
)
EKG_PROPERTIES = (
    "indexNumber",
    "issuedBy",
    "jurisdiction",
    "docType",
    "cites",
    "hasSection",
    "sectionOf",
    "mentions",
    "memberOf",
    "campusOf",
    "leads",
    "participatesIn",
    "partOf",
    "concept",
    "implements",
    "continues",
    "locatedIn",
    "affiliatedWith",
    "role",
    "adminCode",
    "indicator",
    "unit",
    "year",
    "statedIn",
    "inDocument",
    "inSection",
    "refersTo",
    "quote",
    "start",
    "end",
    # Beyond CONTRACT.md (documented in edukg.ttl): document text and structure, provenance detail.
    "text",
    "sectionNumber",
    "heading",
    "order",
    "level",
    "turnRole",
    "speaker",
    "timestamp",
    "recipient",
    "copiedTo",
    "printedBy",
    "printedOn",
    "writtenOn",
    "inDistrict",
    "publishedOn",
    "validUntil",
    "coverageYear",
    "sitePublisher",
    "siteOperator",
    "encoding",
    "contentHash",
    "method",
    "confidence",
    "extractor",
    "schoolLevel",
    "surfaceForm",
    "kind",
    # The statistics graph (graph_store/statistics.py): each graph's contribution to the aggregates.
    "statsOf",
    "statKind",
    "quadCount",
    "statArea",
    "statIndicator",
    "statUnit",
    "statYear",
    "statTotal",
    "statCount",
    "statLoaded",
)
EKG_TERMS = EKG_CLASSES + EKG_PROPERTIES

EKG = ClosedNamespace(EKG_BASE, EKG_TERMS)

RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_VALUE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#value")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = ClosedNamespace(
    "http://www.w3.org/2004/02/skos/core#",
    [
        "prefLabel",
        "altLabel",
        "Concept",
        "ConceptScheme",
        "inScheme",
        "broader",
        "narrower",
        "definition",
        "hasTopConcept",
        "topConceptOf",
        "note",
    ],
)
DCT = ClosedNamespace(
    "http://purl.org/dc/terms/",
    [
        "title",
        "issued",
        "identifier",
        "source",
        "created",
        "modified",
        "valid",
        "type",
        "publisher",
        "subject",
        "description",
        "language",
    ],
)
PROV = ClosedNamespace(
    "http://www.w3.org/ns/prov#", ["wasDerivedFrom", "wasGeneratedBy", "Entity", "Plan"]
)
# owl:sameAs links two IRIs of one school or group in the inferred graph (graph_store/aliases.py).
OWL = ClosedNamespace("http://www.w3.org/2002/07/owl#", ["sameAs"])
XSD_BASE = "http://www.w3.org/2001/XMLSchema#"
XSD = ClosedNamespace(XSD_BASE, ["date", "dateTime", "decimal", "integer", "string", "gYear"])

PREFIXES: dict[str, str] = {
    "ekg": EKG_BASE,
    "ekgid": EKGID_BASE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD_BASE,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}
# Longest namespace first: ekgid: (…/edukg/id/) before a shorter namespace it begins with.
_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def split_prefixed(iri: str) -> tuple[str, str] | None:
    """Return (prefix, local part) for the longest project namespace `iri` is in, or None.

    >>> split_prefixed("https://w3id.org/edukg/ontology#memberOf")
    ('ekg', 'memberOf')
    >>> split_prefixed("http://example.org/x") is None
    True
    """
    for name, base in _LONGEST_FIRST:
        if iri.startswith(base) and len(iri) > len(base):
            return name, iri[len(base) :]
    return None


# Named graphs that are not one document's: the vocabulary, the concept scheme, inferred links.
ONTOLOGY_GRAPH = NamedNode(EKGID_BASE + "graph/ontology")
PROGRAMS_GRAPH = NamedNode(EKGID_BASE + "graph/programs")
INFERRED_GRAPH = NamedNode(EKGID_BASE + "graph/inferred")
# Each graph's contribution to the aggregates (graph_store/statistics.py); not a document.
STATS_GRAPH = NamedNode(EKGID_BASE + "graph/stats")
