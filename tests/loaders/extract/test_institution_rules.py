"""School, group and area rules on short sentences written for these tests (not corpus text)."""

from __future__ import annotations

from loaders.extract import extract
from loaders.extract.model import AREA, GROUP, SCHOOL
from loaders.extract.rdf import entity_iri_value
from loaders.extract.schools import is_specific, trim_left
from loaders.identifiers import entity_iri
from tests.loaders.extract.helpers import make_doc, names_of, relations_of

CHAIN = ("浙江省", "温州市", "鹿城区")


def test_school_name_starts_after_a_verb():
    ex = extract(make_doc("今年引进青松实验学校,由市直学校托管。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == {"青松实验学校"}


def test_a_joint_primary_school_is_named_by_its_short_kind_as_a_joint_secondary_is():
    # 联小 (联合小学, 联办小学) is to a primary school what 联中 is to a secondary one.
    text = "白鹭镇常马中心小学、青禾联小、南浦联中等学校参加了比赛。"
    assert {"白鹭镇常马中心小学", "青禾联小", "南浦联中"} <= names_of(
        extract(make_doc(text)), SCHOOL
    )


def test_a_school_that_opens_a_campus_names_no_campus():
    # 启用新校区: the school does something to a campus; a road's campus is named by the road.
    text = (
        "温州市实验学校青禾高级中学启用新校区\n"
        "日前,温州市实验学校青禾高级中学举行新校启用仪式。白鹭小学建成校区一座。"
        "南浦中学建设路校区开学。"
    )
    schools = names_of(extract(make_doc(text)), SCHOOL)
    assert {"温州市实验学校青禾高级中学", "白鹭小学", "南浦中学建设路校区"} <= schools
    assert not any("启用" in s or "建成" in s for s in schools)


def test_generic_heads_are_not_schools():
    text = "打造国际一流学校,集团内学校共享资源,直属学校统一招生,每一所学校都有特色。"
    assert names_of(extract(make_doc(text, chain=CHAIN)), SCHOOL) == set()


def test_capacity_phrases_are_not_schools():
    text = "新建3轨18班小学和6轨36班初中,新添4所学校。"
    assert names_of(extract(make_doc(text, chain=CHAIN)), SCHOOL) == set()


def test_through_train_descriptor_is_not_part_of_the_name():
    ex = extract(make_doc("新建的九年一贯制白鹭路学校秋季招生。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == {"白鹭路学校"}


def test_ordinal_shorthand_of_plenary_sessions_is_not_a_school():
    ex = extract(make_doc("学习十九届二中、三中及四中全会精神。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == set()


def test_parenthesised_campus_keeps_its_school():
    ex = extract(make_doc("年内竣工温州市青松中学(北校区)。", chain=CHAIN))
    assert {"温州市青松中学", "温州市青松中学(北校区)"} <= names_of(ex, SCHOOL)


def test_a_share_of_the_schools_names_none():
    # 超七成学校: more than seven tenths of the schools; 九成 alone opens a town's name.
    assert not is_specific("超七成学校", 2)
    assert not is_specific("八成以上幼儿园", 3)
    assert is_specific("九成宫镇中心小学", 2)


def test_the_provinces_own_school_of_a_kind_is_a_short_form_name():
    # 省实验小学: the province's experimental primary school, as 县实验小学 is the county's.
    ex = extract(make_doc("省实验小学今年新增班级8个。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == {"省实验小学"}


def test_a_schools_main_site_is_the_school_itself():
    # 本部 after a school's name is that school's own site, no campus of its own; after a
    # group's name it is the group's lead school, a name.
    text = "初三学生秋季回到温州市青松中学本部上课,学校校本部另建体育馆。"
    assert names_of(extract(make_doc(text, chain=CHAIN)), SCHOOL) == {"温州市青松中学"}
    ex = extract(make_doc("白鹭教育集团本部与南浦分校结对。", chain=CHAIN))
    assert "白鹭教育集团本部" in names_of(ex, SCHOOL)


def test_school_inside_a_group_name_is_not_a_school_mention():
    ex = extract(make_doc("成立青松中学教育集团。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == set()
    assert names_of(ex, GROUP) == {"青松中学教育集团"}


def test_short_school_name_joins_its_place_prefixed_form():
    ex = extract(make_doc("温州市白鹭中学扩建。白鹭中学将新增学位。", chain=CHAIN))
    schools = [e for e in ex.entities if e.kind == SCHOOL]
    assert [(s.label, s.alt_labels) for s in schools] == [("温州市白鹭中学", ("白鹭中学",))]


def test_group_name_starts_after_a_function_word():
    ex = extract(make_doc("依托温州市青松教育联盟开展教研,新教师以集团名义招聘。", chain=CHAIN))
    assert names_of(ex, GROUP) == {"温州市青松教育联盟"}


def test_group_of_a_school_kind_is_not_a_group():
    ex = extract(make_doc("全区3大小学教育集团开展活动。", chain=CHAIN))
    assert names_of(ex, GROUP) == set()


def test_generic_place_words_and_word_endings_are_not_areas():
    ex = extract(make_doc("建强中心城区,推动示范县创建。", chain=CHAIN))
    assert names_of(ex, AREA) == set()


def test_place_inside_a_cited_title_is_not_an_area():
    ex = extract(make_doc("根据《江苏省教育发展规划》执行。", chain=CHAIN))
    assert "江苏省" not in names_of(ex, AREA)


def test_entity_iri_value_matches_identifiers():
    for kind, key in (("school", " “城东”小学"), ("mention", "abc:1:2:school:x")):
        assert entity_iri_value(kind, key) == entity_iri(kind, key).value


def _orgs(text: str, chain: tuple[str, ...]) -> dict[str, set[str]]:
    ex = extract(make_doc(text, chain=chain))
    return {e.label: set(e.alt_labels) for e in ex.entities if e.kind == "org"}


def test_city_government_of_a_county_level_city_is_the_city_itself():
    orgs = _orgs("市委、市政府高度重视教育工作。", ("浙江省", "温州市", "瑞安市"))
    assert orgs["瑞安市人民政府"] == {"市政府"}
    assert "温州市人民政府" not in orgs


def test_district_government_in_a_district_document():
    orgs = _orgs("区委、区政府高度重视教育工作。", CHAIN)
    assert orgs["鹿城区人民政府"] == {"区政府"}


def test_a_street_office_the_gazetteer_lacks_keeps_the_streets_own_name():
    # 海棠 is also a district's short name (海棠区), but 海棠街道 is a street of its own.
    orgs = _orgs("海棠街道办事处、五马街道办事处联合开展活动。", CHAIN)
    assert "海棠街道办事处" in orgs
    assert not any(name.startswith("海棠区") for name in orgs)


def test_town_bodies_take_the_town_name():
    orgs = _orgs("五马街道党委、街道办事处联合出台方案。", CHAIN)
    assert "五马街道党委" in orgs
    orgs = _orgs("藤桥镇党委、镇政府联合出台方案。", CHAIN)
    assert "藤桥镇党委" in orgs
    assert orgs["藤桥镇人民政府"] == {"镇政府"}


def test_a_town_body_keeps_the_county_written_before_it():
    orgs = _orgs("鹿城区藤桥镇党委研究了校舍安全。", CHAIN)
    assert orgs["藤桥镇党委"] == {"鹿城区藤桥镇党委"}


def test_development_zone_bureau_and_its_abbreviation_are_one_body():
    orgs = _orgs("昨天温州经济技术开发区教育局揭牌,经开区教育局负责人介绍。", ("浙江省", "温州市"))
    assert orgs["温州经济技术开发区教育局"] == {"经开区教育局"}


def test_named_new_area_bureau_after_a_city():
    orgs = _orgs("温州瓯江新区教育文体局:", ("浙江省", "温州市"))
    assert "温州瓯江新区教育文体局" in orgs


def test_names_sharing_one_suffix_are_each_a_school():
    ex = extract(make_doc("做好白鹭、青枫(暂定名)幼儿园立项工作。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == {"白鹭幼儿园", "青枫幼儿园"}


def test_kinds_of_school_in_a_list_are_not_names():
    ex = extract(make_doc("全区中小学、幼儿园要落实安全责任。", chain=CHAIN))
    assert names_of(ex, SCHOOL) == set()


def test_numbered_shorthand_merges_with_the_full_form_written():
    ex = extract(make_doc("鹿城区第二中学今年扩招,鹿城二中新增6个班。", chain=CHAIN))
    labels = {e.label: set(e.alt_labels) for e in ex.entities if e.kind == SCHOOL}
    assert labels == {"鹿城区第二中学": {"鹿城二中"}}


def test_numbered_shorthand_of_a_city_without_the_full_form():
    ex = extract(make_doc("温州二中今年扩招。", chain=CHAIN))
    assert "温州市第二中学" in names_of(ex, SCHOOL)


def test_initialism_of_a_written_school_names_its_group_and_campus():
    text = "瓯海星河中学教育集团在瓯海星河中学成立。瓯星仙岩分校、瓯星教育集团同日揭牌。"
    ex = extract(make_doc(text, chain=CHAIN))
    assert names_of(ex, GROUP) == {"瓯海星河中学教育集团", "瓯星教育集团"}
    assert ("瓯星仙岩分校", "campusOf", "瓯海星河中学") in relations_of(ex)
    labels = {e.label: set(e.alt_labels) for e in ex.entities if e.kind == SCHOOL}
    assert "瓯星" in labels["瓯海星河中学"]


def test_abbreviation_the_document_defines():
    text = "温州市青枫实验中学(以下简称青中)牵头组建温州市青枫实验中学教育集团。青中教育集团现有4所学校。"
    ex = extract(make_doc(text, chain=CHAIN))
    groups = {e.label: set(e.alt_labels) for e in ex.entities if e.kind == GROUP}
    assert groups == {"温州市青枫实验中学教育集团": {"青中教育集团"}}


def test_a_short_form_defined_after_a_colon_is_the_groups_alternative_label():
    # 以下简称:S, and a lead school whose name holds 教师 (a teachers' college's school).
    text = (
        "鹿城区教师进修学院附属小学教育集团(以下简称:进修附小集团)今天签约。"
        "进修附小集团将新增两所成员校。"
    )
    ex = extract(make_doc(text, chain=CHAIN))
    groups = {e.label: set(e.alt_labels) for e in ex.entities if e.kind == GROUP}
    assert groups == {"鹿城区教师进修学院附属小学教育集团": {"进修附小集团"}}


def test_a_school_keeps_the_places_it_is_written_with_in_full():
    # The fullest form the page writes (ANNOTATION.md): the model would take the name without
    # its province, a short form of the one written first.
    text = "温州市鹿城区青禾中学创办于1985年。浙江省温州市鹿城区青禾中学现有教师120人。"
    ex = extract(make_doc(text, chain=CHAIN))
    schools = {e.label: set(e.alt_labels) for e in ex.entities if e.kind == SCHOOL}
    assert schools == {"浙江省温州市鹿城区青禾中学": {"温州市鹿城区青禾中学"}}


def test_a_place_that_jiebas_dictionary_tags_a_verb_still_opens_a_school_name():
    # jieba tags 硚口区 (a district of 武汉) a verb: no predicate ends before the place (长丰, a
    # county's name too).
    ex = extract(make_doc("硚口区长丰路小学今年秋季开学。", chain=("湖北省", "武汉市")))
    assert names_of(ex, SCHOOL) == {"硚口区长丰路小学"}


def test_a_function_character_that_opens_a_word_of_the_name_is_kept():
    # 对 opens 对外 there (a university's affiliated school), as 和 opens 和平: no preposition.
    assert trim_left("对外经济学院附属中学", 2) == 0
    assert trim_left("在青禾小学", 2) == 1


def test_a_verb_after_a_whole_school_name_begins_a_clause_not_a_longer_name():
    # 鹿城区第一中学 签订 联校协议: the school signs; 联校 heads no name that holds the verb.
    text = "鹿城区第二中学、鹿城区第一中学签订联校共建协议。"
    assert names_of(extract(make_doc(text, chain=CHAIN)), SCHOOL) == {
        "鹿城区第二中学",
        "鹿城区第一中学",
    }


def test_a_school_head_inside_a_qing_school_type_names_no_school():
    # 中学堂 is one word, the late-Qing school type: 青禾中学 is not named by 青禾中学堂.
    doc = extract(make_doc("青禾中学堂旧址位于城东,1906年由知府主持修建。"))
    assert names_of(doc, SCHOOL) == set()


def test_a_position_verb_before_a_school_is_no_part_of_its_name():
    # 现任, 曾任, 兼任 … ("now serves as"): the verb of a person's post, as 担任 is; the school
    # whose post it is begins after it.
    text = "王芳现任鹿城区第八十中学校长,曾任鹿城区青禾小学党委书记。"
    assert names_of(extract(make_doc(text)), SCHOOL) == {"鹿城区第八十中学", "鹿城区青禾小学"}


def test_a_one_figure_numbered_school_before_one_of_its_parts_is_named():
    # 三中 alone may be a plenary session (十九届三中全会); before its own building or division
    # (三中教学楼, 五中初中部) the number names a school, as two figures (二十三中) always do.
    text = "资金用于白鹭小学的改造和三中教学楼的维修,五中初中部迁入新址。学习十九届三中全会精神。"
    assert names_of(extract(make_doc(text)), SCHOOL) >= {"三中", "五中"}
    assert "三中全会" not in names_of(extract(make_doc(text)), SCHOOL)


def test_a_verb_of_enrolling_before_a_school_is_no_part_of_its_name():
    # 入读, 升入, 转入 ("enrol at, go on to"): the pupil's verb, as 就读 is.
    text = "学生可就近入读鹿城区红旗小学(白鹭教育集团红旗校区)。"
    assert "鹿城区红旗小学" in names_of(extract(make_doc(text)), SCHOOL)
