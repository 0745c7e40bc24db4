"""Lineage: one programme family across jurisdictions and years, as a table, a graph and a diff."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from app_views.common import (
    TTL,
    app_query,
    draw_graph,
    labels,
    legend,
    named_query,
    show_table,
    store,
    store_location,
)
from app_views.labels import header
from app_views.labels import relation as relation_name
from graph_store.app_queries import Neighbourhood, programme_target_texts


def render() -> None:
    st.title("项目沿袭 / Programme lineage")
    concepts = app_query("concepts")
    if concepts.empty:
        st.info(
            "数据库中没有项目家族(ProgramConcept):`edukg ingest` 会一并载入 ontology/programs.ttl "
            "/ No programme family (ProgramConcept) is in the store. Load ontology/programs.ttl "
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
        st.info(
            "该家族还没有地方项目,请换一个家族 / No local programme belongs to this family yet. "
            "Pick another family."
        )
        return
    st.subheader("辖区 × 年份 / Jurisdictions × years")
    targets = app_query("concept_targets", concept=concept)
    rows = rows.merge(targets[["program", "targets"]], on="program", how="left")
    table = rows.assign(
        cell=rows["program_name"].fillna("")
        + " — "
        + rows["components"].fillna("（无子项目 / no components）")
        + rows["targets"].map(
            lambda t: f" · 目标 / targets: {t}" if isinstance(t, str) and t else ""
        )
    )
    pivot = table.pivot_table(
        index="area_name",
        columns="year",
        values="cell",
        aggfunc=lambda v: " / ".join(v),
        fill_value="",
    )
    pivot.index.name = header("area_name")
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
        st.info(
            "只有一个辖区有该家族的项目,无可比较 / Only one jurisdiction has a programme of "
            "this family; nothing to compare."
        )
        return
    left, right = st.columns(2)
    first = left.selectbox("辖区 A / Jurisdiction A", jurisdictions, index=0, key="lineage_a")
    second = right.selectbox("辖区 B / Jurisdiction B", jurisdictions, index=1, key="lineage_b")
    if first == second:
        st.info("请选择两个不同的辖区 / Pick two different jurisdictions to compare.")
        return
    parts = app_query("lineage_components", concept=concept)
    earlier, later, why = direction(rows, first, second)
    st.caption(
        f"从 {earlier} 到 {later}({why[0]}):子项目按 implements / continues 链接、子家族、同名依次"
        f"对齐 / From {earlier} to {later} ({why[1]}): components are aligned by their "
        "implements or continues links, then by their own family, then by name; what "
        f"{later} adds, renames or drops is marked."
    )
    targets = component_targets(tuple(sorted(set(parts["component"].dropna()))))
    diff = component_diff(rows, parts, earlier, later, targets)
    if diff.empty:
        st.info(
            f"{earlier} 与 {later} 的项目都没有子项目,无可逐项比较 / Neither {earlier}'s nor "
            f"{later}'s programme has components to compare: the table above compares them whole."
        )
        return
    st.dataframe(diff, key="lineage_diff", hide_index=True)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def _component_targets(location: str, components: tuple[str, ...]) -> dict[str, str]:
    return programme_target_texts(store(), components)


def component_targets(components: tuple[str, ...]) -> dict[str, str]:
    """Return each component's targets (those stated in the sections that name it)."""
    return _component_targets(store_location(), components) if components else {}


def direction(rows: pd.DataFrame, first: str, second: str) -> tuple[str, str, tuple[str, str]]:
    """Return (earlier side, later side, why in Chinese and English) for two jurisdictions.

    The side whose programmes another's implement or continue comes first (a city's plan
    before the district plan that implements it); otherwise the earlier year; otherwise the
    order picked.
    """
    programmes = {
        area: set(rows.loc[rows["area_name"] == area, "program"]) for area in (first, second)
    }
    for a, b in ((first, second), (second, first)):
        for link in ("implements", "continues"):
            targets = set(rows.loc[rows["program"].isin(programmes[b]), link].dropna())
            if targets & programmes[a]:
                return a, b, (f"{b} {relation_name(link).split(' / ')[0]} {a}", f"{b} {link} {a}")
    years = {
        area: min(
            (y for y in rows.loc[rows["area_name"] == area, "year"] if isinstance(y, str)),
            default="",
        )
        for area in (first, second)
    }
    if years[first] and years[second] and years[first] != years[second]:
        a, b = sorted((first, second), key=lambda area: years[area])
        return a, b, (f"{years[a]} 年在前", f"{years[a]} comes first")
    return first, second, ("按所选顺序", "in the order picked")


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
    return " / ".join(relation_name(link) for link in sorted(found))


def component_diff(
    rows: pd.DataFrame,
    parts: pd.DataFrame,
    first: str,
    second: str,
    targets: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Return one row per aligned pair of components of two jurisdictions, and one per
    component only one side has, with each side's year and targets and what `second` (the
    later side) does with it: keeps, renames, adds or drops.

    Components are paired by an implements or continues link between them first, then by a
    shared component family (concept), then by an equal name; a pair whose names differ is a
    renaming. `rows` are programme_lineage's rows (program, area_name, year), `parts` the
    lineage_components rows, `targets` component IRI → its targets' text.
    """
    targets = targets or {}
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
    columns = [
        f"{first} 子项目 / components",
        f"{first} 年份 / year",
        f"{first} 目标 / targets",
        f"{second} 子项目 / components",
        f"{second} 年份 / year",
        f"{second} 目标 / targets",
        "对应依据 / matched by",
        "变化 / change",
    ]
    table = []
    for a, b, basis in pairs:
        if a is not None and b is not None:
            change = "保留 / kept" if a.name == b.name else "改名 / renamed"
        elif b is None:
            change = f"{second} 删去 / dropped by {second}"
        else:
            change = f"{second} 新增 / added by {second}"
        values = [
            a.name if a else "",
            a.year if a else "",
            targets.get(a.iri, "") if a else "",
            b.name if b else "",
            b.year if b else "",
            targets.get(b.iri, "") if b else "",
            basis,
            change,
        ]
        table.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(table, columns=columns)


if __name__ == "__main__":
    render()
