"""The `edukg` console script: thin commands over the packages.

Exit codes: 0 success; 1 the data failed a check (some files failed to load, shape violations);
2 unusable input (bad arguments, unreadable query, unknown query or format, endpoint unreachable).
Results go to stdout, progress and errors to stderr.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Sequence
from pathlib import Path

from graph_store.settings import SETTINGS, get_setting

EXIT_OK, EXIT_CHECK_FAILED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_DISK_FULL = 3  # the disk filled up; what was stored before is intact


def _store_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", help="store folder (default: EDUKG_STORE or data/store)")
    parser.add_argument("--endpoint", help="SPARQL 1.1 query endpoint URL instead of a store")
    parser.add_argument("--update-endpoint", help="SPARQL 1.1 update endpoint URL (if separate)")


def _open(args: argparse.Namespace, read_only: bool = False):
    from graph_store.open import open_store

    location = args.endpoint or args.store or None
    return open_store(location, read_only=read_only, update_url=args.update_endpoint)


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"edukg: {message}", file=sys.stderr)
    return code


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from graph_store.ingest import ingest_paths
    from loaders.read import display_name

    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(f"{path}: no such file or folder", file=sys.stderr)
    paths = [p for p in args.paths if Path(p).exists()]
    store = _open(args)

    def progress(items, total):
        return tqdm(
            items, total=total, desc="ingest", unit="doc", file=sys.stderr, disable=args.quiet
        )

    bulk = False if args.no_bulk else None
    report = ingest_paths(store, paths, progress=progress, workers=args.workers, bulk=bulk)
    for failure in report.failed:
        print(failure.message, file=sys.stderr)
    for doc in report.loaded:
        if not args.quiet:
            print(
                # A name in bytes that are not UTF-8 is shown as read_document stores it.
                f"{doc.doc_id}  {doc.quads:>6} quads  {display_name(Path(doc.path))}  "
                f"{doc.title or '(no title)'}"
            )
    print(
        f"loaded {len(report.loaded)} documents, {len(report.failed) + len(missing)} failed; "
        f"store has {store.count()} quads",
        file=sys.stderr,
    )
    store.close()
    return EXIT_OK if report.ok and not missing else EXIT_CHECK_FAILED


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--param {pair!r} must look like NAME=VALUE")
        name, value = pair.split("=", 1)
        values[name.strip()] = value
    return values


def cmd_query(args: argparse.Namespace) -> int:
    from graph_store.named_queries import ParameterError, UnknownQueryError, bind_params, find_query
    from graph_store.protocol import StoreError
    from graph_store.results import RESULT_FORMATS

    try:
        query = find_query(args.query)
        bindings = bind_params(query, _parse_params(args.param))
    except (UnknownQueryError, ParameterError, ValueError, OSError) as err:
        return _fail(str(err))
    store = _open(args, read_only=True)
    try:
        if query.form == "ASK":
            print("true" if store.ask(query.text, bindings) else "false")
        elif query.form in ("CONSTRUCT", "DESCRIBE"):
            import pyoxigraph as ox

            triples = store.construct(query.text, bindings)
            sys.stdout.write(ox.serialize(triples, format=ox.RdfFormat.TURTLE).decode("utf-8"))
        else:
            result = store.select(query.text, bindings)
            sys.stdout.write(RESULT_FORMATS[args.format](result))
    except StoreError as err:
        return _fail(f"{query.path or query.name}: {err}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from graph_store.export import (
        EXPORT_FORMATS,
        RESULT_EXPORT_FORMATS,
        ExportError,
        Selection,
        export_selection,
    )
    from graph_store.named_queries import ParameterError, UnknownQueryError, find_query
    from graph_store.protocol import StoreError

    formats = (
        *EXPORT_FORMATS,
        *[f for f in RESULT_EXPORT_FORMATS if f not in EXPORT_FORMATS],
        "bundle",
    )
    if args.format not in formats:
        return _fail(f"unknown format {args.format!r}; expected one of {', '.join(formats)}")
    chosen = [n for n in ("document", "neighbourhood", "query") if getattr(args, n)]
    if len(chosen) > 1:
        return _fail(
            f"choose one of --document, --neighbourhood, --query (got {', '.join(chosen)})"
        )
    try:
        query = find_query(args.query) if args.query else None
        params = _parse_params(args.param)
    except (UnknownQueryError, ValueError, OSError) as err:
        return _fail(str(err))
    if args.param and query is None:
        return _fail("--param needs --query")
    if args.format == "bundle" and (query is None or not args.output):
        return _fail("--format bundle needs --query NAME and -o FILE.zip")
    store = _open(args, read_only=True)
    try:
        if args.format == "bundle":
            from graph_store.bundle import build_bundle

            data = build_bundle(store, query, params)
        else:
            selection = Selection(
                document=args.document,
                neighbourhood=args.neighbourhood,
                depth=args.depth,
                query=query,
                params=tuple(params.items()),
            )
            data = export_selection(store, args.format, selection)
    except (StoreError, ExportError, ParameterError, LookupError) as err:
        return _fail(str(err))
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from graph_store.gateway import CorsPolicy, normal_origin
    from graph_store.server import ServerError, check_store_free, plan_server, run_server

    folder = Path(args.store or get_setting("store"))
    try:
        origins = frozenset(normal_origin(origin) for origin in args.cors_origin)
    except ValueError as err:
        return _fail(f"--cors-origin: {err}")
    try:
        check_store_free(folder, create=args.allow_updates)
        plan = plan_server(
            folder,
            host=args.bind,
            port=args.port,
            allow_updates=args.allow_updates,
            timeout_s=args.timeout_s,
            cors=CorsPolicy(any_origin=args.cors, origins=origins),
        )
        print(plan.banner(), file=sys.stderr, flush=True)
        return run_server(plan)
    except ServerError as err:
        return _fail(str(err))


def cmd_stats(args: argparse.Namespace) -> int:
    from graph_store.stats import store_stats

    print(store_stats(_open(args, read_only=True)).format())
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from graph_store.shapes import check_shapes, format_report

    store = _open(args, read_only=True)
    data = store.export("nq")
    report = check_shapes(data)
    print(format_report(report))
    return EXIT_OK if report.conforms else EXIT_CHECK_FAILED


def cmd_eval(args: argparse.Namespace) -> int:
    from loaders.evaluate import evaluate, format_report

    paths = []
    for raw in args.corpus:
        path = Path(raw)
        paths += sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    if not Path(args.gold).is_dir():
        return _fail(f"{args.gold}: not a folder of gold files")
    report = evaluate(Path(args.gold), paths)
    print(format_report(report, verbose=args.verbose))
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    from graph_store.ingest import delete_document
    from loaders.identifiers import graph_iri

    store = _open(args)
    graphs = []
    for doc_id in args.doc_ids:
        try:
            graphs.append(graph_iri(doc_id))
        except ValueError:
            return _fail(f"{doc_id!r} is not a document id (see `edukg query documents`)")
    stored = set(store.graphs())
    missing = [d for d, g in zip(args.doc_ids, graphs, strict=True) if g not in stored]
    delete_document(store, *(g for g in dict.fromkeys(graphs) if g in stored))
    deleted = len(args.doc_ids) - len(missing)
    print(f"deleted {deleted} document graph{'s' if deleted != 1 else ''}", file=sys.stderr)
    if missing:
        return _fail(f"no document with id {', '.join(map(repr, missing))} in the store")
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    import json

    import pandas as pd

    from graph_store.analysis import UnknownAreaError, UnknownNodeError, analyse, path_links
    from graph_store.analysis import shortest_path as find_path

    store = _open(args, read_only=True)
    try:
        result = analyse(store, args.area, args.year, args.classes, not args.keep_aliases)
    except (UnknownAreaError, ValueError) as err:
        return _fail(str(err))
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    table = result.table
    if args.path:
        try:
            path = find_path(result.graph, *args.path)
        except UnknownNodeError as err:
            return _fail(str(err))
        if path is None:
            return _fail(f"no path joins {args.path[0]} and {args.path[1]}", EXIT_CHECK_FAILED)
        label = result.graph.nodes
        table = pd.DataFrame(
            [
                (step, s, label[s]["label"], relation, t, label[t]["label"])
                for step, (s, relation, t) in enumerate(path_links(result.graph, path), 1)
            ],
            columns=["step", "source", "source_label", "relation", "target", "target_label"],
        )
    if args.format == "csv":
        text = table.to_csv(index=False)
    elif args.format == "json":
        filters = {"area": args.area, "year": args.year, "classes": args.classes}
        records = json.loads(table.to_json(orient="records", force_ascii=False))
        key = "path" if args.path else "nodes"
        document = {"filters": filters, "notes": result.notes, key: records}
        text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    else:
        columns = [c for c in table.columns if c not in ("iri", "same_as")] + (
            [] if args.path else ["iri"]
        )
        shown = table[columns].replace("", "—")
        with pd.option_context("display.unicode.east_asian_width", True):
            text = shown.to_string(index=False, float_format="{:.4f}".format) + "\n"
        if not args.path:
            text += (
                f"{result.graph.number_of_nodes()} nodes, {result.graph.number_of_edges()} links, "
                f"{table['community'].nunique()} communities\n"
            )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(table)} rows to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    settings = "\n".join(
        f"  {s.env_var:<24} {s.help} (default: {s.default or 'unset'})" for s in SETTINGS
    )
    parser = argparse.ArgumentParser(
        prog="edukg",
        description="Knowledge graph over Chinese education-policy documents.",
        epilog="settings (environment variables):\n"
        + settings
        + "\n\nexit codes: 0 ok, 1 data failed a check, 2 unusable input",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="load files or folders into the store")
    p.add_argument("paths", nargs="+")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or per-file lines")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes reading documents (default: 1 below 64 files, else one per "
        "core); the result is identical to a serial run",
    )
    p.add_argument(
        "--no-bulk",
        action="store_true",
        help="write every document in its own transaction, even on a first load of 64 or more "
        "files into a store without documents (which otherwise uses the faster bulk loader)",
    )
    _store_args(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("query", help="run a named query or a .rq file")
    p.add_argument("query", help="a .rq file or the name of a query in queries/")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    _store_args(p)
    p.set_defaults(func=cmd_query)

    p = sub.add_parser(
        "export",
        help="export the graph, a document, a neighbourhood or a query's result",
        description="Formats: ttl, trig, nt, nq, jsonld, rdfxml (RDF); graphml, gexf, csv "
        "(entity network; csv is a zip of nodes.csv and edges.csv); for a SELECT --query: csv, "
        "json, tsv; bundle: a research bundle zip for --query (needs -o).",
    )
    p.add_argument(
        "--format",
        required=True,
        help="ttl, trig, nt, nq, jsonld, rdfxml, graphml, gexf, csv, json, tsv, bundle",
    )
    p.add_argument("--document", help="a document id or IRI: export only its graph")
    p.add_argument(
        "--neighbourhood",
        metavar="IRI",
        help="an entity or programme IRI: export what lies within --depth of it",
    )
    p.add_argument(
        "--depth",
        type=int,
        default=1,
        choices=[1, 2, 3],
        help="steps from the --neighbourhood IRI (default 1)",
    )
    p.add_argument(
        "--query",
        metavar="NAME_OR_RQ",
        help="export a query's result (a named query or a .rq file)",
    )
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a --query parameter, bound safely",
    )
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    _store_args(p)
    p.set_defaults(func=cmd_export)

    from graph_store.server import DEFAULT_TIMEOUT_S, positive_seconds  # stdlib imports only

    p = sub.add_parser(
        "serve",
        help="serve the store as a SPARQL 1.1 endpoint (the Oxigraph server)",
        description="Start the Oxigraph server over the store folder: a standard SPARQL 1.1 "
        "Protocol endpoint at http://BIND:PORT/query with the union of all document graphs as "
        "default graph. Read-only unless --allow-updates. SERVICE and LOAD are refused and a "
        "query is stopped at --timeout-s. Browsers on other origins only with --cors or "
        "--cors-origin. No authentication: put a reverse proxy in front. See "
        "docs/serve_and_export.md.",
    )
    p.add_argument("--store", help="store folder (default: EDUKG_STORE or data/store)")
    p.add_argument("--bind", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    p.add_argument(
        "--allow-updates",
        action="store_true",
        help="accept SPARQL updates at /update (holds the store's write lock); creates the "
        "store if the folder is empty or missing",
    )
    p.add_argument(
        "--cors",
        action="store_true",
        help="let web pages on any origin query the server from a browser (CORS, "
        "Access-Control-Allow-Origin: *); they still cannot update it",
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="let web pages on ORIGIN (e.g. http://localhost:3000) query and, with "
        "--allow-updates, update the server from a browser; repeatable",
    )
    p.add_argument(
        "--timeout-s",
        type=positive_seconds,
        default=DEFAULT_TIMEOUT_S,
        help=f"stop a query after this many seconds (default {DEFAULT_TIMEOUT_S})",
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("stats", help="counts of quads, graphs and instances per class")
    _store_args(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("validate", help="check the graph against the SHACL shapes")
    _store_args(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("eval", help="score extraction against gold files")
    p.add_argument("--gold", required=True, help="folder of gold JSON files")
    p.add_argument("corpus", nargs="+", help="document files or folders")
    p.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("delete", help="remove documents' graphs by document id")
    p.add_argument("doc_ids", nargs="+")
    _store_args(p)
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser(
        "analyse",
        help="centralities, communities and paths of the programme–school–group network",
        description="One row per school, campus, education group and programme: degree, "
        "betweenness, eigenvector centrality (per connected component) and Louvain community "
        "(fixed seed: the same store gives the same numbers), over the participatesIn, leads, "
        "memberOf, campusOf and partOf links. With --path, the shortest path between two nodes "
        "instead (exit 1 when none joins them).",
    )
    p.add_argument(
        "--area", help="a jurisdiction's name (e.g. 钟楼区), admin code or IRI, with its sub-areas"
    )
    p.add_argument("--year", type=int, help="keep the nodes of this year (e.g. 2019)")
    p.add_argument(
        "--class",
        dest="classes",
        action="append",
        choices=["School", "Campus", "EducationGroup", "SchoolDistrict", "Program"],
        help="keep nodes of this class (repeatable; default: all five)",
    )
    p.add_argument(
        "--keep-aliases",
        action="store_true",
        help="keep a school's short and full forms (owl:sameAs) as two nodes",
    )
    p.add_argument("--path", nargs=2, metavar=("FROM_IRI", "TO_IRI"), help="shortest path")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("-o", "--output", help="file to write (default: stdout)")
    _store_args(p)
    p.set_defaults(func=cmd_analyse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the edukg command line; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from graph_store.protocol import StoreError

    try:
        return args.func(args)
    except StoreError as err:
        return _fail(str(err))
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:
        if not _disk_full(err):
            raise
        return _fail(
            "no room left to write the store (disk full or a file-size limit): "
            + str(err).splitlines()[0]
            + ". Free some space and run the same command again: what was stored before is "
            "intact, and the run finishes what this one could not write.",
            EXIT_DISK_FULL,
        )


def _disk_full(err: OSError) -> bool:
    """Say whether `err` is a full disk or quota (RocksDB reports it in its message only)."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    return any(
        m in str(err) for m in ("No space left on device", "Disk quota exceeded", "File too large")
    )


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "get_setting"]
