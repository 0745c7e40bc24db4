"""graph_store.search_index (in memory), graph_store.search_fts (SQLite beside the store) and
graph_store.app_queries on the tiny store."""

from __future__ import annotations

import pytest

from graph_store.app_queries import neighbourhood
from graph_store.embedded import EmbeddedStore, read_generation
from graph_store.search_fts import FtsSearchIndex, open_folder_index
from graph_store.search_index import build_search_index, load_index, save_index

XCQ = "https://w3id.org/edukg/id/school/xicangqiao"


@pytest.fixture(params=["memory", "sqlite"])
def index(request, tiny_store, tiny_store_path):
    """The same behaviour from both indexes: the app's for an endpoint and for a folder."""
    if request.param == "memory":
        return build_search_index(tiny_store)
    store = EmbeddedStore(tiny_store_path, read_only=True)
    built = open_folder_index(store, tiny_store_path, read_generation(tiny_store_path))
    assert isinstance(built, FtsSearchIndex)
    return built


def test_search_finds_partial_chinese_names(index):
    hits = index.entities("仓桥")
    assert {h.record.label for h in hits} >= {"西仓桥小学", "西仓桥教育集团", "西仓桥小学东校区"}


def test_search_finds_by_pinyin_and_initials(index):
    assert index.entities("qingtan")[0].record.label == "清潭小学"
    assert index.entities("xcqxx")[0].record.iri == XCQ


def test_search_finds_alt_labels_and_sentences(index):
    assert index.entities("市教育局")[0].record.label == "常州市教育局"
    sentences = [h.record.text for h in index.search("新增学位", ("mention", "section"))]
    assert "2019年钟楼区新增学位1575个,全市投入800万元用于集团化办学。" in sentences


def test_a_sentence_is_found_by_what_it_holds_across_word_boundaries(index):
    # 增学 spans two words (新增|学位): a text is found by its characters, not by how it is cut.
    sentences = {h.record.text for h in index.search("增学", ("mention", "section"), limit=500)}
    assert "2019年钟楼区新增学位1575个,全市投入800万元用于集团化办学。" in sentences
    assert all("增学" in text for text in sentences)


def test_a_one_character_query_finds_names_only(index):
    hits = index.search("仓", limit=500)
    assert {h.record.label for h in hits} >= {"西仓桥小学", "西仓桥教育集团"}
    assert {h.record.kind for h in hits} == {"entity"}


def test_search_exact_name_ranks_first(index):
    assert index.entities("西仓桥小学")[0].record.iri == XCQ


def test_saved_index_reloads_only_for_the_same_store_state(tiny_store, tmp_path):
    index = build_search_index(tiny_store)
    save_index(index, tmp_path / "index.json")
    again = load_index(tmp_path / "index.json", index.fingerprint)
    assert again is not None and len(again.records) == len(index.records)
    assert again.entities("仓桥")[0].record.iri == XCQ
    assert load_index(tmp_path / "index.json", "other") is None


def test_neighbourhood_depth_and_class_filter(tiny_store):
    one = neighbourhood(tiny_store, [XCQ], depth=1)
    assert {n.label for n in one.nodes.values()} >= {"西仓桥教育集团", "钟楼三名工程", "钟楼区"}
    two = neighbourhood(tiny_store, [XCQ], depth=2)
    assert len(two.nodes) > len(one.nodes)
    schools = neighbourhood(tiny_store, [XCQ], depth=2, classes=["School", "Campus"])
    assert {n.cls for n in schools.nodes.values()} <= {"School", "Campus"}


def test_neighbourhood_caps_nodes(tiny_store):
    capped = neighbourhood(tiny_store, [XCQ], depth=3, max_nodes=3)
    assert len(capped.nodes) == 3 and capped.truncated
