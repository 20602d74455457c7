"""The package's identity as annotations/package.yaml gives it, made true for the number of articles it holds.

The title and the description may say `{articles}` where they count the articles: the build writes "one news
article", "two news articles", "1,000 news articles" there (`{articles:English-language}` puts a word before
"news": "one English-language news article"). A file without the placeholder is used as it is, so a 1.0.0
package.yaml keeps building; when it counts "one … article" in a corpus of several, the build says so in a notice.
The name (and so every file name: the zips, the exports) is package.yaml's `name`, never made from the articles.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{articles(?::([^{}]*))?\}")
ONE_ARTICLE = re.compile(r"\bone\s+(?:[\w-]+\s+){0,3}article\b", re.I)
COUNTED = ("title", "description")
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


def articles_phrase(n: int, adjective: str = "") -> str:
    """'one news article', 'two news articles', '1,000 news articles' (with an adjective before 'news')."""
    word = _WORDS.get(n, f"{n:,}")
    middle = f"{adjective.strip()} news" if adjective.strip() else "news"
    return f"{word} {middle} article" if n == 1 else f"{word} {middle} articles"


def resolved(meta: dict, n: int) -> dict:
    """The metadata with every `{articles}` of its title and description written for n articles."""
    out = dict(meta)
    for key in COUNTED:
        if isinstance(out.get(key), str):
            out[key] = PLACEHOLDER.sub(lambda m: articles_phrase(n, m.group(1) or ""), out[key])
    return out


def stale(meta: dict, n: int) -> list[str]:
    """The keys of package.yaml that still count one article (written out, not as `{articles}`) when n > 1."""
    if n <= 1:
        return []
    return [key for key in COUNTED if isinstance(meta.get(key), str) and ONE_ARTICLE.search(PLACEHOLDER.sub("", meta[key]))]
