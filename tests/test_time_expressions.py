"""Time expressions of one sentence resolved as a careful reader would.

Sentences are written for these tests; expected dates come from reading them against the
publication date given (weekdays noted where they matter).
"""

from __future__ import annotations

from datetime import date

import pytest

from helpers import time_expressions as te


def found(text, published, **kwargs):
    """{expression: (date_start, date_end, granularity, anchor)} of the resolved ones."""
    return {r["expression"]: (r["date_start"], r["date_end"], r["granularity"], r["anchor"])
            for r in te.find_time_expressions(text, published, **kwargs) if r["resolved"]}


def only(text, published, **kwargs):
    records = te.find_time_expressions(text, published, **kwargs)
    assert len(records) == 1, records
    return records[0]


# ---------------------------------------------------------------- absolute dates


@pytest.mark.parametrize("text, start, end, granularity", [
    ("The deal was signed on September 21, 2024, in Vienna.", "2024-09-21", "2024-09-21", "day"),
    ("The deal was signed on 21 September 2024 in Vienna.", "2024-09-21", "2024-09-21", "day"),
    ("Talks ended on Sept. 21, 2024, without a deal.", "2024-09-21", "2024-09-21", "day"),
    ("The statement is dated 2024-09-21.", "2024-09-21", "2024-09-21", "day"),
    ("Protests spread in March 2022 across the country.", "2022-03-01", "2022-03-31", "month"),
    ("The accord was reached in 2015.", "2015-01-01", "2015-12-31", "year"),
    ("Under the 2015 deal, Iran limited enrichment.", "2015-01-01", "2015-12-31", "year"),
    ("Secret talks ran from 2013-2015 in Oman.", "2013-01-01", "2015-12-31", "span"),
    ("Secret talks ran between 2013 and 2015 in Oman.", "2013-01-01", "2015-12-31", "span"),
    ("The war of the 1980s shaped the leadership.", "1980-01-01", "1989-12-31", "span"),
    ("Inflation rose in late 2022, officials said.", "2022-09-01", "2022-12-31", "year"),
])
def test_absolute_dates_with_a_year(text, start, end, granularity):
    record = only(text, date(2025, 3, 3))
    assert (record["date_start"], record["date_end"], record["granularity"]) == (
        start, end, granularity)
    assert record["anchor"] == "absolute"


def test_month_and_day_without_a_year_take_the_year_on_or_before_publication():
    assert found("Haniyeh was killed on July 31 in Tehran.", "2024-08-07") == {
        "on July 31": ("2024-07-31", "2024-07-31", "day", "absolute")}
    assert found("The attack came on Oct. 7, officials said.", "2023-11-16")[
        "on Oct. 7"][:2] == ("2023-10-07", "2023-10-07")
    assert found("The raid came on 7 October, officials said.", "2023-11-16")[
        "on 7 October"][:2] == ("2023-10-07", "2023-10-07")
    # near the year boundary: December read in early January is last year's
    assert found("Prices doubled in December, traders said.", "2025-01-05")[
        "in December"][:2] == ("2024-12-01", "2024-12-31")
    assert found("He was arrested on December 28, his lawyer said.", "2025-01-05")[
        "on December 28"][:2] == ("2024-12-28", "2024-12-28")


def test_month_without_a_year_in_the_future_resolves_forward():
    assert found("Elections will be held in June, the ministry said.", "2025-03-03")[
        "in June"][:2] == ("2025-06-01", "2025-06-30")
    assert found("A vote is scheduled for January 10, the council said.", "2024-12-20")[
        "January 10"][:2] == ("2025-01-10", "2025-01-10")


def test_parts_of_a_month():
    assert found("They met in Tehran in early November.", "2023-11-16")["in early November"][
        :3] == ("2023-11-01", "2023-11-10", "month")
    assert found("The strikes came in mid-April.", "2024-05-20")["in mid-April"][:2] == (
        "2024-04-11", "2024-04-20")
    assert found("Talks stalled in late July.", "2024-08-07")["in late July"][:2] == (
        "2024-07-21", "2024-07-31")
    # a past-tense month that holds the publication day ends at it
    assert found("In November, Khamenei met Haniyeh.", "2023-11-16")["In November"][:2] == (
        "2023-11-01", "2023-11-16")


# ---------------------------------------------------------------- relative dates


def test_past_weekday_is_the_latest_such_day_on_or_before_publication():
    published = date(2024, 8, 7)  # a Wednesday
    assert found("Salami on Monday said Israel will learn a lesson.", published)[
        "on Monday"][:2] == ("2024-08-05", "2024-08-05")
    assert found("In comments on Wednesday, he said so.", published)["on Wednesday"][:2] == (
        "2024-08-07", "2024-08-07")
    assert found("He spoke on Thursday to reporters.", published)["on Thursday"][:2] == (
        "2024-08-01", "2024-08-01")
    assert found("Pezeshkian said in a Monday meeting that Iran would respond.", published)[
        "Monday"][:2] == ("2024-08-05", "2024-08-05")
    assert found("Sunday's remarks drew criticism.", "2025-03-03")["Sunday's"][:2] == (
        "2025-03-02", "2025-03-02")
    assert found("He did so last Wednesday.", published)["last Wednesday"][:2] == (
        "2024-07-31", "2024-07-31")


def test_scheduled_future_weekday_resolves_forward():
    published = date(2025, 4, 11)  # a Friday
    record = only("Trump warned of danger if the negotiations set to begin Saturday fail.",
                  published)
    assert (record["date_start"], record["future"]) == ("2025-04-12", True)
    assert found("The envoys will meet on Tuesday in Muscat.", published)["on Tuesday"][:2] == (
        "2025-04-15", "2025-04-15")
    assert found("The envoys will meet next week in Muscat.", published)["next week"][:2] == (
        "2025-04-14", "2025-04-20")
    assert found("A decision is expected next month.", published)["next month"][:2] == (
        "2025-05-01", "2025-05-31")
    # a past-tense verb nearer than the future cue wins: he spoke on Tuesday
    assert found("He will resign, he told reporters on Tuesday.", published)["on Tuesday"][
        :2] == ("2025-04-08", "2025-04-08")


@pytest.mark.parametrize("text, start, end, granularity", [
    ("Last week, an aide spoke to The Telegraph.", "2024-07-29", "2024-08-04", "week"),
    ("The call took place this week.", "2024-08-05", "2024-08-07", "week"),
    # "earlier" is before the publication day (a Wednesday), which would be "today"
    ("Earlier this week, Trump cautioned Iran.", "2024-08-05", "2024-08-06", "week"),
    ("Haniyeh died in Tehran last month.", "2024-07-01", "2024-07-31", "month"),
    ("Earlier this month, the minister resigned.", "2024-08-01", "2024-08-06", "month"),
    ("The talks collapsed last year.", "2023-01-01", "2023-12-31", "year"),
    ("The minister resigned today.", "2024-08-07", "2024-08-07", "day"),
    ("The minister resigned yesterday.", "2024-08-06", "2024-08-06", "day"),
    ("The leader will speak tonight.", "2024-08-07", "2024-08-07", "day"),
    ("The embassy closed three days ago.", "2024-08-04", "2024-08-04", "day"),
    ("Protests broke out over the weekend.", "2024-08-03", "2024-08-04", "week"),
])
def test_relative_periods(text, start, end, granularity):
    record = only(text, date(2024, 8, 7))
    assert (record["date_start"], record["date_end"], record["granularity"]) == (
        start, end, granularity)
    assert record["anchor"] == "relative"


@pytest.mark.parametrize("text, start, end, future", [
    ("Officials feared attacks within the next 24 hours.", "2024-08-07", "2024-08-08", True),
    ("Talks will resume in the coming 10 days.", "2024-08-07", "2024-08-17", True),
    ("Prices rose sharply over the past two weeks.", "2024-07-24", "2024-08-07", False),
    # calendar months and years
    ("Iran enriched more uranium in the last 12 months.", "2023-08-07", "2024-08-07", False),
    ("Prices rose over the past one year.", "2023-08-07", "2024-08-07", False),
])
def test_numbered_windows_count_from_publication(text, start, end, future):
    record = only(text, date(2024, 8, 7))
    assert (record["date_start"], record["date_end"], record["granularity"],
            record["anchor"], record["future"]) == (start, end, "span", "relative", future)


@pytest.mark.parametrize("text, window, start, end, future", [
    # the reporting day of the sentence, not the publication day (2024-08-07)
    ("On Sunday, the health ministry said 40 people had been killed in the past 24 hours.",
     "in the past 24 hours", "2024-08-03", "2024-08-04", False),
    # a warning stays future (still to come when it was made), though its day has passed
    ("On July 31, officials warned that an attack could come within the next 24 hours.",
     "within the next 24 hours", "2024-07-31", "2024-08-01", True),
    # a window that runs past publication is not cut at it
    ("On August 5, officials warned attacks could come in the next 10 days.",
     "in the next 10 days", "2024-08-05", "2024-08-15", True),
    # only the day that opens the sentence counts: not a "since" day, not a later one
    ("Since October 7, 2023, more than 39,000 people have been killed in Gaza, 300 of them "
     "in the past 24 hours.", "in the past 24 hours", "2024-08-06", "2024-08-07", False),
    ("The talks, which began in Muscat on Saturday, will continue over the next two days.",
     "over the next two days", "2024-08-07", "2024-08-09", True),
    # "of" and a plain noun is still a window
    ("Over the past two weeks of fighting, 40 people were killed.", "Over the past two weeks",
     "2024-07-24", "2024-08-07", False),
    ("The regime has jailed critics over the past fifteen years.",
     "over the past fifteen years", "2009-08-07", "2024-08-07", False),
])
def test_a_window_counts_from_a_day_its_sentence_gives(text, window, start, end, future):
    records = {r["expression"]: r for r in te.find_time_expressions(text, date(2024, 8, 7))}
    record = records[window]
    assert (record["date_start"], record["date_end"], record["future"]) == (start, end, future)


def test_a_window_without_publication_date_counts_from_its_sentence_day():
    records = te.find_time_expressions(
        "On July 31, 2024, officials warned of attacks within the next 24 hours.", None)
    assert [(r["expression"], r["date_start"], r["date_end"]) for r in records] == [
        ("On July 31, 2024", "2024-07-31", "2024-07-31"),
        ("within the next 24 hours", "2024-07-31", "2024-08-01")]


def test_a_date_before_publication_is_not_future_whatever_the_tense():
    record = only("Iran will never forget the killing of Haniyeh on July 31, 2024.",
                  date(2024, 8, 7))
    assert (record["date_start"], record["future"]) == ("2024-07-31", False)


def test_the_past_month_is_a_calendar_month():
    assert found("Prices rose over the past month.", date(2024, 3, 31))[
        "over the past month"][:2] == ("2024-02-29", "2024-03-31")


@pytest.mark.parametrize("text", [
    "The strike came within 24 hours of the attack.",  # counts from the attack, not today
    "He served as foreign minister for two years.",  # a duration, not a date
    # the end of another period, not a window from publication
    "In the last two years of his presidency, Rouhani sought talks.",
    # counts back from a day given elsewhere in the text
    "In the previous three days, officials met twice.",
])
def test_durations_without_next_or_past_are_not_windows(text):
    assert te.find_time_expressions(text, date(2024, 8, 7)) == []


def test_hours_later_is_the_day_of_the_previous_date():
    first = only("On Sunday, parliament voted to remove the minister.", "2025-03-03")
    later = only("Hours later, Zarif resigned.", "2025-03-03", previous=first)
    assert (later["date_start"], later["anchor"]) == ("2025-03-02", "relative")
    assert only("Later that day, he resigned.", "2025-03-03", previous=first)[
        "date_start"] == "2025-03-02"
    assert only("The next day, he resigned.", "2025-03-03", previous=first)[
        "date_start"] == "2025-03-03"
    alone = only("Hours later, Zarif resigned.", "2025-03-03")
    assert not alone["resolved"] and "no earlier date" in alone["reason"]
    # within one sentence the earlier expression counts
    both = te.find_time_expressions("He spoke on Sunday and hours later resigned.", "2025-03-03")
    assert [r["date_start"] for r in both] == ["2025-03-02", "2025-03-02"]


def test_relative_dates_inside_a_quotation_are_not_resolved():
    record = only('"Pezeshkian said today that he wants talks," he wrote.', "2025-03-03")
    assert not record["resolved"] and "quotation" in record["reason"]
    # a sentence that starts inside a quotation opened in an earlier sentence
    record = only("And he said today that he wants talks,\u201d he wrote.", "2025-03-03",
                  quoted_at_start=True)
    assert not record["resolved"]
    # absolute dates in quotations are still dates
    assert found("\u201cThey met in Tehran in early November,\u201d he said.", "2023-11-16")


# ---------------------------------------------------------------- not dates


@pytest.mark.parametrize("text", [
    "The leak may have been an intentional bid by the IRGC.",
    "This time the regime may believe the threat is real.",
    "May God protect the country, he said.",
    "Thousands march in Tehran against the government.",
    "The march drew thousands of people.",
    "March organisers said the route was changed.",
    "He finished second in the vote.",
    "The Sunday Times reported the leak.",
    "He led the Friday prayers in Tehran.",
    "Tehran's interim Friday prayer leader spoke.",
    "Mourners honoured the late Friday prayer leader.",  # a part of day before a named day
    "It was an august body of clerics.",
    "The 30-minute call ended without agreement.",
    "Raisi tried secretly for three years but failed.",
    "More than 16 million voted for him.",
    "The 85-year-old ruler remained silent.",
    "Some 2000 troops were deployed.",
    "The election was held almost a year early.",
    "He visited Mar-a-Lago in Florida.",
    "Kayode Sunday Ola was named ambassador.",
    "It happened on his first day in office.",
])
def test_false_friends_are_not_dates(text):
    assert [r for r in te.find_time_expressions(text, "2024-08-07")
            if r["kind"] != "vague"] == []


def test_vague_references_are_listed_unresolved_with_a_reason():
    for text in ["Trump recently warned Iran.", "They have heard such calls for years.",
                 "A countdown will begin, possibly in the next few months.",
                 "There were meetings over the year."]:
        record = only(text, "2024-08-07")
        assert not record["resolved"] and record["reason"].startswith("vague")
    # an adjective is not listed
    assert te.find_time_expressions("In a recent meeting, he urged restraint.", "2024-08-07") == []


# ---------------------------------------------------------------- no publication date


def test_unknown_publication_date_keeps_absolute_dates_only():
    assert found("The deal was signed on September 21, 2024.", None)["on September 21, 2024"][
        :2] == ("2024-09-21", "2024-09-21")
    assert found("The accord was reached in 2015.", None)
    for text in ["He spoke on Monday.", "Haniyeh was killed on July 31.", "It ended last week.",
                 "They met in April."]:
        record = only(text, None)
        assert not record["resolved"] and record["reason"] == te.NO_ANCHOR, text



def test_the_quick_sentence_test_covers_every_needle():
    # a sentence is skipped when it holds no gate word and no capitalised needle; that is
    # safe only if every lower-case needle holds a gate word and is listed under it
    r = te.rules()
    listed = {needle for _, needles in r.gate_words for needle, _ in needles}
    assert listed == {
        "today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening",
        "week", "month", "year", " ago", "weekend", "hour", "day", "later", "same", "next day",
        "earlier", "recent", "lately", "of late", "years", "decades", "months", "weeks", "days",
        "over the year", "soon", "near future", "0s", "0's", "0\u2019s", "19", "20",
        "following", "previous", "day before", "day after", "week before", "week after",
        "month before", "month after", "year before", "year after", "fortnight", "half",
        "quarter", "spring", "summer", "autumn", "fall", "winter"}
    for word, needles in r.gate_words:
        assert all(word in needle for needle, _ in needles)
    for _, capitals in r.capital_groups:
        for needle in capitals.pattern.split("|"):
            assert r.capital_gate.search(needle)
    assert te.find_time_expressions("Nothing here but words.", "2024-08-07") == []
    assert only("He spoke on Thurs. to the press.", "2024-08-07")["date_start"] == "2024-08-01"


@pytest.mark.parametrize("text", [
    "He spoke on   Monday", "within Monday", "in\n\tMonday", "Stay in Monday", "in Monday",
    "began  before   Monday", "x" * 40 + " since " + " " * 30 + "Monday", "on,Monday",
])
def test_the_word_before_is_found_as_by_a_search_of_the_whole_prefix(text):
    end = text.index("Monday")
    expected = te.PREPOSITION.search(text[:end])
    got = te.word_before(te.PREPOSITION, text, end)
    assert (got and got.span()) == (expected and expected.span())
    assert bool(got) == (text not in ("within Monday", "on,Monday"))



# ---------------------------------------------------------------- tense around a date


def test_a_yearless_date_with_no_tense_is_the_one_nearest_publication():
    # nothing says past or future: a date more than nine months back would carry its year
    record = only("The deadline for the inspectors' report is November 30.", "2025-09-10")
    assert (record["date_start"], record["future"]) == ("2025-11-30", True)
    assert found("Ahead of the October 12 vote, both camps campaigned hard.", "2025-09-30")[
        "October 12"][:2] == ("2025-10-12", "2025-10-12")
    # within nine months back it stays in the past
    assert found("Since the February 3 raid, the port has been shut.", "2025-09-10")[
        "February 3"][:2] == ("2025-02-03", "2025-02-03")
    # the past tense keeps a date before publication however far back
    assert found("Iran said it was attacked on October 20.", "2025-09-10")[
        "on October 20"][:2] == ("2024-10-20", "2024-10-20")


def test_reported_future_and_schedules_resolve_forward():
    published = date(2025, 6, 2)  # a Monday
    record = only("The minister said he would travel to Beijing on Thursday.", published)
    assert (record["date_start"], record["future"]) == ("2025-06-05", True)
    # a counterfactual is past, and so is the day of the saying
    assert found("The talks would have resumed on Thursday had the strikes not come.",
                 published)["on Thursday"][:2] == ("2025-05-29", "2025-05-29")
    assert found("He said on Thursday that he would resign.", published)["on Thursday"][
        :2] == ("2025-05-29", "2025-05-29")
    # a schedule in the present tense
    assert found("The ceasefire expires on Friday.", "2025-06-04")["on Friday"][:2] == (
        "2025-06-06", "2025-06-06")


def test_a_participle_before_by_is_not_a_past_tense_verb():
    records = found("Ministers meet in Oslo on Tuesday, followed by a summit in Rome on May 20.",
                    "2025-05-14")
    assert records["on May 20"][:2] == ("2025-05-20", "2025-05-20")


def test_earlier_and_later_this_period_leave_out_the_publication_day():
    published = date(2024, 8, 7)  # a Wednesday
    record = only("Later this week, the envoys will meet again.", published)
    assert (record["date_start"], record["date_end"], record["future"]) == (
        "2024-08-08", "2024-08-11", True)
    assert found("Earlier this year, the envoys met twice.", published)["Earlier this year"][
        :2] == ("2024-01-01", "2024-08-06")


# ---------------------------------------------------------------- parts of days and periods


@pytest.mark.parametrize("text, expression, day", [
    ("Rockets were fired late Saturday night.", "late Saturday night", "2025-06-21"),
    ("The talks ended on Sunday morning.", "on Sunday morning", "2025-06-22"),
    ("Sirens sounded in the early hours of Friday.", "in the early hours of Friday",
     "2025-06-20"),
    ("The convoy left early on Sunday, witnesses said.", "early on Sunday", "2025-06-22"),
])
def test_a_weekday_keeps_its_part_of_the_day(text, expression, day):
    assert found(text, "2025-06-23")[expression][:3] == (day, day, "day")  # a Monday


@pytest.mark.parametrize("text, expression, start, end, granularity", [
    ("Prices fell late last month.", "late last month", "2025-05-21", "2025-05-31", "month"),
    ("A deal may come early next year.", "early next year", "2026-01-01", "2026-04-30",
     "year"),
    ("A deal is expected by the end of the year.", "by the end of the year", "2025-09-01",
     "2025-12-31", "year"),
    ("They met in the last week of January.", "in the last week of January", "2025-01-25",
     "2025-01-31", "week"),
    ("They met in the second week of May.", "in the second week of May", "2025-05-08",
     "2025-05-14", "week"),
    ("Growth slowed in the second half of 2023.", "in the second half of 2023", "2023-07-01",
     "2023-12-31", "span"),
    ("Exports fell in the first quarter of this year.", "in the first quarter of this year",
     "2025-01-01", "2025-03-31", "span"),
    ("The envoy left a fortnight ago.", "a fortnight ago", "2025-05-19", "2025-05-25", "week"),
    ("Prices rose over the past fortnight.", "over the past fortnight", "2025-05-21",
     "2025-06-04", "span"),
])
def test_parts_of_periods(text, expression, start, end, granularity):
    assert found(text, "2025-06-04")[expression][:3] == (start, end, granularity)


# ---------------------------------------------------------------- seasons


@pytest.mark.parametrize("text, expression, start, end, anchor", [
    ("Talks collapsed last summer.", "last summer", "2024-06-01", "2024-08-31", "relative"),
    ("The envoys will try again this autumn.", "this autumn", "2025-09-01", "2025-11-30",
     "relative"),
    ("Talks may resume next spring.", "next spring", "2026-03-01", "2026-05-31", "relative"),
    # the season that holds publication, cut at it in the past tense
    ("In the summer, the strikes stopped.", "In the summer", "2025-06-01", "2025-07-15",
     "relative"),
    ("Last winter, fuel ran short.", "Last winter", "2024-12-01", "2025-02-28", "relative"),
    ("Protests spread in the spring of 2024.", "in the spring of 2024", "2024-03-01",
     "2024-05-31", "absolute"),
    ("The vote came in the fall of 2022.", "in the fall of 2022", "2022-09-01", "2022-11-30",
     "absolute"),
    ("Shortages in winter 2023-24 hurt the government.", "in winter 2023-24", "2023-12-01",
     "2024-02-29", "absolute"),
    ("Elections are due in late summer 2026.", "in late summer 2026", "2026-08-01",
     "2026-08-31", "absolute"),
])
def test_seasons(text, expression, start, end, anchor):
    assert found(text, "2025-07-15")[expression] == (start, end, "span", anchor)


def test_season_words_that_are_not_seasons():
    for text in ["The fall of the Shah changed Iran.", "Traders expect a fall in oil prices.",
                 "Prices fall when supply grows."]:
        assert te.find_time_expressions(text, "2025-07-15") == [], text
    record = only("Shortages in winter 2024 hurt the government.", "2025-07-15")
    assert not record["resolved"] and "two years" in record["reason"]


# ---------------------------------------------------------------- spans of days and months


@pytest.mark.parametrize("text, expression, start, end", [
    ("Inspectors visited the site between March 3 and 9.", "between March 3 and 9",
     "2025-03-03", "2025-03-09"),
    ("Inspectors visited the site from 3 to 9 March 2025.", "from 3 to 9 March 2025",
     "2025-03-03", "2025-03-09"),
    ("The March 2-3 talks in Rome ended without a deal.", "March 2-3", "2025-03-02",
     "2025-03-03"),
    ("Inspectors stayed from March 30 to April 2.", "from March 30 to April 2", "2025-03-30",
     "2025-04-02"),
    ("Inspectors stayed from December 28 to January 3, 2025.",
     "from December 28 to January 3, 2025", "2024-12-28", "2025-01-03"),
    ("Talks ran from March to May 2024.", "from March to May 2024", "2024-03-01", "2024-05-31"),
    ("Talks ran between November and January, officials said.",
     "between November and January", "2024-11-01", "2025-01-31"),
])
def test_spans_of_days_and_months(text, expression, start, end):
    assert found(text, "2025-04-20")[expression] == (start, end, "span", "absolute")


def test_two_days_joined_by_and_are_two_days():
    assert found("Inspectors visited the site on March 3 and 9.", "2025-04-01") == {
        "on March 3": ("2025-03-03", "2025-03-03", "day", "absolute")}
    assert set(found("Inspectors came on March 3 and March 9.", "2025-04-01")) == {
        "on March 3", "March 9"}


# ---------------------------------------------------------------- counted from an earlier date


def test_dates_counted_from_the_previous_date_of_the_article():
    first = only("On Monday the envoy arrived in Doha.", "2025-06-04")  # a Wednesday
    assert first["date_start"] == "2025-06-02"
    for text, expression, start, end in [
        ("He had landed in Oman the previous day.", "the previous day", "2025-06-01",
         "2025-06-01"),
        ("The day before, he had met the emir.", "The day before", "2025-06-01", "2025-06-01"),
        ("He met the emir the day before and left.", "the day before", "2025-06-01",
         "2025-06-01"),
        ("Two days later he left.", "Two days later", "2025-06-04", "2025-06-04"),
        ("A week earlier he had been in Oslo.", "A week earlier", "2025-05-26", "2025-05-26"),
        ("The previous week, he had been in Oslo.", "The previous week", "2025-05-26",
         "2025-06-01"),
        ("He had resigned the previous month.", "the previous month", "2025-05-01",
         "2025-05-31"),
    ]:
        record = only(text, "2025-06-04", previous=first)
        assert (record["expression"], record["date_start"], record["date_end"]) == (
            expression, start, end), text
    # "the day before the vote" counts from the vote, not from an earlier date
    assert te.find_time_expressions("The day before the vote, he resigned.", "2025-06-04",
                                    previous=first) == []
    alone = only("The previous week, he had been in Oslo.", "2025-06-04")
    assert not alone["resolved"] and alone["reason"] == te.NO_EARLIER_DATE


def test_later_in_the_day_counts_from_a_near_date_else_it_is_the_publication_day():
    first = only("On Monday the envoy arrived in Doha.", "2025-06-04")
    first["sentence_idx"] = 3
    near = only("Later in the day he met the emir.", "2025-06-04", previous=first,
                sentence_idx=5)
    assert near["date_start"] == "2025-06-02"
    far = only("Later in the day he met the emir.", "2025-06-04", previous=first,
               sentence_idx=9)
    assert far["date_start"] == "2025-06-04"
    assert only("Later in the day he met the emir.", "2025-06-04")["date_start"] == "2025-06-04"
