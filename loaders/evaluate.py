"""Score extraction against gold files in the shared format (CONTRACT.md, 'Gold format and scoring').

For each document the quads are built as ingestion builds them (read_document → extract →
extraction_quads, plus to_rdf.document_quads), then per field:
- an extracted entity of the field's classes that the document ekg:mentions counts correct when
  its rdfs:label or any skos:altLabel equals a gold name (NFKC, quotes and white space removed);
- a gold name counts found when some such entity carries it;
- an area whose every mention lies inside another entity's mention (钟楼区 in 钟楼区教育局)
  counts neither for nor against precision when the gold omits it.
Metadata fields are compared exactly (after the same normalisation) where the gold has them.

Relations (gold "relations", [subject, predicate, object] by surface name, DOC for the document
itself) are scored as triples: an extracted triple of a scored predicate (RELATION_PREDICATES,
by local name) is correct when some gold triple with that predicate names its subject and object
by a label or altLabel; a gold triple is found when some extracted triple matches it. Two kinds of
triple count neither for nor against precision when the gold omits them, because the annotators
record them only where the text states them (devextra SOURCES.md): an area partOf an area (the
hierarchy comes from the gazetteer) and a locatedIn whose area is written inside the subject's own
name (钟楼区教育局 locatedIn 钟楼区).

People (gold "people", {name, role, affiliation}) are scored by name like entities (class
Person); for each found person with a gold role or affiliation, the role counts right when an
extracted ekg:role ends one 、-separated part of the gold role (副区长 for 钟楼区人民政府副区长), and
the affiliation when the person is ekg:affiliatedWith an entity carrying the gold name.
A document whose gold lists no people is not scored for people nor for affiliatedWith, and
issuedBy / jurisdiction are compared only where the gold records them (as metadata fields are).

Targets (gold "targets", {text, indicator, value, unit, year}) are scored per document whose gold
has a "targets" list (an empty list means the document states none). The gold text is located in
the document text (verbatim first, then ignoring white space and NFKC differences). A gold target
is found, and an extracted ekg:Target is correct, when the two have the same rdf:value (as
decimals) and ekg:unit and the Target's mention span overlaps one place of the gold text; when the
gold text cannot be located, same value and unit and an indicator Dice similarity of at least
TARGET_FALLBACK_DICE stand in for the overlap. Matching is not one-to-one (9所中小学、10所幼儿园 is
one gold text with two values). For each found gold target the best extracted indicator gives its
character-bigram Dice similarity (reported as the mean, 'indicator'). Value and unit accuracy are
measured over the located gold targets that some extracted Target overlaps at all: the value is
right when one of those Targets carries the gold value, the unit likewise.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Quad

from loaders.documents import PolicyDocument
from loaders.extract import EXTRACTOR, Extraction, extract
from loaders.extract.rdf import body_terms, extraction_quads
from loaders.identifiers import document_iri
from ontology.namespace import EKG, RDF_TYPE, RDF_VALUE, RDFS_LABEL, SKOS

FIELDS = ("schools", "groups", "programs", "organizations", "areas")
RELATION_PREDICATES = (
    "memberOf",
    "campusOf",
    "leads",
    "participatesIn",
    "partOf",
    "locatedIn",
    "affiliatedWith",
    "implements",
    "continues",
    "issuedBy",
    "jurisdiction",
)
_DOCUMENT_ONLY = ("issuedBy", "jurisdiction")  # scored only with the document as subject
_EKG_BASE = EKG.memberOf.value[: -len("memberOf")]
META_FIELDS = ("title", "doc_type", "issuer", "date", "doc_number", "index_number", "jurisdiction")
_QUOTES = "“”\"'‘’「」『』《》"
TARGET_FALLBACK_DICE = 0.5


def normalise_name(name: str) -> str:
    """Return the comparison form of a name: NFKC, no white space, no quotes.

    >>> normalise_name(" “3366” 工程 ")
    '3366工程'
    """
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if not ch.isspace() and ch not in _QUOTES)


@dataclass(frozen=True)
class FieldScore:
    """Counts for one field: entity precision and gold-name recall."""

    correct: int  # extracted entities that carry a gold name
    extracted: int  # extracted entities counted for precision
    found: int  # gold names carried by some extracted entity
    gold: int
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @classmethod
    def total(cls, scores: list[FieldScore]) -> FieldScore:
        """Return the micro-averaged counts of several scores (error lists are not carried)."""
        return cls(
            sum(s.correct for s in scores),
            sum(s.extracted for s in scores),
            sum(s.found for s in scores),
            sum(s.gold for s in scores),
        )


@dataclass(frozen=True)
class PeopleScore:
    """People found by name, with the accuracy of role and affiliation for the found ones."""

    names: FieldScore
    roles_right: int = 0
    roles_compared: int = 0
    affiliations_right: int = 0
    affiliations_compared: int = 0
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetScore:
    """Targets found by value, unit and place, with indicator similarity and value/unit accuracy."""

    matches: FieldScore
    dice_sum: float = 0.0  # summed over found gold targets (best extracted indicator each)
    located: int = 0  # gold targets located in the text that some extracted Target overlaps
    values_right: int = 0
    units_right: int = 0
    pairs: tuple[str, ...] = ()  # "gold indicator ≈ extracted indicator" for found targets

    @property
    def indicator_dice(self) -> float:
        """Return the mean indicator Dice similarity over the found gold targets."""
        return self.dice_sum / self.matches.found if self.matches.found else 0.0


@dataclass(frozen=True)
class DocumentScore:
    """One document's scores per field and its metadata comparisons."""

    doc: str
    fields: dict[str, FieldScore]
    metadata: dict[str, bool] = field(default_factory=dict)
    relations: dict[str, FieldScore] = field(default_factory=dict)  # by predicate
    people: PeopleScore | None = None
    targets: TargetScore | None = None  # None when the gold has no "targets" list


@dataclass(frozen=True)
class EvalReport:
    """Per-document scores and micro-averaged totals per field."""

    documents: tuple[DocumentScore, ...]

    def total(self, name: str) -> FieldScore:
        """Return the micro-averaged counts of field `name` over all documents."""
        scores = [d.fields[name] for d in self.documents]
        return FieldScore.total(scores)

    def relation_total(self, predicate: str | None = None) -> FieldScore:
        """Return the micro-averaged relation counts, over all predicates or one."""
        scores = [
            s
            for d in self.documents
            for p, s in d.relations.items()
            if predicate is None or p == predicate
        ]
        return FieldScore.total(scores)

    def relation_predicates(self) -> list[str]:
        """Return the predicates that occur in the gold or the extraction, in contract order."""
        seen = {p for d in self.documents for p, s in d.relations.items() if s.gold or s.extracted}
        return [p for p in RELATION_PREDICATES if p in seen]

    def people_total(self) -> PeopleScore:
        """Return the people counts summed over all documents."""
        scores = [d.people for d in self.documents if d.people is not None]
        names = [s.names for s in scores]
        return PeopleScore(
            FieldScore.total(names),
            sum(s.roles_right for s in scores),
            sum(s.roles_compared for s in scores),
            sum(s.affiliations_right for s in scores),
            sum(s.affiliations_compared for s in scores),
        )

    def targets_total(self) -> TargetScore | None:
        """Return the target counts summed over the documents whose gold lists targets."""
        scores = [d.targets for d in self.documents if d.targets is not None]
        if not scores:
            return None
        m = [s.matches for s in scores]
        return TargetScore(
            FieldScore.total(m),
            sum(s.dice_sum for s in scores),
            sum(s.located for s in scores),
            sum(s.values_right for s in scores),
            sum(s.units_right for s in scores),
        )

    def metadata_accuracy(self) -> dict[str, tuple[int, int]]:
        """Return field → (right, compared) over the documents whose gold has the field."""
        out: dict[str, tuple[int, int]] = {}
        for d in self.documents:
            for name, ok in d.metadata.items():
                right, total = out.get(name, (0, 0))
                out[name] = (right + int(ok), total + 1)
        return out


def _classes(quads: list[Quad]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == RDF_TYPE:
            out.setdefault(q.subject.value, set()).add(q.object.value.rsplit("#", 1)[-1])
    return out


def _field_of(classes: set[str]) -> str | None:
    if "School" in classes or "Campus" in classes:
        return "schools"
    if "EducationGroup" in classes:
        return "groups"
    if "Program" in classes:
        return "programs"
    if "AdministrativeArea" in classes:
        return "areas"
    if classes & {"Organization", "GovernmentBody", "EducationBureau"}:
        return "organizations"
    return None


def score_quads(doc_id: str, quads: list[Quad], gold: dict) -> dict[str, FieldScore]:
    """Return the field scores of one document's quads against its gold record."""
    document = document_iri(doc_id).value
    classes = _classes(quads)
    mentioned = {
        q.object.value for q in quads if q.subject.value == document and q.predicate == EKG.mentions
    }
    names: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate in (RDFS_LABEL, SKOS.altLabel):
            names.setdefault(q.subject.value, set()).add(normalise_name(q.object.value))
    spans: dict[str, list[tuple[int, int]]] = {}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    refers: dict[str, str] = {}
    for q in quads:
        if q.predicate == EKG.start:
            starts[q.subject.value] = int(q.object.value)
        elif q.predicate == EKG.end:
            ends[q.subject.value] = int(q.object.value)
        elif q.predicate == EKG.refersTo:
            refers[q.subject.value] = q.object.value
    for m, entity in refers.items():
        if m in starts and m in ends and entity in mentioned:
            spans.setdefault(entity, []).append((starts[m], ends[m]))
    entity_spans = [
        (s, e, ent)
        for ent, ss in spans.items()
        for s, e in ss
        if _field_of(classes.get(ent, set())) not in (None, "areas")
    ]
    out = {}
    for name in FIELDS:
        gold_names = {normalise_name(g) for g in gold.get(name) or []}
        correct = extracted = 0
        fps = []
        carried: set[str] = set()
        for entity in sorted(mentioned):
            if _field_of(classes.get(entity, set())) != name:
                continue
            labels = names.get(entity, set())
            if labels & gold_names:
                correct += 1
                extracted += 1
                carried |= labels & gold_names
                continue
            if name == "areas" and all(
                any(s <= a and b <= e and (s, e) != (a, b) for s, e, _ in entity_spans)
                for a, b in spans.get(entity, [])
            ):
                continue  # found only inside another name: neutral
            extracted += 1
            fps.append(min(labels, key=lambda x: (len(x), x)) if labels else entity)
        fns = tuple(sorted(gold_names - carried))
        out[name] = FieldScore(
            correct, extracted, len(gold_names & carried), len(gold_names), tuple(sorted(fps)), fns
        )
    return out


def _labels(quads: list[Quad]) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate in (RDFS_LABEL, SKOS.altLabel):
            names.setdefault(q.subject.value, set()).add(normalise_name(q.object.value))
    return names


def score_relations(doc_id: str, quads: list[Quad], gold: dict) -> dict[str, FieldScore]:
    """Return relation scores by predicate of one document's quads (see the module docstring)."""
    document = document_iri(doc_id).value
    names = _labels(quads)
    names[document] = {"DOC"}
    classes = _classes(quads)
    extracted: dict[str, set[tuple[str, str]]] = {}
    for q in quads:
        predicate = q.predicate.value
        if not predicate.startswith(_EKG_BASE):
            continue
        local = predicate[len(_EKG_BASE) :]
        if local not in RELATION_PREDICATES or not hasattr(q.object, "value"):
            continue
        if local in _DOCUMENT_ONLY and q.subject.value != document:
            continue
        if q.subject.value.startswith(document + "/"):
            continue  # sections and mention nodes
        extracted.setdefault(local, set()).add((q.subject.value, q.object.value))
    wanted: dict[str, set[tuple[str, str]]] = {}
    for triple in gold.get("relations") or []:
        s, p, o = triple
        wanted.setdefault(p, set()).add((normalise_name(s), normalise_name(o)))
    for predicate in _DOCUMENT_ONLY:
        if predicate not in wanted:
            extracted.pop(predicate, None)  # metadata the gold does not record: not compared
    if not gold.get("people") and "affiliatedWith" not in wanted:
        extracted.pop("affiliatedWith", None)  # people not annotated: not compared
    out = {}
    for predicate in RELATION_PREDICATES:
        gold_pairs = wanted.get(predicate, set())
        pairs = extracted.get(predicate, set())
        correct = counted = 0
        fps: list[str] = []
        found: set[tuple[str, str]] = set()
        for s, o in sorted(pairs):
            s_names, o_names = names.get(s, set()), names.get(o, set())
            hits = {(a, b) for a, b in gold_pairs if a in s_names and b in o_names}
            if hits:
                correct += 1
                counted += 1
                found |= hits
                continue
            area_pair = "AdministrativeArea" in classes.get(s, set()) and (
                "AdministrativeArea" in classes.get(o, set())
            )
            from_name = any(b in a for a in s_names for b in o_names)
            if (predicate == "partOf" and area_pair) or (predicate == "locatedIn" and from_name):
                continue  # not annotated unless the text states it: neutral
            counted += 1
            short = [min(x, key=lambda n: (len(n), n)) if x else "?" for x in (s_names, o_names)]
            fps.append(f"{short[0]} {predicate} {short[1]}")
        fns = tuple(sorted(f"{a} {predicate} {b}" for a, b in gold_pairs - found))
        out[predicate] = FieldScore(
            correct, counted, len(found), len(gold_pairs), tuple(sorted(fps)), fns
        )
    return out


def _role_right(got: set[str], expected: str) -> bool:
    parts = [normalise_name(p) for p in expected.replace("、", ",").split(",") if p.strip()]
    return any(part == role or part.endswith(role) for role in got for part in parts)


def score_people(doc_id: str, quads: list[Quad], gold: dict) -> PeopleScore:
    """Return the people score of one document's quads against its gold record."""
    document = document_iri(doc_id).value
    classes = _classes(quads)
    names = _labels(quads)
    mentioned = {
        q.object.value for q in quads if q.subject.value == document and q.predicate == EKG.mentions
    }
    people = sorted(e for e in mentioned if "Person" in classes.get(e, set()))
    roles: dict[str, set[str]] = {}
    bodies: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == EKG.role:
            roles.setdefault(q.subject.value, set()).add(normalise_name(q.object.value))
        elif q.predicate == EKG.affiliatedWith:
            bodies.setdefault(q.subject.value, set()).add(q.object.value)
    records = {normalise_name(p["name"]): p for p in gold.get("people") or [] if p.get("name")}
    if not records:
        return PeopleScore(FieldScore(0, 0, 0, 0))  # people not annotated: not compared
    correct, fps, carried = 0, [], set()
    for person in people:
        hits = names.get(person, set()) & set(records)
        if hits:
            correct += 1
            carried |= hits
        else:
            fps.append(min(names.get(person, {person}), key=lambda n: (len(n), n)))
    role_right = role_total = aff_right = aff_total = 0
    errors = []
    for name in sorted(carried):
        record = records[name]
        carriers = [p for p in people if name in names.get(p, set())]
        if record.get("role"):
            got = {r for p in carriers for r in roles.get(p, set())}
            role_total += 1
            if _role_right(got, record["role"]):
                role_right += 1
            else:
                errors.append(f"{name} role {sorted(got)} ≠ {record['role']}")
        if record.get("affiliation"):
            aff_total += 1
            expected = normalise_name(record["affiliation"])
            got_names = {n for p in carriers for b in bodies.get(p, ()) for n in names.get(b, ())}
            if expected in got_names:
                aff_right += 1
            else:
                errors.append(f"{name} affiliation {sorted(got_names)} ≠ {record['affiliation']}")
    score = FieldScore(
        correct,
        len(people),
        len(carried),
        len(records),
        tuple(sorted(fps)),
        tuple(sorted(set(records) - carried)),
    )
    return PeopleScore(score, role_right, role_total, aff_right, aff_total, tuple(errors))


def bigram_dice(a: str, b: str) -> float:
    """Return the Dice similarity of the character bigrams of two names (quotes ignored).

    >>> bigram_dice("新增学位", "幼儿园新增学位")
    0.6666666666666666
    """
    a, b = normalise_name(a), normalise_name(b)
    if a == b:
        return 1.0
    x = [a[i : i + 2] for i in range(len(a) - 1)] or [a]
    y = [b[i : i + 2] for i in range(len(b) - 1)] or [b]
    common = sum(min(x.count(g), y.count(g)) for g in set(x))
    return 2 * common / (len(x) + len(y))


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None


def locate_text(text: str, phrase: str) -> list[tuple[int, int]]:
    """Return every span of `phrase` in `text`, ignoring white space and NFKC differences.

    >>> locate_text("比例达 51 %。比例达51%", "达51%")
    [(2, 8), (11, 15)]
    """
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                where.append(i)
    folded = "".join(chars)
    wanted = "".join(c for c in unicodedata.normalize("NFKC", phrase) if not c.isspace())
    spans = []
    at = folded.find(wanted) if wanted else -1
    while at >= 0:
        spans.append((where[at], where[at + len(wanted) - 1] + 1))
        at = folded.find(wanted, at + 1)
    return spans


def _extracted_targets(quads: list[Quad]) -> dict[str, tuple]:
    """Return target IRI → (value, unit, indicator, [mention spans]) from one document's quads."""
    targets: dict[str, dict] = {}
    starts: dict[str, int] = {}
    ends: dict[str, int] = {}
    refers: dict[str, str] = {}
    for q in quads:
        subject, predicate = q.subject.value, q.predicate
        if predicate == RDF_TYPE and q.object.value == EKG.Target.value:
            targets.setdefault(subject, {})
        elif predicate == RDF_VALUE:
            targets.setdefault(subject, {})["value"] = _decimal(q.object.value)
        elif predicate == EKG.unit:
            targets.setdefault(subject, {})["unit"] = q.object.value
        elif predicate == EKG.indicator:
            targets.setdefault(subject, {})["indicator"] = q.object.value
        elif predicate == EKG.start:
            starts[subject] = int(q.object.value)
        elif predicate == EKG.end:
            ends[subject] = int(q.object.value)
        elif predicate == EKG.refersTo:
            refers[subject] = q.object.value
    spans: dict[str, list[tuple[int, int]]] = {}
    for m, target in refers.items():
        if m in starts and m in ends:
            spans.setdefault(target, []).append((starts[m], ends[m]))
    return {
        t: (v.get("value"), v.get("unit"), v.get("indicator", ""), spans.get(t, []))
        for t, v in targets.items()
        if "indicator" in v  # rdf:value alone also marks reified statements
    }


def score_targets(text: str, quads: list[Quad], gold: dict) -> TargetScore | None:
    """Return the target score of one document's quads (see the module docstring).

    Args:
        text: the document text the mention offsets refer to.
        quads: the document's quads.
        gold: its gold record; None is returned when it has no "targets" list.
    """
    records = gold.get("targets")
    if records is None:
        return None
    extracted = _extracted_targets(quads)
    correct: set[str] = set()
    found = located = values_right = units_right = 0
    dice_sum = 0.0
    misses: list[str] = []
    pairs: list[str] = []
    for record in records:
        value, unit = _decimal(record.get("value")), record.get("unit")
        indicator = record.get("indicator") or ""
        places = locate_text(text, record.get("text") or "")

        def overlaps(spans: list[tuple[int, int]], places=places) -> bool:
            return any(s < b and a < e for s, e in spans for a, b in places)

        if places:
            near = [t for t, (_, _, _, spans) in extracted.items() if overlaps(spans)]
            if near:
                located += 1
                values_right += any(extracted[t][0] == value for t in near)
                units_right += any(extracted[t][1] == unit for t in near)
            hits = [t for t in near if extracted[t][:2] == (value, unit)]
        else:
            hits = [
                t
                for t, (v, u, ind, _) in extracted.items()
                if (v, u) == (value, unit) and bigram_dice(ind, indicator) >= TARGET_FALLBACK_DICE
            ]
        if hits:
            found += 1
            correct |= set(hits)
            best = max(hits, key=lambda t: bigram_dice(extracted[t][2], indicator))
            dice_sum += bigram_dice(extracted[best][2], indicator)
            pairs.append(f"{indicator} ≈ {extracted[best][2]}")
        else:
            misses.append(f"{record.get('text')} [{record.get('value')} {unit}]")
    wrong = sorted(
        f"{ind} [{v} {u}]" for t, (v, u, ind, _) in extracted.items() if t not in correct
    )
    score = FieldScore(
        len(correct), len(extracted), found, len(records), tuple(wrong), tuple(misses)
    )
    return TargetScore(score, dice_sum, located, values_right, units_right, tuple(pairs))


def _metadata_checks(doc: PolicyDocument, gold: dict) -> dict[str, bool]:
    meta = doc.metadata
    checks = {}
    for name, expected in (gold.get("metadata") or {}).items():
        if expected is None or name not in META_FIELDS:
            continue
        exp = normalise_name(str(expected))
        if name == "issuer":
            got = {normalise_name(v) for v in (meta.issuer, meta.issuer_full) if v}
            checks[name] = exp in got
        else:
            value = getattr(meta, name, None)
            checks[name] = value is not None and normalise_name(str(value)) == exp
    return checks


def document_quads_for(
    doc: PolicyDocument, extractor: Callable[[PolicyDocument], Extraction] = extract
) -> list[Quad]:
    """Return all quads ingestion would store for `doc` (metadata, sections and extraction)."""
    extraction = extractor(doc)
    quads = extraction_quads(doc, extraction)
    try:
        from loaders.to_rdf import document_quads
    except ImportError:
        return quads
    return quads + list(document_quads(doc, EXTRACTOR, body_terms(extraction)))


def read_for_eval(path: Path) -> PolicyDocument:
    """Return the document at `path`, read as ingestion reads it."""
    from loaders.read import read_document

    return read_document(path)


def evaluate(
    gold_dir: Path,
    paths: Iterable[Path],
    extractors: Mapping[str, Callable[[PolicyDocument], Extraction]] | None = None,
) -> EvalReport:
    """Return per-document and total scores of `paths` against gold files in `gold_dir`.

    A document's gold is `<gold_dir>/<stem>.json`; documents without gold are skipped.
    `extractors` may give a document (by file name) its own extractor: the training script
    scores each document with a model that was not trained on it.
    """
    scores = []
    for path in sorted(Path(p) for p in paths):
        gold_path = Path(gold_dir) / (path.stem + ".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_for_eval(path)
        quads = document_quads_for(doc, (extractors or {}).get(path.name, extract))
        fields = score_quads(doc.doc_id, quads, gold)
        scores.append(
            DocumentScore(
                path.name,
                fields,
                _metadata_checks(doc, gold),
                score_relations(doc.doc_id, quads, gold),
                score_people(doc.doc_id, quads, gold),
                score_targets(doc.text, quads, gold),
            )
        )
    return EvalReport(tuple(scores))


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """Return the report as a text table; with `verbose`, per-document errors too."""
    lines = [f"{'field':<14}{'P':>7}{'R':>7}{'F1':>7}   correct/extracted  found/gold"]
    for name in FIELDS:
        s = report.total(name)
        lines.append(
            f"{name:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   "
            f"{s.correct:>7}/{s.extracted:<9} {s.found:>5}/{s.gold}"
        )
    rows = [("relations", report.relation_total())]
    rows += [(p, report.relation_total(p)) for p in report.relation_predicates()]
    people = report.people_total()
    rows.append(("people", people.names))
    for name, s in rows:
        lines.append(
            f"{name:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   "
            f"{s.correct:>7}/{s.extracted:<9} {s.found:>5}/{s.gold}"
        )
    lines.append(
        f"people: role {people.roles_right}/{people.roles_compared}, "
        f"affiliation {people.affiliations_right}/{people.affiliations_compared}"
    )
    targets = report.targets_total()
    if targets is not None:
        s = targets.matches
        lines.append(
            f"{'targets':<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}   "
            f"{s.correct:>7}/{s.extracted:<9} {s.found:>5}/{s.gold}"
        )
        lines.append(
            f"targets: indicator dice {targets.indicator_dice:.3f} over {s.found} found, "
            f"value {targets.values_right}/{targets.located}, "
            f"unit {targets.units_right}/{targets.located} (located)"
        )
    meta = report.metadata_accuracy()
    if meta:
        lines.append("metadata: " + ", ".join(f"{k} {r}/{t}" for k, (r, t) in sorted(meta.items())))
    if verbose:
        for d in report.documents:
            lines.append(f"\n== {d.doc}")
            for name in FIELDS:
                s = d.fields[name]
                lines.append(f"  {name}: P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}")
                if s.false_positives:
                    lines.append("    FP: " + " | ".join(s.false_positives))
                if s.false_negatives:
                    lines.append("    FN: " + " | ".join(s.false_negatives))
            rel_fps = [x for s in d.relations.values() for x in s.false_positives]
            rel_fns = [x for s in d.relations.values() for x in s.false_negatives]
            if rel_fps or rel_fns:
                r = FieldScore(
                    sum(s.correct for s in d.relations.values()),
                    sum(s.extracted for s in d.relations.values()),
                    sum(s.found for s in d.relations.values()),
                    sum(s.gold for s in d.relations.values()),
                )
                lines.append(f"  relations: P={r.precision:.2f} R={r.recall:.2f} F1={r.f1:.2f}")
                if rel_fps:
                    lines.append("    FP: " + " | ".join(rel_fps))
                if rel_fns:
                    lines.append("    FN: " + " | ".join(rel_fns))
            if d.people is not None and (
                d.people.names.false_positives or d.people.names.false_negatives or d.people.errors
            ):
                lines.append("  people:")
                if d.people.names.false_positives:
                    lines.append("    FP: " + " | ".join(d.people.names.false_positives))
                if d.people.names.false_negatives:
                    lines.append("    FN: " + " | ".join(d.people.names.false_negatives))
                for error in d.people.errors:
                    lines.append("    " + error)
            if d.targets is not None:
                t = d.targets.matches
                lines.append(
                    f"  targets: P={t.precision:.2f} R={t.recall:.2f} F1={t.f1:.2f} "
                    f"indicator dice {d.targets.indicator_dice:.2f}"
                )
                if t.false_positives:
                    lines.append("    FP: " + " | ".join(t.false_positives))
                if t.false_negatives:
                    lines.append("    FN: " + " | ".join(t.false_negatives))
                if d.targets.pairs:
                    lines.append("    pairs: " + " | ".join(d.targets.pairs))
            bad = [k for k, ok in d.metadata.items() if not ok]
            if bad:
                lines.append("  metadata wrong: " + ", ".join(bad))
    return "\n".join(lines)
