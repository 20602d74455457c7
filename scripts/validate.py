"""One validator, one report: pre-flight, frictionless and every project rule, merged in the project's format.

Usage: python -m scripts.validate [PATH]

PATH is a package directory, its datapackage.json or a release zip (default: this repository). Exit status 0 means
valid, 1 means problems were found, 2 means the validator itself could not run or could not finish a check
(code INTERNAL). No input produces a traceback, and validation never opens a network connection.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import traceback
from pathlib import Path

from scripts import attribution, build_record, coverage, digest, namespaces, preflight, primary, rules
from scripts.commit import recover
from scripts.encoding import decode
from scripts.fields import TABLES
from scripts.heap import collector_paused
from scripts.parallel import in_background
from scripts.package_reader import Package, read_csv
from scripts.problems import CODES, Problem, ordered, report
from scripts.provenance import attach, load_source_map
from scripts.package_input import UnsafeInput, UnusableInput, unpacked

ROOT = Path(__file__).resolve().parents[1]
FRICTIONLESS_CODES = {
    "type-error": "CELL_TYPE", "primary-key": "PRIMARY_KEY", "foreign-key": "FOREIGN_KEY",
    "missing-cell": "CSV_FORMAT", "extra-cell": "CSV_FORMAT", "blank-row": "CSV_FORMAT",
    "incorrect-label": "HEADER", "missing-label": "HEADER", "extra-label": "HEADER", "duplicate-label": "HEADER",
    "blank-label": "HEADER", "hash-count": "RESOURCE_INTEGRITY", "byte-count": "RESOURCE_INTEGRITY",
    "unique-error": "UNIQUE_KEY", "encoding-error": "ENCODING",
}


def safe_path(path) -> bool:
    """A plain relative POSIX path inside data/ (the docs link only to such paths)."""
    return preflight.safe_relative(path) is None and path.split("/")[0] == "data"


class _Guard:
    """Runs each stage; an unexpected exception becomes an INTERNAL problem naming the input and the stage."""

    def __init__(self, name: str, problems: list[Problem]):
        self.name, self.problems = name, problems

    def __call__(self, stage: str, function, *args) -> bool:
        try:
            function(*args)
            return True
        except Exception as error:  # noqa: BLE001 - the point is that nothing escapes as a traceback
            where = traceback.extract_tb(error.__traceback__)[-1]
            self.problems.append(Problem(self.name, None, "", stage, "INTERNAL",
                                         f"{type(error).__name__}: {error} (in {Path(where.filename).name}:{where.lineno})"))
            return False


@collector_paused
def validate(root: Path, repo: Path | None = None, meta: dict | None = None, name: str | None = None) -> list[Problem]:
    """Every problem in the package at root, ordered. repo, when given, is the repository (for the version digest);
    meta is annotations/package.yaml's content, compared with the descriptor when validating the repository."""
    problems: list[Problem] = []
    guard = _Guard(name or str(root), problems)
    pre = preflight.Preflight()
    guard("pre-flight", lambda: _keep(pre, preflight.run(root, meta)))
    problems += pre.problems
    if not pre.readable:
        return ordered(problems)
    pkg = Package(root, pre.paths, preflight.text_free(pre.descriptor))
    guard("integrity", _integrity, pre, problems)
    if any(p.code in ("ENCODING",) for p in problems):
        return ordered(problems)
    for table_name, table in TABLES.items():
        guard(f"read {table_name}", lambda n=table_name, t=table: pkg.rows.__setitem__(n, read_csv(root, n, t.columns, problems)))
    # frictionless in two processes beside this one's rules: the machine's cores share the work
    frictionless_halves = [in_background(_frictionless_apart, root, pre.descriptor, guard.name, half) for half in halves(pre.descriptor)]
    for stage in (rules.cells, rules.articles, rules.spans, rules.sentence_tiling, rules.keys, rules.figures,
                  rules.roles, rules.timex_types, rules.figure_units, rules.mention_referents, namespaces.check,
                  coverage.check, attribution.check):
        guard(stage.__module__.split(".")[-1] + "." + stage.__name__, stage, pkg, problems)
    guard("primary record", lambda: problems.extend(primary.check(pkg, repo)))
    for half in frictionless_halves:
        problems += half()
    if repo is not None:  # row counts are reviewed by `make check` and the tests (scripts/counts.py), not here
        guard("version digest", lambda: problems.extend(digest.check(root, repo)))
    return ordered(problems)


def _keep(target: preflight.Preflight, source: preflight.Preflight) -> None:
    target.descriptor, target.paths, target.problems = source.descriptor, source.paths, source.problems


def _integrity(pre: preflight.Preflight, problems: list[Problem]) -> None:
    """bytes and sha256 of every declared file, and the byte rule (UTF-8, no BOM, LF, NFC)."""
    for resource in pre.descriptor.get("resources", []):
        rel = resource.get("path")
        path = pre.paths.get(rel)
        if path is None:
            continue
        data = path.read_bytes()
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if resource.get("bytes") != len(data) or resource.get("hash") != digest:
            problems.append(Problem(rel, None, f"resource={resource.get('name')}", "hash", "RESOURCE_INTEGRITY",
                                    f"the descriptor gives {resource.get('bytes')} bytes and {resource.get('hash')}, the file has {len(data)} bytes and {digest}"))
        _, faults = decode(data)
        problems.extend(Problem(rel, line, "", "", code, message) for code, line, message in faults)


def _frictionless_apart(root: Path, descriptor: dict, name: str, resources: list[str]) -> list[Problem]:
    """frictionless's problems in some resources, with an unexpected error as an INTERNAL one: runs in a forked
    process, one of two that share the resources."""
    found: list[Problem] = []
    _Guard(name, found)("frictionless", _frictionless, root, descriptor, found, resources)
    return found


def halves(descriptor: dict) -> tuple[list[str], list[str]]:
    """The resources' names in two groups of about equal bytes (frictionless's time follows the bytes)."""
    groups: tuple[list[str], list[str]] = ([], [])
    weight = [0, 0]
    listed = [r for r in descriptor.get("resources", []) if isinstance(r, dict) and isinstance(r.get("name"), str)]
    for resource in sorted(listed, key=lambda r: -(r.get("bytes") if isinstance(r.get("bytes"), int) else 0)):
        lighter = weight.index(min(weight))
        groups[lighter].append(resource["name"])
        weight[lighter] += resource.get("bytes") if isinstance(resource.get("bytes"), int) else 0
    return groups


def _frictionless(root: Path, descriptor: dict, problems: list[Problem], resources: list[str] | None = None) -> None:
    """frictionless's own validation through its Python API, on the descriptor that passed pre-flight: what
    Package.validate does (the package's metadata, then each resource in turn), for the named resources or all."""
    from frictionless import FrictionlessException
    from frictionless import Package as FPackage

    try:
        package = FPackage(descriptor, basepath=str(root))
        try:
            package.to_descriptor(validate=True)
        except FrictionlessException:
            return  # as Package.validate: no resource is read; pre-flight reports the metadata against the profile
        names = [r.name for r in package.resources] if resources is None else resources
        tasks = [task for name in names for task in package.get_resource(name).validate().tasks]
    except FrictionlessException as error:
        problems.append(Problem("datapackage.json", None, "", "", "FRICTIONLESS", f"frictionless cannot load the package: {error.error.message}"))
        return
    for task in tasks:
        table = TABLES.get(task.name)
        for error in task.errors:
            code = FRICTIONLESS_CODES.get(error.type, "FRICTIONLESS")
            note = getattr(error, "note", "") or ""
            if error.type == "constraint-error":
                code = ("REQUIRED_CELL" if "required" in note else "BAD_CATEGORY" if "enum" in note
                        else "BAD_PATTERN" if "pattern" in note else "BAD_VALUE")
            cells = getattr(error, "cells", None) or []
            key = f"{table.primary_key}={cells[0]}" if cells and table else ""
            place = task.place if not str(task.place).startswith(str(root)) else Path(task.place).relative_to(root).as_posix()
            problems.append(Problem(place, getattr(error, "row_number", None), key, getattr(error, "field_name", "") or "",
                                    code, f"frictionless {error.type}: {error.message}"))


def run(target: Path) -> tuple[list[Problem], str | None]:
    """Validate a directory, a datapackage.json or a release zip; (problems, a note on recovered state).

    In a repository (a folder with annotations/package.yaml) the descriptor is also compared with the package
    metadata, committed outputs with the build record (or, when an input changed since, with a fresh build), and
    problems in generated rows name their annotation line.
    """
    with tempfile.TemporaryDirectory(prefix="validate-") as scratch:
        root = unpacked(target, Path(scratch))
        if not (root / "annotations" / "package.yaml").is_file():
            return validate(root, name=str(target)), None
        note = recover(root)
        from scripts.annotations import load_package_meta

        recorded = build_record.check(root)  # None: an input changed (or no record), so only a fresh build can tell
        fresh = (in_background(_fresh_build, root, str(target)) if recorded is None  # it reads annotations/, sources/ only
                 else lambda: recorded)
        meta, meta_problems = load_package_meta(root / "annotations" / "package.yaml", "annotations/package.yaml")
        problems = meta_problems + validate(root, root, meta if not meta_problems else None, name=str(target))
        problems += fresh()
        # the map re-reads every annotation file; it only changes problems about generated rows, so read it only then
        about_rows = any(p.file.startswith("data/") and p.file.endswith(".csv") for p in problems)
        return ordered(attach(problems, load_source_map(root)) if about_rows else problems), note


def _fresh_build(root: Path, name: str) -> list[Problem]:
    """Committed outputs that differ from a fresh build, as problems; an unexpected error is an INTERNAL one."""
    from scripts.build import stale_outputs

    found: list[Problem] = []
    _Guard(name, found)("fresh build", lambda: found.extend(stale_outputs(root)))
    return found


def _summary(root: Path) -> str:
    return ", ".join(f"{name} {len(read_csv(root, name, table.columns, []))}" for name, table in TABLES.items())


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else ROOT
    try:
        problems, note = run(target)
    except UnsafeInput as error:
        print(f"{target} [UNSAFE_PATH] {error}. Fix: {CODES['UNSAFE_PATH'][1]}", file=sys.stderr)
        print("invalid: 1 problem(s)", file=sys.stderr)
        return 1
    except UnusableInput as error:
        print(f"{target} [INTERNAL] cannot validate: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001
        print(f"{target} [INTERNAL] the validator failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    if note:
        print(f"note [INTERRUPTED_BUILD] {note}", file=sys.stderr)
    if problems:
        print(report(problems), file=sys.stderr)
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 2 if any(p.code == "INTERNAL" for p in problems) else 1
    print(f"valid: {target} ({_summary(target)})" if target.is_dir() else f"valid: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
