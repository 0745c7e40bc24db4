"""edukg research front end: a multipage Streamlit app over the knowledge graph.

Views only: every page lives in app_views/ (one module per page), every query comes from
queries/ or graph_store.app_queries, and free-form SPARQL runs through graph_store.sandbox.
Run with `streamlit run app.py`; the store comes from st.secrets["store_location"],
EDUKG_ENDPOINT or EDUKG_STORE.
"""

from __future__ import annotations

import streamlit as st

from app_views.common import reload_if_store_changed
from app_views.nav import pages
from app_views.same_tab import keep_links_in_session

st.set_page_config(page_title="edukg 教育政策知识图谱", page_icon="📚", layout="wide")
if reload_if_store_changed():  # another process (`edukg ingest`, `edukg delete`) wrote the store
    st.toast("The store changed on disk: reloaded / 数据已更新，已重新载入", icon=":material/sync:")
keep_links_in_session()  # HTML links open their page in this session, not a new one
st.navigation(list(pages().values())).run()
