"""Text utilities shared by every step: normalisation and sentence splitting.

Sentence splitting is rule-based (no NLTK data, which cannot be downloaded at run time):
a sentence ends at . ! ? (or a closing quote or bracket after one) followed by white
space and a capital letter, digit or opening quote, unless the word before the period is a
known abbreviation (``helpers/data/abbreviations.txt``) or a single initial.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from helpers.datafiles import read_data_text

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)?|\d+(?:[.,]\d+)*")
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?]+["'\u201d\u2019)\]]*)   # terminal punctuation, closing marks
        (?P<gap>\s+)                            # white space
        (?=["'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u00DD])  # next sentence starts upper or digit
    """,
    re.VERBOSE,
)
_BULLET = re.compile(r"^\s*(?:[-\u2013\u2022*\u25AA]|\d+[.)])\s+")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations (without their final period) that do not end a sentence."""
    text = read_data_text("abbreviations.txt")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


_ODD_SPACES = {ord(ch): " " for ch in "\u00a0\u202f\u205f\u3000\t"} | {
    code: " " for code in range(0x2000, 0x200C)
}
_SPACE_RUN = re.compile(r" {2,}")


def normalize_line(line: str) -> str:
    """NFC-normalise, turn non-breaking and odd spaces into plain ones, strip the ends."""
    if not line.isascii():
        line = unicodedata.normalize("NFC", line).translate(_ODD_SPACES)
    elif "\t" in line:
        line = line.replace("\t", " ")
    if "  " in line:
        line = _SPACE_RUN.sub(" ", line)
    return line.strip()


def words(text: str) -> list[str]:
    """The word tokens of a text (letters, apostrophes inside words, numbers)."""
    return _WORD.findall(text)


def strip_bullet(text: str) -> str:
    """Drop a leading list marker ("- ", "• ", "1. ") from a line."""
    return _BULLET.sub("", text, count=1)


# After these abbreviations a sentence may still end ("... talks with the U.S. He said").
_CAN_END_SENTENCE = frozenset(
    {"u.s", "u.k", "u.n", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m"}
)
_SENTENCE_STARTERS = frozenset(
    "he she it they we i the but and however this that these those his her its their there"
    " in on at after before when while".split()
)


def _ends_with_abbreviation(text: str, period_pos: int) -> bool:
    start = period_pos
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'\u201c":
        start -= 1
    token = text[start:period_pos].lower()
    if not token:
        return False
    if len(token) == 1 and token.isalpha():  # an initial: "Ali A. Khamenei"
        return True
    if token not in abbreviations():
        return False
    if token in _CAN_END_SENTENCE:
        following = re.match(r"\.\s+[\"'\u201c\u2018]?([A-Za-z]+)", text[period_pos:])
        if following and following.group(1).lower() in _SENTENCE_STARTERS:
            return False
    return True


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of one paragraph."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        end_mark = match.group("end")
        if end_mark.startswith(".") and len(end_mark.rstrip("\"'\u201d\u2019)]")) == 1:
            if _ends_with_abbreviation(paragraph, match.start("end")):
                continue
        end = match.end("end")
        if paragraph[start:end].strip():
            spans.append((start, end))
        start = match.end("gap")
    if paragraph[start:].strip():
        spans.append((start, len(paragraph.rstrip())))
    return spans


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, as text."""
    return [paragraph[a:b] for a, b in sentence_spans(paragraph)]
