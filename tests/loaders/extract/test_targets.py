"""find_targets: indicators, values and the non-targets, on sentences written for the tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as hs

from loaders.evaluate import bigram_dice, locate_text
from loaders.extract.targets import MAX_INDICATOR, clean_head, find_targets, parse_number


def targets(text: str, year: int | None = 2021) -> list[tuple[str, str, str]]:
    """Return (indicator, value, unit) of every target in `text`, one sentence per 。."""
    spans, start = [], 0
    for part in text.split("。"):
        if part:
            spans.append((start, start + len(part) + 1))
        start += len(part) + 1
    return [(t[1], t[2], t[3]) for t in find_targets(text, spans, year)]


def test_find_targets_indicator_is_the_noun_before_the_number():
    assert targets("全年新增图书馆座位320个。") == [("新增图书馆座位", "320", "个")]


def test_find_targets_rate_keeps_its_subject_without_adverbs():
    assert targets("力争全县高中阶段毛入学率达到97%以上。") == [("高中阶段毛入学率", "97", "%")]


def test_find_targets_bare_rate_borrows_the_previous_subject():
    found = targets("确保农村小学教师培训率达90%,达标率达85%。")
    assert found == [("农村小学教师培训率", "90", "%"), ("农村小学教师达标率", "85", "%")]


def test_find_targets_deadline_stays_out_of_the_indicator():
    # 到2016年底 is when, not what: the year goes to the target's year.
    found = [(t[1], t[4]) for t in find_targets("到2016年底新增学位150个。", [(0, 16)], 2014)]
    assert found == [("新增学位", 2016)]
    assert targets("截至2022年末累计培训校长30名。") == [("培训校长", "30", "名")]
    # 到 opens the indicator when no date follows it.
    assert targets("到校就读学生达到1500人。") == [("到校就读学生", "1500", "人")]


def test_find_targets_object_after_the_number_joins_the_verb():
    assert targets("计划培训300名以上心理健康教师。") == [("培训心理健康教师", "300", "名")]


def test_find_targets_money_names_its_purpose():
    assert targets("今年拟安排120万元用于校园安防改造。") == [("校园安防改造安排", "1200000", "元")]


def test_find_targets_splits_coordinated_counts():
    found = targets("本学期拟对4所初中、7所小学开展专项检查。")
    assert [(v, u) for _, v, u in found] == [("4", "所"), ("7", "所")]
    assert [i for i, _, _ in found] == ["初中", "小学"]


def test_find_targets_coordinated_item_borrows_the_verb():
    found = targets("新建标准化实验室6间、创客空间3间。")
    assert found == [("新建标准化实验室", "6", "间"), ("新建创客空间", "3", "间")]


def test_find_targets_ranges_and_qualifiers_stay_out_of_the_value():
    assert targets("建成智慧校园示范校2至3所。") == [("建成智慧校园示范校", "2", "所")]
    assert targets("惠及家长6000余人次。") == [("惠及家长", "6000", "人次")]


def test_find_targets_breakdown_inherits_the_total_measure():
    found = targets("新增床位不少于900个。其中,高中500个,初中400个。")
    assert [i for i, _, _ in found] == ["新增床位", "高中新增床位", "初中新增床位"]


def test_find_targets_skips_slogans_ordinals_dates_and_articles():
    text = "牢固树立“三个面向”,举办第五届读书节,于3月底前完成,形成一套长效机制,加强两支队伍建设。"
    assert targets(text) == []


def test_find_targets_counts_per_period_numerals():
    assert targets("每学期开展一次家访。") == [("每学期开展家访", "1", "次")]


def test_find_targets_people_are_named_by_what_they_did():
    found = targets("本学年共有7名教师获省优质课一等奖。")
    assert found == [("获省优质课一等奖的教师", "7", "名")]


def test_find_targets_indicator_is_a_short_clean_label():
    text = "完成全市范围内所有公办和民办义务教育阶段学校的校园网络提速改造任务60所。"
    ((indicator, _, _),) = targets(text)
    assert len(indicator) <= MAX_INDICATOR
    assert not any(ch in indicator for ch in "“”,、")


@given(hs.text(alphabet="新增学校所个名达到%以上一三十0123456789,、。“”", max_size=40))
def test_find_targets_never_fails_and_labels_stay_short(text):
    for _, indicator, value, _, _, start, end in find_targets(text, [(0, len(text))], None):
        assert 2 <= len(indicator) <= MAX_INDICATOR
        assert Decimal(value) > 0
        assert 0 <= start < end <= len(text)


def test_clean_head_is_idempotent():
    for head in ("2022年力争全市学生体质健康优良率达到", "继续推进", "新增"):
        assert clean_head(clean_head(head)) == clean_head(head)


def test_parse_number_reads_both_numerals():
    assert parse_number("12") == Decimal(12)
    assert parse_number("十二") == Decimal(12)


def test_locate_text_ignores_white_space_and_width():
    assert locate_text("合格率达 95 ％。", "合格率达95%") == [(0, 9)]


def test_bigram_dice_is_one_for_equal_names_and_symmetric():
    assert bigram_dice("“新增学位”", "新增学位") == 1.0
    assert bigram_dice("新增学位", "学位") == bigram_dice("学位", "新增学位")
