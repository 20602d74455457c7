"""Random damage never crashes or hangs the tools (issue 8): Hypothesis mutates one cell, one byte or one key.

A mutated package is either rejected with coded problems (never INTERNAL) or equivalent to the original: the same
cells in every table and the same descriptor. A mutated annotation file either stops the build with coded problems
or builds a package that validates. Nothing raises, and a signal alarm turns a hang into a failure.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.build.pipeline import build, build_and_validate
from scripts.build.write import write_files
from scripts.contract.problems import CODES, ProblemsFound
from scripts.validate.repository import run

from tests.helpers.repo import copy_fixture
from tests.helpers.corrupt import rehash

PACKAGE_FILES = ["datapackage.json", "data/quotes.csv", "data/mentions.csv", "data/figures.csv", "data/entities.csv",
                 "data/time_expressions.csv", "data/articles/cafe-zoe.txt", "data/sentences.csv"]
TABLE_FILES = [rel for rel in PACKAGE_FILES if rel.endswith(".csv")]
Y = "annotations/articles/cafe-zoe.yaml"
SETTINGS = settings()  # the profile tests/conftest.py loads: dev for `make test`, ci for `make test-all`
TEXTS = st.one_of(st.text(max_size=12), st.sampled_from(["", "0", "-1", "٧", "1e3", "true", "NA", "=1+1", "\u200b", "x\u0301",
                                                         "\ud800", "../x", "https://example.org/x", "2026-02-30"]))


@contextmanager
def no_hang(seconds: int = 60):
    def stop(*_):
        raise TimeoutError(f"no answer within {seconds} s: a hang")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    root = copy_fixture(tmp_path_factory.mktemp("pristine") / "second")
    write_files(build(root), root)
    return root


def fresh(pristine: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pristine, target)
    return target


def cells_of(root: Path) -> dict:
    out = {}
    for rel in TABLE_FILES:
        with (root / rel).open(encoding="utf-8", errors="replace", newline="") as handle:
            out[rel] = list(csv.reader(handle))
    out["descriptor"] = json.loads((root / "datapackage.json").read_bytes().decode("utf-8", "replace"))
    return out


def rejected_or_equivalent(root: Path, pristine: Path) -> None:
    with no_hang():
        problems, _ = run(root)
    assert all(p.code in CODES for p in problems)
    assert not [p for p in problems if p.code == "INTERNAL"], [str(p) for p in problems]
    if not problems:
        assert cells_of(root) == cells_of(pristine)


@SETTINGS
@given(rel=st.sampled_from(PACKAGE_FILES), position=st.integers(min_value=0), byte=st.integers(0, 255))
def test_one_byte_changed_in_the_package(pristine, tmp_path, rel, position, byte):
    root = fresh(pristine, tmp_path, "byte")
    data = bytearray((root / rel).read_bytes())
    data[position % len(data)] = byte
    (root / rel).write_bytes(bytes(data))
    rejected_or_equivalent(root, pristine)


@SETTINGS
@given(rel=st.sampled_from(TABLE_FILES), row=st.integers(min_value=1), column=st.integers(min_value=0), value=TEXTS)
def test_one_cell_changed_and_rehashed(pristine, tmp_path, rel, row, column, value):
    root = fresh(pristine, tmp_path, "cell")
    rows = list(csv.reader(io.StringIO((root / rel).read_text(encoding="utf-8"), newline="")))
    target = rows[1 + row % (len(rows) - 1)]
    target[column % len(target)] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / rel).write_bytes(out.getvalue().encode("utf-8", "surrogatepass"))
    rehash(root, rel)
    rejected_or_equivalent(root, pristine)


@SETTINGS
@given(resource=st.integers(min_value=0), key=st.sampled_from(["path", "encoding", "format", "mediatype", "name", "dialect",
                                                               "schema", "licenses", "bytes", "hash", "type"]),
       value=st.one_of(TEXTS, st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2)))
def test_one_descriptor_key_changed(pristine, tmp_path, resource, key, value):
    root = fresh(pristine, tmp_path, "key")
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][resource % len(descriptor["resources"])][key] = value
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8", errors="surrogatepass")
    rejected_or_equivalent(root, pristine)


@SETTINGS
@given(position=st.integers(min_value=0), byte=st.integers(0, 255))
def test_one_byte_changed_in_the_annotation_file(pristine, tmp_path, position, byte):
    root = fresh(pristine, tmp_path, "annotation")
    data = bytearray((root / Y).read_bytes())
    data[position % len(data)] = byte
    (root / Y).write_bytes(bytes(data))
    with no_hang():
        try:
            build_and_validate(root)  # raises unless the staged package validates
        except ProblemsFound as found:
            assert found.problems and all(p.code in CODES and p.code != "INTERNAL" for p in found.problems)
