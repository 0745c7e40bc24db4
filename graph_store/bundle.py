"""The research bundle: one zip holding a query, its parameters, its results, the network they
form, a picture of it, the exact dataset version, a citation and an RO-Crate 1.1 description.

A reader of a paper can re-run the query on the same data: the dataset version is the SHA-256 of
the store's canonical N-Quads (every quad on one line, lines sorted), and the bundle also lists
each source document with its own content hash (`dct:source`, `ekg:contentHash`).

    query.rq                 the query text
    parameters.json          the parameter values as given
    results.csv              SELECT: the rows; CONSTRUCT: subject,predicate,object
    results.ttl              CONSTRUCT: its triples; SELECT: the neighbourhood of the IRIs in it
    network.graphml          the entity network of results.ttl (labels and classes on nodes)
    network.svg              a drawing of that network (made offline)
    dataset.json             dataset version, quad count and source documents with hashes
    CITATION.cff             how to cite the result and the dataset version
    ro-crate-metadata.json   RO-Crate 1.1 metadata describing every file above
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import networkx as nx
from pyoxigraph import Triple

from graph_store.export import (
    neighbourhood,
    result_iris,
    run_query,
    serialize_triples,
    triples_network,
)
from graph_store.named_queries import NamedQuery
from graph_store.protocol import GraphStore
from graph_store.results import QueryResult, to_csv

_BLANK = re.compile(rb'(?<![<"\w])_:[A-Za-z0-9_.-]+')
MAX_FOCUS = 100  # IRIs of a SELECT result whose neighbourhood goes into results.ttl
MAX_DRAWN = 250  # nodes drawn in network.svg (the busiest ones)
_DOCUMENTS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?document ?source ?content_hash WHERE {
  ?document a ekg:Document ; dct:source ?source .
  OPTIONAL { ?document ekg:contentHash ?content_hash }
} ORDER BY ?source ?document
"""
_PALETTE = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]


@dataclass(frozen=True)
class SourceDocument:
    iri: str
    source: str
    content_hash: str | None


@dataclass(frozen=True)
class DatasetVersion:
    """The identity of the data a result came from."""

    sha256: str
    quads: int
    documents: tuple[SourceDocument, ...]

    def as_json(self) -> dict:
        return {
            "version": f"sha256:{self.sha256}",
            "algorithm": "SHA-256 of the canonical N-Quads (one quad per line, blank-node "
            "labels written _:b, lines sorted, UTF-8, each line ending in LF)",
            "quads": self.quads,
            "documents": [
                {"iri": d.iri, "source": d.source, "contentHash": d.content_hash}
                for d in self.documents
            ],
        }


def canonical_nquads_hash(nquads: bytes) -> tuple[str, int]:
    """Return the SHA-256 of N-Quads with lines sorted, and the number of quads.

    Blank-node labels are hashed as `_:b`: the only blank nodes are the ontology's OWL axioms
    (owl:unionOf lists), whose labels are drawn afresh each time the ontology is loaded, so the
    version of a rebuilt store does not depend on them.

    >>> canonical_nquads_hash(b"<a:b> <a:c> _:x1 .\\n")[0] == canonical_nquads_hash(b"<a:b> <a:c> _:y .\\n")[0]
    True
    """
    # Bytes all the way: UTF-8 sorts like code points, and a decoded copy of a large store
    # would take four times the memory.
    lines = sorted(ln for ln in _BLANK.sub(b"_:b", nquads).splitlines() if ln.strip())
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line + b"\n")
    return digest.hexdigest(), len(lines)


def dataset_version(store: GraphStore) -> DatasetVersion:
    """Return the store's dataset version and its source documents (see the module docstring)."""
    sha, quads = canonical_nquads_hash(store.export("nq"))
    documents = tuple(
        SourceDocument(doc.value, source.value, content_hash.value if content_hash else None)
        for doc, source, content_hash in store.select(_DOCUMENTS)
    )
    return DatasetVersion(sha, quads, documents)


def _triples_csv(triples: list[Triple]) -> str:
    result = QueryResult(
        ("subject", "predicate", "object"),
        tuple((t.subject, t.predicate, t.object) for t in triples),
    )
    return to_csv(result)


def network_svg(network: nx.MultiDiGraph, title: str, width: int = 960, height: int = 720) -> str:
    """Return an SVG drawing of `network` (spring layout, seeded; nodes coloured by class)."""
    graph = nx.Graph(network)
    if graph.number_of_nodes() > MAX_DRAWN:
        keep = sorted(graph.degree, key=lambda nd: (-nd[1], nd[0]))[:MAX_DRAWN]
        graph = graph.subgraph(n for n, _ in keep).copy()
    nodes = sorted(graph.nodes)
    if nodes:
        k = 1.5 / math.sqrt(len(nodes))
        positions = nx.spring_layout(graph.subgraph(nodes), seed=7, k=k, iterations=80)
    else:
        positions = {}
    margin = 60
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def place(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return (
            margin + (x - min(xs)) / span_x * (width - 2 * margin),
            margin + (y - min(ys)) / span_y * (height - 2 * margin),
        )

    classes = sorted({network.nodes[n].get("class", "") for n in nodes})
    colours = {c: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(classes)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans CJK SC, Source Han Sans SC, '
        'Microsoft YaHei, PingFang SC, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="12" y="24" font-size="16">{html.escape(title)}</text>',
    ]
    for source, target in sorted(graph.edges):
        (x1, y1), (x2, y2) = place(source), place(target)
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#999" stroke-width="0.8"/>'
        )
    for node in nodes:
        x, y = place(node)
        data = network.nodes[node]
        label = html.escape(str(data.get("label", "")))
        colour = colours[data.get("class", "")]
        out.append(
            f"<g><title>{html.escape(node)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}"/>'
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="11">{label}</text></g>'
        )
    for i, cls in enumerate(classes):
        y = height - 16 - 18 * (len(classes) - 1 - i)
        out.append(
            f'<circle cx="18" cy="{y - 4}" r="6" fill="{colours[cls]}"/>'
            f'<text x="30" y="{y}" font-size="12">{html.escape(cls or "(untyped)")}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def citation_cff(query: NamedQuery, version: DatasetVersion, released: str) -> str:
    """Return CITATION.cff text for the result, naming the dataset version."""
    title = f"edukg query result: {query.title}".replace('"', "'")
    return "\n".join(
        [
            "cff-version: 1.2.0",
            'message: "If you use this result, please cite it as below; the version identifies '
            'the exact knowledge-graph content it was computed from."',
            "type: dataset",
            f'title: "{title}"',
            f'version: "sha256:{version.sha256}"',
            f"date-released: {released}",
            "authors:",
            '  - name: "edukg developers"',
            "identifiers:",
            "  - type: other",
            f'    value: "sha256:{version.sha256}"',
            '    description: "SHA-256 of the canonical N-Quads of the edukg knowledge graph"',
            f'abstract: "Named query {query.name} run on {version.quads} quads from '
            f'{len(version.documents)} source documents."',
            "references:",
            "  - type: software",
            '    title: "edukg: a knowledge graph of Chinese education-policy documents"',
            "    authors:",
            '      - name: "edukg developers"',
            "",
        ]
    )


_FILES = {
    "query.rq": ("SPARQL query", "application/sparql-query"),
    "parameters.json": ("query parameters", "application/json"),
    "results.csv": ("query results (CSV)", "text/csv"),
    "results.ttl": (
        "result graph: CONSTRUCT triples or neighbourhood of the result",
        "text/turtle",
    ),
    "network.graphml": ("entity network of the result graph", "application/graphml+xml"),
    "network.svg": ("drawing of the entity network", "image/svg+xml"),
    "dataset.json": ("dataset version and source documents", "application/json"),
    "CITATION.cff": ("citation", "text/x-yaml"),
}


def ro_crate(
    files: dict[str, bytes], query: NamedQuery, version: DatasetVersion, released: str
) -> dict:
    """Return RO-Crate 1.1 metadata describing every file of the bundle."""
    parts = []
    for name, data in files.items():
        description, media = _FILES[name]
        parts.append(
            {
                "@id": name,
                "@type": "File",
                "name": name,
                "description": description,
                "encodingFormat": media,
                "contentSize": str(len(data)),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    root = {
        "@id": "./",
        "@type": "Dataset",
        "name": f"edukg query result: {query.title}",
        "description": query.description or query.title,
        "datePublished": released,
        "version": f"sha256:{version.sha256}",
        "license": {"@id": "https://opensource.org/licenses/MIT"},
        "hasPart": [{"@id": name} for name in files],
        "mainEntity": {"@id": "query.rq"},
        "isBasedOn": {"@id": f"#dataset-sha256-{version.sha256}"},
    }
    dataset = {
        "@id": f"#dataset-sha256-{version.sha256}",
        "@type": "Dataset",
        "name": "edukg knowledge graph",
        "version": f"sha256:{version.sha256}",
        "description": f"{version.quads} quads from {len(version.documents)} source documents",
    }
    metadata = {
        "@id": "ro-crate-metadata.json",
        "@type": "CreativeWork",
        "conformsTo": {"@id": "https://w3id.org/ro/crate/1.1"},
        "about": {"@id": "./"},
    }
    licence = {
        "@id": "https://opensource.org/licenses/MIT",
        "@type": "CreativeWork",
        "name": "MIT License",
    }
    return {
        "@context": "https://w3id.org/ro/crate/1.1/context",
        "@graph": [metadata, root, dataset, licence, *parts],
    }


def build_bundle(
    store: GraphStore,
    query: NamedQuery,
    values: dict[str, str] | None = None,
    released: str | None = None,
) -> bytes:
    """Return the research bundle zip for `query` run on `store` (see the module docstring).

    Args:
        store: the store to query.
        query: a SELECT or CONSTRUCT named query.
        values: parameter values, bound safely (NAME → text).
        released: the date written into the citation and crate (default: today, UTC).
    """
    values = dict(values or {})
    released = released or datetime.now(UTC).date().isoformat()
    answer = run_query(store, query, values)
    if isinstance(answer, QueryResult):
        results_csv = to_csv(answer)
        triples: set[Triple] = set()
        for iri in result_iris(answer)[:MAX_FOCUS]:
            triples.update(neighbourhood(store, iri, 1))
        result_triples = sorted(triples, key=str)
    else:
        result_triples = sorted(set(answer), key=str)
        results_csv = _triples_csv(result_triples)
    network = triples_network(result_triples)
    graphml = io.BytesIO()
    nx.write_graphml(network, graphml)
    version = dataset_version(store)
    files = {
        "query.rq": query.text.encode("utf-8"),
        "parameters.json": json.dumps(
            {
                "query": query.name,
                "parameters": values,
                "declared": [
                    {"name": p.name, "type": p.type, "label": p.label, "required": p.required}
                    for p in query.params
                ],
            },
            ensure_ascii=False,
            indent=2,
        ).encode("utf-8"),
        "results.csv": results_csv.encode("utf-8"),
        "results.ttl": serialize_triples(result_triples, "ttl"),
        "network.graphml": graphml.getvalue(),
        "network.svg": network_svg(network, query.title).encode("utf-8"),
        "dataset.json": json.dumps(version.as_json(), ensure_ascii=False, indent=2).encode("utf-8"),
        "CITATION.cff": citation_cff(query, version, released).encode("utf-8"),
    }
    crate = ro_crate(files, query, version, released)
    files["ro-crate-metadata.json"] = json.dumps(crate, ensure_ascii=False, indent=2).encode(
        "utf-8"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
