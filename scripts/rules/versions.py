"""The version guard: the data may not change while the version stays the same.

The idea of rOpenSci DataPackageR's DATADIGEST. `data-digest.json` records, for the last released version, each
resource's content digest, its schema and one short digest per row (by primary key). Validation compares the
package with that record; when the data changed, the version must have been bumped as far as docs/versioning.md
requires: MAJOR for a removed resource, field or row ID, a changed type or a tightened constraint; MINOR for
added rows, fields or resources; PATCH for corrected rows. Growth alone (rows and resources added, nothing
released touched) may wait for the bump until the release, so adding an article needs no other file edited.

The record is written at a release by `python -m scripts.release.digest` (`make digest`).
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scripts.contract.problems import Problem, notice
from scripts.contract.reader import BuiltPackage, PackageError, open_package

RECORD = "data-digest.json"
LEVELS = ("PATCH", "MINOR", "MAJOR")
SHOWN_IDS = 8  # row IDs named in one message before "and N more"


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots, with the version bump it needs."""
    level: str
    resource: str
    kind: str          # rows added, rows removed, rows changed, field added, ...
    items: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.kind}: {shorten(self.items)}" if self.items else self.kind


def shorten(items) -> str:
    items = list(items)
    shown = ", ".join(items[:SHOWN_IDS])
    return shown + (f" and {len(items) - SHOWN_IDS} more" if len(items) > SHOWN_IDS else "")


# ---------------------------------------------------------------- snapshots


def row_digest(row: dict) -> str:
    """A row's cells, empty ones left out (so a new, empty column changes no row), as a short sha256."""
    cells = sorted((column, value) for column, value in row.items() if value != "")
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def schema_summary(schema: dict) -> dict:
    """What of a table schema a reader depends on: field order, types, constraints and keys."""
    return {
        "fields": [{"name": f["name"], "type": f.get("type", "any"), "constraints": f.get("constraints", {})}
                   for f in schema.get("fields", [])],
        "primaryKey": schema.get("primaryKey", []),
        "uniqueKeys": schema.get("uniqueKeys", []),
        "foreignKeys": schema.get("foreignKeys", []),
    }


def snapshot(root: Path, pkg: BuiltPackage | None = None) -> dict:
    """The version, and each resource's digest, schema summary and row digests, of the package at root; pkg, when
    given, is the package as the validator already read it (its tables), so it is not read again."""
    pkg = pkg or open_package(root, texts=False)
    resources = {}
    for declared in pkg.descriptor.get("resources", []):
        entry = {"hash": "sha256:" + hashlib.sha256(pkg.paths[declared["path"]].read_bytes()).hexdigest()}
        if "schema" in declared:
            entry["schema"] = schema_summary(declared["schema"])
            key = entry["schema"]["primaryKey"]
            entry["rows"] = {"|".join(row[k] for k in key): row_digest(row) for row in pkg.resource(declared["name"]).rows}
        resources[declared["name"]] = entry
    return {"version": pkg.version, "resources": resources}


def released_articles(repo: Path) -> set[str]:
    """The article IDs the last recorded release holds (none when nothing was released or the record is unreadable):
    a conflict between a released article and a new one is the new one's to resolve."""
    try:
        record = load_record(repo)
        return set(record["resources"]["articles"]["rows"]) if record else set()
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return set()


def dumps(record: dict) -> str:
    return json.dumps(record, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def load_record(repo: Path) -> dict | None:
    """data-digest.json, or None when there is none; ValueError when it is not JSON or not of the form snapshot()
    writes, so that every reader of it refuses the same records."""
    path = repo / RECORD
    if not path.is_file():
        return None
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        raise ValueError("it nests too deeply to be read") from None
    why = _shape(record)
    if why:
        raise ValueError(f"it is not a record `make digest` writes: {why}")
    return record


def _shape(record) -> str | None:
    """What in record differs from the form snapshot() writes, or None."""
    if not isinstance(record, dict) or not isinstance(record.get("version"), str) or not isinstance(record.get("resources"), dict):
        return "it needs a text `version` and an object `resources`"
    for name, entry in record["resources"].items():
        if not isinstance(entry, dict) or not isinstance(entry.get("hash"), str):
            return f"resources.{name} needs a text `hash`"
        if ("rows" in entry) != ("schema" in entry):
            return f"resources.{name} needs both `schema` and `rows`, or neither"
        if "rows" not in entry:
            continue
        rows, schema = entry["rows"], entry["schema"]
        if not isinstance(rows, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in rows.items()):
            return f"resources.{name}.rows must map each row key to a text digest"
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list) or not all(
                isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("type"), str)
                and isinstance(f.get("constraints"), dict) for f in schema["fields"]):
            return f"resources.{name}.schema.fields must be objects with a text name and type and their constraints"
        if not all(isinstance(schema.get(key), list) for key in ("primaryKey", "uniqueKeys", "foreignKeys")):
            return f"resources.{name}.schema needs the lists primaryKey, uniqueKeys and foreignKeys"
    return None


# ---------------------------------------------------------------- differences


def diff(old: dict, new: dict) -> list[Change]:
    """Every change from snapshot old to snapshot new, each with the bump it needs."""
    changes = []
    before, after = old["resources"], new["resources"]
    for name in sorted(set(before) - set(after)):
        changes.append(Change("MAJOR", name, "resource removed"))
    for name in sorted(set(after) - set(before)):
        changes.append(Change("MINOR", name, "resource added"))
    for name in sorted(set(before) & set(after)):
        a, b = before[name], after[name]
        if "rows" not in a or "rows" not in b:
            if a["hash"] != b["hash"]:
                changes.append(Change("MAJOR", name, "content changed (every offset into it may have moved)"))
            continue
        changes += _schema_changes(name, a["schema"], b["schema"])
        added = [k for k in b["rows"] if k not in a["rows"]]
        removed = [k for k in a["rows"] if k not in b["rows"]]
        changed = [k for k in a["rows"] if k in b["rows"] and a["rows"][k] != b["rows"][k]]
        if removed:
            changes.append(Change("MAJOR", name, "rows removed (retired IDs)", tuple(removed)))
        if added:
            changes.append(Change("MINOR", name, "rows added", tuple(added)))
        if changed:
            changes.append(Change("PATCH", name, "rows changed", tuple(changed)))
        if a["hash"] != b["hash"] and not (added or removed or changed) and a["schema"] == b["schema"]:
            changes.append(Change("PATCH", name, "rows reordered or reformatted"))
    return changes


def _schema_changes(name: str, a: dict, b: dict) -> list[Change]:
    out = []
    fields_a = {f["name"]: f for f in a["fields"]}
    fields_b = {f["name"]: f for f in b["fields"]}
    removed = [f for f in fields_a if f not in fields_b]
    added = [f for f in fields_b if f not in fields_a]
    if removed:
        out.append(Change("MAJOR", name, "fields removed or renamed", tuple(removed)))
    if added:
        out.append(Change("MINOR", name, "fields added", tuple(added)))
    common_a = [f for f in fields_a if f in fields_b]
    common_b = [f for f in fields_b if f in fields_a]
    if common_a != common_b:
        out.append(Change("MAJOR", name, "fields reordered", tuple(common_b)))
    for field in common_b:
        fa, fb = fields_a[field], fields_b[field]
        if fa["type"] != fb["type"]:
            out.append(Change("MAJOR", name, f"type of {field} changed from {fa['type']} to {fb['type']}"))
        level = constraint_level(fa["constraints"], fb["constraints"])
        if level:
            verb = "tightened" if level == "MAJOR" else "loosened"
            out.append(Change(level, name, f"constraints of {field} {verb}"))
    for key in ("primaryKey", "uniqueKeys", "foreignKeys"):
        if a[key] != b[key]:
            out.append(Change("MAJOR", name, f"{key} changed"))
    return out


def constraint_level(a: dict, b: dict) -> str | None:
    """MAJOR when some value valid before is invalid now (tightened), MINOR when only loosened, None when equal."""
    if a == b:
        return None
    tightened = False
    for key in set(a) | set(b):
        old, new = a.get(key), b.get(key)
        if old == new:
            continue
        if key == "required":
            tightened |= bool(new) and not old
        elif key == "enum":
            tightened |= new is not None and (old is None or not set(old) <= set(new))
        elif key in ("minimum", "exclusiveMinimum", "minLength"):
            tightened |= new is not None and (old is None or new > old)
        elif key in ("maximum", "exclusiveMaximum", "maxLength"):
            tightened |= new is not None and (old is None or new < old)
        else:  # a pattern or anything else: any new or changed value may reject what passed before
            tightened |= new is not None
    return "MAJOR" if tightened else "MINOR"


def needed_level(changes: list[Change]) -> str | None:
    return max((c.level for c in changes), key=LEVELS.index, default=None)


# ---------------------------------------------------------------- versions


def parse(version: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)", version or "")
    return tuple(int(x) for x in match.groups()) if match else None


def bump(version: str, level: str) -> str:
    major, minor, patch = parse(version)
    if level == "MAJOR":
        return f"{major + 1}.0.0"
    if level == "MINOR":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def summary(changes: list[Change]) -> str:
    """The changed resources, each with what changed in it."""
    by_resource: dict[str, list[str]] = {}
    for change in changes:
        by_resource.setdefault(change.resource, []).append(str(change))
    return "; ".join(f"{name} ({', '.join(parts)})" for name, parts in by_resource.items())


def table_lines(changes: list[Change]) -> list[str]:
    """One short line per changed resource: what changed and how many rows, with the first and last ID only (a
    notice said on every command stays a few lines long however many rows an article adds)."""
    by_resource: dict[str, list[Change]] = {}
    for change in changes:
        by_resource.setdefault(change.resource, []).append(change)
    lines = []
    for name, group in by_resource.items():
        parts = []
        for change in group:
            items = list(change.items)
            if not items:
                parts.append(change.kind)
            elif len(items) <= 2:
                parts.append(f"{change.kind}: {len(items)} ({', '.join(items)})")
            else:
                parts.append(f"{change.kind}: {len(items)} ({items[0]} … {items[-1]})")
        lines.append(f"  {name}: {'; '.join(parts)}")
    return lines


def released_record(repo: Path, version: str) -> dict | None:
    """data-digest.json as committed at the release tag v<version>, or None: no such tag, no git, or no record there."""
    try:
        shown = subprocess.run(["git", "show", f"refs/tags/v{version}:{RECORD}"], cwd=repo, capture_output=True, timeout=60)
        record = json.loads(shown.stdout.decode("utf-8")) if shown.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    return record if record is not None and _shape(record) is None else None


HISTORY = 500  # commits of data-digest.json read back for records of a version


def committed_records(repo: Path, version: str) -> list[tuple[str, dict]]:
    """(where, record) for every released record of version that git holds: at the tag v<version>, and in each
    commit of data-digest.json that is a release commit of that version (its CHANGELOG.md dates the version, as
    RELEASING.md step 5 does), so a past release that was never tagged, or whose record was deleted since, still
    counts; a record of work in progress, before the changelog dates the version, does not."""
    found = []
    tagged = released_record(repo, version)
    if tagged is not None and tagged.get("version") == version:
        found.append((f"tag v{version}", tagged))
    try:
        log = subprocess.run(["git", "log", f"-{HISTORY}", "--format=%H", "--", RECORD], cwd=repo, capture_output=True,
                             text=True, timeout=60)
        commits = log.stdout.split() if log.returncode == 0 else []
        for commit in commits:
            shown = subprocess.run(["git", "show", f"{commit}:{RECORD}"], cwd=repo, capture_output=True, timeout=60)
            if shown.returncode != 0:
                continue  # the commit deleted the record
            try:
                record = json.loads(shown.stdout.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                continue
            if _shape(record) is None and record.get("version") == version and _dated(repo, commit, version):
                found.append((f"release commit {commit[:12]}", record))
    except (OSError, subprocess.SubprocessError):
        pass
    return found


def _dated(repo: Path, commit: str, version: str) -> bool:
    """CHANGELOG.md at commit has the entry `## [version] - YYYY-MM-DD`: the commit releases that version."""
    shown = subprocess.run(["git", "show", f"{commit}:CHANGELOG.md"], cwd=repo, capture_output=True, timeout=60)
    heading = re.compile(rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}", re.M)
    return shown.returncode == 0 and bool(heading.search(shown.stdout.decode("utf-8", "replace")))


def reused_version(repo: Path, current: dict) -> Problem | None:
    """A problem when git holds a record of the version (at its tag, or in any commit of data-digest.json) with other
    data than the package holds now: recording or releasing this state under that version would give one version two
    states of the data."""
    version = current["version"]
    for where, recorded in committed_records(repo, version):
        changes = diff(recorded, current)
        if changes:
            break
    else:
        return None
    wanted = bump(version, needed_level(changes)) if parse(version) else "a higher version"
    return Problem("annotations/package.yaml", None, "", "version", "VERSION_REUSED",
                   f"version {version} was recorded ({where}) with other data than the package holds now: "
                   f"{summary(changes)}",
                   f'set `version: "{wanted}"` (or higher) in annotations/package.yaml, then `make build && make citation && '
                   "make digest`; the released version keeps its own record")


GROWTH = ("resource added", "rows added")  # a corpus growing: new articles, entities or rows, nothing released touched


def growth_only(changes: list[Change]) -> bool:
    return bool(changes) and all(change.kind in GROWTH for change in changes)


def assess(root: Path, repo: Path, pkg: BuiltPackage | None = None) -> tuple[list[Problem], str | None]:
    """The guard: (problems, note). A change to what a version released (a row corrected or removed, a schema or a
    text changed) fails at once unless the version was bumped far enough. Growth alone (rows and resources added)
    under the released version is allowed while an article is being added, said in the note, and refused by
    `make release` (scripts/release/zips.py) until the version is bumped. No record (nothing released) means nothing to
    compare."""
    try:
        record = load_record(repo)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return [Problem(RECORD, None, "", "", "DIGEST_RECORD", f"cannot be read: {error}")], None
    if record is None:
        return [], None
    try:
        current = snapshot(root, pkg)
    except (PackageError, OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
        return [], None  # an unreadable package: the validator's other checks say why
    changes = diff(record, current)
    level = needed_level(changes)
    if level is None:
        return [], None
    recorded, version = record.get("version", ""), current["version"]
    if parse(recorded) is None or parse(version) is None:
        return [Problem(RECORD, None, "", "version", "DIGEST_RECORD", f"version {recorded!r} or {version!r} is not MAJOR.MINOR.PATCH")], None
    wanted = bump(recorded, level)
    fix = (f"set `version: \"{wanted}\"` (or higher) in annotations/package.yaml, rebuild, and describe the change in "
           f"CHANGELOG.md; see docs/versioning.md")
    if version == recorded and growth_only(changes):
        return [], (f"unreleased: the data grew since version {recorded}; nothing released changed, so this is allowed "
                    f"while articles are added, but `make release` refuses it until the version is at least {wanted} "
                    f"(docs/versioning.md). Grown:\n" + "\n".join(table_lines(changes)))
    if version == recorded:
        return [Problem("annotations/package.yaml", None, "", "version", "VERSION_NOT_BUMPED",
                        f"the data changed since version {recorded} ({RECORD}) but the version did not: {summary(changes)}; "
                        f"this needs a {level} bump, to {wanted}", fix)], None
    if parse(version) < parse(wanted):
        return [Problem("annotations/package.yaml", None, "", "version", "VERSION_BUMP_TOO_SMALL",
                        f"version {version} is too small a step from {recorded} for these changes: {summary(changes)}; "
                        f"they need a {level} bump, to {wanted}", fix)], None
    return [], None


def check(root: Path, repo: Path, pkg: BuiltPackage | None = None) -> list[Problem]:
    """The guard's problems; its note, when there is one, is said once as a notice."""
    problems, note = assess(root, repo, pkg)
    if note:
        notice(note)
    return problems
