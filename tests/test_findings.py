"""The findings brief on hand-made tables: the statements it should make and none it should not.

Each table is written here by hand (actors, outlets, sentences of our own); the expected
statements come from reading those rows.
"""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from helpers import findings as fd
from helpers import findings_pages as pages
from helpers.reports import write_index

NAMES = pd.DataFrame({"actor_id": ["leader", "president", "minister", "general"],
                      "name": ["The Leader", "The President", "The Minister", "The General"]})
ACCURACY = pd.DataFrame([
    {"step": "stance", "measure": "war_with_israel", "value": "0.75", "set": "devset",
     "note": ""},
    {"step": "stance", "measure": "channel", "value": "0.5", "set": "devset", "note": ""},
])


def articles(*rows) -> pd.DataFrame:
    """(article_id, outlet, published[, url]) rows."""
    return pd.DataFrame([(*r, *([""] * (4 - len(r)))) for r in rows],
                        columns=["article_id", "outlet", "published", "url"]).assign(status="ok")


def stance(*rows) -> pd.DataFrame:
    """(article_id, sentence_idx, actor_id, topic, stance, channel, evidence[, channel_cue,
    holder_how, cue]) rows."""
    columns = ["article_id", "sentence_idx", "actor_id", "topic", "stance", "channel",
               "evidence", "channel_cue", "holder_how", "cue"]
    defaults = ("", "subject", "a cue")
    return pd.DataFrame([(*r, *defaults[len(r) - 7:]) for r in rows], columns=columns)


def brief_of(arts, records, quotes=None, mentions=None, **kwargs) -> fd.Brief:
    return fd.build_brief(arts, records, None, quotes, mentions, NAMES, accuracy=ACCURACY,
                          **kwargs)


def kinds(brief: fd.Brief) -> dict[str, int]:
    return {"shift": len(brief.shifts), "split": len(brief.splits),
            "outlets": len(brief.outlets), "claim": len(brief.claims)}


def test_a_shift_between_months_with_the_sentence_before_and_after():
    arts = articles(("a", "Daily One", "2025-03-10"), ("b", "Daily One", "2025-04-12"))
    records = stance(
        ("a", 2, "leader", "talks_with_us", "against", "unknown",
         "The Leader ruled out any negotiation with Washington."),
        ("a", 5, "leader", "talks_with_us", "against", "unknown",
         "He repeated that talks with America were pointless.", "", "pronoun"),
        ("b", 1, "leader", "talks_with_us", "favor", "unknown",
         "The Leader approved indirect talks with the United States."),
    )
    brief = brief_of(arts, records)
    assert kinds(brief) == {"shift": 1, "split": 0, "outlets": 0, "claim": 2}
    shift = brief.shifts[0]
    assert shift.text.startswith("The Leader went from being against talks with the US in "
                                 "March 2025 (2 evidence sentences, 1 article")
    assert "to being open to talks with the US in April 2025 (1 evidence sentence" in shift.text
    before, after = shift.sides
    assert [e.ref for e in before.evidence] == ["a:2"]  # the named subject, not the pronoun
    assert [e.ref for e in after.evidence] == ["b:1"]
    assert shift in brief.headlines
    assert "different channels" not in shift.text  # both months: channel not stated


def test_the_same_stance_in_two_months_is_no_shift():
    arts = articles(("a", "Daily One", "2024-07-01"), ("b", "Daily One", "2024-09-01"))
    records = stance(
        ("a", 0, "general", "war_with_israel", "favor", "public", "The General vowed revenge."),
        ("b", 0, "general", "war_with_israel", "favor", "public", "The General vowed revenge."),
    )
    assert brief_of(arts, records).shifts == ()


def test_a_public_private_split_in_one_month():
    arts = articles(("a", "Daily One", "2024-08-07"))
    records = stance(
        ("a", 0, "president", "war_with_israel", "against", "private",
         "The President begged the Leader to avoid a war with Israel, sources said.",
         "sources said"),
        ("a", 3, "president", "war_with_israel", "against", "private",
         "In a closed meeting he warned that war would ruin the economy.", "closed meeting",
         "pronoun"),
        ("a", 7, "president", "war_with_israel", "favor", "public",
         "In a televised speech the President said Israel would get a response.",
         "televised speech"),
    )
    brief = brief_of(arts, records)
    assert kinds(brief) == {"shift": 0, "split": 1, "outlets": 0, "claim": 2}
    assert [c.text for c in brief.claims] == [
        "The President, in public, was for a military response to Israel in August 2024 "
        "(1 evidence sentence, 1 article).",
        "The President, in private, was against war with Israel in August 2024 "
        "(2 evidence sentences, 1 article).",
    ]
    split = brief.splits[0]
    assert split.text.startswith("The President's public and private stances on war with "
                                 "Israel differed in August 2024: in private against war")
    private, public = split.sides
    assert [e.ref for e in private.evidence] == ["a:0"]
    assert [e.ref for e in public.evidence] == ["a:7"]
    assert split in brief.headlines
    # how sure: evidence count, channel, and the measured accuracy of the step
    line = next(t for t in fd.headlines_text(brief).splitlines() if t.startswith(split.text))
    assert "75% of the development set's reader stances" in line and "channel: 50%" in line


def test_two_outlets_disagreeing_side_by_side_with_their_sourcing():
    arts = articles(("a", "Wire A", "2024-08-07"), ("b", "Paper B", "2024-08-20"))
    records = stance(
        ("a", 1, "president", "war_with_israel", "against", "private",
         "According to sources, the President opposed any strike on Israel.",
         "According to sources"),
        ("b", 4, "president", "war_with_israel", "favor", "public",
         "The President told parliament that Iran would retaliate against Israel.",
         "(on-record statement)"),
    )
    brief = brief_of(arts, records)
    assert len(brief.outlets) == 1
    statement = brief.outlets[0]
    assert [s.label for s in statement.sides] == ["Paper B", "Wire A"]
    assert "Paper B has The President for a military response to Israel" in statement.text
    assert "Wire A has The President against war with Israel" in statement.text
    assert "1 on the record" in statement.sides[0].text
    assert "1 in private, as reported ('According to sources')" in statement.sides[1].text
    html = pages.section_html(brief, "outlets")
    assert "<th>Paper B</th><th>Wire A</th>" in html


def test_outlets_that_agree_or_are_unnamed_are_not_compared():
    records = stance(
        ("a", 1, "president", "war_with_israel", "against", "private", "One.", "sources"),
        ("b", 4, "president", "war_with_israel", "favor", "public", "Two."),
    )
    unnamed = brief_of(articles(("a", "", "2024-08-07"), ("b", "", "2024-08-20")), records)
    assert unnamed.outlets == ()
    assert any(s.text == "No article names its outlet, so outlets cannot be compared."
               for s in unnamed.overview)
    assert "(outlet not named, 2024-08-07" in pages.section_html(unnamed, "stances")
    agreeing = stance(
        ("a", 1, "president", "war_with_israel", "favor", "public", "One."),
        ("b", 4, "president", "war_with_israel", "favor", "public", "Two."),
    )
    both = articles(("a", "Wire A", "2024-08-07"), ("b", "Paper B", "2024-08-20"))
    assert brief_of(both, agreeing).outlets == ()


def test_one_actor_only_says_what_it_can():
    arts = articles(("a", "Daily One", "2025-01-05"))
    records = stance(("a", 0, "minister", "talks_with_us", "favor", "public",
                      "The Minister said Tehran was ready for talks with Washington."))
    brief = brief_of(arts, records)
    assert kinds(brief) == {"shift": 0, "split": 0, "outlets": 0, "claim": 1}
    assert brief.claims[0].text == ("The Minister, in public, was open to talks with the US in "
                                    "January 2025 (1 evidence sentence, 1 article).")
    assert brief.headlines == brief.claims[:1] + brief.overview[:2]
    assert "The Minister" in pages.section_text(brief, "stances")
    for other in ("The Leader", "The President", "The General"):
        assert other not in fd.headlines_text(brief)
    assert pages.section_text(brief, "shifts") == pages._NOTHING["shifts"]
    # no accuracy row for talks: said, not invented
    assert "talks with the US: none recorded" in fd.headlines_text(brief)
    assert fd.chart_topics(brief) == ["talks_with_us"]


@pytest.mark.parametrize("records", [stance(), pd.DataFrame()])
def test_no_stance_at_all(records):
    arts = articles(("a", "Daily One", "2025-01-05"), ("b", "", ""))
    quotes = pd.DataFrame({"article_id": ["a"], "sentence_idx": [0], "last_sentence_idx": [0],
                           "speaker_id": ["minister"], "speaker": ["The Minister"],
                           "kind": ["direct"]})
    brief = brief_of(arts, records, quotes=quotes)
    assert brief.claims == brief.shifts == brief.splits == brief.outlets == brief.roster == ()
    assert brief.topics == () and fd.chart_topics(brief) == []
    text = fd.headlines_text(brief)
    assert "No sentence states a stance on war with Israel or talks with the US" in text
    assert "Most quoted: The Minister (1 quote, 1 direct, in 1 article)." in text
    assert "1 article without a publication date" in pages.section_text(brief, "overview")
    for section in pages.SECTIONS:
        assert pages.section_html(brief, section)
    assert fd.findings_table(brief)["kind"].tolist() == ["overview"] * 4 + ["speakers"]


def test_undated_articles_are_said_and_left_out_of_shifts():
    arts = articles(("a", "Daily One", ""), ("b", "Daily One", "2024-08-01"))
    records = stance(
        ("a", 0, "general", "war_with_israel", "against", "public", "He urged restraint."),
        ("b", 0, "general", "war_with_israel", "favor", "public", "He vowed revenge."),
    )
    brief = brief_of(arts, records)
    assert brief.shifts == ()
    assert [c.text for c in brief.claims][1] == (
        "The General, in public, was against war with Israel in undated articles "
        "(1 evidence sentence, 1 article).")
    assert fd.chart_topics(brief) == ["war_with_israel"]
    assert set(brief.periods[brief.periods["period"] == ""]["stance"]) == {"against"}


def test_min_evidence_leaves_out_thinly_evidenced_actors():
    arts = articles(("a", "Daily One", "2024-08-01"))
    records = stance(
        ("a", 0, "general", "war_with_israel", "favor", "public", "One."),
        ("a", 1, "general", "war_with_israel", "favor", "public", "Two."),
        ("a", 2, "minister", "war_with_israel", "against", "public", "Three."),
    )
    brief = brief_of(arts, records, min_evidence=2)
    assert {c.actor_id for c in brief.claims} == {"general"}
    assert "The Minister" not in pages.section_text(brief, "stances")


def test_evidence_is_escaped_and_only_web_addresses_are_linked():
    arts = articles(("a", "<b>Outlet</b>", "2024-08-01", "javascript:alert(1)"),
                    ("b", "Good", "2024-08-02", "https://example.org/story?a=1&b=2"))
    records = stance(
        ("a", 0, "general", "war_with_israel", "favor", "public",
         'He said <script>alert("x")</script> Israel will pay.'),
        ("b", 0, "general", "war_with_israel", "favor", "public", "He vowed revenge."),
    )
    html = pages.section_html(brief_of(arts, records), "stances")
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in html and "javascript:" not in html
    assert '<a href="https://example.org/story?a=1&amp;b=2">Good</a>' in html


def test_the_strongest_sentence_states_its_channel_and_names_its_holder():
    arts = articles(("a", "Daily One", "2024-08-01"))
    records = stance(
        ("a", 0, "president", "war_with_israel", "against", "private", "He warned of war.",
         "", "pronoun"),
        ("a", 1, "president", "war_with_israel", "against", "private",
         "The President warned of war, sources said.", "sources said", "subject"),
        ("a", 2, "president", "war_with_israel", "against", "private",
         "The President warned of war.", "", "subject"),
    )
    claim = brief_of(arts, records, max_evidence=2).claims[0]
    assert [e.ref for e in claim.evidence] == ["a:1", "a:2"]


def test_who_speaks_most_and_who_is_quoted_about_whom():
    quotes = pd.DataFrame({
        "article_id": ["a", "a", "a", "b"], "sentence_idx": [0, 2, 5, 1],
        "last_sentence_idx": [0, 3, "", 1],
        "speaker_id": ["president", "president", "", "leader"],
        "speaker": ["The President", "he", "an official", "The Leader"],
        "kind": ["direct", "indirect", "indirect", "direct"]})
    mentions = pd.DataFrame({
        "article_id": ["a", "a", "a", "a", "b"], "sentence_idx": [0, 0, 3, 5, 1],
        "actor_id": ["president", "leader", "general", "leader", "leader"]})
    brief = brief_of(articles(("a", "X", "2024-01-01"), ("b", "X", "2024-01-02")), stance(),
                     quotes=quotes, mentions=mentions)
    assert brief.speakers[["speaker_id", "n_quotes", "n_direct"]].values.tolist() == [
        ["president", 2, 1], ["leader", 1, 1]]
    pairs = brief.quoted_about[["speaker_id", "about_id", "n_quotes"]].values.tolist()
    assert pairs == [["president", "general", 1], ["president", "leader", 1]]
    assert brief.speaking[0].text == (
        "Most quoted: The President (2 quotes, 1 direct, in 1 article), The Leader (1 quote, "
        "1 direct, in 1 article). 1 quote has no named speaker (e.g. 'an official').")


def test_headlines_take_the_strongest_of_each_kind_three_to_five():
    arts = articles(("a", "Wire A", "2024-08-07"), ("b", "Paper B", "2024-08-20"),
                    ("c", "Wire A", "2024-10-01"))
    records = stance(
        ("a", 0, "president", "war_with_israel", "against", "private", "P1.", "sources"),
        ("a", 1, "president", "war_with_israel", "against", "private", "P2.", "sources"),
        ("a", 2, "president", "war_with_israel", "favor", "public", "P3."),
        ("b", 0, "president", "war_with_israel", "favor", "public", "P4."),
        ("b", 1, "president", "war_with_israel", "favor", "public", "P5."),
        ("c", 0, "president", "war_with_israel", "against", "public", "P6."),
        ("c", 1, "leader", "war_with_israel", "against", "unknown", "L1."),
    )
    brief = brief_of(arts, records)
    assert 3 <= len(brief.headlines) <= 5
    assert [s.kind for s in brief.headlines] == ["split", "shift", "outlets"]
    assert brief.shifts[0].text.startswith(
        "The President went from being for a military response to Israel in August 2024")
    assert "compared in public" in brief.shifts[0].text


def test_the_measured_accuracy_file_has_both_topics():
    accuracy = fd.load_accuracy()
    assert list(accuracy.columns) == fd.ACCURACY_COLUMNS
    stance_rows = accuracy[accuracy["step"] == "stance"]
    assert {"war_with_israel", "talks_with_us"} <= set(stance_rows["measure"])
    assert fd.load_accuracy("/nonexistent/measured.csv").empty


def test_the_chart_has_one_row_per_actor():
    arts = articles(("a", "Daily One", "2024-08-01"), ("b", "Daily One", "2024-11-01"))
    records = stance(
        ("a", 0, "president", "war_with_israel", "against", "private", "One."),
        ("a", 1, "president", "war_with_israel", "favor", "public", "Two."),
        ("b", 0, "general", "war_with_israel", "favor", "unknown", "Three."),
    )
    import matplotlib

    matplotlib.use("Agg")
    fig = pages.plot_stance_map(brief_of(arts, records), "war_with_israel")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["The President", "The General"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Aug\n2024", "Nov\n2024"]
    markers = ax.collections
    assert len(markers) == 3
    import matplotlib.pyplot as plt

    plt.close(fig)


def test_the_index_opens_with_the_findings_and_links_into_their_page(tmp_path):
    for sub in ("data", "figures"):
        (tmp_path / sub).mkdir()
    (tmp_path / "figures" / "06_findings_1_war_with_israel.png").write_bytes(b"png")
    (tmp_path / "figures" / "04_other.png").write_bytes(b"png")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("show()", metadata={"tags": ["summary"]}, outputs=[
        nbformat.v4.new_output("display_data", data={
            "text/plain": "The Leader changed course.",
            "text/html": '<ol><li>The Leader changed course. '
                         '<a href="#shift-x">(evidence)</a></li></ol>'})])]
    nbformat.write(nb, tmp_path / "06_findings.ipynb")
    page = write_index(tmp_path, {}).read_text("utf-8")
    assert page.index("<h2>Findings</h2>") < page.index("<h2>Notebooks</h2>")
    assert 'href="06_findings.html#shift-x"' in page
    assert '<img src="figures/06_findings_1_war_with_israel.png"' in page
    assert '<img src="figures/04_other.png"' not in page
    assert "06_findings</a> (<a" in page and "The Leader changed course.</li>" in page


def test_a_syndicated_copy_counts_once_but_keeps_its_outlet():
    arts = articles(("a", "Wire A", "2024-08-07"), ("b", "Paper B", "2024-08-08"),
                    ("c", "Paper C", "2024-08-09"))
    arts["duplicate_of"] = ["", "a", ""]
    text = "The General said Israel would face a crushing response."
    records = stance(
        ("a", 0, "general", "war_with_israel", "favor", "public", text),
        ("b", 0, "general", "war_with_israel", "favor", "public", text),
        ("c", 3, "general", "war_with_israel", "against", "public",
         "The General urged restraint toward Israel."),
    )
    brief = brief_of(arts, records)
    assert [c.text for c in brief.claims] == [
        "The General, in public, was divided on war with Israel in August 2024 "
        "(2 evidence sentences, 2 articles; cues 1 for, 1 against)."]
    assert [s.label for s in brief.outlets[0].sides] == ["Paper B", "Paper C", "Wire A"]
    assert any("1 article is another outlet's copy" in s.text for s in brief.overview)
