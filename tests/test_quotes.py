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


# ---------------------------------------------------------------- kinds of attribution
# Hand-written sentences, one kind each; paragraphs as given (default: all in one).


def attributed(found: pd.DataFrame) -> list[tuple[int, str, str]]:
    return list(zip(found["sentence_idx"], found["speaker_id"], found["kind"], strict=True))


def test_single_quote_marks_where_an_article_uses_no_double_ones():
    text = ("'We don't want war,' the minister said of Iran's neighbours' fears since the "
            "'80s. 'Never.'")
    assert [text[a:b] for _, _, a, b in quote_spans(text)] == ["We don't want war,", "Never."]
    assert quote_spans(text, single_marks=False) == []
    found = quotes_of(["'We will defend our country,' Pezeshkian said.",
                       "'Nobody wants another war.'"])
    assert attributed(found) == [(0, "pezeshkian", "direct"), (1, "pezeshkian", "direct")]


def test_single_marks_are_not_quotes_in_an_article_with_double_ones():
    found = quotes_of(["\u201cWe are ready,\u201d Araghchi said.",
                       "The 'axis of resistance' was not consulted, officials said."],
                      paragraphs=[0, 1])
    assert "axis of resistance" not in set(found["quote"])


@pytest.mark.parametrize(
    "text, speaker_id",
    [
        ("Minister of Foreign Affairs Abbas Araghchi told envoys the offer had been rejected.",
         "araghchi"),
        ("US Secretary of State Marco Rubio told senators the offer still stood.", "rubio"),
        ("An adviser to Secretary of State Marco Rubio told senators the offer still stood.", ""),
    ],
)
def test_of_inside_a_title_does_not_make_the_name_an_object(text, speaker_id):
    assert list(quotes_of([text])["speaker_id"]) == [speaker_id]


def test_he_points_to_a_subject_named_in_apposition():
    found = quotes_of(
        ["\u201cWe want a deal,\u201d Trump told reporters.",
         "Iran's foreign minister, Abbas Araghchi, flew to Oslo on Tuesday.",
         "\u201cWe are ready for serious talks,\u201d he said."],
        paragraphs=[0, 1, 2],
    )
    assert attributed(found) == [(0, "trump", "direct"), (2, "araghchi", "direct")]


def test_he_points_to_the_subject_of_a_clause_when_the_sentence_names_no_actor_first():
    found = quotes_of(["The talks stalled after Araghchi walked out.",
                       "\u201cThere is nothing to discuss,\u201d he said."])
    assert attributed(found) == [(1, "araghchi", "direct")]


@pytest.mark.parametrize(
    "texts, speaker_id",
    [
        # an office: the recent actor whose register role holds it, not merely the last one
        (["Araghchi and Witkoff sat in separate rooms in Oslo.",
          "\u201cThe talks were useful,\u201d the envoy said."], "witkoff"),
        (["Trump wants a deal.", "\u201cThe door is open,\u201d the minister said."], ""),
        # an epithet or an age: the last person
        (["Pezeshkian gave a long interview to state television.",
          "\u201cOur patience has limits,\u201d the 64-year-old said."], "pezeshkian"),
        (["Khamenei addressed a crowd in Mashhad.",
          "The cleric said the United States could not be trusted."], "khamenei"),
        # a word of an organisation's name or office, a document
        (["The International Atomic Energy Agency sent inspectors to Isfahan on Monday.",
          "\u201cAccess was limited,\u201d the agency said."], "iaea"),
        (["The International Atomic Energy Agency sent inspectors to Isfahan on Monday.",
          "\u201cAccess was limited,\u201d the watchdog said."], "iaea"),
        (["The IRGC issued a statement on Tuesday.",
          "The statement said any attacker would meet \u201ca firm answer\u201d."], "irgc"),
    ],
)
def test_a_description_points_back_to_a_named_actor(texts, speaker_id):
    found = quotes_of(texts)
    assert found.iloc[-1]["speaker_id"] == speaker_id
    assert found.iloc[-1]["speaker"].lower().startswith("the ")  # kept as written


def test_it_points_back_to_an_organisation_not_a_person():
    found = quotes_of(["The IRGC said its units were on alert.",
                       "Pezeshkian said Iran did not seek a wider conflict.",
                       "\u201cAny aggression will be answered,\u201d it said."])
    assert list(found["speaker_id"]) == ["irgc", "pezeshkian", "irgc"]


def test_a_speaker_in_a_subordinate_clause_does_not_displace_the_subject():
    found = quotes_of(["Khamenei ruled out talks on Sunday, hours before Trump said he "
                       "expected a deal.",
                       "The veteran cleric said Washington could not be trusted."])
    assert attributed(found) == [(0, "trump", "indirect"), (1, "khamenei", "indirect")]
    partial = quotes_of(["Khamenei called the proposal \u201ca trick\u201d hours before Trump "
                         "said he expected a deal."])
    assert "trump" not in set(partial.loc[partial["kind"] == "direct", "speaker_id"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Pezeshkian met the Omani envoy and said Tehran would study the proposal.",
         [("pezeshkian", "Tehran would study the proposal.")]),
        ("The Swiss ambassador took a message from Pezeshkian, who thanked him and said Iran "
         "\u201cwants calm on its borders\u201d, according to a note from Bern.",
         [("pezeshkian", "Iran \u201cwants calm on its borders\u201d")]),
        ("Pezeshkian, who has said talks are possible, told reporters that Iran would wait.",
         [("pezeshkian", "reporters that Iran would wait.")]),
        ("Tehran said the talks were over, and Witkoff said he would wait for an answer.",
         [("", "the talks were over"), ("witkoff", "he would wait for an answer.")]),
        ("Araghchi said Tehran wanted a deal, but warned that it would not accept threats.",
         [("araghchi", "Tehran wanted a deal"), ("araghchi", "it would not accept threats.")]),
        ("Araghchi met his Norwegian counterpart in Oslo, insisting that Iran had kept its word.",
         [("araghchi", "Iran had kept its word.")]),
    ],
)
def test_verbs_that_share_a_subject(text, expected):
    found = quotes_of([text])
    assert list(zip(found["speaker_id"], found["quote"], strict=True)) == expected


def test_according_to_after_an_attributed_quote_is_its_source():
    found = quotes_of(["\u201cWe will not bow,\u201d Khamenei said, according to state media.",
                       "\u201cPressure only hardens us.\u201d"])
    assert attributed(found) == [(0, "khamenei", "direct"), (1, "khamenei", "direct")]
    assert found.at[0, "via"] == "state media"


def test_a_participle_after_a_quote_is_its_speaker_s():
    found = quotes_of(["\u201cWe will respond,\u201d Araghchi said, adding that Iran would keep "
                       "its options open."])
    assert list(zip(found["speaker_id"], found["cue"], strict=True)) == [
        ("araghchi", "said"), ("araghchi", "adding")]


@pytest.mark.parametrize(
    "text, speaker_id",
    [
        ("Araghchi: \u201cWe are ready for talks.\u201d", "araghchi"),
        ("Iran's foreign minister: \u201cWe reject the claims.\u201d", "araghchi"),
        ("Analysis: \u201cThe talks are over\u201d", ""),
    ],
)
def test_a_speaker_before_a_colon(text, speaker_id):
    found = quotes_of([text])
    assert list(zip(found["speaker_id"], found["kind"], strict=True)) == [(speaker_id, "direct")]


def test_new_reporting_verbs():
    found = quotes_of(["\u201cWhy should we trust them?\u201d Pezeshkian asked.",
                       "Trump posted on social media that Iran \u201cmust make a deal\u201d."],
                      paragraphs=[0, 1])
    assert list(zip(found["speaker_id"], found["cue"], strict=True)) == [
        ("pezeshkian", "asked"), ("trump", "posted on")]


def test_a_quote_continues_into_the_next_paragraph():
    quoted = quotes_of(["\u201cWe will not negotiate under threat,\u201d Araghchi told reporters.",
                        "\u201cThe Americans know our position.\u201d"], paragraphs=[0, 1])
    assert attributed(quoted) == [(0, "araghchi", "direct"), (1, "araghchi", "direct")]
    reported = quotes_of(["Araghchi said Tehran would not talk under pressure.",
                          "\u201cWe are not afraid.\u201d"], paragraphs=[0, 1])
    assert attributed(reported) == [(0, "araghchi", "indirect"), (1, "", "direct")]


def test_a_quote_left_open_takes_the_speaker_of_the_next_paragraph():
    found = quotes_of(["Trump warned Iran on Sunday.",
                       "\u201cThe Americans know our position.",
                       "\u201cThey must change course,\u201d Araghchi said."], paragraphs=[0, 1, 2])
    assert attributed(found)[1:] == [(1, "araghchi", "direct"), (2, "araghchi", "direct")]


def test_a_bare_title_goes_to_the_holder_named_just_before_it():
    found = quotes_of(["Keir Starmer met Gulf leaders in London on Tuesday.",
                       "\u201cRestraint is the only course,\u201d the Prime Minister told them."],
                      published="2025-06-17")
    assert found.iloc[-1]["speaker_id"] == "starmer"


def test_a_title_resolved_by_default_context_yields_to_a_holder_named_just_before():
    from helpers.speakers import SpeakerMemory

    memory = SpeakerMemory()
    memory.mention("starmer", key=300, sentence_idx=3)
    # "the Prime Minister" taken as Israel's by the default context, Netanyahu not named lately
    assert memory.resolve("netanyahu", "the Prime Minister", 400, 4) == (
        "starmer", "the Prime Minister")
    memory.mention("netanyahu", key=450, sentence_idx=4)
    assert memory.resolve("netanyahu", "the Prime Minister", 500, 5)[0] == "netanyahu"
    assert memory.resolve("netanyahu", "Netanyahu", 600, 6)[0] == "netanyahu"
