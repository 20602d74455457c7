"""Generated Markdown for the `<!-- docs:NAME -->` markers in the hand-written pages under docs/."""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from scripts.docs.config import QUOTES
from scripts.docs.dictionary import licence_text
from scripts.docs.downloads import ID_INDEX, SUMS_TEXT, release_list
from scripts.docs.loading import DocsError
from scripts.docs.templating import render
from scripts.docs.text import code, external, fence, md, number, plural, prose, rel, table
from scripts.docs.wording import Corpus
from scripts.contract import citation as cite

MARKER = re.compile(r"<!--\s*docs:([a-z-]+)\s*-->")


def snippet(site, name: str, page: str) -> str:
    """The Markdown for one marker; an unknown marker is an error naming the page."""
    function = SNIPPETS.get(name)
    if function is None:
        raise DocsError(f"docs/{page}: unknown marker `<!-- docs:{name} -->`")
    return function(site, page)


def fill_markers(markdown: str, site, page: str) -> str:
    return MARKER.sub(lambda m: snippet(site, m.group(1), page), markdown)


def title(site, page: str) -> str:
    """The package's title, as the descriptor gives it (annotations/package.yaml, counted for the articles)."""
    return md(site.pkg.descriptor.get("title") or site.pkg.name)


def package_summary(site, page: str) -> str:
    tables = site.pkg.tables
    return render("snippets/package_summary.md.j2", d=site.pkg.descriptor, site=site, corpus=Corpus(site),
                  tables=len(tables), rows=sum(len(r.rows) for r in tables))


def corpus_sentence(site, page: str) -> str:
    return render("snippets/corpus.md.j2", corpus=Corpus(site), site=site, page=page).strip()


def downloads(site, page: str) -> str:
    """Every release file with its size and sha256 beside its link, then the package's own files."""
    files = [(res, plural(len(res.rows), "row") if res.is_table else "") for res in site.pkg.resources.values()]
    release = [dict(f, size=size(f["bytes"]), note=DOWNLOAD_NOTES.get(download_kind(site, f["name"]), ""))
               for f in release_list(site)]
    return render("snippets/downloads.md.j2", site=site, page=page, release=release, files=files,
                  sums=SUMS_TEXT if SUMS_TEXT in site.assets else "",
                  croissant=CROISSANT if CROISSANT in site.assets else "")


def download_kind(site, name: str) -> str:
    """What a release file is, from its name: 'zip' for the package, else the part after name-version-."""
    stem = posixpath.basename(site.zip_path)[: -len(".zip")]
    return "zip" if name == f"{stem}.zip" else name[len(stem):].lstrip("-") if name.startswith(stem) else name


def size(n: int) -> str:
    """'31.2 kB (31,204 bytes)': rounded for the eye, exact for the check."""
    return f"{n / 1000:.1f} kB ({plural(n, 'byte')})" if n >= 1000 else plural(n, "byte")


def actions(site, page: str) -> str:
    """The three things a visitor comes for, above the fold: read the article, download, cite."""
    files = release_list(site)
    main = next((f for f in files if download_kind(site, f["name"]) == "zip"), files[0])
    articles = site.articles
    read = rel(page, f"articles/{articles[0]}.md") if len(articles) == 1 else rel(page, "articles/index.md")
    return render("snippets/actions.md.j2", site=site, page=page, read=read, one=len(articles) == 1, main=main,
                  size=size(main["bytes"]), short=size(main["bytes"]).split(" (")[0], zip=rel(page, main["path"]), cite=rel(page, "cite.md"))


def quick_look(site, page: str) -> str:
    quotes = site.pkg.resource(QUOTES)
    rows = [[f"[{md(r.title)}]({rel(page, f'tables/{r.name}.md')})", number(len(r.rows)), prose(r.description)]
            for r in site.pkg.tables]
    firsts: dict[str, dict] = {}
    for row in quotes.rows:
        firsts.setdefault(row["speaker_id"], row)
    sample = list(firsts.values())[:5]
    columns = [c for c in (quotes.pk, "article_id" if site.several_articles else "", "speaker_id", "kind", "text")
               if c in quotes.columns]
    return render("snippets/quick_look.md.j2", page=page, tables=table(["Table", "Rows", "What a row is"], rows),
                  shown=len(sample), total=len(quotes.rows), sample=site.rows_table(page, quotes, sample, columns))


def composition(site, page: str) -> str:
    rows = []
    for res in site.pkg.tables:
        for fld in res.fields:
            if fld.get("categories"):
                counts = Counter(row[fld["name"]] for row in res.rows)
                rows.append([code(f"{res.name}.{fld['name']}"),
                             ", ".join(f"{code(c['value'])} {number(counts.get(c['value'], 0))}" for c in fld["categories"])])
    tables = [[f"[{code(r.name)}]({rel(page, 'dictionary.md#' + r.name)})", number(len(r.rows)), prose(r.description)]
              for r in site.pkg.tables]
    return render("snippets/composition.md.j2", tables=table(["Table", "Rows", "What a row is"], tables),
                  values=table(["Column", "Rows per value"], rows), corpus=Corpus(site))


def licences(site, page: str) -> str:
    d = site.pkg.descriptor
    lines = ["**The package** (annotations, tables, metadata): " + "; ".join(licence_text(x) for x in d.get("licenses", []))]
    for res in site.pkg.resources.values():
        own = res.descriptor.get("licenses", [])
        if own and own != d.get("licenses", []):
            lines.append(f"[{code(res.path)}]({rel(page, res.path)}): " + "; ".join(licence_text(x) for x in own))
    return "\n".join(f"- {line}" for line in lines) + "\n"


def sources(site, page: str) -> str:
    lines = [f"- {md(s.get('title', ''))}" + (f": {external(s['path'])}" if s.get("path") else "")
             for s in site.pkg.descriptor.get("sources", [])]
    return "\n".join(lines) + "\n" if lines else "*The descriptor lists no sources.*\n"


def contributors(site, page: str) -> str:
    lines = [f"- {md(c.get('title', ''))}" + (f" ({', '.join(md(r) for r in c.get('roles', []))})" if c.get("roles") else "")
             for c in site.pkg.descriptor.get("contributors", [])]
    return "\n".join(lines) + "\n" if lines else "*The descriptor lists no contributors.*\n"


def citation(site, page: str) -> str:
    """The citation, APA and BibTeX, from the one citation writer the README and CITATION.cff use."""
    return f"{md(cite.apa(site.pkg.descriptor))}\n\n" + fence(cite.bibtex(site.pkg.descriptor), "bibtex")


def curl(site, page: str) -> str:
    """Download commands; the address is the package's homepage when it has one, else the reader sets it."""
    home = (site.pkg.descriptor.get("homepage") or "").rstrip("/")
    paths = [r.path for r in site.pkg.resources.values()]
    return render("snippets/curl.md.j2", home=home, zip_path=site.zip_path, paths=paths)


def datasheet_counts(site, page: str) -> str:
    return render("snippets/datasheet_counts.md.j2", site=site, corpus=Corpus(site),
                  counts=[(r, len(r.rows)) for r in site.pkg.tables], rows=sum(len(r.rows) for r in site.pkg.tables))


def id_lookup(site, page: str) -> str:
    return render("snippets/id_lookup.html.j2", index=rel(page, ID_INDEX), example=next(
        (r.rows[0][r.pk] for r in site.pkg.tables if r.pk and r.rows and r.name == QUOTES), ""))


# What each kind of release file is (by the part of its name after name-version-); a new kind is listed without one.
DOWNLOAD_NOTES = {
    "zip": "everything: `datapackage.json` and `data/` at its root, so `frictionless.Package(\"…zip\")` opens it",
    "no-text.zip": "every table, offset and hash without the publisher's text; its README says how to check your own copy",
    "exports.zip": "the exports: xlsx, SQLite, Parquet (a folder per table), Web Annotations, CSVW, Croissant and a dataset card",
    "no-text-exports.zip": "the same exports of the text-free variant: no article text in any of them",
    "SHA256SUMS": "the checksums of the files above (also as a text file)",
}

CROISSANT = "downloads/exports/croissant.json"  # from the exports zip (scripts/docs/downloads.py)

SNIPPETS = {"title": title, "actions": actions, "id-lookup": id_lookup, "package-summary": package_summary, "corpus": corpus_sentence, "downloads": downloads,
            "quick-look": quick_look, "composition": composition, "licences": licences, "sources": sources,
            "contributors": contributors, "citation": citation, "curl": curl, "datasheet-counts": datasheet_counts}
