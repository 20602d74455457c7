"""Write every binary export of the built package into dist/ (the CSV on the Web metadata is written by the build).

Usage: python -m scripts.exports [--root DIR] [--out DIR]

Reads datapackage.json and data/ of the package, writes into a scratch directory beside the output and swaps
it into place, so dist/ never holds a mixture of two builds.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from scripts.exports import datasette, parquet, sqlite, web_annotation, xlsx
from scripts.contract.reader import PackageError, open_package
from scripts.runtime import cli

DATASETTE_METADATA = "metadata.json"


def export_paths(name: str) -> dict[str, str]:
    """Each export's path inside dist/, by kind."""
    return {"sqlite": f"{name}.sqlite", "datasette": DATASETTE_METADATA, "xlsx": f"{name}.xlsx",
            "parquet": "parquet", "web_annotation": f"{name}-annotations.jsonld"}


def write_exports(root: Path, out: Path) -> dict[str, Path]:
    """Every export of the package at root, written to out (replaced whole); returns their paths by kind."""
    package = open_package(root)
    rel = export_paths(package.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".dist-") as scratch:
        staged = Path(scratch) / "dist"
        staged.mkdir()
        sqlite.write(package, staged / rel["sqlite"])
        (staged / rel["datasette"]).write_text(datasette.dumps(datasette.metadata(package, package.name)), encoding="utf-8")
        xlsx.write(package, staged / rel["xlsx"])
        parquet.write(package, staged / rel["parquet"])
        (staged / rel["web_annotation"]).write_text(web_annotation.dumps(web_annotation.collection(package)), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        os.replace(staged, out)
    return {kind: out / path for kind, path in rel.items()}


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__, "the folder that holds datapackage.json (default: the repository)")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: dist/ beside datapackage.json)")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    began = time.perf_counter()
    try:
        paths = write_exports(root, args.out or root / "dist")
    except (OSError, ValueError, PackageError) as error:
        print(f"exports failed: {error}. Fix: run `make build` first; nothing in dist/ was changed", file=sys.stderr)
        return 1
    for kind, path in paths.items():
        print(f"{kind:15} {_size(path):>9,} bytes  {path}")
    print(f"exports written in {time.perf_counter() - began:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
