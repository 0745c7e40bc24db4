"""check_shapes(graph) → ShapeReport: run the SHACL shapes of ontology/shapes.ttl over a graph.

Only a conforming graph (no sh:Violation; warnings allowed) goes on to `put_graph`.

Inference: the shapes run with pySHACL's `inference="none"` over the data graph plus the
`rdfs:subClassOf` axioms of ontology/edukg.ttl. SHACL's sh:targetClass and sh:class follow
rdfs:subClassOf in the data graph, so an ekg:EducationBureau is checked (and accepted) as an
ekg:Organization. Full RDFS inference is not used: it is several times slower, and it would apply
rdfs:domain/rdfs:range, typing things the loader did not type (a node with ekg:start would become
an ekg:Mention and then be asked for a quote). Measured on a 5,257-triple document graph (one
document, 120 sections, 600 mentions, 60 schools, 30 targets): 0.24 s from an rdflib Graph,
0.5 s from N-Triples text, 0.55 s when all 600 mentions break a shape; pySHACL's
inference="rdfs" with the whole ontology took 2.4 s on the same graph. A test keeps it under 3 s.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph
import rdflib
from pyshacl import validate
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import BNode, Literal, Node, URIRef

from ontology import ONTOLOGY_DIR
from ontology.namespace import EKG_BASE

SHAPES_BASE = "https://w3id.org/edukg/shapes#"
ONTOLOGY_FILE = ONTOLOGY_DIR / "edukg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

# Order of severities in reports: what blocks storing first.
SEVERITIES = ("Violation", "Warning", "Info")
# Properties whose value names a focus node in a report, best first.
_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
_LABEL_PROPERTIES = (RDFS.label, DCTERMS.title, URIRef(EKG_BASE + "heading"))

GraphInput = (
    rdflib.Graph | rdflib.Dataset | str | bytes | Iterable[pyoxigraph.Quad | pyoxigraph.Triple]
)


class ShapesInputError(ValueError):
    """The data handed to check_shapes could not be read as RDF; the message says why."""


@dataclass(frozen=True)
class ShapeResult:
    """One SHACL validation result, in researcher terms.

    Attributes:
        focus_node: IRI (or blank node id) of the node that broke the rule.
        focus_label: its rdfs:label, dct:title or ekg:heading in the data, if it has one.
        path: the property IRI the rule is about (a path expression for complex paths), or None.
        severity: 'Violation', 'Warning' or 'Info'.
        message_zh: the shape's sh:message in Chinese.
        message_en: the shape's sh:message in English.
        value: the offending value (IRI or lexical form), or None.
        shape: IRI of the shape that was broken, e.g. https://w3id.org/edukg/shapes#IndexNumberShape.
    """

    focus_node: str
    focus_label: str | None
    path: str | None
    severity: str
    message_zh: str
    message_en: str
    value: str | None
    shape: str

    @property
    def shape_name(self) -> str:
        """Return the shape's local name, e.g. 'IndexNumberShape'."""
        return self.shape.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def message(self, language: str | None = None) -> str:
        """Return the message in `language` ('zh' or 'en'), or both as 'zh / en' when None."""
        if language == "zh":
            return self.message_zh
        if language == "en":
            return self.message_en
        if self.message_zh == self.message_en:
            return self.message_zh
        return f"{self.message_zh} / {self.message_en}"


@dataclass(frozen=True)
class ShapeReport:
    """What check_shapes found: `conforms` is False exactly when some result is a Violation.

    `violations` holds every result (violations, then warnings), in a stable order.
    """

    conforms: bool
    violations: tuple[ShapeResult, ...]

    @property
    def violation_count(self) -> int:
        """Return the number of results with severity Violation."""
        return sum(1 for r in self.violations if r.severity == "Violation")

    @property
    def warning_count(self) -> int:
        """Return the number of results with severity Warning."""
        return sum(1 for r in self.violations if r.severity == "Warning")

    @property
    def focus_nodes(self) -> frozenset[str]:
        """Return the nodes that have at least one result."""
        return frozenset(r.focus_node for r in self.violations)

    @property
    def shapes_broken(self) -> frozenset[str]:
        """Return the local names of the shapes that have at least one result."""
        return frozenset(r.shape_name for r in self.violations)


def check_shapes(data: GraphInput) -> ShapeReport:
    """Validate a graph against ontology/shapes.ttl and return the results.

    Args:
        data: an rdflib Graph, an rdflib Dataset (all its graphs are validated together, as the
            union a query sees), N-Quads / N-Triples / Turtle / TriG text (str or bytes), or an
            iterable of pyoxigraph Quads or Triples.

    Returns:
        A ShapeReport; `conforms` is True when no result has severity Violation.

    Raises:
        ShapesInputError: when text cannot be parsed as any of the accepted formats.
    """
    working = _working_graph(data)
    for triple in _subclass_axioms():
        working.add(triple)
    _conforms, results_graph, _text = validate(
        working,
        shacl_graph=_shapes_graph(),
        inference="none",
        allow_warnings=True,
        inplace=True,
    )
    results = tuple(sorted(_read_results(results_graph, working), key=_result_order))
    return ShapeReport(
        conforms=not any(r.severity == "Violation" for r in results), violations=results
    )


def format_report(report: ShapeReport, language: str | None = None) -> str:
    """Return a readable report: one line per result, then a summary line.

    Each line gives the severity, the focus node (its label when known), the message (in
    `language`, 'zh' or 'en', or both when None) and the offending value.

    >>> format_report(ShapeReport(conforms=True, violations=()))
    'conforms'
    """
    lines = []
    for result in report.violations:
        node = result.focus_label or result.focus_node
        if result.focus_label:
            node = f"{result.focus_label} <{result.focus_node}>"
        line = f"{result.severity}: {node}: {result.message(language)}"
        if result.value is not None and result.value != result.focus_node:
            line += f" (value: {result.value})"
        lines.append(line)
    lines.append(_summary(report))
    return "\n".join(lines)


def _summary(report: ShapeReport) -> str:
    if not report.violations:
        return "conforms"
    violations, warnings = report.violation_count, report.warning_count
    nodes = len(report.focus_nodes)
    counts = (
        f"{violations} violation{'s' * (violations != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)} "
        f"in {nodes} focus node{'s' * (nodes != 1)}"
    )
    return f"conforms ({counts})" if report.conforms else counts


def _working_graph(data: GraphInput) -> rdflib.Graph:
    """Return a fresh Graph holding every triple of `data` (the caller's graph is not changed)."""
    working = rdflib.Graph()
    if isinstance(data, rdflib.Dataset):
        for s, p, o, _graph in data:
            working.add((s, p, _simple_literal(o)))
    elif isinstance(data, rdflib.Graph):
        for s, p, o in data:
            working.add((s, p, _simple_literal(o)))
    else:
        triples = _parse_text(data) if isinstance(data, str | bytes) else _triples_of(data)
        ntriples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        working.parse(data=ntriples, format="nt")
    return working


def _simple_literal(node: Node) -> Node:
    """Return "x"^^xsd:string as the plain literal "x" (the same term in RDF 1.1).

    rdflib keeps the two apart, so sh:in ("notice") would refuse "notice"^^xsd:string.
    """
    if isinstance(node, Literal) and node.datatype == _XSD_STRING:
        return Literal(str(node))
    return node


def _triples_of(
    statements: Iterable[pyoxigraph.Quad | pyoxigraph.Triple],
) -> list[pyoxigraph.Triple]:
    return [s.triple if isinstance(s, pyoxigraph.Quad) else s for s in statements]


def _parse_text(text: str | bytes) -> list[pyoxigraph.Triple]:
    """Parse N-Quads (hence N-Triples) or, failing that, TriG (hence Turtle); drop graph names."""
    errors = []
    for fmt in (pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG):
        try:
            return _triples_of(pyoxigraph.parse(text, format=fmt))
        except SyntaxError as err:
            errors.append(f"{fmt.name}: {err}")
    raise ShapesInputError(
        "check_shapes: the data is neither N-Quads nor Turtle/TriG ("
        + "; ".join(errors)
        + "); pass an rdflib Graph or serialise the graph first"
    )


@functools.cache
def _shapes_graph() -> rdflib.Graph:
    """Return the parsed shapes (read once; pySHACL does not modify it)."""
    return rdflib.Graph().parse(SHAPES_FILE, format="turtle")


@functools.cache
def _subclass_axioms() -> tuple[tuple[Node, Node, Node], ...]:
    """Return the rdfs:subClassOf triples between named classes of edukg.ttl."""
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")
    return tuple(
        (s, RDFS.subClassOf, o)
        for s, o in ontology.subject_objects(RDFS.subClassOf)
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    )


def _read_results(results: rdflib.Graph, data: rdflib.Graph) -> Iterable[ShapeResult]:
    for node in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(node, SH.focusNode)
        value = results.value(node, SH.value)
        path = results.value(node, SH.resultPath)
        severity = results.value(node, SH.resultSeverity)
        messages = list(results.objects(node, SH.resultMessage))
        yield ShapeResult(
            focus_node=_node_text(focus),
            focus_label=_label(data, focus),
            path=_path_text(results, path),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            message_zh=_message(messages, "zh"),
            message_en=_message(messages, "en"),
            value=_node_text(value) if value is not None else None,
            shape=_node_text(results.value(node, SH.sourceShape)),
        )


def _message(messages: list[Node], language: str) -> str:
    """Return the message in `language`, else an untagged one (pySHACL's default), else any."""
    for message in messages:
        if isinstance(message, Literal) and (message.language or "").startswith(language):
            return str(message)
    for message in messages:
        if isinstance(message, Literal) and not message.language:
            return str(message)
    return str(messages[0]) if messages else ""


def _label(data: rdflib.Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    for prop in _LABEL_PROPERTIES:
        labels = [o for o in data.objects(node, prop) if isinstance(o, Literal)]
        if labels:
            labels.sort(key=lambda o: (not (o.language or "").startswith("zh"), str(o)))
            return str(labels[0])
    return None


def _node_text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _path_text(results: rdflib.Graph, path: Node | None) -> str | None:
    """Return a property IRI as is, and a complex path in SPARQL property-path syntax."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{_path_text(results, inverse)}"
    alternatives = results.value(path, SH.alternativePath)
    if alternatives is not None:
        members = Collection(results, alternatives)
        return "|".join(_path_text(results, m) or "" for m in members)
    if (path, RDF.first, None) in results:
        members = Collection(results, path)
        return "/".join(_path_text(results, m) or "" for m in members)
    return _node_text(path)


def _result_order(result: ShapeResult) -> tuple[int, str, str, str, str]:
    rank = SEVERITIES.index(result.severity) if result.severity in SEVERITIES else len(SEVERITIES)
    return (rank, result.focus_node, result.shape, result.path or "", result.value or "")
