"""The build: annotations and article texts in, every table computed (transform.py), written (write.py), validated
in a staging folder and swapped into place (pipeline.py).

Usage: python -m scripts.build [--check] [--root DIR]

Imports: everything below it (runtime, contract, annotations, rules, exports) and scripts.validate, which checks what the
build staged before it is committed.
"""
