"""N-Triples lines written without pyoxigraph terms: the same text, the same terms, same graph."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as hs

from graph_store.embedded import EmbeddedStore, quads_to_update
from loaders import QuadLines, build_document_graph
from loaders.extract.names import break_pattern
from loaders.extract.rdf import entity_iri_value
from loaders.identifiers import ENTITY_KINDS, entity_iri
from loaders.to_rdf import nt_literal, parse_lines

CORPUS = Path(__file__).resolve().parent.parent.parent / "data" / "corpus"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# Any text a document can hold: every code point but the surrogates.
texts = hs.text(hs.characters(exclude_categories=("Cs",)), max_size=40)
# Text that hits the escapes often: controls, quotes, backslashes, line ends, non-characters.
tricky = hs.text(hs.sampled_from('\x00\x01\x08\t\n\x0b\x0c\r\x1f"\\\x7f\x80\u2028\ufffe\uffff教"a'))


def test_pyoxigraph_writes_every_other_code_point_as_is():
    # loaders.to_rdf reads its escape table from pyoxigraph for U+0000–U+007F, U+FFFE, U+FFFF;
    # this checks that no other character is escaped (say, by a newer pyoxigraph).
    chars = "".join(
        chr(c)
        for c in range(0x80, 0x110000)
        if not 0xD800 <= c < 0xE000 and c not in (0xFFFE, 0xFFFF)
    )
    assert str(ox.Literal(chars)) == f'"{chars}"'


@settings(max_examples=300, deadline=None)
@given(hs.one_of(texts, tricky))
def test_nt_literal_is_pyoxigraph_serialisation(text):
    assert nt_literal(text) == str(ox.Literal(text))
    assert nt_literal(text, "@zh") == str(ox.Literal(text, language="zh"))
    typed = ox.Literal(text, datatype=ox.NamedNode(XSD_INTEGER))
    assert nt_literal(text, f"^^<{XSD_INTEGER}>") == str(typed)


@settings(max_examples=200, deadline=None)
@given(hs.one_of(texts, tricky), hs.sampled_from(["", "@zh"]))
def test_nt_literal_lines_parse_back_to_the_same_literal(text, suffix):
    graph = ox.NamedNode("https://w3id.org/edukg/id/graph/x")
    line = f"<https://w3id.org/edukg/id/doc/x> <http://purl.org/dc/terms/title> {nt_literal(text, suffix)} ."
    [quad] = parse_lines([line], graph)
    expected = ox.Literal(text, language="zh") if suffix else ox.Literal(text)
    assert quad.object == expected
    assert quad.graph_name == graph


@settings(max_examples=200, deadline=None)
@given(hs.sampled_from(sorted(ENTITY_KINDS)), hs.one_of(texts, tricky))
def test_entity_iri_value_equals_entity_iri(kind, key):
    assert entity_iri_value(kind, key) == entity_iri(kind, key).value


def test_build_document_graph_lines_parse_to_its_quads():
    graph = build_document_graph(CORPUS / "001_f3d5e20a6c1850ac.txt")
    quads = graph.quads
    assert isinstance(quads, QuadLines)
    parsed = list(quads)
    assert len(parsed) == len(quads) == len(set(parsed))
    assert all(q.graph_name == graph.graph for q in parsed)
    assert [str(ox.Triple(q.subject, q.predicate, q.object)) + " ." for q in parsed] == list(
        quads.lines
    )
    assert list(quads.lines) == sorted(quads.lines)
    assert pickle.loads(pickle.dumps(quads)) == quads
    assert quads == tuple(parsed)


def test_quads_to_update_writes_lines_as_quads_would():
    graph = build_document_graph(CORPUS / "000_6ec6c73d85554b96.txt")
    from_lines = quads_to_update(graph.graph, graph.quads, [])
    from_quads = quads_to_update(graph.graph, tuple(graph.quads), [])
    assert from_lines == from_quads
    store = EmbeddedStore()
    store.put_graph(graph.graph, graph.quads)
    assert store.count() == len(graph.quads)


_BREAK_WORDS = ["推进", "推", "实施", "实", "进一步", "的", "和", "开展"]


@settings(max_examples=300, deadline=None)
@given(
    hs.lists(hs.sampled_from(_BREAK_WORDS + ["教育", "工程", ",", " ", "进", "一步"]), max_size=10),
    hs.integers(0, 5),
)
def test_break_pattern_matches_as_the_plain_alternation(parts, pos):
    text = "".join(parts)
    plain = re.compile("[, ]+|" + "|".join(sorted(set(_BREAK_WORDS), key=len, reverse=True)))
    fast = break_pattern(", ", _BREAK_WORDS)
    assert [m.span() for m in fast.finditer(text, pos)] == [
        m.span() for m in plain.finditer(text, pos)
    ]
