"""Named-query latency on one bulk-loaded store (a quicker loop than bench/scale.py's full run).

    python -m bench.query_latency --build --documents 260 --triples 1000000 --workdir /tmp/edukg-ql
    python -m bench.query_latency --workdir /tmp/edukg-ql --repeats 15 [QUERY …]
    python -m bench.query_latency --workdir /tmp/edukg-ql --baseline OLD_QUERIES_DIR

--build generates the synthetic corpus (bench/synthetic.py, seed 7), ingests it with 2 workers,
writes about --triples quads of it as N-Quads with bench/scale.py's `write_dataset` (whole
document graphs, replicated under per-replica IRIs if the store is too small) and bulk-loads
and optimizes that file into WORKDIR/store. Timing opens WORKDIR/store read-only and runs every
named query (as bench/scale.py's `query_cases`: unbound unless a parameter is required, and
bound to typical parameters where it has any) once
to warm up and then --repeats times with `EmbeddedStore.select`, printing rows, p50 and p95 in ms.
A .rq path may be given instead of a query name to time a draft; --baseline times the .rq files
of the same names in another folder (e.g. the queries of an earlier commit) in turn with them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench.scale import percentile, query_cases, write_dataset
from bench.synthetic import write_corpus
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import ingest_paths
from graph_store.named_queries import bind_params, find_query, load_named_queries


def build(work: Path, documents: int, triples: int, seed: int) -> Path:
    """Ingest `documents` synthetic documents and bulk-load about `triples` quads of them."""
    files = write_corpus(work / "corpus", documents, seed)
    source = EmbeddedStore(work / "ingest")
    ingest_paths(source, files, workers=2)
    path = work / f"data-{triples}.nq"
    quads = write_dataset(source, triples, path)
    source.close()
    store = EmbeddedStore(work / "store")
    store.bulk_load(path, "nq")
    store.optimize()
    print(f"bulk-loaded {quads} quads into {work / 'store'}", file=sys.stderr)
    store.close()
    return work / "store"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("queries", nargs="*", help="query names or .rq paths (default: all)")
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--build", action="store_true", help="build WORKDIR/store first")
    parser.add_argument("--documents", type=int, default=260)
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--unbound-only", action="store_true")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a folder of older .rq files of the same names, timed in turn with the current ones",
    )
    args = parser.parse_args(argv)
    if args.build:
        build(args.workdir, args.documents, args.triples, args.seed)
    store = EmbeddedStore(args.workdir / "store", read_only=True)
    queries = (
        [find_query(q) for q in args.queries] if args.queries else load_named_queries().values()
    )
    print(f"store: {store.count()} quads", file=sys.stderr)
    print(f"{'query':<50} {'rows':>7} {'p50 ms':>9} {'p95 ms':>9} {'runs':>4}")
    for query in queries:
        cases = [
            (label, params)
            for label, _, params in query_cases(store, {query.name: query})
            if not (args.unbound_only and params)
        ]
        versions = [("", query)]
        old = args.baseline / f"{query.name}.rq" if args.baseline else None
        if old is not None and old.is_file():
            versions.insert(0, ("before: ", find_query(str(old))))
        for label, params in cases:
            # The versions run in turn, so a busy machine slows both alike.
            bindings = {tag: bind_params(q, params) for tag, q in versions}
            rows = {tag: len(store.select(q.text, bindings[tag])) for tag, q in versions}
            times: dict[str, list[float]] = {tag: [] for tag, _ in versions}
            for _ in range(args.repeats):
                for tag, q in versions:
                    start = time.perf_counter()
                    store.select(q.text, bindings[tag])
                    times[tag].append((time.perf_counter() - start) * 1000)
            for tag, _ in versions:
                print(
                    f"{tag + label:<50} {rows[tag]:>7} {statistics.median(times[tag]):>9.1f} "
                    f"{percentile(times[tag], 95):>9.1f} {len(times[tag]):>4}",
                    flush=True,
                )
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
