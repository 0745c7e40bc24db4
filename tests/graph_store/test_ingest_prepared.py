"""What an ingest's workers make beside each graph (graph_store.ingest.prepare): its statistics
records and its search-index rows. The writing process only passes them on, so the index and
the records it leaves must be exactly those derived from the store afterwards, on every path:
bulk or one transaction per document, one process or several, a whole build or an update in
place."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from graph_store.embedded import EmbeddedStore, read_generation
from graph_store.ingest import ingest_paths, prepare
from graph_store.search_fts import build_index_file, index_path, store_identity
from graph_store.statistics import check_statistics, contribution, rebuild_statistics
from loaders import build_document_graph
from ontology.namespace import STATS_GRAPH

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def index_content(path: Path) -> dict[str, list[tuple]]:
    """Every row of the index at `path`, record ids left out (they follow the insert order)."""
    conn = sqlite3.connect(path)
    try:
        records = conn.execute(
            """SELECT r.kind, r.iri, r.text, r.text_lc, r.label, r.label_lc, r.document, r.owner,
                 t.words, p.syllables, p.initials
               FROM records r JOIN tokens t ON t.rowid = r.id
               LEFT JOIN pinyin p ON p.rowid = r.id"""
        ).fetchall()
        tables = {
            name: conn.execute(f"SELECT * FROM {name}").fetchall()
            for name in ("entity_info", "graph_entities", "meta")
        }
        counts = [
            conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone() for t in ("tokens", "pinyin")
        ]
    finally:
        conn.close()
    out = {name: sorted(rows, key=repr) for name, rows in tables.items()}
    out["records"] = sorted(records, key=repr)
    out["counts"] = counts
    return out


def from_store(store: EmbeddedStore, tmp_path: Path) -> dict[str, list[tuple]]:
    """The index built whole from the store alone (what an ingest built before the workers
    made the rows), for the store's current generation."""
    folder = Path(store.location)
    reference = tmp_path / f"{folder.name}.reference.sqlite"
    build_index_file(store, reference, read_generation(folder), store_identity(folder))
    return index_content(reference)


def assert_as_from_store(store: EmbeddedStore, tmp_path: Path) -> dict[str, list[tuple]]:
    """The index and statistics records the ingest left equal those derived from the store."""
    made = index_content(index_path(store.location))
    assert made["records"], "no records"
    assert made == from_store(store, tmp_path)
    kept = set(store.quads(STATS_GRAPH))
    assert check_statistics(store) == []
    rebuild_statistics(store)
    assert set(store.quads(STATS_GRAPH)) == kept
    return made


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The bundled corpus, generated documents, and two files of one document (the later wins)."""
    from bench.synthetic import write_corpus

    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    write_corpus(folder, 4, seed=7)
    head = "索引号:001234567/2021-00042\n青松区教育局关于开展{}的通知\n"
    body = "各中小学:\n为推进{},西仓桥小学牵头开展{}。请各校认真组织实施。\n"
    for name, topic in (("a_first.txt", "书香校园建设"), ("b_second.txt", "劳动教育实践")):
        (folder / name).write_text(head.format(topic) + body.format(topic, topic) * 3, "utf-8")
    return folder


@pytest.mark.parametrize("bulk, workers", [(True, 2), (False, 1)])
def test_a_first_ingest_leaves_the_index_and_records_derived_from_the_store(
    corpus, tmp_path, bulk, workers
):
    store = EmbeddedStore(tmp_path / "store")
    report = ingest_paths(store, [corpus], workers=workers, bulk=bulk)
    assert report.ok and len(report.loaded) == 11
    assert_as_from_store(store, tmp_path)


def test_both_write_paths_leave_the_same_index(corpus, tmp_path):
    bulk, per_document = EmbeddedStore(tmp_path / "b"), EmbeddedStore(tmp_path / "t")
    assert ingest_paths(bulk, [corpus], workers=2, bulk=True).ok
    assert ingest_paths(per_document, [corpus], workers=1, bulk=False).ok
    one, other = (
        index_content(index_path(bulk.location)),
        index_content(index_path(per_document.location)),
    )
    # The meta rows name the store (its identity and generation); everything else is equal.
    assert {k: v for k, v in one.items() if k != "meta"} == {
        k: v for k, v in other.items() if k != "meta"
    }


def test_an_update_in_place_uses_the_rows_and_stays_as_from_store(corpus, tmp_path):
    files = sorted(corpus.glob("*.txt"))
    store = EmbeddedStore(tmp_path / "store")
    assert ingest_paths(store, files[:3]).ok  # a whole build
    path = index_path(store.location)
    inode = path.stat().st_ino
    assert ingest_paths(store, files[3:], workers=2).ok  # applied in place
    copy = tmp_path / files[0].name
    shutil.copy(files[0], copy)
    assert ingest_paths(store, [copy]).ok  # the same document again, replaced in place
    assert path.stat().st_ino == inode
    assert_as_from_store(store, tmp_path)


def test_prepared_records_are_the_contribution_and_cross_a_pickle(tmp_path):
    import pickle

    graph = build_document_graph(sorted(CORPUS.glob("*.txt"))[0])
    prepared = pickle.loads(pickle.dumps(prepare(graph)))
    assert set(prepared.records) == set(contribution(graph.graph, graph.quads))
    assert prepared.search.graph == graph.graph.value and prepared.search.rows
