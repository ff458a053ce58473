"""Run one function over many files, in worker processes, with progress on a terminal.

`run_all(func, items, jobs)` yields `(item, result)` pairs in completion order. With one job
(or one item) it runs in this process, so caches warm here; with more, each worker process keeps
its own caches (compiled schemas and stylesheets, a Saxon processor), never shared or pickled.
`func` must be a module-level function and must return its failures as data, not raise them.
On a terminal, a progress line (done/total, elapsed, time left) is kept on stderr; elsewhere
nothing is printed here.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class Progress:
    """A one-line progress report on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.done = total, label, 0
        self.start = time.monotonic()
        self.enabled = sys.stderr.isatty() and total > 1

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.start
        left = elapsed / self.done * (self.total - self.done)
        sys.stderr.write(f"\r{self.label} {self.done}/{self.total}  {elapsed:.0f}s, ~{left:.0f}s left ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def run_all(func: Callable[[T], R], items: Iterable[T], jobs: int | None = None,
            label: str = "") -> Iterator[tuple[T, R]]:
    items = list(items)
    jobs = max(1, min(jobs or default_jobs(), len(items)))
    progress = Progress(len(items), label)
    try:
        if jobs == 1:
            for item in items:
                yield item, func(item)
                progress.step()
            return
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(func, item): item for item in items}
            try:
                for future in as_completed(futures):
                    yield futures[future], future.result()
                    progress.step()
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    finally:
        progress.close()
