"""Faster look-ups answer exactly as the plain definitions they replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.boundaries import Alternative, Anchor
from loaders.extract.concepts import _labels_longest_first, concept_for
from loaders.extract.features import repeated
from loaders.extract.mention_model import _repeated_edges
from loaders.identifiers import normalise_key

LABELS = [label for label, _ in _labels_longest_first()]


def _concept_by_scan(name: str):  # noqa: ANN202
    key = normalise_key(name)
    for label, concept in _labels_longest_first():
        if len(label) >= 3 and label in key or label == key:
            return concept
    return None


pieces = st.one_of(
    st.sampled_from(LABELS).flatmap(lambda s: st.sampled_from([s, s[:2], s[1:], s[:-1]])),
    st.sampled_from(["工程", "计划", "实施", "“", "”", " ", "区", "名师"]),
)


@settings(max_examples=300)
@given(st.lists(pieces, min_size=1, max_size=4).map("".join))
def test_concept_for_is_the_first_label_in_longest_first_order(name: str):
    assert concept_for(name) is _concept_by_scan(name)


@settings(max_examples=200)
@given(st.text(alphabet="青松小学白桦", min_size=4, max_size=40), st.data())
def test_repeated_edges_match_asking_each_alternative(text: str, data: st.DataObject):
    end = data.draw(st.integers(2, len(text)))
    starts = sorted(
        data.draw(st.sets(st.integers(0, end - 1), min_size=1, max_size=8)), reverse=True
    )
    anchor = Anchor("school", end - 1, end, "学", 0, len(text))
    alts = [Alternative(anchor, s, None) for s in starts]
    assert _repeated_edges(text, alts) == [repeated(text, s, end) for s in starts]
