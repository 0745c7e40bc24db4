"""Issue 13: the app's rewritten queries give the rows of the forms they replace.

Each old form is kept here as it was; both run on the bundled corpus plus a few synthetic
documents (programmes, targets, groups in several jurisdictions), and on the tiny store. Bound
queries are compared too: the VALUES block run_app_query writes against pyoxigraph's
substitution of the same values.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from app_views.sparql import DEFAULT_QUERY
from bench.synthetic import write_corpus
from graph_store import analysis, app_queries
from graph_store.app_queries import PREFIXES, QUERIES, main_class, run_app_query, with_values
from graph_store.embedded import EmbeddedStore
from graph_store.ingest import ingest_paths
from graph_store.settings import PROJECT_ROOT
from tests.store_fixtures import fill

OLD = {
    "documents": """
SELECT DISTINCT ?document ?title ?doc_type ?issued ?year ?area ?area_name ?issuer_name ?number ?source
WHERE {
  ?document a ekg:Document .
  OPTIONAL { ?document dct:title ?title }
  OPTIONAL { ?document ekg:docType ?doc_type }
  OPTIONAL { ?document dct:issued ?issued }
  OPTIONAL { ?document ekg:coverageYear ?year }
  OPTIONAL { ?document ekg:jurisdiction ?area . OPTIONAL { ?area rdfs:label ?area_name } }
  OPTIONAL { ?document ekg:issuedBy/rdfs:label ?issuer_name }
  OPTIONAL { ?document dct:identifier ?number }
  OPTIONAL { ?document dct:source ?source }
} ORDER BY DESC(?issued) ?title
""",
    "entities": """
SELECT DISTINCT ?entity ?label ?class ?area_name ?year WHERE {
  ?entity a ?class .
  FILTER(?class IN (ekg:School, ekg:Campus, ekg:EducationGroup, ekg:Organization,
                    ekg:GovernmentBody, ekg:EducationBureau, ekg:Program, ekg:ProgramConcept,
                    ekg:AdministrativeArea, ekg:Person, ekg:Document))
  OPTIONAL { ?entity rdfs:label ?l1 }
  OPTIONAL { ?entity skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") }
  OPTIONAL { ?entity dct:title ?l3 }
  BIND(COALESCE(?l1, ?l2, ?l3, STRAFTER(STR(?entity), "/id/")) AS ?label)
  OPTIONAL { ?entity ekg:jurisdiction|ekg:locatedIn ?area_node .
             ?area_node a ekg:AdministrativeArea ; rdfs:label ?area_name }
  OPTIONAL { ?entity ekg:year|ekg:coverageYear ?year }
}
""",
    "programme_participant_counts": """
SELECT ?program (COUNT(DISTINCT ?participant) AS ?participants) WHERE {
  ?participant ?link ?program . FILTER(?link IN (ekg:participatesIn, ekg:leads))
} GROUP BY ?program
""",
    "concept_targets": """
SELECT DISTINCT ?concept ?program (GROUP_CONCAT(DISTINCT ?target_text; separator="; ") AS ?targets) WHERE {
  ?program ekg:concept ?concept ; ekg:jurisdiction ?area .
  ?document ekg:mentions ?program .
  ?target a ekg:Target ; ekg:statedIn ?document ; ekg:jurisdiction ?area ; rdf:value ?value .
  OPTIONAL { ?target ekg:indicator ?indicator }
  OPTIONAL { ?target ekg:unit ?unit }
  BIND(CONCAT(COALESCE(STR(?indicator), ""), " ", STR(?value), COALESCE(STR(?unit), "")) AS ?target_text)
} GROUP BY ?concept ?program
""",
}
OLD_ANALYSIS = {
    "_NODES": f"""
SELECT DISTINCT ?node ?label WHERE {{
  VALUES ?class {{ {analysis._CLASS_VALUES} }}
  ?node a ?class .
  OPTIONAL {{ ?node rdfs:label ?label }}
}}
""",
    "_CLASSES": f"""
SELECT DISTINCT ?node ?class WHERE {{
  VALUES ?network_class {{ {analysis._CLASS_VALUES} }}
  ?node a ?network_class ; a ?class .
  FILTER(STRSTARTS(STR(?class), STR(ekg:)))
}}
""",
    "_STATED": f"""
SELECT DISTINCT ?node ?area ?year WHERE {{
  VALUES ?class {{ {analysis._CLASS_VALUES} }}
  ?node a ?class .
  {{ ?node ekg:jurisdiction|ekg:locatedIn ?area . ?area a ekg:AdministrativeArea }}
  UNION {{ ?node ekg:year ?year }}
}}
""",
    "_DOCUMENTS": f"""
SELECT DISTINCT ?node ?area ?year WHERE {{
  VALUES ?class {{ {analysis._CLASS_VALUES} }}
  ?node a ?class .
  ?document ekg:mentions ?node .
  OPTIONAL {{ ?document ekg:jurisdiction ?area }}
  OPTIONAL {{ ?document ekg:coverageYear ?coverage }}
  OPTIONAL {{ ?document dct:issued ?issued }}
  BIND(COALESCE(?coverage, YEAR(?issued)) AS ?year)
}}
""",
    "_AREAS": """
SELECT DISTINCT ?area ?label ?parent WHERE {
  ?area a ekg:AdministrativeArea .
  OPTIONAL { ?area rdfs:label ?label }
  OPTIONAL { ?area ekg:partOf ?parent . ?parent a ekg:AdministrativeArea }
}
""",
}
OLD_DEFAULT_QUERY = """PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?school ?school_name ?group ?group_name WHERE {
  ?school ekg:memberOf ?group .
  OPTIONAL { ?school rdfs:label ?school_name }
  OPTIONAL { ?group rdfs:label ?group_name }
}
"""
# The parameters each bound app query takes, as the pages bind them.
BOUND = {
    "document_text": "document",
    "section_speakers": "document",
    "document_mentions": "document",
    "resource_out": "resource",
    "resource_in": "resource",
    "entity_properties": "entity",
    "entity_evidence": "entity",
    "entity_documents": "entity",
    "co_mentioned_programmes": "entity",
    "programme_subprogrammes": "program",
    "programme_links": "program",
    "programme_targets": "program",
    "school_links": "school",
    "lineage_edges": "concept",
    "lineage_components": "concept",
}


@pytest.fixture(scope="module", params=["corpus", "tiny"])
def store(request, tmp_path_factory) -> EmbeddedStore:
    if request.param == "tiny":
        return fill(EmbeddedStore(None))
    folder: Path = tmp_path_factory.mktemp("corpus")
    store = EmbeddedStore(folder / "store")
    synthetic = write_corpus(folder / "synthetic", 3)
    ingest_paths(store, [PROJECT_ROOT / "data" / "corpus", *synthetic])
    return store


def rows(result, split: str | None = None) -> Counter:
    """The rows as a multiset of lexical tuples; `split` a GROUP_CONCAT column, as a set (the
    order of its parts is the engine's)."""
    out = Counter()
    for row in result.values():
        if split and row[split] is not None:
            row[split] = frozenset(row[split].split("; "))
        out[tuple(sorted(row.items(), key=lambda kv: kv[0]))] += 1
    return out


def select(store: EmbeddedStore, text: str, params: dict | None = None):
    return store.select(PREFIXES + text, params or None)


@pytest.mark.parametrize("name", ["documents", "entities", "programme_participant_counts"])
def test_rewritten_app_queries_give_the_old_rows(store, name):
    new = run_app_query(store, name)
    assert len(new) > 0
    assert rows(new) == rows(select(store, OLD[name]))


def test_documents_keep_their_order(store):
    order = [r["document"] for r in run_app_query(store, "documents").values()]
    assert order == [r["document"] for r in select(store, OLD["documents"]).values()]


def concepts(store: EmbeddedStore) -> list[NamedNode]:
    return [r[0] for r in run_app_query(store, "concepts")]


# The share of the loaded documents above which concept_targets reads every target of the
# store: 0 takes that plan for every family, infinity the look-up by document.
PLANS = {"chosen": app_queries.WHOLE_STORE_SHARE, "whole store": 0.0, "by document": math.inf}


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_concept_targets_give_the_old_rows_per_family_and_for_all(store, plan, monkeypatch):
    monkeypatch.setattr(app_queries, "WHOLE_STORE_SHARE", PLANS[plan])
    if plan == "whole store":  # the share given as an argument too
        assert rows(app_queries.concept_targets(store, {}, 0.0), "targets") == rows(
            app_queries.concept_targets(store, {}, math.inf), "targets"
        )
    every = run_app_query(store, "concept_targets")
    assert rows(every, "targets") == rows(select(store, OLD["concept_targets"]), "targets")
    found = 0
    for concept in concepts(store):
        new = run_app_query(store, "concept_targets", {"concept": concept})
        old = select(store, OLD["concept_targets"], {"concept": concept})
        assert rows(new, "targets") == rows(old, "targets"), concept
        found += len(new)
    assert found == len(every)
    if store.count() > 10_000:  # the corpus: families with targets, not only the tiny store
        assert found > 0


def sample(store: EmbeddedStore, parameter: str) -> list:
    """A few values of `parameter` from the data, as the pages pass them."""
    pattern = {
        "document": "?x a ekg:Document ; dct:source ?s",
        "resource": "?x a ekg:School",
        "entity": "?x a ekg:School",
        "school": "?x a ekg:School",
        "program": "?x a ekg:Program",
        "concept": "?x a ekg:ProgramConcept",
    }[parameter]
    found = select(store, f"SELECT DISTINCT ?x WHERE {{ {pattern} }} ORDER BY ?x LIMIT 6")
    return [r[0] for r in found]


@pytest.mark.parametrize("name", sorted(BOUND))
def test_values_block_gives_the_rows_of_substitution(store, name):
    parameter = BOUND[name]
    values = sample(store, parameter)
    assert values
    for value in values:
        bound = {parameter: value}
        assert rows(run_app_query(store, name, bound)) == rows(
            select(store, QUERIES[name], bound)
        ), (name, value)


def test_values_block_writes_terms_with_the_serialiser():
    text = with_values("SELECT ?a WHERE { ?a ?p ?o }", {"o": Literal('x" } ?a ?b ?c . {"')})
    assert text.count("VALUES") == 1
    assert r'"x\" } ?a ?b ?c . {\""' in text
    with pytest.raises(ValueError):
        with_values("SELECT ?a WHERE { ?a ?p ?o }", {"o } {": Literal("x")})


# Queries fetch_network_data no longer runs: its NetworkData is compared with theirs below.
REPLACED_ANALYSIS = ("_CLASSES", "_STATED", "_DOCUMENTS")


def old_network_data(store: EmbeddedStore) -> analysis.NetworkData:
    """The NetworkData of the queries the network page ran before the issue-12 audit: every ekg
    class, stated place and year, and documents' places joined to the network's nodes in
    SPARQL."""
    data = analysis.NetworkData()

    def run(name: str):
        return select(store, analysis._PREFIXES.replace(PREFIXES, "") + OLD_ANALYSIS[name])

    new = analysis.fetch_network_data(store)
    data.labels, data.edges = new.labels, new.edges  # _NODES and _EDGES are unchanged
    data.area_labels, data.area_parents, data.same_as = (
        new.area_labels,
        new.area_parents,
        new.same_as,
    )
    for node, cls in run("_CLASSES"):
        data.classes.setdefault(node.value, set()).add(cls.value.rsplit("#", 1)[-1])
    for name, areas, years in (
        ("_STATED", data.stated_areas, data.stated_years),
        ("_DOCUMENTS", data.document_areas, data.document_years),
    ):
        for node, area, year in run(name):
            if area is not None:
                areas.setdefault(node.value, set()).add(area.value)
            if year is not None and (number := analysis._year(year.value)) is not None:
                years.setdefault(node.value, set()).add(number)
    return data


def test_network_data_is_the_old_queries_data(store):
    """Places, years and classes read whole and kept to the network in Python (0.55 s at 1 M
    quads) give the network the per-node joins gave (1.0-1.5 s): the same places and years, and
    the same main class for every node."""
    new, old = analysis.fetch_network_data(store), old_network_data(store)
    assert new.labels  # the corpus and the tiny store both have a network
    for part in ("stated_areas", "stated_years", "document_areas", "document_years"):
        assert getattr(new, part) == getattr(old, part), part
    main = {n: main_class(new.classes.get(n, ())) for n in new.labels}
    assert main == {n: main_class(old.classes.get(n, ())) for n in old.labels}
    assert set(main.values()) <= set(analysis.NETWORK_CLASSES)
    for classes, merge in ((None, True), (("School", "Program"), False)):
        graph_new = analysis.build_network(new, None, None, classes, merge)
        graph_old = analysis.build_network(old, None, None, classes, merge)
        assert dict(graph_new.nodes(data=True)) == dict(graph_old.nodes(data=True))
        assert sorted(graph_new.edges) == sorted(graph_old.edges)


@pytest.mark.parametrize("name", sorted(set(OLD_ANALYSIS) - set(REPLACED_ANALYSIS)))
def test_network_queries_give_the_old_rows(store, name):
    new = select(store, analysis._PREFIXES.replace(PREFIXES, "") + getattr(analysis, name))
    old = select(store, analysis._PREFIXES.replace(PREFIXES, "") + OLD_ANALYSIS[name])
    assert rows(new) == rows(old)


def test_default_sparql_query_gives_each_old_row_once(store):
    new = store.select(DEFAULT_QUERY.replace("LIMIT 200", ""))
    old = store.select(OLD_DEFAULT_QUERY)
    assert set(rows(new)) == set(rows(old))
    assert max(rows(new).values(), default=1) == 1


OLD_NODE_INFO = """
SELECT DISTINCT ?node ?label (GROUP_CONCAT(DISTINCT ?class_name; separator="|") AS ?classes)
       (SAMPLE(?area_label) AS ?area) (MIN(?when) AS ?year) WHERE {
  VALUES ?node { %(nodes)s }
  OPTIONAL { ?node a ?class . FILTER(STRSTARTS(STR(?class), STR(ekg:)))
             BIND(STRAFTER(STR(?class), "#") AS ?class_name) }
  OPTIONAL { ?node rdfs:label ?l1 }
  OPTIONAL { ?node skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") }
  OPTIONAL { ?node dct:title ?l3 }
  OPTIONAL { ?node dct:source ?l4 }
  BIND(COALESCE(?l1, ?l2, ?l3, ?l4) AS ?label)
  OPTIONAL { ?node ekg:jurisdiction|ekg:locatedIn|ekg:partOf ?area_node .
             ?area_node a ekg:AdministrativeArea ; rdfs:label ?area_label }
  OPTIONAL { ?node ekg:year|ekg:coverageYear ?when }
} GROUP BY ?node ?label
"""


def test_node_info_gives_the_old_labels_classes_and_years(store):
    iris = [r["entity"] for r in run_app_query(store, "entities").values()]
    iris += [r["document"] for r in run_app_query(store, "documents").values()]
    iris = sorted(set(iris))[:400]
    nodes = " ".join(str(NamedNode(i)) for i in iris)

    def by_node(text: str) -> dict:
        found = select(store, text % {"nodes": nodes}).values()
        # SAMPLE picks any of a node's area labels: compared as present or not.
        return {
            r["node"]: (r["label"], frozenset((r["classes"] or "").split("|")), r["year"])
            + (r["area"] is not None,)
            for r in found
        }

    assert by_node(app_queries._NODE_INFO) == by_node(OLD_NODE_INFO)


def test_entity_captions_are_the_per_entity_definition(store, monkeypatch):
    """entity_captions (the pickers) by pandas: each entity's first label, most specific class,
    and first area and year in sorted order, as the loop over groups it replaces gave them."""
    import app_views.common as common
    from graph_store.app_queries import NodeInfo

    df = common.frame(run_app_query(store, "entities"))
    monkeypatch.setattr(common, "app_query", lambda name: df.copy())
    for classes in (None, ("School", "Campus"), ("Program",)):
        wanted = {}
        part = df.assign(cls=df["class"].str.rsplit("#", n=1).str[-1])
        if classes:
            part = part[part["cls"].isin(classes)]
        for iri, rows in part.groupby("entity", sort=False):
            areas = sorted({a for a in rows["area_name"] if isinstance(a, str)})
            years = sorted({y for y in rows["year"] if isinstance(y, str)})
            where = " · ".join([*areas[:1], *years[:1]])
            node = NodeInfo(iri, rows["label"].iloc[0], main_class(rows["cls"]), where)
            wanted[iri] = node.caption()
        got = common.entity_captions(classes)
        assert got == wanted
        assert list(got.values()) == sorted(wanted.values())  # sorted by caption


def test_a_jointly_issued_document_is_one_row_with_both_issuers(tmp_path):
    page = tmp_path / "plan.txt"
    page.write_text(
        "中共温州市委教育工委 温州市教育局\n2024年工作要点\n\n"
        "今年全市教育系统坚持立德树人,青禾教育稳步发展。\n",
        encoding="utf-8",
    )
    store = EmbeddedStore(tmp_path / "store")
    ingest_paths(store, [page])
    [row] = run_app_query(store, "documents").values()
    # Each issuer is the body the page names, shown by that body's name in full (工委 is the
    # 教育工作委员会's short form, its altLabel).
    assert set(row["issuer_name"].split("、")) == {"中共温州市委教育工作委员会", "温州市教育局"}
