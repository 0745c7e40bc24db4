"""Issue 13: named queries rewritten for speed give the rows of the forms they replace.

Each old form is kept here as it was. Both run on the bundled corpus plus a few synthetic
documents (several jurisdictions, years and programmes), unbound and with every value of their
parameters, on the embedded store (pyoxigraph's substitution) and on a real Oxigraph server
(EndpointStore's BINDs), and must give the same rows in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.engines import BEFORE
from bench.synthetic import write_corpus
from graph_store.ingest import ingest_paths
from graph_store.named_queries import bind_params, load_named_queries
from graph_store.settings import PROJECT_ROOT

QUERIES = load_named_queries()
OLD = {
    # timed beside the new form by bench/engines.py, which keeps the text
    "documents_by_area_and_year": BEFORE["documents_by_area_and_year (before: every label)"],
    "programme_participants": """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?program ?participant ?participant_name ?role (SAMPLE(?quote) AS ?sentence) WHERE {
  VALUES ?link { ekg:participatesIn ekg:leads }
  ?participant ?link ?program .
  FILTER EXISTS { ?program a ekg:Program }
  BIND(STRAFTER(STR(?link), "#") AS ?role)
  OPTIONAL {
    ?evidence rdf:object ?program ; rdf:subject ?participant ; rdf:predicate ?link ;
              ekg:quote ?quote .
  }
  OPTIONAL { ?participant rdfs:label ?participant_name }
}
GROUP BY ?program ?participant ?participant_name ?role
ORDER BY ?participant_name
""",
}
AREAS_AND_YEARS = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?area ?year WHERE {
  ?document ekg:coverageYear ?year ; ekg:jurisdiction/rdfs:label ?area
} ORDER BY ?area ?year
"""
PROGRAMMES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
SELECT DISTINCT ?program WHERE { ?x ekg:participatesIn|ekg:leads ?program } ORDER BY ?program
"""
QUOTES = """
PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?participant ?link ?quote WHERE {
  ?evidence rdf:object ?program ; rdf:subject ?participant ; rdf:predicate ?link ;
            ekg:quote ?quote .
}
"""


def fill_corpus(store, folder: Path):
    synthetic = write_corpus(folder / "synthetic", 3)
    assert ingest_paths(store, [PROJECT_ROOT / "data" / "corpus", *synthetic]).ok
    return store


def assert_same_rows(new: list[dict], old: list[dict], keys: tuple[str, ...]) -> None:
    """The same rows, in the same order as far as the ORDER BY `keys` decide it (rows equal
    in their keys may come in either order)."""
    assert sorted(map(_row, new)) == sorted(map(_row, old))
    assert [[r[k] for k in keys] for r in new] == [[r[k] for k in keys] for r in old]


def terms(result) -> list[dict[str, str | None]]:
    """Rows as dicts of N-Triples terms (datatype and language tag included)."""
    return [
        {v: None if t is None else str(t) for v, t in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


def _row(row: dict) -> tuple:
    return tuple(sorted((k, "" if v is None else str(v)) for k, v in row.items()))


def area_year_values(store) -> list[dict[str, str]]:
    """Every filter of documents_by_area_and_year: none, each area, each year, each pair."""
    pairs = [(a.value, y.value) for a, y in store.select(AREAS_AND_YEARS).rows]
    assert len(pairs) > 3
    values: list[dict[str, str]] = [{}]
    values += [{"area": a} for a in sorted({a for a, _ in pairs})]
    values += [{"year": y} for y in sorted({y for _, y in pairs})]
    values += [{"area": a, "year": y} for a, y in pairs]
    return values + [{"area": "没有的区", "year": "1900"}]


def assert_documents_by_area_and_year_as_before(store) -> None:
    query = QUERIES["documents_by_area_and_year"]
    for values in area_year_values(store):
        bound = bind_params(query, values)
        new = terms(store.select(query.text, bound))
        old = terms(store.select(OLD[query.name], bound))
        assert_same_rows(new, old, ("area", "year", "issued"))


def assert_programme_participants_as_before(store) -> None:
    """The same rows in the same order; each sentence is one of its link's quotes (SAMPLE picks
    any), present exactly when the old form found one."""
    query = QUERIES["programme_participants"]
    quotes: dict[tuple[str, str], set[str]] = {}
    for participant, link, quote in store.select(QUOTES).rows:
        role = f'"{link.value.rsplit("#", 1)[-1]}"'  # as STRAFTER writes it, a plain string
        quotes.setdefault((str(participant), role), set()).add(str(quote))
    programmes = [row[0] for row in store.select(PROGRAMMES).rows]
    assert len(programmes) > 3
    found = 0
    for program in programmes:
        bound = {"program": program}
        new = terms(store.select(query.text, bound))
        old = terms(store.select(OLD[query.name], bound))
        assert_same_rows(
            [{**r, "sentence": r["sentence"] is None} for r in new],
            [{**r, "sentence": r["sentence"] is None} for r in old],
            ("participant_name",),
        )
        for row in new:
            if row["sentence"] is not None:
                assert row["sentence"] in quotes[(row["participant"], row["role"])]
                found += 1
    assert found


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    from graph_store.embedded import EmbeddedStore

    folder = tmp_path_factory.mktemp("corpus")
    return fill_corpus(EmbeddedStore(folder / "store"), folder)


def test_documents_by_area_and_year_gives_the_old_rows(corpus_store):
    assert_documents_by_area_and_year_as_before(corpus_store)


def test_programme_participants_gives_the_old_rows(corpus_store):
    assert_programme_participants_as_before(corpus_store)


@pytest.mark.endpoint
def test_rewritten_queries_give_the_old_rows_on_oxigraph_server(empty_endpoint_store, tmp_path):
    """Bound by EndpointStore (BINDs opening the query and the sub-selects that project the
    parameter), as the server receives them."""
    store = fill_corpus(empty_endpoint_store, tmp_path)
    assert_documents_by_area_and_year_as_before(store)
    assert_programme_participants_as_before(store)
