"""A manuscript description (teiHeader/fileDesc/sourceDesc/msDesc, as manuscript catalogues and
editions write it) keeps its parts apart in every format: its identifier on one line, each item
of its contents with locus, title and incipit, its measures with their units, its dating, its
parts, each labelled and in TEI's order, in the web edition, the text and the print edition
alike (xslt/common/msdesc.xsl)."""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import lxml.html

from pipeline.building import Settings, build
from pipeline.formats import FORMATS
from pipeline.sources import collect

MANUSCRIPT = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
  <titleStmt><title>Sermons of the Lund codex</title></titleStmt>
  <publicationStmt><publisher>P</publisher></publicationStmt>
  <sourceDesc><msDesc xml:id="ms">
    <msIdentifier><settlement>Lund</settlement><repository>Stadsarkiv</repository>
      <collection>Fonds Berg</collection><idno>MS 17</idno>
      <altIdentifier><idno>Berg 4</idno></altIdentifier></msIdentifier>
    <msContents><summary>Two sermons and a hymn.</summary>
      <msItem n="1"><locus from="1r" to="4v"/><author>Anselm</author><title>Sermo de pace</title>
        <incipit xml:lang="la">Pax vobis <hi rend="rubric">fratres</hi></incipit>
        <explicit xml:lang="la">in saecula saeculorum</explicit>
        <msItem><locus from="2r" to="3v"/><title>Exemplum de lupo</title><incipit>Lupus quidam</incipit></msItem>
      </msItem>
      <msItem n="2"><locus from="5r" to="9v"/><title>Hymnus matutinus</title>
        <incipit xml:lang="la">Iam lucis orto</incipit><colophon>Explicit hymnus</colophon></msItem>
    </msContents>
    <physDesc><objectDesc form="codex"><supportDesc>
        <support><material key="parchment"/></support>
        <extent><measure unit="leaf" quantity="9">9</measure>
          <dimensions unit="mm" type="leaf"><height>600</height><width>120</width></dimensions></extent>
        <foliation/><condition key="worn"/></supportDesc>
        <layoutDesc><layout columns="2" writtenLines="24"/></layoutDesc></objectDesc>
      <decoDesc><decoNote type="initial">Red initial on f. 1r.</decoNote></decoDesc></physDesc>
    <history><origin><origDate notBefore="1390" notAfter="1410">about 1400</origDate>
      <origPlace>Lund</origPlace></origin><acquisition>Bought in 1901.</acquisition></history>
    <msPart><msIdentifier><idno>MS 17 B</idno></msIdentifier>
      <msContents><msItem><title>Flyleaf notes</title></msItem></msContents></msPart>
  </msDesc></sourceDesc></fileDesc></teiHeader>
  <text><body><p>Pax vobis.</p></body></text></TEI>"""

IDENTIFIER = "Lund, Stadsarkiv, Fonds Berg, MS 17 (also Berg 4)"

# The description as a reader meets it: each heading, then its facts, in this order.
READING_ORDER = [
    "Identifier: " + IDENTIFIER,
    "Contents", "Summary: Two sermons and a hymn.",
    "Item 1", "Locus: 1r–4v", "Author: Anselm", "Title: Sermo de pace", "Incipit: Pax vobis fratres",
    "Explicit: in saecula saeculorum",
    "Item 1.1", "Locus: 2r–3v", "Title: Exemplum de lupo", "Incipit: Lupus quidam",
    "Item 2", "Locus: 5r–9v", "Title: Hymnus matutinus", "Incipit: Iam lucis orto", "Colophon: Explicit hymnus",
    "Physical description", "Form: codex", "Support: parchment", "Extent: 9 leaves; 600 × 120 mm (leaf)",
    "Condition: worn", "Layout: 2 columns, 24 written lines", "Decoration: Red initial on f. 1r.",
    "History", "Date: about 1400", "Place: Lund", "Acquisition: Bought in 1901.",
    "Part 1", "Identifier: MS 17 B", "Contents", "Item 1", "Title: Flyleaf notes",
]


def built(tmp_path: Path) -> Path:
    source = tmp_path / "codex.xml"
    source.write_text(MANUSCRIPT, encoding="utf-8")
    out = tmp_path / "out"
    settings = Settings(formats=tuple(FORMATS[f] for f in ("html", "txt", "fo")), out_dir=out, force=True, jobs=1)
    assert not [r.failure for r in build(collect([source]), settings) if r.failure]
    return out


def words(text: str) -> str:
    return " ".join(text.split())


def html_lines(out: Path) -> tuple[str, list[str]]:
    page = lxml.html.fromstring((out / "html" / "codex.html").read_bytes())
    facts = page.xpath("//dl[@class='metadata']")[0]
    source = words(facts.xpath("dt[. = 'Source']/following-sibling::dd[1]")[0].text_content())
    lines = []
    for e in page.xpath("//section[@class='manuscript']//*[self::h3 or self::h4 or self::h5 or self::h6 or self::dt]"):
        lines.append(words(e.text_content()) if e.tag != "dt"
                     else words(e.text_content()) + ": " + words(e.getnext().text_content()))
    assert words(page.xpath("//section[@class='manuscript']/h2")[0].text_content()) == "Manuscript"
    assert page.xpath("//dt[. = 'Incipit']/following-sibling::dd[1]/@lang")[0] == "la"
    return source, lines


def text_lines(out: Path) -> tuple[str, list[str]]:
    lines = (out / "txt" / "codex.txt").read_text(encoding="utf-8").splitlines()
    source = [line for line in lines if line.startswith("Source: ")][0].removeprefix("Source: ")
    start = lines.index("Manuscript")
    return source, [line.strip() for line in lines[start + 1:lines.index("", start)]]


def fo_lines(out: Path) -> tuple[str, list[str]]:
    fo = lxml.etree.parse(str(out / "fo" / "codex.fo"))
    ns = {"fo": "http://www.w3.org/1999/XSL/Format"}
    blocks = [words("".join(b.itertext())) for b in fo.xpath("//fo:block[not(fo:block)]", namespaces=ns)]
    source = [b for b in blocks if b.startswith("Source: ")][0].removeprefix("Source: ")
    start = blocks.index("Manuscript")
    return source, blocks[start + 1:start + 1 + len(READING_ORDER)]


def test_the_description_keeps_its_parts_labelled_and_in_order_in_every_format(tmp_path):
    out = built(tmp_path)
    for name, read in (("html", html_lines), ("txt", text_lines), ("fo", fo_lines)):
        source, lines = read(out)
        assert source == IDENTIFIER, name
        assert lines == READING_ORDER, name


def test_no_part_runs_into_another_nor_prints_a_bare_number(tmp_path):
    """What the flattened Source line used to print: titles and incipits of different items, and
    the bare numbers of the measures ("9, 600, 120"), comma-joined in one paragraph."""
    out = built(tmp_path)
    for name, read in (("html", html_lines), ("txt", text_lines), ("fo", fo_lines)):
        source, lines = read(out)
        for line in [source, *lines]:
            assert not ("Sermo de pace" in line and "Hymnus" in line), (name, line)
            assert "600, 120" not in line and ", ," not in line, (name, line)
            assert not line.split(": ")[-1].strip().isdigit(), (name, line)
