"""Events against the codebooks: a CAMEO code is one of CAMEO 1.1b3 (`cameo_codes`), the note that gives the rule
behind the code names that code, and the PLOVER type and mode are those the CAMEO-to-PLOVER table
(`plover_crosswalk`) gives for it, unless `plover_exception` says why not.

frictionless enforces the foreign key events.cameo_code -> cameo_codes.code too (FOREIGN_KEY); this rule says
which codes the root has, so the fix can be made without opening the codebook.
"""

from __future__ import annotations

import re

import regex

from scripts.annotations import codebooks as published
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.runtime.root import repo_root

UNSPECIFIED = ", not specified below"
CITED = re.compile(r"\bCAMEO\W{1,3}(?P<code>[0-9]{2,4})\b(?:\s*\((?P<label>[^)]*)\))?", re.IGNORECASE)
EVENTS = "data/events.csv"


def check(pkg, problems: list[Problem]) -> None:
    """Every event's cameo_code, the code its note cites, and its PLOVER type and mode."""
    codes = {row["code"]: row for _, row in pkg.table("cameo_codes")}
    walk = {row["cameo_code"]: row for _, row in pkg.table("plover_crosswalk")}
    if not codes:  # no codebook in the package: pre-flight and frictionless say so
        return
    _as_published(pkg, problems)
    for line, row in pkg.table("events"):
        code = row.get("cameo_code", "")
        bad = lambda code_, fld, message, fix="": problems.append(
            Problem(EVENTS, line, f"event_id={row.get('event_id', '')}", fld, code_, message, fix))
        if not code:
            continue
        if code not in codes:
            bad("CAMEO_CODE", "cameo_code", f"`{code}` is not a CAMEO 1.1b3 code: data/cameo_codes.csv has no row `{code}`",
                f"use a code of data/cameo_codes.csv; {_nearby(code, codes)}")
            continue
        _note(row, code, codes, bad)
        _crosswalk(row, code, codes, walk, bad)


def label(code: str, codes: dict) -> str:
    return f"{code} ({codes[code]['label']})" if code in codes else code


def _nearby(code: str, codes: dict) -> str:
    """The codes one level below the closest existing ancestor of code, with their labels."""
    for parent in (code[:3], code[:2]):
        if len(parent) < len(code) and parent in codes:
            below = [c for c in sorted(codes) if codes[c]["parent_code"] == parent]
            return f"under {label(parent, codes)} they are " + "; ".join(f"{c} {codes[c]['label']}" for c in below)
    roots = [c for c in sorted(codes) if not codes[c]["parent_code"]]
    return "the root codes are " + "; ".join(f"{c} {codes[c]['label']}" for c in roots)


def _note(row: dict, code: str, codes: dict, bad) -> None:
    """The first `CAMEO nnn (label)` of the note is the rule's code: it is cameo_code, with the codebook's label
    (or that label without its ", not specified below")."""
    cited = CITED.search(row.get("note", ""))
    if not cited:
        bad("CAMEO_NOTE", "note", "the note gives no rule for the code: it names no `CAMEO nnn (label)`",
            f"start the note's rule with `CAMEO {label(code, codes)}` and say why the article's words take that code "
            "(guidelines section 7)")
        return
    if cited["code"] != code:
        bad("CAMEO_NOTE", "note", f"the note gives the rule for CAMEO {label(cited['code'], codes)}, but cameo_code is {label(code, codes)}",
            f"make cameo_code and the note's first `CAMEO nnn` name the same code: set cameo_code `{cited['code']}`, or "
            f"rewrite the note for `{code}` with the rule that picks it")
        return
    given, full = cited["label"], codes[code]["label"]
    if given is not None and given not in (full, full.removesuffix(UNSPECIFIED)):
        bad("CAMEO_NOTE", "note", f"the note labels CAMEO {code} {show(given)}; CAMEO 1.1b3 labels it {show(full)}",
            f"write `CAMEO {code} ({full})` in the note, the label of data/cameo_codes.csv")


def _crosswalk(row: dict, code: str, codes: dict, walk: dict, bad) -> None:
    """plover_type and plover_mode are the crosswalk's for the code (both empty for a code it has no line for),
    unless plover_exception gives the reason they are not; an exception where they agree is stale."""
    entry = walk.get(code)
    want = (entry["plover_type"], entry["plover_mode"]) if entry else ("", "")
    have = (row.get("plover_type", ""), row.get("plover_mode", ""))
    reason = row.get("plover_exception", "")
    shown = lambda pair: f"plover_type {pair[0] or '(empty)'}, plover_mode {pair[1] or '(empty)'}"
    where = (f"the plover_crosswalk line for {label(code, codes)} (CAMEO2PLOVER-2021.txt line {entry['source_line']})" if entry
             else f"plover_crosswalk, which has no line for {label(code, codes)},")
    words = {w.casefold() for w in regex.findall(r"\p{L}+", reason)}
    stems = {v.casefold()[:max(min(len(v), 5), len(v) - 2)] for v in (*want, *have) if v}  # AGREE: agreement; COERCE: coercion
    names = any(word.startswith(stem) for word in words for stem in stems)
    if reason and (len(words) < 3 or (have != want and not names)):  # a placeholder would silence the check
        bad("PLOVER_EXCEPTION", "plover_exception", f"plover_exception {show(reason)} gives no reason: it "
            + ("is not a sentence" if len(words) < 3 else f"names neither the crosswalk's {'/'.join(v for v in want if v) or 'empty type'} "
               f"nor the chosen {'/'.join(v for v in have if v) or 'empty type'}"),
            "write in words why the event departs from the crosswalk, naming the type or mode it departs from or the one "
            f"it takes (guidelines section 7), or remove it and set {shown(want)} as the crosswalk gives")
        return
    if have != want and not reason:
        fld = "plover_type" if have[0] != want[0] else "plover_mode"
        bad("PLOVER_CROSSWALK", fld, f"{shown(have)}, but {where} gives {shown(want)}",
            f"set {shown(want)} as the crosswalk gives, or keep them and write why in `plover_exception`")
    elif have == want and reason:
        bad("PLOVER_EXCEPTION", "plover_exception", f"plover_exception {show(reason)} is given, but {shown(have)} is what {where} gives",
            "remove plover_exception: there is no departure to explain")


def _as_published(pkg, problems: list[Problem]) -> None:
    """The codebook tables are the published lists, cell for cell, as this validator's own copy of them builds
    (annotations/codebooks/): a codebook edited inside a package, and re-hashed, is not CAMEO or the crosswalk."""
    tables, found = published.load(repo_root())
    if found:
        return  # the validator's own copy is damaged: the build reports it at its line
    for name, rows in tables.items():
        pk = TABLES[name].primary_key
        want = {row[pk]: row for row in rows}
        seen = set()
        for line, row in pkg.table(name):
            key = row.get(pk, "")
            seen.add(key)
            ref = want.get(key)
            bad = lambda column, message: problems.append(Problem(f"data/{name}.csv", line, f"{pk}={key}", column, "CODEBOOK_ALTERED", message))
            if ref is None:
                bad(pk, f"`{key}` is not in the published list")
                continue
            for column in TABLES[name].columns:
                if str(ref.get(column, "") or "") != row.get(column, ""):
                    bad(column, f"{show(row.get(column, ''))} differs from the published list's {show(str(ref.get(column, '') or ''))}")
        for key in sorted(set(want) - seen):
            problems.append(Problem(f"data/{name}.csv", None, f"{pk}={key}", pk, "CODEBOOK_ALTERED", f"`{key}` of the published list is missing"))
