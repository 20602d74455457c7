"""Inter-annotator agreement between the curated annotation of an article and a blind second annotation.

Usage: python -m scripts.measure.agreement [--check] [--root DIR]

For every article, annotations/articles/<id>.yaml is compared with annotations/agreement/<id>.second.yaml: per
span table, span F1 (exact, and overlapping); for the categorical columns both annotators filled on the same span,
Krippendorff's alpha (nominal, the `krippendorff` package) and raw agreement. The figures go to docs/agreement.md
(generated; --check exits 1 when the committed page differs). An article without a second file is named as pending
on stderr and left off the page, so adding an article changes no page.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from scripts.annotations.loader import REGISTRY, load_article, load_registry
from scripts.annotations.sources import read_source
from scripts.annotations.yaml_reader import read_yaml
from scripts.build.transform import build_tables
from scripts.measure import alignments
from scripts.measure.scores import Agreement, SpanScore, agreement, span_scores
from scripts.runtime import cli
from scripts.runtime.templates import render as render_template

PAGE = "docs/agreement.md"
DECISION_LOG = "docs/decisions.md"
DECISION = re.compile(r"\bA([0-9]{1,3})\b")  # a decision number of the decision log, as notes cite it ("ambiguity A3")

# Span tables compared, and the categorical columns compared on their matched rows: (column, label).
SPAN_TABLES = ("mentions", "quotes", "facts", "figures", "events", "time_expressions")
CATEGORICAL = {
    "mentions": (("entity_id", "entity link (mention to entity)"), ("form", "mention form")),
    "quotes": (("speaker_id", "speaker"), ("kind", "kind"), ("cue_type", "cue type"), ("channel", "channel")),
    "facts": (("claimant_id", "claimant"), ("factuality", "factuality"), ("author_factuality", "author factuality"),
              ("basis", "basis")),
    "figures": (("value", "value"), ("unit", "unit"), ("direction", "direction")),
    "events": (("cameo_code", "CAMEO"), ("plover_type", "PLOVER type"), ("plover_mode", "PLOVER mode"), ("actor_id", "actor")),
    "time_expressions": (("type", "TIMEX3 type"), ("value", "TIMEX3 value")),
    "entities": (("wikidata", "entity link (Wikidata)"),),
    "temporal_links": (("rel_type", "TLINK relation type"),),
}
ENTITY_COLUMNS = {"entity_id", "speaker_id", "claimant_id", "actor_id", "subject_id", "object_id", "recipient_id"}


@dataclass
class TableResult:
    name: str
    spans: SpanScore | None
    agreements: list[Agreement]
    only_first: list[str]
    only_second: list[str]


@dataclass
class StudyRun:
    """One study's figures: its second file against the curated file as it stood when the second file arrived
    (before), and against the adjudicated curated file (after; with the second file as adjudicated, when the study
    records one)."""
    study: dict
    second_file: str
    status: str = "pending"  # "pending" or "measured"
    problems: list[str] = field(default_factory=list)
    tables: list[TableResult] = field(default_factory=list)
    after: list[TableResult] = field(default_factory=list)
    unadjudicated: bool = False  # the curated file is as it was frozen and no adjudicated second file exists
    after_file: str = ""  # the second file the "after" figures compare (the adjudicated one, or the second file itself)
    cited: list[str] = field(default_factory=list)  # decision numbers the second file cites, in order
    citations: int = 0  # places it cites them


@dataclass
class ArticleResult:
    article_id: str
    second_file: str
    status: str  # "pending" or "measured"
    problems: list[str] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    alignments: object = None  # scripts.measure.alignments.AlignmentResult, when a second alignment file exists
    studies: list[dict] = field(default_factory=list)  # <id>.study.yaml: what each second annotator was given
    runs: list[StudyRun] = field(default_factory=list)  # each study's figures, in the order of study.yaml
    logged: list[str] = field(default_factory=list)  # the decision numbers the decision log lists for this article


# ---------------------------------------------------------------- alignment of the two annotations

def _span(row: dict) -> tuple[int, int]:
    return row["start"], row["end"]


def align(first: list[dict], second: list[dict], columns: tuple[str, ...]) -> list[tuple[dict, dict]]:
    """Rows paired one to one on identical spans; rows sharing a span are paired to agree on most columns, in a
    fixed order, so the pairing never depends on file order."""
    by_span: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for row in second:
        by_span[_span(row)].append(row)
    pairs = []
    for span in sorted({_span(r) for r in first}):
        mine = sorted((r for r in first if _span(r) == span), key=lambda r: tuple(str(r.get(c) or "") for c in columns))
        theirs = sorted(by_span.get(span, []), key=lambda r: tuple(str(r.get(c) or "") for c in columns))
        for row in mine:
            if not theirs:
                break
            best = max(theirs, key=lambda o: sum((row.get(c) or "") == (o.get(c) or "") for c in columns))
            theirs.remove(best)
            pairs.append((row, best))
    return pairs


def overlapping(first: list[dict], second: list[dict], paired: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Rows left unpaired by identical spans, paired one to one with the unpaired row they overlap most (ties: the
    earlier span). Used only to map event and time IDs for temporal links, since annotators may choose different
    trigger words for one event ("discussion" or "constructive discussion")."""
    used_first, used_second = {id(m) for m, _ in paired}, {id(t) for _, t in paired}
    mine = sorted((r for r in first if id(r) not in used_first), key=_span)
    theirs = sorted((r for r in second if id(r) not in used_second), key=_span)
    pairs = []
    for row in theirs:
        size = lambda m: min(m["end"], row["end"]) - max(m["start"], row["start"])
        candidates = [m for m in mine if size(m) > 0]
        if candidates:
            best = max(candidates, key=lambda m: (size(m), -m["start"]))
            mine.remove(best)
            pairs.append((best, row))
    return pairs


def entity_map(first: dict[str, list[dict]], second: dict[str, list[dict]]) -> dict[str, str]:
    """Second annotator's entity IDs translated to the first's, by the entity most of their shared mentions name."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for mine, theirs in align(first["mentions"], second["mentions"], ()):
        votes[theirs["entity_id"]][mine["entity_id"]] += 1
    return {theirs: counter.most_common(1)[0][0] for theirs, counter in sorted(votes.items())}


def _translate(rows: list[dict], mapping: dict[str, str]) -> list[dict]:
    return [{k: (mapping.get(v, v) if k in ENTITY_COLUMNS and v else v) for k, v in row.items()} for row in rows]


def compare(first: dict[str, list[dict]], second: dict[str, list[dict]]) -> list[TableResult]:
    """Every table's span scores and categorical agreement."""
    entities = entity_map(first, second)
    second = {name: _translate(rows, entities) for name, rows in second.items()}
    results = []
    ids: dict[str, str] = {}  # second's event/timex ID -> first's, by identical span
    for name in SPAN_TABLES:
        columns = tuple(c for c, _ in CATEGORICAL.get(name, ()))
        pairs = align(first.get(name, []), second.get(name, []), columns)
        if name in ("events", "time_expressions"):
            pk = "event_id" if name == "events" else "timex_id"
            ids.update({theirs[pk]: mine[pk] for mine, theirs in pairs + overlapping(first.get(name, []), second.get(name, []), pairs)})
        spans = span_scores([_span(r) for r in first.get(name, [])], [_span(r) for r in second.get(name, [])])
        both = lambda c: [(str(m[c]), str(t[c])) for m, t in pairs if m.get(c) not in (None, "") and t.get(c) not in (None, "")]
        matched_first, matched_second = {_span(m) for m, _ in pairs}, {_span(t) for _, t in pairs}
        results.append(TableResult(
            name, spans, [agreement(label, both(c)) for c, label in CATEGORICAL.get(name, ())],
            _unmatched(first.get(name, []), matched_first), _unmatched(second.get(name, []), matched_second)))
    results.append(_entities(first, second, entities))
    results.append(_links(first, second, ids))
    return results


def _unmatched(rows: list[dict], matched: set[tuple[int, int]]) -> list[str]:
    """The text of each distinct span left unpaired, in text order."""
    spans = {_span(r): r["text"] for r in rows if _span(r) not in matched}
    return [spans[span] for span in sorted(spans)]


def _entities(first, second, mapping) -> TableResult:
    theirs = {row["entity_id"]: row for row in second.get("entities", [])}
    pairs = [(mine, theirs[mine["entity_id"]]) for mine in first.get("entities", []) if mine["entity_id"] in theirs]
    both = [(m["wikidata"], t["wikidata"]) for m, t in pairs if m.get("wikidata") and t.get("wikidata")]
    return TableResult("entities", None, [agreement(CATEGORICAL["entities"][0][1], both)],
                       sorted(r["name"] for r in first.get("entities", []) if r["entity_id"] not in theirs),
                       sorted(r["name"] for r in second.get("entities", []) if r["entity_id"] not in {m["entity_id"] for m in first.get("entities", [])}))


def _links(first, second, ids) -> TableResult:
    """Temporal links compared as (source, target) pairs after mapping the second's events and times to the first's."""
    key = lambda r, m: (m.get(r["source_id"], r["source_id"]), m.get(r["target_id"], r["target_id"]))
    mine = {key(r, {}): r for r in first.get("temporal_links", [])}
    theirs = {key(r, ids): r for r in second.get("temporal_links", [])}
    shared = sorted(set(mine) & set(theirs))
    a, b = len(mine), len(theirs)
    f1 = 2 * len(shared) / (a + b) if a + b else 1.0
    spans = SpanScore(a, b, len(shared), f1, len(shared) / b if b else 0.0, len(shared) / a if a else 0.0, f1)
    both = [(mine[k]["rel_type"], theirs[k]["rel_type"]) for k in shared]
    return TableResult("temporal_links", spans, [agreement(CATEGORICAL["temporal_links"][0][1], both)],
                       sorted(f"{s} → {t}" for s, t in set(mine) - set(theirs)),
                       sorted(f"{s} → {t}" for s, t in set(theirs) - set(mine)))


# ---------------------------------------------------------------- reading the files

def tables_of(path: Path, root: Path, source, blind: bool = False) -> tuple[dict[str, list[dict]], list[str]]:
    """One annotation file resolved against its article text; problems are returned as text, not raised. A blind
    second annotation defines its own entities inline; the curated file takes them from the registry, keeping
    those the article lists."""
    ann, problems = load_article(path, str(path.relative_to(root)), inline_entities=blind)
    if ann is None:
        return {}, [str(p) for p in problems]
    registry, found = ([], []) if blind else load_registry(root / REGISTRY)
    tables, built = build_tables([ann], {ann.article_id: source}, registry)
    if not blind:
        listed = {row["entity_id"] for row in tables["article_entities"]}
        tables["entities"] = [row for row in tables["entities"] if row["entity_id"] in listed]
    return tables, [str(p) for p in problems + found + built]


STUDY_KEYS = ("study", "second_file", "first_file", "adjudicated_file", "blind", "given", "given_commit", "given_files",
              "not_blind_because")


def _protocol(study: dict) -> dict:
    """A study is called blind only with the record that makes it checkable: the files given and their commit."""
    if study.get("blind") and not (study.get("given_files") and study.get("given_commit")):
        return {**study, "blind": False, "not_blind_because": "The study is marked blind, but its record does not list "
                "the files given (given_files, with sha256) and the commit they come from (given_commit), so nobody can "
                "check what its annotator saw."}
    return study


def measure(root: Path) -> list[ArticleResult]:
    results = []
    folder = root / "annotations" / "agreement"
    for path in sorted((root / "annotations" / "articles").glob("*.yaml")):
        article_id = path.stem
        second = folder / f"{article_id}.second.yaml"
        result = ArticleResult(article_id, str(second.relative_to(root)), "pending")
        decisions = folder / f"{article_id}.adjudication.yaml"
        if decisions.is_file():
            doc, found = read_yaml(decisions, decisions.relative_to(root).as_posix())
            result.decisions = doc if isinstance(doc, list) else []
            result.problems += [str(p) for p in found]
        study = folder / f"{article_id}.study.yaml"
        if study.is_file():
            doc, found = read_yaml(study, study.relative_to(root).as_posix())
            studies = (doc.get("studies") or []) if hasattr(doc, "get") else []
            result.studies = [_protocol({k: st.get(k) for k in STUDY_KEYS}) for st in studies if hasattr(st, "get")]
            result.problems += [str(p) for p in found]
        if not result.studies and second.is_file():  # a second file with no protocol: measured, never called blind
            result.studies = [{**dict.fromkeys(STUDY_KEYS), "study": "second annotation", "second_file": result.second_file,
                               "first_file": f"annotations/agreement/{article_id}.first.yaml", "blind": False,
                               "given": "not recorded (no study.yaml)"}]
        result.logged = logged_decisions(root, article_id)
        source, problems = read_source(root / "sources" / f"{article_id}.txt", f"sources/{article_id}.txt", article_id)
        for st in result.studies:
            run = StudyRun(st, st.get("second_file") or "")
            result.runs.append(run)
            other_path = root / run.second_file if run.second_file else None
            if other_path is None or not other_path.is_file():
                continue
            if source is None:
                run.problems = [str(p) for p in problems]
                continue
            found = DECISION.findall(other_path.read_text(encoding="utf-8"))
            run.cited, run.citations = [f"A{n}" for n in sorted(set(found), key=int)], len(found)
            # "before" compares the curated file as it stood when the second file arrived (frozen beside it);
            # "after" the adjudicated curated file, against the adjudicated second file where the study has one, so
            # both figures stay reproducible. Frozen and second files define their entities inline.
            frozen = root / st["first_file"] if st.get("first_file") else None
            first, _ = tables_of(frozen if frozen and frozen.is_file() else path, root, source, blind=bool(frozen and frozen.is_file()))
            other, found = tables_of(other_path, root, source, blind=True)
            run.problems += found
            run.tables = compare(first, other)
            adjudicated = root / st["adjudicated_file"] if st.get("adjudicated_file") else None
            if frozen and frozen.is_file():
                target = adjudicated if adjudicated and adjudicated.is_file() else other_path
                current, _ = tables_of(path, root, source)
                later, _ = tables_of(target, root, source, blind=True) if target != other_path else (other, None)
                after = compare(current, later)
                if after == run.tables and target == other_path:  # nothing settled since the second file arrived
                    run.unadjudicated = True
                else:
                    run.after, run.after_file = after, str(target.relative_to(root))
            run.status = "measured"
        if any(run.status == "measured" for run in result.runs):
            result.status = "measured"
        result.alignments = alignments.measure(root, article_id)
        results.append(result)
    return results


def logged_decisions(root: Path, article_id: str) -> list[str]:
    """The decision numbers of the article's section of the decision log (its table rows `| A<n> |`)."""
    path = root / DECISION_LOG
    if not path.is_file():
        return []
    section = path.read_text(encoding="utf-8").split(f"\n## {article_id}\n", 1)
    if len(section) < 2:
        return []
    rows = re.findall(r"^\| (A[0-9]{1,3}) \|", section[1].split("\n## ", 1)[0], flags=re.M)
    return sorted(set(rows), key=lambda d: int(d[1:]))


FILTERS = {"num": lambda x: "n/a" if x is None else f"{x:.3f}",
           "pct": lambda x: "n/a" if x is None else f"{100 * x:.1f}%",
           "cell": lambda s: str(s).replace("|", "\\|").replace("\n", " ")}


def render(results: list[ArticleResult]) -> str:
    listed = [r for r in results if r.status == "measured" or r.alignments is not None]  # a corpus grows pending articles
    return render_template("agreement.md.j2", trim=True, filters=FILTERS, results=listed, zip=zip)


def main(argv=None) -> int:
    cli.utf8_output()
    parser = cli.parser(__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/agreement.md differs from the generated page")
    args = parser.parse_args(argv)
    root = cli.root_of(args)
    results = measure(root)
    for result in results:
        if result.status == "pending":
            print(f"{result.article_id}: no second annotation at {result.second_file}; agreement is pending", file=sys.stderr)
        for run in result.runs:
            if run.status == "measured":
                print(f"{result.article_id}: compared with {run.second_file} ({len(run.problems)} problem(s) in it)", file=sys.stderr)
    page, path = render(results), root / PAGE
    return cli.generated(path, page, args.check, "docs/agreement.md differs from the generated page; run `make agreement`",
                         f"wrote {PAGE}")

if __name__ == "__main__":
    sys.exit(main())
