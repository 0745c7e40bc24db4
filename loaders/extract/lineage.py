"""Lineage between programmes of one concept family, across documents (pure; the store applies it).

Rules (their names go into provenance, so a link can be traced to the rule that made it):
- lineage.implements.v1: a programme implements the programme of the same concept stated by an
  enclosing jurisdiction (its city, else its province) in the same or an earlier year; of
  several, the most recent year, the nearest enclosing level first.
- lineage.continues.v1: a programme continues the same jurisdiction's programme of the same
  concept from the nearest earlier year.
"""

from __future__ import annotations

from dataclasses import dataclass

IMPLEMENTS_RULE = "lineage.implements.v1"
CONTINUES_RULE = "lineage.continues.v1"


@dataclass(frozen=True)
class ProgramRecord:
    """What lineage needs to know of one Program.

    Attributes:
        iri: the programme's IRI.
        concept: its ekg:concept IRI.
        jurisdiction: the area code of its jurisdiction.
        jurisdiction_name: the area's name (for messages).
        parents: codes of the enclosing areas, from the province down (excluding itself).
        year: the year it is stated for.
    """

    iri: str
    concept: str
    jurisdiction: str
    jurisdiction_name: str
    parents: tuple[str, ...]
    year: int | None


def infer_lineage(programs: list[ProgramRecord]) -> list[tuple[str, str, str, str]]:
    """Return (subject IRI, predicate, object IRI, rule name) links, sorted.

    >>> a = ProgramRecord("a", "k", "1", "市", (), 2019)
    >>> b = ProgramRecord("b", "k", "2", "区", ("1",), 2019)
    >>> infer_lineage([a, b])
    [('b', 'implements', 'a', 'lineage.implements.v1')]
    """
    links: set[tuple[str, str, str, str]] = set()
    by_concept: dict[str, list[ProgramRecord]] = {}
    for p in programs:
        if p.concept and p.year is not None:
            by_concept.setdefault(p.concept, []).append(p)
    for family in by_concept.values():
        for p in family:
            for parent_code in reversed(p.parents):  # nearest enclosing level first
                above = [q for q in family if q.jurisdiction == parent_code and q.year <= p.year]
                if above:
                    best = max(above, key=lambda q: (q.year, q.iri))
                    links.add((p.iri, "implements", best.iri, IMPLEMENTS_RULE))
                    break
            earlier = [q for q in family if q.jurisdiction == p.jurisdiction and q.year < p.year]
            if earlier:
                best = max(earlier, key=lambda q: (q.year, q.iri))
                links.add((p.iri, "continues", best.iri, CONTINUES_RULE))
    return sorted(links)
