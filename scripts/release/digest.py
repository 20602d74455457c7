"""Record the data's digest for the current version in data-digest.json (a release step; see RELEASING.md), or say
what changed since the version recorded there.

Usage: python -m scripts.release.digest [--record] [--root DIR] [PACKAGE_DIR]
Without --record, print what changed since the recorded version; with it, record the package as it is now.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.rules.versions import RECORD, check, diff, dumps, load_record, needed_level, reused_version, snapshot, summary
from scripts.contract.reader import PackageError
from scripts.runtime import cli
from scripts.runtime.swap import replace_files


def record(root: Path, repo: Path) -> Path:
    """Write the record for the package at root as it is now."""
    path = repo / RECORD
    replace_files(repo, {RECORD: dumps(snapshot(root)).encode("utf-8")})  # whole or not at all
    return path


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--record", action="store_true", help=f"record the package as the current version in {RECORD}")
    parser.add_argument("package", nargs="?", type=Path, default=None, help="the package directory (default: the repository)")
    args = parser.parse_args(argv)
    repo = cli.root_of(args)
    package = args.package or repo
    try:
        return _run(args, repo, package)
    except PackageError as error:
        print(f"digest: {error}. Fix: build the package first (`make build`), or name its folder", file=sys.stderr)
        return 1
    except ValueError as error:  # data-digest.json is no record
        print(f"{RECORD} [DIGEST_RECORD] cannot be read: {error}. Fix: restore it from the last release tag "
              f"(`git checkout vX.Y.Z -- {RECORD}`), or record it again with `make digest` at a release", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename or repo} [WRITE_FAILED] {error.strerror or error}. Fix: free space or raise the file-size "
              f"limit, then run again; {RECORD} is as it was", file=sys.stderr)
        return 1


def _run(args, repo: Path, package: Path) -> int:
    if args.record:
        reused = reused_version(repo, snapshot(package))
        if reused is not None:
            print(f"{reused}\n{RECORD} is as it was", file=sys.stderr)
            return 1
        path = record(package, repo)
        print(f"recorded version {snapshot(package)['version']} in {path.relative_to(repo)}")
        return 0
    existing = load_record(repo)
    if existing is None:
        print(f"no {RECORD} yet: nothing has been recorded (make digest records the current version)")
        return 0
    changes = diff(existing, snapshot(package))
    print(f"since {existing['version']}: " + (summary(changes) + f"; needs {needed_level(changes)}" if changes else "no data change"))
    problems = check(package, repo)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
