"""Quote finding and speaker attribution, checked against a reading of the seeds."""

from pathlib import Path

import pandas as pd
import pytest

from helpers.actors import find_mentions
from helpers.corpus import load_corpus
from helpers.quotes import QUOTE_COLUMNS, find_quotes, quote_spans

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def quotes(corpus):
    mentions = find_mentions(corpus.sentences, corpus.articles)
    return find_quotes(corpus.sentences, mentions, corpus.articles)


def quotes_of(texts: list[str], published: str = "2025-04-11", paragraphs=None) -> pd.DataFrame:
    sentences = pd.DataFrame(
        {
            "article_id": "hand",
            "sentence_idx": range(len(texts)),
            "paragraph_idx": paragraphs if paragraphs is not None else [0] * len(texts),
            "text": texts,
        }
    )
    articles = pd.DataFrame({"article_id": ["hand"], "published": [published]})
    return find_quotes(sentences, find_mentions(sentences, articles), articles)


def row(quotes, prefix: str, sentence_idx: int, kind: str) -> pd.Series:
    rows = quotes[
        quotes["article_id"].str.startswith(prefix)
        & (quotes["sentence_idx"] == sentence_idx)
        & (quotes["kind"] == kind)
    ]
    assert len(rows) == 1, (prefix, sentence_idx, kind, rows)
    return rows.iloc[0]


# Each direct quote of the seeds: (article, first sentence, speaker_id, words in the speaker).
SEED_DIRECT_QUOTES = [
    ("000", 13, "", "close aide to Pezeshkian"),
    ("000", 14, "", "close aide to Pezeshkian"),
    ("000", 17, "pezeshkian", "Pezeshkian"),
    ("000", 18, "pezeshkian", "Pezeshkian"),
    ("000", 20, "pezeshkian", "Iranian president"),
    ("001", 1, "pezeshkian", "Pezeshkian"),
    ("001", 9, "iranmehr", "Sahand Iranmehr"),
    ("001", 21, "", "angry citizens"),
    ("001", 25, "", "businessman"),
    ("001", 31, "salavatian", "Salavatian"),
    ("002", 2, "", "Iranian officials"),
    ("002", 5, "mousavian", "Mousavian"),
    ("002", 9, "trump", "Trump"),
    ("002", 11, "trump", "Trump"),
    ("002", 13, "trump", "Trump"),
    ("002", 18, "shamkhani", "Shamkhani"),
    ("003", 6, "starmer", "Starmer"),
    ("004", 3, "", "official"),
    ("004", 8, "", "sources"),
]


@pytest.mark.parametrize("prefix, sentence_idx, speaker_id, speaker", SEED_DIRECT_QUOTES)
def test_seed_direct_quote_speakers(quotes, prefix, sentence_idx, speaker_id, speaker):
    found = row(quotes, prefix, sentence_idx, "direct")
    assert found["speaker_id"] == speaker_id
    assert speaker in found["speaker"]


def test_columns_and_no_unattributed_direct_quotes_in_seeds(quotes):
    assert list(quotes.columns) == QUOTE_COLUMNS
    direct = quotes[quotes["kind"] == "direct"]
    assert len(direct) == len(SEED_DIRECT_QUOTES)
    assert (direct["speaker"] != "").all()


def test_multi_sentence_quote_is_one_quote(quotes):
    found = row(quotes, "001", 1, "direct")
    assert found["last_sentence_idx"] == 3
    assert found["quote"].startswith("I personally believed")
    assert found["quote"].endswith("it was done and over with")
    assert row(quotes, "001", 31, "direct")["last_sentence_idx"] == 36


def test_actors_named_inside_a_quote_are_not_its_speakers(quotes):
    # "the Supreme Leader said" and "Pezeshkian said today" are inside the quoted words.
    assert row(quotes, "001", 1, "direct")["speaker_id"] == "pezeshkian"
    assert row(quotes, "001", 31, "direct")["speaker_id"] == "salavatian"
    assert row(quotes, "002", 2, "direct")["speaker_id"] == ""


def test_he_said_points_back_to_the_last_speaker(quotes):
    # 000: the close aide, not Pezeshkian (named inside the quote); 002: Trump.
    aide = row(quotes, "000", 13, "direct")
    assert (aide["speaker_id"], aide["cue"]) == ("", "said")
    assert row(quotes, "002", 13, "direct")["speaker_id"] == "trump"


def test_the_addressee_is_not_the_speaker(quotes):
    assert "macron" not in set(quotes["speaker_id"])
    assert "reuters" not in set(quotes["speaker_id"])
    assert "telegraph" not in set(quotes["speaker_id"])


def test_inline_quoted_words_belong_to_the_indirect_statement(quotes):
    pezeshkian = row(quotes, "003", 5, "indirect")
    assert (pezeshkian["speaker_id"], pezeshkian["cue"]) == ("pezeshkian", "insisted")
    assert "crimes and aggression" in pezeshkian["quote"]
    assert "giving diplomacy a genuine chance" in row(quotes, "002", 21, "indirect")["quote"]
    assert row(quotes, "002", 21, "indirect")["speaker_id"] == "baghaei"
    assert "severe response" in row(quotes, "000", 10, "indirect")["quote"]
    assert row(quotes, "000", 10, "indirect")["speaker_id"] == "salami"


def test_reported_speech_is_indirect(quotes):
    cautioned = row(quotes, "000", 5, "indirect")
    assert (cautioned["speaker_id"], cautioned["cue"]) == ("pezeshkian", "cautioned")
    assert cautioned["quote"].startswith("a decision by Israel")
    assert row(quotes, "001", 6, "indirect")["speaker_id"] == "baghaei"
    both = quotes[quotes["article_id"].str.startswith("002") & (quotes["sentence_idx"] == 24)]
    assert list(both["speaker_id"]) == ["trump", ""]
    assert list(both["speaker"]) == ["Trump", "the Iranian regime"]


def test_unnamed_speakers_keep_their_description(quotes):
    assert row(quotes, "000", 12, "indirect")["speaker"] == "a close aide to Pezeshkian"
    assert row(quotes, "001", 24, "indirect")["speaker"] == "A businessman in Tehran"
    assert row(quotes, "000", 6, "indirect")["speaker"] == "sources"


def test_private_plea_keeps_its_sources(quotes):
    plea = row(quotes, "000", 0, "indirect")
    assert (plea["speaker_id"], plea["cue"]) == ("pezeshkian", "pleaded")
    assert plea["via"].startswith("sources familiar")


def test_parallel_equals_serial(corpus):
    mentions = find_mentions(corpus.sentences, corpus.articles)
    serial = find_quotes(corpus.sentences, mentions, corpus.articles)
    parallel = find_quotes(corpus.sentences, mentions, corpus.articles, workers=2)
    pd.testing.assert_frame_equal(serial, parallel)


# ---------------------------------------------------------------- hand-made text


def test_quote_spans_tolerate_unbalanced_marks():
    text = 'He said it "may have been a bid. \u201cNo one can accept it,\u201d he said.'
    spans = [text[a:b] for _, _, a, b in quote_spans(text)]
    assert spans == ["may have been a bid.", "No one can accept it,"]
    mixed = '\u201cAt the ceremony, I was told to speak."'
    assert [mixed[a:b] for _, _, a, b in quote_spans(mixed)] == [
        "At the ceremony, I was told to speak."
    ]


@pytest.mark.parametrize(
    "text, speaker_id, kind",
    [
        ("\u201cWe will respond,\u201d Araghchi told reporters in Muscat.", "araghchi", "direct"),
        (
            "\u201cWe will respond,\u201d said Abbas Araghchi, the foreign minister.",
            "araghchi",
            "direct",
        ),
        ('Araghchi told reporters that "Iran will respond to any attack."', "araghchi", "direct"),
        ("Araghchi told reporters that Iran would respond to any attack.", "araghchi", "indirect"),
        ("According to Reuters, Iran is ready to resume talks.", "reuters", "indirect"),
        ("Iran is ready to resume talks, a senior official told Reuters.", "", "indirect"),
        (
            "Mohseni-Ejei, the chief justice, warned that protesters would be punished.",
            "mohseni_ejei",
            "indirect",
        ),
    ],
)
def test_hand_made_attribution(text, speaker_id, kind):
    found = quotes_of([text])
    assert list(zip(found["speaker_id"], found["kind"], strict=True)) == [(speaker_id, kind)]


def test_he_said_after_a_named_speaker_in_an_earlier_paragraph():
    found = quotes_of(
        [
            "Trump warned Iran on Sunday that time was running out.",
            "\u201cThey know what to do,\u201d he said.",
        ],
        paragraphs=[0, 1],
    )
    assert list(found["speaker_id"]) == ["trump", "trump"]


def test_an_aide_speaking_about_a_named_actor_stays_unnamed():
    found = quotes_of(
        [
            "A senior adviser to Pezeshkian told reporters that war was not an option.",
            "\u201cHe will not risk it,\u201d the adviser said.",
        ]
    )
    assert list(found["speaker_id"]) == ["", ""]
    assert list(found["speaker"]) == ["A senior adviser to Pezeshkian", "the adviser"]


def test_quoted_as_saying():
    found = quotes_of(["State media quoted Pezeshkian as saying: \u201cWe do not want war.\u201d"])
    assert list(zip(found["speaker_id"], found["cue"], found["quote"], strict=True)) == [
        ("pezeshkian", "quoted as saying", "We do not want war.")
    ]


# The fast scans must find exactly what the patterns they stand for find.
CUE_SCAN_TEXTS = [
    "Pezeshkian said, according to IRNA, that talks \u201cstressed nothing,\u201d he added.",
    "According-to him, the essays (said) and \u2014said\u2014 count; caf\u00e9said does not.",
    "made it clear\u00a0that he called  for calm, saying\tit.",
    "Said the spokesman: \u201cwe warned,\u201d and noted_x and 2said are no cues.",
    "",
]


@pytest.mark.parametrize("text", CUE_SCAN_TEXTS)
def test_cue_scan_equals_the_cue_pattern(text):
    from helpers.quotes import _cue_matches, _cue_regex

    assert [m.span() for m in _cue_matches(text)] == [m.span() for m in _cue_regex().finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The official also",
        "Pezeshkian has repeatedly",
        "He earlier this week",
        "the minister on  Monday",
        "Italy",
        "also",
        "  also",
        "the report this year also has",
    ],
)
def test_trailing_adverbs_from_the_right_equal_the_pattern(text):
    from helpers.quotes import _TRAILING_ADVERBS, _drop_trailing_adverbs

    assert _drop_trailing_adverbs(text) == _TRAILING_ADVERBS.sub("", text).rstrip()


# A phrase set off by commas between the subject and "said" is not the quote of a
# trailing ", said X" attribution: the subject before it is the speaker.
@pytest.mark.parametrize(
    "text, speaker_id, speaker, quote",
    [
        (
            "President Masoud Pezeshkian, speaking on state television, said his government "
            "was ready to talk with the US.",
            "pezeshkian",
            "President Masoud Pezeshkian",
            "his government was ready to talk with the US.",
        ),
        (
            "Abbas Araghchi, in a post on X, said Tehran would not negotiate under pressure.",
            "araghchi",
            "Abbas Araghchi",
            "Tehran would not negotiate under pressure.",
        ),
        (
            "Iran's foreign minister, Abbas Araghchi, said on Sunday that talks would continue.",
            "araghchi",
            "Iran's foreign minister, Abbas Araghchi",
            "talks would continue.",
        ),
        (
            "The minister, who spoke to reporters in Muscat, said the talks were useful.",
            "",
            "The minister",
            "the talks were useful.",
        ),
        (
            "On Sunday, Araghchi, in a post on X, said Tehran would not negotiate.",
            "araghchi",
            "Araghchi",
            "Tehran would not negotiate.",
        ),
    ],
)
def test_parenthetical_between_subject_and_said(text, speaker_id, speaker, quote):
    found = quotes_of([text])
    assert len(found) == 1
    assert (found.at[0, "speaker_id"], found.at[0, "speaker"]) == (speaker_id, speaker)
    assert (found.at[0, "kind"], found.at[0, "cue"], found.at[0, "quote"]) == (
        "indirect",
        "said",
        quote,
    )


@pytest.mark.parametrize(
    "text, speaker_id, speaker, quote",
    [
        (
            "Iran is ready to resume talks, said a senior official.",
            "",
            "a senior official",
            "Iran is ready to resume talks",
        ),
        (
            "Iran will not negotiate, under any circumstances, said Araghchi.",
            "araghchi",
            "Araghchi",
            "Iran will not negotiate, under any circumstances",
        ),
    ],
)
def test_a_clause_before_comma_said_stays_the_quote(text, speaker_id, speaker, quote):
    found = quotes_of([text])
    assert list(zip(found["speaker_id"], found["speaker"], found["quote"], strict=True)) == [
        (speaker_id, speaker, quote)
    ]


def test_a_reporting_clause_cut_from_mid_sentence_leaves_no_stray_comma(quotes):
    # 000 s4: "This potential conflict, Pezeshkian warned, could severely disrupt his
    # presidency and lead to significant problems."
    found = row(quotes, "000", 4, "indirect")
    assert found["speaker_id"] == "pezeshkian"
    assert found["quote"] == (
        "This potential conflict could severely disrupt his presidency and lead to "
        "significant problems."
    )


@pytest.mark.parametrize(
    "text, quote",
    [
        ("The talks, Araghchi said, would resume in Muscat next week.",
         "The talks would resume in Muscat next week."),
        ("Iran, Araghchi said, would not negotiate under threat.",
         "Iran would not negotiate under threat."),
        # an introductory clause or phrase keeps its own comma
        ("If Israel attacks, Araghchi warned, Iran will respond decisively.",
         "If Israel attacks, Iran will respond decisively."),
        ("On Monday, Araghchi said, the talks resumed in Muscat.",
         "On Monday, the talks resumed in Muscat."),
        ("Iranian officials, Araghchi warned, could retaliate within days.",
         "Iranian officials could retaliate within days."),
        # a word that only opens the sentence is not a subject: "No" must keep its comma
        ("No, Araghchi said, Iran would not negotiate under threat.",
         "No, Iran would not negotiate under threat."),
        ("Separately, Araghchi said, Iran would not negotiate under threat.",
         "Separately, Iran would not negotiate under threat."),
        ("Yes, Araghchi said, there would be talks.", "Yes, there would be talks."),
        ("Last year, Araghchi said, 40 people were arrested.",
         "Last year, 40 people were arrested."),
        # a subject followed by any verb, or by an adverb and a verb
        ("The strike, Araghchi said, killed three senior commanders.",
         "The strike killed three senior commanders."),
        ("Iran, Araghchi said, cannot accept the terms.", "Iran cannot accept the terms."),
        ("The talks, Araghchi said, probably will resume next week.",
         "The talks probably will resume next week."),
    ],
)
def test_mid_sentence_reporting_clause_on_hand_made_text(text, quote):
    found = quotes_of([text])
    assert list(zip(found["speaker_id"], found["quote"], strict=True)) == [("araghchi", quote)]


def test_an_introductory_phrase_keeps_its_comma(quotes):
    # 000 s6: "Despite the grave warnings, sources said, Khamenei remained noncommittal ..."
    found = row(quotes, "000", 6, "indirect")
    assert found["quote"].startswith("Despite the grave warnings, Khamenei remained")


def test_a_series_of_clauses_keeps_the_speaker_of_the_last():
    found = quotes_of(["Israel killed Haniyeh in Tehran, Hezbollah fired rockets, and Khamenei "
                       "said Iran would respond."])
    assert list(zip(found["speaker_id"], found["speaker"], strict=True)) == [
        ("khamenei", "Khamenei")]
