"""The build, start to end: read every annotation file and text, compute the tables, write them into a staging
folder, validate them there, and swap them into place as one recoverable step. Nothing is written unless the whole
build and its validation succeed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from scripts.annotations import codebooks
from scripts.annotations.loader import REGISTRY, load_article, load_package_meta, load_registry
from scripts.annotations.provenance import attach, source_map
from scripts.annotations.sources import read_source
from scripts.build import primary
from scripts.build.transform import article_rows, build_tables
from scripts.build.write import render_files, write_files
from scripts.contract import build_record, identity
from scripts.contract.paths import BUILD_NOTE_TEXT
from scripts.contract.problems import Problem, ProblemsFound, notice, notices_kept, say_notices
from scripts.rules import versions
from scripts.runtime.background import in_background
from scripts.runtime.collector import collector_paused
from scripts.runtime.progress import LONG, steps
from scripts.runtime.lock import repository_lock
from scripts.runtime.swap import commit, recover
from scripts.validate.core import STAGES, validate


def load(root: Path):
    """Read package metadata, the entity registry, every annotation file and every article text; collect every
    problem. Returns (meta, annotations, sources, problems, registry)."""
    problems: list[Problem] = []
    meta, found = load_package_meta(root / "annotations" / "package.yaml", "annotations/package.yaml")
    problems += found
    registry, found = load_registry(root / REGISTRY)
    problems += found
    annotations, sources, prepared = [], {}, {}
    yaml_files = sorted((root / "annotations" / "articles").glob("*.yaml"))
    half = len(yaml_files) // 2 if len(yaml_files) >= LONG else 0
    theirs = in_background(_read_articles, root, yaml_files[:half]) if half else list  # the first half on the other core
    mine = _read_articles(root, steps(yaml_files[half:], "reading annotations"))
    for ann, source, found, rows in theirs() + mine:
        problems += found
        if source:
            annotations.append(ann)
            sources[ann.article_id] = source
            prepared[ann.article_id] = rows
    annotated = {path.stem for path in yaml_files}
    for text_path in sorted((root / "sources").glob("*.txt")):
        if text_path.stem not in annotated:
            problems.append(Problem(f"sources/{text_path.name}", None, "", "", "ARTICLE_MISSING",
                                    f"no annotation file annotations/articles/{text_path.stem}.yaml"))
    return meta, annotations, sources, problems, registry, prepared


def _read_articles(root: Path, paths) -> list[tuple]:
    """(annotation, source, problems, rows) for each annotation file: its records, its article text, and its rows
    with the problems met making them (tables.article_rows)."""
    return [_read_article(root, path) for path in paths]


def _read_article(root: Path, path: Path) -> tuple:
    rel = path.relative_to(root).as_posix()
    ann, problems = load_article(path, rel)
    if ann is None:
        return None, None, problems, None
    if ann.article_id != path.stem:
        problems.append(Problem(rel, ann.line, "article", "article_id", "BAD_VALUE",
                                f"article_id `{ann.article_id}` differs from the file name `{path.stem}`",
                                f"name the file annotations/articles/{ann.article_id}.yaml, or change article_id"))
        return ann, None, problems, None
    text_path = root / "sources" / f"{ann.article_id}.txt"
    if not text_path.exists():
        problems.append(Problem(rel, ann.line, "article", "article_id", "ARTICLE_MISSING",
                                f"no article text at sources/{ann.article_id}.txt"))
        return ann, None, problems, None
    source, found = read_source(text_path, f"sources/{ann.article_id}.txt", ann.article_id)
    return ann, source, problems + found, article_rows(ann, source) if source else None


@collector_paused
def _built(root: Path):
    """(files, package metadata, annotations), or ProblemsFound with every problem."""
    meta, annotations, sources, problems, registry, prepared = load(root)
    if problems:
        raise ProblemsFound(problems)
    tables, problems = build_tables(annotations, sources, registry, prepared, versions.released_articles(root))
    primary_tables, found = primary.build_rows(root, annotations)
    tables.update(primary_tables)
    problems += found
    codebook_tables, found = codebooks.load(root)  # reference tables, checked against the events by the validator
    tables.update(codebook_tables)
    problems += found
    if problems:
        raise ProblemsFound(attach(problems, source_map(annotations, registry)))
    for key in identity.stale(meta, len(annotations)):
        notice(f"annotations/package.yaml: the {key} says one article, but the package holds {len(annotations)}; "
               f"write `{{articles}}` where it counts them (docs/adding-an-article.md, step 8)")
    meta = identity.resolved(meta, len(annotations))
    files = render_files(tables, {a: s.data for a, s in sources.items()}, meta)
    files.update({rel: text.encode("utf-8") for rel, text in BUILD_NOTE_TEXT.items()})
    files[build_record.RECORD] = build_record.render(root, files)
    return files, meta, (annotations, registry)


def build(root: Path) -> dict[str, bytes]:
    """Every output file's bytes, or ProblemsFound with every problem."""
    return _built(root)[0]


def build_and_validate(root: Path, after_step=None, stages=STAGES) -> dict[str, bytes]:
    """Build into a staging directory, validate it there, then commit it into place as one recoverable step.
    stages are the validator's stages to run on the staged package (all by default; a test names fewer).

    A corpus of LONG articles or more is built in a helper process that writes the staged package and exits, so
    its memory (every annotation, every row) is given back before the validation reads the package: the two never
    hold memory at once. A smaller one is built here, where forking would cost more than it saves."""
    with repository_lock(root, what="the build"):
        return _build_and_validate(root, after_step, stages)


def _build_and_validate(root: Path, after_step, stages) -> dict[str, bytes]:
    note = recover(root)
    if note:
        print(f"note [INTERRUPTED_BUILD] {note}", file=sys.stderr)
    with tempfile.TemporaryDirectory(dir=root, prefix=".build-", ignore_cleanup_errors=True) as staging:
        staged = Path(staging)
        large = len(list((root / "annotations" / "articles").glob("*.yaml"))) >= LONG
        meta, written, problems, notices = (in_background(_build_into, root, staged) if large
                                            else lambda: _build_into(root, staged))()
        say_notices(notices)
        if problems:
            raise ProblemsFound(problems)
        problems = validate(staged, root, meta, stages=stages)
        if problems:  # read the annotations again, only now, to name the line behind each generated row
            _, annotations, _, _, registry, _ = load(root)
            raise ProblemsFound(attach(problems, source_map(annotations, registry)))
        files = {rel: (staged / rel).read_bytes() for rel in written}
        commit(staged, root, after_step)
    return files


def _build_into(root: Path, staged: Path) -> tuple[dict, list[str], list[Problem], list[str]]:
    """Build and write the files under staged: (package metadata, the files written, problems, notices)."""
    with notices_kept() as notices:
        try:
            files, meta = _built(root)[:2]
        except ProblemsFound as found:
            return {}, [], found.problems, notices
    write_files(files, staged)
    return meta, sorted(files), [], notices


def stale_files(root: Path) -> list[str]:
    """Committed outputs that differ from a fresh build (or are missing, or are left over)."""
    files = build(root)
    stale = [rel for rel, data in files.items() if not (root / rel).is_file() or (root / rel).read_bytes() != data]
    extra = [p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file()]
    return sorted(stale + [rel for rel in extra if rel not in files])
