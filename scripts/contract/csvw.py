"""CSV on the Web (W3C) metadata for the CSVs, written beside them by the build.

Generated from datapackage.json by the project itself: csvw's own Frictionless converter reads Data Package v1
and mishandles v2. One table group: each table's columns with their datatypes (patterns and allowed values as
the datatype's format, minimums), the empty cell as the only null, primary and foreign keys.
"""

from __future__ import annotations

import json
import posixpath
import re

CONTEXT = ["http://www.w3.org/ns/csvw", {"@language": "en"}]
DATA_DIR = "data"


def path(descriptor: dict) -> str:
    """Where the metadata lives, relative to the package root: beside the CSVs."""
    return f"{DATA_DIR}/{descriptor['name']}-csv-metadata.json"


def datatype(fld: dict) -> dict | str:
    constraints = fld.get("constraints", {})
    kind = fld["type"]
    if kind == "boolean":
        return {"base": "boolean", "format": f"{'|'.join(fld.get('trueValues', ['true']))}|{'|'.join(fld.get('falseValues', ['false']))}"}
    if kind == "integer":
        out = {"base": "integer"}
        if "minimum" in constraints:
            out["minimum"] = constraints["minimum"]
        return out
    if kind == "number":
        return "decimal"
    if "enum" in constraints:
        return {"base": "string", "format": "^(" + "|".join(re.escape(v) for v in constraints["enum"]) + ")$"}
    if "pattern" in constraints:
        return {"base": "string", "format": constraints["pattern"]}
    return "string"


def column(fld: dict) -> dict:
    return {"name": fld["name"], "titles": fld["name"], "dc:description": fld["description"],
            "datatype": datatype(fld), "required": bool(fld.get("constraints", {}).get("required"))}


def _url(resource_path: str) -> str:
    return posixpath.relpath(resource_path, DATA_DIR)


def declared_foreign_keys(schema: dict) -> tuple[list[dict], list[dict]]:
    """(declared, left out): a foreign key is declared to CSVW only when every column it names is required.

    The Metadata Vocabulary for Tabular Data (W3C Recommendation, 17 December 2015, section 5.5.2 `foreignKeys`):
    "validators must check that, for each row, the combination of cells in the referencing columns references a
    unique row within the referenced table"; it names no exception for a null cell, and validators read it so (csvwvalidate in its default mode: "Foreign key column is null"). Our optional references
    (a quote with no speaker) are empty on purpose, so those keys stay in datapackage.json, where frictionless
    checks them (an empty cell references nothing), and each such column says so in its CSVW description."""
    required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
    declared, left_out = [], []
    for fk in schema.get("foreignKeys", []):
        (declared if set(fk["fields"]) <= required else left_out).append(fk)
    return declared, left_out


def table(resource: dict, paths: dict[str, str]) -> dict:
    schema = resource["schema"]
    declared, left_out = declared_foreign_keys(schema)
    notes = {fk["fields"][0]: fk["reference"] for fk in left_out if len(fk["fields"]) == 1}
    columns = []
    for f in schema["fields"]:
        col = column(f)
        ref = notes.get(f["name"])
        if ref is not None:
            col["dc:description"] += (f" An optional reference to {ref.get('resource') or resource['name']}.{ref['fields'][0]}: "
                                       "checked by the Data Package, not declared as a CSVW foreign key, which cannot be empty.")
        columns.append(col)
    table_schema = {"columns": columns, "primaryKey": schema["primaryKey"]}
    if declared:
        table_schema["foreignKeys"] = [
            {"columnReference": fk["fields"],
             "reference": {"resource": paths[fk["reference"].get("resource") or resource["name"]],
                           "columnReference": fk["reference"]["fields"]}}
            for fk in declared]
    return {"url": paths[resource["name"]], "dc:title": resource.get("title", resource["name"]),
            "dc:description": resource.get("description", ""), "tableSchema": table_schema}


def metadata(descriptor: dict) -> dict:
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    paths = {r["name"]: _url(r["path"]) for r in tables}
    out = {"@context": CONTEXT, "dc:title": descriptor["title"], "dc:description": descriptor["description"]}
    if descriptor.get("licenses"):
        out["dc:license"] = [{"@id": l["path"]} if l.get("path") else l.get("title", l["name"]) for l in descriptor["licenses"]]
    out["dc:hasVersion"] = descriptor.get("version", "")
    out["dialect"] = {"encoding": "utf-8", "lineTerminators": ["\n"], "quoteChar": "\"", "doubleQuote": True,
                      "delimiter": ",", "header": True, "headerRowCount": 1, "skipInitialSpace": False, "trim": False}
    out["null"] = descriptor_missing_value(tables)
    out["tables"] = [table(r, paths) for r in tables]
    return out


def descriptor_missing_value(tables: list[dict]) -> str:
    """The one missing value every table declares (the empty cell); a second one would not fit CSVW's single null."""
    values = {tuple(r["schema"].get("missingValues", [""])) for r in tables}
    if len(values) != 1 or len(next(iter(values))) != 1:
        raise ValueError(f"tables declare different or several missing values: {sorted(values)}")
    return next(iter(values))[0]


def files(descriptor_bytes: bytes) -> dict[str, bytes]:
    """The metadata file for the package whose datapackage.json has these bytes (for scripts.build.write.render_files)."""
    descriptor = json.loads(descriptor_bytes)
    return {path(descriptor): (json.dumps(metadata(descriptor), indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
