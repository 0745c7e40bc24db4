"""Resource: every statement about one IRI, out and in, with labels, its evidence sentences and
its documents: the page a link to an entity opens, in the same browser tab."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from app_views.common import app_query, document_url, explorer_url, labels, resource_url
from app_views.labels import prefixed
from app_views.literal import html_block, html_literal, md_literal
from graph_store.app_queries import NodeInfo, local_name
from ontology.namespace import EKGID_BASE

# Rows drawn per direction: a hub (an area named in every document) has thousands.
SHOWN = 300


def _link(iri: str, info: dict[str, NodeInfo]) -> str:
    """Return an HTML link to the resource page, shown as the IRI's caption, same tab."""
    # An entity by what it is called; a term of a vocabulary (a property, a class) prefixed.
    # A node with neither a label nor a class of ours (an inferred link's reified statement) is
    # shown prefixed, never by the hash that ends its IRI.
    node = info.get(iri)
    named = node is not None and (node.cls or node.label != local_name(iri))
    text = node.caption() if named and iri.startswith(EKGID_BASE) else prefixed(iri)
    return f"<a href='{html.escape(resource_url(iri))}' target='_self'>{html_literal(text)}</a>"


def _value(value: str, info: dict[str, NodeInfo]) -> str:
    if value.startswith(("http://", "https://")):
        return _link(value, info)
    return html_literal(value)


def _table(rows: list[tuple[str, str]], headers: tuple[str, str]) -> str:
    """Return rows of ready HTML cells as one HTML table (a one-block st.markdown)."""
    head = "".join(f"<th style='text-align:left'>{html_literal(h)}</th>" for h in headers)
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return f"<table style='width:100%'><tr>{head}</tr>{body}</table>"


def render() -> None:
    st.title("资源 / Resource")
    url_iri = st.query_params.get("iri", "")
    # A link followed in this session (from this very page too) shows its IRI, though the box
    # already holds one: the keyed text_input reads its value from the session state only (a
    # `value` as well makes Streamlit warn).
    if url_iri and st.session_state.get("resource_from_url") != url_iri:
        st.session_state["resource_from_url"] = url_iri
        st.session_state["resource_iri"] = url_iri
    st.session_state.setdefault("resource_iri", url_iri)
    iri = st.text_input("IRI", key="resource_iri").strip()
    if not iri:
        st.info(
            "从应用中的任一链接打开资源,或在上方粘贴 IRI / Open a resource from any link in "
            "the app, or paste an IRI above."
        )
        return
    if not iri.startswith(("http://", "https://")):
        st.error("An IRI starts with http:// or https:// / IRI 须以 http:// 或 https:// 开头")
        return
    out = app_query("resource_out", resource=iri)
    into = app_query("resource_in", resource=iri)
    evidence = app_query("entity_evidence", entity=iri)
    if out.empty and into.empty and evidence.empty:
        st.warning(f"图中没有这个资源 / The graph says nothing about {md_literal(iri)}.")
        return
    shown_out, shown_in = out.head(SHOWN), into.head(SHOWN)
    iris = [iri, *shown_in["subject"], *shown_out["property"], *shown_in["property"]]
    iris += [v for v in shown_out["value"] if isinstance(v, str) and v.startswith("http")]
    info = labels(iris)
    st.markdown(
        html_block(info[iri].caption(), "font-size:1.4rem;font-weight:600"), unsafe_allow_html=True
    )
    st.code(f"{prefixed(iri)}\n{iri}", language=None)
    st.markdown(
        f"<a href='{html.escape(explorer_url(iri, info[iri].label))}' target='_self'>"
        "在图谱中浏览 / Open in the graph explorer</a>",
        unsafe_allow_html=True,
    )
    st.subheader(f"陈述 / Statements about it ({len(out)})")
    rows = [
        (_link(p, info), _value(v, info))
        for p, v in zip(shown_out["property"], shown_out["value"], strict=True)
    ]
    st.markdown(_table(rows, ("属性 / property", "值 / value")), unsafe_allow_html=True)
    _more(len(out))
    st.subheader(f"指向它的陈述 / Statements pointing to it ({len(into)})")
    rows = [
        (_link(s, info), _link(p, info))
        for s, p in zip(shown_in["subject"], shown_in["property"], strict=True)
    ]
    if rows:
        st.markdown(_table(rows, ("主语 / subject", "属性 / property")), unsafe_allow_html=True)
    _more(len(into))
    st.subheader(f"证据句 / Evidence sentences ({len(evidence)})")
    _evidence(evidence)
    documents = app_query("entity_documents", entity=iri)
    st.subheader(f"来源文件 / Its documents ({len(documents)})")
    _documents(documents)


def _more(total: int) -> None:
    if total > SHOWN:
        st.caption(
            f"仅显示前 {SHOWN} 条,SPARQL 页可列出全部 / The first {SHOWN} of {total} are "
            "shown; the SPARQL page lists them all."
        )


def _documents(documents: pd.DataFrame) -> None:
    """List the documents that mention the resource: title (to the reader), issued date."""
    if documents.empty:
        st.caption("没有文件提到它 / No document mentions it.")
        return
    titles = labels(documents["document"].tolist())  # a document without a title: its file
    lines = []
    for r in documents.head(SHOWN).itertuples():
        title = r.title if isinstance(r.title, str) and r.title else titles[r.document].label
        issued = f" · {html_literal(r.issued)}" if isinstance(r.issued, str) and r.issued else ""
        link = html.escape(document_url(r.document, title))
        lines.append(f"<li><a href='{link}' target='_self'>{html_literal(title)}</a>{issued}</li>")
    st.markdown(f"<ul>{''.join(lines)}</ul>", unsafe_allow_html=True)
    _more(len(documents))


def _evidence(evidence: pd.DataFrame) -> None:
    if evidence.empty:
        st.caption("没有文件中的句子提到它 / No sentence of a document names it.")
        return
    titles = labels(evidence["document"].dropna().unique().tolist())
    lines = []
    for r in evidence.head(SHOWN).itertuples():
        # A document without a title (an interview) reads by its file, never by its IRI.
        title = r.title if isinstance(r.title, str) and r.title else titles[r.document].label
        link = html.escape(document_url(r.document, title))
        lines.append(
            f"<li>{html_literal(r.quote or '')} — <a href='{link}' target='_self'>"
            f"{html_literal(title)}</a></li>"
        )
    st.markdown(f"<ul>{''.join(lines)}</ul>", unsafe_allow_html=True)
    _more(len(evidence))


if __name__ == "__main__":
    render()
