"""People: role words before a name, forms of address after it, self-introductions."""

from __future__ import annotations

from loaders.extract import extract
from loaders.extract.people import find_people, looks_like_name
from tests.loaders.extract.helpers import make_doc


def _people(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in find_people(text, [(0, len(text))]):
        out.setdefault(c.name, set()).update(v for k, v in c.attrs if k == "role")
    return out


def test_find_people_role_before_name():
    assert _people("鹿城区人民政府副区长李建国出席会议。") == {"李建国": {"副区长"}}


def test_find_people_coordinated_roles_give_both():
    found = _people("鹿城区委教育工委书记、鹿城区教育局局长王晓红,")
    assert found == {"王晓红": {"书记", "局长"}}


def test_find_people_form_of_address_after_name():
    assert _people("花园小学的李红梅老师获奖;实验小学张小明同学夺冠。") == {
        "李红梅": {"教师"},
        "张小明": {"学生"},
    }


def test_find_people_name_before_any_verb():
    # No cue word ends the name: jieba's first word after the role is a person's name.
    assert _people("今天邀请到鹿城区教育局局长周海燕做客访谈。") == {"周海燕": {"局长"}}
    assert _people("鹿城区教育局局长王强调研了三所学校。") == {"王强": {"局长"}}


def test_find_people_rejects_words_after_role_that_are_not_names():
    assert _people("加强班主任培育站和校长队伍建设,主任培训。") == {}


def test_looks_like_name_uses_part_of_speech():
    assert looks_like_name("王晓红")
    assert looks_like_name("刘红梅")  # jieba reads 刘 apart (zg) and 红梅 as the given name
    assert not looks_like_name("队伍")


def test_self_introduction_names_the_speaker():
    extraction = extract(make_doc("嘉宾是鹿城区副区长李建国。\n我是李建国,欢迎大家。\n"))
    people = [e for e in extraction.entities if e.kind == "person"]
    assert [p.label for p in people] == ["李建国"]
    mentions = [m for m in extraction.mentions if m.entity == people[0].key]
    assert {m.method for m in mentions} == {"people.role_name", "people.self"}
    assert people[0].attr("role") == "副区长"


def test_form_of_address_name_ends_before_a_rank_word():
    # 副 / 总 belong to the title, not to the name before it.
    assert _people("会上,孙立华副校长介绍了课程改革。") == {"孙立华": {"副校长"}}
    assert _people("学习贯彻习近平总书记的重要讲话。") == {"习近平": {"总书记"}}


def test_form_of_address_name_read_in_its_sentence():
    # A fixed window would take the preposition or the end of a word into the name.
    assert _people("课后,区长向陈立新老师表示感谢。") == {"陈立新": {"教师"}}
    assert _people("工作室成员郑凯校长作了发言。") == {"郑凯": {"校长"}}
    # A count before the title is no name (两位老师).
    assert _people("会上,符丽两位老师交流了经验。") == {}
    # A given name jieba does not read as one still follows a surname: 夏|浩然.
    assert _people("实小夏浩然同学获奖。") == {"夏浩然": {"学生"}}
    # A preposition after a role's name is no part of it (处长程锐|在…).
    assert _people("日前,青禾市教育局人事处处长程锐在“名师工作室”成立仪式上讲话。") == {
        "程锐": {"处长"}
    }
    # … nor one it reads as another proper noun (陶|建华: nz).
    assert _people("在区教育局陶建华副局长的带队下,一行赴外地交流。") == {"陶建华": {"副局长"}}


def test_a_conjunction_or_preposition_after_a_role_begins_no_name():
    # jieba reads 与果洛 as a name; 与 joins the teachers to the school after it.
    assert _people("推动本校教师与果洛民族高中结对。") == {}


def test_a_body_before_a_title_is_no_name():
    # 司 is a surname, but 党委 is a word of its own: 有限公司|党委|书记.
    assert _people("青禾建设有限公司党委书记出席仪式。") == {}


def test_a_school_before_a_title_is_no_name():
    # jieba's dictionary tags 幼儿园 as a person's name; 园长 here is the kindergarten's head.
    assert _people("会上,青禾县幼儿园园长代表作了发言。") == {}
