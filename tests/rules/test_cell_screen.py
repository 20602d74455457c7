"""The column screen of the cell rules may send a clean column to the cell-by-cell check, but never clears a column
that holds a faulty cell: for any cells, a cleared column is one where the cell-by-cell check finds nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.rules import cells as rules
from scripts.contract.fields import TABLES, field_for

# Characters that trip a rule alone or in company: edges, no-break spaces, controls, a zero-width joiner between
# emoji (allowed) or not (hidden), a variation selector, Cyrillic and Greek look-alikes, mojibake lead bytes,
# formula triggers, combining marks, Braille, a line separator.
TRICKY = list(" \t\n\r\u00a0\u2007\u202f\u200b\u200d\ufe0f\u2028\x1f\x85аеοΑÂÃâ€™=+-@\u0301\u2800\ufffd\ue000\ufffeＮ𝐍") + ["👩", "🏻", "’", "“", "é"]
TEXT = st.text(alphabet=st.sampled_from(TRICKY + list("abcSheinbum019 .,")), max_size=12)
COLUMNS = [(name, column) for name, table in TABLES.items() for column in table.columns]


def faults(name: str, column: str, values: list[str]) -> list:
    table = TABLES[name]
    rows = [(line, {c: (value if c == column else "") for c in table.columns}) for line, value in enumerate(values, start=2)]
    found: list = []
    rules._column_cells(name, table, column, field_for(name, column), rows, found)
    return found


@settings(max_examples=50 * settings().max_examples, deadline=None)  # a pure function: many examples are cheap
@given(st.sampled_from(COLUMNS), st.lists(TEXT, min_size=1, max_size=5))
def test_a_cleared_column_has_no_faulty_cell(place, values):
    name, column = place
    present = [v for v in values if v != ""]
    if rules._column_clear(name, column, field_for(name, column), present):
        assert faults(name, column, values) == [], f"the screen cleared {name}.{column} = {values!r}"


def test_the_screen_sends_each_kind_of_fault_to_the_cell_check():
    for name, column, clean, faulty in [("quotes", "text", "fine", "ends with a space "), ("quotes", "text", "fine", "N/A"),
                                        ("quotes", "text", "fine", "=cmd()"), ("quotes", "text", "fine", "CafÃ©"),
                                        ("quotes", "text", "fine", "zero\u200bwidth"), ("quotes", "text", "fine", "Sheinbаum"),
                                        ("quotes", "start", "12", "07"), ("quotes", "kind", "direct", "shouted"),
                                        ("entities", "wikidata_note", "fine", "lost \ufffd byte"),
                                        ("entities", "wikidata_note", "fine", "private \ue000 use"),
                                        ("entities", "wikidata_note", "fine", "non\ufffecharacter"),
                                        ("entities", "name", "Nicolas", "Ｎｉｃｏｌａｓ"), ("entities", "name", "Nicolas", "𝐍𝐢𝐜𝐨𝐥𝐚𝐬")]:
        assert faults(name, column, [clean]) == [], clean
        assert not rules._column_clear(name, column, field_for(name, column), [clean, faulty]), faulty
        assert faults(name, column, [clean, faulty]), faulty
