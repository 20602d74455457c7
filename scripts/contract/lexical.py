"""Canonical lexical forms: the one spelling of each value that every reader parses the same way.

Python's int(), pandas and frictionless also accept `٧٦٩`, `7_69`, `+769`, `5E1` and `2026-02-30`; a cell in
this package must be readable by the plainest client, so each type has exactly one accepted spelling.
Dates must exist on the calendar, and TIMEX3 values go through the TimeML value grammar.
"""

from __future__ import annotations

import calendar
import datetime

import regex

INTEGER = regex.compile(r"(?a)0|[1-9][0-9]*")
NUMBER = regex.compile(r"(?a)-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
VERSION = regex.compile(r"(?a)(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")  # a release is MAJOR.MINOR.PATCH (docs/versioning.md)
BOOLEAN = ("true", "false")
RFC3339 = regex.compile(r"(?a)(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})")

# TIMEX3 (TimeML 1.2.1 guidelines, section 2.2): X stands for a digit the text leaves open.
_Y = r"(?P<year>[0-9X]{4}|[0-9]{2,3})"  # 19 = the 1900s, 197 = the 1970s
_DATE = (rf"{_Y}(?:-(?:(?P<month>[0-9X]{{2}})(?:-(?P<day>[0-9X]{{2}}))?"
         r"|W(?P<week>[0-9X]{2})(?:-(?P<weekday>[1-7X]|WE))?"
         r"|(?P<season>SP|SU|FA|WI)|(?P<quarter>Q[1-4X])|(?P<half>H[12X])))?")
_CLOCK = r"T(?:(?P<hour>[0-9X]{2})(?::(?P<minute>[0-9X]{2})(?::(?P<second>[0-9X]{2}))?)?|(?P<part>MO|MI|AF|EV|NI|DT))"
_AMOUNT = r"(?:[0-9]+(?:\.[0-9]+)?|X)"
_DURATION = (rf"P(?:{_AMOUNT}(?:CE|DE|L|Y|Q|M|W|D))*(?:T(?:{_AMOUNT}[HMS])+)?")
TIMEX_DATE = regex.compile(rf"(?a){_DATE}")
TIMEX_TIME = regex.compile(rf"(?a){_DATE}{_CLOCK}")
TIMEX_DURATION = regex.compile(rf"(?a){_DURATION}")
TIMEX_REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")


def as_int(value: str) -> int | None:
    """The integer a canonical cell spells, or None (int() would also take `٧٦٩`, `7_69` and `+769`)."""
    return int(value) if isinstance(value, str) and INTEGER.fullmatch(value) else None


def integer(value: str) -> str | None:
    """Why value is not a canonical integer (ASCII digits, no sign, no leading zero, no underscore), or None."""
    return None if INTEGER.fullmatch(value) else f"`{value}` is not a plain whole number (ASCII digits, no sign, leading zero, underscore or space)"


def number(value: str) -> str | None:
    return None if NUMBER.fullmatch(value) else (
        f"`{value}` is not a plain decimal (ASCII digits, optional minus and decimal point; no exponent, plus sign, "
        "leading or trailing zeros)")


def boolean(value: str) -> str | None:
    return None if value in BOOLEAN else f"`{value}` is not `true` or `false`"


def _real_date(year: str, month: str | None, day: str | None) -> str | None:
    if month and "X" not in month and not 1 <= int(month) <= 12:
        return f"month {month} does not exist"
    if day and "X" not in day:
        if month and "X" not in month:
            leap_year = 2000 if "X" in year or len(year) < 4 else int(year)  # an open year allows 29 February
            last = calendar.monthrange(leap_year, int(month))[1]
        else:
            last = 31
        if not 1 <= int(day) <= last:
            return f"day {day} does not exist in that month"
    return None


def _real_week(year: str, week: str | None) -> str | None:
    if week is None or "X" in week:
        return None
    weeks = 53 if "X" in year or len(year) < 4 else datetime.date(int(year), 12, 28).isocalendar()[1]
    return None if 1 <= int(week) <= weeks else f"week {week} does not exist in {year}"


def _real_clock(match) -> str | None:
    for name, top in (("hour", 24), ("minute", 59), ("second", 60)):
        part = match.group(name)
        if part and "X" not in part and int(part) > top:
            return f"{name} {part} does not exist"
    return None


def calendar_date(value: str) -> str | None:
    """A publication date: YYYY, YYYY-MM or YYYY-MM-DD, and a real one."""
    match = regex.fullmatch(r"(?a)(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        return f"`{value}` is not YYYY, YYYY-MM or YYYY-MM-DD"
    problem = _real_date(*match.groups())
    return f"`{value}`: {problem}" if problem else None


def timex_date(value: str) -> str | None:
    """A TIMEX3 date value (X for open digits, weeks, seasons, quarters), and a real one."""
    match = TIMEX_DATE.fullmatch(value)
    if not match:
        return f"`{value}` is not a TIMEX3 date value (YYYY-MM-DD, YYYY-Www, YYYY-SU, YYYY-Q1, X for open digits)"
    problem = _real_date(match["year"], match["month"], match["day"]) or _real_week(match["year"], match["week"])
    return f"`{value}`: {problem}" if problem else None


def timex(value: str, type_: str | None = None) -> str | None:
    """A TIMEX3 value of the given type (DATE, TIME, DURATION, SET), by the TimeML value grammar."""
    if value in TIMEX_REFS:
        return None if type_ in (None, "DATE", "TIME") else f"`{value}` is a DATE or TIME value, not a {type_}"
    if value.startswith("P"):
        if not TIMEX_DURATION.fullmatch(value) or value in ("P", "PT") or value.endswith("T"):
            return f"`{value}` is not a TIMEX3 duration (P1Y, P2W, PT3H, PXD)"
        return None if type_ in (None, "DURATION", "SET") else f"`{value}` is a duration, not a {type_} value"
    match = TIMEX_TIME.fullmatch(value)
    if match:
        problem = (_real_date(match["year"], match["month"], match["day"]) or _real_week(match["year"], match["week"])
                   or _real_clock(match))
        if problem:
            return f"`{value}`: {problem}"
        return None if type_ in (None, "TIME", "SET") else f"`{value}` has a time of day, so its type is TIME, not {type_}"
    problem = timex_date(value)
    if problem:
        return problem
    return None if type_ in (None, "DATE", "SET") else f"`{value}` is a date, so its type is DATE, not {type_}"


def rfc3339(value: str) -> str | None:
    """A real RFC 3339 timestamp with a zone."""
    match = RFC3339.fullmatch(value)
    if not match:
        return f"`{value}` is not an RFC 3339 timestamp such as 2026-11-28T00:00:00Z"
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        return f"`{value}`: {error}"
    return None


GRAMMARS = {"date": calendar_date, "timex_date": timex_date, "timex": timex}
TYPES = {"integer": integer, "number": number, "boolean": boolean}


def check(field_type: str, grammar: str | None, value: str) -> str | None:
    """Why a non-empty cell is not in its field's canonical form, or None."""
    by_type = TYPES.get(field_type)
    if by_type:
        return by_type(value)
    if grammar:
        return GRAMMARS[grammar](value)
    return None
