"""Train the mention model (loaders/extract/data/mention_model.json) from the development gold.

.venv/bin/python scripts/train_mention_model.py             # train, report, write the model
.venv/bin/python scripts/train_mention_model.py --check     # exit 1 unless training reproduces it
.venv/bin/python scripts/train_mention_model.py --held-out  # full-pipeline scores, each document
                                                            # extracted by a model without it

Training data: the bundled corpus with ../shared/gold and ../shared/devextra (25 documents).
../shared/devextra2 is never read here: it measures whether the model generalises
(bench/eval_dev.py). Every alternative name of every anchor is one example, labelled true when
its surface form (or the canonical name a rule gave it) is a gold name of its field, or a short
form of one (aliases.full_form).

Two L2-regularised logistic regressions (liblinear, deterministic): the anchor screen, over cheap
features, labelled true when some alternative of the anchor is; and the alternative scorer.
Leave-one-document-out predictions choose the screen's threshold (the highest that keeps 98 % of
the positive anchors) and each kind's threshold (the best F1 of the names chosen per document),
and are stored in the file as the model's expected quality on documents it was not trained on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.documents import PolicyDocument  # noqa: E402
from loaders.evaluate import normalise_name  # noqa: E402
from loaders.extract import rule_candidates  # noqa: E402
from loaders.extract.aliases import full_form  # noqa: E402
from loaders.extract.areas import area_context  # noqa: E402
from loaders.extract.mention_model import (  # noqa: E402
    MODEL_PATH,
    AnchorCase,
    MentionModel,
    choose,
    describe,
)
from loaders.extract.sentences import split_sentences  # noqa: E402
from loaders.read import read_document  # noqa: E402

FIELDS = {"school": "schools", "group": "groups", "org": "organizations", "program": "programs"}
C = 0.5  # inverse regularisation strength of both models
# The thresholds tried; the first and the last only stand beside the others (see _plateau).
THRESHOLDS = [round(0.15 + 0.05 * i, 2) for i in range(15)]
# F1 differences the thresholds' choice ignores: about two names of the development sets'
# several hundred of each kind, which one retraining moves.
PLATEAU_TOLERANCE = 0.005
# A kind's threshold leaves 0.5 only for one whose F1 is higher by this many standard
# deviations of the difference, over BOOTSTRAP_SAMPLES resamplings of the documents.
DEPARTURE_SDS = 2
BOOTSTRAP_SAMPLES = 500
SCREEN_THRESHOLDS = [0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2]
SCREEN_RECALL = 0.98
EXAMPLES = ROOT / "scripts" / "training_examples.txt"
# Features that carry a rule's verdict (see _matrix).
RULE_KEYS = (":rule_exact", ":rule=", ":rule_other", ":rule_none")


@dataclass(frozen=True)
class Document:
    """One training document: its anchors, their labels, and its gold names."""

    name: str
    cases: list[AnchorCase]
    labels: list[list[bool]]  # per anchor, per alternative
    gold: dict[str, set[str]]
    forms: list[list[frozenset[str]]]  # each alternative's names (surface, rule canonical)


def training_files(shared: Path) -> list[tuple[Path, Path]]:
    """Return (document, gold file) pairs of the training sets: the corpus, then devextra, each
    sorted by file name. Not by whole path: where the project and ../shared lie would then
    decide the order (/work/speed sorts after /work/shared), and the model trained on them."""
    corpus = [
        (p, shared / "gold" / f"{p.stem}.json")
        for p in sorted((ROOT / "data" / "corpus").glob("*.txt"), key=lambda p: p.name)
    ]
    devextra = [
        (p, shared / "devextra" / "gold" / f"{p.stem}.json")
        for p in sorted((shared / "devextra" / "docs").glob("*.txt"), key=lambda p: p.name)
    ]
    return [(d, g) for d, g in corpus + devextra if g.exists()]


def data_hash(pairs: Sequence[tuple[Path, Path]]) -> str:
    """Return the SHA-256 of the training files (names and bytes, in order)."""
    digest = hashlib.sha256()
    for doc, gold in pairs:
        for path in (doc, gold):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(EXAMPLES.name.encode() + b"\0" + EXAMPLES.read_bytes() + b"\0")
    return digest.hexdigest()


def load_document(path: Path, gold_path: Path) -> Document:
    """Return one document's anchors (every one read), their labels and its gold names."""
    gold_record = json.loads(gold_path.read_text(encoding="utf-8"))
    gold = {
        kind: {normalise_name(n) for n in gold_record.get(f) or []} for kind, f in FIELDS.items()
    }
    return _labelled(path.name, read_document(path), gold)


def written_examples(path: Path = EXAMPLES) -> list[Document]:
    """Return the written example sentences (EXAMPLES), one small document per sentence."""
    from loaders.documents import DocumentMetadata, PolicyDocument, Span
    from loaders.identifiers import document_id, document_key, short_hash
    from loaders.normalise import normalise_text

    out: list[Document] = []
    chain: tuple[str, ...] = ()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            chain = tuple(line[1:].split())
            continue
        text, _, listed = line.partition(" || ")
        text = text.rstrip(" |")
        gold: dict[str, set[str]] = {kind: set() for kind in FIELDS}
        for item in filter(None, (part.strip() for part in listed.split(","))):
            kind, _, name = item.partition(":")
            gold[kind].add(normalise_name(name))
        norm = normalise_text(text)
        doc = PolicyDocument(
            source=f"{path.name}:{number}",
            text=text,
            norm=norm,
            encoding="utf-8",
            media_type="text/plain",
            body=(Span(0, len(text)),),
            metadata=DocumentMetadata(
                jurisdiction=chain[-1] if chain else None, jurisdiction_chain=chain
            ),
            sections=(),
            doc_id=document_id(document_key(None, None, norm)),
            content_hash=short_hash(norm, 64),
        )
        out.append(_labelled(doc.source, doc, gold))
    return out


def _labelled(name: str, doc: PolicyDocument, gold: dict[str, set[str]]) -> Document:
    """Return a document's anchors (every one read) labelled by its gold names."""
    sentences = split_sentences(doc)
    context = area_context(doc)
    rules, spans = rule_candidates(doc, sentences, context)
    cases = describe(doc.norm, spans, rules)
    labels, forms = [], []
    for case in cases:
        row, names = [], []
        for scored in case.alternatives:
            alt = scored.alternative
            found = {normalise_name(doc.text[alt.start : alt.anchor.end])}
            if alt.rule is not None:
                found.add(normalise_name(alt.rule.name))
                if alt.rule.canonical:
                    found.add(normalise_name(alt.rule.canonical))
            kind = alt.anchor.kind
            names.append(frozenset(found))
            # A short form of a gold name (桥小 for 桥头街小学) is a real mention: the alias
            # stage makes it an altLabel of that name's entity.
            row.append(
                bool(found & gold[kind])
                or any(full_form(kind, form, gold[kind], context) for form in found)
            )
        labels.append(row)
        forms.append(names)
    return Document(name, cases, labels, gold, forms)


def _without_rules(features: dict[str, float]) -> dict[str, float]:
    return {k: v for k, v in features.items() if not any(r in k for r in RULE_KEYS)}


def _alternative_rows(documents: Sequence[Document]) -> tuple[list[dict], list[bool]]:
    rows = [dict(s.features) for d in documents for c in d.cases for s in c.alternatives]
    ys = [y for d in documents for row in d.labels for y in row]
    # Every example again without the rules' verdict. The rules were written on these documents,
    # so here they look infallible and a model would learn nothing else; on unseen documents
    # they miss names. The copies make the model weigh the general features as well.
    return rows + [_without_rules(r) for r in rows], ys + ys


def _anchor_rows(documents: Sequence[Document]) -> tuple[list[dict], list[bool]]:
    rows = [dict(c.features) for d in documents for c in d.cases]
    ys = [any(row) for d in documents for row in d.labels]
    return rows, ys


def _fit(rows: list[dict], ys: list[bool]) -> dict[str, float]:
    """Return the weights (by feature name) of one logistic regression per kind.

    Each kind is fitted on its own rows, its intercept carried by its 'kind=…' feature: the
    kinds share no weight, so a feature or an example added for one kind leaves the others
    as they were."""
    by_kind: dict[str, tuple[list[dict], list[bool]]] = {}
    for row, y in zip(rows, ys, strict=True):
        kind = next(k for k in row if k.startswith("kind="))
        kind_rows, kind_ys = by_kind.setdefault(kind, ([], []))
        kind_rows.append({k: v for k, v in row.items() if k != "bias"})
        kind_ys.append(y)
    weights: dict[str, float] = {}
    for kind in sorted(by_kind):
        weights.update(_fit_one(*by_kind[kind]))
    return weights


def _fit_one(rows: list[dict], ys: list[bool]) -> dict[str, float]:
    """Return the weights of a logistic regression over `rows`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(rows).toarray()
    # The intercept is a feature of its own ('kind=…'), so liblinear regularises it like the rest.
    model = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=1000)
    model.fit(matrix, ys)
    weights = {}
    for name, weight in zip(vectoriser.feature_names_, model.coef_[0], strict=True):
        rounded = round(float(weight), 6)
        if rounded:
            weights[name] = rounded
    return weights


def fit(documents: Sequence[Document]) -> tuple[dict[str, float], dict[str, float]]:
    """Return (alternative weights, anchor-screen weights) fitted on `documents`."""
    return _fit(*_alternative_rows(documents)), _fit(*_anchor_rows(documents))


def _screened(doc: Document, model: MentionModel) -> list[AnchorCase]:
    """Return the document's anchors as extraction sees them: unread when screened out."""
    return [
        c
        if any(k.endswith(":rule") for k in c.features)
        or model.anchor_probability(c.features) >= model.anchor_threshold
        else AnchorCase(c.anchor, c.features, ())
        for c in doc.cases
    ]


def _chosen_names(
    doc: Document, model: MentionModel, backstop: bool = True
) -> dict[str, set[frozenset[str]]]:
    forms = {
        s.alternative: names
        for case, row in zip(doc.cases, doc.forms, strict=True)
        for s, names in zip(case.alternatives, row, strict=True)
    }
    chosen: dict[str, set[frozenset[str]]] = {kind: set() for kind in FIELDS}
    for scored in choose(_screened(doc, model), model, backstop):
        chosen[scored.alternative.anchor.kind].add(forms[scored.alternative])
    return chosen


def _counts(
    documents: Sequence[Document], models: Sequence[MentionModel], backstop: bool = True
) -> list[dict[str, tuple[int, int, int, int]]]:
    """Return per document and kind (correct, chosen, gold found, gold) of the names chosen."""
    rows = []
    for doc, model in zip(documents, models, strict=True):
        row = {}
        for kind, forms in _chosen_names(doc, model, backstop).items():
            gold = doc.gold[kind]
            found = gold & set().union(*forms) if forms else set()
            row[kind] = (sum(1 for f in forms if f & gold), len(forms), len(found), len(gold))
        rows.append(row)
    return rows


def _prf(rows: Sequence[dict[str, tuple[int, int, int, int]]], kind: str) -> tuple:
    """Return (precision, recall, F1) of `kind` over the documents' counts `rows`."""
    correct, chosen, found, gold = (sum(row[kind][i] for row in rows) for i in range(4))
    p = correct / chosen if chosen else 1.0
    r = found / gold if gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def score(
    documents: Sequence[Document], models: Sequence[MentionModel], backstop: bool = True
) -> dict[str, tuple]:
    """Return per kind (precision, recall, F1) of the names each document's model chooses."""
    rows = _counts(documents, models, backstop)
    return {kind: tuple(round(v, 3) for v in _prf(rows, kind)) for kind in FIELDS}


def _screen_threshold(documents: Sequence[Document], folds: Sequence[dict[str, float]]) -> tuple:
    """Return (threshold, recall of positive anchors, share of anchors read) of the screen."""
    probabilities = []
    for doc, weights in zip(documents, folds, strict=True):
        screen = MentionModel({}, 0.0, {}, weights, 0.0)
        for case, row in zip(doc.cases, doc.labels, strict=True):
            ruled = any(k.endswith(":rule") for k in case.features)  # always read
            probabilities.append(
                (1.0 if ruled else screen.anchor_probability(case.features), any(row))
            )
    positives = sum(1 for _, y in probabilities if y)
    best = (SCREEN_THRESHOLDS[0], 1.0, 1.0)
    for t in SCREEN_THRESHOLDS:
        kept = [y for p, y in probabilities if p >= t]
        recall = sum(kept) / positives if positives else 1.0
        if recall >= SCREEN_RECALL:
            best = (t, round(recall, 3), round(len(kept) / len(probabilities), 3))
    return best


def _plateau(f1: dict[float, dict[str, float]], kind: str) -> float:
    """Return the threshold nearest 0.5 whose F1, averaged with its two neighbours', is within
    PLATEAU_TOLERANCE of the highest: a broad optimum, not a peak one document's anchors make.

    The curves are flat over most of the grid (schools moved by less than 0.01 from 0.15 to
    0.7), so the highest average alone swung between far-apart thresholds from one retraining
    to the next. Within the tolerance the thresholds score alike here, and 0.5 is where a
    logistic model's odds are even. Only a threshold with a neighbour on each side is chosen:
    at the grid's ends the average of two would favour an end on a flat curve.

    >>> curve = {0.2: 0.85, 0.25: 0.85, 0.3: 0.85, 0.35: 0.8, 0.4: 0.8, 0.45: 0.8}
    >>> _plateau({t: {"k": v} for t, v in curve.items()}, "k")
    0.25
    >>> curve = {0.3: 0.90, 0.35: 0.90, 0.4: 0.90, 0.45: 0.897, 0.5: 0.897, 0.55: 0.897}
    >>> _plateau({t: {"k": v} for t, v in curve.items()}, "k")
    0.5
    """
    grid = sorted(f1)

    def smoothed(i: int) -> float:
        return sum(f1[t][kind] for t in grid[i - 1 : i + 2]) / 3

    inner = range(1, len(grid) - 1)
    best = max(smoothed(i) for i in inner)
    near = [i for i in inner if smoothed(i) >= best - PLATEAU_TOLERANCE]
    return grid[min(near, key=lambda i: (abs(grid[i] - 0.5), -smoothed(i)))]


def _departure(counts: dict[float, list[dict]], kind: str, chosen: float) -> float:
    """Return `chosen`, or 0.5 when its leave-one-document-out F1 is not better than 0.5's by
    more than DEPARTURE_SDS standard deviations of the difference over documents (a bootstrap
    of the documents, seeded: the same data give the same choice).

    The curve is flat within its noise for some kinds (schools: the plateau's 0.25 scored 0.003
    below 0.5, with a standard deviation of 0.008), and the plateau's choice then swung between
    0.5 and 0.25 with any change of the training data; on blind sets 0.5 scored as well or
    better each time. A kind whose curve falls clearly (programmes: 0.05 with a
    standard deviation of 0.01) keeps its lower threshold.
    """
    even = 0.5
    if chosen == even:
        return chosen
    rng = random.Random(0)
    n = len(counts[chosen])
    differences = []
    for _ in range(BOOTSTRAP_SAMPLES):
        sample = [rng.randrange(n) for _ in range(n)]
        differences.append(
            _prf([counts[chosen][i] for i in sample], kind)[2]
            - _prf([counts[even][i] for i in sample], kind)[2]
        )
    mean = sum(differences) / len(differences)
    sd = (sum((d - mean) ** 2 for d in differences) / len(differences)) ** 0.5
    return chosen if mean > DEPARTURE_SDS * sd else even


def train(shared: Path, verbose: bool = True) -> dict:
    """Return the model record (as written to the JSON file) trained on the development gold."""
    pairs = training_files(shared)
    documents = [load_document(d, g) for d, g in pairs]
    examples = written_examples()
    # Leave-one-document-out: each document scored by models that never saw it (the written
    # examples are in every fold; they are not scored).
    folds = [fit(documents[:i] + documents[i + 1 :] + examples) for i in range(len(documents))]
    screen, screen_recall, read_share = _screen_threshold(documents, [a for _, a in folds])
    # The model's threshold is chosen as if it stood alone: with the rules' backstop, a higher
    # one would look as good here, where the rules were written, and would leave every name no
    # rule knows to the model alone on unseen documents.
    counts = {}
    for t in THRESHOLDS:
        models = [MentionModel(w, 0.0, dict.fromkeys(FIELDS, t), a, screen) for w, a in folds]
        counts[t] = _counts(documents, models, backstop=False)
    f1 = {t: {kind: round(_prf(rows, kind)[2], 3) for kind in FIELDS} for t, rows in counts.items()}
    thresholds = {kind: _departure(counts, kind, _plateau(f1, kind)) for kind in FIELDS}
    models = [MentionModel(w, 0.0, thresholds, a, screen) for w, a in folds]
    held_out = score(documents, models)
    if verbose:
        print(
            f"anchor screen: threshold {screen}, keeps {screen_recall:.1%} of the positive "
            f"anchors, reads {read_share:.1%} of all anchors (leave-one-document-out)"
        )
        for kind, (p, r, f1) in held_out.items():
            print(
                f"leave-one-document-out {kind:7s} P {p:.3f} R {r:.3f} F1 {f1:.3f}"
                f"  (threshold {thresholds[kind]})"
            )
    weights, anchor_weights = fit(documents + examples)
    rows, ys = _alternative_rows(documents + examples)
    return {
        "model": f"two logistic regressions (liblinear, L2, C={C}); features: features.py",
        "training_data_sha256": data_hash(pairs),
        "training_documents": [d.name for d in documents],
        "written_examples": len(examples),
        "examples": len(ys) // 2,
        "positive_examples": sum(ys) // 2,
        "anchors": sum(len(d.cases) for d in documents),
        "leave_one_document_out": {
            "screen": {"kept_positive_anchors": screen_recall, "anchors_read": read_share},
            **{k: dict(zip(("P", "R", "F1"), v, strict=True)) for k, v in held_out.items()},
        },
        "anchor_threshold": screen,
        "thresholds": thresholds,
        "intercept": 0.0,
        "anchor_weights": dict(sorted(anchor_weights.items())),
        "weights": dict(sorted(weights.items())),
    }


def evaluate_held_out(shared: Path, verbose: bool = False) -> None:
    """Print the full pipeline's scores with each training document extracted by a model
    trained without it (the scorer of bench/eval_dev.py)."""
    from loaders.evaluate import evaluate, format_report
    from loaders.extract import extract

    pairs = training_files(shared)
    documents = [load_document(d, g) for d, g in pairs]
    examples = written_examples()
    record = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    extractors = {}
    for i, doc in enumerate(documents):
        weights, anchor_weights = fit(documents[:i] + documents[i + 1 :] + examples)
        model = MentionModel(
            weights, 0.0, record["thresholds"], anchor_weights, record["anchor_threshold"]
        )
        extractors[doc.name] = lambda d, m=model: extract(d, m)
    for title, gold in (("corpus", shared / "gold"), ("devextra", shared / "devextra" / "gold")):
        paths = [d for d, g in pairs if g.parent == gold]
        lines = format_report(evaluate(gold, paths, extractors), verbose=verbose).splitlines()
        print(f"### {title}, leave-one-document-out")
        print("\n".join(lines if verbose else lines[:6]))


def model_text(record: dict) -> str:
    """Return the model file's text (sorted keys, one weight per line)."""
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--check", action="store_true", help="compare with the committed model")
    parser.add_argument(
        "--held-out", action="store_true", help="score each training document by a model without it"
    )
    parser.add_argument("--verbose", action="store_true", help="with --held-out: list the misses")
    args = parser.parse_args()
    if args.held_out:
        evaluate_held_out(args.shared, args.verbose)
        return 0
    text = model_text(train(args.shared))
    if args.check:
        same = MODEL_PATH.exists() and MODEL_PATH.read_text(encoding="utf-8") == text
        print(
            "the committed model is reproduced" if same else f"{MODEL_PATH} differs from training"
        )
        return 0 if same else 1
    MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
    MODEL_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
