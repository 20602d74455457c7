"""The annotated articles: an index page, and one page per article holding its widget.

A page holds a placeholder; once MkDocs has rendered the Markdown, `fragments` replaces it by the widget
(docs/templates/article_widget.html.j2): the reading view, the all-layers view, the panel, and the
spans as JSON for docs/javascripts/article.js.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from scripts.docs.config import ARTICLES, ATTRIBUTED, HIGHLIGHTS, MENTIONS, OWN_VOICE, QUOTES

FIRST_WORDS = 8  # an article without a headline is labelled by its first words
from scripts.docs.loading import DocsError
from scripts.docs.reading import SPEAKER_STYLES, attributions, segments, tokens
from scripts.docs.lanes import article_spans
from scripts.docs.templating import render
from scripts.docs.text import code, md, number, rel
from scripts.docs.wording import Corpus

PLACEHOLDER = re.compile(r'<div class="aa-placeholder" data-article="([^"]*)"></div>')


def article_row(site, article_id: str) -> dict:
    return next((r for r in site.pkg.resource(ARTICLES).rows if r["article_id"] == article_id), {})


def counts(site, article_id: str) -> dict[str, int]:
    return {name: len(site.pkg.rows_of(name, article_id)) for name, *_ in HIGHLIGHTS}


def index_page(site) -> str:
    page = "articles/index.md"
    rows = []
    for article_id in site.articles:
        found = counts(site, article_id)
        row = article_row(site, article_id)
        rows.append([f"[{md(display_title(site, article_id))}]({rel(page, f'articles/{article_id}.md')}) ({code(article_id)})",
                     code(row.get("language", ""))]
                    + [number(found[name]) for name, *_ in HIGHLIGHTS]
                    + [number(len(site.pkg.texts[article_id]))])
    header = ["Article", "Language"] + [label + "s" for _, _, label, _ in HIGHLIGHTS] + ["Characters"]
    return render("articles_index.md.j2", rows=rows, header=header, corpus=Corpus(site))


def article_page(site, article_id: str) -> str:
    page = f"articles/{article_id}.md"
    kinds = [(label, name, rel(page, f"tables/{name}.md")) for name, _, label, _ in HIGHLIGHTS]
    return render("article.md.j2", article_id=article_id, title=display_title(site, article_id), kinds=kinds,
                  several=site.several_articles, found=counts(site, article_id))


def add_pages(site) -> None:
    site.pages["articles/index.md"] = index_page(site)
    site.nav_children["articles/index.md"] = []
    for article_id in site.articles:
        site.pages[f"articles/{article_id}.md"] = article_page(site, article_id)
        site.nav_children["articles/index.md"].append(f"articles/{article_id}.md")


def speakers(site, article_id: str) -> list[tuple[str, int]]:
    """The article's speakers, most quoted first: their order fixes their colour and line style."""
    said = Counter(row["speaker_id"] for row in site.pkg.rows_of(QUOTES, article_id) if row["speaker_id"])
    return sorted(said.items(), key=lambda item: (-item[1], site.entity_name(item[0]).casefold()))


def display_title(site, article_id: str) -> str:
    """The article's headline; without one, a label that says what it is: its publisher or language and its
    first words (never its ID)."""
    row = article_row(site, article_id)
    if row.get("title"):
        return row["title"]
    words = site.pkg.texts[article_id].split()
    opening = " ".join(words[:FIRST_WORDS]) + ("…" if len(words) > FIRST_WORDS else "")
    source = f"from {row['publisher']}" if row.get("publisher") else "headline not given"
    return f"News article ({source}): “{opening}”"


def roles(site, article_id: str, spans: list[dict]) -> dict[str, str]:
    """"table/id" -> what the row is, in words a screen reader says: "direct quote by Claudia Sheinbaum",
    "unattributed statement", "fact in the article's own voice", "mention of Donald Trump"."""
    quotes = {r["quote_id"]: r for r in site.pkg.rows_of(QUOTES, article_id)}
    kinds = {name: label.lower() for name, _, label, _ in HIGHLIGHTS}
    out = {}
    for span in spans:
        key, label = f'{span["table"]}/{span["id"]}', kinds[span["table"]]
        if span["table"] == QUOTES:
            row = quotes.get(span["id"], {})
            kind = row.get("kind", "")
            label = f"{kind} quote by {site.entity_name(row['speaker_id'])}" if row.get("speaker_id") \
                else f"unattributed {kind + ' ' if kind else ''}statement"
        elif "voice" in span:
            claimant = next((c[1] for c in span["columns"] if c[0] == "claimant_id"), "")
            label += f" attributed to {claimant}" if claimant else (" from a quote" if span["voice"] == ATTRIBUTED
                                                                    else f" in the {OWN_VOICE}")
        elif span["table"] == MENTIONS:
            entity = next((c[1] for c in span["columns"] if c[0] == "entity_id"), "")
            label = f"mention of {entity}" if entity else label
        out[key] = label
    return out


def widget(site, article_id: str, url) -> str:
    """The annotated article widget for one article."""
    spans, lanes = article_spans(site, article_id, url)
    text = site.pkg.texts[article_id]
    who = speakers(site, article_id)
    quotes = attributions(site, article_id, [s for s, _ in who])
    named = roles(site, article_id, spans)
    starts: dict[int, list[str]] = {}
    for span in spans:
        starts.setdefault(span["start"], []).append(span["id"])
    reading = tokens(text, segments(len(text), spans, quotes, site.entity_name), named.__getitem__, site.entity_name, starts)
    legend = [{"id": s, "name": site.entity_name(s), "n": n, "colour": i % 8, "style": SPEAKER_STYLES[i % len(SPEAKER_STYLES)]}
              for i, (s, n) in enumerate(who)]
    alone = [a for a in quotes if not a.speaker]  # quotes without a speaker: marked in the colour after the speakers'
    unattributed = {"n": len(alone), "colour": alone[0].colour, "style": alone[0].style} if alone else None
    found = Counter(s["kind"] for s in spans)
    data = {"article_id": article_id, "text": text, "lanes": lanes, "spans": spans,
            "kinds": [{"kind": kind, "label": label, "table": name} for name, kind, label, _ in HIGHLIGHTS],
            "entities": {s: site.entity_name(s) for s, _ in who},
            "quotes": {a.quote_id: {"speaker": a.speaker, "cue": a.cue, "depth": a.depth, "kind": a.kind,
                                    "source": a.source["mention_id"] if a.source else None} for a in quotes}}
    return render("article_widget.html.j2", article_id=article_id, language=article_row(site, article_id).get("language", ""),
                  spans=spans, lanes=lanes, reading=reading, legend=legend, unattributed=unattributed, data=data, highlights=HIGHLIGHTS,
                  found=found, text=text)


def fragments(site, markdown_html: str, url) -> str:
    """Replace the article placeholders of a rendered page by the widgets."""
    def replace(match):
        article_id = html.unescape(match.group(1))
        if article_id not in site.pkg.texts:
            raise DocsError(f"no article `{article_id}` in the package")
        return widget(site, article_id, url)
    return PLACEHOLDER.sub(replace, markdown_html)
