"""Relations between the entities of one document, each with the mention that evidences it.

Rules (method names are recorded with each relation):
- relations.campus_prefix: a Campus whose name begins with a school's name is campusOf it
  (城东小学春晖校区 → 城东小学);
- relations.group_prefix: a school written after a group's name is memberOf it
  (实小集团平冈校区, X教育集团Y中学);
- relations.group_sentence: schools listed in a sentence that forms, joins or lists a group
  (组建/加入/成立/包括/成员/加盟) are memberOf it;
- relations.lead_phrase: 以A为龙头/核心/牵头校, A牵头/领衔 → A leads the group or programme;
- relations.gloss_family: a programme glossed with a family (头雁振翅(名校长)) is partOf the
  document's programme of the broader family (三名工程);
- relations.body_area: a body is locatedIn the area its name resolves to.
"""

from __future__ import annotations

import re

from loaders.extract.concepts import load_concepts
from loaders.extract.model import AREA, GROUP, ORG, PROGRAM, SCHOOL, Entity, Mention, Relation

_GROUP_VERBS = re.compile(r"组建|加入|成立|包括|包含|成员|加盟|组成|下辖|涵盖|共有|囊括|吸纳")
_LEAD = re.compile(
    r"以(?P<a>[^,,。;;]{2,30}?)为(?:龙头|核心|牵头|领衔|引领)|(?P<b>[^,,。;;、]{2,30}?)(?:牵头|领衔)"
)


def _by_entity(mentions: list[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.entity, []).append(m)
    return out


def find_relations(entities: list[Entity], mentions: list[Mention], text: str) -> list[Relation]:
    """Return the relations the rules above find, sorted and without duplicates."""
    index = {e.key: e for e in entities}
    by_entity = _by_entity(mentions)
    out: set[Relation] = set()
    schools = [e for e in entities if e.kind == SCHOOL]
    groups = [e for e in entities if e.kind == GROUP]

    def names(e: Entity) -> list[str]:
        return sorted({e.label, *e.alt_labels}, key=lambda s: (-len(s), s))

    for campus in schools:
        for form in names(campus):
            for parent in schools:
                if parent is campus:
                    continue
                if any(form.startswith(p) and len(form) > len(p) for p in names(parent)):
                    predicate = "campusOf" if campus.cls == "Campus" else None
                    if predicate and by_entity.get(campus.key):
                        ev = by_entity[campus.key][0]
                        out.add(
                            Relation(
                                campus.key, predicate, parent.key, ev, "relations.campus_prefix"
                            )
                        )
            for group in groups:
                if any(form.startswith(g) and len(form) > len(g) for g in names(group)):
                    if by_entity.get(campus.key):
                        ev = by_entity[campus.key][0]
                        out.add(
                            Relation(
                                campus.key, "memberOf", group.key, ev, "relations.group_prefix"
                            )
                        )
    # Sentence-level rules.
    by_quote: dict[str, list[Mention]] = {}
    for m in mentions:
        by_quote.setdefault(m.quote, []).append(m)
    for quote, ms in sorted(by_quote.items()):
        kinds = {index[m.entity].kind for m in ms if m.entity in index}
        if GROUP in kinds and SCHOOL in kinds and _GROUP_VERBS.search(quote):
            group_ms = [m for m in ms if index[m.entity].kind == GROUP]
            for m in ms:
                if index[m.entity].kind != SCHOOL:
                    continue
                if any(g.start <= m.start < g.end for g in group_ms):
                    continue
                target = min(group_ms, key=lambda g: abs(g.start - m.start))
                out.add(
                    Relation(m.entity, "memberOf", target.entity, m, "relations.group_sentence")
                )
        for match in _LEAD.finditer(quote):
            phrase = match.group("a") or match.group("b")
            leaders = [
                m
                for m in ms
                if index[m.entity].kind in (SCHOOL, GROUP)
                and m.quote == quote
                and text[m.start : m.end] in phrase
            ]
            led = [
                m
                for m in ms
                if index[m.entity].kind in (GROUP, PROGRAM) and text[m.start : m.end] not in phrase
            ]
            for leader in leaders:
                for target in led[:1]:
                    if target.entity != leader.entity:
                        out.add(
                            Relation(
                                leader.entity,
                                "leads",
                                target.entity,
                                leader,
                                "relations.lead_phrase",
                            )
                        )
    # Programme families.
    broader = {c.iri: c.broader for c in load_concepts()}
    programs = [e for e in entities if e.kind == PROGRAM]
    for program in programs:
        gloss = program.attr("gloss")
        parent_family = broader.get(gloss) if gloss else None
        if not parent_family:
            continue
        for parent in programs:
            if parent.attr("concept") == parent_family and by_entity.get(program.key):
                out.add(
                    Relation(
                        program.key,
                        "partOf",
                        parent.key,
                        by_entity[program.key][0],
                        "relations.gloss_family",
                    )
                )
    for org in entities:
        area = org.attr("area")
        if org.kind == ORG and area and by_entity.get(org.key):
            out.add(
                Relation(
                    org.key,
                    "locatedIn",
                    f"{AREA}:{area}",
                    by_entity[org.key][0],
                    "relations.body_area",
                )
            )
    return sorted(out, key=lambda r: (r.subject, r.predicate, r.object, r.evidence.start))
