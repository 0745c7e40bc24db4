"""The README's named-query and settings tables are generated from their sources and current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from graph_store.named_queries import load_named_queries
from graph_store.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent.parent


def test_readme_lists_every_named_query_and_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in load_named_queries():
        assert f"`{name}`" in readme, f"README does not list query {name}"
    for setting in SETTINGS:
        assert setting.env_var in readme, f"README does not document {setting.env_var}"


def test_readme_tables_are_not_stale():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
