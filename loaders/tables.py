"""Tab-separated data files: the lexicons of loaders.extract and the tables in loaders/data.

Each line is one row of tab-separated fields; blank lines and lines starting with # (the
file's notes on its columns and classes) are no rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).parent / "data"


def numbered_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) of each row of the file at `path`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")
