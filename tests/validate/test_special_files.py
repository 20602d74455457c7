"""A FIFO (or socket, or device) in data/ is not a file the package declares or a reader can finish: it is named,
not skipped."""

import os
import shutil

import pytest

from scripts.validate.core import validate
from tests.helpers.repo import REPO


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system has no FIFOs")
def test_an_undeclared_fifo_in_data_is_not_a_regular_file(tmp_path):
    root = tmp_path / "package"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root)
    os.mkfifo(root / "data" / "extra.csv")
    found = validate(root, stages=())
    assert [(p.code, p.file) for p in found] == [("NOT_A_REGULAR_FILE", "data/extra.csv")], [str(p) for p in found]
