"""Build every page and file of the site from the package, after checking that the tables it names exist."""

from __future__ import annotations

from pathlib import Path

from scripts.docs import articles, dictionary, downloads, entities, table_pages, views
from scripts.docs.config import FIGURES, HIGHLIGHTS, NOT_HIGHLIGHTED, QUOTES, ROLES, SAID_BY
from scripts.docs.loading import DocsError, load_package
from scripts.docs.site import Site
from scripts.docs.text import code, md, rel



def missing(what: str, names, available) -> None:
    unknown = [n for n in names if n not in available]
    if unknown:
        raise DocsError(f"scripts/docs/config.py names {what} {', '.join(unknown)}, which datapackage.json does not "
                        "have; update the lists in scripts/docs/config.py")


def check_config(site: Site) -> None:
    pkg = site.pkg
    names = {r.name for r in pkg.tables}
    missing("the tables", [QUOTES, FIGURES], names)
    missing("the tables", [t for t, *_ in HIGHLIGHTS] + list(NOT_HIGHLIGHTED), names)
    for name, _, _, columns in HIGHLIGHTS:
        missing(f"the {name} columns", columns, pkg.resource(name).columns)
    for name, column in [*SAID_BY, *ROLES]:
        missing(f"the {name} column", [column], pkg.resource(name).columns)
    known = {t for t, *_ in HIGHLIGHTS} | set(NOT_HIGHLIGHTED)
    unplaced = [r.name for r in pkg.tables if r.is_span and r.name not in known]
    if unplaced:
        raise DocsError(f"span tables {', '.join(unplaced)} are neither highlighted nor excluded; "
                        "add them to HIGHLIGHTS or NOT_HIGHLIGHTED in scripts/docs/config.py")


def changelog_page(site: Site) -> str:
    path = site.pkg.root / "CHANGELOG.md"
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        return text if text.lstrip().startswith("# ") else "# Changelog\n\n" + text
    return f"# Changelog\n\nNo `CHANGELOG.md` yet. This site documents version {md(site.version)} of {code(site.name)}.\n"


def build(site: Site) -> Site:
    check_config(site)
    downloads.add_assets(site)
    site.pages["dictionary.md"] = dictionary.page(site)
    table_pages.add_pages(site)
    entities.add_pages(site)
    views.add_pages(site)
    articles.add_pages(site)
    site.pages["changelog.md"] = changelog_page(site)
    return site


def generate(root: Path) -> Site:
    """Every generated page and file for the package at root."""
    return build(Site(load_package(root)))


def write_pages(site: Site, out: Path) -> list[Path]:
    """Write the generated Markdown (article widgets inlined, links left as .md paths) for review."""
    written = []
    for rel_path, text in sorted(site.pages.items()):
        path = out / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(articles.fragments(site, text, lambda target, p=rel_path: rel(p, target)), encoding="utf-8")
        written.append(path)
    return written
