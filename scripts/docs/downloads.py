"""The files a reader downloads from the site: the package's own files, and all of them as one zip."""

from __future__ import annotations

import io
import json
import re
import zipfile

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


def add_assets(site) -> None:
    for rel_path in site.pkg.files:
        site.assets[rel_path] = (site.pkg.root / rel_path).read_bytes()
    released = release_files(site.pkg)
    if released is None:
        site.assets[site.zip_path] = zip_bytes(site.pkg)
    else:  # the site's download is the release itself: both zips and the checksums
        for name, data in released.items():
            site.assets[f"downloads/{name}"] = data
            if name.endswith("-exports.zip") and not name.endswith("-no-text-exports.zip"):
                with zipfile.ZipFile(io.BytesIO(data)) as archive:  # Croissant and the Parquet files it describes
                    for member in archive.namelist():
                        if member == "croissant.json" or member.startswith("parquet/"):
                            site.assets[f"downloads/exports/{member}"] = archive.read(member)
    site.assets[ID_INDEX] = id_index(site)
