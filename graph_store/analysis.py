"""Network analysis of the programme–school–group network: centralities, communities, paths.

The network's nodes are the schools, campuses, education groups, school districts and programmes
of the store; its edges are the links CONTRACT.md defines between them: participatesIn and leads
(a school or group → a programme, group or district), memberOf (school → group), campusOf
(campus → school) and partOf between programmes (a sub-programme), and inDistrict (school →
school district, beyond the contract). The network is undirected for the figures (who is connected to
whom); each edge keeps the stated links it stands for, with their direction, for paths.

Each node carries its jurisdiction and year. A programme states both (ekg:jurisdiction,
ekg:year), a school its area when the text gives one (ekg:locatedIn); otherwise a node takes the
jurisdiction and year of the documents that name it (ekg:mentions; a document's coverage year,
else the year it was issued). A jurisdiction filter keeps the nodes of that area and of every area
ekg:partOf it; a year filter keeps the nodes of that year. Short and full forms of one school
(owl:sameAs in the inferred graph, graph_store/aliases.py) are one node unless asked otherwise.

Figures (networkx): degree (distinct neighbours), betweenness (normalised; estimated from a fixed
sample of sources on large networks), eigenvector centrality computed on each connected component
(so values compare within a component; 0 for an isolated node, and 0 with a note where the power
iteration does not converge), Louvain communities with a fixed seed (numbered by size, so a
rerun gives the same numbers), and shortest paths.

The store is read with fixed queries; the one value a user gives (the area) is bound by the store,
never pasted into a query.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd
from pyoxigraph import Literal, NamedNode

from graph_store.app_queries import CLASS_ORDER, PREFIXES, main_class
from graph_store.protocol import GraphStore

NETWORK_CLASSES = ("School", "Campus", "EducationGroup", "SchoolDistrict", "Program")
RELATIONS = ("participatesIn", "leads", "memberOf", "inDistrict", "campusOf", "partOf")
COLUMNS = (
    "iri",
    "label",
    "class",
    "jurisdiction",
    "year",
    "degree",
    "betweenness",
    "eigenvector",
    "community",
    "same_as",
)
SEED = 42  # Louvain and sampled betweenness: the same network gives the same figures
# Exact betweenness costs O(nodes × links): about 1.5 s at 1 000 nodes on this machine, 13 s at
# 3 000. Above the bound it is estimated from a fixed sample of sources (networkx's `k`).
EXACT_BETWEENNESS_UP_TO = 1000
BETWEENNESS_SAMPLE = 300
ARPACK_FROM = 50  # component size from which eigenvector centrality goes by ARPACK first
DECIMALS = 6

_CLASS_VALUES = " ".join(f"ekg:{c}" for c in NETWORK_CLASSES)
# Nodes, labels and classes each made distinct before they are joined: every document restates
# its schools' types and names in its own graph, and the union default graph repeats them.
_NETWORK_NODES = f"SELECT DISTINCT ?node WHERE {{ VALUES ?c {{ {_CLASS_VALUES} }} ?node a ?c }}"
_NODES = f"""
SELECT DISTINCT ?node ?label WHERE {{
  {{ {_NETWORK_NODES} }}
  OPTIONAL {{ SELECT DISTINCT ?node ?label WHERE {{ ?node rdfs:label ?label }} }}
}}
"""
# The classes that can decide a node's main class (main_class takes the first of CLASS_ORDER a
# node has, and every network node has one of NETWORK_CLASSES, which come no later than
# Program), each looked up by its own type triples: 0.07 s at 1 M quads, against 0.23-0.32 s
# for every ekg class of each network node.
_DECIDING_CLASSES = " ".join(
    f"ekg:{c}" for c in CLASS_ORDER[: max(CLASS_ORDER.index(n) for n in NETWORK_CLASSES) + 1]
)
_CLASSES = f"SELECT DISTINCT ?node ?class WHERE {{ VALUES ?class {{ {_DECIDING_CLASSES} }} ?node a ?class }}"
_EDGES = f"""
SELECT DISTINCT ?source ?relation ?target WHERE {{
  VALUES ?relation {{ {" ".join(f"ekg:{r}" for r in RELATIONS)} }}
  ?source ?relation ?target .
  FILTER(isIRI(?target))
}}
"""
# What each node states (a programme's jurisdiction and year, a school's area) and which
# documents name it, read for every subject and kept to the network's nodes (and to areas) in
# Python: joined to the network's nodes in SPARQL they took 0.25 and 0.21 s at 1 M quads, read
# whole 0.09, 0.07 and 0.09 s.
_STATED_AREAS = "SELECT DISTINCT ?node ?area WHERE { ?node ekg:jurisdiction|ekg:locatedIn ?area }"
_STATED_YEARS = "SELECT DISTINCT ?node ?year WHERE { ?node ekg:year ?year }"
_MENTIONED_IN = "SELECT DISTINCT ?node ?document WHERE { ?document ekg:mentions ?node }"
# Where and when each document that names something is: the fallback for what a node does not
# state.
_DOCUMENT_PLACES = """
SELECT DISTINCT ?document ?area ?year WHERE {
  { SELECT DISTINCT ?document WHERE { ?document ekg:mentions ?any } }
  OPTIONAL { ?document ekg:jurisdiction ?area }
  OPTIONAL { ?document ekg:coverageYear ?coverage }
  OPTIONAL { ?document dct:issued ?issued }
  BIND(COALESCE(?coverage, YEAR(?issued)) AS ?year)
}
"""
# Each area, label and parent once before they are joined: every document restates its areas
# in its own graph, and the union default graph repeats them (27 s at 1 M quads, 0.01 s so).
_AREA_NODES = "SELECT DISTINCT ?area WHERE { ?area a ekg:AdministrativeArea }"
_AREAS = f"""
SELECT DISTINCT ?area ?label ?parent WHERE {{
  {{ {_AREA_NODES} }}
  OPTIONAL {{ SELECT DISTINCT ?area ?label WHERE {{ {{ {_AREA_NODES} }} ?area rdfs:label ?label }} }}
  OPTIONAL {{ SELECT DISTINCT ?area ?parent WHERE {{
    {{ {_AREA_NODES} }} ?area ekg:partOf ?parent .
    FILTER EXISTS {{ ?parent a ekg:AdministrativeArea }} }} }}
}}
"""
_SAME_AS = """
SELECT DISTINCT ?short ?full WHERE { ?short owl:sameAs ?full . FILTER(isIRI(?full)) }
"""
# An area and the areas within it, by IRI (?area bound) or by name (?name bound); the bound
# variable is projected, as the embedded store's substitutions need.
_AREA_BY_IRI = """
SELECT DISTINCT ?sub ?area WHERE {
  ?area a ekg:AdministrativeArea .
  ?sub ekg:partOf* ?area . ?sub a ekg:AdministrativeArea .
}
"""
_AREA_BY_NAME = """
SELECT DISTINCT ?sub ?name WHERE {
  ?area a ekg:AdministrativeArea .
  { ?area rdfs:label ?label } UNION { ?area skos:altLabel ?label }
  UNION { ?area ekg:adminCode ?label }
  FILTER(STR(?label) = STR(?name))
  ?sub ekg:partOf* ?area . ?sub a ekg:AdministrativeArea .
}
"""
_PREFIXES = PREFIXES + "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"


class UnknownAreaError(LookupError):
    """No administrative area of the store has the IRI or name given."""


class UnknownNodeError(LookupError):
    """A node asked for (a path's end) is not in the network."""


@dataclass
class NetworkData:
    """Everything the network is built from, read from the store once and not yet filtered."""

    labels: dict[str, str] = field(default_factory=dict)
    classes: dict[str, set[str]] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    stated_areas: dict[str, set[str]] = field(default_factory=dict)
    stated_years: dict[str, set[int]] = field(default_factory=dict)
    document_areas: dict[str, set[str]] = field(default_factory=dict)
    document_years: dict[str, set[int]] = field(default_factory=dict)
    area_labels: dict[str, str] = field(default_factory=dict)
    area_parents: dict[str, set[str]] = field(default_factory=dict)
    same_as: list[tuple[str, str]] = field(default_factory=list)

    def areas(self, node: str) -> set[str]:
        """Return the node's stated areas, else those of the documents that name it."""
        return self.stated_areas.get(node) or self.document_areas.get(node, set())

    def years(self, node: str) -> set[int]:
        """Return the node's stated years, else those of the documents that name it."""
        return self.stated_years.get(node) or self.document_years.get(node, set())


@dataclass
class Analysis:
    """A network, its figures (one row per node, COLUMNS) and notes on how they were computed."""

    graph: nx.Graph
    table: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def _year(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def fetch_network_data(store: GraphStore) -> NetworkData:
    """Read the nodes, links, areas, years and aliases of the network from `store`."""
    data = NetworkData()

    def run(query: str):
        return store.select(_PREFIXES + query)

    for node, label in run(_NODES):
        if label is not None:
            best = data.labels.get(node.value)
            # One label per node, the same on every run: the shortest, then the first in order.
            if best is None or (len(label.value), label.value) < (len(best), best):
                data.labels[node.value] = label.value
        data.labels.setdefault(node.value, "")
    for node, cls in run(_CLASSES):
        if node.value in data.labels:
            data.classes.setdefault(node.value, set()).add(cls.value.rsplit("#", 1)[-1])
    for source, relation, target in run(_EDGES):
        data.edges.append((source.value, relation.value.rsplit("#", 1)[-1], target.value))
    data.edges.sort()
    for area, label, parent in run(_AREAS):
        if label is not None:
            best = data.area_labels.get(area.value)
            if best is None or label.value < best:
                data.area_labels[area.value] = label.value
        parents = data.area_parents.setdefault(area.value, set())
        if parent is not None and parent.value != area.value:
            parents.add(parent.value)
    areas = set(data.area_parents)  # every AdministrativeArea, labelled or not
    for node, area in run(_STATED_AREAS):
        if node.value in data.labels and area.value in areas:
            data.stated_areas.setdefault(node.value, set()).add(area.value)
    for node, year in run(_STATED_YEARS):
        if node.value in data.labels and (number := _year(year.value)) is not None:
            data.stated_years.setdefault(node.value, set()).add(number)
    places: dict[str, list[tuple[str | None, int | None]]] = {}
    for document, area, year in run(_DOCUMENT_PLACES):
        number = _year(year.value) if year is not None else None
        places.setdefault(document.value, []).append((area.value if area else None, number))
    for node, document in run(_MENTIONED_IN):
        if node.value not in data.labels:
            continue
        for area_iri, number in places.get(document.value, ()):
            if area_iri is not None:
                data.document_areas.setdefault(node.value, set()).add(area_iri)
            if number is not None:
                data.document_years.setdefault(node.value, set()).add(number)
    data.same_as = sorted((short.value, full.value) for short, full in run(_SAME_AS))
    return data


def resolve_area(store: GraphStore, area: str) -> set[str]:
    """Return the IRIs of the area named `area` (IRI, label, altLabel or admin code) and of every
    area within it (ekg:partOf, at any depth). A name two areas share gives both.

    Raises:
        UnknownAreaError: no area of the store has that IRI or name.
    """
    text = area.strip()
    if text.startswith(("http://", "https://")):
        try:
            bindings = {"area": NamedNode(text)}
        except ValueError as err:
            raise UnknownAreaError(f"{text!r} is not an IRI") from err
        rows = store.select(_PREFIXES + _AREA_BY_IRI, bindings)
    else:
        rows = store.select(_PREFIXES + _AREA_BY_NAME, {"name": Literal(text)})
    found = {row[0].value for row in rows if row[0] is not None}
    if not found:
        raise UnknownAreaError(
            f"no administrative area {text!r} in the store; give an area's name as the documents "
            "write it (e.g. 钟楼区) or its IRI (https://w3id.org/edukg/id/area/…)"
        )
    return found


def _canonical(data: NetworkData, nodes: Iterable[str]) -> dict[str, str]:
    """Map each node to the node its owl:sameAs group is shown as (the full form)."""
    nodes = set(nodes)
    parent = {n: n for n in nodes}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # sameAs points from the short form to the full one: the full one stands for the group.
    shorts = {short for short, full in data.same_as if short in nodes and full in nodes}
    for short, full in data.same_as:
        if short in nodes and full in nodes:
            a, b = find(short), find(full)
            if a != b:
                keep, drop = sorted((a, b), key=lambda n: (n in shorts, n))
                parent[drop] = keep
    return {n: find(n) for n in nodes}


def build_network(
    data: NetworkData,
    areas: set[str] | None = None,
    year: int | None = None,
    classes: Iterable[str] | None = None,
    merge_aliases: bool = True,
) -> nx.Graph:
    """Return the undirected network of `data`, kept to `areas`, `year` and `classes`.

    Args:
        data: what fetch_network_data read.
        areas: area IRIs (resolve_area gives an area with its sub-areas); None keeps all.
        year: keep the nodes of this year; None keeps all.
        classes: keep nodes of these classes (NETWORK_CLASSES names); None keeps all.
        merge_aliases: show a school's short and full forms (owl:sameAs) as one node.

    Returns:
        A graph whose nodes carry `label`, `class`, `areas` (IRIs), `jurisdiction` (labels),
        `years`, `year` and `same_as` (the IRIs merged into the node), and whose edges carry
        `links`: the stated (source, relation, target) links the edge stands for, between the
        network's nodes.
    """
    wanted = set(classes) if classes is not None else set(NETWORK_CLASSES)
    unknown = wanted - set(NETWORK_CLASSES)
    if unknown:
        raise ValueError(
            f"unknown class {', '.join(sorted(unknown))}; choose from {', '.join(NETWORK_CLASSES)}"
        )
    all_nodes = sorted(data.labels)
    canonical = _canonical(data, all_nodes) if merge_aliases else {n: n for n in all_nodes}
    members: dict[str, list[str]] = {}
    for node in all_nodes:
        members.setdefault(canonical[node], []).append(node)

    graph = nx.Graph()
    for node in sorted(members):
        group = members[node]
        node_areas = set().union(*(data.areas(n) for n in group))
        node_years = set().union(*(data.years(n) for n in group))
        cls = main_class(set().union(*(data.classes.get(n, set()) for n in group)))
        if cls not in wanted:
            continue
        if areas is not None and not node_areas & areas:
            continue
        if year is not None and year not in node_years:
            continue
        graph.add_node(
            node,
            label=data.labels.get(node) or node.rsplit("/", 1)[-1],
            **{"class": cls},
            areas=sorted(node_areas),
            jurisdiction=", ".join(
                sorted({data.area_labels.get(a) or a.rsplit("/", 1)[-1] for a in node_areas})
            ),
            years=sorted(node_years),
            year=", ".join(str(y) for y in sorted(node_years)),
            same_as=sorted(n for n in group if n != node),
        )
    for source, relation, target in data.edges:
        if source not in canonical or target not in canonical:
            continue
        a, b = canonical[source], canonical[target]
        if a == b or a not in graph or b not in graph:
            continue
        # partOf links programmes only (between areas it is the area hierarchy, not a tie).
        if relation == "partOf" and not (
            graph.nodes[a]["class"] == "Program" and graph.nodes[b]["class"] == "Program"
        ):
            continue
        link = (a, relation, b)  # as stated, between the nodes shown (short forms merged)
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, links=[link])
        elif link not in graph.edges[a, b]["links"]:
            graph.edges[a, b]["links"].append(link)
    return graph


def _eigenvector(graph: nx.Graph, notes: list[str]) -> dict[str, float]:
    """Eigenvector centrality per connected component; 0 for isolated nodes, and 0 with a note
    where neither method converges.

    A small component goes by power iteration; a large one by ARPACK (scipy), which is ten
    times faster there. Each falls back on the other.
    """
    values: dict[str, float] = {}
    for component in sorted(nx.connected_components(graph), key=min):
        if len(component) == 1:
            values.update(dict.fromkeys(component, 0.0))
            continue
        sub = graph.subgraph(component)
        methods = [_power_iteration, _arpack]
        if len(component) > ARPACK_FROM:
            methods.reverse()
        for method in methods:
            try:
                values.update(method(sub))
                break
            except (nx.NetworkXException, ArithmeticError, ValueError, TypeError, RuntimeError):
                continue
        else:
            first = min(component, key=lambda n: (graph.nodes[n]["label"], n))
            notes.append(
                f"eigenvector centrality did not converge on the component of "
                f"{graph.nodes[first]['label']} ({len(component)} nodes): set to 0 there / "
                f"特征向量中心性在该连通分量上未收敛，记为 0"
            )
            values.update(dict.fromkeys(component, 0.0))
    return values


def _power_iteration(graph: nx.Graph) -> dict[str, float]:
    return nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-9)


def _arpack(graph: nx.Graph) -> dict[str, float]:
    if graph.number_of_nodes() < 3:  # ARPACK needs k < n - 1
        raise ValueError("too small for ARPACK")
    return nx.eigenvector_centrality_numpy(graph, max_iter=1000)


def _communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered 1… by size, then by first label."""
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(graph, seed=SEED)
    ordered = sorted(
        found,
        key=lambda c: (-len(c), min((graph.nodes[n]["label"], n) for n in c)),
    )
    return {node: number for number, c in enumerate(ordered, 1) for node in c}


def metrics(graph: nx.Graph) -> Analysis:
    """Return the figures of every node of `graph` (a network from build_network).

    The table has one row per node (COLUMNS), sorted by degree, then betweenness, then label.
    """
    notes: list[str] = []
    n = graph.number_of_nodes()
    if n > EXACT_BETWEENNESS_UP_TO:
        betweenness = nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, seed=SEED)
        notes.append(
            f"betweenness estimated from {BETWEENNESS_SAMPLE} sampled sources ({n} nodes) / "
            f"介数中心性由 {BETWEENNESS_SAMPLE} 个抽样起点估计"
        )
    else:
        betweenness = nx.betweenness_centrality(graph)
    eigenvector = _eigenvector(graph, notes)
    community = _communities(graph)
    rows = [
        {
            "iri": node,
            "label": attrs["label"],
            "class": attrs["class"],
            "jurisdiction": attrs["jurisdiction"],
            "year": attrs["year"],
            "degree": graph.degree(node),
            "betweenness": round(betweenness.get(node, 0.0), DECIMALS),
            "eigenvector": round(eigenvector.get(node, 0.0), DECIMALS),
            "community": community.get(node, 0),
            "same_as": " ".join(attrs["same_as"]),
        }
        for node, attrs in graph.nodes(data=True)
    ]
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    if len(table):
        table = table.sort_values(
            ["degree", "betweenness", "label", "iri"], ascending=[False, False, True, True]
        ).reset_index(drop=True)
    table = table.astype({"degree": int, "community": int, "betweenness": float})
    table = table.astype({"eigenvector": float})
    return Analysis(graph=graph, table=table, notes=notes)


def analyse(
    store: GraphStore,
    area: str | None = None,
    year: int | None = None,
    classes: Iterable[str] | None = None,
    merge_aliases: bool = True,
) -> Analysis:
    """Return the network of `store` and its figures, kept to an area (with its sub-areas), a
    year and node classes.

    Raises:
        UnknownAreaError: `area` names no area of the store.
        ValueError: a class is not one of NETWORK_CLASSES.
    """
    areas = resolve_area(store, area) if area else None
    graph = build_network(fetch_network_data(store), areas, year, classes, merge_aliases)
    return metrics(graph)


def shortest_path(graph: nx.Graph, source: str, target: str) -> list[str] | None:
    """Return the nodes of a shortest path from `source` to `target`, or None when none exists.

    >>> g = nx.Graph([("a", "b"), ("b", "c")])
    >>> shortest_path(g, "a", "c")
    ['a', 'b', 'c']
    >>> shortest_path(nx.Graph([("a", "b"), ("c", "d")]), "a", "d") is None
    True

    Raises:
        UnknownNodeError: an end is not in the network (filtered out, or not a network node).
    """
    for end in (source, target):
        if end not in graph:
            raise UnknownNodeError(
                f"{end} is not in the network (it is filtered out, or it is not a school, "
                "campus, education group or programme)"
            )
    try:
        return nx.shortest_path(graph, source, target)
    except nx.NetworkXNoPath:
        return None


def path_links(graph: nx.Graph, path: list[str]) -> list[tuple[str, str, str]]:
    """Return the stated links along `path`, one per step, with their direction as stated.

    >>> g = nx.Graph()
    >>> g.add_edge("s", "g", links=[("s", "memberOf", "g")])
    >>> g.add_edge("g", "p", links=[("g", "participatesIn", "p")])
    >>> path_links(g, ["s", "g", "p"])
    [('s', 'memberOf', 'g'), ('g', 'participatesIn', 'p')]
    """
    return [min(graph.edges[a, b]["links"]) for a, b in zip(path, path[1:], strict=False)]
