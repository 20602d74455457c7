"""One validator, one report: pre-flight, frictionless and every project rule, merged in the project's format.

validate() runs on a package folder. Its stages are pre-flight (always), the project's rules, frictionless, the
primary record and the version guard; a caller may ask for fewer, and a small package is validated in this process
alone (a large one shares frictionless's work with the machine's other core).
"""

from __future__ import annotations

import hashlib
import json
import traceback
from dataclasses import replace
from pathlib import Path

from scripts.contract import descriptor as rendered
from scripts.contract.encoding import decode
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, notice, ordered
from scripts.contract.reader import BuiltPackage, Resource, read_table
from scripts.contract import text_free as text_free_tables
from scripts.rules import attribution, cells, codebooks, coverage, documents, namespaces, primary, rows, stated, text, text_free, versions
from scripts.runtime.background import in_background
from scripts.runtime.collector import collector_paused
from scripts.validate import preflight

STAGES = ("rules", "frictionless", "primary", "versions")  # after pre-flight, which always runs
RULES = (cells.cells, text.articles, documents.check, text_free.holds_no_text, text_free.rehydrate, text.spans, text.sentence_tiling, rows.keys, rows.figures, rows.roles,
         rows.timex_types, rows.figure_units, rows.mention_referents, namespaces.check, coverage.check, attribution.check,
         codebooks.check, stated.check)
UNREAD = {"BOM", "HEADER", "CSV_FORMAT", "ENCODING"}  # a table that cannot be read row by row as the schema says
PARALLEL_BYTES = 4 * 1024 * 1024  # below this a package is validated in one process: forking costs more than it saves
FRICTIONLESS_CODES = {
    "type-error": "CELL_TYPE", "primary-key": "PRIMARY_KEY", "foreign-key": "FOREIGN_KEY",
    "missing-cell": "CSV_FORMAT", "extra-cell": "CSV_FORMAT", "blank-row": "CSV_FORMAT",
    "incorrect-label": "HEADER", "missing-label": "HEADER", "extra-label": "HEADER", "duplicate-label": "HEADER",
    "blank-label": "HEADER", "hash-count": "RESOURCE_INTEGRITY", "byte-count": "RESOURCE_INTEGRITY",
    "unique-error": "UNIQUE_KEY", "encoding-error": "ENCODING",
}


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
def validate(root: Path, repo: Path | None = None, meta: dict | None = None, name: str | None = None,
             stages=STAGES, tally: dict | None = None, beside: Path | None = None) -> list[Problem]:
    """Every problem in the package at root, ordered. repo, when given, is the repository (for the version digest);
    meta is annotations/package.yaml's content, compared with the descriptor when validating the repository;
    stages names the stages to run after pre-flight (all of STAGES by default); tally, when given, receives each
    table's row count, so that a caller reporting them need not read the package again; beside, where the package
    was unpacked from a zip, is where the zip's package stands (the primary record is looked for beside it)."""
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown validation stages {sorted(unknown)}; the stages are {', '.join(STAGES)}")
    problems: list[Problem] = []
    guard = _Guard(name or str(root), problems)
    pre = preflight.Preflight()
    guard("pre-flight", lambda: _keep(pre, preflight.run(root, meta)))
    problems += pre.problems
    if not pre.readable:
        return ordered(problems)
    pkg = BuiltPackage(root, pre.descriptor, paths=pre.paths)
    guard("integrity", _integrity, pre, problems)
    if any(p.code in ("ENCODING",) for p in problems):
        return ordered(problems)
    for table_name, table in TABLES.items():
        guard(f"read {table_name}", _read, pkg, table_name, problems)
    if tally is not None:
        tally.update({r.name: len(r.rows) for r in pkg.tables})
    frictionless = []
    if "frictionless" in stages:
        if _size(pre.descriptor) >= PARALLEL_BYTES:  # two processes beside this one's rules: the cores share the work
            frictionless = [in_background(_frictionless_apart, root, pre.descriptor, guard.name, half) for half in halves(pre.descriptor)]
        else:
            frictionless = [lambda: _frictionless_remembered(root, pre, guard.name)]
    unread = sorted({p.file for p in problems if p.code in UNREAD and p.file.startswith("data/")})
    if unread and "rules" in stages:  # rows misread would make every rule across tables point the wrong way
        notice(f"{', '.join(unread)} could not be read as a table, so only the checks of single cells ran; the rules "
               "across rows and tables run once it reads: fix the problems listed below and validate again")
        stages = tuple(s for s in stages if s not in ("primary",))
    if "rules" in stages:
        for rule in RULES:
            if unread and rule not in (cells.cells, text.articles):
                continue
            guard(rule.__module__.split(".")[-1] + "." + rule.__name__, rule, pkg, problems)
            if rule is text_free.rehydrate and pkg.text_free and not text_free.complete(pkg):
                break  # a text-free package without the user's texts: ARTICLE_MISSING says what to bring; the rest needs the text
    if "primary" in stages and not (pkg.text_free and not text_free.complete(pkg)):
        guard("primary record", lambda: problems.extend(primary.check(pkg, repo, beside)))
    for part in frictionless:
        problems += part()
    if repo is not None and "versions" in stages:  # row counts are reviewed by `make check` (validate/counts.py)
        guard("version guard", lambda: problems.extend(versions.check(root, repo, pkg)))
    return ordered(problems)


def _read(pkg: BuiltPackage, name: str, problems: list[Problem]) -> None:
    """One table, read strictly at the path the contract gives it (pre-flight checked the descriptor says so)."""
    rel = f"data/{name}.csv"
    if rel not in pkg.paths:
        return
    table = text_free_tables.table(TABLES[name]) if pkg.text_free else TABLES[name]
    lines, found = read_table(pkg.paths[rel], rel, table.columns, problems)
    pkg.resources[name] = Resource({"name": name, "path": rel, "schema": rendered.table_schema(table)}, found, lines)


def _size(descriptor: dict) -> int:
    return sum(r.get("bytes") for r in descriptor.get("resources", [])
               if isinstance(r, dict) and isinstance(r.get("bytes"), int))


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
        if rel.endswith(".csv") and data and not data.endswith(b"\n"):
            problems.append(Problem(rel, data.count(b"\n") + 1, "", "", "LINE_ENDING",
                                    "the last line has no line feed: every line of a CSV ends with LF"))


def _frictionless_apart(root: Path, descriptor: dict, name: str, resources: list[str]) -> list[Problem]:
    """frictionless's problems in some resources, with an unexpected error as an INTERNAL one: runs in a forked
    process, one of two that share the resources."""
    found: list[Problem] = []
    _Guard(name, found)("frictionless", _frictionless, root, descriptor, found, resources)
    return found


_seen: dict[str, list[Problem]] = {}  # content digest -> frictionless's problems, for packages met again


def _frictionless_remembered(root: Path, pre: preflight.Preflight, name: str) -> list[Problem]:
    """frictionless's problems for a small package, remembered by content (the descriptor and the bytes of every
    file it declares): frictionless reads nothing else, so a package met again in this process (the build's staged
    copy, then the committed one) gives the same answer, which is not computed twice."""
    digest = hashlib.sha256(json.dumps(pre.descriptor, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for rel, path in sorted(pre.paths.items()):
        digest.update(rel.encode("utf-8", "surrogatepass") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    key = digest.hexdigest()
    if key not in _seen:
        if len(_seen) >= 64:
            _seen.pop(next(iter(_seen)))
        _seen[key] = _frictionless_apart(root, pre.descriptor, name, None)
    return [replace(p, file=name) if p.code == "INTERNAL" else p for p in _seen[key]]


_clean: dict[str, None] = {}  # content keys of resources frictionless found valid in this process (ordered, bounded)


def _resource_key(root: Path, descriptor: dict, name: str) -> str | None:
    """What frictionless reads to validate one resource of a package: the package's own properties, the resource's
    descriptor and file, and the descriptor and file of each resource its foreign keys name. A resource met again
    with the same key (most of a package whose one table was edited) is not validated again; None when the key
    cannot be made (a path that is not one local file)."""
    listed = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    resource = listed.get(name)
    if resource is None:
        return None
    schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
    named = {name}
    for fk in schema.get("foreignKeys") or []:
        reference = fk.get("reference") if isinstance(fk, dict) else None
        target = reference.get("resource") if isinstance(reference, dict) else None
        if not isinstance(target, str):
            return None  # frictionless reports the malformed key; leave it to read the resource
        named.add(target or name)
    digest = hashlib.sha256(json.dumps({k: v for k, v in descriptor.items() if k != "resources"}, sort_keys=True,
                                       ensure_ascii=False).encode("utf-8", "surrogatepass"))
    for each in sorted(named):
        part = listed.get(each)
        if part is None or not isinstance(part.get("path"), str):
            return None
        path = root / part["path"]
        if not path.is_file():
            return None
        digest.update(json.dumps(part, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\0"
                      + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
        tasks = []
        for name in names:
            key = _resource_key(root, descriptor, name)
            if key is not None and key in _clean:
                continue
            report = package.get_resource(name).validate()
            tasks += report.tasks
            if key is not None and report.valid:
                if len(_clean) >= 4096:
                    _clean.pop(next(iter(_clean)))
                _clean[key] = None
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
