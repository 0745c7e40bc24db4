"""The edukg command line on the bundled corpus: ingest, re-ingest, bad files, query, export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli import main
from graph_store.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus ingested once into a store folder (shared by the read-only tests)."""
    root = Path(__file__).resolve().parent.parent.parent
    store = tmp_path_factory.mktemp("corpus") / "store"
    assert main(["ingest", str(root / "data" / "corpus"), "--store", str(store), "-q"]) == 0
    return store


def quad_count(store: Path) -> int:
    s = EmbeddedStore(store, read_only=True)
    try:
        return s.count()
    finally:
        s.close()


def test_ingest_corpus_loads_five_documents(corpus_store, capsys):
    assert (
        main(["query", "documents_by_issuer", "--store", str(corpus_store), "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    titles = {row["title"]["value"] for row in rows if "title" in row}
    assert "2019年常州市教育工作要点" in titles
    assert "天宁区推进义务教育优质均衡发展实施方案" in titles


def test_reingesting_corpus_leaves_quad_count_unchanged(corpus_store, corpus_dir, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    before = quad_count(store)
    assert main(["ingest", str(corpus_dir), "--store", str(store), "-q"]) == 0
    assert quad_count(store) == before


def test_bad_files_get_one_line_each_and_the_rest_loads(corpus_store, corpus_dir, tmp_path, capsys):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    before = quad_count(store)
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 8)
    text = (corpus_dir / "002_a7077468861bd77e.txt").read_text(encoding="utf-8")
    encoded = text.encode("gb18030")
    (batch / "truncated.txt").write_bytes(encoded[: len(encoded) - 1])
    new_doc = "关于做好2021年南京市鼓楼区中小学课后服务工作的通知\n\n南京市鼓楼区教育局\n\n" + (
        "一、总体要求\n各中小学要全面实施课后服务,确保2021年覆盖率达到100%。\n" * 3
    )
    (batch / "good.txt").write_text(new_doc, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(batch), "--store", str(store), "-q"]) == 1
    err = capsys.readouterr().err
    # The store was copied without its search index, which is rebuilt with a notice of its own.
    lines = [
        ln
        for ln in err.splitlines()
        if ln.strip() and not ln.startswith(("loaded ", "edukg: search index"))
    ]
    assert len(lines) == 3, err
    for name in ("empty.txt", "binary.txt", "truncated.txt"):
        assert sum(name in ln for ln in lines) == 1, err
    assert "loaded 1 documents, 3 failed" in err
    assert quad_count(store) > before  # the good file loaded, nothing already stored was lost


def test_a_page_nested_5000_deep_loads_with_the_rest_of_its_batch(tmp_path, capsys):
    # A recursive HTML walk raised RecursionError here, a traceback that stopped the batch.
    depth = 5000
    batch = tmp_path / "batch"
    batch.mkdir()
    deep = "鼓楼区教育局关于开展课后服务的通知。各中小学要全面实施课后服务,2021年覆盖率达到100%。"
    (batch / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + f"<p>{deep}</p>" + "</div>" * depth + "</body></html>",
        encoding="utf-8",
    )
    good = "关于做好2021年南京市鼓楼区中小学课后服务工作的通知\n\n南京市鼓楼区教育局\n\n" + (
        "一、总体要求\n各中小学要全面实施课后服务,确保2021年覆盖率达到100%。\n" * 3
    )
    (batch / "good.txt").write_text(good, encoding="utf-8")
    capsys.readouterr()
    assert main(["ingest", str(batch), "--store", str(tmp_path / "store"), "-q"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" not in err, err
    assert "loaded 2 documents" in err, err
    store = EmbeddedStore(tmp_path / "store", read_only=True)
    try:
        sources = {row[0].value for row in store.select("SELECT ?s { ?d dct:source ?s }").rows}
    finally:
        store.close()
    assert sources == {"deep.html", "good.txt"}


def test_query_binds_parameters(corpus_store, capsys):
    code = main(
        [
            "query",
            "documents_by_area_and_year",
            "--store",
            str(corpus_store),
            "--param",
            "area=海陵区",
            "--param",
            "year=2020",
            "--format",
            "csv",
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "区教育局关于印发2020年全区教育工作要点的通知" in out
    assert "常州市教育工作要点" not in out


def test_unknown_query_exits_2_and_lists_queries(corpus_store, capsys):
    assert main(["query", "policy_by_issuer", "--store", str(corpus_store)]) == 2
    assert "Available:" in capsys.readouterr().err


def test_bad_parameter_exits_2(corpus_store, capsys):
    code = main(
        [
            "query",
            "documents_by_area_and_year",
            "--store",
            str(corpus_store),
            "--param",
            "year=二〇一九",
        ]
    )
    assert code == 2
    assert "year" in capsys.readouterr().err


def test_missing_required_parameter_exits_2_naming_it(corpus_store, capsys):
    assert main(["query", "document_sections", "--store", str(corpus_store)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "needs document (iri" in err[0], err


def test_target_indicator_query_runs_on_the_corpus(corpus_store, capsys):
    code = main(
        ["query", "targets_by_area_and_indicator", "--store", str(corpus_store), "--param"]
        + ["indicator=新增学位", "--format", "csv"]
    )
    assert code == 0
    rows = capsys.readouterr().out.strip().splitlines()[1:]
    assert rows and all(",新增学位," in row for row in rows)


@pytest.mark.parametrize(
    "fmt", ["ttl", "trig", "nt", "nq", "jsonld", "rdfxml", "graphml", "gexf", "csv"]
)
def test_export_writes_every_format(corpus_store, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    assert main(["export", "--store", str(corpus_store), "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 1000


def test_stats_counts_documents(corpus_store, capsys):
    assert main(["stats", "--store", str(corpus_store)]) == 0
    out = capsys.readouterr().out
    assert any(
        ln.split() == ["Document", ln.split()[-1]] and int(ln.split()[-1]) >= 5
        for ln in out.splitlines()
        if ln.startswith("Document")
    )


def test_corpus_graph_conforms_to_the_shapes(corpus_store, capsys):
    code = main(["validate", "--store", str(corpus_store)])
    out = capsys.readouterr().out
    assert code == 0, out[-3000:]
    assert "0 violations" in out or "conforms" in out


def _shipped_queries() -> list[tuple[str, str]]:
    from graph_store.app_queries import PREFIXES as APP_PREFIXES
    from graph_store.app_queries import QUERIES as APP_QUERIES
    from graph_store.named_queries import load_named_queries

    named = [(f"queries/{n}.rq", q.text) for n, q in load_named_queries().items()]
    return named + [(f"app_queries:{n}", APP_PREFIXES + q) for n, q in APP_QUERIES.items()]


@pytest.mark.parametrize(("name", "text"), _shipped_queries(), ids=lambda v: v.split("\n")[0])
def test_shipped_queries_return_no_duplicate_rows_on_the_corpus(corpus_store, name, text):
    """Oxigraph's union default graph keeps one copy of a triple per graph: a label stated in
    four documents would give four rows unless the query says DISTINCT."""
    store = EmbeddedStore(corpus_store, read_only=True)
    try:
        result = store.select(text)
    finally:
        store.close()
    assert len(set(result.rows)) == len(result.rows), name


def test_delete_of_an_unknown_or_malformed_id_says_so_and_keeps_the_store(
    corpus_store, tmp_path, capsys
):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    before = quad_count(store)
    capsys.readouterr()
    assert main(["delete", "doesnotexist", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "deleted 0 document graphs" in err and "'doesnotexist'" in err
    assert main(["delete", "x y", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'x y' is not a document id" in err
    assert "Traceback" not in err
    assert quad_count(store) == before


def test_delete_removes_a_stored_document(corpus_store, tmp_path, capsys):
    store = tmp_path / "store"
    shutil.copytree(corpus_store, store)
    s = EmbeddedStore(store, read_only=True)
    try:
        graph = next(g.value for g in s.graphs() if "/graph/" in g.value)
    finally:
        s.close()
    doc_id = graph.rsplit("/", 1)[1]
    before = quad_count(store)
    assert main(["delete", doc_id, "--store", str(store)]) == 0
    assert "deleted 1 document graph\n" in capsys.readouterr().err
    assert quad_count(store) < before
