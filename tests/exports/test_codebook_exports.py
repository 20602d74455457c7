"""The codebooks in the exports, read with each client: SQLite refuses an event whose CAMEO code is not in
cameo_codes and its events view shows the CAMEO label; the workbook has both codebooks, with their codes as text and
their own licence stated."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.lazy import lazy
from tests.helpers.repo import REPO
from tests.helpers.shared import made_once

openpyxl = lazy("openpyxl")
exporter = lazy("scripts.exports.__main__")


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    if not (REPO / "datapackage.json").is_file():
        pytest.skip("the repository's package is not built yet (run `make build`)")
    base = made_once(tmp_path_factory, "exports-codebooks", lambda folder: exporter.write_exports(REPO, folder / "dist"))
    name = "sheinbaum-trump-call-facts"
    return {kind: base / "dist" / rel for kind, rel in exporter.export_paths(name).items()}


def rows(name: str) -> list[dict]:
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sqlite_enforces_the_cameo_foreign_key_and_labels_each_event(exports, tmp_path):
    database = tmp_path / "copy.sqlite"
    database.write_bytes(exports["sqlite"].read_bytes())
    con = sqlite3.connect(database)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        assert ("cameo_codes", "cameo_code", "code") in [(r[2], r[3], r[4]) for r in con.execute("PRAGMA foreign_key_list(events)")]
        assert con.execute("SELECT count(*), min(code) FROM cameo_codes").fetchone() == (316, "01")
        assert con.execute("SELECT typeof(code) FROM cameo_codes WHERE code = '010'").fetchone() == ("text",)
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
            con.execute("UPDATE events SET cameo_code = '099' WHERE rowid = (SELECT min(rowid) FROM events)")
        labels = {r["code"]: r["label"] for r in rows("cameo_codes")}
        view = con.execute("SELECT event_id, cameo_code, cameo_label FROM events_with_actors").fetchall()
        assert len(view) == len(rows("events")) and all(label == labels[code] for _, code, label in view)
    finally:
        con.close()


def test_the_workbook_has_the_codebooks_with_text_codes_and_their_licences(exports):
    book = openpyxl.load_workbook(exports["xlsx"], read_only=True)
    for name in ("cameo_codes", "plover_crosswalk"):
        sheet = list(book[name].iter_rows(values_only=True))
        expected = rows(name)
        assert list(sheet[0]) == list(expected[0])
        assert [r[0] for r in sheet[1:]] == [next(iter(r.values())) for r in expected]  # "010" as text, never 10
    readme = {r[0]: r[1] for r in book[book.sheetnames[0]].iter_rows(values_only=True) if r and r[0]}
    assert "NonCommercial-ShareAlike 3.0" in readme["Licence of the cameo_codes sheet"]
    assert "ShareAlike 4.0" in readme["Licence of the plover_crosswalk sheet"]
