"""What every stage needs to run, and nothing about the data: the repository root, the command-line frame, the one
Jinja environment factory, the writer lock, the atomic swap of a staged package, work on the other core, progress
bars and the collector pause.

Imports: nothing of scripts.
"""
