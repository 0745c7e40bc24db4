"""Ingest files into a store: one named graph per document, replaced in one transaction.

A bad file is reported in one line naming it and the problem; the other files still load and
nothing already stored is touched, because each document's graph is written by one transactional
update only after the whole document was read and extracted.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode

from graph_store.aliases import jurisdiction_alias_links
from graph_store.embedded import EmbeddedStore, GraphWrite
from graph_store.inferred import link_quads
from graph_store.lineage import lineage_links, program_records
from graph_store.protocol import GraphStore
from graph_store.search_fts import GraphRows, IndexUpdate, graph_rows
from graph_store.statistics import contribution_in, ensure_statistics, record_lines
from graph_store.vocabulary import load_vocabulary
from loaders import DocumentError, DocumentGraph, QuadLines, build_document_graph
from loaders.readers import READERS
from ontology.namespace import INFERRED_GRAPH, ONTOLOGY_GRAPH, OWL, PROGRAMS_GRAPH

_NOT_DOCUMENTS = frozenset({ONTOLOGY_GRAPH, PROGRAMS_GRAPH, INFERRED_GRAPH})
PARALLEL_FROM = 64  # files; below this an ingest runs in one process (see default_workers)
_CHUNK = 4  # files a worker is handed at a time (see _chunk_size)
_AHEAD = 4  # documents extracted ahead of the store writes in a one-process ingest
_BULK_BATCH = 100_000  # quads of a first ingest's first bulk loads (see bulk_write)
_BULK_GROWTH = 4  # a later load is at least 1/_BULK_GROWTH of the quads loaded before it
_BULK_BATCH_MAX = 1_000_000  # quads of its largest (Oxigraph's own batch)
_WATCH_SECONDS = 1.0  # how often a worker checks that the ingest that started it is alive
_T = TypeVar("_T")
_SAME_SOURCE = """
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?g ?source WHERE { GRAPH ?g { ?doc a ekg:Document ; dct:source ?source } }
"""


@dataclass(frozen=True)
class IngestFailure:
    path: str
    message: str


@dataclass(frozen=True)
class IngestedDocument:
    path: str
    doc_id: str
    title: str | None
    quads: int


@dataclass(frozen=True)
class InferredCounts:
    """How many links each rule put in the inferred graph."""

    lineage: int  # ekg:implements and ekg:continues
    aliases: int  # owl:sameAs (each with its skos:altLabel)


@dataclass(frozen=True)
class IngestReport:
    loaded: tuple[IngestedDocument, ...]
    failed: tuple[IngestFailure, ...]

    @property
    def ok(self) -> bool:
        return not self.failed


def collect_files(paths: Iterable[Path | str]) -> list[Path]:
    """Return the files to ingest: files as given, folders searched for known extensions.

    Hidden files and folders are skipped; the order is sorted, so runs are repeatable.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in READERS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            out.extend(found)
        else:
            out.append(path)
    return out


def describe_failure(path: Path, err: BaseException) -> str:
    """Return the one-line message for a file that failed, naming the file."""
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text if str(path) in text or path.name in text else f"{path}: {text}"


def build_one(path: Path) -> DocumentGraph | BaseException:
    """Return one file's graph, or the error that stopped it (also run in worker processes)."""
    try:
        return build_document_graph(path)
    except DocumentError as err:
        return err
    except (OSError, UnicodeError, ValueError) as err:
        return err


@dataclass(frozen=True)
class PreparedDocument:
    """A document's graph with what the store writes derive from it alone, made where the graph
    was built (a worker process): its statistics records and its search-index rows. The
    process that writes the store then only passes them on."""

    graph: DocumentGraph
    records: QuadLines  # graph_store.statistics.contribution, as N-Quads of the stats graph
    search: GraphRows


def prepare(graph: DocumentGraph) -> PreparedDocument:
    """Return `graph` with its statistics records and search-index rows.

    Both are computed over an in-memory store that holds the graph alone, loaded once from its
    N-Quads by Oxigraph's own parser: by the same SPARQL as over the whole store.
    """
    scratch = ox.Store()
    if isinstance(graph.quads, QuadLines) and graph.quads.graph == graph.graph:
        scratch.load(input=graph.quads.nquads(), format=ox.RdfFormat.N_QUADS)
    else:
        scratch.extend(q for q in graph.quads if q.graph_name == graph.graph)
    records = record_lines(contribution_in(scratch, graph.graph))
    return PreparedDocument(graph, records, graph_rows(EmbeddedStore.over(scratch), graph.graph))


def build_prepared(path: Path) -> PreparedDocument | BaseException:
    """Return build_one's graph of `path`, prepared (or the error that stopped it)."""
    outcome = build_one(path)
    return prepare(outcome) if isinstance(outcome, DocumentGraph) else outcome


def _build_portable(path: Path) -> PreparedDocument | BaseException:
    """Run build_prepared in a worker; the result pickles compactly (loaders.QuadLines as one
    N-Quads bytes object, built here). An error that cannot be pickled comes back as a
    ValueError."""
    outcome = build_prepared(path)
    if isinstance(outcome, BaseException):
        try:
            pickle.dumps(outcome)
        except (pickle.PicklingError, TypeError, AttributeError):
            return ValueError(str(outcome))
    return outcome


def _cores() -> int:
    """Return the number of CPUs this process may run on (its affinity mask, where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS)
        return os.cpu_count() or 1


def default_workers(n_files: int) -> int:
    """Return the worker count for `n_files` files: 1 for a small batch, else one per core.

    Cores are those the process may run on (a `taskset` mask counts). Batches under
    PARALLEL_FROM files stay in one process, which then extracts in a thread while it writes.

    >>> default_workers(3)
    1
    """
    if n_files < PARALLEL_FROM:
        return 1
    return max(1, min(_cores(), n_files // (PARALLEL_FROM // 2)))


def _chunk_size(n_files: int, workers: int) -> int:
    """Return how many files a worker takes at a time: few, so that the workers finish close
    together (the last chunk runs on one of them); queueing a chunk costs well under a
    millisecond, against tens of milliseconds a document."""
    return max(1, min(_CHUNK, n_files // (workers * 8)))


def build_graphs(
    files: list[Path], workers: int = 1, chunksize: int | None = None
) -> Iterator[tuple[Path, PreparedDocument | BaseException]]:
    """Yield each file with its prepared graph, or the error that stopped it, in the order of
    `files`.

    With `workers` > 1 the files are read in a process pool, in chunks, and results come back in
    input order, so the store ends up byte-for-byte the same as after a serial run. The first
    files are read here, up to the first that is extracted: that loads the extractor's
    dictionaries and LAC model (about 2.5 s) in this process, once, and the forked workers share
    them instead of each loading its own; rebuild_inferred then finds the gazetteer loaded too.
    """
    if workers <= 1 or len(files) <= 1:
        for path in files:
            yield path, build_prepared(path)
        return
    head: list[tuple[Path, PreparedDocument | BaseException]] = []
    for path in files:
        head.append((path, build_prepared(path)))
        if not isinstance(head[-1][1], BaseException):
            break
    rest = files[len(head) :]
    # Objects alive now (the extractor's dictionaries) are shared copy-on-write with the forked
    # workers; freezing them keeps the collector from touching (and so copying) their pages.
    gc.freeze()
    try:
        with _worker_pool(workers) as pool:
            # Submitted before the head is yielded, so the workers start while it is written.
            built = pool.map(
                _build_portable, rest, chunksize=chunksize or _chunk_size(len(rest), workers)
            )
            yield from head
            yield from zip(rest, built, strict=True)
    finally:
        gc.unfreeze()


def _worker_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of `workers` forked processes that exit when this process is gone.

    Forked (not spawned) on every system that can: the workers share what this process loaded.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_exit_with_parent, initargs=(os.getpid(),)
    )


def _exit_with_parent(parent: int) -> None:
    """Start a thread that ends this worker once `parent` is no longer its parent.

    Without it, the workers of an ingest killed with SIGKILL wait for work forever (reparented,
    idle, holding their memory): nothing else tells them that their parent is gone.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@dataclass(frozen=True)
class _Raised:
    error: BaseException


def in_background(items: Iterator[_T], ahead: int = _AHEAD) -> Iterator[_T]:
    """Yield the items of `items`, produced in a thread at most `ahead` items before the caller.

    An ingest in one process extracts in that thread while the caller writes the store:
    Oxigraph releases the GIL while it parses and writes, so the two overlap. An exception
    raised by `items` is raised here; when the caller stops early, the thread stops after the
    item it is producing.
    """
    ready: queue.Queue[_T | _Raised | None] = queue.Queue(ahead)
    stop = threading.Event()

    def put(item: _T | _Raised | None) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as err:  # raised again in the caller's thread
            put(_Raised(err))
        else:
            put(None)

    threading.Thread(target=produce, name="ingest-extract", daemon=True).start()
    try:
        while (item := ready.get()) is not None:
            if isinstance(item, _Raised):
                raise item.error
            yield item
    finally:
        stop.set()


def store_document(store: GraphStore, graph: DocumentGraph | PreparedDocument) -> None:
    """Write one document graph, replacing its previous graph and any stale graph of its source.

    A file edited since its last ingest gets a new content-based IRI; the graph that came from
    the same source file name is dropped in the same transaction, so nothing stale is left.
    A prepared graph's statistics records go with it as they are (a store that takes them).
    """
    prepared = graph if isinstance(graph, PreparedDocument) else None
    graph = graph.graph if isinstance(graph, PreparedDocument) else graph
    source = graph.document.source
    stale = [
        row[0]
        for row in store.select(_SAME_SOURCE, {"source": Literal(source)})
        if isinstance(row[0], NamedNode) and row[0] != graph.graph
    ]
    if prepared is not None and isinstance(store, EmbeddedStore):
        store.put_graph(graph.graph, graph.quads, replaces=stale, records=prepared.records)
    else:
        store.put_graph(graph.graph, graph.quads, replaces=stale)


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path | str],
    progress: Callable[[Iterable], Iterable] | None = None,
    workers: int | None = 1,
    bulk: bool | None = None,
) -> IngestReport:
    """Ingest files and folders into `store`; return what loaded and what failed.

    Args:
        workers: processes that read and extract documents (the store is written by this
            process, in input order); None picks `default_workers(number of files)`.
        bulk: write through the store's bulk loader (no transaction per document, about twice
            as fast; see `use_bulk`) when True, or None and `use_bulk` says so; False writes
            each document in its own transaction.
    """
    files = collect_files(paths)
    search = IndexUpdate.begin(store)  # the search index follows the writes below
    ensure_statistics(store)  # a store from before the statistics graph gets it first
    load_vocabulary(store)
    loaded: list[IngestedDocument] = []
    failed: list[IngestFailure] = []
    n_workers = workers if workers is not None else default_workers(len(files))
    results = build_graphs(files, n_workers)
    if n_workers <= 1:
        results = in_background(results)  # extraction overlaps the store writes
    if progress is not None:
        results = progress(results, total=len(files))  # type: ignore[call-arg]
    bulk_put = getattr(store, "bulk_put_graphs", None)
    compacted: Callable[[], None] = lambda: None  # noqa: E731
    try:
        if bulk_put is not None and (bulk or (bulk is None and use_bulk(store, files))):
            search.rebuild()  # a first load: the index is built whole, as the graphs come
            repeats: dict[NamedNode, PreparedDocument] = {}
            bulk_write(
                store, _indexed(_first_of_each(_good(results, loaded, failed), repeats), search)
            )
            # Oxigraph compacts in its own threads, without the GIL: the writes and reads
            # below (a few documents, the inferred graph, the search index) go on meanwhile.
            compacted = in_thread(store.optimize)  # type: ignore[attr-defined]
            # A later file of a document already loaded replaces it, as in the transactional
            # path.
            for outcome in _indexed(repeats.values(), search):
                store_document(store, outcome)
        else:
            for outcome in _good(results, loaded, failed):
                store_document(store, outcome)
                search.wrote_rows(outcome.search)
        if loaded:
            rebuild_inferred(store)
        search.finish()
    except BaseException:
        search.discard()
        raise
    finally:
        compacted()
    return IngestReport(tuple(loaded), tuple(failed))


def bulk_write(
    store: GraphStore, prepared: Iterable[PreparedDocument], batch: int = _BULK_BATCH
) -> None:
    """Bulk-load `prepared` documents (graphs and statistics records) batch by batch, each
    batch in a thread while the next is gathered.

    Oxigraph's bulk loader writes its sorted files once it holds a million quads or its input
    ends: given all the documents as one stream, a first ingest of 400 k quads wrote them all
    after the last document had arrived, 3 to 4 s on one core while the extraction processes
    had nothing left to do. Batch by batch, the files are written while the extraction goes
    on, and only the last batch is left for the end. A batch goes to the loader as one bytes
    object, so the load runs without the GIL and this thread goes on gathering (and indexing)
    the next.

    A batch is `batch` quads, or a quarter of the quads loaded before it when that is more (at
    most the loader's own million): each load adds a file per index to the store's first
    level, which RocksDB merges in its own threads as they pile up, and optimize() once more
    at the end. A first ingest of 300 documents (700 k quads) made 7 loads where batches of
    50 k quads growing by an eighth made 13, for 1.2 s less CPU in all (loads and merges), and
    its last load, left for the end, still a fifth of the quads at most. A document's graph
    and records always go in one batch. Raises what a load raised, once the load in progress
    has ended; a load already running when the documents fail to come ends first, and no batch
    is loaded after it.
    """
    bulk_put = store.bulk_put_graphs  # type: ignore[attr-defined]
    pending: queue.Queue[list[GraphWrite] | None] = queue.Queue(1)
    raised: list[BaseException] = []
    stopped = threading.Event()  # the documents stopped coming with an error: load no more

    def load() -> None:
        while (graphs := pending.get()) is not None:
            if raised or stopped.is_set():
                continue
            try:
                # Each graph was parsed into its scratch store already (prepare).
                bulk_put(graphs, checked=True)
            except BaseException as err:  # raised again by the gathering thread
                raised.append(err)

    thread = threading.Thread(target=load, name="ingest-bulk-load", daemon=True)
    thread.start()
    try:
        gathered: list[GraphWrite] = []
        size = loaded = 0
        for document in prepared:
            gathered.append((document.graph.graph, document.graph.quads, document.records))
            size += len(document.graph.quads) + len(document.records)
            if size >= min(_BULK_BATCH_MAX, max(batch, loaded // _BULK_GROWTH)):
                pending.put(gathered)
                gathered, loaded, size = [], loaded + size, 0
            if raised:
                break
        if gathered and not raised:
            pending.put(gathered)
    except BaseException:
        stopped.set()
        raise
    finally:
        pending.put(None)
        thread.join()
    if raised:
        raise raised[0]


def in_thread(work: Callable[[], object]) -> Callable[[], None]:
    """Start `work` in a thread; return a function that waits for it to end and raises what it
    raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as err:  # raised again by the waiter
            raised.append(err)

    thread = threading.Thread(target=run, name="ingest-compact", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if raised:
            raise raised[0]

    return wait


def _indexed(
    prepared: Iterable[PreparedDocument], search: IndexUpdate
) -> Iterator[PreparedDocument]:
    """Yield each document, then hand its search-index rows to `search` (once it is written)."""
    for outcome in prepared:
        yield outcome
        search.wrote_rows(outcome.search)


def use_bulk(store: GraphStore, files: list[Path]) -> bool:
    """Say whether a batch may go through the bulk loader: a first load of many files.

    The bulk loader has no transaction, so it is used only where a failure part-way cannot
    touch stored documents: the store holds none yet (vocabulary graphs aside), the batch has
    at least PARALLEL_FROM files, and no two share a base name (a later file of the same name
    replaces the earlier one's graph, which only the transactional path does). A failed bulk
    load is repaired by ingesting the same files again, which then takes the transactional path.
    """
    if len(files) < PARALLEL_FROM or len({p.name for p in files}) < len(files):
        return False
    return not any(g not in _NOT_DOCUMENTS for g in store.graphs())


def _first_of_each(
    graphs: Iterable[PreparedDocument], repeats: dict[NamedNode, PreparedDocument]
) -> Iterator[PreparedDocument]:
    """Yield the first graph of each document; keep the last later one of each in `repeats`.

    Two files may map to one document id (the same 索引号 or 发文字号): the bulk loader would
    merge them into one graph, where a transaction per document keeps the later file's."""
    seen: set[NamedNode] = set()
    for prepared in graphs:
        name = prepared.graph.graph
        if name in seen:
            repeats[name] = prepared
            continue
        seen.add(name)
        yield prepared


def _good(
    results: Iterable[tuple[Path, PreparedDocument | BaseException]],
    loaded: list[IngestedDocument],
    failed: list[IngestFailure],
) -> Iterator[PreparedDocument]:
    """Yield the graphs that were built, recording them in `loaded` and failures in `failed`."""
    for path, outcome in results:
        if isinstance(outcome, BaseException):
            failed.append(IngestFailure(str(path), describe_failure(path, outcome)))
            continue
        graph = outcome.graph
        yield outcome
        loaded.append(
            IngestedDocument(
                str(path), graph.document.doc_id, graph.document.metadata.title, len(graph.quads)
            )
        )


def delete_document(store: GraphStore, *graphs: NamedNode) -> None:
    """Remove documents' graphs and rebuild the inferred links without them (once); their
    records leave the search index."""
    search = IndexUpdate.begin(store)
    ensure_statistics(store)
    for graph in graphs:
        store.drop_graph(graph)
    if graphs:
        rebuild_inferred(store)
    search.wrote(*graphs)
    search.finish()


def rebuild_inferred(store: GraphStore) -> InferredCounts:
    """Rebuild the inferred graph from the documents now in the store; return the link counts.

    Every rule reads the document graphs only, so a link whose last supporting document was
    replaced or deleted is gone (graph_store/inferred.py). The graph is brought to the new links
    by one update that removes and adds only the quads that changed: after one document, a few
    links among tens of thousands, where rewriting the graph took seconds on a large store. The
    change is computed against what the store holds, so any stale quad is removed by the next
    rebuild.
    """
    lineage = lineage_links(program_records(store))
    aliases = jurisdiction_alias_links(store)
    quads = set(link_quads([*lineage, *aliases]))
    stored = set(ox.parse(store.export("nq", INFERRED_GRAPH), format=ox.RdfFormat.N_QUADS))
    store.patch_graph(INFERRED_GRAPH, stored - quads, quads - stored)
    return InferredCounts(len(lineage), sum(1 for link in aliases if link.predicate == OWL.sameAs))
