"""The exports zip of one variant: the typed exports of exactly the package in the variant's zip, a Hugging Face
dataset card as its README.md and Croissant metadata.

Files (unzip it into the folder that holds the package zip's contents, and every relative path resolves):
`<name>.sqlite` and `metadata.json` (Datasette), `<name>.xlsx`, `parquet/<table>/part-0.parquet`,
`<name>-annotations.jsonld` (W3C Web Annotation), `data/<name>-csv-metadata.json` (CSV on the Web, describing
the package zip's CSVs), `croissant.json` and `README.md`. The text-free variant's exports are made from the
text-free tables, so they hold no article text either (no `article_texts` table, no TextQuoteSelector).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scripts.contract import csvw
from scripts.exports import croissant
from scripts.exports.writer import BESIDE, write_all
from scripts.release.variants import open_files

ZIP_BASE = BESIDE  # in the exports zip the annotations sit at the root, beside data/ once both zips are unpacked together


def contents(package_files: dict[str, bytes], no_text: bool, package_zip: str) -> dict[str, bytes]:
    """Every file of the exports zip of the variant whose package files are given, by its path in the zip."""
    with tempfile.TemporaryDirectory(prefix="exports-zip-") as scratch:
        pkg = open_files(package_files, Path(scratch) / "package", texts=not no_text)
        out = Path(scratch) / "out"
        out.mkdir()
        write_all(pkg, out, ZIP_BASE)
        files = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        csvw_path = csvw.path(pkg.descriptor)
        files[csvw_path] = package_files[csvw_path]
        files.update(croissant.files(pkg.descriptor, {t.name: len(t.rows) for t in pkg.tables}, files, package_zip))
    return files
