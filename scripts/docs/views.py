"""The Quotes, Facts and Figures pages: reading views of three tables that answer where a reader looks.

Each row shows, beside its text: its offsets (`start`, `end`), who says it (the speaker, or the claimant and the
voice: the article's own or attributed), its kind, and what the primary record says (scripts/docs/verdicts.py):
the verdict in words, which opens the note, the record and the alignment row in a full-width row below. Cue
offsets are labelled as such. The columns a reader filters on (speaker, kind, voice, primary record) get a
whole-value filter (docs/javascripts/tables.js), which a link can preset: `quotes/?speaker_id=…&kind=direct`.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from scripts.docs.config import ALIGNMENTS, ARTICLE_ID, ATTRIBUTED, ENTITIES, FACTS, FIGURES, NOT_CHECKED, OWN_VOICE, QUOTES, SAFE_ID
from scripts.contract.reader import Resource
from scripts.docs.site import Site
from scripts.docs.templating import render
from scripts.docs.text import attr, code, external, md, number, prose, rel
from scripts.docs.verdicts import voice
from scripts.docs.wording import Corpus

FIRST = ("text", "start", "end", "speaker_id", "claimant_id", "kind", "value", "unit")  # after the ID, in this order
CUE_OFFSETS = ("cue_start", "cue_end")
PRIMARY, VOICE, REFS = "Primary record", "Voice", "Referenced by"
FILTERED = ("speaker_id", "claimant_id", "kind", "unit", "factuality", PRIMARY, VOICE)  # whole-value filters


def columns_of(site: Site, res: Resource) -> list[str]:
    """The ID, then text, offsets, who and kind, then the rest (no sentence ID; article ID only in a corpus)."""
    hidden = {"sentence_id"} | (set() if site.several_articles else {ARTICLE_ID})
    rest = [c for c in res.columns if c not in hidden]
    first = [res.pk] + [c for c in (ARTICLE_ID, *FIRST) if c in rest and c != res.pk]
    return first + [c for c in rest if c not in first]


def header_of(column: str) -> str:
    return f"{code(column)} (cue offset)" if column in CUE_OFFSETS else code(column)


def record_link(row: dict) -> str:
    return external(row["record_url"], row["record"]) if row.get("record_url") else md(row.get("record", ""))


def primary_cell(site: Site, page: str, table: str, row_id: str) -> str:
    """The verdict in words; open it for the note, the record and the alignment row (in a full-width row)."""
    found = site.verdicts.of(table, row_id)
    if not found:
        return md(NOT_CHECKED)
    return "".join(render("snippets/verdict.md.j2", v=v, note=md(v["note"]), record=record_link(v),
                          alignment=site.row_link(page, ALIGNMENTS, v["id"]), label=md(v["label"]),
                          title=attr(v["note"]).replace("|", "&#124;")).replace("\n", " ")
                   for v in found)


def refs_cell(site: Site, page: str, res: Resource, row_id: str) -> str:
    return ", ".join(site.row_link(page, s, r[site.pkg.resources[s].pk])
                     for s, _, r in site.referenced_by(res.name, row_id) if site.pkg.resources[s].pk)


def view(site: Site, page: str, name: str) -> dict:
    """The header, rows and filtered columns of one reading view."""
    res = site.pkg.resource(name)
    columns = columns_of(site, res)
    checked = name in site.verdicts.checkable
    voiced = "claimant_id" in res.columns
    refs = any(site.referenced_by(name, row[res.pk]) for row in res.rows)
    header = [header_of(c) for c in columns]
    at = max(columns.index(c) for c in (res.pk, ARTICLE_ID, *FIRST) if c in columns) + 1  # voice and verdict go after these
    extra = ([VOICE] if voiced else []) + ([PRIMARY] if checked else [])
    header = header[:at] + extra + header[at:] + ([REFS] if refs else [])
    rows = []
    for row in res.rows:
        cells = [site.value_cell(page, res, c, row[c], row=row) for c in columns]
        if SAFE_ID.fullmatch(row[res.pk]):  # the row's anchor on this page, for links and search results
            cells[0] = f'<span class="dp-row-anchor" id="{row[res.pk]}"></span>' + cells[0]
        added = ([md(voice(row))] if voiced else []) + ([primary_cell(site, page, name, row[res.pk])] if checked else [])
        cells = cells[:at] + added + cells[at:] + ([refs_cell(site, page, res, row[res.pk])] if refs else [])
        rows.append(cells)
    names = columns[:at] + extra + columns[at:]
    return {"res": res, "header": header, "rows": rows, "description": prose(res.description),
            "choices": [i for i, c in enumerate(names) if c in FILTERED], "checked": checked, "voiced": voiced}


def speaker_rows(site: Site, page: str, res: Resource) -> tuple[list[str], list[list[str]]]:
    """Each speaker: their quotes, and per kind a link that shows just those rows, offsets and verdicts beside."""
    kinds = [c["value"] for c in res.field("kind").get("categories", [])] if "kind" in res.columns else []
    said = Counter(row["speaker_id"] for row in res.rows)
    by_kind = Counter((row["speaker_id"], row.get("kind", "")) for row in res.rows)
    rows = []
    for speaker, n in said.most_common():
        name = site.entity_name(speaker) if speaker else ""
        who = site.row_link(page, ENTITIES, speaker, md(name)) if speaker else "*Unattributed* (no speaker named)"
        cells = [who, filter_link(number(n), {"speaker_id": name})]
        for kind in kinds:
            count = by_kind[(speaker, kind)]
            cells.append(filter_link(f"{number(count)} {md(kind)}", {"speaker_id": name, "kind": kind}) if count else "")
        rows.append(cells)
    return ["Speaker", "Quotes"] + [md(k.capitalize()) for k in kinds], rows


def filter_link(label: str, params: dict[str, str]) -> str:
    """A link to this page's table, filtered by whole values (an empty speaker is the unattributed quotes)."""
    return f'<a href="?{attr(urlencode(params))}#all-quotes">{label}</a>'


def quotes_page(site: Site) -> str:
    page = "quotes.md"
    v = view(site, page, QUOTES)
    header, speakers = speaker_rows(site, page, v["res"])
    return render("quotes.md.j2", page=page, v=v, speakers=speakers, speaker_header=header, corpus=Corpus(site))


def facts_page(site: Site) -> str:
    page = "facts.md"
    return render("facts.md.j2", page=page, v=view(site, page, FACTS), corpus=Corpus(site), own=md(OWN_VOICE),
                  attributed=md(ATTRIBUTED))


def figures_page(site: Site) -> str:
    page = "figures.md"
    return render("figures.md.j2", page=page, v=view(site, page, FIGURES), corpus=Corpus(site))


def add_pages(site: Site) -> None:
    site.pages["quotes.md"] = quotes_page(site)
    site.pages["facts.md"] = facts_page(site)
    site.pages["figures.md"] = figures_page(site)
