"""Cross-document programme lineage (implements / continues), inferred after each ingest.

The links live in their own named graph, ekgid:graph/inferred, rebuilt from scratch each time,
so they never go stale when a document is replaced or deleted. Each link carries its provenance
as a reified statement, the same pattern extraction uses for stated relations:

    ?s rdf:subject ?program ; rdf:predicate ekg:implements ; rdf:object ?city_program ;
       ekg:method "lineage.implements.v1" ; ekg:confidence 0.6 .

So `GRAPH ekgid:graph/inferred { … }` or `ekg:method` tells inferred links from stated ones.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Quad

from graph_store.protocol import GraphStore
from loaders.extract.lineage import ProgramRecord, infer_lineage
from loaders.identifiers import entity_iri
from ontology.namespace import EKG, INFERRED_GRAPH, RDF_TYPE, XSD

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_STATEMENT = NamedNode(RDF + "Statement")
RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (
    NamedNode(RDF + n) for n in ("subject", "predicate", "object")
)
# Inferred links are plausible, not stated: a researcher filtering on confidence sees them below
# the rule-based extractions.
CONFIDENCE = Literal("0.60", datatype=XSD.decimal)

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
    for program, concept, area, name, year in store.select(_PROGRAMS):
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


def lineage_quads(records: list[ProgramRecord]) -> list[Quad]:
    """Return the inferred links and their reified provenance, in the inferred graph."""
    out: list[Quad] = []
    for subject, predicate, obj, rule in infer_lineage(records):
        s, p, o = NamedNode(subject), EKG[predicate], NamedNode(obj)
        statement = entity_iri("inference", f"{subject} {predicate} {obj}")
        out += [
            Quad(s, p, o, INFERRED_GRAPH),
            Quad(statement, RDF_TYPE, RDF_STATEMENT, INFERRED_GRAPH),
            Quad(statement, RDF_SUBJECT, s, INFERRED_GRAPH),
            Quad(statement, RDF_PREDICATE, p, INFERRED_GRAPH),
            Quad(statement, RDF_OBJECT, o, INFERRED_GRAPH),
            Quad(statement, EKG.method, Literal(rule), INFERRED_GRAPH),
            Quad(statement, EKG.confidence, CONFIDENCE, INFERRED_GRAPH),
        ]
    return out


def update_lineage(store: GraphStore) -> int:
    """Rebuild the inferred graph from the programmes now in the store; return the link count."""
    quads = lineage_quads(program_records(store))
    store.put_graph(INFERRED_GRAPH, quads)
    return sum(1 for q in quads if q.predicate in (EKG.implements, EKG.continues))
