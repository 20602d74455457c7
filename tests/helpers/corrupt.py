"""Corruptions of a copy of the small fixture article, and where the problem each one causes must be reported.

A corruption either edits the annotation file or article text (caught by the build) or the package built from it
(caught by the validator). Corruptions of a package file normally re-record its bytes and hash in
datapackage.json, so that the class under test is caught by its own check and not merely by RESOURCE_INTEGRITY.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts.build.__main__ import main as build_main
from scripts.build.pipeline import build, build_and_validate
from scripts.contract import descriptor as descriptor_module
from scripts.contract.problems import Problem, ProblemsFound
from scripts.validate import counts
from scripts.validate.core import STAGES, validate
from tests.helpers.repo import FIXTURES

Y = "annotations/articles/cafe-zoe.yaml"
E = "annotations/entities.yaml"  # the entity registry
C = "annotations/articles/cafe-zoe.counts.csv"
S = "sources/cafe-zoe.txt"
A = "data/articles/cafe-zoe.txt"
ARTICLE = (FIXTURES / "second" / S).read_text(encoding="utf-8")


# ---------------------------------------------------------------- where a problem is expected

@dataclass(frozen=True)
class Line:
    """The one line of the (corrupted) file that contains this text."""
    text: str


@dataclass(frozen=True)
class Row:
    """The line of a CSV file whose row has this primary key (the line starts with `pk,`); nth for duplicates."""
    pk: str
    nth: int = 0


@dataclass(frozen=True)
class At:
    code: str
    file: str
    line: int | Line | Row | None
    key: str
    field: str
    message: str = ""  # a part the message must contain


def _text(root: Path, rel: str, files: dict[str, bytes] | None) -> str:
    path = root / rel
    data = path.read_bytes() if path.is_file() else (files or {})[rel]
    return data.decode("utf-8", errors="replace")


def line_number(root: Path, at: At, files: dict[str, bytes] | None = None) -> int | None:
    if not isinstance(at.line, (Line, Row)):
        return at.line
    lines = _text(root, at.file, files).split("\n")
    if isinstance(at.line, Line):
        found = [i for i, text in enumerate(lines, start=1) if at.line.text in text]
    else:
        found = [i for i, text in enumerate(lines, start=1) if text.startswith(at.line.pk + ",")]
        if at.line.nth:
            found = found[at.line.nth - 1: at.line.nth]
    assert len(found) == 1, f"{at.line} is on lines {found} of {at.file}; the catalogue needs exactly one"
    return found[0]


# ---------------------------------------------------------------- corruptions of annotation files and sources

def read(root: Path, rel: str) -> str:
    return (root / rel).read_bytes().decode("utf-8")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_bytes(text.encode("utf-8"))


def edit(rel: str, old: str, new: str, rehashed: bool = True):
    """Replace the one occurrence of old by new in a text file."""
    def corrupt(root: Path) -> None:
        text = read(root, rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        write(root, rel, text.replace(old, new))
        if rehashed and rel.startswith("data/"):
            rehash(root, rel)
    return corrupt


def edit_bytes(rel: str, change, rehashed: bool = True):
    """Apply change(bytes) -> bytes to a file."""
    def corrupt(root: Path) -> None:
        before = (root / rel).read_bytes()
        after = change(before)
        assert after != before
        (root / rel).write_bytes(after)
        if rehashed and rel.startswith("data/"):
            rehash(root, rel)
    return corrupt


def _record_lines(lines: list[str], marker: str) -> tuple[int, int]:
    """First and end line index of the YAML list record whose first line contains marker."""
    starts = [i for i, line in enumerate(lines) if marker in line and line.lstrip().startswith("- ")]
    assert len(starts) == 1, f"record {marker!r} found {len(starts)} times"
    first = starts[0]
    indent = len(lines[first]) - len(lines[first].lstrip())
    end = first + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return first, end


def yaml_set(marker: str, key: str, raw: str | None, file: str | None = None):
    """In the annotation record whose first line contains marker, set `key:` to raw YAML text (None: delete it);
    file defaults to the article's annotation file (E is the entity registry)."""
    def corrupt(root: Path) -> None:
        rel = file or Y
        lines = read(root, rel).split("\n")
        first, end = _record_lines(lines, marker)
        indent = " " * (len(lines[first]) - len(lines[first].lstrip()) + 2)
        at = [i for i in range(first, end) if lines[i].lstrip(" -").startswith(f"{key}:")]
        new = [] if raw is None else [f"{indent}{key}: {raw}"]
        if at:
            extra = at[0] + 1  # a nested mapping (span:) runs on over deeper-indented lines
            while extra < end and len(lines[extra]) - len(lines[extra].lstrip()) > len(indent):
                extra += 1
            if lines[at[0]].lstrip().startswith("- "):
                new = [f"{indent[:-2]}- {key}: {raw}"]
            lines[at[0]:extra] = new
        else:
            assert raw is not None, f"{marker} has no key {key}"
            lines[end:end] = new
        write(root, rel, "\n".join(lines))
    return corrupt


def yaml_copy_record(marker: str, file: str | None = None, **changes: str):
    """Insert a copy of a record right after it, with some keys set to raw YAML text."""
    def corrupt(root: Path) -> None:
        rel = file or Y
        lines = read(root, rel).split("\n")
        first, end = _record_lines(lines, marker)
        copy = lines[first:end]
        for key, raw in changes.items():
            hits = [i for i, line in enumerate(copy) if line.lstrip(" -").startswith(f"{key}:")]
            assert len(hits) == 1, f"{marker} has {len(hits)} keys {key}"
            head = copy[hits[0]][: len(copy[hits[0]]) - len(copy[hits[0]].lstrip(" -"))]
            copy[hits[0]] = f"{head}{key}: {raw}"
        lines[end:end] = copy
        write(root, rel, "\n".join(lines))
    return corrupt


def yaml_drop_record(marker: str):
    def corrupt(root: Path) -> None:
        lines = read(root, Y).split("\n")
        first, end = _record_lines(lines, marker)
        del lines[first:end]
        write(root, Y, "\n".join(lines))
    return corrupt


def also(*corruptions):
    def corrupt(root: Path) -> None:
        for c in corruptions:
            c(root)
    return corrupt


# ---------------------------------------------------------------- corruptions of the built package

def rehash(root: Path, rel: str) -> None:
    """Record a changed file's bytes and sha256 in datapackage.json, as a careless tool would."""
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    data = (root / rel).read_bytes()
    matched = [r for r in descriptor["resources"] if r.get("path") == rel]
    assert len(matched) == 1, rel
    matched[0].update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    path.write_text(descriptor_module.dumps(descriptor), encoding="utf-8")


def read_rows(root: Path, table: str) -> list[list[str]]:
    with (root / f"data/{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def write_rows(root: Path, table: str, rows: list[list[str]], rehashed: bool = True) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / f"data/{table}.csv").write_bytes(out.getvalue().encode("utf-8"))
    if rehashed:
        rehash(root, f"data/{table}.csv")


def cells(table: str, pk: str, rehashed: bool = True, **values):
    """Set some cells of the row with primary key pk, writing the CSV as the build does."""
    def corrupt(root: Path) -> None:
        rows = read_rows(root, table)
        header = rows[0]
        hit = [row for row in rows[1:] if row[0] == pk]
        assert len(hit) == 1, f"{table} has {len(hit)} rows {pk}"
        for column, value in values.items():
            hit[0][header.index(column)] = value(hit[0][header.index(column)]) if callable(value) else value
        write_rows(root, table, rows, rehashed)
    return corrupt


def span(table: str, pk: str, start: int, end: int, text: str | None = None):
    """Move a row's span; its text is article[start:end] unless given."""
    return cells(table, pk, start=str(start), end=str(end), text=ARTICLE[start:end] if text is None else text)


def rows_changed(table: str, change):
    """Apply change(rows) -> rows (header first) to a table."""
    def corrupt(root: Path) -> None:
        write_rows(root, table, change(read_rows(root, table)))
    return corrupt


def drop_row(table: str, pk: str):
    return rows_changed(table, lambda rows: [r for r in rows if r[0] != pk])


def copy_row(table: str, pk: str, **values):
    """Insert a copy of a row right after it, with some cells changed."""
    def change(rows):
        i = next(i for i, r in enumerate(rows) if r[0] == pk)
        copy = list(rows[i])
        for column, value in values.items():
            copy[rows[0].index(column)] = value
        return rows[: i + 1] + [copy] + rows[i + 1:]
    return rows_changed(table, change)


def header(table: str, change):
    """Apply change(header) -> (header, cells_of_row(row) -> row) to a table."""
    def corrupt(root: Path) -> None:
        rows = read_rows(root, table)
        new_header, fix_row = change(rows[0])
        write_rows(root, table, [new_header] + [fix_row(r) for r in rows[1:]])
    return corrupt


def descriptor(change):
    """Apply change(descriptor dict) to datapackage.json."""
    def corrupt(root: Path) -> None:
        path = root / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(descriptor_module.dumps(data), encoding="utf-8")
    return corrupt


def resource(name: str, **values):
    def change(data):
        matched = [r for r in data["resources"] if r["name"] == name]
        assert len(matched) == 1
        matched[0].update(values)
    return descriptor(change)


def swap(items: list, a: int, b: int) -> list:
    items = list(items)
    items[a], items[b] = items[b], items[a]
    return items


def offsets(text: str, unit: str) -> tuple[int, int]:
    """(start, end) of text in the article counted in UTF-16 code units or UTF-8 bytes instead of code points."""
    start = ARTICLE.index(text)
    encode = (lambda s: len(s.encode("utf-16-le")) // 2) if unit == "utf-16" else (lambda s: len(s.encode("utf-8")))
    return encode(ARTICLE[:start]), encode(ARTICLE[: start + len(text)])


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


MOJIBAKE = "Owner of CafÃ© Zoë"  # "é" as UTF-8 bytes read as Windows-1252
QUOTE = "“Every plate is a little fiesta 👩\u200d🍳,”"
Q_START = ARTICLE.index(QUOTE)
BAND = "Spin\u0308al Tap tribute band"
BAND_START = ARTICLE.index(BAND)
N02_START = ARTICLE.index("40 percent")


P = "annotations/package.yaml"
D = "datapackage.json"


def replace_file(rel: str, make):
    """Replace a file by make(root, path) (a link, a copy, a huge file ...)."""
    def corrupt(root: Path) -> None:
        path = root / rel
        make(root, path)
    return corrupt


def symlink_to_copy(root: Path, path: Path) -> None:
    copy = root / "elsewhere.csv"
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy)


def symlinked_folder(root: Path, path: Path) -> None:
    moved = root / "articles-real"
    path.rename(moved)
    path.symlink_to(moved, target_is_directory=True)


def sparse(size: int):
    def make(root: Path, path: Path) -> None:
        with open(path, "r+b") as handle:
            handle.truncate(size)
    return make


def raw_descriptor(change):
    """Apply change(text) -> text to datapackage.json as text (for what json.dumps would never write)."""
    def corrupt(root: Path) -> None:
        write(root, D, change(read(root, D)))
    return corrupt


def prepend(rel: str, text: str):
    return lambda root: write(root, rel, text + read(root, rel))


def utf16(rel: str):
    return edit_bytes(rel, lambda b: b.decode("utf-8").encode("utf-16"))


# the codes only frictionless reports (scripts/validate/core.py maps its errors to them); the project's own rules
# report the other codes frictionless can give (CSV_FORMAT, HEADER, RESOURCE_INTEGRITY, UNIQUE_KEY, ENCODING ...)
FRICTIONLESS_ONLY = {"CELL_TYPE", "PRIMARY_KEY", "FOREIGN_KEY", "REQUIRED_CELL", "BAD_PATTERN", "BAD_VALUE", "FRICTIONLESS"}
BUILD, STAGED, PACKAGE, CHECK = "build", "build_and_validate", "validate", "build --check"
COUNTS = "counts"  # the row-count review of `make check` (scripts/validate/counts.py), which validate() leaves alone


@dataclass
class Ran:
    """What a command line run in-process printed, and its exit status."""
    returncode: int
    stdout: str
    stderr: str


def run_main(main, *args: str) -> Ran:
    """main([...args]) run in this process, its output captured, as a user sees it at a terminal."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return Ran(status, out.getvalue(), err.getvalue())


def build_cli(root: Path, *args: str) -> Ran:
    """`python -m scripts.build --root root ...`, in-process."""
    return run_main(build_main, "--root", str(root), *args)


PRINTED = re.compile(r"(?P<file>[^\s:]+)(?::(?P<line>\d+))? (?:(?P<key>\S+=\S+) )?(?:field=(?P<field>\S+) )?"
                     r"\[(?P<code>[A-Z_]+)\] (?P<message>.*?)\. Fix: (?P<fix>.*)")


def printed_problems(stderr: str) -> list[Problem]:
    """Problems parsed back from their printed form (each line must be in the one error format)."""
    found = []
    for text in stderr.splitlines():
        match = PRINTED.fullmatch(text)
        assert match, f"not in the error format: {text!r}"
        line = int(match["line"]) if match["line"] else None
        found.append(Problem(match["file"], line, match["key"] or "", match["field"] or "", match["code"], match["message"], match["fix"]))
    return found


def stages_for(code: str | None, message: str = "") -> tuple[str, ...]:
    """The validator's stages a problem code can come from (all when no code is named): frictionless runs only for
    a code only frictionless reports, or a message that names it, so a case costs what its check costs."""
    if code is None:
        return STAGES
    stages = ["rules"]
    if code in FRICTIONLESS_ONLY or "frictionless" in message:
        stages.append("frictionless")
    if code.startswith("PRIMARY_"):
        stages.append("primary")
    if code.startswith(("VERSION_", "DIGEST_")):
        stages.append("versions")
    return tuple(stages)


def problems_of(stage: str, root: Path, code: str | None = None, message: str = "") -> tuple[list[Problem], dict[str, bytes] | None]:
    """The problems a stage reports, plus the built files where the package is gone (for line numbers). code, when
    given, is the problem the case expects: the validator runs only the stages that can report it."""
    if stage == PACKAGE:
        return validate(root, root, stages=stages_for(code, message)), None
    if stage == COUNTS:
        return counts.check(root), None
    if stage == CHECK:
        result = build_cli(root, "--check")
        assert result.returncode == 1
        return printed_problems(result.stderr), None
    files = build(root) if stage == STAGED else None
    with pytest.raises(ProblemsFound) as found:
        build(root) if stage == BUILD else build_and_validate(root, stages=stages_for(code, message))
    return found.value.problems, files


