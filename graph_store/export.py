"""Exports: the whole graph, one document, an entity's neighbourhood or a query's result, as RDF
(Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML), as a network (GraphML, GEXF, CSV
nodes/edges, with labels and classes as node attributes) or, for a SELECT, as CSV/JSON/TSV.

Selections are built from fixed query templates; the only things put into them are IRIs
serialised by pyoxigraph (whose `NamedNode` constructor rejects anything that is not an IRI),
and named-query parameters are bound by the store.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox
from pyoxigraph import NamedNode, Quad, Triple

from graph_store.named_queries import NamedQuery, bind_params
from graph_store.protocol import RDF_EXPORT_FORMATS, GraphStore
from graph_store.results import RESULT_FORMATS, QueryResult
from ontology.namespace import EKG_BASE, EKGID_BASE
from ontology.namespace import PREFIXES as _PREFIXES

NETWORK_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = tuple(RDF_EXPORT_FORMATS) + NETWORK_FORMATS
RESULT_EXPORT_FORMATS = ("csv", "json", "tsv")
MAX_DEPTH = 3
_BATCH = 400  # IRIs per VALUES block when walking a neighbourhood

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DCT_TITLE = "http://purl.org/dc/terms/title"
SKOS_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
RDF_STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
# Provenance plumbing, left out of the entity network.
_PLUMBING = {
    EKG_BASE + name
    for name in (
        "inDocument",
        "inSection",
        "refersTo",
        "hasSection",
        "sectionOf",
        "statedIn",
        "inGraph",
    )
}
_HIDDEN_CLASSES = {"Mention", "Section"}
# Depth in the class tree, so a node typed School and Organization is drawn as a School, and a
# programme family (ProgramConcept, a skos:Concept) as a ProgramConcept.
_CLASS_DEPTH = {
    "Concept": -1,
    "Organization": 0,
    "GovernmentBody": 1,
    "School": 1,
    "EducationGroup": 1,
    "SchoolDistrict": 1,
    "EducationBureau": 2,
    "Campus": 2,
}

# Entity-to-entity links; provenance plumbing (mentions, sections) is left out of the network.
_EDGES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?source ?relation ?target WHERE {
  GRAPH ?g { ?source ?relation ?target }
  FILTER(isIRI(?target) && STRSTARTS(STR(?source), "https://w3id.org/edukg/id/")
         && STRSTARTS(STR(?target), "https://w3id.org/edukg/id/"))
  FILTER(?relation NOT IN (ekg:inDocument, ekg:inSection, ekg:refersTo, ekg:hasSection,
                           ekg:sectionOf, ekg:statedIn, ekg:inGraph))
  FILTER NOT EXISTS { ?source a ekg:Mention }
  FILTER NOT EXISTS { ?target a ekg:Mention }
  # Reified statements (an inferred link's provenance) are records about an edge, not nodes.
  FILTER NOT EXISTS { ?source a rdf:Statement }
  FILTER NOT EXISTS { ?target a rdf:Statement }
}
"""
_NODES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node (SAMPLE(?name) AS ?label) (GROUP_CONCAT(DISTINCT ?class_name; separator="|") AS ?classes)
WHERE {
  GRAPH ?g { ?node a ?class }
  FILTER(STRSTARTS(STR(?node), "https://w3id.org/edukg/id/"))
  FILTER(?class NOT IN (ekg:Mention, ekg:Section))
  FILTER NOT EXISTS { ?node a rdf:Statement }
  BIND(STRAFTER(STR(?class), "#") AS ?class_name)
  # A programme family is named by its Chinese skos:prefLabel.
  OPTIONAL { GRAPH ?g2 { ?node rdfs:label|dct:title ?name0 } }
  OPTIONAL { GRAPH ?g3 { ?node skos:prefLabel ?name1 FILTER(LANG(?name1) = "zh") } }
  # A document without a title (an interview page) by its file name.
  OPTIONAL { GRAPH ?g4 { ?node dct:source ?name2 } }
  BIND(COALESCE(?name0, ?name1, ?name2) AS ?name)
} GROUP BY ?node
"""
# One step of a neighbourhood walk: every triple with a frontier node as subject or object.
_STEP = """
CONSTRUCT { ?s ?p ?o } WHERE {
  { VALUES ?focus { %(nodes)s } ?focus ?p ?o . BIND(?focus AS ?s) }
  UNION
  { VALUES ?focus { %(nodes)s } ?s ?p ?focus . BIND(?focus AS ?o) }
}
"""
# The type, label and title of nodes at the edge of the walk, so the network can name them.
_DESCRIBE_EDGE = """
CONSTRUCT { ?n ?p ?o } WHERE {
  VALUES ?n { %(nodes)s }
  VALUES ?p { <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
              <http://www.w3.org/2000/01/rdf-schema#label> <http://purl.org/dc/terms/title>
              <http://www.w3.org/2004/02/skos/core#prefLabel> }
  ?n ?p ?o
}
"""


class ExportError(LookupError):
    """The selection or format cannot be exported; the message says what would work."""


@dataclass(frozen=True)
class Selection:
    """What to export: the whole graph, one document, a neighbourhood, or a query's result."""

    document: str | None = None
    neighbourhood: str | None = None
    depth: int = 1
    query: NamedQuery | None = None
    params: tuple[tuple[str, str], ...] = ()


def resolve_document_graph(document: str) -> NamedNode:
    """Return the named graph of a document given its id, document IRI or graph IRI.

    >>> resolve_document_graph("https://w3id.org/edukg/id/doc/abc123").value
    'https://w3id.org/edukg/id/graph/abc123'
    """
    doc_id = document.rstrip("/").rsplit("/", 1)[-1]
    if not doc_id or not all(c.isalnum() or c in "-_" for c in doc_id):
        raise ExportError(f"{document!r} is not a document id or IRI")
    return NamedNode(f"{EKGID_BASE}graph/{doc_id}")


def main_class(classes: Iterable[str]) -> str:
    """Return the most specific class name of a node (alphabetical among equals).

    >>> main_class(["Organization", "School"])
    'School'
    """
    ordered = sorted(set(classes), key=lambda c: (-_CLASS_DEPTH.get(c, 3), c))
    return ordered[0] if ordered else ""


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _add_node(network: nx.MultiDiGraph, node: str, label: str | None, classes: Sequence[str]):
    names = sorted(set(classes))
    network.add_node(
        node,
        label=label or _local_name(node),
        classes="|".join(names),
        **{"class": main_class(names)},
    )


def entity_network(store: GraphStore, graph: NamedNode | None = None) -> nx.MultiDiGraph:
    """Return the entity network: nodes with `label`, `class` and `classes`, edges with `relation`."""
    if graph is not None:
        edges_query = _EDGES.replace("GRAPH ?g {", f"GRAPH {graph} {{")
        nodes_query = _NODES.replace("GRAPH ?g {", f"GRAPH {graph} {{")
    else:
        edges_query, nodes_query = _EDGES, _NODES
    network = nx.MultiDiGraph()
    for node, label, classes in store.select(nodes_query):
        names = classes.value.split("|") if classes and classes.value else []
        _add_node(network, node.value, label.value if label else None, names)
    for source, relation, target in store.select(edges_query):
        relation_name = _local_name(relation.value)
        for node in (source.value, target.value):
            if node not in network:
                _add_node(network, node, None, [])
        network.add_edge(source.value, target.value, key=relation_name, relation=relation_name)
    return network


def triples_network(triples: Iterable[Triple]) -> nx.MultiDiGraph:
    """Return the entity network of a set of triples, by the same rules as `entity_network`."""
    triples = list(triples)
    classes: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    titles: dict[str, str] = {}
    statements: set[str] = set()
    for t in triples:
        s = t.subject.value
        if t.predicate.value == RDF_TYPE and isinstance(t.object, NamedNode):
            if t.object.value.startswith(EKG_BASE):
                classes.setdefault(s, set()).add(_local_name(t.object.value))
        elif t.predicate.value == RDFS_LABEL:
            labels[s] = min(labels.get(s, t.object.value), t.object.value)
        elif t.predicate.value == DCT_TITLE or (
            t.predicate.value == SKOS_PREF_LABEL
            and isinstance(t.object, ox.Literal)
            and t.object.language == "zh"
        ):
            titles[s] = min(titles.get(s, t.object.value), t.object.value)
        if t.predicate.value == RDF_SUBJECT or t.object == NamedNode(RDF_STATEMENT):
            statements.add(s)
    # Mentions and reified statements are records about nodes and edges, not nodes.
    hidden = {n for n, names in classes.items() if names & {"Mention"}} | statements
    network = nx.MultiDiGraph()
    for node, names in sorted(classes.items()):
        shown = names - _HIDDEN_CLASSES
        if node.startswith(EKGID_BASE) and shown:
            _add_node(network, node, labels.get(node) or titles.get(node), shown)
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        if not (isinstance(s, NamedNode) and isinstance(o, NamedNode)) or p in _PLUMBING:
            continue
        if not (s.value.startswith(EKGID_BASE) and o.value.startswith(EKGID_BASE)):
            continue
        if s.value in hidden or o.value in hidden:
            continue
        for node in (s.value, o.value):
            if node not in network:
                names = classes.get(node, set()) - _HIDDEN_CLASSES
                _add_node(network, node, labels.get(node) or titles.get(node), names)
        name = _local_name(p)
        network.add_edge(s.value, o.value, key=name, relation=name)
    return network


def neighbourhood(store: GraphStore, focus: str, depth: int = 1) -> list[Triple]:
    """Return every triple within `depth` steps (1–3, either direction) of the entity `focus`.

    The walk follows edkg instance IRIs (ekgid:…); the nodes at its edge get their type, label
    and title, so a network drawn from the result can name them.

    Raises:
        ExportError: `focus` is not an IRI, the depth is out of range, or nothing is known about it.
    """
    if not 1 <= depth <= MAX_DEPTH:
        raise ExportError(f"--depth must be 1, 2 or 3, not {depth}")
    try:
        start = NamedNode(focus)
    except ValueError as err:
        raise ExportError(f"{focus!r} is not an IRI: {err}") from err
    seen = {start}
    frontier = [start]
    found: set[Triple] = set()
    for _ in range(depth):
        step: set[Triple] = set()
        for batch in _batches(frontier):
            step.update(store.construct(_STEP % {"nodes": batch}))
        found |= step
        frontier = sorted(
            {
                term
                for t in step
                for term in (t.subject, t.object)
                if isinstance(term, NamedNode) and term.value.startswith(EKGID_BASE)
            }
            - seen,
            key=lambda n: n.value,
        )
        seen.update(frontier)
    for batch in _batches(frontier):
        found.update(store.construct(_DESCRIBE_EDGE % {"nodes": batch}))
    if not found:
        raise ExportError(f"the graph holds nothing about {focus}; check the IRI (edukg query …)")
    return sorted(found, key=str)


def _batches(nodes: Sequence[NamedNode]) -> Iterable[str]:
    for i in range(0, len(nodes), _BATCH):
        yield " ".join(str(n) for n in nodes[i : i + _BATCH])


def serialize_triples(triples: Iterable[Triple], fmt: str) -> bytes:
    """Serialise triples in an RDF format; dataset formats hold them in the default graph."""
    attr, _, datasets = RDF_EXPORT_FORMATS[fmt]
    rdf_format = getattr(ox.RdfFormat, attr)
    ordered = sorted(set(triples), key=str)
    if datasets:
        quads = [Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in ordered]
        return ox.serialize(quads, format=rdf_format, prefixes=_PREFIXES) or b""
    return ox.serialize(ordered, format=rdf_format, prefixes=_PREFIXES) or b""


def network_csv(network: nx.MultiDiGraph) -> bytes:
    """Return a zip with nodes.csv (id,label,class,classes) and edges.csv (source,target,relation)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        nodes = io.StringIO()
        writer = csv.writer(nodes)
        writer.writerow(["id", "label", "class", "classes"])
        for node, data in sorted(network.nodes(data=True)):
            writer.writerow(
                [node, data.get("label", ""), data.get("class", ""), data.get("classes", "")]
            )
        edges = io.StringIO()
        writer = csv.writer(edges)
        writer.writerow(["source", "target", "relation"])
        rows = sorted((s, t, d.get("relation", "")) for s, t, d in network.edges(data=True))
        writer.writerows(rows)
        for name, text in (("nodes.csv", nodes.getvalue()), ("edges.csv", edges.getvalue())):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def network_bytes(network: nx.MultiDiGraph, fmt: str) -> bytes:
    """Serialise a network as GraphML, GEXF or a zip of CSV nodes/edges."""
    if fmt == "csv":
        return network_csv(network)
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(network, out)
    elif fmt == "gexf":
        nx.write_gexf(network, out)
    else:
        raise ExportError(f"unknown network format {fmt!r}; expected one of {NETWORK_FORMATS}")
    return out.getvalue()


def run_query(
    store: GraphStore, query: NamedQuery, values: dict[str, str]
) -> QueryResult | list[Triple]:
    """Run a named query of any form with bound parameters: rows for SELECT, triples otherwise."""
    bindings = bind_params(query, values)
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        return store.construct(query.text, bindings)
    if query.form == "ASK":
        raise ExportError(f"{query.name} is an ASK query; there is nothing to export")
    return store.select(query.text, bindings)


def result_iris(result: QueryResult) -> list[str]:
    """Return the edukg instance IRIs in a SELECT result, in first-seen order."""
    out: dict[str, None] = {}
    for row in result.rows:
        for term in row:
            if isinstance(term, NamedNode) and term.value.startswith(EKGID_BASE):
                out.setdefault(term.value, None)
    return list(out)


def export_selection(store: GraphStore, fmt: str, selection: Selection) -> bytes:
    """Serialise a selection (see `Selection`) in `fmt`.

    A CONSTRUCT query or a neighbourhood exports in any format of EXPORT_FORMATS; a SELECT query
    exports its rows as csv, json or tsv.

    Raises:
        ExportError: an unknown format, or a format the selection cannot take.
    """
    if selection.query is not None:
        answer = run_query(store, selection.query, dict(selection.params))
        if isinstance(answer, QueryResult):
            if fmt not in RESULT_EXPORT_FORMATS:
                raise ExportError(
                    f"{selection.query.name} is a SELECT query: export its rows as "
                    f"{', '.join(RESULT_EXPORT_FORMATS)}, or use a CONSTRUCT query or "
                    "--neighbourhood for RDF and network formats (or --format bundle)"
                )
            return RESULT_FORMATS[fmt](answer).encode("utf-8")
        return _export_triples(answer, fmt)
    if selection.neighbourhood is not None:
        return _export_triples(neighbourhood(store, selection.neighbourhood, selection.depth), fmt)
    graph = resolve_document_graph(selection.document) if selection.document else None
    if fmt in RDF_EXPORT_FORMATS:
        return store.export(fmt, graph)
    if fmt not in NETWORK_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    return network_bytes(entity_network(store, graph), fmt)


def _export_triples(triples: list[Triple], fmt: str) -> bytes:
    if fmt in RDF_EXPORT_FORMATS:
        return serialize_triples(triples, fmt)
    if fmt in NETWORK_FORMATS:
        return network_bytes(triples_network(triples), fmt)
    raise ExportError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")


def export_graph(store: GraphStore, fmt: str, document: str | None = None) -> bytes:
    """Serialise the whole graph, or one document's graph, in `fmt` (see EXPORT_FORMATS)."""
    return export_selection(store, fmt, Selection(document=document))
