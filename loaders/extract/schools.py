"""Schools, kindergartens and campuses, found by their suffix and a specific name before it.

A school name is `[place][specific part][suffix]` (常州市 + 西仓桥 + 小学). Designations
(示范学校, 试点学校, 特色学校) and generic phrases (乡镇学校, 民办幼儿园, 3所小学) are not
institutions, so a name needs a specific part beyond places, counts and generic modifiers, or a
place alone (海陵幼儿园). A campus (…校区, …分校, …部) is a School of class Campus, campusOf the
school its name begins with when that prefix is itself a school name.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from loaders.extract.gazetteer import load_gazetteer
from loaders.extract.model import SCHOOL, Candidate
from loaders.extract.names import extend_left, strip_leading_noise

# suffix → school level (ekg:schoolLevel)
SUFFIXES: dict[str, str] = {
    "幼儿园": "kindergarten",
    "幼学园": "kindergarten",
    "小学": "primary",
    "小学校": "primary",
    "初级中学": "junior_secondary",
    "初中": "junior_secondary",
    "高级中学": "senior_secondary",
    "高中": "senior_secondary",
    "中学": "secondary",
    "学校": "school",
    "实验学校": "school",
    "附属学校": "school",
    "附校": "school",
    "附中": "secondary",
    "附小": "primary",
    "中心校": "school",
    "特殊教育学校": "special",
    "职业学校": "vocational",
    "中等专业学校": "vocational",
    "职业高级中学": "vocational",
}
CAMPUS_SUFFIXES = ("校区", "分校", "分校区", "本部", "小学部", "初中部", "高中部", "分园")
# After a suffix, these mean the word is not a school (小学生, 中学阶段, 小学教育).
_NOT_AFTER = re.compile(r"生|阶段|学段|学龄|教育(?!集团)|化|段|课程|教师|老师|教学|校长(?:培训)")
GENERIC = re.compile(
    r"(?:公办|民办|乡村|农村|城镇|乡镇|城区|城乡|城市|薄弱|优质|义务教育|普通|中小|新建|现有|示范|"
    r"试点|特色|标准化|达标|合格|小规模|大规模|规模|寄宿制|公立|私立|重点|周边|所在|其他|部分|"
    r"实验|特殊教育|职业|完全|九年一贯制|一贯制|外国语|双语|国际|高中|初中|幼儿|学前|"
    r"省级|市级|区级|县级|国家级|省|市|区|县|镇|乡|村|本|该|各|所|[0-9]+|[一二三四五六七八九十两]|"
    r"中|小|大|高|初|幼|附属|中心|联盟|集团|成员|核心|领衔|龙头|牵头|加盟|对口|结对|帮扶|相关|"
    r"家门口|好|新|老|原|本部|学科|教育)+"
)
# Policy vocabulary that never occurs in an institution's own name (verbs of administration,
# evaluative and category words): their presence marks a phrase about schools in general.
POLICY_WORDS = re.compile(
    r"减轻|改善|督促|保障|严控|统筹|指导|配建|差距|现代|家长|区域|基层|已建|有关|优质|普惠|高等|"
    r"友好|成长|升学|认识|盘活|纳入|进行|完成|破解|第[一二三四五六七八九十0-9]+轮|条件|配套|社区|"
    r"民办|选调|激发|修订|片区|开学|阶段|接受|获得|竣工|投用|学习|丰富|配置|梳理|明晰|缔结|海外|"
    r"塑造|分析|紧密型|松散型|教科研|荣登|时间|规模|紧密|相应|范围|类型|层次|全体|所有|"
    r"及|了|在|对"
)
_INNER_SUFFIX = re.compile(r"学校|小学|中学|幼儿园|初中|高中")
# Designations, not institutions: 示范学校, 绿色学校, 试点学校 …
DESIGNATION = re.compile(
    r"示范|试点|特色|达标|标准化|星级|先进|绿色|文明|平安|智慧|基地|项目|创建|"
    r"合格|认定|评估|实验区|工作|建设|管理|发展|研究|课程|党建"
)
_NUMBERED = re.compile(r"(?<=[\u4e00-\u9fff])[一二三四五六七八九十]{1,3}[中小](?![学心国型])")


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in list(SUFFIXES) + list(CAMPUS_SUFFIXES):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def specific_part(name: str, suffix_len: int) -> tuple[str, bool]:
    """Return the part of a name that is neither place nor suffix, and whether a place precedes.

    >>> specific_part("常州市西仓桥小学", 2)
    ('西仓桥', True)
    >>> specific_part("海陵幼儿园", 3)
    ('', True)
    """
    gaz = load_gazetteer()
    body = name[: len(name) - suffix_len]
    had_place = False
    moved = True
    while moved and body:
        moved = False
        for length in range(min(10, len(body)), 1, -1):
            word = body[:length]
            if gaz.by_name.get(word) or gaz.by_alias.get(word):
                body, had_place, moved = body[length:], True, True
                break
    return body, had_place


def is_specific(name: str, suffix_len: int) -> bool:
    """Return True when `name` names one institution rather than a kind of institution.

    >>> is_specific("城东小学", 2), is_specific("乡镇学校", 2), is_specific("海陵幼儿园", 3)
    (True, False, True)
    """
    body, had_place = specific_part(name, suffix_len)
    head = name[: len(name) - suffix_len]
    if (
        DESIGNATION.search(head)
        or POLICY_WORDS.search(head)
        or name.endswith(("中小学", "中小学校"))
    ):
        return False
    if _INNER_SUFFIX.search(head) and "集团" not in head:
        return False
    rest = GENERIC.sub("", body)
    if rest:
        return len(body) >= 2 or had_place
    return had_place and not body.startswith(("各", "所", "省", "市", "区", "县"))


def find_schools(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return school and campus candidates in the sentence spans ((start, end) pairs) of `text`."""
    automaton = _automaton()
    found: list[Candidate] = []
    for s_start, s_end in spans:
        sentence = text[s_start:s_end]
        hits = [(s_start + e + 1 - len(w), s_start + e + 1, w) for e, w in automaton.iter(sentence)]
        hits += [
            (s_start + m.start(), s_start + m.end(), "#") for m in _NUMBERED.finditer(sentence)
        ]
        # The longest suffix ending at each position, e.g. 初级中学 over 中学.
        best: dict[int, tuple[int, int, str]] = {}
        for hit in hits:
            if hit[1] not in best or hit[0] < best[hit[1]][0]:
                best[hit[1]] = hit
        for start, end, word in sorted(best.values()):
            if _NOT_AFTER.match(text, end) and word not in CAMPUS_SUFFIXES:
                continue
            if word in ("初中", "高中", "中学", "小学") and text[end : end + 1] in "部校":
                continue  # part of …小学部 / …中学校: the longer hit ends later
            candidate = _candidate(text, start, end, word, s_start)
            if candidate is not None:
                found.append(candidate)
    return found


def _candidate(text: str, start: int, end: int, word: str, floor: int) -> Candidate | None:
    suffix_len = end - start if word != "#" else 0
    begin = extend_left(text, start, floor, min_specific=2 if word != "#" else 2, max_len=20)
    name, cut = strip_leading_noise(text[begin:end])
    begin += cut
    if word == "#":
        if len(name) < 4 or "届" in name:
            return None
        return Candidate(SCHOOL, name, begin, end, "School", "schools.numbered", 0.6)
    if word in CAMPUS_SUFFIXES:
        if len(name) <= len(word) + 1:
            return None
        return Candidate(SCHOOL, name, begin, end, "Campus", "schools.campus", 0.75)
    if not is_specific(name, suffix_len):
        return None
    level = SUFFIXES.get(word, "school")
    return Candidate(
        SCHOOL, name, begin, end, "School", "schools.suffix", 0.8, attrs=(("level", level),)
    )
