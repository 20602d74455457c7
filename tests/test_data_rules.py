"""Domain rules the curated tables must keep, read with pandas exactly as a user would."""

from pathlib import Path

import pandas as pd
import pytest

from scripts.fields import SPAN_TABLES, TABLES

ROOT = Path(__file__).resolve().parents[1]


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def article(article_id: str) -> str:
    return (ROOT / "data" / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SPAN_TABLES)
def test_every_span_is_verbatim(name):
    for row in table(name).itertuples():
        assert article(row.article_id)[int(row.start):int(row.end)] == row.text, f"{name} {row[1]}"


def test_direct_quotes_keep_their_quotation_marks_and_indirect_ones_have_none():
    quotes = table("quotes")
    for row in quotes.itertuples():
        if row.kind == "direct":
            assert row.text[0] == "“" and row.text[-1] == "”", row.quote_id
        else:
            assert "“" not in row.text and "”" not in row.text, row.quote_id


def test_every_quote_has_a_speaker_and_a_basis_for_the_attribution():
    quotes = table("quotes")
    assert (quotes.speaker_id != "").all() and (quotes.attribution_basis != "").all()


def test_a_quote_without_a_reporting_verb_says_it_is_attributed_by_position():
    quotes = table("quotes")
    for row in quotes[quotes.reporting_verb == ""].itertuples():
        assert "position" in row.attribution_basis, row.quote_id


def test_the_articles_own_voice_only_asserts():
    facts = table("facts")
    own_voice = facts[facts.claimant_id == ""]
    assert set(own_voice.modality) == {"asserted"}
    assert (own_voice.reporting_verb == "").all()


def test_a_negated_predicate_has_negative_polarity_and_a_rejection_does_not():
    facts = table("facts")
    for row in facts.itertuples():
        negation = any(cue in f" {row.predicate} " for cue in (" not ", " no ", " never ")) or row.text.startswith("without ")
        assert (row.polarity == "negative") == negation, row.fact_id


def test_every_sentence_has_a_fact_or_a_quote():
    covered = set(table("facts").sentence_id) | set(table("quotes").sentence_id)
    assert set(table("sentences").sentence_id) <= covered


def test_every_entity_is_mentioned_and_every_mention_names_an_entity():
    entities, mentions = table("entities"), table("mentions")
    assert set(entities.entity_id) == set(mentions.entity_id)


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
