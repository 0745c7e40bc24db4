"""Programmes, projects, plans and initiatives, found by their shape.

Shapes (each a general pattern of Chinese policy writing, not a list of names):
- a programme suffix: …工程, …计划, …行动, …项目, …工作室, …学堂, …机制, …模式, …研修班,
  with the name extended left to the verb that introduces it (实施“十百千教师培养工程”);
  quotes inside the name are dropped (“3366”工程 → 3366工程);
- a quoted name “…” introduced by 实施/开展/推进…, followed by a programme word (系列, 等, 品牌,
  活动, 步伐 …) or by 第N届;
- a gloss in parentheses naming a programme family: 头雁振翅(名校长);
- a title in 《》 introduced as a 课题 or 项目 (《…》项目);
- a family label of the concept scheme (集团化办学, 区管校聘, 课后延时服务).
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from loaders.extract.concepts import concept_for, programme_names
from loaders.extract.model import PROGRAM, Candidate
from loaders.extract.names import extend_left, strip_leading_noise

SUFFIXES = (
    "工程",
    "计划",
    "行动",
    "项目",
    "工作室",
    "工作站",
    "机制",
    "学堂",
    "讲坛",
    "讲堂",
    "研修班",
    "模式",
    "大讲堂",
    "行动计划",
)
# Suffixes that name a programme only when quotes mark the name (机制, 活动 are everyday words).
_QUOTE_ONLY = ("机制", "模式")
QUOTE_SUFFIXES = SUFFIXES + ("活动", "节", "日", "周", "课堂", "大学", "系列", "平台", "沙龙")
QUOTES = '“”"‘’「」'
_QUOTED = re.compile(r"[“\"‘]([^“”\"‘’\n]{2,40})[”\"’]")
_NEXT_WORD = re.compile(
    r"(?:系列|品牌|活动|等|步伐|示范|文化|艺术|回顾|巡演|展演|党建|创优|主题|建设|战略|改革|试点|"
    r"人事|工程|项目|计划|行动|工作室|为引领|为抓手|为载体|培训|评比|评选)"
)
_PREV_VERB = re.compile(r"(?:实施|推进|开展|启动|实行|深化|组织|举办|推广|落实|打造|创建)$")
_COUNTED = re.compile(r"^[0-9一二三四五六七八九十两几]+大")
_GLOSS = re.compile(r"([^\s,，。、;；:：()（）“”\"]{2,12})\(([^()]{1,6})\)")
_CITED_PROGRAMME = re.compile(r"(课题|项目|研究)?《([^《》]{4,40})》(项目|工程|课题)?")
GENERIC = re.compile(
    r"^(?:重点|重大|系列|相关|各项|各类|长效|运作|良性|示范|创新|特色|建设|发展|管理|工作|培训|"
    r"前瞻性|市级|省级|国家级|区级|县级|课题|这一|该|本|实践|研究|改革|专项|试点|民生|实事|"
    r"考核|评价|保障|运行|体制|人事|优秀|传承|品牌|区域|学校|年度|新|一批|多个|若干|各|全|"
    r"教育|教学|德育|育人|服务|联动|协调|激励|约束|监督|工作|督导|合作|交流|帮扶|结对|援助|"
    r"[0-9一二三四五六七八九十百千]+|个|项|大|重|点)*$"
)


@lru_cache(maxsize=1)
def _suffix_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in SUFFIXES:
        automaton.add_word(word, ("suffix", word))
    for label in programme_names():
        automaton.add_word(label, ("concept", label))
    automaton.make_automaton()
    return automaton


def clean_name(surface: str) -> str:
    """Return a programme name without quotes and white space at the ends.

    >>> clean_name("“3366”工程")
    '3366工程'
    """
    return surface.translate({ord(q): None for q in QUOTES}).strip()


def _is_generic(spec: str) -> bool:
    if re.search(r"[0-9]{2,}|\+", spec):
        return False  # numbered names: 3366工程, 1+N+1德育模式
    return not spec or bool(GENERIC.match(spec))


def _trim_de(name: str) -> str:
    # 的 joins a modifier to a head noun; the programme name is the part after it, except in
    # research-title shapes (基于…的…).
    if "的" in name and not name.startswith("基于"):
        return name[name.rindex("的") + 1 :]
    return name


def find_programs(text: str, spans) -> list[Candidate]:  # noqa: ANN001
    """Return programme candidates in the sentence spans ((start, end) pairs) of `text`."""
    found: list[Candidate] = []
    for s_start, s_end in spans:
        here = _by_suffix(text, s_start, s_end) + _by_quotes(text, s_start, s_end)
        here += _by_gloss(text, s_start, s_end) + _by_title(text, s_start, s_end)
        # A name inside a longer programme name (课后延时 in 课后延时服务项目) is part of it.
        found += [
            c
            for c in here
            if not any(
                o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
                for o in here
            )
        ]
    return found


def _by_suffix(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    hits: dict[int, tuple[int, str, str]] = {}
    for e, (how, word) in _suffix_automaton().iter(text[s_start:s_end]):
        end = s_start + e + 1
        start = end - len(word)
        if end not in hits or start < hits[end][0]:
            hits[end] = (start, how, word)
    for end, (start, how, word) in sorted(hits.items()):
        if how == "concept":
            method = "programs.concept_label"
            out.append(Candidate(PROGRAM, text[start:end], start, end, "Program", method, 0.85))
            continue
        if text[end : end + 1] in ("的",) and word in ("项目", "计划"):
            pass
        begin = extend_left(text, start, s_start, min_specific=2, max_len=24, flavour="program")
        surface, cut = strip_leading_noise(text[begin:end])
        begin += cut
        quoted = any(q in surface for q in QUOTES)
        name = _trim_de(clean_name(surface))
        begin = end - len(name) if not quoted else begin
        spec = name[: -len(word)]
        if _is_generic(spec) or len(spec) < 2:
            continue
        if word in _QUOTE_ONLY and not quoted and not spec[0].isdigit():
            continue
        if not quoted and len(spec) > 16:
            continue
        if text[begin - 1 : begin] == "《":
            continue  # a cited title, handled by _by_title
        out.append(Candidate(PROGRAM, name, begin, end, "Program", "programs.suffix", 0.7))
    return out


def _by_quotes(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    for match in _QUOTED.finditer(text, s_start, s_end):
        content = match.group(1).strip()
        if _COUNTED.match(content) or any(ch in content for ch in ",,;;。!?"):
            continue
        pieces = content.split("、") if "、" in content else [content]
        if len(pieces) > 1 and not all(p.endswith(QUOTE_SUFFIXES) for p in pieces):
            continue
        after = text[match.end() : match.end() + 4]
        before = text[max(s_start, match.start() - 4) : match.start()]
        if after[:1] and any(after.startswith(s) for s in SUFFIXES):
            continue  # “3366”工程: the suffix rule reads the whole name
        signalled = (
            content.endswith(QUOTE_SUFFIXES)
            or _NEXT_WORD.match(after)
            or _PREV_VERB.search(before)
            or re.search(r"第[^,,]{1,3}届$", before)
        )
        if not signalled or len(content) > 24 or len(content) < 3 and not content.isdigit():
            continue
        offset = match.start(1)
        for piece in pieces:
            index = content.index(piece)
            start = offset + index
            name = piece.strip()
            out.append(
                Candidate(
                    PROGRAM, name, start, start + len(piece), "Program", "programs.quoted", 0.75
                )
            )
    return out


def _by_gloss(text: str, s_start: int, s_end: int) -> list[Candidate]:
    out = []
    for match in _GLOSS.finditer(text, s_start, s_end):
        gloss = match.group(2)
        family = concept_for(gloss)
        if family is None:
            continue
        begin = extend_left(text, match.end(1), s_start, min_specific=2, max_len=12)
        name = text[begin : match.end(1)]
        if len(name) < 2:
            continue
        attrs = (("gloss", family.iri),)
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
            Candidate(
                PROGRAM, clean_name(match.group(2)), start, end, "Program", "programs.titled", 0.7
            )
        )
    return out
