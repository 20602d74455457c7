"""The stated rules: every rule across fields that a field description, the guidelines or the README states.

Each rule has an ID, the problem code it raises, the table and field it is reported on, the rule as stated, where it
is stated, and how an annotation records an honest exception (empty: the rule has none). The checks are in
scripts/rules/stated.py, one per rule; docs/validation.md lists this table; a test fails when a rule has no check or
no test. Word lists a check needs live here too, so the docs print the same lists the check uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.contract.text_free import RUN_WORDS


@dataclass(frozen=True)
class StatedRule:
    id: str
    code: str
    table: str
    field: str
    rule: str
    source: str
    fix: str
    exception: str = ""


OPENING_MARKS = "“\"‘«"
CLOSING_MARKS = "”\"’»"
# words that mark a number as approximate, in the figure's text or just before it ("approximately 50%")
APPROXIMATORS = ("approximately", "about", "around", "roughly", "nearly", "almost", "some", "circa", "estimated",
                 "close to", "more or less", "or so", "~")
# words of change (regular expressions matched on whole words, case-insensitive); a figure's direction must be one
# its sentence gives ("had decreased by approximately 50%")
DECREASE_WORDS = (r"decreas\w*", r"declin\w*", "fell", r"fall(s|en|ing)?", r"drop(s|ped|ping)?", "down", r"reduc\w*",
                  r"cut(s|ting)?", r"lower(ed|ing)?", r"shr[iau]nk\w*", r"plung\w*", r"slump\w*", r"dip(s|ped|ping)?",
                  r"halv\w*", r"slid(e|es|ing)?", r"slow(s|ed|ing)?", r"los(e|es|ing|t)", r"loss(es)?", r"shed(s|ding)?",
                  r"sank", r"sink(s|ing)?", r"sunk")
INCREASE_WORDS = (r"increas\w*", "rose", r"ris(e|es|en|ing)", r"gr[eo]w\w*", r"up(?!\s+to\b)", r"rais(e|es|ed|ing)",
                  r"hike[sd]?", r"boost\w*", r"expand\w*", r"climb\w*", r"jump\w*", r"surg\w*",
                  r"soar\w*", r"doubl\w*", r"tripl\w*", "higher", r"gain\w*", r"swell\w*", "swollen", r"mount(s|ed|ing)?")
# words that introduce reported content and stay outside its span (the cue's complementiser or preposition)
INTRODUCERS = ("that", "whether", "if", "to", "of", "regarding")
# words that open a time expression's context, not its TIMEX3 extent (prepositions and relation words)
SIGNALS = ("in", "on", "at", "over", "during", "since", "until", "till", "by", "for", "from", "before", "after",
           "earlier", "later", "within", "throughout", "ago")
# forms that print a number but are no quantity (guidelines 10.11)
NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
NOT_QUANTITIES = (r"one\s+of\b", r"an?", rf"(?:{NUMBER_WORDS})-(?!(?:{NUMBER_WORDS})\b)[a-z]+",
                  r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))")
URL_FIELDS = (("articles", "url"), ("context", "source_url"), ("primary_records", "url"))

RULES: tuple[StatedRule, ...] = (
    StatedRule("S01", "DIRECT_WITHOUT_MARKS", "quotes", "kind",
               "A quote of kind `direct` is the words inside quotation marks, marks included: its text opens with an "
               f"opening mark ({' '.join(OPENING_MARKS)}) and ends with a closing one ({' '.join(CLOSING_MARKS)}). A "
               "`mixed` quote holds a quoted fragment, so its text holds an opening and a closing mark.",
               "guidelines §4.1 (kinds); field `quotes.kind`",
               "Make the span the quoted words with their marks, or give the quote the kind `indirect` or `mixed`."),
    StatedRule("S02", "AUTHOR_FACTUALITY_CUE", "facts", "author_factuality",
               "An attributed fact's `author_factuality` is set by its quote's cue: CT+ for a factive cue, Uu for any "
               "other cue or none.",
               "guidelines §5.3; field `facts.author_factuality`",
               "First check that quote_id names the quote whose content holds the fact (FACT_OUTSIDE_QUOTE says when it does not); "
               "then set author_factuality to the value that quote's cue gives, or correct the quote's cue_type."),
    StatedRule("S03", "ATTRIBUTED_FACT_VOICE", "facts", "claimant_id",
               "A fact that belongs to a quote with a speaker is that speaker's claim: its `claimant_id` is the quote's "
               "speaker, never empty (an empty claimant is the article's own voice).",
               "guidelines §5 and §5.3; fields `facts.claimant_id`, `facts.quote_id`",
               "Set claimant_id to the quote's speaker_id (and author_factuality as its cue gives), or remove quote_id "
               "when the article asserts the fact itself."),
    StatedRule("S04", "FIGURE_APPROXIMATE", "figures", "approximate",
               "A figure whose text marks the number as approximate "
               f"({', '.join(APPROXIMATORS)}) has `approximate` true; one marked by none of them, in its text or in "
               "the three words before it, has `approximate` false.",
               "guidelines §6; field `figures.approximate`",
               "Set approximate to true when the text says the number is approximate, and to false when it does not."),
    StatedRule("S05", "FIGURE_DIRECTION", "figures", "direction",
               "A figure's `direction` of change (`increase`, `decrease`) is one its sentence gives in words; a sentence "
               "that gives only one direction cannot carry the other.",
               "guidelines §6; field `figures.direction`",
               "Set direction to the change the sentence states (`none` for a level or a count)."),
    StatedRule("S06", "EVENT_DATE", "events", "date",
               "An event's `date` is the value of its time expression (`timex_id`) cut to its date, up to any `T` "
               "(2031-04-08TMO gives 2031-04-08; a week 2031-W14 stays 2031-W14); an event with a date has a time "
               "expression in the text that gives it, and an event whose time expression fixes any digit of a date "
               "(XXXX-01) has that date.",
               "guidelines §7, §8 and §10.9; fields `events.date`, `events.timex_id`",
               "Set timex_id to the time expression that dates the event and copy its value up to any `T`; leave the "
               "date empty when the text gives no time expression."),
    StatedRule("S07", "WIKIDATA_NOTE_MISMATCH", "entities", "wikidata",
               "`wikidata_note` says how the ID in `wikidata` was verified, in the form `Wikidata Q…: label …, instance "
               "of …`: the first item it names is that ID; an entity with no ID has a note that names no verified item "
               "first.",
               "guidelines §2; fields `entities.wikidata`, `entities.wikidata_note`",
               "Make wikidata and the first Q-ID of wikidata_note the same item, after checking its label and class."),
    StatedRule("S08", "SENTENCE_ORDER", "sentences", "sentence_id",
               "A sentence's ID is its position: the nth sentence of an article, in text order, is `<prefix>-sNN` with "
               "NN = n.",
               "field `sentences.sentence_id`",
               "Rebuild the package: sentence IDs are generated from the segmentation, never typed by hand."),
    StatedRule("S09", "URL_FORM", "context", "source_url",
               "Every URL is an absolute http(s) address with a host and no user information (`user@`), and holds no "
               "space, quotation mark, `<`, `>`, backslash or other character RFC 3986 does not allow.",
               "fields `articles.url`, `context.source_url`, `primary_records.url`",
               "Write the address as the browser shows it after following it, percent-encoding any other character."),
)

RULES += (
    StatedRule("S10", "CONTENT_START", "quotes", "text",
               "The content of an indirect or nominal attribution starts after the word that introduces it: it does "
               f"not begin with {', '.join(repr(w) for w in INTRODUCERS)}.",
               "guidelines §4.2 (cue and content); field `quotes.text`",
               "Start the span at the first word of the content, after the complementiser or preposition."),
    StatedRule("S11", "TIMEX_EXTENT", "time_expressions", "text",
               "A time expression's span is its TIMEX3 extent, with no preposition or relation word: it does not begin "
               f"with {', '.join(repr(w) for w in SIGNALS)} (the signal word goes in the temporal link).",
               "guidelines §8 and §10.10; field `time_expressions.text`",
               "Start the span after the preposition or relation word; put that word in the temporal link's cue."),
    StatedRule("S12", "POLARITY_FACTUALITY", "facts", "factuality",
               "A negated predicate (`polarity` negative) is never certain, probable or possible that it is the case: "
               "its factuality is not CT+, PR+ or PS+.",
               "guidelines §5.3 and §10.6; fields `facts.polarity`, `facts.factuality`",
               "Give the negated predicate its negative value (CT-, PR-, PS-) or Uu, or correct the polarity."),
    StatedRule("S13", "FIGURE_NOT_QUANTITY", "figures", "text",
               "A figure is a quantity: never an ordinal (\"first\", \"2nd\"), \"one of\", a number word inside another "
               "word (\"one-sided\") or the article \"a\"/\"an\".",
               "guidelines §10.11; table `figures`",
               "Remove the figure row; a day or a year named by \"a\" is a time expression, not a figure."),
)

# the words that mark a number approximate wherever they stand just before it ("about" and "some" are left out:
# "talked about 50 people", "some 50" are not always approximations)
STRICT_APPROXIMATORS = ("approximately", "roughly", "nearly", "almost", "around", "circa", "an estimated")
PERCENT_WORDS = ("%", "percent", "per cent", "percentage point")
TARGETED_TYPES = ("ACCUSE", "REJECT", "THREATEN", "COERCE", "DEMAND")  # PLOVER types that are always done to someone

RULES += (
    StatedRule("S14", "FIGURE_PERCENT", "figures", "unit",
               f"A figure's unit is `percent` exactly when its text prints a percentage ({', '.join(PERCENT_WORDS)}).",
               "guidelines §6; field `figures.unit`",
               "Set unit to percent for a percentage, and to the unit the text prints otherwise."),
    StatedRule("S15", "FIGURE_CLAIMANT", "figures", "claimant_id",
               "A figure stated by a fact (`fact_id`) is given by that fact's claimant: the two `claimant_id` are the "
               "same (both empty for the article's own voice).",
               "guidelines §6; fields `figures.claimant_id`, `figures.fact_id`",
               "Copy the fact's claimant_id to the figure, or point fact_id at the fact that states the figure."),
    StatedRule("S16", "NOMINAL_HAS_NO_VERB", "quotes", "reporting_verb",
               "A nominal attribution has a cue noun, not a verb: its `reporting_verb` is empty.",
               "guidelines §4.2; fields `quotes.kind`, `quotes.reporting_verb`",
               "Leave reporting_verb empty for a nominal quote; the noun is in cue_text."),
    StatedRule("S17", "WORDING_NOT_APPLICABLE", "quotes", "wording_status",
               "Only a quotation claims the speaker's own words: `wording_status` is `not_applicable` for an indirect or "
               "nominal quote, and never for a direct one (a mixed quote's fragment is a direct quote of its own).",
               "guidelines §4.6; field `quotes.wording_status`",
               "Set wording_status to not_applicable for indirect and nominal quotes; for a quotation say what outside "
               "sources show (confirmed, differs_from_source, unverified)."),
    StatedRule("S18", "EVENT_RECIPIENT", "events", "recipient_id",
               f"An event of a PLOVER type that is done to someone ({', '.join(TARGETED_TYPES)}) has a recipient.",
               "guidelines §7 and §10.13; fields `events.plover_type`, `events.recipient_id`",
               "Set recipient_id to the entity the act is aimed at (add it to the registry if the article names it)."),
)

# words just before a figure that bound it (matched on whole words, case-insensitive, at the end of the words before
# the figure or at the start of its own text); "thousands", "dozens" in the figure's text bound it from below
BOUND_WORDS = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than", r"thousands", r"hundreds",
                 r"dozens", r"millions", r"scores"),
    "at_most": ("at most", "up to", "no more than", "a maximum of", "not more than"),
    "more_than": ("more than", "over", "above", "upwards of", "in excess of", "greater than", "exceeding"),
    "less_than": ("less than", "under", "fewer than", "below", "short of"),
}
# the TimeML relation a link implies when read from its target to its source
INVERSE_RELATIONS = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES",
                     "DURING": "DURING_INV", "DURING_INV": "DURING", "SIMULTANEOUS": "SIMULTANEOUS", "IAFTER": "IBEFORE",
                     "IBEFORE": "IAFTER", "IDENTITY": "IDENTITY", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
                     "ENDS": "ENDED_BY", "ENDED_BY": "ENDS"}
# temporal signals (TimeML SIGNAL) and the relations each can state; a signal's complement is the item it introduces
ORDER_SIGNALS = {"before": "BEFORE", "prior": "BEFORE", "after": "AFTER", "following": "AFTER"}  # "A after B": A AFTER B
BOUNDARY_SIGNALS = ("since", "until", "till")  # an ordering whose direction the relation says (BEGUN_BY, ENDED_BY)
ORDER_ADVERBS = {"earlier": "BEFORE", "later": "AFTER", "previously": "BEFORE", "afterwards": "AFTER",
                 "then": "AFTER"}  # "Earlier, A ...": A BEFORE the item of another sentence
ORDER_RELATIONS = ("BEFORE", "AFTER", "IBEFORE", "IAFTER", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY")
INCLUSION_SIGNALS = ("in", "on", "at", "during", "within", "throughout", "over")
OVERLAP_RELATIONS = ("IS_INCLUDED", "INCLUDES", "DURING", "DURING_INV", "SIMULTANEOUS", "IDENTITY", "BEGINS", "ENDS",
                     "BEGUN_BY", "ENDED_BY")
ANCHOR_TYPES = ("DATE", "TIME")  # a time expression another one is resolved against fixes a point or a day
# the commonest function words of the languages a news text here is likely in: a text's language is the one whose
# words it uses most (counted only when the text has at least LANGUAGE_MIN_WORDS of them and one language has twice
# the count of any other)
FUNCTION_WORDS = {
    "en": ("the", "and", "of", "to", "that", "is", "was", "with", "for", "said", "has", "have", "would", "it"),
    "es": ("el", "la", "los", "las", "que", "del", "y", "con", "por", "para", "una", "es", "se", "dijo"),
    "fr": ("le", "les", "des", "que", "et", "est", "une", "dans", "pour", "avec", "sur", "qui", "au", "il"),
    "de": ("der", "die", "das", "und", "ist", "nicht", "mit", "auf", "für", "dass", "ein", "eine", "sich", "zu"),
    "pt": ("os", "as", "que", "do", "da", "dos", "não", "com", "uma", "para", "por", "em", "é", "disse"),
}
LANGUAGE_MIN_WORDS = 20
NEGATORS = ("not", "n't", "never", "no", "neither", "nor", "cannot")
PLACE_TYPES = ("country",)  # the entity types that name a place (events.location_id)
NEGATING_PREPOSITIONS = ("without",)  # a negator that stands before the predicate it negates ("without relinquishing")
# the class a Wikidata item of each type is an instance of, as the guidelines' §2 gives it (checked where the type
# has a list; a note that names one of these classes gives its type)
TYPE_CLASSES = {"country": ("Q6256", "Q3624078")}
# words that give a quote its channel (guidelines §4.5), matched case-insensitively on whole words in the quote's
# frame: its sentence, outside its own content and outside every other quote's content
SETTINGS = {
    "press_briefing": (r"(?:at|during|in|on)\s+(?:[\w’']+\s+){0,3}(?:(?:news|press)\s+(?:conference|briefing)|briefing)s?",),
    "social_media": (r"social\s+media", r"(?:posted|wrote|tweeted)\s+on\s+\S+", r"in\s+a\s+post",
                     r"on\s+(?:X|Twitter|Facebook|Instagram|Telegram|Truth\s+Social)"),
    "broadcast": (r"(?:on|told)\s+(?:[A-Z][\w.]*\s+)*(?:News|Radio|TV|Television)\b", r"on\s+(?:Radio|TV|Television)\s+[A-Z]\w*",
                  r"(?:radio|television|tv)\s+(?:interview|programme|program|broadcast|address)", r"on\s+(?:the\s+)?air",
                  r"on\s+(?:the\s+)?(?:radio|television|tv)(?![\w])"),
    "phone_call": (r"(?:tele)?phone\s+(?:call|conversation)s?", r"by\s+(?:tele)?phone", r"(?:in|during|on|over)\s+a\s+call"),
    "diplomatic_talks": (r"(?:in|during|at)\s+(?:[\w’']+\s+){0,2}(?:talks|discussions?|negotiations?|meetings?|summit)",),
    "official_statement": (r"spokes(?:person|man|woman)", r"(?:in|issued)\s+a\s+(?:written\s+)?statement", r"press\s+release",
                           r"communiqu[ée]"),
}
# words that move the scene (guidelines §4.5): a sentence that opens with one does not inherit the setting before it
SCENE_MOVERS = (r"earlier", r"later", r"meanwhile", r"previously", r"separately", r"in\s+a\s+separate\s+development",
                r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", r"(?:that|the\s+next|the\s+same|the\s+previous)\s+day",
                r"yesterday", r"today", r"tomorrow")
FORECAST_MODALS = ("will", "would", "'ll", "’ll", "shall")  # a plan or forecast stated with these is probable (§10.6)
# TIMEX3 units of a duration or set, and the words that name them (guidelines §8: "daily" P1D, "the past year" P1Y)
TIMEX_UNITS = {"D": r"days?|daily", "W": r"weeks?|weekly", "M": r"months?|monthly", "Y": r"years?|yearly|annual(?:ly)?",
               "H": r"hours?|hourly"}
UNIT_KINDS = {  # the printed units of each unit kind (singular; a plural adds s or es)
    "mass": ("tonne", "ton", "metric ton", "kilogram", "kilo", "kg", "gram", "g", "pound", "lb", "lbs", "ounce", "oz"),
    "length": ("kilometre", "kilometer", "km", "metre", "meter", "m", "mile", "mi", "nautical mile", "foot", "feet", "ft",
               "yard", "inch", "centimetre", "centimeter", "cm"),
    "duration": ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "centuries")}
CONDITIONALS = ("if", "unless", "provided", "providing", "as long as", "so long as", "only if", "even if", "in case",
                "on condition that")  # the words a condition (guidelines §5.1) begins with
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
AUXILIARIES = ("has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "shall",
               "should", "can", "could", "may", "might", "must", "do", "does", "did")
# the article tables whose free text (notes, descriptions, bases, glosses, roles) may cite context rows by ID only
OWN_VOICE_TABLES = ("mentions", "quotes", "facts", "figures", "events", "time_expressions", "temporal_links",
                    "article_entities")

RULES += (
    StatedRule("S19", "PRONOUN_BASIS", "mentions", "basis",
               "Every pronoun, and every anaphoric nominal (a definite noun phrase: \"the country\", \"the two "
               "ministers\"), carries its `basis`: the antecedent and the rule that picked it.",
               "guidelines §3; field `mentions.basis`",
               "Write in basis which antecedent the pronoun or the noun phrase refers to and why (\"the only female "
               "antecedent in reach\")."),
    StatedRule("S20", "FIGURE_BOUND", "figures", "bound",
               "A figure's `bound` is the one its words give: `at_least`, `at_most`, `more_than` and `less_than` need "
               "a bounding phrase just before the number or in its text (\"more than 50\", \"up to 30\", "
               "\"thousands\"), and `exact` has none just before it.",
               "guidelines §6 (Bounds); field `figures.bound`",
               "Set bound to what the words just before the number say (`exact` when they say nothing), or extend the "
               "figure's span to take in the bounding phrase."),
    StatedRule("S21", "FIGURE_CHANGE_WORD", "figures", "direction",
               "A figure whose own words give a change (\"had decreased by approximately 50%\", \"a 20% rise\") has "
               "that `direction`, not `none`: the words of change are looked for among the four words before the "
               "number and the word after it.",
               "guidelines §6; field `figures.direction`",
               "Set direction to the change its words give (`decrease`, `increase`)."),
    StatedRule("S22", "TIMEX_YEAR_UNSTATED", "time_expressions", "value",
               "A year or a day is never taken from outside: when the article's publication date is unknown "
               "(`published` empty), a time expression's value holds only a year the article prints, and a day of "
               "the month only when its own text prints it (or its anchor's value holds it); the unknown digits stay "
               "X (\"the same day\" is XXXX-XX-XX).",
               "guidelines §8 and §10.8; field `time_expressions.value`",
               "Write X for each digit the article does not give (XXXX-01 for \"January\"), or fill the article's "
               "`published` from a source and resolve from it."),
    StatedRule("S23", "TLINK_CONTRADICTION", "temporal_links", "rel_type",
               "Two temporal links between the same two items agree: read from the other end, a link says the TimeML "
               "inverse of its relation (A BEFORE B is B AFTER A), so one pair never holds two relations; and the "
               "links never order an item before itself (A BEFORE B, B BEFORE C, C BEFORE A; SIMULTANEOUS and "
               "IDENTITY make two items one).",
               "guidelines §8; field `temporal_links.rel_type`",
               "Keep the one link the text supports and remove the other, or make the second the inverse of the first."),
    StatedRule("S24", "FACT_OUTSIDE_QUOTE", "facts", "quote_id",
               "A fact drawn from a quote (`quote_id`) covers words of that quote: the fact's span overlaps the "
               "quote's content.",
               "guidelines §5; field `facts.quote_id`",
               "Point quote_id at the quote whose content holds the fact, or empty it when no quote does."),
    StatedRule("S25", "FIGURE_OUTSIDE_FACT", "figures", "fact_id",
               "A figure stated by a fact (`fact_id`) lies inside that fact's span.",
               "guidelines §6; field `figures.fact_id`",
               "Point fact_id at the fact whose span holds the figure."),
    StatedRule("S26", "WORDING_CONTEXT", "quotes", "wording_status",
               "`wording_status` agrees with the outside sources on the quote: `confirmed` has no context row about the "
               "quote that `differs` or `conflicts`, `differs_from_source` has one, `unverified` (no source checked) "
               "has no context row about the quote's wording at all, and a context row that `confirms` a quote with a "
               "`value` gives words the quote prints.",
               "guidelines §9 and §10.14; fields `quotes.wording_status`, `context.relation`",
               "Set wording_status from the context rows about the quote (differs_from_source when one differs), or "
               "correct the context row's relation."),
    StatedRule("S27", "CONTEXT_COPIES_ARTICLE", "context", "statement",
               f"A context statement says what the outside source says, never what the article says: it holds no run "
               f"of {RUN_WORDS} words of the article.",
               "guidelines §9; field `context.statement`",
               "Write what the outside source says in your own words; what the article says is in its own tables."),
    StatedRule("S28", "ARTICLE_ENTITY_UNUSED", "article_entities", "entity_id",
               "An entity an article lists (`article_entities`) is one the article's rows refer to: a mention, a "
               "speaker, claimant, subject, object, actor, recipient or location.",
               "guidelines §2; table `article_entities`",
               "Remove the entity from the article's `entities:` list, or add the mention that refers to it."),
    StatedRule("S29", "LOCATION_NOT_A_PLACE", "events", "location_id",
               f"An event's location is a place: an entity of type {', '.join(PLACE_TYPES)}.",
               "guidelines §7; field `events.location_id`",
               "Set location_id to the place the text gives, or leave it empty when it gives none."),
    StatedRule("S30", "WIKIDATA_TWICE", "entities", "wikidata",
               "One Wikidata item is one entity: no two registry entries share a `wikidata` ID.",
               "guidelines §2; field `entities.wikidata`",
               "Merge the two entries into one (their mentions then share the entity), or correct the ID of the one "
               "whose note does not match it."),
    StatedRule("S31", "PERIOD_TIMEX", "figures", "period_timex_id",
               "The time expression that gives a figure's period (`period_timex_id`) is part of the period's words: its "
               "text is in `period`, so a figure with a period time expression has a period.",
               "guidelines §6; fields `figures.period`, `figures.period_timex_id`",
               "Point period_timex_id at the time expression inside the period's words, or write the period."),
    StatedRule("S32", "SUBJECT_MENTION", "facts", "subject_id",
               "Where the fact's subject is a mention inside the fact (the pronoun \"she\"), or a name that a name "
               "mention inside the fact holds (subject \"Ana Ruiz\" in the mention \"Mayor Ana Ruiz\"), `subject_id` is "
               "the entity that mention refers to.",
               "guidelines §5; field `facts.subject_id`",
               "Set subject_id to the entity of the mention that is the subject."),
    StatedRule("S33", "CURRENCY_CODE", "figures", "currency",
               "A figure's `currency` is a current ISO 4217 currency code (the list of the `pycountry` package, from "
               "Debian's iso-codes).",
               "field `figures.currency`",
               "Write the three-letter ISO 4217 code of the currency the text names (USD, EUR, MXN)."),
    StatedRule("S34", "WIKIDATA_CLASS_TYPE", "entities", "type",
               "An entity with a Wikidata ID is a `person` exactly when its note gives the item's class as human (Q5), "
               "and a `country` exactly when it gives the class country (Q6256) or sovereign state (Q3624078).",
               "guidelines §2; fields `entities.type`, `entities.wikidata_note`",
               "Set type to what the item is (person for an instance of human), or correct the ID and its note."),
    StatedRule("S35", "REPORTING_VERB_IN_CUE", "quotes", "reporting_verb",
               "The reporting verb is printed: a quote's `reporting_verb` is a word of its `cue_text`, a fact's a word "
               "of its sentence.",
               "fields `quotes.reporting_verb`, `quotes.cue_text`, `facts.reporting_verb`",
               "Copy the verb from the cue as printed, or correct the cue."),
    StatedRule("S36", "CUE_TYPE_TABLE", "quotes", "cue_type",
               "A quote whose reporting verb is a form of a verb in the cue-type table (annotations/cue_verbs.yaml, "
               "guidelines §4.2.1) has that verb's cue type.",
               "guidelines §4.2.1 and §10.4; field `quotes.cue_type`",
               "Set cue_type to the type the table gives the verb; if the table is wrong for this verb, correct the "
               "table (with an example) in the same change."),
    StatedRule("S37", "NOT_THE_ARTICLES_WORDS", "facts", "subject",
               "Fields given \"in the article's words\" use words the article prints: every word of a fact's subject, "
               "object and condition and of a figure's period is a word of the article (an ellipsis `...` may join two "
               "stretches). A figure's `measure` may describe what is measured in other words (\"share of the guests\").",
               "guidelines §5 and §6; fields `facts.subject`, `facts.object`, `facts.condition`, `figures.period`",
               "Write the field with the article's own words; a gloss in other words goes in `gloss` or `note`."),
    StatedRule("S38", "ARTICLE_ENTITY_ID", "article_entities", "article_entity_id",
               "An article's entity row is named by the article's prefix and the entity: `article_entity_id` ends with "
               "`-<entity_id>`.",
               "table `article_entities` (written by the build)",
               "Rebuild the package; the build names each row `<id_prefix>-<entity_id>`."),
    StatedRule("S39", "POLARITY_NEGATION", "facts", "polarity",
               "`polarity` says whether the predicate is grammatically negated in the text: a predicate that holds a "
               f"negator ({', '.join(NEGATORS)}) is `negative`, and a `negative` one holds a negator or stands just "
               f"after one ({', '.join(NEGATING_PREPOSITIONS)}, \"without relinquishing\"). A rejection verb is no "
               "negation: \"refused\" and \"has rejected\" are positive (§5.4).",
               "guidelines §5.2 and §5.4; field `facts.polarity`",
               "Set polarity to what the predicate's own words give (negative only for a negator), or write the "
               "predicate as the text gives it."),
    StatedRule("S40", "OBJECT_MENTION", "facts", "object_id",
               "`object_id` is the entity the object names: where mentions inside the fact lie in the object's words "
               "(\"the topic of Norland\"), one of them refers to `object_id`.",
               "guidelines §5; field `facts.object_id`",
               "Set object_id to the entity the object names, or empty it when the object names none."),
    StatedRule("S41", "UNIT_TEXT_PRINTED", "figures", "unit_text",
               "`unit_text` is the unit as printed: its words stand in the figure's sentence.",
               "guidelines §6; field `figures.unit_text`",
               "Copy the unit from the sentence as printed (\"tonnes\"), or change the unit when the text prints none.",
               "A fraction word (\"half\", \"about a quarter\") has unit `other` with unit_text \"fraction\", as §6 writes it."),
    StatedRule("S42", "PRONOUN_FORM", "mentions", "form",
               "A mention of form `pronoun` is a pronoun or possessive determiner (\"she\", \"her\", \"its\").",
               "guidelines §3; field `mentions.form`",
               "Set form to what the mention is (name, nominal, demonym), or correct its span."),
    StatedRule("S43", "QUOTE_PARENT", "quotes", "parent_quote_id",
               "An attribution that lies inside another quote's content is nested in it: its `parent_quote_id` is "
               "that quote (the innermost one).",
               "guidelines §4.4; field `quotes.parent_quote_id`",
               "Set parent_quote_id to the quote whose content holds this one."),
    StatedRule("S44", "TLINK_SIGNAL", "temporal_links", "rel_type",
               "A temporal link's cue is the signal that states its relation, so the two agree: an ordering signal "
               f"({', '.join(sorted(ORDER_SIGNALS) + list(BOUNDARY_SIGNALS))}; the adverbs {', '.join(sorted(ORDER_ADVERBS))}) gives an "
               f"ordering relation ({', '.join(ORDER_RELATIONS)}), an inclusion signal ({', '.join(INCLUSION_SIGNALS)}) "
               f"a relation of overlap ({', '.join(OVERLAP_RELATIONS)}). Its direction follows the words: \"A after B\" "
               "(the signal introduces B) is A AFTER B, \"A before B\" A BEFORE B; \"Earlier, A ...\" (the adverb in "
               "A's sentence, B in another) is A BEFORE B, \"Later, A ...\" A AFTER B; read from the other end, the "
               "TimeML inverse.",
               "guidelines §8 (temporal links); field `temporal_links.cue_text`",
               "Give the link the relation its signal states (or its inverse, with source and target swapped), or "
               "empty the cue when no word states the relation."),
    StatedRule("S45", "TIMEX_ANCHOR_TYPE", "time_expressions", "anchor_timex_id",
               f"A time expression is anchored (TimeML anchorTimeID) to one that fixes a point: a {' or a '.join(ANCHOR_TYPES)} "
               "whose value holds a digit. A duration, a set (\"daily\", \"the past year\") or a reference such as "
               "PAST_REF (\"recent\") fixes none, so nothing is resolved against it.",
               "guidelines §8 (anchor); field `time_expressions.anchor_timex_id`",
               "Anchor the expression to the DATE or TIME it is resolved against, or relate it to the duration or "
               "set with a temporal link instead."),
    StatedRule("S46", "LANGUAGE_TEXT", "articles", "language",
               "`language` is the language of the text, as a BCP 47 tag: its first subtag is an ISO 639 code (checked "
               f"with pycountry), and an article's text uses that language's function words most ({', '.join(FUNCTION_WORDS)} "
               f"are told apart, once the text has {LANGUAGE_MIN_WORDS} of their function words and one language has "
               "twice the count of any other). A primary record's text is not in the package: its tag is checked for "
               "its code, and against the language its title names (\"(Spanish)\").",
               "field `articles.language`, `primary_records.language`",
               "Give the tag of the language the text is written in (en, es, ...)."),
)

RULES += (
    StatedRule("S47", "CHANNEL_STATED", "quotes", "channel",
               "`channel` is filled only from what the article says. An attribution's channel is the setting its frame "
               "names (its sentence outside its own content and any other quote's: \"during her daily news briefing\" "
               "press_briefing, \"on social media\" social_media, \"remarks on Fox News\" broadcast, \"in a phone "
               "call\" phone_call, talks or discussions diplomatic_talks, a spokesperson or a statement "
               "official_statement). With no setting of its own it continues the channel of the attribution just before "
               "it when both have one source, are in one paragraph, and its sentence does not open by moving the "
               f"scene ({', '.join(w.replace(chr(92) + 's+', ' ') for w in SCENE_MOVERS[:6])}, \"On Monday\", \"the next day\"); "
               "otherwise it is `unspecified`. A nested attribution has only a setting its own frame names.",
               "guidelines §4.5 and §10.7; field `quotes.channel`",
               "Set channel to the setting the sentence names, to the channel it inherits, or to unspecified when the "
               "article names none."),
    StatedRule("S48", "OUTSIDE_DATE", "events", "note",
               "Outside context never feeds the article's tables, not even their notes: a date in the free text of "
               f"an article's rows ({', '.join(OWN_VOICE_TABLES)}: notes, descriptions, bases, glosses, roles) is one "
               "the article prints, its publication date, or a value of its own time expressions. A year, a month or "
               "weekday name, a day with its month (\"12 January\", \"Jan. 12\") or a numeric date (2026-01-12, "
               "12/01/2026) that only another source gives stays in `context`.",
               "guidelines §9; every free-text field of the article's tables",
               "Remove the date and cite the context row by its ID instead (\"the date is in context stc-c02\")."),
    StatedRule("S49", "FORECAST_CERTAIN", "facts", "factuality",
               f"A forecast or a plan stated with {', '.join(repr(w) for w in FORECAST_MODALS[:2])} (or 'll, shall) is "
               "probable, whatever adverb strengthens it: a fact whose predicate holds one of these is never CT.",
               "guidelines §5.3 and §10.6; field `facts.factuality`",
               "Set factuality to PR+ (PR- when negated), or write the predicate as the text gives it."),
    StatedRule("S50", "CLAIMANT_WITHOUT_ATTRIBUTION", "facts", "claimant_id",
               "`claimant_id` is the speaker of the attribution whose content holds the proposition, or empty when the "
               "article asserts it in its own voice: a fact with a claimant names that attribution in `quote_id` "
               "(or lies inside a quote's content), and the claimant is that quote's speaker.",
               "guidelines §5.3 and §5.4; fields `facts.claimant_id`, `facts.quote_id`",
               "Empty claimant_id for a fact the article asserts itself, or set quote_id to the attribution that holds "
               "it and claimant_id to that quote's speaker."),
    StatedRule("S51", "TIMEX_VALUE_WORDS", "time_expressions", "value",
               "A time expression's value says what its words say: a duration or set whose words name one unit "
               "(\"daily\", \"the past year\", \"two weeks\") has that TIMEX3 unit (D, W, M, Y, H), and the number "
               "its words print (one for \"a\", \"the\" or none; X, TimeML's unstated count, for a bare plural or \"several\": "
               "\"for years\" PXY); a date whose words name a month has that month, and a date or time whose words name a "
               "weekday falls on that weekday.",
               "guidelines §8 (values); field `time_expressions.value`",
               "Write the value its words give (\"daily\" P1D, \"the past year\" P1Y, \"January\" XXXX-01)."),
    StatedRule("S52", "EVENT_HEAD", "events", "text",
               "An event's span is the head word of the words that first name it, as TimeML tags an EVENT: one word "
               f"(hyphens allowed), never an auxiliary ({', '.join(AUXILIARIES[:8])}, ...).",
               "guidelines §7; field `events.text`",
               "Shorten the span to the head word (\"confirmed\" in \"has confirmed\")."),
    StatedRule("S53", "EVENT_SELF_DIRECTED", "events", "recipient_id",
               "The recipient is the one the act is directed at, someone other than the one who does it: "
               "`recipient_id` is never the `actor_id`.",
               "guidelines §7; fields `events.actor_id`, `events.recipient_id`",
               "Set recipient_id to the entity the act is aimed at, or leave it empty."),
    StatedRule("S54", "DEMONYM_FORM", "mentions", "form",
               "A mention of form `demonym` is an adjective from a place name that refers to the place: one word, of "
               f"an entity that is a place ({', '.join(PLACE_TYPES)}).",
               "guidelines §3; field `mentions.form`",
               "Set form to what the mention is (name for a proper name), or point the mention at the place."),
    StatedRule("S55", "NAME_FORM", "mentions", "form",
               "A mention of form `name` is a proper name of its entity: it holds a word of the entity's name (a "
               "title before it may stand with it), or is the name's initials, as \"U.S.\" is for United States. An "
               "adjective from a place name is a demonym, a common noun phrase a nominal. And a mention that is "
               "nothing but words of its entity's name, each capitalised (not only as a sentence's first word), is "
               "that name: form `name`, not `nominal`.",
               "guidelines §3; field `mentions.form`",
               "Set form to what the mention is: name for the entity's proper name, demonym or nominal otherwise; "
               "or point the mention at the entity it names."),
    StatedRule("S56", "CONDITION_CLAUSE", "facts", "condition",
               "A fact's `condition` is an if-clause (or unless-, provided-) as printed: it begins with "
               f"{', '.join(repr(w) for w in CONDITIONALS)}.",
               "guidelines §5.1; field `facts.condition`",
               "Put the clause that begins with if, unless or provided in condition, or leave condition empty and "
               "keep the words in the object or the note."),
    StatedRule("S57", "LOCATION_NOT_GIVEN", "events", "location_id",
               "An event's location is a place the text gives: the place has a mention in the event's sentence. Where "
               "the article gives it in another sentence, the event's note says so with \"place given in <sentence "
               "ID>\", and that sentence holds a mention of it.",
               "guidelines §7; field `events.location_id`",
               "Empty location_id when the text does not give the place of the event, or name in the note the "
               "sentence that gives it (\"place given in stc-s03\")."),
    StatedRule("S58", "UNIT_KIND", "figures", "unit_text",
               "A figure's unit and its printed unit agree: for `mass`, `length` and `duration` the `unit_text` is a "
               "unit of that kind (tonnes, kilometres, hours).",
               "guidelines §6; fields `figures.unit`, `figures.unit_text`",
               "Set unit to what unit_text measures (count for people or things counted, other for any other unit)."),
)

BY_CODE = {rule.code: rule for rule in RULES}
