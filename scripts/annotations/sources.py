"""The article texts of sources/, read as the build reads them: UTF-8 NFC with LF line endings, or a problem."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from scripts.contract.encoding import decode
from scripts.contract.problems import Problem


@dataclass
class Source:
    """An article text as read from sources/, with its checksum taken from the bytes."""
    article_id: str
    rel: str
    data: bytes
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_source(path: Path, rel: str, article_id: str) -> tuple[Source | None, list[Problem]]:
    """Read an article text, refusing anything but UTF-8 NFC with LF line endings."""
    data = path.read_bytes()
    text, faults = decode(data)
    if faults:
        _, line, message = faults[0]
        return None, [Problem(rel, line, f"article_id={article_id}", "", "ARTICLE_TEXT", message)]
    return Source(article_id, rel, data, text), []


def read_text_argument(name: str, root: Path | None = None) -> tuple[str | None, str | None]:
    """(text, None) for an article text named on a command line (relative to root when given), or (None, a
    one-line error naming the file and a fix)."""
    path = Path(name) if root is None else Path(root) / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, f"{name}: no such file; give the path of an article text, e.g. sources/<article_id>.txt"
    except OSError as error:
        return None, f"{name}: cannot be read ({error.strerror or error}); give the path of an article text"
    text, faults = decode(data)
    if faults:
        _, line, message = faults[0]
        return None, f"{name}:{line}: [ARTICLE_TEXT] {message}; save it as UTF-8 NFC with LF line endings (docs/adding-an-article.md, step 2)"
    return text, None
