"""The release: two zips that open as data packages in frictionless, pass the project's own validator once
unpacked into an empty directory, carry README, rights, citation and changelog, and are byte-identical on
every run."""

from __future__ import annotations

import csv
import hashlib
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
from tests.helpers.repo import repository_copy, tagged_release
from tests.helpers.lazy import lazy
from tests.helpers.runs import zip_strings
from scripts.contract import text_free
from scripts.release.rehydrate import main as rehydrate_main

frictionless = lazy("frictionless")

REPO = repo_root()
DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
FULL = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}.zip"
NO_TEXT = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}-no-text.zip"
EXPORTS = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}-exports.zip"
NO_TEXT_EXPORTS = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}-no-text-exports.zip"
ZIPS = [FULL, NO_TEXT, EXPORTS, NO_TEXT_EXPORTS]
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
    tagged_release(root)
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


@pytest.mark.slow
def test_two_releases_are_byte_identical(dist, tmp_path):
    again = release.build_release(REPO)
    assert sorted(again) == sorted(p.name for p in dist.iterdir()) == sorted([*ZIPS, "SHA256SUMS"])
    for name, data in again.items():
        assert (dist / name).read_bytes() == data, f"{name} differs between two runs"


def test_sha256sums_checks_with_coreutils(dist):
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=dist, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert all(f"{name}: OK" in result.stdout for name in ZIPS), result.stdout


@pytest.mark.parametrize("name", ZIPS)
def test_entries_are_sorted_dated_and_0644(dist, name):
    with zipfile.ZipFile(dist / name) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {tuple(int(x) for x in re.findall(r"\d+", DESCRIPTOR["created"])[:6])}
    assert {(i.external_attr >> 16) & 0o7777 for i in infos} == {0o644}
    if name in (EXPORTS, NO_TEXT_EXPORTS):
        assert all(n.startswith(("data/", "parquet/")) for n in names if "/" in n)
        return
    assert "datapackage.json" in names and all(n.startswith("data/") for n in names if "/" in n)
    for extra in ("README.md", "LICENSE.md", "CITATION.cff", "CHANGELOG.md"):
        assert extra in names


@pytest.mark.slow
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
        columns = [f["name"] for f in resource["schema"]["fields"]]
        assert not {"text", "cue_text"} & set(columns), resource["name"]
        with open(root / resource["path"], encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == columns
    sentences = list(csv.DictReader(open(root / "data" / "sentences.csv", encoding="utf-8", newline="")))
    texts = {Path(path).stem: (REPO / path).read_text(encoding="utf-8") for path in TEXTS}
    for row in sentences:  # each span keeps its offsets and the sha256 of its words, in its own article
        article = texts[row["article_id"]]
        assert row["text_sha256"] == hashlib.sha256(article[int(row["start"]):int(row["end"])].encode("utf-8")).hexdigest()


@pytest.mark.parametrize("name", [NO_TEXT, NO_TEXT_EXPORTS])
def test_no_file_of_the_text_free_variant_holds_a_run_of_the_article(dist, name):
    """Every member read with its own client (CSV and JSON as text, xlsx with openpyxl, SQLite with sqlite3,
    Parquet with pyarrow): none holds 8 words of an article in a row; the full zips do, as the check shows."""
    articles = [text_free.article((REPO / rel).read_text(encoding="utf-8")) for rel in TEXTS]
    found = {member: hit for member, strings in zip_strings(dist / name).items()
             for s in strings for art in articles if (hit := art.quotes(s))}
    assert found == {}
    full = zip_strings(dist / (FULL if name == NO_TEXT else EXPORTS))
    assert any(art.quotes(s) for strings in full.values() for s in strings for art in articles)


def test_rehydration_restores_the_full_zip_byte_for_byte_and_it_validates(dist, tmp_path):
    full = unpack(dist / FULL, tmp_path / "full")
    out = tmp_path / "rehydrated"
    texts = [f"{Path(rel).stem}={REPO / rel}" for rel in TEXTS]
    result = run_main(rehydrate_main, str(dist / NO_TEXT), *[a for t in texts for a in ("--text", t)], "--out", str(out))
    assert result.returncode == 0, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    package_files = sorted(p.relative_to(full).as_posix() for p in full.rglob("*") if p.is_file()
                           if p.relative_to(full).as_posix() == "datapackage.json" or p.relative_to(full).parts[0] == "data")
    assert written == package_files
    for rel in written:
        assert (out / rel).read_bytes() == (full / rel).read_bytes(), rel
    valid = run_main(validate_main, str(out))
    assert valid.returncode == 0, valid.stderr


def test_rehydration_refuses_another_copy_of_the_article(dist, tmp_path):
    other = tmp_path / "article.txt"
    other.write_bytes((REPO / TEXTS[0]).read_bytes().replace(b"\n", b"\r\n"))
    out = tmp_path / "out"
    given = [f"{Path(TEXTS[0]).stem}={other}", *(f"{Path(t).stem}={REPO / t}" for t in TEXTS[1:])]  # every article's text, one altered
    result = run_main(rehydrate_main, str(dist / NO_TEXT), *[a for g in given for a in ("--text", g)], "--out", str(out))
    assert result.returncode == 1 and "sha256" in result.stderr and "nothing was written" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_rehydration_into_a_path_that_cannot_be_a_folder_says_so(dist, tmp_path, where):
    afile = tmp_path / "afile"
    afile.write_text("keep me", encoding="utf-8")
    out = afile if where == "a file" else afile / "sub"
    texts = [f"{Path(rel).stem}={REPO / rel}" for rel in TEXTS]
    result = run_main(rehydrate_main, str(dist / NO_TEXT), *[a for t in texts for a in ("--text", t)], "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "Fix: name" in result.stderr, result.stderr
    assert afile.read_text(encoding="utf-8") == "keep me"


@pytest.mark.slow
def test_rehydration_onto_a_full_disk_writes_nothing(dist, tmp_path):
    """The full package is written in a staging folder and renamed: a full disk leaves no half-written folder."""
    unpacked = unpack(dist / NO_TEXT, tmp_path / "no-text")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()})")
    try:
        texts = [f"{Path(rel).stem}={REPO / rel}" for rel in TEXTS]
        result = run_main(rehydrate_main, str(unpacked), *[a for t in texts for a in ("--text", t)], "--out", str(disk / "out"))
        assert result.returncode == 1 and "Traceback" not in result.stderr and "nothing was written" in result.stderr, result.stderr
        assert list(disk.iterdir()) == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_the_exports_zips_carry_every_export(dist):
    for name in (EXPORTS, NO_TEXT_EXPORTS):
        with zipfile.ZipFile(dist / name) as archive:
            names = set(archive.namelist())
        tables = [r["name"] for r in DESCRIPTOR["resources"] if "schema" in r]
        wanted = {f"{DESCRIPTOR['name']}.sqlite", f"{DESCRIPTOR['name']}.xlsx", f"{DESCRIPTOR['name']}-annotations.jsonld",
                  f"data/{DESCRIPTOR['name']}-csv-metadata.json", "metadata.json", "croissant.json", "README.md",
                  *(f"parquet/{t}/part-0.parquet" for t in tables)}
        assert names == wanted, name
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(f"  {name}\n" in sums for name in ZIPS)


def readme_python(root: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.slow
def test_the_documented_check_of_ones_own_copy_works(dist, tmp_path):
    root = unpack(dist / NO_TEXT, tmp_path / "no-text")
    readme = (root / "README.md").read_text(encoding="utf-8")
    with open(REPO / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["sha256"] in readme
    check = next(block for block in readme_python(root) if "hashlib" in block)
    # without the text the download is valid as shipped, and the validator says what it could not check and how to
    # check it: bring your own copy, with the sha256 it must have; so does the zip itself
    for given in (root, dist / NO_TEXT):
        bare = run_main(validate_main, str(given))
        assert bare.returncode == 0 and "notice: text-free package without the text of" in bare.stdout, bare.stderr
        assert "not the spans' sha256" in bare.stdout and all(row["sha256"] in bare.stdout for row in csv.DictReader(
            open(REPO / "data" / "articles.csv", encoding="utf-8", newline=""))) and "\nvalid: " in bare.stdout
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
    tagged_release(root)
    problems, notes = release.readiness(root)
    assert problems == [] and notes == []
    recorded = json.loads((root / digest.RECORD).read_text(encoding="utf-8"))
    recorded["version"] = "0.0.9"
    (root / digest.RECORD).write_text(digest.dumps(recorded), encoding="utf-8")
    tagged_release(root)
    problems, _ = release.readiness(root)
    assert [p.code for p in problems] == ["RELEASE_NOT_READY"] and "make digest" in str(problems[0])
    (root / digest.RECORD).write_text('{"version": 2, "resources": {}}', encoding="utf-8")
    tagged_release(root)
    assert [p.code for p in release.readiness(root)[0]] == ["DIGEST_RECORD"]
    (root / digest.RECORD).unlink()
    tagged_release(root)
    problems, notes = release.readiness(root)
    assert [(p.code, p.file) for p in problems] == [("RELEASE_NOT_READY", digest.RECORD)] and "make digest" in problems[0].fix


@pytest.mark.slow
@pytest.mark.parametrize("package, exports", [(FULL, EXPORTS), (NO_TEXT, NO_TEXT_EXPORTS)], ids=["full", "no-text"])
def test_a_package_unzipped_with_its_exports_validates_and_an_edit_is_named(dist, tmp_path, package, exports):
    """As the exports zip's README says: both zips unzipped into one folder, then `python -m scripts.validate` on
    it. Each export equals a fresh export of that package; an annotation pointed at another source is refused."""
    root = unpack(dist / package, tmp_path / "together")
    with zipfile.ZipFile(dist / exports) as archive:
        archive.extractall(root)
    result = run_main(validate_main, str(root))
    assert result.returncode == 0, result.stderr
    annotations = root / f"{DESCRIPTOR['name']}-annotations.jsonld"
    document = json.loads(annotations.read_text(encoding="utf-8"))
    document["first"]["items"][0]["target"]["source"] = "https://elsewhere.example/article.txt"
    annotations.write_text(json.dumps(document), encoding="utf-8")
    result = run_main(validate_main, str(root))
    assert result.returncode == 1 and f"{annotations.name} [EXPORT_MISMATCH]" in result.stderr, result.stderr
    assert "unzip the release's exports zip into this folder again" in result.stderr


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false",
                           *args], cwd=root, capture_output=True, text=True, check=True).stdout


def test_a_released_version_cannot_be_recorded_or_released_again_with_other_data(tmp_path, capsys):
    """The tag v<version> holds the digest the version was released with. Recording or releasing other data under
    the same version would make two releases of one number, so both are refused until the version is bumped."""
    from scripts.release.digest import main as digest_main

    root = repository_copy(tmp_path / "repo")
    counts.write_new(root)
    record(root, root)
    released = json.loads((root / digest.RECORD).read_text(encoding="utf-8"))
    table = next(name for name, entry in released["resources"].items() if entry.get("rows"))
    first = sorted(released["resources"][table]["rows"])[0]
    released["resources"][table]["rows"][first] = "0" * 16  # the row as the release had it, before a correction
    (root / digest.RECORD).write_text(digest.dumps(released), encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Release")
    git(root, "tag", "-a", f"v{DESCRIPTOR['version']}", "-m", "Release")
    before = (root / digest.RECORD).read_bytes()
    assert digest_main(["--root", str(root), "--record"]) == 1
    err = capsys.readouterr().err
    assert f"[VERSION_REUSED] version {DESCRIPTOR['version']} was recorded (tag v{DESCRIPTOR['version']})" in err
    assert f"{table} (rows changed: {first})" in err and "set `version: " in err
    assert (root / digest.RECORD).read_bytes() == before
    problems, _ = release.readiness(root)
    assert "VERSION_REUSED" in [p.code for p in problems]


def test_a_release_is_made_only_from_the_tagged_commit_with_nothing_uncommitted(tmp_path):
    """The tag is what ties one version to one state of the data: a data-digest.json checked out again cannot. So
    `make release` refuses a folder outside git, an uncommitted change, a missing tag, and a tag on another commit
    (the attack: release 2.0.0, correct a row, restore the old record, record again and release 2.0.0 again)."""
    root = repository_copy(tmp_path / "repo")
    counts.write_new(root)
    record(root, root)
    said = lambda: "\n".join(str(p) for p in release.readiness(root)[0])  # noqa: E731
    assert "is not a git repository, so no tag ties version" in said()
    version = tagged_release(root)
    assert said() == ""
    (root / "CHANGELOG.md").write_text((root / "CHANGELOG.md").read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    assert "CHANGELOG.md [RELEASE_NOT_READY] is not committed (1 change(s) in `git status`)" in said()
    git(root, "commit", "-q", "-am", "After the release")
    assert f"[VERSION_REUSED] the tag v{version} marks commit" in said() and f"version {version} was released from another commit" in said()
    git(root, "tag", "-d", f"v{version}")
    assert f"[RELEASE_NOT_READY] no tag v{version} marks the commit checked out" in said()


@pytest.mark.slow
def test_an_unzipped_release_holds_only_what_its_zips_hold_and_their_metadata_is_the_packages(dist, tmp_path):
    """Croissant's licence and sha256s are written afresh and compared, the build's data/README.md is its own text,
    and a file neither zip holds is named; the user's own copy of the article, at its path, is no extra file."""
    root = unpack(dist / NO_TEXT, tmp_path / "together")
    with zipfile.ZipFile(dist / NO_TEXT_EXPORTS) as archive:
        archive.extractall(root)
    for rel in TEXTS:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, root / rel)
    assert run_main(validate_main, str(root)).returncode == 0
    meta = json.loads((root / "croissant.json").read_text(encoding="utf-8"))
    meta["license"] = ["https://creativecommons.org/publicdomain/zero/1.0/"]
    (root / "croissant.json").write_text(json.dumps(meta), encoding="utf-8")
    with open(root / "data" / "README.md", "a", encoding="utf-8") as note:
        note.write("Every quote here was verified by the White House.\n")
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    shutil.copy(root / "parquet" / "quotes" / "part-0.parquet", root / "parquet" / "quotes" / "part-1.parquet")
    result = run_main(validate_main, str(root))
    assert result.returncode == 1
    assert "croissant.json [EXPORT_MISMATCH] differs from a fresh export of the package: at license[0]" in result.stderr
    assert "data/README.md [DESCRIPTOR_CONTRACT] data/README.md differs from the note the build writes" in result.stderr
    assert "notes.txt [EXPORT_EXTRA] is in the folder, but neither the package zip nor its exports zip holds it" in result.stderr
    stray = [line for line in result.stderr.splitlines() if "part-1.parquet [EXPORT_EXTRA]" in line]
    assert len(stray) == 1 and "unzip both zips of the release into a new, empty folder" in stray[0]


def test_a_version_released_before_tags_cannot_be_recorded_again_with_other_data(tmp_path, capsys):
    """A release commit of the past (its CHANGELOG.md dates the version and its data-digest.json records it) counts
    as a release though it was never tagged: deleting the record and recording other data under that version again
    is refused."""
    from scripts.build.__main__ import main as build_main
    from scripts.release.digest import main as digest_main

    root = repository_copy(tmp_path / "repo")
    released = json.loads((root / digest.RECORD).read_text(encoding="utf-8"))["version"]
    assert re.search(rf"^## \[{re.escape(released)}\] - \d{{4}}-\d{{2}}-\d{{2}}", (root / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)
    if released == DESCRIPTOR["version"]:
        pytest.skip("the repository holds no data after its last release to record again")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The repository as it is, with its last release's record")
    (root / digest.RECORD).unlink()
    meta = root / "annotations" / "package.yaml"
    meta.write_text(re.sub(r'^version: ".*"$', f'version: "{released}"', meta.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    assert build_main(["--root", str(root)]) == 0
    assert digest_main(["--root", str(root), "--record"]) == 1
    assert f"[VERSION_REUSED] version {released} was recorded (release commit " in capsys.readouterr().err
    assert not (root / digest.RECORD).exists()
