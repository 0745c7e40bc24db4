"""The OWL vocabulary (ontology/edukg.ttl) against CONTRACT.md and its Python mirror."""

from __future__ import annotations

import functools

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from ontology import ONTOLOGY_DIR
from ontology.namespace import EKG_BASE, EKG_CLASSES, EKG_PROPERTIES, EKG_TERMS

EKG = rdflib.Namespace(EKG_BASE)
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
ONTOLOGY_IRI = rdflib.URIRef("https://w3id.org/edukg/ontology")


@functools.cache
def load_ontology() -> rdflib.Graph:
    """Return edukg.ttl, parsed once (the tests only read it)."""
    return rdflib.Graph().parse(ONTOLOGY_DIR / "edukg.ttl", format="turtle")


def defined_ekg_terms(graph: rdflib.Graph) -> set[str]:
    return {
        str(s)[len(EKG_BASE) :]
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, rdflib.URIRef) and str(s).startswith(EKG_BASE)
    }


@pytest.mark.parametrize("name", ["edukg.ttl", "shapes.ttl"])
def test_turtle_file_parses(name):
    assert len(rdflib.Graph().parse(ONTOLOGY_DIR / name, format="turtle")) > 100


def test_ekg_terms_in_turtle_equal_namespace_terms():
    defined = defined_ekg_terms(load_ontology())
    assert defined == set(EKG_TERMS), {
        "only in edukg.ttl": sorted(defined - set(EKG_TERMS)),
        "only in namespace.py": sorted(set(EKG_TERMS) - defined),
    }


@pytest.mark.parametrize("name", EKG_TERMS)
def test_term_has_zh_and_en_label_and_comments(name):
    graph = load_ontology()
    term = EKG[name]
    for predicate in (RDFS.label, RDFS.comment):
        languages = {o.language for o in graph.objects(term, predicate)}
        assert {"zh", "en"} <= languages, f"ekg:{name} lacks an {predicate} in zh or en"


@pytest.mark.parametrize("name", EKG_CLASSES)
def test_class_is_an_owl_class(name):
    assert (EKG[name], RDF.type, OWL.Class) in load_ontology()


@pytest.mark.parametrize("name", EKG_PROPERTIES)
def test_property_is_object_or_datatype_property(name):
    kinds = set(load_ontology().objects(EKG[name], RDF.type))
    assert len(kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}) == 1, kinds


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        ("GovernmentBody", "Organization"),
        ("EducationBureau", "GovernmentBody"),
        ("School", "Organization"),
        ("Campus", "School"),
        ("EducationGroup", "Organization"),
    ],
)
def test_contract_subclass_axiom(sub, sup):
    assert (EKG[sub], RDFS.subClassOf, EKG[sup]) in load_ontology()


@pytest.mark.parametrize(
    ("name", "aligned"),
    [
        ("Document", "http://purl.org/dc/terms/BibliographicResource"),
        ("Document", "http://www.w3.org/ns/prov#Entity"),
        ("Organization", "http://www.w3.org/ns/org#Organization"),
        ("GovernmentBody", "https://schema.org/GovernmentOrganization"),
        ("Program", "http://www.w3.org/ns/prov#Plan"),
        ("ProgramConcept", "http://www.w3.org/2004/02/skos/core#Concept"),
        ("Person", "https://schema.org/Person"),
        ("Mention", "http://www.w3.org/ns/prov#Entity"),
    ],
)
def test_class_is_aligned_as_contract_says(name, aligned):
    assert (EKG[name], RDFS.subClassOf, rdflib.URIRef(aligned)) in load_ontology()


@pytest.mark.parametrize(
    ("name", "domain", "range_"),
    [
        ("issuedBy", EKG.Document, EKG.Organization),
        ("cites", EKG.Document, EKG.Document),
        ("memberOf", EKG.School, EKG.EducationGroup),
        ("campusOf", EKG.Campus, EKG.School),
        ("statedIn", EKG.Target, EKG.Document),
        ("locatedIn", EKG.Organization, EKG.AdministrativeArea),
        ("start", EKG.Mention, XSD.integer),
    ],
)
def test_property_has_contract_domain_and_range(name, domain, range_):
    graph = load_ontology()
    assert (EKG[name], RDFS.domain, domain) in graph
    assert (EKG[name], RDFS.range, range_) in graph


def test_ontology_header_has_version_and_description():
    graph = load_ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert graph.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    languages = {
        o.language
        for o in graph.objects(ONTOLOGY_IRI, rdflib.URIRef("http://purl.org/dc/terms/description"))
    }
    assert {"zh", "en"} <= languages
