"""The warm FOP (pipeline/fop.py) and what the print edition asks of it.

Checked: a build of several documents and their volume runs no `fop` program (one JVM in the
process serves every pass); a worker pool started after the JVM spawns its workers; every PDF
is tagged, its structure holding headings, paragraphs, notes and the index; the Ethiopic,
Hebrew and Arabic sample sources print without a '#' in place of a missing glyph, Hebrew and
Arabic in logical order; a word mixing Ethiopic and Latin prints (a font for each script);
complex scripts are on only for text that needs them; a character that no font has fails the
document's PDF with FOP's message.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, TEI, need
from pipeline import processes as parallel
from pipeline.formats import fop, pdf
from pipeline.document import Document

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdfinfo"),
                                reason="poppler-utils is not installed: run ./setup.sh")

LETTER = TEI / "frus1958-60v18-d11.xml"
ABSTRACT = TEI / "ikeda-2002-hatoyama.xml"
SHAPES = CORPUS / "shapes"


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


@pytest.mark.parametrize("source", ["betamasaheft/BMLacq821.xml", "rtl/Vat114.xml",
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


def test_a_word_mixing_scripts_is_set_in_a_font_for_each_script(tmp_path):
    # FOP chooses one font per word: an Ethiopic word with an apparatus number glued to it
    # (as in the Beta maṣāḥǝft editions) needs the Ethiopic font and a Latin one.
    source = tmp_path / "mixed.xml"
    source.write_text(ABSTRACT.read_text(encoding="utf-8").replace("<p>", "<p>ምዕራፍ፡a1 ቤቱ.17e ", 1),
                      encoding="utf-8")
    folder, _ = build(tmp_path, source)
    text = subprocess.run(["pdftotext", str(folder / "mixed.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "ምዕራፍ፡a1" in text and "ቤቱ.17e" in text


def test_complex_scripts_are_on_only_for_text_that_needs_them():
    assert fop.needs_complex_scripts("<fo:block>مجلة</fo:block>")
    assert fop.needs_complex_scripts("<fo:block>שלום</fo:block>")
    assert fop.needs_complex_scripts("<fo:block>हिन्दी</fo:block>")
    assert not fop.needs_complex_scripts("<fo:block>Official ምዕራፍ Ἀθῆναι Москва</fo:block>")
    assert fop._start(True) is not fop._start(False)


def test_a_character_no_font_has_fails_the_documents_pdf(tmp_path):
    source = tmp_path / "cjk.xml"
    source.write_text(ABSTRACT.read_text(encoding="utf-8").replace("<p>", "<p>漢字 ", 1), encoding="utf-8")
    folder, output = build(tmp_path, source, code=1)
    assert "cjk.xml" in output and "Glyph" in output and "not available" in output
    assert not (folder / "cjk.pdf").exists()
