"""Export: the whole graph, one document, or the current query result, in every format."""

from __future__ import annotations

import pyoxigraph as ox
import streamlit as st

from app_views.common import (
    app_query,
    entity_captions,
    labels,
    query_examples,
    store,
    store_location,
)
from app_views.documents import display_title
from app_views.literal import md_literal
from graph_store.app_queries import local_name
from graph_store.bundle import build_bundle
from graph_store.export import (
    EXPORT_FORMATS,
    MAX_DEPTH,
    Selection,
    export_graph,
    export_selection,
    network_bytes,
    triples_network,
)
from graph_store.named_queries import load_named_queries
from graph_store.results import QueryResult, to_csv, to_json
from graph_store.sandbox import TripleResult

FORMAT_NAMES = {
    "ttl": ("Turtle", "ttl", "text/turtle"),
    "trig": ("TriG", "trig", "application/trig"),
    "nt": ("N-Triples", "nt", "application/n-triples"),
    "nq": ("N-Quads", "nq", "application/n-quads"),
    "jsonld": ("JSON-LD", "jsonld", "application/ld+json"),
    "rdfxml": ("RDF/XML", "rdf", "application/rdf+xml"),
    "graphml": ("GraphML", "graphml", "application/graphml+xml"),
    "gexf": ("GEXF (Gephi)", "gexf", "application/gexf+xml"),
    "csv": ("CSV nodes + edges (zip)", "zip", "application/zip"),
}


@st.cache_data(ttl=600, max_entries=16, show_spinner="序列化 / serialising…")
def _export(location: str, fmt: str, document: str | None) -> bytes:
    return export_graph(store(), fmt, document)


def render() -> None:
    st.title("导出 / Export")
    scope = st.radio(
        "范围 / Scope",
        ["whole", "document", "neighbourhood", "selection", "bundle"],
        key="export_scope",
        horizontal=True,
        format_func=lambda s: {
            "whole": "整个图谱 Whole graph",
            "document": "一份文件 One document",
            "neighbourhood": "实体邻域 An entity's neighbourhood",
            "selection": "当前查询结果 Current query result",
            "bundle": "研究包 Research bundle",
        }[s],
    )
    if scope == "selection":
        selection_export()
        return
    if scope == "neighbourhood":
        neighbourhood_export()
        return
    if scope == "bundle":
        bundle_export()
        return
    document = None
    if scope == "document":
        docs = app_query("documents").dropna(subset=["source"])
        if docs.empty:
            st.info("还没有文件 / No documents yet.")
            return
        titles = {r["document"]: display_title(r) for _, r in docs.iterrows()}
        document = st.selectbox(
            "文件 / Document", list(titles), key="export_document", format_func=lambda d: titles[d]
        )
    fmt = st.selectbox(
        "格式 / Format",
        list(EXPORT_FORMATS),
        key="export_format",
        format_func=lambda f: FORMAT_NAMES[f][0],
    )
    st.caption(
        "网络格式(GraphML、GEXF、CSV)包含实体及其关系,名称与类为属性;RDF 格式包含每个三元组 / "
        "Network formats (GraphML, GEXF, CSV) hold entities and their relations, with "
        "labels and classes as attributes; RDF formats hold every triple."
    )
    if st.button("准备下载 / Prepare download", key="export_prepare", type="primary"):
        try:
            data = _export(store_location(), fmt, document)
        except LookupError as err:
            st.error(f"{md_literal(err)}。请换一份文件或格式 / Pick another document or format.")
            return
        name, ext, mime = FORMAT_NAMES[fmt]
        stem = document.rsplit("/", 1)[-1] if document else "edukg"
        st.download_button(
            f"⬇ {name} ({len(data):,} 字节 / bytes)",
            data,
            f"{stem}.{ext}",
            mime,
            key="export_download",
        )


def _format_picker(key: str) -> str:
    return st.selectbox(
        "格式 / Format", list(EXPORT_FORMATS), key=key, format_func=lambda f: FORMAT_NAMES[f][0]
    )


def neighbourhood_export() -> None:
    """An entity and what lies within 1–3 links of it, in any format (as `edukg export
    --neighbourhood IRI --depth N`)."""
    names = entity_captions()
    if not names:
        st.info("还没有实体 / No entity in the store yet.")
        return
    wanted = st.query_params.get("entity")
    options = list(names)
    entity = st.selectbox(
        "实体 / Entity",
        options,
        index=options.index(wanted) if wanted in options else 0,
        key="export_entity",
        format_func=lambda iri: names[iri],
    )
    depth = st.slider("深度 / Depth (links)", 1, MAX_DEPTH, 1, key="export_depth")
    fmt = _format_picker("export_neighbourhood_format")
    name, ext, mime = FORMAT_NAMES[fmt]
    data = _neighbourhood(store_location(), entity, depth, fmt)
    st.download_button(
        f"⬇ {name} ({len(data):,} 字节 / bytes)",
        data,
        f"{entity.rsplit('/', 1)[-1]}-depth{depth}.{ext}",
        mime,
        key="export_neighbourhood_download",
    )


@st.cache_data(ttl=600, max_entries=16, show_spinner="遍历图谱 / walking the graph…")
def _neighbourhood(location: str, entity: str, depth: int, fmt: str) -> bytes:
    return export_selection(store(), fmt, Selection(neighbourhood=entity, depth=depth))


def bundle_export() -> None:
    """A named query's research bundle (as `edukg export --query NAME --format bundle`): the
    query, its parameters, results, network, dataset version, citation and RO-Crate."""
    queries = load_named_queries()
    name = st.selectbox(
        "查询 / Named query",
        sorted(queries),
        key="export_bundle_query",
        format_func=lambda n: f"{queries[n].title} ({n})",
    )
    query = queries[name]
    examples = query_examples(name) if any(p.required for p in query.params) else {}
    values = {}
    for param in query.params:
        value = st.text_input(
            f"{param.label} ({param.name}{', 必填 required' if param.required else ''})",
            value=examples.get(param.name, ""),
            key=f"export_bundle_{name}_{param.name}",
        )
        if value.strip():
            values[param.name] = value.strip()
    missing = [p.name for p in query.params if p.required and p.name not in values]
    if missing:
        st.info(f"请填写必填参数 / Give {', '.join(missing)} to build the bundle.")
        return
    if st.button("生成研究包 / Build the bundle", key="export_bundle_build", type="primary"):
        try:
            data = build_bundle(store(), query, values)
        except (LookupError, ValueError) as err:
            st.error(md_literal(err))
            return
        st.download_button(
            f"⬇ {name}-bundle.zip ({len(data):,} 字节 / bytes)",
            data,
            f"{name}-bundle.zip",
            "application/zip",
            key="export_bundle_download",
        )


def selection_export() -> None:
    outcome = st.session_state.get("sparql_outcome")
    result = outcome["result"] if outcome else None
    if result is None or isinstance(result, bool):
        st.info(
            "请先在 SPARQL 页运行 SELECT、CONSTRUCT 或 DESCRIBE 查询,其结果即可在此导出 / Run a "
            "SELECT, CONSTRUCT or DESCRIBE query on the SPARQL page first; its result can then "
            "be exported here."
        )
        return
    if isinstance(result, QueryResult):
        st.write(f"上次查询的 {len(result):,} 行 / {len(result):,} rows from the last query")
        st.download_button(
            "CSV", to_csv(result).encode(), "selection.csv", "text/csv", key="export_selection_csv"
        )
        st.download_button(
            "JSON",
            to_json(result).encode(),
            "selection.srj",
            "application/sparql-results+json",
            key="export_selection_json",
        )
    elif isinstance(result, TripleResult):
        st.write(
            f"上次查询的 {len(result):,} 个三元组 / {len(result):,} triples from the last query"
        )
        for label, fmt, ext in [
            ("Turtle", ox.RdfFormat.TURTLE, "ttl"),
            ("N-Triples", ox.RdfFormat.N_TRIPLES, "nt"),
            ("JSON-LD", ox.RdfFormat.JSON_LD, "jsonld"),
            ("RDF/XML", ox.RdfFormat.RDF_XML, "rdf"),
        ]:
            st.download_button(
                label,
                ox.serialize(list(result.triples), format=fmt) or b"",
                f"selection.{ext}",
                key=f"export_selection_{ext}",
            )
        # The same network files as the other scopes: entities by label, no statement nodes; a
        # node the result gives no label or class is named and classed from the store.
        network = triples_network(result.triples)
        known = labels(list(network.nodes))
        for iri, attrs in network.nodes(data=True):
            if iri in known and attrs["label"] == local_name(iri):
                attrs["label"] = known[iri].label
            if iri in known and not attrs["class"]:
                attrs["class"] = known[iri].cls
        for fmt in ("graphml", "gexf"):
            name, ext, mime = FORMAT_NAMES[fmt]
            st.download_button(
                name,
                network_bytes(network, fmt),
                f"selection.{ext}",
                mime,
                key=f"export_selection_{fmt}",
            )


if __name__ == "__main__":
    render()
