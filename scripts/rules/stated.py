"""One check per stated rule of scripts/contract/stated.py, on a built package (the build validates what it writes,
so a rule broken in an annotation stops the build at the YAML line behind the row)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import regex

from scripts.contract.problems import Problem, show
from scripts.contract.stated import (APPROXIMATORS, CLOSING_MARKS, PERCENT_WORDS, STRICT_APPROXIMATORS, TARGETED_TYPES, INTRODUCERS, NOT_QUANTITIES, SIGNALS, DECREASE_WORDS, INCREASE_WORDS,
                                     OPENING_MARKS, RULES, URL_FIELDS)
from scripts.contract.fields import TABLES

CHECKS: dict[str, object] = {}


def _check(rule_id: str):
    def register(function):
        CHECKS[rule_id] = function
        return function
    return register


def check(pkg, problems: list[Problem]) -> None:
    """Every stated rule on the package."""
    for rule in RULES:
        CHECKS[rule.id](pkg, rule, problems)


def _problem(rule, line: int, row: dict, message: str, table: str | None = None, field: str | None = None) -> Problem:
    table = table or rule.table
    pk = TABLES[table].primary_key
    return Problem(f"data/{table}.csv", line, f"{pk}={row.get(pk)}", field or rule.field, rule.code, message)


@_check("S01")
def direct_marks(pkg, rule, problems) -> None:
    for line, row in pkg.table("quotes"):
        text = _span_text(pkg, row)
        if text is not None and row.get("kind") == "direct" and not (text[:1] in OPENING_MARKS and text[-1:] in CLOSING_MARKS and len(text) > 1):
            problems.append(_problem(rule, line, row, f"the quote is `direct` but its text {show(text)} is not enclosed in quotation marks"))
        if text is not None and row.get("kind") == "mixed" and not (any(m in text for m in OPENING_MARKS) and any(m in text for m in CLOSING_MARKS)):
            problems.append(_problem(rule, line, row, f"the quote is `mixed` but its text {show(text)} holds no quoted fragment"))


@_check("S02")
def author_factuality(pkg, rule, problems) -> None:
    quotes = {row["quote_id"]: row for _, row in pkg.table("quotes")}
    for line, row in pkg.table("facts"):
        quote = quotes.get(row.get("quote_id", ""))
        if quote is None or not row.get("claimant_id") or not row.get("author_factuality"):
            continue
        wanted = "CT+" if quote.get("cue_type") == "factive" else "Uu"
        if row["author_factuality"] != wanted:
            cue = quote.get("cue_type") or "no cue type"
            problems.append(_problem(rule, line, row, f"author_factuality is {row['author_factuality']} but the cue of quote "
                                     f"{quote['quote_id']} is {cue}, which gives {wanted}"))


@_check("S03")
def attributed_voice(pkg, rule, problems) -> None:
    quotes = {row["quote_id"]: row for _, row in pkg.table("quotes")}
    for line, row in pkg.table("facts"):
        quote = quotes.get(row.get("quote_id", ""))
        if quote is not None and quote.get("speaker_id") and not row.get("claimant_id"):
            problems.append(_problem(rule, line, row, f"the fact belongs to quote {quote['quote_id']} by {quote['speaker_id']} "
                                     "but has no claimant, so it would read as the article's own voice"))


def _words(patterns) -> regex.Pattern:
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(patterns) + r")(?![\p{L}\p{N}])", regex.IGNORECASE)


STRICT = regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in STRICT_APPROXIMATORS) + r")\s+$", regex.IGNORECASE)
APPROXIMATE = _words([re.escape(word).replace(r"\ ", r"\s+") if word != "~" else "~" for word in APPROXIMATORS])
DECREASE, INCREASE = _words(DECREASE_WORDS), _words(INCREASE_WORDS)
LAST_WORDS = regex.compile(r"(?:[\p{L}~]+\s+){0,3}$")


def _article_and_sentences(pkg):
    return pkg.texts, {row["sentence_id"]: row for _, row in pkg.table("sentences")}


@_check("S04")
def approximate(pkg, rule, problems) -> None:
    texts, sentences = _article_and_sentences(pkg)
    for line, row in pkg.table("figures"):
        if row.get("approximate") not in ("true", "false"):
            continue
        before = None  # the words before the figure in its sentence, where the article text is at hand
        article, sentence = texts.get(row.get("article_id")), sentences.get(row.get("sentence_id"))
        start = _int(row.get("start"))
        if article is not None and sentence is not None and start is not None:
            found = LAST_WORDS.search(article[_int(sentence["start"]) or 0:start])
            before = found.group(0) if found else ""
        text = _span_text(pkg, row)
        if text is None:
            continue
        in_text = APPROXIMATE.search(text)
        near = APPROXIMATE.search(before) if before else None
        if row["approximate"] == "false" and in_text:
            problems.append(_problem(rule, line, row, f"approximate is false but the figure's text {show(text)} marks it approximate ({show(in_text.group(0))})"))
        elif row["approximate"] == "false" and before and STRICT.search(before.split("\n")[-1][-40:] + " "):
            problems.append(_problem(rule, line, row, f"approximate is false but {show(STRICT.search(before[-40:] + ' ').group(0).strip())} stands just before {show(text)}"))
        elif row["approximate"] == "true" and not in_text and before is not None and not near:
            problems.append(_problem(rule, line, row, f"approximate is true but neither {show(text)} nor the words before it mark it approximate"))


@_check("S05")
def direction(pkg, rule, problems) -> None:
    texts, sentences = _article_and_sentences(pkg)
    for line, row in pkg.table("figures"):
        wanted = row.get("direction")
        if wanted not in ("increase", "decrease"):
            continue
        sentence = sentences.get(row.get("sentence_id"))
        words = _span_text(pkg, sentence) if sentence is not None else None
        if words is None:
            continue
        down, up = DECREASE.search(words), INCREASE.search(words)
        given = down if wanted == "decrease" else up
        if not given:
            other = up if wanted == "decrease" else down
            detail = f"it gives only {show(other.group(0))}" if other else "it gives no word of change"
            problems.append(_problem(rule, line, row, f"direction is {wanted} but {detail} in the figure's sentence"))


@_check("S06")
def event_date(pkg, rule, problems) -> None:
    values = {row["timex_id"]: row.get("value", "") for _, row in pkg.table("time_expressions")}
    for line, row in pkg.table("events"):
        if not row.get("date"):
            continue
        value = values.get(row.get("timex_id", ""))
        if value is None:
            problems.append(_problem(rule, line, row, f"date {row['date']} has no time expression (timex_id) in the text that gives it"))
        elif row["date"] != value.split("T", 1)[0]:
            problems.append(_problem(rule, line, row, f"date {row['date']} is not the value {value} of its time "
                                     f"expression {row['timex_id']}, cut to its date"))


@_check("S07")
def wikidata(pkg, rule, problems) -> None:
    for line, row in pkg.table("entities"):
        item, note = row.get("wikidata", ""), row.get("wikidata_note", "")
        named = re.match(r"\s*wikidata\W{0,3}(Q[1-9][0-9]*)\s*[:,]", note, re.IGNORECASE)  # the verified form of guidelines §2
        first = re.search(r"\bQ[1-9][0-9]*\b", note)
        if item and (first is None or first.group(0) != item):
            said = f"its note names {first.group(0)} first" if first else "its note names no item"
            problems.append(_problem(rule, line, row, f"wikidata is {item} but {said}"))
        elif not item and named:
            problems.append(_problem(rule, line, row, f"wikidata is empty but its note says it verified {named.group(1)}"))


@_check("S08")
def sentence_order(pkg, rule, problems) -> None:
    by_article: dict[str, list[tuple[int, int, dict]]] = {}
    for line, row in pkg.table("sentences"):
        start = _int(row.get("start"))
        if start is not None:
            by_article.setdefault(row.get("article_id", ""), []).append((start, line, row))
    for rows in by_article.values():
        for position, (_, line, row) in enumerate(sorted(rows, key=lambda item: item[0]), 1):
            number = row.get("sentence_id", "").rpartition("-s")[2]
            if not number.isdigit() or int(number) != position:
                problems.append(_problem(rule, line, row, f"{row.get('sentence_id')} is sentence {position} of its article in text order"))


USER_INFO_OR_BAD = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


@_check("S09")
def urls(pkg, rule, problems) -> None:
    for table, column in URL_FIELDS:
        for line, row in pkg.table(table):
            url = row.get(column, "")
            if url and (fault := url_fault(url)):
                problems.append(_problem(rule, line, row, f"{show(url)} {fault}", table=table, field=column))


def url_fault(url: str) -> str | None:
    """What makes url no plain absolute http(s) address (RFC 3986), or None."""
    bad = USER_INFO_OR_BAD.search(url)
    if bad:
        return f"holds {show(bad.group(0))}, which a URL cannot hold unencoded"
    if re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return "holds a `%` that is not a percent-encoding (`%` and two hex digits)"
    if url.count("#") > 1:
        return "holds a second `#`, which is not allowed after the fragment begins"
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError as error:
        return f"is not a URL ({error})"
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) address"
    if "[" in url[len(parts.scheme) + 3 + len(parts.netloc):] or "]" in url[len(parts.scheme) + 3 + len(parts.netloc):]:
        return "holds `[` or `]` outside the host, where RFC 3986 allows them only percent-encoded"
    if "@" in parts.netloc:
        return f"holds user information ({show(parts.netloc.rpartition('@')[0])}@), so it goes to {show(parts.hostname or '')}"
    if not parts.hostname or not re.fullmatch(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*", parts.hostname):
        return "has no valid host name"
    return None


FIRST_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _first_word(text: str) -> str:
    found = FIRST_WORD.match(text)
    return found.group(0).lower() if found else ""


@_check("S10")
def content_start(pkg, rule, problems) -> None:
    for line, row in pkg.table("quotes"):
        text = _span_text(pkg, row)
        if text is not None and row.get("kind") in ("indirect", "nominal") and _first_word(text) in INTRODUCERS:
            problems.append(_problem(rule, line, row, f"the content {show(text)} begins with {show(_first_word(text))}, the word that introduces it"))


@_check("S11")
def timex_extent(pkg, rule, problems) -> None:
    for line, row in pkg.table("time_expressions"):
        text = _span_text(pkg, row)
        if text is not None and _first_word(text) in SIGNALS:
            problems.append(_problem(rule, line, row, f"the time expression {show(text)} begins with the signal word {show(_first_word(text))}"))


@_check("S12")
def polarity_factuality(pkg, rule, problems) -> None:
    for line, row in pkg.table("facts"):
        if row.get("polarity") == "negative" and row.get("factuality") in ("CT+", "PR+", "PS+"):
            problems.append(_problem(rule, line, row, f"the predicate {show(row.get('predicate', ''))} is negated but its factuality is {row['factuality']}"))


NOT_A_QUANTITY = regex.compile(r"(?:" + "|".join(NOT_QUANTITIES[1:]) + r")", regex.IGNORECASE)


@_check("S13")
def figure_quantity(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        text = _span_text(pkg, row)
        if text is None:
            continue
        article, end = pkg.texts.get(row.get("article_id", "")), _int(row.get("end"))
        one_of = text.strip().lower() == "one" and article is not None and end is not None and regex.match(r"\s+of\b", article[end:])
        if NOT_A_QUANTITY.fullmatch(text.strip()) or one_of:
            problems.append(_problem(rule, line, row, f"{show(text)} prints a number but is no quantity"))


@_check("S14")
def percent(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        text = _span_text(pkg, row)
        if text is None or not row.get("unit"):
            continue
        printed = any(w in text.lower() for w in PERCENT_WORDS)
        if printed != (row["unit"] == "percent"):
            said = "prints a percentage" if printed else "prints no percentage"
            problems.append(_problem(rule, line, row, f"unit is {row['unit']} but {show(text)} {said}"))


@_check("S15")
def figure_claimant(pkg, rule, problems) -> None:
    facts = {row["fact_id"]: row for _, row in pkg.table("facts")}
    for line, row in pkg.table("figures"):
        fact = facts.get(row.get("fact_id", ""))
        if fact is not None and fact.get("claimant_id", "") != row.get("claimant_id", ""):
            problems.append(_problem(rule, line, row, f"claimant_id is {row.get('claimant_id') or '(empty)'} but fact "
                                     f"{fact['fact_id']} that states the figure is claimed by {fact.get('claimant_id') or 'the article'}"))


@_check("S16")
def nominal_verb(pkg, rule, problems) -> None:
    for line, row in pkg.table("quotes"):
        if row.get("kind") == "nominal" and row.get("reporting_verb"):
            problems.append(_problem(rule, line, row, f"the quote is nominal but has the reporting verb {show(row['reporting_verb'])}"))


@_check("S17")
def wording(pkg, rule, problems) -> None:
    for line, row in pkg.table("quotes"):
        status, kind = row.get("wording_status", ""), row.get("kind", "")
        if status and kind != "mixed" and (kind in ("indirect", "nominal")) != (status == "not_applicable"):
            problems.append(_problem(rule, line, row, f"wording_status is {status} for a {kind} quote"))


@_check("S18")
def recipient(pkg, rule, problems) -> None:
    for line, row in pkg.table("events"):
        if row.get("plover_type") in TARGETED_TYPES and not row.get("recipient_id"):
            problems.append(_problem(rule, line, row, f"a {row['plover_type']} event with no recipient"))


def _span_text(pkg, row: dict, start: str = "start", end: str = "end") -> str | None:
    """A row's span text: its text cell, or the article's code points where a text-free package was given its text
    back; None where neither is at hand (a rule on the words is then not checked)."""
    if "text" in row:
        return row["text"]
    article = pkg.texts.get(row.get("article_id", ""))
    a, b = _int(row.get(start)), _int(row.get(end))
    return article[a:b] if article is not None and a is not None and b is not None else None


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None

