"""Paragraphs and sentences of an article.

Sentence boundaries come from pysbd; reviewed overrides split or join where it errs.
Sentences never cross a line break: each line of text is a paragraph.

`python -m scripts.annotations.segment sources/<article_id>.txt` prints them, numbered, with their offsets.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

import pysbd


@dataclass(frozen=True)
class Sentence:
    paragraph: int
    start: int
    end: int


def paragraphs(article: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    found, at = [], 0
    for line in article.split("\n"):
        stripped = line.strip()
        if stripped:
            start = at + line.index(stripped[0])
            found.append((start, start + len(stripped)))
        at += len(line) + 1
    return found


def segmenter_boundaries(article: str) -> set[int]:
    """Offsets where pysbd starts a sentence."""
    segments = pysbd.Segmenter(language="en", clean=False, char_span=True).segment(article)
    return {segment.start for segment in segments}


def sentences(article: str, splits: list[int] = (), joins: list[tuple[int, int]] = ()) -> list[Sentence]:
    """Sentences from pysbd's boundaries, plus splits at given offsets, minus boundaries inside joined ranges."""
    bounds = segmenter_boundaries(article) | set(splits)
    bounds = {b for b in bounds if not any(start < b <= end for start, end in joins)}
    result = []
    for number, (p_start, p_end) in enumerate(paragraphs(article), start=1):
        cuts = sorted({p_start, p_end} | {b for b in bounds if p_start < b < p_end})
        for a, b in zip(cuts, cuts[1:]):
            piece = article[a:b]
            if piece.strip():
                s = a + (len(piece) - len(piece.lstrip()))
                result.append(Sentence(number, s, s + len(piece.strip())))
    return result


# ---------------------------------------------------------------- the command: see the sentences before annotating

USAGE = """Print an article's numbered sentences with their offsets, as the build will cut them.

Usage: python -m scripts.annotations.segment sources/<article_id>.txt
  Each line: the sentence number (the build's ID is <id_prefix>-sNN), its paragraph, its start and end (Unicode code
  points, end exclusive) and its text. The cuts are pysbd's, before any `sentence_overrides:` of the annotation
  file (docs/annotation-guidelines.md); a `split_after:` or `join:` there moves them.
"""


def main(argv=None) -> int:
    import sys

    from scripts.annotations.sources import read_text_argument
    from scripts.runtime import cli

    cli.utf8_output()
    parser = cli.parser(USAGE, root_help="the repository a relative text path is read from (default: the current folder)")
    parser.epilog, parser.formatter_class = USAGE.split("\n", 2)[2], argparse.RawDescriptionHelpFormatter
    parser.add_argument("text", help="the article text, e.g. sources/<article_id>.txt")
    args = parser.parse_args(argv)
    text, error = read_text_argument(args.text, args.root)
    if error:
        print(error, file=sys.stderr)
        return 1
    found = sentences(text)
    paras = len(paragraphs(text))
    print(f"{args.text}: {len(found)} sentence(s) in {paras} paragraph(s); offsets are code points, end exclusive")
    width = len(str(len(text)))
    for number, s in enumerate(found, start=1):
        print(f"s{number:02d}  p{s.paragraph}  {s.start:>{width}}-{s.end:<{width}}  {text[s.start:s.end]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
