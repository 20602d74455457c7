"""The cue-type table: the reporting verbs of English news, the evidential phrases and the nominal cue nouns, each
with the cue type it takes. One hand-written source, annotations/cue_verbs.yaml; the guidelines' table (section
4.2.1) is written from it by scripts.docs.cue_verbs, and the cue types are those of scripts/contract/fields.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.annotations.yaml_reader import read_yaml
from scripts.contract.fields import FIELDS
from scripts.contract.problems import Problem

TABLE = "annotations/cue_verbs.yaml"
KEYS = ("lemma", "part", "cue_type", "forms", "example")
# what each part of speech may carry: a noun is a nominal cue and a prepositional phrase an evidential one, and
# neither type is taken by a verb (guidelines, section 4.2)
PARTS = {"verb": None, "phrase": "evidential", "noun": "nominal"}


@dataclass(frozen=True)
class Cue:
    lemma: str
    part: str
    cue_type: str
    forms: tuple[str, ...]
    example: str
    line: int


def cue_types() -> list[str]:
    return FIELDS["cue_type"].enum


def load(root: Path, rel: str = TABLE) -> tuple[list[Cue], list[Problem]]:
    """Every entry of the table, in file order, and every problem with it (file, line, key and a fix)."""
    doc, problems = read_yaml(root / rel, rel)
    if problems:
        return [], problems
    items = doc.get("cues") if hasattr(doc, "get") else None
    if not isinstance(items, list):
        return [], [Problem(rel, 1, "", "cues", "MISSING_KEY", "the file has no list `cues`", "write `cues:` with one entry a line")]
    cues, seen = [], {}
    for item in items:
        line = item.lc.line + 1 if hasattr(item, "lc") else None
        bad = lambda column, code, message, fix: problems.append(Problem(rel, line, str(item.get("lemma", "")) if hasattr(item, "get") else "", column, code, message, fix))
        if not hasattr(item, "get"):
            bad("", "WRONG_TYPE", "an entry is not a mapping", "write {lemma: ..., part: ..., cue_type: ..., forms: [...], example: ...}")
            continue
        for key in sorted(set(item) - set(KEYS)):
            bad(key, "UNKNOWN_KEY", f"unknown key {key!r}", f"use only {', '.join(KEYS)}")
        missing = [key for key in KEYS if not item.get(key)]
        for key in missing:
            bad(key, "MISSING_KEY", f"{key} is missing or empty", "fill it")
        if missing:
            continue
        lemma, part, kind, forms = str(item["lemma"]), str(item["part"]), str(item["cue_type"]), item["forms"]
        if part not in PARTS:
            bad("part", "BAD_CATEGORY", f"part {part!r}", f"use one of {', '.join(PARTS)}")
        if kind not in cue_types():
            bad("cue_type", "BAD_CATEGORY", f"cue_type {kind!r} is not a cue type", f"use one of {', '.join(cue_types())} (scripts/contract/fields.py)")
        elif part in PARTS and ((PARTS[part] is not None and kind != PARTS[part])
                                or (PARTS[part] is None and kind in PARTS.values())):
            bad("cue_type", "BAD_CATEGORY", f"a {part} with cue_type {kind}",
                "a noun is nominal, a prepositional phrase evidential, and a verb neither")
        if not isinstance(forms, list) or not all(isinstance(f, str) and f for f in forms):
            bad("forms", "WRONG_TYPE", "forms is not a list of words", "write forms: [\"say\", \"says\", \"said\", \"saying\"]")
            continue
        if (lemma, part) in seen:
            bad("lemma", "DUPLICATE_ID", f"{lemma} ({part}) is listed twice, first at line {seen[(lemma, part)]}", "keep one entry")
            continue
        seen[(lemma, part)] = line
        cues.append(Cue(lemma, part, kind, tuple(forms), str(item["example"]), line))
    return cues, problems


def by_form(cues: list[Cue]) -> dict[tuple[str, str], str]:
    """(form as printed, part) -> cue type, for a rule that checks a cue against the table."""
    return {(form.lower(), cue.part): cue.cue_type for cue in cues for form in cue.forms}
