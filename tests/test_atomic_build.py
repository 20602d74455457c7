"""Atomic build (issue 5, item 4): a failed build leaves the previous data/ and datapackage.json byte-identical.

`scripts.build.build_and_validate` stages the outputs in a temporary directory, validates them there and moves
them into place only when everything passed. Two ways to fail are tested: a mistake the build itself stops at
(nothing is staged), and one only the validation of the staged package finds (staged, then thrown away).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.build import build, build_and_validate
from scripts.problems import ProblemsFound

from tests.conftest import snapshot

Y = "annotations/articles/cafe-zoe.yaml"


def change(root: Path, old: str, new: str) -> None:
    path = root / Y
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".build-", ".data.previous")))


FAILURES = [
    # the build stops: a category that does not exist
    pytest.param('kind: "direct"', 'kind: "Direct"', "BAD_CATEGORY", id="build-fails"),
    # the build succeeds, the validation of the staged package fails: a formula trigger in a note
    pytest.param('note: "A Monday; the text gives no date."', 'note: "=A Monday"', "FORMULA_TRIGGER", id="validation-fails"),
]


@pytest.mark.parametrize("old,new,code", FAILURES)
def test_a_failed_build_leaves_the_previous_outputs_byte_identical(second_article, old, new, code):
    root = second_article
    build_and_validate(root)
    before = snapshot(root)
    assert "datapackage.json" in before and "data/quotes.csv" in before and "data/articles/cafe-zoe.txt" in before
    change(root, old, new)
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root)
    assert code in {p.code for p in found.value.problems}
    assert snapshot(root) == before
    assert leftovers(root) == []


@pytest.mark.parametrize("old,new,code", FAILURES)
def test_a_failed_first_build_writes_nothing(second_article, old, new, code):
    change(second_article, old, new)
    with pytest.raises(ProblemsFound):
        build_and_validate(second_article)
    assert not (second_article / "data").exists() and not (second_article / "datapackage.json").exists()
    assert leftovers(second_article) == []


def test_a_successful_build_replaces_the_outputs(second_article):
    """The control: the snapshot does see a change when the build succeeds, and nothing stale is left behind."""
    root = second_article
    build_and_validate(root)
    before = snapshot(root)
    (root / "data" / "stale.csv").write_text("left over\n", encoding="utf-8")
    change(root, 'description: "A café in Málaga"', 'description: "A small café in Málaga"')
    files = build_and_validate(root)
    after = snapshot(root)
    assert {rel for rel in after if after[rel] != before.get(rel)} == {"data/entities.csv", "datapackage.json"}
    assert after == files == build(root)
    assert leftovers(root) == []
