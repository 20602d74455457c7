"""Datasette metadata: title, the licence split, sources and every column's description, from datapackage.json.

Datasette shows these on every page of the database; the column descriptions are the schema's.
"""

from __future__ import annotations

import json

from scripts.contract.exports import datasette_licence
from scripts.exports import sqlite
from scripts.contract.reader import BuiltPackage as Package


def metadata(package: Package, database: str) -> dict:
    """The metadata.json for the database file named database.sqlite."""
    d = package.descriptor
    table_licence = d["licenses"][0]
    text_resources = package.text_resources()
    text_licence = text_resources[0]["licenses"][0] if text_resources else table_licence
    split = (f"Licences: the tables and metadata are under {table_licence.get('title') or table_licence['name']}. "
             f"The article text (table {sqlite.TEXTS_TABLE}, which the text columns quote) is not: "
             f"{text_licence.get('title') or text_licence['name']}.") if not package.text_free else (
             f"Licence: the tables and metadata are under {table_licence.get('title') or table_licence['name']}. "
             "This is the text-free variant: it holds no article text (text_sha256 is the sha256 of each span's text).")
    tables = {}
    for table in package.tables:
        name = table.name
        tables[name] = {"title": table.descriptor.get("title", name), "description": table.descriptor.get("description", ""),
                        **datasette_licence(table.descriptor.get("licenses", d["licenses"])[0]),
                        "columns": {f["name"]: f["description"] for f in table.fields}}
    if not package.text_free:
        tables[sqlite.TEXTS_TABLE] = _texts_table(text_resources, text_licence)
    for name, (description, _) in sqlite.views(package.text_free).items():
        tables[name] = {"description": description}
    out = {"title": d["title"], "description": f"{d['description']} {split} Version {d['version']}.",
           **datasette_licence(table_licence),
           "source": "; ".join(s["title"] for s in d.get("sources", [])) or d["title"]}
    if d.get("homepage"):
        out["source_url"] = d["homepage"]
    out["databases"] = {database: {"title": d["title"], "tables": tables}}
    return out


def _texts_table(text_resources: list[dict], text_licence: dict) -> dict:
    return {
        "title": "Article texts",
        "description": (text_resources[0]["description"] if text_resources else "") +
                       " Slice a span in SQL with substr(text, start + 1, \"end\" - start): SQLite counts characters.",
        **datasette_licence(text_licence),
        "columns": {"article_id": "Identifier of the article (see the articles table).",
                    "resource": "Name of the text resource in datapackage.json.",
                    "path": "Path of the article text inside the package, relative to datapackage.json.",
                    "text": "The whole article text; the offsets of every span table are code points into it."}}


def dumps(meta: dict) -> str:
    return json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
