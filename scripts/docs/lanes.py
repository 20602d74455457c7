"""The rows of one article that point at its text, as the annotated-article widget draws them.

Each span carries its row ID, table, kind, offsets, who it is said by (for the speaker filter), the key
columns shown in the panel and the link to its row. `assign_lanes` places spans in bands for the
all-layers view.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.docs.config import ENTITIES, HIGHLIGHTS, QUOTES, SAID_BY
from scripts.docs.loading import DocsError
from scripts.docs.verdicts import voice


@dataclass
class Span:
    id: str
    table: str
    kind: str
    start: int
    end: int
    lane: int = 0


def assign_lanes(spans: list[Span], order: list[str]) -> int:
    """Give each span a lane so that spans in one lane neither overlap nor touch; return the number of lanes.

    Kinds earlier in `order` are placed first, so they sit nearest the text.
    """
    lanes: list[list[tuple[int, int]]] = []
    rank = {kind: i for i, kind in enumerate(order)}
    for span in sorted(spans, key=lambda s: (rank[s.kind], s.start, -s.end, s.id)):
        for number, taken in enumerate(lanes):
            if all(span.end < start or end < span.start for start, end in taken):
                taken.append((span.start, span.end))
                span.lane = number
                break
        else:
            lanes.append([(span.start, span.end)])
            span.lane = len(lanes) - 1
    return len(lanes)


def located_rows(site, article_id: str) -> tuple[list[Span], dict]:
    """Every highlighted row of the article with offsets, checked against the text."""
    points = list(site.pkg.texts[article_id])
    spans, rows = [], {}
    for name, kind, _, _ in HIGHLIGHTS:
        res = site.pkg.resource(name)
        for row in site.pkg.rows_of(name, article_id):
            if row["start"] == "" or row["end"] == "":
                continue
            start, end = int(row["start"]), int(row["end"])
            if "".join(points[start:end]) != row["text"]:
                raise DocsError(f"{name} {row[res.pk]}: text differs from the article at {start}:{end}")
            if "\n" in row["text"]:
                raise DocsError(f"{name} {row[res.pk]}: the span crosses a line break, which the article page cannot draw")
            spans.append(Span(row[res.pk], name, kind, start, end))
            rows[(name, row[res.pk])] = row
    return spans, rows


def key_columns(site, table_name: str, row: dict) -> list[list[str]]:
    """[column, shown value, label of the value] for the panel; entity IDs shown as names."""
    res = site.pkg.resources[table_name]
    keys = next(columns for name, _, _, columns in HIGHLIGHTS if name == table_name)
    out = []
    for column in keys:
        value = row[column]
        if value == "":
            continue
        shown = site.entity_name(value) if res.reference(column) == ENTITIES else value
        labels = {c["value"]: c.get("label", "") for c in res.field(column).get("categories", [])}
        out.append([column, shown, labels.get(value, "")])
    return out


def article_spans(site, article_id: str, url) -> tuple[list[dict], int]:
    """The widget's spans (in text order) and the number of lanes of the all-layers view."""
    spans, rows = located_rows(site, article_id)
    lanes = assign_lanes(spans, [kind for _, kind, _, _ in HIGHLIGHTS])
    quotes = site.pkg.resource(QUOTES)
    quote_speaker = {row[quotes.pk]: row["speaker_id"] for row in quotes.rows}
    out = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.table, s.id)):
        res, row = site.pkg.resources[span.table], rows[(span.table, span.id)]
        said = {row[c] for t, c in SAID_BY if t == span.table and row.get(c)}
        if row.get("quote_id") and res.reference("quote_id") == QUOTES and row["quote_id"] in quote_speaker:
            said.add(quote_speaker[row["quote_id"]])
        item = {"id": span.id, "table": span.table, "kind": span.kind, "start": span.start, "end": span.end,
                "lane": span.lane, "text": row["text"], "href": url(site.row_target(span.table, span.id)),
                "said_by": sorted(said), "columns": key_columns(site, span.table, row)}
        if span.table in site.verdicts.checkable:
            item["primary"] = [dict(v, href=url(v.pop("target"))) for v in site.verdicts.of(span.table, span.id)]
        if "claimant_id" in res.columns:
            item["voice"] = voice(row)
        out.append(item)
    return out, lanes
