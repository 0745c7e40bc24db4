"""The store generation (issue #10): every write raises it, a read leaves it alone."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

from cli import main
from graph_store.embedded import EmbeddedStore, read_generation
from graph_store.ingest import delete_document, ingest_paths
from ontology.namespace import INFERRED_GRAPH, ONTOLOGY_GRAPH, PROGRAMS_GRAPH
from tests.app.test_pages import ROOT
from tests.store_fixtures import fill

CORPUS = sorted((ROOT / "data" / "corpus").glob("*.txt"))


def document_graphs(store: EmbeddedStore) -> list[NamedNode]:
    not_documents = {INFERRED_GRAPH, ONTOLOGY_GRAPH, PROGRAMS_GRAPH}
    return [g for g in store.graphs() if g not in not_documents]


def test_ingest_raises_the_generation_on_both_paths_and_delete_too(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "store")
    try:
        start = read_generation(tmp_path / "store")
        ingest_paths(store, CORPUS[:3], bulk=True)  # the bulk loader, no transaction
        after_bulk = read_generation(tmp_path / "store")
        assert after_bulk > start
        ingest_paths(store, CORPUS[3:], bulk=False)  # one transaction per document
        after_transactions = read_generation(tmp_path / "store")
        assert after_transactions > after_bulk
        assert len(document_graphs(store)) == len(CORPUS)
        delete_document(store, document_graphs(store)[0])
        assert read_generation(tmp_path / "store") > after_transactions
        assert store.generation == read_generation(tmp_path / "store")
    finally:
        store.close()


def test_cli_ingest_and_delete_raise_the_generation(tmp_path: Path):
    folder = tmp_path / "store"
    assert main(["ingest", str(CORPUS[0]), "--store", str(folder), "-q"]) == 0
    after_ingest = read_generation(folder)
    assert after_ingest > 0
    reader = EmbeddedStore(folder, read_only=True)
    doc_id = document_graphs(reader)[0].value.rsplit("/", 1)[1]
    reader.close()
    assert main(["delete", doc_id, "--store", str(folder)]) == 0
    assert read_generation(folder) > after_ingest


def test_reads_leave_the_generation_alone(tiny_store_path: Path):
    before = read_generation(tiny_store_path)
    assert before > 0  # the fixture wrote it
    for read_only in (True, False):
        store = EmbeddedStore(tiny_store_path, read_only=read_only)
        try:
            store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 5")
            store.ask("ASK { ?s ?p ?o }")
            store.graphs()
            store.count()
            store.export("nq")
            assert store.generation == before
        finally:
            store.close()
    assert read_generation(tiny_store_path) == before


def test_a_store_in_memory_has_generation_zero():
    assert fill(EmbeddedStore(None)).generation == 0
