"""The annotated articles: an index page, and one page per article holding its widget.

A page holds a placeholder; once MkDocs has rendered the Markdown, `fragments` replaces it by the widget
(docs/templates/article_widget.html.j2): the reading view, the all-layers view, the panel, and the
spans as JSON for docs/javascripts/article.js.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from scripts.docs.config import ARTICLES, HIGHLIGHTS, QUOTES
from scripts.docs.loading import DocsError
from scripts.docs.reading import SPEAKER_STYLES, attributions, segments, tokens
from scripts.docs.lanes import article_spans
from scripts.docs.templating import render
from scripts.docs.text import code, number, rel
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
        rows.append([f"[{code(article_id)}]({rel(page, f'articles/{article_id}.md')})", code(row.get("language", ""))]
                    + [number(found[name]) for name, *_ in HIGHLIGHTS]
                    + [number(len(site.pkg.texts[article_id]))])
    header = ["Article", "Language"] + [label + "s" for _, _, label, _ in HIGHLIGHTS] + ["Characters"]
    return render("articles_index.md.j2", rows=rows, header=header, corpus=Corpus(site))


def article_page(site, article_id: str) -> str:
    page = f"articles/{article_id}.md"
    kinds = [(label, name, rel(page, f"tables/{name}.md")) for name, _, label, _ in HIGHLIGHTS]
    return render("article.md.j2", article_id=article_id, kinds=kinds, several=site.several_articles,
                  found=counts(site, article_id))


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


def widget(site, article_id: str, url) -> str:
    """The annotated article widget for one article."""
    spans, lanes = article_spans(site, article_id, url)
    text = site.pkg.texts[article_id]
    who = speakers(site, article_id)
    quotes = attributions(site, article_id, [s for s, _ in who])
    kinds = {name: label for name, _, label, _ in HIGHLIGHTS}
    reading = tokens(text, segments(len(text), spans, quotes, site.entity_name), kinds, site.entity_name)
    legend = [{"id": s, "name": site.entity_name(s), "n": n, "colour": i % 8, "style": SPEAKER_STYLES[i % len(SPEAKER_STYLES)]}
              for i, (s, n) in enumerate(who)]
    found = Counter(s["kind"] for s in spans)
    data = {"article_id": article_id, "text": text, "lanes": lanes, "spans": spans,
            "kinds": [{"kind": kind, "label": label, "table": name} for name, kind, label, _ in HIGHLIGHTS],
            "entities": {s: site.entity_name(s) for s, _ in who},
            "quotes": {a.quote_id: {"speaker": a.speaker, "cue": a.cue, "depth": a.depth,
                                    "source": a.source["mention_id"] if a.source else None} for a in quotes}}
    return render("article_widget.html.j2", article_id=article_id, language=article_row(site, article_id).get("language", ""),
                  spans=spans, lanes=lanes, reading=reading, legend=legend, data=data, highlights=HIGHLIGHTS,
                  found=found, text=text)


def fragments(site, markdown_html: str, url) -> str:
    """Replace the article placeholders of a rendered page by the widgets."""
    def replace(match):
        article_id = html.unescape(match.group(1))
        if article_id not in site.pkg.texts:
            raise DocsError(f"no article `{article_id}` in the package")
        return widget(site, article_id, url)
    return PLACEHOLDER.sub(replace, markdown_html)
