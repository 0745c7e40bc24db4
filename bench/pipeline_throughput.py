"""Throughput of the whole pipeline (read → extract → quads) next to jieba.lcut on the same text.

The bundled corpus is replicated on disk to about --megabytes MB (each copy gets its own trailing
line, so no whole-document cache can help), then every file goes through
loaders.build_document_graph exactly as `edukg ingest` runs it, minus the store. jieba.lcut runs
over the same texts in the same process. Prints characters per second for both.

The copies repeat the same sentences, so the extractor's memo caches (pure functions of a name or
a short window of text, functools caches of more than 64 entries) would hit far more often than
on a real corpus, where only names recur. The pipeline is therefore timed twice: as it runs
(caches kept across documents) and with every such cache cleared before each document (no reuse
between documents at all, a lower bound). Both ratios are printed.

    .venv/bin/python bench/pipeline_throughput.py [--megabytes 20] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders import build_document_graph  # noqa: E402


def replicate(folder: Path, megabytes: float) -> list[Path]:
    """Write copies of data/corpus into `folder` until they hold about `megabytes` MB."""
    sources = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    size = sum(len(t.encode("utf-8")) for t in texts)
    copies = max(1, round(megabytes * 1e6 / size))
    keys = [_identifiers(source) for source in sources]
    paths = []
    for i in range(copies):
        for source, text, key in zip(sources, texts, keys, strict=True):
            path = folder / f"{i:05d}_{source.name}"
            path.write_text(f"{_numbered(text, key, i)}\n(副本 {i})\n", encoding="utf-8")
            paths.append(path)
    return paths


def _identifiers(source: Path) -> tuple[str, ...]:
    """Return the 索引号 and 发文字号 a document's id is made from (when it has them)."""
    from loaders.read import read_document

    metadata = read_document(source).metadata
    return tuple(x for x in (metadata.index_number, metadata.doc_number) if x)


def _numbered(text: str, identifiers: tuple[str, ...], copy: int) -> str:
    """Return the text with its 索引号 and 发文字号 made the copy's own: each copy is a document
    of its own, as in a real batch (copies sharing an id would be one document's versions)."""
    for identifier in identifiers:
        own = re.sub(r"(\d+)(号?)$", lambda m: f"{m.group(1)}{copy:05d}{m.group(2)}", identifier)
        text = text.replace(identifier, own)
    return text


def memo_caches() -> list:
    """Return the loaders' functools memo caches (more than 64 entries, or unbounded).

    The small ones (maxsize 1 to 64) hold dictionaries and tables loaded once per process.
    """
    found = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("loaders"):
            continue
        for value in vars(module).values():
            params = getattr(value, "cache_parameters", None)
            if params is None:
                continue
            size = params()["maxsize"]
            if size is None or size > 64:
                found[id(value)] = value
    return list(found.values())


def main() -> None:
    """Print chars/s for the pipeline and for jieba over the same documents."""
    import jieba

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--profile", action="store_true", help="print the 25 costliest calls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = replicate(Path(tmp), args.megabytes)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        chars = sum(len(t) for t in texts)
        build_document_graph(paths[0])  # load dictionaries and tables once, outside the timing
        jieba.lcut("预热")
        profiler = cProfile.Profile() if args.profile else None
        if profiler:
            profiler.enable()
        start = time.perf_counter()
        quads = sum(len(build_document_graph(p).quads) for p in paths)
        pipeline = time.perf_counter() - start
        if profiler:
            profiler.disable()
        caches = memo_caches()
        start = time.perf_counter()
        for path in paths:
            for cached in caches:
                cached.cache_clear()
            build_document_graph(path)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        segmenter = time.perf_counter() - start
    print(f"documents {len(paths)}, characters {chars:,}, quads {quads:,}")
    print(
        f"pipeline (read → extract → quads): {chars / pipeline:>10,.0f} chars/s ({pipeline:.1f} s)"
    )
    print(
        f"jieba.lcut (same texts):           {chars / segmenter:>10,.0f} chars/s ({segmenter:.1f} s)"
    )
    print(f"ratio pipeline / jieba:            {segmenter / pipeline:>10.2f}")
    print(
        f"pipeline, caches cleared per doc:  {chars / cold:>10,.0f} chars/s ({cold:.1f} s), "
        f"ratio {segmenter / cold:.2f} ({len(caches)} caches)"
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
