"""Cross-document programme lineage (implements / continues), inferred after each ingest.

A district's programme implements the city's programme of the same family (ProgramConcept) and
an earlier or same year; a jurisdiction's programme continues its own of an earlier year
(loaders/extract/lineage.py holds the rules). The links go into the inferred graph with their
provenance (graph_store/inferred.py):

    ?s rdf:subject ?program ; rdf:predicate ekg:implements ; rdf:object ?city_program ;
       ekg:method "lineage.implements.v1" ; ekg:confidence 0.6 .
"""

from __future__ import annotations

from collections.abc import Sequence

from pyoxigraph import Literal, NamedNode, Quad

from graph_store.inferred import InferredLink, link_quads
from graph_store.protocol import GraphStore
from loaders.extract.lineage import ProgramRecord, infer_lineage
from ontology.namespace import EKG, XSD

# Inferred links are plausible, not stated: a researcher filtering on confidence sees them below
# the rule-based extractions.
CONFIDENCE = Literal("0.6", datatype=XSD.decimal)  # canonical: the form the store keeps

_PROGRAMS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?program ?concept ?area ?area_name ?year WHERE {
  GRAPH ?g { ?program a ekg:Program ; ekg:concept ?concept ; ekg:jurisdiction ?area ;
                      ekg:year ?year . }
  FILTER(?g != <https://w3id.org/edukg/id/graph/inferred>)
  OPTIONAL { ?area rdfs:label ?area_name }
}
"""
# _PROGRAMS in two parts. The OPTIONAL above reads each area's label once per document graph
# that states it, every graph of a large store: at 300 documents, 486 000 rows made 53 distinct
# ones (0.3 s at the end of every ingest). Asked apart, the labels are read once per area.
_PROGRAM_FACTS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?program ?concept ?area ?year WHERE {
  GRAPH ?g { ?program a ekg:Program ; ekg:concept ?concept ; ekg:jurisdiction ?area ;
                      ekg:year ?year . }
  FILTER(?g != <https://w3id.org/edukg/id/graph/inferred>)
}
"""
_AREA_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?area ?area_name WHERE { VALUES ?area { %s } ?area rdfs:label ?area_name }
"""
_AREA_PARENTS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?area ?parent WHERE { ?area a ekg:AdministrativeArea ; ekg:partOf ?parent . }
"""


def program_records(store: GraphStore) -> list[ProgramRecord]:
    """Return every programme with a concept, jurisdiction and year, with its area's ancestors."""
    parent_of: dict[str, str] = {}
    for area, parent in store.select(_AREA_PARENTS):
        parent_of.setdefault(area.value, parent.value)
    records: dict[str, ProgramRecord] = {}
    for program, concept, area, name, year in _program_rows(store):
        try:
            year_value = int(year.value)
        except ValueError:
            continue
        chain: list[str] = []
        node = area.value
        while node in parent_of and parent_of[node] not in chain and len(chain) < 6:
            node = parent_of[node]
            chain.append(node)
        records.setdefault(
            program.value,
            ProgramRecord(
                program.value,
                concept.value,
                area.value,
                name.value if name else "",
                tuple(reversed(chain)),
                year_value,
            ),
        )
    return sorted(records.values(), key=lambda r: r.iri)


def _program_rows(store: GraphStore) -> Sequence[tuple]:
    """Return the rows of _PROGRAMS (program, concept, area, area_name, year), from
    _PROGRAM_FACTS and _AREA_NAMES when every programme has one row there.

    The same rows: a fact row with each distinct name of its area, or none. Their order
    decides which row of a programme program_records keeps, and the two queries do not give
    _PROGRAMS' order; so a programme with two rows (two concepts, areas or years, or an area
    with two names), or an area that VALUES cannot name, is answered by _PROGRAMS itself.
    """
    facts = store.select(_PROGRAM_FACTS).rows
    areas = {row[2] for row in facts}
    if any(not isinstance(area, NamedNode) for area in areas):
        return store.select(_PROGRAMS).rows
    names: dict[NamedNode, list] = {}
    if areas:
        values = " ".join(sorted(str(area) for area in areas))
        for area, name in store.select(_AREA_NAMES % values):
            names.setdefault(area, []).append(name)
    programs = [row[0] for row in facts]
    if len(set(programs)) < len(programs) or any(len(found) > 1 for found in names.values()):
        return store.select(_PROGRAMS).rows
    return [
        (program, concept, area, names.get(area, [None])[0], year)
        for program, concept, area, year in facts
    ]


def lineage_links(records: list[ProgramRecord]) -> list[InferredLink]:
    """Return the implements / continues links between `records`, with the rule of each."""
    return [
        InferredLink(NamedNode(subject), EKG[predicate], NamedNode(obj), rule, CONFIDENCE)
        for subject, predicate, obj, rule in infer_lineage(records)
    ]


def lineage_quads(records: list[ProgramRecord]) -> list[Quad]:
    """Return the inferred links and their reified provenance, in the inferred graph."""
    return link_quads(lineage_links(records))


def update_lineage(store: GraphStore) -> int:
    """Rebuild the inferred graph (lineage and every other rule); return the lineage link count.

    Kept for callers written when lineage was the inferred graph's only rule; new code calls
    graph_store.ingest.rebuild_inferred.
    """
    from graph_store.ingest import rebuild_inferred  # ingest imports this module

    return rebuild_inferred(store).lineage
