"""The one Jinja environment factory: every generated page and text file is rendered through it, so undefined
names fail loudly, trailing newlines stay, and only HTML templates are autoescaped.

The layout lives in template folders (scripts/templates/ for text files, docs/templates/ for the site); callers
name their folder and the filters their templates use.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from scripts.runtime.root import repo_root

TEMPLATES = repo_root() / "scripts" / "templates"  # the text files of releases, checks and measures
_made: dict[tuple[Path, bool], jinja2.Environment] = {}


def environment(folder: Path = TEMPLATES, trim: bool = False, filters: dict | None = None,
                globals: dict | None = None) -> jinja2.Environment:
    """The environment for the templates in folder (made once per folder and block style). trim removes the
    newline after a block tag and the indentation before it (trim_blocks, lstrip_blocks)."""
    key = (Path(folder), trim)
    env = _made.get(key)
    if env is None:
        env = _made[key] = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
            undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=trim, lstrip_blocks=trim)
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env


def render(template: str, folder: Path = TEMPLATES, trim: bool = False, filters: dict | None = None, **context) -> str:
    """template (a file of folder) rendered with context."""
    return environment(folder, trim, filters).get_template(template).render(**context)
