"""A cell that looks like a number to one part of Python and not to another is a coded problem, never INTERNAL: an
offset of thousands of digits (int() refuses more than 4,300 by default), superscript digits (isdigit() says yes,
int() says no) and a signalling NaN (which cannot be compared)."""

import csv
import io
import shutil

import pytest

from scripts.contract.paths import MAX_CELL_CHARS
from scripts.validate.__main__ import main
from tests.helpers.corrupt import rehash, run_main
from tests.helpers.repo import REPO


def test_a_start_offset_of_5000_digits_is_a_problem_not_an_internal_error(tmp_path):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root)
    path = root / "data" / "figures.csv"
    header, first, *rest = path.read_text(encoding="utf-8").split("\n")
    cells = first.split(",")
    cells[header.split(",").index("start")] = "9" * 5000
    path.write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8")
    rehash(root, "data/figures.csv")
    ran = run_main(main, str(root))
    assert ran.returncode == 1, ran.stderr
    assert "[INTERNAL]" not in ran.stderr and "Traceback" not in ran.stderr
    assert "data/figures.csv:2" in ran.stderr and "[SPAN_OFFSETS]" in ran.stderr


def test_integers_as_long_as_a_cell_parse():
    assert int("9" * MAX_CELL_CHARS) > 0


def _set_cell(root, table, column, value):
    path = root / "data" / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column_index = rows[0].index(column)
    target = next(i for i, row in enumerate(rows[1:], 1) if row[column_index])  # the first row that fills the cell
    rows[target][column_index] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    rehash(root, f"data/{table}.csv")
    return target + 1


OTHER_TABLES = pytest.mark.slow  # the same two readings of a number in other tables: the full run


@pytest.mark.parametrize("table, column, value", [
    ("figures", "value", "sNaN"), ("figures", "start", "¹⁷⁰⁴"), pytest.param("sentences", "start", "¹²", marks=OTHER_TABLES),
    pytest.param("sentences", "sentence_id", "stc-s¹³", marks=OTHER_TABLES),
    pytest.param("primary_records", "characters", "⁵²⁴⁰²", marks=OTHER_TABLES),
    pytest.param("quotes", "cue_start", "¹⁰⁰", marks=OTHER_TABLES),
])
def test_a_number_python_reads_two_ways_is_a_problem_on_its_cell(tmp_path, table, column, value):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root)
    line = _set_cell(root, table, column, value)
    ran = run_main(main, str(root))
    assert ran.returncode == 1, ran.stderr
    assert "[INTERNAL]" not in ran.stderr and "Traceback" not in ran.stderr, ran.stderr
    assert f"data/{table}.csv:{line}" in ran.stderr and f"field={column}" in ran.stderr
