"""Issue #10, defect 6, the SIGTERM half: a parallel ingest stopped by SIGTERM (what `kill`,
systemd and `timeout` send) leaves no worker behind, as after SIGKILL
(tests/graph_store/test_ingest_parallel.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from graph_store import ingest
from tests.graph_store.test_ingest_parallel import _KILLED_PARENT, ROOT, _alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_exit_when_the_ingest_is_terminated():
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_KILLED_PARENT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    workers: list[int] = []
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=30) != 0
        deadline = time.monotonic() + 10 * ingest._WATCH_SECONDS
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        parent.kill()
        parent.wait()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
