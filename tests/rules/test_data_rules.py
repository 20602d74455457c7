"""Domain rules the curated tables must keep, read with pandas exactly as a user would.

The rules that name this article's sentences read only its rows (`table`), so that they hold unchanged when the
repository holds more articles; the general rules read every row (`table(name, every=True)`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from scripts.runtime.root import repo_root
from scripts.contract.fields import SPAN_TABLES, TABLES
from tests.helpers.lazy import lazy

pd = lazy("pandas")

ROOT = repo_root()
# The article whose curated decisions the tests below check, by its own rows (every other test here reads every
# article): they hold in any corpus that holds it, and change only when its annotation does.
REAL = "sheinbaum-trump-call"


def table(name: str, every: bool = False) -> pd.DataFrame:
    """A table as pandas reads it: this article's rows only, or with every=True the rows of every article."""
    frame = pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    if every or "article_id" not in frame.columns:
        return frame
    return frame[frame.article_id == REAL]


def article(article_id: str) -> str:
    return (ROOT / "data" / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_every_span_is_verbatim(name):
    for row in table(name, every=True).itertuples():
        assert article(row.article_id)[int(row.start):int(row.end)] == row.text, f"{name} {row[1]}"


def test_direct_quotes_keep_their_quotation_marks_and_marks_in_reported_speech_are_nested_direct_quotes():
    """Quotation marks inside reported speech ("called the plan “unacceptable”") make a mixed quote, whose marked
    words are a direct quote nested in it; no rule forbids the marks in reported speech."""
    quotes = table("quotes", every=True)
    for row in quotes.itertuples():
        if row.kind == "direct":
            assert row.text[0] == "“" and row.text[-1] == "”", row.quote_id
        elif "“" in row.text:
            nested = quotes[(quotes.parent_quote_id == row.quote_id) & (quotes.kind == "direct")]
            assert row.kind == "mixed" and len(nested) == row.text.count("“"), row.quote_id


def test_every_quote_has_a_basis_and_only_a_nominal_one_may_leave_its_source_unnamed():
    quotes = table("quotes")
    assert (quotes.attribution_basis != "").all()
    unnamed = quotes[quotes.speaker_id == ""]
    assert set(unnamed.kind) == {"nominal"}, "only a noun cue such as \"the proposal of ...\" may name no source"


def test_a_quote_without_a_cue_is_attributed_by_position_or_by_the_quote_it_is_nested_in():
    quotes = table("quotes")
    no_cue = quotes[quotes.cue_text == ""]
    assert list(no_cue.text) == ["“Our aim is to coordinate efforts without relinquishing authority.”"]
    for row in no_cue.itertuples():
        assert row.source_mention_id == "", row.quote_id
        assert "position" in row.attribution_basis or row.parent_quote_id in row.attribution_basis, row.quote_id


def test_the_articles_own_voice_has_no_reporting_verb_and_no_author_factuality():
    facts = table("facts")
    own_voice = facts[facts.claimant_id == ""]
    assert (own_voice.reporting_verb == "").all() and (own_voice.author_factuality == "").all()
    assert (facts[facts.claimant_id != ""].author_factuality != "").all()


def quote(text: str) -> pd.Series:
    quotes = table("quotes")
    [row] = quotes[quotes.text == text].itertuples(index=False)
    return row


def fact(text: str, predicate: str) -> pd.Series:
    facts = table("facts")
    [row] = facts[(facts.text == text) & (facts.predicate == predicate)].itertuples(index=False)
    return row


def test_a_cue_is_printed_verbatim_in_the_same_sentence_outside_the_content():
    quotes = table("quotes", every=True)
    for row in quotes[quotes.cue_text != ""].itertuples():
        start, end = int(row.cue_start), int(row.cue_end)
        assert article(row.article_id)[start:end] == row.cue_text, row.quote_id
        assert end <= int(row.start) or start >= int(row.end), f"{row.quote_id}: the cue overlaps the content"


def test_has_confirmed_that_is_a_factive_cue_and_commits_the_author():
    confirmed = quote("she has rejected the proposal of U.S. military involvement to combat drug cartels")
    assert (confirmed.cue_text, confirmed.cue_type) == ("has confirmed that", "factive")
    rejected = fact("she has rejected the proposal of U.S. military involvement to combat drug cartels", "has rejected")
    assert (rejected.factuality, rejected.author_factuality) == ("CT+", "CT+")


def test_she_clarified_commits_her_not_the_author_and_a_printed_negation_is_ct_minus():
    cuba = fact("she did not touch upon the topic of Cuba with Trump", "did not touch upon")
    assert quote(cuba.text).cue_type == "emphatic"
    assert (cuba.claimant_id, cuba.factuality, cuba.author_factuality, cuba.polarity) == ("claudia-sheinbaum", "CT-", "Uu", "negative")


def test_implied_and_hinted_content_is_probable_and_possible_for_trump():
    assert fact("drug cartels were in control in Mexico", "were in control in").factuality == "PR+"
    assert fact("possible U.S. strikes on Mexican soil to combat them", "possible strikes on").factuality == "PS+"


def test_noun_cued_attributions_have_rows():
    quotes = table("quotes")
    nominal = dict(zip(quotes[quotes.kind == "nominal"].cue_text, quotes[quotes.kind == "nominal"].text))
    assert nominal == {
        "proposal": "U.S. military involvement to combat drug cartels",
        "offers": "military action",
        "threats": "deploy U.S. military forces against drug cartels within Mexico",
        "discussions": "the necessity for increased collaboration to dismantle Mexico’s violent narco-terrorist networks and curb the trafficking of fentanyl and weapons",
    }


def test_the_content_of_the_rubio_de_la_fuente_discussions_is_not_the_articles_assertion():
    for row in table("facts").itertuples():
        if "narco-terrorist" in row.text or "trafficking of weapons" in row.object:
            assert row.claimant_id == "marco-rubio" and row.author_factuality == "Uu", row.fact_id


def test_a_presupposition_has_the_voice_of_the_attribution_that_holds_it():
    offers = fact("the offers of military action from Trump", "offered")
    assert (offers.basis, offers.claimant_id, offers.quote_id) == ("presupposed", "claudia-sheinbaum", "stc-q02")
    capture = fact("the capture of Venezuelan President Nicolás Maduro by U.S. forces", "captured")
    assert (capture.basis, capture.claimant_id) == ("presupposed", "")
    statements = quote("Venezuela would cease providing oil or funds to Cuba")
    assert not int(statements.start) <= int(capture.start) < int(statements.end), "the capture lies outside Trump's content"


def test_trumps_question_and_her_answer_are_nested_in_what_she_revealed():
    revealed = quote("Trump inquired about Mexico’s stance on Venezuela, to which she affirmed the country’s opposition to military interventions in alignment with its constitution")
    quotes = table("quotes")
    assert set(quotes[quotes.parent_quote_id == revealed.quote_id].cue_text) == {"inquired about", "affirmed"}
    for row in quotes[quotes.parent_quote_id != ""].itertuples():
        parent = quotes[quotes.quote_id == row.parent_quote_id].iloc[0]
        assert int(parent.start) <= int(row.start) and int(row.end) <= int(parent.end), row.quote_id


def test_a_channel_is_inherited_only_through_an_additive_connective():
    assert quote("she did not touch upon the topic of Cuba with Trump").channel == "press_briefing"  # "Additionally, she clarified"
    assert quote("Mexico stands prepared to facilitate communication between Cuba and the United States if such assistance is requested").channel == "unspecified"
    assert quote("Trump inquired about Mexico’s stance on Venezuela, to which she affirmed the country’s opposition to military interventions in alignment with its constitution").channel == "unspecified"


def test_the_gloss_flag_marks_predicates_not_in_the_articles_words():
    sentences = table("sentences").set_index("sentence_id").text
    for row in table("facts").itertuples():
        words = set(regex.findall(r"[\p{L}\p{N}]+(?:[’'][\p{L}]+)*", sentences[row.sentence_id].lower()))
        glossed = any(w.lower() not in words for w in regex.findall(r"[\p{L}\p{N}]+(?:[’'][\p{L}]+)*", row.predicate))
        assert (row.gloss == "true") == glossed, row.fact_id
    assert fact("the offers of military action from Trump", "offered").gloss == "true"


def test_an_if_clause_is_a_condition_not_part_of_the_object_or_the_span():
    prepared = fact("Mexico stands prepared to facilitate communication between Cuba and the United States",
                    "stands prepared to facilitate communication between")
    assert (prepared.object, prepared.condition) == ("Cuba and the United States", "if such assistance is requested")
    for row in table("facts").itertuples():
        assert " if " not in f" {row.object} " and " if " not in f" {row.text} ", row.fact_id


def test_time_expressions_leave_out_prepositions_and_relation_words():
    timexes = table("time_expressions")
    assert {"January", "the past year", "the same day"} <= set(timexes.text)
    for row in timexes.itertuples():
        first = row.text.split()[0].lower()
        assert first not in {"in", "on", "over", "at", "during", "earlier", "after", "following", "since"}, row.timex_id


def test_following_earlier_and_after_are_cues_of_temporal_links():
    links = table("temporal_links")
    assert {"following": "AFTER", "Earlier": "BEFORE", "after": "AFTER", "in": "IS_INCLUDED"}.items() <= dict(zip(links.cue_text, links.rel_type)).items()
    ids = set(table("events").event_id) | set(table("time_expressions").timex_id)
    assert set(links.source_id) <= ids and set(links.target_id) <= ids


def test_the_fox_news_remarks_are_part_of_the_series_of_threats_whose_actor_is_the_united_states():
    events = table("events").set_index("event_id")
    remarks = events[events.text == "remarks"].iloc[0]  # TimeML head words (adjudication)
    series = events.loc[remarks.part_of_event_id]
    assert series.text == "threats" and series.actor_id == "united-states"


def test_every_accuse_reject_threaten_or_coerce_event_has_a_target():
    events = table("events")
    targeted = events[events.plover_type.isin(["ACCUSE", "REJECT", "THREATEN", "COERCE"])]
    assert (targeted.recipient_id != "").all(), list(targeted[targeted.recipient_id == ""].event_id)


def test_plover_modes_are_those_of_the_cameo_to_plover_table():
    # CAMEO2PLOVER-2021.txt (openeventdata/PLOVER): "code: TYPE, mode, context"
    table_2021 = {"040": ("CONSULT", ""), "1212": ("REJECT", "assist"), "0312": ("AGREE", ""), "138": ("THREATEN", "violence"),
                  "173": ("COERCE", "arrest"), "110": ("ACCUSE", "disapprove"), "039": ("AGREE", ""), "030": ("AGREE", ""), "010": ("", "")}
    for row in table("events").itertuples():
        assert (row.plover_type, row.plover_mode) == table_2021[row.cameo_code], row.event_id


def test_us_military_and_oil_are_linked_with_label_and_class_provenance_and_weapons_is_not_linked_on_its_label_alone():
    entities = table("entities").set_index("entity_id")
    for entity_id, qid, label in (("us-military", "Q11211", "United States Armed Forces"), ("oil", "Q22656", "petroleum")):
        assert entities.loc[entity_id, "wikidata"] == qid
        assert f'Wikidata {qid}: label "{label}", instance of "' in entities.loc[entity_id, "wikidata_note"]
    assert entities.loc["weapons", "wikidata"] == "" and "Q728" in entities.loc["weapons", "wikidata_note"]
    for note in entities.wikidata_note:
        assert "reference list" not in note and "SpocWiki" not in note


def test_a_negated_predicate_has_negative_polarity_and_a_rejection_does_not():
    """A leading "without" is left out of the span (guidelines 5) but still negates it."""
    facts = table("facts")
    for row in facts.itertuples():
        led_by_without = article(row.article_id)[:int(row.start)].endswith("without ")
        negation = any(cue in f" {row.predicate} " for cue in (" not ", " no ", " never ")) or led_by_without
        assert (row.polarity == "negative") == negation, row.fact_id


def test_every_sentence_has_a_fact_or_a_quote():
    covered = set(table("facts").sentence_id) | set(table("quotes").sentence_id)
    assert set(table("sentences").sentence_id) <= covered


def test_every_entity_is_mentioned_and_every_mention_names_an_entity():
    entities, mentions = table("entities"), table("mentions", every=True)
    assert set(entities.entity_id) == set(mentions.entity_id) - {""}  # an expletive pronoun names no entity


def test_pronouns_and_definite_nominals_give_the_basis_of_their_referent():
    mentions = table("mentions")
    anaphoric = (mentions.form == "pronoun") | ((mentions.form == "nominal") & mentions.text.str.startswith("the "))
    missing = mentions[anaphoric & (mentions.basis == "")]
    assert anaphoric.any()
    assert missing.empty, list(missing.mention_id)


def test_wikidata_ids_are_filled_only_with_a_note_on_how_they_were_verified():
    entities = table("entities")
    assert (entities.wikidata_note != "").all()
    assert entities.wikidata.str.fullmatch(r"(Q[1-9][0-9]*)?").all()


def test_approximate_figures_say_so_in_their_text():
    figures = table("figures")
    for row in figures.itertuples():
        hedged = any(word in row.text.lower() for word in ("approximately", "about", "around", "nearly", "some "))
        assert (row.approximate == "true") == hedged, row.figure_id


def test_event_dates_are_no_more_precise_than_their_time_expression():
    events, timexes = table("events"), table("time_expressions").set_index("timex_id")
    for row in events[events.date != ""].itertuples():
        assert row.timex_id, f"{row.event_id} has a date but no time expression in the text"
        assert row.date == timexes.loc[row.timex_id, "value"], row.event_id


def test_quotes_whose_wording_differs_cite_the_outside_source():
    quotes, context = table("quotes"), table("context")
    differing = set(quotes[quotes.wording_status == "differs_from_source"].quote_id)
    assert differing, "the article's direct quotes reword the wire report"
    assert differing <= set(context[context.relation == "differs"].quote_id)


def test_outside_context_carries_its_source():
    context = table("context")
    for column in ("source_title", "source_publisher", "source_url", "statement"):
        assert (context[column] != "").all(), column
    assert context.source_url.str.match(r"https?://").all()


def test_unknown_publication_facts_stay_empty_and_say_why():
    articles = table("articles")
    for row in articles.itertuples():
        if not (row.title and row.publisher and row.url and row.published):
            assert row.note, f"{row.article_id}: empty publication fields need a note"


@pytest.mark.parametrize("name", list(TABLES))
def test_headers_follow_the_schema(name):
    assert list(table(name).columns) == list(TABLES[name].columns)
