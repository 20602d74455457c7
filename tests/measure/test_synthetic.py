"""The benchmark's synthetic corpora are packages the build accepts: a corpus that fails to build would time an
error, not the build (the codebooks were once left out of them)."""

import pytest

from scripts.build.pipeline import build_and_validate
from scripts.measure.synthetic import synthesize
from scripts.runtime.root import repo_root


@pytest.mark.slow  # `make bench` is its only user, and the full run (CI) guards it
def test_a_synthetic_corpus_of_three_articles_builds_and_validates(tmp_path):
    root = synthesize(tmp_path / "corpus", 3, repo_root())
    build_and_validate(root)  # raises ProblemsFound, naming each problem, when the corpus is not a valid package
    assert len(list((root / "data" / "articles").glob("*.txt"))) == 3
