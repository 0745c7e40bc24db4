"""Programme rules on short sentences written for these tests (not from any corpus)."""

from __future__ import annotations

import pytest

from loaders.extract import extract, rule_candidates
from loaders.extract.areas import area_context
from loaders.extract.concepts import concept_for, family_label, programme_names
from loaders.extract.model import PROGRAM
from loaders.extract.names import programme_start
from loaders.extract.programs import is_generic, strip_edition
from loaders.extract.sentences import split_sentences
from tests.loaders.extract.helpers import make_doc, names_of, relations_of

CHAIN = ("浙江省", "温州市", "鹿城区")


def programs_in(text: str, **kwargs) -> set[str]:  # noqa: ANN003
    return names_of(extract(make_doc(text, **kwargs)), PROGRAM)


def program_entities(text: str, **kwargs):  # noqa: ANN003, ANN201
    return [e for e in extract(make_doc(text, **kwargs)).entities if e.kind == PROGRAM]


# Boundaries: where a name begins.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("区教育局谋划青松少年成长工程。", "青松少年成长工程"),
        ("今年启动白鹭教师研修工程。", "白鹭教师研修工程"),
        ("各校开设晨光讲堂,每月一次。", "晨光讲堂"),
        ("持续推进山海儿童身心健康工程。", "山海儿童身心健康工程"),
        ("启动校园饮食品质促进行动。", "校园饮食品质促进行动"),
        ("实施民办教育规范管理工程。", "民办教育规范管理工程"),
        ("开展党的全面领导引领行动。", "党的全面领导引领行动"),
    ],
)
def test_programme_name_starts_after_the_introducing_verb(text: str, name: str):
    assert name in programs_in(text)


def test_programme_start_keeps_a_word_that_begins_with_a_function_character():
    text = "抓好松柏计划(名教师)、向阳花计划(名班主任)培训。"
    assert {"松柏计划", "向阳花计划"} <= programs_in(text)


def test_programme_start_refuses_a_suffix_after_a_function_word():
    assert programme_start("工作都按计划", 4, 0) is None
    assert programs_in("各项工作都按计划如期推进,新建工程按计划完成。") == set()


def test_programme_quote_marks_where_the_name_begins():
    names = programs_in("结合市“七个一”工程评比,强化学校体育“三个一百”工程建设。")
    assert {"七个一工程", "三个一百工程"} <= names
    assert not any(n.startswith(("市", "学校体育")) for n in names)


def test_programme_edition_prefix_is_dropped_except_for_plans():
    assert strip_edition("第三届金桂讲坛", "讲坛") == "金桂讲坛"
    assert strip_edition("首期青苗研修班", "研修班") == "青苗研修班"
    assert strip_edition("第三期学前教育行动计划", "行动计划") == "第三期学前教育行动计划"
    names = programs_in("举办第三届“金桂讲坛”。落实第三期学前教育行动计划。")
    assert {"金桂讲坛", "第三期学前教育行动计划"} <= names


def test_programme_research_title_keeps_its_based_on_clause():
    # The rule reads the title whole; the model may take it or leave it, never cut.
    text = "推进区域基于数字画像与学习分析的精准教学项目。"
    doc = make_doc(text)
    found, _ = rule_candidates(doc, split_sentences(doc), area_context(doc))
    rules = {c.name for c in found if c.kind == PROGRAM}
    assert "基于数字画像与学习分析的精准教学项目" in rules
    assert programs_in(text) <= {"基于数字画像与学习分析的精准教学项目"}
    title = "开展基于数字画像与学习分析的精准教学项目研究,形成典型案例。"
    assert "数字画像与学习分析的精准教学项目" not in programs_in(title)


def test_programme_numbered_heading_is_not_part_of_the_name():
    assert "青禾阅读推广工程" in programs_in("3.青禾阅读推广工程。开展读书月活动。")


# Quoted names and slogans.


def test_programme_quoted_slogans_are_not_programmes():
    assert programs_in("以“人人出彩,处处课堂”为发展愿景。") == set()
    assert programs_in("坚持以“和美共生”为办学理念。") == set()
    assert programs_in("以“课程+平台”为实施路径。") == set()


def test_programme_quoted_numbers_and_periods_are_not_programmes():
    assert programs_in("全面推进“2468”集团联盟。") == set()
    assert programs_in("实施“十四五”规划的关键一年。") == set()


def test_programme_quoted_title_sought_is_not_a_programme():
    assert programs_in("全力创建“省级平安校园示范区”。") == set()


def test_programme_quoted_name_with_generic_head_keeps_the_quoted_part():
    names = programs_in("继续实施“银杏公益助学”项目,落实“一周一查”工作机制。")
    assert "一周一查" in names
    assert "一周一查工作机制" not in names


def test_programme_quoted_name_before_project_is_named_with_it():
    # …项目 with a proper name is a programme's name (ANNOTATION.md), quoted or not, as
    # “X”工程 is; the quoted part alone is not written anywhere else, so it is no altLabel.
    labels = {e.label: e.alt_labels for e in program_entities("继续实施“白鹭助学”项目。")}
    assert labels == {"白鹭助学项目": ()}


def test_programme_project_stem_written_alone_is_its_altlabel():
    [entity] = program_entities(
        "青枫镇实施城乡共读项目已有三年。今年青枫镇全面推开城乡共读,覆盖全部村小。"
    )
    assert (entity.label, entity.alt_labels) == ("城乡共读项目", ("城乡共读",))
    # Written only before 项目, the stem is no short form of its own.
    [entity] = program_entities("青枫镇实施城乡共读项目已有三年,城乡共读项目覆盖全部村小。")
    assert entity.alt_labels == ()


def test_programme_family_label_names_it_before_results_and_funds():
    # A family's own label is the programme's name whatever noun follows it (its results, its
    # funds); only a school or honour named after it, or a word it is part of, stops it.
    assert programs_in("各校认真总结党纪学习教育成果,用好双减专项经费。") == {
        "党纪学习教育",
        "双减",
    }


def test_programme_after_a_local_deictic_begins_after_it():
    # 本地 and 当地 (the local) are deictics of place, as 本市 is; 本 alone is no word there.
    assert programs_in("人选纳入本地青禾英才支持计划。") == {"青禾英才支持计划"}
    assert programs_in("人选纳入当地青禾英才支持计划。") == {"青禾英才支持计划"}


def test_programme_quoted_model_is_a_way_of_working():
    # A 模式 the quotes name is how a school works (ANNOTATION.md keeps named initiatives);
    # a numbered model (2+3课堂模式) is a brand, as 1+N+1德育模式 is.
    assert programs_in("白鹭小学推行“师生共学”模式,形成“2+3”课堂模式。") == {"2+3课堂模式"}


def test_programme_quoted_name_continues_into_its_head():
    assert "星火学周末课堂" in programs_in("依托社区学校,打造“星火学”周末课堂。")


def test_programme_quoted_system_is_a_programme():
    assert "备案制" in programs_in("推进幼儿园“备案制”教师管理改革。")


# Enumerations.


def test_programme_quoted_enumeration_closed_by_deng_xiangmu():
    text = "通过“雏鹰起飞”、“青松读书会”、“银杏课堂”研修等项目组织培训。"
    names = programs_in(text)
    assert {"雏鹰起飞", "青松读书会", "银杏课堂研修"} <= names
    assert not any(n.endswith("等项目") for n in names)


def test_programme_quoted_enumeration_closed_by_a_count():
    assert {"春芽", "秋实"} <= programs_in("实施“春芽”“秋实”两大工程。")


def test_programme_quoted_list_of_actions_is_split():
    text = "启动“书香润心行动、体魄强健行动”等两大行动。"
    assert {"书香润心行动", "体魄强健行动"} <= programs_in(text)


def test_programme_class_after_deng_is_not_a_programme():
    assert programs_in("有序开展AFS等国际学生文化交流项目。") == set()


# Generic heads, counted classes, construction works.


@pytest.mark.parametrize(
    "text",
    [
        "做好年度财政预算项目和重点工程项目管理。",
        "申报江苏省前瞻性教学改革重大项目。",
        "建成5个心理健康工作室。",
        "实施各类爱心救助项目。",
        "确定区域新一轮十大重点项目。",
        "推动“五大项目”,抓实“八大工程”。",
        "东湖小学校舍加固维修工程完工。",
        "参加省运动会围棋项目比赛。",
    ],
)
def test_programme_generic_heads_are_not_programmes(text: str):
    assert programs_in(text) == set()


def test_grades_given_to_the_projects_of_a_programme_are_not_programmes():
    # 青苗工程 itself is a named programme (ANNOTATION.md); its projects' grades are not.
    found = programs_in("青苗工程结题的课题中,良好项目30项,合格项目45项。")
    assert not any(name.endswith("项目") for name in found)


def test_is_generic_reads_levels_and_policy_words_only():
    assert is_generic("江苏省前瞻性教学改革重大")
    assert is_generic("2024年")
    assert not is_generic("青蓝")
    assert not is_generic("七个一", quoted=True)


def test_a_programmes_name_without_its_area_edition_and_scope_is_its_short_form():
    text = "实施温州市第二期农村中小学白鹭工程。各校做好白鹭工程的申报。"
    entities = program_entities(text, chain=("浙江省", "温州市"))
    assert [(e.label, e.alt_labels) for e in entities] == [
        ("温州市第二期农村中小学白鹭工程", ("白鹭工程",))
    ]


def test_a_numbered_project_inside_a_plans_name_is_no_count():
    # 1258项|目: the 项 of 项目 is no measure word after a count.
    assert programs_in("全县实施1258项目提升行动计划,补齐短板。") == {"1258项目提升行动计划"}


def test_a_version_number_is_part_of_a_programmes_name_not_a_name_by_itself():
    # 引领 inside the name: the part after it (2.0) names nothing alone, so the name goes on.
    names = programs_in("实施白鹭书香校园示范引领2.0工程,办好每一所学校。")
    assert names == {"白鹭书香校园示范引领2.0工程"}


def test_a_listed_programme_whose_name_holds_a_verb_after_a_noun_is_kept_whole():
    # 青禾书院规范建设行动: 规范 follows a noun, so it is inside the name, not its predicate.
    names = programs_in("实施三项行动(白鹭课堂提升行动、青禾书院规范建设行动)。")
    assert "青禾书院规范建设行动" in names
    assert "建设行动" not in names
    # two such verbs in a row, after a verbal noun (教育)
    names = programs_in("推进青禾书法普及提升工程、白鹭艺术教育整合优化发展工程。")
    assert "白鹭艺术教育整合优化发展工程" in names


def test_a_verb_right_after_a_quoted_formula_is_part_of_the_programmes_name():
    # 托管 after “2+N”: the name's own word, not a predicate before its head.
    assert programs_in("全区学校采用“2+N”托管模式,延长服务时间。") == {"2+N托管模式"}


def test_a_quoted_formula_before_a_policy_theme_names_a_programme():
    # 课后服务 is a theme of the scheme, no programme alone; “3+1” names one way of doing it.
    assert programs_in("各校推行“3+1”课后服务,满足学生需求。") == {"3+1课后服务"}


def test_a_quoted_campaign_year_is_a_programme():
    # a year given to one campaign; a slogan's use (以…为抓手) is still none
    assert programs_in("今年是全县的“课堂教学提升年”。") == {"课堂教学提升年"}
    assert programs_in("以“青年教师培养年”为抓手。") == set()


def test_a_conjunction_before_a_programme_is_no_part_of_its_name():
    names = programs_in("学校须为农村学校,且青苗助学计划执行期间不得调整。")
    assert names == {"青苗助学计划"}


# Concept families.


def test_a_national_programme_named_without_a_head_is_found_by_its_family_label():
    entities = program_entities("全县继续落实两免一补,保障农村学生就学。")
    assert [(e.label, e.attr("concept").rsplit("/", 1)[-1]) for e in entities] == [
        ("两免一补", "liangmian-yibu")
    ]


@pytest.mark.parametrize(
    ("text", "label", "family"),
    [
        ("本县于2008年基本实现了“普九”,教育事业稳步发展。", "普九", "pujiu"),
        ("近年来本县实施“全面改薄”,新建校舍3万平方米。", "全面改薄", "quanmian-gaibo"),
        ("打赢教育脱贫攻坚战,控辍保学成效明显。", "教育脱贫攻坚", "jiaoyu-tuopin-gongjian"),
        ("依托东西部协作,引进青禾市优质教育资源。", "东西部协作", "dongxibu-xiezuo"),
        ("深入推进新课程改革,转变教学方式。", "新课程改革", "xin-kecheng-gaige"),
        (
            "全县实施义务教育薄弱环节改善与能力提升项目,新建校舍。",
            "义务教育薄弱环节改善与能力提升项目",
            "bogai-tisheng",
        ),
    ],
)
def test_national_programmes_named_by_their_usual_short_name_are_found(text, label, family):
    entities = program_entities(text)
    assert [(e.label, e.attr("concept").rsplit("/", 1)[-1]) for e in entities] == [(label, family)]


def test_programme_bare_family_labels_are_one_entity():
    entities = program_entities("深入推进集团办学。全面深化集团化办学改革。", chain=CHAIN)
    assert len(entities) == 1
    assert entities[0].label == "集团化办学"
    assert "集团办学" in entities[0].alt_labels
    assert entities[0].attr("concept").endswith("jituanhua-banxue")


def test_programme_bare_family_label_joins_the_one_specific_programme():
    text = "开展校长职级制改革试点。落实校长职级制。"
    entities = program_entities(text)
    assert [(e.label, e.alt_labels) for e in entities] == [("校长职级制", ("校长职级制改革",))]


def test_programme_family_name_with_generic_head_is_the_family_name():
    assert "员额制管理" in programs_in("1.员额制管理项目。做好员额制管理。")


def test_programme_hidden_labels_link_but_are_not_mentions():
    assert "名班主任" not in programme_names()
    assert concept_for("名班主任").pref_label == "名班主任工程"
    assert programs_in("组织评选第二批市名班主任。") == set()


def test_a_studio_is_a_body_not_a_programme():
    # ANNOTATION.md: platforms, facilities and bodies are no programmes; a studio hosted by a
    # teacher is one such body, whether named by its kind or by its host.
    assert programs_in("加强区名师工作室过程管理,发挥名师工作室成员作用。") == set()
    assert programs_in("成立林晓梅名师工作室。") == set()
    assert programs_in("深入实施名师培养工程,成立林晓梅名师工作室。") == {"名师培养工程"}


def test_family_label_only_for_labels_themselves():
    assert family_label("县管校聘").pref_label == "区管校聘"
    assert family_label("县管校聘改革试点区") is None


def test_programme_separator_variants_are_one_entity():
    text = "以“向美而行·鹿城2030计划”为引领。全力推进“向美而行.鹿城2030计划”。"
    entities = program_entities(text)
    assert len(entities) == 1
    assert entities[0].label == "向美而行·鹿城2030计划"
    assert "向美而行.鹿城2030计划" in entities[0].alt_labels


def test_programme_campaign_title_with_quoted_slogan():
    assert "勤学、笃行主题教育" in programs_in("巩固深化“勤学、笃行”主题教育成果。")


# Sub-programmes.


def test_programme_gloss_components_are_part_of_the_family_programme():
    text = "继续实行“三名工程”,抓好雁归计划(名校长)、向阳花计划(名班主任)培训。"
    rels = relations_of(extract(make_doc(text, chain=CHAIN, year=2022)))
    assert ("雁归计划", "partOf", "三名工程") in rels
    assert ("向阳花计划", "partOf", "三名工程") in rels


# Jurisdiction and year.


def test_programme_carries_jurisdiction_and_year():
    entities = program_entities(
        "继续实施“三名工程”。", chain=("江苏省", "常州市", "钟楼区"), year=2021
    )
    assert len(entities) == 1
    program = entities[0]
    assert program.attr("jurisdiction") == "320404"
    assert program.attr("year") == "2021"
    assert program.key == "program:320404:2021:三名工程"


def test_programme_of_another_jurisdiction_or_year_is_another_program():
    text = "继续实施“三名工程”。"
    city = program_entities(text, chain=("江苏省", "常州市"), year=2021)[0]
    district = program_entities(text, chain=("江苏省", "常州市", "钟楼区"), year=2021)[0]
    later = program_entities(text, chain=("江苏省", "常州市", "钟楼区"), year=2022)[0]
    assert len({city.key, district.key, later.key}) == 3
    assert city.attr("concept") == district.attr("concept") == later.attr("concept")


def test_programme_of_a_narrower_family_is_part_of_the_broader_programme():
    text = "深入实施“三名”工程。深入实施名校长工程,推进名班主任工程。"
    rels = relations_of(extract(make_doc(text, chain=CHAIN, year=2022)))
    assert ("名校长工程", "partOf", "三名工程") in rels
    assert ("名班主任工程", "partOf", "三名工程") in rels


def test_programme_items_listed_before_a_programme_share_its_verb():
    names = programs_in("继续实施云端访学、青苗研修班,完善评价。")
    assert {"云端访学", "青苗研修班"} <= names
    # Bare nouns before a head are not items of their own: they share the name (below).
    assert programs_in("实施体育、艺术3+2项目。") == {"体育、艺术3+2项目"}


# Campaign slogans, quotes side by side, activity heads.


def test_a_theme_activity_named_by_a_slogan_is_not_a_programme():
    # ANNOTATION.md: slogans and one-off theme activities are no programmes.
    assert programs_in("深入开展“读好书,做好人”活动,营造书香氛围。") == set()
    assert "尊师、爱生" not in programs_in("开展“尊师、爱生”优秀班集体评选活动。")


def test_programme_slogan_without_a_campaign_frame_is_not_a_programme():
    assert programs_in("推进全区教育“优中求精,好中求强”。") == set()
    assert programs_in("以“读好书,做好人”为育人目标。") == set()


def test_programme_duty_put_into_practice_is_not_a_programme():
    assert programs_in("认真落实“一岗两查”的工作格局。") == set()


def test_programme_quotes_side_by_side_share_the_words_around_the_run():
    assert {"金星支部", "银星达标"} <= programs_in("“金星支部”“银星达标”创建率达到90%。")
    # The verb runs the contest after the run, not the quoted titles.
    assert programs_in("组织开展“读书之星”“书香家庭”的评比。") == set()


def test_programme_quoted_name_before_an_activity_keeps_the_phrase_as_alt_label():
    entities = program_entities("组织“青苗护航”读书实践活动。")
    assert [e.label for e in entities] == ["青苗护航"]
    assert "青苗护航读书实践活动" in entities[0].alt_labels


def test_programme_activity_head_does_not_swallow_a_suffix_name():
    names = programs_in("举办“青苗”教师培养工程启动活动。")
    assert "青苗教师培养工程" in names
    assert not any(n.endswith("活动") for n in names)


def test_programme_quoted_name_after_a_plural_quantifier_is_a_class():
    assert programs_in("统筹各种“送教下乡”活动,减轻学校负担。") == set()


def test_programme_quoted_spatial_layout_is_not_a_programme():
    assert programs_in("加快“一核两带”建设,完善园区功能。") == set()
    assert "一校一韵" in programs_in("推进学校艺术“一校一韵”建设。")


def test_programme_plan_title_in_book_marks_is_the_document():
    assert programs_in("印发《松涛区义务教育提质、扩容三年行动计划》。") == set()
    assert programs_in("印发《松涛区青苗教师培养工程》。") == set()


def test_programme_quoted_name_introduced_by_tuixing():
    assert "问题导学" in programs_in("在初中全面推行“问题导学”研究与实践。")


def test_programme_mechanism_needs_a_quote_or_a_number():
    assert programs_in("健全评估反馈机制,推广小组合作模式。") == set()
    assert "1+1帮扶机制" in programs_in("建立1+1帮扶机制。")


# Precision rules from the guideline's exclusions (sentences written for these tests).


def test_programme_counted_list_of_theme_years_is_not_programmes():
    text = "全年工作围绕“青禾课堂提质年”“松涛师资强基年”“澄湖评价突破年”等3个活动年展开。"
    assert programs_in(text) == set()


def test_programme_class_word_inside_a_listed_item_closes_no_list():
    text = "要重点抓好第二期学前教育三年行动计划、乡村学校“全面改薄”、职业教育资源整合等工作。"
    assert "第二期学前教育三年行动计划" in programs_in(text)


def test_programme_items_closed_by_a_modified_class_are_kinds_of_it():
    assert programs_in("职业学校举办“青禾班”、“松涛班”等办学形式,成效显著。") == set()


def test_programme_theme_year_of_its_own_stays_a_programme():
    assert "松涛机关效能建设年" in programs_in("开展“松涛机关效能建设年”活动,提升办事效率。")


@pytest.mark.parametrize(
    "text",
    [
        "扎实推进“六大提升行动计划”,办好人民满意教育。",
        "全面实施五大提升工程,补齐短板。",
        "调研学位建设“三年行动计划”实施情况。",
    ],
)
def test_programme_count_or_duration_with_generic_words_is_no_name(text: str):
    assert programs_in(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "今年白鹭县将实施帮扶项目36个。",
        "计划实现新开工项目20个,竣工项目18个的目标。",
        "全年实施教育领域重点项目工程32项,新建学校5所。",
    ],
)
def test_projects_a_count_follows_are_a_kind_not_a_programme(text: str):
    # 帮扶项目36个: the count closing the phrase counts projects of a kind, none of them named.
    assert programs_in(text) == set()


def test_a_programme_followed_by_a_duration_stays():
    assert "青苗护校工程" in programs_in("实施青苗护校工程3年来,惠及学生2万人。")


def test_programme_count_before_a_specific_name_stays():
    assert any(n.endswith("青苗护校工程") for n in programs_in("启动“八大”青苗护校工程。"))


def test_programme_gloss_inside_a_studio_name_is_no_programme():
    text = "青禾市为两个名教师(名校长)工作室揭牌,新一轮名教师(名校长)工作室同时启动。"
    assert programs_in(text) == set()


def test_programme_gloss_after_a_programme_name_stays():
    assert "白鹭振翅" in programs_in("抓好白鹭振翅(名校长)、晨星计划(名班主任)培训。")


@pytest.mark.parametrize(
    "text", ["会上通报表扬了青禾区第三届“青禾名师”,颁发证书。", "表彰第二届“渭城名师”。"]
)
def test_programme_honour_conferred_on_teachers_is_no_programme(text: str):
    # Neither the title nor its last word (名师, a hidden label of a family) is a programme.
    assert programs_in(text) == set()


def test_programme_region_designation_as_goal_is_no_programme():
    assert programs_in("全力打造“西部教育创新领先城区”,办好每一所学校。") == set()


def test_programme_role_given_to_the_work_is_no_programme():
    assert programs_in("各校要把教学质量作为一把手工程来抓。") == set()


@pytest.mark.parametrize(
    "text",
    ["在青禾,学前教育是第一民生工程,家长最关心。", "各校把课堂改革作为一把手工程,全力推进。"],
)
def test_programme_head_closing_a_copulas_complement_right_after_it_is_no_programme(text: str):
    assert programs_in(text) == set()


def test_programme_listed_as_a_point_of_a_plan_stays():
    # 二是|青苗助学工程: the point's subject, not a copula's complement.
    assert "青苗助学工程" in programs_in("今年重点抓好三件事。二是青苗助学工程。")


def test_programme_model_named_by_a_quoted_formula_alone_is_no_programme():
    assert programs_in("青禾区课后服务推行“4+N”模式,覆盖全部小学。") == set()
    # With a field of its own between the formula and 模式 it names one.
    assert "4+N+1德育模式" in programs_in("青禾区推行“4+N+1”德育模式,覆盖全部小学。")


def test_programme_that_the_role_is_given_to_stays():
    assert "青苗助学工程" in programs_in("各校要把青苗助学工程作为重点工作来抓。")


def test_programme_preposition_before_a_common_phrase_is_no_name():
    assert programs_in("要埋头苦干,用实际行动为教育发展开好局。") == set()


# Coordination: nouns listed with 、 before a shared head are one programme's name.


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("区教育局启动书香、墨韵、诗词浸润工程。", "书香、墨韵、诗词浸润工程"),
        ("各校开展诗词、书法、戏曲进校园行动。", "诗词、书法、戏曲进校园行动"),
        ("积极推进青苗阅读工程和科技、艺术3+2项目。", "科技、艺术3+2项目"),
    ],
)
def test_programme_nouns_listed_before_a_shared_head_are_its_name(text: str, name: str):
    found = programs_in(text)
    assert name in found
    assert name.split("、")[-1] not in found  # the last item alone is no programme of its own


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Each item is a programme with its own head.
        ("启动“晨光阅读行动、青苗护航行动、白鹭健身行动”。", {"晨光阅读行动", "白鹭健身行动"}),
        # An item of two words, a way of working: two things listed.
        ("通过教师轮岗交流、集团化办学等举措提升质量。", {"集团化办学"}),
        ("加强师德建设、教师培训、名师培养工程。", {"名师培养工程"}),
    ],
)
def test_programme_list_of_other_things_is_not_its_name(text: str, names: set[str]):
    found = programs_in(text)
    assert names <= found
    assert not any("、" in name for name in found)


def test_programme_opened_by_a_relative_time_word_is_no_name():
    # 明年 says when, never which: the year's projects of a district, not one programme.
    text = "据悉,明年鹿城区教育项目共计9个。今年实施青苗助学工程。"
    assert programs_in(text, chain=CHAIN) == {"青苗助学工程"}


def test_a_year_before_a_programmes_name_dates_it_and_is_no_part_of_it():
    assert programs_in("实施2021-2025年白鹭教师培育工程。") == {"白鹭教师培育工程"}
    assert programs_in("我区两所学校入选2024年青禾少年阅读行动试点名单。") == {"青禾少年阅读行动"}
    assert programs_in("各校印发2022年工作计划。") == set()  # the year's plan of work


@pytest.mark.parametrize(
    "text",
    [
        "1905年:初名青禾学堂,由乡绅集资创办。",
        "白鹭中学始建于1921年,原名白鹭学堂。",
        "后移交官办,改称官立白鹭中学堂。",
    ],
)
def test_what_a_school_was_called_is_no_programme(text: str):
    assert programs_in(text) == set()


def test_a_named_school_workshop_is_still_a_programme():
    assert programs_in("学校开设青禾学堂,深受学生欢迎。") == {"青禾学堂"}


def test_a_body_before_the_programme_it_runs_is_no_part_of_its_name():
    text = "全面落实市委、市政府青禾协同发展提质行动和区委工作思路。"
    assert programs_in(text) == {"青禾协同发展提质行动"}
    assert programs_in("实施省委白鹭人才工程。") == {"白鹭人才工程"}
    assert programs_in("实施“县委书记工程”。") == {"县委书记工程"}  # quoted: the name as written


def test_names_quoted_side_by_side_are_each_their_own():
    text = "先后实施“青苗助学”“白鹭计划”“乡村教师成长三年行动计划”等,成效明显。"
    found = programs_in(text)
    assert {"白鹭计划", "乡村教师成长三年行动计划"} <= found
    assert not any("”" in name or len(name) > 14 for name in found)


def test_a_programme_listed_into_another_is_not_one_name_with_it():
    # 工程|列入|惠民工程: a verb of listing ends the text before a name, as 纳入 does.
    found = programs_in("已将青枫中学的扩建工程列入惠民工程。")
    assert not any("列入" in name for name in found)


def test_a_day_before_a_programmes_name_is_no_part_of_it():
    text = "鹿城区教育局 2020年1月8日鹿城区第三期白鹭教师培养工程人选名单公布。"
    assert programs_in(text) == {"鹿城区第三期白鹭教师培养工程"}


def test_a_programme_named_inside_someones_quoted_words_is_found():
    # A quotation of full sentences is someone's words, not a slogan: the name inside stands.
    text = "局长表示:“对于办学历史长的老校,将通过青苗焕新计划助力其发展。新建学校则要高起点办学。”"
    assert programs_in(text) == {"青苗焕新计划"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # ANNOTATION.md: 不忘初心、牢记使命主题教育 is a programme; pages write a comma inside too
        ("全面开展“不忘初心,牢记使命”主题教育,推动工作落实。", "不忘初心,牢记使命主题教育"),
        ("希望在“强教育 兴鹿城”行动中,两片学校携手发展。", "强教育 兴鹿城行动"),
    ],
)
def test_a_campaign_quoted_with_a_comma_or_a_space_inside_is_named_whole(text: str, name: str):
    assert programs_in(text) == {name}


def test_a_quoted_programme_whose_launch_ceremony_follows_is_named():
    # “…计划”启动仪式: the quotes name the plan; the ceremony launches it (one-off events are
    # no programmes, the plan is one).
    text = "区教育局与基金会合作项目“鹿城区青禾校长培育计划”启动仪式举行。"
    assert "鹿城区青禾校长培育计划" in programs_in(text)


def test_a_programme_word_inside_a_quoted_slogan_names_none():
    assert programs_in("学校秉持“人人有计划,处处有行动”的理念。") == set()


def test_a_quoted_programmes_admission_quota_is_the_programme():
    # “…”招生计划: the admissions quota the quoted programme sets; the programme is quoted.
    text = "确保“名额到校”招生计划得到有效落实,把“名额到校”政策落实好。"
    assert programs_in(text) == {"名额到校"}


def test_family_planning_is_no_plan():
    # 计划生育 is one word (family planning): its 计划 heads no programme's name.
    assert programs_in("一套房产只提供一个学位(同一户主符合计划生育政策情况除外)。") == set()


@pytest.mark.parametrize(
    "text",
    [
        "市里扶持青禾机电工程学校和南浦电子信息工程学校发展。",
        "该校先后获评省体育传统项目先进学校、国家级足球传统项目学校。",
        "白鹭中学被评为全县名师工程先进单位。",
    ],
)
def test_a_programme_head_before_a_school_or_honour_named_after_it_names_no_programme(text: str):
    # 机电工程学校: 工程 the field the school teaches; 传统项目学校, 工程先进单位: designations
    # and honours, not a programme the school runs.
    assert programs_in(text) == set()


def test_a_programme_familys_label_before_a_school_still_names_it():
    # A family's own label names the programme even where it modifies the noun after it.
    assert programs_in("县里推广区管校聘学校试点的做法。") == {"区管校聘"}


def test_a_plan_the_text_itself_is_after_a_verb_and_this_is_no_programme():
    # 现|制定|本|行动计划: 本 ("this") refers to the plan being written, which names nothing.
    assert programs_in("为推动学前教育发展,结合我县实际,现制定本行动计划。") == set()


def test_an_old_school_name_ending_in_a_qing_school_type_is_no_course_series():
    # …府中学堂, …师范学堂 are what a school was called a century ago (ANNOTATION.md excludes
    # historical schools); 家长学堂 is a course series, a programme.
    text = "学校前身为青禾府官立中学堂和南浦师范学堂,今年开设家长学堂。"
    assert programs_in(text) == {"家长学堂"}


def test_a_programme_head_in_a_place_phrase_is_no_name_but_a_familys_label_is():
    # 在思想上行动上: 行动 is "action", a plain noun before the locative 上; 工程上马 ("gets under
    # way") keeps its name, and a family's label names its programme before 上 too.
    text = (
        "各支部发挥战斗堡垒作用,始终在政治上思想上行动上同党中央保持一致。"
        "青苗助学工程上马后,县里在集团化办学上有新突破。"
    )
    assert programs_in(text) == {"青苗助学工程", "集团化办学"}


def test_a_plan_of_cadres_training_is_a_generic_plan():
    # 干部, 党员 are people, as 教师 and 校长 are: 党员干部培训计划 is the plan of their training.
    text = "把专题学习纳入党员干部培训计划,同时实施青禾干部成长工程。"
    assert programs_in(text) == {"青禾干部成长工程"}


def test_a_quoted_goal_a_building_verb_builds_is_no_programme():
    # 打造“某某之城”: a goal the district builds; 实施“…” runs a programme, and 打造“…”品牌 names
    # the brand by the word after the quote.
    text = "全区着力打造“青禾之城”、建设“白鹭谷”,实施“春晖助学行动计划”,打造“南浦书院”品牌。"
    assert programs_in(text) == {"春晖助学行动计划", "南浦书院"}


def test_a_plan_of_numbers_is_no_programme():
    # 招生计划, 需求计划: the places a school offers, the posts it needs; a quoted programme's
    # enrolment plan stays that programme's (“名额到校”招生计划).
    text = "各校报送分校区招生计划和教师需求计划,确保“名额到校”招生计划落实。"
    assert programs_in(text) == {"名额到校"}
