"""Exports: every RDF format re-imports to the same graph (checked by rdflib), networks carry
labels and classes, neighbourhoods and query results export, on both backends."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from cli import main
from graph_store.export import (
    ExportError,
    Selection,
    export_selection,
    neighbourhood,
)
from graph_store.named_queries import find_query
from graph_store.protocol import RDF_EXPORT_FORMATS
from tests.store_fixtures import tiny_quads

EKGID = "https://w3id.org/edukg/id/"
SANMING = EKGID + "program/hl-sanming"
RDFLIB_FORMATS = {
    "ttl": "turtle",
    "trig": "trig",
    "nt": "nt",
    "nq": "nquads",
    "jsonld": "json-ld",
    "rdfxml": "xml",
}
# rdflib's own parsers use its deprecated ConjunctiveGraph internally.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CONSTRUCT_PROGRAMS = """# title: 项目图 / Programme graph
# description: Programmes with their labels and the areas they belong to.
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?program a ekg:Program ; rdfs:label ?name ; ekg:jurisdiction ?area .
            ?area a ekg:AdministrativeArea ; rdfs:label ?area_name }
WHERE { ?program a ekg:Program ; rdfs:label ?name ; ekg:jurisdiction ?area .
        ?area rdfs:label ?area_name }
"""


def rdflib_graph(triples) -> rdflib.Graph:
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b""
    return rdflib.Graph().parse(data=data, format="nt")


def rdflib_quads(data: bytes, fmt: str) -> set[tuple]:
    dataset = rdflib.Dataset()
    dataset.parse(data=data, format=RDFLIB_FORMATS[fmt])
    out = set()
    for s, p, o, g in dataset.quads():
        name = g.identifier if hasattr(g, "identifier") else g
        if name == rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
            name = None
        out.add((s, p, o, name))
    return out


def expected_triples(selection_name: str, store):
    if selection_name == "whole":
        return [ox.Triple(q.subject, q.predicate, q.object) for q in tiny_quads()]
    if selection_name == "document":
        graph = ox.NamedNode(EKGID + "graph/tinydoc2")
        return [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in tiny_quads()
            if q.graph_name == graph
        ]
    return neighbourhood(store, SANMING, 2)


SELECTIONS = {
    "whole": Selection(),
    "document": Selection(document="tinydoc2"),
    "neighbourhood": Selection(neighbourhood=SANMING, depth=2),
}


@pytest.mark.parametrize("selection_name", sorted(SELECTIONS))
@pytest.mark.parametrize("fmt", sorted(RDF_EXPORT_FORMATS))
def test_rdf_export_reimports_to_the_same_graph(store, fmt, selection_name):
    data = export_selection(store, fmt, SELECTIONS[selection_name])
    expected = expected_triples(selection_name, store)
    if RDF_EXPORT_FORMATS[fmt][2]:
        if selection_name == "whole":
            quads = ox.serialize(tiny_quads(), format=ox.RdfFormat.N_QUADS)
        elif selection_name == "document":
            graph = ox.NamedNode(EKGID + "graph/tinydoc2")
            quads = ox.serialize(
                [q for q in tiny_quads() if q.graph_name == graph], format=ox.RdfFormat.N_QUADS
            )
        else:
            quads = ox.serialize(
                [ox.Quad(t.subject, t.predicate, t.object) for t in expected],
                format=ox.RdfFormat.N_QUADS,
            )
        assert rdflib_quads(data, fmt) == rdflib_quads(quads, "nq")
    else:
        parsed = rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
        assert isomorphic(parsed, rdflib_graph(expected))


def test_neighbourhood_grows_with_depth_and_names_its_edge(store):
    one = neighbourhood(store, SANMING, 1)
    two = neighbourhood(store, SANMING, 2)
    assert set(one) < set(two)
    subjects = {t.subject.value for t in one} | {
        t.object.value for t in one if isinstance(t.object, ox.NamedNode)
    }
    assert EKGID + "area/321202" in subjects
    labels = {t.object.value for t in one if t.predicate.value.endswith("#label")}
    assert {"三名工程", "海陵区"} <= labels  # the neighbour's label comes along


@pytest.mark.parametrize("bad", ["not an iri", "http://x> } ; DROP ALL ; <y"])
def test_neighbourhood_refuses_non_iris(store, bad):
    with pytest.raises(ExportError):
        neighbourhood(store, bad, 1)
    assert store.count() > 0


def test_neighbourhood_depth_is_one_to_three(store):
    with pytest.raises(ExportError, match="1, 2 or 3"):
        neighbourhood(store, SANMING, 4)


def test_neighbourhood_of_unknown_iri_says_so(store):
    with pytest.raises(ExportError, match="nothing about"):
        neighbourhood(store, EKGID + "school/nowhere", 1)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export_keeps_labels_classes_and_edges(store, fmt):
    data = export_selection(store, fmt, Selection())
    network = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    school = EKGID + "school/hl-shiyan"
    group = EKGID + "group/hl-shiyan"
    assert network.nodes[school]["label"] == "海陵区实验小学"
    assert network.nodes[school]["class"] == "School"
    assert network.nodes[school]["classes"] == "Organization|School"
    assert network.nodes[EKGID + "school/xicangqiao-east"]["class"] == "Campus"
    relations = {
        d["relation"] for s, t, d in network.edges(data=True) if s == school and t == group
    }
    assert relations == {"leads", "memberOf"}
    assert not any("/m/" in n for n in network.nodes)  # mentions stay out of the network


INFERRED_LINK = """
@prefix ekg: <https://w3id.org/edukg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<https://w3id.org/edukg/id/graph/test-inferred> {
  <https://w3id.org/edukg/id/program/zl-sanming> ekg:continues
      <https://w3id.org/edukg/id/program/cz-sanming> .
  <https://w3id.org/edukg/id/inference/0123456789abcdef> a rdf:Statement ;
    rdf:subject <https://w3id.org/edukg/id/program/zl-sanming> ;
    rdf:predicate ekg:continues ;
    rdf:object <https://w3id.org/edukg/id/program/cz-sanming> ;
    ekg:method "test.v1" .
}
"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_export_names_families_and_leaves_out_statements(store, fmt):
    quads = list(ox.parse(INFERRED_LINK.encode(), format=ox.RdfFormat.TRIG))
    store.put_graph(quads[0].graph_name, quads)
    data = export_selection(store, fmt, Selection())
    network = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(io.BytesIO(data))
    family = network.nodes[EKGID + "concept/sanming"]
    assert (family["label"], family["class"]) == ("三名工程", "ProgramConcept")
    # The link is an edge; its reified provenance is no node of the network.
    assert not any("/inference/" in n for n in network.nodes)
    assert network.has_edge(EKGID + "program/zl-sanming", EKGID + "program/cz-sanming")
    assert not any(d.get("relation") in ("subject", "object") for *_, d in network.edges(data=True))
    around = Selection(neighbourhood=EKGID + "program/zl-sanming", depth=1)
    near = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(
        io.BytesIO(export_selection(store, fmt, around))
    )
    assert not any("/inference/" in n for n in near.nodes)
    assert near.has_edge(EKGID + "program/zl-sanming", EKGID + "program/cz-sanming")


def test_neighbourhood_network_has_labels(store):
    data = export_selection(store, "graphml", Selection(neighbourhood=SANMING, depth=1))
    network = nx.read_graphml(io.BytesIO(data))
    assert network.nodes[SANMING]["label"] == "三名工程"
    assert network.nodes[EKGID + "area/321202"]["class"] == "AdministrativeArea"
    assert network.has_edge(SANMING, EKGID + "area/321202")


def test_csv_export_is_a_zip_of_nodes_and_edges(store):
    archive = zipfile.ZipFile(io.BytesIO(export_selection(store, "csv", Selection())))
    nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode())))
    edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode())))
    assert {
        "id": EKGID + "area/320404",
        "label": "钟楼区",
        "class": "AdministrativeArea",
        "classes": "AdministrativeArea",
    } in nodes
    assert {
        "source": EKGID + "school/qingtan",
        "target": EKGID + "group/xicangqiao",
        "relation": "memberOf",
    } in edges


def test_select_query_exports_rows_and_refuses_rdf(store):
    query = find_query("documents_by_area_and_year")
    selection = Selection(query=query, params=(("area", "海陵区"),))
    rows = list(csv.DictReader(io.StringIO(export_selection(store, "csv", selection).decode())))
    assert [r["title"] for r in rows] == ["区教育局关于印发2020年全区教育工作要点的通知"]
    doc = json.loads(export_selection(store, "json", selection))
    assert doc["head"]["vars"][0] == "document"
    with pytest.raises(ExportError, match="SELECT"):
        export_selection(store, "ttl", selection)


def test_construct_query_exports_rdf_and_network(store, tmp_path):
    path = tmp_path / "programme_graph.rq"
    path.write_text(CONSTRUCT_PROGRAMS, encoding="utf-8")
    selection = Selection(query=find_query(str(path)))
    parsed = rdflib.Graph().parse(data=export_selection(store, "ttl", selection), format="turtle")
    assert isomorphic(parsed, rdflib_graph(store.construct(CONSTRUCT_PROGRAMS)))
    network = nx.read_gexf(io.BytesIO(export_selection(store, "gexf", selection)))
    assert network.nodes[EKGID + "program/zl-sanming"]["label"] == "钟楼三名工程"


def test_cli_export_neighbourhood_and_query(tiny_store_path, tmp_path, capsysbinary):
    out = tmp_path / "n.ttl"
    assert (
        main(
            [
                "export",
                "--store",
                str(tiny_store_path),
                "--format",
                "ttl",
                "--neighbourhood",
                SANMING,
                "--depth",
                "2",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert "三名工程" in out.read_text(encoding="utf-8")
    assert (
        main(
            [
                "export",
                "--store",
                str(tiny_store_path),
                "--format",
                "csv",
                "--query",
                "documents_by_issuer",
                "--param",
                f"issuer={EKGID}org/changzhou-bureau",
            ]
        )
        == 0
    )
    assert "2019年常州市教育工作要点" in capsysbinary.readouterr().out.decode()
    assert (
        main(
            [
                "export",
                "--store",
                str(tiny_store_path),
                "--format",
                "ttl",
                "--query",
                "documents_by_issuer",
            ]
        )
        == 2
    )
    assert (
        main(
            [
                "export",
                "--store",
                str(tiny_store_path),
                "--format",
                "ttl",
                "--neighbourhood",
                "x> DROP ALL",
            ]
        )
        == 2
    )
