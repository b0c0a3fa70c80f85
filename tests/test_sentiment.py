"""Sentiment: our plumbing against the scorers, the aggregation, the sample and the agreement."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from helpers import sentiment
from helpers.corpus import load_corpus
from helpers.params import ParameterError

REPO = Path(__file__).resolve().parent.parent
KNOWN = [
    "The talks were a great success and both sides welcomed the agreement.",
    "The regime was seriously weakened by a faltering economy.",
    "Officials met in Muscat on Saturday.",
    "He warned of severe consequences if the negotiations failed.",
]


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(REPO / "seeds")


def sentences_frame(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_idx", "text"])


def scores_frame(rows):
    """Hand-made scores: (article_id, sentence_idx, n_words, polarity, subjectivity, vader)."""
    return pd.DataFrame(rows, columns=sentiment.SCORE_COLUMNS)


# ---------------------------------------------------------------- scoring


def test_scores_equal_textblob_and_vader_on_known_sentences():
    frame = sentences_frame([("b", i, text) for i, text in enumerate(KNOWN)])
    scores = sentiment.score_sentences(frame)
    vader = SentimentIntensityAnalyzer()
    for row, text in zip(scores.itertuples(), KNOWN, strict=True):
        expected = TextBlob(text).sentiment
        assert row.polarity == pytest.approx(expected.polarity)
        assert row.subjectivity == pytest.approx(expected.subjectivity)
        assert row.vader_compound == pytest.approx(vader.polarity_scores(text)["compound"])


def test_scores_are_sorted_and_count_words():
    frame = sentences_frame([("b", 1, "Key proposals are ready."), ("a", 0, "Nobody leads us.")])
    scores = sentiment.score_sentences(frame)
    assert list(zip(scores["article_id"], scores["sentence_idx"], strict=True)) == [("a", 0), ("b", 1)]
    assert scores["n_words"].tolist() == [3, 4]


def test_textblob_alone_leaves_vader_empty():
    scores = sentiment.score_sentences(sentences_frame([("a", 0, KNOWN[0])]), with_vader=False)
    assert math.isnan(scores["vader_compound"].iat[0])
    assert scores["polarity"].iat[0] == pytest.approx(TextBlob(KNOWN[0]).sentiment.polarity)


def test_parallel_scores_equal_serial(seeds):
    serial = sentiment.score_sentences(seeds.sentences)
    assert serial.equals(sentiment.score_sentences(seeds.sentences, workers=2))


def test_scorers_work_offline_without_nltk_data(tmp_path):
    """No network (socket connect raises) and NLTK_DATA pointing at an empty folder."""
    code = """
import json, socket, sys
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
import nltk
nltk.data.path[:] = [sys.argv[1]]
from helpers.sentiment import score_text
print(json.dumps([score_text(t) for t in sys.argv[2:]]))
"""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = dict(os.environ, NLTK_DATA=str(empty), HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code, str(empty), *KNOWN],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    vader = SentimentIntensityAnalyzer()
    for (polarity, subjectivity, compound), text in zip(
        json.loads(result.stdout), KNOWN, strict=True
    ):
        assert polarity == pytest.approx(TextBlob(text).sentiment.polarity)
        assert subjectivity == pytest.approx(TextBlob(text).sentiment.subjectivity)
        assert compound == pytest.approx(vader.polarity_scores(text)["compound"])


# ---------------------------------------------------------------- aggregation

ARTICLES = pd.DataFrame({
    "article_id": ["a", "b", "c", "s"],
    "outlet": ["Outlet One", "Outlet One", "", "Outlet Two"],
    "status": ["ok", "ok", "ok", "skipped"],
})
SCORES = scores_frame([
    ("a", 0, 10, 0.5, 0.2, 0.4),
    ("a", 1, 30, -0.5, 0.6, -0.8),
    ("b", 0, 20, 0.1, 0.0, 0.0),
])
SENTENCES = sentences_frame([("a", 0, "x"), ("a", 1, "y"), ("b", 0, "z")])


def mentions_frame(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_idx", "actor_id"])


def test_article_rows_are_word_weighted_means():
    table = sentiment.sentiment_table(SENTENCES, ARTICLES, mentions_frame([]), scores=SCORES)
    articles = table[table["scope"] == "article"].set_index("article_id")
    # a: (10*0.5 + 30*-0.5) / 40 = -10/40 = -0.25; subjectivity (10*0.2 + 30*0.6)/40 = 0.5;
    # vader (10*0.4 + 30*-0.8)/40 = -20/40 = -0.5
    assert articles.loc["a", "polarity"] == pytest.approx(-0.25)
    assert articles.loc["a", "subjectivity"] == pytest.approx(0.5)
    assert articles.loc["a", "vader_compound"] == pytest.approx(-0.5)
    assert articles.loc["a", "n_sentences"] == 2 and articles.loc["a", "n_words"] == 40
    # c is analysed but has no sentences: its row stays, with empty scores; s is skipped.
    assert articles.loc["c", "n_sentences"] == 0 and math.isnan(articles.loc["c", "polarity"])
    assert sorted(articles.index) == ["a", "b", "c"]


def test_table_shape_and_order():
    table = sentiment.sentiment_table(SENTENCES, ARTICLES, mentions_frame([]), scores=SCORES)
    assert list(table.columns) == sentiment.SENTIMENT_COLUMNS
    keys = zip(table["article_id"], table["scope"], table["sentence_idx"].astype(object), strict=True)
    assert list(keys) == [
        ("a", "article", pd.NA), ("a", "sentence", 0), ("a", "sentence", 1),
        ("b", "article", pd.NA), ("b", "sentence", 0), ("c", "article", pd.NA),
    ]


def test_actor_rows_follow_the_min_mentions_rule():
    mentions = mentions_frame([
        ("a", 0, "khamenei"), ("a", 0, "khamenei"),           # twice in one sentence
        ("a", 1, "once_only"),                                 # one mention: no row
        ("a", 1, "pezeshkian"), ("b", 0, "pezeshkian"), ("a", 0, "pezeshkian"),
    ])
    table = sentiment.sentiment_table(SENTENCES, ARTICLES, mentions, scores=SCORES)
    actors = table[table["scope"] == "actor"].set_index("actor_id")
    assert sorted(actors.index) == ["khamenei", "pezeshkian"]
    assert (table.loc[table["scope"] == "actor", "article_id"] == "").all()
    assert actors.loc["khamenei", "n_mentions"] == 2
    assert actors.loc["khamenei", "n_sentences"] == 1
    assert actors.loc["khamenei", "polarity"] == pytest.approx(0.5)
    # pezeshkian: sentences a0 (10 words, 0.5), a1 (30, -0.5), b0 (20, 0.1)
    # (5 - 15 + 2) / 60 = -8/60
    assert actors.loc["pezeshkian", "n_sentences"] == 3
    assert actors.loc["pezeshkian", "polarity"] == pytest.approx(-8 / 60)
    looser = sentiment.sentiment_table(
        SENTENCES, ARTICLES, mentions, min_mentions=1, scores=SCORES
    )
    assert "once_only" in set(looser["actor_id"])


def test_every_actor_mentioned_twice_gets_a_row_on_the_seeds(seeds):
    first = seeds.sentences.iloc[0]
    last = seeds.sentences.iloc[-1]
    mentions = mentions_frame([
        (first.article_id, first.sentence_idx, "x"), (last.article_id, last.sentence_idx, "x"),
        (first.article_id, first.sentence_idx, "y"),
    ])
    table = sentiment.sentiment_table(seeds.sentences, seeds.articles, mentions)
    counts = table["scope"].value_counts()
    assert counts["sentence"] == len(seeds.sentences)
    assert counts["article"] == len(seeds.ok_articles)
    assert table.loc[table["scope"] == "actor", "actor_id"].tolist() == ["x"]


def test_a_mention_of_a_missing_sentence_is_an_error():
    with pytest.raises(ValueError, match="not in the sentences table"):
        sentiment.actor_scores(SCORES, mentions_frame([("a", 9, "x"), ("a", 9, "x")]))


def test_min_mentions_must_be_positive():
    with pytest.raises(ParameterError, match="min_mentions"):
        sentiment.sentiment_table(SENTENCES, ARTICLES, mentions_frame([]), 0, scores=SCORES)


def test_outlet_table_hand_computed():
    outlets = sentiment.outlet_table(SCORES, ARTICLES).set_index("outlet")
    # Outlet One: a0, a1, b0 -> (5 - 15 + 2) / 60; c has no sentences and no outlet name.
    assert outlets.loc["Outlet One", "polarity"] == pytest.approx(-8 / 60)
    assert outlets.loc["Outlet One", "n_articles"] == 2
    assert outlets.loc["Outlet One", "n_sentences"] == 3
    assert "Outlet Two" not in outlets.index  # its only article was skipped


def test_extreme_sentences():
    sentences = sentences_frame([("a", 0, "good"), ("a", 1, "bad"), ("b", 0, "meh")])
    table = sentiment.extreme_sentences(SCORES, sentences, n=1)
    assert table[["side", "text"]].values.tolist() == [
        ["most negative", "bad"], ["most positive", "good"]
    ]


# ---------------------------------------------------------------- agreement


def test_to_label_bands():
    assert sentiment.to_label(0.049, 0.05) == "neutral"
    assert sentiment.to_label(-0.049, 0.05) == "neutral"
    assert sentiment.to_label(0.05, 0.05) == "positive"
    assert sentiment.to_label(-0.05, 0.05) == "negative"
    assert sentiment.to_label(float("nan"), 0.05) is None


def test_kappa_hand_worked():
    truth = ["negative", "negative", "negative", "neutral", "positive", "positive"]
    guess = ["negative", "negative", "neutral", "neutral", "positive", "negative"]
    # p_o = 4/6 = 24/36.
    # truth marginals: neg 3/6, neu 1/6, pos 2/6; guess: neg 3/6, neu 2/6, pos 1/6.
    # p_e = (3*3 + 1*2 + 2*1) / 36 = 13/36.  kappa = (24/36 - 13/36) / (1 - 13/36) = 11/23.
    assert sentiment.accuracy(truth, guess) == pytest.approx(4 / 6)
    assert sentiment.cohen_kappa(truth, guess) == pytest.approx(11 / 23)
    assert sentiment.cohen_kappa(truth, truth) == pytest.approx(1.0)
    assert math.isnan(sentiment.cohen_kappa(["neutral"] * 3, ["neutral"] * 3))


def test_confusion_table_counts():
    truth = ["negative", "negative", "positive"]
    guess = ["negative", "positive", "positive"]
    table = sentiment.confusion_table(truth, guess)
    assert table.loc["negative", "negative"] == 1
    assert table.loc["negative", "positive"] == 1
    assert table.loc["positive", "positive"] == 1
    assert int(table.to_numpy().sum()) == 3


def test_sample_agreement_on_a_hand_made_frame():
    labelled = pd.DataFrame({
        "label": ["negative", "negative", "positive", "neutral"],
        "textblob_label": ["negative", "positive", "positive", "neutral"],
        "vader_label": ["negative", "negative", "negative", "negative"],
    })
    table = sentiment.sample_agreement(labelled).set_index("scorer")
    assert table.loc["TextBlob polarity", "accuracy"] == pytest.approx(0.75)
    assert table.loc["VADER compound", "accuracy"] == pytest.approx(0.5)
    assert table.loc["VADER compound", "kappa"] == pytest.approx(0.0)  # constant guess
    assert table.loc["always 'negative' (baseline)", "n"] == 4


# ---------------------------------------------------------------- the hand-labelled sample


def test_sample_size_labels_and_coverage(seeds):
    sample = sentiment.load_sample()
    assert len(sample) >= 60
    assert set(sample["label"]) <= set(sentiment.LABELS)
    assert set(sample["article_id"]) == set(seeds.ok_articles["article_id"])


def test_every_sample_text_is_still_a_seed_sentence(seeds):
    sample = sentiment.load_sample()
    current = set(zip(seeds.sentences["article_id"], seeds.sentences["text"], strict=True))
    missing = [t for a, t in zip(sample["article_id"], sample["text"], strict=True)
               if (a, t) not in current]
    assert missing == []
    matched, changed = sentiment.match_sample(sample, seeds.sentences)
    assert len(matched) == len(sample) and changed.empty


def test_match_sample_uses_text_not_index():
    sample = pd.DataFrame({
        "article_id": ["a", "a", "other"], "sentence_idx": [0, 1, 0],
        "text": ["Moved sentence.", "Changed sentence.", "Not in this corpus."],
        "label": ["neutral", "negative", "positive"],
    })
    sentences = sentences_frame([("a", 0, "New first sentence."), ("a", 1, "Moved sentence.")])
    matched, changed = sentiment.match_sample(sample, sentences)
    assert matched[["text", "sentence_idx"]].values.tolist() == [["Moved sentence.", 1]]
    assert changed["text"].tolist() == ["Changed sentence."]


def test_labelled_scores_score_the_sample_texts():
    sample = pd.DataFrame({
        "article_id": ["a"], "sentence_idx": [0], "text": [KNOWN[0]], "label": ["positive"],
    })
    labelled = sentiment.labelled_scores(sample)
    assert labelled["polarity"].iat[0] == pytest.approx(TextBlob(KNOWN[0]).sentiment.polarity)
    assert labelled["textblob_label"].iat[0] == "positive"


def test_bad_sample_file_gives_a_clear_message(tmp_path):
    bad = tmp_path / "sample.csv"
    bad.write_text("article_id,sentence_idx,text,label\na,0,Text.,angry\n", encoding="utf-8")
    with pytest.raises(sentiment.SampleError, match="label 'angry'"):
        sentiment.load_sample(bad)
    with pytest.raises(sentiment.SampleError, match="cannot be read"):
        sentiment.load_sample(tmp_path / "missing.csv")


def test_scorer_agreement_on_identical_scores():
    scores = scores_frame([
        ("a", 0, 5, -0.5, 0.0, -0.5), ("a", 1, 5, 0.0, 0.0, 0.0), ("a", 2, 5, 0.7, 0.0, 0.7),
    ])
    table = sentiment.scorer_agreement(scores).set_index("measure")["value"]
    assert table["Pearson r (polarity, compound)"] == pytest.approx(1.0)
    assert table["Spearman rho (polarity, compound)"] == pytest.approx(1.0)
    assert table["label agreement (Cohen's kappa)"] == pytest.approx(1.0)


def test_vader_shortcut_gives_vaders_own_score():
    """The no-lexicon-word shortcut returns exactly what VADER returns, on every seed
    sentence and on hand-made texts with emoji, emoticons and punctuation-wrapped words."""
    from helpers.sentiment import vader_analyzer, vader_compound

    texts = list(load_corpus(REPO / "seeds").sentences["text"]) + [
        "The talks were held in Oman on Saturday.",
        "Officials met \U0001F600 in Muscat.",
        "He said :) and left.",
        "\u201cGood.\u201d",
        "(war)",
        "NO deal was signed.",
    ]
    analyzer = vader_analyzer()
    skipped = 0
    for text in texts:
        expected = analyzer.polarity_scores(text)["compound"]
        assert vader_compound(text) == expected, text
        skipped += expected == 0.0
    assert skipped > 0


def test_textblob_scores_equal_the_public_api_exactly():
    """The step calls TextBlob's analyser directly; every seed sentence must get exactly the
    numbers ``TextBlob(text).sentiment`` gives."""
    from helpers.sentiment import score_text

    for text in load_corpus(REPO / "seeds").sentences["text"]:
        polarity, subjectivity, _ = score_text(text, with_vader=False)
        assert (polarity, subjectivity) == tuple(TextBlob(text).sentiment), text
