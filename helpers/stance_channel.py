"""Channel of the stance step: where a stance record was said (public, private or unknown).

The channel cues (``helpers/data/channel_cues.csv``) of the sentence, ranked: a
``local`` cue within 40 characters of the stance cue ("private plea"; not one standing right
before a later verb: "openly calling for"), then a ``source`` cue anywhere in the sentence
(according to officials, on condition of anonymity: a phone call described by an official is
private), then the ``sentence`` cue nearest to the stance cue and the holder's speech verb.
Else the quote's attribution sentences (for the speaker); else another sentence of the
paragraph, or of the paragraph before, that names the holder. A sentence with its own
reporting clause borrows nothing when the clause is someone else's ("Experts assess ..."),
and only a ``private`` cue when it is the holder's own ("He stressed ...", continuing a
sources' account). Else ``public`` for a named holder of an on-record speech verb or direct
quote; else ``unknown``. A third party reported inside someone's quote takes only its own
sentence's cue, and not the quoter's public setting ("..., he wrote in an X post").
``channel_sentence_idx`` is the sentence the channel cue was read in.

``channel_for`` reads one record's channel from the article (``helpers.stance_holders``'s
``ArticleView``: its sentences, paragraphs, mentions and cached channel cues) and the
sentence view that found the holder.
"""

from __future__ import annotations

LOCAL_CHANNEL_REACH = 40
LOCAL_VERB_GAP = 12


def nearest_channel(matches, cue_start: int, cue_end: int, local: bool = True,
                    private_only: bool = False):
    """(rank, channel, words) of the channel cue nearest to a stance cue: a ``local`` cue
    in reach ("openly calling for") first, then a ``source`` cue (according to officials)
    anywhere in the sentence, then the nearest other one."""
    best = None
    for start, end, channel, scope, words in matches:
        gap = max(start - cue_end, cue_start - end, 0)
        if scope == "local" and (not local or gap > LOCAL_CHANNEL_REACH):
            continue
        if private_only and channel != "private":
            continue
        rank = (0 if scope == "local" else 1 if scope == "source" else 2, gap)
        if best is None or rank < best[0]:
            best = (rank, channel, words)
    return best


def modifies_later_verb(match, cue_end: int, view) -> bool:
    """A local channel word after the cue that stands right before a speech or directive
    verb belongs to that verb ("... voices who are openly calling for ...")."""
    start, end, _, scope, _ = match
    return scope == "local" and start >= cue_end and any(
        end < anchor[0] <= end + LOCAL_VERB_GAP for anchor in view.anchors)


def channel_for(article, holder, view, region, cue, position, speaker_first_last):
    """``(channel, channel cue, sentence_idx of the cue)`` of a record (module notes)."""
    start, end = cue.start, cue.end
    sentence_idx = article.rows[position][0]
    matches = [m for m in article.channels(position) if not modifies_later_verb(m, end, view)]
    if holder.how == "reported" and region is not None:
        # the quoter's own setting ("..., he wrote in an X post") is not the reported one's
        matches = [m for m in matches if m[2] == "private" or region[0] <= m[0] < region[1]]
    best = nearest_channel(matches, min(start, holder.anchor) if holder.anchor >= 0
                           else start, end)
    if best is not None:
        return best[1], best[2], sentence_idx
    if holder.how == "reported":
        return "unknown", "", None
    others = []
    if region is not None and holder.how == "speaker" and speaker_first_last:
        first, last = speaker_first_last
        others += [(article.position_of[i], False) for i in range(first, last + 1)
                   if i in article.position_of]
    # a quote's speaker has a reporting clause of its own (the quote's attribution)
    clause = "own" if holder.how == "speaker" else reporting_clause(
        article, holder, view, position, start)
    if clause != "other":
        same = article.paragraphs[article.rows[position][2]]
        nearby = sorted(same, key=lambda p: (abs(p - position), p))
        if same[0] > 0 and holder.actor_id:
            nearby += list(reversed(article.paragraphs[article.rows[same[0] - 1][2]]))
        others += [(p, clause == "own") for p in nearby
                   if not holder.actor_id or article.names(p, holder.actor_id)]
    for other, private_only in others:
        if other != position:
            found = nearest_channel(article.channels(other), 0, 0, local=False,
                                    private_only=private_only)
            if found is not None:
                return found[1], found[2], article.rows[other][0]
    if holder.actor_id and holder.public:
        return "public", "(on-record statement)", sentence_idx
    return "unknown", "", None


def reporting_clause(article, holder, view, position, start) -> str:
    """Whose reporting clause the sentence has: ``own`` (the holder's speech verb, "He
    stressed that ..."), ``other`` (someone else's: "Experts assess ..."), or ``none``."""
    if holder.anchor >= 0:
        return "own"
    spans = article.quote_spans.get(position, [])
    anchors = [a for a in view.anchors
               if not any(s <= a[0] < e for s, e in spans)
               and not view.used_as_noun(a, view.token_index_before(a[1]))]
    if not anchors:
        return "none"
    before = [a for a in anchors if a[0] < start]
    anchor = before[-1] if before else anchors[0]
    subject = view.found_before(anchor[0], 0)
    if subject is not None and holder.actor_id and subject.actor_id == holder.actor_id:
        return "own"
    return "other"
