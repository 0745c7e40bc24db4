"""normalise_text folds with a regex over the characters that change: the same as translate."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as hs

from loaders.normalise import _TABLE, _TRADITIONAL, _circle_zeros, normalise_text

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
        # A circle inside a Chinese numeral is its zero first (〇○ is 〇〇), then the table.
        assert folded == _circle_zeros(text).translate(_TABLE)


def test_a_circle_is_a_zero_only_inside_a_chinese_numeral() -> None:
    text = "二○二一年 一○二中学 ○ 要点 ◯"
    assert normalise_text(text) == "二〇二一年 一〇二中学 ○ 要点 ◯"
