"""Measure the print edition of TEI from other projects (../shared/corpus/shapes/).

Usage: python bench/bench_shapes_pdf.py [FILE ...] [--out DIR]
(default: every .xml file under ../shared/corpus/shapes/)

For each file: `teipipe build --force --to pdf`, then
  built   the build exits 0 and writes the PDF (a character that no font has fails it, so a
          built PDF has no missing-glyph mark);
  tagged  `pdfinfo` says `Tagged: yes`;
  rtl     of the reading text's words written right to left (Hebrew, Arabic, Syriac, Thaana,
          N'Ko letters), the share found as whole words in the PDF's text (`pdftotext`): a word
          laid out backwards or unjoined in the PDF's text is not found.
Prints a table and the totals, and exits 1 when a target (every file built and tagged, at
least 99% of right-to-left words in logical order) is missed.
"""

from __future__ import annotations

import argparse
import collections
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_shapes import SHAPES, coverage, expected_words

PROJECT = Path(__file__).resolve().parents[1]
RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def pdf_facts(pdf: Path) -> tuple[bool, str]:
    """(tagged, the PDF's text)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout
    return re.search(r"^Tagged:\s+yes", info, re.M) is not None, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = args.files or sorted(SHAPES.glob("*/*.xml"))
    out = args.out or Path(tempfile.mkdtemp(prefix="shapes-pdf-"))
    rows = []
    for path in files:
        target = out / path.parent.name
        built = subprocess.run([sys.executable, "-m", "pipeline", "build", "--force", "--to", "pdf",
                                "--out", str(target), str(path)], capture_output=True, text=True, cwd=PROJECT)
        pdf = target / "pdf" / (path.stem + ".pdf")
        ok = built.returncode == 0 and pdf.exists()
        tagged, text = pdf_facts(pdf) if pdf.exists() else (False, "")
        rtl = collections.Counter({w: n for w, n in expected_words(path).items() if RIGHT_TO_LEFT.search(w)})
        rows.append((path, ok, tagged, sum(rtl.values()), coverage(rtl, text) if rtl else None,
                     "" if ok else built.stderr.strip().splitlines()[-1:]))
    print(f"{'file':52} {'built':5} {'tagged':6} {'rtl words':>9} {'in order':>8}")
    for path, ok, tagged, words, share, why in rows:
        name = f"{path.parent.name}/{path.name}"
        print(f"{name[:52]:52} {'yes' if ok else 'NO':5} {'yes' if tagged else 'NO':6} {words:9} "
              f"{'' if share is None else f'{share:.2%}':>8} {' '.join(why)}")
    shares = [r[4] for r in rows if r[4] is not None]
    failed = [r for r in rows if not r[1] or not r[2] or (r[4] is not None and r[4] < 0.99)]
    order = (f"right-to-left words in logical order: lowest {min(shares):.2%} in {len(shares)} files"
             if shares else "no right-to-left text")
    print(f"\n{len(rows)} files, {sum(r[1] for r in rows)} built, {sum(r[2] for r in rows)} tagged; {order}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
