"""The two variants of the package, as files by their path in the package: the full package (the built
datapackage.json, data/ and the CSV on the Web metadata) and the text-free one (scripts/contract/text_free.py says
what it leaves out and how). `rehydrate` turns the text-free files and the user's own article texts back into the
full ones, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scripts.build.write import csv_bytes
from scripts.contract import csvw
from scripts.contract import text_free as tf
from scripts.contract.descriptor import dumps
from scripts.contract.fields import TABLES
from scripts.contract.reader import BuiltPackage, open_package


def full_files(root: Path) -> dict[str, bytes]:
    """The full package as built: datapackage.json, every resource and the CSV on the Web metadata."""
    descriptor_bytes = (root / "datapackage.json").read_bytes()
    descriptor = json.loads(descriptor_bytes)
    files = {"datapackage.json": descriptor_bytes}
    files.update({r["path"]: (root / r["path"]).read_bytes() for r in descriptor["resources"]})
    files.update(csvw.files(descriptor_bytes))
    return files


def text_free_files(pkg: BuiltPackage) -> dict[str, bytes]:
    """The text-free variant of a full package (read with its texts)."""
    csvs = {}
    for name, table in TABLES.items():
        rows = [tf.strip_row(name, row, pkg.texts[row["article_id"]]) if "article_id" in row else row
                for row in pkg.resource(name).rows]
        csvs[name] = csv_bytes(tf.table(table), rows)
    descriptor_bytes = dumps(tf.variant_descriptor(pkg.descriptor, csvs)).encode("utf-8")
    files = {"datapackage.json": descriptor_bytes, **{f"data/{name}.csv": data for name, data in csvs.items()}}
    files.update(csvw.files(descriptor_bytes))
    return files


class TextMismatch(ValueError):
    """The user's copy of an article is not the one the package was annotated on."""


def rehydrate(variant: BuiltPackage, texts: dict[str, bytes]) -> dict[str, bytes]:
    """The full package's files from the text-free variant and each article's bytes (by article ID), each checked
    against its sha256 in data/articles.csv."""
    articles = {row["article_id"]: row for row in variant.resource("articles").rows}
    missing = sorted(set(articles) - set(texts))
    if missing:
        raise TextMismatch(f"no text given for article {', '.join(missing)}: add --text {missing[0]}=PATH")
    unknown = sorted(set(texts) - set(articles))
    if unknown:
        raise TextMismatch(f"article {', '.join(unknown)} is not in data/articles.csv (articles: {', '.join(sorted(articles))})")
    decoded = {}
    for article_id, data in texts.items():
        row = articles[article_id]
        digest = hashlib.sha256(data).hexdigest()
        if digest != row["sha256"]:
            raise TextMismatch(f"your copy of {article_id} has sha256 {digest}, the package was annotated on {row['sha256']} "
                               f"({row['bytes']} bytes, {row['characters']} characters): it is another text, or the same text "
                               "saved differently (encoding, line endings, a BOM)")
        decoded[article_id] = data.decode("utf-8")
    csvs = {}
    for name, table in TABLES.items():
        rows = [tf.restore_row(name, row, decoded[row["article_id"]]) if "article_id" in row else row
                for row in variant.resource(name).rows]
        csvs[name] = csv_bytes(table, rows)
    descriptor_bytes = dumps(tf.full_descriptor(variant.descriptor, csvs, texts)).encode("utf-8")
    files = {"datapackage.json": descriptor_bytes, **{f"data/{name}.csv": data for name, data in csvs.items()}}
    files.update({f"data/articles/{a}.txt": data for a, data in texts.items()})
    files.update(csvw.files(descriptor_bytes))
    return files


def write(files: dict[str, bytes], root: Path) -> None:
    for rel, data in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def open_files(files: dict[str, bytes], scratch: Path, texts: bool = True) -> BuiltPackage:
    write(files, scratch)
    return open_package(scratch, texts=texts)
