"""What every page shares: the store (opened once), cached query results, labels, links, graphs.

Views only: the SPARQL comes from queries/ and graph_store.app_queries.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn
from urllib.parse import parse_qsl, quote

import pandas as pd
import streamlit as st
from pyoxigraph import Literal, NamedNode
from st_cytoscape import cytoscape

from app_views.labels import header, prefixed
from app_views.labels import relation as relation_name
from app_views.literal import html_literal
from app_views.nav import pages
from graph_store.app_queries import (
    CLASS_COLOURS,
    CLASS_NAMES_ZH,
    Neighbourhood,
    NodeInfo,
    local_name,
    main_class,
    node_info,
    run_app_query,
    where_when,
)
from graph_store.embedded import read_generation
from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.open import open_store
from graph_store.protocol import GraphStore
from graph_store.query_examples import required_values
from graph_store.results import QueryResult
from graph_store.search_fts import FtsSearchIndex, open_folder_index
from graph_store.search_index import SearchIndex, build_search_index, store_fingerprint
from graph_store.settings import get_setting
from graph_store.statistics import totals as statistics_totals

TTL = 600
IRI_PREFIX = "https://w3id.org/edukg/id/"


def store_location() -> str:
    """Return the store location from st.secrets, EDUKG_ENDPOINT / EDUKG_STORE, or the default."""
    try:
        if "store_location" in st.secrets:
            return str(st.secrets["store_location"])
    except FileNotFoundError:
        pass
    return os.environ.get("EDUKG_ENDPOINT") or get_setting("store")


@st.cache_resource(show_spinner=False)
def _open(location: str) -> GraphStore:
    return open_store(location, read_only=True)


def _is_folder(location: str) -> bool:
    return not location.startswith(("http://", "https://")) and location != ":memory:"


@st.cache_resource(show_spinner=False)
def _opened_generation(location: str) -> int:
    """The store generation (graph_store.embedded.GENERATION_FILE) when the handle was opened.

    Read before the handle is opened (store() asks for it first), so a write that lands in
    between makes the store look stale, never fresh.
    """
    return read_generation(location) if _is_folder(location) else 0


def store() -> GraphStore:
    """Return the app's read-only store (opened once per location)."""
    location = store_location()
    _opened_generation(location)
    return _open(location)


def store_generation() -> int:
    """Return the generation of the store the app has open (0 for a SPARQL endpoint)."""
    location = store_location()
    return _opened_generation(location) if _is_folder(location) else 0


def store_totals() -> tuple[int, int]:
    """Return the store's quad and named-graph counts (cached like the queries)."""
    return _store_totals(store(), store_location())


@st.cache_data(ttl=TTL, max_entries=8, show_spinner=False)
def _store_totals(_store: GraphStore, location: str) -> tuple[int, int]:
    return statistics_totals(_store)  # from the statistics graph, not by counting every quad


def reopen_store() -> None:
    """Forget the cached store, results and index, so the next run sees freshly ingested data."""
    _open.clear()
    _opened_generation.clear()
    _search_index.clear()
    st.cache_data.clear()


def reload_if_store_changed() -> bool:
    """Reopen the store when another process (e.g. `edukg ingest`) wrote it since it was opened.

    Run at the start of every page run: one read of a small file. Returns True when it
    reloaded, so the page can say so. A SPARQL endpoint location is not checked.
    """
    location = store_location()
    if not _is_folder(location):
        return False
    if read_generation(location) <= _opened_generation(location):
        return False
    reopen_store()
    return True


def _terms(params: tuple[tuple[str, str, str], ...]) -> dict:
    out = {}
    for name, kind, value in params:
        out[name] = (
            NamedNode(value)
            if kind == "iri"
            else Literal(value, language="zh")
            if kind == "zh"
            else Literal(value)
        )
    return out


@st.cache_data(ttl=TTL, max_entries=512, show_spinner=False)
def _app_query(
    _store: GraphStore, location: str, name: str, params: tuple[tuple[str, str, str], ...]
) -> pd.DataFrame:
    # Cached as a frame of strings: st.cache_data unpickles on every hit, and pandas is far
    # cheaper to unpickle than tens of thousands of pyoxigraph terms.
    return frame(run_app_query(_store, name, _terms(params)))


def app_query(name: str, **params: str) -> pd.DataFrame:
    """Return an app query's rows as a DataFrame of strings; IRI parameters are bound as IRIs.

    A parameter value starting with http is an IRI, anything else a plain literal.
    """
    spec = tuple(
        sorted(
            (k, "iri" if v.startswith(("http://", "https://")) else "str", v)
            for k, v in params.items()
        )
    )
    return _app_query(store(), store_location(), name, spec)


@st.cache_data(ttl=TTL, max_entries=256, show_spinner=False)
def _named_query(
    _store: GraphStore, location: str, name: str, params: tuple[tuple[str, str], ...]
) -> pd.DataFrame:
    return frame(run_named_query(_store, load_named_queries()[name], dict(params)))


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def _examples(_store: GraphStore, location: str, name: str) -> dict[str, str]:
    return required_values(_store, load_named_queries()[name])


def query_examples(name: str) -> dict[str, str]:
    """Return values from the data for a named query's required parameters (to fill its form)."""
    return _examples(store(), store_location(), name)


def named_query(name: str, **params: str) -> pd.DataFrame:
    """Return a named query's rows (queries/NAME.rq) as a DataFrame of strings."""
    return _named_query(store(), store_location(), name, tuple(sorted(params.items())))


def frame(result: QueryResult) -> pd.DataFrame:
    """Return a QueryResult as a DataFrame with one column per variable."""
    return pd.DataFrame(result.values(), columns=list(result.variables))


@st.cache_data(ttl=TTL, max_entries=64, show_spinner=False)
def _labels(_store: GraphStore, location: str, iris: tuple[str, ...]) -> dict[str, NodeInfo]:
    return node_info(_store, iris)


def labels(iris: list[str]) -> dict[str, NodeInfo]:
    """Return label and class for each IRI."""
    return _labels(store(), store_location(), tuple(sorted(set(iris))))


@st.cache_resource(show_spinner="建立检索索引 / building the search index…", max_entries=4)
def _search_index(location: str, fingerprint: str) -> SearchIndex | FtsSearchIndex:
    if _is_folder(location):
        # SQLite beside the store (data/store.search.sqlite), kept up by every ingest and
        # delete; built here only when missing, unreadable or older than the store.
        return open_folder_index(_open(location), Path(location), _opened_generation(location))
    return build_search_index(_open(location))  # an endpoint: in memory


def search_index() -> SearchIndex | FtsSearchIndex:
    """Return the search index for the current store state (opened or built once, cached)."""
    location = store_location()
    if _is_folder(location):
        return _search_index(location, f"generation {_opened_generation(location)}")
    return _search_index(location, _fingerprint(store(), location))


@st.cache_data(ttl=60, max_entries=8, show_spinner=False)
def _fingerprint(_store: GraphStore, location: str) -> str:
    return store_fingerprint(_store)


def class_label(cls: str) -> str:
    """Return '学校 School' for 'School'."""
    return f"{CLASS_NAMES_ZH.get(cls, '')} {cls}".strip() if cls else "—"


def explorer_url(iri: str, label: str = "") -> str:
    """Return an app-relative link that opens the graph explorer on `iri`, shown as `label`.

    The label is percent-encoded like the IRI: a label holding &, # or % would otherwise cut
    or break the link, and a table's LinkColumn decodes what its display_text captures.
    """
    url = f"explorer?entity={quote(iri, safe='')}"
    return url + (f"&label={quote(label, safe='')}" if label else "")


def resource_url(iri: str, label: str = "") -> str:
    """Return an app-relative link that opens the resource page on `iri`, shown as `label`:
    where every entity link in a table leads (all its statements, evidence and documents)."""
    url = f"resource?iri={quote(iri, safe='')}"
    return url + (f"&label={quote(label, safe='')}" if label else "")


def document_url(iri: str, label: str) -> str:
    """Return an app-relative link that opens document `iri` in the reader, shown as `label`."""
    return f"documents?doc={quote(iri, safe='')}&label={quote(label, safe='')}"


def go_to(url: str) -> NoReturn:
    """Open an app-relative link (`resource_url`, `document_url` …) in this tab and session.

    A link in a table (LinkColumn) or an <a href> starts a new Streamlit session, which forgets
    the reader's results and settings; st.switch_page keeps them, and the browser's Back button
    returns.
    """
    name, _, query = url.partition("?")
    params = {k: v for k, v in parse_qsl(query, keep_blank_values=True) if k != "label"}
    st.switch_page(pages()[name], query_params=params)


# The cue a linked column's header carries: its cells open a page when clicked.
LINKED = " ↗"


def link_columns(
    df: pd.DataFrame, columns: list[str] | None = None
) -> tuple[pd.DataFrame, dict, dict[str, list[str | None]]]:
    """Show IRI columns by label; return the frame, its column_config and each linked column's
    per-row links (resource pages), for `linked_table`.

    The IRI stays one click away: a click on the cell opens its resource page in this tab.
    """
    config: dict = {}
    df = df.copy()
    iri_columns = (
        columns
        if columns is not None
        else [c for c in df.columns if df[c].dropna().astype(str).str.match(r"^https?://").any()]
    )
    iris = [v for c in iri_columns for v in df[c].dropna().astype(str) if v.startswith("http")]
    info = labels(iris) if iris else {}
    links: dict[str, list[str | None]] = {}
    for c in iri_columns:
        values = list(df[c])
        links[c] = [
            resource_url(v) if isinstance(v, str) and v.startswith("http") else None for v in values
        ]
        df[c] = [iri_text(v, info) if isinstance(v, str) else v for v in values]
        config[c] = linked_column(header(c))
    return df, config, links


def iri_text(value: str, info: dict[str, NodeInfo]) -> str:
    """Return how a table cell shows `value`: an entity by its label, a vocabulary term (a
    property, a class) prefixed (ekg:leads), anything else as it is."""
    if not value.startswith(("http://", "https://")):
        return value
    node = info.get(value)
    # An entity by its name; one with neither a name nor a class of ours (a reified statement)
    # prefixed like a vocabulary term, never by the hash that ends its IRI.
    if value.startswith(IRI_PREFIX) and node is not None:
        if node.cls or node.label != local_name(value):
            return node.label
    return prefixed(value)


def blank_missing(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` with unbound values (None, NaN) as empty cells: a table never reads None or
    nan (an OPTIONAL the data does not fill is nothing to show)."""
    return df.astype(object).where(df.notna(), "")


def linked_column(title: str, help_text: str = "点击打开其页面 / click to open its page") -> object:
    """Return the column_config of a column whose cells open a page when clicked."""
    return st.column_config.TextColumn(title + LINKED, help=help_text)


def linked_table(
    df: pd.DataFrame,
    key: str,
    links: dict[str, list[str | None]],
    column_config: dict | None = None,
    height: int | str = "auto",
) -> None:
    """Draw `df`; a click on a cell of a column in `links` opens that row's link in this tab.

    Args:
        df: the rows as shown.
        key: the table's widget key (its selection is the click).
        links: column → one app-relative link (or None) per row of `df`.
        column_config: as for st.dataframe.
        height: as for st.dataframe.
    """
    if not links:
        st.dataframe(df, key=key, hide_index=True, column_config=column_config, height=height)
        return
    event = st.dataframe(
        df,
        key=key,
        hide_index=True,
        column_config=column_config,
        height=height,
        on_select="rerun",
        selection_mode="single-cell",
    )
    follow_click(key, [tuple(c) for c in event.selection.cells], links)


def follow_click(
    key: str, cells: list[tuple[int, str]], links: dict[str, list[str | None]]
) -> None:
    """Open the link of the clicked cell, once per click.

    The clicked cell stays selected after the page opens: a link to the table's own page (a
    document's read link on the Documents page) would otherwise be followed on every run.
    """
    followed = f"{key}__followed"
    if not cells:
        st.session_state.pop(followed, None)
        return
    row, column = cells[0]
    targets = links.get(column, [])
    url = targets[row] if 0 <= row < len(targets) else None
    if url is None or st.session_state.get(followed) == (row, column):
        return
    st.session_state[followed] = (row, column)
    go_to(url)


def show_table(df: pd.DataFrame, key: str, link: bool = True, height: int | str = "auto") -> None:
    """Draw a result table; IRI columns show labels, and a click on one opens its page."""
    config: dict = {}
    links: dict[str, list[str | None]] = {}
    if link and len(df):
        df, config, links = link_columns(df)
    for c in ("relation", "role"):  # memberOf → 成员 / member of
        if c in df.columns:
            df = df.assign(**{c: [relation_name(r) if isinstance(r, str) else r for r in df[c]]})
    df = blank_missing(df)
    for c in df.columns:  # headers in both languages; the data keeps its column names
        config.setdefault(c, st.column_config.Column(header(c)))
    linked_table(df, key, links, config, height)


def draw_graph(
    graph: Neighbourhood,
    key: str,
    height: int = 560,
    highlight: set[str] | None = None,
    colours: dict[str, str] | None = None,
) -> list[str]:
    """Draw nodes and edges with Cytoscape.js (drag, zoom, click); return the selected node IRIs.

    Nodes are coloured by class, or by `colours` (IRI → CSS colour, e.g. by community) where given.
    """
    highlight = highlight or set()
    colours = colours or {}
    elements = []
    for iri, node in graph.nodes.items():
        elements.append(
            {
                "data": {
                    "id": iri,
                    # Where and when beside the name: one name is often several entities.
                    "label": node.label[:20] + (f" ({node.where})" if node.where else ""),
                    "cls": node.cls or "Other",
                    "colour": colours.get(iri) or CLASS_COLOURS.get(node.cls, CLASS_COLOURS[""]),
                },
                "classes": "centre" if iri in highlight else "",
            }
        )
    for i, (source, relation, target) in enumerate(graph.edges):
        elements.append(
            # Relation names as everywhere: 成员 / member of, not memberOf.
            {
                "data": {
                    "id": f"e{i}",
                    "source": source,
                    "target": target,
                    "label": relation_name(relation),
                }
            }
        )
    big = len(graph.nodes) > 300
    stylesheet = [
        {
            "selector": "node",
            "style": {
                "label": "" if big else "data(label)",
                "background-color": "data(colour)",
                "font-size": 11,
                "width": 18,
                "height": 18,
                "text-valign": "bottom",
                "text-margin-y": 3,
            },
        },
        {
            "selector": "node.centre",
            "style": {
                "width": 30,
                "height": 30,
                "border-width": 3,
                "border-color": "#222",
                "label": "data(label)",
            },
        },
        {
            "selector": "node:selected",
            "style": {"border-width": 3, "border-color": "#e41a1c", "label": "data(label)"},
        },
        {
            "selector": "edge",
            "style": {
                "width": 1.2,
                "curve-style": "haystack" if big else "bezier",
                "target-arrow-shape": "none" if big else "triangle",
                "line-color": "#bbb",
                "target-arrow-color": "#bbb",
                "label": "" if big else "data(label)",
                "font-size": 8,
                "color": "#777",
                "text-rotation": "autorotate",
            },
        },
    ]
    layout = {
        "name": "fcose",
        "animationDuration": 0,
        "quality": "draft" if big else "default",
        "nodeRepulsion": 8000,
        "idealEdgeLength": 70,
    }
    selected = cytoscape(
        elements, stylesheet, layout=layout, height=f"{height}px", selection_type="single", key=key
    )
    return list((selected or {}).get("nodes", []))


def legend(classes: set[str]) -> None:
    """Draw the colour legend for the classes in a graph."""
    chips = " ".join(
        f"<span style='display:inline-block;margin-right:12px'><span style='display:inline-block;"
        f"width:11px;height:11px;border-radius:6px;background:{CLASS_COLOURS.get(c, '#969696')};"
        f"margin-right:4px'></span>{html_literal(class_label(c))}</span>"
        for c in sorted(classes)
    )
    st.markdown(chips, unsafe_allow_html=True)


def entity_picker(
    label: str, key: str, classes: tuple[str, ...] | None = None, default: str | None = None
) -> str | None:
    """A selectbox of entities (by label and class); returns the chosen IRI."""
    names = entity_captions(classes)
    options = list(names)
    index = options.index(default) if default in options else None
    return st.selectbox(
        label,
        options,
        index=index,
        key=key,
        format_func=lambda iri: names.get(iri, iri),
        placeholder="选择或输入名称 / choose or type a name",
    )


def entity_captions(classes: tuple[str, ...] | None = None) -> dict[str, str]:
    """Return 'label · 类 Class · jurisdiction · year' for every entity (of `classes`), sorted."""
    df = app_query("entities")
    df = df.assign(cls=df["class"].str.rsplit("#", n=1).str[-1])
    if classes:
        df = df[df["cls"].isin(classes)]
    # Per entity, by pandas rather than a loop over groups (0.8 s for 8 600 schools at 1 M
    # quads): its first label, most specific class, and first area and year in sorted order.
    entities = df.groupby("entity", sort=False)
    label = entities["label"].first()
    cls = entities["cls"].agg(main_class)
    area = df.dropna(subset=["area_name"]).groupby("entity")["area_name"].min()
    year = df.dropna(subset=["year"]).groupby("entity")["year"].min()
    out = {}
    for iri in label.index:
        where = where_when(*(str(v[iri]) if iri in v.index else "" for v in (area, year)))
        out[str(iri)] = NodeInfo(str(iri), label[iri], cls[iri], where).caption()
    return dict(sorted(out.items(), key=lambda kv: kv[1]))
