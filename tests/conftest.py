"""Shared fixtures: copies of a small test article, and the package built from it.

tests/fixtures/<name>/ holds annotations/ (with entities.yaml and the reviewed counts files) and sources/ in the
same layout as the repository, so `scripts.build.build(copy)` and `scripts.validate.validate(copy, copy)` work on a
copy of it. tests/fixtures/corpus/ holds one more article to add to a copy of the repository (add_article).
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


def scratch_repository(dest: Path, root: Path = REPO) -> Path:
    """A copy of the repository's hand-written inputs (annotations/ and sources/), ready to build."""
    for folder in ("annotations", "sources"):
        shutil.copytree(root / folder, dest / folder)
    return dest


def add_article(root: Path, fixture: Path) -> list[str]:
    """Add a fixture's article to the repository at root the way docs/adding-an-article.md says: its text, its
    annotation file and its counts file, its new entities appended to the registry, and the corpus-level counts.
    Returns the article IDs added."""
    added = []
    for text in sorted((fixture / "sources").glob("*.txt")):
        shutil.copy(text, root / "sources" / text.name)
        added.append(text.stem)
    for path in sorted((fixture / "annotations" / "articles").iterdir()):
        shutil.copy(path, root / "annotations" / "articles" / path.name)
    entries = (fixture / "annotations" / "entities.yaml").read_text(encoding="utf-8").split("\nentities:\n", 1)
    if len(entries) == 2:
        registry = root / "annotations" / "entities.yaml"
        registry.write_text(registry.read_text(encoding="utf-8") + entries[1], encoding="utf-8")
    if (fixture / "annotations" / "counts.csv").is_file():
        shutil.copy(fixture / "annotations" / "counts.csv", root / "annotations" / "counts.csv")
    return added


def snapshot(root: Path, rels=("data", "datapackage.json", "build-record.json")) -> dict[str, bytes]:
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
