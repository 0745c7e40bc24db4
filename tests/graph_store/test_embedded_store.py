"""Contract tests for the embedded store: graphs, union default graph, transactions, exports."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode, Quad

from graph_store.embedded import EmbeddedStore
from graph_store.protocol import RDF_EXPORT_FORMATS, StoreError
from tests.store_fixtures import tiny_quads

G1 = NamedNode("https://w3id.org/edukg/id/graph/tinydoc1")
G2 = NamedNode("https://w3id.org/edukg/id/graph/tinydoc2")
TITLE = NamedNode("http://purl.org/dc/terms/title")


def titles(store: EmbeddedStore) -> set[str]:
    result = store.select("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }")
    return {row[0].value for row in result}


def test_select_sees_union_of_graphs_by_default(tiny_store):
    assert "2019年常州市教育工作要点" in titles(tiny_store)
    assert "区教育局关于印发2020年全区教育工作要点的通知" in titles(tiny_store)


def test_graph_clause_still_selects_one_graph(tiny_store):
    result = tiny_store.select(
        "SELECT ?g ?t WHERE { GRAPH ?g { ?d a ekg:Document ; dct:title ?t } }", {"g": G2}
    )
    assert [row[1].value for row in result] == ["2019年常州市教育工作要点"]


def test_put_graph_replaces_only_that_graph(tiny_store):
    before = tiny_store.count(G2)
    doc = NamedNode("https://w3id.org/edukg/id/doc/tinydoc1")
    tiny_store.put_graph(G1, [Quad(doc, TITLE, Literal("新标题", language="zh"), G1)])
    assert tiny_store.count(G1) == 1
    assert tiny_store.count(G2) == before
    assert "新标题" in titles(tiny_store)
    assert "区教育局关于印发2020年全区教育工作要点的通知" not in titles(tiny_store)


def test_put_graph_twice_leaves_quad_count_unchanged(tiny_store):
    quads = [q for q in tiny_quads() if q.graph_name == G1]
    before = tiny_store.count()
    tiny_store.put_graph(G1, quads)
    tiny_store.put_graph(G1, quads)
    assert tiny_store.count() == before


def test_put_graph_drops_replaced_graphs_in_same_transaction(tiny_store):
    doc = NamedNode("https://w3id.org/edukg/id/doc/new")
    new = NamedNode("https://w3id.org/edukg/id/graph/new")
    tiny_store.put_graph(new, [Quad(doc, TITLE, Literal("x"), new)], replaces=[G1])
    assert G1 not in tiny_store.graphs()
    assert new in tiny_store.graphs()


def test_drop_graph_removes_document(tiny_store):
    tiny_store.drop_graph(G1)
    assert G1 not in tiny_store.graphs()
    assert titles(tiny_store) == {"2019年常州市教育工作要点"}


def test_literal_with_quotes_and_newlines_survives_put_graph(tiny_store):
    doc = NamedNode("https://w3id.org/edukg/id/doc/tricky")
    graph = NamedNode("https://w3id.org/edukg/id/graph/tricky")
    text = 'a "quoted" }\n; DROP ALL ; \\ 钟楼'
    tiny_store.put_graph(graph, [Quad(doc, TITLE, Literal(text), graph)])
    assert text in titles(tiny_store)
    assert tiny_store.count(G2) > 0


def test_bound_literal_cannot_inject_sparql(tiny_store):
    evil = Literal('钟楼区" } ; DROP ALL ; #')
    result = tiny_store.select(
        "SELECT ?name ?area WHERE { ?area rdfs:label ?name }", {"name": evil}
    )
    assert len(result) == 0
    assert tiny_store.count() > 0


def test_syntax_error_is_a_store_error_with_position(tiny_store):
    with pytest.raises(StoreError, match="SPARQL syntax error"):
        tiny_store.select("SELECT ?x WHERE { ?x ?p }")


@pytest.mark.parametrize("fmt", sorted(RDF_EXPORT_FORMATS))
def test_export_round_trips(tiny_store, fmt):
    attr, _, datasets = RDF_EXPORT_FORMATS[fmt]
    data = tiny_store.export(fmt)
    parsed = list(ox.parse(data, format=getattr(ox.RdfFormat, attr)))
    if datasets:
        assert {(q.subject, q.predicate, q.object, q.graph_name) for q in parsed} == {
            (q.subject, q.predicate, q.object, q.graph_name) for q in tiny_quads()
        }
    else:
        assert {(t.subject, t.predicate, t.object) for t in parsed} == {
            (q.subject, q.predicate, q.object) for q in tiny_quads()
        }


def test_export_one_graph_holds_only_that_graph(tiny_store):
    data = tiny_store.export("nt", G2)
    assert "2019年常州市教育工作要点" in data.decode()
    assert "泰海教" not in data.decode()


def test_unknown_export_format_names_the_choices(tiny_store):
    with pytest.raises(StoreError, match="ttl"):
        tiny_store.export("xlsx")


def test_store_on_disk_keeps_data_across_reopen(tiny_store_path):
    store = EmbeddedStore(tiny_store_path, read_only=True)
    assert "2019年常州市教育工作要点" in titles(store)
