"""The framing step: loaded terms per article and per outlet, from an editable lexicon.

``helpers/data/framing_terms.csv`` lists the terms (columns term, pattern, category, note).
``pattern`` is a Python regular expression; when it is empty the term is a plain phrase
whose words may be separated by spaces or hyphens. Matching is case-insensitive, on whole
words, sentence by sentence, left to right. At each position the longest term wins (terms
with more words first, then longer terms), and the text it covers is not searched again:
"ayatollah regime" counts once, as "ayatollah regime", and not also as "regime".

Each match records whether it lies inside quotation marks (``in_quotes``): a term inside a
quote is the speaker's word, not the outlet's. Quotation marks are followed through the
sentences of a paragraph: curly marks open and close, a straight double quote toggles.

Rates are per 1,000 words of the cleaned bodies (``n_words_clean``) of an outlet's analysed
articles, so an outlet's rate counts the articles where no term was found as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.datafiles import read_rows
from helpers.parallel import map_items
from helpers.regexes import FOLDS_TO_ASCII, fast_regex, literal_starts

TERM_COLUMNS = ["term", "pattern", "category"]
MATCH_COLUMNS = [
    "article_id", "sentence_idx", "term", "category", "surface", "start", "end", "in_quotes",
]
ARTICLE_COLUMNS = [
    "article_id", "outlet", "term", "category", "count", "in_quotes", "sentence_idxs",
]
FRAMING_COLUMNS = [
    "outlet", "term", "category", "count", "words", "rate_per_1000", "articles",
    "n_articles", "in_quotes",
]
OUTLET_COLUMNS = [
    "outlet", "n_articles", "words", "count", "rate_per_1000", "in_quotes",
    "rate_outside_quotes", "terms",
]
UNKNOWN_OUTLET = "(unknown outlet)"
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")


class TermsError(ValueError):
    """The terms file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Lexicon:
    """The compiled terms: one alternation whose group ``t<i>`` is ``terms[i]``."""

    terms: tuple[tuple[str, str], ...]  # (term, category)
    regex: re.Pattern
    # Lower-cased beginnings, one of which starts every match (see may_match); None when
    # some term's pattern does not tell.
    starts: tuple[str, ...] | None


def _phrase_pattern(term: str) -> str:
    return r"[\s-]+".join(re.escape(word) for word in term.split())


@lru_cache(maxsize=4)
def load_lexicon(path: str = "") -> Lexicon:
    """Read and compile the terms file (``helpers/data/framing_terms.csv`` unless ``path``)."""
    name = path or "helpers/data/framing_terms.csv"
    rows = read_rows("framing_terms.csv", TERM_COLUMNS, TermsError, path, "framing terms file")
    entries = []
    for line_no, row in enumerate(rows, start=2):
        term = (row["term"] or "").strip()
        if not term:
            raise TermsError(f"The framing terms file {name} has an empty term on line {line_no}.")
        pattern = (row["pattern"] or "").strip() or _phrase_pattern(term)
        try:
            re.compile(pattern)
        except re.error as error:
            raise TermsError(
                f"The framing terms file {name}, line {line_no}: the pattern for {term!r} "
                f"is not a valid regular expression ({error})."
            ) from None
        entries.append((term, (row["category"] or "").strip(), pattern))
    entries.sort(key=lambda entry: (-len(entry[0].split()), -len(entry[0])))
    alternation = "|".join(f"(?P<t{i}>{pattern})" for i, (_, _, pattern) in enumerate(entries))
    regex = fast_regex(rf"\b(?:{alternation})\b", re.IGNORECASE)
    return Lexicon(tuple((term, category) for term, category, _ in entries), regex,
                   _lexicon_starts([pattern for _, _, pattern in entries]))


def _lexicon_starts(patterns: list[str]) -> tuple[str, ...] | None:
    """The beginnings of all the patterns, none inside another ("mullah" is in "mullahs", so
    looking for "mullah" will do); None if a pattern has none."""
    starts = [literal_starts(pattern) for pattern in patterns]
    if None in starts:
        return None
    every = set().union(*starts)
    return tuple(sorted(s for s in every if not any(t != s and t in s for t in every)))


def may_match(lexicon: Lexicon, text: str) -> bool:
    """False only when no term can match ``text``: its lower-cased form holds none of the
    lexicon's ``starts`` (which every match begins with, case aside) and it has none of the
    few characters (``regexes.FOLDS_TO_ASCII``) that match an ASCII letter case-blind
    without lower-casing to it."""
    if lexicon.starts is None or (not text.isascii() and FOLDS_TO_ASCII.search(text)):
        return True
    lowered = text.lower()
    return any(start in lowered for start in lexicon.starts)


def quote_spans(text: str, open_at_start: bool = False) -> tuple[list[tuple[int, int]], bool]:
    """Spans of ``text`` inside quotation marks, and whether a quote is still open at its end."""
    spans = []
    start = 0 if open_at_start else None
    for mark in _QUOTE_MARK.finditer(text):
        char = mark.group()
        if start is None and char != "\u201d":
            start = mark.end()
        elif start is not None and char != "\u201c":
            spans.append((start, mark.start()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans, start is not None


def match_terms(text: str, terms_file: str = "") -> list[tuple[str, str, str, int, int]]:
    """(term, category, surface, start, end) of each lexicon term found in ``text``."""
    return _matches(load_lexicon(terms_file), text)


def _matches(lexicon: Lexicon, text: str) -> list[tuple[str, str, str, int, int]]:
    found = []
    for match in lexicon.regex.finditer(text):
        term, category = lexicon.terms[int(match.lastgroup[1:])]
        found.append((term, category, match.group(), match.start(), match.end()))
    return found


def article_term_matches(
    article_id: str,
    sentence_idxs: list[int],
    paragraph_idxs: list[int],
    texts: list[str],
    terms_file: str = "",
) -> list[tuple]:
    """The match records (``MATCH_COLUMNS``) of one article's sentences, in order."""
    lexicon = load_lexicon(terms_file)
    records = []
    open_quote, paragraph = False, None
    for idx, para, text in zip(sentence_idxs, paragraph_idxs, texts, strict=True):
        if para != paragraph:
            open_quote, paragraph = False, para
        found = _matches(lexicon, text) if may_match(lexicon, text) else []
        if found or _QUOTE_MARK.search(text):  # without a mark the quote state stays
            spans, open_quote = quote_spans(text, open_quote)
        for term, category, surface, start, end in found:
            quoted = any(a <= start and end <= b for a, b in spans)
            records.append((article_id, idx, term, category, surface, start, end, quoted))
    return records


def find_terms(sentences: pd.DataFrame, workers: int = 1, terms_file: str = "") -> pd.DataFrame:
    """Every lexicon term in the sentences (``MATCH_COLUMNS``), sorted by article and sentence.

    Without a ``paragraph_idx`` column each sentence is its own paragraph for the quote check.
    """
    load_lexicon(terms_file)  # a bad terms file fails here, once, with its message
    ordered = sentences.sort_values(["article_id", "sentence_idx"], kind="stable")
    article_ids = ordered["article_id"].tolist()
    idxs = ordered["sentence_idx"].tolist()
    paragraphs = ordered["paragraph_idx" if "paragraph_idx" in ordered.columns
                         else "sentence_idx"].tolist()
    texts = ordered["text"].tolist()
    items = []
    first = 0
    for last in range(1, len(article_ids) + 1):  # the rows of one article are consecutive
        if last == len(article_ids) or article_ids[last] != article_ids[first]:
            items.append((article_ids[first], idxs[first:last], paragraphs[first:last],
                          texts[first:last], terms_file))
            first = last
    records = [row for rows in map_items(article_term_matches, items, workers) for row in rows]
    frame = pd.DataFrame.from_records(records, columns=MATCH_COLUMNS)
    return frame.astype(
        {"sentence_idx": "int64", "start": "int64", "end": "int64", "in_quotes": "bool"}
    )


def _outlets(articles: pd.DataFrame) -> pd.DataFrame:
    """article_id, outlet, words of the analysed articles (empty outlet named as unknown)."""
    ok = articles[articles["status"] == "ok"] if "status" in articles.columns else articles
    frame = ok[["article_id", "outlet", "n_words_clean"]].rename(columns={"n_words_clean": "words"})
    frame = frame.assign(outlet=frame["outlet"].fillna("").replace("", UNKNOWN_OUTLET))
    return frame.sort_values("article_id").reset_index(drop=True)


def _with_outlets(matches: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    outlets = _outlets(articles)
    unknown = sorted(set(matches["article_id"]) - set(outlets["article_id"]))
    if unknown:
        raise ValueError(
            f"The term matches name {len(unknown)} article(s) that are not analysed articles "
            f"(first: {unknown[0]})."
        )
    return matches.merge(outlets, on="article_id", how="left")


def framing_by_article(matches: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article and term: count, how many inside quotes, and the sentence indexes."""
    joined = _with_outlets(matches, articles)
    rows = []
    for (article_id, term), group in joined.groupby(["article_id", "term"], sort=True):
        rows.append({
            "article_id": article_id,
            "outlet": group["outlet"].iat[0],
            "term": term,
            "category": group["category"].iat[0],
            "count": len(group),
            "in_quotes": int(group["in_quotes"].sum()),
            "sentence_idxs": " ".join(str(i) for i in sorted(set(group["sentence_idx"]))),
        })
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def framing_table(matches: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The ``framing.csv`` table: per outlet and term found, count and rate per 1,000 words.

    ``words`` is the outlet's total of cleaned words; ``articles`` the ids (joined by a
    space) of its articles where the term occurs.
    """
    joined = _with_outlets(matches, articles)
    words = _outlets(articles).groupby("outlet")["words"].sum()
    rows = []
    for (outlet, term), group in joined.groupby(["outlet", "term"], sort=True):
        ids = sorted(set(group["article_id"]))
        rows.append({
            "outlet": outlet,
            "term": term,
            "category": group["category"].iat[0],
            "count": len(group),
            "words": int(words[outlet]),
            "rate_per_1000": 1000 * len(group) / words[outlet] if words[outlet] else float("nan"),
            "articles": " ".join(ids),
            "n_articles": len(ids),
            "in_quotes": int(group["in_quotes"].sum()),
        })
    return pd.DataFrame(rows, columns=FRAMING_COLUMNS)


def framing_outlets(matches: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (all analysed, also those with no term): count, rates (all matches and those
    outside quotation marks) and the terms found with their counts."""
    joined = _with_outlets(matches, articles)
    outlets = _outlets(articles)
    rows = []
    for outlet, group in outlets.groupby("outlet", sort=True):
        found = joined[joined["outlet"] == outlet]
        words = int(group["words"].sum())
        counts = found.groupby("term").size().sort_index()
        counts = counts.sort_values(ascending=False, kind="stable")
        rows.append({
            "outlet": outlet,
            "n_articles": len(group),
            "words": words,
            "count": len(found),
            "rate_per_1000": 1000 * len(found) / words if words else float("nan"),
            "in_quotes": int(found["in_quotes"].sum()),
            "rate_outside_quotes": (
                1000 * int((~found["in_quotes"]).sum()) / words if words else float("nan")
            ),
            "terms": "; ".join(f"{term} {n}" for term, n in counts.items()),
        })
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


def plot_framing(table: pd.DataFrame, outlets: pd.DataFrame):
    """Stacked bars: each outlet's rate per 1,000 words, one segment per term found."""
    import matplotlib.pyplot as plt

    terms = table.sort_values(["category", "term"])["term"].drop_duplicates().tolist()
    names = outlets["outlet"].tolist()
    fig, ax = plt.subplots(figsize=(8, 1.5 + 0.5 * max(len(names), 1)))
    left = [0.0] * len(names)
    colours = plt.get_cmap("tab20")
    for i, term in enumerate(terms):
        rates = table[table["term"] == term].set_index("outlet")["rate_per_1000"]
        values = [float(rates.get(name, 0.0)) for name in names]
        ax.barh(names, values, left=left, label=term, color=colours(i % 20))
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.invert_yaxis()
    ax.set_xlabel("loaded terms per 1,000 words of cleaned text")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def summary_line(outlets: pd.DataFrame) -> str:
    """One line for the report index: loaded terms found and the highest outlet rate."""
    if outlets.empty:
        return "No analysed articles for the framing lexicon."
    top = outlets.sort_values(["rate_per_1000", "outlet"], ascending=[False, True]).iloc[0]
    return (
        f"{int(outlets['count'].sum())} loaded terms found in {int(outlets['n_articles'].sum())} "
        f"articles; highest rate {top['rate_per_1000']:.1f} per 1,000 words ({top['outlet']})."
    )
