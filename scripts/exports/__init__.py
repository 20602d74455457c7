"""Typed exports of the built package (SQLite, Datasette metadata, Excel, Parquet, CSV on the Web, Web Annotation).

Every exporter reads datapackage.json and data/, never scripts/fields.py, so each export describes exactly the
package a user downloads. This package imports nothing heavy: scripts.package imports the CSV on the Web
exporter from it during the build.
"""
