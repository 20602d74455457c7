"""Packages the docs tests build sites from: a hostile one (data text full of HTML and Markdown syntax), and a
small corpus of two articles with a homepage and primary records (the resources that may come later).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scripts.contract.descriptor import dumps, render
from scripts.contract.fields import TABLES
from scripts.build.write import csv_bytes

HOSTILE_QUOTE = "“<script>alert('quote')</script> | *not bold* _nor this_ `tick` [link](javascript:alert(1)) &amp; {: .x } \\ </script> #1”"
HOSTILE_NAME = "Ann <b>Smith</b> | *O'Neil* `x`"
HOSTILE_ARTICLE = f"Ann Smith said {HOSTILE_QUOTE}.\n"


def make_hostile_package(root: Path) -> Path:
    """A package whose quote, speaker and metadata carry HTML, Markdown and table syntax."""
    start = HOSTILE_ARTICLE.index(HOSTILE_QUOTE)
    end = start + len(HOSTILE_QUOTE)
    sentence_end = len(HOSTILE_ARTICLE.rstrip("\n"))
    rows = {name: [] for name in TABLES}
    rows["articles"] = [{"article_id": "hostile", "path": "data/articles/hostile.txt", "language": "en",
                         "characters": len(HOSTILE_ARTICLE), "bytes": len(HOSTILE_ARTICLE.encode())}]
    rows["sentences"] = [{"sentence_id": "h-s01", "article_id": "hostile", "paragraph": 1, "start": 0,
                          "end": sentence_end, "text": HOSTILE_ARTICLE[:sentence_end]}]
    rows["entities"] = [{"entity_id": "ann-smith", "name": HOSTILE_NAME, "type": "person",
                         "description": "A speaker | with *syntax*", "wikidata_note": "<i>none</i>"}]
    rows["mentions"] = [{"mention_id": "h-m001", "article_id": "hostile", "sentence_id": "h-s01", "entity_id": "ann-smith",
                         "start": 0, "end": 9, "text": "Ann Smith", "form": "name"}]
    rows["quotes"] = [{"quote_id": "h-q01", "article_id": "hostile", "sentence_id": "h-s01", "start": start, "end": end,
                       "text": HOSTILE_QUOTE, "kind": "direct", "speaker_id": "ann-smith", "reporting_verb": "said",
                       "channel": "unspecified", "attribution_basis": "the verb `said` | *before*",
                       "wording_status": "unverified"}]
    meta = {"name": "hostile", "title": "Hostile <i>fixture</i>", "description": "A | fixture", "version": "0.0.1",
            "created": "2026-01-01T00:00:00Z",
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "CC BY"}],
            "contributors": [{"title": "Tester <script>", "roles": ["creator"]}],
            "text_license": {"name": "other-closed", "title": "The publisher's"}}
    csvs = {name: csv_bytes(table, rows[name]) for name, table in TABLES.items()}
    texts = {"hostile": HOSTILE_ARTICLE.encode("utf-8")}
    (root / "data" / "articles").mkdir(parents=True)
    for name, data in csvs.items():
        (root / "data" / f"{name}.csv").write_bytes(data)
    (root / "data" / "articles" / "hostile.txt").write_bytes(texts["hostile"])
    (root / "datapackage.json").write_text(dumps(render(meta, csvs, texts)), encoding="utf-8")
    return root




CORPUS_TEXTS = {
    "alpha": "Ann Smith said the plan was “too late”.\n",
    "beta": "Bo Lee said prices rose.\n",
}
HOMEPAGE = "https://example.org/news-facts/"
LARGE_TABLE, LARGE_ROWS = "context", 1250  # more rows than a table page holds (scripts/docs/config.py PAGE_ROWS)
RECORD_URL = "https://example.org/records/r1"
ALIGNMENT_NOTE = "The record's wording | differs <b>slightly</b>"


def _article_rows(article_id: str, prefix: str, speaker: str, name: str, quote: str) -> dict[str, list[dict]]:
    text = CORPUS_TEXTS[article_id]
    end = len(text.rstrip("\n"))
    start = text.index(quote)
    return {
        "articles": [{"article_id": article_id, "path": f"data/articles/{article_id}.txt", "language": "en",
                      "characters": len(text), "bytes": len(text.encode())}],
        "sentences": [{"sentence_id": f"{prefix}-s01", "article_id": article_id, "paragraph": 1, "start": 0, "end": end,
                       "text": text[:end]}],
        "mentions": [{"mention_id": f"{prefix}-m001", "article_id": article_id, "sentence_id": f"{prefix}-s01",
                      "entity_id": speaker, "start": 0, "end": len(name), "text": name, "form": "name"}],
        "quotes": [{"quote_id": f"{prefix}-q01", "article_id": article_id, "sentence_id": f"{prefix}-s01", "start": start,
                    "end": start + len(quote), "text": quote, "kind": "indirect", "speaker_id": speaker,
                    "reporting_verb": "said", "channel": "unspecified", "attribution_basis": "the verb said",
                    "wording_status": "not_applicable"}],
    }


def _table_resource(name: str, path: str, columns: list[str], data: bytes) -> dict:
    return {"name": name, "type": "table", "path": path, "scheme": "file", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "bytes": len(data),
            "schema": {"fields": [{"name": c, "type": "string"} for c in columns]}}


def _primary_rows() -> dict[str, list[dict]]:
    return {
        "primary_records": [{"record_id": "r1", "title": "Briefing transcript", "publisher": "Office of Ann Smith",
                             "date": "", "language": "en", "url": RECORD_URL}],
        "primary_alignments": [{"alignment_id": "al1", "article_id": "alpha", "target_table": "quotes",
                                "target_id": "al-q01", "record_id": "r1", "start": "10", "end": "40", "speaker_turn": "2",
                                "relation": "paraphrase", "note": ALIGNMENT_NOTE}],
    }


def _primary_resources(root: Path) -> list[dict]:
    """`primary_records` and `primary_alignments` for a package whose fields.py does not define them."""
    tables = _primary_rows()
    resources = []
    for name, rows in tables.items():
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        data = out.getvalue().encode("utf-8")
        (root / "data" / f"{name}.csv").write_bytes(data)
        resources.append(_table_resource(name, f"data/{name}.csv", list(rows[0]), data))
    return resources


def make_corpus_package(root: Path) -> Path:
    """Two articles (two speakers), a homepage, and primary records aligned to one quote."""
    parts = [_article_rows("alpha", "al", "ann-smith", "Ann Smith", "the plan was “too late”"),
             _article_rows("beta", "be", "bo-lee", "Bo Lee", "prices rose")]
    rows = {name: [r for part in parts for r in part.get(name, [])] for name in TABLES}
    if "primary_records" in TABLES:
        rows.update(_primary_rows())
    rows[LARGE_TABLE] = [{"context_id": f"al-c{n:04d}", "article_id": "alpha", "statement": f"Statement, \"number\" {n}",
                          "relation": "adds", "source_title": "A report", "excerpt": f"line one\nline two {n}"}
                         for n in range(1, LARGE_ROWS + 1)]
    rows["entities"] = [{"entity_id": "ann-smith", "name": "Ann Smith", "type": "person", "description": "A speaker"},
                        {"entity_id": "bo-lee", "name": "Bo Lee", "type": "person", "description": "Another speaker"}]
    meta = {"name": "corpus", "title": "Corpus fixture", "description": "Two articles", "version": "0.0.1",
            "created": "2026-01-01T00:00:00Z", "homepage": HOMEPAGE,
            "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "CC BY"}],
            "contributors": [{"title": "Tester", "roles": ["creator"]}],
            "text_license": {"name": "other-closed", "title": "The publisher's"}}
    csvs = {name: csv_bytes(table, rows[name]) for name, table in TABLES.items()}
    texts = {a: t.encode("utf-8") for a, t in CORPUS_TEXTS.items()}
    (root / "data" / "articles").mkdir(parents=True)
    for name, data in csvs.items():
        (root / "data" / f"{name}.csv").write_bytes(data)
    for article_id, data in texts.items():
        (root / "data" / "articles" / f"{article_id}.txt").write_bytes(data)
    descriptor = render(meta, csvs, texts)
    if "primary_records" not in TABLES:
        descriptor["resources"] += _primary_resources(root)
    (root / "datapackage.json").write_text(dumps(descriptor), encoding="utf-8")
    return root
