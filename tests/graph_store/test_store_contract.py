"""The GraphStore contract, run on every backend of BACKENDS (embedded, and a real Oxigraph server).

The `store` fixture holds tests/data/tiny.trig; the endpoint case is marked `endpoint`.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from graph_store.open import BACKENDS
from graph_store.protocol import RDF_EXPORT_FORMATS, GraphStore, StoreError
from tests.store_fixtures import tiny_quads

G1 = NamedNode("https://w3id.org/edukg/id/graph/tinydoc1")
G2 = NamedNode("https://w3id.org/edukg/id/graph/tinydoc2")
TITLE = NamedNode("http://purl.org/dc/terms/title")


def titles(store: GraphStore) -> set[str]:
    result = store.select("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }")
    return {row[0].value for row in result}


def test_backends_are_registered():
    assert set(BACKENDS) == {"embedded", "endpoint"}


def test_select_sees_union_of_graphs_by_default(store):
    assert "2019年常州市教育工作要点" in titles(store)
    assert "区教育局关于印发2020年全区教育工作要点的通知" in titles(store)


def test_graph_clause_still_selects_one_graph(store):
    result = store.select(
        "SELECT ?g ?t WHERE { GRAPH ?g { ?d a ekg:Document ; dct:title ?t } }", {"g": G2}
    )
    assert [row[1].value for row in result] == ["2019年常州市教育工作要点"]


def test_graphs_lists_named_graphs_sorted(store):
    graphs = store.graphs()
    assert G1 in graphs and G2 in graphs
    assert graphs == sorted(graphs, key=lambda g: g.value)


def test_select_rows_hold_pyoxigraph_terms(store):
    result = store.select(
        "SELECT ?d ?t ?issued WHERE { ?d dct:title ?t ; dct:issued ?issued }",
        {"d": NamedNode("https://w3id.org/edukg/id/doc/tinydoc1")},
    )
    ((doc, title, issued),) = result.rows
    assert doc == NamedNode("https://w3id.org/edukg/id/doc/tinydoc1")
    assert title == Literal("区教育局关于印发2020年全区教育工作要点的通知", language="zh")
    assert issued == Literal(
        "2020-04-28", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date")
    )


def test_select_limit_truncates(store):
    result = store.select("SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(result) == 3 and result.truncated


def test_unbound_optional_is_none(store):
    result = store.select(
        "SELECT ?d ?n WHERE { ?d a ekg:Document OPTIONAL { ?d dct:identifier ?n } } ORDER BY ?d"
    )
    assert None in result.column("n")


def test_ask_and_construct(store):
    assert store.ask("ASK { ?d a ekg:Document }")
    assert not store.ask("ASK { ?d a ekg:Document ; dct:title ?t }", {"t": Literal("无")})
    triples = store.construct(
        "CONSTRUCT { ?d dct:title ?t } WHERE { ?d dct:title ?t }",
        {"t": Literal("2019年常州市教育工作要点", language="zh")},
    )
    assert len(triples) == 1 and triples[0].predicate == TITLE


def test_wrong_query_form_is_a_store_error(store):
    with pytest.raises(StoreError, match="SELECT"):
        store.select("ASK { ?s ?p ?o }")


def test_put_graph_replaces_only_that_graph(store):
    before = store.count(G2)
    doc = NamedNode("https://w3id.org/edukg/id/doc/tinydoc1")
    store.put_graph(G1, [Quad(doc, TITLE, Literal("新标题", language="zh"), G1)])
    assert store.count(G1) == 1
    assert store.count(G2) == before
    assert "新标题" in titles(store)
    assert "区教育局关于印发2020年全区教育工作要点的通知" not in titles(store)


def test_put_graph_twice_leaves_quad_count_unchanged(store):
    quads = [q for q in tiny_quads() if q.graph_name == G1]
    before = store.count()
    store.put_graph(G1, quads)
    store.put_graph(G1, quads)
    assert store.count() == before == len(tiny_quads())


def test_put_graph_drops_replaced_graphs_in_same_transaction(store):
    doc = NamedNode("https://w3id.org/edukg/id/doc/new")
    new = NamedNode("https://w3id.org/edukg/id/graph/new")
    store.put_graph(new, [Quad(doc, TITLE, Literal("x"), new)], replaces=[G1])
    assert G1 not in store.graphs()
    assert new in store.graphs()


def test_patch_graph_removes_and_adds_only_the_given_quads_of_that_graph(store):
    quads = sorted((q for q in tiny_quads() if q.graph_name == G1), key=str)
    other = [q for q in tiny_quads() if q.graph_name == G2]
    before, before_other = store.count(G1), store.count(G2)
    doc = NamedNode("https://w3id.org/edukg/id/doc/tinydoc1")
    added = Quad(doc, TITLE, Literal("新标题", language="zh"), G1)
    store.patch_graph(G1, [quads[0], *other], [added, *other])  # G2's quads are not G1's
    assert store.count(G1) == before
    assert store.count(G2) == before_other
    assert "新标题" in titles(store)
    store.patch_graph(G1, [added], [quads[0]])
    store.patch_graph(G1, [], [])  # nothing to do
    stored = ox.parse(store.export("nq", G1), format=ox.RdfFormat.N_QUADS)
    assert set(stored) == set(quads)


def test_drop_graph_removes_document(store):
    store.drop_graph(G1)
    assert G1 not in store.graphs()
    assert titles(store) == {"2019年常州市教育工作要点"}
    store.drop_graph(G1)  # dropping a missing graph is not an error


def test_literal_with_quotes_and_newlines_survives_put_graph(store):
    doc = NamedNode("https://w3id.org/edukg/id/doc/tricky")
    graph = NamedNode("https://w3id.org/edukg/id/graph/tricky")
    text = 'a "quoted" }\n; DROP ALL ; \\ 钟楼'
    store.put_graph(graph, [Quad(doc, TITLE, Literal(text), graph)])
    assert text in titles(store)
    assert store.count(G2) > 0


def test_bound_literal_cannot_inject_sparql(store):
    evil = Literal('钟楼区" } ; DROP ALL ; #')
    result = store.select("SELECT ?name ?area WHERE { ?area rdfs:label ?name }", {"name": evil})
    assert len(result) == 0
    assert store.count() > 0


def test_bound_values_select_matching_rows(store):
    result = store.select(
        "SELECT ?area ?name WHERE { ?area rdfs:label ?name }",
        {"name": Literal("海陵区", language="zh")},
    )
    assert [row[0].value for row in result] == ["https://w3id.org/edukg/id/area/321202"]


def test_syntax_error_is_a_store_error(store):
    with pytest.raises(StoreError):
        store.select("SELECT ?x WHERE { ?x ?p }")


@pytest.mark.parametrize("fmt", sorted(RDF_EXPORT_FORMATS))
def test_export_round_trips(store, fmt):
    attr, _, datasets = RDF_EXPORT_FORMATS[fmt]
    data = store.export(fmt)
    parsed = list(ox.parse(data, format=getattr(ox.RdfFormat, attr)))
    if datasets:
        assert {(q.subject, q.predicate, q.object, q.graph_name) for q in parsed} == {
            (q.subject, q.predicate, q.object, q.graph_name) for q in tiny_quads()
        }
    else:
        assert {(t.subject, t.predicate, t.object) for t in parsed} == {
            (q.subject, q.predicate, q.object) for q in tiny_quads()
        }


def test_export_one_graph_holds_only_that_graph(store):
    data = store.export("nt", G2)
    assert "2019年常州市教育工作要点" in data.decode()
    assert "泰海教" not in data.decode()


def test_unknown_export_format_names_the_choices(store):
    with pytest.raises(StoreError, match="ttl"):
        store.export("xlsx")
