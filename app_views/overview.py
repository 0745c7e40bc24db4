"""Overview: what the graph holds, each number a link to the page that explains it."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from app_views.common import app_query, class_label, named_query, store_location
from app_views.literal import md_literal
from app_views.nav import page_link
from graph_store.app_queries import instances_query


def render() -> None:
    st.title("教育政策知识图谱 · 概览 / Overview")
    st.caption(f"Store: `{store_location()}`")
    counts = named_query("class_counts")
    if counts.empty:
        st.info(
            "The store holds no data yet. Run `edukg ingest data/corpus` (or upload documents "
            "on the Documents page), then reload."
        )
        return
    counts["class"] = counts["class"].str.rsplit("#", n=1).str[-1]
    counts["count"] = counts["count"].astype(int)
    st.subheader("各类实体 / Entities per class")
    columns = st.columns(5)
    for i, (cls, count) in enumerate(zip(counts["class"], counts["count"], strict=True)):
        with columns[i % 5]:
            st.metric(md_literal(class_label(cls)), f"{count:,}")  # a class IRI's local name
            page_link("sparql", f"list the {count} →", q=instances_query(cls))
    left, right = st.columns(2)
    with left:
        st.subheader("按辖区和年份的文件 / Documents by jurisdiction and year")
        docs = app_query("documents_by_area_year")
        if docs.empty:
            st.info("No document has a jurisdiction yet.")
        else:
            docs["documents"] = docs["documents"].astype(int)
            docs["open"] = [
                f"documents?area={quote(a or '')}&year={y or ''}&label={n}"
                for a, y, n in zip(docs["area"], docs["year"], docs["documents"], strict=True)
            ]
            pivot = docs.pivot_table(
                index="area_name", columns="year", values="documents", aggfunc="sum", fill_value=0
            )
            st.bar_chart(pivot, horizontal=True, height=260)
            st.dataframe(
                docs[["area_name", "year", "open"]].rename(columns={"open": "documents"}),
                key="overview_documents",
                hide_index=True,
                column_config={
                    "documents": st.column_config.LinkColumn(
                        "documents",
                        display_text=r"label=(\d+)$",
                        help="open these documents on the Documents page",
                    )
                },
            )
    with right:
        st.subheader("各辖区各指标的目标 / Targets by district and indicator")
        indicators = named_query("target_indicators")
        if indicators.empty:
            st.info("No quantitative targets (新增学位, 投入 …) were extracted yet.")
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
                    f"{choices[i].targets} targets, {choices[i].areas} jurisdictions"
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
            st.dataframe(
                targets[["area_name", "indicator", "unit", "year", "total", "targets"]],
                key="overview_targets",
                hide_index=True,
            )
            page_link(
                "sparql",
                "the query behind these numbers →",
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


if __name__ == "__main__":
    render()
