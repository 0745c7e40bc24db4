"""Relation rules: member lists, heading lists, leads, participation, locatedIn, partOf, people."""

from __future__ import annotations

from loaders.extract import extract
from tests.loaders.extract.helpers import make_doc, relations_of


def _relations(text: str, chain: tuple[str, ...] = ()) -> set[tuple[str, str, str]]:
    return relations_of(extract(make_doc(text, chain)))


def test_member_list_after_group_with_membership_word():
    found = _relations("青松教育集团成员校包括白桦小学、红杉小学和银杏小学。")
    assert {
        ("白桦小学", "memberOf", "青松教育集团"),
        ("红杉小学", "memberOf", "青松教育集团"),
        ("银杏小学", "memberOf", "青松教育集团"),
    } <= found


def test_member_list_before_group_with_forming_verb():
    found = _relations("将白桦小学、红杉小学划入青松教育集团。")
    assert ("白桦小学", "memberOf", "青松教育集团") in found
    assert ("红杉小学", "memberOf", "青松教育集团") in found


def test_member_list_that_joins_the_group_its_sentence_is_about():
    for text in (
        "以青松教育集团为例,集团由青松小学牵头,吸收白桦小学、红杉小学两所学校加入,统一管理。",
        "青松教育集团成立后,白桦小学、红杉小学先后加入。",
    ):
        found = _relations(text)
        assert {(s, "memberOf", "青松教育集团") for s in ("白桦小学", "红杉小学")} <= found


def test_group_made_of_a_list_with_or_without_a_count():
    for text in (
        "青松教育集团由白桦中学、红杉中学、银杏中学3所中学组成,白桦中学校长任总校长。",
        "青松教育集团由白桦中学、红杉中学和银杏中学共同组成。",
        "青松教育集团由白桦中学、红杉中学、银杏中学等2所中学、1所小学组成。",
    ):
        found = _relations(text)
        assert {
            (s, "memberOf", "青松教育集团") for s in ("白桦中学", "红杉中学", "银杏中学")
        } <= found


def test_list_labelled_as_members_joins_the_group_of_its_sentence():
    found = _relations("以白桦小学为龙头,红杉小学、银杏小学为成员校,组建青松教育集团。")
    assert ("白桦小学", "leads", "青松教育集团") in found
    assert ("红杉小学", "memberOf", "青松教育集团") in found
    assert ("银杏小学", "memberOf", "青松教育集团") in found
    found = _relations("青松教育集团共有红杉小学、银杏小学两所成员校。")
    assert ("红杉小学", "memberOf", "青松教育集团") in found


def test_a_school_before_a_verb_of_composition_is_not_glued_to_it():
    # 小学组 is a word, but 组成 is a commoner one: 银杏小学 ends before 组成.
    found = _relations("白桦小学与红杉小学、银杏小学组成青松教育集团。")
    assert ("银杏小学", "memberOf", "青松教育集团") in found


def test_partner_school_of_a_signing_is_not_a_member():
    found = _relations("区政府与白桦中学举行签约仪式,宣布组建白桦中学江湾教育集团。")
    assert not {r for r in found if r[1] == "memberOf"}


def test_leading_school_leads_and_is_a_member_too():
    # ANNOTATION.md: memberOf includes lead schools when the text gives their role.
    found = _relations("青松教育集团以白桦中学为龙头,成员单位为——红杉中学、银杏中学。")
    assert ("白桦中学", "leads", "青松教育集团") in found
    assert ("白桦中学", "memberOf", "青松教育集团") in found
    assert ("红杉中学", "memberOf", "青松教育集团") in found


def test_heading_list_ends_at_a_long_line():
    text = (
        "青松教育集团\n\n●白桦中学\n\n●红杉中学\n\n"
        "这一段是很长的一行正文说明文字,与上面的名单没有关系,并且超过了二十个字。\n\n●银杏中学\n"
    )
    found = _relations(text)
    assert ("白桦中学", "memberOf", "青松教育集团") in found
    assert ("银杏中学", "memberOf", "青松教育集团") not in found


def test_located_in_only_where_the_text_says_so():
    found = _relations("位于鹿城区2所:白桦小学和红杉小学;银杏小学在龙湾区。")
    assert ("白桦小学", "locatedIn", "鹿城区") in found
    assert ("红杉小学", "locatedIn", "鹿城区") in found
    assert not any(r[0] == "银杏小学" and r[1] == "locatedIn" for r in found)


def test_bureau_located_in_the_area_of_its_name():
    assert ("鹿城区教育局", "locatedIn", "鹿城区") in _relations("鹿城区教育局印发通知。")


def test_participation_from_selection_verb():
    found = _relations("白桦小学入选“慧心课堂”建设工程。")
    assert ("白桦小学", "participatesIn", "慧心课堂建设工程") in found


def test_person_affiliated_with_body_before_role():
    found = _relations("鹿城区人民政府副区长李建国出席。")
    assert ("李建国", "affiliatedWith", "鹿城区人民政府") in found


def test_every_relation_carries_sentence_and_method():
    extraction = extract(
        make_doc("青松教育集团成员校包括白桦小学、红杉小学。鹿城区教育局局长王晓红出席。")
    )
    assert extraction.relations
    for relation in extraction.relations:
        assert relation.evidence.quote
        assert relation.method.startswith("relations.")


def test_every_school_of_a_leading_list_leads_what_the_lead_word_introduces():
    found = _relations("依托青松教育集团、白桦教育集团领衔的“书香校园工程”建设,推进课程共建。")
    assert ("青松教育集团", "leads", "书香校园工程") in found
    assert ("白桦教育集团", "leads", "书香校园工程") in found
    assert ("白桦教育集团", "leads", "青松教育集团") not in found


def test_a_later_clause_without_a_subject_puts_the_school_into_the_group():
    found = _relations("青松小学今年完成改扩建,并加入白桦教育集团。")
    assert ("青松小学", "memberOf", "白桦教育集团") in found


def test_a_demonstrative_in_the_next_sentence_points_back_to_the_school():
    found = _relations("青松小学今年完成改扩建。该校将纳入白桦教育集团。")
    assert ("青松小学", "memberOf", "白桦教育集团") in found


def test_a_left_out_subject_in_the_next_sentence_is_not_guessed():
    # The school of the next sentence may be one the extractor did not see.
    found = _relations("青松小学将承办一所新学校。建成后纳入白桦教育集团。")
    assert not {r for r in found if r[1] == "memberOf"}


def test_two_schools_before_a_later_clause_are_not_guessed_between():
    found = _relations("青松小学与红杉小学分别完成改扩建,白桦小学随后加入白桦教育集团。")
    members = {r[0] for r in found if r[1] == "memberOf"}
    assert members <= {"白桦小学"}


def test_rows_of_a_group_table_give_each_groups_lead_and_members():
    text = (
        "各教育集团名单如下。\n"
        "序号\t集团名称\t牵头学校\t成员学校\n"
        "1\t青松教育集团\t青松小学\t白桦小学、红杉小学\n"
        "2\t银杏教育集团\t银杏中学\t梧桐中学\n"
        "以上名单自公布之日起施行。\n"
    )
    found = _relations(text)
    assert {
        ("青松小学", "leads", "青松教育集团"),
        ("青松小学", "memberOf", "青松教育集团"),
        ("白桦小学", "memberOf", "青松教育集团"),
        ("红杉小学", "memberOf", "青松教育集团"),
        ("银杏中学", "memberOf", "银杏教育集团"),
        ("梧桐中学", "memberOf", "银杏教育集团"),
    } <= found
    assert ("梧桐中学", "memberOf", "青松教育集团") not in found


def test_a_table_without_a_group_column_links_nothing():
    text = "序号\t学校名称\t地址\n1\t白桦小学\t城东路1号\n2\t红杉小学\t城西路2号\n"
    assert not {r for r in _relations(text) if r[1] == "memberOf"}


def test_a_table_naming_each_schools_group_makes_it_a_member():
    text = "学校名称\t所属教育集团\n白桦小学\t青松教育集团\n梧桐中学\t银杏教育集团\n"
    found = _relations(text)
    assert ("白桦小学", "memberOf", "青松教育集团") in found
    assert ("梧桐中学", "memberOf", "银杏教育集团") in found
    assert ("白桦小学", "memberOf", "银杏教育集团") not in found


def test_a_member_column_named_after_the_group_is_a_member_column():
    text = "集团名称\t集团成员学校\n青松教育集团\t白桦小学、红杉小学\n"
    found = _relations(text)
    assert ("红杉小学", "memberOf", "青松教育集团") in found


def test_a_campus_named_with_its_groups_short_head_is_its_member():
    # 青实集团 is the group's name with its head shortened (X集团 = X教育集团) and its school
    # abbreviated; the campus is named after it.
    text = (
        "青田实验小学教育集团新增一所成员校。青实教育集团开展联合教研。青实集团松台校区今年改造。"
    )
    assert ("青实集团松台校区", "memberOf", "青田实验小学教育集团") in relations_of(
        extract(make_doc(text))
    )


def test_several_lead_schools_lead_the_groups_named_after_them():
    # 以A、B、C为龙头,组建X、Y: no group goes to the nearest school; a group named after a
    # school is led by it, and the others get no leader.
    text = (
        "今年以来,全区以青田县第一中学、青田县松台小学、青田县实验幼儿园为龙头,"
        "组建青田一中鹤城教育集团、松台小学教育集团等5个教育集团。"
    )
    found = relations_of(extract(make_doc(text)))
    leads = {(s, o) for s, p, o in found if p == "leads"}
    assert leads == {("青田县松台小学", "松台小学教育集团")}


def test_schools_listed_by_their_role_after_a_group_are_its_members():
    rels = _relations(
        "本学期,青枫教育集团,牵头学校白鹭小学,合作学校青枫小学;"
        "南浦教育集团,牵头学校南浦小学,协作校东湖小学。"
    )
    assert {
        ("白鹭小学", "memberOf", "青枫教育集团"),
        ("青枫小学", "memberOf", "青枫教育集团"),
        ("南浦小学", "memberOf", "南浦教育集团"),
        ("东湖小学", "memberOf", "南浦教育集团"),
    } <= rels
    assert ("东湖小学", "memberOf", "青枫教育集团") not in rels


def test_a_member_list_after_the_groups_lead_in_one_clause_joins_the_group():
    rels = _relations(
        "经研究,同意组建“青枫幼儿园教育集团”,牵头单位为青枫幼儿园,"
        "由其负责集团日常管理、教研活动和师资培训的统筹安排,成员单位有:"
        "白鹭幼儿园、南浦幼儿园、东湖幼儿园、西山幼儿园。"
    )
    assert {
        ("白鹭幼儿园", "memberOf", "青枫幼儿园教育集团"),
        ("西山幼儿园", "memberOf", "青枫幼儿园教育集团"),
    } <= rels


def test_rows_under_a_numbered_group_heading_labelled_lead_and_members():
    # (一)某学区 / 牵头学校:甲 / 成员学校:乙、丙: the rows' labels give each school's role (a
    # 学区's members are inDistrict: it is a school district, not an education group).
    text = (
        "青禾市主城区学区调整\n\n(一)白鹭小学学区\n\n牵头学校:白鹭小学\n\n"
        "成员学校:白鹭小学东风分校、兴华小学、青松学校\n\n"
        "(二)南浦中学学区\n\n牵头学校:南浦中学\n\n成员学校:红星小学、柏林小学\n"
    )
    found = _relations(text)
    assert {
        ("白鹭小学", "leads", "白鹭小学学区"),
        ("白鹭小学", "inDistrict", "白鹭小学学区"),
        ("白鹭小学东风分校", "inDistrict", "白鹭小学学区"),
        ("兴华小学", "inDistrict", "白鹭小学学区"),
        ("青松学校", "inDistrict", "白鹭小学学区"),
        ("南浦中学", "leads", "南浦中学学区"),
        ("红星小学", "inDistrict", "南浦中学学区"),
        ("柏林小学", "inDistrict", "南浦中学学区"),
    } <= found
    # Each row belongs to the heading above it only.
    assert ("红星小学", "inDistrict", "白鹭小学学区") not in found


def test_a_campus_a_school_led_group_names_is_its_lead_schools():
    # 某小学教育集团某校区: the campus of the school the group is named by, which is listed
    # (ANNOTATION.md) even where only the campus's name gives it; written with its city
    # elsewhere, the school is the same one.
    found = _relations(
        "今年秋季,白鹭小学教育集团东湖校区正式启用,白鹭小学教育集团(南湖校区)同时启用。"
    )
    assert {
        ("白鹭小学教育集团东湖校区", "campusOf", "白鹭小学"),
        ("白鹭小学教育集团东湖校区", "memberOf", "白鹭小学教育集团"),
        ("白鹭小学教育集团(南湖校区)", "campusOf", "白鹭小学"),
    } <= found
    found = _relations("温州市人民路小学今年扩建。人民路小学教育集团东湖校区正式启用。")
    assert ("人民路小学教育集团东湖校区", "campusOf", "温州市人民路小学") in found
    # A group named without a school names no lead school.
    assert not any(p == "campusOf" for _, p, _ in _relations("青禾教育集团东湖校区正式启用。"))


def test_a_schools_division_is_no_campus_of_it():
    # 某学校小学部: a division of one school, listed as a school, with no campusOf; a campus is.
    found = _relations("青禾学校小学部和青禾学校东湖校区今年招生。")
    assert ("青禾学校东湖校区", "campusOf", "青禾学校") in found
    assert not any(s == "青禾学校小学部" and p == "campusOf" for s, p, _ in found)
