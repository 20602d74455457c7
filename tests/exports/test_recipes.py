"""Every reading recipe of the README, run as printed with its real client: pandas, Polars, Hugging Face datasets
on a CSV, DuckDB, LibreOffice headless with the import dialog's settings, and the span recipe, which follows each
row's article_id (shown on a package of another article too). The README's counts are checked against what a
guessing reader really does to the data."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.runtime.root import repo_root

REPO = repo_root()
README = (REPO / "README.md").read_text(encoding="utf-8")


def block(language: str, marker: str) -> str:
    found = [b for b in re.findall(rf"```{language}\n(.*?)```", README, re.S) if marker in b]
    assert len(found) == 1, f"README.md should hold one {language} block with {marker!r}"
    return found[0]


def rows(root: Path, name: str) -> list[dict]:
    with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def run_python(code: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=600)


def test_the_readme_counts_are_what_a_guessing_reader_changes():
    import pandas as pd

    guessed = pd.read_csv(REPO / "data" / "events.csv")["cameo_code"].astype(str).tolist()
    cells = [row["cameo_code"] for row in rows(REPO, "events")]
    changed = sum(a != b for a, b in zip(guessed, cells))
    assert changed > 0
    assert f"changes {changed} of the {len(cells)} codes" in " ".join(README.split())


@pytest.mark.parametrize("where", ["repository", "another article"])
def test_the_span_recipe_follows_each_rows_article(where, second_package):
    root = REPO if where == "repository" else second_package
    run = run_python(block("python", "data/articles.csv"), root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [f"{q['quote_id']} {q['text']}" for q in rows(root, "quotes")]


def test_the_pandas_recipe_keeps_every_code(tmp_path):
    code = block("python", "import pandas") + "\nprint('\\n'.join(events['cameo_code']))\n"
    run = run_python(code, REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [row["cameo_code"] for row in rows(REPO, "events")]


def test_the_polars_recipe_keeps_every_code():
    code = block("python", "import polars") + "\nprint('\\n'.join(events['cameo_code'].to_list()))\n"
    run = run_python(code, REPO)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [row["cameo_code"] for row in rows(REPO, "events")]


@pytest.mark.slow
def test_the_hugging_face_csv_recipe_keeps_every_code(tmp_path):
    code = block("python", "load_dataset(\"csv\"") + "\nprint(events.features['cameo_code'].dtype)\nprint('\\n'.join(events['cameo_code']))\n"
    run = run_python(code, REPO, {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")})
    assert run.returncode == 0, run.stderr[-3000:]
    dtype, *codes = run.stdout.splitlines()
    assert dtype in ("string", "large_string") and codes == [row["cameo_code"] for row in rows(REPO, "events")]


def test_duckdb_needs_no_recipe(monkeypatch):
    import duckdb

    statement = re.search(r"`(SELECT \* FROM read_csv\('data/events\.csv'\))`", README).group(1)
    monkeypatch.chdir(REPO)
    relation = duckdb.sql(statement)
    cells = rows(REPO, "events")
    assert dict(zip(relation.columns, map(str, relation.types)))["cameo_code"] == "VARCHAR"
    got = relation.fetchall()
    column = relation.columns.index("cameo_code")
    assert [r[column] for r in got] == [row["cameo_code"] for row in cells]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed: `make libreoffice` (Debian's libreoffice-calc-nogui)")
def test_the_libreoffice_recipe_keeps_codes_quotes_and_accents(tmp_path):
    import openpyxl

    work = tmp_path / "work"
    shutil.copytree(REPO / "data", work / "data")
    command = block("sh", "soffice").strip()
    run = subprocess.run(command, shell=True, cwd=work, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "HOME": str(tmp_path / "home")})  # a fresh LibreOffice profile
    assert run.returncode == 0, run.stderr
    sheet = openpyxl.load_workbook(work / "calc" / "events.xlsx").active
    header, *values = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    expected = rows(REPO, "events")
    assert [dict(zip(header, row)) for row in values] == expected  # every cell text, as written: codes, quotes, accents


def test_the_r_span_recipe_follows_each_rows_article(second_package):
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (Debian: apt-get install r-base-core)")
    for root in (REPO, second_package):
        run = subprocess.run([rscript, "-e", block("r", "data/articles.csv")], cwd=root, capture_output=True, text=True,
                             encoding="utf-8", env={**os.environ, "LC_ALL": "C.UTF-8"})
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines() == [f"{q['quote_id']} {q['text']}" for q in rows(root, "quotes")]
