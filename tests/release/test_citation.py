"""Citation from one source: CITATION.cff (valid for cffconvert), .zenodo.json, BibTeX, APA and the home page's
schema.org JSON-LD carry one title, the version, the team as author, the licence, and the repository URL only
when there is one. One rights statement everywhere, and nothing says "do not republish"."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scripts.runtime.root import repo_root
from scripts.contract import citation
from scripts.release import citation_files
from scripts.release.rights import statement


REPO = repo_root()
CFFCONVERT = REPO / "build" / "cffconvert" / "bin" / "cffconvert"
DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
WITH_URL = dict(DESCRIPTOR, homepage="https://example.org/a-repository")  # a test value, not the package's


def cffconvert(*args: str) -> subprocess.CompletedProcess:
    assert CFFCONVERT.is_file(), "cffconvert is missing: run `make cffconvert` (make test does)"
    return subprocess.run([str(CFFCONVERT), *args], capture_output=True, text=True)


def test_committed_copies_equal_a_fresh_render():
    assert citation_files.stale(REPO) == [], "run `make citation` and commit the result"


@pytest.mark.parametrize("descriptor", [DESCRIPTOR, WITH_URL], ids=["as-is", "with-repository"])
def test_cffconvert_validates_the_cff(descriptor, tmp_path):
    path = tmp_path / "CITATION.cff"
    path.write_text(citation.cff(descriptor), encoding="utf-8")
    result = cffconvert("--validate", "-i", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc["cff-version"] == "1.2.0" and doc["type"] == "dataset"
    for key in ("title", "version", "date-released", "authors", "license", "abstract", "keywords"):
        assert doc.get(key), f"CITATION.cff lacks {key}"
    assert ("repository" in doc) == bool(descriptor.get("homepage"))


def test_the_committed_cff_is_what_cffconvert_validates():
    result = cffconvert("--validate", "-i", str(REPO / "CITATION.cff"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zenodo_json_agrees_with_cffconverts_reading_of_the_cff():
    converted = json.loads(cffconvert("-f", "zenodo", "-i", str(REPO / "CITATION.cff")).stdout)
    ours = json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))
    assert ours["upload_type"] == "dataset"
    assert ours["title"] == converted["title"] and ours["version"] == converted["version"]
    assert ours["creators"] == converted["creators"]
    assert ours["license"] == converted["license"]["id"].lower()
    assert ours["publication_date"] == converted["publication_date"]
    assert ours["related_identifiers"], "zenodo needs at least the public source the context cites"


def test_authors_are_the_team_not_a_placeholder():
    contributors = [c["title"] for c in DESCRIPTOR["contributors"]]
    doc = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert [a["name"] for a in doc["authors"]] == contributors
    every_output = "\n".join((REPO / rel).read_text(encoding="utf-8") for rel in citation_files.render(REPO))
    assert not re.search(r"placeholder|unknown author|lorem|john doe|jane doe", every_output, re.I)


def test_no_empty_or_invented_repository_url():
    assert DESCRIPTOR.get("homepage", "") == ""
    for text in (citation.cff(DESCRIPTOR), citation.zenodo(DESCRIPTOR), citation.bibtex(DESCRIPTOR), citation.apa(DESCRIPTOR)):
        assert "example.org" not in text and '""' not in text and "''" not in text and "url = {}" not in text
    assert "url" not in citation.jsonld(DESCRIPTOR, "downloads/x.zip")


def test_the_repository_url_reaches_every_format_once_it_is_set():
    url = WITH_URL["homepage"]
    assert url in citation.cff(WITH_URL) and url in citation.bibtex(WITH_URL) and citation.apa(WITH_URL).endswith(url)
    assert url in [r["identifier"] for r in json.loads(citation.zenodo(WITH_URL))["related_identifiers"]]
    assert citation.jsonld(WITH_URL, "downloads/x.zip")["url"] == url


def test_bibtex_and_apa_carry_title_version_and_team():
    bib = citation.bibtex(DESCRIPTOR)
    assert bib.count("{") == bib.count("}")
    assert re.match(r"@misc\{[A-Za-z0-9_]+,\n", bib)
    assert f"version = {{{DESCRIPTOR['version']}}}" in bib
    assert "{{" + DESCRIPTOR["contributors"][0]["title"] + "}}" in bib  # an organisation, not "maintainers, Seed"
    apa = citation.apa(DESCRIPTOR)
    assert DESCRIPTOR["title"] in apa and f"(Version {DESCRIPTOR['version']}) [Data set]" in apa
    assert citation.bib_text("R&D 50% #1 a_b {x}") == r"R\&D 50\% \#1 a\_b \{x\}"


def h1(path: Path) -> str:
    return next(line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def test_one_title_everywhere():
    title = DESCRIPTOR["title"]
    assert yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))["title"] == title
    assert json.loads((REPO / ".zenodo.json").read_text(encoding="utf-8"))["title"] == title
    assert h1(REPO / "README.md") == title
    # the home page's heading is the descriptor's title, filled in by the docs hook (scripts/docs/snippets.py)
    assert h1(REPO / "docs" / "index.md") in (title, "<!-- docs:title -->")


def test_the_rights_statement_speaks_of_as_many_texts_as_the_package_holds():
    import copy

    text_paths = [r["path"] for r in DESCRIPTOR["resources"] if r["path"].startswith("data/articles/")]
    grown = copy.deepcopy(DESCRIPTOR)
    extra = copy.deepcopy(next(r for r in grown["resources"] if r["path"] == text_paths[0]))
    extra.update(name="article-another", path="data/articles/another.txt")
    grown["resources"].append(extra)
    several = statement(grown)
    assert "**Not open: the article texts.**" in several and "remain the copyright of their original publishers" in several
    assert all(f"`{path}`" in several for path in [*text_paths, "data/articles/another.txt"])
    if len(text_paths) == 1:
        one = statement(DESCRIPTOR)
        assert "**Not open: the article text.**" in one and "remains the copyright of its original publisher" in one


def test_one_rights_statement_everywhere_and_no_contradiction():
    text = statement(DESCRIPTOR)
    assert "CC-BY-4.0" in text and "publisher" in text and "not covered" in text
    for rel in ("README.md", "docs/rights.md"):
        assert text in (REPO / rel).read_text(encoding="utf-8"), f"{rel} lacks the rights statement"
    licences = {lic["name"] for lic in DESCRIPTOR["licenses"]}
    assert licences == {"CC-BY-4.0"}
    codebooks = {"cameo_codes": ["CC-BY-NC-SA-3.0"], "plover_crosswalk": ["CC-BY-SA-4.0"]}  # their sources' licences
    for resource in DESCRIPTOR["resources"]:
        expected = (codebooks[resource["name"]] if resource["name"] in codebooks
                    else [lic["name"] for lic in DESCRIPTOR["licenses"]] if "schema" in resource else ["other-closed"])
        assert [lic["name"] for lic in resource["licenses"]] == expected
    for name, names in codebooks.items():  # the statement says which tables the package's licence does not cover
        assert f"`data/{name}.csv`" in text and all(f"[{n}]" in text for n in names)
    assert "except the codebooks below" in text
    readable = [REPO / "README.md", REPO / "CHANGELOG.md", REPO / "datapackage.json", *sorted((REPO / "docs").rglob("*.md"))]
    for path in readable:
        assert not re.search(r"(do not|don't|never) republish", path.read_text(encoding="utf-8"), re.I), path


# ------------------------------------------------------------ schema.org JSON-LD, parsed from the built home page


class JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.blocks = False, []

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self.inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


@pytest.fixture
def site(repo_site) -> Path:
    return repo_site


def jsonld_blocks(path: Path) -> list[dict]:
    parser = JsonLd()
    parser.feed(path.read_text(encoding="utf-8"))
    return [json.loads(block) for block in parser.blocks]


def test_the_home_page_describes_the_dataset_for_harvesters(site):
    [data] = jsonld_blocks(site / "index.html")
    assert data["@context"].rstrip("/") == "https://schema.org" and data["@type"] == "Dataset"
    assert data["name"] == DESCRIPTOR["title"] and data["version"] == DESCRIPTOR["version"]
    assert 50 <= len(data["description"]) <= 5000  # what Google Dataset Search accepts
    assert data["license"] == DESCRIPTOR["licenses"][0]["path"]
    assert [c["name"] for c in data["creator"]] == [c["title"] for c in DESCRIPTOR["contributors"]]
    assert data["keywords"] == DESCRIPTOR["keywords"] and data["isAccessibleForFree"] is True
    assert DESCRIPTOR["title"] in data["citation"]
    formats = {d["encodingFormat"] for d in data["distribution"]}
    assert formats == {"application/zip", "text/csv"}
    csvs = {d["contentUrl"] for d in data["distribution"] if d["encodingFormat"] == "text/csv"}
    assert csvs == {r["path"] for r in DESCRIPTOR["resources"] if "schema" in r}
    for dist in data["distribution"]:
        assert (site / dist["contentUrl"]).is_file(), f"{dist['contentUrl']} is not on the site"


def test_only_the_home_page_carries_it(site):
    assert jsonld_blocks(site / "cite" / "index.html") == []


def test_the_cite_page_shows_the_cff_and_the_version(site):
    page = (site / "cite" / "index.html").read_text(encoding="utf-8")
    assert "cff-version" in page and DESCRIPTOR["version"] in page and "Placeholder" not in page
