"""The numbers a text prints, in digits or in words: what a figure's value must be one of."""

from __future__ import annotations

from decimal import Decimal

import regex

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Scale words multiply the number before them ("2.5 million", "two dozen", "half a million"); alone, or in the
# plural ("thousands of"), they are their own value, and the figure's bound says "at least".
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}
FRACTIONS = {"half": Decimal("0.5"), "quarter": Decimal("0.25")}
NUMBER_WORDS = {**ONES, **TENS, **SCALES, **FRACTIONS}
PLURALS = {"dozens": "dozen", "hundreds": "hundred", "thousands": "thousand", "millions": "million",
           "billions": "billion", "halves": "half", "quarters": "quarter"}
# a minus sign (hyphen-minus or U+2212) right before digits, and not after a letter or digit ("2025-26"), is the sign
NUMBER_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])[-\u2212]\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?|\p{L}+(?:-\p{L}+)?")


def _token_value(token: str) -> Decimal | None:
    """The value of one token: digits with separators, a number word, its plural, or a hyphenated tens-ones word."""
    if token[0] in "-\u2212":
        return -Decimal(token[1:].replace(",", ""))
    if token[0].isdigit():
        return Decimal(token.replace(",", ""))
    word = token.lower()
    word = PLURALS.get(word, word)
    if word in NUMBER_WORDS:
        return Decimal(NUMBER_WORDS[word])
    tens, _, ones = word.partition("-")
    if tens in TENS and ones in ONES and ONES[ones] < 10:
        return Decimal(TENS[tens] + ONES[ones])
    return None


def numbers_in(text: str) -> set[Decimal]:
    """The numbers a text prints: digits (with separators), number words and their plurals ("thousands"),
    fractions ("half"), and a number times the scale word after it ("2.5 million", "half a million", "two dozen")."""
    tokens = NUMBER_TOKEN.findall(text)
    values = [_token_value(t) for t in tokens]
    found = {v for v in values if v is not None}
    for i, value in enumerate(values):
        if value is None:
            continue
        j = i + 2 if i + 2 < len(tokens) and tokens[i + 1].lower() in ("a", "an") else i + 1
        if j < len(tokens) and PLURALS.get(tokens[j].lower(), tokens[j].lower()) in SCALES:
            found.add(value * values[j])
    return found
