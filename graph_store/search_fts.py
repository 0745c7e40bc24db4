"""The search index of a store in a folder: SQLite FTS5 beside the store, kept up at ingest.

The same records, tokens and ranking as graph_store.search_index, in one database file beside
the store (data/store → data/store.search.sqlite). Tokens are made in Python (character bigrams,
the characters of entity names) and stored space-separated in an FTS5 column with the
`ascii` tokenizer, which keeps every non-ASCII character inside its token, so a token is matched
whole; ASCII punctuation is moved to a private-use plane first for the same reason (fts_text).
Pinyin (full and initials) of entity names sits in a trigram FTS5 table, which answers
substring and prefix LIKE from its index.

Who keeps it current:

* graph_store.ingest opens an IndexUpdate before it writes and finishes it after: the records
  of every document graph written or dropped are replaced, and the entity records of every
  entity those graphs name (before and after) are derived again from the whole store, as are
  those whose inferred altLabels changed. An entity named by two documents keeps its records
  when one of them is deleted, with the label the other gives it.
* The index records the store generation (graph_store.embedded.GENERATION_FILE) and the store's
  identity it reflects. Missing, unreadable, built by another version, for another store or
  older than the store: it is built again from the store, once, with a one-line message on
  stderr. A full build goes to a temporary file that replaces the old one.

    IndexUpdate.begin(store) … .wrote(graph) … .finish()     at ingest and delete
    open_folder_index(store, folder, generation) -> FtsSearchIndex   for the app
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sqlite3
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode

from graph_store.app_queries import ENTITY_CLASSES, PREFIXES, main_class
from graph_store.embedded import read_generation
from graph_store.protocol import GraphStore
from graph_store.search_index import (
    SearchHit,
    SearchIndex,
    SearchRecord,
    build_search_index,
    choose_label,
    first_per_iri,
    folded_chars,
    pinyin_keys,
    query_grams,
    section_sentences,
    token_sequence,
)
from ontology.namespace import INFERRED_GRAPH, ONTOLOGY_GRAPH, PROGRAMS_GRAPH

SCHEMA_VERSION = "3"
SUFFIX = ".search.sqlite"
_CHUNK = 400  # IRIs per VALUES block
_CLASS_LIST = ", ".join(f"ekg:{c}" for c in ENTITY_CLASSES)
# ASCII other than letters and digits would end an `ascii` token: moved to plane 15 instead.
_FTS_SAFE = {i: 0xF0000 + i for i in range(128) if not chr(i).isalnum()}
_VOCABULARY = (ONTOLOGY_GRAPH.value, PROGRAMS_GRAPH.value)
# FTS5 keeps new tokens in memory until they reach its hash size (1 MB by default), then writes
# them as a segment, which it merges with the others as they pile up. A whole build (its own
# temporary file, one transaction) holds 16 MB instead: a first ingest of 300 documents spent a
# third less CPU inserting its tokens (1.0 s to 0.7 s), and its final 'optimize' had nothing
# left to merge (0.13 s to 0). The setting lives in the table's config, so the build removes it
# before it commits: the file then holds what a build with the default holds.
_BUILD_HASH_SIZE = 16 << 20

# An entity's types and its names, asked apart: asked together (types × labels × titles, each
# repeated once per document graph that states it) an area named by every document gave
# hundreds of thousands of rows at 1 M quads. The label is chosen as the app's "entities" query
# does: rdfs:label, else a zh skos:prefLabel, else dct:title, else the IRI after /id/.
_TYPES = (
    PREFIXES
    + """
SELECT DISTINCT ?entity ?class WHERE {
  %(values)s
  ?entity a ?class .
  FILTER(?class IN (%(classes)s))
}"""
)
_LABELS = (
    PREFIXES
    + """
SELECT DISTINCT ?entity ?l1 ?l2 ?l3 WHERE {
  %(values)s
  { ?entity rdfs:label ?l1 }
  UNION { ?entity skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") }
  UNION { ?entity dct:title ?l3 }
}"""
)
_ALTS = PREFIXES + "SELECT DISTINCT ?entity ?alt WHERE { %(values)s ?entity skos:altLabel ?alt }"
_INFERRED_ALTS = (
    PREFIXES + f"SELECT DISTINCT ?entity ?alt WHERE {{ GRAPH {INFERRED_GRAPH} "
    "{ ?entity skos:altLabel ?alt } }"
)
_MENTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?g ?mention ?entity ?document ?quote WHERE {
  %(values)s
  GRAPH ?g { ?mention ekg:refersTo ?entity ; ekg:inDocument ?document ; ekg:quote ?quote }
}"""
)
_TEXTS = (
    PREFIXES
    + "SELECT DISTINCT ?g ?document ?text WHERE { %(values)s GRAPH ?g { ?document ekg:text ?text } }"
)
_SECTIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?g ?section ?document ?heading ?start ?end WHERE {
  %(values)s
  GRAPH ?g {
    ?section a ekg:Section ; ekg:sectionOf ?document .
    OPTIONAL { ?section ekg:heading ?heading }
    OPTIONAL { ?section ekg:start ?start }
    OPTIONAL { ?section ekg:end ?end }
  }
}"""
)
# The subjects a graph says something about that decides an entity's records.
_TOUCHED = (
    PREFIXES
    + """
SELECT DISTINCT ?g ?s WHERE {
  %(values)s
  GRAPH ?g {
    { ?s a ?class FILTER(?class IN (%(classes)s)) }
    UNION { ?s rdfs:label|skos:prefLabel|dct:title|skos:altLabel ?o }
  }
  FILTER(isIRI(?s))
}"""
)
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, iri TEXT NOT NULL, text TEXT NOT NULL,
  text_lc TEXT, label TEXT, label_lc TEXT, document TEXT NOT NULL, owner TEXT);
CREATE INDEX records_owner ON records(owner) WHERE owner IS NOT NULL;
CREATE INDEX records_entity ON records(iri) WHERE kind = 'entity';
CREATE TABLE entity_info (iri TEXT PRIMARY KEY, label TEXT NOT NULL, label_lc TEXT,
  cls TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE graph_entities (owner TEXT NOT NULL, iri TEXT NOT NULL,
  PRIMARY KEY (owner, iri)) WITHOUT ROWID;
CREATE VIRTUAL TABLE tokens USING fts5(words, tokenize='ascii', detail='none', columnsize=0);
CREATE VIRTUAL TABLE pinyin USING fts5(syllables, initials, tokenize='trigram', detail='none');
"""
# Entity and mention records take their label and class from entity_info (so a mention follows
# its entity's label); a mention of an entity the store does not describe shows its IRI.
_SEARCH = """
WITH hits(id, base) AS (%(hits)s),
best(id, base) AS (%(best)s),
shown AS (
  SELECT r.kind, r.iri, r.text, COALESCE(r.text_lc, r.text) AS folded, r.document, b.base,
    CASE WHEN r.kind = 'section' THEN r.label ELSE COALESCE(e.label, r.iri) END AS label,
    CASE WHEN r.kind = 'section' THEN COALESCE(r.label_lc, r.label)
         ELSE COALESCE(e.label_lc, e.label, pylower(r.iri)) END AS label_folded,
    CASE WHEN r.kind = 'section' THEN 'Section' ELSE COALESCE(e.cls, '') END AS cls
  FROM best b JOIN records r ON r.id = b.id
  LEFT JOIN entity_info e ON e.iri = r.iri AND r.kind != 'section'
  %(where)s
)
SELECT kind, iri, text, label, cls, document,
  ((base + CASE WHEN folded = :q OR label_folded = :q THEN 1.0 ELSE 0.0 END)
    + CASE WHEN kind = 'entity' THEN 1.0 ELSE 0.0 END) - length(text) / 10000.0 AS score
FROM shown ORDER BY score DESC, text, kind, iri, document, label LIMIT :limit
"""
_TOKEN_HITS = """SELECT tokens.rowid, 1.0 FROM tokens JOIN records r ON r.id = tokens.rowid
  WHERE tokens MATCH :match AND instr(COALESCE(r.text_lc, r.text), :q) > 0 %(kinds)s"""
_PINYIN_HITS = """SELECT rowid, CASE WHEN syllables = :c OR initials = :c THEN 2.0 ELSE 1.0 END
  FROM pinyin WHERE syllables LIKE :inside
UNION ALL SELECT rowid, CASE WHEN syllables = :c OR initials = :c THEN 2.0 ELSE 1.0 END
  FROM pinyin WHERE initials LIKE :prefix"""


def index_path(folder: str | Path) -> Path:
    """Return where the search index of the store in `folder` lives: beside it.

    >>> index_path("data/store").as_posix()
    'data/store.search.sqlite'
    """
    folder = Path(folder)
    return folder.parent / f"{folder.name}{SUFFIX}"


def store_folder(store: GraphStore) -> Path | None:
    """Return the folder of an embedded store on disk; None in memory or for an endpoint."""
    location = getattr(store, "location", None)
    if not isinstance(location, str) or location == ":memory:" or "://" in location:
        return None
    return Path(location)


def store_identity(folder: Path) -> str:
    """Return the identity RocksDB wrote in the store folder ('' when there is none), so an
    index left beside a store that was deleted and made again is not taken for its own."""
    try:
        return (folder / "IDENTITY").read_text(encoding="ascii").strip()
    except (OSError, UnicodeError):
        return ""


def fts_text(token: str) -> str:
    """Return `token` as stored in the FTS column: ASCII other than letters and digits moved to
    plane 15, where the `ascii` tokenizer keeps it inside the token.

    >>> fts_text("a,b") == "a\\U000f002cb"
    True
    """
    return token.translate(_FTS_SAFE)


def token_text(text: str, entity: bool) -> str:
    """Return the FTS text of a record's tokens (search_index.record_tokens, each once, as
    fts_text writes it), in the order the text first holds them: the same text gives the same
    row in every process.

    >>> token_text("西仓 桥", True) == " ".join(map(fts_text, ["西", "仓", "桥", "西仓", "仓桥"]))
    True
    >>> token_text("西仓 桥", False) == " ".join(map(fts_text, ["西仓", "仓桥"]))
    True
    """
    # fts_text maps one character to one, so the text is mapped once, not token by token.
    chars = list("".join(folded_chars(text)).translate(_FTS_SAFE))
    return " ".join(token_sequence(chars, entity))


def notice(message: str) -> None:
    """Write a one-line message about the index to stderr (the CLI's and the app's log)."""
    print(f"edukg: {message}", file=sys.stderr, flush=True)


# --- reading ----------------------------------------------------------------------------------


class FtsSearchIndex:
    """The SQLite index at `path`, answering like graph_store.search_index.SearchIndex.

    Each search opens its own read-only connection, so one object serves every app session
    (Streamlit runs them in threads) and sees the updates an ingest commits. A file found
    corrupt by a search is built again by `rebuild` (when given), once, and the search retried.
    """

    def __init__(self, path: Path, rebuild: Callable[[], None] | None = None) -> None:
        self.path = path
        self._rebuild = rebuild

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        conn.create_function("pylower", 1, str.lower, deterministic=True)
        return conn

    def search(
        self, query: str, kinds: tuple[str, ...] | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Return the records that hold every bigram of `query` (or match its pinyin), best first.

        Entities whose name equals the query come first, then shorter texts.
        """
        folded, grams, latin = query_grams(query)
        if not folded:
            return []
        params: dict[str, object] = {
            "q": folded,
            "match": " ".join(f'"{fts_text(g)}"' for g in sorted(grams)),
            "limit": limit,
        }
        kind_test = ""
        if kinds:
            names = [f"k{i}" for i in range(len(kinds))]
            params.update(zip(names, kinds, strict=True))
            kind_test = "r.kind IN (" + ", ".join(f":{n}" for n in names) + ")"
        parts = [_TOKEN_HITS % {"kinds": f"AND {kind_test}" if kind_test else ""}]
        # A record found twice (by its text and its pinyin) keeps its better base score; the
        # text alone finds each record once, and the kinds are tested there already.
        best, where = "SELECT id, base FROM hits", ""
        if latin:
            compact = folded.replace(" ", "")
            params.update(c=compact, inside=f"%{compact}%", prefix=f"{compact}%")
            parts.append(_PINYIN_HITS)
            best = "SELECT id, MAX(base) FROM hits GROUP BY id"
            where = f"WHERE {kind_test}" if kind_test else ""
        sql = _SEARCH % {"hits": "\nUNION ALL ".join(parts), "best": best, "where": where}
        try:
            rows = self._fetch(sql, params)
        except sqlite3.OperationalError:  # locked, or the like: not the file's fault
            raise
        except sqlite3.DatabaseError as err:  # not a database, malformed
            if self._rebuild is None:
                raise
            notice(f"search index {self.path} is unreadable ({err}): rebuilding it from the store")
            rebuild, self._rebuild = self._rebuild, None
            rebuild()
            rows = self._fetch(sql, params)
        return [SearchHit(SearchRecord(*row[:6]), row[6]) for row in rows]

    def _fetch(self, sql: str, params: dict[str, object]) -> list[tuple]:
        conn = self._connect()
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def entities(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Return entity hits only, one per IRI."""
        return first_per_iri(self.search(query, ("entity",), limit * 3), limit)


def stale_reason(path: Path, generation: int, identity: str, exact: bool = True) -> str | None:
    """Return why the index at `path` cannot serve the store at `generation` (None if it can).

    Args:
        exact: the index must reflect exactly this generation (a writer); otherwise (a reader
            whose store handle may be older than the index) a newer one is accepted.
    """
    if not path.exists():
        return "missing"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            conn.execute("SELECT id FROM records LIMIT 1").fetchall()
            conn.execute("SELECT rowid FROM tokens WHERE tokens MATCH '\"x\"' LIMIT 1").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as err:
        return f"unreadable ({err})"
    if meta.get("version") != SCHEMA_VERSION:
        return f"built by another version ({meta.get('version')})"
    if meta.get("identity", "") != identity:
        return "built for another store"
    indexed = int(meta["generation"]) if meta.get("generation", "").isdigit() else -1
    if indexed < generation:
        return f"older than the store (generation {indexed}, store {generation})"
    if exact and indexed != generation:
        return f"of another store state (generation {indexed}, store {generation})"
    return None


def open_folder_index(
    store: GraphStore, folder: Path, generation: int
) -> FtsSearchIndex | SearchIndex:
    """Return the index of the store in `folder` (at `generation`), building it first when it
    is missing, unreadable or older than the store; in memory when it cannot be written."""
    path = index_path(folder)
    identity = store_identity(folder)

    def rebuild() -> None:
        build_index_file(store, path, generation, identity)

    reason = stale_reason(path, generation, identity, exact=False)
    if reason is None:
        return FtsSearchIndex(path, rebuild)
    notice(f"search index {path} is {reason}: rebuilding it from the store")
    try:
        rebuild()
    except (OSError, sqlite3.Error) as err:
        notice(f"search index {path} cannot be written ({err}): keeping it in memory")
        return build_search_index(store)
    return FtsSearchIndex(path, rebuild)


# --- writing ----------------------------------------------------------------------------------


def _values(var: str, iris: Iterable[str] | None) -> str:
    return (
        "" if iris is None else f"VALUES ?{var} {{ {' '.join(str(NamedNode(i)) for i in iris)} }}"
    )


def _chunks(iris: Iterable[str] | None) -> Iterator[list[str] | None]:
    """Yield `iris` in VALUES-sized lists; one None (no VALUES: every one) when `iris` is None."""
    if iris is None:
        yield None
        return
    ordered = sorted(set(iris))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def _rows(store: GraphStore, query: str, var: str, iris: Iterable[str] | None) -> Iterator[dict]:
    """Yield the rows of `query` for `iris` bound to ?`var` (all of them when None).

    Graphs are bound one at a time (Oxigraph then reads only that graph: a VALUES block of
    graphs made it scan the sections of every graph); entities go in VALUES blocks.
    """
    if var == "g" and iris is not None:
        text = query % {"values": "", "classes": _CLASS_LIST}
        for graph in sorted(set(iris)):
            yield from store.select(text, {"g": NamedNode(graph)}).values()
        return
    for chunk in _chunks(iris):
        text = query % {"values": _values(var, chunk), "classes": _CLASS_LIST}
        yield from store.select(text).values()


def _folded(text: str) -> str | None:
    low = text.lower()
    return None if low == text else low


# A record as the index stores it, without its id: the `records` columns after id, then the FTS
# text of its tokens and, for an entity name, its pinyin (full, initials).
IndexRow = tuple[
    str, str, str, str | None, str | None, str | None, str, str | None, str, tuple[str, str] | None
]


class _Tokeniser:
    """Makes index rows, tokenising each text once.

    Tokens and pinyin are kept per (is an entity name, text): mention quotes repeat, and the
    names of an entity derived again are mostly the names it had, whose tokens are read back
    from the records they replace (pypinyin is most of the cost of an entity's record).
    """

    def __init__(self, limit: int | None = None) -> None:
        self.made: dict[tuple[bool, str], tuple[str, tuple[str, str] | None]] = {}
        self._limit = limit  # texts kept at most (a worker's lifetime is a whole ingest)

    def tokens(self, record: SearchRecord) -> tuple[str, tuple[str, str] | None]:
        """Return the FTS text of a record's tokens and, for an entity name, its pinyin."""
        key = (record.kind == "entity", record.text)
        made = self.made.get(key)
        if made is None:
            if self._limit is not None and len(self.made) >= self._limit:
                self.made.clear()
            words = token_text(record.text, record.kind == "entity")
            keys = pinyin_keys(record.text) if record.kind == "entity" else None
            made = self.made[key] = (words, keys)
        return made

    def row(self, record: SearchRecord, owner: str | None) -> IndexRow:
        """Return the row of a record (with the graph it came from, None for an entity's name)."""
        own_label = record.kind == "section"
        return (
            record.kind,
            record.iri,
            record.text,
            _folded(record.text),
            record.label if own_label else None,
            _folded(record.label) if own_label else None,
            record.document,
            owner,
            *self.tokens(record),
        )


_WORKER_TOKENS = _Tokeniser(limit=200_000)  # graph_rows' own, in each ingest worker


@dataclass(frozen=True)
class GraphRows:
    """The index rows of one graph (its mentions' and sections' records, tokenised) and the
    entities it names: what the index holds for it, made by `graph_rows` where the graph was
    built (an ingest's worker process) so that the writing process only inserts them."""

    graph: str
    rows: tuple[IndexRow, ...]
    touched: tuple[tuple[str, str], ...]


def graph_records(
    store: GraphStore, graphs: Iterable[str] | None
) -> tuple[list[tuple[SearchRecord, str | None]], list[tuple[str, str]]]:
    """Return the mention and section records of `graphs` (all when None), each with its
    graph, and the (graph, entity) pairs of the entities each names."""
    records: list[tuple[SearchRecord, str | None]] = []
    for row in _rows(store, _MENTIONS, "g", graphs):
        quote = row["quote"] or ""
        records.append(
            (
                SearchRecord("mention", row["entity"], quote, "", "", row["document"] or ""),
                row["g"],
            )
        )
    texts = {r["document"]: r["text"] or "" for r in _rows(store, _TEXTS, "g", graphs)}
    for row, sentence in section_sentences(_rows(store, _SECTIONS, "g", graphs), texts):
        record = SearchRecord(
            "section", row["section"], sentence, row["heading"] or "", "Section", row["document"]
        )
        records.append((record, row["g"]))
    touched = [(row["g"], row["s"]) for row in _rows(store, _TOUCHED, "g", graphs)]
    return records, touched


def graph_rows(store: GraphStore, graph: NamedNode) -> GraphRows:
    """Return the index rows of `graph` in `store` (an ingest's scratch store of that graph)."""
    records, touched = graph_records(store, [graph.value])
    rows = tuple(_WORKER_TOKENS.row(record, owner) for record, owner in records)
    return GraphRows(graph.value, rows, tuple(touched))


class _Writer:
    """Writes records into an open index database (tokenised by its own _Tokeniser)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.next_id = (conn.execute("SELECT MAX(id) FROM records").fetchone()[0] or 0) + 1
        self._tokeniser = _Tokeniser()
        self._made = self._tokeniser.made  # seeded by delete

    def add(self, records: list[tuple[SearchRecord, str | None]]) -> None:
        """Insert records (each with the graph it came from, None for an entity's names)."""
        self.insert([self._tokeniser.row(record, owner) for record, owner in records])

    def insert(self, rows: Iterable[IndexRow]) -> None:
        """Insert rows (made by a _Tokeniser), giving each the next id."""
        records, tokens, pinyin = [], [], []
        for row in rows:
            rid = self.next_id
            self.next_id += 1
            records.append((rid, *row[:8]))
            tokens.append((rid, row[8]))
            keys = row[9]
            if keys is not None and keys[0]:
                pinyin.append((rid, *keys))
        self.conn.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", records)
        self.conn.executemany("INSERT INTO tokens(rowid, words) VALUES (?, ?)", tokens)
        self.conn.executemany(
            "INSERT INTO pinyin(rowid, syllables, initials) VALUES (?, ?, ?)", pinyin
        )

    def put(self, prepared: GraphRows) -> set[str]:
        """Write the rows of one graph made by graph_rows; return the entities it names."""
        self.insert(prepared.rows)
        self.conn.executemany(
            "INSERT OR IGNORE INTO graph_entities VALUES (?, ?)", prepared.touched
        )
        return {iri for _, iri in prepared.touched}

    def delete(self, where: str, params: Iterable) -> None:
        """Delete the records (and their tokens and pinyin) that `where` selects."""
        ids = []
        query = f"""SELECT r.id, r.kind, r.text, t.words, p.syllables, p.initials FROM records r
            JOIN tokens t ON t.rowid = r.id LEFT JOIN pinyin p ON p.rowid = r.id WHERE {where}"""
        for rid, kind, text, words, syllables, initials in self.conn.execute(query, params):
            ids.append((rid,))
            keys = (syllables, initials) if syllables is not None else None
            if kind == "entity" and keys is None:
                keys = ("", "")  # a name without pinyin (no Chinese in it)
            self._made.setdefault((kind == "entity", text), (words, keys))
        self.conn.executemany("DELETE FROM tokens WHERE rowid = ?", ids)
        self.conn.executemany("DELETE FROM pinyin WHERE rowid = ?", ids)
        self.conn.executemany("DELETE FROM records WHERE id = ?", ids)

    def entities(self, store: GraphStore, iris: Iterable[str] | None) -> None:
        """Derive the names of `iris` (every entity when None) from the store and write them."""
        classes: dict[str, set[str]] = defaultdict(set)
        for row in _rows(store, _TYPES, "entity", iris):
            classes[row["entity"]].add((row["class"] or "").rsplit("#", 1)[-1])
        found: dict[str, tuple[list[str], list[str], list[str]]] = {}
        for row in _rows(store, _LABELS, "entity", iris if iris is None else list(classes)):
            if row["entity"] in classes:
                kinds = found.setdefault(row["entity"], ([], [], []))
                for k, var in enumerate(("l1", "l2", "l3")):
                    if row[var] is not None:
                        kinds[k].append(row[var])
        info = {}
        for iri, types in classes.items():
            labels, pref, titles = found.get(iri, ([], [], []))
            names = labels or pref or titles or [iri.split("/id/", 1)[1] if "/id/" in iri else ""]
            info[iri] = (choose_label(names), main_class(types))
        records = [
            (SearchRecord("entity", i, lab, lab, cls), None) for i, (lab, cls) in info.items()
        ]
        for row in _rows(store, _ALTS, "entity", iris if iris is None else list(info)):
            iri, alt = row["entity"], row["alt"]
            if iri in info and alt and alt != info[iri][0]:
                records.append((SearchRecord("entity", iri, alt, *info[iri]), None))
        self.conn.executemany(
            "INSERT INTO entity_info VALUES (?, ?, ?, ?)",
            [(i, lab, _folded(lab), cls) for i, (lab, cls) in info.items()],
        )
        self.add(records)

    def graphs(self, store: GraphStore, graphs: Iterable[str] | None) -> set[str]:
        """Write the mention and section records of `graphs` (all when None) and which entities
        each names; return those entities."""
        records, touched = graph_records(store, graphs)
        self.add(records)
        self.conn.executemany("INSERT OR IGNORE INTO graph_entities VALUES (?, ?)", touched)
        return {iri for _, iri in touched}

    def stamp(self, generation: int, identity: str, vocabulary: str) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            [
                ("version", SCHEMA_VERSION),
                ("generation", str(generation)),
                ("identity", identity),
                ("vocabulary", vocabulary),
            ],
        )


def vocabulary_digest(store: GraphStore) -> str:
    """Return a digest of the ontology and concept-scheme graphs, which every ingest writes
    again: their entities are derived again only when it changed."""
    digest = hashlib.sha1()
    for graph in _VOCABULARY:
        lines = store.export("nq", NamedNode(graph)).splitlines()
        digest.update(b"\n".join(sorted(lines)))
    return digest.hexdigest()


def build_index_file(store: GraphStore, path: Path, generation: int, identity: str) -> None:
    """Build the whole index from the store into a temporary file, then put it at `path`."""
    _Build(path).finish(store, generation, identity)


class _Build:
    """A whole index built in a temporary file beside `path`, put in place by `finish`.

    Graphs whose rows were made already (graph_rows, in an ingest's workers) are written as
    they come, while the ingest goes on; `finish` derives the rest from the store.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        self.temporary.unlink(missing_ok=True)
        self.conn = sqlite3.connect(self.temporary)
        self.conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self.conn.execute(
            "INSERT INTO tokens(tokens, rank) VALUES ('hashsize', ?)", (_BUILD_HASH_SIZE,)
        )
        # The entity names' pinyin (pinyin_keys) is made at finish: its module is imported now,
        # in the background, while an ingest's extraction processes run.
        threading.Thread(target=importlib.import_module, args=("pypinyin",), daemon=True).start()
        self.writer = _Writer(self.conn)
        self.graphs: set[str] = set()  # written from their GraphRows

    def put(self, prepared: GraphRows) -> None:
        """Write one graph's rows (replacing those it was written with before)."""
        if prepared.graph in self.graphs:
            self._forget([prepared.graph])
        self.writer.put(prepared)
        self.graphs.add(prepared.graph)

    def _forget(self, graphs: list[str]) -> None:
        for chunk in _chunks(graphs):
            marks = ", ".join("?" * len(chunk))
            self.writer.delete(f"owner IN ({marks})", chunk)
            self.conn.execute(f"DELETE FROM graph_entities WHERE owner IN ({marks})", chunk)

    def finish(self, store: GraphStore, generation: int, identity: str) -> None:
        """Add what the store holds beyond the graphs written here, stamp, put at `path`."""
        try:
            in_store = {g.value for g in store.graphs()}
            self._forget(sorted(self.graphs - in_store))  # dropped since (a stale graph)
            self.writer.entities(store, None)
            # Every graph in one query when none was written here: a query per graph else.
            self.writer.graphs(store, sorted(in_store - self.graphs) if self.graphs else None)
            self.writer.stamp(generation, identity, vocabulary_digest(store))
            self.conn.commit()
            self.conn.execute("INSERT INTO tokens(tokens) VALUES ('optimize')")
            # Flushed by the optimize; later updates in place go back to the default (above).
            self.conn.execute("DELETE FROM tokens_config WHERE k = 'hashsize'")
            self.conn.commit()
            self.conn.close()
            os.replace(self.temporary, self.path)
        finally:
            self.discard()

    def discard(self) -> None:
        """Close and remove the temporary file (nothing once it was put in place)."""
        self.conn.close()
        self.temporary.unlink(missing_ok=True)


class IndexUpdate:
    """The index changes of one ingest or delete: begun before the store is written, finished
    after (inferred graph included). A store without a folder has no index: nothing is done.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.folder = store_folder(store)
        self.path = index_path(self.folder) if self.folder is not None else None
        self.generation = read_generation(self.folder) if self.folder is not None else 0
        self.identity = store_identity(self.folder) if self.folder is not None else ""
        self.reason: str | None = None
        self.full = False
        self.written: set[str] = set()
        self.prepared: dict[str, GraphRows] = {}  # for an update in place, at finish
        self._build: _Build | None = None  # a whole build, written as the ingest goes
        self.inferred: set[tuple[str, str]] = set()
        if self.path is not None:
            self.reason = stale_reason(self.path, self.generation, self.identity)
            if self.reason is None:
                self.inferred = self._inferred_alts()

    @classmethod
    def begin(cls, store: GraphStore) -> IndexUpdate:
        """Return the update for `store`, noting the state its index is in before the writes."""
        return cls(store)

    def wrote(self, *graphs: NamedNode) -> None:
        """Note graphs written or dropped (a graph no longer in the store is dropped from it)."""
        self.written.update(g.value for g in graphs)

    def wrote_rows(self, prepared: GraphRows) -> None:
        """Note a graph written, with its index rows made already (graph_rows): a whole build
        writes them now, an update in place at finish."""
        if self.path is None:
            return
        self.written.add(prepared.graph)
        if self.reason is None and not self.full:
            self.prepared[prepared.graph] = prepared
            return
        if self._build is None:
            self._build = _Build(self.path)
        self._build.put(prepared)

    def rebuild(self) -> None:
        """Build the whole index (a bulk load: call it before the writes, so that their rows
        go to the new index as they come)."""
        self.full = True
        for prepared in self.prepared.values():
            self.wrote_rows(prepared)
        self.prepared.clear()

    def discard(self) -> None:
        """Give up (the ingest failed): remove a whole build's temporary file."""
        if self._build is not None:
            self._build.discard()
            self._build = None

    def _inferred_alts(self) -> set[tuple[str, str]]:
        return {(r["entity"], r["alt"]) for r in self.store.select(_INFERRED_ALTS).values()}

    def finish(self) -> None:
        """Bring the index to the store as it is now; say so when it had to be built whole.

        An index that cannot be written is left as it is, older than the store, so that the
        next reader builds it again.
        """
        if self.path is None or self.folder is None:
            return
        generation = read_generation(self.folder)
        try:
            if self.reason is None and not self.full and self._incremental(generation):
                return
            if self.reason is not None and self.generation > 0:  # 0: a new store
                notice(f"search index {self.path} was {self.reason}: rebuilding it from the store")
            build, self._build = self._build or _Build(self.path), None
            for prepared in self.prepared.values():  # an update in place that could not be
                build.put(prepared)
            build.finish(self.store, generation, self.identity)
        except (OSError, sqlite3.Error) as err:
            notice(
                f"search index {self.path} could not be updated ({err}): rebuilt when next opened"
            )

    def _incremental(self, generation: int) -> bool:
        """Apply the changes in place, in one transaction; False when the file changed since
        begin (another process built it again), so the caller builds it whole."""
        conn = sqlite3.connect(self.path, timeout=30)
        # Readers (the app) go on reading the last commit while this transaction runs, as long
        # as its pages stay in memory: only the commit locks them out, briefly.
        conn.execute("PRAGMA cache_size = -262144")  # KiB
        try:
            conn.execute("BEGIN IMMEDIATE")
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if meta.get("generation") != str(self.generation):
                conn.rollback()
                return False
            in_store = {g.value for g in self.store.graphs()}
            # Every document graph names at least its document: graph_entities lists them all.
            owners = {o for (o,) in conn.execute("SELECT DISTINCT owner FROM graph_entities")}
            vocabulary = vocabulary_digest(self.store)
            changed = self.written | (owners - in_store)
            if meta.get("vocabulary") != vocabulary:
                changed |= set(_VOCABULARY)
            writer = _Writer(conn)
            affected: set[str] = set()
            for chunk in _chunks(changed):
                marks = ", ".join("?" * len(chunk))
                affected |= {
                    i
                    for (i,) in conn.execute(
                        f"SELECT iri FROM graph_entities WHERE owner IN ({marks})", chunk
                    )
                }
                writer.delete(f"owner IN ({marks})", chunk)
                conn.execute(f"DELETE FROM graph_entities WHERE owner IN ({marks})", chunk)
            for graph in sorted(changed & in_store & self.prepared.keys()):
                affected |= writer.put(self.prepared[graph])
            affected |= writer.graphs(self.store, sorted(changed & in_store - self.prepared.keys()))
            inferred = self._inferred_alts()
            affected |= {iri for iri, _ in inferred ^ self.inferred}
            for chunk in _chunks(affected):
                marks = ", ".join("?" * len(chunk))
                writer.delete(f"kind = 'entity' AND iri IN ({marks})", chunk)
                conn.execute(f"DELETE FROM entity_info WHERE iri IN ({marks})", chunk)
            writer.entities(self.store, affected)
            writer.stamp(generation, self.identity, vocabulary)
            conn.commit()
            return True
        except BaseException:
            conn.rollback()
            raise
        finally:
            conn.close()
