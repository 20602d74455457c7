"""The typed exports (issue 12), each read back by its own client and compared with the CSVs.

The exports are written once per session into a temporary directory, from two packages: the repository's and the
second test article (emoji, accents, a combining character). The CSVs are read here with the standard library;
each client's values are turned back into CSV cells and must equal them, cell for cell.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from pyld import jsonld

from scripts.exports.dtypes import pandas_dtypes
from scripts.build.write import cell, write_files

from tests.helpers.repo import REPO, copy_fixture
from tests.helpers.shared import made_once
from tests.helpers.lazy import lazy

duckdb, openpyxl, pandas = lazy("duckdb"), lazy("openpyxl"), lazy("pandas")
pyarrow, pq = lazy("pyarrow"), lazy("pyarrow.parquet")
exporter = lazy("scripts.exports.__main__")  # it imports pyarrow

VENV_BIN = Path(sys.executable).parent
ANNO_CONTEXT = REPO / "tests" / "contexts" / "anno.jsonld"
OA = "http://www.w3.org/ns/oa#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
# A word of one known quote in each package, for the full-text search (the expected rows come from the CSV).
SEARCH = {"repository": "categorically", "second-article": "fiesta"}


@dataclass
class Exported:
    label: str
    root: Path  # the package: datapackage.json and data/
    base: Path  # the folder that holds dist/
    paths: dict[str, Path]
    descriptor: dict

    @property
    def tables(self) -> list[dict]:
        return [r for r in self.descriptor["resources"] if r.get("type") == "table"]

    def cells(self, name: str) -> list[list[str]]:
        with (self.root / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle, strict=True))


# the second article holds the cells exporters mangle (emoji, accents, a combining mark); the repository's package,
# what users download, runs in the full run
@pytest.fixture(scope="session", params=[pytest.param("repository", marks=pytest.mark.slow), "second-article"])
def exported(request, tmp_path_factory, second_files) -> Exported:
    """The exports of one package, written once per run (read-only)."""
    if request.param == "repository":
        if not (REPO / "datapackage.json").is_file():
            pytest.skip("the repository's package is not built yet (run `make build`)")
        root = REPO
        base = made_once(tmp_path_factory, "exports-repository", lambda folder: exporter.write_exports(REPO, folder / "dist"))
    else:
        def make(folder: Path) -> None:
            write_files(second_files, copy_fixture(folder))
            exporter.write_exports(folder, folder / "dist")
        root = base = made_once(tmp_path_factory, "exports-second", make)
    paths = {kind: base / "dist" / rel for kind, rel in exporter.export_paths(json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["name"]).items()}
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return Exported(request.param, root, base, paths, descriptor)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


@pytest.fixture(scope="session")
def datasette(exported):
    """A real Datasette server on a free loopback port, serving the SQLite export; stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [str(VENV_BIN / "datasette"), "serve", str(exported.paths["sqlite"]), "--metadata", str(exported.paths["datasette"]),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                pytest.fail(f"datasette exited with {process.returncode}: {process.stdout.read()}")
            try:
                _get_json(f"{url}/-/versions.json")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("datasette did not answer within 120 s")
                time.sleep(0.2)
        yield f"{url}/{exported.paths['sqlite'].stem}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


def as_cell(kind: str, value) -> str:
    """A client's value written as the CSV writes it; the value's type must be the one the schema implies."""
    if value is None:
        return ""
    if kind == "boolean":
        assert value in (0, 1) and not isinstance(value, float), value
        return "true" if value else "false"
    if kind == "integer":
        assert isinstance(value, int) and not isinstance(value, bool), f"{value!r} is not an integer"
        return str(value)
    if kind == "number":
        assert isinstance(value, (int, float, Decimal)) and not isinstance(value, bool), f"{value!r} is not a number"
        return cell(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    assert isinstance(value, str), f"{value!r} is not text"
    return value


def as_cells(resource: dict, rows) -> list[list[str]]:
    kinds = [f["type"] for f in resource["schema"]["fields"]]
    return [[as_cell(kind, value) for kind, value in zip(kinds, row, strict=True)] for row in rows]


def read_sqlite(path: Path, resource: dict) -> list[list[str]]:
    columns = ", ".join(f'"{f["name"]}"' for f in resource["schema"]["fields"])
    with sqlite3.connect(path) as con:
        rows = con.execute(f'SELECT {columns} FROM "{resource["name"]}" ORDER BY rowid').fetchall()
    return as_cells(resource, rows)


def read_xlsx(path: Path, resource: dict) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path)[resource["name"]]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [f["name"] for f in resource["schema"]["fields"]]
    return as_cells(resource, rows[1:])


def read_parquet(directory: Path, resource: dict) -> list[list[str]]:
    table = pq.read_table(directory / resource['name'] / "part-0.parquet")
    assert table.column_names == [f["name"] for f in resource["schema"]["fields"]]
    return as_cells(resource, [tuple(row.values()) for row in table.to_pylist()])


def read_datasette(url: str, resource: dict) -> list[list[str]]:
    rows = _get_json(f"{url}/{resource['name']}.json?_shape=array&_size=max")
    columns = [f["name"] for f in resource["schema"]["fields"]]
    return as_cells(resource, [[row[c] for c in columns] for row in rows])


def test_every_export_agrees_with_the_csvs(exported, datasette):
    """Row counts and every value agree across CSV, SQLite, xlsx, Parquet and what Datasette serves."""
    assert len(exported.tables) >= 10
    for resource in exported.tables:
        name = resource["name"]
        header, *expected = exported.cells(name)
        assert expected, f"{name} has no rows; the comparison would prove nothing"
        assert read_sqlite(exported.paths["sqlite"], resource) == expected, f"SQLite {name}"
        assert read_xlsx(exported.paths["xlsx"], resource) == expected, f"xlsx {name}"
        assert read_parquet(exported.paths["parquet"], resource) == expected, f"Parquet {name}"
        key = header.index(resource["schema"]["primaryKey"][0])
        served = read_datasette(datasette, resource)
        assert len(served) == len(expected), f"Datasette {name}"
        assert sorted(served, key=lambda row: row[key]) == sorted(expected, key=lambda row: row[key]), f"Datasette {name}"


def test_full_text_search_finds_a_known_quote(exported, datasette):
    word = SEARCH[exported.label]
    header, *rows = exported.cells("quotes")
    expected = sorted((dict(zip(header, row)) for row in rows if word in row[header.index("text")].lower()),
                      key=lambda row: row["quote_id"])
    assert expected, f"{word!r} should name a known quote"
    query = urllib.parse.urlencode({"_search": word, "_shape": "array"})
    found = sorted(_get_json(f"{datasette}/quotes.json?{query}"), key=lambda row: row["quote_id"])
    assert [row["quote_id"] for row in found] == [row["quote_id"] for row in expected]  # one per article that quotes it
    assert [(row["text"], row["speaker_id"]) for row in found] == [(row["text"], row["speaker_id"]) for row in expected]
    assert _get_json(f"{datasette}/quotes.json?_search=zzzqqqxxx&_shape=array") == []


def test_datasette_metadata_describes_every_column_and_the_licence_split(exported, datasette):
    meta = _get_json(f"{datasette.rsplit('/', 1)[0]}/-/metadata.json")
    tables = meta["databases"][exported.paths["sqlite"].stem]["tables"]
    for resource in exported.tables:
        assert tables[resource["name"]]["columns"] == {f["name"]: f["description"] for f in resource["schema"]["fields"]}
    assert meta["license"] == exported.descriptor["licenses"][0]["name"]
    text_licence = next(r for r in exported.descriptor["resources"] if r.get("type") != "table")["licenses"][0]
    assert tables["article_texts"]["license"] == text_licence["name"] != meta["license"]


def test_sqlite_keys_and_types_follow_the_schema(exported):
    with sqlite3.connect(exported.paths["sqlite"]) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for resource in exported.tables:
            name = resource["name"]
            info = {row[1]: row for row in con.execute(f'PRAGMA table_info("{name}")')}
            for f in resource["schema"]["fields"]:
                declared = info[f["name"]][2]
                assert declared == {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}[f["type"]]
                assert bool(info[f["name"]][3]) == f["constraints"]["required"], f"NOT NULL on {name}.{f['name']}"
            assert [c for c, row in info.items() if row[5]] == resource["schema"]["primaryKey"]
            declared_fks = sorted((row[3], row[2], row[4]) for row in con.execute(f'PRAGMA foreign_key_list("{name}")'))
            schema_fks = sorted((fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                                for fk in resource["schema"].get("foreignKeys", []))
            assert declared_fks == schema_fks, name
        codes = con.execute("SELECT DISTINCT typeof(cameo_code) FROM events").fetchall()
        assert codes == [("text",)]
        # Every span can be sliced from the article text in SQL (substr counts characters, from 1).
        for table in ("quotes", "facts", "mentions", "events", "sentences"):
            bad = con.execute(f'SELECT count(*) FROM "{table}" AS t JOIN article_texts AS a USING (article_id) '
                              f'WHERE substr(a.text, t.start + 1, t."end" - t.start) != t.text').fetchone()[0]
            assert bad == 0, table


def test_sqlite_views_join_names(exported):
    with sqlite3.connect(exported.paths["sqlite"]) as con:
        con.row_factory = sqlite3.Row
        quotes = con.execute("SELECT * FROM quotes_with_speakers").fetchall()
        facts = con.execute("SELECT * FROM facts_with_claimants").fetchall()
        events = con.execute("SELECT * FROM events_with_actors").fetchall()
    entities = {row[0]: row[1] for row in exported.cells("entities")[1:]}
    assert len(quotes) == len(exported.cells("quotes")) - 1
    assert all(q["speaker"] == entities.get(q["speaker_id"]) and q["quote"] in q["sentence"] for q in quotes)
    assert len(facts) == len(exported.cells("facts")) - 1
    assert all(f["claimant"] == (entities[f["claimant_id"]] if f["claimant_id"] else None) for f in facts)
    assert len(events) == len(exported.cells("events")) - 1
    assert all(e["actor"] == entities[e["actor_id"]] for e in events)


BAD_ROWS = [
    ("events", "plover_type", "NOT_A_TYPE"),  # not an allowed value
    ("quotes", "kind", "Direct"),  # allowed values are case-sensitive
    ("quotes", "start", "12"),  # an offset stored as text
    ("quotes", "start", -1),  # below the minimum
    ("quotes", "end", None),  # required
    ("quotes", "text", "x"),  # text length differs from end - start
    ("figures", "approximate", 2),  # a boolean is 0 or 1
]


@pytest.mark.parametrize("table, column, value", BAD_ROWS, ids=[f"{t}.{c}={v!r}" for t, c, v in BAD_ROWS])
def test_sqlite_constraints_reject_a_bad_row(exported, tmp_path, table, column, value):
    database = tmp_path / "copy.sqlite"
    shutil.copyfile(exported.paths["sqlite"], database)
    con = sqlite3.connect(database)
    try:
        con.row_factory = sqlite3.Row
        row = dict(con.execute(f'SELECT * FROM "{table}" ORDER BY rowid LIMIT 1').fetchone())
        con.row_factory = None
        [key] = next(r for r in exported.tables if r["name"] == table)["schema"]["primaryKey"]
        con.execute(f'DELETE FROM "{table}" WHERE "{key}" = ?', [row[key]])
        columns = ", ".join(f'"{c}"' for c in row)
        insert = f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" for _ in row)})'
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed|NOT NULL constraint failed"):
            con.execute(insert, list({**row, column: value}.values()))
        con.execute(insert, list(row.values()))  # the row itself goes back in: only the bad value was refused
    finally:
        con.close()


def test_sqlite_foreign_keys_refuse_a_dangling_reference(exported, tmp_path):
    database = tmp_path / "copy.sqlite"
    shutil.copyfile(exported.paths["sqlite"], database)
    con = sqlite3.connect(database)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute("UPDATE quotes SET speaker_id = 'nobody-at-all' WHERE rowid = 1")
    finally:
        con.close()


def test_xlsx_is_safe_to_double_click(exported):
    path = exported.paths["xlsx"]
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<(\w+:)?f[ >]", archive.read(n)) for n in sheets), "a cell holds a formula"
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["README"] + [r["name"] for r in exported.tables]
    readme = [[c for c in row if c is not None] for row in book["README"].iter_rows(values_only=True)]
    for resource in exported.tables:
        sheet = book[resource["name"]]
        assert sheet.freeze_panes == "A2", f"{resource['name']}: header row not frozen"
        fields = resource["schema"]["fields"]
        for f in fields:
            assert any(resource["name"] in row and f["name"] in row and f["description"] in row for row in readme)
        for row in sheet.iter_rows(min_row=2):
            for f, c in zip(fields, row, strict=True):
                assert c.data_type != "f"
                if c.value is None:
                    continue
                if f["type"] == "string":
                    assert c.data_type == "s" and c.number_format == "@", f"{resource['name']}.{f['name']} is not a text cell"
                if f["name"] in ("start", "end"):
                    assert type(c.value) is int and c.data_type == "n"
    codes = [c.value for c in book["events"]["H"][1:]]
    assert book["events"]["H1"].value == "cameo_code" and any(code.startswith("0") for code in codes)


def test_parquet_types_come_from_the_schema(exported):
    for resource in exported.tables:
        schema = pq.read_schema(exported.paths["parquet"] / resource['name'] / "part-0.parquet")
        for f in resource["schema"]["fields"]:
            arrow = schema.field(f["name"])
            constraints = f["constraints"]
            if "enum" in constraints:
                assert pyarrow.types.is_dictionary(arrow.type) and arrow.type.value_type == pyarrow.string()
            else:
                assert arrow.type == {"string": pyarrow.string(), "integer": pyarrow.int64(), "number": pyarrow.float64(),
                                      "boolean": pyarrow.bool_()}[f["type"]]
            assert arrow.nullable == (not constraints["required"])
            assert arrow.metadata[b"description"].decode("utf-8") == f["description"]
        for f in resource["schema"]["fields"]:
            if "enum" in f["constraints"]:
                column = pq.read_table(exported.paths["parquet"] / resource['name'] / "part-0.parquet", columns=[f["name"]]).column(0)
                assert column.combine_chunks().dictionary.to_pylist() == f["constraints"]["enum"]


def _docs_duckdb_query() -> str:
    page = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```sql\n(.*?)```", page, re.S) if "read_parquet" in b]
    assert len(blocks) == 1, "docs/exports.md should hold one DuckDB query over the Parquet files"
    return blocks[0]


def test_the_documented_duckdb_query_joins_quotes_to_speakers(exported, monkeypatch):
    monkeypatch.chdir(exported.base)  # the query's paths are relative to the folder that holds dist/
    with duckdb.connect() as con:
        relation = con.sql(_docs_duckdb_query())
        columns, rows = relation.columns, relation.fetchall()
    entities = {row[0]: row[1] for row in exported.cells("entities")[1:]}
    header, *quotes = exported.cells("quotes")
    quotes = [dict(zip(header, row)) for row in quotes]
    quotes.sort(key=lambda q: (q["article_id"], int(q["start"])))
    assert columns == ["quote_id", "speaker", "kind", "quote"]
    # a nominal attribution whose source the article does not name has no speaker: the LEFT JOIN keeps it
    assert rows == [(q["quote_id"], entities.get(q["speaker_id"]), q["kind"], q["text"]) for q in quotes]


def test_csv_on_the_web_metadata_validates(exported):
    metadata = exported.root / "data" / f"{exported.descriptor['name']}-csv-metadata.json"
    run = subprocess.run([str(VENV_BIN / "csvwvalidate"), "-v", str(metadata)], capture_output=True, text=True)  # default (strict) mode
    assert run.returncode == 0 and "OK" in run.stdout, run.stdout + run.stderr
    document = json.loads(metadata.read_text(encoding="utf-8"))
    assert document["null"] == ""
    tables = {t["url"]: t for t in document["tables"]}
    for resource in exported.tables:
        schema = tables[f"{resource['name']}.csv"]["tableSchema"]
        assert [c["name"] for c in schema["columns"]] == [f["name"] for f in resource["schema"]["fields"]]
        assert schema["primaryKey"] == resource["schema"]["primaryKey"]
        required = {f["name"] for f in resource["schema"]["fields"] if f["constraints"].get("required")}
        wanted = [fk for fk in resource["schema"].get("foreignKeys", []) if set(fk["fields"]) <= required]
        assert [fk["columnReference"] for fk in schema.get("foreignKeys", [])] == [fk["fields"] for fk in wanted]


def test_csv_on_the_web_catches_a_broken_cell_and_a_dangling_key(exported, tmp_path):
    """csvwvalidate fails on a copy with a code that breaks its pattern, and on one with a dangling reference."""
    for column, value in (("cameo_code", "4O"), ("actor_id", "nobody-at-all")):
        copy = tmp_path / column
        shutil.copytree(exported.root / "data", copy)
        header, *rows = exported.cells("events")
        rows[0][header.index(column)] = value
        with (copy / "events.csv").open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, *rows])
        metadata = copy / f"{exported.descriptor['name']}-csv-metadata.json"
        run = subprocess.run([str(VENV_BIN / "csvwvalidate"), str(metadata)], capture_output=True, text=True)
        assert run.returncode != 0, f"{column}={value!r} passed csvwvalidate"


def test_csv_on_the_web_reader_types_the_cells(exported):
    """The csvw library reads every table through the metadata; its typed values are the CSV's cells."""
    from csvw import TableGroup

    group = TableGroup.from_file(exported.root / "data" / f"{exported.descriptor['name']}-csv-metadata.json")
    for table in group.tables:
        name = str(table.url).removesuffix(".csv")
        resource = next(r for r in exported.tables if r["name"] == name)
        columns = [f["name"] for f in resource["schema"]["fields"]]
        rows = [[row[c] for c in columns] for row in table.iterdicts()]
        assert as_cells(resource, rows) == exported.cells(name)[1:], name


def _local_context(url, options=None):
    """The document loader: only the W3C Web Annotation context, from disk; anything else fails (no network)."""
    if url.rstrip("/") not in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"):
        raise AssertionError(f"the test would fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": json.loads(ANNO_CONTEXT.read_text(encoding="utf-8"))}


def _values(node: dict, key: str) -> list:
    return [v.get("@value", v.get("@id")) for v in node.get(key, [])]


def test_web_annotations_parse_as_json_ld_and_select_the_spans(exported):
    path = exported.paths["web_annotation"]
    document = json.loads(path.read_text(encoding="utf-8"))
    graph = jsonld.flatten(document, None, {"documentLoader": _local_context, "base": path.as_uri()})
    nodes = {n["@id"]: n for n in graph}
    annotations = [n for n in graph if OA + "Annotation" in n.get("@type", [])]
    span_tables = [r for r in exported.tables if {"start", "end", "text"} <= {f["name"] for f in r["schema"]["fields"]}]
    rows = {}
    for resource in span_tables:
        header, *cells = exported.cells(resource["name"])
        rows.update({(resource["name"], row[0]): dict(zip(header, row)) for row in cells})
    assert len(annotations) == len(rows) > 0
    articles = {row[0]: row[1] for row in exported.cells("articles")[1:]}
    seen = set()
    for annotation in annotations:
        bodies = [nodes[b["@id"]] for b in annotation[OA + "hasBody"]]
        by_purpose = {}
        for body in bodies:
            assert OA + "TextualBody" in body["@type"]
            by_purpose.setdefault(_values(body, OA + "hasPurpose")[0], []).extend(_values(body, RDF_VALUE))
        [row_id], [table] = by_purpose[OA + "identifying"], by_purpose[OA + "classifying"]
        row = rows[(table, row_id)]
        seen.add((table, row_id))
        [target] = [nodes[t["@id"]] for t in annotation[OA + "hasTarget"]]
        [source] = _values(target, OA + "hasSource")
        # The source is the article's path in the package, resolved against the folder that holds dist/.
        assert source == (exported.base / articles[row["article_id"]]).as_uri()
        article = (exported.root / articles[row["article_id"]]).read_text(encoding="utf-8")
        selectors = {nodes[s["@id"]]["@type"][0]: nodes[s["@id"]] for s in target[OA + "hasSelector"]}
        position, quote = selectors[OA + "TextPositionSelector"], selectors[OA + "TextQuoteSelector"]
        start, end = int(_values(position, OA + "start")[0]), int(_values(position, OA + "end")[0])
        assert (start, end) == (int(row["start"]), int(row["end"]))
        [exact] = _values(quote, OA + "exact")
        assert exact == article[start:end] == row["text"]
        prefix, suffix = _values(quote, OA + "prefix"), _values(quote, OA + "suffix")
        assert prefix == ([article[max(0, start - len(prefix[0])):start]] if start else [])
        assert suffix == ([article[end:end + len(suffix[0])]] if end < len(article) else [])
        assert all(p and s for p in prefix for s in suffix)
    assert seen == set(rows)


def test_the_pandas_dtype_map_reads_every_value(exported):
    for resource in exported.tables:
        path = exported.root / "data" / f"{resource['name']}.csv"
        frame = pandas.read_csv(path, dtype=pandas_dtypes(resource), keep_default_na=False, na_values=[""], encoding="utf-8")
        rows = [[None if pandas.isna(v) else v for v in row] for row in frame.astype(object).itertuples(index=False)]
        assert as_cells(resource, rows) == exported.cells(resource["name"])[1:], resource["name"]


def test_the_dtype_command_prints_the_map():
    run = subprocess.run([sys.executable, "-m", "scripts.exports.dtypes", "events"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "'cameo_code': 'string'" in run.stdout and "'start': 'Int64'" in run.stdout
    unknown = subprocess.run([sys.executable, "-m", "scripts.exports.dtypes", "nosuchtable"], cwd=REPO, capture_output=True, text=True)
    assert unknown.returncode == 2 and "no such table: nosuchtable" in unknown.stderr and "Traceback" not in unknown.stderr
