"""SLOW (about half a minute): a real FRUS volume printed whole, both FOP passes.

The smaller corpus volume (frus1894Nicaragua.xml, some 230 pages) goes through the print
pipeline as a user's would: FOP must report no error and no warning, every page break of the
original must be printed, and the index of names must give pages. The larger volume is printed
by bench/bench_print.py, which also times it.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from lxml import etree

from conftest import CORPUS, need
from pipeline.document import Document
from pipeline.formats import pdf


@pytest.mark.skipif(not shutil.which("fop") or not shutil.which("pdftotext"),
                    reason="Apache FOP and poppler-utils are not installed: run ./setup.sh")
def test_corpus_volume_prints_whole_without_fop_problems(tmp_path):
    source = need(CORPUS / "frus1894Nicaragua.xml")
    book = pdf.print_book([Document.load(source)], {})
    assert book.problems == [], "\n".join(book.problems[:20])
    assert book.pages > 200
    path = tmp_path / "nicaragua.pdf"
    path.write_bytes(book.pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    numbers = [n.strip("[]") for n in etree.parse(str(source)).xpath(
        "//t:text//t:pb/@n", namespaces={"t": "http://www.tei-c.org/ns/1.0"}) if n.strip("[]")]
    printed = re.findall(r"\[([0-9IVXLC]+)\]", text)
    assert [n for n in printed if n in numbers] == numbers
    index = text[text.rindex("Index of Names"):]
    entries = re.findall(r"^([^\W\d][^\d\n]+) (\d+n?(?:–\d+)?(?:, \d+n?(?:–\d+)?)*),?$", index, re.M)
    # 40 persons, each heading one entry ("de Soto" and "De Soto" one)
    assert len(entries) >= 40 and len({name for name, _ in entries}) == len(entries)
    assert "Gresham" in {re.sub(r" \(unidentified\)$", "", name) for name, _ in entries}
