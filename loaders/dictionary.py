"""jieba's dictionary as a lexicon: a word's frequency and its tag.

Read by the extraction rules (loaders.extract) and by the metadata reader, which sits below
them: both ask whether a pair of characters is an everyday word before reading it as the end
of a body's name (格局 is not a 局, 举办 not an 办).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import lru_cache

from loaders.tables import DATA, numbered_rows

# jieba frequency of an everyday word (举办 3 541, 市级 667, 公办 264; 试院 4, 联组 2)
_COMMON = 250


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # the dictionary-loading notice is not an error
    jieba.initialize()
    return jieba.dt.FREQ


def word_frequency(word: str) -> int:
    """Return jieba's dictionary frequency of `word` (0 when it is not listed).

    >>> word_frequency("学生") > 1000, word_frequency("生教")
    (True, 0)
    """
    return _dictionary().get(word) or 0


def dictionary_word(word: str) -> bool:
    """Return True when jieba's dictionary lists `word` (with a frequency above zero).

    >>> dictionary_word("学生"), dictionary_word("生教")
    (True, False)
    """
    return bool(_dictionary().get(word))


def word_ends(text: str, start: int, stop: int) -> Iterator[int]:
    """Yield the end of each dictionary word that begins at text[start] and ends by `stop`,
    shortest first. jieba's table holds every prefix of its words (with frequency 0), so the
    scan stops at the first string no word begins with, as jieba's own DAG does.

    >>> list(word_ends("学生会主席", 0, 5))
    [1, 2, 3]
    """
    table = _dictionary()
    for end in range(start + 1, stop + 1):
        frequency = table.get(text[start:end])
        if frequency is None:
            return
        if frequency:
            yield end


@lru_cache(maxsize=1)
def _corrections() -> dict[str, str]:
    """Return the tags of data/tag_corrections.tsv, by word."""
    return {fields[0]: fields[1] for _, fields in numbered_rows(DATA / "tag_corrections.tsv")}


def dictionary_tag(word: str) -> str:
    """Return jieba's dictionary tag of `word` ('' when it is not listed), or the tag of
    data/tag_corrections.tsv where jieba's is wrong. Read from posseg's table at each call: its
    initialize() replaces the table.

    >>> dictionary_tag("民政局"), dictionary_tag("生教"), dictionary_tag("首都")
    ('nt', '', 'ns')
    """
    import jieba.posseg

    return _corrections().get(word) or jieba.posseg.dt.word_tag_tab.get(word, "")


def common_word(word: str) -> bool:
    """Return True when jieba's dictionary lists `word` as a word in common use, whatever its
    tag (联盟 is tagged j, an abbreviation, and still a word a head character may begin).

    >>> common_word("联盟"), common_word("试院")
    (True, False)
    """
    return word_frequency(word) >= _COMMON


@lru_cache(maxsize=4096)
def everyday_word(pair: str) -> bool:
    """Return True when `pair` is an everyday word in jieba's dictionary, other than an
    abbreviated body (妇联, 科协 are tagged j; 举办 v, 东部 f, 格局 n are not bodies).

    >>> everyday_word("格局"), everyday_word("妇联"), everyday_word("试院")
    (True, False, False)
    """
    return common_word(pair) and dictionary_tag(pair) not in ("j", "nt")
