"""edukg front end (first page): the documents with their metadata, and a SPARQL box.

Views only: every query comes from queries/ or the user, and runs through graph_store.
"""

from __future__ import annotations

import os

import pandas as pd
import streamlit as st

from graph_store.named_queries import load_named_queries, run_named_query
from graph_store.open import open_store
from graph_store.protocol import GraphStore, StoreError
from graph_store.settings import get_setting


def store_location() -> str:
    """Return the store location from st.secrets, EDUKG_STORE/EDUKG_ENDPOINT or the default."""
    try:
        if "store_location" in st.secrets:
            return str(st.secrets["store_location"])
    except FileNotFoundError:
        pass
    return os.environ.get("EDUKG_ENDPOINT") or get_setting("store")


@st.cache_resource
def cached_store(location: str) -> GraphStore:
    return open_store(location, read_only=True)


def show_documents(store: GraphStore) -> None:
    st.header("文件 / Documents")
    queries = load_named_queries()
    result = run_named_query(store, queries["documents_by_issuer"])
    if not len(result):
        st.info("The store holds no documents yet. Run `edukg ingest data/corpus` first.")
        return
    st.dataframe(pd.DataFrame(result.values()), key="documents_table", hide_index=True)


def show_query(store: GraphStore) -> None:
    st.header("SPARQL")
    text = st.text_area(
        "Query", key="query_text", height=200,
        value="PREFIX ekg: <https://w3id.org/edukg/ontology#>\n"
        "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class",
    )
    if st.button("Run", key="run_query"):
        try:
            result = store.select(text, limit=int(get_setting("result_cap")))
        except StoreError as err:
            st.error(str(err))
            return
        st.dataframe(pd.DataFrame(result.values(), columns=list(result.variables)),
                     key="query_result", hide_index=True)


def main() -> None:
    st.set_page_config(page_title="edukg", layout="wide")
    st.title("edukg")
    store = cached_store(store_location())
    show_documents(store)
    show_query(store)


main()
