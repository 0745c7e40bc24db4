"""Tell a page's headline from the portal around it: site banners, column names, bylines, decoration.

A saved portal page shows the site's name, a slogan or a column (栏目) name above the headline,
prints a byline (发布时间 / 来源 / 作者) next to it, and often repeats the headline with the site
and column names (`新闻|…`, `… - XX网`, `…_XX政府网`). These helpers judge a line by that shape
and by general portal vocabulary, never by one portal's wording; loaders.metadata.find_title uses
them to choose the headline by the page's structure.
"""

from __future__ import annotations

import re

_CJK = "\u4e00-\u9fff"
# How a site's own name ends: 门户网站, 政府网, 官网, 客户端 … (中国政府网, XX教育信息网).
# 百科, 百科全书: an online encyclopaedia (某某百科, its motto 自由的百科全书).
_SITE_SUFFIXES = ("网站", "门户", "网", "官网", "频道", "客户端", "公众号", "百科", "百科全书")
# How a column (栏目) or channel name ends on government and news portals: 县区动态, 通知公告,
# 教育要闻, 图片新闻, 政策文件, 信息公开, 专题专栏 … A heading line is never a column name
# alone, so a short line ending in one of these above another heading is a column label.
_COLUMN_SUFFIXES = (
    "动态",  # 工作动态, 县区动态, 基层动态
    "新闻",  # 图片新闻, 教育新闻
    "要闻",
    "资讯",
    "快讯",
    "公告",  # 通知公告
    "聚焦",  # 媒体聚焦
    "头条",
    "视点",
    "热点",
    "播报",
    "专题",
    "专栏",
    "信息",  # 政务信息, 部门信息
    "公开",  # 政务公开, 信息公开
    "文件",  # 政策文件 (a red header 'XX文件' is caught earlier, as an issuer)
    "解读",  # 政策解读
    "介绍",  # 单位介绍, 学校介绍 (a profile's tab; a profile's own headline is …简介)
)
_SITE_NAME = re.compile(
    rf"[{_CJK}()A-Za-z0-9·]{{2,24}}?(?:{'|'.join(_SITE_SUFFIXES)})", re.IGNORECASE
)
# Separators portals put between the headline, the column and the site name in a page title:
# bars, underscores, and a hyphen between spaces (not between digits: '2021 - 2025年'; not the
# em dash '——', which joins a headline to its subtitle).
_BARS = re.compile(r"\s*[|｜丨_]+\s*|(?<!\d)\s+[-–]\s+(?!\d)")
# A site or column name joined to the headline's end by a dash without spaces ('…通知-XX网');
# a dash inside a headline ('(2021-2025年)') is followed by a digit, not by a name.
_TRAILING_SITE = re.compile(rf"[-—–]+\s*(?P<site>[{_CJK}()·]{{2,24}})$")
# A leading tag: 【专项规划】, [通知], 〖要闻〗; a leading column name before a colon (工作动态:…).
_LEADING_TAG = re.compile(rf"^\s*[【\[〖][{_CJK}]{{1,10}}[】\]〗]\s*(?=\S)")
# A year in brackets before a headline, as a portal's listing files it: (2021)某某通知.
_LEADING_YEAR = re.compile(r"^\s*[(（](?:19|20)\d{2}[)）]\s*(?=\S)")
# Symbols a portal puts before a headline (■ …, ★ …, >> …); quotes, brackets and 《 open titles.
_LEADING_MARKS = re.compile(r"[\s■□●○◆◇▲△▼▽★☆▶►◎※•·>»]+")
# A news agency's dateline before the headline it gives: 某某社某地5月6日电 题:…
_DATELINE_TITLE = re.compile(
    rf"^[{_CJK}A-Za-z]{{2,16}}\d{{1,2}}月\d{{1,2}}日电\s*(?:题|标题)\s*:\s*"
)
_LEADING_COLUMN = re.compile(rf"^\s*(?P<column>[{_CJK}]{{2,8}})\s*:\s*(?=\S)")
# The kinds of document (文种) a 关于 title ends with (GB/T 9704-2012 7.3.3: 发文机关 + 事由 + 文种).
DOCUMENT_KINDS = (
    "通知|通报|通告|公告|决定|意见|办法|方案|规划|计划|要点|报告|请示|批复|函|纲要|细则|规定"
)
_LABELLED_DATE_LABELS = "发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期|发布于|发表于"
_BYLINE_LABELS = (
    rf"{_LABELLED_DATE_LABELS}|信息来源|来源|作者|责任编辑|编辑|浏览次数|阅读次数|发布机构|发布者"
)
# A byline label stands at the line start or after white space or a separator, and is followed by
# a colon or by white space (来源:新华社, 作者 张三).
_BYLINE_LABEL = re.compile(rf"(?:^|(?<=[\s|•·]))(?:{_BYLINE_LABELS})\s*(?::|\s)")
# A full date (2021-05-06, 2021年5月6日, 2021.5.6) and a weekday after one.
_FULL_DATE = r"(?:19|20)\d{2}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?"
_WEEKDAY = r"(?:星期|周)[一二三四五六日天]"
_BARE_DATE = re.compile(
    rf"^[\s•·|]*(?:{_FULL_DATE}"
    r"|\d{1,2}\s*[./]\s*\d{1,2}\s*[./]\s*(?:19|20)\d{2})"
    r"(?:\s*\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)?[\s|]*$"
)

# A source's names and the story's date (某某日报 2023-04-24, 某某新闻·某某客户端 04-24 09:30).
_DATED_SOURCE = re.compile(
    rf"^\s*(?P<names>[{_CJK}A-Za-z·|｜丨/ ]{{2,30}}?)\s+"
    r"(?:(?:19|20)\d{2}\s*[-年./]\s*)?\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)?\s*$"
)
_NAME_JOINS = re.compile(r"[·|｜丨/ ]+")
# A reporter's credit: 记者 (or 通讯员) and a name, or a 文/图 credit (文_某某日报记者 / 张三,
# 本报记者 李四 王五, 图/赵六).
_CREDIT = re.compile(
    rf"(?:记者|通讯员)\s*[/|_:]?\s*[{_CJK}]{{2,3}}(?:\s|$|[)）])|^\s*[文图摄]\s*[/|_:]"
)
# A date and its weekday opening a line: a portal's or an e-paper's header.
_DATED_HEADER = re.compile(
    rf"^\s*(?P<date>{_FULL_DATE})"
    r"\s*(?:星期[一二三四五六日天]?|周[一二三四五六日天])"  # a copy may cut the weekday short
)
# A publication stamp: a full date and its clock time (2023-08-28 18:02, 2023年8月28日 18:02).
_STAMP = re.compile(rf"{_FULL_DATE}\s*\d{{1,2}}\s*:\s*\d{{2}}")


_NAME_DASH = re.compile(r"[—–\-,,]+")  # a name and its motto: 某某网—…, 某某百科,…
_LINK_BARS = re.compile(r"[|｜丨]")


def is_site_name(text: str) -> bool:
    """Return True for a site's name (a banner or a link to another site).

    >>> is_site_name("某某县教育信息网"), is_site_name("兄弟县区网站"), is_site_name("办好人民满意的教育")
    (True, True, False)
    >>> is_site_name("某某网—中国第一教育门户网站"), is_site_name("关于开展评选的通知—某某网")
    (True, False)
    >>> is_site_name("某某百科,自由的百科全书"), is_site_name("学校建设,共建教育网")
    (True, False)
    """
    text = text.strip()
    # the suffix test first: most lines of a page end otherwise, and it is cheap
    if not text.endswith(_SITE_SUFFIXES):
        return False
    # a site's name and its motto, each a site's name ('某某网—中国第一教育门户网站')
    return all(_SITE_NAME.fullmatch(part.strip()) for part in _NAME_DASH.split(text))


def is_column_name(text: str) -> bool:
    """Return True for a short column (栏目) or channel name such as 工作动态 or 通知公告.

    >>> is_column_name("县区动态"), is_column_name("通知公告"), is_column_name("某某县新建两所幼儿园")
    (True, True, False)
    >>> is_column_name("单位介绍"), is_column_name("青禾中学简介")
    (True, False)
    """
    text = text.strip()
    return 2 < len(text) <= 8 and text.endswith(_COLUMN_SUFFIXES)


# How a newspaper's masthead ends (某某日报, 某某晚报): a page saved from a paper's site shows it
# above the headline, as a portal shows its own name.
_MASTHEAD_SUFFIXES = ("日报", "晚报", "时报", "周报", "商报", "教育报")


# A masthead line: the paper's name, then what a paper prints by it — the issue's date, its page
# (第03版, A2版) and number (第1234期) — and nothing else.
_MASTHEAD_LINE = re.compile(
    rf"^\s*[{_CJK}]{{2,8}}(?:{'|'.join(_MASTHEAD_SUFFIXES)})"
    rf"(?:[\s·|,]*(?P<date>{_FULL_DATE})"
    rf"(?:\s*{_WEEKDAY})?)?"
    r"(?:[\s·|,]*(?:第\s*[0-9A-Za-z]{1,4}\s*[版期]|[A-Za-z]?\d{1,3}\s*版|版次\s*:?\s*\S{1,4})"
    # the page's name after its number (第03版:教育周刊)
    rf"(?:\s*[:：]\s*[{_CJK}]{{1,8}})?)*\s*$"
)


def masthead_date(line: str) -> tuple[int, int] | None:
    """Return (start, end) of the issue date a newspaper's masthead line prints, or None.

    >>> line = "某某日报 2023年5月6日 第03版"
    >>> s, e = masthead_date(line); line[s:e]
    '2023年5月6日'
    >>> masthead_date("某某日报"), masthead_date("某某日报记者走进校园 2023年5月6日")
    (None, None)
    """
    match = _MASTHEAD_LINE.match(line)
    return match.span("date") if match and match["date"] else None


# A newspaper page's number on a line of its own (第01版, 第01版:要闻, A3版), as a digital
# edition prints it under the issue's date.
# An e-paper's page line: 第01版:要闻, A08版, 第四 五版:教育 (pages four and five).
_PAGE_LINE = re.compile(
    r"^\s*(?:第[\s0-9A-Za-z一二三四五六七八九十〇零]{1,8}版|[A-Za-z]?\d{1,3}\s*版)"
    r"(?:\s*[:：]\s*\S{1,8})?\s*$"
)
_ISSUE_DATE_LINE = re.compile(rf"^\s*(?P<date>{_FULL_DATE})(?:\s*{_WEEKDAY})?\s*$")


def issue_date(line: str, *beside: str) -> tuple[int, int] | None:
    """Return (start, end) of the issue date a digital newspaper prints alone on a line over or
    under the page's number (2021年09月10日 / 第01版:01), given the lines `beside` it, or None: a
    date alone elsewhere may be a portal's today.

    >>> issue_date("2021年09月10日", "第01版:要闻"), issue_date("2021年09月10日", "青禾新闻")
    ((0, 11), None)
    """
    match = _ISSUE_DATE_LINE.match(line)
    return match.span("date") if match and any(map(is_page_line, beside)) else None


def is_page_line(line: str) -> bool:
    """Return True for an e-paper's page line, the page a story is on (no headline).

    >>> is_page_line("第四 五版:教育"), is_page_line("A08版"), is_page_line("第四届运动会开幕")
    (True, True, False)
    """
    return _PAGE_LINE.match(line) is not None


def header_date(line: str) -> tuple[int, int] | None:
    """Return (start, end) of the date a dated header line opens with (a date and its weekday),
    or None.

    >>> line = "2021年06月04日 星期五  报料热线:12345"
    >>> s, e = header_date(line); line[s:e]
    '2021年06月04日'
    """
    match = _DATED_HEADER.match(line)
    return match.span("date") if match else None


def is_banner(text: str) -> bool:
    """Return True for a line that names the site, a newspaper or a column, not the document.

    >>> is_banner("某某日报"), is_banner("工作动态"), is_banner("关于做好开学工作的通知")
    (True, True, False)
    >>> is_banner("某某日报 2023年5月6日 第03版"), is_banner("某某日报 2023年5月6日 第03版:教育")
    (True, True)
    """
    text = text.strip()
    masthead = len(text) <= 10 and text.endswith(_MASTHEAD_SUFFIXES)
    return (
        masthead
        or is_site_name(text)
        or is_column_name(text)
        or bool(_MASTHEAD_LINE.match(text))
        or _media_links(text)
    )


def _media_links(text: str) -> bool:
    """Return True for a row of links to a press group's papers and sites (某报业集团旗下媒体:
    某日报 |某晚报 |某网 …): three or more parts between bars, most of them a paper's or a
    site's name."""
    parts = [p.strip() for p in _LINK_BARS.split(text) if p.strip()]
    named = sum(1 for p in parts if p.endswith("报") or is_site_name(p))
    return len(parts) >= 3 and 2 * named > len(parts)


def is_byline(line: str) -> bool:
    """Return True for a byline: the date, source or author line a portal prints by a headline.

    >>> is_byline("发布时间:2021-05-06 来源:县教育局"), is_byline("作者 张三  2021.05.06")
    (True, True)
    >>> is_byline("2021-05-06 10:30"), is_byline("一、工作目标")
    (True, False)
    >>> is_byline("原创 某某教育 2023-08-28 18:02 发表于四川")
    True
    >>> is_byline("文_某某日报全媒体记者 / 张明"), is_byline("本报记者 李四 王五")
    (True, True)
    """
    if "。" in line or len(line) > 120:
        return False
    if len(line) <= 60 and _STAMP.search(line):
        return True  # 原创 某某教育 2023-08-28 18:02 发表于四川: a date with its clock time
    if len(line) <= 40 and "," not in line and _CREDIT.search(line):
        return True
    return bool(_BYLINE_LABEL.search(line) or _BARE_DATE.match(line) or _dated_source(line))


def _dated_source(line: str) -> bool:
    """Return True for a line of a paper's or a site's names and a date (某某日报 2023-04-24):
    the story's source and date, each name a banner's.

    >>> _dated_source("某某新闻·某某日报    04-24"), _dated_source("全县召开教育大会 04-24")
    (True, False)
    """
    match = _DATED_SOURCE.match(line)
    if not match:
        return False
    names = [n for n in _NAME_JOINS.split(match["names"]) if n]
    return bool(names) and all(is_banner(n) for n in names)


def labelled_byline(line: str) -> bool:
    """Return True for a byline that names its fields (来源:…, 作者 …, 时间:…): what a page
    prints under its own headline, and a list of other stories does not under each of its own.

    >>> labelled_byline("来源:某某日报 作者: 编辑:张三 时间:2022-06-20"), labelled_byline("2022-06-20")
    (True, False)
    """
    return "。" not in line and len(line) <= 120 and bool(_BYLINE_LABEL.search(line))


# The bar between a series' name and its story's headline, when neither names a site or a
# column: the headline is the whole line (某某看港区(教育篇)丨入学攻略来了).
_SERIES_BAR = re.compile(r"\s*[丨｜]\s*")
# A page's own links to print or close it (boilerplate reads a line holding one as furniture).
PAGE_LINKS = r"打印本页|打印此页|关闭窗口|关闭本页"
# A page's own link run on after its headline: back to the list or the front page, print, close.
_TRAILING_LINK = re.compile(rf"[\s【\[]*(?:返回(?:列表|首页|上[一级]?页)|{PAGE_LINKS})[】\]]?\s*$")


def title_bounds(line: str) -> tuple[int, int]:
    """Return (start, end) of the headline inside a title line, decoration left out.

    Decoration is what a portal adds around a headline: a column tag (【要闻】, `新闻|`), bars
    around it (`| … |`), and the column or site name after a separator (`- XX网`, `_XX政府网`).
    Of the parts a bar or an underscore separates, the headline is the longest one that is not
    a site or column name.

    >>> line = "新闻|某某县新建两所幼儿园 - 某某教育网"
    >>> s, e = title_bounds(line); line[s:e]
    '某某县新建两所幼儿园'
    >>> line = "关于公布名单的通知_通知公告_某某县人民政府网"
    >>> s, e = title_bounds(line); line[s:e]
    '关于公布名单的通知'
    >>> line = "工作动态:某区三所小学结对共建"
    >>> s, e = title_bounds(line); line[s:e]
    '某区三所小学结对共建'
    >>> line = "■ 某某县教育局2024年工作要点"
    >>> s, e = title_bounds(line); line[s:e]
    '某某县教育局2024年工作要点'
    >>> line = "某某网某地5月6日电 题:某县探访乡村学校"
    >>> s, e = title_bounds(line); line[s:e]
    '某县探访乡村学校'
    >>> line = "某某县教育事业发展规划(2021-2025年)"
    >>> title_bounds(line) == (0, len(line))
    True
    >>> line = "坐着地铁看某区(教育篇)丨某区入学攻略来了"
    >>> title_bounds(line) == (0, len(line))
    True
    >>> line = "某某县新建两所幼儿园返回列表"
    >>> s, e = title_bounds(line); line[s:e]
    '某某县新建两所幼儿园'
    >>> line = "【某某县四校教育联盟成立】"
    >>> s, e = title_bounds(line); line[s:e]
    '某某县四校教育联盟成立'
    """
    parts: list[tuple[int, int]] = []
    position = 0
    for bar in _BARS.finditer(line):
        parts.append((position, bar.start()))
        position = bar.end()
    parts.append((position, len(line)))
    parts = [(s, e) for s, e in parts if line[s:e].strip()]
    if not parts:
        return 0, 0  # only white space and separators: no headline
    if len(parts) > 1:
        kept = [(s, e) for s, e in parts if not is_banner(line[s:e])] or parts
        start, end = max(kept, key=lambda p: len(re.findall(f"[{_CJK}]", line[p[0] : p[1]])))
        if len(kept) == len(parts) and _SERIES_BAR.fullmatch(line, parts[0][1], parts[-1][0]):
            start, end = parts[0][0], parts[-1][1]  # 某系列(教育篇)丨某地入学攻略: one headline
    else:
        start, end = parts[0]
    trailing = _TRAILING_SITE.search(line, start, end)
    if trailing and trailing.start() > start and is_banner(trailing["site"]):
        end = trailing.start()
    link = _TRAILING_LINK.search(line, start, end)
    if link and link.start() > start:
        end = link.start()  # …的需求返回列表: a link the portal sets beside the headline
    marks = _LEADING_MARKS.match(line, start, end)
    if marks:
        start = marks.end()
    tag = _LEADING_TAG.match(line[start:end])
    if tag:
        start += tag.end()
    year = _LEADING_YEAR.match(line[start:end])
    if year:
        start += year.end()  # 【地方】(2021)…: the year a portal files the item under
    column = _LEADING_COLUMN.match(line[start:end])
    if column and is_column_name(column["column"]):
        start += column.end()
    dateline = _DATELINE_TITLE.match(line[start:end])
    if dateline:
        start += dateline.end()  # 某某网某地5月6日电 题:…: a news agency's dateline
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if (
        line[start : start + 1] == "【"
        and line[end - 1 : end] == "】"
        and "【" not in line[start + 1 : end]
    ):
        start, end = start + 1, end - 1  # 【某某联盟成立】: a headline set in black brackets
    return start, end


def opens_more_than_it_closes(text: str) -> bool:
    """Return True when a title line stops inside 《》, () or “”: the title wraps onto the next line.

    >>> opens_more_than_it_closes("关于印发《某某县学前教育"), opens_more_than_it_closes("关于印发《要点》的通知")
    (True, False)
    """
    return any(text.count(o) > text.count(c) for o, c in ("《》", "()", "“”"))
