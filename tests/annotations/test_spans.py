"""Spans are named by their text and resolve to exactly one place in the article, or fail loudly."""

import pytest

from scripts.annotations.spans import SpanError, SpanSpec, grapheme_boundaries, resolve

ARTICLE = "She said “yes”. She said no.\nThe U.S. said maybe."


def test_unique_text_resolves_to_code_point_offsets():
    start, end = resolve(ARTICLE, SpanSpec("“yes”"))
    assert ARTICLE[start:end] == "“yes”"
    assert (start, end) == (9, 14)


@pytest.mark.parametrize("spec, expected", [
    pytest.param(SpanSpec("She said", occurrence=2), 16, id="occurrence picks the second"),
    pytest.param(SpanSpec("She said", after=". "), 16, id="after picks the one preceded by the text"),
    pytest.param(SpanSpec("said", after="U.S. "), 38, id="after works across lines"),
])
def test_repeated_text_is_disambiguated(spec, expected):
    start, end = resolve(ARTICLE, spec)
    assert start == expected and ARTICLE[start:end] == spec.text


@pytest.mark.parametrize("spec, code", [
    pytest.param(SpanSpec("She said"), "SPAN_AMBIGUOUS", id="repeated text without occurrence"),
    pytest.param(SpanSpec("She says"), "SPAN_NOT_FOUND", id="text not in the article"),
    pytest.param(SpanSpec('"yes"'), "SPAN_NOT_FOUND", id="straight quotes for curly ones"),
    pytest.param(SpanSpec("She said", occurrence=3), "SPAN_OCCURRENCE", id="occurrence past the count"),
    pytest.param(SpanSpec("She said", after="nobody "), "SPAN_OCCURRENCE", id="after text that never precedes it"),
    pytest.param(SpanSpec(" She said"), "SPAN_EDGE_WHITESPACE", id="leading space"),
])
def test_bad_spans_fail_with_their_code(spec, code):
    with pytest.raises(SpanError) as caught:
        resolve(ARTICLE, spec)
    assert caught.value.code == code


def test_straight_quote_mistake_gets_a_hint():
    with pytest.raises(SpanError, match="with curly quotes"):
        resolve(ARTICLE, SpanSpec('said “yes"'.replace("“", '"')))


def test_grapheme_boundaries_keep_combining_marks_and_emoji_sequences_whole():
    text = "Cafe\u0301 👩\u200d🔬!"
    bounds = grapheme_boundaries(text)
    assert 4 not in bounds  # between "e" and its combining acute accent
    assert 7 not in bounds and 8 not in bounds  # inside the woman-scientist ZWJ sequence
    assert {0, 5, 6, 9, 10} <= bounds
