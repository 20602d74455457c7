"""A study the agreement page calls blind has a record anyone can check: the files its annotator was given, with
their sha256 at a named commit, none of which carries the article's annotation, and a second file that borrows
nothing from the curated one."""

import hashlib
import re
import shutil
import subprocess
from functools import lru_cache

import pytest

from scripts.annotations.yaml_reader import read_yaml
from scripts.measure.agreement import measure, render
from scripts.runtime.root import repo_root

ROOT = repo_root()
FIXTURES = ROOT / "tests" / "fixtures"


@lru_cache(maxsize=None)
def _results():
    return tuple(measure(ROOT))


def recorded_blind() -> list[tuple[str, str]]:
    """(article, study name) of every study its record calls blind, read from the study files alone (measuring
    agreement is left to the tests, so collecting them costs nothing)."""
    found = []
    for path in sorted((ROOT / "annotations" / "agreement").glob("*.study.yaml")):
        doc, _ = read_yaml(path, path.relative_to(ROOT).as_posix())
        found += [(path.name.removesuffix(".study.yaml"), st.get("study")) for st in (doc or {}).get("studies") or []
                  if hasattr(st, "get") and st.get("blind")]
    return found


def _measured(article_id: str, name: str) -> dict:
    """The study as the agreement page prints it: a study recorded blind must still be blind there."""
    [study] = [st for r in _results() if r.article_id == article_id for st in r.studies if st.get("study") == name]
    assert study["blind"], study.get("not_blind_because")
    return study


def _at_commit(commit: str, path: str) -> bytes:
    if shutil.which("git") is None or subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"],
                                                     capture_output=True).returncode != 0:
        pytest.skip(f"commit {commit} is not in this clone (a shallow clone); the hashes need the history")
    return subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], capture_output=True, check=True).stdout


def _words(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_the_package_article_has_a_blind_study():
    assert [article for article, _ in recorded_blind() if article == "sheinbaum-trump-call"], "no study is recorded as blind"


@pytest.mark.parametrize("article_id, name", recorded_blind())
def test_each_file_given_is_the_file_at_the_recorded_commit(article_id, name):
    study = _measured(article_id, name)
    for given in study["given_files"]:
        got = hashlib.sha256(_at_commit(study["given_commit"], given["path"])).hexdigest()
        assert got == given["sha256"], f"{given['path']} at {study['given_commit']} has sha256 {got}, not the recorded one"


@pytest.mark.parametrize("article_id, name", recorded_blind())
def test_the_article_given_is_the_article_and_nothing_else_given_quotes_it(article_id, name):
    study = _measured(article_id, name)
    article = (ROOT / "sources" / f"{article_id}.txt").read_text(encoding="utf-8")
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
    given = {f["path"]: f["sha256"] for f in study["given_files"]}
    assert given.get(f"sources/{article_id}.txt") == digest
    ngrams = _words(article)
    for path in given:
        if path != f"sources/{article_id}.txt":
            shared = ngrams & _words(_at_commit(study["given_commit"], path).decode("utf-8"))
            assert not shared, f"{path} quotes the article ({' '.join(sorted(shared)[0])}), so it shows an answer"


@pytest.mark.parametrize("article_id, name", recorded_blind())
def test_the_blind_file_cites_no_decision_and_copies_no_curated_note(article_id, name):
    study = _measured(article_id, name)
    [run] = [run for r in _results() for run in r.runs if run.study is study]
    assert run.status == "measured" and run.cited == []
    frozen, _ = read_yaml(ROOT / study["first_file"], study["first_file"])
    second = (ROOT / study["second_file"]).read_text(encoding="utf-8")
    notes = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("basis", "note", "wikidata_note", "description", "role") and isinstance(value, str) and len(value) > 60:
                    notes.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(frozen)
    assert notes, "the frozen curated file holds no note to compare"
    assert not [n for n in notes if n in second]


def test_a_study_marked_blind_without_its_record_is_printed_as_not_blind(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "second", root)
    (root / "annotations" / "agreement").mkdir()
    shutil.copy(FIXTURES / "agreement" / "cafe-zoe.second.yaml", root / "annotations" / "agreement")
    (root / "annotations" / "agreement" / "cafe-zoe.study.yaml").write_text(
        'studies:\n  - study: "claimed blind"\n    second_file: "annotations/agreement/cafe-zoe.second.yaml"\n'
        '    blind: true\n    given: "the guidelines"\n', encoding="utf-8")
    [result] = measure(root)
    assert [st["blind"] for st in result.studies] == [False]
    page = render([result])
    assert "**claimed blind** (`annotations/agreement/cafe-zoe.second.yaml`): **not blind**" in page
    assert "does not list the files given" in page
