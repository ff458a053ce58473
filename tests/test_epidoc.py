"""Editions of inscriptions and papyri (EpiDoc) in HTML, FO and plain text: the Leiden marks in
their places, the lines of the stone kept apart and every fifth numbered, gaps in Leiden form,
unclear letters with a dot below, and the parts of the file (text, translation, commentary,
fragments) named where they carry no heading. The documents are written here in the shape of
papyri.info, IRT and I.Sicily files; outside an edition division nothing changes."""

from __future__ import annotations

from lxml import etree

from pipeline.document import Document
from pipeline.formats import pdf
from test_shapes_reading import outputs, tei  # noqa: F401 (a fixture)

FO = "{http://www.w3.org/1999/XSL/Format}"
DOT = "\u0323"

LINES = "".join(f'<lb n="{n}"/>line{n} ' for n in range(2, 7))
EDITION = tei(
    '<div type="edition" xml:lang="grc"><ab>'
    '<lb n="1"/>Ἀμ<supplied reason="lost">μ</supplied>ωνίῳ <supplied reason="omitted">καὶ</supplied> '
    '<surplus>ττ</surplus> <expan>b<ex>ilibres</ex></expan> <del rend="erasure">Γέτα</del> '
    'ἀδε<unclear>λφ</unclear> <gap reason="lost" quantity="3" unit="character"/> '
    '<gap reason="lost" extent="unknown" unit="character"/> <gap reason="illegible" quantity="2" unit="character"/>'
    f'{LINES}ἐρρῶσ<lb n="7" break="no"/>θαι'
    '</ab></div>'
    '<div type="translation" xml:lang="en"><p>To Ammonios, brother.</p></div>'
    '<div type="commentary"><p>A <unclear>letter</unclear> <supplied reason="omitted">sent</supplied>'
    '<lb n="10"/>home.</p></div>')


def test_leiden_marks_stand_where_the_editor_put_them(outputs):
    txt, text, page, flow = outputs(EDITION)
    for output in (txt, text, flow):
        assert "Ἀμ[μ]ωνίῳ" in output
        assert "⟨καὶ⟩" in output and "{ττ}" in output and "b(ilibres)" in output
        assert "⟦Γέτα⟧" in output
        assert f"ἀδελ{DOT}φ{DOT}" in output
        assert "[...] [- - -] .." in output
        # outside the edition the conventions do not hold: a commentary's words are its own
        assert "A letter [sent]" in output


def test_the_lines_of_the_stone_are_kept_apart_and_every_fifth_is_numbered(outputs, tmp_path):
    txt, text, page, flow = outputs(EDITION)
    lines = txt.splitlines()
    assert "\tline2" in lines and "5\tline5" in lines and "\tline6 ἐρρῶσ-" in lines and "\tθαι" in lines
    numbers = [span.text for span in page.cssselect(".type-edition .lineno")]
    assert numbers == ["5"]
    assert len(page.cssselect(".type-edition .ab br")) == 7
    assert "ἐρρῶσ-θαι" in text
    path = tmp_path / "edition.xml"
    path.write_text(EDITION, encoding="utf-8")
    fo = etree.fromstring(pdf.make_fo([Document.load(path)], {}).encode("utf-8"))
    # the paragraph of the edition: its line breaks are empty blocks among its words
    ab = next(b for b in fo.iter(f"{FO}block") if "line5" in "".join(b.itertext())
              and b.findall(f"{FO}block") and not any(len(c) or (c.text or "").strip() for c in b.findall(f"{FO}block")))
    assert len(ab.findall(f"{FO}block")) == 7
    assert "5\u2003line5" in "".join(ab.itertext())


def test_the_parts_of_an_epidoc_file_are_named(outputs):
    source = tei('<div type="edition"><div type="textpart" subtype="fragment" n="a"><ab><lb n="1"/>ui et</ab></div>'
                 '<div type="textpart" n="b"><ab><lb n="1"/>sal</ab></div></div>'
                 '<div type="translation"><p>and</p></div><div type="commentary"><head>Notes on it</head><p>c</p></div>')
    txt, text, page, flow = outputs(source)
    for output in (txt, text, flow):
        assert "Text" in output and "Fragment a" in output and "Part b" in output and "Translation" in output
        assert "Commentary" not in output
    assert txt.index("Fragment a") < txt.index("ui et") < txt.index("Part b") < txt.index("Translation")


def test_an_apparatus_listed_apart_is_an_entry_a_line_and_a_correction_is_marked(outputs):
    source = tei('<div type="edition"><ab><lb n="1"/>Ἀμμωνίῳ <choice><sic>χαιρεν</sic><corr>χαίρειν</corr></choice></ab></div>'
                 '<div type="apparatus"><listApp>'
                 '<app loc="1"><lem source="#ed1">Ἀμμωνίῳ</lem><rdg source="#ed2">Ἀμωνίῳ</rdg></app>'
                 '<app loc="2"><note>The last letters are faint.</note></app></listApp></div>',
                 extra='<listBibl><bibl xml:id="ed1" n="Smith"/><bibl xml:id="ed2" n="Jones"/></listBibl>')
    txt, text, page, flow = outputs(source)
    for output in (txt, text, flow):
        assert "⌜χαίρειν⌝" in output and "χαιρεν" not in output
        assert "1. Ἀμμωνίῳ Smith] Ἀμωνίῳ Jones" in output and "2. The last letters are faint." in output
    assert "\n1. Ἀμμωνίῳ Smith] Ἀμωνίῳ Jones\n2. The last letters are faint.\n" in txt
    assert [a.text for a in page.cssselect(".type-apparatus .app")] == [
        "1. Ἀμμωνίῳ Smith] Ἀμωνίῳ Jones", "2. The last letters are faint."]
    # the entries are not markers in the text: no "[a]", no apparatus list of the web edition
    assert "[a]" not in txt and not page.cssselect("sup.appref")


def test_an_indented_word_is_still_one_word(outputs):
    # IRT files indent the parts of a word (w) on lines of their own
    source = tei('<div type="edition"><ab><lb n="1"/>\n <w>\n  <expan>\n   <supplied reason="lost">\n'
                 '    <abbr>t</abbr>\n   </supplied>\n   <abbr>rib</abbr>\n   <ex>unicia</ex>\n  </expan>\n </w>\n'
                 ' <w>p<supplied reason="lost">otestate</supplied></w>\n</ab></div>')
    txt, text, page, flow = outputs(source)
    for output in (txt, text, flow):
        assert "[t]rib(unicia) p[otestate]" in output
