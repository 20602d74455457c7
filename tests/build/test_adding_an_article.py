"""Adding an article as docs/adding-an-article.md says keeps every check green, with no edit outside annotations/
and sources/ (the counts files included).

The article is tests/fixtures/newcomer/: an invented report whose article_id sorts before every article of the
repository and which brings new entities to the registry, the two things a test that hard-codes the real corpus
breaks on. Each step is the command the docs give, run in-process with `--root` on a copy of the repository; the
slow test then runs the default test set itself inside a full copy (code and tests included), so every test that
reads the repository reads the grown one.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.build.__main__ import main as build_main
from scripts.contract.fields import TABLES
from scripts.release.citation_files import main as citation_main
from scripts.validate import counts
from scripts.validate.__main__ import main as validate_main
from tests.helpers.repo import FIXTURES, REPO, repository_copy

NEWCOMER = FIXTURES / "newcomer"
[ARTICLE] = [p.stem for p in (NEWCOMER / "sources").glob("*.txt")]
ANNOTATION = NEWCOMER / "annotations" / "articles" / f"{ARTICLE}.yaml"


def article_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "annotations" / "articles").glob("*.yaml"))


def new_entities() -> list[str]:
    return [e["entity_id"] for e in yaml.safe_load((NEWCOMER / "annotations" / "entities.yaml").read_text(encoding="utf-8"))["entities"]]


def add_as_the_docs_say(root: Path) -> None:
    """Steps 2 to 4: the text in sources/, the new entities appended to the registry, the annotation file. Nothing
    else is written by hand; the counts files come from the commands of step 6."""
    shutil.copy(NEWCOMER / "sources" / f"{ARTICLE}.txt", root / "sources" / f"{ARTICLE}.txt")
    entries = (NEWCOMER / "annotations" / "entities.yaml").read_text(encoding="utf-8").split("\nentities:\n", 1)[1]
    registry = root / "annotations" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + entries, encoding="utf-8")
    shutil.copy(ANNOTATION, root / "annotations" / "articles" / ANNOTATION.name)


def test_the_newcomer_article_sorts_first_brings_entities_and_is_invented():
    assert article_ids(REPO), "the repository holds articles"
    assert ARTICLE < article_ids(REPO)[0], "the new article sorts before every article of the repository"
    registry = {e["entity_id"] for e in yaml.safe_load((REPO / "annotations" / "entities.yaml").read_text(encoding="utf-8"))["entities"]}
    assert len(new_entities()) >= 2 and not set(new_entities()) & registry, "it brings at least two entities of its own"
    text = (NEWCOMER / "sources" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    assert 150 <= len(text.split()) <= 300
    assert "invented" in yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))["article"]["note"].lower()


def test_build_counts_validate_and_check_pass_after_the_docs_steps(tmp_path, capsys):
    root = repository_copy(tmp_path / "repo")
    add_as_the_docs_say(root)
    given = ["--root", str(root)]
    assert build_main(given) == 0, capsys.readouterr().err  # step 5: make build
    assert citation_main(given) == 0  # make citation
    capsys.readouterr()

    # step 6: the new article's counts file, and the corpus-level line the new entities change
    rel = counts.counts_file(ARTICLE)
    assert counts.main(["--new", *given]) == 0
    assert f"wrote {rel}" in capsys.readouterr().out
    annotated = yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))
    with (root / rel).open(encoding="utf-8", newline="") as handle:
        written = {row["table"]: int(row["rows"]) for row in csv.DictReader(handle)}
    for name in ("mentions", "quotes", "facts", "figures", "time_expressions"):
        assert written[name] == len(annotated.get(name, [])), f"{rel}: {name} is not the number of rows annotated"
    assert counts.main(["--new", *given]) == 0
    assert "nothing written" in capsys.readouterr().out, "--new says so when every article has its file"

    problems = counts.check(root)
    assert [(p.file, p.key) for p in problems] == [(counts.CORPUS_FILE, "table=entities")], "only the registry's count moved"
    assert problems[0].file == counts.CORPUS_FILE and (root / problems[0].file).is_file(), "the file to edit is the repository's own"
    _, reviewed = counts.reviewed(REPO / counts.CORPUS_FILE)["entities"]
    assert counts.main(["--update", *given]) == 0
    out = capsys.readouterr().out
    assert f"updated {counts.CORPUS_FILE}: entities {reviewed} -> {int(reviewed) + len(new_entities())}" in out

    # step 7: make validate and make check
    assert validate_main(given) == 0, capsys.readouterr()
    assert build_main(["--check", *given]) == 0, capsys.readouterr().err
    assert citation_main(["--check", *given]) == 0, capsys.readouterr().err
    assert counts.main(given) == 0, capsys.readouterr().err
    with (root / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["article_id"] == ARTICLE and len(rows) == len(article_ids(REPO)) + 1
    per_article = [name for name, table in TABLES.items() if "article_id" in table.columns]
    assert set(written) == set(per_article)


def full_copy(dest: Path) -> Path:
    """The whole repository, code and tests included, but its history and what a build leaves outside it; the
    .venv and build/cffconvert links are kept, so the copy's tests find the same tools."""
    ignore = shutil.ignore_patterns(".git", "site", "dist", ".pytest_cache", "__pycache__", "docs-pages", ".hypothesis")
    shutil.copytree(REPO, dest, symlinks=True, ignore=ignore)
    return dest


@pytest.mark.slow
def test_the_default_tests_pass_in_a_repository_with_the_article(tmp_path):
    """`make test` in a repository the article was added to (docs step 7). A failure here is a test that depends
    on the corpus: it must derive what it checks from the repository."""
    root = full_copy(tmp_path / "grown")
    add_as_the_docs_say(root)
    given = ["--root", str(root)]
    assert build_main(given) == 0 and citation_main(given) == 0
    assert counts.main(["--new", *given]) == 0 and counts.main(["--update", *given]) == 0
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "HYPOTHESIS_"))}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "load", "-p", "no:cacheprovider"],
                         cwd=root, capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800)
    tail = "\n".join(run.stdout.splitlines()[-40:])
    assert run.returncode == 0, f"the default tests fail once {ARTICLE} is added:\n{tail}"
