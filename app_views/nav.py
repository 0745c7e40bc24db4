"""The page registry: app.py routes with it, and pages link to each other through it.

Each page is a module in app_views/ run as a script (so AppTest.switch_page reaches it); its
`render()` draws the page.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent
# name → (title, icon)
PAGES = {
    "overview": ("概览 Overview", ":material/dashboard:"),
    "sparql": ("SPARQL 查询", ":material/code:"),
    "search": ("检索 Search", ":material/search:"),
    "explorer": ("图谱浏览 Graph explorer", ":material/hub:"),
    "programmes": ("项目与学校 Programmes & schools", ":material/school:"),
    "lineage": ("项目沿袭 Lineage", ":material/account_tree:"),
    "network": ("网络分析 Network analysis", ":material/share:"),
    "documents": ("文件 Documents", ":material/description:"),
    "resource": ("资源 Resource", ":material/link:"),
    "export": ("导出 Export", ":material/download:"),
}


def pages() -> dict[str, st.Page]:
    """Return the app's pages by short name, in menu order."""
    return {
        name: st.Page(
            HERE / f"{name}.py", title=title, icon=icon, url_path=name, default=name == "overview"
        )
        for name, (title, icon) in PAGES.items()
    }


def page_link(name: str, label: str, **query_params: str) -> None:
    """Draw a link to another page, opening it with `query_params`."""
    st.page_link(pages()[name], label=label, query_params=query_params or None)
