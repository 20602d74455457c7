"""Sentences about "the article" written from the counts, so that they stay true when articles are added."""

from __future__ import annotations

import re

from scripts.docs.text import number, plural

# Third-person verbs a fixed sentence may put after "the article", and their plural forms.
_VERBS = {"refers": "refer", "says": "say", "names": "name", "gives": "give", "asserts": "assert", "reports": "report",
          "quotes": "quote", "is": "are", "has": "have", "does": "do", "mentions": "mention", "states": "state"}
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}


class Corpus:
    """How pages speak of the articles: 'the article' for one, 'the 3 articles' for three."""

    def __init__(self, site):
        self.n = len(site.pkg.texts)
        self.languages = sorted({row.get("language", "") for row in site.pkg.resource("articles").rows} - {""}) \
            if "articles" in site.pkg.resources else []

    @property
    def one(self) -> bool:
        return self.n == 1

    @property
    def the_articles(self) -> str:
        return "the article" if self.one else f"the {number(self.n)} articles"

    @property
    def count(self) -> str:
        """'one news article', 'three news articles', '1,000 news articles'."""
        word = _WORDS.get(self.n, number(self.n))
        return f"{word} news article" if self.one else f"{word} news articles"

    def verb(self, singular: str, plural_form: str) -> str:
        return singular if self.one else plural_form

    def reword(self, text: str) -> str:
        """A fixed sentence that says 'the article' made true for the corpus, its verb agreeing: 'the article
        refers' becomes 'the 2 articles refer', 'the article's' becomes 'the 2 articles''."""
        if self.one:
            return text
        text = re.sub(r"\bthe article's", self.the_articles + "'", text)
        text = re.sub(r"\bthe article (%s)\b" % "|".join(_VERBS), lambda m: f"{self.the_articles} {_VERBS[m.group(1)]}", text)
        return re.sub(r"\bthe article\b", self.the_articles, text)

    def rows(self, n: int, word: str) -> str:
        return plural(n, word)
