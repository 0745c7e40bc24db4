"""The golden-file helper: a missing expected file is a failure, not a new expectation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import golden_text


def test_a_missing_golden_file_fails_and_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "expected.nt"
    with pytest.raises(pytest.fail.Exception, match="no golden file .*--update-golden"):
        golden_text(path, "<a> <b> <c> .\n", update=False)
    assert not path.exists()


def test_update_golden_writes_the_expected_file(tmp_path: Path) -> None:
    path = tmp_path / "expected.nt"
    assert golden_text(path, "<a> <b> <c> .\n", update=True) == "<a> <b> <c> .\n"
    assert golden_text(path, "<a> <b> <d> .\n", update=False) == "<a> <b> <c> .\n"
