"""Actors: who is named in the articles, by name, spelling variant or title.

The register ``helpers/data/actors.csv`` lists each actor once with its aliases;
``helpers/data/titles.csv`` says which actor holds a title ("president", "Supreme Leader")
in which context (country or organisation) on which dates; ``title_qualifiers.csv`` maps the
words that set that context ("U.S.", "British", "IRGC"); ``name_words.csv`` holds the small
word lists (honorifics, title modifiers and blockers, stop words, organisation keywords, role
nouns) used around names.

Names are matched token by token on a transliteration key (``translit_key``), so "Baqaei",
"Baghaei" and "Baghai" are one key and a new spelling of a registered name is still found.
A surname alone goes to the person last named in full in the article; one the register
does not list itself needs that full name first. A title resolves to the office holder at
the article's publication date, in the context of the qualifier before it ("U.S.
President", "his French counterpart", "Quds Force commander") or after it ("of France");
without one, Iran's, unless the article names only another country's holder. A title
followed directly by a name is not a mention of its own: the name is. The outlet that
publishes an article is not one of its actors.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter

import pandas as pd

from helpers.datafiles import read_data_text
from helpers.parallel import map_items

MENTION_COLUMNS = ["article_id", "sentence_idx", "actor_id", "surface", "start", "end", "how"]
ACTOR_COLUMNS = ["actor_id", "name", "kind", "affiliation", "n_mentions", "n_articles", "role"]
CANDIDATE_COLUMNS = [
    "name",
    "n_mentions",
    "n_articles",
    "article_id",
    "sentence_idx",
    "sentence",
    "evidence",
]
PUBLISHER_COLUMNS = ["outlet", "url", "dateline", "author"]
COOCCURRENCE_COLUMNS = ["actor_a", "actor_b", "n_sentences", "n_articles"]
DEFAULT_CONTEXT = "iran"
TITLE_GRACE_DAYS = 14
MIN_VARIANT_KEY = 5
MAX_QUALIFIER_WORDS = 3

_LETTER = "A-Za-z\u00c0-\u024f"
_CAPITAL = "A-Z\u00c0-\u00dd"
_ABBREVIATION = r"(?:[A-Z]\.){2,}"  # U.N., J.D.
_TOKEN = re.compile(rf"{_ABBREVIATION}|[{_LETTER}](?:[{_LETTER}0-9]|[-'\u2019](?=[{_LETTER}]))*")
_CAPITAL_WORD = rf"(?:{_ABBREVIATION}|[{_CAPITAL}][{_LETTER}0-9'\u2019-]*)"
_PARTICLE = re.compile(rf"(?:al|el)-(?=[{_CAPITAL}])")  # al-Houthi, el-Sisi
_CAPITAL_RUN = re.compile(
    rf"{_CAPITAL_WORD}(?:\s(?:(?:of|the|al|bin|bint|ibn|de|for|and|von|der|van)\s)*"
    rf"(?:(?:al|el)-)?{_CAPITAL_WORD})*"
)
_PATRONYMIC = frozenset({"bin", "bint", "ibn"})
_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$", re.I)
_VOWELS = str.maketrans({"e": "i", "y": "i", "o": "u"})
_YEAR_OLD = re.compile(r"\d+-year-old")
_CHUNK = re.compile(r"\S+")
_NAME_SEPARATOR = re.compile(r"\s*(,|\()\s*|\s+")
_HONORIFIC = re.compile(r"([A-Z][a-z]+)\.?\s+")
_CAPITALISED_WORDS = re.compile(r"([A-Z][a-z\-'\u2019]+)(\s+[A-Z][a-z\-'\u2019]+)?")
_OF_QUALIFIER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w.'\u2019]*(?:\s+[A-Z][\w.]*){0,2})")
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_PRONOUNS = {"his": "person", "her": "person", "its": "group", "their": "group"}
_FOLLOWING_CAPITALS = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*){1,3}")
_GIVEN_NAME = re.compile(r"(?<![\w.'\u2019-])([A-Z][a-z]+) $")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)\.?\s+$")
_DATELINE_SOURCE = re.compile(
    r"^\W*[A-Z][^()\n]{0,60}?\(([A-Z][A-Za-z .&]{1,30})\)\s*[-\u2013\u2014]"
)
_DOMAIN_LABEL = re.compile(r"(?<=[/.])([a-z0-9-]+)(?=\.(?:com|co|org|net|ir|uk|news|tv)\b)")


# ---------------------------------------------------------------- transliteration key


def _word_key(word: str) -> str:
    s = unicodedata.normalize("NFKD", word.lower())
    s = "".join(ch for ch in s if "a" <= ch <= "z" or "0" <= ch <= "9")
    s = s.replace("kh", "x").replace("gh", "q").replace("ph", "f").replace("w", "v")
    s = re.sub(r"(?<=.)[ae]h$", "a", s)
    s = s.translate(_VOWELS)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=65536)
def translit_key(text: str) -> str:
    """A spelling-tolerant key: "Baghaei", "Baqaei" and "Baghaie" give the same key.

    Lower case without diacritics, apostrophes, hyphens or spaces; kh->x, gh->q, ph->f,
    w->v; e/i/y and o/u merged; final -eh/-ah as -a; repeated letters once.
    """
    return "".join(_word_key(part) for part in re.split(r"[\s\-]+", text) if part)


def _tokens(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int, str]]:
    """Word tokens (start, end, text) of text[start:stop] with a possessive 's taken off."""
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if stop is None else stop):
        word, end = m.group(), m.end()
        if len(word) > 2 and word[-1] in "sS" and word[-2] in "'\u2019":
            word, end = word[:-2], end - 2
        out.append((m.start(), end, word))
    return out


# ---------------------------------------------------------------- data files


def _read_csv(name: str) -> list[dict]:
    raw = read_data_text(name)
    return [
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(raw))
    ]


@lru_cache(maxsize=1)
def _register_rows() -> tuple[dict, ...]:
    return tuple(_read_csv("actors.csv"))


def load_register() -> pd.DataFrame:
    """The actor register (``helpers/data/actors.csv``) as a table, one row per actor."""
    return pd.DataFrame(list(_register_rows()))


@lru_cache(maxsize=1)
def name_words() -> dict[str, frozenset[str]]:
    """The word lists of ``name_words.csv`` by kind (honorific, modifier, blocker, ...)."""
    lists: dict[str, set[str]] = {}
    for row in _read_csv("name_words.csv"):
        lists.setdefault(row["kind"], set()).add(row["word"])
    return {kind: frozenset(words) for kind, words in lists.items()}


@dataclass
class _Title:
    context: str  # empty: the title names its own context ("Kremlin spokesman")
    actor_id: str
    valid_from: date | None
    valid_to: date | None
    needs_qualifier: str  # "no", "yes" or "capital" (alone only as "the Leader")


@dataclass
class Matcher:
    """Everything compiled once per process from the data files."""

    actors: dict[str, dict]
    by_key: dict[str, tuple[str, str]]
    exact: dict[str, str]
    max_tokens: int
    conflicts: list[str]
    title_regex: re.Pattern
    title_forms: list[tuple[re.Pattern, list[_Title]]]
    qualifiers: dict[str, str]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    title_candidates: re.Pattern | None = None
    key_prefixes: frozenset[str] = frozenset()
    form_title_rows: dict[str, list[_Title]] = field(default_factory=dict)
    title_contexts: frozenset[str] = frozenset()
    # surname keys that name a person only after the full name in the same article
    needs_full_name: frozenset[str] = frozenset()
    lower_case_names: re.Pattern | None = None
    lower_case_owner: dict[str, str] = field(default_factory=dict)
    given_initials: dict[str, str] = field(default_factory=dict)  # first letters of given names


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _surfaces(row: dict) -> list[str]:
    return [row["name"], *filter(None, row["aliases"].split("|"))]


def _lower_case_pattern(actors: dict[str, dict]) -> tuple[re.Pattern | None, dict[str, str]]:
    """Organisation names of two or more words, as some outlets print them in lower case
    ("the supreme national security council"); names with "of" are left out, as lower-case
    phrases like "a group of seven" are not names."""
    owner: dict[str, str] = {}
    for row in actors.values():
        if row["kind"] == "person":
            continue
        for surface in _surfaces(row):
            words = surface.split()
            if len(words) > 1 and "of" not in words and all(w.isalpha() for w in words):
                owner.setdefault(" ".join(words).lower(), row["actor_id"])
    if not owner:
        return None, owner
    by_letter: dict[str, list[str]] = {}
    for form in sorted(owner, key=len, reverse=True):
        by_letter.setdefault(form[0], []).append(r"\s+".join(map(re.escape, form.split()))[1:])
    branches = "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(by_letter.items()))
    return re.compile(rf"\b(?:{branches})\b"), owner


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    """Compile the register, titles and word lists (once per process)."""
    actors = {row["actor_id"]: row for row in _register_rows()}
    by_key: dict[str, tuple[str, str]] = {}
    exact: dict[str, str] = {}
    conflicts: list[str] = []
    max_tokens = 1

    def add(surface: str, actor_id: str, how: str) -> None:
        nonlocal max_tokens
        key = translit_key(surface)
        if not key:
            return
        max_tokens = max(max_tokens, len(_tokens(surface)))
        exact.setdefault(surface.replace("\u2019", "'"), how)
        if key in by_key and by_key[key][0] != actor_id:
            conflicts.append(
                f"{surface} ({actor_id}) has the same key as an alias of {by_key[key][0]}"
            )
            return
        by_key.setdefault(key, (actor_id, how))

    for row in actors.values():
        person = row["kind"] == "person"
        for surface in _surfaces(row):
            single = len(surface.split()) == 1
            how = ("surname" if single else "name") if person else "alias"
            add(surface, row["actor_id"], "name" if surface == row["name"] else how)
    # The last word of a person's name, when not listed itself, is a mention only once the
    # full name has been read in the article (or right after a title or honorific), and of
    # nobody when two people share it. Names with a patronymic ("bin") and numerals have none.
    surname_owners: dict[str, set[str]] = {}
    surname_text: dict[str, str] = {}
    for row in actors.values():
        parts = row["name"].split()
        if row["kind"] != "person" or len(parts) < 2 or parts[-1].isupper():
            continue
        if any(p in _PATRONYMIC for p in parts):
            continue
        key = translit_key(parts[-1])
        if key not in by_key:
            surname_owners.setdefault(key, set()).add(row["actor_id"])
            surname_text.setdefault(key, parts[-1])
    for key, owners in surname_owners.items():
        by_key[key] = (owners.pop() if len(owners) == 1 else "", "surname")
        exact.setdefault(surname_text[key].replace("\u2019", "'"), "surname")

    forms: dict[str, list[_Title]] = {}
    for row in _read_csv("titles.csv"):
        title = _Title(
            row["context"],
            row["actor_id"],
            _date_or_none(row["valid_from"]),
            _date_or_none(row["valid_to"]),
            row["needs_qualifier"] or "no",
        )
        for form in row["title"].split("|"):
            forms.setdefault(form.strip().lower(), []).append(title)
    ordered = sorted(forms, key=len, reverse=True)
    by_letter: dict[str, list[str]] = {}
    for form in ordered:
        by_letter.setdefault(form[0], []).append(form[1:])
    branches = "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in sorted(by_letter.items()))
    title_regex = re.compile(r"\b(?:" + branches + r")\b(?![-\u2013]\w)", re.I)
    title_forms = [(re.compile(form, re.I), forms[form]) for form in ordered]
    first_words = [re.match(r"[a-z]+(?![?*+{])", form) for form in ordered]
    title_candidates = None
    if all(first_words):  # every form starts with plain letters
        words_alt = "|".join(sorted({w.group() for w in first_words}))
        title_candidates = re.compile(f" (?:{words_alt})".encode())
    # what _title_rows finds for each form's own text (most titles are written as a form)
    form_title_rows = {}
    for form in ordered:
        rows = next((rows for regex, rows in title_forms if regex.fullmatch(form)), None)
        if rows is not None:
            form_title_rows[form] = rows
    qualifiers = {row["qualifier"]: row["context"] for row in _read_csv("title_qualifiers.csv")}
    lower_case_names, lower_case_owner = _lower_case_pattern(actors)
    honorifics = name_words().get("honorific", frozenset())
    given_initials = {}
    for row in actors.values():
        if row["kind"] == "person":
            firsts = [
                next((w for w in surface.split()[:-1] if w not in honorifics), "")
                for surface in _surfaces(row)
            ]
            given_initials[row["actor_id"]] = "".join({translit_key(w)[:1] for w in firsts if w})
    return Matcher(
        actors,
        by_key,
        exact,
        max_tokens,
        conflicts,
        title_regex,
        title_forms,
        qualifiers,
        name_words(),
        title_candidates,
        frozenset(key[:k] for key in by_key for k in range(len(key) + 1)),
        form_title_rows,
        frozenset(t.context for rows in forms.values() for t in rows),
        frozenset(surname_owners),
        lower_case_names,
        lower_case_owner,
        given_initials,
    )


# ---------------------------------------------------------------- names


def _name_matches(text: str, m: Matcher) -> list[list]:
    """Register names in one sentence: [start, end, actor_id, how, n_tokens], left to right."""
    found = []
    for run in _CAPITAL_RUN.finditer(text):
        words = run.group()
        base = run.start()
        if " " not in words:
            end = len(words)
            if end > 2 and words[-1] in "sS" and words[-2] in "'\u2019":
                end -= 2
            elif words[-1] in "'\u2019":
                end -= 1
            key = translit_key(words[:end])
            hit = _lookup(text, base, base + end, key, 1, m) if key in m.by_key else None
            if hit:
                found.append(hit)
            continue
        found.extend(_run_matches(text, _tokens(text, base, run.end()), m))
    return found


def _lookup(text: str, start: int, end: int, key: str, n_tokens: int, m: Matcher) -> list | None:
    entry = m.by_key.get(key)
    if entry is None:
        return None
    how = m.exact.get(text[start:end].replace("\u2019", "'"))
    if how is None:
        if len(key) < MIN_VARIANT_KEY:
            return None
        how = "variant"
    return [start, end, entry[0], how, n_tokens]


def _longest_name(
    text: str,
    toks: list[tuple[int, int, str]],
    keys: list[str],
    i: int,
    start: int,
    first_key: str,
    m: Matcher,
) -> list | None:
    """The longest register name starting at token i (whose key is ``first_key``)."""
    spans = []
    key = ""
    for j in range(i, min(i + m.max_tokens, len(toks))):
        if j > i and text[toks[j - 1][1] : toks[j][0]] != " ":
            break
        key += first_key if j == i else keys[j]
        if key not in m.key_prefixes:
            break
        if key in m.by_key and (toks[j][2][:1].isupper() or _PARTICLE.match(toks[j][2])):
            spans.append((j, key))
    for j, key in reversed(spans):
        hit = _lookup(text, start, toks[j][1], key, j - i + 1, m)
        if hit:
            return hit
    return None


def _run_matches(text: str, toks: list[tuple[int, int, str]], m: Matcher) -> list[list]:
    """Longest register names, left to right, in a run of capitalised words.

    A name starting at a token spans tokens joined by single spaces, ends on a capitalised
    one and has a register key. The keys of longer spans extend those of shorter ones, so
    once a span's key begins no register key, no longer span can match and the search
    stops; the spans left are tried longest first.
    """
    keys = [translit_key(t[2]) for t in toks]
    found = []
    i, n = 0, len(toks)
    while i < n:
        hit = None
        word = toks[i][2]
        particle = _PARTICLE.match(word)
        if word[:1].isupper() or particle:
            hit = _longest_name(text, toks, keys, i, toks[i][0], keys[i], m)
            if hit is None and particle:  # "al-Rahawi" as "Rahawi"
                bare = particle.end()
                hit = _longest_name(
                    text, toks, keys, i, toks[i][0] + bare, translit_key(word[bare:]), m
                )
        if hit:
            found.append(hit)
            i += hit[4]
        else:
            i += 1
    return found


# ---------------------------------------------------------------- titles


def _blocked_before(chunks: list[tuple[int, str]], idx: int, m: Matcher) -> bool:
    """Whether a blocker ("a", "former", "slain") stands before chunk idx + 1, over modifiers."""
    while idx >= 0:
        low = chunks[idx][1].lower()
        if low in m.words["blocker"]:
            return True
        if not (low in m.words["modifier"] or _YEAR_OLD.fullmatch(low)):
            return False
        idx -= 1
    return False


def _own_context(actor_id: str, m: Matcher) -> str:
    """The context an actor sets for a title after it: its own (an organisation with titles,
    "Quds Force commander") or its country ("Trump's envoy")."""
    row = m.actors[actor_id]
    if row["kind"] != "person" and actor_id in m.title_contexts:
        return actor_id
    return row["country"]


def _lookback(text: str, start: int, names: list[list], m: Matcher) -> tuple[str, str, int, str]:
    """The title's context from the words before it: (status, context, span start, source).

    status is ``ok``, ``blocked`` (indefinite, former, deputy ...) or ``unknown`` (a
    capitalised qualifier that is not in the qualifier list). source says where the context
    came from: ``qualifier`` ("U.S."), ``owner`` (an organisation's name, "Hamas"),
    ``possessor`` (a person's name, "Trump's"), ``pronoun`` ("his" after a named person in
    the sentence), ``apposition`` ("Lord Cameron, the Foreign Secretary") or ``default``
    (nothing: Iran).
    """
    chunks = [(c.start(), c.group()) for c in _CHUNK.finditer(text, 0, start)]
    words = m.words
    span_start = start
    idx = len(chunks) - 1
    while idx >= 0:
        pos, chunk = chunks[idx]
        if chunk[-1] in ',;:)(\u2013\u2014"\u201c\u201d':
            break
        low = chunk.lower()
        if low in words["blocker"]:
            return "blocked", "", start, ""
        if low in words["modifier"] or _YEAR_OLD.fullmatch(low):
            span_start = pos
            idx -= 1
            continue
        base = _POSSESSIVE.sub("", chunk)
        for k in range(min(MAX_QUALIFIER_WORDS, idx + 1), 0, -1):
            phrase = " ".join([c for _, c in chunks[idx - k + 1 : idx]] + [base])
            if phrase in m.qualifiers:
                if _blocked_before(chunks, idx - k, m):
                    return "blocked", "", start, ""
                return "ok", m.qualifiers[phrase], chunks[idx - k + 1][0], "qualifier"
        if low in _PRONOUNS:
            kind = _PRONOUNS[low]
            referent = next(
                (
                    n
                    for n in reversed(names)
                    if n[1] <= pos and (m.actors[n[2]]["kind"] == "person") == (kind == "person")
                ),
                None,
            )
            if referent is not None and _own_context(referent[2], m):
                return "ok", _own_context(referent[2], m), span_start, "pronoun"
            break
        if base[:1].isupper():
            owner = next((n for n in names if n[0] <= pos < n[1]), None)
            if owner is not None:
                first = next(
                    i for i, (p, _) in enumerate(chunks) if p + len(chunks[i][1]) > owner[0]
                )
                if _blocked_before(chunks, first - 1, m):
                    return "blocked", "", start, ""
                context = _own_context(owner[2], m)
                if not context:
                    return "unknown", "", start, ""
                source = "owner" if context == owner[2] else "possessor"
                return "ok", context, span_start, source
            if idx == 0 or low == "the":
                break
            return "unknown", "", start, ""
        break
    if idx >= 1 and chunks[idx][1].lower() == "the":
        named = _apposition(chunks[idx - 1], names, m)
        if named:
            return "ok", named, span_start, "apposition"
    return "ok", DEFAULT_CONTEXT, span_start, "default"


def _apposition(chunk: tuple[int, str], names: list[list], m: Matcher) -> str:
    """The context of "Name, the <title>": the named person's country ("" if none)."""
    pos, word = chunk
    if not word.endswith(","):
        return ""
    end = pos + len(word) - 1
    person = next((n for n in names if n[1] == end), None)
    if person is None or m.actors[person[2]]["kind"] != "person":
        return ""
    return _own_context(person[2], m)


def _name_follows(text: str, end: int, names: list[list], m: Matcher) -> bool:
    """Whether the title is followed by a name (its holder's, or someone unregistered)."""
    sep = _NAME_SEPARATOR.match(text, end)
    if not sep:
        return False
    pos = sep.end()
    loose = sep.group(1) is not None
    while True:
        honor = _HONORIFIC.match(text, pos)
        if honor and honor.group(1) in m.words.get("honorific", ()):
            pos = honor.end()
        else:
            break
    for n in names:
        if n[0] == pos:
            return not loose or m.actors[n[2]]["kind"] == "person" or sep.group(1) == "("
    caps = _CAPITALISED_WORDS.match(text, pos)
    if not caps or caps.group(1) in m.words["stop"]:
        return False
    return not loose or caps.group(2) is not None


def _role_follows(text: str, end: int, m: Matcher) -> bool:
    """Whether a role noun continues the title ("Hamas chief negotiator", "Supreme Leader
    adviser"): then the words name another office."""
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt) and nxt.group(1) in m.words["role"]


def _of_context(text: str, end: int, names: list[list], m: Matcher) -> tuple[str, int] | None:
    """The context set by "of ..." after a title: (context, new title end), ("", end) when
    there is none, or None when a capitalised phrase names something else ("the president
    of the Palestinian Authority" is not Iran's)."""
    post = _OF_QUALIFIER.match(text, end)
    if not post:
        return "", end
    words = post.group(1).split()
    for k in range(len(words), 0, -1):
        phrase = _POSSESSIVE.sub("", " ".join(words[:k]))
        for form in (phrase, phrase.rstrip(".")):
            if form in m.qualifiers:
                return m.qualifiers[form], post.start(1) + len(form)
    owner = next((n for n in names if n[0] == post.start(1)), None)
    if owner is not None and _own_context(owner[2], m):
        return _own_context(owner[2], m), end
    if len(words) == 1 and words[0] in m.words["stop"]:
        return "", end
    return None


def _resolve_title(
    candidates: list[_Title],
    context: str,
    explicit: bool,
    when: date | None,
    capital: bool = False,
) -> str | None:
    rows = [
        t
        for t in candidates
        if (t.context == context or not t.context)
        and (explicit or t.needs_qualifier == "no" or (t.needs_qualifier == "capital" and capital))
    ]
    if not rows:
        return None
    if when is None:
        owners = {t.actor_id for t in rows}
        return owners.pop() if len(owners) == 1 else None
    valid = {
        t.actor_id
        for t in rows
        if (t.valid_from is None or t.valid_from <= when)
        and (t.valid_to is None or when <= t.valid_to)
    }
    if not valid:
        grace = when - timedelta(days=TITLE_GRACE_DAYS)
        valid = {t.actor_id for t in rows if t.valid_to is not None and grace <= t.valid_to < when}
    return valid.pop() if len(valid) == 1 else None


def _salient_holder(
    rows: list[_Title], default_holder: str | None, when: date | None, named: dict[str, int]
) -> str | None:
    """The holder of a title written without a qualifier ("the defence minister"): Iran's,
    unless the article never names Iran's holder but names holders of the same title
    elsewhere; then the one it names most (Israel's, in a story about Israel)."""
    if default_holder in named:
        return default_holder
    contexts = {t.context for t in rows if t.context and t.context != DEFAULT_CONTEXT}
    others = {_resolve_title(rows, c, False, when) for c in contexts} - {None}
    counts = sorted(((named[a], a) for a in others if a in named), reverse=True)
    if not counts:
        return default_holder
    if len(counts) > 1 and counts[0][0] == counts[1][0]:
        return None
    return counts[0][1]


def _title_matches(
    text: str,
    names: list[list],
    m: Matcher,
    when: date | None,
    named: dict[str, int] | None = None,
) -> list[list]:
    """Resolved title mentions [start, end, actor_id, "title"].

    A title followed by a name gives no mention (the name is the mention). A qualifier that
    is itself a registered actor ("IRGC commander", "Hamas chief") stays that actor's
    mention, and the title mention starts after it. ``named`` counts the names of each actor
    in the article (see ``_salient_holder``).
    """
    found = []
    for hit in _title_hits(text, m):
        s, e = hit.span()
        if (
            any(n[0] < e and s < n[1] for n in names)
            or _name_follows(text, e, names, m)
            or _role_follows(text, e, m)
        ):
            continue
        status, context, span_start, source = _lookback(text, s, names, m)
        if status != "ok":
            continue
        explicit = source in ("qualifier", "owner")
        span_start = max([span_start, *[n[1] + 1 for n in names if span_start <= n[0] < s]])
        after = _of_context(text, e, names, m)
        if after is None:
            continue
        if after[0]:
            context, explicit, e = after[0], True, after[1]
            source = "of"
        rows = _title_rows(hit.group().lower(), m)
        capital = hit.group()[:1].isupper() and bool(text[:s].strip())
        actor = _resolve_title(rows, context, explicit, when, capital)
        if source == "default" and named is not None:
            actor = _salient_holder(rows, actor, when, named)
        if actor:
            found.append([min(span_start, s), e, actor, "title", 0])
    return found


# Byte table: ASCII letters in lower case, digits and "_" kept, every other byte a space.
_LOWER_WORD_BYTES = bytes(
    ord(chr(c).lower()) if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256)
)


def _has_case_fold(text: str) -> bool:
    """Whether the text holds a character other than an ASCII letter's two cases that
    re.IGNORECASE lets match an ASCII letter: dotted and dotless I, long s, Kelvin sign."""
    return "\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text


def _title_hits(text: str, m: Matcher) -> list[re.Match]:
    """The matches of ``m.title_regex`` in the text, as ``finditer`` gives them, found faster.

    The regex is tried only where a cheap byte scan sees the first word of a title form: the
    text as lower-case ASCII bytes (any other character one "?") with every non-word byte
    a space, behind one added space. A title match starts after a non-word character or at
    the start, with a form's first letters in either case, so each match start is such a
    candidate, unless the text holds one of the few other characters that IGNORECASE lets
    match an ASCII letter (then the regex scans the text itself). Candidates are taken left
    to right, skipping those inside the last match, exactly as ``finditer`` does.
    """
    if m.title_candidates is None or (not text.isascii() and _has_case_fold(text)):
        return list(m.title_regex.finditer(text))
    words = b" " + text.encode("ascii", "replace").translate(_LOWER_WORD_BYTES)
    out = []
    pos = 0
    for candidate in m.title_candidates.finditer(words):
        start = candidate.start()  # the added space shifts offsets by one
        if start >= pos:
            hit = m.title_regex.match(text, start)
            if hit:
                out.append(hit)
                pos = hit.end()
    return out


def _title_rows(low_title: str, m: Matcher) -> list[_Title]:
    """The titles of the first form (longest first) that the lower-cased title matches."""
    rows = m.form_title_rows.get(low_title)
    if rows is None:
        rows = next(rows for regex, rows in m.title_forms if regex.fullmatch(low_title))
    return rows


# ---------------------------------------------------------------- mentions


@dataclass
class ArticleMemory:
    """What the earlier sentences of an article established for the later ones.

    ``surnames`` maps the key of each later word of a person's full name to that person, so
    a surname alone goes to the person last named in full ("Mojtaba Khamenei ... Khamenei");
    ``named`` counts the names of each actor (for titles written without a qualifier).
    """

    surnames: dict[str, str] = field(default_factory=dict)
    named: dict[str, int] = field(default_factory=dict)


def _lower_case_matches(text: str, names: list[list], m: Matcher) -> list[list]:
    """Organisation names printed all in lower case, where no name was found."""
    if m.lower_case_names is None:
        return []
    found = []
    for hit in m.lower_case_names.finditer(text):
        s, e = hit.span()
        if any(n[0] < e and s < n[1] for n in names):
            continue
        actor = m.lower_case_owner[" ".join(hit.group().split())]
        found.append([s, e, actor, "alias", len(hit.group().split())])
    return found


def _named_after(text: str, end: int, m: Matcher) -> bool:
    """Whether the capitalised words after a name make it a place or prize named after the
    person ("Imam Khomeini International Airport")."""
    after = _FOLLOWING_CAPITALS.match(text, end)
    return bool(after) and any(w in m.words["named_after"] for w in after.group().split())


def _after_title_word(text: str, start: int, m: Matcher) -> bool:
    """Whether an honorific or a role word stands right before a name ("Minister Katz")."""
    prev = _PREVIOUS_WORD.search(text, 0, start)
    return bool(prev) and (
        prev.group(1) in m.words["honorific"] or prev.group(1).lower() in m.words["role"]
    )


def _other_given_name(text: str, start: int, actor_id: str, m: Matcher) -> bool:
    """Whether another given name stands right before a person's surname: another member of
    the family ("Yair Netanyahu", "Ivanka Trump"). A given name that begins like one of the
    person's own is taken for a spelling of it ("Hossain Salami"); title-case headlines are
    left alone."""
    prev = _GIVEN_NAME.search(text, 0, start)
    if not prev:
        return False
    word = prev.group(1)
    words = m.words
    if word in words["stop"] or word in words["honorific"] or word.lower() in words["role"]:
        return False
    if word in m.qualifiers or translit_key(word)[:1] in m.given_initials.get(actor_id, ""):
        return False
    return not _is_title_case(text)


def _remember_full_name(surface: str, actor_id: str, memory: ArticleMemory) -> None:
    for _, _, word in _tokens(surface)[1:]:
        if word in _PATRONYMIC:
            continue
        memory.surnames[translit_key(word)] = actor_id
        bare = _PARTICLE.sub("", word)
        if bare != word:
            memory.surnames[translit_key(bare)] = actor_id


def _resolve_names(text: str, names: list[list], memory: ArticleMemory, m: Matcher) -> list[list]:
    """People named in full are remembered; a surname alone goes to the person last named in
    full. A surname that is not listed in the register itself needs that full name (or a
    title or honorific before it), and places named after a person are not mentions."""
    kept = []
    for n in names:
        actor = n[2]
        person = not actor or m.actors[actor]["kind"] == "person"
        if person and _named_after(text, n[1], m):
            continue
        if person and n[4] > 1:
            _remember_full_name(text[n[0] : n[1]], actor, memory)
        elif person:
            if actor and _other_given_name(text, n[0], actor, m):
                continue
            key = translit_key(text[n[0] : n[1]])
            owner = memory.surnames.get(key)
            if owner:
                n[2] = owner
            elif key in m.needs_full_name and not (actor and _after_title_word(text, n[0], m)):
                continue
        kept.append(n)
    return kept


def _sentence_names(text: str, memory: ArticleMemory, m: Matcher) -> list[list]:
    names = _name_matches(text, m)
    lower = _lower_case_matches(text, names, m)
    if lower:
        names = sorted(names + lower, key=itemgetter(0))
    return _resolve_names(text, names, memory, m)


def _merge(text: str, names: list[list], titles: list[list]) -> list[list]:
    """Names and titles by start; "Name (Alias)" of one actor is one mention."""
    # names come left to right without overlaps, so they need sorting only with titles
    result = sorted(names + titles, key=itemgetter(0, 1)) if titles else names
    merged = []
    for item in result:
        prev = merged[-1] if merged else None
        if (
            prev
            and prev[2] == item[2]
            and text[prev[1] : item[0]] == " ("
            and text[item[1] : item[1] + 1] == ")"
        ):
            continue
        merged.append(item[:4])
    return merged


def sentence_mentions(
    text: str, when: date | None, memory: ArticleMemory | None = None, m: Matcher | None = None
) -> list[list]:
    """The mentions in one sentence: [start, end, actor_id, how], sorted by start.

    ``memory`` carries what the article's earlier sentences established (see
    ``ArticleMemory``); it is updated with this sentence. A title without a qualifier is
    read against the names of the earlier sentences and this one (``article_mentions``
    reads it against the whole article).
    """
    m = m or matcher()
    memory = memory if memory is not None else ArticleMemory()
    names = _sentence_names(text, memory, m)
    for n in names:
        memory.named[n[2]] = memory.named.get(n[2], 0) + 1
    return _merge(text, names, _title_matches(text, names, m, when, memory.named))


def _publisher_ids(fields: list[str], first_sentence: str, m: Matcher) -> frozenset[str]:
    """Registered organisations that publish the article: named by its outlet, web address,
    dateline or byline, or in a dateline at the start of its text ("DUBAI (Reuters) -")."""
    texts = [f for f in fields if isinstance(f, str) and f]
    dateline = _DATELINE_SOURCE.match(first_sentence)
    if dateline:
        texts.append(dateline.group(1))
    found = set()
    for value in texts:
        candidates = [value, *_DOMAIN_LABEL.findall(value)]
        for candidate in candidates:
            entry = m.by_key.get(translit_key(candidate))
            if entry:
                found.add(entry[0])
        found.update(n[2] for n in _name_matches(value, m))
    return frozenset(a for a in found if a and m.actors[a]["kind"] == "organization")


def article_mentions(
    article_id: str,
    published: str,
    sentences: list[tuple[int, str]],
    publisher: tuple[str, ...] = (),
) -> list[tuple]:
    """Mention rows of one article (see MENTION_COLUMNS).

    ``publisher`` holds the article's outlet, web address, dateline and byline: an
    organisation they name is the publisher, and its mentions are not counted.
    """
    m = matcher()
    when = _parse_date(published)
    own = _publisher_ids(list(publisher), sentences[0][1] if sentences else "", m)
    memory = ArticleMemory()
    names = []
    for _, text in sentences:
        names.append(_sentence_names(text, memory, m))
        for n in names[-1]:
            memory.named[n[2]] = memory.named.get(n[2], 0) + 1
    rows = []
    for (sentence_idx, text), found in zip(sentences, names, strict=True):
        titles = _title_matches(text, found, m, when, memory.named)
        for start, end, actor_id, how in _merge(text, found, titles):
            if actor_id not in own:
                rows.append((article_id, sentence_idx, actor_id, text[start:end], start, end, how))
    return rows


def _parse_date(value) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _sentences_by_article(sentences: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    for row in zip(*(sentences[c].tolist() for c in ["article_id", *columns]), strict=True):
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def _published_dates(articles: pd.DataFrame | None) -> dict[str, str]:
    if articles is None or "published" not in articles:
        return {}
    return dict(zip(articles["article_id"], articles["published"].fillna(""), strict=True))


def _publisher_fields(articles: pd.DataFrame | None) -> dict[str, tuple[str, ...]]:
    """Per article, the fields that name who published it (outlet, url, dateline, author)."""
    if articles is None:
        return {}
    columns = [c for c in PUBLISHER_COLUMNS if c in articles]
    if not columns:
        return {}
    values = zip(
        *(articles[c].where(articles[c].notna(), "").astype(str) for c in columns), strict=True
    )
    return dict(zip(articles["article_id"], map(tuple, values), strict=True))


def find_mentions(
    sentences: pd.DataFrame, articles: pd.DataFrame | None = None, workers: int = 1
) -> pd.DataFrame:
    """Every actor mention in the sentences (MENTION_COLUMNS), in article/sentence/offset order.

    ``articles`` gives each article's ``published`` date for title resolution (without it,
    or with an empty date, only titles with a single possible holder resolve) and the
    fields naming its publisher, whose own name is not counted as an actor.
    """
    grouped = _sentences_by_article(sentences, ["sentence_idx", "text"])
    dates = _published_dates(articles)
    publishers = _publisher_fields(articles)
    items = [
        (aid, dates.get(aid, ""), rows, publishers.get(aid, ())) for aid, rows in grouped.items()
    ]
    results = map_items(article_mentions, items, workers)
    frame = pd.DataFrame([r for rows in results for r in rows], columns=MENTION_COLUMNS)
    return frame.sort_values(["article_id", "sentence_idx", "start"], kind="stable").reset_index(
        drop=True
    )


# ---------------------------------------------------------------- tables


def actor_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per mentioned actor with its register fields and counts, most mentioned first."""
    register = load_register().set_index("actor_id")
    if mentions.empty:
        return pd.DataFrame(columns=ACTOR_COLUMNS)
    counts = mentions.groupby("actor_id").agg(
        n_mentions=("actor_id", "size"), n_articles=("article_id", "nunique")
    )
    table = counts.join(register[["name", "kind", "affiliation", "role"]]).reset_index()
    table = table.sort_values(
        ["n_mentions", "n_articles", "actor_id"], ascending=[False, False, True]
    )
    return table[ACTOR_COLUMNS].reset_index(drop=True)


def mention_counts(
    mentions: pd.DataFrame, articles: pd.DataFrame, by: str = "article_id"
) -> pd.DataFrame:
    """Mentions per actor (rows) and article or outlet (columns, ``by``), zeros filled."""
    frame = mentions.merge(articles[["article_id", "outlet"]], on="article_id", how="left")
    table = frame.pivot_table(
        index="actor_id", columns=by, values="start", aggfunc="size", fill_value=0
    )
    table["total"] = table.sum(axis=1)
    table = table.sort_values(["total"], ascending=False, kind="stable")
    table.columns.name = None
    return table.astype(int)


def mention_evidence(mentions: pd.DataFrame, sentences: pd.DataFrame, how: str) -> pd.DataFrame:
    """The mentions found one way (``title``, ``variant`` ...) with the actor and the sentence."""
    names = load_register().set_index("actor_id")["name"]
    rows = mentions[mentions["how"] == how]
    text = sentences.set_index(["article_id", "sentence_idx"])["text"]
    keys = list(zip(rows["article_id"], rows["sentence_idx"], strict=True))
    return pd.DataFrame(
        {
            "article_id": rows["article_id"],
            "sentence_idx": rows["sentence_idx"],
            "surface": rows["surface"],
            "actor": rows["actor_id"].map(names),
            "sentence": [text.get(k, "") for k in keys],
        }
    ).reset_index(drop=True)


def summary_line(mentions: pd.DataFrame, quotes: pd.DataFrame, candidates: pd.DataFrame) -> str:
    """One sentence for the report index: actors, mentions, quotes and candidates."""
    n_direct = int((quotes["kind"] == "direct").sum()) if len(quotes) else 0
    return (
        f"{mentions['actor_id'].nunique()} actors in {len(mentions)} mentions; "
        f"{len(quotes)} quotes ({n_direct} direct); {len(candidates)} new-name candidates."
    )


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: sentences and articles they share."""
    pairs: dict[tuple[str, str], set] = {}
    unique = mentions[["article_id", "sentence_idx", "actor_id"]].drop_duplicates()
    for (article_id, sentence_idx), group in unique.groupby(
        ["article_id", "sentence_idx"], sort=True
    ):
        ids = sorted(group["actor_id"])
        for a_pos, a in enumerate(ids):
            for b in ids[a_pos + 1 :]:
                pairs.setdefault((a, b), set()).add((article_id, sentence_idx))
    rows = [(a, b, len(s), len({x[0] for x in s})) for (a, b), s in pairs.items()]
    frame = pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)
    return frame.sort_values(
        ["n_sentences", "actor_a", "actor_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def network_figure(actors: pd.DataFrame, pairs: pd.DataFrame, max_actors: int = 20):
    """Co-occurrence network on a fixed circle (most mentioned first, clockwise from the top).

    Node area follows the number of mentions; edge width the number of shared sentences.
    """
    import matplotlib.pyplot as plt

    top = actors.head(max_actors)
    ids = list(top["actor_id"])
    n = max(len(ids), 1)
    pos = {
        a: (math.sin(2 * math.pi * k / n), math.cos(2 * math.pi * k / n)) for k, a in enumerate(ids)
    }
    fig, ax = plt.subplots(figsize=(9, 9))
    shown = pairs[pairs["actor_a"].isin(pos) & pairs["actor_b"].isin(pos)]
    widest = max(shown["n_sentences"].max(), 1) if len(shown) else 1
    for row in shown.itertuples(index=False):
        (x1, y1), (x2, y2) = pos[row.actor_a], pos[row.actor_b]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color="tab:gray",
            alpha=0.6,
            zorder=1,
            linewidth=0.5 + 5.0 * row.n_sentences / widest,
        )
    biggest = max(top["n_mentions"].max(), 1) if len(top) else 1
    for row in top.itertuples(index=False):
        x, y = pos[row.actor_id]
        ax.scatter(
            [x],
            [y],
            s=60 + 900 * row.n_mentions / biggest,
            zorder=2,
            color="tab:orange" if row.kind == "person" else "tab:blue",
            alpha=0.85,
        )
        ax.annotate(
            f"{row.name} ({row.n_mentions})",
            (x * 1.16, y * 1.16),
            fontsize=8,
            ha="left" if x > 0.2 else "right" if x < -0.2 else "center",
            va="center",
        )
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Actors named in the same sentence (orange: people, blue: organisations)")
    return fig


# ---------------------------------------------------------------- new names


_CAP_SEQ = re.compile(
    r"(?<![\w\u2019'.-])((?:[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*)"
    r"(?:\s+(?:al-|bin\s+|ibn\s+)?[A-Z][a-z]+(?:[-'\u2019][A-Za-z]+)*){1,3})(?![\w-])"
)


def _candidate_evidence(text: str, start: int, end: int, m: Matcher, verbs: frozenset[str]) -> str:
    before = text[:start].split()
    after = text[end:]
    words = m.words
    if before:
        prev = before[-1].rstrip(".").rstrip(",")
        if prev in words.get("honorific", ()) or prev.lower() in words.get("role", ()):
            return f"after '{prev}'"
        if prev.lower() in verbs and not before[-1].endswith(","):
            return f"after '{prev}'"
        if len(before) >= 2 and " ".join(before[-2:]).lower() == "according to":
            return "after 'according to'"
    nxt = re.match(r"\s+(?:\w+ly\s+)?([a-z]+)", after)
    if nxt and nxt.group(1) in verbs:
        return f"before '{nxt.group(1)}'"
    appo = re.match(r",\s+(?:a|an|the)\s+((?:[\w-]+\s+){0,5}?[\w-]+)", after)
    if appo and any(w in words.get("role", ()) for w in appo.group(1).lower().split()):
        return "apposition with a role"
    return ""


def find_candidates(sentences: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Person-like names that are not in the register (CANDIDATE_COLUMNS).

    A candidate is a run of 2-4 capitalised words, none of them a stop word or an
    organisation keyword, not overlapping a mention, outside title-case headings and labels,
    with evidence that it is a person: an honorific or role noun before it, a reporting
    verb next to it, "according to" before it or a role in apposition. Its surname alone
    later in the same article counts as another mention of it.
    """
    m = matcher()
    verbs = frozenset(r["form"] for r in _read_csv("speech_verbs.csv") if " " not in r["form"])
    stop, org = m.words["stop"], m.words["org_keyword"]
    covered: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for row in zip(
        *(mentions[c].tolist() for c in ["article_id", "sentence_idx", "start", "end"]), strict=True
    ):
        covered.setdefault((row[0], row[1]), []).append((row[2], row[3]))
    found: dict[str, dict] = {}
    surnames: dict[tuple[str, str], str] = {}
    rows = zip(
        *(sentences[c].tolist() for c in ["article_id", "sentence_idx", "text"]), strict=True
    )
    pending = []
    for article_id, sentence_idx, text in rows:
        spans = covered.get((article_id, sentence_idx), [])
        body = _strip_label(text)
        offset = len(text) - len(body)
        if _is_title_case(body):
            continue
        for hit in _CAP_SEQ.finditer(body):
            s, e = hit.start() + offset, hit.end() + offset
            words = [(w.start(), w.group()) for w in re.finditer(r"\S+", hit.group(1))]
            while words and (words[0][1] in stop or words[0][1] in m.words.get("honorific", ())):
                words = words[1:]
            parts = [w for _, w in words]
            if len(parts) < 2 or any(p in stop or p in org for p in parts):
                continue
            s = hit.start(1) + offset + words[0][0]
            if any(a < e and s < b for a, b in spans):
                continue
            name = " ".join(parts)
            evidence = _candidate_evidence(text, s, e, m, verbs)
            if not evidence:
                continue
            entry = found.setdefault(
                name,
                {
                    "name": name,
                    "n_mentions": 0,
                    "articles": set(),
                    "article_id": article_id,
                    "sentence_idx": sentence_idx,
                    "sentence": text,
                    "evidence": evidence,
                },
            )
            entry["n_mentions"] += 1
            entry["articles"].add(article_id)
            surnames[(article_id, parts[-1])] = name
        pending.append((article_id, sentence_idx, text, spans))
    for article_id, _, text, spans in pending:
        for tok in re.finditer(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b", text):
            name = surnames.get((article_id, tok.group()))
            if name and not any(a < tok.end() and tok.start() < b for a, b in spans):
                if not re.match(r"\s+[A-Z]", text[tok.end() :]) and not re.search(
                    r"[A-Z][a-z]+\s+$", text[: tok.start()]
                ):
                    found[name]["n_mentions"] += 1
    out = [
        {**{k: v for k, v in e.items() if k != "articles"}, "n_articles": len(e["articles"])}
        for e in found.values()
    ]
    frame = pd.DataFrame(out, columns=CANDIDATE_COLUMNS)
    return frame.sort_values(
        ["n_mentions", "name"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def _strip_label(text: str) -> str:
    """Drop a short title-case label before a colon ("Iran's Stance: ...")."""
    label = re.match(r"^([^:]{1,60}):\s+", text)
    if label and _is_title_case(label.group(1)):
        return text[label.end() :]
    return text


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.75
