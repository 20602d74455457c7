"""Resolve a span named by its text to code-point offsets in the article.

A span is never typed as offsets: it is named by its exact text, plus an
occurrence number or the text just before it where the text repeats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import regex

from scripts.contract.problems import show


@dataclass(frozen=True)
class SpanSpec:
    text: str
    occurrence: int | None = None
    after: str | None = None


class SpanError(Exception):
    def __init__(self, code: str, message: str):
        self.code = code
        self.message = message
        super().__init__(f"[{code}] {message}")


def occurrences(article: str, text: str) -> list[int]:
    """Start offsets of every occurrence of text, overlapping ones included."""
    found, at = [], article.find(text)
    while at != -1:
        found.append(at)
        at = article.find(text, at + 1)
    return found


def resolve(article: str, spec: SpanSpec) -> tuple[int, int]:
    """Offsets (start, end exclusive) of the one occurrence the spec names."""
    if not spec.text:
        raise SpanError("SPAN_NOT_FOUND", "the span text is empty")
    if spec.text != spec.text.strip():
        raise SpanError("SPAN_EDGE_WHITESPACE", f"span {show(spec.text)} has white space at its edge")
    starts = occurrences(article, spec.text)
    if not starts:
        raise SpanError("SPAN_NOT_FOUND", f"{show(spec.text)} does not occur in the article{_near_miss(article, spec.text)}")
    if spec.occurrence is not None:
        if not 1 <= spec.occurrence <= len(starts):
            raise SpanError("SPAN_OCCURRENCE", f"occurrence {spec.occurrence} of {show(spec.text)} asked for, but it occurs {len(starts)} time(s)")
        starts = [starts[spec.occurrence - 1]]
    if spec.after is not None:
        chosen = spec.occurrence is not None
        starts = [s for s in starts if article[:s].endswith(spec.after)]
        if not starts:
            raise SpanError("SPAN_OCCURRENCE", f"occurrence {spec.occurrence} of {show(spec.text)} does not come right after "
                            f"{show(spec.after)}: give `occurrence` or `after`, not both" if chosen else
                            f"no occurrence of {show(spec.text)} comes right after {show(spec.after)}")
    if len(starts) > 1:
        raise SpanError("SPAN_AMBIGUOUS", f"{show(spec.text)} occurs {len(starts)} times, at offsets {', '.join(map(str, starts))}")
    return starts[0], starts[0] + len(spec.text)


STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _near_miss(article: str, text: str) -> str:
    """A hint for the commonest copy mistakes: straight quotes for curly ones, another letter case."""
    if text.translate(STRAIGHT) in article.translate(STRAIGHT):
        return " (it does occur with curly quotes or apostrophes: copy them from the article)"
    if text.lower() in article.lower():
        return " (it does occur in another letter case)"
    return ""


@lru_cache(maxsize=8)
def grapheme_boundaries(article: str) -> frozenset[int]:
    """Offsets where a grapheme cluster starts or the text ends (Unicode UAX #29, via `regex`)."""
    bounds = {m.start() for m in regex.finditer(r"\X", article)}
    bounds.add(len(article))
    return frozenset(bounds)


# ---------------------------------------------------------------- naming a phrase: what to write in the annotation file

def names_for(article: str, text: str) -> list[tuple[int, dict | str]]:
    """(start, span) for every occurrence of text: the plain text when it occurs once; otherwise the shortest
    `after:` (the text just before it, grown to a word's start) that picks it alone, or its `occurrence:` number
    when no text before it does. Each span given resolves back to its start."""
    starts = occurrences(article, text)
    if len(starts) == 1:
        return [(starts[0], text)]
    named = []
    for number, start in enumerate(starts, start=1):
        after = _shortest_after(article, text, start, starts)
        named.append((start, {"text": text, "after": after} if after is not None else {"text": text, "occurrence": number}))
    return named


def _shortest_after(article: str, text: str, start: int, starts: list[int]) -> str | None:
    """The shortest text ending right before start, beginning at a word's start (or a line's), that no other
    occurrence has right before it; None when none does (the occurrence number is then the only way)."""
    for begin in range(start - 1, -1, -1):
        if begin > 0 and not (article[begin - 1].isspace() and not article[begin].isspace()) and article[begin - 1] != "\n":
            continue  # begin inside a word: grow to the word's start, so the `after:` reads as whole words
        after = article[begin:start]
        if after.strip() == "" and "\n" not in after:
            continue
        if [s for s in starts if article[:s].endswith(after)] == [start]:
            return after
    return None


def _word(article: str, start: int, end: int) -> str:
    while start > 0 and article[start - 1].isalnum():
        start -= 1
    while end < len(article) and article[end].isalnum():
        end += 1
    return article[start:end]


def _number(article: str, text: str, start: int) -> int | None:
    starts = occurrences(article, text)
    return starts.index(start) + 1 if len(starts) > 1 and start in starts else None


def yaml_span(spec: dict | str) -> str:
    """A span as an annotation file writes it (YAML flow style; JSON strings are valid YAML double-quoted scalars)."""
    if isinstance(spec, str):
        return f"span: {json.dumps(spec, ensure_ascii=False)}"
    return "span: {" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in spec.items()) + "}"


USAGE = """Print how the annotation file names a phrase of an article: `span: "..."`, or with `occurrence:`/`after:`.

Usage: python -m scripts.annotations.spans --name "phrase" sources/<article_id>.txt
  One line per occurrence: its start and end (code points, end exclusive), its sentence number (as
  `python -m scripts.annotations.segment` numbers them) and a span that names it alone. Either key of a repeated
  phrase works by itself: `after:` survives an earlier occurrence being added to the text, `occurrence:` does not.
  The same form names a cue (`cue:`) or a sentence override.
"""


def main(argv=None) -> int:
    import argparse
    import sys

    from scripts.annotations.segment import sentences
    from scripts.annotations.sources import read_text_argument
    from scripts.runtime import cli

    cli.utf8_output()
    parser = cli.parser(USAGE, root_help="the repository a relative text path is read from (default: the current folder)")
    parser.epilog, parser.formatter_class = USAGE.split("\n", 2)[2], argparse.RawDescriptionHelpFormatter
    parser.add_argument("--name", required=True, action="append", metavar="PHRASE",
                        help="the phrase, copied exactly from the article (repeat --name for several)")
    parser.add_argument("text", help="the article text, e.g. sources/<article_id>.txt")
    args = parser.parse_args(argv)
    article, error = read_text_argument(args.text, args.root)
    if error:
        print(error, file=sys.stderr)
        return 1
    sents = sentences(article)
    status = 0
    for phrase in args.name:
        try:
            resolve(article, SpanSpec(phrase, occurrence=1))
        except SpanError as failure:
            print(f"{args.text}: {failure}; copy the phrase exactly from the article", file=sys.stderr)
            status = 1
            continue
        for start, spec in names_for(article, phrase):
            number = next((i for i, s in enumerate(sents, start=1) if s.start <= start < s.end), None)
            where = f"s{number:02d}" if number else "between sentences"
            other = f"  # or occurrence: {spec_number}" if (spec_number := _number(article, phrase, start)) and \
                isinstance(spec, dict) and "after" in spec else ""
            end = start + len(phrase)
            inside = (start > 0 and article[start - 1].isalnum() and phrase[0].isalnum()) or \
                (end < len(article) and article[end].isalnum() and phrase[-1].isalnum())
            print(f"{start}-{end}  {where}  {yaml_span(spec)}{other}" +
                  (f"  # inside the word {_word(article, start, end)!r}" if inside else ""))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
