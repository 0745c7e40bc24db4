"""Three engines on one dataset: edukg's embedded store, Oxigraph server and Virtuoso 7.2.

    python -m bench.engines                                   # 1 M quads, 5 repeats, all three
    python -m bench.engines --quads 20000 --repeats 1 --results -   # a smoke run, no record
    python -m bench.engines --engines embedded oxigraph       # a subset

One run, one dataset (issues 11 and 13):

* data: synthetic documents (bench/synthetic.py, seed 7) ingested as `edukg ingest` does
  (graph_store.ingest.ingest_paths into a fresh on-disk store, edukg's own choice of workers and
  write path), timed, with jieba.lcut over the same texts next to it; then about --quads quads
  of that store are written as N-Quads by bench/scale.py's `write_dataset` (whole graphs).
* load, the same file into each engine, timed:
  1. embedded: `EmbeddedStore.bulk_load` + `optimize` (edukg's bulk path);
  2. Oxigraph server: `oxigraph load` + `oxigraph optimize` into a folder, then
     `oxigraph serve-read-only` on a free 127.0.0.1 port, WITHOUT --union-default-graph
     (edukg's EndpointStore asks for the union per query);
  3. Virtuoso 7.2: a private instance (scripts/virtuoso.sh start: 127.0.0.1 only, its own
     virtuoso.ini) and its bulk loader, `ld_dir` + `rdf_loader_run()` + `checkpoint` through
     isql-vt on the instance's ISQL port. Each server's quad and graph counts are checked
     against the embedded store (the N-Quads must land in their named graphs).
* queries: every named query (bench/scale.py's `query_cases`: a required parameter always
  given, optional filters once left empty and once given, values from
  graph_store/query_examples.py); each bound one also with its values written into the text
  (`direct_text`: what binding through EndpointStore is compared with); two aggregates no named
  query answers (COUNT of all quads; mentions per area x programme concept), the app's
  concept_targets (the busiest family, and every family), and the forms the rewritten
  aggregates replaced ("before", so both are timed in one run), each through the project's store classes
  (EmbeddedStore, EndpointStore for both servers): one warm-up per engine, then --repeats runs,
  the engines in turn within each repeat so that a busy moment of this shared machine slows all
  three alike. p50 and p95 in ms, rows per engine (a difference is flagged), and the p50 ratios
  embedded / Virtuoso and Oxigraph server / Virtuoso (above 1: slower than Virtuoso).

Every server started here is stopped, and the work folder removed (unless --workdir or --keep),
on errors too. The table goes to stdout and, under its own heading, into bench/RESULTS.md
(--results PATH elsewhere, --results - nowhere); a rerun replaces that section only.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import platform
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script too (python bench/engines.py)
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from bench.scale import cpu_calibration, percentile, query_cases, run_cli, write_dataset  # noqa: E402
from bench.synthetic import write_corpus  # noqa: E402
from graph_store.app_queries import PREFIXES as APP_PREFIXES  # noqa: E402
from graph_store.app_queries import QUERIES as APP_QUERIES  # noqa: E402
from graph_store.app_queries import concept_targets  # noqa: E402
from graph_store.embedded import EmbeddedStore  # noqa: E402
from graph_store.endpoint import EndpointStore  # noqa: E402
from graph_store.ingest import ingest_paths  # noqa: E402
from graph_store.named_queries import bind_params, load_named_queries, run_named_query  # noqa: E402
from graph_store.server import find_oxigraph, stop_process  # noqa: E402
from graph_store.statistics import LIVE, READS, contribution  # noqa: E402
from graph_store.statistics import PREFIXES as STATS_PREFIXES  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
VIRTUOSO_SCRIPT = ROOT / "scripts" / "virtuoso.sh"
HEADING = "## Three engines on one 1 M-quad dataset (bench/engines.py)"
ENGINES = ("embedded", "oxigraph", "virtuoso")
ENGINE_NAMES = {
    "embedded": "edukg embedded",
    "oxigraph": "Oxigraph server",
    "virtuoso": "Virtuoso 7.2",
}
QUADS_PER_DOCUMENT = 4_600  # a synthetic document ingests to about this many quads
DEFAULT_GRAPH = "https://w3id.org/edukg/id/graph/bench-default"  # ld_dir's graph for triples

# The aggregates issue 13 times that no named query answers, and the figures the app reads from
# the statistics graph, each next to the live aggregate it replaced (graph_store/statistics.py).
EXTRA_QUERIES = {
    "COUNT of all quads (statistics graph)": STATS_PREFIXES + READS["totals"],
    "COUNT of all quads (live)": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    # The app reads this one live: summed from per-document records it was slower (80 ms
    # against 21 ms at 1 M quads).
    "documents per area × year, app (live)": APP_PREFIXES + APP_QUERIES["documents_by_area_year"],
    "mentions per area × programme concept (live)": STATS_PREFIXES + LIVE["mentions"],
    "target_indicators (before: live)": STATS_PREFIXES + LIVE["target_indicators"],
}
# The forms of the rewritten aggregates before issue 13's last rewrite, timed in the same run
# (the tests compare their rows with the new forms': tests/queries/test_query_rewrites.py reads
# documents_by_area_and_year's from here; tests/graph_store/test_statistics.py).
BEFORE = {
    "documents_by_area_and_year (before: every label)": """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?document ?title ?doc_type ?issued ?area ?year WHERE {
  ?document ekg:coverageYear ?year ; ekg:jurisdiction ?jurisdiction .
  FILTER EXISTS { ?document a ekg:Document }
  { SELECT DISTINCT ?jurisdiction ?area WHERE { ?jurisdiction rdfs:label ?area } }
  OPTIONAL { ?document dct:title ?title }
  OPTIONAL { ?document ekg:docType ?doc_type }
  OPTIONAL { ?document dct:issued ?issued }
}
ORDER BY ?area ?year ?issued
""",
    "mentions per area × programme concept (before: from the mentions)": STATS_PREFIXES
    + """
SELECT ?area ?concept (COUNT(*) AS ?mentions) WHERE {
  { SELECT DISTINCT ?area ?concept ?document ?program WHERE {
      ?document ekg:mentions ?program ; ekg:jurisdiction ?area .
      ?program ekg:concept ?concept } }
} GROUP BY ?area ?concept ORDER BY ?area ?concept""",
}
BUSIEST_CONCEPT = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT ?concept (COUNT(DISTINCT ?program) AS ?n) WHERE { ?program ekg:concept ?concept }
GROUP BY ?concept ORDER BY DESC(?n) ?concept LIMIT 1
"""
_SELECT = re.compile(r"SELECT\b[^{]*?(?=WHERE|\{)")
_KEYS = re.compile(r"((?:GROUP|ORDER) BY)((?:\s+(?:\?\w+|DESC\(\?\w+\)))+)")


@dataclass
class Case:
    label: str
    run: object  # store -> QueryResult


@dataclass
class Report:
    command: str
    engines: tuple[str, ...]
    quads: int = 0
    graphs: int = 0
    documents: int = 0
    ingest: dict = field(default_factory=dict)
    loads: dict[str, dict[str, float]] = field(default_factory=dict)
    loaded: dict[str, tuple[int, int]] = field(default_factory=dict)  # engine -> (quads, graphs)
    # label -> engine -> (rows, [seconds]) or an error string
    results: dict[str, dict[str, tuple[int, list[float]] | str]] = field(default_factory=dict)
    first_values: dict[str, dict[str, str]] = field(default_factory=dict)
    machine: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def rows(self, label: str) -> dict[str, int | None]:
        return {
            engine: (None if isinstance(value, str) else value[0])
            for engine, value in self.results[label].items()
        }

    def differing(self) -> list[str]:
        """Return the labels whose row counts differ between engines, or that failed on one."""
        return [
            label
            for label in self.results
            if None in self.rows(label).values() or len(set(self.rows(label).values())) > 1
        ]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_check(report: Report, when: str) -> None:
    alone, both = cpu_calibration()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    report.machine.append(
        f"{when}: load average {load}; a pure-Python loop takes {alone:.2f} s alone and "
        f"{both:.2f} s for two copies in two processes, so two processes can gain at most "
        f"{2 * alone / both:.2f}× (2.00×: two free cores)"
    )
    log(report.machine[-1])


# --- data ---------------------------------------------------------------------------------------


def make_dataset(report: Report, work: Path, quads: int, seed: int) -> Path:
    """Ingest enough synthetic documents for `quads`, time it next to jieba.lcut; write the
    N-Quads file and return its path."""
    import jieba

    documents = max(3, math.ceil(quads * 1.05 / QUADS_PER_DOCUMENT))
    files = write_corpus(work / "corpus", documents, seed)
    texts = [p.read_text(encoding="utf-8") for p in files]
    characters = sum(len(t) for t in texts)
    source = EmbeddedStore(work / "ingest")
    try:
        start = time.perf_counter()
        result = ingest_paths(source, files, workers=None)
        seconds = time.perf_counter() - start
        if result.failed:
            raise SystemExit(f"{len(result.failed)} synthetic documents did not ingest")
        jieba.lcut("预热")  # the dictionary is loaded outside the timing
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        segmenter = time.perf_counter() - start
        report.ingest = {
            "documents": documents,
            "characters": characters,
            "seconds": seconds,
            "quads": source.count(),
            "jieba_seconds": segmenter,
        }
        log(
            f"ingest {documents} documents: {seconds:.1f} s, {characters / seconds:,.0f} chars/s; "
            f"jieba.lcut {characters / segmenter:,.0f} chars/s"
        )
        path = work / "data.nq"
        report.quads = write_dataset(source, quads, path)
        add_statistics(path)
    finally:
        source.close()
    shutil.rmtree(work / "ingest", ignore_errors=True)
    shutil.rmtree(work / "corpus", ignore_errors=True)
    report.documents = documents
    log(f"wrote {report.quads:,} quads to {path}")
    return path


def add_statistics(path: Path) -> None:
    """Append the statistics graph of the graphs in `path` (graph_store/statistics.py), so the
    servers, loaded by their own bulk loaders, answer the queries that read it as edukg's
    store does (the embedded bulk_load computes it itself)."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    with path.open("rb") as handle:
        for quad in ox.parse(handle, format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(quad.graph_name, []).append(quad)
    records = [q for graph, quads in by_graph.items() for q in contribution(graph, quads)]
    with path.open("ab") as out:
        out.write(ox.serialize(records, format=ox.RdfFormat.N_QUADS) or b"")
    log(f"statistics graph: {len(records):,} quads for {len(by_graph)} graphs")


# --- engines ------------------------------------------------------------------------------------


def load_embedded(report: Report, path: Path, folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    start = time.perf_counter()
    store.bulk_load(path, "nq")
    loaded = time.perf_counter() - start
    store.optimize()
    optimized = time.perf_counter() - start - loaded
    store.close()
    report.loads["embedded"] = {"load": loaded, "finish": optimized}
    store = EmbeddedStore(folder, read_only=True)
    report.loaded["embedded"] = (store.count(), len(store.graphs()))  # the stats graph aside
    log(f"embedded: bulk_load {loaded:.1f} s + optimize {optimized:.1f} s")
    return store


def wait_for(url: str, process: subprocess.Popen | None, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not answer at {url}") from None
            time.sleep(0.1)


def start_oxigraph(
    report: Report, path: Path, folder: Path, stack: contextlib.ExitStack
) -> EndpointStore:
    oxigraph = find_oxigraph()
    loaded, _ = run_cli([oxigraph, "load", "--location", str(folder), "--file", str(path)])
    optimized, _ = run_cli([oxigraph, "optimize", "--location", str(folder)])
    report.loads["oxigraph"] = {"load": loaded, "finish": optimized}
    log(f"oxigraph: load {loaded:.1f} s + optimize {optimized:.1f} s")
    port = free_port()
    log_file = stack.enter_context((folder.parent / "oxigraph-serve.log").open("wb"))
    process = subprocess.Popen(
        [oxigraph, "serve-read-only", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    stack.callback(stop_process, process)
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/query?query=ASK%7B%7D", process, "oxigraph serve-read-only")
    store = EndpointStore(base + "/query", timeout=600)
    report.loaded["oxigraph"] = (store.count(), len(store.graphs()))
    return store


def isql(folder: Path, statement: str) -> str:
    """Run one SQL statement on the instance in `folder` (its ISQL port); return the output."""
    port = (folder / "isql.port").read_text().strip()
    done = subprocess.run(
        ["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={statement}"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql {statement!r} failed: {(done.stdout + done.stderr).strip()}")
    return done.stdout


def start_virtuoso(
    report: Report, path: Path, folder: Path, stack: contextlib.ExitStack
) -> EndpointStore:
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        raise RuntimeError("Virtuoso is not installed: run `bash scripts/virtuoso.sh install`")
    folder.mkdir(parents=True)
    port = free_port()
    # The stop comes first onto the stack: a start that fails half-way is shut down too.
    stack.callback(
        subprocess.run, ["bash", str(VIRTUOSO_SCRIPT), "stop", str(folder)], capture_output=True
    )
    started = subprocess.run(
        ["bash", str(VIRTUOSO_SCRIPT), "start", str(folder), str(port)],
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        raise RuntimeError(f"scripts/virtuoso.sh start failed: {started.stderr.strip()}")
    url = started.stdout.strip().splitlines()[-1]
    # The bulk loader reads only from DirsAllowed (the instance's folder).
    data = folder / "data.nq"
    try:
        os.link(path, data)
    except OSError:
        shutil.copyfile(path, data)
    start = time.perf_counter()
    isql(folder, f"ld_dir('{folder}', 'data.nq', '{DEFAULT_GRAPH}');")
    isql(folder, "rdf_loader_run();")
    loaded = time.perf_counter() - start
    isql(folder, "checkpoint;")
    checkpoint = time.perf_counter() - start - loaded
    bad = isql(
        folder,
        "SELECT 'FAILED', COUNT(*) FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL;",
    )
    if not re.search(r"^FAILED\s+0\s*$", bad, re.M):
        errors = isql(folder, "SELECT ll_file, ll_state, ll_error FROM DB.DBA.load_list;")
        raise RuntimeError(f"Virtuoso's bulk loader did not load every file:\n{errors}")
    data.unlink()
    report.loads["virtuoso"] = {"load": loaded, "finish": checkpoint}
    log(f"virtuoso: ld_dir + rdf_loader_run {loaded:.1f} s + checkpoint {checkpoint:.1f} s")
    store = EndpointStore(url, timeout=600)
    report.loaded["virtuoso"] = (store.count(), len(store.graphs()))
    return store


# --- queries ------------------------------------------------------------------------------------


def direct_text(text: str, bindings: dict) -> str:
    """Return the named query `text` with each bound variable written as its term, as a user
    would send it to a server by hand: projected by the outermost SELECT as (term AS ?name),
    left out of the sub-selects' projections, GROUP BY and ORDER BY (a constant is no key).
    Enough for the shipped queries, not a general rewriter.

    >>> direct_text("SELECT ?a ?b WHERE { ?a <p:x> ?b } ORDER BY ?b ?a", {"b": ox.Literal("v")})
    'SELECT ?a ("v" AS ?b) WHERE { ?a <p:x> "v" } ORDER BY ?a'
    """
    for name, term in bindings.items():
        text = _write_value(text, name, str(term))
    return text


def _write_value(text: str, name: str, term: str) -> str:
    variable = re.compile(rf"\?{name}\b")
    selects = list(_SELECT.finditer(text))
    for found in reversed(selects):  # from the end, so the earlier offsets hold
        if found is selects[0]:
            part = variable.sub(f"({term} AS ?{name})", found.group(0))
        else:
            part = variable.sub("", found.group(0))
            if not re.search(r"\?\w+|\*", part):  # it projected nothing but the value
                part = re.sub(r"SELECT(\s+DISTINCT)?", r"\g<0> (1 AS ?_bound)", part, count=1)
        text = text[: found.start()] + part + text[found.end() :]

    def keys(found: re.Match) -> str:
        rest = re.sub(rf"\s*(?:DESC\(\?{name}\)|\?{name}\b)", "", found.group(2))
        return found.group(1) + rest if rest.strip() else ""

    text = _KEYS.sub(keys, text)
    return re.sub(rf"(?<!AS )\?{name}\b", term, text)


def build_cases(store) -> list[Case]:
    """Return every named query case (bench/scale.py's query_cases), each bound one with its
    values in the text too, the extra aggregates, concept_targets and the forms before."""
    cases = []
    for label, query, params in query_cases(store, load_named_queries()):
        cases.append(Case(label, lambda s, q=query, p=params: run_named_query(s, q, p)))
        if params:
            text = direct_text(query.text, bind_params(query, params))
            cases.append(Case(f"{label}, values in the text", lambda s, t=text: s.select(t)))
    cases += [Case(label, lambda s, t=text: s.select(t)) for label, text in EXTRA_QUERIES.items()]
    concept = {"concept": store.select(BUSIEST_CONCEPT).rows[0][0]}
    cases += [
        Case("concept_targets [concept] (app)", lambda s: concept_targets(s, concept)),
        Case("concept_targets, every family (app)", lambda s: concept_targets(s, {})),
        Case(
            "concept_targets [concept] (before: look-up per document)",
            lambda s: concept_targets(s, concept, whole_store_share=math.inf),
        ),
    ]
    cases += [Case(label, lambda s, t=text: s.select(t)) for label, text in BEFORE.items()]
    return cases


def time_queries(report: Report, stores: dict, cases: list[Case], repeats: int) -> None:
    for case in cases:
        times: dict[str, list[float]] = {engine: [] for engine in stores}
        failed: dict[str, str] = {}
        rows: dict[str, int] = {}
        first: dict[str, str] = {}
        for engine, store in stores.items():  # warm-up: rows and the first value
            try:
                result = case.run(store)
            except Exception as err:  # noqa: BLE001 — a failure is a result to report
                failed[engine] = f"error: {type(err).__name__}: {str(err)[:120]}"
                continue
            rows[engine] = len(result.rows)
            cell = result.rows[0][0] if result.rows and result.rows[0] else None
            first[engine] = "" if cell is None else cell.value
        for _ in range(repeats):
            for engine, store in stores.items():
                if engine in failed:
                    continue
                start = time.perf_counter()
                try:
                    case.run(store)
                except Exception as err:  # noqa: BLE001
                    failed[engine] = f"error: {type(err).__name__}: {str(err)[:120]}"
                    continue
                times[engine].append(time.perf_counter() - start)
        report.results[case.label] = {
            engine: failed.get(engine) or (rows[engine], times[engine]) for engine in stores
        }
        report.first_values[case.label] = first
        parts = []
        for engine in stores:
            value = report.results[case.label][engine]
            if isinstance(value, str):
                parts.append(f"{engine} {value}")
            else:
                parts.append(f"{engine} {value[0]} rows p50 {percentile(value[1], 50) * 1000:.1f}")
        log(f"{case.label}: " + "; ".join(parts))


# --- report -------------------------------------------------------------------------------------


def _ms(value) -> tuple[str, str]:
    if isinstance(value, str):
        return value, "–"
    return f"{percentile(value[1], 50) * 1000:,.1f}", f"{percentile(value[1], 95) * 1000:,.1f}"


def render(report: Report) -> str:
    engines = report.engines
    lines = [
        HEADING,
        "",
        "```",
        report.command,
        "```",
        "",
        f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Machine: "
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores "
        f"(shared with other sessions), pyoxigraph {ox.__version__}, oxigraph "
        f"{_version([find_oxigraph(), '--version'])}"
        + (f", Virtuoso {_virtuoso_version()}" if "virtuoso" in engines else "")
        + ".",
        "",
        *[f"- machine check, {line}" for line in report.machine],
        "",
    ]
    ingest = report.ingest
    if ingest:
        chars, s, js = ingest["characters"], ingest["seconds"], ingest["jieba_seconds"]
        lines += [
            f"Data: {ingest['documents']} synthetic documents (bench/synthetic.py, seed 7), "
            f"{chars:,} characters, ingested as `edukg ingest` does (ingest_paths, edukg's own "
            f"workers and write path, extractor models loaded and the search index built inside the "
            f"timing) into "
            f"{ingest['quads']:,} quads in {s:.1f} s: **{chars / s:,.0f} characters/s**, "
            f"jieba.lcut over the same texts {chars / js:,.0f} characters/s, ratio "
            f"**{js / s:.2f}×**. Of that store, {report.quads:,} quads (whole graphs, bench/scale.py's "
            "write_dataset) were written as one N-Quads file and loaded into each engine.",
            "",
        ]
    lines += [
        "### Load (the same N-Quads file)",
        "",
        "| engine | how | load s | quads/s | then | s | total s | quads, graphs after |",
        "|---|---|---:|---:|---|---:|---:|---|",
    ]
    how = {
        "embedded": ("`EmbeddedStore.bulk_load`", "`optimize`"),
        "oxigraph": ("`oxigraph load`", "`oxigraph optimize`"),
        "virtuoso": ("`ld_dir` + `rdf_loader_run()`", "`checkpoint`"),
    }
    for engine in engines:
        if engine not in report.loads:
            continue
        load, finish = report.loads[engine]["load"], report.loads[engine]["finish"]
        quads, graphs = report.loaded.get(engine, (0, 0))
        lines.append(
            f"| {ENGINE_NAMES[engine]} | {how[engine][0]} | {load:.1f} | "
            f"{report.quads / load:,.0f} | {how[engine][1]} | {finish:.1f} | "
            f"{load + finish:.1f} | {quads:,}, {graphs:,} |"
        )
    repeats = max(
        (len(v[1]) for r in report.results.values() for v in r.values() if not isinstance(v, str)),
        default=0,
    )
    header = "| query | rows |"
    rule = "|---|---:|"
    for engine in engines:
        header += f" {ENGINE_NAMES[engine]} p50 | p95 |"
        rule += "---:|---:|"
    ratios = [e for e in ("embedded", "oxigraph") if e in engines and "virtuoso" in engines]
    for engine in ratios:
        header += f" {'embedded' if engine == 'embedded' else 'server'} / Virtuoso |"
        rule += "---:|"
    lines += [
        "",
        f"### Queries (ms; p50 and p95 of {repeats} runs after one warm-up, engines in turn)",
        "",
        header,
        rule,
    ]
    for label, per_engine in report.results.items():
        rows = report.rows(label)
        counts = [rows[e] for e in engines]
        if len(set(counts)) == 1:
            row_cell = f"{counts[0]}"
        else:
            row_cell = " / ".join("–" if c is None else str(c) for c in counts) + " **differ**"
        line = f"| {label} | {row_cell} |"
        for engine in engines:
            p50, p95 = _ms(per_engine[engine])
            line += f" {p50} | {p95} |"
        virtuoso = per_engine.get("virtuoso")
        for engine in ratios:
            mine = per_engine[engine]
            if isinstance(mine, str) or isinstance(virtuoso, str):
                line += " – |"
            else:
                ratio = percentile(mine[1], 50) / percentile(virtuoso[1], 50)
                line += f" {ratio:.2f} |"
        lines.append(line)
    lines += ["", *[f"- {note}" for note in notes(report)], ""]
    return "\n".join(lines)


def notes(report: Report) -> list[str]:
    out = []
    engines = report.engines
    if len(engines) > 1:
        differing = report.differing()
        out.append(
            "rows: the same on every engine for every query"
            if not differing
            else "rows differ (or a query failed) for: " + ", ".join(differing)
        )
    counts = report.first_values.get("COUNT of all quads (live)", {})
    if counts:
        out.append(
            "COUNT of all quads (live) answered "
            + ", ".join(f"{ENGINE_NAMES[e]} {v}" for e, v in counts.items())
            + " (the statistics graph's records included"
            + (
                ", and Virtuoso's own system graphs, about 2 500 triples"
                if "virtuoso" in counts
                else ""
            )
            + "; the statistics graph's COUNT leaves both out)"
        )
    if len(engines) > 1:
        out.append(
            "ratios are p50 / Virtuoso's p50: above 1 is slower than Virtuoso. Rows are compared "
            "by count only: GROUP_CONCAT order and language tags, SAMPLE picks and the datatype "
            "of whole sums are the engine's (docs/virtuoso.md)"
        )
    if "virtuoso" in engines:
        out.append(
            "Virtuoso runs with scripts/virtuoso.sh's private virtuoso.ini (NumberOfBuffers "
            "10 000, about 80 MB of buffers; ResultSetMaxRows 10 000) and is queried through "
            "EndpointStore, which binds parameters with a BIND opening the query on Virtuoso; "
            "the Oxigraph server gets Oxigraph's union-default-graph parameter with each query"
        )
    out += report.notes
    return out


def _version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (done.stdout + done.stderr).strip().split()[-1] if done.stdout + done.stderr else "?"


def _virtuoso_version() -> str:
    try:
        done = subprocess.run(["virtuoso-t", "-?"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    for word in (done.stdout + done.stderr).split("Version ", 1)[1:]:
        return word.split()[0]
    return "?"


def record(text: str, path: Path) -> None:
    """Put `text` (starting with HEADING) into `path`, replacing an earlier section of it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(HEADING + "\n")
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    else:
        end = old.find("\n## ", start + len(HEADING))
        rest = "" if end < 0 else old[end:].lstrip("\n")
        new = old[:start] + text.rstrip("\n") + "\n" + ("\n" + rest if rest else "")
    path.write_text(new, encoding="utf-8")


# --- main ---------------------------------------------------------------------------------------


def run(argv: list[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--workdir", type=Path, help="work here (kept); default a temp folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--results",
        default=str(RESULTS),
        help="the Markdown file to write the section into ('-': none; default bench/RESULTS.md)",
    )
    args = parser.parse_args(argv)
    engines = tuple(e for e in ENGINES if e in args.engines)
    report = Report(
        (
            "python -m bench.engines " + shlex.join(argv if argv is not None else sys.argv[1:])
        ).strip(),
        engines,
    )
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edukg-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    for name in ("data.nq", "embedded", "oxigraph", "virtuoso", "ingest", "corpus"):
        target = work / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    try:
        with contextlib.ExitStack() as stack:
            machine_check(report, "before")
            path = make_dataset(report, work, args.quads, args.seed)
            stores: dict = {}
            if "embedded" in engines:
                stores["embedded"] = load_embedded(report, path, work / "embedded")
                stack.callback(stores["embedded"].close)
            if "oxigraph" in engines:
                stores["oxigraph"] = start_oxigraph(report, path, work / "oxigraph", stack)
            if "virtuoso" in engines:
                stores["virtuoso"] = start_virtuoso(report, path, work / "virtuoso", stack)
            expected = report.loaded.get("embedded")
            for engine, (quads, graphs) in report.loaded.items():
                if quads != report.quads:
                    report.notes.append(
                        f"{ENGINE_NAMES[engine]} holds {quads:,} quads in named graphs after the "
                        f"load, not the file's {report.quads:,}"
                    )
                if expected and graphs != expected[1]:
                    report.notes.append(
                        f"{ENGINE_NAMES[engine]} has {graphs:,} named graphs, the embedded "
                        f"store {expected[1]:,}"
                    )
            cases = build_cases(next(iter(stores.values())))
            time_queries(report, stores, cases, args.repeats)
            machine_check(report, "after")
    finally:
        if args.workdir is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = render(report)
    print(text)
    if args.results != "-":
        record(text, Path(args.results))
    return report


def main(argv: list[str] | None = None) -> int:
    report = run(argv)
    return 1 if report.differing() and len(report.engines) > 1 else 0


if __name__ == "__main__":
    raise SystemExit(main())
