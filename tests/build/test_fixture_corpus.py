"""A corpus of two articles: a copy of the real one, and an invented report (tests/fixtures/corpus/) that uses every
addition to the vocabulary for ordinary news. Built together in a scratch copy of the repository, the way
docs/adding-an-article.md says, then validated, its counts reviewed, its site built with mkdocs --strict and every
per-article browser test run on every article. The committed package stays the one real article.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from scripts.runtime.root import repo_root
from scripts.validate import counts
from scripts.build.pipeline import build, build_and_validate
from scripts.contract.problems import ProblemsFound
from scripts.rules.numbers import numbers_in
from scripts.validate.core import validate
from tests.helpers.repo import FIXTURES, add_article, scratch_repository


ROOT = repo_root()

FIXTURE = FIXTURES / "corpus"
NEW = "kesselmarsh-port-strike"
# The repository's own articles, whatever they are: read from its committed package, never named here.
REAL_ARTICLES = sorted({row["article_id"] for row in csv.DictReader((ROOT / "data" / "articles.csv").open(encoding="utf-8", newline=""))})
REAL = REAL_ARTICLES[0]  # any one of them, for the tests that need another article's file
ANNOTATION = f"annotations/articles/{NEW}.yaml"


@pytest.fixture
def corpus(grown_repository) -> Path:
    return grown_repository


def rows(root: Path, name: str, article_id: str | None = NEW) -> list[dict]:
    with (root / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if article_id is None or r.get("article_id") == article_id]


def one(root: Path, name: str, text: str) -> dict:
    [row] = [r for r in rows(root, name) if r["text"] == text]
    return row


def registry_ids(root: Path) -> list[str]:
    """The entity IDs of a registry file (the fixture's: the entries its article appends)."""
    registry = yaml.safe_load((root / "annotations" / "entities.yaml").read_text(encoding="utf-8"))
    return [entry["entity_id"] for entry in registry["entities"]]


def prefix_of(article_id: str) -> str:
    return yaml.safe_load((ROOT / "annotations" / "articles" / f"{article_id}.yaml").read_text(encoding="utf-8"))["article"]["id_prefix"]


def sentence_of(root: Path, row: dict) -> str:
    return next(s["text"] for s in rows(root, "sentences") if s["sentence_id"] == row["sentence_id"])


# ---------------------------------------------------------------- the corpus as a whole

def test_the_corpus_builds_validates_and_matches_its_reviewed_counts(corpus):
    assert {r["article_id"] for r in rows(corpus, "articles", None)} == {r["article_id"] for r in rows(ROOT, "articles", None)} | {NEW}
    problems = validate(corpus, corpus) + counts.check(corpus)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_the_title_counts_the_articles_of_the_corpus(corpus):
    import json

    grown = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    n = len(REAL_ARTICLES) + 1
    assert "one news article" not in grown["title"] and "news articles" in grown["title"]
    assert grown["name"] == json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["name"], "the name is package.yaml's"
    words = {2: "two", 3: "three"}
    assert f"{words.get(n, n)} news articles" in grown["title"]


def test_the_real_articles_rows_are_the_same_with_or_without_the_new_article(corpus):
    for article_id in REAL_ARTICLES:
        for name in ("sentences", "article_entities", "mentions", "quotes", "facts", "figures", "time_expressions"):
            assert rows(corpus, name, article_id) == rows(ROOT, name, article_id), (article_id, name)


def test_the_committed_package_never_holds_the_fixture_article():
    assert REAL_ARTICLES, "the repository holds articles"
    assert NEW not in [r["article_id"] for r in rows(ROOT, "articles", None)]
    assert not (ROOT / "sources" / f"{NEW}.txt").exists()


@pytest.mark.slow
def test_the_site_of_the_corpus_builds_strictly_with_a_page_per_article(grown_site):
    for article_id in (NEW, *REAL_ARTICLES):
        html = (grown_site / "articles" / article_id / "index.html").read_text(encoding="utf-8")
        assert html.count('class="aa"') == 1 and f'data-article-id="{article_id}"' in html


# ---------------------------------------------------------------- the vocabulary, each with a real sentence

def test_every_unit_with_its_currency_or_printed_unit(corpus):
    figures = {r["text"]: r for r in rows(corpus, "figures")}
    assert {r["unit"] for r in figures.values()} == {"percent", "count", "currency", "mass", "length", "duration", "other"}
    euros = figures["up to 4.2 million euros"]
    assert (euros["unit"], euros["currency"], euros["value"]) == ("currency", "EUR", "4200000")
    assert (figures["at least 1,200 tonnes"]["unit"], figures["at least 1,200 tonnes"]["unit_text"]) == ("mass", "tonnes")
    assert (figures["35-kilometre"]["unit"], figures["35-kilometre"]["unit_text"]) == ("length", "kilometre")
    assert (figures["six hours"]["unit"], figures["six hours"]["unit_text"]) == ("duration", "hours")
    assert (figures["8 containers an hour"]["unit"], figures["8 containers an hour"]["unit_text"]) == ("other", "containers an hour")


def test_every_bound_with_a_range_that_has_both_ends(corpus):
    bounds = {r["text"]: (r["bound"], r["value"], r["value_high"]) for r in rows(corpus, "figures")}
    assert bounds["more than 50 ships"] == ("more_than", "50", "")
    assert bounds["at least 1,200 tonnes"] == ("at_least", "1200", "")
    assert bounds["at most 400 fishing families"] == ("at_most", "400", "")
    assert bounds["up to 4.2 million euros"] == ("at_most", "4200000", "")
    assert bounds["less than 3 percent"] == ("less_than", "3", "")
    assert bounds["between 40 and 60 percent"] == ("range", "40", "60")
    assert bounds["3,000 members"] == ("exact", "3000", "")


def test_number_words_fractions_and_scale_words_are_read_as_printed(corpus):
    values = {r["text"]: Decimal(r["value"]) for r in rows(corpus, "figures")}
    assert values["half"] == Decimal("0.5") and values["about a quarter"] == Decimal("0.25")
    assert values["Thousands"] == 1000 and values["A dozen"] == 12
    assert numbers_in("up to 4.2 million euros") >= {Decimal("4.2"), Decimal("4200000")}
    assert Decimal("500000") in numbers_in("half a million barrels") and Decimal(24) in numbers_in("two dozen")
    assert Decimal(45) in numbers_in("forty-five ships")


@pytest.mark.parametrize("text, value", [("fell to −3 degrees", "-3"), ("fell to -3 degrees", "-3"), ("-1,200.5 tonnes", "-1200.5")])
def test_a_printed_minus_sign_makes_the_value_negative(text, value):
    """U+2212 or a hyphen-minus right before the digits is the sign; the guidelines' value is the number as printed."""
    assert numbers_in(text) == {Decimal(value)}


def test_a_hyphen_between_numbers_is_no_sign():
    assert numbers_in("the 2025-26 season, a 30-50% drop") == {Decimal(2025), Decimal(26), Decimal(30), Decimal(50)}


def test_timex_values_use_weeks_and_parts_of_the_day(corpus):
    values = {r["text"]: (r["type"], r["value"]) for r in rows(corpus, "time_expressions")}
    assert values["last week"] == ("DATE", "2031-W14")
    assert values["Tuesday morning"] == ("TIME", "2031-04-08TMO")
    assert values["Monday evening"] == ("TIME", "2031-04-14TEV")


def test_a_weekday_given_another_days_date_is_reported(corpus):
    """S51: "Tuesday morning" is 2031-04-08TMO; the Wednesday after it is not what the words say."""
    from scripts.contract.reader import open_package
    from scripts.rules import stated

    pkg = open_package(corpus)
    table = pkg.resources["time_expressions"]
    saved = table.rows
    table.rows = [dict(r, value="2031-04-09TMO") if r["text"] == "Tuesday morning" else r for r in saved]
    try:
        problems = []
        stated.check(pkg, problems)
    finally:
        table.rows = saved
    assert [p.message for p in problems if p.code == "TIMEX_VALUE_WORDS"] == [
        'the words "Tuesday morning" name Tuesday, but 2031-04-09 is a Wednesday']


def test_a_non_referring_it_is_marked_and_names_no_entity(corpus):
    it = one(corpus, "mentions", "It")
    assert (it["form"], it["entity_id"]) == ("expletive", "")
    assert sentence_of(corpus, it).startswith("It is clear that")


def test_quotation_marks_inside_reported_speech_are_a_mixed_quote_holding_a_direct_one(corpus):
    mixed = one(corpus, "quotes", "the walkout “reckless”")
    direct = one(corpus, "quotes", "“reckless”")
    assert (mixed["kind"], mixed["cue_text"], direct["kind"], direct["parent_quote_id"]) == ("mixed", "called", "direct", mixed["quote_id"])
    assert direct["cue_text"] == "" and direct["speaker_id"] == mixed["speaker_id"] == "ilse-varnholt"


def test_according_to_is_an_evidential_cue_without_a_verb(corpus):
    quote = one(corpus, "quotes", "Dockworkers at the Port of Kesselmarsh walked off the job on Tuesday morning")
    assert (quote["cue_text"], quote["cue_type"], quote["reporting_verb"]) == ("according to", "evidential", "")
    assert quote["speaker_id"] == "kesselmarsh-officials"


def test_each_article_gives_its_own_role_to_registry_entities(corpus):
    roles = {(r["article_id"], r["entity_id"]): r["role"] for r in rows(corpus, "article_entities", None)}
    assert ("kesselmarsh-port-strike", "ilse-varnholt") in roles
    assert {key for key in roles if key[0] in REAL_ARTICLES} == {(r["article_id"], r["entity_id"]) for r in rows(ROOT, "article_entities", None)}
    entities = {r["entity_id"]: r for r in rows(corpus, "entities", None)}
    assert not any(" this article" in e["description"] or "the article" in e["description"] for e in entities.values())


# ---------------------------------------------------------------- what the corpus rules refuse

def _edited(tmp_path, old: str, new: str, rel: str = ANNOTATION) -> Path:
    root = scratch_repository(tmp_path / "repo")
    add_article(root, FIXTURE)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def _problems(root: Path, staged: bool = False):
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=("rules",)) if staged else build(root)
    return found.value.problems


def test_an_id_prefix_used_twice_is_one_problem_naming_both_files(tmp_path):
    root = _edited(tmp_path, 'id_prefix: "kps"', f'id_prefix: "{prefix_of(REAL)}"')
    [problem] = _problems(root)
    assert (problem.code, problem.field) == ("ID_PREFIX_REUSED", "id_prefix")
    assert {problem.file, problem.message.rsplit(" ", 1)[-1]} == {ANNOTATION, f"annotations/articles/{REAL}.yaml"}


def test_a_reference_to_another_articles_row_is_refused(tmp_path):
    other = rows(ROOT, "quotes", REAL)[0]["quote_id"]
    root = _edited(tmp_path, 'quote_id: "kps-q06", factuality', f'quote_id: "{other}", factuality')
    problems = [p for p in _problems(root) if p.code == "CROSS_ARTICLE_REFERENCE"]
    assert [(p.file, p.key, p.field) for p in problems] == [(ANNOTATION, "fact_id=kps-f003", "quote_id")]
    assert REAL in problems[0].message


def test_redefining_a_registry_entity_in_an_article_file_names_the_registry(tmp_path):
    root = _edited(tmp_path, '{entity_id: "ilse-varnholt", role:', '{entity_id: "ilse-varnholt", name: "Ilse Varnholt", role:')
    problems = [p for p in _problems(root) if p.code == "ENTITY_REDEFINED"]
    assert len(problems) == 1 and problems[0].file == ANNOTATION and "annotations/entities.yaml" in problems[0].fix


def test_an_entity_a_row_names_must_be_in_its_articles_list(tmp_path):
    root = _edited(tmp_path, '  - {entity_id: "tamsin-achterberg", role: "Union spokesperson who reports the residents\' march"}\n', "")
    codes = {(p.code, p.field) for p in _problems(root)}
    assert ("ENTITY_NOT_LISTED", "speaker_id") in codes and ("ENTITY_NOT_LISTED", "entity_id") in codes


def printed_surname() -> tuple[str, str]:
    """(article_id, surname): the surname of a person a repository article lists, printed in its text."""
    people = {r["entity_id"]: r["name"] for r in rows(ROOT, "entities", None) if r["type"] == "person"}
    for row in rows(ROOT, "article_entities", None):
        surname = people.get(row["entity_id"], "").split(" ")[-1]
        text = (ROOT / "sources" / f"{row['article_id']}.txt").read_text(encoding="utf-8")
        if surname and surname in text:
            return row["article_id"], surname
    pytest.skip("no repository article prints the surname of a person it lists")


def test_coverage_runs_over_the_entities_each_article_lists(tmp_path):
    """A person only the new article lists, whose surname another article prints for someone else, is not that
    article's business: coverage looks at the entities each article lists."""
    article_id, surname = printed_surname()
    entity_id = f"ana-{surname.lower()}"
    root = _edited(tmp_path, '  - {entity_id: "dorrin-dockers-union",',
                   f'  - {{entity_id: "{entity_id}", role: "Listed to test coverage"}}\n  - {{entity_id: "dorrin-dockers-union",')
    registry = root / "annotations" / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + f'  - entity_id: "{entity_id}"\n    name: "Ana {surname}"\n'
                        '    type: "person"\n    description: "Invented person (test)"\n    wikidata_note: "Invented; no Wikidata item."\n',
                        encoding="utf-8")
    assert surname in (root / "sources" / f"{article_id}.txt").read_text(encoding="utf-8")
    # no coverage problem for the surname; listing an entity no row refers to is a problem of its own
    assert [(p.code, p.key) for p in _problems(root, staged=True)] == [("ARTICLE_ENTITY_UNUSED", f"article_entity_id=kps-{entity_id}")]


def test_the_pronoun_rule_accepts_an_expletive_and_refuses_an_unmarked_it(tmp_path):
    root = _edited(tmp_path, '  - {mention_id: "kps-m006", span: "It", form: "expletive", basis: "Pleonastic subject of \\"is clear that\\": it refers to nothing."}\n', "")
    problems = [p for p in _problems(root, staged=True) if p.code == "COVERAGE_PRONOUN"]
    assert len(problems) == 1 and '"It"' in problems[0].message


@pytest.mark.parametrize("old,new,field", [
    ('unit: "currency", currency: "EUR"', 'unit: "currency"', "currency"),
    pytest.param('unit: "mass", unit_text: "tonnes"', 'unit: "mass"', "unit_text", marks=pytest.mark.slow),
    pytest.param('value: "40", value_high: "60", bound: "range"', 'value: "40", bound: "range"', "value_high", marks=pytest.mark.slow),
    pytest.param('value: "40", value_high: "60", bound: "range"', 'value: "40", value_high: "60", bound: "exact"', "value_high",
                 marks=pytest.mark.slow),
])
def test_a_unit_or_bound_without_the_cells_it_needs_is_refused(tmp_path, old, new, field):
    root = _edited(tmp_path, old, new)
    problems = [p for p in _problems(root, staged=True) if p.code == "FIGURE_UNIT"]
    assert [p.field for p in problems] == [field]
    assert problems[0].source.startswith(ANNOTATION), "the problem leads back to the annotation line"


def test_counts_name_the_corpus_line_to_update_and_the_new_articles_file_to_review(tmp_path):
    """The registry grew, so the corpus-level count is a difference; the new article without a counts file is
    unreviewed (said by `make check`, refused by `make release`), never a line of the first article's file."""
    root = scratch_repository(tmp_path / "repo")
    add_article(root, FIXTURE)
    (root / "annotations" / "articles" / f"{NEW}.counts.csv").unlink()
    (root / "annotations" / "counts.csv").write_bytes((ROOT / "annotations" / "counts.csv").read_bytes())
    build_and_validate(root, stages=("rules",))  # the build and validation never look at the counts
    assert sorted({p.file for p in counts.check(root)}) == ["annotations/counts.csv"]
    before = {p.file for p in counts.unreviewed(ROOT)}  # empty, unless the repository itself holds an unreviewed article
    assert {p.file for p in counts.unreviewed(root)} - before == {"annotations/articles/kesselmarsh-port-strike.counts.csv"}
    written = set(counts.write_new(root)) - before
    assert written == {"annotations/articles/kesselmarsh-port-strike.counts.csv"}
    [rel] = written
    assert (root / rel).read_text(encoding="utf-8") == (FIXTURE / rel).read_text(encoding="utf-8")
    [problem] = counts.check(root)
    line, reviewed = counts.reviewed(ROOT / counts.CORPUS_FILE)["entities"]
    grown = int(reviewed) + len(registry_ids(FIXTURE))
    assert (problem.file, problem.line, problem.key) == ("annotations/counts.csv", line, "table=entities")
    assert f"`entities,{grown}`" in problem.fix
    assert counts.update(root) == [f"annotations/counts.csv: entities {reviewed} -> {grown}"]
    assert counts.check(root) == [], "--update wrote what the check asked for"


def test_the_fixture_text_is_about_250_words_and_its_own():
    text = (FIXTURE / "sources" / f"{NEW}.txt").read_text(encoding="utf-8")
    assert 200 <= len(text.split()) <= 300
    assert len(text.splitlines()) == 8 and "“" in text and "according to" in text
