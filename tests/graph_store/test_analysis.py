"""Network analysis on the tiny dataset, on both backends: figures worked out by hand.

The tiny network (tests/data/tiny.trig), undirected, with the links that make it:

    海陵区:  名师工程 —partOf— 三名工程(2020) —participatesIn— 实验小学教育集团
             实验小学教育集团 —leads, memberOf— 海陵区实验小学;  —memberOf— 城东小学
             三名工程(2021) alone (its `continues` link is not a network link)
    常州市:  名校建设, 名师培养 —partOf— 三名工程(2019)
    钟楼区:  名校建设, 名校长培育 —partOf— 钟楼三名工程 —participatesIn— 西仓桥小学
             西仓桥小学 —leads, memberOf— 西仓桥教育集团 —memberOf— 清潭小学
             西仓桥小学东校区 —campusOf— 西仓桥小学

16 nodes, 12 links, four components.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest
from pyoxigraph import NamedNode, Quad

from graph_store import analysis
from graph_store.analysis import (
    COLUMNS,
    NetworkData,
    UnknownAreaError,
    UnknownNodeError,
    analyse,
    build_network,
    fetch_network_data,
    metrics,
    path_links,
    resolve_area,
    shortest_path,
)
from ontology.namespace import EKG, EKGID_BASE

ID = EKGID_BASE
XCQ_SCHOOL = ID + "school/xicangqiao"
XCQ_GROUP = ID + "group/xicangqiao"
QINGTAN = ID + "school/qingtan"
EAST = ID + "school/xicangqiao-east"
ZL = ID + "program/zl-sanming"
ZL_MINGXIAO = ID + "program/zl-mingxiao"
CZ = ID + "program/cz-sanming"
HL = ID + "program/hl-sanming"
HL_2021 = ID + "program/hl-sanming-2021"
HL_GROUP = ID + "group/hl-shiyan"
HL_SCHOOL = ID + "school/hl-shiyan"
CHENGDONG = ID + "school/hl-chengdong"
N = 16
PAIRS = (N - 1) * (N - 2) / 2  # betweenness is normalised by the pairs not counting the node


def rows(result):
    return result.table.set_index("iri")


def test_table_has_one_row_per_node_with_the_columns(store):
    result = analyse(store)
    assert list(result.table.columns) == list(COLUMNS)
    assert len(result.table) == N
    assert result.table["iri"].is_unique
    assert result.graph.number_of_edges() == 12
    assert result.notes == []
    # Sorted by degree, then betweenness: the first row is the most central school.
    assert result.table["iri"].iloc[0] == XCQ_SCHOOL


def test_node_attributes_label_class_jurisdiction_year(store):
    table = rows(analyse(store))
    school = table.loc[XCQ_SCHOOL]
    assert (school["label"], school["class"], school["jurisdiction"], school["year"]) == (
        "西仓桥小学",
        "School",
        "钟楼区",  # stated: ekg:locatedIn
        "2019",  # the year of the document that names it
    )
    # A node that states no area takes its documents' (the 2019 常州市 work plan).
    assert table.loc[QINGTAN, "jurisdiction"] == "常州市"
    assert table.loc[EAST, "class"] == "Campus"
    assert table.loc[XCQ_GROUP, "class"] == "EducationGroup"
    # A programme's own year wins over the year of the document that names it (2020).
    assert table.loc[HL_2021, "year"] == "2021"


def test_degree_counts_distinct_neighbours(store):
    table = rows(analyse(store))
    assert table.loc[XCQ_SCHOOL, "degree"] == 3  # 钟楼三名工程, 西仓桥教育集团, 东校区
    # leads and memberOf to one group are one neighbour.
    assert table.loc[HL_SCHOOL, "degree"] == 1
    assert table.loc[HL_GROUP, "degree"] == 3
    assert table.loc[ZL, "degree"] == 3
    assert table.loc[HL_2021, "degree"] == 0


def test_betweenness_by_hand(store):
    table = rows(analyse(store))
    # 西仓桥小学 separates {钟楼三名工程, 名校建设, 名校长培育}, {集团, 清潭小学} and {东校区}:
    # 3·2 + 3·1 + 2·1 = 11 pairs.
    assert table.loc[XCQ_SCHOOL, "betweenness"] == pytest.approx(11 / PAIRS, abs=1e-6)
    # 钟楼三名工程 separates 名校建设, 名校长培育 and the four behind the school: 1 + 4 + 4.
    assert table.loc[ZL, "betweenness"] == pytest.approx(9 / PAIRS, abs=1e-6)
    assert table.loc[CZ, "betweenness"] == pytest.approx(1 / PAIRS, abs=1e-6)
    assert table.loc[QINGTAN, "betweenness"] == 0


def test_eigenvector_per_component(store):
    table = rows(analyse(store))
    # 常州市's component is a path 名校建设 — 三名工程 — 名师培养: (1/2, 1/√2, 1/2).
    assert table.loc[CZ, "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-5)
    assert table.loc[ID + "program/cz-mingxiao", "eigenvector"] == pytest.approx(0.5, abs=1e-5)
    # An isolated node has no centrality.
    assert table.loc[HL_2021, "eigenvector"] == 0


def _never(graph, **kwargs):
    raise nx.PowerIterationFailedConvergence(kwargs.get("max_iter", 0))


def test_eigenvector_falls_back_on_arpack_when_power_iteration_fails(store, monkeypatch):
    monkeypatch.setattr(analysis.nx, "eigenvector_centrality", _never)
    result = analyse(store)
    assert result.notes == []
    table = rows(result)
    assert table.loc[CZ, "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-5)
    # Every component of more than one node converged; only the isolated programme has 0.
    assert (result.table["eigenvector"] > 0).sum() == N - 1


def test_large_component_star_by_hand():
    """A programme with 60 participating schools: a star, whose centre has eigenvector 1/√2
    (ARPACK, the component being large) and betweenness 1."""
    data = NetworkData()
    hub = ID + "program/hub"
    data.labels[hub], data.classes[hub] = "枢纽工程", {"Program"}
    for i in range(60):
        school = ID + f"school/s{i:02d}"
        data.labels[school], data.classes[school] = f"学校{i}", {"School"}
        data.edges.append((school, "participatesIn", hub))
    table = rows(metrics(build_network(data)))
    assert table.loc[hub, "eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-6)
    assert table.loc[ID + "school/s00", "eigenvector"] == pytest.approx(
        1 / math.sqrt(120), abs=1e-6
    )
    assert table.loc[hub, "betweenness"] == 1.0
    assert table.loc[hub, "degree"] == 60
    assert table["community"].nunique() == 1


def test_eigenvector_that_does_not_converge_is_zero_with_a_note(store, monkeypatch):
    monkeypatch.setattr(analysis.nx, "eigenvector_centrality", _never)
    monkeypatch.setattr(analysis.nx, "eigenvector_centrality_numpy", _never)
    result = analyse(store)
    assert (result.table["eigenvector"] == 0).all()
    assert len(result.notes) == 3  # the three components of more than one node
    assert all("did not converge" in note for note in result.notes)
    assert result.table.set_index("iri").loc[XCQ_SCHOOL, "degree"] == 3


def test_communities_are_reproducible_and_follow_the_links(store):
    first = rows(analyse(store))["community"]
    again = rows(analyse(store))["community"]
    assert first.to_dict() == again.to_dict()
    # A school that is only a member of a group is in the group's community.
    assert first[QINGTAN] == first[XCQ_GROUP]
    assert first[CHENGDONG] == first[HL_GROUP]
    # Nodes of different components are never in one community.
    assert first[QINGTAN] != first[CHENGDONG]
    assert first[HL_2021] not in {first[n] for n in first.index if n != HL_2021}
    # Louvain cuts 钟楼区's component between its programmes and its schools; numbered by size.
    groups = {c: set(first[first == c].index) for c in first.unique()}
    assert groups == {
        1: {HL, ID + "program/hl-mingshi", HL_GROUP, HL_SCHOOL, CHENGDONG},
        2: {XCQ_SCHOOL, XCQ_GROUP, QINGTAN, EAST},
        3: {CZ, ID + "program/cz-mingxiao", ID + "program/cz-mingshi"},
        4: {ZL, ZL_MINGXIAO, ID + "program/zl-mingzhang"},
        5: {HL_2021},
    }


def test_shortest_path_and_its_links(store):
    graph = analyse(store).graph
    path = shortest_path(graph, QINGTAN, ZL_MINGXIAO)
    assert path == [QINGTAN, XCQ_GROUP, XCQ_SCHOOL, ZL, ZL_MINGXIAO]
    assert [relation for _, relation, _ in path_links(graph, path)] == [
        "memberOf",
        "leads",  # leads and memberOf both join the school to its group: one is shown
        "participatesIn",
        "partOf",
    ]
    # Each link keeps its stated direction: 名校建设 is part of 钟楼三名工程.
    assert path_links(graph, path)[-1] == (ZL_MINGXIAO, "partOf", ZL)
    assert shortest_path(graph, QINGTAN, CHENGDONG) is None  # different components
    assert shortest_path(graph, QINGTAN, QINGTAN) == [QINGTAN]
    with pytest.raises(UnknownNodeError, match="not in the network"):
        shortest_path(graph, QINGTAN, ID + "area/320404")


def test_area_filter_takes_its_sub_areas(store):
    assert set(analyse(store, area="钟楼区").table["iri"]) == {
        ZL,
        ZL_MINGXIAO,
        ID + "program/zl-mingzhang",
        XCQ_SCHOOL,
    }
    # 常州市 holds 钟楼区 (ekg:partOf): both areas' nodes.
    assert len(analyse(store, area="常州市").table) == 10
    by_iri = analyse(store, area=ID + "area/321200")  # 泰州市, holding 海陵区
    assert set(by_iri.table["iri"]) == {
        HL,
        ID + "program/hl-mingshi",
        HL_2021,
        HL_GROUP,
        HL_SCHOOL,
        CHENGDONG,
    }
    # The figures are those of the filtered network: 钟楼三名工程 is now the only hub.
    zhonglou = rows(analyse(store, area="钟楼区"))
    assert zhonglou.loc[ZL, "betweenness"] == pytest.approx(1.0)  # every pair of its 3 leaves


def test_area_is_resolved_by_name_code_or_iri(store):
    zhonglou = {ID + "area/320404"}
    assert resolve_area(store, "钟楼区") == zhonglou
    assert resolve_area(store, "320404") == zhonglou
    assert resolve_area(store, ID + "area/320400") == {ID + "area/320400", ID + "area/320404"}


def test_an_unknown_area_or_text_that_looks_like_sparql_is_refused(store):
    for text in ("朝阳区", '钟楼区" } ?s ?p ?o { "', "https://example.org/nowhere"):
        with pytest.raises(UnknownAreaError, match="no administrative area"):
            analyse(store, area=text)


def test_year_filter(store):
    assert len(analyse(store, year=2019).table) == 10
    assert set(analyse(store, year=2020).table["iri"]) == {
        HL,
        ID + "program/hl-mingshi",
        HL_GROUP,
        HL_SCHOOL,
        CHENGDONG,
    }
    assert set(analyse(store, year=2021).table["iri"]) == {HL_2021}
    assert analyse(store, year=1999).table.empty


def test_class_filter_and_unknown_class(store):
    schools = analyse(store, classes=["School"]).table
    assert set(schools["class"]) == {"School"}
    assert len(schools) == 4
    with pytest.raises(ValueError, match="unknown class Document"):
        analyse(store, classes=["School", "Document"])


def test_short_and_full_forms_are_one_node_unless_asked(tiny_store):
    short = NamedNode(ID + "school/hl-shiyan-short")
    graph = NamedNode(ID + "graph/inferred")
    tiny_store.put_graph(
        graph,
        [
            Quad(
                short,
                NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                EKG.School,
                graph,
            ),
            Quad(short, EKG.memberOf, NamedNode(HL_GROUP), graph),
            Quad(short, EKG.participatesIn, NamedNode(HL), graph),
            Quad(
                short,
                NamedNode("http://www.w3.org/2002/07/owl#sameAs"),
                NamedNode(HL_SCHOOL),
                graph,
            ),
        ],
    )
    merged = rows(analyse(tiny_store))
    assert short.value not in merged.index
    assert merged.loc[HL_SCHOOL, "same_as"] == short.value
    assert merged.loc[HL_SCHOOL, "degree"] == 2  # the group, and 三名工程 through the short form
    apart = rows(analyse(tiny_store, merge_aliases=False))
    assert apart.loc[short.value, "degree"] == 2
    assert apart.loc[HL_SCHOOL, "degree"] == 1


def test_empty_store_gives_an_empty_table():
    from graph_store.embedded import EmbeddedStore

    result = analyse(EmbeddedStore(None))
    assert result.table.empty
    assert list(result.table.columns) == list(COLUMNS)


def test_fetch_once_and_filter_in_memory(store):
    data = fetch_network_data(store)
    whole = build_network(data)
    assert whole.number_of_nodes() == N
    assert set(build_network(data, areas=resolve_area(store, "钟楼区")).nodes) < set(whole.nodes)


def test_a_school_district_and_its_schools_are_a_network_of_their_own() -> None:
    # A 学区 is an ekg:SchoolDistrict, its schools linked by ekg:inDistrict (not memberOf).
    from pyoxigraph import Literal

    from graph_store.embedded import EmbeddedStore

    store = EmbeddedStore(None)
    graph = NamedNode(ID + "graph/district")
    district, school = NamedNode(ID + "group/dongba"), NamedNode(ID + "school/dongba")
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.put_graph(
        graph,
        [
            Quad(district, rdf_type, EKG.SchoolDistrict, graph),
            Quad(district, label, Literal("东坝学区", language="zh"), graph),
            Quad(school, rdf_type, EKG.School, graph),
            Quad(school, label, Literal("东坝小学", language="zh"), graph),
            Quad(school, EKG.inDistrict, district, graph),
        ],
    )
    table = analyse(store).table.set_index("iri")
    assert table.loc[district.value, "class"] == "SchoolDistrict"
    assert table.loc[school.value, "degree"] == 1
    network = build_network(fetch_network_data(store), classes=["SchoolDistrict", "School"])
    assert network.has_edge(school.value, district.value)
