"""Exports: RDF serialisations of the store or one document, and the entity network as GraphML,
GEXF (Gephi) or CSV nodes/edges, with labels and classes as attributes."""

from __future__ import annotations

import csv
import io
import zipfile

import networkx as nx
from pyoxigraph import NamedNode

from graph_store.protocol import RDF_EXPORT_FORMATS, GraphStore
from ontology.namespace import EKGID_BASE

NETWORK_FORMATS = ("graphml", "gexf", "csv")
EXPORT_FORMATS = tuple(RDF_EXPORT_FORMATS) + NETWORK_FORMATS

# Entity-to-entity links; provenance plumbing (mentions, sections) is left out of the network.
_EDGES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?source ?relation ?target WHERE {
  GRAPH ?g { ?source ?relation ?target }
  FILTER(isIRI(?target) && STRSTARTS(STR(?source), "https://w3id.org/edukg/id/")
         && STRSTARTS(STR(?target), "https://w3id.org/edukg/id/"))
  FILTER(?relation NOT IN (ekg:inDocument, ekg:inSection, ekg:refersTo, ekg:hasSection,
                           ekg:sectionOf, ekg:statedIn, ekg:inGraph))
  FILTER NOT EXISTS { ?source a ekg:Mention }
  FILTER NOT EXISTS { ?target a ekg:Mention }
}
"""
_NODES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?node (SAMPLE(?name) AS ?label) (GROUP_CONCAT(DISTINCT ?class_name; separator="|") AS ?classes)
WHERE {
  GRAPH ?g { ?node a ?class }
  FILTER(STRSTARTS(STR(?node), "https://w3id.org/edukg/id/"))
  FILTER(?class NOT IN (ekg:Mention, ekg:Section))
  BIND(STRAFTER(STR(?class), "#") AS ?class_name)
  OPTIONAL { GRAPH ?g2 { ?node rdfs:label|dct:title ?name } }
} GROUP BY ?node
"""


def resolve_document_graph(document: str) -> NamedNode:
    """Return the named graph of a document given its id, document IRI or graph IRI."""
    doc_id = document.rstrip("/").rsplit("/", 1)[-1]
    if not doc_id or not all(c.isalnum() or c in "-_" for c in doc_id):
        raise LookupError(f"{document!r} is not a document id or IRI")
    return NamedNode(f"{EKGID_BASE}graph/{doc_id}")


def entity_network(store: GraphStore, graph: NamedNode | None = None) -> nx.MultiDiGraph:
    """Return the entity network: nodes with `label` and `classes`, edges with `relation`."""
    if graph is not None:
        edges_query = _EDGES.replace("GRAPH ?g {", f"GRAPH {graph} {{")
        nodes_query = _NODES.replace("GRAPH ?g {", f"GRAPH {graph} {{")
    else:
        edges_query, nodes_query = _EDGES, _NODES
    network = nx.MultiDiGraph()
    for node, label, classes in store.select(nodes_query):
        network.add_node(
            node.value,
            label=label.value if label else node.value.rsplit("/", 1)[-1],
            classes=classes.value if classes else "",
            **{"class": (classes.value.split("|")[0] if classes else "")},
        )
    for source, relation, target in store.select(edges_query):
        relation_name = relation.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        for node in (source.value, target.value):
            if node not in network:
                network.add_node(node, label=node.rsplit("/", 1)[-1], classes="", **{"class": ""})
        network.add_edge(source.value, target.value, key=relation_name, relation=relation_name)
    return network


def network_csv(network: nx.MultiDiGraph) -> bytes:
    """Return a zip with nodes.csv (id,label,class,classes) and edges.csv (source,target,relation)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        nodes = io.StringIO()
        writer = csv.writer(nodes)
        writer.writerow(["id", "label", "class", "classes"])
        for node, data in sorted(network.nodes(data=True)):
            writer.writerow([node, data.get("label", ""), data.get("class", ""),
                             data.get("classes", "")])
        edges = io.StringIO()
        writer = csv.writer(edges)
        writer.writerow(["source", "target", "relation"])
        for source, target, data in sorted(network.edges(data=True), key=lambda e: (e[0], e[1])):
            writer.writerow([source, target, data.get("relation", "")])
        archive.writestr("nodes.csv", nodes.getvalue())
        archive.writestr("edges.csv", edges.getvalue())
    return buffer.getvalue()


def export_graph(store: GraphStore, fmt: str, document: str | None = None) -> bytes:
    """Serialise the whole graph, or one document's graph, in `fmt` (see EXPORT_FORMATS)."""
    graph = resolve_document_graph(document) if document else None
    if fmt in RDF_EXPORT_FORMATS:
        return store.export(fmt, graph)
    if fmt not in NETWORK_FORMATS:
        raise LookupError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    network = entity_network(store, graph)
    if fmt == "csv":
        return network_csv(network)
    # GraphML/GEXF keep one edge per (source, target, relation); keys must be strings.
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(network, out)
    else:
        nx.write_gexf(network, out)
    return out.getvalue()
