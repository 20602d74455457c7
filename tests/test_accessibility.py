"""WCAG 2.1 A and AA on every page of the built site: axe-core (axe-playwright-python) in Debian's chromium.

Any serious or critical violation fails, named by page, rule and the first offending elements. Pages are
checked in the light scheme, and the annotated articles also in the dark scheme and with the all-layers
view and the panel open, since those states bring their own colours.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from browsing import article_ids, launch, serve, site_pages
from test_docs_site import mkdocs_build

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
BLOCKING = {"serious", "critical"}


def violations(page) -> list[str]:
    found = Axe().run(page, options=WCAG).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}; e.g. " + "; ".join(n["target"][0] if isinstance(n["target"][0], str)
                                                                        else str(n["target"][0]) for n in v["nodes"][:3])
            for v in found if v.get("impact") in BLOCKING]


@pytest.fixture(scope="module")
def axe_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("axe-site")
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stderr
    server, base = serve(out)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield out, base, browser
        browser.close()
    server.shutdown()
    server.server_close()


def test_no_serious_violation_on_any_page(axe_site):
    site, base, browser = axe_site
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    found = {}
    pages = site_pages(site)
    for path in pages:
        page.goto(base + path, wait_until="networkidle")
        problems = violations(page)
        if problems:
            found[path] = problems
    page.close()
    assert len(pages) > 20
    assert found == {}, "\n".join(f"{path}: {p}" for path, problems in found.items() for p in problems)


@pytest.mark.parametrize("article_id", article_ids())
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
