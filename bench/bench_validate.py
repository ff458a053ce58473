"""Benchmark `teipipe validate` against Jing alone and lxml alone, whole process against whole
process, in one run (the commands are interleaved and repeated; the median counts).

Two batches:
- the two corpus volumes (../shared/corpus, 3.4 MB) against full TEI (tei_all 4.8.0), complete
  reports: `teipipe validate --no-schematron` (RelaxNG only, like Jing) and with our Schematron,
  against `jing` (Debian's script, as a user runs it) and Jing with the JVM options teipipe
  uses, and lxml alone (libxml2: first error of each element only);
- our `tei/` against `schema/teipipe.rng` and `schema/teipipe.sch`, against `jing` on our schema.

It also counts, from the same runs, how many of Jing's error lines each report has.

    python bench/bench_validate.py [--repeat 5] [--json FILE]

`measure(repeat)` returns the figures as a dict, for a benchmark script that gathers several.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from pipeline.validation import jing  # noqa: E402

SHARED = PROJECT.parent / "shared"
CORPUS = sorted((SHARED / "corpus").glob("*.xml"))
TEI_ALL = SHARED / "schemas" / "tei_all-4.8.0.rng"
TEI = sorted((PROJECT / "tei").glob("*.xml"))
SCHEMA = PROJECT / "schema" / "teipipe.rng"
PYTHON = sys.executable

_LXML_ALONE = """
import sys
from lxml import etree
schema = etree.RelaxNG(etree.parse(sys.argv[1], etree.XMLParser(no_network=True)))
for name in sys.argv[2:]:
    tree = etree.parse(name, etree.XMLParser(no_network=True, load_dtd=False))
    if not schema.validate(tree):
        for entry in schema.error_log:
            print(f"{name}:{entry.line}:{entry.column}: error: {entry.message}")
"""


def _commands() -> dict[str, list[str]]:
    teipipe = [PYTHON, "-m", "pipeline", "validate"]
    jing_tuned = (["java", *jing.JVM_OPTIONS, "-cp", str(jing.jar()),
                   "com.thaiopensource.relaxng.util.Driver"] if jing.available() else None)
    debian_jing = shutil.which("jing")
    corpus, tei = list(map(str, CORPUS)), list(map(str, TEI))
    commands = {
        "corpus: teipipe validate --no-schematron": [*teipipe, "--schema", str(TEI_ALL), "--no-schematron", *corpus],
        "corpus: teipipe validate (+ teipipe.sch)": [*teipipe, "--schema", str(TEI_ALL), *corpus],
        "corpus: jing": [debian_jing, str(TEI_ALL), *corpus] if debian_jing else None,
        "corpus: jing, teipipe's JVM options": [*jing_tuned, str(TEI_ALL), *corpus] if jing_tuned else None,
        "corpus: lxml alone": [PYTHON, "-c", _LXML_ALONE, str(TEI_ALL), *corpus],
        "tei/: teipipe validate (rng + sch)": [*teipipe, *tei],
        "tei/: jing": [debian_jing, str(SCHEMA), *tei] if debian_jing else None,
        "tei/: jing, teipipe's JVM options": [*jing_tuned, str(SCHEMA), *tei] if jing_tuned else None,
        "tei/: lxml alone (rng only)": [PYTHON, "-c", _LXML_ALONE, str(SCHEMA), *tei],
    }
    return {name: command for name, command in commands.items() if command}


def _error_lines(output: str, files: list[Path], relaxng_only: bool) -> dict[str, set[int]]:
    lines = {str(f): set() for f in files}
    for match in re.finditer(r"^(.*?):(\d+):\d+: error: (.*)$", output, re.M):
        if match[1] in lines and (not relaxng_only or not match[3].endswith("]") or
                                  match[3].endswith("[relaxng]")):
            lines[match[1]].add(int(match[2]))
    return lines


def measure(repeat: int = 5) -> dict:
    if not CORPUS or not TEI_ALL.exists():
        raise SystemExit(f"{SHARED} with corpus/ and schemas/ must be beside the project")
    commands = _commands()
    times: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, str] = {}
    for _ in range(repeat):
        for name, command in commands.items():  # interleaved: a load change hits all alike
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT)
            times[name].append(time.perf_counter() - start)
            outputs.setdefault(name, done.stdout)
    medians = {name: statistics.median(values) for name, values in times.items()}
    figures = {"seconds": medians, "load_average": os.getloadavg(), "repeat": repeat, "ratios": {}}
    ratios = figures["ratios"]
    if "corpus: jing" in medians:
        ratios["corpus: teipipe (no Schematron) / jing"] = (
            medians["corpus: teipipe validate --no-schematron"] / medians["corpus: jing"])
        ratios["corpus: teipipe (+ Schematron) / jing"] = (
            medians["corpus: teipipe validate (+ teipipe.sch)"] / medians["corpus: jing"])
        ratios["tei/: jing / teipipe"] = medians["tei/: jing"] / medians["tei/: teipipe validate (rng + sch)"]
    if "corpus: jing, teipipe's JVM options" in medians:
        ratios["corpus: teipipe (no Schematron) / jing with the same JVM options"] = (
            medians["corpus: teipipe validate --no-schematron"] / medians["corpus: jing, teipipe's JVM options"])
        ratios["tei/: jing with the same JVM options / teipipe"] = (
            medians["tei/: jing, teipipe's JVM options"] / medians["tei/: teipipe validate (rng + sch)"])
    reference = outputs.get("corpus: jing") or outputs.get("corpus: jing, teipipe's JVM options")
    if reference:
        theirs = _error_lines(reference, CORPUS, False)
        figures["completeness"] = {}
        for name in ("corpus: teipipe validate --no-schematron", "corpus: lxml alone"):
            ours = _error_lines(outputs[name], CORPUS, True)
            figures["completeness"][name] = {
                Path(f).name: f"{len(ours[f] & theirs[f])} of {len(theirs[f])} Jing error lines"
                for f in theirs}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    figures = measure(args.repeat)
    print(f"median of {figures['repeat']} interleaved runs, whole processes; "
          f"load average {', '.join(f'{x:.2f}' for x in figures['load_average'])}")
    for name, seconds in figures["seconds"].items():
        print(f"  {name:<58} {seconds:6.2f} s")
    for name, ratio in figures["ratios"].items():
        print(f"  {name:<58} {ratio:6.2f}")
    for name, files in figures.get("completeness", {}).items():
        for file, counted in files.items():
            print(f"  {name}: {file}: {counted}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
