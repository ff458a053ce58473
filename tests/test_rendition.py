"""Renditions (xslt/common/rendition.xsl): the look the source declares, from tagsDecl defaults,
@rendition, @rend keywords and @style, as one map of CSS properties that the HTML writes as a
style attribute and the FO as properties. The CSS comes from documents: only whitelisted
properties with safe values get through. Superscripts and subscripts stay joined in the text."""

from __future__ import annotations

import socket
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import CORPUS, need
from pipeline.document import Document
from pipeline.formats import FORMATS, pdf

FO_NS = {"fo": "http://www.w3.org/1999/XSL/Format"}

HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Looks</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>
<encodingDesc><tagsDecl>{renditions}</tagsDecl></encodingDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""

RENDITIONS = """
<rendition xml:id="wide" scheme="css">letter-spacing: 2pt</rendition>
<rendition xml:id="center" scheme="css">text-align: center;</rendition>
<rendition xml:id="right">text-align:right</rendition>
<rendition xml:id="free" scheme="free">color: red</rendition>
<rendition selector="p">text-indent: 3em; text-align: left</rendition>
<namespace name="http://www.tei-c.org/ns/1.0"><tagUsage gi="head" rendition="#right"/></namespace>"""


def source(tmp_path: Path, body: str, renditions: str = RENDITIONS) -> Document:
    path = tmp_path / "looks.xml"
    path.write_text(HEADER.format(renditions=renditions, body=body), encoding="utf-8")
    return Document.load(path)


def html_of(doc: Document):
    return lxml.html.fromstring(FORMATS["html"].render(doc, {})).cssselect("main")[0]


def fo_of(doc: Document):
    return etree.fromstring(pdf.make_fo([doc], {}).encode("utf-8"))


def styles(element) -> dict[str, str]:
    pairs = (d.split(":", 1) for d in element.get("style", "").split(";") if ":" in d)
    return {k.strip(): v.strip() for k, v in pairs}


def by_text(tree, text: str, fo: bool = False):
    """The innermost element whose own text starts with `text`."""
    elements = "//fo:flow//*[self::fo:block or self::fo:inline]" if fo else "//*"
    found = tree.xpath(f"{elements}[text()[starts-with(normalize-space(), '{text}')]]", namespaces=FO_NS)
    assert found, f"{text!r} not in the output"
    return found[-1]


BODY = """<head>Heading</head>
<p>Default paragraph</p>
<p rendition="#wide">Pointed <hi rend="bold">Bolded</hi> <seg style="color: navy">Navy</seg>
  <hi rend="sup">up</hi></p>"""


def test_each_source_of_rendition_in_html(tmp_path):
    main = html_of(source(tmp_path, BODY))
    assert styles(by_text(main, "Heading"))["text-align"] == "right"          # tagUsage
    assert styles(by_text(main, "Default")) == {"text-align": "left", "text-indent": "3em"}  # selector
    assert styles(by_text(main, "Pointed"))["letter-spacing"] == "2pt"       # @rendition
    assert by_text(main, "Bolded").tag == "b"                                  # @rend
    assert styles(by_text(main, "Navy")) == {"color": "navy"}                 # @style
    assert by_text(main, "up").tag == "sup"


def test_each_source_of_rendition_in_fo(tmp_path):
    root = fo_of(source(tmp_path, BODY))
    head = by_text(root, "Heading", fo=True)
    assert head.get("text-align") == "end" and head.get("text-align-last") == "end"
    default = by_text(root, "Default", fo=True)
    assert default.get("text-indent") == "3em" and default.get("text-align") == "start"
    assert by_text(root, "Pointed", fo=True).get("letter-spacing") == "2pt"
    assert by_text(root, "Bolded", fo=True).get("font-weight") == "bold"
    assert by_text(root, "Navy", fo=True).get("color") == "navy"
    up = by_text(root, "up", fo=True)
    assert up.tag == f"{{{FO_NS['fo']}}}inline" and up.get("baseline-shift") == "super"
    assert up.get("font-size") == "70%" and up.get("text-align") is None


def test_later_sources_win_and_keywords_are_case_insensitive(tmp_path):
    body = """<p rendition="#center" rend="RightJustified">All four</p>
    <p rendition="#center" rend="right" style="text-align: justify">Style last</p>
    <p rendition="#right #center">Pointers in order</p>"""
    doc = source(tmp_path, body)
    main, root = html_of(doc), fo_of(doc)
    assert styles(by_text(main, "All four"))["text-align"] == "right"
    assert styles(by_text(main, "Style last"))["text-align"] == "justify"
    assert styles(by_text(main, "Pointers"))["text-align"] == "center"
    assert by_text(root, "All four", fo=True).get("text-align") == "end"
    assert by_text(root, "Style last", fo=True).get("text-align") == "justify"


def test_unknown_keywords_other_schemes_and_non_css_style_are_ignored(tmp_path):
    body = """<p><hi rend="frobnicate">Unknown</hi> <hi style="deutsche-kurrent">Kurrent</hi>
    <hi rendition="#free">Free</hi> <hi rend="frobnicate ITAL">Known</hi>
    <hi style="font-family: Comic; color: #ABCDEF">Fonts</hi></p>"""
    doc = source(tmp_path, body)
    main, root = html_of(doc), fo_of(doc)
    for text in ("Unknown", "Kurrent", "Free"):
        assert "style" not in by_text(main, text).attrib
        assert len(by_text(root, text, fo=True).attrib) == 0
    assert by_text(main, "Known").tag == "i"
    assert styles(by_text(main, "Fonts")) == {"color": "#abcdef"}
    assert by_text(root, "Fonts", fo=True).attrib == {"color": "#abcdef"}


def test_hostile_css_never_reaches_the_outputs(tmp_path):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        renditions = f"""<rendition xml:id="evil" scheme="css">background:url(http://127.0.0.1:{port}/);
        color:red;}}&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;</rendition>"""
        body = f"""<p rendition="#evil">Evil</p>
        <p style="font-size: expression(alert(1)); margin-left: 1em\\9; color: re\\64; text-indent: 2em /* x */;
          letter-spacing: 1pt">Sly</p>
        <p rend="x&lt;script&gt;" style="@import url(http://127.0.0.1:{port}/); font-weight: bold">Import</p>"""
        doc = source(tmp_path, body, renditions)
        page = FORMATS["html"].render(doc, {}).decode("utf-8")
        fo = pdf.make_fo([doc], {})
        pdf.render_pdf(doc, {})
        with pytest.raises(socket.timeout):
            listener.accept()
    for output in (page, fo):
        for bad in ("127.0.0.1", "url(", "<script", "expression", "@import", "\\", "/*", "background"):
            assert bad not in output
    main = lxml.html.fromstring(page).cssselect("main")[0]
    assert styles(by_text(main, "Evil")) == {"color": "red"}
    assert styles(by_text(main, "Sly")) == {"letter-spacing": "1pt"}
    assert styles(by_text(main, "Import")) == {"font-weight": "bold"}


def test_superscripts_and_subscripts_stay_joined_in_text(tmp_path):
    body = """<p>H<hi rend="sub">2</hi>O and x<hi rendition="#up">2</hi>, <hi rend="italic">said</hi>.</p>"""
    doc = source(tmp_path, body, RENDITIONS + '<rendition xml:id="up">vertical-align: super</rendition>')
    assert "H2O and x2, said." in FORMATS["txt"].render(doc, {}).decode("utf-8")
    main = html_of(doc)
    assert "H2O and x2, said." in main.text_content()
    assert [e.tag for e in main.iter("sub", "sup")] == ["sub", "sup"]


def test_dta_center_rendition_is_centred_in_html_and_fo():
    path = need(CORPUS / "shapes" / "dta" / "pj001.xml")
    doc = Document.load(path)
    centred = [p for p in doc.tree.iter("{http://www.tei-c.org/ns/1.0}p")
               if "#center" in p.get("rendition", "").split() and (p.text or "").strip()]
    assert centred
    words = " ".join(centred[0].text.split()[:3])
    main = html_of(doc)
    assert styles(by_text(main, words))["text-align"] == "center"
    block = by_text(fo_of(doc), words, fo=True)
    assert block.get("text-align") == "center" and block.get("text-align-last") == "center"


def test_table_cells_take_their_rendition(tmp_path):
    body = """<table><row><cell rendition="#right">Pointed cell</cell><cell>Plain cell</cell></row></table>"""
    doc = source(tmp_path, body)
    assert styles(by_text(html_of(doc), "Pointed cell")) == {"text-align": "right"}
    assert by_text(fo_of(doc), "Pointed cell", fo=True).get("text-align") == "end"


def test_elements_with_rules_of_their_own_take_their_rendition_in_fo_as_in_html(tmp_path):
    # A name, a foreign word or a place has its own rule in the print edition; its rendition
    # (@rend, @rendition, or the header's default for its element) is set around what the rule
    # makes, as the web edition sets it on the element.
    body = """<p>Mr <persName rend="smallcaps">Smith</persName> of <placeName>Boston</placeName> said
    <foreign xml:lang="la" rendition="#heavy">ipso facto</foreign>, <title rend="underline">Annals</title>.</p>"""
    renditions = """<rendition xml:id="heavy" scheme="css">font-weight: bold</rendition>
    <rendition selector="placeName">text-decoration: underline</rendition>"""
    doc = source(tmp_path, body, renditions)
    main, root = html_of(doc), fo_of(doc)
    assert styles(by_text(main, "Boston")) == {"text-decoration": "underline"}
    boston = root.xpath("//fo:inline[. = 'Boston']", namespaces=FO_NS)
    assert [e.get("text-decoration") for e in boston] == ["underline"]
    smith = root.xpath("//fo:inline[. = 'SMITH']", namespaces=FO_NS)[0]  # small capitals, as for hi
    assert smith.xpath("string(.//fo:inline[@font-size = '80%'])", namespaces=FO_NS) == "MITH"
    ipso = root.xpath("//fo:inline[@font-weight = 'bold'][. = 'ipso facto']", namespaces=FO_NS)
    assert ipso and ipso[0].xpath(".//fo:inline/@font-style", namespaces=FO_NS) == ["italic"]
    annals = root.xpath("//fo:inline[@text-decoration = 'underline'][. = 'Annals']", namespaces=FO_NS)
    assert annals and annals[0].xpath(".//fo:inline/@font-style", namespaces=FO_NS) == ["italic"]
