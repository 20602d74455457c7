"""Turn what a user hands the validator (a folder, its datapackage.json, a release zip) into a package folder.

A zip is unpacked into a scratch folder with the same limits the validator applies to files: every member name a
plain relative path, no symbolic links, each member and the whole within a cap, checked while reading (a member's
declared size can lie), and datapackage.json at the zip's root.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

from scripts.contract.paths import MAX_FILE_BYTES, MAX_FILES, MAX_ZIP_TOTAL, safe_relative


class UnusableInput(Exception):
    """The input is not a package folder, a datapackage.json or a readable zip (the validator cannot run)."""


class UnsafeInput(UnusableInput):
    """The zip breaks a path or size rule: the input is invalid, and nothing of it is read further."""


def unpacked(target: Path, scratch: Path) -> Path:
    """The package folder to validate."""
    if target.is_dir():
        return target
    if target.name == "datapackage.json" and target.is_file():
        return target.parent
    if target.is_file() and zipfile.is_zipfile(target):
        return _unzip(target, scratch)
    if not target.exists():
        raise UnusableInput("no such file or folder")
    raise UnusableInput("expected a package folder, a datapackage.json or a .zip")


def _unzip(zip_path: Path, scratch: Path) -> Path:
    total = 0
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = archive.infolist()
            if len(members) > MAX_FILES:
                raise UnsafeInput(f"the zip holds {len(members):,} members, above the cap of {MAX_FILES:,}")
            for member in members:
                name = member.filename.rstrip("/") if member.is_dir() else member.filename
                why = safe_relative(name)
                if why:
                    raise UnsafeInput(f"zip member {name!r}: {why}")
                if stat.S_ISLNK(member.external_attr >> 16):
                    raise UnsafeInput(f"zip member {name!r} is a symbolic link")
                target = scratch / name
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as source:
                    data = source.read(MAX_FILE_BYTES + 1)
                if len(data) > MAX_FILE_BYTES:
                    raise UnsafeInput(f"zip member {name!r} is larger than the cap of {MAX_FILE_BYTES:,} bytes")
                total += len(data)
                if total > MAX_ZIP_TOTAL:
                    raise UnsafeInput(f"the zip unpacks to more than {MAX_ZIP_TOTAL:,} bytes")
                target.write_bytes(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, RuntimeError) as error:
        raise UnusableInput(f"the zip cannot be read: {error}") from None
    if not (scratch / "datapackage.json").is_file():
        raise UnsafeInput("datapackage.json is not at the zip's root")
    return scratch
