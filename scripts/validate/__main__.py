"""Validate a package: pre-flight, frictionless and every project rule, in one report.

Usage: python -m scripts.validate [PATH] [--root DIR]

PATH is a package directory, its datapackage.json or a release zip (default: the repository, or --root). Exit
status 0 means valid, 1 means problems were found, 2 means the validator itself could not run or could not finish
a check (code INTERNAL). No input produces a traceback, and validation never opens a network connection.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.contract.problems import CODES, new_command, report
from scripts.runtime import cli
from scripts.validate.inputs import UnsafeInput, UnusableInput
from scripts.validate.repository import run


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__, "the repository validated when no PATH is given (default: this one)")
    parser.add_argument("path", nargs="?", type=Path, default=None, help="a package folder, its datapackage.json or a release zip")
    args = parser.parse_args(argv)
    target = args.path or cli.root_of(args)
    new_command()
    try:
        tally: dict[str, int] = {}
        problems, note = run(target, tally)
    except UnsafeInput as error:
        print(report(error.problems), file=sys.stderr)
        print(f"invalid: {len(error.problems)} problem(s)", file=sys.stderr)
        return 1
    except UnusableInput as error:
        print(f"{target} [NOT_A_PACKAGE] cannot validate: {error}. Fix: {CODES['NOT_A_PACKAGE'][1]}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a user sees a coded line, never a traceback
        print(f"{target} [INTERNAL] the validator failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    if note:
        print(f"note [INTERRUPTED_BUILD] {note}", file=sys.stderr)
    if problems:
        print(report(problems), file=sys.stderr)
        print(f"invalid: {len(problems)} problem(s)", file=sys.stderr)
        return 2 if any(p.code == "INTERNAL" for p in problems) else 1
    counts = ", ".join(f"{name} {rows}" for name, rows in tally.items())
    print(f"valid: {target} ({counts})" if counts else f"valid: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
