"""Programmes, projects, plans and initiatives, found by their shape.

Shapes (each a general pattern of Chinese policy writing, not a list of names):
- a programme suffix: …工程, …计划, …行动, …项目, …工作室, …学堂, …机制, …模式, …研修班,
  with the name extended left to the verb that introduces it (实施百名骨干教师培养工程; the verbs
  are names.PROGRAMME_BREAK_WORDS). When the name carries a quoted part, the quote marks where
  the name begins (学校体育“六一工程” → 六一工程, 市“四个一”工程 → 四个一工程); quotes are
  dropped from the label;
- a quoted name “…” introduced by 实施/开展/推进…, followed by a programme word (系列, 等, 品牌,
  活动, 步伐, 创建 …) or by 第N届; followed by an activity (“青苗护航”读书实践活动), the quoted
  part is the label and the whole phrase another surface form (altLabel). Quotes written side by
  side (“甲”“乙”创建率) are one enumeration, judged by the words around the whole run;
- an enumeration of quoted names closed by 等…项目/活动 or by a count (“X”“Y”两大工程): every
  item is a programme (“青苗阅读”研究 → 青苗阅读研究);
- a gloss in parentheses naming a programme family: 头雁振翅(名校长);
- a title in 《》 introduced as a 课题 or 项目 (《…》项目);
- a family label of the concept scheme (集团化办学, 区管校聘, 双减).

What is not a name (each rule states its reason where it is applied):
- edition prefixes (第二期, 首届) of events and courses; plans keep them, because a plan's
  edition is part of its title (第二期乡村学前教育提升行动计划);
- generic heads made only of policy vocabulary (重点项目, 年度财政预算项目, 前瞻性教学改革项目);
- counted or enumerated classes (7个…工作室, 各类…项目, AFS等…交流项目, …等项目);
- slogans: quoted text with a comma inside (“人人尚德,处处学堂”), quoted text used as a
  vision or principle (以“…”为愿景/理念/目标), duties put into practice (落实“一岗两查”),
  and quoted numbers without a head noun (“2468”); a slogan with a comma names a campaign only
  when a launch verb and 活动 frame it (above);
- quoted spatial layouts a plan builds (“一核两翼”建设, “一轴三片”建设), and quoted names
  after a plural quantifier (各种“…”活动: a class of activities);
- titles in 《》 that end with a suffix (《…三年行动计划》): the plan document, a citation;
- construction works on a building (…校区加固维修工程).
Within one document, a bare family label (集团办学, 课后服务) is the document's one specific
programme of that family when there is exactly one (its altLabel), or else one entity under
the family's preferred label.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

import ahocorasick

from loaders.dictionary import dictionary_word
from loaders.documents import PolicyDocument
from loaders.extract import lexicon
from loaders.extract.areas import AreaContext
from loaders.extract.boundaries import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    closing_count,
    head_of,
    in_title,
    verb_word,
)
from loaders.extract.concepts import (
    Concept,
    concept_for,
    family_label,
    load_concepts,
    programme_names,
    theme_labels,
)
from loaders.extract.lexical import analyse
from loaders.extract.model import PROGRAM, SCHOOL, Candidate, Entity, Mention, Relation
from loaders.extract.names import programme_start
from loaders.extract.schools import has_numbered_school, is_specific
from loaders.gazetteer import after_places, leading_place, load_gazetteer, resolve_chain
from loaders.identifiers import normalise_key

# The heads a programme name ends with (lexicon/programme_heads.tsv).
SUFFIXES = lexicon.words("programme_heads")
# A quoted formula alone (“3+3”, “2+N”): the shape of a model, with no field of its own.
_FORMULA_QUOTED = re.compile(r"[“‘\"][0-9A-Za-z+]+[”’\"]$")
# Suffixes that name a programme only when quotes mark the name (机制, 模式 are everyday words).
_QUOTE_ONLY = lexicon.words("programme_heads", "mechanism")
# Plans carry their edition in the title (第三期融合教育推进计划); events and courses do not.
_KEEPS_EDITION = lexicon.words("programme_heads", "plan")
# 制 closes the name of a personnel or management system (员额制, 聘用制) when it is quoted.
QUOTE_SUFFIXES = SUFFIXES + ("活动", "节", "日", "周", "课堂", "大学", "系列", "平台", "沙龙", "制")
# Heads that continue a quoted name into one programme (“青禾学”周末课堂).
_QUOTE_HEAD = re.compile(
    r"[^,,。;;“”\"、\s]{0,3}?(?:课堂|讲堂|讲坛|学堂|大学|沙龙|研修班|工作室|工作站)"
)
QUOTES = '“”"‘’「」'
_OPEN_QUOTES = "“‘「"
_QUOTE_CHAR = re.compile(f"[{QUOTES}]")  # str.translate reads each character in its table
_QUOTED = re.compile(r"[“\"]([^“”\"\n]{2,40})[”\"]")
# What separates the clauses of a slogan: punctuation, or a space between two phrases
# (“振兴新突破 我要当先锋”).
_CLAUSE_MARK = re.compile(r"[,,;;。!?]|(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff])")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_CN_NUMBER = re.compile(r"[一二三四五六七八九十百零两]+")
_SLOGAN_MARK = re.compile(r"[,,;;]")
_CLAUSE_BREAK = re.compile(r"[,,。;;]")
# What may follow a complement's head: the clause's end, the next listed head, or 来抓 (作为…来抓).
_COMPLEMENT_END = re.compile(r"[,,。;;!?!?、)]|和|与|来|$")
# After a quoted name, these show it names a programme (“…”系列, “…”等项目, “…”的深入推进).
_NEXT_WORD = re.compile(
    "(?:"
    + lexicon.alternation(
        "programme_next_words",
        *lexicon.other_classes("programme_next_words", "implementation", "adverb"),
    )
    + "|等[^,,。;;]{0,4}?(?:"
    + lexicon.alternation("programme_next_words", "programme-head")
    + ")|的(?:"
    + lexicon.alternation("programme_next_words", "adverb")
    + ")?(?:"
    + lexicon.alternation("programme_next_words", "implementation")
    + r")|\()"
)
# A quoted period or plan horizon (“十四五”规划) is not a programme.
_PERIOD_AFTER = re.compile(r"^[”\"]?(?:规划|时期|期间|以来|末)")
# Quoted as the title sought, not the programme run: 创建“…示范区”, 申报“…品牌项目”.
_HONOUR_BEFORE = re.compile("(?:" + lexicon.alternation("honour_verbs") + ")[省市区县]?$")
_PREV_VERB = re.compile("(?:" + lexicon.alternation("programme_launch_verbs") + ")$")
# A building verb (打造, 创建) before a quoted phrase that stands alone builds a goal (打造“某某之城”),
# no programme run; before a programme's head or brand (打造“某某”品牌) the next word says so.
_RUN_VERB = re.compile(
    "(?:" + lexicon.alternation("programme_launch_verbs", "verb-introducing") + ")$"
)
_LAUNCH = re.compile(lexicon.alternation("programme_launch_verbs"))
# Counted slogans and bundles: “三大发展”, “两个先行”, “五项标准”, “八项行动” (ANNOTATION.md's
# counted bundles); but “五个一” is a name: its measure word is followed by a numeral.
_COUNTED = re.compile(r"^[0-9一二三四五六七八九十两几]+(?:大|[个项条][^0-9一二三四五六七八九十])")
# A quoted phrase used as a vision, principle or goal (以“…”为发展愿景, 实现“…”工作目标) is a
# slogan.
_SLOGAN_AFTER = re.compile(
    r"^[”\"]?(?:(?:"
    + lexicon.alternation("slogan_words", "copula")
    + ")?[^,,。;;“”]{0,4}?)?(?:"
    + lexicon.alternation("slogan_words", *lexicon.other_classes("slogan_words", "copula"))
    + ")"
)
_GLOSS = re.compile(r"([^\s,,。、;;::()()“”\"]{2,12})\(([^()]{1,6})\)")
_CITED_PROGRAMME = re.compile(r"(课题|项目|研究)?《([^《》]{4,40})》(项目|工程|课题)?")
# An enumeration of quoted items closed by 等 + a programme head or by a count + head.
# 暨 ("and also") joins two items as 和 does: “甲”暨“乙”工程. Without 等, an activity
# (“甲”暨“乙”活动) is one event its quoted themes describe, no list of programmes. 的 after
# an item's quote makes what follows a noun it modifies (“甲”“乙”的特色项目), no part of it.
_ENUM_ITEM = (
    r"[“\"][^“”\"\n,,。;;]{2,20}[”\"][^“”\"、,,。;;::\s和与及暨等的0-9一二三四五六七八九十两]{0,3}"
)
_ENUMERATION = re.compile(
    rf"((?:{_ENUM_ITEM}(?:、|和|与|及|暨)?){{2,}})"
    r"(?:等[^“”\"、,,。;;]{0,4}?(?:项目|工程|活动|行动|计划|品牌|举措|工作)|"
    r"(?:项目|工程|行动|计划|品牌|举措|工作)|"
    r"[0-9一二三四五六七八九十两]+[大项个](?:工程|行动|计划|项目|活动))"
)
_ITEM = re.compile(_ENUM_ITEM)
# A generic head after a quoted name: the name is the quoted part (“…”工作机制; “…”招生计划, the
# admissions quota it sets). 项目 is not one: “…”项目 names a project as “…”工程 does.
_GENERIC_HEAD = re.compile(r"[“‘]([^”’]+)[”’](?:研究项目|工作机制|评选机制|工作|招生计划)")
_EDITION = re.compile(
    "^(?:第[0-9一二三四五六七八九十百零]+(?:"
    + lexicon.alternation("edition_words", "ordinal-measure")
    + ")|"
    + lexicon.alternation(
        "edition_words",
        *lexicon.other_classes("edition_words", "ordinal-measure"),
    )
    + ")"
)
# An ordinal edition anywhere in a name (温州市|第二期|农村中小学…工程).
_ORDINAL_EDITION = re.compile(
    "第[0-9一二三四五六七八九十百零]+(?:"
    + lexicon.alternation("edition_words", "ordinal-measure")
    + ")"
)


def generic_with_editions(spec: str) -> bool:
    """Return True when `spec` is generic (is_generic) in each part an ordinal edition leaves:
    which phase of a programme it is says nothing of which programme.

    >>> generic_with_editions("温州市第二期农村中小学"), generic_with_editions("第二期青禾")
    (True, False)
    """
    return all(is_generic(part) for part in _ORDINAL_EDITION.split(spec))


# Leading words that are not part of a programme name: deictics and levels of scope.
_LEADING = re.compile(
    r"^(?:[0-9]+[.、．]|[一二三四五六七八九十]+、|[(（][0-9一二三四五六七八九十]+[)）]|"
    + lexicon.alternation("programme_leading_words")
    + ")+"
)
# A count of a programme's editions (两期…行动计划, 三轮…工程): how often it ran, not part of its
# name (第二期 is, for a plan: strip_edition). 一期 is the first phase, an ordinal.
_EDITION_COUNT = re.compile(r"[两二三四五六七八九十几多]+(?:期|届|轮)")
# An area's party committee or government before a programme it runs (市政府|某某行动): the
# body's, not part of the name (relations name the programme of a named body without it).
_BODY_LEAD = re.compile(r"(?:中共)?[省市区县州旗](?:委|人民政府|政府)(?![员会])")
# Words that give what an institution is or was called: the name after them is its own.
_NAMED_AS = re.compile(
    r"(?:原名|初名|曾名|旧名|始名|更名为?|改名为?|改称|易名为?|称为?|前身为|前身是|命名为)"
)
# A year before an unquoted name dates this round of the programme (2023年|某某读书行动): the
# name runs on from year to year without it. A day (1月8日) is no part of a name either.
_YEAR_LEAD = re.compile(
    r"(?:(?:19|20)[0-9]{2}(?:[-—~～至](?:19|20)?[0-9]{2})?年度?)?"
    r"(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?"
)
# A count or plural quantifier before the name: a class of things, not one programme.
_COUNT = re.compile(
    "(?:[0-9]+(?:"
    + lexicon.alternation("programme_counts", "approximate")
    + ")?|[一二三四五六七八九十百千两几多]+)(?:"
    + lexicon.alternation("programme_counts", "measure")
    + ")|"
    + lexicon.alternation("programme_counts", "quantifier", "count", "ordinal")
)
# Items closed by 等 + a class that is not a programme (平台, 载体 …) are kinds of that class;
# 等 may count them (等5个活动年: theme years, a counted bundle of one-off events) or modify
# the class (等办学形式). Listed items end at 等 or a quote: a class word inside an item
# (职业教育资源整合等工作) closes nothing.
_CLASS_LIST = re.compile(
    r"[”’]?(?:(?:(?:、|和)[^,,。;;、]{2,14})*"
    r"(?:等(?:[0-9一二三四五六七八九十两]+[个项大])?[\u4e00-\u9fff]{0,4}?|[”’]))?(?:"
    + lexicon.alternation("programme_class_nouns")
    + ")"
)
# A relative time (今年, 上年度, 近期) opens a description of the projects of that time.
_RELATIVE_TIME = re.compile(lexicon.alternation("programme_generic_words", "time"))


def dated_by_relative_time(name: str) -> bool:
    """Return True when `name` opens with a relative time word (今年, 明年, 本年度): it says when,
    never which (今年某区校建项目: the year's projects, not one).

    >>> dated_by_relative_time("今年鹿城区校建项目"), dated_by_relative_time("青苗年度计划")
    (True, False)
    """
    return _RELATIVE_TIME.match(name) is not None


# Construction works on a building (加固, 维修 …) are projects of the works budget, not programmes.
_WORKS = re.compile(lexicon.alternation("works_words"))
# A project named by a building, a phase of the works (二期), or one school, with or without
# 建设, is a building project: the school's, not a programme the school runs.
_BUILDING = re.compile(
    "(?:"
    + lexicon.alternation("building_words")
    # a building's foundation works (宿舍楼基础工程) are its works too
    + r"|[一二三四五六七八九十\d]期)(?:建设|新建|改造|基础)?$"
)
_SCHOOL_HEAD = re.compile(
    "(?P<head>" + lexicon.alternation("school_heads") + r")(?:建设|新建|(?:提升)?改造)?$"
)
# A school's campus, built or rebuilt (某小学西校区建设), and a school named by a part of the
# works (某路配套小学: the school a housing estate's works include).
_CAMPUS_BUILT = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:"
    + lexicon.alternation("school_heads", "campus")
    + r")(?:建设|新建|(?:提升)?改造)?$"
)
_BUILDING_PART = re.compile(lexicon.alternation("building_words", "part"))
_COPULA = re.compile(lexicon.alternation("copulas"))
# A point of an enumeration (一是, 二是 …, 其次是) before what it lists.
_ENUMERATED = re.compile(r"(?:[一二三四五六七八九十]|其次|再次|最后)是$")
_COPULA_BEFORE = re.compile("(?:" + lexicon.alternation("copulas") + ")$")
_ROLE_BEFORE = re.compile("(?:" + lexicon.alternation("copulas", "role") + ")$")
# What joins a complement's head to its copula: a relative clause's 的 or a numeral and
# classifier (一项, 这一), then the heads listed before it (民生工程、民心工程、…).
_COMPLEMENT_OPENING = re.compile(
    r"(?:的|[一这][项个大种]|这一)(?:[\u4e00-\u9fff]{2,10}(?:"
    + lexicon.alternation("programme_heads")
    + r")、)*$"
)
# An item of a sports meeting or contest (运动会…五子棋项目) is an event, not a programme.
_EVENT = re.compile(lexicon.alternation("event_words"))
# A suffix followed by one of these is a modifier of another noun (行动方案, 工程量, 项目化).
_NOT_HEAD = re.compile(lexicon.guarded_alternation("programme_not_head"))
# A five-year plan (十五计划, “十一五”规划): the state's plan of a period, no programme.
_FIVE_YEAR_PLAN = re.compile(r"十[一二三四五六七八九]?五(?:计划|规划)")


def five_year_plan(name: str) -> bool:
    """Return True when `name` is a five-year plan's (quotes aside).

    >>> five_year_plan("“十五”计划"), five_year_plan("十四五规划"), five_year_plan("十五计划工程")
    (True, True, False)
    """
    return _FIVE_YEAR_PLAN.fullmatch(clean_name(name)) is not None


# A company's name the suffix is a word of, with more of its trade between (某某土木工程|建设集团
# 有限责任公司): the words up to 公司, with no function word that would end the name before it.
_COMPANY_AFTER = re.compile(r"[^\W的由和与及向对为在把被将从]{0,10}?公司")
# A programme family's label still names the programme before another noun (双减|学校, 双减|成果,
# 双减|经费, 双减|方案, 在区管校聘|上); only a word its last characters would be part of stops it
# (工程|量, 项目|化, 工程|学院, 计划|生育).
_NOT_LABEL_HEAD = re.compile(
    lexicon.guarded_alternation(
        "programme_not_head",
        "institution",
        "locative",
        "document",
        "result",
        "funding",
        "person",
        "procedure",
    )
)
_INSTITUTION_AFTER = re.compile(lexicon.alternation("programme_not_head", "institution"))


def institution_after(text: str, end: int) -> bool:
    """Return True when a school or an honour named after the head ending at `end` follows it
    (机电工程学校: a field of study; 传统项目先进学校, 足球传统项目学校: a designation).

    >>> institution_after("青禾机电工程学校", 6), institution_after("青禾工程建设", 4)
    (True, False)
    """
    return _INSTITUTION_AFTER.match(text, end) is not None


# What a name's last word says it is, when not a programme head (lexicon/programme_tails.tsv).
_TAILS = lexicon.classes("programme_tails")
_TAIL = re.compile("(?:" + lexicon.alternation("programme_tails") + ")$")
# Specific parts made only of policy vocabulary are generic heads, never names by themselves:
# levels (省级, 市), scope words (重点, 重大, 各项), fields (教育, 课改, 科研) and activities
# (培训, 建设, 研究). A level or ministry prefix (江苏省, 教育部) does not make them specific.
# (lexicon/programme_generic_words.tsv: authority words only open the part, numerals here).
_GENERIC_WORDS = (
    "(?:"
    + lexicon.alternation(
        "programme_generic_words",
        *lexicon.other_classes("programme_generic_words", "authority"),
    )
    + "|[0-9一二三四五六七八九十百千两几]+年?)*$"
)
_AUTHORITY = lexicon.alternation("programme_generic_words", "authority")
GENERIC = re.compile(
    r"^(?:[^\s]{1,4}(?:"
    + lexicon.alternation("programme_generic_words", "area-level")
    + ")|"
    + _AUTHORITY
    + ")?"
    + _GENERIC_WORDS
)
GENERIC_WITHOUT_AREA = re.compile("^(?:" + _AUTHORITY + ")?" + _GENERIC_WORDS)

_YEAR_PREFIX = re.compile(r"^[0-9]{4}年度?")
_COUNT_OF = re.compile(r"[0-9一二三四五六七八九十两几]+大")
_SPAN_OF_YEARS = re.compile(r"[0-9一二三四五六七八九十两]+年")
_VERSION = re.compile(r"[0-9]\.[0-9]版?")
_NUMBERED = re.compile(r"[0-9]{2,}|\+")
_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百千]")
_DIGIT = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _suffix_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in SUFFIXES:
        automaton.add_word(word, ("suffix", word))
    for label in programme_names():
        automaton.add_word(label, ("concept", label))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8192)  # pure; the mention model cleans each alternative's surface 5 or 6 times
def clean_name(surface: str) -> str:
    """Return a programme name without quotes, white space at the ends and white space after a
    quoted word (“青禾再造” 工程: layout).

    >>> clean_name("“2468”工程"), clean_name("“青禾再造” 工程")
    ('2468工程', '青禾再造工程')
    """
    return _QUOTE_CHAR.sub("", _SPACE_AFTER_QUOTE.sub(r"\1", surface)).strip()


_SPACE_AFTER_QUOTE = re.compile(r"([”’」])\s+")


def is_generic(spec: str, quoted: bool = False) -> bool:
    """Return True when the part before the suffix is only policy vocabulary (see GENERIC).

    >>> is_generic("江苏省前瞻性教学改革重大")
    True
    >>> is_generic("青蓝")
    False
    >>> is_generic("1+N+1德育")
    False
    >>> is_generic("五个一", quoted=True)
    False
    >>> is_generic("第三期", quoted=True), is_generic("第三期学前教育", quoted=True)
    (True, False)
    """
    spec = _YEAR_PREFIX.sub("", spec)  # 2019年计划: a year is not a name
    if _edition_or_count(spec):
        return True
    if _NUMBERED.search(spec):
        return False  # numbered names: 2468工程, 1+N+1德育模式
    if quoted and _NUMERAL.search(spec):
        return False  # quoted numbered names: “四个一”工程, “百千万”
    if not spec:
        return True
    if not GENERIC.match(spec):
        return False
    # The area-level opening (江苏省…, 全县…) must be a place or a place word: 强县 is no county.
    opening = _AREA_OPENING.match(spec)
    if opening is None or _names_an_area(opening.group()):
        return True
    return bool(GENERIC_WITHOUT_AREA.match(spec))


_AREA_OPENING = re.compile(
    r"^[^\s]{1,4}?(?:" + lexicon.alternation("programme_generic_words", "area-level") + ")"
)
# Words that make a level character a place of the text's own (全县, 本市, 各区, 我省).
_PLACE_DETERMINERS = frozenset("全本各我该其两三省市区县")


def _names_an_area(opening: str) -> bool:
    """Return True when `opening` (characters and a level word) is a place: an area's name or
    alias (江苏省, 温州), a level word after a determiner (全县, 本市) or a level word alone.

    >>> _names_an_area("江苏省"), _names_an_area("全县"), _names_an_area("强县")
    (True, True, False)
    """
    gaz = load_gazetteer()
    if opening in gaz.by_name or opening in gaz.by_alias:
        return True
    rest = opening.rstrip("省市区县镇乡")
    return (
        not rest or all(ch in _PLACE_DETERMINERS for ch in rest) or leading_place(gaz, opening) > 0
    )


@lru_cache(maxsize=8192)  # pure; a programme alternative's tail is read twice (features, exclusion)
def tail_class(name: str) -> str:
    """Return the class of the word a name ends with (programme_tails.tsv), or ''.

    >>> tail_class("青苗读书节"), tail_class("青苗护航行动")
    ('event', '')
    """
    match = _TAIL.search(name)
    return _TAILS[match.group()] if match else ""


# Last words that say a name is not a programme whatever its wording (ANNOTATION.md): one-off
# events (…节, …周, …论坛), designations and honours (…示范区, …之星), platforms, facilities and
# bodies (…平台, …中心, …工作室), and old school names (…府中学堂, …师范学堂: a school, not a
# course series as 周末学堂 is), and plans of numbers (招生计划, 需求计划: places and posts).
_NOT_PROGRAMME_TAILS = frozenset({"event", "designation", "honour", "facility", "school", "quota"})


@lru_cache(maxsize=8192)  # pure; asked of a name's part by is_generic and edition_or_count
def _edition_or_count(spec: str) -> bool:
    """Return True when the part before a suffix is only an edition (第三期行动计划: of no named
    plan), a span of years (三年行动计划: how long a plan runs, not its name) or a count, alone or
    before policy words only (八大工程, 七大提升工程: a counted bundle, ANNOTATION.md).

    >>> _edition_or_count("六大提升"), _edition_or_count("三年"), _edition_or_count("八大护校")
    (True, True, False)
    """
    if spec and not _EDITION.sub("", spec) or _SPAN_OF_YEARS.fullmatch(spec):
        return True
    if _VERSION.fullmatch(spec):
        return True  # 2.0工程: a version of a programme named before it, no name by itself
    count = _COUNT_OF.match(spec)
    return count is not None and (
        count.end() == len(spec) or bool(GENERIC_WITHOUT_AREA.match(spec[count.end() :]))
    )


def counted_class(surface: str, head: str) -> bool:
    """Return True when a count stands before the head of `surface`: 7个专业心理成长工作室,
    各类爱心救助项目, 实施2项青苗助学工程 name a class of things, not one programme.

    >>> counted_class("2项青苗助学工程", "工程"), counted_class("青苗助学工程", "工程")
    (True, False)
    >>> counted_class("1258项目提升行动计划", "行动计划")  # 项 begins the head 项目: no count
    False
    """
    spec = surface[: -len(head)]
    counted = [m for m in _COUNT.finditer(spec) if not spec.startswith(SUFFIXES, m.end() - 1)][-1:]
    return bool(counted) and len(surface) - len(head) - counted[0].end() != 1


def edition_or_count(name: str, suffix: str) -> bool:
    """Return True when nothing but a year, an edition or a count stands before the suffix of
    `name`, as is_generic reads a rule's name.

    >>> edition_or_count("八大工程", "工程"), edition_or_count("“八大”护校工程", "工程")
    (True, False)
    >>> edition_or_count("第三期行动计划", "行动计划"), edition_or_count("第三期乡村教师行动计划", "行动计划")
    (True, False)
    """
    spec = clean_name(name)[: -len(suffix)] if suffix else clean_name(name)
    return _edition_or_count(_YEAR_PREFIX.sub("", spec))


_FORMULA_PART = re.compile(r"[\u4e00-\u9fff]{2,}")
_PLUS = re.compile(r"[+＋]")


def component_formula(name: str) -> bool:
    """Return True when `name` is a formula of parts joined by + that are all words
    (课内辅导+社团活动, 线上+线下+实践模式): it lists what a service is made of, it names
    nothing. A numbered formula (1+N+1德育模式, 5+2) or a brand that ends in + (名校+) is a
    name, and so is a programme family's label.

    >>> component_formula("“课内辅导+社团活动”"), component_formula("线上+线下+实践模式")
    (True, True)
    >>> component_formula("1+N+1德育模式"), component_formula("名校+")
    (False, False)
    >>> component_formula("“强校+”工程")  # a brand in its quotes, then its head
    False
    """
    if re.search(r"[+＋][”\"’]", name):
        return False  # the + closes a quoted brand: what follows the quote is no part of it
    parts = _PLUS.split(clean_name(name))
    if len(parts) < 2 or not all(_FORMULA_PART.fullmatch(p) for p in parts):
        return False
    return concept_for(clean_name(name)) is None


def excluded_by_tail(*names: str) -> bool:
    """Return True when the last word of any of `names` (a surface form, the label a rule gave
    it) puts it in a class the guideline excludes, unless that name is a programme family's
    label (a …示范校 named after the 新优质学校 family is that programme).

    >>> excluded_by_tail("“银杏湖”戏剧节"), excluded_by_tail("青苗护航行动")
    (True, False)
    >>> excluded_by_tail("陈晓岚名师工作室"), excluded_by_tail("“青山好少年”展评活动", "青山好少年")
    (True, True)
    >>> excluded_by_tail("社区终身学习宣传周")  # a week of a policy theme (终身学习)
    True
    >>> excluded_by_tail("青山名师"), excluded_by_tail("名师")  # a title of teachers
    (True, True)
    >>> excluded_by_tail("名师论坛")  # a forum of the teachers the family trains
    True
    """
    for name in names:
        clean = _SPACE.sub("", clean_name(name))  # a line break inside (大巡 讲) is no word break
        if tail_class(clean) in _NOT_PROGRAMME_TAILS:
            family = concept_for(clean)
            # A policy theme (终身学习) names no programme: its week or festival is an event; a
            # hidden label (名师: a title of people) only links a name to its family.
            if family is None or family.unit or family.theme or _by_hidden_label(clean, family):
                return True
    return False


def _by_hidden_label(name: str, family: Concept) -> bool:
    """Return True when `name` holds none of the family's own labels, only a hidden one, which
    programs.ttl keeps for linking: a hidden label (名师, 名校长: a title of people) is never a
    programme's name by itself, and an event named with it (名师论坛) is an event."""
    key = normalise_key(name)
    return not any(normalise_key(label) in key for label in family.labels)


def strip_edition(name: str, suffix: str) -> str:
    """Return `name` without an edition prefix (第二期, 首届), except for plans.

    >>> strip_edition("第十四届教师成长大学堂", "大学堂")
    '教师成长大学堂'
    >>> strip_edition("第二期乡村学前教育提升行动计划", "行动计划")
    '第二期乡村学前教育提升行动计划'
    """
    if suffix in _KEEPS_EDITION:
        return name
    match = _EDITION.match(name)
    return name[match.end() :] if match else name


# What opens a research title's clause (基于…的…项目): a preposition that belongs to the name.
BASED_ON = "基于"


def _trim_de(name: str) -> str:
    # 的 joins a modifier to a head noun; the programme name is the part after it, except in
    # research-title shapes (基于…的…) and after 党的, a fixed modifier (党的建设引领行动).
    index = name.rfind("的")
    if index < 0 or name.startswith(BASED_ON) or name[index - 1 : index] == "党":
        return name
    return name[index + 1 :]


def _slogan(text: str, start: int, end: int) -> bool:
    """Return True when the quoted text[start:end] is a slogan: short clauses (人人尚德,处处学堂).
    A long quotation, or one of full sentences, is someone's words, which may name a programme
    (“对于老校,将通过某某计划助力其发展。”).

    >>> _slogan("人人尚德,处处学堂", 0, 9), _slogan("对于老牌百年老校,将通过青禾计划助力其发展。新校", 0, 25)
    (True, False)
    """
    return (
        _SLOGAN_MARK.search(text, start, end) is not None
        and end - start <= 24
        and _SENTENCE_END.search(text, start, end) is None
    )


_SENTENCE_END = re.compile(r"[。!?!?]")


def _inside_quote(text: str, s_start: int, at: int) -> tuple[int, int] | None:
    """Return the span of the quoted text that contains index `at`, or None."""
    opening = text.rfind("“", s_start, at)
    if opening < 0 or text.rfind("”", opening, at) >= 0:
        return None
    closing = text.find("”", at)
    return (opening + 1, closing) if closing >= 0 else None


def find_programs(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return programme candidates in the sentence spans ((start, end) pairs) of `text`."""
    found: list[Candidate] = []
    find = text.find
    hits = _suffix_hits(text)
    hit_ends = [hit[0] for hit in hits]
    for s_start, s_end in spans:
        inside = [
            hit
            for hit in hits[bisect_right(hit_ends, s_start) : bisect_right(hit_ends, s_end)]
            if hit[0] - len(hit[2]) >= s_start
        ]
        here = _by_suffix(text, s_start, s_end, inside) if inside else []
        # Each rule below needs one mark in the sentence (a quote, a parenthesis, 《); most
        # sentences have none, and looking for it costs less than running the rule.
        if find("“", s_start, s_end) >= 0 or find('"', s_start, s_end) >= 0:
            here += _by_quotes(text, s_start, s_end)
            here += _by_enumeration(text, s_start, s_end)
        if here:
            named = [c for c in here if c.method == "programs.suffix"]
            here += _by_listed_before(text, s_start, named)
        if find("(", s_start, s_end) >= 0:
            here += _by_gloss(text, s_start, s_end)
        if find("《", s_start, s_end) >= 0:
            here += _by_title(text, s_start, s_end)
        if not here:
            continue
        # One candidate per span and name (the most confident rule).
        best: dict[tuple[int, int, str], Candidate] = {}
        for c in here:
            key = (c.start, c.end, c.name)
            if key not in best or c.confidence > best[key].confidence:
                best[key] = c
        # A programme named only inside a 《》 title is the document's, not the text's
        # (ANNOTATION.md); a title introduced as a 课题 or 项目 (_by_title) is the exception.
        here = sorted(
            (c for c in best.values() if not cited_only(text, c.start, c.end, c.method)),
            key=lambda c: (c.start, c.end, c.name),
        )
        # A name inside a longer programme name (书香校园 in 书香校园建设项目) is part of it.
        found += [
            c
            for c in here
            if not any(
                o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
                for o in here
            )
        ]
    return link_family_mentions(merge_separator_variants(found))


# What a word listed before a shared programme head, and the name's own first word, may be
# (LAC's tags): a noun or an other proper noun. Not a verbal noun (轮岗交流、集团化办学 lists two
# ways of working), a place or a body (白鹭区、青禾区…工程 names works in two areas), a person.
_LIST_ITEM_TAGS = frozenset({"n", "nz"})
# What may come just before such a list: a verb (实施), a conjunction, a preposition, a mark.
_LIST_OPENERS = frozenset({"v", "c", "p", "w"})
_LIST_REACH = 24  # characters looked at before a name for the list
_LIST_BOUNDARY = re.compile(r"[,,;;::。!?!?()()“”\"\s]")


def coordinated_start(text: str, start: int, end: int | None = None) -> int:
    """Return where a programme named at `start` (and ending at `end`, when known) begins when
    bare nouns listed with 、 before it share its head: 书香、墨韵、诗词浸润工程 is one
    programme, as “不忘初心、牢记使命”主题教育 is in ANNOTATION.md. Else `start`. A name the
    list goes on after (…改善情况、某某计划、…情况) is one whole item among others: the items
    around it are phrases of their own, whose heads it does not share.

    Each item is one noun word of two to four characters (LAC's reading of the clause), the
    name itself opens with a noun, and the list opens a phrase: after a verb, a conjunction, a
    preposition or a clause mark. So 集团化办学、名校长工程 and 教师培训、名师工程 stay two things
    (their items are two words), as do 甲行动、乙行动 (an item ending in a head is a programme
    of its own), and 学校德育、智育工程 is read no further than it is.

    >>> text = "启动书香、墨韵、诗词浸润工程"
    >>> text[coordinated_start(text, text.index("诗词")):]
    '书香、墨韵、诗词浸润工程'
    """
    if start < 3 or text[start - 1] != "、" or (end is not None and text[end : end + 1] == "、"):
        return start
    left = start - _LIST_REACH
    marks = list(_LIST_BOUNDARY.finditer(text, max(0, left), start))
    if marks:
        left = marks[-1].end()
    elif left > 0:
        return start  # no clause mark within reach: where the list opens is not seen
    words = analyse(text, [(max(0, left), start + 4)])[0]
    i = next((k for k, w in enumerate(words) if w.start >= start), len(words))
    if i == len(words) or words[i].tag not in _LIST_ITEM_TAGS:
        return start
    begin = start
    while i >= 2 and text[words[i - 1].start : words[i - 1].end] == "、":
        item = words[i - 2]
        word = text[item.start : item.end]
        if item.tag not in _LIST_ITEM_TAGS or not 2 <= len(word) <= 4 or word.endswith(SUFFIXES):
            return start  # 甲行动、乙行动: a list of programmes, each with its own head
        begin, i = item.start, i - 2
    if begin == start or (i and words[i - 1].tag not in _LIST_OPENERS):
        return start
    return begin


def with_coordinated_items(text: str, c: Candidate) -> Candidate:
    """Return programme candidate `c` begun at coordinated_start: its name and span take in the
    nouns listed before it."""
    begin = coordinated_start(text, c.start, c.end)
    if begin == c.start:
        return c
    return replace(c, name=clean_name(text[begin : c.start]) + c.name, start=begin)


HEADING = "programs.heading"
CONCEPT_LABEL = "programs.concept_label"
# A heading that names an item of the plan: a phrase ending in a programme head, nothing else.
_HEADING_HEADS = ("工程", "项目", "计划", "行动")
_HEADING_NAME = re.compile(r"[“”\"\u4e00-\u9fff0-9+]{2,18}?(?:" + "|".join(_HEADING_HEADS) + ")")
_HEADING_SPEC = 4  # characters before the head: 重点工程, 民生项目 are kinds, not items
_HEADING_SPEC_MAX = 10  # a longer heading is a clause about the item, not its name


def find_heading_programmes(doc: PolicyDocument) -> list[Candidate]:
    """Return the programmes a work plan names by its numbered headings (3.教师专业能力发展工程。).

    A plan's sections are its items: a heading that is only a phrase ending in a programme head
    names that item, however generic its words (学生体质提升项目), which a sentence's wording
    could not tell. Headings that begin with a verb (实施…计划) or name a count, an edition, an
    event or a designation are left to the other rules.
    """
    text = doc.norm
    found: list[tuple[int, str]] = []
    for section in doc.all_sections():
        heading = section.heading.strip().rstrip("。:：")
        if section.kind != "section" or not _HEADING_NAME.fullmatch(heading):
            continue
        name = clean_name(heading)
        head = next(h for h in _HEADING_HEADS if name.endswith(h))
        spec = name[: -len(head)]
        if not _HEADING_SPEC <= len(spec) <= _HEADING_SPEC_MAX or "的" in name:
            continue  # a kind (重点工程), or a clause (…开展党的建设引领行动)
        if verb_word(name, 0) or _WORKS.search(spec) or spec.endswith("类"):
            continue  # a clause, building works (校舍维修项目) or a category of projects
        if dated_by_relative_time(spec):
            continue  # 本年度教育项目: the year's projects, not one
        if edition_or_count(name, head) or excluded_by_tail(name):
            continue
        near = section.start + len(section.number) + 8  # the number, then spaces
        start = text.find(heading, section.start, near + len(heading))
        if start >= 0:
            found.append((start, name))
    # A heading LAC begins with a verb, an adverb, a preposition or a conjunction is a clause
    # (积极谋划实施新项目), which jieba's dictionary alone does not tell (积极: ad, 全面: n).
    windows = [(start, start + len(name)) for start, name in found]
    words = analyse(text, windows) if windows else []
    return [
        _make(text, start, start + len(name), name, HEADING)
        for (start, name), tokens in zip(found, words, strict=True)
        if not tokens or tokens[0].tag not in _CLAUSE_OPENERS
    ]


# LAC tags of a first word that makes a heading a clause: verbs, adverbs, prepositions,
# conjunctions (a verbal noun can name: 教师发展工程).
_CLAUSE_OPENERS = frozenset({"v", "vd", "d", "ad", "p", "c"})


_SEPARATORS = re.compile(r"[·.•・]")
TITLED = "programs.titled"


def merge_separator_variants(candidates: list[Candidate]) -> list[Candidate]:
    """Return the candidates with names that differ only in a separator dot made one entity.

    Writers alternate between the middle dot and a full stop (…素质教育·钟楼2025计划 /
    …素质教育.钟楼2025计划); the middle-dot form, the standard one, becomes the label.
    """
    forms: dict[str, set[str]] = {}
    for c in candidates:
        if _SEPARATORS.search(c.name):
            forms.setdefault(_SEPARATORS.sub("", c.name), set()).add(c.name)
    canonical = {
        name: min(names, key=lambda n: ("·" not in n, n))
        for names in forms.values()
        if len(names) > 1
        for name in names
    }
    return [
        Candidate(
            c.kind,
            c.name,
            c.start,
            c.end,
            c.cls,
            c.method,
            c.confidence,
            canonical[c.name],
            c.attrs,
        )
        if c.name in canonical and canonical[c.name] != c.name
        else c
        for c in candidates
    ]


def link_family_mentions(candidates: list[Candidate]) -> list[Candidate]:
    """Return the candidates with bare family labels resolved within the document.

    A bare label (集团办学, 课后服务) refers to the document's one specific programme of that
    family when there is exactly one (县管校聘试点 …), else to one programme named by the
    family's preferred label. Families of units (名师工作室) are not merged: many exist.
    """
    bare: dict[str, list[int]] = {}
    specific: dict[str, set[str]] = {}
    families = {}
    for i, c in enumerate(candidates):
        family = family_label(c.name)
        if family is not None:
            if not family.unit:
                bare.setdefault(family.iri, []).append(i)
                families[family.iri] = family
            continue
        family = concept_for(c.name)
        if family is not None:
            specific.setdefault(family.iri, set()).add(c.name)
    out = list(candidates)
    for iri, members in bare.items():
        names = specific.get(iri, set())
        if len(names) == 1:
            canonical = next(iter(names))
        else:
            seen = {normalise_key(candidates[i].name) for i in members}
            pref = families[iri].pref_label
            canonical = (
                pref if normalise_key(pref) in seen else min(seen, key=lambda s: (len(s), s))
            )
        for i in members:
            c = candidates[i]
            if normalise_key(c.name) != normalise_key(canonical):
                out[i] = replace(c, canonical=canonical)
    return out


def programme_jurisdiction(doc: PolicyDocument, context: AreaContext) -> str | None:
    """Return the area key (GB/T 2260 code) a document's programmes belong to, or None.

    A Program is one jurisdiction's programme (CONTRACT.md): the document's own jurisdiction
    (metadata chain, resolved as the Document's ekg:jurisdiction is), else the area the text
    is about (areas.area_context).
    """
    chain = resolve_chain(doc.metadata.jurisdiction_chain)
    if chain:
        return chain[-1].code
    return context.chain[-1].code if context.chain else None


def with_programme_scope(
    candidates: list[Candidate], jurisdiction: str | None, year: int | None
) -> list[Candidate]:
    """Return the candidates with every programme carrying its jurisdiction and year attrs.

    Lineage (graph_store/lineage.py) links programmes of one family across jurisdictions
    (implements) and years (continues), so each Program needs both.
    """
    extra = (("jurisdiction", jurisdiction),) if jurisdiction else ()
    extra += (("year", str(year)),) if year else ()
    if not extra:
        return candidates
    return [c.with_attrs(extra) if c.kind == PROGRAM else c for c in candidates]


def find_programme_parts(entities: list[Entity], mentions: list[Mention]) -> list[Relation]:
    """Return partOf links from a programme to the document's programme of the broader family.

    a programme of the 名校长 family (broader 三名工程) is part of the 三名工程 the same document
    runs, as the concept scheme says (skos:broader). Glossed programmes (头雁振翅(名校长)) are
    linked by relations.gloss_family already and are skipped here.
    """
    broader = {c.iri: c.broader for c in load_concepts()}
    first: dict[str, Mention] = {}
    for m in mentions:
        first.setdefault(m.entity, m)
    programs = [e for e in entities if e.kind == PROGRAM and e.key in first]
    by_family: dict[str, list[Entity]] = {}
    for e in programs:
        if e.attr("concept"):
            by_family.setdefault(e.attr("concept"), []).append(e)
    out = []
    for e in programs:
        family = e.attr("concept")
        parent_family = broader.get(family) if family else None
        if not parent_family or e.attr("gloss"):
            continue
        for parent in by_family.get(parent_family, []):
            out.append(Relation(e.key, "partOf", parent.key, first[e.key], "programs.family_part"))
    return out


def _suffix_hits(text: str) -> list[tuple[int, str, str]]:
    """Return (end, 'suffix' | 'concept', word) for every suffix and concept label in `text`,
    by end. One scan of the whole text: a sentence's hits are those that lie inside it."""
    return sorted((e + 1, how, word) for e, (how, word) in _suffix_automaton().iter(text))


def _by_suffix(
    text: str, s_start: int, s_end: int, found: list[tuple[int, str, str]]
) -> list[Candidate]:
    """Return the candidates named by the suffix and concept-label `found` in the sentence."""
    out = []
    hits: dict[int, tuple[int, str, str]] = {}
    concept_hits: dict[int, tuple[int, str]] = {}
    for end, how, word in found:
        start = end - len(word)
        table = concept_hits if how == "concept" else hits
        if end not in table or start < table[end][0]:
            table[end] = (start, how, word) if how == "suffix" else (start, word)
    for end, (start, label) in sorted(concept_hits.items()):
        family = concept_for(label)
        if family is not None and family.unit and _inside_quote(text, s_start, start) is None:
            continue  # a kind of unit (名师工作室), named only when quoted
        after = end + (text[end : end + 1] in CLOSING_QUOTES)  # “互联网+教育”|平台
        if _NOT_LABEL_HEAD.match(text, after) or _EVENT.search(text, end, min(end + 8, s_end)):
            continue  # 阳光体育春季田径运动会: part of an event's name
        if _closes_title(text, s_start, start, end):
            continue  # 《…教师培养工程》: a plan document, cited
        out.append(Candidate(PROGRAM, text[start:end], start, end, "Program", CONCEPT_LABEL, 0.85))
    # A head that a longer head begins (行动 of 行动计划) is part of that word: the longer one
    # decides, and where it is no programme's head (…行动计划成果) the shorter is none either.
    longest = {}
    for end, (start, _how, _word) in hits.items():
        longest[start] = max(longest.get(start, end), end)
    for end, (start, _how, word) in sorted(hits.items()):
        if longest[start] > end:
            continue
        candidate = _suffix_candidate(text, s_start, start, end, word)
        if candidate is not None:
            out.append(candidate)
    return out


def body_lead(text: str, start: int, end: int) -> int:
    """Return the length of an area's party committee or government that opens the programme
    name text[start:end] (市政府|某某行动: the body's programme), or 0; at least four
    characters of the name must follow it.

    >>> t = "市政府青禾协同发展行动"
    >>> body_lead(t, 0, len(t)), body_lead("市委工作", 0, 4)
    (3, 0)
    """
    body = _BODY_LEAD.match(text, start, end)
    return body.end() - start if body and end - body.end() >= 4 else 0


def named_as(text: str, begin: int, floor: int = 0) -> bool:
    """Return True when a word that gives an institution's name (原名, 初名, 称, 更名为 …) ends
    at or opens the name beginning at `begin`: it is what a school was called, not a programme.

    >>> t = "始建于1914年,原名青禾学堂"
    >>> named_as(t, t.index("青")), named_as(t, t.index("原")), named_as("开设青禾学堂", 2)
    (True, True, False)
    """
    before = _NAMED_AS.search(text, max(floor, begin - 3), begin)
    return (before is not None and before.end() == begin) or bool(_NAMED_AS.match(text, begin))


def _suffix_candidate(text: str, s_start: int, start: int, end: int, word: str) -> Candidate | None:
    """Return the programme ending with suffix `word` at text[start:end], or None."""
    quote = _inside_quote(text, s_start, start)
    if quote is not None and _slogan(text, *quote):
        return None  # inside a quoted slogan (“人人尚德,处处学堂”)
    if word in _QUOTE_ONLY and not _quote_or_number_names(text, s_start, start):
        return None  # 完善评估反馈机制: an everyday word (a cheap test before the full one below)
    begin = programme_start(text, start, s_start, specific=lambda spec: not is_generic(spec))
    if begin is None:
        return None  # 工程按计划: a function word before the suffix
    if text[begin - 1 : begin] == "等":
        return None  # AFS等国际交流项目: the class of the enumerated items
    if text[begin - 1 : begin] == "《" or _closes_title(text, s_start, begin, end):
        return None  # a cited title (《…三年行动计划》): the document, handled by _by_title
    surface = text[begin:end]
    if named_as(text, begin, s_start):
        return None  # 原名|某某学堂, 称|某某中学堂: what an institution was called
    # 基于…的… research titles keep their 基于 clause (基于数字画像的精准教学项目).
    based = text.rfind(BASED_ON, max(s_start, begin - 20), begin)
    if based >= 0 and "的" in text[based:end] and not _CLAUSE_BREAK.search(text, based, begin):
        begin, surface = based, text[based:end]
    side = max(surface.rfind("”“"), surface.rfind("”‘"), surface.rfind("’“"))
    if side >= 0:
        # “甲”“乙”“丙行动计划”: names quoted side by side, the last of them this one
        begin, surface = begin + side + 1, surface[side + 1 :]
    opening = min((surface.find(q) for q in _OPEN_QUOTES if q in surface), default=-1)
    if opening >= 0:
        inner = re.search(r"[“‘]([^”’]*)[”’]", surface[opening:])
        if inner and inner.group(1).endswith(SUFFIXES) and inner.end() + opening < len(surface):
            return None  # “向阳花计划”骨干班主任研修班: the quoted name is the programme
        begin += opening
        surface = surface[opening:]
        if not any(q in surface for q in "”’」"):
            begin, surface = begin + 1, surface[1:]  # “三名工程”: the name is inside the quotes
        head = _GENERIC_HEAD.fullmatch(surface)
        if head:
            # “一周一评”工作机制: a generic head after a quoted name.
            name = clean_name(head.group(1))
            return _make(text, begin + 1, begin + 1 + len(head.group(1)), name, "programs.suffix")
    else:
        lead = _LEADING.match(surface)
        if lead:
            begin, surface = begin + lead.end(), surface[lead.end() :]
        body = body_lead(surface, 0, len(surface))
        if body:
            begin, surface = begin + body, surface[body:]
        year = _YEAR_LEAD.match(surface)
        if year and year.end():
            if is_generic(surface[year.end() : len(surface) - len(word)], False):
                return None  # 2022年工作计划: the year's plan of work, no programme
            begin, surface = begin + year.end(), surface[year.end() :]
        editions = _EDITION_COUNT.match(surface)
        if editions and len(surface) - editions.end() > len(word) + 1:
            begin, surface = begin + editions.end(), surface[editions.end() :]
        if counted_class(surface, word):
            return None
        edition = strip_edition(surface, word)
        begin, surface = begin + len(surface) - len(edition), edition
    quoted = opening >= 0 or any(q in surface for q in QUOTES)
    if "、" in surface:
        # “青苗阅读行动、校园饮食品质促进行动”: a quoted list of names, not one name.
        pieces = surface.split("、")
        if all(clean_name(p).endswith(SUFFIXES) for p in pieces[:-1]):
            begin, surface = end - len(pieces[-1]), pieces[-1]
            quoted = any(q in surface for q in QUOTES)
    if not quoted and (_NOT_HEAD.match(text, end) or _COMPANY_AFTER.match(text, end)):
        return None  # 行动方案, 工程量: the suffix modifies another noun
    name = clean_name(surface)
    if not quoted and not name.startswith(BASED_ON):
        name = _trim_de(name)
        begin = end - len(name)
        if _characterises(text, s_start, begin, end):
            return None  # 是一项民心工程, 作为…的灵魂工程: what the subject is, not a name
    if quoted and (cut := launched(name)):
        name = name[cut:]
        begin = end - len(name)
    spec = name[: -len(word)]
    if quoted and spec.endswith(SUFFIXES) and word == "项目":
        name, spec = spec, spec  # “劳动体验”工程项目: 项目 repeats the head
        end -= 2
    family = family_label(spec) if word == "项目" else None
    if family is not None and not family.unit and not family.theme:
        name = spec  # 县管校聘项目: a family name + the generic head 项目
        end -= 2
    unit = family_label(re.sub(r"^[省市区县]级?", "", name))
    if unit is not None and unit.unit and not quoted:
        return None  # 区名师工作室: the kind of unit, not one named studio
    if re.search(r"[0-9一二三四五六七八九十两几]+[大项个]$", spec):
        return None  # “春芽”“秋实”两大工程: a count of the programmes just named
    if five_year_plan(name):
        return None  # “十五”计划, “十一五”计划: a five-year plan's period, a plan document
    if spec.endswith("等"):
        return None  # 青蓝工程等项目: the items are read by _by_enumeration
    if spec.endswith("类") and not quoted:
        return None  # 改造类项目, 民生类项目: a category of projects
    if quoted and word == "项目" and tail_class(clean_name(spec)) in _NOT_PROGRAMME_TAILS:
        return None  # “青枫读书沙龙”项目: the quoted name is an event, 项目 only files it
    if word == "主题教育" and len(spec) < 4:
        return None  # 党建主题教育: a campaign is named by its slogan, not by a field
    if is_generic(spec, quoted) or len(spec) < 2 or _EVENT.search(spec):
        return None
    if not quoted and (_WORKS.search(spec) or _building_works(spec)):
        return None
    if word == "模式" and (
        _FORMULA_QUOTED.search(text, begin, end - len(word)) or not clean_name(spec)[:1].isdigit()
    ):
        # 升级为“3+3”模式: a formula names the model's shape; “青禾走班”模式: a way of working
        # the quote describes. Only a numbered model's name (1+N+1德育模式) is a brand.
        return None
    if word in _QUOTE_ONLY and not spec[0].isdigit():
        closing = max(text.rfind("”", begin, end), text.rfind("’", begin, end))
        if closing < 0 or end - len(word) - closing - 1 > 2:
            return None  # “白桦林”社区教育集团机制: the quote does not name the mechanism
    if _CLASS_LIST.match(text, end):
        return None  # 搭建名辅导员工作室、班主任发展工作室等平台: kinds of platform
    longest = 24 if word == "主题教育" else 16  # campaign titles are long (学习贯彻…主题教育)
    # The places a name opens with are its scope, not its words (某区|教育科技人才…项目).
    own = after_places(load_gazetteer(), spec)[1]
    if not quoted and len(own) > longest and not name.startswith(BASED_ON):
        return None
    return _make(text, begin, end, name, "programs.suffix")


def _building_works(spec: str) -> bool:
    """Return True when a project's specific part `spec` names a building, a part or a phase of
    one (教学楼, 周转房, 主体, 二期), one school by its name (东港小学项目, 东港小学提升改造工程)
    or its numbered short form (二十二中整体搬迁工程), a school named by a part of the works
    (某路配套小学建设工程) or a school's campus (某小学西校区建设工程): a building project. A
    kind of school (标准化学校建设工程, 薄弱学校改造工程) is no one school's name."""
    if _BUILDING.search(spec) or has_numbered_school(spec):
        return True
    if _CAMPUS_BUILT.search(spec):
        return True
    head = _SCHOOL_HEAD.search(spec)
    if head is None:
        return False
    school = spec[: head.end("head")]
    return is_specific(school, len(head["head"])) or _BUILDING_PART.search(school) is not None


def _characterises(text: str, s_start: int, begin: int, end: int) -> bool:
    """Return True when the unquoted head text[begin:end] heads the complement of a copula or a
    role verb earlier in its clause (X是…的德政工程, 把X作为一项民生工程来抓) and closes it: the
    phrase says what X is. A programme the complement names is the object of its own verb
    (是实施青禾助学工程): then no 的 or classifier comes right before it."""
    clause = _CLAUSE_START.match(text, s_start, begin)  # the clause holding the head
    start = clause.end() if clause else s_start
    if _COPULA_BEFORE.search(text, start, begin) and (
        text.startswith("来", end)
        or (_COMPLEMENT_END.match(text, end) and not _ENUMERATED.search(text, start, begin))
    ):
        # 把…作为一把手工程来抓, 某事是第一民生工程,: the copula's whole complement, right after
        # it; but 二是|某某工程。 lists a point of a plan, which may be a programme
        return True
    opening = _COMPLEMENT_OPENING.search(text, start, begin)
    if opening is None or _COPULA.search(text, start, opening.start()) is None:
        return False
    return _COMPLEMENT_END.match(text, end) is not None


def treated_as(text: str, s_start: int, begin: int, end: int) -> bool:
    """Return True when text[begin:end] is the whole complement of a role verb whose object 把
    put before it (把教育作为“一把手”工程,): the disposal construction says what its object is
    treated as, so the complement is a description even in quotes.

    >>> t = "市委把教育作为“一把手”工程,着力打造教育强市"
    >>> treated_as(t, 0, t.index("“"), t.index(",")), treated_as("实施“青禾”工程,", 0, 2, 8)
    (True, False)
    """
    while begin > s_start and text[begin - 1] in OPENING_QUOTES:
        begin -= 1
    while text[end : end + 1] and text[end] in CLOSING_QUOTES:
        end += 1
    clause = _CLAUSE_START.match(text, s_start, begin)
    start = clause.end() if clause else s_start
    role = _ROLE_BEFORE.search(text, start, begin)
    return (
        role is not None
        and "把" in text[start : role.start()]
        and _COMPLEMENT_END.match(text, end) is not None
    )


# A count and its classifier closing the phrase after a programme's head (新开工项目202个,).
_COUNT_AFTER = closing_count("个项批类")


def counted_after(text: str, end: int) -> bool:
    """Return True when a count closes the phrase right after a programme's name: projects of a
    kind being counted (实施援疆项目36个, 实现新开工项目202个,), none of them named.

    >>> counted_after("实施援疆项目36个。", 6), counted_after("实施青禾工程3年来", 6)
    (True, False)
    """
    return _COUNT_AFTER.match(text, end) is not None


def _quote_or_number_names(text: str, s_start: int, start: int) -> bool:
    """Return True when a quote closes at most two characters before `start` (“一周一查”工作机制)
    or a digit precedes it in the sentence: only then can 机制 or 模式 end a name."""
    near = text[max(s_start, start - 3) : start]
    return "”" in near or "’" in near or _DIGIT.search(text, s_start, start) is not None


def cited_only(text: str, start: int, end: int, method: str | None) -> bool:
    """Return True when a programme name lies inside a 《》 title and is not the title itself
    introduced as a 课题 or 项目 (_by_title): the cited document's, not the text's."""
    return method != TITLED and in_title(text, start, end)


def _closes_title(text: str, s_start: int, begin: int, end: int) -> bool:
    """Return True when text[begin:end] ends a title in 《》 (alone or before another suffix:
    《…三年行动计划》 holds 行动 and 行动计划), so the title names a plan document."""
    closing = text.find("》", end, end + 5)
    if closing < 0 or text[end:closing] not in ("", *SUFFIXES):
        return False
    opening = text.rfind("《", s_start, begin)
    return opening >= 0 and text.find("》", opening, begin) < 0


def _make(text: str, begin: int, end: int, name: str, method: str) -> Candidate:
    return Candidate(PROGRAM, name, begin, end, "Program", method, 0.7)


# The activity a quoted name or slogan names, written right after it (“…”读书实践活动).
_ACTIVITY_AFTER = re.compile(r"[^,,。;;、“”\"‘’等的]{0,10}?活动")
# A plural quantifier before the quote: a class of activities (各种“…”活动), not one programme.
_PLURAL_BEFORE = re.compile(r"(?:各种|各类|各项|多种|多项|诸多)$")
# A spatial layout formula (一核两翼, 一轴三片, 两环四带): the structure a plan builds.
_LAYOUT = re.compile(
    r"(?:[一二三四五六七八九十两双多][个张条座]?"
    r"(?:中心|街区|片区|园区|核|轴|带|翼|廊|圈|网|环|体|城|极|心|区))+"
)


def _quote_runs(text: str, s_start: int, s_end: int) -> list[list[re.Match]]:
    """Return the quoted spans of a sentence, grouped into runs written side by side (“甲”“乙”)."""
    runs: list[list[re.Match]] = []
    for match in _QUOTED.finditer(text, s_start, s_end):
        if runs and not text[runs[-1][-1].end() : match.start()].strip():
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _by_quotes(text: str, s_start: int, s_end: int) -> list[Candidate]:
    """Return the quoted programme names of a sentence.

    Quotes written side by side (“甲”“乙”创建率) are one enumeration: the words before the first
    and after the last decide for every item. A verb before such a run governs the head after it
    (开展“甲”“乙”的评比 runs a contest), so there the verb alone does not make the items names.
    """
    out = []
    for run in _quote_runs(text, s_start, s_end):
        first, last = run[0], run[-1]
        before = text[max(s_start, first.start() - 4) : first.start()]
        after = text[last.end() : min(s_end, last.end() + 14)]
        if _HONOUR_BEFORE.search(before) or _PERIOD_AFTER.match(after):
            continue  # 创建“…示范区”; “十四五”规划: a title sought, a period
        if _PLURAL_BEFORE.search(before) or _CLASS_LIST.match(text, last.end()):
            continue  # 各种“…”活动; 利用“…工作室”和“…中心组”平台: kinds of activity or platform
        for match in run:
            out += _quoted_names(text, match, before, after, alone=len(run) == 1)
    return out


# A brand written as a word and a plus (“强校+”, “互联网+”): the plus stands for what the
# programme joins to it.
_BRAND_PLUS = re.compile(r"[\u4e00-\u9fff]{2,6}[+＋]")


def _quoted_names(
    text: str, match: re.Match, before: str, after: str, alone: bool
) -> list[Candidate]:
    """Return the programmes one quoted span of a run names (see _by_quotes)."""
    content = match.group(1).strip()
    if _BRAND_PLUS.fullmatch(content):
        return [_quoted(content, match.start(1), match.end(1))]  # “名校+”: a brand
    if _COUNTED.match(content):
        return []  # “三大转变”: a counted slogan (_COUNTED)
    theme = _theme_after(text, match.end()) if _PLUS.search(content) else None
    if theme:
        # “5+2”课后服务: a formula names its way of doing a policy theme (课后服务).
        end = match.end() + len(theme)
        return [_quoted(clean_name(content) + theme, match.start(1), end)]
    if not _HAS_CJK.search(content) or _CN_NUMBER.fullmatch(content):
        return []  # “2468”, “十四五”: a number needs its head noun (2468工程)
    pieces = content.split("、") if "、" in content else [content]
    listed = len(pieces) > 1 and not all(p.endswith(QUOTE_SUFFIXES) for p in pieces)
    if listed or _CLAUSE_MARK.search(content):
        # “人人出彩,处处课堂”, “健康、快乐”: slogans; 开展“读好书,做好人”活动 is a theme
        # activity named by one (ANNOTATION.md excludes both).
        return []
    own_after = text[match.end() : match.end() + 6]
    if own_after.startswith(SUFFIXES):
        return []  # “2468”工程: the suffix rule reads the whole name
    if not content.endswith(SUFFIXES) and _SLOGAN_AFTER.match(after[:6]):
        return []  # 以“…”为发展愿景: a slogan
    if _LAYOUT.fullmatch(content) and after.startswith("建设"):
        return []  # “一核两翼”建设: a spatial layout, not a programme
    if len(pieces) == 1 and len(content) <= 4 and is_generic(content, quoted=True):
        return []  # “实验校”: generic words only
    if (
        content.endswith(("式", "型"))
        and not dictionary_word(content[-2:])
        and not own_after.startswith(SUFFIXES)
    ):
        # “组团式”帮扶, “填鸭式”教学, “紧密型”集团: 式 makes a manner of doing something, 型 a
        # kind of thing, not a name (模式, 方式, 类型, 模型 are words of their own)
        return []
    if len(pieces) == 1:
        head = _QUOTE_HEAD.match(own_after)
        if head:
            # “青禾学”周末课堂: the quoted part and its head are one name.
            end = match.end() + head.end()
            return [_quoted(clean_name(content + head.group()), match.start(1), end)]
    activity = _ACTIVITY_AFTER.match(after) if alone else None
    if activity and any(word in activity.group() for word in SUFFIXES):
        activity = None  # “青苗”教师培养工程启动活动: the suffix rule reads the programme
    signalled = (
        content.endswith(QUOTE_SUFFIXES)
        or _CAMPAIGN_YEAR.search(content)
        or _NEXT_WORD.match(after[:6])
        or activity
        or alone
        and (_RUN_VERB.search(before) or re.search(r"第[^,,]{1,3}届$", before))
    )
    if not signalled or len(content) > 24 or len(content) < 3 and not content.isdigit():
        return []
    if activity and activity.end() > 2 and not content.endswith(QUOTE_SUFFIXES):
        # “青苗”读书实践活动: the name is the quoted part; the whole phrase is another form of it.
        name, end = clean_name(content), match.end() + activity.end()
        return [_quoted(name + activity.group(), match.start(1), end, name)]
    out = []
    for piece in pieces:
        start = match.start(1) + content.index(piece)
        cut = launched(piece)
        out.append(_quoted(clean_name(piece[cut:]), start + cut, start + len(piece)))
    return out


# A year given to one campaign (“某某规范管理年”, “课堂教学提升年”): a name-internal verb and
# 年 end the quoted name.
_CAMPAIGN_YEAR = re.compile(
    "[\u4e00-\u9fff]{2}(?:" + lexicon.alternation("name_internal_verbs") + ")年$"
)


def _theme_after(text: str, at: int) -> str | None:
    """Return the label of a theme family of ontology/programs.ttl (课后服务) that text[at:]
    begins with, or None."""
    return next((label for label in theme_labels() if text.startswith(label, at)), None)


def launched(name: str) -> int:
    """Return how many characters of a quoted name are the verb that launches the programme it
    names (“实施某某帮扶工程”, a task of a plan quoted whole), or 0.

    >>> launched("实施青禾帮扶工程"), launched("实施工程"), launched("青禾帮扶工程")
    (2, 0, 0)
    """
    verb = _LAUNCH.match(name)
    if verb is None or len(name) - verb.end() < 4 or not name.endswith(SUFFIXES):
        return 0
    return verb.end()


def _quoted(name: str, start: int, end: int, canonical: str | None = None) -> Candidate:
    return Candidate(PROGRAM, name, start, end, "Program", "programs.quoted", 0.75, canonical)


# The verb that opens a list of programmes (继续实施名校跟岗、专家工作站项目).
_LIST_VERB = re.compile("(?:" + lexicon.alternation("programme_list_verbs") + ")")
_CLAUSE_START = re.compile(r".*[,,。;;::!?!?\s]")
_LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{3,8}")


# An aspect particle after a verb (实施了, 开展过): it begins no item of what the verb governs.
_ASPECT = re.compile("[了着过]")


def _names_a_school(part: str) -> bool:
    """Return True when a list item is a school's name (…中学) or its numbered short form (市二十
    一中).

    >>> _names_a_school("市二十一中"), _names_a_school("名校跟岗")
    (True, False)
    """
    return bool(head_of(SCHOOL, part)) or has_numbered_school(part)


def _by_listed_before(text: str, s_start: int, named: list[Candidate]) -> list[Candidate]:
    """Return the unquoted items listed before a programme, when a programme verb opens the list.

    In 实施名校跟岗、专家工作站项目 the items share the verb with the named programme, so each
    is a programme too. Items must be short plain words, not generic ones.
    """
    out = []
    for c in named:
        if text[c.start - 1 : c.start] != "、":
            continue
        clause = _CLAUSE_START.search(text[s_start : c.start - 1])
        begin = s_start + (clause.end() if clause else 0)
        parts = text[begin : c.start - 1].split("、")
        verbs = list(_LIST_VERB.finditer(parts[0]))
        if not verbs:
            continue
        parts[0] = parts[0][verbs[-1].end() :]
        begin += verbs[-1].end()
        aspect = _ASPECT.match(parts[0])  # 实施了…: the verb's particle
        if aspect:
            parts[0] = parts[0][aspect.end() :]
            begin += aspect.end()
        if not all(_LIST_ITEM.fullmatch(p) for p in parts) or any(map(_names_a_school, parts)):
            continue  # 实施市二十一中、二十二中整体搬迁工程: the items are the schools it builds
        for part in parts:
            if not is_generic(part):
                out.append(
                    Candidate(
                        PROGRAM, part, begin, begin + len(part), "Program", "programs.listed", 0.65
                    )
                )
            begin += len(part) + 1
    return out


def _by_enumeration(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    for match in _ENUMERATION.finditer(text, s_start, s_end):
        if _CLASS_LIST.match(text, match.end(1)):
            continue  # “甲”“乙”等2个活动年: kinds of a class that is not a programme
        for item in _ITEM.finditer(text, match.start(1), match.end(1)):
            surface = item.group()
            if re.search(r"[”\"](?:评选|展评|评比|活动|工作|系列)$", surface):
                surface = surface[: max(surface.rfind("”"), surface.rfind('"')) + 1]
            name = clean_name(surface)
            if len(name) < 2 or not re.search(r"[\u4e00-\u9fff]", name):
                continue
            if _COUNTED.match(name):
                continue
            out.append(
                Candidate(
                    PROGRAM,
                    name,
                    item.start() + 1,
                    item.end(),
                    "Program",
                    "programs.enumeration",
                    0.75,
                )
            )
    return out


# A head right after a gloss: the gloss sits inside a longer name (甲(乙)工作室), whose own
# head says what it is; the words before the gloss name nothing by themselves.
_GLOSSED_HEADS = SUFFIXES + tuple(word for word in _TAILS if len(word) > 1)


def _by_gloss(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    for match in _GLOSS.finditer(text, s_start, s_end):
        gloss = match.group(2)
        family = concept_for(gloss)
        if family is None:
            continue
        if text.startswith(_GLOSSED_HEADS, match.end()):
            continue  # 名教师(名校长)工作室: the name goes on past the gloss, a studio's
        begin = programme_start(text, match.end(1), s_start, max_len=12)
        if begin is None:
            continue
        name = text[begin : match.end(1)]
        if len(name) < 2:
            continue
        # The gloss names the family the programme belongs to (雁归计划(名校长) → 名校长工程).
        attrs = (("concept", family.iri), ("gloss", family.iri))
        out.append(
            Candidate(
                PROGRAM, name, begin, match.end(1), "Program", "programs.gloss", 0.8, attrs=attrs
            )
        )
    return out


def _by_title(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    for match in _CITED_PROGRAMME.finditer(text, s_start, s_end):
        if not (match.group(1) or match.group(3)):
            continue
        start, end = match.span(2)
        out.append(
            Candidate(PROGRAM, clean_name(match.group(2)), start, end, "Program", TITLED, 0.7)
        )
    return out
