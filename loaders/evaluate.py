"""Score extraction against gold files in the shared format (CONTRACT.md, 'Gold format and scoring').

For each document the quads are built as ingestion builds them (read_document → extract →
extraction_quads, plus to_rdf.document_quads), then per field:
- an extracted entity of the field's classes that the document ekg:mentions counts correct when
  its rdfs:label or any skos:altLabel equals a gold name (NFKC, quotes and white space removed);
- a gold name counts found when some such entity carries it;
- an area whose every mention lies inside another entity's mention (钟楼区 in 钟楼区教育局)
  counts neither for nor against precision when the gold omits it.
Metadata fields are compared exactly (after the same normalisation) where the gold has them.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Quad

from loaders.documents import PolicyDocument
from loaders.extract import EXTRACTOR, extract
from loaders.extract.rdf import extraction_quads
from loaders.identifiers import document_iri
from ontology.namespace import EKG, RDF_TYPE, RDFS_LABEL, SKOS

FIELDS = ("schools", "groups", "programs", "organizations", "areas")
META_FIELDS = ("title", "doc_type", "issuer", "date", "doc_number", "index_number", "jurisdiction")
_QUOTES = "“”\"'‘’「」『』《》"


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


@dataclass(frozen=True)
class DocumentScore:
    """One document's scores per field and its metadata comparisons."""

    doc: str
    fields: dict[str, FieldScore]
    metadata: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class EvalReport:
    """Per-document scores and micro-averaged totals per field."""

    documents: tuple[DocumentScore, ...]

    def total(self, name: str) -> FieldScore:
        """Return the micro-averaged counts of field `name` over all documents."""
        scores = [d.fields[name] for d in self.documents]
        return FieldScore(
            sum(s.correct for s in scores),
            sum(s.extracted for s in scores),
            sum(s.found for s in scores),
            sum(s.gold for s in scores),
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


def document_quads_for(doc: PolicyDocument) -> list[Quad]:
    """Return all quads ingestion would store for `doc` (metadata, sections and extraction)."""
    quads = extraction_quads(doc, extract(doc))
    try:
        from loaders.to_rdf import document_quads
    except ImportError:
        return quads
    return quads + list(document_quads(doc, EXTRACTOR))


def read_for_eval(path: Path) -> PolicyDocument:
    """Return the document at `path`, read as ingestion reads it."""
    from loaders.read import read_document

    return read_document(path)


def evaluate(gold_dir: Path, paths: Iterable[Path]) -> EvalReport:
    """Return per-document and total scores of `paths` against gold files in `gold_dir`.

    A document's gold is `<gold_dir>/<stem>.json`; documents without gold are skipped.
    """
    scores = []
    for path in sorted(Path(p) for p in paths):
        gold_path = Path(gold_dir) / (path.stem + ".json")
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_for_eval(path)
        fields = score_quads(doc.doc_id, document_quads_for(doc), gold)
        scores.append(DocumentScore(path.name, fields, _metadata_checks(doc, gold)))
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
            bad = [k for k, ok in d.metadata.items() if not ok]
            if bad:
                lines.append("  metadata wrong: " + ", ".join(bad))
    return "\n".join(lines)
