"""Search: one box finds entities (Chinese, partial or pinyin) and the sentences that name them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_views.common import (
    class_label,
    document_url,
    labels,
    linked_column,
    linked_table,
    resource_url,
    search_index,
)
from app_views.labels import header, prefixed


def render() -> None:
    st.title("检索 / Search")
    st.caption(
        "可输入中文名称、部分名称或拼音,也检索句子与章节 / Names in Chinese (西仓桥), part of a "
        "name (仓桥), or pinyin (xicangqiao, xcq); sentences and section text are searched too."
    )
    initial = st.query_params.get("text", "")
    text = st.text_input(
        "检索词 / Search",
        value=initial,
        key="search_text",
        placeholder="例如 三名工程 / 西仓桥 / sanming",
    )
    if not text.strip():
        st.info("在上方输入名称或短语 / Type a name or a phrase above to start.")
        return
    index = search_index()
    entities = index.entities(text, limit=50)
    sentences = [h for h in index.search(text, ("mention", "section"), limit=200)]
    st.subheader(f"实体 / Entities ({len(entities)})")
    if entities:
        # Where and when tell apart entities of one name (集团化办学 in four districts).
        info = labels([h.record.iri for h in entities])
        hits = [h.record for h in entities]
        df = pd.DataFrame(
            [
                {
                    "name": r.label,
                    "matched": r.text,
                    "class": class_label(r.cls),
                    "area": info[r.iri].area,
                    "year": info[r.iri].year,
                    "iri": prefixed(r.iri),
                }
                for r in hits
            ]
        )
        config = {c: st.column_config.Column(header(c)) for c in df.columns}
        config["name"] = linked_column(header("name"), "打开资源页 / open its page")
        linked_table(df, "search_entities", {"name": [resource_url(r.iri) for r in hits]}, config)
    else:
        st.info(
            "没有匹配的实体名称,请少输几个字或用拼音 / No entity name matches. Try fewer "
            "characters, or the pinyin of the name."
        )
    st.subheader(f"句子 / Sentences ({len(sentences)})")
    if sentences:
        docs = labels([h.record.document for h in sentences if h.record.document])
        seen = set()
        rows, links = [], {"about": [], "document": []}
        for hit in sentences:
            r = hit.record
            if (r.text, r.document) in seen:
                continue
            seen.add((r.text, r.document))
            doc = docs.get(r.document)
            mention = r.kind == "mention"
            rows.append(
                {
                    "sentence": r.text,
                    "about": r.label if mention else "",
                    "document": doc.label if doc else r.document,
                }
            )
            links["about"].append(resource_url(r.iri) if mention else None)
            links["document"].append(document_url(r.document, "") if r.document else None)
        linked_table(
            pd.DataFrame(rows),
            "search_sentences",
            links,
            {
                "sentence": st.column_config.Column(header("sentence")),
                "about": linked_column(header("about")),
                "document": linked_column(header("document")),
            },
        )
    else:
        st.info("没有句子包含这段文字 / No sentence contains this text.")


if __name__ == "__main__":
    render()
