"""A corpus of hostile files, written on demand (nothing binary is committed): each with the
words its one error line must contain. Shared by the CLI test and the reader test."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

DOCUMENT = (
    "关于做好2021年南京市鼓楼区中小学课后服务工作的通知\n\n南京市鼓楼区教育局\n\n"
    + "一、总体要求\n各中小学要全面实施课后服务,确保2021年覆盖率达到100%。\n" * 3
)
NAVIGATION = "".join(
    f"<li><a href='/{i}'>{name}</a></li>"
    for i, name in enumerate(["首页", "政务公开", "新闻中心", "办事服务", "互动交流", "网站地图"])
)


def _png() -> bytes:
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:t>{DOCUMENT}</w:t></w:document>")
    return buffer.getvalue()


def _pdf() -> bytes:
    stream = zlib.compress(DOCUMENT.encode("utf-16-be"))
    head = b"1 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\n"
    return (
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        + head
        + b"stream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def hostile_files(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write the hostile corpus into `folder`; return {file name: words its error names}.

    The words are alternatives: the line must contain one of them.
    """
    gb = DOCUMENT.rstrip().encode("gb18030")  # ends in 。, so a cut byte halves a character
    utf8 = DOCUMENT.encode("utf-8")
    files: dict[str, tuple[bytes, tuple[str, ...]]] = {
        "empty.txt": (b"", ("empty file",)),
        "spaces.txt": (b" \n\t\r\n ", ("empty file",)),
        "random.txt": (bytes(range(256)) * 16, ("binary file",)),
        "png_renamed.txt": (_png(), ("binary file",)),
        "png_renamed.html": (_png(), ("binary file",)),
        "elf_renamed.txt": (b"\x7fELF\x02\x01\x01" + bytes(57) + b"\x00" * 64, ("binary file",)),
        "zip_renamed.html": (_docx(), ("binary file",)),
        "docx_renamed.txt": (_docx(), ("binary file",)),
        "pdf_renamed.txt": (_pdf(), ("binary file", "invalid", "not a Chinese document")),
        "truncated_gb18030.txt": (gb[:-1], ("truncated or invalid GB18030",)),
        "mixed_encodings.txt": (utf8[: len(utf8) // 2] + gb[len(gb) // 2 :], ("invalid",)),
        "nul_bytes.txt": (utf8[:30] + b"\x00" + utf8[30:], ("binary file (NUL byte",)),
        "control_characters.txt": (
            b"".join(
                bytes([c % 27 + 1]) + ch.encode() for c, ch in enumerate(DOCUMENT) if ch != "\n"
            ),
            ("binary file",),
        ),
        "bom_only.txt": (b"\xef\xbb\xbf", ("no Chinese text", "empty file")),
        "utf8_bom_then_gb18030.txt": (b"\xef\xbb\xbf" + gb, ("byte-order mark but invalid",)),
        "utf16_bom_odd_length.txt": (
            b"\xff\xfe" + DOCUMENT.encode("utf-16-le")[:-1],
            ("byte-order mark but invalid",),
        ),
        "japanese_only.txt": (
            (
                "本校は2020年度の教育計画を発表しました。生徒の皆さんは準備してください。" * 10
            ).encode(),
            ("Japanese text",),
        ),
        "english_only.txt": (
            b"Annual work plan of the education bureau.\n" * 50,
            ("no Chinese text",),
        ),
        "boilerplate_only.html": (
            f"<html><body><div>您的位置:首页 > 通知公告</div><ul>{NAVIGATION}</ul>"
            "<div>版权所有:某某县教育局 苏ICP备12345678号</div><div>主办单位:某某县人民政府办公室</div>"
            "<div>网站地图 | 联系我们 | 免责声明</div><div>【打印本页】 【关闭窗口】</div>"
            "<div>本网站由某某县教育局主办、某某县信息中心承办,未经许可不得复制转载</div></body></html>".encode(),
            ("no document text", "too short"),
        ),
        "script_only.html": (
            f"<html><head><script>var 通知='{DOCUMENT}';</script></head><body></body></html>".encode(),
            ("no Chinese text",),
        ),
        "deep_empty.html": (b"<div>" * 10000 + b"</div>" * 10000, ("no Chinese text",)),
        "huge_single_line.txt": (b"a" * (6 * 1048576), ("larger than a document may be",)),
        "long_english_line.txt": (b"education " * 100000, ("no Chinese text",)),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    expected = {name: words for name, (_, words) in files.items()}
    # A GBK file name from a Windows archive: not UTF-8, named in the error all the same.
    gbk_name = os.fsdecode("测试_英文.txt".encode("gbk"))
    (folder / gbk_name).write_bytes(b"only English here\n" * 10)
    expected[gbk_name] = ("no Chinese text",)
    return expected


def special_files(folder: Path) -> dict[str, tuple[str, ...]]:
    """Write things that are no file, named on the command line (a folder walk skips them): a
    named pipe blocked its reader forever, a link to /dev/zero never ended."""
    os.mkfifo(folder / "named_pipe.txt")
    (folder / "device_link.txt").symlink_to("/dev/zero")
    return {"named_pipe.txt": ("named pipe",), "device_link.txt": ("character device",)}


def good_files(folder: Path) -> dict[str, str]:
    """Write documents that must load beside the hostile ones; return {file name: title}."""
    deep = "<div>" * 10000 + "<p>" + DOCUMENT.replace("\n", "<br>") + "</p>" + "</div>" * 10000
    bomless = DOCUMENT.replace("南京市鼓楼区", "南京市玄武区").replace("课后服务", "延时服务")
    files = {
        "deep_10000.html": ("<html><body>" + deep + "</body></html>").encode(),
        "utf16_without_bom.txt": bomless.encode("utf-16-le"),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {
        "deep_10000.html": "关于做好2021年南京市鼓楼区中小学课后服务工作的通知",
        "utf16_without_bom.txt": "关于做好2021年南京市玄武区中小学延时服务工作的通知",
    }
