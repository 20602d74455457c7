"""Shared fixtures: copies of a small test article, and the package built from it (built once per session).

tests/fixtures/<name>/ holds annotations/ (with entities.yaml and the reviewed counts files) and sources/ in the
same layout as the repository, so the build and the validator run on a copy of it. The helpers that make such
copies are in tests/helpers/repo.py. Heavy imports happen inside the fixtures, so collection stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers.repo import copy_fixture

# dev: a few examples, for the default run; ci: more, for `make test-all` (HYPOTHESIS_PROFILE=ci).
settings.register_profile("dev", max_examples=3, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("ci", max_examples=8, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


LONGEST_FIRST = ("tests/docs/test_accessibility.py", "tests/docs/test_browser.py")
# What a test needs that takes seconds to make and is read by an outside client or a browser: the built sites, every
# export written and read back, the release zips. A test that asks for one runs in the full run (`make test-all`, CI).
FULL_RUN_FIXTURES = {"repo_site", "hostile_site", "corpus_site", "grown_site", "exported", "package_root", "dist", "exports"}


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` leaves the slow tests out
def pytest_collection_modifyitems(items):
    """Tests that need a full-run fixture are marked slow; the browser tests, the longest, are handed out first, so
    that the test processes finish together."""
    for item in items:
        if FULL_RUN_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))


@pytest.fixture
def second_article(tmp_path) -> Path:
    """A copy of the second article's annotations and text, not built yet."""
    return copy_fixture(tmp_path / "second-article")


@pytest.fixture(scope="session")
def second_files(tmp_path_factory) -> dict[str, bytes]:
    """The files a build of the second article writes (built once per session; treat as read-only)."""
    from scripts.build.pipeline import build

    return build(copy_fixture(tmp_path_factory.mktemp("second-build") / "second"))


@pytest.fixture
def second_package(tmp_path, second_files) -> Path:
    """A copy of the second article with its built package written next to it (data/, datapackage.json)."""
    from scripts.build.write import write_files

    root = copy_fixture(tmp_path / "second-package")
    write_files(second_files, root)
    return root


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The site of the repository's package, built once per run with `mkdocs build --strict`."""
    from tests.helpers.shared import made_once
    from tests.helpers.site import built_site

    return made_once(tmp_path_factory, "repo-site", built_site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    """A package whose quote, speaker and metadata carry HTML and Markdown syntax, and its site (built once)."""
    from tests.helpers.packages import make_hostile_package
    from tests.helpers.shared import made_once
    from tests.helpers.site import built_site

    def make(folder: Path) -> None:
        built_site(folder / "site", make_hostile_package(folder / "package"))

    folder = made_once(tmp_path_factory, "hostile", make)
    return folder / "package", folder / "site"


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> tuple[Path, Path]:
    """A corpus of two articles with a homepage and primary records, and its site (built once)."""
    from tests.helpers.packages import make_corpus_package
    from tests.helpers.shared import made_once
    from tests.helpers.site import built_site

    def make(folder: Path) -> None:
        built_site(folder / "site", make_corpus_package(folder / "package"))

    folder = made_once(tmp_path_factory, "corpus", make)
    return folder / "package", folder / "site"


@pytest.fixture(scope="session")
def grown_repository(tmp_path_factory) -> Path:
    """A copy of the repository's inputs with the fixture corpus's article added as docs/adding-an-article.md says,
    built and validated (once per run; treat as read-only)."""
    from scripts.build.pipeline import build_and_validate
    from tests.helpers.repo import FIXTURES, add_article, scratch_repository
    from tests.helpers.shared import made_once

    def make(folder: Path) -> None:
        scratch_repository(folder)
        add_article(folder, FIXTURES / "corpus")
        build_and_validate(folder)

    return made_once(tmp_path_factory, "grown", make)


@pytest.fixture(scope="session")
def grown_site(tmp_path_factory, grown_repository) -> Path:
    """The site of the grown repository (built once)."""
    from tests.helpers.shared import made_once
    from tests.helpers.site import built_site

    return made_once(tmp_path_factory, "grown-site", lambda folder: built_site(folder, grown_repository))


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright, started once per session."""
    from playwright.sync_api import sync_playwright

    from tests.helpers.browser import launch

    with sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()
