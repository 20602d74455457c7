"""Write every binary export of the built package into dist/ (the CSV on the Web metadata is written by the build).

Usage: python -m scripts.exports [--root DIR] [--out DIR] [--check]

Reads datapackage.json and data/ of the package, writes into a scratch directory beside the output and swaps
it into place, so dist/ never holds a mixture of two builds. Last it writes dist/exports-record.json: the sha256 of
the datapackage.json the exports come from and of every file (scripts/contract/exports.py), which `make validate`
reads. The release outputs in dist/ (`*.zip`, SHA256SUMS, written by `make release`) are carried over untouched.

--check writes the exports into a scratch directory instead and reports every file of dist/ that differs from them
(exit 1), as `make check` does for data/; a dist/ with no exports yet is a notice (exit 0).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from scripts.exports.writer import write_all
from scripts.contract import exports
from scripts.contract.exports import DATASETTE_METADATA, export_paths  # noqa: F401 - the layout, for callers
from scripts.contract.problems import notice, ordered, report
from scripts.contract.reader import PackageError, open_package
from scripts.runtime import cli


def _write_into(root: Path, staged: Path) -> dict[str, str]:
    """Every export of the package at root, and the record of them, written into the empty folder staged."""
    rel = write_all(open_package(root), staged)
    written = {rel: path.read_bytes() for rel, path in exports.present(staged).items()}
    (staged / exports.RECORD).write_bytes(exports.render_record((root / "datapackage.json").read_bytes(), written))
    return rel


def _carry_release_outputs(old: Path, new: Path) -> None:
    """The zips and SHA256SUMS of `make release` in old, linked (or copied) into new: the build never deletes them."""
    if not old.is_dir():
        return
    for path in sorted(old.iterdir()):
        if path.is_file() and exports.is_release_output(path.name):
            try:
                os.link(path, new / path.name)
            except OSError:
                shutil.copy2(path, new / path.name)


def write_exports(root: Path, out: Path) -> dict[str, Path]:
    """Every export of the package at root, written to out (replaced whole, its release outputs kept); returns
    their paths by kind."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".dist-") as scratch:
        staged = Path(scratch) / "dist"
        staged.mkdir()
        rel = _write_into(root, staged)
        _carry_release_outputs(out, staged)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staged, out)
    return {kind: out / path for kind, path in rel.items()}


def check_exports(root: Path) -> list:
    """Every file of dist/ that differs from a fresh export of the package at root, as problems; the record's
    verdict (missing, stale, edited, extra) first, then files that match the record but not a fresh export (written
    by other export code)."""
    out = root / exports.DIST
    problems, said = exports.check(root)
    if said:
        notice(said)
        return []
    named = {p.file for p in problems}
    with tempfile.TemporaryDirectory(prefix="exports-check-") as scratch:
        fresh = Path(scratch)
        _write_into(root, fresh)
        current = exports.present(out)
        for rel, path in exports.present(fresh).items():
            where = f"{exports.DIST}/{rel}"
            if rel == exports.RECORD or where in named or rel not in current:
                continue
            if current[rel].read_bytes() != path.read_bytes():
                problems.append(exports.problem("EXPORT_STALE", rel, "differs from a fresh export of the package (it was "
                                                "written by another version of the export code, or edited with its record)"))
    return ordered(problems)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def _unfit_out(out: Path) -> str | None:
    """Why out cannot take the exports, or None: it is a file, or a folder holding what the exports step did not
    write (which replacing the folder would delete)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        return "is a file, not a folder"
    if not out.exists():
        return None
    known = {exports.RECORD, *exports.export_paths("x").values()}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        ours = (rel.split("/")[0] == exports.PARQUET or exports.is_release_output(rel) or rel in known
                or rel.endswith((".sqlite", ".xlsx", "-annotations.jsonld")))
        if not ours:
            return f"holds {rel}, which the exports step did not write and replacing the folder would delete"
    return None


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__, "the folder that holds datapackage.json (default: the repository)")
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: dist/ beside datapackage.json)")
    parser.add_argument("--check", action="store_true", help="report files of dist/ that differ from a fresh export; write nothing")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    began = time.perf_counter()
    if args.check:
        try:
            problems = check_exports(root)
        except (OSError, sqlite3.Error) as error:
            print(f"{root / exports.DIST} [WRITE_FAILED] exports check could not write its scratch copy: {error}. Fix: free "
                  "space or raise the file-size limit, then run again", file=sys.stderr)
            return 1
        except (ValueError, PackageError) as error:
            print(f"exports check failed: {error}. Fix: run `make build` first", file=sys.stderr)
            return 1
        if problems:
            print(report(problems), file=sys.stderr)
            print(f"exports differ from a fresh build: {len(problems)} problem(s)", file=sys.stderr)
            return 1
        print(f"exports: {exports.DIST}/ is what a fresh build writes ({time.perf_counter() - began:.2f} s)")
        return 0
    refused = _unfit_out(args.out) if args.out else None
    if refused:
        print(f"exports: --out {args.out} {refused}. Fix: name a new or empty folder, or an export folder (such as dist/), "
              "which the exports step replaces whole", file=sys.stderr)
        return 2
    try:
        paths = write_exports(root, args.out or root / "dist")
    except (OSError, sqlite3.Error) as error:
        print(f"{args.out or root / exports.DIST} [WRITE_FAILED] the exports could not be written: {error}. Fix: free space, "
              "raise the file-size limit or name a folder with --out, then run again; nothing in dist/ was changed", file=sys.stderr)
        return 1
    except (ValueError, PackageError) as error:
        print(f"exports failed: {error}. Fix: run `make build` first; nothing in dist/ was changed", file=sys.stderr)
        return 1
    for kind, path in paths.items():
        print(f"{kind:15} {_size(path):>9,} bytes  {path}")
    print(f"exports written in {time.perf_counter() - began:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
