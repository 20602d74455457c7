"""frictionless's verdict on a table is remembered only for what frictionless reads to reach it: the table, its
descriptor and the tables its foreign keys name. Editing a table that others point to checks those others again."""

import shutil

from scripts.validate.core import validate
from tests.helpers.corrupt import drop_row, read_rows
from tests.helpers.repo import REPO


def _package(tmp_path):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root)
    return root


def test_a_speaker_removed_from_entities_is_a_dangling_key_in_the_unchanged_article_entities_table(tmp_path):
    root = _package(tmp_path)
    assert validate(root, stages=("frictionless",)) == []  # every table's clean verdict is now remembered
    quotes = read_rows(root, "quotes")
    speaker = next(row[quotes[0].index("speaker_id")] for row in quotes[1:] if row[quotes[0].index("speaker_id")])
    drop_row("entities", speaker)(root)
    found = validate(root, stages=("frictionless",))
    assert any(p.code == "FOREIGN_KEY" and p.file == "data/article_entities.csv" and speaker in p.message for p in found), found


def test_a_package_met_again_after_an_edit_is_judged_on_its_new_bytes(tmp_path):
    root = _package(tmp_path)
    assert validate(root, stages=("frictionless",)) == []
    path = root / "data" / "quotes.csv"
    path.write_bytes(path.read_bytes().replace(b",indirect,", b",indirectly,", 1))  # not rehashed: the bytes differ
    found = validate(root, stages=("frictionless",))
    assert any(p.code == "RESOURCE_INTEGRITY" and p.file == "data/quotes.csv" for p in found), found
