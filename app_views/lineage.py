"""Lineage: one programme family across jurisdictions and years, as a table, a graph and a diff."""

from __future__ import annotations

from dataclasses import dataclass

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
    parts = app_query("lineage_components", concept=concept)
    st.caption(
        "子项目按 implements / continues 链接、子家族、同名依次对齐 / Components are aligned by "
        "their implements or continues links, then by their own family, then by name."
    )
    st.dataframe(component_diff(rows, parts, first, second), key="lineage_diff", hide_index=True)


@dataclass(frozen=True)
class Component:
    """One component of a jurisdiction's programme, with what can align it to another's."""

    iri: str
    name: str
    year: str
    concept: str
    linked: frozenset[tuple[str, str]]  # (link, other component's IRI)


def _components(rows: pd.DataFrame, parts: pd.DataFrame, area: str) -> list[Component]:
    years = {
        r.program: r.year if isinstance(r.year, str) else ""
        for r in rows.itertuples()
        if r.area_name == area
    }
    mine = parts[parts["program"].isin(years)]
    out = []
    for iri, group in mine.groupby("component", sort=False):
        names = sorted(n for n in group["component_name"].dropna().unique() if n)
        concepts = sorted(c for c in group["component_concept"].dropna().unique() if c)
        links = group.dropna(subset=["linked"])
        out.append(
            Component(
                str(iri),
                names[0] if names else str(iri).rsplit("/", 1)[-1],
                str(years[group["program"].iloc[0]]),
                concepts[0] if concepts else "",
                frozenset(zip(links["link"], links["linked"], strict=True)),
            )
        )
    return sorted(out, key=lambda c: (c.name, c.iri))


def _match(a: Component, b: Component, basis: str) -> bool:
    if basis == "link":
        return any(other == b.iri for _, other in a.linked) or any(
            other == a.iri for _, other in b.linked
        )
    if basis == "concept":
        return bool(a.concept) and a.concept == b.concept
    return a.name == b.name


def _link_name(a: Component, b: Component) -> str:
    found = {link for link, other in a.linked if other == b.iri}
    found |= {link for link, other in b.linked if other == a.iri}
    return " / ".join(sorted(found))


def component_diff(
    rows: pd.DataFrame, parts: pd.DataFrame, first: str, second: str
) -> pd.DataFrame:
    """Return one row per aligned pair of components of two jurisdictions, and one per
    component only one side has.

    Components are paired by an implements or continues link between them first, then by a
    shared component family (concept), then by an equal name; a pair whose names differ is a
    renaming. `rows` are programme_lineage's rows (program, area_name, year), `parts` the
    lineage_components rows.
    """
    left, right = _components(rows, parts, first), _components(rows, parts, second)
    labels = {"link": "", "concept": "同一子家族 / same family", "name": "同名 / same name"}
    pairs: list[tuple[Component | None, Component | None, str]] = []
    for basis in ("link", "concept", "name"):
        for a in list(left):
            b = next((b for b in right if _match(a, b, basis)), None)
            if b is None:
                continue
            pairs.append((a, b, _link_name(a, b) if basis == "link" else labels[basis]))
            left.remove(a)
            right.remove(b)
    pairs += [(a, None, "") for a in left] + [(None, b, "") for b in right]
    columns = [first, f"{first} 年份 / year", second, f"{second} 年份 / year"]
    table = []
    for a, b, basis in pairs:
        if a is not None and b is not None:
            status = "两地都有 / both" if a.name == b.name else "改名 / renamed"
        else:
            status = f"仅 {first} / only {first}" if b is None else f"仅 {second} / only {second}"
        table.append(
            {
                columns[0]: a.name if a else "",
                columns[1]: a.year if a else "",
                columns[2]: b.name if b else "",
                columns[3]: b.year if b else "",
                "对应依据 / matched by": basis,
                "状态 / status": status,
            }
        )
    return pd.DataFrame(table, columns=[*columns, "对应依据 / matched by", "状态 / status"])


if __name__ == "__main__":
    render()
