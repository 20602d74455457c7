"""Read a hand-written YAML file safely: the annotation format is plain YAML 1.2 mappings, lists and scalars.

Everything else YAML offers is refused before any object is built: `%YAML`/`%TAG` directives (a `%YAML 1.1`
line brings back `on`/`off` booleans), anchors and aliases (alias expansion can grow without bound), merge keys
(they override fields silently), explicit tags, several documents, nesting deeper than MAX_DEPTH and files over
MAX_BYTES. Each refusal names file:line:column and the fix.

Speed: libyaml's C parser (PyYAML's CParser) reads the file once; its events are checked for refusals and handed
to ruamel's own composer and round-trip constructor, so typing (YAML 1.2 core schema), duplicate-key detection and
line/column info are ruamel's, without ruamel's pure-Python scanner. A file libyaml cannot read
is read again with ruamel's pure parser, so every syntax error keeps ruamel's message and position.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import regex
import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml import events as ev
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from scripts.contract.encoding import decode

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: ruamel's pure parser reads alone
    CParser = None
from scripts.contract.problems import Problem, show

MAX_BYTES = 10 * 1024 * 1024  # an annotation file of one long article is about 60 kB
MAX_DEPTH = 8  # the format needs 4: file, table list, record, span
SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _problem(rel: str, mark, code: str, message: str, fix: str = "") -> Problem:
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(rel, line, "", "", code, message, fix, column)


def _refusals(raw: str, rel: str, events=None, ev=ev) -> list[Problem]:
    """The YAML features the format does not use, found from the parser's events (nothing is constructed): ruamel's
    own parse of raw, or events already read by libyaml (ev is then PyYAML's events module, of the same names)."""
    found: list[Problem] = []
    depth = documents = 0
    for event in YAML(typ="rt", pure=True).parse(raw) if events is None else events:
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
                if event.value == "<<" and not event.style:  # plain: None from ruamel, "" from libyaml
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


class _Fallback(Exception):
    """Something the fast builder leaves to ruamel: a duplicate key, a block scalar, an empty plain value, a key
    that is not a scalar, an anchor, alias or tag."""


class _Builder:
    """ruamel's round-trip structure (CommentedMap/CommentedSeq with .lc, ruamel-typed scalars) from libyaml events.

    Plain scalars are typed by ruamel's own YAML 1.2 resolver and constructor (memoized per text), so `010`,
    `2025-05-12` and `No` become exactly the objects ruamel's loader gives."""

    def __init__(self):
        self.loader = YAML(typ="rt", pure=True)
        self.resolver, self.constructor = self.loader.resolver, self.loader.constructor
        self.plain: dict[str, Any] = {}

    def scalar(self, event) -> Any:
        if event.style in ("|", ">") or event.anchor or event.tag is not None or not (event.value or event.style):
            raise _Fallback  # an empty plain value: ruamel places it on the next token, libyaml after the colon
        if event.style or not event.implicit[0]:  # quoted: text as written
            return event.value
        value = event.value
        try:
            return self.plain[value]
        except KeyError:
            pass
        tag = self.resolver.resolve(ScalarNode, value, (True, False))
        if str(tag) == "tag:yaml.org,2002:str":
            typed = value
        else:
            typed = self.constructor.construct_object(ScalarNode(tag, value, event.start_mark, event.end_mark), deep=True)
            self.constructor.constructed_objects.clear()  # ruamel keeps every node it built; these are used once
        self.plain[value] = typed
        return typed

    def build(self, events: list) -> Any:
        self.plain = {}
        stack: list = []  # [container, pending key, key mark] per open collection
        document = None
        for event in events:
            kind = type(event)
            if kind is libyaml.ScalarEvent or kind is libyaml.MappingStartEvent or kind is libyaml.SequenceStartEvent:
                if kind is libyaml.ScalarEvent:
                    node = self.scalar(event)
                else:
                    if event.anchor or event.tag is not None:
                        raise _Fallback
                    node = CommentedMap() if kind is libyaml.MappingStartEvent else CommentedSeq()
                    node._yaml_set_line_col(event.start_mark.line, event.start_mark.column)
                    if event.flow_style is True:
                        node.fa.set_flow_style()
                    elif event.flow_style is False:
                        node.fa.set_block_style()
                if not stack:
                    document = node
                else:
                    top = stack[-1]
                    parent = top[0]
                    mark = event.start_mark
                    if type(parent) is CommentedSeq:
                        parent._yaml_set_idx_line_col(len(parent), [mark.line, mark.column])
                        parent.append(node)
                    elif top[2] is None:  # a key
                        if kind is not libyaml.ScalarEvent or node in parent:
                            raise _Fallback
                        top[1], top[2] = node, mark
                    else:
                        key, key_mark = top[1], top[2]
                        parent._yaml_set_kv_line_col(key, [key_mark.line, key_mark.column, mark.line, mark.column])
                        parent[key] = node
                        top[1] = top[2] = None
                if kind is not libyaml.ScalarEvent:
                    stack.append([node, None, None])
            elif kind is libyaml.MappingEndEvent or kind is libyaml.SequenceEndEvent:
                node = stack.pop()[0]
                if not node:
                    node.fa._flow_style = None  # ruamel leaves an empty collection's style unset
            elif kind is libyaml.AliasEvent:
                raise _Fallback
        return document


@functools.cache
def _builder() -> _Builder:
    """One builder per process: a ruamel loader holds reference cycles, which would pile up while the build
    pauses the cyclic collector (scripts/runtime/collector.py)."""
    return _Builder()


def _c_events(raw: str) -> list | None:
    """Every event of the file, read by libyaml; None when libyaml refuses the file (ruamel then reads it)."""
    if CParser is None:
        return None
    parser = CParser(raw)
    try:
        events = []
        while parser.check_event():
            events.append(parser.get_event())
        return events
    except libyaml.YAMLError:
        return None
    finally:
        parser.dispose()


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
        events = _c_events(raw)
        if events is None or _refusals(raw, rel, events, libyaml.events):
            # ruamel reads the file again: its positions and messages are those the contributor has always seen
            refused = _refusals(raw, rel)
            if refused:
                return None, refused
            events = None
        if events is not None:
            try:
                return _builder().build(events), []
            except _Fallback:
                pass
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
