"""Inferred lineage: district programme implements the city's; a later year continues the earlier."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from graph_store import lineage
from graph_store.embedded import EmbeddedStore
from graph_store.lineage import update_lineage
from ontology.namespace import EKG, INFERRED_GRAPH, RDF_TYPE, RDFS_LABEL, XSD

ID = "https://w3id.org/edukg/id/"
CITY, DISTRICT = NamedNode(ID + "area/320400"), NamedNode(ID + "area/320404")
CONCEPT = NamedNode(ID + "concept/sanming")


def programme(store: EmbeddedStore, name: str, area: NamedNode, year: int) -> NamedNode:
    graph = NamedNode(f"{ID}graph/{name}")
    node = NamedNode(f"{ID}program/{name}")
    store.put_graph(
        graph,
        [
            Quad(node, RDF_TYPE, EKG.Program, graph),
            Quad(node, RDFS_LABEL, Literal("三名工程", language="zh"), graph),
            Quad(node, EKG.concept, CONCEPT, graph),
            Quad(node, EKG.jurisdiction, area, graph),
            Quad(node, EKG.year, Literal(str(year), datatype=XSD.integer), graph),
            Quad(DISTRICT, RDF_TYPE, EKG.AdministrativeArea, graph),
            Quad(DISTRICT, EKG.partOf, CITY, graph),
        ],
    )
    return node


def links(store: EmbeddedStore) -> set[tuple[str, str, str, str]]:
    rows = store.select("""
        SELECT ?s ?p ?o ?method WHERE { GRAPH ?g {
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ekg:method ?method .
          ?s ?p ?o } }""")
    return {
        (
            s.value.rsplit("/", 1)[-1],
            p.value.rsplit("#", 1)[-1],
            o.value.rsplit("/", 1)[-1],
            m.value,
        )
        for s, p, o, m in rows
    }


def test_lineage_links_district_to_city_and_year_to_year():
    store = EmbeddedStore(None)
    programme(store, "city2019", CITY, 2019)
    programme(store, "zl2019", DISTRICT, 2019)
    programme(store, "zl2020", DISTRICT, 2020)
    assert update_lineage(store) == 3
    assert links(store) == {
        ("zl2019", "implements", "city2019", "lineage.implements.v1"),
        ("zl2020", "implements", "city2019", "lineage.implements.v1"),
        ("zl2020", "continues", "zl2019", "lineage.continues.v1"),
    }


def test_lineage_is_rebuilt_without_deleted_documents():
    store = EmbeddedStore(None)
    programme(store, "city2019", CITY, 2019)
    programme(store, "zl2019", DISTRICT, 2019)
    update_lineage(store)
    count = store.count(INFERRED_GRAPH)
    update_lineage(store)
    assert store.count(INFERRED_GRAPH) == count  # idempotent
    store.drop_graph(NamedNode(ID + "graph/city2019"))
    assert update_lineage(store) == 0
    assert store.count(INFERRED_GRAPH) == 0


def test_no_link_to_a_later_city_programme():
    store = EmbeddedStore(None)
    programme(store, "city2021", CITY, 2021)
    programme(store, "zl2019", DISTRICT, 2019)
    assert update_lineage(store) == 0


def _as_one_query(store: EmbeddedStore) -> list:
    """program_records as it was read by _PROGRAMS alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lineage, "_program_rows", lambda s: s.select(lineage._PROGRAMS).rows)
        return lineage.program_records(store)


@pytest.mark.parametrize("ambiguous", [None, "year", "area name"])
def test_program_records_are_those_of_the_one_query(ambiguous):
    store = EmbeddedStore(None)
    programme(store, "city2019", CITY, 2019)
    programme(store, "zl2019", DISTRICT, 2019)
    programme(store, "zl2020", DISTRICT, 2020)
    graph = NamedNode(f"{ID}graph/names")
    names = [Quad(CITY, RDFS_LABEL, Literal("常州市", language="zh"), graph)]
    names.append(Quad(DISTRICT, RDFS_LABEL, Literal("钟楼区", language="zh"), graph))
    if ambiguous == "year":  # a second year: the row kept is the one _PROGRAMS gives first
        node = NamedNode(f"{ID}program/zl2019")
        names += [
            Quad(node, RDF_TYPE, EKG.Program, graph),
            Quad(node, EKG.concept, CONCEPT, graph),
            Quad(node, EKG.jurisdiction, DISTRICT, graph),
            Quad(node, EKG.year, Literal("2018", datatype=XSD.integer), graph),
        ]
    if ambiguous == "area name":
        names.append(Quad(DISTRICT, RDFS_LABEL, Literal("钟楼", language="zh"), graph))
    store.put_graph(graph, names)
    facts = store.select(lineage._PROGRAM_FACTS).rows
    assert (len({row[0] for row in facts}) < len(facts)) == (ambiguous == "year")
    assert set(lineage._program_rows(store)) == set(store.select(lineage._PROGRAMS).rows)
    records = lineage.program_records(store)
    assert records == _as_one_query(store)
    assert {r.jurisdiction_name for r in records} >= {"常州市"}
