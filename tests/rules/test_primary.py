"""Primary-record alignment (issue 14): every span re-checked against the record, the record's text never stored.

The real record (the Spanish stenographic version) sits beside the repository in `../shared/source/primary/`; tests
that need it are skipped, saying so, where it is absent. The corruption tests use the small second article and an
invented test transcript (tests/fixtures/shared), copied beside the fixture as `shared/` sits beside the repository.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.annotations import primary
from scripts.rules import primary as primary_rules
from scripts.contract import problems as reporting
from scripts.build.pipeline import build, build_and_validate
from scripts.contract.problems import ProblemsFound
from scripts.validate.__main__ import main as validate_main
from scripts.validate.core import validate
from tests.helpers.corrupt import run_main

from tests.helpers.repo import FIXTURES, REPO
from tests.helpers.corrupt import cells, drop_row, edit
from tests.helpers.lazy import lazy

duckdb, pandas = lazy("duckdb"), lazy("pandas")

RECORD_ID = "presidencia-2026-01-12-version-estenografica"
RECORD = REPO.parent / "shared" / "source" / "primary" / f"{RECORD_ID}.txt"
needs_record = pytest.mark.skipif(not RECORD.is_file(), reason=f"the primary record is not at {RECORD}: spans not re-checked here")
FIXTURE_ALIGNMENTS = "annotations/primary/alignments/cafe-zoe.yaml"
FIXTURE_RECORD_META = "annotations/primary/pena-opening-remarks.yaml"
FIXTURE_RECORD = "shared/source/primary/pena-opening-remarks.txt"


def with_record(root: Path) -> Path:
    """Put the invented test transcript beside a fixture copy, where a clone finds `shared/`."""
    shutil.copytree(FIXTURES / "shared", root.parent / "shared")
    return root


def csv_frame(root: Path, table: str) -> pandas.DataFrame:
    return pandas.read_csv(root / "data" / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def line_of(root: Path, rel: str, text: str) -> int:
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(lines, start=1) if text in line]
    assert len(hits) == 1, f"{text!r} is on {len(hits)} lines of {rel}"
    return hits[0]


# ---------------------------------------------------------------- the repository's alignments against the real record

@needs_record
def test_every_span_of_the_package_matches_the_record():
    """Independently of scripts.primary: hashlib over the record's code points at each row's offsets."""
    text = RECORD.read_bytes().decode("utf-8")
    records = csv_frame(REPO, "primary_records")
    assert records.loc[0, "sha256"] == hashlib.sha256(RECORD.read_bytes()).hexdigest()
    assert int(records.loc[0, "characters"]) == len(text)
    rows = csv_frame(REPO, "primary_alignments")
    spans = rows[rows["relation"] != "absent"]
    assert len(spans) >= 30
    for row in spans.itertuples():
        span = text[int(row.start):int(row.end)]
        assert hashlib.sha256(span.encode("utf-8")).hexdigest() == row.span_sha256, row.alignment_id
        assert span == span.strip() and "\n---\n" not in span, row.alignment_id


@needs_record
def test_the_repository_validates_with_every_span_rechecked(capsys):
    problems = validate(REPO, REPO)
    assert problems == [], "\n".join(map(str, problems))
    assert "not re-checked" not in capsys.readouterr().out


def test_every_quote_and_every_sheinbaum_fact_and_figure_is_aligned():
    """DuckDB over the CSVs: in every article aligned with the record (it has an alignment file), nothing the issue
    asks for is left without an alignment row."""
    data = REPO / "data"
    aligned = sorted(path.stem for path in (REPO / "annotations" / "primary" / "alignments").glob("*.yaml"))
    assert aligned, "no article is aligned with the primary record"
    articles = ", ".join(f"'{article_id}'" for article_id in aligned)
    with duckdb.connect() as con:
        missing = con.sql(f"""
            WITH wanted AS (
              SELECT 'quotes' AS t, quote_id AS id FROM read_csv('{data}/quotes.csv', all_varchar=true)
                WHERE article_id IN ({articles})
              UNION ALL SELECT 'facts', fact_id FROM read_csv('{data}/facts.csv', all_varchar=true)
                WHERE claimant_id = 'claudia-sheinbaum' AND article_id IN ({articles})
              UNION ALL SELECT 'figures', figure_id FROM read_csv('{data}/figures.csv', all_varchar=true)
                WHERE claimant_id = 'claudia-sheinbaum' AND article_id IN ({articles}))
            SELECT t, id FROM wanted
            WHERE (t, id) NOT IN (SELECT (target_table, target_id) FROM read_csv('{data}/primary_alignments.csv', all_varchar=true))
        """).fetchall()
    assert missing == []
    rows = csv_frame(REPO, "primary_alignments")
    assert {"stc-q14", "stc-q15"} <= set(rows["target_id"]), "Trump's question is aligned inside her account and alone"
    assert set(rows["relation"]) <= {"equivalent", "paraphrase", "condensed", "shifted", "absent", "contradicted"}


def test_the_50_percent_note_says_what_the_record_measures():
    rows = csv_frame(REPO, "primary_alignments")
    note = rows[(rows["target_table"] == "figures") & (rows["target_id"] == "stc-n02")]["note"].item()
    for words in ("measures", "seized", "CBP", "border", "one year"):
        assert words in note


def test_relation_summary_in_the_docs_matches_the_data():
    """docs/primary-record.md's summary table equals a pandas crosstab of the CSV (relation by target table)."""
    rows = csv_frame(REPO, "primary_alignments")
    counts = pandas.crosstab(rows["relation"], rows["target_table"])
    page = (REPO / "docs" / "primary-record.md").read_text(encoding="utf-8")
    block = page.split("<!-- relations:start -->")[1].split("<!-- relations:end -->")[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    assert header[0] == "relation" and header[-1] == "all"
    documented = {}
    for line in lines[2:]:
        cells_ = [c.strip().strip("`*") for c in line.strip("|").split("|")]
        documented[cells_[0]] = dict(zip(header[1:], (int(c) for c in cells_[1:])))
    for relation, by_table in documented.items():
        for table, n in by_table.items():
            if relation == "all" and table == "all":
                assert n == len(rows)
            elif relation == "all":
                assert n == int(counts[table].sum()) if table in counts else n == 0, table
            elif table == "all":
                assert n == int(counts.loc[relation].sum()) if relation in counts.index else n == 0, relation
            else:
                actual = int(counts.loc[relation, table]) if relation in counts.index and table in counts else 0
                assert n == actual, (relation, table)
    assert set(documented) - {"all"} == {"equivalent", "paraphrase", "condensed", "shifted", "absent", "contradicted"}


# ---------------------------------------------------------------- the record's text is never stored

def record_runs() -> set[tuple[str, ...]]:
    return primary_rules.shingles(RECORD.read_bytes().decode("utf-8"))


@needs_record
def test_no_tracked_file_contains_eight_words_of_the_record():
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                           capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    runs, scanned, found = record_runs(), 0, []
    for rel in filter(None, files):
        path = REPO / rel
        if not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        scanned += 1
        found += [f"{rel}:{line}" for line, _ in primary_rules.excerpts(text, runs)]
    assert scanned > 50
    assert found == [], f"{len(found)} run(s) of 8+ words of the record (not shown here): {found[:10]}"


@needs_record
def test_the_excerpt_detector_finds_a_planted_run(tmp_path):
    """The detector itself can fail: 8 words taken from the record at run time, recased and unaccented, are found."""
    text = RECORD.read_bytes().decode("utf-8")
    words = [w for w, _ in primary_rules.words(text)]
    planted = " ".join(words[400:408]).upper()
    assert primary_rules.excerpts(f"An English note, then: {planted}.", record_runs())
    assert not primary_rules.excerpts("An English note, then: " + " ".join(words[400:407]), record_runs())


def test_a_packaged_excerpt_is_caught(second_package):
    with_record(second_package)
    planted = "Bienvenidos. Cada plato es una pequeña fiesta, y la banda"  # the invented transcript's words
    cells("primary_alignments", "sf-a02", note=f"He says: {planted}")(second_package)
    problems = validate(second_package, second_package, stages=("primary",))
    assert ("PRIMARY_EXCERPT", "data/primary_alignments.csv") not in {(p.code, p.file) for p in problems}  # 7 in a row only
    cells("primary_alignments", "sf-a02", note="He says: JOSÉ PEÑA. Bienvenidos, cada plato es una pequeña fiesta")(second_package)
    hits = [p for p in validate(second_package, second_package, stages=("primary",)) if p.code == "PRIMARY_EXCERPT"]
    assert [p.file for p in hits] == ["data/primary_alignments.csv"]


# ---------------------------------------------------------------- record present: wrong offsets and digests are caught

def build_problems(root: Path) -> list:
    with pytest.raises(ProblemsFound) as found:
        build(root)
    return found.value.problems


def test_the_clean_fixture_rechecks_every_span(second_article, capsys):
    with_record(second_article)
    build_and_validate(second_article)
    assert validate(second_article, second_article) == []
    assert "not re-checked" not in capsys.readouterr().out


@pytest.mark.parametrize("old,new,code,field", [
    ("    start: 95\n", "    start: 96\n", "PRIMARY_DIGEST", "span_sha256"),
    ("    end: 198\n", "    end: 197\n", "PRIMARY_DIGEST", "span_sha256"),
    ('"3300cd60f6816232412137c965e6fb9814daa1fc1d1217ef24ae2032034f5056"', '"' + "0" * 64 + '"', "PRIMARY_DIGEST", "span_sha256"),
    ("    end: 198\n", "    end: 9999\n", "PRIMARY_SPAN", "end"),
    ("    start: 95\n", "    start: 94\n", "PRIMARY_SPAN", "start"),
    ("    start: 95\n", "    start: 10\n", "PRIMARY_SPAN", "end"),
    ('    speaker_turn: "JOSÉ PEÑA"\n    relation: "paraphrase"', '    speaker_turn: "PREGUNTA"\n    relation: "paraphrase"', "PRIMARY_TURN", "speaker_turn"),
    ('    relation: "absent"', '    start: 1\n    relation: "absent"', "PRIMARY_RELATION", "relation"),
    ("sha256: \"56691856", "sha256: \"66691856", "PRIMARY_RECORD", "sha256"),
    ("characters: 228", "characters: 227", "PRIMARY_RECORD", "characters"),
], ids=["start-moved", "end-moved", "digest-wrong", "past-the-end", "whitespace-edge", "across-turns", "wrong-turn",
        "absent-with-offsets", "record-hash", "record-length"])
def test_a_wrong_annotation_is_caught_at_its_line(second_article, old, new, code, field):
    with_record(second_article)
    rel = FIXTURE_RECORD_META if code == "PRIMARY_RECORD" else FIXTURE_ALIGNMENTS
    edit(rel, old, new, rehashed=False)(second_article)
    problems = build_problems(second_article)
    hits = [p for p in problems if p.code == code and p.file == rel and p.field == field]
    assert hits, "\n".join(map(str, problems))
    if code != "PRIMARY_RECORD":
        record_id = hits[0].key.removeprefix("alignment_id=")
        assert hits[0].line == line_of(second_article, rel, f'alignment_id: "{record_id}"')
    assert f"[{code}]" in str(hits[0]) and ". Fix: " in str(hits[0])


def test_an_edited_record_is_caught(second_article):
    with_record(second_article)
    path = second_article.parent / FIXTURE_RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("Doce", "Trece"), encoding="utf-8")
    problems = build_problems(second_article)
    assert [(p.code, p.file, p.field) for p in problems] == [("PRIMARY_RECORD", FIXTURE_RECORD_META, "sha256")]


@pytest.mark.parametrize("change,code,field", [
    (dict(start="184", end="199"), "PRIMARY_DIGEST", "span_sha256"),
    (dict(speaker_turn="PREGUNTA"), "PRIMARY_TURN", "speaker_turn"),
    (dict(target_id="sf-n09"), "PRIMARY_TARGET", "target_id"),
    (dict(span_sha256=""), "PRIMARY_RELATION", "relation"),
], ids=["csv-offset", "csv-turn", "csv-target", "csv-missing-digest"])
def test_a_corrupted_package_row_is_caught(second_package, change, code, field):
    with_record(second_package)
    cells("primary_alignments", "sf-a02", **change)(second_package)
    problems = validate(second_package, None, stages=("primary",))
    row = line_of(second_package, "data/primary_alignments.csv", "sf-a02,")
    hits = [p for p in problems if (p.code, p.file, p.line, p.key, p.field) ==
            (code, "data/primary_alignments.csv", row, "alignment_id=sf-a02", field)]
    assert hits, "\n".join(map(str, problems))


def test_an_unaligned_quote_is_caught(second_package):
    drop_row("primary_alignments", "sf-a01")(second_package)
    problems = validate(second_package, None, stages=("primary",))
    assert [(p.code, p.key) for p in problems if p.code == "PRIMARY_COVERAGE"] == [("PRIMARY_COVERAGE", "article_id=cafe-zoe")]
    assert any("sf-q01" in p.message for p in problems if p.code == "PRIMARY_COVERAGE")


# ---------------------------------------------------------------- record absent: said, neither failed nor passed silently

def test_absent_record_build_says_spans_were_not_rechecked(second_article, capsys):
    reporting._said.clear()
    build_and_validate(second_article)
    out = capsys.readouterr().out
    assert "notice: primary record `pena-opening-remarks` not found" in out
    assert "2 alignment span(s) were NOT re-checked" in out


def test_absent_record_validator_exits_zero_with_a_notice(second_package):
    """`python -m scripts.validate DIR` on a downloaded package with no record beside it: exit 0, and it says so."""
    reporting._said.clear()  # a notice is said once per process, and this process has run other validations
    result = run_main(validate_main, str(second_package))
    assert result.returncode == 0, result.stderr
    assert "were NOT re-checked" in result.stdout and "pena-opening-remarks" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("valid: ")
    with_record(second_package)
    reporting._said.clear()
    again = run_main(validate_main, str(second_package))
    assert again.returncode == 0 and "re-checked" not in again.stdout


def test_review_prints_the_record_text_to_the_terminal_only(second_article, tmp_path):
    with_record(second_article)
    before = {p: p.read_bytes() for p in second_article.rglob("*") if p.is_file()}
    out = io.StringIO()
    primary.review(second_article, out)
    assert "Cada plato es una pequeña fiesta" in out.getvalue() and "digest ok" in out.getvalue()
    assert {p: p.read_bytes() for p in second_article.rglob("*") if p.is_file()} == before
