"""One definition of every field and table.

The descriptor, the annotation loader, the validator and the docs all read these
definitions; nothing else names a column's type, constraints or meaning.
A field is looked up as ``table.column`` first, then ``column``, so a column that
means different things in two tables (``type``) gets two definitions, and a column
that means the same everywhere (``start``) gets one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

PREFIX = r"[a-z][a-z0-9]*"
SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def local_id(letter: str, digits: int) -> str:
    """Pattern of a per-article ID: the article's id_prefix, a dash, a kind letter and a number."""
    return rf"^{PREFIX}-{letter}[0-9]{{{digits},}}$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    required: bool = False
    categories: tuple[tuple[str, str], ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    span: bool = False  # derived from the article by span resolution, never typed by hand
    grammar: str | None = None  # a lexical grammar of scripts/contract/lexical.py the value must satisfy (dates, TIMEX3)
    accepts: tuple[str, ...] = ()  # for references to entities: the entity types the role admits

    @property
    def enum(self) -> list[str]:
        return [value for value, _ in self.categories]


@dataclass(frozen=True)
class ForeignKey:
    fields: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    unique_keys: tuple[tuple[str, ...], ...] = ()
    annotated: bool = True  # rows come from a list of the same name in the annotation files
    span_required: bool = True
    # A codebook: a reference table copied from a published source (annotations/codebooks/), with that source and
    # its licence on the resource itself; rows are not annotations and belong to no article.
    sources: tuple[dict, ...] = ()
    licenses: tuple[dict, ...] = ()

    @property
    def codebook(self) -> bool:
        return bool(self.sources)

    @property
    def fields(self) -> list[Field]:
        return [field_for(self.name, column) for column in self.columns]


def _f(name, type_, description, **kw) -> Field:
    if "categories" in kw:
        kw["categories"] = tuple(kw["categories"])
    return Field(name, type_, description, **kw)


def _ref(name, description, pattern, required=False, accepts=()) -> Field:
    if accepts:
        description += f" Accepts entities of type: {', '.join(accepts)}."
    return Field(name, "string", description, required=required, pattern=pattern, accepts=tuple(accepts))


# Who can hold a role. A speaker or claimant says something, so it is a person, an organisation or a group
# (a country speaks through a person or an office, which the article names); an actor or recipient may be a
# country acting as a state. Substances, commodities and documents hold no role: they are what a fact is about.
SPEAKERS = ("person", "organization", "group")
ACTORS = ("person", "organization", "country", "group")
# A quote's source, and so the claimant of its content, may also be a country, for one case the guidelines define (section 4, nominal attributions): an
# aggregate of acts by a government that the article gives to no one person ("a string of protests").
SOURCES = (*SPEAKERS, "country")


ENTITY_ID = SLUG
SENTENCE_ID = local_id("s", 2)
MENTION_ID = local_id("m", 3)
QUOTE_ID = local_id("q", 2)
FACT_ID = local_id("f", 3)
FIGURE_ID = local_id("n", 2)
EVENT_ID = local_id("e", 2)
TIMEX_ID = local_id("t", 2)
CONTEXT_ID = local_id("c", 2)
TLINK_ID = local_id("l", 2)
EVENT_OR_TIMEX_ID = rf"^{PREFIX}-[et][0-9]{{2,}}$"
CAMEO_CODE = r"^[0-2][0-9]{1,3}$"  # a string: the leading zero is part of the code (010 is not 10)

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PLOVER_VERSION = ("PLOVER manual draft 0.7b1 (openeventdata/PLOVER, PLOVER_MANUAL.tex) for the types, and the "
                  "CAMEO-to-PLOVER table CAMEO2PLOVER-2021.txt (draft 0.8) for the type and mode of each CAMEO code")

FACTBANK = [
    ("CT+", "Certain that it is the case"),
    ("CT-", "Certain that it is not the case"),
    ("CTu", "Certain, but the polarity is not known (\"she knows whether ...\")"),
    ("PR+", "Probable that it is the case (\"implied that\", \"would\" of a plan)"),
    ("PR-", "Probable that it is not the case"),
    ("PS+", "Possible that it is the case (\"possible\", \"may\", \"hinted at\")"),
    ("PS-", "Possible that it is not the case"),
    ("Uu", "Unknown or uncommitted: the source does not commit either way"),
]

CHANNELS = [
    ("press_briefing", "A press briefing or news conference"),
    ("social_media", "A post on a social-media platform"),
    ("broadcast", "Remarks on a television or radio outlet (\"remarks on Radio Norland\")"),
    ("phone_call", "A telephone call between the parties"),
    ("diplomatic_talks", "Talks between officials, by any medium"),
    ("official_statement", "A statement or readout issued by an office or spokesperson"),
    ("unspecified", "The article does not say how the words were delivered"),
]

FIELD_LIST = [
    # identifiers and shared span columns
    _ref("article_id", "Identifier of the article the row belongs to (a slug).", SLUG, required=True),
    _ref("sentence_id", "Sentence that contains the span: the article's id_prefix, `-s` and the sentence's position.", SENTENCE_ID, required=True),
    _f("start", "integer", "Offset of the span's first character, in Unicode code points from the start of the article text (0-based).", required=True, minimum=0, span=True),
    _f("end", "integer", "Offset just past the span's last character, in Unicode code points (end exclusive): `text == article[start:end]`.", required=True, minimum=1, span=True),
    _f("text", "string", "The span's text, exactly as printed in the article (`article[start:end]`).", required=True, span=True),
    _f("text_sha256", "string", "SHA-256 of the span's text (`article[start:end]`, UTF-8), lower-case hex: the text-free variant's stand-in for `text`, which `python -m scripts.release.rehydrate` restores from your own copy of the article.", required=True, pattern=r"^[0-9a-f]{64}$"),
    _f("note", "string", "Free-text note by the annotator: the basis of a judgement, or why a cell is empty."),
    # articles
    _f("path", "string", "Path of the article text inside the package, relative to `datapackage.json`.", required=True, pattern=r"^data/articles/[a-z0-9-]+\.txt$"),
    _f("sha256", "string", "SHA-256 of the article file's bytes, lower-case hex.", required=True, pattern=r"^[0-9a-f]{64}$"),
    _f("characters", "integer", "Length of the article text in Unicode code points; every offset is below or equal to it.", required=True, minimum=1),
    _f("bytes", "integer", "Size of the article file in bytes (UTF-8).", required=True, minimum=1),
    _f("language", "string", "Language of the article text (BCP 47 tag).", required=True, pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$"),
    _f("title", "string", "The article's headline as published. Empty when the text carries none and no verified source gives it."),
    _f("publisher", "string", "Outlet that published the article. Empty when not established."),
    _f("url", "string", "Address where the article was published. Empty when not established.", pattern=r"^https?://\S+$"),
    _f("published", "string", "Publication date (ISO 8601, as precise as known). Empty when not established; never guessed.", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", grammar="date"),
    # sentences
    _f("paragraph", "integer", "Paragraph number (1-based); paragraphs are the article's lines of text.", required=True, minimum=1),
    # entities
    _f("entity_id", "string", "Identifier of the entity: a stable slug of its name.", required=True, pattern=ENTITY_ID),
    _f("name", "string", "The entity's name in full, as the news gives it (or its common English form for a country).", required=True),
    _f("entities.type", "string", "Kind of entity.", required=True, categories=[
        ("person", "A human being"),
        ("organization", "A government body, agency, company, armed force or media outlet"),
        ("country", "A country or its government as an actor"),
        ("group", "A non-formal collective such as drug cartels or criminal networks"),
        ("substance", "A drug or chemical"),
        ("commodity", "A traded good such as oil, funds or weapons"),
        ("document", "A written instrument such as a constitution"),
    ]),
    _f("description", "string", "Who or what the entity is, independent of any one article (an article's view of it is its `role` in `article_entities`).", required=True),
    _f("wikidata", "string", "Wikidata item ID, only where verified; empty rather than guessed (see `wikidata_note`).", pattern=r"^Q[1-9][0-9]*$"),
    _f("wikidata_note", "string", "How the Wikidata ID was verified, or why the cell is empty.", required=True),
    # article_entities: the entities an article refers to, with the role it gives each
    _ref("article_entity_id", "Identifier of the row: the article's id_prefix, a dash and the entity_id (derived, never typed).", rf"^{PREFIX}-[a-z0-9]+(-[a-z0-9]+)*$", required=True),
    _ref("article_entities.entity_id", "The entity of the corpus-level registry (annotations/entities.yaml) that the article refers to.", ENTITY_ID, required=True),
    _f("role", "string", "The role this article gives the entity, in the article's terms.", required=True),
    # mentions
    _ref("mention_id", "Identifier of the mention.", MENTION_ID, required=True),
    _ref("mentions.entity_id", "The entity the mention refers to; empty only for a non-referring pronoun (form `expletive`).", ENTITY_ID),
    _f("form", "string", "Grammatical form of the mention.", required=True, categories=[
        ("name", "A proper name, alone or with its title (\"Norland's President Ada Varga\")"),
        ("demonym", "An adjective formed from a place name used to refer to it (\"Norlandic waters\")"),
        ("nominal", "A common noun phrase that refers to a known entity (\"the two ministers\", \"the country\")"),
        ("pronoun", "A pronoun or possessive determiner (\"She\", \"her\", \"his\", \"them\")"),
        ("expletive", "A non-referring pronoun: a pleonastic \"it\" or \"there\" that refers to nothing (\"it is clear that\", \"it is raining\"); entity_id stays empty"),
    ]),
    _f("basis", "string", "Why the mention refers to this entity, for nominals and pronouns (the antecedent and the rule)."),
    # quotes
    _ref("quote_id", "Identifier of the quote.", QUOTE_ID, required=True),
    _f("kind", "string", "How the content is given: direct, indirect, mixed, or through a noun cue (nominal).", required=True, categories=[
        ("direct", "Words inside quotation marks; the span includes the marks"),
        ("indirect", "Reported speech without quotation marks; the span is the reported content"),
        ("mixed", "Reported speech that holds a quoted fragment inside quotation marks"),
        ("nominal", "Content attributed through a noun cue (\"the plan to ...\", \"calls for ...\", \"talks about ...\"); the span is the content"),
    ]),
    _ref("speaker_id", "The source: the entity the article gives as the one whose words, offer, threat or discussion the content is; empty only when the article gives no source (`source_type` unnamed): a nominal attribution with no named source, or an agentless cue (\"when asked whether\").", ENTITY_ID, accepts=SOURCES),
    _f("source_type", "string", "How the article gives the source (written by the build from `speaker_id` and `source_mention_id`, never typed).", required=True, categories=[
        ("named", "A mention names the source at this attribution (`source_mention_id` is filled)"),
        ("implicit", "The source is known from position, nesting or the content, and no mention names it here"),
        ("unnamed", "The article gives no source: an agentless cue (\"when asked whether\", \"it was reported that\") or a noun with no named source; `speaker_id` is empty"),
    ]),
    _f("reporting_verb", "string", "The reporting verb as printed (\"stated\", \"clarified\"); empty when the attribution has no verb of its own."),
    _f("channel", "string", "How the words were delivered, as far as the article says.", required=True, categories=CHANNELS),
    _f("attribution_basis", "string", "How the article attributes the words to the speaker: its cue (a verb, \"according to\", a noun), the quote it is nested in, or position.", required=True),
    _f("wording_status", "string", "Whether the quoted wording is confirmed as the speaker's own words by an outside source.", required=True, categories=[
        ("confirmed", "An outside source prints the same words as the speaker's"),
        ("differs_from_source", "An outside source prints different words for the same statement (see `context`)"),
        ("unverified", "No outside source was checked or found for the wording"),
        ("not_applicable", "Indirect speech: the article does not claim the speaker's own words"),
    ]),
    _f("wording_note", "string", "The basis of `wording_status`: which source was compared (see the `context` rows)."),
    # facts
    _ref("fact_id", "Identifier of the fact.", FACT_ID, required=True),
    _f("subject", "string", "The proposition's subject, in the article's words.", required=True),
    _ref("subject_id", "The single entity the subject is about: its referent, or the entity it is headed or owned by (\"Our goal\" -> Norland, \"the smuggling of copper\" -> copper); empty when the subject is about no single entity (\"the meeting between the two ministers\", \"this exchange\").", ENTITY_ID),
    _f("predicate", "string", "The proposition's predicate, a short verb phrase in the article's words.", required=True),
    _f("object", "string", "The proposition's object or complement, in the article's words; empty for intransitive predicates."),
    _ref("object_id", "The entity the object names, when it names one.", ENTITY_ID),
    _ref("claimant_id", "Who asserts the proposition; empty when the article asserts it in its own voice.", ENTITY_ID, accepts=SOURCES),
    _f("polarity", "string", "Whether the predicate is affirmed or grammatically negated in the text.", required=True, categories=[
        ("positive", "The predicate is affirmed"),
        ("negative", "The predicate is negated (\"did not mention\")"),
    ]),
    _ref("event_id", "The event the row belongs to.", EVENT_ID),
    _ref("quotes.event_id", "The speech event in which the words were delivered (a briefing, a post, remarks, a statement), or for a nominal attribution the event its noun names (the offers, the threats), when the article identifies it.", EVENT_ID),
    _ref("facts.event_id", "The event the proposition reports, or whose content it is (what a statement event says).", EVENT_ID),
    _ref("facts.quote_id", "The quote the proposition comes from, when it is reported speech.", QUOTE_ID),
    # figures
    _ref("figure_id", "Identifier of the figure.", FIGURE_ID, required=True),
    _f("value", "number", "The number as printed, as a decimal (never rounded); number words are written as their value (\"half\" 0.5, \"a dozen\" 12, \"thousands\" 1000, \"2.5 million\" 2500000). For a range, the lower end.", required=True),
    _f("value_high", "number", "The upper end of a range (\"between 40 and 60\" gives value 40, value_high 60); empty for any other bound."),
    _f("bound", "string", "How the value bounds the quantity, as the text says.", required=True, categories=[
        ("exact", "The quantity is the value (\"12 cooks\", \"about 30%\": approximation is the `approximate` flag)"),
        ("at_least", "The value or more (\"at least 30\", \"thousands of\")"),
        ("at_most", "The value or less (\"at most 30\", \"up to 30\")"),
        ("more_than", "Strictly above the value (\"more than 50\", \"over 50\")"),
        ("less_than", "Strictly below the value (\"less than 50\", \"under 50\", \"fewer than 50\")"),
        ("range", "Between value and value_high (\"between 40 and 60\", \"40 to 60\")"),
    ]),
    _f("unit", "string", "Unit of the value.", required=True, categories=[
        ("percent", "Per cent"),
        ("count", "A count of people or things"),
        ("currency", "An amount of money; the currency is the ISO 4217 code in `currency`"),
        ("mass", "A mass or weight (tonnes, kilograms, pounds); the unit as printed is in `unit_text`"),
        ("length", "A length or distance (kilometres, miles, metres); the unit as printed is in `unit_text`"),
        ("duration", "A length of time given as a quantity (\"six hours\", \"three weeks\"); the unit as printed is in `unit_text`"),
        ("other", "Any other unit; the unit as printed is in `unit_text`"),
    ]),
    _f("currency", "string", "ISO 4217 code of the currency, for unit `currency` only (\"USD\" for \"$\" when the text fixes it as U.S. dollars).", pattern=r"^[A-Z]{3}$"),
    _f("unit_text", "string", "The unit as printed (\"tonnes\", \"kilometres\", \"hours\"), required for units mass, length, duration and other; empty for percent, count and currency."),
    _f("approximate", "boolean", "True when the text marks the number as approximate (\"approximately\", \"about\").", required=True),
    _f("direction", "string", "Direction of change the text gives.", required=True, categories=[
        ("decrease", "The measure went down"),
        ("increase", "The measure went up"),
        ("none", "A level or a count, not a change"),
    ]),
    _f("measure", "string", "What is measured, described briefly, with the article's words where it gives them (\"share of the guests\").", required=True),
    _f("period", "string", "Period the figure covers, in the article's words; empty when none is given."),
    _ref("period_timex_id", "The time expression that gives the period.", TIMEX_ID),
    _ref("figures.claimant_id", "Who gives the figure; empty when the article gives it in its own voice.", ENTITY_ID, accepts=SPEAKERS),
    _ref("figures.fact_id", "The fact that states the figure.", FACT_ID),
    # events
    _ref("events.event_id", "Identifier of the event.", EVENT_ID, required=True),
    _f("events.description", "string", "What happened, in plain words drawn from the article.", required=True),
    _f("cameo_code", "string", "CAMEO 1.1b3 event code (Schrodt 2012), 2 to 4 digits, one of `cameo_codes` (whose `label` names it); the guidelines give the rule that picked it.", required=True, pattern=CAMEO_CODE),
    _f("plover_type", "string", "PLOVER event type (PLOVER manual 0.7b1, 16 types): the type `plover_crosswalk` gives for `cameo_code`; empty for plain statements and appeals, which PLOVER does not code.", categories=[
        (t, t.title()) for t in PLOVER_TYPES
    ]),
    _f("plover_exception", "string", "Why this event's `plover_type` or `plover_mode` deliberately departs from what `plover_crosswalk` gives for its `cameo_code`; empty when they agree (guidelines, section 7).", ),
    _ref("actor_id", "The entity that acts.", ENTITY_ID, required=True, accepts=ACTORS),
    _ref("recipient_id", "The entity acted upon or addressed; empty when the article names none.", ENTITY_ID, accepts=ACTORS),
    _f("date", "string", "Date of the event as far as the article fixes it, in a TIMEX3 date form: a calendar date with X for unknown digits (2031-04-08, XXXX-01) or an ISO week (2031-W14); it is the value of the event's time expression (`timex_id`), cut to its date. Empty when the article does not fix one. Checked by the TIMEX3 date grammar (scripts/contract/lexical.py), which also admits a season or a quarter.", grammar="timex_date"),
    _ref("timex_id", "The time expression that dates the event.", TIMEX_ID),
    # time expressions
    _ref("time_expressions.timex_id", "Identifier of the time expression.", TIMEX_ID, required=True),
    _f("time_expressions.type", "string", "TIMEX3 type.", required=True, categories=[
        ("DATE", "A calendar date or period named as a date"),
        ("TIME", "A time of day"),
        ("DURATION", "A length of time"),
        ("SET", "A recurring time (\"daily\")"),
    ]),
    _f("time_expressions.value", "string", "TIMEX3 value (TimeML 1.2.1): a date with X for digits the text leaves open (2026-01-12, XXXX-01, 2026-W03, 2026-SU), a time of day (2026-01-12TMO), a duration (P1Y, PT3H) or PAST_REF / PRESENT_REF / FUTURE_REF; it must exist on the calendar and fit the type.", required=True, pattern=r"^[-0-9A-Z_:.]+$", grammar="timex"),
    _ref("anchor_timex_id", "The time expression this one is relative to (TIMEX3 anchorTimeID); never an event. Empty when it is relative to the article's own (unknown) date of writing or to a speech event: that relation is a temporal link.", TIMEX_ID),
    # context
    _ref("context_id", "Identifier of the outside fact.", CONTEXT_ID, required=True),
    _ref("context.event_id", "The article's event the outside fact is about.", EVENT_ID),
    _ref("context.quote_id", "The article's quote the outside fact is about.", QUOTE_ID),
    _f("statement", "string", "What the outside source says, in the annotator's words; never something the article says.", required=True),
    _f("context.value", "string", "The value the source gives (a date, a wording), when there is one."),
    _f("relation", "string", "How the outside fact relates to the article.", required=True, categories=[
        ("adds", "Adds a detail the article does not give (a date, a length)"),
        ("confirms", "Says the same as the article"),
        ("differs", "Says something different from the article (other wording, another figure)"),
        ("conflicts", "Outside sources disagree with each other on this point"),
    ]),
    _f("source_title", "string", "Title of the outside source.", required=True),
    _f("source_publisher", "string", "Outlet or body that published the outside source.", required=True),
    _f("source_url", "string", "Address of the outside source, as seen.", required=True, pattern=r"^https?://\S+$"),
    _f("source_date", "string", "Publication date of the outside source (ISO 8601, as precise as shown); empty when not shown.", pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", grammar="date"),
    _f("excerpt", "string", "A short verbatim excerpt of the outside source that supports the statement."),
    # primary records (the record's text is never in the package: only where it is and its digest)
    _ref("record_id", "Identifier of the primary record: a slug, also the stem of the record's file name.", SLUG, required=True),
    _f("primary_records.title", "string", "Title of the record, in English, in the annotator's words.", required=True),
    _f("primary_records.publisher", "string", "Body that published the record.", required=True),
    _f("primary_records.date", "string", "Date of the event the record transcribes (ISO 8601).", required=True, pattern=r"^\d{4}-\d{2}-\d{2}$"),
    _ref("primary_records.speaker_id", "The entity whose words the record transcribes: every fact and figure the article attributes to it must be aligned.", ENTITY_ID, required=True),
    _f("primary_records.language", "string", "Language of the record (BCP 47 tag).", required=True, pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$"),
    _f("primary_records.url", "string", "Address of the original page the publisher put the record on.", required=True, pattern=r"^https?://\S+$"),
    _f("copy_repository", "string", "Public GitHub repository (owner/name) that holds the plain-text copy whose offsets are used.", required=True, pattern=r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$"),
    _f("copy_path", "string", "Path of the plain-text copy inside that repository.", required=True),
    _f("copy_commit", "string", "Commit of that repository at which the copy was taken (40 hex digits).", required=True, pattern=r"^[0-9a-f]{40}$"),
    _f("primary_records.sha256", "string", "SHA-256 of the plain-text copy's bytes, lower-case hex: offsets hold only for these bytes.", required=True, pattern=r"^[0-9a-f]{64}$"),
    _f("primary_records.characters", "integer", "Length of the plain-text copy in Unicode code points.", required=True, minimum=1),
    _f("licence_note", "string", "Why the record's text is not in the package, and where a reader gets it.", required=True),
    # primary alignments
    _ref("alignment_id", "Identifier of the alignment: the article's id_prefix, `-a` and a number.", local_id("a", 2), required=True),
    _f("target_table", "string", "The table of the article row the alignment is about.", required=True, categories=[
        ("quotes", "A quote (direct or indirect)"),
        ("facts", "A fact"),
        ("figures", "A figure"),
    ]),
    _ref("primary_alignments.target_id", "The quote, fact or figure the alignment is about (a row of `target_table`).",
         rf"^{PREFIX}-(q[0-9]{{2,}}|f[0-9]{{3,}}|n[0-9]{{2,}})$", required=True),
    _f("primary_alignments.start", "integer", "Offset of the record span's first character, in Unicode code points of the record's plain-text copy (0-based); empty when `relation` is `absent`.", minimum=0),
    _f("primary_alignments.end", "integer", "Offset just past the record span's last character, in code points of the record (end exclusive); empty when `relation` is `absent`.", minimum=1),
    _f("span_sha256", "string", "SHA-256 of the record span's text (UTF-8), so that a wrong offset is caught without the text being stored; empty when `relation` is `absent`.", pattern=r"^[0-9a-f]{64}$"),
    _f("speaker_turn", "string", "The label of the record's speaker turn that holds the span, as the record prints it; empty when `relation` is `absent`."),
    _f("primary_alignments.relation", "string", "How faithfully the article renders what the record says.", required=True, categories=[
        ("equivalent", "A faithful rendering: same content, same speaker, same conditions"),
        ("paraphrase", "Reworded (including translation) without changing what is asserted"),
        ("condensed", "Shortened: parts of what was said (a reply, a qualifier, a list item) are dropped, the rest is kept"),
        ("shifted", "The article changes the measure, scope, speaker, certainty or conditions of what was said"),
        ("absent", "No support found in the record"),
        ("contradicted", "The record says the opposite"),
    ]),
    _f("primary_alignments.note", "string", "In the annotator's English words: what the record says at the span and how the article differs.", required=True),
    # attribution (quotes): source, cue, content
    _f("cue_start", "integer", "Offset of the attribution cue's first character (code points, 0-based); empty when the attribution has no cue of its own (attribution by position).", minimum=0, span=True),
    _f("cue_end", "integer", "Offset just past the cue's last character (end exclusive): `cue_text == article[cue_start:cue_end]`.", minimum=1, span=True),
    _f("cue_text", "string", "The attribution cue exactly as printed: the reporting verb group with its complementiser (\"has announced that\"), a prepositional cue (\"according to\", \"as indicated by\") or the cue noun (\"calls\").", span=True),
    _f("cue_text_sha256", "string", "SHA-256 of the cue's text (`article[cue_start:cue_end]`, UTF-8), lower-case hex: the text-free variant's stand-in for `cue_text`; empty when there is no cue.", pattern=r"^[0-9a-f]{64}$"),
    _f("cue_type", "string", "What the cue says about the source's and the author's commitment (guidelines, section 4).", categories=[
        ("neutral", "A plain verb of saying that commits neither the source strongly nor the author (\"said\", \"stated\", \"mentioned\", \"shared\", \"indicating\")"),
        ("factive", "The cue presents the content as true in the author's voice too (\"confirmed\", \"revealed\", \"acknowledged\")"),
        ("emphatic", "The source commits strongly, the author does not (\"emphasized\", \"affirmed\", \"clarified\", \"insisted\")"),
        ("suggestive", "The content is conveyed without being stated (\"implied\", \"hinted at\", \"suggested\")"),
        ("evidential", "A phrase that names the source of content stated as a clause of its own (\"according to\", \"as indicated by\")"),
        ("interrogative", "A question; the content is what is asked about (\"inquired about\", \"asked whether\")"),
        ("nominal", "A noun that carries the attribution (\"plan\", \"calls\", \"warnings\", \"talks\")"),
    ]),
    _ref("source_mention_id", "The mention that names the source in this attribution (\"Varga\" in \"according to Varga\"); empty when the source is implicit (attribution by position, or an unnamed source).", MENTION_ID),
    _ref("parent_quote_id", "The attribution this one is reported inside (PolNeAR nesting): its content span contains this one's span.", QUOTE_ID),
    # factuality (facts), FactBank
    _f("factuality", "string", "FactBank value of the proposition relative to the claimant, or to the author when `claimant_id` is empty (Saur\u00ed and Pustejovsky 2009).", required=True, categories=FACTBANK),
    _f("author_factuality", "string", "FactBank value of the article's own commitment to an attributed proposition (set by the cue: factive gives CT+, any other cue Uu); empty when the author is the claimant.", categories=FACTBANK),
    _f("facts.basis", "string", "How the text conveys the proposition.", required=True, categories=[
        ("asserted", "Stated by a main or reported clause (\"he has refused the plan\")"),
        ("presupposed", "Taken for granted by a definite description, a title, a modifier or an adjunct (\"the offer of naval patrols from Valdoria\", \"repeated warnings\")"),
        ("entailed", "Follows necessarily from what is stated (\"announced this meeting\" entails that the meeting took place)"),
    ]),
    _f("gloss", "boolean", "True when the predicate uses a word the fact's sentence does not print (\"is\" for a title, \"planned\" for \"the plan\"), false when every word of the predicate is in the sentence.", required=True),
    _f("condition", "string", "The condition under which the proposition holds, as printed (\"if the harbour reopens\"); empty when there is none."),
    # temporal links (TimeML TLINK)
    _ref("tlink_id", "Identifier of the temporal link.", TLINK_ID, required=True),
    _ref("source_id", "The event or time expression the relation is stated of (TimeML eventInstanceID or timeID).", EVENT_OR_TIMEX_ID, required=True),
    _ref("temporal_links.target_id", "The event or time expression it is related to (TimeML relatedToEventInstance or relatedToTime).", EVENT_OR_TIMEX_ID, required=True),
    _f("rel_type", "string", "TimeML TLINK relation type: how the source stands to the target in time.", required=True, categories=[
        ("BEFORE", "The source ends before the target begins"),
        ("AFTER", "The source begins after the target ends"),
        ("INCLUDES", "The source contains the target in time"),
        ("IS_INCLUDED", "The source lies within the target (\"in March\")"),
        ("DURING", "The source holds throughout the target"),
        ("DURING_INV", "The target holds throughout the source"),
        ("SIMULTANEOUS", "Source and target happen at the same time"),
        ("IAFTER", "The source begins immediately after the target"),
        ("IBEFORE", "The source ends immediately before the target"),
        ("IDENTITY", "Source and target are the same event"),
        ("BEGINS", "The source begins the target"),
        ("ENDS", "The source ends the target"),
        ("BEGUN_BY", "The target begins the source"),
        ("ENDED_BY", "The target ends the source (\"the last six months\" up to the moment of speaking)"),
    ]),
    _f("temporal_links.note", "string", "The basis of the link: the signal word, or why the relation follows when no word states it."),
    # events: structure, place and PLOVER mode
    _ref("part_of_event_id", "The larger event this one is part of (\"The warning is one of a string of protests\"); count an event and its parts once.", EVENT_ID),
    _ref("location_id", "The place the article gives for the event: where a material act happens or, for a verbal act (offer, threat, rejection), the place of the action it is about (\"patrols off Norland\"); empty when the text names none.", ENTITY_ID),
    _f("plover_mode", "string", f"PLOVER mode of the event: the mode the CAMEO-to-PLOVER table gives for `cameo_code` (\"assist\", \"violence\", \"arrest\", \"disapprove\"); empty where the table gives none. Version: {PLOVER_VERSION}.", pattern=r"^[a-z]+(-[a-z]+)*$"),
    # codebooks: cameo_codes
    _f("code", "string", "CAMEO 1.1b3 event code, as a string with its leading zero: 2 digits for the 20 root (cue) categories, 3 or 4 digits below them.", required=True, pattern=CAMEO_CODE),
    _f("label", "string", "The code's name as the CAMEO 1.1b3 manual prints it in chapter 6, \"CAMEO Event Codes\" (root categories in capitals, as printed).", required=True),
    _f("parent_code", "string", "The code one level up (the 2-digit root of a 3-digit code, the 3-digit code of a 4-digit one); empty for the 20 root codes.", pattern=CAMEO_CODE),
    _f("cameo_codes.note", "string", "Where the row departs from the machine-readable GDELT lookup CAMEO.eventcodes.txt, and why (annotations/codebooks/README.md); empty where the lookup and the manual agree."),
    # codebooks: plover_crosswalk
    _f("plover_crosswalk.cameo_code", "string", "The CAMEO code a line of CAMEO2PLOVER-2021.txt maps, as a string with its leading zero (the table has no line for the 01 and 02 codes: PLOVER does not code statements and appeals).", required=True, pattern=CAMEO_CODE),
    _f("plover_crosswalk.plover_type", "string", "The PLOVER type the line gives; empty only where the table gives two different types for the code (08, see `note`).", categories=[
        (t, t.title()) for t in PLOVER_TYPES
    ]),
    _f("plover_crosswalk.plover_mode", "string", "The PLOVER mode the line gives (its second field, trimmed); empty where the line gives none.", pattern=r"^[a-z]+(-[a-z]+)*$"),
    _f("plover_context", "string", "The PLOVER context the line gives (its third field, trimmed, as printed: several contexts are separated by \"; \"); empty where the line gives none."),
    _f("source_line", "integer", "The line of CAMEO2PLOVER-2021.txt (at the commit named in the resource's sources) the row is read from; the first, where the code has two lines.", required=True, minimum=1),
    _f("source_label", "string", "The label the line's comment gives the code, as printed after `#` (spelling included: \"Apolgize\"); empty for the 2-digit heading lines, which have none. `cameo_codes` has the manual's label."),
    _f("plover_crosswalk.note", "string", "Where the source has more than one line for the code, or the code is not a CAMEO 1.1b3 code: what the row does about it."),
]

FIELDS: dict[str, Field] = {}
for _field in FIELD_LIST:
    if _field.name in FIELDS:
        raise ValueError(f"field {_field.name} is defined twice")
    FIELDS[_field.name] = _field


def field_for(table: str, column: str) -> Field:
    """The definition of ``column`` in ``table``, named by the column name."""
    definition = FIELDS.get(f"{table}.{column}") or FIELDS[column]
    return replace(definition, name=column) if definition.name != column else definition


SPAN = ("start", "end", "text")
# The codebooks' public sources and licences, carried on their resources (Data Package v2 resource `sources` and
# `licenses`): these tables are the publishers', under their terms, not the package's CC BY 4.0.
CAMEO_MANUAL = "http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf"
CAMEO_SOURCES = (
    {"title": "Schrodt, P. A. (2012). CAMEO Conflict and Mediation Event Observations Event and Actor Codebook, version 1.1b3, chapter 6 \"CAMEO Event Codes\" (the authority for every code and label)",
     "path": CAMEO_MANUAL},
    {"title": "GDELT Project lookup CAMEO.eventcodes.txt (the machine-readable base; its defects are corrected row by row, see each row's note), as copied in repository AlifCor/media-focus, path CAMEO.eventcodes.txt, commit a7e3917cff6a5d308203e4e6cc2f060baad9fb67",
     "path": "https://www.gdeltproject.org/data/lookups/CAMEO.eventcodes.txt"},
)
CAMEO_LICENSES = (
    {"name": "CC-BY-NC-SA-3.0", "path": "https://creativecommons.org/licenses/by-nc-sa/3.0/",
     "title": "Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported: the licence the CAMEO 1.1b3 manual states for itself, whose code list and labels this table reproduces"},
)
PLOVER_SOURCES = (
    {"title": "Open Event Data Alliance, PLOVER: CAMEO2PLOVER-2021.txt (draft 0.8 of the mapping), repository openeventdata/PLOVER, path CAMEO2PLOVER-2021.txt, commit 6b803a4461b3815a093be067f8b03039c053fc35",
     "path": "https://github.com/openeventdata/PLOVER/blob/6b803a4461b3815a093be067f8b03039c053fc35/CAMEO2PLOVER-2021.txt"},
)
PLOVER_LICENSES = (
    {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
     "title": "Creative Commons Attribution-ShareAlike 4.0 International: the licence the PLOVER manual of the same repository states (PLOVER_MANUAL.tex, \u00a9 2021 Open Event Data Alliance); the mapping file carries no licence of its own"},
)
CUE = ("cue_start", "cue_end", "cue_text")
ARTICLE_FK = ForeignKey("article_id", "articles", "article_id")
SENTENCE_FK = ForeignKey("sentence_id", "sentences", "sentence_id")


def _entity_fk(column: str) -> ForeignKey:
    return ForeignKey(column, "entities", "entity_id")


TABLES: dict[str, Table] = {t.name: t for t in [
    Table("articles", "Articles", "The article text files in the package, with their checksums and what is established about their publication.",
          ("article_id", "path", "sha256", "characters", "bytes", "language", "title", "publisher", "url", "published", "note"),
          "article_id", annotated=False),
    Table("sentences", "Sentences", "The article's sentences, found by the pysbd segmenter plus reviewed overrides; they tile each paragraph.",
          ("sentence_id", "article_id", "paragraph", *SPAN),
          "sentence_id", (ARTICLE_FK,), (("article_id", "start"),), annotated=False),
    Table("entities", "Entities", "The corpus-level entity registry (annotations/entities.yaml): every person, organisation, country, group, substance, commodity and document the articles refer to, described independently of any article.",
          ("entity_id", "name", "type", "description", "wikidata", "wikidata_note"),
          "entity_id", (), (("name", "type"),), annotated=False, span_required=False),
    Table("article_entities", "Article entities", "Which registry entities each article refers to, and the role the article gives each.",
          ("article_entity_id", "article_id", "entity_id", "role"),
          "article_entity_id", (ARTICLE_FK, _entity_fk("entity_id")), (("article_id", "entity_id"),), annotated=False, span_required=False),
    Table("mentions", "Mentions", "Every reference to an entity in the text: names, demonyms, nominals and pronouns.",
          ("mention_id", "article_id", "sentence_id", "entity_id", *SPAN, "form", "basis"),
          "mention_id", (ARTICLE_FK, SENTENCE_FK, _entity_fk("entity_id")), (("article_id", "start", "end", "entity_id"),)),
    Table("quotes", "Quotes", "Direct quotations and reported speech, with speaker, reporting verb and channel.",
          ("quote_id", "article_id", "sentence_id", *SPAN, "kind", "speaker_id", "source_type", "reporting_verb", "channel", "event_id",
           "attribution_basis", "wording_status", "wording_note", *CUE, "cue_type", "source_mention_id", "parent_quote_id"),
          "quote_id", (ARTICLE_FK, SENTENCE_FK, _entity_fk("speaker_id"), ForeignKey("event_id", "events", "event_id"),
                       ForeignKey("source_mention_id", "mentions", "mention_id"), ForeignKey("parent_quote_id", "quotes", "quote_id")),
          (("article_id", "start", "end"),)),
    Table("facts", "Facts", "Atomic propositions, one a row, with who asserts them and how.",
          ("fact_id", "article_id", "sentence_id", *SPAN, "subject", "subject_id", "predicate", "object", "object_id", "claimant_id",
           "reporting_verb", "polarity", "event_id", "quote_id", "note", "factuality", "author_factuality", "basis", "gloss",
           "condition"),
          "fact_id", (ARTICLE_FK, SENTENCE_FK, _entity_fk("subject_id"), _entity_fk("object_id"), _entity_fk("claimant_id"),
                      ForeignKey("event_id", "events", "event_id"), ForeignKey("quote_id", "quotes", "quote_id")),
          (("article_id", "start", "end", "subject", "predicate", "object"),)),
    Table("figures", "Figures", "Every number and quantity in the text, with unit, direction, what is measured and who says so.",
          ("figure_id", "article_id", "sentence_id", *SPAN, "value", "value_high", "bound", "unit", "currency", "unit_text", "approximate", "direction", "measure", "period",
           "period_timex_id", "claimant_id", "fact_id"),
          "figure_id", (ARTICLE_FK, SENTENCE_FK, _entity_fk("claimant_id"),
                        ForeignKey("period_timex_id", "time_expressions", "timex_id"), ForeignKey("fact_id", "facts", "fact_id")),
          (("article_id", "start", "end"),)),
    Table("events", "Events", f"Real-world events the article reports, with actor, recipient, place, date as far as the article fixes it, CAMEO and PLOVER codes ({PLOVER_VERSION}); the span is the words that first name the event.",
          ("event_id", "article_id", "sentence_id", *SPAN, "description", "cameo_code", "plover_type", "actor_id", "recipient_id",
           "date", "timex_id", "note", "part_of_event_id", "location_id", "plover_mode", "plover_exception"),
          "event_id", (ARTICLE_FK, SENTENCE_FK, _entity_fk("actor_id"), _entity_fk("recipient_id"),
                       ForeignKey("timex_id", "time_expressions", "timex_id"), ForeignKey("part_of_event_id", "events", "event_id"),
                       _entity_fk("location_id"), ForeignKey("cameo_code", "cameo_codes", "code")),
          (("article_id", "start", "end"),)),
    Table("time_expressions", "Time expressions", "Every time expression (TimeML TIMEX3 extent: no prepositions or relation words), with its type, value and anchoring time expression.",
          ("timex_id", "article_id", "sentence_id", *SPAN, "type", "value", "anchor_timex_id", "note"),
          "timex_id", (ARTICLE_FK, SENTENCE_FK, ForeignKey("anchor_timex_id", "time_expressions", "timex_id")),
          (("article_id", "start", "end"),)),
    Table("context", "Outside context", "What other public reports say about the article's events, each with its source; kept apart from what the article says.",
          ("context_id", "article_id", "event_id", "quote_id", "statement", "value", "relation", "source_title",
           "source_publisher", "source_url", "source_date", "excerpt"),
          "context_id", (ARTICLE_FK, ForeignKey("event_id", "events", "event_id"), ForeignKey("quote_id", "quotes", "quote_id")),
          (("article_id", "statement", "source_url"),), span_required=False),
    Table("primary_records", "Primary records", "The primary records the article's reports are checked against: where each is published, the plain-text copy whose code points the alignments count, and its checksum. The records' text is not in the package.",
          ("record_id", "title", "publisher", "date", "speaker_id", "language", "url", "copy_repository", "copy_path", "copy_commit", "sha256",
           "characters", "licence_note"),
          "record_id", (_entity_fk("speaker_id"),), annotated=False, span_required=False),
    Table("primary_alignments", "Primary-record alignments", "For each quote, fact and figure checked, the span of the primary record that supports it (code points of the record, with the span's digest) and how faithfully the article renders it.",
          ("alignment_id", "article_id", "target_table", "target_id", "record_id", "start", "end", "span_sha256", "speaker_turn",
           "relation", "note"),
          "alignment_id", (ARTICLE_FK, ForeignKey("record_id", "primary_records", "record_id")),
          (("article_id", "target_table", "target_id", "record_id", "start"),), annotated=False, span_required=False),
    Table("temporal_links", "Temporal links", "TimeML TLINKs: how the article orders its events and time expressions, with the signal word that says so when there is one.",
          ("tlink_id", "article_id", "source_id", "target_id", "rel_type", *CUE, "note"),
          "tlink_id", (ARTICLE_FK,), (("article_id", "source_id", "target_id"),), span_required=False),
    Table("cameo_codes", "CAMEO event codes", "Every event code of CAMEO 1.1b3 (Schrodt 2012): the 20 root categories and the 3- and 4-digit codes below them, with the manual's label and the parent code. A codebook copied from its public sources, not an annotation; `events.cameo_code` refers to it.",
          ("code", "label", "parent_code", "note"),
          "code", (ForeignKey("parent_code", "cameo_codes", "code"),), annotated=False, span_required=False,
          sources=CAMEO_SOURCES, licenses=CAMEO_LICENSES),
    Table("plover_crosswalk", "CAMEO-to-PLOVER crosswalk", "The published CAMEO-to-PLOVER table CAMEO2PLOVER-2021.txt of openeventdata/PLOVER: for each CAMEO code it has a line for, the PLOVER type, mode and context. A codebook copied from its public source, not an annotation; `events.plover_type` and `plover_mode` must agree with it (or the event says why in `plover_exception`).",
          ("cameo_code", "plover_type", "plover_mode", "plover_context", "source_line", "source_label", "note"),
          "cameo_code", (), annotated=False, span_required=False, sources=PLOVER_SOURCES, licenses=PLOVER_LICENSES),
]}

# tables whose start/end count code points of the article (primary_alignments count those of a primary record)
SPAN_TABLES = [name for name, table in TABLES.items() if "start" in table.columns and field_for(name, "start").span]
