"""Excel workbook for people who double-click: one sheet per table, a README sheet with every field's description.

Written cell by cell with openpyxl so that every cell has the schema's type: codes, identifiers and all other
strings are text cells formatted as text (a CAMEO code stays `040`), offsets are integers, booleans are booleans,
empty cells are empty. No cell is ever a formula: openpyxl would store a string that begins with `=` as one, so
each string cell is typed as a string after its value is set. The header row is frozen and filterable.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from scripts.contract.exports import XLSX_NUMBER_FORMATS, XLSX_WIDTH
from scripts.contract.reader import BuiltPackage as Package

BOLD = Font(bold=True)


def _set(cell, value, kind: str) -> None:
    cell.value = value
    cell.number_format = XLSX_NUMBER_FORMATS[kind]
    if isinstance(value, str):
        cell.data_type = "s"  # never "f": a string is never a formula


def _width(values) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return max(XLSX_WIDTH[0], min(XLSX_WIDTH[1], longest + 2))


def _readme(ws, package: Package) -> None:
    d = package.descriptor
    texts = package.text_resources()
    lines = [
        ("Title", d["title"]), ("Version", d["version"]), ("Created", d.get("created", "")),
        ("Licence of the tables", "; ".join(l.get("title") or l["name"] for l in d["licenses"])),
        ("Licence of the article text", "; ".join(l.get("title") or l["name"] for r in texts for l in r["licenses"])
         or "not included: this is the text-free variant (text_sha256 is the sha256 of each span's text)"),
        *[(f"Licence of the {t.name} sheet", "; ".join(l.get("title") or l["name"] for l in t.descriptor["licenses"]))
          for t in package.tables if t.descriptor.get("licenses", d["licenses"]) != d["licenses"]],
        ("How to read", "One sheet per table. An empty cell means missing. start and end are offsets in Unicode code "
                        "points into the article text (end exclusive): text equals the article's characters start+1 to end. "
                        "Codes (CAMEO, IDs) are text cells: keep them as text when you edit."),
        ("", ""),
    ]
    for key, value in lines:
        ws.append([key, value])
        ws.cell(ws.max_row, 1).font = BOLD
    header = ["sheet", "column", "type", "required", "allowed values", "description"]
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    for table in package.tables:
        name = table.name
        for f in table.fields:
            constraints = f.get("constraints", {})
            row = [name, f["name"], f["type"], "yes" if constraints.get("required") else "no",
                   ", ".join(constraints.get("enum", [])), f["description"]]
            ws.append(row)
    for column, width in zip("ABCDEF", (22, 20, 9, 9, 30, 100)):
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows():
        for cell in row:
            cell.data_type = "s" if isinstance(cell.value, str) else cell.data_type
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write(package: Package, path: Path) -> Path:
    wb = Workbook()
    readme = wb.active
    readme.title = "README"
    _readme(readme, package)
    for table in package.tables:
        name = table.name
        ws = wb.create_sheet(title=name[:31])
        kinds = [f["type"] for f in table.fields]
        for j, column in enumerate(table.columns, start=1):
            _set(ws.cell(1, j), column, "string")
            ws.cell(1, j).font = BOLD
        for i, row in enumerate(table.typed, start=2):
            for j, (value, kind) in enumerate(zip(row, kinds), start=1):
                if value is not None:
                    _set(ws.cell(i, j), value, kind)
        for j, column in enumerate(table.columns, start=1):
            ws.column_dimensions[get_column_letter(j)].width = _width([column] + [r[j - 1] for r in table.typed])
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
    d = package.descriptor
    wb.properties.title = d["title"]
    wb.properties.creator = "; ".join(c.get("title", "") for c in d.get("contributors", []))
    if d.get("created"):
        created = datetime.fromisoformat(d["created"].replace("Z", "+00:00")).replace(tzinfo=None)
        wb.properties.created = wb.properties.modified = created
    out = io.BytesIO()
    wb.save(out)
    path.write_bytes(steady_zip(out.getvalue(), d))  # the same bytes on every run: make check compares them
    return path


def steady_zip(data: bytes, descriptor: dict) -> bytes:
    """An xlsx (a zip) with every entry dated at the release, as the release zips are: openpyxl dates them now."""
    moment = datetime.strptime(descriptor["created"], "%Y-%m-%dT%H:%M:%SZ").timetuple()[:6] if descriptor.get("created") else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():  # the order openpyxl wrote ([Content_Types].xml first)
            entry = zipfile.ZipInfo(info.filename, date_time=max(moment, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o100644 << 16
            entry.create_system = 3
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml" and descriptor.get("created"):  # openpyxl sets `modified` to now on save
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + descriptor["created"].encode("ascii") + rb"\g<2>", body)
            target.writestr(entry, body, compresslevel=9)
    return out.getvalue()

