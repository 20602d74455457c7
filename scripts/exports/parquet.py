"""Parquet, one folder per table (`parquet/<table>/part-0.parquet`), typed by the schema: the form a corpus that
outgrows one machine is read in. Each folder is a dataset on its own (pyarrow.dataset, DuckDB's
`read_parquet('parquet/quotes/*.parquet')`, Polars' scan_parquet, Spark's read.parquet, Hugging Face datasets): a
reader pointed at the folder sees one table, never a mixture. The schema has no date type (dates are ISO 8601
strings, some partial such as `2025-06`), so no column is a Parquet date.

Strings are UTF-8 strings, integers int64, numbers float64, booleans booleans; a field with categories is a
dictionary-encoded string whose dictionary is the schema's list of allowed values, in the schema's order.
Required fields are non-nullable. Each field carries its description, each file its resource's descriptor.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from scripts.contract.reader import BuiltPackage as Package
from scripts.contract.reader import Resource as TableResource

ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
CATEGORY_INDEX = pa.int32()
PART = "part-0.parquet"  # the one file of each table's folder; a larger corpus may add part-1, part-2 …


def arrow_field(fld: dict) -> pa.Field:
    constraints = fld.get("constraints", {})
    kind = pa.dictionary(CATEGORY_INDEX, pa.string()) if "enum" in constraints else ARROW_TYPES[fld["type"]]
    return pa.field(fld["name"], kind, nullable=not constraints.get("required", False),
                    metadata={"description": fld["description"]})


def _array(fld: dict, values: list) -> pa.Array:
    enum = fld.get("constraints", {}).get("enum")
    if enum:
        indices = pa.array([None if v is None else enum.index(v) for v in values], type=CATEGORY_INDEX)
        return pa.DictionaryArray.from_arrays(indices, pa.array(enum, type=pa.string()))
    values = [float(v) if isinstance(v, Decimal) else v for v in values]
    return pa.array(values, type=ARROW_TYPES[fld["type"]])


def arrow_table(table: TableResource) -> pa.Table:
    schema = pa.schema([arrow_field(f) for f in table.fields],
                       metadata={"datapackage:resource": json.dumps(table.descriptor, ensure_ascii=False)})
    columns = [_array(f, [row[j] for row in table.typed]) for j, f in enumerate(table.fields)]
    return pa.Table.from_arrays(columns, schema=schema)


def write(package: Package, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in package.tables:
        name = table.name
        path = directory / name / PART
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow_table(table), path)
        paths.append(path)
    return paths
