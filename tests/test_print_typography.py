"""The print edition's typography: justified text hyphenated by FOP in the document's language
(English, German) with patterns made from pyphen's LibreOffice dictionaries, and no soft hyphen
in the PDF's text; a language without patterns still prints. The dictionaries' syntax (charset
line, keywords, NEXTLEVEL, non-standard patterns) is read as FOP's pattern format needs it.
In the FO: note markers that do not spread the lines, signatures flush right, running heads
from the short title or cut at a word, never with an ellipsis. The PDF's metadata (pdfinfo): a
volume titled by its parameter or the source its documents share, authored by their editors; a
figure tagged as a Figure with its description as alternative text."""

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


FO = {"fo": "http://www.w3.org/1999/XSL/Format"}
LONG_TITLE = ("Memorandum of a Conversation Concerning the Administrative Arrangements for the "
              "Implementation of the Agreements Between Governments")
LETTER_END = """<p>Words before a note<note place="foot" n="1">A footnote.</note> and after it.</p>
  <closer><salute>Sincerely yours,</salute><signed>Representative Signatory</signed></closer>"""


def source(folder, name: str, language: str, body: str = "", titles: str = "",
           book: str = "<p>x</p>") -> Document:
    """A document of long words in a language; `titles` the titleStmt's titles, authors and
    editors, `book` its sourceDesc."""
    words = WORDS[language]
    titles = titles or f"<title>Typography {name}</title><author>Some Author</author>"
    text = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="{language}"><teiHeader><fileDesc>
  <titleStmt>{titles}</titleStmt>
  <publicationStmt><p>x</p></publicationStmt><sourceDesc>{book}</sourceDesc>
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


def test_headings_are_not_hyphenated(folder):
    fo = etree.fromstring(pdf.make_fo([source(folder, "headings", "en")], {"index": False}).encode())
    headings = fo.xpath("//*[starts-with(@role, 'H')]")
    # FOP's default is false: a heading outside the documents' text has no hyphenate around it.
    assert headings and {(h.xpath("ancestor-or-self::*[@hyphenate][1]/@hyphenate") or ["false"])[0]
                         for h in headings} == {"false"}
    paragraph = fo.xpath("//*[local-name() = 'block'][contains(., 'notwithstanding')]")[-1]
    assert paragraph.xpath("ancestor-or-self::*[@hyphenate][1]/@hyphenate") == ["true"]


@needs_pdf
def test_a_language_without_patterns_prints_unhyphenated_and_reports_nothing(folder):
    book = pdf.print_book([source(folder, "hyphens-haw", "haw")], {"index": False})
    assert book.problems == []
    text = pdf_text(folder, "hyphens-haw", book)
    assert not re.search(r"\w-\n", text)
    assert "notwithstanding" in text


def fo_of(*documents: Document) -> etree._Element:
    return etree.fromstring(pdf.make_fo(list(documents), {"index": False}).encode())


def inherited(element, name: str) -> str | None:
    """The value of an inherited FO property on an element: its own, else its nearest ancestor's."""
    values = element.xpath(f"ancestor-or-self::*[@{name}][1]/@{name}")
    return values[0] if values else None


def test_note_markers_do_not_spread_the_lines(folder):
    fo = fo_of(source(folder, "notes", "en", LETTER_END))
    markers = fo.xpath("//fo:footnote/fo:inline[@baseline-shift]", namespaces=FO)
    assert markers
    assert {inherited(m, "line-height-shift-adjustment") for m in markers} == {"disregard-shifts"}


def test_closing_and_signature_flush_right(folder):
    fo = fo_of(source(folder, "closer", "en", LETTER_END))
    for text in ("Sincerely yours,", "Representative Signatory"):
        block = fo.xpath(f"//fo:block[normalize-space() = '{text}']", namespaces=FO)[0]
        assert (inherited(block, "text-align"), inherited(block, "text-align-last")) == ("end", "end"), text


def test_running_heads_take_the_short_title_or_whole_words_without_ellipsis(folder):
    short = source(folder, "short", "en", titles=f"<title>{LONG_TITLE}</title><title type='short'>Memorandum A</title>")
    long = source(folder, "long", "en", titles=f"<title>{LONG_TITLE}</title>")
    fo = fo_of(short, long)
    heads = ["".join(m.itertext()) for m in fo.xpath("//fo:marker[@marker-class-name = 'section']", namespaces=FO)]
    assert "Memorandum A" in heads
    cut = [h for h in heads if h.startswith("Memorandum of a")]
    assert cut and all(LONG_TITLE.startswith(h) and LONG_TITLE[len(h)] == " " for h in cut), cut
    verso = fo.xpath("//fo:static-content[@flow-name = 'head-verso']/fo:block/text()", namespaces=FO)
    assert not any("…" in h or "..." in h for h in heads + verso)


def pdf_info(folder, name: str, book: pdf.Book, *options: str) -> str:
    path = folder / f"{name}.pdf"
    path.write_bytes(book.pdf)
    return subprocess.run(["pdfinfo", *options, str(path)], capture_output=True, text=True, check=True).stdout


SHARED_BOOK = "<biblStruct><monogr><title>Shared Source Volume</title><imprint><date>1958</date></imprint></monogr></biblStruct>"


def with_editor(name: str, editor: str) -> str:
    return f"<title>Memorandum {name}</title><author>Some Author {name}</author><editor>{editor}</editor><editor/>"


@needs_pdf
def test_a_volume_is_titled_by_its_source_or_parameter_and_authored_by_its_editors(folder):
    documents = [source(folder, "ma", "en", titles=with_editor("ma", "Jane Editor"), book=SHARED_BOOK),
                 source(folder, "mb", "de", titles=with_editor("mb", "John Editor"), book=SHARED_BOOK)]
    info = pdf_info(folder, "volume", pdf.print_book(documents, {"index": False}))
    assert re.search(r"^Title:\s+Shared Source Volume$", info, re.M), info
    assert re.search(r"^Author:\s+Jane Editor; John Editor$", info, re.M), info
    named = pdf_info(folder, "named", pdf.print_book(documents, {"index": False, "volume-title": "Letters, 1958"}))
    assert re.search(r"^Title:\s+Letters, 1958$", named, re.M), named
    # Documents from different sources, without editors: a general title, their authors.
    mixed = [source(folder, "mc", "en"), source(folder, "md", "en", titles="<title>Other</title><author>B. Author</author>")]
    info = pdf_info(folder, "mixed", pdf.print_book(mixed, {"index": False}))
    assert re.search(r"^Title:\s+Collected Sources$", info, re.M), info
    assert re.search(r"^Author:\s+Some Author; B. Author$", info, re.M), info


@needs_pdf
def test_a_document_is_titled_and_authored_by_its_header(folder):
    doc = source(folder, "single", "en", titles="<title>A Single Letter</title><author>A. One</author><author>B. Two</author>")
    info = pdf_info(folder, "single", pdf.print_book([doc], {"index": False}))
    assert re.search(r"^Title:\s+A Single Letter$", info, re.M), info
    assert re.search(r"^Author:\s+A. One; B. Two$", info, re.M), info


@needs_pdf
def test_a_figure_is_tagged_with_its_description_as_alternative_text(folder):
    figures = """<figure><head>Map of Petrograd</head><figDesc>A street map of central Petrograd, 1918</figDesc>
      <graphic url="map.png"/></figure><figure><graphic url="plain.png"/></figure>"""
    book = pdf.print_book([source(folder, "figure", "en", figures)], {"index": False})
    assert book.problems == []
    structure = pdf_info(folder, "figure", book, "-struct-text")
    assert structure.count("Figure:") == 2, structure
    assert b"/Alt (A street map of central Petrograd, 1918)" in book.pdf
    assert b"/Alt (A figure of the source, not reproduced)" in book.pdf
    assert "[Map of Petrograd]" in pdf_text(folder, "figure", book)
