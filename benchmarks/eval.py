"""The scorer behind ``make eval``: accuracy of every step against hand annotations.

Runs the whole analysis (``helpers.pipeline.run_all``) on an annotated folder and compares
its tables with the annotation file (format in ``devset/README.md``). Two sets are scored:

- ``devset/``: pasted pages in many outlet styles with ``devset/gold.json``;
- the seeds (``../seeds``) with ``seeds_gold.json``;
- ``heldout/``: pages in eight more outlet styles, written after the rules as a held-out
  check (never to be used to write or tune a rule).

For each set it prints one line per step (overall), one row per page, and then every miss
so that it can be read against the page. This is a measurement script, not a test: it
prints figures and always exits 0 unless the analysis itself fails.

    python benchmarks/eval.py [--set devset|seeds|all] [--no-misses]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

import pandas as pd  # noqa: E402

from helpers import stance as stance_step  # noqa: E402
from helpers.actors import load_register  # noqa: E402
from helpers.pipeline import run_all  # noqa: E402

SETS = {
    "devset": (HERE / "devset" / "pages", HERE / "devset" / "gold.json"),
    "seeds": (REPO / "seeds", HERE / "seeds_gold.json"),
    # written after the rules, never used to write them: the fairer estimate
    "heldout": (HERE / "heldout" / "pages", HERE / "heldout" / "gold.json"),
}
QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text) -> str:
    """Comparable form: straight quotes and dashes, one space, case folded."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"\s+", " ", text.translate(QUOTE_MARKS)).strip().casefold()


def names_of(author) -> set[str]:
    """The people in a byline string, as a set of normalised names."""
    parts = re.split(r",|\band\b|&|;", norm(author))
    return {p.strip(" .") for p in parts if p.strip(" .")}


@dataclass
class Score:
    """Hits out of trials for one measure, with the misses kept for printing."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str = "") -> None:
        self.total += 1
        self.hits += bool(ok)
        if not ok and miss:
            self.misses.append(miss)

    def cell(self) -> str:
        return f"{self.hits}/{self.total}" if self.total else "-"

    def share(self) -> str:
        return f"{self.hits / self.total:.0%}" if self.total else "-"


MEASURES = (
    ("furniture", "furniture lines removed"),
    ("probes", "content probes kept"),
    ("headline", "headline exact"),
    ("interface", "headline not an interface string"),
    ("invented", "no headline invented where none printed"),
    ("date", "date exact (pages that print one)"),
    ("author", "author"),
    ("actor_recall", "actors found (recall)"),
    ("actor_precision", "actors found that the reader lists (precision)"),
    ("quotes", "quotes attributed to their speaker"),
    ("stance_war_with_israel", "stance: war_with_israel"),
    ("stance_talks_with_us", "stance: talks_with_us"),
    ("channel", "channel (public/private) where stated"),
    ("time", "time expressions resolved"),
    ("skipped", "non-English pages skipped with reason"),
)


def mask(frame: pd.DataFrame, flags: list[bool]) -> pd.Series:
    """A boolean row selector for ``frame`` (also for an empty frame)."""
    return pd.Series(flags, index=frame.index, dtype=bool)


def actor_names() -> dict[str, str]:
    register = load_register()
    return {row.actor_id: f"{row.name} {row.actor_id}".casefold()
            for row in register.itertuples(index=False)}


def matching_ids(pattern: str, ids, names: dict[str, str]) -> set[str]:
    regex = re.compile(pattern)
    return {i for i in ids if regex.search(names.get(i, i.casefold()))}


def score_page(page_id: str, gold: dict, tables: dict, names: dict, patterns: dict) -> dict:
    """Every measure for one page, as ``{measure: Score}``."""
    scores = {key: Score() for key, _ in MEASURES}
    articles = tables["articles"]
    row = articles[articles["article_id"] == page_id]
    if row.empty:
        scores["probes"].add(False, f"{page_id}: no row in articles.csv")
        return scores
    art = row.iloc[0]
    if gold.get("language", "en") != "en":
        problem = art["problem"] if isinstance(art["problem"], str) else ""
        scores["skipped"].add(art["status"] == "skipped" and bool(problem),
                              f"{page_id}: {gold['language']} page not skipped")
        return scores
    if art["status"] != "ok":  # every annotation of a skipped English page is a miss
        miss = f"{page_id}: skipped ({art['problem']})"
        for key, items in (("furniture", "boilerplate_lines"), ("probes", "content_probes"),
                           ("actor_recall", "actors"), ("quotes", "quotes"),
                           ("channel", "private_public"), ("time", "events")):
            for _ in gold.get(items, []):
                scores[key].add(False, miss)
        for _, topic, _ in gold.get("stances", []):
            scores[f"stance_{topic}"].add(False, miss)
        for key in ("headline", "author") + (("date",) if gold.get("published") else ()):
            scores[key].add(False, miss)
        return scores

    body = art["body"] if isinstance(art["body"], str) else ""
    body_lines = {norm(line) for line in body.split("\n") if line.strip()}
    body_text = norm(body)
    for line in gold.get("boilerplate_lines", []):
        key = norm(line)
        kept = key in body_lines or (len(key.split()) >= 4 and key in body_text)
        scores["furniture"].add(not kept, f"{page_id}: furniture kept: {line[:90]}")
    for probe in gold.get("content_probes", []):
        scores["probes"].add(norm(probe) in body_text, f"{page_id}: content lost: {probe}")

    ours = norm(art["headline"])
    furniture = {norm(line) for line in gold.get("boilerplate_lines", [])}
    if gold.get("headline"):
        scores["headline"].add(ours == norm(gold["headline"]),
                               f"{page_id}: headline {ours[:70]!r} (gold "
                               f"{norm(gold['headline'])[:70]!r})")
    else:  # a headline given by the manifest is not invented from the page
        invented = bool(ours) and art["headline_source"] == "text"
        scores["invented"].add(not invented, f"{page_id}: headline invented: {ours[:80]!r}")
    if ours:
        scores["interface"].add(ours not in furniture,
                                f"{page_id}: interface string as headline: {ours[:80]!r}")

    if gold.get("published"):
        got = art["published"] if isinstance(art["published"], str) else ""
        scores["date"].add(got == gold["published"],
                           f"{page_id}: date {got or 'none'} ({art['published_source']}), "
                           f"gold {gold['published']}")
    gold_author = names_of(gold.get("author"))
    our_author = names_of(art["author"])
    scores["author"].add(gold_author == our_author,
                         f"{page_id}: author {sorted(our_author)} (gold {sorted(gold_author)})")

    mentions = tables["mentions"]
    found = set(mentions.loc[mentions["article_id"] == page_id, "actor_id"])
    gold_actors = gold.get("actors", [])
    matched: set[str] = set()
    for key in gold_actors:
        ids = matching_ids(patterns[key], found, names)
        matched |= ids
        scores["actor_recall"].add(bool(ids), f"{page_id}: actor missed: {key}")
    for actor_id in sorted(found):
        scores["actor_precision"].add(actor_id in matched,
                                      f"{page_id}: actor not listed by the reader: {actor_id}")

    quotes = tables["quotes"]
    page_quotes = quotes[quotes["article_id"] == page_id]
    for speaker, opening in gold.get("quotes", []):
        want = norm(opening)
        rows = page_quotes[mask(page_quotes, [want in norm(q) for q in page_quotes["quote"]])]
        ids = set(rows["speaker_id"].dropna())
        ok = bool(matching_ids(patterns[speaker], ids, names))
        got = ", ".join(sorted(ids)) or "no quote row"
        scores["quotes"].add(ok, f"{page_id}: quote {opening!r} by {speaker}: {got}")

    summary = stance_step.summarize_stances(tables["stance"])
    page_summary = summary[summary["article_id"] == page_id]
    for actor, topic, want in gold.get("stances", []):
        rows = page_summary[(page_summary["topic"] == topic)
                            & page_summary["actor_id"].isin(
                                matching_ids(patterns[actor], set(page_summary["actor_id"]),
                                             names))]
        got = ";".join(sorted(set(rows["stance"]))) or "none"
        key = f"stance_{topic}" if f"stance_{topic}" in scores else "stance_war_with_israel"
        scores[key].add(want in set(rows["stance"]) and len(set(rows["stance"])) == 1,
                        f"{page_id}: stance {actor} {topic} {got} (gold {want})")
    for actor, topic, want, channel in gold.get("private_public", []):
        rows = page_summary[(page_summary["topic"] == topic)
                            & page_summary["actor_id"].isin(
                                matching_ids(patterns[actor], set(page_summary["actor_id"]),
                                             names))]
        column = f"{channel}_stance"
        got = ";".join(sorted({str(v) for v in rows[column] if isinstance(v, str) and v}))
        scores["channel"].add(want in got.split(";"),
                              f"{page_id}: {channel} stance of {actor} on {topic}: "
                              f"{got or 'none'} (gold {want})")

    events = tables["events"]
    page_events = events[events["article_id"] == page_id]
    for expression, first, last in gold.get("events", []):
        want = norm(expression)
        rows = page_events[mask(page_events, [bool(norm(e)) and (want in norm(e) or norm(e) in want)
                                              for e in page_events["expression"]])]
        ok = any(r.date_start == first and r.date_end == last for r in rows.itertuples())
        got = "; ".join(f"{r.expression} {r.date_start}..{r.date_end}"
                        for r in rows.itertuples()) or "not found"
        scores["time"].add(ok, f"{page_id}: time {expression!r} {first}..{last}: {got}")
    return scores


def evaluate(name: str, show_misses: bool) -> dict[str, Score]:
    folder, gold_path = SETS[name]
    if not gold_path.exists():
        print(f"\n== {name}: no annotation file {gold_path.relative_to(REPO)}; not scored")
        return {}
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    tables = run_all(folder)
    names = actor_names()
    per_page = {page_id: score_page(page_id, page_gold, tables, names, gold["actor_patterns"])
                for page_id, page_gold in sorted(gold["articles"].items())}
    overall = {key: Score() for key, _ in MEASURES}
    for scores in per_page.values():
        for key, score in scores.items():
            overall[key].hits += score.hits
            overall[key].total += score.total
            overall[key].misses += score.misses

    print(f"\n== {name}: {len(per_page)} pages ({folder.relative_to(REPO)})")
    for key, label in MEASURES:
        print(f"  {label:<48}{overall[key].cell():>10}{overall[key].share():>7}")
    short = ("furn", "probe", "head", "date", "auth", "act-R", "act-P", "quote", "war",
             "talks", "chan", "time")
    keys = ("furniture", "probes", "headline", "date", "author", "actor_recall",
            "actor_precision", "quotes", "stance_war_with_israel", "stance_talks_with_us",
            "channel", "time")
    print(f"\n  {'page':<28}" + "".join(f"{s:>8}" for s in short))
    for page_id, scores in per_page.items():
        print(f"  {page_id[:28]:<28}" + "".join(f"{scores[k].cell():>8}" for k in keys))
    if show_misses:
        print(f"\n  misses ({name}):")
        for key, _ in MEASURES:
            for miss in overall[key].misses:
                print(f"    [{key}] {miss}")
    return overall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--no-misses", action="store_true", help="print the figures only")
    args = parser.parse_args()
    for name in SETS if args.set == "all" else [args.set]:
        evaluate(name, show_misses=not args.no_misses)


if __name__ == "__main__":
    main()
