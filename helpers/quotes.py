"""Quotes: who is quoted saying what, in direct quotes and in reported speech.

Work is per paragraph (its sentences joined), so a quote over several sentences is one
quote. Quote marks are found by ``helpers.quote_marks`` (double marks, or single ones in an
article that uses no double mark).

A direct quote is attributed from the words after it (``“...,” Pezeshkian said``,
``“...,” said the official``, ``“...” he said``) or before it (``Trump cautioned that
"..."``, ``claimed; “...”``, ``stressing that “...”``, ``Araghchi: “...”``). A quote with no
reporting words that opens a sentence continues the last speaker of its paragraph, or the
speaker of a direct quote in the paragraph before; a quote left open at the end of a
paragraph takes the speaker of the quote that opens the next one. Reported speech (``X
said that ...``, ``X insisted ...``, ``According to X, ...``) is ``kind=indirect`` with its
clause as the quote; quoted words inside that clause belong to it and are not a row of
their own. A second reporting verb joined by ", and" or ", but" starts a clause of its own.
A phrase in commas between subject and verb (``X, speaking on TV, said ...``) is skipped:
its subject is the speaker, not a quote before a trailing ``..., said Y``. A verb that
shares an earlier verb's subject ("X met the envoy and said ...", "X, who ... and
said ...") and a participle after a clause with no reporting verb ("X spoke to Y,
stressing ...") take that subject. ", according to X" after an attributed quote is its
``via``, not a statement of X's.
The speaker is an actor only when the actor is the head of the speaker phrase: "a close aide
to Pezeshkian" keeps ``speaker_id`` empty and the phrase as ``speaker``; "of" or "for"
inside a capitalised title do not count ("Secretary of State Marco Rubio"). Pronouns,
titles and epithets ("the president", "the 64-year-old") and documents ("the statement")
are resolved by ``helpers.speakers`` from the sentence subjects and speakers before them;
a speaker inside a subordinate clause ("hours before Netanyahu said ...") does not displace the
sentence's own subject there. Reporting verbs are read from ``helpers/data/speech_verbs.csv``.
"""

from __future__ import annotations

import csv
import io
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import attrgetter, itemgetter

import pandas as pd

from helpers.datafiles import read_data_text
from helpers.parallel import map_items
from helpers.quote_marks import has_double_marks, quote_spans
from helpers.speakers import SpeakerMemory, is_person_noun

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
COLON_CUE = "(colon)"
MAX_SUBJECT_WORDS = 8
MAX_HEAD_WORDS = 6
MAX_CONNECTOR_CHARS = 90
_KEY_BASE = 100000  # see _key

_ADVERB_WORDS = (
    "has have had is was were are will would did does do been also further then even "
    "once again later already still now today yesterday himself herself themselves itself"
).split()
_WEEKDAYS = ("Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun")
_PERIODS = ("week", "month", "year")
_ADVERB = (
    rf"(?:{'|'.join(_ADVERB_WORDS)}|[a-z]+ly|on\s+(?:{'|'.join(_WEEKDAYS)})day|"
    rf"(?:last|this|earlier\s+this)\s+(?:{'|'.join(_PERIODS)}))"
)
_ADVERBS_THAT = re.compile(rf"(?:\s+{_ADVERB})+(?=\s+that\b)")
_MAX_ADVERB_WORDS = 3  # "earlier this week"
_TRAILING_ADVERBS = re.compile(rf"(?:\s+{_ADVERB})+\s*$")
# The words an _ADVERB alternative can end with (besides [a-z]+ly)
_LAST_ADVERB_WORDS = frozenset([*_ADVERB_WORDS, *(d + "day" for d in _WEEKDAYS), *_PERIODS])
_LEADING_CONNECTORS = re.compile(
    r"^(?:however|and|but|so|yet|then|meanwhile|even\s+though|though|although|while|when|"
    r"as|because|since|if|after|before|instead|also)\b\s*",
    re.I,
)
_REPORT_WORDS = r"(?:report|reports|article|story|investigation|analysis|statement|post)"
_PREPOSITIONS = frozenset("to of for with by from at in on near close about against among".split())
_TITLE_PREPOSITIONS = frozenset(("of", "for"))
_RELATIVE = re.compile(r",?\s+(?:who|which|whose)\b.*$", re.S)
_LABEL = re.compile(r"^([^:]{1,60}):\s+")
_LETTERS = re.compile(r"[A-Za-z]+")
_HEAD_TAIL = re.compile(r"\s*(?:\([^)]*\)|himself|herself|itself)\s*$")
_REPORTED_AFTER = re.compile(rf"(?:\s*\([^)]*\))?\s+{_REPORT_WORDS}\b", re.I)
_REPORT_BY = re.compile(rf"\b{_REPORT_WORDS}\s+by\s+(?:the\s+)?$", re.I)
_PARTICIPLE_PART = re.compile(r"\s*[a-z]+ing\b")
_REPEATED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
_THAT = re.compile(r"\s*(?:that\b|[:;,])?\s*")
_CONNECTOR_GAP = re.compile(
    rf"\s*(?:[^\u201c\u201d\"]{{0,{MAX_CONNECTOR_CHARS}}}?\bthat\s*|[,:;]\s*|)"
)
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<spk>[^,;\u201c\u201d\"]{1,80}?)\s+as\s+saying\s*[:,]?\s*$")
_VIA_WORDS = ("said", "according", "told", "added", "reported", "say")  # the commonest first
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:while|whereas)\b)")
_JOINED_CLAUSE = re.compile(r",\s+(?:and|but)\s+")
_COLON_LABEL = re.compile(r"\s*(?P<spk>[^:;,.!?\u201c\u201d\"]{1,60}?)\s*:\s*")
_RELATIVE_OPENING = re.compile(r",\s+who\b[^,\u201c\u201d\"]*$")
# Words a subject noun phrase does not hold (a clause before ", said X" does)
_NOT_IN_SUBJECT = frozenset(
    "is are was were be been will would shall should can could may might must do does did "
    "has have had not no".split()
)
# Words that open a clause of their own after "X, he said,"
_CLAUSE_OPENERS = frozenset(
    "the a an this that these those his her its their our my your some any no every each such "
    "i you he she it we they there".split()
)
# Words that open a sentence with a phrase before its subject ("In Muscat, ...")
_OPENING_WORDS = _PREPOSITIONS | frozenset(
    "after before during within since despite following amid under over while when as once "
    "earlier later".split()
)
# Conjunctions that open a subordinate clause: a speaker after one is less salient than the
# sentence's own subject ("X ruled out talks hours before Y said ...")
_SUBORDINATORS = frozenset(
    "after before when while as since until once because although though whereas which".split()
)
# Words that do not stand in an apposition before a name, nor (with the prepositions but
# "of" and "for") in a title
_NOT_IN_APPOSITION = _NOT_IN_SUBJECT | frozenset(
    "and or but that which who whom whose than if because after before during since while "
    "when as once".split()
)
_NOT_IN_TITLE = _NOT_IN_APPOSITION | _OPENING_WORDS - _TITLE_PREPOSITIONS
_PARENTHETICAL_START = re.compile(r"\s*(?:[a-z]+ing|who|which|whose)\b")


@dataclass(slots=True)
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
def _cue_candidate_regex() -> re.Pattern:
    """A space before what looks like a reporting verb, in the byte form of ``_cue_matches``."""
    trie = _trie_pattern([*speech_verbs(), "According to"]).encode()
    return re.compile(b" (?=" + trie + rb"\b)")


# Byte table: ASCII letters, digits and "_" kept, every other byte a space.
_WORD_BYTES = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))


def _cue_matches(text: str) -> list[re.Match]:
    """The matches of ``_cue_regex()`` in the text, as ``finditer`` gives them, found faster.

    The regex is tried only where a cheap byte scan sees a candidate: the text as ASCII
    bytes (any other character one "?") with every non-word byte a space, behind one added
    space. A match of the regex starts after a non-word character or at the start and its
    words are ASCII letters separated by white space, so each match start is such a
    candidate; the candidates are taken left to right, skipping those inside the last
    match, exactly as ``finditer`` does.
    """
    regex = _cue_regex()
    words = b" " + text.encode("ascii", "replace").translate(_WORD_BYTES)
    out = []
    pos = 0
    for candidate in _cue_candidate_regex().finditer(words):
        start = candidate.start()  # the added space shifts offsets by one
        if start >= pos:
            m = regex.match(text, start)
            if m:
                out.append(m)
                pos = m.end()
    return out


@lru_cache(maxsize=1)
def _post_regexes() -> tuple[re.Pattern, re.Pattern]:
    finite = [f for f, k in speech_verbs().items() if k == "finite" and " " not in f]
    alt = _trie_pattern(finite)  # one word at most can match before \b or \s, as in a plain list
    inverted = re.compile(rf"^\s*,?\s*(?P<cue>{alt})\s+(?P<spk>[^,.;:\u201c\u201d\"]+)")
    normal = re.compile(
        rf"^\s*,?\s*(?P<spk>[^\u201c\u201d\";!?]{{1,160}}?)(?:\s+{_ADVERB})*\s+(?P<cue>{alt})\b"
    )
    return inverted, normal


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e, _, _ in spans)


def _cues(text: str, quotes: list[tuple[int, int, int, int]]) -> list[_Cue]:
    """Reporting-verb forms in the text, outside the quote spans."""
    matches = _cue_matches(text)
    if quotes:
        matches = [m for m in matches if not _inside(m.start(), quotes)]
    return [_Cue(m.start(), m.end(), *_cue_form(m.group())) for m in matches]


@lru_cache(maxsize=1024)
def _cue_form(surface: str) -> tuple[str, str]:
    """(form, kind) of a matched reporting verb: lower case, single spaces."""
    form = " ".join(surface.lower().split())
    return form, speech_verbs()[form]


def _may_quote(text: str, quotes: list, cues: list) -> bool:
    """Whether a paragraph can yield a quote row at all (a cheap, exact prefilter).

    Every record comes from a quote span (direct quotes), a cue (reported speech) or a
    trailing attribution found by ``_trailing_via``, which needs a comma and one of
    ``_VIA_WORDS`` in the text. A paragraph with none of the three gives no record, and a
    paragraph without records changes nothing else (the running "last speaker" is only
    updated while its records are written), so skipping it cannot change the result.
    """
    return bool(quotes or cues) or _may_via(text)


def _via_possible(par: _Paragraph) -> bool:
    """``_may_via`` of the paragraph's text, worked out once when first needed."""
    if par.via_possible is None:
        par.via_possible = _may_via(par.text)
    return par.via_possible


def _may_via(text: str) -> bool:
    """Whether a trailing attribution (``_TRAILING_VIA``) can be in the text at all."""
    if "," in text:
        for word in _VIA_WORDS:
            if word in text:
                return True
    return False


class _Paragraph:
    """One paragraph: joined text, sentence offsets, mentions and quote spans.

    ``mentions`` holds the article's mention tuples by sentence_idx; the paragraph keeps
    its own as (start, end, actor_id) offsets into its text, sorted.
    """

    def __init__(
        self,
        sentences: list[tuple[int, str]],
        mentions: dict[int, list[tuple]],
        text: str,
        quotes: list[tuple[int, int, int, int]],
        cues: list[_Cue],
    ):
        self.starts, self.ends, self.idx = [], [], []
        pos = 0
        for sentence_idx, sentence in sentences:
            self.starts.append(pos)
            self.idx.append(sentence_idx)
            pos += len(sentence)
            self.ends.append(pos)
            pos += 1
        self.text = text
        offset = dict(zip(self.idx, self.starts, strict=True))
        self.mentions = sorted(
            (start + a, start + b, actor)
            for k, start in offset.items()
            for _, actor, a, b in mentions.get(k, ())
        )
        self.mention_starts = [m[0] for m in self.mentions]
        self.quotes = quotes
        self.cues = cues
        self.via_possible: bool | None = None  # see _via_possible
        self.subjects: dict[int, tuple | None] = {}  # see _subject_of

    def sentence_of(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1 if pos >= 0 else 0

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        k = self.sentence_of(pos)
        return self.starts[k], self.ends[k]


# ---------------------------------------------------------------- speakers


def _speaker(par: _Paragraph, start: int, end: int) -> tuple[str, str]:
    """(speaker_id, description) for the speaker phrase text[start:end]."""
    phrase = par.text[start:end]
    cut = _RELATIVE.search(phrase) if "wh" in phrase else None
    if cut:
        end = start + cut.start()
        phrase = par.text[start:end]
    speaker_id = ""
    pos = start
    parts = []
    for part in phrase.split(","):
        parts.append((pos, pos + len(part)))
        pos += len(part) + 1
    first = bisect_left(par.mention_starts, start)
    last = bisect_right(par.mention_starts, end, first)
    inside = [m for m in par.mentions[first:last] if m[1] <= end]
    for a, b in parts if inside else ():
        head_end = None
        for m_start, m_end, actor in inside:
            if not (a <= m_start and m_end <= b):
                continue
            if head_end is None:
                head = par.text[a:b].rstrip()
                if head.endswith((")", "self")):  # what _HEAD_TAIL can take off
                    head = _HEAD_TAIL.sub("", head)
                head_end = a + len(head)
            if (m_end < head_end and not _REPORTED_AFTER.match(par.text, m_end, b)) or par.text[
                m_end : m_end + 2
            ] in ("'s", "\u2019s"):
                continue
            if m_start > a:  # words before the mention: no preposition may govern it
                before_text = par.text[a:m_start]
                if _governed_by_preposition(before_text) and not _REPORT_BY.search(before_text):
                    continue
            speaker_id = actor
            break
        if speaker_id:
            break
    kept = [
        par.text[a:b].strip()
        for n, (a, b) in enumerate(parts)
        if (par.text.find("ing", a, b) < 0 or not _PARTICIPLE_PART.match(par.text, a, b))
        and not (n and _first_word(par.text, a, b) in _PREPOSITIONS)
    ]
    description = kept[0] if len(kept) == 1 else ", ".join(k for k in kept if k)
    if len(description.split(None, 1)) > 1:  # a repeated word needs two words
        description = _REPEATED_WORD.sub(_first_group, description)
    lead = _leading_connector(description)
    if lead:
        description = description[lead.end() :]
    return speaker_id, description.strip()


def _governed_by_preposition(before: str) -> bool:
    """Whether a preposition in the words before a mention makes it the object of a phrase.

    "a close aide to Pezeshkian" does; "of" or "for" between capitalised words of a title
    ("Secretary of State Marco Rubio", "Minister of Foreign Affairs ...") does not.
    """
    words = _LETTERS.findall(before)
    for n, word in enumerate(words):
        low = word.lower()
        if low not in _PREPOSITIONS:
            continue
        if low in _TITLE_PREPOSITIONS and n and words[n - 1][0].isupper():
            following = words[n + 1 : n + 3]
            if following and following[0] == "the":
                following = following[1:]
            if following and following[0][0].isupper():
                continue
        return True
    return False


def _first_word(text: str, start: int, end: int) -> str:
    """The first word of text[start:end] ("" when there is none)."""
    words = text[start:end].split(None, 1)
    return words[0] if words else ""


def _connects(gap: str) -> bool:
    """Whether the words between a cue and a quote connect them (``_CONNECTOR_GAP``).

    The first branch needs the gap to end with "that" (and white space); otherwise only the
    last two can match: white space around at most one of ",:;" (``str.strip`` removes
    what ``\\s`` matches).
    """
    if gap.rstrip().endswith("that"):
        return _CONNECTOR_GAP.fullmatch(gap) is not None
    return gap.strip() in ("", ",", ":", ";")


# What can start a _LEADING_CONNECTORS match: the connectors' first letters in either case,
# and the characters IGNORECASE also lets match "s" and "i" (long s, dotless and dotted I)
_CONNECTOR_STARTS = frozenset("abehimstwyABEHIMSTWY\u017f\u0131\u0130")


def _leading_connector(text: str) -> re.Match | None:
    """``_LEADING_CONNECTORS.match(text)``, skipped when the first character rules it out."""
    return _LEADING_CONNECTORS.match(text) if text[:1] in _CONNECTOR_STARTS else None


def _first_group(match: re.Match) -> str:
    return match.group(1)


def _without_relative(text: str) -> str:
    """The text without a relative clause (", who ...")."""
    return _RELATIVE.sub("", text) if "wh" in text else text


def _ends_with_adverb(text: str) -> bool:
    """Whether ``_TRAILING_ADVERBS`` can match: the text's last word must end an _ADVERB."""
    last = text.rsplit(None, 1)[-1] if text else ""
    if last in _LAST_ADVERB_WORDS:
        return True
    ascii_word = last.isascii() and last.isalpha() and last.islower()
    return ascii_word and len(last) > 2 and last.endswith("ly")  # [a-z]+ly


def _drop_trailing_adverbs(text: str) -> str:
    """``_TRAILING_ADVERBS.sub("", text).rstrip()`` for a right-stripped text, from the right.

    The match starts at the leftmost white-space run from which the rest of the text is all
    adverbs. Runs are tried from the last one leftwards; an adverb spans at most
    ``_MAX_ADVERB_WORDS`` words, so after that many failures in a row none further left
    can succeed.
    """
    cut = None
    misses = 0
    head = text
    while True:
        parts = head.rsplit(None, 1)  # the head without its last word and the space before
        if len(parts) == 2:
            start = len(parts[0])
        elif head[:1].isspace():
            start = 0
        else:
            break
        if _TRAILING_ADVERBS.match(text, start):
            cut, misses = start, 0
        else:
            misses += 1
            if misses == _MAX_ADVERB_WORDS:
                break
        if len(parts) < 2:
            break
        head = parts[0]
    return text if cut is None else text[:cut].rstrip()


def _label(text: str) -> re.Match | None:
    """A short label opening the text ("Analysis: ..."); cheap when there is no colon."""
    return _LABEL.match(text) if ":" in text[:61] else None


def _subject_span(par: _Paragraph, floor: int, cue_start: int) -> tuple[int, int] | None:
    """The speaker phrase right before a reporting verb, or None when there is none."""
    stripped = par.text[floor:cue_start].rstrip()
    if _ends_with_adverb(stripped):
        stripped = _drop_trailing_adverbs(stripped)
    if not stripped:
        return None
    appositive = stripped.endswith(",")
    body = stripped.rstrip(",").rstrip()
    end = floor + len(body)
    label = _label(body)
    base = floor
    if label:
        base += label.end()
        body = body[label.end() :]
    commas = body.count(",")
    if appositive and commas < 1:
        return None
    take = 2 if appositive else 1
    phrase_start = base  # after the last comma, or the one before it for an appositive
    if commas >= take:
        cut = body.rfind(",")
        if take == 2:
            cut = body.rfind(",", 0, cut)
        phrase_start += cut + 1
    phrase = par.text[phrase_start:end]
    unindented = phrase.lstrip()
    lead = _leading_connector(unindented)
    offset = len(phrase) - len(unindented) + (lead.end() if lead else 0)
    phrase_start += offset
    phrase = phrase[offset:]
    words = phrase.split()
    if take == 1 and not _SUBORDINATORS.isdisjoint(w.lower() for w in words):
        # "... hours before Netanyahu said": the speaker is the subordinate clause's subject
        opening = [m for m in re.finditer(r"\S+", phrase) if m.group().lower() in _SUBORDINATORS]
        phrase_start += opening[-1].end()
        phrase = phrase[opening[-1].end() :]
        phrase_start += len(phrase) - len(phrase.lstrip())
        phrase = phrase.lstrip()
        words = phrase.split()
    if take == 1 and commas and words and words[0].lower() in ("and", "or"):
        return None
    if not words or words[-1].lower() in {"and", "or", "to", "that", "which", "who", "but"}:
        return None
    if take == 2:  # the head is the part before the appositive's comma
        if len(_without_relative(phrase.split(",")[0]).split()) > MAX_HEAD_WORDS:
            return None
    else:  # the phrase starts after the last comma, so it is all head
        head = _without_relative(phrase).split() if "wh" in phrase else words
        if len(head) > MAX_SUBJECT_WORDS:
            return None
    return phrase_start, phrase_start + len(phrase)


def _shared_subject(
    par: _Paragraph, floor: int, cue_start: int, records: list
) -> tuple[int, int] | None:
    """The speaker of a reporting verb that shares the subject of an earlier verb.

    "X, who thanked him and said ..." and "X, who said ...": X, the name before the
    relative clause. "X met the envoy and said ...", or a verb opening a clause of its
    own ("..., and told reporters ..."): the speaker of an earlier record of the same
    sentence, else the actor the sentence opens with (``_sentence_subjects``).
    """
    before = par.text[floor:cue_start].rstrip()
    if _ends_with_adverb(before):
        before = _drop_trailing_adverbs(before)
    relative = _RELATIVE_OPENING.search(before)
    if relative and before.endswith(("who", "and", "but")):
        _, sentence_end = par.sentence_bounds(cue_start)
        if any(cue_start < c.start < sentence_end and c.kind == "finite" for c in par.cues):
            return None  # "X, who has said ..., told ...": the later verb is X's own
        antecedent = floor + relative.start()
        named = [m for m in par.mentions if m[1] == antecedent]
        if named:
            return named[0][0], named[0][1]
        return _subject_span(par, floor, antecedent)
    if before and not before.endswith((" and", " but")) and before not in ("and", "but"):
        return None
    s_start, _ = par.sentence_bounds(cue_start)
    earlier = [r for r in records if r.speaker_span and s_start <= r.speaker_span[0] < cue_start]
    if earlier:
        return earlier[-1].speaker_span
    subject = _subject_of(par, par.sentence_of(cue_start))
    if subject and subject[1] < cue_start:
        return subject[0], subject[2]
    return None


# ---------------------------------------------------------------- records


@dataclass(slots=True)
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
    cue_at: int = -1  # where the reporting verb of a direct quote is
    runs_on: bool = False  # a quote never closed before the end of the paragraph


def _post_attribution(par: _Paragraph, close: int):
    """Speaker phrase and cue right after a closing quote mark, in the same sentence."""
    _, sentence_end = par.sentence_bounds(close - 1)
    nxt = next((q[0] for q in par.quotes if q[0] >= close), len(par.text))
    tail_end = min(sentence_end, nxt)
    if not any(close <= cue.start < tail_end for cue in par.cues):
        return None  # both patterns need a reporting verb in the tail, i.e. a cue there
    tail = par.text[close:tail_end]
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
            if not _SUBORDINATORS.isdisjoint(par.text[span[0] : span[1]].lower().split()):
                continue  # '"...," hours before X said': a new clause, not the attribution
            spk_start, spk_end = span
        else:
            spk_end = spk_start + len(spk)
        cue_start, cue_end = close + m.start("cue"), close + m.end("cue")
        return (spk_start, spk_end), m.group("cue").lower(), (cue_start, cue_end)
    return None


def _colon_speaker(par: _Paragraph, start: int, q_start: int) -> tuple[int, int] | None:
    """A speaker named before a colon that opens a quote ("Araghchi: “...”"): a short phrase
    that names an actor or ends with a person noun ("Iran's foreign minister: ...")."""
    if par.text.find(":", start, q_start) < 0:
        return None
    label = _COLON_LABEL.fullmatch(par.text, start, q_start)
    if not label:
        return None
    a, b = label.span("spk")
    words = par.text[a:b].split()
    if len(words) > MAX_HEAD_WORDS:
        return None
    if any(a <= m[0] and m[1] <= b for m in par.mentions):
        return a, b
    return (a, b) if _title_words(words) and is_person_noun(words[-1]) else None


def _main_subject(par: _Paragraph, clause_start: int, before: int):
    """The first finite cue with a speaker phrase in a clause, before ``before``."""
    for cue in par.cues:
        if clause_start <= cue.start < before and cue.kind == "finite":
            span = _subject_span(par, _floor(par, clause_start, cue.start), cue.start)
            if span:
                return cue, span
    return None


def _participle_subject(
    par: _Paragraph, cue_start: int, records: list[_Record]
) -> tuple[int, int] | None:
    """The speaker of a participle set off by a comma after a clause with no reporting verb
    of its own: the speaker of a quote before it in the sentence ("“...,” X said, adding
    that ..."), else the sentence's subject ("X met Y in Oslo, insisting that ..."), else
    the title or description the sentence opens with ("the Supreme Leader")."""
    if not par.text[:cue_start].rstrip().endswith(","):
        return None
    k = par.sentence_of(cue_start)
    quoted = [r for r in records if r.speaker_span and par.starts[k] <= r.cue_at < cue_start]
    if quoted:
        return quoted[-1].speaker_span
    subject = _subject_of(par, k)
    if subject:
        return (subject[0], subject[2]) if subject[2] <= cue_start else None
    start = _after_opening_phrase(par, par.starts[k], par.ends[k])
    if _inside(start, par.quotes):
        return None
    words = list(re.finditer(r"\S+", par.text[start:cue_start]))
    taken = [w.group() for w in words]
    n = 0
    while n < len(taken) and _title_words(taken[: n + 1]):
        n += 1
    last = taken[n - 1] if n else ""
    if not last or not ((n > 1 and last[:1].isupper()) or is_person_noun(last)):
        return None  # a capital that only opens the sentence makes no title
    return start, start + words[n - 1].end()


def _floor(par: _Paragraph, clause_start: int, pos: int) -> int:
    if not par.quotes:
        return clause_start
    ends = [e for s, e, _, _ in par.quotes if clause_start <= s and e <= pos]
    return max([clause_start, *ends])


def _clauses(par: _Paragraph, k: int) -> list[tuple[int, int]]:
    """The clauses of sentence k: cut at ";", ", while", ", whereas", and before a second
    reporting verb joined by ", and" or ", but" (``_second_report``)."""
    start, end = par.starts[k], par.ends[k]
    breaks = (
        par.text.find(";", start, end) >= 0
        or par.text.find("while", start, end) >= 0
        or par.text.find("whereas", start, end) >= 0
    )  # else _CLAUSE_BREAK cannot match
    cuts = []  # (end of a clause, start of the next)
    if breaks:
        cuts += [(m.end(), m.end()) for m in _CLAUSE_BREAK.finditer(par.text, start, end)
                 if not _inside(m.start(), par.quotes)]
    if par.text.find(", and ", start, end) >= 0 or par.text.find(", but ", start, end) >= 0:
        cuts += [(m.start(), m.end()) for m in _JOINED_CLAUSE.finditer(par.text, start, end)
                 if not _inside(m.start(), par.quotes) and _second_report(par, m.end(), end)]
    if not cuts:
        return [(start, end)]
    cuts.sort()
    ends = [c[0] for c in cuts] + [end]
    starts = [start] + [c[1] for c in cuts]
    return list(zip(starts, ends, strict=True))


def _second_report(par: _Paragraph, start: int, end: int) -> bool:
    """Whether the words from ``start`` are a reporting clause of their own: a finite
    reporting verb after nothing or after a short subject ("..., and the foreign
    minister said he ...", "..., but warned that ...")."""
    cue = next((c for c in par.cues if start <= c.start < end), None)
    if cue is None or cue.kind != "finite":
        return False
    between = par.text[start : cue.start]
    if not between.strip():
        return True
    if "," in between or any(start <= q[0] < cue.start for q in par.quotes):
        return False
    span = _subject_span(par, start, cue.start)
    return span is not None and not par.text[start : span[0]].strip()


def _contains(word: str):
    return lambda text: word in text


def _verb_ends(text: str) -> bool:
    """A reporting verb ends the text, before at most a full stop and a line break."""
    tail = text[-12:]
    return "said" in tail or "say" in tail or "reported" in tail or "added" in tail


def _told_ends(text: str) -> bool:
    """Some "told" is followed by white space, a capital and at most 62 more characters."""
    i = text.find("told")
    while i >= 0:
        rest = text[i + 4 :]
        name = rest.lstrip()
        if len(name) < len(rest) and len(name) <= 63 and "A" <= name[:1] <= "Z":
            return True
        i = text.find("told", i + 1)
    return False


_SAID = _contains("said")
# (a cheap test the text passes whenever the pattern matches, the pattern)
_TRAILING_VIA = [
    (
        _contains("according"),
        re.compile(
            r",\s*according\s+to\s+"
            r"(?P<via>[^,\u201c\u201d\"]+?(?:,\s*(?:who|which)\b[^\u201c\u201d\"]*?)?)[.]?$"
        ),
    ),
    (
        _SAID,
        re.compile(r",\s*said\s+(?P<via>[^,\u201c\u201d\"]+?)(?:,[^\u201c\u201d\"]*)?[.]?$"),
    ),
    (
        _verb_ends,
        re.compile(
            r",\s*(?P<via>[^,\u201c\u201d\"]{2,80}?)\s+(?:said|say|says|reported|added)[.]?$"
        ),
    ),
    (
        _told_ends,
        re.compile(
            r",\s*(?P<via>[^,\u201c\u201d\"]{2,80}?)\s+told\s+[A-Z][^,\u201c\u201d\"]{1,60}?[.]?$"
        ),
    ),
]


def _trailing_via(par: _Paragraph, start: int, end: int) -> tuple[int, str]:
    """A closing attribution (", the sources told X." / ", according to X."): (cut, via)."""
    if par.text.find(",", start, end) < 0 or not _via_possible(par):
        return end, ""
    text = par.text[start:end]
    for possible, regex in _TRAILING_VIA:
        if possible(text):
            m = regex.search(text)
            if m and not _inside(start + m.start(), par.quotes):
                if possible is _SAID and _parenthetical_subject(par, start, start + m.start()):
                    continue
                return start + m.start(), m.group("via").strip()
    return end, ""


def _parenthetical_subject(par: _Paragraph, start: int, comma: int) -> bool:
    """Whether text[start:comma] ends with a subject and a parenthetical set off by commas.

    "Araghchi, in a post on X, said Tehran ..." reads as a speaker, not as a quote before
    ", said X": the part after the last comma is a parenthetical (a participle, preposition
    or relative phrase, or an apposition with an actor mention on either side) and the part
    before it is a short noun phrase (no auxiliary verb or negation in it).
    """
    last = par.text.rfind(",", start, comma)
    if last < 0:
        return False
    head_start = par.text.rfind(",", start, last) + 1 or start
    head = par.text[head_start:last].split()
    if not head or len(head) > MAX_HEAD_WORDS:
        return False
    if any(word.lower() in _NOT_IN_SUBJECT for word in head):
        return False
    paren = par.text[last + 1 : comma].split()
    if not paren:
        return False
    if paren[0] in _PREPOSITIONS or _PARENTHETICAL_START.match(paren[0]):
        return True
    first = bisect_left(par.mention_starts, head_start)
    return first < len(par.mentions) and par.mentions[first][1] <= comma


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
            records.append(_Record(q_start, q_end, "direct", cue_form, quote, span, cue_at=c_start))
            direct_quotes.add(q_index)
            continue
        s_start, _ = par.sentence_bounds(q_start)
        prev_end = max([s_start, *[e for s, e, _, _ in par.quotes if e <= q_start]])
        quoted_as = (
            _QUOTED_AS.search(par.text, prev_end, q_start)
            if par.text.find("quoted", prev_end, q_start) >= 0
            else None
        )
        if quoted_as:
            span = (quoted_as.start("spk"), quoted_as.end("spk"))
            records.append(_Record(q_start, q_end, "direct", "quoted as saying", quote, span))
            direct_quotes.add(q_index)
            continue
        colon = _colon_speaker(par, prev_end, q_start)
        if colon:
            records.append(_Record(q_start, q_end, "direct", COLON_CUE, quote, colon))
            direct_quotes.add(q_index)
            continue
        before = [
            (i, c) for i, c in enumerate(par.cues) if prev_end <= c.start and c.end <= q_start
        ]
        if before:
            i, cue = before[-1]
            gap = par.text[cue.end : q_start]
            if _connects(gap):
                if cue.kind == "participle":
                    main = _main_subject(par, s_start, cue.start)
                    span = main[1] if main else _participle_subject(par, cue.start, records)
                    cut_at[s_start] = min(cut_at.get(s_start, len(par.text)), cue.start)
                else:
                    floor = _floor(par, s_start, cue.start)
                    span = _subject_span(par, floor, cue.start) or _shared_subject(
                        par, floor, cue.start, records
                    )
                    used.add(i)
                if span:
                    records.append(
                        _Record(q_start, q_end, "direct", cue.form, quote, span, cue_at=cue.start)
                    )
                    direct_quotes.add(q_index)
                    continue
        if q_start == par.starts[k_first] or par.text[par.starts[k_first] : q_start].strip() == "":
            records.append(
                _Record(q_start, q_end, "direct", CONTINUATION_CUE, quote, continuation=True)
            )
            direct_quotes.add(q_index)
    # 2. reported speech, one record per clause; without a cue, only a trailing attribution
    # gives one, and that needs a comma in the sentence and a via word in the paragraph
    with_cue = {bisect_right(par.starts, cue.start) - 1 for cue in par.cues}
    for k, (start, end) in enumerate(zip(par.starts, par.ends, strict=True)):
        if k not in with_cue and (par.text.find(",", start, end) < 0 or not _via_possible(par)):
            continue
        for c_start, c_end in _clauses(par, k):
            record = _clause_record(
                par, c_start, c_end, used, cut_at.get(par.starts[k]), records
            )
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
    text_end = len(par.text.rstrip())
    left_open = {q[0] for q in par.quotes if q[1] == q[3] and q[1] >= text_end}
    for record in records:
        record.runs_on = record.kind == "direct" and record.pos in left_open
    return sorted(records, key=attrgetter("pos"))


def _clause_record(
    par: _Paragraph, c_start: int, c_end: int, used: set[int], cut: int | None,
    records: list[_Record],
) -> _Record | None:
    via_cut, via = _trailing_via(par, c_start, c_end)
    shared = None  # a verb sharing an earlier verb's subject, when no verb has its own
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
        floor = _floor(par, c_start, cue.start)
        span = _subject_span(par, floor, cue.start)
        if span is not None:
            return _complement_record(par, cue, span, via_cut, cut, via)
        if shared is None:
            span = _shared_subject(par, floor, cue.start, records)
            shared = (cue, span) if span else None
    if shared is not None:
        return _complement_record(par, shared[0], shared[1], via_cut, cut, via)
    for i, cue in enumerate(par.cues):
        if c_start <= cue.start < via_cut and i not in used and cue.kind == "participle":
            span = _participle_subject(par, cue.start, records)
            if span:
                return _complement_record(par, cue, span, via_cut, cut, via)
    if via and via_cut > c_start:
        quoted = [r for r in records if r.kind == "direct" and c_start <= r.cue_at < via_cut]
        if quoted:  # "“...,” X said, according to state media": the quote's source
            quoted[-1].via = quoted[-1].via or via
            return None
        via_start = par.text.find(via, via_cut)
        text = _clean(par.text[c_start:via_cut])
        if _word_count(text) >= 3:
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
    adverbs = _ADVERBS_THAT.match(par.text, start, end)
    if adverbs:  # "said on Sunday that ..."
        start = adverbs.end()
    that = _THAT.match(par.text, start, end)
    start = that.end() if that else start
    if cut is not None and start < cut < end:
        end = cut
    pre = ""
    if par.text[cue.end : cue.end + 1] == "," and par.text[: span[0]].rstrip().endswith(","):
        sentence_start, _ = par.sentence_bounds(span[0])
        pre = par.text[sentence_start : span[0]].rstrip().rstrip(",")
        start = cue.end + 1
    rest = par.text[start:end]
    text = _clean((pre + _joiner(pre, rest) if pre else "") + rest)
    if _word_count(text) < 3:
        return None
    return _Record(span[0], end, "indirect", cue.form, text, span, via=via)


def _joiner(before: str, rest: str) -> str:
    """How the words ``before`` a cut-out reporting clause join the words after it (``rest``).

    "This potential conflict, Pezeshkian warned, could severely disrupt ..." reads "This
    potential conflict could ...": when ``rest`` goes on with a verb or adverb, ``before`` is
    its subject and the two commas only set off the clause. When ``rest`` opens a clause of
    its own (a capitalised word, a determiner, a pronoun, "there", a number), or ``before``
    opens with a preposition or connector, ``before`` is an opening phrase that keeps its
    comma ("Despite the grave warnings, Khamenei remained ...", "No, Iran will not ...").
    """
    first = rest.split(None, 1)[0] if rest.strip() else ""
    opener = before.split(None, 1)[0].lower() if before.strip() else ""
    if (not first or first[0].isupper() or first[0].isdigit()
            or first.lower() in _CLAUSE_OPENERS or opener in _PREPOSITIONS
            or _leading_connector(before.strip())):
        return ", "
    return " "


def _word_count(cleaned: str) -> int:
    """``len(cleaned.split())`` for a ``_clean`` result: its words are one space apart."""
    return cleaned.count(" ") + 1 if cleaned else 0


def _clean(text: str) -> str:
    """Runs of white space as one space (``str.split`` splits on what ``\\s`` matches)."""
    return " ".join(text.split()).rstrip(",;").strip()


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
    rows: list[list] = []
    memory = SpeakerMemory()
    single_marks = not any(has_double_marks(text) for _, _, text in sentences)
    previous_key = -1
    running_on: list[int] = []  # rows of a quote left open at the end of the last paragraph
    for paragraph_idx in sorted(paragraphs):
        items = paragraphs[paragraph_idx]
        text = " ".join(map(itemgetter(1), items))
        quotes = quote_spans(text, single_marks)
        cues = _cues(text, quotes)
        may_quote = _may_quote(text, quotes, cues)
        if may_quote or any(idx in by_sentence for idx, _ in items):
            par = _Paragraph(items, by_sentence, text, quotes, cues)
            records = _paragraph_records(par) if may_quote else []
            running_on = _attribute(
                par, records, memory, previous_key, running_on, rows, (article_id, paragraph_idx)
            )
        else:
            running_on = []  # nothing to attribute, nobody to remember
        previous_key = items[0][0] * _KEY_BASE
    rows.sort(key=itemgetter(1, 9, 10))
    return [tuple(r[:9]) for r in rows]


def _attribute(
    par: _Paragraph,
    records: list[_Record],
    memory: SpeakerMemory,
    previous_key: int,
    running_on: list[int],
    rows: list[list],
    where: tuple[str, int],
) -> list[int]:
    """Append the paragraph's rows, telling ``memory`` its mentions, subjects and speakers.

    ``running_on``: rows of a quote the paragraph before left open at its end; when this
    paragraph opens with an attributed quote, that is the same speaker's. Returns the rows
    of a quote this paragraph leaves open at its end.
    """
    for m_start, _, actor in par.mentions:
        if not _inside(m_start, par.quotes):
            memory.mention(actor, _key(par, m_start), par.idx[par.sentence_of(m_start)])
    subjects = iter(_sentence_subjects(par))
    subject = next(subjects, None)
    paragraph_key = _key(par, 0)
    left_open = []
    for record in records:
        k = par.sentence_of(record.pos)
        while subject is not None and subject[0] < record.pos:
            _remember_subject(memory, par, subject)
            subject = next(subjects, None)
        if record.continuation:
            speaker_id, speaker = memory.continuation(paragraph_key, previous_key)
        elif record.speaker_span is None:
            speaker_id, speaker = "", record.speaker_text
        else:
            speaker_id, speaker = _speaker(par, *record.speaker_span)
            speaker_id, speaker = memory.resolve(
                speaker_id, speaker, _key(par, record.speaker_span[0]), par.idx[k]
            )
            if running_on and record.kind == "direct" and not par.text[: record.pos].strip():
                for i in running_on:
                    rows[i][2], rows[i][6] = speaker_id, speaker
        running_on = []
        if not _minor_speaker(par, record, speaker_id):
            memory.speaker(
                speaker_id, speaker, _key(par, record.pos), par.idx[k], record.kind == "direct"
            )
        last_k = k if record.end <= par.ends[k] else par.sentence_of(record.end - 1)
        row = [where[0], par.idx[k], speaker_id, record.cue, record.quote, record.kind,
               speaker, par.idx[last_k], record.via, where[1], record.pos]
        left_open = [len(rows)] if record.runs_on else []
        rows.append(row)
    while subject is not None:
        _remember_subject(memory, par, subject)
        subject = next(subjects, None)
    return left_open


def _minor_speaker(par: _Paragraph, record: _Record, speaker_id: str) -> bool:
    """A speaker in a subordinate clause of a sentence whose subject is another actor: not
    the one a later "he" or "the veteran cleric" points to."""
    span = record.speaker_span
    if span is None:
        return False
    named = [m[0] for m in par.mentions if m[2] == speaker_id and span[0] <= m[0] < span[1]]
    if not _after_subordinator(par, named[0] if named else span[0]):
        return False
    subject = _subject_of(par, par.sentence_of(span[0]))
    return subject is not None and subject[3] != speaker_id


def _remember_subject(memory: SpeakerMemory, par: _Paragraph, subject: tuple) -> None:
    pos, actor, surface = subject
    memory.subject(actor, surface, _key(par, pos), par.idx[par.sentence_of(pos)])


def _key(par: _Paragraph, pos: int) -> int:
    """A position comparable across paragraphs: sentence index, then offset."""
    k = par.sentence_of(pos)
    return par.idx[k] * _KEY_BASE + pos - par.starts[k]


def _sentence_subjects(par: _Paragraph) -> list[tuple[int, str, str]]:
    """(position, actor_id, surface) of the actor each sentence is about: its subject
    (``_subject_of``), else the subject of a clause in it ("... after Trump announced ...")."""
    out = []
    if not par.mentions:
        return out
    for k in range(len(par.starts)):
        subject = _subject_of(par, k)
        if subject:
            _, m_start, m_end, actor = subject
            out.append((m_start, actor, par.text[m_start:m_end]))
            continue
        j = bisect_left(par.mention_starts, par.starts[k])
        for m_start, m_end, actor in par.mentions[j:]:
            if m_start >= par.ends[k]:
                break
            if _subordinate_subject(par, m_start, m_end):
                out.append((m_start, actor, par.text[m_start:m_end]))
                break
    return out


def _subject_of(par: _Paragraph, k: int) -> tuple[int, int, int, str] | None:
    """``_sentence_subject`` of sentence k, worked out once per paragraph and sentence."""
    if k not in par.subjects:
        par.subjects[k] = _sentence_subject(par, k)
    return par.subjects[k]


def _sentence_subject(par: _Paragraph, k: int) -> tuple[int, int, int, str] | None:
    """The actor sentence k opens with: (phrase start, mention start, end, actor_id).

    That is the sentence's first mention outside quotes that is not a possessive, when
    before it (after a label and an opening phrase set off by a comma: "In Muscat, ...",
    "Speaking on state TV, ...") come only a title ("President", "US Secretary of State",
    "hard-line cleric") or an apposition ("Iran's foreign minister, Abbas Araghchi"). These
    are the candidates for a later "he" or "the president".
    """
    start, end = par.starts[k], par.ends[k]
    j = bisect_left(par.mention_starts, start)
    if j == len(par.mentions) or par.mention_starts[j] >= end:
        return None  # no mention in the sentence
    first = start
    if par.text.find(":", start, start + 61) >= 0:  # else no label (see _label)
        label = _label(par.text[start:end])
        if label and len(label.group(1).split()) <= 5:
            first += label.end()
    first = _after_opening_phrase(par, first, end)
    j = bisect_left(par.mention_starts, first)  # mentions are sorted by start
    while j < len(par.mentions) and par.mention_starts[j] < end:
        m_start, m_end, actor = par.mentions[j]
        j += 1
        if _inside(m_start, par.quotes):
            return None
        if _possessive(par, m_end):
            continue  # "Iran's foreign minister, ..."
        return (first, m_start, m_end, actor) if _subject_prefix(par, first, m_start) else None
    return None


def _possessive(par: _Paragraph, end: int) -> bool:
    """Whether "'s" follows ``end``."""
    return par.text[end : end + 2] in ("'s", "\u2019s")


def _subordinate_subject(par: _Paragraph, m_start: int, m_end: int) -> bool:
    """Whether a mention opens a clause after a conjunction ("after Trump announced")."""
    after = par.text[m_end : m_end + 2]
    if len(after) < 2 or after[0] != " " or not after[1].islower():
        return False
    return not _inside(m_start, par.quotes) and _after_subordinator(par, m_start)


def _after_subordinator(par: _Paragraph, pos: int) -> bool:
    """Whether the word before ``pos`` in its sentence (titles skipped) is a conjunction
    that opens a subordinate clause ("after", "when", "which", ...)."""
    s_start, _ = par.sentence_bounds(pos)
    words = par.text[max(s_start, pos - 120) : pos].split()  # a title is not that long
    while words and (words[-1][:1].isupper() or words[-1] == "the"):
        words.pop()
    return bool(words) and words[-1].lower() in _SUBORDINATORS


def _after_opening_phrase(par: _Paragraph, first: int, end: int) -> int:
    """Where a sentence's subject can start: after opening phrases set off by commas."""
    for _ in range(2):
        words = par.text[first:end].split(None, 1)
        word = words[0].rstrip(",").lower() if words else ""
        opener = word in _OPENING_WORDS or (len(word) > 4 and word.endswith(("ing", "ly")))
        if not opener and not _leading_connector(word):
            break
        j = bisect_left(par.mention_starts, first)
        if j < len(par.mentions) and par.mention_starts[j] == first:
            break  # a name ("Xi Jinping, ...") opens no phrase
        comma = par.text.find(",", first, end)
        if comma < 0 or _inside(comma, par.quotes) or _word_count(par.text[first:comma]) > 20:
            break
        first = comma + 1
        while first < end and par.text[first].isspace():
            first += 1
    return first


def _subject_prefix(par: _Paragraph, first: int, pos: int) -> bool:
    """Whether text[first:pos] is all title or apposition before a subject (_sentence_subjects)."""
    prefix = par.text[first:pos]
    if not prefix.strip():
        return True
    if any(first <= q[0] < pos for q in par.quotes):
        return False
    if any(first <= c.start < pos for c in par.cues):
        return False
    head, comma, tail = prefix.rpartition(",")
    if comma:  # an apposition: "Iran's foreign minister, [Gen.] NAME"
        head_words = head.split()
        if "," in head or not head_words or len(head_words) > MAX_SUBJECT_WORDS:
            return False
        if any(w.lower().strip(",") in _NOT_IN_APPOSITION for w in head_words):
            return False
        return _title_words(tail.split())
    return _title_words(prefix.split())


def _title_words(words: list[str]) -> bool:
    """Whether words before a name read as a title: capitalised words, possessives, a first
    "the", "of"/"for" (and a "the" after it) inside a capitalised title, and at most three
    lower-case words of which the last is a person noun ("hard-line cleric")."""
    lower = []
    for n, word in enumerate(words):
        if word[:1].isupper() or word[:1].isdigit() or word.endswith(("'s", "\u2019s")):
            continue
        if word == "the" and (n == 0 or words[n - 1] in _TITLE_PREPOSITIONS):
            continue
        if word in _TITLE_PREPOSITIONS and 0 < n < len(words) - 1 and words[n - 1][:1].isupper():
            continue
        lower.append(word.lower().strip(",."))
    if not lower:
        return True
    if len(lower) > 3 or any(w in _NOT_IN_TITLE for w in lower):
        return False
    return is_person_noun(lower[-1])


def _by_article(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """The rows of some columns as plain tuples, by article in order of first appearance."""
    grouped: dict[str, list[tuple]] = {}
    values = zip(*(frame[c].tolist() for c in columns), strict=True)
    rows = zip(frame["article_id"].tolist(), values, strict=True)
    for article_id, group in groupby(rows, key=itemgetter(0)):
        grouped.setdefault(article_id, []).extend(map(itemgetter(1), group))
    return grouped


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
    grouped = _by_article(sentences, ["sentence_idx", "paragraph_idx", "text"])
    by_article = _by_article(mentions, ["sentence_idx", "actor_id", "start", "end"])
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
