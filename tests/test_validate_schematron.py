"""schema/teipipe.sch: each rule fires on a failing document, on the right line and column, at
the level its @role gives, and stays silent on a passing one."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import PROJECT
from pipeline.findings import ERROR, WARNING
from pipeline.parsing import read
from pipeline.validation import schematron
from pipeline.validation.locate import SourceMap
from pipeline.validation.schemas import DEFAULT_SCHEMATRON

SCH = "{http://purl.oclc.org/dsdl/schematron}"

PERSONS = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>People</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
  </fileDesc></teiHeader>
  <standOff>
    <listPerson><person xml:id="dulles"><persName>John Foster Dulles</persName></person></listPerson>
    <listPlace><place xml:id="tokyo"><placeName>Tokyo</placeName></place></listPlace>
    <listOrg><org xml:id="nato"><orgName>NATO</orgName></org></listOrg>
  </standOff>
</TEI>
"""

DOCUMENT = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc><titleStmt><title>Test</title></titleStmt>
      <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
    </fileDesc>
    <profileDesc><langUsage><language ident="en">English</language>
      <language ident="ja-Latn">Japanese</language></langUsage></profileDesc>
  </teiHeader>
  <text><body>
{body}
  </body></text>
</TEI>
"""


def document(content: str) -> str:
    if not content.startswith("<div"):
        content = f'<div type="document" n="1"><head>Head</head>\n{content}\n</div>'
    return DOCUMENT.format(body=content)


#: rule, failing content, passing content, the text the finding must point at in the failing one
CASES = [
    ("pointer-resolves", '<p><persName ref="#nobody">X</persName></p>',
     '<p xml:id="p1"><rs type="person" ref="persons.xml#dulles">he</rs> <ref target="#p1">here</ref></p>',
     'ref="#nobody"'),
    ("pointer-resolves", '<p><persName ref="persons.xml#nobody">X</persName></p>',
     '<p><persName ref="persons.xml#dulles">X</persName></p>', 'ref="persons.xml#nobody"'),
    ("pointer-resolves", '<p><persName ref="people.xml#dulles">X</persName></p>',
     '<p><persName ref="https://example.org/people.xml#dulles">X</persName></p>',
     'ref="people.xml#dulles"'),
    ("pointer-inside-edition", '<p><persName ref="../persons.xml#dulles">X</persName></p>',
     '<p><persName ref="./persons.xml#dulles">X</persName></p>', 'ref="../persons.xml#dulles"'),
    ("id-unique-across-files", '<p xml:id="dulles"><persName ref="persons.xml#dulles">X</persName></p>',
     '<p xml:id="d1-p1"><persName ref="persons.xml#dulles">X</persName></p>', 'xml:id="dulles"'),
    ("date-real", '<p><date when="1958-02-30">30 February</date></p>',
     '<p><date when="1960-02-29">29 February</date></p>', 'when="1958-02-30"'),
    ("date-range-ordered", '<p><date from="1958-05-09" to="1958-05-07">May</date></p>',
     '<p><date from="1958-05" to="1958-05-07">May</date></p>', 'to="1958-05-07"'),
    ("date-bounds-ordered", '<p><date notBefore="1958-06" notAfter="1958-05-31">spring</date></p>',
     '<p><date notBefore="1958-05" notAfter="1958-06-01">spring</date></p>', 'notAfter="1958-05-31"'),
    ("language-declared", '<p xml:lang="fr">Bonjour</p>', '<p xml:lang="ja-Latn">Konnichiwa</p>',
     'xml:lang="fr"'),
    ("pointer-kind", '<p><persName ref="persons.xml#tokyo">Tokyo</persName></p>',
     '<p><persName ref="persons.xml#dulles">Dulles</persName></p>', '<persName'),
    ("pointer-kind-place", '<p><placeName ref="persons.xml#dulles">Dulles</placeName></p>',
     '<p><placeName ref="persons.xml#tokyo">Tokyo</placeName></p>', '<placeName'),
    ("pointer-kind-org", '<p><orgName ref="persons.xml#tokyo">Tokyo</orgName></p>',
     '<p><orgName ref="persons.xml#nato">NATO</orgName></p>', '<orgName'),
    ("rs-typed", '<p><rs ref="persons.xml#dulles">the Secretary</rs></p>',
     '<p><rs type="person" ref="persons.xml#dulles">the Secretary</rs></p>', '<rs'),
    ("pointer-kind-rs", '<p><rs type="place" ref="persons.xml#dulles">the capital</rs></p>',
     '<p><rs type="place" ref="persons.xml#tokyo">the capital</rs></p>', '<rs'),
    ("notes-numbered-from-1", '<p>a<note place="foot" n="2">x</note></p>',
     '<p>a<note place="foot" n="1">x</note></p>', '<note'),
    ("notes-numbered-in-order",
     '<p>a<note place="foot" n="1">x</note>\nb<note place="foot" n="3">y</note></p>',
     '<p>a<note place="foot" n="1">x</note>\nb<note place="foot" n="2">y</note></p>',
     '<note place="foot" n="3"'),
    ("source-note-unnumbered", '<p>a<note type="source" place="foot" n="1">Source.</note></p>',
     '<p>a<note type="source" place="foot">Source.</note></p>', '<note'),
    ("footnote-numbered", '<p>a<note place="foot">x</note></p>', '<p>a<note place="foot" n="1">x</note></p>',
     '<note'),
    ("pages-in-order", '<p>a<pb n="22"/>b\n<pb n="24"/>c</p>', '<p>a<pb n="22"/>b\n<pb n="23"/>c</p>',
     '<pb n="24"'),
    ("date-normalized", '<p><date>April 1958</date></p>', '<p><date when="1958-04">April 1958</date></p>',
     '<date'),
    ("choice-alternatives", '<p><choice><corr>United States</corr></choice></p>',
     '<p><choice><sic>United State</sic><corr>United States</corr></choice></p>', '<choice'),
    ("choice-pairs", '<p><choice><sic>United State</sic><reg>United States</reg></choice></p>',
     '<p><choice><orig>shew</orig><reg>show</reg></choice></p>', '<choice'),
    ("gap-unit", '<p><gap reason="illegible" quantity="3"/></p>',
     '<p><gap reason="illegible" quantity="3" unit="line"/></p>', '<gap'),
    ("gap-reason", '<p><gap/></p>', '<p><gap reason="not-declassified"/></p>', '<gap'),
    ("foreign-language", '<p><foreign>kokutai</foreign></p>',
     '<p><foreign xml:lang="ja-Latn">kokutai</foreign></p>', '<foreign'),
    ("document-numbered", '<div type="document"><head>Head</head><p>x</p></div>',
     '<div type="document" n="2"><head>Head</head><p>x</p></div>', '<div type="document"'),
    ("document-head", '<div type="document" n="1"><p>x</p></div>',
     '<div type="document" n="1"><head>Head</head><p>x</p></div>', '<div type="document"'),
]


def roles() -> dict[str, str]:
    """Each assertion's id and level, read from the schema itself."""
    root = etree.parse(str(DEFAULT_SCHEMATRON)).getroot()
    return {a.get("id"): WARNING if a.get("role") == "warning" else ERROR
            for a in root.iter(f"{SCH}assert", f"{SCH}report")}


def check(folder: Path, name: str, text: str):
    (folder / "persons.xml").write_text(PERSONS, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    parsed = read(path)
    return schematron.check(parsed.tree, str(path), DEFAULT_SCHEMATRON,
                            lambda: SourceMap(parsed.tree, parsed.data))


def position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_every_rule_of_the_schema_has_a_case():
    assert set(roles()) == {case[0] for case in CASES}
    assert DEFAULT_SCHEMATRON == PROJECT / "schema" / "teipipe.sch"


@pytest.mark.parametrize("rule, failing, passing, needle", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_on_the_node_and_only_there(tmp_path, rule, failing, passing, needle):
    text = document(failing)
    fired = [f for f in check(tmp_path, "bad.xml", text) if f.rule == rule]
    assert fired, f"{rule} did not fire on:\n{text}"
    assert (fired[0].line, fired[0].col) == position(text, needle), fired
    assert fired[0].level == roles()[rule]
    assert fired[0].file == str(tmp_path / "bad.xml")
    assert check(tmp_path, "good.xml", document(passing)) == []


def test_messages_name_what_is_wrong(tmp_path):
    text = document('<p><persName ref="persons.xml#nobody">X</persName>'
                    '<date when="1958-02-30">x</date><note place="foot" n="1">a</note>'
                    '<note place="foot" n="3">b</note></p>')
    messages = {f.rule: f.message for f in check(tmp_path, "bad.xml", text)}
    assert messages["pointer-resolves"] == \
        '@ref points to nothing: persons.xml#nobody (persons.xml has no xml:id="nobody")'
    assert messages["date-real"] == '@when="1958-02-30" is not a real date: February 1958 has 28 days'
    assert messages["notes-numbered-in-order"] == "note 3 follows note 1: expected 2"


def test_notes_of_an_enclosure_continue_the_numbering_of_their_document(tmp_path):
    text = document('<div type="document" n="1"><head>H</head><p>a<note place="foot" n="1">x</note></p>'
                    '<floatingText type="enclosure"><body><p>b<note place="foot" n="2">y</note></p>'
                    '</body></floatingText></div>\n'
                    '<div type="document" n="2"><head>H</head><p>c<note place="foot" n="1">z</note></p></div>')
    assert check(tmp_path, "doc.xml", text) == []


def test_a_pointer_into_an_unreadable_file_says_so(tmp_path):
    (tmp_path / "broken.xml").write_text("<TEI><oops></TEI>", encoding="utf-8")
    found = check(tmp_path, "doc.xml", document('<p><persName ref="broken.xml#x">X</persName></p>'))
    assert [f.rule for f in found] == ["pointer-resolves"]
    assert "broken.xml cannot be read" in found[0].message
