"""The nested-name filter answers as the pairwise test it replaced, in O(log n) per name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from loaders.extract.cover import Cover

spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=30,
)


@given(spans, st.integers(0, 40), st.integers(1, 12))
def test_cover_matches_the_pairwise_definition(found: list[tuple[int, int]], a: int, n: int):
    b = a + n
    pairwise = any(x <= a and b <= y and (x, y) != (a, b) for x, y in found)
    assert Cover(found).contains(a, b) == pairwise


def test_a_span_does_not_contain_itself_but_a_longer_one_does():
    assert not Cover([(3, 8)]).contains(3, 8)
    assert Cover([(3, 8), (3, 10)]).contains(3, 8)
    assert Cover([(1, 8)]).contains(3, 8)
    assert not Cover([(4, 20)]).contains(3, 8)
