"""The release: two zips that open as data packages in frictionless, pass the project's own validator once
unpacked into an empty directory, carry README, rights, citation and changelog, and are byte-identical on
every run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from scripts.runtime.root import repo_root
from scripts.validate import counts
from scripts.release.digest import record
from scripts.rules import versions as digest
from scripts.release import zips as release
from scripts.release.__main__ import main as release_main
from scripts.validate.__main__ import main as validate_main
from scripts.release.rights import statement
from tests.helpers.corrupt import run_main
from tests.helpers.repo import repository_copy
from tests.helpers.lazy import lazy

frictionless = lazy("frictionless")

REPO = repo_root()
DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
FULL = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}.zip"
NO_TEXT = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}-no-text.zip"
TEXTS = [r["path"] for r in DESCRIPTOR["resources"] if "schema" not in r]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """The release as `make release` writes it: the command line, run on a copy of the repository prepared as
    RELEASING.md says (the counts of any new article written, the digest recorded for the version), so the test
    holds between releases too."""
    out = tmp_path_factory.mktemp("dist")
    root = repository_copy(tmp_path_factory.mktemp("release") / "repo")
    counts.write_new(root)
    record(root, root)
    epoch = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        result = run_main(release_main, "--root", str(root), "--dist", str(out))
    finally:
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    assert result.returncode == 0, result.stderr
    return out


def unpack(zip_path: Path, dest: Path) -> Path:
    dest.mkdir()
    assert list(dest.iterdir()) == []
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(dest)
    return dest


def test_two_releases_are_byte_identical(dist, tmp_path):
    again = release.build_release(REPO)
    assert sorted(again) == sorted(p.name for p in dist.iterdir()) == sorted([FULL, NO_TEXT, "SHA256SUMS"])
    for name, data in again.items():
        assert (dist / name).read_bytes() == data, f"{name} differs between two runs"


def test_sha256sums_checks_with_coreutils(dist):
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{FULL}: OK" in result.stdout and f"{NO_TEXT}: OK" in result.stdout


@pytest.mark.parametrize("name", [FULL, NO_TEXT])
def test_entries_are_sorted_dated_and_0644(dist, name):
    with zipfile.ZipFile(dist / name) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {tuple(int(x) for x in re.findall(r"\d+", DESCRIPTOR["created"])[:6])}
    assert {(i.external_attr >> 16) & 0o7777 for i in infos} == {0o644}
    assert "datapackage.json" in names and all(n.startswith("data/") for n in names if "/" in n)
    for extra in ("README.md", "LICENSE.md", "CITATION.cff", "CHANGELOG.md"):
        assert extra in names


def test_source_date_epoch_sets_the_timestamps():
    env_before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"  # 2023-11-14 22:13:20 UTC
    try:
        files = release.build_release(REPO)
    finally:
        if env_before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = env_before
    with zipfile.ZipFile(io.BytesIO(files[FULL])) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.parametrize("name", [FULL, pytest.param(NO_TEXT, marks=pytest.mark.slow)])
def test_frictionless_opens_the_zip_and_validates_it(dist, name):
    package = frictionless.Package(str(dist / name))
    assert package.name == DESCRIPTOR["name"]
    report = package.validate()
    assert report.valid, report.flatten(["type", "note"])
    tables = [r["name"] for r in DESCRIPTOR["resources"] if "schema" in r]
    assert set(tables) <= set(package.resource_names)


def test_the_projects_validator_passes_on_the_unpacked_zip(dist, tmp_path):
    root = unpack(dist / FULL, tmp_path / "unpacked")
    result = run_main(validate_main, str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("valid:")
    for rel in ["datapackage.json"] + [r["path"] for r in DESCRIPTOR["resources"]]:
        assert (root / rel).read_bytes() == (REPO / rel).read_bytes()


def test_the_no_text_zip_has_every_table_but_no_text(dist, tmp_path):
    root = unpack(dist / NO_TEXT, tmp_path / "no-text")
    shipped = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in shipped["resources"]] == [r["name"] for r in DESCRIPTOR["resources"] if "schema" in r]
    assert not (root / "data" / "articles").exists()
    for resource in shipped["resources"]:
        assert (root / resource["path"]).read_bytes() == (REPO / resource["path"]).read_bytes()


def readme_python(root: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_documented_check_of_ones_own_copy_works(dist, tmp_path):
    root = unpack(dist / NO_TEXT, tmp_path / "no-text")
    readme = (root / "README.md").read_text(encoding="utf-8")
    with open(REPO / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["sha256"] in readme
    check = next(block for block in readme_python(root) if "hashlib" in block)
    # without the text, the validator says what to do: bring your own copy, with the sha256 it must have
    bare = run_main(validate_main, str(root))
    assert bare.returncode == 1 and "[ARTICLE_MISSING]" in bare.stderr and "text-free variant" in bare.stderr
    for rel in TEXTS:  # the user's own, identical copy
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    same = subprocess.run([sys.executable, "-c", check], cwd=root, capture_output=True, text=True)
    assert same.returncode == 0 and "matches" in same.stdout and "DIFFERS" not in same.stdout, same.stderr
    # with a matching copy in place, every span checks out: the project's validator passes on the text-free package
    result = run_main(validate_main, str(root))
    assert result.returncode == 0, result.stderr
    for rel in TEXTS:  # a copy with Windows line endings: same words, other bytes, offsets unusable
        (root / rel).write_bytes((REPO / rel).read_bytes().replace(b"\n", b"\r\n"))
    other = subprocess.run([sys.executable, "-c", check], cwd=root, capture_output=True, text=True)
    assert "DIFFERS" in other.stdout


@pytest.mark.slow
def test_the_readmes_python_runs(dist, tmp_path):
    root = unpack(dist / FULL, tmp_path / "full")
    shutil.copyfile(dist / FULL, root / FULL)
    blocks = readme_python(root)
    assert len(blocks) >= 2
    for block in blocks:
        result = subprocess.run([sys.executable, "-c", block], cwd=root, capture_output=True, text=True)
        assert result.returncode == 0, f"{block}\n{result.stderr}"


@pytest.mark.parametrize("name", [FULL, NO_TEXT])
def test_rights_and_citation_travel_with_the_zip(dist, name):
    with zipfile.ZipFile(dist / name) as archive:
        licence = archive.read("LICENSE.md").decode("utf-8")
        readme = archive.read("README.md").decode("utf-8")
        assert archive.read("CITATION.cff") == (REPO / "CITATION.cff").read_bytes()
        assert archive.read("CHANGELOG.md") == (REPO / "CHANGELOG.md").read_bytes()
    assert statement(DESCRIPTOR) in licence and statement(DESCRIPTOR) in readme
    assert DESCRIPTOR["title"] in readme and DESCRIPTOR["version"] in readme
    assert "republish it" not in licence + readme


def test_a_release_is_refused_when_the_recorded_digest_is_for_other_data(tmp_path):
    root = repository_copy(tmp_path / "repo")
    counts.write_new(root)
    record(root, root)
    problems, notes = release.readiness(root)
    assert problems == [] and notes == []
    recorded = json.loads((root / digest.RECORD).read_text(encoding="utf-8"))
    recorded["version"] = "0.0.9"
    (root / digest.RECORD).write_text(digest.dumps(recorded), encoding="utf-8")
    problems, _ = release.readiness(root)
    assert [p.code for p in problems] == ["RELEASE_NOT_READY"] and "make digest" in str(problems[0])
    (root / digest.RECORD).unlink()
    problems, notes = release.readiness(root)
    assert problems == [] and "make digest" in notes[0]
