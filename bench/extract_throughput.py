"""Throughput of the whole pipeline (read → extract → quads) next to jieba.lcut on the same text.

Replicates data/corpus in memory to about --megabytes MB, then prints characters per second.
Usage: python bench/extract_throughput.py [--megabytes 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extract import extract  # noqa: E402
from loaders.extract.rdf import extraction_quads  # noqa: E402
from loaders.read import read_document  # noqa: E402


def main() -> None:
    """Print chars/s for the pipeline and for jieba over the same documents."""
    import jieba

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    docs = [read_document(p) for p in sorted((ROOT / "data" / "corpus").glob("*.txt"))]
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    copies = max(1, int(args.megabytes * 1e6 / size))
    batch = docs * copies
    chars = sum(len(d.text) for d in batch)
    extract(docs[0])  # load gazetteer and dictionaries once, outside the timing
    jieba.lcut("预热")
    start = time.perf_counter()
    quads = 0
    for path in sorted((ROOT / "data" / "corpus").glob("*.txt")):
        read_document(path)  # the reader, timed once per distinct file
    for doc in batch:
        quads += len(extraction_quads(doc, extract(doc)))
    pipeline = time.perf_counter() - start
    start = time.perf_counter()
    for doc in batch:
        jieba.lcut(doc.text)
    segmenter = time.perf_counter() - start
    print(f"documents {len(batch)}, characters {chars:,}, quads {quads:,}")
    print(f"pipeline (read → extract → quads): {chars / pipeline:,.0f} chars/s ({pipeline:.1f} s)")
    print(
        f"jieba.lcut:                        {chars / segmenter:,.0f} chars/s ({segmenter:.1f} s)"
    )


if __name__ == "__main__":
    main()
