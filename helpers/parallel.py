"""Run a per-article function serially, over a process pool or on Dask, with a result cache.

Every step sends its per-article work through :func:`map_items`. Inside
``with running(cache_dir=..., scheduler=...):`` the results are also cached on disk, one
file per article and step, keyed by the article's input (the pickled arguments) and the
fingerprint of the code and data files (:func:`code_fingerprint`): a folder with 1% new
articles recomputes that 1%, and any change to ``helpers/`` or ``helpers/data/`` recomputes
everything. A cache file is written to a temporary name and renamed into place, and holds
its own key and a checksum; a file that is cut short, corrupt or written for another key is
ignored and recomputed, so a run killed midway leaves nothing a later run trusts.

``scheduler`` sends the work to Dask (``pip install .[dask]``): ``"local"`` starts a local
``dask.distributed`` cluster, ``"tcp://HOST:PORT"`` uses an existing scheduler. Results come
back in input order, so the tables are the same byte for byte as a serial run's.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class _Settings:
    cache_dir: Path | None = None
    scheduler: str | None = None
    client: Any = None
    hits: int = 0
    misses: int = 0


_SETTINGS = _Settings()


def resolve_workers(workers: int | None) -> int:
    """``workers`` as a count: 0 or None means one per CPU core."""
    if workers is None or workers == 0:
        return os.cpu_count() or 1
    if workers < 0:
        raise ValueError(f"workers must be 0 (all cores) or a positive count, not {workers}.")
    return workers


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of every module of ``helpers/`` and every file of ``helpers/data/``."""
    digest = hashlib.sha256()
    files = sorted([*PACKAGE_DIR.glob("*.py"), *(PACKAGE_DIR / "data").glob("*")])
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@contextmanager
def running(cache_dir: str | Path | None = None, scheduler: str | None = None) -> Iterator[None]:
    """Within the block, :func:`map_items` caches results in ``cache_dir`` and runs on the
    Dask ``scheduler`` ("local" or "tcp://HOST:PORT") when one is given."""
    previous = _Settings(**vars(_SETTINGS))
    _SETTINGS.cache_dir = Path(cache_dir) if cache_dir else None
    _SETTINGS.scheduler = scheduler
    _SETTINGS.client = _dask_client(scheduler) if scheduler else None
    try:
        yield
    finally:
        if _SETTINGS.client is not None:
            cluster = getattr(_SETTINGS.client, "cluster", None)
            _SETTINGS.client.close()
            if cluster is not None and scheduler == "local":
                cluster.close()
        for name, value in vars(previous).items():
            if name not in ("hits", "misses"):
                setattr(_SETTINGS, name, value)


def cache_counts() -> tuple[int, int]:
    """(results read from the cache, results computed) since the process started."""
    return _SETTINGS.hits, _SETTINGS.misses


def _dask_client(scheduler: str):
    if scheduler != "local" and not scheduler.startswith(("tcp://", "tls://", "inproc://")):
        raise ValueError(
            f"--scheduler must be 'local' or an address like tcp://HOST:8786, not {scheduler!r}."
        )
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError(
            "The Dask scheduler needs the dask extra: pip install '.[dask]'."
        ) from None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=resolve_workers(0), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        return Client(cluster)
    return Client(scheduler)


def _canonical(value: Any) -> Any:
    """``value`` in one form for its cache key: numbers (a column's dtype depends on the
    whole table: an int column turns float when another article adds a missing value, and
    the key of one article's input must not), sets in order, and an argument's own
    ``cache_identity`` (a source file's digest rather than its path) when it has one."""
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((_canonical(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple((_canonical(k), _canonical(v)) for k, v in value.items())
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return int(value)
    identity = getattr(value, "cache_identity", None)
    return _canonical(identity) if identity is not None else value


def _key(func: Callable, item: tuple) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(f"{func.__module__}.{func.__qualname__}".encode())
    # repr, not pickle: a pickle also records which equal objects are the same object
    digest.update(repr(_canonical(item)).encode())
    return digest.hexdigest()


def _cache_path(key: str) -> Path:
    return _SETTINGS.cache_dir / key[:2] / f"{key}.pkl"


def _read_cached(key: str) -> tuple[bool, Any]:
    """(found, value) for a cache entry that exists, is whole and was written for ``key``."""
    try:
        data = _cache_path(key).read_bytes()
    except OSError:
        return False, None
    stored_key, checksum, payload = data[:64], data[64:128], data[128:]
    if stored_key != key.encode() or hashlib.sha256(payload).hexdigest().encode() != checksum:
        return False, None
    try:
        return True, pickle.loads(payload)
    except Exception:  # noqa: BLE001 - an unreadable entry is recomputed, never trusted
        return False, None


def _write_cached(key: str, value: Any) -> None:
    """Write a cache entry atomically: to a temporary file, then renamed into place."""
    path = _cache_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(value, protocol=5)
    data = key.encode() + hashlib.sha256(payload).hexdigest().encode() + payload
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:  # a full disk: the result is still returned, just not cached
        Path(temporary).unlink(missing_ok=True)


def _run_chunk(func: Callable, chunk: Sequence[tuple]) -> list:
    """``func`` over a chunk of items: one Dask task per chunk, not per article (a task
    costs milliseconds of scheduling, as much as an article's work)."""
    return [func(*item) for item in chunk]


def _compute(func: Callable, items: Sequence[tuple], workers: int | None) -> list:
    if _SETTINGS.client is not None and len(items) > 1:
        n_workers = max(1, len(_SETTINGS.client.scheduler_info().get("workers", {})))
        size = max(1, len(items) // (n_workers * 8))
        chunks = [items[k:k + size] for k in range(0, len(items), size)]
        futures = _SETTINGS.client.map(_run_chunk, [func] * len(chunks), chunks, pure=False)
        return [result for part in _SETTINGS.client.gather(futures) for result in part]
    workers = resolve_workers(workers)
    if workers == 1 or len(items) < 2:
        return [func(*item) for item in items]
    chunksize = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(func, *zip(*items, strict=True), chunksize=chunksize))


def map_items(func: Callable[..., Any], items: Sequence[tuple], workers: int | None = 1) -> list:
    """``[func(*item) for item in items]``, over ``workers`` processes when more than one
    (or on Dask, with cached results reused, inside :func:`running`).

    The result is in input order, so a parallel run gives the same tables as a serial one.
    """
    if _SETTINGS.cache_dir is None:
        return _compute(func, items, workers)
    keys = [_key(func, item) for item in items]
    results: list = [None] * len(items)
    missing: list[int] = []
    for n, key in enumerate(keys):
        found, value = _read_cached(key)
        if found:
            results[n] = value
        else:
            missing.append(n)
    _SETTINGS.hits += len(items) - len(missing)
    _SETTINGS.misses += len(missing)
    for n, value in zip(missing, _compute(func, [items[n] for n in missing], workers),
                        strict=True):
        results[n] = value
        _write_cached(keys[n], value)
    return results
