"""What is expensive to make is made once per test run, even when pytest-xdist runs the tests in several processes.

A session fixture is per process; a site or a grown repository made through made_once is made by the first process
that needs it, under a lock in the run's shared temporary folder, and read by every other process (read-only).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path


def shared_folder(tmp_path_factory) -> Path:
    """The temporary folder every process of this run shares (each xdist worker has its own below it)."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "made-once"
    folder.mkdir(exist_ok=True)
    return folder


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder name of the shared folder, made by make(folder) the first time any process asks for it."""
    folder = shared_folder(tmp_path_factory)
    target, done = folder / name, folder / f"{name}.done"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)
            make(target)
            done.touch()
    return target
