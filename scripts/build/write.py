"""Write a built package: each table as CSV exactly as the contract renders it, the descriptor, and the CSV on the
Web metadata beside the CSVs."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from scripts.contract import csvw, descriptor
from scripts.contract.fields import TABLES, Table


def cell(value) -> str:
    """One cell as text: empty for missing, true/false, plain decimals, never a float repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def csv_bytes(table: Table, rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    for row in rows:
        writer.writerow([cell(row.get(column)) for column in table.columns])
    return out.getvalue().encode("utf-8")


def render_files(tables: dict[str, list[dict]], texts: dict[str, bytes], meta: dict) -> dict[str, bytes]:
    """Every output file, by path relative to the package root."""
    csvs = {name: csv_bytes(TABLES[name], tables[name]) for name in TABLES}
    files = {f"data/{name}.csv": data for name, data in csvs.items()}
    files.update({f"data/articles/{article_id}.txt": data for article_id, data in texts.items()})
    files["datapackage.json"] = descriptor.dumps(descriptor.render(meta, csvs, texts)).encode("utf-8")
    files.update(csvw.files(files["datapackage.json"]))  # CSV on the Web metadata, beside the CSVs
    return files


def write_files(files: dict[str, bytes], root: Path) -> None:
    for rel, data in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
