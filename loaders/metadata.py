"""Read a document's own metadata: GB/T 9704-2012 elements and disclosure-catalogue fields.

Sources, strongest first, for each field (every value is read from the normalised copy `norm`,
so a traditional-character document gives simplified values; each value's span in `text` goes
into `DocumentMetadata.evidence`):

* the disclosure catalogue (政府信息公开目录) header: 信息名称, 索引号, 发布机构, 生成日期 …;
* the official-document layout of GB/T 9704-2012: the red header (发文机关标志, 'XX文件'),
  发文字号 (机关代字〔年份〕序号), 主送机关 (a line ending in ':' before the text), the
  signature (发文机关署名 above 成文日期), 抄送 and the 印发 line (印发机关 + 印发日期);
* the page's portal <meta> tags (ArticleTitle, PubDate, ContentSource);
* the document's shape: a heading line, an interview's timestamps, a news report's byline.

doc_type rules (first that applies):
  interview  — at least three lines end in a 'YYYY-MM-DD HH:MM[:SS]' timestamp, or 访谈 in title;
  notice     — the title ends in 通知/通报/通告/决定 or is an 关于印发… notice;
  implementation_plan — 实施方案/实施意见/实施细则/行动方案/工作方案 in the title;
  work_plan  — 工作要点/工作思路/工作计划/工作安排 in the title;
  plan       — 规划/纲要 in the title;
  news       — no 发文字号 and no signature, and a news byline (本报讯, 记者, 通讯员, 原标题 …);
  other      — anything else.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator, Mapping
from difflib import SequenceMatcher
from functools import lru_cache

import cn2an

from loaders.boilerplate import BREADCRUMB_START
from loaders.dictionary import everyday_word
from loaders.documents import DocumentMetadata, Span
from loaders.gazetteer import (
    LEVELS,
    Area,
    area_chain,
    find_area_names,
    load_gazetteer,
    longest_name,
    scan_start,
)
from loaders.normalise import normalise_text
from loaders.sections import iso_timestamp
from loaders.titles import (
    DOCUMENT_KINDS,
    header_date,
    is_banner,
    is_byline,
    is_page_line,
    issue_date,
    masthead_date,
    opens_more_than_it_closes,
    title_bounds,
)

_CJK = "\u4e00-\u9fff"
# Catalogue labels → field; labels not listed here only end the previous value.
_LABEL_FIELDS = {
    "信息名称": "title",
    "名称": "title",
    "标题": "title",
    "访谈主题": "title",
    "访谈标题": "title",
    "索引号": "index_number",
    "信息索引号": "index_number",
    "索引号码": "index_number",
    "组配分类": "category",
    "主题分类": "category",
    "信息分类": "category",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "发文机构": "issuer",
    "发布机关": "issuer",
    "发布单位": "issuer",
    "发文单位": "issuer",
    "发布部门": "issuer",
    "制定机关": "issuer",  # a law database's record (【制定机关】某某局)
    "责任部门": "issuer",
    "信息发布": "issuer",  # 信息发布:某某中心, a portal's byline
    # 作者: a person, or on a government portal the office that wrote the item (作者:某区政府办)
    "作者": "writer",
    "来源": "source",
    "信息来源": "source",
    "文件编号": "doc_number",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "发布文号": "doc_number",
    "字号": "doc_number",
    "生成日期": "generated_on",
    "产生日期": "generated_on",
    "成文日期": "written_on",
    # 时间 for 日期: the same labels on many portals (成文时间: 2024-05-13).
    "生成时间": "generated_on",
    "成文时间": "written_on",
    "公开时间": "published_on",
    "发文时间": "published_on",
    "公布时间": "published_on",
    "印发时间": "published_on",
    "发布日期": "published_on",
    "公开日期": "published_on",
    "发布时间": "published_on",
    "发文日期": "published_on",
    "发表日期": "published_on",  # a school site's byline (发表日期:2019-04-19 作者:…)
    "发表时间": "published_on",
    "公布日期": "published_on",
    "印发日期": "published_on",
    "日期": "published_on",
    "废止日期": "valid_until",
    # A public letter's page (领导信箱, 问政): the reply is what the page publishes, and the
    # body that replies is its issuer.
    "回复时间": "published_on",
    "回复日期": "published_on",
    "答复时间": "published_on",
    "答复日期": "published_on",
    "回复单位": "issuer",
    "答复单位": "issuer",
    "回复部门": "issuer",
    "答复部门": "issuer",
    "办理单位": "issuer",
}
# A portal footer's bodies: 主办 (the site's publisher), 承办 (its operator), 版权所有 (its owner),
# with or without 单位. Footers often glue one to the previous value ('版权所有:X主办:Y'), so these
# are read wherever they stand when a colon follows them.
_FOOTER_FIELDS = {
    "主办单位": "site_publisher",
    "主办": "site_publisher",
    "承办单位": "site_operator",
    "承办": "site_operator",
    "版权所有": "site_owner",
}
_OTHER_LABELS = (
    "责任编辑|编辑|浏览次数|阅读次数|点击次数|访问次数|浏览量|阅读量|点击量|访问量|公开方式|公开范围|法定主动公开分类|体裁分类|内容概述|联系地址|"
    "邮政编码|电子邮箱|联系电话|网站标识码|有效性|关键词|关键字|主题词|发布者|公开时限|"
    "是否有效|施行日期|实施日期|效力等级|时效性|来信时间|来信日期|来信人|来信标题|来信内容|回复内容|答复内容|"
    "统一编号"
)
# A label stands at a line start or after white space or a separator. That test comes after
# each label's first character (the character before it is not one of the others), so every
# alternative begins with a literal and the regex engine skips in C to a label's first
# character, instead of testing the start condition at every character.
_LABEL_OPENERS = (
    r"\s|•·:,;日)】\]【\[0-9"  # what a label may follow (0-9: a clock time, 14:06来源:)
)
_LABEL_START = rf"(?<![^{_LABEL_OPENERS}].)"
_LABEL_BEFORE = re.compile(f"[{_LABEL_OPENERS}]")
# Labels of two words that a byline may run on after the previous value with no space
# (来源:某某局发布时间:…, 来源:某某局字号:[大 中 小]); with their colon they are labels
# wherever they stand.
_RUN_ON_LABELS = frozenset(
    {"发布时间", "发布日期", "阅读次数", "浏览次数", "点击次数", "访问次数", "字号"}
)
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(
        r"\s*".join(label)
        if label in _FOOTER_FIELDS
        else label[0] + ("" if label in _RUN_ON_LABELS else _LABEL_START) + r"\s*".join(label)[1:]
        for label in sorted(
            [*_LABEL_FIELDS, *_FOOTER_FIELDS, *_OTHER_LABELS.split("|")], key=len, reverse=True
        )
    )
    # a colon; or, for a label of three or more characters, white space before the value or
    # the line's end (a disclosure table puts the value in a cell of its own, on the next line)
    # (or a closing bracket: 【发布机构】某某局)
    + r")(?P<sep>\s*:|\s*[】\]]\s*:?|[ \t]+(?=[^\s:])|[ \t]*(?=\n|$))"
)
# Two-character labels (来源, 标题, 文号, 作者, 编辑) are ordinary words too: only a colon marks them.
_BARE_LABEL_MIN = 3
# The name that ends where a label starts ('某某县教育局 版权所有').
_NAME_BEFORE = re.compile(rf"(?P<name>[{_CJK}()]{{2,40}})\s*$")
_COPYRIGHT_NOISE = re.compile(
    r"^(?:[\s©:]|\(c\)|copyright|(?:19|20)\d{2}(?:\s*[-—~]\s*(?:19|20)\d{2})?)+"
    r"|(?:[\s.,]|all\s*rights\s*reserved)+$",
    re.IGNORECASE,
)
# 发文字号 (GB/T 9704-2012 7.2.4: 机关代字, the year in 〔〕, 序号): pages also write the year in
# [] () 【】 〖〗 (﹝﹞ and full-width forms are folded by normalise_text), with spaces, and
# sometimes 第 before the serial.
DOC_NUMBER = re.compile(
    rf"(?P<agency>[{_CJK}]{{1,10}})\s*[〔\[(【〖]\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\])】〗]\s*"
    r"(?:第\s*)?(?P<serial>\d{1,5})\s*号"
)
# Every 发文字号 holds a bracketed year: a text without one (most of them) needs no DOC_NUMBER
# search, which tries 1 to 10 agency characters at every character.
_BRACKETED_YEAR = re.compile(r"[〔\[(【〖]\s*(?:19|20)\d{2}\s*[〕\])】〗]")
_INDEX_NUMBER = re.compile(r"[0-9A-Za-z]{4,}\s*/\s*\d{4}\s*-\s*\d+")
# A labelled 索引号 of another shape: letters, digits and - / _ . with four digits or more.
_ANY_INDEX_NUMBER = re.compile(r"(?=(?:[A-Za-z/\-_.]*\d){4})[0-9A-Za-z][0-9A-Za-z/\-_.]{5,}")
_DATE_TEXT = (
    r"(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇零一二三四五六七八九○]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日)"
)
# A source's value that names a body, then its writer (某县教育局 李某).
_BODY_THEN_WRITER = re.compile(r"\s*(?P<body>\S+)\s+\S{2,4}\s*$")
# A line that is only a date in brackets (a speech's or a report's own date).
_BRACKETED_DATE = re.compile(rf"[ \t]*[(（][ \t]*(?P<date>{_DATE_TEXT})[ \t]*[)）][ \t]*$")
# (督导室 and 教研室: offices of the education administration, ANNOTATION.md's bodies; 室 alone
# ends everyday words, 教室.)
_ORG_SUFFIX = (
    r"(?:人民政府|政府|委员会|办公室|督导室|教研室|教育局|局|厅|委|办|部|院|中心|学校|大学|学院|协会"
    r"|公司|处|科|室|所|站|馆)"
)
# A school's or kindergarten's name alone: a source line naming one gives the page's issuer (a
# school publishes its own news and disclosure guide), though as a headline it is the title.
_SCHOOL_LINE = re.compile(rf"[{_CJK}]{{2,30}}(?:幼儿园|小学|中学|学校)")
_ORG_NAME = re.compile(rf"[{_CJK}()]{{2,40}}(?P<suffix>{_ORG_SUFFIX})")


# What opens a notice's matter after its issuer's name (某局关于…, 某政府批转…, 某办转发…):
# GB/T 9704-2012 7.3.3, 发文机关名称 + 事由 + 文种.
_MATTER_OPENERS = "关于|批转|转发|印发"
_MATTER_OPENER = re.compile(_MATTER_OPENERS)
# A body's name that opens a title before a year or the matter's opener (发文机关名称 + 事由,
# GB/T 9704 7.3.1), or before its disclosure's (某局信息公开指南, 某局政府信息公开年度报告),
# a space before it allowed (某区人民政府 关于印发…); joint issuers are
# written one after another with a space between (某市委教育工委 某市教育局2024年工作要点).
# A year that opens a time phrase (2022年以来, 2020年起) is no document's year: the body before
# it is the headline's object (督查组对某区人民政府2022年以来履行职责情况开展督查).
_TITLE_ISSUER = re.compile(
    rf"(?P<org>(?:[{_CJK}()]{{2,40}}?{_ORG_SUFFIX}[ \t\u3000]+)*[{_CJK}()]{{2,40}}?{_ORG_SUFFIX})"
    rf"(?=\s*(?:(?:19|20)\d{{2}}\s*年(?!以来|来|起|至今)|{_MATTER_OPENERS}|(?:政府)?信息公开))"
)


# The lead body and the count of the bodies a joint document's title names (某市教育局等十一部门
# 关于…): the issuer as the title writes it.
_JOINT_COUNT = r"等(?:[0-9]+|[一二三四五六七八九十]+)个?(?:部门|单位)"
_JOINT_LEAD = re.compile(
    rf"(?P<org>[{_CJK}()]{{2,40}}?{_ORG_SUFFIX}){_JOINT_COUNT}(?=\s*(?:{_MATTER_OPENERS}|联合))"
)
_JOINT_TAIL = re.compile(rf"{_JOINT_COUNT}$")


def _org_line(line: str) -> bool:
    """Return True for a body's name alone (某区教育局, 某市人民政府): not when its last two
    characters are an everyday word (格局, 举办, 全部), which a headline ends with (…发展新格局)
    and no body's name does.

    >>> _org_line("某某区教育局"), _org_line("某区人民政府"), _org_line("某某区构建发展新格局")
    (True, True, False)
    >>> _org_line("某某区教育科学研究所"), _org_line("某某区今年新建小学三所")
    (True, False)
    >>> _org_line("中共某某县委")
    True
    """
    match = _ORG_NAME.fullmatch(line)
    # The prefix is greedy: the suffix matched is the shortest that ends the line (局 of 教育局).
    return (
        match is not None
        and not (
            len(match["suffix"]) == 1
            and everyday_word(line[-2:])
            and not _AREA_COMMITTEE.search(line)
        )
        and not _COUNTED_END.search(line)
    )


# Sentence-final punctuation, which no list of addressed bodies holds.
_SENTENCE_END = re.compile(r"[!！?？。]")


def _fuller_form(written: str, short: str) -> bool:
    """Return True when `written` is `short` with the places that enclose it before it
    (某市某区教育局 and 某区教育局): one body, the first name in full.

    >>> _fuller_form("柳州市柳江区教育局", "柳江区教育局"), _fuller_form("柳江区人民政府", "柳江区教育局")
    (True, False)
    """
    return (
        len(written) > len(short)
        and written.endswith(short)
        and bool(leading_areas(written[: -len(short)]))
    )


def _bodies_line(text: str) -> bool:
    """Return True for one body's name, or joint bodies' names side by side with white space
    between (中共某县委 某县人民政府): each part is a body's line (_org_line)."""
    parts = text.split()
    return bool(parts) and all(map(_org_line, parts))


def joint_issuers(issuer: str) -> list[str]:
    """Return the bodies of an issuer written as several names with spaces between (joint
    issuers: 某市委教育工委 某市教育局), or the issuer alone.

    >>> joint_issuers("中共某某县委 某某县人民政府"), joint_issuers("某某县 教育局")
    (['中共某某县委', '某某县人民政府'], ['某某县 教育局'])
    >>> joint_issuers("某某市教育局等十一部门")
    ['某某市教育局']
    """
    tail = _JOINT_TAIL.search(issuer)
    if tail:
        return [issuer[: tail.start()]]  # 某市教育局等十一部门: the one body the title names
    parts = issuer.split()
    return parts if len(parts) > 1 and _bodies_line(issuer) else [issuer]


# An area's party committee (县委, 市委): an everyday word that is a body's name too.
_AREA_COMMITTEE = re.compile(r"[省市县区州旗盟镇乡]委$")
# A count at a headline's end (…新建小学三所, …两处): its measure word (所, 处) is no body's head.
_COUNTED_END = re.compile(r"(?:[0-9]+|[一二三四五六七八九十百两几]+)[所处家个]$")


# What every _SIGNATURE_INLINE match holds (white space, then the date): texts without it skip
# the search, which tries up to 40 name characters after every sentence end and space.
_SPACE_DATE = re.compile(rf"\s{_DATE_TEXT}")
_SIGNATURE_INLINE = re.compile(
    rf"(?:(?<=[。\s])|^)(?P<org>[{_CJK}()]{{2,40}}{_ORG_SUFFIX})\s+(?P<date>{_DATE_TEXT})(?!\s*印\s*发)",
    re.MULTILINE,
)
_DATE_LINE = re.compile(rf"^[ \t]*(?P<date>{_DATE_TEXT})[ \t]*$", re.MULTILINE)
# A signature whose two lines a copy ran into one (某市教育局2024年1月29日): the whole line.
_SIGNATURE_GLUED = re.compile(
    rf"^[ \t]*(?P<org>[{_CJK}()]{{2,40}}{_ORG_SUFFIX})(?P<date>{_DATE_TEXT})[ \t]*$",
    re.MULTILINE,
)
_RED_HEADER = re.compile(rf"^\s*(?P<org>[{_CJK}() ]{{3,60}}?)\s*文\s*件\s*$", re.MULTILINE)
_SPACED_HEADER = re.compile(rf"^\s*(?P<org>(?:[{_CJK}] ){{3,}}[{_CJK}])(?![{_CJK}])", re.MULTILINE)
_PRINTED = re.compile(
    rf"^\s*(?P<org>[{_CJK}()]{{2,40}}?)\s+(?P<date>{_DATE_TEXT})\s*印\s*发\s*$", re.MULTILINE
)
# How a date-only line, a red header ('XX文件') and an 印发 line end: these patterns open with
# ^ (tested at every character), so they run only on texts that have such a line end.
_DATE_LINE_END = re.compile(r"日[ \t]*$", re.MULTILINE)
_HEADER_END = re.compile(r"文\s*件\s*$", re.MULTILINE)
_PRINTED_END = re.compile(r"印\s*发\s*$", re.MULTILINE)
_COPIED = re.compile(r"^\s*抄\s*(?:送|报)\s*:\s*(?P<value>[^\n]+?)\s*[。.]?\s*$", re.MULTILINE)
# \d\d{3}, not \d{4}: a pattern that opens with one character class lets the engine skip to it.
_TIMESTAMP_LINE = re.compile(
    r"(?P<date>\d\d{3}-\d{2}-\d{2})\s+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s*$", re.MULTILINE
)
_MEDIA = re.compile(
    r"(?:报|网|社|台|记者站|融媒体中心|APP|客户端|互联网|微信|微博|公众号|频道|杂志|新闻)$"
)
_NEWS_MARKERS = re.compile(r"本报讯|本报记者|记者|通讯员|原标题|新华社|日电|责任编辑|\S{2,8}讯[ (]")
_SITE_NAME = re.compile(
    rf"这里是(?P<site>[{_CJK}]{{2,30}}?(?:门户网站|网站|广播电台|电视台|电台|网))"
)
_GUESTS = re.compile(r"嘉宾(?:是|有|为)?[^。!?\n]{2,120}")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_SECTION_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、]"
    r"|第[一二三四五六七八九十\d]+(?:部分|章|节|篇)(?!\S))"
)
# A table of contents' heading (目 录): a headline stands above it, its entries are none.
_CONTENTS = re.compile(r"[ \t]*目[ \t\u3000]*录[ \t]*")
_RECIPIENT_SPLIT = re.compile(r"(?:[^、,;()]|\([^)]*\))+")
_BEGINS_TEXT = re.compile(r"^(?:现将|现就|根据|为了?|按照|经|近日|今年|结合|随着)")

_AREA_LEVELS = ("province", "city", "county")
_UNIT_CHARS = frozenset("区县市镇乡州旗盟")
# Development zones share generic short names (经开区, 高新区): only their full names count.
_ZONE = re.compile(r"开发区|园区|管理区|新区|示范区|试验区")
_CN_DIGITS = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")
_DATE_PARTS = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-年./]\s*(?P<m>\d{1,2})\s*[-月./]\s*(?P<d>\d{1,2})(?!\d)"
    r"|(?P<cy>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日"
    # day first, as some pages write it: 24.10.2019, 24/10/2019
    r"|(?<!\d)(?P<dd>\d{1,2})\s*[./]\s*(?P<dm>\d{1,2})\s*[./]\s*(?P<dy>(?:19|20)\d{2})(?!\d)"
)


def parse_date(text: str) -> str | None:
    """Return the first date in `text` as ISO 'YYYY-MM-DD', or None when there is none.

    >>> parse_date("2022- 04- 12 16: 19"), parse_date("2023 年 3 月 23 日")
    ('2022-04-12', '2023-03-23')
    >>> parse_date("二〇二〇年四月二十八日"), parse_date("有效")
    ('2020-04-28', None)
    >>> parse_date("24.10.2019"), parse_date("2019/10/24 10:30"), parse_date("10月24日")
    ('2019-10-24', '2019-10-24', None)
    >>> parse_date("2019年2月29日"), parse_date("2020年2月29日")
    (None, '2020-02-29')
    """
    match = _DATE_PARTS.search(text)
    if not match:
        return None
    if match["y"]:
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match["dy"]:
        year, day, month = int(match["dy"]), int(match["dd"]), int(match["dm"])
        if month > 12 >= day:  # month first after all: 10/24/2019
            day, month = month, day
    else:
        year = int(match["cy"].translate(_CN_DIGITS))
        month, day = int(cn2an.cn2an(match["cm"], "smart")), int(cn2an.cn2an(match["cd"], "smart"))
    try:  # a date the calendar has: 2月31日 is a typo, not an xsd:date
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _word_areas(word: str) -> tuple[Area, ...]:
    """Return the provinces, cities and counties `word` names, higher levels first, then by
    code. A development zone counts by its full name only: its short forms are shared."""
    gaz = load_gazetteer()
    areas = gaz.by_name.get(word, ()) + gaz.by_alias.get(word, ())
    wanted = (
        a for a in areas if a.level in _AREA_LEVELS and (word == a.name or not _ZONE.search(a.name))
    )
    return tuple(sorted(wanted, key=lambda a: (LEVELS.index(a.level), a.code)))


@lru_cache(maxsize=4096)
def _ancestor_labels(code: str) -> tuple[str, ...]:
    """Return the names and aliases of the ancestors of the area keyed `code`."""
    return tuple(
        label
        for part in area_chain(code)[:-1]
        for label in dict.fromkeys((part.name, *part.aliases))
    )


def _pick(areas: tuple[Area, ...], context: str) -> Area:
    """Pick among same-named areas the one whose ancestors the context names most."""
    if len(areas) == 1:
        return areas[0]

    def support(area: Area) -> int:
        return sum(context.count(label) for label in _ancestor_labels(area.code))

    return max(areas, key=support)


def find_areas(
    text: str, context: str = "", aliases: bool = True
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Return (start, end, chain) for each area name in `text`, longest match first, no overlap.

    Args:
        text: where to look.
        context: text whose mentions of parent areas decide between same-named areas.
        aliases: also match short names (钟楼 for 钟楼区); they are also ordinary words (合作).

    >>> [(s, e, c) for s, e, c in find_areas("泰州市海陵区教育局")]
    [(0, 3, ('江苏省', '泰州市')), (3, 6, ('江苏省', '泰州市', '海陵区'))]
    """
    return list(_iter_areas(text, context, aliases))


def _iter_areas(
    text: str, context: str = "", aliases: bool = True, since: int = 0, until: int | None = None
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Yield find_areas' results one by one.

    `since` (a scan_start) skips the areas before it; with `until`, only the areas that start
    by `until` are exact, and the first one after it (the text is scanned a little further).
    """
    end = None if until is None else until + 2 * longest_name()
    for match in find_area_names(text, since, end):
        areas = _word_areas(match.word)
        if not areas:
            continue
        is_alias = all(match.word != a.name for a in areas)
        if is_alias and not aliases:
            continue
        after = match.end
        if is_alias and (
            text[after : after + 1] in _UNIT_CHARS or text[after : after + 2] == "新区"
        ):
            continue  # an alias that is part of another unit's name: 江北 in 南京江北新区
        yield (match.start, match.end, _pick(areas, context or text).chain)


def leading_areas(name: str) -> list[tuple[int, str, tuple[str, ...]]]:
    """Return (end, written, chain) for the area names a body's name starts with.

    >>> [(e, w) for e, w, _ in leading_areas("常州市钟楼区人民政府办公室")]
    [(3, '常州市'), (6, '钟楼区')]
    """
    out = []
    position = 0
    for start, end, chain in find_areas(name):
        if start != position:
            break
        out.append((end, name[start:end], chain))
        position = end
    return out


def _strip_span(norm: str, start: int, end: int, chars: str = " \t\n") -> tuple[int, int]:
    while start < end and norm[start] in chars:
        start += 1
    while end > start and norm[end - 1] in chars:
        end -= 1
    return start, end


def _label_accepted(norm: str, match: re.Match[str]) -> bool:
    """Return True when a _LABEL match is a label here, not an ordinary word.

    A colon or brackets around it (【发布机构】) always mark a label. Without them, the label
    needs three or more characters, or two spaced apart at a line's start (标  题), and must
    stand where labels stand (a footer label is also read glued to the previous value, but only
    before a colon).
    """
    label = re.sub(r"\s+", "", match["label"])
    at = match.start()
    before = norm[:at].rstrip(" \t")  # [ 索引号 ]: a cell's brackets may pad the label
    bracketed = before[-1:] in ("【", "[") and match["sep"].strip()[:1] in "】]"
    if ":" in match["sep"] or bracketed or label == "版权所有":  # also 'X版权所有'
        return True
    # A table cell of its own (a row's cells are tab-separated): 文号<TAB>X is a label too,
    # and so is one between a row's bars (| 文 号 | X |).
    if match["sep"].startswith("\t") and (at == 0 or norm[at - 1] in "\t\n"):
        return True
    if _BAR_CELL_END.match(norm, match.end()) and (not before or before[-1] in "\n|｜丨"):
        return True
    if match["sep"].strip():
        return False
    if len(label) < _BARE_LABEL_MIN:
        # 标  题 X: a form spaces a short label's characters apart, which no word is written with
        return label != match["label"] and (at == 0 or norm[at - 1] == "\n")
    if label in _RUN_ON_LABELS and at > 0 and not _LABEL_BEFORE.match(norm[at - 1]):
        return False  # run on after a word only with its colon (本次发布时间 为准)
    return at == 0 or norm[at - 1] in " \t\n|•·:,;)】]" or label not in _FOOTER_FIELDS


# White space and the list bullets a catalogue rendered as a list puts before each cell
# ('• [ 发布机构 ]' / '• 某区人民政府').
_CELL_MARKS = " \t\n•·●◆■▪"


def _next_line_value(norm: str, at: int, labels: list[re.Match[str]]) -> tuple[int, int] | None:
    """Return the span of the line after `at` when it holds a label's value (a table cell)."""
    line_start = norm.find("\n", at)
    while 0 <= line_start < len(norm) and norm[line_start] == "\n":
        line_start += 1
    if line_start < 0 or line_start >= len(norm):
        return None
    line_end = norm.find("\n", line_start)
    line_end = len(norm) if line_end < 0 else line_end
    start, end = _strip_span(norm, line_start, line_end, _CELL_MARKS)
    if any(start <= m.start() < end for m in labels):
        return None
    return (start, end) if end > start else None


def _owner_span(norm: str, match: re.Match[str], start: int, end: int) -> Span | None:
    """Return the body named by a 版权所有 label: after it (版权所有 © 2023 X) or before it
    on its line (X 版权所有), without the copyright sign, years and 'All Rights Reserved'."""
    noise = [m for m in _COPYRIGHT_NOISE.finditer(norm, start, end) if m.end() > m.start()]
    for m in noise:
        if m.start() == start:
            start = m.end()
        elif m.end() == end:
            end = m.start()
    if end > start and _org_line(norm[start:end]):
        return Span(start, end)
    line_start = norm.rfind("\n", 0, match.start()) + 1
    name = _NAME_BEFORE.search(norm, line_start, match.start())
    if name and _org_line(name["name"]):
        return Span(*name.span("name"))
    return None


_FIELD_BAR = re.compile(r"\s*[|｜丨]")
_BAR_CELL_END = re.compile(r"[ \t]*[|｜丨]")


# A row of a catalogue printed without its labels: one bulleted value to a line (a portal's
# 信息索引 box whose label cells a copy lost: • 430626000/2023-00012 • 某县教育局 • 2023-05-06).
_BARE_ROW = re.compile(r"^[ \t]*[•·●■◆▪][ \t]*(?P<value>[^\n]*?)[ \t]*$", re.MULTILINE)
_BARE_ROWS_MIN = 4
_DATE_FIELDS = ("written_on", "generated_on", "published_on")
# The document's date (dct:issued) is the first of these it has: the date it was published
# on, as ANNOTATION.md lists 发布 first and its gold reads where a page gives both a 发布日期
# and a signature's date; then the catalogue's 生成日期; then the signature's (成文).
_DOCUMENT_DATE = ("published_on", "generated_on", "written_on")
_BARE_REACH = 3000  # characters: a catalogue heads its page


def bare_catalogue(norm: str) -> list[Span]:
    """Return the value spans of the first run of bulleted rows, four or more, one after the
    other, that holds an index number and a date: a catalogue whose labels are lost. A list of
    links or tags has no index number among its rows.

    >>> norm = "• 11330/2021-00002\\n• 某市教育局\\n• 年度报告\\n• 2021-01-26\\n某市教育局年度报告"
    >>> [norm[s.start:s.end] for s in bare_catalogue(norm)]
    ['11330/2021-00002', '某市教育局', '年度报告', '2021-01-26']
    """
    run: list[re.Match[str]] = []
    for match in _BARE_ROW.finditer(norm, 0, _BARE_REACH):
        if run and match.start() != run[-1].end() + 1:
            if _is_bare_catalogue(run):
                break
            run = []
        run.append(match)
    if not _is_bare_catalogue(run):
        return []
    return [Span(m.start("value"), m.end("value")) for m in run if m["value"]]


def _is_bare_catalogue(run: list[re.Match[str]]) -> bool:
    values = [m["value"] for m in run]
    return (
        len(values) >= _BARE_ROWS_MIN
        and any(_INDEX_NUMBER.fullmatch(v) for v in values)
        and any(_DATE_ALONE.fullmatch(v) for v in values)
    )


def catalogue_fields(norm: str) -> dict[str, Span]:
    """Return the span of each labelled catalogue value (first occurrence wins; for the
    footer's 主办 / 承办 / 版权所有 the last, as the footer ends the page).

    A value runs to the next label or the line's end. A label is followed by a colon, or (three
    characters or more) by white space, or ends its line with the value on the next line, as
    in a disclosure table whose cells become lines.

    >>> norm = "文件编号: 发布机构:教文局\\n产生日期: 2019-01-07 发布日期: 2019-01-08"
    >>> {k: norm[s.start:s.end] for k, s in catalogue_fields(norm).items()}
    {'issuer': '教文局', 'generated_on': '2019-01-07', 'published_on': '2019-01-08'}
    >>> norm = "来源:某区教育局 | 发布日期:2019-01-08 | 浏览量:12"
    >>> [norm[s.start:s.end] for s in catalogue_fields(norm).values()]
    ['某区教育局', '2019-01-08']
    >>> norm = "发布机构: | 教文局 | 生成日期: | 2019-01-07 |"
    >>> [norm[s.start:s.end] for s in catalogue_fields(norm).values()]
    ['教文局', '2019-01-07']
    >>> norm = "发布机构 | 政府办公室 | 文 号 | |\\n成文日期 | 2024-05-13 |"
    >>> [norm[s.start:s.end] for s in catalogue_fields(norm).values()]
    ['政府办公室', '2024-05-13']
    >>> norm = "发布机构 教文局  生成日期\\n2019-01-07\\n版权所有:某区人民政府主办:某区政府办公室"
    >>> [norm[s.start:s.end] for s in catalogue_fields(norm).values()]
    ['教文局', '2019-01-07', '某区人民政府', '某区政府办公室']
    """
    found: dict[str, Span] = {}
    matches = [m for m in _LABEL.finditer(norm) if _label_accepted(norm, m)]
    for i, match in enumerate(matches):
        label = re.sub(r"\s+", "", match.group("label"))
        field = _LABEL_FIELDS.get(label) or _FOOTER_FIELDS.get(label)
        if not field or (field in found and label not in _FOOTER_FIELDS):
            continue
        line_end = norm.find("\n", match.end())
        line_end = len(norm) if line_end < 0 else line_end
        end = line_end
        if i + 1 < len(matches) and matches[i + 1].start() < line_end:
            end = matches[i + 1].start("label")
        # an unknown label ('发布开发区:') ends the value too
        unknown = re.compile(rf"\s+[{_CJK}]{{2,6}}\s*:").search(norm, match.end(), end)
        if unknown:
            end = unknown.start()
        # a bar between a byline's fields ('来源:X | 发布日期:…') or after a table cell's value
        # ('发布机构 | X | 文号 | |') ends the value too
        opened = _strip_span(norm, match.end(), end, " \t|｜丨")[0]
        bar = _FIELD_BAR.search(norm, opened, end)
        if bar and norm[opened : bar.start()].strip():
            end = bar.start()
        while end > match.end() and norm[end - 1] in "【[ \t":  # the next label's bracket
            end -= 1
        # A table's cell bars around the value ('发布机构: | 某局 |') are not part of it.
        start, end = _strip_span(norm, match.end(), end, _CELL_MARKS + "|｜丨")
        if field == "site_owner":
            owner = _owner_span(norm, match, start, end)
            if owner:
                found[field] = owner
            continue
        if end == start and not norm[match.end() : line_end].strip():
            cell = _next_line_value(norm, match.end(), matches)
            if cell:
                start, end = cell
        if end > start:
            found[field] = Span(start, end)
    return found


def normalise_doc_number(number: str) -> str:
    """Return a 发文字号 in GB/T 9704 form: no spaces, the year in 〔〕.

    >>> normalise_doc_number("苏教[2023] 2 号")
    '苏教〔2023〕2号'
    """
    match = DOC_NUMBER.search(number)
    if not match:
        return re.sub(r"\s+", "", number)
    return f"{match['agency']}〔{match['year']}〕{match['serial']}号"


def _is_citation(norm: str, match: re.Match[str]) -> bool:
    """Return True for a 发文字号 that cites another document: in parentheses after its title.

    A cited document is written title first, then its number in parentheses (党政机关公文处理
    工作条例, 2012: 引用公文应当先引标题,后引发文字号), as in '《…的通知》(某府办〔2017〕8号)'.
    """
    before = norm[max(0, match.start() - 3) : match.start()].rstrip()
    if _OWN_NUMBER_LINE.match(norm, norm.rfind("\n", 0, match.start()) + 1):
        return False  # (某政〔2001〕85号) alone on its line under the title: its own number
    return before.endswith(("(", "》", "、"))


# A 发文字号 in parentheses on a line of its own, as a State Council document prints it under its
# title ((国发〔2001〕21号), with its date after it: (某教办〔2021〕2号 2021年3月24日)); a cited
# number follows its document's title on the same line.
_OWN_NUMBER_LINE = re.compile(
    rf"[ \t]*[(（]\s*{DOC_NUMBER.pattern}\s*(?:{_DATE_TEXT}\s*)?[)）][ \t]*(?:\n|$)"
)


def _find_doc_number(norm: str, start: int, end: int) -> re.Match[str] | None:
    """Return the first 发文字号 in norm[start:end] that is not a citation of another document."""
    if not _BRACKETED_YEAR.search(norm, start, end):
        return None
    return next(
        (m for m in DOC_NUMBER.finditer(norm, start, end) if not _is_citation(norm, m)), None
    )


def split_bodies(value: str) -> tuple[str, ...]:
    """Return the bodies named in a 主送 or 抄送 list, split at 、 , ; outside parentheses.

    >>> split_bodies("各中小学、幼儿园,市少年宫,教师发展中心")
    ('各中小学', '幼儿园', '市少年宫', '教师发展中心')
    >>> split_bodies("各区(县、市)教育局,机关各处室。")
    ('各区(县、市)教育局', '机关各处室')
    """
    value = value.strip().rstrip("。.:")
    return tuple(p.strip() for p in _RECIPIENT_SPLIT.findall(value) if p.strip())


def _lines(norm: str, body: tuple[Span, ...]) -> list[tuple[int, int]]:
    """Return (start, end) of each non-blank line inside the body spans, stripped."""
    out = []
    for span in body:
        for match in re.finditer(r"[^\n]+", norm[span.start : span.end]):
            start, end = _strip_span(norm, span.start + match.start(), span.start + match.end())
            if end > start:
                out.append((start, end))
    return out


def _is_paragraph(line: str) -> bool:
    # A headline has at most two commas; a sentence cut before its full stop has more. A list
    # item of short tags (• 教育,通知公告,招生) is a page's field, not a sentence.
    if _TAG_LIST.fullmatch(line):
        return False
    return "。" in line or len(line) > 100 or line.count(",") >= 3


# A list item's bullet before a line (• 分类:通知公告): decoration, whatever the line says.
_BULLETS = " \t•·●○■□◆◇▪"
# A list item of three or more short tags between commas (• 教育,通知公告,政策解读,招生): the
# values of a page's field (its categories), after a bullet.
_TAG_LIST = re.compile(
    rf"[{_BULLETS}]*[•·●○■□◆◇▪][ \t]*(?:[^\s,,。;;:]{{1,6}},){{2,}}[^\s,,。;;:]{{1,6}}"
)


def _is_title_line(line: str) -> bool:
    line = line.strip(" \t|｜丨")  # a table cell's bars ('辽政发〔2003〕35号 |')
    if line[:1] in _BULLETS and _BULLETED_FORM_ROW.match(line) or _TAG_LIST.fullmatch(line):
        return False  # • 分类:通知公告, • 通知,公告: a list of a page's fields
    line = line.lstrip(_BULLETS)
    return (
        4 <= len(line) <= 100
        and re.search(f"[{_CJK}]", line) is not None
        and not line.endswith((":", ",", ";", "、"))
        and not line.startswith(("附件", "(此件", "原标题", "——", "-"))
        and not _REPRINT_NOTE.match(line)
        and not _field_line(line)
        and not _CAPTION.fullmatch(line)
        and not is_page_line(line)
        and not _NEWS_LEAD.match(line)
        and not _ADVERB_LEAD.match(line)
        and not _SECTION_START.match(line)
        and not _DATE_ALONE.fullmatch(line)
        and not _DATED_NAMES.fullmatch(line)
        and not header_date(line)  # 2021年06月04日 星期五 报料热线:…: a page's dated header
        and not _SHORT_FIELD.fullmatch(line)
        and not _org_line(line)
        and not re.fullmatch(r".*文\s*件", line)
        and not DOC_NUMBER.fullmatch(line)
        and not is_byline(line)
        and not _KEYWORD_LIST.fullmatch(line)
    )


# A reprint note over a mirrored article (转载请注明某某政务微信, 如需转载请联系…): no headline,
# though the body it names is one of the page's.
_REPRINT_NOTE = re.compile(r"(?:如需|欢迎)?转载请(?:注明|联系|标明)|禁止转载|未经授权")


# A day or days without a year (3月12日, 3月12日-13日): an event's date, no headline.
_DAY_RANGE = r"\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s*[-—~至]\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)?"
# A date alone, its weekday after it (a portal header prints today's: 2018年8月21日 星期二; a
# copy may cut the weekday's last character off).
_DATE_ALONE = re.compile(
    rf"(?:{_DATE_TEXT}|[\d\-:/. ]+|{_DAY_RANGE})(?:\s*(?:星期[一二三四五六日天]?|周[一二三四五六日天]))?"
)
# A date in figures with a few words after it and no clause (2018-11-30张某李某, a post's date
# and its authors): a dateline, no headline.
_DATED_NAMES = re.compile(r"(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?!\d)[^,,。;;:!?!?]{0,16}")
# A row of a form: a short label, a colon, and a date or a number as its value (来信时间:…,
# 建议号:201号): whatever the label, no headline has that shape.
_SHORT_FIELD = re.compile(
    rf"[{_CJK}\s]{{2,8}}:\s*(?:{_DATE_TEXT}|[\dA-Za-z\-/.:\s]+号?)(?:\s*(?:星期|周)[一二三四五六日天])?"
)


def _field_line(line: str) -> bool:
    """Return True for a catalogue line (发布部门: 某市政府): a label and its value, no headline."""
    match = _LABEL.match(line, len(line) - len(line.lstrip("[【 \t")))
    return match is not None and _label_accepted(line, match)


# A line wholly in brackets is a caption or a note ((资料图片), (相关资料图), 【打印本页】), not a
# headline; a headline a portal sets in black brackets (【某某联盟成立】) is longer than a note.
_CAPTION = re.compile(r"[(（\[][^()（）\[\]【】]*[)）\]]|【[^【】]{0,8}】")
# A news story's lead opens with its dateline (本网讯, 某某在线9月11日讯(通讯员 …), 某某社…电):
# the line is the story's first sentence, even when the page breaks it early.
_NEWS_LEAD = re.compile(rf"^[{_CJK}A-Za-z]{{0,16}}(?:\d{{1,2}}月\d{{1,2}}日)?[讯电]\s*[(（]")
# A line a time adverb and its comma open (日前,某局发布《…》): a sentence, as no headline opens.
_ADVERB_LEAD = re.compile(r"(?:日前|近日|近期|昨日|昨天|今日|今天|目前|近年来|今年以来)[,,]")


# A page's keyword list or menu written as one line: five or more short words between spaces
# ('温州 温州市 惠企政策 直通车 …'), no headline's shape.
_KEYWORD_LIST = re.compile(r"(?:[^\s,,。:;]{1,8}[ \t]+){4,}[^\s,,。:;]{1,8}")


# A 发文字号 at either end of a title line is the document's number, not part of its headline; a
# file name's extension after it goes with it ('关于…的通知 某教〔2023〕2号.pdf').
_LEADING_NUMBER = re.compile(rf"\s*{DOC_NUMBER.pattern}\s*")
_TRAILING_NUMBER = re.compile(rf"\s*{DOC_NUMBER.pattern}(?:\.[A-Za-z]{{2,4}})?\s*$")
# The first paragraph of an 印发 notice that has no heading line names the document it issues:
# '现将《…》印发给你们' (not '某部印发《…》', which reports another body's document).
_ISSUED_QUOTE = re.compile(
    r"《(?P<title>[^《》]{4,80})》(?:[、和及与]?《[^《》]*》)*[^。《]{0,30}?(?:印发|转发)"
)
# A headline is seldom shorter than this; a shorter line by a byline is an author or column name.
_HEADLINE_MIN = 8


def _clean_title(norm: str, start: int, end: int) -> Span:
    """Return the span of the headline inside norm[start:end], decoration and number left out.

    The title is the headline as shown (ANNOTATION.md), so a file name keeps its extension.
    """
    inner_start, inner_end = title_bounds(norm[start:end])
    start, end = start + inner_start, start + inner_end
    number = _TRAILING_NUMBER.search(norm, start, end)
    if number and number.start() > start:
        end = number.start()
    number = _LEADING_NUMBER.match(norm, start, end)
    if number and number.end() < end:
        start = number.end()
    return Span(*_strip_span(norm, start, end))


def _adjacent(norm: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Return True when `second` is the line right after `first` (no blank line between)."""
    return norm[first[1] : second[0]].count("\n") == 1 and not norm[first[1] : second[0]].strip()


def _title_lines(norm: str, lines: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """Return (first, last) index of the lines of the title whose line `at` was chosen.

    A title wraps over lines (GB/T 9704-2012 7.3.3 breaks a long one): a line that stops inside
    《》, () or “” goes on on the next. And the title names its issuer (发文机关名称 + 事由 +
    文种), so a body's name on the line right above a '关于…' (批转…, 转发…) line is the title's
    first line.
    """
    first = last = at
    while first > 0 and _adjacent(norm, lines[first - 1], lines[first]):
        above = norm[slice(*lines[first - 1])]
        if not (opens_more_than_it_closes(above) and _is_title_line(above)):
            break
        first -= 1
    while last + 1 < len(lines) and _adjacent(norm, lines[last], lines[last + 1]):
        text = norm[lines[first][0] : lines[last][1]]
        following = norm[slice(*lines[last + 1])]
        if _is_paragraph(following) or len(text) > 100:
            break
        if (
            not opens_more_than_it_closes(text)
            and not _matter_goes_on(text, following)
            and not _joined_on(text, following)
        ):
            break
        last += 1
    if (
        first > 0
        and _MATTER_OPENER.match(norm, lines[first][0])
        and _adjacent(norm, lines[first - 1], lines[first])
        and _org_line(norm[slice(*lines[first - 1])].replace(" ", ""))
    ):
        first -= 1
    elif (
        first == last
        and last + 1 < len(lines)
        and _org_line(norm[slice(*lines[last])].replace(" ", ""))
        and _adjacent(norm, lines[last], lines[last + 1])
    ):
        following = norm[slice(*lines[last + 1])]
        if _DOCUMENT_KIND.search(following) and _is_title_line(following):
            last += 1  # 某省教育厅 / 2011年工作要点: the issuer's line, the matter and the kind
        elif (
            last + 2 < len(lines)
            and _adjacent(norm, lines[last + 1], lines[last + 2])
            and _MATTER_OPENER.match(following)
            and _matter_goes_on(following, norm[slice(*lines[last + 2])])
        ):
            # 某局 / 关于调整某某学区 / 管理办法的通知: the issuer's line, a wrapped matter
            last += 2
    return first, last


_DOCUMENT_KIND = re.compile(rf"的?(?:{DOCUMENT_KINDS})$")


# The last line of a wrapped title that only ends its matter with the kind of document
# (某市2023年中等职业教育 / 质量年度报告): a few characters, no 关于 of a title of its own.
_KIND_TAIL_MAX = 10


def _matter_goes_on(text: str, following: str) -> bool:
    """Return True when a title's matter wraps onto the next line: the line so far names no
    kind of document and the next one ends with one, after a 关于 (关于贯彻落实国务院进一步加强 /
    农村教育工作决定的意见) or as a short tail (某市2023年中等职业教育 / 质量年度报告)."""
    return (
        not _DOCUMENT_KIND.search(text)
        and _DOCUMENT_KIND.search(following) is not None
        and _is_title_line(following)
        and (
            "关于" in text
            or len(following.strip()) <= _KIND_TAIL_MAX
            and not _MATTER_OPENER.match(following.strip())
            and not is_banner(text.strip())
        )
    )


def _joined_on(text: str, following: str) -> bool:
    """Return True when a title wraps after a conjunction that joins two of its parts: a line
    ends with 及, 暨, 和, 与 or 、 (某局2022年工作总结及 / 2023年工作要点), which no title
    ends with, and the next line is a title's line."""
    return text.endswith(("及", "暨", "和", "与", "、")) and _is_title_line(following)


def _byline_headline(
    norm: str, lines: list[tuple[int, int]], heads: list[int], stop: int
) -> int | None:
    """Return the index of the heading line nearest above a byline (else just below the first).

    Portals print the byline (发布时间 / 来源 / 作者) right under or over the headline, while a
    site banner, slogan or column name stands further up. Boilerplate lines count as bylines
    too (a byline is often catalogue-like and left out of the body). Only the lines before
    `stop`, the first paragraph, are read.
    """
    starts = [lines[i][0] for i in heads if lines[i][1] - lines[i][0] >= _HEADLINE_MIN]
    if not starts:
        return None
    below = None
    for match in re.finditer(r"[^\n]+", norm[:stop]):
        line = match.group().strip()
        if not line or not is_byline(line):
            continue
        above = [i for i in heads if lines[i][0] in starts and lines[i][1] <= match.start()]
        if above:
            return above[-1]
        if below is None:
            below = next(
                (i for i in heads if lines[i][0] in starts and lines[i][0] > match.end()), None
            )
    return below


# What separates a page's title from its site's name on the page's first line (X -某某网).
_SITE_SEPARATOR = re.compile(r"\s*[-_|–—]")


def _page_title_headline(norm: str, lines: list[tuple[int, int]], stop: int) -> int | None:
    """Return the line before `stop` that the page's first line, its title, opens with before
    the site's name (某地:某某事 -某某网 … 某地:某某事), or None: that line is the headline,
    whatever it holds (a colon, a comma), and a line between it and the byline its subtitle.

    >>> norm = "某地:乡村教育先行 -某某网\\n\\n某地:乡村教育先行\\n某地举办某某启动仪式\\n发布时间:2019-04-16"
    >>> lines = [(0, 14), (16, 25), (26, 36), (37, 52)]
    >>> _page_title_headline(norm, lines, 52)
    1
    """
    page_title = norm[slice(*lines[0])].strip()
    for i in range(1, len(lines)):
        if lines[i][0] >= stop:
            break
        head = norm[slice(*lines[i])].strip()
        if (
            len(head) >= _HEADLINE_MIN
            and page_title.startswith(head)
            and _SITE_SEPARATOR.match(page_title, len(head))
        ):
            return i
    return None


def _quoted_headline(norm: str, lines: list[tuple[int, int]], heads: list[int]) -> int | None:
    """Return the index of the first heading line that the text repeats in 《》.

    Short lines and media names are left out: a masthead (某某日报) is quoted as a source.
    """
    for i in heads:
        span = _clean_title(norm, *lines[i])
        if span.end - span.start < _HEADLINE_MIN or _MEDIA.search(norm[span.start : span.end]):
            continue
        if f"《{norm[span.start : span.end]}》" in norm[lines[i][1] :]:
            return i
    return None


# A heading in black brackets that opens a page's first paragraph (【某某校区现在是什么学校】…).
_BRACKETED_OPENING = re.compile(r"\s*【(?P<head>[^【】\n]+)】")


def _bracketed_opening(line: str) -> tuple[int, int] | None:
    """Return the span of the heading in 【】 that a page's first paragraph opens with, or None:
    a question or headline, not a source's name (【某某日报】) nor a short label (【导读】).

    >>> _bracketed_opening("【某校旧校区现在是什么学校】某校旧校区位于…"), _bracketed_opening("【某某日报】某地…")
    ((1, 13), None)
    """
    match = _BRACKETED_OPENING.match(line)
    if match is None:
        return None
    head = match["head"]
    if len(head) < _HEADLINE_MIN or _MEDIA.search(head):
        return None
    return match.span("head")


# A document's title run into the text around it on a page that lost its line breaks: after
# its 发文字号 or its signature's date (…〔2020〕11号|某局关于…的通知|各县…, 某局2023年8月11日|
# 某县…的实施意见|为加快…), a body's matter ending with a kind of document.
# A title holds no clause mark, quote or 了 (县教育局印发了《…的通知》 narrates one).
_GLUED_TITLE = re.compile(
    r"(?:号|[0-9]日)(?P<title>(?:(?!了)[\u4e00-\u9fff0-9()（）〔〕\-—]){4,150}?的"
    r"(?:实施意见|意见|实施方案|方案|通知|决定|办法|批复|通报|公告))"
)


def _glued_title(line: str) -> tuple[int, int] | None:
    """Return the span of a title run into the first paragraph after a 发文字号 or a date, or
    None: a page copied without its line breaks.

    >>> line = "青教函〔2020〕11号青禾市教育局关于印发某某方案的通知各县教育局:现将…"
    >>> line[slice(*_glued_title(line))]
    '青禾市教育局关于印发某某方案的通知'
    >>> line = "青禾县人民政府办公室2023年8月11日青禾县推进集团化办学的实施意见为加快…"
    >>> line[slice(*_glued_title(line))]
    '青禾县推进集团化办学的实施意见'
    >>> _glued_title("本报讯 3月8日上午,青禾县举办了开学典礼。") is None
    True
    >>> _glued_title("本报讯 8月11日县教育局印发了《关于做好开学工作的通知》,要求做好准备。") is None
    True
    """
    match = _GLUED_TITLE.search(line, 0, 240)
    return match.span("title") if match else None


# A page's title that opens its first paragraph, set off by white space or a colon: phrases
# without clause marks (a subtitle's dash may open one) ending with a kind of report or page
# (…——某小学2024年度工作总结报告 一年来…, 某中学简介:某中学始建于…).
_OPENING_TITLE = re.compile(
    r"(?P<title>(?:[^\s,，。;；:：!?！？、“”\"《》()（）]{2,40}\s?){1,4}?"
    r"(?:总结报告|工作报告|工作总结|工作要点|工作计划|工作思路|实施方案|简介|概况))(?:\s|[:：])"
)


def _opening_title(line: str) -> tuple[int, int] | None:
    """Return the span of a title that opens the page's first paragraph, or None.

    >>> line = "守正创新 行稳致远 ——青禾小学2024年度工作总结报告 一年来,学校坚持…"
    >>> line[slice(*_opening_title(line))]
    '守正创新 行稳致远 ——青禾小学2024年度工作总结报告'
    >>> line = "青禾县第一中学简介:青禾县第一中学始建于1956年,…"
    >>> line[slice(*_opening_title(line))]
    '青禾县第一中学简介'
    >>> _opening_title("今年以来,全县认真落实工作要点 各项工作进展顺利。") is None
    True
    """
    match = _OPENING_TITLE.match(line)
    return match.span("title") if match else None


_ORIGINAL_TITLE = re.compile(r"\s*原标题\s*[:：]\s*(\S.{3,99}?)\s*$")


def find_title(norm: str, lines: list[tuple[int, int]]) -> Span | None:
    """Return the span of the document's headline, chosen by the page's structure.

    The candidates are the heading lines of the body before its first paragraph. Of those, the
    headline is, first that applies: the line the page's first line (its title) opens with
    before the site's name; the line by a byline (see _byline_headline); a line the text
    repeats in 《》; the first line that is not a site banner or column name; the first line.
    A page that opens with a paragraph is titled by a heading in 【】 it opens with, by the
    headline after its summary, or by a title run into it (see _glued_title).
    Its span covers a wrapped title's lines (see _title_lines), without decoration (see
    loaders.titles.title_bounds) or 发文字号. An 印发 notice without a heading line (it starts
    at its 主送 line) is titled by the document it issues: '现将《…》印发给你们'.
    """
    heads: list[int] = []
    stop = len(norm)
    for i, (start, end) in enumerate(lines):
        line = norm[start:end]
        if not heads and _addressed(line):
            continue  # 各镇人民政府,各街道办事处: the 主送 line above the text, no paragraph of it
        if _is_paragraph(line):
            stop = start
            if heads:
                break
            quoted = _ISSUED_QUOTE.search(line)
            if quoted:
                return Span(start + quoted.start("title"), start + quoted.end("title"))
            if i != 0:
                return None
            if opening := _bracketed_opening(line):
                return Span(start + opening[0], start + opening[1])
            after_lede = _headline_after_lede(norm, lines, i)
            if after_lede is None and (glued := _glued_title(line) or _opening_title(line)):
                return Span(start + glued[0], start + glued[1])
            return after_lede
        if _CONTENTS.fullmatch(line):
            break
        original = _ORIGINAL_TITLE.match(line)
        if original and all(is_banner(norm[slice(*lines[h])]) for h in heads):
            # A repost that opens with its story's original headline (原标题:…) and prints no
            # headline of its own over it: that headline is the page's.
            return _clean_title(norm, start + original.start(1), start + original.end(1))
        if _is_title_line(line) and not _form_row(norm, lines, i):
            heads.append(i)
    if not heads:
        return None
    # A page whose only heading lines name the site or a column shows no headline.
    plain = [i for i in heads if not is_banner(norm[slice(*lines[i])])]
    if not plain:
        return None
    # The lines over a page's path to the story (您的位置: 首页 > …) are the site's header: its
    # banner, its slogan, its menu. The headline comes after the path, where there is one.
    crumb = max((m.end() for m in _CRUMB_LINE.finditer(norm, 0, stop)), default=-1)
    plain = [i for i in plain if lines[i][0] > crumb] or plain
    heading_texts = {
        norm[start:end].strip()
        for start, end in lines
        if start < stop and end - start >= _HEADLINE_MIN
    }
    plain = [i for i in plain if not _run_together(norm, lines[i], heading_texts)] or plain
    chosen = (
        _page_title_headline(norm, lines, stop)
        or _byline_headline(norm, lines, plain, stop)
        or _quoted_headline(norm, lines, plain)
        or _restated_headline(norm, lines, plain)
        or _printed_twice(norm, lines, plain)
        # a headline's length before a menu word's (我的足迹, 购物车 above the headline)
        or next((i for i in plain if lines[i][1] - lines[i][0] >= _HEADLINE_MIN), plain[0])
    )
    chosen = _without_account_name(norm, lines, plain, chosen)
    first, last = _title_lines(norm, lines, chosen)
    return _clean_title(norm, lines[first][0], lines[last][1])


def _addressee_line(line: str) -> bool:
    """Return True for a line that may be a 主送 line: ending with ':', not an attachment's or
    a copy's label, no catalogue row and holding no sentence's end."""
    return (
        line.endswith(":")
        and not line.startswith(("附件", "抄送"))
        and 2 < len(line) < 150
        and not _field_line(line)  # 名称: …的答复函 文号: (a catalogue row, its value empty)
        and not _SENTENCE_END.search(line)  # 某某门户网站! 今日是: a banner, no one addressed
    )


def _addressed(line: str) -> bool:
    """Return True for a 主送 line that addresses bodies of a kind (各…): above a notice's
    text, no paragraph of it.

    >>> _addressed("各镇人民政府,各街道办事处,区直各单位:"), _addressed("现通知如下:")
    (True, False)
    >>> _addressed("青禾开发区管委会,各乡镇人民政府:"), _addressed("主要任务如下:")
    (True, False)
    """
    return _addressee_line(line) and any(b.startswith("各") for b in split_bodies(line[:-1]))


def _run_together(norm: str, line: tuple[int, int], heading_texts: set[str]) -> bool:
    """Return True when `line` is three or more of the other `heading_texts` written one after
    another: an e-paper's or a portal's list of the page's headlines run together (甲标题乙标题
    丙标题 over 甲标题 / 乙标题 / 丙标题), which is no headline itself. A title wrapped over two
    lines and printed whole too is one headline.

    >>> norm = "甲地新建三所学校乙地公开招聘教师丙地表彰优秀教师"
    >>> heads = {"甲地新建三所学校", "乙地公开招聘教师", "丙地表彰优秀教师"}
    >>> _run_together(norm, (0, 24), heads), _run_together(norm[:16], (0, 16), heads)
    (True, False)
    """
    text = norm[slice(*line)].strip()
    others = heading_texts - {text}
    pieces, pos = 0, 0
    while pos < len(text):
        step = max((len(o) for o in others if text.startswith(o, pos)), default=0)
        if not step:
            return False
        pieces, pos = pieces + 1, pos + step
    return pieces >= _LISTED_HEADLINES


# Headlines run together in a list: three at least, as a wrapped title's two lines are not.
_LISTED_HEADLINES = 3


def _printed_twice(norm: str, lines: list[tuple[int, int]], plain: list[int]) -> int | None:
    """Return a heading line that reads as one of a list of headlines above it, or None: a page
    that lists its stories' headlines (three heading lines or more in a row) prints the story's
    own headline again over it.

    >>> norm = "甲地新建三所学校\\n乙地公开招聘教师\\n丙地表彰优秀教师\\n专栏\\n乙地公开招聘教师"
    >>> lines = [(0, 8), (9, 17), (18, 26), (27, 29), (30, 38)]
    >>> _printed_twice(norm, lines, [0, 1, 2, 4]), _printed_twice(norm, lines, [1, 2, 4])
    (4, None)
    """
    heads = set(plain)
    listed: set[str] = set()
    for i in plain:
        head = norm[slice(*lines[i])].strip()
        if len(head) >= _HEADLINE_MIN and head in listed:
            return i
        # one of three heading lines in a row, whichever of them it is
        first = range(i - _LISTED_HEADLINES + 1, i + 1)
        if any(all(k in heads for k in range(j, j + _LISTED_HEADLINES)) for j in first):
            listed.add(head)
    return None


def _restated_headline(norm: str, lines: list[tuple[int, int]], plain: list[int]) -> int | None:
    """Return the heading line that one of the next three lines opens with again, or None: a
    record page prints its headline over the record that restates it (某局关于…的通知 /
    某局关于…的通知文章属性•【制定机关】…), under a related story's truncated link.

    >>> norm = "某区改善薄弱学\\n某局关于招生的通知\\n某局关于招生的通知文章属性"
    >>> lines = [(0, 7), (8, 17), (18, 31)]
    >>> _restated_headline(norm, lines, [0, 1])
    1
    """
    for i in plain:
        head = norm[slice(*lines[i])].strip()
        if len(head) >= _HEADLINE_MIN and any(
            norm[start:end].lstrip().startswith(head) for start, end in lines[i + 1 : i + 4]
        ):
            return i
    return None


# A lead-in line between a page's summary and the document it gives (通知全文:, 原文如下:).
_FULL_TEXT_LEAD = re.compile(r"[\u4e00-\u9fff]{0,6}(?:全文|原文)(?:如下)?\s*:")


def _headline_after_lede(norm: str, lines: list[tuple[int, int]], lede: int) -> Span | None:
    """Return the headline printed right after a page's opening summary paragraph, or None.

    Pages copied with their description over the story (某地今年新建小学三所…。 / 某市教育局 /
    关于某某事项的通知) begin with a paragraph; the headline is the heading line after it
    when it names a kind of document (通知, 方案 …), stands over a byline (来源: … 发布时间: …),
    or is two thirds restated by the summary in one run. A heading after a plain first
    paragraph (一、总体要求, a section's name) is none of these.
    """
    following = lede + 1
    if following >= len(lines) or _NEWS_LEAD.match(norm[slice(*lines[lede])]):
        return None  # 本报讯(通讯员…): the story itself has begun, its headings are sections'
    line = norm[slice(*lines[following])]
    if _FULL_TEXT_LEAD.fullmatch(line.strip()) and following + 1 < len(lines):
        following += 1  # 通知全文: / 某局关于…的通知: the lead-in, then the headline
        line = norm[slice(*lines[following])]
    issuer_line = (
        following + 1 < len(lines)
        and _org_line(line.replace(" ", ""))
        and _MATTER_OPENER.match(norm, lines[following + 1][0]) is not None
    )
    if issuer_line:
        following += 1  # 某局 / 关于…的通知: the heading is the matter's, its issuer's line over it
        line = norm[slice(*lines[following])]
    if _is_paragraph(line) or not _is_title_line(line):
        return None
    first, last = _title_lines(norm, lines, following)
    if first != (following - 1 if issuer_line else following):
        return None
    plain = re.sub(r"\s+", "", norm[lines[first][0] : lines[last][1]])
    # The page's lines between the headline and the story (bylines are no body lines).
    between = norm[lines[last][1] : lines[last + 1][0] if last + 1 < len(lines) else len(norm)]
    byline = any(is_byline(line) for line in between.splitlines() if line.strip())
    restated = (
        len(plain) >= _HEADLINE_MIN
        and _longest_run_in(plain, norm[slice(*lines[lede])]) * 3 >= len(plain) * 2
    )
    if not (_DOCUMENT_KIND.search(plain) or byline or restated):
        return None
    return _clean_title(norm, lines[first][0], lines[last][1])


def _longest_run_in(text: str, other: str) -> int:
    """Return the length of the longest run of `text` that `other` holds.

    >>> _longest_run_in("某区今年新建小学三所", "据悉,某市今年新建小学三所,涉及多区。")
    8
    """
    matcher = SequenceMatcher(None, text, other, autojunk=False)
    return matcher.find_longest_match(0, len(text), 0, len(other)).size


_ACCOUNT_NAME_MAX = 10  # characters of a public account's name after its headline


def _without_account_name(
    norm: str, lines: list[tuple[int, int]], heads: list[int], chosen: int
) -> int:
    """Return the heading line that `chosen` repeats with a name after a space, else `chosen`:
    a public account's mirrored page prints its headline, then the headline and the account's
    name ('标题' / '标题 某某教育'); the headline is the line without the name.

    >>> norm = "某站\\n重磅!新学校来了!\\n重磅!新学校来了! 某某教育\\n2021-01-25"
    >>> lines = [(0, 2), (3, 12), (13, 27), (28, 38)]
    >>> _without_account_name(norm, lines, [0, 1, 2], 2)
    1
    """
    text = norm[slice(*lines[chosen])].strip()
    for i in heads:
        if i >= chosen:
            break
        earlier = norm[slice(*lines[i])].strip()
        rest = text[len(earlier) :]
        if (
            earlier
            and text.startswith(earlier)
            and rest[:1] in (" ", "\t", "\u3000")
            and 0 < len(rest.strip()) <= _ACCOUNT_NAME_MAX
        ):
            return i
    return chosen


# A page's path to the story, as a line of its own (boilerplate.BREADCRUMB after its indent).
# (A path whose separators the copy lost, 首页 服务 教育服务 高中, is one too: short items
# after 首页, spaces between.)
_CRUMB_LINE = re.compile(
    rf"^[ \t•·]*(?:{BREADCRUMB_START}[^\n]*|(?:首页|主页|网站首页)(?:[ \t]+[^\s]{{1,10}}){{2,}}[ \t]*$)",
    re.MULTILINE,
)


# A row of a form: a label of a few characters, a colon, its value (提案人:某某, 回复单位:某局).
_FORM_ROW = re.compile(rf"[{_CJK}][{_CJK} ]{{1,5}}:")
# The same row after a list item's bullet and indent (• 分类:通知公告).
_BULLETED_FORM_ROW = re.compile(rf"[{_BULLETS}]*{_FORM_ROW.pattern}")


def _speaker(key: str) -> bool:
    """Return True when a row's key may be a person's name (two or three characters that are
    no word and no label: 某某某), not a form's label (完成期限, 中文域名, 提案人)."""
    return 2 <= len(key) <= 3 and not everyday_word(key) and not _LABEL.fullmatch(key + ":")


def _form_row(norm: str, lines: list[tuple[int, int]], at: int) -> bool:
    """Return True when line `at` and a line next to it are both rows of a form: a headline may
    hold a colon (专访:…), but it stands alone, not among label: value rows. A headline a page
    prints twice (over and under its byline) is one line, not two rows."""
    row = _BULLETED_FORM_ROW.match(norm, lines[at][0])
    if not row:
        return False
    line = norm[slice(*lines[at])]
    key = row.group().strip(_BULLETS + ":")
    if _speaker(key) and len(line) - len(row.group()) >= _HEADLINE_MIN:
        return False  # 某某:全面开启…: a speaker's headline, whose name is no form's label
    return any(
        0 <= j < len(lines)
        and _BULLETED_FORM_ROW.match(norm, lines[j][0])
        and norm[slice(*lines[j])] != line
        for j in (at - 1, at + 1)
    )


def _head_lines(norm: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    head = []
    for start, end in lines:
        if _is_paragraph(norm[start:end]):
            break
        head.append((start, end))
    return head


_NUMERIC_DATE = (
    r"(?:(?:19|20)\d{2}[ \t]*[-年./][ \t]*\d{1,2}[ \t]*[-月./][ \t]*\d{1,2}[ \t]*日?"
    r"|\d{1,2}[ \t]*[./][ \t]*\d{1,2}[ \t]*[./][ \t]*(?:19|20)\d{2})"
)
_DATELINE = re.compile(rf"^[ \t•·●|]*(?P<date>{_NUMERIC_DATE})[^\n]{{0,30}}$", re.MULTILINE)
# A longer line a date opens, whose byline labels follow it (2016-10-18  标签:…  来源:某某网).
_OPENING_DATE = re.compile(
    rf"^[ \t•·●|]*(?P<date>{_NUMERIC_DATE})[ \t]+[^\n]{{0,40}}?(?:来源|作者|编辑)[ \t]*:",
    re.MULTILINE,
)
# A byline's date label: 发布时间, 时间, 日期, 发布于 … (an 更新时间 is not the publication date).
_LABELLED_DATE = re.compile(
    r"(?:(?:^|(?<=[\s|•·]))(?:时间|日期|发布于|发表于"
    # 发布 alone labels a date only with its colon (发布:2021-09-10)
    r"|发布(?=[ \t]*:))"
    # a label of two words, run on after a source's name (来源:某某局发布时间:…)
    r"|发布时间|发布日期|发表时间|发稿时间)"
    rf"[ \t]*:?[ \t]*(?P<date>{_NUMERIC_DATE}|{_DATE_TEXT})",
    re.MULTILINE,
)
# A source line's date after the source's name (来源:某某日报 2023-03-15).
_SOURCED_DATE = re.compile(
    rf"(?:^|(?<=[\s|•·]))来(?:源|自)[ \t]*:[^\n:]{{1,24}}?[ \t](?P<date>{_NUMERIC_DATE})",
    re.MULTILINE,
)


# A date with its clock time inside a byline of no label ('原创 某某教育 2023-05-06 18:30 发表于…'):
# a publication stamp, wherever it stands in the line.
_TIMED_DATE = re.compile(rf"(?<![\d.])(?P<date>{_NUMERIC_DATE})[ \t]+\d{{1,2}}:\d{{2}}(?!\d)")
# A byline of a name and a date alone under the headline (a public account's page: 某某发布
# 2022-09-29).
_SIGNED_DATELINE = re.compile(
    rf"^[ \t•·●|]*[\u4e00-\u9fffA-Za-z0-9]{{2,12}}[ \t]+(?P<date>{_NUMERIC_DATE})[ \t]*$",
    re.MULTILINE,
)
# A 发文字号 and the document's date after it on one line, as a provincial document prints them
# under its title ((某教办〔2021〕2号 2021年3月24日)).
_NUMBERED_DATE = re.compile(rf"{DOC_NUMBER.pattern}[ \t]*(?P<date>{_NUMERIC_DATE})")
# An interview page's own labels (访谈主题: …, 访谈嘉宾: …): the title may come without 访谈.
_INTERVIEW_LABEL = re.compile(r"(?:^|(?<=\s))访谈(?:主题|标题|时间|嘉宾)\s*:", re.MULTILINE)


def find_dateline(
    norm: str, after: int, lines: list[tuple[int, int]], before: int | None = None
) -> Span | None:
    """Return the date of a news dateline: a labelled date ('时间:…', '发布于 …') or a short
    line starting with a date, under the title (a labelled one also just over it).

    Only the lines between the title and the first paragraph count (boilerplate included, as
    a portal prints the date among its share buttons), so a date in the text never does.
    `before` is the title's start: a labelled date between the previous heading line and it
    counts too.

    >>> norm = "标题\\n  • 来源:互联网\\n  • 2020-11-09\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end]
    '2020-11-09'
    >>> norm = "标题\\n原创 某某教育 2023-05-06 18:30 发表于江苏\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end]
    '2023-05-06'
    >>> norm = "标题\\n青禾发布 2021-06-15\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end]
    '2021-06-15'
    >>> norm = "某某 发表于 2021-4-12 08:30:00\\n标题\\n正文第一段。"
    >>> span = find_dateline(norm, 28, [(0, 25), (26, 28), (29, len(norm))], 26)
    >>> norm[span.start:span.end].strip()
    '2021-4-12'
    >>> norm = "标题\\n来源:某某日报 2023-03-15 字体:大\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end].strip()
    '2023-03-15'
    >>> norm = "标题\\n分类:交流 点击:5 次 发布:2021-09-10\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end]
    '2021-09-10'
    >>> norm = "标题\\n作者 张三 时间:24.10.2019\\n正文第一段。"
    >>> span = find_dateline(norm, 2, [(0, 2), (len(norm) - 6, len(norm))])
    >>> norm[span.start:span.end]
    '24.10.2019'
    """
    stop = next((s for s, e in lines if s > after and _is_paragraph(norm[s:e])), len(norm))
    match = (
        _LABELLED_DATE.search(norm, after, stop)
        or _SOURCED_DATE.search(norm, after, stop)
        or _DATELINE.search(norm, after, stop)
        or _OPENING_DATE.search(norm, after, stop)
        or _TIMED_DATE.search(norm, after, stop)
        or _SIGNED_DATELINE.search(norm, after, stop)
        or _NUMBERED_DATE.search(norm, after, stop)
    )
    if not match and before is not None:
        # From the last line over the title that holds no labelled date: a byline printed
        # right over the headline ('某某 发表于 2022-9-15 20:15') is one of the lines.
        since = max(
            (
                e
                for s, e in lines
                if e <= before and s < before and not _LABELLED_DATE.search(norm, s, e)
            ),
            default=0,
        )
        # A labelled date, or a date with its clock time (来源: 2016-09-02 15:57), over the title.
        match = _byline_date(norm, since, before)
        if not match:
            # A newspaper's page prints the issue's date on its masthead, above the headline.
            return _date_above(norm, lines, before, masthead_date)
    return Span(*match.span("date")) if match else None


def _labelled_dateline(norm: str, lines: list[tuple[int, int]]) -> Span | None:
    """Return the date of a byline over the story of a page without a headline: labelled
    (发布时间:…), after a source's name, or with its clock time; a bare date there may be a
    portal's today (2026-01-19 / 星期一), which a byline's label or clock time is not.

    >>> norm = "某某客户端 2021-05-06 15:52:27\\n5月6日,某县召开会议。会议指出,要做好工作。"
    >>> span = _labelled_dateline(norm, [(0, 24), (25, len(norm))])
    >>> norm[span.start:span.end]
    '2021-05-06'
    """
    stop = next((s for s, e in lines if _is_paragraph(norm[s:e])), len(norm))
    match = _byline_date(norm, 0, stop)
    return Span(*match.span("date")) if match else None


def _byline_date(norm: str, start: int, stop: int) -> re.Match[str] | None:
    """Return the first byline date in norm[start:stop] that its label, a source's name before
    it or its clock time marks as one (a bare date may be anything)."""
    return (
        _LABELLED_DATE.search(norm, start, stop)
        or _SOURCED_DATE.search(norm, start, stop)
        or _TIMED_DATE.search(norm, start, stop)
    )


def _timed_byline_above(norm: str, before: int) -> Span | None:
    """Return the date of a byline above the headline that gives its clock time too (某某融媒
    2026-01-29 20:37:26 over the story's head): an app's post stamps its moment there. A portal's
    today, which is not the page's date, gives no clock time."""
    match = _TIMED_DATE.search(norm, 0, before)
    return Span(*match.span("date")) if match else None


def _date_above(
    norm: str,
    lines: list[tuple[int, int]],
    before: int,
    read: Callable[[str], tuple[int, int] | None],
) -> Span | None:
    """Return the date `read` finds in the first line above `before` that holds one."""
    for start, end in lines:
        if end > before:
            break
        span = read(norm[start:end])
        if span:
            return Span(start + span[0], start + span[1])
    return None


def _issue_date_above(norm: str, lines: list[tuple[int, int]], before: int) -> Span | None:
    """Return the issue date a digital newspaper prints by its page's number (titles.issue_date)
    above `before`. The page's line is read from the text itself: as a page's furniture it is no
    line of the body."""
    for start, end in lines:
        if end > before:
            break
        below = norm.find("\n", end) + 1
        if below == 0:
            break
        stop = norm.find("\n", below)
        above = norm.rfind("\n", 0, max(0, start - 1)) + 1
        span = issue_date(
            norm[start:end],
            norm[below : stop if stop >= 0 else len(norm)],
            norm[above : max(above, start - 1)],
        )
        if span:
            return Span(start + span[0], start + span[1])
    return None


def _date_lines(norm: str) -> Iterator[re.Match[str]]:
    """Yield the lines that hold a date alone (most texts have none: one quick search first)."""
    return _DATE_LINE.finditer(norm) if _DATE_LINE_END.search(norm) else iter(())


def find_signature(norm: str) -> tuple[Span, Span] | None:
    """Return (issuer, date) spans of the first 发文机关署名 followed by its 成文日期."""
    for match in _date_lines(norm):
        before = norm[: match.start()].rstrip()
        line_start = before.rfind("\n") + 1
        # (a page that lost its indent's no-break spaces prints them as ?: ??某局)
        org_start, org_end = _strip_span(norm, line_start, len(before), " \t\n?")
        if _org_line(norm[org_start:org_end].replace(" ", "")):
            return Span(org_start, org_end), Span(match.start("date"), match.end("date"))
        # A copy that prints the signer under its date, as the text's last line (…请认真执行。
        # / 2023年2月27日 / 某省教育厅).
        org_start, org_end = _strip_span(norm, match.end(), len(norm))
        last = norm[org_start:org_end]
        if "\n" not in last and _org_line(last.replace(" ", "")):
            return Span(org_start, org_end), Span(match.start("date"), match.end("date"))
    inline = _SIGNATURE_INLINE.search(norm) if _SPACE_DATE.search(norm) else None
    inline = inline or (_SIGNATURE_GLUED.search(norm) if _DATE_LINE_END.search(norm) else None)
    if inline:
        return Span(*inline.span("org")), Span(*inline.span("date"))
    return None


def find_undersigned_date(norm: str) -> Span | None:
    """Return the span of a 成文日期 printed without its signer: a date alone on its line right
    under the text's last sentence (…请认真贯彻执行。 / 二〇一一年十二月十二日), as web copies of
    a notice often drop the 署名 above it.

    >>> norm = "各县人民政府:\\n现印发给你们,请认真执行。\\n二〇一一年十二月十二日\\n附件"
    >>> span = find_undersigned_date(norm); norm[span.start : span.end]
    '二〇一一年十二月十二日'

    A note of the attachments may stand between the text and its date (…请认真执行。 / 附:
    某某名单 / 二〇一一年十二月十二日).

    >>> norm = "现印发给你们,请认真执行。\\n附:各校名单\\n二〇一一年十二月十二日"
    >>> span = find_undersigned_date(norm); norm[span.start : span.end]
    '二〇一一年十二月十二日'
    """
    for match in _date_lines(norm):
        before = norm[: match.start()].rstrip()
        note = _ATTACHMENT_NOTE.search(before)
        if (before[: note.start()].rstrip() if note else before).endswith("。"):
            return Span(match.start("date"), match.end("date"))
    return None


# A note of a notice's attachments on the lines that end the text (附: 某某名单, 附件1:…).
_ATTACHMENT_NOTE = re.compile(r"(?:\n[ \t]*附件?[0-9一二三四五六七八九十]*[:.、][^\n]*)+$")


def find_issuer_over_notice(norm: str) -> Span | None:
    """Return the span of a body's name printed alone on the line over a notice's heading (某省
    人民政府 / 批转…的通知, 某局办公室 / 关于…的通知), a blank line at most between: the issuer
    (GB/T 9704-2012 7.3.3) where the page gives no red header or signature. Joint issuers
    stand on the line side by side (中共某县委 某县人民政府).

    >>> norm = "说明文字。\\n\\n温州市人民政府\\n批转市教育局青禾规划的通知\\n各县人民政府:"
    >>> span = find_issuer_over_notice(norm); norm[span.start : span.end]
    '温州市人民政府'
    >>> find_issuer_over_notice("温州市人民政府\\n全市学校开学工作有序推进\\n") is None
    True
    """
    for match in _NOTICE_UNDER_BODY.finditer(norm[:3000]):
        notice = match["notice"].split("\n")
        if _bodies_line(match["org"]) and any(  # joint issuers: 中共某县委 某县人民政府
            _DOCUMENT_KIND.search(line.strip()) for line in notice
        ):
            return Span(*_strip_span(norm, *match.span("org")))
    return None


# A line alone, then (a blank line at most between) a line opening a notice's matter.
_NOTICE_UNDER_BODY = re.compile(
    rf"^(?P<org>[^\S\n]*[{_CJK}() ]{{4,40}}?)[^\S\n]*\n(?:[^\S\n]*\n)?[^\S\n]*"
    # the heading's matter may wrap onto two more lines (关于调整某某学区 / 管理办法的通知)
    rf"(?P<notice>(?:{_MATTER_OPENERS})[^\n]{{2,120}}(?:\n[^\n]{{1,60}}){{0,2}})$",
    re.MULTILINE,
)


def find_red_header(norm: str) -> Span | None:
    """Return the issuing body named by a red header ('XX文件', or a letter-spaced name)."""
    match = _RED_HEADER.search(norm) if _HEADER_END.search(norm) else None
    if match and _org_line(match["org"].replace(" ", "")):
        return Span(*_strip_span(norm, *match.span("org")))
    spaced = _SPACED_HEADER.search(norm[:2000])
    if spaced and _org_line(spaced["org"].replace(" ", "")):
        return Span(*spaced.span("org"))
    return None


def _value(norm: str, span: Span | None) -> str | None:
    return re.sub(r"\s+", "", norm[span.start : span.end]) if span else None


def _expands(abbreviation: str, name: str) -> bool:
    """Return True when `name` can be abbreviated to `abbreviation` (教文局 ← 教育文体局).

    >>> _expands("教文局", "教育文体局"), _expands("教育局", "体育局")
    (True, False)
    """
    if not abbreviation or abbreviation[0] != name[0] or abbreviation[-1] != name[-1]:
        return False
    chars = iter(name)
    return all(char in chars for char in abbreviation)


def resolve_issuer(issuer: str, norm: str, hints: list[str]) -> str | None:
    """Return the full name of an issuing body that the document itself makes clear.

    Args:
        issuer: the name as written, e.g. '教文局', '区教育局', '泰州市海陵区教育局'.
        norm: the normalised document text (where full names are looked for).
        hints: full names the document states with authority (red header, signature, title).

    Returns:
        The full name, or None when the document does not make it clear.
    """
    written = leading_areas(issuer)
    if written and written[-1][1] == written[-1][2][-1]:
        # starts with a full area name already; a hint may write it with more of its places
        return _fuller_in(issuer, written[-1][0], hints) or issuer
    level_match = re.match(r"^(省|市|区|县|镇|乡)(?=.)", issuer)
    level = level_match.group(1) if level_match and not written else None
    stem = issuer[written[-1][0] :] if written else issuer[1:] if level else issuer
    for text in [*hints, norm]:
        # Only an area that ends where a body abbreviating to the stem starts can give a
        # match, so the areas are read only just before those places, in text order.
        for start in _expansion_starts(stem, text):
            since = scan_start(text, start)
            for full_area, chain, body in _bodies_after_areas(text, norm, since, start):
                if _expands(stem, body) and not (level and not chain[-1].endswith(level)):
                    return full_area + body
    if level:
        for text in hints:
            for _, _, chain in find_areas(text, norm):
                if chain[-1].endswith(level):
                    return chain[-1] + stem
    return None


# A notice's sentence that puts its matter before the reader (现将结果予以公示, 现将有关事项通知
# 如下), or a report's or guide's that says who drew it up (某局编制了本报告): the body that
# opens one of its clauses acts in the page's own voice.
_NOW_PUT = re.compile(r"现将|编制了?本(?:报告|指南)")
# A clause's body at its start, before its verb: a level character or an area opens it.
_CLAUSE_BODY = re.compile(
    rf"[{_CJK}]{{1,20}}?(?:人民政府|政府|委员会|办公室|教育局|局|厅|委)(?=[{_CJK}])"
)
# Clause openers that say on what ground or for what a notice acts, not who acts.
_GROUNDS = ("根据", "按照", "依据", "依照", "为", "经", "结合", "对照")


def _acting_body(norm: str, body: tuple[Span, ...]) -> Span | None:
    """Return the body that opens a clause of a notice's first 现将 sentence (市教育局组织专家
    开展评估工作,现将结果予以公示), or of a report's 编制了本报告 one: the page's author, where
    it names no other. Its name begins with an area or a level character (市教育局); a clause on
    the notice's grounds (根据…, 为…) names none.

    >>> t = "根据《某办法》要求,市教育局组织专家开展评估,现将结果予以公示。"
    >>> s = _acting_body(t, (Span(0, len(t)),)); t[s.start:s.end]
    '市教育局'
    >>> _acting_body("现将有关事项通知如下。", (Span(0, 11),)) is None
    True
    """
    for span in body[:3]:
        now = _NOW_PUT.search(norm, span.start, min(span.end, span.start + 800))
        if now is None:
            continue
        start = max(norm.rfind(c, span.start, now.start()) for c in "。\n") + 1
        start = max(start, span.start)
        for clause in re.finditer(r"[^,;]+", norm[start : now.start()]):
            at = start + clause.start()
            if norm.startswith(_GROUNDS, at):
                continue
            name = _CLAUSE_BODY.match(norm, at, start + clause.end() + 1)
            if name and (name.group()[0] in "省市县区" or leading_areas(name.group())):
                return Span(*name.span())
        return None
    return None


def _fuller_in(issuer: str, areas_end: int, hints: list[str]) -> str | None:
    """Return the issuer as a hint (the title, a red header, a signature) opens with it, when
    that is a fuller form of the same body: its areas with the areas above them written first
    (鹿城区人民政府 in a title opening 温州市鹿城区人民政府…), or 政府 written 人民政府.

    >>> _fuller_in("鹿城区人民政府", 3, ["温州市鹿城区人民政府关于印发某规划的通知"])
    '温州市鹿城区人民政府'
    >>> _fuller_in("温州市政府", 3, ["温州市人民政府关于同意某事的批复"])
    '温州市人民政府'
    >>> _fuller_in("鹿城区人民政府", 3, ["关于鹿城区人民政府某事的报告"]) is None
    True
    """
    forms = [issuer]
    if issuer.endswith("政府") and not issuer.endswith("人民政府"):
        forms.append(issuer[:-2] + "人民政府")
    for hint in hints:
        for form in forms:
            at = hint.find(form)
            if at < 0 or (at == 0 and form == issuer):
                continue
            fuller = hint[: at + len(form)]
            # The places before it run on into the issuer's own, one chain.
            if at == 0 or any(end == at + areas_end for end, _, _ in leading_areas(fuller)):
                return fuller
    return None


# The name of a body after an area name (钟楼区|教育局), read from a 14-character window.
_BODY_TAIL = re.compile(rf"[{_CJK}]{{0,10}}?{_ORG_SUFFIX}")


def _expansion_starts(stem: str, text: str) -> list[int]:
    """Return where the body names in `text` that abbreviate to `stem` (see _expands) begin.

    A cheap necessary condition for _bodies_after_areas giving a match: the body starts with
    the stem's first character, so only those places are tried, and the area scan is needed
    only just before each of them, not over the whole text.

    >>> _expansion_starts("教文局", "常州市钟楼区教育文体局"), _expansion_starts("教文局", "区体育局")
    ([6], [])
    """
    starts: list[int] = []
    if not stem:
        return starts
    index = text.find(stem[0])
    while index >= 0:
        tail = _BODY_TAIL.match(text[index : index + 14])
        if tail and _expands(stem, tail.group(0)):
            starts.append(index)
        index = text.find(stem[0], index + 1)
    return starts


def _bodies_after_areas(
    text: str, context: str, since: int = 0, until: int | None = None
) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """Yield (full area name as written, chain, body name) for each 'area + body' in `text`.

    Consecutive areas are kept together as written (泰州市海陵区教育局 keeps 泰州市海陵区); an
    alias is replaced by the full name (钟楼教育文体局 → 钟楼区 + 教育文体局). Areas are read
    lazily, so a caller that stops at the first fitting body skips the rest of the text. Only
    the areas from `since` (a scan_start) are read, and none that starts after `until`.
    """
    areas: list[tuple[int, int, tuple[str, ...]]] = []
    source = _iter_areas(text, context, since=since, until=until)
    following = next(source, None)
    while following is not None and (until is None or following[0] <= until):
        areas.append(following)
        following = next(source, None)
        i = len(areas) - 1
        _start, end, chain = areas[i]
        if following is not None and following[0] == end:
            continue  # a higher level directly followed by a lower one: use the lower
        first = i
        while first > 0 and areas[first - 1][1] == areas[first][0]:
            first -= 1
        written = "".join(
            text[s:e] if text[s:e] == c[-1] else c[-1] for s, e, c in areas[first : i + 1]
        )
        tail = _BODY_TAIL.match(text[end : end + 14])
        if tail:
            yield (written, chain, tail.group(0))


def _jurisdiction(
    issuer_full: str | None, issuer: str | None, guests: str | None, others: list[str], norm: str
) -> tuple[str, ...]:
    """Return the chain of the issuer's area (an interview: the guests' area), from the top."""
    if guests:
        areas = find_areas(guests, norm, aliases=False)
        if areas:
            return max((chain for _, _, chain in areas), key=len)
    for name in (issuer_full, issuer):
        if name and (areas := leading_areas(name)):
            return areas[-1][2]
    for name in others:
        chains = [c for _, _, c in find_areas(name, norm, aliases=False) if _settled(c, norm)]
        if chains:
            return max(chains, key=len)
    return ()


def _settled(chain: tuple[str, ...], norm: str) -> bool:
    """Return True when the area ending `chain` is the only one of its name, or the text names
    one of its parents: 城区 is a district of several cities, and a word too (多城区)."""
    gaz = load_gazetteer()
    if len(gaz.by_name.get(chain[-1], ())) <= 1:
        return True
    return any(
        label in norm
        for parent in chain[:-1]
        for info in gaz.by_name.get(parent, ())[:1]
        for label in (info.name, *info.aliases)
    )


def extract_metadata(
    norm: str, body: tuple[Span, ...], meta: Mapping[str, str] | None = None
) -> DocumentMetadata:
    """Return the DocumentMetadata read from a document's normalised text and page meta tags.

    Args:
        norm: the normalised text (same length as the original, so spans cite the original).
        body: the body spans (boilerplate left out), from loaders.boilerplate.find_body.
        meta: portal <meta> values from an HTML page, if any.

    Returns:
        DocumentMetadata; absent fields stay None (nothing is invented).
    """
    meta = meta or {}
    ev: dict[str, Span] = dict(catalogue_fields(norm))
    values: dict[str, object] = {}
    lines = _lines(norm, body)
    bare = bare_catalogue(norm)
    for span in bare:
        value = norm[span.start : span.end]
        if "index_number" not in ev and _INDEX_NUMBER.fullmatch(value):
            ev["index_number"] = span
        elif "issuer" not in ev and _org_line(value):
            ev["issuer"] = span
        elif _DATE_ALONE.fullmatch(value) and not any(f in ev for f in _DATE_FIELDS):
            ev["published_on"] = span  # the first date: the catalogue's own (成文 or 发布)
    if bare:
        # Its rows are the catalogue's values, no heading lines.
        lines = [(a, b) for a, b in lines if not any(a <= v.start < b for v in bare)]
    head = _head_lines(norm, lines)

    def put(field: str, span: Span | None, value: object | None = None) -> None:
        if span is None and value is None:
            return
        if field == "issuer" and value is None and span is not None:
            bodies = joint_issuers(norm[span.start : span.end].strip())
            value = " ".join(bodies) if len(bodies) > 1 else None  # joint: a space between
        if field not in values:
            values[field] = value if value is not None else _value(norm, span)
            if span is not None:
                ev[field] = span

    # title: catalogue > ArticleTitle meta > the page <title> shown as a line > heading line
    if "title" in ev:
        title_span = _clean_title(norm, ev["title"].start, ev["title"].end)
        put("title", title_span, _title_text(norm, title_span))
    elif meta.get("ArticleTitle"):
        put("title", _find(norm, meta["ArticleTitle"]), meta["ArticleTitle"])
    elif meta.get("title") and (shown := _page_title_line(norm, meta["title"])):
        put("title", shown, _title_text(norm, shown))
    else:
        found_title = find_title(norm, lines)
        if found_title:
            put("title", found_title, _title_text(norm, found_title))
    title = str(values.get("title") or "")
    # identifiers
    if "index_number" in ev:
        span = ev.pop("index_number")
        # The common shape (430626000/2023-00012) first; else any code the label gives
        # (43062600-2023-00012, K12345-02-2021-0001): portals differ by province.
        match = _INDEX_NUMBER.search(norm, span.start, span.end) or _ANY_INDEX_NUMBER.search(
            norm, span.start, span.end
        )
        if match:
            put("index_number", Span(*match.span()), re.sub(r"\s+", "", match.group(0)))
    doc_span = ev.pop("doc_number", None)
    first_stop = norm.find("。", body[0].start if body else 0)
    search_end = first_stop if first_stop > 0 else len(norm)
    number = (doc_span and _find_doc_number(norm, doc_span.start, doc_span.end)) or (
        _find_doc_number(norm, 0, search_end)
    )
    title_span = ev.get("title")
    if number is None and title_span is not None and title_span.end > search_end:
        # A notice given after a page's summary (…。 / 通知全文: / 某局关于…的通知 / 某教〔2015〕
        # 64号): its number is under its title, before its own first sentence ends.
        after = norm.find("。", title_span.end)
        number = _find_doc_number(norm, title_span.end, after if after > 0 else len(norm))
    if number:
        # verbatim (ANNOTATION.md), brackets as written; identifiers use normalise_doc_number
        put("doc_number", Span(*number.span()), re.sub(r"\s+", "", number.group(0)))
    # dates
    for field in ("written_on", "generated_on", "published_on", "valid_until"):
        span = ev.pop(field, None)
        parsed = parse_date(norm[span.start : span.end]) if span is not None else None
        if span is not None and parsed:
            put(field, span, parsed)
    if "published_on" not in values and meta.get("PubDate"):
        put("published_on", _find(norm, meta["PubDate"]), parse_date(meta["PubDate"]))
    signature = find_signature(norm)
    red_header = find_red_header(norm)
    author = None
    if signature:
        put("written_on", signature[1], parse_date(norm[signature[1].start : signature[1].end]))
    else:
        # A speech or a report dates itself in brackets under its heading: (2014年3月5日),
        # its author's name (某县教育体育局) on the line between them.
        at = next((i for i, (s, e) in enumerate(head) if _BRACKETED_DATE.match(norm, s, e)), None)
        if at is not None:
            dated = _BRACKETED_DATE.match(norm, *head[at])
            span = Span(dated.start("date"), dated.end("date"))
            put("written_on", span, parse_date(dated["date"]))
            above = Span(*_strip_span(norm, *head[at - 1])) if at > 0 else None
            if above is not None and _org_line(norm[above.start : above.end]):
                author = above
    # only real moments: '1990-00-00 0:00' is no interview turn and no document date
    timestamps = [m for m in _TIMESTAMP_LINE.finditer(norm) if iso_timestamp(m["date"], m["time"])]
    interview = (
        len(timestamps) >= 3 or "访谈" in title or bool(_INTERVIEW_LABEL.search(norm, 0, 3000))
    )
    title_span = ev.get("title")
    if "published_on" not in values and not interview:
        # A page without a headline may still print its byline over the story.
        dateline = (
            find_dateline(norm, title_span.end, lines, title_span.start)
            if title_span
            else _labelled_dateline(norm, lines)
        )
        if dateline:
            put("published_on", dateline, parse_date(norm[dateline.start : dateline.end]))
    if not any(f in values for f in _DATE_FIELDS):
        undersigned = find_undersigned_date(norm)
        if undersigned:
            put("written_on", undersigned, parse_date(norm[undersigned.start : undersigned.end]))
    if title_span and not any(f in values for f in _DATE_FIELDS):
        # Last, a date and its weekday above the headline, or a date over the page's number:
        # an e-paper's issue (or a portal's today, which is why any other date comes first).
        # Both are the page's furniture, read from the text itself: an e-paper sets its date
        # beside its text-size buttons (2022年02月18日 星期五 放大 缩小), no line of the body.
        above = _lines(norm, (Span(0, title_span.start),))
        header = (
            _date_above(norm, above, title_span.start, header_date)
            or _issue_date_above(norm, lines, title_span.start)
            or _timed_byline_above(norm, title_span.start)
        )
        if header:
            put("published_on", header, parse_date(norm[header.start : header.end]))
    # issuer
    source = ev.pop("source", None)
    labelled = ev.pop("issuer", None)
    credited = ev.pop("writer", None)
    credited_text = _value(norm, credited) or ""
    source_text = _value(norm, source) or ""
    if source is not None and not _org_line(source_text):
        # 来源:某县教育局 李某: the body, then who wrote the item
        writer = _BODY_THEN_WRITER.match(norm, source.start, source.end)
        if writer and _org_line(writer["body"]):
            source, source_text = Span(*writer.span("body")), writer["body"]
    source_body = (
        _org_line(source_text) or bool(_SCHOOL_LINE.fullmatch(source_text))
    ) and not _MEDIA.search(source_text)
    # 某市教育局2023年工作要点, 某市某局关于…的通知: a document's title opens with its author,
    # named with its area (a bare 区教育局 is a shared file's, of no one known).
    lead = _TITLE_ISSUER.match(title)
    lead_org = (
        lead["org"]
        if lead
        and _bodies_line(lead["org"])
        and leading_areas(lead["org"].removeprefix("中共"))  # 中共某某县委: the party's
        else None
    )
    joint = _JOINT_LEAD.match(title)
    if labelled and re.search(f"[{_CJK}]", _value(norm, labelled) or ""):
        put("issuer", labelled)  # not a publisher's login (发布机构: abc)
    elif joint and leading_areas(joint["org"]):
        # 某市教育局等十一部门关于…: the title names the issuers; a signature lists them all
        put("issuer", _find(norm, joint.group()), joint.group())
    elif signature:
        put("issuer", signature[0])
    elif red_header:
        put("issuer", red_header)
    elif over_notice := find_issuer_over_notice(norm):
        put("issuer", over_notice)
    elif lead_org and source_body and _fuller_form(source_text, lead_org):
        put("issuer", source)  # 来源:某市某区教育局 under 某区教育局…: the body, written in full
    elif lead_org:
        # before a source line: the office that posted the page (来源:县政府办公室) is not
        # the author the title names
        put("issuer", _find(norm, lead_org), lead_org)
    elif author:
        put("issuer", author)  # a report's author, over its bracketed date
    elif source_body:
        put("issuer", source)
    elif credited is not None and _org_line(credited_text) and not _MEDIA.search(credited_text):
        put("issuer", credited)  # 作者:某区政府办, under a source that names no body
    elif meta.get("ContentSource") and _org_line(meta["ContentSource"]):
        put("issuer", _find(norm, meta["ContentSource"]), meta["ContentSource"])
    elif interview and (site := _SITE_NAME.search(norm)):
        put("issuer", Span(*site.span("site")))
    elif acting := _acting_body(norm, body):
        put("issuer", acting)
    if source_body and ev.get("issuer") != source:
        ev["posted_by"] = source  # 来源:县政府办公室, a body of its own beside the issuer
    issuer = values.get("issuer")
    hints = [_value(norm, s) or "" for s in (red_header, signature and signature[0]) if s]
    hints.append(title)
    site_publisher = ev.get("site_publisher")
    if issuer:
        issuer_full = resolve_issuer(str(issuer), norm, hints)
        if issuer_full is None and site_publisher:
            issuer_full = resolve_issuer(str(issuer), "", [_value(norm, site_publisher) or ""])
        values["issuer_full"] = issuer_full
    # recipients, 抄送, 印发
    for start, end in head:
        line = norm[start:end]
        if _addressee_line(line):
            put("recipients", Span(start, end - 1), split_bodies(line[:-1]))
            break
    copied = _COPIED.search(norm) if "抄" in norm else None
    if copied:
        put("copied_to", Span(*copied.span("value")), split_bodies(copied["value"]))
    printed = _PRINTED.search(norm) if _PRINTED_END.search(norm) else None
    if printed:
        put("printed_by", Span(*printed.span("org")), re.sub(r"\s+", "", printed["org"]))
        put("printed_on", Span(*printed.span("date")), parse_date(printed["date"]))
    if "site_owner" not in ev and (holder := find_copyright_holder(norm)):
        ev["site_owner"] = holder
    for field in ("site_publisher", "site_operator", "site_owner", "category"):
        if field in ev:
            put(field, ev[field])
    # the document's date and type
    interview_date = timestamps[0]["date"] if interview and timestamps else None
    date = next(
        (values.get(f) for f in _DOCUMENT_DATE if values.get(f)),
        interview_date,
    )
    for field in _DOCUMENT_DATE:
        if values.get(field) == date and field in ev:
            ev["date"] = ev[field]
            break
    if date == interview_date and timestamps:
        ev["date"] = Span(*timestamps[0].span("date"))
    doc_type = classify_document(title, norm, interview, bool(number), bool(signature))
    year_match = _YEAR_IN_TITLE.search(title)
    year = int(year_match.group(1)) if year_match else int(str(date)[:4]) if date else None
    # jurisdiction
    guests = None
    if interview:
        guests = "\n".join(m.group(0) for m in _GUESTS.finditer(norm)) or None
    others = [_value(norm, site_publisher) or ""] if site_publisher else []
    chain = _jurisdiction(values.get("issuer_full"), issuer, guests, [*others, title], norm)
    return DocumentMetadata(
        title=values.get("title"),
        doc_type=doc_type,
        issuer=issuer,
        issuer_full=values.get("issuer_full"),
        written_on=values.get("written_on"),
        published_on=values.get("published_on"),
        generated_on=values.get("generated_on"),
        valid_until=values.get("valid_until"),
        date=date,
        doc_number=values.get("doc_number"),
        index_number=values.get("index_number"),
        recipients=values.get("recipients", ()),
        copied_to=values.get("copied_to", ()),
        printed_by=values.get("printed_by"),
        printed_on=values.get("printed_on"),
        jurisdiction=chain[-1] if chain else None,
        jurisdiction_chain=chain,
        year=year,
        site_publisher=values.get("site_publisher"),
        site_operator=values.get("site_operator"),
        site_owner=values.get("site_owner"),
        category=values.get("category"),
        evidence=ev,
    )


def _find(norm: str, value: str) -> Span | None:
    at = norm.find(value)
    return Span(at, at + len(value)) if at >= 0 else None


def _title_text(norm: str, span: Span) -> str:
    """Return a title's text, its lines joined (a wrapped Chinese title has no space there)."""
    return re.sub(r"[ \t]*\n\s*", "", norm[span.start : span.end]).strip()


def _page_title_line(norm: str, page_title: str) -> Span | None:
    """Return the line that shows the page <title>'s headline, if the page has one.

    A page <title> repeats the headline with column and site names ('…_通知公告_某某政府网');
    left out, what remains is the headline when a line of the page shows it as it is.
    """
    page_title = normalise_text(page_title)  # compared with the normalised text
    start, end = title_bounds(page_title)
    headline = page_title[start:end]
    if not _is_title_line(headline) or is_banner(headline):
        return None  # a <title> that is only the site's or a column's name
    match = re.search(rf"^[ \t]*({re.escape(headline)})[ \t]*$", norm, re.MULTILINE)
    return Span(*match.span(1)) if match else None


_COPYRIGHT = re.compile(
    r"(?:copyright|©)[\s©]*(?:(?:19|20)\d{2}(?:\s*[-—~]\s*(?:19|20)\d{2})?)?\s*"
    rf"(?P<org>[{_CJK}()]{{2,40}})",
    re.IGNORECASE,
)


def find_copyright_holder(norm: str) -> Span | None:
    """Return the body a footer's copyright line names ('Copyright © 2023 X'), the last one.

    >>> norm = "正文。\\nCopyright © 2019-2023 某某县教育局 All Rights Reserved"
    >>> span = find_copyright_holder(norm); norm[span.start:span.end]
    '某某县教育局'
    """
    spans = [Span(*m.span("org")) for m in _COPYRIGHT.finditer(norm) if _org_line(m["org"])]
    return spans[-1] if spans else None


def classify_document(
    title: str, norm: str, interview: bool, has_number: bool, has_signature: bool
) -> str:
    """Return the document type by the rules in the module docstring.

    >>> classify_document("区教育局关于印发2020年全区教育工作要点的通知", "", False, True, True)
    'notice'
    >>> classify_document("2019年常州市教育工作要点", "", False, False, False)
    'work_plan'
    """
    if interview:
        return "interview"
    if re.search(r"(?:通知|通报|通告|决定)$", title) or "关于印发" in title:
        return "notice"
    if re.search(r"实施方案|实施意见|实施细则|行动方案|工作方案", title):
        return "implementation_plan"
    if re.search(r"工作要点|工作思路|工作计划|工作安排", title):
        return "work_plan"
    if re.search(r"规划|纲要", title):
        return "plan"
    if not has_number and not has_signature and _NEWS_MARKERS.search(norm[:3000]):
        return "news"
    return "other"
