"""Escaping and formatting: every piece of data text passes through here before it reaches a page.

Markdown gets md()/prose()/code(); HTML gets attr() (or Jinja's autoescape); JSON inside a page gets
script_json(), which cannot close its <script> element.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md(text: object) -> str:
    """Text made inert for inline Markdown, table cells included: it renders literally, on one line."""
    text = "" if text is None else str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def prose(text: object) -> str:
    """Descriptive text from the descriptor: like md(), except that `code spans` stay code."""
    parts = re.split(r"`([^`]+)`", "" if text is None else str(text))
    return "".join(code(part) if i % 2 else md(part) for i, part in enumerate(parts))


def code(text: object) -> str:
    """Inline code that survives any character, in a table cell too (never a backtick span, which keeps backslashes)."""
    text = "" if text is None else str(text)
    return f"<code>{md(text)}</code>" if text != "" else ""


def long_text(text: str) -> str:
    """Free text for a table cell, kept wide enough to read when the table has many columns."""
    if len(text) > 60:
        return f'<span class="dp-long">{md(text)}</span>'
    if len(text) > 24:
        return f'<span class="dp-medium">{md(text)}</span>'
    return md(text)


def attr(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 quote', '16 quotes', '1,204 rows': the count with thousands separators and the right form."""
    return f"{number(n)} {word if n == 1 else (words or word + 's')}"


def number(n: int | float | str) -> str:
    """A count as a reader expects it: 1,204; never an ambiguous '10, 209'."""
    try:
        return f"{int(n):,}"
    except (TypeError, ValueError):
        return str(n)


def script_json(data) -> str:
    """JSON safe inside <script type="application/json">: no `<`, `>` or `&` can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fence(content: str, lang: str = "") -> str:
    """A fenced code block longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`+", content)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{lang}\n{content.rstrip()}\n{marks}\n"


def rel(from_page: str, target: str) -> str:
    """A link from one docs page (or file) to another, relative, keeping any #anchor."""
    path, _, anchor = target.partition("#")
    if path == from_page or path == "":
        out = posixpath.basename(from_page)
    else:
        out = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return out + (f"#{anchor}" if anchor else "")


def external(url: str, text: str | None = None) -> str:
    """A link to another site; only http(s) addresses ever become links."""
    if not re.fullmatch(r"https?://[^\s<>\"'`]+", url or ""):
        return md(url)
    return f'<a href="{attr(url)}">{md(text if text is not None else url)}</a>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; cells must already be escaped (md, code, links)."""
    if not rows:
        return "*No rows.*\n"
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell if cell != "" else " " for cell in row) + " |" for row in rows]
    return "\n".join(out) + "\n"


def grid(header: list[str], rows: list[list[str]], label: str, key: int | None = 0, csv: str = "", total: int = 0,
         choices: list[int] | None = None) -> str:
    """A data table that docs/javascripts/tables.js makes sortable and filterable, its ID column sticky.

    With `csv`, the page holds only the first rows and the script loads all `total` rows from the CSV file.
    `choices` are the columns (by index) that get a whole-value filter.
    """
    extra = "" if key is None else f' data-key="{key}"'
    if choices:
        extra += f' data-choices="{",".join(str(i) for i in choices)}"'
    if csv:
        extra += f' data-csv="{attr(csv)}" data-total="{total}"'
    return f'<div class="dp-grid" markdown="1" data-label="{attr(label)}"{extra}>\n\n{table(header, rows)}\n</div>\n'
