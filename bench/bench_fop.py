"""Benchmark the warm FOP (pipeline/fop.py) against FOP as a command, one run of each.

Usage: python bench/bench_fop.py [--documents N] [--old N]

1. Per-document PDFs: the first N documents (default 120) of frus1918Russiav03.xml, split one
   per file by bench/split.py, printed as a build prints them (parse, FO, both FOP passes,
   write), each in a new Python process that runs them all with 1 job, then with 2: the
   process's whole wall time per document (interpreter, imports, JVM start included), and
   the speedup of 2 jobs. Today's method (the `fop` command, a JVM per pass) on the first
   --old documents (default 8), for comparison.
2. The volume frus1918Russiav03.xml, both passes and the index, in a new process each: the
   warm FOP against the `fop` command.
3. The FO transform's share of the warm PDF build (the part and the frame of both passes,
   against the whole).
Every PDF written is checked with pdfinfo: "Tagged: yes".
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import LARGEST_VOLUME, PROJECT  # noqa: E402


def print_all(paths: list[Path], out: Path, jobs: int, command: bool) -> None:
    """In the child process: each document's PDF, as a build makes it."""
    from pipeline import processes as parallel
    for path, pdf_bytes in parallel.run_all(_print_one if not command else _print_one_by_command,
                                            paths, jobs):
        (out / (path.stem + ".pdf")).write_bytes(pdf_bytes)


def _print_one(path: Path) -> bytes:
    from pipeline.formats import pdf
    from pipeline.document import Document
    return pdf.render_pdf(Document.load(path), {})


def _print_one_by_command(path: Path) -> bytes:
    """Today's method before the warm FOP: `fop` run twice, a new JVM each time."""
    from pipeline.formats import pdf
    from pipeline.document import Document
    doc = Document.load(path)
    parts = [pdf.part(doc, {})]
    first = _fop_command(pdf.assemble_fo(parts, {}), "if")
    return _fop_command(pdf.assemble_fo(parts, {}, pdf.page_map(first)), "pdf")


def _fop_command(fo: str, output: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "book.fo", Path(tmp) / f"book.{output}"
        source.write_text(fo, encoding="utf-8")
        kind = ["-pdf", str(target)] if output == "pdf" else ["-if", "application/pdf", str(target)]
        env = dict(os.environ, JAVA_ARGS="-XX:TieredStopAtLevel=1")
        subprocess.run(["fop", "-c", str(PROJECT / "xslt" / "fo" / "fop.xconf"), "-fo", str(source), *kind],
                       check=True, capture_output=True, env=env)
        return target.read_bytes()


def child(paths: list[Path], out: Path, jobs: int, command: bool) -> float:
    """Seconds a new process takes to print `paths` into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, __file__, "--child", str(out), str(jobs), str(int(command)),
                    *map(str, paths)], check=True, env=dict(os.environ, PYTHONPATH=str(PROJECT)),
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds too: the machine is shared, and CPU time is what other work disturbs least.
    print(f"  {len(paths)} file(s), {jobs} job(s){' (fop command)' if command else ''}: {wall:.2f} s wall, "
          f"{after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime:.2f} s CPU", flush=True)
    return wall


def tagged(folder: Path) -> tuple[int, int]:
    pdfs = sorted(folder.glob("*.pdf"))
    yes = sum("Tagged:          yes" in subprocess.run(["pdfinfo", str(p)], capture_output=True, text=True).stdout
              for p in pdfs)
    return yes, len(pdfs)


def fo_share(volume: Path) -> None:
    """The FO steps' and FOP's seconds in one warm print of the volume."""
    from pipeline import fop, pdf
    from pipeline.document import Document
    doc = Document.load(volume)
    fop.render(pdf.make_fo([Document.load(PROJECT / "tei" / "ikeda-2002-hatoyama.xml")], {}))  # JVM warm
    pdf.frame.cache_clear()
    clock = time.perf_counter
    t0 = clock()
    parts = [pdf.part(doc, {})]
    fo = pdf.assemble_fo(parts, {})
    t1 = clock()
    pages = pdf.page_map(pdf.run_fop(fo, "if").output)
    t2 = clock()
    fo = pdf.assemble_fo(parts, {}, pages)
    t3 = clock()
    pdf.run_fop(fo, "pdf")
    t4 = clock()
    fo_time, whole = (t1 - t0) + (t3 - t2), t4 - t0
    print(f"FO transform (part, frame of both passes): {fo_time:.2f} s of a warm PDF build of "
          f"{whole:.2f} s: {fo_time / whole:.0%}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        out, jobs, command, *paths = sys.argv[2:]
        print_all([Path(p) for p in paths], Path(out), int(jobs), command == "1")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=120)
    parser.add_argument("--old", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fop-") as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(PROJECT / "bench" / "split.py"), str(tmp / "split"), str(LARGEST_VOLUME)],
                       check=True, capture_output=True)
        documents = sorted(p for p in (tmp / "split").glob("*-d*.xml"))[:args.documents]
        n = len(documents)
        one = child(documents, tmp / "jobs1", 1, False)
        two = child(documents, tmp / "jobs2", 2, False)
        old = child(documents[:args.old], tmp / "old", 1, True)
        print(f"{n} documents, warm FOP: {one / n:.3f} s per document with 1 job, {two / n:.3f} s with 2 "
              f"(speedup {one / two:.2f}); fop command: {old / args.old:.3f} s per document "
              f"({args.old} documents)")
        warm = child([LARGEST_VOLUME], tmp / "volume", 1, False)
        cold = child([LARGEST_VOLUME], tmp / "volume-old", 1, True)
        print(f"{LARGEST_VOLUME.name}: warm FOP {warm:.2f} s, fop command {cold:.2f} s ({warm / cold:.0%})")
        for folder in ("jobs1", "jobs2", "volume"):
            yes, count = tagged(tmp / folder)
            print(f"Tagged: yes on {yes} of {count} PDFs ({folder})")
        fo_share(LARGEST_VOLUME)


if __name__ == "__main__":
    main()
