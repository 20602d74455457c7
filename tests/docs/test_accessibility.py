"""Every page of the built site loads cleanly and passes axe: axe-core 4.12.1 (pinned through
axe-playwright-python 0.1.8) in Debian's chromium.

Each page is loaded once, watched (no console warning or error, page error, failed or off-site request, HTTP error
or dialog), must have a heading, and is checked with every axe rule that can fail it: WCAG 2.0, 2.1 and 2.2 at A
and AA, and best practices. Any serious or critical violation fails, named by page, rule and the first offending
elements. The two pages most readers open (the home page and the first article) are also checked with the AAA and
experimental rules, which are counted (printed with -s) but do not fail: the site promises AA. The annotated
articles are also checked in the dark scheme and with the all-layers view and the panel open, since those states
bring their own colours.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers.browser import Watched, article_ids, serve, site_pages
from tests.helpers.repo import REPO


BLOCKING = {"serious", "critical"}
BEYOND_AA = {"wcag2aaa", "experimental"}  # run and counted, not failing
SEEN: Counter = Counter()  # (impact, rule, blocking) -> nodes, over every page this process checked


def axe_options(page, every_rule: bool) -> dict:
    """axe options: every rule axe knows, or only those that can fail a page (not AAA, not experimental)."""
    rules = page.evaluate("() => axe.getRules().map(r => [r.ruleId, r.tags])")
    return {"rules": {rule: {"enabled": every_rule or not BEYOND_AA & set(tags)} for rule, tags in rules},
            "resultTypes": ["violations"]}


def violations(page, every_rule: bool = False) -> list[str]:
    axe = Axe()
    page.evaluate(axe.axe_script)
    found = axe.run(page, options=axe_options(page, every_rule)).response["violations"]
    out = []
    for v in found:
        blocking = v.get("impact") in BLOCKING and not BEYOND_AA & set(v.get("tags", []))
        SEEN[(v.get("impact"), v["id"], blocking)] += len(v["nodes"])
        if blocking:
            out.append(f"{v['id']} ({v['impact']}): {v['help']}; e.g. " + "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"][0]) for n in v["nodes"][:3]))
    return out


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    if SEEN:
        print("\naxe, every rule (impact, rule, fails?): nodes")
        for key, n in sorted(SEEN.items(), key=str):
            print(f"  {key}: {n}")


@pytest.fixture(scope="module")
def axe_site(repo_site, browser):
    server, base = serve(repo_site)
    yield repo_site, base, browser
    server.shutdown()
    server.server_close()


SHARDS = 6  # the pages are checked in this many parts, so that test processes share them


@pytest.mark.slow
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_page_loads_cleanly_and_has_no_serious_violation(axe_site, shard):
    site, base, browser = axe_site
    pages = site_pages(site)
    assert len(pages) > 20 and "" in pages and "articles/" in pages
    assert all(f"articles/{a}/" in pages for a in article_ids(REPO))
    view = Watched(browser, base, width=1280)
    found = {}
    for path in pages[shard::SHARDS]:
        response = view.page.goto(base + path, wait_until="load")  # axe runs long enough for late requests to end
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        assert view.page.locator("h1").count() >= 1, f"{path} has no heading"
        problems = violations(view.page)
        if problems:
            found[path] = problems
    view.close()
    assert view.problems == []
    assert found == {}, "\n".join(f"{path}: {p}" for path, problems in found.items() for p in problems)


@pytest.mark.slow  # the browser runs in the full run (`make test-all`)
def test_home_and_article_pass_every_axe_rule(axe_site):
    """The quick check: the two pages most readers open, every rule."""
    _, base, browser = axe_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    for path in ("", f"articles/{article_ids(REPO)[0]}/"):
        page.goto(base + path, wait_until="load")
        found[path] = violations(page, every_rule=True)
    page.close()
    assert found == {path: [] for path in found}


@pytest.mark.slow
@pytest.mark.parametrize("article_id", article_ids(REPO))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_states_have_no_serious_violation(axe_site, article_id, scheme):
    _, base, browser = axe_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + f"articles/{article_id}/", wait_until="networkidle")
    widget = page.locator(f"#aa-{article_id}")
    widget.locator(".rv-cue").first.click()
    assert violations(page) == []
    widget.locator('.aa-view[value="bands"]').check()
    widget.locator(".aa-hl").first.wait_for()
    assert violations(page) == []
    context.close()


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_mark_colour_has_3_to_1_contrast_with_the_page():
    """Kinds (--aa-*) and speakers (--rv-c*) in docs/stylesheets/article.css, light and dark schemes."""
    css = (REPO / "docs" / "stylesheets" / "article.css").read_text(encoding="utf-8")
    light = css[css.index(".aa {"):css.index('[data-md-color-scheme="slate"] .aa {')]
    dark = css[css.index('[data-md-color-scheme="slate"] .aa {'):css.index(".aa-k-quote")]
    for block, background in ((light, "#ffffff"), (dark, "#1e2029")):  # Material's default and slate backgrounds
        colours = dict(re.findall(r"--((?:aa|rv)-[a-z0-9]+):\s*(#[0-9a-f]{6})", block))
        assert len(colours) >= 14
        for name, colour in colours.items():
            if name != "rv-chip-fg":
                assert contrast(colour, background) >= 3, f"--{name} {colour} on {background}"
