"""The validator: pre-flight of the descriptor and paths, frictionless through its Python API, every project rule,
merged into one report; the inputs it accepts (a folder, a descriptor, a zip); and the reviewed row counts of
`make check`.

Usage: python -m scripts.validate [PATH]

Imports: scripts.runtime, scripts.contract, scripts.annotations, scripts.rules and scripts.exports, whose writers
make the fresh exports an export folder is compared with.
"""
