"""The built package as the site reads it, through the one reader (scripts.contract.reader), and the one error the
site generator raises: a package missing, stale or unexpected fails the docs build loudly."""

from __future__ import annotations

from pathlib import Path

from scripts.contract.paths import safe_data_path
from scripts.contract.reader import BuiltPackage, PackageError, open_package


class DocsError(Exception):
    """The package cannot be documented as it stands (missing, stale or unexpected)."""


def load_package(root: Path) -> BuiltPackage:
    """The package at root, every file checked against the descriptor; DocsError when it cannot be read so."""
    if not (root / "datapackage.json").is_file():
        raise DocsError(f"{root / 'datapackage.json'} is missing; run `make build` first")
    try:
        pkg = open_package(root)
    except PackageError as error:
        raise DocsError(str(error)) from None
    for resource in pkg.resources.values():
        if not safe_data_path(resource.path):
            raise DocsError(f"resource `{resource.name}` has an unsafe path {resource.path!r}")
    return pkg
