"""The byte rule every file the project reads or writes must keep: UTF-8, no BOM, LF only, NFC.

Readers disagree on anything else (frictionless strips a BOM silently, spreadsheets guess encodings),
so the build, the loader and the validator all check it through this one function. Which characters are
invisible or deceptive comes from Unicode's own data (character properties and the confusables table),
not from a hand list.
"""

from __future__ import annotations

import functools
import unicodedata

import regex
from confusable_homoglyphs import categories, confusables

# Characters that render as nothing or as blank: controls, format characters (bidi, zero-width, soft hyphen),
# every Default_Ignorable_Code_Point (Hangul fillers, variation selectors, tags), line and paragraph separators,
# and the Braille script, whose blank pattern U+2800 passes for a space; and characters that stand for nothing:
# private use, unassigned code points and noncharacters, and U+FFFD, which replaced bytes a decoder lost. A ZERO WIDTH JOINER is allowed only inside
# an emoji ZWJ sequence, and VS16 only after an emoji.
INVISIBLE = regex.compile(
    r"(?!(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)\u200D(?=\p{Extended_Pictographic}))"
    r"(?!(?<=\p{Emoji})\uFE0F)"
    r"[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Script=Braille}\p{Co}\p{Cn}\uFFFD]")
HIDDEN = regex.compile(r"[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Zl}\p{Zp}\p{Script=Braille}\p{Co}\p{Cn}\uFFFD]")  # INVISIBLE's class
# letters and digits that are compatibility forms of ASCII ones: fullwidth forms and the mathematical alphanumerics
# ("Ｎｉｃｏｌａｓ", "𝐍𝐢𝐜𝐨𝐥𝐚𝐬") read as Latin but match no search for the name
LOOKALIKE_FORMS = regex.compile(r"[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\U0001D400-\U0001D7FF]")
WORD = regex.compile(r"[\p{L}\p{M}]+")
WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"), (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
             (b"\xff\xfe", "UTF-16 (little-endian)"), (b"\xfe\xff", "UTF-16 (big-endian)"))


def invisible(value: str) -> str | None:
    """A message naming the first invisible character of value, or None."""
    if value.isascii() and value.isprintable():  # U+0020-U+007E: none is a control, format or ignorable character
        return None
    hidden = INVISIBLE.search(value)
    if not hidden:
        return None
    char = hidden.group()
    return f"character {hidden.start()} is U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


# scripts that one writing system mixes in one word, as UTS #39's "highly restrictive" level allows: Japanese (Han,
# Hiragana, Katakana), Korean (Han, Hangul), Chinese with Bopomofo; by the first word of each letter's Unicode name
ONE_WRITING_SYSTEM = ({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"}, {"CJK", "HANGUL"}, {"CJK", "BOPOMOFO"})


@functools.lru_cache(maxsize=65536)
def _deceptive(word: str) -> bool:
    letters = "".join(c for c in word if not unicodedata.category(c).startswith("M"))
    scripts = {unicodedata.name(c, "?").split(" ")[0] for c in letters if c.isalpha()}
    if len(scripts) > 1 and any(scripts <= allowed for allowed in ONE_WRITING_SYSTEM):
        return False
    return bool(letters) and bool(confusables.is_dangerous(letters))


def confusable(value: str) -> str | None:
    """A message naming the first word that mixes scripts with look-alike letters (`Sheinbаum` with a Cyrillic а)."""
    if value.isascii():  # ASCII letters are all Latin: no word can mix scripts
        return None
    form = LOOKALIKE_FORMS.search(value)
    if form:
        return (f"character {form.start()} is U+{ord(form.group()):04X} {unicodedata.name(form.group(), '?')}, a look-alike "
                f"of `{unicodedata.normalize('NFKC', form.group())}` that no search for the plain letter finds")
    for match in WORD.finditer(value):
        if _deceptive(match.group()):
            scripts = sorted({unicodedata.name(c, "?").split(" ")[0] for c in match.group() if c.isalpha()})
            return f"the word `{match.group()}` at character {match.start()} mixes scripts ({', '.join(scripts)}) with look-alike letters"
    return None


def may_hide(joined: str) -> bool:
    """False when no cell of a column, joined by spaces (no look-around crosses a space, and a space ends a word),
    can hold an invisible character or a confusable word. Decided from the column's distinct characters where it
    can be: a word of Latin and common letters only is never mixed-script, so never confusable."""
    unusual = {c for c in set(joined) if not (c.isascii() and c.isprintable())}
    if any(HIDDEN.match(c) for c in unusual) and INVISIBLE.search(joined):
        return True
    if any(LOOKALIKE_FORMS.match(c) for c in unusual):
        return True
    if {categories.alias(c) for c in unusual if unicodedata.category(c).startswith("L")} <= {"LATIN", "COMMON"}:
        return False
    return any(_deceptive(word) for word in set(WORD.findall(joined)))


def wide_encoding(data: bytes) -> str | None:
    """The name of a UTF-16 or UTF-32 encoding the bytes are in, judged by a byte-order mark or NUL bytes."""
    for bom, name in WIDE_BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if head and head.count(0) * 4 >= len(head):
        return "UTF-16 or UTF-32 (NUL bytes between the characters)"
    return None


def decode(data: bytes, nfc: bool = True) -> tuple[str | None, list[tuple[str, int, str]]]:
    """The text, or None when it is not UTF-8, and every fault as (code, line, message)."""
    wide = wide_encoding(data)
    if wide:
        return None, [("ENCODING", 1, f"the file is in {wide}, not UTF-8; re-save it as UTF-8")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [("ENCODING", line, f"byte {error.start} (0x{data[error.start]:02X}) is not UTF-8")]
    faults = []
    if text.startswith("\ufeff"):
        faults.append(("BOM", 1, "the file starts with a UTF-8 byte-order mark"))
    if "\r" in text:
        at = text.index("\r")
        faults.append(("LINE_ENDING", text[:at].count("\n") + 1, f"character {at} is a carriage return (CR or CRLF line ending)"))
    normal = unicodedata.normalize("NFC", text)
    if nfc and normal != text:
        at = next((i for i, (a, b) in enumerate(zip(text, normal)) if a != b), min(len(text), len(normal)))
        faults.append(("NOT_NFC", text[:at].count("\n") + 1, f"character {at} starts a sequence that is not in Unicode NFC"))
    return text, faults
