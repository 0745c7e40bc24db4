"""Programmes & schools: who takes part in what, with the sentence that says so."""

from __future__ import annotations

from collections.abc import Iterable

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
from app_views.labels import relation as relation_name
from app_views.literal import md_literal
from graph_store.app_queries import Neighbourhood, NodeInfo, where_when


def render() -> None:
    st.title("项目与学校 / Programmes & schools")
    # Picked views, not st.tabs: a graph drawn in a hidden tab stays collapsed in a corner.
    views = ["项目 Programme", "学校 School", "项目–学校图 Programme–school graph"]
    opened = 1 if st.query_params.get("school") and not st.query_params.get("program") else 0
    view = st.radio(
        "视图 / View",
        views,
        index=opened,
        horizontal=True,
        key="programmes_view",
        label_visibility="collapsed",
    )
    if view == views[0]:
        programme_view()
    elif view == views[1]:
        school_view()
    else:
        bipartite_view()


def programme_view() -> None:
    programmes = app_query("programmes")
    if programmes.empty:
        st.info(
            "还没有抽取到项目,请导入提到项目的文件 / No programme has been extracted yet. Ingest "
            "documents that name one (…工程, …计划)."
        )
        return
    counts = app_query("programme_participant_counts")
    taking_part = dict(zip(counts["program"], counts["participants"].astype(int), strict=True))
    # label · class · jurisdiction · year, as everywhere, and how many take part.
    names = {
        r.program: f"{NodeInfo(r.program, r.label or '', 'Program', where_when(r.area_name, r.year)).caption()}"
        f" · {taking_part.get(r.program, 0)} 参与 / taking part"
        for r in programmes.itertuples()
    }
    default = st.query_params.get("program")
    # The programme with most schools and groups first: the page opens on one that shows links.
    options = sorted(names, key=lambda iri: -taking_part.get(iri, 0))
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
        st.caption("没有学校或集团与该项目相连 / No school or group is linked to this programme.")
    else:
        show_table(participants[["participant", "role"]], key="programme_participants")
        show_sentences(
            (f"{r.participant_name or ''} ({relation_name(r.role)})", r.sentence)
            for r in participants.itertuples()
        )
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
        st.caption(
            "No quantitative target is stated in the sections that name this programme / "
            "提及该项目的段落中没有量化目标。"
        )
    else:
        show_table(
            targets[["indicator", "value", "unit", "year", "document"]], key="programme_targets"
        )
        show_sentences(
            (f"{r.indicator} {r.value}{r.unit or ''}", r.sentence) for r in targets.itertuples()
        )


def school_view() -> None:
    school = entity_picker(
        "学校 / School", "school_pick", ("School", "Campus"), default=st.query_params.get("school")
    )
    if school is None:
        st.info(
            "选择一所学校,查看其项目、集团、校区与文件 / Pick a school to see its programmes, "
            "groups, campuses and documents."
        )
        return
    links = app_query("school_links", school=school)
    for relation, title in [
        ("participatesIn", "项目 / Programmes"),
        ("memberOf", "所属集团 / Groups (member)"),
        ("inDistrict", "所属学区 / School districts"),
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
        st.caption(
            "没有项目、集团或校区与该校相连 / No programme, group or campus is linked to this school."
        )
    documents = app_query("entity_documents", entity=school)
    st.markdown(f"**提及该校的文件 / Documents that name it ({len(documents)})**")
    if not documents.empty:
        show_table(documents[["document", "title", "issued"]], key="school_documents")
    # One line per sentence: two mentions of the school in one sentence are one line.
    sentences = app_query("entity_evidence", entity=school).drop_duplicates(["document", "quote"])
    st.markdown(f"**提及该校的句子 / Sentences that name it ({len(sentences)})**")
    show_sentences((r.title or "", r.quote) for r in sentences.itertuples())
    # Programmes named in the same sentences: the documents' own word for what the school is
    # part of, where no participatesIn link was extracted.
    together = app_query("co_mentioned_programmes", entity=school)
    if not together.empty:
        st.markdown(f"**同句提及的项目 / Programmes named in its sentences ({len(together)})**")
        show_table(together[["program", "sentences"]], key="school_programmes_named")


def show_sentences(rows: Iterable[tuple[str, object]]) -> None:
    """Show each (label, sentence) in full, one per line: a table cell cuts a sentence off."""
    lines = [
        f"- **{md_literal(label)}** {md_literal(sentence)}"
        for label, sentence in rows
        if isinstance(sentence, str) and sentence
    ]
    if lines:
        with st.expander("完整句子 / Full sentences", expanded=True):
            st.markdown("\n".join(lines))


def bipartite_view() -> None:
    edges = app_query("programme_school_edges")
    if edges.empty:
        st.info("还没有学校或集团参与项目 / No school or group takes part in a programme yet.")
        return
    pairs = [
        (s, r, p)
        for s, r, p in zip(edges["school"], edges["relation"], edges["program"], strict=True)
    ]
    info = labels([n for s, _, p in pairs for n in (s, p)])
    graph = Neighbourhood(nodes=info, edges=pairs)
    legend({n.cls for n in info.values()})
    draw_graph(graph, key="programme_school_graph", height=480)
    show_table(edges[["school", "relation", "program"]], key="programme_school_table")


if __name__ == "__main__":
    render()
