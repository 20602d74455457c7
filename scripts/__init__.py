"""Build, validate, release and document the data package, in stages that import one way only.

runtime <- contract <- annotations <- rules <- validate <- build <- exports <- release <- docs, measure

Each stage is a package whose docstring says what it owns and what it may import; tests/test_layout.py walks the
import graph (function-level imports included) and fails on a circle or an import against that order.
"""
