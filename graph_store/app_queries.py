"""The queries behind the app's pages, and the small graph walks built from them.

Researcher-facing queries live in queries/*.rq; these are the app's plumbing (labels for a list
of IRIs, a node's neighbourhood, a document's mentions). Values are bound through pyoxigraph
substitutions, or written as a VALUES block by pyoxigraph's own term serialiser: user text is
never pasted into a query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from graph_store.protocol import GraphStore
from graph_store.results import QueryResult, Term

EKG = "https://w3id.org/edukg/ontology#"
PREFIXES = """PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX ekgid: <https://w3id.org/edukg/id/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
"""

# Most specific first: a node is coloured by the first of its classes in this list.
CLASS_ORDER = (
    "Campus",
    "School",
    "EducationGroup",
    "SchoolDistrict",
    "EducationBureau",
    "GovernmentBody",
    "Organization",
    "Program",
    "ProgramConcept",
    "AdministrativeArea",
    "Person",
    "Document",
    "Target",
    "Section",
    "Mention",
)
CLASS_COLOURS = {
    "Campus": "#9ecae1",
    "School": "#3182bd",
    "EducationGroup": "#31a354",
    "SchoolDistrict": "#74c476",
    "EducationBureau": "#e6550d",
    "GovernmentBody": "#fd8d3c",
    "Organization": "#fdae6b",
    "Program": "#756bb1",
    "ProgramConcept": "#bcbddc",
    "AdministrativeArea": "#8c6d31",
    "Person": "#e7969c",
    "Document": "#636363",
    "Target": "#d6616b",
    "Section": "#bdbdbd",
    "Mention": "#d9d9d9",
    "": "#969696",
}
CLASS_NAMES_ZH = {
    "Document": "文件",
    "Section": "章节",
    "Organization": "机构",
    "GovernmentBody": "政府机关",
    "EducationBureau": "教育局",
    "School": "学校",
    "Campus": "校区",
    "EducationGroup": "教育集团",
    "SchoolDistrict": "学区",
    "Program": "项目",
    "ProgramConcept": "项目家族",
    "AdministrativeArea": "行政区",
    "Person": "人物",
    "Target": "目标",
    "Mention": "提及",
}
# The classes whose instances are entities: the entities query's and the search index's rows.
ENTITY_CLASSES = (
    "School",
    "Campus",
    "EducationGroup",
    "SchoolDistrict",
    "Organization",
    "GovernmentBody",
    "EducationBureau",
    "Program",
    "ProgramConcept",
    "AdministrativeArea",
    "Person",
    "Document",
)
# Entity-to-entity relations the explorer walks (provenance plumbing is left out).
RELATIONS = (
    "memberOf",
    "inDistrict",
    "campusOf",
    "leads",
    "participatesIn",
    "partOf",
    "concept",
    "implements",
    "continues",
    "locatedIn",
    "issuedBy",
    "jurisdiction",
    "mentions",
    "cites",
    "affiliatedWith",
    "statedIn",
)


def _documents_query() -> str:
    # Each property read for the distinct documents and made distinct before the join: a
    # cited document is typed, titled … in every graph that cites it, and the union default
    # graph repeats each statement per graph (16.8 s at 1 M quads as one join, 0.05 s so).
    documents = "{ SELECT DISTINCT ?document WHERE { ?document a ekg:Document } }"
    parts = {
        "?title": "?document dct:title ?title",
        "?doc_type": "?document ekg:docType ?doc_type",
        "?issued": "?document dct:issued ?issued",
        "?year": "?document ekg:coverageYear ?year",
        "?area ?area_name": "?document ekg:jurisdiction ?area OPTIONAL { ?area rdfs:label ?area_name }",
        "?number": "?document dct:identifier ?number",
        "?source": "?document dct:source ?source",
    }
    optionals = "".join(
        f"  OPTIONAL {{ SELECT DISTINCT ?document {names} WHERE {{ {documents}\n    {pattern} }} }}\n"
        for names, pattern in parts.items()
    )
    # A jointly issued document has one issuedBy per body: one row, the bodies joined.
    optionals += (
        '  OPTIONAL { SELECT ?document (GROUP_CONCAT(STR(?name); separator="、") AS ?issuer_name)'
        f" WHERE {{ SELECT DISTINCT ?document ?name WHERE {{ {documents}\n"
        "    ?document ekg:issuedBy ?issuer . ?issuer rdfs:label ?name } } GROUP BY ?document }\n"
    )
    names = " ".join(parts).replace("?area_name", "?area_name ?issuer_name")
    return (
        f"SELECT DISTINCT ?document {names}\nWHERE {{\n  {documents}\n{optionals}"
        "} ORDER BY DESC(?issued) ?title\n"
    )


QUERIES: dict[str, str] = {
    # Live, not from the statistics graph: summed from per-document records it took 80 ms at
    # 1 M quads against 21 ms for this query (bench/RESULTS.md, issue 13).
    "documents_by_area_year": """
SELECT DISTINCT ?area ?area_name ?year (COUNT(DISTINCT ?document) AS ?documents) WHERE {
  ?document a ekg:Document ; ekg:jurisdiction ?area .
  OPTIONAL { ?document ekg:coverageYear ?cy }
  OPTIONAL { ?document dct:issued ?issued }
  BIND(COALESCE(?cy, YEAR(?issued)) AS ?year)
  OPTIONAL { ?area rdfs:label ?area_name }
} GROUP BY ?area ?area_name ?year ORDER BY ?area_name ?year
""",
    # Each entity, label, area and year once before they are joined (the union default graph
    # repeats what every document restates): 25 s at 1 M quads as one join, 0.5 s so.
    "entities": """
SELECT DISTINCT ?entity ?label ?class ?area_name ?year WHERE {
  { SELECT DISTINCT ?entity ?class WHERE {
      VALUES ?class { """
    + " ".join(f"ekg:{c}" for c in ENTITY_CLASSES)
    + """ }
      ?entity a ?class } }
  OPTIONAL { SELECT DISTINCT ?entity ?l1 WHERE { ?entity rdfs:label ?l1 } }
  OPTIONAL { SELECT DISTINCT ?entity ?l2 WHERE {
    ?entity skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") } }
  OPTIONAL { SELECT DISTINCT ?entity ?l3 WHERE { ?entity dct:title ?l3 } }
  BIND(COALESCE(?l1, ?l2, ?l3, STRAFTER(STR(?entity), "/id/")) AS ?label)
  OPTIONAL { SELECT DISTINCT ?entity ?area_name WHERE {
    { SELECT DISTINCT ?entity ?area_node WHERE {
        ?entity ekg:jurisdiction|ekg:locatedIn ?area_node } }
    { SELECT DISTINCT ?area_node ?area_name WHERE {
        { SELECT DISTINCT ?area_node WHERE { ?area_node a ekg:AdministrativeArea } }
        ?area_node rdfs:label ?area_name } } } }
  OPTIONAL { SELECT DISTINCT ?entity ?year WHERE { ?entity ekg:year|ekg:coverageYear ?year } }
}
""",
    "alt_labels": """
SELECT DISTINCT ?entity ?alt WHERE { ?entity skos:altLabel ?alt }
""",
    # Every statement about a resource, out and in (mentions, which point at everything they
    # name, are counted on their own, as evidence).
    "resource_out": """
SELECT DISTINCT ?resource ?property ?value WHERE {
  ?resource ?property ?value . FILTER(?property != ekg:text)
} ORDER BY ?property ?value
""",
    "resource_in": """
SELECT DISTINCT ?resource ?subject ?property WHERE {
  ?subject ?property ?resource .
  FILTER NOT EXISTS { ?subject a ekg:Mention }
} ORDER BY ?property ?subject
""",
    "entity_properties": """
SELECT DISTINCT ?entity ?property ?value WHERE {
  ?entity ?property ?value . FILTER(isLiteral(?value) && ?property != ekg:text)
} ORDER BY ?property
""",
    "entity_evidence": """
SELECT DISTINCT ?entity ?mention ?document ?title ?quote ?start ?end ?section WHERE {
  ?mention ekg:refersTo ?entity ; ekg:inDocument ?document .
  OPTIONAL { ?mention ekg:quote ?quote }
  OPTIONAL { ?mention ekg:start ?start }
  OPTIONAL { ?mention ekg:end ?end }
  OPTIONAL { ?mention ekg:inSection ?section }
  OPTIONAL { ?document dct:title ?title }
} ORDER BY ?title ?start
""",
    "entity_documents": """
SELECT DISTINCT ?entity ?document ?title ?issued WHERE {
  ?document ekg:mentions ?entity .
  OPTIONAL { ?document dct:title ?title }
  OPTIONAL { ?document dct:issued ?issued }
} ORDER BY DESC(?issued)
""",
    "programmes": """
SELECT DISTINCT ?program ?label ?area_name ?year WHERE {
  ?program a ekg:Program .
  OPTIONAL { ?program rdfs:label ?label }
  OPTIONAL { ?program ekg:jurisdiction/rdfs:label ?area_name }
  OPTIONAL { ?program ekg:year ?year }
} ORDER BY ?area_name ?year ?label
""",
    "schools": """
SELECT DISTINCT ?school ?label WHERE {
  ?school a ekg:School . OPTIONAL { ?school rdfs:label ?label }
} ORDER BY ?label
""",
    "programme_subprogrammes": """
SELECT DISTINCT ?program ?sub ?sub_label ?year WHERE {
  ?sub ekg:partOf ?program .
  OPTIONAL { ?sub rdfs:label ?sub_label }
  OPTIONAL { ?sub ekg:year ?year }
} ORDER BY ?sub_label
""",
    "programme_links": """
SELECT DISTINCT ?program ?relation ?other ?other_label WHERE {
  { ?program ?r ?other . BIND(STRAFTER(STR(?r), "#") AS ?relation) }
  UNION
  { ?other ?r2 ?program . BIND(CONCAT("inverse ", STRAFTER(STR(?r2), "#")) AS ?relation) }
  FILTER(?relation IN ("implements", "continues", "partOf", "concept",
                       "inverse implements", "inverse continues"))
  OPTIONAL { ?other rdfs:label ?l1 }
  OPTIONAL { ?other skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") }
  BIND(COALESCE(?l1, ?l2) AS ?other_label)
}
""",
    # A programme's targets are those stated in a section that names the programme (its own
    # paragraph or item of the plan), with the sentence that states each; a target of another
    # jurisdiction is not its own (a district's section that names the city's programme).
    "programme_targets": """
SELECT DISTINCT ?program ?target ?indicator ?value ?unit ?year ?document ?title ?sentence WHERE {
  ?named ekg:refersTo ?program ; ekg:inSection ?section .
  ?stated ekg:inSection ?section ; ekg:refersTo ?target .
  ?target a ekg:Target ; ekg:statedIn ?document .
  FILTER NOT EXISTS {
    ?target ekg:jurisdiction ?target_area . ?program ekg:jurisdiction ?program_area .
    FILTER(?target_area != ?program_area)
  }
  OPTIONAL { ?stated ekg:quote ?sentence }
  OPTIONAL { ?target ekg:indicator ?indicator }
  OPTIONAL { ?target rdf:value ?value }
  OPTIONAL { ?target ekg:unit ?unit }
  OPTIONAL { ?target ekg:year ?year }
  OPTIONAL { ?document dct:title ?title }
} ORDER BY ?indicator
""",
    # How many schools and groups take part in or lead each programme.
    "programme_participant_counts": """
SELECT ?program (COUNT(DISTINCT ?participant) AS ?participants) WHERE {
  VALUES ?link { ekg:participatesIn ekg:leads }
  ?participant ?link ?program .
} GROUP BY ?program
""",
    # The programmes named in the sentences that name an entity, with how many such sentences.
    "co_mentioned_programmes": """
SELECT ?entity ?program (COUNT(DISTINCT ?mention) AS ?sentences) WHERE {
  ?mention ekg:refersTo ?entity ; ekg:inDocument ?document ; ekg:quote ?sentence .
  ?other ekg:inDocument ?document ; ekg:quote ?sentence ; ekg:refersTo ?program .
  ?program a ekg:Program .
} GROUP BY ?entity ?program ORDER BY DESC(?sentences)
""",
    "school_links": """
SELECT DISTINCT ?school ?relation ?other ?other_label ?other_class WHERE {
  { ?school ?r ?other . BIND(STRAFTER(STR(?r), "#") AS ?relation) }
  UNION
  { ?other ekg:campusOf ?school . BIND("campus" AS ?relation) }
  FILTER(?relation IN ("memberOf", "inDistrict", "leads", "participatesIn", "campusOf",
                       "locatedIn", "campus"))
  OPTIONAL { ?other rdfs:label ?other_label }
  OPTIONAL { ?other a ?c . FILTER(?c IN (ekg:Program, ekg:EducationGroup, ekg:SchoolDistrict,
                                         ekg:School, ekg:AdministrativeArea)) }
  BIND(STRAFTER(STR(?c), "#") AS ?other_class)
} ORDER BY ?relation ?other_label
""",
    "programme_school_edges": """
SELECT DISTINCT ?school ?school_label ?relation ?program ?program_label WHERE {
  ?school ?r ?program . ?program a ekg:Program .
  FILTER(?r IN (ekg:participatesIn, ekg:leads))
  BIND(STRAFTER(STR(?r), "#") AS ?relation)
  OPTIONAL { ?school rdfs:label ?school_label }
  OPTIONAL { ?program rdfs:label ?program_label }
}
""",
    "concepts": """
SELECT DISTINCT ?concept ?label (COUNT(DISTINCT ?program) AS ?programmes) WHERE {
  ?concept a ekg:ProgramConcept .
  OPTIONAL { ?concept skos:prefLabel ?label FILTER(LANG(?label) = "zh") }
  OPTIONAL { ?program ekg:concept ?concept }
} GROUP BY ?concept ?label ORDER BY DESC(?programmes) ?label
""",
    "lineage_edges": """
SELECT DISTINCT ?concept ?source ?relation ?target WHERE {
  ?root ekg:concept ?concept .
  ?source ekg:partOf* ?root .
  { ?source ?r ?target . FILTER(?r IN (ekg:implements, ekg:continues, ekg:partOf)) }
  BIND(STRAFTER(STR(?r), "#") AS ?relation)
}
""",
    # Each component of a family's programmes with what aligns it across jurisdictions: its own
    # family (a component concept such as 名校长) and the implements / continues links in
    # either direction (lineage.py infers them between components too).
    "lineage_components": """
SELECT DISTINCT ?concept ?program ?component ?component_name ?component_concept ?link ?linked
WHERE {
  ?program ekg:concept ?concept .
  ?component ekg:partOf ?program .
  OPTIONAL { ?component rdfs:label ?component_name }
  OPTIONAL { ?component ekg:concept ?component_concept }
  OPTIONAL {
    { ?component ekg:implements ?linked BIND("implements" AS ?link) }
    UNION { ?linked ekg:implements ?component BIND("implements" AS ?link) }
    UNION { ?component ekg:continues ?linked BIND("continues" AS ?link) }
    UNION { ?linked ekg:continues ?component BIND("continues" AS ?link) }
  }
}
""",
    # Documents read from a file (the rest of ekg:Document are titles the texts cite), summed
    # from the statistics graph; unbound when there is none.
    "loaded_documents": """
SELECT (SUM(?count) AS ?documents) WHERE {
  GRAPH <https://w3id.org/edukg/id/graph/stats> { ?record ekg:statLoaded ?count }
}
""",
    # Who speaks each turn of an interview transcript.
    "section_speakers": """
SELECT DISTINCT ?document ?section ?speaker WHERE {
  ?section ekg:sectionOf ?document ; ekg:speaker ?speaker .
}
""",
    "area_parents": """
SELECT DISTINCT ?area ?parent WHERE { ?area ekg:partOf ?parent . ?parent a ekg:AdministrativeArea }
""",
    "documents": _documents_query(),
    "document_text": """
SELECT DISTINCT ?document ?text WHERE { ?document ekg:text ?text }
""",
    "document_mentions": """
SELECT DISTINCT ?document ?mention ?entity ?label ?start ?end ?class WHERE {
  ?mention ekg:inDocument ?document ; ekg:refersTo ?entity ; ekg:start ?start ; ekg:end ?end .
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity a ?class . FILTER(STRSTARTS(STR(?class), STR(ekg:))) }
} ORDER BY ?start
""",
    "mention_quotes": """
SELECT DISTINCT ?mention ?entity ?document ?quote WHERE {
  ?mention ekg:refersTo ?entity ; ekg:inDocument ?document ; ekg:quote ?quote .
}
""",
    "section_texts": """
SELECT DISTINCT ?section ?document ?heading ?start ?end WHERE {
  ?section a ekg:Section ; ekg:sectionOf ?document .
  OPTIONAL { ?section ekg:heading ?heading }
  OPTIONAL { ?section ekg:start ?start }
  OPTIONAL { ?section ekg:end ?end }
}
""",
}

# concept_targets (COMPOSED) in two steps: the documents that name each programme of a family,
# then those documents' targets for the programme's jurisdiction. As one query Oxigraph joined
# every target of the store per row (42 k rows at 1 M quads): 15.8 s, 1.4 s with the concept in
# the text.
_CONCEPT_DOCUMENTS = """
SELECT DISTINCT ?concept ?program ?area ?document WHERE {
  ?program ekg:concept ?concept ; ekg:jurisdiction ?area .
  ?document ekg:mentions ?program .
}
"""
# The texts of the targets ("indicator value unit") per document and jurisdiction, "\n"-joined:
# one row per document and jurisdiction (a few hundred at 1 M quads, where 14 k rows of single
# texts took longer to convert than to compute, and passed Virtuoso's row cap of 10 000). A
# target text is an indicator phrase of one sentence, a number and a unit: no line break.
_TEXTS = """
SELECT ?document ?area (GROUP_CONCAT(DISTINCT ?target_text; separator="\\n") AS ?texts) WHERE {
  %(targets)s
  BIND(CONCAT(COALESCE(STR(?indicator), ""), " ", STR(?value), COALESCE(STR(?unit), ""))
       AS ?target_text)
} GROUP BY ?document ?area
"""
# Two plans give the same rows. For a few documents, their targets looked up by document
# (VALUES): 2-3 ms a document at 1 M quads.
_DOCUMENT_TARGETS = """VALUES ?document { %(documents)s }
  ?target ekg:statedIn ?document ; ekg:jurisdiction ?area ; rdf:value ?value ; a ekg:Target .
  OPTIONAL { ?target ekg:indicator ?indicator }
  OPTIONAL { ?target ekg:unit ?unit }"""
# For many (most families at 1 M quads are named in 170 of the 196 documents), every target of
# the store read once, each property on its own and joined by hash: 100-140 ms whatever the
# family, where the look-up per document took 0.4-0.6 s (a look-up per target and property
# costs about 5 µs, a scanned property under 1 µs a target).
_ALL_TARGETS = """{ SELECT ?target ?document WHERE { ?target ekg:statedIn ?document } }
  { SELECT ?target ?area WHERE { ?target ekg:jurisdiction ?area } }
  { SELECT ?target ?value WHERE { ?target rdf:value ?value } }
  { SELECT ?target WHERE { ?target a ekg:Target } }
  OPTIONAL { SELECT ?target ?indicator WHERE { ?target ekg:indicator ?indicator } }
  OPTIONAL { SELECT ?target ?unit WHERE { ?target ekg:unit ?unit } }"""
# The whole-store plan reads every target, the look-up a family's documents' targets only: at
# 1 M quads the first costs as much as looking up about 60 of the 196 documents, and both grow
# with the store, so the share of the loaded documents decides.
WHOLE_STORE_SHARE = 0.3


def concept_targets(
    store: GraphStore, params: dict[str, Term], whole_store_share: float | None = None
) -> QueryResult:
    """Each programme of a family (`concept`, or every family) with the targets its documents
    state for its jurisdiction, "; "-joined in sorted order (a programme without one is left
    out): the rows of the one-query form it replaces, tests/app/test_app_queries.py.

    `whole_store_share` (default WHOLE_STORE_SHARE) picks the plan; every share gives the same
    rows."""
    unknown = set(params) - {"concept"}
    if unknown:
        raise LookupError(f"concept_targets binds only ?concept, not {sorted(unknown)}")
    share = WHOLE_STORE_SHARE if whole_store_share is None else whole_store_share
    named = store.select(PREFIXES + with_values(_CONCEPT_DOCUMENTS, params))
    documents = sorted({row[3].value for row in named})
    if len(documents) > share * loaded_documents(store):
        texts = all_target_texts(store)
    else:
        texts = document_target_texts(store, documents)
    joined: dict[tuple[Term, Term], set[str]] = {}
    for concept, program, area, document in named:
        found = texts.get((document.value, area.value))
        if found:
            joined.setdefault((concept, program), set()).update(found)
    rows = tuple(
        (concept, program, Literal("; ".join(sorted(found))))
        for (concept, program), found in joined.items()
    )
    return QueryResult(("concept", "program", "targets"), rows)


def loaded_documents(store: GraphStore) -> int:
    """Return how many documents were loaded from files, from the statistics graph (0 when it
    has no records)."""
    rows = store.select(PREFIXES + QUERIES["loaded_documents"]).rows
    return int(rows[0][0].value) if rows and rows[0][0] is not None else 0


def document_target_texts(
    store: GraphStore, documents: list[str]
) -> dict[tuple[str, str], set[str]]:
    """Return the texts ("indicator value unit") of the targets each of `documents` states,
    by (document, jurisdiction) IRI, looked up document by document."""
    texts: dict[tuple[str, str], set[str]] = {}
    for i in range(0, len(documents), 300):
        targets = _DOCUMENT_TARGETS % {"documents": _values(documents[i : i + 300])}
        texts.update(_target_texts(store, targets))
    return texts


def all_target_texts(store: GraphStore) -> dict[tuple[str, str], set[str]]:
    """Return document_target_texts for every document of the store, in one pass."""
    return _target_texts(store, _ALL_TARGETS)


def _target_texts(store: GraphStore, targets: str) -> dict[tuple[str, str], set[str]]:
    query = PREFIXES + _TEXTS % {"targets": targets}
    return {
        (document.value, area.value): set(joined.value.split("\n"))
        for document, area, joined in store.select(query)
    }


COMPOSED = {"concept_targets": concept_targets}

_NEIGHBOURS = """
SELECT DISTINCT ?source ?relation ?target WHERE {
  VALUES ?node { %(nodes)s }
  VALUES ?relation { %(relations)s }
  { ?node ?relation ?target . BIND(?node AS ?source) }
  UNION
  { ?source ?relation ?node . BIND(?node AS ?target) }
  FILTER(isIRI(?source) && isIRI(?target))
}
"""
# Each part looked up for the listed nodes and made distinct on its own before the join: a
# document restates its areas' labels in its own graph, and the union default graph repeats
# them, so one join of every part took 18.6 s for 204 nodes at 1 M quads.
_NODE_INFO = """
SELECT DISTINCT ?node ?label (GROUP_CONCAT(DISTINCT ?class_name; separator="|") AS ?classes)
       (SAMPLE(?area_label) AS ?area) (MIN(?when) AS ?year) WHERE {
  VALUES ?node { %(nodes)s }
  OPTIONAL { SELECT DISTINCT ?node ?class_name WHERE {
    VALUES ?node { %(nodes)s }
    ?node a ?class . FILTER(STRSTARTS(STR(?class), STR(ekg:)))
    BIND(STRAFTER(STR(?class), "#") AS ?class_name) } }
  OPTIONAL { SELECT DISTINCT ?node ?l1 WHERE { VALUES ?node { %(nodes)s } ?node rdfs:label ?l1 } }
  OPTIONAL { SELECT DISTINCT ?node ?l2 WHERE {
    VALUES ?node { %(nodes)s } ?node skos:prefLabel ?l2 FILTER(LANG(?l2) = "zh") } }
  OPTIONAL { SELECT DISTINCT ?node ?l3 WHERE { VALUES ?node { %(nodes)s } ?node dct:title ?l3 } }
  OPTIONAL { SELECT DISTINCT ?node ?l4 WHERE { VALUES ?node { %(nodes)s } ?node dct:source ?l4 } }
  BIND(COALESCE(?l1, ?l2, ?l3, ?l4) AS ?label)
  # Where and when, so entities of one name (集团化办学 in four districts) can be told apart.
  OPTIONAL { SELECT DISTINCT ?node ?area_label WHERE {
    VALUES ?node { %(nodes)s }
    ?node ekg:jurisdiction|ekg:locatedIn|ekg:partOf ?area_node .
    ?area_node a ekg:AdministrativeArea ; rdfs:label ?area_label } }
  OPTIONAL { SELECT DISTINCT ?node ?when WHERE {
    VALUES ?node { %(nodes)s } ?node ekg:year|ekg:coverageYear ?when } }
} GROUP BY ?node ?label
"""


_OUTER_WHERE = re.compile(r"WHERE\s*\{")


def with_values(query: str, params: dict[str, Term]) -> str:
    """Return `query` with `params` written as a VALUES block opening its outermost WHERE.

    The same rows as binding them by substitution, but Oxigraph plans the query from the bound
    values: concept_targets took 15.8 s with ?concept substituted at 1 M quads and 1.4 s with
    the same IRI in the text (bench/RESULTS.md). Terms are written by pyoxigraph's serialiser.

    >>> from pyoxigraph import Literal
    >>> with_values("SELECT ?a WHERE { ?a ?p ?o }", {"o": Literal("x", language="zh")})
    'SELECT ?a WHERE { VALUES ?o { "x"@zh } ?a ?p ?o }'
    """
    if not params:
        return query
    found = _OUTER_WHERE.search(query)
    if found is None:
        raise ValueError("the query has no WHERE clause to bind values in")
    if not all(name.isidentifier() for name in params):
        raise ValueError(f"not variable names: {sorted(params)}")
    block = "".join(f"VALUES ?{name} {{ {term} }} " for name, term in params.items())
    return f"{query[: found.end()]} {block}{query[found.end() :].lstrip(' ')}"


def run_app_query(
    store: GraphStore, name: str, params: dict[str, Term] | None = None, limit: int | None = None
) -> QueryResult:
    """Run one of QUERIES (or of COMPOSED) with `params` bound to its projected variables."""
    if name in COMPOSED:
        return COMPOSED[name](store, params or {})
    if name not in QUERIES:
        raise LookupError(f"no app query {name!r}; known: {', '.join(sorted(QUERIES))}")
    return store.select(PREFIXES + with_values(QUERIES[name], params or {}), limit=limit)


def programme_target_texts(store: GraphStore, programmes: Iterable[str]) -> dict[str, str]:
    """Return, per programme IRI, the targets stated in the sections that name it (as
    programme_targets finds them), as "indicator value unit (year)" "; "-joined in sorted
    order; a programme without one is left out. One query for all: the lineage diff asks for
    every component of two jurisdictions."""
    iris = list(dict.fromkeys(programmes))
    found: dict[str, set[str]] = {}
    text = QUERIES["programme_targets"]
    where = _OUTER_WHERE.search(text)
    assert where is not None  # programme_targets has a WHERE
    for i in range(0, len(iris), 300):
        values = "WHERE { VALUES ?program { " + _values(iris[i : i + 300]) + " }"
        query = PREFIXES + text[: where.start()] + values + text[where.end() :]
        for row in store.select(query):
            program, _, indicator, value, unit, year = (t.value if t else "" for t in row[:6])
            text = f"{indicator} {value}{unit}".strip() + (f" ({year})" if year else "")
            found.setdefault(program, set()).add(text)
    return {iri: "; ".join(sorted(texts)) for iri, texts in found.items()}


def main_class(classes: Iterable[str]) -> str:
    """Return the most specific class of CLASS_ORDER among `classes` ('' when none).

    >>> main_class(["Organization", "School"])
    'School'
    """
    found = set(classes)
    return next((c for c in CLASS_ORDER if c in found), "")


def local_name(iri: str) -> str:
    """Return the part after the last '#' or '/'.

    >>> local_name("https://w3id.org/edukg/ontology#memberOf")
    'memberOf'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _values(iris: Iterable[str]) -> str:
    # NamedNode checks the IRI and str() writes it in N-Triples form, so nothing is pasted raw.
    return " ".join(str(NamedNode(iri)) for iri in iris)


def where_when(area: str | None, year: str | None) -> str:
    """Return an entity's jurisdiction and year as its caption shows them ('' when unknown).

    >>> where_when("钟楼区", "2019"), where_when(None, "2019"), where_when("", None)
    ('钟楼区 · 2019', '2019', '')
    """
    return " · ".join(p for p in (area, year) if isinstance(p, str) and p)


@dataclass(frozen=True)
class NodeInfo:
    iri: str
    label: str
    cls: str
    where: str = ""  # jurisdiction (or location) · year, when the graph says (`where_when`)
    area: str = ""  # the jurisdiction (or location) alone
    year: str = ""

    def caption(self) -> str:
        """Return 'label · 类 Class · jurisdiction · year': what tells two entities of one name
        apart.

        >>> NodeInfo("x", "集团化办学", "Program", where_when("钟楼区", "2019")).caption()
        '集团化办学 · 项目 Program · 钟楼区 · 2019'
        """
        parts = [self.label, f"{CLASS_NAMES_ZH.get(self.cls, '')} {self.cls}".strip(), self.where]
        return " · ".join(p for p in parts if p)


@dataclass
class Neighbourhood:
    """Nodes and edges around some centre nodes, as walked by `neighbourhood`."""

    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)
    truncated: bool = False


def node_info(store: GraphStore, iris: Iterable[str], chunk: int = 500) -> dict[str, NodeInfo]:
    """Return label and main class for each IRI (the local name when it has no label)."""
    out: dict[str, NodeInfo] = {}
    iris = list(dict.fromkeys(iris))
    for i in range(0, len(iris), chunk):
        part = iris[i : i + chunk]
        query = PREFIXES + _NODE_INFO % {"nodes": _values(part)}
        for node, label, classes, area, year in store.select(query):
            iri = node.value
            cls = main_class((classes.value if classes else "").split("|"))
            area_name, when = (t.value if t is not None else "" for t in (area, year))
            name = label.value if label else local_name(iri)
            out[iri] = NodeInfo(iri, name, cls, where_when(area_name, when), area_name, when)
    for iri in iris:
        out.setdefault(iri, NodeInfo(iri, local_name(iri), ""))
    return out


def neighbourhood(
    store: GraphStore,
    centres: Iterable[str],
    depth: int = 1,
    relations: Iterable[str] = RELATIONS,
    classes: Iterable[str] | None = None,
    max_nodes: int = 2000,
) -> Neighbourhood:
    """Walk `depth` hops out from `centres` along `relations`; keep nodes of `classes`.

    Centres are always kept. The walk stops adding nodes at `max_nodes` and sets `truncated`.
    """
    relation_values = " ".join(str(NamedNode(EKG + r)) for r in relations)
    wanted = set(classes) if classes is not None else None
    result = Neighbourhood()
    frontier = list(dict.fromkeys(centres))
    result.nodes.update(node_info(store, frontier))
    seen_edges: set[tuple[str, str, str]] = set()
    for _ in range(depth):
        if not frontier or not relation_values:
            break
        rows: list[tuple[str, str, str]] = []
        for i in range(0, len(frontier), 300):
            query = PREFIXES + _NEIGHBOURS % {
                "nodes": _values(frontier[i : i + 300]),
                "relations": relation_values,
            }
            rows += [(s.value, local_name(r.value), t.value) for s, r, t in store.select(query)]
        new = [n for s, _, t in rows for n in (s, t) if n not in result.nodes]
        info = node_info(store, new)
        next_frontier = []
        for iri, node in info.items():
            if wanted is not None and node.cls not in wanted:
                continue
            if len(result.nodes) >= max_nodes:
                result.truncated = True
                break
            result.nodes[iri] = node
            next_frontier.append(iri)
        for edge in rows:
            if edge[0] in result.nodes and edge[2] in result.nodes and edge not in seen_edges:
                seen_edges.add(edge)
                result.edges.append(edge)
        frontier = next_frontier
    return result


def instances_query(cls: str) -> str:
    """Return a SELECT listing the instances of one ekg class with their labels (for links).

    >>> "ekg:School" in instances_query("School")
    True
    """
    if not cls.isidentifier():
        raise ValueError(f"{cls!r} is not an ekg class name")
    return (
        "PREFIX ekg: <https://w3id.org/edukg/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX dct: <http://purl.org/dc/terms/>\n"
        f"SELECT DISTINCT ?entity ?label WHERE {{\n  ?entity a ekg:{cls} .\n"
        "  OPTIONAL { ?entity rdfs:label|dct:title ?label }\n} ORDER BY ?label"
    )
