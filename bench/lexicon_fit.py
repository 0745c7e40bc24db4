"""Print the lexicon entries that occur in at most one development document.

A word list should name kinds of words (a verb, a tier word, an ownership word), not phrases
taken from the documents the rules were tuned on. For every entry of every list in
loaders/extract/lexicon/, this counts the development documents whose (normalised) text holds
it: the bundled corpus (data/corpus/*.txt) and the devextra excerpts (../shared/devextra/docs);
devextra2 is held out from tuning and not read. Entries found in exactly one document, or in
none, are printed per list for review: an ordinary word of its class stays, a phrase or a name
fitted to one document goes.

Usage: .venv/bin/python bench/lexicon_fit.py [--shared ../shared] [--list NAME] [--max 1]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.extract.lexicon import LEXICON, Entry, load_list  # noqa: E402
from loaders.normalise import normalise_text  # noqa: E402


def development_texts(shared: Path) -> dict[str, str]:
    """Return document name → normalised text of the development documents."""
    paths = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    paths += sorted((shared / "devextra" / "docs").glob("*.txt"))
    if not paths:
        raise SystemExit(f"lexicon_fit: no development documents under {ROOT} or {shared}")
    return {p.name: normalise_text(p.read_text(encoding="utf-8")) for p in paths}


def document_counts(entries: tuple[Entry, ...], texts: dict[str, str]) -> list[tuple[Entry, int]]:
    """Return each entry with the number of texts that hold its word."""
    return [(e, sum(e.word in text for text in texts.values())) for e in entries]


def main() -> None:
    """Print, per list, the entries found in at most --max development documents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--list", action="append", help="only this list (repeatable)")
    parser.add_argument("--max", type=int, default=1, help="print entries in at most N documents")
    args = parser.parse_args()
    texts = development_texts(args.shared)
    names = args.list or sorted(p.stem for p in LEXICON.glob("*.tsv"))
    print(f"{len(texts)} development documents; entries in at most {args.max} of them:")
    total = 0
    for name in names:
        rare = [(e, n) for e, n in document_counts(load_list(name), texts) if n <= args.max]
        if not rare:
            continue
        total += len(rare)
        print(f"\n## {name} ({len(rare)} of {len(load_list(name))})")
        for entry, n in sorted(rare, key=lambda pair: (pair[1], pair[0].cls, pair[0].word)):
            print(f"  {n}  {entry.word}\t{entry.cls}\t{entry.note}")
    print(f"\n{total} entries")


if __name__ == "__main__":
    main()
