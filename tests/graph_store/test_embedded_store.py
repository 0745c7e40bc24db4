"""Embedded-only behaviour; the shared contract is in test_store_contract.py (both backends)."""

from __future__ import annotations

import pytest

from graph_store.embedded import EmbeddedStore
from graph_store.protocol import StoreError


def test_store_on_disk_keeps_data_across_reopen(tiny_store_path):
    store = EmbeddedStore(tiny_store_path, read_only=True)
    result = store.select("SELECT ?t WHERE { ?d dct:title ?t }")
    assert "2019年常州市教育工作要点" in {row[0].value for row in result}


def test_syntax_error_is_a_store_error_with_position(tiny_store):
    with pytest.raises(StoreError, match="SPARQL syntax error"):
        tiny_store.select("SELECT ?x WHERE { ?x ?p }")
