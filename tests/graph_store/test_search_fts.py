"""The SQLite FTS5 search index beside a store: kept up at ingest and delete, rebuilt from the
store when missing, corrupt or stale, and answering exactly like the in-memory index."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from graph_store.embedded import EmbeddedStore, bump_generation, read_generation
from graph_store.ingest import delete_document, ingest_paths
from graph_store.search_fts import (
    FtsSearchIndex,
    IndexUpdate,
    index_path,
    open_folder_index,
    stale_reason,
    store_identity,
)
from graph_store.search_index import SearchHit, build_search_index
from ontology.namespace import PROGRAMS_GRAPH
from tests.store_fixtures import fill

DOC_A = """钟楼区教育局2019年工作要点

一、推进集团化办学
西仓桥小学参与钟楼三名工程。清潭小学加入西仓桥教育集团。
二、扩大优质资源
2019年新增学位1575个。
"""
DOC_B = """钟楼区教育局2020年工作要点

一、深化集团化办学
西仓桥小学牵头组建教育联盟,觅渡桥小学参与钟楼三名工程。
"""
QUERIES = (
    "仓桥",
    "西仓桥小学",
    "xicangqiao",
    "xcqxx",
    "xcq",
    "qingtan",
    "sanming",
    "zl",
    "a",
    "市教育局",
    "新增学位",
    "集团化办学",
    "三",
    "教育",
    "钟楼",
    "小学",
    "2019",
    "工程 ",
    "教育局。",
    "不存在的名字",
)


def hits_of(hits: list[SearchHit]) -> list[tuple]:
    return [(h.record, round(h.score, 9)) for h in hits]


def assert_same_answers(store: EmbeddedStore, index: FtsSearchIndex) -> None:
    """Every query, every kind filter, every limit: the same hits in the same order."""
    memory = build_search_index(store)
    for query in QUERIES:
        for kinds in (None, ("entity",), ("mention", "section")):
            expected = hits_of(memory.search(query, kinds, limit=100_000))
            assert hits_of(index.search(query, kinds, limit=100_000)) == expected, (query, kinds)
            assert hits_of(index.search(query, kinds, limit=7)) == expected[:7], (query, kinds)
        assert hits_of(index.entities(query, 20)) == hits_of(memory.entities(query, 20)), query


def texts(index: FtsSearchIndex, query: str) -> set[str]:
    return {h.record.text for h in index.search(query, ("mention", "section"), limit=500)}


def names(index: FtsSearchIndex, query: str) -> set[str]:
    return {h.record.label for h in index.entities(query, 100)}


@pytest.fixture
def two_documents(tmp_path: Path) -> tuple[EmbeddedStore, Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DOC_A, encoding="utf-8")
    (docs / "b.txt").write_text(DOC_B, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    report = ingest_paths(store, [docs])
    assert report.ok and len(report.loaded) == 2
    return store, docs, index_path(tmp_path / "store")


def current(store: EmbeddedStore, path: Path) -> FtsSearchIndex:
    """The index as ingest left it: it must reflect the store's generation, no rebuild."""
    folder = Path(store.location)
    assert stale_reason(path, read_generation(folder), store_identity(folder)) is None
    return FtsSearchIndex(path)


def graph_of(store: EmbeddedStore, title_part: str) -> NamedNode:
    """The graph of the one document whose title holds `title_part`."""
    rows = store.select(
        "SELECT DISTINCT ?g ?part WHERE { GRAPH ?g { ?d a ekg:Document ; dct:title ?t"
        " FILTER(CONTAINS(STR(?t), ?part)) } }",
        {"part": Literal(title_part)},
    ).rows
    assert len(rows) == 1, rows
    return rows[0][0]


def test_ingest_indexes_both_documents(two_documents):
    store, _, path = two_documents
    index = current(store, path)
    assert "2019年新增学位1575个。" in texts(index, "新增学位")  # a sentence of a.txt
    assert any("觅渡桥小学参与" in t for t in texts(index, "觅渡"))  # one of b.txt
    assert {"西仓桥小学", "西仓桥教育集团", "觅渡桥小学"} <= names(index, "桥")
    assert names(index, "mdqxx") == {"觅渡桥小学"}  # pinyin initials of a name from b.txt


def test_a_whole_build_leaves_the_default_fts_config_and_takes_updates_in_place(two_documents):
    store, docs, path = two_documents  # built whole, with a larger FTS5 hash size
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT k FROM tokens_config").fetchall() == [("version",)]
    finally:
        conn.close()
    inode = path.stat().st_ino
    delete_document(store, graph_of(store, "2020"))
    assert path.stat().st_ino == inode  # updated in place
    index = current(store, path)
    assert not any("觅渡桥小学参与" in t for t in texts(index, "觅渡"))
    assert "2019年新增学位1575个。" in texts(index, "新增学位")


def test_delete_removes_a_documents_records_and_keeps_shared_entities(two_documents):
    store, _, path = two_documents
    inode = path.stat().st_ino
    delete_document(store, graph_of(store, "钟楼区教育局2019年工作要点"))
    index = current(store, path)
    assert texts(index, "新增学位") == set()  # a.txt's sentences are gone
    assert path.stat().st_ino == inode  # updated in place, not built again
    assert "西仓桥教育集团" not in names(index, "仓桥")  # named only by a.txt
    assert "西仓桥小学" in names(index, "仓桥")  # still named by b.txt
    assert "西仓桥小学" in names(index, "xicangqiao")
    assert any("觅渡桥小学参与" in t for t in texts(index, "觅渡"))
    assert_same_answers(store, index)


def test_reingest_of_a_changed_document_replaces_its_records(two_documents):
    store, docs, path = two_documents
    (docs / "a.txt").write_text(DOC_A.replace("1575", "2000"), encoding="utf-8")
    assert ingest_paths(store, [docs / "a.txt"]).ok
    index = current(store, path)
    assert texts(index, "新增学位") == {"2019年新增学位2000个。"}
    hits = index.search("新增学位2000", ("section",))
    assert len(hits) == 1  # the old graph's records went with it, not beside it
    assert_same_answers(store, index)


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "stale"])
def test_a_missing_corrupt_or_stale_index_is_rebuilt_with_a_message(two_documents, damage, capsys):
    store, _, path = two_documents
    folder = Path(store.location)
    capsys.readouterr()
    if damage == "missing":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        bump_generation(folder)  # a write the index did not see
    index = open_folder_index(store, folder, read_generation(folder))
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "rebuilding it from the store" in err
    assert "Traceback" not in err
    assert isinstance(index, FtsSearchIndex)
    assert "西仓桥小学" in names(index, "仓桥")
    assert current(store, path) is not None
    again = open_folder_index(store, folder, read_generation(folder))
    assert capsys.readouterr().err == ""  # rebuilt once: now current
    assert_same_answers(store, again)


def test_an_index_found_corrupt_by_a_search_is_rebuilt_once(two_documents, capsys):
    store, _, path = two_documents
    folder = Path(store.location)
    index = open_folder_index(store, folder, read_generation(folder))
    assert "西仓桥小学" in names(index, "仓桥")
    path.write_bytes(b"garbage!" * 512)  # broken under a running app
    capsys.readouterr()
    assert "西仓桥小学" in names(index, "仓桥")
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "rebuilding it from the store" in err
    assert current(store, path) is not None


def test_ingest_over_a_corrupt_index_rebuilds_it(two_documents, capsys, tmp_path):
    store, docs, path = two_documents
    path.write_bytes(b"\0garbage" * 64)
    capsys.readouterr()
    (docs / "a.txt").write_text(DOC_A.replace("1575", "1600"), encoding="utf-8")
    assert ingest_paths(store, [docs / "a.txt"]).ok
    err = capsys.readouterr().err
    assert "search index" in err and "rebuilding it from the store" in err
    assert texts(current(store, path), "新增学位") == {"2019年新增学位1600个。"}


def test_a_changed_concept_scheme_is_followed(two_documents):
    """Every ingest writes the vocabulary graphs again; when they changed, so do their names."""
    store, _, path = two_documents
    concept = NamedNode("https://w3id.org/edukg/id/concept/bench-test")
    added = [
        Quad(
            concept,
            NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            NamedNode("https://w3id.org/edukg/ontology#ProgramConcept"),
            PROGRAMS_GRAPH,
        ),
        Quad(
            concept,
            NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            Literal("测试概念工程", language="zh"),
            PROGRAMS_GRAPH,
        ),
    ]
    update = IndexUpdate.begin(store)
    store.put_graph(PROGRAMS_GRAPH, [*store.quads(PROGRAMS_GRAPH), *added])
    update.finish()
    assert names(current(store, path), "测试概念") == {"测试概念工程"}
    update = IndexUpdate.begin(store)
    store.put_graph(PROGRAMS_GRAPH, [q for q in store.quads(PROGRAMS_GRAPH) if q not in added])
    update.finish()
    assert names(current(store, path), "测试概念") == set()


def test_a_store_without_a_folder_has_no_index_file(tmp_path):
    update = IndexUpdate.begin(EmbeddedStore(None))
    update.finish()  # nothing to do, nothing written
    assert update.path is None


def test_same_answers_as_the_in_memory_index_on_the_tiny_store(tmp_path):
    store = fill(EmbeddedStore(tmp_path / "store"))
    folder = tmp_path / "store"
    index = open_folder_index(store, folder, read_generation(folder))
    assert isinstance(index, FtsSearchIndex)
    assert_same_answers(store, index)


def test_same_answers_as_the_in_memory_index_on_the_corpus_built_incrementally(
    corpus_dir, tmp_path
):
    """Two ingests, a re-ingest of a copy under another name and a delete, each applied to
    the index in place: the result answers as a fresh in-memory build does."""
    files = sorted(corpus_dir.glob("*.txt"))
    store = EmbeddedStore(tmp_path / "store")
    assert ingest_paths(store, files[:2]).ok
    path = index_path(tmp_path / "store")
    inode = path.stat().st_ino  # a whole build replaces the file: the updates must not
    assert ingest_paths(store, files[2:]).ok
    copy = tmp_path / files[0].name
    shutil.copy(files[0], copy)
    assert ingest_paths(store, [copy]).ok  # the same document again: replaced in place
    delete_document(store, graph_of(store, "天宁区推进义务教育"))
    assert path.stat().st_ino == inode
    index = current(store, path)
    assert_same_answers(store, index)
    assert len(texts(index, "教育")) > 100


def test_a_sentence_is_indexed_once_under_its_innermost_section(tmp_path):
    # 一、 holds (二), whose span holds the sentence: one hit, not one per level of the outline.
    doc = tmp_path / "nested.txt"
    doc.write_text(
        "青禾区教育局2021年工作要点\n\n一、推进集团化办学\n(一)扩大集团覆盖\n"
        "青禾小学牵头组建青禾教育集团。\n(二)深化集团管理\n推进集团内教师轮岗交流。\n",
        encoding="utf-8",
    )
    store = EmbeddedStore(tmp_path / "store")
    assert ingest_paths(store, [doc]).ok
    index = current(store, index_path(tmp_path / "store"))
    hits = index.search("教师轮岗", ("section",))
    assert [(h.record.text, h.record.label) for h in hits] == [
        ("推进集团内教师轮岗交流。", "深化集团管理")
    ]
    # The outer section keeps the text no inner section holds: its heading line.
    assert [h.record.label for h in index.search("推进集团化办学", ("section",))] == [
        "推进集团化办学"
    ]
    assert_same_answers(store, index)
