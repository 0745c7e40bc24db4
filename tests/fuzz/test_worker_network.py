"""The query worker's second layer: a worker on the local store has no network, so a SERVICE
that got past the parse guard (taken out here) reaches nothing, not even 127.0.0.1."""

from __future__ import annotations

import multiprocessing
import socket
import subprocess
import sys
import types
from pathlib import Path

import pytest

import graph_store.sandbox as sandbox
from graph_store.protocol import StoreError
from graph_store.results import QueryResult
from tests.call_out import call_out_listener

ROOT = Path(__file__).resolve().parents[2]


def _probe(port: int, conn) -> None:
    """In a fresh child: connect, isolate, connect again; report (before, isolated, after)."""

    def reach() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        except OSError:
            return False
        return True

    before = reach()
    isolated = sandbox.isolate_network()
    conn.send((before, isolated, reach()))


def _isolation_in_a_child() -> tuple[bool, bool, bool]:
    """Probe against a socket of its own (a connection to a test's listener would count)."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        context = multiprocessing.get_context("forkserver")
        parent, child = context.Pipe(duplex=False)
        process = context.Process(target=_probe, args=(server.getsockname()[1], child))
        sandbox._start_without_main(process)  # as run_guarded starts its workers
        result = parent.recv()
        process.join(10)
    return result


def _system_allows_it() -> bool:
    """Return whether a fresh, thread-free Python may enter a new user and network namespace
    here (the question the skips below ask of the system, not of the code under test)."""
    probe = "import graph_store.sandbox as s, sys; sys.exit(0 if s.isolate_network() else 1)"
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True)
    return run.returncode == 0


def test_an_isolated_process_reaches_nothing_it_reached_before() -> None:
    before, isolated, after = _isolation_in_a_child()
    assert before, "the control: the child could connect before"
    if not isolated:
        assert not _system_allows_it(), "the system allows it, but the worker was not isolated"
        pytest.skip("this system does not allow unprivileged network namespaces")
    assert not after


def test_a_worker_does_not_run_the_parents_main_module(tmp_path, tiny_store_path, monkeypatch):
    # In the app, __main__ is app.py: a worker that ran it again imported Streamlit and numpy
    # (whose threads made isolation fail) and took 1.2 s more per query.
    marker = tmp_path / "main-ran"
    script = tmp_path / "app_main.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    answer = sandbox.run_guarded(str(tiny_store_path), "ASK { ?s ?p ?o }", timeout=30)
    assert answer is True
    assert not marker.exists()


def test_a_service_past_the_guard_cannot_reach_a_local_server(tiny_store_path, monkeypatch) -> None:
    if not _isolation_in_a_child()[1]:
        assert not _system_allows_it(), "the system allows it, but the worker was not isolated"
        pytest.skip("this system does not allow unprivileged network namespaces")
    with call_out_listener() as listener:
        monkeypatch.setattr(sandbox, "check_read_only", lambda query: None)  # the guard, gone
        for silent in ("", "SILENT "):
            query = f"SELECT * WHERE {{ SERVICE {silent}<{listener.url}> {{ ?s ?p ?o }} }}"
            try:
                answer = sandbox.run_guarded(str(tiny_store_path), query, timeout=20)
            except StoreError as err:
                assert "unreachable" in str(err).lower() or "connect" in str(err).lower(), err
            else:
                assert silent and isinstance(answer, QueryResult)
        assert listener.arrived == []
        # the control: the same query from this (not isolated) process does reach it
        import pyoxigraph as ox

        with pytest.raises(OSError):
            list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
        assert len(listener.arrived) == 1
