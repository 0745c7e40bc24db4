"""`edukg ingest` of the replicated corpus next to one jieba.lcut pass over the same text.

The bundled corpus is replicated on disk to about --megabytes MB (bench/pipeline_throughput.py's
copies, each with a line of its own), then `edukg ingest FOLDER --store NEW_STORE` runs as a user
runs it: its own process, its default workers (one per core from 64 files), LAC and the store
writes included, process start and model loading included. jieba.lcut then segments the same
texts in this process (its dictionary loaded first, outside the timing). Prints both rates and
their ratio, with the number of cores and a machine check taken before and after the ingest: on a
shared machine two processes may gain far less than 2x (bench/scale.py's cpu_calibration), and
the 2-worker figure moves with it.

    .venv/bin/python bench/ingest_throughput.py [--megabytes 10] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pipeline_throughput import replicate  # noqa: E402
from bench.scale import cpu_calibration  # noqa: E402


def _cpu(who: int) -> float:
    """Return the user and system CPU seconds of `who` (resource.RUSAGE_SELF or _CHILDREN)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def machine_gain() -> float:
    """Return how much two processes can gain over one on this machine now (2.00: two free cores)."""
    alone, both = cpu_calibration()
    return 2 * alone / both


def main() -> None:
    """Print chars/s for `edukg ingest` and for jieba.lcut over the same documents."""
    import jieba

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=None, help="default: edukg's own choice")
    args = parser.parse_args()
    edukg = Path(sys.executable).with_name("edukg")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        paths = replicate(corpus, args.megabytes)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        chars = sum(len(t) for t in texts)
        command = [str(edukg), "ingest", str(corpus), "--store", str(Path(tmp) / "store"), "-q"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        gain_before = machine_gain()
        cpu = _cpu(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True)
        ingest = time.perf_counter() - start
        ingest_cpu = _cpu(resource.RUSAGE_CHILDREN) - cpu
        gain_after = machine_gain()
        jieba.lcut("预热")
        cpu = _cpu(resource.RUSAGE_SELF)
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        segmenter = time.perf_counter() - start
        segmenter_cpu = _cpu(resource.RUSAGE_SELF) - cpu
    print(f"documents {len(paths)}, characters {chars:,}, cores {os.cpu_count()}")
    print(f"edukg ingest (LAC, store writes):  {chars / ingest:>10,.0f} chars/s ({ingest:.1f} s)")
    print(
        f"jieba.lcut (same texts):           {chars / segmenter:>10,.0f} chars/s ({segmenter:.1f} s)"
    )
    print(f"ratio ingest / jieba:              {segmenter / ingest:>10.2f}")
    # CPU seconds move less than wall time with what else runs on the machine: the ingest's
    # (its process and its workers) against jieba's, the work each does for the same text.
    print(
        f"CPU seconds: ingest {ingest_cpu:.1f}, jieba {segmenter_cpu:.1f}, "
        f"ratio {segmenter_cpu / ingest_cpu:.3f} (x2 with two workers: {2 * segmenter_cpu / ingest_cpu:.2f})"
    )
    print(
        f"machine check: two processes gain at most {gain_before:.2f}x before the ingest, "
        f"{gain_after:.2f}x after (2.00x: two free cores)"
    )


if __name__ == "__main__":
    main()
