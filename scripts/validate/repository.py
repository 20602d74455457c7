"""Validate what a user hands over: a package folder, its datapackage.json, a release zip, or a repository.

In a repository (a folder with annotations/package.yaml) an interrupted build is first finished or undone, the
descriptor is compared with annotations/package.yaml, the committed outputs with the build record, and a problem in
a generated row names the annotation line behind it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scripts.annotations.loader import load_package_meta
from scripts.contract import identity
from scripts.annotations.provenance import attach, load_source_map
from scripts.contract import build_record
from scripts.contract.problems import Problem, ordered
from scripts.runtime.lock import repository_lock
from scripts.runtime.swap import recover
from scripts.validate.core import validate
from scripts.validate.inputs import unpacked


def is_repository(root: Path) -> bool:
    return (root / "annotations" / "package.yaml").is_file()


def run(target: Path, tally: dict | None = None) -> tuple[list[Problem], str | None]:
    """Validate a directory, a datapackage.json or a release zip; (problems, a note on recovered state). tally, when
    given, receives each table's row count."""
    with tempfile.TemporaryDirectory(prefix="validate-") as scratch:
        root = unpacked(target, Path(scratch))
        if not is_repository(root):
            return validate(root, name=str(target), tally=tally), None
        with repository_lock(root, what="recovery", optional=True):
            note = recover(root)
        with repository_lock(root, shared=True, what="the validation"):
            return _repository(root, target, tally), note


def _repository(root: Path, target: Path, tally: dict | None) -> list[Problem]:
    meta, meta_problems = load_package_meta(root / "annotations" / "package.yaml", "annotations/package.yaml")
    meta = identity.resolved(meta, len(list((root / "annotations" / "articles").glob("*.yaml"))))  # as the build counts
    problems = meta_problems + validate(root, root, meta if not meta_problems else None, name=str(target), tally=tally)
    problems += build_record.check(root)
    # the map re-reads every annotation file; it only changes problems about generated rows, so read it only then
    about_rows = any(p.file.startswith("data/") and p.file.endswith(".csv") for p in problems)
    return ordered(attach(problems, load_source_map(root)) if about_rows else problems)
