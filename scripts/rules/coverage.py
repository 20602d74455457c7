"""Curation rules on a built package: nothing the article says is left out, and spans do not collide.

Every sentence has a fact or a quote; every pair of quotation marks is a direct quote; every number is inside
a figure (or a time expression or a name); every occurrence of the name of an entity the article lists has a
mention (or lies inside another entity's name, or is marked non-referring); every personal pronoun is linked to an
entity, marked non-referring (form expletive) or part of a name ("US"); spans of one kind
overlap only where the guidelines allow. Each problem names the sentence and the uncovered text.
"""

from __future__ import annotations

import regex

from scripts.contract.fields import TABLES
from scripts.contract.lexical import as_int
from scripts.contract.problems import Problem, show

PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his",
            "she", "her", "hers", "it", "its", "they", "them", "their", "theirs"}
QUOTE_PAIRS = regex.compile(r"“[^”]*”|\"[^\"]*\"")
NO_OVERLAP = ("sentences", "figures", "time_expressions")


def check(pkg, problems: list[Problem]) -> None:
    """All coverage and overlap rules, for every article of a package read by scripts.validate."""
    for article_id, article in pkg.texts.items():
        _Article(pkg, article_id, article, problems).check()
    _overlaps(pkg, problems)


def _by_article(rows) -> dict[str, list[tuple[int, dict]]]:
    found: dict[str, list[tuple[int, dict]]] = {}
    for line, row in rows:
        found.setdefault(row["article_id"], []).append((line, row))
    return found


def _by_entity_id(rows) -> dict[str, dict]:
    return {row["entity_id"]: row for _, row in rows}


def rows_of(pkg, name: str, article_id: str) -> list[tuple[int, dict]]:
    """(line, row) of a table's rows in one article, from an index built once per table (not a scan per article)."""
    return pkg.indexed(name, _by_article).get(article_id, [])


def spans_of(pkg, name: str, article_id: str, **where) -> list[tuple[int, int, dict]]:
    """(start, end, row) of a table's rows in one article, skipping rows whose offsets are not integers."""
    found = []
    for _, row in rows_of(pkg, name, article_id):
        if not all(row.get(k) == v for k, v in where.items()):
            continue
        start, end = as_int(row["start"]), as_int(row["end"])
        if start is not None and end is not None:
            found.append((start, end, row))
    return found


class _Article:
    def __init__(self, pkg, article_id: str, article: str, problems: list[Problem]):
        self.pkg, self.article_id, self.article, self.problems = pkg, article_id, article, problems
        self.sentences = rows_of(pkg, "sentences", article_id)

    def uncovered(self, code: str, start: int, end: int, what: str) -> None:
        """Report text at start:end, located by the sentence that holds it."""
        for line, sentence in self.sentences:
            if (as_int(sentence["start"]) or 0) <= start < (as_int(sentence["end"]) or 0):
                self.problems.append(Problem("data/sentences.csv", line, f"sentence_id={sentence['sentence_id']}", "text", code,
                                             f"{show(self.article[start:end])} at {start}:{end} {what}, in {show(sentence['text'], 90)}"))
                return
        self.problems.append(Problem(f"data/articles/{self.article_id}.txt", None, f"article_id={self.article_id}", "", code,
                                     f"{show(self.article[start:end])} at {start}:{end} {what}"))

    def check(self) -> None:
        self.sentences_claimed()
        self.quotation_marks()
        self.numbers()
        self.names()
        self.pronouns()

    def sentences_claimed(self) -> None:
        claimed = {r["sentence_id"] for name in ("facts", "quotes") for _, _, r in spans_of(self.pkg, name, self.article_id)}
        for line, sentence in self.sentences:
            if sentence["sentence_id"] not in claimed:
                self.problems.append(Problem("data/sentences.csv", line, f"sentence_id={sentence['sentence_id']}", "text",
                                             "COVERAGE_SENTENCE", f"no fact or quote in {show(sentence['text'], 90)}"))

    def quotation_marks(self) -> None:
        direct = {(s, e) for s, e, _ in spans_of(self.pkg, "quotes", self.article_id, kind="direct")}
        for match in QUOTE_PAIRS.finditer(self.article):
            if match.span() not in direct:
                self.uncovered("COVERAGE_QUOTE_MARKS", *match.span(), "is not a direct quote")

    def numbers(self) -> None:
        figures = spans_of(self.pkg, "figures", self.article_id)
        length = len(self.article)
        if any(not 0 <= s < e <= length for s, e, _ in figures) or len(figures) < len(rows_of(self.pkg, "figures", self.article_id)):
            return  # a figure whose offsets are unusable is reported as such; "add a figure" would point the wrong way
        # digits inside a date, a time or a name are no figure (guidelines 10.11): "2031", "14:30", "Route 9"
        inside = [(s, e) for s, e, _ in figures] + [(s, e) for s, e, _ in spans_of(self.pkg, "time_expressions", self.article_id)] \
            + [(s, e) for s, e, r in spans_of(self.pkg, "mentions", self.article_id) if r["form"] == "name"]
        for match in regex.finditer(r"\d+", self.article):
            if not any(s <= match.start() and match.end() <= e for s, e in inside):
                self.uncovered("COVERAGE_DIGITS", *match.span(), "is in no figure")

    def names(self) -> None:
        """Every occurrence of a name this article knows: its name mentions, and the names (and persons' surnames)
        of the entities it lists in article_entities. Another article's entities are not this article's business."""
        mentions = spans_of(self.pkg, "mentions", self.article_id)
        listed = {row["entity_id"] for _, row in rows_of(self.pkg, "article_entities", self.article_id)}
        registry = self.pkg.indexed("entities", _by_entity_id)  # a corpus registry is large, an article lists few
        entities = [registry[entity_id] for entity_id in sorted(listed) if entity_id in registry]
        names = {(r["text"], r["entity_id"]) for _, _, r in mentions if r["form"] in ("name", "demonym")}
        names |= {(r["name"], r["entity_id"]) for r in entities}
        names |= {(r["name"].split()[-1], r["entity_id"]) for r in entities if r["type"] == "person"}
        spans_by_entity: dict[str, list[tuple[int, int]]] = {}
        for s, e, r in mentions:
            spans_by_entity.setdefault(r["entity_id"], []).append((s, e))
        # a word that only looks like the name: inside another entity's name ("the Marsh Foundation" beside Eva
        # Marsh), or marked as referring to nothing (form expletive: "Young" in "Young workers")
        elsewhere = [(s, e, r["entity_id"]) for s, e, r in mentions if r["form"] == "name" or r["form"] == "expletive"]
        for text, entity_id in sorted(names):
            if text not in self.article:  # a cheap test first: most names of a corpus are not in a given article
                continue
            spans = spans_by_entity.get(entity_id, []) + [(s, e) for s, e, other in elsewhere if other != entity_id]
            for match in regex.finditer(rf"(?<!\w){regex.escape(text)}(?!\w)", self.article):
                if not any(s <= match.start() and match.end() <= e for s, e in spans):
                    self.uncovered("COVERAGE_NAME", *match.span(), f"has no mention of {entity_id}")

    def pronouns(self) -> None:
        mentions = spans_of(self.pkg, "mentions", self.article_id)
        linked = {(s, e) for s, e, r in mentions if r["form"] in ("pronoun", "expletive")}
        names = [(s, e) for s, e, r in mentions if r["form"] in ("name", "demonym")]  # "US" of the United States
        for match in regex.finditer(r"\b\p{L}+\b", self.article):
            if match.group().lower() not in PRONOUNS or match.span() in linked:
                continue
            if any(s <= match.start() and match.end() <= e for s, e in names):
                continue
            self.uncovered("COVERAGE_PRONOUN", *match.span(), "is not linked to an entity")


def _overlaps(pkg, problems: list[Problem]) -> None:
    """Sentences, figures and time expressions never overlap their kind; quotes may nest but never cross;
    two mentions of one entity never overlap."""
    for name in (*NO_OVERLAP, "quotes", "mentions"):
        pk = TABLES[name].primary_key
        lines = {id(row): line for line, row in pkg.table(name)}
        for article_id in pkg.texts:
            spans = sorted(spans_of(pkg, name, article_id), key=lambda t: (t[0], t[1]))
            for i, (s1, e1, r1) in enumerate(spans):
                for s2, e2, r2 in spans[i + 1:]:
                    if s2 >= e1:
                        break
                    if name == "mentions" and (r1["entity_id"] != r2["entity_id"] or (s1, e1) == (s2, e2)):
                        continue
                    if name == "quotes" and e2 <= e1:
                        continue
                    problems.append(Problem(f"data/{name}.csv", lines.get(id(r2)), f"{pk}={r2[pk]}", "start", "OVERLAP",
                                            f"{s2}:{e2} overlaps {r1[pk]} at {s1}:{e1}"))
