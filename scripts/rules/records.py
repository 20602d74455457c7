"""Rules on the annotation records at build time, reported at the YAML line: identifiers carry their article's
prefix and are unique, the same annotation is not given twice, and a figure's value is a number its text prints."""

from __future__ import annotations

from scripts.annotations.loader import ArticleAnnotation, Record
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.rules.numbers import numbers_in


def ids(annotations: list[ArticleAnnotation]) -> list[Problem]:
    problems, seen = [], {}
    for ann in annotations:
        for name, records in ann.records.items():
            table = TABLES[name]
            for record in records:
                value = record.values.get(table.primary_key)
                if value is None:
                    continue
                if name != "entities":
                    if not value.startswith(f"{ann.id_prefix}-"):
                        problems.append(Problem(record.file, record.line, record.key, table.primary_key, "ID_PREFIX",
                                                f"`{value}` does not start with the article's id_prefix `{ann.id_prefix}-`"))
                    if (name, value) in seen:
                        first = seen[(name, value)]
                        problems.append(Problem(record.file, record.line, record.key, table.primary_key, "DUPLICATE_ID",
                                                f"`{value}` is already used at {first.file}:{first.line}"))
                seen.setdefault((name, value), record)
    return problems


def duplicates(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]], registry: list[Record] = ()) -> list[Problem]:
    """The same annotation under two identifiers: two rows equal on a declared unique key (checked before sorting,
    so the later record in the file is the one reported)."""
    records = {(name, r.values.get(TABLES[name].primary_key)): r
               for ann in annotations for name, rs in ann.records.items() for r in rs}
    records.update({("entities", r.values.get("entity_id")): r for r in registry})
    problems = []
    for name, rows in tables.items():
        table = TABLES[name]
        if not table.annotated and name != "entities":
            continue
        for unique in table.unique_keys:
            seen: dict[tuple, str] = {}
            for row in rows:
                value, pk = tuple(row.get(c) for c in unique), row[table.primary_key]
                if all(v is None for v in value):
                    continue
                first = seen.setdefault(value, pk)
                record = records.get((name, pk))
                if first != pk and record is not None:
                    other = records.get((name, first))
                    where = f" at {other.file}:{other.line}" if other else ""
                    problems.append(Problem(record.file, record.line, record.key, ",".join(unique), "DUPLICATE_ANNOTATION",
                                            f"same ({', '.join(unique)}) as `{first}`{where}"))
    return problems


def figure_values(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """A figure's value must be the number its text prints, in digits or in words."""
    records = {r.values.get("figure_id"): r for ann in annotations for r in ann.records.get("figures", [])}
    problems = []
    for row in tables["figures"]:
        for column in ("value", "value_high"):
            value = row.get(column)
            if value is None or value in numbers_in(row["text"]):
                continue
            record = records[row["figure_id"]]
            problems.append(Problem(record.file, record.line, record.key, column, "FIGURE_VALUE",
                                    f"{column} {value} does not appear in {show(row['text'])}",
                                    f"use one of: {', '.join(str(n) for n in sorted(numbers_in(row['text']))) or 'none found'}"))
    return problems
