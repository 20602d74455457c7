"""Generate the documentation site's pages from datapackage.json and data/*.csv.

Usage: python -m scripts.docs [--root DIR] [--out DIR]

Everything the site says about the data is computed here from the built package: the
data dictionary, one page per table, one page per entity, the quotes and figures pages,
the annotated article, the downloads. Nothing is hand-copied. `mkdocs build` runs this
through the hook scripts/docs_hook.py; the command line writes the same pages to --out
for review (and fails with a clear message when the package is missing or stale).

Every piece of data text is escaped where it reaches Markdown (md) or HTML (html.escape),
and JSON embedded in a page cannot close its <script> element (script_json).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import posixpath
import re
import sys
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from scripts.validate import safe_path

ROOT = Path(__file__).resolve().parents[1]

# Pages that are about one specific table name it here; everything else reads the descriptor.
ENTITIES = "entities"          # one page per row
ENTITY_NAME = "name"           # the column that titles an entity's page
ARTICLES = "articles"          # the table that lists the article texts ...
ARTICLE_PATH = "path"          # ... and where each text is
QUOTES, FIGURES = "quotes", "figures"
NOT_HIGHLIGHTED = {"sentences"}  # span tables that tile the text: shown as rows, not highlights

# The annotated article: every span table except NOT_HIGHLIGHTED, drawn nearest the text first.
# (table, kind, label, key columns shown on click and hover)
HIGHLIGHTS = [
    ("quotes", "quote", "Quote", ("speaker_id", "kind", "cue_text", "cue_type", "channel", "parent_quote_id", "wording_status")),
    ("facts", "fact", "Fact", ("subject", "subject_id", "predicate", "object", "claimant_id", "factuality", "author_factuality", "basis", "polarity")),
    ("events", "event", "Event trigger", ("description", "cameo_code", "plover_type", "plover_mode", "actor_id", "recipient_id", "location_id", "part_of_event_id", "date")),
    ("figures", "figure", "Figure", ("value", "unit", "approximate", "direction", "measure", "period", "claimant_id")),
    ("time_expressions", "timex", "Time expression", ("type", "value", "anchor_timex_id")),
    ("mentions", "mention", "Entity mention", ("entity_id", "form")),
]
# Who a highlighted row is attributed to, for the speaker filter: (table, column).
SAID_BY = [("quotes", "speaker_id"), ("facts", "claimant_id"), ("figures", "claimant_id")]
# How a row relates to an entity, for the entity pages: (table, column) -> heading. Others get a generic heading.
ROLES = {
    ("quotes", "speaker_id"): "Said: quotes with this speaker",
    ("facts", "subject_id"): "Is said to have done or to be: facts with this subject",
    ("events", "actor_id"): "Acted: events with this actor",
    ("facts", "claimant_id"): "Claims: facts this entity asserts or reports",
    ("figures", "claimant_id"): "Gives figures: figures this entity states",
    ("events", "recipient_id"): "Was acted upon or addressed: events with this recipient",
    ("facts", "object_id"): "Is the object of: facts whose object names this entity",
    ("mentions", "entity_id"): "Mentions: where the article refers to this entity",
}
SAMPLE_ROWS = 3
HIDDEN_ON_VIEWS = {"article_id", "sentence_id", "start", "end"}  # shown on the full table pages only


SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # IDs that may name a page or an anchor in a link


class DocsError(Exception):
    """The package cannot be documented as it stands (missing, stale or unexpected)."""


# ---------------------------------------------------------------- escaping

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md(text: object) -> str:
    """Text made inert for inline Markdown, table cells included: it renders literally, on one line."""
    text = "" if text is None else str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def prose(text: object) -> str:
    """Descriptive text from the descriptor: like md(), except that `code spans` stay code."""
    parts = re.split(r"`([^`]+)`", "" if text is None else str(text))
    return "".join(code(part) if i % 2 else md(part) for i, part in enumerate(parts))


def code(text: object) -> str:
    """Inline code that survives any character, in a table cell too."""
    return f"<code>{md(text)}</code>" if str(text) != "" else ""


def long_text(text: str) -> str:
    """Free text for a table cell, kept wide enough to read when the table has many columns."""
    if len(text) > 60:
        return f'<span class="dp-long">{md(text)}</span>'
    if len(text) > 24:
        return f'<span class="dp-medium">{md(text)}</span>'
    return md(text)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def attr(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def script_json(data) -> str:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fence(content: str, lang: str = "") -> str:
    """A fenced code block longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`+", content)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{lang}\n{content.rstrip()}\n{marks}\n"


def rel(from_page: str, target: str) -> str:
    """A link from one docs page (or file) to another, relative, keeping any #anchor."""
    path, _, anchor = target.partition("#")
    if path == from_page or path == "":
        out = posixpath.basename(from_page)
    else:
        out = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return out + (f"#{anchor}" if anchor else "")


def external(url: str, text: str | None = None) -> str:
    """A link to another site; only http(s) addresses ever become links."""
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", url or ""):
        return md(url)
    return f'<a href="{attr(url)}">{md(text if text is not None else url)}</a>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (md, code, links)."""
    if not rows:
        return "*No rows.*\n"
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell if cell != "" else " " for cell in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the package


@dataclass
class Resource:
    descriptor: dict
    rows: list[dict] | None = None  # None for a resource that is not a table

    @property
    def name(self) -> str:
        return self.descriptor["name"]

    @property
    def title(self) -> str:
        return self.descriptor.get("title") or self.name

    @property
    def description(self) -> str:
        return self.descriptor.get("description", "")

    @property
    def path(self) -> str:
        return self.descriptor["path"]

    @property
    def schema(self) -> dict:
        return self.descriptor.get("schema") or {}

    @property
    def fields(self) -> list[dict]:
        return self.schema.get("fields", [])

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def field(self, name: str) -> dict:
        for fld in self.fields:
            if fld["name"] == name:
                return fld
        raise DocsError(f"resource `{self.name}` has no field `{name}` in datapackage.json")

    @property
    def is_table(self) -> bool:
        return self.rows is not None

    @property
    def primary_key(self) -> list[str]:
        return _names(self.schema.get("primaryKey"))

    @property
    def pk(self) -> str | None:
        key = self.primary_key
        return key[0] if len(key) == 1 else None

    @property
    def unique_keys(self) -> list[list[str]]:
        return [_names(key) for key in self.schema.get("uniqueKeys", [])]

    @property
    def foreign_keys(self) -> list[tuple[list[str], str, list[str]]]:
        out = []
        for fk in self.schema.get("foreignKeys", []):
            ref = fk.get("reference", {})
            out.append((_names(fk.get("fields")), ref.get("resource") or self.name, _names(ref.get("fields"))))
        return out

    def reference(self, column: str) -> str | None:
        """The resource a single-column foreign key on `column` points to."""
        for fields, resource, _ in self.foreign_keys:
            if fields == [column]:
                return resource
        return None

    @property
    def is_span(self) -> bool:
        return self.is_table and {"start", "end", "text"} <= set(self.columns)


def _names(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@dataclass
class Package:
    root: Path
    descriptor: dict
    resources: dict[str, Resource]
    texts: dict[str, str]
    changelog: str | None = None

    @property
    def tables(self) -> list[Resource]:
        return [r for r in self.resources.values() if r.is_table]

    def table(self, name: str) -> Resource:
        if name not in self.resources or not self.resources[name].is_table:
            raise DocsError(f"datapackage.json has no table `{name}`, which scripts/docs.py documents")
        return self.resources[name]

    @property
    def files(self) -> list[str]:
        return ["datapackage.json"] + [r.path for r in self.resources.values()]


def _checked_bytes(root: Path, resource: dict) -> bytes:
    rel_path = resource.get("path")
    if not safe_path(rel_path):
        raise DocsError(f"resource `{resource.get('name')}` has an unsafe path {rel_path!r}")
    path = root / rel_path
    if not path.is_file():
        raise DocsError(f"{rel_path} is listed in datapackage.json but missing; run `make build`")
    data = path.read_bytes()
    expected = resource.get("hash", "")
    if expected and expected.split(":")[-1] != hashlib.sha256(data).hexdigest():
        raise DocsError(f"{rel_path} differs from its hash in datapackage.json; run `make build`")
    if "bytes" in resource and resource["bytes"] != len(data):
        raise DocsError(f"{rel_path} has {len(data)} bytes, datapackage.json says {resource['bytes']}; run `make build`")
    return data


def load_package(root: Path = ROOT) -> Package:
    """The descriptor, every table's rows (as text) and every article text, checked against the descriptor."""
    descriptor_path = root / "datapackage.json"
    if not descriptor_path.is_file():
        raise DocsError(f"{descriptor_path} is missing; run `make build` first")
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    resources: dict[str, Resource] = {}
    for item in descriptor.get("resources", []):
        data = _checked_bytes(root, item)
        rows = None
        if item.get("type") == "table" or "schema" in item:
            reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
            columns = [f["name"] for f in item.get("schema", {}).get("fields", [])]
            if reader.fieldnames != columns:
                raise DocsError(f"{item['path']} has columns {reader.fieldnames}, datapackage.json says {columns}")
            rows = list(reader)
        resources[item["name"]] = Resource(item, rows)
    texts = {}
    if ARTICLES in resources and resources[ARTICLES].is_table:
        known = {r.path for r in resources.values()}
        for row in resources[ARTICLES].rows:
            if row[ARTICLE_PATH] not in known:
                raise DocsError(f"article {row['article_id']}: {row[ARTICLE_PATH]} is not a resource of datapackage.json")
            texts[row["article_id"]] = (root / row[ARTICLE_PATH]).read_text(encoding="utf-8")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8") if (root / "CHANGELOG.md").is_file() else None
    return Package(root, descriptor, resources, texts, changelog)


# ---------------------------------------------------------------- the site


@dataclass
class Span:
    id: str
    table: str
    kind: str
    start: int
    end: int
    lane: int = 0


def assign_lanes(spans: list[Span], order: list[str]) -> int:
    """Give each span a lane so that spans in one lane neither overlap nor touch; return the number of lanes.

    Kinds earlier in `order` are placed first, so they sit nearest the text.
    """
    lanes: list[list[tuple[int, int]]] = []
    rank = {kind: i for i, kind in enumerate(order)}
    for span in sorted(spans, key=lambda s: (rank[s.kind], s.start, -s.end, s.id)):
        for number, taken in enumerate(lanes):
            if all(span.end < start or end < span.start for start, end in taken):
                taken.append((span.start, span.end))
                span.lane = number
                break
        else:
            lanes.append([(span.start, span.end)])
            span.lane = len(lanes) - 1
    return len(lanes)


Resolver = Callable[[str], str]  # a docs path with optional #anchor -> a link usable from the current page


@dataclass
class Site:
    pkg: Package
    pages: dict[str, str] = field(default_factory=dict)        # docs path -> Markdown
    assets: dict[str, bytes] = field(default_factory=dict)     # site path -> bytes (raw data, zip)
    nav_children: dict[str, list[str]] = field(default_factory=dict)  # section index page -> its pages

    # ------------------------------------------------------------ helpers

    @property
    def name(self) -> str:
        return self.pkg.descriptor.get("name", "package")

    @property
    def version(self) -> str:
        return self.pkg.descriptor.get("version", "")

    @property
    def zip_path(self) -> str:
        return f"downloads/{self.name}-{self.version}.zip" if self.version else f"downloads/{self.name}.zip"

    def entity_name(self, entity_id: str) -> str:
        return self._entity_names.get(entity_id, entity_id)

    def row_target(self, resource: str, value: str) -> str:
        if resource == ENTITIES and self.pkg.resources.get(ENTITIES):
            return f"entities/{value}.md"
        return f"tables/{resource}.md#{value}"

    def row_link(self, page: str, resource: str, value: str, label: str | None = None) -> str:
        """A link to a row (or an entity's page), labelled with escaped Markdown; plain code for an unsafe ID."""
        label = label if label is not None else code(value)
        if not SAFE_ID.fullmatch(value):
            return label
        return f"[{label}]({rel(page, self.row_target(resource, value))})"

    def value_cell(self, page: str, res: Resource, column: str, value: str, anchor: bool = False, wide: bool = True) -> str:
        """One cell's Markdown: references become links, the primary key an anchor, all text escaped."""
        if value == "":
            return ""
        if not SAFE_ID.fullmatch(value) and (column == res.pk or res.reference(column)):
            return code(value)  # never part of a link target; the validator rejects such IDs anyway
        if column == res.pk:
            if anchor:
                target = self.row_target(res.name, value)
                if target.startswith(f"tables/{res.name}.md#"):
                    return f'<a id="{attr(value)}"></a>{code(value)}'
                return f'<a id="{attr(value)}"></a>[{code(value)}]({rel(page, target)})'
            return self.row_link(page, res.name, value)
        target = res.reference(column)
        if target and target in self.pkg.resources and self.pkg.resources[target].is_table:
            label = md(self.entity_name(value)) if target == ENTITIES else code(value)
            return self.row_link(page, target, value, label)
        if value in self._resource_paths:
            return f"[{code(value)}]({rel(page, value)})"
        fld = res.field(column)
        if fld.get("constraints", {}).get("pattern", "").startswith("^https?://"):
            return external(value)
        if fld.get("categories") or fld["type"] in ("integer", "number", "boolean"):
            return code(value)
        return long_text(value) if wide else md(value)

    def rows_table(self, page: str, res: Resource, rows: list[dict], columns: list[str] | None = None,
                   anchor: bool = False) -> str:
        columns = columns or res.columns
        header = [code(c) for c in columns]
        return table(header, [[self.value_cell(page, res, c, row[c], anchor) for c in columns] for row in rows])

    def referenced_by(self, resource: str, value: str) -> list[tuple[str, str, dict]]:
        return self._reverse.get((resource, value), [])

    def missing(self, what: str, names, available) -> None:
        unknown = [n for n in names if n not in available]
        if unknown:
            raise DocsError(f"scripts/docs.py names {what} {', '.join(unknown)}, which datapackage.json does not have; "
                            "update the lists at the top of scripts/docs.py")

    # ------------------------------------------------------------ build everything

    def build(self) -> "Site":
        pkg = self.pkg
        self._resource_paths = {r.path for r in pkg.resources.values()}
        self._entity_names = {}
        if ENTITIES in pkg.resources:
            self._entity_names = {row[pkg.table(ENTITIES).pk]: row[ENTITY_NAME] for row in pkg.table(ENTITIES).rows}
        self._reverse: dict[tuple[str, str], list[tuple[str, str, dict]]] = defaultdict(list)
        for res in pkg.tables:
            for fields, target, _ in res.foreign_keys:
                if len(fields) == 1:
                    for row in res.rows:
                        if row[fields[0]]:
                            self._reverse[(target, row[fields[0]])].append((res.name, fields[0], row))
        self._check_config()
        self.pages["dictionary.md"] = self.dictionary_page()
        self.pages["tables/index.md"] = self.tables_index()
        self.nav_children["tables/index.md"] = []
        for res in pkg.tables:
            self.pages[f"tables/{res.name}.md"] = self.table_page(res)
            self.nav_children["tables/index.md"].append(f"tables/{res.name}.md")
        if ENTITIES in pkg.resources:
            self.pages["entities/index.md"] = self.entities_index()
            self.nav_children["entities/index.md"] = []
            for row in sorted(pkg.table(ENTITIES).rows, key=lambda r: r[ENTITY_NAME].casefold()):
                entity_id = row[pkg.table(ENTITIES).pk]
                if not SAFE_ID.fullmatch(entity_id):
                    raise DocsError(f"entity ID {entity_id!r} cannot name a page")
                self.pages[f"entities/{entity_id}.md"] = self.entity_page(row)
                self.nav_children["entities/index.md"].append(f"entities/{entity_id}.md")
        self.pages["quotes.md"] = self.quotes_page()
        self.pages["figures.md"] = self.figures_page()
        self.pages["article.md"] = self.article_page()
        self.pages["changelog.md"] = self.changelog_page()
        for rel_path in pkg.files:
            self.assets[rel_path] = (pkg.root / rel_path).read_bytes()
        self.assets[self.zip_path] = self.zip_bytes()
        return self

    def _check_config(self) -> None:
        pkg = self.pkg
        for name in (QUOTES, FIGURES):
            pkg.table(name)
        names = {r.name for r in pkg.tables}
        self.missing("the tables", [t for t, *_ in HIGHLIGHTS] + list(NOT_HIGHLIGHTED), names)
        for name, _, _, columns in HIGHLIGHTS:
            self.missing(f"the {name} columns", columns, pkg.table(name).columns)
        for name, column in [*SAID_BY, *ROLES]:
            self.missing(f"the {name} column", [column], pkg.table(name).columns)
        unplaced = [r.name for r in pkg.tables if r.is_span and r.name not in NOT_HIGHLIGHTED
                    and r.name not in {t for t, *_ in HIGHLIGHTS}]
        if unplaced:
            raise DocsError(f"span tables {', '.join(unplaced)} are neither highlighted nor excluded; "
                            "add them to HIGHLIGHTS or NOT_HIGHLIGHTED in scripts/docs.py")

    def zip_bytes(self) -> bytes:
        """The package as one zip: datapackage.json and every resource, with fixed timestamps."""
        created = self.pkg.descriptor.get("created", "1980-01-01")
        stamp = tuple(int(x) for x in re.findall(r"\d+", created)[:6]) + (0,) * 6
        stamp = stamp[:6] if stamp[0] >= 1980 else (1980, 1, 1, 0, 0, 0)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for rel_path in self.pkg.files:
                info = zipfile.ZipInfo(f"{self.name}/{rel_path}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, (self.pkg.root / rel_path).read_bytes())
        return out.getvalue()

    # ------------------------------------------------------------ data dictionary

    def field_rows(self, res: Resource) -> list[list[str]]:
        rows = []
        for fld in res.fields:
            constraints = fld.get("constraints", {})
            parts = []
            if constraints.get("required"):
                parts.append("required")
            if "pattern" in constraints:
                parts.append("pattern " + code(constraints["pattern"]))
            if "minimum" in constraints:
                parts.append("minimum " + code(constraints["minimum"]))
            if "maximum" in constraints:
                parts.append("maximum " + code(constraints["maximum"]))
            if "enum" in constraints:
                parts.append("one of the allowed values")
            if "trueValues" in fld:
                parts.append("true " + ", ".join(code(v) for v in fld["trueValues"]) +
                             "; false " + ", ".join(code(v) for v in fld.get("falseValues", [])))
            if fld["name"] in res.primary_key:
                parts.append("primary key")
            target = res.reference(fld["name"])
            if target:
                parts.append(f"references [{code(target)}](#{target})")
            allowed = ""
            if fld.get("categories") or constraints.get("enum"):
                counts = Counter(row[fld["name"]] for row in res.rows or [])
                labels = {c["value"]: c.get("label", "") for c in fld.get("categories", [])}
                values = [c["value"] for c in fld.get("categories", [])] or constraints["enum"]
                allowed = "<br>".join(f"{code(v)} {prose(labels.get(v, ''))} ({plural(counts.get(v, 0), 'row')})" for v in values)
            rows.append([f'<a id="{attr(res.name)}.{attr(fld["name"])}"></a>{code(fld["name"])}', code(fld["type"]),
                         "<br>".join(parts), prose(fld.get("description", "")), allowed])
        return rows

    def dictionary_page(self) -> str:
        pkg, page = self.pkg, "dictionary.md"
        out = ["---\nhide:\n  - navigation\n---\n", "# Data dictionary\n",
               f"Every resource of **{md(pkg.descriptor.get('title', self.name))}** (`{md(self.name)}`, version "
               f"{md(self.version)}), generated from `datapackage.json` and `data/`. Every table is a UTF-8 CSV file "
               "(comma, double quotes, LF line endings); an empty cell means the value is missing. Offsets (`start`, "
               "`end`) count Unicode code points from the start of the article text, end exclusive. The count after "
               "each allowed value is its number of rows.\n",
               table(["Resource", "Title", "Rows", "Primary key", "Description"],
                     [[f"[{code(r.name)}](#{r.name})", md(r.title), str(len(r.rows)) if r.is_table else "text file",
                       ", ".join(code(k) for k in r.primary_key), prose(r.description)] for r in pkg.resources.values()])]
        for res in pkg.resources.values():
            out.append(f"\n## {md(res.title)} ({code(res.name)}) {{ #{res.name} }}\n")
            out.append(prose(res.description) + "\n")
            facts = [f"**File**: [{code(res.path)}]({rel(page, res.path)})"]
            if res.is_table:
                facts.append(f"**Rows**: {len(res.rows)}")
            facts.append(f"**Format**: {md(res.descriptor.get('mediatype', res.descriptor.get('format', '')))}, "
                         f"{md(res.descriptor.get('encoding', ''))}, {md(res.descriptor.get('bytes', ''))} bytes")
            if res.descriptor.get("hash"):
                facts.append(f"**Hash**: {code(res.descriptor['hash'])}")
            if res.primary_key:
                facts.append("**Primary key**: " + ", ".join(code(k) for k in res.primary_key))
            for key in res.unique_keys:
                facts.append("**Unique key**: (" + ", ".join(code(k) for k in key) + ")")
            for fields, target, ref_fields in res.foreign_keys:
                facts.append(f"**Foreign key**: ({', '.join(code(f) for f in fields)}) → "
                             f"[{code(target)}](#{target}) ({', '.join(code(f) for f in ref_fields)})")
            for lic in res.descriptor.get("licenses", []):
                facts.append("**Licence**: " + self.licence_text(lic))
            if res.schema.get("missingValues") is not None:
                facts.append("**Missing values**: " + (", ".join(f"`{md(v)}`" if v else "the empty string"
                                                               for v in res.schema["missingValues"]) or "none"))
            out.append("\n".join(f"- {fact}" for fact in facts) + "\n")
            if not res.is_table:
                continue
            out.append(f"\n### Fields of {code(res.name)} {{ #{res.name}-fields }}\n")
            out.append(table(["Field", "Type", "Constraints", "Description", "Allowed values (label, rows)"], self.field_rows(res)))
            shown = min(SAMPLE_ROWS, len(res.rows))
            out.append(f"\n### Sample rows of {code(res.name)} {{ #{res.name}-sample }}\n")
            out.append(f"The first {shown} of {plural(len(res.rows), 'row')}; [all rows]({rel(page, f'tables/{res.name}.md')}).\n\n")
            out.append(self.rows_table(page, res, res.rows[:SAMPLE_ROWS]))
        return "\n".join(out)

    def licence_text(self, lic: dict) -> str:
        label = lic.get("title") or lic.get("name") or ""
        name = f" ({code(lic['name'])})" if lic.get("name") and lic.get("title") else ""
        if lic.get("path"):
            return external(lic["path"], label) + name
        return md(label) + name

    # ------------------------------------------------------------ table pages

    def tables_index(self) -> str:
        page = "tables/index.md"
        rows = [[f"[{code(r.name)}]({rel(page, f'tables/{r.name}.md')})", md(r.title), str(len(r.rows)), prose(r.description)]
                for r in self.pkg.tables]
        return "# All tables\n\nEvery row of every table, one page per table. Each row has an anchor at its ID.\n\n" + \
            table(["Table", "Title", "Rows", "Description"], rows)

    def table_page(self, res: Resource) -> str:
        page = f"tables/{res.name}.md"
        out = ["---\nhide:\n  - navigation\n---\n", f"# {md(res.title)} ({code(res.name)})\n", prose(res.description) + "\n",
               f"{plural(len(res.rows), 'row')} from [{code(res.path)}]({rel(page, res.path)}); "
               f"the columns are described in the [data dictionary]({rel(page, 'dictionary.md#' + res.name)}).\n"]
        if self.with_refs(res):
            out.append("**Referenced by** lists the rows of other tables that point at the row.\n")
        elif res.name == ENTITIES:
            out.append(f"Each entity's page lists the rows that point at it; see [people and organisations]"
                       f"({rel(page, 'entities/index.md')}).\n")
        out.append(self.full_table(page, res))
        return "\n".join(out)

    def with_refs(self, res: Resource) -> bool:
        return bool(res.pk) and res.name != ENTITIES and any(self.referenced_by(res.name, row[res.pk]) for row in res.rows)

    def full_table(self, page: str, res: Resource) -> str:
        header = [code(c) for c in res.columns]
        with_refs = self.with_refs(res)
        if with_refs:
            header.append("Referenced by")
        rows = []
        for row in res.rows:
            cells = [self.value_cell(page, res, c, row[c], anchor=True) for c in res.columns]
            if with_refs:
                cells.append(self.refs_cell(page, res.name, row[res.pk]))
            rows.append(cells)
        return table(header, rows)

    def refs_cell(self, page: str, resource: str, value: str) -> str:
        links = []
        for source, column, row in self.referenced_by(resource, value):
            src = self.pkg.resources[source]
            if src.pk:
                links.append(self.row_link(page, source, row[src.pk]))
        return ", ".join(links)

    # ------------------------------------------------------------ entities

    def entities_index(self) -> str:
        page, ents = "entities/index.md", self.pkg.table(ENTITIES)
        type_field = ents.field("type") if "type" in ents.columns else None
        out = ["# People and organisations\n",
               "Every entity the article refers to, with what each is reported to have said and done. "
               "Each page lists the rows of every table that point at the entity.\n"]
        relations = self.entity_relations()
        groups: dict[str, list[dict]] = defaultdict(list)
        for row in ents.rows:
            groups[row.get("type", "")].append(row)
        order = [c["value"] for c in (type_field or {}).get("categories", [])] or sorted(groups)
        labels = {c["value"]: c.get("label", "") for c in (type_field or {}).get("categories", [])}
        for kind in order + sorted(set(groups) - set(order)):
            if not groups.get(kind):
                continue
            out.append(f"\n## {md(kind.capitalize() if kind else 'Other')} {{ #type-{kind or 'other'} }}\n")
            if labels.get(kind):
                out.append(prose(labels[kind]) + ".\n")
            header = ["Name", "Description"] + [md(self.pkg.resources[t].title) + f" ({code(c)})" for t, c in relations]
            rows = []
            for row in sorted(groups[kind], key=lambda r: r[ENTITY_NAME].casefold()):
                entity_id = row[ents.pk]
                counts = Counter((s, c) for s, c, _ in self.referenced_by(ENTITIES, entity_id))
                rows.append([self.row_link(page, ENTITIES, entity_id, md(row[ENTITY_NAME])),
                             md(row.get("description", ""))] + [str(counts.get(rc, 0) or "") for rc in relations])
            out.append(table(header, rows))
        return "\n".join(out)

    def entity_relations(self) -> list[tuple[str, str]]:
        """Every (table, column) that references an entity, in the order of ROLES, then the rest."""
        found = [(r.name, fields[0]) for r in self.pkg.tables for fields, target, _ in r.foreign_keys
                 if target == ENTITIES and len(fields) == 1]
        return [rc for rc in ROLES if rc in found] + [rc for rc in found if rc not in ROLES]

    def entity_page(self, row: dict) -> str:
        ents = self.pkg.table(ENTITIES)
        entity_id = row[ents.pk]
        page = f"entities/{entity_id}.md"
        out = [f"# {md(row[ENTITY_NAME])}\n"]
        facts = []
        for column in ents.columns:
            if column in (ENTITY_NAME,) or row[column] == "":
                continue
            value = self.value_cell(page, ents, column, row[column], wide=False)
            if column == "wikidata":
                value = external(f"https://www.wikidata.org/wiki/{row[column]}", row[column])
            facts.append(f"**{md(column)}**: {value}")
        facts.append(f"**Row**: [{code(entity_id)} in the entities table]({rel(page, f'tables/{ENTITIES}.md#{entity_id}')})")
        out.append("\n".join(f"- {fact}" for fact in facts) + "\n")
        refs = self.referenced_by(ENTITIES, entity_id)
        if not refs:
            out.append("\nNo other row points at this entity.\n")
        for table_name, column in self.entity_relations():
            rows = [r for s, c, r in refs if (s, c) == (table_name, column)]
            if not rows:
                continue
            res = self.pkg.resources[table_name]
            heading = ROLES.get((table_name, column), f"{res.title}: rows whose `{column}` is this entity")
            out.append(f"\n## {md(heading)} ({len(rows)}) {{ #{table_name}-{column.replace('_', '-')} }}\n")
            columns = [c for c in self.view_columns(res) if c != column]
            out.append(self.rows_table(page, res, rows, columns))
        return "\n".join(out)

    def view_columns(self, res: Resource) -> list[str]:
        """A table's columns for a reading view: ID, text, then the key columns (or all remaining ones)."""
        keys = next((cols for name, _, _, cols in HIGHLIGHTS if name == res.name), None)
        columns = [c for c in res.columns if c not in HIDDEN_ON_VIEWS]
        if keys:
            columns = [c for c in res.columns if c in (res.pk, "text")] + [c for c in keys if c in res.columns]
        return columns

    # ------------------------------------------------------------ quotes, figures

    def quotes_page(self) -> str:
        page, res = "quotes.md", self.pkg.table(QUOTES)
        speakers = Counter(row["speaker_id"] for row in res.rows)
        out = ["---\nhide:\n  - navigation\n---\n", "# Quotes\n",
               prose(res.description) + f" {plural(len(res.rows), 'row')}; every column is described in the "
               f"[data dictionary]({rel(page, 'dictionary.md#' + res.name)}), and the [annotated article]"
               f"({rel(page, 'article.md')}) shows each quote in place.\n",
               "## Speakers\n",
               table(["Speaker", "Quotes"], [[self.row_link(page, ENTITIES, s, md(self.entity_name(s))), str(n)]
                                             for s, n in speakers.most_common()])]
        columns = [c for c in res.columns if c not in HIDDEN_ON_VIEWS]
        out.append("\n## All quotes\n")
        out.append("In the order of the article. **Referenced by** lists the facts that come from the quote, "
                   "and any other rows that point at it.\n\n")
        header = [code(c) for c in columns] + ["Referenced by"]
        rows = []
        for row in res.rows:
            facts = [self.row_link(page, s, r[self.pkg.resources[s].pk])
                     for s, c, r in self.referenced_by(QUOTES, row[res.pk]) if self.pkg.resources[s].pk]
            rows.append([self.value_cell(page, res, c, row[c]) for c in columns] + [", ".join(facts)])
        out.append(table(header, rows))
        return "\n".join(out)

    def figures_page(self) -> str:
        page, res = "figures.md", self.pkg.table(FIGURES)
        columns = [c for c in res.columns if c not in HIDDEN_ON_VIEWS]
        return "\n".join([
            "---\nhide:\n  - navigation\n---\n", "# Figures\n",
            prose(res.description) + f" {plural(len(res.rows), 'row')}, in the order of the article; every column is described in "
            f"the [data dictionary]({rel(page, 'dictionary.md#' + res.name)}). `value` is the number as printed, "
            "as a decimal; `approximate` says whether the text hedges it.\n",
            self.rows_table(page, res, res.rows, columns)])

    # ------------------------------------------------------------ the annotated article

    def article_page(self) -> str:
        page = "article.md"
        kinds = "; ".join(f"**{md(label)}** from [{code(name)}]({rel(page, f'tables/{name}.md')})"
                          for name, _, label, _ in HIGHLIGHTS)
        out = ["---\nhide:\n  - navigation\n  - toc\n---\n", "# Annotated article\n",
               "The article text with every annotated span drawn as a coloured band under the words: " + kinds + ". "
               "Overlapping spans sit in separate bands, the kinds listed first nearest the text. Click a band "
               "(or the words above it) to see every span there, with its row ID and key columns; hover for a summary. "
               "Use the legend to hide kinds, and the speaker list to keep only what one speaker is reported to say "
               "(their quotes, and the facts and figures they are the claimant of).\n"]
        for article_id in sorted(self.pkg.texts):
            if len(self.pkg.texts) > 1:
                out.append(f"\n## {code(article_id)} {{ #{article_id} }}\n")
            out.append(f'\n<div class="aa-placeholder" data-article="{attr(article_id)}"></div>\n')
        return "\n".join(out)

    def article_spans(self, article_id: str, url: Resolver) -> tuple[list[dict], int]:
        text = self.pkg.texts[article_id]
        points = list(text)
        spans, rows = [], {}
        for name, kind, _, _ in HIGHLIGHTS:
            res = self.pkg.table(name)
            for row in res.rows:
                if row.get("article_id", article_id) != article_id or row["start"] == "" or row["end"] == "":
                    continue
                start, end = int(row["start"]), int(row["end"])
                if "".join(points[start:end]) != row["text"]:
                    raise DocsError(f"{name} {row[res.pk]}: text differs from the article at {start}:{end}")
                if "\n" in row["text"]:
                    raise DocsError(f"{name} {row[res.pk]}: the span crosses a line break, which the article page cannot draw")
                span = Span(row[res.pk], name, kind, start, end)
                spans.append(span)
                rows[(name, span.id)] = row
        lanes = assign_lanes(spans, [kind for _, kind, _, _ in HIGHLIGHTS])
        keys = {name: columns for name, _, _, columns in HIGHLIGHTS}
        quote_speaker = {row[self.pkg.table(QUOTES).pk]: row["speaker_id"] for row in self.pkg.table(QUOTES).rows}
        out = []
        for span in sorted(spans, key=lambda s: (s.start, -s.end, s.table, s.id)):
            res, row = self.pkg.resources[span.table], rows[(span.table, span.id)]
            said = {row[c] for t, c in SAID_BY if t == span.table and row.get(c)}
            if row.get("quote_id") and res.reference("quote_id") == QUOTES and row["quote_id"] in quote_speaker:
                said.add(quote_speaker[row["quote_id"]])
            columns = []
            for column in keys[span.table]:
                value = row[column]
                if value == "":
                    continue
                target = res.reference(column)
                shown = self.entity_name(value) if target == ENTITIES else value
                labels = {c["value"]: c.get("label", "") for c in res.field(column).get("categories", [])}
                columns.append([column, shown, labels.get(value, "")])
            out.append({"id": span.id, "table": span.table, "kind": span.kind, "start": span.start, "end": span.end,
                        "lane": span.lane, "text": row["text"], "href": url(self.row_target(span.table, span.id)),
                        "said_by": sorted(said), "columns": columns})
        return out, lanes

    def article_html(self, article_id: str, url: Resolver) -> str:
        """The annotated article widget: legend and filters, the text, and the spans as JSON for docs/javascripts/article.js."""
        spans, lanes = self.article_spans(article_id, url)
        counts = Counter(s["kind"] for s in spans)
        said = Counter(entity for s in spans if s["table"] == QUOTES for entity in s["said_by"])
        legend = "".join(
            f'<label class="aa-kind"><input type="checkbox" class="aa-kind-toggle" value="{attr(kind)}" checked>'
            f'<span class="aa-swatch aa-k-{attr(kind)}" aria-hidden="true"></span>{html.escape(label)} '
            f'<span class="aa-n">({counts.get(kind, 0)})</span></label>'
            for _, kind, label, _ in HIGHLIGHTS)
        options = "".join(f'<option value="{attr(entity)}">{html.escape(self.entity_name(entity))} ({n} quotes)</option>'
                          for entity, n in sorted(said.items(), key=lambda item: (-item[1], self.entity_name(item[0]))))
        data = {"article_id": article_id, "text": self.pkg.texts[article_id], "lanes": lanes, "spans": spans,
                "kinds": [{"kind": kind, "label": label, "table": name} for name, kind, label, _ in HIGHLIGHTS],
                "entities": {s: self.entity_name(s) for s in said}}
        language = next((r.get("language", "") for r in self.pkg.table(ARTICLES).rows if r["article_id"] == article_id), "")
        return (
            f'<div class="aa" id="aa-{attr(article_id)}" data-article-id="{attr(article_id)}" data-spans="{len(spans)}">'
            f'<div class="aa-controls">'
            f'<fieldset class="aa-legend"><legend>Legend: show or hide each kind</legend>{legend}</fieldset>'
            f'<label class="aa-speaker-label">Speaker <select class="aa-speaker">'
            f'<option value="">Anyone: every highlight</option>{options}</select></label>'
            f'<p class="aa-status" aria-live="polite">{len(spans)} highlights</p></div>'
            f'<div class="aa-main"><div class="aa-frame"><div class="aa-text" lang="{attr(language)}" '
            f'style="--aa-lanes: {lanes}">{html.escape(self.pkg.texts[article_id])}</div></div>'
            f'<aside class="aa-details" aria-live="polite"><p class="aa-hint">Click a highlight to see its rows here.</p></aside></div>'
            f'<script type="application/json" class="aa-data">{script_json(data)}</script></div>')

    def fragments(self, markdown_html: str, url: Resolver) -> str:
        """Replace the article placeholders of a rendered page by the widgets."""
        def widget(match):
            article_id = html.unescape(match.group(1))
            if article_id not in self.pkg.texts:
                raise DocsError(f"no article `{article_id}` in the package")
            return self.article_html(article_id, url)
        return re.sub(r'<div class="aa-placeholder" data-article="([^"]*)"></div>', widget, markdown_html)

    # ------------------------------------------------------------ changelog and snippets for hand-written pages

    def changelog_page(self) -> str:
        if self.pkg.changelog:
            text = self.pkg.changelog
            return text if text.lstrip().startswith("# ") else "# Changelog\n\n" + text
        return (f"# Changelog\n\nNo `CHANGELOG.md` yet. This site documents version {md(self.version)} "
                f"of `{md(self.name)}`.\n")

    def snippet(self, name: str, page: str) -> str:
        """Generated Markdown for a `<!-- docs:NAME -->` marker in a hand-written page."""
        method = getattr(self, "snippet_" + name.replace("-", "_"), None)
        if method is None:
            raise DocsError(f"docs/{page}: unknown marker `<!-- docs:{name} -->`")
        return method(page)

    def snippet_package_summary(self, page: str) -> str:
        d = self.pkg.descriptor
        return (f"**{md(d.get('title', self.name))}**\n\n{prose(d.get('description', ''))}\n\n"
                f"- **Name**: {code(self.name)} · **Version**: {md(self.version)} · **Created**: {md(d.get('created', ''))}\n"
                f"- **Tables**: {len(self.pkg.tables)}, {sum(len(r.rows) for r in self.pkg.tables)} rows; "
                f"**articles**: {len(self.pkg.texts)}\n")

    def snippet_downloads(self, page: str) -> str:
        size = len(self.assets[self.zip_path]) if self.zip_path in self.assets else len(self.zip_bytes())
        lines = [f"- **Everything, as one zip** ({size:,} bytes): [{code(posixpath.basename(self.zip_path))}]"
                 f"({rel(page, self.zip_path)}), which unpacks to a folder holding `datapackage.json` and `data/`.",
                 f"- **The descriptor**: [{code('datapackage.json')}]({rel(page, 'datapackage.json')}) (Frictionless Data Package v2)."]
        for res in self.pkg.resources.values():
            rows = f", {plural(len(res.rows), 'row')}" if res.is_table else ""
            lines.append(f"- [{code(res.path)}]({rel(page, res.path)}): {md(res.title)}{rows}")
        return "\n".join(lines) + "\n"

    def snippet_quick_look(self, page: str) -> str:
        quotes = self.pkg.table(QUOTES)
        out = [table(["Table", "Rows", "What a row is"],
                     [[f"[{md(r.title)}]({rel(page, f'tables/{r.name}.md')})", str(len(r.rows)), prose(r.description)]
                      for r in self.pkg.tables])]
        firsts: dict[str, dict] = {}
        for row in quotes.rows:
            firsts.setdefault(row["speaker_id"], row)
        sample = list(firsts.values())[:5]
        if sample:
            out.append(f"\nThe first quote of each speaker ({len(sample)} of {len(quotes.rows)} "
                       f"[quotes]({rel(page, 'quotes.md')})):\n\n")
            out.append(self.rows_table(page, quotes, sample, [c for c in (quotes.pk, "speaker_id", "kind", "text")
                                                             if c in quotes.columns]))
        return "\n".join(out)

    def snippet_composition(self, page: str) -> str:
        rows = []
        for res in self.pkg.tables:
            for fld in res.fields:
                if fld.get("categories"):
                    counts = Counter(row[fld["name"]] for row in res.rows)
                    rows.append([code(f"{res.name}.{fld['name']}"),
                                 ", ".join(f"{code(c['value'])} {counts.get(c['value'], 0)}" for c in fld["categories"])])
        return (table(["Table", "Rows", "What a row is"],
                      [[f"[{code(r.name)}]({rel(page, 'dictionary.md#' + r.name)})", str(len(r.rows)), prose(r.description)]
                       for r in self.pkg.tables])
                + "\nHow the rows divide among the allowed values of each categorical column:\n\n"
                + table(["Column", "Rows per value"], rows))

    def snippet_licences(self, page: str) -> str:
        d = self.pkg.descriptor
        lines = ["- **The package** (annotations, tables, metadata): " +
                 "; ".join(self.licence_text(lic) for lic in d.get("licenses", []))]
        for res in self.pkg.resources.values():
            own = res.descriptor.get("licenses", [])
            if own and own != d.get("licenses", []):
                lines.append(f"- [{code(res.path)}]({rel(page, res.path)}): " + "; ".join(self.licence_text(lic) for lic in own))
        return "\n".join(lines) + "\n"

    def snippet_sources(self, page: str) -> str:
        lines = []
        for src in self.pkg.descriptor.get("sources", []):
            title = md(src.get("title", ""))
            lines.append(f"- {title}" + (f": {external(src['path'])}" if src.get("path") else ""))
        return "\n".join(lines) + "\n" if lines else "*The descriptor lists no sources.*\n"

    def snippet_contributors(self, page: str) -> str:
        lines = [f"- {md(c.get('title', ''))}" + (f" ({', '.join(md(r) for r in c.get('roles', []))})" if c.get("roles") else "")
                 for c in self.pkg.descriptor.get("contributors", [])]
        return "\n".join(lines) + "\n" if lines else "*The descriptor lists no contributors.*\n"

    def citation_text(self) -> tuple[str, str]:
        d = self.pkg.descriptor
        authors = "; ".join(c.get("title", "") for c in d.get("contributors", [])) or "Unknown"
        year = (d.get("created") or "")[:4]
        plain = f"{authors} ({year}). {d.get('title', self.name)} (Version {self.version}) [Data set]."
        if d.get("homepage"):
            plain += f" {d['homepage']}"
        bib = (f"@misc{{{re.sub(r'[^A-Za-z0-9]+', '_', self.name)}_{self.version.replace('.', '_')},\n"
               f"  author = {{{{{authors}}}}},\n  title = {{{{{d.get('title', self.name)}}}}},\n"
               f"  year = {{{year}}},\n  version = {{{self.version}}},\n  note = {{Data set}}")
        if d.get("homepage"):
            bib += f",\n  url = {{{d['homepage']}}}"
        return plain, bib + "\n}"

    def snippet_citation(self, page: str) -> str:
        plain, bib = self.citation_text()
        return f"{md(plain)}\n\n" + fence(bib, "bibtex")

    def snippet_curl(self, page: str) -> str:
        lines = ['BASE="http://127.0.0.1:8000"   # `make serve`; use the address where this site is published',
                 f'curl -fsSLO "$BASE/{self.zip_path}"',
                 'curl -fsSL "$BASE/datapackage.json" -o datapackage.json']
        lines += [f'curl -fsSL --create-dirs "$BASE/{r.path}" -o "{r.path}"' for r in self.pkg.resources.values()]
        return fence("\n".join(lines), "sh")


def generate(root: Path = ROOT) -> Site:
    """Every generated page and file for the package at root."""
    return Site(load_package(root)).build()


MARKER = re.compile(r"<!--\s*docs:([a-z-]+)\s*-->")


def fill_markers(markdown: str, site: Site, page: str) -> str:
    return MARKER.sub(lambda m: site.snippet(m.group(1), page), markdown)


def write_pages(site: Site, out: Path) -> list[Path]:
    """Write the generated Markdown (article widgets inlined, links left as .md paths) for review."""
    written = []
    for rel_path, text in sorted(site.pages.items()):
        path = out / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        page_url = lambda target, rel_path=rel_path: rel(rel_path, target)
        path.write_text(site.fragments(text, page_url), encoding="utf-8")
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the package: datapackage.json and data/ (default: the repository)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "docs-pages", help="where to write the generated Markdown")
    args = parser.parse_args(argv)
    try:
        site = generate(args.root)
        written = write_pages(site, args.out)
    except DocsError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 1
    print(f"generated {len(written)} pages into {args.out} and {len(site.assets)} downloadable files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
