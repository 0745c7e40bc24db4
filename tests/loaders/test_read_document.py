"""read_document on the bundled corpus: golden metadata and outlines, other encodings, errors."""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import asdict
from pathlib import Path

import opencc
import pytest

from loaders.documents import DocumentError, PolicyDocument
from loaders.normalise import normalise_text
from loaders.read import read_document
from loaders.readers import READERS, read_html
from loaders.readers.glosses import as_glossed
from tests.golden import golden_text

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "golden" / "documents"
GOLDEN_FIELDS = (
    "title",
    "doc_type",
    "issuer",
    "issuer_full",
    "date",
    "doc_number",
    "index_number",
    "recipients",
    "copied_to",
    "printed_by",
    "printed_on",
    "jurisdiction",
    "year",
)
CORPUS = sorted((Path(__file__).resolve().parents[2] / "data" / "corpus").glob("*.txt"))


def summary(document: PolicyDocument) -> dict[str, object]:
    """Return the golden view of a document: the metadata fields and the section outline."""
    metadata = asdict(document.metadata)
    values = {field: metadata[field] for field in GOLDEN_FIELDS}
    values = {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
    values["outline"] = [
        [section.path, section.number, section.heading]
        if section.kind == "section"
        else [section.path, section.kind, section.timestamp, section.speaker]
        for section in document.all_sections()
    ]
    return values


def as_text(values: dict[str, object]) -> str:
    return json.dumps(values, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem[:3] for p in CORPUS])
def test_read_document_matches_golden_metadata_and_outline(
    path: Path, request: pytest.FixtureRequest
) -> None:
    golden = GOLDEN_DIR / f"{path.stem}.json"
    got = summary(read_document(path))
    update = request.config.getoption("--update-golden")
    expected = json.loads(golden_text(golden, as_text(got) + "\n", update))
    if got != expected:
        diff = "\n".join(
            difflib.unified_diff(
                as_text(expected).splitlines(),
                as_text(got).splitlines(),
                "golden",
                "read_document",
                lineterm="",
            )
        )
        pytest.fail(f"{path.name} differs from {golden.name}:\n{diff}")


def test_read_document_cites_evidence_in_the_original_text(corpus_dir: Path) -> None:
    document = read_document(corpus_dir / "001_f3d5e20a6c1850ac.txt")
    evidence = document.metadata.evidence
    assert document.text[evidence["doc_number"].start : evidence["doc_number"].end] == (
        "泰海教〔2020〕28号"
    )
    # dated by its byline's 发布时间; the signature's date is its 成文 date
    assert document.text[evidence["date"].start : evidence["date"].end] == "2020-05-09"
    assert (
        "2020年4月28日" in document.text[evidence["written_on"].start : evidence["written_on"].end]
    )
    assert len(document.norm) == len(document.text)


def test_read_document_ids_are_stable_and_distinct(corpus_dir: Path) -> None:
    first = [read_document(p).doc_id for p in sorted(corpus_dir.glob("*.txt"))]
    second = [read_document(p).doc_id for p in sorted(corpus_dir.glob("*.txt"))]
    assert first == second
    assert len(set(first)) == len(first)


def test_read_document_drops_portal_boilerplate_from_body(corpus_dir: Path) -> None:
    body = read_document(corpus_dir / "000_6ec6c73d85554b96.txt").body_text()
    for portal_text in ("繁体版", "主办单位", "ICP备", "【打印本页】", "索 引 号", "内容概述"):
        assert portal_text not in body
    assert body.startswith("立足公平")
    notice = read_document(corpus_dir / "001_f3d5e20a6c1850ac.txt").body_text()
    assert "抄送:市教育局" in notice and notice.rstrip().endswith("印发")


# --- the same document in other encodings and formats --------------------------------------

COMPARED = GOLDEN_FIELDS


# Big5 has no 着: traditional text writes 著 for both, and a per-character conversion back
# (loaders.normalise keeps offsets, so it cannot look at phrases) cannot tell 著力 from 著名.
_BIG5_AMBIGUOUS = str.maketrans("著", "着")


def _same_reading(original: PolicyDocument, copy: PolicyDocument) -> None:
    # A traditional-character copy gives its text fields in its own characters: the same
    # reading, written otherwise.
    want = {f: getattr(original.metadata, f) for f in COMPARED}
    got = {f: _simplified(getattr(copy.metadata, f)) for f in COMPARED}
    assert got == want
    if copy.text != copy.norm and copy.metadata.title:
        assert copy.metadata.title in copy.text.replace("\n", "")
    assert [s.heading.translate(_BIG5_AMBIGUOUS) for s in copy.all_sections()] == [
        s.heading.translate(_BIG5_AMBIGUOUS) for s in original.all_sections()
    ]


def _simplified(value: object) -> object:
    if isinstance(value, str):
        return normalise_text(value)
    if isinstance(value, tuple):
        return tuple(_simplified(v) for v in value)
    return value


def _traditional(text: str) -> str:
    # s2tw picks the Big5 forms (為, 啟); no-break spaces have no Big5 code.
    return opencc.OpenCC("s2tw").convert(text).replace("\xa0", " ").replace("\u2002", " ")


PORTAL_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="SiteName" content="某某市人民政府门户网站">
<meta name="ColumnName" content="通知公告">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{published}">
<meta name="ContentSource" content="{issuer}">
<title>{title}_某某市人民政府</title>
<style>.nav {{ color: red }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script>
</head><body>
<div class="top"><ul class="nav"><li><a href="/">首页</a></li><li><a>机构概况</a></li>
<li><a>政务公开</a></li><li><a>办事服务</a></li><li><a>互动交流</a></li></ul>
<a href="#">无障碍</a> | <a href="#">登录</a></div>
<div class="crumb">当前位置:<a>首页</a> &gt; <a>政务公开</a> &gt; 通知公告</div>
<div class="article">{paragraphs}</div>
<div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】 分享到:<a>微信</a></div>
<noscript>请开启JavaScript</noscript>
<div class="footer"><p>网站地图 | 联系我们 | 隐私声明</p>
<p>主办单位:某某市人民政府办公室 技术支持:某某网络公司</p>
<p>ICP备12345678号-1 公网安备 32000000000001号 网站标识码:3200000001</p></div>
<script>console.log("footer")</script>
</body></html>
"""


def _portal_page(text: str, document: PolicyDocument, charset: str) -> str:
    metadata = document.metadata
    paragraphs = "\n".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return PORTAL_PAGE.format(
        charset=charset,
        title=metadata.title or "",
        published=metadata.published_on or metadata.date or "",
        issuer=metadata.issuer or "",
        paragraphs=paragraphs,
    )


# 000 carries portal navigation and a footer of its own, 001 a full GB/T 9704 notice,
# 002 an 印发 notice without a title line, 003 a disclosure header, 004 an interview.
@pytest.mark.parametrize(
    "stem", ["001_f3d5e20a6c1850ac", "002_a7077468861bd77e", "003_3eedb6d38b88a814"]
)
@pytest.mark.parametrize("variant", ["gb18030", "big5", "utf-8-sig", "html"])
def test_read_document_gives_same_reading_in_other_encodings(
    stem: str, variant: str, corpus_dir: Path, tmp_path: Path
) -> None:
    source = corpus_dir / f"{stem}.txt"
    original = read_document(source)
    text = source.read_text(encoding="utf-8")
    if variant == "html":
        copy_path = tmp_path / f"{stem}.html"
        copy_path.write_bytes(_portal_page(text, original, "gb2312").encode("gb18030"))
    elif variant == "big5":
        copy_path = tmp_path / f"{stem}.txt"
        copy_path.write_bytes(_traditional(text).encode("big5"))
    else:
        copy_path = tmp_path / f"{stem}.txt"
        copy_path.write_bytes(text.encode(variant))
    copy = read_document(copy_path)
    assert copy.encoding == {"html": "gb18030", "utf-8-sig": "utf-8-sig"}.get(variant, variant)
    _same_reading(original, copy)


def test_read_document_html_page_reads_meta_and_drops_scripts(
    corpus_dir: Path, tmp_path: Path
) -> None:
    source = corpus_dir / "003_3eedb6d38b88a814.txt"
    original = read_document(source)
    page = tmp_path / "page.htm"
    page.write_text(_portal_page(source.read_text("utf-8"), original, "utf-8"), "utf-8")
    copy = read_document(page)
    assert copy.media_type == "text/html"
    assert "统计代码" not in copy.text and "console.log" not in copy.text
    assert "请开启JavaScript" not in copy.text
    body = copy.body_text()
    for portal_text in ("当前位置", "打印本页", "ICP备", "网站地图", "机构概况"):
        assert portal_text not in body
    assert body.startswith("2019年常州市教育工作要点")


def test_read_document_interview_turns_survive_encodings(corpus_dir: Path, tmp_path: Path) -> None:
    source = corpus_dir / "004_1c5b6911978da789.txt"
    original = read_document(source)
    copy_path = tmp_path / "interview.txt"
    copy_path.write_bytes(source.read_text("utf-8").encode("gb18030"))
    copy = read_document(copy_path)
    assert [(s.kind, s.timestamp, s.speaker) for s in copy.sections] == [
        (s.kind, s.timestamp, s.speaker) for s in original.sections
    ]


def test_read_document_html_nested_5000_deep_is_read_without_recursion(tmp_path: Path) -> None:
    # Generated or broken markup nests this deep; the parser accepts it, and a recursive walk
    # of the tree raised RecursionError, which stopped a whole ingest batch.
    depth = 5000
    line = "海陵区教育局关于做好课后服务工作的通知。各中小学要全面实施课后服务。"
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>" + "<div>" * depth + f"<p>{line}</p>" + "</div>" * depth + "</body></html>",
        "utf-8",
    )
    assert read_html(page).text == line
    assert read_document(page).text == line


# --- errors -------------------------------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return message


def test_read_document_rejects_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty file" in _error(path)


def test_read_document_rejects_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary file" in _error(path)


def test_read_document_rejects_truncated_gb18030(corpus_dir: Path, tmp_path: Path) -> None:
    data = (corpus_dir / "002_a7077468861bd77e.txt").read_text("utf-8").encode("gb18030")
    cut = len(data) - 1
    while data[cut - 1] < 0x80:  # end inside a two-byte character
        cut -= 1
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:cut])
    message = _error(path)
    assert f"truncated or invalid GB18030 byte sequence at byte {cut - 1}" in message


def test_read_document_rejects_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    message = _error(path)
    assert "unsupported file type '.pdf'" in message
    assert all(ext in message for ext in READERS)


def test_read_document_rejects_text_without_chinese(tmp_path: Path) -> None:
    path = tmp_path / "readme.txt"
    path.write_text("just some English notes\n" * 5, "utf-8")
    assert "not a Chinese document" in _error(path)


def test_read_document_rejects_japanese_text(tmp_path: Path) -> None:
    # Written for this test: a Japanese school notice, kanji between kana.
    path = tmp_path / "oshirase.txt"
    path.write_text(
        "令和六年度の学校教育計画について、本校は次のとおり定めました。\n" * 10, "utf-8"
    )
    message = _error(path)
    assert "oshirase.txt" in message and "Japanese text" in message


def test_read_document_keeps_chinese_text_with_a_stray_kana(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("全区开展“悦读の家”亲子阅读活动,推进书香校园建设。\n" * 10, "utf-8")
    assert read_document(path).text.startswith("全区")


def test_read_document_names_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    # A GBK file name, as Windows archives write them: 测试.txt.
    name = os.fsdecode("测试.txt".encode("gbk"))
    path = tmp_path / name
    path.write_text("全区开展书香校园建设活动,推进全民阅读,提升师生素养。\n" * 3, "utf-8")
    doc = read_document(path)
    assert doc.source == "测试.txt"
    doc.source.encode("utf-8")  # no surrogates left to fail the RDF writer


def test_read_document_refuses_a_file_over_the_size_limit(tmp_path: Path, monkeypatch) -> None:
    from graph_store.settings import SETTINGS
    from loaders.readers import MAX_DOCUMENT_MB_DEFAULT

    default = next(s for s in SETTINGS if s.name == "max_document_mb").default
    assert float(default) == MAX_DOCUMENT_MB_DEFAULT  # the documented default is the one used
    path = tmp_path / "huge.txt"
    path.write_text("全区开展书香校园建设活动,推进全民阅读。\n" * 2000, "utf-8")
    monkeypatch.setenv("EDUKG_MAX_DOCUMENT_MB", "0.05")
    message = _error(path)
    assert message.startswith(f"{path}: 0.1 MB, larger than a document may be (0.05 MB")
    assert "\n" not in message
    monkeypatch.setenv("EDUKG_MAX_DOCUMENT_MB", "1")
    assert read_document(path).text.startswith("全区")


def test_read_document_refuses_a_page_of_navigation_only(tmp_path: Path) -> None:
    # Written for this test: a portal page whose every line is navigation, location or footer.
    path = tmp_path / "nav.html"
    path.write_text(
        "<html><head><title>青松区教育局门户网站</title></head><body>"
        "<div>首页 | 机构概况 | 政务公开 | 教育动态 | 通知公告 | 办事服务 | 互动交流</div>"
        "<div>您当前的位置:首页 > 通知公告</div>"
        "<div>版权所有:青松区教育局 地址:青松路1号 技术支持:某网络公司 备案号:浙ICP备12345678号</div>"
        "</body></html>",
        "utf-8",
    )
    message = _error(path)
    assert message == f"{path}: no document text, only a site's navigation and notices"


def test_a_table_row_is_one_line_with_its_cells_tab_separated(tmp_path: Path) -> None:
    page = tmp_path / "table.html"
    page.write_text(
        "<html><body><h1>青禾县教育集团名单</h1><p>名单如下。</p><table>"
        "<tr><th>集团名称</th><th>成员学校</th></tr>"
        "<tr><td>青松教育集团</td><td> 白桦小学、红杉小学 </td><td></td></tr>"
        "</table><p>特此公告。</p></body></html>",
        encoding="utf-8",
    )
    text = read_html(page).text
    assert "集团名称\t成员学校\n青松教育集团\t白桦小学、红杉小学\n" in text


def test_pinyin_glosses_are_read_as_annotation_not_text(tmp_path: Path) -> None:
    # Some sites print each character's reading after it; a page saved as text keeps them,
    # an HTML page writes them as <ruby> readings. Neither belongs to the document's words.
    glossed = (
        "青禾縣教育局關(guān)于實(shí)施校舍安全工(gōng)程的通知\n"
        "各學(xué)校:為(wèi)做好校舍安全工作,現(xiàn)將有關(guān)事項(xiàng)通知如下。\n"
        "全縣(2021年起)分三年實施校舍安全工程。\n"
    )
    plain = tmp_path / "glossed.txt"
    plain.write_text(glossed, encoding="utf-8")
    document = read_document(plain)
    assert document.metadata.title == "青禾縣教育局關于實施校舍安全工程的通知"  # as written
    assert "(gōng)" not in document.text and "(2021年起)" in document.text
    # each gloss is kept with where it stood, so a span can be given back as the page prints it
    at = document.text.index("實施")
    assert (at + 1, "(shí)") in document.glosses
    assert as_glossed(document.text, document.glosses, at, at + 2) == "實(shí)施"
    page = tmp_path / "ruby.html"
    page.write_text(
        "<html><body><h1>青禾縣<ruby>學<rp>(</rp><rt>xué</rt><rp>)</rp></ruby>校名單</h1>"
        "<p>現將名單公布如下,請各校做好相關(guān)工作。</p></body></html>",
        encoding="utf-8",
    )
    assert read_document(page).text.splitlines()[0] == "青禾縣學校名單"


def test_read_document_plain_text_holding_markup_is_read_as_its_page(tmp_path: Path) -> None:
    # A rich-text editor's HTML saved as .txt: its tags glue the paragraphs into one line.
    style = ' style="font-size: 17px;letter-spacing: 1px;line-height: 2;text-align: justify;"'
    paragraphs = (
        "9月10日,青禾县召开全县教育大会。",
        "会议要求各校落实“双减”工作。",
        "青禾县教育局局长王明作工作报告。",
    )
    markup = "".join(
        f"<section{style}><p{style}><span>{p}</span></p></section>" for p in paragraphs
    )
    path = tmp_path / "pasted.txt"
    path.write_text(f"青禾县召开全县教育大会\n发布时间:2025-09-10\n{markup}\n", "utf-8")
    doc = read_document(path)
    assert "<" not in doc.text and "style" not in doc.text
    assert doc.text.splitlines()[2:] == list(paragraphs)
    assert doc.metadata.title == "青禾县召开全县教育大会"
