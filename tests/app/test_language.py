"""Issue 12, one language rule: every string the app itself writes reads in Chinese with English
beside it (titles, captions, alerts, widget labels, buttons, table headers, relation names and
enum values), and no table cell, option or caption shows None or nan.

Each page is opened in the states a researcher reaches (a query run, an entity open, a
document read …) and every element AppTest exposes is read from its protobuf. Text that comes
from the data (titles, sentences, names) is the documents' own: a table's cells and an
option that holds CJK are data; a string of the app must hold both scripts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.test_pages import XCQ, ZL, open_page

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# Strings with no word of either language: numbers, years, punctuation, arrows, an IRI.
NO_WORDS = re.compile(r"^[\s\d.,:;·/\-–—→↗+%()（）?#…]*$")
IRI = re.compile(r"^(https?://|[a-z]+:[A-Za-z_/])\S*$")
# Words that are the same in both languages (format names, protocol words).
NEUTRAL = {"IRI", "SPARQL", "CSV", "JSON", "Turtle", "GraphML", "GEXF", "TriG", "Run"}
ALERTS = {"info", "warning", "error", "success", "exception"}
EMPTY_WORDS = re.compile(r"(?<![\w/])(None|nan|NaN|NaT)(?![\w/])")


def _both_languages(text: str) -> bool:
    text = text.strip()
    if not text or NO_WORDS.match(text) or IRI.match(text) or text in NEUTRAL:
        return True
    return bool(CJK.search(text)) and bool(LATIN.search(text))


def _leaves(node) -> Iterator:  # noqa: ANN001
    children = getattr(node, "children", None)
    if children:
        for child in children.values() if isinstance(children, dict) else children:
            yield from _leaves(child)
    else:
        yield node


def _is_data_markdown(body: str) -> bool:
    # HTML blocks (a document's text, a heading made of its title, statement tables) and lists
    # of sentences show the data as written; the app's own markdown is headings and prose.
    return body.lstrip().startswith(("<", "- ")) or "<a href" in body


def ui_strings(at: AppTest) -> list[tuple[str, str]]:
    """Return (where, text) for every string the app itself wrote on the page."""
    out: list[tuple[str, str]] = []
    for leaf in _leaves(at._tree):
        proto = getattr(leaf, "proto", None)
        kind = getattr(leaf, "type", type(leaf).__name__)
        if proto is None:
            continue
        fields = {f.name for f in proto.DESCRIPTOR.fields}
        if kind in {"title", "header", "subheader", "caption", *ALERTS}:
            out.append((kind, proto.body))
        elif kind == "markdown" and not _is_data_markdown(proto.body):
            out.append((kind, proto.body))
        elif kind == "dataframe":
            config = json.loads(proto.columns or "{}")
            for name in leaf.value.columns:
                label = config.get(str(name), {}).get("label") or str(name)
                out.append(("column header", label))
        # An empty placeholder shows Streamlit's own, in English ("Choose options"), where a
        # multiselect holds nothing or a selectbox has no choice yet.
        if kind == "multiselect" and not proto.placeholder:
            out.append(("multiselect placeholder", "Choose options"))
        if kind == "selectbox" and not proto.placeholder and leaf.value is None:
            out.append(("selectbox placeholder", "Choose an option"))
        for name in ("label", "placeholder", "help"):
            if name in fields and getattr(proto, name) and kind != "dataframe":
                if getattr(getattr(proto, "label_visibility", None), "value", 0) == 2:
                    continue  # collapsed: the reader never sees it
                out.append((f"{kind} {name}", getattr(proto, name)))
    return out


def empty_values(at: AppTest) -> list[tuple[str, str]]:
    """Return (where, value) for every None/nan a reader would see: cells, options, texts."""
    out: list[tuple[str, str]] = []
    for df in at.dataframe:
        frame = df.value
        for column in frame.columns:
            for value in frame[column]:
                if value is None or (isinstance(value, float) and math.isnan(value)):
                    out.append((f"table cell {column}", repr(value)))
                elif isinstance(value, str) and EMPTY_WORDS.fullmatch(value.strip()):
                    out.append((f"table cell {column}", value))
    for leaf in _leaves(at._tree):
        proto = getattr(leaf, "proto", None)
        if proto is None:
            continue
        texts = []
        if "options" in {f.name for f in proto.DESCRIPTOR.fields}:
            texts += list(proto.options)
        if getattr(leaf, "type", "") in {"caption", "markdown", "title", "subheader", *ALERTS}:
            texts.append(proto.body)
        if getattr(leaf, "type", "") == "metric":
            texts += [proto.label, proto.body]
        out += [("text", t) for t in texts if EMPTY_WORDS.search(t)]
    return out


def enum_options(at: AppTest) -> list[str]:
    """Return options of pickers that show a bare English word (an enum value, a relation
    name, a column name): `memberOf`, `work_plan`, `area_name`."""
    out = []
    for leaf in _leaves(at._tree):
        proto = getattr(leaf, "proto", None)
        if proto is not None and "options" in {f.name for f in proto.DESCRIPTOR.fields}:
            out += [
                o
                for o in proto.options
                if re.fullmatch(r"[A-Za-z_]+", o) and o not in NEUTRAL and not CJK.search(o)
            ]
    return out


def _run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sparql_view(view: int) -> Callable[[Path], AppTest]:
    def opened(store_path: Path) -> AppTest:
        at = open_page(store_path, "sparql")
        at.button(key="sparql_run").click()
        at = _run(at)
        radio = at.radio(key="sparql_view")
        radio.set_value(radio.options[view])
        return _run(at)

    return opened


def _programmes_view(view: int) -> Callable[[Path], AppTest]:
    def opened(store_path: Path) -> AppTest:
        at = open_page(store_path, "programmes", program=ZL)
        radio = at.radio(key="programmes_view")
        radio.set_value(radio.options[view])
        return _run(at)

    return opened


def _with(page: str, **params: str) -> Callable[[Path], AppTest]:
    return lambda store_path: open_page(store_path, page, **params)


def _search(store_path: Path) -> AppTest:
    at = open_page(store_path, "search")
    at.text_input(key="search_text").input("三名")
    return _run(at)


def _export_scope(scope: str) -> Callable[[Path], AppTest]:
    def opened(store_path: Path) -> AppTest:
        at = open_page(store_path, "export", entity=XCQ)
        at.radio(key="export_scope").set_value(scope)
        return _run(at)

    return opened


def _documents_reader(store_path: Path) -> AppTest:
    return open_page(store_path, "documents", doc="https://w3id.org/edukg/id/doc/tinydoc2")


STATES: dict[str, Callable[[Path], AppTest]] = {
    "overview": _with("overview"),
    "sparql": _with("sparql"),
    "sparql table": _sparql_view(0),
    "sparql graph": _sparql_view(1),
    "sparql chart": _sparql_view(2),
    "sparql download": _sparql_view(3),
    "sparql reproduce": _sparql_view(4),
    "search": _search,
    "explorer empty": _with("explorer"),
    "explorer": _with("explorer", entity=XCQ),
    "programmes": _programmes_view(0),
    "programmes school": lambda p: open_page(p, "programmes", school=XCQ),
    "programmes graph": _programmes_view(2),
    "lineage": _with("lineage"),
    "network": _with("network"),
    "documents": _with("documents"),
    "documents reader": _documents_reader,
    "resource": _with("resource", iri=XCQ),
    "resource empty": _with("resource"),
    "export": _with("export"),
    "export neighbourhood": _export_scope("neighbourhood"),
    "export bundle": _export_scope("bundle"),
    "export selection": _export_scope("selection"),
}


@pytest.mark.parametrize("state", STATES)
def test_issue_12_every_ui_string_reads_in_chinese_and_english(tiny_store_path, state):
    at = STATES[state](tiny_store_path)
    one_language = [(where, text) for where, text in ui_strings(at) if not _both_languages(text)]
    assert not one_language, one_language


@pytest.mark.parametrize("state", STATES)
def test_issue_12_no_none_or_nan_is_shown(tiny_store_path, state):
    at = STATES[state](tiny_store_path)
    assert not empty_values(at), empty_values(at)


@pytest.mark.parametrize("state", STATES)
def test_issue_12_pickers_show_no_bare_enum_values(tiny_store_path, state):
    at = STATES[state](tiny_store_path)
    assert not enum_options(at), enum_options(at)
