"""A package whose articles table lists one text under two IDs is refused, as the build refuses it."""

from __future__ import annotations

from scripts.contract.reader import open_package
from scripts.rules import text
from tests.helpers.repo import REPO


def test_one_text_under_two_article_ids_is_a_problem_on_the_second_row():
    pkg = open_package(REPO)
    articles = pkg.resources["articles"]
    row = dict(articles.rows[0], article_id="zz-copy")
    articles.rows = [*articles.rows, row]
    articles.lines = [*articles.lines, articles.lines[-1] + 1]
    problems = []
    text.articles(pkg, problems)
    duplicate = [p for p in problems if p.code == "DUPLICATE_TEXT"]
    assert [(p.file, p.line, p.key) for p in duplicate] == [("data/articles.csv", articles.lines[-1], "article_id=zz-copy")]
