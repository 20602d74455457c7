"""Rules of the primary-record alignments, on the annotations and on a built package: spans fit the record's own
text (offsets, digest, one speaker turn), relations fit their spans, every alignment names a row of its article,
every quote and every fact or figure of the record's speaker is aligned, and no file holds a run of the record.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import regex

from scripts.annotations.primary import TARGET_TABLES, SPAN_COLUMNS, RecordText, Turn, digest, not_rechecked, read_record, turn_at
from scripts.contract.fields import TABLES
from scripts.contract.lexical import as_int
from scripts.contract.problems import Problem, show

EXCERPT_WORDS = 8  # a run of this many words of a record must never appear in a committed or packaged file
WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")  # a hyphenated slug (a URL, a file name) is one word


def span_faults(text: str, record_turns: list[Turn], start: int, end: int, span_sha256: str, label: str) -> list[tuple[str, str, str]]:
    """(code, field, message) for each way the span disagrees with the record; the record's text is never quoted."""
    if not 0 <= start < end <= len(text):
        return [("PRIMARY_SPAN", "end", f"offsets {start}:{end} are not within 0 <= start < end <= {len(text)}")]
    faults = []
    span = text[start:end]
    if span != span.strip():
        faults.append(("PRIMARY_SPAN", "start", f"the record's text at {start}:{end} has white space at an edge"))
    if digest(span) != span_sha256:
        faults.append(("PRIMARY_DIGEST", "span_sha256",
                       f"the record's text at {start}:{end} has sha256 {digest(span)[:12]}…, the alignment records {span_sha256[:12]}…"))
    turn = turn_at(record_turns, start, end)
    if turn is None:
        faults.append(("PRIMARY_SPAN", "end", f"{start}:{end} runs across a speaker turn boundary"))
    elif turn.label != label:
        faults.append(("PRIMARY_TURN", "speaker_turn", f"{start}:{end} is in the turn labelled {show(turn.label)}, not {show(label)}"))
    return faults


def relation_fault(values: dict) -> str | None:
    """Why the relation does not fit the presence of a span, if it does not."""
    given = [c for c in SPAN_COLUMNS if values.get(c) not in (None, "")]
    if values.get("relation") == "absent" and given:
        return f"relation `absent` has {', '.join(given)}"
    if values.get("relation") not in (None, "", "absent") and len(given) != len(SPAN_COLUMNS):
        missing = [c for c in SPAN_COLUMNS if c not in given]
        return f"relation `{values.get('relation')}` needs {', '.join(missing)}"
    return None


def record_faults(found: RecordText, sha256: str, characters: int | None) -> list[tuple[str, str]]:
    faults = []
    if found.sha256 != sha256:
        faults.append(("sha256", f"the copy read at {found.path} has sha256 {found.sha256[:12]}…, the record row says {sha256[:12]}…"))
    elif characters is not None and len(found.text) != characters:
        faults.append(("characters", f"the copy read at {found.path} has {len(found.text)} code points, the record row says {characters}"))
    return faults


def uncovered(records: list[dict], alignments: list[dict], tables: dict[str, list[dict]]) -> list[tuple[str, str]]:
    """(article_id, message) for each quote, or fact or figure claimed by a record's speaker, of an article that
    has alignments but none for that row."""
    speakers = {r["record_id"]: r["speaker_id"] for r in records}
    aligned = {(a["article_id"], a["target_table"], a["target_id"]) for a in alignments}
    out = []
    for article_id in sorted({a["article_id"] for a in alignments if a["article_id"]}):
        claimants = {speakers.get(a["record_id"]) for a in alignments if a["article_id"] == article_id} - {None, ""}
        for name in TARGET_TABLES:
            pk = TABLES[name].primary_key
            for row in tables.get(name, []):
                if row["article_id"] != article_id or (name != "quotes" and row.get("claimant_id") not in claimants):
                    continue
                if (article_id, name, row[pk]) not in aligned:
                    out.append((article_id, f"{name} row `{row[pk]}` has no alignment"))
    return out


# --- the built package (called by scripts.validate) ------------------------------------------------------------


def check(pkg, repo: Path | None = None, beside: Path | None = None) -> list[Problem]:
    """Every alignment problem in a package read by scripts.validate; the record is looked for beside repo, or
    beside the package (`beside` stands for a zip's package, unpacked elsewhere: the folder the zip is in)."""
    problems: list[Problem] = []
    records = pkg.table("primary_records")
    alignments = pkg.table("primary_alignments")
    rel = "data/primary_alignments.csv"
    targets = {(name, row["article_id"], row[TABLES[name].primary_key]) for name in TARGET_TABLES for _, row in pkg.table(name)}
    for line, row in alignments:
        key = f"alignment_id={row['alignment_id']}"
        if (row["target_table"], row["article_id"], row["target_id"]) not in targets:
            problems.append(Problem(rel, line, key, "target_id", "PRIMARY_TARGET",
                                    f"`{row['target_id']}` names no row of `{row['target_table']}` in {row['article_id']}"))
        fault = relation_fault(row)
        if fault:
            problems.append(Problem(rel, line, key, "relation", "PRIMARY_RELATION", fault))
    plain = {name: [row for _, row in pkg.table(name)] for name in TARGET_TABLES}
    for article_id, message in uncovered([r for _, r in records], [r for _, r in alignments], plain):
        problems.append(Problem(rel, None, f"article_id={article_id}", "target_id", "PRIMARY_COVERAGE", message))
    base = repo if repo is not None else beside if beside is not None else pkg.root
    for line, record in records:
        rid = record["record_id"]
        found = read_record(base, rid)
        spans = [(n, r) for n, r in alignments if r["record_id"] == rid and r["start"] != ""]
        if found is None:
            if spans:
                not_rechecked(base, rid, len(spans))
            continue
        characters = as_int(record["characters"])
        faults = record_faults(found, record["sha256"], characters)
        for fld, message in faults:
            problems.append(Problem("data/primary_records.csv", line, f"record_id={rid}", fld, "PRIMARY_RECORD", message))
        if faults:
            continue
        for n, row in spans:
            try:
                start, end = int(row["start"]), int(row["end"])
            except ValueError:
                continue
            for code, fld, message in span_faults(found.text, found.turns, start, end, row["span_sha256"], row["speaker_turn"]):
                problems.append(Problem(rel, n, f"alignment_id={row['alignment_id']}", fld, code, message))
        problems += excerpt_problems(pkg.root, found.text)
    return problems


def excerpt_problems(root: Path, record_text: str) -> list[Problem]:
    """PRIMARY_EXCERPT for each package file that holds a run of EXCERPT_WORDS words of the record."""
    grams = shingles(record_text)
    vocabulary = {w for gram in grams for w in gram}
    problems = []
    for path in sorted([root / "datapackage.json", *(root / "data").rglob("*")]):
        if not path.is_file():
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for line, run in excerpts(content, grams, vocabulary=vocabulary)[:1]:
            problems.append(Problem(path.relative_to(root).as_posix(), line, "", "", "PRIMARY_EXCERPT",
                                    f"{len(run)} words in a row from the record begin here"))
    return problems


@functools.lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def words(text: str) -> list[tuple[str, int]]:
    """(word, offset): case-folded, accents removed, so that a copy differing only in case or accents is caught."""
    return [(_folded(match.group()), match.start()) for match in WORD.finditer(text)]


def shingles(text: str, n: int = EXCERPT_WORDS) -> set[tuple[str, ...]]:
    tokens = [w for w, _ in words(text)]
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def excerpts(text: str, grams: set[tuple[str, ...]], n: int = EXCERPT_WORDS, vocabulary: set[str] | None = None) -> list[tuple[int, tuple[str, ...]]]:
    """(line, words) of each place in text where n words in a row also occur in a row in the record. Only a stretch
    of n words that are all words of the record can be one, so the others are never looked up."""
    vocabulary = vocabulary if vocabulary is not None else {w for gram in grams for w in gram}
    found = words(text)
    tokens = [w for w, _ in found]
    hits = []
    streak = 0
    for i, token in enumerate(tokens):
        streak = streak + 1 if token in vocabulary else 0
        if streak >= n:
            start = i - n + 1
            run = tuple(tokens[start:i + 1])
            if run in grams:
                hits.append((text.count("\n", 0, found[start][1]) + 1, run))
    return hits
