"""Holder attribution of the stance step: who holds a cue.

``article_stances`` turns the cues of one article (``helpers.stance_cues``) into stance records.

**Holder attribution** gives each cue to the actor who holds the stance, scanning backwards
from the cue through the sentence (word order, not a parser):

- a *speech or directive verb* ("said", "urged X to", "pleaded with X to") gives the stance
  to that verb's subject, never to its object; in the passive ("was advised by X to") to
  the agent after "by", or to nobody when there is none. A phrase in commas between the
  subject and the verb is skipped ("Araqchi, who negotiated the deal Trump left, said"), as
  is a name's apposition; a verb joined to an earlier one by "and" has its subject ("X said
  ... and stressed that ..."); a capitalised word after the first is a name, not a verb.
  "According to X, ..." and a headline-style "X: ..." make X the teller; "X's office
  (government, administration) said" is X's; a cue in a passive frame ("talks were ruled
  out by the Leader") is the agent's; "was opposed to", "is committed to" are states, not
  passives;
- a *stance noun* with a possessor ("the president's private plea", "Khamenei's message
  that ...", "Tehran's choice of diplomacy") gives it to the possessor; a stance noun that
  heads the cue inside a prepositional phrase ("despite calls for restraint") has no holder
  (unless the preposition is a speech verb's: "hinted at a readiness"), one that is a verb's
  object ("signalled an openness to dialogue") is the verb's subject's, and one in an
  earlier clause (before a comma) gives nothing;
- "X accused Y of seeking war" (also "of A and of B"): the clause after *of* is Y's, not
  a clause after "and said" ("X accused Y of A and said B": B is X's);
- otherwise the nearest *subject*: an actor mention that is not the object of a
  preposition, a verb or an infinitive ("to stop Iran"; one right before a finite speech
  verb is a subject: "days after Trump said", one before a participle is not: "a letter to
  Khamenei urging talks"; "a US proposal" and "the US offer" are modifiers), a pronoun
  ("he", "his statements") resolved to the nearest subject person before it, "they"
  outside a quote resolved to the last organisation or group, the antecedent of
  "who"/"which", or an unnamed holder ("officials", "sources": kept with an empty
  ``actor_id`` and the words in ``holder``; not one right after an object verb or
  preposition: "told air force commanders"). Quoted words inside the clause, a subject
  inside an *if*/*unless* clause and a phrase that opens the sentence before a comma
  ("Speaking to commanders, ...") are not subjects;
- a subject reported by someone ("X said Israel seeks war") is the holder when it is a
  country other than the teller's own (kept as an unnamed holder, ``holder_how="state"``)
  or a named actor; the teller holds it when the subject is the teller's own country
  ("Tehran will not enter a war"), when the clause is the teller's *should* ("X said Israel
  should not retaliate") or wish ("he hoped Iran would negotiate"); an organisation of
  the teller's own country holds it together with the teller ("the Guards support the
  talks, their spokesman said");
- a cue whose subject undergoes it (a threat: "Israel will regret it", "will face a
  crushing response") or whose own words are the subject ("talks with the US are futile")
  belongs to whoever says it: the subject of the speech verb before it, the quote's speaker
  or an attribution after it ("..., he said");
- before a "to"-infinitive cue, mentions after a directive verb are its objects and skipped;
- inside a direct quote, first person ("I", "we") is the quote's speaker (``quotes`` table),
  unless a third party is the subject of a speech verb in the quote ("the Supreme Leader
  said we will not talk"): then that third party holds it (``holder_how="reported"``); a
  fragment quoted inside a reported clause ('X said Israel would face "a crushing
  response"') is read as part of that clause. Outside quotes, "X stated that we will not
  negotiate" is X's.

A cue with no holder gives no record: nobody gets a stance for being named. A cue whose topic
target is not in reach counts when it is named from a holder's side (``target`` rows with a
country: an Israeli official's "strike Iran" is on war_with_israel). Where each record was
said (its channel) is ``helpers.stance_channel``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from helpers.datafiles import data_path
from helpers.stance_channel import channel_for
from helpers.stance_cues import (
    Cue,
    channel_matches,
    clause_prefix,
    conditional,
    find_cues,
    load_lexicon,
    names_topic,
    negated,
)

CONTEXT_SENTENCES = 3

_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]")
_QUOTE_OPEN, _QUOTE_STRAIGHT = "\u201c", '"'
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
    "represent thanked congratulated invited lobbied praised accusing accuses warning "
    "cautioning reminding reminded assuring assured want wants wanted wanting see sees "
    "saw let lets allow allows prevent prevents prevented keep keeps kept".split()
)
_NP_WORDS = frozenset(
    "the a an his her its their our my your this these those newly elected former top senior "
    "chief ruler leader leaders president minister commander commanders spokesman "
    "spokeswoman advisor adviser envoy counterpart cleric general head official security "
    "foreign military political supreme prime deputy vice powerful reformist hardline "
    "conservative late new economy strategic affairs justice national ministry world regime "
    "ally lawmaker sir mr mrs dr and or two three four several some many government "
    "leadership administration office".split()
)
_DETERMINERS = frozenset("a an the its their his her our this these those no any every".split())
_CLAUSE_STOPS = frozenset(",;:([\u2014\u2013")
_PARTICIPLE = re.compile(r"(?i:\w+(?:ed|en)|told|sent|said|forbidden)\b")
# participles that after "is/was" describe a state, not a passive ("was not opposed to talks")
_STATIVE = frozenset("opposed committed determined prepared inclined interested resolved "
                     "dedicated devoted".split())
_OFFICE_WORDS = frozenset("office camp government administration".split())
_NEXT_AFTER_POSSESSIVE = re.compile(r"['\u2019]s?\s+(\w+)")
_QUOTE_CHARS = frozenset('"\u201c\u201d\u2018\u2019')
_ACCUSED_REACH = 8
_PARENTHESIS_REACH = 30
_RELATIVE_OPENERS = frozenset("which who whose where".split())
_OPENING_WORDS = frozenset(
    "speaking addressing writing talking visiting asked answering responding in on at during "
    "after before following since".split())
_PARENTHESIS_OPENERS = frozenset(
    "who which whose a an the his her its their speaking writing addressing visiting "
    "according in on at during after before".split())


@lru_cache(maxsize=1)
def _register() -> dict:
    """``actor_id -> (kind, country)`` from the actor register, if present."""
    path = data_path("actors.csv")
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["actor_id"]: (row["kind"], (row.get("country") or "").strip())
                for row in csv.DictReader(handle)}


def actor_kinds() -> dict:
    """``actor_id -> kind`` from the actor register (``helpers/data/actors.csv``), if present."""
    return {actor_id: kind for actor_id, (kind, _) in _register().items()}


def actor_countries() -> dict:
    """``actor_id -> country`` from the actor register (empty when it names none)."""
    return {actor_id: country for actor_id, (_, country) in _register().items()}


def _anchor_spans(tokens: list[tuple], lowered: list[str], anchor_words: dict) -> list[tuple]:
    """(start, end, phrase) of the speech and directive phrases among the tokens; a
    capitalised word after the first is a name, not a verb ("the United States")."""
    spans = []
    for index, word in enumerate(lowered):
        if word not in anchor_words or (index > 0 and tokens[index][2][:1].isupper()):
            continue
        for words in anchor_words[word]:
            if tuple(lowered[index:index + len(words)]) == words:
                spans.append((tokens[index][0], tokens[index + len(words) - 1][1],
                              " ".join(words)))
                break
    return spans


# ---------------------------------------------------------------- one sentence, one cue


@dataclass
class Holder:
    """Who holds a stance: a register id (empty when unnamed), the words, and how found."""

    actor_id: str
    holder: str
    how: str
    public: bool = False
    anchor: int = -1  # start of the speech or directive verb that gave the holder, if any
    also: Holder | None = None  # the teller, who holds it too (an organisation's spokesman)


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
    words = _words_before(text, start)
    for back in range(len(words) - 1, -1, -1):
        word = words[back]
        if word in _CLAUSE_STOPS:
            return False
        if word in _QUOTE_CHARS:
            continue
        lower = word.lower()
        if lower == "of" and _in_title(words, back):
            continue
        if lower in _PREPOSITIONS or lower in _OBJECT_VERBS:
            return True
        if not (word[0].isupper() or lower in _NP_WORDS or any(c.isdigit() for c in word)
                or _POSSESSIVE.search(word)):
            # the object of an infinitive ("to stop Iran")
            return steps == 0 and back >= 1 and words[back - 1].lower() == "to"
        steps += 1
        if steps >= 8:
            break
    return False


def _in_title(words: list[str], index: int) -> bool:
    """Whether the "of" at ``index`` joins a capitalised title ("Secretary of State")."""
    before = words[index - 1] if index > 0 else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    if after.lower() == "the" and index + 2 < len(words):
        after = words[index + 2]
    return before[:1].isupper() and after[:1].isupper()


class SentenceView:
    """One sentence with its tokens, mentions, speech anchors and the article's state."""

    def __init__(self, text, mentions, lexicon, kinds, countries, last_person,
                 last_group=None):
        self.text = text
        self.mentions = mentions
        self.lexicon = lexicon
        self.kinds = kinds
        self.countries = countries
        self.last_person = last_person
        self.last_group = last_group
        self.tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.lowered = [t[2].lower() for t in self.tokens]
        self.token_ends = [t[1] for t in self.tokens]
        self.anchors = _anchor_spans(self.tokens, self.lowered, lexicon.anchor_words)
        self.speaker: Holder | None = None
        self.cue: Cue | None = None
        self.quotes: list = []  # the spans in quotation marks

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

    def object_like(self, mention: Mention) -> bool:
        """Whether a mention is an object; one right before a finite speech verb is a subject
        ("days after Trump said ..."), one before a participle is not ("a letter to
        Khamenei urging talks")."""
        if not _object_like(self.text, mention.start):
            return False
        index = self.token_index_before(mention.end) + 1
        if index >= len(self.tokens):
            return True
        anchor = self.anchor_at(self.tokens[index][0])
        return anchor is None or anchor[2].split()[0].endswith("ing")

    def resolve_pronoun(self, pos: int) -> Holder | None:
        """A pronoun refers to the nearest subject person before it, here or earlier."""
        for mention in reversed(self.mentions):
            if (mention.end <= pos and self.is_person(mention.actor_id)
                    and not self.object_like(mention)):
                return self.named(mention, "pronoun")
        if self.last_person is not None:
            return Holder(self.last_person.actor_id, self.last_person.holder, "pronoun")
        return None

    def resolve_group(self, pos: int) -> Holder | None:
        """ "They" outside a quote: the nearest subject organisation or group before it."""
        for mention in reversed(self.mentions):
            if (mention.end <= pos and not self.is_person(mention.actor_id)
                    and not _object_like(self.text, mention.start)):
                return self.named(mention, "pronoun")
        if self.last_group is not None:
            return Holder(self.last_group.actor_id, self.last_group.holder, "pronoun")
        return None

    # -- the backward scan
    def holder_before(self, pos: int, low: int, need_anchor: bool = False) -> Holder | None:
        """Who holds what is said at ``pos``, scanning back to ``low``; None when nobody.

        ``need_anchor``: only a holder reached through a speech verb or stance noun counts
        (used to find who said "Tehran will ...").
        """
        index = self.token_index_before(pos)
        infinitive = index >= 0 and self.lowered[index] == "to" or (
            index > 0 and self.tokens[index][2] in _QUOTE_CHARS
            and self.lowered[index - 1] == "to")
        we_said = False
        while index >= 0 and self.tokens[index][0] >= low:
            start, _, word = self.tokens[index]
            lower = self.lowered[index]
            quoted = None if self.speaker is not None else next(
                (q for q in self.quotes if q[0] <= start < q[1] and q[1] <= pos), None)
            if quoted is not None:  # someone's quoted words are not the clause around them
                index = self.token_index_before(quoted[0])
                continue
            mention = self.mention_at(start)
            if mention is not None:
                if (infinitive and self.directive_before(mention.start)) or (
                        self.in_condition(mention.start)):
                    found = None
                else:
                    found = self._from_mention(mention, low, need_anchor or we_said, pos)
                if found is not None:
                    return found
                index = self.token_index_before(mention.start)
                continue
            if word == ":":
                teller = self.colon_teller(index, low)
                if teller is not None:
                    return teller
            if word == ",":
                if self.ends_opening_phrase(index, low):
                    return None  # "Speaking to commanders, ...": the subject came after it
                index = self.before_apposition(index)
                continue
            if lower == "that" and index > 0 and self.lowered[index - 1] == "and":
                # "X said A, and that B": B has the teller of A
                said = [a for a in self.anchors if a[1] <= self.tokens[index - 1][0]
                        and not any(q[0] <= a[0] < q[1] for q in self.quotes)]
                if said:
                    return self._from_anchor(said[-1], pos, low)
            if lower in ("of", "for") and not (need_anchor or we_said) and (
                    self.clause_reaches(index, pos)) and not self.and_verb_between(index, pos):
                accused = self._accused(index)
                if accused is not None:
                    return accused
            anchor = self.anchor_at(start)
            if anchor is not None and not self.used_as_noun(anchor, index):
                return self._from_anchor(anchor, pos, low)
            if lower in ("he", "she"):
                return _STOP if need_anchor or we_said else self.resolve_pronoun(start)
            if lower in ("you", "they") and we_said:
                pass
            elif lower == "we" and self.speaker is None and self.anchors:
                we_said = True  # "X stated that we will not negotiate": X's side
            elif lower == "they" and self.speaker is None:
                return _STOP if need_anchor else self.resolve_group(start) or _STOP
            elif lower in ("you", "they", "i") or (lower == "we" and self.speaker is None):
                if lower == "i" and self.speaker is not None and not need_anchor:
                    return self.speaker
                return _STOP
            elif lower == "we":
                we_said = True
            elif lower in ("who", "which"):
                return _STOP if need_anchor or we_said else self._antecedent(index)
            elif lower in self.lexicon.stance_nouns:
                cue_at = self.cue.start if self.cue is not None else pos
                found = self._from_noun(index, pos, self.heads(index, cue_at))
                if found is not None:
                    return found
            elif lower in self.lexicon.state_countries and word[0].isupper() and not (
                    _POSSESSIVE.search(word) or _object_like(self.text, start)
                    or self.modifies_next(index) or self.in_condition(start)):
                if self.coordinated(index):
                    index -= 1  # "Israel and the United States": one subject
                    continue
                if need_anchor or we_said:
                    return _STOP
                state = Holder("", self.noun_phrase(index), "state")
                return self._reported(state, "state", self.lexicon.state_countries[lower],
                                      start, low, pos)
            elif self.lexicon.unnamed.fullmatch(word) and not (
                    _object_like(self.text, start) or self.object_nearby(index)):
                if need_anchor or we_said:
                    return _STOP
                unnamed = Holder("", self.noun_phrase(index), "unnamed")
                if self.teller_holds(start, pos):
                    return _found(self.holder_before(start, low, need_anchor=True)) or (
                        self.speaker or _STOP)
                return unnamed
            index -= 1
        if we_said and not need_anchor:
            return self.speaker
        return None

    def heads(self, index: int, cue_at: int) -> bool:
        """Whether the stance noun at ``index`` heads the cue at ``cue_at`` ("calls for
        restraint"): at most two words between, none of them "that" or a name ("a phone
        call that Tehran sought ..." does not)."""
        last = self.token_index_before(cue_at)
        return last - index <= 2 and not any(
            self.lowered[i] == "that" or self.tokens[i][2][:1].isupper()
            for i in range(index + 1, last + 1))

    def after_speech_verb(self, index: int) -> bool:
        """Whether the preposition at ``index`` belongs to the speech verb before it
        ("hinted at a readiness", "spoke of the need")."""
        return index > 0 and self.anchor_at(self.tokens[index - 1][0]) is not None

    def object_nearby(self, index: int) -> bool:
        """Whether a preposition or an object-taking verb stands within the three words
        before token ``index`` in its clause ("told air force commanders")."""
        for back in range(index - 1, max(index - 4, -1), -1):
            word = self.lowered[back]
            if word in _CLAUSE_STOPS:
                return False
            if word in _PREPOSITIONS or word in _OBJECT_VERBS:
                return True
        return False

    def colon_teller(self, index: int, low: int) -> Holder | None:
        """The teller of a headline-style attribution: a name alone before the colon at
        ``index`` ("Araghchi: Iran ready for talks")."""
        first = self.token_index_before(low) + 1
        while first < index and self.tokens[first][2] in _QUOTE_CHARS:
            first += 1
        if first >= index:
            return None
        mention = self.mention_at(self.tokens[first][0])
        if mention is None or self.token_index_before(mention.end) != index - 1:
            return None
        return Holder(mention.actor_id, mention.surface, "subject", True,
                      self.tokens[index][0])

    def office_of(self, mention: Mention) -> bool:
        """Whether a possessive mention names whose office speaks ("Netanyahu's office
        said"): the office's words are the mention's."""
        following = _NEXT_AFTER_POSSESSIVE.match(self.text, mention.end)
        return bool(following) and following.group(1).lower() in _OFFICE_WORDS

    def cited(self, mention: Mention) -> bool:
        """Whether a mention is the source cited by "according to" ("According to
        Araghchi, ..."): the one who tells the clause."""
        index = self.token_index_before(mention.start)
        return index >= 1 and self.lowered[index] == "to" and (
            self.lowered[index - 1] == "according") and not self.possessive(mention)

    def modifies_next(self, index: int) -> bool:
        """Whether the word at ``index`` qualifies a following capitalised word or name
        ("US Secretary of State", "Israel Katz"), follows a possessive ("next month's US
        election") or "a" ("a US proposal"), or heads a stance noun ("the US offer") rather
        than being the subject itself."""
        if index > 0 and (_POSSESSIVE.search(self.tokens[index - 1][2])
                          or self.lowered[index - 1] in ("a", "an")):
            return True
        if index + 1 >= len(self.tokens):
            return False
        following = self.tokens[index + 1]
        return (following[2][:1].isupper() or self.mention_at(following[0]) is not None
                or following[2] in self.lexicon.stance_nouns)

    def ends_opening_phrase(self, index: int, low: int) -> bool:
        """Whether the comma at ``index`` closes a participle or prepositional phrase that
        opens the clause ("Speaking to reporters, ...", "In a speech on Sunday, ...")."""
        first = self.token_index_before(low) + 1
        while first < index and self.tokens[first][2] in _QUOTE_CHARS:
            first += 1
        if first >= index or self.lowered[first] not in _OPENING_WORDS:
            return False
        return not any(self.tokens[i][2] in _CLAUSE_STOPS for i in range(first, index))

    def coordinated(self, index: int) -> bool:
        """Whether the word at ``index`` is the second of two joined by and/or."""
        before = index - 1
        if before >= 0 and self.lowered[before] == "the":
            before -= 1
        return before >= 1 and self.lowered[before] in ("and", "or")

    def found_before(self, pos: int, low: int) -> Holder | None:
        """The holder of what is said at ``pos`` (None for nobody)."""
        return _found(self.holder_before(pos, low))

    def teller_before(self, pos: int, low: int) -> Holder | None:
        """Who says what stands at ``pos``: the holder reached through a speech verb or
        stance noun, else the subject of the last speech verb before it."""
        found = _found(self.holder_before(pos, low, need_anchor=True))
        if found is not None:
            return found
        anchors = [a for a in self.anchors if low <= a[0] and a[1] <= pos
                   and not self.used_as_noun(a, self.token_index_before(a[1]))
                   and not any(q[0] <= a[0] < q[1] for q in self.quotes)]
        return _found(self._from_anchor(anchors[-1], pos, low)) if anchors else None

    def in_condition(self, start: int) -> bool:
        """Whether ``start`` lies in a clause that opens with if/unless ("Unless Israel
        attacks again, there will be no response": Israel holds nothing)."""
        clause = max(self.text.rfind(c, 0, start) for c in ",;:")
        return bool(self.lexicon.condition.search(self.text, clause + 1, start))

    def before_apposition(self, index: int) -> int:
        """Scanning back at a comma: the token before a name's apposition ("Donald Trump,
        the Republican candidate, took ..." goes on at "Trump"), else the one before it."""
        for back in range(index - 1, max(index - 16, 0), -1):
            if self.tokens[back][2] == ",":
                opener = self.lowered[back + 1]
                if opener in _RELATIVE_OPENERS or (
                        opener in _PARENTHESIS_OPENERS
                        and self.mention_at(self.tokens[back - 1][0]) is not None):
                    return back - 1
                break
        return index - 1

    def used_as_noun(self, anchor, index: int) -> bool:
        """ "calls for" after "despite"/"the"/"his" is a noun, not a verb."""
        first = anchor[2].split()[0]
        if first not in self.lexicon.stance_nouns or index == 0:
            return False
        while index > 0 and self.tokens[index][0] > anchor[0]:
            index -= 1
        return self.noun_use(index)

    def noun_use(self, index: int) -> bool:
        """Whether the word at token ``index`` follows a preposition, determiner or
        possessive (so "calls" in "despite calls for" is a noun)."""
        before = self.tokens[index - 1][2].lower() if index > 0 else ""
        return (before in _PREPOSITIONS and before != "to") or before in _DETERMINERS or bool(
            _POSSESSIVE.search(before))

    def _from_mention(self, mention: Mention, low: int, need_anchor: bool, pos: int):
        if self.cited(mention):
            return Holder(mention.actor_id, mention.surface, "subject", True, mention.start)
        if self.possessive(mention) and not self.office_of(mention):
            after = self.text[mention.end:mention.end + 40].lower().split()[1:3]
            if any(w.strip(",.") in self.lexicon.stance_nouns for w in after):
                return _STOP if need_anchor else self.named(mention, "possessive")
            return None
        if self.object_like(mention):
            return None
        if need_anchor:
            return _STOP
        kind = self.kinds.get(mention.actor_id, "person")
        return self._reported(self.named(mention, "subject"), kind,
                              self.countries.get(mention.actor_id, ""), mention.start, low, pos)

    def _reported(self, subject: Holder, kind: str, country: str, start: int, low: int,
                  pos: int) -> Holder:
        """The holder when ``subject`` (at ``start``) is the subject of a cue at ``pos``
        that someone may be telling (the module notes: a country, a should, a patient)."""
        tells = self.teller_holds(start, pos)
        too = self.cue is not None and self.cue.teller_too
        if kind == "person" and not (tells or too):
            return subject
        teller = _found(self.holder_before(start, low, need_anchor=True)) or self.speaker or (
            _postposed(self, self.cue.end) if self.cue is not None else None)
        if teller is None:
            return _STOP if tells and kind == "person" else subject
        if tells:
            return teller
        if too and teller.actor_id and teller.actor_id != subject.actor_id:
            return replace(subject, also=teller)
        same = not country or not teller.actor_id or (
            self.countries.get(teller.actor_id, "") in ("", country))
        if kind == "state":
            return teller if same else subject
        if same and teller.actor_id and teller.actor_id != subject.actor_id:
            return replace(subject, also=teller)
        return subject

    def teller_holds(self, start: int, pos: int) -> bool:
        """Whether the one who tells a subject's clause holds its stance: the subject
        undergoes the cue ("Israel will regret it"), the clause is a should, or it is
        what the teller hopes or wants ("he hoped Iran would negotiate"). Only the cue's
        own clause subject counts (no speech verb between it and the cue)."""
        if self.cue is None or any(start < a[0] < self.cue.start for a in self.anchors):
            return False
        return self.cue.patient or self.wished(start) or bool(
            self.lexicon.deontic.search(self.text, start, self.cue.end))

    def wished(self, start: int) -> bool:
        """Whether the clause at ``start`` follows a verb of wishing ("hoped (that)")."""
        index = self.token_index_before(start)
        if index >= 0 and self.lowered[index] == "that":
            index -= 1
        return index >= 0 and self.lowered[index] in self.lexicon.wish_verbs

    def clause_reaches(self, index: int, pos: int, reach: int = _ACCUSED_REACH) -> bool:
        """Whether the words from token ``index`` to ``pos`` are one clause (no comma)."""
        last = self.token_index_before(pos)
        return last - index <= reach and not any(
            self.tokens[i][2] in _CLAUSE_STOPS for i in range(index, last + 1))

    def and_verb_between(self, index: int, pos: int) -> bool:
        """Whether "and" before a speech verb stands between token ``index`` and ``pos``
        ("X accused Y of A and said B": B is X's, not Y's)."""
        last = min(self.token_index_before(pos) + 1, len(self.tokens) - 1)
        return any(self.lowered[i] == "and" and self.anchor_at(self.tokens[i + 1][0])
                   for i in range(index, last))

    def _accused(self, index: int) -> Holder | None:
        """ "X accused Y of <cue>" (also "of A and of <cue>"): Y, a mention or else the
        words before the first *of*, holds what follows."""
        of = index
        for back in range(index - 1, max(index - 2 * _ACCUSED_REACH, -1), -1):
            word, lower = self.tokens[back][2], self.lowered[back]
            if lower in self.lexicon.accuse_verbs:
                if of == back + 1:
                    return None
                low, high = self.tokens[back][1], self.tokens[of - 1][1]
                for mention in self.mentions:
                    if low <= mention.start < high:
                        return self.named(mention, "accused")
                return Holder("", self.text[low:high].strip(), "accused")
            if word in _CLAUSE_STOPS or self.anchor_at(self.tokens[back][0]) is not None:
                return None
            if lower in ("of", "for"):
                of = back
        return None

    def _from_anchor(self, anchor, pos: int, low: int) -> Holder | None:
        start, end, phrase = anchor
        public = self.lexicon.anchors[phrase][1]
        if _PARTICIPLE.match(phrase) and self.passive_before(start):
            found = self.agent_after(end, pos)
        else:
            earlier = self.coordinated_with(start)
            if earlier is not None:
                return self._from_anchor(earlier, pos, low)
            found = self.holder_before(self.before_parenthesis(start), low)
            if found is not None and found is not _STOP and found.actor_id:
                found.public = found.public or public
        return found if found is None or found is _STOP else replace(found, anchor=start)

    def coordinated_with(self, start: int):
        """The earlier speech verb that a verb at ``start`` is coordinated with ("X said
        ... and stressed that ...": stressed has said's subject), or None."""
        index = self.token_index_before(start)
        while index >= 0 and self.tokens[index][2] in _QUOTE_CHARS | {","}:
            index -= 1
        if index < 0 or self.lowered[index] != "and":
            return None
        earlier = [a for a in self.anchors if a[1] <= self.tokens[index][0]
                   and not self.used_as_noun(a, self.token_index_before(a[1]))]
        return earlier[-1] if earlier else None

    def before_parenthesis(self, start: int) -> int:
        """Where the subject of a verb at ``start`` ends when a phrase in commas stands
        between them ("Araqchi, who helped negotiate the deal that Trump abandoned, said")."""
        index = self.token_index_before(start)
        if index < 1 or self.tokens[index][2] != ",":
            return start
        for back in range(index - 1, max(index - _PARENTHESIS_REACH, 0), -1):
            if self.tokens[back][2] == "," and self.lowered[back + 1] in _PARENTHESIS_OPENERS \
                    and self.tokens[back - 1][2][:1].isupper():
                return self.tokens[back][0]
        return start

    def passive_before(self, start: int) -> bool:
        """A form of "be" within the two words before ``start`` ("was strongly advised")."""
        index = self.token_index_before(start)
        words = [w.lower() for _, _, w in self.tokens[max(0, index - 1):index + 1]
                 if w not in ("[", "]")]
        return any(w in _BE for w in words)

    def agent_after(self, start: int, pos: int) -> Holder | None:
        """The agent of a passive ("advised by senior officials"), or nobody."""
        match = re.match(r"\s+by\s+(?:the\s+)?", self.text[start:pos])
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

    def _from_noun(self, index: int, pos: int, heads_cue: bool):
        """A stance noun: its possessor, its "by" agent, nobody when it heads the cue inside
        a prepositional phrase ("despite calls for restraint"), or keep going."""
        for back in range(index - 1, max(index - 4, -1), -1):
            start, _, word = self.tokens[back]
            lower = word.lower()
            mention = self.mention_at(start)
            if mention is not None:
                return self.named(mention, "possessive") if self.possessive(mention) else None
            if lower in ("his", "her"):
                return self.resolve_pronoun(start) or _STOP
            if lower in _PREPOSITIONS:
                return _STOP if heads_cue and not self.after_speech_verb(back) else None
            if lower in ("a", "an", "the", "its", "their", "this", "these", "those"):
                if back > 0 and self.tokens[back - 1][2].lower() in _PREPOSITIONS:
                    return _STOP if heads_cue and not self.after_speech_verb(back - 1) else None
                break
            if not heads_cue and not self.clause_reaches(index, pos, reach=len(self.tokens)):
                return None  # a stance noun in an earlier clause ("answered Trump's letter, ...")
            if _POSSESSIVE.search(word):
                country = self.lexicon.state_countries.get(_POSSESSIVE.sub("", lower))
                if country is None:
                    return _STOP
                return self._reported(Holder("", _POSSESSIVE.sub("", word), "state"), "state",
                                      country, start, 0, pos)
        return self.agent_after(self.tokens[index][1], pos)

    def noun_cue_holder(self, cue: Cue) -> Holder | None:
        """The holder of a cue that opens with a stance noun used as a noun ("Trump's push
        for a deal", "despite calls for restraint"), or None when it opens otherwise."""
        index = self.token_index_before(cue.start) + 1
        if index >= len(self.tokens) or self.lowered[index] not in self.lexicon.stance_nouns:
            return None
        if not self.noun_use(index):
            return None
        found = self._from_noun(index, cue.end, True)
        if found is not None:
            return found
        return None if self.object_of_verb(index) else _STOP

    def object_of_verb(self, index: int) -> bool:
        """Whether the stance noun at ``index`` is the object of a verb after its
        determiner ("signalled an openness to dialogue": the verb's subject holds it), not
        inside a prepositional phrase ("despite the calls for restraint")."""
        if index < 2 or self.lowered[index - 1] not in _DETERMINERS:
            return False
        before = self.tokens[index - 2][2]
        if before in _PREPOSITIONS:
            return self.after_speech_verb(index - 2)  # "hinted at a readiness"
        return before.islower() and before not in self.lexicon.stance_nouns


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


def _target_in_reach(topic, scope, position, sentences, has_target, skip=()) -> bool:
    """Whether a target word of ``topic`` is where the cue's ``target`` scope says.

    ``has_target(topic, position, skip)``: whether that sentence has a target word of the
    topic outside the ``skip`` spans (the cue's own words, in its own sentence).
    """
    if scope == "self":
        return True
    if has_target(topic, position, skip):
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

    def __init__(self, sentence_rows, mention_rows, quote_rows, kinds, countries, lexicon):
        self.rows = sentence_rows
        self.quote_rows = quote_rows
        self.kinds = kinds
        self.countries = countries
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
        self._people: dict[tuple, Holder | None] = {}
        self._targets: dict[tuple, bool] = {}

    def view(self, position: int, last_person, last_group=None) -> SentenceView:
        sentence_idx, text = self.rows[position][:2]
        view = SentenceView(text, self.mentions.get(sentence_idx, []), self.lexicon,
                            self.kinds, self.countries, last_person, last_group)
        view.quotes = self.quote_spans.get(position, [])
        return view

    def channels(self, position: int) -> list:
        if position not in self._channels:
            self._channels[position] = channel_matches(self.rows[position][1], self.lexicon)
        return self._channels[position]

    def has_target(self, topic: str, position: int, skip=(), side: str = "") -> bool:
        """Whether the sentence has a target word of ``topic`` (from ``side``) outside
        ``skip``."""
        if skip:
            return names_topic(self.rows[position][1], topic, self.lexicon, skip, side)
        key = (topic, position, side)
        if key not in self._targets:
            self._targets[key] = names_topic(self.rows[position][1], topic, self.lexicon,
                                             side=side)
        return self._targets[key]

    def target_in_reach(self, cue: Cue, position: int, side: str = "") -> bool:
        def has_target(topic, other, skip=()):
            return self.has_target(topic, other, skip, side)
        return _target_in_reach(cue.topic, cue.target, position, self.rows, has_target,
                                cue.spans or ((cue.start, cue.end),))

    def side_in_reach(self, cue: Cue, position: int, holder: Holder) -> bool:
        """Whether the cue's topic is named from the side of one of its holders (an
        Israeli official's "strike Iran" is on war_with_israel)."""
        for who in (holder, holder.also):
            if who is None:
                continue
            side = self.countries.get(who.actor_id, "") if who.actor_id else (
                self.lexicon.state_countries.get(who.holder.split()[-1].lower(), "")
                if who.how == "state" and who.holder else "")
            if (cue.topic, side) in self.lexicon.side_targets and self.target_in_reach(
                    cue, position, side):
                return True
        return False

    def person_before(self, position: int, people: bool = True) -> Holder | None:
        """The last person (or, with ``people=False``, organisation or group) named as a
        subject in the sentences before ``position``."""
        for earlier in range(position - 1, -1, -1):
            key = (earlier, people)
            if key not in self._people:
                self._people[key] = self._subject(earlier, people)
            if self._people[key] is not None:
                return self._people[key]
        return None

    def _subject(self, position: int, person: bool) -> Holder | None:
        """The last person (or non-person) mention of a sentence that is not an object."""
        sentence_idx, text = self.rows[position][:2]
        for mention in reversed(self.mentions.get(sentence_idx, [])):
            if ((self.kinds.get(mention.actor_id, "person") == "person") == person
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
                holder = _postposed(self.view(later, None), closing[0] - 1)
                return holder if holder is None else Holder(
                    holder.actor_id, holder.holder, "speaker", True)
        return None

    def names(self, position: int, actor_id: str) -> bool:
        """Whether the sentence at ``position`` has a mention of ``actor_id``."""
        return any(m.actor_id == actor_id for m in self.mentions.get(self.rows[position][0], []))

def _quote_range(quote_rows, sentence_idx):
    for first, last, _, _, _ in quote_rows:
        if first <= sentence_idx <= last:
            return first, last
    return None


def article_stances(article_id, published, sentence_rows, mention_rows, quote_rows,
                    kinds, countries=None) -> list[dict]:
    """Stance records of one article.

    ``sentence_rows``: (sentence_idx, text, paragraph_idx, is_heading) in order;
    ``mention_rows``: (sentence_idx, start, end, actor_id, surface);
    ``quote_rows``: (sentence_idx, last_sentence_idx, speaker_id, speaker, kind);
    ``countries``: actor id -> country (default: the register's).
    """
    lexicon = load_lexicon()
    countries = actor_countries() if countries is None else countries
    article = ArticleView(sentence_rows, mention_rows, quote_rows, kinds, countries, lexicon)
    records: dict[tuple, dict] = {}
    for position, (sentence_idx, text, paragraph_idx, is_heading) in enumerate(sentence_rows):
        if is_heading:
            continue
        cues = find_cues(text, lexicon)
        if not cues:
            continue
        view = article.view(position, article.person_before(position),
                            article.person_before(position, people=False))
        for cue in cues:
            for record in _cue_records(cue, view, position, article):
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


def _cue_records(cue: Cue, view: SentenceView, position: int, article: ArticleView) -> list[dict]:
    lexicon = article.lexicon
    region = next((s for s in article.quote_spans.get(position, [])
                   if s[0] <= cue.start < s[1]), None)
    prefix = clause_prefix(view.text, region[0] if region else 0, cue.start)
    in_reach = article.target_in_reach(cue, position)
    if conditional(prefix, lexicon) or not (
            in_reach or any(topic == cue.topic for topic, _ in lexicon.side_targets)):
        return []
    flip = negated(prefix, cue, lexicon)
    speaker = article.quote_speaker(position) if region else None
    view.cue = cue
    if cue.agent:
        holder = view.agent_after(cue.end, len(view.text))
    elif cue.lead in ("pro", "con", "") and _PARTICIPLE.match(cue.words) and (
            cue.words.split()[0].lower() not in _STATIVE) and view.passive_before(cue.start):
        holder = view.agent_after(_WORD.match(view.text, cue.start).end(), len(view.text))
    elif cue.subject_inside or cue.patient:
        holder = _teller(view, cue, region, speaker)
    else:
        holder = view.noun_cue_holder(cue)
        if holder is None:
            holder = _find_holder(view, cue.start, cue.end, region, speaker)
        holder = _found(holder)
    view.cue = None
    if holder is None or not (in_reach or article.side_in_reach(cue, position, holder)):
        return []
    stance = cue.stance
    if flip and stance != "neutral":
        stance = "against" if stance == "favor" else "favor"
    out = []
    for who in (holder, holder.also):
        if who is None:
            continue
        channel, channel_cue, channel_sentence_idx = channel_for(
            article, who, view, region, cue, position,
            _quote_range(article.quote_rows, article.rows[position][0]))
        out.append({
            "actor_id": who.actor_id, "topic": cue.topic, "stance": stance,
            "channel": channel, "cue": cue.words, "holder": who.holder,
            "holder_how": who.how, "channel_cue": channel_cue,
            "channel_sentence_idx": channel_sentence_idx,
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
        if any(a[1] <= region[0] for a in view.anchors):
            # a fragment quoted inside a reported clause: that clause's holder
            holder = _found(view.holder_before(region[0], 0))
            if holder is not None:
                return holder
        if speaker is not None:
            return Holder(speaker.actor_id, speaker.holder, "speaker", speaker.public)
        holder = view.holder_before(region[0], 0)
        return _found(holder) if holder is not None else _postposed(view, region[1])
    holder = view.holder_before(start, 0)
    return _found(holder) if holder is not None else _postposed(view, end)


def _teller(view: SentenceView, cue: Cue, region, speaker) -> Holder | None:
    """Who says a cue that is its clause's own subject ("talks with the US are futile"):
    the subject of a speech verb or the possessor of a stance noun before it, else the
    quote's speaker, else an attribution after it; nobody in the author's own voice."""
    low = region[0] if region else 0
    found = view.teller_before(cue.start, low)
    if found is not None:
        return found
    if region is not None:
        return speaker if speaker is not None else _postposed(view, region[1])
    return _postposed(view, cue.end)


_POSTPOSED_GAP = re.compile(r"[^.;]*?,?\s*[\"\u201d]?\s*(?:(?:said|says|told|wrote|added|warned|"
                            r"stressed|insisted|assessed|according to)\s+)?(?:the\s+)*")
_POSTPOSED_VERB = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:said|says|told|wrote|added|warned|stressed|insisted|assessed)\b")


_POSTPOSED_PRONOUN = re.compile(r"[^.;]*?,\s*[\"\u201d]?\s*(?:he|she) (?:said|says|told|wrote|"
                                r"added|warned|stressed|insisted)\b")


def _postposed(view: SentenceView, after: int) -> Holder | None:
    """An attribution after the words: "..., Araqchi said", "..., said Araqchi", or
    "..., he said" (the pronoun resolved as a subject pronoun)."""
    pronoun = _POSTPOSED_PRONOUN.match(view.text, after)
    if pronoun is not None and not any(after <= m.start < pronoun.end() for m in view.mentions):
        holder = view.resolve_pronoun(after)
        return holder if holder is None else replace(holder, public=True)
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
