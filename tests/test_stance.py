"""The stance step: holder attribution, negation, condition, channel, summaries and shifts.

Expected values come from reading the sentences (seed sentences and hand-made ones shaped
like other outlets' text), not from the code's output.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import stance as st
from helpers import stance_cues as st_cues
from helpers.actors import find_mentions
from helpers.corpus import load_corpus
from helpers.params import ParameterError
from helpers.quotes import find_quotes

KINDS = {"irgc": "organization", "hamas": "group", "e3": "organization"}
NAMES = {
    "Masoud Pezeshkian": "pezeshkian", "Pezeshkian": "pezeshkian",
    "Supreme Leader": "khamenei", "Ali Khamenei": "khamenei", "Khamenei": "khamenei",
    "Keir Starmer": "starmer", "Starmer": "starmer", "Abbas Araqchi": "araghchi",
    "Hossein Salami": "salami", "Salami": "salami", "IRGC": "irgc", "Trump": "trump",
    "Vladimir Putin": "putin", "Putin": "putin", "Sergei Shoigu": "shoigu",
    "Emmanuel Macron": "macron", "Haniyeh": "haniyeh", "Hamas": "hamas",
    "The president": "pezeshkian", "Araqchi": "araghchi", "Benjamin Netanyahu": "netanyahu",
    "Netanyahu": "netanyahu", "Joe Biden": "biden", "Biden": "biden", "E3": "e3",
}


def hand_frames(sentences: list[str], quotes: list[tuple] = (), article_id: str = "x",
                published: str = "2024-08-10", paragraphs: list[int] | None = None):
    """Sentence, mention and quote frames for hand-written sentences (names from NAMES)."""
    paragraphs = paragraphs or list(range(len(sentences)))
    sentence_frame = pd.DataFrame({
        "article_id": article_id, "sentence_idx": range(len(sentences)), "text": sentences,
        "paragraph_idx": paragraphs, "is_heading": False,
    })
    rows = []
    for idx, text in enumerate(sentences):
        taken: list[tuple[int, int]] = []
        for surface in sorted(NAMES, key=len, reverse=True):
            start = text.find(surface)
            while start >= 0:
                end = start + len(surface)
                if not any(s < end and start < e for s, e in taken):
                    taken.append((start, end))
                    rows.append((article_id, idx, NAMES[surface], surface, start, end, "name"))
                start = text.find(surface, end)
    mentions = pd.DataFrame(rows, columns=["article_id", "sentence_idx", "actor_id", "surface",
                                           "start", "end", "how"])
    quote_frame = pd.DataFrame(
        [(article_id, first, last, speaker_id, speaker, "said", "", "direct")
         for first, last, speaker_id, speaker in quotes],
        columns=["article_id", "sentence_idx", "last_sentence_idx", "speaker_id", "speaker",
                 "cue", "quote", "kind"])
    articles = pd.DataFrame({"article_id": [article_id], "published": [published]})
    return sentence_frame, mentions, quote_frame, articles


def stances_of(sentences, quotes=(), **kwargs) -> pd.DataFrame:
    frames = hand_frames(sentences, quotes, **kwargs)
    return st.find_stances(*frames, kinds=KINDS)


def records(frame: pd.DataFrame) -> set[tuple]:
    return {(r.actor_id or r.holder, r.topic, r.stance) for r in frame.itertuples()}


# ---------------------------------------------------------------- holder attribution


def test_the_one_who_urges_holds_the_stance_not_the_one_urged():
    out = stances_of([
        "In a recent meeting with Khamenei, President Pezeshkian urged the 85-year-old ruler "
        "Khamenei to prevent any direct Iranian attack on Israel.",
        "Starmer urged Iran to avoid further escalation.",
    ])
    assert records(out) == {("pezeshkian", "war_with_israel", "against"),
                            ("starmer", "war_with_israel", "against")}


def test_passive_advice_belongs_to_the_agent_after_by():
    out = stances_of([
        "Iranian leader Ali Khamenei was strongly advised by senior officials to engage in "
        "negotiations with the United States in order to avert a potential war.",
    ])
    assert "khamenei" not in set(out["actor_id"])
    talks = out[out["topic"] == "talks_with_us"]
    assert list(zip(talks["actor_id"], talks["holder"], talks["holder_how"], talks["stance"],
                    strict=True)) == [("", "senior officials", "agent", "favor")]


def test_passive_without_agent_gives_nobody_the_stance():
    out = stances_of(["Pezeshkian said today that he wants negotiations with the US but "
                      "[is forbidden]."])
    assert records(out) == {("pezeshkian", "talks_with_us", "favor")}


def test_a_cue_inside_a_quote_belongs_to_its_speaker():
    out = stances_of(['"We will respond to any attack on our soil," the IRGC commander '
                      'Hossein Salami said.'], quotes=[(0, 0, "salami", "Hossein Salami")])
    assert records(out) == {("salami", "war_with_israel", "favor")}
    assert out["holder_how"].tolist() == ["speaker"]


def test_a_quote_without_a_quotes_row_takes_the_speaker_after_the_closing_mark():
    out = stances_of(['"Tehran seeks a real deal with Washington," Pezeshkian wrote.'])
    assert records(out) == {("pezeshkian", "talks_with_us", "favor")}


def test_a_third_party_reported_inside_a_quote_holds_its_own_position():
    # Seed 001: Pezeshkian's speech reports the Supreme Leader's refusal.
    out = stances_of([
        "\u201cI personally believed it would be better to negotiate [with the US], but the "
        "Supreme Leader said we will not talk with the US.",
        "It was done and over with,\u201d Pezeshkian said during a speech in Parliament.",
    ], quotes=[(0, 1, "pezeshkian", "Pezeshkian")], paragraphs=[0, 0])
    got = {(r.actor_id, r.stance, r.holder_how, r.channel) for r in out.itertuples()}
    assert got == {("pezeshkian", "favor", "speaker", "public"),
                   ("khamenei", "against", "reported", "unknown")}


def test_a_pronoun_subject_is_the_nearest_subject_person_before_it():
    out = stances_of([
        "Pezeshkian met Macron in Paris on Monday.",
        "He said Tehran does not seek escalation with Israel.",
    ])
    assert records(out) == {("pezeshkian", "war_with_israel", "against")}
    assert out["holder_how"].tolist() == ["pronoun"]


def test_a_possessive_before_a_stance_noun_holds_it():
    out = stances_of([
        "Shoigu was visiting Tehran to convey Vladimir Putin\u2019s message of de-escalation.",
        "Three officials revealed Khamenei\u2019s message to Haniyeh that Tehran will not "
        "enter into a war against Israel.",
    ])
    assert records(out) == {("putin", "war_with_israel", "against"),
                            ("khamenei", "war_with_israel", "against")}


def test_a_relative_clause_gives_the_stance_to_its_antecedent():
    out = stances_of([
        "Khamenei has a long history of obstructing presidents who sought negotiations with "
        "the US.",
        "He faces pressure from the IRGC who demand a strong military response against Israel.",
    ])
    assert records(out) == {("khamenei", "talks_with_us", "against"),
                            ("irgc", "war_with_israel", "favor")}


def test_nobody_gets_a_stance_for_being_named():
    out = stances_of([
        "Khamenei met Putin and Haniyeh in Tehran to discuss the war with Israel.",
        "Despite calls for restraint by its friends and foes, Iran weighed its options.",
        "Trump has warned of severe consequences if the ayatollahs refuse to engage in "
        "negotiations with Washington.",
    ])
    assert out.empty


def test_unnamed_holders_are_kept_with_an_empty_actor_id():
    out = stances_of(["Iranian officials said the country would never join the war "
                      "against Israel."])
    assert out["actor_id"].tolist() == [""]
    assert out["holder"].tolist() == ["Iranian officials"]
    assert out["stance"].tolist() == ["against"]


# ---------------------------------------------------------------- negation and condition


@pytest.mark.parametrize("sentence, stance", [
    ("Khamenei said Tehran will not enter into a war against Israel now.", "against"),
    ("Pezeshkian said that \u201cIran is by no means seeking to expand the scope of the "
     "crisis in the region.\u201d", "against"),
    ("Pezeshkian said Iran does not seek escalation with Israel.", "against"),
    ("Khamenei told Haniyeh that Iran would not intervene directly in the war with Israel.",
     "against"),
    ("Khamenei said Tehran did not want to get involved in the Israel-Hamas war.", "against"),
    ("Pezeshkian said that Iran reserves the right to respond to Israel.", "favor"),
])
def test_negation_is_read_as_the_opposite_and_only_then(sentence, stance):
    out = stances_of([sentence])
    assert set(out["stance"]) == {stance}, out


def test_a_conditional_clause_gives_no_record():
    out = stances_of([
        "\u201cIf Iran refused talks or if the negotiations failed, the officials told Mr. "
        "Khamenei, military strikes would be inevitable,\u201d the officials stated.",
        "Trump warned that if Iran refuses to negotiate with the US, military strikes would "
        "follow.",
    ])
    assert out.empty


def test_the_main_clause_after_a_condition_still_counts():
    # "if X, Y": the cue in X gives nothing; Y is the holder's (conditional) stance.
    out = stances_of(["Khamenei said that if the negotiations fail, Iran will refuse talks "
                      "with the US."])
    assert records(out) == {("khamenei", "talks_with_us", "against")}


def test_neither_supporting_nor_opposing_is_neutral():
    out = stances_of([
        "Pezeshkian cautioned that an attack on Israel could cripple the economy.",
        "Despite the grave warnings, sources said, Khamenei remained noncommittal, neither "
        "supporting nor opposing the concerns.",
    ], paragraphs=[0, 1])
    # the first sentence is Pezeshkian's caution (an attack would cripple the economy)
    assert records(out) == {("khamenei", "war_with_israel", "neutral"),
                            ("pezeshkian", "war_with_israel", "against")}
    assert out.loc[out["actor_id"] == "khamenei", "channel"].tolist() == ["private"]


def test_talks_cues_need_the_united_states_in_reach():
    out = stances_of(["Hamas said it will not engage in new talks unless mediators change "
                      "their plans."])
    assert out.empty


# ---------------------------------------------------------------- channel


def test_channel_private_public_and_unknown():
    out = stances_of([
        "Pezeshkian has pleaded with Khamenei to refrain from attacking Israel, according to "
        "sources familiar with the matter.",
        "In a speech on state TV, Khamenei said Iran would never negotiate with America.",
        "The economy shrank again this year.",
        "Khamenei approved negotiations with the Trump administration.",
    ])
    got = {(r.actor_id, r.channel) for r in out.itertuples()}
    assert got == {("pezeshkian", "private"), ("khamenei", "public"), ("khamenei", "unknown")}


def test_private_plea_and_public_statements_in_one_sentence():
    # Seed 000, the key sentence: one sentence, two channels, two stances.
    out = stances_of([
        "The president\u2019s private plea for restraint contrasts with his public statements "
        "affirming Iran\u2019s right to respond to Israel\u2019s killing of Haniyeh, though he "
        "has largely avoided using inflammatory language and even told world leaders Tehran "
        "does not seek escalation.",
    ])
    got = {(r.actor_id, r.stance, r.channel) for r in out.itertuples()}
    assert got == {("pezeshkian", "against", "private"), ("pezeshkian", "favor", "public"),
                   ("pezeshkian", "against", "public")}


# ---------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds():
    corpus = load_corpus("seeds")
    mentions = find_mentions(corpus.sentences, corpus.articles)
    quotes = find_quotes(corpus.sentences, mentions, corpus.articles)
    stance = st.find_stances(corpus.sentences, mentions, quotes, corpus.articles)
    return corpus, mentions, quotes, stance


def seed_rows(stance, article, actor, topic):
    return stance[stance["article_id"].str.startswith(article) & (stance["actor_id"] == actor)
                  & (stance["topic"] == topic)]


# My labels from reading each seed: article prefix, actor, topic -> summary stance.
SEED_LABELS = {
    ("000", "pezeshkian", "war_with_israel"): "against",
    ("000", "khamenei", "war_with_israel"): "neutral",
    ("000", "salami", "war_with_israel"): "favor",
    ("000", "irgc", "war_with_israel"): "favor",
    ("001", "pezeshkian", "talks_with_us"): "favor",
    ("001", "khamenei", "talks_with_us"): "against",
    ("001", "zarif", "talks_with_us"): "favor",
    ("002", "khamenei", "talks_with_us"): "favor",
    ("002", "shamkhani", "talks_with_us"): "favor",
    ("002", "baghaei", "talks_with_us"): "favor",
    ("003", "pezeshkian", "war_with_israel"): "favor",
    ("003", "starmer", "war_with_israel"): "against",
    ("003", "khamenei", "war_with_israel"): "favor",
    ("004", "khamenei", "war_with_israel"): "against",
}


def test_seed_summaries_match_a_careful_reading(seeds):
    summary = st.summarize_stances(seeds[3])
    got = {(r.article_id[:3], r.actor_id, r.topic): r.stance for r in summary.itertuples()}
    for key, stance in SEED_LABELS.items():
        assert got.get(key) == stance, key


def test_pezeshkian_pleads_privately_against_war_and_asserts_the_right_publicly(seeds):
    rows = seed_rows(seeds[3], "000", "pezeshkian", "war_with_israel")
    assert {0, 3, 15} <= set(rows.loc[(rows["stance"] == "against")
                                      & (rows["channel"] == "private"), "sentence_idx"])
    assert 15 in set(rows.loc[(rows["stance"] == "favor") & (rows["channel"] == "public"),
                              "sentence_idx"])
    summary = st.summarize_stances(seeds[3])
    row = summary[summary["article_id"].str.startswith("000")
                  & (summary["actor_id"] == "pezeshkian")].iloc[0]
    assert (row.stance, row.private_stance, row.public_stance, row.channel_split) == (
        "against", "against", "favor", True)
    assert all(rows["evidence"].str.len() > 0)


def test_khamenei_forbids_talks_in_march_and_approves_them_in_april(seeds):
    stance = seeds[3]
    march = seed_rows(stance, "001", "khamenei", "talks_with_us")
    assert 1 in set(march.loc[march["stance"] == "against", "sentence_idx"])
    april = seed_rows(stance, "002", "khamenei", "talks_with_us")
    assert set(april["stance"]) == {"favor"} and 1 in set(april["sentence_idx"])
    shifts = st.find_shifts(st.summarize_stances(stance), seeds[0].articles)
    shift = shifts[(shifts["actor_id"] == "khamenei") & (shifts["topic"] == "talks_with_us")]
    assert shift[["from_date", "from_stance", "to_date", "to_stance"]].values.tolist() == [
        ["2025-03-03", "against", "2025-04-11", "favor"]]


def test_pezeshkians_public_line_is_not_a_shift(seeds):
    shifts = st.find_shifts(st.summarize_stances(seeds[3]), seeds[0].articles)
    assert shifts[shifts["actor_id"] == "pezeshkian"].empty


def test_seed_actors_named_only_as_objects_get_nothing(seeds):
    stance = seeds[3]
    assert seed_rows(stance, "000", "khamenei", "war_with_israel")["sentence_idx"].tolist() == [6]
    assert seed_rows(stance, "002", "khamenei", "talks_with_us")["sentence_idx"].tolist() == [1]
    named = set(stance["actor_id"])
    # Trump is not only an object in 002: his stance pressures Iran back to the table
    assert not {"shoigu", "macron", "haniyeh", "hemmati"} & named


def test_parallel_equals_serial(seeds):
    corpus, mentions, quotes, stance = seeds
    parallel = st.find_stances(corpus.sentences, mentions, quotes, corpus.articles, workers=2)
    pd.testing.assert_frame_equal(stance, parallel)


def test_stance_columns_and_order(seeds):
    stance = seeds[3]
    assert list(stance.columns[:8]) == ["article_id", "actor_id", "topic", "stance", "channel",
                                        "cue", "sentence_idx", "evidence"]
    assert set(stance["stance"]) <= {"favor", "against", "neutral"}
    assert set(stance["channel"]) <= {"public", "private", "unknown"}
    keys = list(zip(stance["article_id"], stance["sentence_idx"], strict=True))
    assert keys == sorted(keys)


def test_stance_over_time_uses_publication_dates(seeds):
    timeline = st.stance_over_time(seeds[3], seeds[0].articles)
    khamenei = timeline[(timeline["actor_id"] == "khamenei")
                        & (timeline["topic"] == "talks_with_us")]
    assert sorted(set(khamenei["date"])) == ["2025-03-03", "2025-04-11"]


# ---------------------------------------------------------------- outside the seeds


OTHER_ARTICLES = {
    "wire.txt": (
        "Tehran signals readiness for talks\n\nJune 2, 2025\n\n"
        "Iran's foreign minister Abbas Araqchi said Tehran was ready for indirect talks with "
        "Washington. He added that Iran would not negotiate under pressure.\n\n"
        "An IRGC commander vowed a crushing response to the Zionist regime. According to "
        "informed sources, Pezeshkian privately urged the commanders to show restraint and "
        "avoid a wider war with Israel.\n"
    ),
    "daily.txt": (
        "Starmer presses Iran on escalation\n\nAugust 20, 2024\n\n"
        "British Prime Minister Keir Starmer urged Iran to refrain from attacking Israel in a "
        "phone call with Iranian President Masoud Pezeshkian on Monday.\n\n"
        "\"We do not seek a wider war, but we will respond to any attack,\" Pezeshkian said.\n"
    ),
}


def test_articles_outside_the_seeds_give_stances_with_evidence(tmp_path):
    for name, text in OTHER_ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    mentions = find_mentions(corpus.sentences, corpus.articles)
    quotes = find_quotes(corpus.sentences, mentions, corpus.articles)
    stance = st.find_stances(corpus.sentences, mentions, quotes, corpus.articles)
    assert all(stance["evidence"].str.len() > 0)
    got = {(r.article_id, r.actor_id, r.topic, r.stance, r.channel) for r in stance.itertuples()}
    assert ("wire", "araghchi", "talks_with_us", "favor", "public") in got
    assert ("wire", "araghchi", "talks_with_us", "against", "unknown") in got
    assert ("wire", "pezeshkian", "war_with_israel", "against", "private") in got
    assert ("daily", "starmer", "war_with_israel", "against", "public") in got
    assert ("daily", "pezeshkian", "war_with_israel", "against", "public") in got
    assert ("daily", "pezeshkian", "war_with_israel", "favor", "public") in got
    irgc = stance[(stance["article_id"] == "wire") & (stance["sentence_idx"] == 2)]
    assert irgc["stance"].tolist() == ["favor"]
    assert irgc["holder"].str.contains("commander").all()


# ---------------------------------------------------------------- parameters and empties


def test_topics_are_checked_against_the_configured_ones():
    assert st.check_topics(["talks_with_us"]) == ["talks_with_us"]
    assert set(st.configured_topics()) >= {"war_with_israel", "talks_with_us"}
    with pytest.raises(ParameterError, match="war_with_iran not configured"):
        st.check_topics(["war_with_iran"])
    with pytest.raises(ParameterError, match="non-empty list"):
        st.check_topics([])


def test_no_sentences_give_empty_tables():
    frames = hand_frames([])
    stance = st.find_stances(*frames, kinds=KINDS)
    assert stance.empty and list(stance.columns) == st.STANCE_COLUMNS
    summary = st.summarize_stances(stance)
    assert summary.empty and st.find_shifts(summary, frames[3]).empty


# ---------------------------------------------------------------- review fixes (issue 6)


def channel_of(frame: pd.DataFrame, actor: str) -> tuple:
    row = frame[frame["actor_id"] == actor].iloc[0]
    return row["stance"], row["channel"], row["channel_sentence_idx"]


def test_a_sentence_with_someone_elses_reporting_clause_borrows_no_channel():
    frame = stances_of([
        "Three officials revealed Khamenei's message that Tehran will not enter a war.",
        "Analysts assess Khamenei's attitude that keeps Iran away from the war is a strategy.",
    ], paragraphs=[0, 1])
    second = frame[frame["sentence_idx"] == 1]
    assert channel_of(second, "khamenei")[:2] == ("against", "unknown")
    assert pd.isna(channel_of(second, "khamenei")[2])
    first = frame[frame["sentence_idx"] == 0]
    assert channel_of(first, "khamenei") == ("against", "private", 0)


def test_the_holders_own_speech_verb_continues_a_sources_account():
    frame = stances_of([
        "Pezeshkian warned against escalation, said the sources who requested anonymity.",
        "He stressed that starting a war with Israel would be disastrous for the economy.",
    ], paragraphs=[0, 1])
    second = frame[frame["sentence_idx"] == 1]
    assert channel_of(second, "pezeshkian") == ("against", "private", 0)


def test_a_public_setting_of_another_sentence_is_not_borrowed_by_a_said_sentence():
    frame = stances_of([
        "In comments on Wednesday, Pezeshkian spoke about the economy.",
        "Pezeshkian said Iran does not want a wider war.",
    ], paragraphs=[0, 0])
    assert channel_of(frame, "pezeshkian") == ("against", "public", 1)
    assert frame.iloc[0]["channel_cue"] == "(on-record statement)"


def test_a_reported_speaker_does_not_take_the_quoters_post():
    frame = stances_of([
        "\u201cAnd Pezeshkian said today that he wants negotiations with the US,\u201d wrote "
        "Salavatian, a reformist figure, in an X post.",
    ], quotes=[(0, 0, "", "Salavatian")])
    assert channel_of(frame, "pezeshkian")[:2] == ("favor", "unknown")


def test_seed_channels_are_read_in_their_own_sentences(seeds):
    stance = seeds[3]
    s1 = stance[stance["article_id"].str.startswith("004") & (stance["sentence_idx"] == 1)]
    assert set(s1["channel"]) == {"unknown"}
    s18 = seed_rows(stance, "000", "pezeshkian", "war_with_israel")
    s18 = s18[s18["sentence_idx"] == 18]
    # the Shoigu meeting: an on-record statement in its own sentence, not the comments of s16
    assert set(s18["channel_sentence_idx"]) == {18}
    assert set(s18["channel"]) == {"public"}
    s36 = seed_rows(stance, "001", "pezeshkian", "talks_with_us")
    assert "in an X post" not in set(s36.loc[s36["sentence_idx"] == 36, "channel_cue"])
    borrowed = stance[stance["channel_sentence_idx"].notna()
                      & (stance["channel_sentence_idx"] != stance["sentence_idx"])]
    for row in borrowed.itertuples():
        assert row.channel_cue and row.channel != "unknown"


@pytest.mark.parametrize("sentence, stance", [
    ("Tehran was not seeking war with Israel, the minister said.", "against"),
    ("Iran does not want a wider war, Araqchi said.", "against"),
    ("The commanders want a confrontation with Israel, an aide said.", "favor"),
    ("Hardliners are pursuing escalation with Israel.", "favor"),
    ("Officials said they want the war to end.", None),
])
def test_seek_want_pursue_war_with_any_auxiliary(sentence, stance):
    frame = stances_of([sentence])
    got = set(frame.loc[frame["topic"] == "war_with_israel", "stance"])
    assert got == ({stance} if stance else set())


@pytest.mark.parametrize("sentence, stance", [
    ("Khamenei said negotiating with America is not wise or honourable.", "against"),
    ("Khamenei said talks with Washington are the right path.", "favor"),
    ("Talks with the United States are futile, Khamenei said.", "against"),
    ("Khamenei said negotiations with the US are not a mistake.", "favor"),
    ("Khamenei said negotiating with America isn't wise.", "against"),
])
def test_judging_predicates_on_negotiating(sentence, stance):
    frame = stances_of([sentence])
    assert records(frame) == {("khamenei", "talks_with_us", stance)}


def test_warning_about_being_dragged_into_war_is_against_it(seeds):
    frame = stances_of([
        "Pezeshkian warned about hardliners who could drag the country into a war with Israel."])
    assert records(frame) == {("pezeshkian", "war_with_israel", "against")}
    frame = stances_of(["Starmer warned against a wider war in the region."])
    assert records(frame) == {("starmer", "war_with_israel", "against")}
    rows = seed_rows(seeds[3], "000", "pezeshkian", "war_with_israel")
    assert ("against", "private") in set(zip(rows.loc[rows["sentence_idx"] == 7, "stance"],
                                            rows.loc[rows["sentence_idx"] == 7, "channel"],
                                            strict=True))
    irgc = seed_rows(seeds[3], "000", "irgc", "war_with_israel")
    assert set(irgc.loc[irgc["sentence_idx"] == 7, "stance"]) == {"favor"}


def test_starting_a_war_would_be_ruinous_is_against_it(seeds):
    frame = stances_of(["Pezeshkian argued that launching a war against Israel would "
                        "destroy the economy."])
    assert records(frame) == {("pezeshkian", "war_with_israel", "against")}
    frame = stances_of(["Pezeshkian said starting a war with Israel would not be a mistake."])
    assert records(frame) == {("pezeshkian", "war_with_israel", "favor")}
    rows = seed_rows(seeds[3], "000", "pezeshkian", "war_with_israel")
    s9 = rows[rows["sentence_idx"] == 9]
    assert set(zip(s9["stance"], s9["channel"], strict=True)) == {("against", "private")}


def test_pressuring_someone_to_silence_calls_for_war_is_against_it(seeds):
    frame = stances_of([
        "Sources said Khamenei is pressing Haniyeh to silence hardliners who are openly "
        "calling for Hezbollah to join the war against Israel."])
    got = {(r.actor_id or r.holder, r.stance, r.channel) for r in frame.itertuples()}
    assert ("khamenei", "against", "private") in got
    assert ("hardliners", "favor", "public") in got
    rows = seeds[3][seeds[3]["article_id"].str.startswith("004")
                    & (seeds[3]["sentence_idx"] == 8)]
    got = {(r.actor_id or r.holder, r.stance, r.channel) for r in rows.itertuples()}
    assert got == {("khamenei", "against", "private"),
                   ("Palestinian groups", "favor", "public")}


def test_a_meeting_named_by_its_day_is_not_private():
    """A meeting with a foreign official named by its day is on the record; a recent or
    private meeting (per sources) is not."""
    frame = stances_of(["Pezeshkian said in a Monday meeting with Shoigu that Iran will not "
                        "enter a war."])
    assert channel_of(frame, "pezeshkian")[:2] == ("against", "public")
    frame = stances_of(["In a private meeting, Pezeshkian urged Khamenei to avoid a war "
                        "with Israel."])
    assert channel_of(frame, "pezeshkian")[:2] == ("against", "private")


# ---------------------------------------------------------------- frames, holders, channels


def test_verb_lemmas_give_their_inflections():
    assert {"striking back", "struck back", "strikes back"} <= set(
        st_cues.verb_forms("strike/struck/struck back"))
    assert {"de-escalating", "de-escalated", "de-escalates"} <= set(
        st_cues.verb_forms("de-escalate"))
    assert {"stopped", "stopping", "stops"} <= set(st_cues.verb_forms("stop"))
    assert {"rules out", "ruling out", "ruled out"} <= set(st_cues.verb_forms("rule/ruled/ruled out"))


@pytest.mark.parametrize("sentence, topic, stance", [
    ("The ministers rejected any talks with Washington.", "talks_with_us", "against"),
    ("The council backed fresh negotiations with the United States.", "talks_with_us", "favor"),
    ("The commanders vowed revenge for the killing.", "war_with_israel", "favor"),
    ("The envoy urged both sides to avoid a wider war.", "war_with_israel", "against"),
    ("The cleric called for restraint after the strikes on Israel.", "war_with_israel",
     "against"),
    ("Talks with Washington are a waste of time.", "talks_with_us", "against"),
    ("Dialogue with America is not a surrender.", "talks_with_us", "favor"),
    ("Israel will regret this crime.", "war_with_israel", "favor"),
    ("There will be no response to the attack on Israel.", "war_with_israel", "against"),
    ("The path to talks with Washington remains open.", "talks_with_us", "favor"),
    ("Refusing to negotiate with the US would invite another war.", "talks_with_us", "favor"),
])
def test_a_frame_reads_as_the_product_of_its_classes(sentence, topic, stance):
    cues = st_cues.find_cues(sentence, st_cues.load_lexicon())
    readings = {(c.topic, c.stance if c.negations % 2 == 0 else
                 {"favor": "against", "against": "favor"}[c.stance]) for c in cues}
    assert (topic, stance) in readings


@pytest.mark.parametrize("sentence, stance", [
    ("Pezeshkian said Iran won\u2019t retaliate against Israel.", "against"),
    ("Pezeshkian said Iran won't retaliate against Israel.", "against"),
    ("Pezeshkian said Tehran doesn\u2019t want a war with Israel.", "against"),
    ("Pezeshkian said Iran would not hesitate to respond to any attack by Israel.", "favor"),
    ("Pezeshkian said Iran was no longer seeking a confrontation with Israel.", "against"),
    ("Pezeshkian said Iran has never refused to defend itself and will respond to Israel.",
     "favor"),
])
def test_negation_with_straight_and_curly_contractions(sentence, stance):
    frame = stances_of([sentence])
    assert set(frame.loc[frame["actor_id"] == "pezeshkian", "stance"]) == {stance}


def test_a_foreign_country_described_by_a_speaker_holds_its_own_stance():
    frame = stances_of(["Pezeshkian said Israel was attacking its neighbours and seeking war."])
    assert "pezeshkian" not in set(frame["actor_id"])
    assert set(zip(frame["holder"], frame["holder_how"], frame["stance"], strict=True)) == {
        ("Israel", "state", "favor")}
    own = stances_of(["Pezeshkian said Tehran will not negotiate with Washington."])
    assert records(own) == {("pezeshkian", "talks_with_us", "against")}


def test_a_speakers_should_is_the_speakers_stance():
    frame = stances_of(["Joe Biden said Israel should not rush into a wider war."])
    assert records(frame) == {("biden", "war_with_israel", "against")}


def test_a_threat_belongs_to_the_one_who_makes_it_not_to_its_target():
    frame = stances_of([
        "Salami warned that Israel would face a crushing response.",
        "\u201cTheir crimes will certainly be answered,\u201d Khamenei said.",
    ], quotes=[(1, 1, "khamenei", "Khamenei")])
    assert records(frame) == {("salami", "war_with_israel", "favor"),
                              ("khamenei", "war_with_israel", "favor")}


def test_the_accused_holds_what_he_is_accused_of():
    frame = stances_of(["Pezeshkian accused Benjamin Netanyahu of pursuing his own agenda and "
                        "of trying to drag the region into a wider war."])
    assert records(frame) == {("netanyahu", "war_with_israel", "favor")}


def test_a_relative_clause_between_subject_and_verb_is_skipped():
    frame = stances_of(["Araqchi, who negotiated the accord that Trump later abandoned, said "
                        "Iran would not return to the table with the US."])
    assert records(frame) == {("araghchi", "talks_with_us", "against")}


def test_a_subject_inside_an_if_clause_holds_nothing():
    frame = stances_of(["\u201cUnless Israel attacks again, there will be no further response "
                        "from us,\u201d Araqchi said."], quotes=[(0, 0, "araghchi", "Araqchi")])
    assert records(frame) == {("araghchi", "war_with_israel", "against")}


def test_a_judgement_of_talks_belongs_to_the_one_who_says_it():
    frame = stances_of([
        "Khamenei said negotiating with Washington would lead nowhere.",
        "Refusing to talk with the US would only invite another war, Pezeshkian warned.",
    ])
    assert records(frame) == {("khamenei", "talks_with_us", "against"),
                              ("pezeshkian", "talks_with_us", "favor")}


def test_they_outside_a_quote_is_the_last_group_named():
    frame = stances_of(["The E3 met in Brussels on Friday.",
                        "They urged Tehran to resume negotiations with Washington."],
                       paragraphs=[0, 0])
    assert records(frame) == {("e3", "talks_with_us", "favor")}


def test_sources_make_a_call_private_and_a_broadcast_makes_it_public():
    frame = stances_of([
        "Joe Biden told Netanyahu in a phone call that the US would not join any "
        "counterstrike, according to two officials familiar with the call.",
        "In a televised address, Netanyahu said Israel would strike back at Iran.",
    ], paragraphs=[0, 1])
    got = {(r.actor_id, r.stance, r.channel) for r in frame.itertuples() if r.actor_id}
    assert got == {("biden", "against", "private"), ("netanyahu", "favor", "public")}


def test_a_post_on_x_is_public_and_closed_door_meetings_are_private():
    frame = stances_of([
        "Khamenei wrote in a short post on X that Iran would never negotiate with America.",
        "In closed-door meetings, Pezeshkian has argued against a war with Israel.",
    ], paragraphs=[0, 1])
    assert {(r.actor_id, r.channel) for r in frame.itertuples()} == {
        ("khamenei", "public"), ("pezeshkian", "private")}
