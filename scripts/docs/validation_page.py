"""Generate docs/validation.md from the error codes in scripts/contract/problems.py.

Usage: python -m scripts.docs.validation_page [--check] [--root DIR]

Without --check the page is written; with --check the exit status is 1 when the committed page differs.
"""

from __future__ import annotations

import sys

from scripts.annotations import yaml_reader
from scripts.contract import paths
from scripts.contract.problems import CODES, REPORT_LIMIT
from scripts.contract.stated import RULES
from scripts.rules.cells import FORMULA_TRIGGERS, MISSING_MARKERS
from scripts.runtime import cli, templates

PAGE = "docs/validation.md"

def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB"


def render(codes: dict[str, tuple[str, str]] = CODES) -> str:
    """The whole page (layout in scripts/templates/validation.md.j2), one table row per code, in the order of
    scripts/contract/problems.py; the caps come from the modules that enforce them."""
    names = [f"`{t}`" if t.isprintable() else ("a tab" if t == "\t" else "a carriage return") for t in FORMULA_TRIGGERS]
    return templates.render(
        "validation.md.j2", codes=codes, rules=RULES, limit=REPORT_LIMIT, triggers=", ".join(names[:-1]) + " or " + names[-1],
        markers=", ".join(f"`{m}`" for m in sorted(MISSING_MARKERS)), max_depth=yaml_reader.MAX_DEPTH,
        yaml_cap=_size(yaml_reader.MAX_BYTES), descriptor_cap=_size(paths.MAX_DESCRIPTOR_BYTES),
        file_cap=_size(paths.MAX_FILE_BYTES), cell_cap=f"{paths.MAX_CELL_CHARS:,}", zip_cap=_size(paths.MAX_ZIP_TOTAL), max_files=f"{paths.MAX_FILES:,}")


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/validation.md differs from the generated page")
    args = parser.parse_args(argv)
    page = cli.root_of(args) / PAGE
    text = render()
    return cli.generated(page, text, args.check,
                         "docs/validation.md differs from the generated page; run `python -m scripts.docs.validation_page`",
                         f"wrote {PAGE} ({len(CODES)} codes)", out=sys.stdout)

if __name__ == "__main__":
    sys.exit(main())
