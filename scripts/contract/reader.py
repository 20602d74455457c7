"""The one reader of a built package: its descriptor, every table read strictly, and the article texts.

Every stage that reads a built package reads it here: the validator (which collects problems and reads only the
paths its pre-flight cleared), the exports, the docs, the version guard, the row counts and the release. Each table
has a text view (cells exactly as written, the empty cell as "") and a typed view (the schema's types, the empty
cell as None). Python's csv module accepts things other readers refuse (a quote inside an unquoted cell), so each
row is compared with how the build writes it: every client sees the same cells.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from scripts.contract.descriptor import text_free
from scripts.contract.paths import MAX_FILE_BYTES, open_safely, safe_relative
from scripts.contract.problems import Problem, show

# A cell may hold up to a whole file's worth of text (a long note): the csv module's default cap of 131,072
# characters would refuse a cell that pandas and frictionless read.
csv.field_size_limit(min(sys.maxsize, MAX_FILE_BYTES))


class PackageError(Exception):
    """The package cannot be read as built (missing, stale or malformed); carries the problems found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems[:5]) + (f" … and {len(problems) - 5} more" if len(problems) > 5 else ""))


@dataclass
class Resource:
    """One resource of the descriptor; for a table, its rows as text (with the line each starts on)."""
    descriptor: dict
    rows: list[dict[str, str]] | None = None  # None for a resource that is not a table
    lines: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def title(self) -> str:
        return self.descriptor.get("title") or self.name

    @property
    def description(self) -> str:
        return self.descriptor.get("description", "")

    @property
    def path(self) -> str:
        return self.descriptor["path"]

    @property
    def schema(self) -> dict:
        return self.descriptor.get("schema") or {}

    @property
    def fields(self) -> list[dict]:
        return self.schema.get("fields", [])

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def field(self, name: str) -> dict:
        for fld in self.fields:
            if fld["name"] == name:
                return fld
        raise KeyError(f"resource `{self.name}` has no field `{name}` in datapackage.json")

    @property
    def is_table(self) -> bool:
        return self.rows is not None

    @property
    def is_span(self) -> bool:
        return self.is_table and {"start", "end", "text"} <= set(self.columns)

    @property
    def primary_key(self) -> list[str]:
        return _names(self.schema.get("primaryKey"))

    @property
    def pk(self) -> str | None:
        key = self.primary_key
        return key[0] if len(key) == 1 else None

    @property
    def unique_keys(self) -> list[list[str]]:
        return [_names(key) for key in self.schema.get("uniqueKeys", [])]

    @property
    def foreign_keys(self) -> list[tuple[list[str], str, list[str]]]:
        """(fields, referenced resource, referenced fields) of each foreign key."""
        out = []
        for fk in self.schema.get("foreignKeys", []):
            ref = fk.get("reference", {})
            out.append((_names(fk.get("fields")), ref.get("resource") or self.name, _names(ref.get("fields"))))
        return out

    def reference(self, column: str) -> str | None:
        """The resource a single-column foreign key on `column` points to."""
        for fields, resource, _ in self.foreign_keys:
            if fields == [column]:
                return resource
        return None

    @property
    def numbered(self) -> list[tuple[int, dict[str, str]]]:
        """(line, row) of every row: the line of the CSV file the row starts on."""
        return list(zip(self.lines, self.rows or []))

    @cached_property
    def typed(self) -> list[list]:
        """Every row's cells typed by the schema (None, int, Decimal, bool or str), in column order."""
        fields = self.fields
        return [[typed(f, row[f["name"]]) for f in fields] for row in self.rows or []]

    def records(self) -> list[dict]:
        """Typed rows as dicts, in file order."""
        return [dict(zip(self.columns, row)) for row in self.typed]


def _names(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def typed(fld: dict, cell: str):
    """A cell's value as the field's type says: None for the empty cell, else int, Decimal, bool or str."""
    if cell == "":
        return None
    kind = fld.get("type")
    if kind == "integer":
        return int(cell)
    if kind == "number":
        return Decimal(cell)
    if kind == "boolean":
        if cell in fld.get("trueValues", ["true"]):
            return True
        if cell in fld.get("falseValues", ["false"]):
            return False
        raise ValueError(f"{fld['name']}: {cell!r} is neither a true nor a false value")
    return cell


@dataclass
class BuiltPackage:
    """A built package: its descriptor, its resources by name, and the article texts by article ID."""
    root: Path
    descriptor: dict = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)  # declared path -> file that passed the pre-flight checks

    @property
    def text_free(self) -> bool:
        """The text-free release variant: the user brings the article texts."""
        return text_free(self.descriptor)

    @property
    def name(self) -> str:
        return self.descriptor.get("name", "package")

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    @property
    def tables(self) -> list[Resource]:
        return [r for r in self.resources.values() if r.is_table]

    def resource(self, name: str) -> Resource:
        found = self.resources.get(name)
        if found is None or not found.is_table:
            raise KeyError(f"datapackage.json has no table `{name}`")
        return found

    def indexed(self, name: str, make):
        """make(self.table(name)), built once while the table holds the same rows: table() is a new list on every
        call, so a rule that looks rows up per row or per article keeps its index here (a test that swaps a table's
        rows gets a fresh one)."""
        resource = self.resources.get(name)
        source = resource.rows if resource is not None else None
        cache = self.__dict__.setdefault("_indexes", {})
        built = cache.get((name, make))
        if built is None or built[0] is not source:
            built = cache[(name, make)] = (source, make(self.table(name)))
        return built[1]

    def table(self, name: str) -> list[tuple[int, dict[str, str]]]:
        """(line, row) of a table's rows; none when the table is absent (the rules' view)."""
        found = self.resources.get(name)
        return found.numbered if found is not None and found.is_table else []

    def rows_of(self, name: str, article_id: str) -> list[dict]:
        """The rows of a table that belong to one article (all rows when the table has no article_id)."""
        return [row for row in self.resource(name).rows if row.get("article_id", article_id) == article_id]

    def text_resources(self) -> list[dict]:
        """The non-table resources (the article texts), in descriptor order."""
        return [r for r in self.descriptor.get("resources", []) if "schema" not in r]

    @property
    def files(self) -> list[str]:
        return ["datapackage.json"] + [r.path for r in self.resources.values()]


def read_table(path: Path, rel: str, columns, problems: list[Problem]) -> tuple[list[int], list[dict[str, str]]]:
    """(lines, rows) of one CSV, read strictly; each fault is appended to problems and its row left out."""
    columns = list(columns)
    lines: list[int] = []
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        consumed: list[str] = []
        reader = csv.reader(_recording(handle, consumed), strict=True)
        try:
            header = next(reader, None)
            if header != columns:
                problems.append(Problem(rel, 1, "", "", "HEADER", f"header is {header}, the schema says {columns}"))
                return [], []
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
                lines.append(line)
                rows.append(dict(zip(columns, cells)))
        except csv.Error as error:
            problems.append(Problem(rel, reader.line_num, "", "", "CSV_FORMAT", f"cannot be read strictly: {error}"))
    return lines, rows


def _recording(handle, consumed: list[str]):
    """The file's lines, each also appended to consumed, so a parsed row can be compared with its raw text."""
    for physical in handle:
        consumed.append(physical)
        yield physical


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return out.getvalue()


def open_package(root: Path, texts: bool = True) -> BuiltPackage:
    """The package at root as built, every declared file checked against its bytes and hash and every table read
    strictly; PackageError with every problem when it cannot be read so. texts=False leaves the article texts out
    (a text-free package, or a reader that needs only the tables)."""
    problems: list[Problem] = []
    path, _, why = open_safely(root, "datapackage.json")
    if path is None:
        raise PackageError([Problem("datapackage.json", None, "", "", "DESCRIPTOR_JSON", f"cannot be read: {why}",
                                    "run `make build` first")])
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise PackageError([Problem("datapackage.json", None, "", "", "DESCRIPTOR_JSON", f"is not JSON: {error}",
                                    "run `make build`")]) from None
    pkg = BuiltPackage(root, descriptor)
    for item in descriptor.get("resources", []):
        rel = item.get("path")
        why = safe_relative(rel)
        if why:
            problems.append(Problem("datapackage.json", None, f"resource={item.get('name')}", "path", "UNSAFE_PATH", f"{show(str(rel))}: {why}"))
            continue
        found, code, why = open_safely(root, rel)
        if found is None:
            problems.append(Problem(rel, None, f"resource={item.get('name')}", "path", code, f"{why}; run `make build`"))
            continue
        data = found.read_bytes()
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if item.get("hash", digest) != digest or item.get("bytes", len(data)) != len(data):
            problems.append(Problem(rel, None, f"resource={item.get('name')}", "hash", "RESOURCE_INTEGRITY",
                                    "the file differs from its bytes and hash in datapackage.json; run `make build`"))
            continue
        pkg.paths[rel] = found
        if "schema" in item:
            columns = [f["name"] for f in item["schema"].get("fields", [])]
            lines, rows = read_table(found, rel, columns, problems)
            pkg.resources[item["name"]] = Resource(item, rows, lines)
        else:
            pkg.resources[item["name"]] = Resource(item)
    if texts and "articles" in pkg.resources and not pkg.text_free:
        for row in pkg.resources["articles"].rows:
            found = pkg.paths.get(row.get("path"))
            if found is None:
                problems.append(Problem("data/articles.csv", None, f"article_id={row.get('article_id')}", "path", "ARTICLE_MISSING",
                                        f"{row.get('path')} is not a resource of datapackage.json"))
                continue
            pkg.texts[row["article_id"]] = found.read_bytes().decode("utf-8")
    if problems:
        raise PackageError(problems)
    return pkg
