"""A progress bar (rich) for the build's long loops, shown only when stdout is a terminal and the loop is long.

Logs, pipes and tests see nothing: the bar is drawn only at a terminal, and removed when the loop ends.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

LONG = 50  # items: below this a loop ends before a bar is worth drawing


def steps(items: Sequence, label: str) -> Iterable:
    """items, drawn as a transient progress bar labelled label when the loop is long and stdout is a terminal."""
    if len(items) < LONG or not sys.stdout.isatty():
        return items
    from rich.progress import track

    return track(items, description=label, total=len(items), transient=True)
