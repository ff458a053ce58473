"""schema/teipipe.rng accepts the TEI other projects write, and stays within TEI.

Each document below is a small piece modelled on a file of ../shared/corpus/shapes (a play of
DraCor, a facsimile of Beta maṣāḥǝft, the title page of a DTA journal, a critical apparatus, a
tokenized ParlaMint debate, a manuscript description...): constructs every TEI project uses that
the schema once rejected. Each must be valid against our schema and against tei_all, so that
widening ours never lets in what TEI does not.
"""

from __future__ import annotations

import pytest

from test_schema import findings, tei_all, teipipe  # noqa: F401 (the fixtures, compiled once per session)


def document(body="<p>Text.</p>", *, title_stmt="", edition="", series="", source="<p>Written for the tests.</p>",
             encoding="", profile="", resources="", front="", back="", text_attributes="") -> str:
    """A TEI document with the given parts, in the order TEI wants them."""
    return f"""\
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Test document</title>{title_stmt}</titleStmt>{edition}
      <publicationStmt><p>Unpublished test.</p></publicationStmt>{series}
      <sourceDesc>{source}</sourceDesc>
    </fileDesc>{encoding}{profile}
  </teiHeader>{resources}
  <text{text_attributes}>{front}
    <body>{body}</body>{back}
  </text>
</TEI>
"""


DRAMA = document(
    front="""<front><castList><head>Dramatis personae</head>
      <castItem><role xml:id="macbeth" gender="male">Macbeth</role>, <roleDesc>a general</roleDesc></castItem>
      <castGroup><head>Witches</head><castItem><role>First Witch</role></castItem></castGroup>
    </castList></front>""",
    body="""<sp who="#macbeth"><speaker>Macbeth.</speaker><l part="I">So foul and fair a day</l>
      <stage type="business" who="#macbeth">Aside.</stage></sp>""",
    profile="""<profileDesc>
      <particDesc><listPerson>
        <person xml:id="p_macbeth" sex="M"><persName>Macbeth</persName><sex value="M"/></person>
        <personGrp xml:id="witches" size="3"><name>Witches</name></personGrp>
      </listPerson></particDesc>
      <settingDesc><setting><placeName>Scotland</placeName></setting></settingDesc>
    </profileDesc>""")

FACSIMILE = document(
    resources="""<facsimile><surface xml:id="f1" ulx="0" uly="0" lrx="2000" lry="3000">
      <graphic url="page1.jpg" width="2000px" height="3000px"/>
      <zone xml:id="z1" ulx="10" uly="10" lrx="500" lry="100" type="line"/>
    </surface></facsimile>""",
    body='<p><pb n="1" facs="#f1"/>Text <graphic url="initial.png" width="2cm"/> on the page.</p>')

SOURCE_DOCUMENT = document(
    resources="""<sourceDoc><surface><zone type="main">
      <line>Ein <del>alter</del><add place="above">neuer</add> Vers</line>
    </zone></surface></sourceDoc>""")

TITLE_PAGE = document(
    front="""<front><titlePage>
        <docTitle><titlePart type="main">Polytechnisches Journal</titlePart></docTitle>
        <byline>herausgegeben von <docAuthor>Johann Gottfried Dingler</docAuthor></byline>
        <docImprint><pubPlace>Stuttgart</pubPlace> <docDate when="1820">1820</docDate></docImprint>
      </titlePage>
      <titlePart type="number">I.</titlePart><titlePart type="main">Ueber die hydraulische Presse.</titlePart>
    </front>""",
    body="""<div type="chapter"><head>Vorrede</head><epigraph><quote>Motto.</quote></epigraph><byline>Von Dingler.</byline><p>Text.</p>
      <trailer>Ende.</trailer></div>""")

APPARATUS = document(
    source="""<listWit><witness xml:id="A">Florence, BML, Acq. e Doni 821</witness>
      <witness xml:id="B">London, BL, Or. 1</witness></listWit>""",
    body="""<p>In the <app type="lexical"><lem wit="#A">beginning</lem><rdg wit="#B" cause="omission">start</rdg>
      <note>B reads otherwise.</note></app> was the word.</p>""")

NOTE_PLACES = document(
    body="""<p>Text<note place="bottom">At the foot.</note> and<note place="margin left">In the left margin.</note>
      more<note place="top">At the head of the page.</note>.</p>""")

BREAKS = document(
    body="""<p>Erste Spalte<cb n="1"/>zweite<pb n="2" ed="first" edRef="#ed1"/>Spal<lb break="no"/>te
      <milestone unit="section" ed="A" type="chapter"/>und <anchor xml:id="a1" type="start"/>weiter.</p>""")

TOKENS = document(
    body="""<p><s type="sentence"><w lemma="the" pos="DET">The</w> <w lemma="word" pos="NOUN" join="right">word</w><pc
      pos="PUNCT" force="strong">.</pc></s> <w>Go<c type="hyphen">-</c>ing</w></p>
      <u>Hear, hear.<incident type="applause"><desc>Applause</desc></incident></u>""")

XML_NAMES = document(
    body='<p>The <gi>div</gi> element has <att>type</att>; write <tag type="start">div</tag>.</p>')

NAMES = document(
    body="""<p><persName key="macbeth" ref="https://www.wikidata.org/wiki/Q130890" role="king" full="yes"><forename>Mac</forename>
      <surname full="abb" key="beth">Beth <addName type="epithet">the Great</addName></surname></persName> met
      <rs type="person" key="duncan" subtype="implied">him</rs> in <title ref="https://www.wikidata.org/wiki/Q5879969">Holinshed</title>
      (<date calendar="#julian" datingMethod="#julian" when="1040">1040</date>), at
      <settlement ref="https://www.geonames.org/2761369"><placeName>Wien</placeName><location><geo>48.2 16.4</geo></location></settlement>.</p>""",
    text_attributes=' type="novel"')

HEADER = document(
    title_stmt="""<funder>Deutsche Forschungsgemeinschaft</funder><sponsor>SAGW</sponsor>
      <meeting n="27">Term 27</meeting>""",
    edition="""<editionStmt><edition>First digital edition</edition><sponsor>SAGW</sponsor></editionStmt>
      <extent><measure unit="words" quantity="1200">1200 words</measure></extent>""",
    series="""<seriesStmt><title>ELTeC</title><editor>An Editor</editor></seriesStmt>
      <notesStmt><note>Converted from the DTA.</note></notesStmt>""",
    encoding="""<encodingDesc>
      <tagsDecl><rendition xml:id="center" scheme="css">text-align: center;</rendition>
        <namespace name="http://www.tei-c.org/ns/1.0"><tagUsage gi="p" occurs="1"/></namespace></tagsDecl>
      <classDecl><taxonomy xml:id="topics"><category xml:id="politics"><catDesc>Politics</catDesc></category></taxonomy></classDecl>
      <charDecl><char xml:id="stroke"><desc>a stroke through a letter</desc></char><glyph xml:id="g1"><desc>a ligature</desc></glyph></charDecl>
    </encodingDesc>""",
    profile="""<profileDesc>
      <abstract><p>A short summary.</p></abstract>
      <textClass><catRef target="#politics"/><classCode scheme="#topics">politics</classCode></textClass>
      <handNotes><handNote xml:id="h1" scribe="writer" medium="ink">Black ink.</handNote></handNotes>
    </profileDesc>""",
    body='<p rendition="#center">Text.</p>')

MANUSCRIPT = document(
    source="""<msDesc type="codex">
      <msIdentifier><country>Italy</country><settlement>Florence</settlement>
        <institution>Biblioteche di Firenze</institution><repository>Biblioteca Medicea Laurenziana</repository>
        <collection>Acquisti e Doni</collection><idno>Acq. e Doni 821</idno>
        <msName>The Florence codex</msName><altIdentifier><idno type="old">Or. 1</idno></altIdentifier></msIdentifier>
      <msContents><summary>Homilies.</summary>
        <msItem><locus from="1r" to="10v">ff. 1r–10v</locus><title>A homily</title>
          <incipit>In the beginning</incipit><explicit>amen</explicit>
          <bibl><title>Homilies</title>, <edition>2nd ed.</edition>, <extent>300 pp.</extent></bibl></msItem></msContents>
      <physDesc>
        <objectDesc form="codex">
          <supportDesc material="parchment"><support>Parchment</support><extent>120 leaves</extent>
            <condition>Good.</condition></supportDesc>
          <layoutDesc><layout columns="2" writtenLines="20">Two columns.</layout></layoutDesc>
        </objectDesc>
        <handDesc hands="1"><handNote script="ethiopic">One hand.</handNote></handDesc>
        <decoDesc><decoNote type="miniature">A miniature.</decoNote></decoDesc>
        <additions><p>A library stamp.</p></additions>
      </physDesc>
      <history><origin notBefore="1500" notAfter="1600">Ethiopia</origin><provenance>Bought.</provenance>
        <acquisition when="1900">Given to the library.</acquisition></history>
      <additional><surrogates><p>Photographs.</p></surrogates></additional>
    </msDesc>""")

TRANSCRIPTION = document(
    body="""<p><gap reason="cancelled" unit="char" quantity="3" agent="stain"/> <abbr>D<am>r</am></abbr>
      <metamark function="deletion" place="margin">|</metamark> <restore><del>word</del></restore> <surplus reason="repeated">the</surplus>
      <subst><del>old</del><add>new</add></subst>
      <address><addrLine>Main Street 1</addrLine><settlement>Vienna</settlement></address> <email>a@b.example</email>
      He said: <quote><l>How doth the little crocodile</l><l>Improve his shining tail</l></quote></p>
      <figure><graphic url="table.png"/><ab type="keywords" part="Y">1820 Januar</ab></figure>""",
    back="""<back><listPerson><person><persName>A. Person</persName></person></listPerson></back>""")

EVENTS = document().replace("</TEI>", """<standOff><listEvent>
    <event when="1623"><label>Printed</label></event></listEvent></standOff>
</TEI>""")

GROUP = document(
    front="""<front><divGen type="toc"/><div type="volume_start"><p><pb n="binding"/></p></div>
      <titlePage><docTitle><titlePart type="main">Polytechnisches Journal. Band 1</titlePart></docTitle></titlePage></front>""",
    body="<p>Body.</p>").replace("<body><p>Body.</p></body>", """<group>
      <head>Articles</head>
      <text n="1"><front><titlePart type="number">I.</titlePart><titlePart type="main">Ueber die Presse.</titlePart></front>
        <body><p>Text.</p></body><back><div><p>Plate.</p></div></back></text>
      <group><text><body><p>A nested one.</p></body></text></group>
    </group>""")

CORPUS = f"""\
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="tr" xml:id="corpus">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Test corpus</title></titleStmt>
      <publicationStmt><p>Unpublished test.</p></publicationStmt>
      <sourceDesc><biblFull><titleStmt><title>The printed record</title></titleStmt>
        <publicationStmt><p>Ankara, 2020.</p></publicationStmt></biblFull></sourceDesc>
    </fileDesc>
  </teiHeader>
  {document().replace(' xmlns="http://www.tei-c.org/ns/1.0"', '')}
</teiCorpus>
"""

STAND_OFF = document(resources="""<standOff>
      <listPerson><person xml:id="ana"><persName>Ana</persName></person><person xml:id="ben"><persName>Ben</persName></person></listPerson>
      <listPlace><place xml:id="ankara"><placeName>Ankara</placeName></place></listPlace>
      <listOrg><org xml:id="chp"><orgName>CHP</orgName></org></listOrg>
      <listEvent><event when="2020"><label>Session</label></event></listEvent>
      <listBibl><bibl>A book</bibl></listBibl>
      <listRelation><relation name="spouse" mutual="#ana #ben"/><relation name="member" active="#ana" passive="#chp"/></listRelation>
    </standOff>""",
    body="""<p><s xml:id="s1"><w xml:id="w1">Merhaba</w> <w xml:id="w2">dünya</w></s></p>
      <linkGrp type="UD-SYN" targFunc="head argument"><link ana="#nsubj" target="#w1 #w2"/></linkGrp>""")

DICTIONARY = document(body="""<superEntry><form type="lemma"><orth>bank</orth></form>
      <entry xml:id="bank1" sortKey="bank"><form type="lemma"><orth>bank</orth><pron notation="ipa">bæŋk</pron><hyph>bank</hyph></form>
        <form type="inflected"><gramGrp><number>pl</number><case>nom</case></gramGrp><orth>banks</orth></form>
        <gramGrp><pos>n</pos><gen>f</gen></gramGrp>
        <etym>From <lang>Italian</lang> <foreign>banca</foreign>.</etym>
        <sense n="1"><usg type="dom">finance</usg><def>an institution that keeps money</def>
          <cit type="example"><quote>the bank is closed</quote></cit>
          <cit type="translation" xml:lang="de"><quote>Bank</quote></cit>
          <sense n="1a"><def>its building</def></sense></sense>
        <re><form><orth>bank holiday</orth></form><def>a public holiday</def></re>
        <xr type="see">See <ref target="#bank2">bank²</ref>.</xr></entry>
      <entry xml:id="bank2"><form><orth>bank</orth></form><sense><def>the side of a river</def></sense></entry></superEntry>
      <entryFree><form>Kampania</form>, <orth type="infl" extent="part">ii</orth>, <gen norm="f">ż</gen>, <gram>i. s.</gram>
        <def>a land in Italy</def></entryFree>""")

EPIDOC = document(body="""<div type="edition" xml:lang="la">
        <div type="textpart" subtype="fragment" n="a"><ab><lb n="1"/>Imp(eratori) <expan><abbr>Caes</abbr><ex>ari</ex></expan>
          <supplied reason="lost" cert="low">Aug</supplied><gap reason="lost" quantity="3" unit="character" precision="low"/>
          <lb n="2" break="no"/>us <unclear>ti</unclear> <del rend="erasure">Getae</del> <g type="leaf" ref="#hedera"/> <num value="5">V</num>
          <space quantity="2" unit="character"/><surplus>ss</surplus> <hi rend="superscript">a</hi>
          <gap reason="lost" extent="unknown" unit="line"/></ab></div></div>
      <div type="translation" xml:lang="en"><p>To the emperor Caesar Augustus.</p></div>
      <div type="commentary"><p>The stone is broken.</p></div>
      <div type="apparatus"><listApp><app loc="1"><lem source="#ed1" resp="#ed1">Aug</lem><rdg source="#ed2">Avg</rdg></app></listApp></div>
      <div type="bibliography"><listBibl><bibl xml:id="ed1">Smith</bibl><bibl xml:id="ed2">Jones</bibl></listBibl></div>""",
    encoding="""<encodingDesc><charDecl><glyph xml:id="hedera"><desc>a leaf</desc></glyph></charDecl></encodingDesc>""",
    source="""<msDesc><msIdentifier><idno>IRT 1</idno></msIdentifier>
      <physDesc><objectDesc><supportDesc><support>Marble, <dimensions type="surface" unit="cm"><height>40</height><width>60</width><depth
        precision="low">12</depth></dimensions>.</support></supportDesc></objectDesc></physDesc></msDesc>""")

SHAPES = {"group": GROUP, "corpus": CORPUS, "stand-off": STAND_OFF, "dictionary": DICTIONARY, "epidoc": EPIDOC,
          "drama": DRAMA, "facsimile": FACSIMILE, "source-document": SOURCE_DOCUMENT, "title-page": TITLE_PAGE,
          "apparatus": APPARATUS, "note-places": NOTE_PLACES, "breaks": BREAKS, "tokens": TOKENS,
          "xml-names": XML_NAMES, "names": NAMES, "header": HEADER, "manuscript": MANUSCRIPT,
          "transcription": TRANSCRIPTION, "events": EVENTS}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_other_projects_construct_is_valid_here_and_in_tei(text, teipipe, tei_all):
    assert [str(f) for f in findings(text, teipipe)] == []
    assert [str(f) for f in findings(text, tei_all)] == []


@pytest.mark.parametrize("place, valid", [("bottom", True), ("margin right", True), ("inspace", True),
                                          ("footnote", False), ("fot", False)])
def test_note_place_is_one_of_teis_suggested_places(place, valid, teipipe):
    text = NOTE_PLACES.replace('place="top"', f'place="{place}"')
    assert (findings(text, teipipe) == []) is valid
