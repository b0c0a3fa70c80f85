"""The timeline step: the dates the articles mention, resolved and grouped into events.

Time expressions are found and resolved one sentence at a time by
:mod:`helpers.time_expressions` (what is found, and how each is anchored to the publication
date, is described there). This module runs that over every article (``previous`` dates and
quotations carried from sentence to sentence), names the event each expression dates from
the event words of ``helpers/data/event_terms.csv`` and the names near it, groups the reports
of one event across articles, infers a missing publication date from the text, and draws the
timeline.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pandas as pd

from helpers.datafiles import read_data_text
from helpers.dates import MONTHS, WEEKDAYS
from helpers.parallel import map_items
from helpers.params import ParameterError
from helpers.regexes import fast_regex
from helpers.time_expressions import (
    CLAUSE_BREAK,
    FUNCTION_WORDS,
    find_time_expressions,
    phrase_words,
    phrases,
    quoted_spans,
)

EVENT_COLUMNS = [
    "article_id", "sentence_idx", "expression", "date_start", "date_end", "granularity",
    "anchor", "actors", "text", "event_id", "event_label", "event_class", "future",
]
UNRESOLVED_COLUMNS = ["article_id", "sentence_idx", "expression", "reason", "text"]
EXPRESSION_COLUMNS = [
    "article_id", "sentence_idx", "start", "end", "expression", "date_start", "date_end",
    "granularity", "anchor", "resolved", "reason", "future", "kind", "event_label",
    "event_class", "who", "names", "text",
]
GROUPABLE_DAYS = 31
# Full dates (day, month and year written out) that can date an article
_FULL_DATE_KINDS = ("iso", "mdy", "dmy", "mdy_span", "dmy_span")

# A capital not preceded by a word character (the same as a leading \b, but a pattern that
# starts with a character class lets the regex engine skip to the capitals quickly).
_NAME_RUN = re.compile(
    r"[A-Z](?<!\w[A-Z])[\w'\u2019.-]*(?:\s+(?:al-|bin\s+)?[A-Z][\w'\u2019.-]*)*")
_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_ID_PARTS = re.compile(r"[_\s-]+")
_NOT_NAMES = FUNCTION_WORDS | frozenset(MONTHS) | frozenset(WEEKDAYS)


@dataclass(frozen=True)
class _EventRules:
    """Event words and name lists, loaded once per process."""

    generic_names: frozenset[str]
    title_words: frozenset[str]
    not_name_words: frozenset[str]
    event_terms: re.Pattern
    event_words: re.Pattern
    event_labels: tuple[tuple[str, str, bool], ...]  # (label, class, named by its patient)


@lru_cache(maxsize=1)
def rules() -> _EventRules:
    """The compiled rules of ``event_terms.csv`` and the name lists of ``time_phrases.csv``."""
    rows = phrases()
    terms = list(csv.DictReader(io.StringIO(read_data_text("event_terms.csv"))))
    event_terms = re.compile(r"\b(?:" + "|".join(
        rf"(?P<t{k}>{row['pattern'].lower()})" for k, row in enumerate(terms)) + r")\b")
    title_words = frozenset(w.lower() for w in phrase_words(rows, "title_word"))
    return _EventRules(
        generic_names=frozenset(w.lower() for w in phrase_words(rows, "generic_name")),
        title_words=title_words,
        not_name_words=_NOT_NAMES | title_words,
        event_terms=event_terms,
        event_words=fast_regex(r"\b(?:" + "|".join(row["pattern"].lower() for row in terms)
                               + r")\b"),
        event_labels=tuple((row["label"], row["event_class"], row["named_by"] == "patient")
                           for row in terms),
    )


# ---------------------------------------------------------------- event words and names


def _event_term(lowered: str, start: int, end: int) -> tuple[str, str, int, int, bool]:
    """(label, event class, start, end, named by its patient) of the event word nearest the
    time expression, looked for within 120 characters of it in the lower-cased sentence;
    ties go to the earlier row of ``event_terms.csv``."""
    r = rules()
    best = None
    window_end = end + 120
    # The plain alternation finds the same spans as the grouped one, faster; the grouped one
    # is matched only where a word was found that is not farther than the best so far, to
    # name its row.
    for m in r.event_words.finditer(lowered, max(0, start - 120), window_end):
        distance = max(m.start() - end if m.start() >= end else start - m.end(), 0)
        if best is not None and distance > best[0][0]:
            continue
        grouped = r.event_terms.match(lowered, m.start(), window_end)
        key = (distance, int(grouped.lastgroup[1:]))
        if best is None or key < best[0]:
            best = (key, *r.event_labels[key[1]], m.start(), grouped.end())
    if best is None:
        return "", "", -1, -1, False
    _, label, event_class, patient, word_start, word_end = best
    return label, event_class, word_start, word_end, patient


def _name_runs(text: str) -> list[tuple[int, int, str, bool]]:
    """The capitalised name runs of a sentence, titles, calendar and grammar words dropped:
    (start, end, name, is_affiliation). A one-word run at the very start of the sentence is
    skipped; a run followed by a title ("Hamas chief") is an affiliation, not the person."""
    r = rules()
    runs = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().rstrip(".'\u2019-").split()
        tokens = [t for t in words if t.lower().rstrip(".") not in r.not_name_words]
        if not tokens or (m.start() == 0 and len(tokens) == 1 and len(m.group().split()) == 1):
            continue
        following = _WORD_AFTER.match(text, m.end())
        affiliation = bool(following and following.group(1) in r.title_words)
        runs.append((m.start(), m.end(), " ".join(tokens), affiliation))
    return runs


def _names(runs: list[tuple[int, int, str, bool]], around: int) -> list[tuple[int, str, bool]]:
    """The name runs (of :func:`_name_runs`) within 80 characters of position ``around``:
    (distance, name, is_affiliation), nearest first."""
    found = []
    for start, end, name, affiliation in runs:
        distance = min(abs(start - around), abs(end - around))
        if distance <= 80:
            found.append((distance, name, affiliation))
    return sorted(found)


def _without_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def _participants(names: list[tuple[int, str, bool]]) -> list[str]:
    generic = rules().generic_names
    out = set()
    for _, name, _ in names:
        for token in name.split():
            token = _without_possessive(token).lower()
            if token not in generic and len(token) > 2:
                out.add(token)
    return sorted(out)


# ---------------------------------------------------------------- event labels

# A name span for labels: (start, end, short name, usable), usable when the name is neither
# generic ("Iran", "Parliament") nor an affiliation ("Hamas" in "Hamas chief Ismail Haniyeh").
_NameSpan = tuple[int, int, str, bool]

_POSSESSIVE_GAP = re.compile(r"['\u2019]s\s+(?:[a-z][a-z-]*\s+){0,2}")
_SUBJECT_GAP = re.compile(
    r",?\s+(?:(?:also|has|have|had|was|were|is|are|been|being|then|reportedly|[a-z]+ly)\s+){0,3}")
_BEFORE_SUBJECT = re.compile(
    r"(?i:\b(?:to|of|with|by|for|from|in|at|on|against|about|than|like|between|into|over|"
    r"under|via|toward|towards)\s+(?:the\s+)?)$")
# "a New York Times report", "the Hamas attack": a name between an article and the event
# word qualifies it, whatever comes before ("according to a New York Times report")
_ARTICLE_BEFORE = re.compile(r"(?<![\w-])(?i:a|an|the)\s+$")
_AGENT_LEAD = re.compile(r"\s+(?:of|by)\s+")
_WITH_LEAD = re.compile(r"\s+with\s+")
_OBJECT_LEAD = re.compile(r"\s+")
_MODIFIERS = re.compile(r"(?<![\w'\u2019-])((?:[a-z][a-z-]*\s+){1,2})$")
_NOT_MODIFIERS = FUNCTION_WORDS | frozenset(
    "has have had was were is are be been being will would can could did do does not to "
    "its their his her my our your some any all each every other another more most many "
    "first last next new own same such".split())


def _short_name(name: str) -> str:
    """ "Ali Khamenei" -> "Khamenei", "Pezeshkian's" -> "Pezeshkian"."""
    return _without_possessive(name.split()[-1])


def _run_spans(runs: list[tuple[int, int, str, bool]]) -> list[_NameSpan]:
    """Label name spans from the capitalised name runs (used without actor mentions)."""
    generic = rules().generic_names
    return [(start, end - (2 if name.endswith(("'s", "\u2019s")) else 0), _short_name(name),
             not affiliation and _short_name(name).lower() not in generic)
            for start, end, name, affiliation in runs]


@lru_cache(maxsize=1)
def _register_names() -> dict[str, tuple[str, str]]:
    """actor_id -> (register name, kind) from ``helpers.actors.load_register``."""
    from helpers.actors import load_register

    register = load_register()
    return dict(zip(register["actor_id"], zip(register["name"], register["kind"], strict=True),
                    strict=True))


def _mention_spans(text: str, mentions: list[tuple[int, int, str, str, str]]) -> list[_NameSpan]:
    """Label name spans from the actor mentions of one sentence: (start, end, actor_id,
    surface, how) each. A person is named by the last word of the register name, anything
    else by the words written when they name it, else by the register name."""
    r = rules()
    names = _register_names()
    spans = []
    for start, end, actor, surface, how in mentions:
        name, kind = names.get(actor, (surface, ""))
        short = _short_name(name) if kind == "person" else (
            _without_possessive(surface) if how in ("name", "alias") else name)
        following = _WORD_AFTER.match(text, end)
        affiliation = bool(following and following.group(1) in r.title_words)
        generic = set(_ID_PARTS.split(actor.lower())) <= r.generic_names
        spans.append((start, end, short, not affiliation and not generic))
    return sorted(spans)


def _name_after(text: str, position: int, spans: list[_NameSpan], lead: re.Pattern) -> str:
    """The first usable name after ``position`` in the same clause (within 60 characters),
    when the text after ``position`` starts with ``lead``; possessives ("X's minister") are
    passed over for the head they qualify."""
    found = lead.match(text, position)
    if not found:
        return ""
    stop = CLAUSE_BREAK.search(text, found.end(), position + 60)
    limit = stop.start() if stop else position + 60
    for start, end, short, usable in spans:
        if found.end() <= start < limit and usable and text[end:end + 2] not in ("'s", "\u2019s"):
            return short
    return ""


def _name_before(text: str, word_start: int, expression: tuple[int, int],
                 spans: list[_NameSpan], gap_rule: re.Pattern) -> str:
    """The usable name that ends right before the event word, the gap between (the time
    expression left out) matching ``gap_rule``; a name after a preposition ("an aide to X
    told") is not the subject."""
    for start, end, short, usable in reversed(spans):
        if end > word_start:
            continue
        first, last = expression
        gap = (text[end:first] + " " + text[last:word_start] if end <= first and last <= word_start
               else text[end:word_start])
        gap = re.sub(r"\s+", " ", gap)
        if (gap == " " and gap_rule is _SUBJECT_GAP
                and _ARTICLE_BEFORE.search(text, max(0, start - 5), start)):
            return short  # a qualifier, common names included: "the Iranian attack"
        if not usable:
            continue
        if gap_rule.fullmatch(gap) and (gap_rule is _POSSESSIVE_GAP or not _BEFORE_SUBJECT.search(
                text, max(0, start - 20), start)):
            return short
        return ""
    return ""


def _modifiers(text: str, word_start: int) -> str:
    """The adjective or noun modifiers right before the event word ("snap presidential"),
    without grammar words, adverbs, participles or plurals (a subject: "officials met")."""
    found = _MODIFIERS.search(text, max(0, word_start - 40), word_start)
    if not found:
        return ""
    kept: list[str] = []
    for word in reversed(found.group(1).split()):
        if word in _NOT_MODIFIERS or word.endswith(("ly", "ed", "ing")) or (
                word.endswith("s") and not word.endswith(("ss", "us", "is"))):
            break
        kept.insert(0, word)
    return " ".join(kept)


def event_label(text: str, expression: tuple[int, int], spans: list[_NameSpan]) -> str:
    """A short label for the event a time expression dates (see :func:`_label`)."""
    return _label(text, expression, _event_term(text.lower(), *expression), spans)[0]


def _label(text: str, expression: tuple[int, int], term: tuple[str, str, int, int, bool],
           spans: list[_NameSpan]) -> tuple[str, str]:
    """(label, the name in it or "") for the event a time expression dates: ``term`` is the
    :func:`_event_term` of the expression (start, end) in the sentence ``text``, ``spans``
    the name spans of the sentence.

    The event word nearest the expression (``event_terms.csv``) is named, in this order, by
    the name whose event it is: a possessive before it ("X's killing"), "of X"/"by X" after
    it, for words named by their patient the object after it ("voted to remove X") then the
    subject ("X died"), for the others the subject ("X said"); else by its modifiers
    ("presidential election", "secret talks"); else by "with X" ("a meeting with X"); else
    the event word's label alone. Without an event word: the subject name, else the first
    usable name of the sentence ("Zarif" for "he also lost his deputy, Zarif"), else "event".
    """
    label, _, word_start, word_end, patient = term
    if not label:
        name = _name_before(text, expression[0], (0, 0), spans, _SUBJECT_GAP) or next(
            (short for _, _, short, usable in spans if usable), "")
        return name or "event", name
    name = (_name_before(text, word_start, expression, spans, _POSSESSIVE_GAP)
            or _name_after(text, word_end, spans, _AGENT_LEAD)
            or (patient and _name_after(text, word_end, spans, _OBJECT_LEAD))
            or _name_before(text, word_start, expression, spans, _SUBJECT_GAP))
    if name:
        return f"{name} {label}", name
    modifiers = "" if text.endswith("ed", 0, word_end) else _modifiers(text, word_start)
    if modifiers:
        return f"{modifiers} {text[word_start:word_end].lower()}", ""
    name = _name_after(text, word_end, spans, _WITH_LEAD)
    return (f"{name} {label}" if name else label), name


# ---------------------------------------------------------------- one article


def article_expressions(article_id: str, published: str, rows: list[tuple],
                        resolved_only: bool = False) -> list[dict]:
    """All time expressions of one article (only the resolved ones if ``resolved_only``);
    ``rows`` are (sentence_idx, paragraph_idx, text) in order. Each record adds article_id,
    sentence_idx, text, the event word's label and class, ``who`` (a short name for the
    label) and ``names`` (participants, ";"-joined)."""
    published_date = date.fromisoformat(published) if published else None
    out, previous, inside, last_paragraph = [], None, False, None
    for sentence_idx, paragraph_idx, text in rows:
        if paragraph_idx != last_paragraph:
            inside, last_paragraph = False, paragraph_idx
        records = find_time_expressions(text, published_date, previous, inside,
                                        int(sentence_idx))
        if records or inside or '"' in text or "\u201c" in text:
            _, inside = quoted_spans(text, inside)
        if resolved_only:
            records = [record for record in records if record["resolved"]]
        if records:
            lowered, runs = text.lower(), _name_runs(text)
        for record in records:
            if record["resolved"] and record["granularity"] == "day":
                previous = record
            expression = (record["start"], record["end"])
            term = _event_term(lowered, *expression)
            names = _names(runs, term[2] if term[2] >= 0 else record["end"])
            label, who = _label(text, expression, term, _run_spans(runs))
            record.update(
                article_id=article_id, sentence_idx=int(sentence_idx), text=text,
                event_label=label, event_class=term[1], who=who,
                names=";".join(_participants(names)),
            )
            out.append(record)
    return out


def _expression_records(sentences: pd.DataFrame, articles: pd.DataFrame, workers: int = 1,
                        resolved_only: bool = False) -> list[dict]:
    """The records of :func:`time_expressions` (see :func:`article_expressions`)."""
    ok = articles[articles["status"] == "ok"] if "status" in articles else articles
    published = dict(zip(ok["article_id"].tolist(), ok["published"].fillna("").tolist(),
                         strict=True))
    grouped: dict[str, list[tuple]] = {a: [] for a in published}
    paragraph = sentences["paragraph_idx"] if "paragraph_idx" in sentences else sentences[
        "sentence_idx"]
    for article_id, idx, para, text in zip(
            sentences["article_id"].tolist(), sentences["sentence_idx"].tolist(),
            paragraph.tolist(), sentences["text"].tolist(), strict=True):
        if article_id in grouped:
            grouped[article_id].append((idx, para, text))
    items = [(a, published[a], grouped[a], resolved_only) for a in sorted(grouped)]
    return [r for rs in map_items(article_expressions, items, workers) for r in rs]


def time_expressions(sentences: pd.DataFrame, articles: pd.DataFrame,
                     workers: int = 1) -> pd.DataFrame:
    """Every time expression of every analysed article (resolved or not), one row each."""
    return pd.DataFrame(_expression_records(sentences, articles, workers),
                        columns=EXPRESSION_COLUMNS)


def unresolved_table(expressions: pd.DataFrame) -> pd.DataFrame:
    """The expressions that could not be resolved, with the reason."""
    rows = expressions[~expressions["resolved"].astype(bool)]
    return rows[UNRESOLVED_COLUMNS].reset_index(drop=True)


# ---------------------------------------------------------------- events across articles


def _actors_by_sentence(mentions: pd.DataFrame | None,
                        keys: set[tuple[str, int]]) -> dict[tuple[str, int], list[str]]:
    """The sorted actor ids of each (article_id, sentence_idx) of ``keys`` that has any."""
    if mentions is None or mentions.empty:
        return {}
    found: dict[tuple[str, int], set[str]] = {}
    for article_id, idx, actor in zip(mentions["article_id"].tolist(),
                                      mentions["sentence_idx"].tolist(),
                                      mentions["actor_id"].tolist(), strict=True):
        key = (article_id, int(idx))
        if key in keys:
            found.setdefault(key, set()).add(str(actor))
    return {key: sorted(value) for key, value in found.items()}


def group_events(rows: list[dict]) -> list[int]:
    """A group number per row: rows that report the same event share one.

    Two rows are the same event when they have the same event class (``event_terms.csv``),
    both ranges are at most 31 days long, their date ranges share at least one day, and
    they share a participant: an actor id of the sentence or a name near the event word,
    other than the generic names of ``time_phrases.csv`` ("Iran", "Tehran", ...). Rows are
    taken in date order per (class, participant); a row joins the open group while its range
    overlaps the days common to all the group's rows, so a month ("last month") joins one
    day in it but cannot chain two different days together. Rows may join through different
    participants (union-find). Cost grows with rows x participants, never rows squared.
    """
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        if not row["event_class"]:
            continue
        first, last = date.fromisoformat(row["date_start"]), date.fromisoformat(row["date_end"])
        if (last - first).days >= GROUPABLE_DAYS:
            continue
        for participant in row["participants"]:
            buckets.setdefault((row["event_class"], participant), []).append(i)
    spans = [(row["date_start"], row["date_end"], i) for i, row in enumerate(rows)]
    for key in sorted(buckets):
        common, head = None, None
        for first, last, i in sorted(spans[i] for i in buckets[key]):
            if common and first <= common[1] and last >= common[0]:
                common = (max(common[0], first), min(common[1], last))
                parent[find(i)] = find(head)
            else:
                common, head = (first, last), i
    _attach_nameless(rows, find, parent)
    return [find(i) for i in range(len(rows))]


def _attach_nameless(rows: list[dict], find, parent: list[int]) -> None:
    """A row with no participant ("your October 7 attack on Israel") joins the one group of
    its own article with the same class whose rows all overlap its dates, if exactly one."""
    by_article: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        if row["event_class"]:
            by_article.setdefault((row["article_id"], row["event_class"]), []).append(i)
    for key in sorted(by_article):
        indices = by_article[key]
        for i in indices:
            if rows[i]["participants"]:
                continue
            groups = {find(j) for j in indices if j != i and rows[j]["participants"]
                      and all(rows[k]["date_start"] <= rows[i]["date_end"]
                              and rows[k]["date_end"] >= rows[i]["date_start"]
                              for k in indices if find(k) == find(j))}
            if len(groups) == 1:
                parent[find(i)] = groups.pop()


def _mentions_by_sentence(mentions: pd.DataFrame | None, keys: set[tuple[str, int]]
                          ) -> dict[tuple[str, int], list[tuple[int, int, str, str, str]]]:
    """The mentions (start, end, actor_id, surface, how) of each (article_id, sentence_idx) of
    ``keys``; empty when ``mentions`` has no offsets."""
    needed = ["start", "end", "surface", "how"]
    if mentions is None or mentions.empty or not set(needed) <= set(mentions.columns):
        return {}
    found: dict[tuple[str, int], list] = {}
    for article_id, idx, actor, start, end, surface, how in zip(
            *(mentions[c].tolist() for c in ["article_id", "sentence_idx", "actor_id", *needed]),
            strict=True):
        key = (article_id, int(idx))
        if key in keys:
            found.setdefault(key, []).append((int(start), int(end), str(actor), str(surface),
                                              str(how)))
    return found


def find_events(sentences: pd.DataFrame, articles: pd.DataFrame,
                mentions: pd.DataFrame | None = None, workers: int = 1,
                expressions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per resolved time expression (DESIGN ``events.csv`` columns and more).

    ``actors`` joins the actor ids that ``mentions`` finds in the sentence (empty without
    mentions). Rows reporting the same event share an ``event_id`` (see
    :func:`group_events`); the ids number events in date order. ``event_label`` is a short
    label (see :func:`_label`), named from the resolved actor mentions of the sentence when
    ``mentions`` has their offsets, else from its capitalised names ("Haniyeh killing").
    """
    if expressions is None:
        resolved = _expression_records(sentences, articles, workers, resolved_only=True)
    else:
        resolved = expressions[expressions["resolved"].astype(bool)].to_dict("records")
    actors = _actors_by_sentence(
        mentions, {(row["article_id"], int(row["sentence_idx"])) for row in resolved})
    located = _mentions_by_sentence(mentions, set(actors))
    generic = rules().generic_names
    specific: dict[str, bool] = {}  # actor id -> not made only of generic names
    rows = []
    for row in resolved:
        sentence_actors = actors.get((row["article_id"], int(row["sentence_idx"])), [])
        row["actors"] = ";".join(sentence_actors)
        key = (row["article_id"], int(row["sentence_idx"]))
        if key in located:
            text, expression = row["text"], (int(row["start"]), int(row["end"]))
            row["event_label"] = _label(text, expression, _event_term(text.lower(), *expression),
                                        _mention_spans(text, located[key]))[0]
        for a in sentence_actors:
            if a not in specific:
                specific[a] = not set(_ID_PARTS.split(a.lower())) <= generic
        extra = {a.lower() for a in sentence_actors if specific[a]}
        row["participants"] = sorted(set(filter(None, row["names"].split(";"))) | extra)
        rows.append(row)
    groups = group_events(rows)
    members: dict[int, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)

    def precision(i: int) -> tuple:
        return ((date.fromisoformat(rows[i]["date_end"]) - date.fromisoformat(
            rows[i]["date_start"])).days, rows[i]["article_id"], rows[i]["sentence_idx"],
            rows[i]["start"])

    bare = {label for label, _, _ in rules().event_labels} | {"event"}
    best_of = {g: rows[min(indices, key=precision)] for g, indices in members.items()}
    # The label of the most precise row that names or qualifies the event, else of the most
    # precise row ("Hamas attack" rather than "attack").
    label_of = {g: rows[min(indices, key=lambda i: (rows[i]["event_label"] in bare,
                                                    precision(i)))]["event_label"]
                for g, indices in members.items()}
    order = sorted(members, key=lambda g: (best_of[g]["date_start"],
                                           min((rows[i]["article_id"], rows[i]["sentence_idx"],
                                                rows[i]["start"]) for i in members[g])))
    width = max(3, len(str(len(order))))
    for number, group in enumerate(order, start=1):
        for i in members[group]:
            rows[i]["event_id"] = f"E{number:0{width}d}"
            rows[i]["group_label"] = label_of[group]
    for row in rows:
        row["event_label"] = row.pop("group_label")
    frame = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "start"])
    frame = frame.sort_values(["article_id", "sentence_idx", "start"], kind="stable")
    return frame[EVENT_COLUMNS].reset_index(drop=True)


def event_summary(events: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per event: its dates (of its most precise report), label and reporting
    articles; ``expected`` when every report of it speaks of it as still to come."""
    columns = ["event_id", "date_start", "date_end", "event_label", "expected", "n_articles",
               "articles", "outlets", "expressions"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    outlets = {}
    if articles is not None and "outlet" in articles:
        outlets = dict(zip(articles["article_id"], articles["outlet"].fillna(""), strict=True))
    rows = []
    for event_id, group in events.groupby("event_id", sort=True):
        span = pd.to_datetime(group["date_end"]) - pd.to_datetime(group["date_start"])
        best = group.loc[span.idxmin()]
        ids = sorted(set(group["article_id"]))
        rows.append({
            "event_id": event_id, "date_start": best["date_start"], "date_end": best["date_end"],
            "event_label": best["event_label"],
            "expected": bool(group["future"].astype(bool).all()) if "future" in group else False,
            "n_articles": len(ids), "articles": ";".join(ids),
            "outlets": ";".join(sorted({outlets.get(a, "") for a in ids} - {""})),
            "expressions": " | ".join(dict.fromkeys(group["expression"])),
        })
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- publication date


def infer_published(sentence_texts: list[str]) -> tuple[date | None, str]:
    """A publication date inferred from the text's own dated references, with the evidence.

    Rule: the latest full date (day, month and year written out) that the text reports in
    the past tense is taken, because an article is at least as recent as what it reports,
    and only when the references agree: no past-tense year or month with a year points
    later than it. Relative and year-less dates cannot be used (they need the very date
    sought). The result is a lower bound; mark it ``published_source = "inferred"``.
    """
    full, coarse = [], []
    for text in sentence_texts:
        for record in find_time_expressions(text, None):
            if not record["resolved"] or record["future"]:
                continue
            if record["kind"] in _FULL_DATE_KINDS:  # a span of days by its last day
                full.append((record["date_end"], record["expression"]))
            else:
                coarse.append((record["date_start"], record["expression"]))
    if not full:
        return None, "no full date with a year in the text"
    latest = max(full)
    later = [c for c in coarse if c[0] > latest[0]]
    if later:
        return None, (f"the dated references disagree: '{later[0][1]}' is later than the latest "
                      f"full date '{latest[1]}'")
    return date.fromisoformat(latest[0]), (
        f"latest of {len(full)} full dates the text reports ('{latest[1]}'); "
        "the article is at least this recent")


# ---------------------------------------------------------------- parameters and figure


def date_bound(value, name: str) -> date | None:
    """A notebook date parameter: an ISO date string, or "" / None for no bound."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ParameterError(
            f"Parameter {name} must be a date written YYYY-MM-DD or \"\" for no bound, "
            f"not {value!r}.")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ParameterError(f"Parameter {name}: {value!r} is not a calendar date.") from None


def date_range(date_from, date_to) -> tuple[date | None, date | None]:
    """Both date parameters checked, and in order."""
    first, last = date_bound(date_from, "date_from"), date_bound(date_to, "date_to")
    if first and last and first > last:
        raise ParameterError(f"Parameter date_from ({first}) is after date_to ({last}).")
    return first, last


def in_range(summary: pd.DataFrame, first: date | None, last: date | None) -> pd.DataFrame:
    """The events whose dates overlap [first, last] (either bound may be None)."""
    keep = pd.Series(True, index=summary.index)
    if first:
        keep &= summary["date_end"] >= first.isoformat()
    if last:
        keep &= summary["date_start"] <= last.isoformat()
    return summary[keep]


def plot_timeline(summary: pd.DataFrame, articles: pd.DataFrame, date_from=None, date_to=None,
                  color_by: str = "outlet", width: float = 13.0, most: int = 40):
    """A timeline figure: one mark per event (a bar for ranges; hollow when ``expected``), its
    label and the articles reporting it, coloured by the first reporting article's
    ``color_by`` column; each article's publication date is a triangle and a dotted line.
    Labels are stacked in lanes so they do not overlap. With more than ``most`` events, the
    ``most`` reported by the most articles are drawn (and the publication dates of their
    articles), and the title says so. Returns the figure."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    first, last = date_range(date_from, date_to)
    shown = in_range(summary, first, last).sort_values(["date_start", "event_id"])
    ok = articles[articles["status"] == "ok"] if "status" in articles else articles
    n_events, capped = len(shown), len(shown) > most
    if capped:
        reports = shown["articles"].str.count(";") + 1
        top = shown.assign(_n=reports).sort_values(["_n", "date_start", "event_id"],
                                                   ascending=[False, True, True]).head(most)
        shown = shown.loc[sorted(top.index)].sort_values(["date_start", "event_id"])
        reporting = {a for ids in shown["articles"] for a in ids.split(";")}
        ok = ok[ok["article_id"].isin(reporting)]
    key = color_by if color_by in ok else "article_id"
    keys = dict(zip(ok["article_id"], ok[key].fillna("").replace("", "(unknown)"), strict=True))
    palette = plt.get_cmap("tab10").colors
    colours = {k: palette[i % len(palette)] for i, k in enumerate(sorted(set(keys.values())))}
    published = [(a, pd.Timestamp(p)) for a, p in zip(ok["article_id"], ok["published"],
                                                      strict=True) if isinstance(p, str) and p]
    starts = [pd.Timestamp(d) for d in shown["date_start"]]
    ends = [pd.Timestamp(d) for d in shown["date_end"]]
    bounds = starts + ends + [p for _, p in published]
    low = pd.Timestamp(first) if first else min(bounds, default=pd.Timestamp("2024-01-01"))
    high = pd.Timestamp(last) if last else max(bounds, default=low)
    span_days = max((high - low).days, 30)
    pad = pd.Timedelta(days=span_days * 0.03)
    low, high = low - pad, high + pad + pd.Timedelta(days=span_days * 0.12)

    days_per_char = (high - low).days / (width * 72 / 5.4)
    lanes: list[pd.Timestamp] = []
    placed = []
    for (_, event), start, end in zip(shown.iterrows(), starts, ends, strict=True):
        ids = event["articles"].split(";")
        named = ", ".join(i.split("_")[0] for i in ids[:3])
        text = f"{event['event_label']} [{named}{f' +{len(ids) - 3}' if len(ids) > 3 else ''}]"
        x0 = max(start, low)
        extent = x0 + pd.Timedelta(days=len(text) * days_per_char + span_days * 0.01)
        extent = max(extent, end)
        lane = next((k for k, free in enumerate(lanes) if free <= x0), len(lanes))
        if lane == len(lanes):
            lanes.append(extent)
        lanes[lane] = extent
        placed.append((lane, start, end, text, colours[keys.get(ids[0], "(unknown)")],
                       bool(event.get("expected", False))))

    height = max(3.0, 0.32 * (len(lanes) + 2) + 1.2)
    fig, ax = plt.subplots(figsize=(width, height))
    for lane, start, end, text, colour, expected in placed:
        if end > start:
            ax.plot([start, end], [lane, lane], color=colour, linewidth=4, alpha=0.6,
                    solid_capstyle="butt", linestyle=":" if expected else "-")
        ax.plot([start], [lane], marker="o", color=colour, markersize=5,
                markerfacecolor="white" if expected else colour)
        ax.annotate(text, (max(start, low), lane), xytext=(5, 3), textcoords="offset points",
                    fontsize=7.5, va="bottom", ha="left")
    for article_id, day in published:
        if low <= day <= high:
            colour = colours[keys[article_id]]
            ax.axvline(day, color=colour, linestyle=":", linewidth=0.8, alpha=0.6)
            ax.plot([day], [-1], marker="v", color=colour, markersize=7)
    for name, colour in colours.items():
        ax.plot([], [], color=colour, marker="o", linestyle="", label=name)
    if any(expected for *_, expected in placed):
        ax.plot([], [], color="grey", marker="o", markerfacecolor="white", linestyle="",
                label="expected (reported as still to come)")
    ax.set_xlim(low, high)
    ax.set_ylim(-1.5, len(lanes) + 0.5)
    ax.set_yticks([])
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_title("Events the articles date: one mark per event, [ids of the articles that "
                 "report it]; \u25bc and dotted lines: publication dates"
                 + (f"\n(the {most} of {n_events:,} events reported by the most articles)"
                    if capped else ""), fontsize=10)
    if colours:
        ax.legend(loc="upper left", fontsize=7.5, frameon=False, title=key, title_fontsize=8)
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def summary_line(events: pd.DataFrame, unresolved: pd.DataFrame) -> str:
    """One line for the report index."""
    n_events = events["event_id"].nunique() if not events.empty else 0
    return (f"{len(events)} dated expressions in {events['article_id'].nunique()} articles, "
            f"{n_events} events on the timeline; {len(unresolved)} expressions left unresolved.")
