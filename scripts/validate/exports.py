"""Validate a folder of exports: read each back with its own client and compare it cell for cell with the package.

An export folder is dist/ (the package is the folder above it: the repository, or any built package with its
dist/) or a folder that holds a package and its exports together (the package zip and its exports zip unzipped
into one folder, as the exports zip's README says). The exports are compared with that package's CSVs, read by the
contract's reader; the package itself is validated as any package is (scripts/validate/repository.py).

Each export is read by the client a user would use: the SQLite file with sqlite3 (every table, and the article
texts, and each table's key, NOT NULL, foreign keys, unique keys, CHECKs of allowed values and full-text index), the
workbook with openpyxl (every sheet but README, and what a spreadsheet would show: number formats, hidden rows,
columns and sheets, conditional formats, font colours and fills), each Parquet folder with pyarrow (every file in
it, as a dataset reader sees it), the Web Annotations with json (each span row's ID, table, offsets, quoted text and
coded columns), the Datasette metadata with json (each column's description, and no key the exporter does not write:
no canned query, hidden table or facet, and each page's licence the package's). Every difference is a problem naming
the export, the table, the row key, the column and both values (EXPORT_MISMATCH); a missing export is
EXPORT_MISSING, a file no exporter writes EXPORT_EXTRA, an export its client cannot read EXPORT_UNREADABLE. Last,
each export with no such problem is compared whole with a fresh export of the package (scripts/validate/exports_whole.py),
which catches what no list of cells and styles names.
"""

from __future__ import annotations

import json
import math
import sqlite3
from decimal import Decimal
from pathlib import Path

from scripts.contract import csvw, exports
from scripts.contract.paths import BUILD_NOTES, RELEASE_DOCUMENTS
from scripts.contract.problems import Problem, show
from scripts.contract.reader import BuiltPackage, PackageError, open_package
from scripts.exports import croissant
from scripts.validate import exports_whole

TEXTS_TABLE = "article_texts"  # the SQLite export's table of article texts (scripts/exports/sqlite.py)
EXPORT_SUFFIXES = (".sqlite", ".xlsx", "-annotations.jsonld")


def is_export_folder(folder: Path) -> bool:
    """folder holds something the exports step writes."""
    if not folder.is_dir():
        return False
    return ((folder / exports.PARQUET).is_dir() or (folder / exports.RECORD).is_file()
            or any(p.is_file() and p.name.endswith(EXPORT_SUFFIXES) for p in folder.iterdir()))


def package_of(folder: Path) -> Path | None:
    """The package the exports in folder belong to: the folder itself (package and exports unzipped together), or
    the folder above it (dist/)."""
    for candidate in (folder, folder.parent):
        if (candidate / "datapackage.json").is_file():
            return candidate
    return None


class _Report:
    def __init__(self, label: str):
        self.label, self.problems = label, []

    def add(self, rel: str, code: str, message: str, key: str = "", field: str = "", fix: str = "") -> None:
        self.problems.append(Problem(f"{self.label}/{rel}" if self.label else rel, None, key, field, code, message, fix))


def compare(folder: Path, package_root: Path, label: str) -> list[Problem]:
    """Every difference between the exports in folder and the package at package_root, as problems named
    `label/<export>`."""
    out = _Report(label)
    try:
        pkg = open_package(package_root, texts=True)
    except PackageError:
        return []  # the package's own validation says what is wrong with it
    if not pkg.tables:
        return []
    paths = exports.export_paths(pkg.name)
    own = not (folder / "datapackage.json").is_file()  # dist/: every file in it is the exports step's
    expected = set(exports.files(pkg.name, [t.name for t in pkg.tables]))
    found = exports.present(folder)
    for rel in sorted(expected - {exports.RECORD}):
        if rel not in found:
            out.add(rel, "EXPORT_MISSING", "is not in the folder, though the other exports are")
    for rel, path in found.items():
        why = exports.not_plain(path)
        if why:
            out.add(rel, "EXPORT_UNREADABLE", why)
    if own:
        for rel in found:
            if rel not in expected:
                out.add(rel, "EXPORT_EXTRA", "is not a file the exports step writes, yet a reader of the folder finds it")
    else:
        _only_the_two_zips(found, pkg, expected, out)
    _sqlite(folder / paths["sqlite"], paths["sqlite"], pkg, out)
    _xlsx(folder / paths["xlsx"], paths["xlsx"], pkg, out)
    for table in pkg.tables:
        _parquet(folder / exports.PARQUET / table.name, f"{exports.PARQUET}/{table.name}", table, out)
    _annotations(folder / paths["web_annotation"], paths["web_annotation"], pkg, out)
    _datasette(folder / paths["datasette"], paths["datasette"], pkg, out)
    reported = {p.file[len(label) + 1:] if label else p.file for p in out.problems}
    return out.problems + exports_whole.compare(folder, pkg, label, beside=not own, skip=reported)


def _only_the_two_zips(found: dict[str, Path], pkg: BuiltPackage, expected: set[str], out: _Report) -> None:
    """A folder holding a package zip and its exports zip unzipped together holds what the two zips hold (and the
    user's own copy of an article, at the path articles.csv gives): any other file, such as a README.md inside
    data/, reads as part of the release to whoever opens the folder."""
    declared = {r["path"] for r in pkg.descriptor.get("resources", []) if isinstance(r.get("path"), str)}
    try:
        articles = {row.get("path", "") for row in pkg.resource("articles").rows}
    except KeyError:  # no articles table: the package's own validation says so
        articles = set()
    allowed = (declared | articles | (expected - {exports.RECORD}) | {"datapackage.json", csvw.path(pkg.descriptor), *RELEASE_DOCUMENTS,
               *BUILD_NOTES, croissant.CROISSANT, croissant.CARD})
    for rel in found:
        if rel not in allowed:
            out.add(rel, "EXPORT_EXTRA", "is in the folder, but neither the package zip nor its exports zip holds it: "
                    "whoever opens the folder reads it as part of the release",
                    fix="remove it, or unzip both zips of the release into a new, empty folder")


# --- values -------------------------------------------------------------------------------------------------------

_BAD = object()


def _norm(kind: str, value):
    """A client's value in the package's terms (None, bool, int, float, str), or _BAD when its type is not the
    schema's (a code that became a number, a number that became text)."""
    if value is None or value == "":  # the CSV's empty cell: missing, whatever the client calls it
        return None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        return bool(value) if isinstance(value, int) and value in (0, 1) else _BAD
    if kind == "integer":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if isinstance(value, int) and not isinstance(value, bool) else _BAD
    if kind == "number":
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return float(value)
        return _BAD
    return value if isinstance(value, str) else _BAD


def _same(kind: str, expected, got) -> bool:
    a, b = _norm(kind, expected), _norm(kind, got)
    if a is _BAD or b is _BAD:
        return False
    if kind == "number" and a is not None and b is not None:
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)
    return a == b and type(a) is type(b)


def _shown(value) -> str:
    return "empty" if value is None else show(value) if isinstance(value, str) else repr(value)


def _key(table, row: dict) -> str:
    return ",".join(f"{c}={row.get(c)}" for c in table.primary_key)


def _rows(rel: str, table, columns: list[str], rows: list[tuple], out: _Report, what: str) -> None:
    """Compare a client's header and rows with the table's CSV: by primary key, then column by column."""
    expected_columns = table.columns
    if columns != expected_columns:
        out.add(rel, "EXPORT_MISMATCH", f"{what} {table.name} has the columns {columns}, data/{table.name}.csv has {expected_columns}",
                key=f"table={table.name}")
        return
    kinds = {f["name"]: f["type"] for f in table.fields}
    expected = {tuple(str(v) for v in (dict(zip(table.columns, r))[c] for c in table.primary_key)): dict(zip(table.columns, r))
                for r in table.typed}
    got: dict[tuple, dict] = {}
    for row in rows:
        record = dict(zip(columns, row))
        key = tuple(str(_plain(kinds[c], record[c])) for c in table.primary_key)
        if key in got:
            out.add(rel, "EXPORT_MISMATCH", f"{what} {table.name} holds the row {_key(table, record)} twice", key=_key(table, record))
        got[key] = record
    for key, record in expected.items():
        if key not in got:
            out.add(rel, "EXPORT_MISMATCH", f"{what} {table.name} has no row {_key(table, record)}, which data/{table.name}.csv has",
                    key=_key(table, record))
            continue
        for column in columns:
            if not _same(kinds[column], record[column], got[key][column]):
                out.add(rel, "EXPORT_MISMATCH", f"{what} {table.name}, row {_key(table, record)}: the export has "
                        f"{_shown(got[key][column])}, data/{table.name}.csv has {_shown(record[column])}",
                        key=_key(table, record), field=column)
    for key, record in got.items():
        if key not in expected:
            out.add(rel, "EXPORT_MISMATCH", f"{what} {table.name} has a row {_key(table, record)} that data/{table.name}.csv does not have",
                    key=_key(table, record))


def _plain(kind: str, value):
    """A key cell as str() of the package's typed value would write it."""
    norm = _norm(kind, value)
    if kind == "number" and isinstance(norm, float):
        return Decimal(repr(norm))
    return norm


# --- clients --------------------------------------------------------------------------------------------------------

def _sqlite(path: Path, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    if exports.not_plain(path):  # missing, or reported as no plain file
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in pkg.tables:
                if table.name not in names:
                    out.add(rel, "EXPORT_MISMATCH", f"has no table {table.name}", key=f"table={table.name}")
                    continue
                cursor = con.execute(f'SELECT * FROM "{table.name}"')
                _rows(rel, table, [d[0] for d in cursor.description], cursor.fetchall(), out, "table")
            if pkg.texts:
                if TEXTS_TABLE not in names:
                    out.add(rel, "EXPORT_MISMATCH", f"has no table {TEXTS_TABLE}", key=f"table={TEXTS_TABLE}")
                else:
                    held = dict(con.execute(f"SELECT article_id, text FROM {TEXTS_TABLE}").fetchall())
                    for article_id, text in pkg.texts.items():
                        if held.get(article_id) != text:
                            out.add(rel, "EXPORT_MISMATCH", f"table {TEXTS_TABLE}: the text of {article_id} differs from the article's file",
                                    key=f"article_id={article_id}", field="text")
            elif TEXTS_TABLE in names:
                out.add(rel, "EXPORT_MISMATCH", f"holds a table {TEXTS_TABLE}, but the package is the text-free variant",
                        key=f"table={TEXTS_TABLE}")
            _sqlite_schema(con, rel, pkg, names, out)
        finally:
            con.close()
    except sqlite3.Error as error:
        out.add(rel, "EXPORT_UNREADABLE", f"sqlite3 cannot read it: {error}")


def _looks_other(cell) -> str | None:
    """How a cell's style would hide or change its value on screen: a font colour, a fill, strike-through, a tiny
    or raised font (the exporter writes the default black 11-point font, bold in the header)."""
    font, color = cell.font, cell.font.color
    if font.name not in (None, exports.XLSX_FONT):
        return f"is set in the font {font.name}"
    if color is not None and not (color.type == "theme" and color.theme == 1 and not color.tint):
        return f"has the font colour {color.rgb if color.type == 'rgb' else color.type}"
    if cell.fill is not None and cell.fill.fill_type is not None:
        return "has a fill"
    if font.strike or font.vertAlign or font.sz not in (None, 11):
        return "has a struck, raised or resized font"
    return None


def _sqlite_schema(con, rel: str, pkg: BuiltPackage, names: set[str], out: _Report) -> None:
    """What docs/exports.md promises of each table besides its rows: the primary key, NOT NULL on required
    columns, the foreign keys, unique keys and CHECK constraints, and a full-text index that holds every row."""
    for table in pkg.tables:
        if table.name not in names:
            continue
        key = f"table={table.name}"
        info = con.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        primary = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        if primary != list(table.primary_key):
            out.add(rel, "EXPORT_MISMATCH", f"table {table.name} has the primary key {primary or 'none'}, not "
                    f"{list(table.primary_key)}", key=key)
        nullable = {row[1] for row in info if not row[3]}
        for f in table.fields:
            if f.get("constraints", {}).get("required") and f["name"] in nullable:
                out.add(rel, "EXPORT_MISMATCH", f"column {table.name}.{f['name']} accepts NULL, but it is required", key=key, field=f["name"])
        held = {(row[3], row[2], row[4]) for row in con.execute(f'PRAGMA foreign_key_list("{table.name}")').fetchall()}
        for fields, resource, others in table.foreign_keys:
            for column, other in zip(fields, others):
                if (column, resource, other) not in held:
                    out.add(rel, "EXPORT_MISMATCH", f"column {table.name}.{column} lost its foreign key to {resource}.{other}",
                            key=key, field=column)
        unique = [tuple(r[2] for r in con.execute(f'PRAGMA index_info("{index[1]}")').fetchall())
                  for index in con.execute(f'PRAGMA index_list("{table.name}")').fetchall() if index[2]]
        for columns in table.unique_keys:
            if tuple(columns) not in unique:
                out.add(rel, "EXPORT_MISMATCH", f"table {table.name} lost its unique key {list(columns)}", key=key)
        sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table.name,)).fetchone()[0] or ""
        for f in table.fields:
            if "enum" in f.get("constraints", {}) and f'"{f["name"]}" IN (' not in sql:
                out.add(rel, "EXPORT_MISMATCH", f"column {table.name}.{f['name']} lost the CHECK of its allowed values",
                        key=key, field=f["name"])
        indexed = exports.FULL_TEXT.get(table.name)
        if indexed and any(c in table.columns for c in indexed):
            try:
                count = con.execute(f'SELECT count(*) FROM "{table.name}_fts_docsize"').fetchone()[0]
            except sqlite3.Error:
                count = None
            if count != len(table.rows):
                out.add(rel, "EXPORT_MISMATCH", f"the full-text index {table.name}_fts holds "
                        f"{'no table' if count is None else f'{count} of the {len(table.rows)} rows'}: a search misses rows",
                        key=key)


def _xlsx(path: Path, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    if exports.not_plain(path):  # missing, or reported as no plain file
        return
    import openpyxl

    try:  # one full read serves both the values and what a spreadsheet would show of them
        workbook = openpyxl.load_workbook(path)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file; each is the file's fault
        out.add(rel, "EXPORT_UNREADABLE", f"openpyxl cannot read it: {type(error).__name__}: {error}")
        return
    try:
        _xlsx_rows(workbook, rel, pkg, out)
        _xlsx_shown_as_read(workbook, rel, pkg, out)
    except Exception as error:  # noqa: BLE001 - a damaged sheet part raises many kinds; each is the file's fault
        out.add(rel, "EXPORT_UNREADABLE", f"openpyxl cannot read its sheets: {type(error).__name__}: {error}")
    finally:
        workbook.close()


def _xlsx_rows(workbook, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    """Each sheet read back row by row and compared with its table."""
    for table in pkg.tables:
        sheet = table.name[:31]
        if sheet not in workbook.sheetnames:
            out.add(rel, "EXPORT_MISMATCH", f"has no sheet {sheet}", key=f"table={table.name}")
            continue
        rows = [row for row in workbook[sheet].iter_rows(values_only=True) if any(v is not None for v in row)]
        header = [v for v in (rows[0] if rows else ()) if v is not None]
        width = len(header)
        body = [tuple(row[:width]) + (None,) * (width - len(row)) for row in rows[1:]]
        extra = [row for row in rows[1:] if any(v is not None for v in row[width:])]
        if extra:
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} has cells right of its last column", key=f"table={table.name}")
        _rows(rel, table, header, body, out, "sheet")


def _xlsx_shown_as_read(workbook, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    """What a spreadsheet shows is what openpyxl reads: every cell in its column type's number format (a custom
    format such as `[=50]"90"` displays another value), no hidden sheet, row or column, no conditional format."""
    for table in pkg.tables:
        sheet = table.name[:31]
        if sheet not in workbook.sheetnames:
            continue
        ws = workbook[sheet]
        key = f"table={table.name}"
        if ws.sheet_state != "visible":
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} is {ws.sheet_state}", key=key)
        hidden = [f"row {n}" for n, d in ws.row_dimensions.items() if d.hidden] + \
                 [f"column {c}" for c, d in ws.column_dimensions.items() if d.hidden]
        if hidden:
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} hides {', '.join(sorted(hidden)[:5])}", key=key)
        if len(ws.conditional_formatting):
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} has conditional formatting, which changes what is shown", key=key)
        if ws.merged_cells.ranges:
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} merges cells ({sorted(r.coord for r in ws.merged_cells.ranges)[0]}), which hides "
                    "all but the first", key=key)
        narrow = [c for c, d in ws.column_dimensions.items() if d.width is not None and d.customWidth and d.width < exports.XLSX_WIDTH[0]]
        if narrow:
            out.add(rel, "EXPORT_MISMATCH", f"sheet {sheet} narrows column {narrow[0]} below {exports.XLSX_WIDTH[0]} "
                    "characters, which hides its cells", key=key)
        wanted = ["@"] + [exports.XLSX_NUMBER_FORMATS.get(f["type"], "@") for f in table.fields]
        styled = False
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.column > len(table.fields):
                    continue
                look = _looks_other(cell)
                if look and not styled:
                    styled = True
                    out.add(rel, "EXPORT_MISMATCH", f"cell {cell.coordinate} of sheet {sheet} {look}: a spreadsheet "
                            "may not show what it holds", key=key, field=table.fields[cell.column - 1]["name"])
                expected = "@" if cell.row == 1 else wanted[cell.column]
                if cell.number_format != expected:
                    column = table.fields[cell.column - 1]["name"]
                    out.add(rel, "EXPORT_MISMATCH", f"cell {cell.coordinate} of sheet {sheet} has the number format "
                            f"{_shown(cell.number_format)}, not {_shown(expected)}: it may show another value than it holds",
                            key=key, field=column)
                    return


def _parquet(folder: Path, rel: str, table, out: _Report) -> None:
    if not folder.is_dir() or folder.is_symlink() or any(exports.not_plain(p) for p in folder.rglob("*") if not p.is_dir()):
        return  # missing, or holding what a dataset reader must not open (reported above)
    import pyarrow.parquet as pq

    try:
        data = pq.read_table(folder)  # every file of the folder, as a dataset reader sees it
    except Exception as error:  # noqa: BLE001 - pyarrow raises ArrowInvalid, OSError … on a damaged file
        out.add(rel, "EXPORT_UNREADABLE", f"pyarrow cannot read it: {type(error).__name__}: {error}")
        return
    columns = data.column_names
    _rows(rel, table, columns, [tuple(r[c] for c in columns) for r in data.to_pylist()], out, "Parquet table")


def _annotations(path: Path, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    if exports.not_plain(path):  # missing, or reported as no plain file
        return
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        items = document["first"]["items"]
        if not isinstance(items, list):
            raise TypeError("first.items is not a list")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as error:
        out.add(rel, "EXPORT_UNREADABLE", f"is not a Web Annotation collection json can read: {type(error).__name__}: {error}")
        return
    read: dict[tuple[str, str], dict] = {}
    for index, item in enumerate(items):
        try:
            bodies = item["body"]
            purpose = lambda p: [b["value"] for b in bodies if b.get("purpose") == p]  # noqa: E731
            table, row_id = purpose("classifying")[0], purpose("identifying")[0]
            tags = dict(tag.split("=", 1) for tag in purpose("tagging"))
            selectors = {s["type"]: s for s in item["target"]["selector"]}
            position = selectors["TextPositionSelector"]
            read[(table, row_id)] = {"start": position["start"], "end": position["end"], "tags": tags,
                                     "exact": selectors.get("TextQuoteSelector", {}).get("exact")}
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            out.add(rel, "EXPORT_UNREADABLE", f"annotation {index} has no table, ID or position ({type(error).__name__}: {error})",
                    key=f"item={index}")
    if document.get("total") != len(items):
        out.add(rel, "EXPORT_MISMATCH", f"total says {document.get('total')!r}, the collection holds {len(items)} annotations", field="total")
    wanted = set()
    for table in exports.span_tables(pkg.tables):
        coded = exports.coded_columns(table)
        key_column = table.primary_key[0]
        for cells in table.rows:
            row_id = cells[key_column]
            wanted.add((table.name, row_id))
            where = f"{key_column}={row_id}"
            got = read.get((table.name, row_id))
            if got is None:
                out.add(rel, "EXPORT_MISMATCH", f"has no annotation of {table.name} row {where}", key=where)
                continue
            for column in ("start", "end"):
                if str(got[column]) != cells[column] or isinstance(got[column], bool):
                    out.add(rel, "EXPORT_MISMATCH", f"{table.name}, row {where}: the annotation's TextPositionSelector has {column} "
                            f"{got[column]!r}, data/{table.name}.csv has {cells[column]}", key=where, field=column)
            if "text" in cells and got["exact"] != cells["text"]:
                out.add(rel, "EXPORT_MISMATCH", f"{table.name}, row {where}: the annotation quotes {_shown(got['exact'])}, "
                        f"data/{table.name}.csv has {_shown(cells['text'])}", key=where, field="text")
            for column in sorted(set(coded) | set(got["tags"])):
                value, expected = got["tags"].get(column, ""), cells.get(column, "")
                if value != expected or column not in coded:
                    out.add(rel, "EXPORT_MISMATCH", f"{table.name}, row {where}: the annotation tags {column}={_shown(value or None)}, "
                            f"data/{table.name}.csv has {_shown(expected or None)}", key=where, field=column)
    for table, row_id in sorted(set(read) - wanted, key=str):
        out.add(rel, "EXPORT_MISMATCH", f"annotates {table} row {row_id}, which the package does not have", key=f"id={row_id}")


def _datasette(path: Path, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    if exports.not_plain(path):  # missing, or reported as no plain file
        return
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        tables = meta["databases"][pkg.name]["tables"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as error:
        out.add(rel, "EXPORT_UNREADABLE", f"is not Datasette metadata for {pkg.name}.sqlite: {type(error).__name__}: {error}")
        return
    if not isinstance(meta, dict) or not isinstance(tables, dict) or not all(
            isinstance(t, dict) and isinstance(t.get("columns", {}), dict) for t in tables.values()):
        out.add(rel, "EXPORT_UNREADABLE", f"is not Datasette metadata for {pkg.name}.sqlite: its tables and their columns "
                "must be mappings")
        return
    _datasette_keys(meta, rel, pkg, out)
    _datasette_licences(meta, tables, rel, pkg, out)
    for table in pkg.tables:
        described = (tables.get(table.name) or {}).get("columns") or {}
        for f in table.fields:
            if described.get(f["name"]) != f["description"]:
                out.add(rel, "EXPORT_MISMATCH", f"the description of {table.name}.{f['name']} is {_shown(described.get(f['name']))}, "
                        f"datapackage.json gives {_shown(f['description'])}", key=f"table={table.name}", field=f["name"])


def _datasette_keys(meta: dict, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    """Only the keys the exporter writes: a canned query, a hidden table or a facet changes what Datasette shows."""
    def extra(found, level: str, where: str) -> None:
        for key in sorted(set(found) - exports.DATASETTE_KEYS[level]) if isinstance(found, dict) else ():
            out.add(rel, "EXPORT_MISMATCH", f"{where} holds the key {_shown(key)}, which no exporter writes: it changes "
                    "what Datasette shows or runs", key=f"key={key}")

    extra(meta, "top", "the metadata")
    databases = meta.get("databases") or {}
    for name in sorted(set(databases) - {pkg.name}):
        out.add(rel, "EXPORT_MISMATCH", f"describes a database {_shown(name)}, not {pkg.name}", key=f"database={name}")
    database = databases.get(pkg.name) if isinstance(databases, dict) else None
    database = database if isinstance(database, dict) else {}
    extra(database, "database", f"database {pkg.name}")
    for name, table in sorted((database.get("tables") or {}).items()):
        extra(table, "table", f"table {name}")


def _datasette_licences(meta: dict, tables: dict, rel: str, pkg: BuiltPackage, out: _Report) -> None:
    """The licence Datasette shows on each page is the package's: the tables' own, and the article text's on
    article_texts (not the tables' open licence)."""
    d = pkg.descriptor
    wanted = {"the metadata": (meta, d["licenses"][0])}
    for table in pkg.tables:
        wanted[f"table {table.name}"] = (tables.get(table.name) or {}, table.descriptor.get("licenses", d["licenses"])[0])
    texts = pkg.text_resources()
    if texts and TEXTS_TABLE in tables:
        wanted[f"table {TEXTS_TABLE}"] = (tables[TEXTS_TABLE], texts[0]["licenses"][0])
    for where, (found, licence) in wanted.items():
        expected = exports.datasette_licence(licence)
        for name in ("license", "license_url"):
            if found.get(name) != expected.get(name):
                out.add(rel, "EXPORT_MISMATCH", f"{where} gives the {name} {_shown(found.get(name))}, datapackage.json "
                        f"{_shown(expected.get(name))}", key=f"key={name}")
