"""Adding an article as docs/adding-an-article.md says keeps every check green, with no edit outside annotations/
and sources/ (the counts files included).

The article is tests/fixtures/newcomer/: an invented report whose article_id sorts before every article of the
repository and which brings new entities to the registry, the two things a test that hard-codes the real corpus
breaks on. Each step is the command the docs give, run in-process with `--root` on a copy of the repository; the
slow test then runs the default test set itself inside a full copy (code and tests included), so every test that
reads the repository reads the grown one.
"""

from __future__ import annotations

import hashlib

import csv
import json
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
PREFIX = yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))["article"]["id_prefix"]


def article_ids(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "annotations" / "articles").glob("*.yaml"))


def registry_ids(path: Path) -> list[str]:
    return [e["entity_id"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entities"]]


def arrival(root: Path) -> tuple[str, str]:
    """The article ID and prefix the newcomer article takes in the repository at root: its own, unless an article
    there already sorts before it or uses its prefix (as in a repository it was already added to), then one made to
    sort first and differ, step 1 of the docs. So the test holds whatever articles the repository has."""
    ids = article_ids(root)
    prefixes = {yaml.safe_load((root / "annotations" / "articles" / f"{i}.yaml").read_text(encoding="utf-8"))["article"]["id_prefix"]
                for i in ids}
    article_id, prefix = ARTICLE, PREFIX
    while ids and article_id >= ids[0]:
        article_id = "0" + article_id
    while prefix in prefixes:
        prefix += "x"
    return article_id, prefix


def add_as_the_docs_say(root: Path) -> tuple[str, list[str]]:
    """Steps 1 to 4: an ID and prefix no article uses, the text in sources/, the entities the registry lacks
    appended to it (those it has are reused by their ID), the annotation file. Nothing else is written by hand;
    the counts files come from the commands of step 6. Returns the article ID and the entities appended."""
    article_id, prefix = arrival(root)
    data = (NEWCOMER / "sources" / f"{ARTICLE}.txt").read_bytes()
    taken = {hashlib.sha256(t.read_bytes()).hexdigest() for t in (root / "sources").glob("*.txt")}
    while hashlib.sha256(data).hexdigest() in taken:  # the repository holds this text already (DUPLICATE_TEXT): one more final newline
        data += b"\n"
    (root / "sources" / f"{article_id}.txt").write_bytes(data)
    registry = root / "annotations" / "entities.yaml"
    known = set(registry_ids(registry))
    fixture = yaml.safe_load((NEWCOMER / "annotations" / "entities.yaml").read_text(encoding="utf-8"))["entities"]
    added = [e for e in fixture if e["entity_id"] not in known]
    registry.write_text(registry.read_text(encoding="utf-8") + "".join(
        f"  - entity_id: {json.dumps(e['entity_id'])}\n" + "".join(f"    {k}: {json.dumps(v, ensure_ascii=False)}\n"
                                                               for k, v in e.items() if k != "entity_id") for e in added),
        encoding="utf-8")
    text = ANNOTATION.read_text(encoding="utf-8")
    text = text.replace(f'article_id: "{ARTICLE}"', f'article_id: "{article_id}"').replace(f'id_prefix: "{PREFIX}"', f'id_prefix: "{prefix}"')
    text = text.replace(f'"{PREFIX}-', f'"{prefix}-')
    original = hashlib.sha256((NEWCOMER / "sources" / f"{ARTICLE}.txt").read_bytes()).hexdigest()
    text = text.replace(original, hashlib.sha256(data).hexdigest())
    (root / "annotations" / "articles" / f"{article_id}.yaml").write_text(text, encoding="utf-8")
    return article_id, [e["entity_id"] for e in added]


def test_the_newcomer_article_is_invented_and_brings_entities_of_its_own():
    assert len(registry_ids(NEWCOMER / "annotations" / "entities.yaml")) >= 2, "it brings at least two registry entities"
    text = (NEWCOMER / "sources" / f"{ARTICLE}.txt").read_text(encoding="utf-8")
    assert 150 <= len(text.split()) <= 300
    assert "invented" in yaml.safe_load(ANNOTATION.read_text(encoding="utf-8"))["article"]["note"].lower()


def test_build_counts_validate_and_check_pass_after_the_docs_steps(tmp_path, capsys):
    root = repository_copy(tmp_path / "repo")
    article_id, appended = add_as_the_docs_say(root)
    assert sorted(article_ids(root))[0] == article_id, "the new article sorts before every other"
    given = ["--root", str(root)]
    assert build_main(given) == 0, capsys.readouterr().err  # step 5: make build
    assert citation_main(given) == 0  # make citation
    capsys.readouterr()

    # step 6: the new article's counts file, and the corpus-level line the new entities change
    rel = counts.counts_file(article_id)
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
    moved = [(counts.CORPUS_FILE, "table=entities")] if appended else []
    assert [(p.file, p.key) for p in problems] == moved, "only the registry's count moved"
    assert all((REPO / p.file).is_file() for p in problems), "the file to edit is one of the repository's own"
    _, reviewed = counts.reviewed(REPO / counts.CORPUS_FILE)["entities"]
    assert counts.main(["--update", *given]) == 0
    out = capsys.readouterr().out
    if appended:
        assert f"updated {counts.CORPUS_FILE}: entities {reviewed} -> {int(reviewed) + len(appended)}" in out

    # step 7: make validate and make check
    assert validate_main(given) == 0, capsys.readouterr()
    assert build_main(["--check", *given]) == 0, capsys.readouterr().err
    assert citation_main(["--check", *given]) == 0, capsys.readouterr().err
    assert counts.main(given) == 0, capsys.readouterr().err
    with (root / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["article_id"] == article_id and len(rows) == len(article_ids(REPO)) + 1
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
    article_id, _ = add_as_the_docs_say(root)
    given = ["--root", str(root)]
    assert build_main(given) == 0 and citation_main(given) == 0
    assert counts.main(["--new", *given]) == 0 and counts.main(["--update", *given]) == 0
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_", "HYPOTHESIS_"))}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "load", "-p", "no:cacheprovider"],  # make test
                         cwd=root, capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800)
    tail = "\n".join(run.stdout.splitlines()[-40:])
    assert run.returncode == 0, f"the default tests fail once {article_id} is added:\n{tail}"
