"""Area extraction on short sentences written for these tests, one test per kind of error
(ANNOTATION.md, 'areas'): ordinary words read as places, official names missed, and areas
inside other names."""

from __future__ import annotations

import pytest

from loaders.evaluate import score_quads
from loaders.extract import extract
from loaders.extract.areas import area_context, find_areas
from loaders.extract.model import AREA
from loaders.extract.rdf import extraction_quads
from tests.loaders.extract.helpers import make_doc, names_of


def _areas(text: str, chain: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Return (surface, canonical name) of each area candidate, in text order."""
    doc = make_doc(text, chain)
    return [(c.name, c.canonical) for c in find_areas(doc, area_context(doc))]


def _codes(text: str, chain: tuple[str, ...] = ()) -> dict[str, str]:
    """Return surface → area code of each area candidate."""
    doc = make_doc(text, chain)
    return {c.name: dict(c.attrs)["code"] for c in find_areas(doc, area_context(doc))}


# Ordinary words read as places.


def test_area_verb_xinjian_is_not_the_district_of_that_name():
    text = "今年新建学校3所,新建、改扩建幼儿园5所,有2所新建小学。新建区教育局负责实施。"
    assert _areas(text, ("江西省", "南昌市", "新建区")) == [("新建区", "新建区")]


def test_area_a_county_that_became_a_district_is_found_by_its_former_name():
    # 江宁县 became 南京市江宁区 in 2000; a document of the 1990s still writes 江宁县.
    assert _areas("1998年,江宁县新建中小学校舍12万平方米。", ("江苏省", "南京市")) == [
        ("江宁县", "江宁区")
    ]


@pytest.mark.parametrize("text", ["新建市实验幼儿园今年开园。", "农村孩子向往大城市的学校。"])
def test_area_a_districts_short_form_before_shi_names_no_county(text: str):
    assert _areas(text, ("江苏省", "盐城市")) == []


def test_area_common_word_is_not_a_district_short_form():
    text = "各校要珍爱和平,学习和平共处的道理。和平区教育局组织活动。"
    assert _areas(text, ("辽宁省", "沈阳市")) == [("和平区", "和平区")]


def test_area_short_form_inside_another_word_is_not_a_place():
    assert _areas("全省教师深入学习重大理论问题。", ("吉林省",)) == []
    assert _areas("他毕业于陕西师范大学,现任校长。", ("甘肃省", "兰州市")) == []
    assert _areas("据北京日报消息,会议召开。", ("北京市", "海淀区")) == []


def test_a_county_name_that_ends_another_word_is_no_place():
    # 示范县 is a designation; 范县 (a county of Henan) is only the end of 示范.
    text = "白鹭县被命名为学区制改革示范县,示范县创建工作由白鹭县教育局负责。"
    assert _areas(text) == []
    # Nor does it become the document's area, which would send 省教育厅 to Henan.
    assert area_context(make_doc(text)).chain == ()


def test_area_far_short_form_counts_only_as_a_place_of_its_own():
    text = "组织教师赴新疆支教。新疆班学生在新疆民族中学就读。"
    doc = make_doc(text, ("浙江省", "杭州市"))
    found = find_areas(doc, area_context(doc))
    assert [(c.start, c.canonical) for c in found] == [(5, "新疆维吾尔自治区")]


def test_area_short_form_of_the_documents_own_district_is_kept():
    text = "推动钟楼教育优质均衡发展,宣传钟楼好声音。"
    found = _areas(text, ("江苏省", "常州市", "钟楼区"))
    assert found == [("钟楼", "钟楼区"), ("钟楼", "钟楼区")]


def test_area_district_short_form_in_a_municipality_is_that_district():
    text = "东城、西城两区的学校与朝阳区结对。"
    codes = _codes(text, ("北京市", "海淀区"))
    assert codes == {"东城": "110101", "西城": "110102", "朝阳区": "110105"}


# Official names missed.


def test_area_autonomous_regions_by_full_name():
    text = "广西壮族自治区教育厅与宁夏回族自治区教育厅联合印发通知。"
    assert [a for a, _ in _areas(text)] == ["广西壮族自治区", "宁夏回族自治区"]


def test_area_short_form_with_its_level_character_names_the_official_area():
    text = "恩施州和长阳县的学校结对帮扶。"
    assert _areas(text, ("湖北省", "宜昌市")) == [
        ("恩施州", "恩施土家族苗族自治州"),
        ("长阳县", "长阳土家族自治县"),
    ]


def test_area_generic_word_is_a_district_in_its_own_city():
    assert _areas("新城区教育局召开会议。", ("陕西省", "西安市")) == [("新城区", "新城区")]
    assert _areas("老城区和新城区的学校。", ("江苏省", "常州市")) == []


def test_area_development_zones_named_with_their_city_or_own_name():
    text = "郑州市郑东新区新建小学两所,高新区新建初中一所,城市新区加快建设。"
    found = _codes(text, ("河南省", "郑州市"))
    assert found == {"郑州市": "410100", "郑东新区": "410100:郑东新区", "高新区": "410172"}


def test_area_zone_written_after_its_city_short_form_is_one_name():
    text = "青岛西海岸新区教育局发布消息,西海岸新区新增学位。"
    doc = make_doc(text, ("山东省", "青岛市"))
    areas = [e for e in extract(doc).entities if e.kind == AREA]
    assert [(e.label, e.alt_labels) for e in areas] == [("西海岸新区", ("青岛西海岸新区",))]


def test_a_countys_short_form_after_its_city_is_that_county():
    # 温州|泰顺: the city written before the short form says which county it is, in a page
    # of another province's, whatever LAC reads the short form alone as (a person's name).
    text = "我校还与温州泰顺的学校结成跨地区共同体。"
    assert _areas(text, ("江苏省", "南京市")) == [("温州", "温州市"), ("泰顺", "泰顺县")]
    # the same short form opening a school's name is the school's
    assert _areas("我校还与温州泰顺中学结成共同体。", ("江苏省", "南京市")) == [("温州", "温州市")]


def test_area_regions_are_not_areas():
    assert _areas("加强与长三角地区和港澳台地区的交流。", ("江苏省", "苏州市")) == []


def test_area_place_in_a_cited_title_belongs_to_the_title():
    assert _areas("根据《浙江省教育发展规划》执行。", ("江苏省", "常州市")) == []


# Areas inside other names: kept for the graph, neutral in scoring.


def test_area_inside_a_body_name_is_kept_and_scored_neutral():
    doc = make_doc("天宁区教育局召开会议。", ("江苏省", "常州市"))
    extraction = extract(doc)
    areas = [e for e in extraction.entities if e.kind == AREA]
    assert [e.label for e in areas] == ["天宁区"]
    gold = {"organizations": ["天宁区教育局"], "areas": []}
    scores = score_quads(doc.doc_id, extraction_quads(doc, extraction), gold)
    assert (scores["areas"].correct, scores["areas"].extracted) == (0, 0)


@pytest.mark.parametrize("text", ["东湖小学与桂林路小学结对。", "长沙路小学今年招生。"])
def test_a_street_named_after_a_place_is_not_that_place(text: str):
    doc = extract(make_doc(text, chain=("浙江省", "温州市", "鹿城区")))
    assert names_of(doc, AREA) == set()


def test_a_bay_named_after_the_documents_own_city_is_not_the_city():
    doc = extract(make_doc("青禾幼儿园确认落户苏州湾,紧临湾区公园。", chain=("江苏省", "苏州市")))
    assert names_of(doc, AREA) == set()


def test_a_short_form_of_the_documents_own_city_is_the_city():
    # 长沙 is also short for 长沙县, a county inside the city.
    doc = extract(make_doc("学校组织学生赴长沙研学。", chain=("湖南省", "长沙市")))
    assert [e.label for e in doc.entities if e.kind == AREA] == ["长沙市"]


def test_area_rank_granted_to_a_zone_is_no_zone():
    # 国家经济技术开发区, 国家级高新区: the rank the zone was granted, not a zone's name.
    text = "白鹭开发区于2010年被国务院批准为国家经济技术开发区,2015年升格为国家级高新区。"
    assert _areas(text, ("辽宁省", "大连市")) == [("白鹭开发区", "白鹭开发区")]


def test_area_level_word_before_a_list_of_levels_is_generic():
    # 县(市、区) is every county, city and district: 和县 here is 和 + the generic 县.
    text = "建立校长联系机制和县(市、区)委书记述职制度,各县(区)抓好落实。"
    assert _areas(text, ("云南省", "昆明市")) == []
    # Nor does it become the document's own area.
    assert area_context(make_doc(text)).chain == ()


@pytest.mark.parametrize(
    "text",
    [
        "会议邀请了青禾市教育局、广西建设职业技术学院的代表。",  # a short form begins a college
        "广西壮族自治区人民医院派出医疗队。",  # a full name begins a hospital
        "两位教师毕业于广西师大。",  # a university's short name
    ],
)
def test_area_beginning_a_name_the_graph_leaves_out_is_no_mention(text: str):
    assert [a for a, _ in _areas(text, ("广西壮族自治区", "南宁市"))] == []


def test_area_place_before_a_verb_and_a_college_word_is_kept():
    text = "广西召开职业技术学院工作会议。"
    assert _areas(text, ("广西壮族自治区", "南宁市")) == [("广西", "广西壮族自治区")]


@pytest.mark.parametrize(
    "text",
    [
        "我县运动员在云南省第十六届运动会上夺得金牌6枚。",  # a place before the ordinal
        "深入学习第三次中央新疆工作座谈会精神。",  # a place inside the name
        "经大理州祥云县第三届人民代表大会通过。",  # every place of a compound before it
    ],
)
def test_area_in_an_events_name_is_no_mention(text: str):
    assert _areas(text, ("云南省", "大理白族自治州")) == []


def test_area_that_holds_a_numbered_meeting_is_kept():
    text = "昆明市第二次召开教育大会。"
    assert _areas(text, ("云南省", "昆明市")) == [("昆明市", "昆明市")]


def test_area_beginning_a_document_number_is_no_mention():
    text = "青禾市人民政府办公室\n白山政办发〔2022〕17号\n关于印发实施方案的通知"
    assert _areas(text, ("吉林省", "白山市")) == []


def test_area_generic_name_at_the_end_of_another_word_is_no_district():
    # 主城区 is a city's central districts, not the district 城区 of that city.
    text = "全市主城区学校布局调整,城区教育局负责实施。"
    assert _areas(text, ("山西省", "阳泉市")) == [("城区", "城区")]


def test_short_forms_listed_before_their_shared_level_character_are_areas():
    # 义乌、东阳、永康等市: the level character comes once, after the last item, and makes each
    # item a 市 (county-level cities, whose short forms alone are too ambiguous to read).
    labels = names_of(
        extract(make_doc("会议邀请义乌、东阳、永康等市教育局参加。", ("浙江省",))), AREA
    )
    assert {"义乌市", "东阳市", "永康市"} <= labels


@pytest.mark.parametrize(
    "tail", ["等4个县(市)", "等四个县市", "等县(市)"], ids=["count", "pair", "bracket"]
)
def test_a_list_of_short_forms_may_count_its_items_and_name_two_levels(tail: str):
    # 等4个县(市): the items' count, then counties and county-level cities, either level.
    text = f"此次调研覆盖龙游、江山、常山、开化{tail}的乡村学校。"
    labels = names_of(extract(make_doc(text, ("浙江省", "衢州市"))), AREA)
    assert {"龙游县", "江山市", "常山县", "开化县"} <= labels


def test_a_level_character_that_begins_a_word_ends_no_list_of_areas():
    # 区 of 区域 ("area") after 等 is no level character: 新城 names no district here.
    assert not names_of(extract(make_doc("规划范围包括南部新城等区域。", ("浙江省",))), AREA)


def test_a_short_place_name_that_names_a_road_is_no_area():
    # 乐清 is 乐清市's short form: 乐清东路 is a road, and 乐清 on its own is the city.
    doc = make_doc("新校区位于乐清东路西侧,乐清将再建两所学校。", chain=("浙江省", "温州市"))
    found = [c.start for c in find_areas(doc, area_context(doc)) if c.name == "乐清"]
    assert found == [doc.norm.index("乐清将")]


@pytest.mark.parametrize(
    "text",
    [
        "张老师获评“乐清楷模”称号。",  # an honour
        "请关注“乐清教育”公众号。",  # an account
        "全市开展“书香乐清”读书活动。",  # a brand
    ],
)
def test_a_short_place_name_inside_a_quoted_name_is_no_area(text: str):
    assert _areas(text, ("浙江省", "温州市")) == []


def test_a_short_place_name_quoted_alone_or_in_someones_words_is_an_area():
    text = "他说:“乐清这几年新建了很多学校,我们很高兴。”来自“乐清”的代表发言。"
    assert [name for name, _ in _areas(text, ("浙江省", "温州市"))] == ["乐清", "乐清"]


def test_a_town_named_in_full_that_one_town_of_the_province_bears_is_an_area():
    # 选址于某镇某社区 without its county: the name with its level (镇, 街道) that only one town
    # of the page's province bears names that town; in a page of another province it is no area.
    text = "县第二幼儿园迁往支坪镇,城南小学分校设在德感街道。"
    assert {"支坪镇", "德感街道"} <= names_of(extract(make_doc(text, chain=("重庆市",))), AREA)
    assert not names_of(extract(make_doc(text, chain=("浙江省", "温州市"))), AREA) & {"支坪镇"}


def test_short_county_names_listed_before_a_count_and_their_level_are_areas():
    # 甲、乙两区: the count and the level close a list of short names, as 等 + level does; one
    # short name before a count (鹿城二区) is no list.
    text = "省教育厅组织考察,西固、七里河两区教育局负责人参加。"
    labels = {e.label for e in extract(make_doc(text, chain=("甘肃省",))).entities}
    assert {"西固区", "七里河区"} <= labels
    assert not names_of(extract(make_doc("鹿城二区开会。", chain=("浙江省",))), AREA)


def test_a_short_form_is_the_area_the_page_writes_in_full() -> None:
    # 朝阳 names a city of one province and districts of others; the page writes 朝阳区, and
    # its short form is that district (the full name's own ambiguity resolved as it is).
    doc = make_doc("朝阳区教委公布15个学区划片表。据了解,朝阳是首次公开学区划分。")
    areas = find_areas(doc, area_context(doc))
    assert {(a.name, a.canonical) for a in areas} == {("朝阳区", "朝阳区"), ("朝阳", "朝阳区")}
