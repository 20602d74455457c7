"""Strict loader for the hand-written annotation files.

YAML 1.2 (ruamel), duplicate keys rejected, every key checked against the table's
columns (with the nearest valid name suggested), every value type-checked against
its field definition, so that no YAML 1.1 coercion (`No` -> False, `010` -> 8)
reaches the data.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import sys
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import regex

from scripts.contract import lexical
from scripts.contract.encoding import confusable, invisible
from scripts.contract.paths import MAX_CELL_CHARS
from scripts.contract.fields import TABLES, Field, field_for
from scripts.contract.problems import Problem, show
from scripts.annotations.spans import SpanSpec
from scripts.annotations.yaml_reader import read_yaml

DERIVED = {"article_id", "sentence_id", "start", "end", "text", "cue_start", "cue_end", "cue_text", "source_type"}
ARTICLE_KEYS = ("article_id", "id_prefix", "language", "sha256", "title", "publisher", "url", "published", "note")
PACKAGE_KEYS = ("name", "title", "description", "version", "created", "homepage", "keywords", "contributors",
                "licenses", "sources", "text_license")
TOP_KEYS = ("article", "sentence_overrides", "entities", *[name for name, t in TABLES.items() if t.annotated])
REGISTRY = "annotations/entities.yaml"  # the corpus-level entity registry
ROLE_KEYS = ("entity_id", "role")  # what an article file says of an entity; who the entity is lives in REGISTRY
SPAN_KEYS = ("text", "occurrence", "after")
ID_PREFIX_PATTERN = r"^[a-z][a-z0-9]*$"
PLAIN_DECIMAL = regex.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")
# A thousand articles mean millions of values: each field definition and pattern is looked up and compiled once.
_field = functools.cache(field_for)
_pattern = functools.cache(regex.compile)


@functools.cache
def _required(table_name: str) -> tuple[str, ...]:
    return tuple(f.name for f in TABLES[table_name].fields if f.required and f.name not in DERIVED)


@dataclass(slots=True)  # a corpus holds hundreds of thousands: no per-record __dict__
class Record:
    table: str
    values: dict[str, Any]
    span: SpanSpec | None
    file: str
    line: int
    cue: SpanSpec | None = None  # the attribution or temporal cue, for tables with cue_start/cue_end/cue_text
    lines: dict[str, int] = field(default_factory=dict)  # the line of each key, for messages about generated cells

    @property
    def key(self) -> str:
        pk = TABLES[self.table].primary_key
        return f"{pk}={self.values.get(pk, '?')}"


@dataclass
class ArticleAnnotation:
    file: str
    article: dict[str, Any]
    splits: list[tuple[SpanSpec, int]] = field(default_factory=list)
    joins: list[tuple[SpanSpec, int]] = field(default_factory=list)
    records: dict[str, list[Record]] = field(default_factory=dict)
    line: int = 1
    roles: list[Record] = field(default_factory=list)  # the `entities:` list: registry IDs and this article's roles
    article_lines: dict[str, int] = field(default_factory=dict)  # the line of each key of `article:`

    @property
    def article_id(self) -> str:
        return self.article.get("article_id", "")

    @property
    def id_prefix(self) -> str:
        return self.article.get("id_prefix", "")


class Reader:
    """Collects problems while reading one file."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, line, key, fld, code, message, fix=""):
        self.problems.append(Problem(self.file, line, key, fld, code, message, fix))

    def keys(self, mapping, allowed, line, key, required=()):
        for name in mapping:
            if name not in allowed:
                near = difflib.get_close_matches(str(name), allowed, n=1)
                fix = f"did you mean `{near[0]}`? Valid keys: {', '.join(allowed)}" if near else f"valid keys: {', '.join(allowed)}"
                self.problem(line_of(mapping, name, line), key, str(name), "UNKNOWN_KEY", f"unknown key `{name}`", fix)
        for name in required:
            if name not in mapping:
                self.problem(line, key, name, "MISSING_KEY", f"required key `{name}` is missing")

    def value(self, fld: Field, raw: Any, line: int, key: str) -> Any:
        """The value converted to its Python type, or None after recording a problem."""
        def bad(code, message, fix=""):
            self.problem(line, key, fld.name, code, message, fix)

        if raw is None:
            if fld.required:
                bad("MISSING_KEY", f"`{fld.name}` is required but empty")
            return None
        if fld.type == "boolean":
            if type(raw) is not bool:
                return bad("WRONG_TYPE", f"expected true or false, got {_kind(raw)} {show(str(raw))}")
            return raw
        if fld.type == "integer":
            if isinstance(raw, bool) or not isinstance(raw, int):
                return bad("WRONG_TYPE", f"expected a whole number, got {_kind(raw)} {show(str(raw))}")
            value = int(raw)
        elif fld.type == "number":
            if isinstance(raw, bool) or not isinstance(raw, (int, str)):
                return bad("BAD_NUMBER", f"expected a quoted decimal, got {_kind(raw)}, which YAML reads as {show(str(raw))}",
                           "write the number in quotes exactly as a decimal, e.g. '50'; YAML floats lose digits")
            if isinstance(raw, int) and type(raw) is not int:
                # ruamel marks 012, 0o14, 0x0C and 1_2 with int subclasses; YAML 1.1 readers (PyYAML) read 012 as 10
                return bad("BAD_NUMBER", f"the number (read as {int(raw)}) is written with a leading zero, a base prefix or underscores",
                           "write the number in quotes exactly as a decimal, e.g. '12'")
            if isinstance(raw, str) and not PLAIN_DECIMAL.fullmatch(raw):
                # Decimal() would also take " 12", "1e5", "1_000", "NaN" and "012"
                return bad("BAD_NUMBER", f"{show(raw)} is not a plain decimal (digits, an optional minus sign and decimal point)")
            try:
                value = Decimal(str(raw))
            except InvalidOperation:
                return bad("BAD_NUMBER", f"{show(str(raw))} is not a decimal number")
            if not value.is_finite():
                return bad("BAD_NUMBER", f"{show(str(raw))} is not a finite number")
        else:
            if not isinstance(raw, str):
                return bad("WRONG_TYPE", f"expected text, got {_kind(raw)} {show(str(raw))} (YAML read it as {_kind(raw)})",
                           "put the value in quotes")
            value = str(raw)
            if not self.text(value, line, key, fld.name):
                return None
            if fld.pattern and not _pattern(fld.pattern).fullmatch(value):
                return bad("BAD_PATTERN", f"{show(value)} does not match the pattern {fld.pattern}")
            wrong = lexical.check(fld.type, fld.grammar, value)
            if wrong:
                return bad("LEXICAL_FORM", wrong)
        if fld.categories and str(value) not in fld.enum:
            near = difflib.get_close_matches(str(value).strip(), fld.enum, n=1)
            hint = f"did you mean `{near[0]}`? " if near else ""
            return bad("BAD_CATEGORY", f"{show(str(value))} is not an allowed value", f"{hint}allowed: {', '.join(fld.enum)}")
        if fld.minimum is not None and value < fld.minimum:
            return bad("BAD_VALUE", f"{value} is below the minimum {fld.minimum}")
        return value

    def text(self, value: str, line: int, key: str, name: str) -> bool:
        """Text hygiene shared by every string: within the cell cap, non-empty, trimmed, NFC, no invisible characters."""
        if len(value) > MAX_CELL_CHARS:
            self.problem(line, key, name, "CELL_TOO_LARGE",
                         f"the value holds {len(value):,} characters, above the cap of {MAX_CELL_CHARS:,} for one cell")
            return False
        if value == "":
            self.problem(line, key, name, "EMPTY_VALUE", "the value is an empty string")
            return False
        if value != value.strip():
            self.problem(line, key, name, "WHITESPACE_EDGE", f"{show(value)} begins or ends with white space")
            return False
        if unicodedata.normalize("NFC", value) != value:
            self.problem(line, key, name, "NOT_NFC", f"{show(value)} is not in NFC")
            return False
        hidden = invisible(value)
        if hidden:
            self.problem(line, key, name, "CONTROL_CHARACTER", hidden)
            return False
        deceptive = confusable(value)
        if deceptive:
            self.problem(line, key, name, "CONFUSABLE", deceptive)
            return False
        return True

    def span(self, raw: Any, line: int, key: str) -> SpanSpec | None:
        if isinstance(raw, str):
            raw = {"text": raw}
        if not isinstance(raw, dict):
            self.problem(line, key, "span", "WRONG_TYPE", f"expected the span's text or a mapping, got {_kind(raw)}")
            return None
        self.keys(raw, SPAN_KEYS, line, key, required=("text",))
        text, occurrence, after = raw.get("text"), raw.get("occurrence"), raw.get("after")
        if text == "":
            self.problem(line_of(raw, "text", line), key, "span", "EMPTY_VALUE", "the span's text is empty",
                         "copy the words of the article the row stands for into `text`")
            return None
        if not isinstance(text, str):
            self.problem(line, key, "span", "WRONG_TYPE", "the span's text must be non-empty quoted text")
            return None
        if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1):
            self.problem(line_of(raw, "occurrence", line), key, "span.occurrence", "WRONG_TYPE", f"occurrence must be a whole number from 1, got {show(str(occurrence))}",
                         "write the occurrence as a whole number counted from 1 (occurrence: 1 is the first), or leave it out "
                         "when the text occurs once")
            return None
        if after == "":
            self.problem(line_of(raw, "after", line), key, "span.after", "EMPTY_VALUE", "`after` is empty, so it picks no occurrence",
                         "give the words just before the span's text in `after`, or remove `after` (and give `occurrence` "
                         "when the text occurs more than once)")
            return None
        if after is not None and not isinstance(after, str):
            self.problem(line, key, "span.after", "WRONG_TYPE", "`after` must be non-empty quoted text")
            return None
        return SpanSpec(str(text), int(occurrence) if occurrence is not None else None, str(after) if after is not None else None)


def line_of(mapping, name, default):
    try:
        return mapping.lc.key(name)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return default


def start_line(node, default=1):
    try:
        return node.lc.line + 1
    except AttributeError:
        return default


def _kind(raw: Any) -> str:
    if isinstance(raw, bool):
        return "a boolean"
    if isinstance(raw, int):
        return "a whole number"
    if isinstance(raw, float):
        return "a floating-point number"
    if isinstance(raw, (datetime.date, datetime.datetime)):
        return "a date"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, dict):
        return "a mapping"
    return type(raw).__name__


def load_article(path: Path, rel: str, inline_entities: bool = False) -> tuple[ArticleAnnotation | None, list[Problem]]:
    """Read one article's annotation file into typed records. inline_entities is for a blind second annotation
    (annotations/agreement/), whose annotator defines entities in the file instead of using the registry."""
    doc, problems = read_yaml(path, rel)
    if doc is None:
        return None, problems
    reader = Reader(rel)
    if not isinstance(doc, dict):
        reader.problem(1, "", "", "WRONG_TYPE", "the file must be a mapping with an `article` key")
        return None, reader.problems
    reader.keys(doc, TOP_KEYS, 1, "", required=("article",))
    ann = ArticleAnnotation(rel, {})
    meta = doc.get("article")
    if isinstance(meta, dict):
        line = start_line(meta)
        ann.line = line
        reader.keys(meta, ARTICLE_KEYS, line, "article", required=("article_id", "id_prefix", "language", "sha256"))
        for name in ARTICLE_KEYS:
            if name in meta:
                fld = Field(name, "string", "", True, pattern=ID_PREFIX_PATTERN) if name == "id_prefix" else _field("articles", name)
                ann.article[name] = reader.value(fld, meta[name], line_of(meta, name, line), "article")
                ann.article_lines[name] = line_of(meta, name, line)
    for item in doc.get("sentence_overrides") or []:
        line = start_line(item)
        if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in ("split_after", "join"):
            reader.problem(line, "sentence_overrides", "", "UNKNOWN_KEY", "each override is `split_after: <span>` or `join: <span>`")
            continue
        kind, raw = next(iter(item.items()))
        spec = reader.span(raw, line, f"sentence_overrides.{kind}")
        if spec:
            (ann.splits if kind == "split_after" else ann.joins).append((spec, line))
    if inline_entities:
        ann.records["entities"] = [r for r in (_record(reader, TABLES["entities"], item) for item in doc.get("entities") or []) if r]
    else:
        ann.roles = _roles(reader, doc)
    for name, table in TABLES.items():
        if not table.annotated:
            continue
        items = doc.get(name) or []
        if not isinstance(items, list):
            reader.problem(line_of(doc, name, 1), "", name, "WRONG_TYPE", f"`{name}` must be a list of records")
            continue
        ann.records[name] = [r for r in (_record(reader, table, item) for item in items) if r]
    if not reader.problems and not any(ann.records.get(name) for name in ("mentions", "quotes", "facts")):
        reader.problem(1, "", "", "NO_ANNOTATIONS", "the file has no mention, quote or fact, so the article would carry no data")
    return ann, reader.problems


def _roles(reader: Reader, doc: dict) -> list[Record]:
    """The article's `entities:` list: each item names a registry entity and the role this article gives it.
    An item that says who the entity is (name, type, description, Wikidata) is one ENTITY_REDEFINED problem."""
    items = doc.get("entities") or []
    if not isinstance(items, list):
        reader.problem(line_of(doc, "entities", 1), "", "entities", "WRONG_TYPE", "`entities` must be a list of {entity_id, role}")
        return []
    roles = []
    for item in items:
        line = start_line(item)
        if not isinstance(item, dict):
            reader.problem(line, "", "entities", "WRONG_TYPE", "each entry of `entities` must be a mapping {entity_id, role}")
            continue
        key = f"entity_id={item.get('entity_id', '?')}"
        registry_keys = [k for k in item if k in TABLES["entities"].columns and k != "entity_id"]
        if registry_keys:
            reader.problem(line, key, ",".join(map(str, registry_keys)), "ENTITY_REDEFINED",
                           f"`{item.get('entity_id', '?')}` is defined here with {', '.join(map(str, registry_keys))}; "
                           f"who an entity is belongs in {REGISTRY}, an article file gives only entity_id and role",
                           f"move {', '.join(map(str, registry_keys))} to the entity's record in {REGISTRY} (or delete them if "
                           f"it is there already) and keep `entity_id` and this article's `role` here")
            continue
        reader.keys(item, ROLE_KEYS, line, key, required=ROLE_KEYS)
        values = {column: reader.value(field_for("article_entities", column), item[column], line_of(item, column, line), key)
                  for column in ROLE_KEYS if column in item}
        roles.append(Record("article_entities", values, None, reader.file, line, lines={str(k): line_of(item, k, line) for k in item}))
    return roles


def load_registry(path: Path, rel: str = REGISTRY) -> tuple[list[Record], list[Problem]]:
    """The corpus-level entity registry: who each entity is, independent of any article."""
    if not path.is_file():
        return [], [Problem(rel, None, "", "", "ARTICLE_MISSING", f"there is no entity registry at {rel}",
                            f"create {rel} with a list `entities:` of entity_id, name, type, description, wikidata_note")]
    doc, problems = read_yaml(path, rel)
    if doc is None:
        return [], problems
    reader = Reader(rel)
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        reader.problem(1, "", "entities", "WRONG_TYPE", "the registry must be a mapping with a list `entities`")
        return [], reader.problems
    reader.keys(doc, ("entities",), 1, "")
    records = [r for r in (_record(reader, TABLES["entities"], item) for item in doc["entities"]) if r]
    return records, reader.problems


def _record(reader: Reader, table, item) -> Record | None:
    line = start_line(item)
    if not isinstance(item, dict):
        reader.problem(line, "", table.name, "WRONG_TYPE", f"each entry of `{table.name}` must be a mapping")
        return None
    has_span, has_cue = "start" in table.columns, "cue_start" in table.columns
    allowed = [c for c in table.columns if c not in DERIVED] + (["span"] if has_span else []) + (["cue"] if has_cue else [])
    key = f"{table.primary_key}={item.get(table.primary_key, '?')}"
    required = [*_required(table.name)]
    reader.keys(item, allowed, line, key, required=required + (["span"] if has_span and table.span_required else []))
    values = {}
    for column in table.columns:
        if column in item and column not in DERIVED:
            values[column] = reader.value(_field(table.name, column), item[column], line_of(item, column, line), key)
    span = reader.span(item["span"], line_of(item, "span", line), key) if has_span and "span" in item else None
    cue = reader.span(item["cue"], line_of(item, "cue", line), key) if has_cue and "cue" in item else None
    lines = {sys.intern(str(name)): line_of(item, name, line) for name in item}  # one copy of each key name in memory
    return Record(table.name, values, span, reader.file, line, cue, lines)


def load_package_meta(path: Path, rel: str) -> tuple[dict, list[Problem]]:
    """The package-level metadata (name, version, licences ...), kept as plain JSON-like data."""
    doc, problems = read_yaml(path, rel)
    if doc is None:
        return {}, problems
    reader = Reader(rel)
    if not isinstance(doc, dict):
        reader.problem(1, "", "", "WRONG_TYPE", "the file must be a mapping")
        return {}, reader.problems
    reader.keys(doc, PACKAGE_KEYS, 1, "package", required=("name", "title", "description", "version", "created", "licenses", "text_license"))
    plain = _plain(doc, reader)
    for name, shape in PACKAGE_SHAPES.items():  # the Data Package shape of each key, before anything reads it
        value = plain.get(name)
        if name in plain and not _has_shape(value, shape):
            reader.problem(line_of(doc, name, 1), "package", name, "WRONG_TYPE", f"`{name}` must be {SHAPE_WORDS[shape]}, "
                           f"got {_kind(value)} {show(str(value))}", f"write it as {SHAPE_WORDS[shape]}, for example "
                           f"{name}: {SHAPE_EXAMPLES.get(name, chr(34) + '...' + chr(34))}")
            plain[name] = {"text": "", "list of text": [], "list of mappings": [], "mapping": {}}[shape]
    mistyped = {p.field for p in reader.problems if p.code == "WRONG_TYPE"}  # said once: no pattern problem besides
    version = plain.get("version")
    if "version" not in mistyped and not (isinstance(version, str) and lexical.VERSION.fullmatch(version)):
        reader.problem(line_of(doc, "version", 1), "package", "version", "BAD_PATTERN", f"{show(str(version))} is not a SemVer version MAJOR.MINOR.PATCH")
    created = plain.get("created")
    if "created" not in mistyped and not (isinstance(created, str) and regex.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", created)):
        reader.problem(line_of(doc, "created", 1), "package", "created", "BAD_PATTERN", f"{show(str(created))} is not a quoted UTC timestamp such as '2026-11-28T00:00:00Z'")
    return plain, reader.problems


PACKAGE_SHAPES = {"name": "text", "title": "text", "description": "text", "version": "text", "created": "text",
                  "homepage": "text", "keywords": "list of text", "contributors": "list of mappings",
                  "licenses": "list of mappings", "sources": "list of mappings", "text_license": "mapping"}
SHAPE_WORDS = {"text": "quoted text", "list of text": "a list of quoted texts (`- \"...\"` lines)",
               "list of mappings": "a list of mappings (`- name: ...` entries)", "mapping": "a mapping (`key: value` lines)"}


SHAPE_EXAMPLES = {
    "keywords": '["news", "Mexico"]',
    "contributors": '[{title: "A. Name", roles: ["creator"]}]',
    "licenses": '[{name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/", title: "Creative Commons Attribution 4.0"}]',
    "sources": '[{title: "The article", path: "https://example.org/article"}]',
    "text_license": '{name: "other-closed", title: "the article text remains its publisher\'s copyright"}',
}


def _has_shape(value, shape: str) -> bool:
    if shape == "text":
        return isinstance(value, str)
    if shape == "mapping":
        return isinstance(value, dict)
    wanted = str if shape == "list of text" else dict
    return isinstance(value, list) and all(isinstance(item, wanted) for item in value)


PACKAGE_EXAMPLES = {"version": '"2.0.0"', "created": '"2026-11-28T00:00:00Z"'}  # fields whose text has a form


def _plain(node, reader: Reader, field: str = "", line: int | None = None):
    """ruamel's round-trip objects turned into dict/list/str, rejecting any non-text scalar at its line and field
    (a dotted path such as `licenses.0.name`)."""
    if isinstance(node, dict):
        return {str(k): _plain(v, reader, f"{field}.{k}" if field else str(k), line_of(node, k, line)) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v, reader, f"{field}.{i}", _item_line(node, i, line)) for i, v in enumerate(node)]
    if isinstance(node, str):
        return str(node)
    example = PACKAGE_EXAMPLES.get(field, f'"{node}"')
    reader.problem(line, "package", field, "WRONG_TYPE", f"expected text, got {_kind(node)} {show(str(node))}",
                   f"write it as quoted text: {field}: {example}" if field else "put the value in quotes")
    return str(node)


def _item_line(sequence, index: int, default):
    try:
        return sequence.lc.item(index)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return default
