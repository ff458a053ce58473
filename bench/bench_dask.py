"""Benchmark a build on a Dask cluster (`--scheduler`) against a local build with as many workers.

Usage: python bench/bench_dask.py [--documents N] [--workers W]
(default: the first 100 documents split from ../shared/corpus/ by bench/split.py, 2 workers)

Splits the volumes into a scratch folder, builds the first N documents (and the personographies
they point into) --to html,txt into a fresh OUT twice: with `jobs=W` local worker processes, then
on a LocalCluster of W single-threaded worker processes on 127.0.0.1 started beforehand (a
cluster exists before a build uses it). Prints both wall-clock times, their ratio (target: 1.3
at most) and whether every file of OUT/html and OUT/txt is byte-identical. Exit status 1 when
the outputs differ or the ratio is above the target.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pipeline  # noqa: E402

from common import CORPUS  # noqa: E402
from split import split_volumes  # noqa: E402

TARGET = 1.3


def files(out: Path) -> dict[str, bytes]:
    return {str(path.relative_to(out)): path.read_bytes()
            for fmt in ("html", "txt") for path in sorted((out / fmt).rglob("*")) if path.is_file()}


def timed_build(sources: list[Path], out: Path, **how) -> float:
    start = time.perf_counter()
    results = pipeline.build(sources, out=out, formats="html,txt", force=True, **how)
    seconds = time.perf_counter() - start
    failed = [result for result in results if result.failure]
    if failed:
        sys.exit(f"{failed[0].source}: {failed[0].failure}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from distributed import LocalCluster
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        split = split_volumes(sorted(CORPUS.glob("*.xml")), scratch / "split")
        documents = [path for path in split if not path.name.endswith("-persons.xml")][:args.documents]
        sources = documents + [path for path in split if path.name.endswith("-persons.xml")]
        local = timed_build(sources, scratch / "local", jobs=args.workers)
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            dask = timed_build(sources, scratch / "dask", scheduler=cluster.scheduler_address)
        same = files(scratch / "local") == files(scratch / "dask")
        ratio = dask / local
        print(f"{len(documents)} documents --to html,txt, {args.workers} workers: local {local:.2f} s, "
              f"Dask {dask:.2f} s, ratio {ratio:.2f} (target <= {TARGET}); outputs "
              f"{'byte-identical' if same else 'DIFFER'} ({len(files(scratch / 'local'))} files)")
        return 0 if same and ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
