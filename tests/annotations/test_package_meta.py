"""annotations/package.yaml is read as the Data Package shapes it feeds: a value of the wrong shape is one problem
at its line and key, with a fix whose example builds, never an error inside the build."""

import re
import shutil

import pytest

from scripts.annotations.loader import load_package_meta
from tests.helpers.corrupt import build_cli
from tests.helpers.repo import REPO

PACKAGE_YAML = "annotations/package.yaml"


def _edited(tmp_path, pattern, replacement):
    path = tmp_path / "package.yaml"
    text = (REPO / PACKAGE_YAML).read_text(encoding="utf-8")
    edited = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    return path, edited


@pytest.mark.parametrize("pattern, replacement, field", [
    (r"^licenses:\n(?:  .*\n)+", 'licenses: "CC-BY-4.0"\n', "licenses"),
    (r"^text_license:\n(?:  .*\n)+", 'text_license: "closed"\n', "text_license"),
    (r"^keywords:\n(?:  .*\n)+", 'keywords: "news"\n', "keywords"),
    (r"^created: .*$", "created: 12", "created"),
    (r"^version: .*$", "version: 2.1", "version"),
])
def test_a_value_of_the_wrong_shape_is_one_problem_at_its_line(tmp_path, pattern, replacement, field):
    path, text = _edited(tmp_path, pattern, replacement)
    _, problems = load_package_meta(path, PACKAGE_YAML)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(f"{field}:"))
    assert [(p.code, p.field, p.line) for p in problems] == [("WRONG_TYPE", field, line)]
    assert f"{field}: " in problems[0].fix  # the example to copy


def test_the_fix_given_for_a_licence_string_builds(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "build", "site", "dist", "__pycache__"))
    path = root / PACKAGE_YAML
    original = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^licenses:\n(?:  .*\n)+", 'licenses: "CC-BY-4.0"\n', original, count=1, flags=re.M), encoding="utf-8")
    ran = build_cli(root)
    assert ran.returncode == 1 and "Traceback" not in ran.stderr and "[INTERNAL]" not in ran.stderr, ran.stderr
    [line] = [line for line in ran.stderr.splitlines() if "[WRONG_TYPE]" in line]
    assert line.startswith(f"{PACKAGE_YAML}:") and "field=licenses" in line
    example = line.split("Fix: ", 1)[1].split("for example ", 1)[1]
    path.write_text(re.sub(r"^licenses:\n(?:  .*\n)+", example + "\n", original, count=1, flags=re.M), encoding="utf-8")
    assert build_cli(root).returncode == 0
