"""W3C Web Annotations, one per span row, so annotation tools can load the package's spans.

Each annotation targets the article resource (its path in the package, resolved against the package root by the
document's `@base`) through two selectors of the same span: a TextPositionSelector in Unicode code points (the
package's own offsets; the Web Annotation model counts characters the same way) and a TextQuoteSelector with up
to 32 characters of prefix and suffix. The bodies carry the row: its ID (purpose identifying), its table
(classifying) and each coded column as `column=value` (tagging).
"""

from __future__ import annotations

import json
import uuid

from scripts.contract import exports
from scripts.contract.reader import BuiltPackage as Package
from scripts.contract.reader import Resource as TableResource

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PACKAGE_ROOT = "../"  # the annotations file is written to dist/, beside data/ and datapackage.json
AFFIX = 32


def span_tables(package: Package) -> list[TableResource]:
    """Tables of article spans: start, end and the text (or, in the text-free variant, its sha256)."""
    return exports.span_tables(package.tables)


coded_columns = exports.coded_columns  # the tagging bodies; the validator reads them back by the same list


def _id(*parts: str) -> str:
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def annotation(package: Package, table: TableResource, cells: dict[str, str], source: dict, article: str | None) -> dict:
    """One span's annotation; article None (the text-free variant) leaves out the TextQuoteSelector, whose exact,
    prefix and suffix are the article's words."""
    start, end = int(cells["start"]), int(cells["end"])
    row_id = cells[table.primary_key[0]]
    selectors = [{"type": "TextPositionSelector", "start": start, "end": end}]
    if article is not None:
        quote = {"type": "TextQuoteSelector", "exact": article[start:end]}
        if start:
            quote["prefix"] = article[max(0, start - AFFIX):start]
        if end < len(article):
            quote["suffix"] = article[end:end + AFFIX]
        selectors.append(quote)
    body = [{"type": "TextualBody", "purpose": "identifying", "value": row_id},
            {"type": "TextualBody", "purpose": "classifying", "value": table.name}]
    body += [{"type": "TextualBody", "purpose": "tagging", "value": f"{column}={cells[column]}"}
             for column in coded_columns(table) if cells[column] != ""]
    out = {"id": _id(package.name, table.name, row_id), "type": "Annotation", "motivation": "classifying"}
    if package.descriptor.get("created"):
        out["created"] = package.descriptor["created"]
    if package.descriptor.get("licenses", [{}])[0].get("path"):
        out["rights"] = package.descriptor["licenses"][0]["path"]
    out["body"] = body
    out["target"] = {"type": "SpecificResource", "source": source,
                     "selector": selectors}
    return out


def collection(package: Package, base: str = PACKAGE_ROOT) -> dict:
    d = package.descriptor
    by_path = {r["path"]: r for r in package.text_resources()}
    articles = {a["article_id"]: a for a in package.resource("articles").records()}
    texts = package.texts
    sources = {}
    for article_id, a in articles.items():
        resource = by_path.get(a["path"], {})  # the text-free variant declares no text resource: the user brings it
        sources[article_id] = {"id": a["path"], "type": "Text", "format": resource.get("mediatype", "text/plain"),
                               "language": a["language"], "label": resource.get("title", f"Article text: {article_id}")}
    items = []
    for table in span_tables(package):
        for cells in table.rows:
            items.append(annotation(package, table, cells, sources[cells["article_id"]], texts.get(cells["article_id"])))
    return {"@context": [ANNO_CONTEXT, {"@base": base}],
            "id": _id(d["name"], "annotations"), "type": "AnnotationCollection",
            "label": f"{d['title']}, version {d['version']}: one annotation per span row",
            "total": len(items),
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}


def dumps(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
