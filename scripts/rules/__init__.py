"""Every rule that frictionless cannot state: on the annotation records at build time (reported at the YAML line)
and on the rows of a built package (reported at the CSV line): cells, spans, keys, figures, roles, attribution and
factuality, time, namespaces of a corpus, coverage, the primary record, and the version guard.

Imports: scripts.runtime, scripts.contract and scripts.annotations.
"""
