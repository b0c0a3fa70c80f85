"""The stance step: who favours or opposes war with Israel and talks with the US, and how.

``find_stances(sentences, mentions, quotes, articles)`` reads every sentence for the cue
phrases of ``helpers/data/stance_cues.csv`` (``kind=cue`` rows: a topic, a stance, a regular
expression). A cue counts only when its topic has a target in reach (``target`` column:
``self`` = the cue names it, ``sentence`` = a target word in the sentence, ``context`` = in
the sentence, its paragraph or the three sentences before), when it is not inside a
conditional clause ("if the negotiations fail" gives no record; the main clause after an
*if* clause counts), and it is flipped between favor and against when a negation stands
within four words before it in the same clause ("will not enter into a war", "is by no
means seeking to expand", "refused to negotiate with the US"). Overlapping cues: the
leftmost, then the longest, wins.

**Holder attribution** gives each cue to the actor who holds the stance, scanning backwards
from the cue through the sentence:

- a *speech or directive verb* ("said", "urged X to", "pleaded with X to") gives the stance
  to that verb's subject, never to its object; in the passive ("was advised by X to") to
  the agent after "by", or to nobody when there is none;
- a *stance noun* with a possessor ("the president's private plea", "Khamenei's message
  that ...") gives it to the possessor; the noun inside a prepositional phrase ("despite
  calls for restraint") has no holder;
- otherwise the nearest *subject*: an actor mention that is not the object of a
  preposition or a verb, a pronoun ("he", "his statements") resolved to the nearest subject
  person before it in the article, the antecedent of "who"/"which", or an unnamed holder
  ("officials", "sources": kept with an empty ``actor_id`` and the words in ``holder``);
- a *country* as subject ("Tehran will not enter a war") defers to the speaker who said it
  ("X's message that Tehran ..."), else is kept as an unnamed holder (``holder_how="state"``);
- before a "to"-infinitive cue, mentions after a directive verb are its objects and skipped;
- inside a direct quote, first person ("I", "we") is the quote's speaker (``quotes`` table),
  unless a third party is the subject of a speech verb in the quote ("the Supreme Leader
  said we will not talk"): then that third party holds it (``holder_how="reported"``).

A cue with no holder gives no record: nobody gets a stance for being named.

**Channel**: the channel cue (``helpers/data/channel_cues.csv``) nearest to the stance cue and
the holder's speech verb in the sentence (``local`` cues such as "private plea" only within
40 characters, and not one standing right before a later verb: "openly calling for"); else
the quote's attribution sentences (for the speaker); else another sentence of the paragraph,
or of the paragraph before, that names the holder. A sentence with its own reporting clause
borrows nothing when the clause is someone else's ("Experts assess ..."), and only a
``private`` cue when it is the holder's own ("He stressed ...", continuing a sources'
account). Else ``public`` for a named holder of an on-record speech verb or direct quote;
else ``unknown``. A third party reported inside someone's quote takes only its own
sentence's cue, and not the quoter's public setting ("..., he wrote in an X post").
``channel_sentence_idx`` is the sentence the channel cue was read in.

A cue's regex group named ``neg`` flips its stance when it matches ("talks with the US are
(?P<neg>not )?wise").
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from helpers.datafiles import data_path
from helpers.parallel import map_items
from helpers.params import ParameterError

STANCE_COLUMNS = [
    "article_id", "actor_id", "topic", "stance", "channel", "cue", "sentence_idx", "evidence",
    "published", "holder", "holder_how", "paragraph_idx", "channel_cue", "channel_sentence_idx",
]
SUMMARY_COLUMNS = [
    "article_id", "published", "actor_id", "topic", "stance", "n_favor", "n_against",
    "n_neutral", "public_stance", "private_stance", "channel_split", "channels",
    "sentence_ids",
]
SHIFT_COLUMNS = [
    "actor_id", "topic", "from_article", "from_date", "from_stance", "to_article", "to_date",
    "to_stance", "basis", "from_sentences", "to_sentences",
]
STANCES = ("favor", "against", "neutral")
LOCAL_CHANNEL_REACH = 40
LOCAL_VERB_GAP = 12
NEGATION_WORDS = 4
CONTEXT_SENTENCES = 3

_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]")
_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_STRAIGHT = "\u201c", "\u201d", '"'
_POSSESSIVE = re.compile(r"['\u2019]s?(?!\w)")
_BE = frozenset("is are was were be been being get got gets".split())
_PREPOSITIONS = frozenset(
    "with to by from of for against on about at in into onto between among toward towards "
    "over under upon than like via despite including after before during within without "
    "behind beside besides around through across per".split()
)
_OBJECT_VERBS = frozenset(
    "urged urge urges urging told tell tells telling asked ask asks advised advise pressed "
    "pressured pressuring implored begged instructed ordered warned cautioned encouraged "
    "persuaded met meet meets meeting visited visit visiting blamed accused criticized "
    "criticised mocked quoted obstructing obstructed allowed convey conveyed called calling "
    "represent thanked congratulated invited lobbied".split()
)
_NP_WORDS = frozenset(
    "the a an his her its their our my your this these those newly elected former top senior "
    "chief ruler leader leaders president minister commander commanders spokesman "
    "spokeswoman advisor adviser envoy counterpart cleric general head official security "
    "foreign military political supreme prime deputy vice powerful reformist hardline "
    "conservative late new economy strategic affairs justice national ministry world regime "
    "ally lawmaker sir mr mrs dr and or two three four several some many".split()
)
_DETERMINERS = frozenset("a an the its their his her our this these those no any every".split())
_CLAUSE_STOPS = frozenset(",;:([\u2014\u2013")
_NEGATION_SCOPE = re.compile(r"\band\b")
_CLAUSE_BOUNDARY = re.compile(r"[,;:\u2014\u2013(]|\s-\s|\bbut\b|\bwhile\b")
_PARTICIPLE = re.compile(r"(?i:\w+(?:ed|en)|told|sent|said|forbidden)\b")
_QUOTE_CHARS = frozenset('"\u201c\u201d\u2018\u2019')


@dataclass(frozen=True)
class Lexicon:
    """The compiled cue lists of ``stance_cues.csv`` and ``channel_cues.csv``."""

    topics: tuple
    cues: tuple  # (regex, triggers, ((topic, stance, target scope), ...))
    targets: dict
    negation: re.Pattern
    condition: re.Pattern
    anchor_words: dict  # first word -> phrases (as word tuples), longest first
    anchors: dict  # phrase -> (kind, public by default)
    stance_nouns: frozenset
    state_words: frozenset
    unnamed: re.Pattern
    channels: tuple  # (regex, triggers, channel, scope)
    trigger_finder: re.Pattern  # see _patterns_to_run
    trigger_patterns: dict  # trigger -> (cue indexes, channel indexes)
    untriggered: tuple  # (cue indexes, channel indexes) of the patterns without triggers


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _bounded(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def _triggers(value: str) -> tuple:
    return tuple(t.lower() for t in value.split("|") if t)


def _read_rows(name: str) -> list[dict]:
    with open(data_path(name), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and compile the stance and channel cue files (once per process)."""
    groups: dict[str, list] = {}
    triggers: dict[str, tuple] = {}
    topics: list[str] = []
    words: dict[str, list[str]] = {}
    targets: dict[str, re.Pattern] = {}
    anchors: dict[str, tuple] = {}
    for row in _read_rows("stance_cues.csv"):
        kind, cue = row["kind"].strip(), row["cue"].strip()
        if kind == "cue":
            if row["topic"] not in topics:
                topics.append(row["topic"])
            groups.setdefault(cue, []).append((row["topic"], row["stance"], row["target"]))
            triggers[cue] = _triggers(row["trigger"])
        elif kind == "target":
            targets[row["topic"]] = _bounded(cue)
        elif kind in ("speech", "directive"):
            for phrase in cue.split("|"):
                anchors[phrase.lower()] = (kind, row["public_default"].strip() == "yes")
        else:
            words.setdefault(kind, []).append(cue)
    anchor_phrases = sorted(anchors, key=len, reverse=True)
    cues = tuple((_bounded(p), triggers[p], tuple(g)) for p, g in groups.items())
    channels = tuple(
        (_bounded(r["cue"]), _triggers(r["trigger"]), r["channel"], r["scope"])
        for r in _read_rows("channel_cues.csv")
    )
    return Lexicon(
        topics=tuple(topics),
        cues=cues,
        targets=targets,
        negation=_bounded(_alternation(words["negation"])),
        condition=_bounded(_alternation(words["condition"])),
        anchor_words=_by_first_word(anchor_phrases),
        anchors=anchors,
        stance_nouns=frozenset("|".join(words["stance_noun"]).lower().split("|")),
        state_words=frozenset("|".join(words["state"]).lower().split("|")),
        unnamed=re.compile(f"(?:{_alternation(words['unnamed_holder'])})", re.IGNORECASE),
        channels=channels,
        **_trigger_index(cues, channels),
    )


def _trigger_index(cues: tuple, channels: tuple) -> dict:
    """The combined trigger prefilter of the cue and channel patterns (``Lexicon`` fields)."""
    owners: dict[str, tuple[set, set]] = {}
    for kind, patterns in enumerate((cues, channels)):
        for index, (_, triggers, *_) in enumerate(patterns):
            for trigger in triggers:
                owners.setdefault(trigger, (set(), set()))[kind].add(index)
    # a trigger found at a position implies every trigger that is a prefix of it
    trigger_patterns = {
        trigger: tuple(frozenset().union(*(owners[other][kind] for other in owners
                                           if trigger.startswith(other)))
                       for kind in (0, 1))
        for trigger in owners
    }
    return {
        "trigger_finder": re.compile(f"(?=({_trie_regex(sorted(owners))}))") if owners
        else re.compile(r"(?!)"),
        "trigger_patterns": trigger_patterns,
        "untriggered": tuple(
            tuple(i for i, (_, triggers, *_) in enumerate(patterns) if not triggers)
            for patterns in (cues, channels)),
    }


def _trie_regex(words: list[str]) -> str:
    """A regex matching the longest of ``words`` that starts at a position (a prefix trie)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _by_first_word(phrases: list[str]) -> dict:
    table: dict[str, list] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append(words)
    return table


def _anchor_spans(tokens: list[tuple], lowered: list[str], anchor_words: dict) -> list[tuple]:
    """(start, end, phrase) of the speech and directive phrases among the tokens."""
    spans = []
    for index, word in enumerate(lowered):
        if word not in anchor_words:
            continue
        for words in anchor_words[word]:
            if tuple(lowered[index:index + len(words)]) == words:
                spans.append((tokens[index][0], tokens[index + len(words) - 1][1],
                              " ".join(words)))
                break
    return spans


def _patterns_to_run(lower: str, lexicon: Lexicon) -> tuple[tuple, tuple]:
    """The sorted indexes of the cue patterns and of the channel patterns to run on a
    sentence (``lower`` is its lower-cased text).

    This is the one prefilter of all patterns, and it cannot change a result. A pattern runs
    exactly when one of its trigger words occurs in the lower-cased sentence (or it has no
    trigger), as with testing ``trigger in lower`` for every trigger; and the trigger words
    of a pattern are words that every match of it contains, so a skipped pattern has no
    match to lose. ``trigger_finder`` looks at every position for the longest trigger
    starting there (a trie of all triggers in one regex); every other trigger starting at
    that position is a prefix of it, and ``trigger_patterns`` maps a trigger to the patterns
    of itself and of all its prefixes, so the set found equals the set of triggers present.
    """
    found = lexicon.trigger_finder.findall(lower)
    cues, channels = lexicon.untriggered
    if not found:
        return cues, channels
    cue_hits, channel_hits = set(cues), set(channels)
    for trigger in set(found):
        more_cues, more_channels = lexicon.trigger_patterns[trigger]
        cue_hits.update(more_cues)
        channel_hits.update(more_channels)
    return tuple(sorted(cue_hits)), tuple(sorted(channel_hits))


def _find_all(text: str, patterns, indexes) -> list[tuple]:
    """Matches (start, end, index, words) of the patterns ``indexes`` in ``text``."""
    return [(m.start(), m.end(), i, m.group()) for i in indexes
            for m in patterns[i][0].finditer(text)]


def _cue_matches(text: str, lexicon: Lexicon, indexes) -> list[tuple]:
    """Non-overlapping cue matches (start, end, index, words, negated inside), leftmost first
    and longest at the same start. A cue's group named ``neg`` ("talks with the US are
    (?P<neg>not )?wise") flips its stance when it matches."""
    kept, last_end = [], -1
    found = [(m.start(), m.end(), i, m.group(), bool(m.groupdict().get("neg")))
             for i in indexes for m in lexicon.cues[i][0].finditer(text)]
    for match in sorted(found, key=lambda m: (m[0], m[0] - m[1], m[2])):
        if match[0] >= last_end:
            kept.append(match)
            last_end = match[1]
    return kept


def configured_topics() -> tuple:
    """The topics that ``stance_cues.csv`` has cues for, in file order."""
    return load_lexicon().topics


@lru_cache(maxsize=1)
def actor_kinds() -> dict:
    """``actor_id -> kind`` from the actor register (``helpers/data/actors.csv``), if present."""
    path = data_path("actors.csv")
    if not path.is_file():
        return {}
    return {row["actor_id"]: row["kind"] for row in _read_rows("actors.csv")}


# ---------------------------------------------------------------- one sentence, one cue


@dataclass
class Holder:
    """Who holds a stance: a register id (empty when unnamed), the words, and how found."""

    actor_id: str
    holder: str
    how: str
    public: bool = False
    anchor: int = -1  # start of the speech or directive verb that gave the holder, if any


_STOP = Holder("", "", "stop")


def _found(holder: Holder | None) -> Holder | None:
    """A holder, or None for both "nobody here" and "nobody at all" (``_STOP``)."""
    return None if holder is None or holder is _STOP else holder


@dataclass
class Mention:
    start: int
    end: int
    actor_id: str
    surface: str


def _words_before(text: str, start: int) -> list[str]:
    return _WORD.findall(text, max(0, start - 120), start)


def _object_like(text: str, start: int) -> bool:
    """True when the words before ``start`` make it an object (of a preposition or verb)."""
    steps = 0
    for word in reversed(_words_before(text, start)):
        if word in _CLAUSE_STOPS:
            return False
        if word in _QUOTE_CHARS:
            continue
        lower = word.lower()
        if lower in _PREPOSITIONS or lower in _OBJECT_VERBS:
            return True
        if not (word[0].isupper() or lower in _NP_WORDS or any(c.isdigit() for c in word)
                or _POSSESSIVE.search(word)):
            return False
        steps += 1
        if steps >= 8:
            break
    return False


class SentenceView:
    """One sentence with its tokens, mentions, speech anchors and the article's state."""

    def __init__(self, text, mentions, lexicon, kinds, last_person):
        self.text = text
        self.mentions = mentions
        self.lexicon = lexicon
        self.kinds = kinds
        self.last_person = last_person
        self.tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.lowered = [t[2].lower() for t in self.tokens]
        self.token_ends = [t[1] for t in self.tokens]
        self.anchors = _anchor_spans(self.tokens, self.lowered, lexicon.anchor_words)
        self.speaker: Holder | None = None

    # -- small lookups
    def token_index_before(self, pos: int) -> int:
        """The index of the last token that ends at or before ``pos`` (-1 when none)."""
        return bisect_right(self.token_ends, pos) - 1

    def mention_at(self, pos: int) -> Mention | None:
        for mention in self.mentions:
            if mention.start <= pos < mention.end:
                return mention
        return None

    def anchor_at(self, pos: int):
        for anchor in self.anchors:
            if anchor[0] <= pos < anchor[1]:
                return anchor
        return None

    def directive_before(self, pos: int) -> bool:
        return any(a[1] <= pos and self.lexicon.anchors[a[2]][0] == "directive"
                   for a in self.anchors)

    def is_person(self, actor_id: str) -> bool:
        return self.kinds.get(actor_id, "person") == "person"

    def possessive(self, mention: Mention) -> bool:
        return bool(_POSSESSIVE.match(self.text, mention.end))

    def noun_phrase(self, index: int) -> str:
        """The words of an unnamed holder ending at token ``index`` ("senior Iranian officials")."""
        first = index
        while first > 0:
            word = self.tokens[first - 1][2]
            lower = word.lower()
            if word in _CLAUSE_STOPS or word in _QUOTE_CHARS or lower in ("and", "or"):
                break
            if lower in _PREPOSITIONS or lower in _OBJECT_VERBS or lower in self.lexicon.anchors:
                break
            if not (word[0].isupper() or lower in _NP_WORDS or word.isdigit()):
                break
            if self.mention_at(self.tokens[first - 1][0]) is not None:
                break
            first -= 1
        return self.text[self.tokens[first][0]:self.tokens[index][1]]

    def named(self, mention: Mention, how: str) -> Holder:
        return Holder(mention.actor_id, mention.surface, how)

    def resolve_pronoun(self, pos: int) -> Holder | None:
        """A pronoun refers to the nearest subject person before it, here or earlier."""
        for mention in reversed(self.mentions):
            if (mention.end <= pos and self.is_person(mention.actor_id)
                    and not _object_like(self.text, mention.start)):
                return self.named(mention, "pronoun")
        if self.last_person is not None:
            return Holder(self.last_person.actor_id, self.last_person.holder, "pronoun")
        return None

    # -- the backward scan
    def holder_before(self, pos: int, low: int, need_anchor: bool = False) -> Holder | None:
        """Who holds what is said at ``pos``, scanning back to ``low``; None when nobody.

        ``need_anchor``: only a holder reached through a speech verb or stance noun counts
        (used for the country in "X said Tehran will ...").
        """
        index = self.token_index_before(pos)
        infinitive = index >= 0 and self.lowered[index] == "to" or (
            index > 0 and self.tokens[index][2] in _QUOTE_CHARS
            and self.lowered[index - 1] == "to")
        we_said = False
        while index >= 0 and self.tokens[index][0] >= low:
            start, _, word = self.tokens[index]
            lower = self.lowered[index]
            mention = self.mention_at(start)
            if mention is not None:
                if infinitive and self.directive_before(mention.start):
                    found = None
                else:
                    found = self._from_mention(mention, low, need_anchor or we_said)
                if found is not None:
                    return found
                index = self.token_index_before(mention.start)
                continue
            anchor = self.anchor_at(start)
            if anchor is not None and not self.used_as_noun(anchor, index):
                return self._from_anchor(anchor, pos, low)
            if lower in ("he", "she"):
                return _STOP if need_anchor or we_said else self.resolve_pronoun(start)
            if lower in ("you", "they") and we_said:
                pass
            elif lower in ("you", "they", "i") or (lower == "we" and self.speaker is None):
                if lower == "i" and self.speaker is not None and not need_anchor:
                    return self.speaker
                return _STOP
            elif lower == "we":
                we_said = True
            elif lower in ("who", "which"):
                return _STOP if need_anchor or we_said else self._antecedent(index)
            elif lower in self.lexicon.stance_nouns:
                found = self._from_noun(index, pos)
                if found is not None:
                    return found
            elif lower in self.lexicon.state_words and word[0].isupper() and not (
                    _POSSESSIVE.search(word) or _object_like(self.text, start)):
                if need_anchor or we_said:
                    return _STOP
                return _found(self.holder_before(start, low, need_anchor=True)) or (
                    self.speaker or Holder("", self.noun_phrase(index), "state"))
            elif self.lexicon.unnamed.fullmatch(word) and not _object_like(self.text, start):
                if need_anchor or we_said:
                    return _STOP
                return Holder("", self.noun_phrase(index), "unnamed")
            index -= 1
        if we_said and not need_anchor:
            return self.speaker
        return None

    def used_as_noun(self, anchor, index: int) -> bool:
        """ "calls for" after "despite"/"the"/"his" is a noun, not a verb."""
        first = anchor[2].split()[0]
        if first not in self.lexicon.stance_nouns or index == 0:
            return False
        while index > 0 and self.tokens[index][0] > anchor[0]:
            index -= 1
        before = self.tokens[index - 1][2].lower() if index > 0 else ""
        return before in _PREPOSITIONS or before in _DETERMINERS or bool(
            _POSSESSIVE.search(before))

    def _from_mention(self, mention: Mention, low: int, need_anchor: bool):
        if self.possessive(mention):
            after = self.text[mention.end:mention.end + 40].lower().split()[1:3]
            if any(w.strip(",.") in self.lexicon.stance_nouns for w in after):
                return _STOP if need_anchor else self.named(mention, "possessive")
            return None
        if _object_like(self.text, mention.start):
            return None
        if need_anchor:
            return _STOP
        if self.kinds.get(mention.actor_id) == "state":
            return _found(self.holder_before(mention.start, low, need_anchor=True)) or (
                self.speaker or self.named(mention, "subject"))
        return self.named(mention, "subject")

    def _from_anchor(self, anchor, pos: int, low: int) -> Holder | None:
        start, end, phrase = anchor
        public = self.lexicon.anchors[phrase][1]
        if _PARTICIPLE.match(phrase) and self.passive_before(start):
            found = self.agent_after(end, pos)
        else:
            found = self.holder_before(start, low)
            if found is not None and found is not _STOP and found.actor_id:
                found.public = found.public or public
        return found if found is None or found is _STOP else replace(found, anchor=start)

    def passive_before(self, start: int) -> bool:
        """A form of "be" within the two words before ``start`` ("was strongly advised")."""
        index = self.token_index_before(start)
        words = [w.lower() for _, _, w in self.tokens[max(0, index - 1):index + 1]
                 if w not in ("[", "]")]
        return any(w in _BE for w in words)

    def agent_after(self, start: int, pos: int) -> Holder | None:
        """The agent of a passive ("advised by senior officials"), or nobody."""
        match = re.match(r"\s+by\s+", self.text[start:pos])
        if not match:
            return None
        agent_start = start + match.end()
        mention = self.mention_at(agent_start)
        if mention is not None:
            return self.named(mention, "agent")
        index = self.token_index_before(agent_start) + 1
        while index < len(self.tokens) and self.tokens[index][0] < pos:
            if self.lexicon.unnamed.fullmatch(self.tokens[index][2]):
                return Holder("", self.noun_phrase(index), "agent")
            index += 1
        return None

    def _antecedent(self, index: int) -> Holder | None:
        before = index - 1
        while before >= 0 and self.tokens[before][2] == ",":
            before -= 1
        if before >= 0 and self.tokens[before][2] == ")":
            while before >= 0 and self.tokens[before][2] != "(":
                before -= 1
            before -= 1
        if before < 0:
            return None
        mention = self.mention_at(self.tokens[before][0])
        if mention is not None:
            return self.named(mention, "relative")
        return Holder("", self.noun_phrase(before), "relative")

    def _from_noun(self, index: int, pos: int):
        """A stance noun: its possessor, its "by" agent, nobody inside a PP, or keep going."""
        for back in range(index - 1, max(index - 4, -1), -1):
            start, _, word = self.tokens[back]
            lower = word.lower()
            mention = self.mention_at(start)
            if mention is not None:
                return self.named(mention, "possessive") if self.possessive(mention) else None
            if lower in ("his", "her"):
                return self.resolve_pronoun(start) or _STOP
            if lower in _PREPOSITIONS:
                return _STOP
            if lower in ("a", "an", "the", "its", "their", "this", "these", "those"):
                if back > 0 and self.tokens[back - 1][2].lower() in _PREPOSITIONS:
                    return _STOP
                break
            if _POSSESSIVE.search(word):
                return _STOP
        return self.agent_after(self.tokens[index][1], pos)


# ---------------------------------------------------------------- one article

_QUOTE_MARK = re.compile('[\u201c\u201d"]')


def _quote_regions(texts: list[str]) -> list[list[tuple[int, int]]]:
    """Per sentence of one paragraph, the spans inside double quotation marks."""
    regions, inside = [], False
    for text in texts:
        spans, start = [], 0 if inside else None
        for match in _QUOTE_MARK.finditer(text):
            char, pos = match.group(), match.start()
            if char == _QUOTE_OPEN or (char == _QUOTE_STRAIGHT and not inside):
                inside, start = True, pos
            elif inside:
                spans.append((start, pos + 1))
                inside, start = False, None
        if inside:
            spans.append((start, len(text)))
        regions.append(spans)
    return regions


def _channel_matches(text: str, lexicon: Lexicon, indexes) -> list[tuple]:
    return [(start, end, lexicon.channels[i][2], lexicon.channels[i][3], words)
            for start, end, i, words in _find_all(text, lexicon.channels, indexes)]


def _nearest_channel(matches, cue_start: int, cue_end: int, local: bool = True,
                     private_only: bool = False):
    best = None
    for start, end, channel, scope, words in matches:
        gap = max(start - cue_end, cue_start - end, 0)
        if scope == "local" and (not local or gap > LOCAL_CHANNEL_REACH):
            continue
        if private_only and channel != "private":
            continue
        if best is None or gap < best[0]:
            best = (gap, channel, words)
    return best


def _modifies_later_verb(match, cue_end: int, view) -> bool:
    """A local channel word after the cue that stands right before a speech or directive
    verb belongs to that verb ("... voices who are openly calling for ...")."""
    start, end, _, scope, _ = match
    return scope == "local" and start >= cue_end and any(
        end < anchor[0] <= end + LOCAL_VERB_GAP for anchor in view.anchors)


def _target_in_reach(topic, scope, position, sentences, has_target) -> bool:
    """Whether a target word of ``topic`` is where the cue's ``target`` scope says.

    ``has_target(topic, position)``: whether that sentence has a target word of the topic.
    """
    if scope == "self":
        return True
    if has_target(topic, position):
        return True
    if scope != "context":
        return False
    paragraph = sentences[position][2]
    other = position - 1
    while other >= 0 and (position - other <= CONTEXT_SENTENCES
                          or sentences[other][2] == paragraph):
        if has_target(topic, other):
            return True
        other -= 1
    other = position + 1
    while other < len(sentences) and sentences[other][2] == paragraph:
        if has_target(topic, other):
            return True
        other += 1
    return False


def _clause_prefix(text: str, low: int, start: int) -> str:
    prefix = text[low:start]
    cut = 0
    for match in _CLAUSE_BOUNDARY.finditer(prefix):
        cut = match.end()
    return prefix[cut:]


def _negated(prefix: str, lexicon: Lexicon) -> bool:
    return bool(lexicon.negation.search(" ".join(prefix.split()[-NEGATION_WORDS:])))


def _quote_speaker(quote_rows, sentence_idx) -> Holder | None:
    best = None
    for first, last, speaker_id, speaker, kind in quote_rows:
        if first <= sentence_idx <= last and (speaker_id or speaker):
            holder = Holder(speaker_id, speaker or speaker_id, "speaker", bool(speaker_id))
            if kind == "direct":
                return holder
            best = best or holder
    return best


class ArticleView:
    """One article's sentences, mentions, quotes and quotation-mark spans, for the cue rules."""

    def __init__(self, sentence_rows, mention_rows, quote_rows, kinds, lexicon):
        self.rows = sentence_rows
        self.quote_rows = quote_rows
        self.kinds = kinds
        self.lexicon = lexicon
        self.mentions: dict[int, list[Mention]] = {}
        for sentence_idx, start, end, actor_id, surface in mention_rows:
            self.mentions.setdefault(sentence_idx, []).append(
                Mention(start, end, actor_id, surface))
        for mentions in self.mentions.values():
            mentions.sort(key=lambda m: (m.start, m.end))
        self.position_of = {row[0]: position for position, row in enumerate(sentence_rows)}
        self.paragraphs: dict[int, list[int]] = {}
        for position, row in enumerate(sentence_rows):
            self.paragraphs.setdefault(row[2], []).append(position)
        self.quote_spans: dict[int, list] = {}
        for positions in self.paragraphs.values():
            texts = [sentence_rows[p][1] for p in positions]
            if any(_QUOTE_MARK.search(t) for t in texts):
                for position, spans in zip(positions, _quote_regions(texts), strict=True):
                    self.quote_spans[position] = spans
        self._channels: dict[int, list] = {}
        self._runs: dict[int, tuple] = {}
        self._people: dict[int, Holder | None] = {}
        self._targets: dict[tuple, bool] = {}

    def channels(self, position: int) -> list:
        if position not in self._channels:
            self._channels[position] = _channel_matches(
                self.rows[position][1], self.lexicon, self.patterns_to_run(position)[1])
        return self._channels[position]

    def has_target(self, topic: str, position: int) -> bool:
        """Whether the sentence has a target word of ``topic`` (true without a target list)."""
        key = (topic, position)
        if key not in self._targets:
            target = self.lexicon.targets.get(topic)
            self._targets[key] = target is None or bool(target.search(self.rows[position][1]))
        return self._targets[key]

    def target_in_reach(self, topic: str, scope: str, position: int) -> bool:
        return _target_in_reach(topic, scope, position, self.rows, self.has_target)

    def patterns_to_run(self, position: int) -> tuple[tuple, tuple]:
        if position not in self._runs:
            self._runs[position] = _patterns_to_run(self.rows[position][1].lower(), self.lexicon)
        return self._runs[position]

    def person_before(self, position: int) -> Holder | None:
        """The last person named as a subject in the sentences before ``position``."""
        for earlier in range(position - 1, -1, -1):
            if earlier not in self._people:
                self._people[earlier] = self._subject_person(earlier)
            if self._people[earlier] is not None:
                return self._people[earlier]
        return None

    def _subject_person(self, position: int) -> Holder | None:
        """The last person mention of a sentence that is not an object."""
        sentence_idx, text = self.rows[position][:2]
        for mention in reversed(self.mentions.get(sentence_idx, [])):
            if (self.kinds.get(mention.actor_id, "person") == "person"
                    and not _object_like(text, mention.start)):
                return Holder(mention.actor_id, mention.surface, "pronoun")
        return None

    def quote_speaker(self, position: int) -> Holder | None:
        """The speaker of the quote open in this sentence: the quotes table, else the words
        right after the closing mark ("...," Pezeshkian said)."""
        speaker = _quote_speaker(self.quote_rows, self.rows[position][0])
        if speaker is not None:
            return speaker
        paragraph = self.paragraphs[self.rows[position][2]]
        for later in paragraph[paragraph.index(position):]:
            spans = self.quote_spans.get(later, [])
            closing = [end for start, end in spans if end < len(self.rows[later][1])]
            if closing:
                text = self.rows[later][1]
                view = SentenceView(text, self.mentions.get(self.rows[later][0], []),
                                    self.lexicon, self.kinds, None)
                holder = _postposed(view, closing[0] - 1)
                return holder if holder is None else Holder(
                    holder.actor_id, holder.holder, "speaker", True)
        return None

    def channel_for(self, holder, view, region, start, end, position, speaker_first_last):
        """``(channel, channel cue, sentence_idx of the cue)`` of a record (module notes)."""
        sentence_idx = self.rows[position][0]
        matches = [m for m in self.channels(position) if not _modifies_later_verb(m, end, view)]
        if holder.how == "reported" and region is not None:
            # the quoter's own setting ("..., he wrote in an X post") is not the reported one's
            matches = [m for m in matches if m[2] == "private" or region[0] <= m[0] < region[1]]
        best = _nearest_channel(matches, min(start, holder.anchor) if holder.anchor >= 0
                                else start, end)
        if best is not None:
            return best[1], best[2], sentence_idx
        if holder.how == "reported":
            return "unknown", "", None
        others = []
        if region is not None and holder.how == "speaker" and speaker_first_last:
            first, last = speaker_first_last
            others += [(self.position_of[i], False) for i in range(first, last + 1)
                       if i in self.position_of]
        # a quote's speaker has a reporting clause of its own (the quote's attribution)
        clause = "own" if holder.how == "speaker" else self.reporting_clause(
            holder, view, position, start)
        if clause != "other":
            same = self.paragraphs[self.rows[position][2]]
            nearby = sorted(same, key=lambda p: (abs(p - position), p))
            if same[0] > 0 and holder.actor_id:
                nearby += list(reversed(self.paragraphs[self.rows[same[0] - 1][2]]))
            others += [(p, clause == "own") for p in nearby
                       if not holder.actor_id or self.names(p, holder.actor_id)]
        for other, private_only in others:
            if other != position:
                found = _nearest_channel(self.channels(other), 0, 0, local=False,
                                         private_only=private_only)
                if found is not None:
                    return found[1], found[2], self.rows[other][0]
        if holder.actor_id and holder.public:
            return "public", "(on-record statement)", sentence_idx
        return "unknown", "", None

    def names(self, position: int, actor_id: str) -> bool:
        """Whether the sentence at ``position`` has a mention of ``actor_id``."""
        return any(m.actor_id == actor_id for m in self.mentions.get(self.rows[position][0], []))

    def reporting_clause(self, holder, view, position, start) -> str:
        """Whose reporting clause the sentence has: ``own`` (the holder's speech verb, "He
        stressed that ..."), ``other`` (someone else's: "Experts assess ..."), or ``none``."""
        if holder.anchor >= 0:
            return "own"
        spans = self.quote_spans.get(position, [])
        anchors = [a for a in view.anchors
                   if not any(s <= a[0] < e for s, e in spans)
                   and not view.used_as_noun(a, view.token_index_before(a[1]))]
        if not anchors:
            return "none"
        before = [a for a in anchors if a[0] < start]
        anchor = before[-1] if before else anchors[0]
        subject = _found(view.holder_before(anchor[0], 0))
        if subject is not None and holder.actor_id and subject.actor_id == holder.actor_id:
            return "own"
        return "other"


def _quote_range(quote_rows, sentence_idx):
    for first, last, _, _, _ in quote_rows:
        if first <= sentence_idx <= last:
            return first, last
    return None


def article_stances(article_id, published, sentence_rows, mention_rows, quote_rows,
                    kinds) -> list[dict]:
    """Stance records of one article.

    ``sentence_rows``: (sentence_idx, text, paragraph_idx, is_heading) in order;
    ``mention_rows``: (sentence_idx, start, end, actor_id, surface);
    ``quote_rows``: (sentence_idx, last_sentence_idx, speaker_id, speaker, kind).
    """
    lexicon = load_lexicon()
    article = ArticleView(sentence_rows, mention_rows, quote_rows, kinds, lexicon)
    records: dict[tuple, dict] = {}
    for position, (sentence_idx, text, paragraph_idx, is_heading) in enumerate(sentence_rows):
        if is_heading:
            continue
        indexes = article.patterns_to_run(position)[0]
        if not indexes:
            continue
        matches = _cue_matches(text, lexicon, indexes)
        if matches:
            mentions = article.mentions.get(sentence_idx, [])
            view = SentenceView(text, mentions, lexicon, kinds, article.person_before(position))
            for match in matches:
                for record in _cue_records(match, view, position, article):
                    key = (sentence_idx, record["actor_id"],
                           "" if record["actor_id"] else record["holder"], record["topic"],
                           record["stance"], record["channel"])
                    if key in records:
                        if record["cue"] not in records[key]["cue"].split("; "):
                            records[key]["cue"] += "; " + record["cue"]
                        continue
                    record.update(article_id=article_id, published=published,
                                  sentence_idx=sentence_idx, paragraph_idx=paragraph_idx,
                                  evidence=text)
                    records[key] = record
    return list(records.values())


def _cue_records(match, view: SentenceView, position: int, article: ArticleView) -> list[dict]:
    start, end, index, words, inner_negation = match
    lexicon = article.lexicon
    region = next((s for s in article.quote_spans.get(position, []) if s[0] <= start < s[1]),
                  None)
    prefix = _clause_prefix(view.text, region[0] if region else 0, start)
    if lexicon.condition.search(prefix):
        return []
    readings = [(topic, stance) for topic, stance, scope in lexicon.cues[index][2]
                if article.target_in_reach(topic, scope, position)]
    if not readings:
        return []
    negated = _negated(_NEGATION_SCOPE.split(prefix)[-1], lexicon) != inner_negation
    speaker = article.quote_speaker(position) if region else None
    if _PARTICIPLE.match(words) and view.passive_before(start):
        holder = view.agent_after(end, len(view.text))
    else:
        holder = _find_holder(view, start, end, region, speaker)
    if holder is None:
        return []
    channel, channel_cue, channel_sentence_idx = article.channel_for(
        holder, view, region, start, end, position,
        _quote_range(article.quote_rows, article.rows[position][0]))
    out = []
    for topic, stance in readings:
        if negated and stance != "neutral":
            stance = "against" if stance == "favor" else "favor"
        out.append({
            "actor_id": holder.actor_id, "topic": topic, "stance": stance, "channel": channel,
            "cue": words, "holder": holder.holder, "holder_how": holder.how,
            "channel_cue": channel_cue, "channel_sentence_idx": channel_sentence_idx,
        })
    return out


def _find_holder(view: SentenceView, start, end, region, speaker) -> Holder | None:
    if region is not None:
        view.speaker = speaker
        holder = view.holder_before(start, region[0])
        view.speaker = None
        if holder is _STOP:
            return None
        if holder is not None:
            if speaker is not None and holder.how != "speaker" and holder.actor_id and (
                    holder.actor_id != speaker.actor_id):
                holder.how = "reported"
            return holder
        if speaker is not None:
            return Holder(speaker.actor_id, speaker.holder, "speaker", speaker.public)
        holder = view.holder_before(region[0], 0)
        return _found(holder) if holder is not None else _postposed(view, region[1])
    holder = view.holder_before(start, 0)
    return _found(holder) if holder is not None else _postposed(view, end)


_POSTPOSED_GAP = re.compile(r"[^.;]*?,?\s*[\"\u201d]?\s*(?:(?:said|says|told|wrote|added|warned|"
                            r"stressed|insisted|assessed|according to)\s+)?(?:the\s+)*")
_POSTPOSED_VERB = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|told|wrote|added|warned|stressed|insisted|assessed)\b")


def _postposed(view: SentenceView, after: int) -> Holder | None:
    """An attribution after the words: "..., Araqchi said" or "..., said Araqchi"."""
    for mention in view.mentions:
        if mention.start < after:
            continue
        gap = view.text[after:mention.start]
        if "," not in gap and not gap.strip().startswith(("\u201d", '"')):
            return None
        if _POSTPOSED_GAP.fullmatch(gap) and (
                re.search(r"(?:said|says|told|wrote|added|warned|stressed|insisted|assessed|"
                          r"according to)\s+(?:the\s+)*$", gap)
                or _POSTPOSED_VERB.match(view.text, mention.end)):
            return Holder(mention.actor_id, mention.surface, "subject", True, mention.start)
        return None
    return None


# ---------------------------------------------------------------- frames


def _rows_by_article(frame: pd.DataFrame | None, columns: list[str]) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    if frame is None or frame.empty:
        return grouped
    values = [frame[c].tolist() for c in ["article_id", *columns]]
    for row in zip(*values, strict=True):
        grouped.setdefault(row[0], []).append(tuple(row[1:]))
    return grouped


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def find_stances(sentences: pd.DataFrame, mentions: pd.DataFrame, quotes: pd.DataFrame | None,
                 articles: pd.DataFrame, workers: int = 1,
                 kinds: dict | None = None) -> pd.DataFrame:
    """One row per evidence sentence, holder, topic, stance and channel (DESIGN stance.csv).

    ``kinds`` maps actor ids to kinds (default: the actor register); quotes may be None.
    """
    kinds = actor_kinds() if kinds is None else kinds
    sentence_frame = sentences.copy()
    if "paragraph_idx" not in sentence_frame:
        sentence_frame["paragraph_idx"] = sentence_frame["sentence_idx"]
    if "is_heading" not in sentence_frame:
        sentence_frame["is_heading"] = False
    by_sentence = _rows_by_article(
        sentence_frame, ["sentence_idx", "text", "paragraph_idx", "is_heading"])
    by_mention = _rows_by_article(mentions, ["sentence_idx", "start", "end", "actor_id", "surface"])
    quote_frame = None
    if quotes is not None and not quotes.empty:
        quote_frame = quotes.copy()
        if "last_sentence_idx" not in quote_frame:
            quote_frame["last_sentence_idx"] = quote_frame["sentence_idx"]
        quote_frame["speaker_id"] = quote_frame["speaker_id"].map(_text)
        quote_frame["speaker"] = quote_frame.get("speaker", quote_frame["speaker_id"]).map(_text)
    by_quote = _rows_by_article(
        quote_frame, ["sentence_idx", "last_sentence_idx", "speaker_id", "speaker", "kind"])
    published = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    items = [
        (article_id, published.get(article_id, ""), rows, by_mention.get(article_id, []),
         by_quote.get(article_id, []), kinds)
        for article_id, rows in sorted(by_sentence.items())
    ]
    records = [r for chunk in map_items(article_stances, items, workers) for r in chunk]
    frame = pd.DataFrame(records, columns=STANCE_COLUMNS)
    frame["sentence_idx"] = frame["sentence_idx"].astype("int64")
    frame["paragraph_idx"] = frame["paragraph_idx"].astype("int64")
    frame["channel_sentence_idx"] = frame["channel_sentence_idx"].astype("Int64")
    return frame.sort_values(
        ["article_id", "sentence_idx", "actor_id", "holder", "topic", "stance", "channel"],
        kind="stable",
    ).reset_index(drop=True)


# ---------------------------------------------------------------- summaries


def _majority(favor: int, against: int, neutral: int) -> str:
    if favor > against:
        return "favor"
    if against > favor:
        return "against"
    if favor:
        return "mixed"
    return "neutral" if neutral else ""


def summarize_stances(stance: pd.DataFrame, min_evidence: int = 1) -> pd.DataFrame:
    """One row per article, named actor and topic with at least ``min_evidence`` records.

    ``stance`` is the majority of the records (``mixed`` on a tie); ``public_stance`` and
    ``private_stance`` are the majorities of the public and private records, and
    ``channel_split`` marks an actor whose public and private stances disagree.
    """
    groups: dict[tuple, list] = {}
    named = stance[stance["actor_id"] != ""]
    for row in named.itertuples(index=False):
        key = (row.article_id, row.actor_id, row.topic)
        groups.setdefault(key, []).append(row)
    out = []
    for (article_id, actor_id, topic), rows in sorted(groups.items()):
        if len(rows) < min_evidence:
            continue

        def count(kind, channel=None, rows=rows):
            return sum(1 for r in rows if r.stance == kind and channel in (None, r.channel))

        public = _majority(count("favor", "public"), count("against", "public"),
                           count("neutral", "public"))
        private = _majority(count("favor", "private"), count("against", "private"),
                            count("neutral", "private"))
        out.append({
            "article_id": article_id, "published": rows[0].published, "actor_id": actor_id,
            "topic": topic,
            "stance": _majority(count("favor"), count("against"), count("neutral")),
            "n_favor": count("favor"), "n_against": count("against"),
            "n_neutral": count("neutral"), "public_stance": public, "private_stance": private,
            "channel_split": bool(public and private and public != private),
            "channels": ";".join(sorted({r.channel for r in rows})),
            "sentence_ids": ";".join(str(i) for i in sorted({r.sentence_idx for r in rows})),
        })
    return pd.DataFrame(out, columns=SUMMARY_COLUMNS)


def stance_over_time(stance: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per actor, topic, dated article and channel: the majority stance and its count."""
    dates = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    groups: dict[tuple, list] = {}
    for row in stance[stance["actor_id"] != ""].itertuples(index=False):
        date = dates.get(row.article_id, "")
        if date:
            key = (row.topic, row.actor_id, date, row.article_id, row.channel)
            groups.setdefault(key, []).append(row.stance)
    out = []
    for (topic, actor_id, date, article_id, channel), values in sorted(groups.items()):
        out.append({
            "topic": topic, "actor_id": actor_id, "date": date, "article_id": article_id,
            "channel": channel,
            "stance": _majority(values.count("favor"), values.count("against"),
                                values.count("neutral")),
            "n": len(values),
        })
    return pd.DataFrame(
        out, columns=["topic", "actor_id", "date", "article_id", "channel", "stance", "n"])


def find_shifts(summary: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Changes of an actor's stance on a topic between consecutive dated articles.

    Only ``favor``/``against`` summaries count (neutral and mixed are skipped). Two articles
    are compared on their public stances when both have one, else on their private
    stances when both have one, else on the overall stance (``basis``), so that a public
    line and a private plea in different articles are not read as a change of mind.
    """
    dates = dict(zip(articles["article_id"], articles["published"].map(_text), strict=True))
    series: dict[tuple, list] = {}
    for row in summary.itertuples(index=False):
        date = dates.get(row.article_id, "")
        if date and row.stance in ("favor", "against"):
            series.setdefault((row.actor_id, row.topic), []).append((date, row.article_id, row))
    out = []
    for (actor_id, topic), points in sorted(series.items()):
        points.sort(key=lambda p: (p[0], p[1]))
        for (date_a, id_a, a), (date_b, id_b, b) in zip(points, points[1:], strict=False):
            basis, from_stance, to_stance = "overall", a.stance, b.stance
            for channel in ("public", "private"):
                sa, sb = getattr(a, f"{channel}_stance"), getattr(b, f"{channel}_stance")
                if sa in ("favor", "against") and sb in ("favor", "against"):
                    basis, from_stance, to_stance = channel, sa, sb
                    break
            if from_stance != to_stance:
                out.append({
                    "actor_id": actor_id, "topic": topic, "from_article": id_a,
                    "from_date": date_a, "from_stance": from_stance, "to_article": id_b,
                    "to_date": date_b, "to_stance": to_stance, "basis": basis,
                    "from_sentences": a.sentence_ids, "to_sentences": b.sentence_ids,
                })
    return pd.DataFrame(out, columns=SHIFT_COLUMNS)


def actor_topic_matrix(stance: pd.DataFrame, min_evidence: int = 1) -> pd.DataFrame:
    """Per article and named actor, ``favor/against/neutral`` counts for each topic."""
    named = stance[stance["actor_id"] != ""]
    if named.empty:
        return pd.DataFrame(columns=["article_id", "actor_id"])
    counts = named.groupby(["article_id", "actor_id", "topic", "stance"]).size().unstack(
        "stance", fill_value=0).reindex(columns=list(STANCES), fill_value=0)
    counts = counts[counts.sum(axis=1) >= min_evidence]
    cells = counts.apply(lambda r: f"{r['favor']}/{r['against']}/{r['neutral']}", axis=1)
    matrix = cells.unstack("topic", fill_value="").reset_index()
    matrix.columns.name = None
    return matrix


def check_topics(topics) -> list[str]:
    """The topics to show, checked against the configured ones (ParameterError if not)."""
    configured = configured_topics()
    if isinstance(topics, str):
        topics = [topics]
    if not isinstance(topics, (list, tuple)) or not topics:
        raise ParameterError(
            f"Parameter topics must be a non-empty list of topics, not {topics!r}.")
    unknown = [t for t in topics if t not in configured]
    if unknown:
        raise ParameterError(
            f"Parameter topics: {', '.join(map(str, unknown))} not configured; "
            f"helpers/data/stance_cues.csv has {', '.join(configured)}.")
    return list(dict.fromkeys(topics))  # each topic once, in the order given


_MARKERS = {"favor": "^", "against": "v", "neutral": "o", "mixed": "D"}
_COLORS = {"favor": "tab:red", "against": "tab:blue", "neutral": "tab:gray", "mixed": "tab:purple"}


def plot_stance_over_time(timeline: pd.DataFrame, topic: str):
    """Stance over time for one topic: x = publication date, y = actor, marker = stance,
    filled = public, hollow = private, faint = unknown channel."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    data = timeline[timeline["topic"] == topic]
    actors = sorted(data["actor_id"].unique())
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(actors) + 1.8))
    offsets = {"public": -0.18, "private": 0.18, "unknown": 0.0}
    for row in data.itertuples(index=False):
        y = actors.index(row.actor_id) + offsets[row.channel]
        x = pd.Timestamp(row.date)
        color = _COLORS.get(row.stance, "black")
        ax.scatter(
            [x], [y], marker=_MARKERS.get(row.stance, "o"), s=70,
            facecolors=color if row.channel == "public" else "none" if row.channel == "private"
            else color,
            edgecolors=color, alpha=0.35 if row.channel == "unknown" else 1.0, linewidths=1.5,
        )
    if not actors:
        ax.text(0.5, 0.5, "no stance records for this topic", ha="center",
                transform=ax.transAxes)
    ax.set_yticks(range(len(actors)), actors)
    ax.set_ylim(-0.7, max(len(actors), 1) - 0.3)
    locator = mdates.AutoDateLocator(maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.set_xlabel("publication date")
    ax.set_title(f"Stance over time: {topic}")
    handles = [Line2D([], [], marker=_MARKERS[s], color=_COLORS[s], linestyle="", label=s)
               for s in ("favor", "against", "neutral")]
    handles += [
        Line2D([], [], marker="o", color="black", linestyle="", label="public (filled)"),
        Line2D([], [], marker="o", markerfacecolor="none", color="black", linestyle="",
               label="private (hollow)"),
        Line2D([], [], marker="o", color="black", alpha=0.35, linestyle="",
               label="unknown (faint)"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def summary_line(stance: pd.DataFrame, shifts: pd.DataFrame) -> str:
    """One line for the report index."""
    named = stance[stance["actor_id"] != ""]
    return (
        f"{len(stance)} stance records ({len(named)} with a named actor) in "
        f"{stance['article_id'].nunique()} articles; {len(shifts)} shifts."
    )
