"""The digest guard: a change to released data without the version bump it needs fails validation and the build,
naming the changed resources and the bump; the right bump passes. Growth alone waits for the release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.runtime.root import repo_root
from scripts.release.digest import record
from scripts.rules import versions as digest
from scripts.build.pipeline import build, build_and_validate
from scripts.build.write import write_files
from scripts.contract.problems import ProblemsFound
from scripts.validate.core import validate

VERSION_CODES = {"VERSION_NOT_BUMPED", "VERSION_BUMP_TOO_SMALL", "DIGEST_RECORD"}


def rebuild(root: Path) -> None:
    write_files(build(root), root)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_version(root: Path, version: str) -> None:
    edit(root, "annotations/package.yaml", 'version: "0.1.0"', f'version: "{version}"')
    rebuild(root)


def guard(root: Path) -> list:
    return [p for p in validate(root, root, stages=("versions",)) if p.code in VERSION_CODES]


@pytest.fixture
def released(second_package) -> Path:
    """The fixture package with its digest recorded as version 0.1.0."""
    record(second_package, second_package)
    return second_package


def correct_a_row(root: Path) -> None:
    """A PATCH-level change: an existing entity's description corrected, its ID kept."""
    edit(root, "annotations/entities.yaml", 'description: "A café in Málaga"', 'description: "A café in Málaga, Spain"')
    rebuild(root)


def test_an_unchanged_package_passes(released):
    assert guard(released) == []


def test_no_record_means_nothing_to_compare(second_package):
    assert not (second_package / digest.RECORD).exists()
    assert guard(second_package) == []


def test_a_data_edit_without_a_bump_fails_naming_resource_row_and_bump(released):
    correct_a_row(released)
    problems = guard(released)
    assert [p.code for p in problems] == ["VERSION_NOT_BUMPED"]
    message = str(problems[0])
    assert "entities (rows changed: cafe-zoe)" in message
    assert "PATCH" in message and "0.1.1" in message
    assert problems[0].file == "annotations/package.yaml" and problems[0].field == "version"


def test_the_build_refuses_it_too(released):
    correct_a_row(released)
    before = (released / "datapackage.json").read_bytes()
    with pytest.raises(ProblemsFound) as raised:
        build_and_validate(released, stages=("rules", "versions"))
    assert "VERSION_NOT_BUMPED" in {p.code for p in raised.value.problems}
    assert (released / "datapackage.json").read_bytes() == before


def test_a_data_edit_with_the_right_bump_passes(released):
    correct_a_row(released)
    set_version(released, "0.1.1")
    assert guard(released) == []
    assert validate(released, released, stages=("versions",)) == []


def test_added_rows_need_minor_and_a_patch_bump_is_too_small(released):
    # Record the package as if the last entity had not been released: now it is an added row.
    record = json.loads((released / digest.RECORD).read_text(encoding="utf-8"))
    removed = record["resources"]["entities"]["rows"].pop("spinal-tap-tribute-band")
    assert removed
    (released / digest.RECORD).write_text(digest.dumps(record), encoding="utf-8")
    problems, note = digest.assess(released, released)
    assert problems == [] and "rows added: 1 (spinal-tap-tribute-band)" in note and "at least 0.2.0" in note
    set_version(released, "0.1.1")
    problems = guard(released)
    assert [p.code for p in problems] == ["VERSION_BUMP_TOO_SMALL"]
    assert "rows added: spinal-tap-tribute-band" in problems[0].message
    edit(released, "annotations/package.yaml", 'version: "0.1.1"', 'version: "0.2.0"')
    rebuild(released)
    assert guard(released) == []


def test_growth_alone_builds_under_the_released_version_and_says_so(released, capsys):
    """A new entity (a new article's would be the same): nothing released changed, so the build passes and a notice
    names the bump the release will need."""
    edit(released, "annotations/entities.yaml", "\nentities:\n", """\nentities:
  - entity_id: "zoe-staff"
    name: "the staff of Café Zoë"
    type: "group"
    description: "The people who work at Café Zoë"
    wikidata_note: "Added by a test; no Wikidata lookup."
""")
    build_and_validate(released, stages=("rules", "versions"))
    assert guard(released) == []
    out = capsys.readouterr().out
    assert "notice: unreleased: the data grew since version 0.1.0; nothing released changed" in out
    assert "\n  entities: rows added: 1 (zoe-staff)\n" in out, "one line per table, naming the rows"


def test_growth_with_a_correction_is_not_growth(released):
    record = json.loads((released / digest.RECORD).read_text(encoding="utf-8"))
    record["resources"]["entities"]["rows"].pop("spinal-tap-tribute-band")
    (released / digest.RECORD).write_text(digest.dumps(record), encoding="utf-8")
    correct_a_row(released)
    problems = guard(released)
    assert [p.code for p in problems] == ["VERSION_NOT_BUMPED"] and "0.2.0" in problems[0].message


def test_a_retired_id_needs_major(released):
    record = json.loads((released / digest.RECORD).read_text(encoding="utf-8"))
    record["resources"]["entities"]["rows"]["retired-entity"] = "0" * 16
    (released / digest.RECORD).write_text(digest.dumps(record), encoding="utf-8")
    problems = guard(released)
    assert "rows removed (retired IDs): retired-entity" in problems[0].message and "1.0.0" in problems[0].message


def test_an_unreadable_record_is_a_clear_problem(released):
    (released / digest.RECORD).write_text("{not json", encoding="utf-8")
    problems = guard(released)
    assert [p.code for p in problems] == ["DIGEST_RECORD"] and problems[0].file == digest.RECORD


def _rows_a_number(r):
    r["resources"]["entities"]["rows"] = 5


def _schema_gone(r):
    r["resources"]["entities"].pop("schema")


def _version_a_number(r):
    r["version"] = 2


def _field_without_name(r):
    r["resources"]["entities"]["schema"]["fields"] = [{"type": "string"}]


def _resource_null(r):
    r["resources"]["entities"] = None


@pytest.mark.parametrize("damage", [_rows_a_number, _schema_gone, _version_a_number, _field_without_name, _resource_null],
                         ids=["rows-a-number", "schema-gone", "version-a-number", "field-without-name", "resource-null"])
def test_a_record_of_another_shape_is_a_clear_problem_not_internal(released, damage, capsys):
    """JSON that is no record `make digest` writes: every reader of it (the guard, `make digest`, the release)
    says DIGEST_RECORD (the release: tests/release/test_release.py)."""
    from scripts.release.digest import main as digest_main

    record = json.loads((released / digest.RECORD).read_text(encoding="utf-8"))
    damage(record)
    (released / digest.RECORD).write_text(json.dumps(record), encoding="utf-8")
    problems = guard(released)
    assert [p.code for p in problems] == ["DIGEST_RECORD"] and "not a record `make digest` writes" in problems[0].message
    assert digest_main(["--root", str(released), str(released)]) == 1
    assert "[DIGEST_RECORD]" in capsys.readouterr().err


# ------------------------------------------------------------ the rules, on the real package's snapshot


@pytest.fixture(scope="module")
def real() -> dict:
    return digest.snapshot(repo_root())


def with_field(snap: dict, table: str, field: str, **changes) -> dict:
    new = json.loads(json.dumps(snap))
    for fld in new["resources"][table]["schema"]["fields"]:
        if fld["name"] == field:
            fld.update(changes)
    return new


def levels(old: dict, new: dict) -> set[str]:
    return {c.level for c in digest.diff(old, new)}


def test_schema_rules(real):
    quotes = {f["name"]: f for f in real["resources"]["quotes"]["schema"]["fields"]}
    kind = quotes["kind"]["constraints"]
    assert levels(real, real) == set()
    assert levels(real, with_field(real, "quotes", "kind", type="integer")) == {"MAJOR"}
    fewer = dict(kind, enum=kind["enum"][:-1])
    more = dict(kind, enum=kind["enum"] + ["another"])
    assert levels(real, with_field(real, "quotes", "kind", constraints=fewer)) == {"MAJOR"}   # tightened
    assert levels(real, with_field(real, "quotes", "kind", constraints=more)) == {"MINOR"}    # loosened
    optional = next(f for f in quotes.values() if not f["constraints"].get("required"))
    required = dict(optional["constraints"], required=True)
    assert levels(real, with_field(real, "quotes", optional["name"], constraints=required)) == {"MAJOR"}
    dropped = json.loads(json.dumps(real))
    dropped["resources"]["quotes"]["schema"]["fields"].pop()
    assert levels(real, dropped) == {"MAJOR"} and levels(dropped, real) == {"MINOR"}
    without = json.loads(json.dumps(real))
    del without["resources"]["figures"]
    assert levels(real, without) == {"MAJOR"} and levels(without, real) == {"MINOR"}


def test_bumps():
    assert digest.bump("0.1.0", "PATCH") == "0.1.1"
    assert digest.bump("0.1.3", "MINOR") == "0.2.0"
    assert digest.bump("1.4.2", "MAJOR") == "2.0.0"
