"""Validate a built package: frictionless first, then every rule frictionless does not check.

Usage: python -m scripts.validate [PACKAGE_DIR]

Each problem names file, row, key, field, a stable code and the fix; the exit status
is 1 when any is found.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath

import jsonschema
import regex

from scripts import attribution, coverage
from scripts import descriptor as descriptor_module
from scripts.encoding import INVISIBLE, decode
from scripts.fields import SPAN_TABLES, TABLES, field_for
from scripts.problems import Problem, first_difference, show
from scripts.segment import paragraphs
from scripts.spans import grapheme_boundaries
from scripts.tables import numbers_in

ROOT = Path(__file__).resolve().parents[1]
PROFILE_PATH = ROOT / "scripts" / "profiles" / "datapackage-2.0.json"
# Texts that a reader turns into a missing value by default: pandas read_csv's na_values (case-sensitive, so the
# category value `none` is safe), R's "NA", and a few spreadsheet habits.
MISSING_MARKERS = {"#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
                   "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "na", "Null", "-", "?"}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Cells reviewed as verbatim text that merely begins with a formula trigger: (table, column, value).
FORMULA_ALLOW: set[tuple[str, str, str]] = set()
MOJIBAKE = regex.compile(r"[ÂÃâ][\u0080-\u00BF\u2018-\u201E\u2020-\u2022\u2026\u2030\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u02C6\u02DC\u2122"
                          r"\u20AC\u0192\u2013\u2014\u2039\u203A]")  # the rest of Windows-1252's 0x80-0x9F: € ƒ – — ‹ ›


class Package:
    """The rows of every table, read strictly with the standard library, plus the article texts."""

    def __init__(self, root: Path):
        self.root = root
        self.rows: dict[str, list[tuple[int, dict]]] = {}
        self.texts: dict[str, str] = {}

    def table(self, name: str) -> list[tuple[int, dict]]:
        return self.rows.get(name, [])


def validate(root: Path, repo: Path | None = None) -> list[Problem]:
    """Every problem in the package at root. repo, when given, holds tests/expected_counts.csv."""
    problems: list[Problem] = []
    descriptor = _descriptor(root, problems)
    if descriptor is None:
        return problems
    pkg = Package(root)
    _files(root, descriptor, problems)
    if any(p.code in ("UNSAFE_PATH", "ENCODING") for p in problems):
        return problems
    for name, table in TABLES.items():
        pkg.rows[name] = _read_csv(root, name, table.columns, problems)
    _frictionless(root, problems)
    _cells(pkg, problems)
    _articles(pkg, problems)
    _spans(pkg, problems)
    _sentence_tiling(pkg, problems)
    _keys(pkg, problems)
    _figures(pkg, problems)
    coverage.check(pkg, problems)
    attribution.check(pkg, problems)
    if repo is not None:
        _row_counts(pkg, repo, problems)
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.code, p.key, p.field, p.message))


def _descriptor(root: Path, problems: list[Problem]) -> dict | None:
    path = root / "datapackage.json"
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(Problem("datapackage.json", None, "", "", "DESCRIPTOR_SCHEMA", f"cannot be read as JSON: {error}"))
        return None
    profile = json.loads(PROFILE_PATH.read_text(encoding="utf-8"))
    for error in sorted(jsonschema.Draft7Validator(profile).iter_errors(descriptor), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path)
        problems.append(Problem("datapackage.json", None, "", where, "DESCRIPTOR_SCHEMA", error.message[:200]))
    if descriptor.get("$schema") != descriptor_module.PROFILE:
        problems.append(Problem("datapackage.json", None, "", "$schema", "DESCRIPTOR_SCHEMA", f"the profile must be {descriptor_module.PROFILE}"))
    by_name = {r.get("name"): r for r in descriptor.get("resources", [])}
    for name, table in TABLES.items():
        resource = by_name.get(name)
        if resource is None:
            problems.append(Problem("datapackage.json", None, f"resource={name}", "", "DESCRIPTOR_DRIFT", "the resource is missing"))
        elif resource.get("schema") != descriptor_module.table_schema(table) or resource.get("dialect") != descriptor_module.DIALECT:
            problems.append(Problem("datapackage.json", None, f"resource={name}", "schema", "DESCRIPTOR_DRIFT",
                                    "the schema or dialect differs from scripts/fields.py"))
    return descriptor


def safe_path(path) -> bool:
    """A plain relative POSIX path inside data/: no absolute path, no .., no drive or backslash."""
    if not isinstance(path, str) or not path or "\\" in path or ":" in path:
        return False
    pure = PurePosixPath(path)
    return not pure.is_absolute() and ".." not in pure.parts and pure.parts[0] == "data"


def _files(root: Path, descriptor: dict, problems: list[Problem]) -> None:
    for resource in descriptor.get("resources", []):
        rel = resource.get("path")
        key = f"resource={resource.get('name')}"
        if not safe_path(rel):
            problems.append(Problem("datapackage.json", None, key, "path", "UNSAFE_PATH", f"{show(str(rel))} is not a relative path inside data/"))
            continue
        path = root / rel
        if not path.is_file():
            problems.append(Problem(rel, None, key, "path", "RESOURCE_INTEGRITY", "the file does not exist"))
            continue
        data = path.read_bytes()
        if resource.get("bytes") != len(data) or resource.get("hash") != "sha256:" + hashlib.sha256(data).hexdigest():
            problems.append(Problem(rel, None, key, "hash", "RESOURCE_INTEGRITY",
                                    f"the descriptor gives {resource.get('bytes')} bytes and {resource.get('hash')}, the file has {len(data)} bytes"))
        _text_hygiene(rel, data, problems)


def _text_hygiene(rel: str, data: bytes, problems: list[Problem]) -> None:
    """UTF-8 without BOM, LF only, NFC: the same bytes in every reader."""
    _, faults = decode(data)
    problems.extend(Problem(rel, line, "", "", code, message) for code, line, message in faults)


def _read_csv(root: Path, name: str, columns: tuple[str, ...], problems: list[Problem]) -> list[tuple[int, dict]]:
    rel = f"data/{name}.csv"
    path = root / rel
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        consumed: list[str] = []
        reader = csv.reader(_recording(handle, consumed), strict=True)
        try:
            header = next(reader, None)
            if header != list(columns):
                problems.append(Problem(rel, 1, "", "", "HEADER", f"header is {header}, the schema says {list(columns)}"))
                return []
            consumed.clear()
            end = reader.line_num
            for cells in reader:
                line, end = end + 1, reader.line_num  # a row's first line, even when a quoted cell holds a line break
                raw = "".join(consumed)
                consumed.clear()
                if '"' in raw and _csv_line(cells) != raw.rstrip("\r\n") + "\n":
                    # Python's csv accepts a quote inside an unquoted cell (x"y); other readers do not
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", f"stray quote: {show(raw.rstrip())} is not quoted as the build writes it"))
                if not cells or all(c == "" for c in cells):
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", "blank row"))
                    continue
                if len(cells) != len(columns):
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", f"{len(cells)} cells, the header has {len(columns)}"))
                    continue
                rows.append((line, dict(zip(columns, cells))))
        except csv.Error as error:
            problems.append(Problem(rel, reader.line_num, "", "", "CSV_FORMAT", f"cannot be read strictly: {error}"))
    return rows


def _recording(handle, consumed: list[str]):
    """The file's lines, each also appended to consumed, so a parsed row can be compared with its raw text."""
    for physical in handle:
        consumed.append(physical)
        yield physical


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return out.getvalue()


FRICTIONLESS_CODES = {
    "type-error": "CELL_TYPE", "primary-key": "PRIMARY_KEY", "foreign-key": "FOREIGN_KEY",
    "missing-cell": "CSV_FORMAT", "extra-cell": "CSV_FORMAT", "blank-row": "CSV_FORMAT",
    "incorrect-label": "HEADER", "missing-label": "HEADER", "extra-label": "HEADER", "duplicate-label": "HEADER",
    "blank-label": "HEADER", "hash-count": "RESOURCE_INTEGRITY", "byte-count": "RESOURCE_INTEGRITY",
    "unique-error": "UNIQUE_KEY", "encoding-error": "ENCODING",
}


def _frictionless(root: Path, problems: list[Problem]) -> None:
    """frictionless validate, its errors mapped onto the project's codes."""
    from frictionless import Package as FPackage

    report = FPackage(str(root / "datapackage.json")).validate()
    for task in report.tasks:
        table = TABLES.get(task.name)
        for error in task.errors:
            code = FRICTIONLESS_CODES.get(error.type, "FRICTIONLESS")
            note = getattr(error, "note", "") or ""
            if error.type == "constraint-error":
                code = ("REQUIRED_CELL" if "required" in note else "BAD_CATEGORY" if "enum" in note
                        else "BAD_PATTERN" if "pattern" in note else "BAD_VALUE")
            cells = getattr(error, "cells", None) or []
            key = f"{table.primary_key}={cells[0]}" if cells and table else ""
            problems.append(Problem(task.place, getattr(error, "row_number", None), key, getattr(error, "field_name", "") or "",
                                    code, f"frictionless {error.type}: {error.message}"))


def _cells(pkg: Package, problems: list[Problem]) -> None:
    """Cell rules no reader checks: edges, missing-value lookalikes, formulas, mojibake, invisibles, categories."""
    for name, table in TABLES.items():
        rel = f"data/{name}.csv"
        for line, row in pkg.table(name):
            key = f"{table.primary_key}={row.get(table.primary_key)}"
            for column, value in row.items():
                if value == "":
                    continue
                fld = field_for(name, column)
                bad = lambda code, message: problems.append(Problem(rel, line, key, column, code, message))
                if value != value.strip() or value.strip(" \u00a0\u2007\u202f\t") != value:
                    bad("WHITESPACE_EDGE", f"{show(value)} begins or ends with white space")
                if value in MISSING_MARKERS:
                    bad("MISSING_VALUE_COLLISION", f"{show(value)} is read as missing by pandas or R")
                if value.startswith(FORMULA_TRIGGERS) and (name, column, value) not in FORMULA_ALLOW and fld.type == "string":
                    bad("FORMULA_TRIGGER", f"{show(value)} begins with {show(value[0])}")
                if MOJIBAKE.search(value):
                    bad("MOJIBAKE", f"{show(value)} contains {show(MOJIBAKE.search(value).group())}, UTF-8 read as Windows-1252")
                hidden = INVISIBLE.search(value)
                if hidden:
                    bad("CONTROL_CHARACTER", f"character {hidden.start()} is U+{ord(hidden.group()):04X} {unicodedata.name(hidden.group(), 'control')}")
                if fld.categories and value not in fld.enum:
                    bad("BAD_CATEGORY", f"{show(value)} is not one of the field's categories: {', '.join(fld.enum)}")


def _articles(pkg: Package, problems: list[Problem]) -> None:
    """The article files exist and match their recorded checksum and length."""
    for line, row in pkg.table("articles"):
        key = f"article_id={row['article_id']}"
        path = pkg.root / row["path"]
        if not safe_path(row["path"]) or not path.is_file():
            problems.append(Problem("data/articles.csv", line, key, "path", "ARTICLE_MISSING", f"no article text at {row['path']}"))
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            problems.append(Problem("data/articles.csv", line, key, "sha256", "ARTICLE_HASH",
                                    f"{row['path']} has sha256 {hashlib.sha256(data).hexdigest()[:12]}…, the table records {row['sha256'][:12]}…"))
        if str(len(text)) != row["characters"] or str(len(data)) != row["bytes"]:
            problems.append(Problem("data/articles.csv", line, key, "characters", "ARTICLE_HASH",
                                    f"{row['path']} has {len(text)} characters and {len(data)} bytes, the table records {row['characters']} and {row['bytes']}"))
        if "\r" in text:
            problems.append(Problem(row["path"], None, key, "", "ARTICLE_TEXT", f"character {text.index(chr(13))} is a carriage return"))
        pkg.texts[row["article_id"]] = text


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def _spans(pkg: Package, problems: list[Problem]) -> None:
    """Every span is verbatim, sane, trimmed, on grapheme boundaries and inside its sentence."""
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    for name in SPAN_TABLES:
        rel = f"data/{name}.csv"
        pk = TABLES[name].primary_key
        for line, row in pkg.table(name):
            key = f"{pk}={row[pk]}"
            article = pkg.texts.get(row["article_id"])
            start, end = _int(row["start"]), _int(row["end"])
            if article is None or start is None or end is None:
                continue
            if not 0 <= start < end <= len(article):
                problems.append(Problem(rel, line, key, "end", "SPAN_OFFSETS", f"offsets {start}:{end} are not within 0 <= start < end <= {len(article)}"))
                continue
            actual = article[start:end]
            if actual != row["text"]:
                problems.append(Problem(rel, line, key, "text", "SPAN_TEXT_MISMATCH",
                                        f"article[{start}:{end}]={show(actual)} != text={show(row['text'])}; {first_difference(actual, row['text'])}"))
                continue
            if actual != actual.strip():
                problems.append(Problem(rel, line, key, "text", "SPAN_EDGE_WHITESPACE", f"{show(actual)} has white space at its edge"))
            bounds = grapheme_boundaries(article)
            if start not in bounds or end not in bounds:
                problems.append(Problem(rel, line, key, "start", "SPAN_SPLITS_GRAPHEME", f"{start}:{end} cuts a grapheme cluster"))
            if name != "sentences":
                sentence = sentences.get(row["sentence_id"])
                if sentence and not (_int(sentence["start"]) <= start and end <= _int(sentence["end"])):
                    problems.append(Problem(rel, line, key, "sentence_id", "SPAN_OUTSIDE_SENTENCE",
                                            f"{start}:{end} is not inside {row['sentence_id']} ({sentence['start']}:{sentence['end']})"))


def _sentence_tiling(pkg: Package, problems: list[Problem]) -> None:
    """Sentences cover each paragraph exactly: no gap but white space, no overlap, none across a line break."""
    by_article = defaultdict(list)
    for line, row in pkg.table("sentences"):
        by_article[row["article_id"]].append((_int(row["start"]), _int(row["end"]), line, row))
    for article_id, rows in by_article.items():
        article = pkg.texts.get(article_id)
        if article is None:
            continue
        rows.sort(key=lambda r: (r[0], r[1]))
        paras = paragraphs(article)
        for number, (p_start, p_end) in enumerate(paras, start=1):
            inside = [r for r in rows if r[3]["paragraph"] == str(number)]
            at = p_start
            for start, end, line, row in inside:
                gap = article[at:start]
                if start < at or gap.strip() or end > p_end:
                    problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "start", "SENTENCE_TILING",
                                            f"paragraph {number} ({p_start}:{p_end}) is not tiled at {at}: next sentence covers {start}:{end}"))
                at = max(at, end)
            if at != p_end:
                problems.append(Problem("data/sentences.csv", None, f"article_id={article_id}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {number} ({p_start}:{p_end}) is covered only up to {at}: {show(article[at:p_end])} is in no sentence"))
        for start, end, line, row in rows:
            if _int(row["paragraph"]) is not None and not 1 <= int(row["paragraph"]) <= len(paras):
                problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {row['paragraph']} does not exist"))


def _keys(pkg: Package, problems: list[Problem]) -> None:
    """uniqueKeys, which frictionless 5.21 ignores."""
    for name, table in TABLES.items():
        for unique in table.unique_keys:
            seen = {}
            for line, row in pkg.table(name):
                value = tuple(row[c] for c in unique)
                if all(v == "" for v in value):
                    continue
                if value in seen:
                    problems.append(Problem(f"data/{name}.csv", line, f"{table.primary_key}={row[table.primary_key]}", ",".join(unique),
                                            "UNIQUE_KEY", f"same ({', '.join(unique)}) as line {seen[value]}"))
                seen.setdefault(value, line)


def _figures(pkg: Package, problems: list[Problem]) -> None:
    for line, row in pkg.table("figures"):
        try:
            value = Decimal(row["value"])
        except InvalidOperation:
            continue
        if value not in numbers_in(row["text"]):
            problems.append(Problem("data/figures.csv", line, f"figure_id={row['figure_id']}", "value", "FIGURE_VALUE",
                                    f"value {row['value']} does not appear in {show(row['text'])}"))


def _row_counts(pkg: Package, repo: Path, problems: list[Problem]) -> None:
    path = repo / "tests" / "expected_counts.csv"
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            actual = len(pkg.table(row["table"]))
            if str(actual) != row["rows"]:
                problems.append(Problem("tests/expected_counts.csv", line, f"table={row['table']}", "rows", "ROW_COUNT",
                                        f"{row['table']} has {actual} rows, {row['rows']} expected"))


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]).resolve() if args else ROOT
    problems = validate(root, ROOT if root == ROOT else None)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(_read_csv(root, name, table.columns, []))}" for name, table in TABLES.items())
    print(f"valid: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
