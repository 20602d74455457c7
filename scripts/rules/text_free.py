"""Rules of the text-free variant: it holds no article text, and with the user's own copy of each article its rows
become the full rows again, so that every other rule runs on them as on the full package.

The rule (docs/exports.md): a package whose descriptor says `"variant": "text-free"` declares no article text
resource and no `text` or `cue_text` column, and no cell of it, no row read across and no prose column (notes,
descriptions, statements) read down holds a run of RUN_WORDS (8) words of an article (case and punctuation aside). The runs are looked for when the article text is at hand: the user's copy beside the
package, whose sha256 rules.text.articles has checked.
"""

from __future__ import annotations

from scripts.contract import descriptor as rendered
from scripts.contract import text_free as tf
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.contract.reader import Resource

CODE = "TEXT_FREE_HOLDS_TEXT"


def declared_text(descriptor: dict) -> list[tuple[str, str, str, str]]:
    """(key, field, message, fix) of each article text a text-free descriptor declares: a text resource or a span
    text column (pre-flight reports them, since a descriptor off the contract stops the validator there)."""
    found = []
    for r in descriptor.get("resources", []):
        if not isinstance(r, dict):
            continue
        if "schema" not in r and str(r.get("path", "")).startswith("data/articles/"):
            found.append((f"resource={r.get('name')}", "path", f"the text-free variant declares the article text {show(str(r.get('path')))}",
                          "leave the article text out of the text-free variant; its user brings their own copy"))
        schema = r.get("schema") if isinstance(r.get("schema"), dict) else {}
        for f in schema.get("fields", []) if isinstance(schema.get("fields"), list) else []:
            if isinstance(f, dict) and f.get("name") in tf.TEXT_COLUMNS:
                found.append((f"resource={r.get('name')}", f["name"], f"the text-free variant declares the span text column `{f['name']}`",
                              f"replace it by `{tf.HASHED[f['name']][0]}`, the sha256 of the span's text (`make release` writes it so)"))
    return found


def holds_no_text(pkg, problems: list[Problem]) -> None:
    """No cell of a text-free package quotes its article (declared_text covers the descriptor)."""
    if not pkg.text_free:
        return
    for table in pkg.tables:
        pk = TABLES[table.name].primary_key if table.name in TABLES else None
        for line, row in table.numbered:
            text = pkg.texts.get(row.get("article_id", ""))
            articles = [text] if text is not None else list(pkg.texts.values())  # the registry belongs to every article
            for article in articles:
                art = tf.article(article)
                column = next((c for c, cell in row.items() if len(cell) >= tf.RUN_WORDS and art.quotes(cell)), "")
                run = art.quotes(row[column]) if column else tf.row_quotes(row, art)
                if run:
                    where = "the cell holds" if column else "the row's cells, read in order, hold"
                    problems.append(Problem(f"data/{table.name}.csv", line, f"{pk}={row.get(pk)}" if pk else "", column, CODE,
                                            f"{where} {tf.RUN_WORDS} or more words of the article in a row ({show(run, 40)})"))
                    break
        if not any(p.code == CODE and p.file == f"data/{table.name}.csv" for p in problems):
            _column_runs(pkg, table, pk, problems)


def prose_columns(columns) -> list[str]:
    """The columns written in the annotator's own words (notes, descriptions, statements), where nothing of the
    article's wording belongs: a subject or an object may repeat the article's words, and two of them in a row
    may well be neighbours in the text."""
    return [c for c in columns if c in ("note", "description", "statement") or c.endswith("_note")]


def _column_runs(pkg, table, pk, problems: list[Problem]) -> None:
    """A run spread down a prose column, a few words per row in order, is a run too: each such column of each
    article's rows is read top to bottom, one cell per line, and the first row of a run is named."""
    numbered = list(table.numbered)
    for article_id, text in pkg.texts.items():
        art = tf.article(text)
        mine = [(line, row) for line, row in numbered if row.get("article_id", article_id) == article_id]
        for column in prose_columns(table.columns):
            joined = "\n".join(row.get(column, "") for _, row in mine)
            hit = art.run_at(joined)
            if hit is None:
                continue
            i, _, found = hit
            line, row = mine[joined.count("\n", 0, found[i][1])]
            run = joined[found[i][1]:found[i + tf.RUN_WORDS - 1][2]].replace("\n", " / ")
            problems.append(Problem(f"data/{table.name}.csv", line, f"{pk}={row.get(pk)}" if pk else "", column, CODE,
                                    f"the column's cells, read down from this row, hold {tf.RUN_WORDS} or more words of the "
                                    f"article in a row ({show(run, 60)})"))
            return


def rehydrate(pkg, problems: list[Problem]) -> None:
    """With every article text at hand, each text-free table is read back as its full rows (each span's sha256
    checked), so that the rules that follow see the full package."""
    if not pkg.text_free or not complete(pkg):
        return
    for name, full in TABLES.items():
        found = pkg.resources.get(name)
        if found is None or not found.is_table or found.columns != list(tf.table(full).columns):
            continue
        rows, lines = [], []
        for line, row in found.numbered:
            text = pkg.texts.get(row.get("article_id", ""))
            try:
                rows.append(tf.restore_row(name, row, text) if text is not None else _plain(name, row))
                lines.append(line)
            except (tf.RehydrationError, ValueError) as error:
                problems.append(Problem(f"data/{name}.csv", line, f"{full.primary_key}={row.get(full.primary_key)}", "",
                                        "SPAN_TEXT_MISMATCH", f"the row does not fit the article: {error}"))
        pkg.resources[name] = Resource({"name": name, "path": f"data/{name}.csv", "schema": rendered.table_schema(full)}, rows, lines)


def _plain(name: str, row: dict[str, str]) -> dict[str, str]:
    """A row that belongs to no article (the registry): it has no text column to restore."""
    return {column: row.get(column, "") for column in TABLES[name].columns}


def complete(pkg) -> bool:
    """Every article the package lists has its text at hand."""
    articles = pkg.resources.get("articles")
    return articles is not None and articles.is_table and all(r["article_id"] in pkg.texts for r in articles.rows)
