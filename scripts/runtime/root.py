"""The repository root, defined once. Every command resolves its paths from it, or from its `--root` option, so a
test runs a command in-process on a scratch repository instead of copying the code there."""

from __future__ import annotations

from pathlib import Path


def repo_root() -> Path:
    """The folder that holds scripts/, annotations/ and datapackage.json."""
    return Path(__file__).resolve().parents[2]
