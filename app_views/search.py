"""Search: one box finds entities (Chinese, partial or pinyin) and the sentences that name them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_views.common import class_label, document_url, labels, resource_url, search_index


def render() -> None:
    st.title("检索 / Search")
    st.caption(
        "Names in Chinese (西仓桥), part of a name (仓桥), or pinyin (xicangqiao, xcq); "
        "sentences and section text are searched too."
    )
    initial = st.query_params.get("text", "")
    text = st.text_input(
        "检索词 / Search",
        value=initial,
        key="search_text",
        placeholder="例如 三名工程 / 西仓桥 / sanming",
    )
    if not text.strip():
        st.info("Type a name or a phrase above to start.")
        return
    index = search_index()
    entities = index.entities(text, limit=50)
    sentences = [h for h in index.search(text, ("mention", "section"), limit=200)]
    st.subheader(f"实体 / Entities ({len(entities)})")
    if entities:
        # Where and when tell apart entities of one name (集团化办学 in four districts).
        info = labels([h.record.iri for h in entities])
        df = pd.DataFrame(
            [
                {
                    "name": resource_url(h.record.iri, h.record.label),
                    "matched": h.record.text,
                    "class": class_label(h.record.cls),
                    "where / 辖区 年份": info[h.record.iri].where,
                    "iri": h.record.iri,
                }
                for h in entities
            ]
        )
        st.dataframe(
            df,
            key="search_entities",
            hide_index=True,
            column_config={
                "name": st.column_config.LinkColumn(
                    "name", display_text=r"label=(.*)$", help="open its page / 打开资源页"
                )
            },
        )
    else:
        st.info("No entity name matches. Try fewer characters, or the pinyin of the name.")
    st.subheader(f"句子 / Sentences ({len(sentences)})")
    if sentences:
        docs = labels([h.record.document for h in sentences if h.record.document])
        seen = set()
        rows = []
        for hit in sentences:
            r = hit.record
            if (r.text, r.document) in seen:
                continue
            seen.add((r.text, r.document))
            doc = docs.get(r.document)
            rows.append(
                {
                    "sentence": r.text,
                    "about": resource_url(r.iri, r.label) if r.kind == "mention" else "",
                    "document": document_url(r.document, doc.label if doc else r.document),
                }
            )
        st.dataframe(
            pd.DataFrame(rows),
            key="search_sentences",
            hide_index=True,
            column_config={
                "about": st.column_config.LinkColumn("about", display_text=r"label=(.*)$"),
                "document": st.column_config.LinkColumn("document", display_text=r"label=(.*)$"),
            },
        )
    else:
        st.info("No sentence contains this text.")


if __name__ == "__main__":
    render()
