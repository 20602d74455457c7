"""Paragraphs and sentences of an article.

Sentence boundaries come from pysbd; reviewed overrides split or join where it errs.
Sentences never cross a line break: each line of text is a paragraph.
"""

from __future__ import annotations

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
