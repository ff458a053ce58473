"""Measure how the header's facts come out for the TEI of other projects (../shared/corpus/shapes).

Usage: python bench/bench_shapes_meta.py [--out DIR]

Builds every file of shapes/ one by one as `python -m pipeline build --force --to html,txt`
would, then for each file reads its HTML page and its text preamble and prints: whether it
built, the title and date each shows and whether they agree, whether the date is the date of
the text (not of the encoding: the header's publicationStmt, revisionDesc or change dates),
html@lang and whether it is a well-formed BCP 47 tag with a two-letter code where ISO 639-1
has one, and the dir of the page's text. Ends with the counts. Exit status 1 when a file did not
build or a page's title or date disagrees with its text.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree, html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import CORPUS  # noqa: E402

SHAPES = CORPUS / "shapes"
TEI = "{http://www.tei-c.org/ns/1.0}"
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
#: ISO 639-2/3 codes that have a two-letter code: html@lang must not keep them.
THREE_WITH_TWO = {"deu", "ger", "eng", "fra", "fre", "heb", "ara", "tur", "lat", "ita", "spa", "pol"}


def encoding_dates(path: Path) -> set[str]:
    """The @when values of dates of the encoding: publicationStmt, revisionDesc, change."""
    tree = etree.parse(str(path), etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    header = tree.getroot().find(TEI + "teiHeader")
    if header is None:
        return set()
    found = header.xpath(".//t:publicationStmt[not(ancestor::t:sourceDesc)]//t:date | .//t:revisionDesc//t:date"
                         " | .//t:change//t:date | .//t:revisionDesc//t:change | .//t:listChange//t:change",
                         namespaces={"t": TEI[1:-1]})
    return {" ".join((d.get("when") or "".join(d.itertext())).split()) for d in found} - {""}


def page_facts(page: Path) -> dict:
    doc = lxml_html.parse(str(page)).getroot()
    heading = doc.xpath("//main//h1")
    date = doc.xpath("//main//dl[@class='metadata']/dt[.='Date']/following-sibling::dd[1]")
    time_el = doc.xpath("//main//dl[@class='metadata']/dt[.='Date']/following-sibling::dd[1]//@datetime")
    return {"title": " ".join(heading[0].text_content().split()) if heading else "",
            "date": " ".join(date[0].text_content().split()).split(",")[0] if date else "",
            "when": time_el[0] if time_el else "",
            "lang": doc.get("lang") or "",
            "dir": (doc.xpath("//main/@dir") or [""])[0],
            "text_dirs": sorted(set(doc.xpath("//main//div[contains(@class,'text')]//@dir")))}


def text_facts(text: Path) -> dict:
    lines = text.read_text(encoding="utf-8").split("\n")
    date = next((line[len("Date: "):] for line in lines[:4] if line.startswith("Date: ")), "")
    return {"title": " ".join(lines[0].split()), "date": " ".join(date.split()).split(",")[0]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    files = sorted(SHAPES.glob("*/*.xml"))
    out = args.out or Path(tempfile.mkdtemp(prefix="shapes-meta-"))
    counts = {"files": len(files), "built": 0, "agree": 0, "text-date": 0, "dated": 0,
              "lang-ok": 0, "rtl-dir": 0, "rtl-files": 0}
    for path in files:
        run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--force", "--to", "html,txt",
                              "--out", str(out), str(path)], capture_output=True, text=True,
                             cwd=Path(__file__).resolve().parents[1])
        page, text = out / "html" / (path.stem + ".html"), out / "txt" / (path.stem + ".txt")
        if run.returncode != 0 or not page.exists() or not text.exists():
            print(f"{path.name}: FAILED {run.stdout[-300:]} {run.stderr[-300:]}")
            continue
        counts["built"] += 1
        shown, written = page_facts(page), text_facts(text)
        agree = shown["title"] == written["title"] and shown["date"] == written["date"]
        counts["agree"] += agree
        encoding = encoding_dates(path)
        is_text_date = bool(shown["date"]) and shown["when"] not in encoding and shown["date"] not in encoding
        counts["dated"] += bool(shown["date"])
        counts["text-date"] += is_text_date or not shown["date"]
        lang_ok = bool(BCP47.match(shown["lang"])) and shown["lang"].split("-")[0] not in THREE_WITH_TWO
        counts["lang-ok"] += lang_ok
        if path.parent.name == "rtl":
            counts["rtl-files"] += 1
            counts["rtl-dir"] += "rtl" in (shown["dir"], *shown["text_dirs"])
        print(f"{path.parent.name}/{path.name}: title={shown['title'][:60]!r} date={shown['date']!r}"
              f" agree={agree} text-date={is_text_date} lang={shown['lang']} ok={lang_ok}"
              f" dir={shown['dir']} {shown['text_dirs']}")
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0 if counts["built"] == counts["files"] == counts["agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
