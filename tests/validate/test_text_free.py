"""The validator on the text-free variant: it passes with the user's copy of the article beside it, and refuses,
with TEXT_FREE_HOLDS_TEXT naming file, line and field, a variant that declares a text column or whose cell (or
prose column read down) holds a run of 8 words of the article."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from scripts.contract.reader import open_package
from scripts.release import variants
from scripts.runtime.root import repo_root
from scripts.validate.core import validate

REPO = repo_root()


@pytest.fixture(scope="module")
def variant_files() -> dict[str, bytes]:
    return variants.text_free_files(open_package(REPO))


@pytest.fixture
def variant(tmp_path, variant_files) -> Path:
    root = tmp_path / "no-text"
    variants.write(variant_files, root)
    for article in open_package(REPO, texts=False).resource("articles").rows:  # the user's own copy
        (root / article["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / article["path"], root / article["path"])
    return root


def codes(root: Path) -> list:
    return [p for p in validate(root, stages=("rules", "frictionless")) if p.code != "PRIMARY_RECORD_MISSING"]


def rewrite(root: Path, table: str, change) -> None:
    """Change one table's rows, then its bytes and hash in datapackage.json (and the CSV on the Web metadata)."""
    path = root / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    header, rows = change(header, rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    data = path.read_bytes()
    for r in descriptor["resources"]:
        if r["name"] == table:
            r["bytes"], r["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    (root / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_the_text_free_variant_validates_with_the_users_copy(variant):
    assert codes(variant) == []


def test_a_note_that_quotes_the_article_is_refused(variant):
    article = (REPO / "data" / "articles" / "sheinbaum-trump-call.txt").read_text(encoding="utf-8")
    run = " ".join(article.split()[:12])

    def change(header, rows):
        rows[0][header.index("note")] = f"As the lede puts it: {run}"
        return header, rows

    rewrite(variant, "temporal_links", change)
    found = [p for p in codes(variant) if p.code == "TEXT_FREE_HOLDS_TEXT"]
    assert [(p.file, p.line, p.field) for p in found] == [("data/temporal_links.csv", 2, "note")]
    assert "8 or more words of the article" in str(found[0]) and "Fix:" in str(found[0])


def test_words_joined_by_underscores_are_still_words_of_the_article(variant):
    """Words are letters and digits (docs/exports.md): "_" joins no two of them."""
    article = (REPO / "data" / "articles" / "sheinbaum-trump-call.txt").read_text(encoding="utf-8")
    run = "_".join(article.split()[:12])

    def change(header, rows):
        rows[0][header.index("note")] = run
        return header, rows

    rewrite(variant, "temporal_links", change)
    found = [p for p in codes(variant) if p.code == "TEXT_FREE_HOLDS_TEXT"]
    assert [(p.file, p.line, p.field) for p in found] == [("data/temporal_links.csv", 2, "note")]


def test_a_stretch_of_the_article_spread_down_the_notes_is_refused(variant):
    """Five words per row, in order, over four rows of events.note: no cell and no row holds 8 words, the column does."""
    article = (REPO / "data" / "articles" / "sheinbaum-trump-call.txt").read_text(encoding="utf-8")
    words = article.split()[:20]

    def change(header, rows):
        for i in range(4):
            rows[i][header.index("note")] = " ".join(words[5 * i:5 * i + 5])
        return header, rows

    rewrite(variant, "events", change)
    found = [p for p in codes(variant) if p.code == "TEXT_FREE_HOLDS_TEXT"]
    assert [(p.file, p.line, p.field) for p in found] == [("data/events.csv", 2, "note")]
    assert "read down from this row" in str(found[0])


def test_a_text_column_is_refused(variant):
    descriptor = json.loads((variant / "datapackage.json").read_text(encoding="utf-8"))
    quotes = next(r for r in descriptor["resources"] if r["name"] == "quotes")
    quotes["schema"]["fields"][5]["name"] = "text"
    (variant / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    found = [p for p in validate(variant, stages=()) if p.code == "TEXT_FREE_HOLDS_TEXT"]
    assert [(p.file, p.key, p.field) for p in found] == [("datapackage.json", "resource=quotes", "text")]
    assert "text_sha256" in str(found[0])


def test_a_wrong_span_hash_is_caught_against_the_users_copy(variant):
    def change(header, rows):
        rows[0][header.index("text_sha256")] = "0" * 64
        return header, rows

    rewrite(variant, "quotes", change)
    found = [p for p in codes(variant) if p.code == "SPAN_TEXT_MISMATCH"]
    assert [(p.file, p.line) for p in found] == [("data/quotes.csv", 2)]
