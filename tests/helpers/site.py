"""Sites built for the tests with `mkdocs build --strict`, as `make docs` builds them, and readers of their pages.

Each site is built once per session (tests/conftest.py) and shared read-only by every test that looks at it.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers.repo import REPO


def mkdocs_build(site_dir: Path, package_root: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("DOCS_PACKAGE_ROOT", None)
    if package_root is not None:
        env["DOCS_PACKAGE_ROOT"] = str(package_root)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"),
                           "--site-dir", str(site_dir)], cwd=REPO, env=env, capture_output=True, text=True)


class Text(HTMLParser):
    """Visible text of an HTML page (no script or style), plus the cells of every table row and the ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.rows: list[list[str]] = []   # every <tr>'s cells, in order
        self.row_tables: list[int] = []   # which table each row belongs to
        self.ids: set[str] = set()
        self.sections: list[tuple[str, list[str]]] = [("", [])]  # (h2 or h3 id, text) in order
        self._skip = 0
        self._cell: list[str] | None = None
        self._tables = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._tables += 1
        elif tag == "tr":
            self.rows.append([])
            self.row_tables.append(self._tables)
        elif tag in ("td", "th"):
            self._cell = []
        elif tag in ("h2", "h3"):
            self.sections.append((attrs.get("id", ""), []))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        self.chunks.append(data)
        self.sections[-1][1].append(data)
        if self._cell is not None:
            self._cell.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.chunks).split())

    def section(self, section_id: str) -> str:
        return " ".join(" ".join("".join(t) for i, t in self.sections if i == section_id).split())


def parse(path: Path) -> Text:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def read_csv(root: Path, name: str) -> list[dict]:
    with open(root / "data" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def page(site: Path, path: str) -> Path:
    found = site / path / "index.html" if path else site / "index.html"
    assert found.is_file(), f"the site has no page {path or '/'}"
    return found


def built_site(site_dir: Path, package_root: Path | None = None) -> Path:
    """site_dir with the site of the package at package_root (the repository when None), or a failure with the log."""
    result = mkdocs_build(site_dir, package_root)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir
