"""Every string a user can get out of a release file, read with the file's own client, for the text-free checks."""

from __future__ import annotations

import io
import sqlite3
import tempfile
import zipfile
from pathlib import Path


def strings(name: str, data: bytes) -> list[str]:
    """The text of one file: as UTF-8 for text formats; every cell for xlsx (openpyxl), SQLite (sqlite3) and
    Parquet (pyarrow)."""
    if name.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        return [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    if name.endswith(".sqlite"):
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / "db.sqlite"
            path.write_bytes(data)
            con = sqlite3.connect(path)
            out = []
            for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"):
                for row in con.execute(f'SELECT * FROM "{table}"'):
                    out += [v for v in row if isinstance(v, str)]
            out += [sql for (sql,) in con.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL")]
            con.close()
            return out
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(data))
        out = [str(v) for column in table.columns for v in column.to_pylist() if isinstance(v, str)]
        return out + [v.decode("utf-8", "replace") for v in (table.schema.metadata or {}).values()]
    return [data.decode("utf-8")]


def zip_strings(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as archive:
        return {name: strings(name, archive.read(name)) for name in archive.namelist()}
