"""Releasing the package: the citation formats and the rights statement rendered from the descriptor, the files
generated from them, the digest record of a released version, the data changelog, and the reproducible zips.

Usage: python -m scripts.release [--dist DIR] [--root DIR]

Imports: every stage below it (runtime, contract, annotations, rules, exports, validate, build).
"""
