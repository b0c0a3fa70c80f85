"""One analysis of a folder, computed once and read by every notebook.

``analyse(folder)`` runs every per-article step once (over the worker pool or Dask, with the
per-article cache of :mod:`helpers.parallel` when one is set) and returns an
:class:`Analysis` with the tables the notebooks start from. ``load(seeds_dir, output_dir)``
is what a notebook calls: it reads the analysis stored in ``<output_dir>/.analysis/`` when
that was made from the same input files with the same code and data files (a fingerprint is
stored with it), and otherwise computes it and stores it. The report runner calls
``load`` once before it executes the notebooks, so each notebook only reads.

The store is one pickle per table (lossless, no extra dependency; read only when a notebook
uses that table), with a checksum of each in the fingerprint file: the notebooks get exactly
the frames the steps built. The CSV tables of DESIGN.md are still
written by the notebooks; the store is a cache, not a result, and is never committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

from helpers import actors, framing, quotes, sentiment, stance, timeline
from helpers.corpus import MANIFEST_NAME, Corpus, load_corpus
from helpers.parallel import code_fingerprint, running
from helpers.sources import ARTICLE_SUFFIXES

STORE_DIR = ".analysis"


@dataclass
class Analysis:
    """Every table the notebooks start from."""

    corpus: Corpus
    mentions: pd.DataFrame
    quotes: pd.DataFrame
    candidates: pd.DataFrame
    scores: pd.DataFrame
    framing: pd.DataFrame
    stance: pd.DataFrame
    expressions: pd.DataFrame
    events: pd.DataFrame


def analyse(folder: str | Path, workers: int = 1) -> Analysis:
    """Run every step on ``folder`` once."""
    corpus = load_corpus(folder, workers=workers)
    sentences, articles = corpus.sentences, corpus.articles
    mentions = actors.find_mentions(sentences, articles, workers=workers)
    found_quotes = quotes.find_quotes(sentences, mentions, articles, workers=workers)
    expressions = timeline.time_expressions(sentences, articles, workers=workers)
    return Analysis(
        corpus=corpus,
        mentions=mentions,
        quotes=found_quotes,
        candidates=actors.find_candidates(sentences, mentions),
        scores=sentiment.score_sentences(sentences, workers=workers),
        framing=framing.find_terms(sentences, workers=workers),
        stance=stance.find_stances(sentences, mentions, found_quotes, articles, workers=workers),
        expressions=expressions,
        events=timeline.find_events(sentences, articles, mentions=mentions,
                                    expressions=expressions),
    )


def input_fingerprint(folder: str | Path) -> str:
    """A digest of the names and bytes of the folder's article files and manifest."""
    digest = hashlib.sha256()
    folder = Path(folder)
    for path in sorted(folder.iterdir()):
        if path.is_file() and (path.suffix.lower() in ARTICLE_SUFFIXES
                               or path.name == MANIFEST_NAME):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint(folder: str | Path) -> dict[str, str]:
    """What an analysis was made from: the input files and the code and data files."""
    return {"input": input_fingerprint(folder), "code": code_fingerprint()}


def _store(output_dir: str | Path) -> Path:
    return Path(output_dir) / STORE_DIR


def _write_atomic(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def save(analysis: Analysis, output_dir: str | Path, made_from: dict[str, str]) -> None:
    """Store ``analysis`` under ``output_dir``: one file per table, then the fingerprint
    with each table's checksum (written last, so a store cut short is never current)."""
    store = _store(output_dir)
    store.mkdir(parents=True, exist_ok=True)
    (store / "fingerprint.json").unlink(missing_ok=True)
    sums = {}
    for f in fields(Analysis):
        payload = pickle.dumps(getattr(analysis, f.name), protocol=5)
        _write_atomic(store / f"{f.name}.pkl", payload)
        sums[f.name] = hashlib.sha256(payload).hexdigest()
    record = dict(made_from, tables=sums)
    _write_atomic(store / "fingerprint.json", json.dumps(record, indent=1).encode())


class StoredAnalysis:
    """An analysis read from the store table by table, when a notebook first uses one: a
    notebook that needs the stance records does not hold the sentence scores in memory."""

    def __init__(self, store: Path, sums: dict[str, str]):
        self._store, self._sums, self._tables = store, sums, {}

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._sums:
            raise AttributeError(name)
        if name not in self._tables:
            payload = (self._store / f"{name}.pkl").read_bytes()
            if hashlib.sha256(payload).hexdigest() != self._sums[name]:
                raise OSError(f"The stored table {name} was changed; run the analysis again.")
            self._tables[name] = pickle.loads(payload)
        return self._tables[name]


def stored(output_dir: str | Path, made_from: dict[str, str]) -> StoredAnalysis | None:
    """The stored analysis if it was made from ``made_from`` and is whole, else None."""
    store = _store(output_dir)
    try:
        record = json.loads((store / "fingerprint.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if any(record.get(k) != v for k, v in made_from.items()):
        return None
    sums = record.get("tables", {})
    names = {f.name for f in fields(Analysis)}
    if set(sums) != names or not all((store / f"{n}.pkl").is_file() for n in names):
        return None
    return StoredAnalysis(store, sums)


def load(seeds_dir: str | Path, output_dir: str | Path, workers: int = 1,
         cache: bool = True, scheduler: str | None = None) -> Analysis | StoredAnalysis:
    """The analysis of ``seeds_dir``: the stored one when it is current, else computed
    (reusing the per-article cache in ``<output_dir>/.analysis/cache``) and stored.
    ``cache=False`` recomputes every article and ignores what is stored."""
    made_from = fingerprint(seeds_dir)
    found = stored(output_dir, made_from) if cache else None
    if found is not None:
        return found
    cache_dir = _store(output_dir) / "cache" if cache else None
    with running(cache_dir=cache_dir, scheduler=scheduler):
        analysis = analyse(seeds_dir, workers=workers)
    save(analysis, output_dir, made_from)
    return analysis
