"""The build record: `make validate` knows the committed outputs are current from their recorded hashes, names a hand
edit without building, names an input that changed since the build, and `make check` still proves what the record
says."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scripts.contract import build_record
from scripts.build.pipeline import stale_files
from scripts.validate.repository import run


def drift(root: Path) -> list[str]:
    return sorted(p.file for p in run(root)[0] if p.code == "DESCRIPTOR_DRIFT")


def edit_figures_by_hand(root: Path) -> bytes:
    path = root / "data" / "figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",", ", ", 1)  # one space more in the first row
    path.write_text("".join(lines), encoding="utf-8")
    return path.read_bytes()


def test_the_record_lists_every_input_and_output_of_the_build(second_package):
    record = json.loads((second_package / build_record.RECORD).read_text(encoding="utf-8"))
    assert "sources/cafe-zoe.txt" in record["inputs"] and "annotations/entities.yaml" in record["inputs"]
    assert record["inputs"]["sources/cafe-zoe.txt"] == hashlib.sha256((second_package / "sources" / "cafe-zoe.txt").read_bytes()).hexdigest()
    outputs = {p.relative_to(second_package).as_posix() for p in (second_package / "data").rglob("*") if p.is_file()}
    assert set(record["outputs"]) == outputs | {"datapackage.json"}


def test_a_current_package_has_no_drift(second_package):
    assert build_record.check(second_package) == [] and drift(second_package) == []


def test_a_hand_edit_is_named_from_the_record_alone(second_package):
    edit_figures_by_hand(second_package)
    assert [p.file for p in build_record.check(second_package)] == ["data/figures.csv"]
    assert "data/figures.csv" in drift(second_package)


def test_a_changed_input_is_named_with_the_command_that_rebuilds(second_package):
    registry = second_package / "annotations" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace('"A café in Málaga"', '"A small café in Málaga"'), encoding="utf-8")
    [problem] = build_record.check(second_package)
    assert (problem.file, problem.code) == ("annotations/entities.yaml", "DESCRIPTOR_DRIFT")
    assert "changed since the last build" in problem.message and "make build" in problem.fix
    assert drift(second_package) == ["annotations/entities.yaml"]
    assert stale_files(second_package) == ["build-record.json", "data/entities.csv", "datapackage.json"]


def test_a_new_or_removed_input_is_named_too(second_package):
    (second_package / "sources" / "cafe-zoe.txt").rename(second_package / "sources" / "renamed.txt")
    assert {(p.file, p.message.split(" since")[0]) for p in build_record.check(second_package)} == {
        ("sources/cafe-zoe.txt", "was removed"), ("sources/renamed.txt", "was added")}


def test_a_missing_record_is_itself_a_stale_output(second_package):
    (second_package / build_record.RECORD).unlink()
    assert [p.file for p in build_record.check(second_package)] == [build_record.RECORD]
    assert drift(second_package) == ["build-record.json"]


def test_a_forged_record_does_not_fool_make_check(second_package):
    """The record speaks for the outputs; `make check` (a fresh build) is what proves it, and CI runs it."""
    data = edit_figures_by_hand(second_package)
    path = second_package / build_record.RECORD
    record = json.loads(path.read_text(encoding="utf-8"))
    record["outputs"]["data/figures.csv"] = hashlib.sha256(data).hexdigest()
    path.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert build_record.check(second_package) == []
    assert stale_files(second_package) == ["build-record.json", "data/figures.csv"]
