"""Scale benchmark: ingest throughput, bulk load, named-query latency (vs rdflib), peak memory.

    python -m bench.scale                 # quick: 100 documents; ~100 k and 1 M triples
    python -m bench.scale --full          # 100, 1 000, 10 000 documents; 100 k, 1 M, 10 M triples
                                          # (10 000 with 2 workers only; see --scaling-max)
    python -m bench.scale --documents 100 1000 --triples 100000 1000000 --rdflib-max 1000000

Everything runs in one process on synthetic documents (bench/synthetic.py, seed 7), in a
temporary folder (or --workdir), and the tables plus the exact command go to bench/RESULTS.md.

* ingest: `ingest_paths` into a fresh on-disk store, 1 worker on 1 core against 2 workers on 2
  cores (and 2 workers writing a transaction per document); documents/s and characters/s (file
  characters) — reading, extraction and the store writes included.
* bulk load: the quads of the largest ingested store, cut (or replicated with per-replica IRIs)
  to each triple count, written as N-Quads; then `EmbeddedStore.bulk_load` + `optimize` next to
  `oxigraph load` (the server package's own loader) on the same file.
* queries: every queries/*.rq, unbound and (where it has parameters) with typical values taken
  from the data; p50/p95 over repeated runs on the bulk-loaded store, next to rdflib's in-memory
  `Dataset(default_union=True)` on the same file (rdflib only up to --rdflib-max triples).
* memory: peak RSS of this process (getrusage) after each stage, the RSS rdflib's dataset adds,
  and the peak RSS of `oxigraph load`.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from bench.synthetic import write_corpus
from graph_store.bundle import canonical_nquads_hash
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import build_one, ingest_paths
from graph_store.named_queries import NamedQuery, bind_params, load_named_queries
from graph_store.query_examples import example_values
from graph_store.server import find_oxigraph

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
RDFLIB_LIMIT = 120  # seconds one rdflib query may run before it is stopped
OXIGRAPH_LIMIT = 240  # seconds one Oxigraph query (all its runs) may take before it is stopped
EKGID = b"https://w3id.org/edukg/id/"
QUICK_DOCUMENTS = (100,)
FULL_DOCUMENTS = (100, 1000, 10000)
QUICK_TRIPLES = (100_000, 1_000_000)
FULL_TRIPLES = (100_000, 1_000_000, 10_000_000)


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def percentile(values: list[float], q: float) -> float:
    """Return the q-th percentile (0–100) by linear interpolation.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 50)
    2.5
    """
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Report:
    command: str
    ingest: list[tuple] = field(default_factory=list)
    parallel_check: list[str] = field(default_factory=list)
    bulk: list[tuple] = field(default_factory=list)
    queries: list[tuple] = field(default_factory=list)
    memory: list[tuple[str, float]] = field(default_factory=list)
    calibration: tuple[float, float] | None = None
    notes: list[str] = field(default_factory=list)

    def mark(self, stage: str) -> None:
        self.memory.append((stage, peak_rss_mb()))
        print(
            f"[{time.strftime('%H:%M:%S')}] {stage}: peak RSS {peak_rss_mb():.0f} MB",
            file=sys.stderr,
            flush=True,
        )


# --- ingest -------------------------------------------------------------------------------------


def bench_ingest(
    report: Report, files: list[Path], sizes: list[int], work: Path, scaling_max: int = 1000
) -> Path:
    """Ingest each size; return the folder of the largest 2-worker store.

    Each size runs as `edukg ingest` does on a first load (the bulk loader, then optimize) with
    1 worker pinned to 1 core and with 2 workers on every core, and once more with 2 workers and
    one transaction per document (how later ingests into a store with documents write). Pinning
    matters: the bulk loader runs threads of its own, so 1 worker on 2 cores already uses both. Sizes above `scaling_max` run the first
    kind with 2 workers only: the comparisons are made at the smaller sizes, and the other
    runs would triple the 10 000-document stage.
    """
    largest = work / "ingest-largest"
    # Warm up: load the extractor's dictionaries once, so neither run pays for it and forked
    # workers share them.
    build_one(files[0])
    for n in sizes:
        chunk = files[:n]
        characters = sum(len(p.read_text(encoding="utf-8")) for p in chunk)
        dumps = {}
        every = len(os.sched_getaffinity(0))
        runs = [(1, 1, True), (2, every, True), (2, every, False)]
        for workers, cores, bulk in runs if n <= scaling_max else runs[1:2]:
            folder = work / f"ingest-{n}-{workers}-{bulk}"
            store = EmbeddedStore(folder)
            allowed = os.sched_getaffinity(0)
            # Pinned to `cores` CPUs: Oxigraph's loader threads and the worker processes inherit
            # the mask, so "1 core" really is one, whatever threads the store starts.
            os.sched_setaffinity(0, sorted(allowed)[:cores])
            start = time.perf_counter()
            try:
                result = ingest_paths(store, chunk, workers=workers, bulk=bulk)
            finally:
                seconds = time.perf_counter() - start
                os.sched_setaffinity(0, allowed)
            quads = store.count()
            if n <= 1000:
                dumps[(workers, bulk)] = hash_nquads(store)
            store.close()
            writes = "bulk" if bulk else "per document"
            report.ingest.append(
                (
                    n,
                    workers,
                    cores,
                    writes,
                    seconds,
                    n / seconds,
                    characters / seconds,
                    quads,
                    len(result.failed),
                )
            )
            report.mark(f"ingest {n} documents, {workers} worker(s), {cores} core(s), {writes}")
            if n == max(sizes) and workers == 2 and bulk:
                folder.rename(largest)
            else:
                shutil.rmtree(folder)
        if len(dumps) > 1:
            same = len(set(dumps.values())) == 1
            report.parallel_check.append(
                f"{n} documents: dataset hashes of the {len(dumps)} stores "
                f"{'identical' if same else 'DIFFER'} (sha256 {next(iter(dumps.values()))[:16]}…)"
            )
    return largest


def hash_nquads(store: EmbeddedStore) -> str:
    """Return the dataset version hash (sorted N-Quads, blank-node labels masked)."""
    return canonical_nquads_hash(store.export("nq"))[0]


# --- data files ---------------------------------------------------------------------------------


def write_dataset(store: EmbeddedStore, target: int, path: Path) -> int:
    """Write about `target` quads of `store` as N-Quads, whole graphs at a time; replicate the
    document graphs under per-replica IRIs (…/id/rN/…) when the store is too small."""
    graphs = store.graphs()
    written = 0
    replica = 0
    with path.open("wb") as out:
        while written < target:
            for graph in graphs:
                if replica and b"/graph/" not in graph.value.encode():
                    continue
                data = ox.serialize(store.quads(graph), format=ox.RdfFormat.N_QUADS) or b""
                if replica:
                    data = data.replace(EKGID, EKGID + f"r{replica}/".encode())
                out.write(data)
                written += data.count(b"\n")
                if written >= target:
                    break
            replica += 1
    return written


# --- bulk load ----------------------------------------------------------------------------------


def bench_bulk(report: Report, path: Path, quads: int, work: Path) -> Path:
    """Bulk-load `path` with EmbeddedStore and with `oxigraph load`; return the embedded store.

    `oxigraph load` leaves the store as loaded, without compaction, so the comparison is like
    with like twice: our bulk_load against `oxigraph load`, and bulk_load + optimize against
    `oxigraph load` + `oxigraph optimize` on the CLI's store.
    """
    folder = work / f"bulk-{quads}"
    shutil.rmtree(folder, ignore_errors=True)
    store = EmbeddedStore(folder)
    start = time.perf_counter()
    store.bulk_load(path, "nq")
    loaded = time.perf_counter() - start
    store.optimize()
    optimized = time.perf_counter() - start
    count = store.count()
    store.close()
    cli_folder = work / f"oxload-{quads}"
    shutil.rmtree(cli_folder, ignore_errors=True)
    oxigraph = find_oxigraph()
    cli_load, cli_rss = run_cli(
        [oxigraph, "load", "--location", str(cli_folder), "--file", str(path)]
    )
    cli_optimize, _ = run_cli([oxigraph, "optimize", "--location", str(cli_folder)])
    shutil.rmtree(cli_folder, ignore_errors=True)
    report.bulk.append((count, loaded, optimized, cli_load, cli_load + cli_optimize, cli_rss))
    report.mark(f"bulk load {count} quads")
    return folder


def run_cli(command: list[str]) -> tuple[float, float]:
    """Run one CLI command; return its seconds and its own peak RSS in MB.

    The peak is the process's VmHWM, read from /proc while it runs: rusage's ru_maxrss of a
    child keeps the high-water mark of the (large) benchmark process it was spawned from.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status = Path(f"/proc/{process.pid}/status")
    peak_kb = 0
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return seconds, peak_kb / 1024


# --- queries ------------------------------------------------------------------------------------


def query_cases(
    store: EmbeddedStore, queries: dict[str, NamedQuery]
) -> list[tuple[str, NamedQuery, dict[str, str]]]:
    """Return (label, query, parameter values) for each way a named query is run.

    A query with no required parameter runs unbound (the whole store); one with parameters also
    runs with all of them given; a required parameter is always given.
    """
    cases = []
    for name, query in queries.items():
        required = {p.name for p in query.params if p.required}
        params = example_values(store, query)
        if not required:
            cases.append((name, query, {}))
        elif required <= set(params):
            only = {k: v for k, v in params.items() if k in required}
            cases.append((f"{name} [{', '.join(sorted(only))}]", query, only))
        if params and set(params) != required and required <= set(params):
            cases.append((f"{name} [{', '.join(sorted(params))}]", query, params))
    return cases


def to_rdflib(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class RunTimeout(Exception):
    """A benchmark run exceeded its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise RunTimeout


def run_with_limit(run, limit: int) -> float:
    """Return the seconds `run()` takes; raise RunTimeout after `limit` s (pure-Python runs only:
    the alarm interrupts between bytecodes, which is enough for rdflib)."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cpu_calibration() -> tuple[float, float]:
    """Return (seconds for one pure-Python loop alone, wall seconds for two at once in two
    processes): how much two processes can gain on this machine at best."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1000, 1000]))
        alone = pool.submit(_burn, 20_000_000).result()
        start = time.perf_counter()
        list(pool.map(_burn, [20_000_000, 20_000_000]))
        both = time.perf_counter() - start
    return alone, both


def _burn(n: int) -> float:
    start = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - start


def time_runs(run, repeats: int, budget: float, limit: int | None = None) -> list[float]:
    """Return the seconds of up to `repeats` runs (after one warm-up), stopping after `budget` s.

    With `limit`, a run that takes longer raises RunTimeout.
    """
    if limit:
        first = run_with_limit(run, limit)
    else:
        start = time.perf_counter()
        run()
        first = time.perf_counter() - start
    if first > budget:
        return [first]
    times = []
    spent = first
    for _ in range(repeats):
        if limit:
            times.append(run_with_limit(run, limit))
        else:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        spent += times[-1]
        if spent > budget:
            break
    return times


def _time_in_child(conn, folder: str, text: str, bindings: dict, repeats: int, budget: float):
    # The forked child inherits this process's heap (rdflib's dataset: millions of objects);
    # frozen, the collector no longer walks it on every few thousand new result terms.
    gc.freeze()
    store = EmbeddedStore(folder, read_only=True)
    start = time.perf_counter()
    rows = len(store.select(text, bindings))
    times = [time.perf_counter() - start]  # the first run (cold caches) is not reported
    spent = times[0]
    measured: list[float] = []
    # At least `repeats` runs; a fast query keeps running for a second (up to 200 runs), so
    # that its p50 and p95 of a few ms rest on enough runs to stand a busy moment.
    while spent < budget and (
        len(measured) < repeats or (sum(measured) < 1.0 and len(measured) < 200)
    ):
        start = time.perf_counter()
        store.select(text, bindings)
        measured.append(time.perf_counter() - start)
        spent += measured[-1]
    conn.send((rows, measured or times))


def time_oxigraph(
    folder: Path, text: str, bindings: dict, repeats: int, budget: float, limit: int
) -> tuple[int | None, list[float] | str]:
    """Return (rows, run seconds) of a query on the store in `folder`, timed in a child process
    that is killed after `limit` seconds (a query in Oxigraph cannot be interrupted otherwise)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_time_in_child, args=(sender, str(folder), text, bindings, repeats, budget)
    )
    child.start()
    if receiver.poll(limit):
        rows, times = receiver.recv()
        child.join()
        return rows, times
    child.kill()
    child.join()
    return None, f"> {limit} s, stopped"


def bench_queries(report: Report, folder: Path, path: Path, quads: int, with_rdflib: bool) -> None:
    store = EmbeddedStore(folder, read_only=True)
    cases = query_cases(store, load_named_queries())
    store.close()
    repeats = 30 if quads <= 200_000 else 15 if quads <= 2_000_000 else 7
    # Oxigraph first, each query in a child forked from this process while it is still small:
    # forked later, the children inherit rdflib's dataset (millions of objects).
    bindings_of = {label: bind_params(query, params) for label, query, params in cases}
    ox_results = {
        label: time_oxigraph(folder, query.text, bindings_of[label], repeats, 20, OXIGRAPH_LIMIT)
        for label, query, _ in cases
    }
    dataset = None
    rdflib_load = rdflib_rss = None
    if with_rdflib:
        import rdflib

        before = current_rss_mb()
        start = time.perf_counter()
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(str(path), format="nquads")
        rdflib_load = time.perf_counter() - start
        rdflib_rss = current_rss_mb() - before
        report.notes.append(
            f"rdflib Dataset at {quads} quads: parse {rdflib_load:.1f} s, +{rdflib_rss:.0f} MB RSS"
        )
        report.mark(f"rdflib load {quads} quads")
    for label, query, _ in cases:
        bindings = bindings_of[label]
        rows, ox_times = ox_results[label]
        rd_times = None
        if dataset is not None:
            rd_bindings = {k: to_rdflib(v) for k, v in bindings.items()}

            def run_rdflib(q=query, b=rd_bindings):
                return list(dataset.query(q.text, initBindings=b))

            try:
                rd_times = time_runs(run_rdflib, 3, 30, limit=RDFLIB_LIMIT)
            except RunTimeout:
                rd_times = f"rdflib: > {RDFLIB_LIMIT} s, stopped"
            except Exception as err:  # noqa: BLE001 — an rdflib failure is a result to report
                rd_times = f"rdflib error: {type(err).__name__}: {str(err)[:80]}"
        report.queries.append((quads, label, rows, ox_times, rd_times))
        if isinstance(ox_times, str):
            print(f"  {quads:>10} {label:<45} oxigraph {ox_times}", file=sys.stderr, flush=True)
            continue
        p95 = percentile(ox_times, 95) * 1000
        print(
            f"  {quads:>10} {label:<45} rows={rows:<7} oxigraph p95 {p95:8.1f} ms"
            + (
                f"  rdflib p50 {statistics.median(rd_times) * 1000:10.1f} ms"
                if isinstance(rd_times, list)
                else f"  {rd_times or ''}"
            ),
            file=sys.stderr,
            flush=True,
        )
    dataset = None  # release rdflib's memory before the next size
    report.mark(f"queries at {quads} quads")


# --- report -------------------------------------------------------------------------------------


def render(report: Report, goals: list[str]) -> str:
    lines = [
        "# Scale benchmark results",
        "",
        "Produced by `bench/scale.py` (see its docstring for what each number measures).",
        "",
        "```",
        report.command,
        "```",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores, pyoxigraph {ox.__version__}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
        "",
        "## Ingest (read + extract + store writes)",
        "",
        "| documents | workers | cores | store writes | seconds | documents/s | characters/s "
        "| quads | failed |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for n, w, c, writes, s, dps, cps, q, failed in report.ingest:
        lines.append(
            f"| {n} | {w} | {c} | {writes} | {s:.1f} | {dps:.1f} | {cps:,.0f} | {q:,} | {failed} |"
        )
    speedups = []
    by = {(n, c): s for n, _, c, writes, s, *_ in report.ingest if writes == "bulk"}
    for n in sorted({n for n, *_ in report.ingest}):
        if (n, 1) in by and (n, 2) in by:
            speedups.append(
                f"{n} documents: 2 cores (2 workers) are {by[(n, 1)] / by[(n, 2)]:.2f}× faster "
                "than 1 core (1 worker)"
            )
    if report.calibration:
        alone, both = report.calibration
        speedups.append(
            f"machine check: a pure-Python loop takes {alone:.2f} s alone and {both:.2f} s for two "
            f"copies in two processes, so two processes can gain at most {2 * alone / both:.2f}× "
            "here (1.00× would mean no gain, 2.00× two full cores)"
        )
    lines += ["", *[f"- {s}" for s in speedups + report.parallel_check], ""]
    lines += [
        "## Bulk load (N-Quads file → on-disk store)",
        "",
        "`oxigraph load` does not compact the store it writes, so each side is timed as loaded and",
        "again after compaction (`EmbeddedStore.optimize` / `oxigraph optimize`).",
        "",
        "| quads | bulk_load s | triples/s | `oxigraph load` s | triples/s | ratio | "
        "+ optimize s | `load` + `optimize` s | ratio | CLI peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, loaded, optimized, cli, cli_optimized, cli_rss in report.bulk:
        lines.append(
            f"| {count:,} | {loaded:.1f} | {count / loaded:,.0f} | {cli:.1f} | {count / cli:,.0f} | "
            f"{loaded / cli:.2f} | {optimized:.1f} | {cli_optimized:.1f} | "
            f"{optimized / cli_optimized:.2f} | {cli_rss:.0f} |"
        )
    lines += [
        "",
        "## Named-query latency (ms; Oxigraph embedded vs rdflib in-memory Dataset)",
        "",
        "| quads | query | rows | oxigraph p50 | oxigraph p95 | runs | rdflib p50 | rdflib p95 "
        "| runs | speed-up (p50) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for quads, label, rows, ox_times, rd_times in report.queries:
        if isinstance(ox_times, str):
            lines.append(f"| {quads:,} | {label} | – | {ox_times} | – | – | – | – | – | – |")
            continue
        o50, o95 = percentile(ox_times, 50) * 1000, percentile(ox_times, 95) * 1000
        if isinstance(rd_times, str):
            rd = f"{rd_times} | – | – | –"
        elif rd_times:
            r50, r95 = percentile(rd_times, 50) * 1000, percentile(rd_times, 95) * 1000
            rd = f"{r50:,.1f} | {r95:,.1f} | {len(rd_times)} | {r50 / o50:,.0f}×"
        else:
            rd = "– | – | – | –"
        lines.append(
            f"| {quads:,} | {label} | {rows} | {o50:,.1f} | {o95:,.1f} | {len(ox_times)} | {rd} |"
        )
    lines += ["", "## Memory (peak RSS of the benchmark process after each stage)", ""]
    lines += [f"- {stage}: {mb:,.0f} MB" for stage, mb in report.memory]
    lines += [f"- {note}" for note in report.notes]
    lines += ["", "## Goals", "", *[f"- {g}" for g in goals], ""]
    return "\n".join(lines)


def check_goals(report: Report) -> list[str]:
    goals = []
    for count, loaded, optimized, cli, cli_optimized, _ in report.bulk:
        ratios = (loaded / cli, optimized / cli_optimized)
        goals.append(
            f"bulk load within 1.5× of `oxigraph load` at {count:,} quads: "
            f"{'met' if max(ratios) <= 1.5 else 'NOT met'} "
            f"({ratios[0]:.2f}× as loaded, {ratios[1]:.2f}× after compaction)"
        )
    million = [q for q in report.queries if 500_000 <= q[0] <= 2_000_000]
    for quads, label, _, ox_times, rd_times in million:
        if isinstance(ox_times, str):
            goals.append(f"{label} at {quads:,} quads: NOT met (Oxigraph {ox_times})")
            continue
        p95 = percentile(ox_times, 95) * 1000
        fast = p95 < 200
        speedup = (
            percentile(rd_times, 50) / percentile(ox_times, 50)
            if isinstance(rd_times, list)
            else None
        )
        goals.append(
            f"{label} at {quads:,} quads: p95 {p95:.1f} ms {'<' if fast else '≥'} 200 ms "
            f"({'met' if fast else 'NOT met'}); "
            + (
                f"{speedup:,.0f}× faster than rdflib ({'met' if speedup >= 10 else 'NOT met'})"
                if speedup
                else f"no rdflib comparison ({rd_times or 'not run'})"
            )
        )
    by = {(n, c): s for n, _, c, writes, s, *_ in report.ingest if writes == "bulk"}
    for n in sorted({n for n, *_ in report.ingest}):
        if (n, 1) in by and (n, 2) in by:
            speedup = by[(n, 1)] / by[(n, 2)]
            goals.append(
                f"ingest scaling at {n} documents on 2 cores: {speedup:.2f}× "
                f"({'near-linear' if speedup >= 1.6 else 'below linear'})"
            )
    return goals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="edukg scale benchmark")
    parser.add_argument("--full", action="store_true", help="all sizes (takes a while)")
    parser.add_argument("--documents", type=int, nargs="*", help="document counts to ingest")
    parser.add_argument("--triples", type=int, nargs="*", help="quad counts for load/queries")
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=1_000_000,
        help="largest quad count to also run with rdflib (default 1 000 000)",
    )
    parser.add_argument(
        "--scaling-max",
        type=int,
        default=1000,
        help="largest document count also ingested with 1 worker (default 1 000)",
    )
    parser.add_argument("--workdir", type=Path, help="keep the stores and files here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    sizes = sorted(args.documents or (FULL_DOCUMENTS if args.full else QUICK_DOCUMENTS))
    targets = sorted(args.triples or (FULL_TRIPLES if args.full else QUICK_TRIPLES))
    report = Report(
        "python -m bench.scale " + shlex.join(argv if argv is not None else sys.argv[1:])
    )
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edukg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report.calibration = cpu_calibration()
        files = write_corpus(work / "corpus", max(sizes), args.seed)
        report.mark(f"generated {len(files)} documents")
        largest = bench_ingest(report, files, sizes, work, args.scaling_max)
        args.output.write_text(render(report, check_goals(report)), encoding="utf-8")
        source = EmbeddedStore(largest, read_only=True)
        for target in targets:
            path = work / f"data-{target}.nq"
            quads = write_dataset(source, target, path)
            folder = bench_bulk(report, path, quads, work)
            bench_queries(report, folder, path, quads, with_rdflib=target <= args.rdflib_max)
            args.output.write_text(render(report, check_goals(report)), encoding="utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            path.unlink()
        source.close()
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    text = render(report, check_goals(report))
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
