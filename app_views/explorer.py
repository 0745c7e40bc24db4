"""Graph explorer: find an entity, draw its neighbourhood, click a node for its evidence."""

from __future__ import annotations

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
from app_views.literal import md_literal
from app_views.nav import page_link
from graph_store.app_queries import CLASS_ORDER, RELATIONS, Neighbourhood, neighbourhood


@st.cache_data(ttl=600, max_entries=64, show_spinner="walking the graph…")
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
        st.info(f"No entity matches '{md_literal(name)}'. Try fewer characters or the pinyin.")
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
        )
        classes = st.multiselect(
            "类 / Classes (empty = all)",
            CLASS_ORDER[:-2],
            key="explorer_classes",
            format_func=class_label,
        )
        max_nodes = st.number_input(
            "最多节点 / Max nodes", 50, 5000, 1500, step=50, key="explorer_max_nodes"
        )
    if not centres:
        st.info(
            "Type a name above (e.g. 三名工程, 西仓桥, or pinyin 'sanming'), or open an "
            "entity from Search or a table link."
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
        st.warning(f"Stopped at {max_nodes} nodes. Lower the depth or filter classes/relations.")
    st.caption(
        f"{len(graph.nodes)} nodes · {len(graph.edges)} edges · centre: "
        + ", ".join(md_literal(graph.nodes[c].label) for c in centres if c in graph.nodes)
    )
    legend({n.cls for n in graph.nodes.values()})
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
    click = selected[-1] if selected and selected[-1] in graph.nodes else None
    if click is not None and click != state.get("explorer_last_click"):
        state["explorer_detail"] = click
    state["explorer_last_click"] = click
    if state.get("explorer_detail") not in graph.nodes:
        state["explorer_detail"] = next(
            (c for c in reversed(centres) if c in graph.nodes), next(iter(graph.nodes))
        )
    return state["explorer_detail"]


def show_details(iri: str, graph: Neighbourhood) -> None:
    node = graph.nodes[iri]
    st.subheader(md_literal(node.caption()))
    st.code(iri, language=None)
    page_link("resource", "资源页 / Every statement about it", iri=iri)
    cols = st.columns(2)
    if cols[0].button("从此展开 / Expand from here", key="explorer_expand"):
        if iri not in st.session_state["explorer_centres"]:
            st.session_state["explorer_centres"] = [*st.session_state["explorer_centres"], iri]
        st.rerun()
    if cols[1].button("以此为中心 / Centre here", key="explorer_recentre"):
        st.session_state["explorer_centres"] = [iri]
        st.rerun()
    props = app_query("entity_properties", entity=iri)
    if not props.empty:
        props["property"] = (
            props["property"].str.rsplit("#", n=1).str[-1].str.rsplit("/", n=1).str[-1]
        )
        st.dataframe(props[["property", "value"]], key="explorer_properties", hide_index=True)
    evidence = app_query("entity_evidence", entity=iri)
    st.markdown(f"**证据句 / Evidence sentences ({len(evidence)})**")
    if evidence.empty:
        st.caption("No mention records this entity's sentence.")
    else:
        show_table(evidence[["quote", "document", "start", "end"]], key="explorer_evidence")
    documents = app_query("entity_documents", entity=iri)
    st.markdown(f"**来源文件 / Source documents ({len(documents)})**")
    if not documents.empty:
        show_table(documents[["document", "title", "issued"]], key="explorer_documents")


if __name__ == "__main__":
    render()
