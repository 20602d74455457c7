"""The files a reader downloads from the site: the package's own files, and all of them as one zip."""

from __future__ import annotations

import io
import re
import zipfile


def zip_bytes(pkg) -> bytes:
    """The package as one zip: datapackage.json and every resource, with fixed timestamps (the same bytes each build)."""
    created = pkg.descriptor.get("created", "1980-01-01")
    stamp = tuple(int(x) for x in re.findall(r"\d+", created)[:6]) + (0,) * 6
    stamp = stamp[:6] if stamp[0] >= 1980 else (1980, 1, 1, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel_path in pkg.files:
            info = zipfile.ZipInfo(f"{pkg.name}/{rel_path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, (pkg.root / rel_path).read_bytes())
    return out.getvalue()


def add_assets(site) -> None:
    for rel_path in site.pkg.files:
        site.assets[rel_path] = (site.pkg.root / rel_path).read_bytes()
    site.assets[site.zip_path] = zip_bytes(site.pkg)
