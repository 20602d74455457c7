"""Primary-record alignment: where the primary record supports each quote, fact and figure, and how faithfully.

The record's text is never stored in the repository or the package. Annotations and tables hold code-point
offsets into the record's plain-text copy, the sha256 of each span's text and the annotator's English note.
The record is read from ``<repository>/../shared/source/primary/<record_id>.txt`` when it is there, and every
span is re-checked; when it is not, a notice says that the spans were not re-checked (neither a failure nor a
silent pass).

Usage: python -m scripts.primary [--review]
  --review  print each alignment with the record's Spanish text at its offsets, to the terminal only
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex

from scripts.annotations import Record, _line, _Reader, _start_line, read_yaml
from scripts.fields import TABLES, field_for
from scripts.problems import Problem, ProblemsFound, notice, show

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = Path("annotations") / "primary"
TARGET_TABLES = ("quotes", "facts", "figures")
SPAN_COLUMNS = ("start", "end", "span_sha256", "speaker_turn")
EXCERPT_WORDS = 8  # a run of this many words of a record must never appear in a committed or packaged file
WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")  # a hyphenated slug (a URL, a file name) is one word


def record_dir(root: Path) -> Path:
    """Where the records live: beside the repository (CI and contributors clone it next to `shared/`)."""
    return root.resolve().parent / "shared" / "source" / "primary"  # resolved: a relative root has no parent


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Turn:
    start: int
    end: int
    label: str


def turns(text: str) -> list[Turn]:
    """The record's speaker turns: blocks between lines of three dashes, each labelled by its first line."""
    found, at = [], 0
    for match in regex.finditer(r"^---$", text, flags=regex.M):
        found.append(_turn(text, at, match.start()))
        at = match.end() + 1
    found.append(_turn(text, at, len(text)))
    return found


def _turn(text: str, start: int, end: int) -> Turn:
    label = text[start:end].split("\n", 1)[0].strip()
    return Turn(start, end, label)


def turn_at(record_turns: list[Turn], start: int, end: int) -> Turn | None:
    """The turn that holds start:end whole, or None when the span crosses a turn boundary."""
    return next((t for t in record_turns if t.start <= start and end <= t.end), None)


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


@dataclass
class RecordText:
    """A record's plain-text copy as found beside the repository."""
    path: Path
    data: bytes

    @cached_property
    def text(self) -> str:
        return self.data.decode("utf-8")

    @cached_property
    def turns(self) -> list[Turn]:
        return turns(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_record(root: Path, record_id: str) -> RecordText | None:
    path = record_dir(root) / f"{record_id}.txt"
    return RecordText(path, path.read_bytes()) if path.is_file() else None


def record_faults(found: RecordText, sha256: str, characters: int | None) -> list[tuple[str, str]]:
    faults = []
    if found.sha256 != sha256:
        faults.append(("sha256", f"{found.path.name} has sha256 {found.sha256[:12]}…, the record row says {sha256[:12]}…"))
    elif characters is not None and len(found.text) != characters:
        faults.append(("characters", f"{found.path.name} has {len(found.text)} code points, the record row says {characters}"))
    return faults


def not_rechecked(root: Path, record_id: str, count: int) -> None:
    notice(f"primary record `{record_id}` not found at {record_dir(root) / (record_id + '.txt')}: "
           f"{count} alignment span(s) were NOT re-checked against it (offsets, digests, speaker turns). "
           "See docs/primary-record.md for how to get the record.")


# --- annotations ---------------------------------------------------------------------------------------------


def load(root: Path) -> tuple[list[Record], list[Record], list[Problem]]:
    """The hand-written record metadata and alignments, read as strictly as the article annotations."""
    records, alignments, problems = [], [], []
    base = root / ANNOTATIONS
    for path in sorted(base.glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        doc, found = read_yaml(path, rel)
        problems += found
        if doc is None:
            continue
        reader = _Reader(rel)
        record = _mapping(reader, "primary_records", doc, 1)
        problems += reader.problems
        if record is None:
            continue
        if record.values.get("record_id") not in (None, path.stem):
            problems.append(Problem(rel, 1, record.key, "record_id", "PRIMARY_RECORD",
                                    f"record_id `{record.values['record_id']}` differs from the file name `{path.stem}`",
                                    f"name the file {ANNOTATIONS.as_posix()}/{record.values['record_id']}.yaml"))
        records.append(record)
    for path in sorted((base / "alignments").glob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        doc, found = read_yaml(path, rel)
        problems += found
        if doc is None:
            continue
        reader = _Reader(rel)
        if not isinstance(doc, dict):
            reader.problem(1, "", "", "WRONG_TYPE", "the file must be a mapping with `article_id` and `alignments`")
            problems += reader.problems
            continue
        reader.keys(doc, ("article_id", "alignments"), 1, "", required=("article_id", "alignments"))
        article_id = reader.value(field_for("primary_alignments", "article_id"), doc.get("article_id"), _line(doc, "article_id", 1), "")
        if article_id is not None and article_id != path.stem:
            reader.problem(_line(doc, "article_id", 1), "", "article_id", "BAD_VALUE",
                           f"article_id `{article_id}` differs from the file name `{path.stem}`",
                           f"name the file {ANNOTATIONS.as_posix()}/alignments/{article_id}.yaml")
        items = doc.get("alignments") or []
        if not isinstance(items, list):
            reader.problem(_line(doc, "alignments", 1), "", "alignments", "WRONG_TYPE", "`alignments` must be a list of records")
            items = []
        for item in items:
            record = _mapping(reader, "primary_alignments", item, _start_line(item), exclude=("article_id",))
            if record is not None:
                record.values["article_id"] = article_id
                alignments.append(record)
        problems += reader.problems
    return records, alignments, problems


def _mapping(reader: _Reader, table_name: str, item, line: int, exclude=()) -> Record | None:
    table = TABLES[table_name]
    if not isinstance(item, dict):
        reader.problem(line, "", table_name, "WRONG_TYPE", f"each entry of `{table_name}` must be a mapping")
        return None
    allowed = [c for c in table.columns if c not in exclude]
    key = f"{table.primary_key}={item.get(table.primary_key, '?')}"
    reader.keys(item, allowed, line, key, required=[f.name for f in table.fields if f.required and f.name not in exclude])
    values = {c: reader.value(field_for(table_name, c), item[c], _line(item, c, line), key) for c in allowed if c in item}
    return Record(table_name, values, None, reader.file, line)


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


def check(pkg, repo: Path | None = None) -> list[Problem]:
    """Every alignment problem in a package read by scripts.validate; the record is looked for beside repo (or
    beside the package when no repository is given)."""
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
    base = repo if repo is not None else pkg.root
    for line, record in records:
        rid = record["record_id"]
        found = read_record(base, rid)
        spans = [(n, r) for n, r in alignments if r["record_id"] == rid and r["start"] != ""]
        if found is None:
            if spans:
                not_rechecked(base, rid, len(spans))
            continue
        characters = int(record["characters"]) if record["characters"].isdigit() else None
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
    problems = []
    for path in sorted([root / "datapackage.json", *(root / "data").rglob("*")]):
        if not path.is_file():
            continue
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for line, run in excerpts(content, grams)[:1]:
            problems.append(Problem(path.relative_to(root).as_posix(), line, "", "", "PRIMARY_EXCERPT",
                                    f"{len(run)} words in a row from the record begin here"))
    return problems


def words(text: str) -> list[tuple[str, int]]:
    """(word, offset): case-folded, accents removed, so that a copy differing only in case or accents is caught."""
    out = []
    for match in WORD.finditer(text):
        folded = "".join(c for c in unicodedata.normalize("NFD", match.group().casefold()) if not unicodedata.combining(c))
        out.append((folded, match.start()))
    return out


def shingles(text: str, n: int = EXCERPT_WORDS) -> set[tuple[str, ...]]:
    tokens = [w for w, _ in words(text)]
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def excerpts(text: str, grams: set[tuple[str, ...]], n: int = EXCERPT_WORDS) -> list[tuple[int, tuple[str, ...]]]:
    """(line, words) of each place in text where n words in a row also occur in a row in the record."""
    found = words(text)
    tokens = [w for w, _ in found]
    hits = []
    for i in range(len(tokens) - n + 1):
        run = tuple(tokens[i:i + n])
        if run in grams:
            hits.append((text.count("\n", 0, found[i][1]) + 1, run))
    return hits


# --- review ---------------------------------------------------------------------------------------------------


def review(root: Path = ROOT, out=sys.stdout) -> int:
    """Print every alignment with its target's article text and the record's text at its offsets (terminal only)."""
    records, alignments, problems = load(root)
    if problems:
        raise ProblemsFound(problems)
    article_text = {}
    for name in TARGET_TABLES:
        path = root / "data" / f"{name}.csv"
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as handle:
                article_text.update({(name, row[TABLES[name].primary_key]): row["text"] for row in csv.DictReader(handle)})
    texts = {r.values["record_id"]: read_record(root, r.values["record_id"]) for r in records}
    for a in alignments:
        v = a.values
        print(f"{v['alignment_id']}  {v['target_table']}/{v['target_id']}  {v['relation']}", file=out)
        print(f"  article: {article_text.get((v['target_table'], v['target_id']), '(not built yet)')}", file=out)
        found = texts.get(v["record_id"])
        if v.get("start") is None:
            print("  record:  (none: relation absent)", file=out)
        elif found is None:
            print(f"  record:  (not available at {record_dir(root)})", file=out)
        else:
            span = found.text[v["start"]:v["end"]]
            ok = "digest ok" if digest(span) == v.get("span_sha256") else f"DIGEST DIFFERS, text has {digest(span)}"
            print(f"  record:  [{v['start']}:{v['end']}, {v.get('speaker_turn')}, {ok}]", file=out)
            print("    " + span.replace("\n", "\n    "), file=out)
        print(f"  note:    {v['note']}", file=out)
        print(file=out)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--review", action="store_true", help="print each alignment with the record's text at its offsets (terminal only)")
    args = parser.parse_args(argv)
    try:
        if args.review:
            return review()
        records, alignments, problems = load(ROOT)
    except ProblemsFound as found:
        print(found, file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(records)} record(s), {len(alignments)} alignment(s); run with --review to read the record's text at each span")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
