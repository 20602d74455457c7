"""Build the package: annotations + article texts -> data/*.csv + datapackage.json, validated before it is written.

Usage: python -m scripts.build [--check] [--root DIR]

--check builds into memory and reports every committed output that differs from the fresh build; it writes nothing.
"""

from __future__ import annotations

import sys

from scripts.build.pipeline import build_and_validate, stale_files
from scripts.contract.problems import ProblemsFound
from scripts.runtime import cli


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--check", action="store_true", help="report outputs that differ from a fresh build; write nothing")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    try:
        if args.check:
            stale = stale_files(root)
            for rel in stale:
                print(f"{rel} [DESCRIPTOR_DRIFT] differs from a fresh build. Fix: run `make build` and commit the result", file=sys.stderr)
            return 1 if stale else 0
        files = build_and_validate(root)
    except ProblemsFound as found:
        print(found, file=sys.stderr)
        print(f"build failed: {len(found.problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename or root} [WRITE_FAILED] the build could not write: {error.strerror or error}. Fix: free "
              "space or raise the file-size limit, then run `make build` again; nothing was written", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a contributor sees a coded line, never a traceback
        print(f"{root} [INTERNAL] the build failed: {type(error).__name__}: {error}; nothing was written", file=sys.stderr)
        return 2
    print(f"built {len(files)} files into {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
