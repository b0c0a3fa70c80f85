"""Time expressions of one sentence: found by rules and resolved against a publication date.

**What is found** (``find_time_expressions``):

- absolute: "September 21, 2024", "21 September 2024", "2024-09-21", "July 31", "Oct. 7",
  "the 7th of October", "in April", "early/mid/late November", "May 2024", "in 2015",
  "the 1990s", "2013-2015", spans of days or months ("between June 13 and 24", "13-24 June",
  "from March to May 2025"), seasons with a year ("the summer of 2024", "winter 2023-24"),
  "the first week of August", "the second half of 2025";
- relative: "today", "yesterday", "tonight", "tomorrow", weekdays ("on Monday", "Sunday's
  remarks", "a Monday meeting", "last Friday", "next Saturday", "late Saturday night"),
  "last/this/next week|month|year" (with a part: "late last month", "the end of the year"),
  "earlier/later this week|month|year", "the past week", "three days ago", "over the
  weekend", seasons ("last summer", "this autumn", "in the spring"), and dates counted from
  the previous day-level date resolved in the same article: "hours later", "later that day",
  "the next day", "the day before", "two days later", "the previous week".

Each is resolved to ``date_start``..``date_end`` with a ``granularity`` naming the unit the
text speaks in (``day``, ``week``, ``month``, ``year``, or ``span`` for a stated range: of
years, of days or months, a season, a part of a year, a numbered window), and ``anchor``
(``absolute``: it names a calendar date, month or year; ``relative``: it only means something
from the publication day or an earlier date). The context rules:

- The tense around a date decides which way a relative or year-less one goes: the nearer of a
  scheduled-future cue ("will", "would", "set to", "expires") and a past-tense verb before it
  in its clause, else the first of them in the few words after it. A past participle before
  "by" ("followed by") is not a past-tense verb.
- A weekday is the latest such day on or before publication (the publication weekday is the
  publication day) unless the text speaks of the future: then the first such day on or after.
- A month or day without a year takes the year that places it on or before publication when
  the text speaks of the past, on or after when it speaks of the future; with neither, it is
  the one within nine months before or three months after publication (a date further back
  would be written with its year).
- A past-tense period that contains the publication day ends at it ("this week", "in
  November" published on 16 November); a future one starts at it. "Earlier this week" ends
  the day before publication and "later this week" starts the day after.
- A season is the northern one by months (spring March-May, summer June-August, autumn
  September-November, winter December-February); "last summer" is the latest that ended
  before publication, "next spring" the first that starts after it, "this summer" or "in the
  summer" the one that holds publication, else the one the tense points to (the nearer one
  when no tense is given). "Winter 2024" without a second year is listed unresolved.
- "Later in the day" counts from a day-level date of the last two sentences, else it is the
  publication day; the other counted expressions need an earlier date of the article.
- Relative expressions inside a direct quotation are not resolved: "today" in a quoted
  post is the day the speaker wrote, not the publication day.
- Without a publication date, absolute dates with a year are still resolved; relative and
  year-less ones are listed unresolved ("no publication date to anchor it").
- Vague references ("recently", "for years", "in the next few months") are listed
  unresolved with the reason; adjectives such as "a recent meeting" are not listed.
- A numbered window with "next", "coming", "past" or "last" counts from the day that opens
  the sentence ("On Sunday, the ministry said ... in the past 24 hours"), else from the
  publication day: "within the next 24 hours" is that day and the next, "over the past two
  weeks" runs from 14 days before it to it, "the last 12 months" from the same day a year
  before (``span``; "the past month" is a calendar month back too). "The last three months
  of 2019" or "the last two years of his presidency" is no such window. A window with
  "next" speaks of the future even when its day is before publication (a warning).
- A date that ends before publication is not future, whatever the tense around it ("will
  never forget the killing on July 31, 2024"); one that starts after publication is.
- Other durations and counts are not dates: "24 hours", "three years", "the 30-minute call",
  "85-year-old", "16 million". Month names that are also words ("may", "march", "august")
  count only when capitalised and beside a day number or year or after a preposition;
  weekdays inside names ("Sunday Times", "Good Friday", "Friday prayers") are skipped, and
  "fall" is a season only beside a year, after "last/this/next" or as "in the fall".

Phrase lists live in ``helpers/data/time_phrases.csv``.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from helpers.datafiles import read_data_text
from helpers.dates import MONTHS, WEEKDAYS
from helpers.regexes import fast_regex

NO_ANCHOR = "no publication date to anchor it"
IN_QUOTE = "inside a direct quotation: relative to when the speaker spoke, not to publication"
NO_EARLIER_DATE = "no earlier date in the article to count from"
# "Later in the day" counts from a date at most this many sentences back
NEAR_SENTENCES = 2

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS.update(a=1, an=1, thirteen=13, fourteen=14, fifteen=15, sixteen=16, seventeen=17,
                     eighteen=18, nineteen=19, twenty=20, thirty=30, forty=40, fifty=50)
# A count of days, weeks, ...: digits or a number word ("a"/"an" are added where they fit)
_COUNT = r"\d{1,3}|" + "|".join(sorted((w for w in _NUMBER_WORDS if len(w) > 2),
                                       key=lambda w: (-len(w), w)))
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}
# A season's first month; winter begins in December of the year it is named by
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
PREPOSITION = re.compile(
    r"(?i:\b(?:on|in|at|since|during|from|by|until|till|before|after)\s+)$")
_AUXILIARY_BEFORE = re.compile(r"(?i:\b(?:be|been|being|to|will)\s+)$")
_BY_AFTER = re.compile(r"\s+by\b")
_QUOTE_MARK = re.compile(r"[\u201c\u201d\"\u00ab\u00bb]")
CLAUSE_BREAK = re.compile(r"[,;:\u201c\u201d\"()\u2013\u2014\[\]]")
_LETTERS = re.compile(r"[A-Za-z]+")
_NAME_START = re.compile(r"\s+[A-Z][a-z]")
_UNIT_AFTER = re.compile(r"\s*([A-Za-z%]+)")
FUNCTION_WORDS = frozenset(
    "the a an in on at he she it they we i you but and or nor however although while after before "
    "according this that these those his her their our its there when if as so no not with by "
    "for from of to during despite following recently now then also instead meanwhile"
    .split())
_FUTURE_WORDS = {"next", "coming", "this coming", "tomorrow", "later", "the day after tomorrow"}
_PAST_WORDS = {"last", "past", "this past", "earlier", "yesterday", "last night",
               "the day before yesterday"}
# "the last two years of his presidency", "the last week of January": the end of another period
_OF_ANOTHER = r"(?!\s+of\s+(?:his|her|their|its|the|(?:19|20)\d\d\b|[A-Z]))"
_NOT_REPORTING_DAY = re.compile(r"(?i:since|from|after|before|until|till|by|during)\b")
# What "the day before" or "the week after" must not be followed by: its own object or clause
_NO_OBJECT = (r"\b(?!\s+(?:(?:the|a|an|his|her|its|their|this|that|last|next|he|she|it|they|we|"
              r"i|you|being)\b|(?-i:[A-Z])|\d))")


@dataclass(frozen=True)
class _Rules:
    """Compiled patterns and word lists, loaded once per process."""

    # (kind, pattern, its needle group, a regex a match also needs or None)
    patterns: tuple[tuple[str, re.Pattern, int, re.Pattern | None], ...]
    # (gate word, ((lower-case needle holding it, the needle groups it is in), ...))
    gate_words: tuple[tuple[str, tuple[tuple[str, frozenset[int]], ...]], ...]
    capital_gate: re.Pattern | None  # all the capitalised needles
    capital_groups: tuple[tuple[int, re.Pattern], ...]  # (needle group, its capitalised ones)
    vague: tuple[tuple[re.Pattern, str], ...]
    future_cue: re.Pattern
    past_cue: re.Pattern
    count_unit: frozenset[str]
    ambiguous_month: frozenset[str]
    month_context: frozenset[str]


def phrases() -> dict[str, list[tuple[str, str]]]:
    """The rows of ``time_phrases.csv`` by kind: (pattern, note) each."""
    found: dict[str, list[tuple[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(read_data_text("time_phrases.csv"))):
        found.setdefault(row["kind"], []).append((row["pattern"], row["note"]))
    return found


def phrase_words(rows: dict[str, list[tuple[str, str]]], kind: str) -> frozenset[str]:
    """The words of the ``|``-joined patterns of one kind of ``time_phrases.csv``."""
    return frozenset(w for p, _ in rows.get(kind, []) for w in p.split("|"))


def _patterns() -> list[tuple[str, str]]:
    """(kind, regex source) of every pattern, in priority order for matches of one span."""
    months = sorted({n.capitalize() for n in MONTHS}, key=len, reverse=True)
    weekdays = "|".join(n.capitalize() for n in WEEKDAYS if len(n) > 4)
    month_names = "|".join(months)
    mon = r"(?P<mon>" + month_names + r")\b(?:\.(?=\s*\d))?"
    mon2 = r"(?P<mon2>" + month_names + r")\b(?:\.(?=\s*\d))?"
    wd = r"(?P<wd>" + weekdays + r")"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    day2 = r"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    year1 = r"(?P<year1>(?:19|20)\d{2})"  # the first of two, when each is written
    year2 = r"(?P<year2>(?:19|20)\d{2})"
    part = (r"(?:(?P<part>(?i:early|mid|late))[\s-]+"
            r"|(?i:the\s+)?(?P<part2>(?i:end|beginning|start|middle))\s+of\s+)")
    no_count = r"(?![\d,.]\d|\s*(?:%|-\w))"
    # "June 13-24", "between June 13 and 24", "13 to 24 June": "and" only after "between"
    link = r"(?:\s*[-\u2013]\s*|\s+(?P<link>(?i:to|until|till|through|and))\s+)"
    between = r"(?:(?P<between>(?i:between))\s+)?"
    season_any = r"(?P<season>(?i:spring|summer|autumn|winter|fall))"
    # without a year: "fall" is no season in "the fall of Kabul" or "a fall in prices", and
    # "the summer of 2024" is read with its year
    season = (r"(?P<season>(?i:spring|summer|autumn|winter|fall(?!\s+(?i:in|of)\b)))\b"
              r"(?!\s+(?i:of)\b)(?!\s+(?:19|20)\d\d)")
    season_rel = r"(?P<rel>(?i:last|this|next|this past|this coming|past|coming))"
    season_prep = r"(?i:in|during|over|through|throughout|since|by|until|till|before|after|for)"
    return [
        ("not_a_date", None),  # from time_phrases.csv
        ("vague", None),  # from time_phrases.csv
        ("iso", r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
        ("mdy_span", rf"\b{between}{mon}\s*{day}(?:,?\s+{year1},?)?{link}"
                     rf"(?:{mon2}\s*)?{day2}\b{no_count}(?:,?\s+{year2}\b)?"),
        ("dmy_span", rf"(?<![\d.,/:])\b{between}{day}(?:\s+{mon})?(?:,?\s+{year1})?{link}"
                     rf"{day2}\s+(?:of\s+)?{mon2}(?:,?\s+{year2}\b)?"),
        ("month_span", rf"\b{between}{mon}(?:\s+{year1})?{link}{mon2}"
                       rf"(?!\s*\d{{1,2}}\b)(?:,?\s+{year2}\b)?"),
        ("mdy", rf"\b(?:{wd},?\s+)?{mon}\s*{day}\b{no_count}(?:,?\s+{year}\b)?"),
        ("dmy", rf"\b(?:{wd},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year}\b)?"),
        ("month_week", rf"\b(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|last|final))\s+"
                       rf"(?i:week)\s+of\s+{mon}(?:,?\s+{year}\b)?"),
        ("year_part", r"\b(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|last|final))\s+"
                      r"(?P<portion>(?i:half|quarter))\s+of\s+(?:(?P<year>(?:19|20)\d{2})\b|"
                      r"(?P<rel>(?i:this|last|next|the))\s+(?i:year)\b)"),
        ("season_year", rf"\b(?:{part})?(?i:the\s+)?{season_any}\s+(?:of\s+)?{year}"
                        r"(?:\s*[-\u2013/]\s*(?P<year2>(?:19|20)?\d{2}))?\b(?![-/]\d)"),
        ("season", rf"\b(?:{part})?{season_rel}\s+{season}"),
        ("season", rf"\b{season_prep}\s+(?i:the\s+)?(?:{part})?{season}"),
        ("season", rf"\b(?P<part>(?i:early|mid|late))[\s-]+{season}"),
        ("month_year", rf"\b{part}?{mon}\s+(?:of\s+)?{year}\b"),
        ("month", rf"\b(?:(?P<rel>(?i:last|next|this|this past|this coming))\s+)?{part}?{mon}"
                  r"(?!\s*\d|-)"),
        ("year_span",
         r"\b(?:(?i:from|between)\s+)?(?P<year>(?:19|20)\d{2})\s*(?:[-\u2013\u2014/]|\s(?i:to|"
         r"until|through|and)\s)\s*(?P<year2>(?:19|20)\d{2}|\d{2})\b(?![-/]\d)"),
        ("decade", rf"\b(?:{part})?(?i:the\s+)?(?P<decade>(?:19|20)\d0)['\u2019]?s\b"),
        ("year", rf"(?<![$\u20ac\u00a3\d.,/-])\b{part}?{year}\b(?![-/.,]\d|-\w)"),
        ("rel_day",
         r"(?i:\b(?P<word>today|tonight|yesterday|tomorrow|last night|this (?:morning|"
         r"afternoon|evening)|the day before yesterday|the day after tomorrow))\b"),
        ("period_part", r"(?i:\b(?:the\s+)?(?P<part2>end|beginning|start|middle)\s+of\s+the\s+"
                        r"(?P<unit>week|month|year))\b(?!\s+(?i:before|after|of)\b)"),
        ("rel_period",
         rf"(?i:\b(?:{part})?(?:(?P<the>the|over the|in the|during the)\s+)?(?:(?P<pre>earlier|"
         r"later)\s+this|(?P<which>last|this|next|past|coming))\s+(?P<unit>week|month|year))\b"
         + _OF_ANOTHER),
        ("ago", rf"(?i:\b(?P<n>{_COUNT}|an?)\s+(?P<unit>day|week|fortnight|month|year)s?\s+ago)\b"),
        ("window",
         r"(?i:\b(?:(?:within|in|over|during|for)\s+)?the\s+(?P<which>next|coming|past|last)"
         rf"\s+(?:(?P<n>{_COUNT})\s+(?P<unit>hour|day|week|fortnight|month|year)s?|"
         r"(?P<fortnight>fortnight)))\b" + _OF_ANOTHER),
        ("weekend",
         r"(?i:\b(?:(?:over|at|during|on)\s+the|(?P<rel>last|this|next|past|coming))\s+"
         r"weekend)\b"),
        ("sequence",
         r"(?i:\b(?:(?P<same>(?:hours|minutes|moments) later|later (?:that|the same) (?:day|"
         r"night|evening|morning)|(?:that|the) same (?:day|night|evening))"
         r"|(?P<inday>(?:later|earlier) in the (?:day|morning|afternoon|evening|night))"
         r"|(?P<next>(?:on )?the (?:next|following) day|a day later|the day after" + _NO_OBJECT
         + r")|(?P<prev>a day earlier|(?:on )?the previous day|the day before" + _NO_OBJECT
         + rf")|(?P<n>{_COUNT}|an?)\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier)"
         r"|the (?P<which>previous|following) (?P<punit>week|month|year)"
         r"|the (?P<punit2>week|month|year) (?P<pdir>before|after)" + _NO_OBJECT + r"))\b"),
        ("weekday",
         rf"\b(?:(?P<rel>(?i:last|next|this|this coming|this past|coming|past))\s+)?"
         r"(?:(?i:early|late|overnight|before dawn|in the early hours of)\s+(?:(?i:on)\s+)?)?"
         rf"{wd}(?P<poss>['\u2019]s)?(?:\s+(?i:morning|afternoon|evening|night))?\b"),
    ]


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The compiled rules of ``time_phrases.csv`` and of the patterns above."""
    rows = phrases()
    month_words = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec")
    weekday_words = tuple(n.capitalize() for n in WEEKDAYS if len(n) > 4)
    periods = ("week", "month", "year")
    seasons = ("spring", "summer", "autumn", "fall", "winter")
    # A pattern is tried only when the sentence holds one of its needles (capitalised
    # needles are looked for as written, the others in the lower-cased sentence); see
    # _needle_groups for the quick test that skips most sentences.
    needles = {
        "not_a_date": weekday_words, "iso": ("19", "20"), "mdy": month_words, "dmy": month_words,
        "mdy_span": month_words, "dmy_span": month_words, "month_span": month_words,
        "month_year": month_words, "month": month_words, "month_week": month_words,
        "year_part": ("half", "quarter"), "season_year": seasons, "season": seasons,
        "year_span": ("19", "20"), "decade": ("0s", "0's", "0\u2019s"), "year": ("19", "20"),
        "rel_day": ("today", "tonight", "yesterday", "tomorrow", "night", "morning",
                    "afternoon", "evening"),
        "period_part": periods, "rel_period": periods, "ago": (" ago",), "weekend": ("weekend",),
        "window": ("hour", "day", "week", "month", "year", "fortnight"),
        "sequence": ("later", "same", "next day", "following", "earlier", "previous",
                     "day before", "day after", "week before", "week after", "month before",
                     "month after", "year before", "year after"),
        "weekday": weekday_words,
        "vague": ("recent", "lately", "of late", "years", "decades", "months", "weeks", "days",
                  "over the year", "soon", "near future"),
    }
    # Beside its month word, a full date needs a day number and "May 2024" a year; "this
    # week" needs the word before the unit.
    also_needs = {"mdy": re.compile("[1-9]"), "dmy": re.compile("[1-9]"),
                  "mdy_span": re.compile("[1-9]"), "dmy_span": re.compile("[1-9]"),
                  "month_year": re.compile("19|20"), "month_week": fast_regex("(?i:week)"),
                  "month_span": fast_regex(r"(?i:[-\u2013]|\bto\b|\buntil\b|\btill\b|"
                                           r"\bthrough\b|\band\b)"),
                  "season_year": re.compile("19|20"),
                  "rel_period": fast_regex("(?i:last|next|this|past|coming)"),
                  "window": fast_regex("(?i:next|coming|past|last)")}
    sources = {"not_a_date": "|".join(p for p, _ in rows["not_a_date"]),
               "vague": r"\b(?i:" + "|".join(p for p, _ in rows["vague"]) + r")\b"}
    patterns = [(kind, fast_regex(source or sources[kind])) for kind, source in _patterns()]
    cue = "|".join(p for p, _ in rows["future_cue"])
    past = "|".join(p for p, _ in rows["past_cue"])
    groups = sorted({needles[kind] for kind, _ in patterns})
    gate_words, capital_gate, capital_groups = _needle_groups(groups)
    return _Rules(
        patterns=tuple((kind, pattern, groups.index(needles[kind]), also_needs.get(kind))
                       for kind, pattern in patterns),
        gate_words=gate_words,
        capital_gate=capital_gate,
        capital_groups=capital_groups,
        vague=tuple((re.compile(rf"(?i:{p})\b"), note) for p, note in rows["vague"]),
        future_cue=fast_regex(rf"(?i:\b(?:{cue})\b)"),
        past_cue=fast_regex(rf"(?i:\b(?:{past})\b)"),
        count_unit=frozenset(w.lower() for w in phrase_words(rows, "count_unit")),
        ambiguous_month=phrase_words(rows, "ambiguous_month"),
        month_context=frozenset(w.lower() for w in phrase_words(rows, "month_context")),
    )


# Short pieces of the lower-case needles ("day" is in "today", "days", "next day"): a
# sentence without any of them holds no lower-case needle, so one quick pass skips most
# sentences, and a needle is looked for only when a gate word it holds was found. Needles
# that hold none of them are gate words themselves.
_GATE_ROOTS = ("0", "19", " ago", "afternoon", "day", "decades", "earlier", "evening", "late",
               "month", "morning", "near future", "night", "recent", "same", "soon", "tomorrow",
               "week", "year")


def _alternation(words) -> re.Pattern | None:
    words = sorted(set(words), key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))) if words else None


def _needle_groups(groups: list[tuple[str, ...]]):
    """For the needle groups (numbered by their place in ``groups``): the gate words, each
    with the lower-case needles that hold it and the groups of each such needle; a regex
    of all the capitalised needles; and per group with capitalised needles, their regex.

    A lower-case needle (all cased letters lower, or not all letters) is looked for in the
    lower-cased sentence, a capitalised one in the sentence as written, so a group is held
    exactly when the sentence holds one of its needles.
    """
    lower_needles: dict[str, set[int]] = {}
    for index, group in enumerate(groups):
        for needle in group:
            if needle.islower() or not needle.isalpha():
                lower_needles.setdefault(needle, set()).add(index)
    roots = {root for root in _GATE_ROOTS if any(root in n for n in lower_needles)}
    words = roots | {n for n in lower_needles if not any(root in n for root in roots)}
    gate = tuple((word, tuple((n, frozenset(lower_needles[n])) for n in sorted(lower_needles)
                              if word in n))
                 for word in sorted(words))
    capitals = _alternation(n for group in groups for n in group if n[:1].isupper())
    capital_groups = tuple((index, _alternation(n for n in group if n[:1].isupper()))
                           for index, group in enumerate(groups)
                           if any(n[:1].isupper() for n in group))
    return gate, capitals, capital_groups


# ---------------------------------------------------------------- calendar arithmetic


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_range(year: int, month: int, part: str = "") -> tuple[date, date]:
    """A month, or its early (1-10), mid (11-20) or late (21-end) part."""
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(
        part, (1, last))
    return date(year, month, first_day), date(year, month, last_day)


def _year_range(year: int, part: str = "") -> tuple[date, date]:
    """A year, or its early (Jan-Apr), mid (May-Aug) or late (Sep-Dec) part."""
    first_month, last_month = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part, (1, 12))
    return date(year, first_month, 1), _month_end(year, last_month)


def _week_range(monday: date, part: str = "") -> tuple[date, date]:
    """A week from its Monday, or its early (Mon-Tue), mid (Wed-Thu) or late (Fri-Sun) part."""
    first, last = {"early": (0, 1), "mid": (2, 3), "late": (4, 6)}.get(part, (0, 6))
    return monday + timedelta(days=first), monday + timedelta(days=last)


def _months(year: int, month: int, count: int) -> tuple[date, date]:
    """``count`` calendar months from ``month`` of ``year``."""
    return date(year, month, 1), _month_end(*_shift_month(year, month, count - 1))


def _season_range(year: int, season: str, part: str = "") -> tuple[date, date]:
    """The season named by ``year`` (winter 2024 begins in December 2024), or its early, mid
    or late month."""
    first = _SEASONS[season]
    if part:
        return _months(*_shift_month(year, first, {"early": 0, "mid": 1, "late": 2}[part]), 1)
    return _months(year, first, 3)


def _part_name(groups: dict) -> str:
    """ "early", "mid" or "late" from a match's ``groupdict()`` ("" without a part)."""
    part = (groups.get("part") or groups.get("part2") or "").lower()
    return {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(part, part)


def _weekday_on(published: date, weekday: int, future: bool, strict: bool) -> date:
    """The latest such weekday on/before publication, or the first on/after when ``future``."""
    if future:
        ahead = (weekday - published.weekday()) % 7 or (7 if strict else 0)
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7 or (7 if strict else 0)
    return published - timedelta(days=back)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _counted(day: date, count: int, unit: str) -> date:
    """``day`` moved by ``count`` hours (whole days, rounded away from it), days, weeks,
    fortnights, calendar months or years; a day missing from the target month is its last."""
    if unit == "hour":
        return day + timedelta(days=(abs(count) + 23) // 24 * (1 if count > 0 else -1))
    if unit in ("day", "week", "fortnight"):
        return day + timedelta(days=count * {"day": 1, "week": 7, "fortnight": 14}[unit])
    year, month = _shift_month(day.year, day.month, count * (12 if unit == "year" else 1))
    return date(year, month, min(day.day, _month_end(year, month).day))


def _year_for(month: int, day: int | None, published: date, tense: str) -> int:
    """The year of a month (and day) written without one: on or before publication in the
    past tense, on or after it in the future; with no tense, within nine months before or
    three months after publication."""
    probe = (month, day or (1 if tense != "future" else 31))
    now = (published.month, published.day)
    if tense == "future":
        return published.year if probe >= now or month == published.month else published.year + 1
    year = published.year if probe <= now or (day is None and month == published.month) \
        else published.year - 1
    if not tense:
        last = _month_end(year, month)
        if day:
            last = last.replace(day=min(day, last.day))
        if last < _counted(published, -9, "month"):
            year += 1
    return year


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


# ---------------------------------------------------------------- context


def word_before(pattern: re.Pattern, text: str, end: int) -> re.Match | None:
    """``pattern.search(text[:end])`` for a pattern ``\\b(?:words)\\s+$`` whose words are at
    most 12 characters long, searched only from just before the white space ending at
    ``end`` (such a match is that white space and the word before it, so it starts there)."""
    word_end = len(text[:end].rstrip())
    return pattern.search(text, max(0, word_end - 12), end)


def quoted_spans(text: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
    """The character spans of ``text`` inside a direct quotation, and the state at the end."""
    if not _QUOTE_MARK.search(text):
        return ([(0, len(text))] if inside else []), inside
    spans, opened = [], 0 if inside else None
    for match in _QUOTE_MARK.finditer(text):
        mark = match.group()
        opening = mark in "\u201c\u00ab" or (mark == '"' and opened is None)
        if opening and opened is None:
            opened = match.end()
        elif not opening and opened is not None:
            spans.append((opened, match.start()))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans, opened is not None


def _tense(text: str, start: int, end: int) -> str:
    """ "future" when a scheduled-future cue governs the date at ``text[start:end]``, "past"
    when a past-tense verb does, "" when neither is found."""
    r = rules()
    before = text[max(0, start - 120):start]
    last_break = CLAUSE_BREAK.search(before[::-1])
    if last_break:
        before = before[len(before) - last_break.start():]
    future_end = max((m.end() for m in r.future_cue.finditer(before)), default=-1)
    past_end = -1  # the end of the last past-tense verb
    for m in r.past_cue.finditer(before):
        if (not r.future_cue.fullmatch(m.group())
                and not word_before(_AUXILIARY_BEFORE, before, m.start())
                and not _BY_AFTER.match(before, m.end())):  # "followed by": a participle
            past_end = m.end()
            if future_end < 0:  # no future cue: any past verb decides
                break
    if future_end >= 0 or past_end >= 0:
        return "future" if future_end > past_end else "past"
    after = text[end:end + 50]
    cut = CLAUSE_BREAK.search(after)
    after = " ".join((after[:cut.start()] if cut else after).split()[:4])
    first_future = r.future_cue.search(after)
    first_past = r.past_cue.search(after)
    if first_future and (not first_past or first_future.start() <= first_past.start()):
        return "future"
    return "past" if first_past else ""


def _is_month(match: re.Match, groups: dict, text: str) -> bool:
    """A capitalised month word that really is a month (not "May" the verb or a name)."""
    r = rules()
    word = groups["mon"]
    if word not in r.ambiguous_month:
        return True
    if (groups.get("day") or groups.get("year") or groups.get("rel") or groups.get("mon2")
            or groups.get("ord") or _part_name(groups)):
        return True
    previous = _LETTERS.findall(text[max(0, match.start() - 20):match.start()])
    return bool(previous) and previous[-1].lower() in r.month_context


def _weekday_in_name(match: re.Match, text: str) -> bool:
    """ "Kayode Sunday Ola": a weekday between two capitalised words inside a sentence."""
    if match.start("wd") != match.start():
        return False  # "late Sunday", "next Sunday"
    before = text[:match.start()].rstrip()
    letters = _LETTERS.match(before[::-1])  # the word before, read backwards
    previous = before[len(before) - letters.end():] if letters else ""
    return bool(previous and previous[0].isupper()
                and _NAME_START.match(text, match.end("wd"))
                and previous.lower() not in rules().month_context
                and previous.lower() not in FUNCTION_WORDS)


# ---------------------------------------------------------------- resolving one match


@dataclass(frozen=True)
class _Context:
    """What a match is resolved against."""

    text: str
    published: date | None
    tense: str  # "future", "past" or ""
    previous: dict | None  # the last day-level record of the article
    base: date | None  # the day that opens the sentence, for windows
    near: bool  # ``previous`` is in this sentence or one of the last NEAR_SENTENCES


_Resolved = tuple[tuple[date, date] | None, str, str, str]  # dates, granularity, anchor, reason
_SKIP: _Resolved = (None, "", "", "skip")  # not a date after all: let other patterns try


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _calendar_day(m: re.Match, g: dict, c: _Context) -> _Resolved:
    month = int(g["mnum"]) if g.get("mnum") else _month_number(g["mon"])
    day = int(g["day"])
    if g.get("year"):
        year = int(g["year"])
    elif c.published is None:
        return None, "day", "absolute", NO_ANCHOR
    else:
        year = _year_for(month, day, c.published, c.tense)
    try:
        return (date(year, month, day),) * 2, "day", "absolute", ""
    except ValueError:
        return None, "day", "absolute", "not a calendar date"


def _day_span(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "between June 13 and 24", "13-24 June", "June 30 to July 2, 2025"."""
    if (g.get("link") or "").lower() == "and" and not g.get("between"):
        return _SKIP  # "on June 13 and 24" is two days
    first_month = _month_number(g["mon"] if g.get("mon") else g["mon2"])
    last_month = _month_number(g["mon2"]) if g.get("mon2") else first_month
    first_day, last_day = int(g["day"]), int(g["day2"])
    named = g.get("year1") or g.get("year2")
    if named:
        year = int(g.get("year1") or g["year2"])
        if not g.get("year1") and (last_month, last_day) < (first_month, first_day):
            year -= 1  # "December 28 to January 3, 2025"
    elif c.published is None:
        return None, "span", "absolute", NO_ANCHOR
    else:
        year = _year_for(first_month, first_day, c.published, c.tense)
    end_year = int(g["year2"]) if g.get("year2") else (
        year if (last_month, last_day) >= (first_month, first_day) else year + 1)
    try:
        first, last = date(year, first_month, first_day), date(end_year, last_month, last_day)
    except ValueError:
        return _SKIP
    if not first < last or (last - first).days > 366:
        return _SKIP
    return (first, last), "span", "absolute", ""


def _month_span(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "from March to May 2025", "between April and June"."""
    if (g.get("link") or "").lower() == "and" and not g.get("between"):
        return _SKIP
    first_month, last_month = _month_number(g["mon"]), _month_number(g["mon2"])
    if first_month == last_month:
        return _SKIP
    if g.get("year1") or g.get("year2"):
        year = int(g.get("year1") or g["year2"])
        if not g.get("year1") and last_month < first_month:
            year -= 1
    elif c.published is None:
        return None, "span", "absolute", NO_ANCHOR
    else:
        year = _year_for(first_month, None, c.published, c.tense)
    end_year = int(g["year2"]) if g.get("year2") else (
        year if last_month > first_month else year + 1)
    first, last = date(year, first_month, 1), _month_end(end_year, last_month)
    if not first < last or (last - first).days > 366:
        return _SKIP
    return (first, last), "span", "absolute", ""


def _month(m: re.Match, g: dict, c: _Context) -> _Resolved:
    month = _month_number(g["mon"])
    rel = (g.get("rel") or "").lower()
    published = c.published
    if g.get("year"):
        year = int(g["year"])
    elif published is None:
        return None, "month", "absolute", NO_ANCHOR
    elif rel in ("last", "this past"):
        year = published.year if month < published.month else published.year - 1
    elif rel in ("next", "this coming"):
        year = published.year if month > published.month else published.year + 1
    elif rel == "this":
        year = published.year
    else:
        year = _year_for(month, None, published, c.tense)
    return _month_range(year, month, _part_name(g)), "month", "absolute", ""


def _month_week(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "the first week of August": days 1-7, 8-14, 15-21, 22-28, or the last seven."""
    dates, _, anchor, reason = _month(m, g, c)
    if dates is None:
        return None, "week", anchor, reason
    first, last = dates
    order = _ORDINALS[g["ord"].lower()]
    if order < 0:
        return (last - timedelta(days=6), last), "week", anchor, ""
    start = first + timedelta(days=7 * (order - 1))
    return (start, start + timedelta(days=6)), "week", anchor, ""


def _year_part(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "the second half of 2025", "the first quarter of this year"."""
    if g.get("year"):
        year, anchor = int(g["year"]), "absolute"
    elif c.published is None:
        return None, "span", "relative", NO_ANCHOR
    else:
        year = c.published.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        anchor = "relative"
    size = 6 if g["portion"].lower() == "half" else 3
    order = _ORDINALS[g["ord"].lower()]
    if order > 12 // size:
        return _SKIP
    first_month = 12 - size + 1 if order < 0 else (order - 1) * size + 1
    return _months(year, first_month, size), "span", anchor, ""


def _season_year(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "the summer of 2024", "winter 2023-24"; a winter needs both of its years."""
    season, year = g["season"].lower(), int(g["year"])
    second = g.get("year2")
    if second:
        second_year = int(second) if len(second) == 4 else year // 100 * 100 + int(second)
        if season != "winter" or second_year != year + 1:
            return _SKIP
    elif season == "winter":
        return None, "span", "absolute", "a winter spans two years and only one is given"
    return _season_range(year, season, _part_name(g)), "span", "absolute", ""


def _season(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "last summer", "this autumn", "in the spring": counted from publication."""
    published = c.published
    if published is None:
        return None, "span", "relative", NO_ANCHOR
    season, rel = g["season"].lower(), (g.get("rel") or "").lower()
    seasons = [_season_range(y, season) for y in range(published.year - 2, published.year + 2)]
    before = [s for s in seasons if s[1] < published]
    after = [s for s in seasons if s[0] > published]
    holding = [s for s in seasons if s[0] <= published <= s[1]]
    if rel in ("last", "past", "this past"):
        chosen = before[-1]
    elif rel in ("next", "coming", "this coming"):
        chosen = after[0]
    elif holding:
        chosen = holding[0]
    elif c.tense:
        chosen = after[0] if c.tense == "future" else before[-1]
    else:
        chosen = min(before[-1], after[0], key=lambda s: min(abs((s[0] - published).days),
                                                             abs((s[1] - published).days)))
    part = _part_name(g)
    return _season_range(chosen[0].year, season, part), "span", "relative", ""


def _year_span(m: re.Match, g: dict, c: _Context) -> _Resolved:
    first, second = int(g["year"]), g["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if last <= first:
        return _SKIP
    return (date(first, 1, 1), date(last, 12, 31)), "span", "absolute", ""


def _decade(m: re.Match, g: dict, c: _Context) -> _Resolved:
    first = int(g["decade"])
    span = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(_part_name(g), (0, 9))
    return (date(first + span[0], 1, 1), date(first + span[1], 12, 31)), "span", "absolute", ""


def _year(m: re.Match, g: dict, c: _Context) -> _Resolved:
    following = _UNIT_AFTER.match(c.text, m.end())
    if following and following.group(1).lower() in rules().count_unit:
        return _SKIP
    return _year_range(int(g["year"]), _part_name(g)), "year", "absolute", ""


def _sequence(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """Counted from the previous day-level date of the article: "hours later", "the day
    before", "two days later", "the previous week"; "later in the day" from a near one,
    else it is the publication day."""
    unit = (g.get("punit") or g.get("punit2") or "").lower()
    granularity = unit or "day"
    previous = c.previous
    if g.get("inday") and not (previous and c.near):
        if c.published is None:
            return None, "day", "relative", NO_ANCHOR
        return (c.published,) * 2, "day", "relative", ""
    if previous is None:
        return None, granularity, "relative", NO_EARLIER_DATE
    if previous["granularity"] != "day" or previous["date_start"] != previous["date_end"]:
        return None, granularity, "relative", "the earlier date it counts from is not a single day"
    base = date.fromisoformat(previous["date_start"])
    if unit:
        step = -1 if (g.get("which") or "").lower() == "previous" or (
            g.get("pdir") or "").lower() == "before" else 1
        if unit == "week":
            return _week_of(base + timedelta(days=7 * step)), "week", "relative", ""
        if unit == "month":
            return _month_range(*_shift_month(base.year, base.month, step)), "month", \
                "relative", ""
        return _year_range(base.year + step), "year", "relative", ""
    if g.get("n"):
        shift = _number(g["n"]) * (7 if g["unit"].lower() == "week" else 1) * (
            1 if g["dir"].lower() == "later" else -1)
    else:
        shift = 1 if g.get("next") else -1 if g.get("prev") else 0
    return (base + timedelta(days=shift),) * 2, "day", "relative", ""


def _window(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """ "within the next 24 hours", "over the past two weeks", "the past fortnight"."""
    day = c.base or c.published
    if day is None:
        return None, "span", "relative", NO_ANCHOR
    count, unit = (2, "week") if g.get("fortnight") else (_number(g["n"]), g["unit"].lower())
    sign = 1 if g["which"].lower() in ("next", "coming") else -1
    other = _counted(day, sign * count, unit)
    return (min(day, other), max(day, other)), "span", "relative", ""


def _rel_day(m: re.Match, g: dict, c: _Context) -> _Resolved:
    word = g["word"].lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}.get(word, 0)
    return (c.published + timedelta(days=shift),) * 2, "day", "relative", ""


def _weekday(m: re.Match, g: dict, c: _Context) -> _Resolved:
    rel = (g.get("rel") or "").lower()
    weekday = WEEKDAYS[g["wd"].lower()]
    strict = rel in ("last", "next", "this past", "past")
    day = _weekday_on(c.published, weekday, c.tense == "future", strict)
    return (day, day), "day", "relative", ""


def _weekend(m: re.Match, g: dict, c: _Context) -> _Resolved:
    saturday = _weekday_on(c.published, 5, c.tense == "future",
                           (g.get("rel") or "").lower() in ("last", "next"))
    return (saturday, saturday + timedelta(days=1)), "week", "relative", ""


def _ago(m: re.Match, g: dict, c: _Context) -> _Resolved:
    count, unit, published = _number(g["n"]), g["unit"].lower(), c.published
    if unit == "fortnight":
        count, unit = 2 * count, "week"
    if unit == "day":
        return (published - timedelta(days=count),) * 2, "day", "relative", ""
    if unit == "week":
        return _week_of(published - timedelta(days=7 * count)), "week", "relative", ""
    if unit == "month":
        return _month_range(*_shift_month(published.year, published.month, -count)), \
            "month", "relative", ""
    return _year_range(published.year - count), "year", "relative", ""


def _rel_period(m: re.Match, g: dict, c: _Context) -> _Resolved:
    """last/this/next/earlier this/later this/the past + week/month/year, with a part
    ("late last month", "the end of the year")."""
    published = c.published
    unit = g["unit"].lower()
    which = (g.get("which") or "this").lower()
    pre = (g.get("pre") or "").lower()
    part = _part_name(g)
    if which == "past" or (which == "last" and g.get("the")):  # "the past week"
        if part:
            return _SKIP
        return (_counted(published, -1, unit), published), unit, "relative", ""
    step = {"last": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        first, last = _week_range(_week_of(published + timedelta(days=7 * step))[0], part)
    elif unit == "month":
        first, last = _month_range(*_shift_month(published.year, published.month, step), part)
    else:
        first, last = _year_range(published.year + step, part)
    if pre == "earlier":  # before the publication day
        last = max(first, min(last, published - timedelta(days=1)))
    elif pre == "later":  # after it
        first = min(last, max(first, published + timedelta(days=1)))
    return (first, last), unit, "relative", ""


_ABSOLUTE = {"iso": _calendar_day, "mdy": _calendar_day, "dmy": _calendar_day,
             "mdy_span": _day_span, "dmy_span": _day_span, "month_span": _month_span,
             "month": _month, "month_year": _month, "month_week": _month_week,
             "year_part": _year_part, "season_year": _season_year, "season": _season,
             "year_span": _year_span, "decade": _decade, "year": _year, "sequence": _sequence,
             "window": _window}
# These need the publication date (granularity when it is missing)
_FROM_PUBLICATION = {"rel_day": (_rel_day, "day"), "weekday": (_weekday, "day"),
                     "weekend": (_weekend, "week"), "ago": (_ago, ""),
                     "rel_period": (_rel_period, ""), "period_part": (_rel_period, "")}


def _resolve(kind: str, m: re.Match, c: _Context) -> _Resolved:
    """(date range or None, granularity, anchor, reason if unresolved) of one match."""
    g = m.groupdict()
    if kind in _ABSOLUTE:
        return _ABSOLUTE[kind](m, g, c)
    resolver, granularity = _FROM_PUBLICATION[kind]
    if c.published is None:
        unit = (g.get("unit") or "").lower()
        return None, granularity or {"fortnight": "week"}.get(unit, unit), "relative", NO_ANCHOR
    return resolver(m, g, c)


# ---------------------------------------------------------------- one sentence


def _record(expression, start, end, kind, dates=None, granularity="", anchor="absolute",
            reason="", future=False, published=None) -> dict:
    date_start = date_end = ""
    if dates is not None:
        first, last = dates
        if published is not None and first <= published <= last:
            first, last = (published, last) if future else (first, published)
        date_start, date_end = first.isoformat(), last.isoformat()
    return {
        "expression": expression, "start": start, "end": end, "date_start": date_start,
        "date_end": date_end, "granularity": granularity, "anchor": anchor,
        "resolved": dates is not None, "reason": reason, "future": future, "kind": kind,
    }


def _opens_sentence(text: str, record: dict) -> bool:
    """Whether a date opens the sentence as its reporting day ("On Sunday, the ministry
    said ...", "Sunday's remarks"), not a "since", "after" or "until" date."""
    return not text[: record["start"]].strip() and not _NOT_REPORTING_DAY.match(
        record["expression"])


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match]]:
    """Every pattern match of the sentence as (start, -length, priority, kind, match), sorted."""
    r = rules()
    lowered = text.lower()
    # Gate: every lower-case needle holds a gate word and every capitalised one matches the
    # capital regex, so a sentence failing both holds no needle and no pattern is tried.
    held = set()  # the needle groups with a needle in the sentence
    for word, needles in r.gate_words:
        if word in lowered:
            for needle, groups in needles:
                if needle in lowered:
                    held.update(groups)
    if not held and not (r.capital_gate and r.capital_gate.search(text)):
        return []
    for group, capitals in r.capital_groups:
        if group not in held and capitals.search(text):
            held.add(group)
    candidates = []
    for priority, (kind, pattern, group, also) in enumerate(r.patterns):
        if group not in held or (also and not also.search(text)):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            candidates.append((start, start - end, priority, kind, m))
    candidates.sort()  # (start, -length, priority) differ between any two candidates
    return candidates


def _is_near(previous: dict | None, sentence_idx: int | None) -> bool:
    """Whether ``previous`` is in this sentence or at most NEAR_SENTENCES before it."""
    if previous is None or sentence_idx is None or "sentence_idx" not in previous:
        return previous is not None
    return sentence_idx - int(previous["sentence_idx"]) <= NEAR_SENTENCES


def find_time_expressions(text: str, published: date | str | None, previous: dict | None = None,
                          quoted_at_start: bool = False,
                          sentence_idx: int | None = None) -> list[dict]:
    """The time expressions of one sentence, each resolved against ``published``.

    Each record: expression, start, end (offsets in ``text``), date_start, date_end (ISO, ""
    when unresolved), granularity, anchor, resolved, reason (why unresolved), future, kind.
    ``previous`` is the last resolved day-level record of the article (for "hours later"),
    with its ``sentence_idx`` when it comes from another sentence (this one is
    ``sentence_idx``); ``quoted_at_start`` says the sentence begins inside a quotation
    opened earlier.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published) if published else None
    candidates = _candidates(text)
    if not candidates:
        return []
    r = rules()
    named_days = {c[4].start() for c in candidates if c[3] == "not_a_date"}
    quoted = None
    records, taken_until = [], -1
    for start, _, _, kind, m in candidates:
        if start < taken_until:
            continue
        end = m.end()
        g = m.groupdict()
        if g.get("mon") and not _is_month(m, g, text):
            continue
        if kind == "weekday" and (m.start("wd") in named_days or _weekday_in_name(m, text)):
            continue  # "the late Friday prayer leader", "Kayode Sunday Ola"
        taken_until = end
        if kind == "not_a_date":
            continue
        lead = None if kind in ("vague", "sequence") else word_before(PREPOSITION, text, start)
        begin = lead.start() if lead else start
        expression = text[begin:end]
        if kind == "vague":
            note = next((n for p, n in r.vague if p.fullmatch(m.group())), "no date can be given")
            records.append(_record(expression, begin, end, kind, reason=f"vague: {note}",
                                   anchor="relative"))
            continue
        words = " ".join(filter(None, (g.get(k) for k in (
            "rel", "which", "pre", "word")))).lower()
        if kind in ("sequence", "ago") or words in _PAST_WORDS:
            tense = "past"
        elif words in _FUTURE_WORDS:
            tense = "future"
        else:
            tense = _tense(text, begin, end)
        base = None
        if kind == "window" and records and records[0]["resolved"] and _opens_sentence(
                text, records[0]) and records[0]["granularity"] == "day":
            base = date.fromisoformat(records[0]["date_start"])  # "On Sunday, ... said"
        context = _Context(text, published, tense, previous, base,
                           _is_near(previous, sentence_idx))
        dates, granularity, anchor, reason = _resolve(kind, m, context)
        if reason == "skip":
            taken_until = start
            continue
        future = tense == "future"
        if dates is not None and published is not None and kind != "window":
            if dates[1] < published:
                future = False  # "will never forget the killing on July 31, 2024" is past
            elif dates[0] > published:
                future = True  # still to come when published, whatever the tense
        if dates is not None and anchor == "relative":
            quoted = quoted if quoted is not None else quoted_spans(text, quoted_at_start)[0]
            if any(a <= start < b for a, b in quoted):
                dates, reason = None, IN_QUOTE
        record = _record(expression, begin, end, kind, dates, granularity, anchor, reason,
                         future, None if kind == "window" else published)
        records.append(record)
        if record["resolved"] and record["granularity"] == "day":
            previous = record
    return records
