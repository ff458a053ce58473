"""The reading text of TEI from other projects, alike in HTML, FO and plain text: a critical
apparatus with sigla, words joined across line ends and tokens, substitutions, notes numbered
uniquely and continued over pages, speeches, drama and verse, sourceDoc transcriptions, page
breaks in tables; and, over the shapes corpus when ../shared is there, the reader's words."""

from __future__ import annotations

import re
import subprocess
import sys

import lxml.html
import pytest
from lxml import etree

from conftest import PROJECT, SHARED, need
from pipeline.formats import pdf
from pipeline.document import Document
from pipeline.formats import FORMATS

HEADER = """<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
  <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>made up</p>{extra}</sourceDesc>
  </fileDesc>{profile}</teiHeader>"""


def tei(body: str, extra: str = "", profile: str = "", text: str | None = None) -> str:
    return (f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER.format(extra=extra, profile=profile)}'
            + (text if text is not None else f"<text><body>{body}</body></text>") + "</TEI>")


@pytest.fixture
def outputs(tmp_path):
    """TEI in, (plain text, the HTML page's main text, the HTML tree, the FO flow text) out."""
    def make(source: str):
        path = tmp_path / "doc.xml"
        path.write_text(source, encoding="utf-8")
        doc = Document.load(path)
        txt = FORMATS["txt"].render(doc, {}).decode("utf-8")
        page = lxml.html.fromstring(FORMATS["html"].render(doc, {}))
        main = page.cssselect("main")[0]
        fo = etree.fromstring(pdf.make_fo([doc], {}).encode("utf-8"))
        flow = " ".join(" ".join("".join(f.itertext()).split())
                        for f in fo.iterfind(".//{http://www.w3.org/1999/XSL/Format}flow"))
        return txt, " ".join(main.text_content().split()), page, flow
    return make


APP = tei("<p>In the <app><lem wit='#A'>beginning</lem><rdg wit='#B #C'>start</rdg></app> was.</p>",
          extra="<listWit><witness xml:id='A'><abbr>Ms. A</abbr></witness><witness xml:id='B'/>"
                "<witness xml:id='C' n='Cx'/></listWit>")


def test_app_shows_the_lemma_and_an_apparatus_entry_with_sigla(outputs):
    txt, text, page, flow = outputs(APP)
    for output in (txt, text, flow):
        assert "beginningstart" not in output and "In the beginning" in output
        assert "beginning Ms. A] start B Cx" in output
    assert "beginning[a]" in txt and "\n[a] beginning" in txt and "Apparatus" in txt
    marker = page.cssselect("sup.appref a")[0]
    entry = page.cssselect("ul.apparatus li")[0]
    assert marker.get("href") == "#" + entry.get("id")
    assert entry.cssselect("a")[0].get("href") == "#" + marker.get("id")


def test_app_without_lemma_reads_its_first_reading(outputs):
    txt, text, _, flow = outputs(tei("<p>A <app><rdg wit='#X'>one</rdg><rdg wit='#Y'>two</rdg></app> b.</p>"))
    for output in (txt, text, flow):
        assert "A one" in output and "one X] two Y" in output and "onetwo" not in output


def test_a_note_in_an_unread_reading_is_in_its_apparatus_entry_not_among_the_notes(outputs):
    txt, text, page, flow = outputs(tei("<p>A <app><lem wit='#X'>one</lem><rdg wit='#Y'><note>add.</note>two</rdg>"
                                        "</app> b.<note>A real note.</note></p>"))
    for output in (txt, text, flow):
        assert "one X] two Y add." in output
    ids = set(page.xpath("//@id"))
    assert [a.get("href") for a in page.xpath("//a[starts-with(@href, '#')]") if a.get("href")[1:] not in ids] == []
    notes = [" ".join(li.text_content().split()) for li in page.cssselect(".notes li")]
    assert len(notes) == 1 and "A real note." in notes[0]
    for output in (txt, text, flow):
        assert output.count("add.") == 1


DIPLOMATIC = tei("""<p>Ein wei<lb break="no"/>
      ter Wor-<lb break="no"/>
      te und wei<subst><del>ſs</del> <add>ß</add></subst> <del>weg</del> da.</p>
  <p><w join="right">Başkan</w> <w>lık</w> <w join="right">açıyorum</w> <pc>.</pc>
     <w>a</w> <pc join="left">,</pc> <w>b</w></p>""")


def test_joins_and_substitutions_make_whole_words(outputs):
    txt, text, page, flow = outputs(DIPLOMATIC)
    for output in (txt, text, flow):
        assert "Ein weiter Worte und weiß" in output, output
        assert "weg" not in output
        assert "Başkanlık açıyorum." in output and "a, b" in output
    assert not page.cssselect("main p br")


NOTES = tei("""<div><p>One<note n="*)">first</note> two<note n="*)" next="#n3">second</note></p>
  <pb n="2"/><p>three<note xml:id="n3" prev="#x">and continued</note></p></div>
  <div><p>""" + "".join(f"w{i}<note>u{i}</note> " for i in range(9)) + "</p></div>")


def test_notes_have_unique_labels_and_continuations_join(outputs):
    txt, text, page, flow = outputs(NOTES)
    assert "\n[1] *) first" in txt and "\n[2] *) second and continued" in txt
    assert "[3]" not in txt.split("Notes")[0].split("w0")[0]
    assert "\n[9] u8" in txt and "*********" not in txt
    labels = [a.text for a in page.cssselect("sup.noteref a")]
    assert labels[:2] == ["1", "2"] and len(labels) == 11 and len(set(labels[2:])) == 9
    assert page.cssselect("sup.noteref a")[0].get("title") == "numbered *) in the source"
    assert "second and continued" in text and "*********" not in text
    assert "second and continued" in flow and "*********" not in flow


SPEECH = tei("""<div><note type="time">14.01</note>
  <u who="#p1"><seg>Hello.</seg></u><kinesic type="applause"><desc>Applause</desc></kinesic>
  <u who="#p1"><seg>Again.</seg></u><note>Laughter</note><u who="#gone"><seg>Yes.</seg></u></div>
  <div><castList><castItem><role>Macbeth</role>, <roleDesc>a thane</roleDesc></castItem></castList>
  <sp who="#mac"><l n="5">A line</l><stage xml:id="exit">Exit.</stage></sp>
  <sp><speaker>Banquo</speaker><l n="6">Another</l></sp></div>""",
             profile="<profileDesc><particDesc><listPerson><person xml:id='p1'><persName>Levent Gök</persName>"
                     "</person><person xml:id='mac'><persName>Macbeth</persName></person></listPerson>"
                     "</particDesc></profileDesc>")


def test_speakers_incidents_stage_and_verse(outputs):
    txt, text, page, flow = outputs(SPEECH)
    for output in (txt, text, flow):
        assert "[14.01]" in output and "[Applause]" in output and "[Laughter]" in output
        # the speaker is named once where the speeches begin (the print edition's index names him again)
        assert output.rsplit("Index of Names", 1)[0].count("Levent Gök") == 1 and "gone" in output
        assert "Macbeth" in output and "Exit." in output
    assert "Levent Gök:\nHello." in txt and "Levent Gök" in flow.rsplit("Index of Names", 1)[1]
    assert not page.cssselect("sup.noteref")
    assert [p.text for p in page.cssselect("p.speaker")] == ["Levent Gök", "gone", "Macbeth", "Banquo"]
    assert page.cssselect("p.stage") and page.cssselect("div.l span.lineno")[0].text == "5"


def test_a_stage_direction_with_an_id_gives_the_print_edition_one_id(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(SPEECH, encoding="utf-8")
    ids = etree.fromstring(pdf.make_fo([Document.load(path)], {}).encode("utf-8")).xpath("//@id")
    assert len(ids) == len(set(ids))


SOURCE_DOC = tei("", text="""<sourceDoc><surface><zone><line>Erste Zeile</line>
  <line>Zweite Zeile</line></zone></surface></sourceDoc>""")


FO = "{http://www.w3.org/1999/XSL/Format}"


def print_blocks(tmp_path, source: str) -> list[str]:
    """The text of each innermost block of the print edition's text (fo:flow), a space between its parts."""
    path = tmp_path / "print.xml"
    path.write_text(source, encoding="utf-8")
    fo = etree.fromstring(pdf.make_fo([Document.load(path)], {}).encode("utf-8"))
    return [" ".join(" ".join(block.itertext()).split()) for flow in fo.iter(f"{FO}flow")
            for block in flow.iter(f"{FO}block") if block.find(f"{FO}block") is None]


def test_print_edition_numbers_every_fifth_verse_line(tmp_path):
    lines = "".join(f"<l>line {i}</l>" for i in range(1, 7))
    blocks = print_blocks(tmp_path, tei(f"<div><lg>{lines}</lg></div><div><lg><l n='1.1.10'>given</l>"
                                        "<l n='7'>seven</l></lg></div>"))
    assert "line 5 5" in blocks and "line 4" in blocks and "line 6" in blocks
    assert "given 10" in blocks and "seven" in blocks


def test_print_edition_sets_a_source_doc_as_the_web_edition_does(tmp_path):
    both = tei("", text="<sourceDoc><surface><zone><line>Erste <del>alte</del><add>neue</add> Zeile</line>"
                        "<line><hi>Zweite</hi> Zeile</line></zone></surface></sourceDoc>"
                        "<text><body><p>Lesetext</p></body></text>")
    blocks = print_blocks(tmp_path, both)
    assert blocks.index("Erste neue Zeile") < blocks.index("Zweite Zeile") < blocks.index("Lesetext"), blocks
    member = both.replace("<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", "<TEI>")
    corpus = f'<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">{HEADER.format(extra="", profile="")}{member}</teiCorpus>'
    blocks = print_blocks(tmp_path, corpus)
    assert "Erste neue Zeile" in blocks and "Zweite Zeile" in blocks and "Lesetext" in blocks, blocks


def test_source_doc_lines_are_the_text(outputs):
    txt, text, page, _ = outputs(SOURCE_DOC)
    assert "Erste Zeile\nZweite Zeile" in txt and "test" not in txt  # not the header's text
    assert "Erste Zeile" in text and "Zweite Zeile" in text


def test_page_break_between_table_rows_is_kept(outputs):
    txt, text, page, flow = outputs(tei("<p>x</p><table><row><cell>a</cell></row><pb n='9'/>"
                                        "<row><cell>b</cell></row></table>"))
    assert "[p. 9]" in text and "[p. 9]" in txt and "[9] b" in flow


def test_text_puts_back_the_space_an_unread_branch_of_a_choice_holds(outputs):
    txt, text, _, _ = outputs(tei("<p>dicit<choice><abbr> r.</abbr><expan>rabbi</expan></choice> Meir</p>"))
    assert "dicit rabbi Meir" in txt and "dicit rabbi Meir" in text


def test_the_white_space_a_choice_holds_around_its_branches_parts_words(outputs):
    txt, text, _, flow = outputs(tei("<p>dixit Meir<choice>\n  <abbr>r'</abbr>\n  <expan>rabbi</expan>\n</choice>yehuda"
                                     " et hou<choice><sic>s</sic><corr>se</corr></choice> domus</p>"))
    for output in (txt, text, flow):
        assert "Meir rabbi yehuda" in output and "house domus" in output, output


def test_print_edition_keeps_the_space_of_an_unread_branch_and_of_a_margin_addition(outputs):
    _, _, _, flow = outputs(tei("<p>dicit<choice><abbr> r.</abbr><expan>rabbi</expan></choice> Meir"
                                " panis<seg><add place='margin-right'>piscis</add></seg> et<add place='above'>que</add>"
                                " vinum</p>"))
    assert "dicit rabbi Meir" in flow and "panis piscis et" in flow and "etque vinum" in flow, flow


def test_text_keeps_the_segments_of_a_letterhead_apart(outputs):
    txt, text, _, _ = outputs(tei("<opener><seg type='letterhead'><seg rend='left'><hi>Neues Journal</hi></seg>"
                                  "<seg rend='right'><hi>Wien</hi></seg></seg><salute>Lieber!</salute></opener>"
                                  "<p>Ein <seg>Wort</seg> hier.</p>"))
    assert "Neues Journal Wien" in txt and "Ein Wort hier." in txt


def test_a_word_added_in_the_margin_is_a_word_of_its_own(outputs):
    txt, text, _, _ = outputs(tei("<p>panis<seg><add place='margin-right'>piscis</add></seg> et"
                                  "<add place='above'>que</add> vinum</p>"))
    for output in (txt, text):
        assert "panis piscis et" in output and "etque vinum" in output, output


def test_the_parts_of_a_citation_are_words_of_their_own(outputs):
    txt, text, _, flow = outputs(tei("<p>As <cit><quote>all flesh is grass</quote><bibl>Isa. 40:6</bibl></cit> says,"
                                     " and <cit> <quote>so</quote> <bibl>here</bibl> </cit> too.</p>"))
    for output in (txt, text, flow):
        assert "grass Isa. 40:6 says" in " ".join(output.replace("“", "").replace("”", "").split()), output
        assert "so here too" in " ".join(output.replace("“", "").replace("”", "").split()), output


def test_a_quotation_has_its_marks_once_in_every_format(outputs):
    # The web edition's q gets its marks from the browser; the text and the print edition print
    # them; a quotation whose text has its own gets none added.
    txt, _, page, flow = outputs(tei("<div><head>The <q>Plan</q></head><p>He said <q>yes</q>, <quote>“no”</quote>"
                                     " and <q xml:lang='de'>ja, <q>nein</q></q>.</p></div>"))
    for output in (txt, flow):
        assert "He said “yes”, “no” and „ja, ‚nein‘“." in " ".join(output.split()), output
    assert [q.text_content() for q in page.cssselect("main q")] == ["Plan", "yes", "ja, nein", "nein"]
    # The heading in the print edition's contents and bookmarks (its plain text) too.
    assert "The “Plan”" in txt and "The “Plan”" in flow and "The Plan" not in flow, flow


def test_where_a_place_is_is_not_read_as_words(outputs):
    """A location (its geo) in a name of the text, a person's birthplace in the list of persons:
    the coordinates are data about the place, never words of the text or of a description."""
    txt, text, page, flow = outputs(tei(
        "<p>Born in <settlement>Wien<location><geo>48.2 16.4</geo></location></settlement> to"
        " <persName ref='#s'>Arthur</persName>, seen at <geo>47.1 15.4</geo>.</p>",
        profile="<profileDesc><particDesc><listPerson><person xml:id='s'><persName>Arthur Schnitzler</persName>"
                "<birth>1862 <settlement><placeName>Wien</placeName><location><geo>48.2 16.4</geo></location>"
                "</settlement></birth></person></listPerson></particDesc></profileDesc>"))
    for output in (txt, text, flow):
        assert "Born in Wien to Arthur" in " ".join(output.split()), output
        assert "48.2" not in output and "seen at 47.1 15.4." in output
    assert "(1862 Wien)" in page.cssselect("main .name-person")[0].get("title")


def test_reading_text_of_the_shapes_corpus(tmp_path):
    """Every file of ../shared/corpus/shapes builds, and 99 % of its reading text's words are in
    its txt and HTML (bench/bench_shapes.py measures and prints the same)."""
    need(SHARED / "corpus" / "shapes")
    run = subprocess.run([sys.executable, str(PROJECT / "bench" / "bench_shapes.py"), "--no-vnu",
                          "--out", str(tmp_path)], capture_output=True, text=True, cwd=PROJECT)
    rows = [line.split() for line in run.stdout.splitlines() if re.match(r"\S+\.xml ", line)]
    assert len(rows) >= 20, run.stdout + run.stderr
    for name, built, _, in_txt, in_html, run_on, _ in rows:
        assert built == "yes", name
        assert float(in_txt.rstrip("%")) >= 99 and float(in_html.rstrip("%")) >= 99, (name, in_txt, in_html)
        assert run_on == "0", name


ANTHOLOGY = tei("", text="""<text><front><titlePage><docTitle><titlePart type="main">Two Poets</titlePart>
  </docTitle></titlePage></front><group>
  <text><front><docTitle><titlePart type="sub">born 1801</titlePart><titlePart type="main">The First Poet</titlePart>
    </docTitle></front><body><div><head>Morning</head><lg><l>The sun comes up</l></lg></div></body></text>
  <text><front><titlePart type="number">II.</titlePart><titlePart>The Second Poet</titlePart></front>
    <body><div><head>Evening</head><lg><l>Night falls soft</l></lg></div></body></text>
  <text><body><div><head>Anonymous</head><p>Untitled.</p></div></body></text>
</group></text>""")


def test_a_text_in_a_group_is_a_section_under_its_own_title_in_html_and_print(outputs, tmp_path):
    """An anthology's poets, a journal's articles: each text of a group is headed by its front's
    main title (else its first that is not a subtitle or number), a level above its own heads,
    in the web edition's outline and in the print edition's contents and bookmarks; its body
    runs on under its title."""
    txt, text, page, flow = outputs(ANTHOLOGY)
    headings = [(h.tag, h.text_content().strip()) for h in page.cssselect("main h2, main h3, main h4")]
    assert headings == [("h2", "The First Poet"), ("h3", "Morning"), ("h2", "The Second Poet"),
                        ("h3", "Evening"), ("h2", "Anonymous")]
    fo = etree.fromstring(pdf.make_fo([Document.load(tmp_path / "doc.xml")], {}).encode("utf-8"))

    def tree(parent):
        return [(b.findtext(f"{FO}bookmark-title").strip(), tree(b)) for b in parent.findall(f"{FO}bookmark")]
    marks = tree(fo.find(f".//{FO}bookmark-tree"))
    assert [mark for mark in marks if mark[0] not in ("Contents", "Index of Names")] == [
        ("The First Poet", [("Morning", [])]), ("The Second Poet", [("Evening", [])]), ("Anonymous", [])]
    breaks = ["".join(b.itertext()).split()[:1] for b in fo.iter(f"{FO}block") if b.get("break-before") == "page"]
    assert ["Morning"] not in breaks and ["Evening"] not in breaks


def test_the_notes_of_a_section_in_a_grouped_text_are_headed_a_level_below_it(outputs):
    """A section's list of notes is headed a level below the section's heading, counted as
    headings are, the title of a text in a group included."""
    txt, text, page, flow = outputs(ANTHOLOGY.replace("<l>The sun comes up</l>",
                                                      '<l>The sun comes up<note place="foot">A note.</note></l>'))
    headings = [(h.tag, h.text_content().strip()) for h in page.cssselect("main h2, main h3, main h4")]
    assert headings[:3] == [("h2", "The First Poet"), ("h3", "Morning"), ("h4", "Notes")]


def test_a_title_pages_imprint_is_one_line_with_its_date(outputs):
    """docImprint holds phrases (TEI: pubPlace, publisher, docDate among words): its date stays on
    its line, "London, 1890", not a paragraph of its own."""
    txt, text, page, flow = outputs(tei("", text="""<text><front><titlePage><docTitle><titlePart>Poems</titlePart>
        </docTitle><docImprint><pubPlace>London</pubPlace>, <docDate>1890</docDate></docImprint></titlePage>
        </front><body><p>Verse.</p></body></text>"""))
    assert "London, 1890" in txt.splitlines()
    assert [p.text_content() for p in page.cssselect("main .docImprint")] == ["London, 1890"]
