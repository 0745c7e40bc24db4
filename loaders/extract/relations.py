"""Relations between the entities of one document, each with the mention that evidences it.

Rules (method names are recorded with each relation):
- relations.campus_prefix: a Campus whose name begins with a school's name is campusOf it
  (青松小学松涛校区 → 青松小学);
- relations.group_prefix: a school written after a group's name is memberOf it
  (实小集团白鹭校区, X教育集团Y中学);
- relations.member_list: a run of schools (A、B和C) in one sentence is memberOf a group when a
  membership word joins them: after the group (G成员校包括A、B; G下设A、B; G辖2所学校,为A、B;
  G…成员单位为——A、B) or before it (A、B组建/组成/加入G; 将A、B划入G);
- relations.heading_list: schools written one per line (●A, 1、A) under a line that is only a
  group's name (or 附:G成员学校名单) are memberOf it, until the next such heading or a long line;
- relations.lead_phrase: 以A为龙头/核心/牵头, A为核心校, A牵头/领衔 → A leads the group (or,
  without a group, the programme) of the sentence; a school that leads a group is a member of it
  too (ANNOTATION.md: memberOf includes lead schools when the text gives their role);
- relations.joined: A……,并加入G (a later clause of A's sentence, A the only school there) and A……。该校加入G
  (the next sentence, its subject a demonstrative) → A memberOf G;
- relations.table_row: the rows of a table whose header names the group's column and a lead or
  member column (集团名称 | 牵头学校 | 成员学校; cells tab-separated, as HTML tables are read):
  a row's lead school leads and is memberOf its group, its member schools are memberOf it;
- relations.participation: A入选/获评/成为/被评为 X, A、B等N所学校参与/承担/试点 X, and
  X试点校(名单):A、B → the schools or groups participatesIn the programme X;
- relations.located_phrase: A位于/地处 <area>, 位于 <area> 的 A, 位于 <area> N所:A、B →
  A locatedIn the area (only where the text says so, devextra SOURCES.md);
- relations.area_compound: an area written right after another (X区Y镇, X区Y街道) is partOf it;
- relations.person_body: a person is affiliatedWith the organisation or school written right
  before their role or name (钟楼区人民政府副区长何海平, 白桦小学的王明老师);
- relations.gloss_family: a programme glossed with a family (头雁振翅(名校长)) is partOf the
  document's programme of the broader family (三名工程);
- relations.heading_part: an undertaking (…工程/项目/行动/计划) named by a numbered section's
  heading (2.X项目。, (三)深入实施X工程) has as parts the other programmes its section names (the innermost such
  heading; a list rule below takes precedence);
- relations.list_part: X包括/包含/涵盖/分为: A;B;C, X: A、B (实施“X工程”:A…B…) and X的A、B两个子项目 → A, B partOf X (the
  list runs to the end of the sentence, across ;);
- relations.topic_part: a sentence that opens with programme P (P研究项目,…) and enumerates
  programmes with a count (开展A、B、C等3次活动) → A, B, C partOf P;
  none of these takes a higher level's programme (市“X”工程, 省…项目《X》), a sentence's frame
  (以X为抓手) or a named body's own (区委“X”活动) as a part;
- relations.body_area: a body is locatedIn the area its name resolves to, when that area is an
  entity of the document (钟楼区教育局 → 钟楼区).

A membership any rule finds of a school district (某某学区, ekg:SchoolDistrict) is written
inDistrict: memberOf links a school to an education group only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache

from loaders.extract.boundaries import head_of
from loaders.extract.concepts import load_concepts
from loaders.extract.gazetteer import after_places, load_gazetteer
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
from loaders.extract.schools import GROUP_WORDS

_LEAD = re.compile(
    r"以(?P<a>[^,,。;;]{2,30}?)为(?:龙头|核心|牵头|领衔|引领)"
    r"|(?P<c>[^,,。;;、]{2,30}?)(?:作为|为)(?:龙头|核心|牵头|领衔)(?:校|学校)"
    r"|(?P<b>[^,,。;;、]{2,30}?)(?:牵头|领衔)"
)
# Between two schools of one list: 、 和 及 与 , or a note in parentheses (暂定名, 在建).
_LIST_GAP = re.compile(r"\s*(?:[、,,和及与]|以及)?\s*")
_NOTE = re.compile(r"[((][^()()]{0,10}[))]|[()()]")
# Membership words after a group and before its member list (G成员校包括 A、B), and the
# roles its schools are listed by (G,牵头学校A,合作学校B).
_MEMBERS_AFTER = re.compile(
    r"成员|包括|包含|下设|下辖|辖|下属|旗下|涵盖|囊括|含|分别是|分别为|加盟校|[::]|——"
    r"|(?:牵头|核心|领衔|龙头|合作|协作|加盟)学?校"
)
_MEMBERS_REACH = 160  # characters from a group to its member list, within one clause
# Membership verbs after a member list and before its group (A、B组建 G).
_MEMBERS_BEFORE = re.compile(r"组建|组成|成立|加入|划入|纳入|并入|结成|加盟")
_CLAUSE_END = re.compile(r"[。;;!!?？]")
# A verb of composition after a member list (G由A、B组成).
_MADE_OF_AFTER = re.compile(
    r"\s*(?:等)?(?:\s*[0-9一二两三四五六七八九十]+\s*[所个家][^,,。;;、]{0,4}?[、和及]?)*\s*"
    r"(?:共同)?(?:组成|构成|组建)"
)
# A member list labelled as such: A、B为成员校, A、B等三所成员学校, A、B作为集团成员单位.
_MEMBER_LABEL = re.compile(
    r"\s*(?:等)?\s*(?:[0-9一二两三四五六七八九十]+\s*所)?\s*(?:学校)?\s*(?:为|作为|是)?"
    r"\s*(?:集团|联盟|共同体)?(?:成员校|成员学校|成员单位)"
)
_COMMA = re.compile(r"[,,。;;]")
# A list item line: a bullet or number, the name, an optional note in parentheses.
_ITEM_PREFIX = re.compile(
    r"\s*(?:[●·•○◆■▪\-*]|[0-9]{1,2}[、.．)]|[((][0-9一二三四五六七八九十]{1,2}[))]|"
    r"[一二三四五六七八九十]{1,2}、)?\s*"
)
_ITEM_SUFFIX = re.compile(r"\s*(?:[((][^()()]{0,12}[))])?\s*[;；,,。]?\s*")
_HEADING = re.compile(
    r"\s*(?:附[::])?\s*(?:[((][0-9一二三四五六七八九十]{1,2}[))]|[一二三四五六七八九十]{1,2}、)?\s*"
)
# A row under a group's heading labelled with its schools' role (牵头学校:甲; 成员学校:乙、丙): the
# group's lead school, or its members.
_ROW_LABEL = re.compile(
    r"[ \t]*(?:(?P<lead>(?:牵头|龙头|核心|领衔)(?:学校|校))|(?:成员|联盟|集团)(?:学校|校|单位))"
    r"[ \t]*(?:[::]|有|为|包括)"
)
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
# A section heading that names a programme: number, an optional verb, the name, an end mark.
_HEAD_NUMBER = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.]|[(][一二三四五六七八九十0-9]{1,3}[)]|"
    r"[0-9]{1,2}\s*[.、])\s*"
    r"(?:(?:继续|深入|全面|积极|大力|着力|扎实|切实|持续|进一步|加快|统筹)?"
    r"(?:实施|推进|推动|开展|启动|落实|深化|打造|抓实|抓好|做好|建设|加强|完善|创建|办好))?"
    r"\s*[“‘\"]?"
)
# A heading programme with parts is a named undertaking (…工程/项目/行动), not a practice
# (深化集团化办学) whose section lists programmes of their own.
_UNDERTAKING = re.compile(r"(?:工程|项目|行动|计划|系列|专项|战略)[”’\"]?$")
_HEAD_END = re.compile(r"[”’\"]?\s*(?:[。.;!:]\s*)?")
# After a programme: the word that opens the list of its parts (X包括:A、B).
_PARTS_CUE = re.compile(r"[^。;!?]{0,12}?(?:包括|包含|涵盖|囊括|分为|下设)[:]?|[”’\"]?\s*:(?!\s*$)")
_PARTS_END = re.compile(r"[。!?\n]")
# X的A、B两个子项目: the parts named between the programme and a counted 子项目/子工程.
# A programme written as someone else's: a higher level's (市“四个一”工程, 省…项目《…》), the
# frame of a sentence (以X为…), or a named body's own (区委“X”活动) is not a local part.
_FOREIGN_BEFORE = re.compile(
    r"(?:(?:教育部|国家|全国|中央|省)[^,。;:]{0,12}|(?<![全本该各])[省市]|以)[“‘\"《]?$"
)
# The counted end of an enumeration (A、B、C等3次/项/个).
_COUNTED_END = re.compile(r"等[0-9一二三四五六七八九十两]+(?:个|项|次|大|类)")
_ENUM_VERB = re.compile(r"开展|实施|组织|举办|推进|启动")
_SUBPARTS = re.compile(
    r"^[^。;!?]{0,60}?[两二三四五六七八九十0-9]+(?:个|项)子(?:项目|工程|计划|课题)"
)


# Full-width ASCII forms (，：（） …) → ASCII, one character for one, so offsets are kept and the
# patterns above need only the ASCII forms.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FULLWIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(k): chr(v) for k, v in _FULLWIDTH.items()}
_LEAD_WORD = re.compile(r"龙头|核心|牵头|领衔|引领")


def _ascii(text: str) -> str:
    """Return `text` with full-width ASCII forms narrowed (same length, same offsets).

    >>> _ascii("成员校：甲、乙（在建）")
    '成员校:甲、乙(在建)'
    """
    # Chinese punctuation (，：（）) is full-width, so a text has hundreds of these: one
    # str.replace per distinct character beats a regex callback per occurrence.
    for char in set(_FULLWIDTH_CHAR.findall(text)):
        text = text.replace(char, _NARROW[char])
    return text


@lru_cache(maxsize=4096)
def _ascii_quote(quote: str) -> str:
    return _ascii(quote)


def _rel(subject: str, predicate: str, obj: str, ev: Mention, method: str) -> Relation:
    return Relation(subject, predicate, obj, ev, method)


def _names(e: Entity) -> list[str]:
    return sorted({e.label, *e.alt_labels}, key=lambda s: (-len(s), s))


def find_relations(entities: list[Entity], mentions: list[Mention], text: str) -> list[Relation]:
    """Return the relations the rules above find, sorted and without duplicates."""
    index = {e.key: e for e in entities}
    text = _ascii(text)
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
    _joined_later(by_quote, index, text, out)
    _table_rows(mentions, index, text, out)
    _heading_lists(mentions, index, text, out)
    _area_compounds(mentions, index, text, out)
    _person_bodies(entities, mentions, index, text, out)
    _families(entities, by_entity, out)
    _structure_parts(mentions, index, text, out)
    for org in entities:
        area = org.attr("area")
        if org.kind == ORG and area and by_entity.get(org.key) and f"{AREA}:{area}" in index:
            out.add(
                _rel(
                    org.key,
                    "locatedIn",
                    f"{AREA}:{area}",
                    by_entity[org.key][0],
                    "relations.body_area",
                )
            )
    out = {_in_district(r, index) for r in out}
    return sorted(out, key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start))


def _in_district(relation: Relation, index: Mapping[str, Entity]) -> Relation:
    """Return a school's membership of a school district (学区) as ekg:inDistrict: a district is
    grouped as a group is, but ekg:memberOf links a school to an education group only."""
    target = index.get(relation.object)
    if relation.predicate == "memberOf" and target is not None and target.cls == "SchoolDistrict":
        return replace(relation, predicate="inDistrict")
    return relation


def _prefix_relations(entities: list[Entity], by_entity: dict[str, list[Mention]]) -> set[Relation]:
    out: set[Relation] = set()
    schools = [e for e in entities if e.kind == SCHOOL]
    groups = [e for e in entities if e.kind == GROUP]
    names = {e.key: _names(e) for e in schools + groups}  # each pair of entities below reads them
    for group in groups:  # a campus is named with its group's short head too (实小集团X校区)
        names[group.key] += [
            n[: -len("教育集团")] + "集团" for n in names[group.key] if n.endswith("教育集团")
        ]
    for campus in schools:
        if not by_entity.get(campus.key):
            continue
        ev = by_entity[campus.key][0]
        parents: set[str] = set()
        for form in names[campus.key]:
            for parent in schools:
                if (
                    parent is campus
                    or campus.cls != "Campus"
                    or parent.key in parents
                    or form.endswith(_DIVISIONS)
                ):
                    continue
                if any(form.startswith(p) and len(form) > len(p) for p in names[parent.key]):
                    out.add(_rel(campus.key, "campusOf", parent.key, ev, "relations.campus_prefix"))
                    parents.add(parent.key)
            for group in groups:
                named = [g for g in names[group.key] if form.startswith(g) and len(form) > len(g)]
                if not named:
                    continue
                out.add(_rel(campus.key, "memberOf", group.key, ev, "relations.group_prefix"))
                # 某小学教育集团某校区: a group named by its lead school names its campuses
                # after it too; they are that school's campuses (ANNOTATION.md lists the school).
                for parent in schools:
                    if (
                        campus.cls == "Campus"
                        and parent.key not in parents
                        and any(_led_by(g, p) for g in named for p in names[parent.key])
                    ):
                        out.add(
                            _rel(campus.key, "campusOf", parent.key, ev, "relations.group_prefix")
                        )
                        parents.add(parent.key)
    return out


# A school's division (某学校小学部, 某中学高中部): a part of one school on its site, which
# ANNOTATION.md lists as a school but gives no campusOf (that is for campuses and branches).
_DIVISIONS = ("小学部", "初中部", "高中部", "中学部", "幼儿部")


def _led_by(group: str, school: str) -> bool:
    """Return True when `group` is `school`'s name with a group's head after it (某小学教育集团,
    某小学集团), either name written with or without the places before it.

    >>> _led_by("温州市人民路小学教育集团", "人民路小学"), _led_by("人民路小学集团", "温州市人民路小学")
    (True, True)
    >>> _led_by("青禾教育集团", "青禾小学")
    False
    """
    word = next((w for w in GROUP_WORDS if group.endswith(w)), "")
    lead = group[: len(group) - len(word)]
    return bool(word) and _without_places(lead) == _without_places(school)


def _without_places(name: str) -> str:
    """Return `name` without the area names it opens with (温州市人民路小学 → 人民路小学)."""
    _, rest = after_places(load_gazetteer(), name)
    return rest or name


def _runs(
    ms: list[Mention], kinds: dict[str, str], text: str, allowed: Iterable[str]
) -> list[list[Mention]]:
    """Return runs of mentions of the `allowed` kinds joined only by list punctuation."""
    allowed = set(allowed)
    runs: list[list[Mention]] = []
    current: list[Mention] = []
    for m in ms:
        if kinds[m.entity] not in allowed:
            continue
        if any(
            o.start <= m.start and m.end <= o.end and o is not m
            for o in ms
            if kinds[o.entity] != AREA
        ):
            continue  # inside a longer name (a school in its group's name)
        if current:
            gap = (
                _NOTE.sub("", text[current[-1].end : m.start])
                if m.start >= current[-1].end
                else None
            )
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
            # The membership word near the list (…,成员单位有:A、B): the clause may have named
            # the group's lead, or a list the run continues, in between.
            if (
                len(between) <= _MEMBERS_REACH
                and not _CLAUSE_END.search(between)
                and _MEMBERS_AFTER.search(text, max(g.end, first.start - 40), first.start)
            ):
                target = g
        if target is None and before and _made_of(text, before[-1], first, last):
            target = before[-1]
        if target is None and _MEMBER_LABEL.match(text, last.end):
            # A list labelled as members joins the sentence's nearest group, the earlier first.
            target = before[-1] if before else after[0] if after else None
        if target is None and before and _JOIN_ENDS.match(text, last.end):
            # 集团…吸收A、B两所学校加入。: the list joins the group the sentence is about.
            target = before[-1]
        if target is None and after:
            g = after[0]
            between = text[last.end : g.start]
            if (
                len(between) <= 15
                and not _COMMA.search(between)
                and _MEMBERS_BEFORE.search(between)
            ):
                target = g
        if target is None:
            continue
        for m in run:
            if m.entity != target.entity and m.entity not in leaders:
                out.add(_rel(m.entity, "memberOf", target.entity, m, "relations.member_list"))


# A member list that ends its clause by joining (A、B三所学校加入。), its group named before.
_JOIN_ENDS = re.compile(
    r"\s*(?:等)?\s*(?:[0-9一二两三四五六七八九十]+\s*所(?:学校|小学|中学|幼儿园)?)?\s*"
    r"(?:先后|相继|陆续|共同)?(?:加入|加盟)(?:进来|其中)?[,,。;;]"
)

# A verb that puts its subject into the group written right after it (纳入G, 加入了G).
_JOINS = re.compile(r"(?:纳入|加入|并入|划入|编入|加盟)(?:了|到)?$")


def _joined_later(
    by_quote: dict[str, list[Mention]], index: dict, text: str, out: set[Relation]
) -> None:
    """Add memberOf for a school that a later clause, with its subject left out or a
    demonstrative, puts into a group: X小学……,建成后纳入G (same sentence) or X小学……。该校加入G
    (the next sentence, whose subject must be a demonstrative: a subject left out there may be
    a school the sentence before names without the extractor knowing it). The school must be
    the only one named in its sentence; the next sentence must follow in the same paragraph."""
    sentences = sorted(by_quote.values(), key=lambda ms: min(m.start for m in ms))
    previous: list[Mention] = []
    for ms in sentences:
        ms = sorted(ms, key=lambda m: m.start)
        schools = _own(ms, index, SCHOOL)
        for g in (m for m in ms if index[m.entity].kind == GROUP):
            if not _JOINS.search(text[max(0, g.start - 4) : g.start]):
                continue
            before = [m for m in schools if m.end <= g.start]
            if before:
                subject = before if {m.entity for m in schools} == {before[0].entity} else []
                if subject and _COMMA.search(text[subject[-1].end : g.start]):
                    out.add(_rel(subject[0].entity, "memberOf", g.entity, g, "relations.joined"))
                continue
            earlier = _own(previous, index, SCHOOL)
            start = _sentence_start(text, ms[0].start)
            if (
                _DEMONSTRATIVE.search(text[start : g.start])
                and earlier
                and len({m.entity for m in earlier}) == 1
                and "\n" not in text[earlier[-1].end : start]
            ):
                out.add(_rel(earlier[0].entity, "memberOf", g.entity, g, "relations.joined"))
        previous = ms


# Header cells of a table listing groups: the group's column, its lead school's, its members'.
_GROUP_COLUMN = re.compile(r"集团|联盟|共同体|教共体|联合体")
_LEAD_COLUMN = re.compile(r"牵头|龙头|核心|领衔|领航")
_MEMBER_COLUMN = re.compile(r"成员")
# The schools' own column of a table that names each school's group (学校名称 | 所属教育集团).
_SCHOOL_COLUMN = re.compile(r"学校|校名|园所|幼儿园")
_MAX_HEADER_CELL = 12


def _table_rows(mentions: list[Mention], index: dict, text: str, out: set[Relation]) -> None:
    """Add memberOf (and leads) from the rows of a table whose header names a group column and
    a member or lead column (集团名称 | 牵头学校 | 成员学校): each row's schools in those columns
    belong to the row's group. Rows are lines of tab-separated cells (HTML tables are read so)."""
    if "\t" not in text:
        return
    starts = sorted(mentions, key=lambda m: m.start)
    offsets = [m.start for m in starts]
    roles: list[str] | None = None
    position = 0
    for line in text.split("\n"):
        line_start, position = position, position + len(line) + 1
        if "\t" not in line:
            roles = None  # a line that is no row ends the table
            continue
        cells = line.split("\t")
        header = _column_roles(cells)
        if header is not None:
            roles = header
            continue
        if roles is None:
            continue
        bounds, at = [], line_start
        for cell in cells:
            bounds.append((at, at + len(cell)))
            at += len(cell) + 1
        found: dict[str, list[Mention]] = {}
        for role, (a, b) in zip(roles, bounds, strict=False):
            if not role:
                continue
            low = bisect.bisect_left(offsets, a)
            for m in starts[low:]:
                if m.start >= b:
                    break
                if m.end <= b:
                    found.setdefault(role, []).append(m)
        groups = {m.entity for m in found.get("group", []) if index[m.entity].kind == GROUP}
        if len(groups) != 1:
            continue
        group = next(m for m in found["group"] if m.entity in groups)
        for role in ("lead", "member"):
            for m in found.get(role, []):
                if index[m.entity].kind != SCHOOL:
                    continue
                out.add(_rel(m.entity, "memberOf", group.entity, m, "relations.table_row"))
                if role == "lead":
                    out.add(_rel(m.entity, "leads", group.entity, m, "relations.table_row"))


def _column_role(cell: str) -> str:
    """Return a header cell's role: 牵头学校 lead, 集团成员学校 member, 集团名称 group, 学校名称
    member (of the row's group), anything else ''."""
    if _LEAD_COLUMN.search(cell):
        return "lead"
    if _MEMBER_COLUMN.search(cell):
        return "member"
    if _GROUP_COLUMN.search(cell):
        return "group"
    return "member" if _SCHOOL_COLUMN.search(cell) else ""


def _column_roles(cells: list[str]) -> list[str] | None:
    """Return each header cell's role ('group', 'lead', 'member' or ''), or None when the line
    is no header of a group table (a header's cells are short labels, one naming the group)."""
    if any(len(c.strip()) > _MAX_HEADER_CELL for c in cells):
        return None
    roles = [_column_role(c) for c in cells]
    if "group" not in roles or not ({"lead", "member"} & set(roles)):
        return None
    return roles


# A subject that points back to the school of the sentence before (该校加入G).
_DEMONSTRATIVE = re.compile(r"该校|该学校|这所学校|此校")


def _sentence_start(text: str, at: int) -> int:
    """Return where the sentence holding `at` begins (after the last 。!?; or line break)."""
    return max(text.rfind(mark, 0, at) for mark in "。!?;;\n") + 1


def _own(ms: list[Mention], index: dict, kind: str) -> list[Mention]:
    """Return the mentions of `kind` not written inside a longer name of the sentence."""
    return [
        m
        for m in ms
        if index[m.entity].kind == kind
        and not any(
            o.start <= m.start and m.end <= o.end and o is not m and index[o.entity].kind != AREA
            for o in ms
        )
    ]


def _made_of(text: str, group: Mention, first: Mention, last: Mention) -> bool:
    """Return True for G由A、B组成: the group, 由, the run, then a verb of composition."""
    between = text[group.end : first.start]
    return (
        len(between) <= 20
        and not _CLAUSE_END.search(between)
        and between.rstrip().endswith("由")
        and _MADE_OF_AFTER.match(text, last.end) is not None
    )


def _leads(ms: list[Mention], kinds: dict[str, str], text: str, out: set[Relation]) -> set[str]:
    found: set[str] = set()
    if not _LEAD_WORD.search(ms[0].quote) or not any(k in (SCHOOL, GROUP) for k in kinds.values()):
        return found
    offset = _quote_start(ms[0], text)
    quote = text[offset : offset + len(ms[0].quote)]
    runs = _runs(ms, kinds, text, (SCHOOL, GROUP))
    for match in _LEAD.finditer(quote):
        name = next(n for n in ("a", "c", "b") if match.group(n))
        lo, hi = offset + match.start(name), offset + match.end(name)
        leaders = [
            m for m in ms if kinds[m.entity] in (SCHOOL, GROUP) and lo <= m.start and m.end <= hi
        ]
        if not leaders:
            continue
        leader = leaders[-1]
        # A、B领衔: every school or group of the leader's list leads.
        run = next((r for r in runs if leader in r), [leader]) if name == "b" else [leader]
        others = [m for m in ms if not (lo <= m.start and m.end <= hi) and m not in run]
        led = [m for m in others if kinds[m.entity] == GROUP] or [
            m for m in others if kinds[m.entity] == PROGRAM
        ]
        if not led:
            continue
        # 以A、B为龙头,组建X、Y: each group to the lead school it is named after, or none.
        if len(leaders) > 1 and len([m for m in led if kinds[m.entity] == GROUP]) > 1:
            for head, group in _named_after(leaders, led, text):
                out.add(_rel(head.entity, "leads", group.entity, head, "relations.lead_phrase"))
                out.add(_rel(head.entity, "memberOf", group.entity, head, "relations.lead_phrase"))
                found.add(head.entity)
            continue
        # What the lead word introduces (A领衔的X) before anything else in the sentence.
        after = [m for m in led if offset + match.end() <= m.start]
        target = min(after or led, key=lambda m: abs(m.start - leader.start))
        for head in run:
            if target.entity != head.entity:
                out.add(_rel(head.entity, "leads", target.entity, head, "relations.lead_phrase"))
                if kinds[head.entity] == SCHOOL and kinds[target.entity] == GROUP:
                    out.add(
                        _rel(head.entity, "memberOf", target.entity, head, "relations.lead_phrase")
                    )
                found.add(head.entity)
    return found


def _named_after(
    leaders: list[Mention], groups: list[Mention], text: str
) -> list[tuple[Mention, Mention]]:
    """Return (lead school, group) pairs where the group's name, its head taken off, is how
    the school's name ends (南明区甲秀小学 → 甲秀小学教育集团).

    >>> t = "以青田县松台小学、青田县鹤城中学为龙头,组建松台小学教育集团、鹤城中学教育集团"
    >>> m = lambda s: Mention("e" + s, None, t.index(s), t.index(s) + len(s), t, "t", 1.0)
    >>> [(a.entity, b.entity) for a, b in _named_after(
    ...     [m("青田县松台小学"), m("青田县鹤城中学")], [m("松台小学教育集团"), m("鹤城中学教育集团")], t)]
    [('e青田县松台小学', 'e松台小学教育集团'), ('e青田县鹤城中学', 'e鹤城中学教育集团')]
    """
    out = []
    for group in groups:
        surface = text[group.start : group.end]
        base = surface[: len(surface) - len(head_of(GROUP, surface))]
        for leader in leaders:
            if len(base) >= 2 and text[leader.start : leader.end].endswith(base):
                out.append((leader, group))
    return out


def _quote_start(m: Mention, text: str) -> int:
    """Return the offset in `text` of the sentence (quote) that holds mention `m`."""
    if not m.quote:
        return m.start
    found = text.rfind(_ascii_quote(m.quote), max(0, m.end - len(m.quote)), m.start + len(m.quote))
    return found if found >= 0 else m.start


def _participation(ms: list[Mention], kinds: dict[str, str], text: str, out: set[Relation]) -> None:
    programs = _outside(ms, kinds, PROGRAM)
    if not programs:
        return
    for run in _runs(ms, kinds, text, (SCHOOL, GROUP)):
        first, last = run[0], run[-1]
        after = [p for p in programs if p.start >= last.end and p.start - last.end <= 20]
        before = [p for p in programs if p.end <= first.start and first.start - p.end <= 20]
        target = None
        if after:
            between = text[last.end : after[0].start]
            if not _COMMA.search(between) and _PARTICIPATE_BEFORE.match(between):
                target = after[0]
        if target is None and before:
            between = text[before[-1].end : first.start]
            if _PILOT_LIST.match(between) or (
                not _COMMA.search(between) and _PARTICIPATE_AFTER.search(between)
            ):
                target = before[-1]
        if target is None:
            continue
        for m in run:
            out.add(_rel(m.entity, "participatesIn", target.entity, m, "relations.participation"))


def _located(ms: list[Mention], kinds: dict[str, str], text: str, out: set[Relation]) -> None:
    areas = _outside(ms, kinds, AREA)
    if not areas:
        return
    offset = _quote_start(ms[0], text)
    quote = text[offset : offset + len(ms[0].quote)]
    runs = _runs(ms, kinds, text, (SCHOOL, ORG))
    for match in _LOCATED.finditer(quote):
        cue_start, cue_end = offset + match.start(), offset + match.end()
        area = next((a for a in areas if cue_end <= a.start <= cue_end + 1), None)
        if area is None:
            continue
        located: list[Mention] = []
        for run in runs:
            if run[0].start >= area.end:
                gap = text[area.end : run[0].start]
                if _LOCATED_LIST.fullmatch(gap):
                    located += run
                break
        before = [run for run in runs if run[-1].end <= cue_start]
        if before and not text[before[-1][-1].end : cue_start].strip(" 现已均都"):
            located.append(before[-1][-1])
        for m in located:
            out.add(_rel(m.entity, "locatedIn", area.entity, m, "relations.located_phrase"))


def _is_item(m: Mention, text: str) -> bool:
    """Return True when the mention's sentence is only the name, with a bullet or number."""
    start = _quote_start(m, text)
    head = _ITEM_PREFIX.fullmatch(text, start, m.start)
    tail = _ITEM_SUFFIX.fullmatch(text, m.end, start + len(m.quote))
    return bool(head and tail)


def _is_heading(m: Mention, text: str) -> bool:
    start = _quote_start(m, text)
    return bool(
        _HEADING.fullmatch(text, start, m.start)
        and _HEADING_SUFFIX.fullmatch(text, m.end, start + len(m.quote))
    )


def _heading_lists(
    mentions: list[Mention], index: dict[str, Entity], text: str, out: set[Relation]
) -> None:
    heading: Mention | None = None
    last_end = 0
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        kind = index[m.entity].kind
        if heading is not None and m.start > last_end:
            lines = text[last_end : m.start].split("\n")
            if any(len(line.strip()) > _MAX_GAP_LINE for line in lines[1:-1]):
                heading = None  # a long line ends the list
        if kind == GROUP and _is_heading(m, text):
            heading, last_end = m, m.end
            continue
        if heading is None or kind != SCHOOL or m.start < last_end:
            continue
        if _is_item(m, text):
            out.add(_rel(m.entity, "memberOf", heading.entity, m, "relations.heading_list"))
            last_end = m.end
        elif label := _ROW_LABEL.match(text, text.rfind("\n", 0, m.start) + 1):
            out.add(_rel(m.entity, "memberOf", heading.entity, m, "relations.heading_row"))
            if label["lead"]:
                out.add(_rel(m.entity, "leads", heading.entity, m, "relations.heading_row"))
            last_end = m.end


def _area_compounds(
    mentions: list[Mention], index: dict[str, Entity], text: str, out: set[Relation]
) -> None:
    areas = [m for m in mentions if index[m.entity].kind == AREA]
    by_start = {m.start: m for m in areas}
    for m in areas:
        after = by_start.get(m.end)
        if after and after.entity != m.entity and _TOWN.search(text[after.start : after.end]):
            out.add(_rel(after.entity, "partOf", m.entity, after, "relations.area_compound"))


def _person_bodies(
    entities: list[Entity],
    mentions: list[Mention],
    index: dict[str, Entity],
    text: str,
    out: set[Relation],
) -> None:
    bodies: dict[int, list[Mention]] = {}
    for m in mentions:
        if index[m.entity].kind in (ORG, SCHOOL, GROUP):
            bodies.setdefault(m.end, []).append(m)
    people = {m.start: m for m in mentions if index[m.entity].kind == PERSON}
    for person in entities:
        if person.kind != PERSON:
            continue
        ends = sorted(int(v) for k, v in person.attrs if k == "body_end")
        own = [m for m in people.values() if m.entity == person.key]
        for end in ends:
            for body in bodies.get(end, []):
                evidence = next((p for p in own if p.quote == body.quote and p.start >= end), None)
                if evidence is not None:
                    longest = max(bodies[end], key=lambda b: b.end - b.start)
                    if body is longest:
                        out.add(
                            _rel(
                                person.key,
                                "affiliatedWith",
                                body.entity,
                                evidence,
                                "relations.person_body",
                            )
                        )


def _families(
    entities: list[Entity], by_entity: dict[str, list[Mention]], out: set[Relation]
) -> None:
    broader = {c.iri: c.broader for c in load_concepts()}
    programs = [e for e in entities if e.kind == PROGRAM]
    for program in programs:
        gloss = program.attr("gloss")
        parent_family = broader.get(gloss) if gloss else None
        if not parent_family or not by_entity.get(program.key):
            continue
        for parent in programs:
            if parent.attr("concept") == parent_family:
                out.add(
                    _rel(
                        program.key,
                        "partOf",
                        parent.key,
                        by_entity[program.key][0],
                        "relations.gloss_family",
                    )
                )


def _is_heading_of(m: Mention, text: str) -> bool:
    """Return True when the mention's sentence is a numbered heading naming only it."""
    if m.section is None:
        return False
    start = _quote_start(m, text)
    line = text.rfind("\n", 0, start) + 1
    if text[line:start].strip():
        return False
    return bool(
        _HEAD_NUMBER.fullmatch(text, start, m.start)
        and _HEAD_END.fullmatch(text, m.end, start + len(m.quote))
    )


def _structure_parts(
    mentions: list[Mention], index: dict[str, Entity], text: str, out: set[Relation]
) -> None:
    programs = sorted(
        (m for m in mentions if index[m.entity].kind == PROGRAM), key=lambda m: (m.start, -m.end)
    )
    if len(programs) < 2:
        return
    # Nested mentions (a programme inside a longer one's name) are not parts of anything.
    kept: list[Mention] = []
    reach, last_span = -1, None
    for m in programs:  # sorted by (start, -end): an enclosing span comes first
        span = (m.start, m.end)
        if span != last_span:
            if last_span is not None:
                reach = max(reach, last_span[1])
            last_span = span
        if m.end > reach:
            kept.append(m)
    programs = kept
    own = _own_programs(mentions, index, text, programs)
    listed: set[int] = set()
    for i, parent in enumerate(programs):
        cue = _PARTS_CUE.match(text, parent.end)
        if cue:
            stop = _PARTS_END.search(text, cue.end())
            end = stop.start() if stop else len(text)
            end = min(end, cue.end() + 200)
            parts = [m for m in programs[i + 1 :] if cue.end() <= m.start and m.end <= end]
            method = "relations.list_part"
        else:
            sub = _SUBPARTS.match(text[parent.end : parent.end + 80])
            if not sub:
                continue
            end = parent.end + sub.end()
            parts = [m for m in programs[i + 1 :] if m.end <= end]
            method = "relations.list_part"
        for m in parts:
            if m.entity != parent.entity and id(m) in own:
                out.add(_rel(m.entity, "partOf", parent.entity, m, method))
                listed.add(id(m))
    _topic_parts(programs, own, text, listed, out)
    headings = [
        m for m in programs if _UNDERTAKING.search(text, m.start, m.end) and _is_heading_of(m, text)
    ]
    if not headings:
        return
    for m in programs:
        if id(m) in listed or m.section is None or id(m) not in own:
            continue
        owners = [
            h
            for h in headings
            if h.entity != m.entity
            and h.end <= m.start
            and (m.section == h.section or m.section.startswith(h.section + "."))
        ]
        if owners:
            owner = max(owners, key=lambda h: (h.section.count("."), h.start))
            out.add(_rel(m.entity, "partOf", owner.entity, m, "relations.heading_part"))


def _own_programs(
    mentions: list[Mention], index: dict[str, Entity], text: str, programs: list[Mention]
) -> set[int]:
    """Return ids of the programme mentions that may be parts (see _FOREIGN_BEFORE)."""
    body_ends = {m.end for m in mentions if index[m.entity].kind == ORG}
    out = set()
    for m in programs:
        before = text[max(0, m.start - 16) : m.start]
        if _FOREIGN_BEFORE.search(before):
            continue
        if m.start in body_ends or (m.start - 1 in body_ends and text[m.start - 1] in '“‘"'):
            continue
        out.add(id(m))
    return out


def _topic_parts(
    programs: list[Mention], own: set[int], text: str, listed: set[int], out: set[Relation]
) -> None:
    """A sentence that opens with programme P (its subject: P研究项目, …) and enumerates
    programmes with a count (开展A、B、C等3次活动) names P's parts."""
    by_quote: dict[tuple[int, str], list[Mention]] = {}
    for m in programs:
        by_quote.setdefault((_quote_start(m, text), m.quote), []).append(m)
    for (start, quote), ms in by_quote.items():
        if len(ms) < 3 or not _COUNTED_END.search(text, start, start + len(quote)):
            continue
        topic = ms[0]
        if text[start : topic.start].strip(' “‘"') or not _COMMA.search(
            text, topic.end, min(topic.end + 8, start + len(quote))
        ):
            continue
        count = _COUNTED_END.search(text, topic.end, start + len(quote))
        verbs = [v.end() for v in _ENUM_VERB.finditer(text, topic.end, count.start())]
        if not verbs:
            continue
        for m in ms[1:]:
            if verbs[-1] <= m.start and m.end <= count.start() and id(m) in own:
                out.add(_rel(m.entity, "partOf", topic.entity, m, "relations.topic_part"))
                listed.add(id(m))
