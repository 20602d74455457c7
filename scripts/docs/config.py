"""What the site knows about specific tables; everything else is read from datapackage.json.

Pages about one specific table name it here, so that a renamed table is one clear error (Site.check_config).
"""

from __future__ import annotations

import re

ENTITIES = "entities"          # one page per row
ENTITY_NAME = "name"           # the column that titles an entity's page
ARTICLES = "articles"          # the table that lists the article texts ...
ARTICLE_PATH = "path"          # ... and where each text is
ARTICLE_ID = "article_id"
QUOTES, FIGURES, MENTIONS, FACTS = "quotes", "figures", "mentions", "facts"
NOT_HIGHLIGHTED = {"sentences"}  # span tables that tile the text: shown as rows, not highlights
# Resources that may arrive later; pages gain columns when (and only when) they exist.
ALIGNMENTS, RECORDS = "primary_alignments", "primary_records"

# The annotated article: every span table except NOT_HIGHLIGHTED, drawn nearest the text first.
# (table, kind, label, key columns shown in the panel)
HIGHLIGHTS = [
    ("quotes", "quote", "Quote", ("speaker_id", "kind", "cue_text", "cue_type", "channel", "parent_quote_id", "wording_status")),
    ("facts", "fact", "Fact", ("subject", "subject_id", "predicate", "object", "claimant_id", "factuality", "author_factuality", "basis", "polarity")),
    ("events", "event", "Event trigger", ("description", "cameo_code", "plover_type", "plover_mode", "actor_id", "recipient_id", "location_id", "part_of_event_id", "date")),
    ("figures", "figure", "Figure", ("value", "value_high", "bound", "unit", "currency", "unit_text", "approximate", "direction", "measure", "period", "claimant_id")),
    ("time_expressions", "timex", "Time expression", ("type", "value", "anchor_timex_id")),
    ("mentions", "mention", "Entity mention", ("entity_id", "form")),
]
# Who a highlighted row is attributed to, for the speaker filter: (table, column).
SAID_BY = [("quotes", "speaker_id"), ("facts", "claimant_id"), ("figures", "claimant_id")]
# How a row relates to an entity, for the entity pages: (table, column) -> heading. Others get a generic heading.
ROLES = {
    ("article_entities", "entity_id"): "Role in each article that refers to it",
    ("quotes", "speaker_id"): "Said: quotes with this speaker",
    ("facts", "subject_id"): "Is said to have done or to be: facts with this subject",
    ("events", "actor_id"): "Acted: events with this actor",
    ("facts", "claimant_id"): "Claims: facts this entity asserts or reports",
    ("figures", "claimant_id"): "Gives figures: figures this entity states",
    ("events", "recipient_id"): "Was acted upon or addressed: events with this recipient",
    ("facts", "object_id"): "Is the object of: facts whose object names this entity",
    ("mentions", "entity_id"): "Mentions: where it is named or referred to in the article",
}
# Columns left off entity pages: notes on how an identifier was checked, kept on the table page.
ENTITY_PAGE_SKIP = {"wikidata_note"}
SAMPLE_ROWS = 3
PAGE_ROWS = 1000  # a table page holds this many rows; beyond it, the page loads the rest from the CSV file
HIDDEN_ON_VIEWS = {"sentence_id", "start", "end"}  # shown on the full table pages only
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # IDs that may name a page or an anchor in a link

# The primary-record verdict in a journalist's words, by `relation` value; the category's own label follows it.
# A relation without an entry here is shown by its value and label alone.
RELATION_WORDS = {
    "equivalent": "Supported by the record",
    "paraphrase": "Supported by the record, reworded",
    "condensed": "Supported in part: the record says more",
    "shifted": "Changed from the record",
    "absent": "Not found in the record",
    "contradicted": "The record says the opposite",
}
NOT_CHECKED = "Not checked against a primary record"
# The voice of a row with a claimant column: empty claimant (and no quote) is the article's own voice.
OWN_VOICE, ATTRIBUTED = "article's own voice", "attributed"
# A reference whose table is named in the row: (table column, ID column), as primary_alignments has.
POLYMORPHIC = ("target_table", "target_id")
