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


_TWO_DIGIT_YEAR = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<yy>\d{2})\b(?![/\d])")
_HEADER_FILLER = re.compile(
    r"""\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?)?(?!\w)
        |\b\d{1,2}\s*(?:am|pm)\b
        |\b(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?
        |\b\d+\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b
        |\b(?:last\s+update[sd]?|first\s+published|min(?:ute)?s?\s+read)\b
        |[\u2022·•|/]""",
    re.I | re.X,
)
_TIME_ZONE = re.compile(r"\b[A-Z]{1,4}T\b|\bIST\b")
_US_CLOCK = re.compile(r"\b(?:[ECMP][SD]?T|[AP]\.?M\.?)\b", re.I)
_LABEL_WORD = re.compile(r"^(?:[A-Z][\w'\u2019.-]*|&|and|of|-|\u2013|\u2014)$")


def _header_build(match: re.Match, us_order: bool) -> date | None:
    parts = match.groupdict()
    if parts.get("yy") or (parts.get("a") and int(parts["a"]) <= 12 and int(parts["b"]) <= 12):
        a, b = int(parts["a"]), int(parts["b"])
        year = 2000 + int(parts["yy"]) if parts.get("yy") else int(parts["year"])
        month, day = (a, b) if (us_order or a > 12 >= b) and b <= 31 and a <= 12 else (b, a)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return _build(match)


def header_date(line: str) -> tuple[date | None, str]:
    """The date a header line prints, and what else is on the line (a byline or a label).

    More lenient than :func:`parse_date_line`, for the lines above an article only: the
    line may carry a clock time in any form ("18.05 BST", "6:42pm"), an update note ("Updated
    2 hours ago"), a second date (the earliest is the publication), a two-digit year
    ("08/24/25"), a byline ("by Jane Doe - 08/24/25") or a capitalised section label
    ("Commentary / Middle East 2 October 2025"). Numeric dates whose order is ambiguous are
    read month first when the line keeps US time (ET, PM), else day first.
    """
    if len(line) > 140 or len(line.split()) > 24:
        return None, ""
    us_order = bool(_US_CLOCK.search(line))
    found: list[date] = []
    rest = line
    for form in [*_DATE_FORMS, _TWO_DIGIT_YEAR]:
        for match in list(form.finditer(rest)):
            built = _header_build(match, us_order)
            if built:
                found.append(built)
        rest = form.sub(" ", rest)
    if not found:
        return None, ""
    rest = _TIME_ZONE.sub(" ", _HEADER_FILLER.sub(" ", rest))
    rest = _FILLER.sub(" ", rest).strip(" -\u2013\u2014,")
    words = rest.split()
    if rest and not re.match(r"(?i)^by\s", rest) and not (
        len(words) <= 6 and all(_LABEL_WORD.match(w) for w in words)
    ):
        return None, ""
    return min(found), rest
