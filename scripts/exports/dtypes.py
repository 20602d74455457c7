"""The pandas dtype map of a table, from its schema: the recipe for reading a CSV without losing a leading zero.

Usage: python -m scripts.exports.dtypes [TABLE ...]   (all tables when none is named)

pandas guesses a column's type from its cells: a CAMEO code such as `040` looks like a number and becomes 40,
another code entirely. The map names every column's type, so nothing is guessed. Read with
`pd.read_csv(path, dtype=DTYPES, keep_default_na=False, na_values=[""])`, so that only the empty cell is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.exports.read import read_descriptor

PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
ROOT = Path(__file__).resolve().parents[2]


def pandas_dtypes(resource: dict) -> dict[str, str]:
    """Column -> pandas dtype name (nullable types, so an empty cell is <NA> and an integer stays an integer)."""
    return {f["name"]: PANDAS_TYPES[f["type"]] for f in resource["schema"]["fields"]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables", nargs="*", help="table names (default: every table)")
    parser.add_argument("--package", type=Path, default=ROOT, help="directory that holds datapackage.json")
    args = parser.parse_args(argv)
    tables = {r["name"]: r for r in read_descriptor(args.package)["resources"] if r.get("type") == "table"}
    unknown = [name for name in args.tables if name not in tables]
    if unknown:
        print(f"no such table: {', '.join(unknown)} (tables: {', '.join(tables)})", file=sys.stderr)
        return 2
    for name in args.tables or tables:
        print(f"{name} = {pandas_dtypes(tables[name])!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
