"""The package's citation, plain and BibTeX, from the descriptor (title, contributors, version, homepage)."""

from __future__ import annotations

import re


def citation_text(d: dict) -> tuple[str, str]:
    name, version = d.get("name", "package"), d.get("version", "")
    authors = "; ".join(c.get("title", "") for c in d.get("contributors", [])) or "Unknown"
    year = (d.get("created") or "")[:4]
    plain = f"{authors} ({year}). {d.get('title', name)} (Version {version}) [Data set]."
    if d.get("homepage"):
        plain += f" {d['homepage']}"
    bib = (f"@misc{{{re.sub(r'[^A-Za-z0-9]+', '_', name)}_{version.replace('.', '_')},\n"
           f"  author = {{{{{authors}}}}},\n  title = {{{{{d.get('title', name)}}}}},\n"
           f"  year = {{{year}}},\n  version = {{{version}}},\n  note = {{Data set}}")
    if d.get("homepage"):
        bib += f",\n  url = {{{d['homepage']}}}"
    return plain, bib + "\n}"
