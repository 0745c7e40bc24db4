"""The lexicon fit check counts, per entry, the documents that hold its word."""

from __future__ import annotations

from bench.lexicon_fit import document_counts
from loaders.extract.lexicon import Entry


def test_document_counts_count_documents_not_occurrences():
    entries = (Entry("实施", "verb-introducing", ""), Entry("待建", "status", ""))
    texts = {"a.txt": "实施甲工程,实施乙计划", "b.txt": "实施丙行动", "c.txt": "无关"}
    assert [n for _, n in document_counts(entries, texts)] == [2, 0]
