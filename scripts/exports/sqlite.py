"""SQLite: one table per table resource, plus the article texts, typed and constrained by the schema.

Built with sqlite-utils. Column types, primary keys, NOT NULL, unique indexes, foreign keys and full-text search
use its public API. sqlite-utils 4.2 renders CHECK constraints only through ``create_table_sql(_checks=...)``
(the path its own ``transform()`` uses), so the checks go through that; a test shows each one rejecting a bad
row in plain sqlite3. Regular-expression patterns are not translated (plain SQLite has no REGEXP function);
the validator checks them on the CSVs.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import sqlite_utils
from sqlite_utils.create_table_parser import Check
from sqlite_utils.db import quote_identifier

from scripts.contract.exports import FULL_TEXT
from scripts.contract.reader import BuiltPackage as Package

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
TYPEOF = {"integer": ("integer",), "number": ("integer", "real"), "boolean": ("integer",)}
TEXTS_TABLE = "article_texts"
VIEWS = {
    "quotes_with_speakers": (
        "Every quote with its speaker's name and the text of the sentence that holds it.",
        """SELECT q.quote_id, q.article_id, q.kind, q.text AS quote, q.speaker_id, e.name AS speaker,
       q.reporting_verb, q.channel, q.wording_status, q.event_id, q.start, q."end",
       q.sentence_id, s.text AS sentence
FROM quotes AS q
LEFT JOIN entities AS e ON e.entity_id = q.speaker_id
JOIN sentences AS s ON s.sentence_id = q.sentence_id
ORDER BY q.article_id, q.start"""),
    "facts_with_claimants": (
        "Every fact with the names of its claimant (empty: the article's own voice), subject entity and object entity.",
        """SELECT f.fact_id, f.article_id, f.text, f.subject, f.predicate, f.object, f.factuality, f.author_factuality, f.basis, f.polarity,
       f.claimant_id, c.name AS claimant, f.subject_id, s.name AS subject_entity, f.object_id, o.name AS object_entity,
       f.reporting_verb, f.event_id, f.quote_id, f.start, f."end", f.sentence_id
FROM facts AS f
LEFT JOIN entities AS c ON c.entity_id = f.claimant_id
LEFT JOIN entities AS s ON s.entity_id = f.subject_id
LEFT JOIN entities AS o ON o.entity_id = f.object_id
ORDER BY f.article_id, f.start"""),
    "events_with_actors": (
        "Every event with the names of its actor and recipient, its CAMEO code with the CAMEO 1.1b3 label, and its PLOVER type and mode.",
        """SELECT ev.event_id, ev.article_id, ev.text, ev.description, ev.cameo_code, k.label AS cameo_label, ev.plover_type,
       ev.plover_mode, ev.plover_exception, ev.actor_id, a.name AS actor, ev.recipient_id, r.name AS recipient, ev.date, ev.timex_id,
       ev.start, ev."end", ev.sentence_id
FROM events AS ev
JOIN entities AS a ON a.entity_id = ev.actor_id
LEFT JOIN entities AS r ON r.entity_id = ev.recipient_id
LEFT JOIN cameo_codes AS k ON k.code = ev.cameo_code
ORDER BY ev.article_id, ev.start"""),
}


# the text-free variant has no text column: each view shows the span's sha256 in its place
TEXT_FREE_VIEW_COLUMNS = {"q.text AS quote": "q.text_sha256 AS quote_sha256", "s.text AS sentence": "s.text_sha256 AS sentence_sha256",
                          "f.text,": "f.text_sha256,", "ev.text,": "ev.text_sha256,"}


def views(text_free: bool) -> dict[str, tuple[str, str]]:
    """The views, by name: (description, SQL); in the text-free variant, with the hash columns."""
    if not text_free:
        return VIEWS
    out = {}
    for name, (description, sql) in VIEWS.items():
        for full, free in TEXT_FREE_VIEW_COLUMNS.items():
            sql = sql.replace(full, free)
        out[name] = (description.replace("the text of the sentence", "the sha256 of the sentence"), sql)
    return out


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def column_checks(fld: dict) -> list[Check]:
    """CHECK constraints that plain sqlite3 runs: storage type of numbers, allowed values, minimum."""
    name, kind = fld["name"], fld["type"]
    column = quote_identifier(name)
    constraints = fld.get("constraints", {})
    checks = []
    if kind != "string":  # TEXT affinity already stores every value as text
        checks.append(f"typeof({column}) IN ({', '.join(_literal(t) for t in (*TYPEOF[kind], 'null'))})")
    if kind == "boolean":
        checks.append(f"{column} IN (0, 1)")
    if "enum" in constraints:
        checks.append(f"{column} IN ({', '.join(_literal(v) for v in constraints['enum'])})")
    if "minimum" in constraints:
        checks.append(f"{column} >= {int(constraints['minimum'])}")
    return [Check(check=check, column=name) for check in checks]


def span_checks(columns: list[str]) -> list[Check]:
    """A span ends after it starts, and its text is exactly end - start code points long (SQLite counts characters)."""
    if not {"start", "end", "text"} <= set(columns):
        return []
    return [Check(check='"end" > "start"'), Check(check='length("text") = "end" - "start"')]


def _value(value):
    return float(value) if isinstance(value, Decimal) else value


def _create(db: sqlite_utils.Database, name: str, fields: list[dict], primary_key: list[str], extra_checks=()) -> None:
    columns = {f["name"]: SQL_TYPES[f["type"]] for f in fields}
    not_null = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    checks = [check for f in fields for check in column_checks(f)] + list(extra_checks)
    db.execute(db.create_table_sql(name, columns, pk=primary_key[0] if len(primary_key) == 1 else tuple(primary_key),
                                   not_null=not_null, _checks=checks))


def write(package: Package, path: Path) -> Path:
    """Write the database to path (replacing it) and return path."""
    if path.exists():
        path.unlink()
    db = sqlite_utils.Database(path)
    foreign_keys = []
    for table in package.tables:
        name = table.name
        _create(db, name, table.fields, table.primary_key, span_checks(table.columns))
        for key in table.unique_keys:
            db[name].create_index(key, unique=True)
        for fields, resource, others in table.foreign_keys:
            for column, other in zip(fields, others, strict=True):
                foreign_keys.append((name, column, resource, other))
    text_fields = [{"name": "article_id", "type": "string", "constraints": {"required": True}},
                   {"name": "resource", "type": "string", "constraints": {"required": True}},
                   {"name": "path", "type": "string", "constraints": {"required": True}},
                   {"name": "text", "type": "string", "constraints": {"required": True}}]
    if not package.text_free:  # the text-free variant holds no article text
        _create(db, TEXTS_TABLE, text_fields, ["article_id"])
        foreign_keys.append((TEXTS_TABLE, "article_id", "articles", "article_id"))
    db.add_foreign_keys(foreign_keys)
    for table in package.tables:
        name = table.name
        db[name].insert_all(({k: _value(v) for k, v in record.items()} for record in table.records()), alter=False)
    if not package.text_free:
        db[TEXTS_TABLE].insert_all(article_texts(package), alter=False)
    for name, columns in FULL_TEXT.items():
        present = [c for c in columns if c in package.resource(name).columns]
        if present:
            db[name].enable_fts(present, tokenize="porter")
    for name, (_, sql) in views(package.text_free).items():
        db.create_view(name, sql)
    problems = db.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise ValueError(f"{path}: foreign keys that name no row: {problems}")
    db.vacuum()
    db.close()
    return path


def article_texts(package: Package) -> list[dict]:
    """One row per article text: the resource that holds it and its text, so spans can be sliced in SQL."""
    by_path = {r["path"]: r["name"] for r in package.text_resources()}
    rows = []
    for article in package.resource("articles").records():
        rows.append({"article_id": article["article_id"], "resource": by_path[article["path"]], "path": article["path"],
                     "text": package.texts[article["article_id"]]})
    return rows
