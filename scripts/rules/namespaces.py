"""Per-article namespaces: each article owns its id_prefix and its rows, and shares only the entity registry.

A second article must not be able to lean on the first without anyone noticing: its prefix is its own, its rows
refer only to rows of the same article, and every entity it refers to is one it lists (with its own role) in its
`entities:` list. Checked once on the annotations at build time (with the YAML line) and once on a built package.
"""

from __future__ import annotations

from scripts.annotations.loader import REGISTRY, ArticleAnnotation
from scripts.rules.attribution import endpoint_table
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem


def _owner_fix(ann: ArticleAnnotation, what: str) -> str:
    return f"refer only to rows of {ann.article_id}; {what}"


# ---- build time ---------------------------------------------------------------------------------------------------

def _newest_last(annotations: list[ArticleAnnotation], released: set[str]) -> list[ArticleAnnotation]:
    """Released articles first, then the others in file order: in a conflict the article named is the one not yet
    released, whose IDs nobody cites yet."""
    return sorted(annotations, key=lambda ann: ann.article_id not in released)


def check_prefixes(annotations: list[ArticleAnnotation], released: set[str] = frozenset()) -> list[Problem]:
    """One problem per article whose id_prefix another article already uses, naming both files; the article named
    first is the one not yet released."""
    seen: dict[str, ArticleAnnotation] = {}
    problems = []
    for ann in _newest_last(annotations, released):
        first = seen.setdefault(ann.id_prefix, ann)
        if first is not ann:
            used = ", ".join(sorted(seen))
            kept = "released" if first.article_id in released else "earlier"
            problems.append(Problem(ann.file, ann.line, "article", "id_prefix", "ID_PREFIX_REUSED",
                                    f"id_prefix `{ann.id_prefix}` is already the prefix of the {kept} article {first.file}",
                                    f"give {ann.file} a prefix of its own (in use: {used}) and rename its IDs "
                                    f"`{ann.id_prefix}-...` to it; leave {first.file} as it is"))
    return problems


def check_texts(annotations: list[ArticleAnnotation], sources: dict, released: set[str] = frozenset()) -> list[Problem]:
    """Two articles with one text are one article annotated twice: refused, naming the one not yet released."""
    seen: dict[str, ArticleAnnotation] = {}
    problems = []
    for ann in _newest_last(annotations, released):
        source = sources.get(ann.article_id)
        if source is None:
            continue
        first = seen.setdefault(source.sha256, ann)
        if first is not ann:
            problems.append(Problem(f"sources/{ann.article_id}.txt", None, "", "", "DUPLICATE_TEXT",
                                    f"has the same bytes (sha256 {source.sha256[:12]}…) as sources/{first.article_id}.txt"))
    return problems


def role_rows(ann: ArticleAnnotation) -> list[dict]:
    """The article_entities rows of one article: its `entities:` list, keyed by the article's prefix."""
    rows = []
    for record in ann.roles:
        entity_id = record.values.get("entity_id")
        if entity_id is None:
            continue
        record.values["article_entity_id"] = f"{ann.id_prefix}-{entity_id}"
        rows.append({"article_entity_id": record.values["article_entity_id"], "article_id": ann.article_id,
                     "entity_id": entity_id, "role": record.values.get("role")})
    return rows


def check_roles(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """Every entity an article lists is in the registry, and is listed once."""
    registered = {row["entity_id"] for row in tables["entities"]}
    problems = []
    for ann in annotations:
        seen: dict[str, int] = {}
        for record in ann.roles:
            entity_id = record.values.get("entity_id")
            if entity_id is None:
                continue
            if entity_id not in registered:
                problems.append(Problem(record.file, record.line, record.key, "entity_id", "DANGLING_REFERENCE",
                                        f"`{entity_id}` is not in the entity registry {REGISTRY}",
                                        f"add the entity (entity_id, name, type, description, wikidata_note) to {REGISTRY}, "
                                        "or correct the ID"))
            if entity_id in seen:
                problems.append(Problem(record.file, record.line, record.key, "entity_id", "DUPLICATE_ID",
                                        f"`{entity_id}` is already listed at {record.file}:{seen[entity_id]}",
                                        "list each entity once, with one role"))
            seen.setdefault(entity_id, record.line)
    return problems


def check_references(annotations: list[ArticleAnnotation], tables: dict[str, list[dict]]) -> list[Problem]:
    """Every reference names an existing row of the same article, or a registry entity the article lists."""
    owner = {name: {row[TABLES[name].primary_key]: row.get("article_id") for row in rows} for name, rows in tables.items()}
    files = {ann.article_id: ann.file for ann in annotations}
    listed = {(row["article_id"], row["entity_id"]) for row in tables["article_entities"]}
    problems = []
    for ann in annotations:
        inline = "entities" in ann.records  # a blind second annotation defines its own entities
        for name, records in ann.records.items():
            for record in records:
                refs = [(fk.fields, fk.resource) for fk in TABLES[name].foreign_keys
                        if fk.fields not in ("article_id", "sentence_id") and not TABLES[fk.resource].codebook]  # codebooks: rules/codebooks.py
                if name == "temporal_links":
                    refs += [(c, endpoint_table(record.values.get(c) or "")) for c in ("source_id", "target_id")]
                for column, resource in refs:
                    value = record.values.get(column)
                    if value is None or resource is None:
                        continue
                    bad = lambda code, message, fix="": problems.append(Problem(record.file, record.line, record.key, column, code, message, fix))
                    if value not in owner[resource]:
                        if name != "temporal_links":  # attribution.check_endpoints reports those
                            fix = f"add `{value}` to {REGISTRY}, or correct the ID" if resource == "entities" else ""
                            bad("DANGLING_REFERENCE", f"`{value}` names no row of `{resource}`", fix)
                    elif resource == "entities":
                        if not inline and (ann.article_id, value) not in listed:
                            bad("ENTITY_NOT_LISTED", f"`{value}` is not in this article's `entities:` list",
                                f"add `- {{entity_id: \"{value}\", role: \"...\"}}` to the `entities:` list of {ann.file}")
                    elif owner[resource][value] != ann.article_id:
                        other = owner[resource][value]
                        bad("CROSS_ARTICLE_REFERENCE", f"`{value}` is a row of the article {other} ({files.get(other, other)})",
                            _owner_fix(ann, "only entities are shared between articles"))
    return problems


# ---- validation: a built package -----------------------------------------------------------------------------------

def check(pkg, problems: list[Problem]) -> None:
    """No row refers to a row of another article, and every entity a row names is listed for its article."""
    owners = {name: {row[t.primary_key]: row["article_id"] for _, row in pkg.table(name)}
              for name, t in TABLES.items() if "article_id" in t.columns}
    listed = {(row["article_id"], row["entity_id"]) for _, row in pkg.table("article_entities")}
    for name, table in TABLES.items():
        if "article_id" not in table.columns:
            continue
        refs = [(fk.fields, fk.resource) for fk in table.foreign_keys if fk.fields != "article_id"]
        for line, row in pkg.table(name):
            ends = [(c, endpoint_table(row.get(c, ""))) for c in ("source_id", "target_id")] if name == "temporal_links" else []
            if name == "primary_alignments" and row.get("target_table") in owners:
                ends.append(("target_id", row["target_table"]))
            for column, resource in refs + ends:
                value = row.get(column, "")
                if not value or resource is None:
                    continue
                key = f"{table.primary_key}={row[table.primary_key]}"
                if resource == "entities":
                    if name != "article_entities" and (row["article_id"], value) not in listed:
                        problems.append(Problem(f"data/{name}.csv", line, key, column, "ENTITY_NOT_LISTED",
                                                f"`{value}` has no row in article_entities for {row['article_id']}"))
                elif value in owners.get(resource, {}) and owners[resource][value] != row["article_id"]:
                    problems.append(Problem(f"data/{name}.csv", line, key, column, "CROSS_ARTICLE_REFERENCE",
                                            f"`{value}` is a row of the article {owners[resource][value]}, not of {row['article_id']}"))
