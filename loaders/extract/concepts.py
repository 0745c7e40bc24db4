"""The programme concept scheme (ontology/programs.ttl) and linking programmes to it.

A programme belongs to the family whose prefLabel, altLabel or hiddenLabel its name equals or
contains (longest label first), so 蒲公英大学(名教师) or 青年名教师培养工程 both reach their families.

Which labels are read as programme mentions in running text (programme_names):
- prefLabel of ordinary families, and their altLabels of 4 characters or more;
- not skos:hiddenLabel: labels that only link (名班主任 names people, not a programme);
- not the labels of ekg:kind "theme" families (教育现代化 is a policy theme);
- the labels of ekg:kind "unit" families (名师工作室: one studio per host teacher, so the bare
  label names the kind of unit) only when quoted; programs.py checks that.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick
import pyoxigraph as ox

from loaders.identifiers import normalise_key
from ontology.namespace import EKG, SKOS

# skos:hiddenLabel is standard SKOS; ontology.namespace.SKOS lists only the terms the graph uses.
SKOS_HIDDEN_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#hiddenLabel")
PROGRAMS_TTL = Path(__file__).resolve().parents[2] / "ontology" / "programs.ttl"


@dataclass(frozen=True)
class Concept:
    """One programme family: IRI, Chinese labels, broader family, kind flags."""

    iri: str
    pref_label: str
    labels: tuple[str, ...]  # prefLabel @zh first, then altLabels @zh
    broader: str | None
    theme: bool
    hidden: tuple[str, ...] = ()  # hiddenLabels @zh: link a name to the family, never read
    unit: bool = False  # ekg:kind "unit": the bare label names a kind of unit (名师工作室)


@lru_cache(maxsize=4)
def load_concepts(path: Path = PROGRAMS_TTL) -> tuple[Concept, ...]:
    """Return every concept in the scheme file, sorted by IRI."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    rows: dict[str, dict] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        subject = quad.subject.value
        row = rows.setdefault(
            subject,
            {"pref": [], "alt": [], "hidden": [], "broader": None, "theme": False, "unit": False},
        )
        obj = quad.object
        if quad.predicate == SKOS.prefLabel and getattr(obj, "language", None) == "zh":
            row["pref"].append(obj.value)
        elif quad.predicate == SKOS.altLabel:
            row["alt"].append(obj.value)
        elif quad.predicate == SKOS_HIDDEN_LABEL:
            row["hidden"].append(obj.value)
        elif quad.predicate == SKOS.broader:
            row["broader"] = obj.value
        elif quad.predicate == EKG.kind and obj.value in ("theme", "unit"):
            row[obj.value] = True
    concepts = []
    for iri, row in sorted(rows.items()):
        if not row["pref"] or iri.endswith("/scheme"):
            continue
        labels = tuple(sorted(row["pref"])) + tuple(sorted(row["alt"]))
        concepts.append(
            Concept(
                iri,
                labels[0],
                labels,
                row["broader"],
                row["theme"],
                tuple(sorted(row["hidden"])),
                row["unit"],
            )
        )
    return tuple(concepts)


@lru_cache(maxsize=4)
def _labels_longest_first(path: Path = PROGRAMS_TTL) -> tuple[tuple[str, Concept], ...]:
    pairs = [
        (normalise_key(label), c) for c in load_concepts(path) for label in c.labels + c.hidden
    ]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1].iri)))


@lru_cache(maxsize=8192)
def concept_for(name: str, path: Path = PROGRAMS_TTL) -> Concept | None:
    """Return the family of a programme called `name`, or None.

    >>> concept_for("三名工程").pref_label
    '三名工程'
    >>> concept_for("课后延时服务").iri.endswith("kehou-fuwu")
    True
    >>> concept_for("蒲公英大学") is None
    True
    """
    key = normalise_key(name)
    found: tuple[int, tuple[int, str, str], Concept] | None = None
    for _, (rank, label, concept) in _label_automaton(path).iter(key):
        # The first label of _labels_longest_first's order that the name holds (a label of
        # one or two characters only when it is the whole name).
        if (len(label) >= 3 or label == key) and (found is None or rank < found[0]):
            found = (rank, (len(label), label, concept.iri), concept)
    return found[2] if found is not None else None


@lru_cache(maxsize=4)
def _label_automaton(path: Path = PROGRAMS_TTL) -> ahocorasick.Automaton:
    """Return every label, with its rank in _labels_longest_first, in one automaton: a name is
    read once instead of being tested against each of the scheme's labels in turn."""
    automaton = ahocorasick.Automaton()
    ranks: dict[str, list[tuple[int, str, Concept]]] = {}
    for rank, (label, concept) in enumerate(_labels_longest_first(path)):
        ranks.setdefault(label, []).append((rank, label, concept))
    for label, entries in ranks.items():
        automaton.add_word(label, min(entries, key=lambda e: e[0]))
    automaton.make_automaton()
    return automaton


def programme_names(path: Path = PROGRAMS_TTL) -> tuple[str, ...]:
    """Return the labels that are read as programme mentions in text (see the module docstring)."""
    return tuple(
        sorted(
            {
                label
                for c in load_concepts(path)
                if not c.theme
                for label in c.labels
                # A short altLabel (三名) is often part of an ordinary phrase; a short family
                # name itself (双减, 两基, 放管服) is distinctive enough to be read.
                if len(label) >= 4 or label == c.pref_label
            }
        )
    )


@lru_cache(maxsize=4)
def theme_labels(path: Path = PROGRAMS_TTL) -> tuple[str, ...]:
    """Return the labels of the theme families (课后服务), longest first: no programme's names
    alone, but the policy a quoted formula names a way of doing (“5+2”课后服务)."""
    labels = {label for c in load_concepts(path) if c.theme for label in c.labels}
    return tuple(sorted(labels, key=len, reverse=True))


@lru_cache(maxsize=4)
def _families_by_label(path: Path = PROGRAMS_TTL) -> dict[str, Concept]:
    out: dict[str, Concept] = {}
    for concept in load_concepts(path):
        for label in concept.labels + concept.hidden:
            out.setdefault(normalise_key(label), concept)
    return out


def family_label(name: str, path: Path = PROGRAMS_TTL) -> Concept | None:
    """Return the family when `name` is one of its labels itself (a bare family mention).

    >>> family_label("集团办学").pref_label
    '集团化办学'
    >>> family_label("青年教师英才") is None
    True
    """
    return _families_by_label(path).get(normalise_key(name))
