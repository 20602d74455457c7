"""The byte rule every file the project reads or writes must keep: UTF-8, no BOM, LF only, NFC.

Readers disagree on anything else (frictionless strips a BOM silently, spreadsheets guess encodings),
so the build, the loader and the validator all check it through this one function.
"""

from __future__ import annotations

import unicodedata

import regex

# Control, format (bidi, zero-width) and separator characters; a ZERO WIDTH JOINER is allowed only
# inside an emoji ZWJ sequence (pictograph, optional skin tone and VS16, ZWJ, pictograph).
INVISIBLE = regex.compile(r"(?!(?<=\p{Extended_Pictographic}\p{Emoji_Modifier}?\uFE0F?)\u200D(?=\p{Extended_Pictographic}))"
                          r"[\p{Cc}\p{Cf}\u2028\u2029]")


def decode(data: bytes, nfc: bool = True) -> tuple[str | None, list[tuple[str, int, str]]]:
    """The text, or None when it is not UTF-8, and every fault as (code, line, message)."""
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
