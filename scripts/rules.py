"""Project rules on the rows of a package: every rule frictionless does not check.

Cells in canonical form and clean text; article files matching their checksums; spans verbatim, trimmed, on
grapheme boundaries and inside their sentence; sentences tiling paragraphs; unique keys; figure values; roles
holding entities of an accepted type; TIMEX3 values fitting their type; figure units and bounds; mention referents.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

import regex

from scripts import lexical
from scripts.encoding import confusable, invisible, may_hide
from scripts.fields import SPAN_TABLES, TABLES, field_for
from scripts.problems import Problem, first_difference, show
from scripts.segment import paragraphs
from scripts.spans import grapheme_boundaries
from scripts.tables import numbers_in

# Texts that a reader turns into a missing value by default: pandas read_csv's na_values (case-sensitive, so the
# category value `none` is safe), R's "NA", and a few spreadsheet habits.
MISSING_MARKERS = {"#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",
                   "NA", "NULL", "NaN", "None", "n/a", "nan", "null", "na", "Null", "-", "?"}
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
        for column in table.columns:
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
    lines = "\n".join(values)  # a fault at a cell's edge is at a line's edge here
    if EDGE.search(lines) or MISSING_MARKERS.intersection(values):
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
        if value != value.strip() or value.strip(" \u00a0\u2007\u202f\t") != value:
            bad("WHITESPACE_EDGE", f"{show(value)} begins or ends with white space")
        if value in MISSING_MARKERS:
            bad("MISSING_VALUE_COLLISION", f"{show(value)} is read as missing by pandas or R")
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


def articles(pkg, problems: list[Problem]) -> None:
    """The article files exist and match their recorded checksum and length."""
    for line, row in pkg.table("articles"):
        key = f"article_id={row['article_id']}"
        path = pkg.paths.get(row["path"])
        if path is None:
            fix = (f"this is the text-free variant: put your own copy of the article at {row['path']}; its sha256 must be "
                   f"{row['sha256']} (README.md shows how to check it)") if pkg.text_free else ""
            problems.append(Problem("data/articles.csv", line, key, "path", "ARTICLE_MISSING", f"no article text at {row['path']}", fix))
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            problems.append(Problem("data/articles.csv", line, key, "sha256", "ARTICLE_HASH",
                                    f"{row['path']} has sha256 {hashlib.sha256(data).hexdigest()[:12]}…, the table records {row['sha256'][:12]}…"))
        if str(len(text)) != row["characters"] or str(len(data)) != row["bytes"]:
            problems.append(Problem("data/articles.csv", line, key, "characters", "ARTICLE_HASH",
                                    f"{row['path']} has {len(text)} characters and {len(data)} bytes, the table records {row['characters']} and {row['bytes']}"))
        if "\r" in text:
            problems.append(Problem(row["path"], None, key, "", "ARTICLE_TEXT", f"character {text.index(chr(13))} is a carriage return"))
        pkg.texts[row["article_id"]] = text


_int = lexical.as_int
_field = functools.cache(field_for)  # one lookup per column, not per cell


def spans(pkg, problems: list[Problem]) -> None:
    """Every span is verbatim, sane, trimmed, on grapheme boundaries and inside its sentence."""
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    # article by article (the order of problems does not matter, validate orders them), so each article's grapheme
    # boundaries are computed once rather than once per table
    rows = sorted(((row["article_id"], name, line, row) for name in SPAN_TABLES for line, row in pkg.table(name)),
                  key=lambda item: item[0])
    for _, name, line, row in rows:
        rel = f"data/{name}.csv"
        pk = TABLES[name].primary_key
        key = f"{pk}={row[pk]}"
        article = pkg.texts.get(row["article_id"])
        start, end = _int(row["start"]), _int(row["end"])
        if article is None or start is None or end is None:
            continue
        if not 0 <= start < end <= len(article):
            problems.append(Problem(rel, line, key, "end", "SPAN_OFFSETS", f"offsets {start}:{end} are not within 0 <= start < end <= {len(article)}"))
            continue
        actual = article[start:end]
        if actual != row["text"]:
            problems.append(Problem(rel, line, key, "text", "SPAN_TEXT_MISMATCH",
                                    f"article[{start}:{end}]={show(actual)} != text={show(row['text'])}; {first_difference(actual, row['text'])}"))
            continue
        if actual != actual.strip():
            problems.append(Problem(rel, line, key, "text", "SPAN_EDGE_WHITESPACE", f"{show(actual)} has white space at its edge"))
        bounds = grapheme_boundaries(article)
        if start not in bounds or end not in bounds:
            problems.append(Problem(rel, line, key, "start", "SPAN_SPLITS_GRAPHEME", f"{start}:{end} cuts a grapheme cluster"))
        if name != "sentences":
            sentence = sentences.get(row["sentence_id"])
            bounds_of = (_int(sentence["start"]), _int(sentence["end"])) if sentence else (None, None)
            if None not in bounds_of and not (bounds_of[0] <= start and end <= bounds_of[1]):
                problems.append(Problem(rel, line, key, "sentence_id", "SPAN_OUTSIDE_SENTENCE",
                                        f"{start}:{end} is not inside {row['sentence_id']} ({sentence['start']}:{sentence['end']})"))


def sentence_tiling(pkg, problems: list[Problem]) -> None:
    """Sentences cover each paragraph exactly: no gap but white space, no overlap, none across a line break."""
    by_article = defaultdict(list)
    for line, row in pkg.table("sentences"):
        if _int(row["start"]) is not None and _int(row["end"]) is not None:  # other rules report the bad offsets
            by_article[row["article_id"]].append((_int(row["start"]), _int(row["end"]), line, row))
    for article_id, rows in by_article.items():
        article = pkg.texts.get(article_id)
        if article is None:
            continue
        rows.sort(key=lambda r: (r[0], r[1]))
        paras = paragraphs(article)
        for number, (p_start, p_end) in enumerate(paras, start=1):
            inside = [r for r in rows if r[3]["paragraph"] == str(number)]
            at = p_start
            for start, end, line, row in inside:
                gap = article[at:start]
                if start < at or gap.strip() or end > p_end:
                    problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "start", "SENTENCE_TILING",
                                            f"paragraph {number} ({p_start}:{p_end}) is not tiled at {at}: next sentence covers {start}:{end}"))
                at = max(at, end)
            if at != p_end:
                problems.append(Problem("data/sentences.csv", None, f"article_id={article_id}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {number} ({p_start}:{p_end}) is covered only up to {at}: {show(article[at:p_end])} is in no sentence"))
        for start, end, line, row in rows:
            if _int(row["paragraph"]) is not None and not 1 <= int(row["paragraph"]) <= len(paras):
                problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {row['paragraph']} does not exist"))


def keys(pkg, problems: list[Problem]) -> None:
    """uniqueKeys, which frictionless 5.21 ignores."""
    for name, table in TABLES.items():
        for unique in table.unique_keys:
            seen = {}
            for line, row in pkg.table(name):
                value = tuple(row[c] for c in unique)
                if all(v == "" for v in value):
                    continue
                if value in seen:
                    problems.append(Problem(f"data/{name}.csv", line, f"{table.primary_key}={row[table.primary_key]}", ",".join(unique),
                                            "UNIQUE_KEY", f"same ({', '.join(unique)}) as line {seen[value]}"))
                seen.setdefault(value, line)


def figures(pkg, problems: list[Problem]) -> None:
    """value (and value_high) are numbers the figure's text prints, in digits or in words."""
    for line, row in pkg.table("figures"):
        for column in ("value", "value_high"):
            try:
                value = Decimal(row.get(column) or "")
            except InvalidOperation:
                continue
            if value not in numbers_in(row["text"]):
                problems.append(Problem("data/figures.csv", line, f"figure_id={row['figure_id']}", column, "FIGURE_VALUE",
                                        f"{column} {row[column]} does not appear in {show(row['text'])}"))


MEASURED_UNITS = ("mass", "length", "duration", "other")  # units whose printed name goes in unit_text


def figure_units(pkg, problems: list[Problem]) -> None:
    """The cells a figure's unit and bound need, and only those: currency for money, unit_text for measured
    units, value_high above value for a range."""
    for line, row in pkg.table("figures"):
        bad = lambda column, message: problems.append(Problem("data/figures.csv", line, f"figure_id={row['figure_id']}", column, "FIGURE_UNIT", message))
        unit = row.get("unit")
        if (unit == "currency") != bool(row.get("currency")):
            bad("currency", f"unit {unit} with currency {row.get('currency') or '(empty)'}: an ISO 4217 code goes with unit currency, and only with it")
        if (unit in MEASURED_UNITS) != bool(row.get("unit_text")):
            bad("unit_text", f"unit {unit} with unit_text {show(row.get('unit_text') or '')}: the printed unit goes with {', '.join(MEASURED_UNITS)}, and only with them")
        if (row.get("bound") == "range") != bool(row.get("value_high")):
            bad("value_high", f"bound {row.get('bound')} with value_high {row.get('value_high') or '(empty)'}: a range has both ends, nothing else has value_high")
        try:
            if row.get("value_high") and Decimal(row["value_high"]) <= Decimal(row["value"]):
                bad("value_high", f"value_high {row['value_high']} is not above value {row['value']}")
        except InvalidOperation:
            pass


def mention_referents(pkg, problems: list[Problem]) -> None:
    """A non-referring pronoun (form expletive) names no entity; every other mention names one."""
    for line, row in pkg.table("mentions"):
        if (row.get("form") == "expletive") == bool(row.get("entity_id")):
            problems.append(Problem("data/mentions.csv", line, f"mention_id={row['mention_id']}", "entity_id", "MENTION_REFERENT",
                                    f"form {row.get('form')} with entity_id {row.get('entity_id') or '(empty)'}: only an expletive names no entity"))


def roles(pkg, problems: list[Problem]) -> None:
    """A reference to an entity names one of the types its role admits (fields.py `accepts`)."""
    types = {row["entity_id"]: row["type"] for _, row in pkg.table("entities")}
    for name, table in TABLES.items():
        for fld in table.fields:
            if not fld.accepts:
                continue
            for line, row in pkg.table(name):
                entity = row.get(fld.name, "")
                if entity in types and types[entity] not in fld.accepts:
                    problems.append(Problem(f"data/{name}.csv", line, f"{table.primary_key}={row[table.primary_key]}", fld.name, "ROLE_TYPE",
                                            f"`{entity}` is a {types[entity]}; {fld.name} accepts {', '.join(fld.accepts)}"))


def timex_types(pkg, problems: list[Problem]) -> None:
    """A TIMEX3 value fits its type: a DURATION is P..., a TIME has a time of day."""
    for line, row in pkg.table("time_expressions"):
        if row.get("value") and row.get("type") in ("DATE", "TIME", "DURATION", "SET"):
            wrong = lexical.timex(row["value"], row["type"])
            if wrong and not lexical.timex(row["value"]):
                problems.append(Problem("data/time_expressions.csv", line, f"timex_id={row['timex_id']}", "value", "LEXICAL_FORM", wrong))
