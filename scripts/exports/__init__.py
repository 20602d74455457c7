"""Typed exports of the built package: SQLite (with Datasette metadata), Excel, Parquet and W3C Web Annotation.

Every exporter reads the package through the one reader (scripts.contract.reader), never scripts/contract/fields.py,
so each export describes exactly the package a user downloads. The CSV on the Web metadata is part of the package
itself and is rendered in scripts/contract/csvw.py.

Usage: python -m scripts.exports [--root DIR] [--out DIR]

Imports: scripts.runtime and scripts.contract.
"""
