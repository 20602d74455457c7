"""Resolve a span named by its text to code-point offsets in the article.

A span is never typed as offsets: it is named by its exact text, plus an
occurrence number or the text just before it where the text repeats.
"""

from __future__ import annotations

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
        starts = [s for s in starts if article[:s].endswith(spec.after)]
        if not starts:
            raise SpanError("SPAN_OCCURRENCE", f"no occurrence of {show(spec.text)} comes right after {show(spec.after)}")
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
