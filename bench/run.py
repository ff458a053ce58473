"""The teipipe benchmark: per-file transform costs, parallel speedup, incremental rebuilds.

    python bench/run.py [--corpus DIR] [--skip-pdf] [--skip-others] [--report out/bench/report.md]

In: the FRUS volumes in `../shared/corpus/` (or `--corpus`). Out: a Markdown report on stdout
and in `out/bench/report.md`, with

1. for each volume, measured in a fresh process after warming up on `tei/`: lxml's parse (the
   floor), Saxon's identity transform of the file, validation (the project's RelaxNG schema
   and Schematron rules), each registered format's transform (PDF apart: FOP dominates it),
   the full build without PDF (`build_document`: parse, validate, every format, write), and
   the process's peak memory;
2. on the volumes split into one TEI file per document (`bench/split.py`, in a temporary
   folder): `teipipe build` with one job and with two (the speedup), then with nothing changed
   (no-op) and with one file changed, each timed from the command line, process start included;
   then one file changed under `teipipe build --watch` (the process that watches builds it):
   the build's own time, and the time from the change to the build's summary;
3. the issue's targets with the measured ratios, all from this one run;
4. two ceilings of the 2-job speedup, measured between the full builds (the machine may be
   shared): a pure CPU loop run twice at once (what the machine gives two processes), and two
   1-job builds run at once (what this work gains from a second core, caches and memory
   bandwidth shared, without the cost of splitting it);
5. the reports of the per-format benchmarks (`bench/bench_*.py`) that exist, unless
   `--skip-others`.

Times are the best of three runs (`--repeat` for the builds). Everything runs
on a snapshot of the code (compiled to bytecode, as an installed package is), stylesheets and
schemas taken at the start, in a temporary folder.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import json
import os
import re
import resource
import signal
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS, PROJECT, write_identity  # noqa: E402


def best(func, runs: int = 3, clock=time.process_time) -> float | str:
    """The shortest of `runs` timings, or the error that stopped one (reported, not fatal).
    CPU time of this process by default (Saxon runs in it): other work on a shared machine
    disturbs it less than wall-clock time."""
    times = []
    for _ in range(runs):
        start = clock()
        try:
            func()
        except Exception as exc:
            return f"error in run {len(times) + 1}: {str(exc)[:120]}"
        times.append(clock() - start)
    return min(times)


def _succeeded(built) -> None:
    result, _ = built
    if result.failure:
        raise RuntimeError(result.failure)


def _ratio(top, bottom) -> float | None:
    return top / bottom if isinstance(top, float) and isinstance(bottom, float) else None


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_file(path: Path) -> dict:
    """Everything about one volume, in this (fresh) process; printed as JSON by `--file`."""
    from pipeline import parsing, saxon
    from pipeline.building import Settings, build_document
    from pipeline.document import Document
    from pipeline.formats import pdf
    from pipeline.formats import FORMATS
    from pipeline.validation import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, Plan, check

    formats = [fmt for name, fmt in FORMATS.items() if name != "pdf"]
    with tempfile.TemporaryDirectory() as scratch:
        identity = write_identity(Path(scratch))
        settings = Settings(formats=tuple(formats), out_dir=Path(scratch) / "out", force=True)
        # Warm up on our own sources (tei/ of the snapshot, the working folder): compile the
        # schema and every stylesheet, start Saxon.
        for warm in sorted(Path("tei").glob("*.xml")):
            build_document(warm, settings)
        compiled = saxon.executable(identity.resolve())
        compiled.transform_to_string(source_file=str(Path("tei", "persons.xml").resolve()))
        baseline = max_rss_mb()

        figures = {"file": path.name, "bytes": path.stat().st_size}
        tree = parsing.parse(path)
        figures["documents"] = len(tree.xpath("//*[local-name()='div'][@type='document']"))
        figures["lxml parse"] = best(lambda: parsing.parse(path))
        figures["Saxon identity"] = best(lambda: compiled.transform_to_string(source_file=str(path)))
        # As a build validates in its worker: libxml2's verdict (Jing comes after, for invalid files).
        parsed, plan = parsing.read(path), Plan.of(DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, jing_alone=False)
        figures["validate"] = best(lambda: check(parsed, str(path), plan))
        doc = Document.load(path)
        figures["Saxon tree"] = best(lambda: saxon.to_xdm(parsing.for_xslt(doc.tree), doc.uri))
        # (Each run makes the print edition's frame again, as a build does once: not the one kept.)
        for fmt in formats:
            figures[fmt.name] = best(lambda: (pdf.frame.cache_clear(), fmt.render(doc, {})))
        figures["formats"] = [fmt.name for fmt in formats]
        figures["full build"] = best(lambda: (pdf.frame.cache_clear(), _succeeded(build_document(path, settings))))
        if "pdf" in FORMATS and not os.environ.get("BENCH_SKIP_PDF"):
            # FOP runs in a process of its own: wall-clock time.
            figures["pdf"] = best(lambda: FORMATS["pdf"].render(doc, {}), runs=1, clock=time.perf_counter)
        figures["peak MB"] = max_rss_mb()
        figures["baseline MB"] = baseline
    return figures


def run_measured(command: list[str], **kwargs) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Wall time, CPU time, peak memory (MB), of the process and its workers, and the process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kwargs)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return (seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            subprocess.CompletedProcess(command, process.returncode, "", stderr))


def per_file(volumes: list[Path], skip_pdf: bool, code: Path) -> list[dict]:
    env = {**_env(code), **({"BENCH_SKIP_PDF": "1"} if skip_pdf else {})}
    rows = []
    for volume in volumes:
        done = subprocess.run([sys.executable, __file__, "--file", str(volume)], capture_output=True,
                              text=True, cwd=code, env=env)
        if done.returncode:
            sys.exit(f"measuring {volume} failed:\n{done.stderr}")
        rows.append(json.loads(done.stdout))
    return rows


def builds(volumes: list[Path], formats: list[str], code: Path, repeat: int) -> dict:
    """Build the split corpus with 1 and 2 jobs, then with nothing changed and with one file
    changed; then, with txt alone (no collection pages), in full and with one file changed.
    Each figure is the best of `repeat` runs, full builds with 1 and 2 jobs taking turns, so
    that other load on the machine skews neither side."""
    from split import split_volumes

    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch) / "split"
        files = split_volumes(volumes, sources)
        figures = {"files": len(files), "bytes": sum(f.stat().st_size for f in files)}
        changed = next(f for f in files if not f.stem.endswith("-persons"))

        def command(to: list[str], out: str, *extra: str) -> list[str]:
            """`teipipe build` of the split corpus into the scratch folder `out`."""
            return [sys.executable, "-m", "pipeline", "build", str(sources), "--to", ",".join(to),
                    "--force", "--out", str(Path(scratch) / out), *extra]

        def timed(name: str, to: list[str], out: str, *extra: str) -> None:
            seconds, cpu, peak, done = run_measured(command(to, out, *extra), cwd=code, env=_env(code))
            summary = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            if done.returncode not in (0, 1):  # 1: some documents failed, said in the summary
                sys.exit(f"{name} failed ({done.returncode}): {done.stderr[-2000:]}")
            failures = [line for line in done.stderr.splitlines() if ": failed: " in line]
            figures.setdefault("failures", set()).update(line[:300] for line in failures)
            if name not in figures or seconds < figures[name]["seconds"]:
                figures[name] = {"seconds": seconds, "cpu": cpu, "peak MB": peak, "summary": summary}

        def change() -> None:
            """A correction in the text: a paragraph of the body (not of the header) gets a word."""
            header, body = changed.read_text(encoding="utf-8").split("<body>", 1)
            changed.write_text(header + "<body>" + body.replace("</p>", " (corrected)</p>", 1), encoding="utf-8")

        made = itertools.count()

        def fresh(out: str) -> str:
            """A new folder for a full build; the old ones go with the scratch folder at the end.
            Not removed before: on ext4 without a journal (as on the development machines) each
            file made within minutes of thousands being deleted costs the kernel a scan past the
            recently deleted inodes, up to a quarter of a build's CPU time, and more when two
            processes make files in the same folders at once."""
            return f"{out}-{next(made)}"

        def full(name: str, to: list[str], out: str, *extra: str) -> str:
            folder = fresh(out)
            timed(name, to, folder, *extra)
            return folder

        def side_by_side() -> float:
            """Two 1-job builds at once, each into its own folder: the wall time of both."""
            commands = [command(formats, fresh(out), "--jobs", "1") for out in ("pair-a", "pair-b")]
            start = time.perf_counter()
            processes = [subprocess.Popen(c, cwd=code, env=_env(code), stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL) for c in commands]
            for process in processes:
                process.wait()
            return time.perf_counter() - start

        # The ceilings are measured between the full builds, under the same load.
        loops, pairs = [], []
        for _ in range(repeat):
            full("full, 1 job", formats, "out1", "--jobs", "1")
            out = full("full, 2 jobs", formats, "out2", "--jobs", "2")
            pairs.append(side_by_side())
            loops.append(cpu_loops())
        serial, parallel = min(s for s, _ in loops), min(p for _, p in loops)
        figures["cpu ceiling"] = serial / parallel
        figures["workload ceiling"] = 2 * figures["full, 1 job"]["seconds"] / min(pairs)
        for _ in range(repeat):
            timed("no-op", formats, out, "--jobs", "2")
        for _ in range(repeat):
            change()
            timed("one file changed", formats, out, "--jobs", "2")
        figures["one file changed, watching"] = watched(command(formats, out, "--jobs", "2", "--watch"),
                                                        change, repeat, code)
        if "txt" in formats:
            for _ in range(repeat):
                out = full("txt only: full, 2 jobs", ["txt"], "out3", "--jobs", "2")
            for _ in range(repeat):
                change()
                timed("txt only: one file changed", ["txt"], out, "--jobs", "2")
    return figures


def watched(command: list[str], change, repeat: int, code: Path) -> dict:
    """`teipipe build --watch` on a built folder: after each of `repeat` changes, the build's own
    time (its summary line) and the time from the change to that line (noticing the change
    included); the best of each."""
    # Ctrl-C (SIGINT) ends a watch; a benchmark started in the background, where SIGINT is
    # ignored and children inherit that, gives the watch the default back.
    process = subprocess.Popen(command, cwd=code, env=_env(code), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))

    def summary() -> str:
        signal.alarm(300)  # a watch that misses a change would wait for ever: fail, and stop it
        try:
            for line in process.stderr:
                if re.search(r" files: .* failed.* \(", line):
                    return line.strip()
        finally:
            signal.alarm(0)
        sys.exit(f"the watch ended: {command}")

    def timeout(*_):
        raise TimeoutError(f"the watch built nothing in 300 s: {command}")

    signal.signal(signal.SIGALRM, timeout)

    figure = {"seconds": float("inf"), "latency": float("inf")}
    try:
        summary()  # the first build, which finds everything current
        for _ in range(repeat):
            change()
            start = time.perf_counter()
            line = summary()
            latency = time.perf_counter() - start
            seconds = float(re.search(r"\(([\d.]+)s\)", line)[1])
            if seconds < figure["seconds"]:
                figure.update(seconds=seconds, summary=line)
            figure["latency"] = min(figure["latency"], latency)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return figure


def _env(code: Path) -> dict:
    # The snapshot's package comes first on the path, before the editable install's finder.
    return {**os.environ, "PYTHONPATH": str(code)}


def snapshot(folder: Path) -> Path:
    """A copy of the code, stylesheets, schemas and sources: edits made while the benchmark
    runs (a shared tree) neither skew a timing nor make a no-op build rebuild."""
    for name in ("pipeline", "xslt", "schema", "tei"):
        shutil.copytree(PROJECT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    # Compiled, as `pip install` leaves a package: with PYTHONDONTWRITEBYTECODE set (as on the
    # development machines) every run would compile the modules it imports again.
    compileall.compile_dir(folder / "pipeline", quiet=1)
    return folder


def cpu_loops() -> tuple[float, float]:
    """Two runs of a pure CPU loop (no I/O, little memory) one after the other, then at once:
    the wall times. Their ratio is the most two processes can gain on this machine now; a
    build, which shares caches and memory bandwidth, gains less (see `builds`)."""
    loop = [sys.executable, "-c", "sum(range(30_000_000))"]
    start = time.perf_counter()
    for _ in range(2):
        subprocess.run(loop, check=True)
    serial = time.perf_counter() - start
    start = time.perf_counter()
    for process in [subprocess.Popen(loop) for _ in range(2)]:
        process.wait()
    return serial, time.perf_counter() - start


def others(skip: bool) -> list[str]:
    scripts = sorted(p for p in (PROJECT / "bench").glob("bench_*.py"))
    if skip or not scripts:
        return ["(per-format benchmarks " + ("skipped: --skip-others" if skip else "not present yet") + ")"]
    lines = []
    for script in scripts:
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=PROJECT)
        lines += [f"### {script.relative_to(PROJECT)}", "", done.stdout.strip()
                  or f"(failed, exit {done.returncode}: {done.stderr.strip()[-500:]})", ""]
    return lines


def report(rows: list[dict], split: dict, formats: list[str], missing: list[str], pdf: str) -> str:
    mb = 1024 * 1024
    names = ["lxml parse", "Saxon identity", "validate", "Saxon tree", *formats, "full build"]
    lines = ["# teipipe benchmark", "",
             f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}. "
             f"Formats: {', '.join(formats)}" + (f"; not registered yet: {', '.join(missing)}" if missing else "")
             + f". PDF: {pdf}.", "",
             "## Per volume (CPU seconds of the measuring process, best of 3)", "",
             "| file | MB | documents | " + " | ".join(names) + " | full / (identity x formats) | peak MB | above baseline MB | (peak - baseline) / size |",
             "|---|---|---|" + "---|" * (len(names) + 4)]
    errors = []
    for row in rows:
        ratio = _ratio(row["full build"], row["Saxon identity"] * len(formats))
        above = row["peak MB"] - row["baseline MB"]
        cells = []
        for name in names:
            if isinstance(row[name], str):
                errors.append(f"- {row['file']}, {name}: {row[name]}")
            cells.append(f"{row[name]:.3f}" if isinstance(row[name], float) else "error")
        lines.append(f"| {row['file']} | {row['bytes'] / mb:.2f} | {row['documents']} | " + " | ".join(cells)
                     + f" | {'n/a' if ratio is None else f'{ratio:.2f}'} | {row['peak MB']:.0f} | {above:.0f} | "
                     f"{above * mb / row['bytes']:.1f}x |")
    if errors:
        lines += ["", "Errors (the runs before the error are not counted):", *errors]
    if any("pdf" in row for row in rows):
        lines += ["", "PDF (FOP) per volume, one run: " + "; ".join(
            f"{r['file']}: {r['pdf']:.1f} s, {r['pdf'] / (r['pdf'] + r['full build']):.0%} of a build with PDF"
            if isinstance(r["pdf"], float) and isinstance(r["full build"], float)
            else f"{r['file']}: {r['pdf']:.1f} s" if isinstance(r["pdf"], float) else f"{r['file']}: {r['pdf']}"
            for r in rows if "pdf" in r)]
    full1, full2 = split["full, 1 job"]["seconds"], split["full, 2 jobs"]["seconds"]
    lines += ["", f"## Split corpus: {split['files']} files, {split['bytes'] / mb:.2f} MB "
              f"(`teipipe build --force --to {','.join(formats)}`, wall time from the command line, "
              "best of the runs)", "",
              "| build | seconds | of full (2 jobs) | CPU seconds | peak MB (largest process) | summary |",
              "|---|---|---|---|---|---|"]
    for name in ("full, 1 job", "full, 2 jobs", "no-op", "one file changed"):
        figure = split[name]
        lines.append(f"| {name} | {figure['seconds']:.2f} | {figure['seconds'] / full2:.1%} | {figure['cpu']:.2f} | "
                     f"{figure['peak MB']:.0f} | {figure['summary']} |")
    txt = split.get("txt only: full, 2 jobs")
    for name in ("txt only: full, 2 jobs", "txt only: one file changed") if txt else ():
        figure = split[name]
        lines.append(f"| {name} | {figure['seconds']:.2f} | {figure['seconds'] / txt['seconds']:.1%} of txt full | "
                     f"{figure['cpu']:.2f} | {figure['peak MB']:.0f} | {figure['summary']} |")
    watch = split["one file changed, watching"]
    lines.append(f"| one file changed, `--watch` (the build's own time) | {watch['seconds']:.2f} | "
                 f"{watch['seconds'] / full2:.1%} | | | {watch['summary']} |")
    lines.append(f"| one file changed, `--watch` (from the change to the summary) | {watch['latency']:.2f} | "
                 f"{watch['latency'] / full2:.1%} | | | noticing the change included |")
    if split.get("failures"):
        lines += ["", "Documents that failed in these builds:", *sorted(f"- {f}" for f in split["failures"])]
    lines += ["", f"Throughput with 2 jobs: {split['bytes'] / mb / full2:.2f} MB/s, "
              f"{split['files'] / full2:.0f} documents/s; with 1 job: {split['bytes'] / mb / full1:.2f} MB/s, "
              f"{split['files'] / full1:.0f} documents/s. Ceilings of the 2-job speedup, measured between "
              f"the full builds: two processes running a pure CPU loop got {split['cpu ceiling']:.2f} (the "
              "machine, whatever it runs); two 1-job builds run at once, each into its own folder, got "
              f"{split['workload ceiling']:.2f} (twice the 1-job time over the time of the pair: what "
              "this work gains from a second core when caches and memory bandwidth are shared, with no "
              "cost of splitting it). With 2 jobs the build used "
              f"{split['full, 2 jobs']['cpu'] / split['full, 1 job']['cpu']:.2f}x the CPU time of 1 job (each "
              "worker compiles the schema and stylesheets, and transforms share caches and memory "
              "bandwidth); on two idle cores the "
              f"speedup would be at most {2 * split['full, 1 job']['cpu'] / split['full, 2 jobs']['cpu']:.2f}.", ""]

    big = max(rows, key=lambda r: r["bytes"])
    ratio = _ratio(big["full build"], big["Saxon identity"] * len(formats))
    above = (big["peak MB"] - big["baseline MB"]) * mb / big["bytes"]
    targets = [
        (f"full build of {big['file']} / (identity x {len(formats)} formats)", ratio, "<= 4",
         ratio is not None and ratio <= 4),
        ("2-job speedup", full1 / full2, ">= 1.7", full1 / full2 >= 1.7),
        ("no-op rebuild / full build", split["no-op"]["seconds"] / full2, "<= 2%",
         split["no-op"]["seconds"] / full2 <= 0.02),
        (f"one changed in {split['files']} / full build, new process", split["one file changed"]["seconds"] / full2,
         "<= 5%", split["one file changed"]["seconds"] / full2 <= 0.05),
        (f"one changed in {split['files']} / full build, `--watch`", watch["seconds"] / full2, "<= 5%",
         watch["seconds"] / full2 <= 0.05),
        (f"peak memory above baseline / {big['file']}", above, "<= 10x", above <= 10),
        (f"peak memory, whole process / {big['file']}", big["peak MB"] * mb / big["bytes"], "<= 10x",
         big["peak MB"] * mb / big["bytes"] <= 10),
    ]
    lines += ["## Targets (issue 7), this run", "", "| target | measured | wanted | met |", "|---|---|---|---|"]
    for name, value, wanted, met in targets:
        shown = "n/a" if value is None else f"{value:.1%}" if "%" in wanted else f"{value:.2f}"
        lines.append(f"| {name} | {shown} | {wanted} | {'yes' if met else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of volumes (default ../shared/corpus)")
    parser.add_argument("--skip-pdf", action="store_true", help="do not time PDF (FOP), even if registered")
    parser.add_argument("--skip-others", action="store_true", help="do not run bench/bench_*.py")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each build, the best counts (default 3)")
    parser.add_argument("--report", type=Path, default=PROJECT / "out" / "bench" / "report.md")
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.file:
        print(json.dumps(measure_file(args.file)))
        return
    volumes = sorted(args.corpus.glob("*.xml"))
    if not volumes:
        sys.exit(f"{args.corpus}: no volumes (*.xml) to measure")
    from pipeline.formats import FORMATS

    formats = [name for name in FORMATS if name != "pdf"]
    missing = [name for name in ("html", "fo", "txt", "pdf") if name not in FORMATS]
    pdf = "skipped (--skip-pdf)" if args.skip_pdf else ("timed apart" if "pdf" in FORMATS else "not registered yet")
    with tempfile.TemporaryDirectory() as scratch:
        code = snapshot(Path(scratch))
        print(f"measuring {len(volumes)} volumes, formats {', '.join(formats)}...", file=sys.stderr)
        rows = per_file(volumes, args.skip_pdf, code)
        print("building the split corpus...", file=sys.stderr)
        split = builds(volumes, formats, code, args.repeat)
    text = (report(rows, split, formats, missing, pdf) + "\n\n## Per-format benchmarks\n\n"
            + "\n".join(others(args.skip_others)) + "\n")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {args.report})", file=sys.stderr)


if __name__ == "__main__":
    main()
