"""Word lists as data: the heads, break words and stoplists the extraction rules read.

Each list is a tab-separated file in `loaders/extract/lexicon/` with one entry per line:
the word, the general class it stands for (a school level, an ekg class, 'deictic',
'count' …) and a note saying why it is there. Lines starting with '#' are comments, and
each file begins with one saying what the list is for. A list names kinds of words, never the
entities or phrases of one document (bench/lexicon_fit.py lists the entries found in at most
one development document). The rule modules build their regexes from the lists once, at
import, with alternation() (longest word first) and guarded_alternation().
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.tables import numbered_rows

LEXICON = Path(__file__).resolve().parent / "lexicon"


class LexiconError(ValueError):
    """A lexicon file cannot be read (the message names the file and line)."""


@dataclass(frozen=True)
class Entry:
    """One word of a list: the word, its general class, and why it is listed."""

    word: str
    cls: str
    note: str


@lru_cache(maxsize=64)
def load_list(name: str) -> tuple[Entry, ...]:
    """Return the entries of `lexicon/<name>.tsv`, in file order.

    >>> load_list("school_heads")[0].word
    '幼儿园'

    Raises:
        LexiconError: a line does not have three tab-separated fields, or a word repeats.
    """
    path = LEXICON / f"{name}.tsv"
    entries: list[Entry] = []
    seen: set[str] = set()
    for number, fields in numbered_rows(path):
        if len(fields) != 3 or not fields[0]:
            raise LexiconError(f"{path}, line {number}: expected 'word<TAB>class<TAB>note'")
        if fields[0] in seen:
            raise LexiconError(f"{path}, line {number}: {fields[0]!r} is listed twice")
        seen.add(fields[0])
        entries.append(Entry(*fields))
    return tuple(entries)


def words(name: str, *classes: str) -> tuple[str, ...]:
    """Return the words of a list (only those of `classes` when given), in file order.

    >>> "校区" in words("school_heads", "campus"), "小学" in words("school_heads", "campus")
    (True, False)
    """
    return tuple(e.word for e in load_list(name) if not classes or e.cls in classes)


def classes(name: str) -> dict[str, str]:
    """Return word → class for a list.

    >>> classes("school_heads")["小学"]
    'primary'
    """
    return {e.word: e.cls for e in load_list(name)}


def other_classes(name: str, *excluded: str) -> tuple[str, ...]:
    """Return the classes of a list other than `excluded`, sorted.

    >>> other_classes("school_heads", "campus")[:3]
    ('junior_secondary', 'kindergarten', 'primary')
    """
    return tuple(sorted(set(classes(name).values()) - set(excluded)))


@lru_cache(maxsize=64)
def alternation(name: str, *classes: str) -> str:
    """Return a regex alternation of the list's words (escaped, longest first).

    Longest first, a word wins over the shorter words it begins with (各级 over 各).

    >>> re.fullmatch(alternation("group_heads"), "教育集团") is not None
    True
    >>> re.match(alternation("leading_noise", "quantifier"), "各级").group()
    '各级'
    """
    return "|".join(re.escape(w) for w in sorted(words(name, *classes), key=len, reverse=True))


# The class of a longer word that guards a listed one (see guarded_alternation).
EXCEPTION = "exception"


@lru_cache(maxsize=64)
def guarded_alternation(name: str, *without: str) -> str:
    """Return an alternation of the list's words (but those of the classes `without`) that
    fails where an 'exception' entry begins.

    An exception is a longer word that begins with a listed word but is not of the list: after
    a school head, 教育 breaks the name (小学教育) while 教育集团 does not.

    >>> pattern = re.compile(guarded_alternation("school_not_after"))
    >>> bool(pattern.match("教育局")), bool(pattern.match("教育集团"))
    (True, False)
    """
    found = alternation(name, *other_classes(name, EXCEPTION, *without))
    exceptions = alternation(name, EXCEPTION)
    return f"(?!{exceptions})(?:{found})" if exceptions else f"(?:{found})"
