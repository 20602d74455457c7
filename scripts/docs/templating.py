"""The site's templates (docs/templates/), rendered through the one factory with the filters they use.

Markdown templates (*.md.j2) are not autoescaped: every data value reaches them through the md, prose or code
filters of scripts/docs/text.py, or as a cell those filters escaped already. HTML templates (*.html.j2) are
autoescaped.
"""

from __future__ import annotations

from scripts.docs import text
from scripts.runtime import templates
from scripts.runtime.root import repo_root

TEMPLATES = repo_root() / "docs" / "templates"
FILTERS = {name: getattr(text, name) for name in
           ("md", "prose", "code", "attr", "plural", "number", "rel", "external", "fence", "script_json")}


def render(template: str, **context) -> str:
    """A page (or fragment) from its template."""
    env = templates.environment(TEMPLATES, trim=True, filters=FILTERS, globals={"table": text.table, "grid": text.grid})
    return env.get_template(template).render(**context)
