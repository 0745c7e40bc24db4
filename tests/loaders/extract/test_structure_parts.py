"""Programme partOf from structure: headings, 包括 lists, counted enumerations, 子项目.

The sentences are written for these tests (not corpus text).
"""

from __future__ import annotations

from dataclasses import replace

from loaders.documents import Section
from loaders.extract import extract
from tests.loaders.extract.helpers import make_doc, relations_of

CHAIN = ("浙江省", "温州市", "鹿城区")


def _parts(text: str, sections: tuple[Section, ...] = ()) -> set[tuple[str, str]]:
    doc = make_doc(text, chain=CHAIN, year=2024)
    if sections:
        doc = replace(doc, sections=sections)
    return {(s, o) for s, p, o in relations_of(extract(doc)) if p == "partOf"}


def _numbered(text: str, headings: list[str]) -> tuple[Section, ...]:
    """Return one level-3 section per heading line (N.), each running to the next."""
    starts = [text.index(h) for h in headings] + [len(text)]
    return tuple(
        Section(str(i + 1), f"{i + 1}.", 3, "", starts[i], starts[i + 1])
        for i in range(len(headings))
    )


def test_heading_programme_has_the_programmes_of_its_section_as_parts():
    text = (
        "1.青苗成长工程。实施“晨读伴学计划”,开展“星空科普”活动。\n"
        "2.银杏领航工程。启动“青蓝结对计划”。\n"
    )
    found = _parts(text, _numbered(text, ["1.青苗成长工程", "2.银杏领航工程"]))
    assert ("晨读伴学计划", "青苗成长工程") in found
    assert ("星空科普", "青苗成长工程") in found
    assert ("青蓝结对计划", "银杏领航工程") in found
    assert ("青蓝结对计划", "青苗成长工程") not in found


def test_heading_with_a_verb_before_the_programme():
    text = "3.深入实施青苗成长工程。完善“晨读伴学计划”实施办法。\n"
    found = _parts(text, _numbered(text, ["3.深入实施"]))
    assert found == {("晨读伴学计划", "青苗成长工程")}


def test_higher_level_and_framing_programmes_are_not_parts():
    text = "1.青苗成长工程。结合省“万校书香计划”评比,以“晨读伴学计划”为抓手,开展“星空科普”活动。\n"
    found = _parts(text, _numbered(text, ["1.青苗成长工程"]))
    assert found == {("星空科普", "青苗成长工程")}


def test_a_sentence_is_not_a_heading_without_sections():
    found = _parts("青苗成长工程。实施“晨读伴学计划”。")
    assert found == set()


def test_includes_list_across_semicolons():
    text = "开展“江南韵”系列活动,包括:“春耕学堂”研学;“乡音讲堂”活动等。"
    found = _parts(text)
    assert {("春耕学堂", "江南韵"), ("乡音讲堂", "江南韵")} <= found


def test_counted_enumeration_in_a_sentence_about_a_programme():
    text = (
        "“山海课堂”研究项目,各校共同参与,开展“潮汐实验工程”、"
        "“渔灯阅读工程”、“海风写作工程”等3次专题活动。"
    )
    found = _parts(text)
    assert ("潮汐实验工程", "山海课堂") in found
    assert ("海风写作工程", "山海课堂") in found


def test_named_sub_projects():
    text = "推进“书香校园工程”的“晨读伴学计划”“亲子共读计划”两个子项目。"
    found = _parts(text)
    assert ("晨读伴学计划", "书香校园工程") in found
    assert ("亲子共读计划", "书香校园工程") in found


def test_a_practice_heading_has_no_parts():
    text = "1.深化集团化办学。继续实施“青苗成长工程”。\n"
    assert _parts(text, _numbered(text, ["1.深化"])) == set()


def test_programmes_after_a_colon_are_parts():
    text = "实施“书香校园工程”:推进“晨读伴学计划”,开展“亲子共读计划”。"
    found = _parts(text)
    assert ("晨读伴学计划", "书香校园工程") in found
    assert ("亲子共读计划", "书香校园工程") in found
