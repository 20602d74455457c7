"""The transform step: every table computed from the annotations and the article texts (nothing is written here).

The rules that need the whole corpus (identifiers, references, duplicates, figure values) run on the records as
they are turned into rows, so each problem names its YAML line.
"""

from __future__ import annotations

from scripts.annotations.loader import ArticleAnnotation, Record
from scripts.annotations.segment import Sentence, sentences
from scripts.annotations.sources import Source
from scripts.annotations.spans import SpanError, grapheme_boundaries, resolve
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.rules import attribution, namespaces
from scripts.rules import records as record_rules
from scripts.runtime.progress import steps


def build_tables(annotations: list[ArticleAnnotation], sources: dict[str, Source], registry: list[Record] = (),
                 prepared: dict[str, tuple[dict[str, list[dict]], list[Problem]]] | None = None,
                 released: set[str] = frozenset()) -> tuple[dict[str, list[dict]], list[Problem]]:
    """Every table's rows, sorted, and every problem met on the way. registry holds the entity records of
    annotations/entities.yaml, which every article shares; prepared, an article's article_rows computed already
    (in another process, by the build); released, the article IDs of the last release, so that a conflict names the
    new article."""
    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    problems: list[Problem] = namespaces.check_prefixes(annotations, released) + namespaces.check_texts(annotations, sources, released)
    if problems:  # every ID of the later file would collide: one clear problem instead of hundreds
        return tables, problems
    prepared = prepared or {}
    for ann in steps(annotations, "building tables"):
        rows, found = prepared.get(ann.article_id) or article_rows(ann, sources[ann.article_id])
        problems += found
        for name, part in rows.items():
            tables[name] += part
    tables["entities"] = _merge_entities(annotations, registry, problems)
    problems += record_rules.ids(annotations)
    problems += namespaces.check_roles(annotations, tables)
    problems += namespaces.check_references(annotations, tables)
    problems += attribution.check_endpoints(annotations, tables)
    problems += record_rules.figure_values(annotations, tables)
    problems += record_rules.duplicates(annotations, tables, registry)
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
    if record.table == "quotes":
        row["source_type"] = source_type(row)
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


def source_type(row: dict) -> str:
    """How the article gives a quote's source: a mention names it here, it is known without one, or none is given."""
    if row.get("source_mention_id"):
        return "named"
    return "implicit" if row.get("speaker_id") else "unnamed"


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


