"""Reading what people write: the strict YAML reader, the annotation loader, spans named by their text, sentence
segmentation, the article texts of sources/, the primary-record annotations, and the map from a generated row back
to its annotation line.

Imports: scripts.runtime and scripts.contract.
"""
