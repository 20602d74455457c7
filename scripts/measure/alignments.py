"""Agreement on the primary-record alignments: do two annotators find the same passage, and judge it alike?

Alignments are compared target by target (the quote, fact or figure aligned). A second annotator's alignment is
paired with a curated one of the same target when their record spans overlap, or when both say `absent`. Over the
pairs: span F1 (exact and overlapping, as for the article's tables) and the agreement on `relation` (Krippendorff's
alpha, nominal). The second file is read as plain data: its spans are never resolved against the record here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.annotations.yaml_reader import read_yaml
from scripts.measure.scores import Agreement, SpanScore, agreement


@dataclass
class AlignmentResult:
    first_file: str
    second_file: str
    targets_first: int
    targets_second: int
    spans: SpanScore
    relation: Agreement
    unpaired_first: list[str]
    unpaired_second: list[str]


def read(path: Path) -> list[dict]:
    """The alignments of one file, read by the strict reader; a file it refuses gives none (the build reports it)."""
    doc, _ = read_yaml(path, path.name)
    return [a for a in (doc or {}).get("alignments") or [] if isinstance(a, dict)] if isinstance(doc, dict) else []


def _key(row: dict) -> tuple[str, str]:
    return (str(row.get("target_table")), str(row.get("target_id")))


def _span(row: dict) -> tuple[int, int] | None:
    start, end = row.get("start"), row.get("end")
    return (int(start), int(end)) if isinstance(start, int) and isinstance(end, int) else None


def _matches(a: dict, b: dict) -> bool:
    if _key(a) != _key(b):
        return False
    sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return sa is None and sb is None and a.get("relation") == b.get("relation") == "absent"
    return sa[0] < sb[1] and sb[0] < sa[1]


def pairs(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs: identical spans first, then the largest overlaps, both within one target."""
    out, used = [], set()
    candidates = sorted(((a, b) for a in first for b in second if _matches(a, b)),
                        key=lambda p: (_span(p[0]) != _span(p[1]),))
    taken_first = set()
    for a, b in candidates:
        if id(a) in taken_first or id(b) in used:
            continue
        taken_first.add(id(a))
        used.add(id(b))
        out.append((a, b))
    return out


def compare(first: list[dict], second: list[dict], first_file: str, second_file: str) -> AlignmentResult:
    paired = pairs(first, second)
    exact = sum(1 for a, b in paired if _span(a) == _span(b))
    overlap_p = len(paired) / len(second) if second else 0.0
    overlap_r = len(paired) / len(first) if first else 0.0
    overlap_f1 = 2 * overlap_p * overlap_r / (overlap_p + overlap_r) if overlap_p + overlap_r else 0.0
    spans = SpanScore(len(first), len(second), exact, 2 * exact / (len(first) + len(second)) if first or second else 0.0,
                      overlap_p, overlap_r, overlap_f1)
    relation = agreement("relation", [(str(a.get("relation")), str(b.get("relation"))) for a, b in paired])
    paired_first = {id(a) for a, _ in paired}
    paired_second = {id(b) for _, b in paired}
    return AlignmentResult(first_file, second_file, len({_key(a) for a in first}), len({_key(b) for b in second}), spans,
                           relation, [a.get("target_id", "?") for a in first if id(a) not in paired_first],
                           [b.get("target_id", "?") for b in second if id(b) not in paired_second])


def measure(root: Path, article_id: str) -> AlignmentResult | None:
    """The comparison for one article, or None when there is no second alignment file."""
    folder = root / "annotations" / "agreement"
    second = folder / f"{article_id}.alignments.second.yaml"
    if not second.is_file():
        return None
    frozen = folder / f"{article_id}.alignments.first.yaml"
    curated = frozen if frozen.is_file() else root / "annotations" / "primary" / "alignments" / f"{article_id}.yaml"
    return compare(read(curated), read(second), curated.relative_to(root).as_posix(), second.relative_to(root).as_posix())
