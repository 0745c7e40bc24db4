"""Quads, determinism, IRIs, scoring and golden files for extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.evaluate import normalise_name, score_quads
from loaders.extract import EXTRACTOR, EXTRACTORS, extract
from loaders.extract.lineage import ProgramRecord, infer_lineage
from loaders.extract.rdf import extraction_quads
from tests.golden import golden_text
from tests.loaders.extract.helpers import make_doc

TEXT = (
    "南京市鼓楼区教育局印发通知。由青松小学牵头,白桦小学、红杉幼儿园加入青松教育集团。"
    "继续实施“三名工程”,抓好领航计划(名校长)培训。全年投入1.2亿元。根据《义务教育法》执行。"
)
GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "extraction"


def test_extraction_quads_are_deterministic():
    first = extraction_quads(make_doc(TEXT), extract(make_doc(TEXT)))
    second = extraction_quads(make_doc(TEXT), EXTRACTORS[EXTRACTOR](make_doc(TEXT)))
    assert [str(q) for q in first] == [str(q) for q in second]


def test_extraction_quads_have_ascii_iris_in_the_document_graph():
    doc = make_doc(TEXT)
    quads = extraction_quads(doc, extract(doc))
    assert quads
    for q in quads:
        assert q.graph_name.value.endswith(doc.doc_id)
        for term in (q.subject, q.predicate, q.object):
            if type(term).__name__ == "NamedNode":
                assert term.value.isascii(), term.value


def test_relation_evidence_is_a_reified_mention():
    doc = make_doc(TEXT)
    nt = "\n".join(str(q) for q in extraction_quads(doc, extract(doc)))
    assert "22-rdf-syntax-ns#predicate> <https://w3id.org/edukg/ontology#memberOf>" in nt


def test_score_quads_counts_labels_and_neutral_inner_areas():
    doc = make_doc("鹿城区教育局与白桦小学合作。温州也参与。", chain=("浙江省", "温州市", "鹿城区"))
    quads = extraction_quads(doc, extract(doc))
    gold = {
        "schools": ["白桦小学", "黑松小学"],
        "organizations": ["鹿城区教育局"],
        "areas": ["温州"],
        "groups": [],
        "programs": [],
    }
    scores = score_quads(doc.doc_id, quads, gold)
    assert (scores["schools"].correct, scores["schools"].extracted) == (1, 1)
    assert (scores["schools"].found, scores["schools"].gold) == (1, 2)
    assert scores["organizations"].f1 == 1.0
    # 鹿城区 only occurs inside 鹿城区教育局: neither right nor wrong.
    assert (scores["areas"].correct, scores["areas"].extracted) == (1, 1)


def test_normalise_name_strips_quotes_and_space():
    assert normalise_name("“学会思维:‘钟楼课堂’” ") == normalise_name("学会思维:钟楼课堂")


def test_infer_lineage_implements_and_continues():
    city = ProgramRecord("c2019", "k", "320400", "常州市", ("320000",), 2019)
    district = ProgramRecord("d2020", "k", "320404", "钟楼区", ("320000", "320400"), 2020)
    district_old = ProgramRecord("d2018", "k", "320404", "钟楼区", ("320000", "320400"), 2018)
    links = infer_lineage([city, district, district_old])
    assert ("d2020", "implements", "c2019", "lineage.implements.v1") in links
    assert ("d2020", "continues", "d2018", "lineage.continues.v1") in links


CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir()) if GOLDEN.exists() else []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_extraction(case: Path, request: pytest.FixtureRequest):
    from loaders.read import read_document

    doc = read_document(case / "document.txt")
    lines = sorted({str(q.triple) + " ." for q in extraction_quads(doc, extract(doc))})
    update = request.config.getoption("--update-golden")
    expected_text = golden_text(case / "expected.nt", "\n".join(lines) + "\n", update)
    expected = set(expected_text.splitlines()) - {""}
    missing, unexpected = expected - set(lines), set(lines) - expected
    assert not missing and not unexpected, (
        "missing:\n"
        + "\n".join(sorted(missing))
        + "\nunexpected:\n"
        + "\n".join(sorted(unexpected))
    )
