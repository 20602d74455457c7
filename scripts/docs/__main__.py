"""Write the generated pages to --out for review; a clear message, never a traceback, on failure.

Usage: python -m scripts.docs [--root DIR] [--out DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.docs.generate import generate, write_pages
from scripts.docs.loading import DocsError
from scripts.runtime import cli


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser("Generate the documentation pages from datapackage.json and data/.",
                        "the package: datapackage.json and data/ (default: the repository)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the generated Markdown (default: build/docs-pages)")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    out = args.out or root / "build" / "docs-pages"
    try:
        site = generate(root)
        written = write_pages(site, out)
    except DocsError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 1
    print(f"generated {len(written)} pages into {out} and {len(site.assets)} downloadable files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
