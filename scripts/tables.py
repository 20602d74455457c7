"""Compute every table from the annotations and the article texts (no writing here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import regex

from scripts import attribution
from scripts.annotations import ArticleAnnotation, Record
from scripts.encoding import decode
from scripts.fields import TABLES
from scripts.problems import Problem, show
from scripts.progress import steps
from scripts.segment import Sentence, sentences
from scripts.spans import SpanError, grapheme_boundaries, resolve

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "hundred": 100,
                "thousand": 1000, "million": 1000000, "billion": 1000000000, "half": Decimal("0.5")}


@dataclass
class Source:
    """An article text as read from sources/, with its checksum taken from the bytes."""
    article_id: str
    rel: str
    data: bytes
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_source(path: Path, rel: str, article_id: str) -> tuple[Source | None, list[Problem]]:
    """Read an article text, refusing anything but UTF-8 NFC with LF line endings."""
    data = path.read_bytes()
    text, faults = decode(data)
    if faults:
        _, line, message = faults[0]
        return None, [Problem(rel, line, f"article_id={article_id}", "", "ARTICLE_TEXT", message)]
    return Source(article_id, rel, data, text), []


def build_tables(annotations: list[ArticleAnnotation], sources: dict[str, Source]) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every table's rows, sorted, and every problem met on the way."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    problems: list[Problem] = []
    for ann in steps(annotations, "building tables"):
        source = sources[ann.article_id]
        recorded = ann.article.get("sha256")
        if recorded and recorded != source.sha256:
            problems.append(Problem(ann.file, ann.line, "article", "sha256", "ARTICLE_HASH",
                                    f"{source.rel} has sha256 {source.sha256}, the annotation records {recorded}"))
        sents, found = _sentences(ann, source.text)
        problems += found
        tables["articles"].append(_article_row(ann, source))
        tables["sentences"] += [
            {"sentence_id": _sentence_id(ann, i), "article_id": ann.article_id, "paragraph": s.paragraph,
             "start": s.start, "end": s.end, "text": source.text[s.start:s.end]}
            for i, s in enumerate(sents, start=1)]
        for name, records in ann.records.items():
            for record in records:
                row, found = _row(ann, record, source.text, sents)
                problems += found
                if row is not None:
                    tables[name].append(row)
    tables["entities"] = _merge_entities(annotations, problems)
    problems += _check_ids(annotations)
    problems += _check_references(annotations, tables)
    problems += attribution.check_endpoints(annotations, tables)
    problems += _check_figures(annotations, tables)
    problems += _check_duplicates(annotations, tables)
    for name, rows in tables.items():
        rows.sort(key=lambda row: _order(name, row))
    return tables, problems


def _order(name: str, row: dict):
    table = TABLES[name]
    if "start" in table.columns:
        return (row["article_id"], row["start"], row["end"], row[table.primary_key])
    return (row[table.primary_key],)


def _sentence_id(ann: ArticleAnnotation, number: int) -> str:
    return f"{ann.id_prefix}-s{number:02d}"


def _article_row(ann: ArticleAnnotation, source: Source) -> dict:
    meta = ann.article
    return {"article_id": ann.article_id, "path": f"data/articles/{ann.article_id}.txt", "sha256": source.sha256,
            "characters": len(source.text), "bytes": len(source.data), "language": meta.get("language"),
            "title": meta.get("title"), "publisher": meta.get("publisher"), "url": meta.get("url"),
            "published": meta.get("published"), "note": meta.get("note")}


def _sentences(ann: ArticleAnnotation, text: str) -> tuple[list[Sentence], list[Problem]]:
    problems, splits, joins = [], [], []
    for kind, group in (("split_after", ann.splits), ("join", ann.joins)):
        for spec, line in group:
            try:
                start, end = resolve(text, spec)
            except SpanError as error:
                problems.append(Problem(ann.file, line, "sentence_overrides", kind, error.code, error.message))
                continue
            if kind == "split_after":
                splits.append(end)
            else:
                joins.append((start, end, spec, line))
    sents = sentences(text, splits, [(start, end) for start, end, _, _ in joins])
    for start, end, spec, line in joins:
        if not any(s.start <= start and end <= s.end for s in sents):
            problems.append(Problem(ann.file, line, "sentence_overrides", "join", "SENTENCE_OVERRIDE",
                                    f"{show(spec.text)} still runs across a line break"))
    return sents, problems


def _row(ann: ArticleAnnotation, record: Record, text: str, sents: list[Sentence]) -> tuple[dict | None, list[Problem]]:
    table = TABLES[record.table]
    row = {column: record.values.get(column) for column in table.columns}
    if "article_id" in table.columns:
        row["article_id"] = ann.article_id
    bounds = grapheme_boundaries(text)
    if record.cue is not None:
        cue, found = _span(ann, record, record.cue, "cue", text, bounds)
        if cue is None:
            return None, found
        row.update(cue_start=cue[0], cue_end=cue[1], cue_text=text[cue[0]:cue[1]])
    if "start" not in table.columns:
        return row, []
    if record.span is None:
        return None, []
    problem = lambda code, message: (None, [Problem(ann.file, record.line, record.key, "span", code, message)])
    offsets, found = _span(ann, record, record.span, "span", text, bounds)
    if offsets is None:
        return None, found
    start, end = offsets
    containing = [i for i, s in enumerate(sents, start=1) if s.start <= start and end <= s.end]
    if not containing:
        return problem("SPAN_CROSSES_SENTENCE", f"{show(record.span.text)} at {start}:{end} is not inside one sentence")
    row.update(start=start, end=end, text=text[start:end], sentence_id=_sentence_id(ann, containing[0]))
    return row, []


def _span(ann: ArticleAnnotation, record: Record, spec, name: str, text: str, bounds) -> tuple[tuple[int, int] | None, list[Problem]]:
    """A span or cue resolved to offsets on grapheme boundaries, or the problem met, at the annotation's line."""
    try:
        start, end = resolve(text, spec)
    except SpanError as error:
        return None, [Problem(ann.file, record.line, record.key, name, error.code, error.message)]
    if start not in bounds or end not in bounds:
        return None, [Problem(ann.file, record.line, record.key, name, "SPAN_SPLITS_GRAPHEME",
                              f"{show(spec.text)} at {start}:{end} cuts a grapheme cluster")]
    return (start, end), []


def _merge_entities(annotations: list[ArticleAnnotation], problems: list[Problem]) -> list[dict]:
    """Entities are shared by all articles: the same ID in two files must mean the same thing."""
    merged: dict[str, tuple[dict, Record]] = {}
    for ann in annotations:
        for record in ann.records.get("entities", []):
            entity_id = record.values.get("entity_id")
            row = {column: record.values.get(column) for column in TABLES["entities"].columns}
            if entity_id in merged and merged[entity_id][0] != row:
                first = merged[entity_id][1]
                problems.append(Problem(record.file, record.line, record.key, "entity_id", "DUPLICATE_ID",
                                        f"entity `{entity_id}` is also defined, differently, at {first.file}:{first.line}"))
            merged.setdefault(entity_id, (row, record))
    return [row for row, _ in merged.values()]


def _check_ids(annotations: list[ArticleAnnotation]) -> list[Problem]:
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


def _check_references(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """Every reference names an existing record, reported at the annotation's line."""
    keys = {name: {row[TABLES[name].primary_key] for row in rows} for name, rows in tables.items()}
    problems = []
    for ann in annotations:
        for name, records in ann.records.items():
            for record in records:
                for fk in TABLES[name].foreign_keys:
                    value = record.values.get(fk.fields)
                    if fk.fields in ("article_id", "sentence_id") or value is None:
                        continue
                    if value not in keys[fk.resource]:
                        problems.append(Problem(record.file, record.line, record.key, fk.fields, "DANGLING_REFERENCE",
                                                f"`{value}` names no row of `{fk.resource}`"))
    return problems


def _check_duplicates(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """The same annotation under two identifiers: two rows equal on a declared unique key (checked before sorting,
    so the later record in the file is the one reported)."""
    records = {(name, r.values.get(TABLES[name].primary_key)): r
               for ann in annotations for name, rs in ann.records.items() for r in rs}
    problems = []
    for name, rows in tables.items():
        table = TABLES[name]
        if not table.annotated:
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


def _check_figures(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """A figure's value must be the number its text prints, in digits or in words."""
    records = {r.values.get("figure_id"): r for ann in annotations for r in ann.records.get("figures", [])}
    problems = []
    for row in tables["figures"]:
        value = row.get("value")
        if value is None or value in numbers_in(row["text"]):
            continue
        record = records[row["figure_id"]]
        problems.append(Problem(record.file, record.line, record.key, "value", "FIGURE_VALUE",
                                f"value {value} does not appear in {show(row['text'])}",
                                f"use one of: {', '.join(str(n) for n in sorted(numbers_in(row['text']))) or 'none found'}"))
    return problems


def numbers_in(text: str) -> set[Decimal]:
    """The numbers a text prints, as digits (with separators) or as number words."""
    found = {Decimal(m.group().replace(",", "")) for m in regex.finditer(r"\d[\d,]*(\.\d+)?", text)}
    found |= {Decimal(NUMBER_WORDS[w.lower()]) for w in regex.findall(r"\p{L}+", text) if w.lower() in NUMBER_WORDS}
    return found
