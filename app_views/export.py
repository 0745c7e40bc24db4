"""Export: the whole graph, one document, or the current query result, in every format."""

from __future__ import annotations

import pyoxigraph as ox
import streamlit as st

from app_views.common import app_query, store, store_location
from app_views.literal import md_literal
from graph_store.export import EXPORT_FORMATS, export_graph
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


@st.cache_data(ttl=600, max_entries=16, show_spinner="serialising…")
def _export(location: str, fmt: str, document: str | None) -> bytes:
    return export_graph(store(), fmt, document)


def render() -> None:
    st.title("导出 / Export")
    scope = st.radio(
        "范围 / Scope",
        ["whole", "document", "selection"],
        key="export_scope",
        horizontal=True,
        format_func=lambda s: {
            "whole": "整个图谱 Whole graph",
            "document": "一份文件 One document",
            "selection": "当前查询结果 Current query result",
        }[s],
    )
    if scope == "selection":
        selection_export()
        return
    document = None
    if scope == "document":
        docs = app_query("documents").dropna(subset=["source"])
        if docs.empty:
            st.info("No documents yet.")
            return
        titles = dict(zip(docs["document"], docs["title"].fillna(docs["document"]), strict=True))
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
        "Network formats (GraphML, GEXF, CSV) hold entities and their relations, with "
        "labels and classes as attributes; RDF formats hold every triple."
    )
    if st.button("准备下载 / Prepare download", key="export_prepare", type="primary"):
        try:
            data = _export(store_location(), fmt, document)
        except LookupError as err:
            st.error(f"{md_literal(err)}. Pick another document or format.")
            return
        name, ext, mime = FORMAT_NAMES[fmt]
        stem = document.rsplit("/", 1)[-1] if document else "edukg"
        st.download_button(
            f"⬇ {name} ({len(data):,} bytes)", data, f"{stem}.{ext}", mime, key="export_download"
        )


def selection_export() -> None:
    outcome = st.session_state.get("sparql_outcome")
    result = outcome["result"] if outcome else None
    if result is None or isinstance(result, bool):
        st.info(
            "Run a SELECT, CONSTRUCT or DESCRIBE query on the SPARQL page first; its result "
            "can then be exported here."
        )
        return
    if isinstance(result, QueryResult):
        st.write(f"{len(result):,} rows from the last query")
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
        st.write(f"{len(result):,} triples from the last query")
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


if __name__ == "__main__":
    render()
