"""normalise_text folds with a regex over the characters that change: the same as translate."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as hs

from loaders.metadata import _iter_areas, _scan_start
from loaders.normalise import _TABLE, _TRADITIONAL, normalise_text

CORPUS = Path(__file__).resolve().parent.parent.parent / "data" / "corpus"
# Every code point but the surrogates, and a mix that often has full-width, traditional and
# astral characters (Ext. B, mathematical letters) next to plain Chinese.
texts = hs.text(hs.characters(exclude_categories=("Cs",)), max_size=40)
mixed = hs.text(
    hs.sampled_from("鐘樓區學校教育（試行）〔２０２０〕號ＡＢ　\xa0\t\n,。\\]^-𠀊𝐀𝟙教a1")
)


@settings(max_examples=300, deadline=None)
@given(hs.one_of(texts, mixed))
def test_normalise_text_folds_as_translate_does(text):
    folded = normalise_text(text)
    assert len(folded) == len(text)
    if _TRADITIONAL.isdisjoint(text):  # traditional text is converted phrase by phrase
        assert folded == text.translate(_TABLE)


def test_area_scan_from_a_scan_start_finds_the_areas_of_a_whole_scan():
    norm = normalise_text((CORPUS / "003_3eedb6d38b88a814.txt").read_text(encoding="utf-8"))
    whole = list(_iter_areas(norm, norm))
    for at in range(0, len(norm), 23):
        since = _scan_start(norm, at)
        assert list(_iter_areas(norm, norm, since=since)) == [a for a in whole if a[0] >= since]
