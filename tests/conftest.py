"""Shared fixtures: copies of a small test article, and the package built from it.

tests/fixtures/<name>/ holds annotations/, sources/ and tests/expected_counts.csv in the same layout as the
repository, so `scripts.build.build(copy)` and `scripts.validate.validate(copy, copy)` work on a copy of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.build import build
from scripts.package import write_files

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SECOND = "second"  # the small second article: emoji, accents, a combining character, a ZWJ emoji sequence


def copy_fixture(dest: Path, name: str = SECOND) -> Path:
    """A fresh copy of tests/fixtures/<name> at dest (which must not exist yet)."""
    shutil.copytree(FIXTURES / name, dest)
    return dest


def snapshot(root: Path, rels=("data", "datapackage.json")) -> dict[str, bytes]:
    """The bytes of every file under the given paths of root, by POSIX path relative to root."""
    found = {}
    for rel in rels:
        path = root / rel
        if path.is_file():
            found[rel] = path.read_bytes()
        elif path.is_dir():
            found.update({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()})
    return found


@pytest.fixture
def second_article(tmp_path) -> Path:
    """A copy of the second article's annotations and text, not built yet."""
    return copy_fixture(tmp_path / "second-article")


@pytest.fixture(scope="session")
def second_files(tmp_path_factory) -> dict[str, bytes]:
    """The files a build of the second article writes (built once per session; treat as read-only)."""
    return build(copy_fixture(tmp_path_factory.mktemp("second-build") / "second"))


@pytest.fixture
def second_package(tmp_path, second_files) -> Path:
    """A copy of the second article with its built package written next to it (data/, datapackage.json)."""
    root = copy_fixture(tmp_path / "second-package")
    write_files(second_files, root)
    return root
