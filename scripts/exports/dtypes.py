"""The pandas dtype map of a table, from its schema: the recipe for reading a CSV without losing a leading zero.

Usage: python -m scripts.exports.dtypes [TABLE ...] [--root DIR]   (all tables when none is named)

pandas guesses a column's type from its cells: a CAMEO code such as `040` looks like a number and becomes 40,
another code entirely. The map names every column's type, so nothing is guessed. Read with
`pd.read_csv(path, dtype=DTYPES, keep_default_na=False, na_values=[""])`, so that only the empty cell is missing.
"""

from __future__ import annotations

import sys

from scripts.contract.reader import open_package
from scripts.runtime import cli

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def pandas_dtypes(resource: dict) -> dict[str, str]:
    """Column -> pandas dtype name (nullable types, so an empty cell is <NA> and an integer stays an integer)."""
    return {f["name"]: PANDAS_TYPES[f["type"]] for f in resource["schema"]["fields"]}


def main(argv=None) -> int:
    parser = cli.parser(__doc__, "the folder that holds datapackage.json (default: the repository)")
    parser.add_argument("tables", nargs="*", help="table names (default: every table)")
    args = parser.parse_args(argv)
    tables = {r.name: r.descriptor for r in open_package(cli.root_of(args), texts=False).tables}
    unknown = [name for name in args.tables if name not in tables]
    if unknown:
        print(f"no such table: {', '.join(unknown)} (tables: {', '.join(tables)})", file=sys.stderr)
        return 2
    for name in args.tables or tables:
        print(f"{name} = {pandas_dtypes(tables[name])!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
