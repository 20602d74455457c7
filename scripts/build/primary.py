"""The two primary tables, built from annotations/primary/: each alignment checked at its YAML line and, when the
record is present, re-checked against the record's own text."""

from __future__ import annotations

from pathlib import Path

from scripts.annotations.loader import Record
from scripts.annotations.primary import ANNOTATIONS, load, not_rechecked, read_record
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem
from scripts.rules.primary import record_faults, relation_fault, span_faults


def build_rows(root: Path, annotations) -> tuple[dict[str, list[dict]], list[Problem]]:
    """The two primary tables, with the annotation's own checks reported at its YAML line and every span re-checked
    against the record when the record is present. Targets and coverage are checked by `check` on the built
    tables, so that a removed quote is reported by its own rule first."""
    records, alignments, problems = load(root)
    prefixes = {a.article_id: a.id_prefix for a in annotations}
    by_record = {r.values.get("record_id"): r for r in records}
    seen: dict[str, Record] = {}
    texts = {rid: read_record(root, rid) for rid in by_record}
    usable = {}  # records present with the annotated bytes; a changed copy's offsets mean nothing, so are not checked
    for rid, record in by_record.items():
        faults = record_faults(texts[rid], record.values.get("sha256"), record.values.get("characters")) if texts[rid] else []
        problems += [Problem(record.file, record.line, record.key, fld, "PRIMARY_RECORD", message) for fld, message in faults]
        if texts[rid] and not faults:
            usable[rid] = texts[rid]
    for a in alignments:
        v = a.values
        problem = lambda code, fld, message, fix="": problems.append(Problem(a.file, a.line, a.key, fld, code, message, fix))
        aid, article_id = v.get("alignment_id"), v.get("article_id")
        if article_id is not None and article_id not in prefixes:
            problem("DANGLING_REFERENCE", "article_id", f"`{article_id}` names no annotated article")
        elif aid and not aid.startswith(f"{prefixes.get(article_id)}-"):
            problem("ID_PREFIX", "alignment_id", f"`{aid}` does not start with the article's id_prefix `{prefixes.get(article_id)}-`")
        if aid in seen:
            problem("DUPLICATE_ID", "alignment_id", f"`{aid}` is already used at {seen[aid].file}:{seen[aid].line}")
        seen.setdefault(aid, a)
        if v.get("record_id") and v["record_id"] not in by_record:
            problem("DANGLING_REFERENCE", "record_id", f"`{v['record_id']}` names no record in {ANNOTATIONS.as_posix()}/")
        fault = relation_fault(v)
        if fault:
            problem("PRIMARY_RELATION", "relation", fault)
            continue
        found = usable.get(v.get("record_id"))
        if found and v.get("start") is not None and v.get("end") is not None:
            for code, fld, message in span_faults(found.text, found.turns, v["start"], v["end"], v.get("span_sha256"), v.get("speaker_turn")):
                problems.append(Problem(a.file, a.line, a.key, fld, code, message))
    for rid, found in texts.items():
        count = sum(1 for a in alignments if a.values.get("record_id") == rid and a.values.get("start") is not None)
        if found is None and count:
            not_rechecked(root, rid, count)
    rows = {
        "primary_records": sorted(({c: r.values.get(c) for c in TABLES["primary_records"].columns} for r in records),
                                  key=lambda row: row["record_id"] or ""),
        "primary_alignments": sorted(({c: a.values.get(c) for c in TABLES["primary_alignments"].columns} for a in alignments),
                                     key=lambda row: (row["article_id"] or "", row["alignment_id"] or "")),
    }
    return rows, problems
