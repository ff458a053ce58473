"""The print edition's typography: justified text hyphenated by FOP in the document's language
(English, German) with patterns made from pyphen's LibreOffice dictionaries, and no soft hyphen
in the PDF's text; a language without patterns still prints. The dictionaries' syntax (charset
line, keywords, NEXTLEVEL, non-standard patterns) is read as FOP's pattern format needs it."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from lxml import etree

from pipeline.document import Document
from pipeline.formats import hyphenation, pdf

needs_pdf = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdfinfo"),
                               reason="poppler-utils is not installed: run ./setup.sh")
WORDS = {
    "en": "The representatives acknowledged that notwithstanding considerable international "
          "disagreement the administration recommended extraordinary responsibilities",
    "de": "Die Bundesregierung beabsichtigt Verhandlungen über Sicherheitsvereinbarungen "
          "und Zusammenarbeit mit den Vertragsstaaten hinsichtlich wirtschaftlicher Entwicklung",
    # Hawaiian: no dictionary in pyphen.
    "haw": "The representatives acknowledged that notwithstanding considerable international "
           "disagreement the administration recommended extraordinary responsibilities",
}


def source(folder, name: str, language: str, body: str = "") -> Document:
    words = WORDS[language]
    text = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{language}"><teiHeader><fileDesc>
  <titleStmt><title>Typography {name}</title><author>Some Author</author></titleStmt>
  <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc>
</fileDesc></teiHeader><text><body><div><head>Heading</head>
  <p>{" ".join([words] * 8)}</p>{body}
</div></body></text></TEI>"""
    path = folder / f"{name}.xml"
    path.write_text(text, encoding="utf-8")
    return Document.load(path)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("typography")


def pdf_text(folder, name: str, book: pdf.Book) -> str:
    path = folder / f"{name}.pdf"
    path.write_bytes(book.pdf)
    # -layout: the lines as printed (without it pdftotext joins a paragraph's lines and takes
    # out the hyphens at their ends).
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_libreoffice_dictionary_is_read_as_fop_patterns():
    dic = ("ISO8859-1\n% a comment\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nNOHYPHEN -,'\n1-1\n"
           "NEXTLEVEL\n# another\n.ab1c\nä1b\nc1k/k=,1,2\n2b1a3.\n").encode("latin-1")
    read = hyphenation.read_dic(dic)
    assert read.patterns == (".ab1c", "ä1b", "2b1a3.")
    assert read.settings == {"LEFTHYPHENMIN": "2", "RIGHTHYPHENMIN": "3", "NOHYPHEN": "-,'"}
    xml = etree.fromstring(hyphenation.fop_xml(read))
    assert xml.tag == "hyphenation-info" and xml.findtext("patterns").split() == list(read.patterns)
    with pytest.raises(ValueError, match="charset line"):
        hyphenation.read_dic(b"NO-SUCH-CHARSET\n.a1b\n")


def test_patterns_for_the_languages_pyphen_has_only():
    english = etree.fromstring(hyphenation.patterns_for("en_US")).findtext("patterns").split()
    assert len(english) > 4000 and "/" not in "".join(english)
    # German: the syllables' level only (after NEXTLEVEL), not the compounds' list before it.
    german = etree.fromstring(hyphenation.patterns_for("de_DE")).findtext("patterns").split()
    assert 5000 < len(german) < 20000 and "da1her1ab1" not in german
    assert hyphenation.patterns_for("haw") is None


@needs_pdf
@pytest.mark.parametrize("language", ["en", "de"])
def test_justified_text_is_hyphenated_in_its_language_without_soft_hyphens(folder, language):
    book = pdf.print_book([source(folder, "hyphens-" + language, language)], {"index": False})
    assert book.problems == []
    text = pdf_text(folder, "hyphens-" + language, book)
    broken = re.findall(r"(\w+)-\n\s*(\w+)", text)
    assert len(broken) >= 3, text
    assert "\u00ad" not in text
    # Each word broken at a line's end is one of the source's, whole again when joined.
    words = set(re.findall(r"\w+", WORDS[language]))
    assert all(head + tail in words for head, tail in broken), broken


@needs_pdf
def test_a_language_without_patterns_prints_unhyphenated_and_reports_nothing(folder):
    book = pdf.print_book([source(folder, "hyphens-haw", "haw")], {"index": False})
    assert book.problems == []
    text = pdf_text(folder, "hyphens-haw", book)
    assert not re.search(r"\w-\n", text)
    assert "notwithstanding" in text

