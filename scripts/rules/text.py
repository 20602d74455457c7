"""Rules that tie rows to the article text: article files match their checksums, spans are verbatim, trimmed, on
grapheme boundaries and inside their sentence, and sentences tile the paragraphs."""

from __future__ import annotations

import hashlib
from collections import defaultdict

from scripts.annotations.segment import paragraphs
from scripts.annotations.spans import grapheme_boundaries
from scripts.contract import lexical
from scripts.contract.fields import SPAN_TABLES, TABLES
from scripts.contract.problems import Problem, first_difference, notice, show

_int = lexical.as_int


def articles(pkg, problems: list[Problem]) -> None:
    """The article files exist and match their recorded checksum and length; no two articles share a text."""
    seen: dict[str, str] = {}
    for line, row in pkg.table("articles"):
        key = f"article_id={row['article_id']}"
        first = seen.setdefault(row.get("sha256", ""), row["article_id"])
        if first != row["article_id"] and row.get("sha256"):
            problems.append(Problem("data/articles.csv", line, key, "sha256", "DUPLICATE_TEXT",
                                    f"the same sha256 as article {first}: one text under two IDs"))
        path = pkg.paths.get(row["path"])
        if path is None and pkg.text_free:  # the variant ships without texts by design: say what went unchecked
            notice(f"text-free package without the text of {row['article_id']}: its form, keys, codes and checksums were "
                   f"checked, but not the spans' sha256 nor the rules that read the words. To check them, put your own "
                   f"copy at {row['path']} (sha256 {row['sha256']}; README.md shows how to check it) beside the "
                   f"unpacked package and validate that folder")
            continue
        if path is None:
            problems.append(Problem("data/articles.csv", line, key, "path", "ARTICLE_MISSING", f"no article text at {row['path']}"))
            continue
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            problems.append(Problem("data/articles.csv", line, key, "sha256", "ARTICLE_HASH",
                                    f"{row['path']} has sha256 {hashlib.sha256(data).hexdigest()[:12]}…, the table records {row['sha256'][:12]}…"))
        hash_ok = hashlib.sha256(data).hexdigest() == row["sha256"]
        for column, actual in (("characters", len(text)), ("bytes", len(data))):
            if str(actual) != row[column]:  # with the right sha256, it is the count that is wrong, not the text
                problems.append(Problem("data/articles.csv", line, key, column, "ARTICLE_HASH",
                                        f"{row['path']} has {actual} {column}, the table records {row[column]}",
                                        f"the text matches its sha256, so the count is wrong: set {column} to {actual} (`make build` writes it)" if hash_ok else ""))
        if "\r" in text:
            problems.append(Problem(row["path"], None, key, "", "ARTICLE_TEXT", f"character {text.index(chr(13))} is a carriage return"))
        pkg.texts[row["article_id"]] = text


def spans(pkg, problems: list[Problem]) -> None:
    """Every span is verbatim, sane, trimmed, on grapheme boundaries and inside its sentence."""
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    # article by article (the order of problems does not matter, validate orders them), so each article's grapheme
    # boundaries are computed once rather than once per table
    rows = sorted(((row["article_id"], name, line, row) for name in SPAN_TABLES for line, row in pkg.table(name)),
                  key=lambda item: item[0])
    for _, name, line, row in rows:
        rel = f"data/{name}.csv"
        pk = TABLES[name].primary_key
        key = f"{pk}={row[pk]}"
        article = pkg.texts.get(row["article_id"])
        start, end = _int(row["start"]), _int(row["end"])
        if article is None or start is None or end is None:
            continue
        if not 0 <= start < end <= len(article):
            problems.append(Problem(rel, line, key, "end", "SPAN_OFFSETS", f"offsets {start}:{end} are not within 0 <= start < end <= {len(article)}"))
            continue
        actual = article[start:end]
        if actual != row["text"]:
            problems.append(Problem(rel, line, key, "text", "SPAN_TEXT_MISMATCH",
                                    f"article[{start}:{end}]={show(actual)} != text={show(row['text'])}; {first_difference(actual, row['text'])}"))
            continue
        if actual != actual.strip():
            problems.append(Problem(rel, line, key, "text", "SPAN_EDGE_WHITESPACE", f"{show(actual)} has white space at its edge"))
        bounds = grapheme_boundaries(article)
        if start not in bounds or end not in bounds:
            problems.append(Problem(rel, line, key, "start", "SPAN_SPLITS_GRAPHEME", f"{start}:{end} cuts a grapheme cluster"))
        if name != "sentences":
            sentence = sentences.get(row["sentence_id"])
            bounds_of = (_int(sentence["start"]), _int(sentence["end"])) if sentence else (None, None)
            if None not in bounds_of and not (bounds_of[0] <= start and end <= bounds_of[1]):
                problems.append(Problem(rel, line, key, "sentence_id", "SPAN_OUTSIDE_SENTENCE",
                                        f"{start}:{end} is not inside {row['sentence_id']} ({sentence['start']}:{sentence['end']})"))


def sentence_tiling(pkg, problems: list[Problem]) -> None:
    """Sentences cover each paragraph exactly: no gap but white space, no overlap, none across a line break."""
    by_article = defaultdict(list)
    for line, row in pkg.table("sentences"):
        if _int(row["start"]) is not None and _int(row["end"]) is not None:  # other rules report the bad offsets
            by_article[row["article_id"]].append((_int(row["start"]), _int(row["end"]), line, row))
    for article_id, rows in by_article.items():
        article = pkg.texts.get(article_id)
        if article is None:
            continue
        rows.sort(key=lambda r: (r[0], r[1]))
        paras = paragraphs(article)
        for number, (p_start, p_end) in enumerate(paras, start=1):
            inside = [r for r in rows if r[3]["paragraph"] == str(number)]
            at = p_start
            for start, end, line, row in inside:
                gap = article[at:start]
                if start < at or gap.strip() or end > p_end:
                    problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "start", "SENTENCE_TILING",
                                            f"paragraph {number} ({p_start}:{p_end}) is not tiled at {at}: next sentence covers {start}:{end}"))
                at = max(at, end)
            if at != p_end:
                problems.append(Problem("data/sentences.csv", None, f"article_id={article_id}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {number} ({p_start}:{p_end}) is covered only up to {at}: {show(article[at:p_end])} is in no sentence"))
        for start, end, line, row in rows:
            if _int(row["paragraph"]) is not None and not 1 <= int(row["paragraph"]) <= len(paras):
                problems.append(Problem("data/sentences.csv", line, f"sentence_id={row['sentence_id']}", "paragraph", "SENTENCE_TILING",
                                        f"paragraph {row['paragraph']} does not exist"))
