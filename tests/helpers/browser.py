"""Shared by the browser tests: Debian's chromium through Playwright, a local server, a watched page.

No browser is downloaded: `make test-all` installs Debian's chromium when it is missing (`make chromium`).
"""

from __future__ import annotations

import csv
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest


CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def chromium_path() -> str:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium)")
    return CHROMIUM


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS)


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def site_pages(site: Path) -> list[str]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def article_ids(root: Path) -> list[str]:
    with open(root / "data" / "articles.csv", encoding="utf-8", newline="") as handle:
        return [row["article_id"] for row in csv.DictReader(handle)]


class Watched:
    """A page that records every console message of level warning or error, page error, failed or off-site
    request, and dialog."""

    def __init__(self, browser, base: str, width: int = 1400, height: int = 900, phone: bool = False):
        self.context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        host = urlsplit(base).netloc
        page = self.page
        page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text} ({page.url})"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e} ({page.url})"))
        # a request the page itself cancelled by moving on (net::ERR_ABORTED) is not a failure of the site
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED"
                and self.problems.append(f"request failed: {r.url} {r.failure} ({page.url})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url} ({page.url})"))
        page.on("request", lambda r: urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host
                and self.problems.append(f"off-site request: {r.url} ({page.url})"))

        def dialog(d):
            self.problems.append(f"dialog: {d.message} ({page.url})")
            d.dismiss()
        page.on("dialog", dialog)

    def close(self):
        self.context.close()
