"""Entity rules on short sentences written for these tests (not from the corpus)."""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract
from loaders.extract.model import AREA, GROUP, ORG, PROGRAM, SCHOOL
from loaders.read import read_document
from tests.loaders.extract.helpers import make_doc, names_of, relations_of


def test_extract_bureau_with_place_is_education_bureau():
    ex = extract(make_doc("南京市鼓楼区教育局印发了新的通知。"))
    bureaus = [e for e in ex.entities if e.kind == ORG]
    assert [b.cls for b in bureaus] == ["EducationBureau"]
    assert "南京市鼓楼区教育局" in names_of(ex, ORG)
    assert "鼓楼区" in names_of(ex, AREA)


def test_extract_bureau_abbreviation_resolves_to_jurisdiction():
    doc = make_doc("区教育局召开会议。市教育局出席。", chain=("浙江省", "温州市", "鹿城区"))
    ex = extract(doc)
    labels = {e.label for e in ex.entities if e.kind == ORG}
    assert labels == {"鹿城区教育局", "温州市教育局"}
    assert {"区教育局", "市教育局"} <= names_of(ex, ORG)


def test_extract_short_and_full_bureau_share_one_entity():
    doc = make_doc("鹿城区教育局发文。区教育局牵头。", chain=("浙江省", "温州市", "鹿城区"))
    bureaus = [e for e in extract(doc).entities if e.kind == ORG]
    assert len(bureaus) == 1


def test_extract_group_with_lead_and_members():
    text = "由青松小学牵头,白桦小学、红杉幼儿园加入青松教育集团。"
    ex = extract(make_doc(text, chain=("浙江省", "温州市", "鹿城区")))
    assert {"青松小学", "白桦小学", "红杉幼儿园"} <= names_of(ex, SCHOOL)
    assert "青松教育集团" in names_of(ex, GROUP)
    rels = relations_of(ex)
    assert ("白桦小学", "memberOf", "青松教育集团") in rels
    assert ("红杉幼儿园", "memberOf", "青松教育集团") in rels
    assert ("青松小学", "leads", "青松教育集团") in rels


def test_extract_campus_of_school():
    ex = extract(make_doc("明远中学东校区今年秋季启用,明远中学将统一管理。"))
    campus = [e for e in ex.entities if e.cls == "Campus"]
    assert [c.label for c in campus] == ["明远中学东校区"]
    assert ("明远中学东校区", "campusOf", "明远中学") in relations_of(ex)


def test_extract_generic_school_words_are_not_schools():
    ex = extract(make_doc("加强乡镇学校建设,支持民办幼儿园发展,新建3所小学。"))
    assert names_of(ex, SCHOOL) == set()


def test_extract_programme_gloss_is_part_of_family():
    text = "继续实施“三名工程”,抓好领航计划(名校长)、启明学堂(名教师)培训。"
    ex = extract(make_doc(text, chain=("浙江省", "温州市", "鹿城区"), year=2021))
    programs = names_of(ex, PROGRAM)
    assert {"三名工程", "领航计划", "启明学堂"} <= programs
    rels = relations_of(ex)
    assert ("领航计划", "partOf", "三名工程") in rels
    assert ("启明学堂", "partOf", "三名工程") in rels


def test_extract_quoted_programme_with_suffix_drops_quotes():
    ex = extract(make_doc("全面推进“2468”工程,推广“1+X+1”育人模式。"))
    assert {"2468工程", "1+X+1育人模式"} <= names_of(ex, PROGRAM)


def test_extract_counted_slogans_are_not_programmes():
    ex = extract(make_doc("聚焦“三大发展”,落实“四大建设”。"))
    assert names_of(ex, PROGRAM) == set()


def test_extract_concept_label_links_family():
    ex = extract(make_doc("深入推进集团化办学,全面实施县管校聘改革。"))
    concepts = {e.attr("concept") for e in ex.entities if e.kind == PROGRAM}
    assert any(c and c.endswith("jituanhua-banxue") for c in concepts)
    assert any(c and c.endswith("quguan-xiaopin") for c in concepts)


def test_extract_targets_normalise_numbers():
    ex = extract(make_doc("全年投入1.2亿元。普惠率达到85%。新建幼儿园1至2所。", year=2022))
    values = {(t.value, t.unit) for t in ex.targets}
    assert {("120000000", "元"), ("85", "%"), ("1", "所")} <= values
    assert all(t.year == 2022 for t in ex.targets)


def test_extract_people_with_role():
    ex = extract(make_doc("出席会议的有副市长李明远,以及教育局局长周晓。"))
    people = {e.label: e.attr("role") for e in ex.entities if e.kind == "person"}
    assert people == {"李明远": "副市长", "周晓": "局长"}


def test_extract_citations_strip_brackets():
    ex = extract(make_doc("根据《义务教育法》和《某某市教育发展规划》执行。"))
    assert [c.title for c in ex.citations] == ["义务教育法", "某某市教育发展规划"]


def test_extract_area_codes_and_short_forms():
    ex = extract(make_doc("温州教育发展迅速,鹿城区与瓯海区携手。"))
    areas = {e.label: e.attr("code") for e in ex.entities if e.kind == AREA}
    assert areas["温州市"] == "330300"
    assert areas["鹿城区"] == "330302"


def test_a_zone_word_many_cities_share_names_the_documents_own_zone():
    # 高新区 is the short form of a zone in many cities: a body named with it belongs to the
    # zone of the document's city, or stays as written, never to another province's zone.
    text = "高新区管委会教育局负责辖区内学校的日常管理。"
    wenzhou = extract(make_doc(text, chain=("浙江省", "温州市", "鹿城区")))
    [body] = [e for e in wenzhou.entities if e.kind == ORG]
    assert body.label == "高新区管委会教育局"
    # Another city of the same province has a zone of that name: the province alone says nothing.
    nanjing = extract(make_doc(text, chain=("江苏省", "南京市")))
    [body] = [e for e in nanjing.entities if e.kind == ORG]
    assert body.label == "高新区管委会教育局"
    chengdu = extract(make_doc(text, chain=("四川省", "成都市")))
    [body] = [e for e in chengdu.entities if e.kind == ORG]
    assert body.label.startswith("成都高新技术产业开发区")


def test_a_group_is_labelled_as_the_document_writes_it():
    # X集团 and X教育集团 are one group; its label is a form the document writes.
    alone = extract(make_doc("青松中学集团新增两所成员校。"))
    assert [e.label for e in alone.entities if e.kind == GROUP] == ["青松中学集团"]
    both = extract(make_doc("青松中学集团新增两所成员校,青松中学教育集团共有五所学校。"))
    groups = [e for e in both.entities if e.kind == GROUP]
    assert [(e.label, e.alt_labels) for e in groups] == [("青松中学教育集团", ("青松中学集团",))]


def test_a_traditional_character_page_resolves_as_a_simplified_one():
    # Keys and short forms come from the simplified reading; labels stay as written.
    simplified = "浙江省温州市鹿城区青松小学师生赴港交流。鹿城区青松小学校长带队。"
    traditional = "浙江省溫州市鹿城區青松小學師生赴港交流。鹿城區青松小學校長帶隊。"
    plain = [e for e in extract(make_doc(simplified)).entities if e.kind == SCHOOL]
    written = [e for e in extract(make_doc(traditional)).entities if e.kind == SCHOOL]
    assert [e.key for e in written] == [e.key for e in plain]
    assert [(e.label, e.alt_labels) for e in written] == [
        ("浙江省溫州市鹿城區青松小學", ("鹿城區青松小學",))
    ]


def test_a_traditional_character_page_labels_a_canonical_body_in_its_characters():
    # The body's label (its area and head, written nowhere as such) takes the page's characters;
    # the area keeps the gazetteer's standard name, the written one an altLabel.
    doc = make_doc("溫州市鹿城區委書記到校調研。", chain=("浙江省", "温州市", "鹿城区"))
    entities = extract(doc).entities
    bodies = [e.label for e in entities if e.kind == ORG]
    assert bodies and all("區" in label and "区" not in label for label in bodies)
    areas = {e.label: e.alt_labels for e in entities if e.kind == AREA}
    assert "鹿城區" in areas.get("鹿城区", ())


def test_a_school_written_with_its_head_in_full_is_one_school():
    # 小学校 is 小学 written in full: 青溪小学 is an altLabel of 青溪小学校.
    extraction = extract(make_doc("青溪小学校因生源增加需新建校舍。关于青溪小学搬迁的建议已收悉。"))
    schools = [(e.label, e.alt_labels) for e in extraction.entities if e.kind == SCHOOL]
    assert schools == [("青溪小学校", ("青溪小学",))]


def test_a_programme_written_without_its_authority_and_level_is_one_programme():
    # 青禾领航工程 and 教育部青禾领航工程 are 教育部中小学青禾领航工程 with generic words left out.
    text = (
        "我校校长入选教育部中小学青禾领航工程。教育部青禾领航工程为期三年,"
        "实施青禾领航工程,组织学员赴外地跟岗学习。"
    )
    programmes = [e for e in extract(make_doc(text)).entities if e.kind == PROGRAM]
    assert [(e.label, e.alt_labels) for e in programmes] == [
        ("教育部中小学青禾领航工程", ("教育部青禾领航工程", "青禾领航工程"))
    ]


def test_a_family_label_stays_the_name_its_longer_forms_resolve_to():
    text = "全面推进教育集团化办学,深化集团化办学改革。"
    programmes = [e for e in extract(make_doc(text)).entities if e.kind == PROGRAM]
    assert [e.label for e in programmes] == ["集团化办学"]


def test_the_group_running_family_written_after_a_stage_of_education_is_its_own_label():
    # 义务教育集团化办学: the stage's 教育 does not make a longer name; the programme is
    # 集团化办学, as ANNOTATION.md lists it, even where the bare label is not written.
    text = "全县推进义务教育集团化办学,各乡镇学校均已加入。"
    programmes = [e for e in extract(make_doc(text)).entities if e.kind == PROGRAM]
    assert [e.label for e in programmes] == ["集团化办学"]


def test_the_party_by_its_name_is_a_body_but_not_inside_a_committee_or_title():
    # 加入中国共产党 names the party, as 党中央 does; 中国共产党某某市委员会 is the committee
    # (its own body), and 《中国共产党章程》 a title the party issued.
    text = "青禾中学有12名学生加入中国共产党。中国共产党温州市委员会召开全会。各校学习《中国共产党章程》。"
    orgs = names_of(extract(make_doc(text)), ORG)
    assert "中国共产党" in orgs
    assert any(name.endswith("委员会") or name.endswith("市委") for name in orgs)
    doc = extract(make_doc("各校组织学习《中国共产党章程》。"))
    assert "中国共产党" not in names_of(doc, ORG)


def test_a_banners_bodies_are_named_by_the_level_character_travelling_with_it():
    # 旗 is Inner Mongolia's county: 旗委, 旗人民政府, 旗财政局 are the page's own banner's bodies,
    # as 县委 and 县财政局 are a county's; 红旗, 旗下 stay everyday words.
    chain = ("内蒙古自治区", "鄂尔多斯市", "伊金霍洛旗")
    text = "根据旗委、旗人民政府部署,旗财政局会同旗教育体育局发文。集团旗下学校参加。"
    found = extract(make_doc(text, chain=chain))
    labels = {e.label for e in found.entities if e.kind == ORG}
    assert {
        "伊金霍洛旗委",
        "伊金霍洛旗人民政府",
        "伊金霍洛旗财政局",
        "伊金霍洛旗教育体育局",
    } <= labels
    assert not any(label.startswith("集团") for label in labels)


def test_a_committee_and_government_written_as_one_phrase_are_no_one_body():
    # 县委政府 (县委、县政府): the county's committee is named; no body 县委政府 exists.
    found = extract(make_doc("县委政府高度重视教育工作,各级党委政府加大投入。"))
    labels = {e.label for e in found.entities if e.kind == ORG}
    assert not any(label.endswith("委政府") for label in labels)
    assert "县委" in labels


def test_extract_name_printed_with_pinyin_glosses_is_one_entity_with_the_printed_form(
    tmp_path: Path,
):
    # A site's converter prints readings after characters (學(xué)); the page's own string for a
    # school is then 青禾中學(xué), the name 青禾中學: one entity, labelled without the glosses.
    path = tmp_path / "glossed.txt"
    path.write_text(
        "鹿城區(qū)教育局關(guān)于公布青禾中學(xué)新校區(qū)啟用的通知\n"
        "青禾中學(xué)新校區(qū)將於9月啟用,鹿城區(qū)教育局負責統籌。青禾中學(xué)招生300人。\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    ex = extract(doc)
    school = next(e for e in ex.entities if e.kind == SCHOOL and e.label == "青禾中學")
    assert "青禾中學(xué)" in school.alt_labels
    bureau = next(e for e in ex.entities if e.kind == ORG)
    assert bureau.label == "鹿城區教育局" and "鹿城區(qū)教育局" in bureau.alt_labels
    # offsets and quotes cite the text the graph stores, which has no glosses
    for m in ex.mentions:
        assert "(" not in m.quote and doc.text[m.start : m.end] in m.quote
