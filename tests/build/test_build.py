"""The build is a pure function of the hand-written sources, and adding an article needs nothing but its files."""

import csv
import io
import hashlib
import json
import re
import shutil

import pytest

from scripts.runtime.root import repo_root
from scripts.validate import counts
from scripts.rules import versions as digest
from scripts.build.pipeline import build, build_and_validate, stale_files
from scripts.validate.core import validate
from tests.helpers.repo import repository_copy, FIXTURES, SECOND, add_article, scratch_repository

ROOT = repo_root()


def test_committed_outputs_equal_a_fresh_build():
    assert stale_files(ROOT) == [], "run `make build` and commit data/ and datapackage.json"


def test_the_committed_package_is_valid():
    problems = validate(ROOT, ROOT)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_every_row_count_matches_its_reviewed_counts_file():
    problems = counts.check(ROOT)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_two_builds_give_the_same_bytes():
    assert build(ROOT) == build(ROOT)


def _rows(files, name):
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"))))


def test_a_second_article_needs_only_its_text_its_annotation_file_and_its_registry_entries(tmp_path):
    root = scratch_repository(tmp_path / "repo")
    [second_id] = add_article(root, FIXTURES / SECOND)
    alone = build(ROOT)
    both = build(root)
    articles = {row["article_id"] for row in _rows(both, "articles")}
    assert articles == {row["article_id"] for row in _rows(alone, "articles")} | {second_id}
    assert f"data/articles/{second_id}.txt" in both
    for name in ("sentences", "article_entities", "mentions", "quotes", "facts"):
        first_only = [r for r in _rows(both, name) if r["article_id"] != second_id]
        assert first_only == _rows(alone, name), f"adding an article changed the first article's {name}"
        assert any(r["article_id"] == second_id for r in _rows(both, name)), f"no {name} for the second article"
    from scripts.build.write import write_files
    write_files(both, root)
    problems = validate(root)
    assert problems == [], "\n".join(str(p) for p in problems)


@pytest.mark.slow
def test_a_copy_of_the_real_article_under_a_new_id_and_prefix_is_a_valid_package_of_two(tmp_path, capsys):
    """The README's promise: one more text and one more annotation file, nothing else edited, in a copy of the whole
    repository (its released digest and reviewed counts included). The build and validation pass and say what is
    pending; only the release waits for the version bump and the new article's reviewed counts."""
    from scripts.release import zips as release

    root = tmp_path / "repo"
    repository_copy(root)
    real = sorted(p.stem for p in (root / "annotations" / "articles").glob("*.yaml"))[0]  # any article of the repository
    annotation = (root / "annotations" / "articles" / f"{real}.yaml").read_text(encoding="utf-8")
    old = re.search(r'id_prefix: "([a-z0-9]+)"', annotation).group(1)
    copy_id, prefix = f"{real}-again", f"{old}again"
    # one byte more (a second final newline), so that the copy is not the same text (which DUPLICATE_TEXT refuses)
    text = (root / "sources" / f"{real}.txt").read_bytes() + b"\n"
    (root / "sources" / f"{copy_id}.txt").write_bytes(text)
    annotation = (annotation.replace(f'article_id: "{real}"', f'article_id: "{copy_id}"')
                  .replace(f'id_prefix: "{old}"', f'id_prefix: "{prefix}"').replace(f'"{old}-', f'"{prefix}-')
                  .replace(hashlib.sha256(text[:-1]).hexdigest(), hashlib.sha256(text).hexdigest()))
    (root / "annotations" / "articles" / f"{copy_id}.yaml").write_text(annotation, encoding="utf-8")
    files = build_and_validate(root)
    assert {row["article_id"] for row in _rows(files, "articles")} == {row["article_id"] for row in _rows(build(ROOT), "articles")} | {copy_id}
    assert validate(root, root) == []
    in_progress = json.loads((root / "data-digest.json").read_text(encoding="utf-8"))["version"] != json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"]
    if not in_progress:  # a repository between releases already names its next version, so growth needs no notice
        assert "notice: unreleased: the data grew since version" in capsys.readouterr().out
    assert counts.check(root) == [], "a reviewed count of the first article changed"
    before = {p.file for p in counts.unreviewed(ROOT)}  # empty, unless the repository itself holds an unreviewed article
    assert {p.file for p in counts.unreviewed(root)} - before == {counts.counts_file(copy_id)}
    problems, _ = release.readiness(root)
    if in_progress:  # the next version is named already: the release waits for its digest and the new counts
        assert {p.file for p in problems} >= {counts.counts_file(copy_id), "data-digest.json"}
        return
    assert {p.file for p in problems} >= {counts.counts_file(copy_id), "annotations/package.yaml"}
    released = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"]
    bump = next(p for p in problems if p.file == "annotations/package.yaml")
    assert f'set `version: "{digest.bump(released, "MINOR")}"`' in str(bump), "an added article needs a MINOR bump"
