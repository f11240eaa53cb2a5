"""Run a function over items: in process (jobs=1), in spawned worker processes, or on Dask.

Worker processes are started with ``spawn`` (a JVM for konlpy cannot be forked), so each worker starts
its own JVM once, on first use, and keeps it. Items are submitted in a bounded window (``2 × workers``)
so a corpus larger than memory streams through; results come back as they complete.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from policytext.errors import PolicytextError

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Failure:
    """An item whose function raised: the error message and traceback, kept for the run report."""

    error: str
    trace: str


def _call(func: Callable[[Any], Any], item: Any) -> Any:
    try:
        return func(item)
    except Exception as e:  # a bad document must not stop the batch; it is reported
        return Failure(f"{type(e).__name__}: {e}", traceback.format_exc(limit=5))


def run(
    func: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, result)`` for each item as it completes; a failing item yields a ``Failure``."""
    if engine not in ENGINES:
        raise PolicytextError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "dask":
        yield from _run_dask(func, items, jobs, scheduler)
    elif jobs <= 1:
        for i, item in enumerate(items):
            yield i, _call(func, item)
    else:
        yield from _run_pool(func, items, jobs)


def _run_pool(func: Callable[[Any], Any], items: Iterable[Any], jobs: int) -> Iterator[tuple[int, Any]]:
    import multiprocessing as mp
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from policytext.engine.watchdog import init_worker

    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"), initializer=init_worker,
                               initargs=(os.getpid(),))  # fmt: skip
    try:
        yield from _drive_pool(pool, func, items, jobs)
    except BrokenProcessPool as e:
        pool.shutdown(wait=False, cancel_futures=True)
        raise PolicytextError("a worker process died (killed, or out of memory); the documents finished before are "
                              "kept in the cache (unless --no-cache): run the same command again to resume") from e
    except BaseException:  # Ctrl-C or an error in the driver: stop the workers without waiting for them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _drive_pool(pool: Any, func: Callable[[Any], Any], items: Iterable[Any], jobs: int) -> Iterator[tuple[int, Any]]:
    """Submit items in a window of ``2 x jobs`` and yield results as they complete."""
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    pending: dict[Future[Any], int] = {}
    it = iter(enumerate(items))
    exhausted = False
    while True:
        while not exhausted and len(pending) < 2 * jobs:
            try:
                i, item = next(it)
            except StopIteration:
                exhausted = True
                break
            pending[pool.submit(_call, func, item)] = i
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for fut in done:
            yield pending.pop(fut), fut.result()


def _run_dask(
    func: Callable[[Any], Any], items: Iterable[Any], jobs: int, scheduler: str | None
) -> Iterator[tuple[int, Any]]:
    import importlib

    try:
        dist: Any = importlib.import_module("distributed")
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise PolicytextError("--engine dask needs dask[distributed]: pip install 'dask[distributed]'") from e
    Client, LocalCluster, as_completed = dist.Client, dist.LocalCluster, dist.as_completed
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=None)  # fmt: skip
        client = Client(cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        it = iter(enumerate(items))
        index: dict[Any, int] = {}
        ac = as_completed()

        def submit_next() -> bool:
            try:
                i, item = next(it)
            except StopIteration:
                return False
            fut = client.submit(_call, func, item, pure=False)
            index[fut.key] = i
            ac.add(fut)
            return True

        for _ in range(window):
            if not submit_next():
                break
        for fut in ac:
            yield index.pop(fut.key), fut.result()
            fut.release()
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
