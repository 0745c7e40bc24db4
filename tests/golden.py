"""Golden files: output compared with a checked-in expected file; --update-golden rewrites it."""

from __future__ import annotations

from pathlib import Path

import pytest


def golden_text(path: Path, actual: str, update: bool) -> str:
    """Return the expected text at `path`, after writing `actual` there when `update` is set.

    A missing file fails the test instead of being written: a file written from the output
    under test would make the test pass whatever that output is (a case added without its
    expected file, or a file lost in a merge, would test nothing).
    """
    if update:
        path.write_text(actual, encoding="utf-8")
    if not path.exists():
        pytest.fail(
            f"no golden file {path}; run pytest --update-golden and read the diff", pytrace=False
        )
    return path.read_text(encoding="utf-8")
