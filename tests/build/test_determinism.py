"""Determinism (issue 5, item 5): the build's bytes do not depend on where, when or under which locale it runs.

Two builds of the second article run as separate processes in different directories, with a different locale
(one without UTF-8), timezone and PYTHONHASHSEED, must write byte-identical files; and a rebuild in a fresh
git clone must leave `git status --porcelain` empty (so .gitattributes does not rewrite the outputs).
"""

from __future__ import annotations

import os

import pytest
import shutil
import subprocess
import sys
from pathlib import Path

from scripts.build.pipeline import build

from tests.helpers.repo import REPO, copy_fixture, snapshot

BUILD = "from pathlib import Path; from scripts.build.pipeline import build_and_validate; build_and_validate(Path.cwd())"
ENVIRONMENTS = [
    {"LC_ALL": "C", "PYTHONUTF8": "0", "TZ": "UTC", "PYTHONHASHSEED": "0"},
    {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1", "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "4242"},
]


def environment(changes: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON", "TZ"))}
    env.update(changes, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    return env


def build_in(root: Path, changes: dict[str, str]) -> None:
    result = subprocess.run([sys.executable, "-c", BUILD], cwd=root, env=environment(changes), capture_output=True)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")


@pytest.mark.slow
def test_two_builds_in_different_places_and_locales_are_byte_identical(tmp_path):
    first = copy_fixture(tmp_path / "a" / "second")
    second = copy_fixture(tmp_path / "b" / "somewhere" / "else entirely")
    build_in(first, ENVIRONMENTS[0])
    build_in(second, ENVIRONMENTS[1])
    one, two = snapshot(first), snapshot(second)
    assert len(one) >= 13 and "datapackage.json" in one  # 10 tables, the article text, data/README.md, descriptor
    assert sorted(one) == sorted(two)
    for rel in one:
        assert one[rel] == two[rel], f"{rel} differs between the two builds"
    assert one == build(copy_fixture(tmp_path / "c"))  # and equal to an in-process build


def git(cwd: Path, *args: str) -> str:
    env = {**environment({}), "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
                             *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_a_rebuild_in_a_fresh_clone_changes_nothing(tmp_path):
    origin = copy_fixture(tmp_path / "origin")
    for name in (".gitattributes", ".gitignore"):
        shutil.copy(REPO / name, origin / name)
    build_in(origin, ENVIRONMENTS[0])
    git(origin, "init", "--quiet")
    git(origin, "add", "--all")
    git(origin, "commit", "--quiet", "-m", "built")
    assert "datapackage.json" in git(origin, "ls-files")
    git(tmp_path, "clone", "--quiet", str(origin), "clone")
    clone = tmp_path / "clone"
    build_in(clone, ENVIRONMENTS[1])
    assert git(clone, "status", "--porcelain") == ""
    assert snapshot(clone) == snapshot(origin)
