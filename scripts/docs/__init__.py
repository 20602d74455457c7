"""Generate the documentation site's pages from datapackage.json and data/*.csv.

Usage: python -m scripts.docs [--root DIR] [--out DIR]

Everything the site says about the data is computed from the built package: the data dictionary, one page
per table, one page per entity, the quotes and figures pages, one annotated page per article, the
downloads. Page layout is in Jinja2 templates (docs/templates/); the modules here only build the data each
page needs. `mkdocs build` runs this through the hook scripts/docs_hook.py.
"""

from scripts.docs.articles import fragments
from scripts.docs.config import HIGHLIGHTS
from scripts.docs.generate import ROOT, generate, write_pages
from scripts.docs.package import DocsError, Package, Resource, load_package
from scripts.docs.site import Site
from scripts.docs.snippets import fill_markers
from scripts.docs.spans import Span, assign_lanes
from scripts.docs.text import code, md, plural, prose, script_json, table

__all__ = ["HIGHLIGHTS", "ROOT", "DocsError", "Package", "Resource", "Site", "Span", "assign_lanes", "code",
           "fill_markers", "fragments", "generate", "load_package", "md", "plural", "prose", "script_json",
           "table", "write_pages"]
