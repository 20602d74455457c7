"""Write the release: dist/<name>-<version>.zip, the text-free dist/<name>-<version>-no-text.zip, the exports zip of
each (…-exports.zip, …-no-text-exports.zip) and dist/SHA256SUMS.

Usage: python -m scripts.release [--dist DIR] [--root DIR]

Each zip has datapackage.json at its root beside data/, so `frictionless.Package("….zip")` opens it, with a
README, the licence and rights note, CITATION.cff and CHANGELOG.md. Two runs on one commit write the same bytes.
The release is refused when a committed output is stale, a row count is unreviewed or differs from its counts
file, or the digest recorded in data-digest.json is for other data.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from scripts.contract.problems import Problem
from scripts.contract.text_free import RehydrationError
from scripts.release.zips import build_release, readiness
from scripts.runtime import cli
from scripts.runtime.lock import repository_lock
from scripts.runtime.swap import replace_files


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--dist", type=Path, default=None, help="where to write the release (default: dist/ in the repository)")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    dist = args.dist or root / "dist"
    with repository_lock(root, what="the release"):
        problems, notes = readiness(root)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(f"release refused: {len(problems)} problem(s); nothing was written", file=sys.stderr)
            return 1
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        try:
            files = build_release(root)
        except (OSError, sqlite3.Error) as error:  # the scratch files of the exports (a full disk, a file-size limit)
            print(Problem(str(dist), None, "", "", "RELEASE_WRITE_FAILED", f"{error} while making the release's files "
                          "in a scratch folder"), file=sys.stderr)
            print("release not written: the files already in that folder are as they were", file=sys.stderr)
            return 1
        except RehydrationError as error:  # a cell of the text-free variant would keep the article's words
            print(f"release refused: the text-free variant cannot be written: {error}. Fix: reword the cell in annotations/ "
                  "so that it quotes fewer than 8 words of the article in a row (or quotes them exactly, as printed); nothing was written",
                  file=sys.stderr)
            return 1
        try:
            replace_files(dist, files)
        except OSError as error:
            print(Problem(str(dist), None, "", "", "RELEASE_WRITE_FAILED", f"{error.filename + ': ' if error.filename else ''}{error.strerror or error} while writing the release"),
                  file=sys.stderr)
            print("release not written: the files already in that folder are as they were", file=sys.stderr)
            return 1
    for name, data in files.items():
        print(f"{dist / name}: {len(data):,} bytes")
    print((dist / "SHA256SUMS").read_text(encoding="utf-8"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
