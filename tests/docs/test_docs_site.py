"""The documentation site: built with `mkdocs build --strict`, complete, offline, and safe with any data text.

The site is built for real (a subprocess, as `make docs` does): once from the repository's package, once from a
fixture package whose quote and speaker carry `<script>`, `|`, `*`, backticks and other Markdown syntax.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import markdown
import pytest

from scripts.contract.fields import TABLES
from scripts.docs.config import HIGHLIGHTS
from scripts.docs.generate import generate
from scripts.docs.lanes import Span, assign_lanes
from scripts.docs.loading import DocsError, load_package
from scripts.docs.snippets import fill_markers
from scripts.docs.text import md, script_json, table
from tests.helpers.browser import article_ids
from tests.helpers.packages import HOSTILE_ARTICLE, HOSTILE_NAME, HOSTILE_QUOTE
from tests.helpers.repo import REPO, repository_copy
from tests.helpers.shared import made_once
from tests.helpers.site import Text, page, parse, read_csv


ARTICLE_IDS = article_ids(REPO)


# ---------------------------------------------------------------- the site of the repository's package


@pytest.fixture
def site(repo_site) -> Path:
    return repo_site


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    """What a descriptor text looks like on the page: `code` marks gone, white space collapsed."""
    return " ".join(text.replace("`", "").split())


def test_dictionary_names_every_resource_field_and_allowed_value(site, descriptor):
    dictionary = parse(page(site, "dictionary"))
    for resource in descriptor["resources"]:
        name = resource["name"]
        assert name in dictionary.ids, f"the data dictionary has no section for resource {name}"
        section = dictionary.section(name)
        for key in ("title", "description", "path"):
            assert plain(resource[key]) in section, f"{name}: its {key} is missing from the dictionary"
        if "schema" not in resource:
            continue
        fields_text = dictionary.section(f"{name}-fields")
        with open(REPO / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert f"Rows: {len(rows)}" in section, f"{name}: the row count {len(rows)} is missing"
        for key in resource["schema"]["primaryKey"]:
            assert f"Primary key: {key}" in section, f"{name}: primary key {key} is missing"
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            assert f"({', '.join(fk['fields'])}) → {target}" in section, f"{name}: foreign key {fk} is missing"
        for field in resource["schema"]["fields"]:
            assert f"{name}.{field['name']}" in dictionary.ids, f"{name}.{field['name']} has no entry in the dictionary"
            row = next((r for r in dictionary.rows if r and r[0] == field["name"]), None)
            assert row is not None and field["name"] in fields_text, f"{name}.{field['name']} is missing from the dictionary"
            assert plain(field["description"]) in fields_text, f"{name}.{field['name']}: description missing"
            assert field["type"] in fields_text
            for constraint in ("pattern", "minimum"):
                if constraint in field.get("constraints", {}):
                    assert str(field["constraints"][constraint]) in fields_text, f"{name}.{field['name']}: {constraint} missing"
            for category in field.get("categories", []):
                assert f"{category['value']} {plain(category['label'])}" in fields_text, \
                    f"{name}.{field['name']}: allowed value {category['value']} ({category['label']}) is missing"
            for value in field.get("constraints", {}).get("enum", []):
                assert value in fields_text, f"{name}.{field['name']}: allowed value {value} is missing"


def test_foreign_keys_link_to_the_referenced_section(site, descriptor):
    html = page(site, "dictionary").read_text(encoding="utf-8")
    for resource in descriptor["resources"]:
        for fk in resource.get("schema", {}).get("foreignKeys", []):
            assert f'href="#{fk["reference"]["resource"]}"' in html


def test_every_row_has_an_anchor_on_its_table_page(site, descriptor):
    for resource in descriptor["resources"]:
        if "schema" not in resource:
            continue
        table_page = parse(page(site, f"tables/{resource['name']}"))
        key = resource["schema"]["primaryKey"][0]
        for row in read_csv(REPO, resource["name"]):
            assert row[key] in table_page.ids, f"tables/{resource['name']}: row {row[key]} has no anchor"


def test_every_entity_has_a_page_with_what_it_said_and_did(site):
    quotes, facts, events = (read_csv(REPO, name) for name in ("quotes", "facts", "events"))
    for entity in read_csv(REPO, "entities"):
        entity_page = parse(page(site, f"entities/{entity['entity_id']}"))
        assert entity["name"] in entity_page.text
        for rows, column in ((quotes, "speaker_id"), (facts, "subject_id"), (events, "actor_id")):
            for row in rows:
                if row[column] == entity["entity_id"]:
                    row_id = next(iter(row.values()))
                    assert row_id in entity_page.text, f"{entity['entity_id']}: {row_id} ({column}) is missing"


def test_quotes_and_figures_pages_list_every_row(site):
    for name, path in (("quotes", "quotes"), ("figures", "figures")):
        text = parse(page(site, path)).text
        for row in read_csv(REPO, name):
            assert next(iter(row.values())) in text
            assert " ".join(row["text"].split()) in text


def test_pages_a_user_expects(site):
    for path in ("", "articles", *(f"articles/{a}" for a in ARTICLE_IDS), "usage", "annotation-guidelines", "validation", "datasheet", "cite", "changelog", "rights"):
        page(site, path)
    usage = parse(page(site, "usage")).text
    for needle in ("dtype=str", "keep_default_na=False", 'encoding = "UTF-8"', "all_varchar", "frictionless", "UTF-8", "curl"):
        assert needle in usage, f"the usage page lacks {needle}"
    datasheet = parse(page(site, "datasheet")).text
    for heading in ("Motivation", "Composition", "Collection process", "Preprocessing and labelling", "Uses",
                    "Out-of-scope uses", "Distribution", "Maintenance"):
        assert heading in datasheet
    for question in ("Who funded it?", "Were ethical review processes conducted?", "Possible harms",
                     "how can they be contacted?", "Are there recommended splits?", "Is the software available?"):
        assert question in datasheet, f"the datasheet does not answer {question!r}"
    answer = " ".join(datasheet.split()).replace("**", "")
    assert "Inter-annotator agreement was measured" in answer and "Krippendorff's alpha" in answer
    rights = parse(page(site, "rights")).text
    assert "CC-BY-4.0" in rights and "publisher" in rights
    changelog = REPO / "CHANGELOG.md"
    if changelog.is_file():
        first_entry = next(line for line in changelog.read_text(encoding="utf-8").splitlines() if line.startswith("## "))
        assert first_entry[3:].strip() in parse(page(site, "changelog")).text


def test_downloads_are_the_package(site, descriptor):
    """The site's download is the release zip: datapackage.json and data/ at its root, the same bytes as the
    repository's files and as `make release` writes; frictionless opens it as a package."""
    import frictionless

    from scripts.release.zips import build_release

    home = page(site, "").read_text(encoding="utf-8")
    zip_name = f"{descriptor['name']}-{descriptor['version']}.zip"
    assert f"downloads/{zip_name}" in home and f"downloads/{zip_name[:-4]}-no-text.zip" in home
    released = build_release(REPO)
    for name in (zip_name, f"{zip_name[:-4]}-no-text.zip", "SHA256SUMS"):
        assert (site / "downloads" / name).read_bytes() == released[name]
    paths = ["datapackage.json"] + [r["path"] for r in descriptor["resources"]]
    with zipfile.ZipFile(site / "downloads" / zip_name) as archive:
        for rel_path in paths:
            assert archive.read(rel_path) == (REPO / rel_path).read_bytes()
            assert (site / rel_path).read_bytes() == (REPO / rel_path).read_bytes()
            assert f'href="{rel_path}"' in home, f"the home page does not link {rel_path}"
    assert frictionless.Package(str(site / "downloads" / zip_name)).resources
    for line in released["SHA256SUMS"].decode("utf-8").splitlines():  # every zip offered, with its checksum
        digest, _, name = line.partition("  ")
        assert f"downloads/{name}" in home and digest in home, name
        assert (site / "downloads" / name).read_bytes() == released[name]
    link = re.search(r'<link rel="describedby" type="application/ld\+json" href="([^"]+)"', home)
    croissant = json.loads((site / link.group(1)).read_text(encoding="utf-8"))
    for item in croissant["distribution"]:  # the Parquet files it describes are served beside it, with its sha256
        served = (site / link.group(1)).parent / item["contentUrl"]
        assert hashlib.sha256(served.read_bytes()).hexdigest() == item["sha256"]


def test_nothing_is_loaded_from_another_host(site):
    outside = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*>", html, re.I):
            if tag.lower().startswith("<link") and re.search(r"rel=\"?(canonical|alternate)", tag):
                continue
            assert not outside.search(tag), f"{html_file.relative_to(site)} loads {tag} from another host"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not re.match(r"(https?:)?//", url), f"{css.relative_to(site)} loads {url}"
        assert "@import url(http" not in css.read_text(encoding="utf-8")


def test_each_article_page_embeds_its_spans(site):
    spans = []
    for article_id in ARTICLE_IDS:
        html = page(site, f"articles/{article_id}").read_text(encoding="utf-8")
        payloads = re.findall(r'<script type="application/json" class="aa-data">(.*?)</script>', html, re.S)
        assert len(payloads) == 1
        spans += json.loads(payloads[0])["spans"]
    expected = {(name, next(iter(row.values()))) for name, *_ in HIGHLIGHTS for row in read_csv(REPO, name)
                if row["start"] and row["end"]}
    assert sorted((s["table"], s["id"]) for s in spans) == sorted(expected)


@pytest.mark.slow
@pytest.mark.parametrize("block", [block for block in re.findall(r"```python\n(.*?)```", (REPO / "docs" / "usage.md").read_text(encoding="utf-8"), re.S)
                                   if "pyspark" not in block])
def test_python_snippets_on_the_usage_page_run(block, tmp_path_factory):
    """Each snippet run as a reader runs it, in a copy of the repository with its exports built (`make build`).
    The Spark snippet runs in the Spark test of tests/exports/test_dataset_clients.py, so that Java starts once."""
    root = made_once(tmp_path_factory, "usage-snippets", _with_exports)
    result = subprocess.run([sys.executable, "-c", block], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def _with_exports(dest):
    from scripts.exports.__main__ import main as exports_main
    repository_copy(dest)
    assert exports_main(["--root", str(dest)]) == 0
    return dest


# ---------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", [HOSTILE_QUOTE, HOSTILE_NAME, "a|b", "*a*", "_a_", "`a`", "<b>x</b>", "[a](b)", "\\|",
                                  "# not a heading", "1. not a list", "&lt;", "&amp;", "a  b", "{: #id }", "!!! note", "x\\"])
def test_md_renders_literally_in_a_table_cell(text):
    rendered = markdown.markdown(table(["A", "B"], [[md(text), "end"]]),
                                 extensions=["tables", "attr_list", "admonition", "toc"])
    parser = Text()
    parser.feed(rendered)
    assert parser.rows == [["A", "B"], [" ".join(text.split()), "end"]]


@pytest.fixture
def hostile(hostile_site) -> tuple[Path, Path]:
    """The hostile package and its built site."""
    return hostile_site


HOSTILE_PAGES = {  # page -> the hostile texts it shows
    "": [HOSTILE_QUOTE, HOSTILE_NAME, "Hostile <i>fixture</i>", "A | fixture"],
    "quotes": [HOSTILE_QUOTE, HOSTILE_NAME],
    "tables/quotes": [HOSTILE_QUOTE, HOSTILE_NAME, "the verb `said` | *before*"],
    "tables/entities": [HOSTILE_NAME, "A speaker | with *syntax*", "<i>none</i>"],
    "dictionary": [HOSTILE_QUOTE, HOSTILE_NAME],
    "entities/ann-smith": [HOSTILE_NAME, HOSTILE_QUOTE],  # the wikidata_note stays on tables/entities
    "entities": [HOSTILE_NAME, "A speaker | with *syntax*"],
    "articles/hostile": [HOSTILE_QUOTE, HOSTILE_NAME],
    "cite": ["Tester <script>", "Hostile <i>fixture</i>"],
    "datasheet": ["Tester <script>"],
}


@pytest.mark.slow
@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_renders_literally_and_breaks_no_table(hostile, path):
    _, site = hostile
    html_file = page(site, path)
    raw = html_file.read_text(encoding="utf-8")
    assert "<script>alert" not in raw.lower() and "</script> #1" not in raw and "</script> |" not in raw
    assert "<b>Smith" not in raw and "<i>fixture" not in raw and "<i>none" not in raw
    assert 'href="javascript:' not in raw.lower()
    parsed = parse(html_file)
    for table_no in set(parsed.row_tables):
        widths = {len(row) for row, t in zip(parsed.rows, parsed.row_tables) if t == table_no}
        assert len(widths) == 1, f"{path}: a table has rows of different widths {widths}"
    for text in HOSTILE_PAGES[path]:
        assert text in parsed.text, f"{path}: {text!r} does not render literally"
    cells = [cell for row in parsed.rows for cell in row]
    if path in ("quotes", "tables/quotes", "dictionary"):
        assert HOSTILE_QUOTE in cells, f"{path}: the quote is not one whole table cell"


@pytest.mark.slow
def test_hostile_text_in_the_article_page_data(hostile):
    _, site = hostile
    raw = page(site, "articles/hostile").read_text(encoding="utf-8")
    payload = re.search(r'<script type="application/json" class="aa-data">(.*?)</script>', raw, re.S).group(1)
    assert "<" not in payload and ">" not in payload
    data = json.loads(payload)
    assert data["text"] == HOSTILE_ARTICLE
    quote = next(s for s in data["spans"] if s["id"] == "h-q01")
    assert quote["text"] == HOSTILE_QUOTE
    assert ["speaker_id", HOSTILE_NAME, ""] in quote["columns"]
    assert HOSTILE_ARTICLE.strip() in " ".join(parse(page(site, "articles/hostile")).text.split())


# ---------------------------------------------------------------- the generator's own rules


def test_overlapping_or_touching_spans_get_different_lanes():
    spans = [Span("a", "quotes", "quote", 0, 10), Span("b", "facts", "fact", 5, 8),
             Span("c", "facts", "fact", 8, 12), Span("d", "mentions", "mention", 20, 25),
             Span("e", "mentions", "mention", 0, 3)]
    lanes = assign_lanes(spans, ["quote", "fact", "mention"])
    by_id = {s.id: s.lane for s in spans}
    assert by_id["a"] == 0  # the kind listed first sits nearest the text
    for x in spans:
        for y in spans:
            if x is not y and x.start <= y.end and y.start <= x.end:
                assert x.lane != y.lane, f"{x.id} and {y.id} overlap or touch but share lane {x.lane}"
    assert by_id["d"] == 0 and lanes == 3


def test_a_missing_or_stale_package_fails_loudly(tmp_path):
    with pytest.raises(DocsError, match="make build"):
        load_package(tmp_path)
    (tmp_path / "data").mkdir()
    for rel_path in ["datapackage.json"] + [f"data/{name}.csv" for name in TABLES]:
        (tmp_path / rel_path).write_bytes((REPO / rel_path).read_bytes())
    (tmp_path / "data" / "articles").mkdir()
    for text in (REPO / "data" / "articles").glob("*.txt"):
        (tmp_path / "data" / "articles" / text.name).write_bytes(text.read_bytes())
    load_package(tmp_path)
    quotes = tmp_path / "data" / "quotes.csv"
    quotes.write_bytes(quotes.read_bytes() + b"\n")
    with pytest.raises(DocsError, match="differs from its bytes and hash"):
        load_package(tmp_path)


@pytest.mark.slow
def test_an_unknown_marker_fails_the_build():
    site = generate(REPO)
    with pytest.raises(DocsError, match="unknown marker"):
        fill_markers("<!-- docs:no-such-thing -->", site, "index.md")
    assert "datapackage.json" in fill_markers("<!-- docs:downloads -->", site, "index.md")


def test_script_json_cannot_close_its_element():
    text = script_json({"t": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><script>alert(1)</script>&\u2028"}


def test_md_of_csv_round_trip_keeps_every_character():
    """Every character of the real data renders back as itself through md() and Python-Markdown."""
    texts = {row["text"] for name, *_ in HIGHLIGHTS for row in read_csv(REPO, name)}
    body = table(["text"], [[md(t)] for t in sorted(texts)])
    parser = Text()
    parser.feed(markdown.markdown(body, extensions=["tables", "attr_list"]))
    assert [row[0] for row in parser.rows[1:]] == [" ".join(t.split()) for t in sorted(texts)]


def test_home_lists_every_release_file_with_its_size_and_sha256(site):
    """Each line of SHA256SUMS is a download on the home page with its checksum and exact size beside the link;
    SHA256SUMS is also served as text (SHA256SUMS.txt), and the three actions come before anything else."""
    home = page(site, "").read_text(encoding="utf-8")
    sums = (site / "downloads" / "SHA256SUMS").read_bytes()
    assert (site / "downloads" / "SHA256SUMS.txt").read_bytes() == sums
    assert 'href="downloads/SHA256SUMS.txt"' in home
    table = parse(page(site, ""))
    for line in sums.decode().splitlines():
        digest, name = line.split("  ")
        data = (site / "downloads" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        row = next(r for r in table.rows if r and r[0] == name)
        assert digest in row[2] and f"{len(data):,} bytes" in row[1]
    article = home.index("<article")
    actions = home.index('class="dp-actions"')
    assert home.index("<h1", article) < actions < home.index("<h2", article)
    assert home[article:].count(descriptor_title(site)) == 1, "the title appears more than once in the page"


def descriptor_title(site) -> str:
    return html.escape(json.loads((site / "datapackage.json").read_text(encoding="utf-8"))["title"], quote=False)


@pytest.mark.slow
def test_a_new_kind_of_release_file_is_listed_without_code_changes():
    """Whatever `make release` adds to SHA256SUMS (an exports zip, say) is listed with its size and checksum."""
    from scripts.docs.downloads import SUMS, release_list
    from scripts.docs.generate import generate
    from scripts.docs.snippets import downloads

    built = generate(REPO)
    extra = b"PK\x05\x06" + b"\0" * 18
    name = f"{built.name}-{built.version}-geojson.zip"  # a kind of release file no code knows
    built.assets[f"downloads/{name}"] = extra
    built.assets[f"downloads/{SUMS}"] += f"{hashlib.sha256(extra).hexdigest()}  {name}\n".encode()
    assert [f["name"] for f in release_list(built)][-1] == name
    listing = downloads(built, "index.md")
    assert name in listing and hashlib.sha256(extra).hexdigest() in listing and "22 bytes" in listing
