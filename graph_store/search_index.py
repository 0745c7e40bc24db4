"""A Chinese-aware search side index: Oxigraph has no full-text search.

Every label, altLabel, mention sentence and section text becomes a SearchRecord tied to its
IRI. Records are indexed by character bigrams (so any part of two or more characters
matches) and, for entity names, by their characters and pinyin (full syllables and initials), so
'songtaoqiao', 'stq' and '涛桥' all find 松涛桥小学.

This module holds the records, their tokens and the ranking, and an in-memory index built in
one pass over the store (what the app uses for a SPARQL endpoint, which has no folder). A store
in a folder keeps the same records and tokens in SQLite FTS5, updated at ingest
(graph_store/search_fts.py); both answer every query alike.

    build_search_index(store) -> SearchIndex
    index.search("涛桥") -> [SearchHit]
    save_index(index, path) / load_index(path, fingerprint)   a JSON copy of the in-memory index
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from graph_store.app_queries import main_class, run_app_query
from graph_store.protocol import GraphStore

_LATIN = re.compile(r"^[a-z0-9 ]+$")
INDEX_VERSION = 4


@dataclass(frozen=True)
class SearchRecord:
    """One searchable text: `kind` is entity, mention or section; `iri` what it points to."""

    kind: str
    iri: str
    text: str
    label: str
    cls: str = ""
    document: str = ""


@dataclass(frozen=True)
class SearchHit:
    record: SearchRecord
    score: float


def bigrams(text: str) -> set[str]:
    """Return the character bigrams of `text` (single characters for a one-character text).

    >>> sorted(bigrams("西仓桥"))
    ['仓桥', '西仓']
    """
    return set(token_sequence(folded_chars(text), entity=False))


def folded_chars(text: str) -> list[str]:
    """Return the characters of `text` as the index reads them: lower case, white space left out."""
    return [c for c in text.lower() if not c.isspace()]


def token_sequence(chars: list[str], entity: bool) -> list[str]:
    """Return the tokens of a text's folded characters, each once, in the order the text first
    holds them: its characters (an entity name's, or a one-character text's), then its bigrams.

    >>> token_sequence(list("西仓桥"), True), token_sequence(list("西仓桥"), False)
    (['西', '仓', '桥', '西仓', '仓桥'], ['西仓', '仓桥'])
    """
    tokens = dict.fromkeys(chars if entity or len(chars) == 1 else ())
    tokens.update(dict.fromkeys(map(str.__add__, chars, chars[1:])))
    return list(tokens)


def record_tokens(record: SearchRecord) -> set[str]:
    """Return the tokens `record` is found by: its character bigrams (lower case, white space
    left out) and, for an entity name, its characters too, so a one-character query (三) finds
    names.

    A query is looked up by its bigrams (by its character, when it has one) and then tested as
    a substring of the text, so a query of two or more characters finds every text that holds
    it. Words are not indexed: no query is looked up by a word, and segmenting every sentence
    of every document cost as much as the rest of the index.

    >>> sorted(record_tokens(SearchRecord("entity", "x", "西仓桥", "西仓桥")))
    ['仓', '仓桥', '桥', '西', '西仓']
    >>> sorted(record_tokens(SearchRecord("section", "x", "西仓桥", "")))
    ['仓桥', '西仓']
    """
    return set(token_sequence(folded_chars(record.text), record.kind == "entity"))


def section_sentences(
    rows: Iterable[Mapping[str, Any]], texts: Mapping[Any, str]
) -> Iterator[tuple[Mapping[str, Any], str]]:
    """Yield each section row with each sentence of its own text, as the index stores them.

    A section's span holds its subsections' (一、 holds (一) and 1.): a sentence is indexed
    once, under the innermost section that holds it. Indexed under every section around it, a
    sentence came back once per level of the outline, and a search's few hundred hits held a
    third as many sentences. A section read from a store without offsets has its heading.

    >>> rows = [{"section": "s1", "document": "d", "start": 0, "end": 16, "heading": "一"},
    ...         {"section": "s1.1", "document": "d", "start": 7, "end": 16, "heading": "(一)"}]
    >>> [(r["section"], t) for r, t in section_sentences(rows, {"d": "一、总体要求\\n(一)推进办学。"})]
    [('s1', '一、总体要求'), ('s1.1', '(一)推进办学。')]
    """
    spanned: dict[Any, list[tuple[int, int, str, Mapping[str, Any]]]] = defaultdict(list)
    for row in rows:
        text = texts.get(row["document"], "")
        if row["start"] is not None and row["end"] is not None and text:
            start, end = int(row["start"]), int(row["end"])
            spanned[row["document"]].append((start, -end, str(row["section"]), row))
        else:
            for sentence in sentences(str(row["heading"] or "")):
                yield row, sentence
    for document, sections in spanned.items():
        text = texts[document]
        for row, start, end in _own_spans(sorted(sections, key=lambda s: s[:3])):
            for sentence in sentences(text[start:end]):
                yield row, sentence


def _own_spans(
    sections: list[tuple[int, int, str, Mapping[str, Any]]],
) -> Iterator[tuple[Mapping[str, Any], int, int]]:
    """Yield (row, start, end) for each piece of a section's span that no section inside it
    covers; `sections` are (start, -end, iri, row), sorted: outer before inner."""
    open_: list[list[Any]] = []  # [row, where its own text resumes, end], innermost last

    def close(before: float) -> Iterator[tuple[Mapping[str, Any], int, int]]:
        while open_ and open_[-1][2] <= before:
            row, resume, end = open_.pop()
            if resume < end:
                yield row, resume, end
            if open_:
                open_[-1][1] = max(open_[-1][1], end)

    for start, negative_end, _, row in sections:
        yield from close(start)
        if open_:
            outer = open_[-1]
            if outer[1] < start:
                yield outer[0], outer[1], start
            outer[1] = max(outer[1], -negative_end)
        open_.append([row, start, -negative_end])
    yield from close(float("inf"))


def sentences(body: str) -> list[str]:
    """Return the sentences of a section's text, stripped, as the index stores them.

    >>> sentences("一、总体要求。推进集团化办学;\\n")
    ['一、总体要求。', '推进集团化办学;']
    """
    return [s.strip() for s in re.split(r"(?<=[。;!?\n])", body) if s.strip()]


def choose_label(labels: list[str]) -> str:
    """Return the name an entity is shown by when the store gives it several: the smallest, so
    every build picks the same one whatever order the engine returns rows in.

    >>> choose_label(["西仓桥小学", "常州市西仓桥小学"])
    '常州市西仓桥小学'
    """
    return min(labels) if labels else ""


def query_grams(query: str) -> tuple[str, set[str], bool]:
    """Return a query as the index matches it: folded text, its bigrams, and whether it may be
    pinyin (Latin letters, digits and spaces only).

    >>> folded, grams, latin = query_grams(" XiCang ")
    >>> folded, sorted(grams), latin
    ('xicang', ['an', 'ca', 'ic', 'ng', 'xi'], True)
    """
    folded = query.strip().lower()
    return folded, bigrams(folded) if folded else set(), bool(_LATIN.match(folded))


def rank_key(hit: SearchHit) -> tuple:
    """Return the sort key of a hit: best score first, then text, then what it points to (so
    ties are ordered the same by every index)."""
    r = hit.record
    return (-hit.score, r.text, r.kind, r.iri, r.document, r.label)


def pinyin_keys(text: str) -> tuple[str, str]:
    """Return (full pinyin, initials) of a name, lower case and without spaces.

    >>> pinyin_keys("松涛桥小学")
    ('songtaoqiaoxiaoxue', 'stqxx')
    """
    # Imported here: 0.3-0.7 s that an ingest's start-up (extraction processes waiting to be
    # forked) need not pay; graph_store.search_fts imports it in the background meanwhile.
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, errors="ignore")
    initials = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return "".join(syllables).lower(), "".join(initials).lower()


@dataclass
class SearchIndex:
    """Records plus the token → record postings; `fingerprint` names the store state it reflects."""

    records: list[SearchRecord] = field(default_factory=list)
    fingerprint: str = ""
    _postings: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _pinyin: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, record: SearchRecord) -> None:
        """Index one record."""
        index = len(self.records)
        self.records.append(record)
        for token in record_tokens(record):
            self._postings[token].add(index)
        if record.kind == "entity":
            full, initials = pinyin_keys(record.text)
            if full:
                self._pinyin.append((index, full, initials))

    def search(
        self, query: str, kinds: tuple[str, ...] | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Return the records that hold every bigram of `query` (or match its pinyin), best first.

        Entities whose name equals the query come first, then shorter texts.
        """
        query, grams, latin = query_grams(query)
        if not query:
            return []
        candidates: dict[int, float] = {}
        if latin:
            compact = query.replace(" ", "")
            for index, full, initials in self._pinyin:
                if compact in full or compact == initials or initials.startswith(compact):
                    candidates[index] = 2.0 if compact in (full, initials) else 1.0
        postings = [self._postings.get(g, set()) for g in grams]
        if postings and all(postings):
            for index in set.intersection(*postings):
                record = self.records[index]
                if query in record.text.lower():
                    candidates[index] = max(candidates.get(index, 0), 1.0)
        hits = []
        for index, score in candidates.items():
            record = self.records[index]
            if kinds and record.kind not in kinds:
                continue
            exact = 1.0 if record.text.lower() == query or record.label.lower() == query else 0
            score = score + exact + (1.0 if record.kind == "entity" else 0) - len(record.text) / 1e4
            hits.append(SearchHit(record, score))
        hits.sort(key=rank_key)
        return hits[:limit]

    def entities(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Return entity hits only, one per IRI."""
        return first_per_iri(self.search(query, ("entity",), limit * 3), limit)


def first_per_iri(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """Return the first (best-ranked) hit of each IRI among `hits`, at most `limit`."""
    seen: set[str] = set()
    out = []
    for hit in hits:
        if hit.record.iri not in seen:
            seen.add(hit.record.iri)
            out.append(hit)
    return out[:limit]


def store_fingerprint(store: GraphStore) -> str:
    """Return a cheap fingerprint of the store's state: quad count and named graphs.

    Stable across processes (hashlib, not hash()), so a saved index is reused after a restart.
    """
    graphs = store.graphs()
    digest = hashlib.sha1("\n".join(g.value for g in graphs).encode()).hexdigest()[:12]
    return f"{store.count()}:{len(graphs)}:{digest}"


def build_search_index(store: GraphStore) -> SearchIndex:
    """Return the index over labels, altLabels, mention sentences and section texts."""
    index = SearchIndex(fingerprint=store_fingerprint(store))
    names: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, list[str]] = defaultdict(list)
    for row in run_app_query(store, "entities").values():
        names[row["entity"]].append(row["label"] or "")
        classes[row["entity"]].append((row["class"] or "").rsplit("#", 1)[-1])
    labels = {iri: choose_label(found) for iri, found in names.items()}
    for iri, label in labels.items():
        index.add(SearchRecord("entity", iri, label, label, main_class(classes[iri])))
    for row in run_app_query(store, "alt_labels").values():
        iri = row["entity"]
        if iri in labels and row["alt"] and row["alt"] != labels[iri]:
            index.add(
                SearchRecord("entity", iri, row["alt"], labels[iri], main_class(classes[iri]))
            )
    for row in run_app_query(store, "mention_quotes").values():
        iri = row["entity"]
        index.add(
            SearchRecord(
                "mention",
                iri,
                row["quote"] or "",
                labels.get(iri, iri),
                main_class(classes.get(iri, [])),
                row["document"] or "",
            )
        )
    texts = {r["document"]: r["text"] or "" for r in run_app_query(store, "document_text").values()}
    for row, sentence in section_sentences(run_app_query(store, "section_texts").values(), texts):
        index.add(
            SearchRecord(
                "section",
                row["section"],
                sentence,
                row["heading"] or "",
                "Section",
                row["document"],
            )
        )
    return index


def save_index(index: SearchIndex, path: Path) -> None:
    """Write the index (records, postings and pinyin keys) as JSON."""
    data = {
        "version": INDEX_VERSION,
        "fingerprint": index.fingerprint,
        "records": [asdict(r) for r in index.records],
        "postings": {token: sorted(ids) for token, ids in index._postings.items()},
        "pinyin": index._pinyin,
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def load_index(path: Path, fingerprint: str) -> SearchIndex | None:
    """Return the saved index when it matches `fingerprint` and this version, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("version") != INDEX_VERSION or data.get("fingerprint") != fingerprint:
        return None
    index = SearchIndex(fingerprint=fingerprint)
    # The postings are stored too: tokenising a large store again takes a while.
    index.records = [SearchRecord(**record) for record in data["records"]]
    index._postings.update({token: set(ids) for token, ids in data["postings"].items()})
    index._pinyin = [tuple(entry) for entry in data["pinyin"]]
    return index
