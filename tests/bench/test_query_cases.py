"""The scale benchmark runs each named query as a user would: required parameters always given."""

from __future__ import annotations

from bench.scale import query_cases
from graph_store.named_queries import load_named_queries


def test_cases_bind_required_parameters_and_list_the_optional_ones(tiny_store):
    cases = {label: params for label, _, params in query_cases(tiny_store, load_named_queries())}
    assert "document_sections" not in cases  # its document is required
    assert set(cases["document_sections [document]"]) == {"document"}
    assert cases["targets_by_area_and_indicator [indicator]"] == {"indicator": "新增学位"}
    assert set(cases["targets_by_area_and_indicator [area_name, indicator]"]) == {
        "indicator",
        "area_name",
    }
    # No required parameter: the whole store, and once with every filter given.
    assert cases["documents_by_area_and_year"] == {}
    assert set(cases["documents_by_area_and_year [area, year]"]) == {"area", "year"}
    assert cases["class_counts"] == {}
