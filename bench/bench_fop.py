"""Benchmark the print edition's FOP runs: one warm run per book against two (today's method
before the index was read in the same run) and against FOP as a command.

Usage: python bench/bench_fop.py [--documents N] [--old N] [--runs N]

1. Per-document PDFs: the first N documents (default 120) of frus1918Russiav03.xml, split one
   per file by bench/split.py, printed as a build prints them (parse, FO, FOP, write), each in
   a new Python process that runs them all with 1 job, then with 2: the process's whole wall
   and CPU time per document (interpreter, imports, JVM start included), and the speedup of 2
   jobs. The same with two warm FOP runs per document (a first to learn the index's pages, a
   second to print), and with the `fop` command run twice (a JVM per run) on the first --old
   documents (default 8); and the volume frus1918Russiav03.xml, whole process, one warm run
   against the `fop` command twice.
2. In one warm process each: the N documents, then the volume frus1918Russiav03.xml (--runs
   times, default 3), in one FOP run against two, alternating, CPU and wall; one run's PDF and
   two runs' must be the same bytes ($SOURCE_DATE_EPOCH set).
3. The FO transform's share of the warm PDF build (the part and the frame, that of the index
   included, against the whole).
Every PDF written is checked with pdfinfo: "Tagged: yes".

With --floor, only what bounds the volume's figure from below: the volume's FO (index paged)
laid out once by the `fop` command and, in a new process, by our FOP twice (its JVM new, then
warm), with the CPU time of parsing the volume and making its FO, which both methods spend.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import LARGEST_VOLUME, PROJECT  # noqa: E402


#: How a child process prints: one warm FOP run per book, two warm runs, or the `fop` command twice.
ONE_RUN, TWO_RUNS, COMMAND = "one-run", "two-runs", "command"


def print_all(paths: list[Path], out: Path, jobs: int, method: str) -> None:
    """In the child process: each document's PDF, as a build makes it."""
    from pipeline import processes as parallel
    one = {ONE_RUN: _print_one, TWO_RUNS: _print_in_two_runs, COMMAND: _print_one_by_command}[method]
    for path, pdf_bytes in parallel.run_all(one, paths, jobs):
        (out / (path.stem + ".pdf")).write_bytes(pdf_bytes)


def _print_one(path: Path) -> bytes:
    from pipeline.formats import pdf
    from pipeline.document import Document
    return pdf.render_pdf(Document.load(path), {})


def _print_in_two_runs(path: Path) -> bytes:
    from pipeline.document import Document
    from pipeline.formats import pdf
    return two_runs([pdf.part(Document.load(path), {})], _warm_run)


def _warm_run(fo: str, output: str) -> bytes:
    from pipeline.formats import pdf
    return pdf.run_fop(fo, output).output


def _print_one_by_command(path: Path) -> bytes:
    from pipeline.document import Document
    from pipeline.formats import pdf
    return two_runs([pdf.part(Document.load(path), {})], _fop_command)


def two_runs(parts: list[str], run) -> bytes:
    """Today's method before the index was read in the same run: FOP's first run, to its
    intermediate format, tells the pages of the mentions; the second prints the FO with them."""
    from pipeline.formats import pdf
    first = run(pdf.assemble_fo(parts, {}), "if")
    return run(pdf.assemble_fo(parts, {}, pdf.page_map(first)), "pdf")


def _fop_command(fo: str, output: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "book.fo", Path(tmp) / f"book.{output}"
        source.write_text(fo, encoding="utf-8")
        kind = ["-pdf", str(target)] if output == "pdf" else ["-if", "application/pdf", str(target)]
        env = dict(os.environ, JAVA_ARGS="-XX:TieredStopAtLevel=1")
        subprocess.run(["fop", "-c", str(_command_config(fo)), "-fo", str(source), *kind],
                       check=True, capture_output=True, env=env)
        return target.read_bytes()


_PATTERNS = tempfile.TemporaryDirectory(prefix="bench-fop-patterns-")


def _command_config(fo: str) -> Path:
    """fop.xconf in a folder with, on disk, the hyphenation patterns the build gives FOP from
    memory (for each pattern file the configuration names and each language of `fo`): the
    command hyphenates as the build does, so that both lay out the same lines."""
    from lxml import etree

    from pipeline.formats import fop, hyphenation
    folder = Path(_PATTERNS.name)
    config = folder / fop.CONFIG.name
    if not config.exists():
        shutil.copyfile(fop.CONFIG, config)
    base = fop.hyphenation_base(config)
    base.mkdir(exist_ok=True)
    names = {name.strip() for name in etree.parse(str(config)).xpath("//hyphenation-pattern/text()")}
    for name in names | set(re.findall(r' language="([A-Za-z]{2,3})"', fo)):
        target = base / f"{name}.xml"
        if not target.exists() and (made := hyphenation.patterns_for(name)):
            target.write_bytes(made)
    return config


def child(paths: list[Path], out: Path, jobs: int, method: str) -> tuple[float, float]:
    """Seconds, wall and CPU, a new process takes to print `paths` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, __file__, "--child", str(out), str(jobs), method, *map(str, paths)],
                   check=True, env=dict(os.environ, PYTHONPATH=str(PROJECT)), stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds too: the machine is shared, and CPU time is what other work disturbs least.
    used = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    print(f"  {len(paths)} file(s), {jobs} job(s), {method}: {wall:.2f} s wall, {used:.2f} s CPU "
          f"({wall / len(paths):.3f} s, {used / len(paths):.3f} s CPU per file)", flush=True)
    return wall, used


def tagged(folder: Path) -> tuple[int, int]:
    pdfs = sorted(folder.glob("*.pdf"))
    yes = sum("Tagged:          yes" in subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
              for p in pdfs)
    return yes, len(pdfs)


def cpu_seconds(children: bool = False) -> float:
    whose = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if children else (resource.RUSAGE_SELF,)
    return sum(usage.ru_utime + usage.ru_stime for usage in map(resource.getrusage, whose))


def compare(paths: list[Path], runs: int) -> None:
    """The PDFs of `paths` (one book each) in one FOP run and in two, in this process,
    alternating, `runs` times each, after a first round that warms the JVM and checks that both
    make the same bytes."""
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    from pipeline.document import Document
    from pipeline.formats import pdf
    books = [[pdf.part(Document.load(path), {})] for path in paths]
    methods = {ONE_RUN: lambda parts: pdf.print_parts(parts, {}).pdf,
               TWO_RUNS: lambda parts: two_runs(parts, _warm_run)}
    for parts in books:
        assert methods[ONE_RUN](parts) == methods[TWO_RUNS](parts), "one FOP run and two made different PDFs"
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in methods}
    for _ in range(runs):
        for name, make in methods.items():
            pdf.frame.cache_clear()
            cpu, wall = cpu_seconds(), time.perf_counter()
            for parts in books:
                make(parts)
            times[name].append((cpu_seconds() - cpu, time.perf_counter() - wall))
    label = paths[0].name if len(paths) == 1 else f"{len(paths)} documents"
    for name, measured in times.items():
        print(f"  {label}, {name}: " + ", ".join(f"{c:.2f} s CPU ({w:.2f} s wall)" for c, w in measured))
    for name, pick in (("best", min), ("median", statistics.median)):
        (one_cpu, one_wall), (two_cpu, two_wall) = (
            [pick(measured[i] for measured in times[method]) for i in (0, 1)] for method in (ONE_RUN, TWO_RUNS))
        print(f"{label}, in one warm process, {name} of {runs}: one FOP run / two: {one_cpu:.2f} s / {two_cpu:.2f} s "
              f"CPU = {one_cpu / two_cpu:.2f}; wall {one_wall:.2f} s / {two_wall:.2f} s = {one_wall / two_wall:.2f}",
              flush=True)
    print(f"{label}: one run's PDFs and two runs' the same bytes")


def fo_share(path: Path) -> None:
    """The FO steps' share (the part, the frame with and without the index's pages) of one warm
    print of the volume."""
    from pipeline.document import Document
    from pipeline.formats import pdf
    spent = [0.0]

    def timed(step):
        def run(*args, **options):
            start = time.perf_counter()
            try:
                return step(*args, **options)
            finally:
                spent[0] += time.perf_counter() - start
        return run

    doc = Document.load(path)
    pdf.frame.cache_clear()
    part, assemble = pdf.part, pdf.assemble_fo
    pdf.part, pdf.assemble_fo = timed(part), timed(assemble)
    try:
        start = time.perf_counter()
        pdf.print_book([doc], {})
        whole = time.perf_counter() - start
    finally:
        pdf.part, pdf.assemble_fo = part, assemble
    print(f"FO transform (part, frame with and without the index's pages): {spent[0]:.2f} s of a warm PDF "
          f"build of {whole:.2f} s: {spent[0] / whole:.0%}")


def floor(path: Path) -> None:
    """In this new process: parsing `path` and making its FO (what every method spends), then
    the FO with the index paged laid out by the `fop` command (a JVM of its own), by our FOP in
    this process's new JVM, and by the same FOP again (warm). CPU seconds, children's included."""
    from pipeline.document import Document
    from pipeline.formats import pdf
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    start = cpu_seconds(children=True)
    parts = [pdf.part(Document.load(path), {})]
    unpaged = pdf.assemble_fo(parts, {})
    shared = cpu_seconds(children=True) - start
    # The index's pages from the command's intermediate format: our JVM is not started yet.
    fo = pdf.assemble_fo(parts, {}, pdf.page_map(_fop_command(unpaged, "if")))
    spent = {}
    for label, run in (("the `fop` command", lambda: _fop_command(fo, "pdf")),
                       ("our FOP in its new JVM", lambda: pdf.run_fop(fo).output),
                       ("our FOP again, warm", lambda: pdf.run_fop(fo).output)):
        begin = cpu_seconds(children=True)
        run()
        spent[label] = cpu_seconds(children=True) - begin
    print(f"{path.name}: parsing and making the FO {shared:.2f} s CPU; FOP's layout of the whole FO, once: "
          + ", ".join(f"{label} {seconds:.2f} s" for label, seconds in spent.items()), flush=True)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        out, jobs, method, *paths = sys.argv[2:]
        print_all([Path(p) for p in paths], Path(out), int(jobs), method)
        return
    if sys.argv[1:2] == ["--compare"]:
        runs, *paths = sys.argv[2:]
        compare([Path(p) for p in paths], int(runs))
        return
    if sys.argv[1:2] == ["--share"]:
        fo_share(LARGEST_VOLUME)
        return
    if sys.argv[1:2] == ["--floor"]:
        floor(LARGEST_VOLUME)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--old", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fop-") as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(PROJECT / "bench" / "split.py"), str(tmp / "split"), str(LARGEST_VOLUME)],
                       check=True, capture_output=True)
        documents = sorted(p for p in (tmp / "split").glob("*-d*.xml"))[:args.documents]
        n = len(documents)
        (one, one_cpu), (two, _) = (child(documents, tmp / f"jobs{jobs}", jobs, ONE_RUN) for jobs in (1, 2))
        twice, twice_cpu = child(documents, tmp / "two-runs", 1, TWO_RUNS)
        print(f"{n} documents, one warm FOP run each: {one / n:.3f} s per document with 1 job, {two / n:.3f} s "
              f"with 2 (speedup {one / two:.2f}); one run / two runs, 1 job: {one / twice:.2f} wall, "
              f"{one_cpu / twice_cpu:.2f} CPU")
        if args.old:
            old, _ = child(documents[:args.old], tmp / "old", 1, COMMAND)
            print(f"fop command, two runs: {old / args.old:.3f} s per document ({args.old} documents)")
        for folder in ("jobs1", "jobs2", "two-runs"):
            yes, count = tagged(tmp / folder)
            print(f"Tagged: yes on {yes} of {count} PDFs ({folder})")
        in_process("--compare", "1", *map(str, documents))
        if args.old:
            volume, _ = child([LARGEST_VOLUME], tmp / "volume", 1, ONE_RUN)
            volume_old, _ = child([LARGEST_VOLUME], tmp / "volume-old", 1, COMMAND)
            print(f"{LARGEST_VOLUME.name}, each in a new process: one warm FOP run {volume:.2f} s, the `fop` "
                  f"command run twice (the method before the warm FOP) {volume_old:.2f} s: {volume / volume_old:.2f}")
    in_process("--compare", str(args.runs), str(LARGEST_VOLUME))
    in_process("--share")


def in_process(*args: str) -> None:
    """This script run with `args` in a new process, which measures within itself."""
    subprocess.run([sys.executable, __file__, *args], check=True, env=dict(os.environ, PYTHONPATH=str(PROJECT)),
                   stderr=subprocess.DEVNULL)

if __name__ == "__main__":
    main()
