"""Scratch repositories for the tests: copies of the small fixture article, of the repository's inputs, and an
article added the way docs/adding-an-article.md says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.runtime.root import repo_root

REPO = repo_root()
FIXTURES = REPO / "tests" / "fixtures"
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
        grow_corpus_count(root, "entities", len(re.findall(r"^  - entity_id:", entries[1], re.M)))
    return added


def grow_corpus_count(root: Path, table: str, added: int) -> None:
    """What a contributor does to annotations/counts.csv after reviewing the registry's growth (step 6 of
    docs/adding-an-article.md): the table's line goes up by the rows added. The fixtures hold no corpus-level
    counts of their own, so no test depends on how many entities the repository already has."""
    path = root / "annotations" / "counts.csv"
    if not path.is_file() or not added:
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{table},{int(line.split(',')[1]) + added}" if line.split(",")[0] == table else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


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


CODE = (".git", ".venv", "build", "site", "dist", ".pytest_cache", "__pycache__", "scripts", "tests")


def repository_copy(dest: Path, root: Path = REPO) -> Path:
    """A copy of the whole repository but its code and tests (annotations, sources, data, docs, the descriptor,
    the digest, the citation files): a command given `--root dest` works on it in-process."""
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(*CODE))
    return dest


def tagged_release(root: Path) -> str:
    """root committed as it is and tagged v<version>, as RELEASING.md step 8 does before `make release` (again
    after an edit: the commit is amended and the tag moved, which only a test may do); returns the version."""
    import json
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false",
                        *args], cwd=root, capture_output=True, check=True)

    version = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"]
    if not (root / ".git").exists():
        git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "--allow-empty", "-m", f"Release {version}")
    git("tag", "-f", "-a", f"v{version}", "-m", f"Release {version}")
    return version
