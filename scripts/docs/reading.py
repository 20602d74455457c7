"""The attribution reading view: the clean text, each quote marked with its speaker, cue and source.

The text is cut at every span boundary into segments; a segment is one focusable stretch of words that
lists every row covering it. Quotes become nested containers (a quote inside a quote stays inside it).
The cue and the source are the annotated ones (`cue_start`/`cue_end` and `source_mention_id`). A package
without those columns gets display aids instead, found in the quote's sentence: the nearest occurrence of
`reporting_verb` outside the quote, and the speaker's mention nearest to that cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from scripts.docs.config import MENTIONS, QUOTES

SPEAKER_STYLES = ("solid", "dashed", "dotted", "double")
SPEAKER_COLOURS = 8  # rv-c0 ... rv-c7 in docs/stylesheets/article.css


@dataclass
class Attribution:
    quote_id: str
    speaker: str
    start: int
    end: int
    colour: int
    style: str
    cue: tuple[int, int] | None = None
    source: dict | None = None  # the mention row
    depth: int = 0
    kind: str = ""  # direct, indirect, mixed, nominal


@dataclass
class Container:
    """A quote's content, or a mention that is the source of one or more quotes: drawn around its segments."""
    kind: str  # "quote" or "source"
    start: int
    end: int
    owner: Attribution  # the quote (for a source: the first quote it is the source of)
    source_of: list[str] = field(default_factory=list)
    chip: str = ""


@dataclass
class Segment:
    start: int
    end: int
    rows: list[str] = field(default_factory=list)       # "table/id" of every row covering the segment
    containers: list[Container] = field(default_factory=list)  # outermost first
    cue_of: list[str] = field(default_factory=list)


def _sentence_bounds(site, row: dict) -> tuple[int, int]:
    sentences = site.pkg.resources.get("sentences")
    for sentence in (sentences.rows if sentences else []):
        if sentence.get("sentence_id") == row.get("sentence_id"):
            return int(sentence["start"]), int(sentence["end"])
    return int(row["start"]), int(row["end"])


def _outside(start: int, end: int, q: dict) -> bool:
    return end <= int(q["start"]) or start >= int(q["end"])


def find_cue(text: str, row: dict, bounds: tuple[int, int]) -> tuple[int, int] | None:
    verb = row.get("reporting_verb", "").strip()
    if not verb:
        return None
    points = list(text)
    window = "".join(points[bounds[0]:bounds[1]])
    hits = [(bounds[0] + m.start(), bounds[0] + m.end())
            for m in re.finditer(rf"(?<!\w){re.escape(verb)}(?!\w)", window)]
    hits = [h for h in hits if _outside(*h, row)]
    return min(hits, key=lambda h: abs(h[0] - int(row["start"]))) if hits else None


def find_source(mentions: list[dict], row: dict, bounds: tuple[int, int], near: int) -> dict | None:
    found = [m for m in mentions if m["entity_id"] == row["speaker_id"] and m["start"] != ""
             and bounds[0] <= int(m["start"]) and int(m["end"]) <= bounds[1] and _outside(int(m["start"]), int(m["end"]), row)]
    return min(found, key=lambda m: (abs(int(m["start"]) - near), -int(m["end"]))) if found else None


def annotated_cue(row: dict) -> tuple[int, int] | None:
    return (int(row["cue_start"]), int(row["cue_end"])) if row.get("cue_start") and row.get("cue_end") else None


def annotated_source(mentions: list[dict], row: dict) -> dict | None:
    return next((m for m in mentions if m["mention_id"] == row.get("source_mention_id")), None)


def attributions(site, article_id: str, speakers: list[str]) -> list[Attribution]:
    """Every located quote of the article with its speaker's colour and style, cue and source."""
    text = site.pkg.texts[article_id]
    mentions = site.pkg.rows_of(MENTIONS, article_id) if MENTIONS in site.pkg.resources else []
    out = []
    for row in site.pkg.rows_of(QUOTES, article_id):
        if row["start"] == "" or row["end"] == "":
            continue
        rank = speakers.index(row["speaker_id"]) if row["speaker_id"] in speakers else len(speakers)
        bounds = _sentence_bounds(site, row)
        cue, source = annotated_cue(row), annotated_source(mentions, row)
        if "cue_start" not in row:  # an older package: derive display aids from reporting_verb and speaker_id
            cue = find_cue(text, row, bounds)
            source = find_source(mentions, row, bounds, cue[0] if cue else int(row["start"])) if row["speaker_id"] else None
        out.append(Attribution(row["quote_id"], row["speaker_id"], int(row["start"]), int(row["end"]),
                               rank % SPEAKER_COLOURS, SPEAKER_STYLES[rank % len(SPEAKER_STYLES)], cue, source,
                               kind=row.get("kind", "")))
    for a in out:
        a.depth = sum(1 for b in out if b is not a and b.start <= a.start and a.end <= b.end
                      and (b.start, -b.end) < (a.start, -a.end))
    return out


def containers(quotes: list[Attribution], names) -> list[Container]:
    """Quotes and source mentions, in the order they open (outer before inner)."""
    out = [Container("quote", a.start, a.end, a) for a in quotes]
    sources: dict[str, Container] = {}
    for a in quotes:
        if a.source:
            m = a.source
            if m["mention_id"] not in sources:
                named = set(names(a.speaker).casefold().split())
                chip = "" if set(m["text"].casefold().split()) & named else names(a.speaker)
                sources[m["mention_id"]] = Container("source", int(m["start"]), int(m["end"]), a, chip=chip)
            sources[m["mention_id"]].source_of.append(a.quote_id)
    out += sources.values()
    return sorted(out, key=lambda c: (c.start, -c.end, c.kind != "quote", c.owner.quote_id))


def segments(length: int, spans: list[dict], quotes: list[Attribution], names) -> list[Segment]:
    """The text cut at every boundary of a span or cue; each piece knows what covers it."""
    cuts = {0, length}
    for s in spans:
        cuts |= {s["start"], s["end"]}
    for a in quotes:
        cuts |= set(a.cue or ())
    boxes = containers(quotes, names)
    out = []
    points = sorted(cuts)
    for start, end in zip(points, points[1:]):
        seg = Segment(start, end)
        seg.rows = [f'{s["table"]}/{s["id"]}' for s in spans if s["start"] <= start and end <= s["end"]]
        seg.containers = [c for c in boxes if c.start <= start and end <= c.end]
        seg.cue_of = [a.quote_id for a in quotes if a.cue and a.cue[0] <= start and end <= a.cue[1]]
        out.append(seg)
    return out


def whose(quote: Attribution | None, names) -> str:
    """"Claudia Sheinbaum's quote", or "the unattributed statement"."""
    return f"{names(quote.speaker)}'s quote" if quote and quote.speaker else "the unattributed statement"


def _label(seg: Segment, text: str, roles, quotes: dict[str, Attribution], names, points) -> tuple[str, str]:
    """What a screen reader says for a segment, and its description: the roles of the rows on it ("direct quote
    by Claudia Sheinbaum", "cue ‘stated’ of Claudia Sheinbaum's quote", "unattributed statement"), then the
    words; the row IDs go in the description."""
    parts = list(dict.fromkeys(roles(key) for key in seg.rows))
    for q in seg.cue_of:
        cue = quotes[q].cue if q in quotes else None
        words = "".join(points[cue[0]:cue[1]]) if cue else ""
        parts.append(f"cue ‘{words}’ of {whose(quotes.get(q), names)}" if words else f"cue of {whose(quotes.get(q), names)}")
    parts += [f"source of {whose(quotes.get(q), names)}" for c in seg.containers if c.kind == "source" for q in c.source_of]
    ids = [key.split("/", 1)[1] for key in seg.rows] + [q for q in seg.cue_of if f"{QUOTES}/{q}" not in seg.rows]
    return "; ".join(dict.fromkeys(parts)) + f": “{text.strip()}”", "Rows " + ", ".join(dict.fromkeys(ids))


def tokens(text: str, segs: list[Segment], roles, names, starts: dict[int, list[str]] | None = None) -> list[dict]:
    """The reading view as a flat list the template renders: paragraphs, containers, segments, text.

    `roles` names a row ("quotes/stc-q04" -> "direct quote by Claudia Sheinbaum"); `starts` gives the rows that
    begin at an offset, which get an anchor there (the search results and the ID links land on it)."""
    starts = starts or {}
    points = list(text)
    out: list[dict] = [{"t": "p"}]
    stack: list[Container] = []
    quotes = {c.owner.quote_id: c.owner for seg in segs for c in seg.containers}
    for seg in segs:
        while stack and stack != seg.containers[:len(stack)]:
            stack.pop()
            out.append({"t": "close"})
        for box in seg.containers[len(stack):]:
            stack.append(box)
            out.append({"t": "open", "c": box, "a": box.owner})
        words = "".join(points[seg.start:seg.end])
        if not (seg.rows or seg.cue_of):
            for i, piece in enumerate(words.split("\n")):
                if i:
                    out += [{"t": "/p"}, {"t": "p"}]
                if piece:
                    out.append({"t": "text", "text": piece})
            continue
        owner = quotes.get(seg.cue_of[0]) if seg.cue_of else None
        label, description = _label(seg, words, roles, quotes, names, points)
        out.append({"t": "seg", "text": words, "rows": " ".join(seg.rows), "cue_of": " ".join(seg.cue_of),
                    "owner": owner, "label": label, "description": description, "blank": not words.strip(),
                    "anchors": starts.get(seg.start, []), "kinds": sorted({key.split("/")[0] for key in seg.rows})})
    out += [{"t": "close"} for _ in stack] + [{"t": "/p"}]
    return [tok for i, tok in enumerate(out) if not (tok["t"] == "p" and out[i + 1]["t"] == "/p")
            and not (tok["t"] == "/p" and out[i - 1]["t"] == "p")]
