"""Command line: write the generated pages to --out for review; a clear message, never a traceback, on failure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.docs import DocsError, ROOT, generate, write_pages


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Generate the documentation pages from datapackage.json and data/.")
    parser.add_argument("--root", type=Path, default=ROOT, help="the package: datapackage.json and data/ (default: the repository)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "docs-pages", help="where to write the generated Markdown")
    args = parser.parse_args(argv)
    try:
        site = generate(args.root)
        written = write_pages(site, args.out)
    except DocsError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 1
    print(f"generated {len(written)} pages into {args.out} and {len(site.assets)} downloadable files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
