"""The exports zip read the way the data and ML ecosystems read it, each with its real client: every table's
Parquet folder as a dataset (pyarrow.dataset, DuckDB's read_parquet glob, Polars' scan_parquet, Spark, Hugging Face
datasets through the zip's dataset card) with the schema's row count and types, and croissant.json validated and
its records loaded by mlcroissant, all offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from scripts.release import zips as release
from scripts.runtime.root import repo_root

REPO = repo_root()
DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
TABLES = [r for r in DESCRIPTOR["resources"] if "schema" in r]
ROWS = {r["name"]: sum(1 for _ in open(REPO / r["path"], encoding="utf-8", newline="")) - 1 for r in TABLES}  # no cell holds a line break
VENV_BIN = Path(sys.executable).parent
OFFLINE = {"HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "NO_PROXY": "*"}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """Both exports zips as a release writes them, each unzipped into an empty folder."""
    files = release.build_release(REPO)
    out = {}
    for no_text in (False, True):
        folder = tmp_path_factory.mktemp("no-text-exports" if no_text else "exports")
        name = release.exports_zip_name(DESCRIPTOR, no_text)
        (folder.parent / name).write_bytes(files[name])
        with zipfile.ZipFile(folder.parent / name) as archive:
            archive.extractall(folder)
        out["no-text" if no_text else "full"] = folder
    return out


def _expected_arrow(fld: dict) -> str:
    return {"string": "string", "integer": "int64", "number": "double", "boolean": "bool"}[fld["type"]]


def test_pyarrow_reads_each_folder_as_one_table(exports):
    import pyarrow.dataset as ds

    for resource in TABLES:
        table = ds.dataset(exports["full"] / "parquet" / resource["name"], format="parquet").to_table()
        assert table.num_rows == ROWS[resource["name"]], resource["name"]
        assert table.column_names == [f["name"] for f in resource["schema"]["fields"]]
        for f in resource["schema"]["fields"]:
            kind = table.schema.field(f["name"]).type
            value_type = kind.value_type if hasattr(kind, "value_type") else kind  # categories are dictionary-encoded
            assert str(value_type) == _expected_arrow(f), (resource["name"], f["name"], kind)


def test_duckdb_reads_each_folder_by_glob(exports, monkeypatch):
    import duckdb

    monkeypatch.chdir(exports["full"])
    with duckdb.connect() as con:
        for resource in TABLES:
            relation = con.sql(f"SELECT * FROM read_parquet('parquet/{resource['name']}/*.parquet')")
            assert len(relation.fetchall()) == ROWS[resource["name"]]
            types = dict(zip(relation.columns, (str(t) for t in relation.types)))
            for f in resource["schema"]["fields"]:
                want = {"string": ("VARCHAR",), "integer": ("BIGINT",), "number": ("DOUBLE",), "boolean": ("BOOLEAN",)}[f["type"]]
                assert types[f["name"]] in want or types[f["name"]].startswith("ENUM"), (resource["name"], f["name"], types[f["name"]])
        codes = con.sql("SELECT cameo_code FROM read_parquet('parquet/events/*.parquet')").fetchall()
    assert all(isinstance(c, str) for (c,) in codes) and any(c.startswith("0") for (c,) in codes)


def test_polars_scans_each_folder(exports):
    import polars as pl

    for resource in TABLES:
        frame = pl.scan_parquet(exports["full"] / "parquet" / resource["name"] / "*.parquet").collect()
        assert frame.height == ROWS[resource["name"]]
        for f in resource["schema"]["fields"]:
            dtype = frame.schema[f["name"]]
            want = {"string": (pl.String, pl.Categorical, pl.Enum), "integer": (pl.Int64,), "number": (pl.Float64,), "boolean": (pl.Boolean,)}[f["type"]]
            assert any(dtype == w or isinstance(dtype, w) for w in want), (resource["name"], f["name"], dtype)
    events = pl.scan_parquet(exports["full"] / "parquet" / "events" / "*.parquet").collect()
    assert events["cameo_code"].str.starts_with("0").sum() > 0


@pytest.mark.parametrize("variant", ["full", pytest.param("no-text", marks=pytest.mark.slow)])
def test_hugging_face_datasets_loads_every_config_offline(exports, variant, tmp_path):
    """`datasets.load_dataset(folder, table)` through the card's configs, in a fresh process with the Hub switched
    off and an empty cache: codes stay strings, offsets int64, booleans bool."""
    script = """
import json, sys
from datasets import load_dataset
folder, names = sys.argv[1], sys.argv[2:]
out = {}
for name in names:
    d = load_dataset(folder, name, split="train")
    out[name] = [d.num_rows, {k: getattr(v, "dtype", str(v)) for k, v in d.features.items()}]
print(json.dumps(out))
"""
    env = {**os.environ, **OFFLINE, "HF_HOME": str(tmp_path / "hf")}
    run = subprocess.run([sys.executable, "-c", script, str(exports[variant]), *[r["name"] for r in TABLES]],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    shipped = json.loads((exports[variant] / "croissant.json").read_text(encoding="utf-8"))
    assert shipped["name"].endswith("-no-text") == (variant == "no-text")
    for resource in TABLES:
        rows, features = loaded[resource["name"]]
        assert rows == ROWS[resource["name"]]
        for f in resource["schema"]["fields"]:
            name = {"text": "text_sha256", "cue_text": "cue_text_sha256"}.get(f["name"], f["name"]) if variant == "no-text" else f["name"]
            want = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}[f["type"]]
            assert features[name] == want, (resource["name"], name, features[name])


def test_the_dataset_card_has_the_hub_front_matter(exports):
    import yaml

    text = (exports["full"] / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert {c["config_name"] for c in front["configs"]} == {r["name"] for r in TABLES}
    for key in ("license", "language", "pretty_name", "size_categories", "task_categories"):
        assert front[key], key
    assert front["license"] == "cc-by-4.0"


@pytest.mark.slow  # mlcroissant loads every record set: ~16 s, so it runs in `make test-all` (CI)
@pytest.mark.parametrize("variant", ["full", "no-text"])
def test_mlcroissant_validates_and_loads_every_record_set(exports, variant):
    folder = exports[variant]
    run = subprocess.run([str(VENV_BIN / "mlcroissant"), "validate", "--jsonld", str(folder / "croissant.json")],
                         capture_output=True, text=True, env={**os.environ, **OFFLINE}, cwd=folder, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "WARNING" not in run.stderr and "ERROR" not in run.stderr, run.stderr[-3000:]
    import mlcroissant as mlc

    loaded = {}
    for resource in TABLES:  # one Dataset per record set: mlcroissant 1.1.1 reads a record set once per Dataset
        loaded[resource["name"]] = list(mlc.Dataset(str(folder / "croissant.json")).records(resource["name"]))
        assert len(loaded[resource["name"]]) == ROWS[resource["name"]], resource["name"]
    events = loaded["events"]
    assert all(isinstance(r["events/cameo_code"], bytes) for r in events)  # text, never a number
    assert {r["events/cameo_code"].decode() for r in events} == {row["cameo_code"] for row in _csv("events")}


def _csv(name: str) -> list[dict]:
    import csv

    with open(REPO / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime: `make spark` installs Debian's openjdk-17-jre-headless")
def test_spark_reads_every_folder_and_joins_quotes_to_entities(exports, tmp_path):
    """pyspark in local mode, one JVM: first the Spark snippet of docs/usage.md exactly as printed there, run where
    `dist/` is the unzipped exports (test_docs_site leaves that snippet to this test, so Java starts once), then
    every table's folder with its row count and types, and the join the snippet makes."""
    snippet = next(block for block in re.findall(r"```python\n(.*?)```", (REPO / "docs" / "usage.md").read_text(encoding="utf-8"), re.S)
                   if "pyspark" in block)
    (tmp_path / "usage_snippet.py").write_text(snippet, encoding="utf-8")
    (tmp_path / "dist").symlink_to(exports["full"], target_is_directory=True)
    script = r"""
import json, sys
print("SNIPPET START")
exec(compile(open("usage_snippet.py", encoding="utf-8").read(), "docs/usage.md", "exec"), {"__name__": "__main__"})
print("SNIPPET END")
from pyspark.sql import SparkSession
folder, names = sys.argv[1], sys.argv[2:]
spark = SparkSession.builder.master("local[1]").appName("check").config("spark.ui.enabled", "false").getOrCreate()
out = {}
for name in names:
    frame = spark.read.parquet(f"{folder}/parquet/{name}")
    out[name] = [frame.count(), {f.name: f.dataType.simpleString() for f in frame.schema.fields}]
quotes = spark.read.parquet(f"{folder}/parquet/quotes")
entities = spark.read.parquet(f"{folder}/parquet/entities")
joined = quotes.join(entities, quotes.speaker_id == entities.entity_id, "left").select("quote_id", "name")
out["_join"] = sorted([r.quote_id, r.name] for r in joined.collect())
print("RESULT " + json.dumps(out))
spark.stop()
"""
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    run = subprocess.run([sys.executable, "-c", script, str(exports["full"]), *[r["name"] for r in TABLES]],
                         capture_output=True, text=True, env=env, timeout=900, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(next(line for line in run.stdout.splitlines() if line.startswith("RESULT "))[len("RESULT "):])
    for resource in TABLES:
        rows, types = result[resource["name"]]
        assert rows == ROWS[resource["name"]]
        for f in resource["schema"]["fields"]:
            assert types[f["name"]] == {"string": "string", "integer": "bigint", "number": "double", "boolean": "boolean"}[f["type"]]
    names = {row["entity_id"]: row["name"] for row in _csv("entities")}
    assert result["_join"] == sorted([q["quote_id"], names.get(q["speaker_id"])] for q in _csv("quotes"))
    printed = run.stdout.split("SNIPPET START\n", 1)[1].split("SNIPPET END", 1)[0].splitlines()
    per_speaker = Counter(names.get(q["speaker_id"]) for q in _csv("quotes"))
    assert sorted(printed) == sorted(f"{name} {n}" for name, n in per_speaker.items())
