#!/usr/bin/env bash
# Create .venv and install edukg with its pinned dependencies (idempotent: reinstalls only when
# pyproject.toml changed). Needs Python >= 3.11 and access to PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: edukg needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 2
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=.venv/.edukg-installed
# Editable installs map top-level packages when installed: a new package means reinstalling.
want=$(cat pyproject.toml */__init__.py 2>/dev/null | sha256sum | cut -d' ' -f1; ls -d */__init__.py)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing edukg and its dependencies into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  echo "$want" > "$stamp"
fi
