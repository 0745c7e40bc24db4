"""Issue 12: the SPARQL editor completes entity labels from the store (a bounded list, read
read-only once per store generation, matched in memory); the browser half is in
test_browser_editor.py."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from graph_store.app_queries import PREFIXES
from graph_store.completion import NAMES_QUERY, WHERE_QUERY, entity_labels, match_labels
from graph_store.sandbox import check_read_only
from tests.app.test_pages import XCQ, _add, open_page

NEW_SCHOOL = """
@prefix ekg: <https://w3id.org/edukg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/edukg/id/graph/test-completion> {
  <https://w3id.org/edukg/id/school/cehui> a ekg:School ; rdfs:label "测绘新村小学"@zh .
}
"""


def editor_args(at: AppTest) -> dict:
    [component] = at.get("component_instance")
    return json.loads(component.proto.json_args)


def lookup(at: AppTest, fragment: str, nonce: str) -> list[dict]:
    """Send the editor's entity lookup as the browser does; return the options it gets back."""
    at.session_state["sparql_editor"] = {"lookup": fragment, "nonce": nonce}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    answer = editor_args(at)["entities"]
    assert answer["fragment"] == fragment and answer["nonce"] == nonce
    return answer["options"]


def test_issue_12_entity_labels_come_from_the_store_bounded(tiny_store):
    labels = entity_labels(tiny_store)
    by_iri = {e.iri: e for e in labels}
    school = by_iri[XCQ]
    assert school.caption() == "西仓桥小学 · 学校 School · 钟楼区"
    assert school.literal == '"西仓桥小学"@zh'  # the language tag, or a triple matches nothing
    # A short form is matched, never shown; a document is named by its title.
    assert "实验小学" in by_iri["https://w3id.org/edukg/id/school/hl-shiyan"].names
    assert by_iri["https://w3id.org/edukg/id/doc/cited-plan"].label.startswith("江苏省义务教育")
    assert len(entity_labels(tiny_store, limit=3)) == 3


def test_issue_12_completion_queries_are_read_only_and_call_nothing():
    for query in (NAMES_QUERY, WHERE_QUERY):
        check_read_only(PREFIXES + query)  # the sandbox's own check: no update, SERVICE, LOAD
        assert "LIMIT" in query


def test_issue_12_fragments_match_exact_then_prefix_then_part_then_pinyin(tiny_store):
    labels = entity_labels(tiny_store)
    assert [e.label for e in match_labels(labels, "三名工程")][:3] == ["三名工程"] * 3
    assert [e.label for e in match_labels(labels, "西仓桥")] == [
        "西仓桥小学",
        "西仓桥教育集团",
        "西仓桥小学东校区",
    ]
    assert match_labels(labels, "xcq")[0].iri.endswith("xicangqiao")
    assert match_labels(labels, "qingtan")[0].label == "清潭小学"
    assert len(match_labels(labels, "小学", limit=2)) == 2


def test_issue_12_editor_lookup_answers_with_entities_and_runs_nothing(tiny_store_path):
    at = open_page(tiny_store_path, "sparql")
    runs = at.session_state["sparql_page_runs"]
    options = lookup(at, "西仓", "n1")
    first = options[0]
    assert (first["label"], first["kind"], first["where"]) == (
        "西仓桥小学",
        "学校 School",
        "钟楼区",
    )
    assert first["term"] == f"<{XCQ}>" and first["literal"] == '"西仓桥小学"@zh'
    assert "sparql_outcome" not in at.session_state  # a lookup is not a Run
    assert not at.session_state["sparql_history"]
    # Pinyin, and an unknown name: no options, no error.
    assert lookup(at, "qingtan", "n2")[0]["label"] == "清潭小学"
    assert lookup(at, "没有这个名字", "n3") == []
    assert at.session_state["sparql_page_runs"] == runs + 3  # AppTest reruns the whole script


def test_issue_12_entity_labels_follow_the_store_generation(tiny_store_path: Path):
    at = open_page(tiny_store_path, "sparql")
    generation = editor_args(at)["entity_generation"]
    assert lookup(at, "测绘", "n1") == []
    _add(tiny_store_path, NEW_SCHOOL)  # another process writes: a new generation
    options = lookup(at, "测绘", "n2")
    assert [o["label"] for o in options] == ["测绘新村小学"]
    assert editor_args(at)["entity_generation"] != generation  # the editor drops its answers
