"""People and organisations: an index by type, and one page per entity listing every row that points at it."""

from __future__ import annotations

from collections import Counter, defaultdict

from scripts.docs.config import ENTITIES, ENTITY_NAME, ENTITY_PAGE_SKIP, HIGHLIGHTS, ROLES, SAFE_ID
from scripts.docs.loading import DocsError
from scripts.docs.site import Site
from scripts.docs.templating import render
from scripts.docs.text import code, external, md, number, prose, rel
from scripts.docs.wording import Corpus


def relations(site: Site) -> list[tuple[str, str]]:
    """Every (table, column) that references an entity, in the order of ROLES, then the rest."""
    found = [(r.name, fields[0]) for r in site.pkg.tables for fields, target, _ in r.foreign_keys
             if target == ENTITIES and len(fields) == 1]
    return [rc for rc in ROLES if rc in found] + [rc for rc in found if rc not in ROLES]


def index_page(site: Site) -> str:
    page, ents = "entities/index.md", site.pkg.resource(ENTITIES)
    type_field = ents.field("type") if "type" in ents.columns else {}
    links = relations(site)
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in ents.rows:
        groups[row.get("type", "")].append(row)
    order = [c["value"] for c in type_field.get("categories", [])] or sorted(groups)
    labels = {c["value"]: c.get("label", "") for c in type_field.get("categories", [])}
    header = ["Name", "Description"] + [md(site.pkg.resources[t].title) + f" ({code(c)})" for t, c in links]
    sections = []
    for kind in order + sorted(set(groups) - set(order)):
        if not groups.get(kind):
            continue
        rows = []
        for row in sorted(groups[kind], key=lambda r: r[ENTITY_NAME].casefold()):
            counts = Counter((s, c) for s, c, _ in site.referenced_by(ENTITIES, row[ents.pk]))
            rows.append([site.row_link(page, ENTITIES, row[ents.pk], md(row[ENTITY_NAME])), md(row.get("description", ""))]
                        + [number(counts[rc]) if counts.get(rc) else "" for rc in links])
        sections.append({"title": md(kind.capitalize() if kind else "Other"), "anchor": f"type-{kind or 'other'}",
                         "label": prose(labels.get(kind, "")), "rows": rows})
    return render("entities_index.md.j2", header=header, sections=sections, corpus=Corpus(site))


def entity_facts(site: Site, page: str, row: dict) -> list[str]:
    ents = site.pkg.resource(ENTITIES)
    facts = []
    for column in ents.columns:
        if column == ENTITY_NAME or column in ENTITY_PAGE_SKIP or row[column] == "":
            continue
        value = site.value_cell(page, ents, column, row[column], wide=False)
        if column == "wikidata":
            value = external(f"https://www.wikidata.org/wiki/{row[column]}", row[column])
        facts.append(f"**{md(column)}**: {value}")
    entity_id = row[ents.pk]
    facts.append(f"**Row**: [{code(entity_id)} in the entities table]({rel(page, f'tables/{ENTITIES}.md#{entity_id}')})")
    return facts


def entity_page(site: Site, row: dict) -> str:
    entity_id = row[site.pkg.resource(ENTITIES).pk]
    page = f"entities/{entity_id}.md"
    refs = site.referenced_by(ENTITIES, entity_id)
    keys = {name: columns for name, _, _, columns in HIGHLIGHTS}
    corpus = Corpus(site)
    groups = []
    for table_name, column in relations(site):
        rows = [r for s, c, r in refs if (s, c) == (table_name, column)]
        if not rows:
            continue
        res = site.pkg.resources[table_name]
        heading = ROLES.get((table_name, column), f"{res.title}: rows whose {column} is this entity")
        columns = [c for c in site.view_columns(res, keys.get(table_name)) if c != column]
        groups.append({"heading": md(corpus.reword(heading)), "count": len(rows),
                       "anchor": f"{table_name}-{column.replace('_', '-')}",
                       "table": site.rows_table(page, res, rows, columns)})
    return render("entity.md.j2", name=row[ENTITY_NAME], facts=entity_facts(site, page, row), groups=groups)


def add_pages(site: Site) -> None:
    if ENTITIES not in site.pkg.resources:
        return
    ents = site.pkg.resource(ENTITIES)
    site.pages["entities/index.md"] = index_page(site)
    site.nav_children["entities/index.md"] = []
    for row in sorted(ents.rows, key=lambda r: r[ENTITY_NAME].casefold()):
        entity_id = row[ents.pk]
        if not SAFE_ID.fullmatch(entity_id):
            raise DocsError(f"entity ID {entity_id!r} cannot name a page")
        site.pages[f"entities/{entity_id}.md"] = entity_page(site, row)
        site.nav_children["entities/index.md"].append(f"entities/{entity_id}.md")
