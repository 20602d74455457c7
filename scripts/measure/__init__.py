"""Measuring the annotation and the code: inter-annotator agreement (tables and primary-record alignments), the
benchmark, and the synthetic corpora it runs on. Measures are reported on generated pages, never asserted.

Imports: every stage below it except scripts.docs.
"""
