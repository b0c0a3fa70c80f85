"""Who a speaker phrase without an actor points back to, read through an article in order.

The quotes step tells a ``SpeakerMemory`` every actor mentioned outside quotes, every actor
that is the subject of a sentence and every speaker it attributes. A speaker phrase that
names no actor is then resolved from what came before it:

- "he" or "she": the last person who spoke or opened a sentence; "it": the last
  organisation (or unnamed plural); "they": the last speaker or subject of any kind;
- a definite description ("the president", "the 64-year-old", "the agency"): the speaker
  just before it when that speaker's words hold the description's head noun; else the most
  recent actor mentioned in the last ``REACH`` sentences whose register name, aliases or
  office (its ``role`` before "of", "to", ...) hold it ("president" in "President of
  Iran", "agency" in "International Atomic Energy Agency"); else, for an epithet that any
  person may carry (``epithet`` words of ``speaker_references.csv``, an age such as "the
  64-year-old"), the last person, if they were in the last ``REACH`` sentences;
- a document ("the statement", ``document`` words): the last speaker or subject.

Only the actor id is filled in; the phrase as written stays the speaker description. A
quote opening a paragraph with no attribution of its own continues the last speaker of
its paragraph, or the speaker of a direct quote in the paragraph before it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.datafiles import read_data_text

REACH = 4  # sentences back that a description or a document may point to
_PRONOUNS = {"he", "she", "it", "they"}
_DESCRIPTION = re.compile(r"the\s+((?:[\w'\u2019.-]+\s+){0,3})([\w'\u2019-]+)", re.I)
_AGE = re.compile(r"\d+-year-old")
_WORD = re.compile(r"[a-z]+")
_ROLE_TAIL = re.compile(r"\s(?:of|to|for|at|from|in|with)\s|\(")
_NOT_HEADS = frozenset("the of and for to in on at by with from former new".split())


@dataclass(slots=True)
class _Seen:
    actor_id: str
    speaker: str
    key: int
    sentence_idx: int
    quoted: bool = False  # the speaker of a direct quote


@dataclass(frozen=True, slots=True)
class _Actor:
    person: bool
    words: frozenset[str]  # singular lower-case words of its names and role


@lru_cache(maxsize=1)
def _actors() -> dict[str, _Actor]:
    from helpers.actors import load_register

    actors = {}
    for row in load_register().to_dict("records"):
        names = f"{row.get('name') or ''} {row.get('aliases') or ''}"
        text = f"{names} {' '.join(_role_heads(str(row.get('role') or '')))}".lower()
        words = frozenset(singular(w) for w in _WORD.findall(text))
        actors[row["actor_id"]] = _Actor(row.get("kind") == "person", words - _NOT_HEADS)
    return actors


def _role_heads(role: str) -> list[str]:
    """The part of each ``;``-separated role before "of", "to" and the like: the office
    itself ("Speaker" of "Speaker of Parliament"; "adviser" of "adviser to the Supreme Leader")."""
    return [_ROLE_TAIL.split(part, 1)[0] for part in role.split(";")]


@lru_cache(maxsize=1)
def _reference_words() -> dict[str, frozenset[str]]:
    """``speaker_references.csv`` words by kind, singular; ``person`` adds up every noun that
    names a person: offices, epithets and the role nouns of ``name_words.csv``."""
    from helpers.actors import name_words

    lists: dict[str, set[str]] = {"epithet": set(), "office": set(), "document": set()}
    for row in csv.DictReader(io.StringIO(read_data_text("speaker_references.csv"))):
        lists.setdefault(row["kind"], set()).add(singular(row["word"].lower()))
    roles = {singular(w.lower()) for w in name_words().get("role", ())}
    lists["person"] = lists["epithet"] | lists["office"] | roles
    return {kind: frozenset(words) for kind, words in lists.items()}


def is_person_noun(word: str) -> bool:
    """Whether a word names a person (``_reference_words``): "cleric", "ministers",
    "surgeon-turned-politician" (the last part of a hyphenated word counts)."""
    return singular(word.lower().rsplit("-", 1)[-1]) in _reference_words()["person"]


def singular(word: str) -> str:
    """The word without a plural "s" (words of four letters or more)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _is_person(actor_id: str, speaker: str) -> bool:
    """A registered person, or an unnamed speaker whose phrase ends with a name (a capital)
    or with a singular person noun ("a senior official", not "officials" or "the mission")."""
    if actor_id:
        actor = _actors().get(actor_id)
        return actor is not None and actor.person
    words = speaker.split()
    last = words[-1].strip(",.") if words else ""
    if not last or last[0].isupper():
        return bool(last)
    return is_person_noun(last) and singular(last.lower()) == last.lower()


class SpeakerMemory:
    """What one article has said so far about who is speaking (see the module notes)."""

    def __init__(self) -> None:
        self.last: _Seen | None = None
        self.last_person: _Seen | None = None
        self.last_other: _Seen | None = None  # the last that is not a person
        self.mentions: list[_Seen] = []

    def mention(self, actor_id: str, key: int, sentence_idx: int) -> None:
        """An actor mentioned outside quotes."""
        self.mentions.append(_Seen(actor_id, "", key, sentence_idx))

    def subject(self, actor_id: str, surface: str, key: int, sentence_idx: int) -> None:
        """An actor opening a sentence: the last speaker unless a later one is known."""
        if self.last is None or self.last.key < key:
            self._remember(_Seen(actor_id, surface, key, sentence_idx))

    def speaker(
        self, actor_id: str, speaker: str, key: int, sentence_idx: int, quoted: bool
    ) -> None:
        """An attributed speaker (``quoted``: of a direct quote)."""
        if actor_id or speaker:
            self._remember(_Seen(actor_id, speaker, key, sentence_idx, quoted))

    def _remember(self, seen: _Seen) -> None:
        self.last = seen
        if _is_person(seen.actor_id, seen.speaker):
            self.last_person = seen
        else:
            self.last_other = seen

    def continuation(self, paragraph_key: int, previous_key: int) -> tuple[str, str]:
        """The speaker of a bare quote: the last one, when in the same paragraph (from
        ``paragraph_key``) or quoted in the paragraph before (from ``previous_key``)."""
        last = self.last
        if last and (last.key >= paragraph_key or (last.quoted and last.key >= previous_key)):
            return last.actor_id, last.speaker
        return "", ""

    def resolve(self, speaker_id: str, speaker: str, key: int, sentence_idx: int):
        """(speaker_id, speaker) with a pronoun, description or document resolved.

        A bare title the actors step resolved to an actor not named in the last ``REACH``
        sentences ("the Prime Minister" as Israel's, by the default context) goes to a
        holder of that office who was ("Keir Starmer ... the Prime Minister told MPs").
        """
        match = _DESCRIPTION.fullmatch(speaker) if speaker[:4].lower() == "the " else None
        if speaker_id:
            if match and not self._named_lately(speaker_id, key, sentence_idx):
                speaker_id = self._named_holder(match, key, sentence_idx) or speaker_id
            return speaker_id, speaker
        if not speaker:
            return speaker_id, speaker
        low = speaker.lower()
        if low in _PRONOUNS:
            seen = {"they": self.last, "it": self.last_other}.get(low, self.last_person)
            return (seen.actor_id, seen.speaker or speaker) if seen else ("", speaker)
        if match:
            return self._description(match, key, sentence_idx), speaker
        return "", speaker

    def _description(self, match: re.Match, key: int, sentence_idx: int) -> str:
        head = match.group(2)
        noun = singular(head.lower().rsplit("-", 1)[-1])
        recent = sentence_idx - REACH
        words = _reference_words()
        last = self.last
        if noun in words["document"]:
            return last.actor_id if last and last.sentence_idx >= recent else ""
        if last and last.sentence_idx >= recent and noun in _head_nouns(last.speaker):
            return last.actor_id
        named = self._named_holder(match, key, sentence_idx)
        if named:
            return named
        person = self.last_person
        epithet = noun in words["epithet"] or _AGE.fullmatch(head)
        if epithet and person and person.sentence_idx >= recent and person.key <= key:
            return person.actor_id
        return ""

    def _named_lately(self, actor_id: str, key: int, sentence_idx: int) -> bool:
        """Whether the actor was mentioned before ``key`` in the last ``REACH`` sentences."""
        for seen in reversed(self.mentions):
            if seen.sentence_idx < sentence_idx - REACH:
                return False
            if seen.key < key and seen.actor_id == actor_id:
                return True
        return False

    def _named_holder(self, match: re.Match, key: int, sentence_idx: int) -> str:
        """The most recent actor mentioned before ``key`` in the last ``REACH`` sentences
        whose names or office hold the description's head noun and capitalised words."""
        modifiers, head = match.group(1).split(), match.group(2)
        if head[0].islower() and any(w[0].isupper() for w in modifiers):
            return ""  # "the Israeli president" names its own country: the actors step's task
        noun = singular(head.lower().rsplit("-", 1)[-1])
        wanted = {noun, *(singular(w.lower()) for w in modifiers if w[0].isupper())}
        actors = _actors()
        for seen in reversed(self.mentions):
            if seen.key >= key:
                continue
            if seen.sentence_idx < sentence_idx - REACH:
                break
            actor = actors.get(seen.actor_id)
            if actor is not None and wanted <= actor.words:
                return seen.actor_id
        return ""


def _head_nouns(phrase: str) -> set[str]:
    """The singular words of a phrase, hyphenated words by their last part."""
    return {singular(w.rsplit("-", 1)[-1]) for w in phrase.lower().split()}
