"""Each export compared whole with a fresh export of its package, as the export's own client reads it.

The cell-by-cell comparison (scripts/validate/exports.py) says which row and column differ; this one catches all the
rest a user would see, without a list of what may differ: a view or an extra table in the SQLite file, a full-text
index built from other text, a workbook part (the README sheet, a font run, a theme colour, a frozen pane), the
Parquet schema's metadata and nullability, a Web Annotation's source or prefix, a Datasette title. The exports are
written afresh from the package into a scratch folder (scripts/exports/writer.py, the code `make build` runs) and
each file is read by its client on both sides:

- SQLite: sqlite3's dump of every table, view, index and trigger with its rows and their rowids, and each full-text index read back
  through fts5vocab (its terms, rows, columns and offsets), so the index's binary pages, which differ between SQLite
  libraries, are not compared;
- the workbook: every part of the zip, unpacked;
- Parquet: pyarrow's schema (with its metadata and nullability), table and column statistics, then the bytes (the
  writer is pinned and writes the same bytes on every run, and the release's Croissant metadata gives their sha256);
- the Web Annotations, the Datasette metadata and, in an unzipped release, croissant.json: the JSON value, and no
  key given twice.

The fresh export is what this version of the code writes: validate a release's exports with the clone at its tag.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from scripts.contract import exports
from scripts.contract.problems import Problem, show
from scripts.contract.reader import BuiltPackage
from scripts.contract.descriptor import text_free
from scripts.exports import croissant
from scripts.exports.writer import BESIDE, IN_DIST, write_all

FTS_BINARY = ("_data", "_idx", "_docsize")  # an FTS5 table's shadow tables of index pages and token counts: read through fts5vocab instead
DIST_FIX = ("write the exports afresh from the package: `python -m scripts.exports --root <the folder above dist/>` "
            "(in a repository, `make build`)")
BESIDE_FIX = "unzip the release's exports zip into this folder again, replacing the files"
SHOWN = 90  # characters of a differing statement or value in a message


def compare(folder: Path, pkg: BuiltPackage, label: str, beside: bool, skip: set[str]) -> list[Problem]:
    """A problem for each export in folder that its client reads otherwise than a fresh export of pkg; skip holds
    the exports already reported cell by cell."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="exports-fresh-") as scratch:
        fresh = Path(scratch)
        write_all(pkg, fresh, BESIDE if beside else IN_DIST)
        if beside:  # an unzipped release: the exports zip's Croissant metadata too (its README.md is the package zip's
            # README or the dataset card, whichever unzip kept, and is not compared)
            exported = {rel: path.read_bytes() for rel, path in exports.present(fresh).items()}
            written = croissant.files(pkg.descriptor, {t.name: len(t.rows) for t in pkg.tables}, exported,
                                      exports.zip_name(pkg.descriptor, text_free(pkg.descriptor)))
            (fresh / croissant.CROISSANT).write_bytes(written[croissant.CROISSANT])
        for rel, path in exports.present(fresh).items():
            found = folder / rel
            if any(rel == r or rel.startswith(f"{r}/") for r in skip) or exports.not_plain(found):
                continue
            reader = _READERS[_kind(rel)]
            try:
                differs = reader(path, found)
            except Exception as error:  # noqa: BLE001 - each client raises its own kinds on a damaged file
                differs = f"its client cannot read it as a fresh export reads: {type(error).__name__}: {error}"
            if differs:
                problems.append(Problem(f"{label}/{rel}" if label else rel, None, "", "", "EXPORT_MISMATCH",
                                        f"differs from a fresh export of the package: {differs}", BESIDE_FIX if beside else DIST_FIX))
    return problems


def _kind(rel: str) -> str:
    if rel.endswith(".sqlite"):
        return "sqlite"
    if rel.endswith(".xlsx"):
        return "xlsx"
    if rel.endswith(".parquet"):
        return "parquet"
    return "json"


def _first(items: list) -> str:
    return show(items[0], SHOWN)


def _sqlite_read(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        fts = [name for (name,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING FTS5%' ORDER BY name")]
        binary = tuple(f'INSERT INTO "{name}{suffix}" ' for name in fts for suffix in FTS_BINARY)
        lines = [line for line in con.iterdump() if not line.startswith(binary)]
        shadows = tuple(f"{name}_" for name in fts)
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
            if name.startswith(shadows):
                continue
            try:  # the rowid each row has: a full-text index finds rows by it, and the dump leaves it out
                lines += [f"{name} row {row[0]} holds {row[1:]!r}" for row in
                          con.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()]
            except sqlite3.OperationalError:  # a table WITHOUT ROWID: its key is its rows' only address
                continue
        lines += [f"PRAGMA {p} = {con.execute(f'PRAGMA {p}').fetchone()[0]}" for p in ("user_version", "application_id")]
        for n, name in enumerate(fts):
            con.execute(f"CREATE VIRTUAL TABLE temp.vocab_{n} USING fts5vocab(main, '{name}', 'instance')")
            lines += [f"{name} indexes {term!r} in row {doc}, column {col}, at {offset}" for term, doc, col, offset in
                      con.execute(f"SELECT term, doc, col, offset FROM temp.vocab_{n} ORDER BY doc, col, offset, term")]
        return lines
    finally:
        con.close()


def _sqlite(fresh: Path, found: Path) -> str | None:
    want, got = _sqlite_read(fresh), _sqlite_read(found)
    if want == got:
        return None
    wanted, read = set(want), set(got)
    have, lack = [x for x in got if x not in wanted], [x for x in want if x not in read]
    said = []
    if have:
        said.append(f"sqlite3 reads {len(have)} entries a fresh export does not hold, first {_first(have)}")
    if lack:
        said.append(f"it lacks {len(lack)} a fresh export holds, first {_first(lack)}")
    return "; ".join(said) or "sqlite3 reads its rows in another order"


def _xlsx(fresh: Path, found: Path) -> str | None:
    with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(found) as b:
        want, got = sorted(a.namelist()), sorted(b.namelist())
        if want != got:
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            return (f"the workbook holds the part {show(extra[0])}, which a fresh export does not" if extra
                    else f"the workbook lacks the part {show(missing[0])}" if missing else "the workbook names a part twice")
        differ = [name for name in want if a.read(name) != b.read(name)]
        if not differ:
            return None
        sheets = _sheet_parts(a)
        differ.sort(key=lambda name: (name not in sheets, name.startswith("docProps/"), name))  # a sheet first
        first = differ[0]
        what = f" (sheet {sheets[first]})" if first in sheets else ""
        return (f"{len(differ)} part(s) of the workbook differ, first {show(first)}{what}: a spreadsheet shows or says "
                "something a fresh export does not")


def _sheet_parts(workbook: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet part of an xlsx, by its path in the zip, with the sheet's name."""
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    rels = ElementTree.fromstring(workbook.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "").lstrip("/") for r in rels}
    parts = {}
    for sheet in ElementTree.fromstring(workbook.read("xl/workbook.xml")).iter(f"{main}sheet"):
        path = target.get(sheet.get(rid), "")
        parts[path if path.startswith("xl/") else f"xl/{path}"] = sheet.get("name")
    return parts


def _parquet(fresh: Path, found: Path) -> str | None:
    import pyarrow.parquet as pq

    want, got = pq.read_table(fresh), pq.read_table(found)
    if not want.schema.equals(got.schema, check_metadata=True):
        for a, b in zip(want.schema, got.schema):
            if not a.equals(b, check_metadata=True):
                return f"pyarrow reads the column {a.name} as {_field(b)}, a fresh export as {_field(a)}"
        return "pyarrow reads another schema metadata (the pandas key, the package's resource or its columns)"
    if not want.equals(got):
        return "pyarrow reads other values"
    a, b = pq.ParquetFile(fresh).metadata, pq.ParquetFile(found).metadata
    if a.num_row_groups != b.num_row_groups:
        return f"it holds {b.num_row_groups} row groups, a fresh export {a.num_row_groups}"
    for group in range(a.num_row_groups):
        for column in range(a.num_columns):
            x, y = a.row_group(group).column(column), b.row_group(group).column(column)
            if (x.statistics and x.statistics.to_dict()) != (y.statistics and y.statistics.to_dict()):
                return (f"the statistics of column {x.path_in_schema} in row group {group} differ (readers such as DuckDB "
                        "skip rows by them, so a query misses rows the file holds)")
    if fresh.read_bytes() != found.read_bytes():  # the writer is pinned and steady: any other byte is another file
        return "its bytes differ from a fresh export's (its footer, page indexes or encodings), though pyarrow reads the same table"
    return None


def _field(field) -> str:
    meta = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
    return show(f"{field.type}{'' if field.nullable else ' not null'} {meta}")[:SHOWN]


class _Twice(ValueError):
    pass


def _pairs(pairs: list) -> dict:
    keys = [k for k, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise _Twice(key)
    return dict(pairs)


def _json(fresh: Path, found: Path) -> str | None:
    want = json.loads(fresh.read_text(encoding="utf-8"))
    try:
        got = json.loads(found.read_text(encoding="utf-8"), object_pairs_hook=_pairs)
    except _Twice as key:
        return f"it gives the key {show(str(key))} twice in one object, and JSON readers keep different ones"
    except RecursionError:
        return "it nests deeper than JSON readers go"
    where = _difference(want, got, "")
    return None if where is None else where


def _difference(want, got, at: str) -> str | None:
    """Where two JSON values first differ, as a path and both values."""
    if type(want) is not type(got):
        return f"at {at or 'the top'} it has {_value(got)}, a fresh export {_value(want)}"
    if isinstance(want, dict):
        for key in sorted(set(want) | set(got)):
            if key not in got:
                return f"{at or 'the top'} lacks the key {show(key)}"
            if key not in want:
                return f"{at or 'the top'} holds the key {show(key)}, which a fresh export does not"
            found = _difference(want[key], got[key], f"{at}.{key}" if at else key)
            if found:
                return found
        return None
    if isinstance(want, list):
        if len(want) != len(got):
            return f"{at or 'the top'} holds {len(got)} items, a fresh export {len(want)}"
        for n, (a, b) in enumerate(zip(want, got)):
            found = _difference(a, b, f"{at}[{n}]")
            if found:
                return found
        return None
    return None if want == got else f"at {at} it has {_value(got)}, a fresh export {_value(want)}"


def _value(value) -> str:
    if isinstance(value, str):
        return show(value, SHOWN)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


_READERS = {"sqlite": _sqlite, "xlsx": _xlsx, "parquet": _parquet, "json": _json}
