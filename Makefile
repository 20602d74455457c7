# Two commands on a fresh machine: `make build` and `make test`. Every target sets up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements

.PHONY: build validate check test docs serve bench clean chromium

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

# build: resolve the annotations, write data/ and datapackage.json, validate (nothing is written on failure)
build: $(STAMP)
	$(PY) -m scripts.build

# validate: frictionless validate, then the project's own checks (exit 1 on any problem)
validate: $(STAMP)
	$(VENV)/bin/frictionless validate datapackage.json
	$(PY) -m scripts.validate

# check: fail when the committed outputs differ from a fresh build
check: $(STAMP)
	$(PY) -m scripts.build --check

# test: the whole test suite
test: $(STAMP) chromium
	$(PY) -m pytest

# docs: generate the pages from datapackage.json and data/ (scripts/docs/, layout in docs/templates/), then build site/ with mkdocs --strict
docs: $(STAMP)
	$(PY) -m scripts.docs
	$(VENV)/bin/mkdocs build --strict

# serve: the documentation site with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(VENV)/bin/mkdocs serve

# chromium: install Debian's chromium for the browser tests when it is missing
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

# bench: time the build and the validator (timings are printed, never asserted)
bench: $(STAMP)
	$(PY) -m scripts.bench

# clean: remove the virtual environment and build leftovers
clean:
	rm -rf $(VENV) build site .pytest_cache
