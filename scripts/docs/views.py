"""The quotes and figures pages: reading views of two tables, with their speakers, facts and primary records.

When the package has `primary_alignments` (and `primary_records`), rows aligned to a primary record gain a
"Primary record" column: the relation, with the alignment's note on hover and on click, and a link to the
record's original page. Without those resources the pages are unchanged.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from scripts.docs.config import ALIGNMENTS, ENTITIES, FIGURES, QUOTES, RECORDS
from scripts.contract.reader import Resource
from scripts.docs.site import Site
from scripts.docs.templating import render
from scripts.docs.text import attr, code, external, md, number, prose
from scripts.docs.wording import Corpus


def alignments(site: Site, table_name: str) -> dict[str, list[dict]]:
    """Alignment rows by the ID of the row of `table_name` they point at."""
    out: dict[str, list[dict]] = defaultdict(list)
    if ALIGNMENTS in site.pkg.resources and site.pkg.resources[ALIGNMENTS].is_table:
        for row in site.pkg.resources[ALIGNMENTS].rows:
            if row.get("target_table") == table_name and row.get("target_id"):
                out[row["target_id"]].append(row)
    return out


def record_link(site: Site, record_id: str) -> str:
    records = site.pkg.resources.get(RECORDS)
    if not records or not records.is_table or not record_id:
        return code(record_id)
    row = next((r for r in records.rows if r.get("record_id") == record_id), None)
    if row is None:
        return code(record_id)
    label = row.get("title") or record_id
    return external(row["url"], label) if row.get("url") else md(label)


def primary_cell(site: Site, rows: list[dict]) -> str:
    """Each alignment as a disclosure: the relation, and on hover or click the note and the record."""
    cells = []
    for row in rows:
        note = row.get("note", "")
        title = attr(note).replace("|", "&#124;")
        body = " · ".join(part for part in (md(note), record_link(site, row.get("record_id", ""))) if part)
        cells.append(f'<details class="dp-primary" title="{title}"><summary>{md(row.get("relation", ""))}</summary>'
                     f'{body}</details>')
    return "".join(cells)


def view_rows(site: Site, page: str, res: Resource, columns: list[str], refs: bool) -> tuple[list[str], list[list[str]]]:
    aligned = alignments(site, res.name)
    header = [code(c) for c in columns] + (["Referenced by"] if refs else []) + (["Primary record"] if aligned else [])
    rows = []
    for row in res.rows:
        cells = [site.value_cell(page, res, c, row[c]) for c in columns]
        if refs:
            cells.append(", ".join(site.row_link(page, s, r[site.pkg.resources[s].pk])
                                   for s, _, r in site.referenced_by(res.name, row[res.pk]) if site.pkg.resources[s].pk))
        if aligned:
            cells.append(primary_cell(site, aligned.get(row[res.pk], [])))
        rows.append(cells)
    return header, rows


def quotes_page(site: Site) -> str:
    page, res = "quotes.md", site.pkg.resource(QUOTES)
    speakers = Counter(row["speaker_id"] for row in res.rows)
    speaker_rows = [[site.row_link(page, ENTITIES, s, md(site.entity_name(s))), number(n)] for s, n in speakers.most_common()]
    header, rows = view_rows(site, page, res, site.view_columns(res), refs=True)
    return render("quotes.md.j2", res=res, page=page, description=prose(res.description), speakers=speaker_rows,
                  header=header, rows=rows, corpus=Corpus(site), primary=ALIGNMENTS in site.pkg.resources)


def figures_page(site: Site) -> str:
    page, res = "figures.md", site.pkg.resource(FIGURES)
    header, rows = view_rows(site, page, res, site.view_columns(res), refs=False)
    return render("figures.md.j2", res=res, page=page, description=prose(res.description), header=header, rows=rows,
                  corpus=Corpus(site), primary=ALIGNMENTS in site.pkg.resources)


def add_pages(site: Site) -> None:
    site.pages["quotes.md"] = quotes_page(site)
    site.pages["figures.md"] = figures_page(site)
