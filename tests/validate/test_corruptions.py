"""The corruption catalogue (issue 5): every kind of bad input stops the build or fails validation with a stable
code at an exact location (file, line, record key, field).

Each class corrupts a fresh copy of the small second article (tests/fixtures/second): either its annotation file
or article text (caught by `scripts.build.build`, or by `build_and_validate` where only the built package shows the
mistake), or the package built from it (caught by `scripts.validate.validate`). Corruptions of a package file
normally re-record its bytes and hash in datapackage.json, so that the class under test is caught by its own
check and not merely by RESOURCE_INTEGRITY; the stale-hash classes leave the descriptor alone.
"""

from __future__ import annotations

import shutil

import pytest

from scripts.build.pipeline import build, build_and_validate
from scripts.contract import descriptor as descriptor_module
from scripts.contract.problems import CODES, ProblemsFound
from scripts.validate.__main__ import main as validate_main
from scripts.validate.core import validate
from tests.helpers.catalogue import CATALOGUE, one_per_code
from tests.helpers.corrupt import (A, ARTICLE, BAND, BAND_START, BUILD, C, CHECK, COUNTS, E, MOJIBAKE, PACKAGE, Q_START, QUOTE, S,
                                   STAGED, Y, At, Line, Row, also, build_cli, cells, copy_row, descriptor, drop_row, edit,
                                   edit_bytes, header, line_number, nfd, offsets, problems_of, resource, span,
                                   swap, yaml_copy_record, yaml_drop_record, yaml_set)

@pytest.mark.parametrize("stage,corrupt,at", one_per_code(CATALOGUE))
def test_corruption_is_caught(stage, corrupt, at, request):
    root = request.getfixturevalue("second_package" if stage in (PACKAGE, COUNTS) else "second_article")
    if stage == CHECK:
        assert build_cli(root).returncode == 0 and build_cli(root, "--check").returncode == 0
    corrupt(root)
    problems, files = problems_of(stage, root, at.code, at.message)
    line = line_number(root, at, files)
    where = (at.code, at.file, line, at.key, at.field)
    listing = "\n".join(str(p) for p in problems)
    hits = [p for p in problems if (p.code, p.file, p.line, p.key, p.field) == where]
    assert hits, f"expected {where}, got:\n{listing}"
    assert any(at.message in p.message for p in hits), f"no {where} message contains {at.message!r}:\n{listing}"
    text = str(hits[0])
    located = f"{at.file}:{line}" if line is not None else at.file
    assert text.startswith((located + " ", located + ":")), text
    assert f"[{at.code}] " in text and ". Fix: " in text


def test_catalogue_size_and_codes():
    """At least 40 classes, and every code the catalogue expects is a documented code."""
    assert len(CATALOGUE) >= 40
    ids = [p.id for p in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert {p.values[2].code for p in CATALOGUE} <= set(CODES)


def test_clean_fixture_raises_nothing(second_article):
    files = build_and_validate(second_article)
    assert validate(second_article, second_article) == []
    assert files == build(second_article)


def test_every_problem_is_reported_at_once(second_article):
    """Problems are collected, not just the first: three mistakes in three records give three problems."""
    yaml_set('quote_id: "sf-q01"', "kind", '"Direct"')(second_article)
    yaml_set('figure_id: "sf-n02"', "unit", '"percentage"')(second_article)
    yaml_set('mention_id: "sf-m004"', "entity_id", '"nobody"')(second_article)
    with pytest.raises(ProblemsFound) as found:
        build(second_article)
    got = {(p.code, p.key, p.field) for p in found.value.problems}
    assert {("BAD_CATEGORY", "quote_id=sf-q01", "kind"), ("BAD_CATEGORY", "figure_id=sf-n02", "unit")} <= got
    assert len(found.value.problems) >= 2
    assert str(found.value).count("\n") == len(found.value.problems) - 1


def test_unknown_key_suggests_the_nearest_name(second_article):
    edit(Y, '    speaker_id: "jose-pena"', '    speeker_id: "jose-pena"')(second_article)
    with pytest.raises(ProblemsFound) as found:
        build(second_article)
    unknown = [p for p in found.value.problems if p.code == "UNKNOWN_KEY"]
    assert len(unknown) == 1 and "did you mean `speaker_id`?" in str(unknown[0])


def test_error_format(second_package):
    """The one error format: file:line key field [CODE] message. Fix: ..."""
    cells("quotes", "sf-q01", text=QUOTE.replace("”", '"'))(second_package)
    problems = [p for p in validate(second_package, second_package) if p.code == "SPAN_TEXT_MISMATCH"]
    assert [str(p) for p in problems] == [
        f'data/quotes.csv:2 quote_id=sf-q01 field=text [SPAN_TEXT_MISMATCH] article[{Q_START}:{Q_START + len(QUOTE)}]="{QUOTE}" '
        f'!= text="{QUOTE[:-1]}""; first difference at character {len(QUOTE) - 1} '
        f'(U+201D RIGHT DOUBLE QUOTATION MARK vs U+0022 QUOTATION MARK). Fix: {CODES["SPAN_TEXT_MISMATCH"][1]}'
    ]


def test_validate_exits_non_zero(second_package, capsys):
    assert validate_main([str(second_package)]) == 0
    cells("quotes", "sf-q01", reporting_verb="None")(second_package)
    assert validate_main([str(second_package)]) == 1
    err = capsys.readouterr().err
    assert "data/quotes.csv:2 quote_id=sf-q01 field=reporting_verb [MISSING_VALUE_COLLISION]" in err
    assert "data/quotes.csv [DESCRIPTOR_DRIFT] differs from a fresh build" in err  # a hand edit, in a repository
    assert "field=reporting_verb [REPORTING_VERB_IN_CUE]" in err  # "None" is no word of the cue either
    assert err.rstrip().endswith("invalid: 4 problem(s)")  # the cell twice, and the CSV and descriptor that differ from a build


def test_outputs_committed_without_a_rebuild(second_article):
    """`python -m scripts.build --check` names every output that differs from a fresh build, with a non-zero exit."""
    assert build_cli(second_article).returncode == 0
    assert build_cli(second_article, "--check").returncode == 0
    yaml_set('entity_id: "cafe-zoe"', "description", '"A small café in Málaga"', file=E)(second_article)
    (second_article / "data" / "leftover.csv").write_text("a\n", encoding="utf-8")
    result = build_cli(second_article, "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{rel} [DESCRIPTOR_DRIFT] differs from a fresh build. Fix: run `make build` and commit the result"
        for rel in ("build-record.json", "data/entities.csv", "data/leftover.csv", "datapackage.json")]
