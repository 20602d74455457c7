"""Extent rules that an audit showed can drift: what a span or a basis leaves out (guidelines 4.2, 4.6 and 5).

Each rule reads every article's rows with pandas, as a user would, and derives what it checks from the data
itself: the time expressions of the same article, each quote's own cue, the article's own text.
"""

from __future__ import annotations

import regex

from scripts.runtime.root import repo_root
from tests.helpers.lazy import lazy

pd = lazy("pandas")

ROOT = repo_root()

# Words that attach a time expression to a clause as an adjunct ("over the past year", "in January", "on the same
# day"). A time expression preceded by one of them inside a fact's span is a temporal adjunct kept in the span.
TEMPORAL_PREPOSITIONS = {"in", "on", "at", "over", "during", "since", "for", "after", "before", "until", "by",
                         "within", "throughout", "from", "earlier", "later", "following"}

# Words that introduce the content of a noun ("the proposal of ...", "threats to ...", "the claim that ...",
# "discussions regarding ..."): they link the cue noun to its content and belong to neither.
INTRODUCING_WORDS = {"of", "to", "that", "regarding", "about", "on", "for", "concerning", "over"}


def table(name: str) -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def article(article_id: str) -> str:
    return (ROOT / "data" / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def word_before(text: str, start: int, floor: int) -> str:
    """The word that ends right before `start` (white space between), looking no further left than `floor`."""
    match = regex.search(r"(\p{L}+)\s+$", text[floor:start])
    return match.group(1).lower() if match else ""


def test_a_fact_span_leaves_out_its_temporal_adjuncts():
    """Guidelines 5: the time of a proposition is a time expression with its temporal link, not part of the
    fact's span ("the capture of ... by U.S. forces", not "... in January"). A time expression may sit inside a
    fact span only as a modifier of a noun ("her daily news briefing"), never after a temporal preposition."""
    facts, timexes = table("facts"), table("time_expressions")
    assert not timexes.empty, "the rule needs time expressions to check against"
    kept = []
    for fact in facts.itertuples():
        text = article(fact.article_id)
        inside = timexes[(timexes.article_id == fact.article_id) & (timexes.start.astype(int) >= int(fact.start))
                         & (timexes.end.astype(int) <= int(fact.end))]
        for timex in inside.itertuples():
            if word_before(text, int(timex.start), int(fact.start)) in TEMPORAL_PREPOSITIONS:
                kept.append(f"{fact.fact_id} holds the adjunct of {timex.timex_id} ({timex.text!r})")
    assert not kept, kept


def test_the_content_of_a_noun_cued_attribution_leaves_out_the_word_that_introduces_it():
    """Guidelines 4.1 and 4.2: for "the proposal of U.S. military involvement", "threats to deploy ..." the
    content starts after "of" / "to"; the introducing word is neither cue nor content, nor the start of a fact
    that states the content."""
    quotes = table("quotes")
    nominal = quotes[quotes.kind == "nominal"]
    assert not nominal.empty, "the rule needs noun-cued attributions to check"
    facts = table("facts")
    content_facts = facts[facts.quote_id.isin(set(nominal.quote_id))]  # propositions of that content (5.3)
    starting = [f"{row.quote_id}: {row.text!r}" for row in nominal.itertuples()
                if row.text.split()[0].lower() in INTRODUCING_WORDS]
    starting += [f"{row.fact_id}: {row.text!r}" for row in content_facts.itertuples()
                 if row.text.split()[0].lower() in INTRODUCING_WORDS]
    assert not starting, starting


def test_the_attribution_basis_of_a_noun_cue_names_the_noun_alone():
    """Guidelines 4.2 and 4.6: a nominal cue is the noun alone ("proposal", "threats"), and the basis that
    names the cue quotes it as `cue_text` has it, not with its determiner or introducing word."""
    quotes = table("quotes")
    nominal = quotes[quotes.cue_type == "nominal"]
    assert not nominal.empty, "the rule needs noun-cued attributions to check"
    wrong = []
    for row in nominal.itertuples():
        named = regex.match(r'Noun cue "([^"]*)"', row.attribution_basis)
        if named is None or named.group(1) != row.cue_text:
            wrong.append(f"{row.quote_id}: cue {row.cue_text!r}, basis {row.attribution_basis[:60]!r}")
    assert not wrong, wrong
