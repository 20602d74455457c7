"""A new article that collides with a released one is the one named, and the fix never asks to rename released IDs;
two articles with one text are refused (DUPLICATE_TEXT)."""

from __future__ import annotations

import pytest

from scripts.build.pipeline import build
from scripts.contract.problems import ProblemsFound
from scripts.rules.versions import released_articles
from tests.helpers.repo import REPO, scratch_repository


def released_one(root):
    article = sorted(released_articles(REPO))[0]
    return article, (root / "annotations/articles" / f"{article}.yaml").read_text(encoding="utf-8")


def add_copy(root, article: str, yaml_text: str, new_id: str, text: bytes):
    (root / "sources" / f"{new_id}.txt").write_bytes(text)
    (root / "annotations/articles" / f"{new_id}.yaml").write_text(
        yaml_text.replace(f'article_id: "{article}"', f'article_id: "{new_id}"'), encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    root = scratch_repository(tmp_path / "repo")
    (root / "data-digest.json").write_bytes((REPO / "data-digest.json").read_bytes())
    return root


def problems_of(root):
    with pytest.raises(ProblemsFound) as found:
        build(root)
    return found.value.problems


def test_a_new_article_that_sorts_first_and_reuses_a_released_prefix_is_the_one_named(repo):
    article, yaml_text = released_one(repo)
    text = (repo / "sources" / f"{article}.txt").read_bytes() + "An added closing line.\n".encode()
    add_copy(repo, article, yaml_text, "aaa-new-article", text)
    reused = [p for p in problems_of(repo) if p.code == "ID_PREFIX_REUSED"]
    assert [p.file for p in reused] == ["annotations/articles/aaa-new-article.yaml"], [str(p) for p in reused]
    assert f"leave annotations/articles/{article}.yaml as it is" in str(reused[0])
    assert "released article" in reused[0].message


def test_two_articles_with_one_text_are_refused(repo):
    article, yaml_text = released_one(repo)
    text = (repo / "sources" / f"{article}.txt").read_bytes()
    add_copy(repo, article, yaml_text.replace('id_prefix: "', 'id_prefix: "zz'), "aaa-same-text", text)
    duplicate = [p for p in problems_of(repo) if p.code == "DUPLICATE_TEXT"]
    assert [p.file for p in duplicate] == ["sources/aaa-same-text.txt"], [str(p) for p in duplicate]
    assert f"sources/{article}.txt" in duplicate[0].message
