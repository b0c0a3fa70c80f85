"""Framing: term matching, precedence of longer terms, quotes, counts and rates."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import framing, regexes
from helpers.corpus import load_corpus

REPO = Path(__file__).resolve().parent.parent


def terms_in(text):
    return [(term, surface) for term, _, surface, _, _ in framing.match_terms(text)]


def sentences_frame(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_idx", "paragraph_idx", "text"])


def test_longer_terms_take_precedence_over_the_words_inside_them():
    text = "The ayatollah regime, the regime's allies and the mullahs' regime met the mullahs."
    assert terms_in(text) == [
        ("ayatollah regime", "ayatollah regime"),
        ("regime", "regime"),
        ("mullah regime", "mullahs' regime"),
        ("mullahs", "mullahs"),
    ]
    assert terms_in("Tehran calls Israel the Zionist regime.") == [
        ("Zionist regime", "Zionist regime")
    ]
    assert terms_in("Iran and its terror proxies; other proxies; terrorists.") == [
        ("terror proxies", "terror proxies"), ("proxies", "proxies"), ("terrorists", "terrorists"),
    ]
    assert terms_in("The Axis of Resistance met little resistance.") == [
        ("Axis of Resistance", "Axis of Resistance"), ("resistance", "resistance"),
    ]


def test_whole_words_any_case_and_spelling_variants():
    assert terms_in("A new regimen of pills.") == []
    assert terms_in("REGIME officials and Hard-liners in the hardline-dominated Majlis.") == [
        ("regime", "REGIME"), ("hardliners", "Hard-liners"), ("hardline", "hardline"),
    ]
    assert terms_in("The Ayatollah-regime and the ayatollahs.") == [
        ("ayatollah regime", "Ayatollah-regime"), ("ayatollahs", "ayatollahs"),
    ]
    # the singular is a title, not a label
    assert terms_in("Ayatollah Ali Khamenei spoke.") == []


def test_quote_spans_follow_a_paragraph():
    spans, still_open = framing.quote_spans('He said "the regime will pay. Soon')
    assert still_open and spans == [(9, 34)]
    spans, still_open = framing.quote_spans("they said\u201d and \u201cthis\u201d", True)
    # "they said" is 0-9; the closing mark is at 9, the opening one at 15, "this" is 16-20
    assert not still_open and spans == [(0, 9), (16, 20)]


def test_find_terms_marks_quoted_terms_across_sentences_of_a_paragraph():
    sentences = sentences_frame([
        ("a", 0, 0, "\u201cThis regime will pay."),
        ("a", 1, 0, "Its crimes will not be forgotten,\u201d he said of the regime."),
        ("a", 2, 1, "The regime denied it."),
        ("b", 0, 0, 'He called them "hardliners".'),
    ])
    matches = framing.find_terms(sentences)
    assert list(matches.columns) == framing.MATCH_COLUMNS
    assert matches[["article_id", "sentence_idx", "term", "in_quotes"]].values.tolist() == [
        ["a", 0, "regime", True],
        ["a", 1, "regime", False],
        ["a", 2, "regime", False],
        ["b", 0, "hardliners", True],
    ]
    assert matches[["start", "end"]].values.tolist()[0] == [6, 12]


FAST_PATTERNS = [
    (r"\b(?:(?P<a>ayatollahs?[\s-]+regime)|(?P<b>regimes?))\b", re.IGNORECASE),
    (r"\b(?:(?P<rel>(?i:last|next))\s+)?(?P<wd>Monday|Friday)(?P<poss>'s)?\b", 0),
    (r"(?<![$\d.,/-])\b(?:(?i:early|late)[\s-]+)?(?P<year>(?:19|20)\d{2})\b", 0),
    (r"(?i:\b(?:soon|said|[a-z]+ed)\b)", 0),
    (r"[\d\s]+km|\bkill(?:ing|ed|s)?\b", 0),
    (r"\b(?:kill\w*|islamic|[r-t]\w+)", re.IGNORECASE),
    (r"x?", 0),  # may match nothing: compiled as it is
    (r"[^a]b|.c", 0),  # may start with any character: compiled as it is
]
FAST_TEXTS = [
    "Last Monday's talks: the ayatollahs' regime SAID it was killed off in early 2024.",
    "IRAN'S REGIMES, the Ayatollah-regime; next friday; Friday's; 1999 and 2024-25, $2024.",
    "\u017foon the \u0130SLAMIC regime re\u017fponded; \u212aILLED 12 km away; xb ac",
    "",
]


@pytest.mark.parametrize("pattern, flags", FAST_PATTERNS)
def test_fast_regex_finds_exactly_the_matches_of_the_plain_pattern(pattern, flags):
    plain, fast = re.compile(pattern, flags), regexes.fast_regex(pattern, flags)
    for text in FAST_TEXTS:
        assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == [
            (m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_the_letters_that_fold_to_ascii_are_all_known():
    # fast_regex writes a case-blind ASCII letter out as both cases plus these folds
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(code) for code in range(128, 0x110000) if ascii_letter.fullmatch(chr(code))}
    assert folding == set("".join(regexes._FOLDS.values()))
    for letter, folds in regexes._FOLDS.items():
        assert all(re.fullmatch(letter, fold, re.IGNORECASE) for fold in folds)


def test_literal_starts_of_term_patterns():
    assert regexes.literal_starts("regimes?") == {"regime"}
    assert regexes.literal_starts(r"(?:air|Drone) ?strikes?") == {"air", "drone"}
    assert regexes.literal_starts(r"\bIslamic[\s-]+Republic") == {"islamic"}
    assert regexes.literal_starts("x?y") is None
    assert regexes.literal_starts("[ab]c") is None
    assert "mullah" in framing.load_lexicon().starts
    assert "mullahs" not in framing.load_lexicon().starts  # looking for "mullah" finds it


def test_letters_that_fold_to_ascii_still_match():
    # case-blind matching takes the long s and the dotted capital I as "s" and "i"; the quick
    # test before the lexicon runs must not skip such a sentence
    texts = ["The \u0130slamic Republic spoke.", "The I\u017flamic Republic spoke."]
    assert [terms_in(text) for text in texts] == [
        [("Islamic Republic", "\u0130slamic Republic")],
        [("Islamic Republic", "I\u017flamic Republic")],
    ]
    found = framing.find_terms(sentences_frame([("a", i, i, text) for i, text in enumerate(texts)]))
    assert found["term"].tolist() == ["Islamic Republic", "Islamic Republic"]


def test_find_terms_groups_unsorted_rows_by_article():
    rows = [("b", 1, 0, "The regime spoke."), ("a", 0, 0, "No term here."),
            ("b", 0, 0, "The mullahs met."), ("a", 1, 1, "Zionist regime, they said.")]
    found = framing.find_terms(sentences_frame(rows))
    assert found[["article_id", "sentence_idx", "term"]].values.tolist() == [
        ["a", 1, "Zionist regime"], ["b", 0, "mullahs"], ["b", 1, "regime"]]


ARTICLES = pd.DataFrame({
    "article_id": ["a", "b", "c", "z"],
    "outlet": ["One", "One", "Two", "Gone"],
    "status": ["ok", "ok", "ok", "skipped"],
    "n_words_clean": [100, 300, 50, 999],
})
HAND_SENTENCES = sentences_frame([
    ("a", 0, 0, "The ayatollah regime spoke."),
    ("a", 3, 1, "The regime and the regime again."),
    ("b", 0, 0, "Hardliners objected."),
    ("c", 0, 0, "Nothing loaded here."),
])


def test_framing_table_counts_and_rates():
    matches = framing.find_terms(HAND_SENTENCES)
    table = framing.framing_table(matches, ARTICLES)
    assert list(table.columns) == framing.FRAMING_COLUMNS
    rows = table.set_index(["outlet", "term"])
    # outlet One has 100 + 300 = 400 words; "regime" twice -> 2 * 1000 / 400 = 5.0
    assert rows.loc[("One", "regime"), "count"] == 2
    assert rows.loc[("One", "regime"), "words"] == 400
    assert rows.loc[("One", "regime"), "rate_per_1000"] == pytest.approx(5.0)
    assert rows.loc[("One", "ayatollah regime"), "count"] == 1
    assert rows.loc[("One", "hardliners"), "articles"] == "b"
    assert ("Two", "regime") not in rows.index


def test_outlet_totals_keep_outlets_without_terms():
    matches = framing.find_terms(HAND_SENTENCES)
    outlets = framing.framing_outlets(matches, ARTICLES).set_index("outlet")
    assert sorted(outlets.index) == ["One", "Two"]  # the skipped article's outlet is not there
    assert outlets.loc["One", "count"] == 4
    assert outlets.loc["One", "rate_per_1000"] == pytest.approx(10.0)  # 4 * 1000 / 400
    assert outlets.loc["One", "terms"] == "regime 2; ayatollah regime 1; hardliners 1"
    assert outlets.loc["Two", "count"] == 0 and outlets.loc["Two", "rate_per_1000"] == 0


def test_per_article_detail_lists_sentences():
    matches = framing.find_terms(HAND_SENTENCES)
    detail = framing.framing_by_article(matches, ARTICLES).set_index(["article_id", "term"])
    assert detail.loc[("a", "regime"), "count"] == 2
    assert detail.loc[("a", "regime"), "sentence_idxs"] == "3"
    assert detail.loc[("a", "ayatollah regime"), "sentence_idxs"] == "0"


def test_matches_of_unknown_articles_are_an_error():
    matches = framing.find_terms(sentences_frame([("z", 0, 0, "The regime.")]))
    with pytest.raises(ValueError, match="not analysed"):
        framing.framing_table(matches, ARTICLES)


def test_a_custom_terms_file_and_its_errors(tmp_path):
    terms = tmp_path / "terms.csv"
    terms.write_text("term,pattern,category\nhawks,,label\nwar party,,label\n", encoding="utf-8")
    found = framing.match_terms("The war-party and the hawks.", str(terms))
    assert [t[0] for t in found] == ["war party", "hawks"]
    bad = tmp_path / "bad.csv"
    bad.write_text("term,pattern,category\nhawks,(unclosed,label\n", encoding="utf-8")
    with pytest.raises(framing.TermsError, match="line 2.*not a valid regular expression"):
        framing.load_lexicon(str(bad))
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("word,category\nhawks,label\n", encoding="utf-8")
    with pytest.raises(framing.TermsError, match="needs the columns"):
        framing.load_lexicon(str(wrong))


def test_seed_counts_read_from_the_article():
    corpus = load_corpus(REPO / "seeds")
    matches = framing.find_terms(corpus.sentences)
    detail = framing.framing_by_article(matches, corpus.articles).set_index(["article_id", "term"])
    all_israel = "002_d6f52f81e3339d05"
    # Read in the ALL ISRAEL NEWS body: "ayatollah regime" in sentences 4, 10 and 16; "regime"
    # on its own in 0, 3, 5 (inside a quote), 6, 7, 8 and 24.
    assert detail.loc[(all_israel, "ayatollah regime"), "sentence_idxs"] == "4 10 16"
    assert detail.loc[(all_israel, "regime"), "sentence_idxs"] == "0 3 5 6 7 8 24"
    assert detail.loc[(all_israel, "regime"), "in_quotes"] == 1
    # Pezeshkian's "this regime" (meaning Israel) in Iran International's article is quoted.
    assert detail.loc[("000_518498b07356cbc8", "regime"), "in_quotes"] == 1
    assert framing.find_terms(corpus.sentences, workers=2).equals(matches)
