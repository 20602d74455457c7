"""One writer at a time, recovery that says only what it did, and a release that is written whole or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.release.__main__ import main as release_main
from scripts.release.digest import main as digest_main
from scripts.runtime.lock import repository_lock
from scripts.runtime.swap import JOURNAL, recover
from scripts.validate.__main__ import main as validate_main
from tests.helpers.corrupt import run_main
from tests.helpers.repo import REPO, repository_copy, snapshot, tagged_release


def command(root: Path, module: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", module, "--root", str(root), *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_builds_started_together_end_consistent(tmp_path):
    root = repository_copy(tmp_path / "repo")
    builds = [command(root, "scripts.build") for _ in range(2)]
    results = [(b.wait(timeout=600), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0], results
    ran = run_main(validate_main, str(root))
    assert ran.returncode == 0, ran.stderr
    assert "RESOURCE_INTEGRITY" not in ran.stderr


@pytest.mark.slow
def test_a_second_writer_waits_and_says_so(tmp_path):
    root = repository_copy(tmp_path / "repo")
    with repository_lock(root):
        build = command(root, "scripts.build")
        line = build.stderr.readline()
        assert line.startswith("waiting: another command is writing"), line
        assert build.poll() is None  # still waiting while the lock is held
    assert build.wait(timeout=600) == 0, build.stderr.read()


def test_recovery_acts_only_on_a_journal_whose_staging_folder_exists(tmp_path):
    root = repository_copy(tmp_path / "repo")
    before = snapshot(root)
    (root / JOURNAL).write_text(json.dumps({"staged": ".build-gone"}), encoding="utf-8")
    note = recover(root)
    assert note and "was removed" in note and "not touched" in note and "completed" not in note
    assert not (root / JOURNAL).exists()
    assert snapshot(root) == before


def full_disk(tmp_path: Path) -> Path:
    folder = tmp_path / "full"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()})")
    return folder


@pytest.mark.slow
def test_a_release_onto_a_full_disk_leaves_the_previous_release_and_no_traceback(tmp_path):
    root = repository_copy(tmp_path / "repo")
    assert run_main(digest_main, "--root", str(root), "--record").returncode == 0
    tagged_release(root)  # the releaser's step before make release
    dist = full_disk(tmp_path)
    try:
        (dist / "SHA256SUMS").write_bytes(b"the previous release\n")
        ran = run_main(release_main, "--root", str(root), "--dist", str(dist))
        assert ran.returncode == 1, ran.stdout + ran.stderr
        assert "[RELEASE_WRITE_FAILED]" in ran.stderr and "No space left on device" in ran.stderr, ran.stderr
        assert "Traceback" not in ran.stderr
        assert sorted(p.name for p in dist.iterdir()) == ["SHA256SUMS"]
        assert (dist / "SHA256SUMS").read_bytes() == b"the previous release\n"
    finally:
        subprocess.run(["umount", str(dist)], check=False)


@pytest.mark.slow
def test_a_release_that_cannot_replace_one_file_leaves_every_previous_file(tmp_path):
    """SHA256SUMS is a folder in the way: nothing is replaced (the zips of the previous release keep their bytes),
    and the problem names SHA256SUMS."""
    root = repository_copy(tmp_path / "repo")
    assert run_main(digest_main, "--root", str(root), "--record").returncode == 0
    tagged_release(root)
    dist = tmp_path / "dist"
    assert run_main(release_main, "--root", str(root), "--dist", str(dist)).returncode == 0
    zips = sorted(dist.glob("*.zip"))
    assert len(zips) == 4
    for path in zips:
        path.write_bytes(b"the previous release's " + path.name.encode())
    (dist / "SHA256SUMS").unlink()
    (dist / "SHA256SUMS").mkdir()
    names = sorted(p.name for p in dist.iterdir())
    before = snapshot(dist, names)
    assert len(before) == 4
    ran = run_main(release_main, "--root", str(root), "--dist", str(dist))
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "[RELEASE_WRITE_FAILED]" in ran.stderr and "SHA256SUMS" in ran.stderr and "Traceback" not in ran.stderr, ran.stderr
    assert sorted(p.name for p in dist.iterdir()) == names
    assert snapshot(dist, names) == before


@pytest.mark.slow
def test_a_release_whose_scratch_files_hit_a_size_limit_is_a_coded_problem(tmp_path):
    """A file-size limit (ulimit -f) stops the SQLite export in the scratch folder: RELEASE_WRITE_FAILED, no
    traceback, nothing written."""
    import resource

    root = repository_copy(tmp_path / "repo")
    assert run_main(digest_main, "--root", str(root), "--record").returncode == 0
    tagged_release(root)
    limit = 300 * 1024
    ran = subprocess.run([sys.executable, "-m", "scripts.release", "--root", str(root), "--dist", str(tmp_path / "dist")],
                         cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                         preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "[RELEASE_WRITE_FAILED]" in ran.stderr and "Traceback" not in ran.stderr, ran.stderr
    assert not any((tmp_path / "dist").glob("*.zip"))


def _limited(limit: int):
    import resource

    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.slow
@pytest.mark.parametrize("module, args, limit, kept", [
    ("scripts.build", (), 20 * 1024, "data/quotes.csv"),
    ("scripts.exports", (), 100 * 1024, None),
    ("scripts.release.citation_files", (), 1024, "CITATION.cff"),
    ("scripts.release.digest", ("--record",), 30 * 1024, "data-digest.json"),
])
def test_a_command_under_a_file_size_limit_writes_whole_or_not_at_all(tmp_path, module, args, limit, kept):
    """ulimit -f: a coded WRITE_FAILED line, exit 1, no traceback, and the file it would have replaced as it was."""
    root = repository_copy(tmp_path / "repo")
    before = (root / kept).read_bytes() if kept and (root / kept).is_file() else None
    ran = subprocess.run([sys.executable, "-m", module, "--root", str(root), *args], cwd=REPO,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, preexec_fn=_limited(limit))
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "[WRITE_FAILED]" in ran.stderr and "Traceback" not in ran.stderr and "INTERNAL" not in ran.stderr, ran.stderr
    if kept and before is not None:
        assert (root / kept).read_bytes() == before


def test_a_root_that_is_a_file_is_refused_with_a_fix(tmp_path):
    afile = tmp_path / "README.md"
    afile.write_text("x", encoding="utf-8")
    ran = subprocess.run(
        [sys.executable, "-m", "scripts.build", "--root", str(afile)], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True, text=True)
    assert ran.returncode == 2 and "is not a folder" in ran.stderr and "Traceback" not in ran.stderr, ran.stderr
