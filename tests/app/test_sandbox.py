"""graph_store.sandbox: read-only checks, a timeout that kills, caps, syntax positions."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_store.results import QueryResult
from graph_store.sandbox import (
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    TripleResult,
    check_read_only,
    run_guarded,
)
from tests.store_fixtures import oxigraph_server


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <http://x/a> <http://x/p> 1 }",
        "PREFIX ex: <http://x/>\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "CLEAR GRAPH <http://x/g>",
        "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_check_read_only_refuses_updates(query):
    with pytest.raises(QueryRefused, match="update|read"):
        check_read_only(query)


def test_check_read_only_refuses_service():
    query = "SELECT * WHERE {\n  SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o }\n}"
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_read_only(query)


def test_check_read_only_refuses_lowercase_silent_service():
    with pytest.raises(QueryRefused, match="SERVICE"):
        check_read_only("select * { service silent <http://x/> { ?s ?p ?o } }")


def test_check_read_only_refuses_load():
    with pytest.raises(QueryRefused, match="LOAD would fetch"):
        check_read_only("LOAD <http://example.org/data.ttl>")


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" }',
        "SELECT * WHERE { ?s ?p 'LOAD <http://x/>' }",
        'SELECT * WHERE { ?s ?p """INSERT DATA {\n} DROP ALL""" }',
        "SELECT * WHERE { ?s ?p ?o } # DELETE WHERE { ?s ?p ?o }",
        "SELECT ?load ?insert WHERE { ?load <http://x/SERVICE> ?insert }",
        "PREFIX drop: <http://x/> SELECT * WHERE { ?s drop:load ?o }",
        "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    ],
)
def test_check_read_only_allows_keywords_inside_literals_iris_and_names(query):
    check_read_only(query)


def test_run_guarded_kills_a_slow_query_within_the_timeout(big_store_path):
    # 3000^3 = 2.7e10 combinations: far longer than the timeout.
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ekg:order ?x . ?b ekg:order ?y . ?c ekg:order ?z "
        "FILTER(?x + ?y + ?z = -1) }"
    )
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="stopped"):
        run_guarded(str(big_store_path), slow, timeout=1.5, cap=10)
    assert time.monotonic() - started < 1.5 + 3.0


def test_run_guarded_caps_rows_and_says_so(big_store_path):
    result = run_guarded(str(big_store_path), "SELECT ?s WHERE { ?s ?p ?o }", timeout=20, cap=100)
    assert isinstance(result, QueryResult)
    assert len(result) == 100 and result.truncated


def test_run_guarded_under_the_cap_is_not_truncated(tiny_store_path):
    query = "SELECT ?title WHERE { ?d a ekg:Document ; dct:title ?title } ORDER BY ?title"
    result = run_guarded(str(tiny_store_path), query, timeout=20, cap=100)
    assert "2019年常州市教育工作要点" in [row["title"] for row in result.values()]
    assert not result.truncated


def test_run_guarded_construct_returns_capped_triples(tiny_store_path):
    result = run_guarded(
        str(tiny_store_path), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=20, cap=5
    )
    assert isinstance(result, TripleResult)
    assert len(result) == 5 and result.truncated


def test_run_guarded_ask(tiny_store_path):
    assert run_guarded(str(tiny_store_path), "ASK { ?s a ekg:School }", timeout=20) is True


def test_run_guarded_reports_syntax_error_line_and_column(tiny_store_path):
    query = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}"
    with pytest.raises(QuerySyntaxError) as caught:
        run_guarded(str(tiny_store_path), query, timeout=20)
    assert caught.value.line == 4
    assert caught.value.column is not None
    assert "line 4" in str(caught.value)


def test_run_guarded_refuses_service_before_starting_a_worker(tiny_store_path):
    with pytest.raises(QueryRefused):
        run_guarded(str(tiny_store_path), "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")


@pytest.fixture
def long_literals_path(tmp_path: Path) -> Path:
    """Five rows, each a 2 M-character literal."""
    store = ox.Store(str(tmp_path / "long"))
    graph = ox.NamedNode("https://w3id.org/edukg/id/graph/long")
    p = ox.NamedNode("https://w3id.org/edukg/ontology#text")
    store.extend(
        ox.Quad(
            ox.NamedNode(f"https://w3id.org/edukg/id/doc/{i}"),
            p,
            ox.Literal("字" * 2_000_000),
            graph,
        )
        for i in range(5)
    )
    store.flush()
    del store
    return tmp_path / "long"


def test_run_guarded_caps_the_characters_of_values_not_only_rows(long_literals_path):
    query = "SELECT ?d ?t WHERE { ?d ekg:text ?t }"
    result = run_guarded(str(long_literals_path), query, timeout=20, cap=100, cap_chars=5_000_000)
    assert isinstance(result, QueryResult)
    assert len(result) == 2 and result.truncated  # 2 × 2 M characters fit in 5 M, 3 do not
    one = run_guarded(str(long_literals_path), query, timeout=20, cap=100, cap_chars=10)
    assert len(one) == 1 and one.truncated  # the first row is shown, however long
    whole = run_guarded(str(long_literals_path), query, timeout=20, cap=100)
    assert len(whole) == 5 and not whole.truncated  # 10 M characters: under the default


def test_run_guarded_on_an_endpoint_is_stopped_at_the_timeout(big_store_path, tmp_path):
    with oxigraph_server(tmp_path, location=big_store_path, read_only=True) as base:
        slow = (
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ekg:order ?x . ?b ekg:order ?y . "
            "?c ekg:order ?z FILTER(?x + ?y + ?z = -1) }"
        )
        started = time.monotonic()
        with pytest.raises(QueryTimeout):
            run_guarded(base + "/query", slow, timeout=1.5, cap=10)
        assert time.monotonic() - started < 1.5 + 3.0  # not the 30 s HTTP timeout
