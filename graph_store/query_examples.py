"""Example parameter values for the named queries, taken from the data in the store.

The app fills a required parameter with one, the benchmarks bind the queries with them, and the
tests run every query on any dataset. Each probe is deterministic: the busiest indicator and
programme (so a benchmark measures the bound form at its heaviest), otherwise the first value in
IRI or label order.
"""

from __future__ import annotations

from graph_store.named_queries import NamedQuery
from graph_store.protocol import GraphStore

PROBES = {
    "issuer": "SELECT ?v WHERE { ?d ekg:issuedBy ?v } ORDER BY ?v LIMIT 1",
    "document": "SELECT ?v WHERE { ?v a ekg:Document ; ekg:hasSection ?s } ORDER BY ?v LIMIT 1",
    "program": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?x ekg:participatesIn|ekg:leads ?v "
    "FILTER EXISTS { ?v a ekg:Program } } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "indicator": "SELECT ?v (COUNT(*) AS ?n) WHERE { ?t ekg:indicator ?v } "
    "GROUP BY ?v ORDER BY DESC(?n) ?v LIMIT 1",
    "area": "SELECT ?v WHERE { ?d ekg:jurisdiction/rdfs:label ?v ; ekg:coverageYear ?y } "
    "ORDER BY ?v LIMIT 1",
    "year": "SELECT ?v WHERE { ?d ekg:coverageYear ?v } ORDER BY ?v LIMIT 1",
    "concept": "SELECT ?v WHERE { ?p ekg:concept ?v } ORDER BY ?v LIMIT 1",
    "area_name": "SELECT ?v WHERE { ?t a ekg:Target ; ekg:jurisdiction/rdfs:label ?v } "
    "ORDER BY ?v LIMIT 1",
}
# Parameters whose values must fit each other: a document's area and year; an area that states
# targets of the indicator.
JOINT_PROBES = {
    ("area", "year"): "SELECT ?area ?year WHERE { ?d ekg:jurisdiction/rdfs:label ?area ; "
    "ekg:coverageYear ?year } ORDER BY ?area ?year LIMIT 1",
    ("indicator", "area_name"): "SELECT ?indicator ?area_name WHERE { "
    "{ SELECT ?indicator (COUNT(*) AS ?n) WHERE { ?t ekg:indicator ?indicator } "
    "GROUP BY ?indicator ORDER BY DESC(?n) ?indicator LIMIT 1 } "
    "?t ekg:indicator ?indicator ; ekg:jurisdiction/rdfs:label ?area_name } "
    "ORDER BY ?area_name LIMIT 1",
}


def example_values(
    store: GraphStore, query: NamedQuery, required_only: bool = False
) -> dict[str, str]:
    """Return a value from the data for each parameter of `query` that has a probe.

    With `required_only`, only the required parameters are probed. A parameter is missing from
    the answer when the store holds no value for it.
    """
    names = {p.name for p in query.params if p.required or not required_only}
    values: dict[str, str] = {}
    for joint, probe in JOINT_PROBES.items():
        if set(joint) <= names:
            rows = store.select(probe).rows
            if rows and all(term is not None for term in rows[0]):
                values.update({n: t.value for n, t in zip(joint, rows[0], strict=True)})
    for name in sorted(names - set(values)):
        if name in PROBES:
            rows = store.select(PROBES[name]).rows
            if rows and rows[0][0] is not None:
                values[name] = rows[0][0].value
    return values


def required_values(store: GraphStore, query: NamedQuery) -> dict[str, str]:
    """Return example values for the required parameters of `query` only."""
    return example_values(store, query, required_only=True)
