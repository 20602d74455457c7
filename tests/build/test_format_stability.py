"""A stable format: the annotation files written for 1.0.0 keep building with the current code, and give the rows
1.0.0 released.

tests/fixtures/v1.0.0/ holds the hand-written inputs of release 1.0.0 as released (its README says from which
commit) and that release's data-digest.json. The test builds them, validates the result, and compares it, row by
row, with the digests 1.0.0 recorded: a format change that stops a 1.0.0 file building, or that changes what it
means, fails here. (No format change has needed a migration so far; one that does must run its migration command
on these files before the build below.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from scripts.build.pipeline import build, build_and_validate
from scripts.build.write import write_files
from scripts.contract.problems import ProblemsFound
from scripts.contract.reader import open_package
from scripts.rules import versions
from tests.helpers.repo import FIXTURES, REPO

RELEASED = FIXTURES / "v1.0.0"
# schema changes made on purpose since 1.0.0, each in CHANGELOG.md; no row may change
SCHEMA_CHANGES_SINCE = {
    "events: fields added: plover_exception",  # 2.0.0: a recorded departure from the CAMEO-to-PLOVER table
    "events: foreignKeys changed",  # 2.0.0: cameo_code is a foreign key to the cameo_codes codebook
    "events: constraints of date loosened",  # 2.0.0: an event date may be a week (guidelines 10.9)
    "quotes: fields added: source_type",  # 2.0.0: written by the build from speaker_id and source_mention_id
}
# rules stated since 1.0.0 that 1.0.0's own data broke (each row was corrected in 1.1.0, audit finding 6): the 1.0.0
# files are read the same way, and the build names those rows, with nothing else
RULES_SINCE = {"CONTENT_START"}
DERIVED_SINCE = {"quotes": ("source_type",)}  # columns added since 1.0.0 whose cells the build derives


def _as_released(root: Path, record: dict) -> dict:
    """The current snapshot with each row's digest taken over the cells 1.0.0 had: a derived column added since
    may fill every row, but no cell 1.0.0 released may change."""
    current = versions.snapshot(root)
    pkg = open_package(root, texts=False)
    for name, columns in DERIVED_SINCE.items():
        resource = pkg.resource(name)
        key = resource.schema["primaryKey"]
        current["resources"][name]["rows"] = {
            "|".join(row[k] for k in key): versions.row_digest({c: v for c, v in row.items() if c not in columns})
            for row in resource.rows}
    return current


def released_copy(dest: Path) -> Path:
    shutil.copytree(RELEASED / "annotations", dest / "annotations")
    # the codebooks are reference lists the project ships (added after 1.0.0), not a contributor's annotations
    shutil.copytree(REPO / "annotations" / "codebooks", dest / "annotations" / "codebooks")
    (dest / "sources").mkdir()
    for annotation in sorted((RELEASED / "annotations" / "articles").glob("*.yaml")):
        text = REPO / "sources" / f"{annotation.stem}.txt"
        assert text.is_file(), f"sources/{annotation.stem}.txt, the text of a 1.0.0 article, is gone from the repository"
        shutil.copy(text, dest / "sources" / text.name)
    return dest


def built(root: Path) -> list:
    """The 1.0.0 files built and validated with the current code: the problems, which may only be rules stated since."""
    try:
        build_and_validate(root)
        return []
    except ProblemsFound as found:
        assert {p.code for p in found.problems} <= RULES_SINCE, "\n".join(str(p) for p in found.problems)
        write_files(build(root), root)  # the format still reads: the rows are built, only the newer rule objects
        return found.problems


def test_the_1_0_0_annotation_files_build_with_the_current_code(tmp_path):
    root = released_copy(tmp_path / "v1.0.0")
    built(root)
    assert (root / "datapackage.json").is_file()


def test_the_1_0_0_annotation_files_give_the_rows_1_0_0_released(tmp_path):
    root = released_copy(tmp_path / "v1.0.0")
    built(root)
    record = json.loads((RELEASED / "data-digest.json").read_text(encoding="utf-8"))
    assert record["version"] == "1.0.0"
    current = _as_released(root, record)
    assert set(record["resources"]) <= set(current["resources"]), "every resource 1.0.0 released is built"
    assert sum(len(r.get("rows", {})) for r in record["resources"].values()) > 0
    changes = versions.diff(record, current)
    changed = [f"{c.resource}: {c}" for c in changes if c.kind not in versions.GROWTH]
    changed = [c for c in changed if c not in SCHEMA_CHANGES_SINCE]
    assert changed == [], "the current code reads a 1.0.0 file differently from 1.0.0:\n" + "\n".join(changed)
