"""Sentences come from pysbd, never cross a line break, and can be corrected by reviewed overrides."""

from pathlib import Path

import pytest

from scripts.runtime.root import repo_root
from scripts.annotations.segment import paragraphs, sentences

ARTICLE = ("The request was made by the U.S.\nIn a separate development, U.S. Secretary of State Ann Smith met the "
           "mayor. She left early.\n\nThe council met at 9 a.m. on Monday. Nobody came.")  # invented


def test_the_committed_sentences_are_the_segmenters_for_every_article_without_overrides():
    import csv

    import yaml

    root = repo_root()
    with (root / "data" / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        committed = list(csv.DictReader(handle))
    checked = 0
    for path in sorted((root / "annotations" / "articles").glob("*.yaml")):
        if yaml.safe_load(path.read_text(encoding="utf-8")).get("sentence_overrides"):
            continue
        text = (root / "sources" / f"{path.stem}.txt").read_text(encoding="utf-8")
        rows = [(int(r["paragraph"]), int(r["start"]), int(r["end"])) for r in committed if r["article_id"] == path.stem]
        assert rows == [(s.paragraph, s.start, s.end) for s in sentences(text)], path.stem
        checked += 1
    if not checked:
        pytest.skip("every article has sentence overrides: the build applies them (tests/build)")


def test_us_at_a_line_end_closes_a_sentence_but_not_before_a_title():
    texts = [ARTICLE[s.start:s.end] for s in sentences(ARTICLE)]
    assert texts[0] == "The request was made by the U.S."
    assert texts[1] == "In a separate development, U.S. Secretary of State Ann Smith met the mayor."
    assert "The council met at 9 a.m. on Monday." in texts, "an abbreviation inside a sentence does not cut it"


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


# ---------------------------------------------------------------- the command a contributor runs before annotating

FIXTURE_TEXT = "tests/fixtures/corpus/sources/kesselmarsh-port-strike.txt"


def run_segment(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "scripts.annotations.segment", *args], cwd=repo_root(),
                          capture_output=True, text=True, encoding="utf-8")


def test_the_command_prints_each_sentence_with_offsets_that_slice_the_text():
    run = run_segment(FIXTURE_TEXT)
    assert run.returncode == 0, run.stderr
    text = (repo_root() / FIXTURE_TEXT).read_text(encoding="utf-8")
    header, *lines = run.stdout.splitlines()
    found = sentences(text)
    assert f"{len(found)} sentence(s) in {len(paragraphs(text))} paragraph(s)" in header
    assert len(lines) == len(found)
    for number, (line, sentence) in enumerate(zip(lines, found), start=1):
        label, paragraph, offsets, printed = line.split(None, 3)
        start, end = map(int, offsets.split("-"))
        assert (label, paragraph) == (f"s{number:02d}", f"p{sentence.paragraph}")
        assert text[start:end] == printed and (start, end) == (sentence.start, sentence.end)


def test_the_command_names_a_missing_file_in_one_line_without_a_traceback():
    run = run_segment("sources/no-such-article.txt")
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("sources/no-such-article.txt: no such file") and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
