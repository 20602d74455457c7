"""The files a reader downloads from the site: the package's own files, and all of them as one zip."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import zipfile

from scripts.docs.loading import DocsError

ID_INDEX = "downloads/ids.json"


def release_files(pkg) -> dict[str, bytes] | None:
    """The release zips and SHA256SUMS, exactly as `make release` writes them, when the package is a repository
    that has the files a release carries; None otherwise (a test fixture)."""
    from scripts.release import zips as release

    if not all((pkg.root / name).is_file() for name in release.EXTRA):
        return None
    return release.build_release(pkg.root)


def zip_bytes(pkg) -> bytes:
    """The package as one zip with datapackage.json at its root (so frictionless opens it), for a package that is not
    a release repository; fixed timestamps, the same bytes each build."""
    created = pkg.descriptor.get("created", "1980-01-01")
    stamp = tuple(int(x) for x in re.findall(r"\d+", created)[:6]) + (0,) * 6
    stamp = stamp[:6] if stamp[0] >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel_path in pkg.files:
            info = zipfile.ZipInfo(rel_path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (pkg.root / rel_path).read_bytes())
    return out.getvalue()


def page_url(docs_path: str) -> str:
    """Where MkDocs publishes a docs page (directory URLs), relative to the site root."""
    path, _, anchor = docs_path.partition("#")
    path = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    return path + (f"#{anchor}" if anchor else "")


def id_index(site) -> bytes:
    """Every row ID -> where its row is shown, for the exact-ID lookup box."""
    index: dict[str, list[dict]] = {}
    for res in site.pkg.tables:
        if res.pk:
            for row in res.rows:
                index.setdefault(row[res.pk], []).append({"table": res.name, "href": page_url(site.row_target(res.name, row[res.pk]))})
    return json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


SUMS = "SHA256SUMS"
SUMS_TEXT = "downloads/SHA256SUMS.txt"  # the same bytes under a name every server sends as text/plain


def listed(sums: bytes) -> list[tuple[str, str]]:
    """(file name, sha256) of every line of a SHA256SUMS file, in its order."""
    out = []
    for line in sums.decode("utf-8").splitlines():
        digest, _, name = line.partition("  ")
        if digest and name:
            out.append((name.lstrip("*"), digest))
    return out


def release_list(site) -> list[dict]:
    """Every file of the release the site offers, as SHA256SUMS lists it (any zip `make release` adds is picked up
    with no change here): name, site path, size in bytes and sha256, each checked against the bytes served."""
    sums = site.assets.get(f"downloads/{SUMS}")
    if sums is None:
        names = [(posixpath.basename(site.zip_path), hashlib.sha256(site.assets[site.zip_path]).hexdigest())]
    else:
        names = listed(sums)
    out = []
    for name, digest in names:
        data = site.assets[f"downloads/{name}"]
        if hashlib.sha256(data).hexdigest() != digest:
            raise DocsError(f"downloads/{name}: its bytes do not match the sha256 in {SUMS}; run `make release` again")
        out.append({"name": name, "path": f"downloads/{name}", "bytes": len(data), "sha256": digest})
    return out


def add_assets(site) -> None:
    for rel_path in site.pkg.files:
        site.assets[rel_path] = (site.pkg.root / rel_path).read_bytes()
    released = release_files(site.pkg)
    if released is None:
        site.assets[site.zip_path] = zip_bytes(site.pkg)
    else:  # the site's download is the release itself: every zip and the checksums
        for name, data in released.items():
            site.assets[f"downloads/{name}"] = data
            if name.endswith("-exports.zip") and not name.endswith("-no-text-exports.zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:  # Croissant and the Parquet files it describes
                    for member in archive.namelist():
                        if member == "croissant.json" or member.startswith("parquet/"):
                            site.assets[f"downloads/exports/{member}"] = archive.read(member)
        if SUMS in released:
            site.assets[SUMS_TEXT] = released[SUMS]
    site.assets[ID_INDEX] = id_index(site)
