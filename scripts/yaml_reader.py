"""Read a hand-written YAML file safely: the annotation format is plain YAML 1.2 mappings, lists and scalars.

Everything else YAML offers is refused before any object is built: `%YAML`/`%TAG` directives (a `%YAML 1.1`
line brings back `on`/`off` booleans), anchors and aliases (alias expansion can grow without bound), merge keys
(they override fields silently), explicit tags, several documents, nesting deeper than MAX_DEPTH and files over
MAX_BYTES. Each refusal names file:line:column and the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import regex
from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from scripts.encoding import decode
from scripts.problems import Problem, show

MAX_BYTES = 10 * 1024 * 1024  # an annotation file of one long article is about 60 kB
MAX_DEPTH = 8  # the format needs 4: file, table list, record, span
SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _problem(rel: str, mark, code: str, message: str, fix: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(rel, line, "", "", code, message, fix, column)


def _refusals(raw: str, rel: str) -> list[Problem]:
    """The YAML features the format does not use, found from the parser's events (nothing is constructed)."""
    found: list[Problem] = []
    depth = documents = 0
    for event in YAML(typ="rt", pure=True).parse(raw):
        mark = event.start_mark
        if isinstance(event, ev.DocumentStartEvent):
            documents += 1
            if event.version or event.tags:
                found.append(_problem(rel, mark, "YAML_FEATURE", "the file has a `%YAML` or `%TAG` directive",
                                      "delete the directive line: the format is YAML 1.2 with no directives"))
            if documents > 1:
                found.append(_problem(rel, mark, "YAML_FEATURE", "the file holds more than one YAML document",
                                      "keep one document per file; delete the second `---`"))
        elif isinstance(event, ev.AliasEvent):
            found.append(_problem(rel, mark, "YAML_FEATURE", f"alias `*{event.anchor}`",
                                  "write the value out in full; the format uses no anchors or aliases"))
        elif isinstance(event, ev.NodeEvent):
            if event.anchor:
                found.append(_problem(rel, mark, "YAML_FEATURE", f"anchor `&{event.anchor}`",
                                      "delete the anchor; the format uses no anchors or aliases"))
            tag = getattr(event, "tag", None)
            if tag and not (isinstance(event, ev.ScalarEvent) and tag == "!"):
                found.append(_problem(rel, mark, "YAML_FEATURE", f"explicit tag `{tag}`",
                                      "delete the tag and quote the value"))
            if isinstance(event, ev.ScalarEvent):
                if event.value == "<<" and event.style is None:
                    found.append(_problem(rel, mark, "YAML_FEATURE", "merge key `<<`",
                                          "write every key of the record out; merge keys override fields silently"))
                bad = SURROGATE.search(event.value)
                if bad:
                    found.append(_problem(rel, mark, "ENCODING", f"the value holds a lone surrogate U+{ord(bad.group()):04X}",
                                          "remove the \\uD800-\\uDFFF escape; write the character itself"))
            else:
                depth += 1
                if depth > MAX_DEPTH:
                    found.append(_problem(rel, mark, "YAML_FEATURE", f"nesting deeper than {MAX_DEPTH} levels",
                                          "flatten the structure; records are mappings of scalars and one `span`"))
                    return found
        elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
            depth -= 1
    return found


def read_yaml(path: Path, rel: str) -> tuple[Any, list[Problem]]:
    """Parse a YAML 1.2 file; every refusal, syntax error and duplicate key becomes a problem."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(rel, None, "", "", "FILE_TOO_LARGE", f"the file has {size:,} bytes, the cap is {MAX_BYTES:,}",
                              "split the annotations, or check that this is the right file")]
    raw, faults = decode(path.read_bytes(), nfc=False)  # NFC is checked value by value, at the value's line
    if faults:
        return None, [Problem(rel, line, "", "", code, message) for code, line, message in faults]
    if not raw.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in raw.split("\n")):
        return None, [Problem(rel, 1, "", "", "YAML_EMPTY", "the file holds no YAML content",
                              "write the annotations, or delete the file together with its text")]
    try:
        refused = _refusals(raw, rel)
        if refused:
            return None, refused
        return YAML(typ="rt", pure=True).load(raw), []
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        code = "YAML_DUPLICATE_KEY" if type(error).__name__ == "DuplicateKeyError" else "YAML_SYNTAX"
        return None, [_problem(rel, mark, code, show((error.problem or str(error)).strip(), 200))]
    except YAMLError as error:  # a reader error: a character YAML does not allow
        position = getattr(error, "position", None)
        line = raw[:position].count("\n") + 1 if isinstance(position, int) else None
        return None, [Problem(rel, line, "", "", "YAML_SYNTAX", show(str(error).strip(), 200))]
    except RecursionError:
        return None, [Problem(rel, None, "", "", "YAML_FEATURE", "the structure is nested too deeply to read")]
