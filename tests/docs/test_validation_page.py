"""docs/validation.md is generated from scripts/contract/problems.py CODES and documents every code with its fix."""

from scripts.contract.problems import CODES
from scripts.docs import validation_page as codes_doc
from tests.helpers.repo import REPO


def test_committed_page_equals_the_generated_page():
    committed = (REPO / codes_doc.PAGE).read_bytes().decode("utf-8")
    assert committed == codes_doc.render(), "run `python -m scripts.docs.validation_page` and commit docs/validation.md"


def test_every_code_has_a_row_with_its_meaning_and_fix():
    page = codes_doc.render()
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(CODES)
    for row, (meaning, fix) in zip(rows, CODES.values()):
        assert meaning and fix and meaning in row and fix in row


def test_the_page_follows_a_change_of_the_codes():
    changed = {**CODES, "NEW_CODE": ("Something new.", "Do the new thing.")}
    assert codes_doc.render(changed) != codes_doc.render()
    assert "| `NEW_CODE` | Something new. | Do the new thing. |" in codes_doc.render(changed)
