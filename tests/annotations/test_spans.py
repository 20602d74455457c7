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


# ---------------------------------------------------------------- naming a phrase: the helper's spans resolve back

import subprocess  # noqa: E402
import sys  # noqa: E402

import yaml  # noqa: E402

from scripts.annotations.spans import names_for, occurrences  # noqa: E402
from scripts.runtime.root import repo_root  # noqa: E402

TEXT = "Ann met Bob. Bob met Ann.\nThen Ann left, and Annika stayed."


def as_spec(span) -> SpanSpec:
    return SpanSpec(span) if isinstance(span, str) else SpanSpec(span["text"], span.get("occurrence"), span.get("after"))


@pytest.mark.parametrize("phrase", ["Ann", "Bob", "met", "Annika", "left"])
def test_every_occurrence_gets_a_span_that_names_it_alone(phrase):
    named = names_for(TEXT, phrase)
    assert [start for start, _ in named] == occurrences(TEXT, phrase)
    for start, span in named:
        assert resolve(TEXT, as_spec(span)) == (start, start + len(phrase))


def test_the_command_prints_yaml_that_the_build_resolves(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "scripts.annotations.spans", "--name", "Ann", "--name", "Bob", str(path)],
                         cwd=repo_root(), capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(occurrences(TEXT, "Ann")) + len(occurrences(TEXT, "Bob"))
    for line in lines:
        offsets, _, rest = line.split("  ", 2)
        start, end = map(int, offsets.split("-"))
        span = yaml.safe_load(rest.split("  #")[0])["span"]
        assert resolve(TEXT, as_spec(span)) == (start, end)
    assert any("inside the word 'Annika'" in line for line in lines), "an occurrence inside a word is flagged"


def test_the_command_refuses_a_phrase_the_text_lacks_with_the_span_code(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "scripts.annotations.spans", "--name", "Carl", str(path)],
                         cwd=repo_root(), capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 1 and "[SPAN_NOT_FOUND]" in run.stderr and "Traceback" not in run.stderr


def test_the_docs_example_is_what_the_helper_prints():
    docs = (repo_root() / "docs" / "adding-an-article.md").read_text(encoding="utf-8")
    command = next(line for line in docs.splitlines() if "scripts.annotations.spans --name" in line)
    phrase, rel = command.split('--name "')[1].split('" ')
    printed = docs.split(command, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    rel = rel.replace("sources/", "tests/fixtures/corpus/sources/")
    run = subprocess.run([sys.executable, "-m", "scripts.annotations.spans", "--name", phrase, rel],
                         cwd=repo_root(), capture_output=True, text=True, encoding="utf-8")
    assert run.stdout == printed, "docs/adding-an-article.md shows other output than the helper prints"


def test_occurrence_and_after_that_disagree_say_so():
    """The first "She said" is not after ". ": the message names the conflict, not a missing occurrence."""
    with pytest.raises(SpanError) as raised:
        resolve(ARTICLE, SpanSpec("She said", occurrence=1, after=". "))
    assert raised.value.code == "SPAN_OCCURRENCE" and "not both" in str(raised.value)


def test_a_control_character_in_a_span_is_shown_escaped_not_sent_to_the_terminal():
    """An escape or bidi control pasted into a span would be run by the terminal that prints the message."""
    with pytest.raises(SpanError) as caught:
        resolve(ARTICLE, SpanSpec("She\x1b[2J said\u202e no"))
    assert caught.value.code == "SPAN_NOT_FOUND"
    assert "She\\u001b[2J said\\u202e no" in str(caught.value) and "\x1b" not in str(caught.value)
