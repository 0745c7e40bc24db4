"""AppTest: text from documents and the store is shown as written, never read as Markdown or HTML.

A store holding one document whose title, text, section heading, issuer, quotes and entity
labels carry Markdown images and links, HTML tags and emphasis markers: no page may hand any
of that to Streamlit's Markdown unescaped (an image would be fetched by every viewer's browser).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from streamlit.testing.v1 import AppTest

from graph_store.embedded import EmbeddedStore
from tests.app.test_pages import open_page
from tests.store_fixtures import fill

ID = "https://w3id.org/edukg/id/"
DOC = ID + "doc/markup"
SCHOOL = ID + "school/markup"
PROGRAM = ID + "program/markup"
SCHOOL_LABEL = "**示范**<b>小学</b>![](http://example.org/school.png)"
PROGRAM_LABEL = "[示范工程](http://example.org/p) _计划_"
TITLE = "关于印发![](http://example.org/title.png)<b>工作要点</b>的**通知**"
HEADING = "# 总体要求 <img src=http://example.org/heading.png> ![](http://example.org/h.png)"
SENTENCE = f"{SCHOOL_LABEL}参与{PROGRAM_LABEL}。"
# Blank lines and an indented line: Markdown would start a new block and read it as code.
TEXT = (
    f"{TITLE}\n\n    ![](http://example.org/indented.png) 缩进\n\n"
    f"一、{HEADING}\n<b>粗体</b> _斜体_ [链接](http://example.org/) "
    f"<img src=http://example.org/text.png>\n{SENTENCE}\n"
)
# What the document writes, as it would reach the browser if not escaped.
RAW_MARKUP = ("![", "<img", "<b>", "**示范**", "**通知**", "_斜体_", "_计划_", "[链接](", "](http")


def _literal(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def markup_trig() -> str:
    """Return a document graph whose text and labels are full of Markdown and HTML."""
    start = TEXT.index(SENTENCE)
    g = f"<{ID}graph/markup>"
    return f"""
@prefix ekg: <https://w3id.org/edukg/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
{g} {{
  <{DOC}> a ekg:Document ; dct:title {_literal(TITLE)}@zh ;
    dct:source {_literal("![](http://example.org/source.png)_<b>x</b>.txt")} ;
    dct:identifier {_literal("<b>示教〔2021〕1号</b>")} ; dct:issued "2021-03-01"^^xsd:date ;
    ekg:docType "notice" ; ekg:coverageYear 2021 ;
    ekg:issuedBy <{ID}org/markup> ; ekg:jurisdiction <{ID}area/markup> ;
    ekg:hasSection <{DOC}/sec/1> ; ekg:mentions <{SCHOOL}>, <{PROGRAM}> ;
    ekg:text {_literal(TEXT)} .
  <{DOC}/sec/1> a ekg:Section ; ekg:sectionOf <{DOC}> ; ekg:sectionNumber "一、"@zh ;
    ekg:heading {_literal(HEADING)}@zh ; ekg:level 1 ; ekg:order 1 ; ekg:kind "section" ;
    ekg:start {TEXT.index("一、")} ; ekg:end {len(TEXT)} .
  <{ID}org/markup> a ekg:EducationBureau, ekg:Organization ;
    rdfs:label {_literal("![](http://example.org/issuer.png)<b>示范区教育局</b>")}@zh .
  <{ID}area/markup> a ekg:AdministrativeArea ; rdfs:label {_literal("<b>示范区</b>")}@zh .
  <{SCHOOL}> a ekg:School, ekg:Organization ; rdfs:label {_literal(SCHOOL_LABEL)}@zh ;
    ekg:participatesIn <{PROGRAM}> ; ekg:locatedIn <{ID}area/markup> .
  <{PROGRAM}> a ekg:Program ; rdfs:label {_literal(PROGRAM_LABEL)}@zh ;
    ekg:jurisdiction <{ID}area/markup> ; ekg:year 2021 .
  <{DOC}/m/1> a ekg:Mention ; ekg:refersTo <{SCHOOL}> ; ekg:inDocument <{DOC}> ;
    ekg:inSection <{DOC}/sec/1> ; ekg:quote {_literal(SENTENCE)}@zh ;
    ekg:start {start} ; ekg:end {start + len(SCHOOL_LABEL)} .
  <{DOC}/m/2> a ekg:Mention ; ekg:refersTo <{PROGRAM}> ; ekg:inDocument <{DOC}> ;
    ekg:inSection <{DOC}/sec/1> ; ekg:quote {_literal(SENTENCE)}@zh ;
    ekg:start {start + len(SCHOOL_LABEL) + 2} ;
    ekg:end {start + len(SCHOOL_LABEL) + 2 + len(PROGRAM_LABEL)} .
}}
"""


@pytest.fixture
def markup_store_path(tmp_path: Path) -> Path:
    """The tiny dataset plus the document full of markup, in a store folder."""
    store = fill(EmbeddedStore(tmp_path / "store"))
    quads = list(ox.parse(markup_trig().encode(), format=ox.RdfFormat.TRIG))
    store.put_graph(quads[0].graph_name, quads)
    store.close()
    return tmp_path / "store"


# Elements whose body, and widgets whose label, Streamlit renders as Markdown.
MARKDOWN_BODIES = ("markdown", "caption", "title", "header", "subheader")
MARKDOWN_BODIES += ("info", "warning", "error", "success")
LABELLED_WIDGETS = ("button", "checkbox", "multiselect", "number_input", "radio", "selectbox")
LABELLED_WIDGETS += ("slider", "text_input", "toggle")


def rendered_as_markdown(at: AppTest) -> list[str]:
    """Return every string the page hands to Streamlit's Markdown renderer.

    Element bodies (markdown, captions, alerts, headings) and the labels of metrics,
    expanders, tabs, page links and widgets; tables, code and select options are plain text.
    """
    values = [e.value for kind in MARKDOWN_BODIES for e in at.get(kind)]
    values += [p.value for p in at.get("page_link")]
    values += [e.label for e in at.metric] + [b.label for b in [*at.expander, *at.tabs]]
    values += [w.label for kind in LABELLED_WIDGETS for w in at.get(kind)]
    return [str(v) for v in values]


def assert_shown_literally(at: AppTest) -> str:
    """Fail if a Markdown string holds the document's markup unescaped; return them all."""
    rendered = "\n".join(rendered_as_markdown(at))
    found = [m for m in RAW_MARKUP if m in rendered]
    assert not found, f"unescaped {found} in:\n{rendered}"
    return rendered


def test_reader_shows_title_outline_and_text_literally_and_still_highlights(markup_store_path):
    at = open_page(markup_store_path, "documents", doc=DOC)
    rendered = assert_shown_literally(at)
    shown = html.unescape(rendered)  # what the browser displays
    for written in (TITLE, HEADING, "<b>示范区教育局</b>", "<b>粗体</b> _斜体_ [链接](http"):
        assert written in shown
    reader = next(m.value for m in at.markdown if "white-space:pre-wrap" in m.value)
    # The mentions are still links to their resource pages, around the escaped names.
    assert reader.count("resource?iri=") == 2
    assert html.unescape(reader).count(f">{SCHOOL_LABEL}</a>") == 1
    # One Markdown line: a blank line in the text cannot end the HTML block.
    assert "\n" not in reader


def test_explorer_shows_labels_literally(markup_store_path):
    at = open_page(markup_store_path, "explorer", entity=SCHOOL)
    rendered = assert_shown_literally(at)
    assert f"centre: {SCHOOL_LABEL}" in html.unescape(rendered)
    at.selectbox(key="explorer_detail").select(PROGRAM).run()
    assert not at.exception
    assert PROGRAM_LABEL in html.unescape(assert_shown_literally(at))


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("overview", {}),
        ("search", {"text": "示范"}),
        ("programmes", {"program": PROGRAM, "school": SCHOOL}),
        ("lineage", {}),
        ("export", {}),
        ("sparql", {}),
    ],
)
def test_other_pages_show_store_text_literally(markup_store_path, page, params):
    at = open_page(markup_store_path, page, **params)
    assert_shown_literally(at)
