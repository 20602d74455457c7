"""Validate what a user hands over: a package folder, its datapackage.json, a release zip, or a repository.

In a repository (a folder with annotations/package.yaml) an interrupted build is first finished or undone, the
descriptor is compared with annotations/package.yaml, the committed outputs with the build record, and a problem in
a generated row names the annotation line behind it; dist/ is compared with the record of the exports written
into it (a dist/ with no exports yet is a notice).

A folder of exports (dist/, or a package unzipped together with its exports zip) is also read back export by
export and compared with its package cell for cell (scripts/validate/exports.py); the package is validated too.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scripts.annotations.loader import load_package_meta
from scripts.contract import identity
from scripts.annotations.provenance import attach, load_source_map
from scripts.contract import build_record
from scripts.contract.problems import Problem, notice, ordered
from scripts.runtime.lock import repository_lock
from scripts.runtime.swap import recover
from scripts.validate.core import validate
from scripts.validate import exports as export_folder
from scripts.validate.inputs import UnsafeInput, unpacked


def is_repository(root: Path) -> bool:
    return (root / "annotations" / "package.yaml").is_file()


def run(target: Path, tally: dict | None = None) -> tuple[list[Problem], str | None]:
    """Validate a directory, a datapackage.json or a release zip; (problems, a note on recovered state). tally, when
    given, receives each table's row count."""
    if target.is_dir() and export_folder.is_export_folder(target):
        package = export_folder.package_of(target)
        if package is None:
            raise UnsafeInput("no package beside these exports", [Problem(str(target), None, "", "", "EXPORT_WITHOUT_PACKAGE",
                              "holds exports but no datapackage.json, and neither does the folder above it")])
        if package != target:  # dist/: the package is the folder above, validated as itself
            problems, note = run(package, tally)
            return ordered(problems + export_folder.compare(target, package, str(target))), note
        compared = export_folder.compare(target, package, str(target))
    else:
        compared = []
    with tempfile.TemporaryDirectory(prefix="validate-") as scratch:
        root = unpacked(target, Path(scratch))
        if not is_repository(root):
            beside = target.resolve().with_suffix("") if root != target else None  # a zip: its folder holds shared/
            return ordered(validate(root, name=str(target), tally=tally, beside=beside) + compared), None
        with repository_lock(root, what="recovery", optional=True):
            note = recover(root)
        with repository_lock(root, shared=True, what="the validation"):
            return ordered(_repository(root, target, tally) + compared), note


def _repository(root: Path, target: Path, tally: dict | None) -> list[Problem]:
    meta, meta_problems = load_package_meta(root / "annotations" / "package.yaml", "annotations/package.yaml")
    meta = identity.resolved(meta, len(list((root / "annotations" / "articles").glob("*.yaml"))))  # as the build counts
    problems = meta_problems + validate(root, root, meta if not meta_problems else None, name=str(target), tally=tally)
    problems += build_record.check(root)
    found, said = build_record.exports_check(root)
    if said:
        notice(said)
    problems += found
    # the map re-reads every annotation file; it only changes problems about generated rows, so read it only then
    about_rows = any(p.file.startswith("data/") and p.file.endswith(".csv") for p in problems)
    return ordered(attach(problems, load_source_map(root)) if about_rows else problems)
