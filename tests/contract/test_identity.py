"""The package's title and description count the articles it holds, from annotations/package.yaml's `{articles}`."""

import pytest
import yaml

from scripts.contract.identity import articles_phrase, resolved, stale
from tests.helpers.repo import REPO


@pytest.mark.parametrize("n, adjective, phrase", [
    (1, "", "one news article"),
    (2, "", "two news articles"),
    (12, "", "12 news articles"),
    (1000, "English-language", "1,000 English-language news articles"),
])
def test_the_articles_are_counted_in_words(n, adjective, phrase):
    assert articles_phrase(n, adjective) == phrase


def test_a_placeholder_is_written_for_the_count_and_a_file_without_one_is_kept():
    meta = {"title": "Facts in {articles}", "description": "Rows of {articles:English-language}.", "name": "x-{articles}"}
    assert resolved(meta, 3) == {"title": "Facts in three news articles",
                                 "description": "Rows of three English-language news articles.", "name": "x-{articles}"}
    plain = {"title": "Facts in one news article", "description": "d"}
    assert resolved(plain, 1) == plain and stale(plain, 1) == []
    assert stale(plain, 2) == ["title"], "a title that counts one article in a corpus is named"


def test_the_repository_package_yaml_counts_with_the_placeholder():
    meta = yaml.safe_load((REPO / "annotations" / "package.yaml").read_text(encoding="utf-8"))
    assert "{articles" in meta["title"] and stale(meta, 2) == []
