"""Run one function over many items in worker processes, with progress and clean stops.

`run_all(func, items, jobs, label)` yields `(item, result)` pairs in completion order. With one
job (or one item) it runs in this process, so caches warm here. With more it starts `jobs`
worker processes that keep their own caches (compiled schemas and stylesheets, a Saxon
processor) for all their items; each holds the item it works on and the next one, so that it
goes on while this process reads its result. `Workers` keeps the processes for
several runs (a build's documents, then its collection pages, in workers already warm). Workers
are forked, so that they start with the modules imported here, unless a Saxon processor runs in
this process (a forked copy of it does not work) or other threads do: then they are spawned.

`func` must be a module-level function that returns its failures as data; an exception it
raises anyway is raised here. A worker that dies (a crash in native code, the out-of-memory
killer) costs only the item it was working on: `(item, on_crash(item, reason))` is yielded, the
items it had not started go to the others, and a new worker takes over (without `on_crash`,
`WorkerDied` is raised).

Ctrl-C: workers ignore SIGINT, so the main process alone decides; when the caller stops (an
exception, KeyboardInterrupt, or leaving the loop early) busy workers get SIGTERM, which unwinds
them so the temporary files they were writing are removed, and SIGKILL if they do not end soon.

Progress goes to stderr: a bar redrawn in place on a terminal, a plain line every few seconds
elsewhere (CI logs), nothing for a single item.

What a process makes once from stylesheets and schemas, and forgets when one of them changes:
`keep` is `functools.cache` (or an LRU cache of `maxsize` entries) for a function whose result
depends on stylesheet or schema files named by its arguments, or read by it: compiled
stylesheets and schemas, the parameters a stylesheet declares. A build in a fresh process has
no use for `forget`; a watching build (`pipeline.cli.watch`), which goes on using the same process,
calls it when such a file changed, so that the next build compiles the new one.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import signal
import sys
import time
import traceback
from collections import deque
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Seconds a stopped worker gets to unwind before it is killed.
_GRACE = 3.0


class WorkerDied(RuntimeError):
    """A worker process ended while it held an item, and the caller gave no `on_crash`."""


#: Batches with at least this many bytes are worth worker processes.
PARALLEL_BYTES = 1 << 20


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def jobs_for(paths, jobs: int | None = None) -> int:
    """`jobs` if given; else one per core for a batch of PARALLEL_BYTES or more, one for less
    (starting workers would cost more than they save)."""
    if jobs:
        return jobs
    size = sum(os.stat(p).st_size for p in paths if os.path.isfile(p))
    return default_jobs() if size >= PARALLEL_BYTES else 1


class Progress:
    """Done/total, elapsed and time left, on `stream` (stderr by default)."""

    #: Seconds between two plain lines when the stream is not a terminal, and between two
    #: redraws of the bar on a terminal.
    interval, redraw = 5.0, 0.1

    def __init__(self, total: int, label: str, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.label, self.done = total, label or "progress", 0
        self.start = self.last = time.monotonic()
        self.enabled = total > 1
        self.tty = self.enabled and self.stream.isatty()

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.start
        left = elapsed / self.done * (self.total - self.done)
        counts = f"{self.done}/{self.total}  {elapsed:.0f}s, ~{left:.0f}s left"
        if self.tty:
            if now - self.last < self.redraw and self.done < self.total:
                return
            self.last = now
            width = max(10, shutil.get_terminal_size().columns - len(self.label) - len(counts) - 6)
            filled = width * self.done // self.total
            self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {counts}\033[K")
            self.stream.flush()
        elif now - self.last >= self.interval and self.done < self.total:
            self.last = now
            self.stream.write(f"{self.label}: {counts}\n")
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run_all(func: Callable[[T], R], items: Iterable[T], jobs: int | None = None, label: str = "",
            on_crash: Callable[[T, str], R] | None = None) -> Iterator[tuple[T, R]]:
    """`Workers.run` with workers of its own, stopped when the loop ends."""
    with Workers(jobs) as workers:
        yield from workers.run(func, items, label, on_crash)


class Workers:
    """Up to `jobs` worker processes, started when first needed and kept for every `run` until
    `close` (or the end of a `with` block), so that their caches serve several phases of work."""

    def __init__(self, jobs: int | None = None):
        self.jobs = max(1, jobs or default_jobs())
        self._processes: dict[Connection, multiprocessing.Process] = {}
        self._idle: list[Connection] = []

    @property
    def warm(self) -> bool:
        """Whether worker processes are running (their caches filled by earlier runs)."""
        return bool(self._processes)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, func: Callable[[T], R], items: Iterable[T], label: str = "",
            on_crash: Callable[[T, str], R] | None = None, ahead: int = 2) -> Iterator[tuple[T, R]]:
        """`(item, func(item))` in completion order; here, not in a worker, when there is one
        job, or one item and no worker running yet. A worker holds up to `ahead` items (the
        one it works on, the next ones waiting in its pipe), so that it never waits for this
        process between two items; 1 for items that each take long or are big to send."""
        items = list(items)
        here = self.jobs == 1 or (not self.warm and len(items) <= 1)
        progress = Progress(len(items), label)
        try:
            pairs = (((item, func(item)) for item in items) if here
                     else self._spread(func, items, on_crash, ahead))
            for pair in pairs:
                yield pair
                progress.step()
        finally:
            progress.close()

    def _start(self) -> Connection:
        context = _context()
        mine, theirs = context.Pipe()
        # A forked worker holds copies of this process's ends of every pipe: it closes them, or
        # the other workers would never see their pipes closed.
        ours = (mine, *self._processes) if context.get_start_method() == "fork" else ()
        process = context.Process(target=_serve, args=(theirs, ours), daemon=True)
        process.start()
        theirs.close()
        self._processes[mine] = process
        return mine

    def _spread(self, func, items: list, on_crash, ahead: int) -> Iterator[tuple]:
        queue, held = deque(items), {}
        try:
            while queue or held:
                self._feed(func, queue, held, ahead)
                for conn in wait(list(held)):
                    item = held[conn].popleft()
                    try:
                        kind, value = conn.recv()
                    except (EOFError, OSError):
                        # Its other items were never started: others take them.
                        queue.extendleft(reversed(held.pop(conn)))
                        reason = self._bury(conn)
                        if on_crash is None:
                            raise WorkerDied(f"{reason} while working on {item!r}") from None
                        yield item, on_crash(item, reason)
                        continue
                    if not held[conn]:
                        del held[conn]
                        self._idle.append(conn)
                    # More work before the caller sees this result: the worker goes on meanwhile.
                    self._feed(func, queue, held, ahead)
                    if kind == "error":
                        raise RuntimeError(f"worker failed on {item!r}:\n{value}")
                    yield item, value
        except BaseException:
            # Stopped early (an error, Ctrl-C, the caller leaving the loop): the busy workers'
            # replies would come too late to be read, so they go.
            self._end(list(held))
            raise

    def _feed(self, func, queue: deque, held: dict[Connection, deque], ahead: int) -> None:
        """One item to each worker, starting workers up to `jobs`; then up to `ahead` each."""
        while queue and (self._idle or len(self._processes) < self.jobs):
            conn = self._idle.pop() if self._idle else self._start()
            held[conn] = deque()
            self._send(conn, func, queue.popleft(), held[conn])
        for conn, sent in held.items():
            while queue and len(sent) < ahead:
                self._send(conn, func, queue.popleft(), sent)

    @staticmethod
    def _send(conn: Connection, func, item, sent: deque) -> None:
        sent.append(item)
        try:
            conn.send((func, item))
        except OSError:
            pass  # the worker is gone: `wait` reports its pipe closed, as for a crash

    def _bury(self, conn: Connection) -> str:
        process = self._processes.pop(conn)
        process.join()
        conn.close()
        return _describe(process.exitcode)

    def _end(self, conns: list[Connection]) -> None:
        """End these workers: idle ones see EOF and return, busy ones are unwound, then killed."""
        for conn in conns:
            conn.close()
            if conn not in self._idle:
                self._processes[conn].terminate()
        deadline = time.monotonic() + _GRACE
        for conn in conns:
            process = self._processes.pop(conn)
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        self._idle = [conn for conn in self._idle if conn not in conns]

    def close(self) -> None:
        self._end(list(self._processes))


def _unwind(signum, frame):
    # Raised wherever the worker is, so `finally` blocks (temporary files) run before it ends.
    raise SystemExit(128 + signum)


def _context():
    """Fork when nothing forbids it: the worker then starts with this process's modules already
    imported, rather than starting Python and importing them (0.1 s, before its first item).
    Spawn when a Saxon runtime or a JVM (`formats.fop`) has been loaded here (a forked copy
    of either does not work) or other threads run (a lock one of them holds would stay held in
    the copy)."""
    import threading
    if ("saxonche" in sys.modules or "jpype" in sys.modules or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return multiprocessing.get_context("spawn")
    return multiprocessing.get_context("fork")


def _serve(conn: Connection, ours: tuple[Connection, ...] = ()) -> None:
    """A worker: take (func, item), send back ("ok", result) or ("error", traceback), until EOF.
    `ours`: the parent's ends of the pipes, inherited by a forked worker, closed here."""
    for inherited in ours:
        inherited.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _unwind)
    while True:
        try:
            func, item = conn.recv()
        except EOFError:
            return
        try:
            reply = ("ok", func(item))
        except Exception:
            reply = ("error", traceback.format_exc())
        conn.send(reply)


def _describe(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        hint = " (out of memory?)" if -exitcode == signal.SIGKILL else ""
        return f"worker process killed by {name}{hint}"
    return f"worker process died (exit status {exitcode})"


_kept = []


def keep(func=None, *, maxsize: int | None = None):
    """Decorator: cache `func` (with `maxsize`, keep the last ones used) until `forget()`."""
    if func is None:
        return functools.partial(keep, maxsize=maxsize)
    cached = functools.lru_cache(maxsize=maxsize)(func)
    _kept.append(cached)
    return cached


def forget() -> None:
    """Empty every cache made with `keep`."""
    for cached in _kept:
        cached.cache_clear()
