"""Jinja templates for the text files a release and the citation step write (layout here, facts from the code)."""

from __future__ import annotations

from pathlib import Path

import jinja2

_ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), keep_trailing_newline=True,
                          undefined=jinja2.StrictUndefined, autoescape=False)


def render(template: str, **context) -> str:
    return _ENV.get_template(template).render(**context)
