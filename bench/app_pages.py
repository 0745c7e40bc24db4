"""Per-page render time of the Streamlit app (AppTest), on the bundled corpus and on ~1 M triples.

    python -m bench.app_pages                          # bundled corpus + a ~1 M-quad synthetic store
    python -m bench.app_pages --triples 0              # bundled corpus only
    python -m bench.app_pages --workdir W              # keep the stores in W; a later run with the
                                                       # same W reuses W/synthetic-<N> (no re-ingest)
    python -m bench.app_pages --store DIR              # only an existing store, e.g. one that
                                                       # `edukg ingest` or bench/scale.py --workdir made
    python -m bench.app_pages --replica                # the large store as replicas of the bundled one

For each page: the first visit (every Streamlit cache cleared before it: store opening, search
index, query results — as after an app start or a store change) and the median of the next
visits (what a researcher sees once the app is warm). Issue 13's goal: every first visit under
2 s at 1 M quads. The default large store is what a user gets: synthetic documents
(bench/synthetic.py, seed 7) ingested as `edukg ingest` does, so its statistics graph and search
index are built at ingest. `--replica` copies the bundled graphs under new IRIs (…/id/r<k>/…)
instead, bulk-loaded and optimised (a quicker build, but many copies of five documents).
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.synthetic import write_corpus
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import ingest_paths
from graph_store.settings import PROJECT_ROOT

APP = str(PROJECT_ROOT / "app.py")
ID = "https://w3id.org/edukg/id/"
QUADS_PER_DOCUMENT = 4_600  # a synthetic document ingests to about this many (bench/engines.py)
PAGES = (
    "overview",
    "sparql",
    "sparql+run",
    "sparql+complete",
    "search",
    "search+query",
    "explorer",
    "programmes",
    "lineage",
    "network",
    "documents",
    "resource",
    "export",
)


def build_bundled(folder: Path) -> Path:
    store = EmbeddedStore(folder)
    report = ingest_paths(store, [PROJECT_ROOT / "data" / "corpus"])
    print(f"bundled corpus: {len(report.loaded)} documents, {store.count():,} quads")
    store.close()
    return folder


def build_synthetic(folder: Path, triples: int) -> Path:
    """Ingest enough synthetic documents for about `triples` quads, as `edukg ingest` does
    (statistics graph and search index included); reuse the folder when it already exists."""
    if folder.exists():
        print(f"synthetic store: reusing {folder}")
        return folder
    documents = max(3, math.ceil(triples * 1.05 / QUADS_PER_DOCUMENT))
    files = write_corpus(folder.with_name(folder.name + "-corpus"), documents)
    store = EmbeddedStore(folder)
    started = time.perf_counter()
    report = ingest_paths(store, files, workers=None)
    seconds = time.perf_counter() - started
    print(
        f"synthetic store: {len(report.loaded)} documents, {store.count():,} quads "
        f"in {seconds:.0f} s"
    )
    store.close()
    return folder


def _renamed(term, k: int):
    if isinstance(term, ox.NamedNode) and term.value.startswith(ID):
        return ox.NamedNode(f"{ID}r{k}/{term.value[len(ID) :]}")
    return term


def build_replica(source: Path, folder: Path, triples: int) -> Path:
    """Replicate the source store's quads under new IRIs until about `triples` quads."""
    quads = list(ox.Store.read_only(str(source)))
    copies = max(1, triples // max(len(quads), 1))
    nq = folder.with_suffix(".nq")
    with nq.open("wb") as out:
        for k in range(copies):
            batch = [
                ox.Quad(
                    _renamed(q.subject, k),
                    q.predicate,
                    _renamed(q.object, k),
                    _renamed(q.graph_name, k),
                )
                for q in quads
            ]
            out.write(ox.serialize(batch, format=ox.RdfFormat.N_QUADS) or b"")
    store = EmbeddedStore(folder)
    store.bulk_load(nq, "nq")
    store.optimize()
    print(f"replica store: {copies} copies, {store.count():,} quads")
    store.close()
    nq.unlink()
    return folder


def sample_entity(location: Path) -> str:
    store = ox.Store.read_only(str(location))
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/edukg/ontology#School> } LIMIT 1"
    rows = list(store.query(query, use_default_graph_as_union=True))
    return rows[0]["s"].value if rows else ""


def render_once(location: Path, page: str, entity: str) -> float:
    at = AppTest.from_file(APP, default_timeout=300)
    at.secrets["store_location"] = str(location)
    if page == "explorer" and entity:
        at.query_params["entity"] = entity
    if page == "resource" and entity:
        at.query_params["iri"] = entity
    name = page.split("+")[0]
    at.switch_page(f"app_views/{name}.py")
    started = time.perf_counter()
    at.run()
    if page == "search+query":
        at.text_input(key="search_text").input("学校").run()
    if page == "sparql+run":
        at.button(key="sparql_run").click().run()
    if page == "sparql+complete":
        # The editor's entity lookup as the browser sends it (in the app it reruns the editor's
        # fragment alone; AppTest reruns the page, so this is the page plus the lookup).
        at.session_state["sparql_editor"] = {"lookup": "学校", "nonce": str(time.monotonic())}
        at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return elapsed


def time_pages(location: Path, label: str, repeats: int, pages: tuple[str, ...] = PAGES) -> None:
    entity = sample_entity(location)
    print(f"\n{label}  ({location})")
    print(f"{'page':<12} {'first (s)':>10} {'warm median (s)':>16}")
    for page in pages:
        # A first visit whatever page came before: nothing cached (AppTest runs share them).
        st.cache_data.clear()
        st.cache_resource.clear()
        first = render_once(location, page, entity)
        warm = statistics.median(render_once(location, page, entity) for _ in range(repeats))
        flag = "" if max(first, warm) < 2 else "  ← over 2 s"
        print(f"{page:<12} {first:>10.2f} {warm:>16.2f}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--store", type=Path, help="time only this existing store")
    parser.add_argument(
        "--replica", action="store_true", help="large store: replicas of the bundled corpus"
    )
    parser.add_argument("--pages", nargs="*", choices=PAGES, help="only these pages")
    args = parser.parse_args()
    pages = tuple(args.pages or PAGES)
    if args.store:
        time_pages(args.store, f"store {args.store.name}", args.repeats, pages)
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edukg-bench-app-"))
    bundled = work / "bundled"
    if not bundled.exists():
        build_bundled(bundled)
    time_pages(bundled, "bundled corpus", args.repeats, pages)
    if not args.triples:
        return
    if args.replica:
        large = build_replica(bundled, work / f"replica-{args.triples}", args.triples)
    else:
        large = build_synthetic(work / f"synthetic-{args.triples}", args.triples)
    time_pages(large, f"~{args.triples:,} quads", args.repeats, pages)


if __name__ == "__main__":
    main()
