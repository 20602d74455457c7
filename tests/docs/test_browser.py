"""The documentation site in a real browser: Debian's chromium, driven by Playwright for Python (the full run).

Each site is built once per session with `mkdocs build --strict` and served from 127.0.0.1 on a free port:
the repository's, and (in the full run) the repository grown by the fixture corpus's article, so that every
per-article test runs on every article of a corpus. Expected numbers are read from each package's data/*.csv
here, independently of scripts/docs/. Every article test looks only inside that article's widget. That every page
loads without errors is checked with axe in test_accessibility.py, which loads each page once.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import Watched, article_ids, serve
from tests.helpers.packages import HOSTILE_NAME, HOSTILE_QUOTE, LARGE_ROWS, LARGE_TABLE
from tests.helpers.repo import FIXTURES, REPO
from tests.helpers.site import read_csv


SCREENSHOT = REPO / "build" / "article.png"
# The span tables the annotated article highlights; `sentences` tile the text and are not highlighted.
HIGHLIGHTED = ("quotes", "facts", "events", "figures", "time_expressions", "mentions")
NOT_HIGHLIGHTED = ("sentences",)
GROWN = sorted(set(article_ids(REPO)) | {p.stem for p in (FIXTURES / "corpus" / "sources").glob("*.txt")})
# (package, article): each article of the repository, and (in the full run) each article of the grown corpus
ARTICLES = ([pytest.param("repository", a, id=a, marks=pytest.mark.slow) for a in article_ids(REPO)]
            + [pytest.param("grown", a, id=f"grown-{a}", marks=pytest.mark.slow) for a in GROWN])


def rows(name: str, root: Path = REPO, article_id: str | None = None) -> list[dict]:
    found = read_csv(root, name)
    return [r for r in found if article_id is None or r.get("article_id", article_id) == article_id]


def row_id(row: dict) -> str:
    return next(iter(row.values()))  # the first column is the primary key


def expected_spans(article_id: str, root: Path = REPO) -> list[tuple[str, str]]:
    """(table, row ID) of every row of the article with a start and an end, in every highlighted table."""
    return sorted((name, row_id(row)) for name in HIGHLIGHTED for row in rows(name, root, article_id)
                  if row["start"] and row["end"])


@pytest.fixture(scope="session")
def served(request):
    """which -> (base URL, package root), each site built and served once, on first use."""
    started, servers = {}, []

    def get(which: str) -> tuple[str, Path]:
        if which not in started:
            if which == "repository":
                site, root = request.getfixturevalue("repo_site"), REPO
            elif which == "grown":
                root = request.getfixturevalue("grown_repository")
                site = request.getfixturevalue("grown_site")
            else:
                root, site = request.getfixturevalue(f"{which}_site")
            server, url = serve(site)
            servers.append(server)
            started[which] = (url, root, site)
        return started[which]
    yield get
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site_url(served) -> str:
    return served("repository")[0]


@pytest.fixture
def watched(browser, site_url):
    view = Watched(browser, site_url)
    yield view
    view.close()


@pytest.fixture
def article(request, served, browser):
    """(page view, base URL, package root) for a (package, article) case."""
    which = request.node.callspec.params["which"]
    base, root, _ = served(which)
    view = Watched(browser, base)
    yield view, base, root
    view.close()


def open_article(view: Watched, base: str, article_id: str):
    """The article's page, and its widget (every locator of a test is scoped to it)."""
    view.page.goto(base + f"articles/{article_id}/", wait_until="load")
    widget = view.page.locator(f'.aa[data-article-id="{article_id}"]')
    expect(widget).to_have_attribute("data-ready", "true")
    return view.page, widget


@pytest.mark.slow
def test_the_articles_index_links_every_article(watched, site_url):
    watched.page.goto(site_url + "articles/", wait_until="networkidle")
    for article_id in article_ids(REPO):
        expect(watched.page.locator(f'article a[href$="{article_id}/"]').first).to_be_visible()
    assert watched.problems == []


@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_reading_view_marks_every_quote_with_its_speaker(article, which, article_id):
    watched, site_url, root = article
    quotes = [q for q in rows("quotes", root, article_id) if q["start"]]
    page, widget = open_article(watched, site_url, article_id)
    shown = widget.locator(".rv-q").evaluate_all("els => els.map(e => [e.dataset.quote, e.dataset.speaker])")
    assert sorted(set(tuple(s) for s in shown)) == sorted((row_id(q), q["speaker_id"]) for q in quotes)
    for quote in quotes:
        text = " ".join(widget.locator(f'.rv-q[data-quote="{row_id(quote)}"]').all_inner_texts())
        assert quote["text"].split()[0] in text and quote["text"].split()[-1] in text
    speakers = Counter(q["speaker_id"] for q in quotes if q["speaker_id"])  # an unnamed source has no speaker entry
    for speaker, n in speakers.items():
        item = widget.locator(f'.aa-speakers li[data-speaker="{speaker}"]')
        expect(item).to_contain_text(f"({n} quote)" if n == 1 else f"({n} quotes)")
    assert watched.problems == []


def walk(page, widget) -> list[dict]:
    """Tab into the text from the speaker list, then ArrowRight to its end: what each stop says and holds."""
    widget.locator(".aa-speaker").focus()
    page.keyboard.press("Tab")
    stops = []
    while True:
        info = page.evaluate("() => { const e = document.activeElement; return e && e.classList.contains('rv-s') ? "
                             "{rows: e.dataset.rows, label: e.getAttribute('aria-description'), role: e.getAttribute('role'), "
                             "start: e.textContent} : null; }")
        assert info is not None, "focus left the article text"
        if stops and info == stops[-1]:
            return stops
        stops.append(info)
        page.keyboard.press("ArrowRight")


@pytest.mark.slow
@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_keyboard_reaches_every_span_in_text_order_and_enter_opens_the_panel(article, which, article_id):
    watched, site_url, root = article
    page, widget = open_article(watched, site_url, article_id)
    stops = walk(page, widget)
    reached = {tuple(key.split("/", 1)) for stop in stops for key in stop["rows"].split()}
    assert sorted(reached) == expected_spans(article_id, root)
    for stop in stops:
        assert stop["role"] == "button"
        for key in stop["rows"].split():
            assert key.split("/", 1)[1] in stop["label"], f"{key} is not in the description {stop['label']!r}"
    page.keyboard.press("Home")
    first = stops[0]["rows"].split()
    page.keyboard.press("Enter")
    for key in first:
        table, rid = key.split("/", 1)
        expect(widget.locator(f'.aa-details .aa-card[data-table="{table}"][data-row-id="{rid}"]')).to_have_count(1)
    expect(widget.locator(".aa-cards")).to_have_attribute("aria-live", "polite")
    assert watched.problems == []


@pytest.mark.slow
@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_selecting_a_quote_shows_its_cue_and_source_together(article, which, article_id):
    watched, site_url, root = article
    page, widget = open_article(watched, site_url, article_id)
    names = {row["entity_id"]: row["name"] for row in rows("entities", root)}
    for quote in [q for q in rows("quotes", root, article_id) if q["start"]]:
        qid = row_id(quote)
        widget.locator(f'.rv-q[data-quote="{qid}"] .rv-s').first.click()
        card = widget.locator(f'.aa-details .aa-card[data-table="quotes"][data-row-id="{qid}"]')
        expect(card).to_contain_text(names[quote["speaker_id"]] if quote["speaker_id"] else quote["cue_text"])
        expect(widget.locator(f'.rv-q[data-quote="{qid}"]').first).to_have_class(re.compile(r"\brv-on\b"))
        for part in widget.locator(f'[data-cue-of~="{qid}"], [data-source-of~="{qid}"]').all():
            expect(part).to_have_class(re.compile(r"\brv-on\b"))
        cue = widget.locator(f'.rv-cue[data-cue-of~="{qid}"]')
        if quote.get("cue_text"):  # the annotated cue span is drawn, piece by piece, and nothing else is
            assert cue.count() >= 1 and all(piece.strip() in quote["cue_text"] for piece in cue.all_inner_texts())
        if quote.get("source_mention_id"):
            assert widget.locator(f'[data-source-of~="{qid}"]').count() >= 1
    assert watched.problems == []


def key_text(table: str, row: dict, names: dict[str, str]) -> list[str]:
    """What the panel must show besides the ID: speaker, factuality, CAMEO code, value and unit ..."""
    shown = {
        "quotes": lambda: [names[row["speaker_id"]]] if row["speaker_id"] else [row["cue_text"]],  # a nominal attribution may name no source
        "facts": lambda: [row["factuality"]],
        "events": lambda: [row["cameo_code"]],
        "figures": lambda: [row["value"], row["unit"], row["bound"]] + [row[c] for c in ("value_high", "currency", "unit_text") if row[c]],
        "time_expressions": lambda: [row["value"]],
        "mentions": lambda: [names[row["entity_id"]]] if row["entity_id"] else [row["form"]],  # an expletive names no entity
    }
    return shown[table]()


def show_layers(widget):
    widget.locator('.aa-view[value="bands"]').check()
    widget.locator(".aa-kind-toggle").first.wait_for()


@pytest.mark.slow
@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_all_layers_view_clicking_each_highlight_shows_its_row(article, which, article_id):
    watched, site_url, root = article
    names = {row["entity_id"]: row["name"] for row in rows("entities", root)}
    by_id = {(name, row_id(row)): row for name in HIGHLIGHTED for row in rows(name, root, article_id)}
    page, widget = open_article(watched, site_url, article_id)
    show_layers(widget)
    widget.locator('.aa-kind-toggle[value="mention"]').check()
    shown = widget.locator(".aa-hl").evaluate_all("els => els.map(e => [e.dataset.table, e.dataset.rowId])")
    assert sorted(tuple(s) for s in shown) == expected_spans(article_id, root)
    for table, rid in expected_spans(article_id, root):
        mark = widget.locator(f'.aa-hl[data-table="{table}"][data-row-id="{rid}"]')
        assert rid in (mark.get_attribute("title") or ""), f"{rid}: hovering does not name the row"
        point = mark.evaluate("""el => { el.scrollIntoView({block: "center"});
                                        const r = el.getClientRects()[0];
                                        return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }""")
        page.mouse.click(point["x"], point["y"])
        card = widget.locator(f'.aa-details .aa-card[data-table="{table}"][data-row-id="{rid}"]')
        expect(card).to_have_count(1)
        for text in [rid] + key_text(table, by_id[(table, rid)], names):
            expect(card).to_contain_text(text)
    assert watched.problems == []


@pytest.mark.slow
@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_all_layers_filters_by_kind_and_by_speaker(article, which, article_id):
    watched, site_url, root = article
    page, widget = open_article(watched, site_url, article_id)
    show_layers(widget)
    spans = expected_spans(article_id, root)
    mentions = [s for s in spans if s[0] == "mentions"]
    visible = widget.locator(".aa-hl:not(.aa-off)")
    expect(visible).to_have_count(len(spans) - len(mentions))  # mentions are off by default
    widget.locator('.aa-kind-toggle[value="mention"]').check()
    expect(visible).to_have_count(len(spans))
    expect(widget.locator(".aa-status")).to_contain_text(f"Showing {len(spans)} of {len(spans)} highlights")
    quotes = rows("quotes", root, article_id)
    speaker, _ = Counter(q["speaker_id"] for q in quotes).most_common(1)[0]
    theirs = {row_id(q) for q in quotes if q["speaker_id"] == speaker}
    said = [("quotes", q) for q in theirs]
    said += [("facts", row_id(f)) for f in rows("facts", root, article_id)
             if f["start"] and (f["claimant_id"] == speaker or f["quote_id"] in theirs)]
    said += [("figures", row_id(f)) for f in rows("figures", root, article_id) if f["start"] and f["claimant_id"] == speaker]
    widget.locator(".aa-speaker").select_option(speaker)
    expect(visible).to_have_count(len(said))
    shown = widget.locator(".aa-hl:not(.aa-off)").evaluate_all("els => els.map(e => [e.dataset.table, e.dataset.rowId])")
    assert sorted(tuple(s) for s in shown) == sorted(said)
    assert watched.problems == []


@pytest.mark.slow
@pytest.mark.parametrize("which,article_id", ARTICLES)
def test_the_panel_is_a_closable_bottom_sheet_on_a_phone(browser, served, which, article_id):
    site_url = served(which)[0]
    view = Watched(browser, site_url, width=390, height=844)
    try:
        page, widget = open_article(view, site_url, article_id)
        panel = widget.locator(".aa-details")
        expect(panel).to_be_hidden()
        segment = widget.locator(".rv-s").first
        segment.scroll_into_view_if_needed()
        segment.click()
        expect(panel).to_be_visible()
        box = panel.bounding_box()
        assert box["height"] <= 0.5 * 844 and box["y"] + box["height"] <= 845
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
        widget.locator(".aa-close").click()
        expect(panel).to_be_hidden()
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
def test_searching_a_speakers_name_finds_their_page(watched, site_url):
    names = {row["entity_id"]: row["name"] for row in rows("entities")}
    speaker, _ = Counter(q["speaker_id"] for q in rows("quotes")).most_common(1)[0]
    page = watched.page
    page.goto(site_url, wait_until="networkidle")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(names[speaker])
    result = page.locator(f'a.md-search-result__link[href*="entities/{speaker}/"]')
    expect(result.first).to_be_visible()
    result.first.click()
    expect(page.locator("h1")).to_have_text(re.compile(rf"^\s*{re.escape(names[speaker])}\W*$"))  # \W: the ¶ permalink
    assert urlsplit(page.url).path == f"/entities/{speaker}/"
    assert watched.problems == []


@pytest.mark.slow
def test_the_id_box_goes_to_the_row(watched, site_url):
    """Full-text search splits IDs at hyphens; the lookup box finds one ID exactly."""
    quote = rows("quotes")[3]
    page = watched.page
    for start in ("", "tables/"):
        page.goto(site_url + start, wait_until="networkidle")
        box = page.locator("form.dp-idlookup")
        box.locator("input").fill(row_id(quote))
        box.locator("button").click()
        page.wait_for_url(re.compile(rf"/tables/quotes/#{re.escape(row_id(quote))}$"))
        expect(page.locator(f'[id="{row_id(quote)}"]')).to_be_attached()
    page.goto(site_url, wait_until="networkidle")
    page.locator("form.dp-idlookup input").fill("no-such-id")
    page.locator("form.dp-idlookup button").click()
    expect(page.locator("form.dp-idlookup output")).to_contain_text("No row has the ID")
    assert watched.problems == []


@pytest.mark.slow
def test_table_pages_sort_and_filter_with_a_sticky_id_column(watched, site_url):
    facts = rows("facts")
    page = watched.page
    page.goto(site_url + "tables/facts/", wait_until="networkidle")
    grid = page.locator(".dp-grid").first
    body_rows = grid.locator("tbody tr:visible")
    expect(body_rows).to_have_count(len(facts))
    grid.locator("input[type=search]").fill(row_id(facts[1]))
    expect(body_rows).to_have_count(1)
    grid.locator("input[type=search]").fill("")
    grid.locator("th button", has_text="fact_id").click()
    grid.locator("th button", has_text="fact_id").click()
    expect(grid.locator("th[aria-sort=descending]")).to_have_count(1)
    assert body_rows.first.locator("td").first.inner_text().strip() == max(row_id(f) for f in facts)
    assert grid.locator("td").first.evaluate("e => getComputedStyle(e).position") == "sticky"
    header = [h.strip() for h in grid.locator("thead th").all_inner_texts()]
    assert "article_id" not in header or len({f["article_id"] for f in facts}) > 1
    assert watched.problems == []


@pytest.mark.slow
def test_screenshot_of_the_article(browser, site_url):
    view = Watched(browser, site_url, width=1280, height=900)
    try:
        page, widget = open_article(view, site_url, article_ids(REPO)[0])
        widget.locator(".rv-cue").first.click()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT), full_page=False)
        assert SCREENSHOT.stat().st_size > 10_000
        assert view.problems == []
    finally:
        view.close()


def large_table_loads_its_rows_from_the_csv(page, base):
    """A table longer than a page holds: the page loads the rest from the CSV, and filter and anchors reach it."""
    last = f"al-c{LARGE_ROWS:04d}"
    page.goto(base + f"tables/{LARGE_TABLE}/#{last}", wait_until="networkidle")
    grid = page.locator(".dp-grid").first
    expect(grid).to_have_attribute("data-loaded", "true")
    expect(grid.locator("tbody tr")).to_have_count(LARGE_ROWS)
    expect(page.locator(f'[id="{last}"]')).to_be_in_viewport()
    grid.locator("input[type=search]").fill(f'number" {LARGE_ROWS}')
    expect(grid.locator("tbody tr:visible")).to_have_count(1)
    expect(grid.locator("tbody tr:visible")).to_contain_text(f"line two {LARGE_ROWS}")


@pytest.mark.slow
def test_every_article_of_a_corpus_works_on_its_own_page(browser, served):
    """Two articles: each page has one widget, and keyboard and panel work inside it."""
    base, package, _ = served("corpus")
    view = Watched(browser, base)
    try:
        for article_id in article_ids(package):
            page, widget = open_article(view, base, article_id)
            expect(page.locator(".aa")).to_have_count(1)
            stops = walk(page, widget)
            reached = {tuple(key.split("/", 1)) for stop in stops for key in stop["rows"].split()}
            assert sorted(reached) == expected_spans(article_id, package)
            page.keyboard.press("Enter")
            expect(widget.locator(".aa-details .aa-card").first).to_be_visible()
        large_table_loads_its_rows_from_the_csv(view.page, base)
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
def test_hostile_text_stays_text_in_the_browser(browser, served):
    """A quote and a speaker holding <script>, |, * and backticks: shown literally, nothing runs."""
    base = served("hostile")[0]
    view = Watched(browser, base)
    try:
        page, widget = open_article(view, base, "hostile")
        quote = widget.locator('.rv-q[data-quote="h-q01"]')
        assert quote.inner_text() == HOSTILE_QUOTE
        quote.locator(".rv-s").first.click()
        card = widget.locator('.aa-details .aa-card[data-row-id="h-q01"]')
        expect(card).to_contain_text(HOSTILE_QUOTE)
        expect(card).to_contain_text(HOSTILE_NAME)
        for path in ("entities/ann-smith/", "quotes/", "dictionary/"):
            page.goto(base + path, wait_until="networkidle")
            assert HOSTILE_QUOTE in page.locator("article").inner_text()
        page.goto(base, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("Smith")
        expect(page.locator('a.md-search-result__link[href*="entities/ann-smith/"]').first).to_be_visible()
        assert page.locator("b", has_text="Smith").count() == 0
        assert view.problems == []
    finally:
        view.close()
