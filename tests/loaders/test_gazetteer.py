"""The one area gazetteer: stable IRIs, one table, one finder, leftmost-longest scans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

import loaders.gazetteer as gazetteer
from loaders import metadata
from loaders.extract import areas as extract_areas
from loaders.extract import extract as extract_doc
from loaders.extract import gazetteer as extract_gazetteer
from loaders.extract.rdf import entity_node
from loaders.gazetteer import (
    REGIONS,
    area_iri,
    find_area_names,
    load_gazetteer,
    resolve_chain,
    scan_start,
)
from loaders.normalise import normalise_text
from tests.loaders.extract.helpers import make_doc

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "data" / "corpus"

# Area IRIs as the code before the single gazetteer minted them (loaders.divisions.area_iri for a
# document's jurisdiction, extraction's entity key 'area:<code>' for a mention). Researchers cite
# these: a change here breaks their queries (docs/decisions.md, IRI patterns).
PUBLISHED_AREA_IRIS = {
    ("江苏省",): "463f8e4d3d68e5d7",
    ("江苏省", "常州市"): "e1772e482c1c92e8",
    ("江苏省", "常州市", "钟楼区"): "376f43a7c17048f7",
    ("江苏省", "南京市", "鼓楼区"): "9a5bd6ef66339070",
    ("福建省", "福州市", "鼓楼区"): "b0264f4b8be99da8",
    ("北京市",): "fab01809bc0594eb",
    ("北京市", "东城区"): "f7778536ed1639f1",
    ("广东省", "东莞市"): "8c654692b2363a7c",
    ("香港特别行政区",): "bf55502e38f15f93",
    ("广西壮族自治区",): "8e346c1e37326239",
    ("广西壮族自治区", "南宁市", "青秀区"): "e09b8d40dd8eb1bf",
    ("上海市", "浦东新区"): "e07d6a0153eb4d44",
    ("新疆维吾尔自治区", "伊犁哈萨克自治州", "伊宁市"): "e2b3b4b6202e00a0",
    ("湖北省", "宜昌市", "宜都市"): "0e7103c038e4877e",
}
# Towns and streets (no GB/T code): keyed by county (or county-less city) code and name.
PUBLISHED_TOWN_IRIS = {
    "320404:五星街道": "a997af07f506ef1f",
    "441900:长安镇": "896a0d570e8f811f",
    "110101:东华门街道": "a6977d7216a4c719",
}
BASE = "https://w3id.org/edukg/id/area/"


@pytest.mark.parametrize("names", list(PUBLISHED_AREA_IRIS))
def test_area_iri_is_unchanged_for_a_jurisdiction_and_a_mention(names):
    area = resolve_chain(names)[-1]
    expected = BASE + PUBLISHED_AREA_IRIS[names]
    assert area.name == names[-1]
    assert area_iri(area).value == expected  # a document's ekg:jurisdiction
    assert entity_node(f"area:{area.code}").value == expected  # an extracted area


@pytest.mark.parametrize("key", list(PUBLISHED_TOWN_IRIS))
def test_town_iri_is_unchanged(key):
    town = load_gazetteer().by_code[key]
    assert town.level == "town"
    assert area_iri(town).value == BASE + PUBLISHED_TOWN_IRIS[key]
    assert entity_node(f"area:{town.code}").value == BASE + PUBLISHED_TOWN_IRIS[key]


def test_gazetteer_leaves_out_entries_that_repeat_their_parents_code():
    gaz = load_gazetteer()
    assert "市直辖行政区划" not in gaz.by_name
    assert gaz.by_code["441900"].name == "东莞市"
    assert gaz.by_code["810000"].name == "香港特别行政区"
    assert all(a.code != a.parent_code for a in gaz.by_code.values())


def test_extraction_names_are_the_one_gazetteer():
    assert extract_gazetteer.AreaInfo is gazetteer.Area
    assert extract_gazetteer.load_gazetteer() is load_gazetteer()
    info = load_gazetteer().by_name["钟楼区"][0]
    assert (info.name, info.code, info.level, info.chain, info.codes, info.aliases) == (
        "钟楼区",
        "320404",
        "county",
        ("江苏省", "常州市", "钟楼区"),
        ("320000", "320400", "320404"),
        ("钟楼",),
    )
    assert load_gazetteer().by_alias["常州"][0].code == "320400"


def test_only_the_gazetteer_module_loads_the_division_table():
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "loaders").rglob("*.py")
        if "china_location_loader" in path.read_text(encoding="utf-8")
    ]
    assert readers == ["loaders/gazetteer.py"]


def test_metadata_and_extraction_read_areas_through_the_one_finder(monkeypatch):
    texts: list[str] = []
    scan = gazetteer._scan

    def spy(scanner, text):  # noqa: ANN001, ANN202
        texts.append(text)
        return scan(scanner, text)

    monkeypatch.setattr(gazetteer, "_scan", spy)
    assert metadata.leading_areas("宿迁市宿城区教育局")[-1][1] == "宿城区"
    assert texts == ["宿迁市宿城区教育局"]
    doc = make_doc("宿迁市宿城区教育局印发的通知。")
    found = extract_areas.find_areas(doc, extract_areas.area_context(doc))
    assert [c.canonical for c in found] == ["宿迁市", "宿城区"]
    assert texts[1:] == ["宿迁市宿城区教育局印发的通知。"]


def _greedy_matches(words: frozenset[str], text: str) -> list[tuple[int, int, str]]:
    """Every match, sorted by start then longest, kept when it starts after the last kept."""
    found = sorted(
        (
            (i, j, text[i:j])
            for i in range(len(text))
            for j in range(i + 2, min(len(text), i + 25) + 1)
            if text[i:j] in words
        ),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    chosen, last_end = [], -1
    for match in found:
        if match[0] >= last_end:
            chosen.append(match)
            last_end = match[1]
    return chosen


_WORDS = ["钟楼区", "钟楼", "常州市", "常州", "江苏省", "鼓楼区", "湖塘镇", "新北区", *REGIONS]


@settings(max_examples=200, deadline=None)
@given(hs.lists(hs.sampled_from(_WORDS + ["区", "市", "教育", "的", "\n", "楼"]), max_size=12))
def test_area_scan_is_leftmost_longest(parts):
    text = "".join(parts)
    words = gazetteer._scanner(load_gazetteer()).words
    found = find_area_names("前言" + text, 2)
    assert [(m.start - 2, m.end - 2, m.word) for m in found] == _greedy_matches(words, text)


def test_area_matches_of_a_corpus_document_are_leftmost_longest():
    text = normalise_text((CORPUS / "003_3eedb6d38b88a814.txt").read_text(encoding="utf-8"))
    words = gazetteer._scanner(load_gazetteer()).words
    expected = _greedy_matches(words, text)
    assert [(m.start, m.end, m.word) for m in find_area_names(text)] == expected


def test_area_scan_from_a_scan_start_finds_the_areas_of_a_whole_scan():
    norm = normalise_text((CORPUS / "003_3eedb6d38b88a814.txt").read_text(encoding="utf-8"))
    whole = find_area_names(norm)
    for at in range(0, len(norm), 23):
        since = scan_start(norm, at)
        assert find_area_names(norm, since) == [m for m in whole if m.start >= since]


def test_metadata_area_scan_up_to_a_point_finds_those_of_a_whole_scan():
    norm = normalise_text((CORPUS / "003_3eedb6d38b88a814.txt").read_text(encoding="utf-8"))
    whole = list(metadata._iter_areas(norm, norm))
    for at in range(0, len(norm), 97):
        since = scan_start(norm, at)
        part = [a for a in metadata._iter_areas(norm, norm, since=since, until=at) if a[0] <= at]
        assert part == [a for a in whole if since <= a[0] <= at]


def test_the_areas_read_back_from_the_cache_are_the_tables(tmp_path, monkeypatch):
    monkeypatch.setenv("EDUKG_CACHE_DIR", str(tmp_path))
    built = gazetteer._areas()  # no file yet: built from jionlp's table, and written
    assert gazetteer._cache_path().parent == tmp_path and gazetteer._cache_path().exists()
    assert gazetteer._areas() == built  # read back
    assert {a.code for a in built} == set(gazetteer.load_gazetteer().by_code)


@pytest.mark.parametrize("damage", [b"", b"not marshal", b"\xe9\x00\x00\x00\x00"])
def test_an_unreadable_cache_file_is_passed_over_and_written_again(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("EDUKG_CACHE_DIR", str(tmp_path))
    expected = gazetteer._areas()
    gazetteer._cache_path().write_bytes(damage)
    assert gazetteer._areas() == expected
    assert gazetteer._cache_path().read_bytes() != damage


def test_an_area_renamed_keeping_its_own_name_is_known_by_both_names():
    gaz = gazetteer.load_gazetteer()
    # Renamed after the table's year (无为县 → 无为市, 2019): the new name, the same code.
    assert [(a.name, a.code) for a in gaz.by_name["无为市"]] == [("无为市", "340225")]
    assert [a.name for a in gaz.by_alias["无为县"]] == ["无为市"]
    # Renamed before it (襄樊市 → 襄阳市, 2010; 潞城市 → 潞城区, 2018): the old name an alias.
    assert [a.name for a in gaz.by_alias["襄樊市"]] == ["襄阳市"]
    assert [a.name for a in gaz.by_alias["潞城市"]] == ["潞城区"]
    # Merged or named anew (下城区 into 拱墅区; 宜宾县 → 叙州区): no old name stands for them.
    assert "下城区" not in gaz.by_alias and "宜宾县" not in gaz.by_alias


def test_a_bureau_of_an_area_named_as_it_was_is_that_areas_bureau():
    doc = make_doc("1998年,襄樊市教委印发通知。", chain=("湖北省",))
    bodies = [e for e in extract_doc(doc).entities if e.kind == "org"]
    assert [(e.label, e.alt_labels) for e in bodies] == [("襄阳市教育委员会", ("襄樊市教委",))]


def test_a_short_form_gives_way_to_a_full_name_beginning_on_its_second_character():
    # 和|静海区: 和 joins the clause (和静 is also 和静县's short form); 援建|湖北省: 北省 is no
    # word, so 建湖 (建湖县) is not read; 雁江|城区 keeps 雁江, since 城区 is a word.
    assert [m.word for m in find_area_names("学校和静海区签约")] == ["静海区"]
    assert [m.word for m in find_area_names("上海市援建湖北省的学校")] == ["上海市", "湖北省"]
    assert [m.word for m in find_area_names("优化雁江城区校点布局")] == ["雁江", "城区"]
