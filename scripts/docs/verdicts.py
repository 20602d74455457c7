"""What the primary record says about a quote, fact or figure: its alignments, in words a journalist reads.

A table can be checked against a primary record when the package has `primary_alignments` and its `target_table`
allows the table. Every page that shows a row of such a table (the article's cards, the Quotes, Facts and
Figures pages, the search entries) takes its verdict from here, so the words are the same everywhere.
"""

from __future__ import annotations

from collections import defaultdict

from scripts.docs.config import ALIGNMENTS, NOT_CHECKED, OWN_VOICE, ATTRIBUTED, POLYMORPHIC, RECORDS, RELATION_WORDS


class Verdicts:
    def __init__(self, site):
        self.site = site
        pkg = site.pkg
        self.by_row: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.checkable: set[str] = set()
        self.labels: dict[str, str] = {}
        self.records: dict[str, dict] = {}
        res = pkg.resources.get(ALIGNMENTS)
        if res is None or not res.is_table:
            return
        table_col, id_col = POLYMORPHIC
        categories = res.field(table_col).get("categories", []) if table_col in res.columns else []
        self.checkable = {c["value"] for c in categories} or {row[table_col] for row in res.rows}
        self.labels = {c["value"]: c.get("label", "") for c in res.field("relation").get("categories", [])} \
            if "relation" in res.columns else {}
        for row in res.rows:
            self.by_row[(row[table_col], row[id_col])].append(row)
        if RECORDS in pkg.resources and pkg.resources[RECORDS].is_table:
            self.records = {r["record_id"]: r for r in pkg.resources[RECORDS].rows}

    def words(self, relation: str) -> str:
        """The verdict in plain words: 'Changed from the record'."""
        return RELATION_WORDS.get(relation, relation)

    def of(self, table: str, row_id: str) -> list[dict]:
        """Each alignment of the row: id, relation, words, label, note, record title and url, link to its row."""
        out = []
        for row in self.by_row.get((table, row_id), []):
            record = self.records.get(row.get("record_id", ""), {})
            out.append({"id": row["alignment_id"], "relation": row.get("relation", ""),
                        "words": self.words(row.get("relation", "")), "label": self.labels.get(row.get("relation", ""), ""),
                        "note": row.get("note", ""), "record": record.get("title") or row.get("record_id", ""),
                        "record_url": record.get("url", ""), "target": self.site.row_target(ALIGNMENTS, row["alignment_id"])})
        return out

    def summary(self, table: str, row_id: str) -> str:
        """One line: the verdict words of each alignment, or 'Not checked against a primary record'."""
        found = self.of(table, row_id)
        if found:
            return "; ".join(dict.fromkeys(v["words"] for v in found))
        return NOT_CHECKED if table in self.checkable else ""


def voice(row: dict) -> str:
    """Whose voice a fact or figure is in: the article's own (no claimant, no quote) or attributed."""
    return ATTRIBUTED if row.get("claimant_id") or row.get("quote_id") else OWN_VOICE
