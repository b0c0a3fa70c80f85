"""The findings brief as a reader sees it: HTML sections, plain text, and the stance chart.

:mod:`helpers.findings` builds the statements from the tables; this module renders them.
Every piece of text taken from the tables is escaped; each evidence sentence links to its
row (article id and sentence index) and, when the article has an address, to the article.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.findings import (
    _MONTHS,
    _STYLE,
    ACCURACY_COLUMNS,
    DECISIVE,
    Brief,
    Evidence,
    Statement,
    _how_sure,
    _name,
    accuracy_clause,
    headlines_text,
    topic_label,
)


def _e(text) -> str:
    return html.escape(str(text), quote=True)


_CHANNEL_WORDS = {"public": "public", "private": "private", "unknown": "channel not stated"}


def evidence_html(evidence: Evidence) -> str:
    """A quoted evidence sentence with outlet (linked to its page), date, row and channel."""
    outlet = _e(evidence.outlet or "outlet not named")
    if re.match(r"https?://", evidence.url):
        outlet = f'<a href="{_e(evidence.url)}">{outlet}</a>'
    channel = "/".join(_CHANNEL_WORDS[c] for c in evidence.channels)
    if evidence.channel_cue:
        channel += f": “{evidence.channel_cue}”"
    return (f"<li>“{_e(evidence.text)}” <span class=\"src\">({outlet}, "
            f"{_e(evidence.date or 'undated')}; article <code>{_e(evidence.article_id)}</code>, "
            f"sentence {evidence.sentence_idx}; read as {_e('/'.join(evidence.stances))}, "
            f"{_e(channel)})</span></li>")


def _evidence_list(evidence) -> str:
    if not evidence:
        return ""
    return '<ul class="ev">' + "".join(evidence_html(e) for e in evidence) + "</ul>"


def statement_html(brief: Brief, statement: Statement, link: bool = False,
                   sure: bool = True) -> str:
    """A statement with how sure it is (``sure``: the measured accuracy too), then its
    evidence, side by side for comparisons; ``link``: the short form linking to the brief."""
    text = _e(statement.text)
    if link:
        text += f' <a href="#{_e(statement.anchor)}">(evidence)</a>'
    out = [f'<p id="{_e(statement.anchor)}">{text}' if not link else f"<p>{text}"]
    accuracy = _how_sure(brief, statement) if sure else ""
    if accuracy:
        out.append(f' <span class="sure">{_e(accuracy.strip())}</span>')
    out.append("</p>")
    if statement.sides and not link:
        out.append('<table class="sides"><tr>'
                   + "".join(f"<th>{_e(s.label)}</th>" for s in statement.sides) + "</tr><tr>"
                   + "".join(f"<td>{_e(s.text)}{_evidence_list(s.evidence)}</td>"
                             for s in statement.sides) + "</tr></table>")
    elif statement.sides:
        out.append(_evidence_list([e for s in statement.sides for e in s.evidence[:1]]))
    else:
        out.append(_evidence_list(statement.evidence[:1] if link else statement.evidence))
    return "".join(out)


def headlines_html(brief: Brief) -> str:
    """The headline statements, each linked to its evidence in the brief (``#anchor``)."""
    items = "".join(f"<li>{statement_html(brief, s, link=True)}</li>" for s in brief.headlines)
    return f'{_STYLE}<div class="fnd"><ol>{items}</ol></div>'


def _table_html(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    head = "".join(f"<th>{_e(label)}</th>" for label in columns.values())
    rows = "".join("<tr>" + "".join(f"<td>{_e(row[c])}</td>" for c in columns) + "</tr>"
                   for _, row in frame.iterrows())
    return f'<table class="sides"><tr>{head}</tr>{rows}</table>'


SECTIONS = ("overview", "stances", "shifts", "splits", "outlets", "speakers")
MOST_SHOWN = 40


def _capped(statements, limit: int) -> tuple[list[Statement], str]:
    """The ``limit`` statements with most evidence (in their order), and a note on the rest."""
    statements = list(statements)
    if len(statements) <= limit:
        return statements, ""
    kept = set(sorted(range(len(statements)), key=lambda i: -statements[i].weight)[:limit])
    note = (f"Showing the {limit} statements with most evidence of {len(statements)}; every "
            "statement is in data/findings.csv.")
    return [s for i, s in enumerate(statements) if i in kept], note


def section_html(brief: Brief, section: str, limit: int = MOST_SHOWN) -> str:
    """One section of the brief as HTML (see ``SECTIONS``), at most ``limit`` statements per
    topic or kind; every text from the tables escaped."""
    parts: list[str] = []
    if section == "overview":
        parts += [statement_html(brief, s) for s in brief.overview]
        rows = brief.accuracy
        if not rows.empty:
            parts.append("<p>Measured accuracy (<code>make eval</code>, "
                         "<code>helpers/data/measured_accuracy.csv</code>):</p>")
            parts.append(_table_html(rows, {c: c for c in ACCURACY_COLUMNS}))
        else:
            parts.append("<p>No measured accuracy is recorded "
                         "(<code>helpers/data/measured_accuracy.csv</code>).</p>")
    elif section == "stances":
        if not brief.topics:
            parts.append("<p>No stance statement: no named actor holds a stance in these "
                         "articles.</p>")
        for topic in brief.topics:
            parts.append(f"<h3>{_e(topic_label(topic)[:1].upper() + topic_label(topic)[1:])}"
                         "</h3>")
            parts.append(f'<p class="sure">{_e(accuracy_clause(brief.accuracy, topic))}</p>')
            parts += [statement_html(brief, s, sure=False)
                      for s in brief.roster if s.topic == topic]
            shown, note = _capped((s for s in brief.claims if s.topic == topic), limit)
            parts += [statement_html(brief, s, sure=False) for s in shown]
            parts += [f"<p><em>{_e(note)}</em></p>"] if note else []
    else:
        chosen = {"shifts": brief.shifts, "splits": brief.splits, "outlets": brief.outlets,
                  "speakers": brief.speaking}[section]
        shown, note = _capped(chosen, limit)
        parts += [statement_html(brief, s) for s in shown]
        parts += [f"<p><em>{_e(note)}</em></p>"] if note else []
        if not chosen:
            parts.append(f"<p>{_e(_NOTHING[section])}</p>")
    return f'{_STYLE}<div class="fnd">{"".join(parts)}</div>'


_NOTHING = {
    "shifts": "No actor's stance on a topic changes between dated months.",
    "splits": "No actor has different public and private stances on a topic in one month.",
    "outlets": "No two outlets report different stances for the same actor, topic and month.",
    "speakers": "No quote with a speaker was found.",
}


def section_text(brief: Brief, section: str, limit: int = MOST_SHOWN) -> str:
    """The statements of one section as plain text (the notebook's text fallback)."""
    if section == "overview":
        chosen, note = list(brief.overview), ""
    elif section == "stances":
        chosen, note = _capped(brief.claims, limit)
        chosen = [*brief.roster, *chosen]
    else:
        chosen, note = _capped({"shifts": brief.shifts, "splits": brief.splits,
                                "outlets": brief.outlets, "speakers": brief.speaking}[section],
                               limit)
    lines = [s.text for s in chosen] or [_NOTHING.get(section, "No stance statement.")]
    return "\n".join(lines + ([note] if note else []))


def show(brief: Brief, section: str = "headlines") -> None:
    """Display a section (or the headlines) in the notebook: HTML with a plain-text fallback.

    The report index takes the headlines' HTML from the cell tagged ``summary``.
    """
    from IPython.display import display

    if section == "headlines":
        bundle = {"text/plain": headlines_text(brief), "text/html": headlines_html(brief)}
    else:
        if section not in SECTIONS:
            raise ValueError(f"No section {section!r}; choose from {', '.join(SECTIONS)}.")
        bundle = {"text/plain": section_text(brief, section),
                  "text/html": section_html(brief, section)}
    display(bundle, raw=True)


# ---------------------------------------------------------------- figure


_COLORS = {"favor": "#c0392b", "against": "#1f5fa8", "neutral": "#8c8c8c", "mixed": "#8e44ad"}
_OFFSETS = {"public": -0.27, "unknown": 0.0, "private": 0.27}
_LEGEND = {"favor": "for (favor)", "against": "against", "neutral": "non-committal",
           "mixed": "divided (tie)"}


def _month_number(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def plot_stance_map(brief: Brief, topic: str):
    """One topic: actors (rows) × month of publication (x); colour = stance; filled =
    public, hollow = private, light diamond = channel not stated; size = evidence count."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    data = brief.periods[(brief.periods["topic"] == topic) & (brief.periods["period"] != "")]
    totals = data.groupby("actor_id")["n_sentences"].sum()
    actors = sorted(totals.index, key=lambda a: (-totals[a], _name(brief.names, a)))
    months = sorted(set(data["period"]))
    fig, ax = plt.subplots(figsize=(10, 0.62 * len(actors) + 2.6))
    for row in data.itertuples(index=False):
        x, y = _month_number(row.period), actors.index(row.actor_id) + _OFFSETS[row.channel]
        color = _COLORS.get(row.stance, "black")
        size = 36 + 24 * min(row.n_sentences, 12)
        if row.channel == "public":
            style = {"marker": "o", "facecolors": color, "edgecolors": color}
        elif row.channel == "private":
            style = {"marker": "o", "facecolors": "white", "edgecolors": color}
        else:
            style = {"marker": "D", "facecolors": color + "55", "edgecolors": color}
        ax.scatter([x], [y], s=size, linewidths=2, zorder=3, **style)
        ax.annotate(str(row.n_sentences), (x, y), xytext=(9, 0), textcoords="offset points",
                    va="center", fontsize=8, color="#333")
    ax.set_yticks(range(len(actors)), [_name(brief.names, a) for a in actors])
    ax.set_ylim(len(actors) - 0.5, -0.5)
    first, last = _month_number(months[0]), _month_number(months[-1])
    ax.set_xlim(first - 0.8, last + 1.2)
    ax.set_xticks([_month_number(m) for m in months],
                  [f"{_MONTHS[int(m[5:7]) - 1][:3]}\n{m[:4]}" for m in months])
    ax.grid(axis="x", alpha=0.3)
    for y in range(len(actors) - 1):
        ax.axhline(y + 0.5, color="#e5e5e5", linewidth=0.8)
    ax.set_xlabel("month of publication")
    label = topic_label(topic)
    ax.set_title(f"Who stands where on {label}, by month", loc="left")
    shown = [s for s in _COLORS if s in DECISIVE or s in set(data["stance"])]
    handles = [Line2D([], [], marker="o", linestyle="", color=_COLORS[s], markersize=9,
                      label=_LEGEND[s]) for s in shown]
    handles += [
        Line2D([], [], marker="o", linestyle="", color="#444", markersize=9,
               label="in public (filled)"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
               markeredgecolor="#444", markeredgewidth=2, markersize=9,
               label="in private (hollow)"),
        Line2D([], [], marker="D", linestyle="", markerfacecolor="#44444455",
               markeredgecolor="#444", markeredgewidth=2, markersize=8,
               label="channel not stated"),
        Line2D([], [], linestyle="", label="size, number: evidence sentences"),
    ]
    below = 0.85 / (0.62 * len(actors) + 1.4)  # under the month labels: inches over height
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -below), ncol=4,
              frameon=False, fontsize=9)
    fig.tight_layout()
    return fig
