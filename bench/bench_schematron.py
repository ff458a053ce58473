"""Benchmark Schematron of query binding xslt3 (pipeline/validation/schematron_xslt.py, run by Saxon).

Two figures, each the median of interleaved runs:
- an xslt3 schema of 60 rules (12 patterns of 5, XPath 3 tests, a key, a function, lets) over
  the largest corpus volume: the time `schematron.check` spends in Saxon (the document already
  parsed by Saxon, as for the identity transform), against Saxon's identity transform of the
  same tree, in the same process (target: at most 2);
- the whole `teipipe validate --schema tei_all.rng --no-schematron` over the two corpus
  volumes, tei_all's embedded Schematron included (the default), against Jing alone with
  teipipe's JVM options, whole process against whole process (target: at most 1.5); also
  teipipe with --no-embedded-schematron, to show what the embedded rules cost.

    python bench/bench_schematron.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "bench"))

from common import CORPUS, LARGEST_VOLUME, write_identity  # noqa: E402
from pipeline import saxon  # noqa: E402
from pipeline.parsing import for_xslt, read  # noqa: E402
from pipeline.validation import jing, schematron  # noqa: E402

TEI_ALL = PROJECT.parent / "shared" / "schemas" / "tei_all-4.8.0.rng"
ELEMENTS = ["p", "div", "head", "date", "persName", "placeName", "note", "ref", "hi", "list",
            "item", "table", "row", "cell", "pb", "signed", "closer", "dateline", "opener", "title",
            "gloss", "term", "rs", "orgName", "seg", "quote", "lb", "figure", "graphic", "list"]
TESTS = [
    "not(@n) or matches(@n, '^[\\p{{L}}\\d.\\-]+$')",
    "every $t in tokenize(@ref) satisfies (starts-with($t, '#') and exists(key('ids', substring($t, 2))))",
    "not(@when) or @when castable as xs:date or matches(@when, '^\\d{{4}}(-\\d{{2}})?$')",
    "string-length(normalize-space(string-join(text(), ''))) le $limit",
    "not(@rend) or f:known-rend(@rend)",
]


def schema_text() -> str:
    patterns = []
    for p in range(12):
        rules = []
        for r in range(5):
            element = ELEMENTS[(p * 5 + r) % len(ELEMENTS)]
            test = TESTS[(p + r) % len(TESTS)].format()
            context = f"tei:{element}{'[@xml:id]' if r == 4 else ''}"
            test = test.replace("&", "&amp;").replace('"', "&quot;")
            role = "warning" if r % 2 else "error"
            rules.append(f'    <sch:rule context="{context}" id="r{p}-{r}">\n'
                         f'      <sch:let name="here" value="local-name()"/>\n'
                         f'      <sch:assert test="{test}" role="{role}"'
                         f'>rule {p}-{r} on <sch:value-of select="$here"/></sch:assert>\n'
                         f'    </sch:rule>')
        patterns.append(f'  <sch:pattern id="p{p}">\n' + "\n".join(rules) + "\n  </sch:pattern>")
    return f"""<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:f="urn:bench">
  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:ns prefix="f" uri="urn:bench"/>
  <sch:let name="limit" value="20000"/>
  <xsl:key name="ids" match="*[@xml:id]" use="@xml:id"/>
  <xsl:function name="f:known-rend" as="xs:boolean">
    <xsl:param name="rend"/>
    <xsl:sequence select="every $r in tokenize($rend) satisfies
      $r = ('italic', 'bold', 'smallcaps', 'sup', 'center', 'right', 'strong', 'underline')"/>
  </xsl:function>
{chr(10).join(patterns)}
</sch:schema>
"""


def rules_against_identity(folder: Path, repeat: int) -> dict:
    path = folder / "bench.sch"
    path.write_text(schema_text(), encoding="utf-8")
    rules = schematron.compiled(path)
    identity = write_identity(folder)
    tree = read(LARGEST_VOLUME).tree
    node = saxon.to_xdm(for_xslt(tree), LARGEST_VOLUME.as_uri())
    saxon.apply(identity, node)  # warm up both
    rules.stylesheet.transform_to_string(xdm_node=node)
    times = {"schematron": [], "identity": []}
    for _ in range(repeat):
        start = time.perf_counter()
        rules.stylesheet.transform_to_string(xdm_node=node)
        times["schematron"].append(time.perf_counter() - start)
        start = time.perf_counter()
        saxon.apply(identity, node)
        times["identity"].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {"checks": len(rules.checks), **medians, "ratio": medians["schematron"] / medians["identity"]}


def validate_against_jing(repeat: int) -> dict:
    volumes = [str(p) for p in sorted(CORPUS.glob("*.xml"))]
    teipipe = [sys.executable, "-m", "pipeline", "validate", "--schema", str(TEI_ALL), "--no-schematron"]
    commands = {
        "teipipe validate (embedded Schematron)": [*teipipe, *volumes],
        "teipipe validate --no-embedded-schematron": [*teipipe, "--no-embedded-schematron", *volumes],
        "jing": ["java", *jing.JVM_OPTIONS, "-cp", str(jing.jar()), "com.thaiopensource.relaxng.util.Driver",
                 str(TEI_ALL), *volumes],
    }
    times = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():  # interleaved: a load change hits all alike
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=PROJECT)
            times[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {**medians, "ratio": medians["teipipe validate (embedded Schematron)"] / medians["jing"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = rules_against_identity(Path(folder), args.repeat)
    print(f"{figures['checks']} checks over {LARGEST_VOLUME.name}: Schematron {figures['schematron']:.3f} s, "
          f"identity {figures['identity']:.3f} s, ratio {figures['ratio']:.2f} (target <= 2)")
    if jing.available():
        figures = validate_against_jing(args.repeat)
        for name, seconds in figures.items():
            if name != "ratio":
                print(f"  {name:<45} {seconds:6.2f} s")
        print(f"  validate with tei_all's embedded Schematron / Jing: {figures['ratio']:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
