"""The SPARQL page's "reproduce" snippets run as written against a real `edukg serve`.

The page declares the project prefixes for every query, so a query that uses ekg: without a
PREFIX line runs there; its curl and Python snippets must carry the declarations a server needs
and read the answer the way the query's form gives it (rows, a boolean, Turtle).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections.abc import Iterator

import pyoxigraph as ox
import pytest

from graph_store.embedded import EmbeddedStore
from graph_store.sandbox import QUERY_URL, curl_snippet, python_snippet
from tests.graph_store.test_serve_security import edukg_serve
from tests.store_fixtures import fill

pytestmark = pytest.mark.endpoint

SELECT = "SELECT ?d ?title WHERE { ?d a ekg:Document ; dct:title ?title } ORDER BY ?d"
ASK_TRUE = "ASK { ?d a ekg:Document }"
ASK_FALSE = "ASK { ?d a ekg:NoSuchClass }"
CONSTRUCT = "CONSTRUCT { ?d a ekg:Document } WHERE { ?d a ekg:Document }"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("snippets")
    fill(EmbeddedStore(folder / "store")).close()
    with edukg_serve(folder / "store", folder / "serve.log") as (base, _):
        yield base + "/query"


def _python(snippet: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", snippet], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _expected_documents() -> list[str]:
    store = fill(EmbeddedStore(None))
    return [row[0].value for row in store.select(SELECT)]


def test_curl_snippet_of_a_query_without_prefix_lines_returns_its_rows(served):
    url = served
    snippet = curl_snippet(SELECT, "text/csv").replace(QUERY_URL, url)
    done = subprocess.run(["bash", "-c", snippet], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [row["d"] for row in rows] == _expected_documents()
    assert rows and all(row["title"] for row in rows)


def test_python_snippet_of_a_select_prints_each_row(served):
    url = served
    out = _python(python_snippet(SELECT).replace(QUERY_URL, url))
    documents = _expected_documents()
    assert len(out.splitlines()) == len(documents) > 0
    assert all(d in out for d in documents)


@pytest.mark.parametrize(("query", "answer"), [(ASK_TRUE, "True"), (ASK_FALSE, "False")])
def test_python_snippet_of_an_ask_prints_the_boolean(served, query, answer):
    url = served
    assert _python(python_snippet(query).replace(QUERY_URL, url)).strip() == answer


def test_python_snippet_of_a_construct_prints_turtle(served):
    url = served
    turtle = _python(python_snippet(CONSTRUCT).replace(QUERY_URL, url))
    parsed = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    assert sorted(t.subject.value for t in parsed) == _expected_documents()
