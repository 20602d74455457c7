"""One check per stated rule of scripts/contract/stated.py, on a built package (the build validates what it writes,
so a rule broken in an annotation stops the build at the YAML line behind the row)."""

from __future__ import annotations

import datetime
import functools
from collections import Counter
import re
from urllib.parse import urlsplit

import pycountry
import regex

from scripts.annotations import cue_verbs
from scripts.contract import lexical
from scripts.runtime.root import repo_root
from scripts.contract.problems import Problem, show
from scripts.contract.stated import (NEGATORS, BOUND_WORDS, INVERSE_RELATIONS, PLACE_TYPES, ORDER_SIGNALS, ORDER_ADVERBS,
                                     BOUNDARY_SIGNALS, ORDER_RELATIONS, INCLUSION_SIGNALS, OVERLAP_RELATIONS, ANCHOR_TYPES,
                                     FUNCTION_WORDS, LANGUAGE_MIN_WORDS, NEGATING_PREPOSITIONS, TYPE_CLASSES, SETTINGS,
                                     SCENE_MOVERS, FORECAST_MODALS, TIMEX_UNITS, MONTHS, CONDITIONALS, UNIT_KINDS, WEEKDAYS, AUXILIARIES,
                                     OWN_VOICE_TABLES, NUMBER_WORDS)
from scripts.contract import text_free
from scripts.contract.stated import (APPROXIMATORS, CLOSING_MARKS, PERCENT_WORDS, STRICT_APPROXIMATORS, TARGETED_TYPES, INTRODUCERS, NOT_QUANTITIES, SIGNALS, DECREASE_WORDS, INCREASE_WORDS,
                                     OPENING_MARKS, RULES, URL_FIELDS)
from scripts.contract.fields import TABLES
from scripts.rules.coverage import PRONOUNS

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


def _by_sentence_id(rows):
    return {row["sentence_id"]: row for _, row in rows}


def _mentions_by_article(rows):
    """article_id -> [(start, end, row)] of the mentions whose offsets are numbers."""
    found: dict[str, list] = {}
    for _, row in rows:
        start, end = lexical.as_int(row.get("start")), lexical.as_int(row.get("end"))
        if start is not None and end is not None:
            found.setdefault(row.get("article_id", ""), []).append((start, end, row))
    return found


def _article_and_sentences(pkg):
    return pkg.texts, pkg.indexed("sentences", _by_sentence_id)


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
            given = values.get(row.get("timex_id", ""), "").split("T", 1)[0]
            if given and regex.search(r"\d", given) and not lexical.check("string", "timex_date", given):
                problems.append(_problem(rule, line, row, f"the date is empty but its time expression {row['timex_id']} "
                                         f"gives {given}"))
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
    unreadable = set()  # an article with a sentence whose start is no number: positions cannot be told (LEXICAL_FORM says why)
    for line, row in pkg.table("sentences"):
        start = _int(row.get("start"))
        if start is not None:
            by_article.setdefault(row.get("article_id", ""), []).append((start, line, row))
        else:
            unreadable.add(row.get("article_id", ""))
    for rows in (rows for article_id, rows in by_article.items() if article_id not in unreadable):
        for position, (_, line, row) in enumerate(sorted(rows, key=lambda item: item[0]), 1):
            number = row.get("sentence_id", "").rpartition("-s")[2]
            if not re.fullmatch(r"[0-9]+", number) or int(number) != position:  # "s01": zero-padded, ASCII digits
                problems.append(_problem(rule, line, row, f"{row.get('sentence_id')} is sentence {position} of its article in text order"))


USER_INFO_OR_BAD = re.compile(r"[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")


@_check("S09")
def urls(pkg, rule, problems) -> None:
    for table, column in URL_FIELDS:
        for line, row in pkg.table(table):
            url = row.get(column, "")
            if url and (fault := url_fault(url)):
                problems.append(_problem(rule, line, row, f"{show(url)} {fault}", table=table, field=column))
    for where, url in _descriptor_urls(pkg.descriptor):  # the package's own addresses: homepage, sources, licences
        if (fault := url_fault(url)):
            problems.append(Problem("datapackage.json", None, "", where, "URL_FORM", f"{show(url)} {fault}",
                                    "give a plain https address in annotations/package.yaml (or the source it comes from) "
                                    "and rebuild"))


def _descriptor_urls(d: dict):
    """(field path, URL) of every address the descriptor gives: homepage, and each source's and licence's path,
    at the package level and on each resource."""
    if isinstance(d.get("homepage"), str):
        yield "homepage", d["homepage"]
    holders = [("", d)] + [(f"resources/{n}/", r) for n, r in enumerate(d.get("resources", [])) if isinstance(r, dict)]
    for prefix, holder in holders:
        for key in ("sources", "licenses"):
            for n, item in enumerate(holder.get(key, []) if isinstance(holder.get(key), list) else []):
                path = item.get("path") if isinstance(item, dict) else None
                if isinstance(path, str) and "://" in path:  # a URL, not a path inside the package
                    yield f"{prefix}{key}/{n}/path", path


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
    labels = parts.hostname.split(".")
    if len(parts.hostname) > 253 or any(len(label) > 63 for label in labels):
        return "has a host name longer than DNS allows (63 characters a label, 253 in all)"
    for label in labels:
        if label.startswith("xn--"):
            try:
                label[4:].encode("ascii").decode("punycode")
            except UnicodeError:
                return f"has the host label {show(label)}, which is no valid internationalised (punycode) name"
    return None


FIRST_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _plain(text: str) -> str:
    """Words only, case-folded: quotation marks, dashes and spacing do not make two wordings differ."""
    return " ".join(w.casefold() for w in WORD.findall(text))


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


@_check("S19")
def pronoun_basis(pkg, rule, problems) -> None:
    for line, row in pkg.table("mentions"):
        if row.get("basis", "").strip():
            continue
        text = _span_text(pkg, row) or ""
        if row.get("form") == "pronoun":
            problems.append(_problem(rule, line, row, f"the pronoun {show(text)} has no basis"))
        elif row.get("form") == "nominal" and regex.match(r"(?i)(?:the|this|that|these|those)\s", text):
            problems.append(_problem(rule, line, row, f"the nominal {show(text)} points back (a definite noun phrase) but "
                                     "has no basis"))


def _before_and_after(pkg, row) -> tuple[str, str] | None:
    """The words of the figure's sentence before it, and after it; None where the text is not at hand."""
    texts, sentences = _article_and_sentences(pkg)
    article, sentence = texts.get(row.get("article_id")), sentences.get(row.get("sentence_id"))
    start, end = _int(row.get("start")), _int(row.get("end"))
    if article is None or sentence is None or start is None or end is None:
        return None
    return article[_int(sentence["start"]) or 0:start], article[end:_int(sentence["end"]) or end]


BOUNDS = {bound: regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(w.replace(" ", r"\s+") for w in words) + r")(?![\p{L}\p{N}])",
                               regex.IGNORECASE) for bound, words in BOUND_WORDS.items()}
ENDS_WITH = {bound: regex.compile(r"(?:" + pattern.pattern + r")\s*$", regex.IGNORECASE) for bound, pattern in BOUNDS.items()}


@_check("S20")
def bound(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        text, around = _span_text(pkg, row), _before_and_after(pkg, row)
        if text is None or around is None or row.get("bound") in (None, "", "range"):
            continue
        before = around[0]
        if row["bound"] in BOUNDS:
            pattern = BOUNDS[row["bound"]]
            if not (ENDS_WITH[row["bound"]].search(before) or pattern.match(text) or (row["bound"] == "at_least" and pattern.search(text))):
                problems.append(_problem(rule, line, row, f"bound is {row['bound']} but no bounding phrase of that kind "
                                         f"stands just before {show(text)} or in it"))
        elif row["bound"] == "exact":
            for other, ends in ENDS_WITH.items():
                found = ends.search(before) or BOUNDS[other].match(text)
                if found:
                    problems.append(_problem(rule, line, row, f"bound is exact but {show(found.group(0).strip())} "
                                             f"stands just before {show(text)}, which makes it {other}"))
                    break


FOUR_WORDS = regex.compile(r"(?:[\p{L}\p{N}%'’-]+[^\p{L}\p{N}]*){0,4}$")
NEXT_WORD = regex.compile(r"^[^\p{L}\p{N}]*[\p{L}\p{N}'’-]+")


@_check("S21")
def change_word(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        around, text = _before_and_after(pkg, row), _span_text(pkg, row)
        if row.get("direction") != "none" or around is None or text is None:
            continue
        near = FOUR_WORDS.search(around[0]).group(0) + " " + text + " " + (NEXT_WORD.search(around[1]).group(0) if NEXT_WORD.search(around[1]) else "")
        found = DECREASE.search(near) or INCREASE.search(near)
        if found:
            problems.append(_problem(rule, line, row, f"direction is none but {show(found.group(0))} stands by {show(text)}"))


YEAR = re.compile(r"^(\d{4})")
PARTIAL_YEAR = re.compile(r"^(?=[\dX]{4})(?=[^-]*\d)(?=[^-]*X)([\dX]{4})")  # "19XX" (a century), "XX26" (no such form)
DAY = re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(\d\d)")


@_check("S22")
def timex_year(pkg, rule, problems) -> None:
    published = {row["article_id"]: row.get("published", "") for _, row in pkg.table("articles")}
    values = {row["timex_id"]: row.get("value", "") for _, row in pkg.table("time_expressions")}
    for line, row in pkg.table("time_expressions"):
        year = YEAR.match(row.get("value", ""))
        article = pkg.texts.get(row.get("article_id", ""))
        unknown = article is not None and not published.get(row.get("article_id"), "")
        partial = PARTIAL_YEAR.match(row.get("value", ""))
        if partial and unknown and not (regex.fullmatch(r"\d+X+", partial.group(1))
                                         and partial.group(1).rstrip("X") in article):
            problems.append(_problem(rule, line, row, f"the value {row['value']} gives the year digits "
                                     f"{partial.group(1)}, which the article does not print, and its publication date "
                                     "is unknown"))
        if year and unknown and year.group(1) not in article:
            problems.append(_problem(rule, line, row, f"the value {row['value']} gives the year {year.group(1)}, which the "
                                     "article does not print, and its publication date is unknown"))
        day = DAY.match(row.get("value", ""))
        if day and unknown:
            anchor = values.get(row.get("anchor_timex_id", ""), "")
            own = _span_text(pkg, row) or ""
            if str(int(day.group(1))) not in regex.findall(r"\d+", own) and (DAY.match(anchor) or [None, None])[1] != day.group(1):
                problems.append(_problem(rule, line, row, f"the value {row['value']} gives day {day.group(1)} of the month, "
                                         f"which {show(own)} does not print, and its publication date is unknown"))


@_check("S23")
def tlink_contradiction(pkg, rule, problems) -> None:
    said: dict[tuple[str, str, str], tuple[str, str]] = {}  # (article, a, b) -> (relation, tlink_id), as read from a to b
    for line, row in pkg.table("temporal_links"):
        a, b, rel = row.get("source_id", ""), row.get("target_id", ""), row.get("rel_type", "")
        if rel not in INVERSE_RELATIONS:
            continue
        for key, wanted in (((row.get("article_id"), a, b), rel), ((row.get("article_id"), b, a), INVERSE_RELATIONS[rel])):
            if key in said and said[key][0] != wanted:
                problems.append(_problem(rule, line, row, f"{a} {rel} {b} contradicts {said[key][1]}, which says "
                                         f"{key[1]} {said[key][0]} {key[2]}"))
                break
        else:
            said.setdefault((row.get("article_id"), a, b), (rel, row["tlink_id"]))
            said.setdefault((row.get("article_id"), b, a), (INVERSE_RELATIONS[rel], row["tlink_id"]))
    _tlink_cycles(pkg, rule, problems)


PRECEDES = {"BEFORE": False, "IBEFORE": False, "AFTER": True, "IAFTER": True}  # relation -> read from the target
SAME_TIME = ("SIMULTANEOUS", "IDENTITY")


def _tlink_cycles(pkg, rule, problems) -> None:
    """The link that closes a cycle of strict order (through items made one by SIMULTANEOUS or IDENTITY)."""
    rows = [(line, row) for line, row in pkg.table("temporal_links")]
    same: dict[tuple[str, str], tuple[str, str]] = {}

    def one(item):  # union-find over items that are one point in time
        while same.get(item, item) != item:
            item = same[item]
        return item

    for _, row in rows:
        if row.get("rel_type") in SAME_TIME:
            a, b = one((row.get("article_id"), row.get("source_id"))), one((row.get("article_id"), row.get("target_id")))
            if a != b:
                same[b] = a
    later: dict[tuple[str, str], set] = {}
    for line, row in rows:
        if row.get("rel_type") not in PRECEDES:
            continue
        a, b = one((row.get("article_id"), row.get("source_id"))), one((row.get("article_id"), row.get("target_id")))
        first, then = (b, a) if PRECEDES[row["rel_type"]] else (a, b)
        seen, stack = set(), [then]
        while stack:
            item = stack.pop()
            if item == first:
                break
            if item not in seen:
                seen.add(item)
                stack.extend(later.get(item, ()))
        else:
            later.setdefault(first, set()).add(then)
            continue
        problems.append(_problem(rule, line, row, f"{row['source_id']} {row['rel_type']} {row['target_id']} closes a "
                                 f"cycle: the other links already put {then[1]} before {first[1]}, or at one time with it"))


def _overlap(a: dict, b: dict) -> bool | None:
    a0, a1, b0, b1 = _int(a.get("start")), _int(a.get("end")), _int(b.get("start")), _int(b.get("end"))
    return None if None in (a0, a1, b0, b1) else a0 < b1 and b0 < a1


@_check("S24")
def fact_in_quote(pkg, rule, problems) -> None:
    quotes = {row["quote_id"]: row for _, row in pkg.table("quotes")}
    for line, row in pkg.table("facts"):
        quote = quotes.get(row.get("quote_id", ""))
        if quote is not None and _overlap(row, quote) is False:
            problems.append(_problem(rule, line, row, f"the fact {show(row.get('text', ''))} does not overlap the content "
                                     f"of its quote {quote['quote_id']} {show(quote.get('text', ''))}"))


@_check("S25")
def figure_in_fact(pkg, rule, problems) -> None:
    facts = {row["fact_id"]: row for _, row in pkg.table("facts")}
    for line, row in pkg.table("figures"):
        fact = facts.get(row.get("fact_id", ""))
        if fact is None:
            continue
        inside = [_int(fact.get("start")), _int(row.get("start")), _int(row.get("end")), _int(fact.get("end"))]
        if None not in inside and inside != sorted(inside):
            problems.append(_problem(rule, line, row, f"the figure {show(row.get('text', ''))} is not inside its fact "
                                     f"{fact['fact_id']} {show(fact.get('text', ''))}"))


@_check("S26")
def wording_context(pkg, rule, problems) -> None:
    about: dict[str, list[dict]] = {}
    for _, row in pkg.table("context"):
        about.setdefault(row.get("quote_id", ""), []).append(row)
    for line, row in pkg.table("quotes"):
        against = [c["context_id"] for c in about.get(row["quote_id"], []) if c.get("relation") in ("differs", "conflicts")]
        if row.get("wording_status") == "confirmed" and against:
            problems.append(_problem(rule, line, row, f"wording_status is confirmed but context {', '.join(against)} "
                                     "about this quote differs or conflicts"))
        elif row.get("wording_status") == "differs_from_source" and not against:
            problems.append(_problem(rule, line, row, "wording_status is differs_from_source but no context row about "
                                     "this quote differs or conflicts"))
        checked = [c["context_id"] for c in about.get(row["quote_id"], []) if c.get("relation") in ("differs", "conflicts", "confirms")]
        if row.get("wording_status") == "unverified" and checked:
            problems.append(_problem(rule, line, row, f"wording_status is unverified (no source checked) but context "
                                     f"{', '.join(checked)} compares this quote with a source"))
        text = _span_text(pkg, row)
        for c in about.get(row["quote_id"], []):
            if c.get("relation") == "confirms" and c.get("value") and text is not None and _plain(c["value"]) not in _plain(text):
                problems.append(_problem(rule, line, row, f"context {c['context_id']} confirms this quote with the words "
                                         f"{show(c['value'])}, which the quote does not print"))


WORD = regex.compile(r"[\p{L}\p{N}]+")


def _plain(text: str) -> str:
    """Words only, case-folded: quotation marks, dashes and spacing do not make two wordings differ."""
    return " ".join(w.casefold() for w in WORD.findall(text))


@_check("S27")
def context_own_words(pkg, rule, problems) -> None:
    for line, row in pkg.table("context"):
        article = pkg.texts.get(row.get("article_id", ""))
        copied = text_free.article(article).quotes(row.get("statement", "")) if article is not None else None
        if copied:
            problems.append(_problem(rule, line, row, f"the statement copies the article: {show(copied)}"))


REFERRING = {"mentions": ("entity_id",), "quotes": ("speaker_id",), "facts": ("claimant_id", "subject_id", "object_id"),
             "figures": ("claimant_id",), "events": ("actor_id", "recipient_id", "location_id")}


@_check("S28")
def article_entity_used(pkg, rule, problems) -> None:
    used = {(row.get("article_id"), row.get(column)) for table, columns in REFERRING.items()
            for _, row in pkg.table(table) for column in columns if row.get(column)}
    for line, row in pkg.table("article_entities"):
        if (row.get("article_id"), row.get("entity_id")) not in used:
            problems.append(_problem(rule, line, row, f"{row.get('entity_id')} is listed for {row.get('article_id')}, "
                                     "but no row of that article refers to it"))


@_check("S29")
def location_place(pkg, rule, problems) -> None:
    types = {row["entity_id"]: row.get("type") for _, row in pkg.table("entities")}
    for line, row in pkg.table("events"):
        kind = types.get(row.get("location_id", ""))
        if row.get("location_id") and kind is not None and kind not in PLACE_TYPES:
            problems.append(_problem(rule, line, row, f"the location {row['location_id']} is a {kind}, not a place"))


@_check("S30")
def wikidata_once(pkg, rule, problems) -> None:
    seen: dict[str, str] = {}
    for line, row in pkg.table("entities"):
        qid = row.get("wikidata", "")
        if qid and seen.setdefault(qid, row["entity_id"]) != row["entity_id"]:
            problems.append(_problem(rule, line, row, f"{qid} is also the item of {seen[qid]}"))


@_check("S31")
def period_timex(pkg, rule, problems) -> None:
    timexes = {row["timex_id"]: row for _, row in pkg.table("time_expressions")}
    for line, row in pkg.table("figures"):
        timex = timexes.get(row.get("period_timex_id", ""))
        text = _span_text(pkg, timex) if timex is not None else None
        if text is not None and text.casefold() not in row.get("period", "").casefold():
            problems.append(_problem(rule, line, row, f"the period time expression {timex['timex_id']} {show(text)} is "
                                     f"not in the period {show(row.get('period', ''))}"))


@_check("S32")
def subject_mention(pkg, rule, problems) -> None:
    by_article = pkg.indexed("mentions", _mentions_by_article)
    for line, row in pkg.table("facts"):
        subject, start, end = row.get("subject", ""), _int(row.get("start")), _int(row.get("end"))
        if not row.get("subject_id") or start is None or end is None:
            continue
        named = [m for m_start, m_end, m in by_article.get(row.get("article_id", ""), []) if start <= m_start and m_end <= end
                 and m.get("entity_id")
                 and ((m.get("form") == "name" and subject in (_span_text(pkg, m) or "")) or _span_text(pkg, m) == subject)]
        if named and all(m.get("entity_id") != row["subject_id"] for m in named):
            problems.append(_problem(rule, line, row, f"the subject {show(subject)} is mention {named[0]['mention_id']} of "
                                     f"{named[0].get('entity_id') or 'no entity'}, but subject_id is {row['subject_id']}"))


@_check("S33")
def currency(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        code = row.get("currency", "")
        if code and pycountry.currencies.get(alpha_3=code) is None:
            problems.append(_problem(rule, line, row, f"{show(code)} is not an ISO 4217 currency code"))


HUMAN = regex.compile(r"\(Q5\)|\bQ5\b(?!\d)")


@_check("S34")
def wikidata_class(pkg, rule, problems) -> None:
    for line, row in pkg.table("entities"):
        if not row.get("wikidata"):
            continue
        note = row.get("wikidata_note", "")
        human = bool(HUMAN.search(note))
        if human != (row.get("type") == "person"):
            said = "gives the class human (Q5)" if human else "gives no class human (Q5)"
            problems.append(_problem(rule, line, row, f"type is {row.get('type')} but the Wikidata note {said}"))
            continue
        for kind, classes in TYPE_CLASSES.items():
            named = [c for c in classes if regex.search(rf"\b{c}\b(?!\d)", note)]
            if bool(named) != (row.get("type") == kind):
                said = (f"gives the class {named[0]}, which makes the item a {kind}" if named
                        else f"gives none of the classes of a {kind} ({', '.join(classes)})")
                problems.append(_problem(rule, line, row, f"type is {row.get('type')} but the Wikidata note {said}"))


@_check("S35")
def reporting_verb(pkg, rule, problems) -> None:
    for line, row in pkg.table("quotes"):
        verb, cue = row.get("reporting_verb", ""), row.get("cue_text")
        if cue is None:  # the text-free variant: the cue's text is its sha256
            cue = _span_text(pkg, row, "cue_start", "cue_end")
        if verb and cue and not _has_word(cue, verb):
            problems.append(_problem(rule, line, row, f"the reporting verb {show(verb)} is not in the cue {show(cue)}"))
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    for line, row in pkg.table("facts"):
        verb, sentence = row.get("reporting_verb", ""), sentences.get(row.get("sentence_id", ""))
        words = _span_text(pkg, sentence) if sentence is not None else None
        if verb and words and not _has_word(words, verb):
            problems.append(_problem(rule, line, row, f"the reporting verb {show(verb)} is not in the fact's sentence", "facts"))


@_check("S36")
def cue_type_table(pkg, rule, problems) -> None:
    verbs, phrases = _cue_table()
    for line, row in pkg.table("quotes"):
        cue = (row.get("cue_text") if "cue_text" in row else _span_text(pkg, row, "cue_start", "cue_end")) or ""
        said = phrases.search(cue) if cue else None
        verb = row.get("reporting_verb", "")
        head = verb.split()[0] if verb.split() else ""  # "hinted at": the verb keeps its particle; the table lists the verb
        form, wanted = (said.group(0), PHRASE_TYPES[said.group(0).casefold()]) if said else (
            (verb, verbs[verb.casefold()]) if verb.casefold() in verbs else (head, verbs.get(head.casefold())))
        if wanted and row.get("cue_type") and row["cue_type"] != wanted:
            problems.append(_problem(rule, line, row, f"cue_type is {row['cue_type']} but the cue-type table gives "
                                     f"{show(form)} the type {wanted}"))


@functools.lru_cache(maxsize=1)
def _cue_table() -> tuple[dict[str, str], regex.Pattern]:
    """Verb form -> cue type (forms the table gives one type), and the phrases' forms with theirs, longest first: a
    phrase cue ("as indicated by") is read before the verb inside it. The table ships with this code."""
    cues, _ = cue_verbs.load(repo_root())
    by_form: dict[str, set[str]] = {}
    for cue in cues:
        if cue.part == "verb":
            for form in cue.forms:
                by_form.setdefault(form.casefold(), set()).add(cue.cue_type)
    phrases = sorted(((form, cue.cue_type) for cue in cues if cue.part != "verb" for form in cue.forms), key=lambda p: -len(p[0]))
    PHRASE_TYPES.update({form.casefold(): kind for form, kind in reversed(phrases)})  # the longest form wins a tie
    pattern = regex.compile(r"(?<![\p{L}])(?:" + "|".join(regex.escape(form) for form, _ in phrases) + r")(?![\p{L}])",
                            regex.IGNORECASE)
    return {form: next(iter(kinds)) for form, kinds in by_form.items() if len(kinds) == 1}, pattern


PHRASE_TYPES: dict[str, str] = {}  # a phrase cue's form (case-folded) -> its cue type, filled with the table


OWN_WORDS = (("facts", ("subject", "object", "condition")), ("figures", ("period",)))  # a measure may be described


@_check("S37")
def own_words(pkg, rule, problems) -> None:
    printed: dict[str, set[str]] = {}
    for table, columns in OWN_WORDS:
        for line, row in pkg.table(table):
            article = pkg.texts.get(row.get("article_id", ""))
            if article is None:
                continue
            if row["article_id"] not in printed:
                printed[row["article_id"]] = {w.casefold() for w in WORD.findall(article)}
            for column in columns:
                foreign = [w for w in WORD.findall(row.get(column, "")) if w.casefold() not in printed[row["article_id"]]]
                if foreign:
                    problems.append(_problem(rule, line, row, f"{column} {show(row[column])} holds {show(foreign[0])}, "
                                             "which the article does not print", table, column))


@_check("S38")
def article_entity_id(pkg, rule, problems) -> None:
    for line, row in pkg.table("article_entities"):
        if row.get("entity_id") and not row.get("article_entity_id", "").endswith("-" + row["entity_id"]):
            problems.append(_problem(rule, line, row, f"{row.get('article_entity_id')} does not name the entity "
                                     f"{row['entity_id']} it holds"))


NEGATED = regex.compile(r"(?<![\p{L}])(?:" + "|".join(regex.escape(w) for w in NEGATORS if w != "n't") + r")(?![\p{L}])|n[’']t\b", regex.IGNORECASE)
NEGATING = regex.compile(r"(?<![\p{L}])(?:" + "|".join(NEGATING_PREPOSITIONS) + r")(?![\p{L}])", regex.IGNORECASE)


@_check("S39")
def polarity_negation(pkg, rule, problems) -> None:
    for line, row in pkg.table("facts"):
        found = NEGATED.search(row.get("predicate", ""))
        if row.get("polarity") == "positive" and found:
            problems.append(_problem(rule, line, row, f"polarity is positive but the predicate {show(row['predicate'])} "
                                     f"holds {show(found.group(0))}"))
        elif (row.get("polarity") == "negative" and not found and row.get("predicate")
              and not NEGATING.search(row["predicate"]) and not _negated_before(pkg, row)):
            problems.append(_problem(rule, line, row, f"polarity is negative but the predicate {show(row['predicate'])} "
                                     "holds no negator and follows none; a rejection verb is no negation"))


NEGATING_BEFORE = regex.compile(r"(?<![\p{L}])(?:" + "|".join(NEGATORS[:1] + NEGATORS[2:] + NEGATING_PREPOSITIONS)
                                + r")(?:\s+\S+){0,2}\s*$|n[’']t(?:\s+\S+){0,2}\s*$", regex.IGNORECASE)


def _negated_before(pkg, row) -> bool:
    """A negator stands within the three words before the fact's predicate (or before its span, where the predicate
    is not printed in it), in the fact's sentence; True where the text is not at hand (the rule is then not checked)."""
    texts, sentences = _article_and_sentences(pkg)
    article, sentence = texts.get(row.get("article_id")), sentences.get(row.get("sentence_id"))
    start, end = _int(row.get("start")), _int(row.get("end"))
    if article is None or sentence is None or start is None or end is None:
        return True
    first = row["predicate"].split()[0]
    at = regex.search(r"(?<![\p{L}])" + regex.escape(first) + r"(?![\p{L}])", article[start:end], regex.IGNORECASE)
    here = start + at.start() if at else start
    return bool(NEGATING_BEFORE.search(article[_int(sentence["start"]) or 0:here]))


@_check("S40")
def object_mention(pkg, rule, problems) -> None:
    by_article = pkg.indexed("mentions", _mentions_by_article)
    for line, row in pkg.table("facts"):
        obj, start, end = row.get("object", ""), _int(row.get("start")), _int(row.get("end"))
        if not row.get("object_id") or not obj or start is None or end is None:
            continue
        inside = [m for m_start, m_end, m in by_article.get(row.get("article_id", ""), []) if start <= m_start and m_end <= end
                  and m.get("entity_id") and (_span_text(pkg, m) or "\0") in obj]
        if inside and all(m["entity_id"] != row["object_id"] for m in inside):
            named = ", ".join(sorted({m["entity_id"] for m in inside}))
            problems.append(_problem(rule, line, row, f"object_id is {row['object_id']} but the object {show(obj)} names {named}"))


@_check("S41")
def unit_text_printed(pkg, rule, problems) -> None:
    texts, sentences = _article_and_sentences(pkg)
    for line, row in pkg.table("figures"):
        sentence = sentences.get(row.get("sentence_id", ""))
        words = _span_text(pkg, sentence) if sentence is not None else None
        if row.get("unit_text") and row["unit_text"] != "fraction" and words is not None:  # the rule's one exception
            missing = [w for w in WORD.findall(row["unit_text"]) if w.casefold() not in {x.casefold() for x in WORD.findall(words)}]
            if missing:
                problems.append(_problem(rule, line, row, f"unit_text {show(row['unit_text'])} is not printed in the figure's sentence"))


@_check("S42")
def pronoun_form(pkg, rule, problems) -> None:
    for line, row in pkg.table("mentions"):
        text = _span_text(pkg, row)
        if row.get("form") == "pronoun" and text is not None and text.casefold() not in PRONOUNS:
            problems.append(_problem(rule, line, row, f"{show(text)} has form pronoun but is no pronoun"))


@_check("S43")
def quote_parent(pkg, rule, problems) -> None:
    by_article: dict[str, list[dict]] = {}
    for _, row in pkg.table("quotes"):
        if _sound_span(pkg, row):  # a span with impossible offsets is SPAN_OFFSETS alone; it holds no other quote
            by_article.setdefault(row.get("article_id", ""), []).append(row)
    for line, row in pkg.table("quotes"):
        start, end = _int(row.get("start")), _int(row.get("end"))
        if start is None or end is None or not _sound_span(pkg, row):
            continue
        holders = [q for q in by_article.get(row.get("article_id", ""), []) if q is not row and _int(q.get("start")) is not None
                   and _int(q.get("end")) is not None and _int(q["start"]) <= start and end <= _int(q["end"])
                   and (_int(q["start"]), _int(q["end"])) != (start, end)]
        if holders and not row.get("parent_quote_id"):
            inner = min(holders, key=lambda q: _int(q["end"]) - _int(q["start"]))
            problems.append(_problem(rule, line, row, f"the quote lies inside the content of {inner['quote_id']} but has "
                                     "no parent_quote_id"))


def _has_word(text: str, word: str) -> bool:
    """word stands in text as a whole word (or phrase), case aside."""
    return regex.search(r"(?<![\p{L}])" + regex.escape(word) + r"(?![\p{L}])", text, regex.IGNORECASE) is not None


@_check("S44")
def tlink_signal(pkg, rule, problems) -> None:
    items = {row["event_id"]: row for _, row in pkg.table("events")} | {row["timex_id"]: row for _, row in pkg.table("time_expressions")}
    sentences = [row for _, row in pkg.table("sentences")]
    timexes = [row for _, row in pkg.table("time_expressions")]
    for line, row in pkg.table("temporal_links"):
        words = regex.findall(r"\w+", row.get("cue_text", "").lower())
        rel, source, target = row.get("rel_type", ""), items.get(row.get("source_id", "")), items.get(row.get("target_id", ""))
        if not words or rel not in INVERSE_RELATIONS or source is None or target is None:
            continue
        word = words[0]
        ordering = word in ORDER_SIGNALS or word in ORDER_ADVERBS or word in BOUNDARY_SIGNALS
        if ordering and rel not in ORDER_RELATIONS or word in INCLUSION_SIGNALS and rel not in OVERLAP_RELATIONS:
            kind = "an ordering" if ordering else "an inclusion"
            problems.append(_problem(rule, line, row, f"the cue {show(row['cue_text'])} is {kind} signal, but the relation is {rel}"))
            continue
        wanted = None
        cue = _int(row.get("cue_start")), _int(row.get("cue_end"))
        timex = next((t for t in timexes if t.get("article_id") == row.get("article_id") and None not in cue
                      and _int(t.get("start")) is not None and _int(t.get("start")) < cue[1] and cue[0] < (_int(t.get("end")) or 0)), None)
        if timex is not None:
            problems.append(_problem(rule, line, row, f"the cue {show(row['cue_text'])} is the time expression "
                                     f"{timex['timex_id']}, not a signal word; link to {timex['timex_id']} and leave the cue empty"))
            continue
        if word in INCLUSION_SIGNALS and None not in cue:
            complement = _complement(source, target, cue[1])
            wrong = ("INCLUDES", "DURING_INV") if complement is target else ("IS_INCLUDED", "DURING") if complement is source else ()
            if rel in wrong:
                inner, outer = (row["source_id"], row["target_id"]) if complement is target else (row["target_id"], row["source_id"])
                problems.append(_problem(rule, line, row, f"the cue {show(row['cue_text'])} puts {inner} inside {outer} "
                                         f"({inner} IS_INCLUDED {outer}), but the link says {row['source_id']} {rel} {row['target_id']}"))
            continue
        if word in ORDER_SIGNALS and None not in cue:
            complement = _complement(source, target, cue[1])
            if complement is target:
                wanted = ORDER_SIGNALS[word]
            elif complement is source:
                wanted = INVERSE_RELATIONS[ORDER_SIGNALS[word]]
        elif word in ORDER_ADVERBS and None not in cue:
            here = next((s.get("sentence_id") for s in sentences if s.get("article_id") == row.get("article_id")
                         and (_int(s.get("start")) or 0) <= cue[0] < (_int(s.get("end")) or 0)), None)
            if source.get("sentence_id") == here != target.get("sentence_id"):
                wanted = ORDER_ADVERBS[word]
            elif target.get("sentence_id") == here != source.get("sentence_id"):
                wanted = INVERSE_RELATIONS[ORDER_ADVERBS[word]]
        if wanted and rel not in (wanted, "I" + wanted):
            problems.append(_problem(rule, line, row, f"the cue {show(row['cue_text'])} says {row['source_id']} {wanted} "
                                     f"{row['target_id']}, but the relation is {rel}"))


def _complement(source: dict, target: dict, cue_end: int):
    """The item a signal introduces: of the link's two items, the first that starts after the signal."""
    after = [item for item in (source, target) if (_int(item.get("start")) if _int(item.get("start")) is not None else -1) >= cue_end]
    return min(after, key=lambda item: _int(item.get("start"))) if after else None


@_check("S45")
def anchor_type(pkg, rule, problems) -> None:
    timexes = {row["timex_id"]: row for _, row in pkg.table("time_expressions")}
    for line, row in pkg.table("time_expressions"):
        anchor = timexes.get(row.get("anchor_timex_id", ""))
        if anchor is None:
            continue
        if anchor.get("type", "") not in ANCHOR_TYPES:
            problems.append(_problem(rule, line, row, f"the anchor {anchor['timex_id']} is a {anchor.get('type', '')}, "
                                     "which fixes no point to resolve against"))
        elif not regex.search(r"\d", anchor.get("value", "")):
            problems.append(_problem(rule, line, row, f"the anchor {anchor['timex_id']} has the value "
                                     f"{anchor.get('value', '')}, which fixes no point to resolve against"))


@_check("S46")
def language_of_text(pkg, rule, problems) -> None:
    for table in ("articles", "primary_records"):
        for line, row in pkg.table(table):
            tag = row.get("language", "")
            primary = tag.split("-", 1)[0]
            if not primary:
                continue
            found = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else pycountry.languages.get(alpha_3=primary)
            if found is None:
                problems.append(_problem(rule, line, row, f"{show(tag)} is no ISO 639 language code", table=table))
                continue
            if len(primary) == 3 and getattr(found, "alpha_2", None):
                problems.append(_problem(rule, line, row, f"{show(tag)} names {found.name} by its three-letter code; BCP 47 "
                                         f"takes the shortest: {found.alpha_2}", table=table))
                continue
            named = regex.search(r"\(([A-Z][a-z]+)\)\s*$", row.get("title", "")) if table == "primary_records" else None
            language = pycountry.languages.get(name=named.group(1)) if named else None
            if language is not None and primary not in (getattr(language, "alpha_2", None), language.alpha_3):
                problems.append(_problem(rule, line, row, f"the language is {tag}, but the title says the record is in "
                                         f"{named.group(1)} ({getattr(language, 'alpha_2', language.alpha_3)})", table=table))
            text = pkg.texts.get(row.get("article_id", "")) if table == "articles" else None
            if text is None:
                continue
            words = Counter(regex.findall(r"\w+", text.lower()))
            counts = {language: sum(words[w] for w in listed) for language, listed in FUNCTION_WORDS.items()}
            ranked = sorted(counts, key=counts.get, reverse=True)
            best, second = ranked[0], ranked[1]
            if counts[best] >= LANGUAGE_MIN_WORDS and counts[best] >= 2 * counts[second] and best != primary:
                problems.append(_problem(rule, line, row, f"the language is {tag}, but the text reads as {best} "
                                         f"({counts[best]} of its function words, {counts.get(primary, 0)} of {primary}'s)",
                                         table=table))


CASED = regex.compile(r"(?<!\\)[A-Z]")  # a pattern that names a proper name ("Fox News") is matched with its case
SETTING_CASED = {channel: regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(p for p in patterns if CASED.search(p)) + r")")
                 for channel, patterns in SETTINGS.items() if any(CASED.search(p) for p in patterns)}
SCENE_MOVER = regex.compile(r"^\W*(?:and\s+|but\s+)?(?:" + "|".join(SCENE_MOVERS) + r")(?![\p{L}])", regex.IGNORECASE)


def _settings(frame: str) -> set[str]:
    """The channels whose setting words stand in frame (a pattern naming a proper name is matched with its case)."""
    found = set()
    for channel, patterns in SETTINGS.items():
        plain = [p for p in patterns if not CASED.search(p)]
        if plain and _words(plain).search(frame) or channel in SETTING_CASED and SETTING_CASED[channel].search(frame):
            found.add(channel)
    return found


@_check("S47")
def channel_stated(pkg, rule, problems) -> None:
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    quotes = [(line, row) for line, row in pkg.table("quotes")]
    by_article: dict[str, list[dict]] = {}
    for _, row in quotes:
        if _sound_span(pkg, row) and row.get("sentence_id") in sentences:
            by_article.setdefault(row.get("article_id", ""), []).append(row)
    for rows in by_article.values():
        rows.sort(key=lambda q: _int(q["start"]))
    for line, row in quotes:
        channel, sentence = row.get("channel", ""), sentences.get(row.get("sentence_id", ""))
        article = pkg.texts.get(row.get("article_id", ""))
        if not channel or sentence is None or article is None or not _sound_span(pkg, row):
            continue
        s_start, s_end = _int(sentence["start"]), _int(sentence["end"])
        if s_start is None or s_end is None:
            continue
        frame = list(article[s_start:s_end])
        for other in by_article.get(row.get("article_id", ""), []):
            a, b = max(_int(other["start"]), s_start), min(_int(other["end"]), s_end)
            if a < b and (other is row or not _inside(row, other)):  # the words of a content that holds this one stay
                frame[a - s_start:b - s_start] = " " * (b - a)
        named = _settings("".join(frame))
        nested = bool(row.get("parent_quote_id"))
        if nested:
            if channel != "unspecified" and channel not in named:
                problems.append(_problem(rule, line, row, f"channel is {channel}, but this nested attribution's own words "
                                         "name no such setting"))
            continue
        if named:
            if channel not in named:
                problems.append(_problem(rule, line, row, f"channel is {channel}, but the sentence names the setting "
                                         f"{' or '.join(sorted(named))}"))
            continue
        wanted, why = "unspecified", "its sentence names no setting and it continues none"
        before = [q for q in by_article.get(row.get("article_id", ""), []) if not q.get("parent_quote_id")
                  and _int(q["start"]) < _int(row["start"]) and q is not row]
        if before:
            last = before[-1]
            same_paragraph = sentences.get(last.get("sentence_id", ""), {}).get("paragraph") == sentence.get("paragraph")
            moved = last.get("sentence_id") != row.get("sentence_id") and SCENE_MOVER.search(article[s_start:s_end])
            if last.get("speaker_id") and last.get("speaker_id") == row.get("speaker_id") and same_paragraph and not moved:
                wanted, why = last.get("channel", ""), f"it continues the setting of {last['quote_id']} (same source, same paragraph)"
            elif not same_paragraph:
                why = "it opens a new paragraph and its sentence names no setting"
            elif moved:
                why = f"its sentence opens with {show(moved.group(0).strip())}, which moves the scene"
            else:
                why = f"its sentence names no setting and the attribution before it ({last['quote_id']}) has another source"
        if channel != wanted:
            problems.append(_problem(rule, line, row, f"channel is {channel}, but {why}, so it is {wanted}"))


def _inside(inner: dict, outer: dict) -> bool:
    return _int(outer["start"]) <= _int(inner["start"]) and _int(inner["end"]) <= _int(outer["end"])


DATE_WORDS = regex.compile(
    r"(?<![\p{L}\p{N}\-])(?:\d{4}-\d{2}(?:-\d{2})?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{1,2}\s+(?:" + "|".join(m[:3] + r"(?:[a-z]*\.?)" for m in MONTHS) + r")"
    r"|(?:" + "|".join(m[:3] + r"(?:[a-z]*\.?)" for m in MONTHS) + r")\s+\d{1,2}(?!\d)"
    r"|(?:1[89]|20)\d{2}|" + "|".join(MONTHS + WEEKDAYS) + r")(?![\p{L}\p{N}\-])")


def _date_key(found: str) -> str:
    """A date as the article and a note may both write it: day and month in one order, month names cut to three
    letters, so "Jan. 12" and "12 January" are one date."""
    words = regex.findall(r"[A-Za-z]+|\d+", found)
    months = [w[:3].title() for w in words if w.isalpha()]
    days = [str(int(w)) for w in words if w.isdigit()]
    return " ".join(sorted(days + months))


def _calendar_words(value: str) -> set[str]:
    """The ways a note may name a date the article gives (its publication date, a time expression's value): the
    value, its year and month, and the month's and weekday's names ("Thursday 2031-04-10", "10 April")."""
    if lexical.as_int(value[:4]) is None:
        return set()
    words = {value, value[:4], value[:7]}
    if value[5:7].isdigit() and 1 <= int(value[5:7]) <= 12:
        words.add(MONTHS[int(value[5:7]) - 1][:3])
    try:
        day = datetime.date.fromisoformat(value[:10])
    except ValueError:
        return words
    return words | {WEEKDAYS[day.weekday()][:3], _date_key(f"{day.day} {MONTHS[day.month - 1]}")}


@_check("S48")
def outside_date(pkg, rule, problems) -> None:
    printed: dict[str, set[str]] = {}
    for _, row in pkg.table("articles"):
        article = pkg.texts.get(row.get("article_id", ""))
        if article is None:
            continue
        printed[row["article_id"]] = ({_date_key(m.group(0)) for m in DATE_WORDS.finditer(article)}
                                      | _calendar_words(row.get("published", "")))
    for _, row in pkg.table("time_expressions"):
        if row.get("article_id") in printed:
            printed[row["article_id"]] |= _calendar_words(row.get("value", "").split("T")[0])
    for table in OWN_VOICE_TABLES:
        if table not in pkg.resources:
            continue
        columns = [f.name for f in TABLES[table].fields if f.type == "string" and not f.span and not f.enum
                   and not f.pattern and not f.grammar and f.name not in ("text", "cue_text")]
        for line, row in pkg.table(table):
            known = printed.get(row.get("article_id", ""))
            if known is None:
                continue
            for column in columns:
                for found in DATE_WORDS.finditer(row.get(column, "") or ""):
                    date = found.group(0)
                    if date not in known and _date_key(date) not in known:
                        problems.append(_problem(rule, line, row, f"{column} gives the date {show(date)}, which the "
                                                 "article does not print", table, column))
                        break


MODAL = regex.compile(r"(?<![\p{L}])(?:will|would|shall)(?![\p{L}])|[’']ll\b", regex.IGNORECASE)


@_check("S49")
def forecast_certain(pkg, rule, problems) -> None:
    for line, row in pkg.table("facts"):
        found = MODAL.search(row.get("predicate", ""))
        if found and row.get("factuality", "").startswith("CT"):
            problems.append(_problem(rule, line, row, f"factuality is {row['factuality']}, but the predicate "
                                     f"{show(row['predicate'])} is a forecast or plan ({show(found.group(0))}), which is probable"))


@_check("S50")
def claimant_attribution(pkg, rule, problems) -> None:
    quotes = {row["quote_id"]: row for _, row in pkg.table("quotes")}
    spans: dict[str, list[dict]] = {}
    for row in quotes.values():
        if _int(row.get("start")) is not None and _int(row.get("end")) is not None:
            spans.setdefault(row.get("article_id", ""), []).append(row)
    for line, row in pkg.table("facts"):
        claimant = row.get("claimant_id", "")
        if not claimant:
            continue
        quote = quotes.get(row.get("quote_id", ""))
        if quote is None and not row.get("quote_id"):
            start, end = _int(row.get("start")), _int(row.get("end"))
            holders = [q for q in spans.get(row.get("article_id", ""), []) if start is not None and end is not None
                       and _int(q["start"]) <= start and end <= _int(q["end"])]
            if not holders:
                problems.append(_problem(rule, line, row, f"the fact has the claimant {claimant} but no quote, and lies "
                                         "inside no attribution's content: the article asserts it in its own voice"))
        elif quote is not None and quote.get("speaker_id") and quote["speaker_id"] != claimant:
            problems.append(_problem(rule, line, row, f"the claimant is {claimant}, but quote {quote['quote_id']} "
                                     f"is spoken by {quote['speaker_id']}"))


NUMBER_VALUES = {w: i + 1 for i, w in enumerate(NUMBER_WORDS.split("|"))} | {"a": 1, "an": 1, "the": 1}


@_check("S51")
def timex_value_words(pkg, rule, problems) -> None:
    for line, row in pkg.table("time_expressions"):
        text, value = _span_text(pkg, row), row.get("value", "")
        if text is None:
            continue
        if row.get("type") in ("DURATION", "SET"):
            units = [u for u, words in TIMEX_UNITS.items() if _words([words]).search(text)]
            found = regex.fullmatch(r"P(T?)(\d+|X)([A-Z])", value)
            if len(units) != 1 or not found:
                continue
            unit = units[0]
            wanted_letter, timed = unit, unit == "H"
            if (found.group(3), bool(found.group(1))) != (wanted_letter, timed):
                problems.append(_problem(rule, line, row, f"the value {value} is not in the unit its words {show(text)} name "
                                         f"(P{'T' if timed else ''}…{wanted_letter})"))
                continue
            numbers = [int(w) for w in regex.findall(r"\d+", text)] + [NUMBER_VALUES[w] for w in regex.findall(r"[a-z]+", text.lower())
                                                                       if w in NUMBER_VALUES and w not in ("a", "an", "the")]
            unstated = regex.search(r"(?i)\b(?:few|several|many|some|(?:day|week|month|year|hour)s)\b", text)
            count = numbers[0] if len(numbers) == 1 else None if numbers else "X" if unstated else 1
            if count is not None and found.group(2) != str(count):
                problems.append(_problem(rule, line, row, f"the value {value} counts {found.group(2)}, but its words "
                                         f"{show(text)} give {count}"))
        elif row.get("type") in ("DATE", "TIME"):
            named = [i + 1 for i, m in enumerate(MONTHS) if _has_word(text, m)]
            month = value[5:7] if regex.match(r"^[\dX]{4}-\d{2}", value) else None
            if len(named) == 1 and month != f"{named[0]:02d}":
                problems.append(_problem(rule, line, row, f"the words {show(text)} name {MONTHS[named[0] - 1]}, but the "
                                         f"value {value} holds {'no month' if month is None else 'the month ' + month}"))
                continue
            days = [day for day in WEEKDAYS if _has_word(text, day)]
            try:
                date = datetime.date.fromisoformat(value[:10]) if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) else None
            except ValueError:
                date = None
            if len(days) == 1 and date is not None and WEEKDAYS[date.weekday()] != days[0]:
                problems.append(_problem(rule, line, row, f"the words {show(text)} name {days[0]}, but {value[:10]} is a "
                                         f"{WEEKDAYS[date.weekday()]}"))


@_check("S52")
def event_head(pkg, rule, problems) -> None:
    for line, row in pkg.table("events"):
        text = _span_text(pkg, row)
        if text is None:
            continue
        words = regex.findall(r"[\p{L}\p{N}’'-]+", text)
        if len(words) != 1 or text.strip() != text:
            problems.append(_problem(rule, line, row, f"the event's span {show(text)} is {len(words)} words, not its head word"))
        elif words[0].lower() in AUXILIARIES:
            problems.append(_problem(rule, line, row, f"the event's span {show(text)} is an auxiliary, not the head word"))


@_check("S53")
def self_directed(pkg, rule, problems) -> None:
    for line, row in pkg.table("events"):
        if row.get("actor_id") and row.get("actor_id") == row.get("recipient_id"):
            problems.append(_problem(rule, line, row, f"the recipient is the actor ({row['actor_id']}): an act is "
                                     "directed at someone else"))


@_check("S54")
def demonym_form(pkg, rule, problems) -> None:
    types = {row["entity_id"]: row.get("type", "") for _, row in pkg.table("entities")}
    for line, row in pkg.table("mentions"):
        if row.get("form") != "demonym":
            continue
        text = _span_text(pkg, row)
        kind = types.get(row.get("entity_id", ""))
        if text is not None and len(regex.findall(r"[\p{L}\p{N}-]+", text)) != 1:
            problems.append(_problem(rule, line, row, f"{show(text)} has form demonym but is more than one word"))
        elif kind is not None and kind not in PLACE_TYPES:
            problems.append(_problem(rule, line, row, f"{show(text or '')} has form demonym but refers to "
                                     f"{row['entity_id']}, a {kind}, not a place"))


def _name_words(text: str) -> set[str]:
    return {w.casefold() for w in regex.findall(r"[\p{L}\p{N}]+", regex.sub(r"[’']s(?![\p{L}])", "", text))}


def _initials(name: str) -> str:
    return "".join(w[0] for w in regex.findall(r"[\p{L}\p{N}]+", name) if w[0].isupper()).casefold()


DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}


@_check("S55")
def name_form(pkg, rule, problems) -> None:
    names = {row["entity_id"]: row.get("name", "") for _, row in pkg.table("entities")}
    starts = {(row.get("article_id"), _int(row.get("start"))) for _, row in pkg.table("sentences")}
    for line, row in pkg.table("mentions"):
        name = names.get(row.get("entity_id", ""))
        text = _span_text(pkg, row)
        if not name or text is None:
            continue
        if row.get("form") == "name":
            if not _name_words(text) & _name_words(name) and "".join(regex.findall(r"\p{L}", text)).casefold() != _initials(name):
                problems.append(_problem(rule, line, row, f"{show(text)} has form name but holds no word of {row['entity_id']}'s "
                                         f"name {show(name)}, nor its initials"))
        elif row.get("form") == "nominal":
            words = [w for w in regex.findall(r"[\p{L}\p{N}]+", text) if w.casefold() not in DETERMINERS]
            first = (row.get("article_id"), _int(row.get("start"))) in starts and len(words) == 1
            if words and not first and all(w[0].isupper() for w in words) and _name_words(" ".join(words)) <= _name_words(name):
                problems.append(_problem(rule, line, row, f"{show(text)} has form nominal but is {row['entity_id']}'s name "
                                         f"{show(name)}: a proper name is form name"))


CONDITION = regex.compile(r"(?i)^(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in CONDITIONALS) + r")(?![\p{L}])")


@_check("S56")
def condition_clause(pkg, rule, problems) -> None:
    for line, row in pkg.table("facts"):
        condition = row.get("condition", "").strip()
        if condition and not CONDITION.match(condition):
            problems.append(_problem(rule, line, row, f"the condition {show(condition)} is no if-, unless- or provided-clause"))


PLACE_GIVEN = regex.compile(r"place given in ([a-z0-9]+(?:-[a-z0-9]+)*-s\d+)")


@_check("S57")
def location_given(pkg, rule, problems) -> None:
    mentioned = {(row.get("entity_id"), row.get("sentence_id")) for _, row in pkg.table("mentions")}
    for line, row in pkg.table("events"):
        place = row.get("location_id", "")
        if not place or (place, row.get("sentence_id")) in mentioned:
            continue
        named = PLACE_GIVEN.search(row.get("note", ""))
        if named and (place, named.group(1)) in mentioned:
            continue
        where = f"nor in {named.group(1)}, which its note names" if named else "and its note names no sentence that gives it"
        problems.append(_problem(rule, line, row, f"the location {place} has no mention in the event's sentence "
                                 f"{row.get('sentence_id')}, {where}"))


UNIT_WORDS = {kind: regex.compile(r"(?i)^(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?:e?s)?\.?$")
              for kind, words in UNIT_KINDS.items()}


@_check("S58")
def unit_kind(pkg, rule, problems) -> None:
    for line, row in pkg.table("figures"):
        wanted = UNIT_WORDS.get(row.get("unit", ""))
        printed = row.get("unit_text", "").strip()
        if wanted is not None and printed and not wanted.match(printed):
            problems.append(_problem(rule, line, row, f"the unit is {row['unit']}, but {show(printed)} is no unit of "
                                     f"{row['unit']} ({', '.join(UNIT_KINDS[row['unit']][:4])}, ...)"))


def _sound_span(pkg, row: dict) -> bool:
    """The row's offsets lie in its article and select its text (where the text is at hand to compare)."""
    article = pkg.texts.get(row.get("article_id", ""))
    a, b = _int(row.get("start")), _int(row.get("end"))
    if a is None or b is None or not 0 <= a < b:
        return False
    if article is None:
        return True
    return b <= len(article) and ("text" not in row or article[a:b] == row["text"])


def _span_text(pkg, row: dict, start: str = "start", end: str = "end") -> str | None:
    """A row's span text: its text cell, or the article's code points where a text-free package was given its text
    back; None where neither is at hand (a rule on the words is then not checked)."""
    if "text" in row:
        return row["text"]
    article = pkg.texts.get(row.get("article_id", ""))
    a, b = _int(row.get(start)), _int(row.get(end))
    return article[a:b] if article is not None and a is not None and b is not None else None


def _int(value) -> int | None:
    return lexical.as_int(value)  # ASCII digits only: "¹⁷" passes isdigit() but not int()

