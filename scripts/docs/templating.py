"""Page layout lives in Jinja2 templates under docs/templates/; this module only renders them.

Markdown templates (*.md.j2) are not autoescaped: every data value reaches them through the md, prose
or code filters, or as a cell already escaped by scripts/docs/cells.py. HTML templates (*.html.j2)
are autoescaped.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from scripts.docs import text

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "templates"


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name in ("md", "prose", "code", "attr", "plural", "number", "rel", "external", "fence", "script_json"):
        env.filters[name] = getattr(text, name)
    env.globals.update(table=text.table, grid=text.grid)
    return env


def render(template: str, **context) -> str:
    """A page (or fragment) from its template."""
    return environment().get_template(template).render(**context)
