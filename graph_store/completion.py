"""Entity labels for the SPARQL editor's completion: a bounded list read from the store, and the
entities a typed label fragment names.

The list is read with two fixed read-only queries (no parameter, no SERVICE or LOAD; each
answers in 0.1-0.2 s at 1 M quads), once per store generation by the app, which then matches
fragments in memory: typing asks the store nothing.

    entity_labels(store)                 tuple[EntityLabel, ...], at most MAX_ENTITIES
    match_labels(labels, "仓桥")          the best matches, exact before prefix before part
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import Literal
from pypinyin import lazy_pinyin

from graph_store.app_queries import (
    CLASS_ORDER,
    PREFIXES,
    NodeInfo,
    local_name,
    main_class,
    where_when,
)
from graph_store.protocol import GraphStore

# Bounds: 10 900 entities and 12 900 name rows at 1 M quads. Past them the list is cut (the
# entities read first are kept), so a store ten times larger still costs a bounded list.
MAX_ENTITIES = 20_000
MAX_NAME_ROWS = 60_000
# Named things a query is written about (sections, mentions and targets are reached from them).
ENTITY_CLASSES = CLASS_ORDER[: CLASS_ORDER.index("Document") + 1]
_CLASS_VALUES = " ".join(f"ekg:{c}" for c in ENTITY_CLASSES)

# Each entity's classes and names (rdfs:label first, then skos:prefLabel, dct:title, and the
# short forms in skos:altLabel, which are matched but never shown).
NAMES_QUERY = f"""
SELECT DISTINCT ?entity ?class ?name ?kind WHERE {{
  {{ SELECT DISTINCT ?entity ?class WHERE {{ VALUES ?class {{ {_CLASS_VALUES} }} ?entity a ?class }} }}
  OPTIONAL {{ SELECT DISTINCT ?entity ?name ?kind WHERE {{
    VALUES (?property ?kind) {{ (rdfs:label 0) (skos:prefLabel 1) (dct:title 2) (skos:altLabel 3) }}
    ?entity ?property ?name FILTER(isLiteral(?name)) }} }}
}} LIMIT {MAX_NAME_ROWS}
"""
# Where and when, as the app's pickers show them: jurisdiction (or location) and year. Each part
# is made distinct before the join (the union default graph repeats what each document restates).
WHERE_QUERY = f"""
SELECT DISTINCT ?entity ?area_name ?year WHERE {{
  {{ SELECT DISTINCT ?entity WHERE {{ VALUES ?class {{ {_CLASS_VALUES} }} ?entity a ?class }} }}
  OPTIONAL {{ SELECT DISTINCT ?entity ?area_name WHERE {{
    {{ SELECT DISTINCT ?entity ?area WHERE {{ ?entity ekg:jurisdiction|ekg:locatedIn ?area }} }}
    {{ SELECT DISTINCT ?area ?area_name WHERE {{
        {{ SELECT DISTINCT ?area WHERE {{ ?area a ekg:AdministrativeArea }} }}
        ?area rdfs:label ?area_name }} }} }} }}
  OPTIONAL {{ SELECT DISTINCT ?entity ?year WHERE {{ ?entity ekg:year|ekg:coverageYear ?year }} }}
}} LIMIT {MAX_NAME_ROWS}
"""


@dataclass(frozen=True)
class EntityLabel:
    """An entity as the editor offers it: what it is called, what it is, where and when."""

    iri: str
    label: str
    literal: str  # the label as a SPARQL literal, with its language tag: "西仓桥小学"@zh
    cls: str
    where: str
    names: tuple[str, ...]  # lower-cased labels and short forms, matched against a fragment
    pinyin: tuple[str, ...]  # full pinyin and initials of the label (xicangqiaoxiaoxue, xcqxx)

    def caption(self) -> str:
        """Return 'label · 类 Class · jurisdiction · year', as everywhere in the app."""
        return NodeInfo(self.iri, self.label, self.cls, self.where).caption()


def entity_labels(store: GraphStore, limit: int = MAX_ENTITIES) -> tuple[EntityLabel, ...]:
    """Return the store's named entities (at most `limit`) with their labels, class and place.

    Args:
        store: any GraphStore; only the two fixed SELECTs above are run on it.
        limit: the most entities kept.

    Returns:
        The entities sorted by label, each with its names and their pinyin for matching.
    """
    classes: dict[str, set[str]] = defaultdict(set)
    names: dict[str, list[tuple[int, Literal]]] = defaultdict(list)
    for entity, cls, name, kind in store.select(PREFIXES + NAMES_QUERY):
        if len(classes) >= limit and entity.value not in classes:
            continue
        classes[entity.value].add(local_name(cls.value))
        if isinstance(name, Literal):
            names[entity.value].append((int(kind.value), name))
    areas: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[str]] = defaultdict(set)
    for entity, area, year in store.select(PREFIXES + WHERE_QUERY):
        if area is not None:
            areas[entity.value].add(area.value)
        if year is not None:
            years[entity.value].add(year.value)
    out = [
        _entry(iri, kinds, names[iri], min(areas[iri], default=""), min(years[iri], default=""))
        for iri, kinds in classes.items()
    ]
    return tuple(sorted(out, key=lambda e: (e.label, e.iri)))


def _entry(
    iri: str, classes: set[str], names: list[tuple[int, Literal]], area: str, year: str
) -> EntityLabel:
    # Shown: the first rdfs:label (Chinese before other languages), else prefLabel, else title.
    shown = [n for n in sorted(names, key=lambda kn: (kn[0], kn[1].language != "zh", kn[1].value))]
    label = next((n for kind, n in shown if kind < 3), None)
    text = label.value if label is not None else local_name(iri)
    literal = str(label) if label is not None else str(Literal(text))
    where = where_when(area, year)
    keys = tuple(dict.fromkeys(n.value.casefold() for _, n in shown)) or (text.casefold(),)
    return EntityLabel(iri, text, literal, main_class(classes), where, keys, pinyin(text))


def pinyin(text: str) -> tuple[str, ...]:
    """Return the full pinyin and the initials of `text`'s Chinese characters, lower case.

    Character by character, each in its first reading: a phrase-aware pass (as the search index
    makes) cost 1 s for the 5 800 distinct labels of 1 M quads, this one 0.05 s; a polyphone
    (长, 重) may read otherwise than in the phrase, and the search page still finds it.

    >>> pinyin("西仓桥小学")
    ('xicangqiaoxiaoxue', 'xcqxx')
    >>> pinyin("STEM")
    ()
    """
    syllables = [s for s in map(_syllable, text) if s]
    if not syllables:
        return ()
    return "".join(syllables), "".join(s[0] for s in syllables)


@lru_cache(maxsize=32_768)
def _syllable(char: str) -> str:
    found = lazy_pinyin(char, errors="ignore")
    return found[0].lower() if found and found[0].isascii() else ""


def match_labels(
    labels: Iterable[EntityLabel], fragment: str, limit: int = 30
) -> list[EntityLabel]:
    """Return the entities whose names hold `fragment`, best first, at most `limit`.

    An exact name comes first, then names that start with the fragment, then names that hold
    it; a Latin fragment also matches the pinyin of the label (xcq, xicangqiao) and the IRI's
    last segment. Shorter labels first within a rank.

    >>> e = EntityLabel("https://w3id.org/edukg/id/school/xcq", "西仓桥小学", '"西仓桥小学"@zh',
    ...                 "School", "钟楼区", ("西仓桥小学",), ("xicangqiaoxiaoxue", "xcqxx"))
    >>> [m.label for m in match_labels([e], "仓桥")], [m.label for m in match_labels([e], "XCQ")]
    (['西仓桥小学'], ['西仓桥小学'])
    >>> match_labels([e], "  ")
    []
    """
    typed = fragment.strip().casefold()
    if not typed:
        return []
    latin = typed.isascii()
    ranked = []
    for entry in labels:
        rank = _rank(entry, typed, latin)
        if rank is not None:
            ranked.append((rank, len(entry.label), entry.label, entry.iri, entry))
    ranked.sort(key=lambda r: r[:4])
    return [r[-1] for r in ranked[:limit]]


def _rank(entry: EntityLabel, typed: str, latin: bool) -> int | None:
    # Per name: 0 exact, 1 prefix, 2 part; a short form (after the shown label) ranks after it.
    best = None
    for position, name in enumerate(entry.names):
        kind = 0 if name == typed else 1 if name.startswith(typed) else 2 if typed in name else None
        if kind is not None:
            rank = 2 * kind + (position > 0)
            best = rank if best is None else min(best, rank)
    if best is None and latin:
        if any(p.startswith(typed) for p in entry.pinyin) or typed in local_name(entry.iri):
            best = 6
    return best
