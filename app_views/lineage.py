"""Lineage: one programme family across jurisdictions and years, as a table, a graph and a diff."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_views.common import app_query, draw_graph, labels, legend, named_query, show_table
from graph_store.app_queries import Neighbourhood


def render() -> None:
    st.title("项目沿袭 / Programme lineage")
    concepts = app_query("concepts")
    if concepts.empty:
        st.info(
            "No programme family (ProgramConcept) is in the store. Load ontology/programs.ttl "
            "with `edukg ingest`, which loads the concept scheme too."
        )
        return
    names = {r.concept: f"{r.label or r.concept} ({r.programmes})" for r in concepts.itertuples()}
    options = list(names)
    default = st.query_params.get("concept")
    concept = st.selectbox(
        "项目家族 / Programme family",
        options,
        key="lineage_concept",
        index=options.index(default) if default in options else 0,
        format_func=lambda iri: names[iri],
    )
    rows = named_query("programme_lineage", concept=concept)
    if rows.empty:
        st.info("No local programme belongs to this family yet. Pick another family.")
        return
    st.subheader("辖区 × 年份 / Jurisdictions × years")
    targets = app_query("concept_targets", concept=concept)
    rows = rows.merge(targets[["program", "targets"]], on="program", how="left")
    table = rows.assign(
        cell=rows["program_name"].fillna("")
        + " — "
        + rows["components"].fillna("（无子项目）")
        + rows["targets"].map(lambda t: f" · 目标: {t}" if isinstance(t, str) and t else "")
    )
    pivot = table.pivot_table(
        index="area_name",
        columns="year",
        values="cell",
        aggfunc=lambda v: " / ".join(v),
        fill_value="",
    )
    st.dataframe(pivot, key="lineage_pivot")
    with st.expander("每个项目的详情 / Each programme, with evidence", expanded=False):
        show_table(
            rows[
                [
                    "program",
                    "area_name",
                    "year",
                    "components",
                    "implements",
                    "continues",
                    "targets",
                    "documents",
                ]
            ],
            key="lineage_rows",
        )
    st.subheader("沿袭图 / Lineage graph")
    edges = app_query("lineage_edges", concept=concept)
    pairs = [
        (s, r, t)
        for s, r, t in zip(edges["source"], edges["relation"], edges["target"], strict=True)
    ]
    programmes = rows["program"].tolist()
    areas = rows.dropna(subset=["area"])
    pairs += [(p, "jurisdiction", a) for p, a in zip(areas["program"], areas["area"], strict=True)]
    jurisdictions_here = set(areas["area"])
    parents = app_query("area_parents")
    pairs += [
        (a, "partOf", b)
        for a, b in zip(parents["area"], parents["parent"], strict=True)
        if a in jurisdictions_here and b in jurisdictions_here
    ]
    info = labels(programmes + [n for s, _, t in pairs for n in (s, t)])
    for iri, row in zip(rows["program"], rows.itertuples(), strict=True):
        node = info[iri]
        info[iri] = type(node)(
            iri, f"{row.area_name or ''} {row.year or ''} {node.label}", node.cls
        )
    legend({n.cls for n in info.values()})
    draw_graph(Neighbourhood(nodes=info, edges=pairs), key="lineage_graph", height=460)
    st.subheader("逐项比较 / Compare two jurisdictions, component by component")
    jurisdictions = sorted(set(rows["area_name"].dropna()))
    if len(jurisdictions) < 2:
        st.info("Only one jurisdiction has a programme of this family; nothing to compare.")
        return
    left, right = st.columns(2)
    first = left.selectbox("辖区 A / Jurisdiction A", jurisdictions, index=0, key="lineage_a")
    second = right.selectbox("辖区 B / Jurisdiction B", jurisdictions, index=1, key="lineage_b")
    if first == second:
        st.info("Pick two different jurisdictions to compare.")
        return
    st.dataframe(component_diff(rows, first, second), key="lineage_diff", hide_index=True)


def component_diff(rows: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Return one row per component name: whether each jurisdiction has it."""

    def components(area: str) -> set[str]:
        values = rows.loc[rows["area_name"] == area, "components"].dropna()
        return {c for v in values for c in v.split("、") if c}

    a, b = components(first), components(second)
    return pd.DataFrame(
        [
            {
                "component": c,
                first: "✓" if c in a else "",
                second: "✓" if c in b else "",
                "status": "both"
                if c in a and c in b
                else f"only {first}"
                if c in a
                else f"only {second}",
            }
            for c in sorted(a | b)
        ],
        columns=["component", first, second, "status"],
    )


if __name__ == "__main__":
    render()
