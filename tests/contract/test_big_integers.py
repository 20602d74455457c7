"""A cell as long as the cell cap may hold only digits: every check that reads it as a number gets a number, so
an offset of thousands of digits is a coded problem, never INTERNAL (Python's int() refuses more than 4,300 digits
by default)."""

import shutil

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
