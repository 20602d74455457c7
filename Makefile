# Two commands on a fresh machine: `make build` and `make test`. Every target sets up .venv first.
PYTHON ?= python3
JOBS ?= 2  # test processes (pytest-xdist); the suite is measured on a 2-core machine
# compiled modules are cached in __pycache__ (git-ignored), so each test process does not compile them again
unexport PYTHONDONTWRITEBYTECODE
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements
# cffconvert pins an old jsonschema that breaks frictionless, so it lives in a venv of its own
CFF_VENV := build/cffconvert
CFF_STAMP := $(CFF_VENV)/.requirements

.PHONY: build validate check test test-all docs serve serve-data bench clean chromium java libreoffice citation digest changelog release cffconvert agreement

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

# build: resolve the annotations, write data/ and datapackage.json, validate (nothing is written on failure), then the citation files and the exports in dist/ (with dist/exports-record.json; the release zips there are kept)
build: $(STAMP)
	$(PY) -m scripts.build
	$(PY) -m scripts.release.citation_files
	$(PY) -m scripts.exports

# validate: pre-flight, frictionless (Python API) and every project rule in one report (exit 0 valid, 1 problems, 2 could not run)
validate: $(STAMP)
	$(PY) -m scripts.validate $(PACKAGE)

# check: fail when the committed outputs (data, descriptor, citation files) or the exports in dist/ differ from a fresh build, or a row count from its reviewed counts file
check: $(STAMP)
	$(PY) -m scripts.build --check
	$(PY) -m scripts.release.citation_files --check
	$(PY) -m scripts.exports --check
	$(PY) -m scripts.validate.counts

# citation: write CITATION.cff, .zenodo.json, the home page's JSON-LD and the cite and rights blocks from datapackage.json
citation: $(STAMP)
	$(PY) -m scripts.release.citation_files

# digest: record the data's digest for the current version in data-digest.json (a release step; see RELEASING.md)
digest: $(STAMP)
	$(PY) -m scripts.release.digest --record

# changelog: the data changes since the previous release tag, per resource and by ID (build/changelog-data.md)
changelog: $(STAMP)
	$(PY) -m scripts.release.changelog

# release: write dist/<name>-<version>.zip, the -no-text.zip, an -exports.zip for each and dist/SHA256SUMS (byte-identical on every run)
release: $(STAMP)
	$(PY) -m scripts.release

# cffconvert: the Citation File Format validator, in its own venv under build/ (the tests run it)
cffconvert: $(CFF_STAMP)
$(CFF_STAMP): requirements-cffconvert.txt
	test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cffconvert.txt
	cp requirements-cffconvert.txt $(CFF_STAMP)

# agreement: compare each article's annotation with its blind second annotation and write docs/agreement.md
agreement: $(STAMP)
	$(PY) -m scripts.measure.agreement

# test: the default test set (every problem code once, no test marked slow; no browser, site or outside client), on $(JOBS) processes
test: $(STAMP) cffconvert
	$(PY) -m pytest -n $(JOBS) --dist load

# test-all: every test, the slow ones included, with the ci Hypothesis profile and the 20 slowest tests listed (CI runs this)
test-all: $(STAMP) chromium cffconvert java libreoffice
	HYPOTHESIS_PROFILE=ci $(PY) -m pytest -m "slow or not slow" -n $(JOBS) --dist load --durations 20

# docs: generate the pages from datapackage.json and data/ (scripts/docs/, layout in docs/templates/), then build site/ with mkdocs --strict
docs: $(STAMP)
	$(PY) -m scripts.docs
	$(VENV)/bin/mkdocs build --strict

# serve: the documentation site with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

# serve-data: write the exports from data/ again, then browse and query the SQLite export in Datasette on http://127.0.0.1:8001
serve-data: $(STAMP)
	$(PY) -m scripts.exports
	$(VENV)/bin/datasette serve dist/*.sqlite --metadata dist/metadata.json --host 127.0.0.1 --port 8001

# chromium: install Debian's chromium for the browser tests when it is missing
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# java: Debian's Java 17 runtime for the Spark tests (pyspark in local mode), when java is missing
java:
	command -v java >/dev/null || (apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless)

# libreoffice: Debian's LibreOffice Calc without a GUI, which runs the README's spreadsheet recipe headless
libreoffice:
	command -v soffice >/dev/null || (apt-get update && apt-get install -y --no-install-recommends libreoffice-calc-nogui)

# bench: time the build, the full validator and bare frictionless on corpora of 1, 100 and 1,000 articles; writes docs/performance.md (never asserted)
bench: $(STAMP)
	$(PY) -m scripts.measure.bench

# clean: remove the virtual environment and build leftovers
clean:
	rm -rf $(VENV) build site dist .pytest_cache
