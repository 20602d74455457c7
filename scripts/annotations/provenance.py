"""Where each generated row came from: the annotation file and line behind a CSV cell.

A problem found in data/<table>.csv names its row by primary key; this map turns that key into the YAML line a
contributor edits, so the fix leads to the source and not to a generated file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scripts.annotations.loader import REGISTRY, Record, load_article, load_registry
from scripts.contract.fields import TABLES

DERIVED_FROM_SPAN = ("sentence_id", "start", "end", "text")


def source_map(annotations, registry=()) -> dict[tuple[str, str], object]:
    """(table, primary-key value) -> the annotation Record that produced the row (registry entities and each
    article's roles included)."""
    found = {("entities", str(r.values["entity_id"])): r for r in registry if r.values.get("entity_id") is not None}
    for ann in annotations:
        if ann.article_id:
            found[("articles", ann.article_id)] = Record("articles", ann.article, None, ann.file, ann.line, lines=ann.article_lines)
        for record in ann.roles:
            if record.values.get("entity_id") is not None:
                found[("article_entities", f"{ann.id_prefix}-{record.values['entity_id']}")] = record
        for table, records in ann.records.items():
            pk = TABLES[table].primary_key
            for record in records:
                if record.values.get(pk) is not None:
                    found[(table, str(record.values[pk]))] = record
    return found


def load_source_map(repo: Path) -> dict[tuple[str, str], object]:
    """The map for the repository's annotation files; empty when they cannot be read (their own errors say why)."""
    try:
        registry = load_registry(repo / REGISTRY)[0]
    except Exception:  # noqa: BLE001 - as below
        registry = []
    annotations = []
    for path in sorted((repo / "annotations" / "articles").glob("*.yaml")):
        try:
            ann, _ = load_article(path, path.relative_to(repo).as_posix())
        except Exception:  # noqa: BLE001 - a map is a courtesy; the build reports the file's own problems
            continue
        if ann is not None:
            annotations.append(ann)
    return source_map(annotations, registry)


def attach(problems: list, sources: dict) -> list:
    """Problems about a generated CSV row, each given the annotation file and line that produced the cell."""
    out = []
    for problem in problems:
        table = problem.file[len("data/"):-len(".csv")] if problem.file.startswith("data/") and problem.file.endswith(".csv") else None
        record = sources.get((table, problem.key.split("=", 1)[1])) if table in TABLES and "=" in problem.key else None
        if record is not None and not problem.source:
            column = "span" if problem.field in DERIVED_FROM_SPAN else problem.field
            line = record.lines.get(column, record.line)
            problem = replace(problem, source=f"{record.file}:{line}")
        out.append(problem)
    return out
