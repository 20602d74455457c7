"""Validation a downloader can trust (issue 8): what a hostile or careless contributor tries is caught with its code.

One named case per class: the descriptor read as strict JSON and held to the contract fields.py renders; paths that
leave the package, pass through a link or are too large; lexical forms other readers accept but mean something
else; roles holding the wrong kind of entity; invisible and look-alike characters; wide encodings; and the YAML
features the annotation format does not use. Each case asserts its code, its place and a part of its message.
"""

from __future__ import annotations

import pytest

from scripts.validate.__main__ import main
from tests.helpers.catalogue import CASES, CATALOGUE, first_of_each_code, one_per_code
from tests.helpers.corrupt import BUILD, E, PACKAGE, Y, edit, line_number, problems_of, read, resource, write
from tests.helpers.repo import snapshot


@pytest.mark.parametrize("stage,corrupt,at", one_per_code(CASES))
def test_hostile_input_is_caught(stage, corrupt, at, request):
    root = request.getfixturevalue("second_package" if stage == PACKAGE else "second_article")
    corrupt(root)
    problems, files = problems_of(stage, root, at.code, at.message)
    line = line_number(root, at, files) if at.line is not None else None
    listing = "\n".join(str(p) for p in problems)
    hits = [p for p in problems if (p.code, p.file, p.line, p.key, p.field) == (at.code, at.file, line, at.key, at.field)]
    assert hits, f"expected {(at.code, at.file, line, at.key, at.field)}, got:\n{listing}"
    assert any(at.message in p.message for p in hits), f"no message contains {at.message!r}:\n{listing}"
    assert not [p for p in problems if p.code == "INTERNAL"], listing


def test_every_yaml_refusal_names_the_column(second_article):
    edit(E, '    type: "organization"', '    type: !!str organization')(second_article)
    problems, _ = problems_of(BUILD, second_article)
    (tagged,) = [p for p in problems if p.code == "YAML_FEATURE"]
    assert tagged.column == len('    type: ') + 1
    assert str(tagged).startswith(f"{E}:{tagged.line}:{tagged.column} [YAML_FEATURE] explicit tag")


def test_a_billion_laughs_is_refused_before_expansion(second_article):
    """Nine levels of aliases would expand to 10^9 strings; the reader refuses the first anchor and never builds them."""
    bomb = 'lol0: &a0 "lol"\n' + "".join(f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10))
    write(second_article, Y, bomb + read(second_article, Y))
    problems, _ = problems_of(BUILD, second_article)
    assert {p.code for p in problems} == {"YAML_FEATURE"}
    assert problems[0].line == 1 and "anchor `&a0`" in problems[0].message


def test_the_descriptor_may_not_send_a_reader_outside(second_package):
    """A resource whose path is absolute is refused before any reader opens it, so /etc/passwd is never read."""
    resource("quotes", path="/etc/passwd")(second_package)
    problems, _ = problems_of(PACKAGE, second_package)
    assert {p.code for p in problems} <= {"UNSAFE_PATH", "DESCRIPTOR_CONTRACT", "DESCRIPTOR_SCHEMA", "UNDECLARED_FILE"}
    assert ("UNSAFE_PATH", "resource=quotes", "path") in {(p.code, p.key, p.field) for p in problems}
    assert not any("root:" in p.message for p in problems)


# the default run takes one code from each stage of the validator: pre-flight, the project's rules, frictionless
CLI_DEFAULT = {"DESCRIPTOR_JSON", "SPAN_TEXT_MISMATCH", "CELL_TYPE"}


@pytest.mark.parametrize("stage,corrupt,at", one_per_code(
    first_of_each_code([case for case in CATALOGUE + CASES if case.values[0] == PACKAGE]), CLI_DEFAULT))
def test_make_validate_exits_1_with_the_code_and_changes_nothing(stage, corrupt, at, second_package, capsys):
    """What `make validate` runs, on the first package case of each code of both catalogues (the catalogue tests
    check every case's code and place): exit 1, the code printed, no traceback, and not one byte of the package
    changed by validating it."""
    corrupt(second_package)
    before = snapshot(second_package, ("data", "datapackage.json", "annotations", "sources"))
    assert main([str(second_package)]) == 1
    err = capsys.readouterr().err
    assert f"[{at.code}]" in err and "Traceback" not in err
    assert snapshot(second_package, ("data", "datapackage.json", "annotations", "sources")) == before
