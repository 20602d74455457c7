"""The package as every exporter sees it: datapackage.json's table resources with their rows, typed by the schema.

Cells are read strictly with the standard library (the CSVs are plain RFC 4180 with LF line endings) and typed by
the field descriptors: the empty cell, the only declared missing value, becomes None.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class TableResource:
    """One table resource: its descriptor, header and rows (cells as text, and typed)."""
    descriptor: dict
    cells: list[list[str]]
    rows: list[list] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["schema"]["fields"]

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return self.descriptor["schema"]["primaryKey"]

    @property
    def foreign_keys(self) -> list[dict]:
        return self.descriptor["schema"].get("foreignKeys", [])

    @property
    def unique_keys(self) -> list[list[str]]:
        return self.descriptor["schema"].get("uniqueKeys", [])

    def records(self) -> list[dict]:
        """Typed rows as dicts, in file order."""
        return [dict(zip(self.columns, row)) for row in self.rows]


@dataclass(frozen=True)
class Package:
    root: Path
    descriptor: dict
    tables: dict[str, TableResource]

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    def text_resources(self) -> list[dict]:
        """The non-table resources (the article texts), in descriptor order."""
        return [r for r in self.descriptor["resources"] if r.get("type") != "table"]

    def article_text(self, path: str) -> str:
        return (self.root / path).read_bytes().decode("utf-8")


def typed(fld: dict, cell: str):
    """A cell's value as the field's type says: None, int, Decimal, bool or str."""
    if cell == "":
        return None
    kind = fld["type"]
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


def read_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def read_descriptor(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def load(root: Path) -> Package:
    """datapackage.json at root and every table it lists, header checked against the schema."""
    descriptor = read_descriptor(root)
    tables = {}
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue
        cells = read_cells(root / resource["path"])
        fields = resource["schema"]["fields"]
        header = [f["name"] for f in fields]
        if cells[0] != header:
            raise ValueError(f"{resource['path']}: header {cells[0]} differs from the schema's fields {header}")
        rows = [[typed(f, c) for f, c in zip(fields, row, strict=True)] for row in cells[1:]]
        tables[resource["name"]] = TableResource(resource, cells, rows)
    return Package(root, descriptor, tables)
