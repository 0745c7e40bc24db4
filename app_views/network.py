"""Network analysis: centralities, communities and shortest paths of the programme–school–group
network, filtered by jurisdiction, year and class; the table downloads as CSV."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from app_views.common import TTL, class_label, draw_graph, store, store_generation, store_location
from app_views.labels import prefixed
from app_views.literal import html_literal, md_literal
from graph_store.analysis import (
    NETWORK_CLASSES,
    Analysis,
    NetworkData,
    build_network,
    fetch_network_data,
    metrics,
    path_links,
    resolve_area,
    shortest_path,
)
from graph_store.app_queries import Neighbourhood, NodeInfo, where_when
from graph_store.protocol import GraphStore

ALL = ""
RELATION_NAMES = {
    "participatesIn": "参与 participates in",
    "leads": "领衔 leads",
    "memberOf": "成员校 member of",
    "inDistrict": "所属学区 in district",
    "campusOf": "校区所属 campus of",
    "partOf": "隶属 part of",
}
HEADERS = {
    "label": "名称 Name",
    "class": "类别 Class",
    "jurisdiction": "辖区 Jurisdiction",
    "year": "年份 Year",
    "degree": "度 Degree",
    "betweenness": "介数中心性 Betweenness",
    "eigenvector": "特征向量中心性 Eigenvector",
    "community": "社区 Community",
    "iri": "IRI",
}
# Colour-blind-safe qualitative palette (Okabe–Ito, then Tableau 10) for the largest communities.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#9C755F",
)
OTHER_COLOUR = "#BBBBBB"
MAX_DRAWN = 400
COMPUTE_AT_ONCE = 2000  # nodes: a larger network is analysed when asked (about 1 s per 1 000)


@st.cache_data(ttl=TTL, max_entries=4, show_spinner=False)
def _data(_store: GraphStore, location: str) -> NetworkData:
    return fetch_network_data(_store)


@st.cache_data(ttl=TTL, max_entries=64, show_spinner="计算中 / computing…")
def _analysis(
    _store: GraphStore,
    location: str,
    area: str,
    year: int | None,
    classes: tuple[str, ...],
    merge: bool,
) -> Analysis:
    areas = resolve_area(_store, area) if area else None
    data = _data(_store, location)
    return metrics(build_network(data, areas, year, classes, merge))


def community_colour(number: int) -> str:
    """Return the colour of community `number` (1 is the largest); grey past the palette.

    >>> community_colour(1), community_colour(99)
    ('#0072B2', '#BBBBBB')
    """
    return PALETTE[number - 1] if 1 <= number <= len(PALETTE) else OTHER_COLOUR


def render() -> None:
    st.title("网络分析 / Network analysis")
    st.caption(
        "学校、校区、教育集团、学区与项目之间的网络（参与、领衔、成员校、所属学区、校区所属、子项目）/ "
        "The network of schools, campuses, education groups, school districts and programmes "
        "(participates in, leads, member of, in district, campus of, part of)."
    )
    data = _data(store(), store_location())
    if not data.labels:
        st.info(
            "库中还没有学校、集团或项目 / No school, group or programme is in the store yet. "
            "Ingest documents on the Documents page or with `edukg ingest`."
        )
        return
    area, year, classes, merge = filters(data)
    if not classes:
        st.info("请至少选择一个类别 / Choose at least one class.")
        return
    key = (area, year, tuple(classes), merge)
    if not _computed(key):
        return
    result = _analysis(store(), store_location(), *key)
    table = result.table
    for note in result.notes:
        st.warning(md_literal(note))
    graph = result.graph
    communities = table["community"].nunique() if len(table) else 0
    a, b, c = st.columns(3)
    a.metric("节点 / Nodes", f"{graph.number_of_nodes():,}")
    b.metric("连接 / Links", f"{graph.number_of_edges():,}")
    c.metric("社区 / Communities", f"{communities:,}")
    if table.empty:
        st.info("筛选后没有节点 / No node matches these filters. Choose another area or year.")
        return
    metrics_table(table)
    path = path_finder(result)
    network_drawing(result, set(path or []))


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def _size(
    _store: GraphStore,
    location: str,
    area: str,
    year: int | None,
    classes: tuple[str, ...],
    merge: bool,
) -> tuple[int, int]:
    areas = resolve_area(_store, area) if area else None
    graph = build_network(_data(_store, location), areas, year, classes, merge)
    return graph.number_of_nodes(), graph.number_of_edges()


def _computed(key: tuple) -> bool:
    """Whether to show the analysis of the network `key` filters: at once for a network up to
    COMPUTE_AT_ONCE nodes, else once asked for (centralities and communities of 9 000 nodes take
    about 10 s: the page opens with the filters and the network's size instead)."""
    nodes, links = _size(store(), store_location(), *key)
    asked = st.session_state.setdefault("network_asked", [])
    # A bound in the session, so a test can lower it; an answer holds for this store state only.
    at_once = st.session_state.get("network_compute_at_once", COMPUTE_AT_ONCE)
    if nodes <= at_once or (store_generation(), key) in asked:
        return True
    a, b = st.columns(2)
    a.metric("节点 / Nodes", f"{nodes:,}")
    b.metric("连接 / Links", f"{links:,}")
    st.info(
        f"这个网络有 {nodes:,} 个节点:计算中心性与社区约需数秒,或先选一个辖区或年份 / "
        f"Centralities and communities of {nodes:,} nodes take a few seconds: compute them, "
        "or narrow the network to a jurisdiction or year first."
    )
    if st.button("计算 / Compute", key="network_compute", type="primary"):
        asked.append((store_generation(), key))
        return True
    return False


def filters(data: NetworkData) -> tuple[str, int | None, list[str], bool]:
    """Draw the filters; return (area IRI or '', year or None, classes, merge aliases)."""
    # Offer each area that holds a node itself or through an area within it, as a tree.
    todo = [a for node in data.labels for a in data.areas(node)]
    offered: set[str] = set()
    while todo:
        area = todo.pop()
        if area not in offered:
            offered.add(area)
            todo.extend(data.area_parents.get(area, ()))
    offered &= set(data.area_labels)
    area_names = area_tree(data, offered)
    years = sorted({y for node in data.labels for y in data.years(node)}, reverse=True)
    left, middle, right = st.columns([2, 1, 3])
    area = left.selectbox(
        "辖区（含下级）/ Jurisdiction (with the areas within it)",
        [ALL, *area_names],
        key="network_area",
        format_func=lambda a: area_names.get(a, "全部 / all"),
    )
    year_text = middle.selectbox(
        "年份 / Year",
        [ALL, *(str(y) for y in years)],
        key="network_year",
        format_func=lambda y: y or "全部 / all",
    )
    classes = right.multiselect(
        "类别 / Classes",
        list(NETWORK_CLASSES),
        default=list(NETWORK_CLASSES),
        key="network_classes",
        format_func=class_label,
        placeholder="选择类别 / choose classes",
    )
    merge = st.checkbox(
        "简称与全称视为同一学校（owl:sameAs）/ Short and full forms of a school as one node",
        value=True,
        key="network_merge",
    )
    return area, int(year_text) if year_text else None, classes, merge


def area_tree(data: NetworkData, offered: set[str]) -> dict[str, str]:
    """Return {area IRI: name indented by depth}, each area after the area it is part of."""
    children: dict[str, list[str]] = {}
    roots = []
    for area in offered:
        parents = data.area_parents.get(area, set()) & offered
        for parent in parents:
            children.setdefault(parent, []).append(area)
        if not parents:
            roots.append(area)
    names: dict[str, str] = {}

    def visit(area: str, depth: int) -> None:
        if area in names:
            return
        names[area] = "\u3000" * depth + data.area_labels[area]
        for child in sorted(children.get(area, []), key=lambda a: (data.area_labels[a], a)):
            visit(child, depth + 1)

    for root in sorted(roots, key=lambda a: (data.area_labels[a], a)):
        visit(root, 0)
    for area in sorted(offered - set(names)):  # areas in a partOf cycle have no root
        visit(area, 0)
    return names


def metrics_table(table: pd.DataFrame) -> None:
    """The figures, one row per node, sortable, with a CSV download of the raw columns."""
    st.subheader("中心性与社区 / Centrality and communities")
    shown = table[list(HEADERS)].assign(
        **{
            "class": table["class"].map(class_label),
            "jurisdiction": table["jurisdiction"].replace("", "—"),
            "year": table["year"].replace("", "—"),
            "iri": table["iri"].map(prefixed),  # the CSV keeps the whole IRI
        }
    )
    st.dataframe(
        shown.rename(columns=HEADERS),
        key="network_table",
        hide_index=True,
        column_config={
            HEADERS["betweenness"]: st.column_config.NumberColumn(format="%.4f"),
            HEADERS["eigenvector"]: st.column_config.NumberColumn(format="%.4f"),
        },
    )
    st.caption(
        "度：直接相连的节点数；介数：经过该节点的最短路径比例；特征向量中心性按连通分量计算（孤立节点为 0）；"
        "社区：Louvain 算法（固定随机种子，结果可复现），按规模编号。 / Degree: nodes linked to it; "
        "betweenness: share of shortest paths through it; eigenvector centrality is computed per "
        "connected component (0 for an isolated node); communities: Louvain with a fixed seed "
        "(reproducible), numbered by size."
    )
    st.download_button(
        "下载 CSV / Download CSV",
        table.to_csv(index=False).encode("utf-8"),
        "network_metrics.csv",
        "text/csv",
        key="network_csv",
    )


def _info(graph: nx.Graph, node: str) -> NodeInfo:
    attrs = graph.nodes[node]
    area, year = str(attrs["jurisdiction"] or ""), str(attrs["year"] or "")
    return NodeInfo(node, attrs["label"], attrs["class"], where_when(area, year), area, year)


def path_finder(result: Analysis) -> list[str] | None:
    """Two node pickers and the shortest path between them, link by link; returns the path."""
    st.subheader("最短路径 / Shortest path")
    graph = result.graph
    names = {n: _info(graph, n).caption() for n in graph.nodes}
    options = sorted(names, key=lambda n: (names[n], n))
    left, right = st.columns(2)
    source = left.selectbox(
        "起点 / From",
        options,
        index=None,
        key="network_from",
        format_func=names.get,
        placeholder="选择节点 / choose a node",
    )
    target = right.selectbox(
        "终点 / To",
        options,
        index=None,
        key="network_to",
        format_func=names.get,
        placeholder="选择节点 / choose a node",
    )
    if source is None or target is None:
        st.caption("选择两个节点以查看它们之间的最短路径 / Pick two nodes to see how they connect.")
        return None
    path = shortest_path(graph, source, target)
    if path is None:
        st.info(
            "这两个节点之间没有路径（不在同一连通分量）/ No path joins these two nodes: they are "
            "in different components of the network."
        )
        return None
    steps = [
        f"{i}. **{md_literal(graph.nodes[s]['label'])}** —{RELATION_NAMES.get(r, r)}→ "
        f"**{md_literal(graph.nodes[t]['label'])}**"
        for i, (s, r, t) in enumerate(path_links(graph, path), 1)
    ]
    st.markdown(
        f"**{len(path) - 1} 步 / steps**: "
        + " → ".join(md_literal(graph.nodes[n]["label"]) for n in path)
        + ("\n\n" + "\n".join(steps) if steps else "")
    )
    return path


def network_drawing(result: Analysis, highlight: set[str]) -> None:
    """The network coloured by community; the path found above is drawn in bold."""
    st.subheader("网络图（按社区着色）/ The network, coloured by community")
    graph = result.graph
    community = dict(zip(result.table["iri"], result.table["community"], strict=True))
    hide_isolated = st.checkbox(
        "图中隐藏孤立节点 / Hide isolated nodes in the drawing", value=True, key="network_isolated"
    )
    nodes = [n for n in graph.nodes if not hide_isolated or graph.degree(n) > 0]
    if len(nodes) > MAX_DRAWN:
        ranked = result.table[result.table["iri"].isin(nodes)]["iri"].tolist()
        nodes = ranked[:MAX_DRAWN]
        st.caption(
            f"只画出度最高的 {MAX_DRAWN} 个节点，表格包含全部 / Drawing the {MAX_DRAWN} nodes of "
            "highest degree; the table holds them all."
        )
    if not nodes:
        st.info("没有相连的节点可画 / No linked nodes to draw.")
        return
    kept = set(nodes)
    drawing = Neighbourhood(
        nodes={n: _info(graph, n) for n in nodes},
        edges=[
            (s, RELATION_NAMES.get(r, r), t)
            for a, b, links in graph.edges(data="links")
            if a in kept and b in kept
            for s, r, t in links
        ],
    )
    draw_graph(
        drawing,
        key="network_graph",
        height=560,
        highlight=highlight & kept,
        colours={n: community_colour(community[n]) for n in nodes},
    )
    sizes = pd.Series([community[n] for n in nodes]).value_counts().sort_index()
    chips = " ".join(
        f"<span style='display:inline-block;margin-right:12px'><span style='display:inline-block;"
        f"width:11px;height:11px;border-radius:6px;background:{community_colour(int(c))};"
        f"margin-right:4px'></span>{html_literal(f'社区 Community {c} ({n})')}</span>"
        for c, n in sizes.items()
        if int(c) <= len(PALETTE)
    )
    if len(sizes) > len(PALETTE):
        chips += (
            f" <span style='color:{OTHER_COLOUR}'>● "
            f"{html_literal('其他社区 / other communities')}</span>"
        )
    st.markdown(chips, unsafe_allow_html=True)


if __name__ == "__main__":
    render()
