"""Named people with their role and the body they serve: 副区长何海平, 钟楼区教育局局长杨文娟.

A person is a 2–3 character name written right after a role word (ROLES: 副区长王明), or right
before a form of address (TITLES: 王明老师, 王明同学), or introduced by 我是 in an interview turn
(the turn's speaker). A candidate name counts only when jieba's part-of-speech tagger reads
its first word as a person name (flag nr…) on that short span, so 班主任培育站 or 主任队伍 never
give a person. The body written before the role or the name (a found organisation or school
ending where the role begins, relations.py) is the affiliation; the attrs record where it must
end (body_end). Coordinated roles (区委教育工委书记、区教育局局长王明) give both roles.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import ahocorasick

from loaders.extract.boundaries import heads_of
from loaders.extract.model import GROUP, ORG, PERSON, SCHOOL, Candidate
from loaders.extract.sentences import spans_with_hits, word_hits

ROLES = (
    "副区长",
    "区长",
    "副市长",
    "市长",
    "副县长",
    "县长",
    "副镇长",
    "镇长",
    # the heads of the other divisions: a township, an autonomous prefecture, a league, a banner
    "副乡长",
    "乡长",
    "副州长",
    "州长",
    "副盟长",
    "盟长",
    "副旗长",
    "旗长",
    "副省长",
    "省长",
    "副局长",
    "局长",
    # a bureau's party committee or group and the post in it are one role (某局|党组成员)
    "党委书记",
    "党组书记",
    "党委副书记",
    "党组副书记",
    "党委委员",
    "党组成员",
    "总书记",
    "副书记",
    "书记",
    "副秘书长",
    "秘书长",
    "副主席",
    "主席",
    "执行校长",
    "总校长",
    "中方校长",
    "副校长",
    "校长",
    "副园长",
    "园长",
    "副主任",
    "主任",
    "副厅长",
    "厅长",
    "副部长",
    "部长",
    "主持人",
    "特级教师",
    "老师",
    "教师",
    "处长",
    "科长",
    "副院长",
    "院长",
    "督学",
    "常委",
    "委员",
    "理事长",
    "会长",
    # heads of a company, a section (股) or an institute, who also name schools and groups
    "副董事长",
    "董事长",
    "副总经理",
    "总经理",
    "副股长",
    "股长",
    "副所长",
    "所长",
    "记者",
    "通讯员",
)
# Forms of address written after a name, and the role each implies.
TITLES = {
    "老师": "教师",
    "同学": "学生",
    "校长": "校长",
    "园长": "园长",
    "书记": "书记",
    "局长": "局长",
    "主任": "主任",
    "女士": "",
    "先生": "",
    "教授": "教授",
}
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
_NAME_END = (
    r"(?=[,，、。;；:：!！\s(（)）“”\"]|同志|等|$"
    r"|介绍|表示|说|指出|强调|认为|告诉|出席|担任|主持|致辞|讲话|作|为|在|将|到)"
)
_PERSON = re.compile(rf"(?P<role>{_ROLE})(?P<name>[\u4e00-\u9fff]{{2,3}}?){_NAME_END}")
# The most characters a _PERSON match reads past where it begins: a role, a name, a word after.
_PERSON_READS = max(map(len, ROLES)) + 3 + 2
# The name is read back from the form of address by jieba (trailing_name); the pattern only
# finds where it ends, before a rank word that belongs to the title (王丽副校长, 习近平总书记).
_TITLED = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?P<rank>常务副|副|总)?(?P<title>"
    + "|".join(sorted(TITLES, key=len, reverse=True))
    + r")(?![\u4e00-\u9fff]{0,1}(?:培训|队伍|团队|工作室|发展|专业|资格|职级|论坛|讲堂))"
)


def after_titled_person(text: str, start: int, end: int) -> int:
    """Return where text[start:end] goes on after the last title and name in it (校长陈某为…),
    or `start` when it holds none: an institution's name never holds a person's.

    >>> t = "二中心小学校长陈明为教育集团副理事长"
    >>> t[after_titled_person(t, 0, 11) :]
    '为教育集团副理事长'
    >>> after_titled_person("市教师培训中心", 0, 5)
    0
    >>> t = "市教育局局长王明通过政府"
    >>> t[after_titled_person(t, 0, 11) :]
    '通过政府'
    """
    found = start
    # Searched past `end` by as far as a match reads: an end position at `end` would let the
    # name end there ($), so 教师培训 in 教师培训中心 would read as a role and a name. A match
    # beginning before `end` reads no further; what begins after it ends the loop either way.
    for match in _PERSON.finditer(text, start, end + _PERSON_READS + 1):
        if match.end() > end:
            break
        found = match.end()
    # A name no cue word ends (局长王明通过…): the word jieba reads as a person's after the role.
    for match in _named_by_jieba(text, start, end, set()):
        found = max(found, match.end())
    return found


_SELF = re.compile(r"我是(?P<name>[\u4e00-\u9fff]{2,3}?)(?=[,，。!！])")
# An earlier role joined by 、 to the one before the name: 区委教育工委书记、区教育局局长王明.
_CHAIN = re.compile(rf"(?P<role>{_ROLE})、[\u4e00-\u9fff]{{0,20}}$")
# What begins no name after a role: particles, conjunctions and prepositions that are never
# surnames (与, 同, 跟, 把, 被, 给, 从: 教师与果洛…), verbs of speech.
_NOT_NAME = re.compile(
    r"^(?:们|等|和|与|同|跟|及|在|的|是|为|将|对|把|被|给|从|也|都|说|表示|指出|介绍|强调|助理)"
)


def role_follows(text: str, end: int) -> bool:
    """Return True when a person's role begins at `end` and no role runs across it: the body
    before it ends there (区委|书记), but 党委书记 is one role (某局党委书记: the bureau's
    secretary), whose 党委 ends no body.

    >>> role_follows("区委书记王明", 2), role_follows("市教育局党委书记", 6)
    (True, False)
    """
    return text.startswith(ROLES, end) and not role_across(text, end)


def role_across(text: str, end: int) -> bool:
    """Return True when a person's role begins before `end` and runs on past it: a body's head
    there is the first word of the role (某局|党组成员, whose body is the bureau).

    >>> role_across("市教育局党组成员", 6), role_across("市教育局党组成员", 4)
    (True, False)
    """
    # The longest role at each start is the one _ROLE_AT finds (its roles are longest first).
    for start in range(max(0, end - _LONGEST_ROLE + 1), end):
        role = _ROLE_AT.match(text, start)
        if role is not None and role.end() > end:
            return True
    return False


_ROLE_AT = re.compile(_ROLE)
_LONGEST_ROLE = max(map(len, ROLES))


@lru_cache(maxsize=1)
def _cue_automaton() -> ahocorasick.Automaton:
    """Return an automaton of the role words, forms of address and 我是: each pattern above
    needs one of them, so a sentence without any (most of them) is not searched at all."""
    automaton = ahocorasick.Automaton()
    for word in (*ROLES, *TITLES, "我是"):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=4096)
def leading_name(span: str) -> str:
    """Return the person's name jieba reads at the start of `span` (nr, nrfg …), or ''.

    >>> leading_name("何海平说"), leading_name("培育站"), leading_name("刘红梅表示")
    ('何海平', '', '刘红梅')
    """
    import jieba.posseg

    # The first two words only: jieba reads the rest of the span (its HMM too) only if asked.
    words = list(islice(jieba.posseg.cut(span), 2))
    if not words:
        return ""
    # 刘|红梅, 周|海燕: jieba may read the surname apart (with any tag) and the given name as nr.
    if len(words[0].word) == 1 and len(words) > 1 and words[1].flag.startswith("nr"):
        return words[0].word + words[1].word
    return words[0].word if words[0].flag.startswith("nr") else ""


# jieba tags of words that cannot be a surname standing alone before a given name (向|李明,
# 由该校|陈明): prepositions, conjunctions, verbs, adverbs, pronouns, particles, numerals …
_NOT_SURNAME = ("p", "c", "v", "d", "r", "u", "m", "q", "f", "x", "y", "e", "o", "t")


@lru_cache(maxsize=4096)
def trailing_name(span: str) -> str:
    """Return the person's name jieba reads at the end of `span` (nr, nrfg …), or ''.

    What precedes the name in a sentence gives jieba the context to end the word before it
    (成员|崔健, 向|李明), which a fixed 2- or 3-character window cannot.

    >>> trailing_name("工作室成员崔健"), trailing_name("苏锡凌向李明"), trailing_name("、符丽两位")
    ('崔健', '李明', '')
    """
    import jieba.posseg

    words = jieba.posseg.lcut(span)
    if not words or not words[-1].flag.startswith("nr"):
        return ""
    name = words[-1].word
    # 刘|红梅: a surname read apart, before a given name read as nr.
    if len(name) == 2 and len(words) > 1 and len(words[-2].word) == 1:
        if not words[-2].flag.startswith(_NOT_SURNAME):
            name = words[-2].word + name
    return name if 2 <= len(name) <= 3 else ""


# The tags of a given name jieba does not read as one: a name's own (nr…) or an adjective's
# (浩然: a); a noun, an abbreviation or a verb is a word of its own (司|党委: j).
_GIVEN = ("nr", "nz", "a", "ag", "ad", "an", "z", "b")


def _surname_first(span: str) -> str:
    """Return the end of `span` that jieba reads as a surname and a given name it does not take
    for a name (夏|浩然: a surname, then an adjective), trying 3 then 2 characters; or ''.

    >>> _surname_first("小夏浩然"[-3:]), _surname_first("丽两位"), _surname_first("司党委")
    ('夏浩然', '', '')
    """
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab
    for length in (3, 2):
        if len(span) < length or not tags.get(span[-length], "").startswith("nr"):
            continue  # the dictionary's reading of the surname alone decides (no HMM below)
        words = jieba.posseg.lcut(span[-length:], HMM=False)
        if (
            len(words) > 1
            and len(words[0].word) == 1
            and words[0].flag.startswith("nr")
            and all(w.flag.startswith(_GIVEN) for w in words[1:])
        ):
            return span[-length:]
    return ""


def looks_like_name(span: str) -> bool:
    """Return True when jieba reads the start of `span` as a person's name.

    >>> looks_like_name("何海平"), looks_like_name("培育站"), looks_like_name("刘红梅")
    (True, False, True)
    """
    return bool(leading_name(span))


@lru_cache(maxsize=1)
def _institution_heads() -> tuple[str, ...]:
    """Return the heads of school, group and body names of two characters or more."""
    heads = heads_of(SCHOOL) | heads_of(GROUP) | heads_of(ORG)
    return tuple(sorted(h for h in heads if len(h) >= 2))


def names_an_institution(name: str) -> bool:
    """Return True when `name` ends with the head of a school's, group's or body's name: jieba's
    dictionary tags some of those as people's names (幼儿园 nr), and a title after them is the
    institution's head's (幼儿园|园长).

    >>> names_an_institution("幼儿园"), names_an_institution("李明")
    (True, False)
    """
    return name.endswith(_institution_heads())


def _person(name: str, start: int, method: str, confidence: float, attrs) -> Candidate:  # noqa: ANN001
    return Candidate(
        PERSON, name, start, start + len(name), "Person", method, confidence, attrs=tuple(attrs)
    )


def find_people(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return person candidates (attrs: role, body_end) in the sentence spans.

    >>> [c.name for c in find_people("南京市副市长王小明,出席", [(0, 12)])]
    ['王小明']
    >>> [(c.name, dict(c.attrs)["role"]) for c in find_people("白桦小学的李红梅老师获奖。", [(0, 13)])]
    [('李红梅', '教师')]
    """
    out = []
    for s_start, s_end, cues in spans_with_hits(word_hits(_cue_automaton(), text), spans):
        words = {word for _, _, word in cues}
        has_role = not words.isdisjoint(ROLES)
        roles = list(_PERSON.finditer(text, s_start, s_end)) if has_role else []
        named = {m.end("role") for m in roles}
        roles += _named_by_jieba(text, s_start, s_end, named) if has_role else []
        for match in roles:
            name = match.group("name")
            if _NOT_NAME.match(name) or not looks_like_name(name) or names_an_institution(name):
                continue
            role_start = match.start("role")
            attrs = {("role", match.group("role")), ("body_end", str(role_start))}
            chain = _CHAIN.search(text, max(s_start, role_start - 24), role_start)
            if chain:
                attrs |= {("role", chain.group("role")), ("body_end", str(chain.start("role")))}
            out.append(_person(name, match.start("name"), "people.role_name", 0.7, sorted(attrs)))
        # _TITLED opens with the name, so the regex engine cannot skip ahead to a form of
        # address: it starts three characters before the first one (a name has two at least).
        titles = [start for start, _, word in cues if word in TITLES and start >= s_start + 2]
        titled = _TITLED.finditer(text, max(s_start, min(titles) - 5), s_end) if titles else ()
        for match in titled:
            found = _titled(text, match, s_start)
            if found is not None:
                out.append(found)
        for match in _SELF.finditer(text, s_start, s_end) if "我是" in words else ():
            if looks_like_name(match.group("name")):
                out.append(
                    _person(match.group("name"), match.start("name"), "people.self", 0.6, ())
                )
    return out


_ROLE_WORD = re.compile(_ROLE)
_TWO_HAN = re.compile(r"[\u4e00-\u9fff]{2}")
_ROLE_THEN_NAME = re.compile(rf"(?P<role>{_ROLE})(?P<name>[\u4e00-\u9fff]{{2,3}})")


def _named_by_jieba(text: str, start: int, end: int, named: set[int]) -> list[re.Match]:
    """Return role + name matches whose name no cue word ends (局长杨丽华做客, 校长李红调研):
    the name is the first word jieba reads after the role, when it reads it as a person's.

    >>> [m.group("name") for m in _named_by_jieba("区教育局局长杨丽华做客访谈", 0, 13, set())]
    ['杨丽华']
    """
    out = []
    for role in _ROLE_WORD.finditer(text[start:end]):
        at = start + role.end()
        if at in named or not _TWO_HAN.match(text, at, end):
            continue  # found already, or no name (two Chinese characters at least) follows
        name = leading_name(text[at : min(end, at + 6)])
        if not 2 <= len(name) <= 3 or _NOT_NAME.match(name):
            continue
        match = _ROLE_THEN_NAME.match(text, start + role.start(), at + len(name))
        if match is not None and match.end() == at + len(name):
            out.append(match)
    return out


def _titled(text: str, match: re.Match, floor: int) -> Candidate | None:
    """Return the person named before a form of address (王明老师), as jieba reads it at the end
    of the words before the title (up to six characters of the sentence)."""
    end = match.end("name")
    name = trailing_name(text[max(floor, end - 6) : end]) or _surname_first(
        text[max(floor, end - 3) : end]
    )
    start = end - len(name)
    if not name or _NOT_NAME.match(name) or names_an_institution(name):
        return None
    role = TITLES[match.group("title")]
    role = (match.group("rank") or "") + role if role else role
    body_end = start - 1 if text[start - 1 : start] == "的" else start
    attrs = [("body_end", str(body_end))] + ([("role", role)] if role else [])
    return _person(name, start, "people.titled_name", 0.6, sorted(attrs))
