"""`make agreement`: span F1 and Krippendorff's alpha between the curated and a blind second annotation.

The measures are checked against values worked out by hand, on spans and on a small fixture article whose second
annotation differs from the curated one in known ways.
"""

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from scripts.runtime.root import repo_root
from scripts.measure import agreement
from scripts.measure.agreement import measure, render
from scripts.measure.scores import nominal_alpha, span_scores

ROOT = repo_root()

FIXTURES = repo_root() / "tests" / "fixtures"


def test_exact_and_overlapping_span_f1_by_hand():
    curated = [(0, 9), (10, 18), (20, 30), (40, 50)]
    second = [(0, 9), (10, 25), (20, 30), (35, 45), (60, 70)]
    score = span_scores(curated, second)
    assert score.exact == 2 and score.exact_f1 == pytest.approx(2 * 2 / (4 + 5))
    # second spans overlapping a curated one: 4 of 5; curated spans overlapped: 4 of 4
    assert (score.overlap_precision, score.overlap_recall) == (pytest.approx(4 / 5), 1.0)
    assert score.overlap_f1 == pytest.approx(float(Fraction(2) * Fraction(4, 5) / (Fraction(4, 5) + 1)))


def test_touching_spans_do_not_overlap():
    assert span_scores([(0, 5)], [(5, 9)]).overlap_f1 == 0.0


def test_krippendorffs_alpha_by_hand():
    # units (name, name), (pronoun, name), (pronoun, pronoun): coincidences o_nn = 2, o_np = o_pn = 1, o_pp = 2;
    # n = 6, D_o = 2/6, D_e = 2 * 3 * 3 / (6 * 5) = 0.6, alpha = 1 - (1/3) / 0.6 = 4/9
    assert nominal_alpha([("name", "name"), ("pronoun", "name"), ("pronoun", "pronoun")]) == pytest.approx(4 / 9)
    # (name, name), (name, nominal): n_name = 3, n_nominal = 1, D_o = 2/4, D_e = 2 * 3 * 1 / (4 * 3) = 0.5, alpha = 0
    assert nominal_alpha([("name", "name"), ("name", "nominal")]) == pytest.approx(0.0)
    assert nominal_alpha([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert nominal_alpha([("a", "a"), ("a", "a")]) is None and nominal_alpha([]) is None


@pytest.fixture
def article_with_second(tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "second", root)
    (root / "annotations" / "agreement").mkdir()
    shutil.copy(FIXTURES / "agreement" / "cafe-zoe.second.yaml", root / "annotations" / "agreement")
    return root


def by_name(result):
    return {t.name: t for t in result.runs[0].tables}


def test_the_fixture_article_gives_the_figures_worked_out_by_hand(article_with_second):
    [result] = measure(article_with_second)
    assert result.status == "measured" and result.problems == []
    tables = by_name(result)
    mentions = tables["mentions"]
    assert (mentions.spans.first, mentions.spans.second, mentions.spans.exact) == (4, 5, 2)
    assert mentions.spans.exact_f1 == pytest.approx(4 / 9) and mentions.spans.overlap_f1 == pytest.approx(8 / 9)
    forms = {a.label: a for a in mentions.agreements}
    assert (forms["mention form"].units, forms["mention form"].agreed) == (2, 1)
    assert forms["mention form"].alpha == pytest.approx(0.0)
    assert forms["mention form"].confusions == [("name", "nominal", 1)]
    # "pena" in the second file is the curated "jose-pena": the same entity under another slug is no disagreement
    link = forms["entity link (mention to entity)"]
    assert (link.units, link.agreed, link.alpha) == (2, 2, None)
    assert tables["quotes"].spans.exact_f1 == 1.0
    speaker, _, cue_type, _ = tables["quotes"].agreements
    assert (speaker.agreed, cue_type.agreed, cue_type.confusions) == (1, 0, [("neutral", "emphatic", 1)])
    assert tables["facts"].spans.exact_f1 == pytest.approx(2 / 3)
    assert tables["figures"].spans.exact_f1 == 0.0 and tables["figures"].only_first == ["12 cooks", "40 percent"]
    # the event's trigger differs ("opened" / "opened Café Zoë"): no identical span, but the overlap maps the link
    assert (tables["events"].spans.exact_f1, tables["events"].spans.overlap_f1) == (0.0, 1.0)
    assert tables["temporal_links"].spans.exact_f1 == 1.0 and tables["temporal_links"].agreements[0].agreed == 1
    assert tables["mentions"].only_second == ["Café Zoë in Málaga", "Málaga", "The Spin̈al Tap tribute band"]  # text order


def test_the_page_shows_the_figures_and_the_disagreements(article_with_second):
    page = render(measure(article_with_second))
    assert "| mentions | 4 | 5 | 2 | 0.444 | 0.800 | 1.000 | 0.889 |" in page
    assert "| mentions | mention form | 2 | 1 | 50.0% | 0.000 |" in page
    assert "name (curated) vs nominal (second) ×1" in page
    assert "Pending" not in page.split("### Adjudication")[0]


def test_without_a_second_annotation_an_article_is_pending_and_left_off_the_page(tmp_path, article_with_second):
    """A corpus grows articles nobody annotated twice yet: they change no figure and no line of the page."""
    root = tmp_path / "pending"
    shutil.copytree(FIXTURES / "second", root)
    [result] = measure(root)
    assert result.status == "pending" and all(run.tables == [] for run in result.runs)
    assert "## cafe-zoe" not in render([result])
    [measured] = measure(article_with_second)
    assert render([measured, result]) == render([measured])


def test_make_agreement_reproduces_the_committed_page():
    assert (ROOT / agreement.PAGE).read_text(encoding="utf-8") == render(measure(ROOT)), "run `make agreement` and commit docs/agreement.md"
    assert agreement.main(["--check"]) == 0


def test_the_datasheet_quotes_the_agreement_page():
    """Every agreement figure the datasheet states stands on the generated agreement page."""
    import re


    datasheet = (ROOT / "docs" / "datasheet.md").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "agreement.md").read_text(encoding="utf-8")
    quoted = re.findall(r"\b[01]\.\d{3}\b", datasheet)
    assert len(quoted) >= 8
    cells = set(re.findall(r"\| ([01]\.\d{3}) ", page))
    assert set(quoted) <= cells, sorted(set(quoted) - cells)


def test_alignment_agreement_pairs_overlapping_passages_of_one_target():
    """Worked by hand: q01 both at overlapping passages (relations differ), q02 both absent, f01 found only by the
    curated annotator. Pairs: 2 of 3 curated and 2 of 2 second; exact: 1 (two `absent` agree exactly; q01 differs),
    so exact F1 = 2 x 1 / (3 + 2) = 0.4."""
    from scripts.measure.alignments import compare

    first = [{"target_table": "quotes", "target_id": "x-q01", "start": 10, "end": 50, "relation": "shifted"},
             {"target_table": "quotes", "target_id": "x-q02", "relation": "absent"},
             {"target_table": "facts", "target_id": "x-f01", "start": 100, "end": 120, "relation": "paraphrase"}]
    second = [{"target_table": "quotes", "target_id": "x-q01", "start": 30, "end": 60, "relation": "paraphrase"},
              {"target_table": "quotes", "target_id": "x-q02", "relation": "absent"}]
    result = compare(first, second, "a", "b")
    assert (result.spans.first, result.spans.second, result.spans.exact) == (3, 2, 1)
    assert round(result.spans.exact_f1, 3) == 0.4
    assert round(result.spans.overlap_precision, 3) == 1.0 and round(result.spans.overlap_recall, 3) == 0.667
    assert round(result.spans.overlap_f1, 3) == 0.8
    assert (result.relation.units, result.relation.agreed) == (2, 1)
    assert result.relation.confusions == [("shifted", "paraphrase", 1)]
    assert result.unpaired_first == ["x-f01"] and result.unpaired_second == []
