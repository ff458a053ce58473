"""schema/teipipe.rng: our encodings pass it, it is a subset of TEI, and it rejects on the right line.

The subset proof has two halves: a structural check that no element of ours allows a child or
an attribute that TEI's element of the same name does not, and hand-written documents that use
every element of ours and must pass full TEI (tei_all) as well.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from conftest import PROJECT, TEI, TEI_ALL, line_of, need
from test_schema_editions import EDITION, FRUS_ATTACHMENT
from pipeline.parsing import parse
from pipeline.validation.checks import relaxng, validate_tree

SCHEMA = PROJECT / "schema" / "teipipe.rng"
ENCODINGS = sorted(TEI.glob("*.xml"))
RNG = "{http://relaxng.org/ns/structure/1.0}"


@pytest.fixture(scope="session")
def teipipe() -> Path:
    relaxng(SCHEMA.resolve())  # a schema that does not compile fails here, once
    return SCHEMA


@pytest.fixture(scope="session")
def tei_all() -> Path:
    # libxml2 takes about 6.5 s to compile full TEI; relaxng() keeps it for the whole process
    relaxng(need(TEI_ALL).resolve())
    return TEI_ALL


def findings(text: str, schema: Path):
    tree = etree.ElementTree(etree.fromstring(text.encode()))
    return validate_tree(tree, "<string>", schema)


def problems(path: Path, schema: Path) -> list[str]:
    return [str(finding) for finding in validate_tree(parse(path), str(path), schema)]


# ------------------------------------------------------------------ the project's encodings

encodings = pytest.mark.parametrize(
    "path",
    ENCODINGS or [pytest.param(None, marks=pytest.mark.skip(reason="tei/ has no files yet"))],
    ids=lambda path: path.name if path else "none",
)


@encodings
def test_encoding_is_valid_against_teipipe(path, teipipe):
    assert problems(path, teipipe) == []


@encodings
def test_encoding_is_valid_against_tei_all(path, tei_all):
    assert problems(path, tei_all) == []


# ----------------------------------------------------------- teipipe is a restriction of TEI

def vocabulary(schema: Path) -> dict[str | None, tuple[set, set]]:
    """Per element name: the child elements ("#text" for text) and attributes its patterns allow.

    References are followed; nested element patterns are not entered. None stands for a
    wildcard name (TEI's anyName; ours: elements and attributes of other namespaces).
    """
    root = etree.parse(str(schema)).getroot()
    defines = defaultdict(list)
    for define in root.iter(RNG + "define"):
        defines[define.get("name")].append(define)

    def collect(node, seen, children, attributes):
        for child in node.iterchildren(RNG + "*"):
            kind = etree.QName(child).localname
            if kind == "element":
                children.add(child.get("name"))
            elif kind == "attribute":
                attributes.add(child.get("name"))
            elif kind == "text":
                children.add("#text")
            elif kind == "mixed":  # text interleaved with its content
                children.add("#text")
                collect(child, seen, children, attributes)
            elif kind == "ref":
                if child.get("name") not in seen:
                    seen.add(child.get("name"))
                    for define in defines[child.get("name")]:
                        collect(define, seen, children, attributes)
            else:
                collect(child, seen, children, attributes)

    result = defaultdict(lambda: (set(), set()))
    for element in root.iter(RNG + "element"):
        collect(element, set(), *result[element.get("name")])
    return result


def test_every_element_child_and_attribute_is_allowed_by_tei():
    ours, tei = vocabulary(SCHEMA), vocabulary(need(TEI_ALL))
    excess = {}
    for name, (children, attributes) in ours.items():
        if name is None:  # an edition's own namespace: outside TEI, so outside the subset
            continue
        children, attributes = children - {None}, attributes - {None}
        assert name in tei, f"<{name}> is not a TEI element"
        tei_children, tei_attributes = tei[name]
        extra = (set() if None in tei_children else children - tei_children) | {
            "@" + a for a in attributes - tei_attributes}
        if extra:
            excess[name] = sorted(extra)
    assert excess == {}, "allowed here but not by TEI"


def test_mixed_content_is_written_mixed_so_that_libxml2_compiles_the_schema_fast():
    # libxml2 builds an automaton for a repeated choice holding text, and checks its
    # determinism at a cost of the square of its elements: the schema took 0.16 s to compile
    root = etree.parse(str(SCHEMA)).getroot()
    text_in_choices = [text.sourceline for text in root.iter(RNG + "text")
                       if etree.QName(text.getparent()).localname == "choice"]
    assert text_in_choices == []


HEADER = """\
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Test document</title></titleStmt>
      <publicationStmt><p>Unpublished test.</p></publicationStmt>
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>
  </teiHeader>"""

LETTER = f"""\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="minimal-letter" xml:lang="en">
{HEADER}
  <text>
    <body>
      <div type="document" n="11">
        <head>Letter From the Ambassador to Japan (<persName ref="#p_MDA1">MacArthur</persName>)</head>
        <opener>
          <dateline><placeName>Tokyo</placeName>, <date when="1958-04-18">April 18, 1958</date></dateline>
          <salute>Dear Mr. Secretary:</salute>
        </opener>
        <p>Walter Robertson has sent me a copy of your memorandum.</p>
        <closer><salute>Sincerely,</salute><signed>Doug</signed></closer>
      </div>
    </body>
  </text>
</TEI>
"""

APPARATUS = """\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="apparatus" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="main" level="a">Letter From MacArthur to Dulles</title>
        <title type="series" level="s">Foreign Relations of the United States</title>
        <author ref="#p_MDA1">Douglas MacArthur II</author>
        <editor>An Editor</editor>
        <respStmt><resp>Encoded by</resp><name>teipipe</name></respStmt>
      </titleStmt>
      <publicationStmt>
        <publisher>teipipe</publisher>
        <distributor>teipipe</distributor>
        <pubPlace>Online</pubPlace>
        <date when="2024-07-08">2024</date>
        <idno type="frus">frus1958-60v18d11</idno>
        <availability status="free">
          <licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0</licence>
        </availability>
      </publicationStmt>
      <sourceDesc>
        <bibl><title level="m">FRUS, 1958–1960, Volume XVIII</title>,
          <biblScope unit="page" from="22" to="29">pp. 22–29</biblScope></bibl>
      </sourceDesc>
    </fileDesc>
    <encodingDesc>
      <projectDesc><p>Tests.</p></projectDesc>
      <editorialDecl>
        <correction status="high" method="markup"><p>Corrections marked.</p></correction>
        <normalization method="silent"><p>None.</p></normalization>
        <quotation marks="all"><p>Kept.</p></quotation>
        <hyphenation eol="none"><p>Removed.</p></hyphenation>
        <interpretation><p>Names tagged.</p></interpretation>
        <punctuation marks="all" placement="internal"/>
        <segmentation><p>Paragraphs.</p></segmentation>
        <stdVals><p>ISO 8601 dates.</p></stdVals>
      </editorialDecl>
    </encodingDesc>
    <profileDesc>
      <creation><date when="1958-04-18">18 April 1958</date></creation>
      <langUsage><language ident="en">English</language><language ident="ja" usage="1">Japanese</language></langUsage>
      <textClass><keywords scheme="#topics"><term>Security Treaty</term></keywords></textClass>
    </profileDesc>
    <revisionDesc status="draft">
      <listChange ordered="true">
        <change when="2024-07-08" who="#enc">Encoded.</change>
        <change notBefore="2024-07" notAfter="2024-08" who="#enc #rev">Checked.</change>
      </listChange>
    </revisionDesc>
  </teiHeader>
  <text>
    <front><p>Headnote.</p></front>
    <body>
      <pb n="22" xml:id="pg_22" facs="page22.png"/>
      <div type="document" n="11" xml:id="d11">
        <head>Letter From <persName><roleName>Ambassador</roleName> <forename>Douglas</forename>
          <surname>MacArthur</surname> <genName>II</genName></persName><note n="0" type="source"
          place="foot"><p>Source: <bibl>Department of State, Central Files, <idno>794.5/4–1858</idno></bibl>.
          <hi rend="italic">Secret</hi>.</p></note></head>
        <div type="letter">
          <opener><dateline><settlement>Tokyo</settlement>, <date when="1958-04-18">April 18</date></dateline></opener>
          <p>Your memorandum of <date when="1958-03-23">March 23</date><note n="1" type="source" place="foot"
            anchored="true" target="#d11" resp="#ed" cert="high">Not printed. See <ref target="#d5">Document
            5</ref>.</note> on the <rs type="org" ref="#o_NATO">alliance</rs> and the
            <choice><sic>Secutiry</sic><corr resp="#ed">Security</corr></choice> Treaty
            <choice><abbr>U.S.</abbr><expan>United States</expan></choice>
            <choice><orig>honour</orig><reg>honor</reg></choice>
            <gap reason="not-declassified" unit="line" quantity="3.5"/>
            <gap reason="illegible" unit="word" quantity="1" extent="one word"><desc>blot</desc></gap>
            <supplied reason="omitted" resp="#ed" cert="medium">the</supplied>
            <unclear>Kishi</unclear> <del hand="#h1">not</del><add place="above" hand="#h2">now</add>
            <handShift new="#h2" medium="pencil"/> <stage type="aside">aside</stage>
            <quote>“the pattern for any such agreements”</quote> <q>calculated risk</q>
            <said who="#p_MDA1">I agree</said> <foreign xml:lang="ja">Hanamichiron</foreign>
            <emph>vital</emph> <soCalled>“equal”</soCalled> <term>mutual security</term> <title level="j">Bulletin</title>
            <ptr target="#d5"/> <num value="7">7th</num> Fleet, <seg type="clause">a seg</seg>,
            <name type="ship">Missouri</name>, <orgName ref="#o_DOS">the Department</orgName>,
            <placeName ref="#pl_tokyo"><settlement>Tokyo</settlement>, <country>Japan</country></placeName>
            <region>Kanto</region><lb/>next line<pb n="23" facs="page23.png"/>next page.
            <date from="1958-05-07" to="1958-05-09">May 7–9</date>
            <date when="1958-04-18T10:00:00">that morning</date>
            <floatingText type="enclosure"><body><p>A short inline enclosure.</p></body></floatingText></p>
          <closer><salute>Sincerely,</salute><signed>Doug<note type="editorial" place="end">Initialed.</note></signed></closer>
          <postscript><p>P.S. Regards.</p></postscript>
        </div>
        <div type="enclosure">
          <head>Enclosure</head>
          <floatingText type="enclosure">
            <body>
              <opener><salute>Dear Walter:</salute></opener>
              <p>Thank you very much for your letter.</p>
              <lg type="poem"><head>Lines</head><l n="1">A first line,</l><lg><l part="I">a second</l></lg></lg>
              <l>A line alone.</l>
              <ab type="register">An entry of a register.</ab>
              <sp who="#p_MDA1"><speaker>MacArthur.</speaker><p>Agreed.</p><stage type="exit">Exit.</stage></sp>
              <u who="#p_MDA1">As transcribed.</u>
              <div type="section"><head>Summary</head><p>To summarize.</p></div>
              <closer><signed>Douglas MacArthur II</signed></closer>
            </body>
          </floatingText>
        </div>
      </div>
    </body>
    <back><div type="section"><head>Endnotes</head><p>None.</p></div></back>
  </text>
</TEI>
"""

AUTHORITY = """\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="authority" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Persons, places and organizations</title></titleStmt>
      <publicationStmt><authority>teipipe</authority><availability><p>Free.</p></availability></publicationStmt>
      <sourceDesc><p>Compiled from the documents.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listPerson type="persons">
      <head>Persons</head>
      <person xml:id="p_MDA1" sex="M">
        <persName type="main"><forename>Douglas</forename> <surname>MacArthur</surname>
          <genName>II</genName></persName>
        <persName type="alt"><roleName>Ambassador</roleName> <addName>Doug</addName>
          <nameLink>of</nameLink></persName>
        <idno type="wikidata">Q1251437</idno>
        <occupation from="1957-02" to="1961-03">Ambassador to Japan</occupation>
        <occupation notBefore="1935" notAfter="1936">Foreign Service officer</occupation>
        <affiliation ref="#o_DOS" when="1958">Department of State</affiliation>
        <state type="rank"><desc>Career minister</desc></state>
        <birth when="1908-07-05"><placeName>Bryn Mawr</placeName></birth>
        <death when="1997-11-15"/>
        <event when="1960-01-19" type="signing"><desc>Signed the revised treaty.</desc></event>
        <note type="editorial">Nephew of General Douglas MacArthur.</note>
      </person>
    </listPerson>
    <listPlace>
      <place xml:id="pl_tokyo" type="city">
        <placeName>Tokyo</placeName>
        <location><geo>35.68 139.69</geo></location>
        <country>Japan</country>
        <settlement>Tokyo</settlement>
        <region>Kanto</region>
        <idno type="geonames">1850147</idno>
      </place>
    </listPlace>
    <listOrg>
      <org xml:id="o_DOS">
        <orgName>Department of State</orgName>
        <desc>Foreign ministry of the <placeName>United States</placeName>.</desc>
        <idno type="wikidata">Q789915</idno>
        <note>Also “State”.</note>
        <org xml:id="o_FE"><orgName>Bureau of Far Eastern Affairs</orgName></org>
      </org>
      <org xml:id="o_NATO"><orgName>NATO</orgName></org>
    </listOrg>
    <listBibl>
      <biblStruct xml:id="b_ikeda2002">
        <analytic>
          <author>Naotaka Ikeda</author>
          <title level="a">Independent Diplomacy of HATOYAMA Cabinet and the United States</title>
        </analytic>
        <monogr>
          <title level="j">International Relations</title>
          <idno type="ISSN">0454-2215</idno>
          <imprint><publisher>The Japan Association of International Relations</publisher>
            <date when="2002">2002</date></imprint>
          <biblScope unit="issue">129</biblScope>
          <biblScope unit="page" from="173" to="185">173–185</biblScope>
        </monogr>
        <series><title level="s">Kokusai Seiji</title></series>
        <citedRange unit="page" from="173">173</citedRange>
      </biblStruct>
    </listBibl>
  </standOff>
</TEI>
"""


@pytest.mark.parametrize("text", [LETTER, APPARATUS, AUTHORITY, EDITION.replace(FRUS_ATTACHMENT, "")],
                         ids=["letter", "apparatus", "authority", "edition"])
def test_document_valid_here_is_valid_tei(text, teipipe, tei_all):
    assert [str(f) for f in findings(text, teipipe)] == []
    assert [str(f) for f in findings(text, tei_all)] == []


def test_those_documents_use_every_element_of_ours():
    from test_schema_shapes import SHAPES  # (it imports this module: not at the top)
    used = {etree.QName(el).localname
            for text in (LETTER, APPARATUS, AUTHORITY, EDITION, *SHAPES.values())
            for el in etree.fromstring(text.encode()).iter()}
    assert set(vocabulary(SCHEMA)) - used - {None} == set(), "add these to a document above"


# ------------------------------------------------------------ rejections, on the right line

def letter_with(paragraph: str) -> str:
    return LETTER.replace("<p>Walter Robertson has sent me a copy of your memorandum.</p>", paragraph)


@pytest.mark.parametrize("text, needle, says", [
    pytest.param(letter_with('<p>From <persName foo="x">Dulles</persName></p>'), "<persName foo",
                 "Invalid attribute foo", id="unknown-attribute"),
    pytest.param(letter_with('<p><date when="1958-13-01">a</date></p>'), "1958-13-01",
                 "Invalid attribute when", id="month-13"),
    pytest.param(letter_with('<p><date when="April 1958">a</date></p>'), "April 1958",
                 "Invalid attribute when", id="date-in-words"),
    # libxml2 checks the day against the month: 30 February is not a date
    pytest.param(letter_with('<p><date when="1958-02-30">a</date></p>'), "1958-02-30",
                 "Invalid attribute when", id="february-30"),
    pytest.param(letter_with('<p><date when="1958" from="1958">a</date></p>'), 'from="1958"',
                 "Invalid attribute from", id="when-with-from"),
    pytest.param(letter_with('<p>a<gap reason="redacted"/></p>'), "redacted",
                 "Invalid attribute reason", id="unknown-gap-reason"),
    pytest.param(letter_with('<p><ref target="">a</ref></p>'), 'target=""',
                 "Invalid attribute target", id="empty-pointer"),
    pytest.param(letter_with('<p>a <foo/> b</p>'), "<foo/>",
                 "Did not expect element foo", id="unknown-element"),
    pytest.param(LETTER.replace('xml:lang="en"', 'xml:lang="en_US"'), "en_US",
                 "Invalid attribute lang", id="bad-language-tag"),
    pytest.param(LETTER.replace("""
    <fileDesc>
      <titleStmt><title>Test document</title></titleStmt>
      <publicationStmt><p>Unpublished test.</p></publicationStmt>
      <sourceDesc><p>Written for the tests.</p></sourceDesc>
    </fileDesc>""", ""), "<teiHeader", "fileDesc", id="missing-fileDesc"),
])
def test_invalid_document_is_rejected_on_its_line(text, needle, says, teipipe):
    line = line_of(text, needle)
    errors = findings(text, teipipe)
    assert any(f.line == line and says in f.message for f in errors), errors


# ------------------------------------------------- suggested values: other kinds pass, slips warn

@pytest.mark.parametrize("old, new", [
    ('type="document"', 'type="act"'), ('type="document"', 'type="textpart"'),
    ('<p>Walter', '<p><note type="commentary">n</note> <rs type="work">Walter</rs>'),
])
def test_a_kind_teipipe_does_not_lay_out_specially_is_valid(old, new, teipipe):
    """div, rs and note types are suggested values, as in TEI's semi-open lists: a play's acts,
    EpiDoc's textparts, a commentary note, a work named are valid, and no slip is reported."""
    assert findings(LETTER.replace(old, new, 1), teipipe) == []
    assert check_words(LETTER.replace(old, new, 1)) == []


@pytest.mark.parametrize("old, new, meant", [
    ('type="document"', 'type="documnet"', "document"),
    ('type="document"', 'type="Letter"', "letter"),
    ('<p>Walter', '<p><rs type="persn">Walter</rs>', "person"),
])
def test_a_value_spelled_nearly_like_a_suggested_one_is_a_slip_on_its_line(old, new, meant):
    text = LETTER.replace(old, new, 1)
    slips = check_words(text)
    assert len(slips) == 1 and f'did you mean "{meant}"?' in slips[0].message
    assert slips[0].line == line_of(text, new)


def check_words(text: str):
    """The slip warnings of the default validation of `text` (pipeline.validation.suggested)."""
    from pipeline.validation import DEFAULT_SCHEMA, suggested
    from pipeline.validation.locate import SourceMap
    tree = etree.ElementTree(etree.fromstring(text.encode()))
    where = lambda: SourceMap(tree, text.encode())  # noqa: E731
    return suggested.slips(tree, "<string>", DEFAULT_SCHEMA, where)

