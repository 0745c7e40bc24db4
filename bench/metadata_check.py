"""Print metadata accuracy per field against gold: the 5 corpus documents, 20 devextra
excerpts and 18 devextra2 pages (held out from tuning).

Usage: .venv/bin/python bench/metadata_check.py [--verbose]

Gold 'issuer' may be the full name, so an issuer counts as right when it equals either
`issuer_full` or `issuer`. A field counts only where the gold file has it (null included:
the right answer is then 'absent').
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.read import read_document  # noqa: E402

FIELDS = ("title", "issuer", "date", "doc_number", "index_number", "doc_type")
SETS = {
    "corpus": (ROOT / "data/corpus", Path("/work/shared/gold")),
    "devextra": (Path("/work/shared/devextra/docs"), Path("/work/shared/devextra/gold")),
    "devextra2": (Path("/work/shared/devextra2/docs"), Path("/work/shared/devextra2/gold")),
}


def check_set(docs: Path, gold_dir: Path, verbose: bool) -> dict[str, tuple[int, int]]:
    """Return field → (right, counted) over the documents that have a gold file."""
    scores = {field: [0, 0] for field in FIELDS}
    for gold_path in sorted(gold_dir.glob("*.json")):
        doc_path = docs / (gold_path.stem + ".txt")
        if not doc_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))["metadata"]
        got = read_document(doc_path).metadata
        for field in FIELDS:
            if field not in gold:
                continue
            expected = gold[field]
            if field == "issuer":
                ok = expected in (got.issuer_full, got.issuer) if expected else got.issuer is None
                value = (got.issuer, got.issuer_full)
            else:
                value = getattr(got, field)
                ok = value == expected
            scores[field][0] += ok
            scores[field][1] += 1
            if verbose and not ok:
                print(f"  {gold_path.stem} {field}: got {value!r}, gold {expected!r}")
    return {field: (right, counted) for field, (right, counted) in scores.items()}


def main() -> None:
    """Print one table per document set."""
    verbose = "--verbose" in sys.argv
    for name, (docs, gold_dir) in SETS.items():
        print(f"== {name}")
        scores = check_set(docs, gold_dir, verbose)
        total_right = total = 0
        for field, (right, counted) in scores.items():
            if counted:
                print(f"  {field:13s} {right:3d}/{counted:<3d} {right / counted:6.1%}")
                total_right += right
                total += counted
        print(f"  {'all':13s} {total_right:3d}/{total:<3d} {total_right / max(total, 1):6.1%}")


if __name__ == "__main__":
    main()
