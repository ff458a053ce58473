"""The print edition cites itself: a pointer into the book prints the page of this book.

A `ref` or `ptr` whose target is an element of the same source (a page break of the original,
a document, a note) is followed by fo:page-number-citation of the target's FO id, so that the
printed page is this book's (checked in the FO and, with FOP, in the PDF against the page on
which the target stands). The original's own table of contents is not printed: the book has one.
"""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import etree

from conftest import CORPUS, need
from pipeline.document import Document
from pipeline.formats import pdf
from test_pdf import read_pages

NS = {"fo": "http://www.w3.org/1999/XSL/Format"}
FILLER = "<p>" + "Words of the first paper that fill its pages and push the next ones on. " * 12 + "</p>"

VOLUME = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>A Volume That Cites Itself</title></titleStmt>
    <publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>Synthetic</p></sourceDesc></fileDesc></teiHeader>
  <text>
    <front>
      <div type="toc" xml:id="toc"><head>Contents</head>
        <list type="toc"><item><ref target="#d1">Alpha paper</ref></item><item><ref target="#d2">Beta paper</ref></item></list>
      </div>
    </front>
    <body>
      <div type="document" xml:id="d1" n="1"><head>Alpha paper</head>
        {FILLER * 6}
        <p>A remark.<note place="foot" n="1" xml:id="n1">Footnote NOTEWORD.</note></p>
        {FILLER * 6}
        <pb n="282" xml:id="pg_282"/>
        {FILLER * 6}
      </div>
      <div type="document" xml:id="d2" n="2"><head>Beta paper</head>
        <p>Ante, <ref target="#pg_282">p. 282</ref>; the <ref target="#d1">alpha paper</ref>;
          its <ref target="#n1">note</ref>.</p>
      </div>
    </body>
  </text>
</TEI>
"""

CITED = {"page": r"p\. 282", "document": r"alpha paper", "note": r"note"}


@pytest.fixture
def volume(tmp_path):
    path = tmp_path / "cites.xml"
    path.write_text(VOLUME, encoding="utf-8")
    return Document.load(path)


def links_and_citations(root) -> list[tuple[str, str | None]]:
    """Each link of the book's text (not the contents) with the ref-id of the citation after it."""
    pairs = []
    for link in root.xpath("//fo:flow[not(fo:block/@id = 'f-contents')]//fo:basic-link[@internal-destination]",
                           namespaces=NS):
        citation = link.xpath("following-sibling::fo:page-number-citation[1]/@ref-id", namespaces=NS)
        pairs.append((link.get("internal-destination"), citation[0] if citation else None))
    return pairs


def contents_headings(root) -> int:
    return int(root.xpath("count(//fo:marker[@marker-class-name = 'section'][normalize-space() = 'Contents'])",
                          namespaces=NS))


def test_each_pointer_into_the_book_cites_the_targets_page_in_the_fo(volume):
    root = etree.fromstring(pdf.make_fo([volume], {}).encode("utf-8"))
    pairs = links_and_citations(root)
    assert len(pairs) == 3, pairs
    ids = set(root.xpath("//@id"))
    for destination, citation in pairs:
        assert citation == destination and citation in ids
    assert contents_headings(root) == 1


@pytest.mark.skipif(not shutil.which("fop") or not shutil.which("pdftotext"), reason="needs fop and pdftotext")
def test_the_cited_page_is_the_page_on_which_the_target_stands(volume, tmp_path):
    path = tmp_path / "cites.pdf"
    path.write_bytes(pdf.print_book([volume], {}).pdf)
    pages = read_pages(path)
    body = pages[next(i for i, p in enumerate(pages) if p.number == "1"):]

    def page_of(pattern: str) -> str:
        return next(p.number for p in body if re.search(pattern, p.text))

    where = {"page": page_of(r"\[282\]"), "document": page_of(r"^Alpha paper|\. Alpha paper"),
             "note": page_of("NOTEWORD")}
    assert len(set(where.values())) == 3, where  # the three targets stand on different pages
    citing = " ".join(p.text for p in body)
    for kind, text in CITED.items():
        cited = re.search(text + r" \(here p\. (\d+)\)", citing)
        assert cited, f"no citation of the {kind} in {citing[-300:]!r}"
        assert cited[1] == where[kind], kind
    assert sum(p.text.startswith("Contents") for p in pages) == 1


def test_corpus_volume_has_one_contents_and_its_references_cite_this_book():
    source = need(CORPUS / "frus1918Russiav03.xml")
    root = etree.fromstring(pdf.make_fo([Document.load(source)], {}).encode("utf-8"))
    assert contents_headings(root) == 1
    pairs = links_and_citations(root)
    assert len(pairs) > 3000  # the List of Papers, "Ante" references and the original's index
    assert all(destination == citation for destination, citation in pairs)


PAPERS = "".join(
    f"""<row><cell>{n}</cell><cell>Apr. {n}</cell>
      <cell>To the Ambassador in Russia (tel.): from the Secretary of the Treasury</cell>
      <cell>Terms of the loans and inquiries regarding the determination to carry on the war.</cell>
      <cell><ref target="#pg_282">282</ref></cell></row>""" for n in range(1, 4))
LIST_OF_PAPERS = f"""<div type="section" xml:id="papers"><head>List of Papers</head>
        <table rend="bordered"><row role="label"><cell>No.</cell><cell>Date</cell><cell>From and to whom</cell>
          <cell>Subject</cell><cell>Page</cell></row>{PAPERS}</table></div>"""


@pytest.mark.skipif(not shutil.which("fop"), reason="needs fop")
def test_a_table_column_of_pointers_is_wide_enough_for_this_books_page(tmp_path):
    """The List of Papers cites each paper's page as "282 (here p. 40)": the column is measured
    with what the book adds, or FOP sets "p. 40)" past the cell's edge."""
    path = tmp_path / "papers.xml"
    path.write_text(VOLUME.replace('<div type="toc"', LIST_OF_PAPERS + '<div type="toc"'), encoding="utf-8")
    book = pdf.print_book([Document.load(path)], {})
    assert book.pages > 1
    assert not [p for p in book.problems if "exceed the available area" in p], book.problems
