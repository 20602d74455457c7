"""One writer at a time: build, release and recovery hold an exclusive lock on the repository, readers a shared one.

The lock is an flock on `.writer.lock` at the repository's root, so the kernel releases it when the process ends,
however it ends. A second command waits, saying so once; a process that already holds the lock takes it again for
free (the build validates, the release builds).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path

LOCK = ".writer.lock"
_held: dict[Path, str] = {}  # repository -> "exclusive" or "shared", held by this process


@contextlib.contextmanager
def repository_lock(root: Path, shared: bool = False, what: str = "this command", optional: bool = False):
    """Hold the repository's lock for the block: exclusive for a writer, shared for a reader. optional: where the
    lock file cannot be made (a read-only checkout, which nobody writes), go on without it."""
    key = Path(root).resolve()
    if key in _held and (shared or _held[key] == "exclusive"):
        yield
        return
    if key in _held:
        raise RuntimeError(f"{what} asked to write {key} while this process only reads it")
    try:
        fd = os.open(key / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if not (shared or optional):
            raise
        yield  # a read-only checkout: nobody can write it, so there is nobody to wait for
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting: another command is writing {key} ({LOCK}); {what} goes on when it ends", file=sys.stderr)
            fcntl.flock(fd, mode)
        before = _held.get(key)
        _held[key] = "shared" if shared else "exclusive"
        try:
            yield
        finally:
            if before is None:
                _held.pop(key, None)
            else:
                _held[key] = before
    finally:
        os.close(fd)
