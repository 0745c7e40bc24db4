"""Every named query parses, uses and projects its parameters, and answers as its golden file says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_store.named_queries import (
    ParameterError,
    QueryParam,
    UnknownQueryError,
    bind_params,
    find_query,
    load_named_queries,
    run_named_query,
    to_term,
)
from graph_store.results import to_csv
from ontology.namespace import STATS_GRAPH
from tests.store_fixtures import TINY_PARAMS

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "queries"
QUERIES = load_named_queries()
GOLDEN_PARAMS = TINY_PARAMS


def test_library_has_the_starter_queries():
    assert {"documents_by_issuer", "document_sections", "documents_by_area_and_year"} <= set(
        QUERIES
    )


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_header_declares_title_and_description(name):
    query = QUERIES[name]
    assert query.title and query.description


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_parameters_are_used_and_projected(name):
    """pyoxigraph binds only projected variables, so a parameter must be in the SELECT list."""
    query = QUERIES[name]
    body = "\n".join(ln for ln in query.text.splitlines() if not ln.startswith("#"))
    projection = re.search(r"SELECT(.*?)WHERE", body, re.S | re.I)
    for param in query.params:
        assert re.search(rf"\?{param.name}\b", body), f"{name}: ?{param.name} never used"
        assert projection and (
            "*" in projection.group(1) or f"?{param.name}" in projection.group(1)
        ), f"{name}: ?{param.name} is not projected"


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_matches_golden_csv_on_tiny_store(name, store, request):
    """Both backends (embedded and a real Oxigraph server) give the golden answer."""
    query = QUERIES[name]
    if query.form != "SELECT":
        pytest.fail(f"{name}: only SELECT named queries have golden CSVs so far")
    actual = to_csv(run_named_query(store, query, GOLDEN_PARAMS.get(name))).replace("\r\n", "\n")
    golden = GOLDEN / f"{name}.csv"
    is_embedded = "embedded" in request.node.callspec.id
    if request.config.getoption("--update-golden", default=False) and is_embedded:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8")


def test_area_and_year_parameters_filter(store):
    query = QUERIES["documents_by_area_and_year"]
    result = run_named_query(store, query, {"area": "海陵区", "year": "2020"})
    assert [row["title"] for row in result.values()] == [
        "区教育局关于印发2020年全区教育工作要点的通知"
    ]
    assert len(run_named_query(store, query, {"area": "海陵区", "year": "2019"})) == 0


def test_issuer_parameter_filters(store):
    query = QUERIES["documents_by_issuer"]
    result = run_named_query(
        store, query, {"issuer": "https://w3id.org/edukg/id/org/changzhou-bureau"}
    )
    assert [row["title"] for row in result.values()] == ["2019年常州市教育工作要点"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_golden_values_cover_exactly_the_required_parameters(name):
    required = {p.name for p in QUERIES[name].params if p.required}
    assert required == set(GOLDEN_PARAMS.get(name, {})) & required
    assert required <= set(GOLDEN_PARAMS.get(name, {}))


@pytest.mark.parametrize("values", [{}, {"document": ""}])
def test_missing_required_parameter_is_refused_by_name(values):
    with pytest.raises(ParameterError, match="needs document \\(iri"):
        bind_params(QUERIES["document_sections"], values)


def test_required_marker_is_read_from_the_header():
    query = QUERIES["targets_by_area_and_indicator"]
    assert [(p.name, p.required) for p in query.params] == [
        ("indicator", True),
        ("area_name", False),
    ]
    assert query.params[0].label == "指标 / indicator, e.g. 新增学位"


def test_indicator_compares_districts_and_area_narrows(store):
    query = QUERIES["targets_by_area_and_indicator"]
    rows = run_named_query(store, query, {"indicator": "新增学位"}).values()
    assert {(r["area_name"], r["total"]) for r in rows} == {("海陵区", "1200"), ("钟楼区", "1575")}
    one = run_named_query(store, query, {"indicator": "新增学位", "area_name": "钟楼区"}).values()
    assert [(r["area_name"], r["year"], r["total"]) for r in one] == [("钟楼区", "2019", "1575")]


def test_unknown_parameter_is_refused_with_the_known_ones():
    with pytest.raises(ParameterError, match="it takes: area, year"):
        bind_params(QUERIES["documents_by_area_and_year"], {"district": "钟楼区"})


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", "not an iri"),
        ("iri", "http://x> } DROP ALL"),
        ("year", "二〇一九"),
        ("date", "2019-13-01"),
        ("decimal", "1,5"),
    ],
)
def test_bad_parameter_values_are_refused(kind, value):
    with pytest.raises(ParameterError, match=kind):
        to_term(QueryParam("p", kind, ""), value)


def test_unknown_query_lists_available_names():
    with pytest.raises(UnknownQueryError, match="Available: .*documents_by_issuer"):
        find_query("policy_by_issuer")


def test_rq_file_without_header_runs(tmp_path, tiny_store):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    query = find_query(str(path))
    # The union default graph holds the statistics graph too (count() leaves it out).
    expected = tiny_store.count() + tiny_store.count(STATS_GRAPH)
    assert int(tiny_store.select(query.text).rows[0][0].value) == expected
