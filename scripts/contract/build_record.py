"""The build record: which annotation files and texts the committed outputs were built from, and those outputs' hashes.

`make build` writes build-record.json beside datapackage.json. `make validate` in a repository reads it to tell
whether the committed outputs are current without building again: when every input still has its recorded sha256,
every output its recorded sha256 and no output is extra or missing, they are what the build wrote from these
inputs. Otherwise it names the output that differs, or the input that changed since the build (then every output
may be stale, and `make build` writes them afresh). The record covers the hand-written inputs only; a change of the
build code is caught by `make check`, which always builds afresh (docs/validation.md).

`exports` lists every file the exports step of `make build` writes into dist/ (scripts/contract/exports.py). dist/ is
not committed: those files' sha256 are recorded in dist/exports-record.json, written with them, and checked here
too (exports_check). A dist/ without exports (a fresh clone) is a notice, not a problem.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scripts.contract import exports
from scripts.contract.problems import Problem

RECORD = "build-record.json"
INPUT_GLOBS = ("annotations/package.yaml", "annotations/entities.yaml", "annotations/articles/*.yaml",
               "annotations/primary/**/*.yaml", "sources/*.txt")
OUTPUT_GLOBS = ("datapackage.json", "data/**/*")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(root: Path, globs) -> dict[str, Path]:
    found = {}
    for pattern in globs:
        for path in root.glob(pattern):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


def inputs(root: Path) -> dict[str, str]:
    """Every file the build reads from the repository, by path, with its sha256."""
    return {rel: sha256(path.read_bytes()) for rel, path in _files(root, INPUT_GLOBS).items()}


def render(root: Path, files: dict[str, bytes]) -> bytes:
    """The record of a build of root that wrote files (the record itself left out)."""
    record = {"inputs": inputs(root),
              "outputs": {rel: sha256(data) for rel, data in sorted(files.items()) if rel != RECORD}}
    if "datapackage.json" in files:
        record["exports"] = [f"{exports.DIST}/{rel}" for rel in exports.files_of_descriptor(json.loads(files["datapackage.json"]))]
    return (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")


def drift(rel: str) -> Problem:
    return Problem(rel, None, "", "", "DESCRIPTOR_DRIFT", "differs from a fresh build of annotations/ and sources/",
                   "edit the annotation files, never the generated ones, then run `make build` and commit the result")


def check(root: Path) -> list[Problem]:
    """Why the committed outputs may not be what a build of the committed inputs writes, as problems: the record is
    missing, an input changed since it was written, or an output differs from what it records."""
    try:
        record = json.loads((root / RECORD).read_text(encoding="utf-8"))
        recorded_inputs, recorded_outputs = dict(record["inputs"]), dict(record["outputs"])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        return [Problem(RECORD, None, "", "", "DESCRIPTOR_DRIFT", "is missing or unreadable, so nothing shows that the "
                        "committed outputs were built from the committed inputs", "run `make build` and commit the result")]
    current = inputs(root)
    changed = sorted(rel for rel in set(current) | set(recorded_inputs) if current.get(rel) != recorded_inputs.get(rel))
    if changed:
        return [Problem(rel, None, "", "", "DESCRIPTOR_DRIFT",
                        f"{'was added' if rel not in recorded_inputs else 'was removed' if rel not in current else 'changed'} "
                        f"since the last build ({RECORD}), so the generated files may be stale",
                        "run `make build` and commit the result") for rel in changed]
    present = _files(root, OUTPUT_GLOBS)
    stale = [rel for rel, digest in recorded_outputs.items()
             if rel not in present or sha256(present[rel].read_bytes()) != digest]
    stale += [rel for rel in present if rel not in recorded_outputs]
    return [drift(rel) for rel in sorted(stale)]


def exports_check(root: Path) -> tuple[list[Problem], str | None]:
    """(problems, notice) about dist/: the files the record's `exports` lists, against dist/exports-record.json."""
    try:
        listed = json.loads((root / RECORD).read_text(encoding="utf-8")).get("exports")
        expected = [rel.removeprefix(f"{exports.DIST}/") for rel in listed] if isinstance(listed, list) else None
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError, RecursionError):
        expected = None  # check() reports the record itself
    return exports.check(root, expected)
