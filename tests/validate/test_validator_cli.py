"""The validator as a downloader runs it: `python -m scripts.validate PATH` on a folder, a descriptor or a zip.

Exit 0 means valid, 1 problems, 2 the validator could not run; the report is UTF-8 under any locale, lists the first
200 problems and counts the rest, leads from a generated cell to the annotation line behind it, and never opens a
network connection.
"""

from __future__ import annotations

import os

import pytest
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from scripts.build.pipeline import build_and_validate
from scripts.contract.problems import REPORT_LIMIT
from scripts.validate.__main__ import main
from tests.helpers.corrupt import cells, resource, rows_changed, run_main
from tests.helpers.repo import REPO

Y = "annotations/articles/cafe-zoe.yaml"


def validate_cli(target: Path):
    """`python -m scripts.validate TARGET`, run in-process (what the module's main does)."""
    return run_main(main, str(target))


def validate_process(target: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m scripts.validate TARGET` in a process of its own, for what only a process shows (its locale, its
    sockets)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "scripts.validate", str(target)], cwd=REPO, env=environment,
                          capture_output=True)


def zip_of(root: Path, dest: Path, prefix: str = "", extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(dest, "w") as archive:
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and (rel == "datapackage.json" or rel.startswith("data/")):
                archive.write(path, prefix + rel)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return dest


def test_exit_status_is_0_1_or_2(second_package, tmp_path):
    assert validate_cli(second_package).returncode == 0
    assert validate_cli(second_package / "datapackage.json").returncode == 0
    assert validate_cli(tmp_path / "no-such-folder").returncode == 2
    cells("quotes", "sf-q01", reporting_verb="None")(second_package)
    result = validate_cli(second_package)
    assert result.returncode == 1
    assert "[MISSING_VALUE_COLLISION]" in result.stderr and "Traceback" not in result.stderr


def test_a_release_zip_with_the_descriptor_at_its_root_validates(second_package, tmp_path):
    good = zip_of(second_package, tmp_path / "package.zip")
    assert validate_cli(good).returncode == 0, validate_cli(good).stderr
    nested = zip_of(second_package, tmp_path / "nested.zip", prefix="folder/")
    result = validate_cli(nested)
    assert result.returncode == 1 and "datapackage.json is not at the zip's root" in result.stderr


def test_a_zip_member_that_climbs_out_is_refused_before_anything_is_written(second_package, tmp_path):
    evil = zip_of(second_package, tmp_path / "evil.zip", extra={"../../escaped.txt": b"x"})
    result = validate_cli(evil)
    assert result.returncode == 1 and "[UNSAFE_PATH]" in result.stderr
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path.parent / "escaped.txt").exists()


@pytest.mark.slow
def test_output_is_utf8_under_a_latin1_locale(second_package):
    cells("entities", "jose-pena", description="Own\u0435r of Café Zoë")(second_package)
    result = validate_process(second_package, {"LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1", "PYTHONIOENCODING": ""})
    assert result.returncode == 1
    assert "the word `Own\u0435r`" in result.stderr.decode("utf-8")  # a Cyrillic letter, which Latin-1 cannot encode


def test_the_report_lists_200_problems_and_counts_the_rest(second_package):
    rows_changed("mentions", lambda rows: [rows[0]] + [r for r in rows[1:]] +
                 [[f"sf-m{900 + i}", *rows[1][1:4], "1", "0", "x", *rows[1][7:]] for i in range(60)])(second_package)
    result = validate_cli(second_package)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert lines[-1].startswith("invalid: ") and int(lines[-1].split()[1]) > REPORT_LIMIT
    assert len([line for line in lines if "[" in line and "] " in line]) == REPORT_LIMIT
    assert lines[-2].startswith("… and ") and "more problem(s) not listed" in lines[-2]


def test_a_problem_in_a_generated_cell_names_the_annotation_line(second_article):
    """In a repository, a hand-edited CSV is drift, and a bad generated cell leads to the YAML line behind it."""
    assert validate_cli(second_article).returncode == 1  # nothing built yet: the outputs are missing
    build_and_validate(second_article)
    assert validate_cli(second_article).returncode == 0
    cells("quotes", "sf-q01", reporting_verb="NA")(second_article)
    err = validate_cli(second_article).stderr
    text = (second_article / Y).read_text(encoding="utf-8").split("\n")
    line = next(i for i, t in enumerate(text, start=1) if t.strip().startswith("reporting_verb:") and i > text.index('  - quote_id: "sf-q01"'))
    assert "field=reporting_verb [MISSING_VALUE_COLLISION]" in err
    assert f"Fix: edit {Y}:{line}, then run `make build`" in err
    assert "data/quotes.csv [DESCRIPTOR_DRIFT] differs from a fresh build" in err


@pytest.mark.slow
def test_validation_never_opens_a_network_connection(second_package, tmp_path):
    """A socket guard in the validator's process: any connect() is recorded and refused."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import socket
        def refuse(self, address, *args):
            with open({str(tmp_path / 'connections.log')!r}, "a") as log:
                log.write(repr(address) + "\\n")
            raise OSError("network refused by the test's socket guard")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = lambda address, *a, **k: refuse(None, address)
    """), encoding="utf-8")
    resource("quotes", path="https://example.org/quotes.csv")(second_package)
    resource("figures", schema="https://example.org/schema.json")(second_package)
    result = validate_process(second_package, {"PYTHONPATH": f"{guard}{os.pathsep}{REPO}"})
    assert result.returncode == 1 and b"[UNSAFE_PATH]" in result.stderr
    assert not (tmp_path / "connections.log").exists()
    # the control: the guard does catch a connection attempt made in that process
    control = subprocess.run([sys.executable, "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9/')"],
                             env={**os.environ, "PYTHONPATH": f"{guard}{os.pathsep}{REPO}"}, capture_output=True)
    assert control.returncode != 0 and (tmp_path / "connections.log").exists()
