"""Ingest through the CLI into both backends, parallel ingest, and query/export/stats via --endpoint."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from cli import main
from graph_store.bundle import canonical_nquads_hash
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import ingest_paths
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.query_examples import required_values

NOTICE = """信息名称:钟楼区教育局关于开展2021年“品质课堂行动”的通知
索 引 号:014119491/2021-00031
发布机构:钟楼区教育局
发布日期: 2021-03-15

钟楼区教育局关于开展2021年“品质课堂行动”的通知
常钟教〔2021〕17号

各中小学:
  为深化课堂教学改革,现就开展“品质课堂行动”通知如下。

一、工作目标
2021年新增学位1575个,投入800万元,由西仓桥小学领衔,清潭小学参与“品质课堂行动”。
二、工作要求
(一)西仓桥教育集团要发挥示范作用,各学校要认真落实。

钟楼区教育局
2021年3月15日
"""
PLAN = """信息名称:海陵区2020年教育工作要点
索 引 号:014109488/2020-00082
发布机构:泰州市海陵区教育局
发布日期: 2020-04-28

海陵区2020年教育工作要点

一、深入实施“三名工程”
(一)实验小学教育集团由海陵区实验小学领衔,吸纳城东小学加入集团。
1.2020年培养骨干教师120名,新建改扩建学校3所。
二、保障措施
依据《江苏省义务教育学校办学标准(试行)》要求,加强督查考核。

泰州市海陵区教育局
2020年4月28日
"""


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "zhonglou_2021_notice.txt").write_text(NOTICE, encoding="utf-8")
    (folder / "hailing_2020_plan.txt").write_text(PLAN, encoding="utf-8")
    return folder


def canonical(store) -> str:
    return canonical_nquads_hash(store.export("nq"))[0]


def test_parallel_ingest_gives_the_same_store_as_serial(tmp_path, corpus):
    from bench.synthetic import write_corpus

    write_corpus(corpus, 6, seed=11)
    serial, parallel = EmbeddedStore(None), EmbeddedStore(None)
    report_serial = ingest_paths(serial, [corpus], workers=1)
    report_parallel = ingest_paths(parallel, [corpus], workers=2)
    assert report_serial == report_parallel
    assert len(report_serial.loaded) == 8
    assert serial.count() == parallel.count()
    assert canonical(serial) == canonical(parallel)
    # Document graphs have no blank nodes, so their N-Quads are identical byte for byte.
    for graph in serial.graphs():
        if "/graph/" in graph.value and not graph.value.endswith(("ontology", "programs")):
            assert serial.export("nq", graph) == parallel.export("nq", graph)


@pytest.mark.endpoint
def test_cli_ingest_query_export_stats_against_the_endpoint(
    endpoint_url, empty_endpoint_store, corpus, tmp_path, capsys
):
    assert main(["ingest", str(corpus), "--endpoint", endpoint_url, "-q"]) == 0
    count = empty_endpoint_store.count()
    assert count > 0
    # Re-ingesting replaces each document's graph: nothing is duplicated.
    assert main(["ingest", str(corpus), "--endpoint", endpoint_url, "-q"]) == 0
    assert empty_endpoint_store.count() == count
    capsys.readouterr()

    assert (
        main(["query", "documents_by_issuer", "--endpoint", endpoint_url, "--format", "csv"]) == 0
    )
    out = capsys.readouterr().out
    assert "品质课堂行动" in out and "海陵区2020年教育工作要点" in out

    assert main(["stats", "--endpoint", endpoint_url]) == 0
    assert "Document" in capsys.readouterr().out

    nq = tmp_path / "all.nq"
    assert main(["export", "--endpoint", endpoint_url, "--format", "nq", "-o", str(nq)]) == 0
    assert len(list(ox.parse(nq.read_bytes(), format=ox.RdfFormat.N_QUADS))) == count

    # The same files in the embedded store answer every named query the same way.
    local = EmbeddedStore(tmp_path / "store")
    ingest_paths(local, [corpus])
    assert canonical(local) == canonical(empty_endpoint_store)
    for name, query in load_named_queries().items():
        values = required_values(local, query)
        assert run_named_query(local, query, values) == run_named_query(
            empty_endpoint_store, query, values
        ), name


def test_bulk_ingest_gives_the_same_store_as_one_transaction_per_document(tmp_path, corpus):
    from bench.synthetic import write_corpus

    write_corpus(corpus, 4, seed=5)
    (corpus / "empty.txt").write_bytes(b"")
    transactional, bulk = EmbeddedStore(tmp_path / "t"), EmbeddedStore(tmp_path / "b")
    report_t = ingest_paths(transactional, [corpus], bulk=False)
    report_b = ingest_paths(bulk, [corpus], bulk=True)
    assert report_t == report_b
    assert len(report_b.loaded) == 6 and [f.path for f in report_b.failed] == [
        str(corpus / "empty.txt")
    ]
    assert canonical(transactional) == canonical(bulk)
    for graph in transactional.graphs():
        if "/graph/" in graph.value and not graph.value.endswith(("ontology", "programs")):
            assert transactional.export("nq", graph) == bulk.export("nq", graph)


def test_bulk_loader_is_chosen_only_for_a_first_load_of_many_uniquely_named_files(tmp_path):
    from graph_store.ingest import PARALLEL_FROM, use_bulk
    from graph_store.vocabulary import load_vocabulary

    store = EmbeddedStore(None)
    load_vocabulary(store)  # vocabulary graphs are not documents
    many = [tmp_path / f"{i:03d}.txt" for i in range(PARALLEL_FROM)]
    assert use_bulk(store, many)
    assert not use_bulk(store, many[:-1])  # a small batch
    renamed = [*many[:-1], tmp_path / "sub" / many[0].name]  # two files named 000.txt
    assert not use_bulk(store, renamed)
    graph = ox.NamedNode("https://w3id.org/edukg/id/graph/doc1")
    doc = ox.NamedNode("https://w3id.org/edukg/id/doc/doc1")
    store.put_graph(graph, [ox.Quad(doc, doc, ox.Literal("x"), graph)])
    assert not use_bulk(store, many)  # the store already holds a document


def test_cli_ingest_no_bulk_writes_one_transaction_per_document(tmp_path, corpus, monkeypatch):
    from graph_store import ingest

    seen = []  # use_bulk is asked (and says yes) only without --no-bulk
    monkeypatch.setattr(ingest, "use_bulk", lambda store, files: seen.append(len(files)) or True)
    calls = []
    original = EmbeddedStore.bulk_put_graphs

    def spy(self, graphs, **options):
        calls.append(1)
        return original(self, graphs, **options)

    monkeypatch.setattr(EmbeddedStore, "bulk_put_graphs", spy)
    assert main(["ingest", "-q", "--no-bulk", str(corpus), "--store", str(tmp_path / "s")]) == 0
    assert calls == [] and seen == []
    assert main(["ingest", "-q", str(corpus), "--store", str(tmp_path / "s2")]) == 0
    assert calls == [1] and seen == [2]


def test_two_files_of_one_document_give_the_same_store_on_both_paths(tmp_path, corpus):
    # Written for this test: two versions of one notice (one 索引号), the later file wins.
    from bench.synthetic import write_corpus
    from loaders.read import read_document

    write_corpus(corpus, 3, seed=11)
    head = "索引号:001234567/2021-00042\n青松区教育局关于开展{}的通知\n"
    body = "各中小学:\n为推进{},区教育局决定在全区中小学开展{}。请各校认真组织实施。\n"
    for name, topic in (("a_first.txt", "书香校园建设"), ("b_second.txt", "劳动教育实践")):
        (corpus / name).write_text(head.format(topic) + body.format(topic, topic) * 4, "utf-8")
    first, second = read_document(corpus / "a_first.txt"), read_document(corpus / "b_second.txt")
    assert first.doc_id == second.doc_id
    transactional, bulk = EmbeddedStore(tmp_path / "t"), EmbeddedStore(tmp_path / "b")
    assert ingest_paths(transactional, [corpus], bulk=False) == ingest_paths(
        bulk, [corpus], bulk=True
    )
    assert canonical(transactional) == canonical(bulk)
    graph = ox.NamedNode(f"https://w3id.org/edukg/id/graph/{second.doc_id}")
    text = bulk.export("nq", graph).decode()
    assert "劳动教育实践" in text and "书香校园建设" not in text  # one source, the later file
