"""The app's SPARQL guard (graph_store/sandbox.py over graph_store/sparql_check.py) decides from a
parse, and no variant of SERVICE or LOAD reaches a real listener (issue #10)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph_store.app_queries import PREFIXES as APP_PREFIXES
from graph_store.app_queries import QUERIES as APP_QUERIES
from graph_store.embedded import EmbeddedStore
from graph_store.named_queries import bind_params, load_named_queries
from graph_store.query_examples import example_values
from graph_store.sandbox import (
    QueryRefused,
    QuerySyntaxError,
    check_read_only,
    query_form,
    run_guarded,
    with_values,
)
from graph_store.sparql_check import oxigraph_syntax_error
from tests.call_out import call_out_listener, load_variants, service_variants
from tests.store_fixtures import fill

SERVICE_VARIANTS = sorted(service_variants("http://127.0.0.1:1/"))
LOAD_VARIANTS = sorted(load_variants("http://127.0.0.1:1/"))


@pytest.mark.parametrize("name", SERVICE_VARIANTS)
def test_service_variant_is_refused_and_nothing_arrives(tiny_store_path, name):
    with call_out_listener() as listener:
        query = service_variants(listener.url)[name]
        with pytest.raises(QueryRefused, match="SERVICE|could not be checked"):
            check_read_only(query)
        with pytest.raises(QueryRefused):
            run_guarded(str(tiny_store_path), query, timeout=20)
        assert listener.arrived == []


def test_issue_example_is_refused_with_the_service_message(tiny_store_path):
    with call_out_listener() as listener:
        query = service_variants(listener.url)["u_escape_in_iri_before"]
        with pytest.raises(QueryRefused, match="SERVICE would call another SPARQL endpoint"):
            run_guarded(str(tiny_store_path), query, timeout=20)
        assert listener.arrived == []


def test_a_service_variable_bound_by_the_app_is_refused(tiny_store_path):
    with call_out_listener() as listener:
        query = "SELECT ?u ?s WHERE { SERVICE ?u { ?s ?p ?o } }"
        with pytest.raises(QueryRefused, match="SERVICE"):
            run_guarded(
                str(tiny_store_path), query, timeout=20, bindings={"u": ox.NamedNode(listener.url)}
            )
        assert listener.arrived == []


def test_unguarded_oxigraph_does_call_the_listener():
    """The control: without the guard the same query reaches the listener."""
    with call_out_listener() as listener:
        query = service_variants(listener.url)["u_escape_in_iri_before"]
        with pytest.raises(OSError):
            list(ox.Store().query(query))
        assert len(listener.arrived) == 1


@pytest.mark.parametrize("name", LOAD_VARIANTS)
def test_load_variant_is_refused(tiny_store_path, name):
    with call_out_listener() as listener:
        update = load_variants(listener.url)[name]
        with pytest.raises(QueryRefused, match="LOAD would fetch|update|SERVICE"):
            check_read_only(update)
        with pytest.raises(QueryRefused):
            run_guarded(str(tiny_store_path), update, timeout=20)
        assert listener.arrived == []


def test_the_syntax_oracle_parses_without_evaluating():
    with call_out_listener() as listener:
        for query in service_variants(listener.url).values():
            oxigraph_syntax_error(query)
        assert listener.arrived == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?s <http://ex/a.add> ?o }",
        'SELECT * { ?s ?p "x"@add }',
        'SELECT * { ?s ?p "x"@load }',
        "PREFIX ex: <http://ex/> SELECT * { ?s ex:a.add ?o }",
        "PREFIX ex: <http://ex/> SELECT * { ?s ex:drop.load ex:service }",
        "SELECT * { _:drop ?p ?o }",
        "SELECT ?service ?load { ?service ?p ?load }",
        'SELECT * { ?s ?p "SERVICE <http://127.0.0.1/> { }" }',
        "SELECT * { ?s ?p <http://x/\\u0041> } # LOAD <http://127.0.0.1/>",
        'SELECT * { ?s ?p "\\u0022SERVICE" }',
    ],
)
def test_keywords_inside_names_tags_iris_and_strings_are_allowed(query):
    check_read_only(query)


def project_queries() -> dict[str, str]:
    """Every query the project itself sends through the guard or to `edukg serve`."""
    from app_views.sparql import DEFAULT_QUERY

    store = fill(EmbeddedStore(None))
    queries = {"app editor default": DEFAULT_QUERY}
    for name, query in load_named_queries().items():
        queries[f"named {name}"] = query.text
        bindings = bind_params(query, example_values(store, query))
        queries[f"named {name} as an example"] = with_values(query.text, bindings)
    for name, text in APP_QUERIES.items():
        queries[f"app {name}"] = APP_PREFIXES + text
    return queries


def test_every_project_query_passes_the_guard():
    queries = project_queries()
    refused = {}
    for name, text in queries.items():
        try:
            check_read_only(text)
        except (QueryRefused, QuerySyntaxError) as err:
            refused[name] = str(err)
    assert refused == {}
    assert len(queries) >= 2 * len(load_named_queries()) + 1


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o LATERAL { SELECT ?x WHERE { ?x ?y ?z } LIMIT 1 } }",
        "SELECT * WHERE { ?s ?p <<( ?s ?p ?o )>> }",
    ],
)
def test_sparql_the_checker_cannot_read_is_refused_in_one_line(query):
    with pytest.raises(QueryRefused, match="could not be checked") as caught:
        check_read_only(query)
    assert "\n" not in caught.value.reason


def test_a_syntax_error_keeps_oxigraphs_line_and_column():
    with pytest.raises(QuerySyntaxError) as caught:
        check_read_only("SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}")
    assert caught.value.line == 4 and caught.value.column is not None


def test_query_form_reads_past_an_escaped_iri():
    assert query_form("PREFIX a: <http://x/\\u0041#> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    assert query_form('ASK { ?s ?p "SELECT" }') == "ASK"
