"""Checks that run before any reader opens a data file: the descriptor, the contract and every path.

Frictionless and every client believe the descriptor's `path`, `encoding` and `dialect`, and follow a path wherever
it points (URLs included). So the descriptor is read as strict JSON, checked against the Data Package v2 profile,
and compared with what scripts/contract/fields.py renders; and every path is a plain relative path to a regular file inside
the package, under a size cap, reached through no symbolic link. Only then may a reader open a data file.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import regex

from scripts.contract import csvw, lexical
from scripts.contract import descriptor as rendered
from scripts.contract import text_free as text_free_tables
from scripts.rules import text_free as text_free_rule
from scripts.contract.descriptor import TEXT_FREE, text_free
from scripts.contract.paths import BUILD_NOTE_TEXT, BUILD_NOTES, MAX_DESCRIPTOR_BYTES, MAX_FILES, open_safely, safe_relative
from scripts.contract.fields import TABLES
from scripts.contract.problems import Problem, show
from scripts.contract.reader import read_table

DESCRIPTOR = "datapackage.json"
MARKUP = regex.compile(r"<[A-Za-z/!?]|\]\(|`|&[A-Za-z#][A-Za-z0-9]*;")
DATA_KEYS = ("bytes", "hash")  # the only resource keys that depend on the data


class _Duplicate(ValueError):
    pass


@dataclass
class Preflight:
    """The outcome: the parsed descriptor (when readable), the safe declared paths, and every problem."""
    descriptor: dict | None = None
    paths: dict[str, Path] = field(default_factory=dict)  # declared path -> file, for the paths that passed
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: str, fld: str, code: str, message: str, file: str = DESCRIPTOR, fix: str = "") -> None:
        self.problems.append(Problem(file, None, key, fld, code, message, fix))

    @property
    def readable(self) -> bool:
        """True when readers may open the declared files: the descriptor is sound and no path is unsafe."""
        fatal = {"DESCRIPTOR_JSON", "DESCRIPTOR_SCHEMA", "DESCRIPTOR_CONTRACT", "UNSAFE_PATH", "NOT_A_REGULAR_FILE",
                 "FILE_TOO_LARGE", "RESOURCE_INTEGRITY"}
        return self.descriptor is not None and not any(p.code in fatal for p in self.problems)


def _pairs(pairs):
    keys = [k for k, _ in pairs]
    duplicate = next((k for k in keys if keys.count(k) > 1), None)
    if duplicate is not None:
        raise _Duplicate(f"the key {show(duplicate)} appears twice in one object")
    return dict(pairs)


def _constant(name):
    raise ValueError(f"{name} is not JSON")


_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def _strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif isinstance(node, str):
        yield node


def strict_json(data: bytes) -> tuple[dict | None, str | None]:
    """The descriptor, or why it is not strict JSON (UTF-8, no BOM, no duplicate key, no NaN, no lone surrogate)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return None, "it starts with a byte-order mark"
    try:
        text = data.decode("utf-8")
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except UnicodeDecodeError as error:
        return None, f"byte {error.start} is not UTF-8"
    except (ValueError, RecursionError) as error:
        return None, show(str(error), 160)
    if not isinstance(value, dict):
        return None, "the top level is not an object"
    lone = _LONE_SURROGATE.search(json.dumps(value, ensure_ascii=False))  # one scan; then the string that holds it
    if lone:
        text = next(t for t in _strings(value) if _LONE_SURROGATE.search(t))
        return None, f"the string {show(text)} holds a lone surrogate"
    for number in _numbers(value):
        if isinstance(number, float) and not math.isfinite(number):
            return None, "a number is not finite"
    return value, None


def _numbers(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _numbers(v)
    elif isinstance(node, list):
        for v in node:
            yield from _numbers(v)
    elif isinstance(node, (int, float)) and not isinstance(node, bool):
        yield node


def read_descriptor(root: Path, result: Preflight) -> None:
    path, code, why = open_safely(root, DESCRIPTOR, MAX_DESCRIPTOR_BYTES)
    if path is None:
        code = "DESCRIPTOR_JSON" if code == "RESOURCE_INTEGRITY" else code
        result.add("", "", code, f"datapackage.json cannot be read: {why}")
        return
    result.descriptor, why = strict_json(path.read_bytes())
    if why:
        result.add("", "", "DESCRIPTOR_JSON", f"datapackage.json is not strict JSON: {why}")


@functools.cache
def _profile() -> tuple[jsonschema.Draft7Validator, jsonschema.Draft7Validator]:
    """The Data Package v2 profile as two validators: the package without its resources' items, and one resource.
    The profile inlines every definition (no $ref), so checking each item with the item schema is what the whole
    profile checks."""
    profile = json.loads(rendered.PROFILE_FILE.read_text(encoding="utf-8"))
    items = profile["properties"]["resources"]["items"]
    package = copy.deepcopy(profile)
    del package["properties"]["resources"]["items"]
    return jsonschema.Draft7Validator(package), jsonschema.Draft7Validator(items)


@functools.lru_cache(maxsize=4096)
def _resource_errors(text: str) -> tuple[tuple[tuple, str], ...]:
    """(path, message) of each way one resource breaks the profile, remembered by the resource's JSON: a corpus
    revalidated after one edit meets the same resources again."""
    return tuple((tuple(e.absolute_path), e.message) for e in _profile()[1].iter_errors(json.loads(text)))


def check_profile(result: Preflight) -> None:
    package, _ = _profile()
    errors = [(tuple(e.absolute_path), e.message) for e in package.iter_errors(result.descriptor)]
    resources = result.descriptor.get("resources")
    if isinstance(resources, list):
        for i, resource in enumerate(resources):
            text = json.dumps(resource, sort_keys=True, ensure_ascii=False)
            errors += [(("resources", i, *where), message) for where, message in _resource_errors(text)]
    for where, message in sorted(errors, key=lambda e: list(map(str, e[0])))[:50]:
        result.add("", "/".join(str(p) for p in where), "DESCRIPTOR_SCHEMA", show(message, 200))
    if result.descriptor.get("$schema") != rendered.PROFILE:
        result.add("", "$schema", "DESCRIPTOR_SCHEMA", f"the profile must be {rendered.PROFILE}")


def check_metadata(result: Preflight) -> None:
    """SemVer, a real RFC 3339 timestamp, licences present, absolute https URLs, plain-text titles and names."""
    d = result.descriptor
    bad = lambda fld, message: result.add("package", fld, "PACKAGE_METADATA", message)
    if not isinstance(d.get("version"), str) or not lexical.VERSION.fullmatch(d["version"]):
        bad("version", f"{show(str(d.get('version')))} is not a release version MAJOR.MINOR.PATCH such as 1.0.0 (docs/versioning.md)")
    created = d.get("created")
    why = lexical.rfc3339(created) if isinstance(created, str) else "`created` is missing"
    if why:
        bad("created", why)
    if not d.get("licenses"):
        bad("licenses", "the package declares no licence")
    for where, url in _urls(d):
        if not isinstance(url, str) or not regex.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", url):
            bad(where, f"{show(str(url))} is not an absolute https URL")
    for where, text in _titles(d):
        if isinstance(text, str) and MARKUP.search(text):
            bad(where, f"{show(text)} holds markup ({show(MARKUP.search(text).group())}); titles and names are plain text")


def _urls(d: dict):
    if "homepage" in d:
        yield "homepage", d["homepage"]
    for key in ("licenses", "sources", "contributors"):
        for i, item in enumerate(d.get(key) or []):
            if isinstance(item, dict) and "path" in item:
                yield f"{key}/{i}/path", item["path"]


def _titles(d: dict):
    for key in ("name", "title"):
        yield key, d.get(key)
    for key in ("licenses", "sources", "contributors", "resources"):
        for i, item in enumerate(d.get(key) or []):
            if isinstance(item, dict):
                for sub in ("name", "title"):
                    yield f"{key}/{i}/{sub}", item.get(sub)


def declared_articles(root: Path) -> list[str] | None:
    """The article IDs listed in data/articles.csv, read strictly, or None when it cannot be read safely."""
    path, _, _ = open_safely(root, "data/articles.csv")
    if path is None:
        return None
    problems: list = []
    try:
        _, rows = read_table(path, "data/articles.csv", TABLES["articles"].columns, problems)
    except (UnicodeDecodeError, OSError):
        return None
    return None if problems else sorted(row["article_id"] for row in rows)


def expected_resources(d: dict, article_ids: list[str], meta: dict | None) -> list[dict]:
    """Every resource as scripts/contract/fields.py renders it, without the data-dependent keys."""
    licenses = (meta or {}).get("licenses", d.get("licenses"))
    if meta is not None:
        text_license = meta.get("text_license")
    else:
        texts = [r for r in d.get("resources", []) if isinstance(r, dict) and str(r.get("name", "")).startswith("article-")]
        text_license = (texts[0].get("licenses") or [None])[0] if texts else None
    resources = [] if text_free(d) and meta is None else [rendered.text_resource(a, b"", text_license) for a in article_ids]
    variant = text_free(d) and meta is None
    resources += [rendered.table_resource(text_free_tables.table(t) if variant else t, b"", licenses) for t in TABLES.values()]
    return [{k: v for k, v in r.items() if k not in DATA_KEYS} for r in resources]


def check_contract(root: Path, result: Preflight, meta: dict | None) -> None:
    """Every resource equals what fields.py renders, in order; only bytes and hash come from the data."""
    d = result.descriptor
    actual = [r for r in d.get("resources", []) if isinstance(r, dict)]
    article_ids = declared_articles(root)
    if article_ids is None:
        article_ids = sorted(str(r.get("name"))[len("article-"):] for r in actual if str(r.get("name", "")).startswith("article-"))
    expected = expected_resources(d, article_ids, meta)
    by_name = {r.get("name"): r for r in actual}
    by_path = {w.get("path"): w["name"] for w in expected if isinstance(w.get("path"), str)}
    nameless = {}  # expected name -> position of the resource at its path that has no name
    for i, r in enumerate(d.get("resources", [])):
        if isinstance(r, dict) and not isinstance(r.get("name"), str) and by_path.get(r.get("path")) is not None:
            nameless[by_path[r["path"]]] = i
            result.add("", f"resources/{i}/name", "DESCRIPTOR_CONTRACT",
                       f"the resource at {show(r['path'])} has no name (the contract names it `{by_path[r['path']]}`)")
    for want in expected:
        have = by_name.get(want["name"])
        key = f"resource={want['name']}"
        if have is None:
            if want["name"] not in nameless:
                result.add(key, "", "DESCRIPTOR_CONTRACT", "the resource is missing from datapackage.json")
            continue
        for k in sorted(set(want) | set(have) - set(DATA_KEYS)):
            if have.get(k) != want.get(k):
                where, got, wanted = _difference(have.get(k), want.get(k), k)
                result.add(key, k, "DESCRIPTOR_CONTRACT",
                           f"`{where}` is {show(json.dumps(got, ensure_ascii=False), 100)}, fields.py renders "
                           f"{show(json.dumps(wanted, ensure_ascii=False), 100)}")
    names = [w["name"] for w in expected]
    for r in actual:
        if not isinstance(r.get("name"), str):
            if by_path.get(r.get("path")) is None:
                result.add("", f"resources/{d['resources'].index(r)}/name", "DESCRIPTOR_CONTRACT",
                           f"a resource (path {show(str(r.get('path')))}) has no name and is not part of the package's contract")
        elif r.get("name") not in names:
            result.add(f"resource={r.get('name')}", "", "DESCRIPTOR_CONTRACT", "the resource is not part of the package's contract")
    if [r.get("name") for r in actual if r.get("name") in names] != [n for n in names if n in by_name]:
        result.add("", "resources", "DESCRIPTOR_CONTRACT", "the resources are not in the contract's order")
    if text_free(d):
        for key, fld, message, fix in text_free_rule.declared_text(d):
            result.add(key, fld, "TEXT_FREE_HOLDS_TEXT", message, fix=fix)
    allowed = {"$schema", "resources", *rendered.PACKAGE_KEYS}
    for k in d:
        if k not in allowed and not (meta is None and ((k, d[k]) == TEXT_FREE or (k == text_free_tables.TEXT_LICENSE_KEY and text_free(d)))):
            result.add("package", k, "DESCRIPTOR_CONTRACT", f"`{k}` is not a key of the package's contract")
    if meta is not None:
        wanted = rendered.package_metadata(meta)
        for k in rendered.PACKAGE_KEYS:
            if d.get(k) != wanted.get(k):
                result.add("package", k, "DESCRIPTOR_CONTRACT", f"`{k}` differs from annotations/package.yaml")


def _difference(have, want, where: str):
    """The first place two JSON values differ, as (path, have, want)."""
    if isinstance(have, dict) and isinstance(want, dict):
        for k in list(want) + [k for k in have if k not in want]:
            if have.get(k, _MISSING) != want.get(k, _MISSING):
                return _difference(have.get(k), want.get(k), f"{where}/{k}")
    if isinstance(have, list) and isinstance(want, list) and len(have) == len(want):
        for i, (a, b) in enumerate(zip(have, want)):
            if a != b:
                label = b.get("name", i) if isinstance(b, dict) else i
                return _difference(a, b, f"{where}/{label}")
    return where, have, want


_MISSING = object()


def check_paths(root: Path, result: Preflight) -> None:
    """Every declared path is safe and exists; every file under data/ is declared."""
    declared = set()
    for r in result.descriptor.get("resources", []):
        if not isinstance(r, dict):
            continue
        key = f"resource={r.get('name')}"
        rel = r.get("path")
        for k in ("data", "dialect", "schema"):
            if isinstance(r.get(k), str):
                result.add(key, k, "UNSAFE_PATH", f"`{k}` points at {show(r[k])}; it must be given inline")
        why = safe_relative(rel)
        if why:
            result.add(key, "path", "UNSAFE_PATH", f"{show(str(rel))}: {why}")
            continue
        declared.add(rel)
        path, code, why = open_safely(root, rel)
        if path is None:
            result.add(key, "path", code, f"{rel}: {why}", file=rel)
        else:
            result.paths[rel] = path
    if text_free(result.descriptor):
        for article_id in declared_articles(root) or []:
            rel = f"data/articles/{article_id}.txt"
            path, code, why = open_safely(root, rel)
            declared.add(rel)
            if path is not None:
                result.paths[rel] = path  # the user's own copy; rules.articles checks its sha256
            elif code != "RESOURCE_INTEGRITY":
                result.add(f"article_id={article_id}", "path", code, f"{rel}: {why}", file=rel)
    _undeclared(root, declared, result)


def build_notes(root: Path, result: Preflight) -> set[str]:
    """Files the build writes beside the resources: the folder's README and the CSV on the Web metadata, which must
    equal what the exporter renders from this descriptor (so it cannot say something the descriptor does not)."""
    notes = set(BUILD_NOTES)
    for rel, text in BUILD_NOTE_TEXT.items():
        path, _, _ = open_safely(root, rel)
        if path is not None and path.read_bytes() != text.encode("utf-8"):
            result.add("", "", "DESCRIPTOR_CONTRACT", f"{rel} differs from the note the build writes there, so it may say "
                       "what the package does not", file=rel)
    try:
        expected = csvw.files(json.dumps(result.descriptor).encode("utf-8"))
    except Exception:  # noqa: BLE001 - a descriptor the exporter cannot read is reported by the checks above
        return notes
    for rel, data in expected.items():
        notes.add(rel)
        path, _, _ = open_safely(root, rel)
        if path is not None and path.read_bytes() != data:
            result.add("", "", "DESCRIPTOR_CONTRACT", f"{rel} differs from the CSV on the Web metadata this descriptor renders", file=rel)
    return notes


def _undeclared(root: Path, declared: set[str], result: Preflight) -> None:
    if any(p.code in ("DESCRIPTOR_SCHEMA", "UNSAFE_PATH") for p in result.problems):
        return  # a descriptor whose resources or paths are broken does not say what it declares: "delete the file" would delete data
    notes = build_notes(root, result)
    data = root / "data"
    if not data.is_dir() or data.is_symlink():
        return
    seen = 0
    for folder, dirs, files in os.walk(data, followlinks=False):
        for name in sorted(dirs + files):
            full = Path(folder) / name
            rel = full.relative_to(root).as_posix()
            seen += 1
            if seen > MAX_FILES:
                result.add("", "", "FILE_TOO_LARGE", f"data/ holds more than {MAX_FILES:,} entries; the rest were not examined", file="data")
                return
            if full.is_symlink():
                result.add("", "", "NOT_A_REGULAR_FILE", f"{rel} is a symbolic link", file=rel)
            elif full.is_file() and rel not in declared and rel not in notes:
                result.add("", "", "UNDECLARED_FILE", f"{rel} is not declared in datapackage.json", file=rel)
            elif not full.is_file() and not full.is_dir():  # a FIFO, socket or device: reading it could block or never end
                result.add("", "", "NOT_A_REGULAR_FILE", f"{rel} is not a regular file (a FIFO, socket or device)", file=rel)


def run(root: Path, meta: dict | None = None) -> Preflight:
    """Every pre-flight check; meta is annotations/package.yaml's content when validating the repository."""
    result = Preflight()
    read_descriptor(root, result)
    if result.descriptor is None:
        return result
    check_profile(result)
    check_metadata(result)
    check_paths(root, result)
    check_contract(root, result, meta)
    return result
