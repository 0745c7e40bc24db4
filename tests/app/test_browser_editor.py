"""The SPARQL editor component in headless Chromium: typing never reruns the page, completion
offers the ontology's terms and Enter never accepts one, Ctrl+Enter runs, tabs survive a reload.

Run with `pytest --browser-smoke` (after scripts/install_browser.sh). Screenshots go to
tests/artifacts/editor_*.png; look at them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest
from selenium.webdriver.common.keys import Keys

from tests.app import test_browser as base

COMPONENT = base.ROOT / "app_views" / "components" / "sparql_editor"

pytestmark = pytest.mark.browser

# The fixtures of the smoke test: the app on a free port against the tiny store, and Chromium.
app_url = base.app_url
browser = base.browser
wait_for, settled, shoot, no_exception = base.wait_for, base.settled, base.shoot, base.no_exception


def editor_frame(driver):
    frames = [
        f
        for f in driver.find_elements("css selector", "iframe")
        if "edukg_sparql_editor" in (f.get_attribute("src") or "")
    ]
    return frames[0] if frames else None


def editor_ready(driver) -> bool:
    """The component's frame is on the page and CodeMirror runs in it."""
    return editor_frame(driver) is not None and in_editor(driver, "return view !== null;")


def page_runs(driver) -> int:
    found = re.search(r"page runs: (\d+)", driver.find_element("tag name", "body").text)
    assert found, "the page shows no run counter"
    return int(found.group(1))


def in_editor(driver, script: str, *args):
    """Run `script` inside the editor's frame (`view` is the CodeMirror EditorView)."""
    driver.switch_to.frame(editor_frame(driver))
    try:
        return driver.execute_script(
            "const view = window.edukgEditor ? window.edukgEditor() : null;" + script, *args
        )
    finally:
        driver.switch_to.default_content()


def doc_text(driver) -> str:
    return in_editor(driver, "return view.state.doc.toString();")


def before_cursor(driver) -> str:
    return in_editor(driver, "return view.state.sliceDoc(0, view.state.selection.main.head);")


def completions(driver) -> list[str]:
    return in_editor(
        driver,
        "return Array.from(document.querySelectorAll('.cm-tooltip-autocomplete li'))"
        ".map(li => li.innerText);",
    )


def lint_errors(driver) -> int:
    return in_editor(driver, "return document.querySelectorAll('.cm-lintRange-error').length;")


def set_text(driver, text: str) -> None:
    in_editor(
        driver,
        "view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: arguments[0]}});",
        text,
    )


def type_keys(driver, *keys) -> None:
    driver.switch_to.frame(editor_frame(driver))
    try:
        driver.find_element("css selector", ".cm-content").send_keys(*keys)
    finally:
        driver.switch_to.default_content()


def test_editor_completes_without_rerunning_and_runs_on_ctrl_enter(app_url, browser):
    driver = browser
    driver.get(app_url + "/sparql")
    wait_for(driver, lambda d: editor_frame(d) is not None and settled(d), what="the editor")
    wait_for(
        driver,
        editor_ready,
        what="CodeMirror in the component",
    )
    assert "ekg:memberOf" in doc_text(driver)  # a fresh browser shows the default query
    # Underscores are drawn (the old editor clipped them): the line box holds the glyphs'
    # descent, so the rendered lines are taller than the font size.
    lines = in_editor(
        driver,
        "return Array.from(document.querySelectorAll('.cm-line'))"
        ".map(l => [l.innerText, l.getBoundingClientRect().height]);",
    )
    assert any("?school_name" in text for text, _ in lines), lines
    assert min(height for _, height in lines) >= 18, lines
    shoot(driver, "editor_00_default")
    runs = page_runs(driver)

    # Replace the text, then type a query as a reader would.
    in_editor(
        driver,
        "view.focus(); view.dispatch({selection: {anchor: 0, head: view.state.doc.length}});",
    )
    type_keys(driver, Keys.DELETE, "SELECT ?school ?group WHERE {", Keys.ENTER, "?school ekg:mem")
    wait_for(driver, lambda d: "ekg:memberOf" in " ".join(completions(d)), what="completion")
    offered = completions(driver)
    shoot(driver, "editor_01_completion")
    assert any("ekg:memberOf" in o and "成员校" in o for o in offered), offered

    # Enter is a newline, never a silent pick of the highlighted completion.
    type_keys(driver, Keys.ENTER)
    time.sleep(0.5)
    text = doc_text(driver)
    assert "ekg:memberOf" not in text and re.search(r"ekg:mem\n", text), text
    # The half-typed triple is marked as a syntax error while typing (sparqljs, no run).
    wait_for(driver, lambda d: lint_errors(d) > 0, what="a live syntax marker")
    shoot(driver, "editor_02_enter_is_newline")

    # Back to the end of ekg:mem; Tab accepts the completion.
    for _ in range(6):
        if before_cursor(driver).endswith("ekg:mem"):
            break
        type_keys(driver, Keys.BACKSPACE)
    assert before_cursor(driver).endswith("ekg:mem"), before_cursor(driver)
    type_keys(driver, Keys.CONTROL, " ")
    wait_for(driver, lambda d: completions(d), what="completion on Ctrl+Space")
    type_keys(driver, Keys.TAB, " ?group .")
    text = doc_text(driver)
    assert re.search(r"\?school ekg:memberOf \?group \.\s*\n\}", text), text
    wait_for(driver, lambda d: lint_errors(d) == 0, what="the marker to clear")

    # Typing did not rerun the page.
    time.sleep(1)
    assert page_runs(driver) == runs

    # Ctrl+Enter sends the text to Python, which runs it.
    type_keys(driver, Keys.CONTROL, Keys.ENTER)
    wait_for(driver, lambda d: "4 行 / rows" in d.page_source and settled(d), what="4 result rows")
    assert page_runs(driver) > runs
    time.sleep(1.5)
    shoot(driver, "editor_03_ran")
    no_exception(driver)
    # The grid's cells (links carry the entity's label, percent-encoded).
    cells = driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-testid=stDataFrame] td'))"
        ".map(td => decodeURIComponent(td.innerText));"
    )
    assert len(cells) == 8 and any("西仓桥教育集团" in c for c in cells), cells

    # The tab and the history survive a reload (localStorage), and so does the text.
    driver.refresh()
    wait_for(driver, lambda d: editor_frame(d) is not None and settled(d), what="the editor")
    wait_for(
        driver,
        editor_ready,
        what="CodeMirror after a reload",
    )
    assert "?school ekg:memberOf ?group ." in doc_text(driver)
    history = in_editor(driver, "return document.getElementById('history').options[0].innerText;")
    assert "(1)" in history, history
    shoot(driver, "editor_04_reloaded")
    no_exception(driver)


def test_editor_syntax_error_and_example_form(app_url, browser):
    driver = browser
    driver.get(app_url + "/sparql")
    wait_for(driver, lambda d: editor_frame(d) is not None and settled(d), what="the editor")
    wait_for(
        driver,
        editor_ready,
        what="CodeMirror in the component",
    )
    # A term is found by its Chinese label too, and Tab inserts its prefixed name.
    set_text(driver, "SELECT * WHERE { ?s  ?o }")
    in_editor(driver, "view.focus(); view.dispatch({selection: {anchor: 20}});")
    type_keys(driver, "成员")
    wait_for(driver, lambda d: any("成员校" in o for o in completions(d)), what="成员校")
    assert any("ekg:memberOf" in o for o in completions(driver) if "成员校" in o)
    type_keys(driver, Keys.TAB)
    assert doc_text(driver) == "SELECT * WHERE { ?s ekg:memberOf ?o }"

    # A query with an undeclared prefix is marked before it runs.
    set_text(driver, "SELECT * WHERE { ?s foo:bar ?o }")
    wait_for(driver, lambda d: lint_errors(d) > 0, what="a marker on foo:")
    status = in_editor(driver, "return document.getElementById('status').innerText;")
    assert "error" in status, status
    messages = [d["message"] for d in in_editor(driver, "return window.edukgDiagnostics();")]
    assert any("foo:" in m for m in messages), messages

    # A named query's form puts its text in the editor (a new tab: this one was edited).
    driver.get(app_url + "/sparql?example=class_counts")
    wait_for(
        driver,
        lambda d: (
            d.find_elements("css selector", ".st-key-sparql_load_example button") and settled(d)
        ),
        what="the example form",
    )
    wait_for(
        driver,
        editor_ready,
        what="CodeMirror in the component",
    )
    assert "foo:bar" in doc_text(driver)  # the edited tab came back from localStorage
    driver.find_element("css selector", ".st-key-sparql_load_example button").click()
    wait_for(driver, lambda d: "GROUP BY" in doc_text(d).upper(), what="the example's text")
    tabs = in_editor(driver, "return document.querySelectorAll('.tab:not(.add)').length;")
    assert tabs == 2, tabs
    # The named query parses: its markers clear once the linter has read it.
    wait_for(driver, lambda d: lint_errors(d) == 0, what="no marker on the named query")
    assert in_editor(driver, "return window.edukgDiagnostics();") == []
    shoot(driver, "editor_05_example_in_new_tab")
    no_exception(driver)

    # sparqljs's checks after the grammar are marked where the variable is bound.
    set_text(driver, "SELECT * WHERE { ?s ?p ?o BIND(1 AS ?o) }")
    wait_for(driver, lambda d: lint_errors(d) > 0, what="a marker on the bound-twice ?o")
    [marked] = in_editor(driver, "return window.edukgDiagnostics();")
    assert (marked["from"], marked["to"]) == (36, 38) and "?o" in marked["message"], marked

    # A query sparqljs accepts and Oxigraph refuses: after the run, Oxigraph's position is marked.
    query = "SELECT * WHERE { ?s ?p ?o BIND(?o AS ?z) BIND(?o AS ?z) }"
    set_text(driver, query)
    time.sleep(0.6)
    assert lint_errors(driver) == 0
    in_editor(driver, "document.getElementById('run').click();")
    wait_for(
        driver,
        lambda d: (
            d.find_elements("css selector", "[data-testid='stAlertContentError']") and settled(d)
        ),
        what="Oxigraph's syntax error on the page",
    )
    wait_for(driver, lambda d: lint_errors(d) > 0, what="Oxigraph's marker in the editor")
    [marked] = in_editor(driver, "return window.edukgDiagnostics();")
    # Oxigraph points at the end of the query (the second BIND rebinds ?z); so does the marker.
    assert marked["source"] == "Oxigraph" and marked["to"] == len(query), marked
    assert "expected" in marked["message"], marked
    shoot(driver, "editor_06_oxigraph_error")
    # Editing the text drops the run's marker (it belonged to the text that ran).
    type_keys(driver, Keys.END, " ")
    wait_for(driver, lambda d: lint_errors(d) == 0, what="the run's marker to go")


def test_editor_bundle_is_rebuilt_from_its_sources(tmp_path):
    """The committed dist/ is what frontend/build.sh makes from src/ and the lock (npm ci from
    the registry, each package checked against the lock's sha512)."""
    if shutil.which("npm") is None:
        pytest.fail("rebuilding the editor bundle needs npm")
    frontend = tmp_path / "frontend"
    shutil.copytree(COMPONENT / "frontend", frontend, ignore=shutil.ignore_patterns("node_modules"))
    done = subprocess.run(
        [str(frontend / "build.sh"), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    for name in ("editor.js", "THIRD_PARTY_LICENSES.txt"):
        built = (tmp_path / "dist" / name).read_bytes()
        assert built == (COMPONENT / "dist" / name).read_bytes(), f"dist/{name} is stale"
    assert (COMPONENT / "dist" / "editor.js").stat().st_size < 1_000_000


def test_issue_12_editor_completes_entity_labels_from_the_store(app_url, browser):
    """A label fragment offers the store's entities (label · class · place); Tab inserts the
    IRI, Enter never; looking names up reruns the editor, not the page."""
    driver = browser
    driver.get(app_url + "/sparql")
    wait_for(driver, lambda d: editor_frame(d) is not None and settled(d), what="the editor")
    wait_for(driver, editor_ready, what="CodeMirror in the component")
    runs = page_runs(driver)
    xcq = base.XCQ

    # In a name string: the entities whose names hold the fragment.
    set_text(driver, "SELECT * WHERE {  }")
    in_editor(driver, "view.focus(); view.dispatch({selection: {anchor: 17}});")
    type_keys(driver, '?x rdfs:label "西仓')
    wait_for(driver, lambda d: any("西仓桥小学" in o for o in completions(d)), what="entities")
    offered = completions(driver)
    shoot(driver, "editor_07_entity_in_label_string")
    assert any("西仓桥小学" in o and "学校 School" in o and "钟楼区" in o for o in offered), offered
    assert any("西仓桥教育集团" in o for o in offered), offered

    # Enter is a newline, never the highlighted entity.
    type_keys(driver, Keys.ENTER)
    time.sleep(0.5)
    assert "VALUES" not in doc_text(driver) and "西仓\n" in doc_text(driver), doc_text(driver)
    typed = 'SELECT * WHERE { ?x rdfs:label "西仓" }'
    set_text(driver, typed)
    in_editor(driver, "view.dispatch({selection: {anchor: arguments[0]}});", typed.index("仓") + 1)
    type_keys(driver, Keys.CONTROL, " ")
    wait_for(driver, lambda d: any("西仓桥小学" in o for o in completions(d)), what="entities")
    # Tab: the label as stored (with @zh) and ?x bound to the chosen entity's IRI.
    type_keys(driver, Keys.TAB)
    expected = f'SELECT * WHERE {{ VALUES ?x {{ <{xcq}> }} ?x rdfs:label "西仓桥小学"@zh }}'
    assert doc_text(driver) == expected
    wait_for(driver, lambda d: lint_errors(d) == 0, what="no syntax marker")

    # A bare word on Ctrl+Space (here pinyin): the IRI replaces it.
    set_text(driver, "SELECT ?g WHERE {  ekg:memberOf ?g }")
    in_editor(driver, "view.focus(); view.dispatch({selection: {anchor: 18}});")
    type_keys(driver, "xicangqiaoxiao")
    type_keys(driver, Keys.CONTROL, " ")
    wait_for(driver, lambda d: any("西仓桥小学" in o for o in completions(d)), what="pinyin")
    shoot(driver, "editor_08_entity_bare_word")
    assert completions(driver)[0].startswith("西仓桥小学"), completions(driver)
    type_keys(driver, Keys.TAB)
    assert doc_text(driver) == f"SELECT ?g WHERE {{ <{xcq}> ekg:memberOf ?g }}"

    # The lookups reran the editor alone; the query runs as usual.
    time.sleep(1)
    assert page_runs(driver) == runs
    type_keys(driver, Keys.CONTROL, Keys.ENTER)
    wait_for(driver, lambda d: "1 行 / rows" in d.page_source and settled(d), what="the group")
    time.sleep(1.5)
    shoot(driver, "editor_09_entity_query_ran")
    no_exception(driver)
