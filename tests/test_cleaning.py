"""Cleaning rules on hand-written pages: each test names the kind of line it is about.

The pages are made up for these tests in the shapes news sites print (menus, share bars,
video players, bylines, date lines, captions, footers); none is copied from a real page.
"""

from __future__ import annotations

from datetime import date

import pytest

from helpers.cleaning import byline_author, clean_text, interface_reason, publisher_name
from helpers.corpus import load_corpus
from helpers.dates import header_date, parse_date_line

MAGAZINE_PAGE = """Skip to main content
Open navigation menu
The Daily Meridian
World
Politics
Business
Middle East
Subscribe
Sign in
Trusted reporting for curious readers
Iran signals it will answer any strike on its nuclear sites
Officials in Tehran say a response would be measured, as Gulf states urge both sides to hold back
A crowd gathers outside a mosque in central Tehran on Friday. Photograph: Sam Doyle/AFP
By Maria Lindqvist and Omar Haddad in Dubai
Tue 3 Jun 2025 09.15 BST
Share
Copy link
Iran's foreign ministry said on Tuesday that the country would respond to any attack on its nuclear sites, but that the response would be measured and aimed only at military targets.
The statement came hours after Israeli officials warned that the window for diplomacy was closing, and after a week of unusually sharp rhetoric from both capitals.
Gulf states have urged both sides to hold back. Oman, which has mediated between Tehran and Washington, said it was in contact with all parties.
Get our Middle East briefing in your inbox every morning. Sign up here.
Diplomats said a new round of talks between Iran and the United States could still take place later this month if the tension eased.
Analysts said the wording of the statement left room for a climbdown on both sides.
Most read
Oil climbs as shipping insurers raise Gulf premiums
Five things to know about the nuclear talks
Maria Lindqvist is the Meridian's Gulf correspondent, based in Dubai.
The Daily Meridian is an award-winning independent publisher of news and analysis.
\u00a9 2025 The Daily Meridian. All rights reserved.
Privacy policy
Terms of use
"""


@pytest.fixture(scope="module")
def magazine():
    return clean_text(MAGAZINE_PAGE)


def test_headline_is_the_title_line_that_shares_the_article_words(magazine):
    # the tagline above it and the menu items share none of them
    assert magazine.headline == "Iran signals it will answer any strike on its nuclear sites"


def test_byline_gives_every_author_without_the_place(magazine):
    assert magazine.author == "Maria Lindqvist and Omar Haddad"


def test_date_line_with_a_dotted_clock_time(magazine):
    assert magazine.text_date == "2025-06-03"


def test_article_kept_and_furniture_out(magazine):
    body = "\n".join(magazine.paragraphs)
    assert body.startswith("Officials in Tehran say a response")  # the standfirst stays
    for kept in ("would respond to any attack on its nuclear sites",
                 "Oman, which has mediated between Tehran and Washington",
                 "could still take place later this month",
                 "left room for a climbdown on both sides"):
        assert kept in body, kept
    for gone in ("Skip to main content", "Subscribe", "Trusted reporting", "Photograph",
                 "Share", "Copy link", "briefing in your inbox", "Most read", "Oil climbs",
                 "Five things", "Gulf correspondent", "award-winning", "All rights",
                 "Privacy policy", "Middle East\n"):
        assert gone not in body + "\n", gone


def test_every_removed_line_has_a_reason(magazine):
    assert all(why for _, _, why in magazine.removed)
    n_lines = len([x for x in MAGAZINE_PAGE.splitlines() if x.strip()])
    assert len(magazine.removed) + len(magazine.paragraphs) == n_lines


VIDEO_PAGE = """Home
News
Video
Khamenei tells commanders talks with Washington would solve nothing
BY JANE ROE EXAMPLE NEWS
Published March 4, 2025 8:05am EST
Example News
Hardliners cheer as president urges patience
Example News correspondent Tom Fry reports on the latest from the region.
Video Player is loading.
Play Video
Current Time 0:00
/
Duration 2:41
1x
Listen to this article
3 min read
Iran's supreme leader told air force commanders on Tuesday that negotiating with the United States would not solve the country's problems.
He said past agreements had shown that Washington did not keep its promises.
OFFICIALS SAY TALKS COULD RESUME AFTER RAMADAN
The president has urged patience, saying the government would keep every channel open.
"""


def test_video_player_and_read_time_are_interface(tmp_path):
    cleaned = clean_text(VIDEO_PAGE)
    assert cleaned.headline.startswith("Khamenei tells commanders")
    assert cleaned.author == "JANE ROE"  # the outlet's name after the name is cut off
    assert cleaned.text_date == "2025-03-04"
    assert cleaned.paragraphs[0].startswith("Iran's supreme leader told air force commanders")
    body = "\n".join(cleaned.paragraphs)
    for gone in ("Video Player", "Current Time", "Duration", "1x", "Listen to this",
                 "min read", "reports on the latest", "OFFICIALS SAY"):
        assert gone not in body, gone
    assert "keep every channel open" in body


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Ana Ruiz, Senior Fellow, Middle East Programme", "Ana Ruiz"),
        ("By KARIM SAEED, DEFENCE CORRESPONDENT", "KARIM SAEED"),
        ("By Ana Ruiz | Edited by Tom Fry", "Ana Ruiz"),
        ("By Ana Ruiz, Tom Fry and Lea Stein, Example", "Ana Ruiz, Tom Fry and Lea Stein"),
        ("by Ana Ruiz - 03/04/25 9:00 AM ET", "Ana Ruiz"),
        ("Ana Ruiz Security editor", "Ana Ruiz"),
        ("By Foreign Desk", "Foreign Desk"),
        ("Reuters", "Reuters"),
        ("Example Times with AFP", "Example Times with AFP"),
        ("Staff writer", None),
        ("Share on X", None),
        ("Iran says talks are over.", None),
    ],
)
def test_byline_shapes(line, expected):
    assert byline_author(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Updated 7:40 PM EDT, Mon March 3, 2025", date(2025, 3, 3)),
        ("Posted: 3 Mar 2025, 11:02 GST", date(2025, 3, 3)),
        ("05/03/2025 - 16:20", date(2025, 3, 5)),  # day first without a US clock
        ("03/05/2025 10:12 AM ET", date(2025, 3, 5)),  # month first with one
        ("Mar 3, 2025, 04:45 PM", date(2025, 3, 3)),
        ("Published: 09:10 BST, 3 March 2025 | Updated: 12:00 BST, 4 March 2025",
         date(2025, 3, 3)),  # the earliest date is the publication
        ("3 March 2025 \u2022 2:05pm", date(2025, 3, 3)),
        ("MARCH 3, 2025 14:05", date(2025, 3, 3)),
        ("Analysis / Gulf & Iran 3 March 2025", date(2025, 3, 3)),
        ("Iran struck Israel on April 13, 2024", None),  # a headline, not a date line
    ],
)
def test_header_date_line_shapes(line, expected):
    assert header_date(line)[0] == expected


def test_a_date_in_a_sentence_is_not_a_date_line():
    assert parse_date_line("Talks resumed in Muscat on 3 March 2025, officials said.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Sign in", "Share on Facebook", "Play video", "Back to homepage", "Skip to content",
        "1 View gallery", "0:00", "This article is more than 2 years old",
        "Getting your audio player ready...", "Please enter a valid email address.",
        "Join Example News for access to this content",
        "Save my name, email, and website in this browser for the next time I comment.",
        "World | Politics | Business | Opinion",
    ],
)
def test_interface_lines(line):
    assert interface_reason(line, len(line.split())) is not None


@pytest.mark.parametrize(
    "line",
    [
        "More sanctions ahead",  # a sub-heading with one control word
        "Iran says it will respond to any attack, state media said.",
        '"If you strike us, you will regret it," the commander said in a video.',
        "He shared the video on X and said the talks were over.",
    ],
)
def test_article_lines_are_not_interface(line):
    assert interface_reason(line, len(line.split())) is None


def test_trailing_blurb_without_the_articles_words_is_footer():
    page = (
        "Iran and the US hold talks in Oman\n"
        "Iranian and American negotiators met in Muscat on Saturday for indirect talks on "
        "Iran's nuclear programme, Oman's foreign ministry said.\n"
        "The talks lasted more than two hours, and both delegations described them as "
        "constructive, the ministry said.\n"
        "A second round of nuclear talks is expected next week in Muscat, officials said.\n"
        "Related coverage\n"
        "Markets rally as oil slips\n"
        "Example Wire is one of the largest providers of financial data to professional "
        "investors around the world.\n"
    )
    cleaned = clean_text(page)
    body = "\n".join(cleaned.paragraphs)
    assert "second round of nuclear talks" in body
    assert "Markets rally" not in body and "financial data" not in body


def test_closing_paragraph_on_a_new_subject_stays_with_the_article():
    page = (
        "Iran mourns its president\n"
        "Iran declared five days of mourning on Monday after President Ebrahim Raisi was "
        "killed in a helicopter crash in the country's northwest.\n"
        "Raisi, 63, had been seen as a possible successor to the supreme leader, and his "
        "death leaves the Iranian establishment facing an early election.\n"
        "First Vice President Mohammad Mokhber will take over as acting president until "
        "an election is held within fifty days.\n"
        "Markets in the region were calm, with regional stock indexes barely moving in "
        "early trade on Monday morning.\n"
    )
    cleaned = clean_text(page)
    assert cleaned.paragraphs[-1].startswith("Markets in the region were calm")


def test_author_bio_after_the_article_is_removed():
    page = (
        "Iran warns Israel\nBy Lena Ostrova\n"
        "Iran warned Israel on Sunday that any attack on its territory would be answered "
        "with force, the foreign ministry said.\n"
        "The warning came as Israeli officials weighed their response to a missile attack "
        "last week.\n"
        "Lena Ostrova covers Iran and the Gulf for Example News.\n"
    )
    cleaned = clean_text(page)
    assert cleaned.author == "Lena Ostrova"
    assert not any("covers Iran" in p for p in cleaned.paragraphs)


@pytest.mark.parametrize(
    "line, publisher",
    [
        ("\u00a9 2025 Example Media Ltd. All rights reserved.", "Example Media Ltd"),
        ("Copyright 2024 The Example Press. All Rights Reserved.", "The Example Press"),
        ("Copyright: Example Times \u00a9 2025 All rights reserved", "Example Times"),
        ("\u00a9 2025. All rights reserved.", ""),
    ],
)
def test_publisher_from_the_copyright_line(line, publisher):
    assert publisher_name(line) == publisher


WIRE_STORY = (
    "Iran rejects talks under pressure\n"
    "Iran's foreign minister said on Saturday that Tehran would not negotiate with the "
    "United States while sanctions were being tightened, state media reported.\n"
    "He said indirect contacts through Oman could continue if Washington changed course, "
    "and that Iran had not closed the door on diplomacy.\n"
)


def test_same_story_from_another_outlet_is_kept_as_syndicated(tmp_path):
    (tmp_path / "a.txt").write_text(WIRE_STORY + "\u00a9 2025 First Example News\n", "utf-8")
    (tmp_path / "b.txt").write_text(WIRE_STORY + "\u00a9 2025 Second Example Post\n", "utf-8")
    (tmp_path / "c.txt").write_text(WIRE_STORY + "\u00a9 2025 First Example News\n", "utf-8")
    rows = load_corpus(tmp_path).articles.set_index("article_id")
    assert rows.loc["a", "outlet"] == "First Example News"
    assert rows.loc["a", "outlet_source"] == "copyright line"
    assert rows.loc["b", "status"] == "ok" and rows.loc["b", "duplicate_of"] == "a"
    assert bool(rows.loc["a", "syndicated"]) and bool(rows.loc["b", "syndicated"])
    assert rows.loc["c", "status"] == "skipped"  # the same outlet's copy is a duplicate
    assert "duplicate of a.txt" in rows.loc["c", "problem"]


def test_a_syndicated_copy_counts_once_in_totals(tmp_path):
    from helpers.corpus import story_once, syndication_groups

    (tmp_path / "a.txt").write_text(WIRE_STORY + "\u00a9 2025 First Example News\n", "utf-8")
    (tmp_path / "b.txt").write_text(WIRE_STORY + "\u00a9 2025 Second Example Post\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert len(story_once(corpus.sentences, corpus.articles)) == len(corpus.sentences) / 2
    groups = syndication_groups(corpus.articles)
    assert groups.to_dict("records") == [{"first_article": "a", "first_outlet":
                                          "First Example News", "copy": "b",
                                          "copy_outlet": "Second Example Post"}]


def test_a_syndicated_story_counts_once_in_stance_and_once_per_outlet_in_outlet_tables(tmp_path):
    from helpers import actors, framing, quotes, stance, timeline
    from helpers.corpus import story_once

    story = ("Iran rules out talks\nPublished: 12 April 2025\nIran's foreign minister Abbas Araghchi said on Saturday "
             "that Tehran would not negotiate with the United States under pressure, calling "
             "the latest sanctions an act of aggression, state media reported.\nHe said the "
             "country would keep indirect contacts through Oman open.\n")
    (tmp_path / "a.txt").write_text(story + "\u00a9 2025 First Example News\n", "utf-8")
    (tmp_path / "b.txt").write_text(story + "\u00a9 2025 Second Example Post\n", "utf-8")
    corpus = load_corpus(tmp_path)
    s, a = corpus.sentences, corpus.articles
    mentions = actors.find_mentions(s, a)
    records = stance.find_stances(s, mentions, quotes.find_quotes(s, mentions, a), a)
    assert set(records["article_id"]) == {"a", "b"}  # each copy keeps its own rows
    summary = stance.summarize_stances(story_once(records, a))
    assert list(summary["article_id"]) == ["a"] * len(summary) and len(summary) >= 1
    events = timeline.find_events(s, a, mentions=mentions)
    assert set(timeline.event_summary(story_once(events, a), a)["articles"]) == {"a"}
    outlets = framing.framing_outlets(framing.find_terms(s), a)
    assert {"First Example News", "Second Example Post"} <= set(outlets["outlet"])
