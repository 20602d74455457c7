"""The exports' place in the contract: which files `make build` writes into dist/, the record of what it wrote, and
the check that tells, in a repository, whether dist/ still holds what the exports step wrote from this package.

`python -m scripts.exports` writes dist/ whole: `<name>.sqlite`, `metadata.json` (Datasette), `<name>.xlsx`,
`parquet/<table>/part-0.parquet` for every table, `<name>-annotations.jsonld` (W3C Web Annotation) and, last,
dist/exports-record.json: the sha256 of datapackage.json it was written from and the sha256 of every file above.
build-record.json (committed) lists the same paths (`exports`), which follow from datapackage.json alone, so a fresh
clone knows what `make build` will write before dist/ exists. The hashes live in dist/ beside the files, not in the
committed record: dist/ is not committed, and the SQLite file carries the version of the SQLite library that wrote
it, so its bytes are the same on one machine but not on every machine.

The release outputs (`*.zip` and SHA256SUMS, written by `make release`) share dist/ but are not exports: the
exports step leaves them alone, and the checks neither ask for them nor call them extra.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path, PurePosixPath

from scripts.contract.problems import Problem

DIST = "dist"
RECORD = "exports-record.json"  # written into dist/ by the exports step, after every export
DATASETTE_METADATA = "metadata.json"
PARQUET = "parquet"
PART = "part-0.parquet"  # the one file of each table's Parquet folder
RELEASE_OUTPUTS = ("*.zip", "SHA256SUMS")  # top-level names in dist/ that `make release` writes
SPAN = ("start", "end", "text", "text_sha256")
# the SQLite export's full-text search (FTS5) tables: table -> the columns it indexes, where the table has them
FULL_TEXT = {"quotes": ["text"], "facts": ["text", "subject", "predicate", "object"], "sentences": ["text"]}
XLSX_FONT = "Calibri"  # the workbook's one font (openpyxl's default), 11 point, bold in the header row
XLSX_WIDTH = (8, 60)  # narrowest and widest column, in characters
# the workbook's number format of a cell, by the schema type of its column: what a spreadsheet shows is its value
XLSX_NUMBER_FORMATS = {"integer": "0", "number": "General", "boolean": "General", "string": "@"}
# the keys the Datasette metadata holds, per level: any other (hidden, queries, facets, sort, units, ...) changes
# what Datasette shows or runs, and no exporter writes one
DATASETTE_KEYS = {"top": {"title", "description", "license", "license_url", "source", "source_url", "databases"},
                  "database": {"title", "tables"},
                  "table": {"title", "description", "license", "license_url", "columns"}}


def export_paths(name: str) -> dict[str, str]:
    """Each export's path inside dist/, by kind (parquet is a folder)."""
    return {"sqlite": f"{name}.sqlite", "datasette": DATASETTE_METADATA, "xlsx": f"{name}.xlsx",
            "parquet": PARQUET, "web_annotation": f"{name}-annotations.jsonld"}


def zip_name(descriptor: dict, no_text: bool = False) -> str:
    """The release's package zip of a variant: `<name>-<version>[-no-text].zip`."""
    return f"{descriptor['name']}-{descriptor['version']}{'-no-text' if no_text else ''}.zip"


def exports_zip_name(descriptor: dict, no_text: bool = False) -> str:
    """The exports zip of the same variant, unzipped into the package zip's folder."""
    return zip_name(descriptor, no_text)[:-len(".zip")] + "-exports.zip"


def parquet_file(table: str) -> str:
    return f"{PARQUET}/{table}/{PART}"


def files(name: str, tables) -> list[str]:
    """Every file the exports step writes for a package named name with these tables, the record last."""
    paths = export_paths(name)
    out = [paths[kind] for kind in ("sqlite", "datasette", "xlsx", "web_annotation")]
    return sorted(out + [parquet_file(t) for t in tables]) + [RECORD]


def files_of_descriptor(descriptor: dict) -> list[str]:
    tables = [r["name"] for r in descriptor.get("resources", []) if isinstance(r, dict) and "schema" in r]
    return files(descriptor.get("name", "package"), tables)


def is_release_output(rel: str) -> bool:
    pure = PurePosixPath(rel)
    return len(pure.parts) == 1 and any(pure.match(pattern) for pattern in RELEASE_OUTPUTS)


def span_tables(tables) -> list:
    """Tables of article spans: start, end and the text (or, in the text-free variant, its sha256)."""
    return [t for t in tables if {"start", "end"} <= set(t.columns) and "article_id" in t.columns
            and ({"text", "text_sha256"} & set(t.columns))]


def coded_columns(table) -> list[str]:
    """Columns that code the row rather than describe it in words: keys, categories, patterns, numbers, booleans.
    Each is a tagging body `column=value` of the row's Web Annotation (an empty cell has none)."""
    references = {column for fields, _, _ in table.foreign_keys for column in fields}
    skip = {*SPAN, *table.primary_key, "article_id", "sentence_id", "cue_text_sha256"}
    coded = []
    for f in table.fields:
        constraints = f.get("constraints", {})
        if f["name"] in skip:
            continue
        if f["name"] in references or "enum" in constraints or "pattern" in constraints or f["type"] != "string":
            coded.append(f["name"])
    return coded


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def present(folder: Path) -> dict[str, Path]:
    """Every file under folder but the release outputs, by its path relative to folder."""
    if not folder.is_dir():
        return {}
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file() or p.is_symlink()}
    return {rel: p for rel, p in sorted(found.items()) if not is_release_output(rel)}


def not_plain(path: Path) -> str | None:
    """Why a file in an export folder is no plain file (a link, a pipe, a device), or None: a reader would follow a
    link out of the folder, and reading a pipe never ends."""
    if path.is_symlink():
        return "is a symbolic link, not a file the exports step writes"
    if not path.is_file():
        return "is not a regular file (a pipe, a device or a socket)"
    return None


def render_record(descriptor_bytes: bytes, written: dict[str, bytes]) -> bytes:
    """dist/exports-record.json: the package the exports were written from and each file's sha256."""
    record = {"package": {"datapackage.json": sha256(descriptor_bytes)},
              "files": {rel: sha256(data) for rel, data in sorted(written.items()) if rel != RECORD}}
    return (json.dumps(record, indent=1, sort_keys=True) + "\n").encode("utf-8")


FIX = "run `make build`: it writes dist/ afresh from the package (the release zips in dist/ are kept)"


def problem(code: str, rel: str, message: str, prefix: str = DIST) -> Problem:
    return Problem(f"{prefix}/{rel}" if prefix else rel, None, "", "", code, message, FIX)


def check(root: Path, expected: list[str] | None = None) -> tuple[list[Problem], str | None]:
    """(problems, notice) about dist/ of the repository at root. expected is the list of files the exports step
    writes (build-record.json's `exports`; from datapackage.json when not given). No export in dist/ is a notice,
    not a problem: dist/ is not committed, so a fresh clone has none until `make build`. Otherwise every expected
    file must be there with the sha256 that dist/exports-record.json gives it, written from the current
    datapackage.json, and no other file (the release outputs aside) may be in dist/."""
    dist = root / DIST
    if expected is None:
        try:
            expected = files_of_descriptor(json.loads((root / "datapackage.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, RecursionError):
            return [], None  # the validator reports the descriptor itself
    found = present(dist)
    if not found:
        return [], f"{DIST}/ holds no exports yet ({len(expected)} files: SQLite, xlsx, Parquet, Web Annotation, Datasette metadata); `make build` writes them"
    problems = []
    try:
        record = json.loads(found[RECORD].read_text(encoding="utf-8")) if RECORD in found and not not_plain(found[RECORD]) else None
        recorded, package = dict(record["files"]), record["package"]["datapackage.json"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
        problems.append(problem("EXPORT_MISSING" if RECORD not in found else "EXPORT_EDITED", RECORD,
                                "is missing or unreadable, so nothing shows which package the exports were written from"))
        recorded, package = {}, None
    try:
        current = sha256((root / "datapackage.json").read_bytes())
    except OSError:
        current = None
    stale = package is not None and package != current
    odd = {rel: why for rel, path in found.items() if (why := not_plain(path))}
    problems += [problem("EXPORT_UNREADABLE", rel, why) for rel, why in odd.items()]
    for rel in expected:
        if rel == RECORD or rel in odd:
            continue
        if rel not in found:
            problems.append(problem("EXPORT_MISSING", rel, "is missing: the exports step writes it, but it is not in dist/"))
        elif stale:
            problems.append(problem("EXPORT_STALE", rel, "was written from another version of datapackage.json "
                                    f"(sha256 {package[:12]}…, the package now has {(current or '?')[:12]}…)"))
        elif rel in recorded and sha256(found[rel].read_bytes()) != recorded[rel]:
            problems.append(problem("EXPORT_EDITED", rel, f"differs from what the exports step wrote (its sha256 in {DIST}/{RECORD}): "
                                    "it was edited after the build"))
        elif rel not in recorded and record is not None:
            problems.append(problem("EXPORT_EDITED", rel, f"has no sha256 in {DIST}/{RECORD}"))
    for rel in found:
        if rel not in expected:
            problems.append(problem("EXPORT_EXTRA", rel, "is in dist/ but the exports step does not write it (a reader "
                                    "pointed at dist/ or a Parquet folder would read it too)"))
    return problems, None


def datasette_licence(licence: dict) -> dict:
    """A Data Package licence as Datasette's metadata keys: license (the name) and license_url (the path)."""
    out = {"license": licence.get("name") or licence.get("title", "")}
    if licence.get("path"):
        out["license_url"] = licence["path"]
    return out
