"""Calendar words and the parser for a page's own date line ("Published Friday, March 21, 2025").

A line counts as a date line only when, once the date is taken out, nothing but filler is
left (weekday, clock time, time zone, "date", "published", "updated", "loading…"), so a
sentence that merely mentions a date is never taken for the page's date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b"),
]
_FILLER = re.compile(
    r"""\b(?:date[ds]?|published|updated|posted|last|modified|on|at|the|loading|
        """
    + "|".join(WEEKDAYS)
    + r"""|am|pm|a\.m|p\.m|gmt|utc|cet|cest|edt|est|irst|idt|ist|
        bst|local|time)\b\.?|\d{1,2}:\d{2}(?::\d{2})?|[+-]\d{2}:?\d{2}|[\s,|:;\-\u2013\u2014/()….·]+""",
    re.I | re.X,
)


def _build(match: re.Match) -> date | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if parts.get("a"):  # 13/08/2024 is read only when the day part cannot be a month
        a, b = int(parts["a"]), int(parts["b"])
        if a > 12 >= b:
            month, day = b, a
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None
    else:
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
        day = int(parts["day"])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date_line(line: str) -> date | None:
    """The date a page's date line carries, or None if the line is anything else."""
    if len(line) > 80:
        return None
    for form in _DATE_FORMS:
        match = form.search(line)
        if match:
            rest = line[: match.start()] + " " + line[match.end() :]
            if _FILLER.sub("", rest).strip():
                return None
            return _build(match)
    return None


def parse_iso_date(value: str) -> date | None:
    """A strict YYYY-MM-DD date, or None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None
