"""Cell rules no reader checks, on the rows of a built package: white space at an edge, text that readers take as
missing, spreadsheet formula triggers, mojibake, invisible and look-alike characters, canonical lexical forms and
allowed values."""

from __future__ import annotations

import functools
import re

import regex

from scripts.contract import lexical
from scripts.contract.encoding import confusable, invisible, may_hide
from scripts.contract.fields import TABLES, field_for
from scripts.contract.paths import MAX_CELL_CHARS
from scripts.contract.problems import Problem, show

_field = functools.cache(field_for)  # one lookup per column, not per cell

# Texts that a reader turns into a missing value by default: pandas read_csv's na_values (case-sensitive, so the
# category value `none` is safe), R's "NA", and a few spreadsheet habits.
MISSING_MARKERS = {"#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
                   "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "na", "Null", "-", "?"}
# Texts that Excel and LibreOffice read as an error value, whatever their case, when they open the CSV.
SPREADSHEET_ERRORS = {"#n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!", "#calc!", "#getting_data",
                      "#field!", "#blocked!", "#connect!", "#busy!", "#unknown!", "err:502", "err:504", "err:508", "err:522"}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Cells reviewed as verbatim text that merely begins with a formula trigger: (table, column, value).
FORMULA_ALLOW: set[tuple[str, str, str]] = set()
MOJIBAKE = regex.compile(r"[ÂÃâ][\u0080-\u00BF\u2018-\u201E\u2020-\u2022\u2026\u2030\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u02C6\u02DC\u2122"
                          r"\u20AC\u0192\u2013\u2014\u2039\u203A]")  # the rest of Windows-1252's 0x80-0x9F: € ƒ – — ‹ ›


def cells(pkg, problems: list[Problem]) -> None:
    """Cell rules no reader checks: edges, missing-value lookalikes, formulas, mojibake, invisibles, categories.
    Each column is screened as a whole first; only a column the screen cannot clear is checked cell by cell."""
    for name, table in TABLES.items():
        rows = pkg.table(name)
        found = pkg.resources.get(name)
        for column in found.columns if found is not None and found.is_table else table.columns:  # text-free: its own columns
            fld = _field(name, column)
            values = [row[column] for _, row in rows]
            if not _column_clear(name, column, fld, [v for v in values if v != ""]):
                _column_cells(name, table, column, fld, rows, problems)


EDGE = re.compile(r"(?m)^\s|\s$")  # white space (str.isspace, as str.strip sees it) at a line's edge
STARTS_FORMULA = re.compile(r"(?m)^[=+\-@\t\r]")


def _column_clear(name: str, column: str, fld, values: list[str]) -> bool:
    """True when no cell of the column can break a cell rule. A screen over the joined column: it may fail a clean
    column (then every cell is checked), never clear one with a fault, since each screen is implied by its rule."""
    if not values:
        return True
    if max(map(len, values)) > MAX_CELL_CHARS:
        return False
    lines = "\n".join(values)  # a fault at a cell's edge is at a line's edge here
    if EDGE.search(lines) or MISSING_MARKERS.intersection(values) or "#" in lines or "err:" in lines.casefold():
        return False
    if fld.type == "string" and STARTS_FORMULA.search(lines):
        return False
    spaced = " ".join(values)
    if not (spaced.isascii() and spaced.isprintable()) and (
            any(c in spaced for c in "ÂÃâ") and MOJIBAKE.search(spaced) or may_hide(spaced)):
        return False  # mojibake, invisible characters and confusable words need a non-ASCII or unprintable character
    if (fld.type in lexical.TYPES or fld.grammar) and any(lexical.check(fld.type, fld.grammar, v) for v in values):
        return False
    return not (fld.categories and not set(values) <= set(fld.enum))


def _column_cells(name: str, table, column: str, fld, rows, problems: list[Problem]) -> None:
    rel = f"data/{name}.csv"
    for line, row in rows:
        value = row[column]
        if value == "":
            continue
        key = f"{table.primary_key}={row.get(table.primary_key)}"
        bad = lambda code, message: problems.append(Problem(rel, line, key, column, code, message))
        if len(value) > MAX_CELL_CHARS:
            bad("CELL_TOO_LARGE", f"the cell holds {len(value):,} characters, above the cap of {MAX_CELL_CHARS:,}")
            continue
        if value != value.strip() or value.strip(" \u00a0\u2007\u202f\t") != value:
            bad("WHITESPACE_EDGE", f"{show(value)} begins or ends with white space")
        if value in MISSING_MARKERS:
            bad("MISSING_VALUE_COLLISION", f"{show(value)} is read as missing by pandas or R")
        elif value.casefold() in SPREADSHEET_ERRORS:
            bad("MISSING_VALUE_COLLISION", f"{show(value)} is read as an error value by Excel and LibreOffice")
        if value.startswith(FORMULA_TRIGGERS) and (name, column, value) not in FORMULA_ALLOW and fld.type == "string":
            bad("FORMULA_TRIGGER", f"{show(value)} begins with {show(value[0])}")
        if not value.isascii() and MOJIBAKE.search(value):  # the pattern starts with Â, Ã or â
            bad("MOJIBAKE", f"{show(value)} contains {show(MOJIBAKE.search(value).group())}, UTF-8 read as Windows-1252")
        hidden = invisible(value)
        if hidden:
            bad("CONTROL_CHARACTER", hidden)
        deceptive = confusable(value)
        if deceptive:
            bad("CONFUSABLE", deceptive)
        wrong = lexical.check(fld.type, fld.grammar, value)
        if wrong:
            bad("LEXICAL_FORM", wrong)
        if fld.categories and value not in fld.enum:
            bad("BAD_CATEGORY", f"{show(value)} is not one of the field's categories: {', '.join(fld.enum)}")
