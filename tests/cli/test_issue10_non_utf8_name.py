"""Issue #10, defect 9: a file whose name is not UTF-8 (a GBK name from a Windows archive) is
ingested, stored under its readable name and listed by `edukg ingest` without an encoder error.

Python writes stdout strictly in a UTF-8 locale other than C/POSIX (en_US.UTF-8, zh_CN.UTF-8):
PYTHONIOENCODING=utf-8:strict gives the run the same stdout on any machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
CORPUS_FILE = ROOT / "data" / "corpus" / "001_f3d5e20a6c1850ac.txt"
SOURCES = "SELECT ?s WHERE { GRAPH ?g { ?d <http://purl.org/dc/terms/source> ?s } }"


def test_a_gbk_file_name_is_ingested_listed_and_stored_readably(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS_FILE, folder / os.fsdecode("测试.txt".encode("gbk")))
    store = tmp_path / "store"
    run = subprocess.run(
        [sys.executable, "-c", "import sys, cli; sys.exit(cli.main(sys.argv[1:]))"]
        + ["ingest", str(folder), "--store", str(store)],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
        timeout=300,
    )
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    assert run.returncode == 0 and "Traceback" not in stderr, stderr
    assert "  测试.txt  " in run.stdout.decode("utf-8")  # the listing names it readably
    opened = ox.Store.read_only(str(store))
    assert [row["s"].value for row in opened.query(SOURCES)] == ["测试.txt"]
