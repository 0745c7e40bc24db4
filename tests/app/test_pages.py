"""AppTest: every page against the tiny store, asserting what a researcher sees."""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from streamlit.testing.v1 import AppTest

from tests.store_fixtures import tiny_quads

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = (
    "overview",
    "sparql",
    "search",
    "explorer",
    "programmes",
    "lineage",
    "documents",
    "resource",
    "export",
)
ZL = "https://w3id.org/edukg/id/program/zl-sanming"
XCQ = "https://w3id.org/edukg/id/school/xicangqiao"


def open_page(store_path: Path, page: str, **query_params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["store_location"] = str(store_path)
    for name, value in query_params.items():
        at.query_params[name] = value
    at.switch_page(f"app_views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [e.value for e in at.error] + [i.value for i in at.info] + [s.value for s in at.success]
    )
    parts += (
        [w.value for w in at.warning]
        + [h.value for h in at.subheader]
        + [t.value for t in at.title]
    )
    return "\n".join(str(p) for p in parts)


def frame(at: AppTest, column: str, nth: int = 0):
    """Return the nth table showing `column` (AppTest does not expose a dataframe's key)."""
    found = [df.value for df in at.dataframe if column in df.value.columns]
    if len(found) <= nth:
        raise AssertionError(f"no table with column {column!r}")
    return found[nth]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_no_input(tiny_store_path, page):
    at = open_page(tiny_store_path, page)
    assert at.title, f"{page} has no title"


def test_app_runs_the_default_page(tiny_store_path):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["store_location"] = str(tiny_store_path)
    at.run()
    assert not at.exception
    assert "Overview" in at.title[0].value


def test_overview_counts_classes_documents_and_targets(tiny_store_path):
    at = open_page(tiny_store_path, "overview")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["学校 School"] == "5"
    # Titles the texts cite are documents of the graph, not documents loaded.
    assert "文件 Document" not in metrics
    assert metrics["已载入文件 / Documents loaded"] == "2"
    assert metrics["被引文件 / Cited documents"] == "1"
    quads = tiny_quads()
    assert metrics["三元组 / Triples (quads)"] == f"{len(quads):,}"
    assert metrics["命名图 / Named graphs"] == str(len({q.graph_name for q in quads}))
    # Mentions are listed after the entities, as records of where entities are named.
    labels = [m.label for m in at.metric]
    assert labels.index("提及 Mention") > labels.index("学校 School")
    # The most stated indicator first, compared across the districts that state it.
    assert at.selectbox(key="overview_indicator").value == 0
    targets = frame(at, "targets")
    assert set(targets["area_name"]) == {"钟楼区", "海陵区"}
    assert sorted(targets["total"].tolist()) == [1200, 1575]
    at.selectbox(key="overview_indicator").select(1).run()
    assert frame(at, "targets")[["area_name", "indicator"]].values.tolist() == [["常州市", "投入"]]
    docs = frame(at, "documents")
    assert sorted(docs["area_name"]) == ["常州市", "海陵区"]


def test_sparql_runs_the_default_query_and_shows_labels(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.button(key="sparql_run").click().run()
    assert not at.exception
    assert "rows" in texts(at)
    table = frame(at, "group")
    assert len(table) == 4
    # An IRI cell shows its label (a click on it opens its page: test_issue_12_…).
    assert "西仓桥教育集团" in table["group"].tolist()
    assert "sparql" in at.query_params.get("q", "sparql") or at.query_params["q"]


def test_sparql_example_form_binds_parameters(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.selectbox(key="sparql_example").select("targets_by_area_and_indicator").run()
    # The required indicator starts with the most stated one in the data; cleared, there is no
    # run button until it is given again.
    indicator = at.text_input(key="param_targets_by_area_and_indicator_indicator")
    assert indicator.value == "新增学位"
    indicator.input("").run()
    assert not [b for b in at.button if b.key == "sparql_run_example"]
    assert any("指标" in i.value for i in at.info)
    at.text_input(key="param_targets_by_area_and_indicator_indicator").input("新增学位").run()
    at.text_input(key="param_targets_by_area_and_indicator_area_name").input("钟楼区").run()
    at.button(key="sparql_run_example").click().run()
    assert not at.exception
    table = frame(at, "total")
    assert table["total"].tolist() == ["1575"]
    assert "VALUES (?indicator ?area_name)" in at.session_state["sparql_text"]


def test_sparql_refuses_an_update_with_a_clear_message(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = "DELETE WHERE { ?s ?p ?o }"
    at.button(key="sparql_run").click().run()
    assert any("refused" in e.value and "DELETE" in e.value for e in at.error)


def test_sparql_refuses_service_but_allows_it_in_a_literal(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }"
    at.button(key="sparql_run").click().run()
    assert any("SERVICE" in e.value for e in at.error)
    at.session_state["sparql_text"] = 'SELECT ?s { ?s ?p ?o FILTER(?o = "SERVICE") }'
    at.button(key="sparql_run").click().run()
    assert not at.error
    assert "0 行 / rows" in texts(at)


def test_sparql_syntax_error_shows_line_and_column(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = "SELECT ?s WHERE {\n  ?s ?p\n}"
    at.button(key="sparql_run").click().run()
    assert any("line 3" in e.value for e in at.error)


def test_sparql_construct_offers_turtle_and_history(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "CONSTRUCT { ?s ekg:memberOf ?g } WHERE { ?s ekg:memberOf ?g }"
    )
    at.button(key="sparql_run").click().run()
    assert "4 个三元组 / triples" in texts(at)
    assert len(at.session_state["sparql_history"]) == 1
    at.radio(key="sparql_triples_view").set_value("复现 Reproduce").run()
    assert "curl" in "\n".join(c.value for c in at.code)


def test_sparql_result_views_are_drawn_one_at_a_time(tiny_store_path):
    # A graph in a hidden tab draws collapsed, so views are picked, and only the picked one
    # is drawn: here the table view draws no code, the Reproduce view does.
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p = ekg:memberOf) }"
    )
    at.button(key="sparql_run").click().run()
    assert not at.code
    for view in ("关系图 Graph", "图表 Chart", "下载 Download", "复现 Reproduce"):
        at.radio(key="sparql_view").set_value(view).run()
        assert not at.exception, view
    assert at.code


def test_result_graph_names_edges_by_the_predicate_column(tiny_store):
    from graph_store.sandbox import iri_edges

    result = tiny_store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(?p = ekg:memberOf) }")
    edges = iri_edges(result)
    assert len(edges) == 4
    assert {relation for _, relation, _ in edges} == {"memberOf"}
    nodes = {n for s, _, t in edges for n in (s, t)}
    assert all(n.startswith("https://w3id.org/edukg/id/") for n in nodes)  # no predicate node


def test_sparql_shared_link_reopens_the_query(tiny_store_path):
    query = "SELECT ?title WHERE { ?d dct:title ?title }"
    at = open_page(tiny_store_path, "sparql", q=query)
    assert at.session_state["sparql_text"] == query


def test_search_finds_entities_by_partial_name_and_pinyin(tiny_store_path):
    at = open_page(tiny_store_path, "search")
    at.text_input(key="search_text").input("仓桥").run()
    entities = frame(at, "matched")
    assert "西仓桥小学" in entities["matched"].tolist()
    sentences = frame(at, "sentence")
    assert any("西仓桥小学参与钟楼三名工程" in s for s in sentences["sentence"])
    at.text_input(key="search_text").input("xicangqiao").run()
    assert "西仓桥小学" in frame(at, "matched")["matched"].tolist()


def test_search_says_what_to_try_when_nothing_matches(tiny_store_path):
    at = open_page(tiny_store_path, "search", text="不存在的名字")
    assert any("pinyin" in i.value for i in at.info)


def test_explorer_draws_the_neighbourhood_and_details(tiny_store_path):
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    caption = texts(at)
    assert "centre: 西仓桥小学" in caption
    assert "nodes" in caption
    assert "西仓桥小学参与钟楼三名工程。" in frame(at, "quote")["quote"].tolist()
    at.slider(key="explorer_depth").set_value(2).run()
    assert not at.exception


def test_explorer_expand_keeps_the_details_on_the_expanded_node(tiny_store_path):
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    group = "https://w3id.org/edukg/id/group/xicangqiao"
    at.selectbox(key="explorer_detail").select(group).run()
    assert "西仓桥教育集团" in at.subheader[0].value
    at.button(key="explorer_expand").click().run()
    assert not at.exception
    assert at.selectbox(key="explorer_detail").value == group
    assert "西仓桥教育集团" in texts(at).split("centre:")[-1]


def test_explorer_details_follow_a_click_and_then_the_picker():
    from app_views.explorer import follow_click
    from graph_store.app_queries import Neighbourhood, NodeInfo

    graph = Neighbourhood(nodes={i: NodeInfo(i, i, "School") for i in ("a", "b", "c")})
    state: dict = {}
    assert follow_click(state, graph, [], ["a"]) == "a"  # nothing clicked: the centre
    assert follow_click(state, graph, ["b"], ["a"]) == "b"  # a click shows the clicked node
    state["explorer_detail"] = "c"  # then the reader picks another in the list
    assert follow_click(state, graph, ["b"], ["a"]) == "c"  # the old click does not win again
    assert follow_click(state, graph, ["a"], ["a"]) == "a"  # a new click does


def test_entities_of_one_name_read_apart_by_place_and_year(tiny_store_path):
    at = open_page(tiny_store_path, "explorer")
    at.text_input(key="explorer_name").input("三名工程").run()
    picker = at.selectbox(key="explorer_match")
    captions = picker.options  # AppTest lists the options as displayed
    named = [c for c in captions if c.startswith("三名工程 · ")]
    assert len(named) >= 3
    assert len(set(named)) == len(named)  # no two read the same
    assert "三名工程 · 项目 Program · 海陵区 · 2020" in named


def test_resource_page_shows_statements_both_ways_with_labels_and_evidence(tiny_store_path):
    at = open_page(tiny_store_path, "resource", iri=XCQ)
    assert not at.error and not at.warning
    blocks = "\n".join(html.unescape(m.value) for m in at.markdown)
    assert "西仓桥小学 · 学校 School · 钟楼区" in blocks
    assert "ekgid:school/xicangqiao" in "\n".join(c.value for c in at.code)
    # Out: predicates prefixed, objects by label, each a link to its own page, same tab.
    assert ">ekg:memberOf</a>" in blocks and ">西仓桥教育集团 · 教育集团 EducationGroup" in blocks
    assert "resource?iri=https%3A%2F%2Fw3id.org%2Fedukg%2Fid%2Fgroup%2Fxicangqiao" in blocks
    assert "target='_blank'" not in blocks and "target='_self'" in blocks
    # In: the campus that is its campus.
    assert ">ekg:campusOf</a>" in blocks and "西仓桥小学东校区" in blocks
    assert "西仓桥小学参与钟楼三名工程。" in blocks  # an evidence sentence
    assert "explorer?entity=" in blocks  # and the way on to the explorer


def test_resource_page_of_an_unknown_iri_says_so(tiny_store_path):
    at = open_page(tiny_store_path, "resource", iri="https://w3id.org/edukg/id/school/nowhere")
    assert at.warning and "says nothing" in at.warning[0].value


def click_cell(at: AppTest, key: str, row: int, column: str) -> AppTest:
    """Click one cell of the table `key`, as the browser reports it (its selection), and run."""
    at.session_state[key] = {"selection": {"rows": [], "columns": [], "cells": [[row, column]]}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def on_resource_page(at: AppTest, iri: str) -> bool:
    return at.title[0].value == "资源 / Resource" and at.query_params.get("iri") == iri


def test_issue_12_search_links_open_the_resource_page_in_this_session(tiny_store_path):
    at = open_page(tiny_store_path, "search")
    at.text_input(key="search_text").input("仓桥").run()
    names = frame(at, "matched")["name"].tolist()
    assert "西仓桥小学" in names  # the label, not a link that opens a new browser tab
    at.session_state["issue_12_marker"] = "kept"
    click_cell(at, "search_entities", names.index("西仓桥小学"), "name")
    assert on_resource_page(at, XCQ)
    assert "西仓桥小学 · 学校 School · 钟楼区" in html.unescape(texts(at))
    assert at.session_state["issue_12_marker"] == "kept"  # the same session


def test_issue_12_sparql_result_links_open_the_resource_page_in_this_session(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = f"SELECT ?group WHERE {{ <{XCQ}> ekg:memberOf ?group }}"
    at.button(key="sparql_run").click().run()
    assert frame(at, "group")["group"].tolist() == ["西仓桥教育集团"]
    click_cell(at, "sparql_result_table", 0, "group")
    assert on_resource_page(at, "https://w3id.org/edukg/id/group/xicangqiao")
    # The query and its result are still there on the way back.
    assert at.session_state["sparql_outcome"]["query"].endswith("?group }")


def test_issue_12_explorer_links_open_their_pages_in_this_session(tiny_store_path):
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    documents = frame(at, "title")
    assert not documents["document"].str.startswith("http").any()  # labels
    click_cell(at, "explorer_documents", 0, "document")
    assert at.title[0].value == "资源 / Resource"
    assert at.query_params["iri"].startswith("https://w3id.org/edukg/id/doc/")
    # The details' own link to the node's resource page is a page link (same session).
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    [link] = [p for p in at.get("page_link") if "资源页" in p.proto.label]
    assert "xicangqiao" in link.proto.query_string


def test_issue_12_documents_read_link_opens_the_reader_on_that_document(tiny_store_path):
    at = open_page(tiny_store_path, "documents")
    table = frame(at, "read")
    row = next(i for i, t in enumerate(table["title"]) if "海陵" in t or "全区" in t)
    click_cell(at, "documents_table", row, "read")
    assert at.query_params["doc"] == "https://w3id.org/edukg/id/doc/tinydoc1"
    assert at.selectbox(key="documents_read").value == "https://w3id.org/edukg/id/doc/tinydoc1"


def test_explorer_finds_by_pinyin(tiny_store_path):
    at = open_page(tiny_store_path, "explorer")
    at.text_input(key="explorer_name").input("qingtan").run()
    assert at.selectbox(key="explorer_match").value == "https://w3id.org/edukg/id/school/qingtan"
    at.button(key="explorer_show").click().run()
    assert "centre: 清潭小学" in texts(at)


# Two targets of 钟楼区 stated in tinydoc2: one in the section that names 钟楼三名工程, one in
# another section (written for these tests).
TARGET_MENTIONS = """
@prefix ekg: <https://w3id.org/edukg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/edukg/id/graph/test-targets> {
  <https://w3id.org/edukg/id/test-m1> a ekg:Mention ; ekg:refersTo <https://w3id.org/edukg/id/target/zl-2019-seats> ;
    ekg:inDocument <https://w3id.org/edukg/id/doc/tinydoc2> ; ekg:inSection <https://w3id.org/edukg/id/doc/tinydoc2/sec/1> ; ekg:start 40 ;
    ekg:quote "钟楼三名工程带动新增学位1575个,惠及全区新生。"@zh .
  <https://w3id.org/edukg/id/target/zl-other> a ekg:Target ; rdf:value "30"^^xsd:decimal ; ekg:unit "所"@zh ;
    ekg:indicator "改造校舍"@zh ; ekg:statedIn <https://w3id.org/edukg/id/doc/tinydoc2> ;
    ekg:jurisdiction <https://w3id.org/edukg/id/area/320404> .
  <https://w3id.org/edukg/id/test-m2> a ekg:Mention ; ekg:refersTo <https://w3id.org/edukg/id/target/zl-other> ;
    ekg:inDocument <https://w3id.org/edukg/id/doc/tinydoc2> ; ekg:inSection <https://w3id.org/edukg/id/doc/tinydoc2/sec/2> ; ekg:start 90 ;
    ekg:quote "另行改造校舍30所。"@zh .
}
"""


def _add(store_path: Path, trig: str) -> None:
    from graph_store.embedded import EmbeddedStore

    quads = list(ox.parse(trig.encode(), format=ox.RdfFormat.TRIG))
    store = EmbeddedStore(store_path)
    store.put_graph(quads[0].graph_name, quads)
    store.close()


def test_programmes_page_shows_participants_with_their_whole_sentence(tiny_store_path):
    at = open_page(tiny_store_path, "programmes", program=ZL)
    participants = frame(at, "participant")
    assert len(participants) == 1 and "role" in participants.columns
    # The sentence is shown whole, outside the table (a cell cuts it off).
    assert "西仓桥小学参与钟楼三名工程。" in html.unescape(texts(at))
    subs = frame(at, "sub")
    assert len(subs) == 2


def test_programmes_page_lists_the_targets_of_the_sections_that_name_it(tiny_store_path):
    _add(tiny_store_path, TARGET_MENTIONS)
    at = open_page(tiny_store_path, "programmes", program=ZL)
    targets = frame(at, "indicator")
    # Not every target of 钟楼区 (改造校舍 is stated in a section that does not name it).
    assert targets["value"].tolist() == ["1575"]
    assert "钟楼三名工程带动新增学位1575个,惠及全区新生。" in html.unescape(texts(at))


def test_programmes_page_opens_on_a_programme_with_participants(tiny_store_path):
    at = open_page(tiny_store_path, "programmes")
    picker = at.selectbox(key="programme_pick")
    assert "0 参与" not in picker.format_func(picker.value)
    assert len(frame(at, "participant")) >= 1


def test_programmes_page_school_view(tiny_store_path):
    at = open_page(tiny_store_path, "programmes", school=XCQ)
    assert "校区 / Campuses (1)" in texts(at)
    assert len(frame(at, "title")) == 1
    # Its sentences, whole, and the programmes they name.
    assert (
        "西仓桥小学领衔西仓桥教育集团,清潭小学加入集团,西仓桥小学东校区同步建设。"
        in html.unescape(texts(at))
    )
    named = frame(at, "sentences")
    assert len(named) >= 1


def test_lineage_table_and_diff(tiny_store_path):
    at = open_page(tiny_store_path, "lineage")
    pivot = at.dataframe[0].value
    assert set(pivot.index) == {"常州市", "钟楼区", "海陵区"}
    assert "名校长培育" in pivot.loc["钟楼区", "2019"]
    assert "新增学位 1575个" in pivot.loc["钟楼区", "2019"]
    at.selectbox(key="lineage_a").select("常州市").run()
    at.selectbox(key="lineage_b").select("钟楼区").run()
    assert _diff(at) == {
        ("名校建设", "名校建设"): ("同名 / same name", "保留 / kept"),
        ("名师培养", ""): ("", "钟楼区 删去 / dropped by 钟楼区"),
        ("", "名校长培育"): ("", "钟楼区 新增 / added by 钟楼区"),
    }


def _diff(at: AppTest, earlier: str = "常州市", later: str = "钟楼区") -> dict:
    table = frame(at, "变化 / change")
    return {
        (r[f"{earlier} 子项目 / components"], r[f"{later} 子项目 / components"]): (
            r["对应依据 / matched by"],
            r["变化 / change"],
        )
        for r in table.to_dict("records")
    }


def test_issue_12_lineage_diff_reads_from_the_implemented_side_with_years_and_targets(
    tiny_store_path,
):
    """The district implements the city's programme: whichever order the reader picks, the
    diff reads from the city to the district (what the district adds, renames or drops),
    with each side's years and each component's targets."""
    _add(tiny_store_path, TARGET_MENTIONS)
    at = open_page(tiny_store_path, "lineage")
    at.selectbox(key="lineage_a").select("钟楼区").run()
    at.selectbox(key="lineage_b").select("常州市").run()
    assert not at.exception
    assert any("常州市" in c.value and "钟楼区 implements 常州市" in c.value for c in at.caption)
    table = frame(at, "变化 / change")
    assert list(table.columns) == [
        "常州市 子项目 / components",
        "常州市 年份 / year",
        "常州市 目标 / targets",
        "钟楼区 子项目 / components",
        "钟楼区 年份 / year",
        "钟楼区 目标 / targets",
        "对应依据 / matched by",
        "变化 / change",
    ]
    kept = table[table["钟楼区 子项目 / components"] == "名校建设"].iloc[0]
    assert (kept["常州市 年份 / year"], kept["钟楼区 年份 / year"]) == ("2019", "2019")
    # 名校建设 is named in the section that states 1575 new places (TARGET_MENTIONS).
    assert kept["钟楼区 目标 / targets"] == "新增学位 1575个 (2019)"
    assert kept["常州市 目标 / targets"] == ""
    assert set(table["变化 / change"]) == {
        "保留 / kept",
        "钟楼区 删去 / dropped by 钟楼区",
        "钟楼区 新增 / added by 钟楼区",
    }


def test_lineage_diff_pairs_a_component_with_the_one_it_implements_under_another_name(
    tiny_store_path,
):
    _add(
        tiny_store_path,
        "<https://w3id.org/edukg/id/graph/test-link> { "
        "<https://w3id.org/edukg/id/program/zl-mingzhang> "
        "<https://w3id.org/edukg/ontology#implements> "
        "<https://w3id.org/edukg/id/program/cz-mingshi> . }",
    )
    at = open_page(tiny_store_path, "lineage")
    at.selectbox(key="lineage_a").select("常州市").run()
    at.selectbox(key="lineage_b").select("钟楼区").run()
    diff = _diff(at)
    assert diff[("名师培养", "名校长培育")] == ("落实 / implements", "改名 / renamed")
    assert len(diff) == 2


def test_documents_list_filters_and_reader_highlights(tiny_store_path):
    at = open_page(tiny_store_path, "documents")
    assert len(frame(at, "read")) == 2
    at.multiselect(key="documents_area").select("海陵区").run()
    assert frame(at, "read")["title"].tolist() == ["区教育局关于印发2020年全区教育工作要点的通知"]
    html = "\n".join(m.value for m in at.markdown)
    assert "resource?iri=" in html and "三名工程</a>" in html


def test_documents_upload_ingests_good_files_and_reports_bad_ones(tiny_store_path):
    from app_views.documents import ingest_uploads

    at = open_page(tiny_store_path, "documents")  # the app holds the store read-only meanwhile
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[0]
    report = ingest_uploads(
        str(tiny_store_path), [(corpus.name, corpus.read_bytes()), ("broken.html", b"\xff\xfe\x00")]
    )
    assert [Path(d.path).name for d in report.loaded] == [corpus.name]
    assert [Path(f.path).name for f in report.failed] == ["broken.html"]
    assert report.failed[0].message.startswith("broken.html: ")
    assert tempfile.gettempdir() not in report.failed[0].message  # no server path is shown
    from app_views.common import reopen_store

    reopen_store()
    at = open_page(tiny_store_path, "documents")
    assert len(frame(at, "read")) == 3


def test_documents_upload_in_the_page_refreshes_the_list_and_reports(tiny_store_path):
    at = open_page(tiny_store_path, "documents")
    assert len(frame(at, "read")) == 2
    corpus = sorted((ROOT / "data" / "corpus").glob("*.txt"))[0]
    at.file_uploader(key="documents_upload").set_value(
        [
            (corpus.name, corpus.read_bytes(), "text/plain"),
            ("bad.html", b"\xff\xfe\x00", "text/html"),
        ]
    )
    at.run()
    at.button(key="documents_ingest").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(frame(at, "read")) == 3  # the same session sees the new document
    assert any(corpus.name in html.unescape(s.value) for s in at.success)
    errors = [html.unescape(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("bad.html: ")
    assert errors[0].count("bad.html") == 1  # named once, not "bad.html: bad.html: …"


def test_documents_interview_without_title_reads_by_type_and_turns(tmp_path):
    from graph_store.embedded import EmbeddedStore
    from graph_store.ingest import ingest_paths

    interview = next(
        p for p in sorted((ROOT / "data" / "corpus").glob("*.txt")) if "访谈" in p.read_text()
    )
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [interview])
    store.close()
    at = open_page(tmp_path / "store", "documents")
    title = frame(at, "read")["title"].iloc[0]
    assert title.startswith("（无标题 / untitled 访谈 / interview）")
    assert interview.name in title
    assert frame(at, "read")["doc_type"].tolist() == ["访谈 / interview"]
    picker = at.selectbox(key="documents_read")
    assert picker.format_func(picker.value) == title  # not the IRI, not nan
    outline = [
        html.unescape(m.value) for m in at.markdown if "问 Q" in m.value or "答 A" in m.value
    ]
    assert len(outline) >= 20  # every turn is an entry with its role
    empty = [m.value for m in at.markdown if re.fullmatch(r"<div style='[^']*'>\s*</div>", m.value)]
    assert not empty  # no outline entry without text (28 before issue 12)
    assert all("nan" not in line and "None" not in line for line in outline)
    assert sum("答 A" in line for line in outline) >= 10
    # A turn's entry holds its speaker (when the transcript names one) and its first words.
    assert any(re.search(r"答 A \S+: \S", line) for line in outline)


def _downloads(at: AppTest) -> list:
    return at.get("download_button")


def test_export_neighbourhood_of_an_entity_downloads_in_one_step(tiny_store_path):
    at = open_page(tiny_store_path, "export", entity=XCQ)
    at.radio(key="export_scope").set_value("neighbourhood").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "西仓桥小学 · 学校 School" in at.selectbox(key="export_entity").format_func(XCQ)
    at.selectbox(key="export_neighbourhood_format").set_value("graphml").run()
    buttons = _downloads(at)
    assert len(buttons) == 1 and "GraphML" in buttons[0].proto.label
    assert _size(buttons[0]) > 1000  # ready at once: no "prepare" step


def test_export_research_bundle_of_a_named_query(tiny_store_path):
    at = open_page(tiny_store_path, "export")
    at.radio(key="export_scope").set_value("bundle").run()
    at.selectbox(key="export_bundle_query").set_value("documents_by_area_and_year").run()
    at.button(key="export_bundle_build").click().run()
    assert not at.exception and not at.error
    buttons = _downloads(at)
    assert len(buttons) == 1 and "documents_by_area_and_year-bundle.zip" in buttons[0].proto.label
    assert _size(buttons[0]) > 1000


def _size(button) -> int:
    """Return the byte count a download button's label states."""
    return int(
        re.search(r"\(([\d,]+) 字节 / bytes\)", button.proto.label).group(1).replace(",", "")
    )


def test_export_offers_every_format(tiny_store_path):
    at = open_page(tiny_store_path, "export")
    formats = at.selectbox(key="export_format").options
    assert len(formats) == 9
    at.selectbox(key="export_format").select("GEXF (Gephi)").run()
    at.button(key="export_prepare").click().run()
    assert not at.exception
    assert not at.error


def test_export_selection_explains_how_to_get_one(tiny_store_path):
    at = open_page(tiny_store_path, "export")
    at.radio(key="export_scope").set_value("selection").run()
    assert any("SPARQL page" in i.value for i in at.info)


def test_empty_store_explains_what_to_do(tmp_path):
    from graph_store.embedded import EmbeddedStore

    EmbeddedStore(tmp_path / "empty").close()
    at = open_page(tmp_path / "empty", "overview")
    assert any("edukg ingest" in i.value for i in at.info)


def test_table_headers_and_relation_names_read_in_both_languages(tiny_store_path):
    import json

    at = open_page(tiny_store_path, "programmes", program=ZL)
    table = next(d for d in at.dataframe if "participant" in d.value.columns)
    headers = {name: c.get("label") for name, c in json.loads(table.proto.columns).items()}
    assert headers["participant"] == "参与者 / participant ↗"  # a click opens its page
    assert headers["role"] == "角色 / role"
    links = next(d for d in at.dataframe if "relation" in d.value.columns)
    assert all(" / " in r for r in links.value["relation"])  # implements → 落实 / implements


ZHONGLOU = "https://w3id.org/edukg/id/area/320404"
# 40 schools located in 钟楼区, which 西仓桥小学 is located in too: a hub two steps away.
HUB_SCHOOLS = (
    "@prefix ekg: <https://w3id.org/edukg/ontology#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<https://w3id.org/edukg/id/graph/test-hub> {\n"
    + "".join(
        f"  <https://w3id.org/edukg/id/school/hub-{i}> a ekg:School ; "
        f'rdfs:label "钟楼第{i}小学"@zh ; ekg:locatedIn <{ZHONGLOU}> .\n'
        for i in range(40)
    )
    + "}\n"
)


def drawn_nodes(at: AppTest) -> int:
    found = re.search(r"(\d+) 个节点 / nodes · ", texts(at))
    assert found, texts(at)
    return int(found.group(1))


def test_issue_12_explorer_caps_a_hubs_neighbours_with_a_more_node(tiny_store_path):
    _add(tiny_store_path, HUB_SCHOOLS)
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    at.slider(key="explorer_depth").set_value(2).run()
    # 钟楼区 shows its 12 most connected neighbours and one "+K more" node, not 40 schools.
    assert drawn_nodes(at) <= 20
    picker = at.selectbox(key="explorer_detail")
    summaries = [o for o in picker.options if o.startswith("+")]  # as displayed
    [summary] = summaries
    hidden = re.fullmatch(r"\+(\d+) 更多 / more · 钟楼区", summary)
    assert hidden and int(hidden.group(1)) >= 40 - 12, summary
    more = f"more:{ZHONGLOU}"
    # Its details say whose neighbours they are; a button draws them all.
    picker.select(more).run()
    assert "钟楼区 · 行政区" in at.subheader[0].value and "更多" in at.subheader[0].value
    at.button(key="explorer_show_more").click().run()
    assert not at.exception
    assert drawn_nodes(at) >= 40
    assert at.selectbox(key="explorer_detail").value == ZHONGLOU  # the details on the hub
    # …and from the hub's details it draws fewer again.
    at.button(key="explorer_collapse").click().run()
    assert drawn_nodes(at) <= 20


def test_issue_12_explorer_stays_readable_at_depth_3(tiny_store_path):
    _add(tiny_store_path, HUB_SCHOOLS)
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    at.slider(key="explorer_depth").set_value(3).run()
    assert drawn_nodes(at) <= 60
    assert "more in" in texts(at)  # says how many are summarised


# --- issue 12 audit: the items nobody had a test for ------------------------------------------

REPEATS = "SELECT ?school ?name WHERE { ?school a ekg:School ; rdfs:label ?name } ORDER BY ?school"
REPEATED_NAME = """<https://w3id.org/edukg/id/graph/test-repeat> {
  <https://w3id.org/edukg/id/school/xicangqiao> a <https://w3id.org/edukg/ontology#School> ;
    <http://www.w3.org/2000/01/rdf-schema#label> "西仓桥小学"@zh . }"""


def test_issue_12_sparql_counts_rows_distinct_aware_and_keeps_each_once(tiny_store_path):
    """The union default graph repeats a statement per graph that states it: the page says how
    many rows are distinct and can show each once."""
    _add(tiny_store_path, REPEATED_NAME)  # a second document restates the school's name
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = REPEATS
    at.button(key="sparql_run").click().run()
    table = frame(at, "school")
    total, distinct = len(table), len(table.drop_duplicates())
    assert distinct < total
    repeats = f"({total - distinct} 重复 / repeats)"
    assert f"{total} 行 / rows · {distinct} 不同 / distinct {repeats}" in texts(at)
    at.toggle(key="sparql_distinct").set_value(True).run()
    assert not at.exception
    once = frame(at, "school")
    assert len(once) == distinct and not once.duplicated().any()


def test_issue_12_sparql_raw_iris_are_prefixed(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "SELECT ?school ?p ?group WHERE { ?school ?p ?group . "
        "FILTER(?p = ekg:memberOf) } ORDER BY ?school LIMIT 1"
    )
    at.button(key="sparql_run").click().run()
    labelled = frame(at, "p")
    assert labelled["p"].tolist() == ["ekg:memberOf"]  # a property is no entity: prefixed
    at.toggle(key="sparql_raw_iris").set_value(True).run()
    raw = frame(at, "p").iloc[0]
    assert raw["p"] == "ekg:memberOf"
    assert raw["school"].startswith("ekgid:school/")
    assert raw["group"].startswith("ekgid:group/")


def test_issue_12_construct_triples_are_prefixed_and_counted_distinct(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "CONSTRUCT { ?s ekg:memberOf ?g } WHERE { ?s ekg:memberOf ?g }"
    )
    at.button(key="sparql_run").click().run()
    triples = frame(at, "predicate")
    assert set(triples["predicate"]) == {"ekg:memberOf"}
    assert all(s.startswith("ekgid:school/") for s in triples["subject"])


def test_issue_12_resource_page_lists_its_documents(tiny_store_path):
    at = open_page(tiny_store_path, "resource", iri=XCQ)
    assert any("来源文件 / Its documents (1)" in s.value for s in at.subheader)
    blocks = "\n".join(html.unescape(m.value) for m in at.markdown)
    assert "documents?doc=https%3A%2F%2Fw3id.org%2Fedukg%2Fid%2Fdoc%2Ftinydoc2" in blocks
    assert ">2019年常州市教育工作要点</a>" in blocks


def test_issue_12_resource_evidence_of_an_untitled_document_reads_by_its_file(tmp_path):
    from graph_store.embedded import EmbeddedStore
    from graph_store.ingest import ingest_paths

    interview = next(
        p for p in sorted((ROOT / "data" / "corpus").glob("*.txt")) if "访谈" in p.read_text()
    )
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [interview])
    entity = next(
        row[0].value
        for row in store.select(
            "SELECT ?e WHERE { ?m <https://w3id.org/edukg/ontology#refersTo> ?e } LIMIT 1"
        )
    )
    store.close()
    at = open_page(tmp_path / "store", "resource", iri=entity)
    blocks = "\n".join(html.unescape(m.value) for m in at.markdown)
    assert f">{interview.name}</a>" in blocks  # the file, not the document's IRI
    assert "/id/doc/" not in re.sub(r"href='[^']*'", "", blocks)


def test_issue_12_explorer_details_show_prefixed_iri_and_properties(tiny_store_path):
    at = open_page(tiny_store_path, "explorer", entity=XCQ)
    assert "ekgid:school/xicangqiao" in "\n".join(c.value for c in at.code)
    props = frame(at, "property")
    assert "rdfs:label" in props["property"].tolist()
    relations = at.multiselect(key="explorer_relations")
    assert "成员 / member of" in relations.options and "memberOf" not in relations.options


def test_issue_12_programme_targets_leave_out_another_jurisdictions(tiny_store_path):
    """The city's programme is named in the section that states the district's 1575 places:
    that target is the district's, not the city programme's."""
    _add(tiny_store_path, TARGET_MENTIONS)
    at = open_page(
        tiny_store_path, "programmes", program="https://w3id.org/edukg/id/program/cz-sanming"
    )
    assert not [df for df in at.dataframe if "indicator" in df.value.columns]
    assert any("目标 / Targets (0)" in m.value for m in at.markdown)


def test_issue_12_search_shows_where_when_and_a_prefixed_iri(tiny_store_path):
    at = open_page(tiny_store_path, "search")
    at.text_input(key="search_text").input("三名工程").run()
    table = frame(at, "iri")
    row = table[table["iri"] == "ekgid:program/zl-sanming"].iloc[0]
    assert (row["area"], row["year"]) == ("钟楼区", "2019")
    assert not any(i.startswith("http") for i in table["iri"])


def test_issue_12_resource_page_shows_a_reified_statement_prefixed_not_by_its_hash(
    tiny_store_path,
):
    _add(
        tiny_store_path,
        "<https://w3id.org/edukg/id/graph/inferred> { "
        "<https://w3id.org/edukg/id/statement/ab12cd34> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <" + ZL + "> ; "
        '<https://w3id.org/edukg/ontology#method> "lineage.implements.v1" . }',
    )
    at = open_page(tiny_store_path, "resource", iri=ZL)
    blocks = "\n".join(html.unescape(m.value) for m in at.markdown)
    assert ">ekgid:statement/ab12cd34</a>" in blocks
    assert ">ab12cd34</a>" not in blocks


def test_issue_12_construct_result_exports_as_a_labelled_network(tiny_store_path, downloads):
    """The last CONSTRUCT result downloads as GraphML and GEXF too, nodes named by label."""
    files = downloads
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "CONSTRUCT { ?s ekg:memberOf ?g ; rdfs:label ?n } WHERE { ?s ekg:memberOf ?g ; rdfs:label ?n }"
    )
    at.button(key="sparql_run").click().run()
    at.switch_page("app_views/export.py").run()
    at.radio(key="export_scope").set_value("selection").run()
    assert not at.exception
    labels = [b.proto.label for b in _downloads(at)]
    assert "GraphML" in labels and "GEXF (Gephi)" in labels
    graphml = files["selection.graphml"].decode("utf-8")
    assert "西仓桥小学" in graphml  # a label the result holds
    assert "西仓桥教育集团" in graphml  # one it does not: read from the store
    assert "EducationGroup" in graphml


def test_issue_12_an_unlabelled_entity_in_a_table_reads_prefixed(tiny_store_path):
    _add(
        tiny_store_path,
        "<https://w3id.org/edukg/id/graph/test-statement> { "
        "<https://w3id.org/edukg/id/statement/ab12cd34> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <" + ZL + "> . }",
    )
    at = open_page(tiny_store_path, "sparql")
    at.session_state["sparql_text"] = (
        "SELECT ?s WHERE { ?s rdf:subject ?o . FILTER(STRSTARTS(STR(?s), STR(ekgid:statement))) }"
    )
    at.button(key="sparql_run").click().run()
    assert frame(at, "s")["s"].tolist() == ["ekgid:statement/ab12cd34"]
