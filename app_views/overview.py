"""Overview: what the graph holds, each number a link to the page that explains it."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from app_views.common import (
    app_query,
    blank_missing,
    class_label,
    linked_column,
    linked_table,
    named_query,
    store_location,
    store_totals,
)
from app_views.labels import header
from app_views.literal import md_literal
from app_views.nav import page_link
from graph_store.app_queries import instances_query


def render() -> None:
    st.title("教育政策知识图谱 · 概览 / Overview")
    st.caption(f"数据库 / Store: `{store_location()}`")
    counts = named_query("class_counts")
    if counts.empty:
        st.info(
            "数据库还是空的:运行 `edukg ingest data/corpus`(或在文件页上传文件)后重新载入 / "
            "The store holds no data yet. Run `edukg ingest data/corpus` (or upload documents "
            "on the Documents page), then reload."
        )
        return
    counts["class"] = counts["class"].str.rsplit("#", n=1).str[-1]
    counts["count"] = counts["count"].astype(int)
    quads, graphs = store_totals()
    loaded = int(app_query("loaded_documents")["documents"].iloc[0] or 0)
    per_class = dict(zip(counts["class"], counts["count"], strict=True))
    cited = per_class.pop("Document", 0) - loaded
    records = {cls: per_class.pop(cls) for cls in _RECORDS if cls in per_class}
    st.subheader("图谱规模 / Size of the graph")
    sizes = st.columns(4)
    sizes[0].metric("已载入文件 / Documents loaded", f"{loaded:,}")
    sizes[1].metric("被引文件 / Cited documents", f"{cited:,}")
    sizes[2].metric("三元组 / Triples (quads)", f"{quads:,}")
    sizes[3].metric("命名图 / Named graphs", f"{graphs:,}")
    st.subheader("各类实体 / Entities per class")
    _class_metrics(per_class)
    st.subheader("出处与结构 / Provenance and structure")
    st.caption(
        "提及是句中出现实体之处,章节是文件的结构,不是实体 / A mention is where a sentence "
        "names an entity and a section is a part of a document: records, not entities."
    )
    _class_metrics(records)
    left, right = st.columns(2)
    with left:
        st.subheader("按辖区和年份的文件 / Documents by jurisdiction and year")
        docs = app_query("documents_by_area_year")
        if docs.empty:
            st.info("还没有文件标有辖区 / No document has a jurisdiction yet.")
        else:
            docs["documents"] = docs["documents"].astype(int)
            links = [
                f"documents?area={quote(a or '')}&year={y or ''}"
                for a, y in zip(docs["area"], docs["year"], strict=True)
            ]
            pivot = docs.pivot_table(
                index="area_name", columns="year", values="documents", aggfunc="sum", fill_value=0
            )
            st.bar_chart(pivot, horizontal=True, height=260)
            linked_table(
                docs[["area_name", "year", "documents"]].reset_index(drop=True),
                "overview_documents",
                {"documents": links},
                {
                    "area_name": st.column_config.Column(header("area_name")),
                    "year": st.column_config.Column(header("year")),
                    "documents": linked_column(
                        header("documents"),
                        "在文件页打开这些文件 / open them on the Documents page",
                    ),
                },
            )

    with right:
        st.subheader("各辖区各指标的目标 / Targets by district and indicator")
        indicators = named_query("target_indicators")
        if indicators.empty:
            st.info(
                "还没有抽取到量化目标 / No quantitative targets (新增学位, 投入 …) were extracted yet."
            )
        else:
            # One indicator at a time, compared across districts: real corpora have dozens of
            # indicators, and the query sums one indicator's targets (fast at any size).
            choices = list(indicators.itertuples(index=False))
            choice = st.selectbox(
                "指标 / Indicator",
                range(len(choices)),
                key="overview_indicator",
                format_func=lambda i: (
                    f"{choices[i].indicator} ({choices[i].unit or '—'}) · "
                    f"{choices[i].targets} 个目标 / targets · {choices[i].areas} 个辖区 / "
                    "jurisdictions"
                ),
            )
            picked = choices[choice]
            targets = named_query("targets_by_area_and_indicator", indicator=picked.indicator)
            # The same indicator in another unit (万元 and 元) is another series.
            targets = targets[targets["unit"].fillna("") == (picked.unit or "")].copy()
            targets["total"] = pd.to_numeric(targets["total"])
            st.bar_chart(
                targets.pivot_table(
                    index="area_name", columns="year", values="total", aggfunc="sum"
                ),
                height=220,
            )
            shown = ["area_name", "indicator", "unit", "year", "total", "targets"]
            st.dataframe(
                blank_missing(targets[shown]),
                key="overview_targets",
                hide_index=True,
                column_config={c: st.column_config.Column(header(c)) for c in shown},
            )
            page_link(
                "sparql",
                "这些数字背后的查询 / the query behind these numbers →",
                example="targets_by_area_and_indicator",
            )
    st.subheader("从这里开始 / Start here")
    cols = st.columns(4)
    with cols[0]:
        page_link("search", "检索 Search")
    with cols[1]:
        page_link("explorer", "图谱 Explore")
    with cols[2]:
        page_link("lineage", "沿袭 Lineage")
    with cols[3]:
        page_link("documents", "文件 Read")


# Classes whose instances are records about the documents, not things the documents name.
_RECORDS = ("Mention", "Section")


def _class_metrics(counts: dict[str, int]) -> None:
    columns = st.columns(5)
    for i, (cls, count) in enumerate(counts.items()):
        with columns[i % 5]:
            st.metric(md_literal(class_label(cls)), f"{count:,}")  # a class IRI's local name
            page_link("sparql", f"列出 / list the {count} →", q=instances_query(cls))


if __name__ == "__main__":
    render()
