"""schema/teipipe.rng holds what documentary editions print: the FRUS volumes of ../shared pass it
wherever tei_all passes them, an edition's own namespace (frus:) gets one warning per element name,
and what tei_all rejects in the TEI namespace stays rejected here."""

from __future__ import annotations

from collections import Counter

import pytest
from lxml import etree
from conftest import PROJECT, TEI_ALL, line_of, need, volumes
from pipeline.validation import jing
from pipeline.validation import Options, validate_paths
from pipeline.validation.checks import relaxng

SCHEMA = PROJECT / "schema" / "teipipe.rng"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
needs_jing = pytest.mark.skipif(not jing.available(), reason="Java or Jing not installed")

FRUS_ATTACHMENT = ('        <frus:attachment frus:kind="enclosure"><p>Enclosed.</p>'
                   '<closer><signed>G.</signed></closer></frus:attachment>\n')
#: A title page, a numbered list, a glossary, a table, a figure and a correspondence header.
EDITION = f"""\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="{FRUS_NS}" xml:id="edition" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>An edition</title><editor role="primary">E. Ditor</editor></titleStmt>
      <publicationStmt><p>Unpublished test.</p></publicationStmt>
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <correspDesc>
        <correspAction type="sent"><persName>Gresham</persName><date when="1894-02-01"/></correspAction>
        <correspContext><ptr target="#d1"/></correspContext>
      </correspDesc>
    </profileDesc>
  </teiHeader>
  <text>
    <front>
      <titlePage type="main">
        <figure><graphic url="figure_0001"/><figDesc>The seal</figDesc></figure>
        <docTitle><titlePart type="series">Foreign Relations</titlePart></docTitle>
        <byline>Edited by <docAuthor>E. Ditor</docAuthor></byline>
        <docEdition>First edition</docEdition>
        <docImprint><pubPlace>Washington:</pubPlace><lb/><publisher>GPO</publisher>
          <docDate when="1895">1895.</docDate></docImprint>
      </titlePage>
      <div type="toc"><list type="toc"><head>Contents</head><item>Nicaragua</item></list></div>
    </front>
    <body>
      <div type="chapter" xml:id="d1"><head>No. 1. <gloss type="from">Gresham</gloss></head>
        <fw type="header">Nicaragua</fw><milestone unit="section"/>
        <p>Points:<list rend="numbered"><item>one</item><item>two <gap unit="lines" quantity="2"/></item></list></p>
        <list type="gloss"><label><term>HCL</term></label><item>a collection</item></list>
        <table rows="1" cols="2"><head>Claims</head>
          <row role="label"><cell>Name</cell><cell role="num" cols="1">Dollars</cell></row></table>
{FRUS_ATTACHMENT}      </div>
    </body>
  </text>
</TEI>
"""


def jing_findings(text: str, schema, folder) -> list:
    """Jing's findings for `text` against `schema` (libxml2 stops at the first error of each element)."""
    document = folder / "edition.xml"
    document.write_text(text, encoding="utf-8")
    return jing.Batch(schema, {document: "edition"}).start().findings()["edition"]


@needs_jing
def test_every_error_on_a_frus_volume_is_one_tei_all_reports_on_the_same_line():
    files = volumes()
    ours = jing.Batch(SCHEMA, {v: str(v) for v in files}).start()
    theirs = jing.Batch(need(TEI_ALL), {v: str(v) for v in files}).start()
    ours, theirs = ours.findings(), theirs.findings()
    for volume in files:
        tei_all_lines = {f.line for f in theirs[str(volume)]}
        assert tei_all_lines, volume  # FRUS's own frus: elements are errors to tei_all
        assert [str(f) for f in ours[str(volume)] if f.line not in tei_all_lines] == []


def test_frus_elements_are_one_warning_per_element_name():
    files = volumes()
    report = validate_paths(files, Options(schema=SCHEMA, schematron=None, embedded_schematron=False))
    for volume, result in zip(files, report.files):
        assert [str(f) for f in result.findings if f.rule == "relaxng"] == []
        warned = Counter(f.message.split()[1] for f in result.findings if FRUS_NS in f.message)
        assert warned == {"frus:attachment": 1}, result.findings
        assert all(f.level == "warning" for f in result.findings if FRUS_NS in f.message)


def test_the_builds_verdict_on_a_frus_volume_is_jings():
    """libxml2 judges each document a build publishes: it must not reject what Jing accepts
    (it rejected 61 frus:attachment of frus1894Nicaragua while the wildcard was a define)."""
    libxml2 = relaxng(SCHEMA)
    for volume in volumes():
        assert libxml2.validate(etree.parse(str(volume))), [str(e) for e in libxml2.error_log][:3]


@pytest.mark.parametrize("content", [
    pytest.param("<p>Enclosed.</p><closer><signed>G.</signed></closer>", id="document-content"),
    pytest.param("<head>Enclosure</head><dateline>Managua</dateline><p>a</p><pb n='2'/><p>b</p>", id="heading-and-pages"),
    pytest.param("<div><p>a</p></div><frus:attachment><p>b</p></frus:attachment>", id="nested"),
])
def test_the_builds_verdict_accepts_an_attachment_wherever_a_division_goes_on(content):
    """After a paragraph, after a closer, before and after another: every place FRUS puts one."""
    for before in ("<p>Text.</p>", "<p>Text.</p><closer>G.</closer>", "<pb n='1'/>", ""):
        attachment = f"<frus:attachment>{content}</frus:attachment>"
        text = EDITION.replace(FRUS_ATTACHMENT, f"{before}{attachment}<pb n='3'/>{attachment}\n")
        libxml2 = relaxng(SCHEMA)
        assert libxml2.validate(etree.fromstring(text.encode())), (before, str(libxml2.error_log))


@pytest.mark.parametrize("content", [
    pytest.param("<p>a <listing/></p>", id="unknown-tei-element"),
    pytest.param("<p>a <p>b</p></p>", id="p-in-p"),
    pytest.param("<foo/>", id="element-in-no-namespace"),
])
def test_the_builds_verdict_still_checks_the_tei_inside_an_attachment(content):
    text = EDITION.replace(FRUS_ATTACHMENT, f"<frus:attachment>{content}</frus:attachment>\n")
    assert not relaxng(SCHEMA).validate(etree.fromstring(text.encode()))


@needs_jing
def test_an_edition_with_list_table_glossary_and_title_page_is_valid_here_and_in_tei_all(tmp_path):
    assert [str(f) for f in jing_findings(EDITION, SCHEMA, tmp_path)] == []
    # tei_all knows no frus: element (nor its content); everything else it accepts
    rejected = {f.line for f in jing_findings(EDITION, need(TEI_ALL), tmp_path)}
    assert rejected == {line_of(EDITION, "<frus:attachment")}


@needs_jing
@pytest.mark.parametrize("fragment", [
    pytest.param("<p>a <p>b</p></p>", id="p-in-p"),
    pytest.param("<p>a <listing/></p>", id="unknown-tei-element"),
    pytest.param("<p>a <foo/></p>", id="element-in-no-namespace"),
    pytest.param('<list><item>a</item><label>b</label></list>', id="label-after-item"),
    pytest.param('<table><cell>a</cell></table>', id="cell-outside-row"),
    pytest.param('<p>a <hi xmlns:t="http://www.tei-c.org/ns/1.0" t:rend="x">b</hi></p>', id="tei-attribute-prefixed"),
])
def test_what_tei_all_rejects_stays_rejected(fragment, tmp_path):
    text = EDITION.replace('<fw type="header">Nicaragua</fw>', fragment)
    line = line_of(EDITION, "<fw ")
    assert line in {f.line for f in jing_findings(text, need(TEI_ALL), tmp_path)}
    assert line in {f.line for f in jing_findings(text, SCHEMA, tmp_path)}
