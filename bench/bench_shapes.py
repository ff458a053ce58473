"""Measure the reading text of TEI from other projects (../shared/corpus/shapes/).

Usage: python bench/bench_shapes.py [FILE ...] [--out DIR] [--no-vnu]
(default: every .xml file under ../shared/corpus/shapes/)

For each file: `teipipe build --force --to html,txt`, then
  words   the share of the reading text's words (the text of the body, or of a sourceDoc,
          without rdg, del, sic, abbr, fw, note, the header and the authority lists of back
          and standOff, which go to the index pages) found in the txt output and
          in the HTML page's text, counted with their repeats;
  run-on  tokens of the output that are a lemma's last word run into a reading's first word;
  vnu     errors of the Nu HTML Checker on the page (when vnu.jar is found as the tests find it).
Prints a table and the totals, and exits 1 when a target (99 % words, no run-on, every file
built, 0 checker errors) is missed.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree, html

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from common import CORPUS  # noqa: E402

SHAPES = CORPUS / "shapes"
TEI = "{http://www.tei-c.org/ns/1.0}"
NOT_READ = {f"{TEI}{name}" for name in ("rdg", "del", "sic", "abbr", "fw", "note", "teiHeader")}
JOINERS = {f"{TEI}lb", f"{TEI}pb", f"{TEI}cb"}
#: Elements whose edges part words (the encoding often has no white space there).
PARTING = {f"{TEI}{name}" for name in (
    "p", "ab", "div", "head", "l", "lg", "item", "label", "list", "table", "row", "cell", "lb", "pb", "cb",
    "u", "seg", "s", "sp", "speaker", "stage", "opener", "closer", "dateline", "salute", "signed",
    "address", "addrLine", "bibl", "listBibl", "line", "zone", "postscript", "trailer", "byline")}
#: HTML elements whose edges part words.
HTML_BLOCKS = {"p", "div", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "header", "figure", "figcaption", "blockquote", "br", "tr", "caption"}
#: A marker of a note or an apparatus entry parts words; a superscript letter (D<sup>r</sup>) does not.
HTML_MARKERS = "//sup[a]"
WORD = re.compile(r"\w+")
AUTHORITY = {f"{TEI}{name}" for name in ("listPerson", "listPlace", "listOrg", "listEvent", "listNym")}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def is_authority_list(e) -> bool:
    """A list of entries the text points to, kept in back or standOff: it goes to the index
    pages, not into the text (as xslt/common/names.xsl, tp:is-authority-list, decides)."""
    if not any(a.tag in (f"{TEI}back", f"{TEI}standOff") for a in e.iterancestors()):
        return False
    entries = [c for c in e if c.tag in (f"{TEI}bibl", f"{TEI}biblStruct")]
    return e.tag in AUTHORITY or (e.tag == f"{TEI}listBibl" and len(e) > 0
                                  and all(c.get(XML_ID) for c in entries))


def reading_text(element) -> str:
    """The text a reader expects from an element: joins of lb break="no" and w/@join kept."""
    parts: list[str] = []

    def walk(e):
        if e.tag in NOT_READ or not isinstance(e.tag, str) or is_authority_list(e):
            pass
        elif e.tag in JOINERS and e.get("break") == "no":
            parts.append("\x00")
        else:
            if e.tag in PARTING:
                parts.append(" ")
            if e.get("join") in ("left", "both"):
                parts.append("\x00")
            parts.append(e.text or "")
            for child in e:
                walk(child)
            if e.get("join") in ("right", "both"):
                parts.append("\x00")
            if e.tag in PARTING:
                parts.append(" ")
        parts.append(e.tail or "")

    for child in element:
        walk(child)
    return re.sub(r"[-¬⸗\u00ad]?\s*\x00\s*", "", "".join(parts))


def expected_words(path: Path) -> collections.Counter:
    tree = etree.parse(str(path), etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    texts = tree.xpath("//tei:text[not(ancestor::tei:text)] | //tei:sourceDoc", namespaces={"tei": TEI[1:-1]})
    return collections.Counter(w for t in texts for w in WORD.findall(reading_text(t)))


def run_ons(path: Path) -> set[str]:
    """Each lemma's last word run into each of its readings' first word."""
    tree = etree.parse(str(path), etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    found = set()
    for app in tree.iter(f"{TEI}app"):
        lem = [WORD.findall(reading_text(x)) for x in app.findall(f"{TEI}lem")]
        for rdg in app.findall(f"{TEI}rdg"):
            words = WORD.findall(reading_text(rdg))
            if words and lem and lem[0]:
                found.add(lem[0][-1] + words[0])
    return found


def coverage(expected: collections.Counter, text: str) -> float:
    got = collections.Counter(WORD.findall(text))
    total = sum(expected.values())
    return 1.0 if not total else sum(min(n, got[w]) for w, n in expected.items()) / total


def html_text(page: Path) -> str:
    root = html.parse(str(page)).getroot()
    for e in [*root.iter(*HTML_BLOCKS), *root.xpath(HTML_MARKERS)]:
        e.text, e.tail = " " + (e.text or ""), " " + (e.tail or "")
    return root.xpath("//main")[0].text_content()


def vnu_jar() -> Path | None:
    sys.path.insert(0, str(PROJECT / "tests"))
    from test_html import vnu_jar as find  # the tests' way of finding it

    return find()


def vnu_errors(pages: list[Path]) -> collections.Counter:
    jar = vnu_jar()
    if jar is None or not pages:
        return collections.Counter()
    out = subprocess.run(["java", "-Xss16m", "-jar", str(jar), "--errors-only", "--format", "gnu",
                          *map(str, pages)], capture_output=True, text=True).stderr
    return collections.Counter(Path(line.split(":", 1)[0].strip('"').removeprefix("file:")).name
                               for line in out.splitlines() if line.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--no-vnu", action="store_true")
    args = parser.parse_args()
    files = args.files or sorted(SHAPES.glob("*/*.xml"))
    out = args.out or Path(tempfile.mkdtemp(prefix="shapes-"))
    rows, pages = [], []
    for path in files:
        target = out / path.parent.name
        built = subprocess.run([sys.executable, "-m", "pipeline", "build", "--force", "--to", "html,txt",
                                "--out", str(target), str(path)], capture_output=True, text=True, cwd=PROJECT)
        txt, page = target / "txt" / (path.stem + ".txt"), target / "html" / (path.stem + ".html")
        ok = built.returncode == 0 and txt.exists() and page.exists()
        expected = expected_words(path)
        text = txt.read_text(encoding="utf-8") if txt.exists() else ""
        page_text = html_text(page) if page.exists() else ""
        joined = run_ons(path)
        bad = sum(1 for w in WORD.findall(text + " " + page_text) if w in joined)
        rows.append((path, ok, sum(expected.values()), coverage(expected, text), coverage(expected, page_text), bad))
        if page.exists():
            pages.append(page)
    errors = collections.Counter() if args.no_vnu else vnu_errors(pages)
    print(f"{'file':52} {'built':5} {'words':>7} {'txt %':>7} {'html %':>7} {'run-on':>6} {'vnu':>4}")
    for path, ok, words, in_txt, in_html, bad in rows:
        name = f"{path.parent.name}/{path.name}"
        print(f"{name[:52]:52} {'yes' if ok else 'NO':5} {words:7} {in_txt:7.2%} {in_html:7.2%} {bad:6} "
              f"{errors[path.stem + '.html']:4}")
    failed = [r for r in rows if not r[1] or r[3] < 0.99 or r[4] < 0.99 or r[5]] or sum(errors.values())
    print(f"\n{len(rows)} files, {sum(r[1] for r in rows)} built; lowest txt {min(r[3] for r in rows):.2%}, "
          f"lowest html {min(r[4] for r in rows):.2%}; run-ons {sum(r[5] for r in rows)}; "
          f"checker errors {sum(errors.values())}" + ("" if not args.no_vnu else " (not checked)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
