"""The synthetic corpus generator is deterministic and looks like a policy document."""

from __future__ import annotations

import hashlib
import re

from bench.synthetic import generate_document, write_corpus


def digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_gives_byte_identical_files(tmp_path):
    write_corpus(tmp_path / "a", 30, seed=3)
    write_corpus(tmp_path / "b", 30, seed=3)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    write_corpus(tmp_path / "c", 30, seed=4)
    assert set(digest(tmp_path / "c").values()) != set(digest(tmp_path / "a").values())


def test_a_small_corpus_is_the_start_of_a_larger_one(tmp_path):
    small = digest(write_corpus(tmp_path / "s", 5)[0].parent)
    large = digest(write_corpus(tmp_path / "l", 12)[0].parent)
    assert small.items() <= large.items()


def test_document_has_the_shapes_of_a_policy_document():
    text = "\n".join(generate_document(7, i).text for i in range(20))
    assert "索 引 号:" in text and "发布机构:" in text
    assert re.search(r"教〔20\d\d〕\d+号", text)
    assert re.search(r"^一、", text, re.M) and re.search(r"^\(一\)", text, re.M)
    assert re.search(r"^1\.", text, re.M)
    assert re.search(r"“[^”]+(工程|计划|行动)”", text)
    assert re.search(r"新增学位\d+个", text) and re.search(r"投入\d+万元", text)
    assert re.search(r"教育集团", text) and re.search(r"(小学|中学|幼儿园)", text)
