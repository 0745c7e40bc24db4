"""The word lists of loaders/extract/lexicon/: well-formed files, and the lists the rules read."""

from __future__ import annotations

import re

import pytest

from loaders.extract import groups, lexicon, names, programs, schools
from loaders.extract.lexicon import LEXICON, load_list

LISTS = sorted(path.stem for path in LEXICON.glob("*.tsv"))

# Every list a rule module builds a regex or a word set from.
READ_BY_RULES = (
    "break_words",
    "programme_break_words",
    "name_internal_verbs",
    "leading_noise",
    "school_heads",
    "school_not_after",
    "generic_modifiers",
    "policy_words",
    "designations",
    "generic_school_heads",
    "school_categories",
    "school_left_breaks",
    "school_leading_chars",
    "group_heads",
    "group_left_breaks",
    "group_generic_words",
    "group_not_after",
    "educational_markers",
    "programme_heads",
    "programme_generic_words",
    "programme_not_head",
    "event_words",
    "works_words",
    "programme_counts",
    "programme_leading_words",
    "edition_words",
    "slogan_words",
    "programme_next_words",
    "honour_verbs",
    "programme_launch_verbs",
    "programme_list_verbs",
    "programme_class_nouns",
)


@pytest.mark.parametrize("name", LISTS)
def test_lexicon_file_has_three_fields_per_entry_and_a_header(name: str) -> None:
    lines = (LEXICON / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("# "), f"{name}.tsv: begin with a comment saying its use"
    entries = [line for line in lines if line.strip() and not line.startswith("#")]
    assert entries, f"{name}.tsv has no entries"
    for line in entries:
        fields = line.split("\t")
        assert len(fields) == 3, f"{name}.tsv: {line!r} is not 'word<TAB>class<TAB>note'"
        assert all(f.strip() == f and f for f in fields), f"{name}.tsv: {line!r} has an empty field"


@pytest.mark.parametrize("name", LISTS)
def test_lexicon_file_lists_each_word_once(name: str) -> None:
    words = [e.word for e in load_list(name)]
    assert len(words) == len(set(words))


@pytest.mark.parametrize("name", LISTS)
def test_lexicon_entries_have_a_class_and_a_note(name: str) -> None:
    for entry in load_list(name):
        assert re.fullmatch(r"[A-Za-z_-]+", entry.cls), f"{name}.tsv: {entry.word!r} class"
        assert entry.note, f"{name}.tsv: {entry.word!r} has no note"


@pytest.mark.parametrize("name", READ_BY_RULES)
def test_lexicon_lists_read_by_rules_exist_and_are_not_empty(name: str) -> None:
    assert lexicon.words(name)


def test_lexicon_exceptions_begin_with_a_listed_word() -> None:
    # An 'exception' entry guards a shorter listed word (教育集团 after 教育); alone it is unused.
    for name in LISTS:
        listed = lexicon.words(name, *lexicon.other_classes(name, lexicon.EXCEPTION))
        for word in lexicon.words(name, lexicon.EXCEPTION):
            assert word.startswith(tuple(listed)), f"{name}.tsv: exception {word!r} guards nothing"


def test_rule_modules_build_non_empty_word_patterns() -> None:
    patterns = [
        names.LEADING_NOISE,
        schools.GENERIC,
        schools.POLICY_WORDS,
        schools.DESIGNATION,
        schools.GENERIC_HEADS,
        schools.CATEGORY,
        schools.LEFT_BREAKS,
        schools._NOT_AFTER,
        groups.LEFT_BREAKS,
        groups._GENERIC_GROUP,
        groups._NOT_AFTER,
        groups._EDUCATIONAL,
        programs.GENERIC,
        programs._NOT_HEAD,
        programs._EVENT,
        programs._WORKS,
        programs._COUNT,
        programs._LEADING,
        programs._EDITION,
        programs._SLOGAN_AFTER,
        programs._NEXT_WORD,
        programs._HONOUR_BEFORE,
        programs._PREV_VERB,
        programs._LIST_VERB,
        programs._CLASS_LIST,
    ]
    # An empty list would leave an empty alternative, which matches everywhere.
    empty = re.compile(r"\|\||\(\?:\)|\(\?:\||\|\)|^\||\|$")
    for pattern in patterns:
        assert not empty.search(pattern.pattern), pattern.pattern
    word_sets = [
        names.BREAK_WORDS,
        names.PROGRAMME_BREAK_WORDS,
        names.NAME_INTERNAL_VERBS,
        schools.SUFFIXES,
        schools.CAMPUS_SUFFIXES,
        schools.LEFT_BREAK_CHARS,
        groups.SUFFIXES,
        programs.SUFFIXES,
    ]
    assert all(word_sets)


def test_rule_patterns_match_words_of_their_lists() -> None:
    assert schools.DESIGNATION.search("示范学校")
    assert schools.POLICY_WORDS.search("第二轮")
    assert schools._NOT_AFTER.match("教育") and not schools._NOT_AFTER.match("教育集团")
    assert groups._NOT_AFTER.match("成员") and not groups._NOT_AFTER.match("成员校")
    assert programs._EVENT.search("田径运动会")
    assert programs._EDITION.match("第二期").group() == "第二期"
    assert programs._NEXT_WORD.match("的深入推进") and programs._NEXT_WORD.match("等三个项目")
    assert programs.GENERIC.match("教育部重点") and not programs.GENERIC.match("青蓝")
