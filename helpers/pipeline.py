"""Every analysis step in order, on one corpus: for the benchmark and whole-run checks.

The notebooks call the steps one by one; this module runs the same calls end to end so
that their cost can be measured and a parallel run compared with a serial one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers import actors, framing, quotes, sentiment, stance, timeline
from helpers.corpus import load_corpus

STEPS = ("corpus", "mentions", "quotes", "sentiment", "framing", "stance", "events")


def run_all(
    seeds_dir: str | Path,
    workers: int = 1,
    on_step: Callable[[str, float], None] | None = None,
) -> dict[str, pd.DataFrame]:
    """All tables for ``seeds_dir``; ``on_step(name, seconds)`` is called after each step."""
    tables: dict[str, pd.DataFrame] = {}

    def timed(name: str, func: Callable[[], object]):
        start = time.perf_counter()
        result = func()
        if on_step:
            on_step(name, time.perf_counter() - start)
        return result

    corpus = timed("corpus", lambda: load_corpus(seeds_dir, workers=workers))
    sentences, articles = corpus.sentences, corpus.articles
    tables.update(articles=articles, removed_lines=corpus.removed, sentences=sentences)
    mentions = timed("mentions", lambda: actors.find_mentions(sentences, articles, workers=workers))
    tables["mentions"] = mentions
    tables["quotes"] = timed(
        "quotes", lambda: quotes.find_quotes(sentences, mentions, articles, workers=workers)
    )
    tables["sentiment"] = timed(
        "sentiment",
        lambda: sentiment.sentiment_table(sentences, articles, mentions, workers=workers),
    )
    tables["framing"] = timed("framing", lambda: framing.find_terms(sentences, workers=workers))
    tables["stance"] = timed(
        "stance",
        lambda: stance.find_stances(sentences, mentions, tables["quotes"], articles,
                                    workers=workers),
    )
    tables["events"] = timed(
        "events", lambda: timeline.find_events(sentences, articles, mentions, workers=workers)
    )
    return tables
