"""The stated rules (scripts/contract/stated.py): each one, broken in the repository's own package, is reported with
its code, on the row that breaks it, with a message that says what is wrong; and each holds on the package as built.

Edits are made to the rows the repository holds, found by what they are (a direct quote, a factive cue), never by a
hard-coded ID, so the rules read the same on any corpus.
"""

from __future__ import annotations

import csv
import inspect
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.contract.reader import open_package
from scripts.contract.stated import MONTHS, RULES
from scripts.rules import stated
from scripts.rules.stated import CHECKS, url_fault
from scripts.validate.__main__ import main as validate_main
from tests.helpers.corrupt import rehash, run_main
from tests.helpers.repo import REPO

BY_ID = {rule.id: rule for rule in RULES}


@pytest.fixture(scope="module")
def package():
    return open_package(REPO)


def broken(package, edit):
    """The problems the stated checks find after edit(pkg) changed some rows; edit returns (rule ID, table, key)."""
    rows = {name: [dict(row) for row in r.rows] for name, r in package.resources.items() if r.is_table}
    saved = {name: package.resources[name].rows for name in rows}
    try:
        for name, copy in rows.items():
            package.resources[name].rows = copy
        rule_id, table, key = edit(package, rows)
        problems = []
        stated.check(package, problems)
    finally:
        for name, original in saved.items():
            package.resources[name].rows = original
    return BY_ID[rule_id], table, key, problems


def first(rows, **where):
    found = [row for row in rows if all((row.get(k) == v) if not callable(v) else v(row.get(k, "")) for k, v in where.items())]
    assert found, f"the repository has no row where {where}: the test needs one"
    return found[0]


def direct_without_marks(pkg, rows):
    quote = first(rows["quotes"], kind="direct")
    quote["text"] = quote["text"].strip("“”\"")
    return "S01", "quotes", quote["quote_id"]


def factive_cue_uncommitted(pkg, rows):
    factive = {q["quote_id"] for q in rows["quotes"] if q.get("cue_type") == "factive"}
    fact = first(rows["facts"], quote_id=lambda v: v in factive, claimant_id=bool)
    fact["author_factuality"] = "Uu"
    return "S02", "facts", fact["fact_id"]


def neutral_cue_committed(pkg, rows):
    other = {q["quote_id"] for q in rows["quotes"] if q.get("cue_type") not in ("factive",)}
    fact = first(rows["facts"], quote_id=lambda v: v in other, claimant_id=bool)
    fact["author_factuality"] = "CT+"
    return "S02", "facts", fact["fact_id"]


def claimant_emptied(pkg, rows):
    spoken = {q["quote_id"] for q in rows["quotes"] if q.get("speaker_id")}
    fact = first(rows["facts"], quote_id=lambda v: v in spoken, claimant_id=bool)
    fact["claimant_id"] = fact["author_factuality"] = ""
    return "S03", "facts", fact["fact_id"]


def approximation_dropped(pkg, rows):
    figure = first(rows["figures"], approximate="true")
    figure["approximate"] = "false"
    return "S04", "figures", figure["figure_id"]


def approximation_invented(pkg, rows):
    figure = first(rows["figures"], approximate="false", text=lambda t: not stated.APPROXIMATE.search(t))
    figure["approximate"] = "true"
    return "S04", "figures", figure["figure_id"]


def direction_reversed(pkg, rows):
    figure = first(rows["figures"], direction="decrease")
    figure["direction"] = "increase"
    return "S05", "figures", figure["figure_id"]


def date_outside_its_timex(pkg, rows):
    timexes = {t["timex_id"]: t for t in rows["time_expressions"]}
    event = first(rows["events"], date=bool, timex_id=lambda v: v in timexes)
    event["date"] = "1999-12-31"
    return "S06", "events", event["event_id"]


def wikidata_not_its_note(pkg, rows):
    entity = first(rows["entities"], wikidata=bool)
    entity["wikidata"] = "Q1" if entity["wikidata"] != "Q1" else "Q2"
    return "S07", "entities", entity["entity_id"]


def sentences_renumbered(pkg, rows):
    article = rows["sentences"][0]["article_id"]
    mine = sorted((s for s in rows["sentences"] if s["article_id"] == article), key=lambda s: int(s["start"]))
    a, b = mine[0], mine[1]
    a["sentence_id"], b["sentence_id"] = b["sentence_id"], a["sentence_id"]
    return "S08", "sentences", a["sentence_id"]


def url_with_user_info(pkg, rows):
    row = first(rows["context"], source_url=bool)
    row["source_url"] = "https://good.example@evil.example/"
    return "S09", "context", row["context_id"]


def content_introduced(pkg, rows):
    quote = first(rows["quotes"], kind="indirect", text=lambda t: not t.lower().startswith("that "))
    quote["text"], quote["start"] = "that " + quote["text"], str(int(quote["start"]) - 5)
    return "S10", "quotes", quote["quote_id"]


def timex_with_its_preposition(pkg, rows):
    timex = first(rows["time_expressions"], text=lambda t: t[:1].isalpha())
    timex["text"] = "in " + timex["text"]
    return "S11", "time_expressions", timex["timex_id"]


def negated_but_certain(pkg, rows):
    fact = first(rows["facts"], polarity="negative")
    fact["factuality"] = "CT+"
    return "S12", "facts", fact["fact_id"]


def ordinal_as_figure(pkg, rows):
    figure = first(rows["figures"])
    figure["text"] = "first"
    return "S13", "figures", figure["figure_id"]




def percent_as_count(pkg, rows):
    figure = first(rows["figures"], unit="percent")
    figure["unit"] = "count"
    return "S14", "figures", figure["figure_id"]


def figure_claimed_by_another(pkg, rows):
    figure = first(rows["figures"], fact_id=bool, claimant_id=bool)
    others = sorted({f["claimant_id"] for f in rows["facts"] if f.get("claimant_id")} - {figure["claimant_id"]})
    figure["claimant_id"] = others[0]
    return "S15", "figures", figure["figure_id"]


def nominal_with_a_verb(pkg, rows):
    quote = first(rows["quotes"], kind="nominal")
    quote["reporting_verb"] = "offered"
    return "S16", "quotes", quote["quote_id"]


def indirect_confirmed(pkg, rows):
    quote = first(rows["quotes"], kind="indirect")
    quote["wording_status"] = "confirmed"
    return "S17", "quotes", quote["quote_id"]


def rejection_of_no_one(pkg, rows):
    event = first(rows["events"], plover_type=lambda v: v in ("REJECT", "ACCUSE", "THREATEN", "COERCE"), recipient_id=bool)
    event["recipient_id"] = ""
    return "S18", "events", event["event_id"]


def mixed_without_marks(pkg, rows):
    quote = first(rows["quotes"], kind="indirect", text=lambda t: "“" not in t)
    quote["kind"] = "mixed"
    return "S01", "quotes", quote["quote_id"]


def wikidata_claimed_in_a_note(pkg, rows):
    entity = first(rows["entities"], wikidata=bool)
    entity["wikidata_note"] = entity["wikidata_note"].replace("Wikidata ", "wikidata: ", 1)
    entity["wikidata"] = ""
    return "S07", "entities", entity["entity_id"]


def condition_that_is_no_clause(pkg, rows):
    """The adversary's case: a noun phrase of the sentence given as the fact's condition."""
    fact = first(rows["facts"], condition="")
    fact["condition"] = "drug cartels"
    return "S56", "facts", fact["fact_id"]


def location_the_sentence_never_gives(pkg, rows):
    """The adversary's case: a country of the article given as the place of an event whose sentence never names it."""
    places = {e["entity_id"] for e in rows["entities"] if e["type"] == "country"}
    mentioned = {(m["entity_id"], m["sentence_id"]) for m in rows["mentions"]}
    event, place = next((e, p) for e in rows["events"] for p in sorted(places) if not e["location_id"]
                        and (p, e["sentence_id"]) not in mentioned)
    event["location_id"] = place
    return "S57", "events", event["event_id"]


def people_weighed_as_mass(pkg, rows):
    figure = first(rows["figures"], unit="count")
    figure.update(unit="mass", unit_text="leaders")
    return "S58", "figures", figure["figure_id"]


def anaphoric_nominal_without_basis(pkg, rows):
    mention = first(rows["mentions"], form="nominal", text=lambda t: t.lower().startswith("the "), basis=bool)
    mention["basis"] = ""
    return "S19", "mentions", mention["mention_id"]


def pronoun_without_basis(pkg, rows):
    mention = first(rows["mentions"], form="pronoun", basis=bool)
    mention["basis"] = ""
    return "S19", "mentions", mention["mention_id"]


def exact_figure_said_to_be_more(pkg, rows):
    figure = first(rows["figures"], bound="exact")
    figure["bound"] = "more_than"
    return "S20", "figures", figure["figure_id"]


def change_read_as_a_level(pkg, rows):
    figure = first(rows["figures"], direction=lambda v: v in ("decrease", "increase"))
    figure["direction"] = "none"
    return "S21", "figures", figure["figure_id"]


def _year_written(rows, digits: str) -> dict:
    """A year-less time expression of an article with no publication date, given the year digits."""
    unknown = {a["article_id"] for a in rows["articles"] if not a["published"]}
    timex = first(rows["time_expressions"], value=lambda v: v.startswith("XXXX-"), article_id=lambda v: v in unknown)
    timex["value"] = digits + timex["value"][4:]
    return timex


def link_that_closes_a_cycle(pkg, rows):
    """x before y and y before z in two links; a third link is made to say x AFTER z."""
    links = rows["temporal_links"]
    order = lambda l: ((l["source_id"], l["target_id"]) if l["rel_type"] == "BEFORE" else (l["target_id"], l["source_id"]))
    ordered = [l for l in links if l["rel_type"] in ("BEFORE", "AFTER")]
    one, two = next((a, b) for a in ordered for b in ordered if a is not b and a["article_id"] == b["article_id"]
                    and order(a)[1] == order(b)[0] and order(a)[0] != order(b)[1])
    third = next(l for l in reversed(links) if l is not one and l is not two and l["article_id"] == one["article_id"])
    third.update(source_id=order(one)[0], target_id=order(two)[1], rel_type="AFTER")
    closing = max((one, two, third), key=links.index)
    return "S23", "temporal_links", closing["tlink_id"]


def year_from_outside(pkg, rows):
    return "S22", "time_expressions", _year_written(rows, "1987")["timex_id"]


def link_read_both_ways(pkg, rows):
    link = first(rows["temporal_links"], rel_type=lambda v: v in ("BEFORE", "AFTER", "INCLUDES", "IS_INCLUDED"))
    other = first(rows["temporal_links"], article_id=link["article_id"], tlink_id=lambda v: v != link["tlink_id"])
    other.update(source_id=link["target_id"], target_id=link["source_id"], rel_type=link["rel_type"])  # B R A beside A R B
    later = rows["temporal_links"].index(other) > rows["temporal_links"].index(link)
    return "S23", "temporal_links", (other if later else link)["tlink_id"]


def _apart(a, b):
    return int(a["end"]) <= int(b["start"]) or int(b["end"]) <= int(a["start"])


def fact_pointed_at_another_quote(pkg, rows):
    fact = first(rows["facts"], quote_id=bool)
    other = [q for q in rows["quotes"] if q["article_id"] == fact["article_id"] and _apart(fact, q)][0]
    fact["quote_id"] = other["quote_id"]
    return "S24", "facts", fact["fact_id"]


def figure_pointed_at_another_fact(pkg, rows):
    figure = first(rows["figures"], fact_id=bool)
    other = [f for f in rows["facts"] if f["article_id"] == figure["article_id"] and _apart(figure, f)][0]
    figure["fact_id"] = other["fact_id"]
    return "S25", "figures", figure["figure_id"]


def wording_confirmed_against_its_context(pkg, rows):
    quote = first(rows["quotes"], wording_status="differs_from_source")
    quote["wording_status"] = "confirmed"
    return "S26", "quotes", quote["quote_id"]


def context_that_copies_the_article(pkg, rows):
    row = first(rows["context"])
    sentence = first(rows["sentences"], article_id=row["article_id"], text=lambda t: len(t.split()) >= 8)
    row["statement"] = sentence["text"]
    return "S27", "context", row["context_id"]


def entity_listed_but_never_referred_to(pkg, rows):
    listed = first(rows["article_entities"])
    listed["entity_id"] = "zz-never-referred-to"
    return "S28", "article_entities", listed["article_entity_id"]


def event_located_at_a_person(pkg, rows):
    event = first(rows["events"], location_id=bool)
    event["location_id"] = first(rows["entities"], type="person")["entity_id"]
    return "S29", "events", event["event_id"]


def one_item_two_entities(pkg, rows):
    entity = [e for e in rows["entities"][:-1] if e["wikidata"]][0]  # one with a row after it
    other = rows["entities"][rows["entities"].index(entity) + 1]  # the second row with the ID is the one reported
    other["wikidata"] = entity["wikidata"]
    return "S30", "entities", other["entity_id"]


def period_given_by_another_timex(pkg, rows):
    figure = first(rows["figures"], period_timex_id=bool)
    other = first(rows["time_expressions"], article_id=figure["article_id"], text=lambda t: t.casefold() not in figure["period"].casefold())
    figure["period_timex_id"] = other["timex_id"]
    return "S31", "figures", figure["figure_id"]


def subject_given_to_another_entity(pkg, rows):
    names = [m for m in rows["mentions"] if m["form"] == "name"]
    fact = first(rows["facts"], subject_id=bool, subject=lambda v: any(v in m["text"] for m in names))
    other = first(rows["entities"], entity_id=lambda v: v != fact["subject_id"])
    fact["subject_id"] = other["entity_id"]
    return "S32", "facts", fact["fact_id"]


def currency_that_is_no_iso_code(pkg, rows):
    figure = first(rows["figures"])
    figure.update(unit="currency", currency="ABC")  # a three-letter code no currency has
    return "S33", "figures", figure["figure_id"]


def person_item_typed_as_a_country(pkg, rows):
    entity = first(rows["entities"], wikidata=bool, type="person")
    entity["type"] = "country"
    return "S34", "entities", entity["entity_id"]


def reporting_verb_not_in_its_cue(pkg, rows):
    quote = first(rows["quotes"], reporting_verb=bool, cue_text=bool)
    quote["reporting_verb"] = "denied" if "denied" not in quote["cue_text"] else "stated"
    return "S35", "quotes", quote["quote_id"]


def factive_verb_typed_neutral(pkg, rows):
    quote = first(rows["quotes"], cue_type="factive", reporting_verb=lambda v: v in ("confirmed", "revealed", "acknowledged"))
    quote["cue_type"] = "neutral"
    return "S36", "quotes", quote["quote_id"]


def subject_in_other_words(pkg, rows):
    fact = first(rows["facts"], subject=bool)
    fact["subject"] = "the mayor of Quillon"  # an invented place no article here prints
    return "S37", "facts", fact["fact_id"]


def article_entity_row_renamed(pkg, rows):
    row = first(rows["article_entities"])
    row["article_entity_id"] = row["article_entity_id"] + "-x"
    return "S38", "article_entities", row["article_entity_id"]


def day_from_outside(pkg, rows):
    unknown = {a["article_id"] for a in rows["articles"] if not a["published"]}
    timex = first(rows["time_expressions"], value=lambda v: len(v) == 7 and v[4] == "-", article_id=lambda v: v in unknown)
    timex["value"] += "-03"
    return "S22", "time_expressions", timex["timex_id"]


def compared_wording_called_unverified(pkg, rows):
    quote = first(rows["quotes"], wording_status="differs_from_source")
    quote["wording_status"] = "unverified"
    return "S26", "quotes", quote["quote_id"]


def fact_verb_printed_nowhere(pkg, rows):
    fact = first(rows["facts"], reporting_verb=bool)
    fact["reporting_verb"] = "denied" if "denied" not in fact["text"] else "stated"
    return "S35", "facts", fact["fact_id"]


def pronoun_subject_given_to_another(pkg, rows):
    pronouns = [m for m in rows["mentions"] if m["form"] == "pronoun" and m["entity_id"]]
    fact = first(rows["facts"], subject_id=bool, subject=lambda v: any(v == m["text"] for m in pronouns))
    fact["subject_id"] = first(rows["entities"], entity_id=lambda v: v != fact["subject_id"])["entity_id"]
    return "S32", "facts", fact["fact_id"]


def negated_predicate_called_positive(pkg, rows):
    fact = first(rows["facts"], polarity="negative", predicate=lambda v: " not " in f" {v} " or "never" in v)
    fact["polarity"] = "positive"
    return "S39", "facts", fact["fact_id"]


def object_given_to_another_entity(pkg, rows):
    fact = first(rows["facts"], object_id=bool, object=bool)
    fact["object_id"] = first(rows["entities"], entity_id=lambda v: v not in fact["object"].lower() and v != fact["object_id"]
                              and not any(v == m["entity_id"] for m in rows["mentions"] if m["text"] in fact["object"]))["entity_id"]
    return "S40", "facts", fact["fact_id"]


def unit_not_printed(pkg, rows):
    figure = first(rows["figures"], unit="count")
    figure.update(unit="mass", unit_text="tonnes" if "tonnes" not in figure["text"] else "furlongs")
    return "S41", "figures", figure["figure_id"]


def event_date_dropped(pkg, rows):
    dated = {t["timex_id"] for t in rows["time_expressions"] if any(c.isdigit() for c in t["value"].split("T")[0])}
    event = first(rows["events"], date=bool, timex_id=lambda v: v in dated)
    event["date"] = ""
    return "S06", "events", event["event_id"]


def name_called_a_pronoun(pkg, rows):
    mention = first(rows["mentions"], form="name")
    mention["form"] = "pronoun"
    return "S42", "mentions", mention["mention_id"]


def nested_quote_without_parent(pkg, rows):
    quote = first(rows["quotes"], parent_quote_id=bool)
    quote["parent_quote_id"] = ""
    return "S43", "quotes", quote["quote_id"]


def earlier_read_as_later(pkg, rows):
    link = first(rows["temporal_links"], cue_text=lambda v: v.lower() in ("earlier", "after", "following"), rel_type=lambda v: v in ("BEFORE", "AFTER"))
    link["rel_type"] = "AFTER" if link["rel_type"] == "BEFORE" else "BEFORE"  # the signal's direction turned round
    return "S44", "temporal_links", link["tlink_id"]


def inclusion_signal_read_as_order(pkg, rows):
    link = first(rows["temporal_links"], cue_text=lambda v: v.lower() in ("in", "on", "at", "during"))
    link["rel_type"] = "BEFORE"
    return "S44", "temporal_links", link["tlink_id"]


def anchored_to_a_set(pkg, rows):
    pattern = first(rows["time_expressions"], type=lambda v: v in ("SET", "DURATION"))
    timex = first(rows["time_expressions"], article_id=pattern["article_id"], type="DATE")
    timex["anchor_timex_id"] = pattern["timex_id"]
    return "S45", "time_expressions", timex["timex_id"]


def english_text_tagged_spanish(pkg, rows):
    article = first(rows["articles"], language="en")
    article["language"] = "es"
    return "S46", "articles", article["article_id"]


def language_by_its_three_letter_code(pkg, rows):
    """"eng" is English, but BCP 47 takes the shortest code, so a client matching "en" would miss it."""
    article = first(rows["articles"], language="en")
    article["language"] = "eng"
    return "S46", "articles", article["article_id"]


def language_code_invented(pkg, rows):
    record = first(rows["primary_records"], language=lambda v: bool(v))
    record["language"] = "xx"
    return "S46", "primary_records", record["record_id"]


def particle_verb_typed_neutral(pkg, rows):
    quote = first(rows["quotes"], reporting_verb=lambda v: len(v.split()) == 2 and v.split()[0] in ("hinted", "inquired", "asked"),
                  cue_type=lambda v: v not in ("", "neutral"))
    quote["cue_type"] = "neutral"
    return "S36", "quotes", quote["quote_id"]


def anchored_to_a_reference(pkg, rows):
    reference = first(rows["time_expressions"], value=lambda v: v.endswith("_REF"))
    timex = first(rows["time_expressions"], article_id=reference["article_id"], type="DATE", value=lambda v: "X" in v)
    timex["anchor_timex_id"] = reference["timex_id"]
    return "S45", "time_expressions", timex["timex_id"]


def year_digits_invented(pkg, rows):
    return "S22", "time_expressions", _year_written(rows, "XX26")["timex_id"]


def cue_that_is_a_time_expression(pkg, rows):
    link = first(rows["temporal_links"], cue_text=bool)
    timex = first(rows["time_expressions"], article_id=link["article_id"], text=lambda v: v.isalpha())
    link.update(cue_start=timex["start"], cue_end=timex["end"], cue_text=timex["text"])
    return "S44", "temporal_links", link["tlink_id"]


def inclusion_turned_round(pkg, rows):
    link = first(rows["temporal_links"], cue_text="in", rel_type="IS_INCLUDED")
    link["rel_type"] = "INCLUDES"
    return "S44", "temporal_links", link["tlink_id"]


def rejection_called_a_negation(pkg, rows):
    fact = first(rows["facts"], polarity="positive", predicate=lambda v: v.split()[-1] in ("rejected", "declined", "refused"))
    fact.update(polarity="negative", factuality="CT-")
    return "S39", "facts", fact["fact_id"]


def setting_dropped(pkg, rows):
    quote = first(rows["quotes"], channel=lambda v: v in ("press_briefing", "broadcast", "social_media"), parent_quote_id="")
    quote["channel"] = "unspecified"
    return "S47", "quotes", quote["quote_id"]


def channel_the_article_never_names(pkg, rows):
    quote = first(rows["quotes"], channel="unspecified", parent_quote_id="", kind="direct")
    quote["channel"] = "phone_call"
    return "S47", "quotes", quote["quote_id"]


def channel_carried_across_a_new_source(pkg, rows):
    """A quote with no setting of its own, after another source's attribution, given that attribution's channel."""
    ordered = sorted((q for q in rows["quotes"] if not q["parent_quote_id"]), key=lambda q: (q["article_id"], int(q["start"])))
    quote = next(q for before, q in zip(ordered, ordered[1:]) if q["channel"] == "unspecified" and before["channel"] != "unspecified"
                 and before["speaker_id"] != q["speaker_id"] and before["article_id"] == q["article_id"])
    quote["channel"] = next(b for b, q in zip(ordered, ordered[1:]) if q is quote)["channel"]
    return "S47", "quotes", quote["quote_id"]


def context_date_in_a_note(pkg, rows):
    event = first(rows["events"], note=bool)
    event["note"] += " The call took place on 12 March 1999."
    return "S48", "events", event["event_id"]


def numeric_date_in_a_time_note(pkg, rows):
    timex = first(rows["time_expressions"], note=bool)
    timex["note"] += " The same day: 13/03/1999 according to another outlet."
    return "S48", "time_expressions", timex["timex_id"]


def forecast_called_certain(pkg, rows):
    fact = first(rows["facts"], predicate=lambda v: v.split()[0] in ("would", "will"), factuality="PR+")
    fact["factuality"] = "CT+"
    return "S49", "facts", fact["fact_id"]


def article_voice_given_a_claimant(pkg, rows):
    spans = [(int(q["start"]), int(q["end"]), q["article_id"]) for q in rows["quotes"]]
    fact = next(f for f in rows["facts"] if not f["quote_id"] and not f["claimant_id"]
                and not any(a <= int(f["start"]) and int(f["end"]) <= b and art == f["article_id"] for a, b, art in spans))
    fact["claimant_id"] = first(rows["entities"], type="person")["entity_id"]
    return "S50", "facts", fact["fact_id"]


def claimant_who_did_not_speak(pkg, rows):
    quotes = {q["quote_id"]: q for q in rows["quotes"]}
    fact = first(rows["facts"], quote_id=lambda v: bool(v) and bool(quotes[v]["speaker_id"]), claimant_id=bool)
    fact["claimant_id"] = next(e["entity_id"] for e in rows["entities"] if e["type"] == "person" and e["entity_id"] != fact["claimant_id"])
    return "S50", "facts", fact["fact_id"]


def daily_counted_in_weeks(pkg, rows):
    timex = first(rows["time_expressions"], type=lambda v: v in ("SET", "DURATION"), value=lambda v: v.endswith(("D", "Y")))
    timex["value"] = timex["value"][:-1] + ("W" if timex["value"].endswith("D") else "M")
    return "S51", "time_expressions", timex["timex_id"]


def month_name_given_another_month(pkg, rows):
    named = {t["timex_id"] for t in rows["time_expressions"] if any(m in t["text"].split() for m in MONTHS)}
    timex = first(rows["time_expressions"], type="DATE", value=lambda v: len(v) == 7 and v[5:].isdigit(), timex_id=lambda v: v in named)
    timex["value"] = timex["value"][:5] + ("02" if timex["value"][5:] != "02" else "03")
    return "S51", "time_expressions", timex["timex_id"]


def event_span_with_its_auxiliary(pkg, rows):
    texts = {a: pkg.texts[a] for a in pkg.texts}
    for event in rows["events"]:
        article, start = texts[event["article_id"]], int(event["start"])
        before = article[:start].split()[-1:] or [""]
        if before[0].lower() in ("has", "have", "had", "was", "is"):
            new_start = article.rindex(before[0], 0, start)
            event.update(start=str(new_start), text=article[new_start:int(event["end"])])
            return "S52", "events", event["event_id"]
    raise AssertionError("no event follows an auxiliary: the test needs one")


def act_directed_at_its_actor(pkg, rows):
    event = first(rows["events"], actor_id=bool, recipient_id=bool)
    event["recipient_id"] = event["actor_id"]
    return "S53", "events", event["event_id"]


def demonym_called_a_name(pkg, rows):
    mention = first(rows["mentions"], form="demonym")
    mention["form"] = "name"
    return "S55", "mentions", mention["mention_id"]


def name_called_a_nominal(pkg, rows):
    """"Trump" mid-sentence, of Donald Trump, set to nominal: a proper name is form name (the adversary's case)."""
    names = {e["entity_id"]: e["name"] for e in rows["entities"]}
    starts = {(s["article_id"], s["start"]) for s in rows["sentences"]}
    mention = next(m for m in rows["mentions"] if m["form"] == "name" and (m["article_id"], m["start"]) not in starts
                   and m["text"] in names.get(m["entity_id"], "").split())
    mention["form"] = "nominal"
    return "S55", "mentions", mention["mention_id"]


def name_pointed_at_another_place(pkg, rows):
    """The adversary's case: a name of one country pointed at another, which holds none of its words."""
    types = {e["entity_id"]: e["type"] for e in rows["entities"]}
    mention = first(rows["mentions"], form="name", entity_id=lambda v: types.get(v) == "country")
    mention["entity_id"] = next(e["entity_id"] for e in rows["entities"] if e["type"] == "country" and e["entity_id"] != mention["entity_id"]
                                and not set(e["name"].lower().split()) & set(mention["text"].lower().split()))
    return "S55", "mentions", mention["mention_id"]


def person_name_called_a_demonym(pkg, rows):
    types = {e["entity_id"]: e["type"] for e in rows["entities"]}
    mention = first(rows["mentions"], form="name", entity_id=lambda v: types.get(v) == "person")
    mention["form"] = "demonym"
    return "S54", "mentions", mention["mention_id"]


def armed_forces_typed_as_a_country(pkg, rows):
    entity = first(rows["entities"], wikidata=bool, type="organization")
    entity["type"] = "country"
    return "S34", "entities", entity["entity_id"]


def record_tagged_against_its_title(pkg, rows):
    record = first(rows["primary_records"], title=lambda v: v.rstrip().endswith("(Spanish)"), language="es")
    record["language"] = "en"
    return "S46", "primary_records", record["record_id"]


EDITS = [direct_without_marks, factive_cue_uncommitted, neutral_cue_committed, claimant_emptied, approximation_dropped,
         approximation_invented, direction_reversed, date_outside_its_timex, wikidata_not_its_note,
         sentences_renumbered, url_with_user_info, content_introduced, timex_with_its_preposition, negated_but_certain,
         ordinal_as_figure, percent_as_count, figure_claimed_by_another, nominal_with_a_verb, indirect_confirmed,
         rejection_of_no_one, mixed_without_marks, wikidata_claimed_in_a_note, pronoun_without_basis, anaphoric_nominal_without_basis, condition_that_is_no_clause, location_the_sentence_never_gives, people_weighed_as_mass,
         exact_figure_said_to_be_more, change_read_as_a_level, year_from_outside, link_read_both_ways, link_that_closes_a_cycle,
         fact_pointed_at_another_quote, figure_pointed_at_another_fact, wording_confirmed_against_its_context,
         context_that_copies_the_article, entity_listed_but_never_referred_to, event_located_at_a_person,
         one_item_two_entities, period_given_by_another_timex, subject_given_to_another_entity,
         currency_that_is_no_iso_code, person_item_typed_as_a_country, reporting_verb_not_in_its_cue,
         factive_verb_typed_neutral, subject_in_other_words, article_entity_row_renamed, day_from_outside,
         compared_wording_called_unverified, fact_verb_printed_nowhere, pronoun_subject_given_to_another,
         negated_predicate_called_positive, object_given_to_another_entity, unit_not_printed, event_date_dropped,
         name_called_a_pronoun, nested_quote_without_parent, earlier_read_as_later, inclusion_signal_read_as_order,
         anchored_to_a_set, english_text_tagged_spanish, language_by_its_three_letter_code, language_code_invented, particle_verb_typed_neutral,
         anchored_to_a_reference, year_digits_invented, cue_that_is_a_time_expression, inclusion_turned_round,
         rejection_called_a_negation, setting_dropped, channel_the_article_never_names, channel_carried_across_a_new_source,
         context_date_in_a_note, numeric_date_in_a_time_note, forecast_called_certain, article_voice_given_a_claimant,
         claimant_who_did_not_speak, daily_counted_in_weeks, month_name_given_another_month, event_span_with_its_auxiliary,
         act_directed_at_its_actor, person_name_called_a_demonym, demonym_called_a_name, name_pointed_at_another_place, name_called_a_nominal, armed_forces_typed_as_a_country,
         record_tagged_against_its_title]


def test_every_stated_rule_holds_on_the_package_as_built(package):
    problems = []
    stated.check(package, problems)
    assert problems == []


def test_every_stated_rule_has_one_check_a_code_and_a_case():
    assert set(CHECKS) == set(BY_ID)
    assert len({rule.code for rule in RULES}) == len(RULES)
    names = {rule_id for rule_id in BY_ID if any(f'"{rule_id}"' in inspect.getsource(edit) for edit in EDITS)}
    assert names == set(BY_ID), f"no case breaks {sorted(set(BY_ID) - names)}"


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_a_broken_stated_rule_is_reported_on_its_row_with_its_code(package, edit):
    rule, table, key, problems = broken(package, edit)
    mine = [p for p in problems if p.code == rule.code]
    assert mine, f"{rule.id} ({rule.code}) not reported; found {[str(p) for p in problems]}"
    assert any(p.file == f"data/{table}.csv" and p.key.endswith("=" + key) and p.line for p in mine), [str(p) for p in mine]
    assert all(p.message for p in mine)


@settings(max_examples=12)
@given(st.sampled_from(EDITS))
def test_any_cross_field_edit_that_breaks_a_stated_rule_is_rejected_with_that_rules_code(package, edit):
    rule, _, _, problems = broken(package, edit)
    assert rule.code in {p.code for p in problems}


@pytest.mark.parametrize("url, fault", [
    ("https://good.example@evil.example/", "user information"),
    ('https://example.org/a"b', "cannot hold"),
    ("https://example.org/<script>", "cannot hold"),
    ("https://example.org/a b", "cannot hold"),
    ("ftp://example.org/", "not an http"),
    ("https:///path", "no valid host"),
    ("https://example.com/%zz", "percent-encoding"),
    ("https://example.com/a[b]c", "outside the host"),
    ("https://example.com/a#b#c", "second `#`"),
    ("https://xn--zz.com/", "punycode"),
    ("https://" + "a" * 64 + ".example/", "longer than DNS allows"),
])
def test_a_url_that_clients_read_another_way_is_refused(url, fault):
    assert fault in (url_fault(url) or "")


@pytest.mark.parametrize("url", ["https://www.gob.mx/presidencia/es/articulos/x?y=1#z", "http://example.org:8080/a%20b", "https://example.org/a%2Fb",
                                 "https://medium.com/@someone/post"])
def test_an_ordinary_url_passes(url):
    assert url_fault(url) is None


def test_the_validator_reports_a_stated_rule_from_the_command_line(tmp_path):
    """As a user sees it: a package whose direct quote lost its marks fails `python -m scripts.validate` with exit 1,
    the file, line, key, field, code and fix."""
    root = tmp_path / "pkg"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy(REPO / "datapackage.json", root / "datapackage.json")
    path = root / "data" / "quotes.csv"
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = table[0]
    line = next(i for i, row in enumerate(table) if i and row[header.index("kind")] == "direct")
    table[line][header.index("kind")] = "direct"
    text = table[line][header.index("text")]
    table[line][header.index("text")] = text.strip("“”")
    start = int(table[line][header.index("start")])
    table[line][header.index("start")] = str(start + 1)
    table[line][header.index("end")] = str(int(table[line][header.index("end")]) - 1)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    rehash(root, "data/quotes.csv")
    ran = run_main(validate_main, str(root))
    assert ran.returncode == 1
    quote_id = table[line][header.index("quote_id")]
    wanted = f"data/quotes.csv:{line + 1} quote_id={quote_id} field=kind [DIRECT_WITHOUT_MARKS]"
    assert wanted in ran.stderr, ran.stderr
    assert "Fix: " in ran.stderr.split(wanted, 1)[1].splitlines()[0]
    assert "Traceback" not in ran.stderr


def test_a_note_that_names_an_item_it_compared_and_rejected_is_no_claim_of_verification(package):
    """S07 reads the verified form `Wikidata Q…: label …`; "Wikidata Q728 (label …) was compared: … stays empty" is
    how guidelines §2 records a rejected candidate."""
    def rejected(pkg, rows):
        entity = first(rows["entities"], wikidata=bool)
        entity["wikidata"] = ""
        entity["wikidata_note"] = "Wikidata Q728 (label \"weapon\") was compared, but its class could not be matched."
        return "S07", "entities", entity["entity_id"]
    rule, _, _, problems = broken(package, rejected)
    assert [p for p in problems if p.code == rule.code] == []




@pytest.mark.parametrize("text, flagged", [("one-sided", True), ("twenty-one", False), ("a", True), ("2nd", True),
                                           ("approximately 50%", False), ("first", True), ("two", False)])
def test_what_prints_a_number_but_is_no_quantity(text, flagged):
    assert bool(stated.NOT_A_QUANTITY.fullmatch(text)) is flagged


def test_a_three_letter_language_code_is_told_the_shortest_tag(package):
    _, _, _, problems = broken(package, language_by_its_three_letter_code)
    assert any(p.code == "LANGUAGE_TEXT" and "shortest: en" in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("frame, channel", [("she said on the radio that", "broadcast"), ("he said on TV that", "broadcast"),
                                            ("said in a phone call", "phone_call")])
def test_a_frame_names_its_setting(frame, channel):
    assert channel in stated._settings(frame)


def test_the_descriptors_own_addresses_keep_the_url_rule(second_package):
    """S09 holds for the homepage and every source and licence path too: credentials in a URL are refused."""
    import json as _json

    from scripts.validate.core import validate as _validate

    path = second_package / "datapackage.json"
    d = _json.loads(path.read_text(encoding="utf-8"))
    d["homepage"] = "https://tok:secret@github.com/x/y"
    path.write_text(_json.dumps(d, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    found = [p for p in _validate(second_package, stages=("rules",)) if p.code == "URL_FORM"]
    assert [(p.file, p.field) for p in found] == [("datapackage.json", "homepage")] and "user information" in found[0].message
