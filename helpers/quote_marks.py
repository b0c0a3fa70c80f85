"""Quotation-mark spans of a paragraph: double marks, or single marks where no double is used.

Double marks may be straight or curly and unbalanced: a quote opened and never closed ends
where the next one opens, or at the end of the paragraph. An article without any double
mark is read for single marks (the house style of some British papers: 'We will respond,'
he said), telling a quotation mark from an apostrophe by what stands on either side.
"""

from __future__ import annotations

import re

_DOUBLE_MARK = re.compile(r'[\u201c\u201d"]')
_SINGLE_MARK = re.compile("[\u2018\u2019']")
_DECADE = re.compile(r"\d\ds\b")  # "the '80s": an apostrophe
_BEFORE_OPENING = frozenset(" \t\n([\u2014\u2013-")
_AFTER_CLOSING = frozenset(" \t\n.,;:!?)]\u2014\u2013-")


def has_double_marks(text: str) -> bool:
    """Whether the text has a double quotation mark, straight or curly."""
    return '"' in text or "\u201c" in text or "\u201d" in text


def quote_spans(text: str, single_marks: bool = True) -> list[tuple[int, int, int, int]]:
    """Quoted spans (start, end, inner_start, inner_end) of a paragraph, in text order.

    Single marks are read only when the text has no double mark and ``single_marks`` is
    true (the caller sets it false for an article that quotes with double marks, where
    single ones are scare quotes or headings).
    """
    if has_double_marks(text):
        return _double_spans(text)
    if single_marks and ("'" in text or "\u2018" in text or "\u2019" in text):
        return _single_spans(text)
    return []


def _double_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Double-quoted spans, tolerant of unbalanced marks.

    A straight mark opens a quote when no quote is open and a word follows it; a quote
    still open when the next opening curly mark comes ends just before that mark, and one
    still open at the end of the paragraph ends there.
    """
    spans = []
    open_at = None
    for m in _DOUBLE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "\u201c" or (ch == '"' and open_at is None):
            if ch == '"' and (i + 1 >= len(text) or text[i + 1].isspace()):
                continue
            if open_at is not None:
                end = len(text[:i].rstrip())
                spans.append((open_at, end, open_at + 1, end))
            open_at = i
        elif open_at is not None:
            spans.append((open_at, i + 1, open_at + 1, i))
            open_at = None
    if open_at is not None:
        end = len(text.rstrip())
        spans.append((open_at, end, open_at + 1, end))
    return spans


def _single_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Single-quoted spans; apostrophes ("don't", "Iran's", "the officials' demands") skipped.

    A mark opens a quote at the start of the text or after a space, bracket or dash, with a
    letter or digit after it (not a decade: "the '80s"); it closes one after a non-space
    and before a space, punctuation or the end. A closing mark after an "s" with a word
    after it may be a plural possessive: it closes the quote only when no other closing
    mark comes before the next opening one. A quote never closed counts only when it opens
    the paragraph (a quote running on into the next paragraph); otherwise its mark was an
    apostrophe.
    """
    spans = []
    open_at = possessive = None
    for m in _SINGLE_MARK.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opening = (ch != "\u2019" and before in _BEFORE_OPENING and after.isalnum()
                   and not _DECADE.match(text, i + 1))
        if open_at is not None and possessive is not None and opening:
            spans.append((open_at, possessive + 1, open_at + 1, possessive))
            open_at = possessive = None
        if open_at is None:
            if opening:
                open_at = i
        elif ch != "\u2018" and not before.isspace() and after in _AFTER_CLOSING:
            if before in "sS" and after == " " and text[i + 2 : i + 3].isalpha():
                if possessive is None:
                    possessive = i
                continue
            spans.append((open_at, i + 1, open_at + 1, i))
            open_at = possessive = None
    if open_at is not None and possessive is not None:
        spans.append((open_at, possessive + 1, open_at + 1, possessive))
    elif open_at is not None and not text[:open_at].strip():
        end = len(text.rstrip())
        spans.append((open_at, end, open_at + 1, end))
    return spans
