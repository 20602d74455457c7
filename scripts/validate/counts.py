"""Reviewed row counts: one small file per article, beside its annotation, so a corpus can grow without a bottleneck.

annotations/articles/<article_id>.counts.csv pins how many rows each per-article table holds for that article;
annotations/counts.csv pins the corpus-level tables (the entity registry, primary records). A change in a count is
a change someone must look at, so it fails `make check` and the tests with the file and line to update; the build
and `make validate` never look at these files, and adding an article touches no other article's file. An article
with no counts file yet is unreviewed: said by `make check`, allowed while it is being annotated, and refused by
`make release`.

Usage: python -m scripts.validate.counts [--new] [--root DIR]
  (no option) check the committed data/ against every counts file; exit 1 on a difference
  --new       write the counts file of each article that has none yet (never rewrites a reviewed file)
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
        expected: dict[str, tuple[int, str]] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                expected[row.get("table") or ""] = (line, row.get("rows") or "")
        for name, n in counts.items():
            if name not in expected:
                problems.append(Problem(rel, None, f"table={name}", "rows", "ROW_COUNT", f"{rel} has no line for {name}",
                                        f"add the line `{name},{n}` to {rel}"))
            elif expected[name][1] != str(n):
                line = expected[name][0]
                problems.append(Problem(rel, line, f"table={name}", "rows", "ROW_COUNT",
                                        f"{name} has {n} rows, {expected[name][1]} expected",
                                        f"review the change; if intended, set line {line} of {rel} to `{name},{n}`"))
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


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--new", action="store_true", help="write the counts file of each article that has none yet")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    try:
        return _run(root, args.new)
    except PackageError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("row counts: the package cannot be read; run `make build` first", file=sys.stderr)
        return 1


def _run(root: Path, new: bool) -> int:
    if new:
        for rel in write_new(root):
            print(f"wrote {rel}: review it, then commit it with the article")
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
