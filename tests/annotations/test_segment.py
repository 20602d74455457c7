"""Sentences come from pysbd, never cross a line break, and can be corrected by reviewed overrides."""

from pathlib import Path

from scripts.runtime.root import repo_root
from scripts.annotations.segment import paragraphs, sentences

ARTICLE = (repo_root() / "sources" / "sheinbaum-trump-call.txt").read_text(encoding="utf-8")


def test_the_article_has_thirteen_sentences_in_six_paragraphs():
    found = sentences(ARTICLE)
    assert len(paragraphs(ARTICLE)) == 6
    assert len(found) == 13
    assert [s.paragraph for s in found] == [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]


def test_us_at_a_line_end_closes_a_sentence_but_not_before_a_title():
    texts = [ARTICLE[s.start:s.end] for s in sentences(ARTICLE)]
    assert any(t.endswith("were made by the U.S.") for t in texts)
    assert any(t.startswith("In a separate development, U.S. Secretary of State Marco Rubio engaged") for t in texts)


def test_sentences_are_trimmed_and_tile_each_paragraph():
    found = sentences(ARTICLE)
    for number, (p_start, p_end) in enumerate(paragraphs(ARTICLE), start=1):
        inside = [s for s in found if s.paragraph == number]
        assert inside[0].start == p_start and inside[-1].end == p_end
        for a, b in zip(inside, inside[1:]):
            assert ARTICLE[a.end:b.start].strip() == ""
        for s in inside:
            assert ARTICLE[s.start:s.end] == ARTICLE[s.start:s.end].strip()


def test_overrides_split_and_join():
    text = "Alpha beta gamma. Delta epsilon zeta."
    assert len(sentences(text)) == 2
    joined = sentences(text, joins=[(text.index("gamma."), text.index("Delta") + 5)])
    assert [(s.start, s.end) for s in joined] == [(0, len(text))]
    split = sentences(text, splits=[text.index(" gamma")])
    assert [text[s.start:s.end] for s in split] == ["Alpha beta", "gamma.", "Delta epsilon zeta."]
