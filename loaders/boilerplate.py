"""Find the document body by leaving out portal boilerplate lines (menus, footers, widgets).

Lines are judged by their shape and by general portal vocabulary, never by a portal's exact
wording, so pages from unseen sites clean too:

* strong lines are boilerplate wherever they stand: breadcrumbs (您的位置 / 首页 > …), print and
  close links (【打印本页】), share and login widgets, footer lines (主办单位, ICP备, 公网安备,
  版权所有 …), pagination (18/18条,1/1页), view counters (浏览次数), newspaper page marks
  (第A02版), image file names, and the disclosure-catalogue header (信息名称, 索引号, 发布机构 …,
  with a colon, white space, or the value in the next line's cell: metadata, read by
  loaders.metadata, not body text);
* weak lines (short menu items, symbol-only lines, bare dates, ambiguous footer terms such as
  联系电话, a single link to another site such as 省级部门网站) are boilerplate only next to
  other boilerplate, so a notice's own 联系电话 line or a two-character line such as 附件
  inside the body stays;
* link lists to other sites (two or more site names in a row, under 友情链接 or not) are
  strong: their names hold bodies that would otherwise read as the document's organisations.
  The footer's own bodies (主办 / 承办 / 版权所有) are read by loaders.metadata as the
  site_publisher / site_operator / site_owner fields;
* a heading of a list of other stories (相关阅读, 频道推荐, 猜你喜欢, 标题导航) and the short
  headlines under it, and a block of three or more contact fields (地址:, 电话:, 邮箱: …) are
  strong: their places and names belong to other stories or to the site, not to the document.

Everything else stays, including signature blocks and 抄送 / 印发 lines.
"""

from __future__ import annotations

import re

from loaders.documents import Span
from loaders.normalise import normalise_text
from loaders.titles import DOCUMENT_KINDS, PAGE_LINKS, is_site_name, labelled_byline

_BULLET = r"[\s•·●◆■□▪►▶>※*\-]*"
# Disclosure catalogue (政府信息公开目录) and article-header labels: metadata, not body.
CATALOGUE_LABELS = (
    r"信息名称|标\s*题|索\s*引\s*号|组配分类|主题分类|体裁分类|服务对象分类|法定主动公开分类|"
    r"公开方式|公开范围|公开时限|公开形式|文件编号|发文字号|文\s*号|发布机构|发文机关|发文机构|发布机关|生成日期|产生日期|"
    r"成文日期|发布日期|公开日期|发文日期|废止日期|有\s*效\s*性|内容概述|信息来源|来\s*源|作\s*者|"
    r"发布时间|发布者|编\s*辑|责任编辑|信息分类|关\s*键\s*词|主\s*题\s*词"
)
# Labels of three or more characters are labels also before white space instead of a colon
# ('发布机构 某某局'), or alone on a line when a disclosure table's cells become lines; shorter
# ones (来源, 标题, 文号) are ordinary words too. Any label in brackets is one: 【发布机构】.
_LONG_LABELS = "|".join(
    label for label in CATALOGUE_LABELS.split("|") if len(re.sub(r"\\s\*", "", label)) >= 3
)
# A label may be written with another before it (备注/文号:) or with the kind of record it
# belongs to (公文生成日期:).
_LABEL_LEAD = r"(?:[\u4e00-\u9fff]{1,4}\s*/\s*|公文)?"
_CATALOGUE_LINE = re.compile(
    rf"^{_BULLET}{_LABEL_LEAD}(?:(?:{CATALOGUE_LABELS})\s*:|[【\[](?:{CATALOGUE_LABELS})[】\]]"
    rf"|(?:{_LONG_LABELS})(?:[ \t]+[^\s:]|[ \t]*$))"
)
_ALONE_LABEL = re.compile(rf"^{_BULLET}(?:{_LONG_LABELS})[ \t]*:?[ \t]*$")
# A page's path to the story (您目前的位置: 首页 » …): the header above it is the site's.
# What opens a page's path to the story, unanchored (metadata finds it after a line's indent).
BREADCRUMB_START = (
    r"(?:(?:[您你](?:目前|当前|现在)?的?(?:所在)?|(?:目前|当前|现在|所在)的?)位置"
    r"|(?:首页|主页|网站首页|>)\s*(?:>|»|›|-|/|→))"
)
BREADCRUMB = re.compile("^" + BREADCRUMB_START)
_STRONG_TERMS = re.compile(
    r"主办单位|承办单位|主办:|承办:|协办单位|ICP备|ICP证|公网安备|网站标识码|版权所有|Copyright|©|"
    r"技术支持|网站地图|网站纠错|联系我们|免责声明|本文地址|打印正文|" + PAGE_LINKS + r"|"
    r"扫一扫|分享到|用户登录|登录个人中心|无障碍|繁体版|简体版|"
    # a view counter: 浏览次数, 阅读量, 点击数, 访问量 …
    r"(?:浏览|阅读|点击|访问)(?:次数|量|数)|打开APP|下载APP|开通VIP|未登录|扫描关注|微信公众号二维码|字体:|字号:|"
    # a text-size widget (放大 缩小 默认)
    r"放大\s*缩小|"
    r"上一篇|下一篇|上一页|下一页|上一期|下一期|上一版|下一版|前一天|后一天|返回顶部|网站首页|智能问答|个人中心|"
    # a search box and its suggestions (快捷搜索: 汽车 科技), its button as a word of its own
    # ending the line (文件查询: 搜索), its prompt (请输入关键字)
    r"快捷搜索|站内搜索|热门搜索|(?:^|[\s:])(?:搜索|检索)\s*$|请输入(?:搜索)?关键[字词]|"
    # a link to the site's front page in a path (数字版首页 > 第A08版), a media player's or a
    # page's own prompt (点击观看全程视频), an e-paper's field labels (报纸名称:, 版面:)
    r"首页\s*[>»›→]|点击(?:观看|查看|播放|收听|进入|阅读|下载|浏览)|报纸名称\s*:|版\s*[面次]\s*:|"
    # headings of link lists to other sites: 友情链接, 相关链接, 站点地图, 网站导航
    r"友情链接|相关链接|站点地图|网站导航|"
    # a footer written as a sentence: 本网站由…主办, 未经许可不得复制转载, 建议使用…浏览器
    r"本(?:网)?站由|未经(?:书面)?许可不得(?:复制|转载|镜像)|转载请注明出处|"
    r"建议使用[^。]{0,20}浏览器|最佳(?:浏览|显示)?分辨率|"
    # a page-not-found notice over the page (您访问的页面已删除, 请确认网址拼写正确)
    r"(?:页面|网页)(?:不存在|已(?:被)?(?:删除|撤稿|撤销|下线|移除|过期)|找不到|无法访问)"
    r"|请(?:确认|检查)[^。]{0,12}拼写|"
    # an online encyclopaedia's credit under an entry's name (来自某某百科,自由的百科全书)
    r"来自[\u4e00-\u9fff]{2,6}百科",
    re.IGNORECASE,
)
# A weather widget: a temperature beside a weather word (某地明日天气 多云 9℃-14℃, 晴 3°C).
_WEATHER = re.compile(
    r"(?:天气|晴|多云|阴|雨|雪)[^。,]{0,12}?\d{1,2}\s*(?:℃|°C)"
    r"|\d{1,2}\s*(?:℃|°C)[^。,]{0,12}?(?:晴|多云|阴|雨|雪)"
)
# Pagination: 18/18条, 共3页, 第1/2页, 1/1页. Only whether a line has one matters, so the pattern
# opens with one character class (a digit, 共, 第) and a search skips to those in C.
_PAGINATION = re.compile(
    r"[\d共第](?:(?<=\d)\s*/\s*\d+\s*条|(?<=共)\s*\d+\s*页|(?<=第)\s*\d+\s*/\s*\d+\s*页|(?<=\d)/\d+页)"
)
# A newspaper page mark before its column's name: 第A02版:要闻, 第05版:教育, A08:北京新闻.
_PAGE_MARK = re.compile(r"^(?:第[A-Z]?\d{1,3}版|第?[A-Z]\d{1,3})\s*[::]")
_IMAGE = re.compile(r"^\S+\.(?:jpe?g|png|gif|bmp|webp)$", re.IGNORECASE)
_FONT_SIZE = re.compile(r"^(?:T?[大中小]字?\s*){2,}$|^[【\[]?字[体号]")
_WEAK_TERMS = re.compile(
    r"联系电话|联系地址|邮政编码|电子邮箱|邮编|传真|地址:|电话:|评论|收藏|点赞|转发|分享"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_SECTION_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]+[))]|\d+[.、])"
)
_DATE_ONLY = re.compile(r"^[\d\s\-/:.年月日时分秒]{8,}$")
_BRACKET_LINKS = re.compile(r"(?:\s*【[^】]{0,12}】?)+\s*")
_LEADING_BULLET = re.compile(rf"^{_BULLET}")
_ARROW = re.compile(r">|»|›")
_SENTENCE_MARK = re.compile(r"[,。;:!?、“”《》()]")
_SPLIT_TOKENS = re.compile(r"\s*(?:\||｜|丨|>|»|›|\s{2,})\s*")
# A line that _SPLIT_TOKENS splits has one of these (most body lines have none): a bar or an
# arrow, or two white-space characters; one character class first, as for _PAGINATION.
_MAY_SPLIT = re.compile(r"[|｜丨>»›\s](?:(?<=[|｜丨>»›])|(?<=\s)\s)")


_PARAGRAPH = 200  # characters: a longer line of two sentences or more is text, not a footer
# Short words in a row between single spaces, this many at least: a menu or a list of links (a
# headline or a slogan set in spaced phrases has three or four).
_MENU_WORDS = 6


def _only_brackets(line: str) -> bool:
    """Return True for a line made only of 【…】 links, e.g. '【打印本页】 【关闭窗口】'."""
    return bool(_BRACKET_LINKS.fullmatch(line))


def line_kind(line: str) -> str:
    """Return 'strong', 'weak' or 'body' for one (normalised) line of a page.

    >>> line_kind("您的位置: 首页 >业务工作>详细内容")
    'strong'
    >>> line_kind("索 引 号:014119491/2019-00001")
    'strong'
    >>> line_kind("• 今日钟楼")
    'weak'
    >>> line_kind("今日浙江 杭州 宁波 温州 嘉兴 湖州 绍兴")
    'strong'
    >>> line_kind("一、指导思想")
    'body'
    >>> line_kind("某地明日天气 多云 9℃-14℃"), line_kind("教室温度不低于18℃。")
    ('strong', 'body')
    >>> line_kind("抄送:市教育局,区委办。")
    'body'
    >>> line_kind("您访问的页面已删除"), line_kind("请确认其拼写正确,并注意网址的大小写。")
    ('strong', 'strong')
    >>> line_kind("某市示范性高中 来自某某百科,自由的百科全书")
    'strong'
    """
    stripped = line.strip()
    if not stripped:
        return "blank"
    content = _LEADING_BULLET.sub("", stripped)
    if not _WORD.search(content):
        return "strong"  # only symbols: separators, '×', '| ||'
    if _CATALOGUE_LINE.match(stripped):
        return "strong"  # a catalogue field, however long its value (内容概述:…)
    if len(content) > _PARAGRAPH and content.count("。") >= 2:
        # Paragraphs of text, whatever they mention: a page saved without line breaks is one
        # such line, and its contact details or page count must not drop it.
        return "body"
    if (
        BREADCRUMB.match(content)
        or _PAGE_MARK.match(content)
        or ("." in content and _IMAGE.match(content))
        or _PAGINATION.search(content)
        or _only_brackets(content)
        or _FONT_SIZE.match(content)
    ):
        return "strong"
    if len(content) <= 60 and (_STRONG_TERMS.search(content) or _WEATHER.search(content)):
        return "strong"
    tokens = (
        [t for t in _SPLIT_TOKENS.split(content) if t] if _MAY_SPLIT.search(content) else [content]
    )
    if content.startswith((">", "»", "›")) or (
        len(tokens) >= 3 and all(len(t) <= 10 for t in tokens) and _ARROW.search(content)
    ):
        return "strong"  # a breadcrumb without its 您的位置 label: '>政务公开>规划计划>…'
    if len(set(_WEAK_TERMS.findall(content))) >= 2 and not content.endswith("。"):
        # a footer line: '联系地址:… 邮政编码:… 电子邮箱:…' (a notice's sentence that gives
        # its contact, '联系处室:某处;联系电话:…(传真)。', ends as a sentence does)
        return "strong"
    words = content.split()
    if len(words) >= 2 and len(set(words)) == 1:
        return "strong"  # a logo's alt text repeated: '苏宁有房 苏宁有房'
    if (
        len(words) >= _MENU_WORDS
        and all(len(w) <= 6 for w in words)
        and not _SENTENCE_MARK.search(content)
    ):
        return "strong"  # a row of links: '今日本省 甲市 乙市 丙市 丁市 戊市 …'
    if len(words) >= 2 and all(is_site_name(word) for word in words):
        return "strong"  # links to other sites: '教育部网站  省教育厅网站'
    if is_site_name(content):
        return "weak"  # one link to another site ('省级部门网站'), or the site's banner
    if _SECTION_NUMBER.match(content):
        return "body"
    if not _CJK.search(content) and len(content) <= 30:
        return "weak"
    if _DATE_ONLY.match(content) or (len(content) <= 40 and _WEAK_TERMS.search(content)):
        return "weak"
    if len(content) <= 8 and not _SENTENCE_MARK.search(content):
        return "weak"
    if len(tokens) >= 3 and all(len(t) <= 6 for t in tokens):
        return "weak"  # a one-line menu: '新闻中心  政务公开  办事服务'
    return "body"


# Headings of a page's lists of other stories (相关阅读, 频道推荐, 猜你喜欢, 标题导航): the
# headlines under them are links, not the document's text.
_LIST_HEADING = re.compile(
    r"^(?:相关|推荐|延伸|热点|热门|精彩|最新|频道|图片|更多)(?:阅读|推荐|新闻|文章|资讯|导航)$"
    r"|^(?:猜你喜欢|标题导航|频道推荐|相关阅读|推荐阅读|延伸阅读)"
)
# A headline under such a heading: short, bulleted or not, and no sentence of text.
_HEADLINE_ITEM = 40
# Contact fields (地址:…, 电话:…, QQ:…): three or more in a row are a site's contact block.
_CONTACT_FIELD = re.compile(
    rf"^{_BULLET}(?:联系)?(?:地址|电话|邮箱|电子邮箱|QQ|联系人|传真|邮编|手机|微信|E-?mail)\s*:",
    re.IGNORECASE,
)
_CONTACT_BLOCK = 3


def _mark_story_lists(lines: list[str], kinds: list[str]) -> None:
    """Mark a list heading and the headlines under it as strong, in place: the headlines run
    until a line that is no short headline (a paragraph of text, or one ending a sentence), or
    until a labelled byline (来源:… 时间:…), which belongs to the page's own headline: the line
    over it is that headline, and the list (or a run of empty list headings) ended before it."""
    for i, line in enumerate(lines):
        if not _LIST_HEADING.match(_LEADING_BULLET.sub("", line.strip())):
            continue
        kinds[i] = "strong"
        last = i
        for j in range(i + 1, len(lines)):
            item = _LEADING_BULLET.sub("", lines[j].strip())
            if not item:
                continue
            if labelled_byline(item):
                if last > i and not _LIST_HEADING.match(
                    _LEADING_BULLET.sub("", lines[last].strip())
                ):
                    kinds[last] = line_kind(lines[last])
                break
            if len(item) > _HEADLINE_ITEM or item.endswith(("。", ";", ":")):
                break
            kinds[j] = "strong"
            last = j


def _mark_contact_blocks(lines: list[str], kinds: list[str]) -> None:
    """Mark runs of three or more contact-field lines (blank lines between) as strong."""
    run: list[int] = []
    for i, line in enumerate([*lines, "."]):
        if i < len(lines) and kinds[i] == "blank":
            continue
        if i < len(lines) and _CONTACT_FIELD.match(line.strip()):
            run.append(i)
            continue
        if len(run) >= _CONTACT_BLOCK:
            for j in run:
                kinds[j] = "strong"
        run = []


_SIGNATURE_DATE = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _protect_signatures(lines: list[str], kinds: list[str]) -> None:
    """Mark a signature (a body's name, then a '2023年7月1日' line) as body, in place.

    GB/T 9704-2012 7.3.5 puts the 发文机关署名 and 成文日期 on lines of their own; both are short
    enough to look like menu items.
    """
    for i, line in enumerate(lines):
        if _SIGNATURE_DATE.match(line):
            kinds[i] = "body"
            j = i - 1
            while j >= 0 and kinds[j] == "blank":
                j -= 1
            if j >= 0 and kinds[j] == "weak":
                kinds[j] = "body"


def _mark_link_lists(lines: list[str], kinds: list[str]) -> None:
    """Mark runs of two or more lines that each name another site as strong, in place.

    A portal lists links to other sites one per line (省级部门网站, 兄弟县区网站 …); their
    names hold bodies, and without this they read as the document's organisations.
    """
    runs: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if kinds[i] == "blank":
            continue
        if is_site_name(_LEADING_BULLET.sub("", line.strip())):
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        if len(run) >= 2:
            for i in run:
                kinds[i] = "strong"


# A notice's headline (关于…的决定): never a catalogue cell's value, though an empty label
# (关键词:) may stand right above it.
_NOTICE_HEADLINE = re.compile(rf"^关于.{{4,}}(?:{DOCUMENT_KINDS}|公示)$")


def _mark_table_values(lines: list[str], kinds: list[str]) -> None:
    """Mark the value after a catalogue label alone on its line (a table cell) as strong."""
    for i, line in enumerate(lines):
        if _ALONE_LABEL.match(line.strip()):
            j = i + 1
            while j < len(lines) and kinds[j] == "blank":
                j += 1
            if (
                j < len(lines)
                and not _ALONE_LABEL.match(lines[j].strip())
                and not _NOTICE_HEADLINE.match(lines[j].strip())
            ):
                kinds[j] = "strong"


def boilerplate_lines(text: str, norm: str | None = None) -> list[bool]:
    """Return, per line of `text`, whether it is boilerplate (see the module docstring).

    >>> boilerplate_lines("首页 > 正文\\n网站地图\\n通知\\n正文第一句。\\n联系电话:1\\n版权所有")
    [True, True, True, False, True, True]
    >>> boilerplate_lines("正文第一句。\\n某某县教育网\\n市(州)政府网站\\n第二段。")
    [False, True, True, False]
    """
    lines = (normalise_text(text) if norm is None else norm).split("\n")
    kinds = [line_kind(line) for line in lines]
    _mark_link_lists(lines, kinds)
    _mark_story_lists(lines, kinds)
    _mark_contact_blocks(lines, kinds)
    _mark_table_values(lines, kinds)
    _protect_signatures(lines, kinds)
    removed = [kind == "strong" for kind in kinds]
    # Weak lines (and the blanks between) join a neighbouring run of boilerplate, both ways.
    for order in (range(len(kinds)), range(len(kinds) - 1, -1, -1)):
        previous_removed = False
        for i in order:
            if kinds[i] == "blank":
                continue
            if kinds[i] == "weak" and previous_removed:
                removed[i] = True
            previous_removed = removed[i]
    return removed


def find_body(text: str, norm: str | None = None) -> tuple[Span, ...]:
    """Return the spans of `text` that are document content, one per run of kept lines.

    Each span runs from the first character of a kept line to the last non-space character of
    the last kept line in the run; blank lines inside a run stay inside the span. `norm` is
    normalise_text(text) when the caller has it already (the lines are judged on it).

    >>> text = "您的位置:首页>正文\\n关于印发要点的通知\\n各单位:\\n【打印本页】【关闭窗口】"
    >>> [text[s.start:s.end] for s in find_body(text)]
    ['关于印发要点的通知\\n各单位:']
    """
    removed = boilerplate_lines(text, norm)
    spans: list[Span] = []
    start: int | None = None
    end = 0
    offset = 0
    for line, is_boilerplate in zip(text.split("\n"), removed, strict=True):
        stripped_len = len(line.rstrip())
        if stripped_len and not is_boilerplate:
            if start is None:
                start = offset + (len(line) - len(line.lstrip()))
            end = offset + stripped_len
        elif is_boilerplate and start is not None:
            spans.append(Span(start, end))
            start = None
        offset += len(line) + 1
    if start is not None:
        spans.append(Span(start, end))
    return tuple(spans)
