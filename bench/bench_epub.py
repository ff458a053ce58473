"""Benchmark the e-book edition: a volume's EPUB against its web edition, and a correction.

Usage: python bench/bench_epub.py [FILE] [--runs N]
(default: ../shared/corpus/frus1918Russiav03.xml)

1. Times `teipipe build FILE --force --rebuild --jobs 1` with `--to html` and with `--to epub`,
   alternating, each in a fresh process, N times; prints the medians of wall and CPU time and
   the EPUB/HTML ratio of CPU time (target: at most 1.5).
2. Splits FILE into one TEI file per document (bench/split.py), builds them all `--to epub`
   (each document's EPUB and volume.epub), changes one word in one document and builds again:
   the volume is made from the kept parts of the others. Prints the CPU time of that build in
   a new process, and in a process that built before (as `teipipe build --watch` does: Saxon
   and the compiled stylesheets kept), against the EPUB of FILE in step 1 (target: at most 10%).
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import LARGEST_VOLUME, PROJECT, timed_teipipe
from split import split_volumes

TARGET_RATIO = 1.5
TARGET_CHANGE = 0.10


def timed_build(sources: list[Path], out: Path, fmt: str, *options: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `teipipe build` in a fresh process."""
    return timed_teipipe(["build", *map(str, sources), "--to", fmt, "--force", "--jobs", "1", "--out", str(out),
                          *options])


def change_one(folder: Path, which: float = 0.5) -> Path:
    """Add a word to the first paragraph of a document of the split volume (the middle one)."""
    documents = sorted(p for p in folder.glob("*.xml") if not p.name.endswith("-persons.xml"))
    target = documents[int(len(documents) * which)]
    text = target.read_text(encoding="utf-8")
    start = text.index("<p", text.index("<body"))
    end = text.index(">", start) + 1
    target.write_text(text[:end] + "corrected " + text[end:], encoding="utf-8")
    return target


def watched_build(folder: Path, out: Path) -> float:
    """CPU seconds of a build after one change, in this process after a first build and a first
    change (the first build here rebuilds all: its settings are not the command line's)."""
    sys.path.insert(0, str(PROJECT))
    from pipeline.building.builder import Settings, build
    from pipeline.formats import FORMATS
    from pipeline.sources import collect
    settings = Settings(formats=(FORMATS["epub"],), out_dir=out, force=True, jobs=1)
    build(collect([folder]), settings)
    # The first change after a watch starts compiles what the volume needs; then one is measured.
    change_one(folder, 0.75)
    build(collect([folder]), settings)
    change_one(folder, 0.25)
    start = time.process_time()
    results = build(collect([folder]), settings)
    spent = time.process_time() - start
    if [r.failure for r in results if r.failure] or not any(r.collection and r.outputs for r in results):
        sys.exit(f"the build after a change failed or made no volume: {[r.failure for r in results]}")
    return spent


def medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=LARGEST_VOLUME)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        times: dict[str, list[tuple[float, float]]] = {"html": [], "epub": []}
        for run in range(args.runs):
            for fmt in times:
                times[fmt].append(timed_build([args.file], tmp / f"{fmt}-{run}", fmt, "--rebuild"))
        (html_wall, html_cpu), (epub_wall, epub_cpu) = medians(times["html"]), medians(times["epub"])
        ratio = epub_cpu / html_cpu
        print(f"{args.file.name}: HTML {html_wall:.2f} s wall, {html_cpu:.2f} s CPU; EPUB {epub_wall:.2f} s wall, "
              f"{epub_cpu:.2f} s CPU (medians of {args.runs}); EPUB/HTML CPU {ratio:.2f} (target <= {TARGET_RATIO})")
        failed |= ratio > TARGET_RATIO

        folder = tmp / "split"
        files = split_volumes([args.file], folder)
        out = tmp / "split-out"
        full = timed_build([folder], out, "epub")
        changed = change_one(folder)
        after = timed_build([folder], out, "epub")
        if not (out / "epub" / "volume.epub").exists():
            sys.exit("no volume.epub was built")
        watching = watched_build(folder, out)
        print(f"{len(files)} split files: full EPUB build {full[0]:.2f} s wall, {full[1]:.2f} s CPU; after "
              f"changing {changed.name}, a new build: {after[0]:.2f} s wall, {after[1]:.2f} s CPU = "
              f"{after[1] / epub_cpu:.1%} of the EPUB of {args.file.name}; in a process that built before "
              f"(as --watch): {watching:.2f} s CPU = {watching / epub_cpu:.1%} (target <= {TARGET_CHANGE:.0%})")
        failed |= watching / epub_cpu > TARGET_CHANGE
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
