"""The research bundle: all parts present, described by the RO-Crate, and a stable dataset hash."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
from pyoxigraph import Literal, NamedNode, Quad

from cli import main
from graph_store.bundle import build_bundle, dataset_version
from graph_store.named_queries import find_query

PARTS = {
    "query.rq",
    "parameters.json",
    "results.csv",
    "results.ttl",
    "network.graphml",
    "network.svg",
    "dataset.json",
    "CITATION.cff",
    "ro-crate-metadata.json",
}


def open_bundle(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_bundle_holds_every_part_and_the_crate_lists_them(store):
    query = find_query("documents_by_area_and_year")
    archive = open_bundle(build_bundle(store, query, {"area": "海陵区"}, released="2026-01-02"))
    assert set(archive.namelist()) == PARTS
    crate = json.loads(archive.read("ro-crate-metadata.json"))
    assert crate["@context"] == "https://w3id.org/ro/crate/1.1/context"
    entities = {e["@id"]: e for e in crate["@graph"]}
    assert entities["ro-crate-metadata.json"]["conformsTo"] == {
        "@id": "https://w3id.org/ro/crate/1.1"
    }
    root = entities["./"]
    assert {part["@id"] for part in root["hasPart"]} == PARTS - {"ro-crate-metadata.json"}
    for name in PARTS - {"ro-crate-metadata.json"}:
        assert entities[name]["@type"] == "File"
        assert entities[name]["contentSize"] == str(len(archive.read(name)))
    assert json.loads(archive.read("parameters.json"))["parameters"] == {"area": "海陵区"}
    assert "海陵区" in archive.read("results.csv").decode()
    assert "<svg" in archive.read("network.svg").decode()
    network = nx.read_graphml(io.BytesIO(archive.read("network.graphml")))
    assert network.nodes["https://w3id.org/edukg/id/doc/tinydoc1"]["class"] == "Document"
    version = json.loads(archive.read("dataset.json"))
    assert version["version"] in archive.read("CITATION.cff").decode()
    assert root["version"] == version["version"]
    sources = {d["source"] for d in version["documents"]}
    assert {"hailing_2020.txt", "changzhou_2019.txt"} <= sources


def test_dataset_hash_is_stable_and_changes_with_a_document(store):
    first = dataset_version(store)
    assert dataset_version(store) == first
    graph = NamedNode("https://w3id.org/edukg/id/graph/tinydoc2")
    quads = store.quads(graph)
    doc = NamedNode("https://w3id.org/edukg/id/doc/tinydoc2")
    changed = [*quads, Quad(doc, NamedNode("http://purl.org/dc/terms/title"), Literal("改"), graph)]
    store.put_graph(graph, changed)
    assert dataset_version(store).sha256 != first.sha256
    store.put_graph(graph, quads)
    assert dataset_version(store).sha256 == first.sha256


def test_dataset_hash_is_the_same_on_both_backends(tiny_store, empty_endpoint_store):
    from tests.store_fixtures import fill

    assert dataset_version(tiny_store) == dataset_version(fill(empty_endpoint_store))


def test_two_exports_of_the_same_store_are_identical(tiny_store):
    query = find_query("citation_network")
    assert build_bundle(tiny_store, query, released="2026-01-02") == build_bundle(
        tiny_store, query, released="2026-01-02"
    )


def test_cli_writes_a_bundle(tiny_store_path, tmp_path):
    out = tmp_path / "result.zip"
    code = main(
        [
            "export",
            "--store",
            str(tiny_store_path),
            "--format",
            "bundle",
            "-o",
            str(out),
            "--query",
            "documents_by_issuer",
            "--param",
            "issuer=https://w3id.org/edukg/id/org/changzhou-bureau",
        ]
    )
    assert code == 0
    assert set(open_bundle(out.read_bytes()).namelist()) == PARTS
    assert main(["export", "--store", str(tiny_store_path), "--format", "bundle"]) == 2
