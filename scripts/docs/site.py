"""The site: the package, the pages and files generated from it, and the links between rows.

Each kind of page has its own module (dictionary, tables, entities, views, articles, snippets); they all
ask the Site for links and cells so that a row is linked the same way everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from scripts.docs.config import ARTICLE_ID, ENTITIES, ENTITY_NAME, HIDDEN_ON_VIEWS, POLYMORPHIC, SAFE_ID
from scripts.contract.reader import BuiltPackage as Package
from scripts.contract.reader import Resource
from scripts.docs.text import code, external, long_text, md, rel, table

Resolver = Callable[[str], str]  # a docs path with optional #anchor -> a link usable from the current page


@dataclass
class Site:
    pkg: Package
    pages: dict[str, str] = field(default_factory=dict)        # docs path -> Markdown
    assets: dict[str, bytes] = field(default_factory=dict)     # site path -> bytes (raw data, zip)
    nav_children: dict[str, list[str]] = field(default_factory=dict)  # section index page -> its pages

    def __post_init__(self):
        pkg = self.pkg
        self.resource_paths = {r.path for r in pkg.resources.values()}
        self.entity_names: dict[str, str] = {}
        if ENTITIES in pkg.resources:
            ents = pkg.resource(ENTITIES)
            self.entity_names = {row[ents.pk]: row[ENTITY_NAME] for row in ents.rows}
        # a codebook's labels (a table with a `label` column, such as cameo_codes): a reference to one of its rows
        # shows the code with its label ("040 Consult, not specified below")
        self.labels: dict[str, dict[str, str]] = {res.name: {row[res.pk]: row["label"] for row in res.rows}
                                                  for res in pkg.tables if "label" in res.columns and res.pk}
        self.reverse: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
        for res in pkg.tables:
            for fields, target, _ in res.foreign_keys:
                if len(fields) == 1:
                    for row in res.rows:
                        if row[fields[0]]:
                            self.reverse[(target, row[fields[0]])].append((res.name, fields[0], row))
            if POLYMORPHIC[1] in res.columns and POLYMORPHIC[0] in res.columns:  # target_table + target_id
                for row in res.rows:
                    if row[POLYMORPHIC[0]] in pkg.resources and row[POLYMORPHIC[1]]:
                        self.reverse[(row[POLYMORPHIC[0]], row[POLYMORPHIC[1]])].append((res.name, POLYMORPHIC[1], row))

    @property
    def verdicts(self):
        """The primary-record verdicts of every row (scripts/docs/verdicts.py), made once."""
        if not hasattr(self, "_verdicts"):
            from scripts.docs.verdicts import Verdicts
            self._verdicts = Verdicts(self)
        return self._verdicts

    @property
    def name(self) -> str:
        return self.pkg.name

    @property
    def version(self) -> str:
        return self.pkg.version

    @property
    def zip_path(self) -> str:
        return f"downloads/{self.name}-{self.version}.zip" if self.version else f"downloads/{self.name}.zip"

    @property
    def articles(self) -> list[str]:
        return sorted(self.pkg.texts)

    @property
    def several_articles(self) -> bool:
        return len(self.pkg.texts) > 1

    def entity_name(self, entity_id: str) -> str:
        return self.entity_names.get(entity_id, entity_id)

    def referenced_by(self, resource: str, value: str) -> list[tuple[str, str, dict]]:
        return self.reverse.get((resource, value), [])

    # ------------------------------------------------------------ links and cells

    def row_target(self, resource: str, value: str) -> str:
        if resource == ENTITIES and self.pkg.resources.get(ENTITIES):
            return f"entities/{value}.md"
        if resource == "articles" and value in self.pkg.texts:
            return f"articles/{value}.md"
        return f"tables/{resource}.md#{value}"

    def row_link(self, page: str, resource: str, value: str, label: str | None = None) -> str:
        """A link to a row (or an entity's page), labelled with escaped Markdown; plain code for an unsafe ID."""
        label = label if label is not None else code(value)
        if not SAFE_ID.fullmatch(value):
            return label
        return f"[{label}]({rel(page, self.row_target(resource, value))})"

    def value_cell(self, page: str, res: Resource, column: str, value: str, anchor: bool = False, wide: bool = True,
                   row: dict | None = None) -> str:
        """One cell's Markdown: references become links (`target_id` to the row of its `target_table`), the primary
        key an anchor, all text escaped."""
        if value == "":
            return ""
        if row is not None and column == POLYMORPHIC[1] and row.get(POLYMORPHIC[0]) in self.pkg.resources \
                and SAFE_ID.fullmatch(value):
            return self.row_link(page, row[POLYMORPHIC[0]], value)
        if not SAFE_ID.fullmatch(value) and (column == res.pk or res.reference(column)):
            return code(value)  # never part of a link target; the validator rejects such IDs anyway
        if column == res.pk:
            return self.key_cell(page, res, value, anchor)
        target = res.reference(column)
        if target and target in self.pkg.resources and self.pkg.resources[target].is_table:
            label = md(self.entity_name(value)) if target == ENTITIES else code(value)
            link = self.row_link(page, target, value, label)
            named = self.labels.get(target, {}).get(value)
            return f"{link} {md(named)}" if named else link
        if value in self.resource_paths:
            return f"[{code(value)}]({rel(page, value)})"
        fld = res.field(column)
        if fld.get("constraints", {}).get("pattern", "").startswith("^https?://"):
            return external(value)
        if fld.get("categories") or fld["type"] in ("integer", "number", "boolean"):
            return code(value)
        return long_text(value) if wide else md(value)

    def key_cell(self, page: str, res: Resource, value: str, anchor: bool) -> str:
        if not anchor:
            return self.row_link(page, res.name, value)
        target = self.row_target(res.name, value)
        if target.startswith(f"tables/{res.name}.md#"):
            return f'<a id="{value}"></a>{code(value)}'
        return f'<a id="{value}"></a>[{code(value)}]({rel(page, target)})'

    def rows_table(self, page: str, res: Resource, rows: list[dict], columns: list[str] | None = None,
                   anchor: bool = False) -> str:
        columns = columns or res.columns
        header = [code(c) for c in columns]
        return table(header, [[self.value_cell(page, res, c, row[c], anchor, row=row) for c in columns] for row in rows])

    def view_columns(self, res: Resource, keys: tuple[str, ...] | None = None) -> list[str]:
        """A table's columns for a reading view: `article_id` only where rows of several articles meet."""
        hidden = set(HIDDEN_ON_VIEWS) | (set() if self.several_articles else {ARTICLE_ID})
        if keys:
            first = [c for c in res.columns if c in (res.pk, ARTICLE_ID, "text") and c not in hidden]
            return first + [c for c in keys if c in res.columns]
        return [c for c in res.columns if c not in hidden]
