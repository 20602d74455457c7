"""The corruption catalogue (issue 5): every kind of bad input stops the build or fails validation with a stable
code at an exact location (file, line, record key, field).

Each class corrupts a fresh copy of the small second article (tests/fixtures/second): either its annotation file
or article text (caught by `scripts.build.build`, or by `build_and_validate` where only the built package shows the
mistake), or the package built from it (caught by `scripts.validate.validate`). Corruptions of a package file
normally re-record its bytes and hash in datapackage.json, so that the class under test is caught by its own
check and not merely by RESOURCE_INTEGRITY; the stale-hash classes leave the descriptor alone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import counts
from scripts import descriptor as descriptor_module
from scripts.build import build, build_and_validate
from scripts.problems import CODES, Problem, ProblemsFound
from scripts.validate import main as validate_main
from scripts.validate import validate

from tests.conftest import REPO

Y = "annotations/articles/cafe-zoe.yaml"
E = "annotations/entities.yaml"  # the entity registry
C = "annotations/articles/cafe-zoe.counts.csv"
S = "sources/cafe-zoe.txt"
A = "data/articles/cafe-zoe.txt"
ARTICLE = (Path(__file__).parent / "fixtures" / "second" / S).read_text(encoding="utf-8")


# ---------------------------------------------------------------- where a problem is expected

@dataclass(frozen=True)
class Line:
    """The one line of the (corrupted) file that contains this text."""
    text: str


@dataclass(frozen=True)
class Row:
    """The line of a CSV file whose row has this primary key (the line starts with `pk,`); nth for duplicates."""
    pk: str
    nth: int = 0


@dataclass(frozen=True)
class At:
    code: str
    file: str
    line: int | Line | Row | None
    key: str
    field: str
    message: str = ""  # a part the message must contain


def _text(root: Path, rel: str, files: dict[str, bytes] | None) -> str:
    path = root / rel
    data = path.read_bytes() if path.is_file() else (files or {})[rel]
    return data.decode("utf-8", errors="replace")


def line_number(root: Path, at: At, files: dict[str, bytes] | None = None) -> int | None:
    if not isinstance(at.line, (Line, Row)):
        return at.line
    lines = _text(root, at.file, files).split("\n")
    if isinstance(at.line, Line):
        found = [i for i, text in enumerate(lines, start=1) if at.line.text in text]
    else:
        found = [i for i, text in enumerate(lines, start=1) if text.startswith(at.line.pk + ",")]
        if at.line.nth:
            found = found[at.line.nth - 1: at.line.nth]
    assert len(found) == 1, f"{at.line} is on lines {found} of {at.file}; the catalogue needs exactly one"
    return found[0]


# ---------------------------------------------------------------- corruptions of annotation files and sources

def read(root: Path, rel: str) -> str:
    return (root / rel).read_bytes().decode("utf-8")


def write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_bytes(text.encode("utf-8"))


def edit(rel: str, old: str, new: str, rehashed: bool = True):
    """Replace the one occurrence of old by new in a text file."""
    def corrupt(root: Path) -> None:
        text = read(root, rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        write(root, rel, text.replace(old, new))
        if rehashed and rel.startswith("data/"):
            rehash(root, rel)
    return corrupt


def edit_bytes(rel: str, change, rehashed: bool = True):
    """Apply change(bytes) -> bytes to a file."""
    def corrupt(root: Path) -> None:
        before = (root / rel).read_bytes()
        after = change(before)
        assert after != before
        (root / rel).write_bytes(after)
        if rehashed and rel.startswith("data/"):
            rehash(root, rel)
    return corrupt


def _record_lines(lines: list[str], marker: str) -> tuple[int, int]:
    """First and end line index of the YAML list record whose first line contains marker."""
    starts = [i for i, line in enumerate(lines) if marker in line and line.lstrip().startswith("- ")]
    assert len(starts) == 1, f"record {marker!r} found {len(starts)} times"
    first = starts[0]
    indent = len(lines[first]) - len(lines[first].lstrip())
    end = first + 1
    while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
        end += 1
    return first, end


def yaml_set(marker: str, key: str, raw: str | None, file: str | None = None):
    """In the annotation record whose first line contains marker, set `key:` to raw YAML text (None: delete it);
    file defaults to the article's annotation file (E is the entity registry)."""
    def corrupt(root: Path) -> None:
        rel = file or Y
        lines = read(root, rel).split("\n")
        first, end = _record_lines(lines, marker)
        indent = " " * (len(lines[first]) - len(lines[first].lstrip()) + 2)
        at = [i for i in range(first, end) if lines[i].lstrip(" -").startswith(f"{key}:")]
        new = [] if raw is None else [f"{indent}{key}: {raw}"]
        if at:
            extra = at[0] + 1  # a nested mapping (span:) runs on over deeper-indented lines
            while extra < end and len(lines[extra]) - len(lines[extra].lstrip()) > len(indent):
                extra += 1
            if lines[at[0]].lstrip().startswith("- "):
                new = [f"{indent[:-2]}- {key}: {raw}"]
            lines[at[0]:extra] = new
        else:
            assert raw is not None, f"{marker} has no key {key}"
            lines[end:end] = new
        write(root, rel, "\n".join(lines))
    return corrupt


def yaml_copy_record(marker: str, file: str | None = None, **changes: str):
    """Insert a copy of a record right after it, with some keys set to raw YAML text."""
    def corrupt(root: Path) -> None:
        rel = file or Y
        lines = read(root, rel).split("\n")
        first, end = _record_lines(lines, marker)
        copy = lines[first:end]
        for key, raw in changes.items():
            hits = [i for i, line in enumerate(copy) if line.lstrip(" -").startswith(f"{key}:")]
            assert len(hits) == 1, f"{marker} has {len(hits)} keys {key}"
            head = copy[hits[0]][: len(copy[hits[0]]) - len(copy[hits[0]].lstrip(" -"))]
            copy[hits[0]] = f"{head}{key}: {raw}"
        lines[end:end] = copy
        write(root, rel, "\n".join(lines))
    return corrupt


def yaml_drop_record(marker: str):
    def corrupt(root: Path) -> None:
        lines = read(root, Y).split("\n")
        first, end = _record_lines(lines, marker)
        del lines[first:end]
        write(root, Y, "\n".join(lines))
    return corrupt


def also(*corruptions):
    def corrupt(root: Path) -> None:
        for c in corruptions:
            c(root)
    return corrupt


# ---------------------------------------------------------------- corruptions of the built package

def rehash(root: Path, rel: str) -> None:
    """Record a changed file's bytes and sha256 in datapackage.json, as a careless tool would."""
    path = root / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    data = (root / rel).read_bytes()
    matched = [r for r in descriptor["resources"] if r.get("path") == rel]
    assert len(matched) == 1, rel
    matched[0].update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    path.write_text(descriptor_module.dumps(descriptor), encoding="utf-8")


def read_rows(root: Path, table: str) -> list[list[str]]:
    with (root / f"data/{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def write_rows(root: Path, table: str, rows: list[list[str]], rehashed: bool = True) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / f"data/{table}.csv").write_bytes(out.getvalue().encode("utf-8"))
    if rehashed:
        rehash(root, f"data/{table}.csv")


def cells(table: str, pk: str, rehashed: bool = True, **values):
    """Set some cells of the row with primary key pk, writing the CSV as the build does."""
    def corrupt(root: Path) -> None:
        rows = read_rows(root, table)
        header = rows[0]
        hit = [row for row in rows[1:] if row[0] == pk]
        assert len(hit) == 1, f"{table} has {len(hit)} rows {pk}"
        for column, value in values.items():
            hit[0][header.index(column)] = value(hit[0][header.index(column)]) if callable(value) else value
        write_rows(root, table, rows, rehashed)
    return corrupt


def span(table: str, pk: str, start: int, end: int, text: str | None = None):
    """Move a row's span; its text is article[start:end] unless given."""
    return cells(table, pk, start=str(start), end=str(end), text=ARTICLE[start:end] if text is None else text)


def rows_changed(table: str, change):
    """Apply change(rows) -> rows (header first) to a table."""
    def corrupt(root: Path) -> None:
        write_rows(root, table, change(read_rows(root, table)))
    return corrupt


def drop_row(table: str, pk: str):
    return rows_changed(table, lambda rows: [r for r in rows if r[0] != pk])


def copy_row(table: str, pk: str, **values):
    """Insert a copy of a row right after it, with some cells changed."""
    def change(rows):
        i = next(i for i, r in enumerate(rows) if r[0] == pk)
        copy = list(rows[i])
        for column, value in values.items():
            copy[rows[0].index(column)] = value
        return rows[: i + 1] + [copy] + rows[i + 1:]
    return rows_changed(table, change)


def header(table: str, change):
    """Apply change(header) -> (header, cells_of_row(row) -> row) to a table."""
    def corrupt(root: Path) -> None:
        rows = read_rows(root, table)
        new_header, fix_row = change(rows[0])
        write_rows(root, table, [new_header] + [fix_row(r) for r in rows[1:]])
    return corrupt


def descriptor(change):
    """Apply change(descriptor dict) to datapackage.json."""
    def corrupt(root: Path) -> None:
        path = root / "datapackage.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(descriptor_module.dumps(data), encoding="utf-8")
    return corrupt


def resource(name: str, **values):
    def change(data):
        matched = [r for r in data["resources"] if r["name"] == name]
        assert len(matched) == 1
        matched[0].update(values)
    return descriptor(change)


def swap(items: list, a: int, b: int) -> list:
    items = list(items)
    items[a], items[b] = items[b], items[a]
    return items


def offsets(text: str, unit: str) -> tuple[int, int]:
    """(start, end) of text in the article counted in UTF-16 code units or UTF-8 bytes instead of code points."""
    start = ARTICLE.index(text)
    encode = (lambda s: len(s.encode("utf-16-le")) // 2) if unit == "utf-16" else (lambda s: len(s.encode("utf-8")))
    return encode(ARTICLE[:start]), encode(ARTICLE[: start + len(text)])


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


MOJIBAKE = "Owner of CafÃ© Zoë"  # "é" as UTF-8 bytes read as Windows-1252
QUOTE = "“Every plate is a little fiesta 👩\u200d🍳,”"
Q_START = ARTICLE.index(QUOTE)
BAND = "Spin\u0308al Tap tribute band"
BAND_START = ARTICLE.index(BAND)
N02_START = ARTICLE.index("40 percent")


# ---------------------------------------------------------------- the catalogue

BUILD, STAGED, PACKAGE, CHECK = "build", "build_and_validate", "validate", "build --check"
COUNTS = "counts"  # the row-count review of `make check` (scripts/counts.py), which validate() leaves alone

CATALOGUE = [
    # --- encodings and line endings of the annotation file
    pytest.param(BUILD, edit_bytes(Y, lambda b: b.replace("Café Zoë opens".encode(), "Caf\xe9 Zoë opens".encode("latin-1"), 1)),
                 At("ENCODING", Y, Line("opens in Málaga"), "", ""), id="yaml-not-utf8"),
    pytest.param(BUILD, edit_bytes(Y, lambda b: b"\xef\xbb\xbf" + b), At("BOM", Y, 1, "", ""), id="yaml-bom"),
    pytest.param(BUILD, edit_bytes(Y, lambda b: b.replace(b"\n", b"\r\n")), At("LINE_ENDING", Y, 1, "", ""), id="yaml-crlf"),
    pytest.param(BUILD, edit(Y, '    form: "name"\n  - mention_id: "sf-m004"', '    form: "name"\r\n  - mention_id: "sf-m004"'),
                 At("LINE_ENDING", Y, Line('form: "name"\r'), "", ""), id="yaml-mixed-line-endings"),
    # --- YAML syntax, duplicate keys and YAML 1.1 coercions
    pytest.param(BUILD, edit(Y, 'title: "Café Zoë opens in Málaga"', 'title: "Café Zoë opens in Málaga'),
                 At("YAML_SYNTAX", Y, Line("note: \"Test fixture"), "", ""), id="yaml-unclosed-quote"),
    pytest.param(BUILD, edit(Y, '    kind: "direct"\n', '    kind: "direct"\n    speaker_id: "cafe-zoe"\n'),
                 At("YAML_DUPLICATE_KEY", Y, Line('speaker_id: "jose-pena"'), "", ""), id="yaml-duplicate-key"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "approximate", "No"),
                 At("WRONG_TYPE", Y, Line("approximate: No"), "figure_id=sf-n01", "approximate"), id="yaml-no-is-not-false"),
    pytest.param(BUILD, yaml_set('event_id: "sf-e01"', "cameo_code", "010"),
                 At("WRONG_TYPE", Y, Line("cameo_code: 010"), "event_id=sf-e01", "cameo_code"), id="yaml-unquoted-010"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "value", "012"),
                 At("BAD_NUMBER", Y, Line("value: 012"), "figure_id=sf-n01", "value"), id="yaml-number-leading-zero"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "value", "12.0"),
                 At("BAD_NUMBER", Y, Line("value: 12.0"), "figure_id=sf-n01", "value"), id="yaml-number-float"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "value", '"1.2e1"'),
                 At("BAD_NUMBER", Y, Line('value: "1.2e1"'), "figure_id=sf-n01", "value"), id="yaml-number-exponent"),
    pytest.param(BUILD, yaml_set('event_id: "sf-e01"', "date", "2025-05-12"),
                 At("WRONG_TYPE", Y, Line("date: 2025-05-12"), "event_id=sf-e01", "date"), id="yaml-unquoted-date"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n02"', "measure", "~"),
                 At("MISSING_KEY", Y, Line("measure: ~"), "figure_id=sf-n02", "measure"), id="yaml-null-required"),
    # --- keys of the annotation records
    pytest.param(BUILD, edit(Y, '    speaker_id: "jose-pena"', '    speeker_id: "jose-pena"'),
                 At("UNKNOWN_KEY", Y, Line("speeker_id:"), "quote_id=sf-q01", "speeker_id", "unknown key `speeker_id`"),
                 id="unknown-key"),
    pytest.param(BUILD, edit(Y, "figures:\n", "figure:\n"), At("UNKNOWN_KEY", Y, Line("figure:"), "", "figure"),
                 id="unknown-top-level-key"),
    pytest.param(BUILD, yaml_set('mention_id: "sf-m004"', "form", None),
                 At("MISSING_KEY", Y, Line('mention_id: "sf-m004"'), "mention_id=sf-m004", "form"), id="missing-key"),
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "reporting_verb", '""'),
                 At("EMPTY_VALUE", Y, Line('reporting_verb: ""'), "quote_id=sf-q01", "reporting_verb"), id="empty-value"),
    # --- values: categories, white space, normalisation, invisible characters, patterns
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "kind", '"Direct"'),
                 At("BAD_CATEGORY", Y, Line('kind: "Direct"'), "quote_id=sf-q01", "kind"), id="bad-enum"),
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "kind", '"direct "'),
                 At("WHITESPACE_EDGE", Y, Line('kind: "direct "'), "quote_id=sf-q01", "kind"), id="bad-enum-trailing-space"),
    pytest.param(BUILD, yaml_set('fact_id: "sf-f001"', "predicate", '" opened"'),
                 At("WHITESPACE_EDGE", Y, Line('predicate: " opened"'), "fact_id=sf-f001", "predicate"), id="leading-space"),
    pytest.param(BUILD, yaml_set('entity_id: "jose-pena"', "description", '"Owner of Café Zoë\u00a0"', file=E),
                 At("WHITESPACE_EDGE", E, Line("Owner of Café Zoë\u00a0"), "entity_id=jose-pena", "description"), id="trailing-nbsp"),
    pytest.param(BUILD, yaml_set('entity_id: "jose-pena"', "description", f'"{nfd("Owner of Café Zoë")}"', file=E),
                 At("NOT_NFC", E, Line(nfd("Owner of Café")), "entity_id=jose-pena", "description"), id="value-nfd"),
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", r'"A café\u200b in Málaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line(r"A café\u200b"), "entity_id=cafe-zoe", "description", "U+200B"),
                 id="value-zero-width-space"),
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", r'"A café in \u202eMálaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line(r"\u202e"), "entity_id=cafe-zoe", "description", "U+202E"), id="value-bidi-override"),
    pytest.param(BUILD, yaml_set('entity_id: "cafe-zoe"', "description", r'"A café in\a Málaga"', file=E),
                 At("CONTROL_CHARACTER", E, Line(r"in\a"), "entity_id=cafe-zoe", "description", "U+0007"), id="value-control-character"),
    pytest.param(BUILD, edit(Y, 'quote_id: "sf-q01"', 'quote_id: "sf-Q1"'),
                 At("BAD_PATTERN", Y, Line('quote_id: "sf-Q1"'), "quote_id=sf-Q1", "quote_id"), id="bad-id-pattern"),
    pytest.param(BUILD, edit(Y, 'mention_id: "sf-m002"', 'mention_id: "xx-m002"'),
                 At("ID_PREFIX", Y, Line('mention_id: "xx-m002"'), "mention_id=xx-m002", "mention_id"), id="id-prefix"),
    # --- identifiers and references
    pytest.param(BUILD, edit(Y, 'mention_id: "sf-m002"', 'mention_id: "sf-m001"  # was sf-m002'),
                 At("DUPLICATE_ID", Y, Line("# was sf-m002"), "mention_id=sf-m001", "mention_id"), id="duplicate-id"),
    pytest.param(BUILD, yaml_copy_record('mention_id: "sf-m001"', mention_id='"sf-m009"'),
                 At("DUPLICATE_ANNOTATION", Y, Line('mention_id: "sf-m009"'), "mention_id=sf-m009", "article_id,start,end,entity_id"),
                 id="same-annotation-two-ids"),
    pytest.param(BUILD, yaml_copy_record('entity_id: "jose-pena"', file=E, entity_id='"pena-jose"'),
                 At("DUPLICATE_ANNOTATION", E, Line('entity_id: "pena-jose"'), "entity_id=pena-jose", "name,type"),
                 id="same-entity-two-ids"),
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "speaker_id", '"nobody"'),
                 At("DANGLING_REFERENCE", Y, Line('quote_id: "sf-q01"'), "quote_id=sf-q01", "speaker_id"), id="dangling-reference"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "value", '"13"'),
                 At("FIGURE_VALUE", Y, Line('figure_id: "sf-n01"'), "figure_id=sf-n01", "value"), id="figure-value-disagrees"),
    # --- spans named by text
    pytest.param(BUILD, yaml_set('mention_id: "sf-m004"', "span", '"Spinal Tap tribute band"'),
                 At("SPAN_NOT_FOUND", Y, Line('mention_id: "sf-m004"'), "mention_id=sf-m004", "span"), id="span-missing-combining-mark"),
    pytest.param(BUILD, yaml_set('mention_id: "sf-m001"', "span", f'"{nfd("José Peña")}"'),
                 At("SPAN_NOT_FOUND", Y, Line('mention_id: "sf-m001"'), "mention_id=sf-m001", "span"), id="span-nfd"),
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "span", "'\"Every plate is a little fiesta 👩\u200d🍳,\"'"),
                 At("SPAN_NOT_FOUND", Y, Line('quote_id: "sf-q01"'), "quote_id=sf-q01", "span"), id="span-straight-quotes"),
    pytest.param(BUILD, yaml_set('mention_id: "sf-m003"', "span", '"Peña"'),
                 At("SPAN_AMBIGUOUS", Y, Line('mention_id: "sf-m003"'), "mention_id=sf-m003", "span", "at offsets 5, 101"), id="span-ambiguous"),
    pytest.param(BUILD, edit(Y, "occurrence: 2", "occurrence: 3"),
                 At("SPAN_OCCURRENCE", Y, Line('mention_id: "sf-m003"'), "mention_id=sf-m003", "span"), id="span-occurrence"),
    pytest.param(BUILD, yaml_set('mention_id: "sf-m001"', "span", '"José Peña "'),
                 At("SPAN_EDGE_WHITESPACE", Y, Line('mention_id: "sf-m001"'), "mention_id=sf-m001", "span"), id="span-edge-whitespace"),
    pytest.param(BUILD, yaml_set('figure_id: "sf-n01"', "span", r'"12 cooks.\n“Every"'),
                 At("SPAN_CROSSES_SENTENCE", Y, Line('figure_id: "sf-n01"'), "figure_id=sf-n01", "span"), id="span-crosses-sentence"),
    pytest.param(BUILD, yaml_set('mention_id: "sf-m004"', "span", '"Spin"'),
                 At("SPAN_SPLITS_GRAPHEME", Y, Line('mention_id: "sf-m004"'), "mention_id=sf-m004", "span"), id="span-splits-combining-mark"),
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "span", '"“Every plate is a little fiesta 👩"'),
                 At("SPAN_SPLITS_GRAPHEME", Y, Line('quote_id: "sf-q01"'), "quote_id=sf-q01", "span"), id="span-splits-zwj-emoji"),
    pytest.param(BUILD, edit(Y, "article:\n", 'sentence_overrides:\n  - join: "cooks.\\n“Every"\narticle:\n'),
                 At("SENTENCE_OVERRIDE", Y, Line("- join:"), "sentence_overrides", "join"), id="sentence-override-across-line"),
    # --- the article text
    pytest.param(BUILD, edit_bytes(S, lambda b: nfd(b.decode()).encode()), At("ARTICLE_TEXT", S, 1, "article_id=cafe-zoe", ""),
                 id="article-nfd"),
    pytest.param(BUILD, edit(S, "Peña said.", "Peña\rsaid."), At("ARTICLE_TEXT", S, 2, "article_id=cafe-zoe", ""),
                 id="article-carriage-return"),
    pytest.param(BUILD, edit_bytes(S, lambda b: b.replace(b"\n", b"\r\n")), At("ARTICLE_TEXT", S, 1, "article_id=cafe-zoe", ""),
                 id="article-crlf"),
    pytest.param(BUILD, edit_bytes(S, lambda b: b"\xef\xbb\xbf" + b), At("ARTICLE_TEXT", S, 1, "article_id=cafe-zoe", ""),
                 id="article-bom"),
    pytest.param(BUILD, edit_bytes(S, lambda b: b.replace("Spin\u0308al".encode(), b"Spin\xa8al")),
                 At("ARTICLE_TEXT", S, 3, "article_id=cafe-zoe", ""), id="article-not-utf8"),
    pytest.param(BUILD, edit(S, "on Monday with 12", "on Monday, with 12"),
                 At("ARTICLE_HASH", Y, Line('article_id: "cafe-zoe"'), "article", "sha256"), id="article-edited-after-annotation"),
    pytest.param(BUILD, lambda root: (root / S).unlink(), At("ARTICLE_MISSING", Y, Line('article_id: "cafe-zoe"'), "article", "article_id"),
                 id="article-text-missing"),
    pytest.param(BUILD, lambda root: shutil.copy(root / S, root / "sources/orphan.txt"),
                 At("ARTICLE_MISSING", "sources/orphan.txt", None, "", ""), id="article-text-orphan"),
    pytest.param(BUILD, edit(Y, 'article_id: "cafe-zoe"', 'article_id: "cafe-zoe-2"'),
                 At("BAD_VALUE", Y, Line('article_id: "cafe-zoe-2"'), "article", "article_id"), id="article-id-not-file-name"),
    # --- annotation mistakes that only the built package shows (caught by the validation inside the build)
    pytest.param(STAGED, yaml_set('quote_id: "sf-q01"', "reporting_verb", '"NA"'),
                 At("MISSING_VALUE_COLLISION", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "reporting_verb"),
                 id="annotation-text-NA"),
    pytest.param(STAGED, yaml_set('fact_id: "sf-f001"', "note", '"=HYPERLINK(\\"http://x.test\\")"'),
                 At("FORMULA_TRIGGER", "data/facts.csv", Row("sf-f001"), "fact_id=sf-f001", "note"), id="annotation-formula"),
    pytest.param(STAGED, yaml_copy_record('figure_id: "sf-n01"', figure_id='"sf-n03"', span='"with 12"'),
                 At("OVERLAP", "data/figures.csv", Row("sf-n01"), "figure_id=sf-n01", "start", "overlaps sf-n03"),
                 id="annotation-overlap"),
    pytest.param(STAGED, yaml_drop_record('figure_id: "sf-n02"'),
                 At("COVERAGE_DIGITS", "data/sentences.csv", Row("sf-s03"), "sentence_id=sf-s03", "text", '"40" at 152:154 is in no figure'), id="uncovered-number"),
    pytest.param(STAGED, yaml_drop_record('quote_id: "sf-q01"'),
                 At("COVERAGE_QUOTE_MARKS", "data/sentences.csv", Row("sf-s02"), "sentence_id=sf-s02", "text", f"at {Q_START}:"), id="uncovered-quotation"),
    pytest.param(STAGED, yaml_drop_record('mention_id: "sf-m002"'),
                 At("COVERAGE_NAME", "data/sentences.csv", Row("sf-s01"), "sentence_id=sf-s01", "text", '"Café Zoë" at 17:25 has no mention of cafe-zoe'), id="uncovered-name"),
    pytest.param(STAGED, also(yaml_drop_record('fact_id: "sf-f002"'), yaml_set('figure_id: "sf-n02"', "fact_id", None)),
                 At("COVERAGE_SENTENCE", "data/sentences.csv", Row("sf-s03"), "sentence_id=sf-s03", "text"), id="uncovered-sentence"),
    # --- the built package: bytes, encodings, line endings
    pytest.param(PACKAGE, edit_bytes("data/entities.csv", lambda b: b.replace("A café in".encode(), b"A caf\xe9 in")),
                 At("ENCODING", "data/entities.csv", Row("cafe-zoe"), "", ""), id="csv-not-utf8"),
    pytest.param(PACKAGE, cells("entities", "jose-pena", description=MOJIBAKE),
                 At("MOJIBAKE", "data/entities.csv", Row("jose-pena"), "entity_id=jose-pena", "description"), id="csv-mojibake-a-tilde"),
    pytest.param(PACKAGE, cells("facts", "sf-f002", note="Peñaâ€™s band"),
                 At("MOJIBAKE", "data/facts.csv", Row("sf-f002"), "fact_id=sf-f002", "note", "â€™"), id="csv-mojibake-apostrophe"),
    pytest.param(PACKAGE, edit_bytes("data/quotes.csv", lambda b: b"\xef\xbb\xbf" + b), At("BOM", "data/quotes.csv", 1, "", ""),
                 id="csv-bom"),
    pytest.param(PACKAGE, edit_bytes("data/quotes.csv", lambda b: b.replace(b"\n", b"\r\n")), At("LINE_ENDING", "data/quotes.csv", 1, "", ""),
                 id="csv-crlf"),
    pytest.param(PACKAGE, edit("data/mentions.csv", ",name,\nsf-m002,", ",name,\r\nsf-m002,"),
                 At("LINE_ENDING", "data/mentions.csv", Row("sf-m001"), "", ""), id="csv-mixed-line-endings"),
    # --- CSV structure
    pytest.param(PACKAGE, edit("data/entities.csv", ",A café in Málaga,", ',A café in Má"laga,'),
                 At("CSV_FORMAT", "data/entities.csv", Row("cafe-zoe"), "", "", "stray quote"), id="csv-stray-quote"),
    pytest.param(PACKAGE, edit("data/time_expressions.csv", ",A Monday; the text gives no date.", ',"A Monday; the text gives no date.'),
                 At("CSV_FORMAT", "data/time_expressions.csv", Row("sf-t01"), "", "", "unexpected end of data"), id="csv-unclosed-quote"),
    pytest.param(PACKAGE, edit("data/entities.csv", "no Wikidata item.\njose-pena,", "no Wikidata item.,extra\njose-pena,"),
                 At("CSV_FORMAT", "data/entities.csv", Row("cafe-zoe"), "", "", "7 cells"), id="csv-too-many-cells"),
    pytest.param(PACKAGE, edit("data/mentions.csv", "sf-m004,cafe-zoe,sf-s03,spinal-tap-tribute-band,116,140,Spin\u0308al Tap tribute band,name,\n",
                               "sf-m004,cafe-zoe,sf-s03,spinal-tap-tribute-band,116,140,Spin\u0308al Tap tribute band,name\n"),
                 At("CSV_FORMAT", "data/mentions.csv", Row("sf-m004"), "", "", "8 cells"), id="csv-too-few-cells"),
    pytest.param(PACKAGE, edit("data/mentions.csv", "\nsf-m002,", "\n\nsf-m002,"),
                 At("CSV_FORMAT", "data/mentions.csv", 3, "", "", "blank row"), id="csv-blank-row"),
    pytest.param(PACKAGE, header("quotes", lambda h: (swap(h, 6, 7), lambda r: swap(r, 6, 7))),
                 At("HEADER", "data/quotes.csv", 1, "", ""), id="header-reordered"),
    pytest.param(PACKAGE, header("quotes", lambda h: ([c if c != "text" else "span_text" for c in h], lambda r: r)),
                 At("HEADER", "data/quotes.csv", 1, "", ""), id="header-renamed"),
    pytest.param(PACKAGE, header("quotes", lambda h: (h + ["extra"], lambda r: r + [""])),
                 At("HEADER", "data/quotes.csv", 1, "", ""), id="header-extra-column"),
    pytest.param(PACKAGE, header("quotes", lambda h: (h[:-1], lambda r: r[:-1])),
                 At("HEADER", "data/quotes.csv", 1, "", ""), id="header-missing-column"),
    pytest.param(PACKAGE, header("quotes", lambda h: (h[:-1] + ["text"], lambda r: r)),
                 At("HEADER", "data/quotes.csv", 1, "", ""), id="header-duplicate-column"),
    # --- cells against the schema
    pytest.param(PACKAGE, cells("figures", "sf-n01", approximate="no"),
                 At("CELL_TYPE", "data/figures.csv", Row("sf-n01"), "figure_id=sf-n01", "approximate"), id="wrong-type-boolean"),
    pytest.param(PACKAGE, cells("sentences", "sf-s02", paragraph="two"),
                 At("CELL_TYPE", "data/sentences.csv", Row("sf-s02"), "sentence_id=sf-s02", "paragraph"), id="wrong-type-integer"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", kind="Direct"),
                 At("BAD_CATEGORY", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "kind"), id="csv-bad-enum"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", kind="direct "),
                 At("BAD_CATEGORY", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "kind"), id="csv-bad-enum-trailing-space"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description=""),
                 At("REQUIRED_CELL", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description"), id="empty-required-cell"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", reporting_verb="NA"),
                 At("MISSING_VALUE_COLLISION", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "reporting_verb"), id="text-NA"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", wikidata_note="None"),
                 At("MISSING_VALUE_COLLISION", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "wikidata_note"), id="text-None"),
    pytest.param(PACKAGE, cells("facts", "sf-f001", predicate=" opened"),
                 At("WHITESPACE_EDGE", "data/facts.csv", Row("sf-f001"), "fact_id=sf-f001", "predicate"), id="csv-leading-space"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café in Málaga\u00a0"),
                 At("WHITESPACE_EDGE", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description"), id="csv-trailing-nbsp"),
    pytest.param(PACKAGE, cells("mentions", "sf-m004", mention_id="sf-m4"),
                 At("BAD_PATTERN", "data/mentions.csv", Row("sf-m4"), "mention_id=sf-m4", "mention_id"), id="csv-bad-id-pattern"),
    pytest.param(PACKAGE, cells("figures", "sf-n02", value="41"),
                 At("FIGURE_VALUE", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "value"), id="csv-figure-value-disagrees"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café\u0007 in Málaga"),
                 At("CONTROL_CHARACTER", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description", "U+0007"),
                 id="csv-control-character"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café in \u202eMálaga"),
                 At("CONTROL_CHARACTER", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description", "U+202E"),
                 id="csv-bidi-override"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café\u200b in Málaga"),
                 At("CONTROL_CHARACTER", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description", "U+200B"),
                 id="csv-zero-width-space"),
    pytest.param(PACKAGE, cells("entities", "cafe-zoe", description="A café\u200d in Málaga"),
                 At("CONTROL_CHARACTER", "data/entities.csv", Row("cafe-zoe"), "entity_id=cafe-zoe", "description", "U+200D"),
                 id="csv-stray-zero-width-joiner"),
    *[pytest.param(PACKAGE, cells("facts", "sf-f002", note=value),
                   At("FORMULA_TRIGGER", "data/facts.csv", Row("sf-f002"), "fact_id=sf-f002", "note"), id=f"formula-{name}")
      for name, value in (("equals", "=1+1"), ("plus", "+1 555 0100"), ("minus", "-5 points"), ("at", "@handle"),
                          ("tab", "\tindented"))],
    pytest.param(PACKAGE, edit("data/facts.csv", '"A note with', '"\r=1 A note with'),
                 At("FORMULA_TRIGGER", "data/facts.csv", Row("sf-f002"), "fact_id=sf-f002", "note", 'begins with "\\r"'),
                 id="formula-carriage-return"),
    # --- keys
    pytest.param(PACKAGE, copy_row("entities", "jose-pena"),
                 At("PRIMARY_KEY", "data/entities.csv", Row("jose-pena", 2), "entity_id=jose-pena", ""), id="duplicate-primary-key"),
    pytest.param(PACKAGE, copy_row("mentions", "sf-m001", mention_id="sf-m009"),
                 At("UNIQUE_KEY", "data/mentions.csv", Row("sf-m009"), "mention_id=sf-m009", "article_id,start,end,entity_id"),
                 id="csv-same-annotation-two-ids"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", speaker_id="nobody"),
                 At("FOREIGN_KEY", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", ""), id="dangling-foreign-key"),
    # --- spans in the built package
    pytest.param(PACKAGE, cells("figures", "sf-n01", end=lambda v: str(int(v) - 8)),
                 At("SPAN_OFFSETS", "data/figures.csv", Row("sf-n01"), "figure_id=sf-n01", "end"), id="end-not-after-start"),
    pytest.param(PACKAGE, span("figures", "sf-n02", len(ARTICLE) - 3, len(ARTICLE) + 7, "40 percent"),
                 At("SPAN_OFFSETS", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "end"), id="offsets-past-article"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", text=QUOTE.replace("“", '"').replace("”", '"')),
                 At("SPAN_TEXT_MISMATCH", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "text",
                    "first difference at character 0 (U+201C LEFT DOUBLE QUOTATION MARK vs U+0022 QUOTATION MARK)"),
                 id="text-differs-from-article"),
    pytest.param(PACKAGE, span("mentions", "sf-m004", BAND_START + 1, BAND_START + 1 + len(BAND), BAND),
                 At("SPAN_TEXT_MISMATCH", "data/mentions.csv", Row("sf-m004"), "mention_id=sf-m004", "text"), id="off-by-one"),
    pytest.param(PACKAGE, span("figures", "sf-n02", *offsets("40 percent", "utf-16"), "40 percent"),
                 At("SPAN_TEXT_MISMATCH", "data/figures.csv", Row("sf-n02"), "figure_id=sf-n02", "text"), id="offsets-in-utf16-units"),
    pytest.param(PACKAGE, span("time_expressions", "sf-t01", *offsets("Monday", "utf-8"), "Monday"),
                 At("SPAN_TEXT_MISMATCH", "data/time_expressions.csv", Row("sf-t01"), "timex_id=sf-t01", "text"), id="offsets-in-utf8-bytes"),
    pytest.param(PACKAGE, cells("entities", "jose-pena", description=nfd("Owner of Café Zoë")),
                 At("NOT_NFC", "data/entities.csv", Row("jose-pena"), "", ""), id="csv-nfd-cell"),
    pytest.param(PACKAGE, cells("mentions", "sf-m001", text=nfd("José Peña")),
                 At("SPAN_TEXT_MISMATCH", "data/mentions.csv", Row("sf-m001"), "mention_id=sf-m001", "text"), id="csv-nfd-span-text"),
    pytest.param(PACKAGE, edit(A, "Peña said.", "Peña\rsaid."),
                 At("ARTICLE_TEXT", A, None, "article_id=cafe-zoe", ""), id="package-article-carriage-return"),
    pytest.param(PACKAGE, span("mentions", "sf-m004", BAND_START, BAND_START + 4),
                 At("SPAN_SPLITS_GRAPHEME", "data/mentions.csv", Row("sf-m004"), "mention_id=sf-m004", "start"),
                 id="csv-span-splits-combining-mark"),
    pytest.param(PACKAGE, span("quotes", "sf-q01", Q_START, Q_START + QUOTE.index("\u200d")),
                 At("SPAN_SPLITS_GRAPHEME", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "start"), id="csv-span-splits-zwj-emoji"),
    pytest.param(PACKAGE, span("mentions", "sf-m001", 0, len("José Peña ")),
                 At("SPAN_EDGE_WHITESPACE", "data/mentions.csv", Row("sf-m001"), "mention_id=sf-m001", "text"), id="csv-span-edge-whitespace"),
    pytest.param(PACKAGE, copy_row("mentions", "sf-m001", mention_id="sf-m005", start="5", end="9", text="Peña"),
                 At("OVERLAP", "data/mentions.csv", Row("sf-m005"), "mention_id=sf-m005", "start", "overlaps sf-m001"),
                 id="overlap-nested-mentions"),
    pytest.param(PACKAGE, cells("mentions", "sf-m004", sentence_id="sf-s01"),
                 At("SPAN_OUTSIDE_SENTENCE", "data/mentions.csv", Row("sf-m004"), "mention_id=sf-m004", "sentence_id"),
                 id="span-outside-its-sentence"),
    pytest.param(PACKAGE, span("sentences", "sf-s02", Q_START, ARTICLE.index(" Peña said.")),
                 At("SENTENCE_TILING", "data/sentences.csv", None, "article_id=cafe-zoe", "paragraph"), id="sentences-do-not-tile"),
    # --- the article file, the descriptor and the package as a whole
    pytest.param(PACKAGE, edit(A, "on Monday with", "on Monday and"),
                 At("ARTICLE_HASH", "data/articles.csv", Row("cafe-zoe"), "article_id=cafe-zoe", "sha256"), id="package-article-edited"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", rehashed=False, wording_status="confirmed"),
                 At("RESOURCE_INTEGRITY", "data/quotes.csv", None, "resource=quotes", "hash"), id="stale-hash"),
    pytest.param(PACKAGE, resource("figures", bytes=1),
                 At("RESOURCE_INTEGRITY", "data/figures.csv", None, "resource=figures", "hash", "gives 1 bytes"), id="stale-bytes"),
    pytest.param(PACKAGE, resource("figures", path="/etc/passwd"),
                 At("UNSAFE_PATH", "datapackage.json", None, "resource=figures", "path"), id="unsafe-path-absolute"),
    pytest.param(PACKAGE, resource("figures", path="data/../../figures.csv"),
                 At("UNSAFE_PATH", "datapackage.json", None, "resource=figures", "path"), id="unsafe-path-parent"),
    pytest.param(PACKAGE, resource("quotes", schema={**descriptor_module.table_schema(descriptor_module.TABLES["quotes"]),
                                                     "missingValues": ["", "NA"]}),
                 At("DESCRIPTOR_CONTRACT", "datapackage.json", None, "resource=quotes", "schema", "schema/missingValues"), id="descriptor-missing-values"),
    pytest.param(PACKAGE, descriptor(lambda d: d.update({"$schema": "https://specs.frictionlessdata.io/schemas/data-package.json"})),
                 At("DESCRIPTOR_SCHEMA", "datapackage.json", None, "", "$schema"), id="descriptor-profile"),
    pytest.param(PACKAGE, edit_bytes("datapackage.json", lambda b: b[:-3]),
                 At("DESCRIPTOR_JSON", "datapackage.json", None, "", "", "not strict JSON"), id="descriptor-not-json"),
    pytest.param(COUNTS, drop_row("context", "sf-c01"),
                 At("ROW_COUNT", C, Line("context,"), "table=context", "rows", "context has 0 rows, 1 expected"), id="row-count-drift"),
    # --- committed outputs that a fresh build would not write (`make check`)
    pytest.param(CHECK, yaml_set('entity_id: "cafe-zoe"', "description", '"A small café in Málaga"', file=E),
                 At("DESCRIPTOR_DRIFT", "data/entities.csv", None, "", ""), id="outputs-not-rebuilt"),
    pytest.param(CHECK, edit("data/figures.csv", ",cooks,", ",cooks (hand-edited),", rehashed=False),
                 At("DESCRIPTOR_DRIFT", "data/figures.csv", None, "", ""), id="output-edited-by-hand"),
    pytest.param(CHECK, lambda root: (root / "data/old.csv").write_text("a\n", encoding="utf-8"),
                 At("DESCRIPTOR_DRIFT", "data/old.csv", None, "", ""), id="output-left-over"),
    # attribution, factuality and time (scripts/attribution.py)
    pytest.param(BUILD, yaml_set('quote_id: "sf-q01"', "cue", '"sayd"'),
                 At("SPAN_NOT_FOUND", Y, Line('quote_id: "sf-q01"'), "quote_id=sf-q01", "cue"), id="cue-not-in-text"),
    pytest.param(BUILD, yaml_set('tlink_id: "sf-l01"', "target_id", '"sf-e09"'),
                 At("TLINK_ENDPOINT", Y, Line('tlink_id: "sf-l01"'), "tlink_id=sf-l01", "target_id", "sf-e09"), id="tlink-to-nothing"),
    pytest.param(PACKAGE, cells("quotes", "sf-q01", cue_text="says"),
                 At("CUE_SPAN", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "cue_text", '"says"'), id="cue-not-verbatim"),
    pytest.param(STAGED, yaml_set('quote_id: "sf-q01"', "source_mention_id", '"sf-m004"'),
                 At("SOURCE_MENTION", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "source_mention_id", "spinal-tap"),
                 id="source-mention-of-another-entity"),
    pytest.param(STAGED, yaml_set('quote_id: "sf-q01"', "parent_quote_id", '"sf-q01"'),
                 At("QUOTE_NESTING", "data/quotes.csv", Row("sf-q01"), "quote_id=sf-q01", "parent_quote_id"), id="quote-nested-in-itself"),
    pytest.param(STAGED, yaml_set('fact_id: "sf-f002"', "author_factuality", '"Uu"'),
                 At("FACTUALITY_VOICE", "data/facts.csv", Row("sf-f002"), "fact_id=sf-f002", "author_factuality"),
                 id="author-factuality-in-the-authors-own-voice"),
    pytest.param(STAGED, yaml_set('fact_id: "sf-f001"', "gloss", "true"),
                 At("GLOSS_FLAG", "data/facts.csv", Row("sf-f001"), "fact_id=sf-f001", "gloss", "every word"), id="gloss-flag-wrong"),
    pytest.param(STAGED, yaml_set('event_id: "sf-e01"', "part_of_event_id", '"sf-e01"'),
                 At("EVENT_PART_OF", "data/events.csv", Row("sf-e01"), "event_id=sf-e01", "part_of_event_id"), id="event-part-of-itself"),
]


def build_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m scripts.build` run on root, with a copy of scripts/ placed there (the CLI builds its own repository)."""
    if not (root / "scripts").exists():
        shutil.copytree(REPO / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    return subprocess.run([sys.executable, "-m", "scripts.build", *args], cwd=root, capture_output=True, text=True,
                          encoding="utf-8")


PRINTED = re.compile(r"(?P<file>[^\s:]+)(?::(?P<line>\d+))? (?:(?P<key>\S+=\S+) )?(?:field=(?P<field>\S+) )?"
                     r"\[(?P<code>[A-Z_]+)\] (?P<message>.*?)\. Fix: (?P<fix>.*)")


def printed_problems(stderr: str) -> list[Problem]:
    """Problems parsed back from their printed form (each line must be in the one error format)."""
    found = []
    for text in stderr.splitlines():
        match = PRINTED.fullmatch(text)
        assert match, f"not in the error format: {text!r}"
        line = int(match["line"]) if match["line"] else None
        found.append(Problem(match["file"], line, match["key"] or "", match["field"] or "", match["code"], match["message"], match["fix"]))
    return found


def problems_of(stage: str, root: Path) -> tuple[list[Problem], dict[str, bytes] | None]:
    """The problems a stage reports, plus the built files where the package is gone (for line numbers)."""
    if stage == PACKAGE:
        return validate(root, root), None
    if stage == COUNTS:
        return counts.check(root), None
    if stage == CHECK:
        result = build_cli(root, "--check")
        assert result.returncode == 1
        return printed_problems(result.stderr), None
    files = build(root) if stage == STAGED else None
    with pytest.raises(ProblemsFound) as found:
        build(root) if stage == BUILD else build_and_validate(root)
    return found.value.problems, files


@pytest.mark.parametrize("stage,corrupt,at", CATALOGUE)
def test_corruption_is_caught(stage, corrupt, at, request):
    root = request.getfixturevalue("second_package" if stage in (PACKAGE, COUNTS) else "second_article")
    if stage == CHECK:
        assert build_cli(root).returncode == 0 and build_cli(root, "--check").returncode == 0
    corrupt(root)
    problems, files = problems_of(stage, root)
    line = line_number(root, at, files)
    where = (at.code, at.file, line, at.key, at.field)
    listing = "\n".join(str(p) for p in problems)
    hits = [p for p in problems if (p.code, p.file, p.line, p.key, p.field) == where]
    assert hits, f"expected {where}, got:\n{listing}"
    assert any(at.message in p.message for p in hits), f"no {where} message contains {at.message!r}:\n{listing}"
    text = str(hits[0])
    located = f"{at.file}:{line}" if line is not None else at.file
    assert text.startswith((located + " ", located + ":")), text
    assert f"[{at.code}] " in text and ". Fix: " in text


def test_catalogue_size_and_codes():
    """At least 40 classes, and every code the catalogue expects is a documented code."""
    assert len(CATALOGUE) >= 40
    ids = [p.id for p in CATALOGUE]
    assert len(ids) == len(set(ids))
    assert {p.values[2].code for p in CATALOGUE} <= set(CODES)


def test_clean_fixture_raises_nothing(second_article):
    files = build_and_validate(second_article)
    assert validate(second_article, second_article) == []
    assert files == build(second_article)


def test_every_problem_is_reported_at_once(second_article):
    """Problems are collected, not just the first: three mistakes in three records give three problems."""
    yaml_set('quote_id: "sf-q01"', "kind", '"Direct"')(second_article)
    yaml_set('figure_id: "sf-n02"', "unit", '"percentage"')(second_article)
    yaml_set('mention_id: "sf-m004"', "entity_id", '"nobody"')(second_article)
    with pytest.raises(ProblemsFound) as found:
        build(second_article)
    got = {(p.code, p.key, p.field) for p in found.value.problems}
    assert {("BAD_CATEGORY", "quote_id=sf-q01", "kind"), ("BAD_CATEGORY", "figure_id=sf-n02", "unit")} <= got
    assert len(found.value.problems) >= 2
    assert str(found.value).count("\n") == len(found.value.problems) - 1


def test_unknown_key_suggests_the_nearest_name(second_article):
    edit(Y, '    speaker_id: "jose-pena"', '    speeker_id: "jose-pena"')(second_article)
    with pytest.raises(ProblemsFound) as found:
        build(second_article)
    unknown = [p for p in found.value.problems if p.code == "UNKNOWN_KEY"]
    assert len(unknown) == 1 and "did you mean `speaker_id`?" in str(unknown[0])


def test_error_format(second_package):
    """The one error format: file:line key field [CODE] message. Fix: ..."""
    cells("quotes", "sf-q01", text=QUOTE.replace("”", '"'))(second_package)
    problems = [p for p in validate(second_package, second_package) if p.code == "SPAN_TEXT_MISMATCH"]
    assert [str(p) for p in problems] == [
        f'data/quotes.csv:2 quote_id=sf-q01 field=text [SPAN_TEXT_MISMATCH] article[{Q_START}:{Q_START + len(QUOTE)}]="{QUOTE}" '
        f'!= text="{QUOTE[:-1]}""; first difference at character {len(QUOTE) - 1} '
        f'(U+201D RIGHT DOUBLE QUOTATION MARK vs U+0022 QUOTATION MARK). Fix: {CODES["SPAN_TEXT_MISMATCH"][1]}'
    ]


def test_validate_exits_non_zero(second_package, capsys):
    assert validate_main([str(second_package)]) == 0
    cells("quotes", "sf-q01", reporting_verb="None")(second_package)
    assert validate_main([str(second_package)]) == 1
    err = capsys.readouterr().err
    assert "data/quotes.csv:2 quote_id=sf-q01 field=reporting_verb [MISSING_VALUE_COLLISION]" in err
    assert "data/quotes.csv [DESCRIPTOR_DRIFT] differs from a fresh build" in err  # a hand edit, in a repository
    assert err.rstrip().endswith("invalid: 3 problem(s)")  # the cell, and the CSV and descriptor that differ from a build


def test_outputs_committed_without_a_rebuild(second_article):
    """`python -m scripts.build --check` names every output that differs from a fresh build, with a non-zero exit."""
    assert build_cli(second_article).returncode == 0
    assert build_cli(second_article, "--check").returncode == 0
    yaml_set('entity_id: "cafe-zoe"', "description", '"A small café in Málaga"', file=E)(second_article)
    (second_article / "data" / "leftover.csv").write_text("a\n", encoding="utf-8")
    result = build_cli(second_article, "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{rel} [DESCRIPTOR_DRIFT] differs from a fresh build. Fix: run `make build` and commit the result"
        for rel in ("build-record.json", "data/entities.csv", "data/leftover.csv", "datapackage.json")]
