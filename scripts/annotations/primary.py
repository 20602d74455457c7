"""The primary records and their alignments as annotated: the records' metadata and the alignment files of
annotations/primary/, read as strictly as the article annotations, and the records' own plain-text copies.

The record's text is never stored in the repository or the package. Annotations and tables hold code-point
offsets into the record's plain-text copy, the sha256 of each span's text and the annotator's English note.
The record is read from ``<repository>/../shared/source/primary/<record_id>.txt`` when it is there.

Usage: python -m scripts.annotations.primary [--review] [--root DIR]
  --review  print each alignment with the record's Spanish text at its offsets, to the terminal only
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import regex

from scripts.annotations.loader import Reader, Record, line_of, read_yaml, start_line
from scripts.contract.fields import TABLES, field_for
from scripts.contract.problems import Problem, ProblemsFound, notice
from scripts.contract.reader import PackageError, open_package
from scripts.runtime import cli

ANNOTATIONS = Path("annotations") / "primary"
TARGET_TABLES = ("quotes", "facts", "figures")
SPAN_COLUMNS = ("start", "end", "span_sha256", "speaker_turn")


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
        reader = Reader(rel)
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
        reader = Reader(rel)
        if not isinstance(doc, dict):
            reader.problem(1, "", "", "WRONG_TYPE", "the file must be a mapping with `article_id` and `alignments`")
            problems += reader.problems
            continue
        reader.keys(doc, ("article_id", "alignments"), 1, "", required=("article_id", "alignments"))
        article_id = reader.value(field_for("primary_alignments", "article_id"), doc.get("article_id"), line_of(doc, "article_id", 1), "")
        if article_id is not None and article_id != path.stem:
            reader.problem(line_of(doc, "article_id", 1), "", "article_id", "BAD_VALUE",
                           f"article_id `{article_id}` differs from the file name `{path.stem}`",
                           f"name the file {ANNOTATIONS.as_posix()}/alignments/{article_id}.yaml")
        items = doc.get("alignments") or []
        if not isinstance(items, list):
            reader.problem(line_of(doc, "alignments", 1), "", "alignments", "WRONG_TYPE", "`alignments` must be a list of records")
            items = []
        for item in items:
            record = _mapping(reader, "primary_alignments", item, start_line(item), exclude=("article_id",))
            if record is not None:
                record.values["article_id"] = article_id
                alignments.append(record)
        problems += reader.problems
    return records, alignments, problems


def _mapping(reader: Reader, table_name: str, item, line: int, exclude=()) -> Record | None:
    table = TABLES[table_name]
    if not isinstance(item, dict):
        reader.problem(line, "", table_name, "WRONG_TYPE", f"each entry of `{table_name}` must be a mapping")
        return None
    allowed = [c for c in table.columns if c not in exclude]
    key = f"{table.primary_key}={item.get(table.primary_key, '?')}"
    reader.keys(item, allowed, line, key, required=[f.name for f in table.fields if f.required and f.name not in exclude])
    values = {c: reader.value(field_for(table_name, c), item[c], line_of(item, c, line), key) for c in allowed if c in item}
    return Record(table_name, values, None, reader.file, line)


# --- review ---------------------------------------------------------------------------------------------------


def review(root: Path, out=sys.stdout) -> int:
    """Print every alignment with its target's article text and the record's text at its offsets (terminal only)."""
    records, alignments, problems = load(root)
    if problems:
        raise ProblemsFound(problems)
    article_text = {}
    try:
        pkg = open_package(root, texts=False)
    except PackageError:
        pkg = None  # not built yet: the article's side is shown as such
    for name in TARGET_TABLES if pkg else ():
        article_text.update({(name, row[TABLES[name].primary_key]): row["text"] for row in pkg.resource(name).rows})
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
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--review", action="store_true", help="print each alignment with the record's text at its offsets (terminal only)")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    try:
        if args.review:
            return review(root)
        records, alignments, problems = load(root)
    except ProblemsFound as found:
        print(found, file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(records)} record(s), {len(alignments)} alignment(s); run with --review to read the record's text at each span")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
