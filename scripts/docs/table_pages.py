"""One page per table (every row, sortable and filterable) and the index of tables."""

from __future__ import annotations

import posixpath

from scripts.docs.config import ENTITIES, PAGE_ROWS
from scripts.docs.downloads import page_url
from scripts.contract.reader import Resource
from scripts.docs.site import Site
from scripts.docs.templating import render
from scripts.docs.text import code, md, number, prose, rel


def published_rel(page: str, target: str) -> str:
    """A link from a page as MkDocs publishes it (tables/x/), for attributes MkDocs does not rewrite."""
    return posixpath.relpath(target, page_url(page).rstrip("/") or ".")


def constant_columns(res: Resource) -> dict[str, str]:
    """Columns holding one same value on every row (of two or more): stated once above the table instead."""
    if len(res.rows) < 2:
        return {}
    return {c: res.rows[0][c] for c in res.columns
            if c not in res.primary_key and len({row[c] for row in res.rows}) == 1}


def with_refs(site: Site, res: Resource) -> bool:
    return bool(res.pk) and res.name != ENTITIES and any(site.referenced_by(res.name, row[res.pk]) for row in res.rows)


def refs_cell(site: Site, page: str, resource: str, value: str) -> str:
    links = []
    for source, _, row in site.referenced_by(resource, value):
        src = site.pkg.resources[source]
        if src.pk:
            links.append(site.row_link(page, source, row[src.pk]))
    return ", ".join(links)


def table_page(site: Site, res: Resource) -> str:
    page = f"tables/{res.name}.md"
    same = constant_columns(res)
    columns = [c for c in res.columns if c not in same]
    header = [code(c) for c in columns]
    refs = with_refs(site, res)
    if refs:
        header.append("Referenced by")
    rows = []
    for row in res.rows[:PAGE_ROWS]:
        cells = [site.value_cell(page, res, c, row[c], anchor=True, row=row) for c in columns]
        if refs:
            cells.append(refs_cell(site, page, res.name, row[res.pk]))
        rows.append(cells)
    constant = [(code(c), site.value_cell(page, res, c, v, wide=False) or "empty") for c, v in same.items()]
    large = len(res.rows) > PAGE_ROWS
    return render("table.md.j2", res=res, page=page, header=header, rows=rows, refs=refs, constant=constant,
                  is_entities=res.name == ENTITIES, key=0 if res.pk in columns else None, shown=len(rows),
                  csv=rel(page, res.path) if large else "", csv_url=published_rel(page, res.path) if large else "",
                  later=[row[res.pk] for row in res.rows[PAGE_ROWS:]] if large and res.pk else [])


def index_page(site: Site) -> str:
    page = "tables/index.md"
    rows = [[f"[{code(r.name)}]({rel(page, f'tables/{r.name}.md')})", md(r.title), number(len(r.rows)), prose(r.description)]
            for r in site.pkg.tables]
    return render("tables_index.md.j2", rows=rows, id_lookup="<!-- docs:id-lookup -->")


def add_pages(site: Site) -> None:
    site.pages["tables/index.md"] = index_page(site)
    site.nav_children["tables/index.md"] = []
    for res in site.pkg.tables:
        site.pages[f"tables/{res.name}.md"] = table_page(site, res)
        site.nav_children["tables/index.md"].append(f"tables/{res.name}.md")
