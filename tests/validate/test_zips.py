"""A zip is validated as its clients read it: a name that unzip tools resolve two ways, a file nobody declared, a
folder where a file is declared, an encrypted member and a truncated or fake zip are each refused with a coded
problem naming the entry (exit 1), never INTERNAL or a traceback."""

from __future__ import annotations

import io
import json
import struct
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest

from scripts.release.zips import package_files as release_package_files
from scripts.validate.__main__ import main
from tests.helpers.corrupt import run_main
from tests.helpers.repo import REPO


def package_files(text_free: bool = False) -> dict[str, bytes]:
    """The repository's package as a release zip holds it: the descriptor and every file it declares (for the
    text-free variant, as `make release` writes it)."""
    return release_package_files(REPO, no_text=text_free)


def zipped(dest: Path, files: dict[str, bytes], extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns when a name is written twice: that is the point
        with zipfile.ZipFile(dest, "w") as archive:
            for name, data in files.items():
                archive.writestr(name, data)
            for info, data in extra:
                archive.writestr(info, data)
    return dest


def refused(path: Path, code: str, entry: str | None = None) -> str:
    ran = run_main(main, str(path))
    assert ran.returncode == 1, ran.stderr
    assert "Traceback" not in ran.stderr and "[INTERNAL]" not in ran.stderr, ran.stderr
    lines = [line for line in ran.stderr.splitlines() if f"[{code}]" in line]
    assert lines, ran.stderr
    if entry is not None:
        assert any(line.startswith(f"{path.name} entry={entry} [{code}]") for line in lines), lines
    assert all("Fix: " in line for line in lines)
    return ran.stderr


def test_the_repositorys_package_as_a_zip_validates(tmp_path):
    ran = run_main(main, str(zipped(tmp_path / "good.zip", package_files())))
    assert ran.returncode == 0, ran.stderr


def test_a_member_name_twice_is_refused(tmp_path):
    files = package_files()
    forged = files["data/quotes.csv"].replace(b"claudia-sheinbaum", b"donald-trump", 1)
    refused(zipped(tmp_path / "twice.zip", files, [("data/quotes.csv", forged)]), "ZIP_DUPLICATE_NAME", "data/quotes.csv")


def test_names_that_differ_only_in_case_are_refused(tmp_path):
    files = package_files()
    refused(zipped(tmp_path / "case.zip", files, [("data/Quotes.csv", files["data/quotes.csv"])]), "ZIP_CASE_COLLISION", "data/Quotes.csv")


@pytest.mark.parametrize("extra", ["data/datapackage.json", "sub/datapackage.json", "notes.txt"])
def test_an_undeclared_file_is_refused(tmp_path, extra):
    files = package_files()
    refused(zipped(tmp_path / "extra.zip", files, [(extra, files["datapackage.json"])]), "ZIP_UNDECLARED", extra)


def test_the_article_text_added_to_the_text_free_zip_is_refused(tmp_path):
    files = package_files(text_free=True)
    texts = [r["path"] for r in json.loads((REPO / "datapackage.json").read_text())["resources"] if r["path"].endswith(".txt")]
    assert texts and not any(t in files for t in texts)
    smuggled = [(t, (REPO / t).read_bytes()) for t in texts]
    refused(zipped(tmp_path / "no-text.zip", files, smuggled), "ZIP_UNDECLARED", texts[0])


def test_a_folder_where_a_file_is_declared_is_refused(tmp_path):
    files = package_files()
    del files["data/figures.csv"]
    folder = zipfile.ZipInfo("data/figures.csv/")
    folder.external_attr = 0o40755 << 16 | 0x10
    refused(zipped(tmp_path / "folder.zip", files, [(folder, b"")]), "ZIP_DIRECTORY_CLASH")


def test_a_package_put_in_front_of_the_zip_is_refused(tmp_path):
    """`cat forged.zip real.zip`: Python and the validator read the real zip through its central directory, a
    streaming reader walks the local headers from byte 0 and reads the forged one."""
    files = package_files()
    forged = dict(files, **{"data/figures.csv": files["data/figures.csv"].replace(b"approximately 50%", b"approximately 90%")})
    front = zipped(tmp_path / "forged.zip", forged).read_bytes()
    path = tmp_path / "prefixed.zip"
    path.write_bytes(front + zipped(tmp_path / "real.zip", files).read_bytes())
    assert f"{len(front):,} bytes before the first member" in refused(path, "ZIP_HIDDEN_BYTES")


class _Stream(io.RawIOBase):
    """A write-only stream that cannot seek, as a pipe: zipfile then writes a data descriptor after each member."""

    def __init__(self):
        self.data = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.data += b
        return len(b)


def test_a_zip_written_as_a_stream_with_data_descriptors_validates(tmp_path):
    stream = _Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files().items():
            archive.writestr(name, data)
    path = tmp_path / "streamed.zip"
    path.write_bytes(bytes(stream.data))
    assert all(m.flag_bits & 0x08 for m in zipfile.ZipFile(path).infolist())
    ran = run_main(main, str(path))
    assert ran.returncode == 0, ran.stderr


def test_a_member_compressed_with_lzma_is_refused(tmp_path):
    """Python reads LZMA members; unzip ("need PK compat. v6.3"), Windows and macOS do not."""
    files = package_files()
    path = tmp_path / "lzma.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_LZMA if name == "data/quotes.csv" else zipfile.ZIP_DEFLATED)
    refused(path, "ZIP_COMPRESSION", "data/quotes.csv")


def test_the_descriptor_as_a_folder_is_a_clash_not_a_missing_file(tmp_path):
    files = package_files()
    del files["datapackage.json"]
    refused(zipped(tmp_path / "folder.zip", files, [(zipfile.ZipInfo("datapackage.json/"), b"")]), "ZIP_DIRECTORY_CLASH",
            "datapackage.json/")


def unicode_path(name: str, header_name: str) -> bytes:
    """Info-ZIP's Unicode path extra field (0x7075): version 1, the CRC-32 of the header name, then the UTF-8 name."""
    data = b"\x01" + struct.pack("<I", zlib.crc32(header_name.encode())) + name.encode()
    return struct.pack("<HH", 0x7075, len(data)) + data


def test_a_member_whose_second_name_unzip_would_extract_is_refused(tmp_path):
    """Python's zipfile ignores the field, unzip extracts the member under it: the two would read different files."""
    files = package_files()
    forged = files.pop("data/figures.csv").replace(b"approximately 50%", b"approximately 90%")
    info = zipfile.ZipInfo("README.md")
    info.extra = unicode_path("data/figures.csv", "README.md")
    original = zipfile.ZipInfo("data/figures.csv")
    original.extra = unicode_path("data/figures.orig", "data/figures.csv")
    files.pop("README.md", None)
    path = zipped(tmp_path / "second-name.zip", files, [(info, forged), (original, package_files()["data/figures.csv"])])
    assert "data/figures.orig" in refused(path, "ZIP_NAME_DISAGREES", "data/figures.csv")


def test_a_unicode_path_field_that_repeats_the_name_is_accepted(tmp_path):
    files = package_files()
    data = files.pop("data/figures.csv")
    info = zipfile.ZipInfo("data/figures.csv")
    info.extra = unicode_path("data/figures.csv", "data/figures.csv")
    ran = run_main(main, str(zipped(tmp_path / "same-name.zip", files, [(info, data)])))
    assert ran.returncode == 0, ran.stderr


def test_a_file_where_a_folder_is_needed_is_refused(tmp_path):
    files = package_files()
    refused(zipped(tmp_path / "clash.zip", files, [("data/quotes.csv/inner.csv", b"x")]), "ZIP_DIRECTORY_CLASH", "data/quotes.csv/inner.csv")


def test_an_encrypted_member_is_refused(tmp_path):
    path = zipped(tmp_path / "locked.zip", package_files())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("data/quotes.csv")
    data = bytearray(path.read_bytes())
    data[info.header_offset + 6] |= 0x1  # the encryption flag, as a password-protected zip sets it, in the local
    central = data.index(b"PK\x01\x02")
    while True:  # ... and the central directory entry of the same member
        name_length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_length] == b"data/quotes.csv":
            break
        central = data.index(b"PK\x01\x02", central + 4)
    data[central + 8] |= 0x1
    path.write_bytes(bytes(data))
    refused(path, "ZIP_ENCRYPTED", "data/quotes.csv")


@pytest.mark.parametrize("cut", [0.5, 0.98])
def test_a_truncated_zip_is_refused(tmp_path, cut):
    good = zipped(tmp_path / "good.zip", package_files()).read_bytes()
    short = tmp_path / "short.zip"
    short.write_bytes(good[: int(len(good) * cut)])
    refused(short, "ZIP_UNREADABLE")


def test_a_file_named_zip_that_is_no_zip_is_refused(tmp_path):
    fake = tmp_path / "package.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    refused(fake, "ZIP_UNREADABLE")


def test_a_member_above_the_size_cap_is_too_large_not_an_unsafe_path(tmp_path):
    from scripts.contract.paths import MAX_FILE_BYTES
    big = zipfile.ZipInfo("data/articles/zzz.txt")
    big.compress_type = zipfile.ZIP_DEFLATED  # a few kilobytes in the zip, above the cap unpacked
    stderr = refused(zipped(tmp_path / "bomb.zip", package_files(), [(big, b"\0" * (MAX_FILE_BYTES + 1))]),
                     "FILE_TOO_LARGE", "data/articles/zzz.txt")
    assert "[UNSAFE_PATH]" not in stderr


def test_the_primary_record_of_a_zip_is_looked_for_in_the_folder_that_holds_the_zip(tmp_path):
    import csv
    import io
    zip_path = zipped(tmp_path / "release.zip", package_files())
    record = next(csv.DictReader(io.StringIO(package_files()["data/primary_records.csv"].decode("utf-8"))))
    missing = run_main(main, str(zip_path))
    where = tmp_path / "shared" / "source" / "primary" / f"{record['record_id']}.txt"
    assert missing.returncode == 0 and f"not found at {where}" in missing.stdout, missing.stdout
    where.parent.mkdir(parents=True)
    where.write_text("not the record\n", encoding="utf-8")  # a wrong copy, where the docs say to put the right one
    stderr = refused(zip_path, "PRIMARY_RECORD")
    assert f"the copy read at {where}" in stderr


def local_entry(name: str, data: bytes) -> bytes:
    """A stored member's local header and data, as a streaming reader walks them."""
    raw = name.encode()
    return struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0x21, zlib.crc32(data), len(data), len(data),
                       len(raw), 0) + raw + data


def test_a_member_hidden_inside_another_by_its_local_header_is_refused(tmp_path):
    """README.md's central entry spans a forged figures.csv; its local header gives only README's own bytes, so a
    streaming reader (Java's ZipInputStream, `unzip` from a pipe) stops there and reads the forged member next."""
    files = package_files()
    readme = files.pop("README.md", b"# README\n")
    forged = files["data/figures.csv"].replace(b"approximately 50%", b"approximately 90%")
    path = zipped(tmp_path / "hidden.zip", {"README.md": readme + local_entry("data/figures.csv", forged), **files})
    data = bytearray(path.read_bytes())
    at = zipfile.ZipFile(path).getinfo("README.md").header_offset
    struct.pack_into("<III", data, at + 14, zlib.crc32(readme), len(readme), len(readme))
    path.write_bytes(bytes(data))
    assert "its local header gives the CRC-32" in refused(path, "ZIP_HEADERS_DISAGREE", "README.md")


def test_a_data_descriptor_that_disagrees_with_the_directory_is_refused(tmp_path):
    stream = _Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files().items():
            archive.writestr(name, data)
    data = bytearray(stream.data)
    member = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("data/figures.csv")
    descriptor = member.header_offset + 30 + len(member.filename) + len(member.extra) + member.compress_size
    assert data[descriptor:descriptor + 4] == b"PK\x07\x08"
    struct.pack_into("<I", data, descriptor + 8, member.compress_size - 1)
    path = tmp_path / "descriptor.zip"
    path.write_bytes(bytes(data))
    assert "its data descriptor gives" in refused(path, "ZIP_HEADERS_DISAGREE", "data/figures.csv")


def smuggled(honest: Path, dest: Path) -> Path:
    """honest with a forged package hidden after its first member's deflate stream: the member has a data
    descriptor (flag 0x08), its central entry spans the hidden bytes, and a streaming reader (Java's
    ZipInputStream) takes the fake descriptor that follows the deflate stream and reads the forged members next."""
    data = honest.read_bytes()
    archive = zipfile.ZipFile(honest)
    members = archive.infolist()
    forged = io.BytesIO()
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as out:
        for m in members[1:]:
            out.writestr(m.filename, archive.read(m).replace(b"approximately 50%", b"approximately 90%"))
    forged_locals = forged.getvalue()[:zipfile.ZipFile(forged).start_dir]
    first, plain = members[0], archive.read(members[0])
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = packer.compress(plain) + packer.flush()
    crc = zlib.crc32(plain)
    body_data = deflated + struct.pack("<4sIII", b"PK\x07\x08", crc, len(deflated), len(plain)) + forged_locals
    name = first.filename.encode()
    body = (struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x08, 8, 0, 0x21, 0, 0, 0, len(name), 0) + name + body_data
            + struct.pack("<4sIII", b"PK\x07\x08", crc, len(body_data), len(plain)))
    offsets = {first.filename: 0}
    for m in members[1:]:
        offsets[m.filename] = len(body)
        n, e = struct.unpack_from("<HH", data, m.header_offset + 26)
        body += data[m.header_offset:m.header_offset + 30 + n + e + m.compress_size]
    directory = b""
    for m in members:
        sizes = (0x08, 8, crc, len(body_data), len(plain)) if m is first else (m.flag_bits, m.compress_type, m.CRC, m.compress_size, m.file_size)
        directory += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, sizes[0], sizes[1], 0, 0x21, *sizes[2:],
                                 len(m.filename.encode()), 0, 0, 0, 0, m.external_attr, offsets[m.filename]) + m.filename.encode()
    dest.write_bytes(body + directory + struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members),
                                                    len(directory), len(body), 0))
    return dest


def test_a_package_hidden_after_a_deflate_stream_is_refused(tmp_path):
    files = package_files()
    honest = tmp_path / "honest.zip"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path = smuggled(honest, tmp_path / "smuggled.zip")
    with zipfile.ZipFile(path) as archive:  # Python, like unzip, reads the honest member and ignores what follows
        assert archive.testzip() is None and archive.read(archive.infolist()[0]) == files[archive.infolist()[0].filename]
    first = zipfile.ZipFile(honest).infolist()[0].filename
    assert "its compressed data ends" in refused(path, "ZIP_HIDDEN_BYTES", first)


def test_release_documents_that_contradict_the_descriptor_are_refused(tmp_path):
    """CITATION.cff and LICENSE.md are read before the data: a citation of another version, or a licence note that
    swaps the licence, is refused; the repository's own CITATION.cff with a note naming the licence passes."""
    files = package_files()
    cff = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    version = json.loads(files["datapackage.json"])["version"]
    honest = {**files, "CITATION.cff": cff.encode(), "LICENSE.md": b"Licensed under CC-BY-4.0.\n"}
    assert run_main(main, str(zipped(tmp_path / "honest.zip", honest))).returncode == 0
    cited = dict(honest, **{"CITATION.cff": cff.replace(f"version: {version}", "version: 1.0.0").encode()})
    assert 'gives the version "1.0.0", datapackage.json' in refused(zipped(tmp_path / "cff.zip", cited), "RELEASE_DOCUMENT")
    swapped = dict(honest, **{"LICENSE.md": b"Licensed under CC0-1.0.\n"})
    said = refused(zipped(tmp_path / "licence.zip", swapped), "RELEASE_DOCUMENT")
    assert "names the licence CC0-1.0" in said and "does not name CC-BY-4.0" in said
