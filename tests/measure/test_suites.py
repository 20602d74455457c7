"""`make bench` reads pytest's own last line for the totals it prints on docs/performance.md, in both of the forms
pytest writes it (with `=` borders, and bare under -q, which the bench uses)."""

import pytest

from scripts.measure.suites import TOTALS


@pytest.mark.parametrize("stdout, totals", [
    ("....\n723 passed, 1 skipped in 80.12s (0:01:20)\n", "723 passed, 1 skipped in 80.12s (0:01:20)"),
    ("F...\n=========== 1 failed, 700 passed, 164 warnings in 60.50s (0:01:00) ===========\n",
     "1 failed, 700 passed, 164 warnings in 60.50s (0:01:00)"),
])
def test_the_totals_line_is_read_in_both_forms(stdout, totals):
    assert TOTALS.findall(stdout)[-1] == totals


def test_a_run_with_no_totals_line_gives_none():
    assert TOTALS.findall("ERROR: usage: pytest [options]\n") == []
