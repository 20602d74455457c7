"""The build is a pure function of the hand-written sources, and adding an article needs nothing but its files."""

import csv
import io
import shutil

from scripts.build import ROOT, build, stale_files
from scripts.validate import validate
from tests.conftest import FIXTURES, SECOND


def test_committed_outputs_equal_a_fresh_build():
    assert stale_files(ROOT) == [], "run `make build` and commit data/ and datapackage.json"


def test_the_committed_package_is_valid():
    problems = validate(ROOT, ROOT)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_two_builds_give_the_same_bytes():
    assert build(ROOT) == build(ROOT)


def _rows(files, name):
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"))))


def test_a_second_article_needs_only_its_text_and_its_annotation_file(tmp_path):
    root = tmp_path / "repo"
    for folder in ("annotations", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    fixture = FIXTURES / SECOND
    for text in (fixture / "sources").glob("*.txt"):
        shutil.copy(text, root / "sources" / text.name)
    for ann in (fixture / "annotations" / "articles").glob("*.yaml"):
        shutil.copy(ann, root / "annotations" / "articles" / ann.name)
    alone = build(ROOT)
    both = build(root)
    second_id = next((fixture / "sources").glob("*.txt")).stem
    articles = {row["article_id"] for row in _rows(both, "articles")}
    assert articles == {row["article_id"] for row in _rows(alone, "articles")} | {second_id}
    assert f"data/articles/{second_id}.txt" in both
    for name in ("sentences", "mentions", "quotes", "facts"):
        first_only = [r for r in _rows(both, name) if r["article_id"] != second_id]
        assert first_only == _rows(alone, name), f"adding an article changed the first article's {name}"
        assert any(r["article_id"] == second_id for r in _rows(both, name)), f"no {name} for the second article"
    (root / "tests").mkdir()
    from scripts.package import write_files
    write_files(both, root)
    problems = [p for p in validate(root) if p.code != "ROW_COUNT"]
    assert problems == [], "\n".join(str(p) for p in problems)
