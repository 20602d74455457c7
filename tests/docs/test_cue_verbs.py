"""The cue-type table has one source, annotations/cue_verbs.yaml; the guidelines' table (section 4.2.1) is written
from it, and a test fails when the two disagree or when a cue of the package contradicts the table."""

from __future__ import annotations

import csv
import shutil

import pytest

from scripts.annotations import cue_verbs
from scripts.docs import cue_verbs as page
from tests.helpers.repo import REPO


@pytest.fixture
def scratch(tmp_path):
    """A root with just the two files the check reads."""
    for rel in (cue_verbs.TABLE, page.PAGE):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, tmp_path / rel)
    return tmp_path


def test_the_guidelines_table_is_the_one_the_yaml_gives():
    assert page.main(["--check"]) == 0, "run `python -m scripts.docs.cue_verbs` and commit docs/annotation-guidelines.md"


def test_a_hand_edit_of_the_guidelines_table_fails_the_check(scratch, capsys):
    path = scratch / page.PAGE
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| say | verb | neutral |"))
    path.write_text(text.replace(row, row.replace("| neutral |", "| emphatic |")), encoding="utf-8")
    assert page.main(["--check", "--root", str(scratch)]) == 1
    assert "differs from annotations/cue_verbs.yaml" in capsys.readouterr().err


def test_a_verb_added_to_the_yaml_only_fails_the_check_until_the_page_is_written(scratch):
    path = scratch / cue_verbs.TABLE
    path.write_text(path.read_text(encoding="utf-8") + '  - {lemma: "opine", part: verb, cue_type: neutral, '
                    'forms: ["opined"], example: "Sol opined that it would rain."}\n', encoding="utf-8")
    assert page.main(["--check", "--root", str(scratch)]) == 1
    assert page.main(["--root", str(scratch)]) == 0
    assert "| opine | verb | neutral | opined | Sol opined that it would rain. |" in (scratch / page.PAGE).read_text(encoding="utf-8")
    assert page.main(["--check", "--root", str(scratch)]) == 0


def test_the_table_lists_at_least_60_reporting_verbs_with_every_cue_type():
    cues, problems = cue_verbs.load(REPO)
    assert problems == []
    assert sum(c.part == "verb" for c in cues) >= 60
    assert {c.cue_type for c in cues} == set(cue_verbs.cue_types())
    assert len({form for c in cues if c.part == "verb" for form in c.forms}) == sum(len(c.forms) for c in cues if c.part == "verb"), \
        "a verb form is listed under two lemmas"


def test_a_cue_type_outside_the_vocabulary_is_refused_with_file_and_line(scratch):
    path = scratch / cue_verbs.TABLE
    path.write_text(path.read_text(encoding="utf-8").replace("cue_type: factive", "cue_type: factual", 1), encoding="utf-8")
    cues, problems = cue_verbs.load(scratch)
    [problem] = problems
    assert (problem.file, problem.code, problem.field) == (cue_verbs.TABLE, "BAD_CATEGORY", "cue_type")
    assert problem.line and "factual" in problem.message and "factive" in problem.fix


def quote_rows():
    with (REPO / "data" / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_cue_of_the_package_has_the_type_the_table_gives():
    """Derived from data/quotes.csv, whatever articles it holds: each cue's verb (or noun, or phrase) is in the
    table with the cue type the row carries."""
    cues, _ = cue_verbs.load(REPO)
    forms = cue_verbs.by_form(cues)
    checked = 0
    for row in quote_rows():
        cue = (row["cue_text"] or "").lower()
        if not cue:
            continue
        if row["cue_type"] == "nominal":
            found = forms.get((cue, "noun"))
        elif row["cue_type"] == "evidential":
            found = forms.get((cue, "phrase"))
        else:
            words = (row["reporting_verb"] or "").lower().split()
            found = next((forms[(w, "verb")] for w in words if (w, "verb") in forms), None)
        assert found == row["cue_type"], f"{row['quote_id']}: cue {cue!r} is {row['cue_type']} in the data, {found} in {cue_verbs.TABLE}"
        checked += 1
    assert checked, "no cue in data/quotes.csv"
