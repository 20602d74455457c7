"""The site answers its users' questions where they look: three users' tasks, done in Debian's chromium.

- the journalist, on a 390 px phone: paste a quote's words into the search; the quote's row is the first result;
  one tap on it opens its card, which names the speaker, the kind and what the primary record says;
- the researcher, at 1280 px: every direct quote of the most quoted speaker with its offsets, in at most two
  clicks from the home page; the card of the "50%" figure shows the record's relation;
- the keyboard user: the next-quote key walks every quote in text order; Escape in the card returns focus to
  the words it was opened from.

Each task counts its clicks or taps (typing is not counted) and prints them, so `pytest -s` shows the measure.
Expected values are read from data/*.csv here, never from scripts/docs/.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import Watched, article_ids, serve
from tests.helpers.repo import REPO
from tests.helpers.site import read_csv

SCREENSHOTS = REPO / "build" / "screenshots"


@pytest.fixture(scope="module")
def base(repo_site):
    server, url = serve(repo_site)
    yield url
    server.shutdown()
    server.server_close()


def rows(name: str) -> list[dict]:
    return read_csv(REPO, name)


def names() -> dict[str, str]:
    return {r["entity_id"]: r["name"] for r in rows("entities")}


def alignments_of(table: str, row_id: str) -> list[dict]:
    return [a for a in rows("primary_alignments") if a["target_table"] == table and a["target_id"] == row_id]


def aligned_direct_quote() -> dict:
    """The first direct quote with a speaker and an alignment: the journalist's quote."""
    return next(q for q in rows("quotes") if q["kind"] == "direct" and q["speaker_id"] and alignments_of("quotes", q["quote_id"]))


class Counted:
    """A page whose clicks and taps are counted."""

    def __init__(self, view: Watched, touch: bool):
        self.page, self.touch, self.n = view.page, touch, 0

    def press(self, locator):
        self.n += 1
        locator.tap() if self.touch else locator.click()


def test_journalist_finds_a_quote_by_its_words_and_its_verdict_in_three_taps(browser, base):
    """Search icon, first result, the highlighted words: three taps at 390 px, no sideways scrolling."""
    quote = aligned_direct_quote()
    words = quote["text"].strip("“”\"‘’,. ")
    view = Watched(browser, base, width=390, height=844, phone=True)
    requested: list[str] = []
    view.page.on("request", lambda r: requested.append(r.url))
    page, taps = view.page, Counted(view, touch=True)
    try:
        page.goto(base, wait_until="networkidle")
        assert not [u for u in requested if "search_index.json" in u], "the search index loads before the search opens"
        taps.press(page.locator('label.md-header__button[for="__search"]'))
        page.locator("input.md-search__input").fill(words)
        first = page.locator("a.md-search-result__link").first
        expect(first).to_be_visible()
        assert [u for u in requested if "search_index.json" in u], "opening the search did not load the index"
        href = urlsplit(first.get_attribute("href"))
        assert href.path.endswith(f"/articles/{quote['article_id']}/")
        assert parse_qs(href.query)["row"] == [quote["quote_id"]], f"the first result is {first.get_attribute('href')}"
        taps.press(first)
        page.wait_for_url(re.compile(rf"row={quote['quote_id']}"))
        landed = page.locator(".rv-s.rv-target[role=button]").first
        expect(landed).to_be_in_viewport()
        taps.press(landed)
        card = page.locator(f'.aa-details .aa-card[data-table="quotes"][data-row-id="{quote["quote_id"]}"]')
        expect(card).to_be_visible()
        expect(card).to_contain_text(names()[quote["speaker_id"]])
        expect(card).to_contain_text(f"{quote['kind'].capitalize()} quote")
        for alignment in alignments_of("quotes", quote["quote_id"]):
            expect(card).to_contain_text(f"({alignment['relation']})")
            expect(card.locator(f'a[href*="{alignment["alignment_id"]}"]')).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
        print(f"\njournalist, 390 px: {taps.n} taps from the home page to the card with its verdict")
        assert taps.n == 3
        assert view.problems == []
    finally:
        view.close()


def most_quoted() -> str:
    return Counter(q["speaker_id"] for q in rows("quotes") if q["speaker_id"]).most_common(1)[0][0]


@pytest.mark.slow
def test_researcher_gets_a_speakers_direct_quotes_with_offsets_in_two_clicks(browser, base):
    speaker = most_quoted()
    expected = {q["quote_id"]: (q["start"], q["end"]) for q in rows("quotes") if q["speaker_id"] == speaker and q["kind"] == "direct"}
    view = Watched(browser, base, width=1280, height=900)
    page, clicks = view.page, Counted(view, touch=False)
    try:
        page.goto(base, wait_until="networkidle")
        clicks.press(page.locator("article a[href='quotes/']").first)
        row = page.locator("#speakers ~ * tr, table tr").filter(has_text=names()[speaker]).first
        clicks.press(row.locator("a", has_text="direct").first)
        grid = page.locator(".dp-grid").last
        shown = grid.locator("tbody tr:visible")
        expect(shown).to_have_count(len(expected))
        header = [" ".join(h.split()) for h in grid.locator("thead th").all_inner_texts()]
        start, end = header.index("start"), header.index("end")
        found = {}
        for tr in shown.all():
            cells = tr.locator("td").all_inner_texts()
            found[cells[0].strip()] = (cells[start].strip(), cells[end].strip())
        assert found == expected
        assert "cue_start (cue offset)" in header and "Primary record" in header
        print(f"\nresearcher, 1280 px: {clicks.n} clicks from the home page to {len(expected)} direct quotes with offsets")
        assert clicks.n <= 2
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
def test_researcher_sees_the_records_relation_on_the_50_percent_figure(browser, base):
    figure = next(f for f in rows("figures") if "50" in f["text"] and f["unit"] == "percent")
    relations = [a["relation"] for a in alignments_of("figures", figure["figure_id"])]
    assert relations, "the 50% figure has no alignment in the data"
    view = Watched(browser, base, width=1280, height=900)
    page, clicks = view.page, Counted(view, touch=False)
    try:
        page.goto(base, wait_until="networkidle")
        clicks.press(page.locator(".dp-actions a.md-button--primary"))
        widget = page.locator(f'.aa[data-article-id="{figure["article_id"]}"]')
        expect(widget).to_have_attribute("data-ready", "true")
        clicks.press(widget.locator(f'.rv-s[data-rows~="figures/{figure["figure_id"]}"]').first)
        cards = widget.locator(".aa-details .aa-card")
        card = cards.filter(has=page.locator(f'[href*="{figure["figure_id"]}"]')).first
        for relation in relations:
            expect(card).to_contain_text(f"({relation})")
        for other in cards.all():  # every card on those words says what the record says, or that it was not checked
            table = other.get_attribute("data-table")
            if table in ("quotes", "facts", "figures"):
                expect(other.locator(".aa-primary")).to_have_count(1)
        print(f"\nresearcher, 1280 px: {clicks.n} clicks from the home page to the 50% figure's verdict")
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
@pytest.mark.parametrize("key", ["]", "ArrowDown"])
def test_the_next_quote_key_walks_every_quote_and_escape_returns_focus(browser, base, key):
    article_id = article_ids(REPO)[0]
    located = sorted((int(q["start"]), -int(q["end"]), q["quote_id"]) for q in rows("quotes")
                     if q["article_id"] == article_id and q["start"])
    view = Watched(browser, base, width=1280, height=900)
    page = view.page
    try:
        page.goto(base + f"articles/{article_id}/", wait_until="networkidle")
        widget = page.locator(f'.aa[data-article-id="{article_id}"]')
        expect(widget).to_have_attribute("data-ready", "true")
        widget.locator(".rv-s[role=button]").first.focus()
        focused = "() => { const q = document.activeElement.closest('[data-quote]'); return q ? q.dataset.quote : null; }"
        walked = [page.evaluate(focused)] if page.evaluate(focused) else []
        for _ in range(len(located) + 2):
            page.keyboard.press(key)
            at = page.evaluate(focused)
            if at and (not walked or walked[-1] != at):
                walked.append(at)
        # a quote nested in another is reached where it starts; each quote once, in text order
        assert list(dict.fromkeys(walked)) == list(dict.fromkeys(q for _, _, q in located))
        para = "() => Array.from(document.querySelectorAll('.rv-p')).indexOf(document.activeElement.closest('.rv-p'))"
        page.keyboard.press("Home")
        before = page.evaluate(para)
        page.keyboard.press("PageDown")
        assert page.evaluate(para) == before + 1, "PageDown did not move to the next paragraph"
        seg = page.evaluate_handle("document.activeElement")
        page.keyboard.press("Enter")
        panel = widget.locator(".aa-details")
        expect(panel.locator(".aa-card").first).to_be_visible()
        panel.locator(".aa-card a").first.focus()
        page.keyboard.press("Escape")
        assert page.evaluate("s => document.activeElement === s", seg), "Escape did not return focus to the words"
        expect(widget).not_to_have_class(re.compile(r"\baa-open\b"))
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
def test_spans_are_named_by_role_and_whitespace_is_never_a_button(browser, base):
    article_id = article_ids(REPO)[0]
    quotes = {q["quote_id"]: q for q in rows("quotes") if q["article_id"] == article_id}
    view = Watched(browser, base, width=1280, height=900)
    try:
        view.page.goto(base + f"articles/{article_id}/", wait_until="networkidle")
        buttons = view.page.locator(".rv-s[role=button]").evaluate_all(
            "els => els.map(e => [e.textContent, e.getAttribute('aria-label'), e.getAttribute('aria-description'), e.dataset.rows])")
        assert buttons
        for text, label, description, keys in buttons:
            assert text.strip(), f"a whitespace-only button: {keys}"
            assert not re.search(r"\b[a-z]+-[a-z]\d{2,}\b", label), f"an ID in the name {label!r}"
            for key in keys.split():
                assert key.split("/", 1)[1] in description
                if key.startswith("quotes/"):
                    q = quotes[key.split("/", 1)[1]]
                    want = (f"{q['kind']} quote by {names()[q['speaker_id']]}" if q["speaker_id"]
                            else f"unattributed {q['kind']} statement")
                    assert want in label, f"{label!r} does not say {want!r}"
        alone = [q for q in quotes.values() if not q["speaker_id"]]
        if alone:  # the legend explains the mark of a quote without a speaker
            expect(view.page.locator('.aa-speakers li[data-speaker=""]')).to_contain_text(f"({len(alone)} quote")
    finally:
        view.close()


@pytest.mark.slow
def test_filters_match_whole_values_and_the_facts_page_separates_voices(browser, base):
    view = Watched(browser, base, width=1280, height=900)
    page = view.page
    try:
        page.goto(base + "quotes/", wait_until="networkidle")
        grid = page.locator(".dp-grid").last
        grid.locator("select[data-column=kind]").select_option("direct")
        expect(grid.locator("tbody tr:visible")).to_have_count(sum(q["kind"] == "direct" for q in rows("quotes")))
        grid.locator("select[data-column=kind]").select_option(label="any")
        grid.locator("input[type=search]").fill("direct")
        for tr in grid.locator("tbody tr:visible").all():
            assert re.search(r"(?<![a-z])direct", tr.inner_text().lower())
        page.goto(base + "facts/", wait_until="networkidle")
        facts = rows("facts")
        own = [f for f in facts if not f["claimant_id"] and not f["quote_id"]]
        grid = page.locator(".dp-grid").last
        grid.locator("select[data-column=Voice]").select_option("article's own voice")
        expect(grid.locator("tbody tr:visible")).to_have_count(len(own))
        details = grid.locator("tbody tr:visible details.dp-primary").first
        details.locator("summary").click()
        note = page.locator("tr.dp-note-row:visible td").first
        expect(note).to_be_visible()
        assert int(note.get_attribute("colspan")) == len(grid.locator("thead th").all())
        assert view.problems == []
    finally:
        view.close()


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_home_article_quotes_and_cite(browser, base, width):
    """build/screenshots/<page>-<width>.png, above the fold, for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view = Watched(browser, base, width=width, height=900 if width > 400 else 844)
    try:
        for name, path in (("home", ""), ("article", f"articles/{article_ids(REPO)[0]}/"), ("quotes", "quotes/"), ("cite", "cite/")):
            view.page.goto(base + path, wait_until="networkidle")
            if name == "article":
                view.page.locator(".rv-q .rv-s[role=button]").first.click()
            out = SCREENSHOTS / f"{name}-{width}.png"
            view.page.screenshot(path=str(out))
            assert out.stat().st_size > 10_000
        assert view.problems == []
    finally:
        view.close()
