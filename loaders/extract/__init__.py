"""Entity and relation extraction: PolicyDocument → Extraction.

`extract(doc)` runs the rule modules (areas, organisations, schools, groups, programmes,
people, targets, citations), resolves their candidates into entities with canonical keys
(resolve.py) and links them (relations.py). EXTRACTORS is the extension point: a new extractor
is one function and one entry; its name is recorded in each document graph (ekg:extractor).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from loaders.documents import PolicyDocument
from loaders.extract import lexicon
from loaders.extract.areas import LEVEL_CHARACTERS, AreaContext, area_context, find_areas
from loaders.extract.boundaries import (
    CLOSING_QUOTES,
    HEAD_LISTS,
    OPENING_QUOTES,
    Anchor,
    head_class,
    head_of,
    runs_on,
)
from loaders.extract.citations import find_citations
from loaders.extract.concepts import concept_for
from loaders.extract.cover import Cover
from loaders.extract.groups import find_groups
from loaders.extract.mention_model import (
    MentionModel,
    Scored,
    choose,
    describe,
    load_model,
    with_campus_parents,
    with_list_peers,
    with_nested_edges,
    with_quote_led,
    with_repeats,
    with_whole_items,
    with_whole_places,
    without_unsound,
)
from loaders.extract.model import (
    AREA,
    GROUP,
    ORG,
    PARENT_BODY,
    PROGRAM,
    SCHOOL,
    Candidate,
    Citation,
    Entity,
    Extraction,
    Mention,
    Relation,
    Target,
)
from loaders.extract.names import LEADING_NOISE
from loaders.extract.organizations import (
    CORES,
    body_candidate,
    find_open_bodies,
    find_organizations,
)
from loaders.extract.people import find_people
from loaders.extract.programs import (
    CONCEPT_LABEL,
    HEADING,
    cited_only,
    clean_name,
    counted_after,
    find_heading_programmes,
    find_programme_parts,
    find_programs,
    five_year_plan,
    programme_jurisdiction,
    treated_as,
    with_coordinated_items,
    with_programme_scope,
)
from loaders.extract.relations import find_relations
from loaders.extract.resolve import context_code, resolve_entities
from loaders.extract.schools import (
    SCHOOL_WORD,
    drop_nested,
    find_schools,
    group_campus_leads,
    group_campuses,
)
from loaders.extract.sentences import Sentence, split_sentences
from loaders.extract.targets import find_targets
from loaders.readers.glosses import as_glossed

EXTRACTOR = "rules+lac.v2"
# Metadata fields whose values are organisations (发文机关, 主送, 抄送, 主办/承办单位, 版权所有),
# and the body of a source line that is not the issuer (loaders.metadata: posted_by).
_METADATA_BODIES = (
    "issuer",
    "posted_by",
    "issuer_full",
    "recipients",
    "copied_to",
    "printed_by",
    "site_publisher",
    "site_operator",
    "site_owner",
)

__all__ = [
    "EXTRACTOR",
    "EXTRACTORS",
    "Entity",
    "Extraction",
    "Mention",
    "Relation",
    "Target",
    "Citation",
    "extract",
]


def _document_year(doc: PolicyDocument) -> int | None:
    meta = doc.metadata
    if meta.year:
        return meta.year
    for value in (meta.date, meta.written_on, meta.published_on):
        if value and value[:4].isdigit():
            return int(value[:4])
    return None


def _metadata_spans(doc: PolicyDocument) -> list[tuple[int, int]]:
    spans = []
    for name, span in sorted(doc.metadata.evidence.items()):
        if name.split("[")[0] in _METADATA_BODIES or name.startswith(_METADATA_BODIES):
            spans.append((span.start, span.end))
    return spans


def _with_concepts(candidates: list[Candidate]) -> list[Candidate]:
    out = []
    families: dict[str, object] = {}
    for c in candidates:
        if c.kind == PROGRAM:
            if c.name not in families:
                families[c.name] = concept_for(c.name)
            family = families[c.name]
            if family is not None:
                c = c.with_attrs((("concept", family.iri),))
        out.append(c)
    return out


def rule_candidates(
    doc: PolicyDocument, sentences: list[Sentence], context: AreaContext
) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Return every rule's candidates and the spans searched (sentences, then metadata lines).

    The candidates of the kinds the mention model scores (schools, groups, bodies) are
    proposals: choose_candidates keeps those the model picks and adds its own.
    """
    spans = [(s.start, s.end) for s in sentences]
    starts = [s.start for s in sentences]
    text = doc.norm
    meta_spans = [s for s in _metadata_spans(doc) if not _in_sentence(sentences, starts, s[0])]
    candidates: list[Candidate] = []
    areas = find_areas(doc, context)
    candidates += areas
    bodies = find_organizations(text, spans + meta_spans, context)
    candidates += bodies + find_open_bodies(text, spans + meta_spans, bodies, context, areas)
    groups = find_groups(text, spans, areas)
    candidates += drop_nested(find_schools(text, spans), [g for g in groups if g.kind == GROUP])
    candidates += groups + group_campuses(text, groups)
    candidates += find_programs(text, spans) + find_heading_programmes(doc)
    candidates += find_people(text, spans)
    return [_ending_at_word(text, c) for c in candidates], spans + meta_spans


def _ending_at_word(text: str, c: Candidate) -> Candidate:
    """Return the candidate ended at a shorter head when its head runs on into a commoner word
    (青松小学校长 → 青松小学; boundaries.runs_on)."""
    if c.kind not in HEAD_LISTS or c.end > len(text) or text[c.start : c.end] != c.name:
        return c
    head = head_of(c.kind, c.name)
    end = runs_on(text, c.end, head, c.kind) if head else None
    if end is None:
        return c
    name = text[c.start : end]
    cut = c.name[len(name) :]  # what ran on: 校 of 小学校长, 联 of 财政局联合
    canonical = c.canonical
    if canonical is not None:
        canonical = canonical.removesuffix(cut) if canonical != c.name else None
    return replace(c, name=name, end=end, canonical=canonical)


# A body's name before 网, 网站 or 门户 (某市人民政府网, 某局门户网站) names its website, a
# medium (ANNOTATION.md); 网 before another word is the body's own (某局网络中心).
_WEBSITE = re.compile(r"网站|门户|网(?![\u4e00-\u9fff])")
_DIRECTLY_RUN = re.compile("直属(?!机关)")
# What follows a body's name that is the agency code of a document's number (某府办函〔2023〕,
# 某教发[2020]) or a decree's (某院令第711号).
_NUMBERED_BY = re.compile(r"[函发字]?[〔［\[【](?:19|20)[0-9]{2}[〕］\]】]|令第")


# A kind of school (lexicon/school_categories.tsv) that a group's name may end with before its
# head (城区公办小学|学区, 公办幼儿园|教育集团).
_KIND_BEFORE = re.compile(
    "(?:" + lexicon.alternation("school_categories") + f")+(?:{SCHOOL_WORD.pattern})$"
)


def _named_after_a_kind(text: str, start: int, head_start: int) -> bool:
    """Return True when a group's name from `start` to its head ends with a kind of school, not
    one school (城区公办小学|学区, 义务教育学校|学区; 白鹭小学|教育集团 is one school's).

    >>> _named_after_a_kind("城区公办小学学区", 0, 6), _named_after_a_kind("白鹭小学教育集团", 0, 4)
    (True, False)
    """
    return _KIND_BEFORE.search(text, start, head_start) is not None


def _no_mention(text: str, scored: Scored) -> bool:
    """Return True for a chosen name that mentions no entity of its kind: a programme named only
    inside a 《》 title (the cited document's: programs.cited_only), a five-year plan's
    (“十五”计划), what 把's object is treated as (把教育作为“一把手”工程) or projects of a kind a
    count follows (援疆项目36个); a group named after a kind
    of school (某区公办小学学区, 公办幼儿园教育集团: its members described); a body's website
    (某市人民政府网: a medium) or the agency code of a cited document's number or a decree's
    (某市府办函〔2023〕1号, 国务院令第711号)."""
    alt = scored.alternative
    kind = alt.anchor.kind
    if kind == PROGRAM:
        method = alt.rule.method if alt.rule is not None else None
        return (
            cited_only(text, alt.start, alt.anchor.end, method)
            or five_year_plan(text[alt.start : alt.anchor.end])
            or treated_as(text, alt.anchor.floor, alt.start, alt.anchor.end)
            or counted_after(text, alt.anchor.end)
        )
    if kind == GROUP:
        return _named_after_a_kind(text, alt.start, alt.anchor.head_start)
    if kind == ORG:
        return bool(
            _WEBSITE.match(text, alt.anchor.end) or _NUMBERED_BY.match(text, alt.anchor.end)
        )
    return False


def _enclosed(text: str, start: int, end: int) -> bool:
    """Return True when text[start:end] is all a pair of quotes holds (“双减”)."""
    return (
        0 < start
        and end < len(text)
        and text[start - 1] in OPENING_QUOTES
        and text[end] in CLOSING_QUOTES
    )


def choose_candidates(
    doc: PolicyDocument,
    rules: list[Candidate],
    spans: list[tuple[int, int]],
    context: AreaContext,
    model: MentionModel,
) -> list[Candidate]:
    """Return the candidates after the mention model: other kinds unchanged, and for schools,
    groups and bodies the best alternative of each anchor the model accepts."""
    text = doc.norm
    # A programme a heading names is the plan's item by the document's structure, and a
    # family's own label set in quotes of its own (“双减”, “县管校聘”: the concept scheme's
    # vocabulary, which ANNOTATION.md lists) is named as the label: the model, which reads a
    # sentence's words, has nothing to add (2个“双减”案例: it weighs the count of cases against
    # the label), and their anchors are not scored. Unquoted, a label may begin another
    # name (名师工程先进单位: an honour), which the model reads.
    headings = [
        c
        for c in rules
        if c.method == HEADING or (c.method == CONCEPT_LABEL and _enclosed(text, c.start, c.end))
    ]
    heading_ends = {c.end for c in headings}
    cases = describe(text, spans, [c for c in rules if c not in headings], model)
    chosen = with_quote_led(text, cases, choose(cases, model))
    listed = with_list_peers(text, cases, with_repeats(text, cases, chosen))
    listed = with_campus_parents(cases, listed)
    # An unsound name (one spanning a clause) is taken out before the names inside it are
    # dropped as its parts: 某市教育局 stays when 某市教育局局长王明通过政府 goes.
    nested = with_whole_items(text, cases, with_nested_edges(text, cases, listed, model))
    nested = without_unsound(text, cases, nested, model)
    # 某局直属高级中学: the schools a body runs directly, a description, whose body is then named
    # on its own (直属机关幼儿园, the kindergarten of the directly run offices, is a name). The
    # model is trained without this.
    nested = [
        s
        for s in nested
        if s.alternative.anchor.kind != SCHOOL
        or not _DIRECTLY_RUN.search(text, s.alternative.start, s.alternative.anchor.end)
    ]
    chosen = _outermost(nested)
    places = sorted((c.start, c.end) for c in rules if c.kind == AREA and c.end - c.start >= 3)
    chosen = with_whole_places(cases, chosen, places, model)
    chosen = [
        s
        for s in chosen
        if s.alternative.anchor.kind != PROGRAM or s.alternative.anchor.end not in heading_ends
    ]
    # A 发文字号's agency code (鲁政教督委〔2024〕1号) abbreviates its issuer; it is not a mention.
    number = doc.metadata.evidence.get("doc_number")
    if number is not None:
        chosen = [s for s in chosen if not number.start <= s.alternative.start < number.end]
    # Names the rules and the model read that the guideline leaves out (_no_mention); the model
    # is trained without these filters.
    chosen = [s for s in chosen if not _no_mention(text, s)]
    parents = _parent_bodies(nested, chosen)
    out = [c for c in rules if c.kind not in HEAD_LISTS] + headings
    zones = {c.start: c for c in rules if c.kind == AREA and ("level", "zone") in c.attrs}
    out += _chosen_candidates(text, chosen, context, zones)
    units = _sub_units(text, rules, out)
    # The body a sub-unit's name opens with is its parent, no mention of its own (as in
    # _parent_bodies).
    out = [
        replace(c, method=PARENT_BODY)
        if c.kind == ORG and any(u.start == c.start and c.end < u.end for u in units)
        else c
        for c in out
    ] + units
    out += [
        replace(c, method=PARENT_BODY) for c in _chosen_candidates(text, parents, context, zones)
    ]
    out = [with_coordinated_items(text, c) if c.kind == PROGRAM else c for c in out]
    out += group_campus_leads(text, out)
    # 教体局相关负责人: a bureau's word alone names no one body (ANNOTATION.md leaves bare forms
    # out), though the page's place resolves it; where the page writes that body, it is its
    # short form.
    bare = {id(c) for c in out if c.kind == ORG and _bare_department(c)}
    written = {c.canonical or c.name for c in out if c.kind == ORG and id(c) not in bare}
    out = [c for c in out if id(c) not in bare or (c.canonical or c.name) in written]
    return [_as_school(c) for c in with_body_prefixes(text, _in_formal_names(out, rules))]


# A division's own head (人事科, 基教股, 教研室, 发展规划处) after its body's name.
_UNIT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:科|股|处|室)")


def _sub_units(text: str, rules: list[Candidate], chosen: list[Candidate]) -> list[Candidate]:
    """Return the rules' sub-units of a chosen body whose own anchor the model did not keep
    (某区教育局|发展规划科负责人, 某区教育局|教研室主任): a body's name and a division's head
    right after it name that division (ANNOTATION.md: named sub-units are bodies), whatever the
    words around it make of a lone 科 or 室."""
    bodies = {(c.start, c.end) for c in chosen if c.kind == ORG}
    taken = {c.end for c in chosen if c.kind == ORG}
    return [
        c
        for c in rules
        if c.kind == ORG
        and c.end not in taken
        and any(
            start == c.start
            and _UNIT.fullmatch(text, end, c.end)
            and not LEADING_NOISE.match(text[end : c.end])  # 某局|部分科室, 各处室: several, no one
            for start, end in bodies
        )
    ]


def _chosen_candidates(
    text: str,
    chosen: list[Scored],
    context: AreaContext,
    zones: Mapping[int, Candidate],
) -> list[Candidate]:
    """Return the candidates of chosen alternatives: a rule's own, or one the model named
    (`zones`: the page's zones by start, for a body named from one; see body_candidate)."""
    out = []
    for scored in chosen:
        alt = scored.alternative
        if alt.rule is not None:
            out.append(alt.rule)
            continue
        zone = zones.get(alt.start)
        made = _model_candidate(text, alt.start, alt.anchor, context, scored.probability, zone)
        if made.kind == ORG and not made.attrs:
            continue  # a body named without its area (教育局, 宣传部) is no one body (ANNOTATION.md)
        out.append(made)
    return out


def _parent_bodies(nested: list[Scored], outermost: list[Scored]) -> list[Scored]:
    """Return the bodies chosen at the start of a longer body's name (青禾区教委 in
    青禾区教委基教科): the sub-unit's parent, written in full only there. It is no mention of
    its own (ANNOTATION.md), but where the document names that body elsewhere by a short form
    (区教委), it is that body's fuller written form: resolve_entities makes it an altLabel."""
    kept = {id(s) for s in outermost}
    bodies = [_span(s) for s in outermost if s.alternative.anchor.kind == ORG]
    return [
        s
        for s in nested
        if id(s) not in kept
        and s.alternative.anchor.kind == ORG
        and any(a == _span(s)[0] and _span(s)[1] < b for a, b in bodies)
    ]


# A county's or district's vocational education centre (某区职业教育中心, 职教中心) is its
# secondary vocational school, which ANNOTATION.md lists with the schools, not a body.
_VOCATIONAL_CENTRES = ("职业教育中心", "职业技术教育中心", "职教中心")


def _bare_department(c: Candidate) -> bool:
    """Return True for a body written as a bureau's or a commission's word alone (教体局,
    教育局), however the page's place resolves it; a level character (市教育局) places it.

    >>> _bare_department(Candidate(ORG, "教体局", 0, 3, "EducationBureau", "organizations.core"))
    True
    >>> _bare_department(Candidate(ORG, "市教育局", 0, 4, "EducationBureau", "t"))
    False
    """
    return c.name in CORES and c.name.endswith(_BUREAU_ENDS) and c.name[:1] not in _LEVEL_CHARACTERS


# A bureau's or a commission's word (教育局, 教体局, 教委); an institution's word (…中心) names
# the one the page is about, as the gold lists it, and a level character (省政府…) places it.
_BUREAU_ENDS = ("局", "委")
_LEVEL_CHARACTERS = LEVEL_CHARACTERS + "乡镇"


def _as_school(c: Candidate) -> Candidate:
    """Return a body's candidate named as a vocational education centre as a school's.

    >>> c = Candidate(ORG, "合川区职业教育中心", 0, 9, "PublicInstitution", "model.org")
    >>> _as_school(c).kind, _as_school(c).attrs
    ('school', (('level', 'vocational'),))
    """
    if c.kind != ORG or not (c.canonical or c.name).endswith(_VOCATIONAL_CENTRES):
        return c
    return replace(c, kind=SCHOOL, cls="School", attrs=(("level", "vocational"),))


def _in_formal_names(candidates: list[Candidate], rules: list[Candidate]) -> list[Candidate]:
    """Return the candidates with a body chosen inside a committee's formal name and ending with
    it (柳州市委员会 of 中国人民政治协商会议柳州市委员会) replaced by that name's candidate, which
    reads the organisation and so the body's usual short form (organizations._formal_committee).
    """
    formal = {c.end: c for c in rules if c.method == "organizations.formal"}
    return [
        formal[c.end] if c.kind == ORG and c.end in formal and formal[c.end].start <= c.start else c
        for c in candidates
    ]


# A party or front body's formal name opens with its organisation before the area: 中共青田县委,
# 政协柳州市委员会, 共青团温州市委 (ANNOTATION.md: the fullest form).
_BODY_PREFIXES = ("中共", "政协", "共青团")


def with_body_prefixes(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Return the candidates with each body written right after one of _BODY_PREFIXES read from
    the prefix, and the body's mentions without it made short forms of that fullest form.

    >>> c = Candidate(ORG, "青田县委", 2, 6, "GovernmentBody", "organizations.core")
    >>> [(x.name, x.canonical) for x in with_body_prefixes("中共青田县委", [c])]
    [('中共青田县委', '中共青田县委')]
    """
    prefixed = [_prefixed(text, c) for c in candidates]
    # A body's name (or canonical name) → its fullest form, with the prefix.
    fuller = {
        c.canonical or c.name: p.canonical for c, p in zip(candidates, prefixed, strict=True) if p
    }
    # A formal name's canonical is the short form with its prefix (中共某某县委): the form
    # without the prefix (某某县委) is that body too.
    fuller.update(
        (c.canonical.removeprefix(p), c.canonical)
        for c in candidates
        if c.method == "organizations.formal" and c.canonical
        for p in _BODY_PREFIXES
        if c.canonical.startswith(p)
    )
    out = []
    for c, p in zip(candidates, prefixed, strict=True):
        if p is not None:
            out.append(p)
        elif c.kind == ORG and (c.canonical or c.name) in fuller:
            out.append(replace(c, canonical=fuller[c.canonical or c.name]))  # 青田县委 later
        else:
            out.append(c)
    return out


def _prefixed(text: str, c: Candidate) -> Candidate | None:
    """Return a body's candidate read from the prefix written right before it, or None."""
    prefix = next((p for p in _BODY_PREFIXES if text.endswith(p, 0, c.start)), "")
    if c.kind != ORG or not prefix:
        return None
    full = prefix + (c.canonical or c.name)
    return replace(c, name=prefix + c.name, start=c.start - len(prefix), canonical=full)


def _outermost(chosen: list[Scored]) -> list[Scored]:
    """Return the chosen names without those written inside a longer name: 温州市人民政府 in
    温州市人民政府办公室 is that office's parent, X中学 in X中学教育集团 names the group, 区委 in
    区委党校附属小学 the school (ANNOTATION.md). A school inside a longer school or campus name
    stays: a campus's school is listed. A campus inside a longer name is that name's campus
    (城南校区 in 某幼儿园(城南校区)), not one more."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for s in chosen:
        spans.setdefault(s.alternative.anchor.kind, []).append(_span(s))
        if s.alternative.anchor.kind == SCHOOL and not _campus(s) and not _spelled_out(s):
            spans.setdefault(_WHOLE_SCHOOL, []).append(_span(s))
    # The kinds of the longer names a name of each kind is not mentioned inside: a school
    # inside a longer school's name that is no campus (某大学附属中学|某某中学, 某小学|附属幼儿园)
    # is the name's founder, not mentioned on its own.
    outer = {
        ORG: (ORG, SCHOOL, GROUP),
        GROUP: (GROUP,),
        SCHOOL: (GROUP, _WHOLE_SCHOOL),
        PROGRAM: (PROGRAM,),
    }
    covers = {kind: Cover(found) for kind, found in spans.items()}
    return [
        s
        for s in chosen
        if not any(
            covers[kind].contains(*_span(s)) for kind in _outer_kinds(s, outer) if kind in covers
        )
    ]


# The spans of the chosen schools that are no campus, as a kind of their own.
_WHOLE_SCHOOL = "school:whole"


def _spelled_out(scored: Scored) -> bool:
    """Return True for a name ending in 小学校 or 中学校: its 小学 or 中学 written in full, whose
    shorter spelling inside it is the same school's."""
    return scored.alternative.anchor.head in ("小学校", "中学校") or (
        scored.alternative.rule is not None
        and scored.alternative.rule.name.endswith(("小学校", "中学校"))
    )


def _campus(scored: Scored) -> bool:
    """Return True for a campus: its head says so (…校区, …分园), or the rule that read it did (a
    kindergarten's campus in brackets, 某幼儿园(南园), ends with no head)."""
    anchor = scored.alternative.anchor
    if anchor.kind != SCHOOL:
        return False
    rule = scored.alternative.rule
    return (bool(anchor.head) and head_class(anchor) == "campus") or (
        rule is not None and rule.cls == "Campus"
    )


def _outer_kinds(scored: Scored, outer: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    anchor = scored.alternative.anchor
    return (*outer[anchor.kind], SCHOOL) if _campus(scored) else outer[anchor.kind]


def _span(scored: Scored) -> tuple[int, int]:
    return scored.alternative.start, scored.alternative.anchor.end


def _model_candidate(
    text: str,
    start: int,
    anchor: Anchor,
    context: AreaContext,
    confidence: float,
    zone: Candidate | None = None,
) -> Candidate:
    name, end = text[start : anchor.end], anchor.end
    cls = "" if anchor.head == "" else head_class(anchor)  # an anchor only a rule marks
    confidence = round(confidence, 3)
    if anchor.kind == ORG:
        return body_candidate(text, start, end, anchor.head, cls, context, confidence, zone)
    if anchor.kind == GROUP:
        return Candidate(GROUP, name, start, end, "EducationGroup", "model.group", confidence)
    if anchor.kind == PROGRAM:
        return Candidate(
            PROGRAM, clean_name(name), start, end, "Program", "model.program", confidence
        )
    if cls == "campus":
        return Candidate(SCHOOL, name, start, end, "Campus", "model.school", confidence)
    attrs = (("level", cls),) if cls else ()
    return Candidate(SCHOOL, name, start, end, "School", "model.school", confidence, None, attrs)


def extract(doc: PolicyDocument, model: MentionModel | None = None) -> Extraction:
    """Return the entities, mentions, relations, targets and citations of one document.

    Args:
        doc: a read document (offsets refer to doc.text; matching uses doc.norm).
        model: the mention model (default: the committed one, load_model()).

    Returns:
        An Extraction; the same document always gives an equal Extraction.
    """
    sentences = split_sentences(doc)
    spans = [(s.start, s.end) for s in sentences]
    starts = [s.start for s in sentences]
    context = area_context(doc)
    year = _document_year(doc)
    text = doc.norm
    rules, searched = rule_candidates(doc, sentences, context)
    candidates = choose_candidates(doc, rules, searched, context, model or load_model())
    candidates = _with_concepts(candidates)
    candidates = with_programme_scope(candidates, programme_jurisdiction(doc, context), year)
    # Entities are resolved on the matching copy's names (a traditional-character page names the
    # same school as a simplified one) and labelled as the original text writes them.
    written = _written_forms(candidates, doc.text, text)
    entities, mentions = resolve_entities(
        candidates,
        sentences,
        context,
        year,
        doc.text,
        norm=text,
        written=written,
    )
    mentions = best_mentions(mentions)
    if doc.glosses:
        entities = _as_printed(entities, mentions, doc)
    relations = find_relations(entities, mentions, doc.text)
    relations += find_programme_parts(entities, mentions)
    mention_at = {(m.start, m.end): m for m in mentions}
    targets = []
    for phrase, indicator, value, unit, t_year, start, end in find_targets(text, spans, year):
        mention = mention_at.get((start, end)) or _plain_mention(sentences, starts, doc, start, end)
        area_key = f"area:{context_code(context)}" if context.chain else None
        targets.append(Target(phrase, indicator, value, unit, t_year, area_key, mention))
    citations = tuple(
        Citation(title, _plain_mention(sentences, starts, doc, start, end))
        for title, start, end in find_citations(text, spans)
    )
    return Extraction(
        EXTRACTOR, tuple(entities), tuple(mentions), tuple(relations), tuple(targets), citations
    )


def best_mentions(mentions: list[Mention] | tuple[Mention, ...]) -> list[Mention]:
    """Return one mention per (entity, span): the most confident, then the first method by name.

    Two rules may find the same name at the same place; the graph keeps one Mention node per
    span and entity, so it must carry one method and one confidence.
    """
    best: dict[tuple[str, int, int], Mention] = {}
    for m in mentions:
        key = (m.entity, m.start, m.end)
        kept = best.get(key)
        if kept is None or (-m.confidence, m.method) < (-kept.confidence, kept.method):
            best[key] = m
    return sorted(best.values(), key=lambda m: (m.start, m.end, m.entity))


def _as_printed(
    entities: list[Entity], mentions: list[Mention], doc: PolicyDocument
) -> list[Entity]:
    """Return `entities` with each name the page prints with pinyin glosses (中學(xué),
    loaders.readers.glosses) as an altLabel in that form too: the page's own string for it."""
    kinds = {e.key: e.kind for e in entities}
    printed: dict[str, set[str]] = {}
    for m in mentions:
        form = as_glossed(doc.text, doc.glosses, m.start, m.end)
        if len(form) != m.end - m.start and m.entity in kinds:
            # a programme's label is its name without quotes, so is its printed form
            printed.setdefault(m.entity, set()).add(
                clean_name(form) if kinds[m.entity] == PROGRAM else form
            )
    return [
        replace(e, alt_labels=tuple(sorted({*e.alt_labels, *printed[e.key]})))
        if e.key in printed
        else e
        for e in entities
    ]


def _written_forms(candidates: list[Candidate], original: str, norm: str) -> dict[str, str]:
    """Return each candidate name (as the matching copy reads it) that the original text writes
    otherwise, with the original's form (鐘樓區 for 钟楼区; the first one written)."""
    written: dict[str, str] = {}
    for c in candidates:
        if c.kind == PROGRAM:
            # Programme names are cleaned of quotes; one read as written (雙減, 双减 in `norm`)
            # keeps its written characters.
            if c.name != clean_name(norm[c.start : c.end]):
                continue
            surface = clean_name(original[c.start : c.end])
        else:
            surface = original[c.start : c.end]
        if surface != c.name:
            written.setdefault(c.name, surface)
    return written


def _in_sentence(sentences: list[Sentence], starts: list[int], offset: int) -> bool:
    """Return True when `offset` lies in one of the sentences (sorted and disjoint, so only
    the last one starting at or before it can hold it)."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < sentences[index].end


def _plain_mention(
    sentences: list[Sentence], starts: list[int], doc: PolicyDocument, start: int, end: int
) -> Mention:
    """Return a span mention citing the sentence that contains `start` (sentences are sorted
    and disjoint, so the last one starting at or before `start` is the only candidate)."""
    index = bisect.bisect_right(starts, start) - 1
    if index >= 0 and start < sentences[index].end:
        s = sentences[index]
        return Mention("", s.section, start, end, doc.text[s.start : s.end], "span", 1.0)
    return Mention("", None, start, end, doc.text[start:end], "span", 1.0)


EXTRACTORS: dict[str, Callable[[PolicyDocument], Extraction]] = {EXTRACTOR: extract}
