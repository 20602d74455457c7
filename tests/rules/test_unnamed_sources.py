"""An attribution with no agent ("when asked whether ...") leaves its source empty and says so: the build writes
`source_type` unnamed, and the validator accepts it for a quote with a cue but not for one attributed by position
(guidelines, sections 4.3 and 10.1)."""

from __future__ import annotations

import csv
import io

from scripts.build.pipeline import build
from scripts.build.write import write_files
from scripts.validate.core import validate
from tests.helpers.repo import copy_fixture

Y = "annotations/articles/cafe-zoe.yaml"


def _quotes(files) -> dict[str, dict]:
    return {row["quote_id"]: row for row in csv.DictReader(io.StringIO(files["data/quotes.csv"].decode("utf-8")))}


def _edit(root, old: str, new: str) -> None:
    path = root / Y
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_quote_with_an_agentless_cue_is_unnamed_and_valid(tmp_path):
    root = copy_fixture(tmp_path / "repo")
    assert _quotes(build(root))["sf-q01"]["source_type"] == "implicit"  # a speaker, no source mention
    _edit(root, '    speaker_id: "jose-pena"\n    cue: "said"', '    cue: "said"')
    files = build(root)
    assert (_quotes(files)["sf-q01"]["speaker_id"], _quotes(files)["sf-q01"]["source_type"]) == ("", "unnamed")
    write_files(files, root)
    assert [p for p in validate(root) if p.code == "SOURCE_MENTION"] == []


def test_a_quote_without_cue_or_speaker_is_refused(tmp_path):
    root = copy_fixture(tmp_path / "repo")
    _edit(root, '    speaker_id: "jose-pena"\n    cue: "said"\n    cue_type: "neutral"\n    reporting_verb: "said"\n', "")
    files = build(root)
    write_files(files, root)
    [problem] = [p for p in validate(root) if p.code == "SOURCE_MENTION"]
    assert (problem.file, problem.key, problem.field) == ("data/quotes.csv", "quote_id=sf-q01", "speaker_id")
    assert "attributed by position or nesting" in problem.message
