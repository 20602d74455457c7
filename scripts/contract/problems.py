"""One error format for the build and the validator.

Every problem names the file, the row (line), the record's key, the field, a stable
code, what is wrong and how to fix it. All problems are collected before anything
stops, so a contributor sees every mistake at once.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass

from scripts.contract.stated import RULES as STATED

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
    "ID_PREFIX_REUSED": ("Two articles declare the same id_prefix, so every identifier of the later one would collide.", "Give the article named a prefix of its own and rename its identifiers to it."),
    "CROSS_ARTICLE_REFERENCE": ("A row refers to a row of another article (a quote, event, fact, sentence or time expression); only entities are shared.", "Refer to a row of the same article, or add the row to this article."),
    "ENTITY_REDEFINED": ("An article file says who an entity is (name, type, description, Wikidata), which belongs in the entity registry annotations/entities.yaml.", "Move those keys to annotations/entities.yaml and keep only entity_id and the article's role in the article's `entities:` list."),
    "ENTITY_NOT_LISTED": ("A row refers to an entity that its article does not list in its `entities:` list (article_entities).", "Add `{entity_id, role}` for the entity to the article's `entities:` list."),
    "FIGURE_UNIT": ("A figure's unit, currency, unit text, bound and upper value disagree: currency without unit currency, unit_text missing for mass, length, duration or other, value_high without a range (or the reverse), or value_high not above value.", "Fill the cells the unit and bound need, and only those (docs/annotation-guidelines.md, figures)."),
    "MENTION_REFERENT": ("A mention's entity and form disagree: an expletive (non-referring) pronoun names an entity, or another mention names none.", "Leave entity_id empty for form `expletive` only; give every other mention its entity."),
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
    "LINE_ENDING": ("A file has CR or CRLF line endings, or a CSV's last line has no LF.", "Convert the file to LF line endings, with one after the last line."),
    "NOT_NFC": ("Text is not in Unicode normalisation form NFC.", "Normalise the text to NFC."),
    "MOJIBAKE": ("Text looks like UTF-8 decoded as Windows-1252 (for example `â€™`).", "Decode the source text correctly and copy the span again."),
    "CONTROL_CHARACTER": ("Text contains a control, bidirectional-override or zero-width character, or one that stands for nothing (private use, unassigned, a noncharacter, U+FFFD left where bytes were lost).", "Remove the invisible character."),
    "FORMULA_TRIGGER": ("A cell begins with =, +, -, @, tab or CR, which spreadsheets may run as a formula.", "Check the cell; if it is verbatim text, add it to the reviewed allow-list FORMULA_ALLOW in scripts/rules/cells.py."),
    "HEADER": ("The CSV header differs from the schema's field names and order.", "Rebuild the package; headers are written from the schema."),
    "CSV_FORMAT": ("A CSV row cannot be read strictly (stray quote, wrong number of cells, blank row).", "Rebuild the package; never edit the CSV by hand."),
    "CELL_TYPE": ("A cell does not have the type its field declares.", "Rebuild the package; fix the annotation value."),
    "REQUIRED_CELL": ("A required cell is empty.", "Fill the value in the annotation file and rebuild."),
    "PRIMARY_KEY": ("Two rows share a primary key.", "Give each record its own identifier."),
    "UNIQUE_KEY": ("Two rows share the values of a declared unique key.", "Delete the duplicate annotation."),
    "FOREIGN_KEY": ("A reference names no row of the referenced table.", "Fix the identifier, or add the referenced record."),
    "WHITESPACE_EDGE": ("A cell begins or ends with white space (space, NBSP, tab).", "Trim the value in the annotation file."),
    "MISSING_VALUE_COLLISION": ("A cell holds a text that some readers take as missing (NA, N/A, None, null, NaN) or as a spreadsheet error value (#DIV/0!, #VALUE!).", "Rephrase the value; the package declares only the empty cell as missing."),
    "FIGURE_VALUE": ("A figure's value does not appear in its text.", "Write the number exactly as the text gives it."),
    "DESCRIPTOR_SCHEMA": ("datapackage.json does not conform to the Data Package v2 JSON Schema.", "Rebuild the package; the descriptor is written by scripts/contract/descriptor.py."),
    "DESCRIPTOR_DRIFT": ("datapackage.json or a data file differs from what a fresh build writes.", "Run `make build` and commit the result; never edit generated files."),
    "RESOURCE_INTEGRITY": ("A resource's bytes or sha256 hash differs from its file.", "Rebuild the package."),
    "UNSAFE_PATH": ("A resource path is absolute, leaves the package or is not a plain relative path.", "Use a relative POSIX path inside the package."),
    "FRICTIONLESS": ("frictionless reports the package invalid.", "Read the message; rebuild after fixing the annotation."),
    "ROW_COUNT": ("A table's row count for one article differs from the reviewed counts file beside its annotation (annotations/articles/<article_id>.counts.csv; annotations/counts.csv for the corpus-level tables), or the file is missing. Checked by `make check` and the tests, never by the build.", "Review the change; if intended, write the line the message gives into the file it names, in the same commit."),
    "COVERAGE_SENTENCE": ("A sentence has no fact and no quote.", "Annotate the sentence's propositions as facts or quotes."),
    "COVERAGE_QUOTE_MARKS": ("Text inside quotation marks is not annotated as a direct quote.", "Add a direct quote whose span is the quoted text with its marks."),
    "COVERAGE_DIGITS": ("A number in the text is not inside a figure.", "Add a figure for the number."),
    "COVERAGE_NAME": ("An entity's name occurs in the text without a mention at that place.", "Add a mention at that occurrence."),
    "COVERAGE_PRONOUN": ("A personal pronoun is not linked to an entity.", "Add a pronoun mention with its referent and basis."),
    "YAML_FEATURE": ("The annotation file uses a YAML feature the format does not allow: a `%YAML` or `%TAG` directive, an anchor, an alias, a merge key, an explicit tag, a second document or deep nesting.", "Write plain mappings, lists and quoted scalars; delete the feature named."),
    "YAML_EMPTY": ("An annotation file holds no YAML content, so its article would vanish from the package.", "Write the annotations, or delete the file together with its article text."),
    "NO_ANNOTATIONS": ("An article's annotation file has no usable record (no mention, quote or fact).", "Annotate the article, or remove it together with its text."),
    "FILE_TOO_LARGE": ("A file, or a zip (a member, the count of members, the unpacked total), is larger than the validator's cap, so it is refused before it is read.", "Check that the file is the right one; the caps are listed in docs/validation.md."),
    "NOT_A_REGULAR_FILE": ("A path leads through a symbolic link, or to something other than a regular file.", "Replace the link by the file itself, inside the package."),
    "UNDECLARED_FILE": ("A file in data/ is not a resource of datapackage.json, so clients never see it.", "Delete the file, or rebuild the package so that the descriptor declares it."),
    "DESCRIPTOR_JSON": ("datapackage.json is not strict JSON: not UTF-8, a duplicate key, NaN or Infinity, or a lone surrogate.", "Rebuild the package; the descriptor is written by scripts/contract/descriptor.py."),
    "DESCRIPTOR_CONTRACT": ("A resource or schema in datapackage.json differs from what scripts/contract/fields.py renders (path, format, media type, encoding, dialect, licence, schema), or a note the build writes beside the resources (data/README.md, the CSV on the Web metadata) differs from what it writes.", "Rebuild the package with `make build`; never edit datapackage.json by hand."),
    "PACKAGE_METADATA": ("The package metadata breaks a rule: a MAJOR.MINOR.PATCH version, RFC 3339 timestamp, licences present, absolute https URLs, plain-text titles.", "Correct annotations/package.yaml and rebuild."),
    "LEXICAL_FORM": ("A cell is not in its type's one canonical spelling (ASCII digits with no sign, leading zero or underscore; decimals with no exponent or trailing zero; true/false; a real calendar date; a TIMEX3 value by the TimeML grammar).", "Write the value in its canonical form in the annotation file and rebuild."),
    "ROLE_TYPE": ("A reference names an entity whose type the role does not admit (a speaker that is a substance, a claimant that is a country).", "Point the reference at an entity of an accepted type (see the field's description), or correct the entity's type."),
    "CONFUSABLE": ("A word mixes scripts with look-alike letters (a Cyrillic а inside a Latin name), or uses fullwidth or mathematical look-alikes of ASCII letters and digits.", "Retype the word in one script, with plain letters and digits (not fullwidth or mathematical forms)."),
    "INTERRUPTED_BUILD": ("A build was interrupted between writing data/ and datapackage.json; the leftover state was repaired.", "Nothing to do: the message says what was restored. Run `make build` if in doubt."),
    "INTERNAL": ("The validator met an unexpected condition in this input and could not finish a check.", "Report it with the input; the message names the input and the exception."),
    "VERSION_NOT_BUMPED": ("The data changed since the version recorded in data-digest.json, but the version did not (see docs/versioning.md).", "Set the version the message names in annotations/package.yaml, rebuild, and add a CHANGELOG.md entry."),
    "VERSION_REUSED": ("The version was already released (its tag vX.Y.Z holds data-digest.json for it) with other data than the package holds now: recording the digest or releasing would give one version two states of the data.", "Set a higher version in annotations/package.yaml (the message names the least one), rebuild, and record the digest again."),
    "VERSION_BUMP_TOO_SMALL": ("The version was bumped, but by less than the data change needs (MAJOR for removals and tightened rules, MINOR for additions, PATCH for corrections).", "Set at least the version the message names in annotations/package.yaml and rebuild."),
    "DIGEST_RECORD": ("data-digest.json cannot be read, or holds no valid version.", "Restore it from the last release tag, or record it again with `make digest` at a release."),
    "RELEASE_NOT_READY": ("The release cannot be made from the tree as it is (stale outputs, or a digest recorded for another state).", "Run the step the message names (`make build`, `make citation` or `make digest`) and commit."),
    "OVERLAP": ("Two spans of the same table overlap where the guidelines forbid it.", "Split or trim the spans so that they do not overlap."),
    "PRIMARY_RECORD": ("A primary record's file differs from its recorded sha256 or length, or its annotation file is misnamed.", "Replace the copy at the path the message names with the exact plain-text record that data/primary_records.csv (and, in a repository, annotations/primary/<record_id>.yaml) names by URL and sha256; never edit it."),
    "PRIMARY_SPAN": ("An alignment's record offsets are impossible: end not after start, past the end of the record, white space at an edge, or across two speaker turns.", "Re-take the offsets with `python -m scripts.annotations.primary --review` and trim the span to one turn."),
    "PRIMARY_DIGEST": ("The sha256 of the record's text at an alignment's offsets differs from the recorded span digest: the offsets are wrong.", "Correct start/end; set span_sha256 only from text you have read at those offsets (see --review)."),
    "PRIMARY_TURN": ("An alignment's speaker_turn is not the label of the record turn that holds its span.", "Copy the label of the turn that holds the span, exactly as the record prints it."),
    "PRIMARY_TARGET": ("An alignment names no quote, fact or figure of its article.", "Fix target_table or target_id."),
    "PRIMARY_RELATION": ("An alignment's relation does not fit its span: `absent` with offsets, or another relation without start, end, span_sha256 and speaker_turn.", "Give the span (start, end, span_sha256, speaker_turn), or set relation to `absent` and remove them."),
    "PRIMARY_COVERAGE": ("An article with alignments leaves a quote, or a fact or figure claimed by the record's speaker, unaligned.", "Add an alignment for the row (relation `absent` when the record holds nothing for it)."),
    "TEXT_FREE_HOLDS_TEXT": ("A package that says it is the text-free variant holds article text: a span text column (`text`, `cue_text`), an article text resource, or a cell with a run of 8 or more words of the article.", "Write the variant with `make release` (spans as `text_sha256`, copied stretches as ⟦start:end⟧), or drop `\"variant\": \"text-free\"` and ship the full package with its licence note."),
    "PRIMARY_EXCERPT": ("A file of the package contains a run of 8 or more words of a primary record, whose text must never be stored.", "Replace the excerpt by offsets and your own English words."),
    "CUE_SPAN": ("An attribution or temporal cue is not a verbatim span: its cells are half filled, differ from the article, overlap the quote's content or leave its sentence.", "Name the cue under `cue:` with its exact text (and `after:` when it repeats); keep it outside the content."),
    "SOURCE_MENTION": ("A quote's source is inconsistent: the source mention refers to another entity, a quote attributed by position or nesting (no cue) has no speaker, source_type disagrees with speaker_id and source_mention_id, or kind and cue_type disagree on `nominal`.", "Point source_mention_id at a mention of the speaker; give the speaker (leave it empty only for an agentless cue or an unnamed nominal source); rebuild rather than edit source_type; use kind and cue_type nominal together."),
    "QUOTE_NESTING": ("A quote's parent_quote_id names an attribution whose content does not contain it.", "Name the innermost attribution whose span holds this one, or leave parent_quote_id empty."),
    "FACTUALITY_VOICE": ("A fact's voices disagree: author_factuality is set without a claimant (or missing with one), or the claimant is not the source of the fact's quote.", "Fill author_factuality for attributed facts only; make claimant_id the quote's speaker."),
    "GLOSS_FLAG": ("A fact's gloss flag is wrong: the predicate has a word the span does not print but gloss is false, or the reverse.", "Set gloss to true when a predicate word is not in the span, false otherwise."),
    "EVENT_PART_OF": ("An event is, through part_of_event_id, part of itself.", "Point part_of_event_id at the larger event only."),
    "CODEBOOK": ("A codebook input of annotations/codebooks/ (cameo_codes.csv, CAMEO2PLOVER-2021.txt) is missing or breaks its form: a header, a code, a parent, a type or a mode that is not what the published source gives.", "Correct the line to the published source named in annotations/codebooks/README.md; never edit a code or label from memory."),
    "CODEBOOK_ALTERED": ("A codebook table of the package (cameo_codes, plover_crosswalk) differs from the published list it reproduces (annotations/codebooks/, with its sources).", "Rebuild the package (`make build`); the codebooks are never edited in data/."),
    "CAMEO_CODE": ("An event's cameo_code is not a CAMEO 1.1b3 code (data/cameo_codes.csv).", "Use a code of data/cameo_codes.csv; the message lists the codes under the nearest existing code."),
    "CAMEO_NOTE": ("An event's note gives the rule for another CAMEO code than its cameo_code (the note's first `CAMEO nnn`), or labels the code otherwise than CAMEO 1.1b3 does.", "Make cameo_code and the note name the same code, with the label of data/cameo_codes.csv."),
    "PLOVER_CROSSWALK": ("An event's plover_type or plover_mode is not what the CAMEO-to-PLOVER table (data/plover_crosswalk.csv) gives for its cameo_code (both empty for a code the table has no line for), and plover_exception gives no reason.", "Set plover_type and plover_mode as the message gives, or keep them and write why in plover_exception (docs/annotation-guidelines.md, section 7)."),
    "PLOVER_EXCEPTION": ("An event records a plover_exception, but its plover_type and plover_mode are what the crosswalk gives.", "Remove plover_exception: there is no departure to explain."),
    "WRITE_FAILED": ("A command could not write its files (a full disk, a file-size limit, a missing permission): what it wrote was put in place whole or not at all.", "Free space or fix the limit or the permission on the folder named, then run the command again."),
    "RELEASE_WRITE_FAILED": ("The release could not be written (a full disk, a missing permission): nothing of it was put in place.", "Free space or fix the permission on the folder named, then run `make release` again."),
    "CELL_TOO_LARGE": ("A value is longer than the cap for one cell (scripts/contract/paths.py MAX_CELL_CHARS), which every CSV reader with default settings reads.", "Shorten the value: keep long material in a cited source and summarise it in the cell."),
    "DUPLICATE_TEXT": ("Two articles have byte-identical texts (one sha256): the same article annotated twice, under two IDs.", "Remove the new copy (its text and annotation file), or add the article's real text if the wrong file was copied."),
    "NOT_A_PACKAGE": ("What was given to validate is no package: no such path, or a file that is neither a datapackage.json nor a zip (exit 2: nothing could be validated).", "Give the package's folder, its datapackage.json or its release zip (python -m scripts.validate PATH)."),
    "ZIP_UNREADABLE": ("The input is named as a zip but cannot be read as one: it is truncated, damaged or another kind of file.", "Download the zip again and compare its sha256 with SHA256SUMS, or validate the unpacked folder."),
    "ZIP_DUPLICATE_NAME": ("Two zip members have the same name: one unzip tool keeps the first, another the last, so clients read different data.", "Write the zip with one member per name (`make release` does)."),
    "ZIP_CASE_COLLISION": ("Two zip members differ only in letter case (or Unicode normalisation): on Windows and macOS they unpack to one file.", "Rename one of them, or rebuild the zip with `make release`."),
    "ZIP_DIRECTORY_CLASH": ("A zip member is a folder where a file is declared or where another member is a file.", "Put the declared file at that path, and keep file and folder names apart."),
    "ZIP_NAME_DISAGREES": ("A zip member carries a second name in an extra field (Info-ZIP's Unicode path) that differs from its own: unzip extracts it under one name, the validator and Python under the other.", "Rebuild the zip with `make release`, which gives each member one name."),
    "RELEASE_DOCUMENT": ("A document the release carries beside the data contradicts datapackage.json: CITATION.cff gives another title, version, date or licence, or LICENSE.md names a licence the package is not under, or not the one it is under.", "Take the file from the release zip again, or write it from datapackage.json with `make release`."),
    "ZIP_HEADERS_DISAGREE": ("A zip member's local header (or its data descriptor) gives another compression method, CRC-32 or size than its central directory entry: a streaming reader goes by the local header, unzip and the validator by the directory, so they read different bytes, and a member can hide inside another's data.", "Download the zip again and compare its sha256 with SHA256SUMS, or rebuild it with `make release`."),
    "ZIP_HIDDEN_BYTES": ("The zip holds bytes its central directory does not list (before the first member, between members or before the directory): a streaming reader that walks the file from its first byte reads them as members the validator never sees.", "Download the zip again and compare its sha256 with SHA256SUMS, or rebuild it with `make release`."),
    "ZIP_COMPRESSION": ("A zip member is compressed with a method other than stored or deflated (LZMA, bzip2, zstd): Python reads it, but unzip, Windows Explorer and macOS Archive Utility cannot.", "Write the zip with deflate (`make release` does)."),
    "ZIP_ENCRYPTED": ("A zip member is encrypted, so no client can read it without a password.", "Write the zip without a password (`make release` does)."),
    "ZIP_UNDECLARED": ("The zip holds a file that datapackage.json does not declare and that is not a release document: clients see it, the validator never reads it.", "Remove the file from the zip, or declare it as a resource in datapackage.json."),
    "EXPORT_MISSING": ("An export that `make build` writes into dist/ (or that the exports zip holds) is missing, while other exports are there.", "Run `make build` (in a repository), or unzip the exports zip again beside the package."),
    "EXPORT_EXTRA": ("A file is among the exports that the exports step does not write: a reader pointed at the folder (a Parquet folder above all) reads it too.", "Remove the file, or run `make build`, which writes dist/ afresh and keeps only the release zips and SHA256SUMS."),
    "EXPORT_EDITED": ("An export in dist/ differs from what the exports step wrote (its sha256 in dist/exports-record.json): it was edited after the build.", "Run `make build`, which writes dist/ afresh; edit the annotations, never an export."),
    "EXPORT_STALE": ("An export in dist/ was written from another version of the package (or by other export code) than the one in the repository.", "Run `make build`, which writes the exports afresh from the current package."),
    "EXPORT_MISMATCH": ("An export, read back with its own client (sqlite3, openpyxl, pyarrow, json), differs from the package's CSV or from a fresh export of the package: a row or value was changed, added or removed, a spreadsheet would show another value (number format, hidden row), the Datasette metadata adds a query or hides a table, or a view, index, workbook part, schema metadata or annotation target differs.", "Write the exports again from the package: `make build` in a repository, or unzip the release's exports zip again."),
    "EXPORT_UNREADABLE": ("An export cannot be read by its own client (a damaged SQLite file, xlsx, Parquet file or JSON).", "Write the exports again from the package: `make build` in a repository, or unzip the release's exports zip again."),
    "EXPORT_WITHOUT_PACKAGE": ("A folder of exports was given, but no package is beside it to compare them with (datapackage.json in the folder or its parent).", "Unzip the package zip and its exports zip into one folder and validate that folder, or validate dist/ inside the repository."),
    "TLINK_ENDPOINT": ("A temporal link or anchor names no event or time expression, or joins a row to itself.", "Use the ID of an existing event (-e) or time expression (-t); an anchor is another time expression."),
}
CODES.update({rule.code: (f"Stated rule {rule.id}: {rule.rule}", rule.fix) for rule in STATED})  # scripts/contract/stated.py


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    key: str
    field: str
    code: str
    message: str
    fix: str = ""
    column: int | None = None
    source: str = ""  # the annotation file and line that produced a generated cell

    def __post_init__(self):
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code}")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        if self.line is not None and self.column is not None:
            where += f":{self.column}"
        parts = [where]
        if self.key:
            parts.append(self.key)
        if self.field:
            parts.append(f"field={self.field}")
        fix = self.fix or CODES[self.code][1]
        if self.source:
            fix = f"edit {self.source}, then run `make build` ({fix[0].lower() + fix[1:].rstrip('.')})"
        parts.append(f"[{self.code}] {self.message}. Fix: {fix}")
        return " ".join(parts)


REPORT_LIMIT = 200  # a report lists this many problems and counts the rest


def ordered(problems) -> list[Problem]:
    """Problems without repeats, by file, line, column, code, key, field and message."""
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.column or 0, p.code, p.key, p.field, p.message))


def report(problems: list[Problem], limit: int = REPORT_LIMIT) -> str:
    """The first `limit` problems, one a line, and a count of the rest."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more problem(s) not listed (the first {limit} are shown)")
    return "\n".join(lines)


class ProblemsFound(Exception):
    """Raised with every problem found; the build writes nothing when it is raised."""

    def __init__(self, problems: list[Problem]):
        self.problems = ordered(problems)
        super().__init__(report(self.problems))


def show(text: str, limit: int = 60) -> str:
    """A value quoted for an error message, shortened in the middle if long; lone surrogates, controls and bidi
    controls escaped, so a message shows what a cell holds and a terminal runs none of it."""
    if len(text) > limit:
        text = text[: limit // 2] + "…" + text[-limit // 2:]
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return '"' + "".join(f"\\u{ord(c):04x}" if _unsafe(c) else c for c in text) + '"'


BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(c: str) -> bool:
    """A character a terminal acts on instead of showing: a control, a line or paragraph separator, a bidi control
    (a zero-width joiner inside an emoji is shown as it is)."""
    return unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in BIDI_CONTROLS


def first_difference(expected: str, actual: str) -> str:
    """Where two strings first differ, with the code points, for SPAN_TEXT_MISMATCH."""
    for i, (a, b) in enumerate(zip(expected, actual)):
        if a != b:
            return f"first difference at character {i} (U+{ord(a):04X} {unicodedata.name(a, '?')} vs U+{ord(b):04X} {unicodedata.name(b, '?')})"
    return f"lengths differ ({len(expected)} vs {len(actual)} characters)"


_said: set[str] = set()
_kept: list[str] | None = None  # while set, notices are kept here instead of printed (a helper process's)


def notice(message: str) -> None:
    """Say something once per process, on stdout: it is not a problem (the build runs the validator; both would say it)."""
    if message not in _said:
        _said.add(message)
        if _kept is not None:
            _kept.append(message)
        else:
            print(f"notice: {message}")


def new_command() -> None:
    """A command run in-process (a test calls main()) says its notices again: once per command, not per process."""
    _said.clear()


@contextlib.contextmanager
def notices_kept():
    """Within the block, keep this process's notices in the list it yields instead of printing them: a helper
    process hands them to its parent, whose output is where the reader looks (say_notices prints them there)."""
    global _kept
    _kept = []
    try:
        yield _kept
    finally:
        _kept = None


def say_notices(messages: list[str]) -> None:
    """Print notices kept by notices_kept (here or in a helper process), each once."""
    for message in messages:
        _said.add(message)
        print(f"notice: {message}")
