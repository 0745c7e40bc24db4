"""A full disk stops `edukg ingest` with one line and exit code 3; nothing stored is lost, and
the same command finishes the job once there is room."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"


def _ingest(store: Path, max_file_bytes: int | None = None) -> subprocess.CompletedProcess:
    def limit() -> None:
        # A file-size limit makes writes fail as a full disk does (EFBIG instead of ENOSPC):
        # the store's log file cannot grow past it.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    return subprocess.run(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
        + ["ingest", str(CORPUS), "--store", str(store), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit if max_file_bytes else None,
    )


def _quads(store: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
        + ["stats", "--store", str(store)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return next(line for line in done.stdout.splitlines() if line.startswith("quads"))


def test_full_disk_is_one_line_and_a_rerun_finishes(tmp_path):
    full = _ingest(tmp_path / "store", max_file_bytes=200_000)
    assert full.returncode == 3, full.stderr
    lines = full.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in full.stderr
    assert lines[0].startswith("edukg: no room left to write the store")
    assert str(tmp_path / "store") in lines[0]
    again = _ingest(tmp_path / "store")
    assert again.returncode == 0, again.stderr
    clean = _ingest(tmp_path / "clean")
    assert clean.returncode == 0, clean.stderr
    assert _quads(tmp_path / "store") == _quads(tmp_path / "clean")
