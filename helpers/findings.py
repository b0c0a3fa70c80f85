"""The findings: a brief that answers the research question from the tables, with its evidence.

``build_brief(articles, stance, summary, quotes, mentions, actors)`` turns the step tables into
statements, each generated from the rows (nothing is written by hand for a corpus) and each
carrying the evidence sentences behind it:

- per topic, actor (with at least ``min_evidence`` records on the topic) and month of
  publication, the stance in each channel (public, private, unknown) apart;
- who holds which stance, from the per-article stance summary;
- shifts: an actor's stance changing between consecutive dated months, compared public with
  public, else private with private, else overall (as ``stance.find_shifts`` does per article);
- public/private splits: the same actor, topic and month with different public and private
  stances;
- outlet disagreements: the same actor, topic and month with a different majority stance by
  outlet, side by side with each outlet's sourcing (on the record, in private as reported,
  not stated) from the stance table's ``channel``/``channel_cue`` columns;
- who speaks most (quotes per speaker) and who is quoted about whom (a quote's speaker and the
  other actors named in the quote's sentences).

Every statement says how sure it is: its evidence count and channel; stance statements also
give the stance step's measured accuracy from ``helpers/data/measured_accuracy.csv``.
``headlines`` picks three to five statements for the report index. A corpus without outlets,
dates, several actors or any stance gets the statements its tables support and a sentence on
what cannot be said. :mod:`helpers.findings_pages` renders the brief (HTML, text, chart).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.datafiles import data_path

# How the prose names a topic and its stances (DESIGN.md's stance meaning); a topic missing
# here is named from its id ("peace_talks" -> "for peace talks").
TOPIC_WORDING = {
    "war_with_israel": {
        "label": "war with Israel", "favor": "for a military response to Israel",
        "against": "against war with Israel", "neutral": "non-committal on war with Israel",
        "mixed": "divided on war with Israel",
    },
    "talks_with_us": {
        "label": "talks with the US", "favor": "open to talks with the US",
        "against": "against talks with the US", "neutral": "non-committal on talks with the US",
        "mixed": "divided on talks with the US",
    },
}
CHANNELS = ("public", "private", "unknown")
DECISIVE = ("favor", "against")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_SET_NAMES = {"devset": "the development set", "seeds": "the seeds",
              "heldout": "the held-out pages"}
# holder_how values of the stance table, most direct first: a named subject or speaker is
# stronger evidence than a pronoun, and both are stronger than a position someone reports.
_HOLDER_RANK = {"subject": 0, "speaker": 0, "agent": 0, "possessive": 0, "pronoun": 1,
                "relative": 1, "reported": 2}
STANCE_COLUMNS = ["article_id", "actor_id", "topic", "stance", "channel", "cue", "sentence_idx",
                  "evidence", "holder_how", "channel_cue"]
PERIOD_COLUMNS = ["topic", "actor_id", "period", "channel", "stance", "n_favor", "n_against",
                  "n_neutral", "n_sentences", "n_articles", "sentences"]
ACCURACY_COLUMNS = ["step", "measure", "value", "set", "note"]
FINDINGS_COLUMNS = ["kind", "anchor", "topic", "actor_id", "period", "statement", "evidence"]


@dataclass(frozen=True)
class Evidence:
    """One evidence sentence with where it comes from and what it was read as."""

    article_id: str
    sentence_idx: int
    text: str
    outlet: str
    date: str
    url: str
    stances: tuple[str, ...]
    channels: tuple[str, ...]
    channel_cue: str

    @property
    def ref(self) -> str:
        return f"{self.article_id}:{self.sentence_idx}"


@dataclass(frozen=True)
class Side:
    """One side of a comparison (a month, a channel, an outlet) with its evidence."""

    label: str
    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Statement:
    """A generated sentence, the anchor it is shown under, and the evidence behind it."""

    kind: str
    text: str
    anchor: str
    topic: str = ""
    actor_id: str = ""
    period: str = ""
    evidence: tuple[Evidence, ...] = ()
    sides: tuple[Side, ...] = ()
    weight: int = 0

    @property
    def all_evidence(self) -> tuple[Evidence, ...]:
        return self.evidence + tuple(e for side in self.sides for e in side.evidence)


@dataclass(frozen=True, eq=False)
class Brief:
    """Everything the findings notebook shows, as generated statements and small tables."""

    overview: tuple[Statement, ...]
    accuracy: pd.DataFrame
    topics: tuple[str, ...]
    periods: pd.DataFrame
    roster: tuple[Statement, ...]
    claims: tuple[Statement, ...]
    shifts: tuple[Statement, ...]
    splits: tuple[Statement, ...]
    outlets: tuple[Statement, ...]
    speaking: tuple[Statement, ...]
    speakers: pd.DataFrame
    quoted_about: pd.DataFrame
    names: dict = field(default_factory=dict)
    headlines: tuple[Statement, ...] = ()


# ---------------------------------------------------------------- wording


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


def topic_label(topic: str) -> str:
    return TOPIC_WORDING.get(topic, {}).get("label", topic.replace("_", " "))


def stance_phrase(topic: str, stance: str) -> str:
    """"for a military response to Israel", "against talks with the US", ..."""
    wording = TOPIC_WORDING.get(topic)
    if wording and stance in wording:
        return wording[stance]
    label = topic_label(topic)
    return {"favor": f"for {label}", "against": f"against {label}",
            "neutral": f"non-committal on {label}"}.get(stance, f"divided on {label}")


def month_of(date: str) -> str:
    """``YYYY-MM`` of an ISO date, or "" for an unknown date."""
    return date[:7] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else ""


def month_label(period: str) -> str:
    if not period:
        return "undated"
    return f"{_MONTHS[int(period[5:7]) - 1]} {period[:4]}"


def _when(period: str) -> str:
    return f"in {month_label(period)}" if period else "in undated articles"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _count_phrase(n_sentences: int, n_articles: int) -> str:
    return f"{_plural(n_sentences, 'evidence sentence')}, {_plural(n_articles, 'article')}"


def _channel_mix(channels: list[str]) -> str:
    """"in private", "in public", "channel not stated", or the counts of a mixture."""
    counts = Counter(channels)
    words = {"public": "in public", "private": "in private", "unknown": "channel not stated"}
    if len(counts) == 1:
        return words[next(iter(counts))]
    return ", ".join(f"{counts[c]} {words[c]}" for c in CHANNELS if counts[c])


def _slug(*parts) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9_]+", "-", str(p)).strip("-") or "none" for p in parts)


def _name(names: dict, actor_id: str) -> str:
    return names.get(actor_id) or actor_id


# ---------------------------------------------------------------- measured accuracy


def load_accuracy(path=None) -> pd.DataFrame:
    """``helpers/data/measured_accuracy.csv`` (or ``path``): step, measure, value, set, note.

    A missing file gives an empty table: the brief then says accuracy was not measured.
    """
    try:
        frame = pd.read_csv(path or data_path("measured_accuracy.csv"), dtype=str,
                            keep_default_na=False)
    except (OSError, pd.errors.EmptyDataError):
        return pd.DataFrame(columns=ACCURACY_COLUMNS)
    return _columns(frame, ACCURACY_COLUMNS)[ACCURACY_COLUMNS]


def _measure(accuracy: pd.DataFrame, step: str, measure: str) -> tuple[float, str] | None:
    rows = accuracy[(accuracy["step"] == step) & (accuracy["measure"] == measure)]
    for row in rows.itertuples(index=False):
        try:
            return float(row.value), _SET_NAMES.get(row.set, row.set or "an unnamed set")
        except ValueError:
            continue
    return None


def accuracy_clause(accuracy: pd.DataFrame, topic: str) -> str:
    """One sentence on the stance step's measured accuracy for ``topic`` and for channels."""
    label = topic_label(topic)
    stance = _measure(accuracy, "stance", topic)
    channel = _measure(accuracy, "stance", "channel")
    if stance is None:
        text = f"Measured accuracy of the stance step on {label}: none recorded"
    else:
        text = (f"Measured accuracy of the stance step on {label}: {stance[0]:.0%} of "
                f"{stance[1]}'s reader stances")
    if channel is not None:
        text += f"; of the public/private channel: {channel[0]:.0%}"
    return text + "."


# ---------------------------------------------------------------- evidence and periods


def _columns(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """A copy of ``frame`` with every one of ``columns`` (a missing one filled with "")."""
    frame = pd.DataFrame() if frame is None else frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.Series("", index=frame.index, dtype=object)
    return frame


def _article_meta(articles: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """``article_id -> (outlet, published, url)``."""
    articles = _columns(articles, ["article_id", "outlet", "published", "url"])
    return {_text(r.article_id): (_text(r.outlet), _text(r.published), _text(r.url))
            for r in articles.itertuples(index=False)}


def evidence_records(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The stance records of named actors with their article's outlet, date, URL and month."""
    stance = _columns(stance, STANCE_COLUMNS)
    meta = _article_meta(articles)
    rows = []
    for r in stance.itertuples(index=False):
        actor_id = _text(r.actor_id)
        if not actor_id:
            continue
        outlet, date, url = meta.get(_text(r.article_id), ("", "", ""))
        rows.append({
            "topic": _text(r.topic), "actor_id": actor_id, "period": month_of(date),
            "channel": _text(r.channel) or "unknown", "stance": _text(r.stance),
            "article_id": _text(r.article_id), "sentence_idx": int(r.sentence_idx),
            "evidence": _text(r.evidence), "cue": _text(r.cue),
            "channel_cue": _text(r.channel_cue), "holder_how": _text(r.holder_how),
            "outlet": outlet, "date": date, "url": url,
        })
    columns = ["topic", "actor_id", "period", "channel", "stance", "article_id", "sentence_idx",
               "evidence", "cue", "channel_cue", "holder_how", "outlet", "date", "url"]
    return pd.DataFrame(rows, columns=columns)


def eligible(records: pd.DataFrame, min_evidence: int) -> pd.DataFrame:
    """The records of the actors with at least ``min_evidence`` records on the topic."""
    sizes = records.groupby(["actor_id", "topic"])["stance"].transform("size")
    return records[sizes >= min_evidence].reset_index(drop=True)


def _majority(stances) -> str:
    counts = Counter(stances)
    if counts["favor"] > counts["against"]:
        return "favor"
    if counts["against"] > counts["favor"]:
        return "against"
    if counts["favor"]:
        return "mixed"
    return "neutral" if counts["neutral"] else ""


def _topic_order(topics) -> list[str]:
    known = [t for t in TOPIC_WORDING if t in set(topics)]
    return known + sorted(set(topics) - set(known))


def stance_by_period(records: pd.DataFrame) -> pd.DataFrame:
    """Per topic, actor, month and channel: the majority stance and its evidence counts."""
    rows = []
    order = {t: i for i, t in enumerate(_topic_order(records["topic"]))}
    for (topic, actor_id, period, channel), group in records.groupby(
            ["topic", "actor_id", "period", "channel"], sort=False):
        refs = sorted({(a, i) for a, i in zip(group["article_id"], group["sentence_idx"],
                                                strict=True)})
        rows.append({
            "topic": topic, "actor_id": actor_id, "period": period, "channel": channel,
            "stance": _majority(group["stance"]),
            "n_favor": int((group["stance"] == "favor").sum()),
            "n_against": int((group["stance"] == "against").sum()),
            "n_neutral": int((group["stance"] == "neutral").sum()),
            "n_sentences": len(refs), "n_articles": group["article_id"].nunique(),
            "sentences": ";".join(f"{a}:{i}" for a, i in refs),
        })
    frame = pd.DataFrame(rows, columns=PERIOD_COLUMNS)
    if frame.empty:
        return frame
    keys = frame.assign(_t=frame["topic"].map(order), _p=frame["period"].replace("", "9999"),
                        _c=frame["channel"].map({c: i for i, c in enumerate(CHANNELS)}))
    keys = keys.sort_values(["_t", "actor_id", "_p", "_c"], kind="stable")
    return frame.loc[keys.index].reset_index(drop=True)


def strongest(rows: pd.DataFrame, stance: str, limit: int) -> tuple[Evidence, ...]:
    """Up to ``limit`` evidence sentences of ``rows``, strongest first.

    A sentence that gives ``stance`` comes before one that does not; then a named holder
    before a pronoun or a reported one, more cue phrases before fewer, a channel the text
    states before a default one, then date and position.
    """
    grouped: dict[tuple, list[dict]] = {}
    for record in rows.to_dict("records"):  # plain rows: a pandas group per sentence is slow
        grouped.setdefault((record["article_id"], record["sentence_idx"]), []).append(record)
    sentences = []
    for (article_id, sentence_idx), group in sorted(grouped.items()):
        stances = tuple(sorted({r["stance"] for r in group}))
        cues = [r["channel_cue"] for r in group
                if r["channel_cue"] and not r["channel_cue"].startswith("(")]
        first = group[0]
        key = (
            0 if stance in stances or (stance == "mixed" and set(stances) & set(DECISIVE)) else 1,
            min(_HOLDER_RANK.get(r["holder_how"], 1) for r in group),
            -max(len([p for p in r["cue"].split(";") if p.strip()]) for r in group),
            0 if cues else 1, first["date"] or "9999", article_id, sentence_idx,
        )
        channels = {r["channel"] for r in group}
        sentences.append((key, Evidence(
            article_id=article_id, sentence_idx=int(sentence_idx), text=first["evidence"],
            outlet=first["outlet"], date=first["date"], url=first["url"], stances=stances,
            channels=tuple(c for c in CHANNELS if c in channels),
            channel_cue=cues[0] if cues else "")))
    sentences.sort(key=lambda item: item[0])
    return tuple(e for _, e in sentences[:limit])


def _other_counts(row) -> str:
    """"; 2 cues against" when some records of a period disagree with its majority."""
    counts = {"favor": row.n_favor, "against": row.n_against, "neutral": row.n_neutral}
    words = {"favor": "for", "against": "against", "neutral": "non-committal"}
    if sum(1 for n in counts.values() if n) < 2:
        return ""
    return "; cues " + ", ".join(f"{counts[s]} {words[s]}" for s in counts if counts[s])


# ---------------------------------------------------------------- statements


def claims(periods: pd.DataFrame, records: pd.DataFrame, names: dict,
           max_evidence: int) -> tuple[Statement, ...]:
    """One statement per row of :func:`stance_by_period`, with its strongest sentences."""
    out = []
    by_period = {key: group for key, group in records.groupby(
        ["topic", "actor_id", "period", "channel"], sort=False, dropna=False)}
    empty = records.iloc[:0]
    for row in periods.itertuples(index=False):
        name = _name(names, row.actor_id)
        phrase = stance_phrase(row.topic, row.stance)
        counts = _count_phrase(row.n_sentences, row.n_articles) + _other_counts(row)
        if row.channel == "unknown":
            text = f"{name} was {phrase} {_when(row.period)}, channel not stated ({counts})."
        else:
            text = f"{name}, in {row.channel}, was {phrase} {_when(row.period)} ({counts})."
        group = by_period.get((row.topic, row.actor_id, row.period, row.channel), empty)
        out.append(Statement(
            kind="claim", text=text, topic=row.topic, actor_id=row.actor_id, period=row.period,
            anchor=_slug("claim", row.topic, row.actor_id, row.period or "undated", row.channel),
            evidence=strongest(group, row.stance, max_evidence), weight=int(row.n_sentences)))
    return tuple(out)


def roster(summary: pd.DataFrame, records: pd.DataFrame, names: dict) -> tuple[Statement, ...]:
    """Per topic, who holds which stance (the per-article stance summary), by month."""
    summary = _columns(summary, ["article_id", "actor_id", "topic", "stance", "published"])
    keep = set(zip(records["actor_id"], records["topic"], strict=True))
    out = []
    for topic in _topic_order(summary["topic"].map(_text)):
        rows = [r for r in summary.itertuples(index=False)
                if _text(r.topic) == topic and (_text(r.actor_id), topic) in keep]
        holders: dict[str, dict[tuple, set]] = {}
        for r in rows:
            key = (month_of(_text(r.published)) or "9999", _name(names, _text(r.actor_id)))
            holders.setdefault(_text(r.stance), {}).setdefault(key, set()).add(r.article_id)
        parts = []
        for stance in ("favor", "against", "mixed", "neutral"):
            if stance not in holders:
                continue
            entries = [f"{name} ({month_label('' if period == '9999' else period)}, "
                       f"{_plural(len(ids), 'article')})"
                       for (period, name), ids in sorted(holders[stance].items())]
            parts.append(f"{stance_phrase(topic, stance)}: {', '.join(entries)}")
        if parts:
            out.append(Statement(
                kind="roster", anchor=_slug("roster", topic), topic=topic,
                text=f"On {topic_label(topic)}, by article majority: " + "; ".join(parts) + "."))
    return tuple(out)


def _overall(periods: pd.DataFrame) -> dict[tuple, dict[str, str]]:
    """``(topic, actor, period) -> {channel or "overall": stance}``."""
    out: dict[tuple, dict[str, str]] = {}
    for key, group in periods.groupby(["topic", "actor_id", "period"], sort=False):
        stances = dict(zip(group["channel"], group["stance"], strict=True))
        totals = {s: int(group[f"n_{s}"].sum()) for s in ("favor", "against", "neutral")}
        stances["overall"] = _majority(Counter(totals).elements())
        out[key] = stances
    return out


def _side(records: pd.DataFrame, label: str, topic: str, stance: str, period: str | None,
          max_evidence: int) -> Side:
    """A month (``period``; its channels are named) or a channel (``period=None``) of one
    actor: its stance, sentence count and evidence."""
    support = records[records["stance"] == stance]
    sentences = support.drop_duplicates(["article_id", "sentence_idx", "channel"])
    n_sentences = len(support.drop_duplicates(["article_id", "sentence_idx"]))
    contrary = records[records["stance"].isin(DECISIVE) & (records["stance"] != stance)]
    n_contrary = len(contrary.drop_duplicates(["article_id", "sentence_idx"]))
    when = f" {_when(period)}" if period is not None else ""
    text = (f"{stance_phrase(topic, stance)}{when} ("
            f"{_count_phrase(n_sentences, support['article_id'].nunique())}")
    if period is not None:
        text += f"; {_channel_mix(list(sentences['channel']))}"
    if n_contrary:
        text += f"; {_plural(n_contrary, 'other sentence')} the other way"
    return Side(label=label, text=text + ")",
                evidence=strongest(support, stance, max_evidence))


def shifts(periods: pd.DataFrame, records: pd.DataFrame, names: dict,
           max_evidence: int = 1) -> tuple[Statement, ...]:
    """Changes of an actor's stance on a topic between consecutive dated months.

    Compared on the public stances when both months have a decisive one, else on the private
    ones, else on the overall majority; the statement says which, and warns when the two
    months rest on different channels.
    """
    stances = _overall(periods)
    out = []
    for (topic, actor_id), group in periods[periods["period"] != ""].groupby(
            ["topic", "actor_id"], sort=False):
        months = sorted(set(group["period"]))
        for before, after in zip(months, months[1:], strict=False):
            a, b = stances[(topic, actor_id, before)], stances[(topic, actor_id, after)]
            basis = next((c for c in ("public", "private", "overall")
                          if a.get(c) in DECISIVE and b.get(c) in DECISIVE), None)
            if basis is None or a[basis] == b[basis]:
                continue
            mine = records[(records["topic"] == topic) & (records["actor_id"] == actor_id)]
            if basis != "overall":
                mine = mine[mine["channel"] == basis]
            first = _side(mine[mine["period"] == before], month_label(before), topic,
                          a[basis], before, max_evidence)
            second = _side(mine[mine["period"] == after], month_label(after), topic,
                           b[basis], after, max_evidence)
            text = (f"{_name(names, actor_id)} went from being {first.text} to being "
                    f"{second.text}")
            text += f", compared {'in ' + basis if basis != 'overall' else 'over all channels'}."
            channels_a = {c for e in first.evidence for c in e.channels}
            channels_b = {c for e in second.evidence for c in e.channels}
            if basis == "overall" and channels_a != channels_b:
                text += (" The two months rest on different channels, so this may set a "
                         "public line against a private position rather than show a change "
                         "of mind.")
            out.append(Statement(
                kind="shift", text=text, topic=topic, actor_id=actor_id, period=after,
                anchor=_slug("shift", topic, actor_id, before, after), sides=(first, second),
                weight=len(mine[mine["period"].isin((before, after))])))
    return tuple(out)


def splits(periods: pd.DataFrame, records: pd.DataFrame, names: dict,
           max_evidence: int = 1) -> tuple[Statement, ...]:
    """Actor, topic and month whose public and private stances differ."""
    out = []
    by_period = {key: group for key, group in records.groupby(
        ["topic", "actor_id", "period"], sort=False, dropna=False)}
    for (topic, actor_id, period), group in periods.groupby(["topic", "actor_id", "period"],
                                                            sort=False):
        by_channel = dict(zip(group["channel"], group["stance"], strict=True))
        private, public = by_channel.get("private", ""), by_channel.get("public", "")
        if not private or not public or private == public:
            continue
        mine = by_period.get((topic, actor_id, period), records.iloc[:0])
        sides = tuple(
            _side(mine[mine["channel"] == channel], f"in {channel}", topic, stance, None,
                  max_evidence)
            for channel, stance in (("private", private), ("public", public)))
        name = _name(names, actor_id)
        text = (f"{name}'s public and private stances on {topic_label(topic)} differed "
                f"{_when(period)}: in private {sides[0].text}; in public {sides[1].text}.")
        decisive = private in DECISIVE and public in DECISIVE
        size = len(mine.drop_duplicates(["article_id", "sentence_idx"]))
        out.append(Statement(
            kind="split", text=text, topic=topic, actor_id=actor_id, period=period,
            anchor=_slug("split", topic, actor_id, period or "undated"), sides=sides,
            weight=size if decisive else min(size, 1)))
    return tuple(out)


def _sourcing(rows: pd.DataFrame, cues: bool = True) -> str:
    """"6 in private (as reported: 'according to sources'), 3 on the record"."""
    per_sentence = rows.drop_duplicates(["article_id", "sentence_idx", "channel"])
    words = {"public": "on the record", "private": "in private, as reported",
             "unknown": "with no sourcing stated"}
    parts = []
    for channel in ("private", "public", "unknown"):
        these = per_sentence[per_sentence["channel"] == channel]
        if these.empty:
            continue
        said = sorted({c for c in these["channel_cue"] if c and not c.startswith("(")},
                      key=str.casefold)[:3]
        cue_text = f" ({', '.join(repr(c) for c in said)})" if said and cues else ""
        parts.append(f"{len(these)} {words[channel]}{cue_text}")
    return ", ".join(parts)


def outlet_disagreements(records: pd.DataFrame, names: dict,
                         max_evidence: int = 1) -> tuple[Statement, ...]:
    """Actor, topic and month on which outlets report different majority stances."""
    out = []
    named = records[records["outlet"] != ""]
    for (topic, actor_id, period), group in named.groupby(["topic", "actor_id", "period"],
                                                          sort=False):
        by_outlet = {outlet: _majority(rows["stance"])
                     for outlet, rows in group.groupby("outlet")}
        if len(by_outlet) < 2 or len(set(by_outlet.values())) < 2:
            continue
        name = _name(names, actor_id)
        sides, said = [], []
        for outlet, stance in sorted(by_outlet.items(), key=lambda kv: kv[0].casefold()):
            rows = group[group["outlet"] == outlet]
            counts = _count_phrase(len(rows.drop_duplicates(["article_id", "sentence_idx"])),
                                   rows["article_id"].nunique())
            phrase = stance_phrase(topic, stance)
            sides.append(Side(label=outlet, text=f"{phrase} ({counts}; sourcing: "
                                                 f"{_sourcing(rows)})",
                              evidence=strongest(rows, stance, max_evidence)))
            said.append(f"{outlet} has {name} {phrase} ({counts}; "
                        f"{_sourcing(rows, cues=False)})")
        text = (f"Outlets differ on {name} and {topic_label(topic)} {_when(period)}: "
                + "; ".join(said) + ".")
        out.append(Statement(
            kind="outlets", text=text, topic=topic, actor_id=actor_id, period=period,
            anchor=_slug("outlets", topic, actor_id, period or "undated"), sides=tuple(sides),
            weight=len(group.drop_duplicates(["article_id", "sentence_idx"]))))
    return tuple(out)


def quotes_per_speaker(quotes: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Quotes per named speaker (direct ones apart), most quoted first."""
    quotes = _columns(quotes, ["article_id", "speaker_id", "kind"])
    quotes = quotes.assign(speaker_id=quotes["speaker_id"].map(_text))
    named = quotes[quotes["speaker_id"] != ""]
    columns = ["speaker_id", "speaker", "n_quotes", "n_direct", "n_articles"]
    if named.empty:
        return pd.DataFrame(columns=columns)
    table = named.groupby("speaker_id").agg(
        n_quotes=("kind", "size"), n_direct=("kind", lambda k: int((k == "direct").sum())),
        n_articles=("article_id", "nunique")).reset_index()
    table["speaker"] = [_name(names, s) for s in table["speaker_id"]]
    table = table.sort_values(["n_quotes", "n_articles", "speaker_id"],
                              ascending=[False, False, True])
    return table[columns].reset_index(drop=True)


def quoted_about(quotes: pd.DataFrame, mentions: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Quote speaker × the other actors named in the quote's sentences, by quote count."""
    quotes = _columns(quotes, ["article_id", "sentence_idx", "last_sentence_idx", "speaker_id"])
    mentions = _columns(mentions, ["article_id", "sentence_idx", "actor_id"])
    named_in: dict[tuple, set] = {}
    for m in mentions.itertuples(index=False):
        named_in.setdefault((_text(m.article_id), int(m.sentence_idx)), set()).add(
            _text(m.actor_id))
    pairs: dict[tuple, set] = {}
    for number, q in enumerate(quotes.itertuples(index=False)):
        speaker = _text(q.speaker_id)
        if not speaker:
            continue
        first = int(q.sentence_idx)
        last = int(q.last_sentence_idx) if _text(q.last_sentence_idx) else first
        about = set().union(*(named_in.get((_text(q.article_id), i), set())
                              for i in range(first, max(first, last) + 1)))
        for actor_id in about - {speaker, ""}:
            pairs.setdefault((speaker, actor_id), set()).add((number, _text(q.article_id)))
    rows = [{"speaker_id": s, "speaker": _name(names, s), "about_id": a,
             "about": _name(names, a), "n_quotes": len(seen),
             "n_articles": len({art for _, art in seen})}
            for (s, a), seen in pairs.items()]
    columns = ["speaker_id", "speaker", "about_id", "about", "n_quotes", "n_articles"]
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table
    return table.sort_values(["n_quotes", "speaker_id", "about_id"],
                             ascending=[False, True, True]).reset_index(drop=True)


def speaking(speakers: pd.DataFrame, about: pd.DataFrame, quotes: pd.DataFrame,
             top: int = 5) -> tuple[Statement, ...]:
    """Who speaks most, and who is quoted about whom."""
    quotes = _columns(quotes, ["speaker_id", "speaker"])
    unnamed = quotes[quotes["speaker_id"].map(_text) == ""]
    out = []
    if not speakers.empty:
        entries = [f"{r.speaker} ({_plural(int(r.n_quotes), 'quote')}, {int(r.n_direct)} "
                   f"direct, in {_plural(int(r.n_articles), 'article')})"
                   for r in speakers.head(top).itertuples(index=False)]
        text = "Most quoted: " + ", ".join(entries) + "."
        if len(unnamed):
            surfaces = [_text(s) for s in unnamed["speaker"] if _text(s)]
            common = Counter(s.casefold() for s in surfaces)
            shown = {s.casefold(): s for s in reversed(surfaces)}  # first spelling of each
            examples = ", ".join(repr(shown[s]) for s, _ in sorted(
                common.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
            verb = "has" if len(unnamed) == 1 else "have"
            text += (f" {_plural(len(unnamed), 'quote')} {verb} no named speaker"
                     + (f" (e.g. {examples})." if examples else "."))
        out.append(Statement(kind="speakers", text=text, anchor="speakers",
                             weight=int(speakers["n_quotes"].sum())))
    elif len(unnamed):
        out.append(Statement(kind="speakers", anchor="speakers",
                             text=f"No quote has a speaker in the actor register "
                                  f"({_plural(len(unnamed), 'quote')} by unnamed speakers)."))
    if not about.empty:
        entries = [f"{r.speaker} on {r.about} ({_plural(int(r.n_quotes), 'quote')})"
                   for r in about.head(top).itertuples(index=False)]
        out.append(Statement(kind="quoted_about", anchor="quoted-about",
                             text="Quoted about others: " + ", ".join(entries) + "."))
    return tuple(out)


def overview(articles: pd.DataFrame, stance: pd.DataFrame, records: pd.DataFrame,
             min_evidence: int) -> tuple[Statement, ...]:
    """What the corpus holds, and what the brief cannot say from it."""
    articles = _columns(articles, ["article_id", "status", "outlet", "published"])
    ok = articles[articles["status"].map(_text).isin(("ok", ""))]
    dates = sorted(d for d in ok["published"].map(_text) if month_of(d))
    outlets = sorted({_text(o) for o in ok["outlet"] if _text(o)}, key=str.casefold)
    text = f"{_plural(len(ok), 'article')} analysed"
    if len(articles) > len(ok):
        text += f" ({len(articles) - len(ok)} more skipped)"
    if dates:
        first, last = month_label(dates[0][:7]), month_label(dates[-1][:7])
        text += (f", published in {first}" if first == last
                 else f", published from {first} to {last}")
    if outlets:
        text += f", from {_plural(len(outlets), 'outlet')} ({', '.join(outlets)})"
    lines, caveats = [text + "."], []
    if len(dates) < len(ok):
        caveats.append(f"{_plural(len(ok) - len(dates), 'article')} without a publication date"
                       + (": their stances are listed as undated and left out of the shifts "
                          "and the charts." if not records.empty else "."))
    copies = syndicated_copies(ok)
    if copies:
        caveats.append(f"{_plural(len(copies), 'article')} {'is' if len(copies) == 1 else 'are'} "
                       "another outlet's copy of an earlier one: counted once, except when "
                       "outlets are compared.")
    if not outlets and len(ok):
        caveats.append("No article names its outlet, so outlets cannot be compared.")
    elif len(outlets) == 1:
        caveats.append(f"Every article with an outlet comes from {outlets[0]}, so outlets "
                     "cannot be compared.")
    stance = _columns(stance, STANCE_COLUMNS)
    labels = [topic_label(t) for t in _topic_order(
        set(TOPIC_WORDING) | set(stance["topic"].map(_text)) - {""})]
    topics = " or ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
    if stance.empty:
        lines.append(f"No sentence states a stance on {topics} that the stance step could "
                     "read, so the brief makes no stance statement.")
    elif records.empty:
        lines.append(f"{_plural(len(stance), 'stance sentence')} found, none held by a named "
                     f"actor with at least {min_evidence} on a topic, so the brief makes no "
                     "stance statement about an actor.")
    else:
        n_named = len(records.drop_duplicates(["article_id", "sentence_idx"]))
        lines.append(
            f"{_plural(len(stance), 'stance record')} read; the brief uses "
            f"{_plural(n_named, 'evidence sentence')} held by "
            f"{_plural(records['actor_id'].nunique(), 'named actor')} with at least "
            f"{min_evidence} on a topic.")
    return tuple(Statement(kind="overview", text=t, anchor=f"overview-{number}")
                 for number, t in enumerate(lines + caveats, start=1))


# ---------------------------------------------------------------- the brief


def _without(table: pd.DataFrame | None, article_ids: set[str]) -> pd.DataFrame:
    table = _columns(table, ["article_id"])
    return table[~table["article_id"].isin(article_ids)]


def syndicated_copies(articles: pd.DataFrame) -> set[str]:
    """The articles that are another outlet's copy of an earlier one (``duplicate_of``)."""
    articles = _columns(articles, ["article_id", "duplicate_of"])
    return {_text(a) for a, d in zip(articles["article_id"], articles["duplicate_of"],
                                     strict=True) if _text(d)}


def build_brief(articles: pd.DataFrame, stance: pd.DataFrame, summary: pd.DataFrame | None,
                quotes: pd.DataFrame | None, mentions: pd.DataFrame | None,
                actors: pd.DataFrame | None = None, min_evidence: int = 1,
                max_evidence: int = 3, accuracy: pd.DataFrame | None = None) -> Brief:
    """Every statement of the findings, generated from the tables of one corpus.

    A syndicated copy counts once (its original's rows stand for it), except when outlets
    are compared: there each outlet keeps its copy."""
    actors = _columns(actors, ["actor_id", "name"])
    names = {_text(a): _text(n) for a, n in zip(actors["actor_id"], actors["name"],
                                                 strict=True) if _text(n)}
    every_copy = eligible(evidence_records(stance, articles), min_evidence)
    copies = syndicated_copies(articles)
    records = every_copy[~every_copy["article_id"].isin(copies)].reset_index(drop=True)
    periods = stance_by_period(records)
    quotes = _without(quotes, copies)
    speakers = quotes_per_speaker(quotes, names)
    about = quoted_about(quotes, _without(mentions, copies), names)
    brief = Brief(
        overview=overview(articles, stance, records, min_evidence),
        accuracy=load_accuracy() if accuracy is None else accuracy,
        topics=tuple(_topic_order(records["topic"])), periods=periods,
        roster=roster(_without(summary, copies), records, names),
        claims=claims(periods, records, names, max_evidence),
        shifts=shifts(periods, records, names), splits=splits(periods, records, names),
        outlets=outlet_disagreements(every_copy, names),
        speaking=speaking(speakers, about, quotes), speakers=speakers, quoted_about=about,
        names=names,
    )
    return replace(brief, headlines=headlines(brief))


def headlines(brief: Brief, most: int = 5) -> tuple[Statement, ...]:
    """Three to five statements for the index: the strongest of each kind first.

    Splits, shifts and outlet disagreements answer the research question most directly;
    then who speaks. The first of each kind is taken, then the rest by evidence weight, up
    to ``most``; when fewer than three were found, the claims with most evidence fill in,
    then the overview (what the corpus holds and what cannot be said).
    """
    kinds = [brief.splits, brief.shifts, brief.outlets, brief.speaking[:1]]
    ranked = [sorted(k, key=lambda s: -s.weight) for k in kinds]
    chosen = [k[0] for k in ranked if k]
    rest = sorted((s for k in ranked for s in k[1:]), key=lambda s: -s.weight)
    chosen += rest[:max(0, most - len(chosen))]
    if len(chosen) < 3:
        chosen += sorted(brief.claims, key=lambda s: -s.weight)[:3 - len(chosen)]
    chosen += list(brief.overview[:max(0, 3 - len(chosen))])
    order = ["split", "shift", "outlets", "claim", "speakers", "quoted_about", "overview"]
    chosen.sort(key=lambda s: order.index(s.kind))
    return tuple(chosen[:most])


def _how_sure(brief: Brief, statement: Statement) -> str:
    return f" {accuracy_clause(brief.accuracy, statement.topic)}" if statement.topic else ""


def headlines_text(brief: Brief) -> str:
    """The headline statements, one per line, each with how sure it is."""
    return "\n".join(s.text + _how_sure(brief, s) for s in brief.headlines)


def findings_table(brief: Brief) -> pd.DataFrame:
    """One row per statement of the brief, with its evidence as ``article_id:sentence_idx``."""
    statements = [*brief.overview, *brief.roster, *brief.claims, *brief.shifts, *brief.splits,
                  *brief.outlets, *brief.speaking]
    return pd.DataFrame([
        {"kind": s.kind, "anchor": s.anchor, "topic": s.topic, "actor_id": s.actor_id,
         "period": s.period, "statement": s.text,
         "evidence": ";".join(dict.fromkeys(e.ref for e in s.all_evidence))}
        for s in statements], columns=FINDINGS_COLUMNS)


def chart_topics(brief: Brief) -> list[str]:
    """The topics with dated stance evidence, which get a chart."""
    dated = brief.periods[brief.periods["period"] != ""]
    return [t for t in brief.topics if t in set(dated["topic"])]


# ---------------------------------------------------------------- HTML


_STYLE = (
    "<style>.fnd{font-family:sans-serif;line-height:1.45;max-width:60em}"
    ".fnd .ev{color:#333;font-size:92%;margin:.2em 0 .6em 0}"
    ".fnd .src{color:#666;font-size:90%}"
    ".fnd table.sides{border-collapse:collapse;margin:.3em 0 1em 0}"
    ".fnd table.sides td,.fnd table.sides th{border:1px solid #ccc;padding:.3em .5em;"
    "vertical-align:top;text-align:left}"
    ".fnd .sure{color:#555;font-size:92%}</style>"
)
