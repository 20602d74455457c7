"""Safe paths and the size caps: a path the package declares is a plain relative POSIX path to a regular file
inside the package, reached through no symbolic link, under a cap checked before the file is read.

Frictionless and every client follow a declared path wherever it points (URLs included), so nothing opens a file of
the package except through open_safely, and the validator never opens a network connection.
"""

from __future__ import annotations

import sys

import os
import stat
from pathlib import Path, PurePosixPath

import regex

MAX_FILE_BYTES = 64 * 1024 * 1024  # per file, checked with stat() before reading; a 1,000-article corpus needs ~15 MB
MAX_DESCRIPTOR_BYTES = 8 * 1024 * 1024
MAX_FILES = 100_000
# one cell of any table, in characters: Excel's cell limit (32,767), the smallest of the readers', so every reader
# with default settings (Python's csv reads 131,072, pandas, frictionless, DuckDB, R, LibreOffice, the xlsx export)
# reads every cell whole
MAX_CELL_CHARS = 32_767
# a cell of that many digits is legal input, and Python's default limit (int() of more than 4,300 digits raises)
# would turn it into a traceback rather than a problem: integers as long as a cell parse
sys.set_int_max_str_digits(MAX_CELL_CHARS + 1)
MAX_ZIP_TOTAL = 512 * 1024 * 1024
BUILD_NOTES = ("data/README.md",)  # written by the build beside the resources, for people who open the folder
# what a release zip holds besides datapackage.json and the files it declares (scripts/release/zips.py writes them)
RELEASE_DOCUMENTS = ("README.md", "LICENSE.md", "CITATION.cff", "CHANGELOG.md")


def safe_relative(path) -> str | None:
    """Why path is not a plain relative POSIX path inside the package, or None."""
    if not isinstance(path, str) or not path:
        return "the path is not a non-empty string"
    if regex.match(r"[A-Za-z][A-Za-z0-9+.-]*:", path) or "://" in path:
        return "the path has a URL scheme or a drive letter; validation never opens a network connection"
    if "\\" in path or "\x00" in path:
        return "the path holds a backslash or NUL"
    pure = PurePosixPath(path)
    if pure.is_absolute():
        return "the path is absolute"
    if any(part in ("..", ".") for part in path.split("/")) or "" in path.split("/"):
        return "the path has an empty, `.` or `..` part"
    return None


def open_safely(root: Path, rel: str, cap: int = MAX_FILE_BYTES) -> tuple[Path | None, str | None, str]:
    """The file at root/rel, or (None, code, why): no symbolic link at any step, a regular file, within the cap."""
    at = root
    parts = rel.split("/")
    for i, part in enumerate(parts):
        at = at / part
        try:
            info = os.lstat(at)
        except FileNotFoundError:
            return None, "RESOURCE_INTEGRITY", "the file does not exist"
        except OSError as error:
            return None, "NOT_A_REGULAR_FILE", f"cannot be examined: {error.strerror}"
        if stat.S_ISLNK(info.st_mode):
            return None, "NOT_A_REGULAR_FILE", f"`{'/'.join(parts[: i + 1])}` is a symbolic link"
    if not stat.S_ISREG(info.st_mode):
        return None, "NOT_A_REGULAR_FILE", "it is not a regular file"
    if info.st_size > cap:
        return None, "FILE_TOO_LARGE", f"it has {info.st_size:,} bytes, above the cap of {cap:,} bytes; it was not read"
    return at, None, ""


def safe_data_path(path) -> bool:
    """A plain relative POSIX path inside data/ (the site links only to such paths)."""
    return safe_relative(path) is None and path.split("/")[0] == "data"
