"""The statistics graph: each named graph's contribution to the store's aggregates, kept as data.

Every write through a store class (EmbeddedStore, EndpointStore) replaces the contribution of
the graphs it writes in the same update (one Oxigraph transaction), and a drop removes it. A
contribution is a pure function of one graph's own quads (`contribution`): it is the live
aggregate evaluated over that graph alone, by the same SPARQL in an in-memory store, so the
engine's own arithmetic and datatypes are kept. The aggregate queries (queries/*.rq, the app's)
sum the contributions, which is exact because every figure here is of things a document states
in its own graph only: its quads, its targets (each target's indicator, value, unit, year and
jurisdiction), its own metadata. A distinct count (target_indicators' jurisdictions) is kept as
the distinct values themselves and counted across the records. Mentions per
area × programme concept are not kept: a programme named by several documents may have its
concept stated in another document's graph, so a per-document figure is not exact there (the
test found it on the bundled corpus); LIVE["mentions"] answers it from the data graphs, planned
from the programmes' concepts. `check_statistics` compares every figure with the live aggregate
over the data graphs (tests/graph_store/test_statistics.py, on the embedded store, Oxigraph
server and Virtuoso).

Why contributions and not running totals: a delete or a replacement removes exactly the
records of that graph (`ekg:statsOf`), with no read of the rest of the store, on any SPARQL
engine. At 1 M quads (about 1 000 documents) the sums read a few thousand records.

Record IRIs are derived from the graph and the group key (no blank nodes), so every write path
gives the same quads and the dataset hash does not depend on the order documents came in. They
are not under ekgid: (…/edukg/id/), so entity listings and network exports never meet them, and
the stats graph is left out of graphs(), count() and exports, as an index would be: a store
loaded from an export by edukg rebuilds it (`rebuild_statistics`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox
from pyoxigraph import Literal, NamedNode, Quad

from graph_store.protocol import GraphStore
from loaders import QuadLines
from ontology.namespace import EKG, STATS_GRAPH

STATS_BASE = "https://w3id.org/edukg/stats/"
_XSD_NUMBERS = tuple(
    f"http://www.w3.org/2001/XMLSchema#{t}" for t in ("integer", "decimal", "double", "float")
)
_EKG = "PREFIX ekg: <https://w3id.org/edukg/ontology#>\n"
PREFIXES = (
    _EKG + "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX dct: <http://purl.org/dc/terms/>\n"
)

# What each kind of record holds, as the query over one graph that computes it. Each SELECT
# names its columns after the record's properties (STAT_PROPERTIES); an unbound column is left
# out of the record. The live aggregate each one is summed into is in LIVE below.
CONTRIBUTIONS: dict[str, str] = {
    # targets_by_area_and_indicator: sums per jurisdiction, indicator, unit and year.
    "targets": """
SELECT ?area ?indicator ?unit ?year (SUM(?value) AS ?total) (COUNT(?target) AS ?count) WHERE {
  ?target ekg:indicator ?indicator ; ekg:jurisdiction ?area ; rdf:value ?value .
  FILTER EXISTS { ?target a ekg:Target }
  OPTIONAL { ?target ekg:unit ?unit }
  OPTIONAL { ?target ekg:year ?year }
} GROUP BY ?area ?indicator ?unit ?year""",
    # The documents loaded from a file (the Overview).
    "loaded": """
SELECT (COUNT(DISTINCT ?document) AS ?loaded) WHERE { ?document a ekg:Document ; dct:source ?s }
HAVING (COUNT(DISTINCT ?document) > 0)""",
}
# A query whose rows add one multi-valued property (the second name) to the records of another
# kind (the first) with the same key; none now.
_ATTACHED: dict[str, tuple[str, str]] = {}

# target_indicators reads the target-sum records: per indicator and unit their counts summed
# and their jurisdictions counted distinct. That is its figure exactly when each target has one
# value, one jurisdiction, at most one year and its class, as every extracted target has. A
# graph whose targets differ gets a correction record per indicator and unit besides: the count
# that makes the sum exact (below 0 for a target counted in several sums) and the jurisdictions
# the sums leave out. At 1 M quads the read takes 5 ms; one record per graph, indicator and
# unit took 8 ms (its properties shared with the sums: each scan read both kinds), Virtuoso 8.
_INDICATOR_COUNTS = """
SELECT ?indicator ?unit (COUNT(DISTINCT ?target) AS ?count) WHERE {
  ?target ekg:indicator ?indicator .
  OPTIONAL { ?target ekg:unit ?unit }
} GROUP BY ?indicator ?unit"""
_INDICATOR_AREAS = """
SELECT DISTINCT ?indicator ?unit ?area WHERE {
  ?target ekg:indicator ?indicator ; ekg:jurisdiction ?area .
  OPTIONAL { ?target ekg:unit ?unit }
}"""
_CORRECTIONS = "corrections"
STAT_PROPERTIES = {
    "area": EKG.statArea,
    "indicator": EKG.statIndicator,
    "unit": EKG.statUnit,
    "year": EKG.statYear,
    "total": EKG.statTotal,
    "count": EKG.statCount,
    "loaded": EKG.statLoaded,
}
# Each kind's records are found by a property only that kind has (statTotal, statLoaded): joined with ekg:statKind "targets" instead, Oxigraph
# started from every record of the kind, 33 ms against 2 ms for one indicator at 1 M quads.
_COUNTS = ("count", "loaded")

# The reads: each sums the contributions into the figure the live query gives (LIVE). A sum of
# no records is unbound (totals() reads it as 0): COALESCE(SUM(…), 0) fails to compile on
# Virtuoso 7.2 (SQ156).
_IN_STATS = f"GRAPH {STATS_GRAPH}"
READS: dict[str, str] = {
    "totals": f"""
SELECT (SUM(?n) AS ?quads) (COUNT(?g) AS ?graphs) WHERE {{
  {_IN_STATS} {{ ?r ekg:quadCount ?n ; ekg:statsOf ?g }}
}}""",
    "loaded": f"""
SELECT (SUM(?n) AS ?documents) WHERE {{
  {_IN_STATS} {{ ?r ekg:statLoaded ?n }}
}}""",
}

# The live aggregates over the data graphs, for check_statistics (and as the reference the
# reads are measured against): the queries as they were before the statistics graph.
LIVE: dict[str, str] = {
    "totals": f"""
SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {STATS_GRAPH})
}}""",
    # Mentions per area × programme concept, from the programmes that have a concept (a few
    # hundred) to the documents that mention them: planned from ?document ekg:mentions
    # ?program, Oxigraph read every mention of every entity first (16 k at 1 M quads: 115-140
    # ms against 7 ms). The same rows (tests/graph_store/test_statistics.py).
    "mentions": """
SELECT ?area ?concept (COUNT(*) AS ?mentions) WHERE {
  { SELECT DISTINCT ?area ?concept ?document ?program WHERE {
      { SELECT DISTINCT ?program ?concept WHERE { ?program ekg:concept ?concept } }
      ?document ekg:mentions ?program .
      ?document ekg:jurisdiction ?area } }
} GROUP BY ?area ?concept ORDER BY ?area ?concept""",
    "loaded": """
SELECT (COUNT(DISTINCT ?document) AS ?documents) WHERE { ?document a ekg:Document ; dct:source ?s }
""",
    # The named target_indicators as it was written over the data graphs.
    "target_indicators": """
SELECT ?indicator ?unit (COUNT(DISTINCT ?target) AS ?targets) (COUNT(DISTINCT ?area) AS ?areas)
WHERE {
  { SELECT ?target ?indicator WHERE { ?target ekg:indicator ?indicator } }
  OPTIONAL { SELECT ?target ?unit WHERE { ?target ekg:unit ?unit } }
  OPTIONAL { SELECT ?target ?area WHERE { ?target ekg:jurisdiction ?area } }
}
GROUP BY ?indicator ?unit
ORDER BY DESC(?targets) ?indicator ?unit""",
    # The named targets_by_area_and_indicator as it was written over the data graphs.
    "targets_by_area_and_indicator": """
SELECT ?area ?area_name ?indicator ?unit ?year ?total ?targets WHERE {
  { SELECT ?area ?indicator ?unit ?year (SUM(?value) AS ?total) (COUNT(?target) AS ?targets)
    WHERE {
      ?target ekg:indicator ?indicator ; ekg:jurisdiction ?area ; rdf:value ?value .
      FILTER EXISTS { ?target a ekg:Target }
      OPTIONAL { ?target ekg:unit ?unit }
      OPTIONAL { ?target ekg:year ?year }
    }
    GROUP BY ?area ?indicator ?unit ?year }
  { SELECT DISTINCT ?area ?area_name WHERE {
      { SELECT DISTINCT ?area WHERE { ?area a ekg:AdministrativeArea } }
      ?area rdfs:label ?area_name .
  } }
} ORDER BY ?area_name ?unit ?year""",
}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def record_base(graph: NamedNode) -> str:
    """Return the IRI prefix of `graph`'s records (its own, so records never collide)."""
    return f"{STATS_BASE}{_digest(graph.value)}"


def contribution(graph: NamedNode, quads: Iterable[Quad]) -> list[Quad]:
    """Return the statistics-graph quads that record `graph`'s contribution (of its quads
    among `quads`): its quad count and one record per group of each CONTRIBUTIONS query.

    Evaluated over that graph alone in an in-memory Oxigraph, so a figure here is exactly the
    live aggregate of the graph by itself."""
    scratch = ox.Store()
    if isinstance(quads, QuadLines) and quads.graph == graph:
        scratch.load(input=quads.nquads(), format=ox.RdfFormat.N_QUADS)  # no parse into Python
    else:
        scratch.extend(q for q in quads if q.graph_name == graph)
    return contribution_in(scratch, graph)


def contribution_in(scratch: ox.Store, graph: NamedNode) -> list[Quad]:
    """Return `contribution` of `graph` from `scratch`, a store that holds that graph alone
    (graph_store.ingest builds one per document in its worker processes, for this and for the
    search index)."""
    count = len(scratch)  # counted by the store, not free: once
    if not count:  # an empty graph is absent from the store: nothing to record
        return []
    base = record_base(graph)
    head = NamedNode(base)
    out = [
        Quad(head, EKG.statKind, Literal("graph"), STATS_GRAPH),
        Quad(head, EKG.statsOf, graph, STATS_GRAPH),
        Quad(head, EKG.quadCount, Literal(count), STATS_GRAPH),
    ]
    targets: list[dict] = []
    for kind, query in CONTRIBUTIONS.items():
        record, extra = _ATTACHED.get(kind, (kind, None))
        for values in _solutions(scratch, query):
            if kind == "targets":
                targets.append(values)
            key = "\x1f".join(
                f"{k}={values[k]}" for k in sorted(values) if k not in (*_COUNTS, extra)
            )
            node = NamedNode(f"{base}/{record}/{_digest(key)}")
            if extra is not None:  # one more value of a record made by an earlier query
                if extra in values:
                    out.append(Quad(node, STAT_PROPERTIES[extra], values[extra], STATS_GRAPH))
                continue
            out.append(Quad(node, EKG.statKind, Literal(kind), STATS_GRAPH))
            out.append(Quad(node, EKG.statsOf, graph, STATS_GRAPH))
            out += [Quad(node, STAT_PROPERTIES[k], v, STATS_GRAPH) for k, v in values.items()]
    return out + indicator_corrections(scratch, graph, targets)


def _solutions(scratch: ox.Store, query: str) -> list[dict]:
    """Return the rows of `query` over `scratch` as dicts of their bound columns."""
    solutions = scratch.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    # A solution iterates its values in the order of the variables: cheaper than by name.
    return [{n: v for n, v in zip(names, row, strict=True) if v is not None} for row in solutions]


def _record_key(values: dict) -> str:
    return "\x1f".join(f"{k}={values[k]}" for k in sorted(values))


def indicator_corrections(scratch: ox.Store, graph: NamedNode, targets: list[dict]) -> list[Quad]:
    """Return the records that correct target_indicators' figures summed from `targets` (the
    graph's target-sum rows) where they differ from the graph's own: one per indicator and unit
    that differs, and a marker that says the graph's corrections were made (ensure_statistics
    rebuilds records written without them)."""
    base = record_base(graph)
    marker = NamedNode(f"{base}/{_CORRECTIONS}")
    out = [
        Quad(marker, EKG.statKind, Literal(_CORRECTIONS), STATS_GRAPH),
        Quad(marker, EKG.statsOf, graph, STATS_GRAPH),
    ]
    summed: dict[str, int] = {}
    named: dict[str, set] = {}
    for row in targets:
        key = _record_key({k: row[k] for k in ("indicator", "unit") if k in row})
        summed[key] = summed.get(key, 0) + int(row["count"].value)
        named.setdefault(key, set()).add(row["area"])
    groups: dict[str, dict] = {}
    counts: dict[str, int] = {}
    areas: dict[str, set] = {}
    for row in _solutions(scratch, _INDICATOR_COUNTS):
        group = {k: row[k] for k in ("indicator", "unit") if k in row}
        groups[_record_key(group)] = group
        counts[_record_key(group)] = int(row["count"].value)
    for row in _solutions(scratch, _INDICATOR_AREAS):
        key = _record_key({k: row[k] for k in ("indicator", "unit") if k in row})
        areas.setdefault(key, set()).add(row["area"])
    for key, group in sorted(groups.items()):
        delta = counts[key] - summed.get(key, 0)
        extra = areas.get(key, set()) - named.get(key, set())
        if not delta and not extra:
            continue
        node = NamedNode(f"{base}/{_CORRECTIONS}/{_digest(key)}")
        out += [
            Quad(node, EKG.statKind, Literal(_CORRECTIONS), STATS_GRAPH),
            Quad(node, EKG.statsOf, graph, STATS_GRAPH),
            Quad(node, EKG.statCount, Literal(delta), STATS_GRAPH),
            *(Quad(node, STAT_PROPERTIES[k], v, STATS_GRAPH) for k, v in group.items()),
            *(Quad(node, EKG.statArea, area, STATS_GRAPH) for area in sorted(extra, key=str)),
        ]
    return out


def record_lines(records: list[Quad]) -> QuadLines:
    """Return `records` (a contribution) as a QuadLines of the statistics graph: one N-Quads
    bytes object, which crosses a process boundary cheaply and goes to a load as it is."""
    data = ox.serialize(records, format=ox.RdfFormat.N_QUADS) or b""
    return QuadLines.from_nquads(STATS_GRAPH, data, len(records))


def forget_update(graphs: Iterable[NamedNode]) -> str:
    """Return a SPARQL update that deletes the records of `graphs` ('' for none)."""
    ops = [
        f"DELETE {{ {_IN_STATS} {{ ?r ?p ?o }} }} WHERE {{ {_IN_STATS} {{ ?r {EKG.statsOf} {g} ; "
        "?p ?o } }"
        for g in dict.fromkeys(graphs)
    ]
    return " ;\n".join(ops)


def stats_lines(quads: Iterable[Quad]) -> list[str]:
    """Return the N-Triples lines of the statistics-graph quads among `quads`."""
    if isinstance(quads, QuadLines) and quads.graph == STATS_GRAPH:  # no parse into Python
        return list(quads.lines)
    return [f"{q.subject} {q.predicate} {q.object} ." for q in quads if q.graph_name == STATS_GRAPH]


def record_update(graphs: Iterable[NamedNode], records: Iterable[Quad]) -> str:
    """Return the SPARQL update that replaces the records of `graphs` with `records`."""
    ops = [forget_update(graphs)]
    body = "\n".join(stats_lines(records))
    if body:
        ops.append(f"INSERT DATA {{ {_IN_STATS} {{\n{body}\n}} }}")
    return " ;\n".join(op for op in ops if op)


def rebuild_statistics(store: GraphStore) -> int:
    """Recompute every graph's contribution from the store and replace the statistics graph
    with them (after a load by another tool, or to repair); return the records' quads."""
    records = [q for g in store.graphs() for q in contribution(g, store.quads(g))]  # type: ignore[attr-defined]
    store.put_graph(STATS_GRAPH, records)
    return len(records)


# Records written before target_indicators' corrections existed: a graph without their marker.
_OUTDATED = f"""
ASK {{
  {_IN_STATS} {{ ?head ekg:quadCount ?quads ; ekg:statsOf ?graph }}
  FILTER NOT EXISTS {{ {_IN_STATS} {{ ?marker ekg:statKind "{_CORRECTIONS}" ; ekg:statsOf ?graph }} }}
}}"""


def ensure_statistics(store: GraphStore) -> bool:
    """Rebuild the statistics graph when it does not record every graph of the store (a store
    written before it existed, or loaded by another tool) or holds records of an older kind;
    return whether it was rebuilt."""
    if totals(store)[1] == len(store.graphs()) and not store.ask(PREFIXES + _OUTDATED):
        return False
    rebuild_statistics(store)
    return True


def totals(store: GraphStore) -> tuple[int, int]:
    """Return the quads and named graphs of the store (the statistics graph aside), from the
    records: a few ms where counting every quad took 0.3-0.5 s at 1 M quads."""
    quads, graphs = read(store, "totals")[0]
    return (int(quads.value) if quads is not None else 0), int(graphs.value)


def read(store: GraphStore, name: str) -> list[tuple]:
    """Return the rows of one READS query (the figure from the statistics graph)."""
    return store.select(PREFIXES + READS[name]).rows


def live(store: GraphStore, name: str, bindings: dict | None = None) -> list[tuple]:
    """Return the rows of one LIVE query (the figure computed from the data graphs)."""
    return store.select(PREFIXES + LIVE[name], bindings).rows


def check_statistics(store: GraphStore) -> list[str]:
    """Compare every figure read from the statistics graph with the live aggregate over the
    data graphs; return one line per difference (none: the statistics are exact)."""
    from graph_store.named_queries import load_named_queries, run_named_query

    queries = load_named_queries()
    # The live totals are the store's own count() and graphs(), which leave out what is not
    # edukg's (Virtuoso's system graphs) as the records do.
    pairs: list[tuple[str, list, list]] = [
        ("totals", [totals(store)], [(store.count(), len(store.graphs()))]),
        ("loaded", read(store, "loaded"), live(store, "loaded")),
        (
            "target_indicators",
            run_named_query(store, queries["target_indicators"]).rows,
            live(store, "target_indicators"),
        ),
    ]
    indicators = {row[0] for row in live(store, "target_indicators")}
    for indicator in sorted(indicators, key=str):
        pairs.append(
            (
                f"targets_by_area_and_indicator [{indicator.value}]",
                run_named_query(
                    store, queries["targets_by_area_and_indicator"], {"indicator": indicator.value}
                ).rows,
                live(store, "targets_by_area_and_indicator", {"indicator": indicator}),
            )
        )
    out = []
    for name, stored, computed in pairs:
        stored_rows, live_rows = _comparable(stored), _comparable(computed)
        if stored_rows != live_rows:
            only_stats = sorted(set(stored_rows) - set(live_rows))[:3]
            only_live = sorted(set(live_rows) - set(stored_rows))[:3]
            out.append(f"{name}: statistics {only_stats} live {only_live}")
    return out


def _comparable(rows: Iterable[tuple]) -> list[tuple[str, ...]]:
    """Return rows as sorted tuples of N-Triples terms, numbers by value (an engine may write
    a sum of decimals as 5 or 5.0)."""

    def term(cell) -> str:
        if cell is None:
            return ""
        if isinstance(cell, int):
            return str(cell)
        if isinstance(cell, Literal) and cell.datatype.value.startswith(_XSD_NUMBERS):
            return f"{float(cell.value):g}"
        return str(cell)

    return sorted(tuple(term(c) for c in row) for row in rows)
