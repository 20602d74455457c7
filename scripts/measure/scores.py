"""The agreement measures, pure functions of two annotators' values: span F1 (exact and overlapping) and
Krippendorff's alpha (nominal, the `krippendorff` package) with raw agreement and the confusions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import krippendorff
import numpy as np


@dataclass
class SpanScore:
    first: int
    second: int
    exact: int
    exact_f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float


@dataclass
class Agreement:
    label: str
    units: int  # matched rows where both annotators filled the column
    agreed: int
    alpha: float | None  # None when undefined (one value only, or no unit)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)  # (first, second, count), most frequent first

    @property
    def percent(self) -> float | None:
        return self.agreed / self.units if self.units else None


def span_scores(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> SpanScore:
    """Exact F1 over distinct spans; overlap precision/recall: the share of one side's spans that overlap any span
    of the other side (lenient match), with the first annotation as reference."""
    a, b = set(first), set(second)
    exact = len(a & b)
    exact_f1 = 2 * exact / (len(a) + len(b)) if a or b else 1.0
    overlaps = lambda s, others: any(s[0] < o[1] and o[0] < s[1] for o in others)
    precision = sum(overlaps(s, a) for s in b) / len(b) if b else 0.0
    recall = sum(overlaps(s, b) for s in a) / len(a) if a else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SpanScore(len(a), len(b), exact, exact_f1, precision, recall, f1)


def nominal_alpha(pairs: list[tuple[str, str]]) -> float | None:
    """Krippendorff's alpha (nominal) for two coders over units with both values; None when undefined."""
    values = sorted({v for pair in pairs for v in pair})
    if not pairs or len(values) < 2:
        return None
    code = {v: i for i, v in enumerate(values)}
    data = np.array([[code[a] for a, _ in pairs], [code[b] for _, b in pairs]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def agreement(label: str, pairs: list[tuple[str, str]]) -> Agreement:
    confusions = Counter((a, b) for a, b in pairs if a != b)
    ranked = sorted(confusions.items(), key=lambda item: (-item[1], item[0]))
    return Agreement(label, len(pairs), sum(a == b for a, b in pairs), nominal_alpha(pairs),
                     [(a, b, n) for (a, b), n in ranked])
