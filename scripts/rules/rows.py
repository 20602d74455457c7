"""Rules on single rows and keys of a built package: unique keys (which frictionless 5.21 ignores), figure values
and units, mention referents, roles holding entities of an accepted type, and TIMEX3 values fitting their type."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from scripts.contract import lexical
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.rules.numbers import numbers_in


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
            if not value.is_finite():  # NaN, sNaN, Infinity: the cell rules report them; a signalling NaN cannot be compared
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
