"""Programmes & schools: who takes part in what, with the sentence that says so."""

from __future__ import annotations

import streamlit as st

from app_views.common import (
    app_query,
    draw_graph,
    entity_picker,
    labels,
    legend,
    named_query,
    show_table,
)
from graph_store.app_queries import Neighbourhood


def render() -> None:
    st.title("项目与学校 / Programmes & schools")
    tab_programme, tab_school, tab_graph = st.tabs(
        ["项目 Programme", "学校 School", "项目–学校图 Programme–school graph"]
    )
    with tab_programme:
        programme_view()
    with tab_school:
        school_view()
    with tab_graph:
        bipartite_view()


def programme_view() -> None:
    programmes = app_query("programmes")
    if programmes.empty:
        st.info(
            "No programme has been extracted yet. Ingest documents that name one (…工程, …计划)."
        )
        return
    names = {
        r.program: f"{r.label} · {r.area_name or '?'} {r.year or ''}"
        for r in programmes.itertuples()
    }
    default = st.query_params.get("program")
    options = list(names)
    program = st.selectbox(
        "项目 / Programme",
        options,
        key="programme_pick",
        index=options.index(default) if default in options else 0,
        format_func=lambda iri: names[iri],
    )
    participants = named_query("programme_participants", program=program)
    st.markdown(f"**参与的学校与集团 / Schools and groups ({len(participants)})**")
    if participants.empty:
        st.caption("No school or group is linked to this programme.")
    else:
        show_table(participants[["participant", "role", "sentence"]], key="programme_participants")
    subs = app_query("programme_subprogrammes", program=program)
    st.markdown(f"**子项目 / Sub-programmes ({len(subs)})**")
    if not subs.empty:
        show_table(subs[["sub", "year"]], key="programme_subs")
    links = app_query("programme_links", program=program)
    if not links.empty:
        st.markdown("**沿袭 / Lineage links**")
        show_table(links[["relation", "other"]], key="programme_links")
    targets = app_query("programme_targets", program=program)
    st.markdown(f"**目标 / Targets ({len(targets)})**")
    if targets.empty:
        st.caption("No quantitative target of this jurisdiction is stated in its documents.")
    else:
        show_table(
            targets[["indicator", "value", "unit", "year", "document"]], key="programme_targets"
        )


def school_view() -> None:
    school = entity_picker(
        "学校 / School", "school_pick", ("School", "Campus"), default=st.query_params.get("school")
    )
    if school is None:
        st.info("Pick a school to see its programmes, groups, campuses and documents.")
        return
    links = app_query("school_links", school=school)
    for relation, title in [
        ("participatesIn", "项目 / Programmes"),
        ("memberOf", "所属集团 / Groups (member)"),
        ("leads", "领衔 / Leads"),
        ("campus", "校区 / Campuses"),
        ("campusOf", "主校 / Campus of"),
        ("locatedIn", "所在地 / Located in"),
    ]:
        part = links[links["relation"] == relation]
        if not part.empty:
            st.markdown(f"**{title} ({len(part)})**")
            show_table(part[["other"]].drop_duplicates(), key=f"school_{relation}")
    if links.empty:
        st.caption("No programme, group or campus is linked to this school.")
    documents = app_query("entity_documents", entity=school)
    st.markdown(f"**提及该校的文件 / Documents that name it ({len(documents)})**")
    if not documents.empty:
        show_table(documents[["document", "title", "issued"]], key="school_documents")


def bipartite_view() -> None:
    edges = app_query("programme_school_edges")
    if edges.empty:
        st.info("No school or group takes part in a programme yet.")
        return
    pairs = [
        (s, r, p)
        for s, r, p in zip(edges["school"], edges["relation"], edges["program"], strict=True)
    ]
    info = labels([n for s, _, p in pairs for n in (s, p)])
    graph = Neighbourhood(nodes=info, edges=pairs)
    legend({n.cls for n in info.values()})
    draw_graph(graph, key="programme_school_graph", height=480)
    st.dataframe(
        edges[["school_label", "relation", "program_label"]],
        key="programme_school_table",
        hide_index=True,
    )


if __name__ == "__main__":
    render()
