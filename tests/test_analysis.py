"""One analysis per folder: the per-article cache, the stored analysis, and Dask."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from helpers import analysis, parallel

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import write_corpus  # noqa: E402

TABLES = ("mentions", "quotes", "candidates", "scores", "framing", "stance", "expressions",
          "events")


def as_csv(result: analysis.Analysis) -> dict[str, bytes]:
    frames = {name: getattr(result, name) for name in TABLES}
    frames |= {"articles": result.corpus.articles, "removed": result.corpus.removed,
               "sentences": result.corpus.sentences}
    return {name: frame.to_csv(index=False, lineterminator="\n").encode()
            for name, frame in frames.items()}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "articles", 12)


def counted(run):
    before = parallel.cache_counts()
    result = run()
    after = parallel.cache_counts()
    return result, after[0] - before[0], after[1] - before[1]


def test_adding_articles_recomputes_only_them(folder, tmp_path):
    cache = tmp_path / "cache"
    with parallel.running(cache_dir=cache):
        first, hits, misses = counted(lambda: analysis.analyse(folder))
    assert hits == 0 and misses > 0
    per_article_steps = misses // 12
    grown = tmp_path / "grown"
    shutil.copytree(folder, grown)
    extra = write_corpus(tmp_path / "extra", 2, seed=99)
    for n, path in enumerate(sorted(extra.glob("*.txt"))):
        shutil.copy(path, grown / f"zz_new_{n}.txt")
    with parallel.running(cache_dir=cache):
        again, hits, misses = counted(lambda: analysis.analyse(grown))
    assert misses == 2 * per_article_steps and hits == 12 * per_article_steps
    assert as_csv(again) == as_csv(analysis.analyse(grown))  # the same as a run from nothing


def test_a_damaged_cache_entry_is_recomputed_not_trusted(folder, tmp_path):
    cache = tmp_path / "cache"
    with parallel.running(cache_dir=cache):
        first = analysis.analyse(folder)
    entries = sorted(cache.rglob("*.pkl"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut short, as by a full disk
    entries[1].write_bytes(b"x" * 300)  # garbage
    with parallel.running(cache_dir=cache):
        again, hits, misses = counted(lambda: analysis.analyse(folder))
    assert misses == 2
    assert as_csv(again) == as_csv(first)


def test_stored_analysis_is_reused_only_for_the_same_input_and_code(folder, tmp_path):
    out = tmp_path / "out"
    first = analysis.load(folder, out)
    assert analysis.stored(out, analysis.fingerprint(folder)) is not None
    assert as_csv(analysis.load(folder, out)) == as_csv(first)
    changed = tmp_path / "changed"
    shutil.copytree(folder, changed)
    victim = sorted(changed.glob("*.txt"))[0]
    victim.write_text(victim.read_text("utf-8") + "\nOne more line of text.\n", "utf-8")
    assert analysis.stored(out, analysis.fingerprint(changed)) is None
    assert analysis.stored(out, {**analysis.fingerprint(folder), "code": "other"}) is None


@pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                    reason="the dask extra is not installed")
def test_dask_local_cluster_gives_the_same_tables(folder):
    serial = as_csv(analysis.analyse(folder))
    with parallel.running(scheduler="local"):
        on_dask = as_csv(analysis.analyse(folder))
    assert on_dask == serial


def test_a_bad_scheduler_address_is_one_plain_sentence():
    with pytest.raises(ValueError, match="--scheduler must be 'local' or an address"):
        with parallel.running(scheduler="localhost:8786"):
            pass
