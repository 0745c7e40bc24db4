"""Search index: the old whole build in memory (JSON) against the SQLite FTS5 index kept at ingest.

    python -m bench.search_index                 # ~200 k quads (about 45 synthetic documents)
    python -m bench.search_index --quads 1000000 # ~1 M quads
    python -m bench.search_index --workdir DIR   # keep the store and the index files

On one store of synthetic documents (bench/synthetic.py, seed 7), ingested with `ingest_paths`:

* whole build: `build_search_index` + `save_index` (what the app did on its first Search visit
  and after every store change) next to `build_index_file` (the FTS5 index from the store: what
  runs once for a first bulk load, or when the file is missing, corrupt or stale); seconds and
  file size.
* per document: `edukg ingest` of one more document into that store, and a delete of one, each
  timed whole and for its index part (IndexUpdate begin + finish: the document's records, the
  entities it names derived again, the inferred altLabels that changed).
* queries: p50 / p95 of what the Search page asks per query (entities, limit 50, and sentences,
  limit 200) for a partial Chinese name, a full name, its pinyin, its initials and a common word.
"""

from __future__ import annotations

import argparse
import platform
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path

import graph_store.ingest as ingest_module
from bench.scale import percentile
from bench.synthetic import write_corpus
from graph_store.embedded import EmbeddedStore, read_generation
from graph_store.ingest import delete_document, ingest_paths
from graph_store.search_fts import (
    FtsSearchIndex,
    IndexUpdate,
    build_index_file,
    index_path,
    store_identity,
)
from graph_store.search_index import build_search_index, pinyin_keys, save_index

QUADS_PER_DOCUMENT = 4_500  # about what one synthetic document gives (issue 13: 4.6 M / 1 000)
EXTRA = 5  # documents ingested one at a time after the base
REPEATS = 30


class TimedUpdate(IndexUpdate):
    """IndexUpdate that adds the seconds it spends to `spent` (the bench's own counter)."""

    spent: list[float] = []

    def __init__(self, store) -> None:  # noqa: ANN001
        start = time.perf_counter()
        super().__init__(store)
        TimedUpdate.spent.append(time.perf_counter() - start)

    def finish(self) -> None:
        start = time.perf_counter()
        super().finish()
        TimedUpdate.spent.append(time.perf_counter() - start)


def timed(run) -> float:  # noqa: ANN001
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def page_search(index, query: str) -> None:  # noqa: ANN001
    """What app_views/search.py asks for one query."""
    index.entities(query, limit=50)
    index.search(query, ("mention", "section"), limit=200)


def latencies(index, query: str) -> tuple[float, float, int]:  # noqa: ANN001
    page_search(index, query)  # warm
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        page_search(index, query)
        runs.append((time.perf_counter() - start) * 1000)
    found = len(index.search(query, None, limit=100_000))
    return percentile(runs, 50), percentile(runs, 95), found


def sample_name(store: EmbeddedStore) -> str:
    rows = store.select(
        "SELECT ?label WHERE { ?s a ekg:School ; rdfs:label ?label } ORDER BY ?label LIMIT 1 OFFSET 7"
    ).values()
    return rows[0]["label"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quads", type=int, default=200_000, help="store size to aim at")
    parser.add_argument("--workdir", type=Path, help="keep the store here (default: temporary)")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edukg-search-bench-"))
    documents = max(2, args.quads // QUADS_PER_DOCUMENT)
    files = write_corpus(work / "corpus", documents + EXTRA)
    base, extra = files[:documents], files[documents:]
    folder = work / "store"
    shutil.rmtree(folder, ignore_errors=True)
    index_path(folder).unlink(missing_ok=True)
    store = EmbeddedStore(folder)
    print(f"ingesting {documents} documents …", file=sys.stderr, flush=True)
    ingest_seconds = timed(lambda: ingest_paths(store, base, workers=2))
    quads = store.count()
    chars = sum(len(p.read_text(encoding="utf-8")) for p in base)

    print("old: whole build in memory + JSON …", file=sys.stderr, flush=True)
    json_path = work / "store.search-index.json"
    holder: dict = {}
    old_build = timed(lambda: holder.setdefault("index", build_search_index(store)))
    old_save = timed(lambda: save_index(holder["index"], json_path))
    memory_index = holder["index"]

    print("new: whole FTS5 build …", file=sys.stderr, flush=True)
    fts_file = work / "rebuilt.search.sqlite"
    new_build = timed(
        lambda: build_index_file(store, fts_file, read_generation(folder), store_identity(folder))
    )

    print(f"per document: {EXTRA} ingests and a delete …", file=sys.stderr, flush=True)
    ingest_module.IndexUpdate = TimedUpdate  # type: ignore[misc]
    per_doc: list[tuple[float, float]] = []
    for path in extra:
        TimedUpdate.spent.clear()
        total = timed(lambda p=path: ingest_paths(store, [p]))
        per_doc.append((total, sum(TimedUpdate.spent)))
    TimedUpdate.spent.clear()
    graph = store.select(
        "SELECT ?g WHERE { GRAPH ?g { ?d a ekg:Document ; dct:source ?s } } ORDER BY ?s LIMIT 1"
    ).rows[0][0]
    delete_total = timed(lambda: delete_document(store, graph))
    delete_index = sum(TimedUpdate.spent)

    print("queries …", file=sys.stderr, flush=True)
    fts_index = FtsSearchIndex(index_path(folder))
    memory_index = build_search_index(store)  # the same store state as the FTS index now
    name = sample_name(store)
    full, initials = pinyin_keys(name)
    queries = [
        ("partial name", name[1:3]),
        ("full name", name),
        ("pinyin", full),
        ("initials", initials),
        ("common word", "教育"),
    ]
    rows = []
    for what, query in queries:
        old_p50, old_p95, old_found = latencies(memory_index, query)
        new_p50, new_p95, new_found = latencies(fts_index, query)
        assert old_found == new_found, (query, old_found, new_found)
        rows.append((what, query, old_found, old_p50, old_p95, new_p50, new_p95))

    command = "python -m bench.search_index " + shlex.join(argv or sys.argv[1:])
    mean_total = sum(t for t, _ in per_doc) / len(per_doc)
    mean_index = sum(i for _, i in per_doc) / len(per_doc)
    lines = [
        f"`{command.strip()}` — {platform.machine()}, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d')}; {documents} synthetic documents ({chars:,} characters) "
        f"ingested in {ingest_seconds:.1f} s, {quads:,} quads; "
        f"{len(memory_index.records):,} records.",
        "",
        "| whole build | seconds | file |",
        "|---|---:|---:|",
        f"| old: in memory (`build_search_index`) + JSON (`save_index`) | "
        f"{old_build:.1f} + {old_save:.1f} | {json_path.stat().st_size / 2**20:.1f} MB |",
        f"| new: SQLite FTS5 (`build_index_file`) | {new_build:.1f} | "
        f"{fts_file.stat().st_size / 2**20:.1f} MB |",
        "",
        "| per document, at ingest | whole command | index part |",
        "|---|---:|---:|",
    ]
    for k, (total, index_part) in enumerate(per_doc, 1):
        lines.append(f"| ingest of one more document ({k}) | {total:.2f} s | {index_part:.3f} s |")
    lines += [
        f"| mean of {len(per_doc)} | {mean_total:.2f} s | {mean_index:.3f} s |",
        f"| delete of one document | {delete_total:.2f} s | {delete_index:.3f} s |",
        "",
        "| query (Search page: entities + sentences) | text | hits | old p50 / p95 ms "
        "| new p50 / p95 ms |",
        "|---|---|---:|---:|---:|",
    ]
    for what, query, found, op50, op95, np50, np95 in rows:
        lines.append(
            f"| {what} | {query} | {found:,} | {op50:.1f} / {op95:.1f} | {np50:.1f} / {np95:.1f} |"
        )
    print("\n".join(lines))
    if args.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
