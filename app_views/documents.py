"""Documents: the list with filters, a reader with highlighted mentions, and upload + ingest."""

from __future__ import annotations

import html
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from app_views.common import (
    app_query,
    blank_missing,
    class_label,
    document_url,
    linked_column,
    linked_table,
    named_query,
    reopen_store,
    resource_url,
    store_location,
)
from app_views.labels import header
from app_views.literal import html_block, html_literal, md_literal
from graph_store.app_queries import CLASS_COLOURS, main_class
from graph_store.ingest import IngestReport, ingest_paths
from graph_store.open import open_store
from graph_store.protocol import StoreError


def render() -> None:
    st.title("文件 / Documents")
    if st.query_params.get("doc"):
        # A link asked for one document: the reader comes first (tabs cannot be selected).
        tab_read, tab_list, tab_upload = st.tabs(["阅读 Read", "列表 List", "上传 Upload"])
    else:
        tab_list, tab_read, tab_upload = st.tabs(["列表 List", "阅读 Read", "上传 Upload"])
    docs = app_query("documents")
    with tab_list:
        list_view(docs)
    with tab_read:
        read_view(docs)
    with tab_upload:
        upload_view()


# An empty filter keeps every document (Streamlit's own placeholder is English only).
EVERY = "全部 / all"


def list_view(docs) -> None:
    if docs.empty:
        st.info(
            "还没有文件:在“上传”页上传,或运行 `edukg ingest data/corpus` / No documents yet. "
            "Upload some on the Upload tab, or run `edukg ingest data/corpus`."
        )
        return
    cited = docs["source"].isna().sum()
    docs = docs.dropna(subset=["source"])
    if cited:
        st.caption(
            f"另有 {cited} 份仅知标题的被引文件未列出 / {cited} cited document(s) known only by "
            "title are not listed."
        )
    cols = st.columns(3)
    area_param = st.query_params.get("area")
    areas = sorted(docs["area_name"].dropna().unique())
    default_area = docs.loc[docs["area"] == area_param, "area_name"].dropna().unique().tolist()
    area = cols[0].multiselect(
        "辖区 / Jurisdiction",
        areas,
        default=default_area,
        key="documents_area",
        placeholder=EVERY,
    )
    years = sorted(docs["year"].dropna().unique())
    year_param = st.query_params.get("year")
    year = cols[1].multiselect(
        "年份 / Year",
        years,
        default=[year_param] if year_param in years else [],
        key="documents_year",
        placeholder=EVERY,
    )
    types = sorted(docs["doc_type"].dropna().unique())
    doc_type = cols[2].multiselect(
        "类型 / Type",
        types,
        key="documents_type",
        format_func=lambda t: DOC_TYPES.get(t, t),
        placeholder=EVERY,
    )
    shown = docs
    if area:
        shown = shown[shown["area_name"].isin(area)]
    if year:
        shown = shown[shown["year"].isin(year)]
    if doc_type:
        shown = shown[shown["doc_type"].isin(doc_type)]
    st.caption(f"{len(docs)} 份中的 {len(shown)} 份 / {len(shown)} of {len(docs)} documents")
    view = shown[
        ["title", "issued", "doc_type", "area_name", "year", "issuer_name", "number", "source"]
    ].copy()
    view["title"] = [display_title(r) for _, r in shown.iterrows()]
    view["doc_type"] = [DOC_TYPES.get(t, t) if isinstance(t, str) else "" for t in view["doc_type"]]
    view.insert(0, "read", "阅读 / read")
    config = {c: st.column_config.Column(header(c)) for c in view.columns}
    config["read"] = linked_column(header("read"), "在阅读器中打开 / open in the reader")
    linked_table(
        blank_missing(view.reset_index(drop=True)),
        "documents_table",
        {"read": [document_url(d, "") for d in shown["document"]]},
        config,
    )


def read_view(docs) -> None:
    readable = docs.dropna(subset=["source"]) if not docs.empty else docs
    if readable.empty:
        st.info("还没有可阅读的文件 / No document to read yet.")
        return
    options = readable["document"].tolist()
    titles = {r["document"]: display_title(r) for _, r in readable.iterrows()}
    wanted = st.query_params.get("doc")
    # A link opened in this session (a table's read column) shows its document even though the
    # picker already holds a value, which a keyed selectbox keeps over its `index`.
    if wanted in options and st.session_state.get("documents_doc_from_url") != wanted:
        st.session_state["documents_doc_from_url"] = wanted
        st.session_state["documents_read"] = wanted
    if st.session_state.get("documents_read") not in options:
        st.session_state["documents_read"] = options[0]
    # The picker reads its value from the session state only (an `index` as well makes
    # Streamlit warn that the widget had a default and a Session State value).
    document = st.selectbox(
        "文件 / Document", options, key="documents_read", format_func=lambda d: titles[d]
    )
    st.markdown(
        document_heading(readable[readable["document"] == document].iloc[0]),
        unsafe_allow_html=True,
    )
    sections = named_query("document_sections", document=document)
    texts = app_query("document_text", document=document)
    text = texts["text"].iloc[0] if not texts.empty and texts["text"].iloc[0] else ""
    speakers = app_query("section_speakers", document=document)
    mentions = app_query("document_mentions", document=document)
    left, right = st.columns([1, 3])
    with left:
        st.markdown("**章节 / Outline**")
        if sections.empty:
            st.caption("没有编号章节 / No numbered sections.")
        said = dict(zip(speakers["section"], speakers["speaker"], strict=True))
        entries = (outline_entry(s, said.get(s.section), text) for s in sections.itertuples())
        for entry in entries:
            if entry:  # a section with neither number nor heading is no entry of the outline
                st.markdown(html_block(entry), unsafe_allow_html=True)
        classes = {main_class([c.rsplit("#", 1)[-1]]) for c in mentions["class"].dropna()}
        st.markdown("**图例 / Legend**")
        for cls in sorted(c for c in classes if c):
            st.markdown(
                f"<span style='background:{CLASS_COLOURS.get(cls)}55;padding:0 4px'>"
                f"{html_literal(class_label(cls))}</span>",
                unsafe_allow_html=True,
            )
    with right:
        if not text:
            st.info(
                "未存储该文件的正文(ekg:text),重新导入后可在此阅读 / This document's text is "
                "not stored (ekg:text); re-ingest it to read it here."
            )
            return
        st.markdown(
            f"<div style='white-space:pre-wrap;line-height:1.8;max-height:640px;overflow:auto'>"
            f"{highlight(text, mentions)}</div>",
            unsafe_allow_html=True,
        )
        st.caption(
            f"已标出 {mentions['mention'].nunique()} 处提及,点击打开其资源页 / "
            f"{mentions['mention'].nunique()} mentions highlighted; click one to open its page "
            "(statements, evidence, documents)."
        )


def document_heading(row: pd.Series) -> str:
    """Return the reader's heading as HTML: the title in bold; issuer, date, number, file.

    Every value is the document's own text, shown as written (html_block).
    """
    title = display_title(row)
    facts = [str(row[c]) for c in ("issuer_name", "issued", "number", "source") if pd.notna(row[c])]
    heading = html_block(title, "font-weight:600")
    return heading + html_block(" · ".join(facts), "margin-bottom:1rem")


def display_title(row: pd.Series) -> str:
    """Return a document's title, or for a page without one (an interview transcript) its type
    and file name: never an IRI, None or nan."""
    title = row.get("title")
    if isinstance(title, str) and title.strip():
        return title
    kind = row.get("doc_type")
    kind = DOC_TYPES.get(kind, kind) if isinstance(kind, str) else "文件 / document"
    source = row.get("source")
    return f"（无标题 / untitled {kind}）{source if isinstance(source, str) else ''}".strip()


# The doc_type values the loaders write, in the app's two languages.
DOC_TYPES = {
    "work_plan": "工作要点 / work plan",
    "implementation_plan": "实施方案 / implementation plan",
    "notice": "通知 / notice",
    "interview": "访谈 / interview",
    "plan": "规划 / plan",
    "news": "新闻 / news",
    "other": "其他 / other",
}
_TURNS = {"question": "问 Q", "answer": "答 A"}


def outline_entry(section, speaker: str | None, text: str) -> str:  # noqa: ANN001
    """Return one outline line: a numbered section's number and heading; an interview turn's
    role, speaker and first words (turns have no heading of their own)."""
    indent = "　" * (int(section.level) - 1 if isinstance(section.level, str) else 0)
    if section.kind in _TURNS:
        start, end = int(section.start), int(section.end)
        words = text[start:end].strip().replace("\n", " ")
        words = words[:18] + ("…" if len(words) > 18 else "")
        who = f" {speaker}" if isinstance(speaker, str) and speaker else ""
        return f"{indent}{_TURNS[section.kind]}{who}: {words}"
    number = section.number if isinstance(section.number, str) else ""
    heading = section.heading if isinstance(section.heading, str) else ""
    return f"{indent}{number} {heading}".strip()


def highlight(text: str, mentions) -> str:
    """Return the text as HTML with each mention a coloured link into the explorer.

    The document's text and labels are escaped (html_literal) before the link markup is added,
    so only that markup is read as HTML, and the result is one Markdown line.
    """
    spans = {}
    for m in mentions.to_dict("records"):
        start, end = int(m["start"]), int(m["end"])
        cls = main_class([(m["class"] or "").rsplit("#", 1)[-1]])
        previous = spans.get(start, (0, "", "", ""))[3]
        spans[start] = (end, m["entity"], m["label"] or "", main_class([cls, previous]))
    out, pos = [], 0
    for start in sorted(spans):
        end, entity, label, cls = spans[start]
        if start < pos or end > len(text):
            continue
        out.append(html_literal(text[pos:start]))
        colour = CLASS_COLOURS.get(cls, CLASS_COLOURS[""])
        out.append(
            f"<a href='{html.escape(resource_url(entity, label))}' target='_self' "
            f"title='{html_literal(f'{class_label(cls)}: {label}')}' "
            f"style='background:{colour}55;border-bottom:2px solid {colour};color:inherit;"
            f"text-decoration:none'>{html_literal(text[start:end])}</a>"
        )
        pos = end
    out.append(html_literal(text[pos:]))
    return "".join(out)


def ingest_uploads(location: str, uploads: list[tuple[str, bytes]], progress=None) -> IngestReport:
    """Write uploaded files to a temporary folder and ingest them through a writable handle.

    The app's cached store is read-only, so a second, writable handle does the writing; the
    caller then drops the caches (reopen_store) so every page sees the new documents.

    Raises:
        StoreError: the store cannot be opened for writing (another process holds it).
    """
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, data in uploads:
            path = Path(folder) / Path(name).name
            path.write_bytes(data)
            paths.append(path)
        writable = open_store(location)
        try:
            report = ingest_paths(writable, paths, progress=progress)
        finally:
            writable.close()
    # The server's temporary folder is none of the uploader's business: name the file only.
    failed = tuple(
        replace(f, path=Path(f.path).name, message=f.message.replace(f"{folder}/", ""))
        for f in report.failed
    )
    return replace(report, failed=failed)


def upload_view() -> None:
    st.caption(
        "上传 .txt 或 .html 政策文件,每份成为一个命名图(重新上传替换其图)/ Upload .txt or "
        ".html policy documents; each becomes its own named graph (re-uploading a file "
        "replaces its graph)."
    )
    files = st.file_uploader(
        "文件 / Files",
        type=["txt", "html", "htm"],
        accept_multiple_files=True,
        key="documents_upload",
    )
    shown = st.session_state.pop("documents_report", None)
    if shown is not None:
        show_report(shown)
    if not files or not st.button("导入 / Ingest", key="documents_ingest", type="primary"):
        return
    bar = st.progress(0.0, text="读取中 / reading…")

    def progress(results, total):
        for i, item in enumerate(results, 1):
            bar.progress(i / max(total, 1), text=f"{i}/{total}: {md_literal(item[0].name)}")
            yield item

    uploads = [(upload.name, upload.getvalue()) for upload in files]
    try:
        report = ingest_uploads(store_location(), uploads, progress)
    except StoreError as err:
        st.error(
            f"无法以写入方式打开数据库 / The store cannot be opened for writing "
            f"({md_literal(err)}). Another process (e.g. `edukg serve`) may hold it: stop it, "
            "or run `edukg ingest FILES` instead / 请停止占用它的进程,或改用 edukg ingest。"
        )
        return
    reopen_store()
    # Run the page again, so the list and the reader above show the new documents; the report
    # is shown on that run.
    st.session_state["documents_report"] = report
    st.rerun()


def show_report(report: IngestReport) -> None:
    """Show what an upload loaded and what failed, one line per file."""
    # File names, titles and messages (which quote the file) are the uploader's text.
    for loaded in report.loaded:
        name = f"{Path(loaded.path).name}: {loaded.title or loaded.doc_id}"
        st.success(f"{md_literal(name)} ({loaded.quads} 个三元组 / triples)")
    for failure in report.failed:
        name = Path(failure.path).name
        message = failure.message
        # The message names its file already (describe_failure); say the name once.
        st.error(md_literal(message if message.startswith(name) else f"{name}: {message}"))


if __name__ == "__main__":
    render()
