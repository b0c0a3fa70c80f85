"""The stance step: who favours or opposes war with Israel and talks with the US, and how.

``find_stances(sentences, mentions, quotes, articles)`` reads every sentence for the cues of
``helpers/data/stance_cues.csv`` (matched by ``helpers.stance_cues``: a frame grammar of
attitude verbs, event nouns and verbs, negation). A cue counts when its topic has a target
in reach, when it is not inside a conditional clause ("if the negotiations fail" gives no
record; the main clause after an *if* clause counts), and it is flipped by an odd count of
negations before it in its clause or inside it. Overlapping cues: the leftmost, then the
longest, wins.

Holder attribution is ``helpers.stance_holders``, the channel ``helpers.stance_channel``;
the cue grammar is ``helpers.stance_cues``. The summaries, shifts and figure below read the records.
"""

from __future__ import annotations

import pandas as pd

from helpers.parallel import map_items
from helpers.params import ParameterError
from helpers.stance_cues import configured_topics
from helpers.stance_holders import actor_countries, actor_kinds, article_stances

STANCE_COLUMNS = [
    "article_id", "actor_id", "topic", "stance", "channel", "cue", "sentence_idx", "evidence",
    "published", "holder", "holder_how", "paragraph_idx", "channel_cue", "channel_sentence_idx",
]
SUMMARY_COLUMNS = [
    "article_id", "published", "actor_id", "topic", "stance", "n_favor", "n_against",
    "n_neutral", "public_stance", "private_stance", "channel_split", "channels",
    "sentence_ids",
]
SHIFT_COLUMNS = [
    "actor_id", "topic", "from_article", "from_date", "from_stance", "to_article", "to_date",
    "to_stance", "basis", "from_sentences", "to_sentences",
]
STANCES = ("favor", "against", "neutral")


# ---------------------------------------------------------------- frames


def _rows_by_article(frame: pd.DataFrame | None, columns: list[str]) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    if frame is None or frame.empty:
        return grouped
    values = [frame[c].tolist() for c in ["article_id", *columns]]
    for row in zip(*values, strict=True):
        grouped.setdefault(row[0], []).append(tuple(row[1:]))
    return grouped


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def find_stances(sentences: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame | None,
                 articles: pd.DataFrame, workers: int = 1,
                 kinds: dict | None = None) -> pd.DataFrame:
    """One row per evidence sentence, holder, topic, stance and channel (DESIGN stance.csv).

    ``kinds`` maps actor ids to kinds (default: the actor register); quotes may be None.
    """
    kinds = actor_kinds() if kinds is None else kinds
    countries = actor_countries()
    sentence_frame = sentences.copy()
    if "paragraph_idx" not in sentence_frame:
        sentence_frame["paragraph_idx"] = sentence_frame["sentence_idx"]
    if "is_heading" not in sentence_frame:
        sentence_frame["is_heading"] = False
    by_sentence = _rows_by_article(
        sentence_frame, ["sentence_idx", "text", "paragraph_idx", "is_heading"])
    by_mention = _rows_by_article(mentions, ["sentence_idx", "start", "end", "actor_id", "surface"])
    quote_frame = None
    if quotes is not None and not quotes.empty:
        quote_frame = quotes.copy()
        if "last_sentence_idx" not in quote_frame:
            quote_frame["last_sentence_idx"] = quote_frame["sentence_idx"]
        quote_frame["speaker_id"] = quote_frame["speaker_id"].map(_text)
        quote_frame["speaker"] = quote_frame.get("speaker", quote_frame["speaker_id"]).map(_text)
    by_quote = _rows_by_article(
        quote_frame, ["sentence_idx", "last_sentence_idx", "speaker_id", "speaker", "kind"])
    published = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    items = [
        (article_id, published.get(article_id, ""), rows, by_mention.get(article_id, []),
         by_quote.get(article_id, []), kinds, countries)
        for article_id, rows in sorted(by_sentence.items())
    ]
    records = [r for chunk in map_items(article_stances, items, workers) for r in chunk]
    frame = pd.DataFrame(records, columns=STANCE_COLUMNS)
    frame["sentence_idx"] = frame["sentence_idx"].astype("int64")
    frame["paragraph_idx"] = frame["paragraph_idx"].astype("int64")
    frame["channel_sentence_idx"] = frame["channel_sentence_idx"].astype("Int64")
    return frame.sort_values(
        ["article_id", "sentence_idx", "actor_id", "holder", "topic", "stance", "channel"],
        kind="stable",
    ).reset_index(drop=True)


# ---------------------------------------------------------------- summaries


def _majority(favor: int, against: int, neutral: int) -> str:
    if favor > against:
        return "favor"
    if against > favor:
        return "against"
    if favor:
        return "mixed"
    return "neutral" if neutral else ""


def summarize_stances(stance: pd.DataFrame, min_evidence: int = 1) -> pd.DataFrame:
    """One row per article, named actor and topic with at least ``min_evidence`` records.

    ``stance`` is the majority of the records (``mixed`` on a tie); ``public_stance`` and
    ``private_stance`` are the majorities of the public and private records, and
    ``channel_split`` marks an actor whose public and private stances disagree.
    """
    groups: dict[tuple, list] = {}
    named = stance[stance["actor_id"] != ""]
    for row in named.itertuples(index=False):
        key = (row.article_id, row.actor_id, row.topic)
        groups.setdefault(key, []).append(row)
    out = []
    for (article_id, actor_id, topic), rows in sorted(groups.items()):
        if len(rows) < min_evidence:
            continue

        def count(kind, channel=None, rows=rows):
            return sum(1 for r in rows if r.stance == kind and channel in (None, r.channel))

        public = _majority(count("favor", "public"), count("against", "public"),
                           count("neutral", "public"))
        private = _majority(count("favor", "private"), count("against", "private"),
                            count("neutral", "private"))
        out.append({
            "article_id": article_id, "published": rows[0].published, "actor_id": actor_id,
            "topic": topic,
            "stance": _majority(count("favor"), count("against"), count("neutral")),
            "n_favor": count("favor"), "n_against": count("against"),
            "n_neutral": count("neutral"), "public_stance": public, "private_stance": private,
            "channel_split": bool(public and private and public != private),
            "channels": ";".join(sorted({r.channel for r in rows})),
            "sentence_ids": ";".join(str(i) for i in sorted({r.sentence_idx for r in rows})),
        })
    return pd.DataFrame(out, columns=SUMMARY_COLUMNS)


def stance_over_time(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per actor, topic, dated article and channel: the majority stance and its count."""
    dates = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    groups: dict[tuple, list] = {}
    for row in stance[stance["actor_id"] != ""].itertuples(index=False):
        date = dates.get(row.article_id, "")
        if date:
            key = (row.topic, row.actor_id, date, row.article_id, row.channel)
            groups.setdefault(key, []).append(row.stance)
    out = []
    for (topic, actor_id, date, article_id, channel), values in sorted(groups.items()):
        out.append({
            "topic": topic, "actor_id": actor_id, "date": date, "article_id": article_id,
            "channel": channel,
            "stance": _majority(values.count("favor"), values.count("against"),
                                values.count("neutral")),
            "n": len(values),
        })
    return pd.DataFrame(
        out, columns=["topic", "actor_id", "date", "article_id", "channel", "stance", "n"])


def find_shifts(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Changes of an actor's stance on a topic between consecutive dated articles.

    Only ``favor``/``against`` summaries count (neutral and mixed are skipped). Two articles
    are compared on their public stances when both have one, else on their private
    stances when both have one, else on the overall stance (``basis``), so that a public
    line and a private plea in different articles are not read as a change of mind.
    """
    dates = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    series: dict[tuple, list] = {}
    for row in summary.itertuples(index=False):
        date = dates.get(row.article_id, "")
        if date and row.stance in ("favor", "against"):
            series.setdefault((row.actor_id, row.topic), []).append((date, row.article_id, row))
    out = []
    for (actor_id, topic), points in sorted(series.items()):
        points.sort(key=lambda p: (p[0], p[1]))
        for (date_a, id_a, a), (date_b, id_b, b) in zip(points, points[1:], strict=False):
            basis, from_stance, to_stance = "overall", a.stance, b.stance
            for channel in ("public", "private"):
                sa, sb = getattr(a, f"{channel}_stance"), getattr(b, f"{channel}_stance")
                if sa in ("favor", "against") and sb in ("favor", "against"):
                    basis, from_stance, to_stance = channel, sa, sb
                    break
            if from_stance != to_stance:
                out.append({
                    "actor_id": actor_id, "topic": topic, "from_article": id_a,
                    "from_date": date_a, "from_stance": from_stance, "to_article": id_b,
                    "to_date": date_b, "to_stance": to_stance, "basis": basis,
                    "from_sentences": a.sentence_ids, "to_sentences": b.sentence_ids,
                })
    return pd.DataFrame(out, columns=SHIFT_COLUMNS)


def actor_topic_matrix(stance: pd.DataFrame, min_evidence: int = 1) -> pd.DataFrame:
    """Per article and named actor, ``favor/against/neutral`` counts for each topic."""
    named = stance[stance["actor_id"] != ""]
    if named.empty:
        return pd.DataFrame(columns=["article_id", "actor_id"])
    counts = named.groupby(["article_id", "actor_id", "topic", "stance"]).size().unstack(
        "stance", fill_value=0).reindex(columns=list(STANCES), fill_value=0)
    counts = counts[counts.sum(axis=1) >= min_evidence]
    cells = counts.apply(lambda r: f"{r['favor']}/{r['against']}/{r['neutral']}", axis=1)
    matrix = cells.unstack("topic", fill_value="").reset_index()
    matrix.columns.name = None
    return matrix


def check_topics(topics) -> list[str]:
    """The topics to show, checked against the configured ones (ParameterError if not)."""
    configured = configured_topics()
    if isinstance(topics, str):
        topics = [topics]
    if not isinstance(topics, (list, tuple)) or not topics:
        raise ParameterError(
            f"Parameter topics must be a non-empty list of topics, not {topics!r}.")
    unknown = [t for t in topics if t not in configured]
    if unknown:
        raise ParameterError(
            f"Parameter topics: {', '.join(map(str, unknown))} not configured; "
            f"helpers/data/stance_cues.csv has {', '.join(configured)}.")
    return list(dict.fromkeys(topics))  # each topic once, in the order given


_MARKERS = {"favor": "^", "against": "v", "neutral": "o", "mixed": "D"}
_COLORS = {"favor": "tab:red", "against": "tab:blue", "neutral": "tab:gray", "mixed": "tab:purple"}


def plot_stance_over_time(timeline: pd.DataFrame, topic: str, most: int = 30):
    """Stance over time for one topic: x = publication date, y = actor, marker = stance,
    filled = public, hollow = private, faint = unknown channel. With more than ``most``
    actors, the ``most`` with the most records are drawn and the title says so."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    data = timeline[timeline["topic"] == topic]
    actors = sorted(data["actor_id"].unique())
    title = f"Stance over time: {topic}"
    if len(actors) > most:
        counts = data.groupby("actor_id").size()
        ranked = counts.reset_index(name="n").sort_values(["n", "actor_id"],
                                                          ascending=[False, True])
        actors = sorted(ranked["actor_id"].head(most))
        title += f" (the {most} of {len(counts):,} actors with the most records)"
        data = data[data["actor_id"].isin(actors)]
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(actors) + 1.8))
    offsets = {"public": -0.18, "private": 0.18, "unknown": 0.0}
    position = {actor: n for n, actor in enumerate(actors)}
    for (stance, channel), rows in data.groupby(["stance", "channel"], sort=True):
        color = _COLORS.get(stance, "black")
        ax.scatter(
            [pd.Timestamp(d) for d in rows["date"]],
            [position[a] + offsets[channel] for a in rows["actor_id"]],
            marker=_MARKERS.get(stance, "o"), s=70,
            facecolors="none" if channel == "private" else color,
            edgecolors=color, alpha=0.35 if channel == "unknown" else 1.0, linewidths=1.5,
        )
    if not actors:
        ax.text(0.5, 0.5, "no stance records for this topic", ha="center",
                transform=ax.transAxes)
    ax.set_yticks(range(len(actors)), actors)
    ax.set_ylim(-0.7, max(len(actors), 1) - 0.3)
    locator = mdates.AutoDateLocator(maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("publication date")
    ax.set_title(title)
    handles = [Line2D([], [], marker=_MARKERS[s], color=_COLORS[s], linestyle="", label=s)
               for s in ("favor", "against", "neutral")]
    handles += [
        Line2D([], [], marker="o", color="black", linestyle="", label="public (filled)"),
        Line2D([], [], marker="o", markerfacecolor="none", color="black", linestyle="",
               label="private (hollow)"),
        Line2D([], [], marker="o", color="black", alpha=0.35, linestyle="",
               label="unknown (faint)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def summary_line(stance: pd.DataFrame, shifts: pd.DataFrame) -> str:
    """One line for the report index."""
    named = stance[stance["actor_id"] != ""]
    return (
        f"{len(stance)} stance records ({len(named)} with a named actor) in "
        f"{stance['article_id'].nunique()} articles; {len(shifts)} shifts."
    )
