"""Atomic build (issue 5, item 4): a failed build leaves the previous data/ and datapackage.json byte-identical.

`scripts.build.build_and_validate` stages the outputs in a temporary directory, validates them there and moves
them into place only when everything passed. Two ways to fail are tested: a mistake the build itself stops at
(nothing is staged), and one only the validation of the staged package finds (staged, then thrown away).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scripts.build.pipeline import build, build_and_validate
from scripts.runtime.swap import JOURNAL, STEP_NAMES, recover
from scripts.contract.problems import ProblemsFound

from scripts.validate.__main__ import main as validate_main
from tests.helpers.corrupt import run_main
from tests.helpers.repo import snapshot

Y = "annotations/articles/cafe-zoe.yaml"
ATOMIC = ("rules",)  # the failures below come from the build and the project's rules; frictionless adds nothing here


def change(root: Path, old: str, new: str, rel: str = Y) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".build-", ".data.previous")) and p.name != JOURNAL)


FAILURES = [
    # the build stops: a category that does not exist
    pytest.param('kind: "direct"', 'kind: "Direct"', "BAD_CATEGORY", id="build-fails"),
    # the build succeeds, the validation of the staged package fails: a formula trigger in a note
    pytest.param('note: "A Monday; the text gives no date."', 'note: "=A Monday"', "FORMULA_TRIGGER", id="validation-fails"),
]


@pytest.mark.parametrize("old,new,code", FAILURES)
def test_a_failed_build_leaves_the_previous_outputs_byte_identical(second_article, old, new, code):
    root = second_article
    build_and_validate(root, stages=ATOMIC)
    before = snapshot(root)
    assert "datapackage.json" in before and "data/quotes.csv" in before and "data/articles/cafe-zoe.txt" in before
    change(root, old, new)
    with pytest.raises(ProblemsFound) as found:
        build_and_validate(root, stages=ATOMIC)
    assert code in {p.code for p in found.value.problems}
    assert snapshot(root) == before
    assert leftovers(root) == []


@pytest.mark.parametrize("old,new,code", FAILURES)
def test_a_failed_first_build_writes_nothing(second_article, old, new, code):
    change(second_article, old, new)
    with pytest.raises(ProblemsFound):
        build_and_validate(second_article, stages=ATOMIC)
    assert not (second_article / "data").exists() and not (second_article / "datapackage.json").exists()
    assert leftovers(second_article) == []


def test_a_successful_build_replaces_the_outputs(second_article):
    """The control: the snapshot does see a change when the build succeeds, and nothing stale is left behind."""
    root = second_article
    build_and_validate(root, stages=ATOMIC)
    before = snapshot(root)
    (root / "data" / "stale.csv").write_text("left over\n", encoding="utf-8")
    change(root, 'description: "A café in Málaga"', 'description: "A small café in Málaga"', "annotations/entities.yaml")
    files = build_and_validate(root, stages=ATOMIC)
    after = snapshot(root)
    assert {rel for rel in after if after[rel] != before.get(rel)} == {"build-record.json", "data/entities.csv", "datapackage.json"}
    assert after == files == build(root)
    assert leftovers(root) == []


# ---------------------------------------------------------------- a build killed at every step (issue 8, item 9)

def killed_build(root: Path, step: str) -> int:
    """The exit status of a build killed right after step, as under kill -9: a forked process dies with os._exit,
    so no clean-up of the build runs."""
    pid = os.fork()
    if pid == 0:  # the child builds and dies at the step
        def after_step(name):
            if name == step:
                os._exit(137)
        try:
            build_and_validate(root, after_step, stages=("rules",))
        finally:
            os._exit(0)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


KILL_STEPS = ["write the journal", *STEP_NAMES[:-1]]


@pytest.mark.parametrize("step", [KILL_STEPS[0], *(pytest.param(s, marks=pytest.mark.slow) for s in KILL_STEPS[1:])])
def test_a_build_killed_at_any_step_is_repaired_by_the_next_validate(second_article, step):
    root = second_article
    build_and_validate(root, stages=ATOMIC)
    old = snapshot(root)
    change(root, 'description: "A café in Málaga"', 'description: "A small café in Málaga"', "annotations/entities.yaml")
    new = build(root)
    assert killed_build(root, step) == 137
    assert leftovers(root) != [] or (root / JOURNAL).exists()
    result = run_main(validate_main, str(root))
    assert "[INTERRUPTED_BUILD]" in result.stderr, result.stderr
    assert snapshot(root) == new  # the journal was written, so the validated new package is rolled forward
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == [] and not (root / JOURNAL).exists()
    assert old != new


def test_an_unfinished_staging_is_removed_and_the_old_package_kept(second_article):
    """Killed while staging (before the journal): the half-written staging is thrown away; data/ is untouched."""
    root = second_article
    build_and_validate(root, stages=ATOMIC)
    old = snapshot(root)
    half = root / ".build-killed"
    (half / "data").mkdir(parents=True)
    (half / "data" / "quotes.csv").write_text("quote_id\n", encoding="utf-8")
    note = recover(root)
    assert note is not None and ".build-killed" in note
    assert snapshot(root) == old and leftovers(root) == []
