"""The package's tables read strictly with the standard library, as the plainest client reads them.

Python's csv module accepts things other readers refuse (a quote inside an unquoted cell); each row is compared
with how the build writes it, so every reader sees the same cells.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scripts.problems import Problem, show


class Package:
    """The rows of every table, read strictly with the standard library, plus the article texts."""

    def __init__(self, root: Path, paths: dict[str, Path] | None = None, text_free: bool = False):
        self.root = root
        self.paths = paths or {}  # declared path -> file that passed the pre-flight checks
        self.text_free = text_free  # the text-free release variant: the user brings the article texts
        self.rows: dict[str, list[tuple[int, dict]]] = {}
        self.texts: dict[str, str] = {}

    def table(self, name: str) -> list[tuple[int, dict]]:
        return self.rows.get(name, [])


def read_csv(root: Path, name: str, columns: tuple[str, ...], problems: list[Problem]) -> list[tuple[int, dict]]:
    rel = f"data/{name}.csv"
    path = root / rel
    if not path.is_file():
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        consumed: list[str] = []
        reader = csv.reader(_recording(handle, consumed), strict=True)
        try:
            header = next(reader, None)
            if header != list(columns):
                problems.append(Problem(rel, 1, "", "", "HEADER", f"header is {header}, the schema says {list(columns)}"))
                return []
            consumed.clear()
            end = reader.line_num
            for cells in reader:
                line, end = end + 1, reader.line_num  # a row's first line, even when a quoted cell holds a line break
                raw = "".join(consumed)
                consumed.clear()
                if '"' in raw and _csv_line(cells) != raw.rstrip("\r\n") + "\n":
                    # Python's csv accepts a quote inside an unquoted cell (x"y); other readers do not
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", f"stray quote: {show(raw.rstrip())} is not quoted as the build writes it"))
                if not cells or all(c == "" for c in cells):
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", "blank row"))
                    continue
                if len(cells) != len(columns):
                    problems.append(Problem(rel, line, "", "", "CSV_FORMAT", f"{len(cells)} cells, the header has {len(columns)}"))
                    continue
                rows.append((line, dict(zip(columns, cells))))
        except csv.Error as error:
            problems.append(Problem(rel, reader.line_num, "", "", "CSV_FORMAT", f"cannot be read strictly: {error}"))
    return rows


def _recording(handle, consumed: list[str]):
    """The file's lines, each also appended to consumed, so a parsed row can be compared with its raw text."""
    for physical in handle:
        consumed.append(physical)
        yield physical


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(cells)
    return out.getvalue()


