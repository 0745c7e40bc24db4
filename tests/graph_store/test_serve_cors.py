"""`edukg serve --cors` / `--cors-origin` (issue #11): browsers on other origins may query the
real server, never write unless their origin is named, and never make it call out (SERVICE)."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import shutil
import subprocess
import tarfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

import cli
from graph_store.embedded import EmbeddedStore
from tests.app import test_browser
from tests.call_out import call_out_listener, service_variants
from tests.graph_store.test_serve_clients import DOCUMENTED_URL, recipes
from tests.graph_store.test_serve_security import STYLES, edukg_serve, exchange
from tests.store_fixtures import fill

pytestmark = pytest.mark.endpoint

PAGE = "http://page.example"  # a web page of another origin, as a browser names it
APP = "http://localhost:3000"  # the origin named with --cors-origin
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
FORM = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}


def preflight(base: str, path: str, method: str, origin: str = PAGE) -> tuple[int, dict, str]:
    return exchange(
        base,
        "OPTIONS",
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "content-type",
        },
    )


def query(base: str, text: str, origin: str | None = PAGE) -> tuple[int, dict, str]:
    headers = dict(FORM, **({"Origin": origin} if origin else {}))
    return exchange(
        base, "POST", "/query", urllib.parse.urlencode({"query": text}).encode(), headers
    )


def update(base: str, text: str, origin: str | None) -> tuple[int, dict, str]:
    headers = {"Content-Type": "application/sparql-update"}
    if origin:
        headers["Origin"] = origin
    return exchange(base, "POST", "/update", text.encode(), headers)


def count(base: str) -> int:
    status, _, body = query(base, COUNT, origin=None)
    assert status == 200, body
    return int(body.split()[1])


def cors_headers(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.startswith("access-control-")}


def _serve(factory: pytest.TempPathFactory, name: str, fill_it: bool, *args: str):
    folder = factory.mktemp(name)
    store = EmbeddedStore(folder / "store")
    (fill(store) if fill_it else store).close()
    return edukg_serve(folder / "store", folder / "serve.log", *args)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _serve(tmp_path_factory, "plain", True) as (base, _):
        yield base


@pytest.fixture(scope="module")
def cors(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _serve(tmp_path_factory, "cors", True, "--cors") as (base, _):
        yield base


@pytest.fixture(scope="module")
def cors_rw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Updates allowed; any origin may read, only APP may write."""
    args = ("--allow-updates", "--cors", "--cors-origin", APP)
    with _serve(tmp_path_factory, "cors-rw", True, *args) as (base, _):
        yield base


# --- off by default ----------------------------------------------------------------------------


def test_without_cors_answers_carry_no_cors_headers(plain):
    status, headers, body = query(plain, COUNT)
    assert status == 200 and body.startswith("n")
    assert cors_headers(headers) == {}


@pytest.mark.parametrize(("path", "allow"), [("/query", "GET, POST"), ("/store", "GET, HEAD")])
def test_without_cors_a_preflight_is_a_clean_405(plain, path, allow):
    status, headers, body = preflight(plain, path, "POST")
    assert status == 405
    assert headers["allow"] == allow
    assert headers["content-type"].startswith("text/plain")
    assert "--cors" in body and "Traceback" not in body
    assert cors_headers(headers) == {}


def test_options_on_an_unknown_path_is_404_and_update_of_a_read_only_server_403(cors, plain):
    for base in (cors, plain):
        assert preflight(base, "/nothing", "GET")[0] == 404
        status, headers, _ = preflight(base, "/update", "POST")
        assert status == 403 and cors_headers(headers) == {}


# --- --cors: any origin may read ----------------------------------------------------------------


def test_cors_answers_the_preflight_of_a_query(cors):
    status, headers, body = preflight(cors, "/query", "POST")
    assert status == 204 and body == ""
    assert headers["access-control-allow-origin"] == "*"
    assert set(headers["access-control-allow-methods"].split(", ")) == {"GET", "POST"}
    assert headers["access-control-allow-headers"].lower() == "content-type"
    assert int(headers["access-control-max-age"]) > 0


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_cors_query_answers_allow_any_origin(cors, method):
    target, body, headers = "/query", None, {"Origin": PAGE, "Accept": "text/csv"}
    encoded = urllib.parse.urlencode({"query": COUNT})
    if method == "GET":
        target += "?" + encoded
    else:
        body, headers = encoded.encode(), dict(FORM, Origin=PAGE)
    status, answer_headers, answer = exchange(cors, method, target, body, headers)
    assert status == 200 and int(answer.split()[1]) > 0
    assert answer_headers["access-control-allow-origin"] == "*"


def test_cors_errors_are_readable_by_the_page_too(cors):
    status, headers, body = query(cors, "SELECT * WHERE { ?s ?p }")
    assert status == 400 and "syntax error" in body
    assert headers["access-control-allow-origin"] == "*"
    status, headers, _ = exchange(cors, "GET", "/store?default", headers={"Origin": PAGE})
    assert status == 200 and headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("style", STYLES)
def test_cors_does_not_let_a_page_make_the_server_call_out(cors, style):
    with call_out_listener() as listener:
        for name, text in sorted(service_variants(listener.url).items()):
            encoded = urllib.parse.urlencode({"query": text})
            target, body, headers = "/query", None, {"Origin": PAGE, "Accept": "text/csv"}
            if style == "get":
                target += "?" + encoded
            elif style == "form":
                body, headers = encoded.encode(), dict(FORM, Origin=PAGE)
            else:
                body = text.encode()
                headers["Content-Type"] = "application/sparql-query"
            method = "GET" if style == "get" else "POST"
            status, answer_headers, answer = exchange(cors, method, target, body, headers)
            assert status == 403, (name, answer)
            assert "SERVICE is refused" in answer or "could not be checked" in answer
            assert answer_headers["access-control-allow-origin"] == "*"
        assert listener.arrived == []


def test_cors_alone_never_lets_a_page_write(cors_rw):
    before = count(cors_rw)
    status, headers, _ = preflight(cors_rw, "/update", "POST")
    assert status == 403 and cors_headers(headers) == {}
    # A form POST needs no preflight: a browser sends it across origins without asking.
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    status, headers, answer = exchange(cors_rw, "POST", "/update", body, dict(FORM, Origin=PAGE))
    assert status == 403 and "cross-origin write refused" in answer
    assert "access-control-allow-origin" not in headers
    put = {"Origin": PAGE, "Content-Type": "text/turtle"}
    status, _, _ = exchange(
        cors_rw, "PUT", "/store?graph=http://x/g", b"<http://x/a> <http://x/b> 1 .", put
    )
    assert status == 403
    status, _, _ = exchange(cors_rw, "DELETE", "/store?default", headers={"Origin": PAGE})
    assert status == 403
    assert count(cors_rw) == before
    # Reading is still open to it.
    assert query(cors_rw, COUNT)[1]["access-control-allow-origin"] == "*"


def test_a_named_origin_may_write_and_gets_its_own_name_back(cors_rw):
    status, headers, _ = preflight(cors_rw, "/update", "POST", origin=APP)
    assert status == 204
    assert headers["access-control-allow-origin"] == APP
    assert headers["access-control-allow-methods"] == "POST"
    assert headers["vary"] == "Origin"
    before = count(cors_rw)
    insert = "INSERT DATA { GRAPH <http://x/cors> { <http://x/a> <http://x/b> 1 } }"
    status, headers, body = update(cors_rw, insert, origin=APP)
    assert status == 204, body
    assert headers["access-control-allow-origin"] == APP
    assert count(cors_rw) == before + 1
    status, _, body = update(cors_rw, "DROP GRAPH <http://x/cors>", origin=PAGE)
    assert status == 403 and count(cors_rw) == before + 1
    # Clients outside a browser send no Origin; the server's own editor page sends its own.
    assert update(cors_rw, "DROP GRAPH <http://x/cors>", origin=None)[0] == 204
    assert update(cors_rw, "DROP SILENT GRAPH <http://x/cors>", origin=cors_rw)[0] == 204
    assert count(cors_rw) == before


def test_a_named_origin_cannot_make_the_server_load_either(cors_rw):
    with call_out_listener() as listener:
        status, headers, body = update(cors_rw, f"LOAD <{listener.url}>", origin=APP)
        assert status == 403 and "LOAD is refused" in body
        assert headers["access-control-allow-origin"] == APP
        assert listener.arrived == []


@pytest.mark.parametrize(
    "origin", ["http://localhost:3000/", "localhost:3000", "ftp://x.example", "http://a b"]
)
def test_cors_origin_must_be_an_origin(origin, tmp_path: Path, capsys):
    code = cli.main(["serve", "--store", str(tmp_path / "s"), "--cors-origin", origin])
    assert code == 2
    assert "--cors-origin" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()


# --- a real browser (Chromium, with --browser-smoke) ---------------------------------------------

browser = test_browser.browser  # headless Chromium, the fixture of the app's smoke test
FETCH = """
const [url, init, done] = arguments;
fetch(url, init).then(
  async (response) => done("status " + response.status + " " + await response.text()),
  (error) => done("failed " + error),
);
"""


PAGES: dict[str, tuple[str, bytes]] = {"/": ("text/html", b"<!doctype html><title>page</title>")}


@pytest.fixture(scope="module")
def page_origin() -> Iterator[str]:
    """A web server on an origin of its own (another port) for the browser's pages: PAGES."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content_type, body = PAGES.get(self.path, ("text/plain", b"not here"))
            self.send_response(200 if self.path in PAGES else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def browser_fetch(driver, page: str, url: str, init: dict) -> str:
    if not driver.current_url.startswith(page):
        driver.get(page + "/")
    driver.set_script_timeout(30)
    return driver.execute_async_script(FETCH, url, init)


SPARQL_JSON = {
    "method": "POST",
    "headers": {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json",
    },
    "body": COUNT,
}


@pytest.mark.browser
def test_a_browser_on_another_origin_reads_only_with_cors(
    browser, page_origin, cors, plain, tmp_path
):
    answer = browser_fetch(browser, page_origin, cors + "/query", SPARQL_JSON)
    assert answer.startswith("status 200 ")
    bindings = json.loads(answer.removeprefix("status 200 "))["results"]["bindings"]
    assert int(bindings[0]["n"]["value"]) > 0
    # The same request to a server without --cors: the browser hides the answer.
    assert browser_fetch(browser, page_origin, plain + "/query", SPARQL_JSON).startswith("failed")


@pytest.mark.browser
def test_a_browser_page_cannot_write_unless_its_origin_is_named(
    browser, page_origin, tmp_path_factory
):
    args = ("--allow-updates", "--cors")
    with _serve(tmp_path_factory, "browser-rw", True, *args) as (base, _):
        before = count(base)
        # No preflight for a form POST; the opaque answer is all the page gets, and nothing runs.
        form = {
            "method": "POST",
            "mode": "no-cors",
            "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            "body": "update=DROP%20ALL",
        }
        assert browser_fetch(browser, page_origin, base + "/update", form) == "status 0 "
        assert count(base) == before
    named = ("--allow-updates", "--cors-origin", page_origin)
    with _serve(tmp_path_factory, "browser-named", True, *named) as (base, _):
        insert = {
            "method": "POST",
            "headers": {"Content-Type": "application/sparql-update"},
            "body": "INSERT DATA { GRAPH <http://x/page> { <http://x/a> <http://x/b> 1 } }",
        }
        before = count(base)
        assert browser_fetch(browser, page_origin, base + "/update", insert) == "status 204 "
        assert count(base) == before + 1


# YASGUI from its npm package (pinned, checked against the registry's integrity), served locally.
YASGUI = "@triply/yasgui@4.2.28"
YASGUI_TGZ = "triply-yasgui-4.2.28.tgz"
YASGUI_SHA512 = (
    "HN1neZqERSGoDyk/Fg40nI+F0tHnaBxjqizhN0mur2Kj0oJsklBsFMRk/M+wW+ohy8dSEn7AgX3H0pPrV/wmVg=="
)


@pytest.fixture(scope="module")
def yasgui_files() -> dict[str, bytes]:
    """yasgui.min.js and .css from the npm package (fetched once with `npm pack` into
    ~/.cache/edukg); a browser test that asked for them fails, never skips, without them."""
    cache = Path.home() / ".cache" / "edukg"
    tgz = cache / YASGUI_TGZ
    if not tgz.exists():
        if shutil.which("npm") is None:
            pytest.fail(f"the YASGUI test needs npm to fetch {YASGUI}")
        cache.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "pack", YASGUI, "--pack-destination", str(cache)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    digest = base64.b64encode(hashlib.sha512(tgz.read_bytes()).digest()).decode()
    assert digest == YASGUI_SHA512, f"{tgz} is not {YASGUI} as the registry published it"
    with tarfile.open(tgz) as archive:
        return {
            name: archive.extractfile(f"package/build/{name}").read()
            for name in ("yasgui.min.js", "yasgui.min.css")
        }


@pytest.mark.browser
def test_yasgui_on_another_origin_queries_a_cors_server(browser, page_origin, cors, yasgui_files):
    PAGES["/yasgui.min.js"] = ("text/javascript", yasgui_files["yasgui.min.js"])
    PAGES["/yasgui.min.css"] = ("text/css", yasgui_files["yasgui.min.css"])
    # The page of docs/serve_and_export.md, as written, pointed at this server.
    lang, page = recipes()["yasgui-html"]
    assert lang == "html" and DOCUMENTED_URL in page
    PAGES["/yasgui.html"] = ("text/html", page.replace(DOCUMENTED_URL, cors).encode())
    browser.get(page_origin + "/yasgui.html")
    query = "SELECT ?title WHERE { ?d <http://purl.org/dc/terms/title> ?title }"
    browser.execute_script(
        "const tab = yasgui.getTab(); tab.setQuery(arguments[0]); tab.query();", query
    )
    # The result table a reader sees (YASGUI's own request, from the page's origin).
    table, deadline = "", time.monotonic() + 30
    while time.monotonic() < deadline:
        table = browser.execute_script(
            "const t = document.querySelector('.yasr table'); return t ? t.innerText : ''"
        )
        if "区教育局关于印发2020年全区教育工作要点的通知" in table:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"YASGUI's table does not show the title: {table!r}")
