"""Print the extraction scores on the development sets and on devextra2.

The development sets are the 5 corpus documents and 20 devextra excerpts (the mention model is
trained on them: scripts/train_mention_model.py --held-out gives their held-out scores);
devextra2 holds 18 excerpts from other provinces that nothing was trained or tuned on.

Usage: python bench/eval_dev.py [--shared ../shared] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.evaluate import evaluate, format_report  # noqa: E402


def main() -> None:
    """Print one table per development set."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    sets = (
        ("corpus (5 docs)", args.shared / "gold", sorted((ROOT / "data" / "corpus").glob("*.txt"))),
        (
            "devextra (20 excerpts)",
            args.shared / "devextra" / "gold",
            sorted((args.shared / "devextra" / "docs").glob("*.txt")),
        ),
        (
            "devextra2 (18 excerpts, held out from tuning)",
            args.shared / "devextra2" / "gold",
            sorted((args.shared / "devextra2" / "docs").glob("*.txt")),
        ),
    )
    for title, gold, paths in sets:
        print(f"### {title}")
        print(format_report(evaluate(gold, paths), verbose=args.verbose))
        print()


if __name__ == "__main__":
    main()
