"""SPARQL: an editor with highlighting, the named queries as forms, guarded runs, many views."""

from __future__ import annotations

import time
import uuid
from urllib.parse import quote

import pandas as pd
import pyoxigraph as ox
import streamlit as st

from app_views.common import (
    TTL,
    blank_missing,
    draw_graph,
    legend,
    link_columns,
    linked_table,
    query_examples,
    store,
    store_generation,
    store_location,
)
from app_views.components.sparql_editor import entity_option, sparql_editor
from app_views.labels import header, prefixed
from app_views.literal import md_literal
from graph_store.app_queries import Neighbourhood, node_info
from graph_store.completion import EntityLabel, entity_labels, match_labels
from graph_store.named_queries import ParameterError, bind_params, load_named_queries
from graph_store.protocol import StoreError
from graph_store.results import QueryResult, to_csv, to_json
from graph_store.sandbox import (
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    TripleResult,
    curl_snippet,
    iri_edges,
    python_snippet,
    query_form,
    run_guarded,
    with_values,
)
from graph_store.settings import get_setting

DEFAULT_QUERY = """PREFIX ekg: <https://w3id.org/edukg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# Schools and the education groups they belong to
# (each pair and each name once: every document restates a group's name, in its own graph)
SELECT ?school ?school_name ?group ?group_name WHERE {
  { SELECT DISTINCT ?school ?group WHERE { ?school ekg:memberOf ?group } }
  OPTIONAL { SELECT DISTINCT ?school ?school_name WHERE {
    ?school ekg:memberOf ?any ; rdfs:label ?school_name } }
  OPTIONAL { SELECT DISTINCT ?group ?group_name WHERE {
    ?member ekg:memberOf ?group . ?group rdfs:label ?group_name } }
}
ORDER BY ?group_name ?school_name
LIMIT 200
"""


def set_editor_text(text: str) -> None:
    """Put `text` in the editor (a new token, so the component shows it once)."""
    st.session_state["sparql_text"] = text
    st.session_state["sparql_editor_version"] = st.session_state.get("sparql_editor_version", 0) + 1


def init_state() -> None:
    state = st.session_state
    if "sparql_text" not in state:
        state["sparql_text"] = DEFAULT_QUERY
        state["sparql_editor_version"] = 0
        state["sparql_history"] = []
    shared = st.query_params.get("q")
    if shared and state.get("sparql_shared") != shared:
        state["sparql_shared"] = shared
        set_editor_text(shared)
    example = st.query_params.get("example")
    if example and state.get("sparql_example_from_url") != example:
        state["sparql_example_from_url"] = example
        if example in load_named_queries():
            state["sparql_example"] = example


def examples_panel() -> None:
    queries = load_named_queries()
    with st.expander("示例查询 / Example queries (the named queries, as forms)", expanded=True):
        name = st.selectbox(
            "示例 / Example",
            list(queries),
            key="sparql_example",
            index=None,
            format_func=lambda n: f"{queries[n].title}  ({n})",
            placeholder="选择一个示例 / pick an example",
        )
        if name is None:
            st.caption(
                "每个示例是 queries/ 中的一个文件,文件头列出其参数 / Each example is a file in "
                "queries/; its header names its parameters."
            )
            return
        query = queries[name]
        st.markdown(f"**{query.title}** — {query.description}")
        values: dict[str, str] = {}
        # A required parameter starts with a value from the data, so the example runs at once.
        examples = query_examples(name) if any(p.required for p in query.params) else {}
        for param in query.params:
            values[param.name] = st.text_input(
                f"{param.label} ({param.type}{', 必填 required' if param.required else ''})",
                value=examples.get(param.name, ""),
                key=f"param_{name}_{param.name}",
                placeholder="必填 / required" if param.required else "留空表示全部 / empty = all",
            ).strip()
        missing = [p.label for p in query.params if p.required and not values[p.name]]
        if missing:
            st.info(
                f"请填写 / Fill in: {', '.join(missing)}。此查询针对其中一个 / "
                "This query is about one of them."
            )
            return
        left, right = st.columns(2)
        try:
            bindings = bind_params(query, values)
        except ParameterError as err:
            st.error(
                f"{md_literal(err)}。请修改该值,或留空可选参数以列出全部 / Correct the value, "
                "or leave an optional one empty to list all."
            )
            return
        text = with_values(query.text, bindings)
        if left.button("运行示例 / Run example", key="sparql_run_example", type="primary"):
            set_editor_text(text)
            execute(text)
        if right.button("在编辑器中打开 / Open in editor", key="sparql_load_example"):
            set_editor_text(text)


def execute(text: str) -> None:
    """Run `text` in the sandbox and keep the outcome in the session (and its history)."""
    timeout = float(get_setting("query_timeout"))
    cap = int(get_setting("result_cap"))
    cap_chars = int(float(get_setting("result_mb")) * 1_000_000)
    started = time.monotonic()
    outcome: dict = {"query": text, "error": None, "result": None}
    try:
        outcome["result"] = run_guarded(
            store_location(), text, timeout=timeout, cap=cap, cap_chars=cap_chars
        )
    except QueryRefused as err:
        outcome["error"] = ("refused", err.reason)
    except QuerySyntaxError as err:
        outcome["error"] = ("syntax", str(err), err.line, err.column)
    except QueryTimeout as err:
        outcome["error"] = ("timeout", str(err))
    except StoreError as err:
        outcome["error"] = (
            "store",
            f"{err}。请检查查询,或缩小范围 / Check the query, or try a smaller one.",
        )
    outcome["elapsed"] = time.monotonic() - started
    st.session_state["sparql_outcome"] = outcome
    result = outcome["result"]
    size = (
        len(result)
        if isinstance(result, QueryResult | TripleResult)
        else ("ask" if isinstance(result, bool) else "error")
    )
    st.session_state["sparql_history"].insert(
        0,
        {
            "time": time.strftime("%H:%M:%S"),
            "rows": size,
            "seconds": round(outcome["elapsed"], 2),
            "query": text,
        },
    )
    st.query_params["q"] = text
    st.session_state["sparql_shared"] = text


def show_error(error: tuple, text: str) -> None:
    kind = error[0]
    if kind == "refused":
        st.error(f"查询被拒绝 / Query refused: {error[1]}")
    elif kind == "syntax":
        # Syntax and store messages quote the query (which a shared link supplies) or data.
        st.error(md_literal(error[1]))
        line, column = error[2], error[3]
        lines = text.splitlines()
        if line and 0 < line <= len(lines):
            st.code(
                f"{line:>4} | {lines[line - 1]}\n       {' ' * max((column or 1) - 1, 0)}^",
                language=None,
            )
    elif kind == "timeout":
        st.error(f"超时 / Timed out: {error[1]}")
    else:
        st.error(md_literal(error[1]))


def count_line(shown: int, distinct: int, noun: tuple[str, str]) -> str:
    """Return the result's size with its DISTINCT-aware count: the union default graph repeats
    a row once per document graph that states it.

    >>> count_line(12, 4, ("行", "rows"))
    '12 行 / rows · 4 不同 / distinct (8 重复 / repeats)'
    >>> count_line(3, 3, ("行", "rows"))
    '3 行 / rows (均不同 / all distinct)'
    """
    if distinct == shown:
        return f"{shown:,} {noun[0]} / {noun[1]} (均不同 / all distinct)"
    return (
        f"{shown:,} {noun[0]} / {noun[1]} · {distinct:,} 不同 / distinct "
        f"({shown - distinct:,} 重复 / repeats)"
    )


REPEATS_HELP = (
    "并集默认图中,每个陈述某事实的文件图各给出一份 / The union default graph repeats a "
    "statement once per document graph that states it: add DISTINCT to the query, or keep "
    "each row once here."
)


def show_select(result: QueryResult, text: str) -> None:
    if result.truncated:
        st.warning(
            f"仅显示前 {len(result):,} 行 / Only the first {len(result):,} rows are shown (the "
            f"caps are {get_setting('result_cap')} rows and {get_setting('result_mb')} MB of "
            "values). 请加 LIMIT 或缩小模式 / Add a LIMIT or narrow the pattern for the rest."
        )
    distinct = result.distinct()
    st.success(count_line(len(result), len(distinct), ("行", "rows")))
    if len(distinct) < len(result) and st.toggle(
        "每行只显示一次 / Show each row once (DISTINCT)", key="sparql_distinct", help=REPEATS_HELP
    ):
        result = distinct
    df = pd.DataFrame(result.values(), columns=list(result.variables))
    # A view picker, not st.tabs: a graph drawn inside a hidden tab measures its container as
    # zero wide and stays collapsed in a corner; a picked view is drawn only when it is shown.
    view = view_picker(
        ["表格 Table", "关系图 Graph", "图表 Chart", "下载 Download", "复现 Reproduce"],
        "sparql_view",
    )
    if view == 0:
        raw = st.toggle("显示 IRI(带前缀)/ show IRIs (prefixed)", key="sparql_raw_iris")
        headers = {c: st.column_config.Column(header(c)) for c in df.columns}
        if raw or df.empty:
            shown = blank_missing(df.map(lambda v: prefixed(v) if isinstance(v, str) else v))
            st.dataframe(shown, key="sparql_result_table", hide_index=True, column_config=headers)
        else:
            shown, config, links = link_columns(df)
            linked_table(blank_missing(shown), "sparql_result_table", links, headers | config)
    elif view == 1:
        edges = iri_edges(result)
        if not edges:
            st.info(
                "没有一行含两个 IRI,无法画关系图 / No row holds two IRIs, so there is no "
                "relationship graph. 请选出两个相连的实体 / Project two linked entities "
                "(e.g. ?school ?group) to draw one."
            )
        else:
            draw_result_graph(edges[:3000], "sparql_result_graph")
    elif view == 2:
        numeric = [c for c in df.columns if pd.to_numeric(df[c], errors="coerce").notna().all()]
        text_cols = [c for c in df.columns if c not in numeric]
        if df.empty or not numeric or not text_cols:
            st.info(
                "图表需要一列文字和一列数字 / A chart needs one text column and one numeric "
                "column (e.g. ?class ?count)."
            )
        else:
            chart = df[[text_cols[-1], numeric[-1]]].copy()
            chart[numeric[-1]] = pd.to_numeric(chart[numeric[-1]])
            chart[text_cols[-1]] = chart[text_cols[-1]].map(
                lambda v: prefixed(v) if isinstance(v, str) else ""
            )
            st.bar_chart(chart.groupby(text_cols[-1]).sum(), horizontal=True)
    elif view == 3:
        st.download_button(
            "CSV",
            to_csv(result).encode("utf-8"),
            "result.csv",
            "text/csv",
            key="sparql_download_csv",
        )
        st.download_button(
            "JSON (SPARQL 结果 / results)",
            to_json(result).encode("utf-8"),
            "result.srj",
            "application/sparql-results+json",
            key="sparql_download_json",
        )
    elif view == 4:
        show_snippets(text, "text/csv")


def view_picker(views: list[str], key: str) -> int:
    """Return the index of the view the reader picked (a row of buttons above the result)."""
    picked = st.radio("视图 / View", views, horizontal=True, key=key, label_visibility="collapsed")
    return views.index(picked) if picked in views else 0


def draw_result_graph(edges: list[tuple[str, str, str]], key: str) -> None:
    info = node_info_cached(tuple(sorted({n for s, _, t in edges for n in (s, t)})))
    graph = Neighbourhood(nodes=info, edges=edges)
    legend({n.cls for n in info.values()})
    draw_graph(graph, key=key, height=480)


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def _node_info(location: str, iris: tuple[str, ...]):
    from app_views.common import store

    return node_info(store(), iris)


def node_info_cached(iris: tuple[str, ...]):
    return _node_info(store_location(), iris)


def show_triples(result: TripleResult, text: str) -> None:
    if result.truncated:
        st.warning(
            f"仅显示前 {len(result):,} 个三元组 / Only the first {len(result):,} triples are "
            f"shown (the caps are {get_setting('result_cap')} triples and "
            f"{get_setting('result_mb')} MB)."
        )
    triples = tuple(dict.fromkeys(result.triples))
    st.success(count_line(len(result), len(triples), ("个三元组", "triples")))
    if len(triples) < len(result) and st.toggle(
        "每个三元组只显示一次 / Show each triple once", key="sparql_distinct", help=REPEATS_HELP
    ):
        result = TripleResult(triples, result.truncated)
    df = pd.DataFrame(
        [
            (prefixed(t.subject.value), prefixed(t.predicate.value), prefixed(t.object.value))
            for t in result.triples
        ],
        columns=["subject", "predicate", "object"],
    )
    view = view_picker(
        ["表格 Table", "关系图 Graph", "下载 Download", "复现 Reproduce"], "sparql_triples_view"
    )
    if view == 0:
        headers = {c: st.column_config.Column(header(c)) for c in df.columns}
        st.dataframe(df, key="sparql_triples_table", hide_index=True, column_config=headers)
    elif view == 1:
        edges = [
            (
                t.subject.value,
                t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                t.object.value,
            )
            for t in result.triples
            if isinstance(t.object, ox.NamedNode)
            and isinstance(t.subject, ox.NamedNode)
            and not t.predicate.value.endswith("#type")
        ]
        if edges:
            draw_result_graph(edges[:3000], "sparql_triples_graph")
        else:
            st.info("没有连接两个 IRI 的三元组 / No triple links two IRIs.")
    elif view == 2:
        for label, fmt, ext, mime in [
            ("Turtle", ox.RdfFormat.TURTLE, "ttl", "text/turtle"),
            ("JSON-LD", ox.RdfFormat.JSON_LD, "jsonld", "application/ld+json"),
        ]:
            data = ox.serialize(list(result.triples), format=fmt) or b""
            st.download_button(label, data, f"result.{ext}", mime, key=f"sparql_download_{ext}")
    elif view == 3:
        show_snippets(text, "text/turtle")


def show_snippets(text: str, accept: str) -> None:
    st.caption(
        "在 `edukg serve` 上运行同一查询(并集默认图,页面预声明的前缀已写入)/ The same query "
        "against `edukg serve` (http://127.0.0.1:7878/query, union default graph; the page's "
        "predeclared prefixes are written in):"
    )
    st.code(curl_snippet(text, accept), language="bash")
    st.code(python_snippet(text), language="python")
    st.caption(
        "分享此查询:页面网址可重新打开它 / Share this query: the page URL now reopens it, e.g."
    )
    st.code(f"sparql?q={quote(text)}"[:2000], language=None)


# Entities offered for one typed fragment, and the longest fragment looked up.
ENTITY_MATCHES = 30
FRAGMENT_CHARS = 100


# A resource, not data: one immutable tuple shared by every session, never pickled per hit.
@st.cache_resource(ttl=TTL, max_entries=2, show_spinner=False)
def _entity_labels(location: str, generation: int) -> tuple[EntityLabel, ...]:
    return entity_labels(store())


def entity_answer(message: dict | None) -> dict | None:
    """Return the answer to the editor's entity lookup in `message` (None for other messages):
    the entities whose names hold the typed fragment, from the store's label list (read once
    per store generation, through the app's read-only store)."""
    if not message or not isinstance(message.get("lookup"), str):
        return None
    fragment = message["lookup"][:FRAGMENT_CHARS]
    labels = _entity_labels(store_location(), store_generation())
    options = [entity_option(e) for e in match_labels(labels, fragment, ENTITY_MATCHES)]
    return {"fragment": message["lookup"], "nonce": message.get("nonce"), "options": options}


# A fragment: an entity lookup from the editor reruns the editor alone, not the page (its
# results, forms and history stay as drawn); a Run reruns the page (st.rerun's default scope).
@st.fragment
def editor() -> None:
    """Draw the editor; run what it sends (only on its Run or Ctrl+Enter, never per keystroke),
    and answer its entity lookups.

    `st.session_state["sparql_text"]` is the text that runs: the editor's last Run, or what a
    form, a shared link or the history put in the editor.
    """
    state = st.session_state
    session = state.setdefault("sparql_editor_session", uuid.uuid4().hex[:12])
    version = state.get("sparql_editor_version", 0)
    outcome = state.get("sparql_outcome")
    error = None
    if outcome and outcome["error"] and outcome["error"][0] == "syntax":
        _, message, line, column = outcome["error"]
        error = {"query": outcome["query"], "line": line, "column": column, "message": message}
    sent = sparql_editor(
        state["sparql_text"],
        f"{session}-{version}",
        initial=version == 0,
        error=error,
        # The editor's last message, read before it is drawn so the answer goes out with it.
        entities=entity_answer(state.get("sparql_editor")),
        entity_generation=f"{store_location()}#{store_generation()}",
    )
    if sent and "text" in sent and sent.get("nonce") != state.get("sparql_editor_nonce"):
        state["sparql_editor_nonce"] = sent["nonce"]
        state["sparql_text"] = sent.get("text", "")
        execute(state["sparql_text"])
        st.rerun()  # so the editor is drawn with this run's syntax error marked
    left, right = st.columns([1, 3], vertical_alignment="center")
    if left.button(
        "↻ 重新运行 / Run again",
        key="sparql_run",
        help="再次运行编辑器最近发送的查询 / Runs the query last sent from the editor (or put "
        "there by a form or link) again",
    ):
        execute(state["sparql_text"])
        st.rerun()
    right.caption(
        f"页面运行 / page runs: {state['sparql_page_runs']} · the page reruns only on Run, "
        "never while you type (looking up an entity's name reruns the editor alone). Tabs and "
        "history are kept in this browser."
    )


def render() -> None:
    st.title("SPARQL 查询 / query")
    state = st.session_state
    state["sparql_page_runs"] = state.get("sparql_page_runs", 0) + 1
    init_state()
    examples_panel()
    st.caption(
        f"只读:拒绝更新、SERVICE 与 LOAD;查询 {get_setting('query_timeout')} 秒后停止,最多返回 "
        f"{get_setting('result_cap')} 行;已预声明 ekg:、ekgid:、dct:、rdfs:、skos: 等前缀 / "
        "Read-only: updates, SERVICE and LOAD are refused; a query stops after "
        f"{get_setting('query_timeout')} s and returns at most {get_setting('result_cap')}"
        " rows. Prefixes ekg:, ekgid:, dct:, rdfs:, skos: … are predeclared."
    )
    editor()
    outcome = st.session_state.get("sparql_outcome")
    if outcome:
        st.caption(
            f"{query_form(outcome['query'])} 查询 / query · 用时 / took {outcome['elapsed']:.2f} s"
        )
        if outcome["error"]:
            show_error(outcome["error"], outcome["query"])
        elif isinstance(outcome["result"], bool):
            st.success(f"ASK → {'是 / true' if outcome['result'] else '否 / false'}")
            show_snippets(outcome["query"], "application/sparql-results+json")
        elif isinstance(outcome["result"], TripleResult):
            show_triples(outcome["result"], outcome["query"])
        else:
            show_select(outcome["result"], outcome["query"])
    history = st.session_state.get("sparql_history", [])
    if history:
        with st.expander(f"本次会话的查询 / This session's queries ({len(history)})"):
            past = pd.DataFrame(history)
            st.dataframe(
                past,
                key="sparql_history_table",
                hide_index=True,
                column_config={c: st.column_config.Column(header(c)) for c in past.columns},
            )
            choice = st.selectbox(
                "重新打开 / Reopen",
                range(len(history)),
                key="sparql_history_pick",
                format_func=lambda i: f"{history[i]['time']} · {history[i]['query'][:80]}",
            )
            if st.button("在编辑器中打开 / Open in editor", key="sparql_history_open"):
                set_editor_text(history[choice]["query"])
                st.rerun()


if __name__ == "__main__":
    render()
