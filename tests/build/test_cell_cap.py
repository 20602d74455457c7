"""One stated cell cap (MAX_CELL_CHARS): the build refuses a longer value with its own code, file and line, and a
cell up to the cap is read by every reader with its default settings."""

from __future__ import annotations

import csv
import subprocess
import sys

from scripts.contract.paths import MAX_CELL_CHARS
from tests.helpers.corrupt import Y, build_cli
from tests.helpers.lazy import lazy
from tests.helpers.repo import copy_fixture

pd = lazy("pandas")
duckdb = lazy("duckdb")

NOTE = 'note: "A note with \\"straight quotes\\"'


def test_a_nine_megabyte_note_is_refused_at_its_line_not_as_internal(tmp_path):
    root = copy_fixture(tmp_path / "second")
    path = root / Y
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(NOTE)].count("\n") + 1
    path.write_text(text.replace(NOTE, 'note: "' + "x" * (9 * 1024 * 1024) + ' and', 1), encoding="utf-8")
    ran = build_cli(root)
    assert ran.returncode == 1, ran.stderr[:2000]
    assert f"{Y}:{line}" in ran.stderr and "[CELL_TOO_LARGE]" in ran.stderr, ran.stderr[:2000]
    assert "INTERNAL" not in ran.stderr and "Traceback" not in ran.stderr


def test_a_cell_at_the_cap_is_read_by_readers_with_default_settings(tmp_path):
    path = tmp_path / "wide.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([["id", "note"], ["a", "é" * MAX_CELL_CHARS]])
    read = "import csv,sys; rows=list(csv.reader(open(sys.argv[1], encoding='utf-8'))); print(len(rows[1][1]))"
    fresh = subprocess.run([sys.executable, "-c", read, str(path)], capture_output=True, text=True)
    assert fresh.stdout.strip() == str(MAX_CELL_CHARS), fresh.stderr
    assert len(pd.read_csv(path, dtype=str).note[0]) == MAX_CELL_CHARS
    assert duckdb.sql(f"select length(note) from read_csv('{path}', all_varchar=true)").fetchall()[0][0] == MAX_CELL_CHARS
