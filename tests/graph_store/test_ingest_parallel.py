"""The machinery of a parallel ingest: the parent's head documents, workers that die with their
parent, the one-process ingest's background thread, and graphs that cross the process boundary."""

from __future__ import annotations

import pickle

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as hs

from graph_store.embedded import _nquads_chunks
from loaders import QuadLines
from loaders.to_rdf import nt_literal

GRAPH = ox.NamedNode("https://w3id.org/edukg/id/graph/x")


texts = hs.text(hs.characters(exclude_categories=("Cs",)), max_size=30)
tricky = hs.text(hs.sampled_from('\x00\n\r"\\\x85\u2028\u2029\x1c\ufffe 教 .>'), max_size=30)


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.one_of(texts, tricky), max_size=5))
def test_quad_lines_cross_a_pickle_as_n_quads_and_read_back_the_same(values):
    doc = "<https://w3id.org/edukg/id/doc/x>"
    lines = sorted(
        {f"{doc} <http://purl.org/dc/terms/title> {nt_literal(v, '@zh')} ." for v in values}
        | {f"{doc} <https://w3id.org/edukg/ontology#inGraph> {GRAPH} ."},  # the graph as object
        key=str.encode,
    )
    quads = QuadLines(GRAPH, tuple(lines))
    # The N-Quads a worker sends are those the bulk loader was given line by line before.
    suffix = f"{GRAPH} .\n"
    assert quads.nquads() == "".join(line[:-1] + suffix for line in lines).encode()
    copy = pickle.loads(pickle.dumps(quads))
    assert copy.lines == quads.lines and len(copy) == len(quads)
    assert list(copy) == list(quads) == list(ox.parse(quads.nquads(), format=ox.RdfFormat.N_QUADS))
    assert list(_nquads_chunks([(GRAPH, copy)])) == [quads.nquads()]


def test_an_empty_graph_has_no_n_quads():
    empty = pickle.loads(pickle.dumps(QuadLines(GRAPH, ())))
    assert empty.nquads() == b"" and empty.lines == () and len(empty) == 0 and list(empty) == []
