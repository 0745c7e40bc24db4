"""Virtuoso Open Source 7.2 as an --endpoint backend, against the real engine (issue 11).

A private Virtuoso (scripts/virtuoso.sh: database in a temporary folder, 127.0.0.1 only) is
loaded with the bundled corpus by `edukg ingest --endpoint`, and compared with the embedded
store loaded from the same corpus: stats, every named query, exports and validate. Virtuoso
must be installed (scripts/test.sh runs `scripts/virtuoso.sh install`): without it these tests
fail, they do not skip.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from cli import main
from graph_store.app_queries import QUERIES, run_app_query
from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import EndpointStore, RowCapError, is_system_graph
from graph_store.named_queries import NamedQuery, load_named_queries, run_named_query
from graph_store.results import QueryResult, Term
from graph_store.stats import store_stats
from tests.store_fixtures import TINY_PARAMS, free_port

pytestmark = pytest.mark.endpoint

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "virtuoso.sh"
CORPUS = ROOT / "data" / "corpus"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float")}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Virtuoso on a free 127.0.0.1 port; yields its /sparql URL."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.fail(
            "Virtuoso is not installed (no virtuoso-t / isql-vt on PATH): "
            "run `bash scripts/virtuoso.sh install` (scripts/test.sh does)"
        )
    folder = tmp_path_factory.mktemp("virtuoso")
    port = free_port()
    started = subprocess.run(
        ["bash", str(SCRIPT), "start", str(folder), str(port)], capture_output=True, text=True
    )
    try:
        if started.returncode != 0:
            pytest.fail(f"scripts/virtuoso.sh start failed: {started.stderr.strip()}")
        yield started.stdout.strip()
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True)


@pytest.fixture(scope="module")
def loaded(virtuoso: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, EmbeddedStore]:
    """The corpus ingested into Virtuoso and into an embedded store, with the project's CLI."""
    folder = tmp_path_factory.mktemp("embedded") / "store"
    assert main(["ingest", str(CORPUS), "--store", str(folder)]) == 0
    start = time.perf_counter()
    assert main(["ingest", str(CORPUS), "--endpoint", virtuoso]) == 0
    print(f"ingest of the corpus into Virtuoso: {time.perf_counter() - start:.1f} s")
    return virtuoso, EmbeddedStore(folder, read_only=True)


def corpus_params(local: EmbeddedStore) -> dict[str, list[dict[str, str]]]:
    """Parameter values that select something in the corpus, taken from the embedded store."""
    queries = load_named_queries()

    def first(query: str, column: str, n: int = 2) -> list[str]:
        values = run_named_query(local, queries[query]).column(column)
        return list(dict.fromkeys(v.value for v in values if v is not None))[:n]

    return {
        "document_sections": [{"document": d} for d in first("documents_by_issuer", "document")],
        "documents_by_issuer": [{}]
        + [{"issuer": i} for i in first("documents_by_issuer", "issuer")],
        "documents_by_area_and_year": [{}, {"area": "钟楼区", "year": "2019"}, {"area": "海陵区"}],
        "programme_lineage": [{}, {"concept": "https://w3id.org/edukg/id/concept/sanming"}],
        "programme_participants": [
            {"program": p.value}
            for p in dict.fromkeys(
                local.select("SELECT ?p WHERE { ?s ekg:participatesIn|ekg:leads ?p }").column("p")
            )
        ][:3],
        "targets_by_area_and_indicator": [
            {"indicator": "新增学位"},
            {"indicator": "新增学位", "area_name": "常州市"},
        ],
    }


def comparable(query: NamedQuery, result: QueryResult) -> set[tuple]:
    """Return a result's rows as a set, with what SPARQL leaves to the engine made comparable:
    numbers by value (Virtuoso sums to xsd:integer), GROUP_CONCAT lists as sorted parts
    without a language tag (order and tag are the engine's choice), SAMPLE picks as present."""
    separators = dict(
        (name, sep)
        for sep, name in re.findall(r'separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', query.text)
    )
    sampled = set(re.findall(r"SAMPLE\s*\(\s*\?\w+\s*\)\s*AS\s*\?(\w+)", query.text, re.I))

    def norm(term: Term | None, name: str) -> object:
        if term is None:
            return None
        if name in sampled:
            return "sampled"
        if isinstance(term, Literal) and term.datatype.value in NUMERIC:
            return Decimal(term.value)
        if name in separators and isinstance(term, Literal):
            return tuple(sorted(term.value.split(separators[name])))
        return term

    return {
        tuple(norm(term, name) for term, name in zip(row, result.variables, strict=True))
        for row in result.rows
    }


def test_stats_match_the_embedded_store(loaded):
    url, local = loaded
    remote = store_stats(EndpointStore(url))
    expected = store_stats(local)
    assert (remote.quads, remote.graphs, remote.classes) == (
        expected.quads,
        expected.graphs,
        expected.classes,
    )
    assert remote.graphs > 5  # the documents, the ontology, the inferred graph …


def test_every_named_query_matches_the_embedded_store(loaded):
    url, local = loaded
    remote = EndpointStore(url)
    cases = corpus_params(local)
    checked = 0
    for name, query in load_named_queries().items():
        golden = [TINY_PARAMS[name]] if name in TINY_PARAMS else []
        for values in golden + cases.get(name, [{}]):
            expected = run_named_query(local, query, values)
            answer = run_named_query(remote, query, values)
            assert answer.variables == expected.variables
            assert comparable(query, answer) == comparable(query, expected), (name, values)
            checked += bool(expected.rows)
    assert checked >= 15  # the bindings select something, so a join that drops rows shows


def test_issue_11_bound_parameter_is_a_join_on_virtuoso(loaded):
    """A trailing VALUES was not joined with a subquery's variable: 5 rows instead of 1."""
    url, _ = loaded
    query = load_named_queries()["documents_by_area_and_year"]
    result = run_named_query(EndpointStore(url), query, {"area": "海陵区"})
    assert result.column("area") == [Literal("海陵区", language="zh")]


def _canonical(data: bytes, fmt: ox.RdfFormat) -> set:
    dataset = ox.Dataset(ox.parse(data, format=fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


@pytest.mark.parametrize("fmt", ["ttl", "nq"])
def test_export_is_isomorphic_to_the_embedded_store(loaded, fmt):
    url, local = loaded
    rdf = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_QUADS
    remote = _canonical(EndpointStore(url).export(fmt), rdf)
    expected = _canonical(local.export(fmt), rdf)
    assert remote == expected
    assert any(isinstance(q.subject, BlankNode) for q in expected)  # the ontology's


def _graphml(path: Path) -> tuple[set, list]:
    """Return a GraphML file's nodes (a set) and edges (sorted), each with its data."""
    ns = "{http://graphml.graphdrawing.org/xmlns}"

    def data(element: ET.Element) -> tuple:
        return tuple(sorted((d.get("key"), d.text) for d in element.findall(ns + "data")))

    root = ET.parse(path).getroot()
    nodes = {(n.get("id"), data(n)) for n in root.iter(ns + "node")}
    edges = sorted((e.get("source"), e.get("target"), data(e)) for e in root.iter(ns + "edge"))
    return nodes, edges


def test_cli_validate_and_graphml_match_the_embedded_store(loaded, tmp_path, capsys):
    url, local = loaded
    answers = []
    for where in (["--endpoint", url], ["--store", local.location]):
        code = main(["validate", *where])
        report = capsys.readouterr().out
        graphml = tmp_path / "g.graphml"
        assert main(["export", "--format", "graphml", "-o", str(graphml), *where]) == 0
        answers.append((code, report, _graphml(graphml)))
    assert answers[0] == answers[1]
    assert "conforms" in answers[0][1]


def _raw_select(url: str, query: str) -> list[str]:
    """Return the first column of a SELECT sent straight to the server (no edukg pragmas)."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    variable = answer["head"]["vars"][0]
    return [row[variable]["value"] for row in answer["results"]["bindings"]]


def test_system_graphs_are_left_out(loaded):
    url, local = loaded
    remote = EndpointStore(url)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert any(is_system_graph(NamedNode(g)) for g in _raw_select(url, graphs))  # virtrdf# …
    assert not any(is_system_graph(g) for g in remote.graphs())
    assert (remote.count(), len(remote.graphs())) == (local.count(), len(local.graphs()))


# The app's own queries, unbound (the Overview's among them). Left out: resource_out (more rows
# than Virtuoso's cap, refused), resource_in (rows hold blank nodes, whose labels differ),
# and entity_properties (unbound, it lists the literals of Virtuoso's system graphs too, which its
# default graph includes).
LEFT_OUT = {"resource_out", "resource_in", "entity_properties"}
APP_QUERIES = sorted(set(QUERIES) - LEFT_OUT)


def test_app_queries_and_overview_totals_match_the_embedded_store(loaded):
    url, local = loaded
    remote = EndpointStore(url)
    for name in APP_QUERIES:
        expected = run_app_query(local, name)
        assert set(run_app_query(remote, name).rows) == set(expected.rows), name
    assert (remote.count(), len(remote.graphs())) == (local.count(), len(local.graphs()))


def test_update_url_is_found_from_the_server(virtuoso):
    base = virtuoso.removesuffix("/sparql")
    for given in (virtuoso, base):
        store = EndpointStore(given)
        assert store.is_virtuoso
        assert (store.query_url, store.update_url) == (virtuoso, virtuoso)


@pytest.fixture
def scratch(virtuoso: str) -> Iterator[tuple[EndpointStore, NamedNode]]:
    """A graph of its own in the shared Virtuoso, dropped after the test."""
    store = EndpointStore(virtuoso)
    graph = NamedNode("https://w3id.org/edukg/id/graph/virtuoso-test")
    yield store, graph
    store.drop_graph(graph)


def _big_graph(graph: NamedNode, n: int) -> list[Quad]:
    p = NamedNode("https://w3id.org/edukg/ontology#quote")
    return [
        Quad(
            NamedNode(f"https://w3id.org/edukg/id/t/{i}"),
            p,
            Literal(f"第{i}句 “引号”\n", language="zh"),
            graph,
        )
        for i in range(n)
    ]


def test_large_graph_is_written_and_read_back_past_the_row_cap(scratch):
    """Over Virtuoso's SQL-text limit for one update (about 1 400 quads) and over its row cap
    (10 000): put_graph goes by one Graph Store PUT, patch_graph by updates of 500 quads."""
    store, graph = scratch
    quads = _big_graph(graph, 12_000)
    store.put_graph(graph, quads[:6_000])
    assert store.count(graph) == 6_000
    store.patch_graph(graph, remove=quads[:1_000], add=quads[6_000:])
    assert store.count(graph) == 11_000
    assert set(store.quads(graph)) == set(quads[1_000:])
    with pytest.raises(RowCapError, match="ResultSetMaxRows") as info:
        store.select("SELECT ?s WHERE { GRAPH ?g { ?s ekg:quote ?q } }")
    assert "\n" not in str(info.value)
    # A caller's own cap under Virtuoso's is answered, marked truncated.
    capped = store.select("SELECT ?s WHERE { GRAPH ?g { ?s ekg:quote ?q } }", limit=50)
    assert len(capped) == 50 and capped.truncated
    # Virtuoso cuts a CONSTRUCT at the cap without a word: refused as well.
    with pytest.raises(RowCapError, match="ResultSetMaxRows"):
        store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")


def test_blank_nodes_round_trip(scratch):
    store, graph = scratch
    a, b = BlankNode(), BlankNode()
    p = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    quads = [
        Quad(a, p, b, graph),
        Quad(b, p, NamedNode("https://w3id.org/edukg/ontology#X"), graph),
    ]
    store.put_graph(graph, quads)
    back = store.quads(graph)
    assert len(back) == 2 and all(isinstance(q.subject, BlankNode) for q in back)
    assert _canonical(ox.serialize(back, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS) == (
        _canonical(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
    )


def test_virtuoso_own_blank_nodes_are_read(virtuoso, scratch):
    """Blank nodes Virtuoso made itself come back as nodeID://… in JSON results."""
    store, graph = scratch
    update = f'INSERT {{ GRAPH {graph} {{ _:x <http://ex.org/p> "值" }} }} WHERE {{ }}'
    request = urllib.request.Request(
        virtuoso,
        data=update.encode("utf-8"),
        headers={"Content-Type": "application/sparql-update"},
    )
    urllib.request.urlopen(request, timeout=30).close()
    (quad,) = store.quads(graph)
    assert isinstance(quad.subject, BlankNode)
    assert quad.object == Literal("值")


def test_non_ascii_text_survives_queries(loaded):
    url, _ = loaded
    store = EndpointStore(url)
    result = store.select(
        'SELECT ?x (GROUP_CONCAT(?y; separator="、") AS ?c) WHERE { '
        'VALUES (?x ?y) { ("钟楼区" "甲") ("钟楼区" "乙") } } GROUP BY ?x'
    )
    ((x, c),) = result.rows
    assert x.value == "钟楼区"
    assert sorted(c.value.split("、")) == ["乙", "甲"]


def test_the_apps_overview_shows_what_it_shows_on_the_embedded_store(loaded):
    from streamlit.testing.v1 import AppTest

    url, local = loaded

    def overview(location: str) -> dict[str, str]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.secrets["store_location"] = location
        at.switch_page("app_views/overview.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return {m.label: m.value for m in at.metric}

    shown = overview(url)
    assert shown == overview(local.location)
    assert shown["已载入文件 / Documents loaded"] == "5"
