"""The text-free variant of a release: every table without the article's words, and the way back.

The rule (docs/exports.md, "The text-free variant"): no file of the text-free variant holds a run of
RUN_WORDS words of an article. So:

- a span's `text` becomes `text_sha256`, and `cue_text` becomes `cue_text_sha256`: the SHA-256 of the span's
  UTF-8 text, beside the offsets that stay;
- in every other cell, each stretch copied from the article that holds RUN_WORDS or more words is replaced by a
  reference `⟦start:end⟧` to the same code points of the row's article (a note keeps its own words around it).

`restore_row` is the inverse: with the article text in hand it gives back every cell exactly, and checks each
span's hash on the way. The variant says what it is in its descriptor (`"variant": "text-free"`) and keeps the
text licence, which the rehydrated descriptor needs, as `textLicense`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from functools import lru_cache

from scripts.contract import descriptor as rendered
from scripts.contract.fields import TABLES, Table

RUN_WORDS = 8  # a cell may share fewer consecutive words with the article than this
HASHED = {"text": ("text_sha256", "start", "end"), "cue_text": ("cue_text_sha256", "cue_start", "cue_end")}
TEXT_COLUMNS = frozenset(HASHED)
TEXT_LICENSE_KEY = "textLicense"
# appended to the package description in the text-free variant (removed again by rehydration)
DESCRIPTION_NOTE = (" This text-free variant leaves out the article text and every run of the article's words: spans "
                    "carry a sha256 of their text, and notes refer to copied stretches as ⟦start:end⟧. README.md says how "
                    "to rebuild the full tables from your own copy of the article (data/articles.csv gives its sha256).")
MARK = re.compile(r"⟦([0-9]+):([0-9]+)⟧")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # letters and digits: "_" joins no two words (docs/exports.md)


class RehydrationError(ValueError):
    """A text-free cell cannot be restored from the article at hand (wrong copy, or the row was changed)."""


def table(t: Table) -> Table:
    """The text-free form of a table: each text column replaced, in place, by its hash column."""
    return replace(t, columns=tuple(HASHED[c][0] if c in HASHED else c for c in t.columns))


def tables() -> dict[str, Table]:
    return {name: table(t) for name, t in TABLES.items()}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word: letters and digits, with an inner apostrophe."""
    return [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]


class Article:
    """One article's words, indexed by every run of RUN_WORDS of them (case-folded) for the checks, and exactly
    for the references."""

    def __init__(self, text: str):
        self.text = text
        self.words = words(text)
        folded = [w.casefold() for w, _, _ in self.words]
        self.folded_runs: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(folded) - RUN_WORDS + 1):
            self.folded_runs.setdefault(tuple(folded[i:i + RUN_WORDS]), []).append(i)
        self.exact_runs: dict[tuple[str, ...], list[int]] = {}
        for i in range(len(self.words) - RUN_WORDS + 1):
            self.exact_runs.setdefault(tuple(w for w, _, _ in self.words[i:i + RUN_WORDS]), []).append(i)

    def run_at(self, cell: str) -> tuple[int, list[int], list] | None:
        """(first word, article word positions, the cell's words) of the first run of RUN_WORDS words of the
        article in cell (case and punctuation aside), or None."""
        found = words(cell)
        folded = [w.casefold() for w, _, _ in found]
        for i in range(len(folded) - RUN_WORDS + 1):
            at = self.folded_runs.get(tuple(folded[i:i + RUN_WORDS]))
            if at:
                return i, at, found
        return None

    def quotes(self, cell: str) -> str | None:
        """The first run of RUN_WORDS words of the article in cell (case and punctuation aside), or None."""
        hit = self.run_at(cell)
        if hit is None:
            return None
        i, _, found = hit
        return cell[found[i][1]:found[i + RUN_WORDS - 1][2]]

    def piece(self, cell: str) -> tuple[int, int, int, int] | None:
        """Inside the first run of cell, the longest stretch of words copied character for character (a run whose
        case or punctuation differs from the article's is cut into such pieces), as (cell start, cell end,
        article start, article end)."""
        hit = self.run_at(cell)
        if hit is None:
            return None
        i, at, found = hit
        best = None
        for k in at:
            j = 0
            while j < RUN_WORDS:
                n = 0
                while j + n < RUN_WORDS and found[i + j + n][0] == self.words[k + j + n][0] and (
                        n == 0 or cell[found[i + j + n - 1][2]:found[i + j + n][1]] == self.text[self.words[k + j + n - 1][2]:self.words[k + j + n][1]]):
                    n += 1
                if n and (best is None or n > best[0]):
                    best = (n, found[i + j][1], found[i + j + n - 1][2], self.words[k + j][1], self.words[k + j + n - 1][2])
                j += max(n, 1)
        return best[1:] if best else None

    def stretches(self, cell: str) -> list[tuple[int, int, int, int]]:
        """(cell start, cell end, article start, article end) of each longest stretch of cell copied character for
        character from the article that holds RUN_WORDS words or more; stretches do not overlap."""
        found = words(cell)
        out, i = [], 0
        while i <= len(found) - RUN_WORDS:
            best = None
            for k in self.exact_runs.get(tuple(w for w, _, _ in found[i:i + RUN_WORDS]), []):
                n = RUN_WORDS  # extend word by word while the characters between the words agree too
                while (i + n < len(found) and k + n < len(self.words) and found[i + n][0] == self.words[k + n][0]
                       and cell[found[i + n - 1][2]:found[i + n][1]] == self.text[self.words[k + n - 1][2]:self.words[k + n][1]]):
                    n += 1
                cs, ce, as_, ae = found[i][1], found[i + n - 1][2], self.words[k][1], self.words[k + n - 1][2]
                if cell[cs:ce] == self.text[as_:ae] and (best is None or n > best[0]):
                    best = (n, cs, ce, as_, ae)
            if best is None:
                i += 1
                continue
            out.append(best[1:])
            i += best[0]
        return out


@lru_cache(maxsize=16)
def article(text: str) -> Article:
    return Article(text)


def strip_cell(cell: str, art: Article) -> str:
    if MARK.search(cell):
        raise RehydrationError(f"the cell {cell[:60]!r} already holds a ⟦start:end⟧ reference, which rehydration would misread")
    out, last = [], 0
    for cs, ce, as_, ae in art.stretches(cell):
        out += [cell[last:cs], f"⟦{as_}:{ae}⟧"]
        last = ce
    cell = "".join(out + [cell[last:]])
    while (found := art.piece(cell)) is not None:  # a run left where the article's case or punctuation differs
        cs, ce, as_, ae = found
        cell = cell[:cs] + f"⟦{as_}:{ae}⟧" + cell[ce:]
    if art.quotes(cell):
        raise RehydrationError(f"cannot take the article's words out of {cell[:60]!r}")
    return cell


def strip_row(name: str, row: dict[str, str], text: str) -> dict[str, str]:
    """A full row (cells as written) in its text-free form, for the article whose text is given."""
    art = article(text)
    out = {}
    for column, cell in row.items():
        if column in HASHED:
            out[HASHED[column][0]] = sha256(cell) if cell != "" else ""
        elif cell and _free_text(name, column):
            out[column] = strip_cell(cell, art)
        else:
            out[column] = cell
    return _row_runs(out, name, art)


def _row_runs(out: dict[str, str], name: str, art: Article) -> dict[str, str]:
    """Cut the runs that cross cells (a predicate and its object, read one after the other as the CSV row holds
    them): the words of the run in the cell that holds most of them become a reference."""
    for _ in range(len(out) * 4):
        columns = list(out)
        joined, starts = "", []
        for column in columns:
            starts.append(len(joined))
            joined += out[column] + ","
        hit = art.run_at(joined)
        if hit is None:
            return out
        i, _, found = hit
        run = found[i:i + RUN_WORDS]
        owner = max(range(len(columns)), key=lambda c: sum(starts[c] <= s < starts[c] + len(out[columns[c]]) for _, s, _ in run))
        column, base = columns[owner], starts[owner]
        inside = [(s - base, e - base) for _, s, e in run if base <= s < base + len(out[column])]
        cell = out[column]
        segment = cell[inside[0][0]:inside[-1][1]]
        at = art.text.find(segment)
        if not _free_text(name, column) or at < 0 or MARK.search(segment):
            raise RehydrationError(f"cannot take the article's words out of row {name}: {joined[:80]!r}")
        out[column] = cell[:inside[0][0]] + f"⟦{at}:{at + len(segment)}⟧" + cell[inside[-1][1]:]
    raise RehydrationError(f"cannot take the article's words out of row {name}")


def restore_row(name: str, row: dict[str, str], text: str) -> dict[str, str]:
    """The full row from its text-free form and the article text; RehydrationError when a span's hash differs."""
    out = {}
    full = TABLES[name].columns
    hashes = {h: (c, s, e) for c, (h, s, e) in HASHED.items()}
    for column, cell in row.items():
        if column in hashes:
            original, start, end = hashes[column]
            if cell == "":
                out[original] = ""
                continue
            span = text[int(row[start]):int(row[end])]
            if sha256(span) != cell:
                raise RehydrationError(f"{column}: article[{row[start]}:{row[end]}] has sha256 {sha256(span)[:12]}…, "
                                       f"the row records {cell[:12]}…")
            out[original] = span
        elif cell and _free_text(name, column):
            out[column] = MARK.sub(lambda m: text[int(m.group(1)):int(m.group(2))], cell)
        else:
            out[column] = cell
    return {column: out[column] for column in full}


def row_quotes(row: dict[str, str], art: Article) -> str | None:
    """The first run of the article in the row's cells read one after the other, as the CSV line holds them."""
    return art.quotes(",".join(row.values()))


def references(cell: str) -> list[tuple[int, int]]:
    return [(int(m.group(1)), int(m.group(2))) for m in MARK.finditer(cell)]


def _free_text(name: str, column: str) -> bool:
    """A string column with no pattern or allowed values: words someone wrote, which may copy the article."""
    fld = next((f for f in TABLES[name].fields if f.name == column), None)  # None: a hash column of the variant
    return fld is not None and fld.name not in HASHED and fld.type == "string" and not fld.pattern and not fld.categories


def variant_descriptor(full: dict, csvs: dict[str, bytes]) -> dict:
    """The text-free variant's descriptor: the full one's package keys, the text-free tables (csvs: their bytes by
    table name), no text resource; it says what it is and keeps the text licence for rehydration."""
    texts = [r for r in full["resources"] if "schema" not in r]
    tables_ = [r for r in full["resources"] if "schema" in r]
    out = {k: v for k, v in full.items() if k != "resources"}
    out["description"] = full.get("description", "") + DESCRIPTION_NOTE
    out[rendered.TEXT_FREE[0]] = rendered.TEXT_FREE[1]
    if texts:
        out[TEXT_LICENSE_KEY] = texts[0]["licenses"][0]
    out["resources"] = [rendered.table_resource(table(TABLES[r["name"]]), csvs[r["name"]], r["licenses"]) for r in tables_]
    return out


def full_descriptor(variant: dict, csvs: dict[str, bytes], texts: dict[str, bytes]) -> dict:
    """The inverse of variant_descriptor, with the full tables' bytes and the article texts by article ID."""
    out = {k: v for k, v in variant.items() if k not in ("resources", rendered.TEXT_FREE[0], TEXT_LICENSE_KEY)}
    description = variant.get("description", "")
    out["description"] = description[:-len(DESCRIPTION_NOTE)] if description.endswith(DESCRIPTION_NOTE) else description
    resources = [rendered.text_resource(a, texts[a], variant[TEXT_LICENSE_KEY]) for a in sorted(texts)]
    resources += [rendered.table_resource(TABLES[r["name"]], csvs[r["name"]], r["licenses"]) for r in variant["resources"]]
    out["resources"] = resources
    return out
