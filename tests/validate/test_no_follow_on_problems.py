"""A problem is reported once, where it is: a table that cannot be read row by row does not also come back as every
rule across tables failing, and a figure with unusable offsets is not also a number "in no figure"."""

import csv
import io
import re
import shutil

from scripts.validate.__main__ import main
from tests.helpers.corrupt import rehash, run_main
from tests.helpers.repo import REPO


def package(tmp_path):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root)
    return root


def codes(stderr: str) -> set[str]:
    return set(re.findall(r"\[([A-Z_]+)\]", stderr))


def test_a_table_with_a_byte_order_mark_gives_its_own_problems_only(tmp_path):
    root = package(tmp_path)
    path = root / "data" / "figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    rehash(root, "data/figures.csv")
    ran = run_main(main, str(root))
    assert ran.returncode == 1
    assert codes(ran.stderr) == {"BOM", "HEADER"}, ran.stderr
    assert "data/figures.csv could not be read as a table" in ran.stdout


def test_a_figure_with_a_bad_offset_is_not_also_a_number_in_no_figure(tmp_path):
    root = package(tmp_path)
    path = root / "data" / "figures.csv"
    header, first, *rest = path.read_text(encoding="utf-8").split("\n")
    cells = first.split(",")
    cells[header.split(",").index("start")] = "0" + cells[header.split(",").index("start")]  # a leading zero
    path.write_text("\n".join([header, ",".join(cells), *rest]), encoding="utf-8")
    rehash(root, "data/figures.csv")
    ran = run_main(main, str(root))
    assert ran.returncode == 1 and "[LEXICAL_FORM]" in ran.stderr
    assert "COVERAGE_DIGITS" not in ran.stderr, ran.stderr


def test_a_quote_with_an_impossible_end_holds_no_other_quote(tmp_path):
    root = package(tmp_path)
    path = root / "data" / "quotes.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    widest = max(rows[1:], key=lambda r: int(r[header.index("end")]) - int(r[header.index("start")]))
    widest[header.index("end")] = "9" * 23
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    rehash(root, "data/quotes.csv")
    ran = run_main(main, str(root))
    assert ran.returncode == 1 and "[SPAN_OFFSETS]" in ran.stderr
    assert "QUOTE_PARENT" not in ran.stderr, ran.stderr
