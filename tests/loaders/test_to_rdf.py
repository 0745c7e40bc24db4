"""The document's own triples: metadata, jurisdiction with its area chain, the section tree."""

from __future__ import annotations

from pathlib import Path

import opencc
import pyoxigraph as ox
import pytest

from loaders.read import read_document
from loaders.to_rdf import document_quads
from ontology.namespace import PREFIXES

CORPUS = Path(__file__).resolve().parent.parent.parent / "data" / "corpus"


@pytest.fixture(scope="module")
def hailing() -> ox.Store:
    store = ox.Store()
    store.extend(document_quads(read_document(CORPUS / "001_f3d5e20a6c1850ac.txt"), "rules.v1"))
    return store


def select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    return list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))


def test_metadata_triples_are_typed(hailing):
    [row] = select(
        hailing,
        """SELECT ?title ?number ?issued ?type ?year WHERE {
        ?d a ekg:Document ; dct:title ?title ; dct:identifier ?number ; dct:issued ?issued ;
           ekg:docType ?type ; ekg:coverageYear ?year }""",
    )
    assert row["title"] == ox.Literal("区教育局关于印发2020年全区教育工作要点的通知", language="zh")
    assert row["number"].value == "泰海教〔2020〕28号"
    assert row["issued"] == ox.Literal(
        "2020-05-09", datatype=ox.NamedNode(PREFIXES["xsd"] + "date")
    )
    assert row["type"].value == "notice"
    assert row["year"].value == "2020"


def test_jurisdiction_is_the_coded_district_inside_its_city(hailing):
    rows = select(
        hailing,
        """SELECT ?name ?code ?parent WHERE {
        ?d ekg:jurisdiction ?a . ?a rdfs:label ?name ; ekg:adminCode ?code ;
        ekg:partOf/rdfs:label ?parent }""",
    )
    assert [(r["name"].value, r["code"].value, r["parent"].value) for r in rows] == [
        ("海陵区", "321202", "泰州市")
    ]


def test_issuer_is_an_organization_with_its_full_name(hailing):
    rows = select(
        hailing,
        "SELECT ?name WHERE { ?d ekg:issuedBy ?o . ?o a ekg:Organization ; rdfs:label ?name }",
    )
    assert [r["name"].value for r in rows] == ["泰州市海陵区教育局"]


def test_a_traditional_copy_names_the_same_issuer_in_its_own_characters(hailing, tmp_path):
    text = (CORPUS / "001_f3d5e20a6c1850ac.txt").read_text(encoding="utf-8")
    copy = tmp_path / "traditional.txt"
    copy.write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    store = ox.Store()
    store.extend(document_quads(read_document(copy), "rules.v1"))
    query = "SELECT ?o ?name ?title WHERE { ?d dct:title ?title ; ekg:issuedBy ?o . ?o rdfs:label ?name }"
    [plain] = select(hailing, query)
    [written] = select(store, query)
    assert written["o"] == plain["o"]  # one body, whichever script names it
    assert written["name"].value == "泰州市海陵區教育局"
    assert written["title"].value.startswith("區教育局關於")


def test_sections_nest_and_all_point_to_the_document(hailing):
    top = select(hailing, "SELECT ?s WHERE { ?d a ekg:Document ; ekg:hasSection ?s }")
    nested = select(hailing, "SELECT ?c WHERE { ?p a ekg:Section ; ekg:hasSection ?c }")
    orphans = select(
        hailing, "SELECT ?s WHERE { ?s a ekg:Section FILTER NOT EXISTS { ?s ekg:sectionOf ?d } }"
    )
    assert len(top) == 6  # 一、 … 六、
    assert len(nested) == 24  # 1. … 24. under them
    assert orphans == []


def test_every_quad_is_in_the_documents_own_graph(hailing):
    graphs = {q.graph_name.value for q in hailing}
    assert len(graphs) == 1
    assert next(iter(graphs)).startswith("https://w3id.org/edukg/id/graph/")


def test_a_jointly_issued_plan_is_issued_by_each_body(tmp_path):
    # A headline that opens with two bodies, a space between, before the year: joint issuers.
    page = tmp_path / "plan.txt"
    page.write_text(
        "中共温州市委教育工委 温州市教育局\n2024年工作要点\n\n"
        "今年全市教育系统坚持立德树人,青禾教育稳步发展。\n",
        encoding="utf-8",
    )
    doc = read_document(page)
    assert doc.metadata.issuer == "中共温州市委教育工委 温州市教育局"
    store = ox.Store()
    store.extend(document_quads(doc, "rules.v1"))
    rows = select(store, "SELECT ?name WHERE { ?d ekg:issuedBy ?o . ?o rdfs:label ?name }")
    assert sorted(r["name"].value for r in rows) == ["中共温州市委教育工委", "温州市教育局"]


def test_the_issuer_is_the_body_the_text_names_one_entity_not_two(tmp_path: Path) -> None:
    page = tmp_path / "notice.txt"
    page.write_text(
        "关于做好2024年暑期学生安全工作的通知\n发布机构:温州市鹿城区教育局\n"
        "各学校:\n为做好暑期学生安全工作,鹿城区教育局决定开展专项检查,请各校认真落实。\n",
        encoding="utf-8",
    )
    from loaders import build_document_graph

    store = ox.Store()
    store.extend(build_document_graph(page).quads)
    rows = select(
        store,
        """SELECT DISTINCT ?body WHERE {
        ?body (rdfs:label|skos:altLabel) ?name .
        FILTER(?name IN ("温州市鹿城区教育局"@zh, "鹿城区教育局"@zh)) }""",
    )
    assert len(rows) == 1
    [issuer] = select(store, "SELECT ?body WHERE { ?d ekg:issuedBy ?body }")
    assert issuer["body"] == rows[0]["body"]
