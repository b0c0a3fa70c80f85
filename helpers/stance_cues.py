"""Stance cues: the frame grammar of ``helpers/data/stance_cues.csv``, compiled and matched.

The cue file describes stance-taking as a small grammar rather than one pattern per phrase:

- *word classes* (``kind=verbs``: lemmas whose inflections are generated, ``strike/struck/
  struck back`` for an irregular one; ``kind=words``: words and regular expressions as
  written). A class with a ``topic`` names what a stance is about (``retaliate``,
  ``talks_nouns``); every class has a sign, ``favor`` (+) or ``against`` (-): ``pro`` verbs
  (support, vow, ready) take their aim as their stance, ``con`` verbs (reject, avoid, rule
  out) the opposite one, ``calm_nouns`` (restraint, ceasefire) are against war, ``eval_neg``
  judgements (futile, a trap) reverse what they judge.
- *frames* (``kind=frame``): a sequence of classes, literal words and gaps (``{gap:3}``: up to
  three words; ``{gap,:3}`` also lets commas through) such as ``{pro} {gap:3}{talks_nouns}``
  ("wants direct talks"). A match reads as the topic of its topic class, with the product
  of the signs of its classes and of the frame: "rejected any talks" = con (-) x talks (+) =
  against talks.
- *phrases* (``kind=phrase``): single regular expressions for idioms no frame covers; a group
  named ``neg`` flips the phrase's stance when it matches.

A class or frame ``flag`` tells the holder rules (``helpers.stance_holders``) who holds it:
``patient`` (its subject undergoes it: "Israel will regret it" is the speaker's threat),
``subject`` (its own words are the subject: "talks are futile"), ``teller_too`` (the one who
reports it holds it as well as its subject), ``agent`` (a passive: the agent after "by" holds
it, "talks were ruled out by the Leader").

Words in frames and classes are separated by spaces; quotation marks between words are
skipped (``neither "wise" nor``). A match is negated (its stance flipped) by an odd count of
negation words (``not``, ``won't``, ``no longer``, ``refused to``) among the five words before
it in its clause and inside its gaps, or by a negated subject ("no one will accept talks").
A gap word is never "but" nor an "and" before a modal ("stop Iran and would strike" is two
clauses); a class used twice in one frame ("refused to rule out talks": con x con) reads
both. Every match carries its topic's target scope: ``self`` (the cue names its topic),
``sentence`` (a target word of the topic must be in the sentence, outside the cue's own
words) or ``context`` (in the sentence, its paragraph or the three sentences before).
Overlapping matches: the leftmost, then the longest, then the earlier row wins.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.datafiles import data_path

NEGATION_WORDS = 5
SEP = r"(?:['\u2018\u2019]?[\s\"\u201c\u201d]+['\u2018\u2019]?)"
WORD = r"\w(?:[\w'\u2019-]|\.(?=[\w\s]))*"
_GAP = re.compile(r"\{gap(,?):(\d)\}")
# a gap word: not "but", nor "and" before a modal ("stop Iran and would strike" is two clauses)
_GAP_WORD = (r"(?!(?:but|and (?:would|will|shall|could|should|must|can|might|may))(?!\w))"
             + WORD)
_SLOT = re.compile(r"\{([a-z_|]+)\}")
_CLAUSE_BOUNDARY = re.compile(r"[,;:\u2014\u2013(]|\s-\s|\bbut\b|\bwhile\b")
_AND = re.compile(r"\band\b")
_NO_ONE = re.compile(r"\b(?:no one|nobody|none of|no country|no government)\b", re.IGNORECASE)
_VOWELS = "aeiou"


@dataclass(frozen=True)
class WordClass:
    name: str
    topic: str
    sign: int
    target: str
    pattern: str  # regex alternation (words separated by SEP)
    first: frozenset | None  # the lower-case first words of its items, when all are plain
    patient: bool  # the clause subject undergoes it ("Israel will regret it")


@dataclass(frozen=True)
class Pattern:
    """A compiled frame or phrase: its regex and how its matches read."""

    name: str
    regex: re.Pattern
    classes: tuple  # (group name, WordClass) of each named group
    topic: str  # the frame's own topic (frames without a topic class; phrases)
    sign: int  # +1, -1, or 0 for a neutral phrase
    target: str
    required: tuple  # class-name groups of which one each must occur in the sentence
    subject_inside: bool  # the cue's own words are its clause's subject ("talks are futile")
    patient: bool  # its subject undergoes it ("Israel will be struck")
    teller_too: bool  # the one who tells it holds it as well as its subject
    agent: bool = False  # a passive: the agent after "by" holds it ("talks were ruled out by")


@dataclass(frozen=True)
class Cue:
    """One cue in a sentence: where, its words, and its reading."""

    start: int
    end: int
    words: str
    topic: str
    stance: str
    target: str
    negations: int  # negation words inside the cue's gaps (not in its classes)
    spans: tuple  # (start, end) of the cue's class words, for the target check
    patient: bool  # its subject undergoes it: the one who says it holds the stance
    lead: str  # the class of its first words ("pro", "con" ...), empty for a literal start
    subject_inside: bool  # its own words are its clause's subject: the teller holds it
    teller_too: bool  # the one who tells it holds it as well as its subject
    agent: bool = False  # a passive: the agent after "by" holds it


@dataclass(frozen=True)
class Lexicon:
    """Everything compiled from ``stance_cues.csv`` and ``channel_cues.csv``."""

    topics: tuple
    patterns: tuple
    classes: dict  # class name -> its first words, or its words as a pattern (prefilter)
    targets: dict
    side_targets: dict  # (topic, country) -> what places a cue on the topic from that side
    negation: re.Pattern
    condition: re.Pattern
    deontic: re.Pattern
    wish_verbs: frozenset  # "X hoped Iran would ...": X's wish
    anchor_words: dict  # first word -> phrases (as word tuples), longest first
    anchors: dict  # phrase -> (kind, public by default)
    stance_nouns: frozenset
    accuse_verbs: frozenset
    state_countries: dict  # lower-case state word -> country ("" when no one country)
    unnamed: re.Pattern
    channels: tuple  # (regex, channel, scope)


# ---------------------------------------------------------------- inflection


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant (stop, ban): the final consonant may double."""
    return (len(word) >= 3 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS
            and word[-3] not in _VOWELS)


def verb_forms(entry: str) -> list[str]:
    """Every form of a verb entry: ``lemma`` or ``lemma/past/participle``, then any words
    after it unchanged ("strike/struck/struck back" gives strikes back, striking back ...).
    Regular forms are generated; a doubled final consonant is added as an extra form."""
    head, _, tail = entry.partition(" ")
    lemma, *irregular = head.split("/")
    forms = {lemma, *irregular}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if not irregular:
        if lemma.endswith("e"):
            forms.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
            forms.add(lemma[:-1] + "ied")
        else:
            forms.add(lemma + "ed")
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "oe", "ye")):
        forms.add(lemma[:-1] + "ing")
    else:
        forms.add(lemma + "ing")
    if _cvc(lemma):
        forms.add(lemma + lemma[-1] + "ing")
        if not irregular:
            forms.add(lemma + lemma[-1] + "ed")
    return sorted((f"{form} {tail}".strip() for form in forms), key=len, reverse=True)


# ---------------------------------------------------------------- compiling


def _spaced(pattern: str) -> str:
    """A pattern whose literal spaces become word separators (quotes allowed between)."""
    return pattern.replace(" ", SEP)


def _alternation(items: list[str]) -> str:
    return "|".join(f"(?:{item})" for item in sorted(items, key=len, reverse=True))


def _bounded(pattern: str, flags=re.IGNORECASE) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", flags)


def _sign(stance: str) -> int:
    return {"favor": 1, "against": -1}.get(stance.strip(), 0)


def _word_class(row: dict) -> WordClass:
    items = _split(row["words"])
    if row["kind"] == "verbs":
        items = [form for item in items for form in verb_forms(item)]
    firsts = {item.split(" ")[0].lower() for item in items}
    plain = all(re.fullmatch(r"[\w'\u2019-]+", word) for word in firsts)
    return WordClass(row["name"], row["topic"], _sign(row["stance"]), row["target"],
                     _spaced(_alternation(items)), frozenset(firsts) if plain else None,
                     row["flag"] == "patient")


def _compile_frame(row: dict, classes: dict) -> Pattern:
    used: list[tuple[str, WordClass]] = []
    text = row["words"]
    slots = list(_SLOT.finditer(text))
    # the last slot, and a slot the frame opens with, must match somewhere in the sentence
    required = {frozenset(m.group(1).split("|")) for m in slots
                if m is slots[-1] or m.start() == 0}

    def slot(match: re.Match) -> str:
        groups = []
        for name in match.group(1).split("|"):
            # a class used twice ("refused to rule out talks") names its second group apart
            group = name if all(g != name for g, _ in used) else f"{name}_{len(used)}"
            used.append((group, classes[name]))
            groups.append(f"(?P<{group}>{classes[name].pattern})")
        return "(?:" + "|".join(groups) + ")"

    text = _GAP.sub(lambda m: f"(?:{_GAP_WORD}{m.group(1) and ',?'} ){{0,{m.group(2)}}}?", text)
    text = _SLOT.sub(slot, text)
    return Pattern(row["name"], _bounded(_spaced(text)), tuple(used), row["topic"],
                   _sign(row["stance"]), row["target"], tuple(required),
                   row["flag"] == "subject",
                   row["flag"] == "patient", row["flag"] == "teller_too", row["flag"] == "agent")


def _by_first_word(phrases: list[str]) -> dict:
    table: dict[str, list] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append(words)
    return table


def _read_rows(name: str) -> list[dict]:
    """The rows of ``helpers/data/<name>``; a row with more fields than the header (a
    regular expression's comma left unquoted) raises ValueError naming its line."""
    with open(data_path(name), encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = []
        for row in reader:
            if None in row:
                raise ValueError(f"helpers/data/{name} line {reader.line_num}: more fields "
                                 "than the header (quote a field that has a comma)")
            rows.append({k: (v or "").strip() for k, v in row.items()})
        return rows


def _split(words: str) -> list[str]:
    """The ``|``-separated items of a field, split only outside regex groups."""
    items, depth, current = [], 0, ""
    for char in words:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    return [item for item in [*items, current] if item]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and compile the stance and channel cue files (once per process)."""
    rows = _read_rows("stance_cues.csv")
    classes = {r["name"]: _word_class(r) for r in rows if r["kind"] in ("verbs", "words")}
    patterns, topics, lists = [], [], {}
    targets: dict[str, re.Pattern] = {}
    side_targets: dict[tuple, re.Pattern] = {}
    anchors: dict[str, tuple] = {}
    states: dict[str, str] = {}
    for row in rows:
        kind = row["kind"]
        if kind == "frame":
            patterns.append(_compile_frame(row, classes))
        elif kind == "phrase":
            patterns.append(Pattern(row["name"], _bounded(_spaced(row["words"])), (),
                                    row["topic"], _sign(row["stance"]), row["target"], (),
                                    row["flag"] == "subject", row["flag"] == "patient",
                                    row["flag"] == "teller_too"))
        elif kind == "target" and row["name"]:
            side_targets[(row["topic"], row["name"])] = _bounded(row["words"])
        elif kind == "target":
            targets[row["topic"]] = _bounded(row["words"])
        elif kind in ("speech", "directive"):
            for phrase in _split(row["words"]):
                anchors[phrase.lower()] = (kind, row["flag"] == "public")
        elif kind == "state":
            for word in _split(row["words"]):
                states.setdefault(word.lower(), row["name"])
        elif kind not in ("verbs", "words"):
            lists.setdefault(kind, []).extend(_split(row["words"]))
        if row["topic"] and kind in ("verbs", "words", "frame", "phrase") and (
                row["topic"] not in topics):
            topics.append(row["topic"])
    return Lexicon(
        topics=tuple(topics),
        patterns=tuple(patterns),
        classes={name: c.first or _bounded(c.pattern) for name, c in classes.items()},
        targets=targets,
        side_targets=side_targets,
        negation=_bounded(_alternation(lists["negation"] + lists["negation_verb"])),
        condition=_bounded(_alternation(lists["condition"])),
        deontic=_bounded(_alternation(lists["deontic"])),
        wish_verbs=frozenset(w.lower() for w in lists["wish"]),
        anchor_words=_by_first_word(sorted(anchors, key=len, reverse=True)),
        anchors=anchors,
        stance_nouns=frozenset(w.lower() for w in lists["stance_noun"]),
        accuse_verbs=frozenset(w.lower() for w in lists["accuse"]),
        state_countries=states,
        unnamed=re.compile(_alternation(lists["unnamed_holder"]), re.IGNORECASE),
        channels=tuple((_bounded(r["cue"]), r["channel"], r["scope"])
                       for r in _read_rows("channel_cues.csv")),
    )


def configured_topics() -> tuple:
    """The topics that ``stance_cues.csv`` has cues for, in file order."""
    return load_lexicon().topics


# ---------------------------------------------------------------- matching

_TOKEN = re.compile(r"[\w'\u2019-]+")


def _reading(pattern: Pattern, match: re.Match) -> tuple[str, int, str, tuple, bool, str]:
    """(topic, sign, target scope, class spans, patient, lead class) of one match."""
    topic, sign, target, spans = pattern.topic, pattern.sign or 1, pattern.target, []
    patient, lead = pattern.patient, ""
    neutral = pattern.classes == () and pattern.sign == 0
    for group, word_class in pattern.classes:
        if match.group(group) is None:
            continue
        spans.append(match.span(group))
        if match.start(group) == match.start():
            lead = word_class.name
        sign *= word_class.sign
        patient = patient or word_class.patient
        if word_class.topic and not topic:
            topic = word_class.topic
            target = target or word_class.target
    if pattern.classes == () and match.groupdict().get("neg"):
        sign = -sign
    return topic, 0 if neutral else sign, target or "self", tuple(spans), patient, lead


def _stance(sign: int) -> str:
    return "favor" if sign > 0 else "against" if sign < 0 else "neutral"


def find_cues(text: str, lexicon: Lexicon) -> list[Cue]:
    """The non-overlapping cues of a sentence, leftmost first and longest at one start.

    A frame is tried only when its required classes occur in the sentence (the first word of
    one of their items, or a match of the class): every match of the frame contains them, so
    this prefilter cannot lose a match."""
    present: dict[str, bool] = {}
    words = {t.lower() for t in _TOKEN.findall(text)}

    def occurs(name: str) -> bool:
        if name not in present:
            test = lexicon.classes[name]
            present[name] = bool(test & words) if isinstance(test, frozenset) else bool(
                test.search(text))
        return present[name]

    found = []
    for order, pattern in enumerate(lexicon.patterns):
        if not all(any(occurs(name) for name in group) for group in pattern.required):
            continue
        for match in pattern.regex.finditer(text):
            topic, sign, target, spans, patient, lead = _reading(pattern, match)
            if not topic:
                continue
            negations = 0
            if pattern.classes:  # a phrase marks its own negation (group "neg")
                first = _TOKEN.match(text, match.start())
                skip = spans + ((first.span(),) if first else ())
                negations = count_negations(_outside(text, match.start(), match.end(), skip),
                                            lexicon)
            found.append((match.start(), match.end(), order, Cue(
                match.start(), match.end(), match.group(), topic, _stance(sign), target,
                negations, spans, patient, lead,
                pattern.subject_inside and lead not in ("pro", "con"), pattern.teller_too,
                pattern.agent)))
    kept, last_end = [], -1
    for start, end, _, cue in sorted(found, key=lambda f: (f[0], f[0] - f[1], f[2])):
        if start >= last_end:
            kept.append(cue)
            last_end = end
    return kept


def _outside(text: str, start: int, end: int, spans) -> str:
    """The text from ``start`` to ``end`` without the class spans (the cue's gaps)."""
    pieces, cursor = [], start
    for span_start, span_end in sorted(spans):
        if span_end <= cursor:
            continue
        pieces.append(text[cursor:max(cursor, span_start)])
        cursor = max(cursor, span_end)
    pieces.append(text[cursor:end])
    return " ".join(pieces)


def count_negations(text: str, lexicon: Lexicon) -> int:
    return len(lexicon.negation.findall(text))


def clause_prefix(text: str, low: int, start: int) -> str:
    """The words of the cue's clause before it (from the last comma, colon, "but" ...)."""
    prefix = text[low:start]
    cut = 0
    for match in _CLAUSE_BOUNDARY.finditer(prefix):
        cut = match.end()
    return prefix[cut:]


def negated(prefix: str, cue: Cue, lexicon: Lexicon) -> bool:
    """Whether the cue's stance flips: an odd count of negations in the last five words of
    its clause prefix and inside its gaps ("will not hesitate to respond" counts two); a
    negated subject ("no one ... will accept") counts from anywhere in the clause."""
    words = _AND.split(prefix)[-1].split()
    window = " ".join(words[-NEGATION_WORDS:])
    before = " ".join(words[:-NEGATION_WORDS])
    subjects = len(_NO_ONE.findall(before))
    return (count_negations(window, lexicon) + subjects + cue.negations) % 2 == 1


def conditional(prefix: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.condition.search(prefix))


def names_topic(text: str, topic: str, lexicon: Lexicon, skip=(), side: str = "") -> bool:
    """Whether ``text`` has a target word of ``topic`` outside the ``skip`` spans (true
    without a target list); with ``side``, the words that name it from that country's side
    ("Iran" for an Israeli holder of war_with_israel)."""
    target = lexicon.side_targets.get((topic, side)) if side else lexicon.targets.get(topic)
    if target is None:
        return True
    return any(not any(s <= m.start() < e for s, e in skip) for m in target.finditer(text))


def channel_matches(text: str, lexicon: Lexicon) -> list[tuple]:
    """(start, end, channel, scope, words) of the channel cues of a sentence."""
    return [(m.start(), m.end(), channel, scope, m.group())
            for regex, channel, scope in lexicon.channels for m in regex.finditer(text)]
