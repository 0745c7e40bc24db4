"""The lexical model, the anchors and the learned accept/reject step."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.extract.areas import AreaContext
from loaders.extract.boundaries import find_anchors
from loaders.extract.lexical import analyse
from loaders.extract.mention_model import ModelError, describe, lexically_sound, load_model
from loaders.extract.organizations import find_organizations

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"


def test_lac_tags_a_window_the_same_alone_and_batched_with_longer_ones():
    text = "由青松小学牵头,组建青松教育集团并推进集团化办学。区教育局统筹师资。"
    alone = [analyse(text, [(0, 8)])[0], analyse(text, [(9, 24)])[0]]
    together = analyse(text, [(0, 8), (9, 24), (25, len(text)), (0, len(text))])
    assert together[:2] == alone


def test_lac_finds_the_organisation_after_a_verb():
    text = "协调钟楼区实验小学开展工作"
    words = [(text[t.start : t.end], t.tag) for t in analyse(text, [(0, len(text))])[0]]
    assert words[0] == ("协调", "v")
    assert ("钟楼区实验小学", "ORG") in words


def test_anchors_keep_the_longest_head_and_mark_a_head_that_begins_another_word():
    text = "青松小学生活动丰富。青松初级中学开学。"
    anchors = {
        (a.kind, text[a.head_start : a.end]): a for a in find_anchors(text, [(0, 10), (10, 19)], [])
    }
    assert ("school", "初级中学") in anchors and ("school", "中学") not in anchors
    assert anchors[("school", "小学")].continues  # 小学生: 学生 is a word


def test_an_edge_that_splits_a_word_is_a_feature_of_the_alternative():
    text = "改扩建马场镇中心小学,新建城关第三小学。"
    cases = describe(text, [(0, len(text))], [])
    edges = {
        text[s.alternative.start : c.anchor.end]: s.features
        for c in cases
        for s in c.alternatives
        if c.anchor.kind == "school"
    }
    assert "school:edge_splits_word" in edges["建马场镇中心小学"]  # 扩建 | 建马
    assert "school:edge_splits_word" not in edges["马场镇中心小学"]
    assert "school:edge_splits_word" not in edges["城关第三小学"]


def test_lac_vouches_for_a_rule_name_after_a_verbal_noun():
    # 改造 is read as a verbal noun here: the body after it is its object, not part of it.
    text = "统筹改造区少年宫场馆,完善服务功能。"
    rules = find_organizations(text, [(0, len(text))], AreaContext((), frozenset()))
    ruled = [
        s
        for c in describe(text, [(0, len(text))], rules)
        for s in c.alternatives
        if s.alternative.rule is not None
    ]
    assert [text[s.alternative.start : s.alternative.anchor.end] for s in ruled] == ["区少年宫"]
    assert "org:before=vn" in ruled[0].features
    assert lexically_sound(ruled[0])


def test_a_broken_model_file_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "mention_model.json"
    path.write_text('{"weights": {}}', encoding="utf-8")
    with pytest.raises(ModelError, match="mention_model.json"):
        load_model(path)


def test_the_committed_model_records_its_training_data():
    record = json.loads((ROOT / "loaders/extract/data/mention_model.json").read_text("utf-8"))
    assert len(record["training_data_sha256"]) == 64
    assert len(record["training_documents"]) == 25
    assert set(record["thresholds"]) == {"school", "group", "org", "program"}


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "devextra").is_dir(), reason="needs ../shared (the gold sets)")
def test_training_script_reproduces_the_committed_model():
    """The model file is data made by a script; the script must make exactly this file."""
    result = subprocess.run(
        [sys.executable, "scripts/train_mention_model.py", "--check", "--shared", str(SHARED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reproduced" in result.stdout


def _training_script():  # noqa: ANN202
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "train_mention_model", ROOT / "scripts/train_mention_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_flat_f1_curve_gives_the_threshold_nearest_even_odds():
    """Thresholds that score within noise of the best are alike: a retraining that moves F1 by
    a name must not move the threshold across the grid."""
    plateau = _training_script()._plateau
    flat = {0.15: 0.898, 0.2: 0.894, 0.25: 0.886, 0.3: 0.886, 0.35: 0.886, 0.4: 0.887}
    flat |= {0.45: 0.889, 0.5: 0.896, 0.55: 0.889, 0.6: 0.887, 0.65: 0.887}
    assert plateau({t: {"k": v} for t, v in flat.items()}, "k") == 0.5
    peaked = {0.15: 0.8, 0.2: 0.86, 0.25: 0.86, 0.3: 0.86, 0.35: 0.8, 0.4: 0.8, 0.45: 0.8}
    peaked |= {0.5: 0.8, 0.55: 0.8}
    assert plateau({t: {"k": v} for t, v in peaked.items()}, "k") == 0.25


def _documents_counts(correct: list[int], gold: int = 10) -> list[dict]:
    """Per-document counts of one kind (correct, chosen, found, gold): each document chooses
    ten names, of which `correct[i]` are right."""
    return [{"k": (c, 10, c, gold)} for c in correct]


def test_a_threshold_leaves_even_odds_only_when_it_scores_better_beyond_the_noise():
    script = _training_script()
    even = _documents_counts([8, 7, 9, 6, 8, 7, 9, 8, 7, 8] * 3)
    # One document in three gains a name at 0.25 and one loses one: a difference of noise.
    noisy = _documents_counts([9, 7, 9, 6, 7, 7, 9, 8, 8, 8] * 3)
    assert script._departure({0.25: noisy, 0.5: even}, "k", 0.25) == 0.5
    # Every document gains a name at 0.25: the lower threshold is better, whatever the sample.
    better = _documents_counts([9, 8, 10, 7, 9, 8, 10, 9, 8, 9] * 3)
    assert script._departure({0.25: better, 0.5: even}, "k", 0.25) == 0.25
    assert script._departure({0.25: better, 0.5: even}, "k", 0.5) == 0.5


def test_the_training_documents_come_in_one_order_wherever_the_folders_lie(tmp_path: Path):
    """The model depends on the order of its examples: the corpus, then devextra, each by file
    name, whether ../shared sorts before the project's folder or after it."""
    script = _training_script()
    # Gold folders in a temporary folder, whose path sorts apart from the project's.
    for name in ("a_shared", "zz_shared"):
        shared = tmp_path / name
        (shared / "gold").mkdir(parents=True)
        (shared / "devextra" / "docs").mkdir(parents=True)
        (shared / "devextra" / "gold").mkdir()
        for doc in sorted((ROOT / "data" / "corpus").glob("*.txt"))[:2]:
            (shared / "gold" / f"{doc.stem}.json").write_text("{}", "utf-8")
        for stem in ("d02", "d01"):
            (shared / "devextra" / "docs" / f"{stem}.txt").write_text("某某", "utf-8")
            (shared / "devextra" / "gold" / f"{stem}.json").write_text("{}", "utf-8")
        names = [doc.name for doc, _ in script.training_files(shared)]
        corpus = [p.name for p in sorted((ROOT / "data" / "corpus").glob("*.txt"))[:2]]
        assert names == [*corpus, "d01.txt", "d02.txt"]
