"""Every export of one package written into one folder, by the layout of scripts/contract/exports.py.

The exports step (dist/), the release's exports zip and the validator of an export folder all call this, so the
three cannot disagree on what an export folder holds. base is where the Web Annotations find the package root:
dist/ sits one folder below it, the exports zip unpacks beside it.
"""

from __future__ import annotations

from pathlib import Path

from scripts.contract.exports import export_paths
from scripts.contract.reader import BuiltPackage
from scripts.exports import datasette, parquet, sqlite, web_annotation, xlsx

IN_DIST = web_annotation.PACKAGE_ROOT
BESIDE = "./"  # the exports zip: unpacked into the folder that holds the package


def write_all(package: BuiltPackage, out: Path, base: str = IN_DIST) -> dict[str, str]:
    """Each export of package written under the existing folder out; returns their paths by kind."""
    rel = export_paths(package.name)
    sqlite.write(package, out / rel["sqlite"])
    (out / rel["datasette"]).write_text(datasette.dumps(datasette.metadata(package, package.name)), encoding="utf-8")
    xlsx.write(package, out / rel["xlsx"])
    parquet.write(package, out / rel["parquet"])
    (out / rel["web_annotation"]).write_text(web_annotation.dumps(web_annotation.collection(package, base)), encoding="utf-8")
    return rel
