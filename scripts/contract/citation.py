"""Every citation format of the package, from the one descriptor (itself built from annotations/package.yaml).

CITATION.cff, .zenodo.json, BibTeX, APA and schema.org JSON-LD all read the same facts: title, version, release
date, authors (the contributors with the role `creator`, or all of them), licence, keywords, description and the
optional `homepage` (the public repository). A field that is empty is left out, never filled with a guess.
"""

from __future__ import annotations

import json
import re

import yaml

CFF_HEADER = "# Generated from annotations/package.yaml by `make citation`; do not edit by hand.\n"


def authors(descriptor: dict) -> list[str]:
    contributors = descriptor.get("contributors", [])
    creators = [c["title"] for c in contributors if "creator" in c.get("roles", [])]
    return creators or [c["title"] for c in contributors]


def released(descriptor: dict) -> str:
    """The release date: the date of `created`, which the release step sets."""
    return descriptor.get("created", "")[:10]


def url(descriptor: dict) -> str:
    return descriptor.get("homepage", "")


def open_licences(descriptor: dict) -> list[dict]:
    return descriptor.get("licenses", [])


def text_resources(descriptor: dict) -> list[dict]:
    """The resources that are not tables: the article texts, which the open licence does not cover."""
    return [r for r in descriptor.get("resources", []) if "schema" not in r]


def cff(descriptor: dict) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the data set."""
    doc = {
        "cff-version": "1.2.0",
        "message": ("If you use this data set, cite it as below, with its version. Its licence covers the annotations, "
                    "tables and metadata; the article text it includes remains its publisher's copyright."),
        "type": "dataset",
        "title": descriptor["title"],
        "abstract": " ".join(descriptor.get("description", "").split()),
        "authors": [{"name": name} for name in authors(descriptor)],
        "version": descriptor["version"],
        "date-released": released(descriptor),
        "license": [lic["name"] for lic in open_licences(descriptor)],
        "keywords": descriptor.get("keywords", []),
    }
    if len(doc["license"]) == 1:
        doc["license"] = doc["license"][0]
    if url(descriptor):
        doc["repository"] = doc["url"] = url(descriptor)
    return CFF_HEADER + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100_000)


def zenodo(descriptor: dict) -> str:
    """.zenodo.json: the deposit metadata Zenodo reads when a release is archived."""
    related = [{"identifier": src["path"], "relation": "references", "scheme": "url", "resource_type": "publication-article"}
               for src in descriptor.get("sources", []) if src.get("path")]
    if url(descriptor):
        related.insert(0, {"identifier": url(descriptor), "relation": "isSupplementedBy", "scheme": "url", "resource_type": "software"})
    doc = {
        "upload_type": "dataset",
        "title": descriptor["title"],
        "description": " ".join(descriptor.get("description", "").split()),
        "creators": [{"name": name} for name in authors(descriptor)],
        "version": descriptor["version"],
        "publication_date": released(descriptor),
        "access_right": "open",
        "license": open_licences(descriptor)[0]["name"].lower(),
        "keywords": descriptor.get("keywords", []),
        "notes": ("The licence covers the annotations, tables and metadata. The article text included for verifying "
                  "spans remains its original publisher's copyright and is not under the licence."),
        "related_identifiers": related,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def apa(descriptor: dict) -> str:
    """APA 7 reference for a data set: Author. (Year). Title (Version X) [Data set]. URL"""
    names = ", ".join(authors(descriptor)) or descriptor["name"]
    text = f"{names}. ({released(descriptor)[:4]}). {descriptor['title']} (Version {descriptor['version']}) [Data set]."
    return text + (f" {url(descriptor)}" if url(descriptor) else "")


_BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def bib_text(text: str) -> str:
    """Text for a BibTeX field: LaTeX's special characters escaped (UTF-8 otherwise kept, for biber and BibTeX 8)."""
    return _BIB_SPECIAL.sub(r"\\\1", text).replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def bibtex_key(descriptor: dict) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", descriptor["name"]) + "_" + descriptor["version"].replace(".", "_")


def bibtex(descriptor: dict) -> str:
    """A BibTeX @misc entry (read by BibTeX, biber, Zotero, JabRef); authors are organisations, so double-braced."""
    fields = [
        ("author", " and ".join("{" + bib_text(name) + "}" for name in authors(descriptor))),
        ("title", "{" + bib_text(descriptor["title"]) + "}"),
        ("year", released(descriptor)[:4]),
        ("version", descriptor["version"]),
        ("howpublished", "Data set"),
        ("note", f"Frictionless Data Package, version {descriptor['version']}, released {released(descriptor)}"),
    ]
    if url(descriptor):
        fields.append(("url", url(descriptor)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{bibtex_key(descriptor)},\n{body}\n}}\n"


def jsonld(descriptor: dict, zip_path: str) -> dict:
    """schema.org Dataset for harvesters such as Google Dataset Search. Addresses are relative to the home page,
    where the site serves the zip (zip_path) and every file at its package path."""
    creators = [{"@type": "Organization", "name": name} for name in authors(descriptor)]
    distribution = [{"@type": "DataDownload", "name": zip_path.rsplit("/", 1)[-1], "encodingFormat": "application/zip",
                     "contentUrl": zip_path}]
    distribution += [{"@type": "DataDownload", "name": r["name"], "encodingFormat": r.get("mediatype", "text/csv"),
                      "contentUrl": r["path"], "contentSize": f"{r['bytes']} B"}
                     for r in descriptor.get("resources", []) if "schema" in r]
    doc = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": descriptor["title"],
        "description": " ".join(descriptor.get("description", "").split()),
        "version": descriptor["version"],
        "datePublished": released(descriptor),
        "license": [lic["path"] for lic in open_licences(descriptor)],
        "creator": creators,
        "publisher": creators,
        "keywords": descriptor.get("keywords", []),
        "isAccessibleForFree": True,
        "distribution": distribution,
        "citation": apa(descriptor),
    }
    if len(doc["license"]) == 1:
        doc["license"] = doc["license"][0]
    based_on = [src["path"] for src in descriptor.get("sources", []) if src.get("path")]
    if based_on:
        doc["isBasedOn"] = based_on
    if url(descriptor):
        doc["url"] = doc["sameAs"] = url(descriptor)
    return doc
