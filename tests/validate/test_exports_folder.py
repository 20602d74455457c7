"""Exports in the contract (issue 19, item 4): an edited, stale, missing or extra export is a coded problem.

The second test article is built and exported once per run (dist/ beside its package, as `make build` writes it);
each case copies it, edits one export with the client a user would edit it with (sqlite3, openpyxl, pyarrow,
json), and reads what the validator says: the cell-for-cell comparison of an export folder
(`python -m scripts.validate dist/`), the record check of `make validate` in a repository and `make check`'s
comparison with a fresh export.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.contract import build_record
from scripts.contract.exports import RECORD
from scripts.validate.exports import compare

from tests.helpers.lazy import lazy
from tests.helpers.repo import REPO, copy_fixture
from tests.helpers.shared import made_once

exporter = lazy("scripts.exports.__main__")
openpyxl, pq = lazy("openpyxl"), lazy("pyarrow.parquet")


@pytest.fixture(scope="session")
def exported_once(tmp_path_factory, second_files) -> Path:
    """The second article's repository copy with its package and dist/ written (read-only)."""
    from scripts.build.write import write_files

    def make(folder: Path) -> None:
        write_files(second_files, copy_fixture(folder))
        exporter.write_exports(folder, folder / "dist")

    return made_once(tmp_path_factory, "exports-folder", make)


@pytest.fixture
def repo(tmp_path, exported_once) -> Path:
    """A fresh copy of it, to edit."""
    return Path(shutil.copytree(exported_once, tmp_path / "repo", symlinks=True))


def names(repo: Path) -> dict:
    d = json.loads((repo / "datapackage.json").read_text(encoding="utf-8"))
    return {"name": d["name"], "sqlite": repo / "dist" / f"{d['name']}.sqlite", "xlsx": repo / "dist" / f"{d['name']}.xlsx",
            "jsonld": repo / "dist" / f"{d['name']}-annotations.jsonld"}


def first_quote(repo: Path) -> tuple[str, str]:
    import csv

    with (repo / "data" / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    return row["quote_id"], row["speaker_id"]



def test_pristine_exports_validate(repo):
    assert compare(repo / "dist", repo, "dist") == []
    assert build_record.exports_check(repo) == ([], None)


def test_sqlite_speaker_changed(repo):
    quote_id, speaker = first_quote(repo)
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.execute("UPDATE quotes SET speaker_id = 'someone-else' WHERE quote_id = ?", (quote_id,))
    con.close()
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file, found.key, found.field) == ("EXPORT_MISMATCH", f"dist/{names(repo)['name']}.sqlite",
                                                                f"quote_id={quote_id}", "speaker_id")
    assert f'the export has "someone-else", data/quotes.csv has "{speaker}"' in found.message
    [edited] = build_record.exports_check(repo)[0]
    assert (edited.code, edited.file) == ("EXPORT_EDITED", f"dist/{names(repo)['name']}.sqlite")
    assert "make build" in str(edited)


@pytest.mark.slow  # EXPORT_MISMATCH through another export's reader; the SQLite case runs by default
def test_xlsx_cell_changed(repo):
    quote_id, speaker = first_quote(repo)
    path = names(repo)["xlsx"]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["quotes"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("quote_id")].value == quote_id)
    row[header.index("start")].value = 999999
    workbook.save(path)
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.key, found.field) == ("EXPORT_MISMATCH", f"quote_id={quote_id}", "start")
    assert found.file.endswith(".xlsx") and "the export has 999999" in found.message


@pytest.mark.slow
def test_xlsx_that_shows_another_value_than_it_holds(repo):
    """A custom number format displays 90 where the cell holds the figure's value, and a hidden row hides a quote:
    openpyxl reads the right values, a spreadsheet shows other ones."""
    path = names(repo)["xlsx"]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["figures"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("value") + 1).number_format = '[=50]"90";General'
    workbook["quotes"].row_dimensions[3].hidden = True
    workbook.save(path)
    found = compare(repo / "dist", repo, "dist")
    assert sorted((p.code, p.key, p.field) for p in found) == [("EXPORT_MISMATCH", "table=figures", "value"),
                                                               ("EXPORT_MISMATCH", "table=quotes", "")]
    assert any("number format" in p.message for p in found) and any("hides row 3" in p.message for p in found)


@pytest.mark.slow
def test_xlsx_cells_in_white_are_refused(repo):
    path = names(repo)["xlsx"]
    workbook = openpyxl.load_workbook(path)
    for row in workbook["entities"].iter_rows(min_row=2):
        for cell in row:
            cell.font = openpyxl.styles.Font(color="FFFFFFFF")
    workbook.save(path)
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.key) == ("EXPORT_MISMATCH", "table=entities") and "font colour FFFFFFFF" in found.message


@pytest.mark.slow
def test_xlsx_in_another_font_a_hidden_width_or_merged_cells_is_refused(repo):
    path = names(repo)["xlsx"]
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["quotes"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.font = openpyxl.styles.Font(name="Wingdings")
    sheet.column_dimensions["E"].width = 0.1
    workbook["entities"].merge_cells("B2:D2")
    workbook.save(path)
    said = " | ".join(p.message for p in compare(repo / "dist", repo, "dist"))
    for part in ("font Wingdings", "narrows column E", "merges cells (B2:D2)"):
        assert part in said, said


def test_sqlite_table_rebuilt_without_its_constraints(repo):
    """CREATE TABLE ... AS SELECT keeps every row and drops the key, NOT NULL, the foreign keys and the CHECKs."""
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.executescript('CREATE TABLE f2 AS SELECT * FROM figures; DROP TABLE figures; ALTER TABLE f2 RENAME TO figures;')
    con.close()
    found = compare(repo / "dist", repo, "dist")
    said = " | ".join(p.message for p in found)
    assert {p.key for p in found} == {"table=figures"}, said
    for part in ("primary key none", "accepts NULL, but it is required", "lost its foreign key to facts.fact_id",
                 "lost the CHECK of its allowed values"):
        assert part in said, part


def test_sqlite_full_text_index_emptied(repo):
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        word = con.execute("SELECT text FROM quotes LIMIT 1").fetchone()[0].split()[1].strip("“”,.")
        search = f"SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH '\"{word}\"'"
        assert con.execute(search).fetchone()[0] > 0
        con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('delete-all')")
        assert con.execute(search).fetchone() == (0,)
    con.close()
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.key, found.code) == ("table=quotes", "EXPORT_MISMATCH") and "search misses rows" in found.message


def test_datasette_metadata_with_another_licence(repo):
    path = repo / "dist" / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["license"] = "CC0-1.0"
    path.write_text(json.dumps(meta), encoding="utf-8")
    [found] = compare(repo / "dist", repo, "dist")
    assert found.key == "key=license" and 'the metadata gives the license "CC0-1.0"' in found.message


def test_datasette_columns_given_as_a_list_is_unreadable_not_internal(repo):
    path = repo / "dist" / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["databases"][names(repo)["name"]]["tables"]["quotes"]["columns"] = ["quote_id"]
    path.write_text(json.dumps(meta), encoding="utf-8")
    assert [p.code for p in compare(repo / "dist", repo, "dist")] == ["EXPORT_UNREADABLE"]


def test_web_annotations_of_tables_named_by_a_number_are_reported_not_internal(repo):
    path = names(repo)["jsonld"]
    doc = json.loads(path.read_text(encoding="utf-8"))
    items = doc["first"]["items"]
    for value in (5, "foo"):
        body = [dict(b, value=value) if b.get("purpose") == "classifying" else b for b in items[0]["body"]]
        items.append(dict(items[0], id=f"urn:x:{value}", body=body))
    path.write_text(json.dumps(doc), encoding="utf-8")
    found = compare(repo / "dist", repo, "dist")
    assert found and all(p.code in ("EXPORT_MISMATCH", "EXPORT_UNREADABLE") for p in found), [str(p) for p in found]


@pytest.mark.slow
def test_a_workbook_with_a_broken_merge_range_is_unreadable_not_internal(repo):
    import zipfile as zf

    path = names(repo)["xlsx"]
    with zf.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = "xl/worksheets/sheet3.xml"
    parts[sheet] = parts[sheet].replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="ZZZ"/></mergeCells>', 1)
    with zf.ZipFile(path, "w", zf.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    found = compare(repo / "dist", repo, "dist")
    assert found and "INTERNAL" not in {p.code for p in found}, [str(p) for p in found]


def test_datasette_metadata_that_hides_a_table_or_adds_a_query(repo):
    path = repo / "dist" / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    database = meta["databases"][names(repo)["name"]]
    database["queries"] = {"figures": {"sql": "select 'approximately 90%' as text, 90 as value"}}
    database["tables"]["quotes"]["hidden"] = True
    path.write_text(json.dumps(meta), encoding="utf-8")
    found = compare(repo / "dist", repo, "dist")
    assert sorted((p.code, p.key) for p in found) == [("EXPORT_MISMATCH", "key=hidden"), ("EXPORT_MISMATCH", "key=queries")]
    assert all(p.file == "dist/metadata.json" for p in found)


@pytest.mark.slow  # EXPORT_MISMATCH through another export's reader; the SQLite case runs by default
def test_parquet_cell_changed(repo):
    import pyarrow as pa

    quote_id, speaker = first_quote(repo)
    path = repo / "dist" / "parquet" / "quotes" / "part-0.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    for row in rows:
        if row["quote_id"] == quote_id:
            row["speaker_id"] = "someone-else"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file, found.key, found.field) == ("EXPORT_MISMATCH", "dist/parquet/quotes", f"quote_id={quote_id}", "speaker_id")
    assert f'"someone-else", data/quotes.csv has "{speaker}"' in found.message


@pytest.mark.slow  # EXPORT_MISMATCH through another export's reader; the SQLite case runs by default
def test_web_annotation_value_changed(repo):
    quote_id, speaker = first_quote(repo)
    path = names(repo)["jsonld"]
    document = json.loads(path.read_text(encoding="utf-8"))
    for item in document["first"]["items"]:
        if {"purpose": "identifying", "value": quote_id} in [{k: b[k] for k in ("purpose", "value")} for b in item["body"]]:
            for body in item["body"]:
                if body["value"] == f"speaker_id={speaker}":
                    body["value"] = "speaker_id=someone-else"
    path.write_text(json.dumps(document), encoding="utf-8")
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.key, found.field) == ("EXPORT_MISMATCH", f"quote_id={quote_id}", "speaker_id")
    assert found.file.endswith("-annotations.jsonld")
    assert f'tags speaker_id="someone-else", data/quotes.csv has "{speaker}"' in found.message


def test_export_deleted(repo):
    names(repo)["xlsx"].unlink()
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file) == ("EXPORT_MISSING", f"dist/{names(repo)['name']}.xlsx")
    [missing] = build_record.exports_check(repo)[0]
    assert (missing.code, missing.file) == ("EXPORT_MISSING", f"dist/{names(repo)['name']}.xlsx")


def test_extra_parquet_file(repo):
    folder = repo / "dist" / "parquet" / "quotes"
    shutil.copy(folder / "part-0.parquet", folder / "part-1.parquet")
    found = compare(repo / "dist", repo, "dist")
    extra = [p for p in found if p.code == "EXPORT_EXTRA"]
    assert [p.file for p in extra] == ["dist/parquet/quotes/part-1.parquet"]
    assert any(p.code == "EXPORT_MISMATCH" and "twice" in p.message for p in found)  # what a dataset reader now sees
    assert [p.code for p in build_record.exports_check(repo)[0]] == ["EXPORT_EXTRA"]


def test_stale_exports_after_the_package_changed(repo):
    descriptor = repo / "datapackage.json"
    descriptor.write_bytes(descriptor.read_bytes() + b"\n")  # another package than the one the exports came from
    problems, _ = build_record.exports_check(repo)
    assert problems and {p.code for p in problems} == {"EXPORT_STALE"}
    assert f"dist/{names(repo)['name']}.sqlite" in {p.file for p in problems}


def test_fresh_clone_without_dist_is_a_notice(repo):
    shutil.rmtree(repo / "dist")
    problems, said = build_record.exports_check(repo)
    assert problems == [] and "make build" in said


def test_the_record_lists_every_file_of_dist(repo):
    listed = json.loads((repo / "build-record.json").read_text(encoding="utf-8"))["exports"]
    on_disk = sorted(p.relative_to(repo).as_posix() for p in (repo / "dist").rglob("*") if p.is_file())
    assert sorted(listed) == on_disk and f"dist/{RECORD}" in listed


def test_exports_keep_release_zips(repo):
    """`make build` (its exports step) replaces dist/ but leaves what `make release` wrote there."""
    zipped, sums, stray = repo / "dist" / "pkg-1.0.0.zip", repo / "dist" / "SHA256SUMS", repo / "dist" / "old.sqlite"
    zipped.write_bytes(b"PK release")
    sums.write_text("abc  pkg-1.0.0.zip\n", encoding="utf-8")
    stray.write_bytes(b"left over")
    exporter.write_exports(repo, repo / "dist")
    assert zipped.read_bytes() == b"PK release" and sums.read_text(encoding="utf-8") == "abc  pkg-1.0.0.zip\n"
    assert not stray.exists()
    assert build_record.exports_check(repo) == ([], None)  # the release outputs are neither exports nor extra


def test_make_check_compares_with_a_fresh_export(repo, capsys):
    assert exporter.main(["--root", str(repo), "--check"]) == 0
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.execute("UPDATE quotes SET speaker_id = 'someone-else' WHERE rowid = 1")
    con.close()
    assert exporter.main(["--root", str(repo), "--check"]) == 1
    assert f"dist/{names(repo)['name']}.sqlite [EXPORT_EDITED]" in capsys.readouterr().err


@pytest.mark.slow
def test_validator_cli_on_an_edited_dist(repo):
    """From the user's side: `python -m scripts.validate dist/` exits 1 and names the cell."""
    quote_id, speaker = first_quote(repo)
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.execute("UPDATE quotes SET speaker_id = 'someone-else' WHERE quote_id = ?", (quote_id,))
    con.close()
    result = subprocess.run([sys.executable, "-m", "scripts.validate", str(repo / "dist")], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"quote_id={quote_id} field=speaker_id [EXPORT_MISMATCH]" in result.stderr
    assert "[EXPORT_EDITED]" in result.stderr and "Traceback" not in result.stderr


def test_exports_without_their_package(tmp_path, exported_once, capsys):
    """An exports folder with no package beside it is a coded problem (exit 1), not a crash."""
    alone = Path(shutil.copytree(exported_once / "dist", tmp_path / "alone" / "exports"))
    from scripts.validate.__main__ import main

    assert main([str(alone)]) == 1
    assert f"{alone} [EXPORT_WITHOUT_PACKAGE]" in capsys.readouterr().err


def test_damaged_export_is_unreadable_not_internal(repo):
    path = names(repo)["sqlite"]
    path.write_bytes(b"not a database" * 100)
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file) == ("EXPORT_UNREADABLE", f"dist/{names(repo)['name']}.sqlite")
    assert "sqlite3 cannot read it" in found.message


def test_a_full_text_index_rebuilt_from_other_words_is_caught_whole(repo):
    """Every row keeps its cells and the index its row count, but a search for the quote's words finds nothing: only
    the comparison with a fresh export, read through fts5vocab, sees it."""
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        rowid, text = con.execute("SELECT rowid, text FROM quotes ORDER BY rowid LIMIT 1").fetchone()
        con.execute("INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES('delete', ?, ?)", (rowid, text))
        con.execute("INSERT INTO quotes_fts(rowid, text) VALUES(?, 'zzyzx')", (rowid,))
    con.close()
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file) == ("EXPORT_MISMATCH", f"dist/{names(repo)['name']}.sqlite")
    assert "differs from a fresh export" in found.message and "quotes_fts indexes 'zzyzx'" in found.message
    assert "python -m scripts.exports --root" in found.fix


def _view(repo):
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.execute("CREATE VIEW quotes_by_speaker AS SELECT 'someone-else' AS speaker_id, text FROM quotes")
    con.close()
    return names(repo)["sqlite"], "CREATE VIEW quotes_by_speaker"


def _parquet_descriptions(repo):
    path = repo / "dist" / "parquet" / "quotes" / "part-0.parquet"
    table = pq.read_table(path)
    pq.write_table(table.replace_schema_metadata({}), path)
    return path, "schema metadata"


def _parquet_nullability(repo):
    import pyarrow as pa

    path = repo / "dist" / "parquet" / "quotes" / "part-0.parquet"
    table = pq.read_table(path)
    schema = pa.schema([f.with_nullable(True) for f in table.schema], metadata=table.schema.metadata)
    pq.write_table(table.cast(schema), path)
    return path, "column quote_id"


def _rowids_shifted(repo):
    """Each quote moves to the next rowid, in the same order: every cell and the dump's rows stay, but the
    full-text index now finds each quote's neighbour."""
    with sqlite3.connect(names(repo)["sqlite"]) as con:
        con.execute("UPDATE quotes SET rowid = rowid + 1000")
        con.execute("UPDATE quotes SET rowid = rowid - 999")
    con.close()
    return names(repo)["sqlite"], "quotes row 2 holds"


def _parquet_statistics(repo):
    """The footer's maximum quote_id lowered in place: pyarrow reads every row, DuckDB skips the row group."""
    import csv

    path = repo / "dist" / "parquet" / "quotes" / "part-0.parquet"
    with (repo / "data" / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        ids = sorted(row["quote_id"] for row in csv.DictReader(handle))
    data = bytearray(path.read_bytes())
    at = data.rfind(ids[-1].encode())
    data[at:at + len(ids[-1])] = (ids[-1][:-1] + chr(ord(ids[-1][-1]) - 1)).encode()  # sf-q02 -> sf-q01
    path.write_bytes(bytes(data))
    return path, "statistics of column quote_id"


def _frozen_pane(repo):
    workbook = openpyxl.load_workbook(names(repo)["xlsx"])
    workbook["quotes"].freeze_panes = None
    workbook.save(names(repo)["xlsx"])
    return names(repo)["xlsx"], "(sheet quotes)"


def _readme_sheet(repo):
    workbook = openpyxl.load_workbook(names(repo)["xlsx"])
    workbook["README"]["A1"] = "These figures are estimates of our own."
    workbook.save(names(repo)["xlsx"])
    return names(repo)["xlsx"], "(sheet README)"


def _annotation(edit):
    def case(repo):
        path = names(repo)["jsonld"]
        document = json.loads(path.read_text(encoding="utf-8"))
        item = next(i for i in document["first"]["items"] if any("prefix" in s for s in i["target"]["selector"]))
        found = edit(item)
        path.write_text(json.dumps(document), encoding="utf-8")
        return path, found
    return case


def _prefix(item):
    next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")["prefix"] = "Not said: "
    return 'it has "Not said: "'


def _source(item):
    item["target"]["source"] = "https://elsewhere.example/article.txt"
    return "target.source it has"


def _selector_twice(item):
    item["target"]["selector"].append(item["target"]["selector"][0])
    return "target.selector holds 3 items, a fresh export 2"


def _datasette_title(repo):
    path = repo / "dist" / "metadata.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["title"] = "Cartel figures, verified"
    path.write_text(json.dumps(meta), encoding="utf-8")
    return path, 'at title it has "Cartel figures, verified"'


def _key_twice(repo):
    path = repo / "dist" / "metadata.json"
    path.write_text(path.read_text(encoding="utf-8").replace('{\n  "title"', '{\n  "title": "Other",\n  "title"', 1), encoding="utf-8")
    return path, 'the key "title" twice'


@pytest.mark.slow  # EXPORT_MISMATCH through the whole comparison; the full-text case runs by default
@pytest.mark.parametrize("edit", [_view, _rowids_shifted, _parquet_statistics, _parquet_descriptions, _parquet_nullability, _frozen_pane, _readme_sheet,
                                  _annotation(_prefix), _annotation(_source), _annotation(_selector_twice),
                                  _datasette_title, _key_twice],
                         ids=["sqlite-view", "sqlite-rowids", "parquet-statistics", "parquet-metadata", "parquet-nullability", "xlsx-frozen-pane",
                              "xlsx-readme-sheet", "annotation-prefix", "annotation-source", "annotation-selector-twice",
                              "datasette-title", "json-key-twice"])
def test_what_no_cell_shows_is_compared_whole_with_a_fresh_export(repo, edit):
    path, said = edit(repo)
    [found] = compare(repo / "dist", repo, "dist")
    assert (found.code, found.file) == ("EXPORT_MISMATCH", path.relative_to(repo).as_posix())
    assert "differs from a fresh export of the package" in found.message and said in found.message, found.message


@pytest.mark.slow  # EXPORT_UNREADABLE runs by default (a damaged SQLite file); this one starts the validator twice
@pytest.mark.parametrize("target", ["fifo", "file-outside"])
def test_an_export_that_is_a_link_or_a_pipe_is_refused_without_reading_it(repo, tmp_path, target):
    """Reading a pipe never ends and a link leads out of the folder: both are named, neither is opened. The
    validator runs as a user runs it, in its own process, which must end."""
    import os

    elsewhere = tmp_path / "elsewhere"
    if target == "fifo":
        os.mkfifo(elsewhere)
    else:
        shutil.copy(repo / "dist" / "metadata.json", elsewhere)
    (repo / "dist" / "metadata.json").unlink()
    (repo / "dist" / "metadata.json").symlink_to(elsewhere)
    result = subprocess.run([sys.executable, "-m", "scripts.validate", str(repo / "dist")], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{repo / 'dist' / 'metadata.json'} [EXPORT_UNREADABLE] is a symbolic link" in result.stderr
    assert "dist/metadata.json [EXPORT_UNREADABLE]" in "\n".join(map(str, build_record.exports_check(repo)[0]))


def test_exports_out_that_is_a_file_or_a_folder_of_other_files_is_refused_untouched(repo, capsys):
    """`--out` is replaced whole: a file, or a folder holding files the exports step did not write, would be lost."""
    readme, docs = repo / "README.md", repo / "docs"
    readme.write_text("# my notes\n", encoding="utf-8")
    before = readme.read_bytes()
    assert exporter.main(["--root", str(repo), "--out", str(readme)]) == 2
    assert f"--out {readme} is a file, not a folder. Fix: name a new or empty folder" in capsys.readouterr().err
    assert readme.read_bytes() == before
    docs.mkdir(exist_ok=True)
    (docs / "notes.md").write_text("mine\n", encoding="utf-8")
    assert exporter.main(["--root", str(repo), "--out", str(docs)]) == 2
    assert "holds notes.md, which the exports step did not write" in capsys.readouterr().err
    assert (docs / "notes.md").read_text(encoding="utf-8") == "mine\n"
    assert exporter.main(["--root", str(repo), "--out", str(repo / "dist")]) == 0  # an export folder is replaced


def test_json_nested_past_any_readers_depth_is_a_coded_problem_not_internal(repo, capsys):
    """json.loads gives up with a RecursionError at a depth of about a thousand: an export is then unreadable, the
    descriptor not JSON, and neither ends in INTERNAL."""
    from scripts.validate.__main__ import main

    (repo / "dist" / "metadata.json").write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    found = compare(repo / "dist", repo, "dist")
    assert [(p.code, p.file) for p in found] == [("EXPORT_UNREADABLE", "dist/metadata.json")]
    descriptor = repo / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").rstrip()[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                          encoding="utf-8")
    assert main([str(repo / "dist")]) == 1
    err = capsys.readouterr().err
    assert "[DESCRIPTOR_JSON]" in err and "INTERNAL" not in err and "Traceback" not in err
