"""The `fo` format: XSL-FO of the print edition, checked without running FOP.

Ids unique and every link, citation and bookmark pointing at one; the same bytes on every run;
typed parameters (paper, margins, reading) and a clear error for a bad value; notes whose number
stays with their first paragraph; page breaks of the original; unknown elements rendered.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from conftest import CORPUS, TEI, need
from pipeline.document import Document
from pipeline.formats import pdf
from pipeline.saxon import TransformError

FO = "http://www.w3.org/1999/XSL/Format"
NS = {"fo": FO}
LETTER = TEI / "frus1958-60v18-d11.xml"
ABSTRACT = TEI / "ikeda-2002-hatoyama.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def make_fo(paths, **params) -> str:
    return pdf.make_fo([Document.load(p) for p in paths], params)


def fo_tree(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def flow_text(root) -> str:
    """The text of the book's pages (not the bookmarks), white space collapsed."""
    return " ".join(" ".join("".join(flow.itertext()).split()) for flow in root.iterfind(".//fo:flow", NS))


def check_ids_and_links(root) -> int:
    ids = root.xpath("//@id")
    duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else []
    assert not duplicates, f"ids used twice: {duplicates[:10]}"
    targets = root.xpath("//fo:basic-link/@internal-destination | //fo:page-number-citation/@ref-id"
                         " | //fo:bookmark/@internal-destination", namespaces=NS)
    dangling = sorted(set(targets) - set(ids))
    assert not dangling, f"links to ids that do not exist: {dangling[:10]}"
    return len(targets)


@pytest.mark.parametrize("paths", [[LETTER], [ABSTRACT], [LETTER, ABSTRACT]], ids=["letter", "abstract", "volume"])
def test_ids_unique_links_resolve_and_output_reproducible(paths):
    first = make_fo(paths)
    # Fresh documents get other Saxon document numbers: the ids must not depend on them.
    assert make_fo(paths) == first
    assert check_ids_and_links(fo_tree(first)) > 10


@pytest.mark.parametrize("name", ["frus1894Nicaragua.xml", "frus1918Russiav03.xml"])
def test_corpus_volumes_make_consistent_fo(name):
    root = fo_tree(make_fo([need(CORPUS / name)]))
    assert check_ids_and_links(root) > 500
    source = etree.parse(str(CORPUS / name))
    # Every page break of the original is printed, each once.
    numbers = [n.strip("[]") for n in source.xpath("//t:text//t:pb/@n", namespaces={"t": TEI_NS}) if n.strip("[]")]
    printed = re.findall(r"\[([^\[\]]+)\]", " ".join(
        "".join(i.itertext()) for i in root.iterfind(".//fo:inline[@color]", NS)))
    assert printed == numbers


def test_paper_and_margins_are_parameters():
    root = fo_tree(make_fo([LETTER], paper="Letter", **{"margin-inner": "1in", "margin-outer": "1.25in"}))
    masters = root.findall(".//fo:simple-page-master", NS)
    assert {(m.get("page-width"), m.get("page-height")) for m in masters} == {("8.5in", "11in")}
    recto = root.find(".//fo:simple-page-master[@master-name='recto']", NS)
    verso = root.find(".//fo:simple-page-master[@master-name='verso']", NS)
    assert (recto.get("margin-left"), recto.get("margin-right")) == ("1in", "1.25in")
    assert (verso.get("margin-left"), verso.get("margin-right")) == ("1.25in", "1in")
    a4 = fo_tree(make_fo([LETTER])).find(".//fo:simple-page-master", NS)
    assert (a4.get("page-width"), a4.get("page-height")) == ("210mm", "297mm")


@pytest.mark.parametrize("name, value, message", [
    ("paper", "B5", "paper=B5: choose A4 or Letter"),
    ("margin-top", "wide", "margin-top=wide: expected a length"),
    ("reading", "orig", "reading=orig: choose corr or sic"),
])
def test_bad_parameter_is_refused_with_a_clear_message(name, value, message):
    with pytest.raises(TransformError, match=re.escape(message)):
        make_fo([LETTER], **{name: value})


def test_reading_of_a_choice_is_chosen_by_parameter():
    corrected = flow_text(fo_tree(make_fo([LETTER])))
    as_printed = flow_text(fo_tree(make_fo([LETTER], reading="sic")))
    assert "convinced that a new mutual security treaty" in corrected
    assert "convinced that anew mutual security treaty" in as_printed
    assert "with the United State and toward" in as_printed
    assert "United State and" not in corrected


def test_letter_layout_headings_and_page_breaks():
    root = fo_tree(make_fo([LETTER]))
    text = flow_text(root)
    # The document number before its heading, the editor's dateline in brackets and to the right.
    assert "11. Letter From the Ambassador to Japan (MacArthur) to Secretary of State Dulles" in text
    dateline = root.xpath("//fo:block[@text-align='end'][contains(., 'April 18, 1958')]", namespaces=NS)
    assert dateline and "".join(dateline[0].itertext()).strip() == "[Tokyo, April 18, 1958]"
    # Closing and signature in the right half of the measure.
    signature = root.xpath("//fo:block[@start-indent='50%'][normalize-space() = 'Doug']", namespaces=NS)
    assert len(signature) == 1
    # Every page break of the source, in order, in one style, with the gap in words.
    assert re.findall(r"\[(\d+)\]", text) == [str(n) for n in range(22, 30)]
    assert "[3½ lines of source text not declassified]" in text


def test_footnotes_numbered_as_printed_source_note_first_with_its_own_sign():
    root = fo_tree(make_fo([LETTER]))
    footnotes = root.findall(".//fo:footnote", NS)
    markers = ["".join(f.find("fo:inline", NS).itertext()) for f in footnotes]
    assert markers == ["*"] + [str(n) for n in range(1, 11)]  # the same signs as in HTML and text
    source = footnotes[0].find("fo:footnote-body", NS)
    assert " ".join("".join(source.itertext()).split()).startswith("*Source: Department of State, Central Files")


def test_note_with_paragraphs_keeps_number_and_text_together(tmp_path):
    doc = tmp_path / "notes.xml"
    doc.write_text(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Notes</title></titleStmt>
      <publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <text><body><p>Text<note place="foot" n="4"><p>First paragraph.</p><p>Second paragraph.</p></note>
      and more<note place="foot" n="5"><hi rend="italic">Ibid.</hi>, p. 3.</note>.</p></body></text></TEI>""",
                   encoding="utf-8")
    root = fo_tree(make_fo([doc]))
    for number, first in (("4", "First paragraph."), ("5", "Ibid., p. 3.")):
        item = root.xpath(f"//fo:footnote-body//fo:list-item[fo:list-item-label = '{number}']", namespaces=NS)
        assert len(item) == 1, number
        body_blocks = item[0].xpath("fo:list-item-body/fo:block", namespaces=NS)
        # One body whose first line starts with the note's first words: beside the number.
        assert len(body_blocks) == 1
        assert " ".join("".join(body_blocks[0].itertext()).split()).startswith(first)
    assert "Second paragraph." in "".join(root.itertext())


def test_unknown_elements_render_their_content(tmp_path):
    doc = tmp_path / "unknown.xml"
    doc.write_text(f"""<TEI xmlns="{TEI_NS}" xmlns:x="urn:x"><teiHeader><fileDesc><titleStmt><title>U</title>
      </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <text><body><x:box><x:inner>Boxed words</x:inner></x:box><p>Plain <x:odd>strange words</x:odd> end.</p>
      <weird><p>Inside weird</p></weird></body></text></TEI>""", encoding="utf-8")
    text = flow_text(fo_tree(make_fo([doc])))
    for words in ("Boxed words", "Plain strange words end.", "Inside weird"):
        assert words in text


def test_index_without_pages_cites_every_mention():
    """The `fo` format cannot know pages: each mention is cited for FOP to number."""
    root = fo_tree(make_fo([LETTER]))
    index = root.xpath("//fo:page-sequence[fo:flow/fo:block/@id = 'f-index']", namespaces=NS)[0]
    cited = index.xpath(".//fo:page-number-citation/@ref-id", namespaces=NS)
    source = etree.parse(str(LETTER))
    mentions = source.xpath("//t:text//t:persName[@ref] | //t:text//t:rs[@type='person'][@ref]",
                            namespaces={"t": TEI_NS})
    assert len(cited) == len(set(cited)) == len(mentions)
    entries = [b.xpath("string(text()[1])").strip()
               for b in index.xpath(".//fo:block[fo:page-number-citation]", namespaces=NS)]
    assert entries == sorted(entries, key=str.lower)
    assert "Dulles, John Foster" in entries and "MacArthur, Douglas, II" in entries


@pytest.mark.parametrize("body, index, contents", [
    ("<p>One paragraph, naming no one.</p>", False, False),
    ("<p>A letter from <persName>Ann Lee</persName>.</p>", True, False),
    ("<div><head>Part one</head><p>No one.</p></div>", False, True),
])
def test_a_book_has_an_index_where_it_names_someone_and_contents_where_they_list_more(tmp_path, body, index, contents):
    """A short text naming nobody is not printed with an empty index of names, nor any book
    with a page of contents listing only that index: a name gives the book its index, a
    heading its contents."""
    source = tmp_path / "short.xml"
    source.write_text(f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Short</title></titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
      <text><body>{body}</body></text></TEI>""", encoding="utf-8")
    root = fo_tree(make_fo([source]))
    assert bool(root.xpath("//fo:block[@id = 'f-index']", namespaces=NS)) is index
    assert bool(root.xpath("//fo:block[@id = 'f-contents']", namespaces=NS)) is contents
    check_ids_and_links(root)
    marks = root.xpath("//fo:bookmark-tree", namespaces=NS)
    assert not marks or marks[0].xpath("fo:bookmark", namespaces=NS)
