"""The codebooks: reference tables copied from published sources, read from annotations/codebooks/.

They are inputs, not annotations. `cameo_codes.csv` is the CAMEO 1.1b3 code list (the manual's chapter 6, with a
note on every row where the GDELT lookup differs); `CAMEO2PLOVER-2021.txt` is the published CAMEO-to-PLOVER table,
kept as published and parsed here, one row per code (annotations/codebooks/README.md says how duplicate lines are
read). Every fault is a problem naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from scripts.contract.encoding import decode
from scripts.contract.fields import CAMEO_CODE, PLOVER_TYPES, TABLES, field_for
from scripts.contract.problems import Problem, show

FOLDER = Path("annotations") / "codebooks"
CAMEO_FILE = FOLDER / "cameo_codes.csv"
PLOVER_FILE = FOLDER / "CAMEO2PLOVER-2021.txt"
PLOVER_LINE = re.compile(r"^(?P<code>[0-9]+):\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<label>.*?)\s*)?$")
MODE = re.compile(field_for("plover_crosswalk", "plover_mode").pattern)
FIX = "correct the line to the published source named in annotations/codebooks/README.md"


def load(root: Path) -> tuple[dict[str, list[dict]], list[Problem]]:
    """{table: rows} for both codebooks, sorted by code, and every problem in their files."""
    problems: list[Problem] = []
    cameo = _cameo(root, problems)
    plover = _plover(root, problems, {row["code"] for row in cameo})
    return {"cameo_codes": cameo, "plover_crosswalk": plover}, problems


def _text(root: Path, rel: Path, problems: list[Problem]) -> str | None:
    path = root / rel
    if not path.is_file():
        problems.append(Problem(rel.as_posix(), None, "", "", "CODEBOOK", "the codebook file is missing",
                                "restore it from the repository (git checkout -- " + rel.as_posix() + ")"))
        return None
    text, faults = decode(path.read_bytes())
    problems += [Problem(rel.as_posix(), line, "", "", code, message) for code, line, message in faults]
    return text


def _cameo(root: Path, problems: list[Problem]) -> list[dict]:
    text = _text(root, CAMEO_FILE, problems)
    if text is None:
        return []
    rel = CAMEO_FILE.as_posix()
    columns = list(TABLES["cameo_codes"].columns)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, [])
        if header != columns:
            problems.append(Problem(rel, 1, "", "", "CODEBOOK", f"the header is {show(','.join(header))}, not {','.join(columns)}", FIX))
            return []
        rows, seen = [], {}
        for cells in reader:
            line = reader.line_num
            if len(cells) != len(columns):
                problems.append(Problem(rel, line, "", "", "CODEBOOK", f"{len(cells)} cells, not {len(columns)}", FIX))
                continue
            row = dict(zip(columns, cells))
            code = row["code"]
            bad = lambda fld, message: problems.append(Problem(rel, line, f"code={code}", fld, "CODEBOOK", message, FIX))
            if not re.match(CAMEO_CODE, code):
                bad("code", f"{show(code)} is not a CAMEO code (2 to 4 digits, the first 0, 1 or 2)")
                continue
            if code in seen:
                bad("code", f"`{code}` is already on line {seen[code]}")
                continue
            seen[code] = line
            want = "" if len(code) == 2 else code[:2] if len(code) == 3 else code[:3]
            if row["parent_code"] != want:
                bad("parent_code", f"the parent of `{code}` is `{want or '(none)'}`, not `{row['parent_code'] or '(none)'}`")
            if not row["label"].strip():
                bad("label", "the label is empty")
            rows.append({column: (row[column] or None) for column in columns})
    except csv.Error as error:
        problems.append(Problem(rel, reader.line_num, "", "", "CODEBOOK", f"the CSV cannot be read strictly: {error}", FIX))
        return []
    codes = {row["code"] for row in rows}
    for row in rows:
        if row["parent_code"] and row["parent_code"] not in codes:
            problems.append(Problem(rel, seen[row["code"]], f"code={row['code']}", "parent_code", "CODEBOOK",
                                    f"the parent `{row['parent_code']}` has no row", FIX))
    return sorted(rows, key=lambda row: row["code"])


def _plover(root: Path, problems: list[Problem], cameo: set[str]) -> list[dict]:
    """One row per code of CAMEO2PLOVER-2021.txt. A code on two lines gives one row: the first line's, when both
    give the same type, mode and context; else no type and no mode, since the table gives no single answer (08,
    whose heading appears over CONCEDE and over RETREAT). Either way the note names both lines."""
    text = _text(root, PLOVER_FILE, problems)
    if text is None:
        return []
    rel = PLOVER_FILE.as_posix()
    found: dict[str, list[tuple[int, dict]]] = {}
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or re.fullmatch(r"~+", line):  # blank lines and the closing rule of tildes
            continue
        match = PLOVER_LINE.match(line)
        bad = lambda fld, message: problems.append(Problem(rel, number, "", fld, "CODEBOOK", message, FIX))
        if not match or not re.match(CAMEO_CODE, match["code"]):
            bad("", f"{show(line)} is not a line `code: TYPE, mode, context # label`")
            continue
        parts = [p.strip() for p in match["body"].split(",", 2)] + ["", ""]
        kind, mode, context = parts[0], parts[1], parts[2]
        if kind not in PLOVER_TYPES:
            bad("plover_type", f"`{kind}` is not one of the 16 PLOVER types")
            continue
        if mode and not MODE.match(mode):
            bad("plover_mode", f"mode {show(mode)} is not a lower-case word")
            continue
        found.setdefault(match["code"], []).append((number, {
            "cameo_code": match["code"], "plover_type": kind, "plover_mode": mode or None, "plover_context": context or None,
            "source_line": number, "source_label": match["label"] or None, "note": None}))
    rows = []
    for code, lines in found.items():
        number, row = lines[0]
        notes = []
        if len(lines) > 1:
            others = ", ".join(str(n) for n, _ in lines[1:])
            given = {(r["plover_type"], r["plover_mode"], r["plover_context"]) for _, r in lines}
            if len(given) == 1:
                notes.append(f"The source has this code on lines {number} and {others}, with the same type, mode and "
                             f"context (labels: {'; '.join(chr(34) + (r['source_label'] or '') + chr(34) for _, r in lines)}): one row, from line {number}.")
            else:
                types = " and ".join(f"{r['plover_type']} (line {n})" for n, r in lines)
                notes.append(f"The source gives this code twice, as {types}: PLOVER splits it, so the table gives no "
                             "single type; type and mode are left empty. Code the event with a 3- or 4-digit code.")
                row = {**row, "plover_type": None, "plover_mode": None, "plover_context": None}
        if code not in cameo:
            notes.append("Not a CAMEO 1.1b3 code: the manual's chapter 6 lists no such code (see cameo_codes); the row "
                         "is kept as the source gives it, and no event can use the code.")
        row["note"] = " ".join(notes) or None
        rows.append(row)
    return sorted(rows, key=lambda row: row["cameo_code"])
