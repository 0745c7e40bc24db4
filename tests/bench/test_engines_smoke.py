"""bench/engines.py on a small dataset: every query runs on the three engines with the same rows.

The bench starts its own `oxigraph serve-read-only` and private Virtuoso (scripts/virtuoso.sh),
so Virtuoso must be installed (scripts/test.sh installs it): without it this test fails, as
tests/graph_store/test_virtuoso.py does. About 20 s.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from bench.engines import ENGINES, EXTRA_QUERIES, HEADING, record, run
from graph_store.named_queries import load_named_queries

pytestmark = [pytest.mark.endpoint, pytest.mark.slow]


def processes_mentioning(text: str) -> list[str]:
    """Return the command lines of running processes that name `text`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in line:
            found.append(line)
    return found


def test_every_query_runs_on_every_engine_with_the_same_rows(tmp_path, monkeypatch):
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.fail(
            "Virtuoso is not installed (no virtuoso-t / isql-vt on PATH): "
            "run `bash scripts/virtuoso.sh install` (scripts/test.sh does)"
        )
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # the bench's work folder goes here
    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\n## Another section\n\nkept\n", encoding="utf-8")

    report = run(["--quads", "20000", "--repeats", "1", "--results", str(results)])

    assert report.engines == ENGINES
    assert report.quads >= 20_000
    # The same N-Quads landed in the same named graphs on every engine.
    assert {report.loaded[engine] for engine in ENGINES} == {report.loaded["embedded"]}
    assert report.loaded["embedded"][0] == report.quads
    # Every named query ran (bound where it needs it), and the extra aggregates too.
    names = {label.split(" [")[0] for label in report.results}
    assert set(load_named_queries()) <= names
    assert set(EXTRA_QUERIES) <= set(report.results)
    for label, per_engine in report.results.items():
        for engine in ENGINES:
            value = per_engine[engine]
            assert not isinstance(value, str), f"{label} on {engine}: {value}"
            rows, times = value
            assert len(times) == 1, label
    assert report.differing() == [], "row counts differ between engines"
    rows = {label: report.rows(label)["embedded"] for label in report.results}
    assert rows["COUNT of all quads (live)"] == 1 and rows["class_counts"] > 0
    # Virtuoso's COUNT holds its system graphs as well; the Oxigraph ones count the file.
    # The live count includes the statistics graph's records; their total is the data's quads.
    counts = report.first_values["COUNT of all quads (live)"]
    assert int(counts["embedded"]) == int(counts["oxigraph"]) > report.quads
    assert int(counts["virtuoso"]) > int(counts["embedded"])
    totals = report.first_values["COUNT of all quads (statistics graph)"]
    assert {int(v) for v in totals.values()} == {report.quads}

    # Servers stopped and the temporary work folder removed.
    assert processes_mentioning(str(temp)) == []
    assert list(temp.glob("edukg-engines-*")) == []  # (jieba keeps its cache there too)
    # The section went into the results file, the other section kept.
    text = results.read_text(encoding="utf-8")
    assert HEADING in text and "## Another section\n\nkept\n" in text
    assert "| citation_network |" in text and "embedded / Virtuoso" in text


def test_a_rerun_replaces_only_its_own_section(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text("# R\n\n## Before\n\nb\n", encoding="utf-8")
    record(f"{HEADING}\n\nfirst\n", path)
    path.write_text(path.read_text(encoding="utf-8") + "\n## After\n\na\n", encoding="utf-8")
    record(f"{HEADING}\n\nsecond\n", path)
    text = path.read_text(encoding="utf-8")
    assert text.count(HEADING) == 1 and "second" in text and "first" not in text
    assert text.startswith("# R\n\n## Before\n\nb\n") and text.endswith("\n## After\n\na\n")
