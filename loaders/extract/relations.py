"""Relations between the entities of one document, each with the mention that evidences it.

Rules (method names are recorded with each relation):
- relations.campus_prefix: a Campus whose name begins with a school's name is campusOf it
  (城东小学春晖校区 → 城东小学);
- relations.group_prefix: a school written after a group's name is memberOf it
  (实小集团平冈校区, X教育集团Y中学);
- relations.member_list: a run of schools (A、B和C) in one sentence is memberOf a group when a
  membership word joins them: after the group (G成员校包括A、B; G下设A、B; G辖2所学校,为A、B;
  G…成员单位为——A、B) or before it (A、B组建/组成/加入G; 将A、B划入G);
- relations.heading_list: schools written one per line (●A, 1、A) under a line that is only a
  group's name (or 附:G成员学校名单) are memberOf it, until the next such heading or a long line;
- relations.lead_phrase: 以A为龙头/核心/牵头, A为核心校, A牵头/领衔 → A leads the group (or,
  without a group, the programme) of the sentence; a leading school is not also listed as member;
- relations.participation: A入选/获评/成为/被评为 X, A、B等N所学校参与/承担/试点 X, and
  X试点校(名单):A、B → the schools or groups participatesIn the programme X;
- relations.located_phrase: A位于/地处 <area>, 位于 <area> 的 A, 位于 <area> N所:A、B →
  A locatedIn the area (only where the text says so, devextra SOURCES.md);
- relations.area_compound: an area written right after another (X区Y镇, X区Y街道) is partOf it;
- relations.person_body: a person is affiliatedWith the organisation or school written right
  before their role or name (钟楼区人民政府副区长何海平, 花园小学的王明老师);
- relations.gloss_family: a programme glossed with a family (头雁振翅(名校长)) is partOf the
  document's programme of the broader family (三名工程);
- relations.body_area: a body is locatedIn the area its name resolves to, when that area is an
  entity of the document (钟楼区教育局 → 钟楼区).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.extract.concepts import load_concepts
from loaders.extract.model import (
    AREA,
    GROUP,
    ORG,
    PERSON,
    PROGRAM,
    SCHOOL,
    Entity,
    Mention,
    Relation,
)

_LEAD = re.compile(
    r"以(?P<a>[^,,。;;]{2,30}?)为(?:龙头|核心|牵头|领衔|引领)"
    r"|(?P<c>[^,,。;;、]{2,30}?)(?:作为|为)(?:龙头|核心|牵头|领衔)(?:校|学校)"
    r"|(?P<b>[^,,。;;、]{2,30}?)(?:牵头|领衔)"
)
# Between two schools of one list: 、 和 及 与 , or a note in parentheses (暂定名, 在建).
_LIST_GAP = re.compile(r"\s*(?:[、,,和及与]|以及)?\s*")
_NOTE = re.compile(r"[((][^()()]{0,10}[))]|[()()]")
# Membership words after a group and before its member list (G成员校包括 A、B).
_MEMBERS_AFTER = re.compile(
    r"成员|包括|包含|下设|下辖|辖|下属|旗下|涵盖|囊括|含|分别是|分别为|加盟校|[::]|——"
)
# Membership verbs after a member list and before its group (A、B组建 G).
_MEMBERS_BEFORE = re.compile(r"组建|组成|成立|加入|划入|纳入|并入|结成|加盟")
_CLAUSE_END = re.compile(r"[。;;!!?？]")
_COMMA = re.compile(r"[,,。;;]")
# A list item line: a bullet or number, the name, an optional note in parentheses.
_ITEM_PREFIX = re.compile(
    r"\s*(?:[●·•○◆■▪\-*]|[0-9]{1,2}[、.．)]|[((][0-9一二三四五六七八九十]{1,2}[))]|"
    r"[一二三四五六七八九十]{1,2}、)?\s*"
)
_ITEM_SUFFIX = re.compile(r"\s*(?:[((][^()()]{0,12}[))])?\s*[;；,,。]?\s*")
_HEADING = re.compile(r"\s*(?:附[::])?\s*")
_HEADING_SUFFIX = re.compile(r"\s*(?:(?:主要)?成员(?:学校|校|单位)?)?(?:名单)?[::]?\s*")
_MAX_GAP_LINE = 20  # a longer line between list items ends the list
_PARTICIPATE_AFTER = re.compile(
    r"(?:入选|获评|荣获|成为|被评为|被确定为|被认定为|被列为|列入|纳入|获批)"
    r"[^,,。;;]{0,6}$"
)
_PARTICIPATE_BEFORE = re.compile(
    r"^(?:等[0-9一二三四五六七八九十两]+所(?:学校|幼儿园)?)?"
    r"(?:参与|承担|试点|参加|开展|实施|加入|入选|获评|成为|被评为|被确定为|列入)"
)
_PILOT_LIST = re.compile(
    r"^(?:的)?(?:试点|实验|项目|基地|示范)(?:校|学校|园|单位)(?:名单)?(?:为|有|是|包括)?[::]"
)
_LOCATED = re.compile(r"位于|地处|坐落于|坐落在")
_LOCATED_LIST = re.compile(r"^(?:的)?\s*(?:[0-9一二三四五六七八九十两]+所)?\s*[::]?\s*$")
_TOWN = re.compile(r"(?:镇|乡|街道)$")
_ROLE_GAP = re.compile(r"(?:的)?")


def _rel(subject: str, predicate: str, obj: str, ev: Mention, method: str) -> Relation:
    return Relation(subject, predicate, obj, ev, method)


def _names(e: Entity) -> list[str]:
    return sorted({e.label, *e.alt_labels}, key=lambda s: (-len(s), s))


def find_relations(entities: list[Entity], mentions: list[Mention], text: str) -> list[Relation]:
    """Return the relations the rules above find, sorted and without duplicates."""
    index = {e.key: e for e in entities}
    mentions = [m for m in mentions if m.entity in index]
    by_entity: dict[str, list[Mention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    out: set[Relation] = set()
    out |= _prefix_relations(entities, by_entity)
    by_quote: dict[str, list[Mention]] = {}
    for m in mentions:
        by_quote.setdefault(m.quote, []).append(m)
    for _, ms in sorted(by_quote.items()):
        ms = sorted(ms, key=lambda m: (m.start, -m.end))
        kinds = {m.entity: index[m.entity].kind for m in ms}
        leaders = _leads(ms, kinds, text, out)
        _member_lists(ms, kinds, text, leaders, out)
        _participation(ms, kinds, text, out)
        _located(ms, kinds, text, out)
    _heading_lists(mentions, index, text, out)
    _area_compounds(mentions, index, text, out)
    _person_bodies(entities, mentions, index, text, out)
    _families(entities, by_entity, out)
    for org in entities:
        area = org.attr("area")
        if org.kind == ORG and area and by_entity.get(org.key) and f"{AREA}:{area}" in index:
            out.add(
                _rel(org.key, "locatedIn", f"{AREA}:{area}", by_entity[org.key][0], "relations.body_area")
            )
    return sorted(out, key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start))


def _prefix_relations(entities: list[Entity], by_entity: dict[str, list[Mention]]) -> set[Relation]:
    out: set[Relation] = set()
    schools = [e for e in entities if e.kind == SCHOOL]
    groups = [e for e in entities if e.kind == GROUP]
    for campus in schools:
        if not by_entity.get(campus.key):
            continue
        ev = by_entity[campus.key][0]
        for form in _names(campus):
            for parent in schools:
                if parent is campus or campus.cls != "Campus":
                    continue
                if any(form.startswith(p) and len(form) > len(p) for p in _names(parent)):
                    out.add(_rel(campus.key, "campusOf", parent.key, ev, "relations.campus_prefix"))
            for group in groups:
                if any(form.startswith(g) and len(form) > len(g) for g in _names(group)):
                    out.add(_rel(campus.key, "memberOf", group.key, ev, "relations.group_prefix"))
    return out


def _runs(ms: list[Mention], kinds: dict[str, str], text: str, allowed: Iterable[str]) -> list[list[Mention]]:
    """Return runs of mentions of the `allowed` kinds joined only by list punctuation."""
    allowed = set(allowed)
    runs: list[list[Mention]] = []
    current: list[Mention] = []
    for m in ms:
        if kinds[m.entity] not in allowed:
            continue
        if any(o.start <= m.start and m.end <= o.end and o is not m for o in ms if kinds[o.entity] != AREA):
            continue  # inside a longer name (a school in its group's name)
        if current:
            gap = _NOTE.sub("", text[current[-1].end : m.start]) if m.start >= current[-1].end else None
            if gap is not None and _LIST_GAP.fullmatch(gap):
                current.append(m)
                continue
            runs.append(current)
        current = [m]
    if current:
        runs.append(current)
    return runs


def _outside(ms: list[Mention], kinds: dict[str, str], kind: str) -> list[Mention]:
    return [m for m in ms if kinds[m.entity] == kind]


def _member_lists(
    ms: list[Mention], kinds: dict[str, str], text: str, leaders: set[str], out: set[Relation]
) -> None:
    groups = _outside(ms, kinds, GROUP)
    if not groups:
        return
    for run in _runs(ms, kinds, text, (SCHOOL,)):
        first, last = run[0], run[-1]
        before = [g for g in groups if g.end <= first.start]
        after = [g for g in groups if g.start >= last.end]
        target = None
        if before:
            g = before[-1]
            between = text[g.end : first.start]
            if len(between) <= 40 and not _CLAUSE_END.search(between) and _MEMBERS_AFTER.search(between):
                target = g
        if target is None and after:
            g = after[0]
            between = text[last.end : g.start]
            if len(between) <= 15 and not _COMMA.search(between) and _MEMBERS_BEFORE.search(between):
                target = g
        if target is None:
            continue
        for m in run:
            if m.entity != target.entity and m.entity not in leaders:
                out.add(_rel(m.entity, "memberOf", target.entity, m, "relations.member_list"))


def _leads(ms: list[Mention], kinds: dict[str, str], text: str, out: set[Relation]) -> set[str]:
    quote = ms[0].quote
    offset = _quote_start(ms[0])
    found: set[str] = set()
    for match in _LEAD.finditer(quote):
        name = next(n for n in ("a", "c", "b") if match.group(n))
        lo, hi = offset + match.start(name), offset + match.end(name)
        leaders = [m for m in ms if kinds[m.entity] in (SCHOOL, GROUP) and lo <= m.start and m.end <= hi]
        if not leaders:
            continue
        leader = leaders[-1]
        others = [m for m in ms if not (lo <= m.start and m.end <= hi)]
        led = [m for m in others if kinds[m.entity] == GROUP] or [
            m for m in others if kinds[m.entity] == PROGRAM
        ]
        if not led:
            continue
        target = min(led, key=lambda m: abs(m.start - leader.start))
        if target.entity != leader.entity:
            out.add(_rel(leader.entity, "leads", target.entity, leader, "relations.lead_phrase"))
            found.add(leader.entity)
    return found


def _quote_start(m: Mention) -> int:
    """Return the offset of the mention's sentence (quote) in the document text."""
    return m.start - m.quote.find(m.quote[0:0]) if False else _locate(m)


def _locate(m: Mention) -> int:
    # The mention lies inside its quote; the quote's start is the mention's start minus the
    # mention's position in the quote (the first occurrence at or before it that fits).
    surface_len = m.end - m.start
    best = 0
    pos = -1
    while True:
        pos = m.quote.find("", pos + 1)
        if pos < 0 or pos > len(m.quote) - surface_len:
            break
        best = pos
        break
    return m.start - best
