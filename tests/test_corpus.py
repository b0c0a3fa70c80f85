"""The corpus step on the seeds (expectations read off the articles) and on hand-made pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.corpus import (
    CorpusError,
    clean_text,
    decode_bytes,
    detect_language,
    load_corpus,
)
from helpers.text import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEEDS)


def article(corpus, prefix):
    return corpus.articles[corpus.articles["article_id"].str.startswith(prefix)].iloc[0]


def removed_lines(corpus, prefix):
    rows = corpus.removed[corpus.removed["article_id"].str.startswith(prefix)]
    return dict(zip(rows["line_no"], rows["reason"], strict=True))


# ---------------------------------------------------------------- metadata read off the seeds


@pytest.mark.parametrize(
    "prefix, headline, kicker, author, dateline",
    [
        (
            "000",
            "Exclusive: Iran\u2019s president implores Khamenei to avoid war with Israel",
            "EXCLUSIVE",
            "",
            "",
        ),
        (
            "001",
            "Why Pezeshkian revealed his disagreement with Khamenei on US talks?",
            "ANALYSIS",
            "Maryam Sinaiee",
            "",
        ),
        (
            "002",
            "Iranian leader Khamenei pressured to negotiate with US amid fears war could "
            "collapse ayatollah regime - report",
            "",
            "All Israel News Staff",  # named by the staff bio at the foot of the page
            "",
        ),
        (
            "003",
            "Iran\u2019s New President Asserts Right to Retaliation in Rare Call with Major US Ally",
            "",
            "",
            "",
        ),
        # 004 has no headline in its text: the manifest's is used
        (
            "004",
            "Iran Wants Israel to Be Destroyed, but Why Is It Reluctant to Go to War with Hamas?",
            "",
            "",
            "TEHERAN",
        ),
    ],
)
def test_seed_metadata(seeds, prefix, headline, kicker, author, dateline):
    row = article(seeds, prefix)
    assert row["headline"] == headline
    assert row["kicker"] == kicker
    assert row["author"] == author
    assert row["dateline"] == dateline
    assert row["status"] == "ok" and row["language"] == "en"


def test_manifest_gives_outlet_and_date(seeds):
    got = {
        r.article_id[:3]: (r.outlet, r.published, r.published_source)
        for r in seeds.articles.itertuples()
    }
    assert got == {
        "000": ("Iran International", "2024-08-07", "manifest"),
        "001": ("Iran International", "2025-03-03", "manifest"),
        "002": ("ALL ISRAEL NEWS", "2025-04-11", "manifest"),
        "003": ("USA Daily Wire", "2024-08-13", "manifest"),
        "004": ("Ruetir", "2023-11-16", "manifest"),
    }
    assert article(seeds, "004")["headline_source"] == "manifest"
    assert article(seeds, "000")["headline_source"] == "text"


# ---------------------------------------------------------------- what is removed, what is kept

# Line numbers of every non-blank line that is not article text, read off each file.
EXPECTED_REMOVED = {
    "000": {1: "kicker", 3: "headline", 5: "caption", 6: "caption"},
    "001": {
        1: "kicker",
        3: "headline",
        5: "byline",
        6: "byline",
        8: "bio",
        10: "caption",
        11: "caption",
    },
    "002": {
        1: "site name",
        3: "headline",
        6: "caption",
        40: "bio",
        42: "block",
        43: "block",
        44: "block",
        45: "block",
        46: "block",
        47: "block",
        48: "block",
        49: "block",
    },
    "003": {1: "headline", 25: "link"},
    "004": {1: "date line", 3: "caption", 5: "dateline"},
}
REASON_WORDS = {
    "kicker": "kicker",
    "headline": "headline",
    "caption": "caption",
    "byline": "byline",
    "bio": "bio",
    "site name": "site name",
    "block": "block",
    "link": "link",
    "date line": "date line",
    "dateline": "dateline",
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED_REMOVED))
def test_exactly_the_furniture_is_removed(seeds, prefix):
    got = removed_lines(seeds, prefix)
    assert set(got) == set(EXPECTED_REMOVED[prefix])
    for line_no, kind in EXPECTED_REMOVED[prefix].items():
        assert REASON_WORDS[kind] in got[line_no], (line_no, got[line_no])


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_other_line_is_in_the_body(seeds, path):
    """Each non-blank line not logged as removed appears whole in the cleaned body."""
    row = article(seeds, path.name[:3])
    removed = removed_lines(seeds, path.name[:3])
    body = row["body"]
    for line_no, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = " ".join(line.replace("\u00a0", " ").split())
        if not text or (line_no in removed and "dateline" not in removed[line_no]):
            continue
        if "dateline" in removed.get(line_no, ""):
            text = text.split("\u2013", 1)[1].strip()
        assert text in body, f"line {line_no} lost: {text[:60]}"


def test_no_furniture_left_in_bodies(seeds):
    furniture = [
        "(left)",
        "Photo",
        "Maryam Sinaiee",
        "journalist and political analyst",
        "September 21, 2024",
        "Donate",
        "Popular Articles",
        "Latest Stories",
        "readers like you",
        "Useful Links",
        "loading",
        "date 2023-11-16",
        "News Staff is a team",
        "All Israel\n",
        "EXCLUSIVE",
        "ANALYSIS",
    ]
    for body in seeds.articles["body"]:
        for piece in furniture:
            assert piece not in body, piece


def test_section_headings_are_kept_as_headings(seeds):
    headings = set(seeds.sentences.loc[seeds.sentences["is_heading"], "text"])
    assert {
        "A mission derailed?",
        "Fallout from Pezeshkian\u2019s admission",
        "Khamenei\u2019s history of blocking US negotiations",
        "Key Points from the Diplomatic Call",
        "Conclusion: A Complex and Volatile Situation",
    } <= headings


def test_sentences_trace_back_to_the_body(seeds):
    bodies = dict(zip(seeds.articles["article_id"], seeds.articles["body"], strict=True))
    for row in seeds.sentences.itertuples():
        assert bodies[row.article_id][row.start : row.end] == row.text
    counts = seeds.sentences.groupby("article_id")["sentence_idx"].agg(["min", "max", "count"])
    assert (counts["min"] == 0).all() and (counts["max"] + 1 == counts["count"]).all()


def test_bullets_lose_their_marker_but_keep_their_text(seeds):
    texts = seeds.sentences["text"]
    assert texts.str.startswith("Starmer\u2019s Appeal: In response, Prime Minister Starmer").any()
    assert not texts.str.startswith("- ").any()


# ---------------------------------------------------------------- sentence splitting


def test_sentence_splitting_keeps_abbreviations_and_quotes():
    text = (
        "U.S. President Donald Trump has stressed it. \u201cNobody leads us. We do what we "
        "want to do,\u201d he said. Mr. Khamenei\u2019s turnaround came on Oct. 7 last year. "
        "Talks with the U.S. He left."
    )
    assert split_sentences(text) == [
        "U.S. President Donald Trump has stressed it.",
        "\u201cNobody leads us.",
        "We do what we want to do,\u201d he said.",
        "Mr. Khamenei\u2019s turnaround came on Oct. 7 last year.",
        "Talks with the U.S.",
        "He left.",
    ]


# ---------------------------------------------------------------- other outlets' pages

WIRE_PAGE = """World News
Iran says it will answer any Israeli strike
By Jane Doe, Reuters
Published: Friday, March 21, 2025 10:00 GMT
A woman walks past a mural in Tehran, Iran, March 20, 2025. (Photo by Staff/AFP via Getty Images)
DUBAI, March 21 (Reuters) - Iran's foreign minister said on Friday that Tehran would answer any strike on its soil.
Advertisement
The minister spoke after a meeting with his Omani counterpart in Muscat.
Read more: Iran and the bomb, explained
"We do not seek war, but we will defend ourselves," he told reporters.
Sign up for our daily briefing newsletter
Get the top stories in your inbox every morning.
Share
\u00a9 2025 Reuters. All rights reserved.
Related Articles
Oil prices rise on Gulf tension
Israel strikes targets in Lebanon
"""


def test_wire_page_metadata_and_furniture():
    cleaned = clean_text(WIRE_PAGE, outlet="Reuters", url="https://www.reuters.com/world/x")
    assert cleaned.headline == "Iran says it will answer any Israeli strike"
    assert cleaned.author == "Jane Doe"
    assert cleaned.text_date == "2025-03-21"
    assert cleaned.dateline == "DUBAI, March 21 (Reuters)"
    body = "\n".join(cleaned.paragraphs)
    assert body.startswith("Iran's foreign minister said on Friday")
    assert "The minister spoke after a meeting" in body
    assert '"We do not seek war, but we will defend ourselves," he told reporters.' in body
    for piece in [
        "Advertisement",
        "Read more",
        "newsletter",
        "inbox",
        "Share",
        "rights reserved",
        "Related Articles",
        "Oil prices",
        "Getty",
        "World News",
    ]:
        assert piece not in body, piece
    # 14 of the 17 lines (all but the three holding paragraphs), plus the dateline prefix
    assert len(cleaned.removed) == 15


HARD_WRAPPED = """Tehran signals readiness for talks

Iran's president said on Monday that his government was ready to
resume indirect talks with Washington if sanctions were eased.
He spoke at a news conference in Tehran.
"""


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    cleaned = clean_text(HARD_WRAPPED)
    assert cleaned.headline == "Tehran signals readiness for talks"
    assert cleaned.paragraphs[0] == (
        "Iran's president said on Monday that his government was ready to resume indirect "
        "talks with Washington if sanctions were eased."
    )
    assert cleaned.paragraphs[1] == "He spoke at a news conference in Tehran."


def test_a_sentence_mentioning_a_date_is_not_a_date_line():
    cleaned = clean_text("Headline here\n\nThe talks of 13 August 2024 failed, officials said.\n")
    assert cleaned.text_date == ""


# ---------------------------------------------------------------- bad input

GOOD = (SEEDS / "003_7578b168c4026bc0.txt").read_bytes()


@pytest.fixture()
def messy_folder(tmp_path):
    (tmp_path / "a_good.txt").write_bytes(GOOD)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_blank.txt").write_bytes(b"  \n\n\t \r\n")
    (tmp_path / "d_binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "e_undecodable.txt").write_bytes(b"Caf\xe9 \x81\x8d news \xff\xfe\x90 text " * 5)
    (tmp_path / "f_persian.txt").write_text(
        "\u0631\u0647\u0628\u0631 \u0627\u0646\u0642\u0644\u0627\u0628 \u06af\u0641\u062a "
        "\u06a9\u0647 \u0645\u0630\u0627\u06a9\u0631\u0647 \u0628\u0627 \u0622\u0645\u0631\u06cc"
        "\u06a9\u0627 \u0645\u0645\u0646\u0648\u0639 \u0627\u0633\u062a. " * 20,
        encoding="utf-8",
    )
    (tmp_path / "g_duplicate.txt").write_bytes(GOOD.replace(b"\n", b"\r\n"))
    near = GOOD.decode("utf-8").replace("careful monitoring", "close monitoring")
    (tmp_path / "h_near_duplicate.txt").write_text(near, encoding="utf-8")
    (tmp_path / "i_french.txt").write_text(
        "Le pr\u00e9sident iranien a d\u00e9clar\u00e9 que son pays ne cherche pas la guerre avec "
        "Isra\u00ebl, mais qu'il se r\u00e9serve le droit de r\u00e9pondre aux attaques. " * 4,
        encoding="utf-8",
    )
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url,published,headline,note\n"
        "a_good.txt,Daily Wire,https://example.org/a,13-08-2024,,\n"
        "z_missing.txt,Nowhere,,2024-01-01,,\n",
        encoding="utf-8",
    )
    return tmp_path


def test_messy_folder_completes_and_lists_every_bad_file(messy_folder):
    corpus = load_corpus(messy_folder)
    status = dict(zip(corpus.articles["file"], corpus.articles["status"], strict=True))
    problem = dict(zip(corpus.articles["file"], corpus.articles["problem"], strict=True))
    assert status == {
        "a_good.txt": "ok",
        "b_empty.txt": "skipped",
        "c_blank.txt": "skipped",
        "d_binary.txt": "skipped",
        "e_undecodable.txt": "skipped",
        "f_persian.txt": "skipped",
        "g_duplicate.txt": "skipped",
        "h_near_duplicate.txt": "skipped",
        "i_french.txt": "skipped",
        "z_missing.txt": "skipped",
    }
    assert problem["b_empty.txt"] == "is empty"
    assert problem["c_blank.txt"] == "has only white space"
    assert "binary" in problem["d_binary.txt"]
    assert "not UTF-8" in problem["e_undecodable.txt"]
    assert "not in English" in problem["f_persian.txt"] and "Arabic" in problem["f_persian.txt"]
    assert problem["g_duplicate.txt"] == "is an exact duplicate of a_good.txt"
    assert (
        "near" in problem["h_near_duplicate.txt"]
        and "a_good.txt" in problem["h_near_duplicate.txt"]
    )
    assert "English" in problem["i_french.txt"]
    assert "missing" in problem["z_missing.txt"]
    assert "malformed manifest date '13-08-2024'" in problem["a_good.txt"]
    # one plain sentence per problem, each naming its file
    for name in status:
        if status[name] == "skipped":
            assert any(m.startswith(name) for m in corpus.messages), name
    assert any("z_missing.txt" in m and "not in the folder" in m for m in corpus.messages)
    # nothing of the skipped files reaches the sentences
    assert set(corpus.sentences["article_id"]) == {"a_good"}


def test_malformed_manifest_date_falls_back_to_nothing_not_a_guess(messy_folder):
    row = load_corpus(messy_folder).articles.set_index("file").loc["a_good.txt"]
    assert row["published"] == "" and row["published_source"] == "unknown"


def test_broken_manifest_rows_are_reported(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD)
    (tmp_path / "b.txt").write_bytes((SEEDS / "004_6da93dbc1b5ab60c.txt").read_bytes())
    (tmp_path / "manifest.csv").write_text(
        "file,outlet,url,published,headline,note\n"
        "a.txt,\"Daily Wire, US\"\n"  # short: a spreadsheet dropped the empty fields
        ",Y,,,,\n"  # no file name
        "b.txt,Z,,2024-08-13,,,extra,values\n",  # longer than the header
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path)
    rows = corpus.articles.set_index("file")
    assert rows.loc["a.txt", "outlet"] == "Daily Wire, US"
    assert rows.loc["a.txt", "problem"] == ""
    assert any("row 3" in m and "names no file" in m for m in corpus.messages)
    assert rows.loc["b.txt", "outlet"] == ""
    assert rows.loc["b.txt", "problem"] == (
        "has more values than the header has columns in manifest.csv row 4"
    )
    assert "b.txt has more values than the header has columns in manifest.csv row 4." in (
        corpus.messages
    )
    assert corpus.articles["status"].tolist() == ["ok", "ok"]


def test_missing_and_empty_folders_raise_one_plain_sentence(tmp_path):
    with pytest.raises(CorpusError, match=r"does not exist\.$"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match=r"has no article files \(\.txt, .*\)\.$"):
        load_corpus(tmp_path)


def test_text_date_is_used_without_a_manifest(tmp_path):
    (tmp_path / "page.txt").write_bytes((SEEDS / "004_6da93dbc1b5ab60c.txt").read_bytes())
    row = load_corpus(tmp_path).articles.iloc[0]
    assert (row["published"], row["published_source"]) == ("2023-11-16", "text")
    assert row["outlet"] == "" and row["headline"] == ""


def test_decoding_fallbacks():
    assert (
        decode_bytes("\ufeffIran said \u201cno\u201d.".encode("utf-8"))[0]
        == "Iran said \u201cno\u201d."
    )
    text, encoding, problem = decode_bytes(b"Iran said \x93no\x94 to talks.")
    assert (text, encoding) == ("Iran said \u201cno\u201d to talks.", "cp1252")
    assert "Windows-1252" in problem
    assert decode_bytes("Iran".encode("utf-16"))[0] == "Iran"
    assert decode_bytes(b"\x00\x01\x02binary")[0] is None


def test_language_detection_on_english_and_not():
    assert detect_language("The president said that Iran will not seek war with Israel.")[0] == "en"
    language, reason = detect_language(
        "\u0418\u0440\u0430\u043d \u0437\u0430\u044f\u0432\u0438\u043b " * 10
    )
    assert language == "und" and "Cyrillic" in reason


def test_parallel_load_equals_serial():
    serial, parallel = load_corpus(SEEDS, workers=1), load_corpus(SEEDS, workers=2)
    for name in ("articles", "removed", "sentences"):
        assert getattr(serial, name).equals(getattr(parallel, name)), name


def test_removed_line_numbers_point_at_the_raw_file(seeds):
    for row in seeds.removed.itertuples():
        raw = (SEEDS / f"{row.article_id}.txt").read_text("utf-8").splitlines()[row.line_no - 1]
        assert re.sub(r"\s+", " ", row.text) in re.sub(r"\s+", " ", raw.replace("\u00a0", " "))


BLOCKS_WITH_GAPS = """Headline of the day here

The minister said that Iran will respond to any attack, officials said on Monday.

Related Articles

Oil prices rise

Talks stall in Oman

A message from the editors

For as little as $5, you can support our non-profit newsroom, supported by readers like you.

Analysts in the region said the statement was meant for a domestic audience first.
"""


def test_promo_blocks_run_across_blank_lines_until_article_prose():
    cleaned = clean_text(BLOCKS_WITH_GAPS)
    assert cleaned.paragraphs == [
        "The minister said that Iran will respond to any attack, officials said on Monday.",
        "Analysts in the region said the statement was meant for a domestic audience first.",
    ]
    assert [r[0] for r in cleaned.removed] == [1, 5, 7, 9, 11, 13]


def test_date_is_inferred_from_the_text_when_nothing_else_gives_it(tmp_path):
    (tmp_path / "undated.txt").write_text(
        "Talks resume in Oman\n\n"
        "Iran and the United States held a first round of indirect talks in Muscat on "
        "April 12, 2025, officials said.\n\n"
        "A second round followed in Rome on April 19, 2025, the foreign ministry said.\n",
        encoding="utf-8",
    )
    (tmp_path / "no_dates.txt").write_text(
        "Talks resume in Oman\n\nIran and the United States held indirect talks in Muscat, "
        "officials said on Monday.\n",
        encoding="utf-8",
    )
    rows = load_corpus(tmp_path).articles.set_index("file")
    assert rows.loc["undated.txt", "published"] == "2025-04-19"
    assert rows.loc["undated.txt", "published_source"] == "inferred"
    assert "April 19, 2025" in rows.loc["undated.txt", "published_evidence"]
    assert rows.loc["no_dates.txt", "published"] == ""
    assert rows.loc["no_dates.txt", "published_source"] == "unknown"
