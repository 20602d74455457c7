"""Validation a downloader can trust (issue 8): what a hostile or careless contributor tries is caught with its code.

One named case per class: the descriptor read as strict JSON and held to the contract fields.py renders; paths that
leave the package, pass through a link or are too large; lexical forms other readers accept but mean something
else; roles holding the wrong kind of entity; invisible and look-alike characters; wide encodings; and the YAML
features the annotation format does not use. Each case asserts its code, its place and a part of its message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.test_corruptions import (A, BUILD, PACKAGE, STAGED, At, Line, Row, cells, descriptor, edit, edit_bytes, line_number,
                                    problems_of, read, resource, write, yaml_set)

Y = "annotations/articles/cafe-zoe.yaml"
E = "annotations/entities.yaml"  # the entity registry
P = "annotations/package.yaml"
D = "datapackage.json"


def replace_file(rel: str, make):
    """Replace a file by make(root, path) (a link, a copy, a huge file ...)."""
    def corrupt(root: Path) -> None:
        path = root / rel
        make(root, path)
    return corrupt


def symlink_to_copy(root: Path, path: Path) -> None:
    copy = root / "elsewhere.csv"
    copy.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(copy)


def symlinked_folder(root: Path, path: Path) -> None:
    moved = root / "articles-real"
    path.rename(moved)
    path.symlink_to(moved, target_is_directory=True)


def sparse(size: int):
    def make(root: Path, path: Path) -> None:
        with open(path, "r+b") as handle:
            handle.truncate(size)
    return make


def raw_descriptor(change):
    """Apply change(text) -> text to datapackage.json as text (for what json.dumps would never write)."""
    def corrupt(root: Path) -> None:
        write(root, D, change(read(root, D)))
    return corrupt


def prepend(rel: str, text: str):
    return lambda root: write(root, rel, text + read(root, rel))


def utf16(rel: str):
    return edit_bytes(rel, lambda b: b.decode("utf-8").encode("utf-16"))


CASES = [
    # --- 2. the descriptor: strict JSON, the profile, equality with the contract, package metadata
    pytest.param(PACKAGE, raw_descriptor(lambda t: t.replace('"version": "0.1.0",', '"version": "0.1.0",\n  "version": "9.9.9",')),
                 At("DESCRIPTOR_JSON", D, None, "", "", "appears twice"), id="descriptor-duplicate-key"),
    pytest.param(PACKAGE, raw_descriptor(lambda t: t.replace('"bytes": ', '"bytes": NaN, "x": ', 1)),
                 At("DESCRIPTOR_JSON", D, None, "", "", "NaN is not JSON"), id="descriptor-nan"),
    pytest.param(PACKAGE, raw_descriptor(lambda t: t.replace('"title": "Test fixture', '"title": "\\ud800Test fixture', 1)),
                 At("DESCRIPTOR_JSON", D, None, "", "", "lone surrogate"), id="descriptor-lone-surrogate"),
    pytest.param(PACKAGE, edit_bytes(D, lambda b: b"\xef\xbb\xbf" + b),
                 At("DESCRIPTOR_JSON", D, None, "", "", "byte-order mark"), id="descriptor-bom"),
    pytest.param(PACKAGE, resource("quotes", path="data/figures.csv"),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=quotes", "path"), id="descriptor-path-to-another-file"),
    pytest.param(PACKAGE, resource("quotes", encoding="latin-1"),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=quotes", "encoding"), id="descriptor-other-encoding"),
    pytest.param(PACKAGE, resource("quotes", dialect={"delimiter": ";", "header": True}),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=quotes", "dialect", "dialect/delimiter"), id="descriptor-other-dialect"),
    pytest.param(PACKAGE, resource("quotes", dialect="data/dialect.json"),
                 At("UNSAFE_PATH", D, None, "resource=quotes", "dialect"), id="descriptor-dialect-by-reference"),
    pytest.param(PACKAGE, descriptor(lambda d: d["resources"].pop(0)),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=article-cafe-zoe", "", "missing"), id="descriptor-drops-the-article"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(variant="text-free")),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=article-cafe-zoe", "", "not part of the package's contract"),
                 id="full-package-claims-to-be-text-free"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(profile="https://example.org/profile.json")),
                 At("DESCRIPTOR_CONTRACT", D, None, "package", "profile", "not a key"), id="descriptor-extra-key"),
    pytest.param(PACKAGE, resource("quotes", licenses=[]),
                 At("DESCRIPTOR_CONTRACT", D, None, "resource=quotes", "licenses"), id="descriptor-drops-a-licence"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(licenses=[])),
                 At("PACKAGE_METADATA", D, None, "package", "licenses"), id="package-without-licence"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(version="1.0")),
                 At("PACKAGE_METADATA", D, None, "package", "version", "SemVer"), id="version-not-semver"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(created="2026-02-30T00:00:00Z")),
                 At("PACKAGE_METADATA", D, None, "package", "created", "day is out of range"), id="created-not-a-real-day"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(homepage="http://example.org/")),
                 At("PACKAGE_METADATA", D, None, "package", "homepage", "https"), id="homepage-not-https"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update(title="<script>alert(1)</script>")),
                 At("PACKAGE_METADATA", D, None, "package", "title", "markup"), id="title-with-markup"),
    # --- 3. safe paths: no URL, no link at any step, regular files under a cap, every data file declared
    pytest.param(PACKAGE, resource("quotes", path="https://example.org/quotes.csv"),
                 At("UNSAFE_PATH", D, None, "resource=quotes", "path", "URL scheme"), id="path-is-a-url"),
    pytest.param(PACKAGE, resource("quotes", path="data//quotes.csv"),
                 At("UNSAFE_PATH", D, None, "resource=quotes", "path", "empty"), id="path-with-empty-part"),
    pytest.param(PACKAGE, replace_file("data/quotes.csv", symlink_to_copy),
                 At("NOT_A_REGULAR_FILE", "data/quotes.csv", None, "resource=quotes", "path", "symbolic link"), id="data-file-is-a-link"),
    pytest.param(PACKAGE, replace_file("data/articles", symlinked_folder),
                 At("NOT_A_REGULAR_FILE", A, None, "resource=article-cafe-zoe", "path", "`data/articles` is a symbolic link"),
                 id="folder-on-the-path-is-a-link"),
    pytest.param(PACKAGE, lambda root: (root / "data/extra.csv").write_text("a\n", encoding="utf-8"),
                 At("UNDECLARED_FILE", "data/extra.csv", None, "", ""), id="undeclared-data-file"),
    pytest.param(PACKAGE, lambda root: (root / "data/figures.csv").unlink(),
                 At("RESOURCE_INTEGRITY", "data/figures.csv", None, "resource=figures", "path", "does not exist"), id="declared-file-missing"),
    pytest.param(PACKAGE, replace_file("data/context.csv", sparse(200 * 1024 * 1024)),
                 At("FILE_TOO_LARGE", "data/context.csv", None, "resource=context", "path", "above the cap"), id="data-file-of-200-mb"),
    # --- 4. canonical lexical forms
    pytest.param(PACKAGE, cells("mentions", "sf-m002", start="٧٦"),
                 At("LEXICAL_FORM", "data/mentions.csv", Row("sf-m002"), "mention_id=sf-m002", "start", "ASCII digits"), id="integer-arabic-indic-digits"),
    pytest.param(PACKAGE, cells("mentions", "sf-m002", start=lambda v: v[0] + "_" + v[1:]),
                 At("LEXICAL_FORM", "data/mentions.csv", Row("sf-m002"), "mention_id=sf-m002", "start"), id="integer-underscore"),
    pytest.param(PACKAGE, cells("mentions", "sf-m002", start=lambda v: "+" + v),
                 At("LEXICAL_FORM", "data/mentions.csv", Row("sf-m002"), "mention_id=sf-m002", "start"), id="integer-plus-sign"),
    pytest.param(PACKAGE, cells("figures", "sf-n02", value="4E1"),
                 At("LEXICAL_FORM", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "value", "exponent"), id="number-exponent"),
    pytest.param(PACKAGE, cells("figures", "sf-n02", value="40.0"),
                 At("LEXICAL_FORM", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "value"), id="number-trailing-zero"),
    pytest.param(PACKAGE, cells("figures", "sf-n02", approximate="False"),
                 At("LEXICAL_FORM", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "approximate"), id="boolean-capitalised"),
    pytest.param(PACKAGE, cells("context", "sf-c01", source_date="2025-02-30"),
                 At("LEXICAL_FORM", "data/context.csv", Row("sf-c01"), "context_id=sf-c01", "source_date", "does not exist"), id="date-30-february"),
    pytest.param(BUILD, yaml_set('timex_id: "sf-t01"', "value", '"2026-W54"'),
                 At("LEXICAL_FORM", Y, Line('value: "2026-W54"'), "timex_id=sf-t01", "value", "week 54"), id="timex-week-54"),
    pytest.param(BUILD, yaml_set('timex_id: "sf-t01"', "value", '"2026-13"'),
                 At("LEXICAL_FORM", Y, Line('value: "2026-13"'), "timex_id=sf-t01", "value", "month 13"), id="timex-month-13"),
    pytest.param(STAGED, yaml_set('timex_id: "sf-t01"', "type", '"DURATION"'),
                 At("LEXICAL_FORM", "data/time_expressions.csv", Row("sf-t01"), "timex_id=sf-t01", "value", "not DURATION"),
                 id="timex-type-does-not-fit-value"),
    pytest.param(BUILD, yaml_set('event_id: "sf-e01"', "date", '"2025-02-29"'),
                 At("LEXICAL_FORM", Y, Line('date: "2025-02-29"'), "event_id=sf-e01", "date", "day 29"), id="event-date-29-february-2025"),
    # --- 5. roles hold entities of an accepted type
    pytest.param(STAGED, yaml_set('entity_id: "jose-pena"', "type", '"commodity"', file=E),
                 At("ROLE_TYPE", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "speaker_id", "is a commodity"), id="speaker-is-a-commodity"),
    # --- 6. text hygiene from Unicode data
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", '"A café\u3164in Málaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line("A café\u3164in"), "entity_id=cafe-zoe", "description", "HANGUL FILLER"), id="hangul-filler"),
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", '"A café\u2800in Málaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line("A café\u2800in"), "entity_id=cafe-zoe", "description", "BRAILLE PATTERN BLANK"), id="braille-blank"),
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", '"A ca\u00adfé in Málaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line("A ca\u00adfé"), "entity_id=cafe-zoe", "description", "SOFT HYPHEN"), id="soft-hyphen"),
    pytest.param(BUILD, yaml_set('entity_id: "jose-pena"', "name", '"Jos\u0435 Peña"', file=E),
                 At("CONFUSABLE", E, Line("Jos\u0435 Peña"), "entity_id=jose-pena", "name", "CYRILLIC"), id="cyrillic-look-alike-in-a-name"),
    pytest.param(PACKAGE, cells("entities", "jose-pena", description="Own\u0435r of Café Zoë"),
                 At("CONFUSABLE", "data/entities.csv", Row("jose-pena"), "entity_id=jose-pena", "description"), id="csv-cyrillic-look-alike"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café\u115fin Málaga"),
                 At("CONTROL_CHARACTER", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description", "FILLER"), id="csv-hangul-filler"),
    pytest.param(BUILD, utf16(Y), At("ENCODING", Y, 1, "", "", "UTF-16"), id="yaml-in-utf-16"),
    pytest.param(PACKAGE, utf16("data/quotes.csv"), At("ENCODING", "data/quotes.csv", 1, "", "", "UTF-16"), id="csv-in-utf-16"),
    # --- 7. the YAML features the format does not use
    pytest.param(BUILD, prepend(Y, "%YAML 1.1\n---\n"), At("YAML_FEATURE", Y, 2, "", "", "%YAML"), id="yaml-1.1-directive"),
    pytest.param(BUILD, prepend(Y, "%TAG !e! tag:example.com,2000:\n---\n"), At("YAML_FEATURE", Y, 2, "", "", "%TAG"), id="yaml-tag-directive"),
    pytest.param(BUILD, edit(Y, '  - entity_id: "cafe-zoe"\n', '  - &cafe\n    entity_id: "cafe-zoe"\n'),
                 At("YAML_FEATURE", Y, Line("&cafe"), "", "", "anchor `&cafe`"), id="yaml-anchor"),
    pytest.param(BUILD, edit(Y, '    speaker_id: "jose-pena"', '    speaker_id: *pena'),
                 At("YAML_FEATURE", Y, Line("*pena"), "", "", "alias `*pena`"), id="yaml-alias"),
    pytest.param(BUILD, edit(E, '    description: "A café in Málaga"', '    <<: {description: "A café in Málaga"}'),
                 At("YAML_FEATURE", E, Line("<<:"), "", "", "merge key"), id="yaml-merge-key"),
    pytest.param(BUILD, edit(E, '    type: "organization"', '    type: !!str organization'),
                 At("YAML_FEATURE", E, Line("!!str"), "", "", "explicit tag"), id="yaml-explicit-tag"),
    pytest.param(BUILD, lambda root: write(root, Y, read(root, Y) + "---\narticle: {}\n"),
                 At("YAML_FEATURE", Y, Line("---"), "", "", "more than one"), id="yaml-second-document"),
    pytest.param(BUILD, edit(E, '    description: "A café in Málaga"', '    description: ' + "[" * 40 + "]" * 40),
                 At("YAML_FEATURE", E, Line("[[[["), "", "", "nesting deeper"), id="yaml-deep-nesting"),
    pytest.param(BUILD, edit(E, '    description: "A café in Málaga"', '    description: "A café \\ud800in Málaga"'),
                 At("ENCODING", E, Line("\\ud800"), "", "", "lone surrogate"), id="yaml-lone-surrogate"),
    pytest.param(BUILD, lambda root: write(root, Y, ""), At("YAML_EMPTY", Y, 1, "", ""), id="yaml-empty-file"),
    pytest.param(BUILD, lambda root: write(root, Y, "# only a comment\n"), At("YAML_EMPTY", Y, 1, "", ""), id="yaml-only-comments"),
    pytest.param(BUILD, lambda root: write(root, Y, read(root, Y).split("entities:")[0]),
                 At("NO_ANNOTATIONS", Y, 1, "", "", "no mention, quote or fact"), id="yaml-article-without-annotations"),
    pytest.param(BUILD, replace_file(Y, sparse(11 * 1024 * 1024)), At("FILE_TOO_LARGE", Y, None, "", "", "the cap"), id="yaml-over-the-cap"),
]


@pytest.mark.parametrize("stage,corrupt,at", CASES)
def test_hostile_input_is_caught(stage, corrupt, at, request):
    root = request.getfixturevalue("second_package" if stage == PACKAGE else "second_article")
    corrupt(root)
    problems, files = problems_of(stage, root)
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


def _package_cases():
    from tests.test_corruptions import CATALOGUE

    return [case for case in CATALOGUE + CASES if case.values[0] == PACKAGE]


@pytest.mark.parametrize("stage,corrupt,at", _package_cases())
def test_make_validate_exits_1_with_the_code_and_changes_nothing(stage, corrupt, at, second_package, capsys):
    """What `make validate` runs, on every package case of both catalogues: exit 1, the code printed, no traceback,
    and not one byte of the package changed by validating it."""
    from scripts.validate import main

    from tests.conftest import snapshot

    corrupt(second_package)
    before = snapshot(second_package, ("data", "datapackage.json", "annotations", "sources"))
    assert main([str(second_package)]) == 1
    err = capsys.readouterr().err
    assert f"[{at.code}]" in err and "Traceback" not in err
    assert snapshot(second_package, ("data", "datapackage.json", "annotations", "sources")) == before
