"""One real-browser smoke test: headless Debian Chromium drives `streamlit run app.py`.

Run with `pytest --browser-smoke` after scripts/install_browser.sh. Screenshots go to
tests/artifacts/ (gitignored); look at them.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
XCQ = "https://w3id.org/edukg/id/school/xicangqiao"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def app_url(tiny_store_path: Path, tmp_path: Path) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port against the tiny store; yield its URL."""
    port = free_port()
    log_path = tmp_path / "streamlit.log"
    env = {**os.environ, "EDUKG_STORE": str(tiny_store_path), "EDUKG_ENDPOINT": ""}
    streamlit = str(Path(sys.executable).parent / "streamlit")
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [
                streamlit,
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("streamlit did not become healthy:\n" + log_path.read_text())
            time.sleep(0.3)
        yield url
    except BaseException:
        print(log_path.read_text())
        raise
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def browser() -> Iterator[object]:
    # Asked for with --browser-smoke, so a missing browser is a failure, not a silent skip.
    from selenium import webdriver

    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        pytest.fail("chromium/chromedriver missing: run scripts/install_browser.sh")
    profile = tempfile.mkdtemp(prefix="edukg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1700",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(driver, predicate, timeout: float = 30.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate(driver):
            return
        time.sleep(0.3)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "failure.png"))
    pytest.fail(f"timed out waiting for {what}; see tests/artifacts/failure.png")


def settled(driver) -> bool:
    """The script finished its run: no 'running' status widget."""
    status = driver.execute_script(
        "return Array.from(document.querySelectorAll(\"[data-testid='stStatusWidget']\"))"
        ".map(e => e.innerText).join(' ')"
    )
    return "Running" not in (status or "")


def shoot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def no_exception(driver) -> None:
    errors = driver.find_elements("css selector", "[data-testid='stException']")
    assert not errors, errors[0].text


def graph_frames(driver) -> list:
    """Return the iframes of Cytoscape drawings on the page."""
    return [
        f
        for f in driver.find_elements("css selector", "iframe")
        if "cytoscape" in (f.get_attribute("title") or f.get_attribute("src") or "")
    ]


def graph_widths(driver) -> tuple[float, float, float]:
    """Return the widths of the last drawing's frame, of the content column, and of the canvas
    Cytoscape draws on inside the frame (0 when it drew nothing)."""
    frame = graph_frames(driver)[-1]
    frame_width = frame.rect["width"]
    # The content column: the block inside the main container's padding.
    column = driver.find_element("css selector", "[data-testid='stMainBlockContainer'] > div")
    column_width = column.rect["width"]
    driver.switch_to.frame(frame)
    try:
        canvas_width = driver.execute_script(
            "const c = Array.from(document.querySelectorAll('canvas'));"
            "return c.length ? Math.max(...c.map(x => x.getBoundingClientRect().width)) : 0;"
        )
    finally:
        driver.switch_to.default_content()
    return frame_width, column_width, float(canvas_width)


def click_node(driver, node: str) -> None:
    """Click node `node` where Cytoscape drew it (a real mouse click inside the frame).

    Cytoscape keeps its instance on its container element (`_cyreg`), which gives the node's
    position on the canvas.
    """
    from selenium.webdriver.common.action_chains import ActionChains

    frame = graph_frames(driver)[-1]
    driver.switch_to.frame(frame)
    try:
        x, y = driver.execute_script(
            "const host = Array.from(document.querySelectorAll('div')).find(e => e._cyreg);"
            "const p = host._cyreg.cy.getElementById(arguments[0]).renderedPosition();"
            "const r = host.getBoundingClientRect(); return [r.left + p.x, r.top + p.y];",
            node,
        )
        body = driver.find_element("tag name", "body")
        rect = body.rect
        ActionChains(driver).move_to_element_with_offset(
            body, int(x - rect["width"] / 2), int(y - rect["height"] / 2)
        ).click().perform()
    finally:
        driver.switch_to.default_content()


def test_browser_query_explorer_and_lineage(app_url, browser):
    driver = browser
    driver.get(app_url + "/")
    wait_for(driver, lambda d: "钟楼区" in d.page_source and settled(d), what="overview")
    time.sleep(1.5)
    shoot(driver, "01_overview")
    no_exception(driver)

    query = "SELECT ?school ?group WHERE { ?school ekg:memberOf ?group }"
    driver.get(f"{app_url}/sparql?q={quote(query)}")
    wait_for(
        driver,
        lambda d: d.find_elements("css selector", ".st-key-sparql_run button"),
        what="the Run button",
    )
    time.sleep(2)
    driver.execute_script("document.querySelector('.st-key-sparql_run button').click()")
    wait_for(driver, lambda d: "4 行 / rows" in d.page_source, what="4 result rows")
    time.sleep(1.5)
    shoot(driver, "02_sparql")
    no_exception(driver)

    # The result's graph view fills the width of the page's content column.
    driver.execute_script(
        "Array.from(document.querySelectorAll('.st-key-sparql_view label'))"
        ".find(l => l.innerText.includes('关系图')).click()"
    )
    wait_for(driver, lambda d: graph_frames(d), what="the result graph")
    time.sleep(3)  # the Cytoscape layout
    shoot(driver, "02b_sparql_graph")
    frame_width, column_width, canvas_width = graph_widths(driver)
    assert frame_width >= 0.9 * column_width, (frame_width, column_width)
    assert canvas_width >= 0.9 * frame_width, (canvas_width, frame_width)
    no_exception(driver)

    driver.get(f"{app_url}/explorer?entity={quote(XCQ, safe='')}")
    wait_for(
        driver, lambda d: "centre: 西仓桥小学" in d.page_source and settled(d), what="the explorer"
    )
    time.sleep(3)  # the Cytoscape layout
    shoot(driver, "03_explorer")
    no_exception(driver)

    # A click on a node of the drawing shows that node's details.
    group = "https://w3id.org/edukg/id/group/xicangqiao"
    click_node(driver, group)
    wait_for(
        driver,
        lambda d: (
            any("西仓桥教育集团" in h.text for h in d.find_elements("css selector", "h3"))
            and settled(d)
        ),
        what="the clicked node's details",
    )
    time.sleep(1)
    shoot(driver, "03b_explorer_clicked")
    no_exception(driver)

    driver.get(f"{app_url}/resource?iri={quote(group, safe='')}")
    wait_for(driver, lambda d: "ekg:memberOf" in d.page_source and settled(d), what="resource")
    time.sleep(1)
    shoot(driver, "03c_resource")
    no_exception(driver)
    # Its links stay in this tab: no new browser tab, no new session.
    link = driver.find_element(
        "xpath", "//a[contains(@href, 'resource?iri=') and contains(., '西仓桥小学')]"
    )
    assert link.get_attribute("target") == "_self"
    link.click()
    wait_for(
        driver,
        lambda d: "xicangqiao" in d.current_url and "group" not in d.current_url and settled(d),
        what="the linked resource",
    )
    assert len(driver.window_handles) == 1
    no_exception(driver)

    driver.get(f"{app_url}/network")
    wait_for(driver, lambda d: graph_frames(d) and settled(d), what="the network page")
    time.sleep(3)
    shoot(driver, "03d_network")
    no_exception(driver)

    driver.get(f"{app_url}/lineage")
    wait_for(driver, lambda d: "名校长培育" in d.page_source and settled(d), what="lineage")
    time.sleep(3)
    shoot(driver, "04_lineage")
    no_exception(driver)

    driver.get(f"{app_url}/documents?doc={quote('https://w3id.org/edukg/id/doc/tinydoc2')}")
    wait_for(
        driver,
        lambda d: "三名工程</a>" in d.page_source or "mentions highlighted" in d.page_source,
        what="documents",
    )
    time.sleep(1)
    shoot(driver, "05_documents")
    no_exception(driver)


def click_first_cell(driver, key: str, row: int) -> None:
    """Click the first column's cell of data row `row` in the table with widget key `key`
    (Glide draws the table on a canvas; its rows are 35 px, the header row too)."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", f".st-key-{key} canvas")
    rect = canvas.rect
    y = 35 + 35 * row + 17
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(40 - rect["width"] / 2), int(y - rect["height"] / 2)
    ).click().perform()


def test_issue_12_links_open_their_page_in_this_tab_and_session(app_url, browser):
    """Table cells and HTML links go to their page without a page load: the same tab, the same
    Streamlit session (a page load would drop the marker set on the window)."""
    driver = browser
    driver.get(f"{app_url}/search?text={quote('西仓桥小学')}")
    wait_for(
        driver,
        lambda d: d.find_elements("css selector", ".st-key-search_entities canvas") and settled(d),
        what="the search results",
    )
    time.sleep(1.5)
    driver.execute_script("window.edukgMarker = 42;")
    shoot(driver, "06_search_table")
    click_first_cell(driver, "search_entities", 0)
    wait_for(
        driver,
        lambda d: "/resource?iri=" in d.current_url and "ekg:memberOf" in d.page_source,
        what="the resource page from a table cell",
    )
    wait_for(driver, settled, what="the resource page to settle")
    time.sleep(1)
    shoot(driver, "06b_resource_from_table")
    assert "xicangqiao" in driver.current_url
    assert driver.execute_script("return window.edukgMarker;") == 42  # no page load
    assert len(driver.window_handles) == 1
    no_exception(driver)

    # An HTML link on the resource page: the group's page, in this session.
    driver.find_element(
        "xpath", "//a[contains(@href, 'group%2Fxicangqiao') and contains(., '西仓桥教育集团')]"
    ).click()
    wait_for(
        driver,
        lambda d: (
            "group%2Fxicangqiao" in d.current_url and "ekgid:group/xicangqiao" in d.page_source
        ),
        what="the group's resource page",
    )
    wait_for(driver, settled, what="the group's page to settle")
    time.sleep(1)
    assert "ekgid:school/xicangqiao" not in driver.page_source  # the school's page is gone
    assert driver.execute_script("return window.edukgMarker;") == 42
    shoot(driver, "06c_resource_link_in_session")
    # Back returns to the school, still in this session.
    driver.back()
    wait_for(
        driver,
        lambda d: (
            "school%2Fxicangqiao" in d.current_url and "ekgid:school/xicangqiao" in d.page_source
        ),
        what="Back to the school",
    )
    assert driver.execute_script("return window.edukgMarker;") == 42
    no_exception(driver)

    # A SPARQL result cell, after a run through the page.
    query = f"SELECT ?group WHERE {{ <{XCQ}> ekg:memberOf ?group }}"
    driver.get(f"{app_url}/sparql?q={quote(query)}")
    wait_for(
        driver,
        lambda d: d.find_elements("css selector", ".st-key-sparql_run button") and settled(d),
        what="the Run button",
    )
    time.sleep(2)
    driver.execute_script("document.querySelector('.st-key-sparql_run button').click()")
    wait_for(driver, lambda d: "1 行 / rows" in d.page_source and settled(d), what="1 result row")
    time.sleep(1.5)
    driver.execute_script("window.edukgMarker = 7;")
    click_first_cell(driver, "sparql_result_table", 0)
    wait_for(
        driver,
        lambda d: "group%2Fxicangqiao" in d.current_url and "ekg:memberOf" in d.page_source,
        what="the group's page from a result cell",
    )
    wait_for(driver, settled, what="the page to settle")
    assert driver.execute_script("return window.edukgMarker;") == 7
    assert len(driver.window_handles) == 1
    shoot(driver, "06d_resource_from_sparql")
    no_exception(driver)


def test_issue_12_explorer_hub_draws_a_more_node_that_expands(app_url, browser, tiny_store_path):
    """A hub draws its most connected neighbours and one '+K more' node; a click on that node
    shows its details, whose button draws them all; depth 3 stays readable."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    from tests.app.test_pages import HUB_SCHOOLS, ZHONGLOU, _add

    _add(tiny_store_path, HUB_SCHOOLS)  # the app sees the new generation on its next run
    driver = browser
    driver.get(f"{app_url}/explorer?entity={quote(ZHONGLOU, safe='')}")
    wait_for(
        driver, lambda d: "centre: 钟楼区" in d.page_source and settled(d), what="the explorer"
    )
    time.sleep(3)  # the Cytoscape layout
    shoot(driver, "07_explorer_hub_capped")
    nodes = int(re.search(r"(\d+) 个节点 / nodes · ", driver.page_source).group(1))
    assert nodes <= 13, nodes
    no_exception(driver)

    click_node(driver, f"more:{ZHONGLOU}")
    wait_for(
        driver,
        lambda d: (
            d.find_elements("css selector", ".st-key-explorer_show_more button") and settled(d)
        ),
        what="the '+K more' node's details",
    )
    driver.find_element("css selector", ".st-key-explorer_show_more button").click()
    wait_for(
        driver,
        lambda d: (
            int(re.search(r"(\d+) 个节点 / nodes · ", d.page_source).group(1)) > 40 and settled(d)
        ),
        what="every neighbour drawn",
    )
    time.sleep(3)
    shoot(driver, "07b_explorer_hub_expanded")
    no_exception(driver)

    # Depth 3 from a school of the hub: readable, and it says what it summarised.
    driver.get(f"{app_url}/explorer?entity={quote(XCQ, safe='')}")
    # The drawing's caption can be on the page a moment before the sidebar's slider is.
    wait_for(
        driver,
        lambda d: (
            "centre: 西仓桥小学" in d.page_source
            and d.find_elements("css selector", ".st-key-explorer_depth input")
            and settled(d)
        ),
        what="XCQ and the depth slider",
    )
    # The slider's range input is visually hidden: focus it and press → twice.
    driver.execute_script("document.querySelector('.st-key-explorer_depth input').focus()")
    ActionChains(driver).send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).perform()
    wait_for(driver, lambda d: "more in" in d.page_source and settled(d), what="depth 3")
    time.sleep(3)
    shoot(driver, "07c_explorer_depth_3")
    nodes = int(re.search(r"(\d+) 个节点 / nodes · ", driver.page_source).group(1))
    assert nodes <= 60, nodes
    no_exception(driver)
