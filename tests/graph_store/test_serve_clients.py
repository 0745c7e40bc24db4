"""Clients of `edukg serve` (issue #11): a read-write server started on nothing takes an
`edukg ingest --endpoint`; the client recipes of docs/serve_and_export.md run as written against
it; the default graph, FROM and /store?default behave as that page's table says."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

import cli
from graph_store.embedded import EmbeddedStore
from graph_store.stats import store_stats
from tests.graph_store.test_serve_security import PROJECT_ROOT, edukg_serve, exchange

pytestmark = pytest.mark.endpoint

DOCS = PROJECT_ROOT / "docs" / "serve_and_export.md"
CORPUS = PROJECT_ROOT / "data" / "corpus"
DOCUMENTED_URL = "http://127.0.0.1:7878"
EDUKG = [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
RECIPE = re.compile(r"<!-- recipe: ([\w-]+) -->\n```(\w+)\n(.*?)```", re.S)
TITLES = """PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?document ?title WHERE { ?document a ekg:Document ; dct:title ?title }"""


def edukg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*EDUKG, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )


def csv_rows(base: str, query: str, params: str = "") -> list[tuple[str, ...]]:
    """The rows of a SELECT as sorted tuples (header dropped); fails on any status but 200."""
    body = urllib.parse.urlencode({"query": query}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    status, _, answer = exchange(base, "POST", "/query" + params, body, headers)
    assert status == 200, answer
    return sorted(tuple(row) for row in list(csv.reader(io.StringIO(answer)))[1:])


# --- start from nothing, fill through the server --------------------------------------------------


@pytest.fixture(scope="module")
def corpus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str]]:
    """`edukg serve --allow-updates` on a folder that does not exist, filled by
    `edukg ingest data/corpus --endpoint …/query`; yields (URL, store folder, ingest's stderr)."""
    folder = tmp_path_factory.mktemp("serve-from-nothing")
    store = folder / "not" / "yet" / "store"
    with edukg_serve(store, folder / "serve.log", "--allow-updates") as (base, _):
        ingest = edukg("ingest", str(CORPUS), "--endpoint", base + "/query")
        assert ingest.returncode == 0, ingest.stderr
        yield base, store, ingest.stderr


def test_serve_with_updates_starts_on_nothing_and_takes_an_ingest(corpus_server, tmp_path):
    base, store, ingest_log = corpus_server
    assert store.is_dir()
    assert "loaded 5 documents, 0 failed" in ingest_log
    stats = edukg("stats", "--endpoint", base + "/query")
    assert stats.returncode == 0, stats.stderr
    # The same counts as the corpus ingested straight into a local store.
    assert edukg("ingest", str(CORPUS), "--store", str(tmp_path / "local")).returncode == 0
    local = EmbeddedStore(tmp_path / "local", read_only=True)
    try:
        expected = store_stats(local).format().splitlines()[1:]
    finally:
        local.close()
    assert stats.stdout.splitlines()[1:] == expected
    sources = csv_rows(
        base, "SELECT DISTINCT ?d WHERE { ?d <http://purl.org/dc/terms/source> ?source }"
    )
    assert len(sources) == 5


def test_serve_with_updates_starts_on_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with edukg_serve(tmp_path / "empty", tmp_path / "serve.log", "--allow-updates") as (base, _):
        assert csv_rows(base, "SELECT * WHERE { ?s ?p ?o }") == []


def test_read_only_serve_still_refuses_an_empty_or_missing_folder(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "missing"):
        assert cli.main(["serve", "--store", str(folder)]) == 2
        assert "--allow-updates" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()


# --- the docs' recipes, as written ---------------------------------------------------------------


def recipes() -> dict[str, tuple[str, str]]:
    """The docs' client recipes by name: (language, code)."""
    return {name: (lang, code) for name, lang, code in RECIPE.findall(DOCS.read_text())}


def run_recipe(name: str, base: str) -> str:
    lang, code = recipes()[name]
    assert DOCUMENTED_URL in code
    code = code.replace(DOCUMENTED_URL, base)
    command = ["bash", "-euc", code] if lang == "sh" else [sys.executable, "-c", code]
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_client_recipe_in_the_docs_is_tested():
    section = DOCS.read_text().split("### Query it", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    untested = [code for _, code in blocks if not any(code == c for _, c in recipes().values())]
    # Only the SPARQLWrapper recipe (not a dependency of edukg) runs nowhere.
    assert len(untested) == 1 and "from SPARQLWrapper import" in untested[0]
    # yasgui-html runs in a browser: tests/graph_store/test_serve_cors.py.
    assert set(recipes()) == {
        "curl-select",
        "curl-construct",
        "python-urllib",
        "python-rdflib",
        "python-edukg",
        "yasgui-html",
    }


@pytest.fixture(scope="module")
def titles(corpus_server) -> list[tuple[str, ...]]:
    rows = csv_rows(corpus_server[0], TITLES)
    assert len(rows) >= 4
    return rows


def test_curl_select_recipe(corpus_server, titles):
    out = run_recipe("curl-select", corpus_server[0])
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["document", "title"] and len(rows) == 6
    assert "天宁区推进义务教育优质均衡发展实施方案" in out


def test_curl_construct_recipe(corpus_server, titles):
    out = run_recipe("curl-construct", corpus_server[0])
    graph = rdflib.Graph().parse(data=out, format="turtle")
    assert {(str(s), str(o)) for s, _, o in graph} == set(titles)


def test_python_urllib_recipe(corpus_server, titles):
    out = run_recipe("python-urllib", corpus_server[0])
    assert sorted(tuple(line.split(" ", 1)) for line in out.splitlines()) == titles


def test_python_rdflib_recipe_select_and_construct(corpus_server, titles):
    out = run_recipe("python-rdflib", corpus_server[0]).splitlines()
    assert len(out) == 6 and "天宁区推进义务教育优质均衡发展实施方案" in out[:5]
    assert out[5] == f"{len(titles)} title triples"


def test_python_edukg_recipe(corpus_server):
    out = run_recipe("python-edukg", corpus_server[0])
    assert "2019年钟楼教育文体局工作思路" in out


def test_a_construct_asking_for_results_json_is_406_as_the_docs_say(corpus_server):
    """Why the docs keep rdflib's default returnFormat: with "json" a CONSTRUCT fails."""
    from rdflib.plugins.stores.sparqlconnector import SPARQLConnector
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    base = corpus_server[0]
    construct = "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"
    graph = rdflib.Graph(store=SPARQLStore(base + "/query", returnFormat="json"))
    with pytest.raises(ValueError):  # rdflib hides the status of a GET; it is this 406:
        graph.query(construct)
    json_accept = SPARQLConnector(base + "/query", returnFormat="json").response_mime_types()
    target = "/query?" + urllib.parse.urlencode({"query": construct})
    status, _, body = exchange(base, "GET", target, headers={"Accept": json_accept})
    assert status == 406, body
    default_accept = SPARQLConnector(base + "/query").response_mime_types()
    assert "application/rdf+xml" in default_accept
    assert "application/sparql-results+xml" in default_accept


# --- the default graph, FROM and /store?default (the docs' table, row by row) -------------------

G1, G2, A, B, X, P = (f"http://x/{n}" for n in ("g1", "g2", "a", "b", "x", "p"))
ALL_O = "SELECT ?o WHERE { ?s ?p ?o }"
GRAPH_O = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two graphs; one triple ("both") in each of them. Updates allowed, for the write rows."""
    folder = tmp_path_factory.mktemp("serve-dataset")
    store = ox.Store(str(folder / "store"))
    p = ox.NamedNode(P)
    for graph, subject, text in [(G1, A, "in g1"), (G2, B, "in g2"), (G1, X, "both")]:
        store.add(ox.Quad(ox.NamedNode(subject), p, ox.Literal(text), ox.NamedNode(graph)))
    store.add(ox.Quad(ox.NamedNode(X), p, ox.Literal("both"), ox.NamedNode(G2)))
    store.flush()
    del store
    with edukg_serve(folder / "store", folder / "serve.log", "--allow-updates") as (base, _):
        yield base


def values(rows: list[tuple[str, ...]]) -> list[str]:
    return sorted(row[-1] for row in rows)


def test_a_query_naming_no_dataset_sees_the_union(dataset):
    # Once per graph: Oxigraph does not merge a triple two graphs state.
    assert values(csv_rows(dataset, ALL_O)) == ["both", "both", "in g1", "in g2"]
    distinct = ALL_O.replace("?o", "DISTINCT ?o", 1)
    assert values(csv_rows(dataset, distinct)) == ["both", "in g1", "in g2"]
    assert csv_rows(dataset, GRAPH_O) == [
        (G1, "both"),
        (G1, "in g1"),
        (G2, "both"),
        (G2, "in g2"),
    ]


def test_from_makes_the_default_graph_those_graphs_and_leaves_no_named_graphs(dataset):
    from_g1 = ALL_O.replace("WHERE", f"FROM <{G1}> WHERE")
    assert values(csv_rows(dataset, from_g1)) == ["both", "in g1"]
    both = ALL_O.replace("WHERE", f"FROM <{G1}> FROM <{G2}> WHERE")
    assert values(csv_rows(dataset, both)) == ["both", "both", "in g1", "in g2"]
    assert csv_rows(dataset, GRAPH_O.replace("WHERE", f"FROM <{G1}> WHERE")) == []


def test_from_named_alone_leaves_the_default_graph_empty(dataset):
    assert csv_rows(dataset, ALL_O.replace("WHERE", f"FROM NAMED <{G1}> WHERE")) == []
    named = GRAPH_O.replace("WHERE", f"FROM NAMED <{G1}> WHERE")
    assert csv_rows(dataset, named) == [(G1, "both"), (G1, "in g1")]


def test_dataset_parameters_act_as_from_and_win_over_it(dataset):
    g2 = "?" + urllib.parse.urlencode({"default-graph-uri": G2})
    assert values(csv_rows(dataset, ALL_O, g2)) == ["both", "in g2"]
    from_g1 = ALL_O.replace("WHERE", f"FROM <{G1}> WHERE")
    assert values(csv_rows(dataset, from_g1, g2)) == ["both", "in g2"]
    named = "?" + urllib.parse.urlencode({"named-graph-uri": G2})
    assert csv_rows(dataset, GRAPH_O, named) == [(G2, "both"), (G2, "in g2")]
    assert csv_rows(dataset, ALL_O, named) == []


def test_the_union_parameter_wins_over_from_and_conflicts_with_the_others(dataset):
    from_g1 = ALL_O.replace("WHERE", f"FROM <{G1}> WHERE")
    union = values(csv_rows(dataset, from_g1, "?union-default-graph"))
    assert union == ["both", "both", "in g1", "in g2"]
    params = "?union-default-graph&" + urllib.parse.urlencode({"default-graph-uri": G1})
    body = urllib.parse.urlencode({"query": ALL_O}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}
    assert exchange(dataset, "POST", "/query" + params, body, form)[0] == 400


def nt(base: str, target: str, accept: str = "application/n-triples") -> list[str]:
    status, headers, body = exchange(base, "GET", target, headers={"Accept": accept})
    assert status == 200, body
    assert headers["content-type"].startswith(accept)
    return sorted(line for line in body.splitlines() if line.strip())


def test_store_default_reads_the_union_each_triple_once(dataset):
    union = nt(dataset, "/store?default")
    assert union == sorted(
        [
            f'<{A}> <{P}> "in g1" .',
            f'<{B}> <{P}> "in g2" .',
            f'<{X}> <{P}> "both" .',
        ]
    )
    assert len(nt(dataset, "/store?" + urllib.parse.urlencode({"graph": G1}))) == 2
    assert len(nt(dataset, "/store", "application/n-quads")) == 4


def test_writes_to_the_default_graph_reach_the_stores_own_default_graph_only(dataset):
    g1 = "/store?" + urllib.parse.urlencode({"graph": G1})
    before_g1, before_all = nt(dataset, g1), nt(dataset, "/store", "application/n-quads")
    put = {"Content-Type": "application/n-triples"}
    status, _, body = exchange(
        dataset, "POST", "/store?default", f'<{X}> <{P}> "put" .\n'.encode(), put
    )
    assert status in (200, 201, 204), body
    update = {"Content-Type": "application/sparql-update"}
    inserted = f'INSERT DATA {{ <{X}> <{P}> "inserted" }}'.encode()
    assert exchange(dataset, "POST", "/update", inserted, update)[0] == 204
    assert {"put", "inserted"} <= set(values(csv_rows(dataset, ALL_O)))
    assert any('"put"' in line for line in nt(dataset, "/store?default"))
    assert nt(dataset, g1) == before_g1
    # The store's own default graph: a quad without a graph name.
    assert f'<{X}> <{P}> "inserted" .' in nt(dataset, "/store", "application/n-quads")
    # DELETE and CLEAR DEFAULT take only those; no document's graph.
    assert exchange(dataset, "POST", "/update", b"CLEAR DEFAULT", update)[0] == 204
    assert "inserted" not in values(csv_rows(dataset, ALL_O))
    assert exchange(dataset, "DELETE", "/store?default")[0] in (200, 204)
    assert values(csv_rows(dataset, ALL_O)) == ["both", "both", "in g1", "in g2"]
    assert nt(dataset, "/store", "application/n-quads") == before_all


def test_edukg_serve_names_oxigraph_so_the_endpoint_backend_asks_for_the_union_per_query(
    tmp_path,
):
    from graph_store.embedded import EmbeddedStore
    from graph_store.endpoint import EndpointStore, union_switch
    from tests.graph_store.test_serve_security import edukg_serve
    from tests.store_fixtures import fill

    fill(EmbeddedStore(tmp_path / "store")).close()
    with edukg_serve(tmp_path / "store", tmp_path / "serve.log") as (base, _):
        request = urllib.request.Request(base + "/query?query=ASK%7B%7D")
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert union_switch(answer.headers["Server"]) == ("union-default-graph", "")
        store = EndpointStore(base + "/query")
        assert len(store.select("SELECT ?d WHERE { ?d a ekg:Document }")) == 3
