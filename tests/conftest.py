"""Shared fixtures and options. Plain `pytest` is fast and offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store_fixtures import (  # noqa: F401  (fixtures)
    big_store_path,
    empty_endpoint_store,
    endpoint_url,
    store,
    tiny_store,
    tiny_store_path,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (read the diff before committing)",
    )
    parser.addoption(
        "--browser-smoke",
        action="store_true",
        default=False,
        help="run the real-browser smoke tests (headless Chromium)",
    )


@pytest.fixture
def corpus_dir() -> Path:
    """The bundled demo corpus (data/corpus)."""
    return PROJECT_ROOT / "data" / "corpus"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip `browser` tests unless --browser-smoke is given (they need Chromium)."""
    if config.getoption("--browser-smoke"):
        return
    skip = pytest.mark.skip(reason="real-browser test: run with --browser-smoke")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
