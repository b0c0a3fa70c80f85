"""Run a per-article function serially or over a process pool, keeping input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def resolve_workers(workers: int | None) -> int:
    """``workers`` as a count: 0 or None means one per CPU core."""
    if workers is None or workers == 0:
        return os.cpu_count() or 1
    if workers < 0:
        raise ValueError(f"workers must be 0 (all cores) or a positive count, not {workers}.")
    return workers


def map_items(func: Callable[..., Any], items: Sequence[tuple], workers: int | None = 1) -> list:
    """``[func(*item) for item in items]``, over ``workers`` processes when more than one.

    The result is in input order, so a parallel run gives the same tables as a serial one.
    """
    workers = resolve_workers(workers)
    if workers == 1 or len(items) < 2:
        return [func(*item) for item in items]
    chunksize = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, *zip(*items, strict=True), chunksize=chunksize))
