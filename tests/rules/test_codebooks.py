"""The codebooks as resources: cameo_codes and plover_crosswalk as a user reads them, and every event held to them.

Each case edits an annotation file the way a contributor would, builds, and asserts the problem's code, place
(the generated row and the YAML line behind it) and message; frictionless, read as a user would call it, refuses
a code that is not in CAMEO with its own foreign-key error.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from scripts.build.pipeline import build, build_and_validate
from scripts.contract.problems import ProblemsFound
from scripts.validate.core import validate
from tests.helpers.corrupt import Y, cells, edit, yaml_set
from tests.helpers.lazy import lazy
from tests.helpers.repo import FIXTURES, REPO, scratch_repository

pd, frictionless = lazy("pandas"), lazy("frictionless")

EVENTS = "data/events.csv"
QUOTED_099 = 'cameo_code: "099"'
REAL = "annotations/articles/sheinbaum-trump-call.yaml"
SOURCE = REPO / "annotations" / "codebooks" / "CAMEO2PLOVER-2021.txt"


def codebook(name: str, root: Path = REPO) -> pd.DataFrame:
    return pd.read_csv(root / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def problems(root: Path, stages=("rules",)) -> list:
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=stages)
    return found.value.problems


def line_of(root: Path, rel: str, text: str) -> int:
    found = [i for i, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), start=1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def row_line(files: dict[str, bytes], rel: str, pk: str) -> int:
    lines = files[rel].decode("utf-8").split("\n")
    [line] = [i for i, text in enumerate(lines, start=1) if text.startswith(pk + ",")]
    return line


# ---- the tables, as a user reads them --------------------------------------------------------------------------

def test_cameo_codes_holds_every_cameo_1_1b3_code_as_a_string_with_its_parent():
    codes = codebook("cameo_codes")
    assert len(codes) == 316 and codes.code.is_unique
    roots = codes[codes.parent_code == ""]
    assert list(roots.code) == [f"{n:02d}" for n in range(1, 21)]  # 01 ... 20, leading zeros kept
    assert set(codes.parent_code[codes.parent_code != ""]) <= set(codes.code)
    for row in codes[codes.parent_code != ""].itertuples():  # 3 digits under their root, 4 under their 3-digit code
        assert row.parent_code == row.code[:len(row.code) - 1 if len(row.code) == 4 else 2], row.code
    labels = dict(zip(codes.code, codes.label))
    # labels as chapter 6 of the manual prints them, where the GDELT lookup has other numbering or defects
    assert labels["105"] == "Demand that target yields, not specified below"
    assert labels["106"] == "Demand meeting, negotiation" and labels["108"] == "Demand mediation"
    assert labels["044"] == 'Meet at a "third" location'
    assert labels["1056"] == "Demand de-escalation of military engagement"
    assert labels["040"] == "Consult, not specified below" and labels["010"] == "Make statement, not specified below"
    # not CAMEO 1.1b3 codes
    assert not {"099", "109", "1213", "1214", "1", "2", "3", "4"} & set(codes.code)


def test_every_departure_from_the_gdelt_lookup_is_noted_on_its_row():
    codes = codebook("cameo_codes").set_index("code")
    assert (codes.note != "").sum() == 42
    assert "ÒhirdÓ" in codes.loc["044", "note"]
    assert "merges" in codes.loc["1056", "note"] and "Absent from the lookup" in codes.loc["106", "note"]
    for code in ("155", "176", "1834", "1951", "1952"):
        assert codes.loc[code, "note"] == "Absent from the lookup; code and label from the manual."
    assert '"1883"' in codes.loc["183", "note"]


def test_plover_crosswalk_has_one_row_per_code_of_the_published_table():
    text = SOURCE.read_text(encoding="utf-8")
    assert len(text) == 16873  # the file as read at openeventdata/PLOVER 6b803a44
    lines = re.findall(r"(?m)^([0-9]{2,4}):", text)
    assert len(lines) == 276 and len(set(lines)) == 274  # 08 and 175 are each on two lines
    walk = codebook("plover_crosswalk").set_index("cameo_code")
    assert sorted(walk.index) == sorted(set(lines))
    assert not [c for c in walk.index if c.startswith(("01", "02"))]  # PLOVER codes no statements or appeals
    assert tuple(walk.loc["1212", ["plover_type", "plover_mode", "plover_context"]]) == ("REJECT", "assist", "military")
    assert tuple(walk.loc["175", ["plover_type", "plover_mode", "source_line"]]) == ("ASSAULT", "", "279")
    assert "lines 279 and 280" in walk.loc["175", "note"]
    assert walk.loc["08", "plover_type"] == "" and "CONCEDE (line 66) and RETREAT (line 78)" in walk.loc["08", "note"]
    assert "Not a CAMEO 1.1b3 code" in walk.loc["1213", "note"]
    assert walk.loc["055", "source_label"] == "Apolgize"  # as printed; cameo_codes has the manual's label


def test_each_codebook_resource_names_its_source_with_a_commit_and_its_own_licence():
    resources = {r["name"]: r for r in json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    cameo, plover = resources["cameo_codes"], resources["plover_crosswalk"]
    assert [s["path"] for s in cameo["sources"]] == ["http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf",
                                                     "https://www.gdeltproject.org/data/lookups/CAMEO.eventcodes.txt"]
    assert "a7e3917cff6a5d308203e4e6cc2f060baad9fb67" in cameo["sources"][1]["title"]
    assert "6b803a4461b3815a093be067f8b03039c053fc35" in plover["sources"][0]["path"]
    assert [l["name"] for l in cameo["licenses"]] == ["CC-BY-NC-SA-3.0"]
    assert [l["name"] for l in plover["licenses"]] == ["CC-BY-SA-4.0"]
    assert resources["events"]["schema"]["foreignKeys"][-1] == {"fields": ["cameo_code"], "reference": {"resource": "cameo_codes", "fields": ["code"]}}
    assert "cameo_codes.csv" in (REPO / "docs" / "rights.md").read_text(encoding="utf-8")


def test_every_event_agrees_with_the_codebooks():
    codes, walk = codebook("cameo_codes").set_index("code"), codebook("plover_crosswalk").set_index("cameo_code")
    for row in codebook("events").itertuples():
        assert row.cameo_code in codes.index, row.event_id
        want = tuple(walk.loc[row.cameo_code, ["plover_type", "plover_mode"]]) if row.cameo_code in walk.index else ("", "")
        assert (row.plover_type, row.plover_mode) == want or row.plover_exception, row.event_id


def test_the_fixture_codebooks_are_the_repository_s():
    for path in sorted((REPO / "annotations" / "codebooks").iterdir()):
        assert (FIXTURES / "second" / "annotations" / "codebooks" / path.name).read_bytes() == path.read_bytes(), path.name


# ---- events held to them ----------------------------------------------------------------------------------------

def test_a_code_not_in_cameo_is_refused_with_the_codes_of_its_root(second_article):
    yaml_set('event_id: "sf-e01"', "cameo_code", '"099"')(second_article)
    files = build(second_article)  # the rows build; the validator refuses them
    found = problems(second_article, stages=("rules", "frictionless"))
    line = row_line(files, EVENTS, "sf-e01")
    [rule] = [p for p in found if p.code == "CAMEO_CODE"]
    assert (rule.file, rule.line, rule.key, rule.field) == (EVENTS, line, "event_id=sf-e01", "cameo_code")
    assert rule.message == "`099` is not a CAMEO 1.1b3 code: data/cameo_codes.csv has no row `099`"
    assert rule.fix.startswith("use a code of data/cameo_codes.csv; under 09 (INVESTIGATE) they are 090 Investigate, not specified below; 091 ")
    assert rule.source == f"{Y}:{line_of(second_article, Y, QUOTED_099)}"
    assert f"Fix: edit {rule.source}, then run `make build`" in str(rule)
    [key] = [p for p in found if p.code == "FOREIGN_KEY"]  # frictionless, through the validator
    assert (key.file, key.line, key.key) == (EVENTS, line, "event_id=sf-e01")


def test_frictionless_itself_reports_a_code_not_in_cameo_as_a_foreign_key_error(second_package):
    cells("events", "sf-e01", cameo_code="099")(second_package)
    report = frictionless.Package(str(second_package / "datapackage.json")).validate()
    errors = [e for task in report.tasks if task.name == "events" for e in task.errors]
    assert [e.type for e in errors] == ["foreign-key"]
    assert "099" in errors[0].cells and "cameo_codes" in errors[0].message
    assert {p.code for p in validate(second_package, second_package, stages=("rules", "frictionless"))} == {"CAMEO_CODE", "FOREIGN_KEY"}


def test_a_discussion_recoded_190_assault_contradicts_its_own_rule(tmp_path):
    """190 / ASSAULT is what the crosswalk gives for 190, so only the note, which gives the rule for 040, shows
    that the code no longer describes the discussion."""
    root = scratch_repository(tmp_path / "repo")
    yaml_set('- event_id: "stc-e01"', "cameo_code", '"190"', file=REAL)(root)
    yaml_set('- event_id: "stc-e01"', "plover_type", '"ASSAULT"', file=REAL)(root)
    files = build(root)
    found = problems(root)
    assert [p.code for p in found] == ["CAMEO_NOTE"]
    [p] = found
    assert (p.file, p.line, p.key, p.field) == (EVENTS, row_line(files, EVENTS, "stc-e01"), "event_id=stc-e01", "note")
    assert p.message == ("the note gives the rule for CAMEO 040 (Consult, not specified below), but cameo_code is "
                         "190 (Use conventional military force, not specified below)")
    assert p.source.startswith(f"{REAL}:") and "CAMEO 040" in (root / REAL).read_text(encoding="utf-8").split("\n")[int(p.source.split(":")[1]) - 1]


def test_a_type_and_mode_that_differ_from_the_crosswalk_are_refused(second_article):
    yaml_set('event_id: "sf-e01"', "cameo_code", '"173"')(second_article)
    yaml_set('event_id: "sf-e01"', "note", '"CAMEO 173 (Arrest, detain, or charge with legal action): for the test."')(second_article)
    yaml_set('event_id: "sf-e01"', "plover_type", '"COERCE"')(second_article)
    files = build(second_article)
    [p] = problems(second_article)
    assert (p.code, p.file, p.line, p.key, p.field) == ("PLOVER_CROSSWALK", EVENTS, row_line(files, EVENTS, "sf-e01"), "event_id=sf-e01", "plover_mode")
    walk_line = line_of(REPO, "annotations/codebooks/CAMEO2PLOVER-2021.txt", "173: COERCE")
    assert p.message == ("plover_type COERCE, plover_mode (empty), but the plover_crosswalk line for 173 (Arrest, detain, "
                         f"or charge with legal action) (CAMEO2PLOVER-2021.txt line {walk_line}) gives plover_type COERCE, plover_mode arrest")
    assert "plover_exception" in p.fix


def test_a_statement_given_a_plover_type_is_refused(second_article):
    yaml_set('event_id: "sf-e01"', "plover_type", '"COOPERATE"')(second_article)  # cameo_code stays 010
    [p] = problems(second_article)
    assert (p.code, p.field) == ("PLOVER_CROSSWALK", "plover_type")
    assert p.message == ("plover_type COOPERATE, plover_mode (empty), but plover_crosswalk, which has no line for 010 "
                         "(Make statement, not specified below), gives plover_type (empty), plover_mode (empty)")


def test_an_exception_recorded_on_the_event_is_accepted_and_visible_in_the_data(second_article):
    reason = "The opening is a cooperative act the table does not code as a statement; kept for the test."
    yaml_set('event_id: "sf-e01"', "plover_type", '"COOPERATE"')(second_article)
    yaml_set('event_id: "sf-e01"', "plover_exception", json.dumps(reason))(second_article)
    files = build_and_validate(second_article)
    [row] = [r for r in csv.DictReader(io.StringIO(files[EVENTS].decode("utf-8"))) if r["event_id"] == "sf-e01"]
    assert (row["plover_type"], row["plover_exception"]) == ("COOPERATE", reason)
    assert validate(second_article, second_article) == []


def test_an_exception_where_nothing_departs_is_refused(second_article):
    yaml_set('event_id: "sf-e01"', "plover_exception", '"No reason to depart."')(second_article)
    [p] = problems(second_article)
    assert (p.code, p.key, p.field) == ("PLOVER_EXCEPTION", "event_id=sf-e01", "plover_exception")
    assert p.message.startswith('plover_exception "No reason to depart." is given, but plover_type (empty), plover_mode (empty) is what')


def test_a_broken_codebook_file_is_refused_at_its_line(second_article):
    rel = "annotations/codebooks/cameo_codes.csv"
    edit(rel, '0312,Express intent to cooperate militarily,031,', '0312,Express intent to cooperate militarily,03,', rehashed=False)(second_article)
    with pytest.raises(ProblemsFound) as found:
        build(second_article)
    [p] = found.value.problems
    assert (p.code, p.file, p.line, p.key, p.field) == ("CODEBOOK", rel, line_of(second_article, rel, "0312,"), "code=0312", "parent_code")
    assert p.message == "the parent of `0312` is `031`, not `03`"


def test_a_placeholder_exception_gives_no_reason_and_does_not_silence_the_crosswalk(second_article):
    yaml_set('event_id: "sf-e01"', "plover_type", '"COOPERATE"')(second_article)
    yaml_set('event_id: "sf-e01"', "plover_exception", '"."')(second_article)
    [p] = problems(second_article)
    assert (p.code, p.field) == ("PLOVER_EXCEPTION", "plover_exception") and "gives no reason" in p.message
    assert "plover_type (empty)" in p.fix


def test_a_placeholder_of_several_words_names_no_departure_and_is_refused(second_article):
    """Three words are no reason unless they name the type or mode departed from or taken (guidelines section 7)."""
    yaml_set('event_id: "sf-e01"', "plover_type", '"COOPERATE"')(second_article)
    yaml_set('event_id: "sf-e01"', "plover_exception", '"lorem ipsum dolor"')(second_article)
    [p] = problems(second_article)
    assert (p.code, p.field) == ("PLOVER_EXCEPTION", "plover_exception")
    assert 'names neither the crosswalk\'s empty type nor the chosen COOPERATE' in p.message
