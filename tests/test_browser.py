"""The documentation site in a real browser: Debian's chromium, driven by Playwright for Python.

The site is built with `mkdocs build --strict` into site/ and served from 127.0.0.1 on a free port. No browser is
downloaded: `make test` installs Debian's chromium when it is missing (`make chromium`). Expected numbers are
read from data/*.csv here, independently of scripts/docs.py.
"""

from __future__ import annotations

import csv
import functools
import http.server
import re
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from test_docs_site import HOSTILE_NAME, HOSTILE_QUOTE, make_hostile_package, mkdocs_build

REPO = Path(__file__).resolve().parents[1]
SITE = REPO / "site"
SCREENSHOT = REPO / "build" / "article.png"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
# The span tables the annotated article highlights; `sentences` tile the text and are not highlighted.
HIGHLIGHTED = ("quotes", "facts", "events", "figures", "time_expressions", "mentions")
NOT_HIGHLIGHTED = ("sentences",)


def rows(name: str, root: Path = REPO) -> list[dict]:
    with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def row_id(row: dict) -> str:
    return next(iter(row.values()))  # the first column is the primary key


def expected_spans(root: Path = REPO) -> list[tuple[str, str]]:
    """(table, row ID) of every row with a start and an end, in every highlighted table."""
    return sorted((name, row_id(row)) for name in HIGHLIGHTED for row in rows(name, root) if row["start"] and row["end"])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def _chromium_path() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    return CHROMIUM


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site_url():
    result = mkdocs_build(SITE)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    server, url = serve(SITE)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium_path(), headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Watched:
    """A page that records every console error, page error, failed or off-site request, and dialog."""

    def __init__(self, browser, base: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        host = urlsplit(base).netloc
        page = self.page
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text} ({page.url})"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e} ({page.url})"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure} ({page.url})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url} ({page.url})"))
        page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
                and self.problems.append(f"off-site request: {r.url} ({page.url})"))

        def dialog(d):
            self.problems.append(f"dialog: {d.message} ({page.url})")
            d.dismiss()
        page.on("dialog", dialog)

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser, site_url):
    view = Watched(browser, site_url)
    yield view
    view.close()


def open_article(view: Watched, base: str):
    view.page.goto(base + "article/", wait_until="networkidle")
    view.page.wait_for_selector('.aa[data-ready="true"]', state="attached")
    return view.page


def site_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def test_every_page_loads_without_errors_or_failed_requests(watched, site_url):
    pages = site_pages(SITE)
    assert len(pages) > 20 and "" in pages and "article/" in pages
    for path in pages:
        response = watched.page.goto(site_url + path, wait_until="networkidle")
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        assert watched.page.locator("h1").count() >= 1, f"{path} has no heading"
    assert watched.problems == []


def test_the_article_shows_one_highlight_per_span(watched, site_url):
    expected = expected_spans()
    page = open_article(watched, site_url)
    shown = page.eval_on_selector_all(".aa-hl", "els => els.map(e => [e.dataset.table, e.dataset.rowId])")
    assert len(shown) == len(expected), f"{len(shown)} highlights for {len(expected)} spans"
    assert sorted(tuple(s) for s in shown) == expected
    span_tables = set()
    for path in (REPO / "data").glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            if {"start", "end", "text"} <= set(next(csv.reader(handle))):  # offsets into the article (not a primary record)
                span_tables.add(path.stem)
    assert span_tables == set(HIGHLIGHTED) | set(NOT_HIGHLIGHTED), "a span table is neither highlighted nor excluded"
    status = page.locator(".aa-status")
    expect(status).to_contain_text(f"Showing {len(expected)} of {len(expected)} highlights")
    assert watched.problems == []


def key_text(table: str, row: dict, names: dict[str, str]) -> list[str]:
    """What the click must show besides the ID: speaker, factuality, CAMEO code, value and unit ..."""
    shown = {
        "quotes": lambda: [names[row["speaker_id"]]] if row["speaker_id"] else [row["cue_text"]],  # a nominal attribution may name no source
        "facts": lambda: [row["factuality"]],
        "events": lambda: [row["cameo_code"]],
        "figures": lambda: [row["value"], row["unit"]],
        "time_expressions": lambda: [row["value"]],
        "mentions": lambda: [names[row["entity_id"]]],
    }
    return shown[table]()


def test_clicking_each_highlight_shows_its_row(watched, site_url):
    names = {row["entity_id"]: row["name"] for row in rows("entities")}
    by_id = {(name, row_id(row)): row for name in HIGHLIGHTED for row in rows(name)}
    page = open_article(watched, site_url)
    clicked = 0
    for table, rid in expected_spans():
        mark = page.locator(f'.aa-hl[data-table="{table}"][data-row-id="{rid}"]')
        assert rid in (mark.get_attribute("title") or ""), f"{rid}: hovering does not name the row"
        point = mark.evaluate("""el => { el.scrollIntoView({block: "center"});
                                        const r = el.getClientRects()[0];
                                        return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }""")
        page.mouse.click(point["x"], point["y"])
        card = page.locator(f'.aa-details .aa-card[data-table="{table}"][data-row-id="{rid}"]')
        expect(card).to_have_count(1)
        expect(card).to_contain_text(rid)
        for text in key_text(table, by_id[(table, rid)], names):
            expect(card).to_contain_text(text)
        clicked += 1
    assert clicked == len(expected_spans())
    assert watched.problems == []


def test_filters_by_kind_and_by_speaker(watched, site_url):
    page = open_article(watched, site_url)
    total = len(expected_spans())
    visible = page.locator(".aa-hl:not(.aa-off)")
    expect(visible).to_have_count(total)
    mentions = [r for r in rows("mentions") if r["start"]]
    kind = page.locator('.aa-hl[data-table="mentions"]').first.get_attribute("data-kind")
    page.locator(f'.aa-kind-toggle[value="{kind}"]').uncheck()
    expect(visible).to_have_count(total - len(mentions))
    expect(page.locator('.aa-hl[data-table="mentions"]:not(.aa-off)')).to_have_count(0)
    page.locator(f'.aa-kind-toggle[value="{kind}"]').check()
    expect(visible).to_have_count(total)

    quotes = rows("quotes")
    speaker, _ = Counter(q["speaker_id"] for q in quotes).most_common(1)[0]
    theirs = {row_id(q) for q in quotes if q["speaker_id"] == speaker}
    said = [("quotes", q) for q in theirs]
    said += [("facts", row_id(f)) for f in rows("facts") if f["claimant_id"] == speaker or f["quote_id"] in theirs]
    said += [("figures", row_id(f)) for f in rows("figures") if f["claimant_id"] == speaker]
    page.locator(".aa-speaker").select_option(speaker)
    expect(visible).to_have_count(len(said))
    shown = page.eval_on_selector_all(".aa-hl:not(.aa-off)", "els => els.map(e => [e.dataset.table, e.dataset.rowId])")
    assert sorted(tuple(s) for s in shown) == sorted(said)
    page.locator(".aa-speaker").select_option("")
    expect(visible).to_have_count(total)
    assert watched.problems == []


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


def test_screenshot_of_the_article(watched, site_url):
    page = open_article(watched, site_url)
    first = expected_spans()[0]
    mark = page.locator(f'.aa-hl[data-table="{first[0]}"][data-row-id="{first[1]}"]')
    point = mark.evaluate("el => { const r = el.getClientRects()[0]; return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }")
    page.mouse.click(point["x"], point["y"])
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
    assert watched.problems == []


def test_hostile_text_stays_text_in_the_browser(browser, tmp_path):
    """A quote and a speaker holding <script>, |, * and backticks: shown literally, nothing runs."""
    package = make_hostile_package(tmp_path / "package")
    result = mkdocs_build(tmp_path / "site", package)
    assert result.returncode == 0, result.stderr
    server, base = serve(tmp_path / "site")
    view = Watched(browser, base)
    try:
        page = open_article(view, base)
        assert page.locator(".aa-hl").count() == len(expected_spans(package))
        mark = page.locator('.aa-hl[data-table="quotes"][data-row-id="h-q01"]')
        assert mark.text_content() == HOSTILE_QUOTE
        point = mark.evaluate("el => { el.scrollIntoView({block: 'center'}); const r = el.getClientRects()[0]; "
                              "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; }")
        page.mouse.click(point["x"], point["y"])
        card = page.locator('.aa-details .aa-card[data-row-id="h-q01"]')
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
        server.shutdown()
        server.server_close()
