"""The indexes of names, by identity: the web edition's persons page and the print edition's
Index of Names count the same mentions (tp:index-mentions in xslt/common/names.xsl) and agree
entry for entry.

A small volume made here (a list of persons in the front matter with a title given to one
entry, a reprinted index in the back, names pointing nowhere in several forms, a name in a
note) and a transcript of speeches are built to HTML and FO and read back; then the corpus
volume frus1918Russiav03, when ../shared is there.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from lxml import etree

from conftest import CORPUS, need
from pipeline.building import Settings, build
from pipeline.document import Document
from pipeline.exports.entities import entity_rows
from pipeline.exports.reading import read
from pipeline.formats import FORMATS

FO = "http://www.w3.org/1999/XSL/Format"

VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc>
    <titleStmt><title>Test Papers</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt>
    <sourceDesc><p>Made by the test.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text>
    <front>
      <div type="section" xml:id="persons"><head>List of Persons</head>
        <list type="names">
          <item><persName xml:id="p_A">Alpha, Anne</persName>, <persName>Hetman</persName> of the North.</item>
          <item><persName xml:id="p_B">Beta, Bruno</persName>, Consul.</item>
        </list></div>
      <div type="section" xml:id="papers"><head>List of Papers</head>
        <table><row><cell>From <persName corresp="#p_B">Beta</persName></cell><cell>1</cell></row></table></div>
      <div type="section" xml:id="preface"><head>Preface</head>
        <p>The papers were found by <persName>Gustav Gamma</persName>.</p></div>
    </front>
    <body>
      <div type="document" xml:id="d1" n="1"><head>First Letter</head>
        <p><persName corresp="#p_A">Alpha</persName> met <persName>Pierre Darcy</persName> and
          <persName>José Martí</persName>.<note n="1"><persName>Hetman</persName> of the North.</note></p>
        <p><persName>Darcy</persName> wrote to <persName>Jose Marti</persName> and to <persName>Bruno Beta</persName>.</p>
      </div>
      <div type="document" xml:id="d2" n="2"><head>Second Letter</head>
        <p><persName>W. F. Darling</persName> and <persName>W. L. Darling</persName> saw <persName>Darling</persName>.</p>
      </div>
    </body>
    <back>
      <div type="section" xml:id="index"><head>Index</head>
        <list type="index">
          <item><persName>Darcy, Pierre</persName>, 1.</item>
          <item><persName>Hetman</persName>, 1.</item>
        </list></div>
    </back>
  </text>
</TEI>
"""

#: The persons of VOLUME, one entry each: the list's entries (with the names that equal an
#: entry's heading and the title the list gives an entry), the names pointing nowhere under
#: their fullest form, "Darling" alone beside two persons it could be.
HEADINGS = {"Alpha, Anne", "Beta, Bruno", "Gamma, Gustav", "Darcy, Pierre", "Martí, José",
            "Darling, W. F.", "Darling, W. L.", "Darling"}
UNIDENTIFIED = HEADINGS - {"Alpha, Anne", "Beta, Bruno"}

SPEECHES = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Sitting of 1 May</title></titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt>
      <sourceDesc><p>Made by the test.</p></sourceDesc>
    </fileDesc>
    <profileDesc><particDesc><listPerson>
      <person xml:id="Kaya.Ali"><persName><forename>Ali</forename><surname>Kaya</surname></persName></person>
    </listPerson></particDesc></profileDesc>
  </teiHeader>
  <text><body>
    <u who="#Kaya.Ali" xml:id="u1">I open the sitting.</u>
    <u who="#Levent.Gok" xml:id="u2">Thank you.</u>
    <sp who="#Kaya.Ali" xml:id="sp1"><p>Agreed.</p></sp>
  </body></text>
</TEI>
"""


def build_both(source, out):
    settings = Settings(formats=(FORMATS["html"], FORMATS["fo"]), out_dir=out, force=True, jobs=1)
    results = build([source], settings)
    assert not [r.failure for r in results if r.failure]


def web_index(html_folder):
    """Each entry of persons.html: heading → (unidentified?, labels of its mentions)."""
    doc = lxml.html.fromstring((html_folder / "persons.html").read_bytes())
    return {" ".join(entry.cssselect(".entry-name")[0].text_content().split()):
            (bool(entry.cssselect(".unidentified")), [a.text_content() for a in entry.cssselect(".occurrences a:not(:first-child)")])
            for entry in doc.cssselect("li.entry")}


def web_headings(html_folder):
    doc = lxml.html.fromstring((html_folder / "persons.html").read_bytes())
    return [" ".join(e.text_content().split()) for e in doc.cssselect("li.entry .entry-name")]


def print_index(fo_file):
    """Each entry of the Index of Names: heading → (unidentified?, its citations as written,
    'n' after a citation in a note)."""
    tree = etree.parse(str(fo_file))
    index = [s for s in tree.iter(f"{{{FO}}}page-sequence") if s.get("master-reference") == "index-book"][0]
    entries = {}
    for block in index.iterfind(f".//{{{FO}}}block[@margin-left='1.5em']"):
        heading = " ".join((block.text or "").split())
        marked = any("unidentified" in (i.text or "") for i in block.iterfind(f"{{{FO}}}inline"))
        citations = re.findall(r"<fo:page-number-citation[^>]*/>n?",
                               etree.tostring(block, encoding="unicode").replace(f'xmlns:fo="{FO}" ', ""))
        entries.setdefault(heading, []).append((marked, ["n" if c.endswith("n") else "" for c in citations]))
    return entries


@pytest.fixture(scope="module")
def volume_built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("index")
    source = folder / "src" / "testvol.xml"
    source.parent.mkdir()
    source.write_text(VOLUME, encoding="utf-8")
    build_both(source, folder / "out")
    return folder / "out"


def test_one_entry_per_person_keyed_by_what_the_names_point_to(volume_built):
    web = web_index(volume_built / "html")
    assert set(web) == HEADINGS
    assert len(web_headings(volume_built / "html")) == len(HEADINGS)
    assert {h for h, (unidentified, _) in web.items() if unidentified} == UNIDENTIFIED
    # "Alpha" points to the list; "Hetman", the title the list gives her, is hers; "Darcy" is
    # "Pierre Darcy"; "Jose Marti" is "José Martí"
    assert len(web["Alpha, Anne"][1]) == 2 and len(web["Darcy, Pierre"][1]) == 2
    assert len(web["Martí, José"][1]) == 2 and len(web["Beta, Bruno"][1]) == 1


def test_front_matter_lists_and_the_reprinted_index_are_not_mentions(volume_built):
    web = web_index(volume_built / "html")
    # Beta is named in the List of Papers (a table of the front matter) and by the text once;
    # Darcy and Hetman in the reprinted index; Gamma in the preface, which is text
    assert [len(web[h][1]) for h in ("Beta, Bruno", "Darcy, Pierre", "Gamma, Gustav")] == [1, 2, 1]
    printed = print_index(volume_built / "fo" / "testvol.fo")
    assert [len(printed[h][0][1]) for h in ("Beta, Bruno", "Darcy, Pierre", "Gamma, Gustav")] == [1, 2, 1]


def test_mentions_in_notes_are_marked_in_both_indexes(volume_built):
    web = web_index(volume_built / "html")
    assert [label.endswith("n") for label in web["Alpha, Anne"][1]] == [False, True]
    printed = print_index(volume_built / "fo" / "testvol.fo")
    assert printed["Alpha, Anne"] == [(False, ["", "n"])]
    assert printed["Darcy, Pierre"] == [(True, ["", ""])]


def test_web_and_print_indexes_agree_entry_for_entry(volume_built):
    printed = print_index(volume_built / "fo" / "testvol.fo")
    web = web_index(volume_built / "html")
    assert set(printed) == set(web) and all(len(e) == 1 for e in printed.values())
    assert {h: (e[0][0], len(e[0][1])) for h, e in printed.items()} == {h: (u, len(m)) for h, (u, m) in web.items()}


def test_speakers_are_persons_of_both_indexes_and_of_the_entities_export(tmp_path):
    source = tmp_path / "src" / "sitting.xml"
    source.parent.mkdir()
    source.write_text(SPEECHES, encoding="utf-8")
    build_both(source, tmp_path / "out")
    web = web_index(tmp_path / "out" / "html")
    assert {h: len(m) for h, (_, m) in web.items()} == {"Kaya, Ali": 2, "Levent Gok": 1}
    assert web["Levent Gok"][0] and not web["Kaya, Ali"][0]
    printed = print_index(tmp_path / "out" / "fo" / "sitting.fo")
    assert {h: len(e[0][1]) for h, e in printed.items()} == {"Kaya, Ali": 2, "Levent Gok": 1}
    exported = entity_rows([read(Document.load(source))], "person")
    assert {(r["name"], r["mentions"], r["linked"]) for r in exported} == {("Ali Kaya", 2, True), ("Levent Gok", 1, False)}


def test_the_entities_export_leaves_out_the_apparatus_and_keys_names_as_the_indexes_do(tmp_path):
    source = tmp_path / "testvol.xml"
    source.write_text(VOLUME.replace('type="document" ', ""), encoding="utf-8")  # no volume: every part is read
    rows = {r["id"]: r["mentions"] for r in entity_rows([read(Document.load(source))], "person")}
    # Beta is named only in the List of Papers and as "Bruno Beta"; the reprinted index's
    # "Darcy, Pierre" and "Hetman" are no mentions, the note's "Hetman" is
    assert "testvol.xml#p_B" not in rows and "name:person:darcy-pierre" not in rows
    assert rows["name:person:hetman"] == 1
    assert rows["name:person:jose-marti"] == 2 and rows["name:person:gustav-gamma"] == 1


@pytest.fixture(scope="module")
def corpus_built(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus-index")
    build_both(need(CORPUS / "frus1918Russiav03.xml"), out)
    return out


def test_corpus_volume_indexes_agree_and_no_person_heads_two_entries(corpus_built):
    headings = web_headings(corpus_built / "html")
    printed = print_index(corpus_built / "fo" / "frus1918Russiav03.fo")
    assert len(headings) == len(set(headings)) and all(len(e) == 1 for e in printed.values())
    assert set(headings) == set(printed)
    # the original's forms of one person, and a title the volume's list gives Semenov
    for surname in ("Darcy", "Bukowski", "Leffingwell"):
        assert len([h for h in headings if h.split(",")[0] == surname]) == 1, surname
    assert "Ataman" not in headings
