"""Compute every table from the annotations and the article texts (no writing here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import regex

from scripts import attribution, namespaces
from scripts.annotations import ArticleAnnotation, Record
from scripts.encoding import decode
from scripts.fields import TABLES
from scripts.problems import Problem, show
from scripts.progress import steps
from scripts.segment import Sentence, sentences
from scripts.spans import SpanError, grapheme_boundaries, resolve

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Scale words multiply the number before them ("2.5 million", "two dozen", "half a million"); alone, or in the
# plural ("thousands of"), they are their own value, and the figure's bound says "at least".
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}
FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
NUMBER_WORDS = {**ONES, **TENS, **SCALES, **FRACTIONS}
PLURALS = {"dozens": "dozen", "hundreds": "hundred", "thousands": "thousand", "millions": "million",
           "billions": "billion", "halves": "half", "quarters": "quarter"}
NUMBER_TOKEN = regex.compile(r"\d[\d,]*(?:\.\d+)?|\p{L}+(?:-\p{L}+)?")


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


def build_tables(annotations: list[ArticleAnnotation], sources: dict[str, Source], registry: list[Record] = (),
                 prepared: dict[str, tuple[dict[str, list[dict]], list[Problem]]] | None = None,
                 ) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every table's rows, sorted, and every problem met on the way. registry holds the entity records of
    annotations/entities.yaml, which every article shares; prepared, an article's article_rows computed already
    (in another process, by the build)."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    problems: list[Problem] = namespaces.check_prefixes(annotations)
    if problems:  # every ID of the later file would collide: one clear problem instead of hundreds
        return tables, problems
    prepared = prepared or {}
    for ann in steps(annotations, "building tables"):
        rows, found = prepared.get(ann.article_id) or article_rows(ann, sources[ann.article_id])
        problems += found
        for name, part in rows.items():
            tables[name] += part
    tables["entities"] = _merge_entities(annotations, registry, problems)
    problems += _check_ids(annotations)
    problems += namespaces.check_roles(annotations, tables)
    problems += namespaces.check_references(annotations, tables)
    problems += attribution.check_endpoints(annotations, tables)
    problems += _check_figures(annotations, tables)
    problems += _check_duplicates(annotations, tables, registry)
    for name, rows in tables.items():
        rows.sort(key=lambda row: _order(name, row))
    return tables, problems


def article_rows(ann: ArticleAnnotation, source: Source) -> tuple[dict[str, list[dict]], list[Problem]]:
    """One article's rows of every per-article table, and the problems met making them: work that needs nothing
    of any other article, so the build can do it in parallel."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    problems: list[Problem] = []
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
    tables["article_entities"] += namespaces.role_rows(ann)
    return {name: rows for name, rows in tables.items() if rows}, problems


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


def _merge_entities(annotations: list[ArticleAnnotation], registry: list[Record], problems: list[Problem]) -> list[dict]:
    """The registry's entities (and, for a blind second annotation, the entities its file defines inline): the
    same ID twice must mean the same thing."""
    merged: dict[str, tuple[dict, Record]] = {}
    for records in [registry] + [ann.records.get("entities", []) for ann in annotations]:
        for record in records:
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


def _check_duplicates(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]], registry: list[Record] = ()) -> list[Problem]:
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


def _check_figures(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
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


def _token_value(token: str) -> Decimal | None:
    """The value of one token: digits with separators, a number word, its plural, or a hyphenated tens-ones word."""
    if token[0].isdigit():
        return Decimal(token.replace(",", ""))
    word = token.lower()
    word = PLURALS.get(word, word)
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    tens, _, ones = word.partition("-")
    if tens in TENS and ones in ONES and ONES[ones] < 10:
        return Decimal(TENS[tens] + ONES[ones])
    return None


def numbers_in(text: str) -> set[Decimal]:
    """The numbers a text prints: digits (with separators), number words and their plurals ("thousands"),
    fractions ("half"), and a number times the scale word after it ("2.5 million", "half a million", "two dozen")."""
    tokens = NUMBER_TOKEN.findall(text)
    values = [_token_value(t) for t in tokens]
    found = {v for v in values if v is not None}
    for i, value in enumerate(values):
        if value is None:
            continue
        j = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower() in ("a", "an") else i + 1
        if j < len(tokens) and PLURALS.get(tokens[j].lower(), tokens[j].lower()) in SCALES:
            found.add(value * values[j])
    return found
