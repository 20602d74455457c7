"""The documentation site: every page that says something about the data is generated from the built package.

The data dictionary, one page per table, one page per entity, the quotes and figures pages, one annotated page per
article, the downloads (generate.py and the modules it calls), the validation page (validation_page.py), and the
MkDocs hook that adds them to the site (hook.py). Page layout is in Jinja templates (docs/templates/), rendered
through the one factory of scripts.runtime.templates; the modules here only build the data each page needs.

Usage: python -m scripts.docs [--root DIR] [--out DIR]

Imports: every stage below it (runtime, contract, annotations, rules, exports, validate, build, release).
"""
