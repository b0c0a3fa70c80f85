"""Saved web pages and database exports, on hand-written files shaped like real ones."""

from __future__ import annotations

import json
from datetime import date

import pytest

from helpers.corpus import load_corpus
from helpers.sources import date_from_url, export_sources, extract_html

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Tehran rules out direct talks | Example Herald</title>
<meta property="og:site_name" content="Example Herald">
<meta property="og:title" content="Tehran rules out direct talks with Washington">
<meta name="author" content="Lea Stein">
<link rel="canonical" href="https://www.example-herald.com/world/2025/02/07/tehran-talks">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Tehran rules out direct talks with Washington",
 "datePublished": "2025-02-07T09:30:00+03:30", "author": {"@type": "Person", "name": "Lea Stein"}}
</script>
<script>window.dataLayer = window.dataLayer || [];</script>
<style>.nav { color: red; }</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/login">Sign in</a></li></ul></nav></header>
<main><article>
<h1>Tehran rules out direct talks with Washington</h1>
<p>Iran's supreme leader said on Friday that negotiating directly with the United States
would not solve any of the country's problems, in a speech to air force commanders.</p>
<figure><img src="a.jpg" alt=""><figcaption>Commanders listen to the speech. Photo: Example Agency</figcaption></figure>
<p>He said past agreements had shown that Washington did not keep its promises, and that
talks under pressure would be a sign of weakness rather than of wisdom.</p>
<p>The foreign minister later told reporters that indirect contacts through Oman remained
possible if the United States changed its approach to sanctions.</p>
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Oil prices climb on Gulf fears</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><p>This is exactly what I expected from them!</p></section>
<footer><p>&copy; 2025 Example Herald. All rights reserved.</p></footer>
</body></html>
"""


def test_saved_page_text_and_metadata():
    page = extract_html(SAVED_PAGE)
    assert "negotiating directly with the United States" in page.text
    assert "indirect contacts through Oman" in page.text
    assert page.meta["headline"] == "Tehran rules out direct talks with Washington"
    assert page.meta["author"] == "Lea Stein"
    assert page.meta["published"] == "2025-02-07"
    assert page.meta["outlet"] == "Example Herald"
    assert page.meta["url"].endswith("/2025/02/07/tehran-talks")


def test_saved_page_logs_every_block_it_leaves_out():
    page = extract_html(SAVED_PAGE)
    left = " | ".join(text for _, text, _ in page.left_out)
    for piece in ("Home", "Sign in", "Oil prices climb", "exactly what I expected",
                  "All rights reserved", "<script>", "<style>"):
        assert piece in left, piece
    assert "not keep its promises" not in left
    assert all(line > 0 for line, _, _ in page.left_out)  # each points at its source line


CSV_EXPORT = (
    "stories_id,headline,publish_date,media_name,url,body\n"
    "101,Iran vows response,2024-10-02 08:00:00,Example Wire,https://example.com/a,"
    "\"Iran's armed forces chief said on Wednesday that any Israeli attack would be met with "
    "a stronger response, state television reported.\"\n"
    "102,Empty row,2024-10-02,Example Wire,https://example.com/b,\n"
    "103,Talks resume,not a date,Example Wire,https://example.com/2024/10/03/talks,"
    "\"Iranian and Omani officials met in Muscat on Thursday to discuss a return to indirect "
    "talks with the United States, the foreign ministry said.\"\n"
)


def test_csv_export_rows_become_articles_with_stable_ids(tmp_path):
    (tmp_path / "export.csv").write_text(CSV_EXPORT, "utf-8")
    first = load_corpus(tmp_path).articles.set_index("article_id")
    assert list(first.index) == ["export-101", "export-102", "export-103"]
    row = first.loc["export-101"]
    assert (row["status"], row["outlet"], row["headline"]) == ("ok", "Example Wire",
                                                                "Iran vows response")
    assert (row["published"], row["published_source"]) == ("2024-10-02", "export")
    bad = first.loc["export-102"]
    assert bad["status"] == "skipped" and bad["problem"] == "row 2 has no article text"
    undated = first.loc["export-103"]  # an unreadable date: the address gives one
    assert (undated["published"], undated["published_source"]) == ("2024-10-03", "url")
    assert "could not be read" in undated["problem"]
    # the same rows in another order keep their ids
    lines = CSV_EXPORT.splitlines()
    (tmp_path / "export.csv").write_text("\n".join([lines[0], lines[3], lines[1]]) + "\n", "utf-8")
    again = load_corpus(tmp_path).articles
    assert set(again["article_id"]) == {"export-101", "export-103"}


def test_jsonl_and_json_exports_with_bad_rows(tmp_path):
    good = {"title": "Guards warn Israel", "date": "2024-04-14", "source": "Example Daily",
            "content": "The Revolutionary Guards said on Sunday that Iran would answer any "
                       "Israeli counterstrike with a far larger operation, state media said."}
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(good) + "\n{not json\n" + json.dumps(["a list"]) + "\n", "utf-8")
    (tmp_path / "dump.json").write_text(json.dumps({"articles": [
        {"id": "x1", "headline": "Talks in Rome", "published": "19 April 2025",
         "text": "Iranian and American negotiators met in Rome on Saturday for a second round "
                 "of indirect talks mediated by Oman, officials said."},
        {"id": "x1", "text": "A repeated id."}]}), "utf-8")
    corpus = load_corpus(tmp_path)
    rows = corpus.articles.set_index("article_id")
    assert rows.loc["dump-x1", "published"] == "2025-04-19"
    problems = " | ".join(corpus.messages)
    assert "feed.jsonl line 2 is not valid JSON" in problems
    assert "feed.jsonl line 3 is not a JSON object" in problems
    assert "dump.json row 2 repeats the id of row 1" in problems
    ok = rows[rows["status"] == "ok"]
    assert len(ok) == 2 and set(ok["outlet"]) == {"Example Daily", ""}


def test_a_csv_without_a_text_column_is_reported_not_read(tmp_path):
    (tmp_path / "notes.csv").write_text("name,value\na,1\n", "utf-8")
    (tmp_path / "a.txt").write_text(
        "Headline\n\nIran said on Monday that it would respond to any attack on its soil, "
        "officials said.\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert any(m.startswith("notes.csv has no text column") for m in corpus.messages)
    assert corpus.articles["article_id"].tolist() == ["a"]


def test_mixed_folder_reads_every_kind(tmp_path):
    (tmp_path / "page.html").write_text(SAVED_PAGE, "utf-8")
    (tmp_path / "export.csv").write_text(CSV_EXPORT, "utf-8")
    (tmp_path / "note.txt").write_text(
        "Iran warns Israel\n\nIran warned Israel on Sunday that any attack on its nuclear "
        "sites would be answered, the foreign ministry said.\n", "utf-8")
    (tmp_path / "feed.jsonl").write_text(json.dumps(
        {"id": "j1", "title": "Oman hosts talks", "date": "2025-04-12", "source": "Example Daily",
         "text": "Iranian and American delegations held indirect talks in Muscat on Saturday, "
                 "Oman's foreign minister said after the meeting."}) + "\n{broken\n", "utf-8")
    corpus = load_corpus(tmp_path)
    rows = corpus.articles.set_index("article_id")
    assert rows.loc["page", "headline"] == "Tehran rules out direct talks with Washington"
    assert rows.loc["page", "published_source"] == "html"
    assert rows.loc["page", "author"] == "Lea Stein"
    assert "air force commanders" in rows.loc["page", "body"]
    assert "Oil prices climb" not in rows.loc["page", "body"]
    assert (corpus.removed["article_id"] == "page").sum() >= 6
    assert rows.loc["note", "status"] == "ok"
    assert (rows.loc["feed-j1", "outlet"], rows.loc["feed-j1", "published"]) == (
        "Example Daily", "2025-04-12")
    assert rows.loc["feed-line2", "status"] == "skipped"  # the broken row, with its number
    assert "feed.jsonl line 2 is not valid JSON" in " ".join(corpus.messages)
    assert (rows["status"] == "ok").sum() == 5


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.example.com/world/2025/03/21/iran-talks", date(2025, 3, 21)),
        ("https://example.com/news/20240414-iran-attack", date(2024, 4, 14)),
        ("https://example.com/2023/11/iran-wants", None),  # month only
        ("https://example.com/article/123456789", None),
    ],
)
def test_date_from_the_address(url, expected):
    assert date_from_url(url) == expected


def test_export_file_problem_when_json_is_broken(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{\"articles\": [", "utf-8")
    sources, problem = export_sources(path)
    assert sources == [] and problem.startswith("is not valid JSON")
