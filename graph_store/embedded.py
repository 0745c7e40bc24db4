"""EmbeddedStore: pyoxigraph on disk (or in memory for tests)."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, QuerySolutions, Triple, Variable

from graph_store.protocol import RDF_EXPORT_FORMATS, Bindings, StoreError
from graph_store.results import QueryResult, solutions_to_result
from graph_store.statistics import contribution, forget_update, rebuild_statistics, record_update
from loaders import QuadLines
from ontology.namespace import PREFIXES as _PREFIXES
from ontology.namespace import STATS_GRAPH

# The store generation (issue #10): a counter that every write through EmbeddedStore raises once
# the write is done, so a process holding the store open read-only (the app) sees, by reading
# one small file, that its snapshot is stale. A file in the store folder rather than a triple:
# reading it needs no store handle (a read-only handle only sees its own snapshot) and it is
# written to a temporary file and swapped in with os.replace, so it is never half-written.
# Oxigraph (RocksDB) ignores files in its folder whose names are not its own.
GENERATION_FILE = "edukg-generation"
# A read-only open races a writer in another process (`edukg ingest` beside the app, `edukg
# query` or `edukg serve`): RocksDB reads CURRENT, then the MANIFEST it names, then the files
# listed there, and a writer creating the store or compacting it (the bulk load's optimize)
# replaces them in between, so the open fails with "Corruption … MANIFEST", a missing .sst or a
# missing column family (issue #10). The next open reads the new files: a failed open is tried
# again, for up to this many seconds, before it is reported.
READ_ONLY_OPEN_SECONDS = 5.0
# A graph for bulk_put_graphs: its name, its quads and, optionally, its statistics records.
GraphWrite = (
    tuple[NamedNode, QuadLines | Iterable[Quad]]
    | tuple[NamedNode, QuadLines | Iterable[Quad], Sequence[Quad]]
)


def read_generation(folder: str | Path) -> int:
    """Return the generation of the store in `folder`: 0 for a store never written since
    generations exist (or no store), otherwise how many writes it has seen."""
    try:
        return int((Path(folder) / GENERATION_FILE).read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def bump_generation(folder: str | Path) -> int:
    """Raise the generation of the store in `folder` by one, atomically; return the new one.

    Only a process holding the store read-write calls it, and Oxigraph lets one process at a
    time do that, so the read and the write do not race with another writer.
    """
    path = Path(folder) / GENERATION_FILE
    generation = read_generation(folder) + 1
    temporary = path.with_name(f"{GENERATION_FILE}.{os.getpid()}.tmp")
    temporary.write_text(f"{generation}\n", encoding="ascii")
    os.replace(temporary, path)
    return generation


def _open_read_only(folder: Path) -> ox.Store:
    """Open the store in `folder` read-only, trying again while a writer replaces its files
    (READ_ONLY_OPEN_SECONDS); raise StoreError, in one line, when it cannot be opened."""
    deadline = time.monotonic() + READ_ONLY_OPEN_SECONDS
    pause = 0.01
    while True:
        try:
            return ox.Store.read_only(str(folder))
        except (OSError, RuntimeError) as err:  # RocksDB reports a damaged store as RuntimeError
            if time.monotonic() >= deadline or not _has_files(folder):
                reason = str(err).splitlines()[0] if str(err) else type(err).__name__
                raise StoreError(f"cannot open the store at {folder}: {reason}") from err
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _has_files(folder: Path) -> bool:
    """Say whether `folder` holds anything: a missing or empty folder has no writer to wait for."""
    try:
        return any(folder.iterdir())
    except OSError:
        return False


def graph_lines(graph: NamedNode, quads: Iterable[Quad]) -> list[str]:
    """Return the N-Triples lines ('<s> <p> <o> .') of the quads of `graph` among `quads`.

    A QuadLines (loaders.build_document_graph) of `graph` already holds them, written with the
    same escapes as pyoxigraph's own N-Triples serialiser, and is used as it is; other quads are
    written by that serialiser (a term's str()), so no text is pasted unescaped.
    """
    if isinstance(quads, QuadLines) and quads.graph == graph:
        return quads.lines
    return [f"{q.subject} {q.predicate} {q.object} ." for q in quads if q.graph_name == graph]


def quads_to_update(graph: NamedNode, quads: Iterable[Quad], drops: Iterable[NamedNode]) -> str:
    """Return one SPARQL update that drops `graph` and `drops` and inserts the quads of `graph`
    (graph_lines) into it. Oxigraph applies one update request in one transaction."""
    ops = [f"DROP SILENT GRAPH {g}" for g in [graph, *drops]]
    body = "\n".join(graph_lines(graph, quads))
    if body:
        ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    return " ;\n".join(ops)


def quads_to_patch(graph: NamedNode, remove: Iterable[Quad], add: Iterable[Quad]) -> str:
    """Return one SPARQL update that deletes the quads of `graph` among `remove`, then inserts
    those among `add` (graph_lines); an empty string when there is nothing to do."""
    ops = []
    for verb, quads in (("DELETE", remove), ("INSERT", add)):
        body = "\n".join(graph_lines(graph, quads))
        if body:
            ops.append(f"{verb} DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    return " ;\n".join(ops)


class EmbeddedStore:
    """An Oxigraph store in a folder (created if missing), or in memory when `path` is None."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self._read_only = read_only and path is not None
        if path is None:
            self._store = ox.Store()
            self.location = ":memory:"
        else:
            folder = Path(path)
            if read_only:
                self._store = _open_read_only(folder)
            else:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    self._store = ox.Store(str(folder))
                except OSError as err:
                    raise StoreError(f"cannot open the store at {folder}: {err}") from err
            self.location = str(folder)
        self._folder = None if path is None else Path(path)

    @classmethod
    def over(cls, store: ox.Store) -> EmbeddedStore:
        """Return an EmbeddedStore that reads and writes `store`, an in-memory pyoxigraph store
        (graph_store.ingest's scratch store of one document)."""
        self = cls.__new__(cls)
        self._store, self._read_only, self._folder, self.location = store, False, None, ":memory:"
        return self

    @property
    def generation(self) -> int:
        """The store's generation (see GENERATION_FILE); always 0 in memory."""
        return 0 if self._folder is None else read_generation(self._folder)

    def _written(self) -> None:
        """Record that a write completed: raise the generation (a folder store only)."""
        if self._folder is not None and not self._read_only:
            bump_generation(self._folder)

    def put_graph(
        self,
        graph: NamedNode,
        quads: Iterable[Quad],
        replaces: Iterable[NamedNode] = (),
        records: Sequence[Quad] | None = None,
    ) -> None:
        """Replace `graph` (and drop `replaces`) with `quads`, with their statistics records
        (graph_store.statistics; `records` when the caller computed them already, as an
        ingest's workers do), in one transaction.

        A graph new to the store, with nothing to drop, is added by one transactional N-Quads
        load (the graph and its records), which Oxigraph parses about 1.7x faster than the same
        data as SPARQL INSERT DATA; that is every document of a first ingest. A replacement
        keeps the single update, so the old graph and the new one are never both, or neither,
        in the store.
        """
        quads = quads if isinstance(quads, QuadLines) else list(quads)  # read twice below
        if graph == STATS_GRAPH:  # the records themselves (rebuild_statistics)
            # Two steps, a load being several times faster than INSERT DATA for the hundreds of
            # thousands of records of a large store; a stop in between leaves no records,
            # which the next ingest or delete rebuilds (ensure_statistics).
            self._store.remove_graph(graph)
            self._store.load(
                input=b"".join(_nquads_chunks([(graph, quads)])), format=ox.RdfFormat.N_QUADS
            )
            self._written()
            return
        drops = [g for g in replaces if g != graph]
        if records is None:
            records = contribution(graph, quads)
        if drops or self._store.contains_named_graph(graph):
            update = quads_to_update(graph, quads, drops)
            self._store.update(update + " ;\n" + record_update([graph, *drops], records))
            self._written()
            return
        if records:  # an empty graph is absent, as after the update path's DROP
            data = b"".join(_nquads_chunks([(graph, quads), (STATS_GRAPH, records)]))
            self._store.load(input=data, format=ox.RdfFormat.N_QUADS)
            self._written()

    def bulk_put_graphs(self, graphs: Iterable[GraphWrite], checked: bool = False) -> None:
        """Add graphs new to the store through Oxigraph's bulk loader, streamed as N-Quads, each
        followed by its statistics records (the third item of a graph, when it has one).

        `checked`: every graph's N-Quads were parsed by Oxigraph already (graph_store.ingest
        loads each document into a scratch store in its worker), so the loader skips validating
        them again (its `lenient` mode: about 8 % of the load; the same quads from valid input).

        No transaction: a failure part-way can leave some of these graphs, or part of one, in
        the store (what was there before is not touched), and the store is compacting until
        optimize(). graph_store.ingest uses it only for a first load into a store without
        documents, where it is about twice as fast as one transaction per graph.
        """
        chunks = _nquads_chunks(_with_records(graphs))
        # A list of graphs (a batch of graph_store.ingest.bulk_write) goes as one bytes object,
        # which Oxigraph loads without holding the GIL; a stream is read as it comes.
        if isinstance(graphs, list):
            data: bytes | io.BufferedReader = b"".join(chunks)
        else:
            data = io.BufferedReader(_ChunkReader(chunks), 1 << 20)
        try:
            self._store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS, lenient=checked)
        finally:  # a failed bulk load may still have written part of its graphs
            self._written()

    def patch_graph(self, graph: NamedNode, remove: Iterable[Quad], add: Iterable[Quad]) -> None:
        """Remove the quads of `graph` among `remove`, then add those among `add`, with the
        graph's statistics records recomputed, in one update."""
        remove, add = list(remove), list(add)
        update = quads_to_patch(graph, remove, add)
        if not update:
            return
        after = set(self._store.quads_for_pattern(None, None, None, graph))
        after = (after - {q for q in remove if q.graph_name == graph}) | {
            q for q in add if q.graph_name == graph
        }
        self._store.update(update + " ;\n" + record_update([graph], contribution(graph, after)))
        self._written()

    def drop_graph(self, graph: NamedNode) -> None:
        """Remove a named graph and everything in it, and its statistics records."""
        if self._store.contains_named_graph(graph):
            self._store.update(f"DROP GRAPH {graph} ;\n{forget_update([graph])}")
            self._written()

    def rebuild_statistics(self) -> int:
        """Recompute the statistics graph from every graph (after a bulk load of a file)."""
        return rebuild_statistics(self)

    def graphs(self) -> list[NamedNode]:
        """Return the named graphs, sorted by IRI."""
        return sorted(
            (
                g
                for g in self._store.named_graphs()
                if isinstance(g, NamedNode) and g != STATS_GRAPH
            ),
            key=lambda g: g.value,
        )

    def _query(self, query: str, bindings: Bindings | None):
        substitutions = {Variable(k): v for k, v in (bindings or {}).items()}
        try:
            return self._store.query(
                query,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
                prefixes=_PREFIXES,
            )
        except SyntaxError as err:
            raise StoreError(f"SPARQL syntax error: {err}") from err
        except RuntimeError as err:  # e.g. a binding for a variable the query does not project
            raise StoreError(f"query refused: {err}") from err
        except OSError as err:
            raise StoreError(f"query failed: {err}") from err

    def select(
        self, query: str, bindings: Bindings | None = None, limit: int | None = None
    ) -> QueryResult:
        """Run a SELECT with the union of graphs as default graph; cap rows at `limit`."""
        answer = self._query(query, bindings)
        if not isinstance(answer, QuerySolutions):
            raise StoreError("expected a SELECT query")
        return solutions_to_result(answer, limit)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK."""
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryBoolean):
            raise StoreError("expected an ASK query")
        return bool(answer)

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        """Run a CONSTRUCT or DESCRIBE."""
        answer = self._query(query, bindings)
        if not isinstance(answer, ox.QueryTriples):
            raise StoreError("expected a CONSTRUCT or DESCRIBE query")
        return list(answer)

    def count(self, graph: NamedNode | None = None) -> int:
        """Return the number of quads in one graph, or in the whole store (its statistics
        graph left out, as it is of graphs())."""
        if graph is None:
            return len(self._store) - self.count(STATS_GRAPH)
        # Counted by the engine: iterating the quads made a Python object of each (0.3-0.8 s
        # for the statistics graph of 400 k quads, at the end of every `edukg ingest`).
        found = self._store.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
        )
        return int(next(iter(found))[0].value)

    def quads(self, graph: NamedNode | None = None) -> list[Quad]:
        """Return the quads of one graph, or of the whole store (without the statistics)."""
        found = self._store.quads_for_pattern(None, None, None, graph)
        return [q for q in found if graph is not None or q.graph_name != STATS_GRAPH]

    def export(self, fmt: str, graph: NamedNode | None = None) -> bytes:
        """Serialise the store (or one graph) in an RDF format of RDF_EXPORT_FORMATS.

        Triple formats (Turtle, N-Triples, RDF/XML) of the whole store hold the union graph.
        The statistics graph is derived data: left out, and rebuilt by whoever loads the export
        through edukg (bulk_load, EndpointStore.bulk_load).
        """
        try:
            attr, _, datasets = RDF_EXPORT_FORMATS[fmt]
        except KeyError:
            raise StoreError(
                f"unknown export format {fmt!r}; expected one of {', '.join(RDF_EXPORT_FORMATS)}"
            ) from None
        rdf_format = getattr(ox.RdfFormat, attr)
        if graph is not None:
            if datasets:
                quads = self._store.quads_for_pattern(None, None, None, graph)
                return ox.serialize(quads, format=rdf_format, prefixes=_PREFIXES) or b""
            return self._store.dump(format=rdf_format, from_graph=graph, prefixes=_PREFIXES)
        if datasets:
            if not self._store.contains_named_graph(STATS_GRAPH):
                return self._store.dump(format=rdf_format, prefixes=_PREFIXES)
            quads = (q for q in self._store if q.graph_name != STATS_GRAPH)
            return ox.serialize(quads, format=rdf_format, prefixes=_PREFIXES) or b""
        triples = {
            Triple(q.subject, q.predicate, q.object)
            for q in self._store
            if q.graph_name != STATS_GRAPH
        }
        ordered = sorted(triples, key=str)
        return ox.serialize(ordered, format=rdf_format, prefixes=_PREFIXES) or b""

    def optimize(self) -> None:
        """Compact the store after a bulk load, so queries run at steady-state speed."""
        self._store.optimize()

    def bulk_load(self, path: str | Path, fmt: str = "nq") -> None:
        """Load a large RDF file without a transaction (fast), then recompute the statistics
        graph from everything the store holds; call optimize() afterwards."""
        attr = RDF_EXPORT_FORMATS[fmt][0]
        try:
            self._store.bulk_load(path=str(path), format=getattr(ox.RdfFormat, attr))
            self.rebuild_statistics()
        finally:
            self._written()

    def close(self) -> None:
        """Flush and release the store."""
        if not self._read_only:
            self._store.flush()
        del self._store


def _nquads_chunks(
    graphs: Iterable[tuple[NamedNode, QuadLines | Iterable[Quad]]],
) -> Iterator[bytes]:
    """Yield each graph's quads as N-Quads bytes, one chunk per graph.

    A QuadLines of the graph gives its own N-Quads (from a worker process, already built there).
    """
    for graph, quads in graphs:
        if isinstance(quads, QuadLines) and quads.graph == graph:
            yield quads.nquads()
            continue
        suffix = f"{graph} .\n"
        # An N-Triples line is '<s> <p> <o> .': the graph name goes before the final dot.
        yield "".join(line[:-1] + suffix for line in graph_lines(graph, quads)).encode()


def _with_records(
    graphs: Iterable[GraphWrite],
) -> Iterator[tuple[NamedNode, QuadLines | Iterable[Quad]]]:
    """Yield each graph, then its statistics records (graph_store.statistics): those it came
    with, else computed here."""
    for graph, quads, *given in graphs:
        if given:
            yield graph, quads
            yield STATS_GRAPH, given[0]
            continue
        quads = quads if isinstance(quads, QuadLines) else list(quads)  # read twice
        yield graph, quads
        yield STATS_GRAPH, contribution(graph, quads)


class _ChunkReader(io.RawIOBase):
    """A read-only byte stream over an iterator of byte chunks (for Store.bulk_load)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = memoryview(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size
