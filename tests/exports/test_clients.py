"""The same cells in every client (issue 5, item 6).

Every CSV of the package is read with the standard library's csv module (strict), pandas (dtype=str,
keep_default_na=False), DuckDB (all_varchar) and frictionless (raw cells, and typed values written back as
text); all must give the same header and the same cells. The package declares only the empty cell as
missing, so DuckDB's NULL and frictionless's None both stand for the empty cell.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from scripts.contract.fields import TABLES
from scripts.build.write import cell

from tests.helpers.repo import REPO
from tests.helpers.lazy import lazy

duckdb, pandas, frictionless = lazy("duckdb"), lazy("pandas"), lazy("frictionless")

TABLE_NAMES = list(TABLES)


def read_stdlib(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def read_pandas(path: Path) -> list[list[str]]:
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return [list(frame.columns)] + [list(row) for row in frame.itertuples(index=False, name=None)]


def read_duckdb(path: Path) -> list[list[str]]:
    with duckdb.connect() as con:
        relation = con.sql(
            "SELECT * FROM read_csv(?, all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"', "
            "strict_mode = true, null_padding = false, sample_size = -1)", params=[str(path)])
        return [list(relation.columns)] + [["" if v is None else v for v in row] for row in relation.fetchall()]


def frictionless_resource(root: Path, name: str):
    return frictionless.Package(str(root / "datapackage.json")).get_resource(name)


def read_frictionless_cells(root: Path, name: str) -> list[list[str]]:
    return frictionless_resource(root, name).read_cells()


def read_frictionless_typed(root: Path, name: str) -> list[list[str]]:
    """Typed values (int, Decimal, bool, None) written back as the build writes them."""
    resource = frictionless_resource(root, name)
    rows = resource.read_rows()
    return [list(resource.schema.field_names)] + [[cell(v) for v in row.to_list()] for row in rows]


PACKAGES = [
    pytest.param("fixture", id="second-article"),  # the emoji, accents and combining marks: the cells readers mangle
    pytest.param("repository", id="repository-package", marks=pytest.mark.slow),
]


@pytest.fixture(params=PACKAGES)
def package_root(request, second_package) -> Path:
    if request.param == "fixture":
        return second_package
    if not (REPO / "datapackage.json").is_file():
        pytest.skip("the repository's package is not built yet (run `make build`)")
    return REPO


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_client_reads_the_same_cells(package_root, name):
    path = package_root / f"data/{name}.csv"
    expected = read_stdlib(path)
    assert expected[0] == list(TABLES[name].columns)
    assert len(expected) >= 2, f"{name} has no rows; the test would prove nothing"
    assert read_pandas(path) == expected
    assert read_duckdb(path) == expected
    assert read_frictionless_cells(package_root, name) == expected
    assert read_frictionless_typed(package_root, name) == expected


def test_the_fixture_holds_cells_that_naive_readers_change(second_package):
    """The comparison above can fail: default pandas and DuckDB reads of the same files change cells."""
    events = second_package / "data/events.csv"
    assert read_stdlib(events)[1][TABLES["events"].columns.index("cameo_code")] == "010"
    naive = pandas.read_csv(events)
    assert naive["cameo_code"][0] != "010"  # read as the number 10
    figures = second_package / "data/figures.csv"
    assert read_stdlib(figures)[1][TABLES["figures"].columns.index("approximate")] == "false"
    with duckdb.connect() as con:
        guessed = con.sql("SELECT approximate, period FROM read_csv(?)", params=[str(figures)]).fetchall()[0]
    assert guessed == (False, None)  # a boolean and a NULL, not the cells "false" and ""


def test_only_the_empty_cell_is_missing(second_package):
    descriptor = json.loads((second_package / "datapackage.json").read_text(encoding="utf-8"))
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    assert len(tables) == len(TABLES)
    assert all(r["schema"]["missingValues"] == [""] for r in tables)
