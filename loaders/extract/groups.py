"""Education groups (教育集团) and alliances (教育联盟, 名校联盟, 学区), with members and leads.

A group is found by its suffix and a specific name before it, as schools are. A bare 集团 or
联盟 is an education group only when its name says education (教, 学, 校, 园, 幼, 师, 育):
瑞海集团 is a company, 健身指导联盟 an organisation (returned as such).
Membership and leadership come from the sentence: 'A、B、C组建/加入/成立…教育集团',
'以A为龙头/核心校', 'A牵头/领衔', and from compound names (X教育集团Y小学, 实小集团Z校区).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick

from loaders.extract import lexicon
from loaders.extract.boundaries import LED_GROUP
from loaders.extract.gazetteer import after_places, load_gazetteer
from loaders.extract.model import GROUP, ORG, Candidate
from loaders.extract.names import extend_left, strip_leading_noise
from loaders.extract.people import after_titled_person
from loaders.extract.schools import EDITIONS, GENERIC, POLICY_WORDS, is_specific, led_group_start
from loaders.extract.schools import SUFFIXES as SCHOOL_SUFFIXES
from loaders.extract.sentences import spans_with_hits, word_hits

# Words after which a group name begins: 托X联盟 (relies on), 以集团名义, 指/除/今后/又一 …,
# a school year (2024学年), 原 (formerly) and 等 (the end of a list before a generic head).
LEFT_BREAKS = re.compile(r"[0-9]{4}学年|" + lexicon.alternation("group_left_breaks"))
_QUOTED_BEFORE = re.compile(r"[“\"][\u4e00-\u9fff]{2,8}[”\"](?:[\u4e00-\u9fff]{0,4})$")
_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十]+")
# Generic group heads: 示范性学区, 集团 alone, counts (两大教育集团).
_GENERIC_GROUP = re.compile(
    lexicon.alternation("group_generic_words") + r"|[0-9一二三四五六七八九十两几多]+大|" + EDITIONS
)

# A numbered school's short form (县一中, 实验二小, 城南三幼), the lead school a group is named after.
_NUMBERED_SCHOOL = re.compile(
    r"(?:[市县区]|[\u4e00-\u9fff]{2,4})[一二三四五六七八九十]{1,2}[中小幼]"
)

# The heads a group name ends with (lexicon/group_heads.tsv).
SUFFIXES = lexicon.words("group_heads")
# The heads that name a school district (lexicon/district_heads.tsv), with its ekg class.
_DISTRICT_HEADS = lexicon.classes("district_heads")


def group_class(name: str) -> str:
    """Return the ekg class of a group's entity: a school district (某某学区) is grouped as a
    group is, but is no education group (ANNOTATION.md names 教育集团, 联盟, 共同体 and 教共体).

    >>> group_class("青禾路小学学区"), group_class("青禾小学教育集团")
    ('SchoolDistrict', 'EducationGroup')
    """
    return next(
        (cls for head, cls in _DISTRICT_HEADS.items() if name.endswith(head)), "EducationGroup"
    )


# After a group head, these mean the word is not a group (集团化, 集团内部, 集团办学).
_NOT_AFTER = re.compile(lexicon.guarded_alternation("group_not_after"))
# A bare 集团, 联盟 or 共同体 is an education group when its name holds one of these.
_EDUCATIONAL = re.compile(lexicon.alternation("educational_markers"))


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in SUFFIXES:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=16384)  # pure, and names recur from document to document
def _specific(name: str, suffix: str) -> bool:
    gaz = load_gazetteer()
    body = name[: len(name) - len(suffix)]
    if _NUMBERED_SCHOOL.fullmatch(body):
        return True  # 青田六中教育集团: named after its lead school's shorthand, place and all
    _, body = after_places(gaz, body, roads=True)  # 静宁路教育集团: a road's, not 静宁县's
    if _NUMBERED_SCHOOL.fullmatch(body):
        return True  # 县一中教育集团: named after its lead school's short form
    if body in SCHOOL_SUFFIXES:
        # 小学教育集团: groups of primary schools; but 某某小学教联体, named after a school whose
        # name is a place's (青田小学), is named as that school is.
        head = name[: len(name) - len(suffix)]
        return head != body and is_specific(head, len(body))
    if body.endswith(tuple(SCHOOL_SUFFIXES)):
        # A group named after its lead school (实验小学校教育集团): the school must be specific,
        # and then its name may hold any word (某区教师进修学院附属小学教育集团: 教师 names no
        # teachers' alliance there).
        for school_suffix in sorted(SCHOOL_SUFFIXES, key=len, reverse=True):
            head = name[: len(name) - len(suffix)]
            if head.endswith(school_suffix) and is_specific(head, len(school_suffix)):
                return True
    if POLICY_WORDS.search(body) or _GENERIC_GROUP.search(body):
        return False
    # The stage of education a head's 教育 completes (基础|教育集团, 城乡义务|教育集团) and the
    # schools it groups (中小学|教育集团) are kinds.
    stage = body + "教育" if suffix.startswith("教育") else body
    rest = GENERIC.sub(
        "", re.sub(r"(?:基础|义务)教育$|中小学|教育|幼教|名校|教学|学校|幼儿", "", stage)
    )
    return bool(rest) and len(body) >= 2


def _trim_left(name: str, suffix: str) -> int:
    """Return how many leading characters precede the group's own name.

    >>> _trim_left("托苏州市思政课一体化教育联盟", "教育联盟"), _trim_left("又一教育集团", "教育集团")
    (1, 2)
    """
    head_end = len(name) - len(suffix)
    breaks = list(LEFT_BREAKS.finditer(name, 0, head_end))
    for match in reversed(breaks):
        if _specific(name[match.end() :], suffix):
            return match.end()
    if not breaks:
        return 0
    return breaks[-1].end()  # nothing specific after the break: the name is generic


def find_groups(
    text: str,
    spans,  # noqa: ANN001
    areas: Sequence[Candidate] = (),
) -> list[Candidate]:
    """Return group (and non-educational alliance → organisation) candidates in the spans.

    `areas` are the areas found in the text: those written just before a quoted name belong to
    the group's name (某某区“青枫”教联体), as they do before an unquoted one.
    """
    area_starts = {a.end: a.start for a in areas}
    found: list[Candidate] = []
    for s_start, _s_end, hits in spans_with_hits(word_hits(_automaton(), text), spans):
        best: dict[int, tuple[int, int, str]] = {}
        for hit in hits:
            if hit[1] not in best or hit[0] < best[hit[1]][0]:
                best[hit[1]] = hit
        for start, end, word in sorted(best.values()):
            if word == "集团" and text.startswith(LED_GROUP, start - 1):
                led = led_group_start(text, end + 1, s_start)
                if led is not None:  # 某某中学(集团): the group its school leads
                    found.append(
                        Candidate(
                            GROUP, text[led : end + 1], led, end + 1, "EducationGroup", "groups.led"
                        )
                    )
                continue
            if _NOT_AFTER.match(text, end):
                continue
            begin = extend_left(text, start, s_start, min_specific=2, max_len=24)
            quoted = _QUOTED_BEFORE.search(text, max(s_start, begin - 12), begin)
            if quoted and quoted.end() == begin:
                begin = quoted.start()  # “白桦林”社区教育集团: the quoted word is the name
                while area_starts.get(begin, -1) >= s_start:
                    begin = area_starts[begin]  # 某某区 + “白桦林”教联体
            begin = after_titled_person(text, begin, start)  # 校长陈某为|教育集团
            name, cut = strip_leading_noise(text[begin:end])
            begin += cut
            cut = _trim_left(name, word)
            name, begin = name[cut:], begin + cut
            if not _specific(name, word):
                continue
            educational = word not in ("集团", "联盟", "共同体") or _EDUCATIONAL.search(
                name[: -len(word)]
            )
            if educational:
                found.append(
                    Candidate(GROUP, name, begin, end, "EducationGroup", "groups.suffix", 0.8)
                )
            elif word == "联盟" and not _ORDINAL.fullmatch(name, 0, len(name) - len(word)):
                # (第一联盟: a rank in a list of alliances, not a name)
                found.append(Candidate(ORG, name, begin, end, "Organization", "groups.alliance"))
    return found
