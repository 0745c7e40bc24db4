"""Boilerplate removal on a portal page whose wording differs from the corpus's portals."""

from __future__ import annotations

from loaders.boilerplate import find_body

PAGE = """\
 · 首页
 · 机构设置
 · 通知公告
 · 办事大厅
 · English
 · 注册 | 登录
现在位置:首页 » 教育动态 » 正文
阅读次数:1024  字号:大 中 小
关于开展2023年暑期学生安全教育工作的通知
各镇(街道)中心校,区直各学校:
为切实做好暑期学生安全教育工作,现将有关事项通知如下。
一、加强安全教育
联系电话:0512-12345678
某某区教育局
2023年7月1日
上一篇:关于公布考试成绩的通知
下一篇:无
【打印此页】 【关闭本页】
扫描关注微信公众号
版权所有 © 2023 某某区教育局  技术支持:某某科技
联系地址:某某路1号  邮编:215000
京ICP备00000000号
"""


def test_find_body_cleans_an_unseen_portal_page() -> None:
    body = "\n".join(PAGE[s.start : s.end] for s in find_body(PAGE))
    assert body.splitlines()[0] == "关于开展2023年暑期学生安全教育工作的通知"
    assert body.splitlines()[-1] == "2023年7月1日"
    # a notice's own 联系电话 line is content; the footer's is not
    assert "联系电话:0512-12345678" in body
    for portal_text in (
        "机构设置",
        "English",
        "现在位置",
        "阅读次数",
        "上一篇",
        "打印此页",
        "版权所有",
        "邮编",
        "ICP备",
        "公众号",
    ):
        assert portal_text not in body


def test_find_body_keeps_a_plain_document_whole() -> None:
    text = "2019年工作要点\n\n一、指导思想\n坚持以人民为中心。\n抄送:市教育局。\n某某办公室 2019年1月1日印发"
    assert find_body(text) == find_body(text)
    (span,) = find_body(text)
    assert (span.start, span.end) == (0, len(text))


def test_a_page_saved_as_one_line_is_text_whatever_it_mentions() -> None:
    # A file converted without line breaks: its contact details (联系电话, 电子邮箱) and a page
    # count are part of its one line, which is the document, not a footer.
    text = (
        "青禾县2024年拟认定普惠性民办幼儿园名单公示 根据《青禾县普惠性民办幼儿园认定和管理办法》"
        "文件精神,县教育局联合县发改委、县财政局开展了认定评估工作。评审组通过听取汇报、实地检查、"
        "查验资料等方式,对申报的所有民办幼儿园进行了现场打分。经评审,拟认定青松幼儿园等3所"
        "幼儿园为2024年普惠性民办幼儿园。公示期内,任何单位和个人均可通过来信、来电、来访的形式"
        "反映情况。 公示时间: 2024年7月31日至8月4日 联系电话: 12345678 电子邮箱: 共1页"
    )
    (span,) = find_body(text)
    assert (span.start, span.end) == (0, len(text))


def test_a_row_of_links_between_single_spaces_is_boilerplate_and_a_spaced_headline_is_not() -> None:
    menu = "今日浙江 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水"
    headline = "攻坚克难 乘势而上 全面办好人民满意教育"
    story = "近日,青禾县教育局召开会议,部署秋季开学工作。会议要求各校做好准备。"
    page = f"{menu}\n{headline}\n{story}\n"
    body = "\n".join(page[s.start : s.end] for s in find_body(page))
    assert menu not in body
    assert headline in body and story in body


def _body_of(text: str) -> str:
    return "\n".join(text[s.start : s.end] for s in find_body(text))


def test_headlines_under_a_list_heading_are_boilerplate() -> None:
    text = (
        "白鹭县召开教育工作会议\n会议部署了今年的重点工作。\n\n相关阅读\n"
        "  • 青禾市举办科技节 百名学生同台竞技\n  • 某地启动校园足球联赛\n\n"
        "猜你喜欢\n白鹭县新建三所幼儿园\n"
    )
    assert _body_of(text) == "白鹭县召开教育工作会议\n会议部署了今年的重点工作。"


def test_a_byline_ends_a_story_list_and_keeps_the_headline_over_it() -> None:
    # Empty list headings of a sidebar over the page's own headline and byline: the headline
    # is the page's, not an item of the list.
    text = (
        "相关新闻\n最新文章\n白鹭县调研中小学校网点布局 部署扩容工作\n"
        "来源:白鹭日报 作者: 编辑:李某 时间:2022-06-20\n"
        "6月19日,县长到三所学校调研网点布局。\n"
    )
    assert _body_of(text).startswith("白鹭县调研中小学校网点布局 部署扩容工作\n")


def test_a_weather_widget_is_boilerplate() -> None:
    text = "白鹭明日天气 小雨 12℃-18℃\n白鹭县召开教育工作会议\n会议部署了今年的重点工作。\n"
    assert _body_of(text) == "白鹭县召开教育工作会议\n会议部署了今年的重点工作。"


def test_a_block_of_contact_fields_is_boilerplate() -> None:
    text = (
        "  • 地址:江苏省南京市\n  • 电话:+86-0000-0000\n  • 邮箱:someone@example.com\n\n"
        "白鹭县召开教育工作会议\n会议部署了今年的重点工作。\n联系人:张老师\n"
    )
    assert _body_of(text) == "白鹭县召开教育工作会议\n会议部署了今年的重点工作。\n联系人:张老师"


def test_a_notices_contact_sentence_is_its_text() -> None:
    # Its office and its 电话 and 传真 in one sentence: a footer's fields end no sentence.
    text = (
        "各县(市、区)教育局:\n现将有关事项通知如下,请认真做好安排。\n"
        "联系处室:市教育局基础教育处;联系电话:0000-1234567,1234568(传真)。\n"
        "青禾市教育局办公室\n2024年5月6日\n"
        "联系地址:青禾路1号 联系电话:0000-7654321 传真:0000-7654322\n"
    )
    body = _body_of(text)
    assert "联系处室:市教育局基础教育处;联系电话:0000-1234567,1234568(传真)。" in body
    assert "联系地址" not in body


def test_a_catalogue_label_written_with_another_or_its_record_kind_is_a_label() -> None:
    # 备注/文号: and 公文生成日期: label a disclosure catalogue's fields as 文号: and 生成日期: do.
    text = (
        "    • 索 引 号:QH0012-2019-00042\n    • 备注/文号:青教函〔2019〕8号\n"
        "    • 公文生成日期:2019-09-12\n    青禾市教育局关于同意调整招生计划的批复\n"
        "    市直有关小学:\n      你们的申请报告已收悉,经研究,同意调整招生计划。\n"
    )
    body = _body_of(text)
    assert body.splitlines()[0].strip() == "青禾市教育局关于同意调整招生计划的批复"


def test_a_notices_headline_under_an_empty_catalogue_label_is_its_text() -> None:
    # 关键词: has no value; the line under it is the notice's headline, no table cell.
    text = (
        "索引号:11330000/2024-00012\n关键词:\n\n"
        "关于公布白鹭县第三批书香校园名单的通知\n\n"
        "各中小学:\n经评审,确定白鹭县第一小学等6所学校为书香校园。\n"
    )
    assert _body_of(text).startswith("关于公布白鹭县第三批书香校园名单的通知\n")
