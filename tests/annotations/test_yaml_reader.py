"""The fast YAML path (libyaml's C parser) gives exactly what ruamel's own round-trip loader gives.

scripts/yaml_reader.py builds ruamel's structure from libyaml's events; these tests load the same files both
ways and compare every value, its Python type, its text and the line and column ruamel records for it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from ruamel.yaml import YAML

from scripts.runtime.root import repo_root
from scripts.annotations import yaml_reader

ROOT = repo_root()

FILES = sorted(p for folder in ("annotations", "tests/fixtures") for p in (ROOT / folder).rglob("*.yaml"))
SCALARS = """\
octal_looking: 010
leading_zero: 012
hex: 0x0C
octal: 0o14
underscored: 1_2
float: 12.0
exponent: 1.2e1
infinite: .inf
date: 2025-05-12
timestamp: 2025-05-12T10:00:00Z
no: No
yes_word: yes
true_word: true
null_word: null
tilde: ~
quoted_number: '012'
quoted_date: "2025-05-12"
text: plain words
colon_text: "a: b"
flow: [1, two, {three: 3}]
empty_list: []
empty_map: {}
nested:
  - a: 1
    b: [x, "y"]
  - - deep
"""


def same(fast, slow, where="") -> None:
    assert type(fast) is type(slow), where
    if isinstance(slow, dict):
        assert list(fast) == list(slow), where
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), where
        for key in slow:
            assert fast.lc.key(key) == slow.lc.key(key) and fast.lc.value(key) == slow.lc.value(key), f"{where}/{key}"
            same(fast[key], slow[key], f"{where}/{key}")
    elif isinstance(slow, list):
        assert len(fast) == len(slow), where
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), where
        for index, (a, b) in enumerate(zip(fast, slow)):
            assert fast.lc.item(index) == slow.lc.item(index), f"{where}[{index}]"
            same(a, b, f"{where}[{index}]")
    else:
        assert fast == slow and str(fast) == str(slow), where


@pytest.mark.skipif(yaml_reader.CParser is None, reason="PyYAML without libyaml: ruamel reads alone")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_repository_file_reads_as_ruamel_reads_it(path: Path):
    fast, problems = yaml_reader.read_yaml(path, path.name)
    assert problems == []
    same(fast, YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(yaml_reader.CParser is None, reason="PyYAML without libyaml: ruamel reads alone")
def test_scalars_are_typed_as_ruamel_types_them():
    events = yaml_reader._c_events(SCALARS)
    assert events is not None and not yaml_reader._refusals(SCALARS, "scalars.yaml", events, yaml.events)
    same(yaml_reader._builder().build(events), YAML(typ="rt", pure=True).load(SCALARS))


@pytest.mark.parametrize("text", ["empty:\nnext: 1\n", "- \n- 1\n", "a: |\n  block\nb: 1\n", "a: 1\na: 2\n"],
                         ids=["empty-value", "empty-item", "block-scalar", "duplicate-key"])
def test_what_the_fast_path_leaves_to_ruamel_reads_as_ruamel_reads_it(tmp_path: Path, text: str):
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    fast, problems = yaml_reader.read_yaml(path, "case.yaml")
    try:
        slow = YAML(typ="rt", pure=True).load(text)
    except Exception:  # noqa: BLE001 - a duplicate key: read_yaml reports it instead
        assert fast is None and [p.code for p in problems] == ["YAML_DUPLICATE_KEY"]
        return
    assert problems == []
    same(fast, slow)
