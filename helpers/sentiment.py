"""The sentiment step: two lexicon scorers side by side, aggregated, checked against hand labels.

Every sentence gets TextBlob's polarity (-1..1) and subjectivity (0..1) from
``TextBlob(text).sentiment`` and VADER's compound score (-1..1) from the ``vaderSentiment``
package. Both work offline: their lexicons ship with the packages and no NLTK data is used.
VADER is the second scorer because it is independent of TextBlob (its own lexicon, built for
short texts, with rules for negation, intensifiers and "but"), installs from the registry and
needs nothing at run time.

Aggregates (article, actor, outlet) are means of sentence scores weighted by each sentence's
word count. The same rule serves every scope and both scorers: an article score is traceable
to its sentence rows, long sentences count for more (as they do when TextBlob reads a whole
text), each sentence is scored once, and VADER's compound score is not meaningful on a whole
article (it saturates towards -1 or 1 on long texts).

Actor rows are corpus-wide (``article_id`` empty): one row per actor with at least
``min_mentions`` rows in the mentions table, scored over the distinct sentences that mention
the actor (``n_sentences``). Labels for the agreement checks: a score is neutral when its
absolute value is below 0.05 (TextBlob polarity and VADER compound alike; 0.05 is VADER's
own documented cut-off), negative below that band and positive above it.
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from pathlib import Path

import pandas as pd
from textblob.en import sentiment as textblob_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from helpers.datafiles import read_rows
from helpers.parallel import map_items
from helpers.params import positive_int
from helpers.text import words

LABELS = ("negative", "neutral", "positive")
TEXTBLOB_NEUTRAL_BAND = 0.05
VADER_NEUTRAL_BAND = 0.05
SCORE_COLUMNS = [
    "article_id", "sentence_idx", "n_words", "polarity", "subjectivity", "vader_compound",
]
SENTIMENT_COLUMNS = [
    "article_id", "scope", "sentence_idx", "actor_id", "polarity", "subjectivity",
    "vader_compound", "n_sentences", "n_words", "n_mentions",
]
OUTLET_COLUMNS = [
    "outlet", "n_articles", "n_sentences", "n_words", "polarity", "subjectivity", "vader_compound",
]
SAMPLE_COLUMNS = ["article_id", "sentence_idx", "text", "label"]
_SCORE_VALUES = ["polarity", "subjectivity", "vader_compound"]


class SampleError(ValueError):
    """The hand-labelled sample file cannot be used; the message says why."""


@lru_cache(maxsize=1)
def vader_analyzer() -> SentimentIntensityAnalyzer:
    """One VADER analyser per process (it reads its lexicon file when built)."""
    return SentimentIntensityAnalyzer()


def vader_compound(text: str) -> float:
    """VADER's compound score of one text.

    A text with no VADER lexicon word and no emoji scores exactly 0.0 in VADER (every word's
    valence is 0, so the sum, its punctuation boost and its normalisation are 0), so such a
    text is answered without running VADER. The check is a superset of VADER's own word
    lookup: each white-space token, lower-cased, with and without surrounding punctuation.
    """
    analyzer = vader_analyzer()
    lexicon = analyzer.lexicon
    has_word = any(
        token in lexicon or token.strip(string.punctuation) in lexicon
        for token in text.lower().split()
    )
    if not has_word and not any(ch in analyzer.emojis for ch in text if ord(ch) > 127):
        return 0.0
    return analyzer.polarity_scores(text)["compound"]


def score_text(text: str, with_vader: bool = True) -> tuple[float, float, float]:
    """(TextBlob polarity, TextBlob subjectivity, VADER compound or NaN) of one text.

    TextBlob's scores come from ``textblob.en.sentiment``, the analyser behind
    ``TextBlob(text).sentiment``: the same numbers (a test checks it), at about 60% of the
    cost, because the public property builds a new namedtuple class on every call.
    """
    polarity, subjectivity = textblob_sentiment(text)
    compound = vader_compound(text) if with_vader else math.nan
    return float(polarity), float(subjectivity), float(compound)


def score_article_sentences(
    article_id: str, sentence_idxs: list[int], texts: list[str], with_vader: bool = True
) -> list[tuple]:
    """The score records of one article's sentences, in the columns of ``SCORE_COLUMNS``."""
    return [
        (article_id, idx, len(words(text)), *score_text(text, with_vader))
        for idx, text in zip(sentence_idxs, texts, strict=True)
    ]


def score_sentences(
    sentences: pd.DataFrame, workers: int = 1, with_vader: bool = True
) -> pd.DataFrame:
    """Scores of every sentence (``SCORE_COLUMNS``), sorted by article and sentence index.

    ``with_vader=False`` leaves ``vader_compound`` empty (NaN) and costs TextBlob alone.
    """
    ordered = sentences.sort_values(["article_id", "sentence_idx"], kind="stable")
    items: list[tuple] = []
    for article_id, group in ordered.groupby("article_id", sort=True):
        items.append(
            (article_id, group["sentence_idx"].tolist(), group["text"].tolist(), with_vader)
        )
    records = [row for rows in map_items(score_article_sentences, items, workers) for row in rows]
    frame = pd.DataFrame.from_records(records, columns=SCORE_COLUMNS)
    return frame.astype({"sentence_idx": "int64", "n_words": "int64"})


def _weighted(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Word-weighted means of the score columns per ``keys``, with n_sentences and n_words."""
    work = frame[keys + ["n_words"]].copy()
    for column in _SCORE_VALUES:
        work[column] = frame[column] * frame["n_words"]
    grouped = work.groupby(keys, sort=True)
    sums = grouped[["n_words"] + _SCORE_VALUES].sum(min_count=1)
    result = pd.DataFrame(index=sums.index)
    weight = sums["n_words"].where(sums["n_words"] > 0)
    for column in _SCORE_VALUES:
        result[column] = sums[column] / weight
    result["n_sentences"] = grouped.size()
    result["n_words"] = sums["n_words"]
    return result.reset_index()


def _analysed(articles: pd.DataFrame) -> pd.DataFrame:
    if "status" in articles.columns:
        return articles[articles["status"] == "ok"]
    return articles


def sentiment_table(
    sentences: pd.DataFrame,
    articles: pd.DataFrame,
    mentions: pd.DataFrame,
    min_mentions: int = 2,
    scores: pd.DataFrame | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """The ``sentiment.csv`` table: article, sentence and (corpus-wide) actor rows.

    ``articles`` gives one ``article`` row per analysed article (status ``ok``); an article
    without sentences keeps its row with empty scores. ``mentions`` has columns article_id,
    sentence_idx, actor_id; an actor gets a row when it has at least ``min_mentions`` of them.
    ``scores`` (from :func:`score_sentences`) is computed when not given.
    """
    min_mentions = positive_int(min_mentions, "min_mentions")
    if scores is None:
        scores = score_sentences(sentences, workers=workers)
    sentence_rows = scores.assign(scope="sentence", actor_id="", n_sentences=1)

    article_ids = sorted(_analysed(articles)["article_id"].tolist())
    per_article = _weighted(scores, ["article_id"]).set_index("article_id")
    per_article = per_article.reindex(article_ids)
    per_article["n_sentences"] = per_article["n_sentences"].fillna(0)
    per_article["n_words"] = per_article["n_words"].fillna(0)
    article_rows = per_article.reset_index().assign(scope="article", actor_id="")

    body = pd.concat([article_rows, sentence_rows], ignore_index=True)
    body["_rank"] = (body["scope"] == "sentence").astype(int)
    body = body.sort_values(["article_id", "_rank", "sentence_idx"], kind="stable")
    actor_rows = actor_scores(scores, mentions, min_mentions).assign(scope="actor", article_id="")
    table = pd.concat([body.drop(columns="_rank"), actor_rows], ignore_index=True)
    table = table.astype(
        {"sentence_idx": "Int64", "n_sentences": "int64", "n_words": "int64", "n_mentions": "Int64"}
    )
    return table[SENTIMENT_COLUMNS]


def actor_scores(
    scores: pd.DataFrame, mentions: pd.DataFrame, min_mentions: int = 2
) -> pd.DataFrame:
    """Per actor with at least ``min_mentions`` mentions: word-weighted scores of the
    distinct sentences that mention it, with n_mentions, n_sentences and n_words.

    A mention of a sentence missing from ``scores`` is an error, never dropped silently.
    """
    min_mentions = positive_int(min_mentions, "min_mentions")
    columns = ["actor_id", *_SCORE_VALUES, "n_sentences", "n_words", "n_mentions"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    keys = ["article_id", "sentence_idx"]
    refs = mentions[["actor_id", *keys]].astype({"sentence_idx": "int64"})
    counts = refs.groupby("actor_id", sort=True).size()
    kept = counts[counts >= min_mentions]
    refs = refs[refs["actor_id"].isin(kept.index)].drop_duplicates()
    joined = refs.merge(scores, on=keys, how="left", indicator=True)
    missing = joined[joined["_merge"] == "left_only"]
    if not missing.empty:
        first = missing.iloc[0]
        raise ValueError(
            f"The mentions table refers to {len(missing)} sentence(s) that are not in the "
            f"sentences table (first: article {first['article_id']}, sentence "
            f"{first['sentence_idx']})."
        )
    result = _weighted(joined.drop(columns="_merge"), ["actor_id"])
    result["n_mentions"] = result["actor_id"].map(kept)
    return result[columns]


def outlet_table(scores: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: word-weighted scores over all sentences of its analysed articles."""
    outlets = _analysed(articles)[["article_id", "outlet"]].copy()
    outlets["outlet"] = outlets["outlet"].fillna("").replace("", "(unknown outlet)")
    joined = scores.merge(outlets, on="article_id", how="inner")
    result = _weighted(joined, ["outlet"])
    result["n_articles"] = result["outlet"].map(outlets.groupby("outlet").size())
    return result[OUTLET_COLUMNS]


def extreme_sentences(
    scores: pd.DataFrame, sentences: pd.DataFrame, n: int = 5, column: str = "polarity"
) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences by ``column``, with text."""
    joined = scores.merge(
        sentences[["article_id", "sentence_idx", "text"]], on=["article_id", "sentence_idx"]
    )
    joined = joined.dropna(subset=[column])
    ascending = joined.sort_values([column, "article_id", "sentence_idx"], kind="stable")
    descending = joined.sort_values(
        [column, "article_id", "sentence_idx"], ascending=[False, True, True], kind="stable"
    )
    parts = [
        ascending.head(n).assign(side="most negative"),
        descending.head(n).assign(side="most positive"),
    ]
    columns = ["side", "article_id", "sentence_idx", "polarity", "vader_compound", "text"]
    return pd.concat(parts, ignore_index=True)[columns]


# ---------------------------------------------------------------- agreement


def to_label(score: float, band: float) -> str | None:
    """negative / neutral / positive for a score; neutral when ``abs(score) < band``."""
    if score is None or (isinstance(score, float) and math.isnan(score)):
        return None
    if abs(score) < band:
        return "neutral"
    return "positive" if score > 0 else "negative"


def accuracy(truth: list[str], predicted: list[str]) -> float:
    """Share of positions where the two label lists agree."""
    if len(truth) != len(predicted):
        raise ValueError("The two label lists must have the same length.")
    if not truth:
        return math.nan
    return sum(a == b for a, b in zip(truth, predicted, strict=True)) / len(truth)


def cohen_kappa(first: list[str], second: list[str], labels: tuple[str, ...] = LABELS) -> float:
    """Cohen's kappa of two raters: (p_o - p_e) / (1 - p_e); NaN when p_e is 1."""
    if len(first) != len(second):
        raise ValueError("The two label lists must have the same length.")
    n = len(first)
    if n == 0:
        return math.nan
    observed = accuracy(first, second)
    expected = sum((first.count(label) / n) * (second.count(label) / n) for label in labels)
    if expected == 1:
        return math.nan
    return (observed - expected) / (1 - expected)


def confusion_table(
    truth: list[str], predicted: list[str], labels: tuple[str, ...] = LABELS
) -> pd.DataFrame:
    """Counts with the hand labels as rows and the scorer's labels as columns."""
    counts = {(t, p): 0 for t in labels for p in labels}
    for pair in zip(truth, predicted, strict=True):
        counts[pair] += 1
    table = pd.DataFrame(
        [[counts[(t, p)] for p in labels] for t in labels], index=list(labels), columns=list(labels)
    )
    table.index.name = "hand label"
    table.columns.name = "scorer label"
    return table


def load_sample(path: str | Path | None = None) -> pd.DataFrame:
    """The hand-labelled sample (``helpers/data/sentiment_sample.csv`` unless ``path``)."""
    rows = read_rows("sentiment_sample.csv", SAMPLE_COLUMNS, SampleError, path, "sentiment sample")
    bad = [row["label"] for row in rows if row["label"] not in LABELS]
    if bad:
        raise SampleError(
            f"The sentiment sample {path or 'helpers/data/sentiment_sample.csv'} has the label "
            f"{bad[0]!r}; "
            "use negative, neutral or positive."
        )
    frame = pd.DataFrame(rows, columns=SAMPLE_COLUMNS)
    return frame.astype({"sentence_idx": "int64"})


def match_sample(
    sample: pd.DataFrame, sentences: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(matched, changed): sample rows found in ``sentences`` by article_id and text.

    ``matched`` carries the sentence's current ``sentence_idx``. ``changed`` lists the sample
    rows of articles present in ``sentences`` whose text is no longer one of their sentences
    (a change in cleaning or splitting); rows of articles absent from ``sentences`` are in
    neither.
    """
    current = sentences[["article_id", "sentence_idx", "text"]].drop_duplicates(
        ["article_id", "text"]
    )
    joined = sample.drop(columns="sentence_idx").merge(
        current, on=["article_id", "text"], how="left", indicator=True
    )
    found = (joined["_merge"] == "both").to_numpy()
    present = sample["article_id"].isin(set(sentences["article_id"])).to_numpy()
    matched = joined[found].drop(columns="_merge").astype({"sentence_idx": "int64"})
    matched = matched.sort_values(["article_id", "sentence_idx"], kind="stable")
    changed = sample[present & ~found]
    return matched[SAMPLE_COLUMNS].reset_index(drop=True), changed.reset_index(drop=True)


def labelled_scores(sample: pd.DataFrame) -> pd.DataFrame:
    """The sample with both scores of each text and the labels they map to.

    The texts are scored directly, so the agreement is the same whatever corpus is loaded.
    """
    scored = [score_text(text) for text in sample["text"]]
    joined = sample.reset_index(drop=True).copy()
    joined["polarity"] = [row[0] for row in scored]
    joined["subjectivity"] = [row[1] for row in scored]
    joined["vader_compound"] = [row[2] for row in scored]
    joined["textblob_label"] = [to_label(v, TEXTBLOB_NEUTRAL_BAND) for v in joined["polarity"]]
    joined["vader_label"] = [to_label(v, VADER_NEUTRAL_BAND) for v in joined["vader_compound"]]
    return joined


def sample_agreement(labelled: pd.DataFrame) -> pd.DataFrame:
    """Each scorer against the hand labels: n, accuracy, Cohen's kappa, neutral band."""
    truth = labelled["label"].tolist()
    rows = []
    for scorer, column, band in (
        ("TextBlob polarity", "textblob_label", TEXTBLOB_NEUTRAL_BAND),
        ("VADER compound", "vader_label", VADER_NEUTRAL_BAND),
    ):
        predicted = labelled[column].tolist()
        rows.append({
            "scorer": scorer,
            "neutral_band": f"|score| < {band}",
            "n": len(truth),
            "accuracy": accuracy(truth, predicted),
            "kappa": cohen_kappa(truth, predicted),
        })
    majority = max(LABELS, key=truth.count) if truth else "neutral"
    rows.append({
        "scorer": f"always '{majority}' (baseline)",
        "neutral_band": "",
        "n": len(truth),
        "accuracy": accuracy(truth, [majority] * len(truth)),
        "kappa": cohen_kappa(truth, [majority] * len(truth)),
    })
    return pd.DataFrame(rows)


def _pearson(x: pd.Series, y: pd.Series) -> float:
    return float(x.corr(y, method="pearson"))


def scorer_agreement(scores: pd.DataFrame) -> pd.DataFrame:
    """TextBlob against VADER over all scored sentences: correlations and label agreement."""
    both = scores.dropna(subset=["polarity", "vader_compound"])
    tb = [to_label(s, TEXTBLOB_NEUTRAL_BAND) for s in both["polarity"]]
    vd = [to_label(s, VADER_NEUTRAL_BAND) for s in both["vader_compound"]]
    rows = [
        ("sentences scored by both", float(len(both))),
        ("Pearson r (polarity, compound)", _pearson(both["polarity"], both["vader_compound"])),
        (
            "Spearman rho (polarity, compound)",
            _pearson(both["polarity"].rank(), both["vader_compound"].rank()),
        ),
        ("label agreement (share)", accuracy(tb, vd)),
        ("label agreement (Cohen's kappa)", cohen_kappa(tb, vd)),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])


# ---------------------------------------------------------------- figures and summary


def plot_articles_and_outlets(table: pd.DataFrame, outlets: pd.DataFrame, articles: pd.DataFrame,
                              most: int = 30):
    """Bar charts of TextBlob polarity and VADER compound per article and per outlet; with
    more than ``most`` articles, the ``most`` with the strongest polarity either way, and the
    ``most`` outlets with the most articles."""
    import matplotlib.pyplot as plt

    rows = table[table["scope"] == "article"].merge(
        articles[["article_id", "outlet"]], on="article_id", how="left"
    )
    titles = ["Per article (word-weighted mean of its sentences)",
              "Per outlet (word-weighted mean of its sentences)"]
    if len(rows) > most:
        strength = rows["polarity"].abs().fillna(-1)
        keep = rows.assign(_s=strength).sort_values(["_s", "article_id"], ascending=[False, True])
        rows = rows.loc[sorted(keep.head(most).index)]
        titles[0] += f": the {most} of {len(strength):,} with the strongest polarity"
    if len(outlets) > most:
        n_outlets = len(outlets)
        outlets = outlets.sort_values(["n_articles", "outlet"], ascending=[False, True]).head(most)
        titles[1] += f": the {most} of {n_outlets:,} with the most articles"
    labels_a = [f"{a} ({o})" for a, o in zip(rows["article_id"], rows["outlet"], strict=True)]
    labels_o = [
        f"{o} ({n} art.)" for o, n in zip(outlets["outlet"], outlets["n_articles"], strict=True)
    ]
    height = 1.5 + 0.45 * (len(labels_a) + len(labels_o))
    fig, axes = plt.subplots(
        2, 1, figsize=(8, height), height_ratios=[max(len(labels_a), 1), max(len(labels_o), 1)]
    )
    for ax, labels, frame, title in (
        (axes[0], labels_a, rows, titles[0]),
        (axes[1], labels_o, outlets, titles[1]),
    ):
        ypos = range(len(labels))
        ax.barh([y - 0.2 for y in ypos], frame["polarity"], height=0.4, label="TextBlob polarity")
        ax.barh([y + 0.2 for y in ypos], frame["vader_compound"], height=0.4,
                label="VADER compound")
        ax.set_yticks(list(ypos), labels)
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlim(-1, 1)
        ax.set_title(title, fontsize=10)
    axes[0].legend(loc="lower right", fontsize=8)
    axes[1].set_xlabel("score (-1 negative … +1 positive)")
    fig.tight_layout()
    return fig


def plot_actors(actors: pd.DataFrame, weak_below: int = 5):
    """Horizontal bars of each actor's TextBlob polarity and VADER compound, n shown;
    actors scored from fewer than ``weak_below`` sentences are drawn pale."""
    import matplotlib.pyplot as plt

    labels = [
        f"{a} (n={n})" for a, n in zip(actors["actor_id"], actors["n_sentences"], strict=True)
    ]
    fig, ax = plt.subplots(figsize=(8, 1 + 0.4 * max(len(labels), 1)))
    ypos = list(range(len(labels)))
    alphas = [1.0 if n >= weak_below else 0.35 for n in actors["n_sentences"]]
    for offset, column, name, colour in (
        (-0.2, "polarity", "TextBlob polarity", "tab:blue"),
        (0.2, "vader_compound", "VADER compound", "tab:orange"),
    ):
        bars = ax.barh([y + offset for y in ypos], actors[column], height=0.4, label=name,
                       color=colour)
        for bar, alpha in zip(bars, alphas, strict=True):
            bar.set_alpha(alpha)
    ax.set_yticks(ypos, labels)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel(
        "score over the sentences that mention the actor (n = sentences; "
        f"pale: fewer than {weak_below})"
    )
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def summary_line(table: pd.DataFrame, agreement: pd.DataFrame) -> str:
    """One line for the report index: rows written and each scorer's kappa on the sample."""
    counts = table["scope"].value_counts()
    kappas = ", ".join(
        f"{row.scorer} kappa {row.kappa:.2f}"
        for row in agreement.itertuples()
        if "baseline" not in row.scorer
    )
    n = int(agreement["n"].iat[0]) if len(agreement) else 0
    return (
        f"{counts.get('article', 0)} articles, {counts.get('sentence', 0)} sentences and "
        f"{counts.get('actor', 0)} actors scored; against {n} hand-labelled sentences: {kappas}."
    )
