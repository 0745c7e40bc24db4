"""Split a document body into its numbered sections, or an interview into turns.

Numbering styles and their levels (GB/T 9704-2012 7.3.3: 一、 (一) 1. (1)):
  1 一、   2 (一) / （一）   3 1. 1、 1．   4 (1) / （1）

A numbered line starts a section only when its number fits the running sequence: the first
number of a level is 1 (一), a sibling continues its level by one, and a sequence may restart at
1 (an attachment, 附件, numbers afresh). Anything else — '3.' in the middle of a list, a year such
as '2019.' (four digits never match), '二是' — is plain text. Items numbered 1. may continue
across their parents, as work plans number their 24 tasks through all chapters. A heading that
stands on its own short line may skip up to two numbers, since sources mis-number (1. 1. 3.).

An interview is a sequence of lines that end in a 'YYYY-MM-DD HH:MM:SS' timestamp; each line is
a turn. The rule for its kind, in order:
  answer   — it greets or thanks the host or a netizen (主持人好, 谢谢主持人, 这位网友 …);
  question — it ends with ? or requests (请问, 请再介绍, 能否 …), or it is the host speaking
             (欢迎网友, 下面开始, 访谈到此, 嘉宾 …);
  answer   — it follows a question (a guest answers what was asked);
  question — it asks (吗, 哪些, 什么, 如何, 是否, 不知) in a short turn;
  answer   — otherwise.
A turn's speaker is named only where the turn says so ('我是何海平' in a greeting).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from loaders.documents import Section, Span
from loaders.normalise import normalise_text

_CN = "一二三四五六七八九十"
_NUMBERED = re.compile(
    rf"^[ \t]*(?:(?P<l1>[{_CN}]{{1,3}})、|\((?P<l2>[{_CN}]{{1,3}})\)|(?P<l3>\d{{1,2}})[.、](?!\d)"
    rf"|\((?P<l4>\d{{1,2}})\))[ \t]*",
    re.MULTILINE,
)
_TURN = re.compile(
    r"^[ \t]*(?P<body>\S[^\n]*?)[ \t]*(?P<ts>(?P<d>\d{4}-\d{2}-\d{2})\s+(?P<t>\d{1,2}:\d{2}(?::\d{2})?))[ \t]*$",
    re.MULTILINE,
)
# The timestamp every turn ends with (_TURN's ts group): a cheap test before _TURN itself.
# \d\d{3}, not \d{4}: a pattern that opens with one character class lets the engine skip to it.
_TURN_TIME = re.compile(r"\d\d{3}-\d{2}-\d{2}\s+\d{1,2}:\d{2}")
_ANSWER_OPENING = re.compile(
    r"^(?:主持人(?:好|您好|你好)|谢谢主持人|感谢主持人|这位网友|网友(?:你|您)好|谢谢(?:这位)?网友)"
)
_REQUEST = re.compile(r"[??]\s*$|请问|请再|请谈|请介绍|介绍一下|能否|能不能")
_ASKS = re.compile(r"吗|哪些|什么|如何|怎样|怎么|是否|不知")
_HOST = re.compile(
    r"欢迎(?:广大|各位)?网友|下面开始|访谈(?:就要|到此)|本期(?:在线)?访谈|嘉宾|大家好!这里是|各位网友,有"
)
_SPEAKER = re.compile(r"我是(?P<name>[\u4e00-\u9fff]{2,3})(?=[,,。!!;;、 ]|$)")
_MIN_TURNS = 3


def chinese_number(text: str) -> int:
    """Return the value of a section number written in Chinese (一 … 九十九).

    >>> chinese_number("十二"), chinese_number("二十"), chinese_number("七")
    (12, 20, 7)
    """
    digits = {c: i + 1 for i, c in enumerate(_CN[:9])}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


@dataclass
class _Open:
    level: int
    number: str
    value: int
    heading: str
    start: int
    children: list[Section]
    path: str


def _heading(norm: str, start: int, line_end: int) -> str:
    stop = norm.find("。", start, line_end)
    return norm[start : stop if stop >= 0 else line_end].strip()


def _candidates(norm: str, body: tuple[Span, ...]) -> list[tuple[int, int, int, str, str, bool]]:
    """Return (start, level, value, number, heading, standalone) for each numbered line.

    `standalone` is True when the heading is the whole line and short (a heading on its own line).
    """
    out = []
    for span in body:
        for match in _NUMBERED.finditer(norm, span.start, span.end):
            level = next(i for i in (1, 2, 3, 4) if match.group(f"l{i}"))
            raw = match.group(f"l{level}")
            value = int(raw) if level in (3, 4) else chinese_number(raw)
            line_end = norm.find("\n", match.end(), span.end)
            line_end = span.end if line_end < 0 else line_end
            number = norm[match.start() : match.end()].strip()
            heading = _heading(norm, match.end(), line_end)
            if heading:
                start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
                rest = norm[match.end() : line_end].strip()
                standalone = rest == heading and len(heading) <= 30
                out.append((start, level, value, number, heading, standalone))
    return out


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end


def split_sections(
    text: str, body: tuple[Span, ...], norm: str | None = None
) -> tuple[Section, ...]:
    """Return the section tree of a document body, or its turns when it is an interview.

    Args:
        text: the document text.
        body: the body spans (boilerplate left out); numbering outside them is ignored.
        norm: the normalised text (computed when not given); headings are read from it, so a
            traditional-character document gives the same (simplified) headings.

    Returns:
        Top-level sections in order, each with nested children.

    >>> text = "一、总则\\n(一)目标。内容\\n1.聚焦幼儿教育。深入学习\\n2.二是\\n二、措施"
    >>> [(s.path, s.heading) for top in split_sections(text, (Span(0, len(text)),)) for s in top.walk()]
    [('1', '总则'), ('1.1', '目标'), ('1.1.1', '聚焦幼儿教育'), ('1.1.2', '二是'), ('2', '措施')]
    """
    norm = normalise_text(text) if norm is None else norm
    turns = split_turns(text, body, norm)
    if turns:
        return turns
    stack: list[_Open] = []
    last_value = {1: 0, 2: 0, 3: 0, 4: 0}
    roots: list[Section] = []

    def close(until_level: int, at: int) -> None:
        while stack and stack[-1].level >= until_level:
            item = stack.pop()
            parent_children = stack[-1].children if stack else roots
            section = Section(
                path=item.path,
                number=item.number,
                level=item.level,
                heading=item.heading,
                start=item.start,
                end=_trim_end(text, item.start, at),
                children=tuple(item.children),
            )
            parent_children.append(section)

    region_end = body[-1].end if body else 0
    for start, level, value, number, heading, standalone in _candidates(norm, body):
        # A standalone heading may skip a number or two: sources mis-number lists (1. 1. 3.).
        step = value - last_value[level]
        fits = value == 1 or step == 1 or (standalone and 1 < step <= 3)
        if not fits:
            continue
        close(level, start)
        last_value[level] = value
        # Its earlier siblings are closed (they stood above its parent on the stack), so its
        # place among them, hence its path, is known now.
        parent = stack[-1] if stack else None
        siblings = parent.children if parent else roots
        path = f"{parent.path}.{len(siblings) + 1}" if parent else str(len(roots) + 1)
        stack.append(_Open(level, number, value, heading, start, [], path))
    close(1, region_end)
    return tuple(roots)


def iso_timestamp(date: str, time: str) -> str | None:
    """Return 'YYYY-MM-DDTHH:MM:SS' from a date and an 'H:MM[:SS]' time, or None when they
    name no real moment (2019-13-45, 25:99): that is no turn's timestamp, nor an xsd:dateTime.

    >>> iso_timestamp("2019-10-31", "9:05"), iso_timestamp("2019-02-30", "9:05")
    ('2019-10-31T09:05:00', None)
    """
    parts = [int(p) for p in time.split(":")] + [0]
    try:
        moment = datetime.datetime.fromisoformat(date).replace(
            hour=parts[0], minute=parts[1], second=parts[2]
        )
    except ValueError:
        return None
    return moment.isoformat()


def turn_kind(utterance: str, previous: str | None = None) -> str:
    """Return 'question' or 'answer' for one interview turn (rule in the module docstring).

    Args:
        utterance: the turn's text without its timestamp.
        previous: the kind of the turn before, if any.

    >>> turn_kind("主持人好!各位网友,大家好!我是何海平。")
    'answer'
    >>> turn_kind("钟楼区教育发展的总体规划是什么,各校是否有自己的规划?")
    'question'
    >>> turn_kind("总体来说这一年城乡教育联盟发展特色彰显。", "question")
    'answer'
    """
    if _ANSWER_OPENING.match(utterance):
        return "answer"
    if _REQUEST.search(utterance) or _HOST.search(utterance):
        return "question"
    if previous == "question":
        return "answer"
    if _ASKS.search(utterance) and len(utterance) <= 120:
        return "question"
    return "answer"


def split_turns(text: str, body: tuple[Span, ...], norm: str | None = None) -> tuple[Section, ...]:
    """Return the turns of an interview transcript, or () when the body is not one.

    Args:
        text: the document text.
        body: the body spans.
        norm: the normalised text (computed when not given).

    Returns:
        One Section per timestamped line, paths 't1', 't2' …
    """
    norm = normalise_text(text) if norm is None else norm
    if not any(_TURN_TIME.search(norm, span.start, span.end) for span in body):
        return ()  # every turn ends in a timestamp; most documents have none
    matches = [
        m
        for span in body
        for m in _TURN.finditer(norm, span.start, span.end)
        if iso_timestamp(m["d"], m["t"])
    ]
    if len(matches) < _MIN_TURNS:
        return ()
    turns: list[Section] = []
    for i, match in enumerate(matches, start=1):
        utterance = match["body"]
        kind = turn_kind(utterance, turns[-1].kind if turns else None)
        speaker = _SPEAKER.search(utterance)
        turns.append(
            Section(
                path=f"t{i}",
                number="",
                level=1,
                heading="",
                start=match.start("body"),
                end=match.end("ts"),
                kind=kind,
                timestamp=iso_timestamp(match["d"], match["t"]),
                speaker=speaker["name"] if speaker else None,
            )
        )
    return tuple(turns)
