"""The one rights statement: what the open licence covers (annotations, tables, metadata) and what it does not
(the article text). README, the rights page and both release zips show this text, rendered from the descriptor."""

from __future__ import annotations

from scripts.contract.citation import open_licences, text_resources
from scripts.runtime.templates import render


def codebooks(descriptor: dict) -> list[dict]:
    """The tables under a licence of their own (the codebooks, copied from published sources), in descriptor order."""
    package = descriptor.get("licenses", [])
    return [r for r in descriptor.get("resources", []) if "schema" in r and r.get("licenses", package) != package]


def statement(descriptor: dict) -> str:
    return render("rights.md.j2", licences=open_licences(descriptor),
                  texts=[r["path"] for r in text_resources(descriptor)], codebooks=codebooks(descriptor),
                  name=descriptor["name"], version=descriptor["version"])
