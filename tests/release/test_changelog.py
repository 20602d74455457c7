"""The data part of a changelog entry, against the previous release tag, read from a real git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from scripts.release import changelog
from scripts.build.pipeline import build
from scripts.build.write import write_files


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", *args], cwd=root,
                          capture_output=True, text=True, check=True).stdout


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer holds {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(second_package) -> Path:
    git(second_package, "init", "-q")
    git(second_package, "add", "-A")
    git(second_package, "commit", "-q", "-m", "fixture")
    return second_package


def test_with_no_tag_it_says_there_is_nothing_to_compare(repo):
    text = changelog.entry(repo)
    assert "No earlier release tag" in text
    assert "| `entities` | 3 |" in text


def test_rows_changed_and_the_bump_since_the_tag(repo):
    git(repo, "tag", "-a", "v0.1.0", "-m", "Release 0.1.0")
    edit(repo, "annotations/entities.yaml", 'description: "A café in Málaga"', 'description: "A café in Málaga, Spain"')
    edit(repo, "annotations/package.yaml", 'version: "0.1.0"', 'version: "0.1.1"')
    write_files(build(repo), repo)
    text = changelog.entry(repo)
    assert "compared with v0.1.0" in text
    assert "- `entities` (PATCH): rows changed: `cafe-zoe`" in text
    assert "| `entities` | 3 | 3 |" in text
    assert "at least 0.1.1" in text


def test_the_tag_of_the_current_version_is_not_the_previous_one(repo):
    git(repo, "tag", "-a", "v0.1.0", "-m", "Release 0.1.0")
    assert changelog.previous_tag(repo, "0.1.0") is None
    assert changelog.previous_tag(repo, "1.0.0") == "v0.1.0"
