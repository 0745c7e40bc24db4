"""Graph explorer: find an entity, draw its neighbourhood, click a node for its evidence."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable

import streamlit as st

from app_views.common import (
    app_query,
    class_label,
    draw_graph,
    labels,
    legend,
    search_index,
    show_table,
    store,
    store_location,
)
from app_views.labels import prefixed, relation
from app_views.literal import md_literal
from app_views.nav import page_link
from graph_store.app_queries import CLASS_ORDER, RELATIONS, Neighbourhood, NodeInfo, neighbourhood

# A summary node stands for the neighbours of one hub that are not drawn: "more:<hub IRI>".
MORE = "more:"
HUB_CAP = 12  # neighbours drawn per node unless the reader expands it
DRAWN_NODES = 60  # nodes drawn in all (besides expanded hubs' neighbours), nearest first


def cap_hubs(
    graph: Neighbourhood,
    centres: Iterable[str],
    cap: int,
    expanded: Iterable[str] = (),
    budget: int = DRAWN_NODES,
) -> Neighbourhood:
    """Return `graph` with at most `cap` new neighbours drawn per node, plus one summary node.

    Walked breadth-first from the centres: each node shows the `cap` most connected of the
    neighbours not drawn yet (degree in the walked graph, then label), and one node "+K 更多"
    (`MORE` + its IRI) for the other K, whose own neighbourhoods are left out unless another
    drawn node leads to them; past `budget` nodes, nodes further out draw only their summary.
    Nodes in `expanded` show all theirs. At depth 3 a hub area (an area every school is located
    in) drew 175-366 nodes on the bundled corpus; this keeps any depth readable.

    >>> nodes = {i: NodeInfo(i, i, "School") for i in ["c", "a", "b", "d"]}
    >>> edges = [("a", "memberOf", "c"), ("b", "memberOf", "c"), ("d", "memberOf", "c"),
    ...          ("a", "leads", "b")]
    >>> capped = cap_hubs(Neighbourhood(nodes, edges), ["c"], 2)
    >>> sorted(capped.nodes), capped.nodes["more:c"].label
    (['a', 'b', 'c', 'more:c'], '+1 更多 / more')
    >>> len(cap_hubs(Neighbourhood(nodes, edges), ["c"], 2, expanded=["c"]).nodes)
    4
    """
    neighbours: dict[str, list[str]] = defaultdict(list)
    for source, _, target in graph.edges:
        neighbours[source].append(target)
        neighbours[target].append(source)
    degree = {iri: len(set(found)) for iri, found in neighbours.items()}
    open_hubs = set(expanded)
    shown = [c for c in dict.fromkeys(centres) if c in graph.nodes]
    drawn, hidden = set(shown), defaultdict(set)
    queue = deque(shown)
    while queue:
        node = queue.popleft()
        new = [n for n in dict.fromkeys(neighbours[node]) if n not in drawn and n in graph.nodes]
        new.sort(key=lambda n: (-degree.get(n, 0), graph.nodes[n].label, n))
        keep = new if node in open_hubs else new[: max(0, min(cap, budget - len(drawn)))]
        hidden[node].update(new[len(keep) :])
        drawn.update(keep)
        queue.extend(keep)
    out = Neighbourhood(
        nodes={i: n for i, n in graph.nodes.items() if i in drawn},
        edges=[e for e in graph.edges if e[0] in drawn and e[2] in drawn],
        truncated=graph.truncated,
    )
    for hub, rest in hidden.items():
        count = len(rest - drawn)  # some were drawn through another node after all
        if count:
            label = graph.nodes[hub].label[:12]  # whose: the picker lists every summary
            out.nodes[MORE + hub] = NodeInfo(MORE + hub, f"+{count} 更多 / more", "", label)
            out.edges.append((hub, "…", MORE + hub))
    return out


@st.cache_data(ttl=600, max_entries=64, show_spinner="遍历图谱 / walking the graph…")
def _walk(
    location: str,
    centres: tuple[str, ...],
    depth: int,
    relations: tuple[str, ...],
    classes: tuple[str, ...] | None,
    max_nodes: int,
) -> Neighbourhood:
    return neighbourhood(store(), centres, depth, relations, classes, max_nodes)


def find_entity() -> str | None:
    """A name box (Chinese, partial or pinyin) and a pick list of the matches."""
    url_entity = st.query_params.get("entity")
    if url_entity and st.session_state.get("explorer_from_url") != url_entity:
        st.session_state["explorer_from_url"] = url_entity
        st.session_state["explorer_centres"] = [url_entity]
    name = st.text_input(
        "查找实体 / Find an entity",
        key="explorer_name",
        placeholder="名称、部分名称或拼音 / name, part of it, or pinyin",
    )
    if not name.strip():
        return None
    hits = search_index().entities(name, limit=100)
    if not hits:
        st.info(
            f"没有实体与“{md_literal(name)}”匹配,请少输几个字或用拼音 / No entity matches "
            f"'{md_literal(name)}'. Try fewer characters or the pinyin."
        )
        return None
    options = [h.record.iri for h in hits]
    info = labels([h.record.iri for h in hits])
    names = {h.record.iri: info[h.record.iri].caption() for h in hits}
    return st.selectbox(
        "匹配 / Matches", options, key="explorer_match", format_func=lambda iri: names[iri]
    )


def render() -> None:
    st.title("图谱浏览 / Graph explorer")
    state = st.session_state
    state.setdefault("explorer_centres", [])
    picked = find_entity()
    if picked and st.button("显示 / Show", key="explorer_show", type="primary"):
        state["explorer_centres"] = [picked]
    elif picked and not state["explorer_centres"]:
        state["explorer_centres"] = [picked]
    centres = state["explorer_centres"]
    with st.sidebar:
        st.subheader("图谱设置 / Graph settings")
        depth = st.slider("深度 / Depth", 1, 3, 1, key="explorer_depth")
        relations = st.multiselect(
            "关系 / Relations",
            RELATIONS,
            default=[r for r in RELATIONS if r not in ("mentions", "statedIn", "cites")],
            key="explorer_relations",
            format_func=relation,
            placeholder="选择关系 / choose relations",
        )
        classes = st.multiselect(
            "类 / Classes (empty = all)",
            CLASS_ORDER[:-2],
            key="explorer_classes",
            format_func=class_label,
            placeholder="全部类 / every class",
        )
        max_nodes = st.number_input(
            "最多节点 / Max nodes", 50, 5000, 1500, step=50, key="explorer_max_nodes"
        )
        cap = st.number_input(
            "每个节点最多邻居 / Neighbours drawn per node",
            2,
            200,
            HUB_CAP,
            key="explorer_hub_cap",
            help="画出联系最多的邻居,其余的以“+K 更多”节点表示,点击可展开 / The most connected "
            "are drawn; a '+K more' node stands for the rest (click it to show them)",
        )
    if not centres:
        st.info(
            "在上方输入名称,或从检索页、表格链接打开实体 / Type a name above (e.g. 三名工程, "
            "西仓桥, or pinyin 'sanming'), or open an entity from Search or a table link."
        )
        return
    graph = _walk(
        store_location(),
        tuple(centres),
        depth,
        tuple(relations),
        tuple(classes) if classes else None,
        int(max_nodes),
    )
    if graph.truncated:
        st.warning(
            f"已在 {max_nodes} 个节点处停止,请降低深度或筛选类与关系 / Stopped at {max_nodes} "
            "nodes. Lower the depth or filter classes/relations."
        )
    walked = len(graph.nodes)
    expanded = state.setdefault("explorer_expanded", [])
    graph = cap_hubs(graph, centres, int(cap), expanded, max(DRAWN_NODES, 5 * int(cap)))
    summaries = sum(iri.startswith(MORE) for iri in graph.nodes)
    drawn = len(graph.nodes) - summaries
    st.caption(
        f"{drawn} 个节点 / nodes · {len(graph.edges)} 条边 / edges · 中心 / centre: "
        + ", ".join(md_literal(graph.nodes[c].label) for c in centres if c in graph.nodes)
        + (
            f" · 另有 {walked - drawn} 个在 {summaries} 个“+K”节点中,点击展开 / "
            f"{walked - drawn} more in {summaries} '+K' node(s): click one to show them"
            if summaries
            else ""
        )
    )
    legend({n.cls for i, n in graph.nodes.items() if not i.startswith(MORE)})
    selected = draw_graph(graph, key="explorer_graph", height=560, highlight=set(centres))
    detail = follow_click(state, graph, selected, centres)
    st.selectbox(
        "节点详情 / Node details",
        list(graph.nodes),
        key="explorer_detail",
        format_func=lambda iri: graph.nodes[iri].caption(),
    )
    if detail:
        show_details(detail, graph)


def follow_click(state, graph: Neighbourhood, selected: list[str], centres: list[str]) -> str:  # noqa: ANN001
    """Return the node whose details to show, and make the details picker show it.

    A new click in the drawing wins; otherwise the node shown before stays shown while it is
    in the graph (an Expand redraws the graph around it), else the last centre. The picker's
    state is set here: a keyed selectbox ignores its `index` once it has a value, which kept
    the details on the centre whatever was clicked.
    """
    if state.get("explorer_detail_next") in graph.nodes:  # asked for by the last run
        state["explorer_detail"] = state.pop("explorer_detail_next")
    click = selected[-1] if selected and selected[-1] in graph.nodes else None
    if click is not None and click != state.get("explorer_last_click"):
        state["explorer_detail"] = click
    state["explorer_last_click"] = click
    if state.get("explorer_detail") not in graph.nodes:
        state["explorer_detail"] = next(
            (c for c in reversed(centres) if c in graph.nodes), next(iter(graph.nodes))
        )
    return state["explorer_detail"]


def show_more(iri: str, graph: Neighbourhood) -> None:
    """The details of a "+K more" node: whose neighbours it stands for, and a button that draws
    them all."""
    hub = iri[len(MORE) :]
    st.subheader(md_literal(f"{graph.nodes[iri].label}: {graph.nodes[hub].caption()}"))
    st.caption(
        "未画出的邻居(只画出联系最多的)/ The neighbours of this node that are not drawn: the "
        "most connected are."
    )
    if st.button("全部显示 / Show them all", key="explorer_show_more", type="primary"):
        st.session_state["explorer_expanded"] = [*st.session_state["explorer_expanded"], hub]
        st.session_state["explorer_detail_next"] = hub  # the picker is drawn: set it next run
        st.rerun()


def show_details(iri: str, graph: Neighbourhood) -> None:
    if iri.startswith(MORE):
        show_more(iri, graph)
        return
    node = graph.nodes[iri]
    st.subheader(md_literal(node.caption()))
    st.code(f"{prefixed(iri)}\n{iri}", language=None)
    page_link("resource", "资源页 / Every statement about it", iri=iri)
    cols = st.columns(2)
    if cols[0].button("从此展开 / Expand from here", key="explorer_expand"):
        if iri not in st.session_state["explorer_centres"]:
            st.session_state["explorer_centres"] = [*st.session_state["explorer_centres"], iri]
        st.rerun()
    if cols[1].button("以此为中心 / Centre here", key="explorer_recentre"):
        st.session_state["explorer_centres"] = [iri]
        st.rerun()
    expanded = st.session_state.get("explorer_expanded", [])
    if iri in expanded and st.button("收起邻居 / Draw fewer neighbours", key="explorer_collapse"):
        st.session_state["explorer_expanded"] = [h for h in expanded if h != iri]
        st.rerun()
    props = app_query("entity_properties", entity=iri)
    if not props.empty:
        props["property"] = props["property"].map(prefixed)  # ekg:year, rdfs:label
        show_table(props[["property", "value"]], key="explorer_properties", link=False)
    evidence = app_query("entity_evidence", entity=iri)
    st.markdown(f"**证据句 / Evidence sentences ({len(evidence)})**")
    if evidence.empty:
        st.caption("没有提及记录该实体的句子 / No mention records this entity's sentence.")
    else:
        show_table(evidence[["quote", "document", "start", "end"]], key="explorer_evidence")
    documents = app_query("entity_documents", entity=iri)
    st.markdown(f"**来源文件 / Source documents ({len(documents)})**")
    if not documents.empty:
        show_table(documents[["document", "title", "issued"]], key="explorer_documents")


if __name__ == "__main__":
    render()
