#!/usr/bin/env bash
# Set everything up and run the whole test suite (lint, format check, tests with doctests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The real-browser smoke test needs Debian's chromium + chromium-driver (installed once, as root).
bash scripts/install_browser.sh
# The Virtuoso 7.2 integration tests (tests/graph_store/test_virtuoso.py) need Debian's virtuoso-opensource.
bash scripts/virtuoso.sh install
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest --browser-smoke "$@"
