"""Actor register, mention finding, title resolution and new-name candidates.

Expected values come from reading the seed articles and the hand-made sentences.
"""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers.actors import (
    ACTOR_COLUMNS,
    CANDIDATE_COLUMNS,
    MENTION_COLUMNS,
    actor_table,
    cooccurrence,
    find_candidates,
    find_mentions,
    load_register,
    matcher,
    network_figure,
    sentence_mentions,
    translit_key,
)
from helpers.corpus import load_corpus

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def mentions(corpus):
    return find_mentions(corpus.sentences, corpus.articles)


def ids_in(text: str, published: str | None = "2024-08-07") -> list[str]:
    when = date.fromisoformat(published) if published else None
    return [actor for _, _, actor, _ in sentence_mentions(text, when, {})]


def found(text: str, published: str | None = "2024-08-07") -> list[tuple[str, str, str]]:
    when = date.fromisoformat(published) if published else None
    return [(text[a:b], actor, how) for a, b, actor, how in sentence_mentions(text, when, {})]


def seed_rows(mentions, prefix: str, sentence_idx: int) -> pd.DataFrame:
    rows = mentions[mentions["article_id"].str.startswith(prefix)]
    return rows[rows["sentence_idx"] == sentence_idx]


# ---------------------------------------------------------------- register


def test_register_is_well_formed():
    register = load_register()
    assert register["actor_id"].is_unique
    assert set(register["kind"]) <= {"person", "organization", "state", "group"}
    assert {"actor_id", "name", "kind", "affiliation", "role", "aliases"} <= set(register.columns)
    assert matcher().conflicts == []


def test_every_seed_actor_is_found_in_the_articles_that_name_them(mentions):
    expected = {
        "000": {
            "pezeshkian",
            "khamenei",
            "hamas",
            "haniyeh",
            "iran_international",
            "irgc",
            "salami",
            "wsj",
            "telegraph",
            "shoigu",
            "putin",
            "macron",
            "raisi",
        },
        "001": {
            "pezeshkian",
            "khamenei",
            "hemmati",
            "baghaei",
            "iranmehr",
            "trump",
            "iran_parliament",
            "zarif",
            "mohseni_ejei",
            "iran_international",
            "jalili",
            "rafsanjani",
            "khatami",
            "ahmadinejad",
            "rouhani",
            "raisi",
            "salavatian",
        },
        "002": {
            "khamenei",
            "nyt",
            "trump",
            "hamas",
            "hezbollah",
            "mousavian",
            "princeton",
            "shamkhani",
            "araghchi",
            "baghaei",
            "witkoff",
        },
        "003": {"pezeshkian", "starmer", "haniyeh", "hamas", "khamenei", "irgc"},
        "004": {"khamenei", "hamas", "haniyeh", "reuters", "hezbollah"},
    }
    for prefix, actors in expected.items():
        got = set(mentions.loc[mentions["article_id"].str.startswith(prefix), "actor_id"])
        assert got == actors, prefix


def test_mentions_table_columns_and_offsets(corpus, mentions):
    assert list(mentions.columns) == MENTION_COLUMNS
    texts = corpus.sentences.set_index(["article_id", "sentence_idx"])["text"]
    for row in mentions.itertuples(index=False):
        assert texts[(row.article_id, row.sentence_idx)][row.start : row.end] == row.surface


def test_baghaei_and_baqaei_are_one_person(mentions):
    assert list(seed_rows(mentions, "001", 6)["actor_id"])[0] == "baghaei"
    assert list(seed_rows(mentions, "002", 21)["actor_id"]) == ["baghaei"]
    assert set(seed_rows(mentions, "002", 21)["surface"]) == {"Esmaeil Baqaei"}


# ---------------------------------------------------------------- spellings


def test_transliteration_key_merges_known_variants():
    assert translit_key("Baghaei") == translit_key("Baqaei") == translit_key("Baghaie")
    assert translit_key("Araghchi") == translit_key("Araqchi")
    assert translit_key("Pezeshkian") == translit_key("Pezeshkiyan")
    assert translit_key("Khamenei") == translit_key("Khamene'i") == translit_key("Khameini")
    assert translit_key("Haniyeh") == translit_key("Haniyah")
    assert translit_key("Raisi") != translit_key("Rossi")


@pytest.mark.parametrize(
    "text, actor",
    [
        ("Spokesman Baghai told reporters on Monday.", "baghaei"),
        ("Araqchi flew to Muscat.", "araghchi"),
        ("Mr. Pezeshkyan spoke to lawmakers.", "pezeshkian"),
        ("A statement by Hizbolla followed.", "hezbollah"),
        ("Musavian wrote in the journal.", "mousavian"),
    ],
)
def test_unseen_spellings_of_known_names_are_found(text, actor):
    hits = found(text)
    assert [a for _, a, _ in hits] == [actor]


def test_unlisted_spelling_is_reported_as_variant():
    assert found("Araghchee met Ghalibaf.")[1] == ("Ghalibaf", "ghalibaf", "surname")
    assert found("Pezeshkyan spoke.") == [("Pezeshkyan", "pezeshkian", "variant")]


def test_similar_common_names_are_not_matched():
    assert ids_in("Rossi and Ross said nothing; Salome left.") == []
    assert ids_in("The Israel-Hamas war began in October.") == []


# ---------------------------------------------------------------- titles


def test_us_president_donald_trump_is_never_pezeshkian(mentions):
    assert list(seed_rows(mentions, "002", 8)["actor_id"]) == ["trump"]
    assert ids_in("U.S. President Donald Trump said talks would start.", "2025-04-11") == ["trump"]
    assert "pezeshkian" not in set(
        mentions.loc[mentions["article_id"].str.startswith("002"), "actor_id"]
    )


def test_president_ebrahim_raisi_is_raisi_whatever_the_date(mentions):
    assert list(seed_rows(mentions, "000", 22)["actor_id"]) == ["raisi"]
    assert ids_in("President Ebrahim Raisi visited Baghdad.", "2025-06-01") == ["raisi"]


def test_the_president_in_000_is_pezeshkian(mentions):
    rows = seed_rows(mentions, "000", 8)
    assert list(zip(rows["surface"], rows["actor_id"], rows["how"], strict=True)) == [
        ("president", "pezeshkian", "title")
    ]
    assert set(seed_rows(mentions, "000", 21)["actor_id"]) == {
        "khamenei",
        "pezeshkian",
        "iran_international",
    }


def test_supreme_leader_and_ruler_are_khamenei(mentions):
    assert list(seed_rows(mentions, "004", 3)["actor_id"])[0] == "khamenei"
    assert ids_in("The 85-year-old ruler remained silent.") == ["khamenei"]
    assert ids_in("The Supreme Leader spoke.", None) == ["khamenei"]


def test_qualifier_sets_the_country_of_a_title():
    assert ids_in("The U.S. president warned Tehran.", "2024-08-07") == ["biden"]
    assert ids_in("The U.S. president warned Tehran.", "2025-04-11") == ["trump"]
    assert ids_in("The president of France called Tehran.") == ["macron"]
    assert ids_in("British Prime Minister Keir Starmer called.", "2024-08-13") == ["starmer"]
    assert ids_in("The British prime minister called.", "2024-08-13") == ["starmer"]
    assert ids_in("The president said so.", "2023-11-16") == ["raisi"]
    assert ids_in("The Iranian president also told his French counterpart Emmanuel Macron.") == [
        "pezeshkian",
        "macron",
    ]


def test_generic_former_and_unknown_titles_stay_unresolved():
    assert ids_in("An Iranian president has never said this.") == []
    assert ids_in("The former president said so.") == []
    assert ids_in("The deputy foreign minister said so.") == []
    assert ids_in("The European Parliament voted.") == []
    assert ids_in("The president said so.", None) == []
    assert ids_in("It will be the leader of that.") == []


def test_title_followed_by_a_name_is_one_mention(mentions):
    assert list(seed_rows(mentions, "000", 3)["actor_id"]) == [
        "khamenei",
        "pezeshkian",
        "khamenei",
        "iran_international",
    ]
    assert ids_in("Chief Justice Gholam-Hossein Mohseni-Ejei said so.") == ["mohseni_ejei"]
    assert ids_in("The Supreme Leader (Khamenei) is pressuring Haniyeh.") == ["khamenei", "haniyeh"]


def test_organisation_qualifier_stays_a_mention():
    assert ids_in("IRGC Chief-Commander Hossein Salami said so.") == ["irgc", "salami"]
    assert ids_in("The IRGC commander said so.", "2024-08-07") == ["irgc", "salami"]


def test_title_held_until_shortly_before_the_article_still_resolves(mentions):
    assert list(seed_rows(mentions, "001", 14)["actor_id"]) == [
        "iran_parliament",
        "pezeshkian",
        "hemmati",
    ]


# ---------------------------------------------------------------- surnames


def test_surname_after_full_name_is_that_person():
    memory: dict[str, str] = {}
    first = sentence_mentions("Mojtaba Khamenei met clerics in Qom.", None, memory)
    later = sentence_mentions("Khamenei said nothing.", None, memory)
    assert [m[2] for m in first] == ["mojtaba_khamenei"]
    assert [m[2] for m in later] == ["mojtaba_khamenei"]
    assert ids_in("Khamenei said nothing.") == ["khamenei"]


def test_surname_alone_is_found_in_seeds(mentions):
    rows = seed_rows(mentions, "002", 23)
    assert list(zip(rows["surface"], rows["how"], strict=True)) == [
        ("Steve Witkoff", "name"),
        ("Trump", "surname"),
        ("Araghchi", "surname"),
    ]


def test_full_name_and_abbreviation_in_brackets_is_one_mention(mentions):
    rows = seed_rows(mentions, "003", 12)
    assert list(rows["actor_id"]) == ["irgc"]


# ---------------------------------------------------------------- tables


def test_parallel_equals_serial(corpus, mentions):
    parallel = find_mentions(corpus.sentences, corpus.articles, workers=2)
    pd.testing.assert_frame_equal(parallel, mentions)


def test_actor_table_counts(mentions):
    table = actor_table(mentions)
    assert list(table.columns) == ACTOR_COLUMNS
    top = table.iloc[0]
    assert top["actor_id"] == "pezeshkian"
    assert table.set_index("actor_id").loc["khamenei", "n_articles"] == 5
    assert table["n_mentions"].sum() == len(mentions)


def test_cooccurrence_and_figure(mentions):
    pairs = cooccurrence(mentions)
    assert (pairs["actor_a"] < pairs["actor_b"]).all()
    khamenei_pezeshkian = pairs[
        (pairs["actor_a"] == "khamenei") & (pairs["actor_b"] == "pezeshkian")
    ]
    assert int(khamenei_pezeshkian["n_articles"].iloc[0]) == 2  # 000 and 001
    fig = network_figure(actor_table(mentions), pairs)
    assert fig.axes


# ---------------------------------------------------------------- candidates


def test_no_false_candidates_on_the_seeds(corpus, mentions):
    candidates = find_candidates(corpus.sentences, mentions)
    assert list(candidates.columns) == CANDIDATE_COLUMNS
    assert candidates.empty


def test_unregistered_names_become_candidates():
    text = [
        "Iranian lawmaker Ahmad Naderi said on Tuesday that talks with Washington were pointless.",
        "Naderi added that the Supreme Leader had the final word.",
        "\u201cWe are ready,\u201d said Farzaneh Roostaei, a political analyst in Tehran.",
        "Key Points From The Middle East Summit",
        "In Natanz, Western Europe and the Persian Gulf, officials met Abbas Araghchi.",
    ]
    sentences = pd.DataFrame({"article_id": "hand", "sentence_idx": range(len(text)), "text": text})
    mentions = find_mentions(
        sentences, pd.DataFrame({"article_id": ["hand"], "published": ["2025-04-11"]})
    )
    candidates = find_candidates(sentences, mentions).set_index("name")
    assert set(candidates.index) == {"Ahmad Naderi", "Farzaneh Roostaei"}
    assert candidates.loc["Ahmad Naderi", "n_mentions"] == 2
    assert candidates.loc["Farzaneh Roostaei", "sentence_idx"] == 2


# The fast title scan must find exactly what the title pattern's own scan finds, also where
# it cannot take its shortcut (a character that IGNORECASE folds to an ASCII letter).
TITLE_SCAN_TEXTS = [
    "President Pezeshkian met the foreign minister, not the Foreign Ministry spokesman.",
    "The ex-president and vice-president spoke; the PRESIDENT did not (prime minister-elect).",
    "\u201cSupreme Leader\u201d Khamenei \u2014 Iran\u2019s leader \u2014 named an IRGC chief-commander.",
    "caf\u00e9president, president_x and 2president are not titles; presidents is not either.",
    "The pre\u017fident and the \u0130ran president, Secretary-General and secretary general.",
    "",
]


@pytest.mark.parametrize("text", TITLE_SCAN_TEXTS)
def test_title_scan_equals_the_title_pattern(text):
    from helpers.actors import _title_hits

    m = matcher()
    assert [h.span() for h in _title_hits(text, m)] == [
        h.span() for h in m.title_regex.finditer(text)
    ]
