"""Metadata read by the page's structure, on short pages written for these tests.

One group of tests per error class seen on unseen portal pages: a banner or column name taken
as the title, portal decoration kept in the title, date labels and formats not read, labels
followed by white space instead of a colon, 发文字号 variants, and the portal's footer and link
lists (the footer's bodies are metadata; the link lists are not document text).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.boilerplate import find_body
from loaders.documents import DocumentMetadata
from loaders.extract import extract
from loaders.extract.model import ORG
from loaders.metadata import extract_metadata, joint_issuers, parse_date
from loaders.normalise import normalise_text
from loaders.read import read_document


def metadata_of(text: str) -> DocumentMetadata:
    """Return the metadata read_document would give a plain-text page holding `text`."""
    norm = normalise_text(text)
    return extract_metadata(norm, find_body(text, norm))


def body_of(text: str) -> str:
    return "\n".join(text[s.start : s.end] for s in find_body(text))


# 1. The title is the headline by the page's structure, not a banner or a column name.


def test_title_is_the_headline_by_the_byline_not_the_site_banner() -> None:
    page = (
        "青禾县教育信息网\n"
        "书香润童心 阳光伴成长\n"
        "青禾县召开中小学课后服务推进会\n"
        "发布时间:2021-05-06 来源:县教育局\n"
        "5月6日,青禾县召开中小学课后服务推进会,部署下一阶段工作。\n"
    )
    assert metadata_of(page).title == "青禾县召开中小学课后服务推进会"


def test_title_skips_a_column_name_above_the_headline() -> None:
    page = "县区动态\n青禾县三所小学结对共建\n近日,青禾县三所小学签订结对共建协议,共享课程资源。\n"
    assert metadata_of(page).title == "青禾县三所小学结对共建"


def test_title_skips_an_e_papers_page_furniture() -> None:
    # A page mark with its column, day links, a path from the front page, a link to the next
    # article: the headline comes after them.
    page = (
        "B03:青禾新闻·教育\n"
        "前一天  后一天\n"
        "数字报首页 > 第B03版:青禾新闻·教育\n"
        "下一篇\n"
        "青禾县划定九个初中学区\n"
        "本报讯 青禾县教育局昨日公布九个初中学区的划片范围,各学区内学校共享师资。\n"
    )
    assert metadata_of(page).title == "青禾县划定九个初中学区"


def test_title_of_a_wire_story_is_the_headline_after_its_dateline() -> None:
    page = (
        "某某新闻网青禾5月6日电 题:探访山区县的教育振兴之路\n"
        "某某新闻网记者 周立\n"
        "过去五年,青禾县每年将财政收入的四分之三用于教育,新建学校十二所。\n"
    )
    assert metadata_of(page).title == "探访山区县的教育振兴之路"


def test_a_sentence_without_its_full_stop_is_no_title() -> None:
    page = (
        "座谈会上,青松小学李红、白桦中学王丽、鹿城实验幼儿园周敏3位教师讲述了支教体会,"
        "区政府赠送了锦旗,并向支教教师赠送慰问品\n"
        "会后,两区教育局签订了新一轮帮扶协议。\n"
    )
    assert metadata_of(page).title is None


def test_title_skips_a_sites_keyword_line() -> None:
    page = (
        "青禾 青禾县 政务公开 直通车 办事指南 人才云\n"
        "联系我们\n"
        "关于开展2024年度研学基地申报工作的通知\n"
        "各学校:现将有关事项通知如下。\n"
    )
    assert metadata_of(page).title == "关于开展2024年度研学基地申报工作的通知"


def test_a_catalogue_value_between_cell_bars_leaves_the_bars_out() -> None:
    page = "索引号: | 0012-2024-0003 | 发布机构: | 青禾县教育体育局 |\n关于做好开学工作的通知\n各学校:请做好开学准备。\n"
    assert metadata_of(page).issuer == "青禾县教育体育局"


@pytest.mark.parametrize(
    "first_line",
    [
        "文_青禾日报全媒体记者 / 周明远",
        "本报记者 李清 王越",
        "▲点击观看全程视频",
        "当前报纸名称:青禾日报",
    ],
)
def test_a_credit_prompt_or_e_paper_label_is_no_title(first_line: str) -> None:
    page = f"{first_line}\n近日,青禾县教育局召开座谈会,听取家长对课后服务的意见和建议。\n"
    assert metadata_of(page).title is None


@pytest.mark.parametrize(
    "first_line",
    ["发布部门: 青禾县人民政府", "(资料图片)", "青禾在线3月8日讯(通讯员"],
)
def test_a_catalogue_line_caption_or_news_lead_is_no_title(first_line: str) -> None:
    page = f"{first_line}\n近日,青禾县教育局召开座谈会,听取家长对课后服务的意见和建议。\n"
    assert metadata_of(page).title is None


@pytest.mark.parametrize(
    "head",
    [
        "2021年3月8日 星期一\n",  # a portal header's date and weekday
        "来信时间:2021年3月8日\n回复单位:青禾县教育局\n",  # the rows of a form
        "建议编号:18号\n提议人:周明远\n",
        "青禾在线网—全国一流教育门户网站\n",  # a site's name and its motto
        "当前版: 03版 上一版  下一版\n",  # an e-paper's page links
    ],
)
def test_a_date_line_form_rows_or_a_site_motto_are_no_title(head: str) -> None:
    page = f"{head}近日,青禾县教育局召开座谈会,听取家长对课后服务的意见和建议。\n"
    assert metadata_of(page).title is None


def test_a_form_row_beside_a_headline_leaves_the_headline_the_title() -> None:
    page = "访谈:青禾县教育局局长谈课后服务\n近日,青禾县教育局召开座谈会,听取家长的意见和建议。\n"
    assert metadata_of(page).title == "访谈:青禾县教育局局长谈课后服务"


def test_catalogue_labels_padded_inside_brackets_are_read() -> None:
    page = (
        "[ 索引号 ] 11500000009276804M/2021-00001 [ 发文字号 ]\n"
        "[ 主题分类 ] 教育 [ 体裁分类 ] 其他\n"
        "[ 发布机构 ] 青禾县教育局\n"
        "[ 成文日期 ] 2021-03-08 [ 发布日期 ] 2021-03-09\n"
        "青禾县教育局关于县政协第12号提案的答复函\n"
        "周明远委员:\n您提出的提案收悉。现答复如下。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "青禾县教育局关于县政协第12号提案的答复函"
    assert (meta.index_number, meta.category) == ("11500000009276804M/2021-00001", "教育")
    # the document's date is its publication's (ANNOTATION.md lists 发布 first); 成文 is kept
    assert (meta.issuer, meta.date, meta.written_on) == ("青禾县教育局", "2021-03-09", "2021-03-08")
    assert meta.recipients == ("周明远委员",)


def test_a_page_published_after_its_signature_is_dated_by_its_publication() -> None:
    page = (
        "关于做好青禾县2020年暑期安全工作的通知\n"
        "来源:县教育局 发布时间:2020-07-10 浏览次数:\n"
        "各学校:\n现将有关事项通知如下,请认真贯彻落实。\n"
        "青禾县教育局\n2020年7月3日\n"
    )
    meta = metadata_of(page)
    assert (meta.date, meta.published_on, meta.written_on) == (
        "2020-07-10",
        "2020-07-10",
        "2020-07-03",
    )


def test_a_disclosure_rows_name_is_the_title_and_its_empty_number_no_recipient() -> None:
    page = (
        "索引号: 11341723556342452T/202103-00009 组配分类: 提案办理\n"
        "发布机构: 青禾县教育局 主题分类: 教育\n"
        "名称: 关于对县政协第12号提案的答复函 文号:\n"
        "生成日期: 2021-03-08\n"
        "周明远委员:\n您提出的提案收悉。现答复如下。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "关于对县政协第12号提案的答复函"
    assert meta.recipients == ("周明远委员",)


def test_an_e_papers_media_row_and_dated_header_are_no_title() -> None:
    page = (
        "青禾报业集团旗下媒体: 青禾日报 |青禾晚报 |青禾网 |青禾商报 返回首页\n"
        "2021年06月04日 星期五  报料热线:12345\n"
        "上一篇    下一篇\n"
        "青禾县新建三所学校交付使用\n"
        "本报讯(记者周明远)日前,青禾县新建的三所学校交付使用,新增学位2400个。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("青禾县新建三所学校交付使用", "2021-06-04")


def test_a_dated_header_gives_way_to_the_documents_own_date() -> None:
    page = (
        "2024年8月21日 星期三\n"
        "关于县政协第27号提案的答复\n"
        "周明远委员:\n你们提出的提案收悉,现答复如下。\n县教育局\n2023年7月4日\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("关于县政协第27号提案的答复", "2023-07-04")


_STORY = "5月6日,青禾县召开课后服务推进会。会议指出,各校要做好课后服务工作。\n"


@pytest.mark.parametrize(
    "byline",
    ["青禾融媒 2021-05-06 15:52:27\n", "来源:青禾县教育局发布时间:2021-05-06\n"],
)
def test_a_byline_dates_a_page_without_a_headline(byline: str) -> None:
    meta = metadata_of(byline + _STORY)
    assert (meta.title, meta.date) == (None, "2021-05-06")


def test_a_timed_byline_above_a_headline_dates_the_page() -> None:
    # An app's post: its name and the moment of posting, then a headline cut into short lines.
    page = "云上青禾2026-01-29 20:37:26\n青禾二中\n将于1月31日起\n搬迁至新校区\n" + _STORY
    assert metadata_of(page).date == "2026-01-29"


def test_a_date_label_run_on_after_a_source_ends_the_source() -> None:
    meta = metadata_of("来源:青禾县教育局发布时间:2021-05-06\n" + _STORY)
    assert (meta.issuer, meta.date) == ("青禾县教育局", "2021-05-06")
    # Without its colon, the words after another word are no label.
    assert metadata_of("以本次发布时间 为准。\n" + _STORY).date is None


def test_a_search_box_or_a_menu_word_above_the_headline_is_no_title() -> None:
    search = "快捷搜索:  汽车  科技\n青禾县第六中学新校区在什么地方\n6月29日,青禾县第六中学新校区奠基仪式举行。\n"
    assert metadata_of(search).title == "青禾县第六中学新校区在什么地方"
    menu = "购物车\n我的足迹\n周明远局长在青禾县教育装备展示会开幕式上的致辞\n尊敬的各位领导、各位来宾:大家上午好!今天我们相聚在这里。\n"
    assert metadata_of(menu).title == "周明远局长在青禾县教育装备展示会开幕式上的致辞"


def test_a_number_in_a_table_cell_is_no_title_and_a_labelled_number_is_no_title() -> None:
    page = (
        "青政发〔2021〕9号 |\n"
        "青禾县人民政府关于表彰优秀教师的决定 |\n"
        "各乡镇人民政府: 近年来,全县教师爱岗敬业,成绩显著。\n"
    )
    assert metadata_of(page).title == "青禾县人民政府关于表彰优秀教师的决定"
    labelled = (
        "发布文号: 青政办〔2021〕3号\n各乡镇人民政府:\n现将《青禾县教育督导办法》印发给你们。\n"
    )
    meta = metadata_of(labelled)
    assert (meta.title, meta.doc_number) == ("青禾县教育督导办法", "青政办〔2021〕3号")


def test_a_title_whose_matter_wraps_goes_on_to_the_line_naming_the_kind_of_document() -> None:
    page = (
        "关于进一步加强青禾县乡村\n"
        "小规模学校建设的意见\n"
        "各乡镇人民政府:\n"
        "为办好乡村小规模学校,现提出如下意见。\n"
    )
    assert metadata_of(page).title == "关于进一步加强青禾县乡村小规模学校建设的意见"


_SUMMARY = "近日,青禾县教育局调整了城区小学招生范围,今年秋季起按街道划片,涉及学校十二所,家长可关注后续安排。\n"


@pytest.mark.parametrize(
    ("headline", "after"),
    [
        # It names a kind of document.
        ("青禾县教育局关于做好城区小学招生工作的通知", "各学校:\n"),
        # It stands over a byline.
        ("青禾县小学招生新规出炉", "来源:县教育局 发布时间:2021-05-06\n"),
        # The summary restates it.
        ("青禾县教育局调整了城区小学招生范围", ""),
    ],
)
def test_the_headline_after_a_pages_summary_paragraph_is_the_title(headline: str, after: str):
    page = (
        _SUMMARY
        + headline
        + "\n"
        + after
        + "一、调整范围。城区小学按街道划片招生,初中按小学对口升学。\n"
    )
    assert metadata_of(page).title == headline


@pytest.mark.parametrize(
    "first",
    [_SUMMARY, "本报讯(通讯员 白鹭)近日,青禾县教育局调整了城区小学招生范围,涉及学校十二所。\n"],
)
def test_a_section_heading_after_a_first_paragraph_or_a_news_lead_is_no_title(first: str):
    # A plain heading after the story's first paragraph is a section's (一、… or a subheading).
    page = first + "城区小学划片情况\n城区小学按街道划片招生,初中按小学对口升学。各校做好宣传。\n"
    assert metadata_of(page).title is None


def test_title_is_the_head_line_the_text_repeats_in_quotes() -> None:
    page = (
        "书香润童心 阳光伴成长\n"
        "2022年青禾县教育工作要点\n"
        "各学校:\n"
        "现将《2022年青禾县教育工作要点》印发给你们,请认真贯彻执行。\n"
    )
    assert metadata_of(page).title == "2022年青禾县教育工作要点"


def test_an_issuing_notice_that_opens_with_its_addressees_is_titled_by_what_it_issues() -> None:
    # No heading line: the 主送 lines come first (wrapped), then the sentence that issues the
    # document.
    page = (
        "各功能区管委\n"
        "各镇人民政府,各街道办事处,青禾湖省级自然保护区管委,管委各部门,区直各单位,驻区各单位:\n"
        "《青禾区教育强区建设三年行动计划》已经区政府研究同意,现印发给你们,请认真贯彻落实。\n"
        "青禾区人民政府办公室\n2024年2月28日\n"
    )
    assert metadata_of(page).title == "青禾区教育强区建设三年行动计划"


def test_title_skips_a_newspaper_masthead_the_text_quotes() -> None:
    page = "青禾日报\n青禾县新增三所公办幼儿园\n据《青禾日报》报道,青禾县今年新增三所公办幼儿园。\n"
    assert metadata_of(page).title == "青禾县新增三所公办幼儿园"


def test_title_of_an_html_page_is_the_line_its_page_title_shows(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>新闻|青禾县新增三所公办幼儿园_青禾县人民政府网</title></head><body>"
        "<div>青禾县人民政府网</div><div>阳光教育 温暖你我 共同成长 携手未来</div>"
        "<h1>青禾县新增三所公办幼儿园</h1>"
        "<p>今年秋季,青禾县新增三所公办幼儿园,新增学位540个。</p></body></html>",
        encoding="utf-8",
    )
    assert read_document(page).metadata.title == "青禾县新增三所公办幼儿园"


def test_title_is_not_a_page_title_that_only_names_the_site(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>青禾县人民政府网</title></head><body>"
        "<div>青禾县人民政府网</div><h1>青禾县新增三所公办幼儿园</h1>"
        "<p>今年秋季,青禾县新增三所公办幼儿园,新增学位540个。</p></body></html>",
        encoding="utf-8",
    )
    assert read_document(page).metadata.title == "青禾县新增三所公办幼儿园"


def test_title_reads_a_disclosure_table_with_labels_in_cells_of_their_own() -> None:
    page = (
        "信息名称\n关于做好秋季学期开学工作的通知\n"
        "发布机构:\n青禾县教育局\n"
        "生成日期\n2022-08-25\n"
        "各学校:\n为做好秋季学期开学工作,现将有关事项通知如下。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.issuer, meta.date) == (
        "关于做好秋季学期开学工作的通知",
        "青禾县教育局",
        "2022-08-25",
    )


def test_title_wrapped_over_lines_keeps_its_issuer_and_whole_subject() -> None:
    page = (
        "青禾县教育体育局\n"
        "关于印发《青禾县学前教育\n"
        "三年行动计划》的通知\n"
        "青教体〔2023〕7号\n"
        "各乡镇中心学校:\n"
        "现将《青禾县学前教育三年行动计划》印发给你们,请认真组织实施。\n"
    )
    assert metadata_of(page).title == "青禾县教育体育局关于印发《青禾县学前教育三年行动计划》的通知"


def test_title_wrapped_after_a_conjunction_goes_on_to_its_next_part() -> None:
    # No title ends with 及: 某局2023年工作总结及 / 2024年工作思路 is one title.
    page = (
        "白鹭县教育局2023年工作总结及\n"
        "2024年工作思路\n"
        "2023年,全县教育系统围绕立德树人根本任务,推动各项工作落地见效。\n"
    )
    assert metadata_of(page).title == "白鹭县教育局2023年工作总结及2024年工作思路"


def test_title_printed_as_its_issuers_line_then_its_matter_keeps_both() -> None:
    page = (
        "中共青禾县委教育工委 青禾县教育体育局\n"
        "2024年工作要点\n"
        "2024年全县教育工作的总体要求是:坚持立德树人,深化教育改革,办好人民满意的教育。\n"
    )
    assert metadata_of(page).title == "中共青禾县委教育工委 青禾县教育体育局2024年工作要点"


def test_a_bulleted_list_of_fields_under_the_headline_is_no_title() -> None:
    page = (
        "青禾县教育局关于做好2024年春季开学工作的通知\n"
        "  • 分类:通知公告\n"
        "  • 作者:\n"
        "  • 发布时间:2024-02-20 09:30\n"
        "各中小学、幼儿园:现将春季开学有关事项通知如下,请认真贯彻落实。\n"
    )
    assert metadata_of(page).title == "青禾县教育局关于做好2024年春季开学工作的通知"


def test_a_bulleted_list_of_a_pages_values_and_tags_above_the_headline_is_no_title() -> None:
    # A disclosure page copied without its labels: the values stand as bulleted items, and a
    # line of categories has the commas of a sentence cut before its full stop.
    page = (
        "  • 000000001/2024-00031\n"
        "  • 青禾县教育局\n"
        "  • 教育,通知公告,政策解读,招生\n"
        "  • 2024-06-12\n"
        "关于“加强乡村学校音体美教师配备”建议的答复\n"
        "李某某代表:\n"
        "您提出的关于加强乡村学校音体美教师配备的建议收悉,现答复如下。\n"
    )
    assert metadata_of(page).title == "关于“加强乡村学校音体美教师配备”建议的答复"


def test_a_sentence_of_short_clauses_is_still_a_paragraph_not_a_title() -> None:
    page = "一是抓党建,二是抓教学,三是抓安全,四是抓队伍\n全年各项工作稳步推进。\n"
    assert metadata_of(page).title is None


def test_an_events_days_without_a_year_are_no_title() -> None:
    page = "5月18日-19日\n青禾县举行集团化办学签约仪式\n5月18日,青禾县三个教育集团与成员校签约。\n"
    assert metadata_of(page).title == "青禾县举行集团化办学签约仪式"


def test_title_comes_after_the_pages_path_not_from_the_site_header_over_it() -> None:
    page = (
        "办人民满意的青禾教育\n"
        "您目前的位置: 首页 » 通知公告\n"
        "\n"
        "2024年青禾县教育工作要点\n"
        "\n"
        "2024年全县教育工作的总体要求是:坚持立德树人,深化改革,办好人民满意的教育。\n"
    )
    assert metadata_of(page).title == "2024年青禾县教育工作要点"


def test_title_is_not_a_document_the_first_paragraph_reports_as_issued_elsewhere() -> None:
    page = "近日,省教育厅印发《关于推进集团化办学的指导意见》,提出到2025年实现全覆盖。\n"
    assert metadata_of(page).title is None


# 2. Portal decoration is not part of the title.


@pytest.mark.parametrize(
    "line",
    [
        "新闻|青禾县新建两所公办幼儿园",
        "| 青禾县新建两所公办幼儿园 |",
        "青禾县新建两所公办幼儿园 - 青禾教育网",
        "青禾县新建两所公办幼儿园_青禾县人民政府网",
        "【要闻】青禾县新建两所公办幼儿园",
    ],
)
def test_title_leaves_out_portal_decoration(line: str) -> None:
    page = f"{line}\n今年秋季,青禾县新建的两所公办幼儿园将投入使用,新增学位540个。\n"
    assert metadata_of(page).title == "青禾县新建两所公办幼儿园"


def test_title_keeps_a_dash_between_years() -> None:
    page = "青禾县教育事业发展规划 (2021 - 2025年)\n为推进全县教育事业发展,制定本规划。\n"
    assert metadata_of(page).title == "青禾县教育事业发展规划 (2021 - 2025年)"


def test_title_leaves_out_a_leading_document_number() -> None:
    page = "青教发[2021]3号关于印发《青禾县教育局2021年工作要点》的通知\n各学校:\n现将有关要点印发给你们。\n"
    meta = metadata_of(page)
    assert meta.title == "关于印发《青禾县教育局2021年工作要点》的通知"
    assert meta.doc_number == "青教发[2021]3号"


def test_title_is_a_file_name_as_shown_but_not_its_appended_number() -> None:
    shown = "青禾县教育局2021年工作总结.docx\n今年以来,我局围绕年度目标扎实推进各项工作。\n"
    assert metadata_of(shown).title == "青禾县教育局2021年工作总结.docx"
    numbered = "关于印发《2021年工作要点》的通知 青教〔2021〕2号.pdf\n各学校:现将要点印发给你们。\n"
    assert metadata_of(numbered).title == "关于印发《2021年工作要点》的通知"


# 3. Date labels and formats; no year, no date.


@pytest.mark.parametrize(
    ("byline", "date"),
    [
        ("时间:2019/10/24 10:30", "2019-10-24"),
        ("日期:24.10.2019", "2019-10-24"),
        ("发布于 2019.10.24", "2019-10-24"),
        ("作者:王敏  发布时间:2019年10月24日 10:30", "2019-10-24"),
        ("发表日期:2019-10-24 来源: 作者:", "2019-10-24"),  # a school site's byline
        ("发表时间:2019-10-24 10:30", "2019-10-24"),
        ("发布时间:10-24 10:30", None),
    ],
)
def test_date_is_read_from_a_labelled_byline(byline: str, date: str | None) -> None:
    page = f"青禾县举办校园科技节\n{byline}\n10月24日,青禾县第五届校园科技节开幕。\n"
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("青禾县举办校园科技节", date)


@pytest.mark.parametrize("adverb", ["日前", "近日", "今年以来"])
def test_a_lead_sentence_opened_by_a_time_adverb_is_no_headline(adverb: str) -> None:
    page = (
        f"{adverb},白鹭市教育局发布《关于公布首批乡村温馨校园名单的通知》\n"
        "各县区教育局:\n"
        "经评审,确定青禾小学等20所学校为首批乡村温馨校园,现予公布。\n"
    )
    assert metadata_of(page).title is None


def test_a_date_in_figures_with_its_authors_is_a_dateline_not_the_title() -> None:
    # A short headline (under a headline's usual length) over a post's date and authors.
    page = "风好正当时\n2018-11-30王敏李强\n王敏 李强\n编者按:青禾县的教师们敢做教育的先行者。\n"
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("风好正当时", "2018-11-30")


def test_date_opening_a_long_byline_with_its_labels_after_it_is_read() -> None:
    byline = "2019-10-24  标签:科技节 青禾 白鹭  来源:青禾新闻网  作者:王敏 李强 张华"
    page = (
        f"青禾县举办校园科技节\n\n{byline}\n  青禾新闻网10月24日讯 青禾县第五届校园科技节开幕。\n"
    )
    assert metadata_of(page).date == "2019-10-24"


def test_date_is_the_one_printed_under_the_last_sentence_without_its_signer() -> None:
    page = (
        "各县人民政府,县直各部门:\n"
        "《青禾县教育事业发展规划》已经县人民政府同意,现印发给你们,请认真组织实施。\n"
        "二〇一九年五月十二日\n"
        "青禾县教育事业发展规划\n"
        "为促进教育事业发展,制定本规划。\n"
    )
    assert metadata_of(page).date == "2019-05-12"


def test_date_is_read_from_a_timed_stamp_over_the_headline() -> None:
    page = "来源: 2016-09-02 15:57:23\n青禾县新增三所幼儿园\n青禾县今年新增三所公办幼儿园,新增学位900个。\n"
    assert metadata_of(page).date == "2016-09-02"


def test_parse_date_reads_day_month_year_and_dotted_forms() -> None:
    assert parse_date("24.10.2019") == "2019-10-24"
    assert parse_date("2019.10.24") == "2019-10-24"
    assert parse_date("2019/10/24") == "2019-10-24"
    assert parse_date("2019年10月24日 10:30") == "2019-10-24"
    assert parse_date("10月24日") is None


# 4. A label followed by white space instead of a colon.


def test_labels_followed_by_white_space_are_read_like_labels_with_a_colon() -> None:
    page = (
        "索 引 号 11330000/2020-00012\n"
        "发布机构 青禾县教育局    生成日期 2020-03-02\n"
        "关于开展春季学校安全检查的通知\n"
        "各学校:\n为确保春季开学安全,现将有关事项通知如下。\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date, meta.index_number) == (
        "青禾县教育局",
        "2020-03-02",
        "11330000/2020-00012",
    )
    assert meta.title == "关于开展春季学校安全检查的通知"


def test_a_two_character_label_spaced_apart_at_a_lines_start_is_a_label() -> None:
    # A disclosure table justifies its short labels (标  题, 文  号); a word is never spaced so.
    page = (
        "发布机构 青禾县教育局 发布日期 2015-10-12\n"
        "标  题 王明局长调研青禾县义务教育均衡发展工作\n"
        "王明局长调研青禾县义务教育均衡发展工作\n"
        "10月10日,县教育局局长王明到白鹭镇调研义务教育均衡发展工作。\n"
    )
    assert metadata_of(page).title == "王明局长调研青禾县义务教育均衡发展工作"
    # unspaced, 标题 is an ordinary word at a line's start
    prose = "标题 新颖的作文更受欢迎\n青禾县中小学作文比赛揭晓\n本次比赛共收到作文300篇。\n"
    assert metadata_of(prose).title != "新颖的作文更受欢迎"


def test_a_speakers_headline_between_a_path_and_a_byline_is_the_title() -> None:
    # 某某某:… is a headline quoting its speaker, though the lines around it are label rows.
    page = (
        "您的位置:青禾网 > 融媒体访谈 > 正文\n"
        "林青禾:全面开启青禾县学校项目建设\n"
        "更新时间:2019年8月21日 16:10    内容来源:\n"
        "网友:现在孩子上学难的问题日益凸显,白鹭镇在学校建设上有什么举措?\n"
        "林青禾:教育是最大的民生。目前,白鹭镇有幼儿园10所,小学2所,中学1所。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("林青禾:全面开启青禾县学校项目建设", "2019-08-21")
    # a form's rows keep their labels, however long the value (完成期限:…)
    rows = "牵头单位:青禾县教育局\n完成期限:2023年12月底前完成全部建设任务\n"
    assert metadata_of(rows + page).title == "林青禾:全面开启青禾县学校项目建设"


def test_a_report_cover_gives_its_wrapped_title_issuer_and_a_date_typed_with_a_letter_o() -> None:
    # A cover page: the title wraps before its kind of document, the issuer and the date
    # (its 〇 typed as a letter O) stand under it, a table of contents follows.
    page = (
        "青禾县2023年中等职业教育\n"
        "质量年度报告\n"
        "青禾县教体局\n"
        "二O二二年十二月二十日\n"
        "目 录\n"
        "1.1规模和结构.................. 3\n"
        "1.2设施设备.................... 5\n"
        "青禾县有中等职业学校3所,在校生4500人,专任教师320人,教学仪器设备总值4000万元。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.issuer, meta.date) == (
        "青禾县2023年中等职业教育质量年度报告",
        "青禾县教体局",
        "2022-12-20",
    )


def test_a_table_of_contents_entry_is_no_title() -> None:
    # A budget disclosure that opens with its contents has no headline of its own.
    page = (
        "目 录\n"
        "第一部分 部门概况\n"
        "一、部门主要职责\n"
        "第二部分 2021年部门预算说明\n"
        "一、部门主要职责\n"
        "青禾县教育局负责全县教育事业的统筹规划和管理,贯彻执行国家教育方针、政策和法规。\n"
    )
    assert metadata_of(page).title is None


def test_labels_in_brackets_are_read_like_labels_with_a_colon() -> None:
    page = (
        "【发布机构】青禾县教育局【发布日期】2020-03-02\n"
        "关于开展春季学校安全检查的通知\n"
        "各学校:\n为确保春季开学安全,现将有关事项通知如下。\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date, meta.title) == (
        "青禾县教育局",
        "2020-03-02",
        "关于开展春季学校安全检查的通知",
    )


# 5. 发文字号 variants, kept verbatim.


@pytest.mark.parametrize(
    ("written", "verbatim"),
    [
        ("青教〔2021〕5号", "青教〔2021〕5号"),
        ("青教[2021]5号", "青教[2021]5号"),
        ("青教(2021)5号", "青教(2021)5号"),
        ("青教【2021】5号", "青教【2021】5号"),
        ("青教 〔2021〕 5 号", "青教〔2021〕5号"),
        ("青教〔２０２１〕５号", "青教〔2021〕5号"),
    ],
)
def test_doc_number_is_kept_verbatim_in_any_bracket(written: str, verbatim: str) -> None:
    page = f"青禾县教育局文件\n{written}\n关于公布优秀教研成果的通知\n各学校:\n现将评选结果予以公布。\n"
    assert metadata_of(page).doc_number == verbatim


def test_doc_number_cited_after_a_quoted_title_is_not_the_documents_own() -> None:
    page = (
        "关于转发学前教育行动计划的通知\n"
        "各乡镇中心学校:\n"
        "现将《青禾市学前教育行动计划》(青政办〔2020〕8号)转发给你们,请认真组织实施。\n"
    )
    assert metadata_of(page).doc_number is None


def test_document_id_is_the_same_whichever_brackets_its_number_has(tmp_path: Path) -> None:
    ids = set()
    for i, number in enumerate(("青教〔2021〕5号", "青教[2021]5号")):
        path = tmp_path / f"n{i}.txt"
        path.write_text(f"青禾县教育局文件\n{number}\n关于公布成果的通知\n各学校:\n现予公布。\n")
        ids.add(read_document(path).doc_id)
    assert len(ids) == 1


# Portal footer and link lists.

FOOTER_PAGE = """\
青禾县举行教育集团签约仪式
发布时间:2023-09-01
9月1日,青禾县实验小学教育集团举行签约仪式,三所成员校加入集团。
兄弟县区网站
省政府部门网站
市(州)政府网站
友情链接
版权所有:青禾县人民政府主办:青禾县人民政府办公室
承办:青禾县大数据中心  网站标识码:0000000000
"""


def test_link_lists_of_other_sites_are_not_body_text() -> None:
    body = body_of(FOOTER_PAGE)
    assert body.splitlines()[-1].startswith("9月1日")
    for link in ("兄弟县区网站", "省政府部门网站", "市(州)政府网站", "友情链接"):
        assert link not in body


def test_footer_bodies_are_read_with_or_without_unit_and_when_glued() -> None:
    meta = metadata_of(FOOTER_PAGE)
    assert (meta.site_owner, meta.site_publisher, meta.site_operator) == (
        "青禾县人民政府",
        "青禾县人民政府办公室",
        "青禾县大数据中心",
    )


@pytest.mark.parametrize(
    "footer",
    [
        "版权所有 © 2023 青禾县教育局",
        "青禾县教育局 版权所有",
        "Copyright © 2023 青禾县教育局 All Rights Reserved",
        "青禾县教育局版权所有",
        "主办单位:青禾县教育局 版权所有",
    ],
)
def test_footer_copyright_holder_is_read_before_or_after_the_label(footer: str) -> None:
    page = f"青禾县举办校园科技节\n10月24日,青禾县第五届校园科技节开幕。\n{footer}\n"
    assert metadata_of(page).site_owner == "青禾县教育局"


@pytest.mark.parametrize(
    "code",
    ["430626000/2023-00012", "43062600-2023-00012", "K12345-02-2021-0001", "MB1955426/2021-00210"],
)
def test_a_labelled_index_number_of_any_portal_shape_is_read(code: str) -> None:
    text = (
        f"信息名称:青禾县教育局2023年工作要点\n索引号:{code}\n发布机构:青禾县教育局\n"
        "生成日期:2023-02-10\n青禾县教育局2023年工作要点\n全县教育工作坚持立德树人。\n"
    )
    assert metadata_of(text).index_number == code


@pytest.mark.parametrize("label", ["信息索引号 ", "索引号码:", "  • 索引号码:"])
def test_the_index_numbers_label_variants_are_read(label: str) -> None:
    text = (
        f"{label}430626000/2023-00012 主题分类: 教育\n发布机构 青禾县教育局\n"
        "青禾县教育局2023年工作要点\n全县教育工作坚持立德树人。\n"
    )
    assert metadata_of(text).index_number == "430626000/2023-00012"


def test_an_index_label_without_a_code_gives_none() -> None:
    text = "索引号:无\n青禾县教育局2023年工作要点\n全县教育工作坚持立德树人。\n"
    assert metadata_of(text).index_number is None


@pytest.mark.parametrize(
    ("header", "issuer", "date"),
    [
        ("发布单位:青禾县教育局  发布时间:2023/08/25 09:30", "青禾县教育局", "2023-08-25"),
        ("发文单位:青禾县教育局\n印发日期:2023年8月25日", "青禾县教育局", "2023-08-25"),
        ("发布部门:青禾县教育局\n日期:二〇二三年八月二十五日", "青禾县教育局", "2023-08-25"),
    ],
)
def test_issuer_and_date_labels_portals_use(header: str, issuer: str, date: str) -> None:
    text = f"关于做好秋季学期开学工作的通知\n{header}\n各学校:\n现就开学工作通知如下。\n"
    meta = metadata_of(text)
    assert (meta.issuer, str(meta.date)) == (issuer, date)


# Pages of other kinds: a newspaper's page, an interview's labels, a headline's leading symbol.


def test_a_newspaper_page_is_titled_by_its_headline_and_dated_by_its_masthead() -> None:
    meta = metadata_of(
        "青禾日报 2023年5月6日 第03版\n青禾县新建三所小学\n记者 王丽\n"
        "今年,青禾县新建小学三所,新增学位2700个。\n"
    )
    assert meta.title == "青禾县新建三所小学"
    assert meta.date == "2023-05-06"


def test_a_masthead_that_names_its_page_is_still_a_masthead() -> None:
    meta = metadata_of(
        "青禾日报 2023年5月6日 第03版:教育周刊\n青禾县新建三所小学\n本报记者 王丽\n"
        "今年,青禾县新建小学三所,新增学位2700个。\n"
    )
    assert (meta.title, meta.date) == ("青禾县新建三所小学", "2023-05-06")


def test_a_headline_above_a_stamped_byline_is_the_title_not_the_account_name() -> None:
    meta = metadata_of(
        "青禾教育发布\n青禾县:三所新学校今秋投用\n原创 青禾教育 2023-08-28 18:02 发表于四川\n"
        "今年秋季,全县三所新建学校投入使用。\n"
    )
    assert (meta.title, meta.date) == ("青禾县:三所新学校今秋投用", "2023-08-28")


def test_an_interview_titled_by_its_theme_label_is_an_interview() -> None:
    meta = metadata_of(
        "访谈主题:青禾县课后服务工作推进情况\n访谈时间:2022-05-12 10:00\n"
        "访谈嘉宾:青禾县教育局局长 张伟\n主持人:各位网友大家好。\n张伟:谢谢主持人。\n"
    )
    assert meta.title == "青禾县课后服务工作推进情况"
    assert meta.doc_type == "interview"
    assert meta.date == "2022-05-12"


def test_title_leaves_out_a_leading_symbol() -> None:
    meta = metadata_of(
        "■ 青禾县教育局2024年工作要点\n发布时间:2024年01月08日 信息来源:县教育局\n"
        "2024年全县教育工作的总体要求是坚持立德树人。\n"
    )
    assert meta.title == "青禾县教育局2024年工作要点"


def test_a_byline_without_labels_is_dated_by_its_stamp_with_a_clock_time() -> None:
    meta = metadata_of(
        "青禾县12所学校入选省级智慧校园\n原创 青禾教育 2023-05-06 18:30 发表于江苏\n"
        "近日,省教育厅公布了智慧校园名单。\n"
    )
    assert meta.date == "2023-05-06"


def test_a_bar_between_byline_fields_ends_the_source() -> None:
    meta = metadata_of(
        "青禾县召开教育工作会议\n来源:青禾县教育局 | 发布日期:2023-05-06 | 浏览量:1234\n"
        "5月5日,全县教育工作会议召开。\n"
    )
    assert meta.issuer == "青禾县教育局"
    assert meta.date == "2023-05-06"


def test_a_disclosure_table_read_as_rows_of_cells() -> None:
    meta = metadata_of(
        "索引号\t11530100MB0123456X/2023-00012\t文号\t青教通〔2023〕21号\n"
        "发布机构\t青禾县教育局\t生成日期\t2023-05-06\n"
        "信息名称\t青禾县教育局关于开展暑期安全教育的通知\n"
        "各中小学:\n为做好暑期安全教育工作,现通知如下。\n"
    )
    assert meta.title == "青禾县教育局关于开展暑期安全教育的通知"
    assert meta.issuer == "青禾县教育局"
    assert meta.date == "2023-05-06"
    assert meta.doc_number == "青教通〔2023〕21号"
    assert meta.index_number == "11530100MB0123456X/2023-00012"


def test_a_disclosure_rows_empty_cell_and_view_counter_are_no_value_and_no_title() -> None:
    # | 文 号 | | : a two-character label alone between a row's bars is a label, and its empty
    # cell leaves the issuer before it whole; a view counter's cell is no headline.
    page = (
        "索 引 号 | 11500000009276804M/2023-00042 | 主题分类 | 教育 |\n"
        "发布机构 | 政府办公室 | 文 号 | |\n"
        "成文日期 | 2023-05-13 | 浏览量 |\n"
        "各乡镇,各相关单位:\n"
        "为科学规划中小学、幼儿园布局,现根据我县实际情况,特制定本规划,请各相关单位遵照执行。\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.doc_number, meta.date) == ("政府办公室", None, "2023-05-13")
    assert meta.title is None


def test_a_headline_set_in_black_brackets_is_the_title_and_its_byline_dates_it() -> None:
    page = (
        "【青禾县四所学校组建城乡教育联盟】\n\n"
        "时间:2021-02-25 来源: 青禾县地方志办公室\n\n"
        "2月25日,青禾县四所学校组建城乡教育联盟,四所学校的校长签署了合作协议,"
        "联盟将在课程、师资和管理方面开展合作。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("青禾县四所学校组建城乡教育联盟", "2021-02-25")


def test_a_disclosure_rows_responsible_office_and_keywords_end_the_issuer() -> None:
    page = (
        "索 引 号 123456789/2021-00015 文  号 生成日期 2021-05-20\n"
        "发布机构 青禾区教育局 责任部门 青禾区教育局(基教科) 关 键 字\n"
        "公开方式 主动公开 公开时限 长期公开 是否有效 有效\n\n"
        "青禾区2021年幼儿园秋季招生办法\n\n"
        "今年秋季,全区公办幼儿园按片区招收小班幼儿,具体办法如下。\n"
    )
    meta = metadata_of(page)
    assert meta.issuer == "青禾区教育局"
    assert meta.title == "青禾区2021年幼儿园秋季招生办法"


def test_a_catalogue_rendered_as_a_bulleted_list_gives_values_without_their_bullets() -> None:
    page = (
        "  • [ 索引号 ]\n  • 123456789/2022-00031\n"
        "  • [ 发布机构 ]\n  • 青禾区人民政府\n"
        "  • [ 成文日期 ]\n  • 2022-03-08\n"
        "青禾区人民政府关于加强校园周边安全管理的通知\n"
        "各镇街,区级各部门:为保障师生安全,现就有关事项通知如下。\n"
    )
    meta = metadata_of(page)
    assert meta.issuer == "青禾区人民政府"
    assert meta.title == "青禾区人民政府关于加强校园周边安全管理的通知"


def test_a_headline_ending_in_an_everyday_word_that_ends_like_a_body_is_the_title() -> None:
    # 格局 ends in 局, but is no bureau: the line is a headline, not a body's name.
    page = (
        "鹿城区推动城乡教育协同发展形成新格局\n"
        "开学第一周,鹿城区六所新建学校同时启用,全区新增学位两千余个,家长们纷纷点赞。\n"
    )
    assert metadata_of(page).title == "鹿城区推动城乡教育协同发展形成新格局"


def test_the_headline_comes_after_an_indented_path_to_the_story() -> None:
    page = (
        "        青禾县教育信息网欢迎您 2019年9月2日 星期一\n"
        "        您目前的位置:首页>通知公告>正文\n\n"
        "        青禾县教育局关于做好秋季学期开学工作的通知\n\n"
        "        新学期即将开始,各校要认真做好校舍安全检查、教材发放和学生报到等准备工作,"
        "确保开学平稳有序。\n"
    )
    assert metadata_of(page).title == "青禾县教育局关于做好秋季学期开学工作的通知"


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("温州市鹿城区教育局2023年工作要点", "温州市鹿城区教育局"),
        ("温州市教育局关于做好秋季开学工作的通知", "温州市教育局"),
        ("区教育局2022年工作总结", None),  # no area: a shared file, of no one known
        ("鹿城区教育局成立", None),  # news of the bureau, not a document it issued
        # the body before a time phrase (2021年以来) is the headline's object, not its author
        ("温州市督导组对鹿城区人民政府2021年以来推进教育工作情况开展督查", None),
    ],
)
def test_a_title_that_opens_with_a_body_and_its_area_names_the_issuer(
    title: str, issuer: str | None
) -> None:
    page = f"{title}\n\n全区教育系统坚持以人民为中心,深入推进教育改革,办好人民满意的教育。\n"
    assert metadata_of(page).issuer == issuer


def test_a_source_line_naming_the_titles_body_in_full_gives_the_issuer_as_written() -> None:
    # The title opens with the bureau's short form; the source line names the same bureau
    # with its city before it: the issuer is written as the page writes it in full.
    page = (
        "鹿城区教育局2020年教育资金投入和使用情况\n"
        "来源: 温州市鹿城区教育局  |   发布日期: 2020-12-16 15:45\n\n"
        "2020年,全区共投入资金7000多万元,完成新建项目和维修项目建设。\n"
    )
    assert metadata_of(page).issuer == "温州市鹿城区教育局"


@pytest.mark.parametrize(
    ("byline", "issuer"),
    [
        ("发布时间:2024-02-04 09:33:05   作者:青禾区政府办   来源:青禾区\n", "青禾区政府办"),
        ("发布时间:2024-02-04 09:33:05   作者:林青禾   来源:青禾区\n", None),  # a person
        (
            "发布时间:2024-02-04\n信息发布:青禾县教育事业服务保障中心\n",
            "青禾县教育事业服务保障中心",
        ),
    ],
)
def test_a_portals_writer_or_publisher_of_the_item_is_its_issuer(
    byline: str, issuer: str | None
) -> None:
    page = "青禾区落实教育资金投入 办好人民满意教育\n" + byline + "\n" + _STORY
    assert metadata_of(page).issuer == issuer


def test_a_banner_ending_with_a_colon_addresses_no_one() -> None:
    # A portal's banner with its date widget (今日是:) is no salutation: it holds a sentence's
    # end, which no list of addressed bodies does.
    page = (
        "温州市鹿城区人民政府门户网站! 今日是:\n"
        "鹿城区教育局2020年教育资金投入和使用情况\n"
        "来源: 温州市鹿城区教育局  |   发布日期: 2020-12-16 15:45\n\n"
        "2020年,全区共投入资金7000多万元,完成新建项目和维修项目建设。\n"
    )
    assert metadata_of(page).recipients == ()
    assert metadata_of("各街道办事处,区级各部门:\n现将计划印发给你们,请认真贯彻执行。\n").recipients


def test_the_body_a_title_opens_with_is_the_issuer_before_the_office_that_posted_it(
    tmp_path: Path,
) -> None:
    # The source line names the office that posted the page; the title names the author, with
    # a space before 关于. The office is still a body the page names.
    text = (
        "温州市鹿城区人民政府 关于印发鹿城区学前教育三年行动计划的通知\n"
        "发布日期:2019年03月02日  来源:区政府办公室\n"
        "各街道办事处,区级各部门:现将计划印发给你们,请认真贯彻执行。\n"
    )
    assert metadata_of(text).issuer == "温州市鹿城区人民政府"
    page = tmp_path / "notice.txt"
    page.write_text(text, encoding="utf-8")
    bodies = {
        name
        for e in extract(read_document(page)).entities
        if e.kind == ORG
        for name in (e.label, *e.alt_labels)
    }
    assert "区政府办公室" in bodies


def test_bodies_in_a_headline_printed_in_title_marks_and_in_a_cited_title_are_named(
    tmp_path: Path,
) -> None:
    # A page may print its own headline in 《》: the body there is the page's issuer; a cited
    # document's title names its issuer too. Both are bodies the page names (ANNOTATION.md).
    text = (
        "《温州市人民政府办公厅关于加强青禾教育督导的通知》\n"
        "发布日期:2019年03月02日\n"
        "各学校:\n"
        "为进一步加强青禾教育督导工作,根据《温州市教育局关于青禾阅读的意见》精神,"
        "提高全市中小学督导水平,现就有关事项通知如下。\n"
    )
    page = tmp_path / "notice.txt"
    page.write_text(text, encoding="utf-8")
    bodies = {e.label for e in extract(read_document(page)).entities if e.kind == ORG}
    assert bodies == {"温州市人民政府办公厅", "温州市教育局"}


def test_a_reprint_note_over_a_mirrored_article_is_no_headline() -> None:
    page = (
        "转载请注明温州市教育局政务微信“温州教育”\n"
        "今年,温州市新建学校十二所,全市中小学校舍面貌焕然一新。\n"
    )
    assert metadata_of(page).title is None


def test_a_publishers_login_is_no_issuer() -> None:
    page = (
        "索引号: 123456789/2017-00021 主题分类:\n发布机构: edu01 生成日期: 2017-02-20\n"
        "青禾县教育局2016年政府信息公开工作年度报告\n"
        "根据政府信息公开条例,特编制本年度报告。\n"
    )
    meta = metadata_of(page)
    assert meta.issuer != "edu01"
    assert meta.date == "2017-02-20"


def test_a_public_accounts_byline_of_its_name_and_a_date_dates_the_page() -> None:
    page = (
        "青禾区三所新学校明年春季启用\n\n"
        "青禾发布 2021-06-15\n\n"
        "点击蓝字关注我们\n\n"
        "区教育局介绍,三所学校的主体工程已经完工,将于明年春季学期启用。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "青禾区三所新学校明年春季启用"
    assert meta.date == "2021-06-15"


def test_a_district_name_shared_by_several_cities_sets_no_jurisdiction_unless_its_city_is_named():
    # 城区 is a district of several cities and a common word (主城区, 多城区).
    page = "青禾主城区小学招生范围出炉 新建小学三所\n发布时间:2021-05-06\n" + _STORY
    assert metadata_of(page).jurisdiction_chain == ()
    page = "阳泉市城区今年新建的三所小学全部投入使用\n发布时间:2021-05-06\n" + _STORY
    assert metadata_of(page).jurisdiction_chain == ("山西省", "阳泉市", "城区")


@pytest.mark.parametrize(
    ("issuer", "chain"),
    [
        ("黔东南州人民政府办公室", ("贵州省", "黔东南苗族侗族自治州")),
        ("五峰县教育局", ("湖北省", "宜昌市", "五峰土家族自治县")),
    ],
)
def test_an_autonomous_area_written_by_its_short_form_and_level_is_the_issuers_area(
    issuer: str, chain: tuple[str, ...]
):
    # 黔东南州, 五峰县: how most pages name 黔东南苗族侗族自治州 and 五峰土家族自治县.
    page = f"关于做好义务教育学校招生工作的通知\n各学校:\n现将有关事项通知如下。\n{issuer}\n2021年5月6日\n"
    meta = metadata_of(page)
    assert (meta.issuer, meta.jurisdiction_chain) == (issuer, chain)


def test_a_headline_ending_with_a_count_of_schools_is_a_title_not_a_bodys_name():
    # 所 heads an institute's name (某某研究所) and counts schools (小学三所).
    page = "青禾县今年新建小学三所\n发布时间:2021-05-06\n" + _STORY
    assert metadata_of(page).title == "青禾县今年新建小学三所"


def test_a_notices_date_under_its_note_of_attachments_is_its_date() -> None:
    # A web copy without the signer: the date stands alone under the 附: line, not the text.
    page = (
        "青教〔2021〕12号\n"
        "青禾县教育局\n"
        "关于公布2021年青禾县义务教育巩固率目标的通知\n"
        "各中小学:\n"
        "现将各校2021年义务教育巩固率目标下达给你们,请认真落实。\n"
        "附:青禾县各校2021年义务教育巩固率目标\n"
        "二○二一年三月九日\n"
        "抄送:县政府办公室。\n"
    )
    assert metadata_of(page).date == "2021-03-09"


def test_a_source_run_on_after_a_clock_time_is_a_label() -> None:
    # 09:30来源 : 某局 — the byline's source follows the time with no space; it is the issuer.
    page = (
        "青禾县校舍建设月报\n"
        "信息提供日期 : 2022-07-08 09:30来源 : 青禾县教育局\n"
        "1.白鹭小学迁建\n"
        "教学楼六月底封顶,操场正在铺设。\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date) == ("青禾县教育局", "2022-07-08")


@pytest.mark.parametrize("opener", ["关于印发", "转发"])
def test_a_bodys_line_over_a_notices_heading_is_its_issuer(opener: str) -> None:
    # A web copy: a summary, then the issuer's line over the notice's heading (a blank line may
    # stand between); no red header, no signature.
    page = (
        "白鹭县近日部署下学期招生工作。\n\n"
        "温州市鹿城区教育局办公室\n\n"
        f"{opener}青禾县义务教育招生办法的通知\n"
        "各中小学:\n"
        "现将有关事项通知如下,请遵照执行。\n"
    )
    assert metadata_of(page).issuer == "温州市鹿城区教育局办公室"


def test_a_line_over_a_news_headline_is_no_issuer() -> None:
    page = "温州市鹿城区教育局\n\n全区学校开学工作有序推进\n开学第一天,各校秩序井然。\n"
    assert metadata_of(page).issuer is None


def test_a_transmitting_notices_title_keeps_its_issuers_line() -> None:
    # 发文机关 / 批转…的通知: the issuer's line opens the title, as over a 关于 line.
    page = (
        "温州市人民政府\n"
        "批转市教育局青禾县教育发展规划的通知\n"
        "各县(市、区)人民政府:\n"
        "市政府同意市教育局制定的规划,现转发给你们,请认真贯彻执行。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "温州市人民政府批转市教育局青禾县教育发展规划的通知"
    assert meta.issuer == "温州市人民政府"


def test_a_notice_after_a_summary_is_titled_with_its_issuers_line_and_wrapped_matter() -> None:
    page = (
        "温州市近日增设学区四个,涉及学校十二所,划分办法随之调整。\n"
        "温州市教育局\n"
        "关于调整鹿城区试点学区\n"
        "划分办法的通知\n"
        "鹿城区教育局:\n"
        "现将有关事项通知如下,请遵照执行。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "温州市教育局关于调整鹿城区试点学区划分办法的通知"
    assert meta.issuer == "温州市教育局"


def test_joint_issuers_over_a_notices_wrapped_heading_are_its_issuer() -> None:
    # 中共某县委 某县人民政府: two bodies side by side; 县委 is an everyday word and a body.
    page = (
        "青禾县关于做好秋季学期学校安全工作的实施意见\n"
        "发布日期:2021年08月20日\n"
        "中共永嘉县委 永嘉县人民政府\n"
        "关于做好秋季学期学校\n"
        "安全工作的\n"
        "实施意见\n"
        "各乡镇党委、政府,县直各单位:\n"
        "为做好秋季学期学校安全工作,提出如下意见。\n"
    )
    assert metadata_of(page).issuer == "中共永嘉县委 永嘉县人民政府"  # a space between them


def test_a_public_letters_reply_gives_the_date_and_the_issuer() -> None:
    # A 领导信箱 page: the reply is what the page publishes; the letter's own date is not.
    page = (
        "来信时间:2021年3月2日\n"
        "回复时间:2021年3月9日\n"
        "回复单位:鹿城区教育局\n"
        "来信内容:请问青禾小学今年秋季是否招收插班生?\n"
        "回复内容:您好!经核实,今年秋季正常招收插班生。\n"
    )
    meta = metadata_of(page)
    assert meta.date == "2021-03-09"
    assert meta.issuer == "鹿城区教育局"


def test_a_headline_printed_over_and_under_its_byline_is_the_title() -> None:
    # A colon in the headline and its second copy are no label: value rows of a form.
    headline = "鹿城区:“三校联动”合作走向深处"
    page = (
        f"青禾信息交流平台\n\n{headline}\n\n作者:王某 2023-03-17 13:41 来源:青禾教育网\n \n"
        f"{headline}\n\n今年以来,鹿城区三所学校开展合作,效果明显。\n"
    )
    assert metadata_of(page).title == headline


def test_a_reporters_station_is_a_source_not_an_issuer() -> None:
    page = (
        "鹿城区召开教育工作会议\n2014-03-14 来源:记者站 浏览数:\n"
        "会议总结了过去一年的工作,部署了今年的重点任务。\n"
    )
    assert metadata_of(page).issuer is None


def test_a_speech_dated_in_brackets_under_its_heading_was_written_then() -> None:
    page = (
        "深化改革 全面提升教育质量\n2014-03-14 来源:青禾教育网\n"
        "——在2014年全市教育工作会议上的报告\n(2014年3月5日)\n"
        "这次会议的主要任务是,总结去年工作,部署今年任务。\n"
    )
    meta = metadata_of(page)
    assert (meta.written_on, meta.date) == ("2014-03-05", "2014-03-14")  # published later
    page = page.replace("2014-03-14 来源:青禾教育网", "来源:青禾教育网")
    assert metadata_of(page).date == "2014-03-05"  # no byline date: the speech's own


def test_a_year_a_portal_files_a_headline_under_is_no_part_of_it() -> None:
    page = (
        "返回列表\n【地方】(2021)鹿城区教育局关于做好秋季开学工作的通知\n时间:2021-09-13\n"
        "各中小学:现将有关事项通知如下,请认真执行。\n"
    )
    assert metadata_of(page).title == "鹿城区教育局关于做好秋季开学工作的通知"


def test_a_source_line_naming_the_body_then_the_writer_gives_the_issuer() -> None:
    page = (
        "鹿城区召开秋季开学工作会议\n"
        "来源:鹿城区教育局 王某   发布日期:2018-06-08    点击:672\n"
        "会议部署了秋季开学各项工作。\n"
    )
    assert metadata_of(page).issuer == "鹿城区教育局"


def test_a_count_of_readers_run_on_after_the_source_ends_it() -> None:
    page = (
        "关于印发《鹿城区教育局2024年工作要点》的通知\n"
        "发布时间:2024-03-28 09:33信息来源: 鹿城区教育局阅读次数:编辑:王某\n"
        "各中小学:现将工作要点印发给你们,请认真贯彻落实。\n"
    )
    assert metadata_of(page).issuer == "鹿城区教育局"


def test_a_disclosure_catalogues_responsible_department_is_the_issuer() -> None:
    page = (
        "索 引 号 11330302/2025-00263 文号\n发布日期 2025-11-06 公开时限 长期公开\n"
        "责任部门 鹿城区教育局 公开方式 主动公开\n\n关于鹿城区2025年秋季招生结果的公示\n"
        "现将招生结果公示如下,公示期五个工作日。\n"
    )
    assert metadata_of(page).issuer == "鹿城区教育局"


def test_a_school_named_as_the_source_is_the_pages_issuer() -> None:
    # A kindergarten publishes its own disclosure guide: its name on the source line.
    text = (
        "青禾县白鹭幼儿园信息公开指南\n\n发布时间:2024-08-01 11:26 信息来源:青禾县白鹭幼儿园 阅读次数:\n\n"
        "为了更好地提供信息公开服务,编制本指南。\n"
    )
    assert metadata_of(text).issuer == "青禾县白鹭幼儿园"


def test_joint_signers_on_one_line_keep_a_space_between_them() -> None:
    text = (
        "各县(市、区)教育局:\n现将评估结果予以公布。\n"
        "青禾市教育局 青禾市人民政府教育督导委员会办公室\n2022年2月10日\n"
    )
    assert metadata_of(text).issuer == "青禾市教育局 青禾市人民政府教育督导委员会办公室"


def test_a_law_databases_record_gives_the_issuer_date_and_title() -> None:
    # The record restates the headline above it; a truncated link to another story is over it.
    text = (
        "白鹭区全面改善薄弱学\n"
        "青禾市教育局关于做好2022年普通高中招生工作的通知\n"
        "青禾市教育局关于做好2022年普通高中招生工作的通知文章属性•【制定机关】青禾市教育局"
        "•【公布日期】2022.07.11•【字号】青教发〔2022〕119号•【施行日期】2022.07.11•"
        "【效力等级】地方规范性文件正文各区教育局:现将有关事项通知如下。\n"
    )
    meta = metadata_of(text)
    assert meta.title == "青禾市教育局关于做好2022年普通高中招生工作的通知"
    assert (meta.issuer, meta.date, meta.doc_number) == (
        "青禾市教育局",
        "2022-07-11",
        "青教发〔2022〕119号",
    )


def test_a_path_whose_separators_were_lost_is_no_title() -> None:
    text = (
        "榜单搜索\n首页 服务 教育服务 高中 青禾市第一中学\n\n青禾市第一中学\n\n学校创办于1920年。\n"
    )
    assert metadata_of(text).title == "青禾市第一中学"


def test_a_bodys_disclosure_guide_is_issued_by_it() -> None:
    text = "鹿城区教育局信息公开指南\n为更好地开展政务信息公开工作,现编制本指南。\n"
    assert metadata_of(text).issuer == "鹿城区教育局"


def test_the_line_the_pages_title_opens_with_is_the_headline_over_a_subtitle() -> None:
    text = (
        "白鹭:乡村振兴,教育先行 -青禾资讯网\n\n"
        "白鹭:乡村振兴,教育先行\n"
        "白鹭县举办首届乡村教育论坛暨乡村教育振兴启动仪式\n"
        "发布时间:2019-04-16 19:48 来源:白鹭县教育局 阅读次数:\n\n"
        "  为更好地推动乡村教育事业发展,4月15日,白鹭县教育局举办了首届乡村教育论坛。\n"
    )
    assert metadata_of(text).title == "白鹭:乡村振兴,教育先行"


def test_a_heading_in_black_brackets_that_opens_the_page_is_its_title() -> None:
    text = (
        "【青禾中学老校区现在是什么学校】“青禾中学老校区现在是什么学校”是许多家长关心的问题。"
        "青禾中学老校区位于白鹭区,曾是该校的主要办学地点,现已重新规划利用。\n"
    )
    assert metadata_of(text).title == "青禾中学老校区现在是什么学校"
    source = "【青禾日报】白鹭区今年新建小学三所,新增学位四千个,缓解了入学压力。\n"
    assert metadata_of(source).title is None


def test_a_joint_documents_title_names_its_issuers() -> None:
    text = (
        "温州市教育局等十一部门关于印发《温州市学前教育发展提升行动计划》的通知\n\n"
        "各区县(市)教育局,市发展和改革委员会、市财政局:\n\n"
        "现将《温州市学前教育发展提升行动计划》印发给你们,请认真贯彻执行。\n\n"
        "温州市教育局             温州市发展和改革委员会\n\n"
        "温州市财政局\n\n"
        "2023年9月8日\n"
    )
    meta = metadata_of(text)
    assert meta.issuer == "温州市教育局等十一部门"
    assert joint_issuers(meta.issuer) == ["温州市教育局"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "1、白教函202011号白鹭市教育局关于印发白鹭市名校长培养方案的通知各县(市、区)教体局,"
            "市直各学校:现将培养方案印发给你们,请遵照执行。 白鹭市教育局 2020年1月8日\n",
            "白鹭市教育局关于印发白鹭市名校长培养方案的通知",
        ),
        (
            "青禾县人民政府办公室2023年8月11日青禾县推进集团化办学促进教育优质均衡发展的实施意见"
            "为加快建设教育强县,现就推进全县集团化办学提出如下意见。\n",
            "青禾县推进集团化办学促进教育优质均衡发展的实施意见",
        ),
        # The report's or the page's name opens the text, set off by a space or a colon.
        (
            "守正创新 行稳致远 ——青禾小学2024年度工作总结报告 一年来,学校坚持立德树人,"
            "深化课堂改革,加强教师培养,各项工作稳步推进,办学质量持续提升。\n",
            "守正创新 行稳致远 ——青禾小学2024年度工作总结报告",
        ),
        (
            "青禾县第一中学简介:青禾县第一中学始建于1956年,是一所省级示范高中,"
            "现有教学班四十个,学生两千余人,教职工一百八十人。\n",
            "青禾县第一中学简介",
        ),
    ],
)
def test_a_title_run_into_a_page_without_line_breaks_is_found(text: str, title: str) -> None:
    assert metadata_of(text).title == title


def test_a_dated_header_cut_short_and_a_text_size_widget_are_no_title() -> None:
    text = (
        "第04版:教育 上一版3  4下一版\n2009年12月24日 星期\n \n放大 缩小 默认\n"
        "让更多的孩子在家门口享受优质教育\n——青禾区的教育品质\n\n"
        "  王青禾,女,青禾区教育局局长,具有丰富的基层教育工作经验。她始终把办好每一所学校放在首位。\n"
    )
    meta = metadata_of(text)
    assert (meta.title, meta.date) == ("让更多的孩子在家门口享受优质教育", "2009-12-24")


def test_a_reports_author_over_its_bracketed_date_is_its_issuer() -> None:
    text = (
        "2010 年工作总结和 2011 年工作打算\n县教育体育局\n(2010 年 11 月 26 日)\n"
        "2010 年以来,县教育体育局坚持以科学发展观为统领,全力推进教育发展,各项工作进展顺利。\n"
    )
    meta = metadata_of(text)
    assert (meta.issuer, meta.date) == ("县教育体育局", "2010-11-26")


@pytest.mark.parametrize("box", ["文件查询: 搜索", "站内 检索", "请输入关键字"])
def test_a_search_box_is_no_title(box: str) -> None:
    text = (
        "无障碍 关怀版\n\n您的位置: 首页>政务公开>教育动态\n\n"
        f"{box}\n\n青禾区召开教师队伍建设推进会\n\n访问量:\n\n"
        "6月5日,青禾区召开教师队伍建设推进会,总结上半年工作,部署下一阶段任务。\n"
    )
    assert metadata_of(text).title == "青禾区召开教师队伍建设推进会"


@pytest.mark.parametrize("label", ["发文机构", "发布机关"])
def test_a_numbered_catalogue_names_the_issuer_under_either_label(label: str) -> None:
    text = (
        "1. [索引号]QH0031/2022-0001\n  2. [主题分类] 教育\n"
        f"  3. [{label}] 青禾区教委办公室\n  4. [成文日期] 2022-03-01\n\n"
        "青禾区教育事业发展规划\n\n"
        "为办好人民满意的教育,区教委制定了本规划,各校要结合实际抓好落实。\n"
    )
    meta = metadata_of(text)
    assert (meta.issuer, meta.title) == ("青禾区教委办公室", "青禾区教育事业发展规划")


def test_a_signature_run_into_one_line_gives_the_issuer_and_the_date() -> None:
    text = (
        "关于公布幼儿园年检结果的通知\n各县(市、区)教育局:\n"
        "经研究,同意青禾幼儿园等五所幼儿园通过年检,请各地做好后续工作。\n青禾市教育局2024年3月5日\n"
    )
    meta = metadata_of(text)
    assert (meta.issuer, meta.date) == ("青禾市教育局", "2024-03-05")
    # A sentence that opens with a body and a date is no signature.
    text = "青禾市召开教育工作会议\n市教育局2024年3月5日召开会议,部署全年工作。\n"
    assert metadata_of(text).date is None


def test_a_byline_labelled_laizi_gives_the_date() -> None:
    # 来自: (from) labels a byline's source as 来源: does.
    text = (
        "青禾中学今年扩建新校区\n来自:某某教育资讯网 2014-12-20\n"
        "今年秋季,青禾中学新校区投入使用,新增学位一千个,学校将招收新生。\n"
    )
    assert metadata_of(text).date == "2014-12-20"


def test_the_issuer_takes_the_fuller_form_its_title_opens_with() -> None:
    # The signature writes the district alone; the title names it with its city first, the
    # fullest form of the same body (a district's name alone may be another city's too).
    page = (
        "温州市鹿城区人民政府关于印发鹿城区教育事业发展规划的通知\n"
        "各街道办事处,区级各部门:\n"
        "现将规划印发给你们,请认真贯彻执行。\n"
        "鹿城区人民政府\n"
        "2023年12月26日\n"
    )
    meta = metadata_of(page)
    assert "温州市鹿城区人民政府" in (meta.issuer, meta.issuer_full)


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        ("根据省厅有关文件要求,县教育局组织专家开展示范校评估工作,现将结果予以公示。", "县教育局"),
        # a clause on the notice's grounds names no author
        ("为做好示范校评估工作,现将有关事项通知如下。", None),
        # a report that says who drew it up
        ("依据条例有关要求,鹿城区教育局编制了本报告。", "鹿城区教育局"),
    ],
)
def test_a_notices_author_is_the_body_that_opens_its_now_put_sentence(
    opening: str, issuer: str | None
) -> None:
    page = f"白鹭县示范校评估结果公示\n{opening}\n一、评估结果\n白鹭县第一小学等3所学校。\n"
    assert metadata_of(page).issuer == issuer


def test_a_signer_printed_under_its_date_as_the_last_line_is_the_issuer() -> None:
    page = (
        "关于公布白鹭县第二批示范家长学校名单的通知\n"
        "各乡镇中心学校:\n"
        "经评审,确定白鹭县第一小学等5所学校为示范家长学校,现予公布。\n\n"
        "2024年3月8日\n\n"
        "白鹭县教育局\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date) == ("白鹭县教育局", "2024-03-08")


@pytest.mark.parametrize("signer", ["白鹭县教体局中学教育室", "白鹭县教育局基教科"])
def test_a_bureaus_division_signing_a_notice_is_its_issuer(signer: str) -> None:
    # A division's head (室, 科) ends the signer's name as 局 does a bureau's.
    page = (
        "关于白鹭县2024年秋季初中转学工作的提示\n"
        "各位家长:\n"
        "根据全县教育资源现状,现就本学期转学工作做如下提示,望各位家长周知。\n"
        f"{signer}\n"
        "2024年8月20日\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date) == (signer, "2024-08-20")


def test_a_notice_given_after_a_summary_and_a_lead_in_keeps_its_title_and_number() -> None:
    page = (
        "家长们关心的一级幼儿园名单公布了,今年新增30所,快来看看有没有你家附近的。\n"
        "通知全文:\n"
        "白鹭市教育局关于公布2024年一级幼儿园名单的通知\n"
        "白教基〔2024〕12号\n"
        "各区教育局:\n"
        "经验收,现认定白鹭区海棠幼儿园等30所幼儿园为一级幼儿园。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.doc_number) == (
        "白鹭市教育局关于公布2024年一级幼儿园名单的通知",
        "白教基〔2024〕12号",
    )


def test_a_catalogue_row_without_colons_ends_a_value_at_the_next_label() -> None:
    # 统一编号 is a label of its own, its cell empty: no part of the issuer's name.
    page = (
        "索 引 号 11330100/2024-00021 公开方式 主动公开\n"
        "发布机关 鹿城区教育局 统一编号\n"
        "标题 关于公布鹿城区书香校园名单的通知\n"
        "关于公布鹿城区书香校园名单的通知\n"
        "各中小学:\n经评审,确定鹿城区第一小学等6所学校为书香校园。\n"
    )
    assert metadata_of(page).issuer == "鹿城区教育局"


def test_a_county_media_centre_is_a_newspapers_source_and_no_issuer() -> None:
    page = (
        "鹿城区推进集团化办学 新学期再添三个教育集团\n"
        "2024-09-01 来源:鹿城区融媒体中心\n"
        "9月1日,鹿城区新成立三个教育集团,覆盖全区12所学校。\n"
    )
    assert metadata_of(page).issuer is None


def test_a_joint_signature_with_a_supervision_office_gives_both_issuers() -> None:
    # 督导室 (an education supervision office) closes a body's name in a signature too.
    page = (
        "关于公布青禾县示范幼儿园名单的公示\n各幼儿园:\n"
        "经评估,拟认定青禾幼儿园等5所幼儿园为示范幼儿园,现予以公示,公示期为5个工作日。\n"
        "青禾县教育局 青禾县人民政府教育督导室\n2017年8月8日\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date) == ("青禾县教育局 青禾县人民政府教育督导室", "2017-08-08")


def test_a_signature_indented_with_lost_no_break_spaces_is_read() -> None:
    # A page saved in a legacy encoding prints its indent's no-break spaces as ?.
    page = (
        "关于公布鹿城区一级幼儿园名单的通报\n"
        "各幼儿园:\n"
        "经评审,确定鹿城区实验幼儿园等5所幼儿园为一级幼儿园。\n"
        "??鹿城区教育局\n"
        "2023年12月12日\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date) == ("鹿城区教育局", "2023-12-12")


def test_a_catalogues_date_labels_read_with_shijian_as_with_riqi():
    # 成文时间 is 成文日期 on many portals; an empty 发文字号 before it on the line leaves it a label.
    page = (
        "青禾县教育体育局\n"
        "索引号: 11152923/2025-00317 发布机构: 青禾县教育体育局\n"
        "发文字号: 成文时间: 2025-04-11\n\n"
        "青禾县召开2025年义务教育优质均衡发展推进会\n\n"
        "4月10日,青禾县召开推进会,各校校长参加。\n"
    )
    meta = metadata_of(page)
    assert meta.date == "2025-04-11"
    assert meta.doc_number is None


def test_a_digital_newspapers_issue_date_over_its_page_number_dates_the_story():
    page = (
        "2022年03月08日\n第02版:教育周刊\n\n"
        "扎实推进改革 建好县城和乡村的学校\n\n——访青禾县教育局局长王明\n\n本报记者 李华\n\n"
        "教育是民生大事。县教育局今年将新建两所学校,扩大优质资源。\n"
    )
    assert metadata_of(page).date == "2022-03-08"
    # A date alone over a line that is no page number may be a portal's today: not read.
    other = page.replace("第02版:教育周刊", "青禾新闻网")
    assert metadata_of(other).date is None


def test_a_line_of_source_names_and_a_date_is_a_byline_not_the_headline():
    # 某某新闻·某某客户端 04-24 under the headline: the story's sources and its day.
    page = (
        "青禾区召开秋季开学工作主题新闻发布会青禾区教育和体育局专场\n\n"
        "青禾新闻·海报新闻    04-24\n\n"
        "青禾网记者 李华 报道\n\n"
        "4月24日,青禾区举行主题新闻发布会。区教育和体育局局长王明介绍了全区教育工作。\n"
    )
    assert metadata_of(page).title == "青禾区召开秋季开学工作主题新闻发布会青禾区教育和体育局专场"


def test_a_doc_number_in_parentheses_on_its_own_line_under_the_title_is_the_documents():
    # (某政〔2001〕85号) under the title, as State Council documents print it; a number in
    # parentheses after a cited 《》 title on the same line stays that document's.
    page = (
        "青禾市人民政府关于深化基础教育改革的意见\n(青政[2001]85号)\n各县人民政府,市政府各部门:\n"
        "为贯彻落实《某某决定》(某发〔2001〕21号),现提出如下意见。\n"
    )
    assert metadata_of(page).doc_number == "青政[2001]85号"


def test_a_doc_number_and_its_date_in_parentheses_under_the_title_are_the_documents():
    # (某教办〔2021〕2号 2021年3月24日): a provincial document prints its number and its date
    # together under the title, sometimes with spaces inside the date.
    page = (
        "青禾县教育局关于做好青禾教育工作的通知\n(青教〔2021〕2号  2021年3月 24 日)\n各学校:\n"
        "为进一步做好青禾教育工作,现就有关事项通知如下,请各校认真贯彻落实,按时报送材料。\n"
    )
    meta = metadata_of(page)
    assert (meta.doc_number, meta.date) == ("青教〔2021〕2号", "2021-03-24")


def test_a_catalogue_printed_without_its_labels_gives_its_values_and_no_headline():
    # • index number • body • category • dates: a portal's catalogue box whose label cells a copy
    # lost. Its rows are values (索引号, 发布机构, the first date), not the page's headline.
    page = (
        "  • 11330300/2022-00017\n  • 青禾县教育局\n  • 政府信息公开年度报告\n"
        "  • 2022-01-20\n  • 2022-01-21\n"
        "青禾县教育局2021年政府信息公开工作年度报告\n\n一、总体情况\n\n"
        "2021年,我局认真落实政府信息公开条例,主动公开各类信息。\n"
    )
    meta = metadata_of(page)
    assert meta.title == "青禾县教育局2021年政府信息公开工作年度报告"
    assert (meta.index_number, meta.issuer, meta.date) == (
        "11330300/2022-00017",
        "青禾县教育局",
        "2022-01-20",
    )
    # A bulleted list of links holds no index number: its first line may still be read as before.
    links = page.replace("11330300/2022-00017", "教育动态")
    assert metadata_of(links).index_number is None


def test_an_online_encyclopaedias_name_and_motto_after_the_headline_is_the_site():
    # 某某百科,自由的百科全书: the site's name and motto after the page title's separator.
    page = (
        "青禾县实验学校 - 青禾百科,自由的百科全书\n\n青禾县实验学校\n\n"
        "青禾县实验学校创办于1956年,是一所九年一贯制学校。学校现有教学班48个。\n"
    )
    assert metadata_of(page).title == "青禾县实验学校"


def test_a_profiles_tab_over_its_text_is_no_headline():
    page = "青禾信息网\n单位介绍\n青禾县实验小学地处县城东部,交通便利。学校现有24个教学班,学生1100名。\n"
    assert metadata_of(page).title is None


def test_a_page_not_found_notice_over_the_page_is_no_headline():
    page = (
        "您访问的页面已删除\n如您是在地址栏输入网址的,请确认其拼写正确。\n\n"
        "青禾县教育局关于开展中小学读书月活动的通知\n\n各乡镇中心学校,县直各学校:\n\n"
        "为推进书香校园建设,经研究,决定在全县中小学开展读书月活动。现将有关事项通知如下。\n"
    )
    assert metadata_of(page).title == "青禾县教育局关于开展中小学读书月活动的通知"


def test_an_epapers_list_of_headlines_run_together_is_no_headline():
    # The page opens with its stories' headlines run together, lists them, then prints its
    # own story's headline again over it, under its date and text-size buttons.
    heads = ["南浦中学开展读书月活动", "青禾县新建三所乡村学校", "白鹭镇举办教师技能大赛"]
    heads += ["青枫小学获评书香校园", "南浦区招聘教师一百名"]
    page = (
        "".join(heads) + "\n第003版:教育\n上一版 下一版\n" + "\n".join(heads) + "\n\n"
        "2023 年 03 月 08 日 星期 放大 缩小 默认\n读书月·专题\n\n南浦中学开展读书月活动\n"
        "——书香校园建设纪实\n\n  3月6日,南浦中学启动读书月活动,全校师生参加了启动仪式。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("南浦中学开展读书月活动", "2023-03-08")


def test_a_title_wrapped_over_two_lines_and_printed_whole_is_one_headline():
    page = (
        "青禾县教育局2023年度政府信息公开工作年度报告\n\n青禾县教育局2023年度政府信息\n"
        "公开工作年度报告\n\n一、总体情况\n\n2023年,我局认真落实政府信息公开条例,主动公开各类信息。\n"
    )
    assert metadata_of(page).title == "青禾县教育局2023年度政府信息公开工作年度报告"


def test_an_encyclopaedias_credit_under_an_entry_is_no_headline():
    page = (
        "热门问题\n\n青禾县实验学校\n\n某县示范性高中 来自青禾百科,自由的百科全书\n\n"
        "青禾县实验学校创办于1956年,是一所九年一贯制学校。学校现有教学班48个。\n"
    )
    assert "来自" not in (metadata_of(page).title or "")


def test_a_repost_opening_with_its_original_headline_is_titled_by_it() -> None:
    page = (
        "原标题:青禾路小学将更名为白鹭小学\n"
        "●青禾中学加挂南浦实验中学 ●青禾二小加挂南浦附属小学\n"
        "本报讯 记者从区教体局获悉,今年该区将试点办学模式改革,两校将更名。\n"
    )
    assert metadata_of(page).title == "青禾路小学将更名为白鹭小学"


def test_a_headline_over_the_original_one_stays_the_title() -> None:
    page = (
        "白鹭小学正式更名\n原标题:青禾路小学将更名为白鹭小学\n"
        "本报讯 记者从区教体局获悉,今年该区将试点办学模式改革,两校将更名。\n"
    )
    assert metadata_of(page).title == "白鹭小学正式更名"


def test_an_epapers_page_line_over_its_date_is_no_title() -> None:
    page = (
        "上一期 下一期\n第四 五版:教育\n2020年09月01日\n\n"
        "青禾区初步实现从教育大区迈向教育强区的跨越\n\n"
        "把每一所学校都办成人民满意的好学校,这是青禾区教育人的共同心愿。\n"
    )
    meta = metadata_of(page)
    assert (meta.title, meta.date) == ("青禾区初步实现从教育大区迈向教育强区的跨越", "2020-09-01")


def test_a_back_to_the_list_link_after_the_headline_is_no_part_of_it() -> None:
    page = "青禾县近3年投入教育经费15亿元返回列表\n青禾县教育局消息,近三年全县新建学校12所。\n"
    assert metadata_of(page).title == "青禾县近3年投入教育经费15亿元"


def test_a_series_name_and_its_headline_behind_a_bar_are_one_title() -> None:
    page = (
        "坐着地铁看青禾(教育篇)丨青禾新区入学攻略来了\n"
        "青禾网讯 青禾新区的新市民王先生这几天特别高兴,孩子往返学校更方便了。\n"
    )
    assert metadata_of(page).title == "坐着地铁看青禾(教育篇)丨青禾新区入学攻略来了"


def test_a_font_size_widget_run_on_after_the_source_is_no_part_of_it() -> None:
    page = (
        "青禾中学新校区落户鹿城,今年9月开学\n\n"
        "访问量:发布时间:2022-05-26 08:34来源:市教育局字号:\n\n"
        "    5月20日,青禾中学与鹿城区人民政府签订合作办学协议。\n"
    )
    meta = metadata_of(page)
    assert (meta.issuer, meta.date, meta.doc_number) == ("市教育局", "2022-05-26", None)
