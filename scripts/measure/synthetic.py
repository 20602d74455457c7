"""Synthetic corpora for measuring scale: the real article plus copies of it under new IDs and prefixes.

Each copy is the real annotation file with its article_id and id_prefix replaced, and its text opened with a short
phrase unique to the copy ("In dispatch bcd, Mexican President ..."), so every text, hash and span offset differs
and no cache keyed by text can help. The phrase holds no digit, name, pronoun or quotation mark, so the copy meets
every coverage rule the real article meets.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

REAL = "sheinbaum-trump-call"
LETTERS = "bcdfghjklmnpqrstvwxz"  # consonants only: a tag never spells a pronoun or a name


def tag(number: int) -> str:
    """A short lowercase word unique to number (bb, bc, ...), of consonants only."""
    out = ""
    number += len(LETTERS)  # at least two letters
    while number:
        number, digit = divmod(number, len(LETTERS))
        out = LETTERS[digit] + out
    return out


def synthesize(dest: Path, articles: int, root: Path) -> Path:
    """A repository-shaped folder at dest holding `articles` articles: the real one and articles - 1 copies."""
    (dest / "annotations" / "articles").mkdir(parents=True)
    (dest / "sources").mkdir()
    shutil.copy(root / "annotations" / "package.yaml", dest / "annotations" / "package.yaml")
    shutil.copy(root / "annotations" / "entities.yaml", dest / "annotations" / "entities.yaml")  # the shared registry
    for folder in ("primary", "codebooks"):  # the alignments, and the CAMEO and PLOVER tables every build carries
        if (root / "annotations" / folder).is_dir():
            shutil.copytree(root / "annotations" / folder, dest / "annotations" / folder)
    annotation = (root / "annotations" / "articles" / f"{REAL}.yaml").read_text(encoding="utf-8")
    text = (root / "sources" / f"{REAL}.txt").read_text(encoding="utf-8")
    real_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    shutil.copy(root / "sources" / f"{REAL}.txt", dest / "sources" / f"{REAL}.txt")
    (dest / "annotations" / "articles" / f"{REAL}.yaml").write_text(annotation, encoding="utf-8")
    for number in range(1, articles):
        word = tag(number)
        article_id, prefix = f"{REAL}-{word}", f"x{word}"
        copy_text = f"In dispatch {word}, {text}"
        copy_sha = hashlib.sha256(copy_text.encode("utf-8")).hexdigest()
        copy = (annotation.replace(f'article_id: "{REAL}"', f'article_id: "{article_id}"')
                .replace('id_prefix: "stc"', f'id_prefix: "{prefix}"').replace('"stc-', f'"{prefix}-')
                .replace(real_sha, copy_sha))
        (dest / "annotations" / "articles" / f"{article_id}.yaml").write_text(copy, encoding="utf-8")
        (dest / "sources" / f"{article_id}.txt").write_bytes(copy_text.encode("utf-8"))
    return dest
