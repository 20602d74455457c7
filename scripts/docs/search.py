"""Search entries of their own for every quote, fact and figure, so that a search for a quote's words finds its row.

MkDocs' search indexes pages by heading; a quote is one row among many on a page. Each located row gets an entry
on its article page and on its reading view (Quotes, Facts, Figures): the row's words as the title (the field
Material's search weighs most), its kind, speaker and primary-record verdict as the text. The location carries
`?row=ID`, which docs/javascripts/article.js and tables.js read to scroll to and highlight the row; a location
of its own (not `page/#ID`) makes the entry a result of its own rather than a section under the page. The
article entry of a quote is boosted most, so the quote's row on its article is the first result.
"""

from __future__ import annotations

import html

from scripts.docs.config import FACTS, FIGURES, QUOTES
from scripts.docs.downloads import page_url
from scripts.docs.verdicts import voice

VIEWS = {QUOTES: "quotes.md", FACTS: "facts.md", FIGURES: "figures.md"}
BOOST = {(QUOTES, "article"): 4.0, (FACTS, "article"): 2.0, (FIGURES, "article"): 3.0,
         (QUOTES, "view"): 2.0, (FACTS, "view"): 1.0, (FIGURES, "view"): 1.5}
QUOTE_MARKS = "“\"‘'«"  # a direct quote's text holds its own marks
KIND = {QUOTES: "quote", FACTS: "fact", FIGURES: "figure"}


def describe(site, table: str, row: dict) -> str:
    """'Direct quote by Claudia Sheinbaum · primary record: Changed from the record · stc-q04'."""
    res = site.pkg.resource(table)
    if table == QUOTES:
        who = f"by {site.entity_name(row['speaker_id'])}" if row.get("speaker_id") else "unattributed"
        what = f"{row.get('kind', '').capitalize()} quote {who}".strip()
    else:
        claimant = row.get("claimant_id", "")
        what = f"{KIND[table].capitalize()}, " + (f"claimed by {site.entity_name(claimant)}" if claimant else voice(row))
        if table == FIGURES:
            what += f": {row.get('value', '')} {row.get('unit', '')}".rstrip()
    parts = [what]
    verdict = site.verdicts.summary(table, row[res.pk])
    if verdict:
        parts.append(f"primary record: {verdict}")
    parts.append(row[res.pk])
    return " · ".join(parts)


def entries(site) -> list[dict]:
    out = []
    for table, view in VIEWS.items():
        if table not in site.pkg.resources:
            continue
        res = site.pkg.resource(table)
        for row in res.rows:
            if not row.get("text"):
                continue
            text, row_id = row["text"], row[res.pk]
            places = [("view", page_url(view))]
            if row.get("article_id") in site.pkg.texts and row.get("start") != "":
                places.insert(0, ("article", page_url(f"articles/{row['article_id']}.md")))
            for where, url in places:
                title = text if text[:1] in QUOTE_MARKS else f"“{text}”"
                # Material's index holds HTML (it renders results as HTML): data text is escaped
                out.append({"location": f"{url}?row={row_id}", "title": html.escape(title, quote=False),
                            "text": html.escape(describe(site, table, row), quote=False),
                            "boost": BOOST[(table, where)]})
    return out
