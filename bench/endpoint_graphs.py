"""Bound named queries through EndpointStore on an Oxigraph server with many named graphs, no union.

    python -m bench.endpoint_graphs                        # 20 000 small graphs + the corpus
    python -m bench.endpoint_graphs --graphs 2000 --listed 16 64 256 --workdir /tmp/eg

Builds a store (in --workdir, or a temporary folder): the bundled corpus (data/corpus, ingested
as `edukg ingest` does: 8 graphs, 11 877 quads) plus --graphs small document graphs of 10 quads
each (a document, its title, type, date, number, source and issuer, the issuer's type and label;
issued by 200 invented bureaus). It is bulk-loaded, then served by a real `oxigraph serve`
WITHOUT `--union-default-graph`, and each bound named query is run through EndpointStore
(graph_store/named_queries.py's run_named_query) once to warm up and --repeats times: p50 and
p95 in ms, with the rows checked against the embedded store on the same data. `--listed N…`
also times the way edukg used to get the union from such a server (every graph listed as
`default-graph-uri` + `named-graph-uri`, and still does for servers without a switch, up to
MAX_LISTED_GRAPHS graphs), on a server holding the corpus plus N - 8 small graphs.

The figures go to stdout and, with --record, under their own heading in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.scale import percentile, query_cases
from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import EndpointStore
from graph_store.ingest import ingest_paths
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.server import find_oxigraph, stop_process

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
CORPUS = ROOT / "data" / "corpus"
ISSUERS = 200
EKG = "https://w3id.org/edukg/ontology#"
BENCH = "https://w3id.org/edukg/id/bench/"


def small_graph_lines(i: int) -> list[str]:
    """Return the 10 N-Quads lines of small document graph `i` (a document and its issuer).

    >>> len(small_graph_lines(3)), small_graph_lines(3)[0].split()[3]
    (10, '<https://w3id.org/edukg/id/bench/graph/3>')
    """
    graph = f"<{BENCH}graph/{i}>"
    doc = f"<{BENCH}doc/{i}>"
    issuer = f"<{BENCH}org/{i % ISSUERS}>"
    dct = "http://purl.org/dc/terms/"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    day = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    triples = [
        (doc, rdf_type, f"<{EKG}Document>"),
        (doc, f"<{dct}title>", f'"第{i}号文件：关于做好教育工作的通知"@zh'),
        (doc, f"<{EKG}docType>", '"通知"@zh'),
        (doc, f"<{dct}issued>", f'"{day}"^^<{xsd}date>'),
        (doc, f"<{dct}identifier>", f'"测教〔{2010 + i % 15}〕{i}号"'),
        (doc, f"<{dct}source>", f"<file:///bench/{i}.txt>"),
        (doc, f"<{EKG}issuedBy>", issuer),
        (doc, f"<{EKG}mentions>", issuer),
        (issuer, rdf_type, f"<{EKG}EducationBureau>"),
        (issuer, label, f'"测试区{i % ISSUERS}教育局"@zh'),
    ]
    return [f"{s} {p} {o} {graph} ." for s, p, o in triples]


def build(folder: Path, graphs: int) -> None:
    """Ingest the corpus into a new store at `folder`, then bulk-load `graphs` small graphs."""
    store = EmbeddedStore(folder)
    report = ingest_paths(store, [CORPUS], workers=1, bulk=False)
    if not report.ok:
        raise SystemExit(f"the corpus did not ingest: {report.failed}")
    nquads = folder.parent / f"{folder.name}-small.nq"
    with nquads.open("w", encoding="utf-8") as out:
        for i in range(graphs):
            out.write("\n".join(small_graph_lines(i)) + "\n")
    store.bulk_load(nquads, "nq")
    store.close()
    nquads.unlink()


@contextmanager
def oxigraph_serve(folder: Path, port: int) -> Iterator[str]:
    """Serve `folder` with `oxigraph serve` (no --union-default-graph); yield its base URL."""
    command = [find_oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(
                        f"oxigraph serve did not start: {shlex.join(command)}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        stop_process(process)


def cases(folder: Path, every: bool = False) -> list[tuple[str, str, dict[str, str], tuple]]:
    """Return (label, query name, values, the embedded store's rows) for the bound queries."""
    store = EmbeddedStore(folder, read_only=True)
    corpus_issuer = store.select(
        "SELECT ?i WHERE { ?d ekg:issuedBy ?i ; dct:source ?s "
        f'FILTER(!STRSTARTS(STR(?i), "{BENCH}")) }} ORDER BY ?i LIMIT 1'
    ).rows[0][0]
    document = store.select(
        "SELECT ?d (COUNT(?x) AS ?n) WHERE { ?x ekg:sectionOf ?d } GROUP BY ?d ORDER BY DESC(?n) ?d"
        " LIMIT 1"
    ).rows[0][0]
    chosen = [
        (
            "documents_by_issuer [issuer: a corpus bureau]",
            "documents_by_issuer",
            "issuer",
            corpus_issuer.value,
        ),
        (
            "documents_by_issuer [issuer: a bench bureau]",
            "documents_by_issuer",
            "issuer",
            f"{BENCH}org/7",
        ),
        ("document_sections [document]", "document_sections", "document", document.value),
    ]
    queries = load_named_queries()
    found = []
    for label, name, param, value in chosen:
        rows = run_named_query(store, queries[name], {param: value}).rows
        found.append((label, name, {param: value}, rows))
    if every:
        # Every other named query with its parameters (bench/scale.py's typical values).
        for label, query, values in query_cases(store, queries):
            if values and query.name not in {name for _, name, _, _ in chosen}:
                rows = run_named_query(store, query, values).rows
                found.append((label, query.name, values, rows))
    store.close()
    return found


def time_endpoint(
    base: str, found: list, repeats: int
) -> list[tuple[str, int, bool, float, float, float]]:
    """Return (label, rows, same rows as embedded, first ms, p50 ms, p95 ms) per case."""
    queries = load_named_queries()
    out = []
    for label, name, values, expected in found:
        store = EndpointStore(base, timeout=600)  # a new client: its first query settles the union
        start = time.perf_counter()
        rows = run_named_query(store, queries[name], values).rows
        first = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            run_named_query(store, queries[name], values)
            times.append((time.perf_counter() - start) * 1000)
        out.append(
            (
                label,
                len(rows),
                rows == expected,
                first,
                percentile(times, 50),
                percentile(times, 95),
            )
        )
    return out


def time_listed(base: str, found: list, repeats: int) -> tuple[int, float, float]:
    """Return (graphs, p50 ms, p95 ms) of the first case with every graph listed in the request
    (what EndpointStore does for a server with neither union nor switch, up to its bound)."""
    store = EndpointStore(base, timeout=600)
    graphs = store.graphs()
    store._dataset_params = [("default-graph-uri", g.value) for g in graphs] + [
        ("named-graph-uri", g.value) for g in graphs
    ]
    label, name, values, expected = found[0]
    query = load_named_queries()[name]
    assert run_named_query(store, query, values).rows == expected
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run_named_query(store, query, values)
        times.append((time.perf_counter() - start) * 1000)
    return len(graphs), percentile(times, 50), percentile(times, 95)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=int, default=20_000, help="small graphs (default 20 000)")
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument(
        "--listed", type=int, nargs="*", default=[], help="graph counts to time listed"
    )
    parser.add_argument("--port", type=int, default=17979)
    parser.add_argument(
        "--every", action="store_true", help="also every other named query with parameters"
    )
    parser.add_argument("--workdir", type=Path)
    parser.add_argument(
        "--record", action="store_true", help="append the figures to bench/RESULTS.md"
    )
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edukg-endpoint-graphs-"))
    work.mkdir(parents=True, exist_ok=True)
    command = "python -m bench.endpoint_graphs " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    folder = work / f"store-{args.graphs}"
    if not folder.exists():
        start = time.perf_counter()
        build(folder, args.graphs)
        print(f"built {folder} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    found = cases(folder, args.every)
    with oxigraph_serve(folder, args.port) as base:
        store = EndpointStore(base, timeout=600)
        quads, graphs = store.count(), len(store.graphs())
        measured = time_endpoint(base, found, args.repeats)
    listed = []
    for n in args.listed:
        small = work / f"store-listed-{n}"
        if not small.exists():
            build(small, max(n - 8, 0))
        small_found = cases(small)
        with oxigraph_serve(small, args.port) as base:
            listed.append(time_listed(base, small_found, max(3, min(args.repeats, 10))))
    lines = [
        f"`{command}` — oxigraph serve 0.5.13 without --union-default-graph, {graphs} named graphs, "
        f"{quads} quads; EndpointStore sends Oxigraph's `union-default-graph` parameter:",
        "",
        "| query | rows | rows = embedded | first run ms | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|",
    ]
    for label, rows, same, first, p50, p95 in measured:
        lines.append(
            f"| {label} | {rows} | {'yes' if same else 'NO'} | {first:.1f} | {p50:.1f} | {p95:.1f} |"
        )
    if listed:
        lines += [
            "",
            "The same first query with every graph listed in each request (the old way; still "
            "used up to MAX_LISTED_GRAPHS on servers with neither union nor switch):",
            "",
            "| graphs listed | p50 ms | p95 ms |",
            "|---|---|---|",
        ]
        lines += [f"| {n} | {p50:.1f} | {p95:.1f} |" for n, p50, p95 in listed]
    text = "\n".join(lines)
    print(text)
    if args.record:
        heading = (
            "\n\n## Named queries on an Oxigraph server without union, many graphs (issue 11)\n\n"
        )
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(heading + text + "\n")
    return 0 if all(same for _, _, same, *_ in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
