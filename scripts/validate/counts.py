"""Reviewed row counts: one small file per article, beside its annotation, so a corpus can grow without a bottleneck.

annotations/articles/<article_id>.counts.csv pins how many rows each per-article table holds for that article;
annotations/counts.csv pins the corpus-level tables (the entity registry, primary records). A change in a count is
a change someone must look at, so it fails `make check` and the tests with the file and line to update; the build
and `make validate` never look at these files, and adding an article touches no other article's file. An article
with no counts file yet is unreviewed: said by `make check`, allowed while it is being annotated, and refused by
`make release`.

Usage: python -m scripts.validate.counts [--new | --update] [--root DIR]
  (no option) check the committed data/ against every counts file; exit 1 on a difference
  --new       write the counts file of each article that has none yet (never rewrites a reviewed file)
  --update    rewrite every counts file that differs from data/ (the corpus-level one included), saying each line
              it changed: run it after reviewing the differences `make check` lists, then commit the files
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem
from scripts.contract.reader import PackageError, open_package
from scripts.runtime import cli

CORPUS_FILE = "annotations/counts.csv"
PER_ARTICLE = [name for name, table in TABLES.items() if "article_id" in table.columns]
CORPUS = [name for name in TABLES if name not in PER_ARTICLE]


def counts_file(article_id: str) -> str:
    """The reviewed counts of one article, beside its annotation file."""
    return f"annotations/articles/{article_id}.counts.csv"


def actual(root: Path) -> dict[str, dict[str, int]]:
    """counts file -> table -> rows, from the package's CSVs under root/data."""
    found: dict[str, dict[str, int]] = {CORPUS_FILE: {}}
    pkg = open_package(root, texts=False)
    rows = {name: [row for _, row in pkg.table(name)] for name in TABLES}
    for article in rows["articles"]:
        found[counts_file(article["article_id"])] = {}
    for name in PER_ARTICLE:
        per = Counter(row["article_id"] for row in rows[name])
        for rel in found:
            if rel != CORPUS_FILE:
                found[rel][name] = per.get(rel[len("annotations/articles/"):-len(".counts.csv")], 0)
    found[CORPUS_FILE] = {name: len(rows[name]) for name in CORPUS}
    return found


def render(counts: dict[str, int]) -> str:
    return "table,rows\n" + "".join(f"{name},{n}\n" for name, n in counts.items())


def reviewed(path: Path) -> dict[str, tuple[int, str]]:
    """table -> (line, rows as written) of a reviewed counts file."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row.get("table") or "": (line, row.get("rows") or "") for line, row in enumerate(csv.DictReader(handle), start=2)}


def check(root: Path) -> list[Problem]:
    """Every difference between the package's rows and the reviewed counts, naming the file (and line) to update.
    An article with no counts file is not a difference: unreviewed() names it."""
    problems = []
    current = actual(root)
    for rel, counts in current.items():
        path = root / rel
        if not path.is_file():
            if rel == CORPUS_FILE:
                problems.append(unreviewed_problem(rel, counts))
            continue
        expected = reviewed(path)
        for name, n in counts.items():
            if name not in expected:
                problems.append(Problem(rel, None, f"table={name}", "rows", "ROW_COUNT", f"{rel} has no line for {name}",
                                        f"add the line `{name},{n}` to {rel}"))
            elif expected[name][1] != str(n):
                line = expected[name][0]
                problems.append(Problem(rel, line, f"table={name}", "rows", "ROW_COUNT",
                                        f"{name} has {n} rows, {expected[name][1]} expected",
                                        f"review the change; if intended, set line {line} of {rel} to `{name},{n}` "
                                        "(`python -m scripts.validate.counts --update` rewrites every such line and says what it changed)"))
        for name, (line, _) in expected.items():
            if name not in counts:
                problems.append(Problem(rel, line, f"table={name}", "table", "ROW_COUNT", f"`{name}` is not a table counted in {rel}",
                                        f"delete line {line} of {rel}"))
    articles = root / "annotations" / "articles"
    for path in sorted(articles.glob("*.counts.csv")) if articles.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if rel not in current:
            problems.append(Problem(rel, None, "", "", "ROW_COUNT", f"{rel} counts an article the package does not hold",
                                    f"delete {rel}, or add its article"))
    return problems


def unreviewed(root: Path) -> list[Problem]:
    """One problem per article whose counts file does not exist yet: `make check` says them, `make release` refuses them."""
    return [unreviewed_problem(rel, counts) for rel, counts in actual(root).items()
            if rel != CORPUS_FILE and not (root / rel).is_file()]


def unreviewed_problem(rel: str, counts: dict[str, int]) -> Problem:
    return Problem(rel, None, "", "", "ROW_COUNT", f"there is no reviewed counts file {rel}",
                   f"review the rows, then create {rel} holding: {render(counts).strip().replace(chr(10), ' / ')} "
                   "(or run `python -m scripts.validate.counts --new`)")


def write_new(root: Path) -> list[str]:
    """Write the counts file of every article that has none; the files already reviewed are left alone."""
    written = []
    for rel, counts in actual(root).items():
        if not (root / rel).is_file():
            (root / rel).write_text(render(counts), encoding="utf-8")
            written.append(rel)
    return written


def update(root: Path) -> list[str]:
    """Rewrite every existing counts file (and the corpus-level one, created if missing) that differs from the
    package's rows; one line per change made, "<file>: <table> <old> -> <new>". Articles with no counts file
    are left to write_new: a first review is not an update."""
    said = []
    for rel, counts in actual(root).items():
        path = root / rel
        if not path.is_file() and rel != CORPUS_FILE:
            continue
        old = {name: rows for name, (_, rows) in reviewed(path).items()} if path.is_file() else {}
        changes = [f"{rel}: {name} {old[name] if name in old else '(no line)'} -> {n}"
                   for name, n in counts.items() if old.get(name) != str(n)]
        changes += [f"{rel}: {name} line removed (not a table counted here)" for name in old if name not in counts]
        if changes or not path.is_file() or path.read_text(encoding="utf-8") != render(counts):
            path.write_text(render(counts), encoding="utf-8")
            said += changes or [f"{rel}: rewritten in the standard layout, no count changed"]
    articles = root / "annotations" / "articles"
    current = actual(root)
    for path in sorted(articles.glob("*.counts.csv")) if articles.is_dir() else []:
        rel = path.relative_to(root).as_posix()
        if rel not in current:
            said.append(f"{rel}: left alone, it counts an article the package does not hold (delete it, or add its article)")
    return said


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--new", action="store_true", help="write the counts file of each article that has none yet")
    mode.add_argument("--update", action="store_true", help="rewrite every counts file that differs from data/, saying what changed")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    try:
        return _run(root, args.new, args.update)
    except PackageError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("row counts: the package cannot be read; run `make build` first", file=sys.stderr)
        return 1


def _run(root: Path, new: bool, updating: bool = False) -> int:
    if new:
        written = write_new(root)
        for rel in written:
            print(f"wrote {rel}: review it, then commit it with the article")
        if not written:
            print("row counts: nothing written, every article already has its counts file (--new never rewrites one; "
                  "`make check` lists the differences and `--update` rewrites them)")
        elif check(root):
            print("row counts: other counts files differ too (`make check` lists them; `--update` rewrites them)")
        return 0
    if updating:
        said = update(root)
        for line in said:
            print(f"updated {line}" if " -> " in line or "rewritten" in line else line)
        for problem in unreviewed(root):
            print(f"notice: {problem}")
        if not said:
            print("row counts: nothing to update, every counts file matches data/")
        else:
            print("row counts: review the changes above (`git diff annotations/`), then commit them with the data")
        return 0
    for problem in unreviewed(root):
        print(f"notice: {problem} (needed before `make release`)")
    problems = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"row counts: {len(problems)} difference(s) from the reviewed counts files", file=sys.stderr)
        return 1
    print("row counts: every table matches its reviewed counts files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
