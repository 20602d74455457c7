"""Put a validated, staged package in place as one step that survives a kill at any point.

data/ and datapackage.json (with the build record beside it) are separate paths, so no single rename replaces them all. A journal makes the pair one step:
the staged copy is written and fsynced, then the journal naming it is written and fsynced, then the renames run,
then the journal is removed. While a journal exists the staged copy is complete and validated, so recovery rolls
forward; without one, whatever is left over is an unfinished staging or clean-up and is removed. Either way the
package ends as a consistent old or new copy, never a mixture.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path
from typing import Callable

JOURNAL = ".build-journal.json"
PREVIOUS = ".data.previous"
STAGING_PREFIX = ".build-"
TOP_LEVEL = ("build-record.json", "datapackage.json")  # the build record first: the descriptor's move ends the step


def fsync_tree(path: Path) -> None:
    """Flush every file and directory under path (and path itself) to disk."""
    for folder, _, files in os.walk(path):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                os.fsync(handle.fileno())
        fsync_dir(Path(folder))


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_journal(root: Path, staged: Path) -> None:
    temporary = root / (JOURNAL + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({"staged": staged.name}, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, root / JOURNAL)
    fsync_dir(root)


def _steps(root: Path, staged: Path) -> list[tuple[str, Callable[[], bool]]]:
    """The idempotent steps from a journalled staging to a clean package; each may be repeated after a kill, and
    says whether it changed anything (so recovery reports only what it did)."""
    def retire_old():
        if (staged / "data").exists() and (root / "data").exists():
            shutil.rmtree(root / PREVIOUS, ignore_errors=True)
            os.replace(root / "data", root / PREVIOUS)
            return True
        return False

    def data_in():
        if (staged / "data").exists():
            os.replace(staged / "data", root / "data")
            return True
        return False

    def descriptor_in():
        moved = False
        for name in TOP_LEVEL:
            if (staged / name).exists():
                os.replace(staged / name, root / name)
                moved = True
        fsync_dir(root)
        return moved

    def close_journal():
        existed = (root / JOURNAL).exists()
        (root / JOURNAL).unlink(missing_ok=True)
        fsync_dir(root)
        return existed

    def clean():
        existed = (root / PREVIOUS).exists() or staged.exists()
        shutil.rmtree(root / PREVIOUS, ignore_errors=True)
        shutil.rmtree(staged, ignore_errors=True)
        return existed

    return [("retire old data/", retire_old), ("move new data/ in", data_in),
            ("move new datapackage.json in", descriptor_in), ("close the journal", close_journal), ("clean up", clean)]


STEP_NAMES = [name for name, _ in _steps(Path("."), Path("."))]


def commit(staged: Path, root: Path, after_step: Callable[[str], None] | None = None) -> None:
    """Replace root/data and root/datapackage.json by the staged ones as one recoverable step.

    after_step, when given, is called with each step's name once it is done (the kill-point test stops there).
    """
    fsync_tree(staged)
    _write_journal(root, staged)
    if after_step:
        after_step("write the journal")
    for name, step in _steps(root, staged):
        step()
        if after_step:
            after_step(name)


def recover(root: Path) -> str | None:
    """Finish or undo an interrupted commit; a sentence saying what was done, or None when nothing was left over."""
    journal = root / JOURNAL
    if journal.exists():
        try:
            staged = root / json.loads(journal.read_text(encoding="utf-8"))["staged"]
        except (OSError, ValueError, KeyError, TypeError):
            staged = None
        if staged is not None and staged.parent == root and staged.name.startswith(STAGING_PREFIX) and staged.is_dir():
            done = [name for name, step in _steps(root, staged) if step()]
            moved = [name for name in done if name.startswith("move")]
            if moved:
                return (f"an interrupted build was completed: the validated package staged in {staged.name} was moved "
                        f"into place ({'; '.join(done)})")
            return f"an interrupted build had put its package in place; what was left was finished ({'; '.join(done)})"
        journal.unlink()
        fsync_dir(root)
        why = "names no staging folder" if staged is None else f"names {staged.name}, which does not exist or is not a staging folder"
        return f"a build journal that {why} was removed; data/ and datapackage.json were not touched"
    leftovers = sorted(p.name for p in root.iterdir()
                       if p.name == PREVIOUS or p.name == JOURNAL + ".tmp" or (p.name.startswith(STAGING_PREFIX) and p.is_dir()))
    if not leftovers:
        return None
    if (root / PREVIOUS).exists() and not (root / "data").exists():
        os.replace(root / PREVIOUS, root / "data")
    for name in leftovers:
        path = root / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()
    fsync_dir(root)
    return f"leftovers of an interrupted build were removed ({', '.join(leftovers)}); data/ and datapackage.json were not touched"


def replace_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write files into folder all or nothing: each is written to a temporary name and fsynced first, and only when
    every one is on disk are they renamed into place. Each file it replaces is kept (hard-linked) until the last
    rename, so an error in the middle (a full disk, a folder in the way) puts the previous files back. On any error
    the temporary files are removed and the error raised, naming the file: the folder holds the previous files."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = {name: folder / f".{name}.partial-{os.getpid()}" for name in files}
    kept = {name: folder / f".{name}.previous-{os.getpid()}" for name in files}
    placed: list[str] = []
    try:
        for name, data in files.items():
            with open(temporary[name], "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for name in files:
            target = folder / name
            if target.is_symlink() or (target.exists() and not target.is_file()):
                raise IsADirectoryError(errno.EISDIR, "not a regular file, so it cannot be replaced", str(target))
            if target.exists():
                os.link(target, kept[name])
        try:
            for name in files:
                os.replace(temporary[name], folder / name)
                placed.append(name)
        except OSError:
            for name in placed:
                if kept[name].exists():
                    os.replace(kept[name], folder / name)
                else:
                    (folder / name).unlink(missing_ok=True)
            raise
        fsync_dir(folder)
    finally:
        for path in [*temporary.values(), *kept.values()]:
            path.unlink(missing_ok=True)
