"""Benchmark the print edition: the FO stylesheet against Saxon's identity transform, then FOP.

Usage: python bench/bench_print.py [FILE ...] [--runs N] [--no-fop | --hyphenation]
(default: ../shared/corpus/frus1918Russiav03.xml; give both volumes to print both)

For each file: parse once, build the Saxon tree once, compile the stylesheets once, warm up,
then time N runs of the FO (`pdf.make_fo`: the document's part, then the frame around it) and
of the identity transform, alternating, and print the medians and their ratio, in wall-clock
and in CPU time (which other work on a busy machine disturbs less); then how the FO's CPU time
divides between the part and the frame, and the floor of any stylesheet that writes this FO:
Saxon's identity transform of the FO itself (its ratio to the source's). The ratio is what
compares across machines: the TEI Consortium's fo/fo.xsl took 1.06 s on frus1918Russiav03.xml
on a machine where Saxon's identity transform took 0.08 s (ratio 13.3), so ours must stay under
a fifth of that: ratio 2.65.

Then, unless --no-fop, the whole print pipeline once, as `teipipe build --to pdf` runs it (from
the parsed document to the PDF's bytes): the document's part, the frame with the index cited,
FOP's first pass to its intermediate format, reading the page of every id, the frame with the
index paged, FOP's second pass to PDF. Each step is timed; FOP's time is also given per page.

With --hyphenation, only the cost of hyphenation: FOP's PDF pass of the FO hyphenated and not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import saxon  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.formats import pdf  # noqa: E402

from common import LARGEST_VOLUME, write_identity  # noqa: E402

TEI_STYLESHEETS_RATIO = 1.06 / 0.08
TARGET_RATIO = TEI_STYLESHEETS_RATIO / 5


def seconds(func, clock=time.perf_counter) -> float:
    start = clock()
    func()
    return clock() - start


def bench_fo(doc: Document, runs: int, identity: Path) -> float:
    def ours():
        pdf.frame.cache_clear()  # a build makes the frame once: not the one kept from the last run
        pdf.make_fo([doc], {})

    def base():
        saxon.apply(identity, doc.xdm, {})

    for _ in range(3):  # warm up: compilation, keys, caches
        base(), ours()
    ratios = []
    # Wall-clock time, and CPU time, which other work on a busy machine disturbs less.
    for clock, label in ((time.perf_counter, "wall"), (time.process_time, "CPU")):
        mine, theirs = [], []
        for _ in range(runs):
            theirs.append(seconds(base, clock))
            mine.append(seconds(ours, clock))
        m, t = statistics.median(mine), statistics.median(theirs)  # the CPU clock comes last
        ratios.append(m / t)
        verdict = "ok" if m / t <= TARGET_RATIO else "TOO SLOW"
        print(f"  FO stylesheet {m:.3f} s, identity {t:.3f} s ({label}): ratio {m / t:.2f} "
              f"(target ≤ {TARGET_RATIO:.2f}; {TEI_STYLESHEETS_RATIO * t / m:.1f}x faster than the TEI "
              f"Stylesheets) {verdict}")
    part = pdf.part(doc, {})
    cpu = {"part": lambda: pdf.part(doc, {}),
           "frame": lambda: (pdf.frame.cache_clear(), pdf.assemble_fo([part], {}))}
    times = {name: statistics.median(seconds(f, time.process_time) for _ in range(runs)) for name, f in cpu.items()}
    print(f"  of which (CPU): the document's part {times['part']:.3f} s, the frame and the splice "
          f"{times['frame']:.3f} s")
    # The floor of any stylesheet writing this FO: Saxon's identity transform of the FO itself.
    own = saxon.to_xdm(part, "file:///part.xml")
    floor = statistics.median(seconds(lambda: saxon.apply(identity, own, {}), time.process_time)
                              for _ in range(runs))
    print(f"  floor (CPU): the identity transform of the part's own FO ({len(part) / 1e6:.1f} MB) "
          f"{floor:.3f} s, ratio {floor / t:.2f} to the source's identity")
    return min(ratios)


def bench_print(doc: Document) -> None:
    steps = {}
    start = time.perf_counter()

    def step(name, func):
        t = time.perf_counter()
        value = func()
        steps[name] = time.perf_counter() - t
        return value

    part = step("FO: the document's part", lambda: pdf.part(doc, {}))
    pdf.frame.cache_clear()  # made once, as a build makes it: not the one kept by bench_fo
    fo = step("FO: the frame, index cited", lambda: pdf.assemble_fo([part], {}))
    first = step("FOP pass 1 (intermediate format)", lambda: pdf.run_fop(fo, "if"))
    pages = step("page of each id", lambda: pdf.page_map(first.output))
    fo = step("FO: the frame, index paged", lambda: pdf.assemble_fo([part], {}, pages))
    final = step("FOP pass 2 (PDF)", lambda: pdf.run_fop(fo, "pdf"))
    total = time.perf_counter() - start
    for name, s in steps.items():
        print(f"  {name:34} {s:7.2f} s")
    fop = steps["FOP pass 1 (intermediate format)"] + steps["FOP pass 2 (PDF)"]
    print(f"  {'whole print pipeline':34} {total:7.2f} s for {final.pages} pages, "
          f"{len(final.output) / 1e6:.1f} MB of PDF")
    print(f"  FOP: {fop / final.pages * 1000:.0f} ms per page for both passes "
          f"({steps['FOP pass 2 (PDF)'] / final.pages * 1000:.0f} ms per page for the PDF pass alone); "
          f"{len(first.events) + len(final.events)} warnings")


def bench_hyphenation(doc: Document, runs: int) -> None:
    """FOP's PDF pass of the document's FO as it is (hyphenated) and with hyphenation off,
    alternating, in CPU time (this process's, the JVM's threads included)."""
    hyphenated = pdf.make_fo([doc], {})
    plain = hyphenated.replace('hyphenate="true"', 'hyphenate="false"')
    pdf.run_fop(hyphenated, "pdf")  # the patterns compiled, FOP warm
    times: dict[str, list[float]] = {"hyphenated": [], "not hyphenated": []}
    pages = {}
    for _ in range(runs):
        for name, fo in (("hyphenated", hyphenated), ("not hyphenated", plain)):
            start = time.process_time()
            pages[name] = pdf.run_fop(fo, "pdf").pages
            times[name].append(time.process_time() - start)
    on, off = (statistics.median(times[name]) for name in times)
    print(f"  hyphenation (FOP's PDF pass, CPU): {on:.2f} s for {pages['hyphenated']} pages, without "
          f"{off:.2f} s for {pages['not hyphenated']} pages: {100 * (on / off - 1):+.0f}%")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[LARGEST_VOLUME])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-fop", action="store_true", help="time the FO stylesheet only")
    parser.add_argument("--hyphenation", action="store_true",
                        help="time FOP's PDF pass hyphenated and not, instead of the rest")
    args = parser.parse_args()
    slow = False
    with tempfile.TemporaryDirectory() as tmp:
        identity = write_identity(Path(tmp))
        for path in args.files:
            print(path.name)
            t = time.perf_counter()
            doc = Document.load(path)
            doc.xdm
            print(f"  parse and build the Saxon tree {time.perf_counter() - t:.3f} s")
            if args.hyphenation:
                bench_hyphenation(doc, args.runs)
                continue
            slow |= bench_fo(doc, args.runs, identity) > TARGET_RATIO
            if not args.no_fop:
                bench_print(doc)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
