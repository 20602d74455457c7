"""Turn what a user hands the validator (a folder, its datapackage.json, a release zip) into a package folder.

A zip is unpacked into a scratch folder with the same limits the validator applies to files: every member name a
plain relative path, no symbolic links, each member and the whole within a cap, checked while reading (a member's
declared size can lie), and datapackage.json at the zip's root. Every name must mean one file to every unzip tool,
and the zip holds nothing but what its descriptor declares and the release documents.
"""

from __future__ import annotations

import json
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from scripts.contract.paths import BUILD_NOTES, MAX_FILE_BYTES, MAX_FILES, MAX_ZIP_TOTAL, RELEASE_DOCUMENTS, safe_relative
from scripts.contract import csvw
from scripts.contract.problems import Problem


class UnusableInput(Exception):
    """The input is not a package folder, a datapackage.json or a zip (the validator cannot run)."""


class ScratchFull(UnusableInput):
    """The zip could not be unpacked because the disk or a limit refused the write (the validator cannot run)."""


class UnsafeInput(UnusableInput):
    """The zip breaks a rule of its own (a path, a size, a name read two ways): the input is invalid, and nothing of
    it is read further. problems names each entry at fault."""

    def __init__(self, message: str, problems: list[Problem] | None = None, code: str = "UNSAFE_PATH", entry: str = ""):
        super().__init__(message)
        self.problems = problems or [Problem(ZIP, None, f"entry={entry}" if entry else "", "", code, message)]


ZIP = "the zip"  # the file a zip's problems are reported against; replaced by the zip's own name


def unpacked(target: Path, scratch: Path) -> Path:
    """The package folder to validate."""
    if target.is_dir():
        return target
    if target.name == "datapackage.json" and target.is_file():
        return target.parent
    if target.is_file() and (zipfile.is_zipfile(target) or target.suffix.lower() == ".zip"):
        try:
            return _unzip(target, scratch)
        except UnsafeInput as error:
            error.problems = [replace(p, file=target.name) if p.file == ZIP else p for p in error.problems]
            raise
    if not target.exists():
        raise UnusableInput("no such file or folder")
    raise UnusableInput("expected a package folder, a datapackage.json or a .zip")


def _unzip(zip_path: Path, scratch: Path) -> Path:
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = archive.infolist()
            if len(members) > MAX_FILES:
                raise UnsafeInput(f"the zip holds {len(members):,} members, above the cap of {MAX_FILES:,}", code="FILE_TOO_LARGE")
            _names_read_one_way(members)
            local = _local_headers(zip_path, members)
            _one_name_each(members, local)
            _headers_agree(members, local)
            _back_to_back(zip_path, members, local, archive.start_dir)
            _extract(archive, members, scratch)
    except (UnsafeInput, ScratchFull):
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, RuntimeError, EOFError, ValueError) as error:
        raise UnsafeInput(f"the zip cannot be read ({type(error).__name__}: {error}): it is truncated, damaged or no zip",
                          code="ZIP_UNREADABLE") from None
    if (scratch / "datapackage.json").is_dir():
        raise UnsafeInput("the zip holds datapackage.json as a folder, where the descriptor file belongs",
                          code="ZIP_DIRECTORY_CLASH", entry="datapackage.json/")
    if not (scratch / "datapackage.json").is_file():
        raise UnsafeInput("datapackage.json is not at the zip's root")
    _declared_only(members, scratch)
    return scratch


def _names_read_one_way(members: list[zipfile.ZipInfo]) -> None:
    """Every member name means one file to every unzip tool: none twice, none equal to another after case folding
    (Windows and macOS folders), no file where another member needs a folder, nothing encrypted, no link."""
    problems: list[Problem] = []
    bad = lambda code, name, message: problems.append(Problem(ZIP, None, f"entry={name}", "", code, message))
    counts = Counter(m.filename for m in members)
    folded: dict[str, str] = {}
    files = {m.filename for m in members if not m.is_dir()}
    for member in members:
        name = member.filename.rstrip("/") if member.is_dir() else member.filename
        why = safe_relative(name)
        if why:
            bad("UNSAFE_PATH", name, f"zip member {name!r}: {why}")
            continue
        if stat.S_ISLNK(member.external_attr >> 16):
            bad("UNSAFE_PATH", name, f"zip member {name!r} is a symbolic link")
        if member.flag_bits & 0x1:
            bad("ZIP_ENCRYPTED", name, f"zip member {name!r} is encrypted, so no client can read it without a password")
        elif member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            bad("ZIP_COMPRESSION", name, f"zip member {name!r} is compressed with method {member.compress_type} "
                "(not stored or deflated), which unzip, Windows and macOS cannot unpack")
        if counts[member.filename] > 1 and member.filename not in folded.values():
            bad("ZIP_DUPLICATE_NAME", name, f"the zip holds {counts[member.filename]} members named {name!r}: "
                "one unzip tool keeps the first, another the last")
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded and folded[key] != member.filename:
            bad("ZIP_CASE_COLLISION", name, f"{name!r} and {folded[key]!r} are one file on a case-insensitive disk")
        folded.setdefault(key, member.filename)
        parents = PurePosixPath(name).parents
        for parent in list(parents)[:-1]:
            if str(parent) in files:
                bad("ZIP_DIRECTORY_CLASH", name, f"{name!r} needs a folder {str(parent)!r}, which the zip also holds as a file")
        if member.is_dir() and name in files:
            bad("ZIP_DIRECTORY_CLASH", name, f"{name!r} is both a folder and a file in the zip")
    if problems:
        raise UnsafeInput(problems[0].message, problems)


UNICODE_PATH = 0x7075  # Info-ZIP's Unicode path field: unzip extracts under this name, Python's zipfile ignores it


def _unicode_paths(extra: bytes) -> list[bytes]:
    found, at = [], 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        if kind == UNICODE_PATH:
            found.append(extra[at + 9:at + 4 + size])  # version (1 byte) and the header name's CRC-32 (4) come first
        at += 4 + size
    return found


class _Local(NamedTuple):
    """A member's local header as the file holds it: its length up to the data, its extra field, and the fields a
    streaming reader goes by (None where the file holds no local header there)."""
    length: int
    extra: bytes
    fields: tuple[int, int, int, int, int] | None  # flags, method, CRC-32, compressed size, size


def _local_headers(zip_path: Path, members: list[zipfile.ZipInfo]) -> dict[str, _Local]:
    """Each member's local header, read once."""
    found = {}
    with open(zip_path, "rb") as handle:
        for member in members:
            handle.seek(member.header_offset)
            local = handle.read(30)
            if len(local) == 30 and local[:4] == b"PK\x03\x04":
                flags, method, _, _, crc, csize, size, name_length, extra_length = struct.unpack_from("<HHHHIIIHH", local, 6)
                handle.seek(member.header_offset + 30 + name_length)
                found[member.filename] = _Local(30 + name_length + extra_length, handle.read(extra_length),
                                                (flags, method, crc, csize, size))
            else:
                found[member.filename] = _Local(30, b"", None)
    return found


ZIP64 = 0xFFFFFFFF  # a size or offset field that defers to the zip64 extra field


def _headers_agree(members: list[zipfile.ZipInfo], local: dict[str, _Local]) -> None:
    """A member's local header says what its central directory entry says: the method, and (unless a data
    descriptor follows the data) its CRC-32 and sizes. A streaming reader goes by the local header and would stop
    at another byte than unzip, and could read a member hidden inside the data of another."""
    problems: list[Problem] = []
    for member in members:
        fields = local[member.filename].fields
        if fields is None:
            continue
        flags, method, crc, csize, size = fields
        said = [("compression method", method, member.compress_type)]
        if not flags & 0x08:
            said += [("CRC-32", crc, member.CRC), ("compressed size", csize, member.compress_size), ("size", size, member.file_size)]
        for what, here, there in said:
            if here != there and here != ZIP64:
                problems.append(Problem(ZIP, None, f"entry={member.filename}", "", "ZIP_HEADERS_DISAGREE",
                                        f"zip member {member.filename!r}: its local header gives the {what} {here:,}, its "
                                        f"central directory entry {there:,}, so a streaming reader and unzip read different bytes"))
                break
    if problems:
        raise UnsafeInput(problems[0].message, problems)


def _one_name_each(members: list[zipfile.ZipInfo], local: dict[str, _Local]) -> None:
    """A member carries one name: a second one in an extra field (central directory or local header) that differs
    from it would make unzip and the validator read different files under one path."""
    problems: list[Problem] = []
    for member in members:
        extras = [member.extra, local[member.filename].extra]
        others = {name.decode("utf-8", "replace") for extra in extras for name in _unicode_paths(extra)} - {member.filename}
        if others:
            problems.append(Problem(ZIP, None, f"entry={member.filename}", "", "ZIP_NAME_DISAGREES",
                                    f"zip member {member.filename!r} also carries the name {sorted(others)[0]!r} "
                                    "(Info-ZIP's Unicode path field), under which unzip extracts it"))
    if problems:
        raise UnsafeInput(problems[0].message, problems)


def _back_to_back(zip_path: Path, members: list[zipfile.ZipInfo], local: dict[str, _Local], directory: int) -> None:
    """The members fill the file from its first byte to the central directory, with nothing before, between or
    hidden: a streaming reader (Java's ZipInputStream, unzip from a pipe) walks the local headers from byte 0 and
    would read bytes the central directory never lists, such as a second package put in front."""
    at, problems = 0, []
    with open(zip_path, "rb") as handle:
        for member in sorted(members, key=lambda m: m.header_offset):
            if member.header_offset != at:
                gap = member.header_offset - at
                where = "before the first member" if at == 0 else f"between the members before {member.filename!r}"
                problems.append(Problem(ZIP, None, f"entry={member.filename}", "", "ZIP_HIDDEN_BYTES",
                                        f"the zip holds {gap:,} bytes {where} that its central directory does not list"
                                        if gap > 0 else f"zip member {member.filename!r} overlaps the member before it"))
                break
            at = member.header_offset + local[member.filename].length + member.compress_size
            short = _deflate_ends_early(handle, member, at - member.compress_size)
            if short:
                problems.append(Problem(ZIP, None, f"entry={member.filename}", "", "ZIP_HIDDEN_BYTES",
                                        f"zip member {member.filename!r}: its compressed data ends {short:,} bytes before "
                                        "the size its central directory gives, and a streaming reader reads those bytes "
                                        "as members the validator never sees"))
                break
            if member.flag_bits & 0x08:  # a data descriptor follows the data: 12 bytes, or 16 with its signature
                handle.seek(at)
                signed = handle.read(4) == b"PK\x07\x08"
                handle.seek(at + 4 if signed else at)
                described = struct.unpack("<III", handle.read(12).ljust(12, b"\0"))
                at += 16 if signed else 12
                if member.file_size >= ZIP64 or member.compress_size >= ZIP64:
                    at += 8
                elif described != (member.CRC, member.compress_size, member.file_size):
                    problems.append(Problem(ZIP, None, f"entry={member.filename}", "", "ZIP_HEADERS_DISAGREE",
                                            f"zip member {member.filename!r}: its data descriptor gives the CRC-32 and sizes "
                                            f"{described}, its central directory entry {(member.CRC, member.compress_size, member.file_size)}, "
                                            "so a streaming reader and unzip read different bytes"))
                    break
        else:
            if members and at != directory:
                problems.append(Problem(ZIP, None, "", "", "ZIP_HIDDEN_BYTES", f"the zip holds {directory - at:,} bytes "
                                        "between its last member and its central directory that the directory does not list"))
    if problems:
        raise UnsafeInput(problems[0].message, problems)


def _deflate_ends_early(handle, member: zipfile.ZipInfo, start: int) -> int:
    """How many bytes of a deflated member's compressed size follow the end of its deflate stream (0 for a stored
    member, or a stream that ends where the central directory says)."""
    if member.compress_type != zipfile.ZIP_DEFLATED:
        return 0
    handle.seek(start)
    stream, left, made = zlib.decompressobj(-zlib.MAX_WBITS), member.compress_size, 0
    while left and not stream.eof:
        chunk = handle.read(min(left, 1 << 16))
        if not chunk:
            return 0  # a truncated zip: extracting it says so
        left -= len(chunk)
        made += len(stream.decompress(chunk, 1 << 20))
        while stream.unconsumed_tail and not stream.eof:  # output is thrown away; only where the stream ends matters
            made += len(stream.decompress(stream.unconsumed_tail, 1 << 20))
            if made > MAX_FILE_BYTES:
                return 0  # too large: extracting it says so
    return len(stream.unused_data) + left if stream.eof else 0


def _extract(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], scratch: Path) -> None:
    """Each member written under scratch, its size counted while reading (a member's declared size can lie)."""
    total = 0
    for member in members:
        name = member.filename.rstrip("/") if member.is_dir() else member.filename
        target = scratch / name
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as source:
            data = source.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise UnsafeInput(f"zip member {name!r} is larger than the cap of {MAX_FILE_BYTES:,} bytes", code="FILE_TOO_LARGE", entry=name)
        total += len(data)
        if total > MAX_ZIP_TOTAL:
            raise UnsafeInput(f"the zip unpacks to more than {MAX_ZIP_TOTAL:,} bytes", code="FILE_TOO_LARGE")
        try:
            target.write_bytes(data)
        except OSError as error:  # the scratch folder is full or limited: no fault of the zip
            raise ScratchFull(f"the zip could not be unpacked into a scratch folder ({error.strerror or error}): free "
                              "space or raise the file-size limit, then run again; the zip itself was not judged") from None


def _declared_only(members: list[zipfile.ZipInfo], scratch: Path) -> None:
    """A release zip holds its descriptor, the files it declares and the release documents, nothing else: a file a
    client finds but the validator never reads (a second datapackage.json, an article text added to the text-free
    zip) is refused. A declared path that arrived as a folder is named here too."""
    try:
        raw = (scratch / "datapackage.json").read_bytes()
        descriptor = json.loads(raw.decode("utf-8"))
        declared = {r["path"] for r in descriptor.get("resources", []) if isinstance(r, dict) and isinstance(r.get("path"), str)}
        notes = set(csvw.files(raw))
    except Exception:  # noqa: BLE001 - pre-flight reports what is wrong with the descriptor itself
        return
    allowed = declared | notes | {"datapackage.json", *RELEASE_DOCUMENTS, *BUILD_NOTES}
    problems = []
    for member in members:
        name = member.filename.rstrip("/")
        if member.is_dir():
            if name in declared:
                problems.append(Problem(ZIP, None, f"entry={name}/", "", "ZIP_DIRECTORY_CLASH",
                                        f"datapackage.json declares the file {name!r}, but the zip holds a folder there"))
        elif name not in allowed:
            problems.append(Problem(ZIP, None, f"entry={name}", "", "ZIP_UNDECLARED",
                                    f"{name!r} is in the zip but is neither declared in datapackage.json nor a release "
                                    f"document ({', '.join(RELEASE_DOCUMENTS)})"))
    if problems:
        raise UnsafeInput(problems[0].message, problems)
