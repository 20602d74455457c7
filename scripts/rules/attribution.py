"""Rules of attribution, factuality and time that the schema cannot state.

A quote is a source, a cue and a content (PolNeAR); a fact carries FactBank factuality relative to its claimant;
temporal links join events and time expressions (TimeML). These rules tie rows together, so they are checked
here, once on the annotations at build time (with the YAML line) and once on a built package (with the CSV line).
"""

from __future__ import annotations

import regex

from scripts.contract.lexical import as_int
from scripts.contract.problems import Problem, show

ENDPOINT_TABLES = {"e": "events", "t": "time_expressions"}
WORD = regex.compile(r"[\p{L}\p{N}]+(?:[’'][\p{L}]+)*")


def endpoint_table(ref: str) -> str | None:
    """The table a temporal-link end point names, read from its kind letter (`stc-e04` -> events)."""
    letter = ref.rpartition("-")[2][:1]
    return ENDPOINT_TABLES.get(letter)


# ---- build time: the annotation records, reported at their YAML line -------------------------------------------

def check_endpoints(annotations, tables: dict[str, list[dict]]) -> list[Problem]:
    """Every temporal link joins two existing rows, each an event or a time expression, and not a row to itself."""
    keys = {name: {row[pk] for row in tables[name]} for name, pk in (("events", "event_id"), ("time_expressions", "timex_id"))}
    problems = []
    for ann in annotations:
        for record in ann.records.get("temporal_links", []):
            values = record.values
            for column in ("source_id", "target_id"):
                ref = values.get(column)
                if ref is None:
                    continue
                table = endpoint_table(ref)
                if table is None or ref not in keys[table]:
                    problems.append(Problem(record.file, record.line, record.key, column, "TLINK_ENDPOINT",
                                            f"`{ref}` names no event or time expression"))
            if values.get("source_id") is not None and values.get("source_id") == values.get("target_id"):
                problems.append(Problem(record.file, record.line, record.key, "target_id", "TLINK_ENDPOINT",
                                        "a temporal link joins two different rows"))
    return problems


# ---- validation: a built package read as text --------------------------------------------------------------------

def check(pkg, problems: list[Problem]) -> None:
    """Every attribution, factuality and temporal rule on a package read by scripts.validate."""
    rows = {name: pkg.table(name) for name in ("quotes", "facts", "events", "time_expressions", "mentions", "temporal_links")}
    _cues(pkg, rows, problems)
    _sources(rows, problems)
    _nesting(rows, problems)
    _factuality(pkg, rows, problems)
    _part_of(rows, problems)
    _time(rows, problems)


def _problem(name: str, line: int, row: dict, pk: str, column: str, code: str, message: str) -> Problem:
    return Problem(f"data/{name}.csv", line, f"{pk}={row.get(pk)}", column, code, message)


def _int(value: str) -> int | None:
    return as_int(value)  # ASCII digits only, as the cell rules read them


def _cues(pkg, rows, problems) -> None:
    """A cue is all three cells or none, verbatim, and in its sentence: a quote's outside its content, a temporal
    link's in the sentence of its source or its target."""
    sentences = {row["sentence_id"]: row for _, row in pkg.table("sentences")}
    items = {row[pk]: row for table, pk in (("events", "event_id"), ("time_expressions", "timex_id")) for _, row in pkg.table(table)}
    for name, pk in (("quotes", "quote_id"), ("temporal_links", "tlink_id")):
        for line, row in rows[name]:
            cells = (row.get("cue_start", ""), row.get("cue_end", ""), row.get("cue_text", ""))
            if not any(cells):
                continue
            bad = lambda message: problems.append(_problem(name, line, row, pk, "cue_text", "CUE_SPAN", message))
            start, end = _int(cells[0]), _int(cells[1])
            article = pkg.texts.get(row.get("article_id"))
            if not all(cells):
                bad("cue_start, cue_end and cue_text are filled together or not at all")
                continue
            if start is None or end is None:  # an offset that is no plain number: LEXICAL_FORM reports the cell
                continue
            if article is None:
                continue
            if not 0 <= start < end <= len(article) or article[start:end] != cells[2]:
                bad(f"article[{start}:{end}] is not {show(cells[2])}")
                continue
            if name != "quotes":
                ends = [items.get(row.get(end_id, "")) for end_id in ("source_id", "target_id")]
                held = [sentences.get(item["sentence_id"]) for item in ends if item is not None]
                spans = [(_int(s["start"]), _int(s["end"])) for s in held if s]
                if spans and all(None not in b for b in spans) and not any(b[0] <= start and end <= b[1] for b in spans):
                    bad(f"the cue {show(cells[2])} is in neither the source's nor the target's sentence")
                continue
            content = (_int(row.get("start")), _int(row.get("end")))
            if None not in content and start < content[1] and content[0] < end:
                bad(f"the cue {show(cells[2])} overlaps the content {show(row.get('text', ''))}")
            sentence = sentences.get(row.get("sentence_id"))
            bounds = (_int(sentence["start"]), _int(sentence["end"])) if sentence else (None, None)
            if None not in bounds and not (bounds[0] <= start and end <= bounds[1]):
                bad(f"the cue {show(cells[2])} is not in the content's sentence {row.get('sentence_id')}")


def _sources(rows, problems) -> None:
    """The source mention names the speaker; only a nominal attribution may leave its source unnamed."""
    mentions = {row["mention_id"]: row for _, row in rows["mentions"]}
    for line, row in rows["quotes"]:
        bad = lambda column, message: problems.append(_problem("quotes", line, row, "quote_id", column, "SOURCE_MENTION", message))
        mention = mentions.get(row.get("source_mention_id", ""))
        if mention and mention["entity_id"] != row.get("speaker_id"):
            bad("source_mention_id", f"{row['source_mention_id']} refers to {mention['entity_id']}, not to the speaker {row.get('speaker_id') or '(none)'}")
        if not row.get("speaker_id") and row.get("kind") != "nominal" and not row.get("cue_text"):
            bad("speaker_id", f"a {row.get('kind')} quote without a cue is attributed by position or nesting, so it has a speaker; "
                              "only a nominal attribution or an agentless cue (\"when asked whether\") may leave the source unnamed")
        expected = "named" if row.get("source_mention_id") else "implicit" if row.get("speaker_id") else "unnamed"
        if row.get("source_type") and row["source_type"] != expected:
            bad("source_type", f"source_type is {row['source_type']}, but speaker_id and source_mention_id make it {expected}")
        if (row.get("kind") == "nominal") != (row.get("cue_type") == "nominal"):
            bad("cue_type", f"kind {row.get('kind')} with cue_type {row.get('cue_type') or '(none)'}: a nominal attribution has a nominal cue, and only it")


def _nesting(rows, problems) -> None:
    """A nested attribution lies inside its parent's content, and nesting has no cycle."""
    quotes = {row["quote_id"]: row for _, row in rows["quotes"]}
    for line, row in rows["quotes"]:
        parent = quotes.get(row.get("parent_quote_id", ""))
        if parent is None:
            continue
        bad = lambda message: problems.append(_problem("quotes", line, row, "quote_id", "parent_quote_id", "QUOTE_NESTING", message))
        inner, outer = (_int(row["start"]), _int(row["end"])), (_int(parent["start"]), _int(parent["end"]))
        if None in inner + outer:
            continue
        if parent["quote_id"] == row["quote_id"] or not (outer[0] <= inner[0] and inner[1] <= outer[1]) or inner == outer:
            bad(f"{row['quote_id']} ({inner[0]}:{inner[1]}) is not inside its parent {parent['quote_id']} ({outer[0]}:{outer[1]})")


def _factuality(pkg, rows, problems) -> None:
    """author_factuality exactly for attributed facts; the gloss flag says whether the predicate is in the sentence."""
    quotes = {row["quote_id"]: row for _, row in rows["quotes"]}
    sentences = {row["sentence_id"]: row["text"] for _, row in pkg.table("sentences")}
    for line, row in rows["facts"]:
        bad = lambda column, code, message: problems.append(_problem("facts", line, row, "fact_id", column, code, message))
        attributed = bool(row.get("claimant_id"))
        if attributed != bool(row.get("author_factuality")):
            bad("author_factuality", "FACTUALITY_VOICE",
                "author_factuality is filled for an attributed fact (claimant_id set) and only for one")
        quote = quotes.get(row.get("quote_id", ""))
        if quote and quote.get("speaker_id") and row.get("claimant_id") and quote["speaker_id"] != row["claimant_id"]:
            bad("claimant_id", "FACTUALITY_VOICE",
                f"the fact's claimant {row['claimant_id']} is not the source {quote['speaker_id']} of its quote {quote['quote_id']}")
        if row.get("gloss") in ("true", "false"):
            missing = glossed_words(row.get("predicate", ""), sentences.get(row.get("sentence_id"), row.get("text", "")))
            if (row["gloss"] == "true") != bool(missing):
                detail = f"{', '.join(missing)} not in the sentence" if missing else "every word of the predicate is in the sentence"
                bad("gloss", "GLOSS_FLAG", f"gloss is {row['gloss']} but {detail}")


def _anchor_loop(start: str, anchors: dict[str, str]) -> list[str]:
    """The chain of anchors from start when it comes back to start (a loop of two or more), else []."""
    chain, at = [start], anchors.get(start, "")
    while at and at not in chain:
        chain.append(at)
        at = anchors.get(at, "")
    return chain + [at] if at == start and len(chain) > 1 else []


def glossed_words(predicate: str, sentence: str) -> list[str]:
    """Words of the predicate that the sentence does not print (case-insensitive, whole words)."""
    printed = {w.lower() for w in WORD.findall(sentence)}
    return [w for w in WORD.findall(predicate) if w.lower() not in printed]


def _part_of(rows, problems) -> None:
    """part_of_event_id names another event and never loops back."""
    parent = {row["event_id"]: row.get("part_of_event_id", "") for _, row in rows["events"]}
    for line, row in rows["events"]:
        seen, at = {row["event_id"]}, parent.get(row["event_id"], "")
        while at:
            if at in seen:
                problems.append(_problem("events", line, row, "event_id", "part_of_event_id", "EVENT_PART_OF",
                                         f"{row['event_id']} is, through part_of_event_id, part of itself"))
                break
            seen.add(at)
            at = parent.get(at, "")


def _time(rows, problems) -> None:
    """Temporal links join existing events or time expressions; an anchor is another time expression."""
    ids = {"events": {row["event_id"] for _, row in rows["events"]},
           "time_expressions": {row["timex_id"] for _, row in rows["time_expressions"]}}
    for line, row in rows["temporal_links"]:
        for column in ("source_id", "target_id"):
            ref = row.get(column, "")
            table = endpoint_table(ref)
            if ref and (table is None or ref not in ids[table]):
                problems.append(_problem("temporal_links", line, row, "tlink_id", column, "TLINK_ENDPOINT",
                                         f"`{ref}` names no event or time expression"))
        if row.get("source_id") and row.get("source_id") == row.get("target_id"):
            problems.append(_problem("temporal_links", line, row, "tlink_id", "target_id", "TLINK_ENDPOINT",
                                     "a temporal link joins two different rows"))
    anchors = {row["timex_id"]: row.get("anchor_timex_id", "") for _, row in rows["time_expressions"]}
    for line, row in rows["time_expressions"]:
        if row.get("anchor_timex_id") and row["anchor_timex_id"] == row["timex_id"]:
            problems.append(_problem("time_expressions", line, row, "timex_id", "anchor_timex_id", "TLINK_ENDPOINT",
                                     "a time expression is not its own anchor"))
        elif _anchor_loop(row["timex_id"], anchors):
            problems.append(_problem("time_expressions", line, row, "timex_id", "anchor_timex_id", "TLINK_ENDPOINT",
                                     f"the anchors loop back to {row['timex_id']}: {' -> '.join(_anchor_loop(row['timex_id'], anchors))}"))
