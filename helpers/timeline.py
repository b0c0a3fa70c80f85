"""The timeline step: find the dates the articles mention, resolve them, group them into events.

**Time expressions** (``find_time_expressions``, one sentence at a time) are found by rules:

- absolute: "September 21, 2024", "21 September 2024", "2024-09-21", "July 31", "Oct. 7",
  "in April", "early/mid/late November", "May 2024", "in 2015", "the 1990s", "2013-2015";
- relative: "today", "yesterday", "tonight", "tomorrow", weekdays ("on Monday",
  "Sunday's remarks", "a Monday meeting", "last Friday", "next Saturday"), "last/this/next
  week|month|year", "earlier/later this week|month|year", "the past week", "three days ago",
  "over the weekend", and "hours later"/"later that day"/"the next day" (counted from the
  previous day-level date resolved in the same article).

Each is resolved against the publication date to ``date_start``..``date_end`` with a
``granularity`` naming the unit the text speaks in (``day``, ``week``, ``month``, ``year``,
or ``span`` for a stated range of years), and ``anchor`` (``absolute``: it names a
calendar date, month or year; ``relative``: it only means something from the publication
day). The context rules:

- A weekday is the latest such day on or before publication (the publication weekday is the
  publication day) unless the words before it (or right after it) speak of a scheduled
  future ("set to begin Saturday", "will meet on Monday"): then the first such day on or
  after publication. The nearer of a future cue and a past-tense verb decides.
- A month or day without a year takes the year that places it on or before publication,
  unless the text speaks of the future (then on or after).
- A past-tense period that contains the publication day ends at it ("this week", "in
  November" published on 16 November); a future one starts at it.
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
  never forget the killing on July 31, 2024").
- Other durations and counts are not dates: "24 hours", "three years", "the 30-minute call",
  "85-year-old", "16 million". Month names that are also words ("may", "march", "august")
  count only when capitalised and beside a day number or year or after a preposition;
  weekdays inside names ("Sunday Times", "Good Friday", "Friday prayers") are skipped.

Phrase lists live in ``helpers/data/time_phrases.csv``; event words in
``helpers/data/event_terms.csv``.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import pandas as pd

from helpers.datafiles import read_data_text
from helpers.dates import MONTHS, WEEKDAYS
from helpers.parallel import map_items
from helpers.params import ParameterError
from helpers.regexes import fast_regex

EVENT_COLUMNS = [
    "article_id", "sentence_idx", "expression", "date_start", "date_end", "granularity",
    "anchor", "actors", "text", "event_id", "event_label", "event_class", "future",
]
UNRESOLVED_COLUMNS = ["article_id", "sentence_idx", "expression", "reason", "text"]
EXPRESSION_COLUMNS = [
    "article_id", "sentence_idx", "start", "end", "expression", "date_start", "date_end",
    "granularity", "anchor", "resolved", "reason", "future", "kind", "event_label",
    "event_class", "who", "names", "text",
]
NO_ANCHOR = "no publication date to anchor it"
IN_QUOTE = "inside a direct quotation: relative to when the speaker spoke, not to publication"
GROUPABLE_DAYS = 31

_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS.update(a=1, an=1, thirteen=13, fourteen=14, fifteen=15, sixteen=16, seventeen=17,
                     eighteen=18, nineteen=19, twenty=20, thirty=30, forty=40, fifty=50)
# A count of days, weeks, ...: digits or a number word ("a"/"an" are added where they fit)
_COUNT = r"\d{1,3}|" + "|".join(sorted((w for w in _NUMBER_WORDS if len(w) > 2),
                                       key=lambda w: (-len(w), w)))
_PREPOSITION = re.compile(
    r"(?i:\b(?:on|in|at|since|during|from|by|until|till|before|after)\s+)$")
_AUXILIARY_BEFORE = re.compile(r"(?i:\b(?:be|been|being|to|will)\s+)$")
_QUOTE_MARK = re.compile(r"[\u201c\u201d\"\u00ab\u00bb]")
_CLAUSE_BREAK = re.compile(r"[,;:\u201c\u201d\"()\u2013\u2014\[\]]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
# A capital not preceded by a word character (the same as a leading \b, but a pattern that
# starts with a character class lets the regex engine skip to the capitals quickly).
_NAME_RUN = re.compile(
    r"[A-Z](?<!\w[A-Z])[\w'\u2019.-]*(?:\s+(?:al-|bin\s+)?[A-Z][\w'\u2019.-]*)*")
_LETTERS = re.compile(r"[A-Za-z]+")
_NAME_START = re.compile(r"\s+[A-Z][a-z]")
_UNIT_AFTER = re.compile(r"\s*([A-Za-z%]+)")
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_ID_PARTS = re.compile(r"[_\s-]+")


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
    not_a_date: tuple[re.Pattern, ...]
    future_cue: re.Pattern
    past_cue: re.Pattern
    count_unit: frozenset[str]
    ambiguous_month: frozenset[str]
    month_context: frozenset[str]
    generic_names: frozenset[str]
    title_words: frozenset[str]
    not_name_words: frozenset[str]
    event_terms: re.Pattern
    event_words: re.Pattern
    event_labels: tuple[tuple[str, str, bool], ...]  # (label, class, named by its patient)


def _read_csv(name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(read_data_text(name))))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    """The compiled rules of ``time_phrases.csv`` and ``event_terms.csv``."""
    phrases: dict[str, list[tuple[str, str]]] = {}
    for row in _read_csv("time_phrases.csv"):
        phrases.setdefault(row["kind"], []).append((row["pattern"], row["note"]))

    def words_of(kind: str) -> frozenset[str]:
        return frozenset(w for p, _ in phrases.get(kind, []) for w in p.split("|"))

    months = sorted({n.capitalize() for n in MONTHS}, key=len, reverse=True)
    weekdays = "|".join(n.capitalize() for n in WEEKDAYS if len(n) > 4)
    mon = r"(?P<mon>" + "|".join(months) + r")\b(?:\.(?=\s*\d))?"
    wd = r"(?P<wd>" + weekdays + r")"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    part = (r"(?:(?P<part>(?i:early|mid|late))[\s-]+"
            r"|(?i:the\s+)?(?P<part2>(?i:end|beginning|start|middle))\s+of\s+)")
    no_count = r"(?![\d,.]\d|\s*(?:%|-\w))"
    month_words = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                   "Dec")
    weekday_words = tuple(n.capitalize() for n in WEEKDAYS if len(n) > 4)
    periods = ("week", "month", "year")
    # A pattern is tried only when the sentence holds one of its needles (capitalised
    # needles are looked for as written, the others in the lower-cased sentence); see
    # _needle_groups for the quick test that skips most sentences.
    needles = {
        "not_a_date": weekday_words, "iso": ("19", "20"), "mdy": month_words, "dmy": month_words,
        "month_year": month_words, "month": month_words, "year_span": ("19", "20"),
        "decade": ("0s", "0's", "0\u2019s"), "year": ("19", "20"),
        "rel_day": ("today", "tonight", "yesterday", "tomorrow", "night", "morning",
                    "afternoon", "evening"),
        "rel_period": periods, "ago": (" ago",), "weekend": ("weekend",),
        "window": ("hour", "day", "week", "month", "year"),
        "sequence": ("later", "same", "next day", "following day", "earlier"),
        "weekday": weekday_words,
        "vague": ("recent", "lately", "of late", "years", "decades", "months", "weeks", "days",
                  "over the year", "soon", "near future"),
    }
    # Beside its month word, a full date needs a day number and "May 2024" a year; "this
    # week" needs the word before the unit.
    also_needs = {"mdy": re.compile("[1-9]"), "dmy": re.compile("[1-9]"),
                  "month_year": re.compile("19|20"),
                  "rel_period": fast_regex("(?i:last|next|this|past|coming)"),
                  "window": fast_regex("(?i:next|coming|past|last)")}
    patterns = [
        ("not_a_date", fast_regex("|".join(p for p, _ in phrases["not_a_date"]))),
        ("vague", fast_regex(r"\b(?i:" + "|".join(p for p, _ in phrases["vague"]) + r")\b")),
        ("iso", fast_regex(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b")),
        ("mdy", fast_regex(rf"\b(?:{wd},?\s+)?{mon}\s*{day}\b{no_count}(?:,?\s+{year}\b)?")),
        ("dmy", fast_regex(
            rf"\b(?:{wd},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{mon}(?:,?\s+{year}\b)?")),
        ("month_year", fast_regex(rf"\b{part}?{mon}\s+(?:of\s+)?{year}\b")),
        ("month", fast_regex(
            rf"\b(?:(?P<rel>(?i:last|next|this|this past|this coming))\s+)?{part}?{mon}"
            r"(?!\s*\d|-)")),
        ("year_span", fast_regex(
            r"\b(?:(?i:from|between)\s+)?(?P<year>(?:19|20)\d{2})\s*(?:[-\u2013\u2014/]|\s(?i:to|"
            r"until|through|and)\s)\s*(?P<year2>(?:19|20)\d{2}|\d{2})\b(?![-/]\d)")),
        ("decade", fast_regex(rf"\b(?:{part})?(?i:the\s+)?(?P<decade>(?:19|20)\d0)['\u2019]?s\b")),
        ("year", fast_regex(rf"(?<![$\u20ac\u00a3\d.,/-])\b{part}?{year}\b(?![-/.,]\d|-\w)")),
        ("rel_day", fast_regex(
            r"(?i:\b(?P<word>today|tonight|yesterday|tomorrow|last night|this (?:morning|"
            r"afternoon|evening)|the day before yesterday|the day after tomorrow))\b")),
        ("rel_period", fast_regex(
            r"(?i:\b(?:(?P<the>the|over the|in the|during the)\s+)?(?:(?P<pre>earlier|later)\s+"
            r"this|(?P<which>last|this|next|past|coming))\s+(?P<unit>week|month|year))\b")),
        ("ago", fast_regex(
            rf"(?i:\b(?P<n>{_COUNT}|an?)\s+(?P<unit>day|week|month|year)s?\s+ago)\b")),
        ("window", fast_regex(
            r"(?i:\b(?:(?:within|in|over|during|for)\s+)?the\s+(?P<which>next|coming|past|last)"
            rf"\s+(?P<n>{_COUNT})\s+(?P<unit>hour|day|week|month|year)s?)\b"
            # "the last two years of his presidency" ends another period
            r"(?!\s+of\s+(?:his|her|their|its|the|(?:19|20)\d\d\b|[A-Z]))")),
        ("weekend", fast_regex(
            r"(?i:\b(?:(?:over|at|during|on)\s+the|(?P<rel>last|this|next|past|coming))\s+"
            r"weekend)\b")),
        ("sequence", fast_regex(
            r"(?i:\b(?:(?P<same>(?:hours|minutes|moments) later|later (?:that|the same) (?:day|"
            r"night|evening|morning)|(?:that|the) same (?:day|night|evening))|(?P<next>(?:on )?"
            r"the (?:next|following) day|a day later)|(?P<prev>a day earlier)))\b")),
        ("weekday", fast_regex(
            rf"\b(?:(?P<rel>(?i:last|next|this|this coming|this past|coming|past))\s+)?{wd}"
            r"(?P<poss>['\u2019]s)?\b")),
    ]
    cue = "|".join(p for p, _ in phrases["future_cue"])
    past = "|".join(p for p, _ in phrases["past_cue"])
    terms = _read_csv("event_terms.csv")
    event_terms = re.compile(r"\b(?:" + "|".join(
        rf"(?P<t{k}>{row['pattern'].lower()})" for k, row in enumerate(terms)) + r")\b")
    event_labels = tuple((row["label"], row["event_class"], row["named_by"] == "patient")
                         for row in terms)
    event_words = fast_regex(r"\b(?:" + "|".join(row["pattern"].lower() for row in terms) + r")\b")
    groups = sorted({needles[kind] for kind, _ in patterns})
    gate_words, capital_gate, capital_groups = _needle_groups(groups)
    return _Rules(
        patterns=tuple((kind, pattern, groups.index(needles[kind]), also_needs.get(kind))
                       for kind, pattern in patterns),
        gate_words=gate_words,
        capital_gate=capital_gate,
        capital_groups=capital_groups,
        vague=tuple((re.compile(rf"(?i:{p})\b"), note) for p, note in phrases["vague"]),
        not_a_date=tuple(re.compile(p) for p, _ in phrases["not_a_date"]),
        future_cue=fast_regex(rf"(?i:\b(?:{cue})\b)"),
        past_cue=fast_regex(rf"(?i:\b(?:{past})\b)"),
        count_unit=frozenset(w.lower() for w in words_of("count_unit")),
        ambiguous_month=words_of("ambiguous_month"),
        month_context=frozenset(w.lower() for w in words_of("month_context")),
        generic_names=frozenset(w.lower() for w in words_of("generic_name")),
        title_words=frozenset(w.lower() for w in words_of("title_word")),
        not_name_words=_NOT_NAMES | frozenset(w.lower() for w in words_of("title_word")),
        event_terms=event_terms,
        event_words=event_words,
        event_labels=event_labels,
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
    calendar months or years; a day missing from the target month is its last day."""
    if unit == "hour":
        return day + timedelta(days=(abs(count) + 23) // 24 * (1 if count > 0 else -1))
    if unit in ("day", "week"):
        return day + timedelta(days=count * (7 if unit == "week" else 1))
    year, month = _shift_month(day.year, day.month, count * (12 if unit == "year" else 1))
    return date(year, month, min(day.day, _month_end(year, month).day))


def _year_for(month: int, day: int | None, published: date, future: bool) -> int:
    """The year that puts a month (and day) on or before publication, or on/after if future."""
    probe = (month, day or (1 if not future else 31))
    now = (published.month, published.day)
    if future:
        return published.year if probe >= now or month == published.month else published.year + 1
    return published.year if probe <= now or (day is None and month == published.month) \
        else published.year - 1


# ---------------------------------------------------------------- context


def _word_before(pattern: re.Pattern, text: str, end: int) -> re.Match | None:
    """``pattern.search(text[:end])`` for a pattern ``\\b(?:words)\\s+$`` whose words are at
    most 12 characters long, searched only from just before the white space ending at
    ``end`` (such a match is that white space and the word before it, so it starts there)."""
    word_end = len(text[:end].rstrip())
    return pattern.search(text, max(0, word_end - 12), end)


def _quoted_spans(text: str, inside: bool) -> tuple[list[tuple[int, int]], bool]:
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


def _speaks_of_future(text: str, start: int, end: int) -> bool:
    """Whether a scheduled-future cue governs the date at ``text[start:end]``."""
    r = rules()
    before = text[max(0, start - 80):start]
    last_break = _CLAUSE_BREAK.search(before[::-1])
    if last_break:
        before = before[len(before) - last_break.start():]
    future_end = max((m.end() for m in r.future_cue.finditer(before)), default=-1)
    past_end = -1  # the end of the last past-tense verb
    for m in r.past_cue.finditer(before):
        if not r.future_cue.fullmatch(m.group()) and not _word_before(
                _AUXILIARY_BEFORE, before, m.start()):
            past_end = m.end()
            if future_end < 0:  # no future cue: any past verb decides
                break
    if future_end >= 0 or past_end >= 0:
        return future_end > past_end
    after = text[end:end + 50]
    cut = _CLAUSE_BREAK.search(after)
    after = " ".join((after[:cut.start()] if cut else after).split()[:4])
    first_future = r.future_cue.search(after)
    first_past = r.past_cue.search(after)
    if first_future and (not first_past or first_future.start() <= first_past.start()):
        return True
    return False


def _is_month(match: re.Match, groups: dict, text: str) -> bool:
    """A capitalised month word that really is a month (not "May" the verb or a name)."""
    r = rules()
    word = groups["mon"]
    if word not in r.ambiguous_month:
        return True
    if groups.get("day") or groups.get("year") or groups.get("rel") or _part_name(groups):
        return True
    previous = _LETTERS.findall(text[max(0, match.start() - 20):match.start()])
    return bool(previous) and previous[-1].lower() in r.month_context


def _weekday_in_name(match: re.Match, text: str) -> bool:
    """ "Kayode Sunday Ola": a weekday between two capitalised words inside a sentence."""
    before = text[:match.start()].rstrip()
    letters = _LETTERS.match(before[::-1])  # the word before, read backwards
    previous = before[len(before) - letters.end():] if letters else ""
    return bool(previous and previous[0].isupper()
                and _NAME_START.match(text, match.end())
                and previous.lower() not in rules().month_context
                and previous.lower() not in _FUNCTION_WORDS)


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


def _resolve(kind: str, m: re.Match, g: dict, text: str, published: date | None, future: bool,
             previous: dict | None, base: date | None = None
             ) -> tuple[tuple[date, date] | None, str, str, str]:
    """(date range or None, granularity, anchor, reason if unresolved) of one match whose
    ``groupdict()`` is ``g``; a window counts from ``base`` when given, else from
    ``published``."""
    if kind in ("iso", "mdy", "dmy"):
        month = int(g["mnum"]) if g.get("mnum") else MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        if g.get("year"):
            year = int(g["year"])
        elif published is None:
            return None, "day", "absolute", NO_ANCHOR
        else:
            year = _year_for(month, day, published, future)
        try:
            return (date(year, month, day),) * 2, "day", "absolute", ""
        except ValueError:
            return None, "day", "absolute", "not a calendar date"
    if kind in ("month", "month_year"):
        month = MONTHS[g["mon"].lower().rstrip(".")]
        rel = (g.get("rel") or "").lower()
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
            year = _year_for(month, None, published, future)
        return _month_range(year, month, _part_name(g)), "month", "absolute", ""
    if kind == "year_span":
        first, second = int(g["year"]), g["year2"]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last <= first:
            return None, "", "", "skip"
        return (date(first, 1, 1), date(last, 12, 31)), "span", "absolute", ""
    if kind == "decade":
        first = int(g["decade"])
        span = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(_part_name(g), (0, 9))
        return (date(first + span[0], 1, 1), date(first + span[1], 12, 31)), "span", "absolute", ""
    if kind == "year":
        following = _UNIT_AFTER.match(text, m.end())
        if following and following.group(1).lower() in rules().count_unit:
            return None, "", "", "skip"
        return _year_range(int(g["year"]), _part_name(g)), "year", "absolute", ""
    if kind == "sequence":
        if previous is None:
            return None, "day", "relative", "no earlier date in the article to count from"
        if previous["granularity"] != "day" or previous["date_start"] != previous["date_end"]:
            return None, "day", "relative", "the earlier date it counts from is not a single day"
        base = date.fromisoformat(previous["date_start"])
        shift = 1 if g.get("next") else -1 if g.get("prev") else 0
        return (base + timedelta(days=shift),) * 2, "day", "relative", ""

    if kind == "window":  # "within the next 24 hours", "over the past two weeks"
        day = base or published
        if day is None:
            return None, "span", "relative", NO_ANCHOR
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        sign = 1 if g["which"].lower() in ("next", "coming") else -1
        other = _counted(day, sign * count, g["unit"].lower())
        return (min(day, other), max(day, other)), "span", "relative", ""

    # relative to publication from here on
    granularity = {"rel_day": "day", "weekday": "day", "weekend": "week"}.get(
        kind, (g.get("unit") or "").lower())
    if published is None:
        return None, granularity, "relative", NO_ANCHOR
    if kind == "rel_day":
        word = g["word"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                 "the day after tomorrow": 2}.get(word, 0)
        return (published + timedelta(days=shift),) * 2, "day", "relative", ""
    if kind == "weekday":
        rel = (g.get("rel") or "").lower()
        weekday = WEEKDAYS[g["wd"].lower()]
        strict = rel in ("last", "next", "this past", "past")
        return (_weekday_on(published, weekday, future, strict),) * 2, "day", "relative", ""
    if kind == "weekend":
        saturday = _weekday_on(published, 5, future, (g.get("rel") or "").lower() in (
            "last", "next"))
        return (saturday, saturday + timedelta(days=1)), "week", "relative", ""
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
        unit = g["unit"].lower()
        if unit == "day":
            return (published - timedelta(days=count),) * 2, "day", "relative", ""
        if unit == "week":
            return _week_of(published - timedelta(days=7 * count)), "week", "relative", ""
        if unit == "month":
            return _month_range(*_shift_month(published.year, published.month, -count)), \
                "month", "relative", ""
        return _year_range(published.year - count), "year", "relative", ""
    # rel_period: last/this/next/earlier this/later this/the past + week/month/year
    unit = g["unit"].lower()
    which = (g.get("which") or "").lower()
    pre = (g.get("pre") or "").lower()
    rolling = which in ("past",) or (which == "last" and g.get("the"))
    if rolling:
        return (_counted(published, -1, unit), published), unit, "relative", ""
    step = {"last": -1, "next": 1, "coming": 1}.get(which, 0)
    if unit == "week":
        first, last = _week_of(published + timedelta(days=7 * step))
    elif unit == "month":
        first, last = _month_range(*_shift_month(published.year, published.month, step))
    else:
        first, last = _year_range(published.year + step)
    if pre == "earlier":
        last = published
    elif pre == "later":
        first = published
    return (first, last), unit, "relative", ""


_FUTURE_WORDS = {"next", "coming", "this coming", "tomorrow", "later", "the day after tomorrow"}
_PAST_WORDS = {"last", "past", "this past", "earlier", "yesterday", "last night",
               "the day before yesterday"}
_FUNCTION_WORDS = frozenset(
    "the a an in on at he she it they we i you but and or nor however although while after before "
    "according this that these those his her their our its there when if as so no not with by "
    "for from of to during despite following recently now then also instead meanwhile"
    .split())
_NOT_NAMES = _FUNCTION_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)


_NOT_REPORTING_DAY = re.compile(r"(?i:since|from|after|before|until|till|by|during)\b")


def _opens_sentence(text: str, record: dict) -> bool:
    """Whether a date opens the sentence as its reporting day ("On Sunday, the ministry
    said ...", "Sunday's remarks"), not a "since", "after" or "until" date."""
    return not text[: record["start"]].strip() and not _NOT_REPORTING_DAY.match(
        record["expression"])


def find_time_expressions(text: str, published: date | str | None, previous: dict | None = None,
                          quoted_at_start: bool = False) -> list[dict]:
    """The time expressions of one sentence, each resolved against ``published``.

    Each record: expression, start, end (offsets in ``text``), date_start, date_end (ISO, ""
    when unresolved), granularity, anchor, resolved, reason (why unresolved), future, kind.
    ``previous`` is the last resolved record of the article (for "hours later");
    ``quoted_at_start`` says the sentence begins inside a quotation opened earlier.
    """
    if isinstance(published, str):
        published = date.fromisoformat(published) if published else None
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
    if not candidates:
        return []
    candidates.sort()  # (start, -length, priority) differ between any two candidates
    quoted = None
    records, taken_until = [], -1
    for start, _, _, kind, m in candidates:
        if start < taken_until:
            continue
        end = m.end()
        g = m.groupdict()
        if kind in ("month", "mdy", "dmy", "month_year") and not _is_month(m, g, text):
            continue
        if kind == "weekday" and _weekday_in_name(m, text):
            continue
        taken_until = end
        if kind == "not_a_date":
            continue
        lead = None if kind in ("vague", "sequence") else _word_before(_PREPOSITION, text, start)
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
            future = False
        elif words in _FUTURE_WORDS:
            future = True
        else:
            future = _speaks_of_future(text, begin, end)
        base = None
        if kind == "window" and records and records[0]["resolved"] and _opens_sentence(
                text, records[0]) and records[0]["granularity"] == "day":
            base = date.fromisoformat(records[0]["date_start"])  # "On Sunday, ... said"
        dates, granularity, anchor, reason = _resolve(kind, m, g, text, published, future,
                                                      previous, base)
        if dates is not None and published is not None and kind != "window" and (
                dates[1] < published):
            future = False  # "will never forget the killing on July 31, 2024" is past
        if reason == "skip":
            taken_until = start
            continue
        if dates is not None and anchor == "relative":
            quoted = quoted if quoted is not None else _quoted_spans(text, quoted_at_start)[0]
            if any(a <= start < b for a, b in quoted):
                dates, reason = None, IN_QUOTE
        record = _record(expression, begin, end, kind, dates, granularity, anchor, reason,
                         future, None if kind == "window" else published)
        records.append(record)
        if record["resolved"] and record["granularity"] == "day":
            previous = record
    return records


# ---------------------------------------------------------------- event words and names


def _event_term(lowered: str, start: int, end: int) -> tuple[str, str, int, int, bool]:
    """(label, event class, start, end, named by its patient) of the event word nearest the
    time expression, looked for within 120 characters of it in the lower-cased sentence;
    ties go to the earlier row of ``event_terms.csv``."""
    r = rules()
    best = None
    window_end = end + 120
    # The plain alternation finds the same spans as the grouped one, faster; the grouped one
    # is matched only where a word was found that is not farther than the best so far, to
    # name its row.
    for m in r.event_words.finditer(lowered, max(0, start - 120), window_end):
        distance = max(m.start() - end if m.start() >= end else start - m.end(), 0)
        if best is not None and distance > best[0][0]:
            continue
        grouped = r.event_terms.match(lowered, m.start(), window_end)
        key = (distance, int(grouped.lastgroup[1:]))
        if best is None or key < best[0]:
            best = (key, *r.event_labels[key[1]], m.start(), grouped.end())
    if best is None:
        return "", "", -1, -1, False
    _, label, event_class, patient, word_start, word_end = best
    return label, event_class, word_start, word_end, patient


def _name_runs(text: str) -> list[tuple[int, int, str, bool]]:
    """The capitalised name runs of a sentence, titles, calendar and grammar words dropped:
    (start, end, name, is_affiliation). A one-word run at the very start of the sentence is
    skipped; a run followed by a title ("Hamas chief") is an affiliation, not the person."""
    r = rules()
    runs = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().rstrip(".'\u2019-").split()
        tokens = [t for t in words if t.lower().rstrip(".") not in r.not_name_words]
        if not tokens or (m.start() == 0 and len(tokens) == 1 and len(m.group().split()) == 1):
            continue
        following = _WORD_AFTER.match(text, m.end())
        affiliation = bool(following and following.group(1) in r.title_words)
        runs.append((m.start(), m.end(), " ".join(tokens), affiliation))
    return runs


def _names(runs: list[tuple[int, int, str, bool]], around: int) -> list[tuple[int, str, bool]]:
    """The name runs (of :func:`_name_runs`) within 80 characters of position ``around``:
    (distance, name, is_affiliation), nearest first."""
    found = []
    for start, end, name, affiliation in runs:
        distance = min(abs(start - around), abs(end - around))
        if distance <= 80:
            found.append((distance, name, affiliation))
    return sorted(found)


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def _participants(names: list[tuple[int, str, bool]]) -> list[str]:
    generic = rules().generic_names
    out = set()
    for _, name, _ in names:
        for token in name.split():
            token = _without_possessive(token).lower()
            if token not in generic and len(token) > 2:
                out.add(token)
    return sorted(out)


# ---------------------------------------------------------------- event labels

# A name span for labels: (start, end, short name, usable), usable when the name is neither
# generic ("Iran", "Parliament") nor an affiliation ("Hamas" in "Hamas chief Ismail Haniyeh").
_NameSpan = tuple[int, int, str, bool]

_POSSESSIVE_GAP = re.compile(r"['\u2019]s\s+(?:[a-z][a-z-]*\s+){0,2}")
_SUBJECT_GAP = re.compile(
    r",?\s+(?:(?:also|has|have|had|was|were|is|are|been|being|then|reportedly|[a-z]+ly)\s+){0,3}")
_BEFORE_SUBJECT = re.compile(
    r"(?i:\b(?:to|of|with|by|for|from|in|at|on|against|about|than|like|between|into|over|"
    r"under|via|toward|towards)\s+(?:the\s+)?)$")
# "a New York Times report", "the Hamas attack": a name between an article and the event
# word qualifies it, whatever comes before ("according to a New York Times report")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?i:a|an|the)\s+$")
_AGENT_LEAD = re.compile(r"\s+(?:of|by)\s+")
_WITH_LEAD = re.compile(r"\s+with\s+")
_OBJECT_LEAD = re.compile(r"\s+")
_MODIFIERS = re.compile(r"(?<![\w'\u2019-])((?:[a-z][a-z-]*\s+){1,2})$")
_NOT_MODIFIERS = _FUNCTION_WORDS | frozenset(
    "has have had was were is are be been being will would can could did do does not to "
    "its their his her my our your some any all each every other another more most many "
    "first last next new own same such".split())


def _short_name(name: str) -> str:
    """ "Ali Khamenei" -> "Khamenei", "Pezeshkian's" -> "Pezeshkian"."""
    return _without_possessive(name.split()[-1])


def _run_spans(runs: list[tuple[int, int, str, bool]]) -> list[_NameSpan]:
    """Label name spans from the capitalised name runs (used without actor mentions)."""
    generic = rules().generic_names
    return [(start, end - (2 if name.endswith(("'s", "\u2019s")) else 0), _short_name(name),
             not affiliation and _short_name(name).lower() not in generic)
            for start, end, name, affiliation in runs]


@lru_cache(maxsize=1)
def _register_names() -> dict[str, tuple[str, str]]:
    """actor_id -> (register name, kind) from ``helpers.actors.load_register``."""
    from helpers.actors import load_register

    register = load_register()
    return dict(zip(register["actor_id"], zip(register["name"], register["kind"], strict=True),
                    strict=True))


def _mention_spans(text: str, mentions: list[tuple[int, int, str, str, str]]) -> list[_NameSpan]:
    """Label name spans from the actor mentions of one sentence: (start, end, actor_id,
    surface, how) each. A person is named by the last word of the register name, anything
    else by the words written when they name it, else by the register name."""
    r = rules()
    names = _register_names()
    spans = []
    for start, end, actor, surface, how in mentions:
        name, kind = names.get(actor, (surface, ""))
        short = _short_name(name) if kind == "person" else (
            _without_possessive(surface) if how in ("name", "alias") else name)
        following = _WORD_AFTER.match(text, end)
        affiliation = bool(following and following.group(1) in r.title_words)
        generic = set(_ID_PARTS.split(actor.lower())) <= r.generic_names
        spans.append((start, end, short, not affiliation and not generic))
    return sorted(spans)


def _name_after(text: str, position: int, spans: list[_NameSpan], lead: re.Pattern) -> str:
    """The first usable name after ``position`` in the same clause (within 60 characters),
    when the text after ``position`` starts with ``lead``; possessives ("X's minister") are
    passed over for the head they qualify."""
    found = lead.match(text, position)
    if not found:
        return ""
    stop = _CLAUSE_BREAK.search(text, found.end(), position + 60)
    limit = stop.start() if stop else position + 60
    for start, end, short, usable in spans:
        if found.end() <= start < limit and usable and text[end:end + 2] not in ("'s", "\u2019s"):
            return short
    return ""


def _name_before(text: str, word_start: int, expression: tuple[int, int],
                 spans: list[_NameSpan], gap_rule: re.Pattern) -> str:
    """The usable name that ends right before the event word, the gap between (the time
    expression left out) matching ``gap_rule``; a name after a preposition ("an aide to X
    told") is not the subject."""
    for start, end, short, usable in reversed(spans):
        if end > word_start:
            continue
        first, last = expression
        gap = (text[end:first] + " " + text[last:word_start] if end <= first and last <= word_start
               else text[end:word_start])
        gap = re.sub(r"\s+", " ", gap)
        if (gap == " " and gap_rule is _SUBJECT_GAP
                and _ARTICLE_BEFORE.search(text, max(0, start - 5), start)):
            return short  # a qualifier, common names included: "the Iranian attack"
        if not usable:
            continue
        if gap_rule.fullmatch(gap) and (gap_rule is _POSSESSIVE_GAP or not _BEFORE_SUBJECT.search(
                text, max(0, start - 20), start)):
            return short
        return ""
    return ""


def _modifiers(text: str, word_start: int) -> str:
    """The adjective or noun modifiers right before the event word ("snap presidential"),
    without grammar words, adverbs, participles or plurals (a subject: "officials met")."""
    found = _MODIFIERS.search(text, max(0, word_start - 40), word_start)
    if not found:
        return ""
    kept: list[str] = []
    for word in reversed(found.group(1).split()):
        if word in _NOT_MODIFIERS or word.endswith(("ly", "ed", "ing")) or (
                word.endswith("s") and not word.endswith(("ss", "us", "is"))):
            break
        kept.insert(0, word)
    return " ".join(kept)


def event_label(text: str, expression: tuple[int, int], spans: list[_NameSpan]) -> str:
    """A short label for the event a time expression dates (see :func:`_label`)."""
    return _label(text, expression, _event_term(text.lower(), *expression), spans)[0]


def _label(text: str, expression: tuple[int, int], term: tuple[str, str, int, int, bool],
           spans: list[_NameSpan]) -> tuple[str, str]:
    """(label, the name in it or "") for the event a time expression dates: ``term`` is the
    :func:`_event_term` of the expression (start, end) in the sentence ``text``, ``spans``
    the name spans of the sentence.

    The event word nearest the expression (``event_terms.csv``) is named, in this order, by
    the name whose event it is: a possessive before it ("X's killing"), "of X"/"by X" after
    it, for words named by their patient the object after it ("voted to remove X") then the
    subject ("X died"), for the others the subject ("X said"); else by its modifiers
    ("presidential election", "secret talks"); else by "with X" ("a meeting with X"); else
    the event word's label alone. Without an event word: the subject name, else the first
    usable name of the sentence ("Zarif" for "he also lost his deputy, Zarif"), else "event".
    """
    label, _, word_start, word_end, patient = term
    if not label:
        name = _name_before(text, expression[0], (0, 0), spans, _SUBJECT_GAP) or next(
            (short for _, _, short, usable in spans if usable), "")
        return name or "event", name
    name = (_name_before(text, word_start, expression, spans, _POSSESSIVE_GAP)
            or _name_after(text, word_end, spans, _AGENT_LEAD)
            or (patient and _name_after(text, word_end, spans, _OBJECT_LEAD))
            or _name_before(text, word_start, expression, spans, _SUBJECT_GAP))
    if name:
        return f"{name} {label}", name
    modifiers = "" if text.endswith("ed", 0, word_end) else _modifiers(text, word_start)
    if modifiers:
        return f"{modifiers} {text[word_start:word_end].lower()}", ""
    name = _name_after(text, word_end, spans, _WITH_LEAD)
    return (f"{name} {label}" if name else label), name


# ---------------------------------------------------------------- one article


def article_expressions(article_id: str, published: str, rows: list[tuple],
                        resolved_only: bool = False) -> list[dict]:
    """All time expressions of one article (only the resolved ones if ``resolved_only``);
    ``rows`` are (sentence_idx, paragraph_idx, text) in order. Each record adds article_id,
    sentence_idx, text, the event word's label and class, ``who`` (a short name for the
    label) and ``names`` (participants, ";"-joined)."""
    published_date = date.fromisoformat(published) if published else None
    out, previous, inside, last_paragraph = [], None, False, None
    for sentence_idx, paragraph_idx, text in rows:
        if paragraph_idx != last_paragraph:
            inside, last_paragraph = False, paragraph_idx
        records = find_time_expressions(text, published_date, previous, inside)
        if records or inside or '"' in text or "\u201c" in text:
            _, inside = _quoted_spans(text, inside)
        if resolved_only:
            records = [record for record in records if record["resolved"]]
        if records:
            lowered, runs = text.lower(), _name_runs(text)
        for record in records:
            if record["resolved"] and record["granularity"] == "day":
                previous = record
            expression = (record["start"], record["end"])
            term = _event_term(lowered, *expression)
            names = _names(runs, term[2] if term[2] >= 0 else record["end"])
            label, who = _label(text, expression, term, _run_spans(runs))
            record.update(
                article_id=article_id, sentence_idx=int(sentence_idx), text=text,
                event_label=label, event_class=term[1], who=who,
                names=";".join(_participants(names)),
            )
            out.append(record)
    return out


def _expression_records(sentences: pd.DataFrame, articles: pd.DataFrame, workers: int = 1,
                        resolved_only: bool = False) -> list[dict]:
    """The records of :func:`time_expressions` (see :func:`article_expressions`)."""
    ok = articles[articles["status"] == "ok"] if "status" in articles else articles
    published = dict(zip(ok["article_id"].tolist(), ok["published"].fillna("").tolist(),
                         strict=True))
    grouped: dict[str, list[tuple]] = {a: [] for a in published}
    paragraph = sentences["paragraph_idx"] if "paragraph_idx" in sentences else sentences[
        "sentence_idx"]
    for article_id, idx, para, text in zip(
            sentences["article_id"].tolist(), sentences["sentence_idx"].tolist(),
            paragraph.tolist(), sentences["text"].tolist(), strict=True):
        if article_id in grouped:
            grouped[article_id].append((idx, para, text))
    items = [(a, published[a], grouped[a], resolved_only) for a in sorted(grouped)]
    return [r for rs in map_items(article_expressions, items, workers) for r in rs]


def time_expressions(sentences: pd.DataFrame, articles: pd.DataFrame,
                     workers: int = 1) -> pd.DataFrame:
    """Every time expression of every analysed article (resolved or not), one row each."""
    return pd.DataFrame(_expression_records(sentences, articles, workers),
                        columns=EXPRESSION_COLUMNS)


def unresolved_table(expressions: pd.DataFrame) -> pd.DataFrame:
    """The expressions that could not be resolved, with the reason."""
    rows = expressions[~expressions["resolved"].astype(bool)]
    return rows[UNRESOLVED_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------- events across articles


def _actors_by_sentence(mentions: pd.DataFrame | None,
                        keys: set[tuple[str, int]]) -> dict[tuple[str, int], list[str]]:
    """The sorted actor ids of each (article_id, sentence_idx) of ``keys`` that has any."""
    if mentions is None or mentions.empty:
        return {}
    found: dict[tuple[str, int], set[str]] = {}
    for article_id, idx, actor in zip(mentions["article_id"].tolist(),
                                      mentions["sentence_idx"].tolist(),
                                      mentions["actor_id"].tolist(), strict=True):
        key = (article_id, int(idx))
        if key in keys:
            found.setdefault(key, set()).add(str(actor))
    return {key: sorted(value) for key, value in found.items()}


def group_events(rows: list[dict]) -> list[int]:
    """A group number per row: rows that report the same event share one.

    Two rows are the same event when they have the same event class (``event_terms.csv``),
    both ranges are at most 31 days long, their date ranges share at least one day, and
    they share a participant: an actor id of the sentence or a name near the event word,
    other than the generic names of ``time_phrases.csv`` ("Iran", "Tehran", ...). Rows are
    taken in date order per (class, participant); a row joins the open group while its range
    overlaps the days common to all the group's rows, so a month ("last month") joins one
    day in it but cannot chain two different days together. Rows may join through different
    participants (union-find). Cost grows with rows x participants, never rows squared.
    """
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        if not row["event_class"]:
            continue
        first, last = date.fromisoformat(row["date_start"]), date.fromisoformat(row["date_end"])
        if (last - first).days >= GROUPABLE_DAYS:
            continue
        for participant in row["participants"]:
            buckets.setdefault((row["event_class"], participant), []).append(i)
    spans = [(row["date_start"], row["date_end"], i) for i, row in enumerate(rows)]
    for key in sorted(buckets):
        common, head = None, None
        for first, last, i in sorted(spans[i] for i in buckets[key]):
            if common and first <= common[1] and last >= common[0]:
                common = (max(common[0], first), min(common[1], last))
                parent[find(i)] = find(head)
            else:
                common, head = (first, last), i
    _attach_nameless(rows, find, parent)
    return [find(i) for i in range(len(rows))]


def _attach_nameless(rows: list[dict], find, parent: list[int]) -> None:
    """A row with no participant ("your October 7 attack on Israel") joins the one group of
    its own article with the same class whose rows all overlap its dates, if exactly one."""
    by_article: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        if row["event_class"]:
            by_article.setdefault((row["article_id"], row["event_class"]), []).append(i)
    for key in sorted(by_article):
        indices = by_article[key]
        for i in indices:
            if rows[i]["participants"]:
                continue
            groups = {find(j) for j in indices if j != i and rows[j]["participants"]
                      and all(rows[k]["date_start"] <= rows[i]["date_end"]
                              and rows[k]["date_end"] >= rows[i]["date_start"]
                              for k in indices if find(k) == find(j))}
            if len(groups) == 1:
                parent[find(i)] = groups.pop()


def _mentions_by_sentence(mentions: pd.DataFrame | None, keys: set[tuple[str, int]]
                          ) -> dict[tuple[str, int], list[tuple[int, int, str, str, str]]]:
    """The mentions (start, end, actor_id, surface, how) of each (article_id, sentence_idx) of
    ``keys``; empty when ``mentions`` has no offsets."""
    needed = ["start", "end", "surface", "how"]
    if mentions is None or mentions.empty or not set(needed) <= set(mentions.columns):
        return {}
    found: dict[tuple[str, int], list] = {}
    for article_id, idx, actor, start, end, surface, how in zip(
            *(mentions[c].tolist() for c in ["article_id", "sentence_idx", "actor_id", *needed]),
            strict=True):
        key = (article_id, int(idx))
        if key in keys:
            found.setdefault(key, []).append((int(start), int(end), str(actor), str(surface),
                                              str(how)))
    return found


def find_events(sentences: pd.DataFrame, articles: pd.DataFrame,
                mentions: pd.DataFrame | None = None, workers: int = 1,
                expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per resolved time expression (DESIGN ``events.csv`` columns and more).

    ``actors`` joins the actor ids that ``mentions`` finds in the sentence (empty without
    mentions). Rows reporting the same event share an ``event_id`` (see
    :func:`group_events`); the ids number events in date order. ``event_label`` is a short
    label (see :func:`_label`), named from the resolved actor mentions of the sentence when
    ``mentions`` has their offsets, else from its capitalised names ("Haniyeh killing").
    """
    if expressions is None:
        resolved = _expression_records(sentences, articles, workers, resolved_only=True)
    else:
        resolved = expressions[expressions["resolved"].astype(bool)].to_dict("records")
    actors = _actors_by_sentence(
        mentions, {(row["article_id"], int(row["sentence_idx"])) for row in resolved})
    located = _mentions_by_sentence(mentions, set(actors))
    generic = rules().generic_names
    specific: dict[str, bool] = {}  # actor id -> not made only of generic names
    rows = []
    for row in resolved:
        sentence_actors = actors.get((row["article_id"], int(row["sentence_idx"])), [])
        row["actors"] = ";".join(sentence_actors)
        key = (row["article_id"], int(row["sentence_idx"]))
        if key in located:
            text, expression = row["text"], (int(row["start"]), int(row["end"]))
            row["event_label"] = _label(text, expression, _event_term(text.lower(), *expression),
                                        _mention_spans(text, located[key]))[0]
        for a in sentence_actors:
            if a not in specific:
                specific[a] = not set(_ID_PARTS.split(a.lower())) <= generic
        extra = {a.lower() for a in sentence_actors if specific[a]}
        row["participants"] = sorted(set(filter(None, row["names"].split(";"))) | extra)
        rows.append(row)
    groups = group_events(rows)
    members: dict[int, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)

    def precision(i: int) -> tuple:
        return ((date.fromisoformat(rows[i]["date_end"]) - date.fromisoformat(
            rows[i]["date_start"])).days, rows[i]["article_id"], rows[i]["sentence_idx"],
            rows[i]["start"])

    bare = {label for label, _, _ in rules().event_labels} | {"event"}
    best_of = {g: rows[min(indices, key=precision)] for g, indices in members.items()}
    # The label of the most precise row that names or qualifies the event, else of the most
    # precise row ("Hamas attack" rather than "attack").
    label_of = {g: rows[min(indices, key=lambda i: (rows[i]["event_label"] in bare,
                                                    precision(i)))]["event_label"]
                for g, indices in members.items()}
    order = sorted(members, key=lambda g: (best_of[g]["date_start"],
                                           min((rows[i]["article_id"], rows[i]["sentence_idx"],
                                                rows[i]["start"]) for i in members[g])))
    width = max(3, len(str(len(order))))
    for number, group in enumerate(order, start=1):
        for i in members[group]:
            rows[i]["event_id"] = f"E{number:0{width}d}"
            rows[i]["group_label"] = label_of[group]
    for row in rows:
        row["event_label"] = row.pop("group_label")
    frame = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "start"])
    frame = frame.sort_values(["article_id", "sentence_idx", "start"], kind="stable")
    return frame[EVENT_COLUMNS].reset_index(drop=True)


def event_summary(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event: its dates (of its most precise report), label and reporting
    articles; ``expected`` when every report of it speaks of it as still to come."""
    columns = ["event_id", "date_start", "date_end", "event_label", "expected", "n_articles",
               "articles", "outlets", "expressions"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    outlets = {}
    if articles is not None and "outlet" in articles:
        outlets = dict(zip(articles["article_id"], articles["outlet"].fillna(""), strict=True))
    rows = []
    for event_id, group in events.groupby("event_id", sort=True):
        span = pd.to_datetime(group["date_end"]) - pd.to_datetime(group["date_start"])
        best = group.loc[span.idxmin()]
        ids = sorted(set(group["article_id"]))
        rows.append({
            "event_id": event_id, "date_start": best["date_start"], "date_end": best["date_end"],
            "event_label": best["event_label"],
            "expected": bool(group["future"].astype(bool).all()) if "future" in group else False,
            "n_articles": len(ids), "articles": ";".join(ids),
            "outlets": ";".join(sorted({outlets.get(a, "") for a in ids} - {""})),
            "expressions": " | ".join(dict.fromkeys(group["expression"])),
        })
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- publication date


def infer_published(sentence_texts: list[str]) -> tuple[date | None, str]:
    """A publication date inferred from the text's own dated references, with the evidence.

    Rule: the latest full date (day, month and year written out) that the text reports in
    the past tense is taken, because an article is at least as recent as what it reports,
    and only when the references agree: no past-tense year or month with a year points
    later than it. Relative and year-less dates cannot be used (they need the very date
    sought). The result is a lower bound; mark it ``published_source = "inferred"``.
    """
    full, coarse = [], []
    for text in sentence_texts:
        for record in find_time_expressions(text, None):
            if not record["resolved"] or record["future"]:
                continue
            target = full if record["kind"] in ("iso", "mdy", "dmy") else coarse
            target.append((record["date_start"], record["date_end"], record["expression"]))
    if not full:
        return None, "no full date with a year in the text"
    latest = max(full)
    later = [c for c in coarse if c[0] > latest[0]]
    if later:
        return None, (f"the dated references disagree: '{later[0][2]}' is later than the latest "
                      f"full date '{latest[2]}'")
    return date.fromisoformat(latest[0]), (
        f"latest of {len(full)} full dates the text reports ('{latest[2]}'); "
        "the article is at least this recent")


# ---------------------------------------------------------------- parameters and figure


def date_bound(value, name: str) -> date | None:
    """A notebook date parameter: an ISO date string, or "" / None for no bound."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ParameterError(
            f"Parameter {name} must be a date written YYYY-MM-DD or \"\" for no bound, "
            f"not {value!r}.")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ParameterError(f"Parameter {name}: {value!r} is not a calendar date.") from None


def date_range(date_from, date_to) -> tuple[date | None, date | None]:
    """Both date parameters checked, and in order."""
    first, last = date_bound(date_from, "date_from"), date_bound(date_to, "date_to")
    if first and last and first > last:
        raise ParameterError(f"Parameter date_from ({first}) is after date_to ({last}).")
    return first, last


def in_range(summary: pd.DataFrame, first: date | None, last: date | None) -> pd.DataFrame:
    """The events whose dates overlap [first, last] (either bound may be None)."""
    keep = pd.Series(True, index=summary.index)
    if first:
        keep &= summary["date_end"] >= first.isoformat()
    if last:
        keep &= summary["date_start"] <= last.isoformat()
    return summary[keep]


def plot_timeline(summary: pd.DataFrame, articles: pd.DataFrame, date_from=None, date_to=None,
                  color_by: str = "outlet", width: float = 13.0):
    """A timeline figure: one mark per event (a bar for ranges; hollow when ``expected``), its
    label and the articles reporting it, coloured by the first reporting article's
    ``color_by`` column; each article's publication date is a triangle and a dotted line.
    Labels are stacked in lanes so they do not overlap. Returns the figure."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    first, last = date_range(date_from, date_to)
    shown = in_range(summary, first, last).sort_values(["date_start", "event_id"])
    ok = articles[articles["status"] == "ok"] if "status" in articles else articles
    key = color_by if color_by in ok else "article_id"
    keys = dict(zip(ok["article_id"], ok[key].fillna("").replace("", "(unknown)"), strict=True))
    palette = plt.get_cmap("tab10").colors
    colours = {k: palette[i % len(palette)] for i, k in enumerate(sorted(set(keys.values())))}
    published = [(a, pd.Timestamp(p)) for a, p in zip(ok["article_id"], ok["published"],
                                                      strict=True) if isinstance(p, str) and p]
    starts = [pd.Timestamp(d) for d in shown["date_start"]]
    ends = [pd.Timestamp(d) for d in shown["date_end"]]
    bounds = starts + ends + [p for _, p in published]
    low = pd.Timestamp(first) if first else min(bounds, default=pd.Timestamp("2024-01-01"))
    high = pd.Timestamp(last) if last else max(bounds, default=low)
    span_days = max((high - low).days, 30)
    pad = pd.Timedelta(days=span_days * 0.03)
    low, high = low - pad, high + pad + pd.Timedelta(days=span_days * 0.12)

    days_per_char = (high - low).days / (width * 72 / 5.4)
    lanes: list[pd.Timestamp] = []
    placed = []
    for (_, event), start, end in zip(shown.iterrows(), starts, ends, strict=True):
        ids = event["articles"].split(";")
        text = f"{event['event_label']} [{', '.join(i.split('_')[0] for i in ids)}]"
        x0 = max(start, low)
        extent = x0 + pd.Timedelta(days=len(text) * days_per_char + span_days * 0.01)
        extent = max(extent, end)
        lane = next((k for k, free in enumerate(lanes) if free <= x0), len(lanes))
        if lane == len(lanes):
            lanes.append(extent)
        lanes[lane] = extent
        placed.append((lane, start, end, text, colours[keys.get(ids[0], "(unknown)")],
                       bool(event.get("expected", False))))

    height = max(3.0, 0.32 * (len(lanes) + 2) + 1.2)
    fig, ax = plt.subplots(figsize=(width, height))
    for lane, start, end, text, colour, expected in placed:
        if end > start:
            ax.plot([start, end], [lane, lane], color=colour, linewidth=4, alpha=0.6,
                    solid_capstyle="butt", linestyle=":" if expected else "-")
        ax.plot([start], [lane], marker="o", color=colour, markersize=5,
                markerfacecolor="white" if expected else colour)
        ax.annotate(text, (max(start, low), lane), xytext=(5, 3), textcoords="offset points",
                    fontsize=7.5, va="bottom", ha="left")
    for article_id, day in published:
        if low <= day <= high:
            colour = colours[keys[article_id]]
            ax.axvline(day, color=colour, linestyle=":", linewidth=0.8, alpha=0.6)
            ax.plot([day], [-1], marker="v", color=colour, markersize=7)
    for name, colour in colours.items():
        ax.plot([], [], color=colour, marker="o", linestyle="", label=name)
    if any(expected for *_, expected in placed):
        ax.plot([], [], color="grey", marker="o", markerfacecolor="white", linestyle="",
                label="expected (reported as still to come)")
    ax.set_xlim(low, high)
    ax.set_ylim(-1.5, len(lanes) + 0.5)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title("Events the articles date: one mark per event, [ids of the articles that "
                 "report it]; \u25bc and dotted lines: publication dates", fontsize=10)
    if colours:
        ax.legend(loc="upper left", fontsize=7.5, frameon=False, title=key, title_fontsize=8)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def summary_line(events: pd.DataFrame, unresolved: pd.DataFrame) -> str:
    """One line for the report index."""
    n_events = events["event_id"].nunique() if not events.empty else 0
    return (f"{len(events)} dated expressions in {events['article_id'].nunique()} articles, "
            f"{n_events} events on the timeline; {len(unresolved)} expressions left unresolved.")
