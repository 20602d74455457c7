"""One error format for the build and the validator.

Every problem names the file, the row (line), the record's key, the field, a stable
code, what is wrong and how to fix it. All problems are collected before anything
stops, so a contributor sees every mistake at once.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# code -> (what it means, how to fix it). docs/validation.md is generated from this table.
CODES: dict[str, tuple[str, str]] = {
    "YAML_SYNTAX": ("The annotation file is not valid YAML.", "Correct the YAML syntax at the line shown."),
    "YAML_DUPLICATE_KEY": ("A key appears twice in one mapping; YAML parsers would silently keep only one.", "Delete or rename one of the two keys."),
    "UNKNOWN_KEY": ("A key is not a column of this table.", "Rename it to the suggested key, or remove it."),
    "MISSING_KEY": ("A required key is missing from the record.", "Add the key with a value."),
    "WRONG_TYPE": ("A value has the wrong type (YAML read it as something else than intended).", "Quote text values; write numbers as quoted decimals; write booleans as true or false."),
    "EMPTY_VALUE": ("A value is an empty string; empty cells are written by leaving the key out.", "Remove the key, or give it a value."),
    "BAD_PATTERN": ("A value does not match the pattern of its field.", "Change the value to match the pattern shown."),
    "BAD_CATEGORY": ("A value is not one of the field's allowed values.", "Use one of the allowed values shown (check for stray spaces and case)."),
    "BAD_NUMBER": ("A number is not a plain decimal.", "Write it as a quoted decimal such as '50' or '0.5'."),
    "BAD_VALUE": ("A value is out of its allowed range.", "Change the value as described."),
    "DUPLICATE_ID": ("Two records share an identifier.", "Give each record its own identifier."),
    "DUPLICATE_ANNOTATION": ("The same annotation appears under two identifiers.", "Delete one of the two records."),
    "ID_PREFIX": ("A record identifier does not start with the article's id_prefix.", "Rename the identifier to begin with the article's id_prefix and a dash."),
    "DANGLING_REFERENCE": ("A reference names a record that does not exist.", "Fix the identifier, or add the record it should name."),
    "SPAN_NOT_FOUND": ("The span's text does not occur in the article.", "Copy the text from the article exactly (curly quotes, dashes and accents included)."),
    "SPAN_AMBIGUOUS": ("The span's text occurs more than once and nothing says which occurrence is meant.", "Add `occurrence: N` (1-based) or `after: <the text just before it>`."),
    "SPAN_OCCURRENCE": ("The span's occurrence number or `after` text names no occurrence.", "Use an occurrence number within the count shown, or an `after` text that occurs just before the span."),
    "SPAN_EDGE_WHITESPACE": ("The span starts or ends with white space.", "Trim the span to its first and last visible characters."),
    "SPAN_CROSSES_SENTENCE": ("The span runs across a sentence boundary.", "Split the annotation into one record per sentence, or correct the sentence boundaries."),
    "SPAN_SPLITS_GRAPHEME": ("The span starts or ends inside a grapheme cluster (a letter and its combining marks, an emoji sequence).", "Move the span edge to a grapheme-cluster boundary."),
    "SPAN_OFFSETS": ("The span's offsets are impossible: negative, end not after start, or past the end of the article.", "Rebuild the package; offsets are never typed by hand."),
    "SPAN_TEXT_MISMATCH": ("The `text` cell differs from the article at the row's offsets.", "Rebuild the package; if the article changed, update the annotation spans."),
    "SPAN_OUTSIDE_SENTENCE": ("The span is not inside the sentence its row names.", "Rebuild the package; sentence_id is derived from the offsets."),
    "SENTENCE_OVERRIDE": ("A sentence-boundary override does not apply.", "Point the override at text that ends (split) or runs across (join) a segmenter boundary."),
    "SENTENCE_TILING": ("The sentences do not tile the paragraphs: a gap, an overlap, or a sentence across a line break.", "Rebuild the package; check sentence overrides."),
    "ARTICLE_MISSING": ("An annotation file has no article text, or the reverse.", "Add sources/<article_id>.txt next to annotations/articles/<article_id>.yaml (or remove the orphan)."),
    "ARTICLE_HASH": ("The article file's SHA-256 or length differs from the recorded one: the text was edited after annotation.", "Restore the original text, or re-check every span and update the recorded sha256."),
    "ARTICLE_TEXT": ("The article text is not clean UTF-8 NFC with LF line endings.", "Convert the file to UTF-8 (no BOM), NFC, with LF line endings."),
    "ENCODING": ("A file is not valid UTF-8.", "Re-save the file as UTF-8."),
    "BOM": ("A file starts with a UTF-8 byte-order mark.", "Re-save the file as UTF-8 without BOM."),
    "LINE_ENDING": ("A file has CR or CRLF line endings.", "Convert the file to LF line endings."),
    "NOT_NFC": ("Text is not in Unicode normalisation form NFC.", "Normalise the text to NFC."),
    "MOJIBAKE": ("Text looks like UTF-8 decoded as Windows-1252 (for example `â€™`).", "Decode the source text correctly and copy the span again."),
    "CONTROL_CHARACTER": ("Text contains a control, bidirectional-override or zero-width character.", "Remove the invisible character."),
    "FORMULA_TRIGGER": ("A cell begins with =, +, -, @, tab or CR, which spreadsheets may run as a formula.", "Check the cell; if it is verbatim text, add it to the reviewed allow-list in scripts/validate.py."),
    "HEADER": ("The CSV header differs from the schema's field names and order.", "Rebuild the package; headers are written from the schema."),
    "CSV_FORMAT": ("A CSV row cannot be read strictly (stray quote, wrong number of cells, blank row).", "Rebuild the package; never edit the CSV by hand."),
    "CELL_TYPE": ("A cell does not have the type its field declares.", "Rebuild the package; fix the annotation value."),
    "REQUIRED_CELL": ("A required cell is empty.", "Fill the value in the annotation file and rebuild."),
    "PRIMARY_KEY": ("Two rows share a primary key.", "Give each record its own identifier."),
    "UNIQUE_KEY": ("Two rows share the values of a declared unique key.", "Delete the duplicate annotation."),
    "FOREIGN_KEY": ("A reference names no row of the referenced table.", "Fix the identifier, or add the referenced record."),
    "WHITESPACE_EDGE": ("A cell begins or ends with white space (space, NBSP, tab).", "Trim the value in the annotation file."),
    "MISSING_VALUE_COLLISION": ("A cell holds a text that some readers take as missing (NA, N/A, None, null, NaN).", "Rephrase the value; the package declares only the empty cell as missing."),
    "FIGURE_VALUE": ("A figure's value does not appear in its text.", "Write the number exactly as the text gives it."),
    "DESCRIPTOR_SCHEMA": ("datapackage.json does not conform to the Data Package v2 JSON Schema.", "Rebuild the package; the descriptor is written by scripts/descriptor.py."),
    "DESCRIPTOR_DRIFT": ("datapackage.json or a data file differs from what a fresh build writes.", "Run `make build` and commit the result; never edit generated files."),
    "RESOURCE_INTEGRITY": ("A resource's bytes or sha256 hash differs from its file.", "Rebuild the package."),
    "UNSAFE_PATH": ("A resource path is absolute, leaves the package or is not a plain relative path.", "Use a relative POSIX path inside the package."),
    "FRICTIONLESS": ("frictionless reports the package invalid.", "Read the message; rebuild after fixing the annotation."),
    "ROW_COUNT": ("A table's row count differs from tests/expected_counts.csv.", "Review the change; if intended, update tests/expected_counts.csv in the same commit."),
    "COVERAGE_SENTENCE": ("A sentence has no fact and no quote.", "Annotate the sentence's propositions as facts or quotes."),
    "COVERAGE_QUOTE_MARKS": ("Text inside quotation marks is not annotated as a direct quote.", "Add a direct quote whose span is the quoted text with its marks."),
    "COVERAGE_DIGITS": ("A number in the text is not inside a figure.", "Add a figure for the number."),
    "COVERAGE_NAME": ("An entity's name occurs in the text without a mention at that place.", "Add a mention at that occurrence."),
    "COVERAGE_PRONOUN": ("A personal pronoun is not linked to an entity.", "Add a pronoun mention with its referent and basis."),
    "OVERLAP": ("Two spans of the same table overlap where the guidelines forbid it.", "Split or trim the spans so that they do not overlap."),
    "CUE_SPAN": ("An attribution or temporal cue is not a verbatim span: its cells are half filled, differ from the article, overlap the quote's content or leave its sentence.", "Name the cue under `cue:` with its exact text (and `after:` when it repeats); keep it outside the content."),
    "SOURCE_MENTION": ("A quote's source is inconsistent: the source mention refers to another entity, a non-nominal quote has no speaker, or kind and cue_type disagree on `nominal`.", "Point source_mention_id at a mention of the speaker; give the speaker; use kind and cue_type nominal together."),
    "QUOTE_NESTING": ("A quote's parent_quote_id names an attribution whose content does not contain it.", "Name the innermost attribution whose span holds this one, or leave parent_quote_id empty."),
    "FACTUALITY_VOICE": ("A fact's voices disagree: author_factuality is set without a claimant (or missing with one), or the claimant is not the source of the fact's quote.", "Fill author_factuality for attributed facts only; make claimant_id the quote's speaker."),
    "GLOSS_FLAG": ("A fact's gloss flag is wrong: the predicate has a word the span does not print but gloss is false, or the reverse.", "Set gloss to true when a predicate word is not in the span, false otherwise."),
    "EVENT_PART_OF": ("An event is, through part_of_event_id, part of itself.", "Point part_of_event_id at the larger event only."),
    "TLINK_ENDPOINT": ("A temporal link or anchor names no event or time expression, or joins a row to itself.", "Use the ID of an existing event (-e) or time expression (-t); an anchor is another time expression."),
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    key: str
    field: str
    code: str
    message: str
    fix: str = ""

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code}")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        parts = [where]
        if self.key:
            parts.append(self.key)
        if self.field:
            parts.append(f"field={self.field}")
        fix = self.fix or CODES[self.code][1]
        parts.append(f"[{self.code}] {self.message}. Fix: {fix}")
        return " ".join(parts)


class ProblemsFound(Exception):
    """Raised with every problem found; the build writes nothing when it is raised."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.code, p.key, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


def show(text: str, limit: int = 60) -> str:
    """A value quoted for an error message, shortened in the middle if long."""
    if len(text) > limit:
        text = text[: limit // 2] + "…" + text[-limit // 2:]
    return '"' + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def first_difference(expected: str, actual: str) -> str:
    """Where two strings first differ, with the code points, for SPAN_TEXT_MISMATCH."""
    for i, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            return f"first difference at character {i} (U+{ord(a):04X} {unicodedata.name(a, '?')} vs U+{ord(b):04X} {unicodedata.name(b, '?')})"
    return f"lengths differ ({len(expected)} vs {len(actual)} characters)"
