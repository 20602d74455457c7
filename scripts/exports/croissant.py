"""What machine-learning clients read about the exports: Croissant 1.0 metadata (`croissant.json`) and a Hugging
Face dataset card (`README.md`), both written from datapackage.json and the export files they describe.

The release's exports zip holds both (scripts/release/exports_zip.py), and the validator writes them afresh to
compare an unzipped release with (scripts/validate/exports_whole.py), so the licence, the version, the tables and
the sha256 of every Parquet file they state are the package's.
"""

from __future__ import annotations

import hashlib
import json

from scripts.contract import citation
from scripts.contract.descriptor import text_free
from scripts.contract.exports import parquet_file

CROISSANT = "croissant.json"
CARD = "README.md"
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))
CARD_LICENCES = {"CC-BY-4.0": "cc-by-4.0", "CC0-1.0": "cc0-1.0", "CC-BY-SA-4.0": "cc-by-sa-4.0", "ODC-By-1.0": "odc-by"}
CROISSANT_TYPES = {"string": "sc:Text", "integer": "sc:Integer", "number": "sc:Float", "boolean": "sc:Boolean"}
CROISSANT_CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "equivalentProperty": "cr:equivalentProperty", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "examples": {"@id": "cr:examples", "@type": "@json"}, "extract": "cr:extract",
    "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject", "fileSet": "cr:fileSet",
    "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset", "jsonPath": "cr:jsonPath",
    "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated", "replace": "cr:replace", "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform",
}
CROISSANT_VERSION = "http://mlcommons.org/croissant/1.0"




def files(descriptor: dict, rows: dict[str, int], exports: dict[str, bytes], package_zip: str) -> dict[str, bytes]:
    """croissant.json and README.md for the export files given (by path), rows being each table's row count."""
    out = dict(exports)
    out[CROISSANT] = (json.dumps(croissant(descriptor, out), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return {CROISSANT: out[CROISSANT], CARD: card(descriptor, rows, out, package_zip).encode("utf-8")}


def tables(descriptor: dict) -> list[dict]:
    return [r for r in descriptor["resources"] if "schema" in r]


def croissant(descriptor: dict, files: dict[str, bytes]) -> dict:
    """Croissant 1.0 metadata from datapackage.json: one FileObject per Parquet file (with its sha256), one
    RecordSet per table with typed fields, its key and its references, the licence, citeAs, version and the
    Responsible AI fields that apply."""
    distribution, record_sets = [], []
    for r in tables(descriptor):
        name, rel = r["name"], parquet_file(r["name"])
        file_id = f"parquet-{name}"
        distribution.append({"@type": "cr:FileObject", "@id": file_id, "name": file_id, "description": f"{r.get('title', name)}: Parquet",
                             "contentUrl": rel, "encodingFormat": "application/x-parquet",
                             "contentSize": f"{len(files[rel])} B", "sha256": hashlib.sha256(files[rel]).hexdigest()})
        schema = r["schema"]
        references = {fk["fields"][0]: fk["reference"] for fk in schema.get("foreignKeys", []) if len(fk["fields"]) == 1}
        fields = []
        for f in schema["fields"]:
            field = {"@type": "cr:Field", "@id": f"{name}/{f['name']}", "name": f["name"], "description": f["description"],
                     "dataType": CROISSANT_TYPES[f["type"]],
                     "source": {"fileObject": {"@id": file_id}, "extract": {"column": f["name"]}}}
            ref = references.get(f["name"])
            if ref is not None and (ref.get("resource") or name) != name:  # a table's reference to itself would be a cycle to mlcroissant
                field["references"] = {"field": {"@id": f"{ref.get('resource') or name}/{ref['fields'][0]}"}}
            fields.append(field)
        record_sets.append({"@type": "cr:RecordSet", "@id": name, "name": name, "description": r.get("description", ""),
                            "key": [{"@id": f"{name}/{k}"} for k in schema["primaryKey"]], "field": fields})
    out = {
        "@context": CROISSANT_CONTEXT, "@type": "sc:Dataset", "conformsTo": CROISSANT_VERSION,
        "name": descriptor["name"] + ("-no-text" if text_free(descriptor) else ""),
        "description": " ".join(descriptor.get("description", "").split()),
        "version": descriptor["version"], "datePublished": citation.released(descriptor),
        "license": [l.get("path") or l["name"] for l in descriptor.get("licenses", [])],
        "citeAs": citation.bibtex(descriptor).strip(),
        "creator": [{"@type": "sc:Organization", "name": a} for a in citation.authors(descriptor)],
        "keywords": descriptor.get("keywords", []), "inLanguage": "en",
    }
    if descriptor.get("homepage"):
        out["url"] = descriptor["homepage"]
    out.update(rai(descriptor))
    out["distribution"] = distribution
    out["recordSet"] = record_sets
    return out


def rai(descriptor: dict) -> dict:
    """The Responsible AI (RAI) fields that apply to a hand-annotated news article."""
    no_text = text_free(descriptor)
    return {
        "rai:dataCollection": ("One published English-language news article, annotated by hand in YAML "
                               "(annotations/ of the repository) and resolved to code-point offsets by the build; sentences "
                               "segmented by pysbd with reviewed overrides; entities linked to Wikidata where verified."),
        "rai:dataCollectionType": ["Manual Human Curation"],
        "rai:dataAnnotationProtocol": ("docs/annotation-guidelines.md of the package: FactBank factuality, TimeML TIMEX3 and "
                                       "TLINKs, CAMEO and PLOVER event codes, attribution with source and cue."),
        "rai:dataLimitations": ("One article, one outlet, one language: no statistical claim about news coverage follows from it. "
                                "Factuality and attribution are judgements, checked for agreement on a second annotation."
                                + (" This variant holds no article text; the offsets need your own copy." if no_text else "")),
        "rai:dataBiases": "Whatever the single source article selects and frames; the package keeps the article's voice apart from attributed claims.",
        "rai:personalSensitiveInformation": ("Names and public statements of public officials as reported in the news; "
                                             "no private individuals' data."),
        "rai:dataUseCases": "Research in political communication, attribution and factuality annotation; teaching; checking reported claims against the primary record.",
        "rai:dataSocialImpact": "Makes the claims of one news report checkable against its words and the primary record.",
    }


def size_category(rows: int) -> str:
    return next((label for limit, label in SIZE_CATEGORIES if rows < limit), "n>1M")


def card(descriptor: dict, rows: dict[str, int], files: dict[str, bytes], package_zip: str) -> str:
    """README.md with Hugging Face dataset-card front matter: one config per table, pointing at its Parquet files."""
    import yaml

    no_text = text_free(descriptor)
    licence = descriptor.get("licenses", [{}])[0].get("name", "other")
    front = {
        "pretty_name": descriptor["title"] + (" (text-free)" if no_text else ""),
        "license": CARD_LICENCES.get(licence, "other"),
        "language": ["en"],
        "size_categories": [size_category(max(rows.values(), default=0))],
        "task_categories": ["token-classification", "text-classification"],
        "tags": descriptor.get("keywords", []),
        "configs": [{"config_name": r["name"], "data_files": [{"split": "train", "path": f"parquet/{r['name']}/*.parquet"}]}
                    for r in tables(descriptor)],
    }
    lines = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=120).rstrip(), "---", "",
             f"# {front['pretty_name']}", "",
             f"Version **{descriptor['version']}**, released {citation.released(descriptor)}. The typed exports of "
             f"`{package_zip}`: unzip both into one folder and every relative path below resolves.", "",
             " ".join(descriptor.get("description", "").split()), "",
             "## Files", "", "| file | bytes | what it is |", "|---|---:|---|"]
    what = {"metadata.json": "Datasette metadata for the SQLite file (`datasette serve <name>.sqlite --metadata metadata.json`)",
            "croissant.json": "Croissant 1.0 metadata (MLCommons): one RecordSet per table, sha256 of every Parquet file",
            "README.md": "this file: a Hugging Face dataset card, one config per table"}
    for rel in sorted(set(files) | {"README.md"}):
        kind = ("SQLite database" if rel.endswith(".sqlite") else "Excel workbook (codes as text cells; a README sheet)" if rel.endswith(".xlsx")
                else "Parquet, one folder per table" if rel.startswith("parquet/") else "W3C Web Annotations, one per span row"
                if rel.endswith(".jsonld") else "CSV on the Web metadata for the package zip's CSVs" if rel.startswith("data/")
                else what.get(rel, ""))
        lines.append(f"| `{rel}` | {len(files[rel]) if rel in files else ''} | {kind} |")
    lines += ["", "## Tables", "", "| config | rows | one row per |", "|---|---:|---|"]
    lines += [f"| `{r['name']}` | {rows[r['name']]} | {r.get('description', '')} |" for r in tables(descriptor)]
    lines += ["", "## Load it", "", "```python", "from datasets import load_dataset", "",
              'quotes = load_dataset(".", "quotes", split="train")   # in the unzipped folder; one config per table',
              "```", "", "CAMEO codes and IDs are strings, offsets integers, booleans booleans: the types come from the "
              "Parquet files, which take them from `datapackage.json`.",
              "" if not no_text else "\nThis is the text-free variant: spans carry `text_sha256` (the sha256 of the span's text) "
              "instead of `text`, and copied stretches of notes read `⟦start:end⟧`. `python -m scripts.release.rehydrate` "
              "rebuilds the full tables from your own copy of the article.", "",
              "## Cite", "", citation.apa(descriptor), "", "```bibtex", citation.bibtex(descriptor).rstrip(), "```", ""]
    return "\n".join(lines)
