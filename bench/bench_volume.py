"""Benchmark and check the web edition of a volume: a page per document against one page.

Usage: python bench/bench_volume.py [FILE] [--runs N]
(default: ../shared/corpus/frus1918Russiav03.xml)

Times the whole `teipipe build FILE --to html --force --rebuild` N times with
`--param split=never` (one page for the volume, as before volumes had pages) and with the
volume's pages (`split=auto`), alternating, each in a fresh process and a new output folder;
prints the medians of wall time and of the CPU time of the build's processes, and their ratio
(target: at most 1.2). Then
checks the pages built: every link to a file of the edition names a file and an anchor that
are there (bench/links.py), no list of notes shows one number twice, and how many documents
have their page. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from common import LARGEST_VOLUME, timed_teipipe
from links import broken_links, repeated_note_labels

TARGET_RATIO = 1.2


def timed_build(source: Path, out: Path, split: str) -> tuple[float, float]:
    return timed_teipipe(["build", str(source), "--to", "html", "--force", "--rebuild", "--out", str(out),
                          "--param", f"split={split}"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=LARGEST_VOLUME)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # Each build into a new folder, as bench/run.py does: replacing hundreds of pages frees
        # their inodes, and files made shortly after cost ext4 a scan past them.
        outs = {split: Path(tmp) / split for split in ("never", "auto")}
        times: dict[str, list[tuple[float, float]]] = {split: [] for split in outs}
        for run in range(args.runs):
            for split, out in outs.items():
                times[split].append(timed_build(args.file, out / str(run), split))
        failed = False
        for kind, index in (("wall", 0), ("cpu", 1)):
            old, new = (statistics.median(t[index] for t in times[split]) for split in ("never", "auto"))
            print(f"{args.file.name} ({kind}): one page {old:.2f} s, a page per document {new:.2f} s "
                  f"(medians of {args.runs}); ratio {new / old:.2f} (target <= {TARGET_RATIO})")
            failed |= kind == "cpu" and new / old > TARGET_RATIO
        pages = outs["auto"] / "0" / "html"
        broken, repeated = broken_links(pages), repeated_note_labels(pages)
        folder = pages / args.file.stem
        documents = len(list(folder.glob("*.html"))) if folder.is_dir() else 0
        print(f"{documents} pages in {folder.name}/; broken links: {len(broken)} {broken[:5]}; "
              f"repeated note numbers: {len(repeated)} {repeated[:5]}")
        failed |= bool(broken or repeated)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
