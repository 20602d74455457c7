"""Curation coverage: leaving out a pronoun, a name or a surname's mention stops the build at its sentence.

Shown on the invented newcomer article (tests/fixtures/newcomer/) added to a copy of the repository, so the test
holds whatever articles the repository has, and its own articles must pass coverage beside it."""

import pytest

from scripts.runtime.root import repo_root
from scripts.build.pipeline import build_and_validate
from scripts.contract.problems import ProblemsFound
from tests.helpers.repo import FIXTURES, add_article, scratch_repository

ROOT = repo_root()
NEWCOMER = FIXTURES / "newcomer"
[ARTICLE_ID] = [p.stem for p in (NEWCOMER / "sources").glob("*.txt")]
YAML = f"annotations/articles/{ARTICLE_ID}.yaml"


def without(tmp_path, record_id: str):
    """A copy of the repository's inputs with the newcomer article added and one flow-style mention removed (and
    the `source_mention_id:` lines of the quotes that cite it)."""
    root = scratch_repository(tmp_path / "repo")
    add_article(root, NEWCOMER)
    path = root / YAML
    lines = path.read_text(encoding="utf-8").split("\n")
    cited = [line for line in lines if line.strip() == f'source_mention_id: "{record_id}"']  # a quote's source: left unsaid
    kept = [line for line in lines if (f'"{record_id}"' not in line or "span" not in line) and line not in cited]
    assert len(kept) == len(lines) - 1 - len(cited), f"{record_id} is not a one-line record"
    path.write_text("\n".join(kept), encoding="utf-8")
    return root


ARTICLE = (NEWCOMER / "sources" / f"{ARTICLE_ID}.txt").read_text(encoding="utf-8")


def at(text: str, after: str) -> str:
    start = ARTICLE.index(after + text) + len(after)
    return f'"{text}" at {start}:{start + len(text)}'


@pytest.mark.parametrize("record_id, code, expected", [
    pytest.param("avl-m004", "COVERAGE_PRONOUN", at("it", "visited ") + " is not linked to an entity", id="unlinked pronoun"),
    pytest.param("avl-m003", "COVERAGE_NAME", at("Petra Lindqvist", "Mayor ") + " has no mention of petra-lindqvist", id="name without a mention"),
    pytest.param("avl-m010", "COVERAGE_NAME", at("Castell", "month.\n") + " has no mention of omar-castell",
                 id="surname without a mention"),
])
def test_an_unannotated_reference_is_reported_at_its_sentence(tmp_path, record_id, code, expected):
    root = without(tmp_path, record_id)
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=("rules",))
    problems = [p for p in found.value.problems if p.code == code]
    assert problems and all(p.file == "data/sentences.csv" and p.field == "text" for p in problems)
    assert all(p.key.startswith("sentence_id=avl-s") for p in problems), "only the new article's sentence is named"
    assert [p for p in problems if expected in p.message], [p.message for p in problems]
    assert not (root / "data").exists(), "a failed build must write nothing"


def test_words_that_only_look_like_references_build(tmp_path):
    """The look-alike article (tests/fixtures/lookalikes/): a year in a time expression is no figure, "Young" in
    "the Young Foundation" is that foundation's name, "Young" in "Young workers" is marked as referring to nothing,
    and "US" is the United States' name, not the pronoun "us" (guidelines 3 and 10.11)."""
    root = scratch_repository(tmp_path / "repo")
    add_article(root, FIXTURES / "lookalikes")
    build_and_validate(root, stages=("rules",))
    assert (root / "data" / "mentions.csv").read_text(encoding="utf-8").count("nfr-m") == 5


def test_a_look_alike_left_unmarked_is_still_reported(tmp_path):
    """Without its expletive row, "Young" in "Young workers" is a surname of Eva Young with no mention."""
    root = scratch_repository(tmp_path / "repo")
    add_article(root, FIXTURES / "lookalikes")
    path = root / "annotations" / "articles" / "norland-ferry.yaml"
    path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if '"nfr-m003"' not in line),
                    encoding="utf-8")
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=("rules",))
    assert [p.message.split(", in ")[0] for p in found.value.problems if p.code == "COVERAGE_NAME"] == ['"Young" at 121:126 has no mention of eva-young']
