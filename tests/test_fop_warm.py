"""The warm FOP (pipeline/fop.py) and what the print edition asks of it.

Checked: a build of several documents and their volume runs no `fop` program (one JVM in the
process serves every pass); a worker pool started after the JVM spawns its workers; every PDF
is tagged, its structure holding headings, paragraphs, notes and the index; the Ethiopic,
Hebrew and Arabic sample sources print without a '#' in place of a missing glyph, Hebrew and
Arabic in logical order; a word mixing Ethiopic and Latin prints (a font for each script);
complex scripts are on only for text that needs them; a character that no font has fails the
document's PDF with FOP's message; a FOP
run longer than its time limit is stopped, the build naming the document, and FOP goes on. A
book and its index of names are laid out in one FOP run, byte for byte the PDF of two runs (the
first to learn the pages): the pages FOP gives for the index are those of the intermediate
format, and a rest of the FO that cannot be made fails the run with its own error.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time

import pytest
from lxml import etree

from conftest import CORPUS, PROJECT, TEI, need
from pipeline import processes as parallel
from pipeline.formats import fop, pdf
from pipeline.document import Document
from pipeline.saxon import TransformError

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdfinfo"),
                                reason="poppler-utils is not installed: run ./setup.sh")

LETTER = TEI / "frus1958-60v18-d11.xml"
ABSTRACT = TEI / "ikeda-2002-hatoyama.xml"
SHAPES = CORPUS / "shapes"
FO = {"fo": "http://www.w3.org/1999/XSL/Format"}


def build(tmp_path, *sources, code=0):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", *map(str, sources), "--to", "pdf", "--force",
                           "--jobs", "1", "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == code, done.stdout + done.stderr
    return out / "pdf", done.stdout + done.stderr


def test_a_build_runs_no_fop_program_and_one_jvm_serves_every_pass(monkeypatch):
    started = []
    real = subprocess.Popen

    def recording(args, *rest, **options):
        started.append(args)
        return real(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", recording)
    books = [pdf.print_book([Document.load(p)], {}) for p in (LETTER, ABSTRACT)]
    pdf.print_book([Document.load(p) for p in (LETTER, ABSTRACT)], {})
    assert all(b.pdf.startswith(b"%PDF") and b.pages > 1 for b in books)
    assert not [a for a in started if "fop" in str(a) or "java" in str(a)]
    assert fop._start() is fop._start()


def test_workers_are_spawned_once_a_jvm_runs_in_this_process():
    fop._start()
    assert parallel._context().get_start_method() == "spawn"


def test_every_pdf_is_tagged_with_headings_paragraphs_notes_and_the_index(tmp_path):
    folder, _ = build(tmp_path, LETTER, ABSTRACT)
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 3  # two documents and their volume
    for path in pdfs:
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M), path.name
    structure = subprocess.run(["pdfinfo", "-struct-text", str(folder / "frus1958-60v18-d11.pdf")],
                               capture_output=True, text=True, check=True).stdout
    kinds = set(re.findall(r"^\s*([A-Z][A-Za-z0-9]*) \(", structure, re.M))
    assert {"H1", "H2", "P", "Note", "Link"} <= kinds, kinds
    assert re.search(r'H1 \(block\)\n\s+"Index of Names"', structure)


@pytest.mark.parametrize("source", ["betamasaheft/BMLacq821.xml", "betamasaheft/LIT3122Galaw.xml", "rtl/Vat114.xml",
                                    "rtl/oclc_1034545644-i_3.TEIP5.xml"])
def test_sources_in_other_scripts_print_every_character(tmp_path, source):
    path = need(SHAPES / source)
    folder, _ = build(tmp_path, path)
    text = subprocess.run(["pdftotext", str(folder / (path.stem + ".pdf")), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "#" not in text
    if source.startswith("betamasaheft"):
        assert re.search("[\u1200-\u137f]{3}", text)
    if "oclc" in source:
        # Logical order, letters as the source has them (pdftotext gives the text as stored).
        assert "مجلة" in text and "الزهور" in text
    if "Vat114" in source:
        assert "אילו מצאיות" in text


def test_no_line_of_a_critical_editions_book_overflows_its_column():
    # Its apparatus labels are letters ("am", "bw"): their column was measured for digits.
    book = pdf.print_book([Document.load(need(SHAPES / "betamasaheft/LIT3122Galaw.xml"))], {})
    assert not [p for p in book.problems if "exceed the available area" in p], book.problems


def parent_of(text):
    return text.getparent().getparent() if text.is_tail else text.getparent()


def test_every_character_of_another_script_is_in_a_run_set_in_its_font():
    # The index of names is made from the parts' summaries, which hold the names in attributes:
    # its Ethiopic names were left out of the runs, set by a list that begins with Charis.
    source = need(SHAPES / "betamasaheft/LIT3122Galaw.xml")
    root = etree.fromstring(pdf.make_fo([Document.load(source)], {}).encode("utf-8"))
    ethiopic = re.compile("[\u1200-\u139f]")
    loose = [text for text in root.xpath("//text()[not(ancestor::fo:bookmark-tree or ancestor::fo:declarations)]",
                                          namespaces=FO)
             if ethiopic.search(text) and not parent_of(text).get("font-family", "").startswith("Noto Serif Ethiopic")]
    assert root.xpath("//fo:block[@id = 'f-index']", namespaces=FO)
    assert not loose, loose[:5]


def with_first_paragraph(tmp_path, name, paragraph):
    """The abstract with a paragraph of ours before the first of its text."""
    source = tmp_path / name
    header, body = ABSTRACT.read_text(encoding="utf-8").split("<body>")
    source.write_text(header + "<body>" + body.replace("<p>", paragraph + "<p>", 1), encoding="utf-8")
    return source


def test_a_word_mixing_scripts_is_set_in_a_font_for_each_script(tmp_path):
    # FOP chooses one font per word: an Ethiopic word with an apparatus number glued to it
    # (as in the Beta maṣāḥǝft editions) needs the Ethiopic font and a Latin one.
    folder, _ = build(tmp_path, with_first_paragraph(tmp_path, "mixed.xml", "<p>ምዕራፍ፡a1 ቤቱ.17e</p>"))
    text = subprocess.run(["pdftotext", str(folder / "mixed.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ምዕራፍ፡a1 ቤቱ.17e" in text  # one line: the Ethiopic on the line's baseline


def test_a_build_in_other_scripts_prints_nothing_but_its_own_report(tmp_path):
    # SaxonC prints the name of every Unicode block it loads when a regular expression names
    # one (\p{IsHebrew}); the stylesheets name characters by ranges instead.
    source = with_first_paragraph(tmp_path, "mixed.xml", '<p xml:lang="he">שלום ምዕራፍ</p>')
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--force", "--to", "fo,html,txt", "--out",
                           str(tmp_path / "out"), str(source)], capture_output=True, text=True, cwd=PROJECT)
    assert not re.search(r"^Loading ", done.stdout + done.stderr, re.M)
    assert "1 built" in done.stdout + done.stderr


@pytest.mark.parametrize("paragraph, complex_scripts", [
    ("<p>Official</p>", False), ("<p>ምዕራፍ Ἀθῆναι Москва</p>", False),
    ("<p>מגלה</p>", True), ("<p>مجلة</p>", True), ("<p>हिन्दी</p>", True)])
def test_complex_scripts_are_on_only_for_text_that_needs_them(tmp_path, paragraph, complex_scripts):
    fo = pdf.make_fo([Document.load(with_first_paragraph(tmp_path, "d.xml", paragraph))], {})
    assert fop.needs_complex_scripts(fo) is complex_scripts
    assert fop._start(True) is not fop._start(False)


def test_a_right_to_left_paragraph_in_a_left_to_right_text_is_set_from_the_right(tmp_path):
    source = with_first_paragraph(tmp_path, "hebrew.xml", '<p xml:lang="he">שלום עולם Tokyo</p>')
    folder, _ = build(tmp_path, source)
    words = subprocess.run(["pdftotext", "-bbox", str(folder / "hebrew.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    place = {w: float(x) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', words)}
    # Read from the right: "שלום" first, at the right margin, "Tokyo" last (each word's letters
    # are stored as shown, so the Hebrew ones read reversed here).
    assert place["םולש"] > place["םלוע"] > place["Tokyo"] > 300
    text = subprocess.run(["pdftotext", str(folder / "hebrew.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "שלום עולם" in text


def test_a_character_no_font_has_fails_the_documents_pdf(tmp_path):
    source = tmp_path / "cjk.xml"
    source.write_text(ABSTRACT.read_text(encoding="utf-8").replace("<p>", "<p>漢字 ", 1), encoding="utf-8")
    folder, output = build(tmp_path, source, code=1)
    assert "cjk.xml" in output and "Glyph" in output and "not available" in output
    assert not (folder / "cjk.pdf").exists()


def test_a_fop_run_longer_than_its_time_limit_is_stopped_and_the_next_runs(monkeypatch):
    small = pdf.make_fo([Document.load(ABSTRACT)], {"index": False})
    paragraph = "<fo:block>" + "Words of a long paragraph that goes on and on. " * 20 + "</fo:block>"
    long = small.replace("</fo:flow>", paragraph * 4000 + "</fo:flow>", 1)
    with pytest.raises(fop.FopError, match=r"stopped after 0.5 s, its time limit"):
        fop.render(long, timeout=0.5)
    assert not [t for t in threading.enumerate() if t.name == "teipipe-fop"]
    assert fop.render(small).pages > 1
    monkeypatch.setenv("TEIPIPE_FOP_TIMEOUT", "soon")
    with pytest.raises(fop.FopError, match="TEIPIPE_FOP_TIMEOUT=soon: expected a number of seconds"):
        fop.render(small)


def test_a_build_names_the_document_whose_fop_run_passed_the_time_limit(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", str(ABSTRACT), "--to", "pdf", "--out", str(out)],
                          capture_output=True, text=True, env=dict(os.environ, TEIPIPE_FOP_TIMEOUT="0.01"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"ikeda-2002-hatoyama\.xml: failed: pdf: FOP stopped after 0.01 s, its time limit",
                     done.stdout + done.stderr), done.stdout + done.stderr
    assert not (out / "pdf" / "ikeda-2002-hatoyama.pdf").exists()


def printed_in_two_runs(documents):
    """The PDF as the print edition made it before: a first FOP run to learn the pages of the
    mentions, a second of the FO with the index filled in."""
    parts = [pdf.part(d, {}) for d in documents]
    first = pdf.run_fop(pdf.assemble_fo(parts, {}), fop.INTERMEDIATE)
    return pdf.run_fop(pdf.assemble_fo(parts, {}, pdf.page_map(first.output)), fop.PDF).output


def undated(pdf_bytes: bytes) -> bytes:
    return re.sub(rb"<xmp:MetadataDate>[^<]*</xmp:MetadataDate>|/ID \[<[0-9A-F]+> <[0-9A-F]+>\]", b"", pdf_bytes)


@pytest.mark.parametrize("sources", [[LETTER], [LETTER, ABSTRACT]])
def test_a_book_and_its_index_are_laid_out_in_one_fop_run_the_same_as_in_two(monkeypatch, sources):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    documents = [Document.load(p) for p in sources]
    runs = []
    render = fop.render
    monkeypatch.setattr(fop, "render", lambda *args, **options: runs.append(args) or render(*args, **options))
    book = pdf.print_book(documents, {})
    assert len(runs) == 1
    # The same bytes: the same pages, text, structure tree, outline, links (the index's into the
    # text), metadata, page labels and embedded fonts; but for the time of the XMP metadata and
    # the file id made from it, which come from the clock unless $SOURCE_DATE_EPOCH was set when
    # the JVM started (tests/test_pdf.py checks that).
    assert undated(book.pdf) == undated(printed_in_two_runs(documents))
    for kind in (b"/StructTreeRoot", b"/Outlines", b"/PageLabels", b"/Subtype /Link", b"/FontFile2"):
        assert kind in book.pdf, kind


def test_the_one_run_index_cites_the_pages_of_mentions_in_notes(tmp_path):
    source = with_first_paragraph(tmp_path, "noted.xml", "<p>Text.<note>Said by <persName>Jane Roe</persName>.</note></p>")
    book = pdf.print_book([Document.load(source)], {})
    (tmp_path / "noted.pdf").write_bytes(book.pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "noted.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"Roe, Jane[^\n]*\b1n\b", text.rsplit("Index of Names", 1)[1])


def test_the_rest_of_an_fo_is_made_from_the_pages_of_the_intermediate_format():
    fo = pdf.make_fo([Document.load(LETTER)], {})
    head, tail = fo[:fo.rindex(pdf._INDEX_START)], fo[fo.rindex(pdf._INDEX_START):]
    whole = pdf.page_map(fop.render(fo, fop.INTERMEDIATE).output)
    given = {}
    rendered = fop.render(head, rest=fop.Rest(list(whole), lambda pages: given.update(pages) or tail))
    # What FOP has laid out when it reads the rest: every id before the index, none of it.
    assert given == {name: page for name, page in whole.items() if name and page[1] < whole["f-index"][1]}
    assert len(given) > 20
    assert rendered.pages == fop.render(fo).pages


def test_a_rest_that_cannot_be_made_fails_the_run_with_its_error_and_the_next_runs():
    fo = pdf.make_fo([Document.load(ABSTRACT)], {})
    head = fo[:fo.rindex(pdf._INDEX_START)]

    def broken(pages):
        raise TransformError("frame.xsl:12:3: no index today")

    with pytest.raises(TransformError, match="no index today"):
        fop.render(head, rest=fop.Rest(["f-contents"], broken))
    assert not [t for t in threading.enumerate() if t.name == "teipipe-fop"]
    assert fop.render(fo).pages > 1


def test_a_run_whose_rest_is_made_too_late_is_stopped_at_its_time_limit_and_the_next_runs():
    fo = pdf.make_fo([Document.load(ABSTRACT)], {})
    head, tail = fo[:fo.rindex(pdf._INDEX_START)], fo[fo.rindex(pdf._INDEX_START):]

    def slow(pages):
        time.sleep(2.5)
        return tail

    with pytest.raises(fop.FopError, match=r"stopped after 2 s, its time limit"):
        fop.render(head, timeout=2, rest=fop.Rest([], slow))
    assert not [t for t in threading.enumerate() if t.name == "teipipe-fop"]
    assert fop.render(fo).pages > 1
