"""The SHACL shapes (ontology/shapes.ttl) and check_shapes / format_report.

Each tests/ontology/valid/*.ttl conforms with no results, except the warnings it lists in
'# warns: <shape>' lines. Each tests/ontology/invalid/*.ttl starts with '# breaks: <shape>' and
breaks that shape and no other.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.namespace import RDF, SH

from graph_store.shapes import (
    SHAPES_BASE,
    SHAPES_FILE,
    ShapeReport,
    ShapesInputError,
    check_shapes,
    format_report,
)

HERE = Path(__file__).parent
VALID = sorted((HERE / "valid").glob("*.ttl"))
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
XSD_STRING = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#string")
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)

NOTICE = """
@prefix ekg:  <https://w3id.org/edukg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix dct:  <http://purl.org/dc/terms/> .
@base <https://w3id.org/edukg/id/> .

<doc/1> a ekg:Document ;
    dct:title "区教育局关于印发2020年全区教育工作要点的通知"@zh ;
    dct:issued "2020-04-28"^^xsd:date ;
    ekg:docType "notice" ;
    ekg:issuedBy <org/1> ;
    {extra} .

<org/1> a ekg:EducationBureau ; rdfs:label "泰州市海陵区教育局"@zh .
"""


def notice(extra: str) -> str:
    return NOTICE.replace("{extra}", extra)


def header_values(path: Path, key: str) -> set[str]:
    """Return the values of the leading '# key: value' comment lines of an example file."""
    values = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith(f"# {key}:"):
            values.add(line.split(":", 1)[1].strip())
    return values


def reported_shapes() -> set[rdflib.URIRef]:
    """Return the shapes that produce results: the named shapes with a target."""
    graph = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    return {s for t in TARGETS for s in graph.subjects(t, None) if isinstance(s, rdflib.URIRef)}


def local_name(iri: rdflib.URIRef) -> str:
    return str(iri)[len(SHAPES_BASE) :]


def test_shapes_have_message_in_zh_and_en_and_a_severity():
    graph = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    shapes = reported_shapes()
    assert len(shapes) > 20
    for shape in shapes:
        languages = {m.language for m in graph.objects(shape, SH.message)}
        assert languages == {"zh", "en"}, f"{shape} needs one sh:message in zh and one in en"
        assert graph.value(shape, SH.severity) in {SH.Violation, SH.Warning}, shape
    node_shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(graph.subjects(RDF.type, SH.PropertyShape))
    assert shapes <= node_shapes | property_shapes


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = check_shapes(path.read_text(encoding="utf-8"))
    assert report.conforms, format_report(report)
    assert report.shapes_broken == header_values(path, "warns"), format_report(report)
    assert all(r.severity == "Warning" for r in report.violations)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_breaks_its_shape_and_no_other(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# breaks: "), f"{path.name} must start with '# breaks: <shape>'"
    expected = first_line.removeprefix("# breaks: ").strip()
    report = check_shapes(path.read_text(encoding="utf-8"))
    assert report.shapes_broken == {expected}, format_report(report)


def test_every_reported_shape_has_an_invalid_example():
    broken = {p.read_text(encoding="utf-8").splitlines()[0].split(": ", 1)[1] for p in INVALID}
    missing = {local_name(s) for s in reported_shapes()} - broken
    assert not missing, f"write an example in tests/ontology/invalid/ for {sorted(missing)}"


@pytest.mark.parametrize(
    "number",
    [
        "泰海教〔2020〕28号",
        "苏教〔2023〕2号",
        "国办发明电〔2020〕1号",
        "苏教[2023]2号",
        "常天教【2019】15号",
    ],
)
def test_document_number_shape_accepts(number):
    report = check_shapes(notice(f'dct:identifier "{number}"'))
    assert not report.violations, format_report(report)


@pytest.mark.parametrize(
    "number", ["泰海教〔20〕28号", "〔2020〕28号", "泰海教2020年28号", "泰海教〔2020〕28", "28号"]
)
def test_document_number_shape_rejects(number):
    report = check_shapes(notice(f'dct:identifier "{number}"'))
    assert report.shapes_broken == {"DocumentNumberShape"}


@pytest.mark.parametrize(
    "index",
    [
        "014119491/2019-00001",
        "1133068300258509X1/2022-72921",
        "014109488/2019-00082",
        "01410948-8/2019-00082",
    ],
)
def test_index_number_shape_accepts(index):
    report = check_shapes(notice(f'ekg:indexNumber "{index}"'))
    assert not report.violations, format_report(report)


@pytest.mark.parametrize(
    "index", ["2019-00001", "014119491-2019-00001", "014119491/19-1", "014119491/2019"]
)
def test_index_number_shape_rejects(index):
    report = check_shapes(notice(f'ekg:indexNumber "{index}"'))
    assert report.shapes_broken == {"IndexNumberShape"}


def test_written_on_same_day_as_printed_on_conforms():
    dates = 'ekg:writtenOn "2020-04-28"^^xsd:date ; ekg:printedOn "2020-04-28"^^xsd:date'
    assert not check_shapes(notice(dates)).violations


def test_format_report_gives_chinese_message_label_and_summary():
    text = (HERE / "invalid" / "notice_without_issuer.ttl").read_text(encoding="utf-8")
    output = format_report(check_shapes(text))
    assert "一份政策文件必须有发文机关" in output
    assert "a policy document needs an issuing body" in output
    assert "区教育局关于印发2020年全区教育工作要点的通知" in output
    assert output.splitlines()[-1] == "1 violation, 0 warnings in 1 focus node"
    assert "一份政策文件必须有发文机关" in format_report(check_shapes(text), language="zh")
    assert "needs an issuing body" not in format_report(check_shapes(text), language="zh")


def test_format_report_of_conforming_graph_says_conforms():
    text = (HERE / "valid" / "notice_with_document_number.ttl").read_text(encoding="utf-8")
    assert format_report(check_shapes(text)) == "conforms"


def test_format_report_counts_warnings_of_a_conforming_graph():
    text = (HERE / "valid" / "interview_without_title.ttl").read_text(encoding="utf-8")
    last = format_report(check_shapes(text)).splitlines()[-1]
    assert last == "conforms (0 violations, 1 warning in 1 focus node)"


def test_shape_result_names_focus_path_value_and_shape():
    text = (HERE / "invalid" / "bad_index_number.ttl").read_text(encoding="utf-8")
    (result,) = check_shapes(text).violations
    assert result.focus_node == "https://w3id.org/edukg/id/doc/b4cc42d2c8984812"
    assert result.path == "https://w3id.org/edukg/ontology#indexNumber"
    assert result.value == "2019-00001"
    assert result.severity == "Violation"
    assert result.shape == SHAPES_BASE + "IndexNumberShape"
    assert result.message_zh.startswith("索引号应写作")
    assert result.message_en.startswith("an index number")


def all_inputs(turtle: str) -> list[object]:
    """Return one graph as Turtle, N-Quads bytes, rdflib Graph and Dataset, and oxigraph quads."""
    name = pyoxigraph.NamedNode("https://w3id.org/edukg/id/graph/x")
    quads = [
        pyoxigraph.Quad(t.subject, t.predicate, t.object, name)
        for t in pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE)
    ]
    nquads = pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS)
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    dataset = rdflib.Dataset()
    named = dataset.graph(rdflib.URIRef(name.value))
    for triple in graph:
        named.add(triple)
    return [turtle, nquads, graph, dataset, quads]


def test_check_shapes_gives_the_same_report_for_every_input_kind():
    text = (HERE / "invalid" / "written_after_printed.ttl").read_text(encoding="utf-8")
    reports = [check_shapes(data) for data in all_inputs(text)]  # type: ignore[arg-type]
    assert all(r == reports[0] for r in reports)
    assert reports[0].shapes_broken == {"DateOrderShape"}


def test_check_shapes_treats_xsd_string_as_a_plain_literal():
    graph = rdflib.Graph().parse(data=notice('ekg:writtenOn "2020-04-28"^^xsd:date'))
    document = rdflib.URIRef("https://w3id.org/edukg/id/doc/1")
    doc_type = rdflib.URIRef("https://w3id.org/edukg/ontology#docType")
    graph.set((document, doc_type, rdflib.Literal("notice", datatype=XSD_STRING)))
    assert check_shapes(graph) == ShapeReport(conforms=True, violations=())


def test_check_shapes_does_not_change_the_callers_graph():
    text = (HERE / "valid" / "notice_with_document_number.ttl").read_text(encoding="utf-8")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    before = len(graph)
    check_shapes(graph)
    assert len(graph) == before


def test_check_shapes_rejects_text_that_is_not_rdf():
    with pytest.raises(ShapesInputError, match="neither N-Quads nor Turtle"):
        check_shapes("泰海教〔2020〕28号 is not RDF")


def large_document_graph(mentions: int = 600) -> rdflib.Graph:
    """Return a ~5,000-triple document graph: 120 sections, 60 schools, mentions, targets."""
    base = "https://w3id.org/edukg/id/"
    text = [notice("ekg:hasSection <doc/1/sec/0>")]
    for i in range(60):
        text.append(f'<school/{i}> a ekg:School ; rdfs:label "第{i}小学"@zh .')
        text.append(f"<doc/1> ekg:mentions <school/{i}> .")
    for i in range(120):
        text.append(
            f"<doc/1> ekg:hasSection <doc/1/sec/{i}> .\n"
            f"<doc/1/sec/{i}> a ekg:Section ; ekg:sectionOf <doc/1> ; ekg:level 1 ; ekg:order {i + 1} ;"
            f' ekg:heading "标题{i}"@zh .'
        )
    for i in range(mentions):
        text.append(
            f"<mention/{i}> a ekg:Mention ; ekg:inDocument <doc/1> ; ekg:inSection <doc/1/sec/{i % 120}> ;"
            f' ekg:refersTo <school/{i % 60}> ; ekg:quote "第{i % 60}小学。" ; ekg:start {10 * i} ;'
            f" ekg:end {10 * i + 5} ."
        )
    for i in range(30):
        text.append(
            f'<target/{i}> a ekg:Target ; rdf:value 1575.0 ; ekg:unit "个"@zh ; ekg:statedIn <doc/1> .'
        )
    turtle = "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n" + "\n".join(text)
    return rdflib.Graph(base=base).parse(data=turtle, format="turtle")


def test_check_shapes_is_fast_on_a_large_document():
    graph = large_document_graph()
    assert len(graph) > 5000
    started = time.perf_counter()
    report = check_shapes(graph)
    elapsed = time.perf_counter() - started
    assert report == ShapeReport(conforms=True, violations=()), format_report(report)
    assert elapsed < 3.0, f"validating {len(graph)} triples took {elapsed:.2f} s"
