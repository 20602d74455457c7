"""The site of a corpus: several articles, a homepage, and the primary-record resources that may come later.

Built for real (`mkdocs build --strict`) from tests/helpers/packages.py's corpus package, and compared with the
repository's own single-article package, which has neither a homepage nor primary records.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from scripts.contract.fields import TABLES
from tests.helpers.packages import ALIGNMENT_NOTE, HOMEPAGE, RECORD_URL
from tests.helpers.repo import REPO
from tests.helpers.site import page, parse, read_csv

pytestmark = pytest.mark.slow  # a corpus site of its own is built for these (the full run)



@pytest.fixture
def corpus(corpus_site) -> Path:
    return corpus_site[1]


@pytest.fixture
def single(repo_site) -> Path:
    return repo_site


def test_one_page_per_article_and_an_index(corpus):
    index = parse(page(corpus, "articles"))
    for article_id in ("alpha", "beta"):
        assert article_id in index.text
        html = page(corpus, f"articles/{article_id}").read_text(encoding="utf-8")
        assert html.count('class="aa"') == 1 and f'data-article-id="{article_id}"' in html


def test_article_id_is_shown_where_rows_of_several_articles_meet(corpus, single):
    for path in ("quotes", "entities/ann-smith", "tables/quotes", "tables/sentences"):
        header = next(row for row in parse(page(corpus, path)).rows if any(c.endswith("_id") for c in row))
        assert "article_id" in header, f"{path} hides article_id in a corpus"
    quotes_header = next(row for row in parse(page(single, "quotes")).rows if "quote_id" in row)
    one_article = len(read_csv(REPO, "articles")) == 1  # the repository, unless an article was added to it
    assert ("article_id" not in quotes_header) == one_article  # one article: the column would repeat one value


def test_sentences_about_the_articles_follow_the_counts(corpus, single):
    assert "two news articles" in parse(page(corpus, "")).text
    assert "the 2 articles" in parse(page(corpus, "entities")).text
    n = len(read_csv(REPO, "articles"))
    home = parse(page(single, "")).text
    assert ("one news article" if n == 1 else "news articles") in home
    tables = len(TABLES)
    rows = sum(len(read_csv(REPO, p.stem)) for p in (REPO / "data").glob("*.csv"))
    assert f"{tables} tables holding {rows:,} rows in all" in " ".join(home.split())


def test_primary_records_appear_only_when_the_package_has_them(corpus, single):
    """The verdict sits beside the text (after the ID, text, offsets, speaker and kind), in words, opening the
    note and the record; a row of a table that can be checked but was not says so."""
    html = page(corpus, "quotes").read_text(encoding="utf-8")
    text = parse(page(corpus, "quotes"))
    header = next(row for row in text.rows if "quote_id" in row)
    at = header.index("Primary record")
    assert header[:at] == ["quote_id", "article_id", "text", "start", "end", "speaker_id", "kind"]
    row = next(r for r in text.rows if r and r[0] == "al-q01")
    assert "(paraphrase" in row[at] and "differs <b>slightly</b>" in row[at]
    assert f'href="{RECORD_URL}"' in html and "<b>slightly" not in html
    assert re.search(r'<details class="dp-primary" data-relation="paraphrase" title="[^"]*differs &lt;b&gt;slightly', html)
    other = next(r for r in text.rows if r and r[0] == "be-q01")
    assert other[at] == "Not checked against a primary record"
    # the real package has its alignments, so its quotes page has the column too
    assert "Primary record" in page(single, "quotes").read_text(encoding="utf-8")
    assert ALIGNMENT_NOTE.split("|")[0].strip() in text.text


def test_entity_pages_speak_of_n_articles_in_good_grammar(corpus):
    """'where it is named or referred to in the 2 articles', never 'the 2 articles refers'; contents without backticks."""
    html = page(corpus, "entities/ann-smith").read_text(encoding="utf-8")
    words = " ".join(parse(page(corpus, "entities/ann-smith")).text.split())
    assert "in the 2 articles" in words and "articles refers" not in words and "the article " not in words
    toc = re.findall(r'<a href="#[^"]*" class="md-nav__link">(.*?)</a>', html, re.S)
    assert toc and not any("`" in item for item in toc)


def test_article_pages_are_titled_by_headline_or_a_label_never_the_id(corpus_site, single):
    for root, site in (corpus_site, (REPO, single)):
        for row in read_csv(root, "articles"):
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page(site, f"articles/{row['article_id']}").read_text(encoding="utf-8"), re.S)
            title = re.sub(r"<[^>]+>", "", h1.group(1))
            assert row["article_id"] not in title
            assert (row["title"] in title) if row["title"] else title.startswith("News article")


def test_site_url_comes_from_the_homepage_when_there_is_one(corpus, single):
    sitemap = (corpus / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{HOMEPAGE}articles/alpha/</loc>" in sitemap
    assert f'<link rel="canonical" href="{HOMEPAGE}quotes/">' in page(corpus, "quotes").read_text(encoding="utf-8")
    assert "<loc>" not in (single / "sitemap.xml").read_text(encoding="utf-8")  # no homepage: no invented address
    curl = parse(page(single, "usage")).text
    assert "127.0.0.1:8000\"" not in curl and "BASE:?" in curl


def test_the_dictionary_shows_names_without_escapes(single):
    text = parse(page(single, "dictionary")).text
    assert "\\-" not in text and "\\_" not in text


def test_entity_pages_leave_identifier_checking_notes_to_the_table(single):
    for row in read_csv(REPO, "entities"):
        if row.get("wikidata_note"):
            assert row["wikidata_note"] not in parse(page(single, f"entities/{row['entity_id']}")).text
            assert " ".join(row["wikidata_note"].split()) in " ".join(parse(page(single, "tables/entities")).text.split())


def test_constant_columns_are_stated_once_not_repeated(single):
    sentences = parse(page(single, "tables/sentences"))
    header = next(row for row in sentences.rows if "sentence_id" in row)
    if len({r["article_id"] for r in read_csv(REPO, "sentences")}) == 1:
        assert "article_id" not in header
        assert "Every row has the same value in article_id" in " ".join(sentences.text.split())


def test_docs_code_is_small_modules_and_short_functions():
    for path in (REPO / "scripts" / "docs").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 400, f"{path.name} has more than 400 lines"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{path.name}: {node.name} has {length} lines"
