"""A word that mixes scripts with look-alike letters is refused; a word in one writing system that mixes scripts by
nature (Japanese kanji with kana, Korean hangul with hanja) is ordinary text, as UTS #39 allows."""

import pytest

from scripts.contract.encoding import confusable


@pytest.mark.parametrize("text", ["例えば日本語の文章です", "カタカナーと漢字", "한국語の", "大韓民國 한국"])
def test_east_asian_text_is_not_a_look_alike(text):
    assert confusable(text) is None


@pytest.mark.parametrize("text, scripts", [("Sheinb\u0430um", "CYRILLIC, LATIN"), ("Jos\u0435 Peña", "CYRILLIC, LATIN")])
def test_a_latin_name_with_a_cyrillic_letter_is_still_named(text, scripts):
    assert f"mixes scripts ({scripts})" in confusable(text)
