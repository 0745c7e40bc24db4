"""The README's test command runs the source packages' doctests, as the README says it does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The packages the project installs (pyproject's packages.find); queries/ holds only .rq files.
PACKAGES = ("loaders", "graph_store", "ontology", "app_views")
_EXAMPLE = re.compile(r"^\s*>>> ", re.MULTILINE)


def modules_with_examples() -> set[str]:
    """Return the paths (relative to the project) of source modules that hold a `>>>` example."""
    return {
        path.relative_to(ROOT).as_posix()
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if _EXAMPLE.search(path.read_text(encoding="utf-8"))
    }


def test_plain_pytest_collects_every_source_doctest() -> None:
    # No path on the command line, as scripts/test.sh (and so .ci/run) calls pytest: what runs
    # is what pyproject's testpaths name. tests/ is left out only to keep the collection short.
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + ["--ignore=tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in run.stdout.splitlines() if "::" in line}
    expected = modules_with_examples()
    assert expected, "no doctest found in the source packages"
    assert sorted(expected - collected) == []
