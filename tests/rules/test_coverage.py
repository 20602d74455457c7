"""Curation coverage on the real article: leaving out a pronoun, a name or a figure stops the build at its sentence."""

import shutil

import pytest

from scripts.runtime.root import repo_root
from scripts.build.pipeline import build_and_validate
from scripts.contract.problems import ProblemsFound

ROOT = repo_root()

YAML = "annotations/articles/sheinbaum-trump-call.yaml"


def without(tmp_path, record_id: str):
    """A copy of the repository's sources with one flow-style annotation record removed."""
    root = tmp_path / "repo"
    for folder in ("annotations", "sources"):
        shutil.copytree(ROOT / folder, root / folder)
    path = root / YAML
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if f'"{record_id}"' not in line or "span" not in line]
    assert len(kept) == len(lines) - 1, f"{record_id} is not a one-line record"
    path.write_text("\n".join(kept), encoding="utf-8")
    return root


ARTICLE = (ROOT / "sources" / "sheinbaum-trump-call.txt").read_text(encoding="utf-8")


def at(text: str, after: str) -> str:
    start = ARTICLE.index(after + text) + len(after)
    return f'"{text}" at {start}:{start + len(text)}'


@pytest.mark.parametrize("record_id, code, expected", [
    pytest.param("stc-m031", "COVERAGE_PRONOUN", at("them", "to combat ") + " is not linked to an entity", id="unlinked pronoun"),
    pytest.param("stc-m026", "COVERAGE_NAME", at("Fox News", "remarks on ") + " has no mention of fox-news", id="name without a mention"),
    pytest.param("stc-m054", "COVERAGE_NAME", at("Trump", "Cuba with ") + " has no mention of donald-trump",
                 id="surname without a mention"),
])
def test_an_unannotated_reference_is_reported_at_its_sentence(tmp_path, record_id, code, expected):
    root = without(tmp_path, record_id)
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=("rules",))
    [problem] = [p for p in found.value.problems if p.code == code]
    assert problem.file == "data/sentences.csv" and problem.field == "text"
    assert problem.key.startswith("sentence_id=stc-s")
    assert expected in problem.message
    assert not (root / "data").exists(), "a failed build must write nothing"
