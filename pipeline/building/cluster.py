"""Run the per-document work of a build on an existing Dask distributed cluster (`--scheduler`).

In: the address of a running scheduler (`tcp://host:port`) whose workers have this package
installed and see the sources and OUT at the same paths as this machine (a shared file system).
Out: `Cluster`, the twin of `pipeline.processes.Workers` (`run(func, items, label, on_crash,
ahead)` yields `(item, result)` in completion order), whose items run on the cluster's workers.
Each worker process keeps its module-level caches (Saxon, compiled stylesheets and schemas, FOP)
between items, as a local worker does, so a worker started with one thread (`--nthreads 1`) is
warm after its first document. Only the documents go there: the manifest, the summary and the
collection pages stay with the caller. A worker that dies costs only its item: the scheduler
gives that item to other workers up to `distributed.scheduler.allowed-failures` times, then
`(item, on_crash(item, reason))` is yielded; the items the worker had not started go to the others
(each counts that death against it unless the scheduler's `worker-saturation` is 1.0, which
gives a worker only the item it works on). Results are fetched as they come, so that a worker
that dies later does not take them with it.
Refused: a scheduler that does not answer within `CONNECT_TIMEOUT` seconds, or no Dask installed
(`Unreachable`, one line). Dask is imported only here, when a build asks for a cluster.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

from pipeline.processes import Progress, WorkerDied

T = TypeVar("T")
R = TypeVar("R")

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 10


class Unreachable(Exception):
    """No Dask scheduler answers at the address given, or Dask is not installed."""


class Cluster:
    """A client of the scheduler at `address`, connected at once and closed by `close` (or the
    end of a `with` block)."""

    #: Collection pages are never made on the cluster (see `pipeline.building.builder.build`).
    warm = False

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise Unreachable("--scheduler needs Dask: pip install 'teipipe[dask]'") from None
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            # (Dask's message is several lines; its first says what went wrong.)
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise Unreachable(f"no Dask scheduler answers at {address}: {reason}") from None

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, func: Callable[[T], R], items: Iterable[T], label: str = "",
            on_crash: Callable[[T, str], R] | None = None, ahead: int = 2) -> Iterator[tuple[T, R]]:
        """`(item, func(item))` in completion order, `func` run on the cluster. Items start in
        the order given (the first has the highest priority). `ahead` is the scheduler's
        business here (`distributed.scheduler.worker-saturation`)."""
        from distributed import KilledWorker, as_completed
        items = list(items)
        futures = {self.client.submit(func, item, priority=len(items) - number, pure=False): item
                   for number, item in enumerate(items)}
        progress = Progress(len(items), label)
        try:
            for future, result in as_completed(futures, with_results=True, raise_errors=False):
                item = futures[future]
                if future.status == "error":
                    if not isinstance(future.exception(), KilledWorker):
                        future.result()  # raises what `func` raised, as a local worker would
                    tries = future.exception().allowed_failures + 1
                    reason = f"Dask worker died while working on it (on {tries} workers, each time)"
                    if on_crash is None:
                        raise WorkerDied(f"{reason}: {item!r}")
                    result = on_crash(item, reason)
                yield item, result
                progress.step()
        finally:
            progress.close()
            # Stopped early (an error, Ctrl-C, the caller leaving the loop): what is left is not wanted.
            self.client.cancel([future for future in futures if not future.done()])

    def close(self) -> None:
        self.client.close()
