"""The built package as the site reads it: descriptor, every table's rows (as text), every article text.

Everything is checked against the descriptor (hash, bytes, columns), so a stale build fails loudly.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from scripts.docs.config import ARTICLE_PATH, ARTICLES
from scripts.validate import safe_path


class DocsError(Exception):
    """The package cannot be documented as it stands (missing, stale or unexpected)."""


@dataclass
class Resource:
    descriptor: dict
    rows: list[dict] | None = None  # None for a resource that is not a table

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
        raise DocsError(f"resource `{self.name}` has no field `{name}` in datapackage.json")

    @property
    def is_table(self) -> bool:
        return self.rows is not None

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
    def is_span(self) -> bool:
        return self.is_table and {"start", "end", "text"} <= set(self.columns)


def _names(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@dataclass
class Package:
    root: Path
    descriptor: dict
    resources: dict[str, Resource]
    texts: dict[str, str]
    changelog: str | None = None

    @property
    def tables(self) -> list[Resource]:
        return [r for r in self.resources.values() if r.is_table]

    def table(self, name: str) -> Resource:
        if name not in self.resources or not self.resources[name].is_table:
            raise DocsError(f"datapackage.json has no table `{name}`, which the site documents")
        return self.resources[name]

    @property
    def files(self) -> list[str]:
        return ["datapackage.json"] + [r.path for r in self.resources.values()]

    @property
    def name(self) -> str:
        return self.descriptor.get("name", "package")

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def rows_of(self, name: str, article_id: str) -> list[dict]:
        """The rows of a table that belong to one article (all rows when the table has no article_id)."""
        return [row for row in self.table(name).rows if row.get("article_id", article_id) == article_id]


def _checked_bytes(root: Path, resource: dict) -> bytes:
    rel_path = resource.get("path")
    if not safe_path(rel_path):
        raise DocsError(f"resource `{resource.get('name')}` has an unsafe path {rel_path!r}")
    path = root / rel_path
    if not path.is_file():
        raise DocsError(f"{rel_path} is listed in datapackage.json but missing; run `make build`")
    data = path.read_bytes()
    expected = resource.get("hash", "")
    if expected and expected.split(":")[-1] != hashlib.sha256(data).hexdigest():
        raise DocsError(f"{rel_path} differs from its hash in datapackage.json; run `make build`")
    if "bytes" in resource and resource["bytes"] != len(data):
        raise DocsError(f"{rel_path} has {len(data)} bytes, datapackage.json says {resource['bytes']}; run `make build`")
    return data


def load_package(root: Path) -> Package:
    """The descriptor, every table's rows (as text) and every article text, checked against the descriptor."""
    descriptor_path = root / "datapackage.json"
    if not descriptor_path.is_file():
        raise DocsError(f"{descriptor_path} is missing; run `make build` first")
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources: dict[str, Resource] = {}
    for item in descriptor.get("resources", []):
        data = _checked_bytes(root, item)
        rows = None
        if item.get("type") == "table" or "schema" in item:
            reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
            columns = [f["name"] for f in item.get("schema", {}).get("fields", [])]
            if reader.fieldnames != columns:
                raise DocsError(f"{item['path']} has columns {reader.fieldnames}, datapackage.json says {columns}")
            rows = list(reader)
        resources[item["name"]] = Resource(item, rows)
    texts = {}
    if ARTICLES in resources and resources[ARTICLES].is_table:
        known = {r.path for r in resources.values()}
        for row in resources[ARTICLES].rows:
            if row[ARTICLE_PATH] not in known:
                raise DocsError(f"article {row['article_id']}: {row[ARTICLE_PATH]} is not a resource of datapackage.json")
            texts[row["article_id"]] = (root / row[ARTICLE_PATH]).read_text(encoding="utf-8")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8") if (root / "CHANGELOG.md").is_file() else None
    return Package(root, descriptor, resources, texts, changelog)
