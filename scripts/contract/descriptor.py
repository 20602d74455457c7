"""Render datapackage.json (Data Package v2) from the field definitions.

Written by hand, never through frictionless's writers, which turn v2 forms back into v1.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scripts.contract.fields import TABLES, Field, Table

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PROFILE_FILE = Path(__file__).with_name("profiles") / "datapackage-2.0.json"  # a copy of PROFILE, read offline
DIALECT = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": "\"", "doubleQuote": True, "header": True}
MISSING_VALUES = [""]
# The text-free variant of a release says so in its descriptor: it declares no article text, and its user brings
# their own copy of each text, checked against the sha256 in data/articles.csv.
TEXT_FREE = ("variant", "text-free")


def field_descriptor(fld: Field) -> dict:
    out = {"name": fld.name, "type": fld.type, "description": fld.description}
    if fld.type == "boolean":
        out.update(trueValues=["true"], falseValues=["false"])
    constraints = {"required": fld.required}
    if fld.categories:
        constraints["enum"] = fld.enum
        out["categories"] = [{"value": value, "label": label} for value, label in fld.categories]
    if fld.pattern:
        constraints["pattern"] = fld.pattern
    if fld.minimum is not None:
        constraints["minimum"] = fld.minimum
    out["constraints"] = constraints
    return out


def table_schema(table: Table) -> dict:
    schema = {
        "fields": [field_descriptor(f) for f in table.fields],
        "missingValues": MISSING_VALUES,
        "primaryKey": [table.primary_key],
    }
    if table.unique_keys:
        schema["uniqueKeys"] = [list(key) for key in table.unique_keys]
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": [fk.fields], "reference": {"resource": fk.resource, "fields": [fk.reference]}}
                                 for fk in table.foreign_keys]
    return schema


def checksum(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def table_resource(table: Table, data: bytes, license_: list[dict]) -> dict:
    """A table's resource; a codebook carries its own public sources and its publisher's licence instead of the
    package's."""
    sources = {"sources": [dict(s) for s in table.sources]} if table.codebook else {}
    return {
        "name": table.name, "type": "table", "title": table.title, "description": table.description,
        "path": f"data/{table.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "dialect": DIALECT, **checksum(data), **sources,
        "licenses": [dict(lic) for lic in table.licenses] if table.codebook else license_, "schema": table_schema(table),
    }


def text_resource(article_id: str, data: bytes, text_license: dict) -> dict:
    return {
        "name": f"article-{article_id}", "title": f"Article text: {article_id}",
        "description": ("The article text, byte for byte as received, included so that every span's offsets can be "
                        "checked. It remains the original publisher's; it is not covered by the package's open licence."),
        "path": f"data/articles/{article_id}.txt", "format": "txt", "mediatype": "text/plain", "encoding": "utf-8",
        **checksum(data), "licenses": [text_license],
    }


def render(meta: dict, csv_bytes: dict[str, bytes], texts: dict[str, bytes]) -> dict:
    """The whole descriptor, keys in a fixed order."""
    resources = [text_resource(article_id, texts[article_id], meta["text_license"]) for article_id in sorted(texts)]
    resources += [table_resource(table, csv_bytes[name], meta["licenses"]) for name, table in TABLES.items()]
    return {"$schema": PROFILE, **package_metadata(meta), "resources": resources}


PACKAGE_KEYS = ("name", "title", "description", "version", "created", "homepage", "keywords", "contributors", "sources", "licenses")


def package_metadata(meta: dict) -> dict:
    """The package-level keys of the descriptor, in order; an empty optional field (homepage before there is one)
    is left out."""
    return {key: meta[key] for key in PACKAGE_KEYS if meta.get(key, "") != ""}


def text_free(descriptor: dict) -> bool:
    """True for the text-free variant of a release."""
    return descriptor.get(TEXT_FREE[0]) == TEXT_FREE[1]


def dumps(descriptor: dict) -> str:
    return json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
