"""Quotes: who is quoted saying what, in direct quotes and in reported speech.

Work is per paragraph (its sentences joined), so a quote over several sentences is one
quote. Quote marks may be straight or curly and unbalanced: a quote opened and never
closed ends where the next one opens, or at the end of the paragraph.

A direct quote is attributed from the words after it (``“...,” Pezeshkian said``,
``“...,” said the official``, ``“...” he said``) or before it (``Trump cautioned that
"..."``, ``claimed; “...”``, ``stressing that “...”``). A quote with no reporting words
that opens a sentence continues the last speaker of its paragraph. Reported speech
(``X said that ...``, ``X insisted ...``, ``According to X, ...``) is ``kind=indirect`` with
its clause as the quote; quoted words inside that clause belong to it and are not a row of
their own. Pronouns ("he said") point back to the last speaker or sentence subject.
The speaker is an actor only when the actor is the head of the speaker phrase: "a close aide
to Pezeshkian" keeps ``speaker_id`` empty and the phrase as ``speaker``.
Reporting verbs are read from ``helpers/data/speech_verbs.csv``.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.datafiles import read_data_text
from helpers.parallel import map_items

QUOTE_COLUMNS = [
    "article_id",
    "sentence_idx",
    "speaker_id",
    "cue",
    "quote",
    "kind",
    "speaker",
    "last_sentence_idx",
    "via",
]
CONTINUATION_CUE = "(continues)"
MAX_SUBJECT_WORDS = 8
MAX_HEAD_WORDS = 6
MAX_CONNECTOR_CHARS = 90

_PRONOUNS = {"he", "she", "they"}
_ADVERB = (
    r"(?:has|have|had|is|was|were|are|will|would|did|does|do|been|also|further|then|even|"
    r"once|again|later|already|still|now|today|yesterday|himself|herself|themselves|itself|"
    r"[a-z]+ly|on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:last|this|earlier\s+this)\s+"
    r"(?:week|month|year))"
)
_TRAILING_ADVERBS = re.compile(rf"(?:\s+{_ADVERB})+\s*$")
_LEADING_CONNECTORS = re.compile(
    r"^(?:however|and|but|so|yet|then|meanwhile|even\s+though|though|although|while|when|"
    r"as|because|since|if|after|before|instead|also)\b\s*",
    re.I,
)
_REPORT_WORDS = r"(?:report|reports|article|story|investigation|analysis|statement|post)"
_PREPOSITIONS = frozenset("to of for with by from at in on near close about against among".split())
_RELATIVE = re.compile(r",?\s+(?:who|which|whose)\b.*$", re.S)
_LABEL = re.compile(r"^([^:]{1,60}):\s+")
_SPACES = re.compile(r"\s+")
_HEAD_TAIL = re.compile(r"\s*(?:\([^)]*\)|himself|herself|itself)\s*$")
_REPORTED_AFTER = re.compile(rf"(?:\s*\([^)]*\))?\s+{_REPORT_WORDS}\b", re.I)
_REPORT_BY = re.compile(rf"\b{_REPORT_WORDS}\s+by\s+(?:the\s+)?$", re.I)
_PARTICIPLE_PART = re.compile(r"\s*[a-z]+ing\b")
_REPEATED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
_THAT = re.compile(r"\s*(?:that\b|[:;,])?\s*")
_THE = re.compile(r"(?:The\s+)?")
_CONNECTOR_GAP = re.compile(
    rf"\s*(?:[^\u201c\u201d\"]{{0,{MAX_CONNECTOR_CHARS}}}?\bthat\s*|[,:;]\s*|)"
)
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<spk>[^,;\u201c\u201d\"]{1,80}?)\s+as\s+saying\s*[:,]?\s*$")
_VIA_WORDS = ("according", "said", "say", "reported", "added", "told")
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:while|whereas)\b)")


@dataclass
class _Cue:
    start: int
    end: int
    form: str
    kind: str  # finite, participle, according


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, str]:
    """Reporting-verb forms (``speech_verbs.csv``) and their type."""
    raw = read_data_text("speech_verbs.csv")
    return {row["form"]: row["type"] for row in csv.DictReader(io.StringIO(raw))}


def _trie_pattern(words: list[str]) -> str:
    """A regular expression alternation shaped as a trie (one branch tried per position)."""
    if not words:
        return ""
    if words == [""]:
        return ""
    groups: dict[str, list[str]] = {}
    ends = False
    for word in sorted(set(words)):
        if word:
            groups.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    branches = []
    for first in sorted(groups):
        char = r"\s+" if first == " " else re.escape(first)
        branches.append(char + _trie_pattern(groups[first]))
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + ("?" if ends else "") if len(branches) > 0 else ""


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern:
    return re.compile(r"\b" + _trie_pattern([*speech_verbs(), "According to"]) + r"\b")


@lru_cache(maxsize=1)
def _post_regexes() -> tuple[re.Pattern, re.Pattern]:
    finite = [f for f, k in speech_verbs().items() if k == "finite" and " " not in f]
    alt = "|".join(sorted(finite, key=len, reverse=True))
    inverted = re.compile(rf"^\s*,?\s*(?P<cue>{alt})\s+(?P<spk>[^,.;:\u201c\u201d\"]+)")
    normal = re.compile(
        rf"^\s*,?\s*(?P<spk>[^\u201c\u201d\";!?]{{1,160}}?)(?:\s+{_ADVERB})*\s+(?P<cue>{alt})\b"
    )
    return inverted, normal


_QUOTE_MARK = re.compile(r'[\u201c\u201d"]')


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Double-quoted spans (start, end, inner_start, inner_end), tolerant of unbalanced marks.

    A straight mark opens a quote when no quote is open and a word follows it; a quote
    still open when the next opening curly mark comes ends just before that mark, and one
    still open at the end of the paragraph ends there.
    """
    spans = []
    open_at = None
    for m in _QUOTE_MARK.finditer(text):
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


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e, _, _ in spans)


class _Paragraph:
    """One paragraph: joined text, sentence offsets, mentions and quote spans."""

    def __init__(self, sentences: list[tuple[int, str]], mentions: list[tuple]):
        parts, self.starts, self.idx = [], [], []
        pos = 0
        for sentence_idx, text in sentences:
            self.starts.append(pos)
            self.idx.append(sentence_idx)
            parts.append(text)
            pos += len(text) + 1
        self.text = " ".join(parts)
        self.ends = [s + len(t) for s, (_, t) in zip(self.starts, sentences, strict=True)]
        offset = dict(zip(self.idx, self.starts, strict=True))
        self.mentions = sorted(
            (offset[s] + a, offset[s] + b, actor) for s, actor, a, b in mentions if s in offset
        )
        self.quotes = quote_spans(self.text)
        self.cues = [
            _Cue(
                m.start(),
                m.end(),
                _SPACES.sub(" ", m.group().lower()),
                speech_verbs()[_SPACES.sub(" ", m.group().lower())],
            )
            for m in _cue_regex().finditer(self.text)
            if not _inside(m.start(), self.quotes)
        ]

    def sentence_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        k = self.sentence_of(pos)
        return self.starts[k], self.ends[k]


# ---------------------------------------------------------------- speakers


def _speaker(par: _Paragraph, start: int, end: int) -> tuple[str, str]:
    """(speaker_id, description) for the speaker phrase text[start:end]."""
    phrase = par.text[start:end]
    cut = _RELATIVE.search(phrase)
    if cut:
        end = start + cut.start()
        phrase = par.text[start:end]
    speaker_id = ""
    pos = start
    parts = []
    for part in phrase.split(","):
        parts.append((pos, pos + len(part)))
        pos += len(part) + 1
    for a, b in parts:
        head_end = a + len(_HEAD_TAIL.sub("", par.text[a:b].rstrip()))
        for m_start, m_end, actor in par.mentions:
            if not (a <= m_start and m_end <= b):
                continue
            reported = _REPORTED_AFTER.match(par.text, m_end, b)
            if (m_end < head_end and not reported) or par.text[m_end : m_end + 2] in (
                "'s",
                "\u2019s",
            ):
                continue
            before_text = par.text[a:m_start]
            report_by = _REPORT_BY.search(before_text)
            before = {w.lower() for w in re.findall(r"[A-Za-z]+", before_text)}
            if before & _PREPOSITIONS and not report_by:
                continue
            speaker_id = actor
            break
        if speaker_id:
            break
    kept = [par.text[a:b].strip() for a, b in parts if not _PARTICIPLE_PART.match(par.text, a, b)]
    description = ", ".join(k for k in kept if k)
    description = _REPEATED_WORD.sub(r"\1", description)
    description = _LEADING_CONNECTORS.sub("", description).strip()
    return speaker_id, description


def _subject_span(par: _Paragraph, floor: int, cue_start: int) -> tuple[int, int] | None:
    """The speaker phrase right before a reporting verb, or None when there is none."""
    left = par.text[floor:cue_start]
    stripped = _TRAILING_ADVERBS.sub("", left)
    stripped = stripped.rstrip()
    if not stripped:
        return None
    appositive = stripped.endswith(",")
    body = stripped.rstrip(",").rstrip()
    label = _LABEL.match(body)
    base = floor + (label.end() if label else 0)
    body = par.text[base : floor + len(body)]
    parts = body.split(",")
    if appositive and len(parts) < 2:
        return None
    take = 2 if appositive else 1
    phrase_start = base + len(",".join(parts[:-take])) + (1 if len(parts) > take else 0)
    phrase = par.text[phrase_start : floor + len(stripped.rstrip(",").rstrip())]
    lead = _LEADING_CONNECTORS.match(phrase.lstrip())
    offset = len(phrase) - len(phrase.lstrip()) + (lead.end() if lead else 0)
    phrase_start += offset
    phrase = phrase[offset:]
    words = phrase.split()
    if take == 1 and len(parts) > 1 and words and words[0].lower() in ("and", "or"):
        return None
    if not words or words[-1].lower() in {"and", "or", "to", "that", "which", "who", "but"}:
        return None
    head = _RELATIVE.sub("", phrase.split(",")[0]).split()
    limit = MAX_HEAD_WORDS if take == 2 else MAX_SUBJECT_WORDS
    if len(head) > limit or (take == 1 and len(_RELATIVE.sub("", phrase).split()) > limit):
        return None
    return phrase_start, phrase_start + len(phrase)


# ---------------------------------------------------------------- records


@dataclass
class _Record:
    pos: int
    end: int
    kind: str
    cue: str
    quote: str
    speaker_span: tuple[int, int] | None = None
    speaker_text: str = ""
    continuation: bool = False
    via: str = ""


def _post_attribution(par: _Paragraph, close: int):
    """Speaker phrase and cue right after a closing quote mark, in the same sentence."""
    _, sentence_end = par.sentence_bounds(close - 1)
    nxt = next((q[0] for q in par.quotes if q[0] >= close), len(par.text))
    tail = par.text[close : min(sentence_end, nxt)]
    inverted, normal = _post_regexes()
    for regex in (inverted, normal):
        m = regex.match(tail)
        if not m:
            continue
        spk_start, spk_end = close + m.start("spk"), close + m.end("spk")
        spk = par.text[spk_start:spk_end].strip().rstrip(",")
        if regex is normal:
            span = _subject_span(par, spk_start, close + m.start("cue"))
            if span is None or par.text[close : span[0]].strip(" ,"):
                continue
            spk_start, spk_end = span
        else:
            spk_end = spk_start + len(spk)
        cue_start, cue_end = close + m.start("cue"), close + m.end("cue")
        return (spk_start, spk_end), m.group("cue").lower(), (cue_start, cue_end)
    return None


def _main_subject(par: _Paragraph, clause_start: int, before: int):
    """The first finite cue with a speaker phrase in a clause, before ``before``."""
    for cue in par.cues:
        if clause_start <= cue.start < before and cue.kind == "finite":
            span = _subject_span(par, _floor(par, clause_start, cue.start), cue.start)
            if span:
                return cue, span
    return None


def _floor(par: _Paragraph, clause_start: int, pos: int) -> int:
    ends = [e for s, e, _, _ in par.quotes if clause_start <= s and e <= pos]
    return max([clause_start, *ends])


def _clauses(par: _Paragraph, k: int) -> list[tuple[int, int]]:
    start, end = par.starts[k], par.ends[k]
    cuts = [start]
    for m in _CLAUSE_BREAK.finditer(par.text, start, end):
        if not _inside(m.start(), par.quotes):
            cuts.append(m.end())
    bounds = cuts + [end]
    return [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]


_TRAILING_VIA = [
    re.compile(
        r",\s*according\s+to\s+(?P<via>[^,\u201c\u201d\"]+?(?:,\s*(?:who|which)\b[^\u201c\u201d\"]*?)?)[.]?$"
    ),
    re.compile(r",\s*said\s+(?P<via>[^,\u201c\u201d\"]+?)(?:,[^\u201c\u201d\"]*)?[.]?$"),
    re.compile(r",\s*(?P<via>[^,\u201c\u201d\"]{2,80}?)\s+(?:said|say|says|reported|added)[.]?$"),
    re.compile(
        r",\s*(?P<via>[^,\u201c\u201d\"]{2,80}?)\s+told\s+[A-Z][^,\u201c\u201d\"]{1,60}?[.]?$"
    ),
]


def _trailing_via(par: _Paragraph, start: int, end: int) -> tuple[int, str]:
    """A closing attribution (", the sources told X." / ", according to X."): (cut, via)."""
    text = par.text[start:end]
    if not any(word in text for word in _VIA_WORDS):
        return end, ""
    for regex in _TRAILING_VIA:
        m = regex.search(text)
        if m and not _inside(start + m.start(), par.quotes):
            return start + m.start(), m.group("via").strip()
    return end, ""


def _paragraph_records(par: _Paragraph) -> list[_Record]:
    records: list[_Record] = []
    used: set[int] = set()
    direct_quotes: set[int] = set()
    cut_at: dict[int, int] = {}
    # 1. direct quotes attributed after or before them
    for q_index, (q_start, q_end, inner_start, inner_end) in enumerate(par.quotes):
        quote = par.text[inner_start:inner_end].strip().rstrip(",").strip()
        k_first = par.sentence_of(q_start)
        post = _post_attribution(par, q_end)
        if post:
            span, cue_form, (c_start, _) = post
            used.update(i for i, c in enumerate(par.cues) if c.start == c_start)
            records.append(_Record(q_start, q_end, "direct", cue_form, quote, span))
            direct_quotes.add(q_index)
            continue
        s_start, _ = par.sentence_bounds(q_start)
        prev_end = max([s_start, *[e for s, e, _, _ in par.quotes if e <= q_start]])
        quoted_as = _QUOTED_AS.search(par.text, prev_end, q_start)
        if quoted_as:
            span = (quoted_as.start("spk"), quoted_as.end("spk"))
            records.append(_Record(q_start, q_end, "direct", "quoted as saying", quote, span))
            direct_quotes.add(q_index)
            continue
        before = [
            (i, c) for i, c in enumerate(par.cues) if prev_end <= c.start and c.end <= q_start
        ]
        if before:
            i, cue = before[-1]
            gap = par.text[cue.end : q_start]
            if _CONNECTOR_GAP.fullmatch(gap):
                if cue.kind == "participle":
                    main = _main_subject(par, s_start, cue.start)
                    span = main[1] if main else None
                    cut_at[s_start] = min(cut_at.get(s_start, len(par.text)), cue.start)
                else:
                    span = _subject_span(par, _floor(par, s_start, cue.start), cue.start)
                    used.add(i)
                if span:
                    records.append(_Record(q_start, q_end, "direct", cue.form, quote, span))
                    direct_quotes.add(q_index)
                    continue
        if q_start == par.starts[k_first] or par.text[par.starts[k_first] : q_start].strip() == "":
            records.append(
                _Record(q_start, q_end, "direct", CONTINUATION_CUE, quote, continuation=True)
            )
            direct_quotes.add(q_index)
    # 2. reported speech, one record per clause
    for k in range(len(par.starts)):
        for c_start, c_end in _clauses(par, k):
            record = _clause_record(par, c_start, c_end, used, cut_at.get(par.starts[k]))
            if record:
                records.append(record)
    # 3. quotes neither direct nor inside a reported clause: unattributed
    for q_index, (q_start, q_end, inner_start, inner_end) in enumerate(par.quotes):
        if q_index in direct_quotes:
            continue
        if any(r.kind == "indirect" and r.pos <= q_start < r.end for r in records):
            continue
        quote = par.text[inner_start:inner_end].strip().rstrip(",").strip()
        records.append(_Record(q_start, q_end, "direct", "", quote, speaker_text=""))
    return sorted(records, key=lambda r: r.pos)


def _clause_record(
    par: _Paragraph, c_start: int, c_end: int, used: set[int], cut: int | None
) -> _Record | None:
    via_cut, via = _trailing_via(par, c_start, c_end)
    for i, cue in enumerate(par.cues):
        if not (c_start <= cue.start < via_cut) or i in used:
            continue
        if cue.kind == "according" and _opens_clause(par, c_start, cue.start):
            comma = par.text.find(",", cue.end, via_cut)
            if comma < 0:
                continue
            inner = _main_subject(par, comma + 1, via_cut)
            if inner and not any(par.cues.index(inner[0]) == j for j in used):
                return _complement_record(
                    par, inner[0], inner[1], via_cut, cut, par.text[cue.end : comma].strip()
                )
            return _Record(
                c_start,
                via_cut,
                "indirect",
                "according to",
                _clean(par.text[comma + 1 : via_cut]),
                (cue.end + 1, comma),
                via=via,
            )
        if cue.kind != "finite":
            continue
        span = _subject_span(par, _floor(par, c_start, cue.start), cue.start)
        if span is None:
            continue
        return _complement_record(par, cue, span, via_cut, cut, via)
    if via and via_cut > c_start:
        via_start = par.text.find(via, via_cut)
        text = _clean(par.text[c_start:via_cut])
        if len(text.split()) >= 3:
            cue_form = "according to" if "according" in par.text[via_cut:via_start] else "said"
            return _Record(
                c_start, via_cut, "indirect", cue_form, text, (via_start, via_start + len(via))
            )
    return None


def _opens_clause(par: _Paragraph, clause_start: int, pos: int) -> bool:
    lead = par.text[clause_start:pos].strip().rstrip(",").strip()
    return not lead or bool(_LEADING_CONNECTORS.fullmatch(lead))


def _complement_record(
    par: _Paragraph, cue: _Cue, span: tuple[int, int], end: int, cut: int | None, via: str
) -> _Record | None:
    start = cue.end
    that = _THAT.match(par.text, start, end)
    start = that.end() if that else start
    if cut is not None and start < cut < end:
        end = cut
    pre = ""
    if par.text[cue.end : cue.end + 1] == "," and par.text[: span[0]].rstrip().endswith(","):
        sentence_start, _ = par.sentence_bounds(span[0])
        pre = par.text[sentence_start : span[0]].rstrip().rstrip(",")
        start = cue.end + 1
    text = _clean((pre + ", " if pre else "") + par.text[start:end])
    if len(text.split()) < 3:
        return None
    return _Record(span[0], end, "indirect", cue.form, text, span, via=via)


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip().rstrip(",;").strip()


# ---------------------------------------------------------------- the step


def article_quotes(
    article_id: str, sentences: list[tuple[int, int, str]], mentions: list[tuple]
) -> list[tuple]:
    """Quote rows (QUOTE_COLUMNS) of one article.

    ``sentences``: (sentence_idx, paragraph_idx, text); ``mentions``: (sentence_idx,
    actor_id, start, end) with offsets into the sentence text.
    """
    paragraphs: dict[int, list[tuple[int, str]]] = {}
    for sentence_idx, paragraph_idx, text in sentences:
        paragraphs.setdefault(paragraph_idx, []).append((sentence_idx, text))
    by_sentence: dict[int, list[tuple]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention[0], []).append(mention)
    rows = []
    last: tuple[str, str, int] | None = None
    for paragraph_idx in sorted(paragraphs):
        items = paragraphs[paragraph_idx]
        idxs = {s for s, _ in items}
        par = _Paragraph(items, [m for k in sorted(idxs) for m in by_sentence.get(k, ())])
        records = _paragraph_records(par)
        subjects = _sentence_subjects(par)
        for record in records:
            k = par.sentence_of(record.pos)
            for subject_pos, subject, surface in subjects:
                if subject_pos < record.pos and (last is None or last[2] < _key(par, subject_pos)):
                    last = (subject, surface, _key(par, subject_pos))
            if record.continuation:
                same = last is not None and last[2] >= _key(par, 0)
                speaker_id, speaker = (last[0], last[1]) if same else ("", "")
            elif record.speaker_span is None:
                speaker_id, speaker = "", record.speaker_text
            else:
                speaker_id, speaker = _speaker(par, *record.speaker_span)
                if speaker.lower() in _PRONOUNS and last is not None:
                    speaker_id, speaker = last[0], last[1] or speaker
            if speaker_id or speaker:
                last = (speaker_id, speaker, _key(par, record.pos))
            rows.append(
                (
                    article_id,
                    par.idx[k],
                    speaker_id,
                    record.cue,
                    record.quote,
                    record.kind,
                    speaker,
                    par.idx[par.sentence_of(max(record.end - 1, record.pos))],
                    record.via,
                    paragraph_idx,
                    record.pos,
                )
            )
    rows.sort(key=lambda r: (r[1], r[9], r[10]))
    return [r[:9] for r in rows]


def _key(par: _Paragraph, pos: int) -> int:
    """A position comparable across paragraphs: sentence index, then offset."""
    k = par.sentence_of(pos)
    return par.idx[k] * 100000 + pos - par.starts[k]


def _sentence_subjects(par: _Paragraph) -> list[tuple[int, str, str]]:
    """Person mentions that open a sentence (outside quotes): candidates for "he"."""
    out = []
    for k, start in enumerate(par.starts):
        body = par.text[start : par.ends[k]]
        label = _LABEL.match(body)
        first = start + (label.end() if label and len(label.group(1).split()) <= 5 else 0)
        lead = _THE.match(par.text, first)
        for m_start, m_end, actor in par.mentions:
            if first <= m_start <= lead.end() and not _inside(m_start, par.quotes):
                out.append((m_start, actor, par.text[m_start:m_end]))
                break
    return out


def _rows(frame: pd.DataFrame, columns: list[str]):
    """The rows of some columns as plain tuples (fast: one list per column)."""
    return zip(*(frame[c].tolist() for c in columns), strict=True)


def find_quotes(
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    workers: int = 1,
) -> pd.DataFrame:
    """Direct and reported quotes of every article (QUOTE_COLUMNS), in article/sentence order.

    ``mentions`` is the output of ``helpers.actors.find_mentions``; ``articles`` is accepted
    for a uniform signature (only articles with sentences are read).
    """
    grouped: dict[str, list[tuple]] = {}
    for row in _rows(sentences, ["article_id", "sentence_idx", "paragraph_idx", "text"]):
        grouped.setdefault(row[0], []).append(row[1:])
    by_article: dict[str, list[tuple]] = {}
    for row in _rows(mentions, ["article_id", "sentence_idx", "actor_id", "start", "end"]):
        by_article.setdefault(row[0], []).append(row[1:])
    items = [(aid, rows, by_article.get(aid, [])) for aid, rows in grouped.items()]
    results = map_items(article_quotes, items, workers)
    frame = pd.DataFrame([r for rows in results for r in rows], columns=QUOTE_COLUMNS)
    return frame.sort_values(["article_id", "sentence_idx"], kind="stable").reset_index(drop=True)


def speaker_label(quotes: pd.DataFrame) -> pd.Series:
    """The actor's register name for named speakers, else the speaker's own description."""
    from helpers.actors import load_register

    names = load_register().set_index("actor_id")["name"]
    named = quotes["speaker_id"].map(names)
    return named.where(
        quotes["speaker_id"] != "",
        quotes["speaker"].where(quotes["speaker"] != "", "(unattributed)"),
    )


def quotes_by_speaker(quotes: pd.DataFrame) -> pd.DataFrame:
    """Direct and indirect quote counts per speaker, named actors and unnamed descriptions."""
    frame = quotes.assign(who=speaker_label(quotes))
    table = frame.pivot_table(
        index="who", columns="kind", values="quote", aggfunc="size", fill_value=0
    )
    for kind in ("direct", "indirect"):
        if kind not in table:
            table[kind] = 0
    table = table[["direct", "indirect"]]
    table["articles"] = frame.groupby("who")["article_id"].nunique()
    table.columns.name = None
    table.index.name = "speaker"
    return table.sort_values(["direct", "indirect"], ascending=False, kind="stable").astype(int)


def quotes_with_sentences(quotes: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The quotes with the speaker's name and the text of the sentence where each starts."""
    text = sentences.set_index(["article_id", "sentence_idx"])["text"]
    keys = list(zip(quotes["article_id"], quotes["sentence_idx"], strict=True))
    return quotes.assign(who=speaker_label(quotes), sentence=[text.get(k, "") for k in keys])[
        ["article_id", "sentence_idx", "who", "kind", "cue", "quote", "sentence"]
    ]
