"""What the package promises, defined once: every field and table (fields.py), the descriptor rendered from them,
the problem codes and their one error format, the canonical lexical forms, the byte rule, safe paths and caps, the
CSV on the Web rendering, the Data Package profile, the build record's format, and the one strict reader of a built
package.

Imports: scripts.runtime only.
"""
