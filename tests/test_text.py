"""Plain text (`txt`): the source's words in order, and each parameter doing what it says."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pytest
from click.testing import CliRunner
import lxml.html
from lxml import etree

from conftest import CORPUS, SHARED, TEI, need
from pipeline.cli import main
from pipeline.document import Document
from pipeline.formats import FORMATS, pdf

TXT = FORMATS["txt"]
#: The text as the source has it: its own spelling, nothing the editor added.
AS_THE_SOURCE = {"notes": "none", "header": "none", "page-breaks": False, "sic-corr": "sic",
                 "orig-reg": "orig", "abbr-expan": "abbr", "supplied": "omit"}
WITHHELD = re.compile(r"\[[^\]]*not declassified\]")


def render(path, **params) -> str:
    return TXT.render(Document.load(path), params).decode("utf-8")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def assert_same_words(expected: list[str], actual: list[str], what: str) -> None:
    if expected != actual:
        diff = "\n".join(difflib.unified_diff(expected, actual, "source", "teipipe", n=4, lineterm=""))
        pytest.fail(f"{what}: words differ (- source, + our text):\n{diff[:6000]}")


def strip_markers(text: str) -> str:
    """Remove the footnote numbers the scrape glued to words ("Dulles0", "March 231"): they
    count up from 0 or 1 in reading order, so each is the first such number after the last."""
    n = 0 if re.search(r"(?<=\S)0(?=\s|$)", text) else 1
    at = 0
    while match := re.compile(rf"(?<=\S){n}(?=\s|$)").search(text, at):
        text = text[:match.start()] + text[match.end():]
        at, n = match.start(), n + 1
    return text


def frus_d11_scrape(text: str) -> str:
    text = re.split(r"^\s+1\. ", text, maxsplit=1, flags=re.M)[0]  # the list of footnotes
    text = re.sub(r"\[Page \d+\]", " ", text)
    return strip_markers(text)


def ikeda_scrape(text: str) -> str:
    # The journal page around the abstract: keep from the "Abstract" heading to the credits.
    return text[text.index("\nAbstract\n"):text.index("Content from these authors")]


SOURCES = [
    ("frus1958-60v18-d11.xml", "frus1958-60v18-d11.txt", frus_d11_scrape),
    ("ikeda-2002-hatoyama.xml", "ikeda-2002-hatoyama-abstract.txt", ikeda_scrape),
]


@pytest.mark.parametrize("tei, scrape, clean", SOURCES, ids=[s[0] for s in SOURCES])
def test_text_read_as_the_source_reproduces_its_words_in_order(tei, scrape, clean):
    source = clean(need(SHARED / "sources" / scrape).read_text(encoding="utf-8"))
    ours = render(TEI / tei, **AS_THE_SOURCE)
    assert_same_words(words(WITHHELD.sub(" ", source)), words(WITHHELD.sub(" ", ours)), tei)


def test_default_text_has_preamble_endnotes_pages_and_corrections():
    text = render(TEI / "frus1958-60v18-d11.xml")
    lines = text.split("\n")
    assert lines[0].startswith("Letter From the Ambassador to Japan")
    assert lines[1].startswith("Source: ") and lines[2] == "Date: April 18, 1958"
    assert "the issue of [p. 23] treaty revision" in text
    assert "convinced that a new mutual security treaty" in text and "anew" not in text
    assert "\n[Tokyo, April 18, 1958]\nDear Mr. Secretary:\n\nWalter Robertson" in text
    notes = text[text.index("\nNotes\n"):]
    assert "\n[*] Source: Department of State" in notes
    assert "\n[2] Dulles attended the NATO Ministerial Council Meeting" in notes
    assert "memorandum of March 23[1] in which" in text and "[^" not in text
    assert "\n\n11. Letter From the Ambassador to Japan" in text
    assert text == unicodedata.normalize("NFC", text) and text.endswith("\n")
    assert "\n\n\n" not in text and not re.search(r" $", text, re.M)


SAMPLE = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:example">
  <teiHeader><fileDesc><titleStmt><title>Sample letter</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt>
    <sourceDesc><bibl>A box in an archive</bibl></sourceDesc></fileDesc>
    <profileDesc><creation><date when="1901-02-03">3 February 1901</date></creation></profileDesc>
  </teiHeader>
  <text><body>
    <head>A heading</head>
    <opener><dateline>Paris, <supplied>3 February</supplied></dateline><salute>Dear friend,</salute></opener>
    <p>The <choice><sic>teh</sic><corr>the</corr></choice> colour is <choice><orig>grey</orig><reg>gray</reg></choice>
      in <choice><abbr>Fr.</abbr><expan>France</expan></choice>.<note place="foot" n="1">A note.</note>
      Caf\u0065\u0301 au lait<lb/>on a new line, across <pb n="7"/>the page.</p>
    <pb n="8"/>
    <x:box><p>First boxed.</p><p>Second <x:mark>marked</x:mark> boxed.</p></x:box>
    <p>One two three four five six seven eight nine ten eleven twelve thirteen fourteen.</p>
    <closer><salute>Yours,</salute><signed>A. Writer</signed></closer>
  </body></text>
</TEI>"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("text") / "sample.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_blocks_are_paragraphs_and_letter_parts_are_lines(sample):
    text = render(sample, header="none", notes="none")
    assert text.startswith("A heading\n\nParis, [3 February]\nDear friend,\n\nThe the colour")
    assert "Café au lait\non a new line, across [p. 7] the page.\n\n[p. 8]\n\nFirst boxed.\n\nSecond marked boxed." in text
    assert text.endswith("fourteen.\n\nYours,\nA. Writer\n")


@pytest.mark.parametrize("params, present, absent", [
    ({"notes": "endnotes"}, ["in France.[1] Café", "\n\nNotes\n\n[1] A note.\n"], ["[Note", "[^"]),
    ({"notes": "inline"}, ["in France. [Note 1: A note.] Café"], ["[1]", "Notes"]),
    ({"notes": "none"}, ["in France. Café"], ["A note", "[1]"]),
    ({"sic-corr": "sic", "orig-reg": "orig", "abbr-expan": "abbr"}, ["The teh colour is grey in Fr.."], ["France"]),
    ({}, ["The the colour is gray in France."], ["teh", "grey", "Fr."]),
    ({"supplied": "plain"}, ["Paris, 3 February\n"], ["[3 February]"]),
    ({"supplied": "omit"}, ["Paris,\n"], ["3 February\n"]),
    ({"header": "preamble"}, ["Sample letter\nSource: A box in an archive\nDate: 3 February 1901\n\nA heading"], []),
    ({"header": "none"}, [], ["Sample letter", "Source:"]),
    ({"page-breaks": False}, ["across the page.\n\nFirst boxed."], ["[p. 7]", "[p. 8]"]),
], ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_parameters(sample, params, present, absent):
    text = render(sample, **params)
    for expected in present:
        assert expected in text, f"{expected!r} missing from:\n{text}"
    for unexpected in absent:
        assert unexpected not in text, f"{unexpected!r} present in:\n{text}"


@pytest.mark.parametrize("width", [20, 33])
def test_wrap_keeps_words_and_width(sample, width):
    flat = render(sample)
    wrapped = render(sample, wrap=width)
    assert max(map(len, wrapped.split("\n"))) <= width
    assert wrapped.split() == flat.split()
    assert "\n\n" in wrapped  # paragraphs still apart


def test_unicode_is_nfc(sample):
    assert "Caf\u00e9" in render(sample) and "e\u0301" not in render(sample)


ABBREVIATIONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title>
  </titleStmt><publicationStmt><p>test</p></publicationStmt><sourceDesc><p>made up</p></sourceDesc></fileDesc>
  </teiHeader><text><body><p>Dear <abbr>D<am>r</am></abbr> Smith, <choice><abbr>D<am>r</am></abbr><expan>D<ex>okto</ex>r</expan></choice>
  and the <expan><abbr>co<am>s</am></abbr><ex>nsul</ex></expan>.</p></body></text></TEI>"""


@pytest.mark.parametrize("forms, expected", [
    ("expan", "Dear Dr Smith, Doktor and the consul."),
    ("abbr", "Dear Dr Smith, Dr and the cos."),
])
def test_an_abbreviation_as_written_keeps_its_marker_as_in_html_and_print(tmp_path, forms, expected):
    """An am is part of the abbreviation as written: where the abbr is read it is printed
    ("Dr"), in an expansion read expanded it gives way to the editor's ex; alike in every format."""
    path = tmp_path / "abbr.xml"
    path.write_text(ABBREVIATIONS, encoding="utf-8")
    doc = Document.load(path)
    assert expected in render(path, header="none", **{"abbr-expan": forms})
    if forms == "expan":
        page = lxml.html.fromstring(FORMATS["html"].render(doc, {}))
        assert expected in " ".join(page.cssselect("main")[0].text_content().split())
    fo = pdf.make_fo([doc], {"reading": "corr" if forms == "expan" else "sic"})
    assert expected in " ".join("".join(etree.fromstring(fo.encode("utf-8")).itertext()).split())


def test_a_gap_is_described_as_in_html_and_print(tmp_path):
    """The text format words a gap as the other formats do (tp:gap-description): its unit in
    the number the quantity asks for, and what the editor left out said so."""
    path = tmp_path / "gaps.xml"
    path.write_text(ABBREVIATIONS.replace("<p>Dear", "<p>A <gap quantity='3' unit='char' reason='lost'/>"
                                          " b <gap quantity='1' unit='lines'/> c <gap/>. Dear"), encoding="utf-8")
    expected = "A [3 characters lost] b [1 line omitted] c [text omitted]."
    assert expected in render(path, header="none")
    page = lxml.html.fromstring(FORMATS["html"].render(Document.load(path), {}))
    assert expected in " ".join(page.cssselect("main")[0].text_content().split())


NS = {"t": "http://www.tei-c.org/ns/1.0"}
HEAD = "{http://www.tei-c.org/ns/1.0}head"


VOLUME = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A volume</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>made up</p></sourceDesc></fileDesc>
  </teiHeader>
  <text><body><div type="chapter"><head>Chapter One</head>
    <div type="document" n="1"><head>Letter From A to B<note type="source" place="foot">Source: box 1.</note></head>
      <p>First letter.<note place="foot" n="1">First note.</note> The <app><lem wit="#A">colour</lem><rdg wit="#B">color</rdg></app> red.</p>
    </div>
    <pb n="9"/>
    <div type="document" n="2"><head>Letter From B to A</head>
      <p>Second letter.<note place="foot" n="2">Second note.</note></p>
    </div>
  </div></body></text>
</TEI>"""
SEPARATOR = "\n\n* * *\n\n"


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    path = tmp_path_factory.mktemp("text") / "volume.xml"
    path.write_text(VOLUME, encoding="utf-8")
    return path


@pytest.mark.parametrize("notes", ["endnotes", "inline", "none"])
def test_volume_documents_are_numbered_and_set_apart(volume, notes):
    first, second = render(volume, header="none", notes=notes).split(SEPARATOR)
    assert first.startswith("Chapter One\n\n1. Letter From A to B")
    assert second.startswith("[p. 9]\n\n2. Letter From B to A")  # the page the document begins on
    assert second.endswith("\n") and "* * *" not in second


def test_volume_notes_and_readings_are_marked_in_brackets(volume):
    first, second = render(volume, header="none").split(SEPARATOR)
    assert "1. Letter From A to B[*]\n\nFirst letter.[1] The colour[a] red.\n\n" in first
    assert first.endswith("\n\nNotes\n\n[*] Source: box 1.\n[1] First note.\n\nApparatus\n\n[a] colour A] color B")
    assert second.endswith("Second letter.[2]\n\nNotes\n\n[2] Second note.\n")
    assert "[^" not in first + second


def begins_heading(line: str, head_words: list[str]) -> bool:
    """Whether a line's first words are a heading's (a heading of more lines, lb, has fewer)."""
    line_words = words(line)[:len(head_words)]
    return bool(line_words) and head_words[:len(line_words)] == line_words


@pytest.mark.parametrize("name", ["frus1894Nicaragua.xml", "frus1918Russiav03.xml"])
def test_corpus_document_headings_begin_with_their_number(name):
    path = need(CORPUS / name)
    lines = render(path, header="none").split("\n")
    documents = etree.parse(str(path)).getroot().iterfind(".//{http://www.tei-c.org/ns/1.0}div[@type='document']")
    at = 0
    for document in documents:
        head = document.find(HEAD)
        prefix = f"{document.get('n')}. "
        head_words = words(" ".join(head.xpath(".//text()[not(ancestor::t:note)]", namespaces=NS)))[:3]
        at = next((i for i in range(at, len(lines)) if lines[i].startswith(prefix)
                   and begins_heading(lines[i][len(prefix):], head_words)), None)
        assert at is not None, f"{name}: no line {prefix}{' '.join(head_words)}… in order"
    followed = etree.parse(str(path)).xpath("//t:div[@type='document'][following-sibling::t:div[1][@type='document']]",
                                            namespaces=NS)
    assert lines.count("* * *") == len(followed)


def _volume_letters(path) -> str:
    """The letters and digits of a volume's text straight from lxml: all text but the notes'."""
    root = etree.parse(str(path)).getroot()
    out = []

    def walk(el):
        if el.tag == "{http://www.tei-c.org/ns/1.0}note":
            return
        if el.tag == HEAD and el.getparent().get("type") == "document" and el.getparent().find(HEAD) is el:
            out.append(el.getparent().get("n", ""))  # the number our text puts before its heading
        out.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            out.append(child.tail or "")

    walk(root.find("{http://www.tei-c.org/ns/1.0}text"))
    return re.sub(r"\W+", "", "".join(out))


@pytest.mark.parametrize("volume", ["frus1894Nicaragua.xml", "frus1918Russiav03.xml"])
def test_corpus_volume_keeps_every_letter_in_order(volume):
    path = need(CORPUS / volume)
    # gap renders as "[6 words omitted]", which is not in the source
    ours = re.sub(r"\W+", "", re.sub(r"\[\d+ \w+ omitted\]", " ", render(path, **AS_THE_SOURCE)))
    source = _volume_letters(path)
    if ours != source:
        at = next(i for i, (a, b) in enumerate(zip(ours + "$", source + "$")) if a != b)
        pytest.fail(f"{volume}: first difference at letter {at}:\n"
                    f"source: …{source[at - 80:at + 80]}\nours:   …{ours[at - 80:at + 80]}")
    assert len(render(path, notes="endnotes").split("\nNotes\n")) > 10


def build(*args):
    return CliRunner().invoke(main, ["build", "--to", "txt", *map(str, args)])


def test_build_takes_checked_parameters(tmp_path):
    letter = TEI / "frus1958-60v18-d11.xml"
    result = build(letter, "--out", tmp_path, "--param", "notes=inline", "--param", "wrap=60",
                   "--param", "page-breaks=no")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "txt" / "frus1958-60v18-d11.txt").read_text(encoding="utf-8")
    assert max(map(len, text.split("\n"))) <= 60
    text = " ".join(text.split())
    assert "meeting. [Note 2: Dulles attended the NATO" in text and "[p. 23]" not in text


@pytest.mark.parametrize("setting, message", [
    ("notes=footnotes", "notes=footnotes: choose from endnotes, inline, none"),
    ("wrap=wide", "wrap=wide: expected a whole number"),
    ("page-breaks=maybe", "page-breaks=maybe: expected true or false"),
    ("colour=red", "unknown parameter colour; choose from: abbr-expan, header, notes"),
    ("notes", "notes: expected name=value"),
])
def test_build_refuses_a_parameter_it_does_not_declare(tmp_path, setting, message):
    result = build(TEI, "--out", tmp_path, "--param", setting)
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "txt").exists()


def test_build_help_lists_the_parameters():
    output = CliRunner().invoke(main, ["build", "--help"], terminal_width=200).output
    for param in TXT.params:
        assert param.syntax in output and param.description in output
