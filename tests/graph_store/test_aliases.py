"""Short forms across the documents of one jurisdiction: owl:sameAs and an altLabel, inferred."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyoxigraph import Literal, NamedNode

from graph_store.aliases import METHOD, NamedEntity, alias_links, short_forms
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import delete_document, ingest_paths, rebuild_inferred
from graph_store.lineage import update_lineage
from graph_store.protocol import GraphStore
from loaders.extract.model import GROUP, SCHOOL
from ontology.namespace import INFERRED_GRAPH, OWL, SKOS

HEADER = """信息名称:{title}
索 引 号:{index}
发布机构:{issuer}
发布日期: {date}

{title}

"""
# Two documents of 钟楼区: one writes the school without its city, the other with it.
SHORT = HEADER.format(
    title="钟楼区教育局关于做好2021年课后服务工作的通知",
    index="014119491/2021-00041",
    issuer="钟楼区教育局",
    date="2021-05-10",
) + (
    "一、工作安排\n觅渡桥小学要率先开展课后服务试点,及时总结经验。\n"
    "二、工作要求\n各学校要认真落实。\n\n钟楼区教育局\n2021年5月10日\n"
)
FULL = HEADER.format(
    title="钟楼区2021年教育工作要点",
    index="014119491/2021-00012",
    issuer="钟楼区教育局",
    date="2021-02-20",
) + (
    "一、推进集团化办学\n常州市觅渡桥小学牵头组建教育集团,发挥示范作用。\n"
    "二、保障措施\n加强督查考核。\n\n钟楼区教育局\n2021年2月20日\n"
)
# 海陵区 writes the same short form: its school is another one (another IRI), and not linked.
ELSEWHERE = HEADER.format(
    title="海陵区教育局关于做好2021年课后服务工作的通知",
    index="014109488/2021-00033",
    issuer="泰州市海陵区教育局",
    date="2021-05-12",
) + ("一、工作安排\n觅渡桥小学要率先开展课后服务试点。\n\n泰州市海陵区教育局\n2021年5月12日\n")
FILES = {"short.txt": SHORT, "full.txt": FULL, "elsewhere.txt": ELSEWHERE}


@pytest.fixture
def documents(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = {}
    for name, text in FILES.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(params=["embedded", pytest.param("endpoint", marks=pytest.mark.endpoint)])
def empty_store(request: pytest.FixtureRequest) -> GraphStore:
    if request.param == "embedded":
        return EmbeddedStore(None)
    return request.getfixturevalue("empty_endpoint_store")


def schools(store: GraphStore) -> dict[str, set[str]]:
    """Return each school label → the IRIs of the schools that carry it in a document graph."""
    rows = store.select("""
        SELECT ?school ?label WHERE { GRAPH ?g { ?school a ekg:School ; rdfs:label ?label }
          FILTER(?g != <https://w3id.org/edukg/id/graph/inferred>) }""")
    out: dict[str, set[str]] = {}
    for school, label in rows:
        out.setdefault(label.value, set()).add(school.value)
    return out


def inferred(store: GraphStore) -> set[tuple[str, str, str]]:
    """Return the alias links of the inferred graph, each checked for its provenance."""
    rows = store.select("""
        SELECT ?s ?p ?o ?method ?confidence WHERE { GRAPH <https://w3id.org/edukg/id/graph/inferred> {
          ?s ?p ?o . FILTER(?p IN (owl:sameAs, skos:altLabel))
          ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                     ekg:method ?method ; ekg:confidence ?confidence } }""")
    for *_, method, confidence in rows:
        assert method.value == METHOD and 0 < float(confidence.value) < 1
    return {(s.value, p.value, o.value) for s, p, o, *_ in rows}


def inferred_nquads(store: GraphStore) -> list[str]:
    return sorted(store.export("nq", INFERRED_GRAPH).decode().splitlines())


def test_short_form_is_the_same_school_as_the_full_name_of_its_jurisdiction(empty_store, documents):
    report = ingest_paths(empty_store, documents.values())
    assert report.ok
    names = schools(empty_store)
    (full,) = names["常州市觅渡桥小学"]
    shorts = names["觅渡桥小学"]
    assert len(shorts) == 2  # 钟楼区's and 海陵区's: two place-less names, two IRIs
    links = inferred(empty_store)
    linked = {s for s, p, o in links if p == OWL.sameAs.value}
    assert len(linked) == 1 and linked < shorts
    (short,) = linked
    assert links == {
        (short, OWL.sameAs.value, full),
        (full, SKOS.altLabel.value, "觅渡桥小学"),
    }


def test_deleting_the_full_name_document_removes_the_link(empty_store, documents):
    ingest_paths(empty_store, documents.values())
    assert inferred(empty_store)
    (graph,) = [
        g
        for g, _ in empty_store.select(
            "SELECT ?g ?source WHERE { GRAPH ?g { ?d a ekg:Document ; dct:source ?source } }",
            {"source": Literal("full.txt")},
        )
    ]
    delete_document(empty_store, graph)
    assert inferred(empty_store) == set()
    assert "常州市觅渡桥小学" not in schools(empty_store)


def test_alias_links_do_not_depend_on_ingest_order(documents):
    together, one_by_one = EmbeddedStore(None), EmbeddedStore(None)
    ingest_paths(together, documents.values())
    for name in ("full.txt", "elsewhere.txt", "short.txt"):
        ingest_paths(one_by_one, [documents[name]])
    assert inferred(together)
    assert inferred_nquads(together) == inferred_nquads(one_by_one)
    # Ingesting the same files again, or rebuilding, gives the same quads.
    ingest_paths(one_by_one, documents.values())
    assert rebuild_inferred(one_by_one).aliases == 1
    assert inferred_nquads(together) == inferred_nquads(one_by_one)


# --- the rule on its own: entities as the store gives them -----------------------------------

ID = "https://w3id.org/edukg/id/"
AREA, OTHER_AREA = ID + "area/320404", ID + "area/321202"


def entity(
    name: str,
    label: str,
    documents: tuple[str, ...] = ("d1",),
    kind: str = SCHOOL,
    alts: tuple[str, ...] = (),
    areas: tuple[str, ...] = (AREA,),
) -> NamedEntity:
    return NamedEntity(
        ID + "school/" + name,
        kind,
        label,
        frozenset(alts),
        frozenset(ID + "graph/" + d for d in documents),
        frozenset(areas),
    )


def labels(pairs: list[tuple[NamedEntity, NamedEntity]]) -> set[tuple[str, str]]:
    return {(short.label, full.label) for short, full in pairs}


def test_short_forms_by_place_abbreviation_and_shorthand():
    found = short_forms(
        [
            entity("a", "运河中学", ("d1",)),
            entity("b", "扬州市运河中学", ("d2",)),
            entity("c", "局小", ("d3",)),
            entity("d", "局前街小学", ("d4",)),
            entity("e", "实小教育集团", ("d5",), kind=GROUP),
            entity("f", "实验小学教育集团", ("d6",), kind=GROUP),
        ]
    )
    assert labels(found) == {
        ("运河中学", "扬州市运河中学"),
        ("局小", "局前街小学"),
        ("实小教育集团", "实验小学教育集团"),
    }


def test_short_form_stated_as_an_alt_label_elsewhere_is_linked():
    found = short_forms(
        [entity("a", "南外", ("d1",)), entity("b", "南京外国语学校", ("d2",), alts=("南外",))]
    )
    assert labels(found) == {("南外", "南京外国语学校")}


@pytest.mark.parametrize(
    ("members", "why"),
    [
        (
            [entity("a", "运河中学", ("d1",)), entity("b", "扬州市运河中学", ("d1", "d2"))],
            "one document mentions both and kept them apart",
        ),
        (
            [
                entity("a", "运河中学", ("d1",)),
                entity("b", "扬州市运河中学", ("d2",)),
                entity("c", "杭州市运河中学", ("d3",)),
            ],
            "two full names fit",
        ),
        (
            [entity("a", "薛家中学", ("d1",)), entity("b", "薛家中心小学", ("d2",))],
            "a 中学 is not a 小学",
        ),
        (
            [entity("a", "运河中学", ("d1",)), entity("b", "扬州市运河中学", ("d2",), kind=GROUP)],
            "a school is not a group",
        ),
    ],
)
def test_no_short_form_when_the_evidence_is_not_unique(members, why):
    assert short_forms(members) == [], why


def test_short_entity_linked_to_different_fulls_in_two_jurisdictions_is_not_linked():
    short = entity("a", "运河中学", ("d1", "d3"), areas=(AREA, OTHER_AREA))
    here = entity("b", "扬州市运河中学", ("d2",))
    there = entity("c", "杭州市运河中学", ("d4",), areas=(OTHER_AREA,))
    assert alias_links([short, here]) != []
    assert alias_links([short, here, there]) == []


def test_alias_links_are_same_as_and_alt_label_unless_the_label_is_stated():
    short = entity("a", "南外", ("d1",))
    full = entity("b", "南京外国语学校", ("d2",), alts=("南外",))
    links = alias_links([short, full])
    assert [(link.predicate, link.object) for link in links] == [(OWL.sameAs, NamedNode(full.iri))]
    unstated = entity("b", "南京外国语学校", ("d2",))
    links = alias_links([entity("c", "局小"), entity("d", "局前街小学", ("d2",)), unstated])
    assert {(link.predicate, link.object) for link in links} == {
        (OWL.sameAs, NamedNode(ID + "school/d")),
        (SKOS.altLabel, Literal("局小", language="zh")),
    }


def test_update_lineage_rebuilds_the_whole_inferred_graph(documents):
    store = EmbeddedStore(None)
    ingest_paths(store, documents.values())
    before = inferred_nquads(store)
    assert update_lineage(store) == rebuild_inferred(store).lineage
    assert inferred_nquads(store) == before
    # One sameAs and one altLabel, each with its statement (type, s, p, o, method, confidence).
    assert sum(1 for line in before if "/inference/" not in line.split(" ", 1)[0]) == 2


def test_rebuild_removes_inferred_quads_no_rule_gives(documents):
    store = EmbeddedStore(None)
    ingest_paths(store, documents.values())
    expected = inferred_nquads(store)
    stale = ox.Quad(
        NamedNode(ID + "school/x"), OWL.sameAs, NamedNode(ID + "school/y"), INFERRED_GRAPH
    )
    store.patch_graph(INFERRED_GRAPH, [], [stale])
    assert len(inferred_nquads(store)) == len(expected) + 1
    rebuild_inferred(store)
    assert inferred_nquads(store) == expected
