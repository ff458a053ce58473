"""Benchmark the plain text and the exports on the FRUS volumes.

Usage: python bench/bench_text_export.py [FILE ...] [--runs N]
(default: both volumes in ../shared/corpus/)

For each file: parse once, warm up, then time N runs (medians printed) of the `txt` stylesheet
against Saxon's identity transform of the same tree (their ratio is what compares across
machines), and of reading entities, mentions and dates with lxml (`exports.reading.read`). Then,
on all files together, each export kind: reading every document and making its files in memory
(validation and writing to disk left out: `build` and `outputs` are measured elsewhere).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import XSLT_DIR, saxon  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.exports import EXPORTS  # noqa: E402
from pipeline.exports.reading import read  # noqa: E402

from common import CORPUS, write_identity  # noqa: E402



def median_time(func, runs: int) -> float:
    func()  # warm up: compilation, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=sorted(CORPUS.glob("*.xml")))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    text = XSLT_DIR / "text" / "text.xsl"
    docs = [Document.load(path) for path in args.files]
    with tempfile.TemporaryDirectory() as tmp:
        identity = write_identity(Path(tmp))
        for doc in docs:
            size = doc.path.stat().st_size / 1e6
            ours = median_time(lambda: saxon.apply(text, doc.xdm, {}), args.runs)
            base = median_time(lambda: saxon.apply(identity, doc.xdm, {}), args.runs)
            reading = median_time(lambda: read(doc), args.runs)
            print(f"{doc.path.name} ({size:.1f} MB): text.xsl {ours:.3f} s, identity {base:.3f} s, "
                  f"ratio {ours / base:.2f}; reading entities and dates {reading:.3f} s")
    for name, kind in EXPORTS.items():
        seconds = median_time(lambda: kind.write([kind.read(d, {}) for d in docs], {}), args.runs)
        print(f"export {name}: {seconds:.3f} s for {len(docs)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
