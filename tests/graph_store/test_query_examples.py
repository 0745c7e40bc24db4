"""Example parameter values come from the data and make every named query answer."""

from __future__ import annotations

import pytest

from graph_store.embedded import EmbeddedStore
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.query_examples import example_values, required_values

QUERIES = load_named_queries()


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_parameter_gets_a_value_that_finds_rows(tiny_store, name):
    query = QUERIES[name]
    values = example_values(tiny_store, query)
    assert set(values) == {p.name for p in query.params}
    assert len(run_named_query(tiny_store, query, values)) > 0


def test_the_busiest_indicator_and_a_district_that_states_it(tiny_store):
    values = example_values(tiny_store, QUERIES["targets_by_area_and_indicator"])
    assert values == {"indicator": "新增学位", "area_name": "海陵区"}


def test_required_values_leave_the_filters_empty(tiny_store):
    assert required_values(tiny_store, QUERIES["targets_by_area_and_indicator"]) == {
        "indicator": "新增学位"
    }
    assert required_values(tiny_store, QUERIES["documents_by_issuer"]) == {}


def test_an_empty_store_has_no_examples():
    assert example_values(EmbeddedStore(None), QUERIES["document_sections"]) == {}
